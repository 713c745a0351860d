//! A coordinator's first real programme, from a blank file with files of their own making (in
//! `tests/data/journey/`): a register in the Charity Commission extract's columns, an offers sheet
//! typed up from twelve groups' replies as they wrote them, a roster of twenty, and a table of
//! postcode districts. The offers go through the import window (its mapping, its drop-downs, and
//! the rows whose group is a question); the rest through the command line. Every team's printed
//! "Meet at" must have the postcode its offer gave, and never the group's registered office.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::path::{Path, PathBuf};

use common::{app_on, run_in, scalar, text_of};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use placements::model::MeetingPlace;
use placements::ui::PlacementsApp;
use placements::ui::dialogs::{DialogOutcome, ScriptedDialogs};

fn material(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/journey").join(name)
}

fn run(dir: &Path, args: &[&str]) -> String {
    let (ok, out, err) = run_in(dir, args);
    assert!(ok, "{args:?} failed: {err}{out}");
    out
}

fn step_until(h: &mut Harness<'static, PlacementsApp>, label: &str) {
    let started = std::time::Instant::now();
    while h.query_by_label_contains(label).is_none() {
        assert!(started.elapsed().as_secs() < 120, "“{label}” never appeared");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
}

/// Runs frames until the window settles, waiting out a worker (checking rows again after a
/// column changes) that asks for frames meanwhile.
fn settle(h: &mut Harness<'static, PlacementsApp>) {
    let started = std::time::Instant::now();
    while h.try_run().is_err() {
        assert!(started.elapsed().as_secs() < 120, "the window never settled");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

fn button<'a>(h: &'a Harness<'_, PlacementsApp>, label: &'a str) -> egui_kittest::Node<'a> {
    h.get_by(|n| n.role() == Role::Button && n.label().as_deref() == Some(label))
}

/// The drop-down named by a label starting with `label`.
fn combo<'a>(h: &'a Harness<'_, PlacementsApp>, label: &'a str) -> egui_kittest::Node<'a> {
    h.get_by(move |n| n.role() == Role::ComboBox && n.label().is_some_and(|l| l.starts_with(label)))
}

/// Imports the offers sheet through the window: the columns as guessed, a drop-down low in the
/// mapping opening in front of the window, and the two rows whose group is a question answered.
fn import_offers_in_the_window(data: &Path, file: &Path) {
    let dialogs = ScriptedDialogs::new([DialogOutcome::Chosen(material("offers.csv"))]);
    let mut h = app_on(data, file, dialogs, egui::vec2(1366.0, 900.0), egui::Key::Num2);
    button(&h, "File").click();
    settle(&mut h);
    button(&h, "Import offers…").click();
    h.step();
    // Eleven rows read (one cannot be); two ask which group they mean.
    step_until(&mut h, "Import 9 offers");
    settle(&mut h);
    assert!(h.query_by_label_contains("2 lines to choose").is_some());
    // Each column guessed from the header the groups' sheet has, word for word.
    for (column, field) in [
        ("Activity", "Title (the activity)"),
        ("What the team will do", "What the team will do"),
        ("Dates available", "Dates available (first to last)"),
        ("Times", "Times (start to finish)"),
        ("How many teams can you host?", "Team-days it can host (how many teams)"),
        ("Meeting place", "Meeting place (address)"),
        ("Postcode", "Meeting place's postcode"),
    ] {
        let chosen = combo(&h, column);
        assert_eq!(chosen.value().as_deref(), Some(field), "{column}");
    }
    // The last column's drop-down opens in front of the window, and its choice is taken.
    let last = combo(&h, "Postcode");
    last.scroll_to_me();
    settle(&mut h);
    combo(&h, "Postcode").click();
    settle(&mut h);
    h.get_by(|n| n.role() == Role::Button && n.label().as_deref() == Some("Don't import")).click();
    settle(&mut h);
    step_until(&mut h, "Not imported: Postcode.");
    // ...and back again.
    combo(&h, "Postcode").click();
    settle(&mut h);
    let option = h.get_by(|n| n.role() == Role::Button && n.label().as_deref() == Some("Meeting place's postcode"));
    option.scroll_to_me();
    settle(&mut h);
    h.get_by(|n| n.role() == Role::Button && n.label().as_deref() == Some("Meeting place's postcode")).click();
    settle(&mut h);
    assert_eq!(combo(&h, "Postcode").value().as_deref(), Some("Meeting place's postcode"));
    step_until(&mut h, "Import 9 offers");
    settle(&mut h);
    // The two questions: the same name twice, and a name only like one group's.
    combo(&h, "Line 6: 2 groups in the directory are called “Urmston Walking Group”").click();
    settle(&mut h);
    h.get_by_label_contains("URMSTON WALKING GROUP (URMSTON, M41 5AB").click();
    settle(&mut h);
    combo(&h, "Line 7: no group in the directory is called “Altrincham Foodbank Project”").click();
    settle(&mut h);
    h.get_by_label_contains("ALTRINCHAM FOOD BANK (ALTRINCHAM, WA14 1EZ").click();
    settle(&mut h);
    step_until(&mut h, "Import 11 offers");
    settle(&mut h);
    // The row that cannot be imported says which column and what it read.
    h.get_by_label_contains("1 row cannot be imported").click();
    settle(&mut h);
    assert!(
        h.query_by_label_contains(
            "Line 11: not imported: Dates available: could not read “14/04/27 onwards” as a first and last day"
        )
        .is_some()
    );
    button(&h, "Import 11 offers").click();
    step_until(&mut h, "Imported 11, updated 0, skipped 0, not imported 1.");
    settle(&mut h);
    button(&h, "Close").click();
    settle(&mut h);
}

