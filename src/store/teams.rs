//! Teams: proposing them with the team former, applying a proposal as one undo step, moving a
//! person between teams, naming and locking a team.

use rusqlite::types::Value;

use super::{ChangeSet, Store, StoreError};
use crate::model::teams::{Person, form_teams};
use crate::model::*;

/// A team the former proposes: its name (an existing unlocked team's, in order, else a new
/// "Team N") and its members.
#[derive(Clone, Debug, PartialEq)]
pub struct ProposedTeam {
    pub name: String,
    pub members: Vec<ParticipantSummary>,
}

/// Whether Form teams leaves a team as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeamLock {
    Locked,
    Unlocked,
}

impl TeamLock {
    /// The lock a team has now.
    pub fn of(team: &crate::model::Team) -> Self {
        if team.locked { Self::Locked } else { Self::Unlocked }
    }
}

impl Store {
    /// The teams the former proposes for everyone of `cohort` not in a locked team.
    pub fn propose_teams(&self, cohort: CohortId, size: TeamSize, seed: u64) -> Result<Vec<ProposedTeam>, StoreError> {
        let teams = self.teams(cohort)?;
        let people = self.participants(cohort)?;
        let locked: Vec<TeamId> = teams.iter().filter(|t| t.locked).map(|t| t.id).collect();
        let free: Vec<&ParticipantSummary> =
            people.iter().filter(|p| p.team.is_none_or(|t| !locked.contains(&t))).collect();
        let persons: Vec<Person> = free
            .iter()
            .map(|p| Person { id: p.id, organisation: p.organisation.clone(), profession: p.profession.clone() })
            .collect();
        let formed = form_teams(&persons, size.get() as usize, seed);
        let mut names: Vec<String> = teams.iter().filter(|t| !t.locked).map(|t| t.name.clone()).collect();
        let mut taken: Vec<String> = teams.iter().map(|t| t.name.to_lowercase()).collect();
        let mut next = 1;
        while names.len() < formed.len() {
            let name = format!("Team {next}");
            next += 1;
            if !taken.contains(&name.to_lowercase()) {
                taken.push(name.to_lowercase());
                names.push(name);
            }
        }
        Ok(formed
            .into_iter()
            .zip(names)
            .map(|(ids, name)| ProposedTeam {
                name,
                members: ids.iter().filter_map(|id| people.iter().find(|p| p.id == *id).cloned()).collect(),
            })
            .collect())
    }

    /// Puts the proposal in place (one undo step): the cohort's unlocked teams take the
    /// proposed teams in order, new teams are added as needed, and unlocked teams left over are
    /// removed (kept, empty, if they have placements). Locked teams are not touched.
    pub fn apply_teams(&mut self, cohort: CohortId, proposal: &[ProposedTeam]) -> Result<ChangeSet, StoreError> {
        let unlocked: Vec<Team> = self.teams(cohort)?.into_iter().filter(|t| !t.locked).collect();
        self.edit("Form teams", |rec| {
            let next_order: i64 = rec.conn().query_row(
                "SELECT coalesce(max(sort_order), 0) + 1 FROM team WHERE cohort_id = ?1",
                [cohort.0],
                |r| r.get(0),
            )?;
            for (i, proposed) in proposal.iter().enumerate() {
                let team = match unlocked.get(i) {
                    Some(team) => {
                        rec.update("team", team.id.0, &[("name", Value::Text(proposed.name.clone()))])?;
                        team.id.0
                    }
                    None => rec.insert(
                        "team",
                        &[
                            ("cohort_id", Value::Integer(cohort.0)),
                            ("name", Value::Text(proposed.name.clone())),
                            ("sort_order", Value::Integer(next_order + i as i64)),
                        ],
                    )?,
                };
                for member in &proposed.members {
                    rec.update("participant", member.id.0, &[("team_id", Value::Integer(team))])?;
                }
            }
            for team in unlocked.iter().skip(proposal.len()) {
                let placed: i64 =
                    rec.conn()
                        .query_row("SELECT count(*) FROM placement WHERE team_id = ?1", [team.id.0], |r| r.get(0))?;
                let members: i64 =
                    rec.conn()
                        .query_row("SELECT count(*) FROM participant WHERE team_id = ?1", [team.id.0], |r| r.get(0))?;
                if placed == 0 && members == 0 {
                    rec.delete("team", team.id.0)?;
                }
            }
            Ok(())
        })
    }

    /// Moves a person to a team, or out of any team (one undo step).
    pub fn move_participant(&mut self, id: ParticipantId, team: Option<TeamId>) -> Result<ChangeSet, StoreError> {
        let label = match team {
            Some(_) => "Move to another team",
            None => "Take out of the team",
        };
        self.edit(label, |rec| {
            let value = team.map_or(Value::Null, |t| Value::Integer(t.0));
            if rec.update("participant", id.0, &[("team_id", value)])? {
                Ok(())
            } else {
                Err(StoreError::Missing("That participant"))
            }
        })
    }

    /// Renames a team and locks or unlocks it (one undo step). A locked team is left alone by
    /// Form teams.
    pub fn update_team(&mut self, id: TeamId, name: &str, lock: TeamLock) -> Result<ChangeSet, StoreError> {
        let locked = lock == TeamLock::Locked;
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::NameNeeded("team"));
        }
        self.edit(format!("Change team {name}"), |rec| {
            let columns = [("name", Value::Text(name.to_owned())), ("locked", Value::Integer(i64::from(locked)))];
            if rec.update("team", id.0, &columns)? { Ok(()) } else { Err(StoreError::Missing("That team")) }
        })
    }

    /// The smallest team any live offer (offered or confirmed) takes, for the teams' warnings.
    pub fn smallest_team_offers_take(&self) -> Result<Option<u32>, StoreError> {
        Ok(self.conn().query_row(
            "SELECT min(team_size_min) FROM offer WHERE status IN ('offered', 'confirmed')",
            [],
            |r| r.get(0),
        )?)
    }

    /// A cohort by its name, any case.
    pub fn cohort_named(&self, name: &str) -> Result<Option<Cohort>, StoreError> {
        Ok(self.cohorts()?.into_iter().find(|c| c.name.trim().eq_ignore_ascii_case(name.trim())))
    }
}
