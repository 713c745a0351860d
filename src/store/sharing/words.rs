//! What sharing says in words: rows as people know them, a conflict's two sides, and what a
//! change set does ("adds 3 groups", "places Team 2 on Tue 27 Apr 2027").

use std::collections::BTreeMap;

use rusqlite::Connection;
use rusqlite::types::Value;

use super::apply::{Hit, placement_key};
use super::image::id_of;
use super::{SHARED, shared_name};
use crate::model::sharing::{Conflict, ConflictKind};
use crate::store::changes::read_row;
use crate::store::{RowValues, StoreError};

/// What a row is, for people: "group Bispham Men's Shed", "Team 1's placement".
pub(super) fn row_title(conn: &Connection, table: &str, row: &RowValues) -> String {
    let text = |name: &str| {
        row.iter().find(|(c, _)| c == name).and_then(|(_, v)| match v {
            Value::Text(t) if !t.trim().is_empty() => Some(t.clone()),
            _ => None,
        })
    };
    let int = |name: &str| {
        row.iter().find(|(c, _)| c == name).and_then(|(_, v)| match v {
            Value::Integer(i) => Some(*i),
            _ => None,
        })
    };
    let team_name = |id: Option<i64>| {
        id.and_then(|id| conn.query_row("SELECT name FROM team WHERE id = ?1", [id], |r| r.get::<_, String>(0)).ok())
    };
    match table {
        "placement" => match team_name(int("team_id")) {
            Some(team) => format!("{team}'s placement"),
            None => "a placement".into(),
        },
        "team" => text("name").unwrap_or_else(|| "a team".into()),
        _ => {
            let noun = noun(table, 1);
            match text("name").or_else(|| text("title")).or_else(|| text("district")) {
                Some(name) => format!("{noun} “{name}”"),
                None => format!("a {noun}"),
            }
        }
    }
}

/// A table's rows in words, one or many: "group", "groups".
pub(super) fn noun(table: &str, n: usize) -> String {
    let (one, many) = match table {
        "community_group" => ("group", "groups"),
        "group_category" => ("group's category", "groups' categories"),
        "offer_day" => ("offer's day", "offers' days"),
        "offer_practice" => ("offer's practice", "offers' practices"),
        "postcode_rule" => ("postcode area", "postcode areas"),
        "participant_unavailable" => ("day someone cannot do", "days people cannot do"),
        "placement_outcome" => ("day's outcome", "days' outcomes"),
        "participant_feedback" => ("participant's feedback", "participants' feedback"),
        "feedback_rating" => ("feedback rating", "feedback ratings"),
        "category" => ("category", "categories"),
        other => return if n == 1 { other.to_owned() } else { format!("{other}s") },
    };
    if n == 1 { one.into() } else { many.into() }
}

/// The value of a column as people read it.
pub(super) fn value_words(value: &Value) -> String {
    match value {
        Value::Null => "(none)".into(),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => r.to_string(),
        Value::Text(t) if t.is_empty() => "(empty)".into(),
        Value::Text(t) => match chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            Ok(day) => crate::model::dates::uk_date(day),
            Err(_) => t.clone(),
        },
        Value::Blob(_) => "(data)".into(),
    }
}

/// One side of a conflict: how the row differs from the other side's.
pub(super) fn side_words(row: Option<&RowValues>, other: Option<&RowValues>, removed: &str) -> String {
    let Some(row) = row else { return removed.into() };
    let differing: Vec<String> = row
        .iter()
        .filter(|(c, _)| c != "id" && c != "created_at" && c != "updated_at")
        .filter(|(c, v)| other.is_none_or(|o| o.iter().find(|(oc, _)| oc == c).is_none_or(|(_, ov)| ov != v)))
        .map(|(c, v)| match c.as_str() {
            "day" => format!("on {}", value_words(v)),
            _ if c.ends_with("_id") => {
                format!("{} no. {}", c.trim_end_matches("_id").replace('_', " "), value_words(v))
            }
            _ => match v {
                Value::Text(t) if !t.is_empty() && chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").is_err() => {
                    format!("{} “{t}”", c.replace('_', " "))
                }
                _ => format!("{} {}", c.replace('_', " "), value_words(v)),
            },
        })
        .take(4)
        .collect();
    if differing.is_empty() { "the same".into() } else { differing.join(", ") }
}

/// Two rows with the same unique name, in words.
pub(super) fn unique_words(here: &Connection, theirs: &Connection, hit: &Hit) -> String {
    let title = shared_name(&hit.key.table)
        .and_then(|t| read_row(theirs, t, hit.key.id).ok().flatten().map(|row| row_title(here, t, &row)))
        .unwrap_or_else(|| format!("a {}", noun(&hit.key.table, 1)));
    format!(
        "Both copies added {title}. Rename it in one copy (or remove it there), make a new changes file there, and take that in."
    )
}

