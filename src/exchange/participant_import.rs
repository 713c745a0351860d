//! Turning roster rows into participants of one cohort. A row is the same person as one already
//! on the cohort when it has the same email address (any case).

use std::collections::HashMap;

use super::mapping::{FieldKind, Mapping, Plan, Prepared, RowError, mapped_values};
use super::table::Table;
use crate::model::dates::parse_uk_date;
use crate::model::*;
use crate::model::{ImportParticipant, ParticipantEdit};

/// A field of a participant that a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParticipantField {
    Name,
    FirstName,
    LastName,
    PreferredName,
    Profession,
    Organisation,
    Email,
    Mobile,
    Unavailable,
    AccessNeeds,
    EmergencyContactName,
    EmergencyContactPhone,
    Notes,
}

impl ParticipantField {
    pub const ALL: [Self; 13] = [
        Self::Name,
        Self::FirstName,
        Self::LastName,
        Self::PreferredName,
        Self::Profession,
        Self::Organisation,
        Self::Email,
        Self::Mobile,
        Self::Unavailable,
        Self::AccessNeeds,
        Self::EmergencyContactName,
        Self::EmergencyContactPhone,
        Self::Notes,
    ];
}

impl FieldKind for ParticipantField {
    fn all() -> &'static [Self] {
        &Self::ALL
    }

    fn label(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::FirstName => "First name",
            Self::LastName => "Last name",
            Self::PreferredName => "Preferred name",
            Self::Profession => "Profession",
            Self::Organisation => "Organisation",
            Self::Email => "Email",
            Self::Mobile => "Mobile",
            Self::Unavailable => "Days they cannot go out",
            Self::AccessNeeds => "Access needs",
            Self::EmergencyContactName => "Emergency contact",
            Self::EmergencyContactPhone => "Emergency contact's phone",
            Self::Notes => "Notes",
        }
    }

    fn from_header(key: &str) -> Option<Self> {
        use ParticipantField::*;
        let field = match key {
            "name" | "fullname" | "participant" | "participantname" | "delegate" | "delegatename" => Name,
            "firstname" | "forename" | "givenname" => FirstName,
            "lastname" | "surname" | "familyname" => LastName,
            "preferredname" | "knownas" | "nickname" => PreferredName,
            "profession" | "role" | "jobtitle" | "staffgroup" | "grade" => Profession,
            "organisation" | "organization" | "employer" | "trust" | "org" => Organisation,
            "email" | "emailaddress" | "workemail" => Email,
            "mobile" | "mobilenumber" | "phone" | "telephone" | "mobilephone" => Mobile,
            "unavailable" | "unavailabledates" | "datesunavailable" | "cannotattend" | "leave" | "notavailable" => {
                Unavailable
            }
            "accessneeds" | "access" | "accessibility" | "adjustments" | "reasonableadjustments" => AccessNeeds,
            "emergencycontact" | "emergencycontactname" | "nextofkin" => EmergencyContactName,
            "emergencycontactphone" | "emergencyphone" | "emergencycontactnumber" | "nextofkinphone" => {
                EmergencyContactPhone
            }
            "notes" | "comments" => Notes,
            _ => return None,
        };
        Some(field)
    }
}

/// What a roster import needs from the file: the cohort and its people's email addresses.
#[derive(Clone, Debug, Default)]
pub struct RosterLookup {
    pub cohort: CohortId,
    by_email: HashMap<String, ParticipantId>,
}

impl RosterLookup {
    pub fn new(cohort: CohortId, emails: impl IntoIterator<Item = (ParticipantId, String)>) -> Self {
        let by_email = emails
            .into_iter()
            .filter(|(_, e)| !e.trim().is_empty())
            .map(|(id, e)| (e.trim().to_lowercase(), id))
            .collect();
        Self { cohort, by_email }
    }
}

/// Why a list of days away cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotDaySpans {
    #[error("“{0}” is not a day or a range of days (like 12/04/2027 or 19/04/2027 to 23/04/2027)")]
    NotADay(String),
    #[error("“{0}” ends before it starts")]
    EndsBeforeItStarts(String),
}

