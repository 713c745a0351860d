//! Suggest placements: every unplaced team of a cohort on a day and an offer, with no hard clash,
//! best for this objective, in this order:
//!
//! 1. as many teams placed as possible;
//! 2. then as few warnings as possible (a team the size the offer takes, a day in the programme
//!    window, an offer that is not a draft);
//! 3. then the teams spread over the neighbourhoods as evenly as possible, counting the teams
//!    already placed (the sum of the squares of each neighbourhood's teams, as small as it can be);
//! 4. then as many confirmed offers as possible before offered ones;
//! 5. then the teams spread over the weeks of the window, and within a week over its days,
//!    counting the cohort's teams already out (not all on the first Monday);
//! 6. ties broken the same way every time (the order of teams, offers and days in the file).
//!
//! And never more of the cohort's teams out on one day than it allows (its "at most N a day").
//!
//! Aims 1 to 4 are exact: the choices form a network (teams to offer-days to offers to
//! neighbourhoods, each with its capacity), and a minimum-cost flow over it (`model::flow`) with
//! costs weighted so that each aim outweighs every later one is an optimum of them all. Days are
//! grouped first: two days are alike for an offer when the same teams can go out on both, so the
//! network has a node per offer and kind of day, not per day, and any day of a kind is as good as
//! another for aims 1 to 4. A second network then gives each team a day of the kind it was given
//! (team to offer-day to day to week, a day's room being what the cohort's limit leaves), the
//! weeks and days as even as they can be: exact for aim 5 given the offers and kinds the first
//! chose, not over every equally good choice of them. When the limit leaves a team no day, the
//! teams that got one are kept and the rest solved again with the full days closed to them,
//! until no more can be placed: always within the limit, but where the limit binds it may place a
//! team fewer than the best there is (see ARCHITECTURE.md). Whether a team can go out with an offer
//! on a day is asked of the clash rules (`model::clash`), the same as everywhere.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;

use super::availability::is_available;
use super::clash::{Candidate, ClashKind, Problem, check_candidate, offer_day_problems, team_day_problems};
use super::dates::days_between;
use super::flow::{EdgeRef, Network};
use super::ids::{CohortId, NeighbourhoodId, OfferId, PlacementId, TeamId};
use super::programme::{Placed, Programme};
use super::records::{OfferStatus, PlacementStatus};
use super::text::count_of;

mod days;
mod why;

use days::assign_days;
use why::{why_unplaced, why_unplaced_with_limit};

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
    /// The day itself, when each day is a kind of its own (with a limit a day, every day has its
    /// own room).
    only: Option<NaiveDate>,
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
        day_by_day: bool,
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
            let kind = DayKind { free, outside, only: day_by_day.then_some(*day) };
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

/// Proposes placements for every unplaced team of `cohort` on days from `first` to `last`, at
/// most the cohort's own limit a day.
pub fn suggest(programme: &Programme, cohort: CohortId, first: NaiveDate, last: NaiveDate) -> Proposal {
    let most_per_day = programme.cohort(cohort).and_then(|c| c.most_per_day);
    suggest_with(programme, cohort, first, last, most_per_day)
}

/// [`suggest`] with at most `most_per_day` of the cohort's teams out on a day (none: no limit),
/// whatever the cohort says.
pub fn suggest_with(
    programme: &Programme,
    cohort: CohortId,
    first: NaiveDate,
    last: NaiveDate,
    most_per_day: Option<u32>,
) -> Proposal {
    crate::fault::inject("suggest");
    let teams = unplaced_teams(programme, cohort);
    let days: Vec<NaiveDate> = days_between(first, last).take(MAX_DAYS).collect();
    let mut current = programme.clone();
    let mut placed: Vec<(TeamId, NaiveDate, OfferId)> = Vec::new();
    let mut left = teams.clone();
    // Rounds: a round places every team it can; when the limit leaves some without a day, the
    // days now full are closed to them and they are solved again.
    loop {
        let full = full_days(&current, cohort, &days, most_per_day);
        let (choices, dated) = solve_round(&current, &left, &days, &full, cohort, most_per_day);
        let round: Vec<(TeamId, NaiveDate, OfferId)> =
            dated.iter().map(|(t, day, o)| (choices.teams[*t], *day, current.offers[*o].id)).collect();
        let all_placed = round.len() == left.len();
        left.retain(|team| !round.iter().any(|(t, _, _)| t == team));
        current = current.with_placed(as_placed_after(&round, placed.len()));
        placed.extend(round.iter().copied());
        if all_placed || round.is_empty() || most_per_day.is_none() {
            return proposal(programme, &current, &choices, teams.len(), &placed, &left, &full, most_per_day);
        }
    }
}

