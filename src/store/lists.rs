//! The editable lists: neighbourhoods, categories, and the postcode-district rules that assign
//! neighbourhoods. Each change is one undo step.

use rusqlite::OptionalExtension as _;
use rusqlite::types::Value;

use super::edits::now_text;
use super::{ChangeSet, Store, StoreError};
use crate::model::postcode::{normalise_district, postcode_district};
use crate::model::{CategoryId, NeighbourhoodId, PostcodeRuleId};

/// A rule: groups whose postcode is in `district` (e.g. `FY1`) belong to a neighbourhood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostcodeRule {
    pub id: PostcodeRuleId,
    pub district: String,
    pub neighbourhood: NeighbourhoodId,
}

/// Which groups "Assign neighbourhoods from postcodes" gives a neighbourhood.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    /// Only groups that have none yet.
    OnlyMissing,
    /// Every group whose postcode district has a rule.
    All,
}

fn checked_name(name: &str, what: &str) -> Result<String, StoreError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::Invalid(format!("A {what} needs a name.")));
    }
    Ok(name.to_owned())
}

impl Store {
    pub fn postcode_rules(&self) -> Result<Vec<PostcodeRule>, StoreError> {
        let mut stmt =
            self.conn().prepare_cached("SELECT id, district, neighbourhood_id FROM postcode_rule ORDER BY district")?;
        let rows = stmt.query_map([], |r| {
            Ok(PostcodeRule {
                id: PostcodeRuleId(r.get(0)?),
                district: r.get(1)?,
                neighbourhood: NeighbourhoodId(r.get(2)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn add_neighbourhood(&mut self, name: &str) -> Result<ChangeSet, StoreError> {
        let name = checked_name(name, "neighbourhood")?;
        let order: i64 =
            self.conn().query_row("SELECT coalesce(max(sort_order), 0) + 1 FROM neighbourhood", [], |r| r.get(0))?;
        self.edit(format!("Add neighbourhood {name}"), |rec| {
            rec.insert("neighbourhood", &[("name", Value::Text(name.clone())), ("sort_order", Value::Integer(order))])?;
            Ok(())
        })
        .map_err(|e| e.named_duplicate("neighbourhood", &name))
    }

    pub fn rename_neighbourhood(&mut self, id: NeighbourhoodId, name: &str) -> Result<ChangeSet, StoreError> {
        let name = checked_name(name, "neighbourhood")?;
        self.edit(format!("Rename neighbourhood to {name}"), |rec| {
            rec.update("neighbourhood", id.0, &[("name", Value::Text(name.clone()))])?;
            Ok(())
        })
        .map_err(|e| e.named_duplicate("neighbourhood", &name))
    }

    pub fn add_category(&mut self, name: &str) -> Result<ChangeSet, StoreError> {
        let name = checked_name(name, "category")?;
        self.edit(format!("Add category {name}"), |rec| {
            rec.insert("category", &[("name", Value::Text(name.clone()))])?;
            Ok(())
        })
        .map_err(|e| e.named_duplicate("category", &name))
    }

    pub fn rename_category(&mut self, id: CategoryId, name: &str) -> Result<ChangeSet, StoreError> {
        let name = checked_name(name, "category")?;
        self.edit(format!("Rename category to {name}"), |rec| {
            rec.update("category", id.0, &[("name", Value::Text(name.clone()))])?;
            Ok(())
        })
        .map_err(|e| e.named_duplicate("category", &name))
    }

    /// Sets the neighbourhood for a postcode district, replacing any rule it had.
    pub fn set_postcode_rule(
        &mut self,
        district: &str,
        neighbourhood: NeighbourhoodId,
    ) -> Result<ChangeSet, StoreError> {
        let Some(district) = normalise_district(district) else {
            return Err(StoreError::Invalid(format!(
                "“{}” is not a postcode district (for example FY1 or M33).",
                district.trim()
            )));
        };
        let existing: Option<i64> = self
            .conn()
            .query_row("SELECT id FROM postcode_rule WHERE district = ?1", [&district], |r| r.get(0))
            .optional()?;
        self.edit(format!("Postcode district {district}"), |rec| {
            match existing {
                Some(id) => {
                    rec.update("postcode_rule", id, &[("neighbourhood_id", Value::Integer(neighbourhood.0))])?;
                }
                None => {
                    rec.insert(
                        "postcode_rule",
                        &[
                            ("district", Value::Text(district.clone())),
                            ("neighbourhood_id", Value::Integer(neighbourhood.0)),
                        ],
                    )?;
                }
            }
            Ok(())
        })
    }

    pub fn remove_postcode_rule(&mut self, id: PostcodeRuleId) -> Result<ChangeSet, StoreError> {
        self.edit("Remove postcode rule", |rec| {
            rec.delete("postcode_rule", id.0)?;
            Ok(())
        })
    }

    /// Gives groups the neighbourhood their postcode district's rule names: only groups with
    /// none yet, or every group with a rule. Returns how many changed.
    pub fn apply_postcode_rules(&mut self, overwrite: Overwrite) -> Result<(usize, ChangeSet), StoreError> {
        let rules = self.postcode_rules()?;
        let groups: Vec<(i64, String, Option<i64>)> = {
            let mut stmt = self.conn().prepare("SELECT id, postcode, neighbourhood_id FROM community_group")?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?
        };
        let mut changed = 0;
        let change = self.edit("Assign neighbourhoods from postcodes", |rec| {
            let now = Value::Text(now_text());
            for (id, postcode, current) in &groups {
                if current.is_some() && overwrite == Overwrite::OnlyMissing {
                    continue;
                }
                let Some(district) = postcode_district(postcode) else { continue };
                let Some(rule) = rules.iter().find(|r| r.district.eq_ignore_ascii_case(&district)) else { continue };
                if *current != Some(rule.neighbourhood.0) {
                    rec.update(
                        "community_group",
                        *id,
                        &[("neighbourhood_id", Value::Integer(rule.neighbourhood.0)), ("updated_at", now.clone())],
                    )?;
                    changed += 1;
                }
            }
            Ok(())
        })?;
        Ok((changed, change))
    }
}
