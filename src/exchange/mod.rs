//! File formats in and out: JSON for `info`; CSV, XLSX, Open Referral UK, calendar files and
//! PDF day sheets join it as those features land. This layer turns files into checked domain
//! values and back; it holds no SQL.

pub mod files;
pub mod group_export;
pub mod group_import;
pub mod info_json;
pub mod oruk;
pub mod table;
pub mod xlsx;

use std::path::Path;

use table::{Table, TableError};

/// Reads a spreadsheet by its kind (XLSX by its contents, CSV otherwise); `sheet` picks an XLSX
/// sheet (the first when `None`).
pub fn read_spreadsheet(path: &Path, sheet: Option<&str>) -> Result<Table, TableError> {
    let bytes = std::fs::read(path)?;
    if bytes.starts_with(b"PK\x03\x04") { xlsx::read_xlsx(&bytes, sheet) } else { table::read_csv(&bytes) }
}
