//! The programme's report: what the days out added up to, for the programme board. Counted from
//! plain facts (`ReportFacts`, read by `Store::report_facts`), so that the panel, the PDF, the
//! spreadsheet and the command line give the same figures.
//!
//! What counts: a placement is *placed* while it is live (not cancelled); it *went out* when its
//! outcome says completed or partly completed, or, with no outcome recorded yet, when it is
//! marked done. Hours are the outcome's hours for each member of a team that went out. The
//! completion rate is completed days over days with an outcome recorded: a day not done counts
//! in the rate but gives no hours.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::text::{decimal, percent, serialize_maybe_number, serialize_number};

use super::ids::{CohortId, GroupId, NeighbourhoodId, ParticipantId, PlacementId, PracticeId, TeamId};
use super::outcomes::{DayResult, Feedback, HostAgain, Outcome};
use super::records::PlacementStatus;

/// A live placement as the report sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportPlacement {
    pub id: PlacementId,
    pub cohort: CohortId,
    pub team: TeamId,
    pub team_name: String,
    pub day: NaiveDate,
    pub status: PlacementStatus,
    pub group: Option<(GroupId, String)>,
    pub neighbourhood: Option<NeighbourhoodId>,
    /// Each member, with their organisation ("" when not known).
    pub members: Vec<(ParticipantId, String)>,
    pub outcome: Option<Outcome>,
    pub feedback: Vec<Feedback>,
}

impl ReportPlacement {
    pub fn went_out(&self) -> bool {
        match &self.outcome {
            Some(o) => o.result.went_out(),
            None => self.status == PlacementStatus::Done,
        }
    }

    /// Hours given by the team: the outcome's hours for each member, when it went out.
    pub fn person_hours(&self) -> f64 {
        match &self.outcome {
            Some(o) if self.went_out() => o.hours.unwrap_or(0.0) * self.members.len() as f64,
            _ => 0.0,
        }
    }
}

/// Everything the report counts.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ReportFacts {
    /// The cohort reported on, or all.
    pub cohort: Option<CohortId>,
    pub scope: String,
    pub neighbourhoods: Vec<(NeighbourhoodId, String)>,
    pub practices: Vec<(PracticeId, String)>,
    pub placements: Vec<ReportPlacement>,
}

/// One practice's ratings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PracticeFigures {
    pub practice: String,
    pub responses: usize,
    /// The mean rating, from 1 to 5.
    #[serde(serialize_with = "serialize_maybe_number")]
    pub mean: Option<f64>,
    /// How many gave 1, 2, 3, 4 and 5.
    pub counts: [usize; 5],
}

/// A row of a breakdown (a neighbourhood, an organisation, a host group).
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct Breakdown {
    pub name: String,
    /// Placements (live) there; for an organisation, its people's places on them.
    pub placed: usize,
    /// Team-days that went out.
    pub team_days: usize,
    #[serde(serialize_with = "serialize_number")]
    pub person_hours: f64,
    pub completed: usize,
    /// For an organisation: how many of its people are on the teams placed.
    pub people: usize,
    /// For a host group: how useful it found the days, from 1 to 5.
    #[serde(serialize_with = "serialize_maybe_number")]
    pub usefulness: Option<f64>,
    pub host_again: Option<String>,
}

/// Outcomes recorded, by result.
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct Completion {
    pub recorded: usize,
    pub completed: usize,
    pub partly_completed: usize,
    pub not_done: usize,
    pub cancelled_on_the_day: usize,
    /// Completed over recorded.
    #[serde(serialize_with = "serialize_maybe_number")]
    pub rate: Option<f64>,
}

/// The report.
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct Report {
    pub scope: String,
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    pub teams_placed: usize,
    pub teams_gone_out: usize,
    pub team_days: usize,
    #[serde(serialize_with = "serialize_number")]
    pub person_hours: f64,
    pub local_people: u64,
    pub groups_reached: usize,
    pub neighbourhoods_reached: usize,
    pub neighbourhoods_in_all: usize,
    pub completion: Completion,
    pub feedback_responses: usize,
    pub practices: Vec<PracticeFigures>,
    /// Host groups' answers: would they host again (yes, maybe, no).
    pub host_again: [usize; 3],
    /// Teams whose members come from four or more organisations.
    pub teams_mixing_four_or_more: usize,
    /// Groups that hosted more than one team-day, with how many.
    pub repeat_hosts: Vec<(String, usize)>,
    pub by_neighbourhood: Vec<Breakdown>,
    pub by_organisation: Vec<Breakdown>,
    pub by_group: Vec<Breakdown>,
}

impl Report {
    /// "3 of 11", or what to do when the programme has no neighbourhoods (never "0 of 0").
    pub fn neighbourhoods_words(&self) -> String {
        if self.neighbourhoods_in_all == 0 {
            "None set up (Directory › Lists… › Set up neighbourhoods…)".to_owned()
        } else {
            format!("{} of {}", self.neighbourhoods_reached, self.neighbourhoods_in_all)
        }
    }
}

