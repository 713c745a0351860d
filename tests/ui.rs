//! The window, driven through its accessibility tree with egui_kittest: no real dialogs, no
//! real home folder.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::path::{Path, PathBuf};

use common::{demo_file, scalar};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use placements::paths::AppPaths;
use placements::ui::dialogs::{DialogOutcome, ScriptedDialogs};
use placements::ui::prefs::{PanelKind, Prefs};
use placements::ui::{PlacementsApp, Start};

fn app_in(data_dir: &Path, dialogs: ScriptedDialogs, start: Start) -> PlacementsApp {
    let mut app =
        PlacementsApp::new(AppPaths { data_dir: data_dir.to_path_buf() }, Box::new(dialogs), Prefs::default());
    app.start(start);
    app
}

fn text_input<'a>(h: &'a Harness<'_, PlacementsApp>, label: &'a str) -> egui_kittest::Node<'a> {
    h.get_by_role_and_label(Role::TextInput, label)
}

fn button<'a>(h: &'a Harness<'_, PlacementsApp>, label: &'a str) -> egui_kittest::Node<'a> {
    h.get_by(|n| n.role() == Role::Button && n.label().as_deref() == Some(label))
}

/// Selects a group in the Directory by its name and opens its edit form.
fn open_editor(h: &mut Harness<'static, PlacementsApp>, name: &str) {
    h.get_by_label(name).click();
    h.run();
    button(h, "Edit this group").click();
    h.run();
}

fn harness(app: PlacementsApp) -> Harness<'static, PlacementsApp> {
    harness_sized(app, 800.0)
}

/// A window this tall: the whole of a long form is on screen, so that its last fields can be
/// clicked (kittest clicks where a widget is drawn).
fn harness_sized(app: PlacementsApp, height: f32) -> Harness<'static, PlacementsApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, height))
        .with_theme(egui::Theme::Light)
        .with_context_setup(placements::ui::theme::apply)
        .build_ui_state(|ui, app: &mut PlacementsApp| app.shell_ui(ui), app)
}

#[test]
fn each_panel_is_reached_from_the_navigation_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "nav.placements", 60);
    let mut h = harness(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file)));
    h.run();
    assert!(h.query_by_label_contains("Showing 60 of 60 groups").is_some());
    let panels = [
        (PanelKind::Offers, "Offers", "What groups can host a team for, where and when"),
        (PanelKind::Cohorts, "Cohorts", "Participants of each programme and the teams they go out in"),
        (PanelKind::Board, "Board", "Which team goes where, on which day"),
        (
            PanelKind::DaySheets,
            "Day sheets",
            "What each team needs on the day, the host groups' letters, and the programme on one page",
        ),
        (PanelKind::Directory, "Directory", "Local voluntary, community and faith groups"),
    ];
    for (kind, label, subtitle) in panels {
        button(&h, label).click();
        // Steps, not run: Day sheets lays its document out on a worker, with a spinner meanwhile.
        h.run_steps(4);
        assert_eq!(h.state().panel(), kind);
        assert!(h.query_by_label(subtitle).is_some(), "{subtitle} not shown");
    }
    // Keyboard: Ctrl+4 shows the board, with the demo's clash.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num4);
    h.run();
    assert_eq!(h.state().panel(), PanelKind::Board);
    assert!(h.query_by_label_contains("to sort out").is_some());
}

#[test]
fn the_welcome_screen_opens_the_demo_programme() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path(), ScriptedDialogs::default(), Start::Welcome));
    h.run();
    assert!(h.state().store().is_none());
    h.get_by_label("Open the demo programme").click();
    h.run();
    let store = h.state().store().expect("the demo is open");
    assert!(store.path().starts_with(dir.path()), "the demo lives in the app's data folder");
    assert_eq!(store.counts().unwrap().groups, 1500);
    assert!(h.query_by_label("All changes saved").is_some());
    assert!(h.query_by_label_contains("Showing 1,500 of 1,500 groups").is_some());
    // Opening took a backup copy.
    assert_eq!(placements::store::Backups::new(dir.path().join("backups")).all().len(), 1);
}

#[test]
fn the_first_run_opens_the_demo_and_later_runs_the_last_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = PlacementsApp::new(
        AppPaths { data_dir: dir.path().to_path_buf() },
        Box::new(ScriptedDialogs::default()),
        Prefs::default(),
    );
    app.start(Start::LastOrDemo);
    let demo = app.store().expect("demo open on first run").path().to_path_buf();
    let prefs = app.prefs().clone();
    drop(app);
    assert_eq!(prefs.open_at_exit.as_deref(), Some(demo.as_path()));
    assert_eq!(prefs.recent_files, vec![demo.clone()]);
    let mut again = PlacementsApp::new(
        AppPaths { data_dir: dir.path().to_path_buf() },
        Box::new(ScriptedDialogs::default()),
        prefs,
    );
    again.start(Start::LastOrDemo);
    assert_eq!(again.store().unwrap().path(), demo.as_path());
}

#[test]
fn ctrl_z_undoes_an_edit_and_ctrl_shift_z_redoes_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "undo.placements", 40);
    let first_name: String = scalar(&file, "SELECT name FROM community_group ORDER BY name COLLATE NOCASE, id LIMIT 1");
    let first_id: i64 = scalar(&file, "SELECT id FROM community_group ORDER BY name COLLATE NOCASE, id LIMIT 1");
    let mut h = harness(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file.clone())));
    h.run();
    open_editor(&mut h, &first_name);
    text_input(&h, "Name").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    text_input(&h, "Name").type_text("Bispham Tea Dance Friends");
    h.run();
    button(&h, "Save").click();
    h.run();
    let name_now = || -> String { scalar(&file, &format!("SELECT name FROM community_group WHERE id = {first_id}")) };
    assert_eq!(name_now(), "Bispham Tea Dance Friends");
    assert_eq!(h.state().undo_labels(), vec!["Edit Bispham Tea Dance Friends".to_owned()]);
    assert!(h.query_all_by_label("Bispham Tea Dance Friends").next().is_some());

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(name_now(), first_name);
    assert!(h.query_all_by_label("Bispham Tea Dance Friends").next().is_none());
    assert!(h.query_all_by_label(&first_name).next().is_some());

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(name_now(), "Bispham Tea Dance Friends");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(name_now(), "Bispham Tea Dance Friends");
}

