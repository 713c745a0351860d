//! Checks that turn what people type into values the rest of the program can trust.

use super::fields::{CohortFormField, GroupFormField, OfferFormField, ParticipantFormField};
pub use super::postcode::normalise_postcode;
use super::team_size::TeamSize;

/// A problem with one field of a form, shown next to that field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FieldProblem<F> {
    pub field: F,
    pub message: String,
}

/// Whether `text` looks like an email address someone could write to.
pub fn is_plausible_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
}

/// Whether `text` is an email address as the Open Referral UK standard's validator accepts one
/// (Python's `validators.email`): a local part of at most 64 characters from the dot-atom set
/// (Latin letters with accents allowed), one `@`, and a domain of at most 253 characters in
/// labels of 1 to 63 letters, digits and inner hyphens, ending in a top-level label that ends in
/// a letter. Stricter than [`is_plausible_email`], which keeps what people type.
pub fn is_standard_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    let atom_char = |c: char| {
        c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{}|~-".contains(c) || ('\u{00A0}'..='\u{024F}').contains(&c)
    };
    let local_ok = !local.is_empty()
        && local.chars().count() <= 64
        && local.split('.').all(|atom| !atom.is_empty() && atom.chars().all(atom_char));
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    let top_ok =
        labels.last().is_some_and(|top| top.len() >= 2 && top.chars().last().is_some_and(|c| c.is_ascii_alphabetic()));
    local_ok && domain.len() <= 253 && labels.len() >= 2 && labels.iter().all(|l| label_ok(l)) && top_ok
}

