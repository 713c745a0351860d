//! The window on a laptop. Each panel, inside the window a 1366×768 and a 1280×720 screen leave
//! room for (1366×698 and 1280×650, under a title bar and above a taskbar), on the demo and on
//! a cohort of twenty just imported and in no team yet:
//! - every control the Tab key reaches lies wholly inside the window, clear of the status bar,
//!   while it has the focus (scrolled into view when it was below a scroll area's edge);
//! - the last control of the panel, reached that way, takes a click of the pointer;
//! - a picture of the panel is kept for review in `target/tmp/laptop-screens/`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::path::{Path, PathBuf};

use common::{demo_file, run_in};
use egui::{Key, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use placements::ui::PlacementsApp;
use placements::ui::dialogs::ScriptedDialogs;

/// The inside of the program's window on each screen, and the screen's name.
const WINDOWS: [(f32, f32, &str); 2] = [(1366.0, 698.0, "1366x768"), (1280.0, 650.0, "1280x720")];

const PANELS: [(Key, &str); 7] = [
    (Key::Num1, "directory"),
    (Key::Num2, "offers"),
    (Key::Num3, "cohorts"),
    (Key::Num4, "board"),
    (Key::Num5, "day-sheets"),
    (Key::Num6, "outcomes"),
    // The day's outcome form with its feedback grid, a row a member.
    (Key::Num6, "outcome-form"),
];

/// More Tabs than any panel has stops (the directory's rows are many, so it is walked on a
/// demo of 300 groups; a walk that never comes round again fails).
const MOST_TABS: usize = 700;

/// A control the focus was on: its accessible name and where it was drawn.
#[derive(Debug, Clone)]
struct Stop {
    /// The node's id in AccessKit's tree, in words (its type is not one a test can name).
    id: String,
    name: String,
    rect: Rect,
}

fn focused(h: &Harness<'static, PlacementsApp>) -> Option<Stop> {
    // With no control focused, AccessKit's focus is the window itself, which has no place.
    let node = h.query_by(|n| n.is_focused() && n.bounding_box().is_some_and(|b| b.x0.is_finite()))?;
    let ak = node.accesskit_node();
    let name =
        ak.label().filter(|l| !l.is_empty()).or_else(|| ak.value()).unwrap_or_else(|| format!("{:?}", ak.role()));
    Some(Stop { id: format!("{:?}", ak.id()), name, rect: node.rect() })
}

/// Where the status bar starts: nothing the focus is on may be drawn across its top edge.
fn status_bar_top(h: &Harness<'static, PlacementsApp>) -> f32 {
    h.get_by_label_contains("changes saved").rect().top() - 5.0
}

fn settle(h: &mut Harness<'static, PlacementsApp>) {
    // A panel that starts work on a worker shows a spinner, which never settles: step on.
    let _ = h.try_run();
}

/// Tabs round the whole window once; every stop is checked as it is reached. Returns the stops
/// in order.
fn tab_round(h: &mut Harness<'static, PlacementsApp>, size: egui::Vec2, what: &str) -> Vec<Stop> {
    let window = Rect::from_min_size(egui::Pos2::ZERO, size);
    let status_top = status_bar_top(h);
    let mut stops: Vec<Stop> = Vec::new();
    for _ in 0..MOST_TABS {
        h.key_press(Key::Tab);
        settle(h);
        let Some(stop) = focused(h) else { continue };
        if stops.first().is_some_and(|first| first.id == stop.id) {
            return stops;
        }
        let rect = stop.rect;
        assert!(
            window.contains_rect(rect.shrink(0.5)),
            "{what}: “{}” has the focus but is drawn at {rect:?}, outside the {size:?} window",
            stop.name
        );
        assert!(
            rect.bottom() <= status_top + 0.5 || rect.top() >= status_top - 0.5,
            "{what}: “{}” has the focus but is cut by the status bar at {status_top}: {rect:?}",
            stop.name
        );
        stops.push(stop);
    }
    let names: Vec<&str> = stops.iter().map(|s| s.name.as_str()).collect();
    panic!("{what}: the Tab key never came round to the first control again in {MOST_TABS} presses: {names:?}");
}

/// The pointer's click at the middle of the focused control lands on it: egui keeps the focus
/// on a control clicked, and gives it up when the click lands on anything else.
fn click_lands(h: &mut Harness<'static, PlacementsApp>, stop: &Stop) -> bool {
    let node = h.query_by(|n| format!("{:?}", n.id()) == stop.id);
    let Some(node) = node else { return false };
    node.click();
    h.step();
    let clicked = h.output().platform_output.events.iter().any(|e| match e {
        egui::output::OutputEvent::Clicked(info) => info.label.as_deref() == Some(stop.name.as_str()),
        _ => false,
    });
    let now = focused(h);
    clicked || now.is_some_and(|now| now.id == stop.id)
}

fn shots_folder() -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("laptop-screens");
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

/// Every panel at both sizes on `file`; `prepare` runs once a panel is shown (choosing a cohort).
fn every_panel(dir: &Path, file: &Path, data: &str, prepare: impl Fn(&mut Harness<'static, PlacementsApp>, &str)) {
    for (width, height, screen) in WINDOWS {
        let size = egui::vec2(width, height);
        for (key, panel) in PANELS {
            let what = format!("{panel} on the {data} at {screen}");
            let mut h = common::app_on(dir, file, ScriptedDialogs::default(), size, key);
            if panel == "outcome-form" {
                h.get_by_label("Record a day's outcome").click();
                settle(&mut h);
                h.get_all_by(|n| {
                    n.role() == egui::accesskit::Role::Button && n.label().is_some_and(|l| l.contains(" · Team "))
                })
                .next()
                .unwrap_or_else(|| panic!("{what}: no day to record"))
                .click();
                settle(&mut h);
                assert!(
                    h.query_by_label_contains("Feedback").is_some()
                        || h.query_all_by_label_contains("rating").next().is_some(),
                    "{what}: the form is open"
                );
            }
            prepare(&mut h, panel);
            settle(&mut h);
            match h.render() {
                Ok(image) => image.save(shots_folder().join(format!("{panel}-{data}-{screen}.png"))).unwrap(),
                Err(e) => panic!("{what}: the picture could not be drawn: {e}"),
            }
            let stops = tab_round(&mut h, size, &what);
            assert!(stops.len() > 10, "{what}: only {} controls reached by Tab: {stops:?}", stops.len());
            // Shift+Tab from the first control goes round backwards to the last: click it.
            h.key_press_modifiers(egui::Modifiers::SHIFT, Key::Tab);
            settle(&mut h);
            let last =
                focused(&h).unwrap_or_else(|| panic!("{what}: Shift+Tab from the first control reached nothing"));
            assert!(
                Rect::from_min_size(egui::Pos2::ZERO, size).contains_rect(last.rect.shrink(0.5)),
                "{what}: the last control is out of sight: {last:?}"
            );
            assert!(
                click_lands(&mut h, &last),
                "{what}: a click on the last control “{}” did not land on it",
                last.name
            );
        }
    }
}

#[test]
fn every_panel_on_the_demo_is_reached_by_keyboard_and_pointer_on_a_laptop_screen() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "laptop.placements", 300);
    every_panel(dir.path(), &file, "demo", |_, _| {});
}

