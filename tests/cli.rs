//! The command line, run as a user runs it: the real binary, real files.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::path::Path;
use std::process::Command;

use common::{bytes, demo_file};

/// Runs the real binary with its data folder inside `dir` (never the real one).
fn placements(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_placements"))
        .args(args)
        .env("RUST_LOG", "off")
        .env("PLACEMENTS_DATA_DIR", dir.join("data"))
        .output()
        .expect("run placements")
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn demo_then_info_json_gives_the_promised_counts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.placements");
    let file_arg = file.to_str().unwrap();
    let out = placements(dir.path(), &["demo", file_arg, "--year", "2027"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = placements(dir.path(), &["info", file_arg, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.trim().lines().count(), 1, "exactly one JSON object: {text}");
    let info: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(info["schema_version"], placements::store::SCHEMA_VERSION);
    assert_eq!(info["groups"], 1500);
    // This year's two cohorts and 150 offers, and last year's finished programme (eight teams of
    // five, each with its own offer).
    assert_eq!(info["offers"], 150 + 8);
    assert_eq!(info["cohorts"], 3);
    assert_eq!(info["participants"], 124 + 40);
    assert_eq!(info["teams"], 6 + 20 + 8);
    assert!(info["placements"].as_u64().unwrap() >= 10, "{info}");
    // Offers by status: every status named, adding up to the offers, each matching the file.
    let by_status = info["offers_by_status"].as_object().unwrap();
    let names: Vec<&str> = by_status.keys().map(String::as_str).collect();
    assert_eq!(names, ["completed", "confirmed", "draft", "offered", "withdrawn"]);
    assert_eq!(by_status.values().map(|n| n.as_u64().unwrap()).sum::<u64>(), 158);
    for (status, n) in by_status {
        let counted: i64 = rusqlite::Connection::open(&file)
            .unwrap()
            .query_row("SELECT count(*) FROM offer WHERE status = ?1", [status], |r| r.get(0))
            .unwrap();
        assert_eq!(n.as_i64(), Some(counted), "{status}");
    }
    assert!(by_status["confirmed"].as_u64().unwrap() > 0 && by_status["draft"].as_u64().unwrap() > 0);

    // The demo holds at least one clash for the board to show.
    let store = placements::store::Store::open(&file, placements::store::OpenMode::ReadOnly).unwrap();
    let facts: Vec<_> =
        store.placement_summaries().unwrap().iter().map(placements::model::clash::PlacementFacts::from).collect();
    assert!(!placements::model::clash::find_clashes(&facts).is_empty());

    let out = placements(dir.path(), &["info", file_arg]);
    assert!(stdout(&out).contains("Community groups:   1,500"), "{}", stdout(&out));
}

#[test]
fn the_same_seed_gives_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.placements");
    let b = dir.path().join("b.placements");
    let c = dir.path().join("c.placements");
    for (path, seed) in [(&a, "11"), (&b, "11"), (&c, "12")] {
        let out = placements(
            dir.path(),
            &["demo", path.to_str().unwrap(), "--seed", seed, "--groups", "300", "--year", "2028"],
        );
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert_eq!(bytes(&a), bytes(&b));
    assert_ne!(bytes(&a), bytes(&c));
}

#[test]
fn demo_refuses_to_overwrite_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("precious.placements");
    std::fs::write(&file, "my notes, not a database").unwrap();
    let out = placements(dir.path(), &["demo", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert_eq!(stderr(&out).trim().lines().count(), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(bytes(&file), b"my notes, not a database");
}

#[test]
fn info_on_a_bad_file_fails_with_one_line_and_leaves_it_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("junk.placements");
    let junk: Vec<u8> = (0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(&file, &junk).unwrap();
    for args in [vec!["info", file.to_str().unwrap()], vec!["info", file.to_str().unwrap(), "--json"]] {
        let out = placements(dir.path(), &args);
        assert!(!out.status.success());
        assert!(stdout(&out).is_empty());
        let err = stderr(&out);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains("not a Community Placements database"), "{err}");
    }
    assert_eq!(bytes(&file), junk);

    let missing = dir.path().join("missing.placements");
    let out = placements(dir.path(), &["info", missing.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(!missing.exists());
}

#[test]
fn help_describes_each_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = placements(dir.path(), &["--help"]);
    assert!(out.status.success());
    let help = stdout(&out);
    for word in ["demo", "info", "FILE"] {
        assert!(help.contains(word), "{help}");
    }
    let out = placements(dir.path(), &["demo", "--help"]);
    assert!(stdout(&out).contains("--groups") && stdout(&out).contains("--seed") && stdout(&out).contains("--year"));
    let out = placements(dir.path(), &["info", "--help"]);
    assert!(stdout(&out).contains("--json"));
}

#[test]
fn teams_proposes_mixed_teams_and_apply_saves_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("teams.placements");
    let file_arg = file.to_str().unwrap();
    assert!(placements(dir.path(), &["demo", file_arg, "--year", "2027", "--groups", "50"]).status.success());
    let before = bytes(&file);
    let args = ["teams", file_arg, "--cohort", "systems leaders 2027", "--size", "5", "--seed", "4"];
    let out = placements(dir.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.trim().lines().collect();
    assert_eq!(lines.len(), 20, "{text}");
    // 100 people from 12 organisations: no team needs two from one organisation.
    assert!(lines.iter().all(|l| l.contains("(5 organisations, ")), "{text}");
    assert_eq!(bytes(&file), before, "without --apply nothing is written");
    assert_eq!(stdout(&placements(dir.path(), &args)), text, "the same seed gives the same teams");

    let mut apply = args.to_vec();
    apply.push("--apply");
    let out = placements(dir.path(), &apply);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim().lines().last(), Some("saved 20 teams"));
    let conn = rusqlite::Connection::open(&file).unwrap();
    let sizes: Vec<i64> = conn
        .prepare(
            "SELECT count(*) FROM participant p JOIN cohort c ON c.id = p.cohort_id
             WHERE c.name = 'Systems leaders 2027' GROUP BY p.team_id ORDER BY p.team_id",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(sizes, vec![5; 20], "everyone in a team of five");
    let shared: i64 = conn
        .query_row(
            "SELECT count(*) FROM participant a JOIN participant b ON a.team_id = b.team_id AND a.id < b.id
             AND a.organisation_id = b.organisation_id
             WHERE a.cohort_id = (SELECT id FROM cohort WHERE name = 'Systems leaders 2027')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(shared, 0, "no two colleagues in one team");

    let unknown = placements(dir.path(), &["teams", file_arg, "--cohort", "Nobody", "--size", "4"]);
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("there is no cohort called “Nobody”"), "{}", stderr(&unknown));
}

/// Every command, as a coordinator would run them one after another on real files. The test
/// below runs this whole file again with `HOME` pointed at an empty folder.
#[test]
fn every_command_runs_on_real_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("programme.placements");
    let file_arg = file.to_str().unwrap();
    let run = |args: &[&str]| {
        let out = placements(dir.path(), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    run(&["demo", file_arg, "--groups", "40", "--year", "2027"]);
    let groups = dir.path().join("groups.csv");
    std::fs::write(
        &groups,
        "name,postcode,charity number\nHarbour Lights Choir,FY7 6AB,\nFleetwood Tidy Beaches,FY7 8CD,\n",
    )
    .unwrap();
    assert!(run(&["import", "groups", file_arg, groups.to_str().unwrap()]).contains("imported 2,"));
    let offers = dir.path().join("offers.csv");
    std::fs::write(
        &offers,
        "group,title,first day,last day,days,team size\nHarbour Lights Choir,Concert set-up,05/04/2027,28/05/2027,Mon-Fri,3-6\n",
    )
    .unwrap();
    assert!(run(&["import", "offers", file_arg, offers.to_str().unwrap()]).contains("imported 1,"));
    let roster = dir.path().join("roster.csv");
    std::fs::write(&roster, "name,email,organisation\nAsha Patel,asha@example.org,Blackpool Teaching Hospitals\n")
        .unwrap();
    let imported = run(&["import", "participants", file_arg, roster.to_str().unwrap(), "--cohort", "Wave 9"]);
    assert!(imported.contains("imported 1,"), "{imported}");
    run(&["teams", file_arg, "--cohort", "Wave 9", "--size", "4", "--apply"]);
    let csv_out = dir.path().join("out.csv");
    assert!(run(&["export", "groups", file_arg, csv_out.to_str().unwrap()]).contains("exported 42 groups"));
    let oruk = dir.path().join("oruk");
    run(&["export", "oruk", file_arg, oruk.to_str().unwrap()]);
    assert!(oruk.join("organizations.csv").exists());
    assert!(run(&["info", file_arg, "--json"]).contains("\"groups\":42"));
    assert!(
        run(&["offers", file_arg, "--available-on", "2027-04-13"]).contains("Harbour Lights Choir: Concert set-up")
    );
    let placed = run(&["place", file_arg, "--cohort", "Wave 9", "--team", "Team 1", "--date", "2027-04-13"]);
    assert!(placed.starts_with("placed Team 1 (Wave 9) on 2027-04-13"), "{placed}");
    // The demo's clash stands: check prints it and fails; the new placement has none.
    let out = placements(dir.path(), &["check", file_arg, "--cohort", "Wave 9"]);
    assert!(out.status.success(), "{}", stdout(&out));
    // Each writing command took a backup first, into the data folder it was given.
    assert!(!placements::store::Backups::new(dir.path().join("data").join("backups")).all().is_empty());
}

#[test]
fn a_dash_from_word_in_a_postcode_is_kept_as_given_without_a_fault() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dash.placements");
    let file_arg = file.to_str().unwrap();
    assert!(placements(dir.path(), &["demo", file_arg, "--groups", "20", "--year", "2027"]).status.success());
    let csv = dir.path().join("register.csv");
    std::fs::write(&csv, "name,postcode\nLytham Quilters,TBC – ?\nSt Annes Sea Swimmers,ＦＹ８ ２ＡＢ\n").unwrap();
    let out = placements(dir.path(), &["import", "groups", file_arg, csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("line 2: kept as given: “TBC – ?”"), "{}", stdout(&out));
    assert!(stdout(&out).ends_with("imported 2, updated 0, skipped 0, errors 0\n"), "{}", stdout(&out));
    let kept: String = common::scalar(&file, "SELECT postcode FROM community_group WHERE name = 'Lytham Quilters'");
    assert_eq!(kept, "TBC – ?");
    // Assigning neighbourhoods from postcodes passes over it.
    let mut store = placements::store::Store::open(&file, placements::store::OpenMode::Edit).unwrap();
    store.apply_postcode_rules(placements::store::Overwrite::All).unwrap();
}

#[test]
fn a_fault_in_the_program_prints_one_line_exits_1_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fault.placements");
    let file_arg = file.to_str().unwrap();
    assert!(placements(dir.path(), &["demo", file_arg, "--groups", "20", "--year", "2027"]).status.success());
    let csv = dir.path().join("register.csv");
    std::fs::write(&csv, "name\nCleveleys Model Railway Club\nThornton Gardeners\n").unwrap();
    let before = common::dump(&file);
    let import = |backtrace: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_placements"));
        command
            .args(["import", "groups", file_arg, csv.to_str().unwrap()])
            .env("PLACEMENTS_DATA_DIR", dir.path().join("data"))
            .env("PLACEMENTS_INJECT_FAULT", "import")
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LOG");
        if let Some(value) = backtrace {
            command.env("RUST_BACKTRACE", value);
        }
        command.output().unwrap()
    };
    let out = import(None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("placements: the command stopped because of a fault in the program"), "{err}");
    assert!(!err.contains("backtrace") && !err.contains("panicked"), "{err}");
    assert_eq!(common::dump(&file), before, "the import was rolled back");

    let out = import(Some("1"));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("panicked"), "RUST_BACKTRACE asks for Rust's own report: {}", stderr(&out));
    assert_eq!(common::dump(&file), before);
}

/// The whole command-line suite again, with `HOME` pointed at an empty folder: a command that
/// wrote anything (a backup, a setting) outside the data folder it was given would leave it there.
#[test]
fn the_command_line_suite_leaves_the_home_folder_untouched() {
    if std::env::var_os("PLACEMENTS_SUITE_HOME").is_some() {
        return; // This is the suite's own run: do not start another.
    }
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--test-threads", "2"])
        .env("HOME", home.path())
        .env("PLACEMENTS_SUITE_HOME", home.path())
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("PLACEMENTS_DATA_DIR")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("every_command_runs_on_real_files ... ok"), "{}", stdout(&out));
    let left: Vec<_> = std::fs::read_dir(home.path()).unwrap().flatten().map(|e| e.path()).collect();
    assert!(left.is_empty(), "the suite wrote into HOME: {left:?}");
}

#[test]
fn new_makes_an_empty_file_and_never_overwrites_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("Fylde 2028.placements");
    let out = placements(dir.path(), &["new", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), format!("made {}: an empty placement database", file.display()));
    let out = placements(dir.path(), &["info", file.to_str().unwrap(), "--json"]);
    let info: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(
        (info["groups"].as_u64(), info["offers"].as_u64(), info["cohorts"].as_u64()),
        (Some(0), Some(0), Some(0))
    );
    assert_eq!(info["schema_version"], placements::store::SCHEMA_VERSION);

    // Again, over the file: refused, the file untouched.
    let before = std::fs::read(&file).unwrap();
    let out = placements(dir.path(), &["new", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert_eq!(stderr(&out).trim().lines().count(), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("could not make"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// `placements offers FILE | true`: the reader has gone before the list is written. Not a
/// fault: no panic, nothing on standard error, exit 0 (the list was not wanted).
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "pipe.placements", 300);
    for _ in 0..3 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_placements"))
            .args(["offers", file.to_str().unwrap()])
            .env("PLACEMENTS_DATA_DIR", dir.path().join("data"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes at once, as `true` does
        let out = child.wait_with_output().unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!said.contains("panicked"), "{said}");
        assert_eq!(out.status.code(), Some(0), "{said}");
    }
}

/// A name from a file that holds a right-to-left override and a terminal escape is repeated
/// in a message with those characters written out (`\u202E`), never as they are.
#[test]
fn control_characters_from_a_file_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "controls.placements", 40);
    let offers = dir.path().join("offers.csv");
    std::fs::write(
        &offers,
        "group,title,first day,last day,days,team size\n\
         Harbour\u{202E}Choir\u{1B}[31m,Concert set-up,05/04/2027,28/05/2027,Mon-Fri,3-6\n",
    )
    .unwrap();
    let out = common::placements(
        &["import", "offers", file.to_str().unwrap(), offers.to_str().unwrap()],
        &dir.path().join("data"),
    );
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("Harbour\\u202EChoir\\u001B[31m"), "{said}");
    assert!(!said.contains('\u{202E}') && !said.contains('\u{1B}'), "{said:?}");
}
