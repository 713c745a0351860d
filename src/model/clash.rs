//! The clash rules: the one answer to "may this team go out with this offer on this day?" for
//! the board (while dragging and at rest), the command line, Suggest and the day sheets alike.
//! Plain functions over a [`Programme`]; each problem is said in a sentence a coordinator
//! understands.
//!
//! Every rule is about one placement against the others: a problem is on a placement when it
//! would be on a new placement made like it with the others as they are. So the verdict for a
//! drop, before the button is let go, is exactly what the check reports for that placement after
//! it. Hard clashes refuse a drop unless the coordinator gives a reason; warnings never refuse.

use chrono::NaiveDate;

use super::availability::is_available;
use super::dates::{uk_date, uk_date_range};
use super::ids::{CohortId, OfferId, PlacementId, TeamId};
use super::programme::{Placed, Programme};
use super::records::OfferStatus;
use crate::model::text::count_of;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Refuses a drop unless placed anyway with a reason.
    Hard,
    /// Shown, never refused.
    Warning,
}

/// What is wrong. The hard ones come first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClashKind {
    TeamOut,
    MemberAway,
    MemberOut,
    OfferNotRunning,
    OfferTaken,
    OfferFull,
    OfferWithdrawn,
    GroupArchived,
    Size,
    PlacedTwice,
    OutsideWindow,
    OfferDraft,
    BusyDay,
}

impl ClashKind {
    pub const ALL: [Self; 13] = [
        Self::TeamOut,
        Self::MemberAway,
        Self::MemberOut,
        Self::OfferNotRunning,
        Self::OfferTaken,
        Self::OfferFull,
        Self::OfferWithdrawn,
        Self::GroupArchived,
        Self::Size,
        Self::PlacedTwice,
        Self::OutsideWindow,
        Self::OfferDraft,
        Self::BusyDay,
    ];

    pub fn severity(self) -> Severity {
        match self {
            Self::Size | Self::PlacedTwice | Self::OutsideWindow | Self::OfferDraft | Self::BusyDay => {
                Severity::Warning
            }
            _ => Severity::Hard,
        }
    }

    /// The code stored with a placement placed anyway.
    pub fn code(self) -> &'static str {
        match self {
            Self::TeamOut => "team_out",
            Self::MemberAway => "member_away",
            Self::MemberOut => "member_out",
            Self::OfferNotRunning => "offer_not_running",
            Self::OfferTaken => "offer_taken",
            Self::OfferFull => "offer_full",
            Self::OfferWithdrawn => "offer_withdrawn",
            Self::GroupArchived => "group_archived",
            Self::Size => "size",
            Self::PlacedTwice => "placed_twice",
            Self::OutsideWindow => "outside_window",
            Self::OfferDraft => "offer_draft",
            Self::BusyDay => "busy_day",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    /// Codes as stored: "member_away,offer_full".
    pub fn codes(kinds: &[Self]) -> String {
        kinds.iter().map(|k| k.code()).collect::<Vec<_>>().join(",")
    }

    pub fn parse_codes(text: &str) -> Vec<Self> {
        text.split(',').filter_map(Self::from_code).collect()
    }
}

/// One thing wrong with a placement, in words.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Problem {
    pub kind: ClashKind,
    pub message: String,
}

impl Problem {
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    pub fn is_hard(&self) -> bool {
        self.severity() == Severity::Hard
    }
}

/// A placement that might be made: a team on a day, perhaps with an offer, in place of the
/// placements in `replacing` (the one being moved, or the two being swapped), beside the
/// placements in `also` (the other half of a swap).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Candidate {
    pub team: TeamId,
    pub day: NaiveDate,
    pub offer: Option<OfferId>,
    pub replacing: Vec<PlacementId>,
    pub also: Vec<Placed>,
}

/// The other live placements a candidate is judged against.
struct Others<'a> {
    programme: &'a Programme,
    replacing: &'a [PlacementId],
    also: &'a [Placed],
}

impl<'a> Others<'a> {
    /// The programme's live placements, less the ones replaced, then the ones beside.
    fn with(
        &self,
        from: impl Iterator<Item = &'a Placed>,
        also: impl Fn(&Placed) -> bool,
    ) -> impl Iterator<Item = &'a Placed> {
        let replacing = self.replacing;
        from.filter(move |p| p.status.is_live() && !replacing.contains(&p.id))
            .chain(self.also.iter().filter(move |p| p.status.is_live() && also(p)))
    }

    fn of_team(&self, team: TeamId) -> impl Iterator<Item = &'a Placed> {
        self.with(self.programme.live_of_team(team), move |p| p.team == team)
    }

    fn of_offer(&self, offer: OfferId) -> impl Iterator<Item = &'a Placed> {
        self.with(self.programme.live_of_offer(offer), move |p| p.offer == Some(offer))
    }

    fn on_day(&self, day: NaiveDate) -> impl Iterator<Item = &'a Placed> {
        self.with(self.programme.live_on_day(day), move |p| p.day == day)
    }
}