/// "12/04/2027; 19/04/2027-23/04/2027": single days and ranges.
pub fn parse_day_spans(text: &str) -> Result<Vec<DaySpan>, NotDaySpans> {
    let mut spans = Vec::new();
    for part in text.split([';', ',', '|', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        let (first, last) = match part.split_once(" to ").or_else(|| {
            // A dash between two dates, not inside an ISO date: split at " - " or at the dash
            // that leaves a date on both sides.
            part.split_once(" - ").or_else(|| {
                part.char_indices()
                    .filter(|(_, c)| *c == '-' || *c == '–')
                    .map(|(i, c)| (&part[..i], &part[i + c.len_utf8()..]))
                    .find(|(a, b)| parse_uk_date(a).is_some() && parse_uk_date(b).is_some())
            })
        }) {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (part, part),
        };
        let bad = || NotDaySpans::NotADay(part.to_owned());
        let first = parse_uk_date(first).ok_or_else(bad)?;
        let last = parse_uk_date(last).ok_or_else(bad)?;
        if last < first {
            return Err(NotDaySpans::EndsBeforeItStarts(part.to_owned()));
        }
        spans.push(DaySpan { first, last });
    }
    Ok(spans)
}

/// Reads every roster row of `table` into participants of the lookup's cohort.
pub fn plan_participant_import(
    table: &Table,
    mapping: &Mapping<ParticipantField>,
    lookup: &RosterLookup,
) -> Plan<ImportParticipant> {
    let mut plan = Plan::default();
    for row in &table.rows {
        match prepare_row(&row.cells, mapping, &table.headers, lookup) {
            Ok((import, warnings)) => plan.rows.push(Prepared { line: row.line, row: import, warnings }),
            Err(reason) => plan.errors.push(RowError { line: row.line, reason }),
        }
    }
    plan
}

fn prepare_row(
    cells: &[String],
    mapping: &Mapping<ParticipantField>,
    headers: &[String],
    lookup: &RosterLookup,
) -> Result<(ImportParticipant, Vec<String>), String> {
    let mut p = Participant { cohort: lookup.cohort, ..Default::default() };
    let (mut first, mut last) = (String::new(), String::new());
    let (mut organisation, mut profession) = (None, None);
    for (field, value) in mapped_values(cells, mapping, headers)? {
        match field {
            ParticipantField::Name => p.name = value,
            ParticipantField::FirstName => first = value,
            ParticipantField::LastName => last = value,
            ParticipantField::PreferredName => p.preferred_name = value,
            ParticipantField::Profession => profession = Some(value),
            ParticipantField::Organisation => organisation = Some(value),
            ParticipantField::Email => p.email = value,
            ParticipantField::Mobile => p.mobile = value,
            ParticipantField::Unavailable => p.unavailable = parse_day_spans(&value).map_err(|e| e.to_string())?,
            ParticipantField::AccessNeeds => p.access_needs = value,
            ParticipantField::EmergencyContactName => p.emergency_contact_name = value,
            ParticipantField::EmergencyContactPhone => p.emergency_contact_phone = value,
            ParticipantField::Notes => p.notes = value,
        }
    }
    if p.name.is_empty() {
        p.name = format!("{first} {last}").trim().to_owned();
    }
    let duplicate_of = lookup.by_email.get(&p.email.trim().to_lowercase()).copied().filter(|_| !p.email.is_empty());
    let (edit, warnings) = ParticipantEdit::imported(p).map_err(|e| e.message)?;
    Ok((ImportParticipant { edit, organisation, profession, duplicate_of }, warnings))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn unavailable_days_and_ranges_are_read() {
        let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
        assert_eq!(
            parse_day_spans("12/04/2027; 19/04/2027 to 23/04/2027, 2027-05-03 - 2027-05-04").unwrap(),
            [
                DaySpan { first: d(4, 12), last: d(4, 12) },
                DaySpan { first: d(4, 19), last: d(4, 23) },
                DaySpan { first: d(5, 3), last: d(5, 4) }
            ]
        );
        assert_eq!(parse_day_spans("01/05/2027-03/05/2027").unwrap(), [DaySpan { first: d(5, 1), last: d(5, 3) }]);
        assert!(parse_day_spans("next week").is_err());
        assert!(parse_day_spans("23/04/2027 to 19/04/2027").is_err());
    }
}
