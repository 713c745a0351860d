//! The document lock: one copy of the program writes a file at a time.
//!
//! A hidden lock file sits beside the document (`.NAME.lock`) and is held with an exclusive
//! operating-system lock for as long as the document is open for writing. The operating system
//! drops the lock when the process ends, however it ends, so a lock file left behind by a crash
//! does not keep anyone out: only a live holder does.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub(crate) enum LockError {
    /// Another live process holds it; the text is what that process wrote about itself.
    Held { holder: String },
    /// The lock file cannot be made (a read-only folder, a full disk).
    CannotCreate(std::io::Error),
}

#[derive(Debug)]
pub struct DocumentLock {
    path: PathBuf,
    file: File,
}

pub(crate) fn lock_path(document: &Path) -> PathBuf {
    let name = document.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    document.with_file_name(format!(".{name}.lock"))
}

impl DocumentLock {
    pub(crate) fn acquire(document: &Path) -> Result<Self, LockError> {
        let path = lock_path(document);
        // A holder that is closing removes the file while we open it: try again a few times.
        for _ in 0..3 {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(LockError::CannotCreate)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let mut holder = String::new();
                    let _ = file.read_to_string(&mut holder);
                    return Err(LockError::Held { holder: holder.trim().to_owned() });
                }
                Err(TryLockError::Error(e)) => return Err(LockError::CannotCreate(e)),
            }
            if !still_at_path(&file, &path) {
                continue;
            }
            let holder =
                format!("process {} since {}", std::process::id(), chrono::Local::now().format("%-d %b %Y %H:%M"));
            // What we write is only for the message another copy shows; the lock is what counts.
            let _ = file.set_len(0).and_then(|()| file.write_all(holder.as_bytes()));
            return Ok(Self { path, file });
        }
        Err(LockError::Held { holder: String::new() })
    }

    /// Whether this process still holds the document's lock: the lock file beside the document
    /// is still the one it locked. Someone deleting the lock file lets another copy take a new
    /// one; from then on this copy must not write.
    pub(crate) fn is_held(&self) -> bool {
        still_at_path(&self.file, &self.path)
    }
}

#[cfg(unix)]
fn still_at_path(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.ino() == b.ino() && a.dev() == b.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at_path(_file: &File, path: &Path) -> bool {
    path.exists()
}

impl Drop for DocumentLock {
    fn drop(&mut self) {
        // Remove while still holding the lock; the handle closes (and unlocks) after this.
        let _ = std::fs::remove_file(&self.path);
    }
}