fn problem(kind: ClashKind, message: String) -> Problem {
    Problem { kind, message }
}

/// What the team's placement on `day` would break, whatever the offer: the team already out
/// that day, a member away or out with another team, the team placed on another day too, a day
/// outside its cohort's programme window, more of its cohort's teams out that day than the
/// cohort allows.
pub fn team_day_problems(programme: &Programme, candidate: &Candidate) -> Vec<Problem> {
    let others = Others { programme, replacing: &candidate.replacing, also: &candidate.also };
    let (team, day) = (candidate.team, candidate.day);
    let mut problems = Vec::new();
    let name = programme.team_label(team);
    for other in others.of_team(team) {
        if other.day == day {
            let with = other.offer.map_or_else(
                || "not yet given an activity".to_owned(),
                |o| format!("with {}", programme.offer_label(o)),
            );
            problems.push(problem(ClashKind::TeamOut, format!("{name} is already out that day ({with}).")));
        } else {
            problems.push(problem(
                ClashKind::PlacedTwice,
                format!("{name} is also placed on {}: a team goes out once.", uk_date(other.day)),
            ));
        }
    }
    let Some(facts) = programme.team(team) else { return problems };
    for member in &facts.members {
        if member.away.iter().any(|span| span.first <= day && day <= span.last) {
            problems
                .push(problem(ClashKind::MemberAway, format!("{} cannot go out on {}.", member.name, uk_date(day))));
        }
    }
    for (other_team, person) in programme.shared_members(team) {
        if others.on_day(day).any(|p| p.team == *other_team) {
            problems.push(problem(
                ClashKind::MemberOut,
                format!("{person} is out with {} that day.", programme.team_label(*other_team)),
            ));
        }
    }
    if let Some((first, last)) = programme.cohort(facts.cohort).and_then(|c| c.window)
        && (day < first || day > last)
        && let Some(cohort) = programme.cohort(facts.cohort)
    {
        problems.push(problem(
            ClashKind::OutsideWindow,
            format!("{} is outside {}'s programme ({}).", uk_date(day), cohort.name, uk_date_range(first, last)),
        ));
    }
    if let Some(cohort) = programme.cohort(facts.cohort)
        && let Some(most) = cohort.most_per_day
    {
        let mut out: Vec<TeamId> = others
            .on_day(day)
            .filter(|p| p.team != team && programme.team(p.team).is_some_and(|t| t.cohort == facts.cohort))
            .map(|p| p.team)
            .collect();
        out.sort();
        out.dedup();
        if out.len() + 1 > most as usize {
            problems.push(problem(
                ClashKind::BusyDay,
                format!(
                    "{} of {}'s teams are out on {}; it takes at most {} a day.",
                    out.len() + 1,
                    cohort.name,
                    uk_date(day),
                    most
                ),
            ));
        }
    }
    problems
}

/// What hosting a team on `day` would break for the offer, whatever the team: a day it does not
/// run, a team already there that day, its team-days used up, withdrawn, its group archived, a
/// draft.
pub fn offer_day_problems(programme: &Programme, offer: OfferId, candidate: &Candidate) -> Vec<Problem> {
    let others = Others { programme, replacing: &candidate.replacing, also: &candidate.also };
    let day = candidate.day;
    let Some(facts) = programme.offer(offer) else {
        return vec![problem(ClashKind::OfferWithdrawn, "That offer is no longer in the file.".to_owned())];
    };
    let mut problems = Vec::new();
    let title = &facts.title;
    if let Err(why) = is_available(&facts.when, day) {
        problems.push(problem(
            ClashKind::OfferNotRunning,
            format!("“{title}” does not run that day: {}.", why.explanation()),
        ));
    }
    if let Some(there) = others.of_offer(offer).find(|p| p.day == day) {
        problems.push(problem(
            ClashKind::OfferTaken,
            format!(
                "{} already hosts {} that day: a group hosts one team a day.",
                facts.group_name,
                programme.team_label(there.team)
            ),
        ));
    }
    let used = others.of_offer(offer).count();
    if used >= facts.capacity as usize {
        problems.push(problem(
            ClashKind::OfferFull,
            format!("“{title}” can host {} and {} placed on it already.", team_days(facts.capacity), teams(used)),
        ));
    }
    if facts.status == OfferStatus::Withdrawn {
        problems.push(problem(ClashKind::OfferWithdrawn, format!("“{title}” has been withdrawn.")));
    }
    if facts.group_archived {
        problems
            .push(problem(ClashKind::GroupArchived, format!("{} is archived (it may have closed).", facts.group_name)));
    }
    if facts.status == OfferStatus::Draft {
        problems.push(problem(
            ClashKind::OfferDraft,
            format!("“{title}” is still a draft: the group has not offered it yet."),
        ));
    }
    problems
}

