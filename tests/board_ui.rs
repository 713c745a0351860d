//! The board, driven as a coordinator drives it: drags through egui_kittest, the keyboard, and
//! the file checked after each step.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::path::Path;

use common::{demo_file, scalar};
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use placements::ui::PlacementsApp;
use placements::ui::dialogs::ScriptedDialogs;

fn board(dir: &Path, file: &Path) -> Harness<'static, PlacementsApp> {
    common::app_on(dir, file, ScriptedDialogs::default(), egui::vec2(1500.0, 1100.0), Key::Num4)
}

/// Drags from one point to another in small steps, as a hand does.
fn drag(h: &mut Harness<'static, PlacementsApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    for i in 1..=10 {
        h.hover_at(from + (to - from) * (i as f32 / 10.0));
        h.step();
    }
    h.drop_at(to);
    h.run();
}

fn centre(h: &Harness<'static, PlacementsApp>, label: &str) -> Pos2 {
    h.get_by_label_contains(label).rect().center()
}

/// Drags what is labelled `from` onto what is labelled `to` (each the first whose label holds it).
fn drag_onto(h: &mut Harness<'static, PlacementsApp>, from: &str, to: &str) {
    let (from, to) = (centre(h, from), centre(h, to));
    drag(h, from, to);
}

/// Team `team` of the junior doctors: its placements as (day, offer, status).
fn placements_of(file: &Path, team: &str) -> Vec<(String, Option<i64>, String)> {
    let conn = rusqlite::Connection::open(file).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT p.day, p.offer_id, p.status FROM placement p JOIN team t ON t.id = p.team_id
             JOIN cohort c ON c.id = t.cohort_id WHERE c.name = 'Junior doctors 2027' AND t.name = ?1 ORDER BY p.id",
        )
        .unwrap();
    stmt.query_map([team], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn a_team_is_placed_moved_given_an_activity_and_taken_back_each_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "board.placements", 300);
    let mut h = board(dir.path(), &file);
    assert!(placements_of(&file, "Team 5").is_empty());

    // From the tray onto Tuesday 6 April: pencilled, no activity yet.
    drag_onto(&mut h, "Team 5, Junior doctors 2027", "Tuesday 6 April 2027");
    assert_eq!(placements_of(&file, "Team 5"), vec![("2027-04-06".into(), None, "pencilled".into())]);
    let chip = "Team 5, Junior doctors 2027, pencilled with no activity yet, Tuesday 6 April";
    assert!(h.query_by_label(chip).is_some(), "the chip says what it is");

    // The chip to Thursday 8 April.
    drag_onto(&mut h, chip, "Thursday 8 April 2027");
    assert_eq!(placements_of(&file, "Team 5"), vec![("2027-04-08".into(), None, "pencilled".into())]);
    let chip = "Team 5, Junior doctors 2027, pencilled with no activity yet, Thursday 8 April";

    // Choose the chip: its day's offers, best fit first; the best onto the chip.
    h.get_by_label(chip).click();
    h.run();
    let best = h
        .get_all_by_label_contains(", fits")
        .next()
        .expect("an offer that fits")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    let offer_title = best.split(", fits").next().unwrap().split(": ").nth(1).unwrap().to_owned();
    drag_onto(&mut h, &best, chip);
    let placed = placements_of(&file, "Team 5");
    let offer = placed[0].1.expect("the offer was given to the placement");
    let title: String = scalar(&file, &format!("SELECT title FROM offer WHERE id = {offer}"));
    assert_eq!(title, offer_title);

    // Back to the tray: off the board.
    drag_onto(&mut h, "Team 5, Junior doctors 2027, pencilled with", "Teams to place");
    assert!(placements_of(&file, "Team 5").is_empty());

    // Each step was one undo step: back through them all.
    let expected = [
        vec![("2027-04-08".to_owned(), Some(offer), "pencilled".to_owned())],
        vec![("2027-04-08".to_owned(), None, "pencilled".to_owned())],
        vec![("2027-04-06".to_owned(), None, "pencilled".to_owned())],
        vec![],
    ];
    for (i, placements) in expected.into_iter().enumerate() {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        assert_eq!(placements_of(&file, "Team 5"), placements);
        if i == 0 {
            // The status bar says what was taken back.
            let said = h.get_by_label_contains("Undid: ").accesskit_node().value().unwrap_or_default();
            assert_eq!(said, "Undid: Take Team 5 off the board");
        }
    }
    // Redo says what it put back.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(placements_of(&file, "Team 5"), vec![("2027-04-06".to_owned(), None, "pencilled".to_owned())]);
    assert!(h.query_by_label_contains("Redid: ").is_some());
}

