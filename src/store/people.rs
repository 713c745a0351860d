//! Cohorts and their participants: checked records, the organisation and profession lists,
//! importing a roster, and removing personal details after a programme. Each public change is
//! one undo step.

use std::collections::HashMap;

use rusqlite::types::Value;

use super::changes::Recorder;
use super::edits::Columns;
use super::edits::{date_value, now_text, opt_id, text};
use super::queries::opt_date;
use super::{ChangeSet, Store, StoreError};
use crate::model::*;

impl super::edits::Columns for CohortEdit {
    fn columns(&self) -> Vec<(&'static str, Value)> {
        let c = self.cohort();
        vec![
            ("name", text(&c.name)),
            ("programme_type", text(&c.programme_type)),
            ("first_day", c.first_day.map_or(Value::Null, date_value)),
            ("last_day", c.last_day.map_or(Value::Null, date_value)),
            ("default_team_size", Value::Integer(i64::from(c.default_team_size))),
            ("most_per_day", c.most_per_day.map_or(Value::Null, |n| Value::Integer(i64::from(n)))),
            ("coordinator_name", text(&c.coordinator_name)),
            ("coordinator_phone", text(&c.coordinator_phone)),
            ("notes", text(&c.notes)),
        ]
    }
}

impl super::edits::Columns for ParticipantEdit {
    fn columns(&self) -> Vec<(&'static str, Value)> {
        let p = self.participant();
        vec![
            ("cohort_id", Value::Integer(p.cohort.0)),
            ("name", text(&p.name)),
            ("preferred_name", text(&p.preferred_name)),
            ("profession_id", opt_id(p.profession.map(|x| x.0))),
            ("organisation_id", opt_id(p.organisation.map(|x| x.0))),
            ("email", text(&p.email)),
            ("mobile", text(&p.mobile)),
            ("access_needs", text(&p.access_needs)),
            ("emergency_contact_name", text(&p.emergency_contact_name)),
            ("emergency_contact_phone", text(&p.emergency_contact_phone)),
            ("notes", text(&p.notes)),
        ]
    }
}

/// What "Remove personal data…" left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Removed {
    pub participants: usize,
}

impl Store {
    /// Adds a cohort (one undo step).
    pub fn add_cohort(&mut self, cohort: &CohortEdit) -> Result<(CohortId, ChangeSet), StoreError> {
        let mut id = CohortId(0);
        let change = self
            .edit(format!("Add cohort {}", cohort.cohort().name.trim()), |rec| {
                let now = Value::Text(now_text());
                let mut columns = cohort.columns();
                columns.push(("created_at", now.clone()));
                columns.push(("updated_at", now));
                id = CohortId(rec.insert("cohort", &columns)?);
                Ok(())
            })
            .map_err(|e| e.named_duplicate("cohort", &cohort.cohort().name))?;
        Ok((id, change))
    }

    /// Saves a cohort's record (one undo step).
    pub fn update_cohort(&mut self, id: CohortId, cohort: &CohortEdit) -> Result<ChangeSet, StoreError> {
        self.edit(format!("Edit cohort {}", cohort.cohort().name.trim()), |rec| {
            let mut columns = cohort.columns();
            columns.push(("updated_at", Value::Text(now_text())));
            if rec.update("cohort", id.0, &columns)? { Ok(()) } else { Err(StoreError::Missing("That cohort")) }
        })
        .map_err(|e| e.named_duplicate("cohort", &cohort.cohort().name))
    }