#[test]
fn a_bad_email_is_shown_by_its_field_and_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "email.placements", 10);
    let first_name: String = scalar(&file, "SELECT name FROM community_group ORDER BY name COLLATE NOCASE, id LIMIT 1");
    let before = common::dump(&file);
    let mut h = harness(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file.clone())));
    h.run();
    open_editor(&mut h, &first_name);
    text_input(&h, "Email").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    text_input(&h, "Email").type_text("hello at example dot org");
    h.run();
    button(&h, "Save").click();
    h.run();
    assert!(h.query_by_label_contains("This is not an email address").is_some());
    assert_eq!(common::dump(&file), before);
}

#[test]
fn a_file_that_is_not_ours_gets_a_clear_message_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("budget.placements");
    std::fs::write(&file, "Item,Cost\nTea,4.50\n").unwrap();
    let dialogs = ScriptedDialogs::new([DialogOutcome::Chosen(file.clone())]);
    let mut h = harness(app_in(dir.path(), dialogs, Start::Welcome));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    let (title, body) = h.state().message().expect("a message is shown");
    assert_eq!(title, "Could not open “budget.placements”");
    assert!(body.contains("not a Community Placements database"), "{body}");
    assert!(h.query_by_label_contains("not a Community Placements database").is_some());
    assert!(h.state().store().is_none());
    assert_eq!(std::fs::read(&file).unwrap(), b"Item,Cost\nTea,4.50\n");
}

#[test]
fn save_as_carries_on_in_the_new_file_and_the_title_bar_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "first.placements", 20);
    let copy = dir.path().join("second.placements");
    let dialogs = ScriptedDialogs::new([DialogOutcome::Chosen(copy.clone())]);
    let mut h = harness(app_in(dir.path(), dialogs, Start::File(file)));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    assert_eq!(h.state().store().unwrap().path(), copy.as_path());
    assert!(h.query_by_label("second.placements").is_some());
    assert_eq!(h.state().prefs().recent_files.first(), Some(&copy));
}

#[test]
fn a_read_only_file_shows_a_banner_and_disables_editing() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "locked.placements", 10);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let first_name: String = scalar(&file, "SELECT name FROM community_group ORDER BY name COLLATE NOCASE, id LIMIT 1");
    let mut h = harness(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file)));
    h.run();
    assert!(h.query_by_label_contains("Read-only. The file is read-only.").is_some());
    h.get_by_label(&first_name).click();
    h.run();
    assert!(button(&h, "Edit this group").accesskit_node().is_disabled());
}

#[test]
fn ctrl_w_closes_the_file_and_returns_to_the_welcome_screen() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "close.placements", 10);
    let mut h = harness(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file)));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    assert!(h.state().store().is_none());
    assert!(h.query_by_label("Open the demo programme").is_some());
    assert!(h.query_by_label("close.placements").is_some(), "listed under recent files");
}

#[test]
fn a_file_open_in_another_copy_is_offered_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "busy.placements", 10);
    let other_copy = placements::store::Store::open(&file, placements::store::OpenMode::Edit).unwrap();
    let mut h = harness(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file.clone())));
    h.run();
    assert!(h.state().store().is_none());
    assert!(h.query_by_label_contains("already open in another copy of Community Placements").is_some());
    button(&h, "Open read-only").click();
    h.run();
    let store = h.state().store().expect("opened read-only");
    assert!(!store.is_writable());
    assert!(h.query_by_label_contains("Read-only. It was opened read-only.").is_some());
    drop(other_copy);
}

#[test]
fn restore_from_backup_brings_back_a_removed_placement() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "restore.placements", 40);
    let placements_before: i64 = scalar(&file, "SELECT count(*) FROM placement");
    let mut h = harness(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file.clone())));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num4);
    h.run();
    // The chosen placement's Actions… menu: Remove.
    button(&h, "Actions…").click();
    h.run();
    button(&h, "Remove").click();
    h.run();
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM placement"), placements_before - 1);

    button(&h, "File").click();
    h.run();
    button(&h, "Restore from backup…").click();
    h.run();
    button(&h, "Restore…").click();
    h.run();
    button(&h, "Replace with backup").click();
    h.run();
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM placement"), placements_before);
    assert!(h.query_by_label_contains("Restored the backup from").is_some());
    // The state just before the restore was kept too.
    assert_eq!(placements::store::Backups::new(dir.path().join("backups")).of_document(&file).len(), 2);
}

#[test]
fn open_recent_reopens_a_file_from_the_welcome_screen() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "Recent one.placements", 10);
    let mut h = harness(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file.clone())));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    button(&h, "Recent one.placements").click();
    h.run();
    assert_eq!(h.state().store().map(|s| s.path().to_path_buf()), Some(file));
}

/// Steps the window until `label` shows (workers run on threads), for up to two minutes; if it
/// never does, says what the window showed instead.
/// Clicks a modal's button until it goes. Under heavy load a click was seen not to register (the
/// window stayed on its step, nothing imported); a person would click again.
fn click_until_gone(h: &mut Harness<'static, PlacementsApp>, label: &str) {
    for _ in 0..5 {
        if h.query_by_label(label).is_none() {
            break;
        }
        button(h, label).click();
        h.step();
        h.step();
    }
}

