//! The change log behind undo and redo.
//!
//! Theory of operation: every edit runs in one transaction through a [`Recorder`], which reads
//! each row it touches before and after writing it. The resulting [`ChangeSet`] is one finished
//! user gesture. Undo writes the `before` rows back in reverse order; redo writes the `after`
//! rows again in order. Both check first that each row is still as the change left it, and both
//! run in one transaction, so an undo either happens whole or not at all. Rows come back with
//! their own ids and every column, so undo restores exactly the rows that were there.
//!
//! A large import adds its new rows as [`InsertBatch`]es, recorded by id alone: reading 100,000
//! rows back as they are written, and keeping them all, cost as much time as writing them and
//! hundreds of megabytes. The first undo of a batch reads its rows (they are still exactly as
//! written: every later change was undone first) and keeps them for redo; later undos check
//! the rows against them like any other change.

use std::sync::OnceLock;

use rusqlite::types::Value;
use rusqlite::{CachedStatement, Connection, params_from_iter};

use super::StoreError;

/// A row as column names and values, in table order.
pub type RowValues = Vec<(String, Value)>;

/// One row's change: absent `before` is an insert, absent `after` a delete.
#[derive(Clone, Debug, PartialEq)]
pub struct RowChange {
    pub table: &'static str,
    pub id: i64,
    pub before: Option<RowValues>,
    pub after: Option<RowValues>,
}

/// Rows one change added to a table, recorded by id (see the module's notes).
#[derive(Clone, Debug, PartialEq)]
pub struct InsertBatch {
    pub table: &'static str,
    /// In the order they were written.
    pub ids: Vec<i64>,
    /// The rows as they were when first undone, for redo (and for checking later undos).
    rows: OnceLock<BatchRows>,
}

/// A batch's rows as read: the table's columns once, then each row's values in that order.
#[derive(Clone, Debug, PartialEq)]
struct BatchRows {
    columns: Vec<String>,
    values: Vec<Vec<Value>>,
}

/// Everything one user gesture changed, with the words the Edit menu shows ("Undo Edit group").
///
/// Invariant: a row in a batch may refer to a row in `changes` (a new group to a new category),
/// never the other way round. So undo takes back the batches (newest first) before `changes`,
/// and redo makes `changes` before the batches.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeSet {
    pub label: String,
    pub changes: Vec<RowChange>,
    pub batches: Vec<InsertBatch>,
}

impl ChangeSet {
    /// A change that changed nothing (yet).
    pub fn new(label: impl Into<String>) -> Self {
        Self { label: label.into(), changes: Vec::new(), batches: Vec::new() }
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.batches.iter().all(|b| b.ids.is_empty())
    }
}

/// Which way to apply a change set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    Undo,
    Redo,
}

fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

pub(crate) fn read_row(conn: &Connection, table: &str, id: i64) -> Result<Option<RowValues>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM {} WHERE id = ?1", quote(table)))?;
    let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    let mut rows = stmt.query([id])?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    let mut values = Vec::with_capacity(names.len());
    for (i, name) in names.into_iter().enumerate() {
        values.push((name, row.get::<_, Value>(i)?));
    }
    Ok(Some(values))
}

pub(crate) fn write_row(
    conn: &Connection,
    table: &str,
    id: i64,
    exists: bool,
    target: Option<&RowValues>,
) -> Result<(), StoreError> {
    match (exists, target) {
        (true, None) => {
            conn.execute(&format!("DELETE FROM {} WHERE id = ?1", quote(table)), [id])?;
        }
        (false, Some(values)) => {
            let columns: Vec<String> = values.iter().map(|(c, _)| quote(c)).collect();
            let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
            let sql = format!("INSERT INTO {} ({}) VALUES ({})", quote(table), columns.join(", "), marks.join(", "));
            conn.execute(&sql, params_from_iter(values.iter().map(|(_, v)| v)))?;
        }
        (true, Some(values)) => {
            let sets: Vec<String> = values
                .iter()
                .filter(|(c, _)| c != "id")
                .enumerate()
                .map(|(i, (c, _))| format!("{} = ?{}", quote(c), i + 1))
                .collect();
            let n = sets.len();
            let sql = format!("UPDATE {} SET {} WHERE id = ?{}", quote(table), sets.join(", "), n + 1);
            let params = values.iter().filter(|(c, _)| c != "id").map(|(_, v)| v.clone()).chain([Value::Integer(id)]);
            conn.execute(&sql, params_from_iter(params))?;
        }
        (false, None) => {}
    }
    Ok(())
}

