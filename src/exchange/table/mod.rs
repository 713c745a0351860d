//! Spreadsheets read into memory as a header and rows of text, whatever their encoding.
//!
//! CSV arrives as Excel and other programs write it: UTF-8 with or without a byte order mark,
//! UTF-16 ("Unicode text", tab-separated), Windows-1252 (Excel on UK Windows), or UTF-8 with
//! some lines in Windows-1252 (rows pasted in from an older file), each line read as what it is;
//! separated by commas, tabs or semicolons (found from the header line); with CRLF, LF or mixed
//! line ends and quoted cells that span lines. A quote that is never closed is an error with its
//! line, never a cell that swallows the rest of the file.

use std::borrow::Cow;

use super::mapping::cores;

mod encoding;

pub use encoding::{Decoded, decode};

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
    /// The lines of a mostly UTF-8 file that were read as Windows-1252, for the person to check.
    pub lines_in_1252: Vec<u64>,
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
    #[error(
        "Line {line} opens a quoted cell (\") that is never closed, so the rest of the file would be read as one cell. \
         Nothing was imported. Close the quote in your spreadsheet program, or save the file as CSV again."
    )]
    OpenQuote { line: u64 },
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

/// The character between cells, found from the header line: a tab (Excel's "Unicode text"), a
/// semicolon (Excel where a comma is the decimal point), else a comma.
fn delimiter_of(text: &[u8]) -> u8 {
    let line = text.split(|b| *b == b'\n').next().unwrap_or_default();
    let (mut quoted, mut counts) = (false, [0usize; 3]);
    for b in line {
        match b {
            b'"' => quoted = !quoted,
            b'\t' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    if counts[0] > 0 && counts[0] >= counts[2] {
        b'\t'
    } else if counts[1] > counts[2] {
        b';'
    } else {
        b','
    }
}

/// Whether every quoted cell in `record` (CSV text from where a record begins) is closed, read
/// as the CSV reader reads it: a quote opens a cell only at its start, and two quotes inside one
/// are a quote.
fn quotes_closed(record: &[u8], delimiter: u8) -> bool {
    let (mut quoted, mut at_cell_start, mut i) = (false, true, 0);
    while i < record.len() {
        let b = record[i];
        if quoted {
            if b == b'"' {
                if record.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && at_cell_start {
            quoted = true;
            at_cell_start = false;
        } else {
            at_cell_start = b == delimiter || b == b'\n' || b == b'\r';
        }
        i += 1;
    }
    !quoted
}

/// Reads CSV bytes into a table. Rows keep the line they start on; ragged rows are kept as
/// they are (the import reports them).
pub fn read_csv(bytes: &[u8]) -> Result<Table, TableError> {
    let CsvText { text, encoding, delimiter, lines_in_1252 } = CsvText::decode(bytes)?;
    let (headers, body) = csv_header(text.as_bytes(), delimiter)?;
    let rows = read_rows(text.as_bytes(), body, ROWS_PER_PIECE_FROM, cores(), delimiter)?;
    if rows.is_empty() {
        return Err(TableError::NoRows);
    }
    Ok(Table { headers, rows, encoding, unit: "line", lines_in_1252 })
}

/// CSV text's header, and the byte where its rows begin.
fn csv_header(text: &[u8], delimiter: u8) -> Result<(Vec<String>, usize), TableError> {
    let mut reader = csv_reader(text, delimiter);
    let mut record = csv::StringRecord::new();
    if !reader.read_record(&mut record).map_err(csv_error)? {
        return Err(TableError::Empty);
    }
    let headers: Vec<String> = record.iter().map(|h| h.trim().to_owned()).collect();
    if headers.iter().all(String::is_empty) {
        return Err(TableError::Empty);
    }
    let body = usize::try_from(reader.position().byte()).unwrap_or(text.len()).min(text.len());
    if body == text.len() && !quotes_closed(text, delimiter) {
        return Err(TableError::OpenQuote { line: 1 });
    }
    Ok((headers, body))
}

/// A CSV file's text, decoded, to be read a piece at a time ([`CsvText::rows`]) by whoever
/// wants its rows, instead of all at once into a [`Table`].
pub struct CsvText<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
    /// The character between cells.
    pub delimiter: u8,
    /// See [`Table::lines_in_1252`].
    pub lines_in_1252: Vec<u64>,
}

impl<'a> CsvText<'a> {
    /// Decodes `bytes`; refuses what [`read_csv`] refuses before reading rows.
    pub fn decode(bytes: &'a [u8]) -> Result<Self, TableError> {
        if bytes.is_empty() {
            return Err(TableError::Empty);
        }
        let Decoded { text, encoding, lines_in_1252 } = decode(bytes)?;
        let delimiter = delimiter_of(text.as_bytes());
        Ok(Self { text, encoding, delimiter, lines_in_1252 })
    }

    /// The header, and a reader of the rows after it; refuses a file with no rows, as
    /// [`read_csv`] does.
    pub fn rows(&self) -> Result<(Vec<String>, CsvRows<'_>), TableError> {
        let bytes = self.text.as_bytes();
        let (headers, body) = csv_header(bytes, self.delimiter)?;
        if CsvRows::from(bytes, body, self.delimiter).next_before(usize::MAX)?.ok().flatten().is_none() {
            return Err(TableError::NoRows);
        }
        Ok((headers, CsvRows::from(bytes, body, self.delimiter)))
    }
}

/// A spreadsheet's rows, given a piece at a time: from a table read already, or from CSV text
/// as they are reached.
pub enum RowSource<'a> {
    Table(&'a [TableRow]),
    Csv(CsvRows<'a>),
}

impl<'a> RowSource<'a> {
    /// Up to `count` more rows: fewer only at the end.
    pub fn next_piece(&mut self, count: usize) -> Result<Cow<'a, [TableRow]>, TableError> {
        match self {
            RowSource::Table(rows) => {
                let (piece, rest) = rows.split_at(count.min(rows.len()));
                *rows = rest;
                Ok(Cow::Borrowed(piece))
            }
            RowSource::Csv(reader) => reader.next_piece(count).map(Cow::Owned),
        }
    }

    /// Every row not given yet.
    pub fn rest(self) -> Result<Vec<TableRow>, TableError> {
        match self {
            RowSource::Table(rows) => Ok(rows.to_vec()),
            RowSource::Csv(mut reader) => reader.next_piece(usize::MAX),
        }
    }
}

/// CSV rows read one at a time from where a record begins, each with its line in the whole
/// file; rows with nothing in them are passed over, as [`read_csv`] does.
pub struct CsvRows<'a> {
    bytes: &'a [u8],
    from: usize,
    delimiter: u8,
    /// Where the last record read begins: at the end, its quotes must all be closed.
    last_start: usize,
    reader: csv::Reader<&'a [u8]>,
    /// One record, read into again and again: each row's cells are then copied out.
    record: csv::StringRecord,
    /// The csv crate's own line numbers lag behind after a CRLF, so lines are counted here
    /// from each record's starting byte, skipping the line end it may start on.
    counted_to: usize,
    newlines: u64,
}

impl<'a> CsvRows<'a> {
    fn from(bytes: &'a [u8], from: usize, delimiter: u8) -> Self {
        Self {
            bytes,
            from,
            delimiter,
            last_start: from,
            reader: csv_reader(&bytes[from..], delimiter),
            record: csv::StringRecord::new(),
            counted_to: from,
            newlines: newlines_in(&bytes[..from]),
        }
    }

    /// The next row, unless the next record begins at or after byte `stop`: then where it
    /// begins (`Err`), or `Ok(None)` at the end.
    fn next_before(&mut self, stop: usize) -> Result<Result<Option<TableRow>, usize>, TableError> {
        let bytes = self.bytes;
        while self.reader.read_record(&mut self.record).map_err(csv_error)? {
            let at = self.record.position().map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
            let start = past_line_ends(bytes, self.from.saturating_add(at).min(bytes.len()));
            if start >= stop {
                return Ok(Err(start));
            }
            self.last_start = start;
            self.newlines += newlines_in(&bytes[self.counted_to.min(start)..start]);
            self.counted_to = self.counted_to.max(start);
            if self.record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let cells = self.record.iter().map(str::to_owned).collect();
            return Ok(Ok(Some(TableRow { line: self.newlines + 1, cells })));
        }
        // An open quote runs to the end of the file: only the last record can hold one.
        let last = &bytes[self.last_start.min(bytes.len())..];
        if !quotes_closed(last, self.delimiter) {
            return Err(TableError::OpenQuote { line: newlines_in(&bytes[..self.last_start.min(bytes.len())]) + 1 });
        }
        Ok(Ok(None))
    }

    /// Up to `count` more rows: fewer only at the end of the file.
    pub fn next_piece(&mut self, count: usize) -> Result<Vec<TableRow>, TableError> {
        let mut rows = Vec::with_capacity(count.min(4096));
        while rows.len() < count {
            match self.next_before(usize::MAX)? {
                Ok(Some(row)) => rows.push(row),
                Ok(None) | Err(_) => break,
            }
        }
        Ok(rows)
    }
}

/// Bytes of rows from which a piece of a CSV is read on a thread of its own.
const ROWS_PER_PIECE_FROM: usize = 1 << 20;

fn csv_reader(bytes: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(bytes)
}

fn csv_error(e: csv::Error) -> TableError {
    TableError::Csv(e.to_string())
}

fn newlines_in(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| **b == b'\n').count() as u64
}

/// Where the record that may begin at `at` has its first byte: past any line ends.
fn past_line_ends(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && (bytes[at] == b'\n' || bytes[at] == b'\r') {
        at += 1;
    }
    at
}

/// A piece's rows, and where the record after them begins (see [`rows_from`]).
type RowsUpTo = (Vec<TableRow>, Option<usize>);

/// The rows from byte `from` (where a record begins) to the end, read on up to `threads`
/// threads, each piece of at least `piece_from` bytes.
///
/// Each piece after the first starts just after a line end, guessing that a record begins
/// there (a quoted cell can hold line ends, so it may not). The piece before checks the guess:
/// it reads up to the first record that begins at or after that point, and only if that record
/// begins exactly there are the next piece's rows taken. Otherwise the rest is read on from
/// where the record really begins, as reading the whole file in one go would. Either way the
/// rows are those of one reading from the start.
fn read_rows(
    bytes: &[u8],
    from: usize,
    piece_from: usize,
    threads: usize,
    delimiter: u8,
) -> Result<Vec<TableRow>, TableError> {
    let pieces = threads.min((bytes.len() - from) / piece_from.max(1)).max(1);
    let mut starts = vec![from];
    for i in 1..pieces {
        let guess = from + (bytes.len() - from) * i / pieces;
        match bytes[guess..].iter().position(|b| *b == b'\n') {
            Some(at) if guess + at + 1 > starts[starts.len() - 1] => starts.push(guess + at + 1),
            _ => break,
        }
    }
    let read: Vec<Result<RowsUpTo, TableError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = starts
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, &start)| {
                let stop = starts.get(i + 1).copied().unwrap_or(usize::MAX);
                scope.spawn(move || rows_from(bytes, start, stop, delimiter))
            })
            .collect();
        let mut read = vec![rows_from(bytes, from, starts.get(1).copied().unwrap_or(usize::MAX), delimiter)];
        for handle in handles {
            match handle.join() {
                Ok(piece) => read.push(piece),
                // A fault on a helper thread is a fault here, as if it had been done here.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        read
    });
    let mut read = read.into_iter();
    let (mut rows, mut reached) = read.next().unwrap_or(Ok((Vec::new(), None)))?;
    for (piece, start) in read.zip(starts.iter().skip(1)) {
        match reached {
            Some(at) if at == past_line_ends(bytes, *start) => {
                let (more, next) = piece?;
                rows.extend(more);
                reached = next;
            }
            Some(at) => {
                rows.extend(rows_from(bytes, at, usize::MAX, delimiter)?.0);
                return Ok(rows);
            }
            None => return Ok(rows),
        }
    }
    Ok(rows)
}

