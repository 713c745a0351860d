//! Checks on a file's first 100 bytes, made before SQLite is let near it.

use super::{APPLICATION_ID, OpenError, SCHEMA_VERSION};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
pub(crate) const HEADER_LEN: usize = 100;

/// What the header says the file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HeaderVerdict {
    /// One of ours, at this schema version.
    Ours { schema_version: u32 },
    /// An SQLite database with no application id and no version: it may be a brand-new empty
    /// database, which is checked once SQLite has opened it.
    Blank,
}

fn be_u32(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0u8; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u32::from_be_bytes(word)
}

/// Checks the header. `file_len` is the file's length in bytes; `header` its first bytes (up to 100).
pub(crate) fn check_header(header: &[u8], file_len: u64) -> Result<HeaderVerdict, OpenError> {
    if file_len == 0 {
        return Err(OpenError::Empty);
    }
    if header.len() < HEADER_LEN || &header[..16] != SQLITE_MAGIC {
        return Err(OpenError::NotSqlite);
    }
    let application_id = be_u32(header, 68) as i32;
    let schema_version = be_u32(header, 60);
    let verdict = match (application_id, schema_version) {
        (APPLICATION_ID, v) => HeaderVerdict::Ours { schema_version: v },
        (0, 0) => HeaderVerdict::Blank,
        _ => return Err(OpenError::OtherApplication),
    };
    if let HeaderVerdict::Ours { schema_version } = verdict
        && schema_version > SCHEMA_VERSION
    {
        return Err(OpenError::Newer { found: schema_version, supported: SCHEMA_VERSION });
    }
    // The page size is at 16 (1 means 65,536) and the page count at 28; the count is only
    // trustworthy when the change counter at 24 equals the "version valid for" at 92.
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let page_count = u64::from(be_u32(header, 28));
    if be_u32(header, 24) == be_u32(header, 92) && page_count > 0 && file_len < page_size * page_count {
        return Err(OpenError::Truncated { expected_bytes: page_size * page_count, found_bytes: file_len });
    }
    Ok(verdict)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(application_id: i32, version: u32) -> Vec<u8> {
        let mut h = vec![0u8; 100];
        h[..16].copy_from_slice(SQLITE_MAGIC);
        h[16..18].copy_from_slice(&4096u16.to_be_bytes());
        h[28..32].copy_from_slice(&2u32.to_be_bytes());
        h[60..64].copy_from_slice(&version.to_be_bytes());
        h[68..72].copy_from_slice(&application_id.to_be_bytes());
        h
    }

    #[test]
    fn tells_ours_blank_foreign_newer_and_short_apart() {
        assert_eq!(
            check_header(&header(APPLICATION_ID, 1), 8192).ok(),
            Some(HeaderVerdict::Ours { schema_version: 1 })
        );
        assert_eq!(check_header(&header(0, 0), 8192).ok(), Some(HeaderVerdict::Blank));
        assert!(matches!(check_header(&header(0x1234, 0), 8192), Err(OpenError::OtherApplication)));
        assert!(matches!(check_header(&header(0, 7), 8192), Err(OpenError::OtherApplication)));
        assert!(matches!(
            check_header(&header(APPLICATION_ID, SCHEMA_VERSION + 1), 8192),
            Err(OpenError::Newer { .. })
        ));
        assert!(matches!(check_header(&header(APPLICATION_ID, 1), 5000), Err(OpenError::Truncated { .. })));
        assert!(matches!(check_header(b"PK\x03\x04", 4), Err(OpenError::NotSqlite)));
        assert!(matches!(check_header(&[], 0), Err(OpenError::Empty)));
    }
}