fn conflict(set: &ChangeSet) -> StoreError {
    StoreError::UndoConflict { label: set.label.clone() }
}

/// Takes back a batch's rows, newest first: each must still be there (and, once read, be as
/// read then). The rows read are kept for redo.
fn undo_batch(conn: &Connection, set: &ChangeSet, batch: &InsertBatch) -> Result<(), StoreError> {
    let table = quote(batch.table);
    let paused = if batch.table == "community_group" {
        super::search_index::pause_deletes_for(conn, batch.ids.len())?
    } else {
        None
    };
    let mut select = conn.prepare_cached(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
    let mut delete = conn.prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?;
    let width = select.column_count();
    let known = batch.rows.get();
    let mut read = Vec::with_capacity(if known.is_some() { 0 } else { batch.ids.len() });
    // An import's new ids follow one another: its rows are read and deleted as one range (a
    // scan, not 400,000 look-ups), and must be exactly the batch's.
    let range = match (batch.ids.first(), batch.ids.last()) {
        (Some(&first), Some(&last))
            if usize::try_from(last - first + 1).ok() == Some(batch.ids.len())
                && batch.ids.windows(2).all(|w| w[1] == w[0] + 1) =>
        {
            Some((first, last))
        }
        _ => None,
    };
    if let Some((first, last)) = range {
        let mut scan =
            conn.prepare_cached(&format!("SELECT * FROM {table} WHERE id >= ?1 AND id <= ?2 ORDER BY id"))?;
        let mut rows = scan.query([first, last])?;
        let mut i = 0;
        while let Some(row) = rows.next()? {
            let current: Vec<Value> = (0..width).map(|c| row.get::<_, Value>(c)).collect::<Result<_, _>>()?;
            match known {
                Some(known) if known.values.get(i) != Some(&current) => return Err(conflict(set)),
                Some(_) => {}
                None => read.push(current),
            }
            i += 1;
        }
        drop(rows);
        if i != batch.ids.len() {
            return Err(conflict(set));
        }
        let deleted =
            conn.prepare_cached(&format!("DELETE FROM {table} WHERE id >= ?1 AND id <= ?2"))?.execute([first, last])?;
        if deleted != batch.ids.len() {
            return Err(conflict(set));
        }
        read.reverse();
    }
    for (i, &id) in batch.ids.iter().enumerate().rev().filter(|_| range.is_none()) {
        let current: Vec<Value> = {
            let mut rows = select.query([id])?;
            let row = rows.next()?.ok_or_else(|| conflict(set))?;
            (0..width).map(|c| row.get::<_, Value>(c)).collect::<Result<_, _>>()?
        };
        match known {
            Some(known) if known.values.get(i) != Some(&current) => return Err(conflict(set)),
            Some(_) => {}
            None => read.push(current),
        }
        delete.execute([id])?;
    }
    if let Some(paused) = paused {
        paused.resume(conn, &batch.ids)?;
    }
    if known.is_none() {
        read.reverse();
        let columns = select.column_names().map(str::to_owned).collect();
        // The rows are what the file holds whether or not the caller commits.
        let _ = batch.rows.set(BatchRows { columns, values: read });
    }
    Ok(())
}

/// Writes a batch's rows again, in order, with their own ids. Many new groups are indexed for
/// search in one pass, as by the import.
fn redo_batch(conn: &Connection, set: &ChangeSet, batch: &InsertBatch) -> Result<(), StoreError> {
    let rows = batch.rows.get().ok_or_else(|| conflict(set))?;
    let paused = if batch.table == "community_group" {
        super::search_index::pause_for(conn, batch.ids.len(), batch.ids.iter().copied().min())?
    } else {
        None
    };
    let names: Vec<&str> = rows.columns.iter().map(String::as_str).collect();
    let mut insert = Inserter::new(conn, batch.table, &names)?;
    for values in &rows.values {
        insert.insert(values).map_err(|e| match e {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                conflict(set)
            }
            other => other,
        })?;
    }
    if let Some(paused) = paused {
        paused.resume(conn)?;
    }
    Ok(())
}

