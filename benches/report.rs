//! `report`: the programme's report for a large programme: 200 teams of five from twelve
//! organisations, 1,000 placements (five days each team) with their outcomes, and 5,000
//! participants' feedback rows (each member on each day, four ratings each), added to the demo.
//!
//! Measures what the Outcomes panel does when the file changes (read the facts from the file and
//! count the report: `figures`), the counting alone (`count`), and the report as a PDF from
//! nothing (Typst's memo emptied first: `pdf`).
//!
//! Prints `bench report step=figures|count|pdf placements=… feedback=… runs=… median_ms=…
//! max_ms=…` (and `pages=` for the PDF). Aim: figures under 20 ms, the PDF under 1 s. Run with
//! `cargo bench --bench report`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

use std::time::Instant;

use chrono::{Datelike as _, Duration, NaiveDate};
use placements::demo::{DemoOptions, write_demo};
use placements::model::outcomes::{DayResult, Feedback, HostAgain, Outcome};
use placements::model::{Cohort, CohortId, PlacementStatus};
use placements::store::{NewParticipant, OpenMode, Store};

const TEAMS: usize = 200;
const DAYS_EACH: usize = 5;

fn median_and_max(mut values: Vec<f64>) -> (f64, f64) {
    values.sort_by(f64::total_cmp);
    (values[values.len() / 2], values[values.len() - 1])
}

/// The bench cohort: every team out on five weekdays, every day with an outcome, every member's
/// feedback.
fn add_programme(file: &std::path::Path) -> (CohortId, usize) {
    let mut store = Store::open(file, OpenMode::Edit).expect("open");
    let offers: Vec<_> = store.offer_summaries().expect("offers").into_iter().map(|o| o.id).collect();
    let organisations: Vec<_> = store.organisations().expect("organisations").into_iter().map(|o| o.id).collect();
    let practices: Vec<_> = store.practices().expect("practices").into_iter().map(|p| p.id).collect();
    let first = NaiveDate::from_ymd_opt(2026, 4, 6).unwrap_or_default();
    let days: Vec<NaiveDate> = first.iter_days().filter(|d| d.weekday().num_days_from_monday() < 5).take(40).collect();
    let mut id = CohortId(0);
    let mut feedback_rows = 0;
    store
        .bulk_insert(|w| -> Result<(), placements::store::StoreError> {
            let cohort = w.cohort(&Cohort {
                name: "Bench 2026".into(),
                first_day: days.first().copied(),
                last_day: days.last().copied(),
                default_team_size: 5,
                ..Default::default()
            })?;
            id = cohort;
            for t in 0..TEAMS {
                let team = w.team(cohort, &format!("Team {}", t + 1), t as i64)?;
                let mut members = Vec::new();
                for m in 0..5 {
                    members.push(w.participant(&NewParticipant {
                        cohort,
                        team: Some(team),
                        name: format!("Person {t}.{m}"),
                        preferred_name: String::new(),
                        profession: None,
                        organisation: organisations.get((t + m * 5) % organisations.len().max(1)).copied(),
                        email: format!("person{t}.{m}@example.org"),
                        mobile: String::new(),
                    })?);
                }
                for k in 0..DAYS_EACH {
                    let i = t * DAYS_EACH + k;
                    let day = days[(t / 5 + k * 8) % days.len()];
                    let placement =
                        w.placement(team, offers.get(i % offers.len()).copied(), day, PlacementStatus::Done)?;
                    let result = DayResult::ALL[if i.is_multiple_of(10) { 1 + i % 3 } else { 0 }];
                    w.outcome(
                        placement,
                        &Outcome {
                            result,
                            reason: if result == DayResult::Completed { String::new() } else { "The rain".into() },
                            hours: Some(5.5),
                            local_people: Some((i % 17) as u32),
                            summary: "Cleared the path and planted bulbs.".into(),
                            group_usefulness: Some(1 + (i % 5) as u8),
                            host_again: Some(HostAgain::ALL[i % 3]),
                            group_comment: String::new(),
                        },
                    )?;
                    for (m, person) in members.iter().enumerate() {
                        let ratings =
                            practices.iter().enumerate().map(|(p, id)| (*id, 1 + ((i + m + p) % 5) as u8)).collect();
                        w.feedback(
                            placement,
                            &Feedback {
                                participant: Some(*person),
                                ratings,
                                learnt: "To agree who decides what at the start of the day.".into(),
                                differently: "Stop for lunch together.".into(),
                                given_on: Some(day + Duration::days(3)),
                            },
                        )?;
                        feedback_rows += 1;
                    }
                }
            }
            Ok(())
        })
        .expect("bench programme written");
    (id, feedback_rows)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bench.placements");
    write_demo(&file, &DemoOptions { groups: 1_500, seed: 1, year: 2027 }).expect("demo written");
    let (cohort, feedback) = add_programme(&file);
    let store = Store::open(&file, OpenMode::ReadOnly).expect("open");
    let placements = TEAMS * DAYS_EACH;
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();

    let runs = 21;
    let (mut figures, mut counting) = (Vec::new(), Vec::new());
    let facts = store.report_facts(Some(cohort)).expect("facts");
    let first = placements::model::report::report(&facts);
    println!(
        "bench report counted team_days={} person_hours={:.0} feedback_responses={}",
        first.team_days, first.person_hours, first.feedback_responses
    );
    for _ in 0..runs {
        let started = Instant::now();
        let facts = store.report_facts(Some(cohort)).expect("facts");
        let report = placements::model::report::report(&facts);
        figures.push(started.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(report);
        let started = Instant::now();
        std::hint::black_box(placements::model::report::report(&facts));
        counting.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    for (step, values) in [("figures", figures), ("count", counting)] {
        let (median, max) = median_and_max(values);
        println!(
            "bench report step={step} placements={placements} feedback={feedback} runs={runs} median_ms={median:.2} max_ms={max:.2}"
        );
    }

    let runs = 5;
    let (mut pdfs, mut pages) = (Vec::new(), 0);
    for _ in 0..runs {
        typst::comemo::evict(0);
        let started = Instant::now();
        let prepared = placements::print::prepare_report(&store, Some(cohort), today).expect("prepared");
        let printed = placements::print::typeset(&prepared, today).expect("laid out");
        let pdf = printed.pdf().expect("pdf");
        pdfs.push(started.elapsed().as_secs_f64() * 1000.0);
        pages = printed.page_count();
        std::hint::black_box(pdf);
    }
    let (median, max) = median_and_max(pdfs);
    println!(
        "bench report step=pdf placements={placements} feedback={feedback} pages={pages} runs={runs} median_ms={median:.1} max_ms={max:.1}"
    );
}
