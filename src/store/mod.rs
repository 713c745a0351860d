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
mod edits;
mod header;
mod import;
mod lists;
mod lock;
mod offers;
mod people;
mod queries;
mod schema;
mod teams;

use std::fs::{self, File, OpenOptions};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::commands::UiCommand;

pub use backups::{BackupInfo, Backups};
pub use changes::{ChangeSet, RowChange, RowValues};
pub use directory_search::{SearchCache, find_groups};
pub use edits::{BulkWriter, GroupEdit, NewParticipant};
pub use import::{ImportCounts, ImportGroup, OnDuplicate};
pub use lists::{Overwrite, PostcodeRule};
pub use offers::{ImportOffer, OfferEdit, split_tags};
pub use people::{CohortEdit, ImportParticipant, KeepNames, ParticipantEdit, PeopleList, PeopleListItem, Removed};
pub use schema::SCHEMA_VERSION;
pub use teams::ProposedTeam;

use changes::{Direction, Recorder};
use header::{HEADER_LEN, HeaderVerdict, check_header};
use lock::{DocumentLock, LockError};

/// Marks a file as ours in the SQLite header (`PRAGMA application_id`): "PLCS".
pub const APPLICATION_ID: i32 = 0x504C_4353;

/// The extension new files get; any name opens.
pub const FILE_EXTENSION: &str = "placements";

/// Why a file was not opened. Each message says what is wrong and what to do; the caller adds
/// the file's name.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("There is no file there. Check the folder and the name, or choose New to start a new placement database.")]
    NotFound,
    #[error("That is a folder, not a file. Choose a placement database file inside it.")]
    IsFolder,
    #[error("The file is empty (0 bytes), so it is not a placement database. Nothing in it was changed.")]
    Empty,
    #[error(
        "The file is not a Community Placements database (it is not an SQLite database at all). Nothing in it was changed."
    )]
    NotSqlite,
    #[error("The file is a database made by another program, not by Community Placements. Nothing in it was changed.")]
    OtherApplication,
    #[error(
        "The file was made by a newer version of Community Placements (file format {found}; this version reads up to {supported}). Open it with the newer version. Nothing in it was changed."
    )]
    Newer { found: u32, supported: u32 },
    #[error(
        "The file is shorter than it should be ({found_bytes} of {expected_bytes} bytes): it may have been cut off while it was copied or downloaded. Use {restore} to go back to a good copy. Nothing in it was changed.", restore = UiCommand::RestoreBackup.menu_path()
    )]
    Truncated { expected_bytes: u64, found_bytes: u64 },
    #[error(
        "The file is damaged: SQLite's check found a problem ({0}). Use {restore} to go back to a good copy. Nothing in it was changed.", restore = UiCommand::RestoreBackup.menu_path()
    )]
    Damaged(String),
    #[error("The file is already open in another copy of Community Placements{}. Close it there first, or open it read-only.", holder_text(.holder))]
    InUse { holder: String },
    #[error("A file with that name already exists. Choose another name, or open the existing file.")]
    AlreadyExists,
    #[error("The file could not be created: {0}.")]
    CannotCreate(std::io::Error),
    #[error("The file could not be read: {0}.")]
    Io(std::io::Error),
    #[error("SQLite could not read the file: {0}.")]
    Sqlite(rusqlite::Error),
}

fn holder_text(holder: &str) -> String {
    if holder.is_empty() { String::new() } else { format!(" ({holder})") }
}

impl From<rusqlite::Error> for OpenError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => Self::NotSqlite,
            Some(ErrorCode::DatabaseCorrupt) => Self::Damaged(e.to_string()),
            _ => Self::Sqlite(e),
        }
    }
}

/// Why an edit, undo, Save As or restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("This file is open read-only, so it cannot be changed. Use {save_as} to make a copy you can change.", save_as = UiCommand::SaveAs.menu_path())]
    ReadOnly,
    #[error("{0}")]
    Invalid(String),
    #[error("The import was cancelled; the file is as it was before.")]
    Cancelled,
    #[error("{0} no longer exists in this file.")]
    Missing(&'static str),
    #[error("“{label}” cannot be undone or redone because what it changed has changed since.")]
    UndoConflict { label: String },
    #[error("That file is open in another copy of Community Placements{}. Close it there first.", holder_text(.holder))]
    TargetInUse { holder: String },
    #[error(
        "The file is no longer where it was opened (it may have been moved, renamed or deleted), so this change was not saved. Use {save_as} to save everything you see to a new file.", save_as = UiCommand::SaveAs.menu_path()
    )]
    FileGone,
    #[error(
        "The file has been made read-only since it was opened, so this change was not saved. Use {save_as} to save everything you see to a new file.", save_as = UiCommand::SaveAs.menu_path()
    )]
    FileMadeReadOnly,
    #[error(
        "This copy of Community Placements no longer holds the file for changes (its lock file beside it was removed, so another copy may be changing it), so this change was not saved. Use {save_as} to save everything you see to a new file.", save_as = UiCommand::SaveAs.menu_path()
    )]
    LockLost,
    #[error("{0}")]
    Open(#[from] OpenError),
    #[error("{}", describe_sqlite(.0))]
    Sqlite(#[from] rusqlite::Error),
    #[error("{}", describe_io(.0))]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// A name already on a list (a cohort, a neighbourhood, a practice…) is said in words, never
    /// with SQLite's own text: "There is already a practice called “Listening”."
    pub(crate) fn named_duplicate(self, what: &str, name: &str) -> Self {
        match &self {
            Self::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
            {
                Self::Invalid(format!("There is already {} {what} called “{}”.", article(what), name.trim()))
            }
            _ => self,
        }
    }
}

/// "a" or "an" before a word.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
}