/// Applies a change set backwards (undo) or forwards (redo) inside the caller's transaction.
pub(crate) fn apply(conn: &Connection, set: &ChangeSet, direction: Direction) -> Result<(), StoreError> {
    if direction == Direction::Undo {
        for batch in set.batches.iter().rev() {
            undo_batch(conn, set, batch)?;
        }
    }
    let mut apply_one = |change: &RowChange| -> Result<(), StoreError> {
        let (expected, target) = match direction {
            Direction::Undo => (&change.after, &change.before),
            Direction::Redo => (&change.before, &change.after),
        };
        let current = read_row(conn, change.table, change.id)?;
        if current != *expected {
            return Err(conflict(set));
        }
        write_row(conn, change.table, change.id, current.is_some(), target.as_ref())
    };
    match direction {
        Direction::Undo => set.changes.iter().rev().try_for_each(&mut apply_one),
        Direction::Redo => {
            set.changes.iter().try_for_each(&mut apply_one)?;
            set.batches.iter().try_for_each(|batch| redo_batch(conn, set, batch))
        }
    }
}

/// Inserts rows of one table with the same columns through one prepared statement.
pub(crate) struct Inserter<'c> {
    statement: CachedStatement<'c>,
    conn: &'c Connection,
    table: String,
    /// The id the next row takes (in this copy's block: see `store::sharing`).
    next: i64,
    first: i64,
}

impl Drop for Inserter<'_> {
    /// Notes the ids given (inside the transaction the rows were written in, before it commits).
    fn drop(&mut self) {
        if self.next > self.first {
            let _ = super::sharing::note_id(self.conn, &self.table, self.next - 1);
        }
    }
}

impl<'c> Inserter<'c> {
    pub(crate) fn new(conn: &'c Connection, table: &str, columns: &[&str]) -> Result<Self, StoreError> {
        let names: Vec<String> = std::iter::once("id").chain(columns.iter().copied()).map(quote).collect();
        let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        let sql = format!("INSERT INTO {} ({}) VALUES ({})", quote(table), names.join(", "), marks.join(", "));
        let next = super::sharing::next_id(conn, table)?;
        Ok(Self { statement: conn.prepare_cached(&sql)?, conn, table: table.to_owned(), next, first: next })
    }

    /// Inserts one row (its values in the columns' order) and returns its id.
    pub(crate) fn insert<P: rusqlite::ToSql>(
        &mut self,
        values: impl IntoIterator<Item = P>,
    ) -> Result<i64, StoreError> {
        let id = self.next;
        self.statement.raw_bind_parameter(1, id)?;
        for (i, value) in values.into_iter().enumerate() {
            self.statement.raw_bind_parameter(i + 2, value)?;
        }
        self.statement.raw_execute()?;
        self.next += 1;
        Ok(id)
    }
}

/// New rows of one table, written through one statement and recorded by id: made by
/// [`Recorder::batch`], handed back with [`Recorder::record_batch`].
pub(crate) struct Batch<'c> {
    table: &'static str,
    inserter: Inserter<'c>,
    ids: Vec<i64>,
}

impl Batch<'_> {
    /// Inserts a row; `values` are in the order of the batch's columns.
    pub(crate) fn insert<P: rusqlite::ToSql>(
        &mut self,
        values: impl IntoIterator<Item = P>,
    ) -> Result<i64, StoreError> {
        let id = self.inserter.insert(values)?;
        self.ids.push(id);
        Ok(id)
    }
}

/// Records every row an edit touches. Only the store makes one.
pub struct Recorder<'c> {
    conn: &'c Connection,
    changes: Vec<RowChange>,
    batches: Vec<InsertBatch>,
}

