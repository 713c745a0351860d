//! Reading the document: counts and the lists the panels show.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Row;

use super::{Store, StoreError};
use crate::model::*;

/// The columns [`group_from_row`] reads, in its order.
const GROUP_COLUMNS: &str = "community_group.name, other_names, description, community_group.neighbourhood_id,
    address_line1, address_line2, town, postcode, phone, email, website, contact_name, contact_role,
    contact_phone, contact_email, charity_number, company_number, other_identifier, status,
    accessibility, safeguarding_notes, notes, archived, consent_to_contact, consent_date, last_verified";
const GROUP_COLUMN_COUNT: usize = 26;

fn group_from_row(r: &Row<'_>) -> rusqlite::Result<CommunityGroup> {
    Ok(CommunityGroup {
        name: r.get(0)?,
        other_names: r.get(1)?,
        description: r.get(2)?,
        neighbourhood: r.get::<_, Option<i64>>(3)?.map(NeighbourhoodId),
        address_line1: r.get(4)?,
        address_line2: r.get(5)?,
        town: r.get(6)?,
        postcode: r.get(7)?,
        phone: r.get(8)?,
        email: r.get(9)?,
        website: r.get(10)?,
        contact_name: r.get(11)?,
        contact_role: r.get(12)?,
        contact_phone: r.get(13)?,
        contact_email: r.get(14)?,
        charity_number: r.get(15)?,
        company_number: r.get(16)?,
        other_identifier: r.get(17)?,
        status: GroupStatus::from_code(&r.get::<_, String>(18)?).unwrap_or_default(),
        accessibility: r.get(19)?,
        safeguarding_notes: r.get(20)?,
        notes: r.get(21)?,
        archived: r.get(22)?,
        consent_to_contact: r.get(23)?,
        consent_date: opt_date(r, 24)?,
        last_verified: opt_date(r, 25)?,
        categories: Vec::new(),
    })
}

/// A `YYYY-MM-DD` column.
pub(super) fn date(row: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(i)?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
}

/// A `HH:MM` column.
pub(super) fn time(row: &Row<'_>, i: usize) -> rusqlite::Result<chrono::NaiveTime> {
    let text: String = row.get(i)?;
    chrono::NaiveTime::parse_from_str(&text, "%H:%M")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
}

/// A `YYYY-MM-DD` column that may be empty (or not a date: then it reads as empty).
pub(super) fn opt_date(row: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(i)?;
    Ok(text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok()))
}

