//! `import_csv`: importing a 100,000-row CSV (this program's own export of a 100,000-group
//! demo) into a new file, against the `sqlite3` shell's `.import` of the same file into a bare
//! table.
//!
//! Prints `bench import_csv rows=100000 ours_ms=… sqlite3_ms=… ratio=…`. Needs `sqlite3` on the
//! PATH for the comparison. Run with `cargo bench --bench import_csv`.

use std::process::Command;
use std::time::Instant;

use placements::demo::{DemoOptions, write_demo};
use placements::exchange::group_export::groups_csv;
use placements::exchange::group_import::{ColumnMapping, plan_group_import};
use placements::exchange::read_spreadsheet;
use placements::store::{OnDuplicate, OpenMode, Store};

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rows = 100_000;
    let demo = dir.path().join("source.placements");
    let started = Instant::now();
    write_demo(&demo, &DemoOptions { groups: rows, seed: 5, year: 2027 }).expect("demo written");
    let demo_ms = started.elapsed().as_secs_f64() * 1000.0;
    let csv_path = dir.path().join("groups.csv");
    let records = Store::open(&demo, OpenMode::ReadOnly).expect("open").group_records().expect("records");
    std::fs::write(&csv_path, groups_csv(&records).expect("csv")).expect("write csv");

    let target = dir.path().join("target.placements");
    drop(Store::create(&target).expect("create"));
    let started = Instant::now();
    let table = read_spreadsheet(&csv_path, None).expect("read");
    let mut store = Store::open(&target, OpenMode::Edit).expect("open target");
    let existing = store.group_keys().expect("keys");
    let plan = plan_group_import(&table, &ColumnMapping::guess(&table.headers), &existing);
    let import: Vec<_> = plan.rows.into_iter().map(|r| r.row).collect();
    let planned_ms = started.elapsed().as_secs_f64() * 1000.0;
    let (counts, _undo) = store.import_groups("Import", &import, OnDuplicate::Skip, &mut |_| true).expect("import");
    let ours_ms = started.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(counts.imported, rows);

    let bare = dir.path().join("bare.db");
    let started = Instant::now();
    let sqlite =
        Command::new("sqlite3").arg(&bare).arg(format!(".import --csv {} groups", csv_path.display())).status();
    let sqlite_ms = started.elapsed().as_secs_f64() * 1000.0;
    match sqlite {
        Ok(status) if status.success() => println!(
            "bench import_csv rows={rows} ours_ms={ours_ms:.0} read_and_check_ms={planned_ms:.0} bulk_demo_ms={demo_ms:.0} sqlite3_ms={sqlite_ms:.0} ratio={:.2}",
            ours_ms / sqlite_ms
        ),
        _ => println!("bench import_csv rows={rows} ours_ms={ours_ms:.0} sqlite3=unavailable"),
    }
}
