//! Changing the document: each public function here is one undoable edit, or (for building a
//! new file) one bulk transaction.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::ToSql;
use rusqlite::types::{ToSqlOutput, Value, ValueRef};

use super::{ChangeSet, Store, StoreError};
use crate::model::*;

pub(crate) fn now_text() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Text as the file keeps it: trimmed, and composed (Unicode NFC), so that a name typed or
/// imported with an accent as a separate mark (as a Mac may save it) is the same name as one
/// typed with the accented letter: it sorts, searches, matches duplicates and prints alike.
pub(crate) fn text(s: &str) -> Value {
    Value::Text(crate::model::text::composed(s).unwrap_or_else(|| s.trim().to_owned()))
}

pub(crate) fn date_value(d: NaiveDate) -> Value {
    Value::Text(d.format("%Y-%m-%d").to_string())
}

pub(crate) fn time_value(t: NaiveTime) -> Value {
    Value::Text(t.format("%H:%M").to_string())
}

pub(crate) fn opt_id(id: Option<i64>) -> Value {
    id.map_or(Value::Null, Value::Integer)
}

/// A column's value to write: text borrowed from a record, or a value of its own.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell<'a> {
    Text(&'a str),
    Value(Value),
}

impl Cell<'_> {
    pub(crate) fn into_value(self) -> Value {
        match self {
            Cell::Text(s) => Value::Text(s.to_owned()),
            Cell::Value(v) => v,
        }
    }
}

impl ToSql for Cell<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Cell::Text(s) => ValueRef::Text(s.as_bytes()),
            Cell::Value(v) => ValueRef::from(v),
        }))
    }
}

/// A checked record's columns as the file writes them.
pub(crate) trait Columns {
    fn columns(&self) -> Vec<(&'static str, Value)>;
}

impl Columns for GroupEdit {
    fn columns(&self) -> Vec<(&'static str, Value)> {
        group_values(self).into_iter().map(|(name, cell)| (name, cell.into_value())).collect()
    }
}

/// A group's columns as written as written, borrowed from it (its text is kept as the file keeps
/// it from the start): an import of 100,000 groups binds them without copying a string.
pub(crate) fn group_values(edit: &GroupEdit) -> [(&'static str, Cell<'_>); 26] {
    let g = edit.group();
    let text = |s| Cell::Text(s);
    let integer = |i: i64| Cell::Value(Value::Integer(i));
    let date = |d: Option<NaiveDate>| Cell::Value(d.map_or(Value::Null, date_value));
    [
        ("name", text(&g.name)),
        ("other_names", text(&g.other_names)),
        ("description", text(&g.description)),
        ("neighbourhood_id", Cell::Value(opt_id(g.neighbourhood.map(|n| n.0)))),
        ("address_line1", text(&g.address_line1)),
        ("address_line2", text(&g.address_line2)),
        ("town", text(&g.town)),
        ("postcode", text(&g.postcode)),
        ("phone", text(&g.phone)),
        ("email", text(&g.email)),
        ("website", text(&g.website)),
        ("contact_name", text(&g.contact_name)),
        ("contact_role", text(&g.contact_role)),
        ("contact_phone", text(&g.contact_phone)),
        ("contact_email", text(&g.contact_email)),
        ("charity_number", text(&g.charity_number)),
        ("company_number", text(&g.company_number)),
        ("other_identifier", text(&g.other_identifier)),
        ("status", text(g.status.code())),
        ("accessibility", text(&g.accessibility)),
        ("safeguarding_notes", text(&g.safeguarding_notes)),
        ("notes", text(&g.notes)),
        ("archived", integer(i64::from(g.archived))),
        ("consent_to_contact", integer(i64::from(g.consent_to_contact))),
        ("consent_date", date(g.consent_date)),
        ("last_verified", date(g.last_verified)),
    ]
}

/// Archiving a group, or bringing it back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Archiving {
    Archive,
    BringBack,
}

impl Store {
    /// Saves a group's record and its categories (one undo step).
    pub fn update_group(&mut self, id: GroupId, group: &GroupEdit) -> Result<ChangeSet, StoreError> {
        let label = format!("Edit {}", group.group().name.trim());
        self.edit(label, |rec| {
            let mut columns = group.columns();
            columns.push(("updated_at", Value::Text(now_text())));
            if !rec.update("community_group", id.0, &columns)? {
                return Err(StoreError::Missing("That group"));
            }
            set_categories(rec, id, &group.group().categories)
        })
    }

