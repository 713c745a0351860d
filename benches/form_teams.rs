//! `form_teams`: how long Form teams takes (it runs on the window's thread when the coordinator
//! opens it or changes the size), for rosters from a programme's size to far beyond.
//!
//! Prints `bench form_teams people=N size=5 organisations=12 runs=R median_ms=… max_ms=…` per
//! roster. Run with `cargo bench --bench form_teams`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

use std::time::Instant;

use placements::model::ParticipantId;
use placements::model::teams::{Person, form_teams, same_pairs};

const ORGANISATIONS: usize = 12;
const PROFESSIONS: [&str; 10] = [
    "consultant",
    "junior doctor",
    "GP",
    "nurse",
    "paramedic",
    "social worker",
    "mental health",
    "public health",
    "manager",
    "other",
];

fn main() {
    for people_count in [24, 100, 500, 2_000] {
        // A mixed roster, as the systems leaders' one: organisations of unequal size, professions
        // that go with organisations more often than not.
        let people: Vec<Person> = (0..people_count)
            .map(|i| Person {
                id: ParticipantId(i as i64 + 1),
                organisation: format!("Organisation {}", (i * 7 + i / 3) % ORGANISATIONS),
                profession: PROFESSIONS[(i * 3 + i / 5) % PROFESSIONS.len()].to_owned(),
            })
            .collect();
        let runs = if people_count <= 100 { 20 } else { 3 };
        let mut times = Vec::new();
        let mut teams = Vec::new();
        for seed in 0..runs {
            let started = Instant::now();
            teams = form_teams(&people, 5, seed);
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let formed: Vec<Vec<&Person>> =
            teams.iter().map(|t| t.iter().map(|id| &people[id.0 as usize - 1]).collect()).collect();
        println!(
            "bench form_teams people={people_count} size=5 organisations={ORGANISATIONS} runs={runs} median_ms={:.2} max_ms={:.2} same_organisation_pairs={} same_profession_pairs={}",
            times[times.len() / 2],
            times[times.len() - 1],
            same_pairs(&formed, |p| p.organisation.as_str()),
            same_pairs(&formed, |p| p.profession.as_str()),
        );
    }
}