#[test]
fn a_drop_on_a_day_a_member_is_away_is_refused_until_a_reason_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "away.placements", 300);
    // One of Team 6 is on leave on Wednesday 7 April.
    let member: String = scalar(
        &file,
        "SELECT p.name FROM participant p JOIN team t ON t.id = p.team_id JOIN cohort c ON c.id = t.cohort_id
         WHERE c.name = 'Junior doctors 2027' AND t.name = 'Team 6' ORDER BY p.name LIMIT 1",
    );
    {
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.execute(
            "INSERT INTO participant_unavailable (participant_id, first_day, last_day, reason)
             SELECT id, '2027-04-07', '2027-04-07', 'leave' FROM participant WHERE name = ?1",
            [&member],
        )
        .unwrap();
    }
    let before = common::dump(&file);
    let mut h = board(dir.path(), &file);
    let team = centre(&h, "Team 6, Junior doctors 2027");
    let day = centre(&h, "Wednesday 7 April 2027");
    drag(&mut h, team, day);
    // Refused: the reason is given in words, and nothing is written.
    assert!(h.query_by_label("Place anyway?").is_some());
    let why = format!("Clash: {member} cannot go out on Wed 7 Apr 2027.");
    assert!(h.query_by_label(&why).is_some(), "{why}");
    assert_eq!(common::dump(&file), before);
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(common::dump(&file), before);

    // Again, with a reason: placed anyway, and the reason kept with it.
    drag(&mut h, team, day);
    h.get_by_label("Why place it anyway? (kept with the placement)").focus();
    h.get_by_label("Why place it anyway? (kept with the placement)").type_text("Joins by video call after lunch");
    h.run();
    h.get_by_label("Place anyway").click();
    h.run();
    let (reason, overridden): (String, String) = {
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.query_row("SELECT override_reason, overridden FROM placement WHERE day = '2027-04-07'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
    };
    assert_eq!((reason.as_str(), overridden.as_str()), ("Joins by video call after lunch", "member_away"));
    assert!(
        h.query_all_by_label_contains(&format!("Placed anyway: {member} cannot go out")).next().is_some(),
        "the clash list says it was placed anyway"
    );
    // The chip says so too, with the reason, in its name (its badge and tooltip for the eye).
    assert!(
        h.query_by_label_contains("placed anyway: Joins by video call after lunch").is_some(),
        "the chip names the reason it was placed anyway"
    );
}

#[test]
fn the_keyboard_places_a_team_with_space_the_arrows_and_space() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "keys.placements", 300);
    let mut h = board(dir.path(), &file);
    h.get_by_label_contains("Thursday 1 April 2027").click();
    h.run();
    h.get_by_label_contains("Team 6, Junior doctors 2027").focus();
    h.run();
    h.key_press(Key::Space);
    h.run();
    // Lifted, on the day chosen: Thursday 1 April.
    assert!(h.query_by_label_contains("Lifted Team 6: Thursday 1 April 2027: fine").is_some());
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    assert!(h.query_by_label_contains("Lifted Team 6: Friday 9 April 2027: fine").is_some());
    // The day it points at says what the drop would do.
    assert!(h.query_all_by_label_contains("Friday 9 April 2027: fine").count() >= 2, "the cell says so too");
    h.key_press(Key::Space);
    h.run();
    assert_eq!(placements_of(&file, "Team 6"), vec![("2027-04-09".into(), None, "pencilled".into())]);
    // The side column follows the drop: the offers of the day it went to, not of the day chosen
    // before.
    assert!(h.query_by_label_contains("Offers on Fri 9 Apr 2027").is_some(), "the side column shows Friday's offers");
    assert!(h.query_by_label_contains("Offers on Thu 1 Apr 2027").is_none());
    // Escape puts a lifted team back.
    h.get_by_label_contains("Team 5, Junior doctors 2027").focus();
    h.run();
    h.key_press(Key::Space);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label_contains("Lifted Team 5").is_none());
    assert!(placements_of(&file, "Team 5").is_empty());
}