fn describe_sqlite(e: &rusqlite::Error) -> String {
    let save_as = UiCommand::SaveAs.menu_path();
    match e.sqlite_error_code() {
        Some(ErrorCode::ReadOnly) => format!(
            "The file can no longer be written (it may have been made read-only, moved or deleted). Use {save_as} to save your work somewhere else."
        ),
        Some(ErrorCode::DiskFull) => {
            format!("The disk is full. Free some space, or use {save_as} to save somewhere else.")
        }
        Some(ErrorCode::CannotOpen) => format!(
            "The file or its folder can no longer be opened (it may have been moved, deleted or be on a removed drive). Use {save_as} to save your work somewhere else."
        ),
        Some(ErrorCode::SystemIoFailure) => {
            format!("The disk reported an error while saving ({e}). Use {save_as} to save your work somewhere else.")
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "The file is busy in another program. Try again in a moment.".to_owned()
        }
        Some(ErrorCode::ConstraintViolation) => format!("That change breaks a rule of the file ({e})."),
        _ => format!("The file could not be changed: {e}."),
    }
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            "That folder cannot be written to. Choose another folder.".to_owned()
        }
        std::io::ErrorKind::StorageFull => "The disk is full. Free some space or choose another drive.".to_owned(),
        std::io::ErrorKind::NotFound => "That folder does not exist.".to_owned(),
        _ => format!("The file could not be written: {e}."),
    }
}

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

/// Which file a path names: device and inode on Unix; elsewhere, only that it exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FileIdentity {
    device: u64,
    inode: u64,
}

#[cfg(unix)]
fn file_identity(path: &Path) -> Option<FileIdentity> {
    use std::os::unix::fs::MetadataExt as _;
    fs::metadata(path).ok().map(|m| FileIdentity { device: m.dev(), inode: m.ino() })
}

#[cfg(not(unix))]
fn file_identity(path: &Path) -> Option<FileIdentity> {
    fs::metadata(path).ok().map(|_| FileIdentity { device: 0, inode: 0 })
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
    if access == Access::ReadWrite {
        // A document people copy and email must not depend on `-wal` side files.
        let _mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    }
    Ok(())
}

fn quick_check(conn: &Connection) -> Result<(), OpenError> {
    let mut stmt = conn.prepare("PRAGMA quick_check(3)")?;
    let problems: Vec<String> = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<_, _>>()?;
    if problems.len() == 1 && problems[0] == "ok" { Ok(()) } else { Err(OpenError::Damaged(problems.join("; "))) }
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
        Self::open_checked(path, verdict, access, lock)
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
        let changes = recorder.finish();
        tx.commit()?;
        Ok(ChangeSet { label: label.into(), changes })
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
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        changes::apply(&tx, set, direction)?;
        tx.commit()?;
        Ok(())
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
    pub fn worker_handle(&self) -> Result<Store, StoreError> {
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

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

/// `Bolton 2027.placements` from a path.
pub fn display_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes a consistent copy of `source` to `target` through a temporary file beside it, then
/// renames it into place. On failure the temporary file is removed and `target` is untouched.
fn copy_database(source: &Connection, target: &Path) -> Result<(), StoreError> {
    let name = display_name(target);
    let temp = target.with_file_name(format!(".{name}.saving-{}", std::process::id()));
    let result = (|| -> Result<(), StoreError> {
        let mut dest = Connection::open_with_flags(
            &temp,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        {
            let backup = rusqlite::backup::Backup::new(source, &mut dest)?;
            backup.run_to_completion(4096, Duration::ZERO, None)?;
        }
        dest.close().map_err(|(_, e)| e)?;
        File::open(&temp)?.sync_all()?;
        fs::rename(&temp, target)?;
        sync_folder(target);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
        let _ = fs::remove_file(temp.with_file_name(format!("{}-journal", display_name(&temp))));
    }
    result
}

#[cfg(unix)]
fn sync_folder(path: &Path) {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        // Makes the rename itself durable; a failure here leaves a complete file either way.
        let _ = File::open(folder).and_then(|f| f.sync_all());
    }
}

#[cfg(not(unix))]
fn sync_folder(_path: &Path) {}