    /// Adds a new group (one undo step) and returns its id.
    pub fn add_group(&mut self, group: &GroupEdit) -> Result<(GroupId, ChangeSet), StoreError> {
        let mut new_id = GroupId(0);
        let change = self.edit(format!("Add {}", group.group().name.trim()), |rec| {
            let now = Value::Text(now_text());
            let mut columns = group.columns();
            columns.push(("created_at", now.clone()));
            columns.push(("updated_at", now));
            new_id = GroupId(rec.insert("community_group", &columns)?);
            set_categories(rec, new_id, &group.group().categories)
        })?;
        Ok((new_id, change))
    }

    /// Archives a group, or brings it back (one undo step). Groups are archived, not deleted,
    /// so that offers and placements that name them keep their history.
    pub fn set_group_archived(&mut self, id: GroupId, change: Archiving) -> Result<ChangeSet, StoreError> {
        let name = self.group(id)?.name;
        let archived = change == Archiving::Archive;
        let label = match change {
            Archiving::Archive => format!("Archive {name}"),
            Archiving::BringBack => format!("Bring back {name}"),
        };
        self.edit(label, |rec| {
            let columns = [("archived", Value::Integer(i64::from(archived))), ("updated_at", Value::Text(now_text()))];
            if rec.update("community_group", id.0, &columns)? { Ok(()) } else { Err(StoreError::Missing("That group")) }
        })
    }

    /// Merges two records of one group: `keep` takes the values in `merged`, the categories of
    /// both, and `remove`'s offers; `remove` is then deleted. One undo step.
    pub fn merge_groups(
        &mut self,
        keep: GroupId,
        remove: GroupId,
        merged: &GroupEdit,
    ) -> Result<ChangeSet, StoreError> {
        if keep == remove {
            return Err(StoreError::MergeWithItself);
        }
        let mut categories = self.group(keep)?.categories;
        for category in self.group(remove)?.categories.into_iter().chain(merged.group().categories.iter().copied()) {
            if !categories.contains(&category) {
                categories.push(category);
            }
        }
        self.edit(format!("Merge into {}", merged.group().name.trim()), |rec| {
            let mut columns = merged.columns();
            columns.push(("updated_at", Value::Text(now_text())));
            if !rec.update("community_group", keep.0, &columns)? {
                return Err(StoreError::Missing("The group to keep"));
            }
            set_categories(rec, keep, &categories)?;
            let offers: Vec<i64> = {
                let mut stmt = rec.conn().prepare("SELECT id FROM offer WHERE group_id = ?1")?;
                stmt.query_map([remove.0], |r| r.get(0))?.collect::<Result<_, _>>()?
            };
            for offer in offers {
                rec.update("offer", offer, &[("group_id", Value::Integer(keep.0))])?;
            }
            set_categories(rec, remove, &[])?;
            if rec.delete("community_group", remove.0)? {
                Ok(())
            } else {
                Err(StoreError::Missing("The group to merge"))
            }
        })
    }

    /// Writes many new records in one transaction, without undo: for building a new file.
    pub fn bulk_insert<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut BulkWriter<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.write_gate()?;
        let tx = self
            .conn_mut()
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        // Groups written here are indexed for search in one pass at the end.
        let paused = super::search_index::pause(&tx)?;
        let result = {
            let mut writer = BulkWriter { conn: &tx, now: now_text() };
            f(&mut writer)?
        };
        paused.resume(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(result)
    }
}

/// Makes a group's category links exactly `wanted`, recording each link added or removed.
fn set_categories(
    rec: &mut super::changes::Recorder<'_>,
    group: GroupId,
    wanted: &[CategoryId],
) -> Result<(), StoreError> {
    let wanted: Vec<Vec<Value>> = wanted.iter().map(|c| vec![Value::Integer(c.0)]).collect();
    rec.set_children("group_category", "group_id", group.0, &["category_id"], &wanted)
}

/// Inserts new records inside one transaction. Made by [`Store::bulk_insert`].
pub struct BulkWriter<'c> {
    conn: &'c rusqlite::Connection,
    now: String,
}

