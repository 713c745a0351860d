//! Filling the directory's search index for many new groups in one pass.
//!
//! The index (`group_text`: see `migrations/002_directory_search.sql` and `007_…`) is kept in
//! step by triggers. A trigger adds a group's words one statement at a time, and FTS5
//! writes its pending words out at each statement's savepoint, so a large import through the
//! trigger builds thousands of tiny index segments and merges them over and over: 100,000 groups
//! took 17 s that way against 1.5 s for one `INSERT … SELECT` (when there were two indexes). So
//! an import of many groups drops the insert trigger inside its transaction, writes the rows,
//! indexes the new ones in one statement, and puts the trigger back (the same SQL, read from the
//! schema). All of it is one transaction: a failure or a crash part-way leaves the trigger and
//! the index as they were. The redo of a large import takes the same path (its groups come
//! back with their own ids, all above every group in the file); updates, deletes and undo go
//! through the triggers.

use rusqlite::Connection;

use super::StoreError;

/// From how many new groups an import (or the redo of one) indexes them in one pass.
const ONE_PASS_FROM: usize = 200;

/// FTS5's pending words, in bytes, before they are written out: for the one pass, and FTS5's
/// own default.
const ONE_PASS_HASH_SIZE: i64 = 16 * 1024 * 1024;
const DEFAULT_HASH_SIZE: i64 = 1024 * 1024;

const INSERT_TRIGGER: &str = "community_group_search_insert";
const DELETE_TRIGGER: &str = "community_group_search_delete";

/// The words each group gives the index: the same columns as the insert trigger.
const INDEX_TEXT: &str = "INSERT INTO group_text (rowid, description, contact) \
     SELECT id, description, contact_role || ' ' || contact_email || ' ' || contact_phone || ' ' || phone || ' ' || email \
     FROM community_group WHERE id > ?1 ORDER BY id";

/// The insert trigger, set aside while new groups are written.
pub(super) struct Paused {
    trigger_sql: String,
    /// Groups with a higher id are the new ones.
    after_id: i64,
}

/// Sets the insert trigger aside (inside the caller's transaction) when `count` new groups are
/// about to be written, enough to index in one pass, and every one of them will have a higher
/// id than any group now in the file (`lowest_id`, when the ids are known beforehand, as for
/// redo). Otherwise the trigger stays and indexes each group as it is written.
pub(super) fn pause_for(conn: &Connection, count: usize, lowest_id: Option<i64>) -> Result<Option<Paused>, StoreError> {
    if count < ONE_PASS_FROM {
        return Ok(None);
    }
    let after_id = highest_id(conn)?;
    if lowest_id.is_some_and(|lowest| lowest <= after_id) {
        return Ok(None);
    }
    pause_after(conn, after_id).map(Some)
}

/// Sets the insert trigger aside whatever follows (the bulk writer of a new file).
pub(super) fn pause(conn: &Connection) -> Result<Paused, StoreError> {
    pause_after(conn, highest_id(conn)?)
}

fn highest_id(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT coalesce(max(id), 0) FROM community_group", [], |r| r.get(0))?)
}

/// Drops a trigger and returns the SQL that makes it again.
fn drop_trigger(conn: &Connection, name: &str) -> Result<String, StoreError> {
    let sql =
        conn.query_row("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1", [name], |r| r.get(0))?;
    conn.execute_batch(&format!("DROP TRIGGER {name}"))?;
    Ok(sql)
}

fn pause_after(conn: &Connection, after_id: i64) -> Result<Paused, StoreError> {
    Ok(Paused { trigger_sql: drop_trigger(conn, INSERT_TRIGGER)?, after_id })
}

/// Runs `work` with FTS5 keeping up to [`ONE_PASS_HASH_SIZE`] of pending changes, then puts
/// its default back.
///
/// FTS5 writes out its pending changes as a new segment whenever they pass `hashsize` (1 MB by
/// default), and merges segments as they pile up: a larger pending table for one pass halves
/// the work (100,000 groups indexed: 2.1 s to 1.1 s). Everyday edits keep the default.
fn with_large_pending(conn: &Connection, work: impl FnOnce() -> Result<(), StoreError>) -> Result<(), StoreError> {
    let set = |size: i64| -> Result<(), StoreError> {
        conn.execute("INSERT INTO group_text (group_text, rank) VALUES ('hashsize', ?1)", [size])?;
        Ok(())
    };
    set(ONE_PASS_HASH_SIZE)?;
    work()?;
    set(DEFAULT_HASH_SIZE)
}

/// The delete trigger, set aside while many groups are deleted (the undo of a large import).
///
/// Each `DELETE` through the trigger is a statement of its own, and FTS5 writes out its pending
/// deletions at each one and merges them into the index: undoing an import of 100,000 groups
/// took 37 s that way. Set aside, the groups' rows are deleted and then their words, in one
/// statement.
pub(super) struct PausedDeletes {
    trigger_sql: String,
}

/// Sets the delete trigger aside when `count` groups are about to be deleted, enough to take
/// out of the index in one pass.
pub(super) fn pause_deletes_for(conn: &Connection, count: usize) -> Result<Option<PausedDeletes>, StoreError> {
    if count < ONE_PASS_FROM {
        return Ok(None);
    }
    Ok(Some(PausedDeletes { trigger_sql: drop_trigger(conn, DELETE_TRIGGER)? }))
}

impl PausedDeletes {
    /// Takes the groups `ids` (deleted since the pause) out of the index, then puts the
    /// trigger back.
    pub(super) fn resume(self, conn: &Connection, ids: &[i64]) -> Result<(), StoreError> {
        let list = format!("[{}]", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
        with_large_pending(conn, || {
            conn.execute("DELETE FROM group_text WHERE rowid IN (SELECT value FROM json_each(?1))", [&list])?;
            Ok(())
        })?;
        conn.execute_batch(&self.trigger_sql)?;
        Ok(())
    }
}

impl Paused {
    /// Indexes every group added since the pause, then puts the trigger back.
    pub(super) fn resume(self, conn: &Connection) -> Result<(), StoreError> {
        with_large_pending(conn, || {
            conn.execute(INDEX_TEXT, [self.after_id])?;
            Ok(())
        })?;
        conn.execute_batch(&self.trigger_sql)?;
        Ok(())
    }
}