/// Steps frames until something labelled `label` shows (Suggest works on a worker thread, with
/// a spinner that keeps asking for frames meanwhile).
fn wait_for(h: &mut Harness<'static, PlacementsApp>, label: &str) {
    for _ in 0..500 {
        h.step();
        if h.query_by_label_contains(label).is_some() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("“{label}” never showed");
}

#[test]
fn suggest_shows_ghosts_discard_changes_nothing_apply_places_them_and_one_undo_takes_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "suggest.placements", 300);
    let mut h = board(dir.path(), &file);
    let before = common::dump(&file);

    // Suggest: a ghost for each of the two teams in the tray, and the summary; nothing written.
    h.get_by_label("Suggest placements…").click();
    wait_for(&mut h, "Suggested: Team 5 with ");
    assert!(h.query_by_label_contains("Suggested: Team 6 with ").is_some());
    assert!(h.query_by_label_contains("2 of 2 teams placed over ").is_some());
    assert_eq!(common::dump(&file), before);

    // Discard: the ghosts go, the file is as it was, the teams still wait in the tray.
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.query_by_label_contains("Suggested: ").is_none());
    assert_eq!(common::dump(&file), before);
    assert!(placements_of(&file, "Team 5").is_empty() && placements_of(&file, "Team 6").is_empty());

    // Suggest again and Apply: both teams placed, pencilled, with an activity, as the ghosts said.
    h.get_by_label("Suggest placements…").click();
    wait_for(&mut h, "Suggested: Team 5 with ");
    h.get_by_label("Apply: place 2 teams").click();
    h.run();
    h.run();
    assert!(h.query_by_label_contains("Suggested: ").is_none());
    for team in ["Team 5", "Team 6"] {
        let placed = placements_of(&file, team);
        assert_eq!(placed.len(), 1, "{team}: {placed:?}");
        assert!(placed[0].1.is_some() && placed[0].2 == "pencilled", "{team}: {placed:?}");
    }
    assert!(h.query_by_label_contains("Team 5, Junior doctors 2027, pencilled with ").is_some());
    assert!(h.query_by_label_contains("Placed 2 teams of Junior doctors 2027").is_some(), "the status bar says so");

    // The next edit's status is its own: the words of the Apply do not stay behind.
    drag_onto(&mut h, "Team 6, Junior doctors 2027, pencilled with ", "Teams to place");
    assert!(h.query_by_label_contains("Placed 2 teams").is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();

    // One Ctrl+Z takes both back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(common::dump(&file)["placement"], before["placement"]);
    assert!(placements_of(&file, "Team 5").is_empty() && placements_of(&file, "Team 6").is_empty());
}

