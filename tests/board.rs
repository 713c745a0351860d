//! The board's placements in the file and on the command line: schema step 5, `check`, `offers`
//! and `place`, and `info --json`'s placements by status.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use common::{demo_file, scalar};
use placements::edit::{BoardEdit, apply};
use placements::model::clash::ClashKind;
use placements::store::{OpenMode, Store};
use proptest::prelude::*;

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

    // Placing each clashing placement anyway (through the edit the window makes) settles it.
    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    let programme = store.programme().unwrap();
    for found in placements::model::clash::check_all(&programme, None).iter().filter(|f| f.problem.is_hard()) {
        let p = programme.placement(found.placement).unwrap();
        let reason = placements::model::Override {
            reason: "Agreed with both groups".into(),
            kinds: vec![ClashKind::OfferTaken, ClashKind::OfferFull],
        };
        let edit = BoardEdit::Move { id: p.id, day: p.day, offer: p.offer, overridden: Some(reason) };
        apply(&mut store, &edit.into()).unwrap();
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
    // Whatever the swap breaks, placed anyway: the swap itself is what is tested here.
    let overridden = Some(placements::model::Override { reason: "Swapped".into(), kinds: ClashKind::ALL.to_vec() });
    let change = apply(&mut store, &BoardEdit::Swap { a: a.id, b: b.id, overridden }.into()).unwrap().change;
    assert_eq!(change.label, format!("Swap {} and {}", a.team_name, b.team_name));
    let after = store.placement_summaries().unwrap();
    let find = |id| after.iter().find(|p| p.id == id).unwrap();
    assert_eq!((find(a.id).team, find(a.id).day, find(a.id).offer), (b.team, a.day, a.offer));
    assert_eq!((find(b.id).team, find(b.id).day, find(b.id).offer), (a.team, b.day, b.offer));
    store.undo(&change).unwrap();
    assert_eq!(common::dump(&file), before);
}

/// A clash placed anyway is placed anyway for every placement in it: Team 6 placed with a
/// reason on the offer and day Team 5 already has leaves Team 5 nothing to sort out either.
/// `check` exits 0 and names the reason on both lines.
#[test]
fn a_clash_placed_anyway_covers_every_placement_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "both.placements", 200);
    let f = file.to_str().unwrap();
    // The demo's own clash is taken off the board first.
    let (_, json, _) = run(dir.path(), &["check", f, "--json"]);
    let rows: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    let conn = rusqlite::Connection::open(&file).unwrap();
    for row in rows.as_array().unwrap().iter().filter(|r| r["severity"] == "clash" && r["overridden"] == false) {
        conn.execute("DELETE FROM placement WHERE id = ?1", [row["placement"].as_i64().unwrap()]).unwrap();
    }
    drop(conn);
    let (ok, out, _) = run(dir.path(), &["check", f]);
    assert!(ok, "{out}");

    // A day and an offer where Team 5 fits with nothing wrong.
    let store = Store::open(&file, OpenMode::ReadOnly).unwrap();
    let programme = store.programme().unwrap();
    let team = |name: &str| {
        programme
            .teams
            .iter()
            .find(|t| t.name == name && programme.cohort(t.cohort).is_some_and(|c| c.name == "Junior doctors 2027"))
            .unwrap()
            .id
    };
    let (team5, team6) = (team("Team 5"), team("Team 6"));
    let (day, offer) = (0..50)
        .map(|n| chrono::NaiveDate::from_ymd_opt(2027, 4, 12).unwrap() + chrono::Duration::days(n))
        .find_map(|day| {
            let fits = placements::model::board::offers_for_day(&programme, day, Some(team5));
            let free = |t| {
                placements::model::clash::team_day_problems(
                    &programme,
                    &placements::model::clash::Candidate { team: t, day, offer: None, replacing: vec![], also: vec![] },
                )
                .is_empty()
            };
            fits.iter()
                .find(|fit| fit.problems.is_empty())
                .filter(|_| free(team5) && free(team6))
                .map(|fit| (day, fit.offer))
        })
        .expect("a day and an offer where Team 5 fits");
    drop(store);
    let (day, offer) = (day.format("%Y-%m-%d").to_string(), offer.0.to_string());
    let place = |team: &str, reason: Option<&str>| {
        let mut args =
            vec!["place", f, "--cohort", "Junior doctors 2027", "--team", team, "--date", &day, "--offer", &offer];
        if let Some(reason) = reason {
            args.extend(["--override", reason]);
        }
        run(dir.path(), &args)
    };
    let (ok, _, err) = place("Team 5", None);
    assert!(ok, "{err}");
    let (ok, _, err) = place("Team 6", None);
    assert!(!ok && err.contains("already hosts Team 5"), "refused without a reason: {err}");
    let (ok, _, err) = place("Team 6", Some("The group asked for two teams"));
    assert!(ok, "{err}");

    let (ok, out, _) = run(dir.path(), &["check", f]);
    assert!(ok, "the clash was placed anyway, for both teams: {out}");
    for team in ["Team 5", "Team 6"] {
        let line = out
            .lines()
            .find(|l| l.contains(&format!("· {team} ")) && l.contains(" · clash: "))
            .unwrap_or_else(|| panic!("{team}: {out}"));
        assert!(line.ends_with("[placed anyway: The group asked for two teams]"), "{line}");
    }
    let (_, json, _) = run(dir.path(), &["check", f, "--json"]);
    let rows: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .filter(|r| r["severity"] == "clash")
            .all(|r| r["overridden"] == true && r["reason"] == "The group asked for two teams")
    );

    // The board marks both chips, each with the reason in its name.
    use egui_kittest::kittest::{NodeT as _, Queryable as _};
    let dialogs = placements::ui::dialogs::ScriptedDialogs::default();
    let h = common::app_on(dir.path(), &file, dialogs, egui::vec2(1500.0, 1400.0), egui::Key::Num4);
    for team in ["Team 5", "Team 6"] {
        let chip = format!("{team}, Junior doctors 2027, ");
        let node = h.get_by_label_contains(&chip);
        let name = node.accesskit_node().label().unwrap_or_default();
        assert!(name.contains("placed anyway: The group asked for two teams"), "{name}");
    }
}

