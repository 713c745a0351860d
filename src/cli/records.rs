//! The commands for the file and its records: demo, info, imports, exports.

use std::path::Path;

use super::{ImportArgs, open_to_change, open_to_read};
use crate::demo::{DemoOptions, next_programme_year, write_demo};
use crate::exchange::import_kind::{ImportKind, Participants};
use crate::exchange::info_json::info_json_with_placements;
use crate::exchange::mapping::{Imported, RowNote};
use crate::exchange::table::{CsvText, RowSource};
use crate::exchange::{Spreadsheet, open_spreadsheet};
use crate::model::Cohort;
use crate::model::text::{count_of, thousands};
use crate::model::{CohortEdit, OnDuplicate};
use crate::store::{Store, display_name};

/// A new, empty placement database: refused if anything is at `file` already.
pub(super) fn new_file(file: &Path) -> Result<String, String> {
    let store = Store::create(file).map_err(|e| format!("could not make {}: {e}", file.display()))?;
    drop(store);
    Ok(format!("made {}: an empty placement database", file.display()))
}

pub(super) fn demo(file: &Path, groups: usize, seed: u64, year: Option<i32>) -> Result<String, String> {
    if !(1..=1_000_000).contains(&groups) {
        return Err("--groups must be between 1 and 1,000,000".to_owned());
    }
    let year = year.unwrap_or_else(|| next_programme_year(chrono::Local::now().date_naive()));
    if !(1900..=9000).contains(&year) {
        return Err("--year must be a year such as 2027".to_owned());
    }
    let counts = write_demo(file, &DemoOptions { groups, seed, year })
        .map_err(|e| format!("could not write the demo to {}: {e}", file.display()))?;
    Ok(format!(
        "wrote {}: {}, {}, {}, {}, {}, {}",
        file.display(),
        count_of(counts.groups, "group", "groups"),
        count_of(counts.offers, "offer", "offers"),
        count_of(counts.cohorts, "cohort", "cohorts"),
        count_of(counts.participants, "participant", "participants"),
        count_of(counts.teams, "team", "teams"),
        count_of(counts.placements, "placement", "placements")
    ))
}

pub(super) fn info(file: &Path, json: bool) -> Result<String, String> {
    let fail = |e: &dyn std::fmt::Display| format!("could not open {}: {e}", file.display());
    let store = open_to_read(file)?;
    let version = store.schema_version().map_err(|e| fail(&e))?;
    let counts = store.counts().map_err(|e| fail(&e))?;
    let by_status = store.offers_by_status().map_err(|e| fail(&e))?;
    let placements = store.placements_by_status().map_err(|e| fail(&e))?;
    if json {
        return Ok(info_json_with_placements(version, &counts, &by_status, &placements));
    }
    let placed: Vec<String> = placements.iter().map(|(status, n)| format!("{n} {status}")).collect();
    let statuses: Vec<String> = by_status.iter().map(|(status, n)| format!("{n} {status}")).collect();
    Ok([
        format!("File:               {}", display_name(file)),
        format!("File format:        {version}"),
        format!("Community groups:   {}", thousands(counts.groups)),
        format!("Activity offers:    {} ({})", thousands(counts.offers), statuses.join(", ")),
        format!("Cohorts:            {}", thousands(counts.cohorts)),
        format!("Participants:       {}", thousands(counts.participants)),
        format!("Teams:              {}", thousands(counts.teams)),
        format!("Placements:         {} ({})", thousands(counts.placements), placed.join(", ")),
    ]
    .join("\n"))
}

/// Imports `source` into `file` as records of kind `K`; returns the report to print.
pub(super) fn import_records<K: ImportKind>(
    make_kind: impl FnOnce(&mut Store) -> Result<K, String>,
    args: &ImportArgs,
) -> Result<String, String> {
    let (file, source, sheet) = (args.file.as_path(), args.source.as_path(), args.sheet.as_deref());
    let on_duplicate = OnDuplicate::from(args.on_duplicate);
    let unreadable = |e: crate::exchange::table::TableError| format!("could not import {}: {e}", source.display());
    let spreadsheet = open_spreadsheet(source, sheet).map_err(unreadable)?;
    // A CSV's rows are read as the import reaches them; its text is decoded and its header
    // read here, so that a file that cannot be read is refused before the database is opened.
    let csv;
    let (headers, rows, unit, lines_in_1252) = match &spreadsheet {
        Spreadsheet::Csv(bytes) => {
            csv = CsvText::decode(bytes).map_err(unreadable)?;
            let (headers, rows) = csv.rows().map_err(unreadable)?;
            (headers, RowSource::Csv(rows), "line", csv.lines_in_1252.as_slice())
        }
        Spreadsheet::Read(table) => {
            (table.headers.clone(), RowSource::Table(&table.rows), table.unit, table.lines_in_1252.as_slice())
        }
    };
    let mut store = open_to_change(file, "import")?;
    let kind = make_kind(&mut store)?;
    let lookup = kind.lookup(&store).map_err(|e| format!("could not read {}: {e}", file.display()))?;
    let mapping = kind.guess(&headers, &lookup);
    let (missing, is_required) = K::REQUIRED;
    if !mapping.fields.iter().flatten().any(|f| is_required(*f)) {
        return Err(format!(
            "could not import {}: {} (the headers are: {})",
            source.display(),
            missing.trim_end_matches('.'),
            headers.join(", ")
        ));
    }
    let label = format!("Import {}", display_name(source));
    let imported = kind
        .plan_and_import(&mut store, &headers, rows, &mapping, &lookup, &label, on_duplicate)
        .map_err(|e| format!("could not import into {}: {e}", file.display()))?;
    let left_out = mapping.unmapped_headers(&headers);
    Ok(import_report::<K>(&imported, unit, lines_in_1252, &left_out))
}

