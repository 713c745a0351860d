//! Forming teams: everyone not in a locked team is dealt into teams of at most the chosen size,
//! mixing organisations as much as the roster allows, then professions.
//!
//! Theory of operation: with `k` teams whose sizes differ by at most one, the fewest pairs of
//! colleagues from one organisation in one team is reached when each organisation is spread as
//! evenly as it can be over the teams. Dealing people round the teams like cards, one
//! organisation after another (the largest first), gives every organisation that even spread at
//! once, and gives the teams sizes that differ by at most one. So the dealing alone is optimal for
//! organisations (the tests check it against a brute-force search on small rosters). Then swaps
//! between two colleagues of one organisation in different teams, which cannot change the
//! organisation count, are made while they reduce the pairs of one profession. The order within
//! equal choices comes from the seed (SplitMix64), so the same seed gives the same teams.

use std::collections::BTreeMap;

use super::ids::ParticipantId;
use super::random::SplitMix64;
use super::text::count_of;

/// One person to place, with what the mix is judged on. An empty organisation or profession
/// counts as unknown, never as the same as another's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: ParticipantId,
    pub organisation: String,
    pub profession: String,
}

/// How many teams of at most `size` people `n` people need.
pub fn team_count(n: usize, size: usize) -> usize {
    if n == 0 { 0 } else { n.div_ceil(size.max(1)) }
}

/// Pairs of people in one team who share a (known) value of `key`.
pub fn same_pairs<'a>(teams: &[Vec<&'a Person>], key: impl Fn(&'a Person) -> &'a str) -> usize {
    teams
        .iter()
        .map(|team| {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for p in team {
                let value = key(p);
                if !value.trim().is_empty() {
                    *counts.entry(value).or_default() += 1;
                }
            }
            counts.values().map(|c| c * (c - 1) / 2).sum::<usize>()
        })
        .sum()
}

