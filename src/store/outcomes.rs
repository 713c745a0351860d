//! Outcomes: a placement's outcome and its participants' feedback, read and saved (one undo step
//! for the whole form), and deleted with what they belong to.

use std::collections::{BTreeMap, HashMap};

use rusqlite::types::Value;

use super::changes::Recorder;
use super::edits::{date_value, now_text, text};
use super::queries::opt_date;
use super::{ChangeSet, Store, StoreError};
use crate::model::outcomes::{DayResult, Feedback, HostAgain, Outcome, check_outcome};
use crate::model::*;

/// Which placements a read is for: one, or every one (`?1` is then ignored).
const ONE_PLACEMENT: &str = "placement_id = ?1";
const EVERY_PLACEMENT: &str = "?1 = ?1";

/// Outcomes by placement, for those `filter` picks.
fn outcomes_where(
    conn: &rusqlite::Connection,
    filter: &str,
    param: i64,
) -> Result<HashMap<PlacementId, Outcome>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT placement_id, result, reason, hours, local_people, summary, group_usefulness, \
                group_host_again, group_comment FROM placement_outcome WHERE {filter}"
    ))?;
    let rows = stmt.query_map([param], |r| {
        Ok((
            PlacementId(r.get(0)?),
            Outcome {
                result: DayResult::from_code(&r.get::<_, String>(1)?).unwrap_or_default(),
                reason: r.get(2)?,
                hours: r.get(3)?,
                local_people: r.get(4)?,
                summary: r.get(5)?,
                group_usefulness: r.get(6)?,
                host_again: HostAgain::from_code(&r.get::<_, String>(7)?),
                group_comment: r.get(8)?,
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Feedback with its ratings by placement, for those `filter` picks: each placement's by
/// participant, unlinked rows last.
fn feedback_where(
    conn: &rusqlite::Connection,
    filter: &str,
    param: i64,
) -> Result<HashMap<PlacementId, Vec<Feedback>>, StoreError> {
    let mut ratings: HashMap<i64, BTreeMap<PracticeId, u8>> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT r.feedback_id, r.practice_id, r.rating FROM feedback_rating r \
             JOIN participant_feedback f ON f.id = r.feedback_id WHERE {filter}"
        ))?;
        let rows = stmt.query_map([param], |r| Ok((r.get::<_, i64>(0)?, PracticeId(r.get(1)?), r.get::<_, u8>(2)?)))?;
        for row in rows {
            let (feedback, practice, rating) = row?;
            ratings.entry(feedback).or_default().insert(practice, rating);
        }
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, placement_id, participant_id, learnt, differently, given_on FROM participant_feedback \
         WHERE {filter} ORDER BY participant_id IS NULL, id"
    ))?;
    let rows = stmt.query_map([param], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            PlacementId(r.get(1)?),
            Feedback {
                participant: r.get::<_, Option<i64>>(2)?.map(ParticipantId),
                ratings: BTreeMap::new(),
                learnt: r.get(3)?,
                differently: r.get(4)?,
                given_on: opt_date(r, 5)?,
            },
        ))
    })?;
    let mut out: HashMap<PlacementId, Vec<Feedback>> = HashMap::new();
    for row in rows {
        let (id, placement, mut feedback) = row?;
        feedback.ratings = ratings.remove(&id).unwrap_or_default();
        out.entry(placement).or_default().push(feedback);
    }
    Ok(out)
}

impl Store {
    /// A placement's outcome, if one has been recorded.
    pub fn outcome(&self, placement: PlacementId) -> Result<Option<Outcome>, StoreError> {
        Ok(outcomes_where(self.conn(), ONE_PLACEMENT, placement.0)?.remove(&placement))
    }

    /// The feedback given on a placement, by participant (unlinked rows last).
    pub fn feedback_of(&self, placement: PlacementId) -> Result<Vec<Feedback>, StoreError> {
        Ok(feedback_where(self.conn(), ONE_PLACEMENT, placement.0)?.remove(&placement).unwrap_or_default())
    }

