//! The editable lists: neighbourhoods, categories, and the postcode-district rules that assign
//! neighbourhoods. Each change is one undo step.

use rusqlite::OptionalExtension as _;
use rusqlite::types::Value;

use std::collections::HashMap;

use super::changes::Recorder;
use super::edits::now_text;
use super::{ChangeSet, Store, StoreError};
use crate::model::postcode::{AreaRules, normalise_area};
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

/// What setting up neighbourhoods did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NeighbourhoodsSet {
    /// Neighbourhoods new to the list.
    pub made: usize,
    /// Postcode areas given a neighbourhood.
    pub areas: usize,
    /// Groups and offers whose neighbourhood changed.
    pub groups: usize,
    pub offers: usize,
    /// Groups (not archived) left with no neighbourhood: no postcode, or one in no area.
    pub groups_without: usize,
}

fn checked_name(name: &str, what: &'static str) -> Result<String, StoreError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::NameNeeded(what));
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

    /// Every group's postcode and town (archived ones left out), to propose postcode areas from.
    pub fn group_postcodes(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn().prepare("SELECT postcode, town FROM community_group WHERE NOT archived")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Sets up neighbourhoods from postcode areas, as one undo step: each `(area, name)` (a
    /// district "M32" or a sector "M32 8") gets a rule giving it the neighbourhood called `name`
    /// (made if the list has none of that name), then every group is given the neighbourhood of
    /// its postcode's area (a sector's rule beating its district's), and every offer that of its
    /// meeting place's postcode, else its group's. A group whose postcode is in no area keeps
    /// what it had. An area that is not a district or sector is refused, naming it.
    pub fn set_up_neighbourhoods(
        &mut self,
        areas: &[(String, String)],
    ) -> Result<(NeighbourhoodsSet, ChangeSet), StoreError> {
        let mut planned: Vec<(String, String)> = Vec::new();
        for (area, name) in areas {
            let Some(normal) = normalise_area(area) else {
                return Err(StoreError::NotAnArea(area.trim().to_owned()));
            };
            let name = checked_name(name, "neighbourhood")?;
            planned.retain(|(a, _)| *a != normal);
            planned.push((normal, name));
        }
        let mut done = NeighbourhoodsSet::default();
        let change = self.edit("Set up neighbourhoods", |rec| {
            write_area_rules(rec, &planned, &mut done)?;
            let rules: AreaRules<i64> = {
                let mut stmt = rec.conn().prepare("SELECT district, neighbourhood_id FROM postcode_rule")?;
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
                    .collect::<Result<Vec<_>, _>>()?
                    .into_iter()
                    .collect()
            };
            let group_hood = place_groups(rec, &rules, &mut done)?;
            place_offers(rec, &rules, &group_hood, &mut done)
        })?;
        Ok((done, change))
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

    /// Sets the neighbourhood for a postcode district or sector, replacing any rule it had.
    pub fn set_postcode_rule(
        &mut self,
        district: &str,
        neighbourhood: NeighbourhoodId,
    ) -> Result<ChangeSet, StoreError> {
        let Some(district) = normalise_area(district) else {
            return Err(StoreError::NotAnArea(district.trim().to_owned()));
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
        let rules: AreaRules<NeighbourhoodId> =
            self.postcode_rules()?.into_iter().map(|r| (r.district, r.neighbourhood)).collect();
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
                let Some(hood) = rules.find(postcode) else { continue };
                if *current != Some(hood.0) {
                    rec.update(
                        "community_group",
                        *id,
                        &[("neighbourhood_id", Value::Integer(hood.0)), ("updated_at", now.clone())],
                    )?;
                    changed += 1;
                }
            }
            Ok(())
        })?;
        Ok((changed, change))
    }
}

/// Each planned `(area, name)` as a postcode rule giving the area the neighbourhood called
/// `name`, made when the list has none of that name.
fn write_area_rules(
    rec: &mut Recorder<'_>,
    planned: &[(String, String)],
    done: &mut NeighbourhoodsSet,
) -> Result<(), StoreError> {
    let mut names: HashMap<String, i64> = {
        let mut stmt = rec.conn().prepare("SELECT lower(name), id FROM neighbourhood")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?
    };
    let mut order: i64 =
        rec.conn().query_row("SELECT coalesce(max(sort_order), 0) FROM neighbourhood", [], |r| r.get(0))?;
    let rules: HashMap<String, i64> = {
        let mut stmt = rec.conn().prepare("SELECT district, id FROM postcode_rule")?;
        stmt.query_map([], |r| Ok((r.get::<_, String>(0)?.to_uppercase(), r.get(1)?)))?.collect::<Result<_, _>>()?
    };
    for (area, name) in planned {
        let hood = match names.get(&name.to_lowercase()) {
            Some(id) => *id,
            None => {
                order += 1;
                let id = rec.insert(
                    "neighbourhood",
                    &[("name", Value::Text(name.clone())), ("sort_order", Value::Integer(order))],
                )?;
                names.insert(name.to_lowercase(), id);
                done.made += 1;
                id
            }
        };
        match rules.get(area) {
            Some(rule) => {
                rec.update("postcode_rule", *rule, &[("neighbourhood_id", Value::Integer(hood))])?;
            }
            None => {
                rec.insert(
                    "postcode_rule",
                    &[("district", Value::Text(area.clone())), ("neighbourhood_id", Value::Integer(hood))],
                )?;
            }
        }
        done.areas += 1;
    }
    Ok(())
}

/// Every group given the neighbourhood of its postcode's area (one in no area keeps its own);
/// returns each group's neighbourhood now.
fn place_groups(
    rec: &mut Recorder<'_>,
    rules: &AreaRules<i64>,
    done: &mut NeighbourhoodsSet,
) -> Result<HashMap<i64, Option<i64>>, StoreError> {
    let now = Value::Text(now_text());
    let groups: Vec<(i64, String, Option<i64>, bool)> = {
        let mut stmt = rec.conn().prepare("SELECT id, postcode, neighbourhood_id, archived FROM community_group")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<Result<_, _>>()?
    };
    let mut group_hood: HashMap<i64, Option<i64>> = HashMap::with_capacity(groups.len());
    for (id, postcode, current, archived) in groups {
        let wanted = rules.find(&postcode).copied().or(current);
        if wanted != current {
            let columns =
                [("neighbourhood_id", wanted.map_or(Value::Null, Value::Integer)), ("updated_at", now.clone())];
            rec.update("community_group", id, &columns)?;
            done.groups += 1;
        }
        if wanted.is_none() && !archived {
            done.groups_without += 1;
        }
        group_hood.insert(id, wanted);
    }
    Ok(group_hood)
}

/// Every offer given the neighbourhood of its meeting place's postcode, else its group's.
fn place_offers(
    rec: &mut Recorder<'_>,
    rules: &AreaRules<i64>,
    group_hood: &HashMap<i64, Option<i64>>,
    done: &mut NeighbourhoodsSet,
) -> Result<(), StoreError> {
    let now = Value::Text(now_text());
    let offers: Vec<(i64, i64, String, String, String, Option<i64>)> = {
        let mut stmt =
            rec.conn().prepare("SELECT id, group_id, address, town, postcode, neighbourhood_id FROM offer")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
            .collect::<Result<_, _>>()?
    };
    for (id, group, address, town, postcode, current) in offers {
        let place = crate::model::MeetingPlace { address, town, postcode };
        let wanted = place
            .postcode()
            .and_then(|p| rules.find(&p).copied())
            .or(group_hood.get(&group).copied().flatten())
            .or(current);
        if wanted != current {
            let columns =
                [("neighbourhood_id", wanted.map_or(Value::Null, Value::Integer)), ("updated_at", now.clone())];
            rec.update("offer", id, &columns)?;
            done.offers += 1;
        }
    }
    Ok(())
}
