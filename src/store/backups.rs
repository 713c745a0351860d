//! Backup copies taken each time a document is opened, kept in the user's data folder.
//!
//! Each document gets its own folder (`backups/<name>-<hash of its full path>/`), holding up to
//! [`Backups::KEEP`] copies named by the document and the time: `Bolton 2027 2026-11-22 14.05.33.placements`.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use super::{Store, StoreError};

/// One backup copy.
#[derive(Clone, Debug, PartialEq)]
pub struct BackupInfo {
    pub path: PathBuf,
    /// The name of the document it is a copy of (without the extension).
    pub document: String,
    pub taken: NaiveDateTime,
    /// Copies taken within the same second are numbered 1, 2, 3…
    pub sequence: u32,
    pub bytes: u64,
}

/// The backups folder.
#[derive(Clone, Debug)]
pub struct Backups {
    root: PathBuf,
}

const TIME_FORMAT: &str = "%Y-%m-%d %H.%M.%S";

/// FNV-1a: stable across Rust versions, so a document's backup folder keeps its name.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "placements".to_owned())
}

impl Backups {
    /// How many copies are kept for each document.
    pub const KEEP: usize = 20;

    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn folder_for(&self, document: &Path) -> PathBuf {
        let full = fs::canonicalize(document).unwrap_or_else(|_| document.to_path_buf());
        let hash = fnv1a(full.to_string_lossy().as_bytes());
        self.root.join(format!("{}-{:08x}", stem(document), hash as u32))
    }

    /// Copies the open document into its backup folder and keeps the newest [`Self::KEEP`].
    pub fn take(&self, store: &Store) -> Result<PathBuf, StoreError> {
        let folder = self.folder_for(store.path());
        fs::create_dir_all(&folder)?;
        let now = chrono::Local::now().naive_local();
        let base = format!("{} {}", stem(store.path()), now.format(TIME_FORMAT));
        // Number copies taken within one second after the highest so far, never reusing a
        // pruned copy's name, so that the newest always sorts first.
        let second = now.format(TIME_FORMAT).to_string();
        let sequence = list_folder(&folder)
            .iter()
            .filter(|b| b.taken.format(TIME_FORMAT).to_string() == second)
            .map(|b| b.sequence)
            .max()
            .map_or(1, |n| n + 1);
        let target = if sequence == 1 {
            folder.join(format!("{base}.{}", super::FILE_EXTENSION))
        } else {
            folder.join(format!("{base} ({sequence}).{}", super::FILE_EXTENSION))
        };
        store.write_copy(&target)?;
        let old: Vec<BackupInfo> = list_folder(&folder).into_iter().skip(Self::KEEP).collect();
        for backup in old {
            let _ = fs::remove_file(&backup.path);
        }
        Ok(target)
    }

    /// Backups of one document, newest first.
    pub fn of_document(&self, document: &Path) -> Vec<BackupInfo> {
        list_folder(&self.folder_for(document))
    }

    /// Every backup of every document, newest first.
    pub fn all(&self) -> Vec<BackupInfo> {
        let mut all: Vec<BackupInfo> = fs::read_dir(&self.root)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().is_dir())
            .flat_map(|e| list_folder(&e.path()))
            .collect();
        all.sort_by(newest_first);
        all
    }
}

fn parse_name(path: &Path) -> Option<(String, NaiveDateTime, u32)> {
    let name = stem(path);
    let (name, sequence) = match name.rsplit_once(" (") {
        Some((head, tail)) if tail.ends_with(')') => (head.to_owned(), tail.trim_end_matches(')').parse().unwrap_or(1)),
        _ => (name, 1),
    };
    // "<document> YYYY-MM-DD HH.MM.SS": the time is the last 19 characters.
    let split = name.len().checked_sub(19)?;
    let (document, time) = (name.get(..split)?, name.get(split..)?);
    let taken = NaiveDateTime::parse_from_str(time, TIME_FORMAT).ok()?;
    Some((document.trim_end().to_owned(), taken, sequence))
}

/// Newest first.
fn newest_first(a: &BackupInfo, b: &BackupInfo) -> std::cmp::Ordering {
    (b.taken, b.sequence).cmp(&(a.taken, a.sequence)).then_with(|| b.path.cmp(&a.path))
}

fn list_folder(folder: &Path) -> Vec<BackupInfo> {
    let mut backups: Vec<BackupInfo> = fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            if path.extension()? != super::FILE_EXTENSION {
                return None;
            }
            let (document, taken, sequence) = parse_name(&path)?;
            let bytes = entry.metadata().ok()?.len();
            Some(BackupInfo { path, document, taken, sequence, bytes })
        })
        .collect();
    backups.sort_by(newest_first);
    backups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_names_give_back_the_document_and_time() {
        let (doc, taken, sequence) =
            parse_name(Path::new("/b/Bolton 2027 2026-11-22 14.05.33 (2).placements")).unwrap();
        assert_eq!(doc, "Bolton 2027");
        assert_eq!(sequence, 2);
        assert_eq!(taken.format("%d/%m/%Y %H:%M:%S").to_string(), "22/11/2026 14:05:33");
        assert!(parse_name(Path::new("/b/notes.placements")).is_none());
    }
}