impl Store {
    pub fn counts(&self) -> Result<Counts, StoreError> {
        let count = |table: &str| -> Result<u64, StoreError> {
            Ok(self.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(Counts {
            groups: count("community_group")?,
            offers: count("offer")?,
            cohorts: count("cohort")?,
            participants: count("participant")?,
            teams: count("team")?,
            placements: count("placement")?,
        })
    }

    pub fn neighbourhoods(&self) -> Result<Vec<Neighbourhood>, StoreError> {
        let mut stmt = self.conn().prepare_cached("SELECT id, name FROM neighbourhood ORDER BY sort_order, name")?;
        let rows = stmt.query_map([], |r| Ok(Neighbourhood { id: NeighbourhoodId(r.get(0)?), name: r.get(1)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every group, in folded-name order, as the directory lists them, with their categories.
    pub fn group_summaries(&self) -> Result<Vec<GroupSummary>, StoreError> {
        let mut categories: HashMap<i64, Vec<CategoryId>> = HashMap::new();
        let mut stmt = self.conn().prepare_cached("SELECT group_id, category_id FROM group_category ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            categories.entry(row.get(0)?).or_default().push(CategoryId(row.get(1)?));
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT g.id, g.name, g.neighbourhood_id, coalesce(n.name, ''), g.town, g.postcode, g.phone, g.status,
                    g.archived, g.last_verified, g.other_names, g.contact_name, g.charity_number,
                    g.company_number, g.other_identifier
             FROM community_group g LEFT JOIN neighbourhood n ON n.id = g.neighbourhood_id",
        )?;
        // Each neighbourhood's name once, shared by its groups.
        let mut hood_names: HashMap<String, std::sync::Arc<str>> = HashMap::new();
        let mut hood_name = |name: String| -> std::sync::Arc<str> {
            hood_names.entry(name).or_insert_with_key(|name| std::sync::Arc::from(name.as_str())).clone()
        };
        let mut rows = stmt.query([])?;
        let mut groups: Vec<GroupSummary> = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let text = |i| r.get_ref(i).map(|v| v.as_str().unwrap_or_default());
            let (name, postcode) = (text(1)?, text(5)?);
            let identifiers = [text(12)?, text(13)?, text(14)?].join(" ");
            let other_keys = crate::model::search::fold_fields([text(10)?, text(11)?, postcode, identifiers.as_str()]);
            groups.push(GroupSummary::new(GroupSummaryParts {
                id: GroupId(id),
                name,
                town: text(4)?,
                postcode,
                phone: text(6)?,
                other_keys: &other_keys,
                neighbourhood_id: r.get::<_, Option<i64>>(2)?.map(NeighbourhoodId),
                neighbourhood: hood_name(r.get(3)?),
                status: GroupStatus::from_code(text(7)?).unwrap_or_default(),
                archived: r.get(8)?,
                last_verified: opt_date(r, 9)?,
                categories: categories.remove(&id).unwrap_or_default(),
            }));
        }
        // Folded-name order, so that the directory's default order needs no sorting. The rows are
        // read in the table's order and sorted here: SQLite's sort of 400,000 whole rows took
        // half the list's time. A search reads the list's texts from its own copy laid out in
        // list order (`SearchText`), so where each group's texts lie does not slow it.
        groups.sort_by(|a, b| a.name_key().cmp(b.name_key()).then(a.id.cmp(&b.id)));
        Ok(groups)
    }

    /// The editable list of categories, by name.
    pub fn categories(&self) -> Result<Vec<Category>, StoreError> {
        let mut stmt = self.conn().prepare_cached("SELECT id, name FROM category ORDER BY name COLLATE NOCASE")?;
        let rows = stmt.query_map([], |r| Ok(Category { id: CategoryId(r.get(0)?), name: r.get(1)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Each group whose long fields have a word starting with one of `spellings`, through the
    /// file's word index (`group_text`): the description, the contact's role, the email
    /// addresses and phone numbers; accents are ignored, and spellings shorter than three
    /// letters are skipped. `found` is told each (a group may be told twice). The short fields
    /// (name, other names, contact's name, postcode, identifiers) are searched in the
    /// directory's list instead: see [`super::find_groups`].
    pub fn search_text(&self, spellings: &[String], mut found: impl FnMut(GroupId)) -> Result<(), StoreError> {
        let quote = |w: &str| format!("\"{}\"", w.replace('"', "\"\""));
        let mut stmt = self.conn().prepare_cached("SELECT rowid FROM group_text WHERE group_text MATCH ?1")?;
        for word in spellings.iter().filter(|w| w.chars().count() >= 3) {
            let mut rows = stmt.query([format!("{} *", quote(word))])?;
            while let Some(row) = rows.next()? {
                found(GroupId(row.get(0)?));
            }
        }
        Ok(())
    }

    pub fn group(&self, id: GroupId) -> Result<CommunityGroup, StoreError> {
        let mut stmt =
            self.conn().prepare_cached(&format!("SELECT {GROUP_COLUMNS} FROM community_group WHERE id = ?1"))?;
        let mut rows = stmt.query([id.0])?;
        let Some(r) = rows.next()? else { return Err(StoreError::Missing("That group")) };
        let mut group = group_from_row(r)?;
        let mut stmt =
            self.conn().prepare_cached("SELECT category_id FROM group_category WHERE group_id = ?1 ORDER BY id")?;
        group.categories = stmt.query_map([id.0], |r| r.get(0).map(CategoryId))?.collect::<Result<_, _>>()?;
        Ok(group)
    }

    /// When a group's record was made and last changed, as stored (`2026-11-22 14:05:33`).
    pub fn group_times(&self, id: GroupId) -> Result<(String, String), StoreError> {
        Ok(self.conn().query_row("SELECT created_at, updated_at FROM community_group WHERE id = ?1", [id.0], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?)
    }

    /// The offers a group has made, for its detail pane.
    pub fn offers_of_group(&self, id: GroupId) -> Result<Vec<(OfferId, String, NaiveDate, NaiveDate)>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, title, first_date, last_date FROM offer WHERE group_id = ?1 ORDER BY first_date, id",
        )?;
        let rows = stmt.query_map([id.0], |r| Ok((OfferId(r.get(0)?), r.get(1)?, date(r, 2)?, date(r, 3)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every group with its neighbourhood's and categories' names, in name order, for export.
    pub fn group_records(&self) -> Result<Vec<GroupRecord>, StoreError> {
        let mut categories: HashMap<i64, Vec<String>> = HashMap::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT gc.group_id, c.name FROM group_category gc JOIN category c ON c.id = gc.category_id
             ORDER BY gc.group_id, c.name COLLATE NOCASE",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            categories.entry(row.get(0)?).or_default().push(row.get(1)?);
        }
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {GROUP_COLUMNS}, community_group.id, coalesce(n.name, '') FROM community_group
             LEFT JOIN neighbourhood n ON n.id = community_group.neighbourhood_id
             ORDER BY community_group.name COLLATE NOCASE, community_group.id"
        ))?;
        let rows = stmt.query_map([], |r| {
            let id: i64 = r.get(GROUP_COLUMN_COUNT)?;
            Ok(GroupRecord {
                id: GroupId(id),
                group: group_from_row(r)?,
                neighbourhood: r.get(GROUP_COLUMN_COUNT + 1)?,
                categories: categories.get(&id).cloned().unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The categories a group is filed under, by name.
    pub fn group_categories(&self, id: GroupId) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.name FROM group_category gc JOIN category c ON c.id = gc.category_id
             WHERE gc.group_id = ?1 ORDER BY c.name",
        )?;
        let rows = stmt.query_map([id.0], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn cohorts(&self) -> Result<Vec<Cohort>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, name, programme_type, first_day, last_day, default_team_size, coordinator_name, coordinator_phone,
                    notes, personal_data_removed_on, most_per_day
             FROM cohort ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Cohort {
                id: CohortId(r.get(0)?),
                name: r.get(1)?,
                programme_type: r.get(2)?,
                first_day: opt_date(r, 3)?,
                last_day: opt_date(r, 4)?,
                default_team_size: r.get(5)?,
                coordinator_name: r.get(6)?,
                coordinator_phone: r.get(7)?,
                notes: r.get(8)?,
                personal_data_removed_on: opt_date(r, 9)?,
                most_per_day: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn participants(&self, cohort: CohortId) -> Result<Vec<ParticipantSummary>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.id, p.name, coalesce(pr.name, ''), coalesce(o.name, ''), p.team_id
             FROM participant p LEFT JOIN profession pr ON pr.id = p.profession_id
             LEFT JOIN organisation o ON o.id = p.organisation_id
             WHERE p.cohort_id = ?1 ORDER BY p.name COLLATE NOCASE, p.id",
        )?;
        let rows = stmt.query_map([cohort.0], |r| {
            Ok(ParticipantSummary {
                id: ParticipantId(r.get(0)?),
                name: r.get(1)?,
                profession: r.get(2)?,
                organisation: r.get(3)?,
                team: r.get::<_, Option<i64>>(4)?.map(TeamId),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn teams(&self, cohort: CohortId) -> Result<Vec<Team>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, cohort_id, name, locked FROM team WHERE cohort_id = ?1 ORDER BY sort_order, id",
        )?;
        let rows = stmt.query_map([cohort.0], |r| {
            Ok(Team { id: TeamId(r.get(0)?), cohort: CohortId(r.get(1)?), name: r.get(2)?, locked: r.get(3)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
