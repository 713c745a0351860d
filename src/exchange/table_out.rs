//! Writing a table for a spreadsheet: CSV that Excel opens correctly (UTF-8 with a byte order
//! mark, CRLF line ends) and XLSX with every cell as text (phone numbers keep their leading
//! zeros). Either way a cell a spreadsheet would run as a formula is neutralised.

use super::files::ExportError;

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
/// return first) gets a leading apostrophe, so that opening the file runs nothing. The importer
/// takes the apostrophe off again.
pub fn neutralise_formula(cell: &str) -> String {
    if is_negative_number(cell) {
        // "-1.5" is a number, and a spreadsheet reads it as one: nothing to neutralise.
        return cell.to_owned();
    }
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// "-3" or "-0.5": a minus, digits, and at most one decimal point between digits.
fn is_negative_number(cell: &str) -> bool {
    let Some(number) = cell.strip_prefix('-') else { return false };
    let mut parts = number.split('.');
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    parts.next().is_none() && digits(whole) && fraction.is_none_or(digits)
}

/// The table as CSV.
pub fn csv_bytes(headers: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, ExportError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        writer.write_record(headers)?;
        for row in rows {
            writer.write_record(row.iter().map(|cell| neutralise_formula(cell)))?;
        }
        writer.flush().map_err(csv::Error::from)?;
    }
    Ok(out)
}

/// The table as a workbook with one sheet named `sheet`, the header row bold and frozen;
/// `row_name` says which row a cell that cannot be written came from.
pub fn xlsx_bytes(
    sheet: &str,
    headers: &[&str],
    rows: &[Vec<String>],
    row_name: impl Fn(usize) -> String,
) -> Result<Vec<u8>, ExportError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(sheet)?;
    for (col, header) in headers.iter().enumerate() {
        worksheet.write_string_with_format(0, col as u16, *header, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (col, text) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            worksheet
                .write_string(r as u32 + 1, col as u16, text)
                .map_err(|e| ExportError::XlsxCell { what: row_name(r), message: e.to_string() })?;
        }
    }
    worksheet.set_freeze_panes(1, 0)?;
    Ok(workbook.save_to_buffer()?)
}
