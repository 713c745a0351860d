//! Suggest placements: every unplaced team of a cohort on a day and an offer, with no hard clash,
//! best for this objective, in this order:
//!
//! 1. as many teams placed as possible;
//! 2. then as few warnings as possible (a team the size the offer takes, a day in the programme
//!    window, an offer that is not a draft);
//! 3. then the teams spread over the neighbourhoods as evenly as possible, counting the teams
//!    already placed (the sum of the squares of each neighbourhood's teams, as small as it can be);
//! 4. then as many confirmed offers as possible before offered ones;
//! 5. ties broken the same way every time (the order of teams, offers and days in the file).
//!
//! It is exact: the choices form a network (teams to offer-days to offers to neighbourhoods,
//! each with its capacity), and a minimum-cost flow over it (`model::flow`) with costs weighted so
//! that each aim outweighs every later one is an optimum of the whole objective. Days are grouped
//! first: two days are alike for an offer when the same teams can go out on both, so the network
//! has a node per offer and kind of day, not per day. Whether a team can go out with an offer on
//! a day is asked of the clash rules (`model::clash`), the same as everywhere.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;

use super::availability::is_available;
use super::clash::{Candidate, ClashKind, Problem, check_candidate, offer_day_problems, team_day_problems};
use super::dates::{days_between, uk_date};
use super::flow::{EdgeRef, Network};
use super::ids::{CohortId, NeighbourhoodId, OfferId, PlacementId, TeamId};
use super::programme::{Placed, Programme};
use super::records::{OfferStatus, PlacementStatus};
use super::text::count_of;

/// One placement Suggest proposes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposed {
    pub team: TeamId,
    pub day: NaiveDate,
    pub offer: OfferId,
    /// Its warnings, if any (never a hard clash).
    pub warnings: Vec<Problem>,
}

/// A team Suggest could not place, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unplaced {
    pub team: TeamId,
    pub reason: String,
}

/// What Suggest proposes for a cohort.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Proposal {
    pub placements: Vec<Proposed>,
    pub unplaced: Vec<Unplaced>,
    /// The teams it tried to place (those with no live placement).
    pub teams: usize,
}

impl Proposal {
    /// "22 of 25 teams placed over 9 neighbourhoods"; where the offers have none, says so
    /// instead of counting nought.
    pub fn summary(&self, programme: &Programme) -> String {
        let hoods: HashSet<NeighbourhoodId> =
            self.placements.iter().filter_map(|p| programme.offer(p.offer)).filter_map(|o| o.neighbourhood).collect();
        let of = count_of(self.teams as u64, "team", "teams");
        let placed = format!("{} of {of} placed", self.placements.len());
        if self.placements.is_empty() {
            placed
        } else if hoods.is_empty() {
            format!("{placed}; their offers have no neighbourhood, so they could not be spread by area")
        } else {
            format!("{placed} over {}", count_of(hoods.len() as u64, "neighbourhood", "neighbourhoods"))
        }
    }
}

/// New placements as the rules see them beside each other (ids below zero: not in the file).
pub fn as_placed(placements: &[(TeamId, NaiveDate, OfferId)]) -> Vec<Placed> {
    placements
        .iter()
        .enumerate()
        .map(|(j, (team, day, offer))| Placed {
            id: PlacementId(-(j as i64) - 1),
            team: *team,
            offer: Some(*offer),
            day: *day,
            status: PlacementStatus::Pencilled,
            overridden: Vec::new(),
            override_reason: String::new(),
        })
        .collect()
}

/// Each of `placements` judged beside the others and the file's.
fn judged(programme: &Programme, placements: &[(TeamId, NaiveDate, OfferId)]) -> Vec<Vec<Problem>> {
    let all = as_placed(placements);
    placements
        .iter()
        .enumerate()
        .map(|(i, (team, day, offer))| {
            let also = all.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, p)| p.clone()).collect();
            check_candidate(
                programme,
                &Candidate { team: *team, day: *day, offer: Some(*offer), replacing: Vec::new(), also },
            )
        })
        .collect()
}