fn mean(sum: f64, n: usize) -> Option<f64> {
    (n > 0).then(|| sum / n as f64)
}

/// Counts the report from its facts.
pub fn report(facts: &ReportFacts) -> Report {
    let live: Vec<&ReportPlacement> = facts.placements.iter().filter(|p| p.status.is_live()).collect();
    let out: Vec<&&ReportPlacement> = live.iter().filter(|p| p.went_out()).collect();
    let mut r = Report {
        scope: facts.scope.clone(),
        first_day: live.iter().map(|p| p.day).min(),
        last_day: live.iter().map(|p| p.day).max(),
        teams_placed: live.iter().map(|p| p.team).collect::<BTreeSet<_>>().len(),
        teams_gone_out: out.iter().map(|p| p.team).collect::<BTreeSet<_>>().len(),
        team_days: out.len(),
        // Folded from +0.0: Rust's sum of no f64 is -0.0, which printed "Person-hours -0.0".
        person_hours: out.iter().map(|p| p.person_hours()).fold(0.0, |a, b| a + b),
        local_people: out.iter().filter_map(|p| p.outcome.as_ref()?.local_people).map(u64::from).sum(),
        groups_reached: out.iter().filter_map(|p| p.group.as_ref().map(|g| g.0)).collect::<BTreeSet<_>>().len(),
        neighbourhoods_reached: out.iter().filter_map(|p| p.neighbourhood).collect::<BTreeSet<_>>().len(),
        neighbourhoods_in_all: facts.neighbourhoods.len(),
        completion: completion(&live),
        feedback_responses: live.iter().map(|p| p.feedback.len()).sum(),
        practices: practices(facts, &live),
        host_again: host_again(&live),
        ..Default::default()
    };
    let mut teams: HashMap<TeamId, BTreeSet<&str>> = HashMap::new();
    for p in &live {
        teams.entry(p.team).or_default().extend(p.members.iter().map(|(_, o)| o.as_str()).filter(|o| !o.is_empty()));
    }
    r.teams_mixing_four_or_more = teams.values().filter(|orgs| orgs.len() >= 4).count();
    r.by_neighbourhood = by_neighbourhood(facts, &live);
    r.by_organisation = by_organisation(&live);
    r.by_group = by_group(&live);
    r.repeat_hosts = r.by_group.iter().filter(|g| g.placed > 1).map(|g| (g.name.clone(), g.placed)).collect();
    r
}

fn completion(live: &[&ReportPlacement]) -> Completion {
    let mut c = Completion::default();
    for o in live.iter().filter_map(|p| p.outcome.as_ref()) {
        c.recorded += 1;
        match o.result {
            DayResult::Completed => c.completed += 1,
            DayResult::PartlyCompleted => c.partly_completed += 1,
            DayResult::NotDone => c.not_done += 1,
            DayResult::CancelledOnTheDay => c.cancelled_on_the_day += 1,
        }
    }
    c.rate = mean(c.completed as f64, c.recorded);
    c
}

fn practices(facts: &ReportFacts, live: &[&ReportPlacement]) -> Vec<PracticeFigures> {
    let mut counts: HashMap<PracticeId, [usize; 5]> = HashMap::new();
    for f in live.iter().flat_map(|p| &p.feedback) {
        for (practice, rating) in &f.ratings {
            if (1..=5).contains(rating) {
                counts.entry(*practice).or_default()[usize::from(*rating) - 1] += 1;
            }
        }
    }
    facts
        .practices
        .iter()
        .map(|(id, name)| {
            let c = counts.get(id).copied().unwrap_or_default();
            let responses = c.iter().sum();
            let sum: usize = c.iter().enumerate().map(|(i, n)| (i + 1) * n).sum();
            PracticeFigures { practice: name.clone(), responses, mean: mean(sum as f64, responses), counts: c }
        })
        .collect()
}

fn host_again(live: &[&ReportPlacement]) -> [usize; 3] {
    let mut answers = [0; 3];
    for a in live.iter().filter_map(|p| p.outcome.as_ref()?.host_again) {
        answers[HostAgain::ALL.iter().position(|h| *h == a).unwrap_or(0)] += 1;
    }
    answers
}

/// Adds a placement to a row.
fn count_in(row: &mut Breakdown, p: &ReportPlacement) {
    row.placed += 1;
    if p.went_out() {
        row.team_days += 1;
        row.person_hours += p.person_hours();
    }
    if p.outcome.as_ref().is_some_and(|o| o.result == DayResult::Completed) {
        row.completed += 1;
    }
}

/// Every neighbourhood, those with no team too, then placements with none.
fn by_neighbourhood(facts: &ReportFacts, live: &[&ReportPlacement]) -> Vec<Breakdown> {
    let mut rows: Vec<Breakdown> =
        facts.neighbourhoods.iter().map(|(_, name)| Breakdown { name: name.clone(), ..Default::default() }).collect();
    let at: HashMap<NeighbourhoodId, usize> =
        facts.neighbourhoods.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
    let mut none = Breakdown { name: "No neighbourhood".to_owned(), ..Default::default() };
    for p in live {
        match p.neighbourhood.and_then(|n| at.get(&n)) {
            Some(i) => count_in(&mut rows[*i], p),
            None => count_in(&mut none, p),
        }
    }
    if none.placed > 0 {
        rows.push(none);
    }
    rows
}

