//! Backup copies taken each time a document is opened, kept in the user's data folder.
//!
//! Each document gets its own folder (`backups/<name>-<hash of its full path>/`), holding copies
//! named by the document and the time: `Bolton 2027 2026-11-22 14.05.33.placements`.
//!
//! A copy is taken only when the file has changed since the last one: the folder keeps a stamp of
//! the file as it was copied (its size, its modification time and SQLite's change counter from
//! the file's header, which every committed write moves on), and a file that still matches it
//! is already kept. Old copies are thinned by age ([`thin`]): the newest few, then one a day for
//! a week, then one a week for five weeks; older ones go, except the newest few always stay.

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

/// The newest copies always kept, whatever their age.
pub const KEEP_NEWEST: usize = 5;

/// The stamp file in each document's folder: the file as it was last copied.
const STAMP: &str = "last-copied.txt";

/// The document as it is on disk: size, modification time and SQLite's change counter.
fn stamp_of(path: &Path) -> Option<String> {
    use std::io::Read as _;
    let meta = fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
    let mut header = [0u8; 28];
    fs::File::open(path).ok()?.read_exact(&mut header).ok()?;
    let counter = u32::from_be_bytes([header[24], header[25], header[26], header[27]]);
    Some(format!("{} {modified} {counter}", meta.len()))
}

/// Which backups to delete: all but the newest [`KEEP_NEWEST`], the newest each day for the
/// last week, and the newest each week for the last five weeks. `backups` is newest first.
pub fn thin(backups: &[BackupInfo], now: NaiveDateTime) -> Vec<BackupInfo> {
    use chrono::Datelike as _;
    let mut kept_days = std::collections::HashSet::new();
    let mut kept_weeks = std::collections::HashSet::new();
    let mut delete = Vec::new();
    for (i, b) in backups.iter().enumerate() {
        let age = now.signed_duration_since(b.taken);
        let day = b.taken.date();
        let week = (day.iso_week().year(), day.iso_week().week());
        let keep = i < KEEP_NEWEST
            || (age <= chrono::Duration::days(7) && kept_days.insert(day))
            || (age <= chrono::Duration::days(35) && kept_weeks.insert(week));
        if keep {
            kept_days.insert(day);
            kept_weeks.insert(week);
        } else {
            delete.push(b.clone());
        }
    }
    delete
}

impl Backups {
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

    /// Copies the open document into its backup folder, unless the newest copy already holds
    /// the file as it is, then thins the older copies. Returns the copy that holds it.
    pub fn take(&self, store: &Store) -> Result<PathBuf, StoreError> {
        let folder = self.folder_for(store.path());
        fs::create_dir_all(&folder)?;
        let stamp = stamp_of(store.path());
        if let (Some(stamp), Some(newest)) = (&stamp, list_folder(&folder).into_iter().next())
            && fs::read_to_string(folder.join(STAMP)).is_ok_and(|kept| kept.trim() == stamp)
        {
            return Ok(newest.path);
        }
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
        // The stamp is only a shortcut: without one, the next open simply copies again.
        match stamp {
            Some(stamp) => {
                let _ = fs::write(folder.join(STAMP), stamp);
            }
            None => {
                let _ = fs::remove_file(folder.join(STAMP));
            }
        }
        for backup in thin(&list_folder(&folder), now) {
            let _ = fs::remove_file(&backup.path);
        }
        Ok(target)
    }

    /// How many copies of a document there are and the space they take.
    pub fn space_of_document(&self, document: &Path) -> (usize, u64) {
        let all = self.of_document(document);
        (all.len(), all.iter().map(|b| b.bytes).sum())
    }

    /// The space every document's copies take.
    pub fn space(&self) -> u64 {
        self.all().iter().map(|b| b.bytes).sum()
    }

    /// Deletes a document's copies taken before `before` (after its personal data was removed,
    /// the older copies still hold it). Returns how many went and the space freed.
    pub fn delete_before(&self, document: &Path, before: NaiveDateTime) -> Result<(usize, u64), StoreError> {
        let folder = self.folder_for(document);
        let (mut count, mut bytes) = (0, 0);
        for backup in list_folder(&folder).into_iter().filter(|b| b.taken < before) {
            fs::remove_file(&backup.path)?;
            count += 1;
            bytes += backup.bytes;
        }
        // The stamp may describe a copy just deleted: the next open copies again.
        let _ = fs::remove_file(folder.join(STAMP));
        Ok((count, bytes))
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

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, day).and_then(|d| d.and_hms_opt(hour, 0, 0)).unwrap_or_default()
    }

    fn backup(taken: NaiveDateTime) -> BackupInfo {
        BackupInfo { path: PathBuf::from(format!("{taken}")), document: "Doc".into(), taken, sequence: 1, bytes: 10 }
    }

    #[test]
    fn thinning_keeps_the_newest_then_one_a_day_then_one_a_week() {
        let now = at(30, 18);
        // Three a day, every day of November, newest first.
        let mut all: Vec<BackupInfo> = (1..=30).rev().flat_map(|d| [17, 12, 9].map(|h| backup(at(d, h)))).collect();
        all.sort_by(newest_first);
        let deleted = thin(&all, now);
        let kept: Vec<NaiveDateTime> = all.iter().filter(|b| !deleted.contains(b)).map(|b| b.taken).collect();
        // The newest five, whatever their day.
        assert_eq!(&kept[..5], &[at(30, 17), at(30, 12), at(30, 9), at(29, 17), at(29, 12)]);
        // Then the newest of each earlier day up to a week old (the 23rd at 17:00 is a week and
        // an hour old).
        assert_eq!(&kept[5..10], &[at(28, 17), at(27, 17), at(26, 17), at(25, 17), at(24, 17)]);
        // Then the newest of each earlier ISO week (from Mondays 16, 9 and 2 November, and 26
        // October): the 23rd's week already has a copy.
        assert_eq!(&kept[10..], &[at(22, 17), at(15, 17), at(8, 17), at(1, 17)]);
        // Nothing in the first five is ever thinned, however old.
        let old: Vec<BackupInfo> = (1..=5).rev().map(|d| backup(at(d, 9))).collect();
        assert!(thin(&old, at(30, 9) + chrono::Duration::days(400)).is_empty());
    }

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