    /// One participant, whole.
    pub fn participant(&self, id: ParticipantId) -> Result<Participant, StoreError> {
        let mut participant = self
            .conn()
            .query_row(
                "SELECT cohort_id, name, preferred_name, profession_id, organisation_id, email, mobile, access_needs,
                        emergency_contact_name, emergency_contact_phone, notes
                 FROM participant WHERE id = ?1",
                [id.0],
                |r| {
                    Ok(Participant {
                        cohort: CohortId(r.get(0)?),
                        name: r.get(1)?,
                        preferred_name: r.get(2)?,
                        profession: r.get::<_, Option<i64>>(3)?.map(ProfessionId),
                        organisation: r.get::<_, Option<i64>>(4)?.map(OrganisationId),
                        email: r.get(5)?,
                        mobile: r.get(6)?,
                        unavailable: Vec::new(),
                        access_needs: r.get(7)?,
                        emergency_contact_name: r.get(8)?,
                        emergency_contact_phone: r.get(9)?,
                        notes: r.get(10)?,
                    })
                },
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => StoreError::Missing("That participant"),
                e => e.into(),
            })?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT first_day, last_day FROM participant_unavailable WHERE participant_id = ?1 ORDER BY first_day, id",
        )?;
        let rows = stmt.query_map([id.0], |r| Ok((opt_date(r, 0)?, opt_date(r, 1)?)))?;
        for row in rows {
            if let (Some(first), Some(last)) = row? {
                participant.unavailable.push(DaySpan { first, last });
            }
        }
        Ok(participant)
    }

    /// Adds a participant to their cohort (one undo step).
    pub fn add_participant(&mut self, p: &ParticipantEdit) -> Result<(ParticipantId, ChangeSet), StoreError> {
        let mut id = ParticipantId(0);
        let change = self.edit(format!("Add {}", p.participant().name.trim()), |rec| {
            id = insert_participant(rec, p, &now_text())?;
            Ok(())
        })?;
        Ok((id, change))
    }

    /// Saves a participant's record and unavailable days (one undo step).
    pub fn update_participant(&mut self, id: ParticipantId, p: &ParticipantEdit) -> Result<ChangeSet, StoreError> {
        self.edit(format!("Edit {}", p.participant().name.trim()), |rec| update_participant_in(rec, id, p, &now_text()))
    }

    /// Takes a participant off the roster (one undo step).
    pub fn delete_participant(&mut self, id: ParticipantId) -> Result<ChangeSet, StoreError> {
        let name = self.participant(id)?.name;
        self.edit(format!("Remove {name}"), |rec| {
            set_unavailable(rec, id, &[])?;
            super::outcomes::delete_feedback_of_participant(rec, id)?;
            if rec.delete("participant", id.0)? { Ok(()) } else { Err(StoreError::Missing("That participant")) }
        })
    }

    /// The organisations list, by name.
    pub fn organisations(&self) -> Result<Vec<Named<OrganisationId>>, StoreError> {
        self.named_list("SELECT id, name FROM organisation ORDER BY name COLLATE NOCASE", OrganisationId)
    }

    /// The professions list, by name.
    pub fn professions(&self) -> Result<Vec<Named<ProfessionId>>, StoreError> {
        self.named_list("SELECT id, name FROM profession ORDER BY name COLLATE NOCASE", ProfessionId)
    }

    fn named_list<I>(&self, sql: &str, id: fn(i64) -> I) -> Result<Vec<Named<I>>, StoreError> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map([], |r| Ok(Named { id: id(r.get(0)?), name: r.get(1)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds a name to the organisations (`organisation`) or professions (`profession`) list.
    pub fn add_to_people_list(&mut self, list: PeopleList, name: &str) -> Result<ChangeSet, StoreError> {
        let table = list;
        let name = checked_name(name)?;
        self.edit(format!("Add {name}"), |rec| {
            rec.insert(table.table(), &[("name", Value::Text(name.clone()))]).map(|_| ())
        })
        .map_err(|e| e.named_duplicate(table.table(), &name))
    }

    /// Renames an organisation or profession; everyone with it follows.
    pub fn rename_in_people_list(&mut self, item: PeopleListItem, name: &str) -> Result<ChangeSet, StoreError> {
        let name = checked_name(name)?;
        let (table, id) = match item {
            PeopleListItem::Organisation(id) => (PeopleList::Organisation, id.0),
            PeopleListItem::Profession(id) => (PeopleList::Profession, id.0),
        };
        self.edit(format!("Rename to {name}"), |rec| {
            if rec.update(table.table(), id, &[("name", Value::Text(name.clone()))])? {
                Ok(())
            } else {
                Err(StoreError::Missing("That name"))
            }
        })
        .map_err(|e| e.named_duplicate(table.table(), &name))
    }

    /// (participant, email) of everyone on a cohort, for spotting a roster imported twice.
    pub fn participant_emails(&self, cohort: CohortId) -> Result<Vec<(ParticipantId, String)>, StoreError> {
        let mut stmt = self.conn().prepare_cached("SELECT id, email FROM participant WHERE cohort_id = ?1")?;
        let rows = stmt.query_map([cohort.0], |r| Ok((ParticipantId(r.get(0)?), r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Imports a roster into a cohort in one transaction (one undo step); duplicates are those
    /// with the same email address. `progress` returns false to cancel, leaving the file as it was.
    pub fn import_participants(
        &mut self,
        label: &str,
        rows: &[ImportParticipant],
        new_cohort: Option<&CohortEdit>,
        on_duplicate: OnDuplicate,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Result<(ImportCounts, ChangeSet), StoreError> {
        let mut counts = ImportCounts::default();
        if rows.is_empty() {
            // Nothing to import makes nothing: no cohort, no byte of the file changed.
            progress(0);
            return Ok((counts, ChangeSet::new(label)));
        }
        let change = self.edit(label, |rec| {
            let made = match new_cohort {
                Some(cohort) => {
                    let now = Value::Text(now_text());
                    let mut columns = cohort.columns();
                    columns.push(("created_at", now.clone()));
                    columns.push(("updated_at", now));
                    Some(CohortId(rec.insert("cohort", &columns)?))
                }
                None => None,
            };
            let read = |rec: &Recorder<'_>, sql: &str| -> Result<HashMap<String, i64>, StoreError> {
                let mut stmt = rec.conn().prepare(sql)?;
                let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?.to_lowercase(), r.get::<_, i64>(1)?)))?;
                Ok(rows.collect::<Result<_, _>>()?)
            };
            let mut lists = [
                (PeopleList::Organisation, read(rec, "SELECT name, id FROM organisation")?),
                (PeopleList::Profession, read(rec, "SELECT name, id FROM profession")?),
            ];
            let now = now_text();
            for (done, row) in rows.iter().enumerate() {
                if done % 64 == 0 && !progress(done) {
                    return Err(StoreError::Cancelled);
                }
                let mut edit = row.edit.clone();
                if let Some(cohort) = made {
                    edit.move_to(cohort);
                }
                for (i, name) in [&row.organisation, &row.profession].into_iter().enumerate() {
                    let Some(name) = name.as_deref().map(str::trim).filter(|n| !n.is_empty()) else { continue };
                    let (list, known) = &mut lists[i];
                    let id = match known.get(&name.to_lowercase()) {
                        Some(id) => *id,
                        None => {
                            let id = rec.insert(list.table(), &[("name", Value::Text(name.to_owned()))])?;
                            known.insert(name.to_lowercase(), id);
                            id
                        }
                    };
                    match list {
                        PeopleList::Organisation => edit.set_organisation(Some(OrganisationId(id))),
                        PeopleList::Profession => edit.set_profession(Some(ProfessionId(id))),
                    }
                }
                match (row.duplicate_of, on_duplicate) {
                    (Some(_), OnDuplicate::Skip) => counts.skipped += 1,
                    (Some(existing), OnDuplicate::Update) => {
                        update_participant_in(rec, existing, &edit, &now)?;
                        counts.updated += 1;
                    }
                    _ => {
                        insert_participant(rec, &edit, &now)?;
                        counts.imported += 1;
                    }
                }
            }
            progress(rows.len());
            Ok(())
        });
        let change = match (change, new_cohort) {
            (Err(e), Some(cohort)) => return Err(e.named_duplicate("cohort", &cohort.cohort().name)),
            (change, _) => change?,
        };
        Ok((counts, change))
    }

    /// After a programme: blanks every participant's email, mobile, unavailable days, access
    /// needs, emergency contact and notes, and (unless names are kept) replaces names with
    /// "Participant N". The rows, their organisations, professions and teams stay, so counts and
    /// reports still add up. One undo step; with secure delete on, the old values are overwritten
    /// in the file.
    pub fn remove_personal_data(
        &mut self,
        cohort: CohortId,
        names: KeepNames,
    ) -> Result<(Removed, ChangeSet), StoreError> {
        let people = self.participants(cohort)?;
        let today = chrono::Local::now().date_naive();
        let change = self.edit("Remove personal data", |rec| {
            for (n, person) in people.iter().enumerate() {
                set_unavailable(rec, person.id, &[])?;
                super::outcomes::unname_feedback_of(rec, person.id)?;
                let mut columns = vec![
                    ("preferred_name", Value::Text(String::new())),
                    ("email", Value::Text(String::new())),
                    ("mobile", Value::Text(String::new())),
                    ("access_needs", Value::Text(String::new())),
                    ("emergency_contact_name", Value::Text(String::new())),
                    ("emergency_contact_phone", Value::Text(String::new())),
                    ("notes", Value::Text(String::new())),
                ];
                if names == KeepNames::No {
                    columns.push(("name", Value::Text(format!("Participant {}", n + 1))));
                }
                rec.update("participant", person.id.0, &columns)?;
            }
            rec.update("cohort", cohort.0, &[("personal_data_removed_on", date_value(today))])?;
            Ok(())
        })?;
        // Nor may the images kept for colleagues' copies hold them (see `store::sharing`).
        let mut columns = vec![
            "preferred_name",
            "email",
            "mobile",
            "access_needs",
            "emergency_contact_name",
            "emergency_contact_phone",
            "notes",
        ];
        if names == KeepNames::No {
            columns.push("name");
        }
        let ids: Vec<i64> = people.iter().map(|p| p.id.0).collect();
        self.scrub_shared_copies(&ids, &columns)?;
        Ok((Removed { participants: people.len() }, change))
    }
}

/// Whether "Remove personal data" keeps participants' names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeepNames {
    /// Names become "Participant 1", "Participant 2"…
    #[default]
    No,
    Yes,
}

/// One name on one of the roster's lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeopleListItem {
    Organisation(OrganisationId),
    Profession(ProfessionId),
}

/// The two editable lists of the roster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeopleList {
    Organisation,
    Profession,
}