fn team_days(n: u32) -> String {
    count_of(u64::from(n), "team-day", "team-days")
}

fn teams(n: usize) -> String {
    count_of(n as u64, "team is", "teams are")
}

/// Whether the team's size suits the offer.
pub fn size_problems(programme: &Programme, team: TeamId, offer: OfferId) -> Vec<Problem> {
    let (Some(t), Some(o)) = (programme.team(team), programme.offer(offer)) else { return Vec::new() };
    let size = t.members.len() as u32;
    if (o.team_size_min..=o.team_size_max).contains(&size) {
        return Vec::new();
    }
    let people = count_of(u64::from(size), "person", "people");
    vec![problem(
        ClashKind::Size,
        format!("{} has {people}; “{}” takes {} to {}.", t.name, o.title, o.team_size_min, o.team_size_max),
    )]
}

/// Everything a candidate placement would break, hard clashes first.
pub fn check_candidate(programme: &Programme, candidate: &Candidate) -> Vec<Problem> {
    let mut problems = team_day_problems(programme, candidate);
    if let Some(offer) = candidate.offer {
        problems.extend(offer_day_problems(programme, offer, candidate));
        problems.extend(size_problems(programme, candidate.team, offer));
    }
    problems.sort_by_key(|p| p.kind);
    problems
}

/// A placement as it stands, judged against the others.
pub fn check_placement(programme: &Programme, placed: &Placed) -> Vec<Problem> {
    let candidate = Candidate {
        team: placed.team,
        day: placed.day,
        offer: placed.offer,
        replacing: vec![placed.id],
        also: Vec::new(),
    };
    check_candidate(programme, &candidate)
}

/// A problem with a placement, and whether the coordinator placed it anyway.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub placement: PlacementId,
    pub problem: Problem,
    pub overridden: bool,
    /// Why it was placed anyway (empty when it was not): the placement's own reason, or that of
    /// the other placement in the same clash that was placed anyway.
    pub reason: String,
}

/// The other live placements a clash of `kind` on `placed` is with: the same team that day or
/// on another, a member's other team that day, the offer's other team that day or over its
/// team-days. A clash placed anyway on any of them is placed anyway for all of them (Team 2
/// placed with a reason beside Team 1 leaves Team 1 no clash of its own to sort out).
fn clash_partners<'p>(programme: &'p Programme, placed: &'p Placed, kind: ClashKind) -> Vec<&'p Placed> {
    let other = |p: &&Placed| p.id != placed.id;
    match kind {
        ClashKind::TeamOut => {
            programme.live_of_team(placed.team).filter(other).filter(|p| p.day == placed.day).collect()
        }
        ClashKind::PlacedTwice => {
            programme.live_of_team(placed.team).filter(other).filter(|p| p.day != placed.day).collect()
        }
        ClashKind::MemberOut => programme
            .shared_members(placed.team)
            .iter()
            .flat_map(|(team, _)| programme.live_on_day(placed.day).filter(move |p| p.team == *team))
            .collect(),
        ClashKind::OfferTaken => placed
            .offer
            .map(|o| programme.live_of_offer(o).filter(other).filter(|p| p.day == placed.day).collect())
            .unwrap_or_default(),
        ClashKind::OfferFull => {
            placed.offer.map(|o| programme.live_of_offer(o).filter(other).collect()).unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

/// Every problem with the live placements (of one cohort, or all), in day order.
pub fn check_all(programme: &Programme, cohort: Option<CohortId>) -> Vec<Found> {
    let mut placed: Vec<&Placed> = programme
        .placements
        .iter()
        .filter(|p| p.status.is_live())
        .filter(|p| cohort.is_none_or(|c| programme.team(p.team).is_some_and(|t| t.cohort == c)))
        .collect();
    placed.sort_by_key(|p| (p.day, p.id));
    let mut found = Vec::new();
    for p in placed {
        for problem in check_placement(programme, p) {
            let kind = problem.kind;
            let by = if !problem.is_hard() {
                None
            } else if p.overridden.contains(&kind) {
                Some(p)
            } else {
                clash_partners(programme, p, kind).into_iter().find(|q| q.overridden.contains(&kind))
            };
            let reason = by.map(|q| q.override_reason.clone()).unwrap_or_default();
            found.push(Found { placement: p.id, problem, overridden: by.is_some(), reason });
        }
    }
    found
}

/// What `after` finds that `before` did not: the same placement breaking the same rule is the
/// same problem, whatever its words say (they name groups and teams a change may rename).
/// How the command line and the window say which clashes taking in a colleague's changes made.
pub fn found_since<'a>(before: &[Found], after: &'a [Found]) -> impl Iterator<Item = &'a Found> {
    after.iter().filter(|f| !before.iter().any(|b| b.placement == f.placement && b.problem.kind == f.problem.kind))
}

/// Whether any hard clash stands that was not placed anyway.
pub fn has_unresolved_clash(found: &[Found]) -> bool {
    found.iter().any(|f| f.problem.is_hard() && !f.overridden)
}

// The clashes grouped by what they are about, for a list that names each once.

/// The facts about one placement that the grouped clash list needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlacementFacts {
    pub id: PlacementId,
    pub team: TeamId,
    pub offer: OfferId,
    pub day: NaiveDate,
    /// Team-days the offer can host over the whole programme.
    pub offer_capacity: u32,
}