impl BulkWriter<'_> {
    /// Stamps the records that follow as made and changed at `stamp` instead of now, so that
    /// a generated file comes out the same every time.
    pub fn set_timestamp(&mut self, stamp: chrono::NaiveDateTime) {
        self.now = stamp.format("%Y-%m-%d %H:%M:%S").to_string();
    }

    fn insert(&self, sql: &str, params: &[Value]) -> Result<i64, StoreError> {
        self.conn.prepare_cached(sql)?.execute(rusqlite::params_from_iter(params))?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn neighbourhood(&mut self, name: &str, sort_order: i64) -> Result<NeighbourhoodId, StoreError> {
        self.insert(
            "INSERT INTO neighbourhood (name, sort_order) VALUES (?1, ?2)",
            &[text(name), Value::Integer(sort_order)],
        )
        .map(NeighbourhoodId)
    }

    pub fn postcode_rule(
        &mut self,
        district: &str,
        neighbourhood: NeighbourhoodId,
    ) -> Result<PostcodeRuleId, StoreError> {
        self.insert(
            "INSERT INTO postcode_rule (district, neighbourhood_id) VALUES (?1, ?2)",
            &[text(district), Value::Integer(neighbourhood.0)],
        )
        .map(PostcodeRuleId)
    }

    pub fn category(&mut self, name: &str) -> Result<CategoryId, StoreError> {
        self.insert("INSERT INTO category (name) VALUES (?1)", &[text(name)]).map(CategoryId)
    }

    pub fn group(&mut self, group: &GroupEdit, categories: &[CategoryId]) -> Result<GroupId, StoreError> {
        let mut columns = group.columns();
        columns.push(("created_at", Value::Text(self.now.clone())));
        columns.push(("updated_at", Value::Text(self.now.clone())));
        let names: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
        let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        let sql = format!("INSERT INTO community_group ({}) VALUES ({})", names.join(", "), marks.join(", "));
        let values: Vec<Value> = columns.into_iter().map(|(_, v)| v).collect();
        let id = self.insert(&sql, &values)?;
        for category in categories {
            self.insert(
                "INSERT INTO group_category (group_id, category_id) VALUES (?1, ?2)",
                &[Value::Integer(id), Value::Integer(category.0)],
            )?;
        }
        Ok(GroupId(id))
    }

    /// An offer with its extra and blackout days and its practices.
    pub fn offer(&mut self, offer: &Offer) -> Result<OfferId, StoreError> {
        let mut columns = super::offers::offer_columns(offer);
        columns.push(("created_at", Value::Text(self.now.clone())));
        columns.push(("updated_at", Value::Text(self.now.clone())));
        let names: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
        let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        let sql = format!("INSERT INTO offer ({}) VALUES ({})", names.join(", "), marks.join(", "));
        let values: Vec<Value> = columns.into_iter().map(|(_, v)| v).collect();
        let id = self.insert(&sql, &values)?;
        let days = offer.when.extra_dates.iter().map(|d| (d, "extra"));
        for (day, kind) in days.chain(offer.when.blackout_dates.iter().map(|d| (d, "blackout"))) {
            self.insert(
                "INSERT INTO offer_day (offer_id, day, kind) VALUES (?1, ?2, ?3)",
                &[Value::Integer(id), date_value(*day), Value::Text(kind.to_owned())],
            )?;
        }
        for practice in &offer.practises {
            self.insert(
                "INSERT INTO offer_practice (offer_id, practice_id) VALUES (?1, ?2)",
                &[Value::Integer(id), Value::Integer(practice.0)],
            )?;
        }
        Ok(OfferId(id))
    }

    pub fn organisation(&mut self, name: &str) -> Result<OrganisationId, StoreError> {
        self.insert("INSERT INTO organisation (name) VALUES (?1)", &[text(name)]).map(OrganisationId)
    }

    /// A profession of the list (the file starts with the usual ones): its id, added if new.
    pub fn profession(&mut self, name: &str) -> Result<ProfessionId, StoreError> {
        self.insert("INSERT OR IGNORE INTO profession (name) VALUES (?1)", &[text(name)])?;
        Ok(ProfessionId(self.conn.query_row("SELECT id FROM profession WHERE name = ?1", [name.trim()], |r| r.get(0))?))
    }

    pub fn cohort(&mut self, cohort: &Cohort) -> Result<CohortId, StoreError> {
        self.insert(
            "INSERT INTO cohort (name, programme_type, first_day, last_day, default_team_size,
                coordinator_name, coordinator_phone, notes, created_at, updated_at, most_per_day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?9, ?8, ?8, ?10)",
            &[
                text(&cohort.name),
                text(&cohort.programme_type),
                cohort.first_day.map_or(Value::Null, date_value),
                cohort.last_day.map_or(Value::Null, date_value),
                Value::Integer(i64::from(cohort.default_team_size)),
                text(&cohort.coordinator_name),
                text(&cohort.coordinator_phone),
                Value::Text(self.now.clone()),
                text(&cohort.notes),
                cohort.most_per_day.map_or(Value::Null, |n| Value::Integer(i64::from(n))),
            ],
        )
        .map(CohortId)
    }

    pub fn team(&mut self, cohort: CohortId, name: &str, sort_order: i64) -> Result<TeamId, StoreError> {
        self.insert(
            "INSERT INTO team (cohort_id, name, sort_order) VALUES (?1, ?2, ?3)",
            &[Value::Integer(cohort.0), text(name), Value::Integer(sort_order)],
        )
        .map(TeamId)
    }

    pub fn participant(&mut self, p: &NewParticipant) -> Result<ParticipantId, StoreError> {
        self.insert(
            "INSERT INTO participant (cohort_id, team_id, name, preferred_name, profession_id, organisation_id,
                email, mobile, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            &[
                Value::Integer(p.cohort.0),
                opt_id(p.team.map(|t| t.0)),
                text(&p.name),
                text(&p.preferred_name),
                opt_id(p.profession.map(|p| p.0)),
                opt_id(p.organisation.map(|o| o.0)),
                text(&p.email),
                text(&p.mobile),
                Value::Text(self.now.clone()),
            ],
        )
        .map(ParticipantId)
    }

    pub fn placement(
        &mut self,
        team: TeamId,
        offer: Option<OfferId>,
        day: NaiveDate,
        status: PlacementStatus,
    ) -> Result<PlacementId, StoreError> {
        self.insert(
            "INSERT INTO placement (team_id, offer_id, day, status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            &[
                Value::Integer(team.0),
                opt_id(offer.map(|o| o.0)),
                date_value(day),
                Value::Text(status.code().to_owned()),
                Value::Text(self.now.clone()),
            ],
        )
        .map(PlacementId)
    }

    /// A placement's outcome.
    pub fn outcome(&mut self, placement: PlacementId, o: &crate::model::outcomes::Outcome) -> Result<(), StoreError> {
        self.insert(
            "INSERT INTO placement_outcome (placement_id, result, reason, hours, local_people, summary, \
             group_usefulness, group_host_again, group_comment, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            &[
                Value::Integer(placement.0),
                Value::Text(o.result.code().to_owned()),
                text(&o.reason),
                o.hours.map_or(Value::Null, Value::Real),
                o.local_people.map_or(Value::Null, |n| Value::Integer(i64::from(n))),
                text(&o.summary),
                o.group_usefulness.map_or(Value::Null, |n| Value::Integer(i64::from(n))),
                Value::Text(o.host_again.map_or("", crate::model::outcomes::HostAgain::code).to_owned()),
                text(&o.group_comment),
                Value::Text(self.now.clone()),
            ],
        )
        .map(|_| ())
    }

    /// A participant's feedback on a placement, with its ratings.
    pub fn feedback(&mut self, placement: PlacementId, f: &crate::model::outcomes::Feedback) -> Result<(), StoreError> {
        let id = self.insert(
            "INSERT INTO participant_feedback (placement_id, participant_id, learnt, differently, given_on, \
             created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            &[
                Value::Integer(placement.0),
                opt_id(f.participant.map(|p| p.0)),
                text(&f.learnt),
                text(&f.differently),
                f.given_on.map_or(Value::Null, date_value),
                Value::Text(self.now.clone()),
            ],
        )?;
        for (practice, rating) in &f.ratings {
            self.insert(
                "INSERT INTO feedback_rating (feedback_id, practice_id, rating) VALUES (?1, ?2, ?3)",
                &[Value::Integer(id), Value::Integer(practice.0), Value::Integer(i64::from(*rating))],
            )?;
        }
        Ok(())
    }
}

