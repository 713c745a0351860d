//! Reading one mapped cell into an offer: dates, times, sizes, days of the week, yes-or-no
//! answers and the day's contact, each as groups write them.

use super::*;

/// Reads one mapped cell into the offer; doubtful values become warnings, bad ones the row's error.
pub(super) fn apply_field(
    offer: &mut Offer,
    field: OfferField,
    value: String,
    lookup: &OfferLookup,
    warnings: &mut Vec<String>,
    new_practices: &mut Vec<String>,
) -> Result<(), String> {
    match field {
        OfferField::GroupName
        | OfferField::GroupIdentifier
        | OfferField::FirstDate
        | OfferField::LastDate
        | OfferField::DateRange => {}
        OfferField::Title => offer.title = value,
        OfferField::Activity => offer.activity = value,
        OfferField::GroupGains => offer.group_gains = value,
        OfferField::Neighbourhood => match lookup.neighbourhoods.get(&name_key(&value)) {
            Some(id) => offer.neighbourhood = Some(*id),
            None => warnings.push(format!("neighbourhood “{value}” is not on the list; the group's is used")),
        },
        OfferField::Address => offer.meeting_place.address = value,
        OfferField::Town => offer.meeting_place.town = value,
        OfferField::Postcode => offer.meeting_place.postcode = value,
        OfferField::Travel => offer.travel = value,
        OfferField::SiteAccess => offer.site_access = value,
        OfferField::Weekdays => offer.when.weekdays = parse_weekdays(&value).map_err(|e| e.to_string())?,
        OfferField::ExtraDates => offer.when.extra_dates = parse_dates(&value)?,
        OfferField::BlackoutDates => offer.when.blackout_dates = parse_dates(&value)?,
        OfferField::Weekends => offer.when.weekends_allowed = flag(&value, "weekends offered", warnings),
        OfferField::BankHolidays => offer.when.bank_holidays_allowed = flag(&value, "bank holidays offered", warnings),
        OfferField::Times => {
            (offer.start_time, offer.finish_time) = parse_time_range(&value)
                .ok_or_else(|| format!("could not read “{value}” as a start and finish time (like 10am-4pm)"))?;
        }
        OfferField::StartTime => offer.start_time = parse_time(&value).map_err(|e| e.to_string())?,
        OfferField::FinishTime => offer.finish_time = parse_time(&value).map_err(|e| e.to_string())?,
        OfferField::TeamSize => (offer.team_size_min, offer.team_size_max) = parse_size_range(&value)?,
        OfferField::TeamSizeMin => offer.team_size_min = number(&value, "smallest team")?,
        OfferField::TeamSizeMax => offer.team_size_max = number(&value, "largest team")?,
        OfferField::Capacity => offer.capacity = leading_number(&value, "team-days it can host")?,
        OfferField::Practises => {
            for name in split_list(&value) {
                match lookup.practices.get(&name_key(&name)) {
                    Some(id) => offer.practises.push(*id),
                    None => new_practices.push(name),
                }
            }
        }
        OfferField::Tags => offer.tags = split_tags(&value),
        OfferField::DbsRequired => offer.dbs_required = flag(&value, "DBS check needed", warnings),
        OfferField::OutdoorClothing => offer.outdoor_clothing = flag(&value, "outdoor clothing", warnings),
        OfferField::WhatToBring => offer.what_to_bring = value,
        OfferField::Requirements => offer.requirements = value,
        OfferField::DayContactName => set_day_contact(offer, &value),
        OfferField::DayContactPhone => offer.day_contact_phone = value,
        OfferField::Status => match OfferStatus::ALL.into_iter().find(|s| s.code().eq_ignore_ascii_case(&value)) {
            Some(status) => offer.status = status,
            None => warnings.push(format!(
                "status “{value}” is not one of draft, offered, confirmed, withdrawn or completed; set to offered"
            )),
        },
    }
    Ok(())
}

