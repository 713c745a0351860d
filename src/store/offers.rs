//! Offers: reading them, checking them, and changing them. Each public change is one undo step.
//!
//! An offer's row holds its scalar fields; its extra and blackout days are rows of `offer_day`,
//! and what it practises rows of `offer_practice`. Saving an offer rewrites only the child rows
//! that differ, each through the recorder, so that undo restores exactly what was there.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::Row;
use rusqlite::types::Value;

use super::changes::Recorder;
use super::edits::Columns;
use super::edits::{date_value, now_text, opt_id, text, time_value};
use super::queries::{date, time};
use super::{ChangeSet, Store, StoreError};
use crate::model::availability::Availability;
use crate::model::text::join_present;
use crate::model::*;

impl super::edits::Columns for OfferEdit {
    fn columns(&self) -> Vec<(&'static str, Value)> {
        offer_columns(self.offer())
    }
}

pub(crate) fn offer_columns(o: &Offer) -> Vec<(&'static str, Value)> {
    vec![
        ("group_id", Value::Integer(o.group.0)),
        ("title", text(&o.title)),
        ("activity", text(&o.activity)),
        ("group_gains", text(&o.group_gains)),
        ("neighbourhood_id", opt_id(o.neighbourhood.map(|n| n.0))),
        ("address", text(&o.meeting_place.address)),
        ("town", text(&o.meeting_place.town)),
        ("postcode", text(&o.meeting_place.postcode)),
        ("travel", text(&o.travel)),
        ("site_access", text(&o.site_access)),
        ("first_date", date_value(o.when.first_date)),
        ("last_date", date_value(o.when.last_date)),
        ("weekdays", Value::Integer(i64::from(o.when.weekdays.0))),
        ("weekends_allowed", Value::Integer(i64::from(o.when.weekends_allowed))),
        ("bank_holidays_allowed", Value::Integer(i64::from(o.when.bank_holidays_allowed))),
        ("start_time", time_value(o.start_time)),
        ("finish_time", time_value(o.finish_time)),
        ("team_size_min", Value::Integer(i64::from(o.team_size_min))),
        ("team_size_max", Value::Integer(i64::from(o.team_size_max))),
        ("capacity", Value::Integer(i64::from(o.capacity))),
        ("tags", Value::Text(o.tags.join(", "))),
        ("dbs_required", Value::Integer(i64::from(o.dbs_required))),
        ("outdoor_clothing", Value::Integer(i64::from(o.outdoor_clothing))),
        ("what_to_bring", text(&o.what_to_bring)),
        ("requirements", text(&o.requirements)),
        ("day_contact_name", text(&o.day_contact_name)),
        ("day_contact_phone", text(&o.day_contact_phone)),
        ("status", Value::Text(o.status.code().to_owned())),
    ]
}

/// The columns [`offer_from_row`] reads, in its order.
const OFFER_COLUMNS: &str = "o.group_id, o.title, o.activity, o.group_gains, o.neighbourhood_id, o.address,
    o.travel, o.site_access, o.first_date, o.last_date, o.weekdays, o.weekends_allowed, o.bank_holidays_allowed,
    o.start_time, o.finish_time, o.team_size_min, o.team_size_max, o.capacity, o.tags, o.dbs_required,
    o.outdoor_clothing, o.what_to_bring, o.requirements, o.day_contact_name, o.day_contact_phone, o.status,
    o.town, o.postcode";
const OFFER_COLUMN_COUNT: usize = 28;

/// An offer's own row (its days and practices are filled in by the caller).
fn offer_from_row(r: &Row<'_>) -> rusqlite::Result<Offer> {
    Ok(Offer {
        group: GroupId(r.get(0)?),
        title: r.get(1)?,
        activity: r.get(2)?,
        group_gains: r.get(3)?,
        neighbourhood: r.get::<_, Option<i64>>(4)?.map(NeighbourhoodId),
        meeting_place: MeetingPlace { address: r.get(5)?, town: r.get(26)?, postcode: r.get(27)? },
        travel: r.get(6)?,
        site_access: r.get(7)?,
        when: Availability {
            first_date: date(r, 8)?,
            last_date: date(r, 9)?,
            weekdays: Weekdays(r.get::<_, u8>(10)?),
            extra_dates: Vec::new(),
            blackout_dates: Vec::new(),
            weekends_allowed: r.get(11)?,
            bank_holidays_allowed: r.get(12)?,
        },
        start_time: time(r, 13)?,
        finish_time: time(r, 14)?,
        team_size_min: r.get(15)?,
        team_size_max: r.get(16)?,
        capacity: r.get(17)?,
        practises: Vec::new(),
        tags: split_tags(&r.get::<_, String>(18)?),
        dbs_required: r.get(19)?,
        outdoor_clothing: r.get(20)?,
        what_to_bring: r.get(21)?,
        requirements: r.get(22)?,
        day_contact_name: r.get(23)?,
        day_contact_phone: r.get(24)?,
        status: OfferStatus::from_code(&r.get::<_, String>(25)?).unwrap_or_default(),
    })
}

