//! `import_offers`: importing 1,000 offers typed up from groups' replies (names as people write
//! them, dates and times as ranges in one cell, meeting places with postcodes) into a 1,500-group
//! demo file. The aim: under a second.
//!
//! Times the window's two steps in this process (reading the sheet and checking every row
//! against the directory; then the import once Import is clicked) and the real command,
//! `placements import offers`, as its own process (open, back up, read, check, write, report).
//! Prints `bench import_offers rows=1000 groups=1500 window_check_ms=… window_import_ms=…
//! command_ms=… imported=…`. Run with `cargo bench --bench import_offers`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

use std::process::Command;
use std::time::Instant;

use placements::demo::{DemoOptions, write_demo};
use placements::exchange::import_kind::{ImportKind, Offers, run_import};
use placements::exchange::read_spreadsheet;
use placements::model::OnDuplicate;
use placements::model::random::SplitMix64 as Rng;
use placements::store::{OpenMode, Store};

const ROWS: usize = 1_000;
const GROUPS: usize = 1_500;

/// A group's name as a reply might write it: in title case, with "and" for "&", a legal ending
/// added or dropped.
fn as_written(name: &str, rng: &mut Rng) -> String {
    let written = placements::model::text::title_case(name).replace('&', "and");
    match rng.below(3) {
        0 => format!("{written} Ltd"),
        1 => format!("The {written}"),
        _ => written,
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("offers.placements");
    write_demo(&file, &DemoOptions { groups: GROUPS, seed: 3, year: 2027 }).expect("demo");
    let names: Vec<String> = {
        let store = Store::open(&file, OpenMode::ReadOnly).expect("open");
        let groups = store.group_summaries().expect("groups");
        let mut seen = std::collections::HashMap::new();
        for g in &groups {
            *seen.entry(g.name().to_owned()).or_insert(0) += 1;
        }
        groups.into_iter().filter(|g| !g.archived && seen[g.name()] == 1).map(|g| g.name().to_owned()).collect()
    };
    let mut rng = Rng(11);
    let mut csv = String::from(
        "Group,Charity no.,Activity,What the team will do,Dates available,Days,Times,Team size,\
         How many teams can you host?,Contact on the day,Meeting place,Postcode\n",
    );
    for i in 0..ROWS {
        let name = as_written(&names[rng.below(names.len())], &mut rng);
        let first = 12 + rng.below(10);
        csv.push_str(&format!(
            "\"{name}\",,Activity {i},\"Help for a day, number {i}\",{first}/04/2027 - 28/05/2027,Mon-Fri,9.30am - 3.30pm,3-6,{},Jo Bloggs 07700 900{:03},\"{} Church Hall, Station Road\",FY{} {}AB\n",
            1 + rng.below(3),
            i % 1000,
            i,
            1 + rng.below(8),
            rng.below(10)
        ));
    }
    let source = dir.path().join("replies.csv");
    std::fs::write(&source, &csv).expect("write the sheet");

    // The window: read and check (on a worker while it draws), then the import.
    let started = Instant::now();
    let store = Store::open(&file, OpenMode::Edit).expect("open");
    let lookup = Offers.lookup(&store).expect("lookup");
    let table = read_spreadsheet(&source, None).expect("read");
    let mapping = Offers.guess(&table.headers, &lookup);
    let plan = Offers.plan(&table, &mapping, &lookup);
    let check_ms = started.elapsed().as_secs_f64() * 1000.0;
    let rows: Vec<_> = plan.rows.iter().map(|r| r.row.clone()).collect();
    let mut store = store;
    let started = Instant::now();
    let (counts, _) =
        run_import(&Offers, &mut store, "Import replies", &rows, OnDuplicate::New, &mut |_| true).expect("import");
    let import_ms = started.elapsed().as_secs_f64() * 1000.0;
    drop(store);

    // The command, as its own process, into a fresh copy of the demo.
    let again = dir.path().join("again.placements");
    write_demo(&again, &DemoOptions { groups: GROUPS, seed: 3, year: 2027 }).expect("demo");
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_placements"))
        .args(["import", "offers"])
        .arg(&again)
        .arg(&source)
        .env("PLACEMENTS_DATA_DIR", dir.path().join("data"))
        .output()
        .expect("run placements");
    let command_ms = started.elapsed().as_secs_f64() * 1000.0;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    println!(
        "bench import_offers rows={ROWS} groups={GROUPS} window_check_ms={check_ms:.0} window_import_ms={import_ms:.0} \
         command_ms={command_ms:.0} imported={} not_imported={}",
        counts.imported,
        plan.errors.len() + plan.rows.len() - rows.iter().filter(|r| r.question.is_none()).count(),
    );
}
