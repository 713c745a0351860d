//! The commands for the board: check the clash rules, list the offers, place a team. They ask
//! the same rules (`model::clash`) as the window.

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;

use super::{Output, cohort_named, open_to_change, open_to_read};
use crate::edit::{BoardEdit, apply};
use crate::model::Override;
use crate::model::availability::is_available;
use crate::model::clash::{Candidate, ClashKind, Found, check_all, check_candidate, has_unresolved_clash};
use crate::model::dates::{uk_date, uk_date_range};
use crate::model::meeting_place::MeetingPlaceProblem;
use crate::model::programme::Programme;
use crate::model::{CohortId, OfferId, OfferStatus, OfferSummary};
use crate::store::{Store, StoreError};

/// A date as the command line takes it: `2027-04-14`.
pub(super) fn iso_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| format!("“{text}” is not a date like 2027-04-14"))
}

fn read_fail(file: &Path) -> impl Fn(StoreError) -> String + '_ {
    move |e| format!("could not read {}: {e}", file.display())
}

/// What a placement is, in one line: "2027-04-14 (Wed 14 Apr 2027) · Team 3 (Systems leaders
/// 2027) · Bispham Men's Shed: garden clear-up".
pub(super) fn placement_line(programme: &Programme, found: &Found) -> String {
    let Some(p) = programme.placement(found.placement) else { return String::new() };
    let activity = p.offer.map_or_else(|| "no activity yet".to_owned(), |o| programme.offer_label(o));
    format!("{} ({}) · {} · {activity}", p.day.format("%Y-%m-%d"), uk_date(p.day), programme.team_label(p.team))
}

/// Every clash and warning, one a line; fails when a hard clash stands that was not placed anyway.
pub(super) fn check(file: &Path, cohort: Option<&str>, json: bool) -> Result<Output, String> {
    let store = open_to_read(file)?;
    let cohort = cohort.map(|name| cohort_named(&store, file, name)).transpose()?;
    let programme = store.programme().map_err(read_fail(file))?;
    let found = check_all(&programme, cohort.as_ref().map(|c| c.id));
    let places = meeting_place_warnings(&store, &programme, cohort.as_ref().map(|c| c.id)).map_err(read_fail(file))?;
    let text = if json {
        check_json(&programme, &found, &places)
    } else if found.is_empty() && places.is_empty() {
        "no clashes and no warnings".to_owned()
    } else {
        let clashes = found.iter().map(|f| {
            let what = if f.problem.is_hard() { "clash" } else { "warning" };
            let placed_anyway = if f.overridden { format!(" [placed anyway: {}]", f.reason) } else { String::new() };
            format!("{} · {what}: {}{placed_anyway}", placement_line(&programme, f), f.problem.message)
        });
        let places = places.iter().map(|(offer, problem)| {
            format!(
                "offer {} · {}: {} · warning: meeting place: {}",
                offer.id.0,
                offer.group_name,
                offer.title,
                problem.words()
            )
        });
        clashes.chain(places).collect::<Vec<_>>().join("\n")
    };
    Ok(Output { text, success: !has_unresolved_clash(&found) })
}

/// Offers a team may be sent to (not withdrawn or completed; with a cohort, those its teams are
/// placed on) whose meeting place has no postcode, or one that is not a postcode: a warning,
/// never a clash, and never filled in from the group's address.
fn meeting_place_warnings(
    store: &Store,
    programme: &Programme,
    cohort: Option<CohortId>,
) -> Result<Vec<(OfferSummary, MeetingPlaceProblem)>, StoreError> {
    let used: HashSet<OfferId> = programme
        .placements
        .iter()
        .filter(|p| p.status.is_live())
        .filter(|p| cohort.is_none_or(|c| programme.team(p.team).is_some_and(|t| t.cohort == c)))
        .filter_map(|p| p.offer)
        .collect();
    Ok(store
        .offer_summaries()?
        .into_iter()
        .filter(|o| !matches!(o.status, OfferStatus::Withdrawn | OfferStatus::Completed) || used.contains(&o.id))
        .filter(|o| cohort.is_none() || used.contains(&o.id))
        .filter_map(|o| o.meeting_place.problem().map(|problem| (o, problem)))
        .collect())
}

fn check_json(programme: &Programme, found: &[Found], places: &[(OfferSummary, MeetingPlaceProblem)]) -> String {
    let rows: Vec<serde_json::Value> = found
        .iter()
        .filter_map(|f| {
            let p = programme.placement(f.placement)?;
            let team = programme.team(p.team)?;
            let offer = p.offer.and_then(|o| programme.offer(o));
            Some(serde_json::json!({
                "placement": p.id.0,
                "day": p.day.format("%Y-%m-%d").to_string(),
                "team": team.name,
                "cohort": programme.cohort(team.cohort).map(|c| c.name.clone()),
                "group": offer.map(|o| o.group_name.clone()),
                "activity": offer.map(|o| o.title.clone()),
                "severity": if f.problem.is_hard() { "clash" } else { "warning" },
                "kind": f.problem.kind.code(),
                "message": f.problem.message,
                "overridden": f.overridden,
                "reason": if f.overridden { Some(f.reason.clone()) } else { None },
            }))
        })
        .chain(places.iter().map(|(offer, problem)| {
            serde_json::json!({
                "placement": null,
                "offer": offer.id.0,
                "group": offer.group_name,
                "activity": offer.title,
                "severity": "warning",
                "kind": "meeting-place",
                "message": format!("Meeting place: {}.", problem.words()),
                "overridden": false,
                "reason": null,
            })
        }))
        .collect();
    serde_json::Value::Array(rows).to_string()
}