/// A participant to be added to a cohort.
#[derive(Clone, Debug, PartialEq)]
pub struct NewParticipant {
    pub cohort: CohortId,
    pub team: Option<TeamId>,
    pub name: String,
    pub preferred_name: String,
    pub profession: Option<ProfessionId>,
    pub organisation: Option<OrganisationId>,
    pub email: String,
    pub mobile: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The record's text is written as it is kept from the start: every text column trimmed
    /// and composed (an accent typed as a separate mark, as a Mac may save it, joined to its
    /// letter), whichever way the record was made.
    #[test]
    fn every_text_column_is_written_trimmed_and_composed() {
        let e = " Cafe\u{301} ".to_owned();
        let group = CommunityGroup {
            name: e.clone(),
            other_names: e.clone(),
            description: e.clone(),
            address_line1: e.clone(),
            address_line2: e.clone(),
            town: e.clone(),
            postcode: e.clone(),
            phone: e.clone(),
            email: e.clone(),
            website: e.clone(),
            contact_name: e.clone(),
            contact_role: e.clone(),
            contact_phone: e.clone(),
            contact_email: e.clone(),
            charity_number: e.clone(),
            company_number: e.clone(),
            other_identifier: e.clone(),
            accessibility: e.clone(),
            safeguarding_notes: e.clone(),
            notes: e,
            ..CommunityGroup::default()
        };
        let Ok((edit, _)) = GroupEdit::imported(group) else { panic!("a named group imports") };
        let texts: Vec<(&str, &str)> = group_values(&edit)
            .iter()
            .filter_map(|(name, cell)| match cell {
                Cell::Text(t) if *name != "status" => Some((*name, *t)),
                _ => None,
            })
            .collect();
        assert_eq!(texts.len(), 20);
        for (name, value) in texts {
            assert_eq!(value, "Café", "{name}");
        }
    }
}