#[test]
fn a_programme_from_a_coordinators_own_files_prints_every_meeting_place_as_its_offer_gave_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("Trafford 2027.placements");
    let f = file.to_str().unwrap();
    run(dir.path(), &["new", f]);
    let said = run(dir.path(), &["import", "groups", f, material("register.csv").to_str().unwrap()]);
    assert!(said.contains("imported 20, updated 0, skipped 0, errors 0"), "{said}");
    let said = run(dir.path(), &["import", "neighbourhoods", f, material("neighbourhoods.csv").to_str().unwrap()]);
    assert!(said.contains("20 groups"), "{said}");
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM community_group WHERE neighbourhood_id IS NULL"), 0);

    import_offers_in_the_window(&data, &file);
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM offer"), 11);
    // The rows answered went to the groups chosen; every offer in the neighbourhood it meets in.
    let urmston: String = scalar(
        &file,
        "SELECT g.postcode FROM offer o JOIN community_group g ON g.id = o.group_id WHERE o.title = 'Footpath survey'",
    );
    assert_eq!(urmston, "M41 5AB");
    let pond: String = scalar(
        &file,
        "SELECT n.name FROM offer o JOIN neighbourhood n ON n.id = o.neighbourhood_id WHERE o.title = 'Pond restoration'",
    );
    assert_eq!(pond, "Sale", "the pond is in Sale (M33), though the trust's office is in Knutsford");

    let said = run(
        dir.path(),
        &["import", "participants", f, material("roster.csv").to_str().unwrap(), "--cohort", "Systems leaders 2027"],
    );
    assert!(said.contains("imported 20,"), "{said}");
    run(dir.path(), &["teams", f, "--cohort", "Systems leaders 2027", "--size", "4", "--apply"]);
    let said = run(
        dir.path(),
        &[
            "schedule",
            f,
            "--cohort",
            "Systems leaders 2027",
            "--from",
            "2027-04-12",
            "--to",
            "2027-05-28",
            "--most-per-day",
            "1",
            "--apply",
        ],
    );
    assert!(said.contains("5 of 5 teams placed over "), "{said}");
    // At most one team out a day, and spread over the weeks, not bunched on the first Monday.
    let days: i64 = scalar(&file, "SELECT count(DISTINCT day) FROM placement");
    let weeks: i64 = scalar(&file, "SELECT count(DISTINCT strftime('%W', day)) FROM placement");
    assert_eq!((days, weeks), (5, 5));

    let pdf = dir.path().join("sheets.pdf");
    run(dir.path(), &["day-sheets", f, "--every-day", "--cohort", "Systems leaders 2027", "-o", pdf.to_str().unwrap()]);
    let text = text_of(&pdf, None);
    let conn = rusqlite::Connection::open(&file).unwrap();
    let places: Vec<(String, String, String, String)> = conn
        .prepare(
            "SELECT o.address, o.town, o.postcode, g.postcode FROM placement p JOIN offer o ON o.id = p.offer_id \
             JOIN community_group g ON g.id = o.group_id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(places.len(), 5);
    for (address, town, postcode, office) in places {
        let place = MeetingPlace { address, town, postcode: postcode.clone() };
        let printed = if postcode.is_empty() {
            format!("{} (Postcode not given)", place.one_line())
        } else {
            assert!(place.one_line().ends_with(&postcode));
            place.one_line()
        };
        // On the day's overview and on the team's own sheet.
        assert_eq!(text.matches(&printed).count(), 2, "{printed} in {text}");
        if office != postcode {
            assert!(!text.contains(&office), "the group's office postcode {office} is printed");
        }
    }
    let (ok, out, _) = run_in(dir.path(), &["check", f]);
    assert!(ok, "{out}");
}