impl PeopleList {
    fn table(self) -> &'static str {
        match self {
            Self::Organisation => "organisation",
            Self::Profession => "profession",
        }
    }
}

fn checked_name(name: &str) -> Result<String, StoreError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::NameNeeded("name"));
    }
    Ok(name.to_owned())
}

fn insert_participant(rec: &mut Recorder<'_>, p: &ParticipantEdit, now: &str) -> Result<ParticipantId, StoreError> {
    let mut columns = p.columns();
    columns.push(("created_at", Value::Text(now.to_owned())));
    columns.push(("updated_at", Value::Text(now.to_owned())));
    let id = ParticipantId(rec.insert("participant", &columns)?);
    set_unavailable(rec, id, &p.participant().unavailable)?;
    Ok(id)
}

fn update_participant_in(
    rec: &mut Recorder<'_>,
    id: ParticipantId,
    p: &ParticipantEdit,
    now: &str,
) -> Result<(), StoreError> {
    let mut columns = p.columns();
    columns.push(("updated_at", Value::Text(now.to_owned())));
    if !rec.update("participant", id.0, &columns)? {
        return Err(StoreError::Missing("That participant"));
    }
    set_unavailable(rec, id, &p.participant().unavailable)
}

/// Makes a participant's unavailable days exactly `spans`, recording each row added or removed.
fn set_unavailable(rec: &mut Recorder<'_>, id: ParticipantId, spans: &[DaySpan]) -> Result<(), StoreError> {
    let wanted: Vec<Vec<Value>> = spans.iter().map(|s| vec![date_value(s.first), date_value(s.last)]).collect();
    rec.set_children("participant_unavailable", "participant_id", id.0, &["first_day", "last_day"], &wanted)
}
