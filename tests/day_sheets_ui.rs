//! The Day sheets panel through egui_kittest: the pages previewed, Save PDF… writing a real PDF
//! where the (scripted) dialog says, Print… handing a copy to the viewer, the other kinds of
//! document a click away.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::path::Path;
use std::process::Command;

use common::demo_file;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use placements::paths::AppPaths;
use placements::ui::dialogs::{DialogOutcome, ScriptedDialogs};
use placements::ui::prefs::Prefs;
use placements::ui::{PlacementsApp, Start};

fn sheets(dir: &Path, file: &Path, dialogs: ScriptedDialogs) -> Harness<'static, PlacementsApp> {
    common::app_on(&dir.join("data"), file, dialogs, egui::vec2(1280.0, 900.0), Key::Num5)
}

/// Steps frames until something labelled `label` shows (the document is laid out on a worker).
fn wait_for(h: &mut Harness<'static, PlacementsApp>, label: &str) {
    for _ in 0..1000 {
        h.step();
        if h.query_by_label_contains(label).is_some() {
            for _ in 0..4 {
                h.step();
            }
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("“{label}” never showed");
}

#[test]
fn the_days_sheets_are_previewed_then_saved_as_a_real_pdf_and_printed() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "sheets.placements", 200);
    let saved = dir.path().join("out").join("friday.pdf");
    std::fs::create_dir_all(saved.parent().unwrap()).unwrap();
    let mut h = sheets(dir.path(), &file, ScriptedDialogs::new([DialogOutcome::Chosen(saved.clone())]));
    // The first day with a team out is chosen, and its pages shown.
    wait_for(&mut h, "Page 1 of ");
    let node = h.get_by_label_contains("Day sheets for ");
    let title = node.accesskit_node().label().or_else(|| node.accesskit_node().value()).unwrap_or_default();
    let pages: usize =
        title.rsplit(" · ").next().and_then(|p| p.split(' ').next()).and_then(|n| n.parse().ok()).unwrap();
    assert!(h.query_by_label_contains(&format!("Page {pages} of {pages}")).is_some(), "{title}");

    h.get_by_label("Save PDF…").click();
    h.run();
    let check = Command::new("qpdf").arg("--check").arg(&saved).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let text = Command::new("pdftotext").arg(&saved).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let day = title.split(" · ").next().unwrap_or_default().trim_start_matches("Day sheets for ");
    assert!(text.contains(day), "{day}: {text}");
    assert!(h.query_by_label_contains(&format!("Saved {}", saved.display())).is_some());

    // Print…: a copy in the data folder's printing folder, handed to the viewer.
    h.get_by_label("Print…").click();
    h.run();
    let printing: Vec<_> = std::fs::read_dir(dir.path().join("data").join("printing")).unwrap().flatten().collect();
    assert_eq!(printing.len(), 1);
    assert!(h.query_by_label_contains("in the PDF viewer to print").is_some());
}

#[test]
fn the_programme_and_a_host_groups_letter_are_a_click_away() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "kinds.placements", 200);
    let mut h = sheets(dir.path(), &file, ScriptedDialogs::default());
    wait_for(&mut h, "Page 1 of ");
    h.get_by_label("The programme on one page").click();
    wait_for(&mut h, ": the programme · 1 page");
    assert!(h.query_by_label_contains("Page 1 of 1").is_some());
    h.get_by_label("A host group's letter").click();
    wait_for(&mut h, "Letter to ");
}

#[test]
fn calendar_files_and_a_mail_merge_are_exported_from_the_file_menu() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "menu.placements", 60);
    let folder = dir.path().join("calendars");
    let merge = dir.path().join("letters.xlsx");
    let dialogs = ScriptedDialogs::new([DialogOutcome::Chosen(folder.clone()), DialogOutcome::Chosen(merge.clone())]);
    let mut app =
        PlacementsApp::new(AppPaths { data_dir: dir.path().join("data") }, Box::new(dialogs), Prefs::default());
    app.start(Start::File(file));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .with_theme(egui::Theme::Light)
        .with_context_setup(placements::ui::theme::apply)
        .build_ui_state(|ui, app: &mut PlacementsApp| app.shell_ui(ui), app);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export calendar files…").click();
    h.run();
    assert!(h.query_by_label_contains("Wrote calendar files for ").is_some());
    for sub in ["teams", "participants", "groups"] {
        assert!(std::fs::read_dir(folder.join(sub)).unwrap().count() > 0, "{sub}");
    }
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export mail merge for participants…").click();
    h.run();
    let table = placements::exchange::read_spreadsheet(&merge, None).unwrap();
    assert!(!table.rows.is_empty());
    assert!(h.query_by_label_contains("Wrote a mail merge for participants (").is_some());
}

/// The window exports as the command line does: with no team placed, a mail merge or calendar
/// files are refused in words and no empty file is written (the window wrote an empty merge,
/// the command line refused it).
#[test]
fn with_no_team_placed_the_window_writes_no_empty_export() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("blank.placements");
    placements::store::Store::create(&file).unwrap();
    let merge = dir.path().join("merge.csv");
    let folder = dir.path().join("calendars");
    let dialogs = ScriptedDialogs::new([DialogOutcome::Chosen(merge.clone()), DialogOutcome::Chosen(folder.clone())]);
    let mut app =
        PlacementsApp::new(AppPaths { data_dir: dir.path().join("data") }, Box::new(dialogs), Prefs::default());
    app.start(Start::File(file.clone()));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .with_theme(egui::Theme::Light)
        .with_context_setup(placements::ui::theme::apply)
        .build_ui_state(|ui, app: &mut PlacementsApp| app.shell_ui(ui), app);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export mail merge for participants…").click();
    h.run();
    assert!(h.query_by_label_contains("No team is placed: there is nothing to merge").is_some());
    assert!(!merge.exists(), "no empty merge written");
    h.get_by_label("OK").click();
    h.run();

    // The command line says the same of the same file.
    let (ok, _, err) =
        common::run_in(dir.path(), &["export", "mail-merge", file.to_str().unwrap(), merge.to_str().unwrap()]);
    assert!(!ok && err.contains("no team is placed: there is nothing to merge"), "{err}");
    assert!(!merge.exists());
}
