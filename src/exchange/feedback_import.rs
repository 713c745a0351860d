//! Participants' feedback from an online form's export (Microsoft Forms and Google Forms both
//! give a row per response with the questions as headers): each response matched to a
//! participant by email, and to their placement by the date of the day (when the form asks it)
//! or else their team's day; each practice's rating read from the column that names it, as a
//! number or in the words forms use.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::mapping::{FieldKind, Mapping, Plan, Prepared, RowError, header_key, mapped_values};
use super::table::Table;
use crate::model::dates::parse_uk_date;
use crate::model::outcomes::{Feedback, parse_rating};
use crate::model::outcomes::{FeedbackLookup, ImportFeedback};
use crate::model::{PlacementId, PracticeId};

/// The most practices a form's columns are matched to.
pub const MAX_PRACTICES: usize = 32;

/// What a column of a feedback form can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeedbackField {
    Email,
    Name,
    Team,
    /// The date of their day out, when the form asks it.
    Date,
    Learnt,
    Differently,
    /// When the response was given (a form's "Completion time" or "Timestamp").
    Given,
    /// The rating of the practice at this place in the programme's list.
    Practice(u8),
}

impl FieldKind for FeedbackField {
    fn all() -> &'static [Self] {
        &[Self::Email, Self::Name, Self::Team, Self::Date, Self::Learnt, Self::Differently, Self::Given]
    }

    fn label(self) -> &'static str {
        match self {
            Self::Email => "Email",
            Self::Name => "Name",
            Self::Team => "Team",
            Self::Date => "Date of the day out",
            Self::Learnt => "What they learnt",
            Self::Differently => "What they would do differently",
            Self::Given => "When they answered",
            Self::Practice(_) => "A practice's rating",
        }
    }

    fn from_header(key: &str) -> Option<Self> {
        let has = |word: &str| key.contains(word);
        if has("email") {
            Some(Self::Email)
        } else if has("learn") {
            Some(Self::Learnt)
        } else if has("differently") || has("dodifferent") {
            Some(Self::Differently)
        } else if key == "timestamp" || has("completiontime") || has("submitted") {
            Some(Self::Given)
        } else if has("team") {
            Some(Self::Team)
        } else if has("dateof") || key == "date" || has("whichday") || has("dayout") {
            Some(Self::Date)
        } else if key == "name" || key == "yourname" || key == "fullname" {
            Some(Self::Name)
        } else {
            None
        }
    }
}

/// The form's columns guessed: the fixed questions by their words, each practice by a header
/// that holds its name (Google Forms' grid "Question [Working well together as a team]",
/// Microsoft Forms' Likert rows as headers of their own).
pub fn guess(headers: &[String], practices: &[(PracticeId, String)]) -> Mapping<FeedbackField> {
    let mut mapping = Mapping::<FeedbackField>::guess(headers);
    let folded: Vec<String> = practices.iter().map(|(_, name)| header_key(name)).collect();
    for (i, header) in headers.iter().enumerate() {
        let key = header_key(header);
        if let Some(p) = folded.iter().position(|name| !name.is_empty() && key.contains(name.as_str())) {
            mapping.fields[i] = Some(FeedbackField::Practice(p as u8));
        }
    }
    mapping
}

/// A date as forms write it: "14/04/2027", "2027-04-14", with a time after it or not.
fn form_date(text: &str) -> Option<NaiveDate> {
    let first = text.split_whitespace().next().unwrap_or("");
    parse_uk_date(first).or_else(|| NaiveDate::parse_from_str(first, "%Y/%m/%d").ok()).or_else(|| parse_uk_date(text))
}

