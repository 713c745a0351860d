//! How the board looks and what it says: neighbourhood colours, verdict colours, and the words
//! of chips and cells (what a screen reader says of them, and their tooltips).

use chrono::NaiveDate;
use egui::Color32;

use crate::model::board::Verdict;
use crate::model::calendar::bank_holiday_name;
use crate::model::clash::Severity;
use crate::model::dates::{uk_date_long, uk_day_long};
use crate::model::text::count_of;
use crate::model::{NeighbourhoodId, PlacementSummary};

/// Pale colours that tell neighbourhoods apart, in the neighbourhoods' order.
const PALETTE: [Color32; 12] = [
    Color32::from_rgb(0xC9, 0xE4, 0xF6),
    Color32::from_rgb(0xD7, 0xEE, 0xC9),
    Color32::from_rgb(0xF9, 0xE0, 0xB9),
    Color32::from_rgb(0xE6, 0xD3, 0xF2),
    Color32::from_rgb(0xF6, 0xCF, 0xD9),
    Color32::from_rgb(0xC6, 0xEC, 0xE6),
    Color32::from_rgb(0xF3, 0xF0, 0xB5),
    Color32::from_rgb(0xDD, 0xD9, 0xCE),
    Color32::from_rgb(0xCF, 0xD8, 0xF7),
    Color32::from_rgb(0xF7, 0xD6, 0xC3),
    Color32::from_rgb(0xD2, 0xE9, 0xD9),
    Color32::from_rgb(0xE9, 0xDA, 0xE4),
];

/// A chip with no activity yet.
pub(super) const NO_ACTIVITY: Color32 = Color32::from_rgb(0xE8, 0xEA, 0xEC);

pub(super) const FINE: Color32 = Color32::from_rgb(0xCD, 0xEB, 0xD3);
pub(super) const WARNING: Color32 = Color32::from_rgb(0xFB, 0xE3, 0xA6);
pub(super) const CLASH: Color32 = Color32::from_rgb(0xF5, 0xC2, 0xC2);
pub(super) const AMBER: Color32 = Color32::from_rgb(0xB8, 0x6E, 0x00);
pub(super) const BANK_HOLIDAY: Color32 = Color32::from_rgb(0xEE, 0xEE, 0xEE);

/// A neighbourhood's colour, by its place in the list.
pub(super) fn neighbourhood_colour(
    neighbourhoods: &[crate::model::Neighbourhood],
    id: Option<NeighbourhoodId>,
) -> Color32 {
    id.and_then(|id| neighbourhoods.iter().position(|n| n.id == id)).map_or(NO_ACTIVITY, |i| PALETTE[i % PALETTE.len()])
}

/// A drop's colour: green, amber or red.
pub(super) fn verdict_colour(verdict: &Verdict) -> Color32 {
    match verdict.worst() {
        None => FINE,
        Some(Severity::Warning) => WARNING,
        Some(Severity::Hard) => CLASH,
    }
}

/// "fine", "warning: …", "clash: …".
pub(super) fn verdict_words(verdict: &Verdict) -> String {
    match verdict.worst() {
        None => "fine".to_owned(),
        Some(Severity::Warning) => format!("warning: {}", verdict.words()),
        Some(Severity::Hard) => format!("clash: {}", verdict.words()),
    }
}

/// The chip's line: "Team 3", then "Bispham Men's Shed: garden clear-up" (or "no activity yet").
pub(super) fn chip_parts(p: &PlacementSummary) -> (String, String) {
    let activity =
        if p.offer.is_some() { format!("{}: {}", p.group_name, p.offer_title) } else { "no activity yet".to_owned() };
    (p.team_name.clone(), activity)
}

/// A group's name as a chip has room for it: "The", legal endings and registers' capitals off,
/// "&" for "and" ("FRIENDS OF LONGFORD PARK LIMITED" is "Friends of Longford Park"); the whole
/// name is on hover and in the chip's accessible name.
pub(super) fn short_group_name(name: &str) -> String {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    if words.len() > 1 && words[0].eq_ignore_ascii_case("the") {
        words.remove(0);
    }
    while words.len() > 1
        && words.last().is_some_and(|w| {
            ["limited", "ltd", "ltd.", "cio", "cic", "incorporated", "inc", "inc."].contains(&w.to_lowercase().as_str())
        })
    {
        words.pop();
    }
    let short = words.join(" ").replace(" and ", " & ").replace(" AND ", " & ");
    if short.chars().any(char::is_lowercase) { short } else { crate::model::text::title_case(&short) }
}

/// What a screen reader says of a chip: "Team 3, Systems leaders 2027, pencilled with Bispham
/// Men's Shed: garden clear-up, Tuesday 14 April", and a clash placed anyway with its reason.
pub(super) fn chip_name(p: &PlacementSummary, clash: Option<Severity>, anyway: Option<&str>) -> String {
    let with = if p.offer.is_some() {
        format!("with {}: {}", p.group_name, p.offer_title)
    } else {
        "with no activity yet".to_owned()
    };
    let mut name = format!(
        "{}, {}, {} {with}, {}",
        p.team_name,
        p.cohort_name,
        p.status.label().to_lowercase(),
        uk_day_long(p.day)
    );
    match clash {
        Some(Severity::Hard) => name.push_str(", clash"),
        Some(Severity::Warning) => name.push_str(", warning"),
        None => {}
    }
    if let Some(reason) = anyway {
        name.push_str(&format!(", placed anyway: {reason}"));
    }
    name
}

/// What a day cell is: "Monday 3 May 2027, Early May bank holiday, 2 teams out".
pub(super) fn cell_name(day: NaiveDate, today: NaiveDate, teams_out: usize) -> String {
    let mut name = uk_date_long(day);
    if day == today {
        name.push_str(", today");
    }
    if let Some(holiday) = bank_holiday_name(day) {
        name.push_str(&format!(", {holiday}"));
    }
    if teams_out > 0 {
        name.push_str(&format!(", {} out", count_of(teams_out as u64, "team", "teams")));
    }
    name
}

/// What a gesture does, in words: "Place Team 5 on Tue 11 May 2027".
pub(super) fn gesture_words(
    programme: &crate::model::programme::Programme,
    gesture: crate::model::board::Gesture,
) -> String {
    use crate::model::board::Gesture;
    use crate::model::dates::uk_date;
    let team = |id: crate::model::TeamId| programme.team(id).map_or("the team".to_owned(), |t| t.name.clone());
    let placed = |id| programme.placement(id).map_or("the team".to_owned(), |p| team(p.team));
    match gesture {
        Gesture::Place { team: t, day, offer: None } => format!("Place {} on {}", team(t), uk_date(day)),
        Gesture::Place { team: t, day, offer: Some(o) } => {
            format!("Place {} with {} on {}", team(t), programme.offer_label(o), uk_date(day))
        }
        Gesture::Move { id, day } => format!("Move {} to {}", placed(id), uk_date(day)),
        Gesture::SetOffer { id, offer } => format!("Give {} {}", placed(id), programme.offer_label(offer)),
        Gesture::Swap { a, b } => format!("Swap {} and {}", placed(a), placed(b)),
        Gesture::Remove { id } => format!("Take {} off its day", placed(id)),
    }
}
