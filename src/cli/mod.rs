//! The command line: the same library as the window, without one. This file holds the
//! arguments (clap) and hands each command to the file that does it: [`records`] (demo, info,
//! imports, exports), [`people`] (teams), [`board`] (check, offers, place).

mod board;
mod documents;
mod people;
mod records;
mod schedule;
mod sharing;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::demo::DemoOptions;
use crate::exchange::import_kind::{Groups, Offers};
use crate::model::OnDuplicate;
use crate::model::TeamSize;
use crate::store::{OpenMode, Store};

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
    /// Make a new, empty placement database at FILE (never over an existing file).
    New {
        /// The new file, e.g. "Fylde 2027.placements".
        file: PathBuf,
    },
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
        /// Save the proposed teams (a backup first, then all of them or nothing).
        #[arg(long)]
        apply: bool,
    },
    /// List every clash and warning of the placements, one a line, naming team, day, group and
    /// activity; those placed anyway are marked with their reason. Exits 1 while a clash stands
    /// that was not placed anyway.
    Check {
        /// The placement database (opened read-only).
        file: PathBuf,
        /// Only this cohort's placements.
        #[arg(long)]
        cohort: Option<String>,
        /// Print one JSON array instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List the activity offers with their ids, dates, team sizes and places left.
    Offers {
        /// The placement database (opened read-only).
        file: PathBuf,
        /// Only offers that can host a team that day (YYYY-MM-DD).
        #[arg(long, value_parser = board::iso_date)]
        available_on: Option<NaiveDate>,
        /// Print one JSON array instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Place a team on a day, with an activity offer or none yet. Refused, with the clash in
    /// words, unless --override gives the reason to place it anyway.
    Place {
        /// The placement database.
        file: PathBuf,
        #[arg(long)]
        cohort: String,
        #[arg(long)]
        team: String,
        /// The day (YYYY-MM-DD).
        #[arg(long, value_parser = board::iso_date)]
        date: NaiveDate,
        /// The offer's id, as `placements offers` lists it.
        #[arg(long)]
        offer: Option<i64>,
        /// Place it despite a clash, for this reason (kept with the placement).
        #[arg(long = "override")]
        override_reason: Option<String>,
    },
    /// Propose a placement for every team of the cohort with none yet: a day and an activity
    /// with no clash, as many teams as can be, spread over the neighbourhoods. Prints a line per
    /// team and the reason for each team it could not place; writes nothing without --apply.
    Schedule {
        /// The placement database.
        file: PathBuf,
        /// The cohort's name, e.g. "Systems leaders 2027".
        #[arg(long)]
        cohort: String,
        /// The first day to place on (YYYY-MM-DD); the cohort's programme window by default.
        #[arg(long, value_parser = board::iso_date)]
        from: Option<NaiveDate>,
        /// The last day to place on (YYYY-MM-DD).
        #[arg(long, value_parser = board::iso_date)]
        to: Option<NaiveDate>,
        /// At most N of the cohort's teams out on one day [default: the cohort's own limit].
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
        most_per_day: Option<u32>,
        /// Place them, pencilled in (a backup first, then all of them or nothing).
        #[arg(long)]
        apply: bool,
    },
    /// Ask the directory's groups (still running, not archived) for offers: a letter to each with
    /// the reply to fill in (OUT.pdf), the same as a mail merge (OUT.csv or OUT.xlsx), or the
    /// questions for an online form (OUT.txt) whose responses import as offers as they come.
    AskForOffers {
        /// The placement database (opened read-only).
        file: PathBuf,
        /// Where to write: .pdf, .csv, .xlsx or .txt.
        #[arg(short = 'o', long = "out")]
        out: PathBuf,
        /// Only the groups of this neighbourhood.
        #[arg(long)]
        neighbourhood: Option<String>,
        /// Only this group (give it again for more).
        #[arg(long = "group")]
        groups: Vec<String>,
        /// The programme's dates and who signs, from this cohort [default: every cohort's window].
        #[arg(long)]
        cohort: Option<String>,
        /// The first day teams go out (YYYY-MM-DD), with --to.
        #[arg(long, value_parser = board::iso_date)]
        from: Option<NaiveDate>,
        /// The last day teams go out (YYYY-MM-DD).
        #[arg(long, value_parser = board::iso_date)]
        to: Option<NaiveDate>,
    },
    /// Write printed documents as a PDF: a day's sheets (--date), a team's sheets (--team and
    /// --cohort), a host group's letter (--group) or the programme on one page (--programme and
    /// --cohort). Exits 1 if the choice holds no placement.
    DaySheets {
        /// The placement database (opened read-only).
        file: PathBuf,
        /// Where to write the PDF.
        #[arg(short = 'o', long = "out")]
        out: PathBuf,
        /// Every team out that day (YYYY-MM-DD): an overview, then a sheet for each team.
        #[arg(long, value_parser = board::iso_date)]
        date: Option<NaiveDate>,
        /// One team's sheets, one for each of its days (with --cohort).
        #[arg(long)]
        team: Option<String>,
        /// The cohort of --team or --programme.
        #[arg(long)]
        cohort: Option<String>,
        /// A host group's letter: which teams come when (its name as the directory has it).
        #[arg(long)]
        group: Option<String>,
        /// The cohort's programme on one page, as a wall chart (with --cohort).
        #[arg(long)]
        programme: bool,
        /// Every day's sheets of the cohort, one day after another (with --cohort).
        #[arg(long)]
        every_day: bool,
    },
    /// The programme's report: teams out, team-days, person-hours, neighbourhoods and groups
    /// reached, completion, the practices' ratings, and the same by neighbourhood, organisation
    /// and host group. A PDF, or the figures as CSV, XLSX or JSON, by OUT's extension.
    Report {
        /// The placement database (opened read-only).
        file: PathBuf,
        /// Only this cohort (else all cohorts).
        #[arg(long)]
        cohort: Option<String>,
        /// The file to write: .pdf, .csv, .xlsx or .json.
        #[arg(short = 'o', long = "out")]
        out: PathBuf,
    },
    /// Write a copy of FILE to OUT for a colleague to work on: the two share their starting
    /// point, so each can later take in the other's changes. OUT must not exist.
    Copy {
        /// The placement database to copy.
        file: PathBuf,
        /// The new copy, e.g. "Bolton 2027 (CVS).placements".
        out: PathBuf,
        /// The colleague's name for their copy, e.g. "Bolton CVS".
        #[arg(long = "for")]
        colleague: String,
        /// This file's name as the colleague's copy will know it [default: its name so far,
        /// else the file's name].
        #[arg(long)]
        me: Option<String>,
    },
    /// Write everything changed in FILE since it and a colleague's copy last agreed, to send to
    /// them: a small file that holds the programme's personal data.
    Changes {
        /// The placement database.
        file: PathBuf,
        /// The changes file to write, e.g. "to Bolton CVS.changes".
        #[arg(short = 'o', long = "out")]
        out: PathBuf,
        /// Which colleague's copy they are for [default: the only one].
        #[arg(long = "for")]
        colleague: Option<String>,
    },
    /// Take in a colleague's changes file: prints what it does and each thing both copies
    /// changed; writes nothing (exit 1) while one is undecided, unless --prefer decides them.
    /// A backup first; then all of it or nothing.
    Take {
        /// The placement database.
        file: PathBuf,
        /// The changes file.
        changes: PathBuf,
        /// Keep this copy's ("mine") or take the colleague's ("theirs") where both changed the
        /// same thing.
        #[arg(long, value_parser = ["mine", "theirs"])]
        prefer: Option<String>,
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
    /// Import participants' feedback from an online form's export (Microsoft Forms or Google
    /// Forms, CSV or XLSX): each response matched to a participant by email and to their day out
    /// (by a date column, else their team's day); each practice's rating from the column that
    /// names it, as a number or the words forms use ("Strongly agree" … "Strongly disagree").
    /// Prints each response that matched nobody, with the reason.
    Feedback {
        #[command(flatten)]
        import: ImportArgs,
    },
    /// Set up neighbourhoods from a table of postcode districts or sectors and their
    /// neighbourhoods (two columns, in either order: "M32, Stretford", "M33 5, Sale West"); every
    /// group is then given the neighbourhood of its postcode's area (a sector's beating its
    /// district's), and every offer that of its meeting place, else its group's. One undo step.
    Neighbourhoods {
        /// The placement database.
        file: PathBuf,
        /// The table (CSV or XLSX).
        source: PathBuf,
        /// The sheet of an XLSX workbook to read [default: the first].
        #[arg(long)]
        sheet: Option<String>,
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
    /// Write calendar files: one .ics per team, per participant and per host group, an event
    /// per placement (in teams/, participants/ and groups/ under OUTDIR). Importing them again
    /// later updates the events instead of doubling them.
    Ics {
        /// The placement database (opened read-only).
        file: PathBuf,
        /// The folder to write into (made if missing).
        outdir: PathBuf,
        /// Only this cohort's placements.
        #[arg(long)]
        cohort: Option<String>,
    },
    /// Write a table for Word or Outlook mail merge, CSV or XLSX by OUT's extension: a row per
    /// participant per placement, or a row per placement for the host groups.
    MailMerge {
        /// The placement database (opened read-only).
        file: PathBuf,
        /// The file to write, ending in .csv or .xlsx.
        out: PathBuf,
        /// Only this cohort's placements.
        #[arg(long)]
        cohort: Option<String>,
        /// Whom the letters are for.
        #[arg(long = "for", value_enum, default_value_t = MergeForArg::Participants)]
        merge_for: MergeForArg,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MergeForArg {
    /// A row for each participant on each of their days.
    Participants,
    /// A row for each placement, for letters to the host groups.
    Groups,
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

/// What a command prints on standard output, and whether it succeeded (a command can print and
/// still fail: `check` with a clash standing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    pub text: String,
    pub success: bool,
}

impl From<String> for Output {
    fn from(text: String) -> Self {
        Self { text, success: true }
    }
}

/// Text for a terminal: every control character from a file (an escape that recolours the
/// terminal, a carriage return that overwrites the line) and every bidirectional formatting
/// character (a right-to-left override that reorders the rest of the line) written as `\u202E`,
/// which JSON reads back as the same character. Line breaks and tabs stay.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if hidden(c) {
            // Every one of them is in the Basic Multilingual Plane: four hex digits.
            out.push_str(&format!("\\u{:04X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Runs a command and returns what to print on standard output, or a one-line error.
pub fn run_command(command: CliCommand) -> Result<Output, String> {
    match command {
        CliCommand::Check { file, cohort, json } => board::check(&file, cohort.as_deref(), json),
        CliCommand::Offers { file, available_on, json } => board::offers(&file, available_on, json),
        CliCommand::Place { file, cohort, team, date, offer, override_reason } => {
            let args = board::PlaceArgs {
                cohort: &cohort,
                team: &team,
                day: date,
                offer: offer.map(crate::model::OfferId),
                override_reason: override_reason.as_deref(),
            };
            board::place(&file, &args)
        }
        CliCommand::Schedule { file, cohort, from, to, most_per_day, apply } => {
            schedule::schedule(&file, &schedule::ScheduleArgs { cohort: &cohort, from, to, most_per_day, apply })
        }
        CliCommand::AskForOffers { file, out, neighbourhood, groups, cohort, from, to } => {
            let args = documents::AskArgs {
                out: &out,
                neighbourhood: neighbourhood.as_deref(),
                groups: &groups,
                cohort: cohort.as_deref(),
                from,
                to,
            };
            documents::ask_for_offers(&file, &args)
        }
        CliCommand::DaySheets { file, out, date, team, cohort, group, programme, every_day } => {
            let args = documents::SheetsArgs {
                date,
                team: team.as_deref(),
                cohort: cohort.as_deref(),
                group: group.as_deref(),
                programme,
                every_day,
            };
            documents::day_sheets(&file, &out, &args)
        }
        CliCommand::Report { file, cohort, out } => documents::report(&file, &out, cohort.as_deref()),
        CliCommand::New { file } => records::new_file(&file).map(Output::from),
        CliCommand::Demo { file, groups, seed, year } => records::demo(&file, groups, seed, year).map(Output::from),
        CliCommand::Import { what: ImportCommand::Groups { import } } => {
            records::import_records(|_| Ok(Groups), &import).map(Output::from)
        }
        CliCommand::Import { what: ImportCommand::Offers { import } } => {
            records::import_records(|_| Ok(Offers), &import).map(Output::from)
        }
        CliCommand::Import { what: ImportCommand::Feedback { import } } => {
            records::import_records(|_| Ok(crate::exchange::import_kind::FeedbackResponses), &import).map(Output::from)
        }
        CliCommand::Import { what: ImportCommand::Participants { import, cohort } } => {
            records::import_participants(&import, &cohort).map(Output::from)
        }
        CliCommand::Import { what: ImportCommand::Neighbourhoods { file, source, sheet } } => {
            records::import_neighbourhoods(&file, &source, sheet.as_deref()).map(Output::from)
        }
        CliCommand::Export { what: ExportCommand::Groups { file, out } } => {
            records::export_groups(&file, &out).map(Output::from)
        }
        CliCommand::Export { what: ExportCommand::Oruk { file, outdir } } => {
            records::export_oruk(&file, &outdir).map(Output::from)
        }
        CliCommand::Export { what: ExportCommand::Ics { file, outdir, cohort } } => {
            documents::export_ics(&file, &outdir, cohort.as_deref())
        }
        CliCommand::Export { what: ExportCommand::MailMerge { file, out, cohort, merge_for } } => {
            let merge_for = match merge_for {
                MergeForArg::Participants => crate::exchange::mail_merge::MergeFor::Participants,
                MergeForArg::Groups => crate::exchange::mail_merge::MergeFor::Groups,
            };
            documents::export_mail_merge(&file, &out, cohort.as_deref(), merge_for)
        }
        CliCommand::Teams { file, cohort, size, seed, apply } => {
            people::teams(&file, &cohort, size, seed, apply).map(Output::from)
        }
        CliCommand::Info { file, json } => records::info(&file, json).map(Output::from),
        CliCommand::Copy { file, out, colleague, me } => sharing::copy(&file, &out, &colleague, me.as_deref()),
        CliCommand::Changes { file, out, colleague } => sharing::changes(&file, &out, colleague.as_deref()),
        CliCommand::Take { file, changes, prefer } => {
            sharing::take(&file, &changes, prefer.as_deref().and_then(crate::model::sharing::Choice::from_word))
        }
    }
}

/// Opens `file` to change it, taking a backup first; refuses a file that cannot be changed.
pub(crate) fn open_to_change(file: &Path, what: &str) -> Result<Store, String> {
    let store = Store::open(file, OpenMode::Edit).map_err(|e| format!("could not open {}: {e}", file.display()))?;
    if !store.is_writable() {
        return Err(format!("could not {what} in {}: it is read-only", file.display()));
    }
    crate::paths::AppPaths::from_environment()
        .backups()
        .take(&store)
        .map_err(|e| format!("no backup of {} could be made first, so nothing was changed: {e}", file.display()))?;
    Ok(store)
}

/// Opens `file` to read it.
pub(crate) fn open_to_read(file: &Path) -> Result<Store, String> {
    Store::open(file, OpenMode::ReadOnly).map_err(|e| format!("could not open {}: {e}", file.display()))
}

/// A cohort by its name, or a one-line error listing the ones there are.
pub(crate) fn cohort_named(store: &Store, file: &Path, name: &str) -> Result<crate::model::Cohort, String> {
    let fail = |e: crate::store::StoreError| format!("could not read {}: {e}", file.display());
    if let Some(cohort) = store.cohort_named(name).map_err(fail)? {
        return Ok(cohort);
    }
    let names: Vec<String> = store.cohorts().map_err(fail)?.into_iter().map(|c| c.name).collect();
    Err(format!("there is no cohort called “{name}” in {} (it has: {})", file.display(), names.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_and_direction_characters_are_written_out() {
        assert_eq!(printable("Bispham Men's Shed\n\tFY2 9AB"), "Bispham Men's Shed\n\tFY2 9AB");
        assert_eq!(printable("abc\u{202E}def"), "abc\\u202Edef");
        assert_eq!(printable("\u{1B}[31mred\r"), "\\u001B[31mred\\u000D");
        assert_eq!(printable("\u{2066}x\u{2069}\u{200F}"), "\\u2066x\\u2069\\u200F");
        // What JSON reads back as the same text.
        let json: String = serde_json::from_str(&format!("\"{}\"", printable("a\u{202E}b"))).unwrap();
        assert_eq!(json, "a\u{202E}b");
    }
}
