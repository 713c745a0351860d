//! What the benchmarks share: a team of five added to a cohort through the bulk writer, how many
//! groups to measure at, and the process's resident memory.

#![allow(dead_code)] // each benchmark uses some of these

use placements::model::{CohortId, TeamId};
use placements::store::{BulkWriter, NewParticipant, StoreError};

/// Team `t` (named "Team t+1") with five members named by `name(t, m)`.
pub fn team_of_five(
    w: &mut BulkWriter<'_>,
    cohort: CohortId,
    t: usize,
    name: impl Fn(usize, usize) -> String,
    mobile: &str,
) -> Result<TeamId, StoreError> {
    let team = w.team(cohort, &format!("Team {}", t + 1), t as i64)?;
    for m in 0..5 {
        w.participant(&NewParticipant {
            cohort,
            team: Some(team),
            name: name(t, m),
            preferred_name: String::new(),
            profession: None,
            organisation: None,
            email: format!("person{t}.{m}@example.org"),
            mobile: mobile.to_owned(),
        })?;
    }
    Ok(team)
}

/// How many groups to measure at: `PLACEMENTS_BENCH_GROUPS`, else 100,000.
pub fn bench_groups() -> usize {
    std::env::var("PLACEMENTS_BENCH_GROUPS").ok().and_then(|n| n.replace('_', "").parse().ok()).unwrap_or(100_000)
}

/// The process's resident memory now, in MB (Linux's /proc), or `None` where it cannot be read.
pub fn resident_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 =
        status.lines().find_map(|l| l.strip_prefix("VmRSS:"))?.trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb / 1024.0)
}
