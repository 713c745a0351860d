//! A fault in the program on a worker thread reaches the user as a message, never as a hung
//! progress bar, and the file is left as it was.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use placements::exchange::group_import::{ExistingGroups, GroupField};
use placements::exchange::import_target::ImportTarget;
use placements::exchange::mapping::{Mapping, Plan};
use placements::exchange::table::Table;
use placements::model::{ImportCounts, ImportGroup, OnDuplicate};
use placements::store::{ChangeSet, OpenMode, Store, StoreError};
use placements::ui::import::{Groups, ImportKind, ImportOutcome, ImportWindow};

/// Groups, except that the import meets a fault after writing every row, before it commits.
#[derive(Clone, Copy, Debug)]
struct FaultyGroups;

impl ImportKind for FaultyGroups {
    type Field = GroupField;
    type Row = ImportGroup;
    type Lookup = ExistingGroups;
    const NOUNS: (&'static str, &'static str) = Groups::NOUNS;
    const REQUIRED: (&'static str, fn(GroupField) -> bool) = Groups::REQUIRED;
    const SAME_WHEN: &'static str = Groups::SAME_WHEN;
    const PREVIEW: &'static [(&'static str, f32)] = Groups::PREVIEW;

    fn lookup(&self, store: &impl ImportTarget) -> Result<ExistingGroups, StoreError> {
        Groups.lookup(store)
    }

    fn plan(&self, table: &Table, mapping: &Mapping<GroupField>, lookup: &ExistingGroups) -> Plan<ImportGroup> {
        Groups.plan(table, mapping, lookup)
    }

    fn preview(row: &ImportGroup) -> Vec<String> {
        Groups::preview(row)
    }

    fn is_duplicate(row: &ImportGroup) -> bool {
        Groups::is_duplicate(row)
    }

    fn import(
        &self,
        store: &mut impl ImportTarget,
        label: &str,
        rows: &[ImportGroup],
        on_duplicate: OnDuplicate,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Result<(ImportCounts, ChangeSet), StoreError> {
        let total = rows.len();
        Groups.import(store, label, rows, on_duplicate, &mut |done| {
            assert!(done < total, "a fault in the program, for the test");
            progress(done)
        })
    }
}

struct State {
    window: ImportWindow<FaultyGroups>,
    store: Store,
    closed: bool,
}

#[test]
fn a_fault_during_an_import_is_a_message_in_the_window_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path(), "fault.placements", 20);
    let csv = dir.path().join("register.csv");
    std::fs::write(&csv, "name,town\nKnott End Bowls Club,Knott End\nPreesall Village Hall,Preesall\n").unwrap();
    let before = common::dump(&file);
    let store = Store::open(&file, OpenMode::Edit).unwrap();
    let ctx = egui::Context::default();
    let window = ImportWindow::new(FaultyGroups, csv, &store, &ctx);
    let mut h = Harness::builder().with_size(egui::vec2(1000.0, 760.0)).build_ui_state(
        |ui, state: &mut State| {
            match state.window.ui(ui.ctx(), &state.store) {
                ImportOutcome::Closed => state.closed = true,
                // As the app does after the frame.
                ImportOutcome::Start => state.window.start(&mut state.store, ui.ctx()),
                _ => {}
            }
        },
        State { window, store, closed: false },
    );
    let wait_for = |h: &mut Harness<'_, State>, text: &str| {
        let started = std::time::Instant::now();
        while h.query_by_label_contains(text).is_none() {
            assert!(started.elapsed().as_secs() < 60, "“{text}” never appeared");
            std::thread::sleep(std::time::Duration::from_millis(20));
            h.step();
        }
    };
    wait_for(&mut h, "Import 2 groups");
    h.run();
    h.get_by_label("Import 2 groups").click();
    h.step();
    wait_for(&mut h, "The import stopped because of a fault in the program: nothing was changed.");
    assert!(h.query_by_label_contains("Importing…").is_none(), "no progress bar left hanging");
    // The window re-centres a frame after its content changes size: let it settle.
    h.run();
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().closed);
    drop(h);
    assert_eq!(common::dump(&file), before, "the import's transaction was rolled back");
}
