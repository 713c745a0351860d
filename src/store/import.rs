//! Importing groups: the whole import is one transaction and one undo step.

use std::collections::HashMap;

use rusqlite::types::Value;

use super::changes::{Batch, Recorder};
use super::edits::{Cell, Columns, group_values, now_text};
use super::{ChangeSet, Store, StoreError};
use crate::model::GroupId;
use crate::model::postcode::postcode_district;
use crate::model::{ImportCounts, ImportGroup, OnDuplicate};

/// The import's lookups, read once inside its transaction; names it adds join them.
struct Lists {
    neighbourhoods: HashMap<String, i64>,
    categories: HashMap<String, i64>,
    rules: HashMap<String, i64>,
}

fn lower(text: &str) -> String {
    text.trim().to_lowercase()
}

impl Lists {
    fn read(rec: &Recorder<'_>) -> Result<Self, StoreError> {
        let read_map = |sql: &str| -> Result<HashMap<String, i64>, StoreError> {
            let mut stmt = rec.conn().prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((lower(&r.get::<_, String>(0)?), r.get::<_, i64>(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        Ok(Self {
            neighbourhoods: read_map("SELECT name, id FROM neighbourhood")?,
            categories: read_map("SELECT name, id FROM category")?,
            rules: read_map("SELECT upper(district), neighbourhood_id FROM postcode_rule")?,
        })
    }

    /// The id of `name` on a list, added to it when new.
    fn id_of(
        rec: &mut Recorder<'_>,
        table: &'static str,
        known: &mut HashMap<String, i64>,
        name: &str,
    ) -> Result<i64, StoreError> {
        if let Some(id) = known.get(&lower(name)) {
            return Ok(*id);
        }
        let id = rec.insert(table, &[("name", Value::Text(name.trim().to_owned()))])?;
        known.insert(lower(name), id);
        Ok(id)
    }

    /// The row's neighbourhood: the one it names (added if new), else its postcode district's.
    fn neighbourhood(&mut self, rec: &mut Recorder<'_>, row: &ImportGroup) -> Result<Option<i64>, StoreError> {
        match &row.neighbourhood {
            Some(name) => Self::id_of(rec, "neighbourhood", &mut self.neighbourhoods, name).map(Some),
            None => {
                Ok(postcode_district(&row.edit.group().postcode)
                    .and_then(|d| self.rules.get(&d.to_lowercase()).copied()))
            }
        }
    }

    /// Files the group under each of the row's categories (added to the list if new). A group
    /// just added has no links yet, so only a row's own repeats need looking out for.
    fn link_categories(
        &mut self,
        rec: &mut Recorder<'_>,
        links: &mut Batch<'_>,
        group: i64,
        row: &ImportGroup,
        new: bool,
    ) -> Result<(), StoreError> {
        let mut linked = Vec::new();
        for name in &row.categories {
            let category = Self::id_of(rec, "category", &mut self.categories, name)?;
            let exists: bool = if new {
                linked.contains(&category)
            } else {
                rec.conn().query_row(
                    "SELECT EXISTS (SELECT 1 FROM group_category WHERE group_id = ?1 AND category_id = ?2)",
                    [group, category],
                    |r| r.get(0),
                )?
            };
            linked.push(category);
            if !exists {
                links.insert(&[Value::Integer(group), Value::Integer(category)])?;
            }
        }
        Ok(())
    }
}

/// Fills an existing group with the row's values: empty cells (and the status) change nothing.
fn update_existing(
    rec: &mut Recorder<'_>,
    existing: GroupId,
    row: &ImportGroup,
    neighbourhood: Option<i64>,
    now: &str,
) -> Result<(), StoreError> {
    let mut columns: Vec<(&str, Value)> = row
        .edit
        .columns()
        .into_iter()
        .filter(|(name, value)| matches!(value, Value::Text(t) if !t.is_empty()) && !matches!(*name, "status"))
        .collect();
    if let Some(id) = neighbourhood {
        columns.push(("neighbourhood_id", Value::Integer(id)));
    }
    columns.push(("updated_at", Value::Text(now.to_owned())));
    rec.update("community_group", existing.0, &columns)?;
    Ok(())
}

/// A new group's columns (the record's, its neighbourhood, and when it was made), borrowed
/// from the row. The names are the same for every row: the record's are a fixed list.
fn new_group_values<'a>(
    row: &'a ImportGroup,
    neighbourhood: Option<i64>,
    now: &'a str,
) -> impl Iterator<Item = (&'static str, Cell<'a>)> {
    group_values(&row.edit).into_iter().filter(|(name, _)| *name != "neighbourhood_id").chain([
        ("neighbourhood_id", Cell::Value(neighbourhood.map_or(Value::Null, Value::Integer))),
        ("created_at", Cell::Text(now)),
        ("updated_at", Cell::Text(now)),
    ])
}

/// A new group, written through the batch's one statement (made for [`new_group_values`]'
/// names).
fn insert_new(
    groups: &mut Batch<'_>,
    row: &ImportGroup,
    neighbourhood: Option<i64>,
    now: &str,
) -> Result<i64, StoreError> {
    groups.insert(new_group_values(row, neighbourhood, now).map(|(_, value)| value))
}

impl Store {
    /// Every group's (id, name, postcode, charity number, identifier), for spotting duplicates.
    pub fn group_keys(&self) -> Result<crate::model::group_match::ExistingGroups, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, name, postcode, charity_number, other_identifier FROM community_group")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                GroupId(r.get(0)?),
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut index = crate::model::group_match::ExistingGroups::default();
        for row in rows {
            let (id, name, postcode, charity, identifier) = row?;
            index.add(id, &name, &postcode, &charity, &identifier);
        }
        Ok(index)
    }

    /// Imports groups in one transaction (one undo step). `progress` is told how many rows are
    /// done and returns false to cancel, which leaves the file exactly as it was.
    pub fn import_groups(
        &mut self,
        label: &str,
        rows: &[ImportGroup],
        on_duplicate: OnDuplicate,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Result<(ImportCounts, ChangeSet), StoreError> {
        let new_groups = rows.iter().filter(|r| r.is_new(on_duplicate)).count();
        self.import_groups_from(label, on_duplicate, new_groups, |sink| {
            for (done, row) in rows.iter().enumerate() {
                if done % 256 == 0 && !progress(done) {
                    return Err(StoreError::Cancelled);
                }
                sink.write(row)?;
            }
            progress(rows.len());
            Ok(())
        })
    }

    /// Imports groups in one transaction (one undo step), the rows given in order by `feed` to
    /// the sink it is handed, as they become ready: the command line writes the first rows while
    /// later ones are still being checked. `new_groups` is about how many will be new (it
    /// decides whether the search indexes are filled in one pass at the end). An error from
    /// `feed` (or [`StoreError::Cancelled`]) leaves the file exactly as it was.
    pub fn import_groups_from(
        &mut self,
        label: &str,
        on_duplicate: OnDuplicate,
        new_groups: usize,
        feed: impl FnOnce(&mut GroupSink<'_, '_>) -> Result<(), StoreError>,
    ) -> Result<(ImportCounts, ChangeSet), StoreError> {
        let mut counts = ImportCounts::default();
        // Put back afterwards: a large import raises it (see `GroupSink::write`).
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let change = self.edit(label, |rec| {
            let paused = super::search_index::pause_for(rec.conn(), new_groups, None)?;
            let mut sink = GroupSink {
                lists: Lists::read(rec)?,
                now: now_text(),
                groups: None,
                links: rec.batch("group_category", &["group_id", "category_id"])?,
                on_duplicate,
                counts: &mut counts,
                written: 0,
                rec,
            };
            feed(&mut sink)?;
            let GroupSink { rec, groups, links, .. } = sink;
            if let Some(groups) = groups {
                rec.record_batch(groups);
            }
            rec.record_batch(links);
            if let Some(paused) = paused {
                paused.resume(rec.conn())?;
            }
            Ok(())
        });
        self.conn.pragma_update(None, "cache_size", cache)?;
        Ok((counts, change?))
    }
}

/// Where an import's rows are written, in order, inside its transaction.
pub struct GroupSink<'s, 'c> {
    rec: &'s mut Recorder<'c>,
    lists: Lists,
    now: String,
    /// New groups, through one statement made at the first.
    groups: Option<Batch<'c>>,
    links: Batch<'c>,
    on_duplicate: OnDuplicate,
    counts: &'s mut ImportCounts,
    /// Rows written so far.
    written: usize,
}

/// From this many rows an import is a large one, and gets a larger page cache.
const LARGE_IMPORT: usize = 50_000;

impl GroupSink<'_, '_> {
    /// Writes one row: a new group, an update of the group it matched, or nothing (a skipped
    /// duplicate, or a repeat of an earlier row).
    pub fn write(&mut self, row: &ImportGroup) -> Result<(), StoreError> {
        self.written += 1;
        if self.written == LARGE_IMPORT {
            // A large import's indexes outgrow SQLite's usual 2 MB of cached pages, which it
            // then reads back from the system time after time: 32 MB from here on.
            self.rec.conn().pragma_update(None, "cache_size", -32_768)?;
        }
        let neighbourhood = self.lists.neighbourhood(self.rec, row)?;
        if row.earlier_line.is_some() {
            self.counts.skipped += 1;
            return Ok(());
        }
        let (target, new) = match (row.duplicate_of, self.on_duplicate) {
            (Some(_), OnDuplicate::Skip) => {
                self.counts.skipped += 1;
                return Ok(());
            }
            (Some(existing), OnDuplicate::Update) => {
                update_existing(self.rec, existing, row, neighbourhood, &self.now)?;
                self.counts.updated += 1;
                (existing.0, false)
            }
            _ => {
                let groups = match &mut self.groups {
                    Some(groups) => groups,
                    None => {
                        let names: Vec<&'static str> =
                            new_group_values(row, None, &self.now).map(|(name, _)| name).collect();
                        self.groups.insert(self.rec.batch("community_group", &names)?)
                    }
                };
                self.counts.imported += 1;
                (insert_new(groups, row, neighbourhood, &self.now)?, true)
            }
        };
        self.lists.link_categories(self.rec, &mut self.links, target, row, new)
    }
}
