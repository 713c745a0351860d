//! The change log behind undo and redo.
//!
//! Theory of operation: every edit runs in one transaction through a [`Recorder`], which reads
//! each row it touches before and after writing it. The resulting [`ChangeSet`] is one finished
//! user gesture. Undo writes the `before` rows back in reverse order; redo writes the `after`
//! rows again in order. Both check first that each row is still as the change left it, and both
//! run in one transaction, so an undo either happens whole or not at all. Rows come back with
//! their own ids and every column, so undo restores exactly the rows that were there.

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

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

/// Everything one user gesture changed, with the words the Edit menu shows ("Undo Edit group").
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeSet {
    pub label: String,
    pub changes: Vec<RowChange>,
}

impl ChangeSet {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
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

fn write_row(
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

/// Applies a change set backwards (undo) or forwards (redo) inside the caller's transaction.
pub(crate) fn apply(conn: &Connection, set: &ChangeSet, direction: Direction) -> Result<(), StoreError> {
    let mut apply_one = |change: &RowChange| -> Result<(), StoreError> {
        let (expected, target) = match direction {
            Direction::Undo => (&change.after, &change.before),
            Direction::Redo => (&change.before, &change.after),
        };
        let current = read_row(conn, change.table, change.id)?;
        if current != *expected {
            return Err(StoreError::UndoConflict { label: set.label.clone() });
        }
        write_row(conn, change.table, change.id, current.is_some(), target.as_ref())
    };
    match direction {
        Direction::Undo => set.changes.iter().rev().try_for_each(&mut apply_one),
        Direction::Redo => set.changes.iter().try_for_each(&mut apply_one),
    }
}

/// Records every row an edit touches. Only the store makes one.
pub struct Recorder<'c> {
    conn: &'c Connection,
    changes: Vec<RowChange>,
}

impl<'c> Recorder<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Self {
        Self { conn, changes: Vec::new() }
    }

    pub(crate) fn finish(self) -> Vec<RowChange> {
        self.changes
    }

    /// Inserts a row and returns its id.
    pub(crate) fn insert(&mut self, table: &'static str, columns: &[(&str, Value)]) -> Result<i64, StoreError> {
        let names: Vec<String> = columns.iter().map(|(c, _)| quote(c)).collect();
        let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        let sql = format!("INSERT INTO {} ({}) VALUES ({})", quote(table), names.join(", "), marks.join(", "));
        self.conn.prepare_cached(&sql)?.execute(params_from_iter(columns.iter().map(|(_, v)| v)))?;
        let id = self.conn.last_insert_rowid();
        let after = read_row(self.conn, table, id)?;
        self.changes.push(RowChange { table, id, before: None, after });
        Ok(id)
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
