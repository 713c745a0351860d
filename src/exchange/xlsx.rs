//! Reading XLSX workbooks (one chosen sheet) into a [`Table`].

use std::io::Cursor;

use calamine::{Data, Reader as _};

use super::table::{Table, TableError, TableRow};

/// The names of a workbook's sheets, in order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, TableError> {
    let workbook =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| TableError::NotWorkbook(e.to_string()))?;
    Ok(workbook.sheet_names())
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        // Whole numbers without ".0", as the spreadsheet shows them.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(d) if d.is_datetime() => excel_serial_text(d.as_f64()),
        other => other.to_string(),
    }
}

/// A date or time cell as text the importers read: `2027-04-05`, `09:30`, or both.
fn excel_serial_text(serial: f64) -> String {
    let days = serial.floor();
    let minutes = ((serial - days) * 24.0 * 60.0).round() as i64;
    let time = format!("{:02}:{:02}", (minutes / 60) % 24, minutes % 60);
    let date = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
        .and_then(|base| base.checked_add_signed(chrono::Duration::try_days(days as i64)?))
        .map(|d| d.format("%Y-%m-%d").to_string());
    match (days as i64, date) {
        (0, _) | (_, None) => time,
        (_, Some(date)) if minutes == 0 => date,
        (_, Some(date)) => format!("{date} {time}"),
    }
}

/// Reads one sheet (the first when `sheet` is `None`): its first non-empty row is the header.
pub fn read_xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<Table, TableError> {
    let mut workbook =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| TableError::NotWorkbook(e.to_string()))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(wanted))
            .cloned()
            .ok_or_else(|| TableError::NoSuchSheet { wanted: wanted.to_owned(), names: names.clone() })?,
        None => names.first().cloned().ok_or(TableError::Empty)?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| TableError::Sheet { name: name.clone(), message: e.to_string() })?;
    let first_row = u64::from(range.start().map_or(0, |(row, _)| row));
    let mut rows = range.rows().enumerate().map(|(i, cells)| (first_row + i as u64 + 1, cells));
    let headers = loop {
        match rows.next() {
            Some((_, cells)) if cells.iter().all(|c| cell_text(c).trim().is_empty()) => continue,
            Some((_, cells)) => break cells.iter().map(|c| cell_text(c).trim().to_owned()).collect::<Vec<_>>(),
            None => return Err(TableError::Empty),
        }
    };
    let rows: Vec<TableRow> = rows
        .filter(|(_, cells)| cells.iter().any(|c| !cell_text(c).trim().is_empty()))
        .map(|(line, cells)| TableRow { line, cells: cells.iter().map(cell_text).collect() })
        .collect();
    if rows.is_empty() {
        return Err(TableError::NoRows);
    }
    Ok(Table { headers, rows, encoding: "Excel workbook", unit: "row", lines_in_1252: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_and_time_cells_read_as_text() {
        // 46482 is 5 April 2027 in Excel's count; .375 of a day is 09:00.
        assert_eq!(excel_serial_text(46482.0), "2027-04-05");
        assert_eq!(excel_serial_text(0.375), "09:00");
        assert_eq!(excel_serial_text(46482.6875), "2027-04-05 16:30");
        // A cell no calendar holds gives its time of day, never a panic.
        assert_eq!(excel_serial_text(1e300), "00:00");
    }
}