/// Whether `text` looks like a UK phone number: `01632 960123`, `07700 900123`,
/// `+44 7700 900123`, with spaces, brackets or dashes anywhere.
pub fn is_plausible_uk_phone(text: &str) -> bool {
    let text = text.trim();
    if !text.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c)) {
        return false;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if text.starts_with('+') {
        digits.starts_with("44") && (11..=13).contains(&digits.len())
    } else if digits.starts_with("0044") {
        (13..=15).contains(&digits.len())
    } else {
        digits.starts_with('0') && (10..=11).contains(&digits.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_emails_are_as_the_standards_validator_takes_them() {
        for good in ["hello@bispham-shed.example.org", "zoë.brontë@example.org", "a+b@x.co.uk", "o'neill@x.org"] {
            assert!(is_standard_email(good), "{good}");
        }
        let long_label = format!("hello@{}.example.org", "a".repeat(64));
        for bad in [
            long_label.as_str(),
            "no-at-sign",
            "two@@example.org",
            "a@b@example.org",
            "x@localhost",
            "x@example.123",
            "x@-bad.org",
            "x@bad-.org",
            ".x@example.org",
            "x..y@example.org",
            "x y@example.org",
            "x@exa mple.org",
            "x@exämple.org",
            "\"quoted\"@example.org",
            "x@example.org.",
        ] {
            assert!(!is_standard_email(bad), "{bad}");
        }
    }

    #[test]
    fn uk_phone_numbers_are_recognised() {
        for phone in
            ["01632 960123", "0161 980 6090", "07700900123", "+44 7946415724", "(01253) 123456", "0800 123 4567"]
        {
            assert!(is_plausible_uk_phone(phone), "{phone}");
        }
        for phone in ["12345", "+1 555 123 4567", "call Jo", "0161 980"] {
            assert!(!is_plausible_uk_phone(phone), "{phone}");
        }
    }

    #[test]
    fn emails_need_an_at_and_a_domain() {
        assert!(is_plausible_email("info@example.org"));
        assert!(!is_plausible_email("info.example.org"));
        assert!(!is_plausible_email("info@example"));
        assert!(!is_plausible_email("in fo@example.org"));
    }
}

use super::records::CommunityGroup;

/// Every problem with a group's record, field by field. An empty list means it can be saved.
pub fn check_group(group: &CommunityGroup) -> Vec<FieldProblem<GroupFormField>> {
    let mut problems = Vec::new();
    let mut problem =
        |field: GroupFormField, message: &str| problems.push(FieldProblem { field, message: message.to_owned() });
    if group.name.trim().is_empty() {
        problem(GroupFormField::Name, "A group needs a name.");
    }
    if !group.postcode.trim().is_empty() && normalise_postcode(&group.postcode).is_none() {
        problem(GroupFormField::Postcode, "This is not a UK postcode (for example FY1 4AB).");
    }
    for (field, value) in [(GroupFormField::Phone, &group.phone), (GroupFormField::ContactPhone, &group.contact_phone)]
    {
        if !value.trim().is_empty() && !is_plausible_uk_phone(value) {
            problem(field, "This is not a UK phone number (for example 01632 960123 or 07700 900123).");
        }
    }
    for (field, value) in [(GroupFormField::Email, &group.email), (GroupFormField::ContactEmail, &group.contact_email)]
    {
        if !value.trim().is_empty() && !is_plausible_email(value.trim()) {
            problem(field, "This is not an email address (it needs an @ and a domain, like name@example.org).");
        }
    }
    problems
}

use super::records::Offer;

/// Every problem with an offer, field by field. An empty list means it can be saved.
pub fn check_offer(offer: &Offer) -> Vec<FieldProblem<OfferFormField>> {
    let mut problems = Vec::new();
    let mut problem =
        |field: OfferFormField, message: &str| problems.push(FieldProblem { field, message: message.to_owned() });
    if offer.title.trim().is_empty() {
        problem(OfferFormField::Title, "An offer needs a title.");
    }
    if offer.when.last_date < offer.when.first_date {
        problem(OfferFormField::LastDate, "The last day is before the first.");
    }
    if offer.when.weekdays.0 & 0b111_1111 == 0 {
        problem(OfferFormField::Weekdays, "Choose at least one day of the week.");
    }
    if offer.finish_time <= offer.start_time {
        problem(OfferFormField::FinishTime, "The day must finish after it starts.");
    }
    for (field, size) in
        [(OfferFormField::TeamSizeMin, offer.team_size_min), (OfferFormField::TeamSizeMax, offer.team_size_max)]
    {
        if let Err(message) = TeamSize::new(size) {
            problem(field, &message.to_string());
        }
    }
    if offer.team_size_min > offer.team_size_max {
        problem(OfferFormField::TeamSizeMax, "The largest team cannot be smaller than the smallest.");
    }
    if offer.capacity < 1 {
        problem(OfferFormField::Capacity, "The group must be able to host at least one team-day.");
    }
    if !offer.day_contact_phone.trim().is_empty() && !is_plausible_uk_phone(&offer.day_contact_phone) {
        problem(
            OfferFormField::DayContactPhone,
            "This is not a UK phone number (for example 01632 960123 or 07700 900123).",
        );
    }
    if offer.when.extra_dates.iter().any(|d| offer.when.blackout_dates.contains(d)) {
        problem(OfferFormField::BlackoutDates, "A day cannot be both an extra day and a blackout day.");
    }
    problems
}

#[cfg(test)]
mod offer_tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::*;
    use crate::model::GroupId;

    fn fields(offer: &Offer) -> Vec<OfferFormField> {
        check_offer(offer).into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_new_draft_with_a_title_is_fine() {
        let start = NaiveDate::from_ymd_opt(2027, 4, 1).unwrap();
        let offer = Offer { title: "Garden day".into(), ..Offer::new_draft(GroupId(1), start) };
        assert_eq!(fields(&offer), Vec::<OfferFormField>::new());
    }

    #[test]
    fn each_rule_names_its_field() {
        let start = NaiveDate::from_ymd_opt(2027, 4, 1).unwrap();
        let mut offer = Offer::new_draft(GroupId(1), start);
        offer.when.last_date = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        offer.when.weekdays.0 = 0;
        offer.finish_time = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        offer.team_size_min = 5;
        offer.team_size_max = 4;
        offer.capacity = 0;
        offer.day_contact_phone = "call Jo".into();
        offer.when.extra_dates = vec![start];
        offer.when.blackout_dates = vec![start];
        assert_eq!(
            fields(&offer),
            [
                OfferFormField::Title,
                OfferFormField::LastDate,
                OfferFormField::Weekdays,
                OfferFormField::FinishTime,
                OfferFormField::TeamSizeMax,
                OfferFormField::Capacity,
                OfferFormField::DayContactPhone,
                OfferFormField::BlackoutDates
            ]
        );
    }
}

use super::records::{Cohort, Participant};

/// Every problem with a participant's record, field by field.
pub fn check_participant(p: &Participant) -> Vec<FieldProblem<ParticipantFormField>> {
    let mut problems = Vec::new();
    let mut problem =
        |field: ParticipantFormField, message: &str| problems.push(FieldProblem { field, message: message.to_owned() });
    if p.name.trim().is_empty() {
        problem(ParticipantFormField::Name, "A participant needs a name.");
    }
    if !p.email.trim().is_empty() && !is_plausible_email(p.email.trim()) {
        problem(
            ParticipantFormField::Email,
            "This is not an email address (it needs an @ and a domain, like name@example.org).",
        );
    }
    for (field, value) in [
        (ParticipantFormField::Mobile, &p.mobile),
        (ParticipantFormField::EmergencyContactPhone, &p.emergency_contact_phone),
    ] {
        if !value.trim().is_empty() && !is_plausible_uk_phone(value) {
            problem(field, "This is not a UK phone number (for example 07700 900123).");
        }
    }
    if p.unavailable.iter().any(|s| s.last < s.first) {
        problem(ParticipantFormField::Unavailable, "A range of days ends before it starts.");
    }
    problems
}

/// Every problem with a cohort's record, field by field.
pub fn check_cohort(c: &Cohort) -> Vec<FieldProblem<CohortFormField>> {
    let mut problems = Vec::new();
    let mut problem =
        |field: CohortFormField, message: &str| problems.push(FieldProblem { field, message: message.to_owned() });
    if c.name.trim().is_empty() {
        problem(CohortFormField::Name, "A cohort needs a name.");
    }
    if let (Some(first), Some(last)) = (c.first_day, c.last_day)
        && last < first
    {
        problem(CohortFormField::LastDay, "The programme's last day is before its first.");
    }
    if let Err(message) = TeamSize::new(c.default_team_size) {
        problem(CohortFormField::DefaultTeamSize, &message.to_string());
    }
    if c.most_per_day == Some(0) {
        problem(
            CohortFormField::MostPerDay,
            "At least one team must be able to go out on a day (leave it blank for no limit).",
        );
    }
    if !c.coordinator_phone.trim().is_empty() && !is_plausible_uk_phone(&c.coordinator_phone) {
        problem(CohortFormField::CoordinatorPhone, "This is not a UK phone number (for example 01632 960123).");
    }
    problems
}

#[cfg(test)]
mod people_tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::records::DaySpan;

    #[test]
    fn a_participants_contact_details_are_checked() {
        let d = |day| NaiveDate::from_ymd_opt(2027, 4, day).unwrap();
        let p = Participant {
            name: " ".into(),
            email: "sam at example".into(),
            mobile: "07700 900123".into(),
            emergency_contact_phone: "ring Jo".into(),
            unavailable: vec![DaySpan { first: d(9), last: d(2) }],
            ..Default::default()
        };
        let fields: Vec<ParticipantFormField> = check_participant(&p).into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                ParticipantFormField::Name,
                ParticipantFormField::Email,
                ParticipantFormField::EmergencyContactPhone,
                ParticipantFormField::Unavailable
            ]
        );
        let c = Cohort { name: "Wave 1".into(), default_team_size: 0, ..Default::default() };
        assert_eq!(
            check_cohort(&c).into_iter().map(|p| p.field).collect::<Vec<_>>(),
            [CohortFormField::DefaultTeamSize]
        );
    }
}
