//! Writing export files whole or not at all, and why an export failed.

use std::fs::{self, File};
use std::io::Write as _;
use std::path::Path;

/// Writes `bytes` to a temporary file beside `target`, syncs it and renames it into place, so
/// that `target` is never half written. On failure the temporary file is removed.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = target.with_file_name(format!(".{name}.writing-{}", std::process::id()));
    let result = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// A name for a file that every computer allows, from a name people gave (a team's, a
/// group's, a title): letters, digits, spaces and `-_,'()&.` kept, anything else (the `: / \ * ?
/// " < > |` Windows forbids, control characters) a space; spaces run together; no dot or space
/// at either end; a name Windows keeps for a device (`CON`, `PRN`, `AUX`, `NUL`, `COM1`–`COM9`,
/// `LPT1`–`LPT9`, whatever follows a dot) given a `_`; at most 100 characters. Without its
/// extension, which the caller adds.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_alphanumeric() || " -_,'()&.".contains(c) { c } else { ' ' }).collect();
    let joined = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = joined.chars().take(100).collect();
    let trimmed = short.trim_matches(|c: char| c == '.' || c == ' ');
    if trimmed.is_empty() {
        return "Unnamed".to_owned();
    }
    let device = trimmed.split('.').next().unwrap_or_default().trim_end().to_ascii_uppercase();
    let reserved = matches!(device.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((device.starts_with("COM") || device.starts_with("LPT"))
            && device.len() == 4
            && device.as_bytes()[3].is_ascii_digit()
            && device.as_bytes()[3] != b'0');
    if reserved { format!("{trimmed}_") } else { trimmed.to_owned() }
}

/// Why an export was not written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the CSV could not be made: {0}")]
    Csv(#[from] csv::Error),
    #[error("the Excel workbook could not be made: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("{what} could not be written to Excel ({message}); export to CSV instead")]
    XlsxCell { what: String, message: String },
    #[error("the folder {} could not be made: {source}", .folder.display())]
    Folder { folder: std::path::PathBuf, source: std::io::Error },
    #[error("{name} could not be written: {source}")]
    Write { name: String, source: std::io::Error },
}

#[cfg(test)]
mod tests {
    use super::safe_file_name;

    #[test]
    fn a_name_becomes_one_windows_allows() {
        assert_eq!(safe_file_name("Team 1: Smith"), "Team 1 Smith");
        assert_eq!(safe_file_name("A/B\\C*D?E\"F<G>H|I"), "A B C D E F G H I");
        assert_eq!(safe_file_name("  ..Lytham St Annes.. "), "Lytham St Annes");
        assert_eq!(safe_file_name("CON"), "CON_");
        assert_eq!(safe_file_name("com1.notes"), "com1.notes_");
        assert_eq!(safe_file_name("LPT0"), "LPT0");
        assert_eq!(safe_file_name("Console"), "Console");
        assert_eq!(safe_file_name("Zoë & Siân (team 2)"), "Zoë & Siân (team 2)");
        assert_eq!(safe_file_name("\u{202e}\t\n"), "Unnamed");
        assert_eq!(safe_file_name(&"é".repeat(300)).chars().count(), 100);
    }
}
