//! The document on disk: which file a path names, and whole copies written beside their target
//! and renamed into place, so a target is never half written.

use std::fs;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::StoreError;

/// Which file a path names: device and inode on Unix; elsewhere, only that it exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct FileIdentity {
    device: u64,
    inode: u64,
}

#[cfg(unix)]
pub(super) fn file_identity(path: &Path) -> Option<FileIdentity> {
    use std::os::unix::fs::MetadataExt as _;
    fs::metadata(path).ok().map(|m| FileIdentity { device: m.dev(), inode: m.ino() })
}

#[cfg(not(unix))]
pub(super) fn file_identity(path: &Path) -> Option<FileIdentity> {
    fs::metadata(path).ok().map(|_| FileIdentity { device: 0, inode: 0 })
}

/// `Bolton 2027.placements` from a path.
pub fn display_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes a consistent copy of `source` to `target` through a temporary file beside it, then
/// renames it into place. On failure the temporary file is removed and `target` is untouched.
pub(super) fn copy_database(source: &Connection, target: &Path) -> Result<(), StoreError> {
    copy_database_then(source, target, |_| Ok(()))
}

/// Like [`copy_database`], with `finish` run on the copy before it takes its name: a copy that
/// `finish` refuses never appears.
pub(super) fn copy_database_then(
    source: &Connection,
    target: &Path,
    finish: impl FnOnce(&Connection) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
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
        finish(&dest)?;
        dest.close().map_err(|(_, e)| e)?;
        // Windows flushes a file only through a handle that may write to it.
        fs::OpenOptions::new().write(true).open(&temp)?.sync_all()?;
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
        let _ = fs::File::open(folder).and_then(|f| f.sync_all());
    }
}

#[cfg(not(unix))]
fn sync_folder(_path: &Path) {}
