//! What each document says, as the data the template lays out (`/data.json`). Every word a
//! reader sees is chosen here, already in UK form; the template only places it. Each kind of
//! document takes only what its reader needs: a host group's letter names no participant and
//! gives no participant's phone or emergency contact.

use std::collections::HashSet;

use chrono::{Datelike as _, NaiveDate, NaiveTime, Weekday};
use serde_json::{Value, json};
use unicode_normalization::UnicodeNormalization as _;

use crate::model::MeetingPlace;
use crate::model::PlacementId;
use crate::model::calendar::bank_holiday_name;
use crate::model::dates::{uk_date, uk_date_long, uk_date_range};
use crate::model::records::PlacementStatus;
use crate::model::sheets::{SheetChoice, SheetMember, SheetOffer, SheetPlacement};
use crate::model::text::{capitalised, join_present};

/// Text as the template gets it: composed (NFC), so that a name typed on a Mac (an accent as a
/// separate mark) prints as the same letters, and trimmed.
pub fn nfc(text: &str) -> String {
    text.trim().nfc().collect()
}

fn times(start: NaiveTime, finish: NaiveTime) -> String {
    format!("{} to {}", start.format("%H:%M"), finish.format("%H:%M"))
}

/// An address with its postcode (once), composed.
fn with_postcode(address: &str, postcode: &str) -> String {
    crate::model::postcode::with_postcode(&nfc(address), &nfc(postcode))
}

/// Where to meet, as the offer gives it, with its flag when the postcode is missing or doubtful:
/// ("Longford Park, Edge Lane, Stretford", "postcode not given"). Never the group's address.
fn meet_at(place: &MeetingPlace) -> (String, String) {
    let flag = place.problem().map(|p| capitalised(&p.words())).unwrap_or_default();
    (nfc(&place.one_line()), flag)
}

fn with_phone(name: &str, phone: &str) -> String {
    join_present(&[&nfc(name), &nfc(phone)], ", ")
}

/// The line a pencilled placement carries on every document.
pub const PENCILLED: &str = "Pencilled in: not yet confirmed with the group";

fn status_note(status: PlacementStatus) -> &'static str {
    if status == PlacementStatus::Pencilled { PENCILLED } else { "" }
}

/// What a team's sheet says about its members, one row each.
fn members(members: &[SheetMember]) -> Value {
    members
        .iter()
        .map(|m| {
            json!({
                "name": nfc(&m.name),
                "profession": nfc(&m.profession),
                "organisation": nfc(&m.organisation),
                "mobile": nfc(&m.mobile),
                "access": nfc(&m.access_needs),
                "emergency_name": nfc(&m.emergency_name),
                "emergency_phone": nfc(&m.emergency_phone),
            })
        })
        .collect()
}

/// The offer's part of a sheet; an offerless placement says so.
fn offer_fields(offer: Option<&SheetOffer>) -> Value {
    let Some(o) = offer else {
        return json!({ "group": "", "title": "", "missing": "No activity has been chosen for this day yet." });
    };
    let mut flags = Vec::new();
    if o.dbs_required {
        flags.push("A DBS check is needed.");
    }
    if o.outdoor_clothing {
        flags.push("Bring clothes and shoes for outdoors.");
    }
    let (place, place_flag) = meet_at(&o.meeting_place);
    json!({
        "missing": "",
        "group": nfc(&o.group.name),
        "title": nfc(&o.title),
        "activity": nfc(&o.activity),
        "gains": nfc(&o.group_gains),
        "practises": o.practises.iter().map(|p| nfc(p)).collect::<Vec<_>>().join(", "),
        "bring": nfc(&o.what_to_bring),
        "requirements": nfc(&o.requirements),
        "flags": flags,
        "times": times(o.start, o.finish),
        "place": place,
        "place_flag": place_flag,
        "travel": nfc(&o.travel),
        "access": nfc(&o.site_access),
        "contact": with_phone(&o.contact_name, &o.contact_phone),
        "group_phone": nfc(&o.group.phone),
    })
}

/// One team's sheet for one day.
fn sheet(p: &SheetPlacement) -> Value {
    json!({
        "team": nfc(&p.team_name),
        "cohort": nfc(&p.cohort_name),
        "programme_type": nfc(&p.programme_type),
        "date": uk_date_long(p.day),
        "status": status_note(p.status),
        "offer": offer_fields(p.offer.as_ref()),
        "members": members(&p.members),
        "coordinator": with_phone(&p.coordinator_name, &p.coordinator_phone),
        "notes": nfc(&p.notes),
    })
}

