//! Spreadsheets read into memory as a header and rows of text, whatever their encoding.
//!
//! CSV arrives as Excel and other programs write it: UTF-8 with or without a byte order mark,
//! UTF-16 with one, or Windows-1252 (Excel on UK Windows), with CRLF, LF or mixed line ends and
//! quoted cells that span lines.

use std::borrow::Cow;

/// One spreadsheet row, with the line of the file it starts on (1 is the header).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    pub line: u64,
    pub cells: Vec<String>,
}

/// A header and its rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<TableRow>,
    /// How the file was decoded, for the import report ("Windows-1252 (Excel)").
    pub encoding: &'static str,
    /// What a row's number counts, for the report: "line" of a CSV, "row" of a sheet, "item" of
    /// a JSON feed.
    pub unit: &'static str,
}

/// Why a spreadsheet could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("The file is empty.")]
    Empty,
    #[error("The file has a header row but no rows of data.")]
    NoRows,
    #[error(
        "The file does not look like a spreadsheet (it holds binary data). Save it from your spreadsheet program as CSV or XLSX and try again."
    )]
    Binary,
    #[error("The file could not be read as CSV: {0}")]
    Csv(String),
    #[error("The file could not be read: {0}")]
    Io(#[from] std::io::Error),
    #[error("The file could not be read as an Excel workbook: {0}.")]
    NotWorkbook(String),
    #[error("The workbook has no sheet called “{wanted}” (it has: {}).", .names.join(", "))]
    NoSuchSheet { wanted: String, names: Vec<String> },
    #[error("The sheet “{name}” could not be read: {message}.")]
    Sheet { name: String, message: String },
    #[error("The file is not valid JSON: {0}.")]
    NotJson(String),
    #[error("The file is JSON, but not an Open Referral UK list of services.")]
    NotServices,
    #[error("The folder has no organizations.csv, so it is not an Open Referral UK package.")]
    NotOrukPackage,
    #[error("{name}: {source}")]
    InPackage { name: String, source: Box<TableError> },
}

/// The longest cell an import accepts; longer cells make their row an error, not the file.
pub const MAX_CELL_CHARS: usize = 100_000;

/// Decodes a spreadsheet's bytes to text (borrowed when they are UTF-8 already), and says
/// which encoding it was.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str), TableError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok((String::from_utf8_lossy(rest), "UTF-8"));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, encoding, _) = encoding_rs::UTF_16LE.decode(bytes);
        return Ok((text, if encoding == encoding_rs::UTF_16LE { "UTF-16" } else { "UTF-16 (big-endian)" }));
    }
    // Text files have no NUL bytes; spreadsheets saved as something else (XLSX, PDF) do.
    if bytes.iter().take(64 * 1024).any(|b| *b == 0) {
        return Err(TableError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), "UTF-8")),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((text, "Windows-1252 (Excel)"))
        }
    }
}

/// Reads CSV bytes into a table. Rows keep the line they start on; ragged rows are kept as
/// they are (the import reports them).
pub fn read_csv(bytes: &[u8]) -> Result<Table, TableError> {
    if bytes.is_empty() {
        return Err(TableError::Empty);
    }
    let (text, encoding) = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    // One record, read into again and again: each row's cells are then copied out.
    let mut record = csv::StringRecord::new();
    let csv_error = |e: csv::Error| TableError::Csv(e.to_string());
    if !reader.read_record(&mut record).map_err(csv_error)? {
        return Err(TableError::Empty);
    }
    let headers: Vec<String> = record.iter().map(|h| h.trim().to_owned()).collect();
    if headers.iter().all(String::is_empty) {
        return Err(TableError::Empty);
    }
    // The csv crate's own line numbers lag behind after a CRLF, so lines are counted here from
    // each record's starting byte, skipping the line end it may start on.
    let bytes = text.as_bytes();
    let (mut counted_to, mut newlines) = (0usize, 0u64);
    let mut rows = Vec::new();
    while reader.read_record(&mut record).map_err(csv_error)? {
        let mut start = record.position().map_or(0, |p| p.byte() as usize).min(bytes.len());
        while start < bytes.len() && (bytes[start] == b'\n' || bytes[start] == b'\r') {
            start += 1;
        }
        newlines += bytes[counted_to.min(start)..start].iter().filter(|b| **b == b'\n').count() as u64;
        counted_to = counted_to.max(start);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push(TableRow { line: newlines + 1, cells: record.iter().map(str::to_owned).collect() });
    }
    if rows.is_empty() {
        return Err(TableError::NoRows);
    }
    Ok(Table { headers, rows, encoding, unit: "line" })
}

/// Whether a cell means "no value": empty, `NA`, `N/A`, `-` (or only dashes).
pub fn is_missing(cell: &str) -> bool {
    let cell = cell.trim();
    cell.is_empty()
        || cell.eq_ignore_ascii_case("NA")
        || cell.eq_ignore_ascii_case("N/A")
        || cell.chars().all(|c| c == '-' || c == '–')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bom_crlf_and_quoted_newlines() {
        let bytes = b"\xEF\xBB\xBFName,Notes\r\n\"Caf\xC3\xA9 Club\",\"two\r\nlines\"\r\nWalkers,plain\n";
        let table = read_csv(bytes).unwrap();
        assert_eq!(table.headers, vec!["Name", "Notes"]);
        assert_eq!(table.rows[0].cells, vec!["Café Club", "two\r\nlines"]);
        assert_eq!(table.rows[0].line, 2);
        assert_eq!(table.rows[1].line, 4);
        assert_eq!(table.encoding, "UTF-8");
    }

    #[test]
    fn reads_windows_1252_as_excel_writes_it() {
        let bytes = b"Name,Town\r\nCaf\xE9 \x93Rendezvous\x94,Lytham St Anne\x92s\r\n";
        let table = read_csv(bytes).unwrap();
        assert_eq!(table.rows[0].cells, vec!["Café “Rendezvous”", "Lytham St Anne’s"]);
        assert_eq!(table.encoding, "Windows-1252 (Excel)");
    }

    #[test]
    fn refuses_empty_binary_and_header_only_files() {
        assert!(matches!(read_csv(b""), Err(TableError::Empty)));
        assert!(matches!(read_csv(b"PK\x03\x04\x00\x00binary"), Err(TableError::Binary)));
        assert!(matches!(read_csv(b"Name,Postcode\r\n"), Err(TableError::NoRows)));
    }

    #[test]
    fn missing_values_are_recognised() {
        for cell in ["", "  ", "NA", "n/a", "-", "--"] {
            assert!(is_missing(cell), "{cell:?}");
        }
        for cell in ["0", "Nah", "A-B"] {
            assert!(!is_missing(cell), "{cell:?}");
        }
    }
}