/// Why a proposal can no longer be applied as it stands, if it cannot: a team placed since, or a
/// hard clash that has come about since (the file changed after Suggest ran).
pub fn stale(programme: &Programme, placements: &[(TeamId, NaiveDate, OfferId)]) -> Option<String> {
    if let Some((team, _, _)) = placements.iter().find(|(team, _, _)| programme.live_of_team(*team).next().is_some()) {
        return Some(format!("{} has been placed since Suggest ran.", programme.team_label(*team)));
    }
    judged(programme, placements).into_iter().flatten().find(Problem::is_hard).map(|p| p.message)
}

/// How good a set of new placements is, in the objective's order; smaller is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Score {
    /// The teams left unplaced.
    pub unplaced: usize,
    pub warnings: usize,
    /// The sum over neighbourhoods of the square of their teams, old and new.
    pub spread: u64,
    /// New placements on offers not yet confirmed.
    pub unconfirmed: usize,
}

/// The score of placing `teams` as `placements`, by the objective above.
pub fn score(programme: &Programme, teams: usize, placements: &[(TeamId, NaiveDate, OfferId)]) -> Score {
    let mut per_hood = hood_counts(programme);
    let mut unconfirmed = 0;
    let warnings = judged(programme, placements).iter().flatten().filter(|p| !p.is_hard()).count();
    for (_, _, offer) in placements {
        if let Some(o) = programme.offer(*offer) {
            *per_hood.entry(o.neighbourhood).or_default() += 1;
            if o.status != OfferStatus::Confirmed {
                unconfirmed += 1;
            }
        }
    }
    let spread = per_hood.values().map(|n| n * n).sum();
    Score { unplaced: teams - placements.len(), warnings, spread, unconfirmed }
}

/// Live placements with an offer, by the offer's neighbourhood.
fn hood_counts(programme: &Programme) -> BTreeMap<Option<NeighbourhoodId>, u64> {
    let mut counts: BTreeMap<Option<NeighbourhoodId>, u64> = BTreeMap::new();
    for p in programme.placements.iter().filter(|p| p.status.is_live()) {
        if let Some(o) = p.offer.and_then(|o| programme.offer(o)) {
            *counts.entry(o.neighbourhood).or_default() += 1;
        }
    }
    counts
}

/// The teams of `cohort` with no live placement, in the file's order.
pub fn unplaced_teams(programme: &Programme, cohort: CohortId) -> Vec<TeamId> {
    programme
        .teams
        .iter()
        .filter(|t| t.cohort == cohort && programme.live_of_team(t.id).next().is_none())
        .map(|t| t.id)
        .collect()
}

/// What a day allows: which of the teams can go out then (a hard clash for none), and whether it
/// is outside the cohort's programme window (a warning).
#[derive(Clone, Debug, PartialEq, Eq)]
struct DayKind {
    free: Vec<bool>,
    outside: bool,
}

/// An offer's days of one kind that it can host on, in date order.
struct Slot {
    offer: usize,
    kind: usize,
    days: Vec<NaiveDate>,
}

/// The choices open to the cohort's unplaced teams: days grouped by kind, and each open offer's
/// days of each kind.
struct Choices {
    teams: Vec<TeamId>,
    days: Vec<NaiveDate>,
    kinds: Vec<DayKind>,
    kind_of_day: Vec<usize>,
    slots: Vec<Slot>,
    /// Positions in `programme.offers` of the offers with a slot.
    offers: Vec<usize>,
}

impl Choices {
    /// Asks the rules about each team on each day (less the `barred` team-days), and about each
    /// offer on each day.
    fn new(
        programme: &Programme,
        teams: Vec<TeamId>,
        days: Vec<NaiveDate>,
        barred: &BTreeSet<(usize, NaiveDate)>,
    ) -> Self {
        let mut kinds: Vec<DayKind> = Vec::new();
        let mut kind_of_day: Vec<usize> = Vec::new();
        for day in &days {
            let mut outside = false;
            let free = teams
                .iter()
                .enumerate()
                .map(|(t, team)| {
                    let candidate = Candidate { team: *team, day: *day, ..Default::default() };
                    let problems = team_day_problems(programme, &candidate);
                    outside |= problems.iter().any(|p| p.kind == ClashKind::OutsideWindow);
                    !barred.contains(&(t, *day)) && !problems.iter().any(Problem::is_hard)
                })
                .collect();
            let kind = DayKind { free, outside };
            let at = kinds.iter().position(|k| *k == kind).unwrap_or_else(|| {
                kinds.push(kind);
                kinds.len() - 1
            });
            kind_of_day.push(at);
        }
        let mut choices = Self { teams, days, kinds, kind_of_day, slots: Vec::new(), offers: Vec::new() };
        choices.open_slots(programme);
        choices
    }

