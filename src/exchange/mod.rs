//! File formats in and out: CSV and XLSX spreadsheets, Open Referral UK (JSON feeds and tabular
//! packages), and the `info --json` object; calendar files and PDF day sheets join them as those
//! features land. This layer turns files into checked domain values and back; it holds no SQL.

pub mod calendars;
pub mod changes_file;
pub mod export;
pub mod feedback_import;
pub mod files;
pub mod group_export;
pub mod group_import;
pub mod ics;
pub mod import_kind;
pub mod import_target;
pub mod info_json;
pub mod mail_merge;
pub mod mapping;
pub mod neighbourhood_import;
pub mod offer_import;
pub mod offer_request;
pub mod oruk;
pub mod oruk_import;
pub mod participant_import;
pub mod table;
pub mod table_out;
pub mod xlsx;

use std::path::Path;

use table::{Table, TableError};

/// A spreadsheet source opened by its kind: a folder is an Open Referral UK package; a file is
/// XLSX or ORUK JSON by its contents, CSV otherwise. A CSV's bytes are kept as they are, to be
/// decoded and read by whoever wants its rows ([`table::CsvText`]); the others are read whole.
pub enum Spreadsheet {
    Csv(Vec<u8>),
    Read(Table),
}

/// Opens `path` as a [`Spreadsheet`]; `sheet` picks an XLSX sheet (the first when `None`).
pub fn open_spreadsheet(path: &Path, sheet: Option<&str>) -> Result<Spreadsheet, TableError> {
    if path.is_dir() {
        return oruk_import::read_oruk_package(path).map(Spreadsheet::Read);
    }
    let bytes = std::fs::read(path)?;
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let first = start.iter().find(|b| !b.is_ascii_whitespace());
    if bytes.starts_with(b"PK\x03\x04") {
        xlsx::read_xlsx(&bytes, sheet).map(Spreadsheet::Read)
    } else if matches!(first, Some(b'{' | b'[')) {
        oruk_import::read_oruk_json(&bytes).map(Spreadsheet::Read)
    } else {
        Ok(Spreadsheet::Csv(bytes))
    }
}

/// Reads a directory source whole, by its kind (see [`open_spreadsheet`]).
pub fn read_spreadsheet(path: &Path, sheet: Option<&str>) -> Result<Table, TableError> {
    match open_spreadsheet(path, sheet)? {
        Spreadsheet::Csv(bytes) => table::read_csv(&bytes),
        Spreadsheet::Read(table) => Ok(table),
    }
}