fn step_until(h: &mut Harness<'static, PlacementsApp>, label: &str) {
    let started = std::time::Instant::now();
    while h.query_by_label_contains(label).is_none() {
        if started.elapsed().as_secs() > 120 {
            let shown: Vec<String> = h.query_all_by_role(Role::Label).map(|n| format!("{n:?}")).collect();
            panic!("“{label}” never appeared; the window showed: {shown:#?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
}

/// The app on `file`, its File menu's `item` given `source`, once the window shows `ready`.
fn import_window(dir: &Path, file: &Path, source: PathBuf, item: &str, ready: &str) -> Harness<'static, PlacementsApp> {
    let dialogs = ScriptedDialogs::new([DialogOutcome::Chosen(source)]);
    let mut h = harness(app_in(dir, dialogs, Start::File(file.to_path_buf())));
    h.run();
    button(&h, "File").click();
    h.run();
    button(&h, item).click();
    h.step();
    step_until(&mut h, ready);
    // The window re-centres a frame after its content changes size: let it settle.
    h.run();
    h
}

#[test]
fn importing_groups_through_the_window_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "import-ui.placements", 30);
    let trafford = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/registers/trafford-charities.csv");
    let dialogs = ScriptedDialogs::new([DialogOutcome::Chosen(trafford)]);
    let mut h = harness(app_in(dir.path(), dialogs, Start::File(file.clone())));
    h.run();
    button(&h, "File").click();
    h.run();
    button(&h, "Import groups…").click();
    h.step();
    step_until(&mut h, "Import 736 groups");
    // The window re-centres a frame after its content changes size: let it settle.
    h.run();
    // The mapping step shows the guessed columns and a preview of the rows.
    assert!(h.query_by_label_contains("736 rows (UTF-8)").is_some());
    assert!(h.query_all_by_label("DUKINFIELD BAPTIST CHURCH (TRUST FUNDS HELD ICW )").next().is_some());
    assert!(h.query_by_label_contains("5 values will be kept as given but need checking").is_some());
    click_until_gone(&mut h, "Import 736 groups");
    step_until(&mut h, "Imported 736, updated 0, skipped 0, not imported 0.");
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM community_group"), 766);
    button(&h, "Close").click();
    h.run();
    assert!(h.query_by_label_contains("Showing 766 of 766 groups").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM community_group"), 30);
    assert!(h.query_by_label_contains("Showing 30 of 30 groups").is_some());
}

#[test]
fn the_import_window_lists_each_row_that_matched_and_imports_a_repeated_group_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "matches-ui.placements", 30);
    let (name, postcode): (String, String) = rusqlite::Connection::open(&file)
        .unwrap()
        .query_row("SELECT name, postcode FROM community_group WHERE postcode <> '' ORDER BY id LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let source = dir.path().join("groups.csv");
    std::fs::write(
        &source,
        format!("name,postcode\n\"{name}\",{postcode}\nStaining Pond Friends,FY3 0BT\nStaining Pond Friends,FY3 0BT\n"),
    )
    .unwrap();
    let mut h = import_window(dir.path(), &file, source, "Import groups…", "Import 3 groups");
    assert!(
        h.query_by_label_contains("3 lines name 2 groups: a group listed more than once is imported once.").is_some()
    );
    h.get_by_label("Which rows matched, and what (2)").click();
    h.run();
    let matched = format!("line 2: same name and postcode as ‘{name}’, {postcode}; skipped");
    assert!(h.query_by_label(&matched).is_some(), "{matched}");
    assert!(
        h.query_by_label("line 4: same name and postcode as line 3 (‘Staining Pond Friends’, FY3 0BT); counted once")
            .is_some()
    );
    // Choosing to update says so on the row.
    h.get_by_label("Update the existing groups").click();
    h.run();
    assert!(h.query_by_label(&matched.replace("; skipped", "; updated")).is_some());
    click_until_gone(&mut h, "Import 3 groups");
    step_until(&mut h, "Imported 1, updated 1, skipped 1");
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM community_group WHERE name = 'Staining Pond Friends'"), 1);
}

#[test]
fn exporting_groups_through_the_window_writes_a_csv() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "export-ui.placements", 25);
    let out = dir.path().join("groups.csv");
    let dialogs = ScriptedDialogs::new([DialogOutcome::Chosen(out.clone())]);
    let mut h = harness(app_in(dir.path(), dialogs, Start::File(file)));
    h.run();
    button(&h, "File").click();
    h.run();
    button(&h, "Export groups…").click();
    h.run();
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 26);
    assert!(h.query_by_label_contains("Exported 25 groups to").is_some());
}

#[test]
fn a_new_group_is_added_from_the_directory_and_can_be_archived() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "new-group.placements", 12);
    let mut h = harness(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file.clone())));
    h.run();
    button(&h, "New group").click();
    h.run();
    text_input(&h, "Name").focus();
    text_input(&h, "Name").type_text("Marton Moss Growers");
    text_input(&h, "Postcode").focus();
    text_input(&h, "Postcode").type_text("fy4 5aa");
    text_input(&h, "Phone").focus();
    text_input(&h, "Phone").type_text("not a number");
    h.run();
    button(&h, "Save").click();
    h.run();
    assert!(h.query_by_label_contains("This is not a UK phone number").is_some());
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM community_group"), 12);
    text_input(&h, "Phone").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    text_input(&h, "Phone").type_text("01632 960555");
    h.run();
    button(&h, "Save").click();
    h.run();
    assert_eq!(
        scalar::<String>(&file, "SELECT postcode FROM community_group WHERE name = 'Marton Moss Growers'"),
        "FY4 5AA"
    );
    assert!(h.query_by_label_contains("Showing 13 of 13 groups").is_some());
    button(&h, "Archive").click();
    h.run();
    assert!(h.query_by_label_contains("Showing 12 of 12 groups").is_some());
    assert_eq!(scalar::<i64>(&file, "SELECT archived FROM community_group WHERE name = 'Marton Moss Growers'"), 1);
}

#[test]
fn the_lists_window_adds_a_category_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "lists.placements", 10);
    let mut h = harness(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file.clone())));
    h.run();
    button(&h, "Lists…").click();
    h.run();
    assert!(h.query_by_label("Neighbourhoods, categories and postcode rules").is_some());
    assert!(h.query_by_label_contains("FY1 is Blackpool Central").is_some());
    let new_fields: Vec<_> = h.query_all_by_role_and_label(Role::TextInput, "New:").collect();
    assert_eq!(new_fields.len(), 2);
    new_fields[1].focus();
    new_fields[1].type_text("Allotments");
    h.run();
    let adds: Vec<_> = h.query_all(egui_kittest::kittest::by().role(Role::Button).label("Add")).collect();
    adds[1].click();
    h.run();
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM category WHERE name = 'Allotments'"), 1);
    button(&h, "Close").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM category WHERE name = 'Allotments'"), 0);
}