#[test]
fn every_panel_with_a_cohort_of_twenty_not_in_teams_is_reached_on_a_laptop_screen() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "twenty.placements", 300);
    let roster = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/journey/roster.csv");
    let (ok, said, err) = run_in(
        dir.path(),
        &["import", "participants", file.to_str().unwrap(), roster.to_str().unwrap(), "--cohort", "Wave 9"],
    );
    assert!(ok && said.contains("imported 20,"), "{said} {err}");
    every_panel(dir.path(), &file, "twenty", |h, panel| {
        // The cohort's own view where a panel has a cohort to choose.
        if matches!(panel, "cohorts" | "board") {
            h.get_by_role(egui::accesskit::Role::ComboBox).click();
            settle(h);
            h.get_by_label("Wave 9").click();
            settle(h);
            assert!(h.query_all_by_value("Wave 9").next().is_some(), "Wave 9 is chosen");
        }
        if panel == "board" {
            // Its people are in no team yet: the board says where teams are formed, and shows
            // nothing of the cohort shown before.
            assert!(h.query_by_label_contains("This cohort has no teams yet: form them in Cohorts").is_some());
            assert!(h.query_by_label("Actions…").is_none(), "no other cohort's placement stays chosen");
        }
    });
}

/// Pixels of `colour` (within a few levels, for smoothing) drawn within `rect`.
fn pixels_of(image: &image::RgbaImage, rect: Rect, colour: egui::Color32) -> usize {
    let near = |a: u8, b: u8| a.abs_diff(b) <= 6;
    let (x0, y0) = (rect.left().max(0.0) as u32, rect.top().max(0.0) as u32);
    let (x1, y1) = ((rect.right() as u32).min(image.width()), (rect.bottom() as u32).min(image.height()));
    let mut n = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            let p = image.get_pixel(x, y).0;
            if near(p[0], colour.r()) && near(p[1], colour.g()) && near(p[2], colour.b()) {
                n += 1;
            }
        }
    }
    n
}