/// Forms teams of at most `size` from `people`: every person in exactly one team, sizes
/// differing by at most one, organisations mixed as much as possible, then professions. The
/// same people, size and seed always give the same teams.
pub fn form_teams(people: &[Person], size: usize, seed: u64) -> Vec<Vec<ParticipantId>> {
    let k = team_count(people.len(), size);
    if k == 0 {
        return Vec::new();
    }
    let mut ties = SplitMix64(seed);
    // Organisations, largest first; people of no known organisation each stand alone.
    let mut groups: Vec<Vec<&Person>> = Vec::new();
    let mut by_org: BTreeMap<&str, Vec<&Person>> = BTreeMap::new();
    for p in people {
        if p.organisation.trim().is_empty() {
            groups.push(vec![p]);
        } else {
            by_org.entry(p.organisation.as_str()).or_default().push(p);
        }
    }
    groups.extend(by_org.into_values());
    ties.shuffle(&mut groups);
    for group in &mut groups {
        ties.shuffle(group);
        // Within an organisation, professions in turn, so that dealing spreads them too.
        group.sort_by(|a, b| a.profession.cmp(&b.profession));
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    let start = ties.below(k);
    let mut teams: Vec<Vec<&Person>> = vec![Vec::new(); k];
    for (i, p) in groups.iter().flatten().enumerate() {
        teams[(start + i) % k].push(p);
    }
    improve_professions(&mut teams);
    teams.into_iter().map(|t| t.into_iter().map(|p| p.id).collect()).collect()
}

/// Swaps colleagues of one organisation between teams while that lowers the pairs of one
/// profession (never the organisation count: both teams keep the same organisations). Each
/// team's profession counts are kept up to date, so a swap is judged without recounting.
fn improve_professions(teams: &mut [Vec<&Person>]) {
    // Unknown professions never make a pair, so they are not counted.
    let known = |p: &Person| !p.profession.trim().is_empty();
    let mut counts: Vec<BTreeMap<String, usize>> = teams
        .iter()
        .map(|team| {
            let mut c = BTreeMap::new();
            for p in team.iter().filter(|p| known(p)) {
                *c.entry(p.profession.clone()).or_default() += 1;
            }
            c
        })
        .collect();
    let count =
        |c: &BTreeMap<String, usize>, p: &Person| if known(p) { c.get(&p.profession).copied().unwrap_or(0) } else { 0 };
    for _ in 0..50 {
        let mut improved = false;
        for i in 0..teams.len() {
            for j in (i + 1)..teams.len() {
                for a in 0..teams[i].len() {
                    for b in 0..teams[j].len() {
                        let (pa, pb) = (teams[i][a], teams[j][b]);
                        if pa.organisation != pb.organisation || pa.profession == pb.profession {
                            continue;
                        }
                        // Pairs lost by taking each out of their team, and made by putting each in the other.
                        let lost = count(&counts[i], pa).saturating_sub(1) + count(&counts[j], pb).saturating_sub(1);
                        let made = count(&counts[i], pb) + count(&counts[j], pa);
                        if made < lost {
                            for (team, out, into) in [(i, pa, pb), (j, pb, pa)] {
                                if known(out)
                                    && let Some(n) = counts[team].get_mut(&out.profession)
                                {
                                    *n -= 1;
                                }
                                if known(into) {
                                    *counts[team].entry(into.profession.clone()).or_default() += 1;
                                }
                            }
                            teams[i][a] = pb;
                            teams[j][b] = pa;
                            improved = true;
                        }
                    }
                }
            }
        }
        if !improved {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i64, org: &str, profession: &str) -> Person {
        Person { id: ParticipantId(id), organisation: org.into(), profession: profession.into() }
    }

    fn teams_of<'a>(people: &'a [Person], teams: &[Vec<ParticipantId>]) -> Vec<Vec<&'a Person>> {
        teams.iter().map(|t| t.iter().filter_map(|id| people.iter().find(|p| p.id == *id)).collect()).collect()
    }

    #[test]
    fn twelve_organisations_never_share_a_team_when_they_need_not() {
        let orgs = ["Trust", "Council", "Ambulance", "GP", "Mental health", "CVS"];
        let people: Vec<Person> = (0..24).map(|i| person(i, orgs[i as usize % 6], "Nurse")).collect();
        let teams = form_teams(&people, 4, 1);
        assert_eq!(teams.len(), 6);
        assert!(teams.iter().all(|t| t.len() == 4));
        assert_eq!(same_pairs(&teams_of(&people, &teams), |p| p.organisation.as_str()), 0);
    }

    #[test]
    fn sizes_differ_by_at_most_one_and_never_pass_the_chosen_size() {
        let people: Vec<Person> = (0..23).map(|i| person(i, "", "")).collect();
        let teams = form_teams(&people, 5, 3);
        let sizes: Vec<usize> = teams.iter().map(Vec::len).collect();
        assert_eq!(sizes.len(), 5);
        assert!(sizes.iter().all(|s| (4..=5).contains(s)), "{sizes:?}");
    }

    #[test]
    fn professions_mix_within_the_organisation_optimum() {
        // Two organisations of four, each with two doctors and two nurses, into two teams.
        let people = vec![
            person(1, "A", "Doctor"),
            person(2, "A", "Doctor"),
            person(3, "A", "Nurse"),
            person(4, "A", "Nurse"),
            person(5, "B", "Doctor"),
            person(6, "B", "Doctor"),
            person(7, "B", "Nurse"),
            person(8, "B", "Nurse"),
        ];
        for seed in 0..20 {
            let teams = teams_of(&people, &form_teams(&people, 4, seed));
            // Best possible: each team two of A, two of B, two doctors, two nurses.
            assert_eq!(same_pairs(&teams, |p| p.organisation.as_str()), 4, "seed {seed}");
            assert_eq!(same_pairs(&teams, |p| p.profession.as_str()), 4, "seed {seed}");
        }
    }

    /// The first version, which recounted both teams for every swap considered: the specification
    /// the kept counts must agree with.
    /// Swaps colleagues of one organisation between teams while that lowers the pairs of one
    /// profession (never the organisation count: both teams keep the same organisations).
    fn improve_professions_by_recount(teams: &mut [Vec<&Person>]) {
        let profession = |p: &Person| p.profession.clone();
        for _ in 0..50 {
            let mut improved = false;
            for i in 0..teams.len() {
                for j in (i + 1)..teams.len() {
                    for a in 0..teams[i].len() {
                        for b in 0..teams[j].len() {
                            let (pa, pb) = (teams[i][a], teams[j][b]);
                            if pa.organisation != pb.organisation || profession(pa) == profession(pb) {
                                continue;
                            }
                            let before = same_pairs(&[teams[i].clone(), teams[j].clone()], |p| p.profession.as_str());
                            let (mut ti, mut tj) = (teams[i].clone(), teams[j].clone());
                            ti[a] = pb;
                            tj[b] = pa;
                            if same_pairs(&[ti.clone(), tj.clone()], |p| p.profession.as_str()) < before {
                                teams[i] = ti;
                                teams[j] = tj;
                                improved = true;
                            }
                        }
                    }
                }
            }
            if !improved {
                break;
            }
        }
    }

    #[test]
    fn kept_counts_choose_the_same_swaps_as_recounting() {
        let professions = ["nurse", "GP", "manager", "", " "];
        for seed in 0..40u64 {
            let mut ties = SplitMix64(seed);
            let people: Vec<Person> = (0..(8 + ties.below(40)) as i64)
                .map(|i| person(i, ["A", "B", "C", ""][ties.below(4)], professions[ties.below(5)]))
                .collect();
            let k = 2 + ties.below(6);
            let mut dealt: Vec<Vec<&Person>> = vec![Vec::new(); k];
            for (i, p) in people.iter().enumerate() {
                dealt[i % k].push(p);
            }
            let mut fast = dealt.clone();
            improve_professions(&mut fast);
            improve_professions_by_recount(&mut dealt);
            let ids =
                |t: &[Vec<&Person>]| t.iter().map(|m| m.iter().map(|p| p.id).collect::<Vec<_>>()).collect::<Vec<_>>();
            assert_eq!(ids(&fast), ids(&dealt), "seed {seed}");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_teams() {
        let people: Vec<Person> = (0..30).map(|i| person(i, ["X", "Y", "Z"][i as usize % 3], "")).collect();
        assert_eq!(form_teams(&people, 5, 9), form_teams(&people, 5, 9));
        assert_ne!(form_teams(&people, 5, 9), form_teams(&people, 5, 10));
    }
}

/// "4 organisations, 3 professions" (unknown ones not counted).
pub fn mix_line(members: &[&super::records::ParticipantSummary]) -> String {
    let organisations: std::collections::BTreeSet<&str> =
        members.iter().map(|m| m.organisation.as_str()).filter(|o| !o.is_empty()).collect();
    let professions: std::collections::BTreeSet<&str> =
        members.iter().map(|m| m.profession.as_str()).filter(|p| !p.is_empty()).collect();
    format!(
        "{}, {}",
        count_of(organisations.len() as u64, "organisation", "organisations"),
        count_of(professions.len() as u64, "profession", "professions")
    )
}

/// What the coordinator should look at in a cohort's teams: anyone in no team, a team all from
/// one organisation, a team smaller than the smallest team any offer takes.
pub fn team_warnings(
    teams: &[(&str, Vec<&super::records::ParticipantSummary>)],
    unplaced: &[&super::records::ParticipantSummary],
    smallest_offer: Option<u32>,
) -> Vec<String> {
    let mut warnings = Vec::new();
    match unplaced {
        [] => {}
        [one] => warnings.push(format!("{} is not in a team.", one.name)),
        many => warnings.push(format!(
            "{} people are not in a team: {}.",
            many.len(),
            many.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")
        )),
    }
    // A cohort all from one organisation cannot mix; say nothing of it.
    let organisations: std::collections::BTreeSet<&str> = teams
        .iter()
        .flat_map(|(_, m)| m.iter())
        .chain(unplaced.iter())
        .map(|p| p.organisation.as_str())
        .filter(|o| !o.is_empty())
        .collect();
    let single: Vec<String> = teams
        .iter()
        .filter(|(_, m)| {
            organisations.len() > 1
                && m.len() > 1
                && !m[0].organisation.is_empty()
                && m.iter().all(|p| p.organisation == m[0].organisation)
        })
        .map(|(name, m)| format!("{name} (all {})", m[0].organisation))
        .collect();
    if !single.is_empty() {
        warnings.push(format!("From one organisation only: {}.", single.join(", ")));
    }
    for (name, members) in teams {
        if let Some(smallest) = smallest_offer
            && !members.is_empty()
            && (members.len() as u32) < smallest
        {
            warnings.push(format!(
                "{name} has {} {}; no offer takes a team smaller than {smallest}.",
                members.len(),
                if members.len() == 1 { "person" } else { "people" }
            ));
        }
    }
    warnings
}

#[cfg(test)]
mod warning_tests {
    use super::*;
    use crate::model::records::ParticipantSummary;

    fn p(name: &str, org: &str) -> ParticipantSummary {
        ParticipantSummary {
            id: ParticipantId(1),
            name: name.into(),
            profession: String::new(),
            organisation: org.into(),
            team: None,
        }
    }

    #[test]
    fn each_warning_is_given() {
        let (a, b, c) = (p("Ann", "Trust"), p("Bob", "Trust"), p("Cat", "Council"));
        let teams = vec![("Team 1", vec![&a, &b]), ("Team 2", vec![&c])];
        assert_eq!(
            team_warnings(&teams, &[&c], Some(3)),
            [
                "Cat is not in a team.",
                "From one organisation only: Team 1 (all Trust).",
                "Team 1 has 2 people; no offer takes a team smaller than 3.",
                "Team 2 has 1 person; no offer takes a team smaller than 3."
            ]
        );
        assert!(team_warnings(&[("Team 1", vec![&a, &c])], &[], Some(2)).is_empty());
        // A cohort all from one organisation cannot mix: no warning for it.
        assert!(team_warnings(&[("Team 1", vec![&a, &b])], &[], None).is_empty());
    }
}
