//! `import_csv`: importing a 100,000-row CSV (this program's own export of a 100,000-group
//! demo) into a new file, against the `sqlite3` shell's `.import` of the same file into a bare
//! table.
//!
//! Ours is the whole of what the import window and `placements import groups` do: read the
//! file, check every row and match it against the file, then write the groups, their category
//! links, both search indexes, and commit. Each is timed three times, taking turns, each after
//! `sync` so that neither pays for the other's writes; the medians are compared.
//!
//! Prints `bench import_csv rows=100000 ours_ms=… read_and_check_ms=… sqlite3_ms=… ratio=…`.
//! Needs `sqlite3` on the PATH for the comparison. Run with `cargo bench --bench import_csv`.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use placements::demo::{DemoOptions, write_demo};
use placements::exchange::group_export::groups_csv;
use placements::exchange::group_import::{ColumnMapping, plan_group_import};
use placements::exchange::read_spreadsheet;
use placements::store::{OnDuplicate, OpenMode, Store};

const ROWS: usize = 100_000;
const ROUNDS: usize = 3;

/// Writes everything waiting for the disk, so that the next timing starts from quiet.
fn settle() {
    let _ = Command::new("sync").status();
}

/// Our import of `csv` into a new file: (whole, read and check) in milliseconds.
fn ours(dir: &Path, round: usize, csv: &Path) -> (f64, f64) {
    let target = dir.join(format!("target-{round}.placements"));
    drop(Store::create(&target).expect("create"));
    settle();
    let started = Instant::now();
    let table = read_spreadsheet(csv, None).expect("read");
    let mut store = Store::open(&target, OpenMode::Edit).expect("open target");
    let existing = store.group_keys().expect("keys");
    let plan = plan_group_import(&table, &ColumnMapping::guess(&table.headers), &existing);
    let import: Vec<_> = plan.rows.into_iter().map(|r| r.row).collect();
    let planned_ms = started.elapsed().as_secs_f64() * 1000.0;
    let (counts, _undo) = store.import_groups("Import", &import, OnDuplicate::Skip, &mut |_| true).expect("import");
    let ours_ms = started.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(counts.imported, ROWS);
    (ours_ms, planned_ms)
}

/// The `sqlite3` shell's import of `csv` into a bare table, in milliseconds.
fn sqlite3(dir: &Path, round: usize, csv: &Path) -> Option<f64> {
    let bare = dir.join(format!("bare-{round}.db"));
    settle();
    let started = Instant::now();
    let status = Command::new("sqlite3").arg(&bare).arg(format!(".import --csv {} groups", csv.display())).status();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    status.ok().filter(|s| s.success()).map(|_| ms)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let demo = dir.path().join("source.placements");
    let started = Instant::now();
    write_demo(&demo, &DemoOptions { groups: ROWS, seed: 5, year: 2027 }).expect("demo written");
    let demo_ms = started.elapsed().as_secs_f64() * 1000.0;
    let csv = dir.path().join("groups.csv");
    let records = Store::open(&demo, OpenMode::ReadOnly).expect("open").group_records().expect("records");
    std::fs::write(&csv, groups_csv(&records).expect("csv")).expect("write csv");
    drop(records);

    let (mut whole, mut checked, mut bare) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        if let Some(ms) = sqlite3(dir.path(), round, &csv) {
            bare.push(ms);
        }
        let (ours_ms, planned_ms) = ours(dir.path(), round, &csv);
        whole.push(ours_ms);
        checked.push(planned_ms);
    }
    let (ours_ms, planned_ms) = (median(whole.clone()), median(checked));
    let each: Vec<String> = whole.iter().map(|ms| format!("{ms:.0}")).collect();
    if bare.len() == ROUNDS {
        let sqlite_ms = median(bare);
        println!(
            "bench import_csv rows={ROWS} ours_ms={ours_ms:.0} read_and_check_ms={planned_ms:.0} bulk_demo_ms={demo_ms:.0} sqlite3_ms={sqlite_ms:.0} ratio={:.2} (medians of {ROUNDS}; ours each: {})",
            ours_ms / sqlite_ms,
            each.join(", ")
        );
    } else {
        println!(
            "bench import_csv rows={ROWS} ours_ms={ours_ms:.0} read_and_check_ms={planned_ms:.0} sqlite3=unavailable"
        );
    }
}