/// One board edit, as indexes into whatever the file holds when it is made.
#[derive(Clone, Debug)]
enum Step {
    Place { team: usize, day: u32, offer: Option<usize>, reason: Reason },
    Move { placement: usize, day: u32, offer: Option<usize>, reason: Reason },
    SetOffer { placement: usize, offer: Option<usize>, reason: Reason },
    Swap { a: usize, b: usize, reason: Reason },
    Status { placement: usize, status: usize },
    Remove { placement: usize },
}

/// The reason given with an edit: none, an empty one, one for some rules, one for every rule.
#[derive(Clone, Debug)]
enum Reason {
    None,
    Empty,
    Some(Vec<ClashKind>),
    Every,
}

impl Reason {
    fn given(&self) -> Option<placements::model::Override> {
        let with =
            |reason: &str, kinds: Vec<ClashKind>| Some(placements::model::Override { reason: reason.into(), kinds });
        match self {
            Self::None => None,
            Self::Empty => with("  ", ClashKind::ALL.to_vec()),
            Self::Some(kinds) => with("Agreed", kinds.clone()),
            Self::Every => with("Agreed with everyone", ClashKind::ALL.to_vec()),
        }
    }
}

fn a_reason() -> impl Strategy<Value = Reason> {
    prop_oneof![
        3 => Just(Reason::None),
        1 => Just(Reason::Empty),
        1 => proptest::sample::subsequence(ClashKind::ALL.to_vec(), 1..4).prop_map(Reason::Some),
        1 => Just(Reason::Every),
    ]
}

fn a_step() -> impl Strategy<Value = Step> {
    let day = 0..40u32;
    let offer = proptest::option::weighted(0.8, 0..1000usize);
    prop_oneof![
        3 => (0..1000usize, day.clone(), offer.clone(), a_reason()).prop_map(|(team, day, offer, reason)| Step::Place { team, day, offer, reason }),
        2 => (0..1000usize, day, offer.clone(), a_reason()).prop_map(|(placement, day, offer, reason)| Step::Move { placement, day, offer, reason }),
        2 => (0..1000usize, offer, a_reason()).prop_map(|(placement, offer, reason)| Step::SetOffer { placement, offer, reason }),
        1 => (0..1000usize, 0..1000usize, a_reason()).prop_map(|(a, b, reason)| Step::Swap { a, b, reason }),
        1 => (0..1000usize, 0..4usize).prop_map(|(placement, status)| Step::Status { placement, status }),
        1 => (0..1000usize).prop_map(|placement| Step::Remove { placement }),
    ]
}

