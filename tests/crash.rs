//! Crashes lose nothing: the program is killed with SIGKILL at many moments during an import,
//! during a run of edits, and during Save As. After each kill the file passes
//! `PRAGMA integrity_check`, opens in the program, and holds exactly the state before an
//! operation or after it, never part of one.
//!
//! The kill moments are spread evenly over 1.4 times what an uninterrupted run takes, with a
//! deterministic jitter, so every run of the test covers the start, the middle, the end and just
//! after it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{demo_file, dump};
use placements::model::{ImportGroup, OnDuplicate};
use placements::store::{OpenMode, Store};

const KILLS: u64 = 50;

fn integrity_ok(path: &Path) -> bool {
    // Opening read-write lets SQLite roll back a hot journal, as the program does on open.
    let conn = rusqlite::Connection::open(path).expect("open after the kill");
    let result: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check");
    result == "ok"
}

fn count(path: &Path, sql: &str) -> i64 {
    common::scalar(path, sql)
}

/// The n-th of `KILLS` moments over `span`, with a little deterministic jitter.
fn moment(n: u64, span: Duration) -> Duration {
    let jitter = (n.wrapping_mul(2_654_435_761) % 1000) as f64 / 1000.0;
    span.mul_f64(((n as f64) + jitter) / KILLS as f64 * 1.4)
}

fn kill_after(mut child: Child, delay: Duration) -> bool {
    std::thread::sleep(delay);
    let finished = matches!(child.try_wait(), Ok(Some(_)));
    let _ = child.kill();
    let _ = child.wait();
    !finished
}

fn big_csv(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join("big.csv");
    let mut text = String::from("name,postcode,phone,description\n");
    for i in 0..rows {
        text.push_str(&format!(
            "Crash Test Group {i},FY{} {}AB,01632 960{:03},Meets on Tuesdays to do thing number {i}\n",
            1 + i % 8,
            1 + i % 9,
            i % 1000
        ));
    }
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn killing_an_import_leaves_the_file_before_or_after_never_between() {
    let dir = tempfile::tempdir().unwrap();
    let pristine = demo_file(dir.path(), "pristine.placements", 50);
    let csv = big_csv(dir.path(), 20_000);
    let before = dump(&pristine);
    let groups_before = count(&pristine, "SELECT count(*) FROM community_group");
    let import = |file: &Path| {
        Command::new(env!("CARGO_BIN_EXE_placements"))
            .args(["import", "groups", file.to_str().unwrap_or_default(), csv.to_str().unwrap_or_default()])
            .env("PLACEMENTS_DATA_DIR", dir.path().join("data"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the import")
    };
    // How long an import takes when left alone.
    let timing = dir.path().join("timing.placements");
    std::fs::copy(&pristine, &timing).unwrap();
    let started = Instant::now();
    assert!(import(&timing).wait().unwrap().success());
    let span = started.elapsed();
    let groups_after = count(&timing, "SELECT count(*) FROM community_group");
    assert_eq!(groups_after, groups_before + 20_000);

    let (mut interrupted, mut completed) = (0, 0);
    for n in 0..KILLS {
        let file = dir.path().join(format!("kill-{n}.placements"));
        std::fs::copy(&pristine, &file).unwrap();
        if kill_after(import(&file), moment(n, span)) {
            interrupted += 1;
        }
        assert!(integrity_ok(&file), "kill {n}: integrity_check failed");
        let store =
            Store::open(&file, OpenMode::Edit).unwrap_or_else(|e| panic!("kill {n}: the program refused it: {e}"));
        assert!(store.is_writable(), "kill {n}: a lock left by the killed process kept the file read-only");
        drop(store);
        let groups = count(&file, "SELECT count(*) FROM community_group");
        if groups == groups_before {
            assert_eq!(dump(&file), before, "kill {n}: not exactly the state before");
        } else {
            assert_eq!(groups, groups_after, "kill {n}: part of an import is in the file");
            completed += 1;
        }
        // The search index is in step with the rows either way.
        assert_eq!(count(&file, "SELECT count(*) FROM group_text"), groups, "kill {n}");
        std::fs::remove_file(&file).unwrap();
    }
    assert!(interrupted >= KILLS / 5, "too few kills landed during the import ({interrupted})");
    println!("{interrupted} of {KILLS} kills interrupted the import; {completed} found it complete");
}

/// Run by the crash test below as a child process: keeps importing batches of five groups,
/// each batch one transaction, until killed.
#[test]
#[ignore = "a child process of the crash tests; they start it"]
fn child_keeps_editing() {
    let Ok(path) = std::env::var("PLACEMENTS_CRASH_FILE") else {
        panic!("set PLACEMENTS_CRASH_FILE: this runs as a child of the crash tests");
    };
    let mut store = Store::open(Path::new(&path), OpenMode::Edit).expect("open");
    for batch in 0..100_000 {
        let rows: Vec<ImportGroup> = (0..5)
            .map(|row| ImportGroup {
                edit: placements::model::GroupEdit::check(placements::model::CommunityGroup {
                    name: format!("Batch {batch} row {row}"),
                    ..Default::default()
                })
                .expect("a valid group"),
                categories: vec!["crash".to_owned()],
                neighbourhood: None,
                duplicate_of: None,
                earlier_line: None,
                matched_on: String::new(),
                doubtful_of: None,
            })
            .collect();
        store.import_groups("Batch", &rows, OnDuplicate::New, &mut |_| true).expect("batch");
    }
}

#[test]
fn killing_a_run_of_edits_never_leaves_half_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let pristine = demo_file(dir.path(), "edits.placements", 20);
    let groups_before = count(&pristine, "SELECT count(*) FROM community_group");
    for n in 0..KILLS {
        let file = dir.path().join(format!("edits-{n}.placements"));
        std::fs::copy(&pristine, &file).unwrap();
        let child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "child_keeps_editing", "--ignored", "--nocapture"])
            .env("PLACEMENTS_CRASH_FILE", &file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        kill_after(child, moment(n, Duration::from_millis(1500)));
        assert!(integrity_ok(&file), "kill {n}: integrity_check failed");
        drop(Store::open(&file, OpenMode::Edit).unwrap_or_else(|e| panic!("kill {n}: refused: {e}")));
        let added = count(&file, "SELECT count(*) FROM community_group") - groups_before;
        assert_eq!(added % 5, 0, "kill {n}: {added} groups added, not whole batches");
        let links = count(
            &file,
            "SELECT count(*) FROM group_category gc JOIN category c ON c.id = gc.category_id WHERE c.name = 'crash'",
        );
        assert_eq!(links, added, "kill {n}: a batch's category links are not whole");
        std::fs::remove_file(&file).unwrap();
    }
}

/// Run by the Save As crash test as a child process: saves the file as the target, then exits.
#[test]
#[ignore = "a child process of the crash tests; they start it"]
fn child_saves_as() {
    let (Ok(source), Ok(target)) = (std::env::var("PLACEMENTS_CRASH_FILE"), std::env::var("PLACEMENTS_CRASH_TARGET"))
    else {
        panic!("set PLACEMENTS_CRASH_FILE and PLACEMENTS_CRASH_TARGET: this runs as a child of the crash tests");
    };
    let mut store = Store::open(Path::new(&source), OpenMode::Edit).expect("open");
    store.save_as(Path::new(&target)).expect("save as");
}

#[test]
fn killing_save_as_leaves_the_original_whole_and_the_copy_absent_or_complete() {
    let dir = tempfile::tempdir().unwrap();
    let original = demo_file(dir.path(), "original.placements", 20_000);
    let before = dump(&original);
    let save_as = |target: &Path| {
        Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "child_saves_as", "--ignored", "--nocapture"])
            .env("PLACEMENTS_CRASH_FILE", &original)
            .env("PLACEMENTS_CRASH_TARGET", target)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let timing = dir.path().join("timing-copy.placements");
    let started = Instant::now();
    assert!(save_as(&timing).wait().unwrap().success());
    let span = started.elapsed();
    assert_eq!(dump(&timing), before);
    let (mut absent, mut complete) = (0, 0);
    for n in 0..KILLS {
        let target = dir.path().join(format!("copy-{n}.placements"));
        kill_after(save_as(&target), moment(n, span));
        assert!(integrity_ok(&original), "kill {n}: the original is damaged");
        if target.exists() {
            assert!(integrity_ok(&target), "kill {n}: the copy is damaged");
            assert_eq!(dump(&target), before, "kill {n}: the copy is incomplete");
            complete += 1;
            std::fs::remove_file(&target).unwrap();
        } else {
            absent += 1;
        }
    }
    assert_eq!(dump(&original), before, "the original changed");
    println!("{absent} kills left no copy, {complete} a complete one");
}

