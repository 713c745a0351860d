//! The commands for cohorts and teams.

use std::path::Path;

use super::{cohort_named, open_to_change, open_to_read};
use crate::model::teams::mix_line;
use crate::model::text::count_of;
use crate::model::{ParticipantSummary, TeamSize};

/// Proposes teams for a cohort, mixing organisations and professions; with `apply`, saves them.
pub(super) fn teams(file: &Path, cohort: &str, size: TeamSize, seed: u64, apply: bool) -> Result<String, String> {
    let mut store = if apply { open_to_change(file, "save teams")? } else { open_to_read(file)? };
    let fail = |e: crate::store::StoreError| format!("could not form teams in {}: {e}", file.display());
    let found = cohort_named(&store, file, cohort)?;
    let proposal = store.propose_teams(found.id, size, seed).map_err(fail)?;
    let mut out: Vec<String> = proposal
        .iter()
        .map(|team| {
            let members: Vec<&ParticipantSummary> = team.members.iter().collect();
            let people: Vec<String> =
                team.members.iter().map(|m| format!("{} ({}, {})", m.name, m.profession, m.organisation)).collect();
            format!("{} ({}): {}", team.name, mix_line(&members), people.join("; "))
        })
        .collect();
    if apply {
        store.apply_teams(found.id, &proposal).map_err(fail)?;
        out.push(format!("saved {}", count_of(proposal.len() as u64, "team", "teams")));
    }
    Ok(out.join("\n"))
}
