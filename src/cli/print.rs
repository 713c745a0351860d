//! `placements day-sheets`: the printed documents from the command line, the same PDFs as the
//! window's Day sheets panel (`print`).

use std::path::Path;

use chrono::NaiveDate;

use super::{Output, cohort_named, open_to_read};
use crate::exchange::files::write_atomically;
use crate::model::sheets::SheetChoice;
use crate::print::pdf_of;
use crate::store::Store;

/// Which document, as the command line names it.
pub(super) struct SheetsArgs<'a> {
    pub date: Option<NaiveDate>,
    pub team: Option<&'a str>,
    pub cohort: Option<&'a str>,
    pub group: Option<&'a str>,
    pub programme: bool,
}

/// The choice the arguments make, or a one-line error saying what is missing.
fn choice(store: &Store, file: &Path, args: &SheetsArgs<'_>) -> Result<SheetChoice, String> {
    let read = |e| format!("could not read {}: {e}", file.display());
    match (args.date, args.team, args.group, args.programme) {
        (Some(day), None, None, false) => Ok(SheetChoice::Day(day)),
        (None, Some(team), None, false) => {
            let cohort = cohort_named(store, file, args.cohort.ok_or("--team needs --cohort NAME too")?)?;
            let teams = store.teams(cohort.id).map_err(read)?;
            teams.iter().find(|t| t.name.trim().eq_ignore_ascii_case(team.trim())).map(|t| SheetChoice::Team(t.id)).ok_or_else(|| {
                let names: Vec<&str> = teams.iter().map(|t| t.name.as_str()).collect();
                format!("there is no team called “{team}” in {} (it has: {})", cohort.name, names.join(", "))
            })
        }
        (None, None, Some(group), false) => {
            let found = store.groups_named(group).map_err(read)?;
            match found.as_slice() {
                [id] => Ok(SheetChoice::Group(*id)),
                [] => Err(format!("there is no group called “{group}” in {}", file.display())),
                _ => Err(format!("{} groups are called “{group}”: give the name as the directory spells it", found.len())),
            }
        }
        (None, None, None, true) => {
            let cohort = cohort_named(store, file, args.cohort.ok_or("--programme needs --cohort NAME too")?)?;
            Ok(SheetChoice::Programme(cohort.id))
        }
        _ => Err("say what to print: --date YYYY-MM-DD, --team NAME --cohort NAME, --group NAME, or --programme --cohort NAME (one of them)".to_owned()),
    }
}

/// Writes the chosen document as a PDF; says how many pages.
pub(super) fn day_sheets(file: &Path, out: &Path, args: &SheetsArgs<'_>) -> Result<Output, String> {
    let store = open_to_read(file)?;
    let choice = choice(&store, file, args)?;
    let today = chrono::Local::now().date_naive();
    let (pdf, pages) = pdf_of(&store, choice, today).map_err(|e| e.to_string())?;
    write_atomically(out, &pdf).map_err(|e| format!("could not write {}: {e}", out.display()))?;
    let pages = if pages == 1 { "1 page".to_owned() } else { format!("{pages} pages") };
    Ok(format!("wrote {} ({pages})", out.display()).into())
}
