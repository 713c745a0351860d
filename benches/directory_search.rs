//! `directory_search`: time from a keystroke to the filtered, sorted list at
//! `PLACEMENTS_BENCH_GROUPS` groups (100,000 unless it says otherwise): the index search, the
//! forgiving retry when a word finds nothing, the filters and the sort.
//!
//! Prints `bench directory_search groups=N keystrokes=… p50_ms=… p95_ms=… max_ms=…
//! resident_mb=…` (the process with the file open and its list read), a line per query with
//! the groups it found, and how long reading the list and its vocabulary took. Run with `cargo bench --bench directory_search`;
//! `PLACEMENTS_BENCH_FILE=PATH` keeps the demo file between runs.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::time::Instant;

use placements::demo::{DemoOptions, write_demo};
use placements::model::directory::{DirectoryFilter, SortOrder};
use placements::model::search::Vocabulary;
use placements::store::{OpenMode, Store};
use placements::store::{SearchCache, find_groups};

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    // PLACEMENTS_BENCH_FILE keeps the demo between runs (made there when missing), so that a
    // profile of the searches is not mostly the demo being written.
    let file = std::env::var_os("PLACEMENTS_BENCH_FILE")
        .map_or_else(|| dir.path().join("search.placements"), std::path::PathBuf::from);
    let groups_total = common::bench_groups();
    if !file.exists() {
        write_demo(&file, &DemoOptions { groups: groups_total, seed: 4, year: 2027 }).expect("demo written");
    }
    let store = Store::open(&file, OpenMode::ReadOnly).expect("open");
    let started = Instant::now();
    let groups = store.group_summaries().expect("groups");
    let list_ms = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let vocabulary = Vocabulary::from_folded(groups.iter().map(|g| g.name_key()));
    let vocabulary_ms = started.elapsed().as_secs_f64() * 1000.0;
    println!("bench directory_search groups={groups_total} list_ms={list_ms:.0} vocabulary_ms={vocabulary_ms:.0}");
    let filter = DirectoryFilter::default();
    let mut cache = SearchCache::default();
    // One search first, as a window that is already open has done: the index is warm.
    find_groups(&store, 0, &mut cache, &groups, &vocabulary, "hall", &filter, SortOrder::default()).expect("search");
    let mut times = Vec::new();
    let mut slowest: Vec<(f64, String)> = Vec::new();
    for query in ["walking group", "siobhan", "walkng grop", "fy2 3", "bispham food bank", "catherine"] {
        let mut found = 0;
        for end in 1..=query.len() {
            let typed = &query[..end];
            let started = Instant::now();
            let shown = find_groups(&store, 0, &mut cache, &groups, &vocabulary, typed, &filter, SortOrder::default())
                .expect("search");
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            times.push(ms);
            slowest.push((ms, typed.to_owned()));
            found = shown.len();
        }
        println!("bench directory_search query=\"{query}\" found={found}");
    }
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    let over = slowest.iter().filter(|(ms, _)| *ms >= 10.0).count();
    println!("bench directory_search keystrokes_over_10ms={over}");
    for (ms, typed) in slowest.iter().take(6) {
        println!("bench directory_search slowest=\"{typed}\" ms={ms:.2}");
    }
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "bench directory_search groups={groups_total} keystrokes={} p50_ms={:.2} p95_ms={:.2} max_ms={:.2} resident_mb={:.0}",
        times.len(),
        at(0.5),
        at(0.95),
        at(1.0),
        common::resident_mb().unwrap_or(0.0)
    );
}
