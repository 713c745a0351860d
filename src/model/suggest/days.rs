//! Which day each team goes out: the teams Suggest has given offers spread over the weeks and
//! the days of each week, at most so many a day, by a minimum-cost flow.

use chrono::Datelike as _;

use super::*;

/// The Monday of `day`'s week.
pub(super) fn week_of(day: NaiveDate) -> NaiveDate {
    day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The second network: a day for each team with the offer it was given, on any day it is free
/// and the offer open that is as much inside or outside the window as the kind it was given (so
/// aims 1 to 4 are the same whichever), at most the limit's room on a day, the cohort's teams
/// spread over the weeks as evenly as can be, then over the days within each week, counting
/// those already out.
///
/// Source → (team, offer) → offer-day (one team each) → day (its room) → week → sink; the day's
/// and the week's arcs cost more for each team already there, the weeks' weighed above all the
/// days' together and placing above both. Returns (team, day, offer position); a team the limit
/// left no room for is not among them.
pub(super) fn assign_days(
    programme: &Programme,
    choices: &Choices,
    given: &[(usize, usize)],
    cohort: CohortId,
    most_per_day: Option<u32>,
) -> Vec<(usize, NaiveDate, usize)> {
    if given.is_empty() {
        return Vec::new();
    }
    let n = given.len() as i64;
    let team_days: Vec<Vec<NaiveDate>> = given.iter().map(|(t, s)| open_days(choices, *t, *s)).collect();
    let days: BTreeSet<NaiveDate> = team_days.iter().flatten().copied().collect();
    let out_on: BTreeMap<NaiveDate, i64> =
        days.iter().map(|d| (*d, cohort_out_on(programme, cohort, *d) as i64)).collect();
    let mut out_in_week: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for team in programme.teams.iter().filter(|t| t.cohort == cohort) {
        for p in programme.live_of_team(team.id) {
            *out_in_week.entry(week_of(p.day)).or_default() += 1;
        }
    }
    let most_on_a_day = out_on.values().copied().max().unwrap_or(0);
    let most_in_a_week = out_in_week.values().copied().max().unwrap_or(0);
    let day_weight = 1;
    let all_days = day_weight * n * (2 * (most_on_a_day + n) + 1);
    let week_weight = all_days + 1;
    let reward = week_weight * n * (2 * (most_in_a_week + n) + 1) + all_days + 1;

    let mut net = Network::new(2);
    let (source, sink) = (0, 1);
    let mut week_nodes: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    let mut day_nodes: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for day in &days {
        let week = *week_nodes.entry(week_of(*day)).or_insert_with(|| {
            let node = net.add_node();
            let already = out_in_week.get(&week_of(*day)).copied().unwrap_or(0);
            for j in 0..n {
                net.add_edge(node, sink, 1, week_weight * (2 * (already + j) + 1));
            }
            node
        });
        let node = net.add_node();
        let already = out_on[day];
        let room = most_per_day.map_or(n, |most| (i64::from(most) - already).clamp(0, n));
        for j in 0..room {
            net.add_edge(node, week, 1, day_weight * (2 * (already + j) + 1));
        }
        day_nodes.insert(*day, node);
    }
    let mut offer_days: BTreeMap<(usize, NaiveDate), usize> = BTreeMap::new();
    let mut choice_edges: Vec<(usize, NaiveDate, usize, EdgeRef)> = Vec::new();
    for ((t, s), days) in given.iter().zip(&team_days) {
        let offer = choices.slots[*s].offer;
        let node = net.add_node();
        net.add_edge(source, node, 1, -reward);
        for day in days {
            let offer_day = *offer_days.entry((offer, *day)).or_insert_with(|| {
                let offer_day = net.add_node();
                net.add_edge(offer_day, day_nodes[day], 1, 0);
                offer_day
            });
            choice_edges.push((*t, *day, offer, net.add_edge(node, offer_day, 1, 0)));
        }
    }
    net.min_cost_flow(source, sink);
    let mut dated: Vec<(usize, NaiveDate, usize)> =
        choice_edges.into_iter().filter(|(.., edge)| net.flow(*edge) > 0).map(|(t, day, o, _)| (t, day, o)).collect();
    dated.sort();
    dated
}

/// A team's days: those of every slot of its offer (`s`, the slot it was given) where team `t`
/// is free, inside the window or outside as the given slot is.
pub(super) fn open_days(choices: &Choices, t: usize, s: usize) -> Vec<NaiveDate> {
    let given = &choices.slots[s];
    let outside = choices.kinds[given.kind].outside;
    let mut days: Vec<NaiveDate> = choices
        .slots
        .iter()
        .filter(|slot| slot.offer == given.offer)
        .filter(|slot| choices.kinds[slot.kind].free[t] && choices.kinds[slot.kind].outside == outside)
        .flat_map(|slot| slot.days.iter().copied())
        .collect();
    days.sort();
    days
}
