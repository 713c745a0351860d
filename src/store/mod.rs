//! The placement database: one SQLite file is one document. All SQL lives in this module.
//!
//! Invariants:
//! - A file is checked (header, application id, schema version, `PRAGMA quick_check`) before
//!   anything is written to it; a refused file's bytes are left exactly as they were.
//! - Every edit is one transaction, committed as it is made, and returns the [`ChangeSet`]
//!   that undoes it.
//! - A file is open for writing in at most one process ([`lock`]).

mod backups;
mod changes;
mod directory_search;
mod disk;
mod edits;
mod errors;
mod header;
mod import;
mod lists;
mod lock;
mod offers;
mod outcomes;
mod people;
mod placements;
mod queries;
mod schema;
mod search_index;
mod sharing;
mod sheets;
mod teams;

use std::fs::{self, File, OpenOptions};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use backups::{BackupInfo, Backups, KEEP_NEWEST};
pub use changes::{ChangeSet, InsertBatch, RowChange, RowValues};
pub use directory_search::{SearchCache, find_groups};
pub use disk::display_name;
pub use edits::{Archiving, BulkWriter, NewParticipant};
pub use errors::{OpenError, SharingError, StoreError};
pub use import::GroupSink;
pub use lists::{NeighbourhoodsSet, Overwrite, PostcodeRule};
pub use people::{KeepNames, PeopleList, PeopleListItem, Removed};
pub use schema::SCHEMA_VERSION;
pub use teams::{ProposedTeam, TeamLock};

use changes::{Direction, Recorder};
use disk::{FileIdentity, copy_database, file_identity, same_file};
use header::{HEADER_LEN, HeaderVerdict, check_header};
use lock::{DocumentLock, LockError};

/// Marks a file as ours in the SQLite header (`PRAGMA application_id`): "PLCS".
pub const APPLICATION_ID: i32 = 0x504C_4353;

/// The extension new files get; any name opens.
pub const FILE_EXTENSION: &str = "placements";

/// How to open a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    /// For changing, when the file and its folder allow it; otherwise read-only.
    Edit,
    /// Read-only, whatever the file allows.
    ReadOnly,
}

/// Whether the open document can be changed, and if not, why not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    ReadOnly(ReadOnlyReason),
}

impl Access {
    pub fn is_writable(self) -> bool {
        self == Self::ReadWrite
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// The file's own permissions say read-only.
    FileIsReadOnly,
    /// Its folder cannot be written to (SQLite needs to write a journal beside the file).
    FolderIsReadOnly,
    /// The user asked for read-only (for example because another copy has it open).
    Requested,
}

impl ReadOnlyReason {
    pub fn explanation(self) -> &'static str {
        match self {
            Self::FileIsReadOnly => "The file is read-only.",
            Self::FolderIsReadOnly => "The folder it is in cannot be written to.",
            Self::Requested => "It was opened read-only.",
        }
    }
}

/// An open placement database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    access: Access,
    /// The format version of the file on disk (an older file opened read-only is read through
    /// an upgraded copy in memory, and keeps its own version here).
    file_version: u32,
    /// The file's identity on disk when it was opened, to notice it being deleted or replaced.
    identity: Option<FileIdentity>,
    /// Held while the file is open for writing; shared with the store's worker handles.
    lock: Option<Arc<DocumentLock>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).field("access", &self.access).finish_non_exhaustive()
    }
}

fn read_prefix(path: &Path) -> Result<Vec<u8>, OpenError> {
    let mut file = File::open(path).map_err(OpenError::Io)?;
    let mut header = Vec::with_capacity(HEADER_LEN);
    file.by_ref().take(HEADER_LEN as u64).read_to_end(&mut header).map_err(OpenError::Io)?;
    Ok(header)
}

fn folder_is_read_only(path: &Path) -> bool {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::metadata(folder).map(|m| m.permissions().readonly()).unwrap_or(true)
}

/// The rollback journal a program that stopped in the middle of a change left beside `path`,
/// when there is one with something in it.
fn journal_left(path: &Path) -> Option<PathBuf> {
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    let journal = PathBuf::from(journal);
    fs::metadata(&journal).ok().filter(|m| m.is_file() && m.len() > 0).map(|_| journal)
}

