//! Calendar files for the programme: one `.ics` per team, per participant and per host group,
//! an event per placement. Each reader's file holds only what that reader needs: a participant's
//! only their own days; a group's names no participant and gives nobody's phone but the
//! coordinator's.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{NaiveDateTime, NaiveTime};

use super::files::{ExportError, write_atomically};
use super::ics::{Event, EventStatus, When, calendar};
use crate::model::dates::london_to_utc;
use crate::model::records::PlacementStatus;
use crate::model::sheets::SheetPlacement;
use crate::model::text::join_present;

/// One calendar file: where it goes (`teams`, `participants` or `groups`), its name and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarFile {
    pub folder: &'static str,
    pub file_name: String,
    pub text: String,
    pub events: usize,
}

/// The same placement's event has the same UID in every file and every export.
fn uid(p: &SheetPlacement) -> String {
    format!("placement-{}@community-placements", p.id.0)
}

/// When the placement last changed, in UTC; its day if that cannot be read.
fn stamp(p: &SheetPlacement) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(p.updated_at.trim(), "%Y-%m-%d %H:%M:%S")
        .ok()
        .and_then(|local| london_to_utc(local.date(), local.time()))
        .unwrap_or_else(|| p.day.and_time(NaiveTime::MIN))
}

/// Its start and end: the offer's times in UK time, as UTC; a whole day when it has no offer.
fn span(p: &SheetPlacement) -> (When, When) {
    let whole_day = (When::Day(p.day), When::Day(p.day.succ_opt().unwrap_or(p.day)));
    let Some(o) = &p.offer else { return whole_day };
    match (london_to_utc(p.day, o.start), london_to_utc(p.day, o.finish)) {
        (Some(start), Some(end)) => (When::Utc(start), When::Utc(end)),
        _ => whole_day,
    }
}

fn status(p: &SheetPlacement) -> EventStatus {
    if p.status == PlacementStatus::Pencilled { EventStatus::Tentative } else { EventStatus::Confirmed }
}

fn line(label: &str, value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| format!("{label}: {value}"))
}

/// The event a team and its members see.
fn team_event(p: &SheetPlacement) -> Event {
    let (start, end) = span(p);
    let (summary, location, description) = match &p.offer {
        Some(o) => {
            let lines = [
                line("Activity", &o.title),
                line("What you will do", &o.activity),
                line("Contact on the day", &join_present(&[&o.contact_name, &o.contact_phone], ", ")),
                line("What to bring", &o.what_to_bring),
                line("Getting there", &o.travel),
                line("Coordinator", &join_present(&[&p.coordinator_name, &p.coordinator_phone], ", ")),
                (p.status == PlacementStatus::Pencilled).then(|| "Pencilled in: not yet confirmed.".to_owned()),
            ];
            (
                format!("{}: {} ({})", p.team_name, o.group.name, o.title),
                o.meeting_place.one_line(),
                lines.into_iter().flatten().collect::<Vec<_>>().join("\n"),
            )
        }
        None => (
            format!("{}: day out (the activity is still to be chosen)", p.team_name),
            String::new(),
            line("Coordinator", &join_present(&[&p.coordinator_name, &p.coordinator_phone], ", ")).unwrap_or_default(),
        ),
    };
    Event { uid: uid(p), stamp: stamp(p), start, end, summary, location, description, status: status(p) }
}

/// The event a host group sees: the team, how many, their access needs; no one named.
fn group_event(p: &SheetPlacement) -> Option<Event> {
    let o = p.offer.as_ref()?;
    let (start, end) = span(p);
    let needs: Vec<&str> = p.members.iter().map(|m| m.access_needs.trim()).filter(|a| !a.is_empty()).collect();
    let lines = [
        line("Activity", &o.title),
        Some(format!("People: {}", p.members.len())),
        line("Access needs", &needs.join("; ")),
        line("Coordinator", &join_present(&[&p.coordinator_name, &p.coordinator_phone], ", ")),
        (p.status == PlacementStatus::Pencilled).then(|| "Pencilled in: not yet confirmed.".to_owned()),
    ];
    Some(Event {
        uid: uid(p),
        stamp: stamp(p),
        start,
        end,
        summary: format!("{} ({}) visiting: {}", p.team_name, p.cohort_name, o.title),
        location: o.meeting_place.one_line(),
        description: lines.into_iter().flatten().collect::<Vec<_>>().join("\n"),
        status: status(p),
    })
}

/// Files of one folder, by name; two readers with the same name get "(2)", "(3)".
fn files(folder: &'static str, calendars: Vec<(String, Vec<Event>)>) -> Vec<CalendarFile> {
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    calendars
        .into_iter()
        .map(|(name, events)| {
            let base = super::files::safe_file_name(&name);
            let n = taken.entry(base.to_lowercase()).or_default();
            *n += 1;
            let file_name = if *n == 1 { format!("{base}.ics") } else { format!("{base} ({n}).ics") };
            CalendarFile { folder, file_name, text: calendar(&name, &events), events: events.len() }
        })
        .collect()
}

/// Every calendar file for `placements` (live ones, in day order).
pub fn calendar_files(placements: &[&SheetPlacement]) -> Vec<CalendarFile> {
    let mut teams: BTreeMap<(String, String, i64), Vec<Event>> = BTreeMap::new();
    let mut people: BTreeMap<(String, i64), Vec<Event>> = BTreeMap::new();
    let mut groups: BTreeMap<(String, i64), Vec<Event>> = BTreeMap::new();
    for p in placements {
        let event = team_event(p);
        for m in &p.members {
            people.entry((m.name.clone(), m.id.0)).or_default().push(event.clone());
        }
        teams.entry((p.cohort_name.clone(), p.team_name.clone(), p.team.0)).or_default().push(event);
        if let (Some(o), Some(event)) = (&p.offer, group_event(p)) {
            groups.entry((o.group.name.clone(), o.group.id.0)).or_default().push(event);
        }
    }
    let mut out = files("teams", teams.into_iter().map(|((c, t, _), e)| (format!("{t} ({c})"), e)).collect());
    out.extend(files("participants", people.into_iter().map(|((n, _), e)| (n, e)).collect()));
    out.extend(files("groups", groups.into_iter().map(|((n, _), e)| (n, e)).collect()));
    out
}

/// How many files of each kind were written, and events in all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Written {
    pub teams: usize,
    pub participants: usize,
    pub groups: usize,
}

impl Written {
    pub fn sentence(&self) -> String {
        let count = |n: usize, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
        format!(
            "calendar files for {}, {} and {}",
            count(self.teams, "team", "teams"),
            count(self.participants, "participant", "participants"),
            count(self.groups, "host group", "host groups")
        )
    }
}

/// Writes the files into `teams/`, `participants/` and `groups/` under `outdir` (made if need
/// be), each whole or not at all.
pub fn write_calendars(outdir: &Path, files: &[CalendarFile]) -> Result<Written, ExportError> {
    let mut written = Written::default();
    for file in files {
        let folder = outdir.join(file.folder);
        std::fs::create_dir_all(&folder).map_err(|source| ExportError::Folder { folder: folder.clone(), source })?;
        write_atomically(&folder.join(&file.file_name), file.text.as_bytes())
            .map_err(|source| ExportError::Write { name: file.file_name.clone(), source })?;
        match file.folder {
            "teams" => written.teams += 1,
            "participants" => written.participants += 1,
            _ => written.groups += 1,
        }
    }
    Ok(written)
}