/// The focus is drawn unlike the selection: the chip chosen is edged in blue with no yellow;
/// the chip the keyboard is on has the warm-yellow ring.
#[test]
fn the_focus_ring_is_not_the_selection() {
    use placements::ui::theme::{FOCUS_YELLOW, NHS_BLUE};
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "focus.placements", 300);
    let size = egui::vec2(1366.0, 698.0);
    let mut h = common::app_on(dir.path(), &file, ScriptedDialogs::default(), size, Key::Num4);
    let chip = |name: &str| format!("Team {name}, Junior doctors 2027, ");
    // The board opens with the first clash's chip (Team 1's) chosen; nothing has the focus.
    settle(&mut h);
    let around =
        |h: &Harness<'static, PlacementsApp>, name: &str| h.get_by_label_contains(&chip(name)).rect().expand(8.0);
    let image = h.render().unwrap();
    image.save(shots_folder().join("focus-chosen.png")).unwrap();
    let chosen = around(&h, "1");
    assert!(pixels_of(&image, chosen, NHS_BLUE) > 40, "the chosen chip is edged in blue");
    assert_eq!(pixels_of(&image, chosen, FOCUS_YELLOW), 0, "a chosen chip without the focus has no yellow ring");

    // Tab to another chip: it has the ring, the chosen one still has none.
    let mut reached = false;
    for _ in 0..MOST_TABS {
        h.key_press(Key::Tab);
        settle(&mut h);
        if focused(&h).is_some_and(|s| s.name.starts_with(&chip("3"))) {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab reaches Team 3's chip");
    let image = h.render().unwrap();
    image.save(shots_folder().join("focus-ring.png")).unwrap();
    let ring = pixels_of(&image, around(&h, "3"), FOCUS_YELLOW);
    assert!(ring > 100, "the focused chip has the yellow ring ({ring} pixels)");
    if let Some(chosen) = h.query_by_label_contains(&chip("1")).map(|n| n.rect().expand(8.0)) {
        assert_eq!(pixels_of(&image, chosen, FOCUS_YELLOW), 0, "the chosen chip still has no ring");
    }
}

/// The place of the node named `label` on each of `frames` frames, from the first it is drawn.
fn places(h: &mut Harness<'static, PlacementsApp>, label: &str, frames: usize) -> Vec<Rect> {
    for _ in 0..20 {
        if h.query_by_label_contains(label).is_some() {
            break;
        }
        h.step();
    }
    (0..frames)
        .map(|_| {
            let rect = h.get_by_label_contains(label).rect();
            h.step();
            rect
        })
        .collect()
}

/// A dialog opens at its final place and stays there: the same on its first frame and its
/// tenth, and when part of it opens (the rows that cannot be imported) it grows downwards only.
#[test]
fn a_dialog_is_where_it_opened_on_its_first_and_tenth_frame() {
    use placements::ui::dialogs::DialogOutcome;
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "dialogs.placements", 300);
    let (width, height, screen) = WINDOWS[0];
    let size = egui::vec2(width, height);

    // The board's "An activity for Team 1 on …", from the chosen chip's Actions….
    let mut h = common::app_on(dir.path(), &file, ScriptedDialogs::default(), size, Key::Num4);
    h.get_by_label("Actions…").click();
    settle(&mut h);
    h.get_by_label("Choose activity…").click();
    h.step();
    let seen = places(&mut h, "An activity for Team 1 on ", 10);
    assert!(seen.iter().all(|r| *r == seen[0]), "at {screen} the dialog moved: {seen:?}");
    assert!(Rect::from_min_size(egui::Pos2::ZERO, size).contains_rect(seen[0]));
    drop(h); // it has the file open

    // The offers import on a sheet whose groups are not in the directory: rows that cannot be
    // imported, their list opened.
    let sheet = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/journey/offers.csv");
    let dialogs = ScriptedDialogs::new([DialogOutcome::Chosen(sheet)]);
    let asked = dialogs.asked.clone();
    let mut h = common::app_on(dir.path(), &file, dialogs, size, Key::Num2);
    h.get_by_label("File").click();
    settle(&mut h);
    h.get_by_label("Import offers…").click();
    let started = std::time::Instant::now();
    while h.query_by_label_contains("cannot be imported").is_none() {
        assert!(started.elapsed().as_secs() < 60, "the import window never said what cannot be imported");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    // The file dialog said what it was choosing (not "Import groups…" for every import).
    assert_eq!(*asked.lock().unwrap(), ["Import offers from a spreadsheet"]);
    let title = "Import offers from “offers.csv”";
    let seen = places(&mut h, title, 10);
    assert!(seen.iter().all(|r| *r == seen[0]), "at {screen} the import window moved: {seen:?}");
    h.get_by(|n| {
        n.role() == egui::accesskit::Role::CheckBox && n.label().is_some_and(|l| l.contains("cannot be imported"))
    })
    .click();
    let opened = places(&mut h, title, 10);
    assert!(opened.iter().all(|r| *r == seen[0]), "opening its rows moved the import window: {opened:?}");
    assert!(h.query_all_by_label_contains(": not imported: ").next().is_some(), "the rows are listed");
}

/// The directory's table is one stop for Tab: Down chooses the first group, the arrows move
/// the choice, End goes to the last row and scrolls it into sight.
#[test]
fn the_arrows_move_through_a_table_and_keep_the_chosen_row_in_sight() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "table.placements", 300);
    let (width, height, _) = WINDOWS[1];
    let size = egui::vec2(width, height);
    let mut h = common::app_on(dir.path(), &file, ScriptedDialogs::default(), size, Key::Num1);
    let mut reached = false;
    for _ in 0..60 {
        h.key_press(Key::Tab);
        settle(&mut h);
        if focused(&h).is_some_and(|s| s.name.starts_with("Groups: ")) {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab reaches the table");
    assert_eq!(focused(&h).unwrap().name, "Groups: 300 rows, none chosen; Down chooses the first");
    h.key_press(Key::ArrowDown);
    settle(&mut h);
    let first = focused(&h).unwrap().name;
    assert!(first.ends_with(", 1 of 300"), "{first}");
    h.key_press(Key::ArrowDown);
    settle(&mut h);
    let second = focused(&h).unwrap().name;
    assert!(second.ends_with(", 2 of 300"), "the focus stays on the table as the choice moves: {second}");
    h.key_press(Key::End);
    settle(&mut h);
    let last = focused(&h).unwrap().name;
    assert!(last.ends_with(", 300 of 300"), "{last}");
    // The last group's row is drawn, inside the window, above the status bar.
    let name = last.trim_start_matches("Groups: ").trim_end_matches(", 300 of 300");
    let row = h
        .query_all_by_label(name)
        .map(|n| n.rect())
        .find(|r| r.left() < 700.0)
        .unwrap_or_else(|| panic!("“{name}” is not drawn"));
    assert!(row.bottom() <= status_bar_top(&h) + 0.5 && row.top() >= 0.0, "{row:?}");
}

/// Every control with the keyboard's focus has the ring, not only the board's: a tick box (which
/// egui marks by next to nothing) and a button.
#[test]
fn a_tick_box_and_a_button_with_the_focus_have_the_ring() {
    use placements::ui::theme::FOCUS_YELLOW;
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "ring.placements", 60);
    let size = egui::vec2(1366.0, 698.0);
    let mut h = common::app_on(dir.path(), &file, ScriptedDialogs::default(), size, Key::Num1);
    for name in ["Show archived", "New group"] {
        let mut at = None;
        for _ in 0..60 {
            h.key_press(Key::Tab);
            settle(&mut h);
            if let Some(stop) = focused(&h).filter(|s| s.name == name) {
                at = Some(stop.rect);
                break;
            }
        }
        let rect = at.unwrap_or_else(|| panic!("Tab never reached “{name}”"));
        let image = h.render().unwrap();
        let ring = pixels_of(&image, rect.expand(8.0), FOCUS_YELLOW);
        assert!(ring > 60, "“{name}” has the focus but only {ring} pixels of the ring");
        let elsewhere = pixels_of(&image, Rect::from_min_size(egui::Pos2::ZERO, size), FOCUS_YELLOW);
        assert_eq!(elsewhere, ring, "the ring is drawn only around “{name}”");
    }
}

/// The board's side column shows at least five of the day's offers at once on a laptop, each
/// whole, between the chosen placement's line and the list of clashes.
#[test]
fn the_board_shows_five_offers_at_once_on_a_laptop() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "offers.placements", 300);
    for (width, height, screen) in WINDOWS {
        let size = egui::vec2(width, height);
        let h = common::app_on(dir.path(), &file, ScriptedDialogs::default(), size, Key::Num4);
        let heading = h.get_by_label_contains("Offers on ").rect();
        let clashes = h.get_by_label_contains(" to sort out").rect();
        let whole = h
            .query_all_by_role(egui::accesskit::Role::Button)
            .filter(|n| n.accesskit_node().label().is_some_and(|l| l.contains(": ") && !l.starts_with("Team ")))
            .map(|n| n.rect())
            .filter(|r| {
                r.left() >= heading.left() - 1.0 && r.top() >= heading.bottom() && r.bottom() <= clashes.top() - 10.0
            })
            .count();
        assert!(whole >= 5, "at {screen} only {whole} offers are shown whole");
        drop(h);
    }
}