    /// Saves the day's outcome (or clears it with `None`) and each member's feedback (an empty
    /// one clears theirs), as one undo step.
    pub fn save_outcome(
        &mut self,
        placement: PlacementId,
        outcome: Option<&Outcome>,
        feedback: &[Feedback],
    ) -> Result<ChangeSet, StoreError> {
        if let Some(problem) = outcome.map(check_outcome).and_then(|p| p.into_iter().next()) {
            return Err(StoreError::Refused(problem));
        }
        let team = self.placement_team_name(placement)?;
        self.edit(format!("Outcome of {team}'s day"), |rec| {
            let now = now_text();
            write_outcome(rec, placement, outcome, &now)?;
            for f in feedback {
                write_feedback(rec, placement, f, &now)?;
            }
            Ok(())
        })
    }

    fn placement_team_name(&self, placement: PlacementId) -> Result<String, StoreError> {
        self.conn()
            .query_row(
                "SELECT t.name FROM placement p JOIN team t ON t.id = p.team_id WHERE p.id = ?1",
                [placement.0],
                |r| r.get(0),
            )
            .map_err(|_| StoreError::Missing("That placement"))
    }
}

fn write_outcome(
    rec: &mut Recorder<'_>,
    placement: PlacementId,
    outcome: Option<&Outcome>,
    now: &str,
) -> Result<(), StoreError> {
    let existing: Option<i64> = rec
        .conn()
        .query_row("SELECT id FROM placement_outcome WHERE placement_id = ?1", [placement.0], |r| r.get(0))
        .ok();
    let Some(o) = outcome else {
        if let Some(id) = existing {
            rec.delete("placement_outcome", id)?;
        }
        return Ok(());
    };
    let mut columns = vec![
        ("result", Value::Text(o.result.code().to_owned())),
        ("reason", text(&o.reason)),
        ("hours", o.hours.map_or(Value::Null, Value::Real)),
        ("local_people", o.local_people.map_or(Value::Null, |n| Value::Integer(i64::from(n)))),
        ("summary", text(&o.summary)),
        ("group_usefulness", o.group_usefulness.map_or(Value::Null, |n| Value::Integer(i64::from(n)))),
        ("group_host_again", Value::Text(o.host_again.map_or("", HostAgain::code).to_owned())),
        ("group_comment", text(&o.group_comment)),
        ("updated_at", Value::Text(now.to_owned())),
    ];
    match existing {
        Some(id) => {
            rec.update("placement_outcome", id, &columns)?;
        }
        None => {
            columns.push(("placement_id", Value::Integer(placement.0)));
            columns.push(("created_at", Value::Text(now.to_owned())));
            rec.insert("placement_outcome", &columns)?;
        }
    }
    Ok(())
}

/// One participant's feedback row and its ratings: written, or deleted when empty.
pub(super) fn write_feedback(
    rec: &mut Recorder<'_>,
    placement: PlacementId,
    f: &Feedback,
    now: &str,
) -> Result<(), StoreError> {
    let existing: Option<i64> = match f.participant {
        Some(p) => rec
            .conn()
            .query_row(
                "SELECT id FROM participant_feedback WHERE placement_id = ?1 AND participant_id = ?2",
                [placement.0, p.0],
                |r| r.get(0),
            )
            .ok(),
        None => None,
    };
    if f.is_empty() {
        if let Some(id) = existing {
            delete_feedback_row(rec, id)?;
        }
        return Ok(());
    }
    let mut columns = vec![
        ("learnt", text(&f.learnt)),
        ("differently", text(&f.differently)),
        ("given_on", f.given_on.map_or(Value::Null, date_value)),
        ("updated_at", Value::Text(now.to_owned())),
    ];
    let id = match existing {
        Some(id) => {
            rec.update("participant_feedback", id, &columns)?;
            id
        }
        None => {
            columns.push(("placement_id", Value::Integer(placement.0)));
            columns.push(("participant_id", f.participant.map_or(Value::Null, |p| Value::Integer(p.0))));
            columns.push(("created_at", Value::Text(now.to_owned())));
            rec.insert("participant_feedback", &columns)?
        }
    };
    let wanted: Vec<Vec<Value>> = f
        .ratings
        .iter()
        .filter(|(_, r)| (1..=5).contains(*r))
        .map(|(p, r)| vec![Value::Integer(p.0), Value::Integer(i64::from(*r))])
        .collect();
    rec.set_children("feedback_rating", "feedback_id", id, &["practice_id", "rating"], &wanted)
}

