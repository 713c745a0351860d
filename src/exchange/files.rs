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