/// A demo file with its own clash taken off the board: no hard clash stands in it.
fn clash_free_demo() -> &'static std::path::Path {
    static MADE: std::sync::OnceLock<(tempfile::TempDir, std::path::PathBuf)> = std::sync::OnceLock::new();
    let (_, file) = MADE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let file = demo_file(dir.path(), "judge.placements", 80);
        let store = Store::open(&file, OpenMode::ReadOnly).unwrap();
        let found = placements::model::clash::check_all(&store.programme().unwrap(), None);
        drop(store);
        let conn = rusqlite::Connection::open(&file).unwrap();
        for f in found.iter().filter(|f| f.problem.is_hard() && !f.overridden) {
            conn.execute("DELETE FROM placement WHERE id = ?1", [f.placement.0]).unwrap();
        }
        (dir, file)
    });
    file
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever board edits are asked for, with whatever reasons, every one that `edit::apply`
    /// makes leaves no clash standing without a reason: a clash is made only placed anyway.
    #[test]
    fn every_board_edit_is_clash_free_or_carries_a_reason(steps in proptest::collection::vec(a_step(), 1..14)) {
        use placements::model::PlacementStatus;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("judged.placements");
        std::fs::copy(clash_free_demo(), &file).unwrap();
        let mut store = Store::open(&file, OpenMode::Edit).unwrap();
        let first = chrono::NaiveDate::from_ymd_opt(2027, 4, 5).unwrap();
        for step in steps {
            let programme = store.programme().unwrap();
            let teams: Vec<_> = programme.teams.iter().map(|t| t.id).collect();
            let offers: Vec<_> = programme.offers.iter().map(|o| o.id).collect();
            let placed: Vec<_> = programme.placements.iter().map(|p| p.id).collect();
            let day = |n: u32| first + chrono::Duration::days(i64::from(n));
            let offer = |o: Option<usize>| o.and_then(|o| offers.get(o % offers.len().max(1)).copied());
            let pick = |n: usize| placed.get(n % placed.len().max(1)).copied();
            let edit = match &step {
                Step::Place { team, day: d, offer: o, reason } => Some(BoardEdit::Place { team: teams[team % teams.len()], day: day(*d), offer: offer(*o), overridden: reason.given() }),
                Step::Move { placement, day: d, offer: o, reason } => pick(*placement).map(|id| BoardEdit::Move { id, day: day(*d), offer: offer(*o), overridden: reason.given() }),
                Step::SetOffer { placement, offer: o, reason } => pick(*placement).map(|id| BoardEdit::SetOffer { id, offer: offer(*o), overridden: reason.given() }),
                Step::Swap { a, b, reason } => pick(*a).zip(pick(*b)).filter(|(a, b)| a != b).map(|(a, b)| BoardEdit::Swap { a, b, overridden: reason.given() }),
                Step::Status { placement, status } => {
                    let status = [PlacementStatus::Pencilled, PlacementStatus::Confirmed, PlacementStatus::Done, PlacementStatus::Cancelled][*status];
                    pick(*placement).map(|id| BoardEdit::SetStatus { id, status })
                }
                Step::Remove { placement } => pick(*placement).map(BoardEdit::RemovePlacement),
            };
            let Some(edit) = edit else { continue };
            if apply(&mut store, &edit.clone().into()).is_ok() {
                let found = placements::model::clash::check_all(&store.programme().unwrap(), None);
                let standing: Vec<_> = found.iter().filter(|f| f.problem.is_hard() && !f.overridden).collect();
                prop_assert!(standing.is_empty(), "{edit:?} left {standing:?}");
                prop_assert!(found.iter().filter(|f| f.overridden).all(|f| !f.reason.trim().is_empty()));
            }
        }
    }
}