#[test]
fn a_duplicate_is_merged_from_the_detail_pane_keeping_the_chosen_values() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "merge-ui.placements", 60);
    let keep_name: String = scalar(&file, "SELECT name FROM community_group ORDER BY name COLLATE NOCASE, id LIMIT 1");
    let keep_id: i64 =
        scalar(&file, &format!("SELECT id FROM community_group WHERE name = '{}'", keep_name.replace('\'', "''")));
    let (other_id, other_name, other_phone): (i64, String, String) = rusqlite::Connection::open(&file)
        .unwrap()
        .query_row(
            &format!("SELECT g.id, g.name, g.phone FROM community_group g JOIN offer o ON o.group_id = g.id WHERE g.id <> {keep_id} AND g.phone <> (SELECT phone FROM community_group WHERE id = {keep_id}) LIMIT 1"),
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let offers: i64 = scalar(&file, &format!("SELECT count(*) FROM offer WHERE group_id IN ({keep_id}, {other_id})"));
    let mut h = harness(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file.clone())));
    h.run();
    h.get_by_label(&keep_name).click();
    h.run();
    button(&h, "Merge a duplicate…").click();
    h.run();
    text_input(&h, "Find the duplicate:").focus();
    text_input(&h, "Find the duplicate:").type_text(&other_name);
    h.run();
    h.get_by_label_contains(&format!("{other_name} (")).click();
    h.run();
    h.get_by(|n| n.role() == Role::RadioButton && n.label().as_deref() == Some(other_phone.as_str())).click();
    h.run();
    button(&h, "Merge").click();
    h.run();
    assert_eq!(scalar::<i64>(&file, &format!("SELECT count(*) FROM community_group WHERE id = {other_id}")), 0);
    assert_eq!(
        scalar::<String>(&file, &format!("SELECT phone FROM community_group WHERE id = {keep_id}")),
        other_phone
    );
    assert_eq!(scalar::<i64>(&file, &format!("SELECT count(*) FROM offer WHERE group_id = {keep_id}")), offers);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(scalar::<i64>(&file, &format!("SELECT count(*) FROM community_group WHERE id = {other_id}")), 1);
}

#[test]
fn when_the_file_is_deleted_while_open_the_edit_stays_on_screen_until_saved_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "deleted.placements", 10);
    let first_name: String = scalar(&file, "SELECT name FROM community_group ORDER BY name COLLATE NOCASE, id LIMIT 1");
    let rescue = dir.path().join("rescue.placements");
    let dialogs = ScriptedDialogs::new([DialogOutcome::Chosen(rescue.clone())]);
    let mut h = harness(app_in(dir.path(), dialogs, Start::File(file.clone())));
    h.run();
    open_editor(&mut h, &first_name);
    std::fs::remove_file(&file).unwrap();
    text_input(&h, "Other names").focus();
    text_input(&h, "Other names").type_text("Rang them on Tuesday");
    h.run();
    button(&h, "Save").click();
    h.run();
    let (title, body) = h.state().message().expect("a message");
    assert_eq!(title, "Your change was not saved");
    assert!(body.contains("Save As"), "{body}");
    assert!(h.query_by_label("Last change NOT saved").is_some());
    button(&h, "OK").click();
    h.run();
    // The typed notes are still in the form.
    assert_eq!(text_input(&h, "Other names").accesskit_node().value().as_deref(), Some("Rang them on Tuesday"));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    button(&h, "Save").click();
    h.run();
    assert_eq!(
        scalar::<String>(
            &rescue,
            &format!("SELECT other_names FROM community_group WHERE name = '{}'", first_name.replace('\'', "''"))
        ),
        "Rang them on Tuesday"
    );
    assert!(h.query_by_label("All changes saved").is_some());
}

#[test]
fn a_million_row_spreadsheet_is_read_while_the_window_keeps_drawing() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "large.placements", 10);
    let csv = dir.path().join("large.csv");
    let mut text = String::from("name,postcode\n");
    for i in 0..1_000_000 {
        text.push_str(&format!("Large Import Group {i},FY1 {}AB\n", 1 + i % 9));
    }
    std::fs::write(&csv, text).unwrap();
    let dialogs = ScriptedDialogs::new([DialogOutcome::Chosen(csv)]);
    let mut h = harness(app_in(dir.path(), dialogs, Start::File(file)));
    h.run();
    button(&h, "File").click();
    h.run();
    button(&h, "Import groups…").click();
    h.step();
    step_until(&mut h, "Reading the file and checking every row");
    // Reading and checking a million rows happens on a worker: the window draws frame after frame
    // with the spinner meanwhile (on the window's own thread it would draw one, then hang).
    let mut frames_while_reading = 0;
    let started = std::time::Instant::now();
    while h.query_by_label_contains("Reading the file and checking every row").is_some() {
        assert!(started.elapsed().as_secs() < 120, "reading never finished");
        frames_while_reading += 1;
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    assert!(frames_while_reading >= 5, "only {frames_while_reading} frames were drawn while reading");
    step_until(&mut h, "1,000,000 rows (UTF-8)");
    assert!(h.query_by_label("Import 1,000,000 groups").is_some());
    button(&h, "Cancel").click();
    h.run();
}

/// The first weekday after today that is not a bank holiday: a day a new draft offer (which
/// starts today and runs Monday to Friday for four weeks) can host.
fn next_open_day() -> chrono::NaiveDate {
    let mut day = chrono::Local::now().date_naive() + chrono::Duration::days(1);
    while placements::model::calendar::is_weekend(day) || placements::model::calendar::is_bank_holiday(day) {
        day += chrono::Duration::days(1);
    }
    day
}

