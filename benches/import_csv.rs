//! `import_csv`: importing a 100,000-row CSV (this program's own export of a 100,000-group
//! demo) into a new file, against the `sqlite3` shell's `.import` of the same file into a bare
//! table.
//!
//! Ours is the real command, `placements import groups FILE CSV`, run as its own process as
//! `sqlite3` is: open and back up the file, read the CSV, check every row and match it against
//! the file and the rows before it (a piece at a time, while the pieces before are written),
//! write the groups, their category links and the search index, commit, and print the report.
//! The import window does the same work in two parts, and those are timed too, in this process:
//! its preview (read and check, on a worker while the window draws) and its import once the
//! person clicks Import; and then Edit › Undo of that import. Each is timed three times, taking
//! turns, each after `sync` so that none pays for another's writes; the medians are compared.
//!
//! Prints `bench import_csv rows=100000 command_ms=… sqlite3_ms=… ratio=… window_preview_ms=…
//! window_import_ms=… window_undo_ms=…`. Needs `sqlite3` on the PATH for the comparison. Run
//! with `cargo bench --bench import_csv`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use placements::demo::{DemoOptions, write_demo};
use placements::exchange::group_export::groups_csv;
use placements::exchange::group_import::{ColumnMapping, plan_group_import};
use placements::exchange::read_spreadsheet;
use placements::model::{ImportGroup, OnDuplicate};
use placements::store::{OpenMode, Store};

const ROWS: usize = 100_000;
const ROUNDS: usize = 3;

/// Writes everything waiting for the disk, so that the next timing starts from quiet.
fn settle() {
    let _ = Command::new("sync").status();
}

fn ms_since(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

/// `placements import groups` of `csv` into a new file, in milliseconds.
fn command(dir: &Path, round: usize, csv: &Path) -> f64 {
    let target = dir.join(format!("command-{round}.placements"));
    drop(Store::create(&target).expect("create"));
    settle();
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_placements"))
        .args(["import", "groups"])
        .arg(&target)
        .arg(csv)
        .env("PLACEMENTS_DATA_DIR", dir.join("data"))
        .output()
        .expect("run placements");
    let ms = ms_since(started);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let expected = format!("imported {ROWS}, updated 0, skipped 0, errors 0");
    assert_eq!(report.lines().last(), Some(expected.as_str()));
    ms
}

/// The window's import of `csv` into a new file, then Edit › Undo of it: (preview, import, undo)
/// in milliseconds.
fn window(dir: &Path, round: usize, csv: &Path) -> (f64, f64, f64) {
    let target = dir.join(format!("window-{round}.placements"));
    drop(Store::create(&target).expect("create"));
    let mut store = Store::open(&target, OpenMode::Edit).expect("open target");
    settle();
    let started = Instant::now();
    let table = read_spreadsheet(csv, None).expect("read");
    let existing = store.group_keys().expect("keys");
    let plan = plan_group_import(&table, &ColumnMapping::guess(&table.headers), &existing);
    let rows: Vec<ImportGroup> = plan.rows.into_iter().map(|r| r.row).collect();
    let preview_ms = ms_since(started);
    let started = Instant::now();
    let (counts, undo) = store.import_groups("Import", &rows, OnDuplicate::Skip, &mut |_| true).expect("import");
    let import_ms = ms_since(started);
    assert_eq!(counts.imported, ROWS);
    settle();
    let started = Instant::now();
    store.undo(&undo).expect("undo");
    let undo_ms = ms_since(started);
    assert_eq!(store.counts().expect("counts").groups, 0, "the undo took every imported group back");
    (preview_ms, import_ms, undo_ms)
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
    write_demo(&demo, &DemoOptions { groups: ROWS, seed: 5, year: 2027 }).expect("demo written");
    let csv = dir.path().join("groups.csv");
    let records = Store::open(&demo, OpenMode::ReadOnly).expect("open").group_records().expect("records");
    std::fs::write(&csv, groups_csv(&records).expect("csv")).expect("write csv");
    drop(records);

    let (mut ours, mut bare) = (Vec::new(), Vec::new());
    let (mut previews, mut imports, mut undos) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        if let Some(ms) = sqlite3(dir.path(), round, &csv) {
            bare.push(ms);
        }
        ours.push(command(dir.path(), round, &csv));
        let (preview_ms, import_ms, undo_ms) = window(dir.path(), round, &csv);
        previews.push(preview_ms);
        imports.push(import_ms);
        undos.push(undo_ms);
    }
    let each: Vec<String> = ours.iter().map(|ms| format!("{ms:.0}")).collect();
    let command_ms = median(ours);
    let window = format!(
        "window_preview_ms={:.0} window_import_ms={:.0} window_undo_ms={:.0}",
        median(previews),
        median(imports),
        median(undos)
    );
    if bare.len() == ROUNDS {
        let sqlite_ms = median(bare);
        println!(
            "bench import_csv rows={ROWS} command_ms={command_ms:.0} sqlite3_ms={sqlite_ms:.0} ratio={:.2} {window} (medians of {ROUNDS}; command each: {})",
            command_ms / sqlite_ms,
            each.join(", ")
        );
    } else {
        println!("bench import_csv rows={ROWS} command_ms={command_ms:.0} sqlite3=unavailable {window}");
    }
}