/// A chip on the calendar moves by the keyboard as a team in the tray does: Tab to it, Space
/// lifts it, the arrows move it a day or a week, Space drops it (one undo step).
#[test]
fn a_chip_on_the_calendar_is_lifted_with_space_and_moved_with_the_arrows() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "chip-keys.placements", 300);
    let mut h = board(dir.path(), &file);
    let before = placements_of(&file, "Team 1");
    assert_eq!(before.len(), 1, "{before:?}");
    let day = chrono::NaiveDate::parse_from_str(&before[0].0, "%Y-%m-%d").unwrap();
    // Tab from the cohort picker until a chip of Team 1 has the keyboard.
    h.get_by_label_contains("Team 5, Junior doctors 2027").focus();
    h.run();
    let mut reached = false;
    for _ in 0..200 {
        h.key_press(Key::Tab);
        h.run();
        let focused = h.query_by(|n| n.is_focused());
        if focused
            .is_some_and(|n| n.accesskit_node().label().is_some_and(|l| l.starts_with("Team 1, Junior doctors 2027")))
        {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab never reached Team 1's chip");
    h.key_press(Key::Space);
    h.run();
    assert!(h.query_by_label_contains("Lifted Team 1").is_some(), "Space lifts the chip");
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Space);
    h.run();
    let moved = (day + chrono::Duration::days(7)).format("%Y-%m-%d").to_string();
    let after = placements_of(&file, "Team 1");
    assert_eq!(after[0].0, moved, "{after:?}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(placements_of(&file, "Team 1"), before, "one undo step takes it back");
}

/// F6 moves the keyboard from region to region of the board (the teams to place, the calendar,
/// the side column) and Shift+F6 back, as desktop programs move between panes.
#[test]
fn f6_moves_the_keyboard_between_the_boards_regions() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "f6.placements", 300);
    let mut h = board(dir.path(), &file);
    h.get_by_label_contains("Thursday 1 April 2027").click();
    h.run();
    let focused = |h: &Harness<'static, PlacementsApp>| {
        h.query_by(|n| n.is_focused()).and_then(|n| n.accesskit_node().label()).unwrap_or_default()
    };
    h.key_press(Key::F6);
    h.run();
    assert!(focused(&h).starts_with("Team 5, Junior doctors 2027"), "the tray: {}", focused(&h));
    h.key_press(Key::F6);
    h.run();
    assert!(focused(&h).starts_with("Thursday 1 April 2027"), "the calendar, on the day chosen: {}", focused(&h));
    h.key_press(Key::F6);
    h.run();
    let side = focused(&h);
    assert!(!side.is_empty() && !side.starts_with("Thursday") && !side.starts_with("Team 5"), "the side: {side}");
    h.key_press_modifiers(Modifiers::SHIFT, Key::F6);
    h.run();
    assert!(focused(&h).starts_with("Thursday 1 April 2027"), "back to the calendar: {}", focused(&h));
}

/// A day still to come: "Mark done" asks first (Cancel changes nothing), and "Record the
/// outcome" says from when instead of leading to an empty form.
#[test]
fn a_day_still_to_come_is_marked_done_only_when_asked_and_its_outcome_waits_for_the_day() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "early.placements", 300);
    let mut h = board(dir.path(), &file);
    let status = |file: &Path| placements_of(file, "Team 4")[0].2.clone();
    assert_eq!(status(&file), "pencilled");
    let day = placements_of(&file, "Team 4")[0].0.clone();
    let day = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap();
    assert!(day > chrono::Local::now().date_naive(), "the demo's coming cohort is in the future");
    let uk = placements::model::dates::uk_date(day);

    let open_actions = |h: &mut Harness<'static, PlacementsApp>| {
        h.get_by_label_contains("Team 4, Junior doctors 2027, ").click();
        h.run();
        h.get_by_label("Actions…").click();
        h.run();
    };
    open_actions(&mut h);
    let record = format!("Record the outcome (from {uk})");
    assert!(h.get_by_label(&record).accesskit_node().is_disabled(), "no form for a day that has not come");
    h.get_by_label("Mark done").click();
    h.run();
    let question = "Mark Team 4's day done before it has come?";
    assert!(h.query_by_label(question).is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label(question).is_none());
    assert_eq!(status(&file), "pencilled", "Cancel changes nothing");

    open_actions(&mut h);
    h.get_by_label("Mark done").click();
    h.run();
    h.get_all_by_label("Mark done").last().unwrap().click();
    h.run();
    assert_eq!(status(&file), "done");

    // Marked done, its outcome can be recorded now.
    open_actions(&mut h);
    let record = h.get_by_label("Record the outcome…");
    assert!(!record.accesskit_node().is_disabled());
}