/// The day's overview: a row for each team out.
fn overview_row(p: &SheetPlacement) -> Value {
    let (group, (place, place_flag), times, contact) = match &p.offer {
        Some(o) => (
            format!("{}: {}", nfc(&o.group.name), nfc(&o.title)),
            meet_at(&o.meeting_place),
            self::times(o.start, o.finish),
            with_phone(&o.contact_name, &o.contact_phone),
        ),
        None => ("No activity yet".to_owned(), (String::new(), String::new()), String::new(), String::new()),
    };
    let names: Vec<String> = p.members.iter().map(|m| nfc(&m.name)).collect();
    json!({
        "team": format!("{} ({})", nfc(&p.team_name), nfc(&p.cohort_name)),
        "members": names.join(", "),
        "group": group,
        "place": place,
        "place_flag": place_flag,
        "times": times,
        "contact": contact,
        "status": status_note(p.status),
    })
}

/// A host group's letter: which teams come when, how many, and what access they need; the
/// coordinator to call. No participant is named and no participant's details are given.
fn letter(placements: &[&SheetPlacement], today: NaiveDate) -> Value {
    let Some(group) = placements.iter().find_map(|p| p.offer.as_ref()).map(|o| &o.group) else { return json!({}) };
    let visits: Vec<Value> = placements
        .iter()
        .map(|p| {
            let needs: Vec<String> = p.members.iter().map(|m| nfc(&m.access_needs)).filter(|a| !a.is_empty()).collect();
            json!({
                "date": uk_date_long(p.day),
                "team": format!("{} ({})", nfc(&p.team_name), nfc(&p.cohort_name)),
                "activity": p.offer.as_ref().map(|o| nfc(&o.title)).unwrap_or_default(),
                "times": p.offer.as_ref().map(|o| times(o.start, o.finish)).unwrap_or_default(),
                "people": p.members.len(),
                "access": if needs.is_empty() { "None told to us".to_owned() } else { needs.join("; ") },
                "status": if p.status == PlacementStatus::Pencilled { "Not yet confirmed" } else { "Confirmed" },
            })
        })
        .collect();
    let mut coordinators: Vec<String> =
        placements.iter().map(|p| with_phone(&p.coordinator_name, &p.coordinator_phone)).collect();
    coordinators.dedup();
    coordinators.retain(|c| !c.is_empty());
    json!({
        "date": uk_date_long(today),
        "group": nfc(&group.name),
        "contact": nfc(&group.contact_name),
        "address": with_postcode(&group.address, &group.postcode),
        "visits": visits,
        "coordinators": coordinators,
    })
}

/// A letter to each group asking for an offer (see `exchange::offer_request`): the programme's
/// dates and what a team does and practises, and the reply to fill in, its group's name and
/// charity number already there. Nobody's personal details.
pub fn requests(
    groups: &[crate::model::GroupRecord],
    programme: &crate::exchange::offer_request::RequestProgramme,
    today: NaiveDate,
) -> Value {
    use crate::exchange::offer_request::REPLY_COLUMNS;
    let letters: Vec<Value> = groups
        .iter()
        .map(|g| {
            let c = &g.group;
            let reply: Vec<Value> = REPLY_COLUMNS
                .iter()
                .map(|col| {
                    let value = match col.title {
                        "Group" => nfc(&c.name),
                        "Charity no." => nfc(&c.charity_number),
                        _ => String::new(),
                    };
                    json!({ "title": col.title, "help": col.help, "value": value, "long": col.long })
                })
                .collect();
            json!({
                "group": nfc(&c.name),
                "address": nfc(&c.full_address()),
                "contact": nfc(&c.contact_name),
                "reply": reply,
            })
        })
        .collect();
    let practices = programme.practices.iter().map(|p| nfc(p).to_lowercase()).collect::<Vec<_>>();
    let reply_to = join_present(&[&nfc(&programme.coordinator), &nfc(&programme.coordinator_phone)], ", ");
    let mut paragraphs = vec![format!(
        "We are asking local groups whether they could host a small team for a day {}. Each team is three \
         to six people on a leadership programme, from the NHS, the council and other local organisations. \
         They spend one day with your group doing something it needs that they can plan and finish within \
         the day: a garden to clear, an event to set up, a room to paint.",
        programme.between()
    )];
    if !practices.is_empty() {
        paragraphs.push(format!("On the day the team will practise {}.", practices.join("; ")));
    }
    paragraphs.push(format!(
        "If your group could host a team, please fill in the reply below, one for each activity you could \
         offer, and send it back{}. Please give the address and postcode where the team should meet you: \
         that is what we print on the team's sheet for the day.",
        if reply_to.is_empty() { String::new() } else { format!(" to {reply_to}") }
    ));
    json!({
        "kind": "requests",
        "title": "Could your group host a team for a day?",
        "programme": "Asking for offers",
        "personal": false,
        "printed": uk_date(today),
        "date": uk_date_long(today),
        "letters": letters,
        "paragraphs": paragraphs,
        "closing": "Thank you. The team needs nothing from you but the activity, a welcome and someone to ask on the day.",
    })
}