/// A change a killed program left half made (a hot journal beside the file) is rolled back
/// before the file is read, by any open, read-only ones too: a read-only connection cannot roll
/// it back and refused to read the file at all. Only where the file and its folder can be
/// written: it is the user's own file, put back exactly as it was before that change. SQLite
/// rolls back only a journal no live writer holds, so a copy of the program writing the file
/// now is left alone.
fn recover_interrupted_change(path: &Path, meta: &fs::Metadata) {
    if journal_left(path).is_none() || meta.permissions().readonly() || folder_is_read_only(path) {
        return;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if let Ok(conn) = Connection::open_with_flags(path, flags) {
        let _ = conn.busy_timeout(Duration::from_secs(2));
        // The first read rolls a hot journal back; nothing else is written.
        let _ = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0));
    }
}

fn decide_access(
    path: &Path,
    meta: &fs::Metadata,
    mode: OpenMode,
) -> Result<(Access, Option<DocumentLock>), OpenError> {
    if mode == OpenMode::ReadOnly {
        return Ok((Access::ReadOnly(ReadOnlyReason::Requested), None));
    }
    // Mode bits first: they say what the user meant even where the process could write anyway.
    // Opening for writing without truncating changes nothing in the file.
    if meta.permissions().readonly() || OpenOptions::new().write(true).open(path).is_err() {
        return Ok((Access::ReadOnly(ReadOnlyReason::FileIsReadOnly), None));
    }
    if folder_is_read_only(path) {
        return Ok((Access::ReadOnly(ReadOnlyReason::FolderIsReadOnly), None));
    }
    match DocumentLock::acquire(path) {
        Ok(lock) => Ok((Access::ReadWrite, Some(lock))),
        Err(LockError::Held { holder }) => Err(OpenError::InUse { holder }),
        Err(LockError::CannotCreate(_)) => Ok((Access::ReadOnly(ReadOnlyReason::FolderIsReadOnly), None)),
    }
}

/// The connection settings every document gets.
fn configure(conn: &Connection, access: Access) -> rusqlite::Result<()> {
    conn.busy_timeout(Duration::from_secs(2))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "secure_delete", true)?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Edits, imports and undo use a few dozen distinct statements: keep them prepared.
    conn.set_prepared_statement_cache_capacity(64);
    if access == Access::ReadWrite {
        // A document people copy and email must not depend on `-wal` side files.
        let _mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    }
    Ok(())
}

/// SQLite's quick check of every table that holds rows (the search indexes' own tables among
/// them), one table at a time. The whole-file `PRAGMA quick_check` also walks the search
/// indexes' words through FTS5's own check, which took 1.1 s of its 1.4 s at 100,000 groups:
/// a page of theirs that is damaged is still found here, as the table that holds it.
fn quick_check(conn: &Connection) -> Result<(), OpenError> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND rootpage > 0 ORDER BY rootpage")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<_, _>>()?;
    for table in tables {
        let mut stmt = conn.prepare(&format!("PRAGMA quick_check(\"{}\")", table.replace('"', "\"\"")))?;
        let problems: Vec<String> = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<_, _>>()?;
        if !(problems.len() == 1 && problems[0] == "ok") {
            return Err(OpenError::Damaged(problems.into_iter().take(3).collect::<Vec<_>>().join("; ")));
        }
    }
    Ok(())
}

