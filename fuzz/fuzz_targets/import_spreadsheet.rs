//! Feeds arbitrary bytes through the whole way: CSV reading (every encoding) and ORUK JSON
//! reading, the column guess, planning each kind of record, importing the groups into a real
//! file, exporting them as CSV and XLSX, and reading those back. Nothing may panic.
//!
//! Run locally (needs nightly): `cargo +nightly fuzz run import_spreadsheet`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use placements::exchange::group_export::{groups_csv, groups_xlsx};
use placements::exchange::import_kind::{Groups, ImportKind, Offers, Participants, run_import};
use placements::exchange::mapping::Mapping;
use placements::exchange::oruk_import::read_oruk_json;
use placements::exchange::table::{Table, read_csv};
use placements::exchange::xlsx::read_xlsx;
use placements::model::CohortId;
use placements::store::{OnDuplicate, Store};

/// Plans `table` as records of `K` against `store` and imports them.
fn import<K: ImportKind>(kind: K, store: &mut Store, table: &Table) {
    let Ok(lookup) = kind.lookup(store) else { return };
    let plan = kind.plan(table, &Mapping::guess(&table.headers), &lookup);
    let rows: Vec<K::Row> = plan.rows.iter().map(|r| r.row.clone()).collect();
    let _ = run_import(&kind, store, "Fuzz", &rows, OnDuplicate::New, &mut |_| true);
}

fn whole_way(table: &Table) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let Ok(mut store) = Store::create(&dir.path().join("fuzz.placements")) else { return };
    import(Groups, &mut store, table);
    import(Offers, &mut store, table);
    import(Participants(CohortId(1)), &mut store, table);
    let Ok(records) = store.group_records() else { return };
    if let Ok(bytes) = groups_csv(&records)
        && let Ok(again) = read_csv(&bytes)
    {
        let _ = Groups.plan(&again, &Mapping::guess(&again.headers), &Default::default());
    }
    if let Ok(bytes) = groups_xlsx(&records) {
        let _ = read_xlsx(&bytes, None);
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(table) = read_csv(data) {
        whole_way(&table);
    }
    if let Ok(table) = read_oruk_json(data) {
        whole_way(&table);
    }
});