#[test]
fn a_new_offer_is_made_from_a_groups_detail_pane_with_a_blackout_day_and_undone() {
    use chrono::Datelike as _;
    use placements::model::dates::uk_date;
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "new-offer.placements", 60);
    let group: String = scalar(&file, "SELECT name FROM community_group ORDER BY name COLLATE NOCASE LIMIT 1");
    let offers_before: i64 = scalar(&file, "SELECT count(*) FROM offer");
    let mut h = harness_sized(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file.clone())), 1700.0);
    h.run();
    h.get_by_label(&group).click();
    h.run();
    button(&h, "New offer").click();
    h.run();
    assert!(h.query_by_label("New offer").is_some(), "the Offers panel's editor is open");
    assert!(h.query_by_label(&format!("From {group}")).is_some());

    // Saving without a title is refused beside the field, and nothing is written.
    button(&h, "Save offer").click();
    h.run();
    assert!(h.query_by_label("An offer needs a title.").is_some());
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM offer"), offers_before);

    text_input(&h, "Title").focus();
    h.run();
    text_input(&h, "Title").type_text("Litter pick on the prom");
    h.run();
    // Click an open day in the month view: it becomes a blackout day.
    let day = next_open_day();
    if day.month() != chrono::Local::now().date_naive().month() {
        button(&h, "Next month").click();
        h.run();
    }
    h.get_by_label(&format!("{}: available", uk_date(day))).click();
    h.run();
    assert!(
        h.query_by_label(&format!("{}: not available: the group cannot host that day (blackout)", uk_date(day)))
            .is_some()
    );
    button(&h, "Save offer").click();
    h.run();
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM offer"), offers_before + 1);
    let blackout: String = scalar(
        &file,
        "SELECT d.day FROM offer_day d JOIN offer o ON o.id = d.offer_id
         WHERE o.title = 'Litter pick on the prom' AND d.kind = 'blackout'",
    );
    assert_eq!(blackout, day.format("%Y-%m-%d").to_string());
    let count = format!("Showing {} of {} offers", offers_before + 1, offers_before + 1);
    assert!(h.query_by_label(&count).is_some(), "the list has the new offer");
    assert!(h.query_by_label("Edit this offer").is_some(), "and shows it");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM offer"), offers_before);
    let left: i64 = scalar(&file, &format!("SELECT count(*) FROM offer_day WHERE day = '{}'", day.format("%Y-%m-%d")));
    assert_eq!(left, 0, "the blackout day went with the offer");
}

#[test]
fn the_offers_list_filters_to_offers_with_places_left() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "offer-filter.placements", 200);
    let total: i64 = scalar(&file, "SELECT count(*) FROM offer");
    let with_places: i64 = scalar(
        &file,
        "SELECT count(*) FROM offer o WHERE o.capacity > (SELECT count(*) FROM placement p WHERE p.offer_id = o.id)",
    );
    assert!(with_places < total, "the demo has full offers");
    let mut h = harness(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file)));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run();
    assert!(h.query_by_label(&format!("Showing {total} of {total} offers")).is_some());
    h.get_by_label("Places left").click();
    h.run();
    assert!(h.query_by_label(&format!("Showing {with_places} of {total} offers")).is_some());
}

#[test]
fn importing_offers_through_the_window_lists_unmatched_rows_and_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "import-offers-ui.placements", 30);
    let group: String = scalar(
        &file,
        "SELECT name FROM community_group WHERE NOT archived AND name NOT IN
            (SELECT name FROM community_group GROUP BY name HAVING count(*) > 1) ORDER BY id LIMIT 1",
    );
    let before: i64 = scalar(&file, "SELECT count(*) FROM offer");
    let source = dir.path().join("offers.csv");
    std::fs::write(
        &source,
        format!(
            "Group,Title,From,To\n\"{group}\",Garden makeover,05/04/2027,30/04/2027\n\"{group}\",Craft morning,06/04/2027,07/05/2027\nThe Unknown Society,Tea dance,05/04/2027,30/04/2027\n"
        ),
    )
    .unwrap();
    let mut h = import_window(dir.path(), &file, source, "Import offers…", "Import 2 offers");
    assert!(h.query_all_by_label("Garden makeover").next().is_some(), "the preview shows the rows");
    h.get_by_label_contains("1 row cannot be imported").click();
    h.run();
    assert!(
        h.query_by_label("Line 4: not imported: no group in the directory is called “The Unknown Society”").is_some()
    );
    click_until_gone(&mut h, "Import 2 offers");
    step_until(&mut h, "Imported 2, updated 0, skipped 0, not imported 1.");
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM offer"), before + 2);
    // The window re-centres a frame after its content changes size: let it settle, then click.
    h.run();
    button(&h, "Close").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    // (The checkbox clicked above had the keyboard focus; Ctrl+Z still undoes the import.)
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM offer"), before);
}

/// The cohort's people and their teams, as the file has them: (name, team name or "none").
fn teams_in_file(file: &Path, cohort: &str) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(file).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT p.name, coalesce(t.name, 'none') FROM participant p JOIN cohort c ON c.id = p.cohort_id
             LEFT JOIN team t ON t.id = p.team_id WHERE c.name = ?1 ORDER BY p.name",
        )
        .unwrap();
    stmt.query_map([cohort], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn a_person_is_dragged_to_another_team_and_back_with_undo() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "drag.placements", 30);
    let before = teams_in_file(&file, "Junior doctors 2027");
    let (name, _) = before.iter().find(|(_, t)| t == "Team 1").cloned().unwrap();
    let mut h = harness_sized(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file.clone())), 1000.0);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run();
    // The card is the first node with the person's name; the target is Team 2's column.
    let from = h.get_all_by_label(&name).next().unwrap().rect().center();
    let to = h.get_by_role_and_label(Role::Button, "Team 2").rect().center() + egui::vec2(0.0, 120.0);
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
    let after = teams_in_file(&file, "Junior doctors 2027");
    let moved = after.iter().find(|(n, _)| *n == name).unwrap();
    assert_eq!(moved.1, "Team 2", "{name} was dropped on Team 2");
    assert_eq!(after.iter().filter(|(_, t)| t == "Team 2").count(), 5);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(teams_in_file(&file, "Junior doctors 2027"), before);
}