/// The rows from byte `from` (where a record begins, or taken to), each with its line in the
/// whole file, up to the first record that begins at or after `stop`: and where that one
/// begins, if there is one.
fn rows_from(bytes: &[u8], from: usize, stop: usize, delimiter: u8) -> Result<RowsUpTo, TableError> {
    let mut reader = CsvRows::from(bytes, from, delimiter);
    let mut rows = Vec::new();
    loop {
        match reader.next_before(stop)? {
            Ok(Some(row)) => rows.push(row),
            Ok(None) => return Ok((rows, None)),
            Err(start) => return Ok((rows, Some(start))),
        }
    }
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

    /// Reading a CSV in pieces gives exactly the rows of reading it in one go, wherever the
    /// pieces' guessed starts fall: inside quoted cells that hold line ends, between a CR and
    /// its LF, on blank lines, in rows of empty cells, after a stray quote.
    #[test]
    fn reading_in_pieces_gives_the_rows_of_reading_in_one_go() {
        const PARTS: [&str; 10] = ["a", "b", ",", "\"", "\n", "\r\n", "\r", " ", "é", "\"\""];
        let mut seed = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let (mut compared, mut guesses_taken) = (0, 0);
        for _ in 0..3000 {
            let len = (next() % 80) as usize;
            let text: String = (0..len).map(|_| PARTS[(next() % PARTS.len() as u64) as usize]).collect();
            let bytes = text.as_bytes();
            let whole = read_rows(bytes, 0, 1, 1, b',').map_err(|e| e.to_string());
            for threads in 2..=7 {
                let pieces = read_rows(bytes, 0, 1, threads, b',').map_err(|e| e.to_string());
                assert_eq!(pieces, whole, "{text:?} in {threads} pieces");
                compared += 1;
            }
            if whole.as_ref().is_ok_and(|rows| rows.len() > 3) {
                guesses_taken += 1;
            }
        }
        assert_eq!(compared, 3000 * 6);
        assert!(guesses_taken > 100, "too few files with several rows: {guesses_taken}");
    }

    #[test]
    fn a_large_file_read_in_pieces_keeps_every_row_and_line() {
        let mut text = String::from("Name,Notes\r\n");
        for i in 0..40_000 {
            if i % 7 == 0 {
                text.push_str(&format!("\"Group {i}\",\"two\r\nlines, \"\"quoted\"\"\"\r\n"));
            } else {
                text.push_str(&format!("Group {i},plain\r\n"));
            }
        }
        let table = read_csv(text.as_bytes()).unwrap();
        assert_eq!(table.rows.len(), 40_000);
        let mut line = 2;
        for (i, row) in table.rows.iter().enumerate() {
            assert_eq!(row.line, line, "row {i}");
            assert_eq!(row.cells[0], format!("Group {i}"));
            line += if i % 7 == 0 { 2 } else { 1 };
        }
        assert_eq!(table.rows[7].cells[1], "two\r\nlines, \"quoted\"");
        assert_eq!(read_rows(text.as_bytes(), 12, 4096, 4, b',').unwrap(), table.rows);
    }

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
    fn tab_and_semicolon_separated_files_are_read_by_their_header_line() {
        let tabs = read_csv(b"Name\tTown\tNotes\nCaf\xC3\xA9 Club\tLytham\tmeets, Tuesdays\n").unwrap();
        assert_eq!(tabs.headers, ["Name", "Town", "Notes"]);
        assert_eq!(tabs.rows[0].cells, ["Café Club", "Lytham", "meets, Tuesdays"]);
        let semicolons = read_csv(b"Name;Team size;Notes\nWalkers;3,5;\"a; b\"\n").unwrap();
        assert_eq!(semicolons.headers, ["Name", "Team size", "Notes"]);
        assert_eq!(semicolons.rows[0].cells, ["Walkers", "3,5", "a; b"]);
        // Excel's "Unicode text": UTF-16 with its mark, tab-separated.
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "Name\tTown\r\nZoë's Group\tSale\r\n".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        let table = read_csv(&utf16).unwrap();
        assert_eq!((table.encoding, table.headers.clone()), ("UTF-16", vec!["Name".to_owned(), "Town".to_owned()]));
        assert_eq!(table.rows[0].cells, ["Zoë's Group", "Sale"]);
        // The same without its mark.
        let table = read_csv(&utf16[2..]).unwrap();
        assert_eq!(table.rows[0].cells, ["Zoë's Group", "Sale"]);
    }

    #[test]
    fn a_quote_never_closed_is_an_error_with_its_line() {
        let bytes = b"Name,Notes\nWalkers,plain\n\"Runners,\"\"fast\"\"\nSwimmers,wet\nCyclists,quick\n";
        match read_csv(bytes) {
            Err(TableError::OpenQuote { line }) => assert_eq!(line, 3),
            other => panic!("{other:?}"),
        }
        let text = CsvText::decode(bytes).unwrap();
        let (_, mut rows) = text.rows().unwrap();
        assert!(matches!(rows.next_piece(100), Err(TableError::OpenQuote { line: 3 })));
        // Closed quotes, quotes inside a cell and a quote in the middle of a cell are fine.
        let fine = b"Name,Notes\n\"Walkers\",\"say \"\"hi\"\"\"\n5\" nails,x\n";
        assert_eq!(read_csv(fine).unwrap().rows.len(), 2);
        assert!(matches!(read_csv(b"\"Name,Notes\nWalkers,plain\n"), Err(TableError::OpenQuote { line: 1 })));
    }

    #[test]
    fn a_file_mixing_utf8_and_windows_1252_is_read_line_by_line() {
        let bytes = b"Name,Town\nCaf\xC3\xA9 Club,Lytham\nCaf\xE9 Bleu,Fleetwood\nZo\xC3\xAB's,Sale\n";
        let table = read_csv(bytes).unwrap();
        let names: Vec<&str> = table.rows.iter().map(|r| r.cells[0].as_str()).collect();
        assert_eq!(names, ["Café Club", "Café Bleu", "Zoë's"]);
        assert_eq!(table.lines_in_1252, [3]);
        assert_eq!(table.encoding, "UTF-8, some lines Windows-1252");
        // All Windows-1252: no line is listed.
        let table = read_csv(b"Name\nCaf\xE9\n").unwrap();
        assert_eq!((table.encoding, table.lines_in_1252.len()), ("Windows-1252 (Excel)", 0));
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