/// "Jo Bloggs 07700 900123": the name as the day's contact, the number as their phone (unless a
/// column of its own gives one, when the number stays with the name).
pub(super) fn set_day_contact(offer: &mut Offer, value: &str) {
    let contact = split_contact(value);
    let mut name = contact.name;
    if !contact.phone.is_empty() {
        if offer.day_contact_phone.is_empty() {
            offer.day_contact_phone = contact.phone;
        } else {
            name = format!("{name} {}", contact.phone).trim().to_owned();
        }
    }
    if !contact.email.is_empty() {
        name = format!("{name} {}", contact.email).trim().to_owned();
    }
    offer.day_contact_name = name;
}

pub(super) fn parse_date(text: &str) -> Result<NaiveDate, String> {
    // A spreadsheet's date cell may carry a time: "2027-04-05 00:00".
    let day = text.split_whitespace().next().unwrap_or_default();
    parse_uk_date(day)
        .or_else(|| parse_uk_date(text))
        .ok_or_else(|| format!("“{text}” is not a date (day first, like 05/04/2027)"))
}

pub(super) fn parse_dates(text: &str) -> Result<Vec<NaiveDate>, String> {
    text.split([';', ',', '|']).map(str::trim).filter(|t| !t.is_empty()).map(parse_date).collect()
}

/// "2", "2 teams", "up to 3": the first whole number in the cell.
pub(super) fn leading_number(text: &str, what: &str) -> Result<u32, String> {
    let digits: String = text.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    digits.parse().map_err(|_| format!("{what} “{text}” is not a whole number"))
}

pub(super) fn number(text: &str, what: &str) -> Result<u32, String> {
    text.trim().parse().map_err(|_| format!("{what} “{text}” is not a whole number"))
}

pub(super) fn parse_size_range(text: &str) -> Result<(u32, u32), String> {
    let parts: Vec<&str> = text.split(['-', '–']).flat_map(|p| p.split(" to ")).map(str::trim).collect();
    match parts.as_slice() {
        [one] => number(one, "team size").map(|n| (n, n)),
        [from, to] => Ok((number(from, "team size")?, number(to, "team size")?)),
        _ => Err(format!("team size “{text}” is not a size like 3-6")),
    }
}

pub(super) fn flag(text: &str, what: &str, warnings: &mut Vec<String>) -> bool {
    yes_or_no(text).unwrap_or_else(|| {
        warnings.push(format!("{what} “{text}” is not yes or no; taken as no"));
        false
    })
}

/// Text that names no day of the week.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” names no day of the week (like Mon-Fri or Tuesdays and Thursdays)")]
pub struct NoWeekdays(pub String);

/// "Mon-Fri", "weekdays", "Tuesdays and Thursdays", "Mon, Wed, Fri", "every day".
pub fn parse_weekdays(text: &str) -> Result<Weekdays, NoWeekdays> {
    let lower = text.to_lowercase();
    if lower.contains("weekday") {
        return Ok(Weekdays::MONDAY_TO_FRIDAY);
    }
    if lower.contains("every day") || lower.contains("daily") || lower.contains("all week") {
        return Ok(Weekdays(0b111_1111));
    }
    const NAMES: [(&str, Weekday); 7] = [
        ("mon", Weekday::Mon),
        ("tue", Weekday::Tue),
        ("wed", Weekday::Wed),
        ("thu", Weekday::Thu),
        ("fri", Weekday::Fri),
        ("sat", Weekday::Sat),
        ("sun", Weekday::Sun),
    ];
    let days: Vec<Weekday> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() >= 2)
        .filter_map(|w| NAMES.iter().find(|(n, _)| w.starts_with(n)))
        .map(|(_, d)| *d)
        .collect();
    let is_range = days.len() == 2 && (lower.contains('-') || lower.contains('–') || lower.contains(" to "));
    let mut bits = 0u8;
    if is_range {
        let (from, to) = (days[0].num_days_from_monday(), days[1].num_days_from_monday());
        for d in from..=to.max(from) {
            bits |= 1 << d;
        }
    } else {
        for d in &days {
            bits |= 1 << d.num_days_from_monday();
        }
    }
    if bits == 0 {
        return Err(NoWeekdays(text.to_owned()));
    }
    Ok(Weekdays(bits))
}
