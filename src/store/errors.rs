//! Why a file was not opened, and why a change was not made: each message says what is wrong
//! and what to do, in words; a command it sends someone to is named as the menus name it.

use rusqlite::ErrorCode;

use crate::commands::UiCommand;
use crate::model::{FieldProblem, OutcomeFormField};

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
    #[error(
        "The file was left in the middle of a change by a program that stopped (its journal, “{journal}”, is beside it), and it can only be put back as it was before that change by opening it where it can be written: the file or its folder is read-only here. Copy the file and its journal together to a folder you can write to, and open it there. Nothing in it was changed."
    )]
    InterruptedChange { journal: String },
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
    /// A name left empty (a team, a practice, a neighbourhood…).
    #[error("A {0} needs a name.")]
    NameNeeded(&'static str),
    /// A name already on its list, said in words, never with SQLite's own text.
    #[error("There is already {} {what} called “{name}”.", article(.what))]
    NameTaken { what: &'static str, name: String },
    /// What was typed for a postcode area is not a district or a sector.
    #[error("“{0}” is not a postcode district or sector (for example FY1, M32 or M33 5).")]
    NotAnArea(String),
    /// A day's outcome that breaks one of its rules (`model::outcomes::check_outcome`), its first
    /// problem said.
    #[error("{}", .0.message)]
    Refused(FieldProblem<OutcomeFormField>),
    #[error("Choose two different groups to merge.")]
    MergeWithItself,
    /// An offer with teams placed on it (its title).
    #[error("“{0}” has teams placed on it, so it cannot be deleted. Set its status to Withdrawn instead.")]
    OfferInUse(String),
    /// A suggestion the file has moved on from (why, in words).
    #[error("The suggestion was not applied because the file has changed since it was made: {0} Suggest again.")]
    SuggestionStale(String),
    /// The spreadsheet an import was reading as it wrote could not be read further on.
    #[error("The import stopped because the spreadsheet could not be read further on ({0}); nothing was imported.")]
    SourceUnreadable(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The import's checking could not start, or stopped before the end.
    #[error("The import stopped because its rows could not be checked to the end; nothing was imported.")]
    CheckingStopped,
    /// A board edit that would make a clash, given no reason to make it anyway (the clashes in
    /// words).
    #[error("This would make a clash: {0} It is made only with a reason to place it anyway.")]
    ClashWithoutReason(String),
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
    /// Sharing a programme between copies (`store::sharing`).
    #[error("{0}")]
    Sharing(#[from] SharingError),
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
    pub(crate) fn named_duplicate(self, what: &'static str, name: &str) -> Self {
        match &self {
            Self::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
            {
                Self::NameTaken { what, name: name.trim().to_owned() }
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

/// Why a copy for a colleague, a changes file or taking one in did not happen. Nothing was
/// written when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum SharingError {
    #[error("{0}")]
    Partner(#[from] crate::model::sharing::PartnerProblem),
    #[error(
        "This file shares its programme with no other copy, so it has no changes to take in. Changes come from a copy made with File › Copy for a colleague…."
    )]
    NotShared,
    #[error("These changes are for another programme (not from a copy of this file), so nothing was taken in.")]
    OtherProgramme,
    #[error("These changes were made for another copy of this programme, not this one, so nothing was taken in.")]
    OtherCopy,
    #[error("These changes are this copy's own, so there is nothing to take in.")]
    OwnChanges,
    #[error(
        "These changes come from a copy this file does not share its starting point with, so nothing was taken in."
    )]
    UnknownCopy,
    #[error(
        "The copy's starting point was made by another version of Community Placements (file format {found}, this one reads {supported}). Make a new copy for your colleague."
    )]
    OtherVersion { found: u32, supported: u32 },
    #[error("The changes file is damaged or incomplete, so nothing was taken in. Ask for it to be sent again.")]
    Damaged,
    #[error("{0} Nothing was taken in.")]
    BothAdded(String),
    #[error("{} changed in both copies: choose for each whether to keep this copy's or take the colleague's (on the command line, --prefer mine or --prefer theirs). Nothing was taken in.", count_words(*.0))]
    Undecided(usize),
    #[error("A copy for a colleague needs a name (for example Bolton CVS).")]
    NameNeeded,
    #[error("There is already a copy called “{0}”: choose another name.")]
    NameTaken(String),
    #[error("There is already a file called {0}: choose a new name for the copy.")]
    TargetExists(String),
    #[error("Taking in these changes would leave {0} pointing at something neither copy has, so nothing was taken in.")]
    Dangling(String),
}

fn count_words(n: usize) -> String {
    match n {
        1 => "One thing was".into(),
        n => format!("{n} things were"),
    }
}
