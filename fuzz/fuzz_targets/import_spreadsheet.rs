//! Feeds arbitrary bytes to the spreadsheet importer: CSV reading (every encoding), the column
//! guess, and turning rows into checked groups. Nothing may panic.
//!
//! Run locally (needs nightly): `cargo +nightly fuzz run import_spreadsheet`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use placements::exchange::group_import::{ColumnMapping, ExistingGroups, plan_group_import};
use placements::exchange::oruk_import::read_oruk_json;
use placements::exchange::table::read_csv;

fuzz_target!(|data: &[u8]| {
    if let Ok(table) = read_csv(data) {
        let mapping = ColumnMapping::guess(&table.headers);
        let _ = plan_group_import(&table, &mapping, &ExistingGroups::default());
    }
    if let Ok(table) = read_oruk_json(data) {
        let _ = plan_group_import(&table, &ColumnMapping::guess(&table.headers), &ExistingGroups::default());
    }
});
