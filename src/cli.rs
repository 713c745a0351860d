//! The command line: the same library as the window, without one.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::demo::{DemoOptions, next_programme_year, write_demo};
use crate::exchange::files::write_atomically;
use crate::exchange::group_export::{groups_csv, groups_xlsx};
use crate::exchange::import_kind::{Groups, ImportKind, Offers, Participants, run_import};
use crate::exchange::info_json::info_json;
use crate::exchange::mapping::Mapping;
use crate::exchange::read_spreadsheet;
use crate::model::text::thousands;
use crate::model::{Cohort, TeamSize};
use crate::store::{CohortEdit, OnDuplicate, OpenMode, Store, display_name};

/// Community Placements: plan one-day leadership placements of NHS teams with local community groups.
///
/// With no command, opens the window: on FILE if given, else on the last file you had open (on the
/// very first run, on a demo programme made for you).
#[derive(Debug, Parser)]
#[command(name = "placements", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A placement database to open in the window.
    pub file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Write a realistic demo placement database to FILE (never overwrites a file).
    Demo {
        /// The new file to write, e.g. demo.placements.
        file: PathBuf,
        /// How many community groups to make.
        #[arg(long, default_value_t = DemoOptions::DEFAULT_GROUPS)]
        groups: usize,
        /// The same seed always gives the same file.
        #[arg(long, default_value_t = DemoOptions::DEFAULT_SEED)]
        seed: u64,
        /// The year whose April and May the programme runs in [default: the next April–May to come].
        #[arg(long)]
        year: Option<i32>,
    },
    /// Import records from a spreadsheet or a directory feed into FILE.
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Export records from FILE.
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
    /// Propose teams for a cohort, mixing organisations and professions; with --apply, save them.
    /// People in locked teams stay where they are.
    Teams {
        /// The placement database.
        file: PathBuf,
        /// The cohort's name, e.g. "Junior doctors 2027".
        #[arg(long)]
        cohort: String,
        /// At most this many people in a team (1 to 20); sizes differ by at most one.
        #[arg(long)]
        size: TeamSize,
        /// The same seed always gives the same teams.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Save the proposed teams (one step that the window's Undo takes back).
        #[arg(long)]
        apply: bool,
    },
    /// Print a file's format version and how many records it holds.
    Info {
        /// The placement database to describe (opened read-only).
        file: PathBuf,
        /// Print exactly one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import community groups from a spreadsheet or an Open Referral UK directory (a CSV file,
    /// an XLSX workbook, an Open Referral UK /services feed saved as JSON, or an Open Referral UK
    /// package: a folder). Rows that match a group already in the file have the same charity
    /// number, or the same name and postcode. Prints each row that could not be imported, then
    /// `imported N, updated N, skipped N, errors N`.
    Groups {
        #[command(flatten)]
        import: ImportArgs,
    },
    /// Import groups' activity offers from a CSV file or XLSX workbook. Each row is matched to
    /// a group of the directory by its charity number or identifier, else by its name; rows that
    /// match an offer already in the file have the same group and title. Prints each row that
    /// could not be imported, then `imported N, updated N, skipped N, errors N`.
    Offers {
        #[command(flatten)]
        import: ImportArgs,
    },
    /// Import a cohort's roster from a CSV file or XLSX workbook (the cohort is made if it is
    /// not in the file); rows that match a participant already on the cohort have the same email
    /// address. Prints each row that could not be imported, then
    /// `imported N, updated N, skipped N, errors N`.
    Participants {
        #[command(flatten)]
        import: ImportArgs,
        /// The cohort's name, e.g. "Systems leaders wave 1".
        #[arg(long)]
        cohort: String,
    },
}

