//! The changes file one copy of a programme sends another (`.changes`): a line saying what it
//! is, a line of JSON saying whose changes they are and for which copy, then SQLite's patchset.
//! Both lines and the patch carry CRC-32 checksums, so a file damaged in an email is refused
//! whole before anything is applied.

use std::io::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::sharing::Changes;

/// What the first line starts with.
const MAGIC: &str = "Community Placements changes, format 1";

/// The extension changes files are given.
pub const EXTENSION: &str = "changes";

/// The most a changes file may be (a whole national register, added in one copy, is well under).
const LARGEST: u64 = 1 << 31;

#[derive(Serialize, Deserialize)]
struct Header {
    programme: String,
    from_copy: i64,
    from_name: String,
    to_copy: i64,
    number: i64,
    taken: i64,
    made_at: String,
    patch_bytes: u64,
    patch_crc32: u32,
}

/// Why a changes file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ChangesFileError {
    #[error("This is not a changes file from Community Placements, so nothing was taken in.")]
    NotChanges,
    #[error("The changes file is damaged or incomplete, so nothing was taken in. Ask for it to be sent again.")]
    Damaged,
    #[error("The changes file could not be read: {0}")]
    Io(#[from] std::io::Error),
}

/// The file's bytes.
pub fn to_bytes(changes: &Changes) -> Vec<u8> {
    let header = Header {
        programme: changes.programme.clone(),
        from_copy: changes.from_copy,
        from_name: changes.from_name.clone(),
        to_copy: changes.to_copy,
        number: changes.number,
        taken: changes.taken,
        made_at: changes.made_at.clone(),
        patch_bytes: changes.patch.len() as u64,
        patch_crc32: crc32fast::hash(&changes.patch),
    };
    let json = serde_json::to_string(&header).unwrap_or_default();
    let mut out = Vec::with_capacity(changes.patch.len() + json.len() + 64);
    let _ = writeln!(out, "{MAGIC} {:08x}", crc32fast::hash(json.as_bytes()));
    out.extend_from_slice(json.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&changes.patch);
    out
}

/// Reads a changes file's bytes, checking both checksums and the patch's length.
pub fn from_bytes(bytes: &[u8]) -> Result<Changes, ChangesFileError> {
    let (first, rest) = split_line(bytes).ok_or(ChangesFileError::NotChanges)?;
    let first = std::str::from_utf8(first).map_err(|_| ChangesFileError::NotChanges)?;
    let crc = first.strip_prefix(MAGIC).ok_or(ChangesFileError::NotChanges)?;
    let (json, patch) = split_line(rest).ok_or(ChangesFileError::Damaged)?;
    if crc != format!(" {:08x}", crc32fast::hash(json)) {
        return Err(ChangesFileError::Damaged);
    }
    let header: Header = serde_json::from_slice(json).map_err(|_| ChangesFileError::Damaged)?;
    if header.patch_bytes != patch.len() as u64 || header.patch_crc32 != crc32fast::hash(patch) {
        return Err(ChangesFileError::Damaged);
    }
    Ok(Changes {
        programme: header.programme,
        from_copy: header.from_copy,
        from_name: header.from_name,
        to_copy: header.to_copy,
        number: header.number,
        taken: header.taken,
        made_at: header.made_at,
        patch: patch.to_vec(),
    })
}

fn split_line(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = bytes.iter().take(64 * 1024).position(|b| *b == b'\n')?;
    Some((&bytes[..end], &bytes[end + 1..]))
}

/// Reads a changes file from disk.
pub fn read(path: &Path) -> Result<Changes, ChangesFileError> {
    let size = std::fs::metadata(path)?.len();
    if size > LARGEST {
        return Err(ChangesFileError::NotChanges);
    }
    from_bytes(&std::fs::read(path)?)
}

/// Writes a changes file (through a temporary file, so a failed write leaves nothing half made).
pub fn write(path: &Path, changes: &Changes) -> std::io::Result<()> {
    super::files::write_atomically(path, &to_bytes(changes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes() -> Changes {
        Changes {
            programme: "abc".into(),
            from_copy: 7,
            from_name: "Bolton CVS".into(),
            to_copy: 0,
            number: 3,
            taken: 1,
            made_at: "2027-04-27 14:05".into(),
            patch: vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        }
    }

    #[test]
    fn a_changes_file_reads_back_as_written() {
        assert_eq!(from_bytes(&to_bytes(&changes())).unwrap(), changes());
    }

    #[test]
    fn any_changed_or_missing_byte_is_refused_whole() {
        let bytes = to_bytes(&changes());
        for at in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x20;
            assert!(from_bytes(&damaged).is_err(), "byte {at} changed and still read");
        }
        for len in 0..bytes.len() {
            assert!(from_bytes(&bytes[..len]).is_err(), "cut at {len} and still read");
        }
        assert!(matches!(from_bytes(b"Name,Phone\nA,1\n"), Err(ChangesFileError::NotChanges)));
    }
}
