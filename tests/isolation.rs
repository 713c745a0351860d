//! The program keeps to itself: one writing copy per file across processes, no network at all,
//! and no personal data in its logs.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use common::{bytes, demo_file};
use placements::store::{OpenError, OpenMode, Store};

/// Run by the test below as a second process: opens the file for writing and holds it until
/// its standard input closes.
#[test]
#[ignore = "a child process of the isolation tests; they start it"]
fn child_holds_the_file_open() {
    let Ok(path) = std::env::var("PLACEMENTS_HOLD_FILE") else {
        panic!("set PLACEMENTS_HOLD_FILE: this runs as a child of the isolation tests");
    };
    let _store = Store::open(Path::new(&path), OpenMode::Edit).expect("open");
    println!("holding");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}

#[test]
fn a_second_copy_in_another_process_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "two-copies.placements", 20);
    let mut holder = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_holds_the_file_open", "--ignored", "--nocapture"])
        .env("PLACEMENTS_HOLD_FILE", &file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(holder.stdout.take().unwrap()).lines();
    assert!(lines.any(|l| l.is_ok_and(|l| l.contains("holding"))), "the first copy did not open the file");

    assert!(matches!(Store::open(&file, OpenMode::Edit), Err(OpenError::InUse { .. })));
    let before = bytes(&file);
    let csv = dir.path().join("groups.csv");
    std::fs::write(&csv, "name\nA Group That Must Not Land\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_placements"))
        .args(["import", "groups", file.to_str().unwrap(), csv.to_str().unwrap()])
        .env("PLACEMENTS_DATA_DIR", dir.path().join("data"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already open in another copy"));
    assert_eq!(bytes(&file), before);
    // Reading is still allowed.
    assert_eq!(Store::open(&file, OpenMode::ReadOnly).unwrap().counts().unwrap().groups, 20);

    // When the first copy dies without closing, the file can be written again.
    holder.kill().unwrap();
    holder.wait().unwrap();
    assert!(Store::open(&file, OpenMode::Edit).unwrap().is_writable());
}

#[test]
fn every_command_works_without_any_network() {
    let probe = Command::new("unshare").args(["--net", "true"]).status();
    assert!(
        probe.is_ok_and(|s| s.success()),
        "this test needs `unshare --net` (util-linux) and the right to make a network namespace (root)"
    );
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_placements");
    let file = dir.path().join("offline.placements");
    let trafford = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/registers/trafford-charities.csv");
    let path = |p: &Path| p.to_str().unwrap_or_default().to_owned();
    let commands: Vec<Vec<String>> = vec![
        vec!["demo".into(), path(&file), "--groups".into(), "200".into()],
        vec!["info".into(), path(&file), "--json".into()],
        vec!["import".into(), "groups".into(), path(&file), path(&trafford)],
        vec!["export".into(), "groups".into(), path(&file), path(&dir.path().join("out.csv"))],
        vec!["export".into(), "groups".into(), path(&file), path(&dir.path().join("out.xlsx"))],
        vec!["export".into(), "oruk".into(), path(&file), path(&dir.path().join("oruk"))],
    ];
    for args in commands {
        // A new network namespace has no interfaces but a loopback that is down: nothing can
        // be reached, not even this machine.
        let out = Command::new("unshare")
            .arg("--net")
            .arg(bin)
            .args(&args)
            .env("PLACEMENTS_DATA_DIR", dir.path().join("data"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?} failed without a network: {}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(Store::open(&file, OpenMode::ReadOnly).unwrap().counts().unwrap().groups, 200 + 736);
}

#[test]
fn logs_hold_no_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "private.placements", 50);
    // Everything personal in the file: participants' names, emails and mobiles, and contacts.
    let conn = rusqlite::Connection::open(&file).unwrap();
    let mut personal: Vec<String> = conn
        .prepare("SELECT name FROM participant UNION SELECT email FROM participant UNION SELECT mobile FROM participant UNION SELECT contact_name FROM community_group UNION SELECT contact_email FROM community_group")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    personal.retain(|p| !p.is_empty());
    assert!(personal.len() > 100);
    drop(conn);
    let mut logged = String::new();
    let junk = dir.path().join("junk.csv");
    std::fs::write(&junk, b"\x00\x01binary").unwrap();
    for args in [
        vec!["info", file.to_str().unwrap()],
        vec!["export", "groups", file.to_str().unwrap(), dir.path().join("o.csv").to_str().unwrap()],
        vec!["import", "groups", file.to_str().unwrap(), junk.to_str().unwrap()],
        vec!["info", junk.to_str().unwrap()],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_placements"))
            .args(&args)
            .env("RUST_LOG", "trace")
            .env("PLACEMENTS_DATA_DIR", dir.path().join("data"))
            .output()
            .unwrap();
        logged.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    for value in &personal {
        assert!(!logged.contains(value.as_str()), "the logs contain “{value}”");
    }
}
