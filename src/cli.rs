//! The command line: the same library as the window, without one.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::demo::{DemoOptions, next_programme_year, write_demo};
use crate::exchange::info_json::info_json;
use crate::model::text::thousands;
use crate::store::{OpenMode, Store, display_name};

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
    /// Print a file's format version and how many records it holds.
    Info {
        /// The placement database to describe (opened read-only).
        file: PathBuf,
        /// Print exactly one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
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
        CliCommand::Info { file, json } => {
            let fail = |e: &dyn std::fmt::Display| format!("could not open {}: {e}", file.display());
            let store = Store::open(&file, OpenMode::ReadOnly).map_err(|e| fail(&e))?;
            let version = store.schema_version().map_err(|e| fail(&e))?;
            let counts = store.counts().map_err(|e| fail(&e))?;
            if json {
                return Ok(info_json(version, &counts));
            }
            Ok([
                format!("File:               {}", display_name(&file)),
                format!("File format:        {version}"),
                format!("Community groups:   {}", thousands(counts.groups)),
                format!("Activity offers:    {}", thousands(counts.offers)),
                format!("Cohorts:            {}", thousands(counts.cohorts)),
                format!("Participants:       {}", thousands(counts.participants)),
                format!("Teams:              {}", thousands(counts.teams)),
                format!("Placements:         {}", thousands(counts.placements)),
            ]
            .join("\n"))
        }
    }
}
