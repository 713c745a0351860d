//! `import_csv`: importing a register of charities as CSV into a new file, against the
//! `sqlite3` shell's `.import` of the same file into a bare table. The register is the Charity
//! Commission extract's columns, its rows those of the Trafford extract in `../shared/data`
//! over and over, each with a charity number and a name of its own; as many as
//! `PLACEMENTS_BENCH_GROUPS` says (100,000 unless it says otherwise; the whole register is about
//! 400,000).
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
//! Prints `bench import_csv rows=N command_ms=… sqlite3_ms=… ratio=… command_peak_mb=…
//! window_preview_ms=… window_import_ms=… window_undo_ms=…`; the command's peak resident memory
//! is read by GNU time (`/usr/bin/time`) when it is there. Needs `sqlite3` on the PATH for the
//! comparison. Run with `cargo bench --bench import_csv`, or
//! `PLACEMENTS_BENCH_GROUPS=400000 cargo bench --bench import_csv`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use placements::exchange::group_import::{ColumnMapping, plan_group_import};
use placements::exchange::read_spreadsheet;
use placements::model::{ImportGroup, OnDuplicate};
use placements::store::{OpenMode, Store};

const ROUNDS: usize = 3;

/// A register of `rows` charities in the Charity Commission extract's columns: the Trafford
/// extract's rows over and over, each given a number and a name of its own.
fn register(rows: usize) -> Vec<u8> {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/registers/trafford-charities.csv");
    let mut reader = csv::Reader::from_path(&sample).expect("the Trafford extract");
    let headers = reader.headers().expect("headers").clone();
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let number = headers.iter().position(|h| h == "registered_charity_number").expect("number column");
    let name = headers.iter().position(|h| h == "charity_name").expect("name column");
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&headers).expect("header");
    for i in 0..rows {
        let record = &records[i % records.len()];
        let fields: Vec<String> = record
            .iter()
            .enumerate()
            .map(|(c, field)| match c {
                c if c == number => (2_000_000 + i).to_string(),
                c if c == name => format!("{field} {}", i / records.len() + 1),
                _ => field.to_owned(),
            })
            .collect();
        writer.write_record(&fields).expect("row");
    }
    writer.into_inner().expect("csv")
}

/// Writes everything waiting for the disk, so that the next timing starts from quiet.
fn settle() {
    let _ = Command::new("sync").status();
}

fn ms_since(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

/// `placements import groups` of `csv` into a new file: milliseconds, and its peak resident
/// memory in MB when GNU time can say.
fn command(dir: &Path, round: usize, csv: &Path, rows: usize) -> (f64, Option<f64>) {
    let target = dir.join(format!("command-{round}.placements"));
    drop(Store::create(&target).expect("create"));
    settle();
    let timed = Path::new("/usr/bin/time").exists();
    let mut command = if timed {
        let mut time = Command::new("/usr/bin/time");
        time.args(["-f", "peak_kb=%M", env!("CARGO_BIN_EXE_placements")]);
        time
    } else {
        Command::new(env!("CARGO_BIN_EXE_placements"))
    };
    let started = Instant::now();
    let out = command
        .args(["import", "groups"])
        .arg(&target)
        .arg(csv)
        .env("PLACEMENTS_DATA_DIR", dir.join("data"))
        .output()
        .expect("run placements");
    let ms = ms_since(started);
    let report = String::from_utf8_lossy(&out.stdout);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    let expected = format!("imported {rows}, updated 0, skipped 0, errors 0");
    assert_eq!(report.lines().last(), Some(expected.as_str()));
    let peak_mb = said
        .lines()
        .find_map(|l| l.strip_prefix("peak_kb="))
        .and_then(|kb| kb.trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0);
    (ms, peak_mb)
}

/// The window's import of `csv` into a new file, then Edit › Undo of it: (preview, import, undo)
/// in milliseconds.
fn window(dir: &Path, round: usize, csv: &Path, rows: usize) -> (f64, f64, f64) {
    let target = dir.join(format!("window-{round}.placements"));
    drop(Store::create(&target).expect("create"));
    let mut store = Store::open(&target, OpenMode::Edit).expect("open target");
    settle();
    let started = Instant::now();
    let table = read_spreadsheet(csv, None).expect("read");
    let existing = store.group_keys().expect("keys");
    let plan = plan_group_import(&table, &ColumnMapping::guess(&table.headers), &existing);
    let planned: Vec<ImportGroup> = plan.rows.into_iter().map(|r| r.row).collect();
    let preview_ms = ms_since(started);
    let started = Instant::now();
    let (counts, undo) = store.import_groups("Import", &planned, OnDuplicate::Skip, &mut |_| true).expect("import");
    let import_ms = ms_since(started);
    assert_eq!(counts.imported, rows);
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
    let rows = common::bench_groups();
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("register.csv");
    std::fs::write(&csv, register(rows)).expect("write csv");

    let (mut ours, mut bare, mut peaks) = (Vec::new(), Vec::new(), Vec::new());
    let (mut previews, mut imports, mut undos) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        if let Some(ms) = sqlite3(dir.path(), round, &csv) {
            bare.push(ms);
        }
        let (ms, peak_mb) = command(dir.path(), round, &csv, rows);
        ours.push(ms);
        peaks.extend(peak_mb);
        let (preview_ms, import_ms, undo_ms) = window(dir.path(), round, &csv, rows);
        previews.push(preview_ms);
        imports.push(import_ms);
        undos.push(undo_ms);
    }
    let each: Vec<String> = ours.iter().map(|ms| format!("{ms:.0}")).collect();
    let command_ms = median(ours);
    let peak = if peaks.is_empty() {
        "command_peak_mb=unmeasured".to_owned()
    } else {
        format!("command_peak_mb={:.0}", peaks.iter().copied().fold(0.0, f64::max))
    };
    let window = format!(
        "{peak} window_preview_ms={:.0} window_import_ms={:.0} window_undo_ms={:.0}",
        median(previews),
        median(imports),
        median(undos)
    );
    if bare.len() == ROUNDS {
        let sqlite_ms = median(bare);
        println!(
            "bench import_csv rows={rows} command_ms={command_ms:.0} sqlite3_ms={sqlite_ms:.0} ratio={:.2} {window} (medians of {ROUNDS}; command each: {})",
            command_ms / sqlite_ms,
            each.join(", ")
        );
    } else {
        println!("bench import_csv rows={rows} command_ms={command_ms:.0} sqlite3=unavailable {window}");
    }
}