/// The days the cohort already has as many teams out on as it allows.
fn full_days(
    programme: &Programme,
    cohort: CohortId,
    days: &[NaiveDate],
    most_per_day: Option<u32>,
) -> BTreeSet<NaiveDate> {
    let Some(most) = most_per_day else { return BTreeSet::new() };
    days.iter().copied().filter(|day| cohort_out_on(programme, cohort, *day) >= most as usize).collect()
}

/// How many of the cohort's teams are out on `day`.
fn cohort_out_on(programme: &Programme, cohort: CohortId, day: NaiveDate) -> usize {
    let mut teams: Vec<TeamId> = programme
        .live_on_day(day)
        .filter(|p| programme.team(p.team).is_some_and(|t| t.cohort == cohort))
        .map(|p| p.team)
        .collect();
    teams.sort();
    teams.dedup();
    teams.len()
}

/// One round: the offers and kinds of day (the first network), then the days (the second), for
/// `teams`, with `full` days closed to them. Two of the teams share a person only when the file
/// holds the same email twice in a cohort: the network cannot see that, so a day they would both
/// be out is barred for the later team and the round solved again (exact whenever no two of the
/// teams share a person).
fn solve_round(
    programme: &Programme,
    teams: &[TeamId],
    days: &[NaiveDate],
    full: &BTreeSet<NaiveDate>,
    cohort: CohortId,
    most_per_day: Option<u32>,
) -> (Choices, Vec<(usize, NaiveDate, usize)>) {
    let mut barred: BTreeSet<(usize, NaiveDate)> =
        (0..teams.len()).flat_map(|t| full.iter().map(move |day| (t, *day))).collect();
    loop {
        let choices = Choices::new(programme, teams.to_vec(), days.to_vec(), &barred, most_per_day.is_some());
        let room: Option<BTreeMap<NaiveDate, i64>> = most_per_day.map(|most| {
            days.iter().map(|d| (*d, i64::from(most) - cohort_out_on(programme, cohort, *d) as i64)).collect()
        });
        let given = solve(programme, &choices, room.as_ref());
        let dated = assign_days(programme, &choices, &given, cohort, most_per_day);
        match shared_person_clash(programme, &choices, &dated) {
            Some(clash) if barred.insert(clash) => continue,
            _ => return (choices, dated),
        }
    }
}

