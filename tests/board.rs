//! The board's placements in the file and on the command line: schema step 5, `check`, `offers`
//! and `place`, and `info --json`'s placements by status.

mod common;

use common::{demo_file, scalar};
use placements::model::clash::ClashKind;
use placements::store::{OpenMode, Store};

use common::run_in as run;

#[test]
fn a_step_4_file_upgrades_and_an_old_file_opened_read_only_still_reads() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "old.placements", 60);
    // The demo's offerless placement cannot be in a step-4 file; the others can.
    let with_offers: i64 = scalar(&file, "SELECT count(*) FROM placement WHERE offer_id IS NOT NULL");
    common::downgrade(&file, 4);
    assert_eq!(scalar::<i64>(&file, "PRAGMA user_version"), 4);
    let before = common::bytes(&file);
    // Read-only: read through an upgraded copy in memory, the file untouched.
    let reader = Store::open(&file, OpenMode::ReadOnly).unwrap();
    let summaries = reader.placement_summaries().unwrap();
    assert_eq!(summaries.len() as i64, with_offers);
    assert!(summaries.iter().all(|p| p.status == placements::model::PlacementStatus::Pencilled));
    drop(reader);
    assert_eq!(common::bytes(&file), before);
    // For writing: upgraded in place, every placement kept, pencilled.
    let store = Store::open(&file, OpenMode::Edit).unwrap();
    assert_eq!(store.schema_version().unwrap(), placements::store::SCHEMA_VERSION);
    assert_eq!(store.placement_summaries().unwrap().len() as i64, with_offers);
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM placement WHERE status = 'pencilled'"), with_offers);
}

#[test]
fn check_lists_every_clash_and_fails_until_each_is_placed_anyway() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "check.placements", 200);
    let f = file.to_str().unwrap();
    let (ok, out, _) = run(dir.path(), &["check", f]);
    assert!(!ok, "the demo's clash stands");
    let clash_lines: Vec<&str> = out.lines().filter(|l| l.contains(" · clash: ")).collect();
    assert!(!clash_lines.is_empty(), "{out}");
    assert!(clash_lines.iter().all(|l| l.contains("already hosts") || l.contains("can host")), "{out}");
    // Each line names the day both ways, the team with its cohort, and the group and activity.
    let line = clash_lines[0];
    assert!(line.starts_with("2027-") && line.contains(" (") && line.contains("2027) · Team "), "{line}");

    let (_, json, _) = run(dir.path(), &["check", f, "--json"]);
    let rows: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), out.lines().count());
    assert!(rows.iter().any(|r| r["severity"] == "clash" && r["overridden"] == false));

    // Placing each clashing placement anyway (by the store, as the window does) settles it.
    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    let programme = store.programme().unwrap();
    for found in placements::model::clash::check_all(&programme, None).iter().filter(|f| f.problem.is_hard()) {
        let p = programme.placement(found.placement).unwrap();
        let reason = placements::store::Override {
            reason: "Agreed with both groups".into(),
            kinds: vec![ClashKind::OfferTaken, ClashKind::OfferFull],
        };
        store.move_placement(p.id, p.day, p.offer, Some(&reason)).unwrap();
    }
    drop(store);
    let (ok, out, _) = run(dir.path(), &["check", f]);
    assert!(ok, "{out}");
    assert!(out.contains("[placed anyway: Agreed with both groups]"), "{out}");
}