/// Extra and blackout days, and practices, of every offer (or of one).
#[derive(Default)]
struct OfferChildren {
    extra: HashMap<i64, Vec<NaiveDate>>,
    blackout: HashMap<i64, Vec<NaiveDate>>,
    practises: HashMap<i64, Vec<PracticeId>>,
}

impl OfferChildren {
    fn fill(&mut self, id: i64, offer: &mut Availability, practises: &mut Vec<PracticeId>) {
        offer.extra_dates = self.extra.remove(&id).unwrap_or_default();
        offer.blackout_dates = self.blackout.remove(&id).unwrap_or_default();
        *practises = self.practises.remove(&id).unwrap_or_default();
    }
}

impl Store {
    /// Every group's id, name, charity number, other identifier, neighbourhood, and town and
    /// postcode in one line, for matching imported offers to groups.
    #[allow(clippy::type_complexity)]
    pub fn group_places(
        &self,
    ) -> Result<Vec<(GroupId, String, String, String, Option<NeighbourhoodId>, String)>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, name, charity_number, other_identifier, neighbourhood_id,
                    town, postcode
             FROM community_group WHERE NOT archived",
        )?;
        let rows = stmt.query_map([], |r| {
            let (town, postcode): (String, String) = (r.get(5)?, r.get(6)?);
            let place = join_present(&[&town, &postcode], ", ");
            Ok((
                GroupId(r.get(0)?),
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get::<_, Option<i64>>(4)?.map(NeighbourhoodId),
                place,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// (offer, group, title) of every offer, for spotting an offer imported twice.
    pub fn offer_titles(&self) -> Result<Vec<(OfferId, GroupId, String)>, StoreError> {
        let mut stmt = self.conn().prepare_cached("SELECT id, group_id, title FROM offer")?;
        let rows = stmt.query_map([], |r| Ok((OfferId(r.get(0)?), GroupId(r.get(1)?), r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Imports offers in one transaction (one undo step). `progress` is told how many rows are
    /// done and returns false to cancel, which leaves the file exactly as it was.
    pub fn import_offers(
        &mut self,
        label: &str,
        rows: &[ImportOffer],
        on_duplicate: OnDuplicate,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Result<(ImportCounts, ChangeSet), StoreError> {
        let mut counts = ImportCounts::default();
        if rows.is_empty() {
            // Nothing to import changes nothing, not a byte of the file.
            progress(0);
            return Ok((counts, ChangeSet::new(label)));
        }
        let change = self.edit(label, |rec| {
            let mut practices: HashMap<String, i64> = {
                let mut stmt = rec.conn().prepare("SELECT lower(name), id FROM practice")?;
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?
            };
            let now = now_text();
            for (done, row) in rows.iter().enumerate() {
                if done % 64 == 0 && !progress(done) {
                    return Err(StoreError::Cancelled);
                }
                let mut edit = row.edit.clone();
                for name in &row.new_practices {
                    let key = name.trim().to_lowercase();
                    let id = match practices.get(&key) {
                        Some(id) => *id,
                        None => {
                            let next: i64 = rec.conn().query_row(
                                "SELECT coalesce(max(sort_order), 0) + 1 FROM practice",
                                [],
                                |r| r.get(0),
                            )?;
                            let id = rec.insert(
                                "practice",
                                &[("name", Value::Text(name.trim().to_owned())), ("sort_order", Value::Integer(next))],
                            )?;
                            practices.insert(key, id);
                            id
                        }
                    };
                    edit.add_practice(PracticeId(id));
                }
                match (row.duplicate_of, on_duplicate) {
                    (Some(_), OnDuplicate::Skip) => counts.skipped += 1,
                    (Some(existing), OnDuplicate::Update) => {
                        update_offer_in(rec, existing, &edit, &now)?;
                        counts.updated += 1;
                    }
                    _ => {
                        insert_offer(rec, &edit, &now)?;
                        counts.imported += 1;
                    }
                }
            }
            progress(rows.len());
            Ok(())
        })?;
        Ok((counts, change))
    }

    fn offer_children(&self, only: Option<OfferId>) -> Result<OfferChildren, StoreError> {
        let mut children = OfferChildren::default();
        let filter = only.map_or(Value::Null, |o| Value::Integer(o.0));
        let mut stmt = self.conn().prepare_cached(
            "SELECT offer_id, day, kind FROM offer_day WHERE ?1 IS NULL OR offer_id = ?1 ORDER BY offer_id, day",
        )?;
        let mut rows = stmt.query([&filter])?;
        while let Some(row) = rows.next()? {
            let (offer, day, kind): (i64, NaiveDate, String) = (row.get(0)?, date(row, 1)?, row.get(2)?);
            let list = if kind == "extra" { &mut children.extra } else { &mut children.blackout };
            list.entry(offer).or_default().push(day);
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT op.offer_id, op.practice_id FROM offer_practice op JOIN practice p ON p.id = op.practice_id
             WHERE ?1 IS NULL OR op.offer_id = ?1 ORDER BY op.offer_id, p.sort_order, p.id",
        )?;
        let mut rows = stmt.query([&filter])?;
        while let Some(row) = rows.next()? {
            children.practises.entry(row.get(0)?).or_default().push(PracticeId(row.get(1)?));
        }
        Ok(children)
    }

    /// One offer, whole.
    pub fn offer(&self, id: OfferId) -> Result<Offer, StoreError> {
        let mut stmt = self.conn().prepare_cached(&format!("SELECT {OFFER_COLUMNS} FROM offer o WHERE o.id = ?1"))?;
        let mut rows = stmt.query([id.0])?;
        let Some(row) = rows.next()? else {
            return Err(StoreError::Missing("That offer"));
        };
        let mut offer = offer_from_row(row)?;
        let mut practises = Vec::new();
        self.offer_children(Some(id))?.fill(id.0, &mut offer.when, &mut practises);
        offer.practises = practises;
        Ok(offer)
    }

    /// Every offer with its group's and neighbourhood's names and the placements made on it,
    /// by first day.
    pub fn offer_summaries(&self) -> Result<Vec<OfferSummary>, StoreError> {
        let mut children = self.offer_children(None)?;
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {OFFER_COLUMNS}, o.id, g.name, coalesce(n.name, ''),
                    (SELECT count(*) FROM placement p WHERE p.offer_id = o.id AND p.status != 'cancelled')
             FROM offer o JOIN community_group g ON g.id = o.group_id
             LEFT JOIN neighbourhood n ON n.id = o.neighbourhood_id
             ORDER BY o.first_date, g.name COLLATE NOCASE, o.id"
        ))?;
        let mut rows = stmt.query([])?;
        let mut summaries = Vec::new();
        while let Some(r) = rows.next()? {
            let mut offer = offer_from_row(r)?;
            let id: i64 = r.get(OFFER_COLUMN_COUNT)?;
            let mut practises = Vec::new();
            children.fill(id, &mut offer.when, &mut practises);
            summaries.push(OfferSummary {
                id: OfferId(id),
                group: offer.group,
                group_name: r.get(OFFER_COLUMN_COUNT + 1)?,
                title: offer.title,
                neighbourhood_id: offer.neighbourhood,
                neighbourhood: r.get(OFFER_COLUMN_COUNT + 2)?,
                meeting_place: offer.meeting_place,
                when: offer.when,
                team_size_min: offer.team_size_min,
                team_size_max: offer.team_size_max,
                capacity: offer.capacity,
                placed: r.get(OFFER_COLUMN_COUNT + 3)?,
                practises,
                tags: offer.tags,
                status: offer.status,
            });
        }
        Ok(summaries)
    }

    /// How many offers have each status, every status named (with 0 when none).
    pub fn offers_by_status(&self) -> Result<BTreeMap<&'static str, u64>, StoreError> {
        let mut counts: BTreeMap<&'static str, u64> = OfferStatus::ALL.iter().map(|s| (s.code(), 0)).collect();
        let mut stmt = self.conn().prepare_cached("SELECT status, count(*) FROM offer GROUP BY status")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            if let Some(status) = OfferStatus::from_code(&row.get::<_, String>(0)?) {
                counts.insert(status.code(), row.get::<_, i64>(1)?.max(0) as u64);
            }
        }
        Ok(counts)
    }

    /// The programme's list of what offers let a team practise, in its order.
    pub fn practices(&self) -> Result<Vec<Practice>, StoreError> {
        let mut stmt = self.conn().prepare_cached("SELECT id, name FROM practice ORDER BY sort_order, id")?;
        let rows = stmt.query_map([], |r| Ok(Practice { id: PracticeId(r.get(0)?), name: r.get(1)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds a practice to the end of the list (one undo step).
    pub fn add_practice(&mut self, name: &str) -> Result<ChangeSet, StoreError> {
        let name = checked_practice_name(name)?;
        self.edit(format!("Add practice {name}"), |rec| {
            let next: i64 =
                rec.conn().query_row("SELECT coalesce(max(sort_order), 0) + 1 FROM practice", [], |r| r.get(0))?;
            rec.insert("practice", &[("name", Value::Text(name.clone())), ("sort_order", Value::Integer(next))])
                .map(|_| ())
        })
        .map_err(|e| e.named_duplicate("practice", &name))
    }

    /// Renames a practice (one undo step); offers that name it follow.
    pub fn rename_practice(&mut self, id: PracticeId, name: &str) -> Result<ChangeSet, StoreError> {
        let name = checked_practice_name(name)?;
        self.edit(format!("Rename practice to {name}"), |rec| {
            if rec.update("practice", id.0, &[("name", Value::Text(name.clone()))])? {
                Ok(())
            } else {
                Err(StoreError::Missing("That practice"))
            }
        })
        .map_err(|e| e.named_duplicate("practice", &name))
    }

    /// Adds an offer (one undo step) and returns its id.
    pub fn add_offer(&mut self, offer: &OfferEdit) -> Result<(OfferId, ChangeSet), StoreError> {
        let mut new_id = OfferId(0);
        let change = self.edit(format!("Add offer {}", offer.offer().title.trim()), |rec| {
            new_id = insert_offer(rec, offer, &now_text())?;
            Ok(())
        })?;
        Ok((new_id, change))
    }

    /// Saves an offer, its days and its practices (one undo step).
    pub fn update_offer(&mut self, id: OfferId, offer: &OfferEdit) -> Result<ChangeSet, StoreError> {
        self.edit(format!("Edit offer {}", offer.offer().title.trim()), |rec| {
            update_offer_in(rec, id, offer, &now_text())
        })
    }

    /// Deletes an offer that no team is placed on (one undo step). Offers with placements are
    /// withdrawn instead, so that the placements keep their history.
    pub fn delete_offer(&mut self, id: OfferId) -> Result<ChangeSet, StoreError> {
        let title = self.offer(id)?.title;
        self.edit(format!("Delete offer {title}"), |rec| {
            let placed: i64 =
                rec.conn().query_row("SELECT count(*) FROM placement WHERE offer_id = ?1", [id.0], |r| r.get(0))?;
            if placed > 0 {
                return Err(StoreError::OfferInUse(title.clone()));
            }
            set_offer_children(rec, id, &blank(), &[])?;
            if rec.delete("offer", id.0)? { Ok(()) } else { Err(StoreError::Missing("That offer")) }
        })
    }
}

fn blank() -> Availability {
    Availability {
        first_date: NaiveDate::MIN,
        last_date: NaiveDate::MIN,
        weekdays: Weekdays(0),
        extra_dates: Vec::new(),
        blackout_dates: Vec::new(),
        weekends_allowed: false,
        bank_holidays_allowed: false,
    }
}

fn checked_practice_name(name: &str) -> Result<String, StoreError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::NameNeeded("practice"));
    }
    Ok(name.to_owned())
}

pub(crate) fn insert_offer(rec: &mut Recorder<'_>, offer: &OfferEdit, now: &str) -> Result<OfferId, StoreError> {
    let mut columns = offer.columns();
    columns.push(("created_at", Value::Text(now.to_owned())));
    columns.push(("updated_at", Value::Text(now.to_owned())));
    let id = OfferId(rec.insert("offer", &columns)?);
    set_offer_children(rec, id, &offer.offer().when, &offer.offer().practises)?;
    Ok(id)
}

pub(crate) fn update_offer_in(
    rec: &mut Recorder<'_>,
    id: OfferId,
    offer: &OfferEdit,
    now: &str,
) -> Result<(), StoreError> {
    let mut columns = offer.columns();
    columns.push(("updated_at", Value::Text(now.to_owned())));
    if !rec.update("offer", id.0, &columns)? {
        return Err(StoreError::Missing("That offer"));
    }
    set_offer_children(rec, id, &offer.offer().when, &offer.offer().practises)
}

/// Makes an offer's day and practice rows exactly these, recording each row added or removed.
fn set_offer_children(
    rec: &mut Recorder<'_>,
    id: OfferId,
    when: &Availability,
    practises: &[PracticeId],
) -> Result<(), StoreError> {
    let days: Vec<Vec<Value>> = when
        .extra_dates
        .iter()
        .map(|d| (d, "extra"))
        .chain(when.blackout_dates.iter().map(|d| (d, "blackout")))
        .map(|(day, kind)| vec![date_value(*day), Value::Text(kind.to_owned())])
        .collect();
    rec.set_children("offer_day", "offer_id", id.0, &["day", "kind"], &days)?;
    let practises: Vec<Vec<Value>> = practises.iter().map(|p| vec![Value::Integer(p.0)]).collect();
    rec.set_children("offer_practice", "offer_id", id.0, &["practice_id"], &practises)
}
