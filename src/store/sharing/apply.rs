//! Applying a colleague's change set here: SQLite's apply with a conflict handler that finds
//! (or decides) what both copies changed, and what is settled afterwards.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rusqlite::session::{ConflictAction, ConflictType};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};

use super::words::{noun, row_title};
use super::{SHARED, SharingError, quote, shared_name};
use crate::model::sharing::{Choice, ConflictKind, RowKey};
use crate::store::changes::{read_row, write_row};
use crate::store::{RowValues, StoreError};

/// A conflict SQLite's apply met, by row.
#[derive(Clone, Debug)]
pub(super) struct Hit {
    pub(super) key: RowKey,
    pub(super) kind: ConflictKind,
    /// Two rows that cannot both be kept (a unique name): never applied.
    pub(super) unique: bool,
}

/// How to apply a change set: to find its conflicts, or with each one decided.
#[derive(Clone)]
pub(super) enum Mode {
    Look,
    Decided(Arc<HashMap<RowKey, Choice>>),
}

/// Whether the columns the change would set already hold those values here.
pub(super) fn already_so(item: &rusqlite::session::ChangesetItem, columns: i32) -> bool {
    (0..columns as usize).all(|i| match item.new_value(i) {
        Ok(new) => item.conflict(i).is_ok_and(|here| values_equal(new, here)),
        Err(_) => true,
    })
}

pub(super) fn values_equal(a: ValueRef<'_>, b: ValueRef<'_>) -> bool {
    match (a, b) {
        (ValueRef::Integer(x), ValueRef::Real(y)) | (ValueRef::Real(y), ValueRef::Integer(x)) => x as f64 == y,
        _ => a == b,
    }
}

/// Applies a change set to `conn` (inside the caller's transaction), deciding conflicts by
/// `mode`, and returns the conflicts met. A change already made here is passed over.
pub(super) fn apply_change(conn: &Connection, change: &[u8], mode: Mode) -> Result<Vec<Hit>, StoreError> {
    use rusqlite::hooks::Action;
    let hits: Arc<Mutex<Vec<Hit>>> = Arc::default();
    let found = Arc::clone(&hits);
    let decided = matches!(mode, Mode::Decided(_));
    let mut input: &[u8] = change;
    let result =
        conn.apply_strm(&mut input, Some(|table: &str| shared_name(table).is_some()), move |conflict, item| {
            let omit = ConflictAction::SQLITE_CHANGESET_OMIT;
            // First, and before asking the item anything: a foreign-key conflict has no row, and
            // asking it for one (`op`) reads a null table name (a crash, found by a test).
            if conflict == ConflictType::SQLITE_CHANGESET_FOREIGN_KEY {
                // Checked and settled by the caller before the transaction commits.
                return omit;
            }
            let Ok(op) = item.op() else { return ConflictAction::SQLITE_CHANGESET_ABORT };
            let (table, code, columns) = (op.table_name().to_owned(), op.code(), op.number_of_columns());
            let id = match code {
                Action::SQLITE_INSERT => item.new_value(0).and_then(|v| v.as_i64().map_err(Into::into)),
                _ => item.old_value(0).and_then(|v| v.as_i64().map_err(Into::into)),
            };
            let Ok(id) = id else { return ConflictAction::SQLITE_CHANGESET_ABORT };
            let (kind, unique) = match (&conflict, code) {
                (ConflictType::SQLITE_CHANGESET_NOTFOUND, Action::SQLITE_DELETE) => return omit,
                (ConflictType::SQLITE_CHANGESET_NOTFOUND, _) => (ConflictKind::RemovedHere, false),
                (ConflictType::SQLITE_CHANGESET_DATA, Action::SQLITE_DELETE) => (ConflictKind::RemovedThere, false),
                (ConflictType::SQLITE_CHANGESET_DATA | ConflictType::SQLITE_CHANGESET_CONFLICT, _)
                    if already_so(&item, columns) =>
                {
                    return omit;
                }
                (ConflictType::SQLITE_CHANGESET_DATA, _) => (ConflictKind::ChangedBoth, false),
                (ConflictType::SQLITE_CHANGESET_CONFLICT, _) => (ConflictKind::AddedBoth, false),
                (ConflictType::SQLITE_CHANGESET_CONSTRAINT, _) => (ConflictKind::AddedBoth, true),
                _ => return ConflictAction::SQLITE_CHANGESET_ABORT,
            };
            let key = RowKey { table, id };
            let choice = match &mode {
                Mode::Look => None,
                Mode::Decided(choices) => choices.get(&key).copied(),
            };
            if let Ok(mut hits) = found.lock() {
                hits.push(Hit { key, kind, unique });
            }
            match (&mode, choice) {
                (Mode::Look, _) => omit,
                (_, None) => ConflictAction::SQLITE_CHANGESET_ABORT,
                (_, Some(Choice::Mine)) => omit,
                // A row removed here comes back from the colleague's copy afterwards; a unique
                // name cannot be replaced.
                (_, Some(Choice::Theirs)) if kind == ConflictKind::RemovedHere || unique => omit,
                (_, Some(Choice::Theirs)) => ConflictAction::SQLITE_CHANGESET_REPLACE,
            }
        });
    let hits = hits.lock().map(|h| h.clone()).unwrap_or_default();
    match result {
        Ok(()) => Ok(hits),
        Err(_) if decided && !hits.is_empty() => Err(SharingError::Undecided(hits.len()).into()),
        Err(e) => Err(e.into()),
    }
}