/// What every import command takes.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The placement database to import into.
    file: PathBuf,
    /// The spreadsheet (CSV in UTF-8, UTF-16 or Windows-1252, or XLSX) or directory to import.
    source: PathBuf,
    /// The sheet of an XLSX workbook to import [default: the first].
    #[arg(long)]
    sheet: Option<String>,
    /// What to do with rows that match a record already in the file.
    #[arg(long, value_enum, default_value_t = DuplicateArg::Skip)]
    on_duplicate: DuplicateArg,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Export the directory of community groups as CSV (for Excel: UTF-8 with a byte order
    /// mark) or XLSX, chosen by OUT's extension.
    Groups {
        /// The placement database to export from (opened read-only).
        file: PathBuf,
        /// The file to write, ending in .csv or .xlsx.
        out: PathBuf,
    },
    /// Export the directory as an Open Referral UK tabular package: one CSV file per table of
    /// the standard, written into OUTDIR.
    Oruk {
        /// The placement database to export from (opened read-only).
        file: PathBuf,
        /// The folder to write the package's CSV files into (made if missing).
        outdir: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DuplicateArg {
    /// Fill the existing record with the row's values.
    Update,
    /// Leave the existing record as it is.
    Skip,
    /// Import the row as another record.
    New,
}

impl From<DuplicateArg> for OnDuplicate {
    fn from(arg: DuplicateArg) -> Self {
        match arg {
            DuplicateArg::Update => Self::Update,
            DuplicateArg::Skip => Self::Skip,
            DuplicateArg::New => Self::New,
        }
    }
}

/// Imports `source` into `file` as records of kind `K`; returns the report to print.
fn import_records<K: ImportKind>(
    make_kind: impl FnOnce(&mut Store) -> Result<K, String>,
    args: &ImportArgs,
) -> Result<String, String> {
    let (file, source, sheet) = (args.file.as_path(), args.source.as_path(), args.sheet.as_deref());
    let on_duplicate = OnDuplicate::from(args.on_duplicate);
    let table = read_spreadsheet(source, sheet).map_err(|e| format!("could not import {}: {e}", source.display()))?;
    let mut store = Store::open(file, OpenMode::Edit).map_err(|e| format!("could not open {}: {e}", file.display()))?;
    if !store.is_writable() {
        return Err(format!("could not import into {}: it is read-only", file.display()));
    }
    crate::paths::AppPaths::from_environment()
        .backups()
        .take(&store)
        .map_err(|e| format!("no backup of {} could be made first, so nothing was imported: {e}", file.display()))?;
    let kind = make_kind(&mut store)?;
    let lookup = kind.lookup(&store).map_err(|e| format!("could not read {}: {e}", file.display()))?;
    let mapping = Mapping::<K::Field>::guess(&table.headers);
    let (missing, is_required) = K::REQUIRED;
    if !mapping.fields.iter().flatten().any(|f| is_required(*f)) {
        return Err(format!(
            "could not import {}: {} (the headers are: {})",
            source.display(),
            missing.trim_end_matches('.'),
            table.headers.join(", ")
        ));
    }
    let plan = kind.plan(&table, &mapping, &lookup);
    let rows: Vec<K::Row> = plan.rows.iter().map(|r| r.row.clone()).collect();
    let label = format!("Import {}", display_name(source));
    let (counts, _) = run_import(&kind, &mut store, &label, &rows, on_duplicate, &mut |_| true)
        .map_err(|e| format!("could not import into {}: {e}", file.display()))?;
    let mut out: Vec<String> = Vec::new();
    for row in &plan.rows {
        for warning in &row.warnings {
            out.push(format!("{} {}: kept as given: {warning}", table.unit, row.line));
        }
    }
    for error in &plan.errors {
        out.push(format!("{} {}: not imported: {}", table.unit, error.line, error.reason));
    }
    out.push(format!(
        "imported {}, updated {}, skipped {}, errors {}",
        counts.imported,
        counts.updated,
        counts.skipped,
        plan.errors.len()
    ));
    Ok(out.join("\n"))
}

/// Runs a command and returns what to print on standard output, or a one-line error.
pub fn run_command(command: CliCommand) -> Result<String, String> {
    match command {
        CliCommand::Demo { file, groups, seed, year } => {
            if !(1..=1_000_000).contains(&groups) {
                return Err("--groups must be between 1 and 1,000,000".to_owned());
            }
            let year = year.unwrap_or_else(|| next_programme_year(chrono::Local::now().date_naive()));
            if !(1900..=9000).contains(&year) {
                return Err("--year must be a year such as 2027".to_owned());
            }
            let counts = write_demo(&file, &DemoOptions { groups, seed, year })
                .map_err(|e| format!("could not write the demo to {}: {e}", file.display()))?;
            Ok(format!(
                "wrote {}: {} groups, {} offers, {} cohorts, {} participants, {} teams, {} placements",
                file.display(),
                thousands(counts.groups),
                thousands(counts.offers),
                counts.cohorts,
                counts.participants,
                counts.teams,
                counts.placements
            ))
        }
        CliCommand::Import { what: ImportCommand::Groups { import } } => import_records(|_| Ok(Groups), &import),
        CliCommand::Import { what: ImportCommand::Offers { import } } => import_records(|_| Ok(Offers), &import),
        CliCommand::Import { what: ImportCommand::Participants { import, cohort } } => {
            let file = import.file.clone();
            let make = |store: &mut Store| -> Result<Participants, String> {
                let fail = |e: crate::store::StoreError| format!("could not import into {}: {e}", file.display());
                if let Some(found) = store.cohort_named(&cohort).map_err(fail)? {
                    return Ok(Participants(found.id));
                }
                let new = Cohort { name: cohort.trim().to_owned(), default_team_size: 5, ..Default::default() };
                let edit = CohortEdit::check(new).map_err(|problems| {
                    let words: Vec<String> = problems.into_iter().map(|p| p.message).collect();
                    format!("could not make the cohort “{cohort}”: {}", words.join(" "))
                })?;
                store.add_cohort(&edit).map(|(id, _)| Participants(id)).map_err(fail)
            };
            import_records(make, &import)
        }
        CliCommand::Export { what: ExportCommand::Groups { file, out } } => {
            let store = Store::open(&file, OpenMode::ReadOnly)
                .map_err(|e| format!("could not open {}: {e}", file.display()))?;
            let records = store.group_records().map_err(|e| format!("could not read {}: {e}", file.display()))?;
            let xlsx = out.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
            let bytes = if xlsx { groups_xlsx(&records) } else { groups_csv(&records) }
                .map_err(|e| format!("could not export: {e}"))?;
            write_atomically(&out, &bytes).map_err(|e| format!("could not write {}: {e}", out.display()))?;
            Ok(format!("exported {} groups to {}", thousands(records.len() as u64), out.display()))
        }
        CliCommand::Export { what: ExportCommand::Oruk { file, outdir } } => {
            let store = Store::open(&file, OpenMode::ReadOnly)
                .map_err(|e| format!("could not open {}: {e}", file.display()))?;
            let records = store.group_records().map_err(|e| format!("could not read {}: {e}", file.display()))?;
            let n = crate::exchange::oruk::write_package(&records, &outdir)
                .map_err(|e| format!("could not export: {e}"))?;
            Ok(format!(
                "exported {} groups as an Open Referral UK package to {}",
                thousands(n as u64),
                outdir.display()
            ))
        }
        CliCommand::Teams { file, cohort, size, seed, apply } => {
            let mode = if apply { OpenMode::Edit } else { OpenMode::ReadOnly };
            let mut store = Store::open(&file, mode).map_err(|e| format!("could not open {}: {e}", file.display()))?;
            let fail = |e: crate::store::StoreError| format!("could not form teams in {}: {e}", file.display());
            let found = store.cohort_named(&cohort).map_err(fail)?.ok_or_else(|| {
                let names: Vec<String> = store.cohorts().unwrap_or_default().into_iter().map(|c| c.name).collect();
                format!("there is no cohort called “{cohort}” in {} (it has: {})", file.display(), names.join(", "))
            })?;
            let proposal = store.propose_teams(found.id, size, seed).map_err(fail)?;
            let mut out: Vec<String> = proposal
                .iter()
                .map(|team| {
                    let members: Vec<&crate::model::ParticipantSummary> = team.members.iter().collect();
                    let people: Vec<String> = team
                        .members
                        .iter()
                        .map(|m| format!("{} ({}, {})", m.name, m.profession, m.organisation))
                        .collect();
                    format!("{} ({}): {}", team.name, crate::model::teams::mix_line(&members), people.join("; "))
                })
                .collect();
            if apply {
                if !store.is_writable() {
                    return Err(format!("could not save teams in {}: it is read-only", file.display()));
                }
                crate::paths::AppPaths::from_environment().backups().take(&store).map_err(|e| {
                    format!("no backup of {} could be made first, so nothing was saved: {e}", file.display())
                })?;
                store.apply_teams(found.id, &proposal).map_err(fail)?;
                out.push(format!("saved {} teams", proposal.len()));
            }
            Ok(out.join("\n"))
        }
        CliCommand::Info { file, json } => {
            let fail = |e: &dyn std::fmt::Display| format!("could not open {}: {e}", file.display());
            let store = Store::open(&file, OpenMode::ReadOnly).map_err(|e| fail(&e))?;
            let version = store.schema_version().map_err(|e| fail(&e))?;
            let counts = store.counts().map_err(|e| fail(&e))?;
            let by_status = store.offers_by_status().map_err(|e| fail(&e))?;
            if json {
                return Ok(info_json(version, &counts, &by_status));
            }
            let statuses: Vec<String> = by_status.iter().map(|(status, n)| format!("{n} {status}")).collect();
            Ok([
                format!("File:               {}", display_name(&file)),
                format!("File format:        {version}"),
                format!("Community groups:   {}", thousands(counts.groups)),
                format!("Activity offers:    {} ({})", thousands(counts.offers), statuses.join(", ")),
                format!("Cohorts:            {}", thousands(counts.cohorts)),
                format!("Participants:       {}", thousands(counts.participants)),
                format!("Teams:              {}", thousands(counts.teams)),
                format!("Placements:         {}", thousands(counts.placements)),
            ]
            .join("\n"))
        }
    }
}
