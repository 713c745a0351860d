//! The documents for people outside the program: `placements day-sheets` (the same PDFs as the
//! window's Day sheets panel, `print`), `export ics` (calendar files) and `export mail-merge`.

use std::path::Path;

use chrono::NaiveDate;

use super::{Output, cohort_named, open_to_read};
use crate::exchange::files::write_atomically;
use crate::exchange::mail_merge::MergeFor;
use crate::model::sheets::SheetChoice;
use crate::model::text::count_of;
use crate::print::pdf_of;
use crate::store::Store;

/// Which document, as the command line names it.
pub(super) struct SheetsArgs<'a> {
    pub date: Option<NaiveDate>,
    pub team: Option<&'a str>,
    pub cohort: Option<&'a str>,
    pub group: Option<&'a str>,
    pub programme: bool,
    pub every_day: bool,
}

/// The choice the arguments make, or a one-line error saying what is missing.
fn choice(store: &Store, file: &Path, args: &SheetsArgs<'_>) -> Result<SheetChoice, String> {
    let read = |e| format!("could not read {}: {e}", file.display());
    if args.every_day {
        if args.date.is_some() || args.team.is_some() || args.group.is_some() || args.programme {
            return Err("--every-day goes with --cohort NAME alone".to_owned());
        }
        let cohort = cohort_named(store, file, args.cohort.ok_or("--every-day needs --cohort NAME too")?)?;
        return Ok(SheetChoice::EveryDay(cohort.id));
    }
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
        _ => Err("say what to print: --date YYYY-MM-DD, --team NAME --cohort NAME, --group NAME, --programme --cohort NAME or --every-day --cohort NAME (one of them)".to_owned()),
    }
}

/// Writes the chosen document as a PDF; says how many pages.
pub(super) fn day_sheets(file: &Path, out: &Path, args: &SheetsArgs<'_>) -> Result<Output, String> {
    let store = open_to_read(file)?;
    let choice = choice(&store, file, args)?;
    let today = chrono::Local::now().date_naive();
    let (pdf, pages) = pdf_of(&store, choice, today).map_err(|e| e.to_string())?;
    write_atomically(out, &pdf).map_err(|e| format!("could not write {}: {e}", out.display()))?;
    let pages = count_of(pages as u64, "page", "pages");
    Ok(format!("wrote {} ({pages})", out.display()).into())
}

/// Calendar files for each team, participant and host group, in `outdir`.
pub(super) fn export_ics(file: &Path, outdir: &Path, cohort: Option<&str>) -> Result<Output, String> {
    let store = open_to_read(file)?;
    let cohort = cohort.map(|name| cohort_named(&store, file, name)).transpose()?.map(|c| c.id);
    let placements = store.sheet_placements().map_err(|e| format!("could not read {}: {e}", file.display()))?;
    let placements = placements.iter().filter(|p| cohort.is_none_or(|c| c == p.cohort)).count();
    let written = crate::exchange::export::export_calendars(&store, cohort, outdir).map_err(|e| match e {
        e @ crate::exchange::export::ExportFailed::Nothing { .. } => e.to_string(),
        e => format!("could not export: {e}"),
    })?;
    Ok(format!(
        "wrote {} ({}) to {}",
        written.sentence(),
        count_of(placements as u64, "placement", "placements"),
        outdir.display()
    )
    .into())
}

/// The mail merge table for participants or host groups, as CSV or XLSX by `out`'s extension.
pub(super) fn export_mail_merge(
    file: &Path,
    out: &Path,
    cohort: Option<&str>,
    merge_for: MergeFor,
) -> Result<Output, String> {
    let store = open_to_read(file)?;
    let cohort = cohort.map(|name| cohort_named(&store, file, name)).transpose()?.map(|c| c.id);
    let what = crate::exchange::export::SheetExport::MailMerge { merge_for, cohort };
    let rows = crate::exchange::export::export_sheet(&store, what, out).map_err(|e| e.to_string())?;
    let rows = count_of(rows as u64, "row", "rows");
    Ok(format!("wrote a mail merge for {} ({rows}) to {}", merge_for.label(), out.display()).into())
}