/// What an import did, a line for each row that asks, warns, matched or was refused, then the
/// counts.
fn import_report<K: ImportKind>(imported: &Imported, unit: &str, lines_in_1252: &[u64], left_out: &[String]) -> String {
    let Imported { notes, counts, rows_read, .. } = imported;
    let mut out: Vec<String> = Vec::new();
    let mut unanswered = 0;
    for note in &notes.notes {
        out.push(match note {
            // Nobody is here to choose: the row is listed with what it may be, and skipped.
            RowNote::Question { line, asked, options } => {
                unanswered += 1;
                format!(
                    "{unit} {line}: not imported: {asked}: {}; add its charity number to the file, or import it in the window to choose",
                    options.join("; ")
                )
            }
            RowNote::Kept { line, warning } => format!("{unit} {line}: kept as given: {warning}"),
            RowNote::Matched { line, words } => format!("{unit} {line}: {words}"),
        });
    }
    for error in &notes.errors {
        out.push(format!("{} {}: not imported: {}", unit, error.line, error.reason));
    }
    if notes.repeats > 0 {
        let (one, many) = K::NOUNS;
        let named = notes.planned - notes.repeats;
        out.push(format!("read {} {}s naming {named} {}", rows_read, unit, if named == 1 { one } else { many }));
    }
    if !lines_in_1252.is_empty() {
        let lines: Vec<String> = lines_in_1252.iter().map(u64::to_string).collect();
        out.push(format!("{}s read as Windows-1252, not UTF-8 (check their accents): {}", unit, lines.join(", ")));
    }
    if !left_out.is_empty() {
        out.push(format!("columns not imported: {}", left_out.join(", ")));
    }
    out.push(format!(
        "imported {}, updated {}, skipped {}, errors {}",
        counts.imported,
        counts.updated,
        counts.skipped,
        notes.errors.len() + unanswered
    ));
    out.join("\n")
}

/// A roster into the cohort called `cohort`, made if the file has none of that name.
pub(super) fn import_participants(import: &ImportArgs, cohort: &str) -> Result<String, String> {
    let file = import.file.clone();
    let make = |store: &mut Store| -> Result<Participants, String> {
        let fail = |e: crate::store::StoreError| format!("could not import into {}: {e}", file.display());
        if let Some(found) = store.cohort_named(cohort).map_err(fail)? {
            return Ok(Participants::Into(found.id));
        }
        // Made by the import itself, only when it imports someone.
        let new = Cohort { name: cohort.trim().to_owned(), default_team_size: 5, ..Default::default() };
        let edit = CohortEdit::check(new).map_err(|problems| {
            let words: Vec<String> = problems.into_iter().map(|p| p.message).collect();
            format!("could not make the cohort “{cohort}”: {}", words.join(" "))
        })?;
        Ok(Participants::IntoNew(edit))
    };
    import_records(make, import)
}

/// Neighbourhoods from a table of postcode areas (see [`crate::exchange::neighbourhood_import`]):
/// each row that gives none listed, then what was set.
pub(super) fn import_neighbourhoods(file: &Path, source: &Path, sheet: Option<&str>) -> Result<String, String> {
    let cannot = |e: String| format!("could not import {}: {e}", source.display());
    let table = crate::exchange::read_spreadsheet(source, sheet).map_err(|e| cannot(e.to_string()))?;
    let read = crate::exchange::neighbourhood_import::read_area_table(&table).map_err(|e| cannot(e.to_string()))?;
    if read.areas.is_empty() {
        return Err(cannot("no row gives a postcode district or sector and a neighbourhood".to_owned()));
    }
    let mut store = open_to_change(file, "import")?;
    let (done, _) = store
        .set_up_neighbourhoods(&read.areas)
        .map_err(|e| format!("could not import into {}: {e}", file.display()))?;
    let mut out: Vec<String> =
        read.errors.iter().map(|e| format!("{} {}: not imported: {}", table.unit, e.line, e.reason)).collect();
    out.push(crate::edit::neighbourhoods_set_words(&done));
    Ok(out.join("\n"))
}

pub(super) fn export_groups(file: &Path, out: &Path) -> Result<String, String> {
    let store = open_to_read(file)?;
    let groups = crate::exchange::export::export_sheet(&store, crate::exchange::export::SheetExport::Groups, out)
        .map_err(|e| format!("could not export to {}: {e}", out.display()))?;
    Ok(format!("exported {} to {}", count_of(groups as u64, "group", "groups"), out.display()))
}

pub(super) fn export_oruk(file: &Path, outdir: &Path) -> Result<String, String> {
    let store = open_to_read(file)?;
    let records = store.group_records().map_err(|e| format!("could not read {}: {e}", file.display()))?;
    let exported =
        crate::exchange::oruk::write_package(&records, outdir).map_err(|e| format!("could not export: {e}"))?;
    let mut lines = vec![format!(
        "exported {} as an Open Referral UK package to {}",
        count_of(exported.groups as u64, "group", "groups"),
        outdir.display()
    )];
    if !exported.left_out.is_empty() {
        lines.push(format!(
            "left out {} the standard does not accept (the rest of each group is in the package):",
            count_of(exported.left_out.len() as u64, "value", "values")
        ));
        lines.extend(exported.left_out.iter().map(|l| format!("  {}: {} “{}”", l.group, l.field, l.value)));
    }
    Ok(lines.join("\n"))
}