/// The offers with their ids and places left; with a day, only those that run that day.
pub(super) fn offers(file: &Path, available_on: Option<NaiveDate>, json: bool) -> Result<Output, String> {
    let store = open_to_read(file)?;
    let offers: Vec<OfferSummary> = store
        .offer_summaries()
        .map_err(read_fail(file))?
        .into_iter()
        .filter(|o| available_on.is_none_or(|day| is_available(&o.when, day).is_ok()))
        .collect();
    if json {
        let rows: Vec<serde_json::Value> = offers
            .iter()
            .map(|o| {
                serde_json::json!({
                    "id": o.id.0,
                    "group": o.group_name,
                    "title": o.title,
                    "neighbourhood": o.neighbourhood,
                    "first_date": o.when.first_date.format("%Y-%m-%d").to_string(),
                    "last_date": o.when.last_date.format("%Y-%m-%d").to_string(),
                    "team_size_min": o.team_size_min,
                    "team_size_max": o.team_size_max,
                    "places_left": o.capacity_left(),
                    "status": o.status.code(),
                })
            })
            .collect();
        return Ok(serde_json::Value::Array(rows).to_string().into());
    }
    let lines: Vec<String> = offers
        .iter()
        .map(|o| {
            format!(
                "{:>5}  {}: {} · {} · {} · {}–{} people · {} left · {}",
                o.id.0,
                o.group_name,
                o.title,
                if o.neighbourhood.is_empty() { "no neighbourhood" } else { &o.neighbourhood },
                uk_date_range(o.when.first_date, o.when.last_date),
                o.team_size_min,
                o.team_size_max,
                o.capacity_left(),
                o.status.label().to_lowercase()
            )
        })
        .collect();
    Ok(if lines.is_empty() { "no offers".to_owned() } else { lines.join("\n") }.into())
}

/// What to place.
pub(super) struct PlaceArgs<'a> {
    pub cohort: &'a str,
    pub team: &'a str,
    pub day: NaiveDate,
    pub offer: Option<OfferId>,
    pub override_reason: Option<&'a str>,
}

/// Places one team on a day, refused with the clash in words unless placed anyway with a reason.
pub(super) fn place(file: &Path, args: &PlaceArgs<'_>) -> Result<Output, String> {
    let mut store: Store = open_to_change(file, "place a team")?;
    let cohort = cohort_named(&store, file, args.cohort)?;
    let teams = store.teams(cohort.id).map_err(read_fail(file))?;
    let team = teams.iter().find(|t| t.name.trim().eq_ignore_ascii_case(args.team.trim())).ok_or_else(|| {
        let names: Vec<&str> = teams.iter().map(|t| t.name.as_str()).collect();
        format!("there is no team called “{}” in {} (it has: {})", args.team, cohort.name, names.join(", "))
    })?;
    let programme = store.programme().map_err(read_fail(file))?;
    if let Some(offer) = args.offer
        && programme.offer(offer).is_none()
    {
        return Err(format!("there is no offer {} in {} (`placements offers` lists them)", offer.0, file.display()));
    }
    let candidate = Candidate { team: team.id, day: args.day, offer: args.offer, ..Default::default() };
    let problems = check_candidate(&programme, &candidate);
    let hard: Vec<ClashKind> = problems.iter().filter(|p| p.is_hard()).map(|p| p.kind).collect();
    let overridden = match (hard.is_empty(), args.override_reason.map(str::trim)) {
        (true, _) => None,
        (false, Some(reason)) if !reason.is_empty() => {
            Some(Override { reason: reason.to_owned(), kinds: hard.clone() })
        }
        (false, _) => {
            let first = problems.iter().find(|p| p.is_hard()).map_or(String::new(), |p| p.message.clone());
            let more = if hard.len() > 1 { format!(" (and {} more)", hard.len() - 1) } else { String::new() };
            return Err(format!(
                "{} was not placed on {}: {first}{more} To place it anyway, give --override with the reason.",
                team.name,
                uk_date(args.day)
            ));
        }
    };
    let edit = BoardEdit::Place { team: team.id, day: args.day, offer: args.offer, overridden };
    apply(&mut store, &edit.into()).map_err(|e| format!("could not place {} in {}: {e}", team.name, file.display()))?;
    let mut lines = vec![format!(
        "placed {} ({}) on {} ({}){}",
        team.name,
        cohort.name,
        args.day.format("%Y-%m-%d"),
        uk_date(args.day),
        args.offer.map(|o| format!(" with {}", programme.offer_label(o))).unwrap_or_default()
    )];
    lines.extend(problems.iter().map(|p| {
        if p.is_hard() { format!("placed anyway: {}", p.message) } else { format!("warning: {}", p.message) }
    }));
    Ok(lines.join("\n").into())
}