/// The programme's report as a PDF, or its figures as CSV, XLSX or JSON, by `out`'s extension.
pub(super) fn report(file: &Path, out: &Path, cohort: Option<&str>) -> Result<Output, String> {
    let store = open_to_read(file)?;
    let cohort = cohort.map(|name| cohort_named(&store, file, name)).transpose()?.map(|c| c.id);
    let read = |e: crate::store::StoreError| format!("could not read {}: {e}", file.display());
    let extension = out.extension().and_then(|e| e.to_str()).unwrap_or_default().to_lowercase();
    let today = chrono::Local::now().date_naive();
    let bytes = match extension.as_str() {
        "pdf" => {
            let prepared = crate::print::prepare_report(&store, cohort, today).map_err(|e| e.to_string())?;
            let printed = crate::print::typeset(&prepared, today).map_err(|e| e.to_string())?;
            printed.pdf().map_err(|e| e.to_string())?
        }
        "json" => {
            let figures = crate::model::report::report(&store.report_facts(cohort).map_err(read)?);
            serde_json::to_vec_pretty(&figures).map_err(|e| format!("could not export: {e}"))?
        }
        "csv" | "xlsx" => {
            let what = crate::exchange::export::SheetExport::ReportFigures { cohort };
            crate::exchange::export::export_sheet(&store, what, out).map_err(|e| format!("could not export: {e}"))?;
            return Ok(format!("wrote the report to {}", out.display()).into());
        }
        _ => return Err(format!("{} should end in .pdf, .csv, .xlsx or .json", out.display())),
    };
    write_atomically(out, &bytes).map_err(|e| format!("could not write {}: {e}", out.display()))?;
    Ok(format!("wrote the report to {}", out.display()).into())
}

/// What `ask-for-offers` writes, and to whom.
pub(super) struct AskArgs<'a> {
    pub out: &'a Path,
    pub neighbourhood: Option<&'a str>,
    pub groups: &'a [String],
    pub cohort: Option<&'a str>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Asks the directory's groups for offers: letters (PDF), a mail merge (CSV or XLSX) or the
/// questions for an online form (TXT), by `out`'s extension.
pub(super) fn ask_for_offers(file: &Path, args: &AskArgs<'_>) -> Result<Output, String> {
    use crate::exchange::offer_request::{RequestFormat, groups_to_ask, request_bytes, request_programme};
    let format = RequestFormat::from_path(args.out).ok_or_else(|| {
        format!(
            "{}: give a file ending .pdf (letters), .csv or .xlsx (a mail merge) or .txt (a form's questions)",
            args.out.display()
        )
    })?;
    let store = open_to_read(file)?;
    let read = |e| format!("could not read {}: {e}", file.display());
    let chosen = args.cohort.map(|name| cohort_named(&store, file, name)).transpose()?;
    let practices = store.practices().map_err(read)?.into_iter().map(|p| p.name).collect();
    let cohorts = store.cohorts().map_err(read)?;
    let today = chrono::Local::now().date_naive();
    let programme = request_programme(&cohorts, chosen.as_ref(), args.from, args.to, practices, today).ok_or(
        "the letters need the programme's dates: give --from and --to (YYYY-MM-DD), or a cohort with a programme window",
    )?;
    let mut groups = groups_to_ask(store.group_records().map_err(read)?);
    if let Some(hood) = args.neighbourhood {
        if !store.neighbourhoods().map_err(read)?.iter().any(|n| n.name.trim().eq_ignore_ascii_case(hood.trim())) {
            return Err(format!("there is no neighbourhood called “{hood}” in {}", file.display()));
        }
        groups.retain(|g| g.neighbourhood.trim().eq_ignore_ascii_case(hood.trim()));
    }
    if !args.groups.is_empty() {
        let wanted = |g: &crate::model::GroupRecord| {
            args.groups.iter().any(|n| n.trim().eq_ignore_ascii_case(g.group.name.trim()))
        };
        if let Some(missing) =
            args.groups.iter().find(|n| !groups.iter().any(|g| g.group.name.trim().eq_ignore_ascii_case(n.trim())))
        {
            return Err(format!(
                "there is no group called “{missing}” to write to (archived and closed groups are left out)"
            ));
        }
        groups.retain(wanted);
    }
    if groups.is_empty() && format != RequestFormat::FormQuestions {
        return Err("no group to write to: the directory has no group still running there".to_owned());
    }
    let (bytes, what) = match format {
        RequestFormat::Letters => {
            let prepared = crate::print::prepare_requests(&groups, &programme, today).map_err(|e| e.to_string())?;
            let printed = crate::print::typeset(&prepared, today).map_err(|e| e.to_string())?;
            let pages = printed.page_count();
            let what = format!("{} ({} pages)", count_of(groups.len() as u64, "letter", "letters"), pages);
            (printed.pdf().map_err(|e| e.to_string())?, what)
        }
        RequestFormat::FormQuestions => {
            (request_bytes(format, &groups, &programme).map_err(|e| e.to_string())?, "the form's questions".to_owned())
        }
        _ => (
            request_bytes(format, &groups, &programme).map_err(|e| e.to_string())?,
            count_of(groups.len() as u64, "group", "groups"),
        ),
    };
    write_atomically(args.out, &bytes).map_err(|e| format!("could not write {}: {e}", args.out.display()))?;
    Ok(format!("wrote {}: {what}", args.out.display()).into())
}