#[test]
fn form_teams_previews_then_applies_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "form.placements", 30);
    let before = teams_in_file(&file, "Systems leaders 2027");
    let mut h = harness_sized(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file.clone())), 1000.0);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run();
    h.get_by_label("Cohort:").click();
    h.run();
    h.get_by_label("Systems leaders 2027").click();
    h.run();
    button(&h, "Form teams…").click();
    h.run();
    // 100 people in teams of at most 5: 20 teams, each of five organisations (the teams behind
    // the window, as the file has them, show their own mix lines too).
    assert!(h.query_by_label("Apply 20 teams").is_some());
    let behind: i64 = scalar(
        &file,
        "SELECT count(*) FROM (SELECT p.team_id FROM participant p JOIN cohort c ON c.id = p.cohort_id
         WHERE c.name = 'Systems leaders 2027' AND p.team_id IS NOT NULL
         GROUP BY p.team_id HAVING count(DISTINCT p.organisation_id) = 5)",
    );
    assert_eq!(h.query_all_by_label_contains("5 organisations").count() as i64, 20 + behind);
    assert_eq!(teams_in_file(&file, "Systems leaders 2027"), before, "a preview writes nothing");
    button(&h, "Try another mix").click();
    h.run();
    button(&h, "Apply 20 teams").click();
    h.run();
    let after = teams_in_file(&file, "Systems leaders 2027");
    assert_ne!(after, before);
    assert!(after.iter().all(|(_, t)| t != "none"), "everyone is in a team");
    let shared: i64 = scalar(
        &file,
        "SELECT count(*) FROM participant a JOIN participant b ON a.team_id = b.team_id AND a.id < b.id
         AND a.organisation_id = b.organisation_id
         WHERE a.cohort_id = (SELECT id FROM cohort WHERE name = 'Systems leaders 2027')",
    );
    assert_eq!(shared, 0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(teams_in_file(&file, "Systems leaders 2027"), before);
}

#[test]
fn a_participants_bad_mobile_is_shown_and_not_saved_then_a_good_one_is() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "person.placements", 30);
    let name: String = scalar(
        &file,
        "SELECT p.name FROM participant p JOIN cohort c ON c.id = p.cohort_id
         WHERE c.name = 'Junior doctors 2027' ORDER BY p.name LIMIT 1",
    );
    let mut h = harness_sized(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file.clone())), 1400.0);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run();
    // The roster's row (the last node with the name; the first is the team card).
    h.get_all_by_label(&name).last().unwrap().click();
    h.run();
    text_input(&h, "Mobile").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    text_input(&h, "Mobile").type_text("ring me");
    h.run();
    button(&h, "Save participant").click();
    h.run();
    assert!(h.query_by_label("This is not a UK phone number (for example 07700 900123).").is_some());
    let mobile = |file: &Path| -> String {
        let conn = rusqlite::Connection::open(file).unwrap();
        conn.query_row("SELECT mobile FROM participant WHERE name = ?1", [&name], |r| r.get(0)).unwrap()
    };
    assert_ne!(mobile(&file), "ring me");
    text_input(&h, "Mobile").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    text_input(&h, "Mobile").type_text("07700 900321");
    h.run();
    button(&h, "Save participant").click();
    h.run();
    assert_eq!(mobile(&file), "07700 900321");
}

#[test]
fn a_roster_is_imported_into_the_chosen_cohort_through_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "roster-ui.placements", 30);
    let source = dir.path().join("roster.csv");
    std::fs::write(
        &source,
        "Name,Profession,Organisation,Email\nAmara Okafor,paramedic,North West Ambulance Service,amara@example.org\nBen Price,GP,Fylde Coast Medical Group,ben@example.org\n",
    )
    .unwrap();
    let dialogs = ScriptedDialogs::new([DialogOutcome::Chosen(source)]);
    let mut h = harness_sized(app_in(dir.path(), dialogs, Start::File(file.clone())), 1000.0);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run();
    let people_in = |file: &Path, cohort: &str| -> i64 {
        scalar(
            file,
            &format!(
                "SELECT count(*) FROM participant p JOIN cohort c ON c.id = p.cohort_id WHERE c.name = '{cohort}'"
            ),
        )
    };
    let before = people_in(&file, "Junior doctors 2027");
    button(&h, "Import roster…").click();
    h.step();
    step_until(&mut h, "Import 2 participants");
    h.run();
    assert!(h.query_all_by_label("Amara Okafor").next().is_some(), "the preview shows the rows");
    click_until_gone(&mut h, "Import 2 participants");
    step_until(&mut h, "Imported 2, updated 0, skipped 0, not imported 0.");
    assert_eq!(people_in(&file, "Junior doctors 2027"), before + 2, "into the cohort on show");
    h.run();
    button(&h, "Close").click();
    h.run();
    assert!(h.query_by_label(&format!("Showing {} of {} participants", before + 2, before + 2)).is_some());
    assert!(h.query_by_label("2 people are not in a team: Amara Okafor, Ben Price.").is_some());
}

#[test]
fn a_cohort_named_like_another_is_refused_in_words_and_the_form_stays_open() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "cohort-names.placements", 20);
    let before = common::dump(&file);
    let mut h = harness(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file.clone())));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run();
    button(&h, "New cohort").click();
    h.run();
    text_input(&h, "Name").focus();
    text_input(&h, "Name").type_text("Junior doctors 2027");
    h.run();
    button(&h, "Save cohort").click();
    h.run();
    let (title, body) = h.state().message().expect("a message");
    assert_eq!(title, "Your change was not saved");
    assert_eq!(body, "There is already a cohort called “Junior doctors 2027”.");
    assert_eq!(common::dump(&file), before);
    button(&h, "OK").click();
    h.run();
    // The form is still there with what was typed, to be put right.
    assert!(h.query_by_label("Save cohort").is_some());
}