/// [`as_placed`] numbered after `before` placements already made (ids stay unique).
fn as_placed_after(placements: &[(TeamId, NaiveDate, OfferId)], before: usize) -> Vec<Placed> {
    let mut placed = as_placed(placements);
    for (j, p) in placed.iter_mut().enumerate() {
        p.id = PlacementId(-((before + j) as i64) - 1);
    }
    placed
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

/// The proposal from the teams placed, with each placement's warnings (as the file stands, as
/// the board would show it when dropped) and each team left out with why: `choices` is the last
/// round's, over `current` (the file with the rounds' placements), whose teams include those left.
#[allow(clippy::too_many_arguments)]
fn proposal(
    programme: &Programme,
    current: &Programme,
    choices: &Choices,
    teams: usize,
    placed: &[(TeamId, NaiveDate, OfferId)],
    left: &[TeamId],
    full: &BTreeSet<NaiveDate>,
    most_per_day: Option<u32>,
) -> Proposal {
    let mut proposal = Proposal { teams, ..Default::default() };
    for (team, day, offer) in placed {
        let candidate = Candidate { team: *team, day: *day, offer: Some(*offer), ..Default::default() };
        let warnings = check_candidate(programme, &candidate).into_iter().filter(|w| !w.is_hard()).collect();
        proposal.placements.push(Proposed { team: *team, day: *day, offer: *offer, warnings });
    }
    proposal.placements.sort_by_key(|p| (p.day, p.team));
    for team in left {
        let Some(t) = choices.teams.iter().position(|c| c == team) else { continue };
        let reason = match full.is_empty() {
            true => why_unplaced(current, choices, t),
            // Closed days first: was it the limit that left it out?
            false => why_unplaced_with_limit(current, choices, t, most_per_day),
        };
        proposal.unplaced.push(Unplaced { team: *team, reason });
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
    crowded: i64,
}

/// A slot whose days have this much room or more under the limit is not crowded at all.
const ROOMY: i64 = 20;

impl Weights {
    fn new(teams: usize, placed_already: u64) -> Self {
        let n = teams as i64;
        // Below every aim, a tie broken towards the offer's days with the most room under the
        // limit: a slot costs ROOMY less its room, so all the teams' together cost under
        // ROOMY·n + 1.
        let crowded = 1;
        let all_crowded = ROOMY * n;
        let unconfirmed = all_crowded + 1;
        // Everything below the spread together: the unconfirmed offers and the crowding.
        let below_spread = unconfirmed * n + all_crowded;
        let spread = below_spread + 1;
        // The n new teams raise the sum of squares by at most n(2(e + n) - 1) < n(2(e + n) + 1).
        let most_spread = spread * n * (2 * (placed_already as i64 + n) + 1);
        let warning = most_spread + below_spread + 1;
        // At most three warnings a team: size, outside the window, a draft.
        let reward = warning * 3 * n + most_spread + below_spread + 1;
        Self { reward, warning, spread, unconfirmed, crowded }
    }
}

/// The first network, solved: (team, slot) for each team placed.
///
/// Source → team (1) → (kind of day, team size) → slot (its days) → offer (team-days left) →
/// neighbourhood → sink through unit arcs costing more for each team already there. Whether a
/// team may go out depends on the kind of day only, and its warnings on its size only, so teams
/// of a size free on a kind of day share one node and the network stays small. With a limit a
/// day, `room` is each day's room left under it: a slot with little room costs a little more,
/// below every aim, so that the days are shared out before the second network (`assign_days`)
/// has to leave a team without one.
fn solve(programme: &Programme, choices: &Choices, room: Option<&BTreeMap<NaiveDate, i64>>) -> Vec<(usize, usize)> {
    let existing = hood_counts(programme);
    let w = Weights::new(choices.teams.len(), existing.values().sum());
    let mut net = Network::new(2);
    let (source, sink) = (0, 1);
    let sizes: Vec<u32> =
        choices.teams.iter().map(|t| programme.team(*t).map_or(0, |f| f.members.len() as u32)).collect();
    // (kind, size) nodes, and each team's edge to them. With a limit, each kind is one day, and
    // its teams of a size pass through its room: exact when the teams are all one size, a bound
    // that `assign_days` then keeps to when they are not.
    let mut groups: BTreeMap<(usize, u32), usize> = BTreeMap::new();
    let mut group_in: BTreeMap<(usize, u32), usize> = BTreeMap::new();
    let mut team_edges: Vec<(usize, usize, EdgeRef)> = Vec::new();
    for (t, size) in sizes.iter().enumerate() {
        let node = net.add_node();
        net.add_edge(source, node, 1, 0);
        for (k, kind) in choices.kinds.iter().enumerate().filter(|(_, kind)| kind.free[t]) {
            let entry = *group_in.entry((k, *size)).or_insert_with(|| {
                let out = net.add_node();
                groups.insert((k, *size), out);
                match (room, kind.only) {
                    (Some(room), Some(day)) => {
                        let entry = net.add_node();
                        net.add_edge(entry, out, room.get(&day).copied().unwrap_or(0).max(0), 0);
                        entry
                    }
                    _ => out,
                }
            });
            let edge = net.add_edge(node, entry, 1, -w.reward + w.warning * i64::from(kind.outside));
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
            let crowded = room.map_or(0, |room| {
                let roomy: i64 = slot.days.iter().map(|d| room.get(d).copied().unwrap_or(0).max(0)).sum();
                ROOMY - roomy.min(ROOMY)
            });
            let cost = w.warning * warnings
                + w.unconfirmed * i64::from(offer.status != OfferStatus::Confirmed)
                + w.crowded * crowded;
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

/// Which team went to which slot: the teams of a (kind, size) node are dealt to its slots in
/// order, as many to each as its flow (never more than the slot has days).
fn read_back(
    choices: &Choices,
    sizes: &[u32],
    net: &Network,
    team_edges: &[(usize, usize, EdgeRef)],
    slot_edges: &[(usize, u32, EdgeRef)],
) -> Vec<(usize, usize)> {
    let mut waiting: BTreeMap<(usize, u32), Vec<usize>> = BTreeMap::new();
    for (t, k, edge) in team_edges {
        if net.flow(*edge) > 0 {
            waiting.entry((*k, sizes[*t])).or_default().push(*t);
        }
    }
    let mut given = Vec::new();
    for (s, size, edge) in slot_edges {
        let slot = &choices.slots[*s];
        let Some(teams) = waiting.get_mut(&(slot.kind, *size)) else { continue };
        let room = usize::try_from(net.flow(*edge)).unwrap_or(0).min(slot.days.len());
        for _ in 0..room {
            if teams.is_empty() {
                break;
            }
            given.push((teams.remove(0), *s));
        }
    }
    given.sort();
    given
}
