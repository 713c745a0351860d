//! `day_sheets`: how long a printed document takes, read from a real file, laid out and written
//! as a PDF: one day's sheets (5 teams), and a whole programme (40 days, 25 teams going out five a
//! day: an overview and a sheet for each of 200 placements) as one PDF, and the programme on one
//! page.
//!
//! Each run lays out from nothing (Typst's memo of earlier layouts emptied first).
//!
//! Prints `bench day_sheets doc=day|every_day|programme pages=… runs=… prepare_ms=… layout_ms=…
//! pdf_ms=… total_ms=… pdf_kb=…` (medians). Run with `cargo bench --bench day_sheets`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::time::Instant;

use chrono::{Datelike as _, NaiveDate};
use placements::demo::{DemoOptions, write_demo};
use placements::model::sheets::SheetChoice;
use placements::model::{Cohort, CohortId, PlacementStatus};
use placements::print::{prepare, typeset};
use placements::store::{OpenMode, Store};

const TEAMS: usize = 25;
const DAYS: usize = 40;
const PER_DAY: usize = 5;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// A cohort of 25 teams of five, out five teams a day on 40 weekdays from 5 April 2027.
fn add_bench_cohort(file: &std::path::Path) -> (CohortId, NaiveDate) {
    let mut store = Store::open(file, OpenMode::Edit).expect("open");
    let offers: Vec<_> = store.offer_summaries().expect("offers").into_iter().map(|o| o.id).collect();
    let first = NaiveDate::from_ymd_opt(2027, 4, 5).unwrap_or_default();
    let days: Vec<NaiveDate> =
        first.iter_days().filter(|d| d.weekday().num_days_from_monday() < 5).take(DAYS).collect();
    let mut id = CohortId(0);
    store
        .bulk_insert(|w| -> Result<(), placements::store::StoreError> {
            let cohort = w.cohort(&Cohort {
                id: CohortId(0),
                name: "Bench 2027".into(),
                first_day: days.first().copied(),
                last_day: days.last().copied(),
                default_team_size: 5,
                coordinator_name: "Alex Morgan".into(),
                coordinator_phone: "01632 960 123".into(),
                ..Default::default()
            })?;
            id = cohort;
            let mut teams = Vec::new();
            for t in 0..TEAMS {
                let name = |t, m| format!("Siobhán Ó Dálaigh {t}.{m}");
                teams.push(common::team_of_five(w, cohort, t, name, "07700 900123")?);
            }
            for (d, day) in days.iter().enumerate() {
                for k in 0..PER_DAY {
                    let i = d * PER_DAY + k;
                    w.placement(
                        teams[i % TEAMS],
                        offers.get(i % offers.len()).copied(),
                        *day,
                        PlacementStatus::Confirmed,
                    )?;
                }
            }
            Ok(())
        })
        .expect("bench cohort written");
    (id, days[DAYS / 2])
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bench.placements");
    write_demo(&file, &DemoOptions { groups: 1_500, seed: 1, year: 2027 }).expect("demo written");
    let (cohort, day) = add_bench_cohort(&file);
    let store = Store::open(&file, OpenMode::ReadOnly).expect("open");
    let today = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default();
    for (name, choice, runs) in [
        ("day", SheetChoice::Day(day), 9),
        ("every_day", SheetChoice::EveryDay(cohort), 3),
        ("programme", SheetChoice::Programme(cohort), 5),
    ] {
        let (mut prepares, mut layouts, mut pdfs, mut totals) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut pages, mut bytes) = (0, 0);
        for _ in 0..runs {
            // From nothing each time: Typst remembers layouts it has done, which would flatter
            // every run after the first.
            typst::comemo::evict(0);
            let started = Instant::now();
            let prepared = prepare(&store, choice, today).expect("prepared");
            let prepared_at = started.elapsed();
            let printed = typeset(&prepared, today).expect("laid out");
            let laid_out_at = started.elapsed();
            let pdf = printed.pdf().expect("pdf");
            let total = started.elapsed();
            prepares.push(prepared_at.as_secs_f64() * 1000.0);
            layouts.push((laid_out_at - prepared_at).as_secs_f64() * 1000.0);
            pdfs.push((total - laid_out_at).as_secs_f64() * 1000.0);
            totals.push(total.as_secs_f64() * 1000.0);
            (pages, bytes) = (printed.page_count(), pdf.len());
        }
        println!(
            "bench day_sheets doc={name} pages={pages} runs={runs} prepare_ms={:.1} layout_ms={:.1} pdf_ms={:.1} total_ms={:.1} pdf_kb={}",
            median(prepares),
            median(layouts),
            median(pdfs),
            median(totals),
            bytes / 1024
        );
    }
}
