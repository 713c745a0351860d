//! One way to export, for the window and the command line alike: the directory, a mail merge
//! and the report's figures as a spreadsheet, the calendar files into a folder. Each reads what
//! it needs from the store, refuses to write a file with nothing in it, and writes whole or not
//! at all; the caller says what happened in its own words from what is returned.

use std::path::{Path, PathBuf};

use super::files::{ExportError, write_atomically};
use super::mail_merge::{MergeFor, merge_table};
use super::table_out::{csv_bytes, xlsx_bytes};
use crate::model::CohortId;
use crate::model::sheets::SheetPlacement;
use crate::store::{Store, StoreError};

/// A spreadsheet's format, from its file name: XLSX for `.xlsx`, CSV for anything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetFormat {
    Csv,
    Xlsx,
}

impl SheetFormat {
    pub fn of(path: &Path) -> Self {
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) { Self::Xlsx } else { Self::Csv }
    }

    fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    /// `path`, with this format's extension put on when it has none (a name typed without one).
    pub fn completing(self, path: &Path) -> PathBuf {
        let mut path = path.to_path_buf();
        if path.extension().is_none() {
            path.set_extension(self.extension());
        }
        path
    }

    /// A table in this format; `sheet` names the workbook's one sheet.
    pub fn bytes(self, sheet: &str, headers: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, ExportError> {
        match self {
            Self::Csv => csv_bytes(headers, rows),
            Self::Xlsx => xlsx_bytes(sheet, headers, rows, |r| format!("row {}", r + 2)),
        }
    }
}

/// What to export as a spreadsheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetExport {
    /// Every group of the directory.
    Groups,
    /// A mail merge for the participants or the host groups of a cohort's placements (or all).
    MailMerge { merge_for: MergeFor, cohort: Option<CohortId> },
    /// The report's figures for a cohort (or all), a row per figure.
    ReportFigures { cohort: Option<CohortId> },
}

/// Why an export wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ExportFailed {
    #[error("{0}")]
    Read(#[from] StoreError),
    #[error("{0}")]
    Make(#[from] ExportError),
    #[error("could not write it: {0}")]
    Write(#[from] std::io::Error),
    /// Nothing to put in the file (no team placed): no empty file is written.
    #[error("no team is placed{}: there is nothing to {what}", .cohort.as_deref().map(|c| format!(" in {c}")).unwrap_or_default())]
    Nothing { what: &'static str, cohort: Option<String> },
}

/// The placements of a cohort (or all), as the documents read them.
fn placements_of(store: &Store, cohort: Option<CohortId>) -> Result<Vec<SheetPlacement>, StoreError> {
    Ok(store.sheet_placements()?.into_iter().filter(|p| cohort.is_none_or(|c| c == p.cohort)).collect())
}

fn cohort_name(store: &Store, cohort: Option<CohortId>) -> Option<String> {
    let cohort = cohort?;
    store.cohorts().ok()?.into_iter().find(|c| c.id == cohort).map(|c| c.name)
}

/// Writes `what` to `path` in the format its name says; returns how many rows it holds.
pub fn export_sheet(store: &Store, what: SheetExport, path: &Path) -> Result<usize, ExportFailed> {
    let format = SheetFormat::of(path);
    let (bytes, rows) = match what {
        SheetExport::Groups => {
            let records = store.group_records()?;
            let bytes = match format {
                SheetFormat::Csv => super::group_export::groups_csv(&records)?,
                SheetFormat::Xlsx => super::group_export::groups_xlsx(&records)?,
            };
            (bytes, records.len())
        }
        SheetExport::MailMerge { merge_for, cohort } => {
            let placements = placements_of(store, cohort)?;
            let chosen: Vec<&SheetPlacement> = placements.iter().collect();
            let (headers, rows) = merge_table(&chosen, merge_for);
            if rows.is_empty() {
                return Err(ExportFailed::Nothing { what: "merge", cohort: cohort_name(store, cohort) });
            }
            (format.bytes("Mail merge", &headers, &rows)?, rows.len())
        }
        SheetExport::ReportFigures { cohort } => {
            let figures = crate::model::report::report(&store.report_facts(cohort)?);
            let rows: Vec<Vec<String>> =
                crate::model::report::figure_rows(&figures).into_iter().map(Vec::from).collect();
            (format.bytes("Report", &["Section", "Name", "Measure", "Value"], &rows)?, rows.len())
        }
    };
    write_atomically(path, &bytes)?;
    Ok(rows)
}

/// Writes the calendar files of a cohort's placements (or all) into `folder`.
pub fn export_calendars(
    store: &Store,
    cohort: Option<CohortId>,
    folder: &Path,
) -> Result<super::calendars::Written, ExportFailed> {
    let placements = placements_of(store, cohort)?;
    if placements.is_empty() {
        return Err(ExportFailed::Nothing { what: "put in a calendar", cohort: cohort_name(store, cohort) });
    }
    let chosen: Vec<&SheetPlacement> = placements.iter().collect();
    let files = super::calendars::calendar_files(&chosen);
    Ok(super::calendars::write_calendars(folder, &files)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_is_the_file_names() {
        assert_eq!(SheetFormat::of(Path::new("a.xlsx")), SheetFormat::Xlsx);
        assert_eq!(SheetFormat::of(Path::new("a.XLSX")), SheetFormat::Xlsx);
        assert_eq!(SheetFormat::of(Path::new("a.csv")), SheetFormat::Csv);
        assert_eq!(SheetFormat::of(Path::new("a")), SheetFormat::Csv);
        assert_eq!(SheetFormat::Xlsx.completing(Path::new("figures")), Path::new("figures.xlsx"));
        assert_eq!(SheetFormat::Csv.completing(Path::new("merge.txt")), Path::new("merge.txt"));
    }
}