/// One conflict in words, side by side.
pub(super) fn conflict_words(here: &Connection, theirs: &Connection, hit: &Hit, copy_name: &str) -> Conflict {
    let table = shared_name(&hit.key.table).unwrap_or("community_group");
    let mine = read_row(here, table, hit.key.id).ok().flatten();
    let other = read_row(theirs, table, hit.key.id).ok().flatten();
    let what = mine.as_ref().or(other.as_ref()).map_or_else(|| noun(table, 1), |row| row_title(here, table, row));
    Conflict {
        key: hit.key.clone(),
        kind: hit.kind,
        what,
        mine: format!("here {}", side_words(mine.as_ref(), other.as_ref(), "removed")),
        theirs: format!("in {copy_name}'s copy {}", side_words(other.as_ref(), mine.as_ref(), "removed")),
    }
}

/// "Team 1: here on Tue 27 Apr 2027, in Bolton CVS's copy on Wed 28 Apr 2027".
pub(super) fn placed_both_words(
    here: &Connection,
    theirs: &Connection,
    their_id: i64,
    mine: &[i64],
    copy_name: &str,
) -> Conflict {
    let describe = |conn: &Connection, id: i64| -> Option<(String, String)> {
        let row = read_row(conn, "placement", id).ok().flatten()?;
        let day = row.iter().find(|(c, _)| c == "day").map(|(_, v)| value_words(v)).unwrap_or_default();
        let offer = row.iter().find(|(c, _)| c == "offer_id").and_then(|(_, v)| match v {
            Value::Integer(o) => {
                conn.query_row("SELECT title FROM offer WHERE id = ?1", [o], |r| r.get::<_, String>(0)).ok()
            }
            _ => None,
        });
        let team = row_title(conn, "placement", &row).trim_end_matches("'s placement").to_owned();
        Some((team, offer.map_or(format!("on {day}"), |o| format!("on {day} ({o})"))))
    };
    let (team, theirs_words) = describe(theirs, their_id).unwrap_or_default();
    let mine_words: Vec<String> = mine.iter().filter_map(|id| describe(here, *id).map(|(_, w)| w)).collect();
    Conflict {
        key: placement_key(their_id),
        kind: ConflictKind::PlacedBoth,
        what: team,
        mine: format!("here {}", mine_words.join(" and ")),
        theirs: format!("in {copy_name}'s copy {theirs_words}"),
    }
}

/// What a change set does, in words: counts by table, and each placement by team and day.
pub(super) fn effects(here: &Connection, theirs: &Connection, change: &[u8]) -> Result<Vec<String>, StoreError> {
    use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
    use rusqlite::hooks::Action;
    let mut counts: BTreeMap<(usize, u8), usize> = BTreeMap::new();
    let mut placements = Vec::new();
    let mut slice: &[u8] = change;
    let input: &mut dyn std::io::Read = &mut slice;
    let mut iter = rusqlite::session::ChangesetIter::start_strm(&input)?;
    while let Some(item) = iter.next()? {
        let op = item.op()?;
        let Some(position) = SHARED.iter().position(|t| *t == op.table_name()) else { continue };
        let (verb, id) = match op.code() {
            Action::SQLITE_INSERT => (0u8, id_of(item.new_value(0))?),
            Action::SQLITE_UPDATE => (1, id_of(item.old_value(0))?),
            _ => (2, id_of(item.old_value(0))?),
        };
        if SHARED[position] == "placement" && placements.len() < 12 {
            let row = read_row(theirs, "placement", id)?.or(read_row(here, "placement", id)?);
            if let Some(row) = row {
                let day = row.iter().find(|(c, _)| c == "day").map(|(_, v)| value_words(v)).unwrap_or_default();
                let team = row_title(theirs, "placement", &row).trim_end_matches("'s placement").to_owned();
                placements.push(match verb {
                    0 => format!("places {team} on {day}"),
                    1 => format!("changes {team}'s placement on {day}"),
                    _ => format!(
                        "takes {team} off {}",
                        read_row(here, "placement", id)?
                            .and_then(|r| r.iter().find(|(c, _)| c == "day").map(|(_, v)| value_words(v)))
                            .unwrap_or(day)
                    ),
                });
                continue;
            }
        }
        *counts.entry((position, verb)).or_default() += 1;
    }
    let mut words: Vec<String> = counts
        .into_iter()
        .map(|((position, verb), n)| {
            let verb = ["adds", "changes", "removes"][usize::from(verb)];
            format!("{verb} {n} {}", noun(SHARED[position], n))
        })
        .collect();
    words.extend(placements);
    Ok(words)
}