#[test]
fn after_personal_data_is_removed_the_older_backups_holding_it_can_be_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "forget-backups.placements", 20);
    let emails: Vec<(i64, String)> = {
        let conn = rusqlite::Connection::open(&file).unwrap();
        // Participants' emails, and (as cohort 0) the groups' contacts' (the demo reuses names).
        let mut stmt = conn
            .prepare(
                "SELECT cohort_id, email FROM participant WHERE email <> '' \
                 UNION ALL SELECT 0, contact_email FROM community_group WHERE contact_email <> ''",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
    };
    let mut h = harness(app_in(dir.path(), ScriptedDialogs::default(), Start::File(file.clone())));
    h.run();
    // Opening the file kept a backup of it, personal data and all.
    let backups = placements::store::Backups::new(dir.path().join("backups"));
    let opened = backups.of_document(&file);
    assert_eq!(opened.len(), 1);
    let opened_bytes = std::fs::read(&opened[0].path).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run();
    button(&h, "Remove personal data…").click();
    h.run();
    button(&h, "Remove personal data").click();
    h.run();
    assert!(h.query_by_label("Delete the older backups too?").is_some());
    button(&h, "Delete the older backups").click();
    h.run();
    let cohort: i64 = scalar(&file, "SELECT id FROM cohort WHERE personal_data_removed_on IS NOT NULL");
    let kept = backups.of_document(&file);
    assert_eq!(kept.len(), 1, "one backup: the file as it is now");
    // (It may have the old one's name, when both were taken within the same second.)
    let bytes = std::fs::read(&kept[0].path).unwrap();
    let holds = |text: &str| bytes.windows(text.len()).any(|w| w == text.as_bytes());
    // (A person on two cohorts keeps their email on the other one; a group's contact too.)
    let elsewhere: Vec<&String> = emails.iter().filter(|(c, _)| *c != cohort).map(|(_, e)| e).collect();
    let removed: Vec<&String> =
        emails.iter().filter(|(c, e)| *c == cohort && !elsewhere.contains(&e)).map(|(_, e)| e).collect();
    assert!(!removed.is_empty());
    let file_bytes = std::fs::read(&file).unwrap();
    for email in removed {
        assert!(!file_bytes.windows(email.len()).any(|w| w == email.as_bytes()), "{email} is still in the file");
        assert!(opened_bytes.windows(email.len()).any(|w| w == email.as_bytes()), "{email} was in the first backup");
        assert!(!holds(email), "{email} is still in the backup");
    }
    assert!(elsewhere.iter().all(|e| holds(e)), "other cohorts' details are kept");
    assert!(h.query_by_label_contains("Deleted 1 older backup (").is_some(), "the status bar says so");
}

#[test]
fn changing_a_columns_meaning_checks_every_row_again_before_import() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "remap-ui.placements", 30);
    let source = dir.path().join("groups.csv");
    std::fs::write(&source, "name,postcode\nStaining Pond Friends,FY3 0BT\nStaining Pond Friends,FY3 0BT\n").unwrap();
    let mut h = import_window(dir.path(), &file, source, "Import groups…", "Import 2 groups");
    assert!(h.query_by_label_contains("2 lines name 1 group").is_some());
    // The postcode column is not imported: the two rows are no longer the same group.
    h.get_by_label("postcode").click();
    h.run();
    h.get_by_label("Don't import").click();
    h.step();
    let started = std::time::Instant::now();
    while h.query_by_label_contains("2 lines name 1 group").is_some() {
        assert!(started.elapsed().as_secs() < 60, "the rows were never checked again");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
    click_until_gone(&mut h, "Import 2 groups");
    step_until(&mut h, "Imported 2, updated 0, skipped 0");
    let count: i64 =
        scalar(&file, "SELECT count(*) FROM community_group WHERE name = 'Staining Pond Friends' AND postcode = ''");
    assert_eq!(count, 2);
}

/// The app as the window starts it on `file` (opened on a worker), stepped until `ready` says
/// the worker is done.
fn opened_in_background(
    data_dir: &Path,
    file: &Path,
    ready: impl Fn(&PlacementsApp) -> bool,
) -> Harness<'static, PlacementsApp> {
    let mut h = harness(app_in(data_dir, ScriptedDialogs::default(), Start::Welcome));
    let ctx = h.ctx.clone();
    h.state_mut().start_in_background(Start::File(file.to_path_buf()), &ctx);
    h.step();
    let started = std::time::Instant::now();
    while !ready(h.state()) {
        assert!(started.elapsed().as_secs() < 60, "the worker never finished");
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.step();
    h
}

#[test]
fn the_window_draws_at_once_and_shows_the_file_when_its_worker_has_opened_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "Background 2027.placements", 60);
    let h = opened_in_background(dir.path(), &file, |app| app.store().is_some());
    assert!(h.query_by_label_contains("Showing 60 of 60 groups").is_some());
    // Its backup was taken on the worker, as an open on the window's thread takes one.
    assert_eq!(placements::store::Backups::new(dir.path().join("backups")).of_document(&file).len(), 1);

    // A file that is not ours: the same message as ever, and the welcome screen.
    let bad = dir.path().join("notes.placements");
    std::fs::write(&bad, "shopping list").unwrap();
    let h = opened_in_background(&dir.path().join("other"), &bad, |app| app.message().is_some());
    let (title, _) = h.state().message().unwrap();
    assert_eq!(title, "Could not open “notes.placements”");
    assert_eq!(std::fs::read(&bad).unwrap(), b"shopping list");
}

#[test]
fn a_doubtful_match_is_imported_as_new_unless_taken_for_the_same_group_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "doubtful-ui.placements", 40);
    let (name, postcode, charity): (String, String, String) = rusqlite::Connection::open(&file)
        .unwrap()
        .query_row(
            "SELECT name, postcode, charity_number FROM community_group WHERE charity_number <> '' AND postcode <> '' ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let source = dir.path().join("groups.csv");
    std::fs::write(&source, format!("name,postcode,charity number\nA Quite Different Name,FY8 9ZZ,{charity}\n"))
        .unwrap();
    let before: i64 = scalar(&file, "SELECT count(*) FROM community_group");
    let mut h = import_window(dir.path(), &file, source, "Import groups…", "Import 1 group");
    assert!(h.query_by_label_contains("1 row has the same charity number as a group in the file").is_some());
    button(&h, "Take them for the same groups").click();
    h.run();
    h.get_by_label("Which rows matched, and what (1)").click();
    h.run();
    let matched = format!("line 2: same charity number {charity} as ‘{name}’, {postcode}; skipped");
    assert!(h.query_by_label(&matched).is_some(), "{matched}");
    click_until_gone(&mut h, "Import 1 group");
    step_until(&mut h, "Imported 0, updated 0, skipped 1");
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM community_group"), before);
}