fn delete_feedback_row(rec: &mut Recorder<'_>, id: i64) -> Result<(), StoreError> {
    rec.set_children("feedback_rating", "feedback_id", id, &["practice_id", "rating"], &[])?;
    rec.delete("participant_feedback", id)?;
    Ok(())
}

fn ids(rec: &Recorder<'_>, sql: &str, param: i64) -> Result<Vec<i64>, StoreError> {
    let mut stmt = rec.conn().prepare_cached(sql)?;
    let rows = stmt.query_map([param], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A placement's outcome and feedback, deleted with it.
pub(super) fn delete_outcomes_of_placement(rec: &mut Recorder<'_>, placement: PlacementId) -> Result<(), StoreError> {
    for id in ids(rec, "SELECT id FROM participant_feedback WHERE placement_id = ?1", placement.0)? {
        delete_feedback_row(rec, id)?;
    }
    for id in ids(rec, "SELECT id FROM placement_outcome WHERE placement_id = ?1", placement.0)? {
        rec.delete("placement_outcome", id)?;
    }
    Ok(())
}

/// A participant's feedback, deleted with them.
pub(super) fn delete_feedback_of_participant(
    rec: &mut Recorder<'_>,
    participant: ParticipantId,
) -> Result<(), StoreError> {
    for id in ids(rec, "SELECT id FROM participant_feedback WHERE participant_id = ?1", participant.0)? {
        delete_feedback_row(rec, id)?;
    }
    Ok(())
}

/// A participant's feedback with their words blanked and their name taken off it: the ratings
/// stay, unnamed, for the programme's counts.
pub(super) fn unname_feedback_of(rec: &mut Recorder<'_>, participant: ParticipantId) -> Result<(), StoreError> {
    for id in ids(rec, "SELECT id FROM participant_feedback WHERE participant_id = ?1", participant.0)? {
        rec.update(
            "participant_feedback",
            id,
            &[
                ("participant_id", Value::Null),
                ("learnt", Value::Text(String::new())),
                ("differently", Value::Text(String::new())),
            ],
        )?;
    }
    Ok(())
}

impl Store {
    /// What the report counts: the live placements (of one cohort, or all) with their members'
    /// organisations, outcomes and feedback; every neighbourhood and practice.
    pub fn report_facts(&self, cohort: Option<CohortId>) -> Result<crate::model::report::ReportFacts, StoreError> {
        use crate::model::report::{ReportFacts, ReportPlacement};
        let scope = match cohort {
            Some(id) => self
                .cohorts()?
                .into_iter()
                .find(|c| c.id == id)
                .map(|c| c.name)
                .ok_or(StoreError::Missing("That cohort"))?,
            None => "All cohorts".to_owned(),
        };
        let mut members: HashMap<TeamId, Vec<(ParticipantId, String)>> = HashMap::new();
        {
            let mut stmt = self.conn().prepare_cached(
                "SELECT p.team_id, p.id, coalesce(o.name, '') FROM participant p \
                 LEFT JOIN organisation o ON o.id = p.organisation_id WHERE p.team_id IS NOT NULL ORDER BY p.id",
            )?;
            let rows =
                stmt.query_map([], |r| Ok((TeamId(r.get(0)?), ParticipantId(r.get(1)?), r.get::<_, String>(2)?)))?;
            for row in rows {
                let (team, person, org) = row?;
                members.entry(team).or_default().push((person, org));
            }
        }
        let mut outcomes = self.all_outcomes()?;
        let mut feedback = self.all_feedback()?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.id, t.cohort_id, p.team_id, t.name, p.day, p.status, g.id, g.name, \
                    coalesce(o.neighbourhood_id, g.neighbourhood_id) \
             FROM placement p JOIN team t ON t.id = p.team_id LEFT JOIN offer o ON o.id = p.offer_id \
             LEFT JOIN community_group g ON g.id = o.group_id \
             WHERE p.status <> 'cancelled' AND (?1 IS NULL OR t.cohort_id = ?1) ORDER BY p.day, p.id",
        )?;
        let rows = stmt.query_map([cohort.map(|c| c.0)], |r| {
            Ok((
                PlacementId(r.get(0)?),
                CohortId(r.get(1)?),
                TeamId(r.get(2)?),
                r.get::<_, String>(3)?,
                super::queries::date(r, 4)?,
                PlacementStatus::from_code(&r.get::<_, String>(5)?).unwrap_or_default(),
                r.get::<_, Option<i64>>(6)?.map(GroupId).zip(r.get::<_, Option<String>>(7)?),
                r.get::<_, Option<i64>>(8)?.map(NeighbourhoodId),
            ))
        })?;
        let mut placements = Vec::new();
        for row in rows {
            let (id, cohort, team, team_name, day, status, group, neighbourhood) = row?;
            placements.push(ReportPlacement {
                id,
                cohort,
                team,
                team_name,
                day,
                status,
                group,
                neighbourhood,
                members: members.get(&team).cloned().unwrap_or_default(),
                outcome: outcomes.remove(&id),
                feedback: feedback.remove(&id).unwrap_or_default(),
            });
        }
        Ok(ReportFacts {
            cohort,
            scope,
            neighbourhoods: self.neighbourhoods()?.into_iter().map(|n| (n.id, n.name)).collect(),
            practices: self.practices()?.into_iter().map(|p| (p.id, p.name)).collect(),
            placements,
        })
    }

    fn all_outcomes(&self) -> Result<HashMap<PlacementId, Outcome>, StoreError> {
        outcomes_where(self.conn(), EVERY_PLACEMENT, 0)
    }

    fn all_feedback(&self) -> Result<HashMap<PlacementId, Vec<Feedback>>, StoreError> {
        feedback_where(self.conn(), EVERY_PLACEMENT, 0)
    }
}

impl Store {
    /// What matching a form's responses needs: participants by email, teams' days, the
    /// feedback already in the file, the practices.
    pub fn feedback_lookup(&self) -> Result<crate::model::outcomes::FeedbackLookup, StoreError> {
        use crate::model::outcomes::FeedbackLookup;
        let mut lookup = FeedbackLookup::default();
        let mut stmt = self.conn().prepare_cached(
            "SELECT lower(trim(email)), id, name, team_id FROM participant WHERE team_id IS NOT NULL AND trim(email) <> ''",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, ParticipantId(r.get(1)?), r.get::<_, String>(2)?, TeamId(r.get(3)?)))
        })?;
        for row in rows {
            let (email, id, name, team) = row?;
            lookup.people.entry(email).or_default().push((id, name, team));
        }
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT team_id, day, id FROM placement WHERE status <> 'cancelled' ORDER BY day, id")?;
        let rows =
            stmt.query_map([], |r| Ok((TeamId(r.get(0)?), super::queries::date(r, 1)?, PlacementId(r.get(2)?))))?;
        for row in rows {
            let (team, day, id) = row?;
            lookup.days.entry(team).or_default().push((day, id));
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT placement_id, participant_id FROM participant_feedback WHERE participant_id IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| Ok((PlacementId(r.get(0)?), ParticipantId(r.get(1)?))))?;
        lookup.existing = rows.collect::<Result<_, _>>()?;
        lookup.practices = self.practices()?.into_iter().map(|p| (p.id, p.name)).collect();
        Ok(lookup)
    }

    /// Imports responses as one undo step, all or nothing; a response for someone who has given
    /// feedback on that day already replaces it (Update) or is left out (Skip).
    pub fn import_feedback(
        &mut self,
        label: &str,
        rows: &[crate::model::outcomes::ImportFeedback],
        on_duplicate: crate::model::OnDuplicate,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Result<(crate::model::ImportCounts, ChangeSet), StoreError> {
        let mut counts = crate::model::ImportCounts::default();
        let change = self.edit(label, |rec| {
            let now = now_text();
            for (done, row) in rows.iter().enumerate() {
                if done % 64 == 0 && !progress(done) {
                    return Err(StoreError::Cancelled);
                }
                match (row.duplicate, on_duplicate) {
                    (true, crate::model::OnDuplicate::Skip) => counts.skipped += 1,
                    (true, _) => {
                        write_feedback(rec, row.placement, &row.feedback, &now)?;
                        counts.updated += 1;
                    }
                    (false, _) => {
                        write_feedback(rec, row.placement, &row.feedback, &now)?;
                        counts.imported += 1;
                    }
                }
            }
            progress(rows.len());
            Ok(())
        })?;
        Ok((counts, change))
    }
}