    /// Each offer's days with no hard clash for the offer, grouped by the day's kind.
    fn open_slots(&mut self, programme: &Programme) {
        for (o, offer) in programme.offers.iter().enumerate() {
            if capacity_left(programme, offer.id) == 0 {
                continue;
            }
            let mut by_kind: BTreeMap<usize, Vec<NaiveDate>> = BTreeMap::new();
            for (d, day) in self.days.iter().enumerate() {
                let open = is_available(&offer.when, *day).is_ok()
                    && !offer_day_problems(programme, offer.id, &Candidate { day: *day, ..Default::default() })
                        .iter()
                        .any(Problem::is_hard);
                if open {
                    by_kind.entry(self.kind_of_day[d]).or_default().push(*day);
                }
            }
            if !by_kind.is_empty() {
                self.offers.push(o);
            }
            self.slots.extend(by_kind.into_iter().map(|(kind, days)| Slot { offer: o, kind, days }));
        }
    }

    /// Whether team `t` can go out on some day that some offer is open.
    fn has_open_door(&self, t: usize) -> bool {
        self.slots.iter().any(|s| self.kinds[s.kind].free[t])
    }
}

/// Proposes placements for every unplaced team of `cohort` on days from `first` to `last`.
pub fn suggest(programme: &Programme, cohort: CohortId, first: NaiveDate, last: NaiveDate) -> Proposal {
    crate::fault::inject("suggest");
    let teams = unplaced_teams(programme, cohort);
    let days: Vec<NaiveDate> = days_between(first, last).take(MAX_DAYS).collect();
    // Two of the teams share a person only when the file holds the same email twice in a cohort:
    // the network cannot see that, so a day they would both be out is barred for the later team
    // and the network solved again (exact whenever no two of the teams share a person).
    let mut barred: BTreeSet<(usize, NaiveDate)> = BTreeSet::new();
    loop {
        let choices = Choices::new(programme, teams.clone(), days.clone(), &barred);
        let chosen = solve(programme, &choices);
        match shared_person_clash(programme, &choices, &chosen) {
            Some(clash) if barred.insert(clash) => continue,
            _ => return proposal(programme, &choices, chosen),
        }
    }
}

/// The most days Suggest looks over: a year and a few days.
pub const MAX_DAYS: usize = 370;

/// The first chosen team out on the same day as an earlier chosen team it shares a person with.
fn shared_person_clash(
    programme: &Programme,
    choices: &Choices,
    chosen: &[(usize, NaiveDate, usize)],
) -> Option<(usize, NaiveDate)> {
    for (i, (t, day, _)) in chosen.iter().enumerate() {
        let shared = programme.shared_members(choices.teams[*t]);
        if chosen[..i].iter().any(|(u, d, _)| d == day && shared.iter().any(|(other, _)| *other == choices.teams[*u])) {
            return Some((*t, *day));
        }
    }
    None
}

/// The proposal from the teams chosen, with each placement's warnings and each team left out.
fn proposal(programme: &Programme, choices: &Choices, chosen: Vec<(usize, NaiveDate, usize)>) -> Proposal {
    let mut proposal = Proposal { teams: choices.teams.len(), ..Default::default() };
    for (t, day, o) in chosen {
        let (team, offer) = (choices.teams[t], programme.offers[o].id);
        let candidate = Candidate { team, day, offer: Some(offer), ..Default::default() };
        let warnings = check_candidate(programme, &candidate).into_iter().filter(|w| !w.is_hard()).collect();
        proposal.placements.push(Proposed { team, day, offer, warnings });
    }
    proposal.placements.sort_by_key(|p| (p.day, p.team));
    for (t, team) in choices.teams.iter().enumerate() {
        if !proposal.placements.iter().any(|p| p.team == *team) {
            let reason = why_unplaced(programme, choices, t);
            proposal.unplaced.push(Unplaced { team: *team, reason });
        }
    }
    proposal
}