impl<'c> Recorder<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Self {
        Self { conn, changes: Vec::new(), batches: Vec::new() }
    }

    pub(crate) fn finish(self, label: String) -> ChangeSet {
        ChangeSet { label, changes: self.changes, batches: self.batches }
    }

    /// Inserts a row and returns its id.
    pub(crate) fn insert(&mut self, table: &'static str, columns: &[(&str, Value)]) -> Result<i64, StoreError> {
        let id = super::sharing::next_id(self.conn, table)?;
        let names: Vec<String> = std::iter::once("id").chain(columns.iter().map(|(c, _)| *c)).map(quote).collect();
        let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        let sql = format!("INSERT INTO {} ({}) VALUES ({})", quote(table), names.join(", "), marks.join(", "));
        let values = std::iter::once(Value::Integer(id)).chain(columns.iter().map(|(_, v)| v.clone()));
        self.conn.prepare_cached(&sql)?.execute(params_from_iter(values))?;
        super::sharing::note_id(self.conn, table, id)?;
        let after = read_row(self.conn, table, id)?;
        self.changes.push(RowChange { table, id, before: None, after });
        Ok(id)
    }

    /// Starts a batch of new rows of `table`, each giving `columns`.
    pub(crate) fn batch(&self, table: &'static str, columns: &[&'static str]) -> Result<Batch<'c>, StoreError> {
        Ok(Batch { table, inserter: Inserter::new(self.conn, table, columns)?, ids: Vec::new() })
    }

    /// Records a batch's rows as part of this change.
    pub(crate) fn record_batch(&mut self, batch: Batch<'_>) {
        if !batch.ids.is_empty() {
            self.batches.push(InsertBatch { table: batch.table, ids: batch.ids, rows: OnceLock::new() });
        }
    }

    /// The transaction's connection, for reading inside an edit.
    pub(crate) fn conn(&self) -> &Connection {
        self.conn
    }

    /// Sets some columns of one row. Returns false if there is no such row.
    pub(crate) fn update(
        &mut self,
        table: &'static str,
        id: i64,
        columns: &[(&str, Value)],
    ) -> Result<bool, StoreError> {
        let Some(before) = read_row(self.conn, table, id)? else {
            return Ok(false);
        };
        let sets: Vec<String> =
            columns.iter().enumerate().map(|(i, (c, _))| format!("{} = ?{}", quote(c), i + 1)).collect();
        let sql = format!("UPDATE {} SET {} WHERE id = ?{}", quote(table), sets.join(", "), columns.len() + 1);
        let params = columns.iter().map(|(_, v)| v.clone()).chain([Value::Integer(id)]);
        self.conn.prepare_cached(&sql)?.execute(params_from_iter(params))?;
        let after = read_row(self.conn, table, id)?;
        if after.as_ref() != Some(&before) {
            self.changes.push(RowChange { table, id, before: Some(before), after });
        }
        Ok(true)
    }

    /// Makes the rows of `table` that belong to `parent_id` (through the column `parent`) exactly
    /// `wanted`, each given as the values of `columns`: rows not wanted are deleted, then missing
    /// ones inserted, each through the recorder. Rows already as wanted are left alone.
    pub(crate) fn set_children(
        &mut self,
        table: &'static str,
        parent: &str,
        parent_id: i64,
        columns: &[&str],
        wanted: &[Vec<Value>],
    ) -> Result<(), StoreError> {
        let names: Vec<String> = columns.iter().map(|c| quote(c)).collect();
        let sql = format!("SELECT id, {} FROM {} WHERE {} = ?1", names.join(", "), quote(table), quote(parent));
        let current: Vec<(i64, Vec<Value>)> = {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map([parent_id], |r| {
                let values = (1..=columns.len()).map(|i| r.get::<_, Value>(i)).collect::<Result<_, _>>()?;
                Ok((r.get(0)?, values))
            })?;
            rows.collect::<Result<_, _>>()?
        };
        for (id, values) in &current {
            if !wanted.contains(values) {
                self.delete(table, *id)?;
            }
        }
        for values in wanted {
            if !current.iter().any(|(_, v)| v == values) {
                let mut row: Vec<(&str, Value)> = vec![(parent, Value::Integer(parent_id))];
                row.extend(columns.iter().copied().zip(values.iter().cloned()));
                self.insert(table, &row)?;
            }
        }
        Ok(())
    }

    /// Deletes one row. Returns false if there was no such row.
    pub(crate) fn delete(&mut self, table: &'static str, id: i64) -> Result<bool, StoreError> {
        let Some(before) = read_row(self.conn, table, id)? else {
            return Ok(false);
        };
        self.conn.execute(&format!("DELETE FROM {} WHERE id = ?1", quote(table)), [id])?;
        self.changes.push(RowChange { table, id, before: Some(before), after: None });
        Ok(true)
    }
}