/// The programme as a wall chart: a row a week, a column a day (Saturday and Sunday only when a
/// team goes out then), each placement's team and group, clashes marked.
fn chart(placements: &[&SheetPlacement], clashes: &HashSet<PlacementId>) -> Value {
    let (Some(first), Some(last)) = (placements.first().map(|p| p.day), placements.last().map(|p| p.day)) else {
        return json!({ "columns": [], "weeks": [] });
    };
    let weekend = placements.iter().any(|p| matches!(p.day.weekday(), Weekday::Sat | Weekday::Sun));
    let days = if weekend { 7 } else { 5 };
    let monday = first - chrono::Duration::days(i64::from(first.weekday().num_days_from_monday()));
    let mut weeks = Vec::new();
    let mut week_start = monday;
    while week_start <= last {
        let cells: Vec<Value> = (0..days)
            .map(|d| {
                let day = week_start + chrono::Duration::days(d);
                let entries: Vec<Value> = placements
                    .iter()
                    .filter(|p| p.day == day)
                    .map(|p| {
                        json!({
                            "team": nfc(&p.team_name),
                            "group": p.offer.as_ref().map_or("no activity yet".to_owned(), |o| nfc(&o.group.name)),
                            "pencilled": p.status == PlacementStatus::Pencilled,
                            "clash": clashes.contains(&p.id),
                        })
                    })
                    .collect();
                json!({
                    "day": day.format("%-d %b").to_string(),
                    "holiday": bank_holiday_name(day).unwrap_or_default(),
                    "entries": entries,
                })
            })
            .collect();
        weeks.push(json!({ "label": format!("w/c {}", week_start.format("%-d %b")), "days": cells }));
        week_start += chrono::Duration::days(7);
    }
    let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    json!({
        "columns": names[..days as usize],
        "weeks": weeks,
        "span": uk_date_range(first, last),
        "teams": placements.iter().map(|p| p.team).collect::<HashSet<_>>().len(),
        "clashes": placements.iter().filter(|p| clashes.contains(&p.id)).count(),
    })
}

/// The data of a document about `placements` (already chosen, in order); `clashes` are the
/// placements with a hard clash not placed anyway, `title` what the header calls it.
pub fn document(
    choice: SheetChoice,
    title: &str,
    placements: &[&SheetPlacement],
    clashes: &HashSet<PlacementId>,
    today: NaiveDate,
) -> Value {
    let programme = {
        let mut names: Vec<String> = placements.iter().map(|p| nfc(&p.cohort_name)).collect();
        names.sort();
        names.dedup();
        names.join(", ")
    };
    let mut data = json!({
        "title": nfc(title),
        "programme": programme,
        "personal": choice.has_personal_data(),
        "printed": uk_date(today),
    });
    let body = match choice {
        SheetChoice::Day(_) => json!({
            "kind": "day",
            "overview": placements.iter().map(|p| overview_row(p)).collect::<Vec<_>>(),
            "sheets": placements.iter().map(|p| sheet(p)).collect::<Vec<_>>(),
        }),
        SheetChoice::Team(_) => json!({
            "kind": "team",
            "sheets": placements.iter().map(|p| sheet(p)).collect::<Vec<_>>(),
        }),
        SheetChoice::Group(_) => json!({ "kind": "group", "letter": letter(placements, today) }),
        SheetChoice::Programme(_) => json!({ "kind": "programme", "chart": chart(placements, clashes) }),
        SheetChoice::EveryDay(_) => {
            let mut days: Vec<Value> = Vec::new();
            for chunk in placements.chunk_by(|a, b| a.day == b.day) {
                days.push(json!({
                    "title": format!("Day sheets for {}", uk_date_long(chunk[0].day)),
                    "overview": chunk.iter().map(|p| overview_row(p)).collect::<Vec<_>>(),
                    "sheets": chunk.iter().map(|p| sheet(p)).collect::<Vec<_>>(),
                }));
            }
            json!({ "kind": "days", "days": days })
        }
    };
    if let (Some(data), Value::Object(body)) = (data.as_object_mut(), body) {
        data.extend(body);
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postcode_is_added_to_an_address_only_once() {
        assert_eq!(
            with_postcode("240 Newton Drive, Blackpool FY4 8HU", "fy48hu"),
            "240 Newton Drive, Blackpool FY4 8HU"
        );
        assert_eq!(with_postcode("240 Newton Drive", "FY4 8HU"), "240 Newton Drive, FY4 8HU");
        assert_eq!(with_postcode("", "FY4 8HU"), "FY4 8HU");
    }

    #[test]
    fn names_typed_with_separate_accents_are_composed() {
        // "Zoë" with the diaeresis as a separate mark, as a Mac may save it.
        assert_eq!(nfc(" Zoe\u{308} Bronte\u{308} "), "Zoë Brontë");
    }
}
