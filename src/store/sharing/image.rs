//! Images of the shared tables (a whole SQLite database, as bytes), and the session extension's
//! diffs and patches between them.

use rusqlite::session::{ConflictAction, ConflictType, Session};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, params};

use super::{SHARED, SharingError, quote, shared_name};
use crate::store::StoreError;
use crate::store::changes::{read_row, write_row};

/// A connection for images: in memory, and with no foreign keys enforced (an image is a copy of
/// rows, written in whatever order they agree in; the file's own checks are the ones that count).
pub(super) fn image_connection() -> Result<Connection, StoreError> {
    let conn = Connection::open_in_memory()?;
    conn.pragma_update(None, "foreign_keys", false)?;
    conn.pragma_update(None, "secure_delete", true)?;
    Ok(conn)
}

/// Makes an image of the shared tables: a whole SQLite database, as bytes.
pub(super) fn image_of(conn: &mut Connection) -> Result<Vec<u8>, StoreError> {
    conn.execute("ATTACH DATABASE ':memory:' AS share_image", [])?;
    let made = (|| -> Result<Vec<u8>, StoreError> {
        {
            let tx = conn.unchecked_transaction()?;
            tx.pragma_update(None, "defer_foreign_keys", true)?;
            for table in SHARED {
                let sql: String = tx.query_row(
                    "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?1",
                    [table],
                    |r| r.get(0),
                )?;
                tx.execute(&sql.replacen("CREATE TABLE ", "CREATE TABLE share_image.", 1), [])?;
                tx.execute(&format!("INSERT INTO share_image.{0} SELECT * FROM main.{0}", quote(table)), [])?;
            }
            tx.commit()?;
        }
        Ok(conn.serialize("share_image")?.to_vec())
    })();
    conn.execute("DETACH DATABASE share_image", [])?;
    made
}

/// Loads an image into `schema` of `conn` (its main database, or one attached first).
pub(super) fn load_image(conn: &mut Connection, schema: &str, image: &[u8]) -> Result<(), StoreError> {
    if schema != "main" {
        conn.execute(&format!("ATTACH DATABASE ':memory:' AS {}", quote(schema)), [])?;
    }
    conn.deserialize_read_exact(schema, image, image.len(), false).map_err(|_| SharingError::Damaged)?;
    Ok(())
}

/// Which kind of set a diff writes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum SetKind {
    /// New values only: what travels.
    Patch,
    /// Old and new values: what is applied here.
    Change,
}

/// What would make `base_schema`'s shared tables into `conn`'s main ones, as a patch or change set.
pub(super) fn diff(conn: &Connection, base_schema: &str, kind: SetKind) -> Result<Vec<u8>, StoreError> {
    let mut session = Session::new(conn)?;
    for table in SHARED {
        session.attach(Some(*table))?;
        session.diff::<&str, &str>(base_schema, table)?;
    }
    let mut out = Vec::new();
    match kind {
        SetKind::Patch => session.patchset_strm(&mut out)?,
        SetKind::Change => session.changeset_strm(&mut out)?,
    }
    Ok(out)
}

/// Applies a patch to an image (a base), as the sender's own base took it: the rows it names
/// become its values, whatever they were.
pub(super) fn apply_patch(conn: &Connection, patch: &[u8]) -> Result<(), StoreError> {
    let mut input: &[u8] = patch;
    conn.apply_strm(&mut input, Some(|table: &str| shared_name(table).is_some()), |conflict, _item| match conflict {
        ConflictType::SQLITE_CHANGESET_DATA | ConflictType::SQLITE_CHANGESET_CONFLICT => {
            ConflictAction::SQLITE_CHANGESET_REPLACE
        }
        _ => ConflictAction::SQLITE_CHANGESET_OMIT,
    })
    .map_err(|_| SharingError::Damaged)?;
    Ok(())
}

/// Notes in a base that a row was agreed when `sent` of this copy's changes files had been made,
/// so that an older one, acknowledged later, does not put back what was agreed since.
pub(super) fn mark_agreed(base: &Connection, table: &str, id: i64, sent: i64) -> Result<(), StoreError> {
    base.execute(
        "CREATE TABLE IF NOT EXISTS share_agreed (tbl TEXT NOT NULL, id INTEGER NOT NULL, after_sent INTEGER NOT NULL,
             PRIMARY KEY (tbl, id))",
        [],
    )?;
    base.execute(
        "INSERT OR REPLACE INTO share_agreed (tbl, id, after_sent) VALUES (?1, ?2, ?3)",
        params![table, id, sent],
    )?;
    Ok(())
}

/// Moves a base on by the changes file numbered `number` that the colleague says it took in:
/// the rows it names take its values, except rows agreed after it was made.
pub(super) fn advance_by_acknowledged(base: &Connection, patch: &[u8], number: i64) -> Result<(), StoreError> {
    let agreed_since: bool =
        base.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'share_agreed')", [], |r| r.get(0))?;
    let mut kept = Vec::new();
    if agreed_since {
        for (table, id) in keys_of(patch)? {
            let newer: bool = base.query_row(
                "SELECT EXISTS (SELECT 1 FROM share_agreed WHERE tbl = ?1 AND id = ?2 AND after_sent >= ?3)",
                params![table, id, number],
                |r| r.get(0),
            )?;
            if newer {
                kept.push((table, id, read_row(base, table, id)?));
            }
        }
    }
    apply_patch(base, patch)?;
    for (table, id, row) in kept {
        let exists = read_row(base, table, id)?.is_some();
        write_row(base, table, id, exists, row.as_ref())?;
    }
    Ok(())
}

/// A row's id (its first column) in a change set.
pub(super) fn id_of(value: rusqlite::Result<ValueRef<'_>>) -> Result<i64, StoreError> {
    value.ok().and_then(|v| v.as_i64().ok()).ok_or_else(|| SharingError::Damaged.into())
}

/// Every row a change set touches, in its order.
pub(super) fn keys_of(change: &[u8]) -> Result<Vec<(&'static str, i64)>, StoreError> {
    use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
    use rusqlite::hooks::Action;
    let mut slice: &[u8] = change;
    let input: &mut dyn std::io::Read = &mut slice;
    let mut iter = rusqlite::session::ChangesetIter::start_strm(&input)?;
    let mut keys = Vec::new();
    while let Some(item) = iter.next()? {
        let op = item.op()?;
        let Some(table) = shared_name(op.table_name()) else { continue };
        let id = match op.code() {
            Action::SQLITE_INSERT => id_of(item.new_value(0))?,
            _ => id_of(item.old_value(0))?,
        };
        keys.push((table, id));
    }
    Ok(keys)
}