/// Each organisation's people: their days out and hours.
fn by_organisation(live: &[&ReportPlacement]) -> Vec<Breakdown> {
    let mut rows: BTreeMap<String, Breakdown> = BTreeMap::new();
    let mut people: BTreeMap<String, BTreeSet<ParticipantId>> = BTreeMap::new();
    for p in live {
        for (person, org) in &p.members {
            let name = if org.trim().is_empty() { "Organisation not known" } else { org.as_str() };
            let row = rows
                .entry(name.to_owned())
                .or_insert_with(|| Breakdown { name: name.to_owned(), ..Default::default() });
            people.entry(name.to_owned()).or_default().insert(*person);
            row.placed += 1;
            if p.went_out() {
                row.team_days += 1;
                row.person_hours += p.outcome.as_ref().and_then(|o| o.hours).unwrap_or(0.0);
            }
        }
    }
    for (name, row) in rows.iter_mut() {
        row.people = people.get(name).map_or(0, BTreeSet::len);
    }
    rows.into_values().collect()
}

/// Each host group: its visits, how useful it found them, whether it would host again.
fn by_group(live: &[&ReportPlacement]) -> Vec<Breakdown> {
    let mut rows: BTreeMap<(String, GroupId), (Breakdown, f64, usize)> = BTreeMap::new();
    for p in live {
        let Some((id, name)) = &p.group else { continue };
        let (row, sum, n) = rows
            .entry((name.clone(), *id))
            .or_insert_with(|| (Breakdown { name: name.clone(), ..Default::default() }, 0.0, 0));
        count_in(row, p);
        if let Some(o) = &p.outcome {
            if let Some(u) = o.group_usefulness {
                *sum += f64::from(u);
                *n += 1;
            }
            if let Some(a) = o.host_again {
                row.host_again = Some(a.label().to_owned());
            }
        }
    }
    rows.into_values()
        .map(|(mut row, sum, n)| {
            row.usefulness = mean(sum, n);
            row
        })
        .collect()
}

/// The report's figures as rows of (section, name, measure, value), for a spreadsheet.
pub fn figure_rows(r: &Report) -> Vec<[String; 4]> {
    let mut rows: Vec<[String; 4]> = Vec::new();
    let mut add = |section: &str, name: &str, measure: &str, value: String| {
        rows.push([section.to_owned(), name.to_owned(), measure.to_owned(), value]);
    };
    let pct = |v: Option<f64>| v.map_or(String::new(), percent);
    let one = |v: Option<f64>| v.map_or(String::new(), |v| decimal(v, 1));
    let scope = r.scope.as_str();
    add("Programme", scope, "Teams placed", r.teams_placed.to_string());
    add("Programme", scope, "Teams gone out", r.teams_gone_out.to_string());
    add("Programme", scope, "Team-days", r.team_days.to_string());
    add("Programme", scope, "Person-hours", decimal(r.person_hours, 1));
    add("Programme", scope, "Local people taking part", r.local_people.to_string());
    add("Programme", scope, "Groups reached", r.groups_reached.to_string());
    add("Programme", scope, "Neighbourhoods reached", r.neighbourhoods_words());
    add("Programme", scope, "Outcomes recorded", r.completion.recorded.to_string());
    add("Programme", scope, "Completion rate", pct(r.completion.rate));
    add("Programme", scope, "Feedback responses", r.feedback_responses.to_string());
    add("Programme", scope, "Teams mixing four or more organisations", r.teams_mixing_four_or_more.to_string());
    for (answer, n) in HostAgain::ALL.iter().zip(r.host_again) {
        add("Would host again", answer.label(), "Groups' answers", n.to_string());
    }
    for p in &r.practices {
        add("Practice", &p.practice, "Mean rating", one(p.mean));
        add("Practice", &p.practice, "Responses", p.responses.to_string());
        for (i, n) in p.counts.iter().enumerate() {
            add("Practice", &p.practice, &format!("Rated {}", i + 1), n.to_string());
        }
    }
    for (section, list) in
        [("Neighbourhood", &r.by_neighbourhood), ("Organisation", &r.by_organisation), ("Host group", &r.by_group)]
    {
        for row in list {
            add(section, &row.name, "Placed", row.placed.to_string());
            add(section, &row.name, "Team-days", row.team_days.to_string());
            add(section, &row.name, "Person-hours", decimal(row.person_hours, 1));
            if section == "Organisation" {
                add(section, &row.name, "People", row.people.to_string());
            } else {
                add(section, &row.name, "Completed", row.completed.to_string());
            }
            if section == "Host group" {
                add(section, &row.name, "Usefulness", one(row.usefulness));
                add(section, &row.name, "Would host again", row.host_again.clone().unwrap_or_default());
            }
        }
    }
    rows
}