/// A new file opens on the steps of a programme; with a register imported and no neighbourhood,
/// "Set up neighbourhoods…" names each postcode district after its commonest town, one area is
/// renamed, and applying gives every group its neighbourhood in one undo step.
#[test]
fn neighbourhoods_are_set_up_from_the_registers_postcodes_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("Trafford.placements");
    let f = file.to_str().unwrap();
    run(dir.path(), &["new", f]);
    run(dir.path(), &["import", "groups", f, material("register.csv").to_str().unwrap()]);
    let mut h = app_on(&data, &file, ScriptedDialogs::default(), egui::vec2(1366.0, 768.0), egui::Key::Num1);
    assert!(h.query_by_label("The steps of a programme").is_some());
    assert!(h.query_by_label("20 groups in the directory").is_some());
    assert!(h.query_by_label("0 neighbourhoods").is_some());
    button(&h, "Set up neighbourhoods…").click();
    settle(&mut h);
    // Each district with its groups, named after the town most of them give.
    let area = |h: &Harness<'static, PlacementsApp>, district: &str| {
        h.get_by(|n| n.role() == Role::TextInput && n.label().as_deref() == Some(district)).value()
    };
    assert_eq!(area(&h, "M32").as_deref(), Some("Stretford"));
    assert_eq!(area(&h, "M41").as_deref(), Some("Urmston"));
    let m41 = h.get_by(|n| n.role() == Role::TextInput && n.label().as_deref() == Some("M41"));
    m41.focus();
    settle(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by(|n| n.role() == Role::TextInput && n.label().as_deref() == Some("M41")).type_text("Urmston and Flixton");
    settle(&mut h);
    button(&h, "Set up 8 neighbourhoods").click();
    settle(&mut h);
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM neighbourhood"), 8);
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM community_group WHERE neighbourhood_id IS NULL"), 0);
    let urmston: i64 = scalar(
        &file,
        "SELECT count(*) FROM community_group g JOIN neighbourhood n ON n.id = g.neighbourhood_id \
         WHERE n.name = 'Urmston and Flixton'",
    );
    assert_eq!(urmston, 4);
    assert!(h.query_by_label("8 neighbourhoods").is_some(), "the step counts them");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    settle(&mut h);
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM neighbourhood"), 0);
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM community_group WHERE neighbourhood_id IS NOT NULL"), 0);
}

/// A sheet whose title column cannot be guessed: the window says which column to choose beside
/// the first column it does not import, and imports nothing until one is chosen.
#[test]
fn the_window_says_which_column_to_choose_when_the_title_cannot_be_guessed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("Hint.placements");
    let f = file.to_str().unwrap();
    run(dir.path(), &["new", f]);
    run(dir.path(), &["import", "groups", f, material("register.csv").to_str().unwrap()]);
    let sheet = dir.path().join("replies.csv");
    std::fs::write(&sheet, "Group,Event,Dates available\nHale Civic Society,Heritage walk,03/05/2027 - 28/05/2027\n")
        .unwrap();
    let dialogs = ScriptedDialogs::new([DialogOutcome::Chosen(sheet)]);
    let mut h = app_on(&data, &file, dialogs, egui::vec2(1366.0, 768.0), egui::Key::Num2);
    button(&h, "File").click();
    settle(&mut h);
    button(&h, "Import offers…").click();
    h.step();
    step_until(&mut h, "Import 0 offers");
    settle(&mut h);
    // Beside "Event", the first column it does not import (and again by the Import button).
    let event = h.get_by_label("Event").rect();
    let beside = h
        .query_all_by_label("Choose the column that holds the offers' titles.")
        .any(|hint| (hint.rect().center().y - event.center().y).abs() < 12.0);
    assert!(beside, "no hint beside {event:?}");
    assert!(button(&h, "Import 0 offers").accesskit_node().is_disabled());
}
