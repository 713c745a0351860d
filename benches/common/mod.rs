//! What the benchmarks share: a team of five added to a cohort through the bulk writer.

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