/// Each touched row as it is here before anything is applied.
pub(super) fn rows_before(
    conn: &Connection,
    keys: &[(&'static str, i64)],
) -> Result<Vec<Option<RowValues>>, StoreError> {
    keys.iter().map(|(table, id)| read_row(conn, table, *id)).collect()
}

/// What [`settle`] did: each row kept or brought back, in words, and by table and id.
pub(super) struct Settled {
    pub(super) words: Vec<String>,
    pub(super) rows: Vec<(&'static str, i64)>,
}

/// After a change set is applied: a row the colleague removed that is still used here is put
/// back (as it was here), and a row this copy removed that the colleague's changes still use
/// comes back as the colleague has it. Returns each in words. Fails when something would still
/// point at nothing.
pub(super) fn settle(
    conn: &Connection,
    keys: &[(&'static str, i64)],
    before: &[Option<RowValues>],
    theirs: &Connection,
) -> Result<Settled, StoreError> {
    let mut kept = Settled { words: Vec::new(), rows: Vec::new() };
    for _round in 0..SHARED.len() + 1 {
        let missing = dangling(conn)?;
        if missing.is_empty() {
            return Ok(kept);
        }
        let mut mended = false;
        for (child, parent, parent_id) in missing {
            let Some(parent) = shared_name(&parent) else { continue };
            if read_row(conn, parent, parent_id)?.is_some() {
                continue;
            }
            let here = before_row(parent, parent_id, keys, before);
            let row = match here {
                Some(row) => Some((row, true)),
                None => read_row(theirs, parent, parent_id)?.map(|r| (r, false)),
            };
            if let Some((row, was_here)) = row {
                write_row(conn, parent, parent_id, false, Some(&row))?;
                kept.rows.push((parent, parent_id));
                let title = row_title(conn, parent, &row);
                kept.words.push(if was_here {
                    format!(
                        "{title} is kept: it was removed in the other copy, but {} here still uses it",
                        noun(&child, 1)
                    )
                } else {
                    format!("{title} comes back: it was removed here, but the other copy's {} uses it", noun(&child, 1))
                });
                mended = true;
            }
        }
        if !mended {
            break;
        }
    }
    let missing = dangling(conn)?;
    match missing.first() {
        None => Ok(kept),
        Some((child, _, _)) => Err(SharingError::Dangling(format!("a {}", noun(child, 1))).into()),
    }
}

/// A row as it was here before the change set, found among the rows it touched.
pub(super) fn before_row(
    table: &str,
    id: i64,
    keys: &[(&'static str, i64)],
    before: &[Option<RowValues>],
) -> Option<RowValues> {
    keys.iter().position(|(t, i)| *t == table && *i == id).and_then(|at| before.get(at).cloned().flatten())
}

/// Rows that point at a row that is not there: (their table, the table they point at, its id).
pub(super) fn dangling(conn: &Connection) -> Result<Vec<(String, String, i64)>, StoreError> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows: Vec<(String, i64, String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0), r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    for (child, rowid, parent, fk) in rows {
        let from: Option<String> = conn
            .prepare(&format!("PRAGMA foreign_key_list({})", quote(&child)))?
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(3)?)))?
            .filter_map(Result::ok)
            .find(|(id, _)| *id == fk)
            .map(|(_, from)| from);
        let Some(from) = from else { continue };
        let parent_id: Option<i64> = conn
            .query_row(&format!("SELECT {} FROM {} WHERE rowid = ?1", quote(&from), quote(&child)), [rowid], |r| {
                r.get(0)
            })
            .optional()?
            .flatten();
        if let Some(parent_id) = parent_id {
            out.push((child, parent, parent_id));
        }
    }
    Ok(out)
}

pub(super) fn placement_key(id: i64) -> RowKey {
    RowKey { table: "placement".into(), id }
}

/// Teams placed in both copies since they last agreed: each placement the colleague made, with
/// this copy's own placements of the same team that the colleague does not have.
pub(super) fn placed_both(
    here: &Connection,
    theirs: &Connection,
    keys: &[(&'static str, i64)],
) -> Result<Vec<(i64, Vec<i64>)>, StoreError> {
    let mut out = Vec::new();
    for (_, id) in keys.iter().filter(|(t, _)| *t == "placement") {
        let new_there: Option<i64> = theirs
            .query_row(
                "SELECT team_id FROM main.placement WHERE id = ?1 AND status <> 'cancelled'
                 AND id NOT IN (SELECT id FROM share_base.placement)",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(team) = new_there else { continue };
        let mine: Vec<i64> = here
            .prepare_cached(
                "SELECT id FROM placement WHERE team_id = ?1 AND id <> ?2 AND status <> 'cancelled' ORDER BY day, id",
            )?
            .query_map([team, *id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut new_here = Vec::new();
        for mine in mine {
            let known: bool = theirs.query_row(
                "SELECT EXISTS (SELECT 1 FROM share_base.placement WHERE id = ?1)
                     OR EXISTS (SELECT 1 FROM main.placement WHERE id = ?1)",
                [mine],
                |r| r.get(0),
            )?;
            if !known {
                new_here.push(mine);
            }
        }
        if !new_here.is_empty() {
            out.push((*id, new_here));
        }
    }
    Ok(out)
}
