//! Importing groups: the whole import is one transaction and one undo step.

use std::collections::HashMap;

use rusqlite::types::Value;

use super::edits::now_text;
use super::{ChangeSet, GroupEdit, Store, StoreError};
use crate::model::GroupId;
use crate::model::postcode::postcode_district;

/// One group to import, checked, with what the file knows of it.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportGroup {
    pub edit: GroupEdit,
    /// Category names; unknown ones are added to the list.
    pub categories: Vec<String>,
    /// A neighbourhood name; unknown ones are added to the list. Without one, the postcode
    /// district rules decide.
    pub neighbourhood: Option<String>,
    /// The group already in the file that this one seems to be.
    pub duplicate_of: Option<GroupId>,
}

/// What to do with a row that matches a group already in the file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnDuplicate {
    /// Fill the existing group with the row's values (empty cells change nothing).
    Update,
    /// Leave the existing group as it is.
    #[default]
    Skip,
    /// Import the row as another group.
    New,
}

/// How many rows went which way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub imported: usize,
    pub updated: usize,
    pub skipped: usize,
}

/// The import's lookups, read once inside its transaction.
struct Lists {
    neighbourhoods: HashMap<String, i64>,
    categories: HashMap<String, i64>,
    rules: HashMap<String, i64>,
}

fn lower(text: &str) -> String {
    text.trim().to_lowercase()
}

impl Store {
    /// (id, name, postcode, charity number) of every group, for spotting duplicates.
    pub fn group_keys(&self) -> Result<Vec<(GroupId, String, String, String)>, StoreError> {
        let mut stmt = self.conn().prepare_cached("SELECT id, name, postcode, charity_number FROM community_group")?;
        let rows = stmt.query_map([], |r| Ok((GroupId(r.get(0)?), r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
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
        let mut counts = ImportCounts::default();
        let change = self.edit(label, |rec| {
            let read_map = |sql: &str| -> Result<HashMap<String, i64>, StoreError> {
                let mut stmt = rec.conn().prepare(sql)?;
                let rows = stmt.query_map([], |r| Ok((lower(&r.get::<_, String>(0)?), r.get::<_, i64>(1)?)))?;
                Ok(rows.collect::<Result<_, _>>()?)
            };
            let mut lists = Lists {
                neighbourhoods: read_map("SELECT name, id FROM neighbourhood")?,
                categories: read_map("SELECT name, id FROM category")?,
                rules: read_map("SELECT upper(district), neighbourhood_id FROM postcode_rule")?,
            };
            let now = now_text();
            for (done, row) in rows.iter().enumerate() {
                if done % 256 == 0 && !progress(done) {
                    return Err(StoreError::Cancelled);
                }
                let group = row.edit.group();
                let neighbourhood = match &row.neighbourhood {
                    Some(name) => Some(match lists.neighbourhoods.get(&lower(name)) {
                        Some(id) => *id,
                        None => {
                            let id = rec.insert("neighbourhood", &[("name", Value::Text(name.trim().to_owned()))])?;
                            lists.neighbourhoods.insert(lower(name), id);
                            id
                        }
                    }),
                    None => {
                        postcode_district(&group.postcode).and_then(|d| lists.rules.get(&d.to_lowercase()).copied())
                    }
                };
                let target = match (row.duplicate_of, on_duplicate) {
                    (Some(_), OnDuplicate::Skip) => {
                        counts.skipped += 1;
                        continue;
                    }
                    (Some(existing), OnDuplicate::Update) => {
                        let mut columns: Vec<(&str, Value)> = row
                            .edit
                            .columns()
                            .into_iter()
                            .filter(|(name, value)| {
                                matches!(value, Value::Text(t) if !t.is_empty()) && !matches!(*name, "status")
                            })
                            .collect();
                        if let Some(id) = neighbourhood {
                            columns.push(("neighbourhood_id", Value::Integer(id)));
                        }
                        columns.push(("updated_at", Value::Text(now.clone())));
                        rec.update("community_group", existing.0, &columns)?;
                        counts.updated += 1;
                        existing.0
                    }
                    _ => {
                        let mut columns = row.edit.columns();
                        columns.retain(|(name, _)| *name != "neighbourhood_id");
                        columns.push(("neighbourhood_id", neighbourhood.map_or(Value::Null, Value::Integer)));
                        columns.push(("created_at", Value::Text(now.clone())));
                        columns.push(("updated_at", Value::Text(now.clone())));
                        counts.imported += 1;
                        rec.insert("community_group", &columns)?
                    }
                };
                for name in &row.categories {
                    let category = match lists.categories.get(&lower(name)) {
                        Some(id) => *id,
                        None => {
                            let id = rec.insert("category", &[("name", Value::Text(name.trim().to_owned()))])?;
                            lists.categories.insert(lower(name), id);
                            id
                        }
                    };
                    let exists: bool = rec.conn().query_row(
                        "SELECT EXISTS (SELECT 1 FROM group_category WHERE group_id = ?1 AND category_id = ?2)",
                        [target, category],
                        |r| r.get(0),
                    )?;
                    if !exists {
                        rec.insert(
                            "group_category",
                            &[("group_id", Value::Integer(target)), ("category_id", Value::Integer(category))],
                        )?;
                    }
                }
            }
            progress(rows.len());
            Ok(())
        })?;
        Ok((counts, change))
    }
}