/// Team-days an offer can still host.
fn capacity_left(programme: &Programme, offer: OfferId) -> u32 {
    let capacity = programme.offer(offer).map_or(0, |o| o.capacity);
    capacity.saturating_sub(programme.live_of_offer(offer).count() as u32)
}

/// The weights that make each aim outweigh everything every later aim can add up to.
struct Weights {
    reward: i64,
    warning: i64,
    spread: i64,
    unconfirmed: i64,
}

impl Weights {
    fn new(teams: usize, placed_already: u64) -> Self {
        let n = teams as i64;
        let unconfirmed = 1;
        // All the unconfirmed offers together cost at most n.
        let spread = n + 1;
        // The n new teams raise the sum of squares by at most n(2(e + n) - 1) < n(2(e + n) + 1).
        let most_spread = spread * n * (2 * (placed_already as i64 + n) + 1);
        let warning = most_spread + unconfirmed * n + 1;
        // At most three warnings a team: size, outside the window, a draft.
        let reward = warning * 3 * n + most_spread + unconfirmed * n + 1;
        Self { reward, warning, spread, unconfirmed }
    }
}

/// The network, solved: (team, day, offer position) for each team placed.
///
/// Source → team (1) → (kind of day, team size) → slot (its days) → offer (team-days left) →
/// neighbourhood → sink through unit arcs costing more for each team already there. Whether a
/// team may go out depends on the kind of day only, and its warnings on its size only, so teams
/// of a size free on a kind of day share one node and the network stays small.
fn solve(programme: &Programme, choices: &Choices) -> Vec<(usize, NaiveDate, usize)> {
    let existing = hood_counts(programme);
    let w = Weights::new(choices.teams.len(), existing.values().sum());
    let mut net = Network::new(2);
    let (source, sink) = (0, 1);
    let sizes: Vec<u32> =
        choices.teams.iter().map(|t| programme.team(*t).map_or(0, |f| f.members.len() as u32)).collect();
    // (kind, size) nodes, and each team's edge to them.
    let mut groups: BTreeMap<(usize, u32), usize> = BTreeMap::new();
    let mut team_edges: Vec<(usize, usize, EdgeRef)> = Vec::new();
    for (t, size) in sizes.iter().enumerate() {
        let node = net.add_node();
        net.add_edge(source, node, 1, 0);
        for (k, kind) in choices.kinds.iter().enumerate().filter(|(_, kind)| kind.free[t]) {
            let group = *groups.entry((k, *size)).or_insert_with(|| net.add_node());
            let edge = net.add_edge(node, group, 1, -w.reward + w.warning * i64::from(kind.outside));
            team_edges.push((t, k, edge));
        }
    }
    let offer_nodes: HashMap<usize, usize> = choices.offers.iter().map(|o| (*o, net.add_node())).collect();
    let mut slot_edges: Vec<(usize, u32, EdgeRef)> = Vec::new();
    for (s, slot) in choices.slots.iter().enumerate() {
        let (Some(offer_node), offer) = (offer_nodes.get(&slot.offer), &programme.offers[slot.offer]) else { continue };
        let slot_node = net.add_node();
        net.add_edge(slot_node, *offer_node, slot.days.len() as i64, 0);
        for ((_, size), group) in groups.range((slot.kind, 0)..=(slot.kind, u32::MAX)) {
            let warnings = i64::from(!(offer.team_size_min..=offer.team_size_max).contains(size))
                + i64::from(offer.status == OfferStatus::Draft);
            let cost = w.warning * warnings + w.unconfirmed * i64::from(offer.status != OfferStatus::Confirmed);
            slot_edges.push((s, *size, net.add_edge(*group, slot_node, slot.days.len() as i64, cost)));
        }
    }
    let mut hood_nodes: BTreeMap<Option<NeighbourhoodId>, usize> = BTreeMap::new();
    for o in &choices.offers {
        let offer = &programme.offers[*o];
        let hood = *hood_nodes.entry(offer.neighbourhood).or_insert_with(|| net.add_node());
        net.add_edge(offer_nodes[o], hood, i64::from(capacity_left(programme, offer.id)), 0);
    }
    // Each further team in a neighbourhood costs more than the last: (k + 1)² - k² = 2k + 1.
    let n = choices.teams.len() as i64;
    for (hood, node) in &hood_nodes {
        let already = existing.get(hood).copied().unwrap_or(0) as i64;
        for j in 0..n {
            net.add_edge(*node, sink, 1, w.spread * (2 * (already + j) + 1));
        }
    }
    net.min_cost_flow(source, sink);
    read_back(choices, &sizes, &net, &team_edges, &slot_edges)
}

