//! The command line, run as a user runs it: the real binary, real files.

mod common;

use std::process::Command;

use common::bytes;

fn placements(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_placements")).args(args).env("RUST_LOG", "off").output().expect("run placements")
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
    let out = placements(&["demo", file_arg, "--year", "2027"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = placements(&["info", file_arg, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.trim().lines().count(), 1, "exactly one JSON object: {text}");
    let info: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(info["schema_version"], placements::store::SCHEMA_VERSION);
    assert_eq!(info["groups"], 1500);
    assert_eq!(info["offers"], 150);
    assert_eq!(info["cohorts"], 2);
    assert_eq!(info["participants"], 124);
    assert_eq!(info["teams"], 6 + 20);
    assert!(info["placements"].as_u64().unwrap() >= 10, "{info}");
    // Offers by status: every status named, adding up to the offers, each matching the file.
    let by_status = info["offers_by_status"].as_object().unwrap();
    let names: Vec<&str> = by_status.keys().map(String::as_str).collect();
    assert_eq!(names, ["completed", "confirmed", "draft", "offered", "withdrawn"]);
    assert_eq!(by_status.values().map(|n| n.as_u64().unwrap()).sum::<u64>(), 150);
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

    let out = placements(&["info", file_arg]);
    assert!(stdout(&out).contains("Community groups:   1,500"), "{}", stdout(&out));
}

#[test]
fn the_same_seed_gives_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.placements");
    let b = dir.path().join("b.placements");
    let c = dir.path().join("c.placements");
    for (path, seed) in [(&a, "11"), (&b, "11"), (&c, "12")] {
        let out = placements(&["demo", path.to_str().unwrap(), "--seed", seed, "--groups", "300", "--year", "2028"]);
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
    let out = placements(&["demo", file.to_str().unwrap()]);
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
        let out = placements(&args);
        assert!(!out.status.success());
        assert!(stdout(&out).is_empty());
        let err = stderr(&out);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains("not a Community Placements database"), "{err}");
    }
    assert_eq!(bytes(&file), junk);

    let missing = dir.path().join("missing.placements");
    let out = placements(&["info", missing.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(!missing.exists());
}

#[test]
fn help_describes_each_command() {
    let out = placements(&["--help"]);
    assert!(out.status.success());
    let help = stdout(&out);
    for word in ["demo", "info", "FILE"] {
        assert!(help.contains(word), "{help}");
    }
    let out = placements(&["demo", "--help"]);
    assert!(stdout(&out).contains("--groups") && stdout(&out).contains("--seed") && stdout(&out).contains("--year"));
    let out = placements(&["info", "--help"]);
    assert!(stdout(&out).contains("--json"));
}

#[test]
fn teams_proposes_mixed_teams_and_apply_saves_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("teams.placements");
    let file_arg = file.to_str().unwrap();
    assert!(placements(&["demo", file_arg, "--year", "2027", "--groups", "50"]).status.success());
    let before = bytes(&file);
    let args = ["teams", file_arg, "--cohort", "systems leaders 2027", "--size", "5", "--seed", "4"];
    let out = placements(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.trim().lines().collect();
    assert_eq!(lines.len(), 20, "{text}");
    // 100 people from 12 organisations: no team needs two from one organisation.
    assert!(lines.iter().all(|l| l.contains("(5 organisations, ")), "{text}");
    assert_eq!(bytes(&file), before, "without --apply nothing is written");
    assert_eq!(stdout(&placements(&args)), text, "the same seed gives the same teams");

    let mut apply = args.to_vec();
    apply.push("--apply");
    let out = placements(&apply);
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

    let unknown = placements(&["teams", file_arg, "--cohort", "Nobody", "--size", "4"]);
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("there is no cohort called “Nobody”"), "{}", stderr(&unknown));
}