/// Which of a person's days a response is about: the day the form names, else their only day,
/// else the last one on or before the answer was given.
fn which_day(
    days: &[(NaiveDate, PlacementId)],
    named: Option<NaiveDate>,
    given: Option<NaiveDate>,
) -> Result<(NaiveDate, PlacementId), String> {
    if let Some(day) = named {
        return days
            .iter()
            .find(|(d, _)| *d == day)
            .copied()
            .ok_or_else(|| format!("their team has no day out on {}", crate::model::dates::uk_date(day)));
    }
    match days {
        [] => Err("their team has no day placed".to_owned()),
        [only] => Ok(*only),
        _ => days
            .iter()
            .rev()
            .find(|(d, _)| given.is_none_or(|g| *d <= g))
            .copied()
            .ok_or_else(|| "their team has several days: add a column with the date of the day out".to_owned()),
    }
}

/// One response read, or the reason it cannot be imported.
fn plan_row(
    values: &[(FeedbackField, String)],
    lookup: &FeedbackLookup,
    warnings: &mut Vec<String>,
) -> Result<ImportFeedback, String> {
    let get = |field: FeedbackField| values.iter().find(|(f, _)| *f == field).map(|(_, v)| v.as_str());
    let email = get(FeedbackField::Email).map(str::trim).filter(|e| !e.is_empty()).ok_or("it has no email address")?;
    let people =
        lookup.people.get(&email.to_lowercase()).ok_or_else(|| format!("no participant has the email {email}"))?;
    let named = get(FeedbackField::Date).and_then(form_date);
    let given = get(FeedbackField::Given).and_then(form_date);
    // The same email on two cohorts: the person whose team was out on the day.
    let mut found = Err(String::new());
    for (participant, name, team) in people {
        let days = lookup.days.get(team).map_or(&[][..], Vec::as_slice);
        match which_day(days, named, given) {
            Ok((day, placement)) => {
                found = Ok((*participant, name.clone(), day, placement));
                break;
            }
            Err(why) => found = Err(format!("{name}: {why}")),
        }
    }
    let (participant, name, day, placement) = found?;
    let mut ratings = BTreeMap::new();
    for (field, value) in values {
        let FeedbackField::Practice(i) = field else { continue };
        let Some((practice, practice_name)) = lookup.practices.get(usize::from(*i)) else { continue };
        match parse_rating(value) {
            Some(r) => {
                ratings.insert(*practice, r);
            }
            None => warnings
                .push(format!("{name}'s answer “{value}” for “{practice_name}” is not a rating from 1 to 5: left out")),
        }
    }
    let feedback = Feedback {
        participant: Some(participant),
        ratings,
        learnt: get(FeedbackField::Learnt).unwrap_or_default().to_owned(),
        differently: get(FeedbackField::Differently).unwrap_or_default().to_owned(),
        given_on: given,
    };
    if feedback.is_empty() {
        return Err(format!("{name}'s response has no rating and no words"));
    }
    Ok(ImportFeedback {
        placement,
        day,
        name,
        duplicate: lookup.existing.contains(&(placement, participant)),
        feedback,
    })
}

/// Every response read, or listed with the reason it cannot be.
pub fn plan_feedback_import(
    table: &Table,
    mapping: &Mapping<FeedbackField>,
    lookup: &FeedbackLookup,
) -> Plan<ImportFeedback> {
    let mut plan = Plan::default();
    for row in &table.rows {
        let mut warnings = Vec::new();
        let read = mapped_values(&row.cells, mapping, &table.headers)
            .and_then(|values| plan_row(&values, lookup, &mut warnings));
        match read {
            Ok(feedback) => plan.rows.push(Prepared { line: row.line, row: feedback, warnings }),
            Err(reason) => plan.errors.push(RowError { line: row.line, reason }),
        }
    }
    plan
}

/// A practice's rating column, as the mapping list names it.
pub fn practice_label(practices: &[(PracticeId, String)], field: FeedbackField) -> String {
    match field {
        FeedbackField::Practice(i) => practices
            .get(usize::from(i))
            .map_or_else(|| "A practice's rating".to_owned(), |(_, name)| format!("Rating: {name}")),
        other => other.label().to_owned(),
    }
}