/// Which team went to which slot, and on which of its days: the teams of a (kind, size) node are
/// dealt to its slots in order, each slot's days in date order.
fn read_back(
    choices: &Choices,
    sizes: &[u32],
    net: &Network,
    team_edges: &[(usize, usize, EdgeRef)],
    slot_edges: &[(usize, u32, EdgeRef)],
) -> Vec<(usize, NaiveDate, usize)> {
    let mut waiting: BTreeMap<(usize, u32), Vec<usize>> = BTreeMap::new();
    for (t, k, edge) in team_edges {
        if net.flow(*edge) > 0 {
            waiting.entry((*k, sizes[*t])).or_default().push(*t);
        }
    }
    let mut used: HashMap<usize, usize> = HashMap::new();
    let mut chosen = Vec::new();
    for (s, size, edge) in slot_edges {
        let slot = &choices.slots[*s];
        let Some(teams) = waiting.get_mut(&(slot.kind, *size)) else { continue };
        for _ in 0..net.flow(*edge) {
            let next = used.entry(*s).or_default();
            let (Some(day), false) = (slot.days.get(*next), teams.is_empty()) else { break };
            *next += 1;
            chosen.push((teams.remove(0), *day, slot.offer));
        }
    }
    chosen.sort();
    chosen
}

/// Which rule closed every door to a team, in words.
fn why_unplaced(programme: &Programme, choices: &Choices, t: usize) -> String {
    let facts = programme.team(choices.teams[t]);
    let name = facts.map_or("The team".to_owned(), |f| f.name.clone());
    let free_days: Vec<NaiveDate> = choices
        .days
        .iter()
        .zip(&choices.kind_of_day)
        .filter(|(_, k)| choices.kinds[**k].free[t])
        .map(|(d, _)| *d)
        .collect();
    let (Some(first), Some(last)) = (choices.days.first(), choices.days.last()) else {
        return format!("{name}: there are no days to place it on.");
    };
    if free_days.is_empty() {
        return format!(
            "{name}: on no day from {} to {} can every member go out (a member is away, or out with another team).",
            uk_date(*first),
            uk_date(*last)
        );
    }
    let all = match facts.map_or(0, |f| f.members.len()) {
        0 => "it is".to_owned(),
        1 => "its one member is".to_owned(),
        2 => "both members are".to_owned(),
        n => format!("all {} members are", number_word(n)),
    };
    if choices.has_open_door(t) {
        return format!(
            "{name}: every offer open on the days {all} free went to another team (there were more teams than places)."
        );
    }
    // No offer could host on any of its free days: say what closed them, most often first.
    let mut closed: BTreeMap<ClashKind, usize> = BTreeMap::new();
    for day in &free_days {
        for offer in &programme.offers {
            let mut problems = offer_day_problems(programme, offer.id, &Candidate { day: *day, ..Default::default() });
            problems.retain(Problem::is_hard);
            if let Some(p) = problems.first() {
                *closed.entry(p.kind).or_default() += 1;
            }
        }
    }
    let most = closed.iter().max_by_key(|(kind, n)| (**n, std::cmp::Reverse(**kind))).map(|(k, _)| *k);
    let what = match most {
        Some(ClashKind::OfferNotRunning) => "does not run then",
        Some(ClashKind::OfferTaken) => "already hosts a team that day",
        Some(ClashKind::OfferFull) => "is full",
        Some(ClashKind::OfferWithdrawn) => "has been withdrawn",
        Some(ClashKind::GroupArchived) => "is from an archived group",
        _ => "is closed",
    };
    format!("{name}: every offer on the days {all} free {what}.")
}

fn number_word(n: usize) -> String {
    match n {
        3 => "three".to_owned(),
        4 => "four".to_owned(),
        5 => "five".to_owned(),
        6 => "six".to_owned(),
        n => n.to_string(),
    }
}