#[test]
fn a_long_notice_in_the_status_bar_is_cut_short_before_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "narrow.placements", 300);
    // The backups folder cannot be made (a file has its name), so opening says so in the bar.
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("backups"), b"not a folder").unwrap();
    let app = app_in(&data, ScriptedDialogs::default(), Start::File(file));
    let mut h = Harness::builder()
        .with_size(egui::vec2(760.0, 480.0))
        .with_theme(egui::Theme::Light)
        .with_context_setup(placements::ui::theme::apply)
        .build_ui_state(|ui, app: &mut PlacementsApp| app.shell_ui(ui), app);
    let _ = h.try_run();
    let notice = h.get_by_label_contains("No backup copy could be made this time");
    let counts = h
        .get_all_by_label_contains("300 groups · ")
        .find(|n| {
            let node = n.accesskit_node();
            [node.label(), node.value()].into_iter().flatten().any(|t| t.contains("participants"))
        })
        .unwrap_or_else(|| {
            let all: Vec<String> = h
                .get_all_by_label_contains("groups")
                .map(|n| format!("{:?} {:?}", n.accesskit_node().label(), n.accesskit_node().value()))
                .collect();
            panic!("the status bar's counts: {all:?}")
        });
    let (notice, counts) = (notice.rect(), counts.rect());
    assert!(
        (notice.center().y - counts.center().y).abs() < 4.0,
        "both are on the status bar's line: {notice:?} {counts:?}"
    );
    assert!(notice.right() <= counts.left(), "the notice {notice:?} runs into the counts {counts:?}");
    assert!(counts.right() <= 760.0, "the counts are inside the window: {counts:?}");
}

/// Opens the File menu and chooses `item` in it, as a pointer would.
fn choose_from_file_menu(h: &mut Harness<'static, PlacementsApp>, item: &str) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label(item).click();
    h.run();
}

/// File › Copy for a colleague…, Send my changes… and Take in changes…, by the menus: a copy
/// named for the colleague, a changes file that warns it holds personal data, and a take that
/// shows what both changed side by side, takes the colleague's where chosen, keeps a backup
/// first, and is one step that Edit › Undo takes back.
#[test]
fn a_colleagues_copy_and_its_changes_go_through_the_file_menu() {
    use placements::model::{CommunityGroup, GroupEdit, GroupId};
    use placements::store::{OpenMode, Store};
    let rename = |file: &Path, id: GroupId, name: &str| {
        let mut store = Store::open(file, OpenMode::Edit).unwrap();
        let group = store.group(id).unwrap();
        store.update_group(id, &GroupEdit::check(CommunityGroup { name: name.into(), ..group }).unwrap()).unwrap();
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let trust = demo_file(dir.path(), "trust.placements", 20);
    let cvs = dir.path().join("cvs copy.placements");
    let from_cvs = dir.path().join("from cvs.changes");
    let group = GroupId(scalar(&trust, "SELECT min(id) FROM community_group"));

    // The copy, made in the window.
    let dialogs = ScriptedDialogs::new([DialogOutcome::Chosen(cvs.clone())]);
    let mut h = harness(app_in(&data, dialogs, Start::File(trust.clone())));
    h.run();
    choose_from_file_menu(&mut h, "Copy for a colleague…");
    assert!(h.query_by_label_contains("holds the programme's personal data").is_some());
    text_input(&h, "Your colleague's copy is called:").type_text("Bolton CVS");
    h.run();
    button(&h, "Choose where to save it…").click();
    h.run();
    assert!(h.query_by_label_contains("Made a copy for Bolton CVS").is_some());
    drop(h);
    let sharing = Store::open(&cvs, OpenMode::ReadOnly).unwrap().sharing().unwrap().unwrap();
    assert_eq!((sharing.name.as_str(), sharing.partners[0].name.as_str()), ("Bolton CVS", "trust"));

    // Both rename the same group; the CVS sends its changes from its own window.
    rename(&trust, group, "Renamed By The Trust");
    rename(&cvs, group, "Renamed By The CVS");
    let dialogs = ScriptedDialogs::new([DialogOutcome::Chosen(from_cvs.clone())]);
    let mut h = harness(app_in(&data, dialogs, Start::File(cvs.clone())));
    h.run();
    choose_from_file_menu(&mut h, "Send my changes…");
    assert!(h.query_by_label_contains("holds the programme's personal data").is_some());
    button(&h, "Save the changes for trust…").click();
    h.run();
    assert!(h.query_by_label_contains("Saved changes number 1 for trust").is_some());
    drop(h);
    assert_eq!(placements::exchange::changes_file::read(&from_cvs).unwrap().from_name, "Bolton CVS");

    // The trust takes them in, taking the CVS's name for the group.
    let backups_before = placements::store::Backups::new(data.join("backups")).of_document(&trust).len();
    let dialogs = ScriptedDialogs::new([DialogOutcome::Chosen(from_cvs.clone())]);
    let mut h = harness(app_in(&data, dialogs, Start::File(trust.clone())));
    h.run();
    choose_from_file_menu(&mut h, "Take in changes…");
    assert!(h.query_by_label("Take in changes from Bolton CVS").is_some());
    if std::env::var_os("PLACEMENTS_SHOT").is_some() {
        h.set_size(egui::vec2(1366.0, 698.0));
        h.run();
        h.render().unwrap().save(std::env::var_os("PLACEMENTS_SHOT").unwrap()).unwrap();
    }
    assert!(h.query_by_label_contains("One thing was changed in both copies").is_some());
    h.get_by_label_contains("Keep mine: here name “Renamed By The Trust”");
    h.get_by_label_contains("Take theirs: in Bolton CVS's copy name “Renamed By The CVS”").click();
    h.run();
    button(&h, "Take in").click();
    h.run();
    assert_eq!(h.state().store().unwrap().group(group).unwrap().name, "Renamed By The CVS");
    assert_eq!(h.state().undo_labels().last().map(String::as_str), Some("Take in changes from Bolton CVS"));
    let said = h.query_by_label_contains("Took in").and_then(|n| n.accesskit_node().value());
    assert_eq!(said.as_deref(), Some("Took in Bolton CVS's changes (Undo takes them back)."));
    let backups_after = placements::store::Backups::new(data.join("backups")).of_document(&trust).len();
    assert!(backups_after > backups_before, "a backup first: {backups_before} then {backups_after}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().store().unwrap().group(group).unwrap().name, "Renamed By The Trust");
}