#[test]
fn offers_lists_ids_and_places_and_filters_by_day() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "offers.placements", 200);
    let f = file.to_str().unwrap();
    let (ok, json, err) = run(dir.path(), &["offers", f, "--json"]);
    assert!(ok, "{err}");
    let all: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    let all = all.as_array().unwrap();
    assert_eq!(all.len() as i64, scalar::<i64>(&file, "SELECT count(*) FROM offer"));
    for key in [
        "id",
        "group",
        "title",
        "neighbourhood",
        "first_date",
        "last_date",
        "team_size_min",
        "team_size_max",
        "places_left",
    ] {
        assert!(all.iter().all(|o| o.get(key).is_some()), "{key}");
    }
    // On a Saturday, only offers that run at weekends (none in the demo) are listed.
    let (_, saturday, _) = run(dir.path(), &["offers", f, "--available-on", "2027-04-10", "--json"]);
    assert_eq!(saturday.trim(), "[]");
    let (_, tuesday, _) = run(dir.path(), &["offers", f, "--available-on", "2027-04-13"]);
    assert!(!tuesday.trim().is_empty() && tuesday.lines().count() < all.len());
    let (ok, _, err) = run(dir.path(), &["offers", f, "--available-on", "13/04/2027"]);
    assert!(!ok && err.contains("is not a date like 2027-04-14"), "{err}");
}

#[test]
fn place_refuses_a_clash_in_words_unless_overridden_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "place.placements", 200);
    let f = file.to_str().unwrap();
    // Team 5 of the junior doctors has no day yet; Team 1 has one.
    let day: String = scalar(
        &file,
        "SELECT p.day FROM placement p JOIN team t ON t.id = p.team_id JOIN cohort c ON c.id = t.cohort_id
         WHERE c.name = 'Junior doctors 2027' AND t.name = 'Team 1'",
    );
    let before = common::dump(&file);
    let (ok, out, err) =
        run(dir.path(), &["place", f, "--cohort", "Junior doctors 2027", "--team", "Team 1", "--date", &day]);
    assert!(!ok, "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("Team 1 was not placed on") && err.contains("is already out that day"), "{err}");
    assert!(err.contains("--override"), "{err}");
    assert_eq!(common::dump(&file), before);

    let (ok, out, err) = run(
        dir.path(),
        &[
            "place",
            f,
            "--cohort",
            "junior doctors 2027",
            "--team",
            "team 1",
            "--date",
            &day,
            "--override",
            "A second trip",
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("placed anyway: Team 1 (Junior doctors 2027) is already out that day"), "{out}");
    let reason: String = scalar(&file, "SELECT override_reason FROM placement ORDER BY id DESC LIMIT 1");
    assert_eq!(reason, "A second trip");

    let (ok, out, err) =
        run(dir.path(), &["place", f, "--cohort", "Junior doctors 2027", "--team", "Team 5", "--date", "2027-04-13"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("placed Team 5 (Junior doctors 2027) on 2027-04-13 (Tue 13 Apr 2027)"), "{out}");

    let (_, info, _) = run(dir.path(), &["info", f, "--json"]);
    let info: serde_json::Value = serde_json::from_str(info.trim()).unwrap();
    let by_status = info["placements_by_status"].as_object().unwrap();
    let names: Vec<&str> = by_status.keys().map(String::as_str).collect();
    assert_eq!(names, ["cancelled", "confirmed", "done", "pencilled"]);
    assert_eq!(by_status.values().map(|n| n.as_u64().unwrap()).sum::<u64>(), info["placements"].as_u64().unwrap());
    for (status, n) in by_status {
        let counted: i64 = scalar(&file, &format!("SELECT count(*) FROM placement WHERE status = '{status}'"));
        assert_eq!(n.as_i64(), Some(counted), "{status}");
    }
}

#[test]
fn a_swap_exchanges_two_teams_days_and_activities_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "swap.placements", 200);
    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    let placed = store.placement_summaries().unwrap();
    let (a, b) = (&placed[0], &placed[1]);
    let before = common::dump(&file);
    let change = store.swap_placements(a.id, b.id, None).unwrap();
    assert_eq!(change.label, format!("Swap {} and {}", a.team_name, b.team_name));
    let after = store.placement_summaries().unwrap();
    let find = |id| after.iter().find(|p| p.id == id).unwrap();
    assert_eq!((find(a.id).team, find(a.id).day, find(a.id).offer), (b.team, a.day, a.offer));
    assert_eq!((find(b.id).team, find(b.id).day, find(b.id).offer), (a.team, b.day, b.offer));
    store.undo(&change).unwrap();
    assert_eq!(common::dump(&file), before);
}