/// A file left by a killed import (its hot journal beside it) is read by a read-only command:
/// the half-made change is rolled back first, and `info` counts the groups from before the
/// import (it said "attempt to write a readonly database" 9 times in 10).
#[test]
fn a_file_left_by_a_killed_import_is_read_as_it_was_before() {
    let dir = tempfile::tempdir().unwrap();
    let pristine = demo_file(dir.path(), "pristine.placements", 50);
    let csv = big_csv(dir.path(), 20_000);
    let before = count(&pristine, "SELECT count(*) FROM community_group");
    let mut left_journals = 0;
    for n in 0..30 {
        let file = dir.path().join(format!("left-{n}.placements"));
        std::fs::copy(&pristine, &file).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_placements"))
            .args(["import", "groups", file.to_str().unwrap(), csv.to_str().unwrap()])
            .env("PLACEMENTS_DATA_DIR", dir.path().join("data"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        kill_after(child, Duration::from_millis(300 + 60 * n));
        // Only a journal SQLite must roll back counts: one that starts with its magic number.
        let journal = dir.path().join(format!("left-{n}.placements-journal"));
        let hot =
            std::fs::read(&journal).is_ok_and(|b| b.starts_with(&[0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]));
        if !hot {
            continue;
        }
        left_journals += 1;
        let (ok, said, err) = common::run_in(dir.path(), &["info", file.to_str().unwrap(), "--json"]);
        assert!(ok, "kill {n}: {err}");
        let info: serde_json::Value = serde_json::from_str(said.trim()).unwrap();
        assert_eq!(info["groups"].as_i64(), Some(before), "kill {n}: the groups from before the import");
        // And the library's own read-only open.
        let store = Store::open(&file, OpenMode::ReadOnly).unwrap();
        assert_eq!(store.counts().unwrap().groups, before as u64);
        if left_journals >= 3 {
            break;
        }
    }
    assert!(left_journals > 0, "no kill landed while the import was writing");
}
