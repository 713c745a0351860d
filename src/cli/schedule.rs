//! `placements schedule`: Suggest placements from the command line, the same proposal as the
//! window's (`model::suggest`), written only with --apply.

use std::path::Path;

use chrono::NaiveDate;

use super::{Output, cohort_named, open_to_change, open_to_read};
use crate::edit::{BoardEdit, apply};
use crate::model::Cohort;
use crate::model::dates::uk_date;
use crate::model::programme::Programme;
use crate::model::suggest::{MAX_DAYS, Proposal, suggest_with};

/// What to schedule.
pub(super) struct ScheduleArgs<'a> {
    pub cohort: &'a str,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// At most so many of its teams out on a day; the cohort's own when not given.
    pub most_per_day: Option<u32>,
    pub apply: bool,
}

/// The days to place on: --from/--to, else the cohort's programme window.
fn days_for(cohort: &Cohort, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<(NaiveDate, NaiveDate), String> {
    let (Some(first), Some(last)) = (from.or(cohort.first_day), to.or(cohort.last_day)) else {
        return Err(format!(
            "{} has no programme window, so there are no days to place its teams on: give --from and --to (YYYY-MM-DD)",
            cohort.name
        ));
    };
    if last < first {
        return Err(format!("the last day ({}) is before the first ({})", uk_date(last), uk_date(first)));
    }
    if (last - first).num_days() >= MAX_DAYS as i64 {
        return Err(format!("Suggest looks over at most {MAX_DAYS} days at once: give a shorter --from and --to"));
    }
    Ok((first, last))
}

/// The proposal, a line per team placed and a line per team left out, then the summary.
fn proposal_lines(programme: &Programme, proposal: &Proposal) -> Vec<String> {
    let mut lines = Vec::new();
    for p in &proposal.placements {
        let (Some(team), Some(offer)) = (programme.team(p.team), programme.offer(p.offer)) else { continue };
        lines.push(format!(
            "{} · {} ({}) · {} · {}",
            team.name,
            p.day.format("%Y-%m-%d"),
            uk_date(p.day),
            offer.group_name,
            offer.title
        ));
        lines.extend(p.warnings.iter().map(|w| format!("    warning: {}", w.message)));
    }
    lines.extend(proposal.unplaced.iter().map(|u| format!("not placed · {}", u.reason)));
    lines.push(proposal.summary(programme));
    lines
}

/// Proposes placements for every unplaced team of the cohort; with `apply`, a backup and then
/// one transaction.
pub(super) fn schedule(file: &Path, args: &ScheduleArgs<'_>) -> Result<Output, String> {
    let read = |e| format!("could not read {}: {e}", file.display());
    let store = if args.apply { open_to_change(file, "place teams")? } else { open_to_read(file)? };
    let cohort = cohort_named(&store, file, args.cohort)?;
    let (first, last) = days_for(&cohort, args.from, args.to)?;
    let programme = store.programme().map_err(read)?;
    let proposal = suggest_with(&programme, cohort.id, first, last, args.most_per_day.or(cohort.most_per_day));
    let mut lines = proposal_lines(&programme, &proposal);
    if proposal.teams == 0 {
        lines = vec![format!("every team of {} is placed already", cohort.name)];
    } else if !args.apply {
        lines.push("nothing was written: give --apply to place them, pencilled in".to_owned());
    } else if !proposal.placements.is_empty() {
        let mut store = store;
        let placements = proposal.placements.iter().map(|p| (p.team, p.day, p.offer)).collect();
        let edit = BoardEdit::ApplySuggestion { cohort: cohort.name.clone(), placements };
        let applied = apply(&mut store, &edit.into())
            .map_err(|e| format!("could not place the teams in {}: {e}", file.display()))?;
        lines.push(applied.notice.unwrap_or_default());
    }
    Ok(lines.join("\n").into())
}
