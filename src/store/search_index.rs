//! Filling the directory's search indexes for many new groups in one pass.
//!
//! The indexes (`group_search`, `group_text`: see `migrations/002_directory_search.sql`) are
//! kept in step by triggers. A trigger adds a group's words one statement at a time, and FTS5
//! writes its pending words out at each statement's savepoint, so a large import through the
//! trigger builds thousands of tiny index segments and merges them over and over: 100,000 groups
//! took 17 s that way against 1.5 s for one `INSERT … SELECT`. So an import of many groups drops
//! the insert trigger inside its transaction, writes the rows, indexes the new ones in one
//! statement per index, and puts the trigger back (the same SQL, read from the schema). All of
//! it is one transaction: a failure or a crash part-way leaves the trigger and the indexes as
//! they were. Updates, deletes, undo and redo still go through the triggers.

use rusqlite::Connection;

use super::StoreError;

/// From how many new groups an import indexes them in one pass.
pub(super) const ONE_PASS_FROM: usize = 200;

const TRIGGER: &str = "community_group_search_insert";

/// The words each group gives its indexes: the same columns and joins as the insert trigger.
const INDEX_SEARCH: &str = "INSERT INTO group_search (rowid, name, other_names, contact_name, postcode, identifiers) \
     SELECT id, name, other_names, contact_name, postcode, \
            charity_number || ' ' || company_number || ' ' || other_identifier \
     FROM community_group WHERE id > ?1 ORDER BY id";
const INDEX_TEXT: &str = "INSERT INTO group_text (rowid, description, contact) \
     SELECT id, description, contact_role || ' ' || contact_email || ' ' || contact_phone || ' ' || phone || ' ' || email \
     FROM community_group WHERE id > ?1 ORDER BY id";

/// The insert trigger, set aside while new groups are written.
pub(super) struct Paused {
    trigger_sql: String,
    /// Groups with a higher id are the new ones.
    after_id: i64,
}

/// Sets the insert trigger aside (inside the caller's transaction).
pub(super) fn pause(conn: &Connection) -> Result<Paused, StoreError> {
    let trigger_sql: String =
        conn.query_row("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1", [TRIGGER], |r| r.get(0))?;
    let after_id: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM community_group", [], |r| r.get(0))?;
    conn.execute_batch(&format!("DROP TRIGGER {TRIGGER}"))?;
    Ok(Paused { trigger_sql, after_id })
}

impl Paused {
    /// Indexes every group added since the pause, then puts the trigger back.
    pub(super) fn resume(self, conn: &Connection) -> Result<(), StoreError> {
        conn.execute(INDEX_SEARCH, [self.after_id])?;
        conn.execute(INDEX_TEXT, [self.after_id])?;
        conn.execute_batch(&self.trigger_sql)?;
        Ok(())
    }
}
