//! What happened on a day out, what the participants made of it, and what the host group
//! thought: recorded after the day, and counted in the programme's report (`model::report`).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;

use super::checks::FieldProblem;
use super::fields::OutcomeFormField;
use super::ids::{ParticipantId, PlacementId, PracticeId, TeamId};

/// How the day went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum DayResult {
    #[default]
    Completed,
    PartlyCompleted,
    NotDone,
    CancelledOnTheDay,
}

impl DayResult {
    pub const ALL: [Self; 4] = [Self::Completed, Self::PartlyCompleted, Self::NotDone, Self::CancelledOnTheDay];

    pub fn code(self) -> &'static str {
        match self {
            Self::Completed => "completed",
            Self::PartlyCompleted => "partly_completed",
            Self::NotDone => "not_done",
            Self::CancelledOnTheDay => "cancelled_on_day",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Completed => "Completed",
            Self::PartlyCompleted => "Partly completed",
            Self::NotDone => "Not done",
            Self::CancelledOnTheDay => "Cancelled on the day",
        }
    }

    /// Whether the team went out and did something (counts for hours).
    pub fn went_out(self) -> bool {
        matches!(self, Self::Completed | Self::PartlyCompleted)
    }
}

/// Whether a group would host again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HostAgain {
    Yes,
    Maybe,
    No,
}

impl HostAgain {
    pub const ALL: [Self; 3] = [Self::Yes, Self::Maybe, Self::No];

    pub fn code(self) -> &'static str {
        match self {
            Self::Yes => "yes",
            Self::Maybe => "maybe",
            Self::No => "no",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Yes => "Yes",
            Self::Maybe => "Maybe",
            Self::No => "No",
        }
    }
}

/// A placement's outcome, recorded after the day.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Outcome {
    pub result: DayResult,
    /// Why it was not completed (needed unless it was).
    pub reason: String,
    /// Hours the team spent (each member), up to a day.
    pub hours: Option<f64>,
    /// Local people who took part.
    pub local_people: Option<u32>,
    /// What the team did, in a sentence or two.
    pub summary: String,
    /// The host group: how useful the day was (1 to 5), would it host again, its comment.
    pub group_usefulness: Option<u8>,
    pub host_again: Option<HostAgain>,
    pub group_comment: String,
}

/// One participant's feedback on their day.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Feedback {
    /// `None` once their personal data has been removed.
    pub participant: Option<ParticipantId>,
    /// A rating from 1 to 5 for each practice they rated.
    pub ratings: BTreeMap<PracticeId, u8>,
    pub learnt: String,
    pub differently: String,
    pub given_on: Option<NaiveDate>,
}

impl Feedback {
    /// Whether there is nothing in it.
    pub fn is_empty(&self) -> bool {
        self.ratings.is_empty() && self.learnt.trim().is_empty() && self.differently.trim().is_empty()
    }
}

/// Every problem with an outcome, field by field.
pub fn check_outcome(o: &Outcome) -> Vec<FieldProblem<OutcomeFormField>> {
    let mut problems = Vec::new();
    let mut problem =
        |field: OutcomeFormField, message: &str| problems.push(FieldProblem { field, message: message.to_owned() });
    if o.result != DayResult::Completed && o.reason.trim().is_empty() {
        problem(OutcomeFormField::Reason, "Say why it was not completed.");
    }
    if o.hours.is_some_and(|h| !(0.0..=24.0).contains(&h) || h.is_nan()) {
        problem(OutcomeFormField::Hours, "Hours are from 0 to 24.");
    }
    if o.group_usefulness.is_some_and(|u| !(1..=5).contains(&u)) {
        problem(OutcomeFormField::GroupUsefulness, "Give a number from 1 to 5.");
    }
    problems
}

/// A rating as people and online forms write it: a number from 1 to 5 (perhaps with words after
/// it, "4 - Good"), or the words of a five-point scale ("Strongly agree" … "Strongly disagree",
/// "Excellent" … "Poor").
pub fn parse_rating(text: &str) -> Option<u8> {
    let text = text.trim();
    let lower = text.to_lowercase();
    let words: [(&str, u8); 15] = [
        ("strongly agree", 5),
        ("strongly disagree", 1),
        ("neither agree nor disagree", 3),
        ("agree", 4),
        ("disagree", 2),
        ("neutral", 3),
        ("excellent", 5),
        ("very good", 4),
        ("good", 3),
        ("fair", 2),
        ("poor", 1),
        ("very poor", 1),
        ("very useful", 5),
        ("not useful", 1),
        ("useful", 4),
    ];
    if let Some((_, n)) = words.iter().find(|(w, _)| lower == *w) {
        return Some(*n);
    }
    let first = text.chars().next()?;
    let digit = first.to_digit(10)?;
    let rest = text[first.len_utf8()..].trim_start();
    // "4", "4 - Good", "4/5", "4 out of 5"; not "45" or "4.5".
    let ends_well = rest.is_empty() || rest.starts_with(['-', '–', '/', '(', ':']) || rest.starts_with("out of");
    ((1..=5).contains(&digit) && ends_well).then_some(digit as u8)
}

/// "Would you host again?" as a form writes the answer.
pub fn parse_host_again(text: &str) -> Option<HostAgain> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "definitely" | "yes, definitely" => Some(HostAgain::Yes),
        "maybe" | "perhaps" | "possibly" | "not sure" => Some(HostAgain::Maybe),
        "no" | "n" => Some(HostAgain::No),
        _ => None,
    }
}

/// Who gave feedback on what, as the file knows it.
#[derive(Clone, Debug, Default)]
pub struct FeedbackLookup {
    /// Participants by email (lower case): their id, name and team.
    pub people: HashMap<String, Vec<(ParticipantId, String, TeamId)>>,
    /// Each team's live placements, by day.
    pub days: HashMap<TeamId, Vec<(NaiveDate, PlacementId)>>,
    /// Feedback already in the file.
    pub existing: HashSet<(PlacementId, ParticipantId)>,
    pub practices: Vec<(PracticeId, String)>,
}

/// A response ready for the store.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportFeedback {
    pub placement: PlacementId,
    pub day: NaiveDate,
    pub name: String,
    pub feedback: Feedback,
    pub duplicate: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_read_from_numbers_and_the_words_forms_use() {
        for (text, want) in [
            ("5", Some(5)),
            (" 4 - Good", Some(4)),
            ("3/5", Some(3)),
            ("2 out of 5", Some(2)),
            ("Strongly agree", Some(5)),
            ("Agree", Some(4)),
            ("Neither agree nor disagree", Some(3)),
            ("Disagree", Some(2)),
            ("Strongly disagree", Some(1)),
            ("Excellent", Some(5)),
            ("Poor", Some(1)),
            ("6", None),
            ("45", None),
            ("4.5", None),
            ("", None),
            ("maybe", None),
        ] {
            assert_eq!(parse_rating(text), want, "{text:?}");
        }
    }

    #[test]
    fn an_outcome_not_completed_needs_a_reason() {
        let mut o = Outcome { result: DayResult::NotDone, ..Default::default() };
        assert_eq!(check_outcome(&o).len(), 1);
        o.reason = "The rain".into();
        assert!(check_outcome(&o).is_empty());
        o.hours = Some(30.0);
        assert_eq!(check_outcome(&o)[0].field, OutcomeFormField::Hours);
    }
}