impl From<&super::records::PlacementSummary> for PlacementFacts {
    /// A placement with no offer yet stands in with an offer of its own that has room for all,
    /// so that it clashes with nothing over offers.
    fn from(p: &super::records::PlacementSummary) -> Self {
        let (offer, offer_capacity) = match p.offer {
            Some(offer) => (offer, p.offer_capacity),
            None => (OfferId(-p.id.0), u32::MAX),
        };
        Self { id: p.id, team: p.team, offer, day: p.day, offer_capacity }
    }
}

/// Something wrong with the placements, named once with every placement it involves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Clash {
    /// A team goes out once, but is placed more than once.
    TeamPlacedMoreThanOnce { team: TeamId, placements: Vec<PlacementId> },
    /// A group hosts one team a day, but more than one team is placed with the offer that day.
    OfferDoubleBooked { offer: OfferId, day: NaiveDate, placements: Vec<PlacementId> },
    /// More teams are placed with an offer than the group can host over the programme.
    OfferOverCapacity { offer: OfferId, capacity: u32, placements: Vec<PlacementId> },
}

impl Clash {
    /// The placements involved, so that each can be marked.
    pub fn placements(&self) -> &[PlacementId] {
        match self {
            Self::TeamPlacedMoreThanOnce { placements, .. }
            | Self::OfferDoubleBooked { placements, .. }
            | Self::OfferOverCapacity { placements, .. } => placements,
        }
    }
}

/// The clashes among `placements`, found by the rules above and grouped: by team, by offer and
/// day, by offer; in that order, each group by its first placement.
pub fn find_clashes(placements: &[PlacementFacts]) -> Vec<Clash> {
    use std::collections::BTreeMap;
    let programme = super::programme::bare_programme(placements);
    let mut by_team: BTreeMap<TeamId, Vec<PlacementId>> = BTreeMap::new();
    let mut by_offer_day: BTreeMap<(OfferId, NaiveDate), Vec<PlacementId>> = BTreeMap::new();
    let mut by_offer: BTreeMap<OfferId, Vec<PlacementId>> = BTreeMap::new();
    for found in check_all(&programme, None) {
        let Some(p) = placements.iter().find(|p| p.id == found.placement) else { continue };
        match found.problem.kind {
            ClashKind::TeamOut | ClashKind::PlacedTwice => by_team.entry(p.team).or_default().push(p.id),
            ClashKind::OfferTaken => by_offer_day.entry((p.offer, p.day)).or_default().push(p.id),
            ClashKind::OfferFull => by_offer.entry(p.offer).or_default().push(p.id),
            _ => {}
        }
    }
    let tidy = |mut ids: Vec<PlacementId>| {
        ids.sort();
        ids.dedup();
        ids
    };
    let capacity = |offer: OfferId| placements.iter().find(|p| p.offer == offer).map_or(0, |p| p.offer_capacity);
    let mut clashes: Vec<Clash> =
        by_team.into_iter().map(|(team, ids)| Clash::TeamPlacedMoreThanOnce { team, placements: tidy(ids) }).collect();
    clashes.extend(by_offer_day.into_iter().map(|((offer, day), ids)| Clash::OfferDoubleBooked {
        offer,
        day,
        placements: tidy(ids),
    }));
    clashes.extend(by_offer.into_iter().map(|(offer, ids)| Clash::OfferOverCapacity {
        offer,
        capacity: capacity(offer),
        placements: tidy(ids),
    }));
    clashes
}

#[cfg(test)]
#[path = "clash_tests.rs"]
mod tests;