impl Store {
    /// Opens an existing placement database. Never creates a file.
    pub fn open(path: &Path, mode: OpenMode) -> Result<Self, OpenError> {
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(OpenError::NotFound),
            Err(e) => return Err(OpenError::Io(e)),
        };
        if meta.is_dir() {
            return Err(OpenError::IsFolder);
        }
        let verdict = check_header(&read_prefix(path)?, meta.len())?;
        let (access, lock) = decide_access(path, &meta, mode)?;
        if access != Access::ReadWrite {
            recover_interrupted_change(path, &meta);
        }
        Self::open_checked(path, verdict, access, lock).map_err(|e| match e {
            // A read-only connection cannot roll back a hot journal: SQLite says "attempt to
            // write a readonly database". Said in words instead.
            OpenError::Sqlite(ref inner) if inner.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) => {
                match journal_left(path) {
                    Some(journal) => OpenError::InterruptedChange { journal: display_name(&journal) },
                    None => e,
                }
            }
            e => e,
        })
    }

    /// Opens a file whose header has passed, with the access (and lock) already decided.
    fn open_checked(
        path: &Path,
        verdict: HeaderVerdict,
        access: Access,
        lock: Option<DocumentLock>,
    ) -> Result<Self, OpenError> {
        let flags = match access {
            Access::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE,
            Access::ReadOnly(_) => OpenFlags::SQLITE_OPEN_READ_ONLY,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        quick_check(&conn)?;
        let application_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        match verdict {
            HeaderVerdict::Blank => {
                let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
                if objects > 0 || application_id != 0 {
                    return Err(OpenError::OtherApplication);
                }
            }
            HeaderVerdict::Ours { .. } if application_id != APPLICATION_ID => {
                return Err(OpenError::OtherApplication);
            }
            HeaderVerdict::Ours { .. } => {}
        }
        if version > SCHEMA_VERSION {
            return Err(OpenError::Newer { found: version, supported: SCHEMA_VERSION });
        }
        configure(&conn, access)?;
        let mut store = Self {
            conn,
            path: path.to_path_buf(),
            access,
            file_version: version,
            identity: file_identity(path),
            lock: lock.map(Arc::new),
        };
        if version < SCHEMA_VERSION {
            if access == Access::ReadWrite {
                schema::migrate(&mut store.conn)?;
                store.file_version = SCHEMA_VERSION;
            } else {
                // A read-only file from an older version is read through an upgraded copy in
                // memory; the file itself is never written.
                let mut memory = Connection::open_in_memory()?;
                rusqlite::backup::Backup::new(&store.conn, &mut memory)?.run_to_completion(
                    4096,
                    Duration::ZERO,
                    None,
                )?;
                configure(&memory, access)?;
                schema::migrate(&mut memory)?;
                store.conn = memory;
            }
        }
        Ok(store)
    }

    /// Creates a new, empty placement database. Refuses to touch an existing file.
    pub fn create(path: &Path) -> Result<Self, OpenError> {
        if fs::symlink_metadata(path).is_ok() {
            return Err(OpenError::AlreadyExists);
        }
        OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => OpenError::AlreadyExists,
            _ => OpenError::CannotCreate(e),
        })?;
        let made = (|| {
            let lock = DocumentLock::acquire(path).map_err(|e| match e {
                LockError::Held { holder } => OpenError::InUse { holder },
                LockError::CannotCreate(e) => OpenError::CannotCreate(e),
            })?;
            let mut conn =
                Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
            configure(&conn, Access::ReadWrite)?;
            schema::migrate(&mut conn)?;
            Ok(Self {
                conn,
                path: path.to_path_buf(),
                access: Access::ReadWrite,
                file_version: SCHEMA_VERSION,
                identity: file_identity(path),
                lock: Some(Arc::new(lock)),
            })
        })();
        if made.is_err() {
            let _ = fs::remove_file(path);
        }
        made
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's name as people see it, e.g. `Bolton 2027.placements`.
    pub fn file_name(&self) -> String {
        display_name(&self.path)
    }

    pub fn access(&self) -> Access {
        self.access
    }

    pub fn is_writable(&self) -> bool {
        self.access == Access::ReadWrite
    }

    /// The format version of the file on disk.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(self.file_version)
    }

    /// Runs one edit in one transaction and returns what undoes it.
    pub(crate) fn edit(
        &mut self,
        label: impl Into<String>,
        f: impl FnOnce(&mut Recorder<'_>) -> Result<(), StoreError>,
    ) -> Result<ChangeSet, StoreError> {
        self.write_gate()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut recorder = Recorder::new(&tx);
        f(&mut recorder)?;
        let change = recorder.finish(label.into());
        tx.commit()?;
        Ok(change)
    }

    /// The one gate every write to the document passes (edits, undo and redo, imports, the
    /// bulk writer, restore): the file must still be open for writing, still be the file that
    /// was opened (not deleted, moved or replaced, when writes would vanish with it), not have
    /// been made read-only since, and this process must still hold its lock. Everything already
    /// saved stays readable either way, and Save As copies it from the open connection.
    pub(crate) fn write_gate(&self) -> Result<(), StoreError> {
        if !self.is_writable() {
            return Err(StoreError::ReadOnly);
        }
        if self.identity.is_some() && file_identity(&self.path) != self.identity {
            return Err(StoreError::FileGone);
        }
        if fs::metadata(&self.path).is_ok_and(|m| m.permissions().readonly()) {
            return Err(StoreError::FileMadeReadOnly);
        }
        if !self.lock.as_ref().is_some_and(|lock| lock.is_held()) {
            return Err(StoreError::LockLost);
        }
        Ok(())
    }

    /// Puts back what `set` changed (undo).
    pub fn undo(&mut self, set: &ChangeSet) -> Result<(), StoreError> {
        self.apply_change_set(set, Direction::Undo)
    }

    /// Makes `set`'s changes again (redo).
    pub fn redo(&mut self, set: &ChangeSet) -> Result<(), StoreError> {
        self.apply_change_set(set, Direction::Redo)
    }

    fn apply_change_set(&mut self, set: &ChangeSet, direction: Direction) -> Result<(), StoreError> {
        self.write_gate()?;
        // An import's undo or redo touches as many rows as the import: as much cache (see
        // `import_groups_from`).
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let large = set.batches.iter().map(|b| b.ids.len()).sum::<usize>() > 10_000;
        if large {
            self.conn.pragma_update(None, "cache_size", -32_768)?;
        }
        let applied = (|| {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Rows come back in the order they were changed, which may put a row before the one
            // it points at (a change taken in from a colleague's copy): checked when it commits.
            tx.pragma_update(None, "defer_foreign_keys", true)?;
            changes::apply(&tx, set, direction)?;
            tx.commit()?;
            Ok(())
        })();
        if large {
            self.conn.pragma_update(None, "cache_size", cache)?;
        }
        applied
    }

    /// Copies the document to `target` and carries on working there. The copy is written to a
    /// temporary file beside the target with SQLite's backup API, synced, then renamed over the
    /// target, so the target is never half written. The original is not touched.
    pub fn save_as(&mut self, target: &Path) -> Result<(), StoreError> {
        if same_file(target, &self.path) {
            return Ok(());
        }
        // A folder marked read-only is respected even where this process could write anyway.
        if target.parent().is_some_and(|p| p.exists()) && folder_is_read_only(target) {
            return Err(StoreError::Io(std::io::Error::from(std::io::ErrorKind::PermissionDenied)));
        }
        let lock = DocumentLock::acquire(target).map_err(|e| match e {
            LockError::Held { holder } => StoreError::TargetInUse { holder },
            LockError::CannotCreate(e) => StoreError::Io(e),
        })?;
        copy_database(&self.conn, target)?;
        let conn =
            Connection::open_with_flags(target, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        configure(&conn, Access::ReadWrite)?;
        self.conn = conn;
        self.path = target.to_path_buf();
        self.access = Access::ReadWrite;
        self.file_version = SCHEMA_VERSION;
        self.identity = file_identity(target);
        self.lock = Some(Arc::new(lock));
        Ok(())
    }

    /// Replaces this document's contents with a backup's (which is checked first).
    pub fn restore_from(&mut self, backup: &Path) -> Result<(), StoreError> {
        self.write_gate()?;
        let source = Store::open(backup, OpenMode::ReadOnly)?;
        copy_database(&source.conn, &self.path)?;
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn, Access::ReadWrite)?;
        self.conn = conn;
        schema::migrate(&mut self.conn)?;
        self.file_version = SCHEMA_VERSION;
        self.identity = file_identity(&self.path);
        Ok(())
    }

    /// Writes a complete copy of the document to `target` (replacing it) and keeps working here:
    /// for backups, which live in the program's own folder and are never open as documents.
    pub fn write_copy(&self, target: &Path) -> Result<(), StoreError> {
        copy_database(&self.conn, target)
    }

    /// Saves a backup as a new document at `target` and opens it for writing. Like Save As, it
    /// takes the target's lock first, so a file open in another copy is never replaced.
    pub fn restore_as(backup: &Path, target: &Path) -> Result<Self, StoreError> {
        let source = Store::open(backup, OpenMode::ReadOnly)?;
        if target.parent().is_some_and(|p| p.exists()) && folder_is_read_only(target) {
            return Err(StoreError::Io(std::io::Error::from(std::io::ErrorKind::PermissionDenied)));
        }
        let lock = DocumentLock::acquire(target).map_err(|e| match e {
            LockError::Held { holder } => StoreError::TargetInUse { holder },
            LockError::CannotCreate(e) => StoreError::Io(e),
        })?;
        copy_database(&source.conn, target)?;
        let meta = fs::metadata(target)?;
        let verdict = check_header(&read_prefix(target)?, meta.len())?;
        Ok(Self::open_checked(target, verdict, Access::ReadWrite, Some(lock))?)
    }

    /// A second handle on the same file, for long work on another thread (an import) while
    /// the window keeps reading through this one. It shares this handle's hold on the file's
    /// lock, and passes the same gate before it writes.
    pub fn worker_handle(&mut self) -> Result<Store, StoreError> {
        self.write_gate()?;
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn, Access::ReadWrite)?;
        Ok(Store {
            conn,
            path: self.path.clone(),
            access: Access::ReadWrite,
            file_version: self.file_version,
            identity: self.identity,
            lock: self.lock.clone(),
        })
    }

    fn conn(&self) -> &Connection {
        &self.conn
    }

    fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}
