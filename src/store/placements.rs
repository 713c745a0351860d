//! Placements: reading them (as the board lists them, and as the clash rules see the whole
//! programme), and changing them. Each change is one undo step; whether a change breaks a rule
//! is for the caller to ask `model::clash` first.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::types::Value;

use super::edits::{date_value, now_text, opt_id};
use super::queries::{date, opt_date};
use super::{ChangeSet, Store, StoreError};
use crate::model::clash::ClashKind;
use crate::model::dates::uk_date;
use crate::model::programme::{CohortFacts, MemberFacts, OfferFacts, Placed, Programme, TeamFacts};
use crate::model::*;

/// The override's columns: its reason and the rules it breaks.
/// An override with no reason is no override: it is stored as none.
fn override_columns(this: Option<&Override>) -> [(&'static str, Value); 2] {
    let (reason, kinds) = this
        .filter(|o| !o.reason.trim().is_empty())
        .map_or((String::new(), String::new()), |o| (o.reason.trim().to_owned(), ClashKind::codes(&o.kinds)));
    [("override_reason", Value::Text(reason)), ("overridden", Value::Text(kinds))]
}

impl Store {
    /// Every placement, cancelled ones too, by day, cohort and team.
    pub fn placement_summaries(&self) -> Result<Vec<PlacementSummary>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.id, t.id, t.name, c.id, c.name, o.id, coalesce(o.title, ''), coalesce(g.name, ''),
                    o.neighbourhood_id, p.day, p.status, p.notes, p.override_reason, coalesce(o.capacity, 0)
             FROM placement p JOIN team t ON t.id = p.team_id JOIN cohort c ON c.id = t.cohort_id
             LEFT JOIN offer o ON o.id = p.offer_id LEFT JOIN community_group g ON g.id = o.group_id
             ORDER BY p.day, c.name, t.sort_order, t.id, p.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(PlacementSummary {
                id: PlacementId(r.get(0)?),
                team: TeamId(r.get(1)?),
                team_name: r.get(2)?,
                cohort: CohortId(r.get(3)?),
                cohort_name: r.get(4)?,
                offer: r.get::<_, Option<i64>>(5)?.map(OfferId),
                offer_title: r.get(6)?,
                group_name: r.get(7)?,
                neighbourhood: r.get::<_, Option<i64>>(8)?.map(NeighbourhoodId),
                day: date(r, 9)?,
                status: PlacementStatus::from_code(&r.get::<_, String>(10)?).unwrap_or_default(),
                notes: r.get(11)?,
                override_reason: r.get(12)?,
                offer_capacity: r.get(13)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many placements have each status, every status named (with 0 when none).
    pub fn placements_by_status(&self) -> Result<BTreeMap<&'static str, u64>, StoreError> {
        let mut counts: BTreeMap<&'static str, u64> = PlacementStatus::ALL.iter().map(|s| (s.code(), 0)).collect();
        let mut stmt = self.conn().prepare_cached("SELECT status, count(*) FROM placement GROUP BY status")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            if let Some(status) = PlacementStatus::from_code(&row.get::<_, String>(0)?) {
                counts.insert(status.code(), row.get::<_, i64>(1)?.max(0) as u64);
            }
        }
        Ok(counts)
    }

    /// The whole programme as the clash rules see it.
    pub fn programme(&self) -> Result<Programme, StoreError> {
        let cohorts = self
            .cohorts()?
            .into_iter()
            .map(|c| CohortFacts {
                window: c.first_day.zip(c.last_day),
                id: c.id,
                name: c.name,
                most_per_day: c.most_per_day,
            })
            .collect();
        Ok(Programme::new(cohorts, self.team_facts()?, self.offer_facts()?, self.placed()?))
    }

    fn team_facts(&self) -> Result<Vec<TeamFacts>, StoreError> {
        let mut away: HashMap<i64, Vec<DaySpan>> = HashMap::new();
        let mut stmt =
            self.conn().prepare_cached("SELECT participant_id, first_day, last_day FROM participant_unavailable")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            if let (Some(first), Some(last)) = (opt_date(row, 1)?, opt_date(row, 2)?) {
                away.entry(row.get(0)?).or_default().push(DaySpan { first, last });
            }
        }
        let mut members: HashMap<i64, Vec<MemberFacts>> = HashMap::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, team_id, name, email FROM participant WHERE team_id IS NOT NULL ORDER BY name, id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let email: String = row.get(3)?;
            members.entry(row.get(1)?).or_default().push(MemberFacts {
                id: ParticipantId(id),
                name: row.get(2)?,
                email: email.trim().to_lowercase(),
                away: away.remove(&id).unwrap_or_default(),
            });
        }
        let mut stmt =
            self.conn().prepare_cached("SELECT id, cohort_id, name FROM team ORDER BY cohort_id, sort_order, id")?;
        let rows = stmt.query_map([], |r| {
            let id: i64 = r.get(0)?;
            Ok((id, CohortId(r.get(1)?), r.get::<_, String>(2)?))
        })?;
        let mut teams = Vec::new();
        for row in rows {
            let (id, cohort, name) = row?;
            teams.push(TeamFacts { id: TeamId(id), cohort, name, members: members.remove(&id).unwrap_or_default() });
        }
        Ok(teams)
    }

    fn offer_facts(&self) -> Result<Vec<OfferFacts>, StoreError> {
        let archived: HashSet<GroupId> = {
            let mut stmt = self.conn().prepare_cached("SELECT id FROM community_group WHERE archived")?;
            stmt.query_map([], |r| r.get(0).map(GroupId))?.collect::<Result<_, _>>()?
        };
        Ok(self
            .offer_summaries()?
            .into_iter()
            .map(|o| OfferFacts {
                id: o.id,
                title: o.title,
                group_archived: archived.contains(&o.group),
                group_name: o.group_name,
                neighbourhood: o.neighbourhood_id,
                status: o.status,
                when: o.when,
                team_size_min: o.team_size_min,
                team_size_max: o.team_size_max,
                capacity: o.capacity,
            })
            .collect())
    }

    fn placed(&self) -> Result<Vec<Placed>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, team_id, offer_id, day, status, overridden, override_reason FROM placement ORDER BY day, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Placed {
                id: PlacementId(r.get(0)?),
                team: TeamId(r.get(1)?),
                offer: r.get::<_, Option<i64>>(2)?.map(OfferId),
                day: date(r, 3)?,
                status: PlacementStatus::from_code(&r.get::<_, String>(4)?).unwrap_or_default(),
                // Rules "placed anyway" with no reason (as a file from an older version may
                // hold) are not placed anyway.
                overridden: match r.get::<_, String>(6)?.trim() {
                    "" => Vec::new(),
                    _ => ClashKind::parse_codes(&r.get::<_, String>(5)?),
                },
                override_reason: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn team_name(&self, team: TeamId) -> Result<String, StoreError> {
        self.conn()
            .query_row("SELECT name FROM team WHERE id = ?1", [team.0], |r| r.get(0))
            .map_err(|_| StoreError::Missing("That team"))
    }

    fn placement_team(&self, id: PlacementId) -> Result<(TeamId, String), StoreError> {
        self.conn()
            .query_row(
                "SELECT t.id, t.name FROM placement p JOIN team t ON t.id = p.team_id WHERE p.id = ?1",
                [id.0],
                |r| Ok((TeamId(r.get(0)?), r.get(1)?)),
            )
            .map_err(|_| StoreError::Missing("That placement"))
    }

    /// Places a team on a day (one undo step). Not judged here: every board edit comes through
    /// `edit::apply`, which refuses a clash without a reason, so these are the crate's own.
    pub(crate) fn place(&mut self, new: &NewPlacement) -> Result<(PlacementId, ChangeSet), StoreError> {
        let name = self.team_name(new.team)?;
        let (ids, change) =
            self.place_many(format!("Place {name} on {}", uk_date(new.day)), std::slice::from_ref(new))?;
        Ok((ids.first().copied().unwrap_or(PlacementId(0)), change))
    }

    /// Makes several placements as one undo step named `label` (all or none).
    pub(crate) fn place_many(
        &mut self,
        label: String,
        placements: &[NewPlacement],
    ) -> Result<(Vec<PlacementId>, ChangeSet), StoreError> {
        for new in placements {
            self.team_name(new.team)?;
        }
        let mut ids = Vec::with_capacity(placements.len());
        let change = self.edit(label, |rec| {
            let now = Value::Text(now_text());
            for new in placements {
                let mut columns = vec![
                    ("team_id", Value::Integer(new.team.0)),
                    ("offer_id", opt_id(new.offer.map(|o| o.0))),
                    ("day", date_value(new.day)),
                    ("status", Value::Text(new.status.code().to_owned())),
                    ("created_at", now.clone()),
                    ("updated_at", now.clone()),
                ];
                columns.extend(override_columns(new.overridden.as_ref()));
                ids.push(PlacementId(rec.insert("placement", &columns)?));
            }
            Ok(())
        })?;
        Ok((ids, change))
    }

    /// Moves a placement to another day and sets its offer (one undo step).
    pub(crate) fn move_placement(
        &mut self,
        id: PlacementId,
        day: NaiveDate,
        offer: Option<OfferId>,
        overridden: Option<&Override>,
    ) -> Result<ChangeSet, StoreError> {
        let (_, name) = self.placement_team(id)?;
        let mut columns = vec![("day", date_value(day)), ("offer_id", opt_id(offer.map(|o| o.0)))];
        columns.extend(override_columns(overridden));
        self.change_placement(id, format!("Move {name} to {}", uk_date(day)), columns)
    }

    /// Gives a placement an activity offer, or takes it away (one undo step).
    pub(crate) fn set_placement_offer(
        &mut self,
        id: PlacementId,
        offer: Option<OfferId>,
        overridden: Option<&Override>,
    ) -> Result<ChangeSet, StoreError> {
        let (_, name) = self.placement_team(id)?;
        let mut columns = vec![("offer_id", opt_id(offer.map(|o| o.0)))];
        columns.extend(override_columns(overridden));
        let label = if offer.is_some() {
            format!("Choose an activity for {name}")
        } else {
            format!("Take {name}'s activity away")
        };
        self.change_placement(id, label, columns)
    }

    /// Two placements exchange their teams: each team takes the other's day and activity (one
    /// undo step).
    pub(crate) fn swap_placements(
        &mut self,
        a: PlacementId,
        b: PlacementId,
        overridden: Option<&Override>,
    ) -> Result<ChangeSet, StoreError> {
        let ((team_a, name_a), (team_b, name_b)) = (self.placement_team(a)?, self.placement_team(b)?);
        self.edit(format!("Swap {name_a} and {name_b}"), |rec| {
            let now = Value::Text(now_text());
            for (id, team) in [(a, team_b), (b, team_a)] {
                let mut columns = vec![("team_id", Value::Integer(team.0)), ("updated_at", now.clone())];
                columns.extend(override_columns(overridden));
                rec.update("placement", id.0, &columns)?;
            }
            Ok(())
        })
    }

    /// Pencilled, confirmed, done or cancelled (one undo step).
    pub fn set_placement_status(&mut self, id: PlacementId, status: PlacementStatus) -> Result<ChangeSet, StoreError> {
        let (_, name) = self.placement_team(id)?;
        let label = match status {
            PlacementStatus::Pencilled => format!("Pencil in {name}"),
            PlacementStatus::Confirmed => format!("Confirm {name}'s day"),
            PlacementStatus::Done => format!("Mark {name}'s day done"),
            PlacementStatus::Cancelled => format!("Cancel {name}'s day"),
        };
        self.change_placement(id, label, vec![("status", Value::Text(status.code().to_owned()))])
    }

    /// The placement's notes (one undo step).
    pub fn set_placement_note(&mut self, id: PlacementId, notes: &str) -> Result<ChangeSet, StoreError> {
        let (_, name) = self.placement_team(id)?;
        self.change_placement(
            id,
            format!("Note on {name}'s day"),
            vec![("notes", Value::Text(notes.trim().to_owned()))],
        )
    }

    /// Takes a team off the day it was placed on (one undo step).
    pub fn remove_placement(&mut self, id: PlacementId) -> Result<ChangeSet, StoreError> {
        let (_, name) = self.placement_team(id)?;
        self.edit(format!("Take {name} off the board"), |rec| {
            super::outcomes::delete_outcomes_of_placement(rec, id)?;
            if rec.delete("placement", id.0)? { Ok(()) } else { Err(StoreError::Missing("That placement")) }
        })
    }

    fn change_placement(
        &mut self,
        id: PlacementId,
        label: String,
        mut columns: Vec<(&'static str, Value)>,
    ) -> Result<ChangeSet, StoreError> {
        columns.push(("updated_at", Value::Text(now_text())));
        self.edit(label, |rec| {
            if rec.update("placement", id.0, &columns)? { Ok(()) } else { Err(StoreError::Missing("That placement")) }
        })
    }
}
