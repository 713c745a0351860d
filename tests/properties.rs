//! Property tests: whatever bytes a spreadsheet holds, the importer answers without panicking
//! and never loses a value it accepts; the clash rules agree with a plain count.

use std::collections::HashMap;

use chrono::NaiveDate;
use placements::exchange::group_import::{ColumnMapping, ExistingGroups, plan_group_import};
use placements::exchange::table::{is_missing, read_csv};
use placements::model::clash::{Clash, PlacementFacts, find_clashes};
use placements::model::{OfferId, PlacementId, TeamId};
use proptest::prelude::*;

/// What the importer keeps of a cell: trimmed, and without the apostrophe that a spreadsheet
/// (and this program's export) puts before what would otherwise run as a formula.
fn as_imported(cell: &str) -> String {
    let cell = cell.trim();
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_owned(),
        _ => cell.to_owned(),
    }
}

fn csv_cell(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any bytes at all: a table or a clear refusal, never a panic.
    #[test]
    fn any_bytes_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(table) = read_csv(&bytes) {
            let mapping = ColumnMapping::guess(&table.headers);
            let plan = plan_group_import(&table, &mapping, &ExistingGroups::default());
            prop_assert_eq!(plan.rows.len() + plan.errors.len() <= table.rows.len(), true);
        }
    }

    /// Names and notes written as CSV (with quotes, commas, new lines, accents) come back
    /// exactly, in order, one group per row; a row is refused only for a missing name.
    #[test]
    fn every_value_written_is_read_back(
        rows in proptest::collection::vec(("[\\PC\\n\\r\",;]{0,40}", "[\\PC\\n\\r\",;]{0,60}"), 1..30),
        crlf in any::<bool>(),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = format!("name,notes{end}");
        for (name, notes) in &rows {
            text.push_str(&format!("{},{}{end}", csv_cell(name), csv_cell(notes)));
        }
        let table = read_csv(text.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()));
        // A file whose every row is blank has no rows of data, which is refused.
        let Ok(table) = table else {
            prop_assert!(rows.iter().all(|(n, t)| n.trim().is_empty() && t.trim().is_empty()));
            return Ok(());
        };
        let plan = plan_group_import(&table, &ColumnMapping::guess(&table.headers), &ExistingGroups::default());
        let kept: Vec<&(String, String)> = rows.iter().filter(|(n, t)| !(n.trim().is_empty() && t.trim().is_empty())).collect();
        let expected: Vec<(String, String)> = kept
            .iter()
            .filter(|(name, _)| !is_missing(name))
            .map(|(name, notes)| (as_imported(name), if is_missing(notes) { String::new() } else { as_imported(notes) }))
            .collect();
        let got: Vec<(String, String)> =
            plan.rows.iter().map(|r| (r.row.edit.group().name.clone(), r.row.edit.group().notes.clone())).collect();
        prop_assert_eq!(got, expected);
        prop_assert_eq!(plan.errors.len(), kept.iter().filter(|(name, _)| is_missing(name)).count());
    }

    /// The clash rules find a team placed twice, and a double-booked offer-day, exactly when a
    /// plain count says so.
    #[test]
    fn clashes_match_a_plain_count(
        placements in proptest::collection::vec((0i64..6, 0i64..5, 0u32..6), 0..25),
    ) {
        let facts: Vec<PlacementFacts> = placements
            .iter()
            .enumerate()
            .map(|(i, (team, offer, day))| PlacementFacts {
                id: PlacementId(i as i64),
                team: TeamId(*team),
                offer: OfferId(*offer),
                day: NaiveDate::from_ymd_opt(2027, 4, 5 + day).unwrap_or_default(),
                // One capacity per offer, as in a real file.
                offer_capacity: 1 + (*offer as u32 % 3),
            })
            .collect();
        let clashes = find_clashes(&facts);
        let mut per_team: HashMap<TeamId, usize> = HashMap::new();
        let mut per_offer_day: HashMap<(OfferId, NaiveDate), usize> = HashMap::new();
        let mut per_offer: HashMap<OfferId, usize> = HashMap::new();
        for f in &facts {
            *per_team.entry(f.team).or_default() += 1;
            *per_offer_day.entry((f.offer, f.day)).or_default() += 1;
            *per_offer.entry(f.offer).or_default() += 1;
        }
        let count = |pred: fn(&Clash) -> bool| clashes.iter().filter(|c| pred(c)).count();
        prop_assert_eq!(count(|c| matches!(c, Clash::TeamPlacedMoreThanOnce { .. })), per_team.values().filter(|n| **n > 1).count());
        prop_assert_eq!(count(|c| matches!(c, Clash::OfferDoubleBooked { .. })), per_offer_day.values().filter(|n| **n > 1).count());
        let over = per_offer.iter().filter(|(offer, n)| **n > (1 + (offer.0 as usize % 3))).count();
        prop_assert_eq!(count(|c| matches!(c, Clash::OfferOverCapacity { .. })), over);
        // Every placement a clash names exists.
        for clash in &clashes {
            for id in clash.placements() {
                prop_assert!(facts.iter().any(|f| f.id == *id));
            }
        }
    }
}

mod team_former {
    use placements::model::ParticipantId;
    use placements::model::teams::{Person, form_teams, same_pairs, team_count};
    use proptest::prelude::*;

    /// The fewest same-organisation pairs any split into teams of these sizes can have, by
    /// trying every one.
    fn brute_force_best(people: &[Person], sizes: &[usize]) -> usize {
        fn go<'a>(people: &'a [Person], i: usize, teams: &mut Vec<Vec<&'a Person>>, sizes: &[usize], best: &mut usize) {
            if i == people.len() {
                *best = (*best).min(same_pairs(teams, |p| p.organisation.as_str()));
                return;
            }
            for t in 0..teams.len() {
                if teams[t].len() < sizes[t] {
                    teams[t].push(&people[i]);
                    go(people, i + 1, teams, sizes, best);
                    teams[t].pop();
                }
            }
        }
        let mut best = usize::MAX;
        go(people, 0, &mut vec![Vec::new(); sizes.len()], sizes, &mut best);
        best
    }

    fn roster() -> impl Strategy<Value = Vec<Person>> {
        prop::collection::vec((0..4usize, 0..3usize), 1..=10).prop_map(|rows| {
            rows.into_iter()
                .enumerate()
                .map(|(i, (org, profession))| Person {
                    id: ParticipantId(i as i64 + 1),
                    organisation: ["", "Trust", "Council", "Ambulance"][org].to_owned(),
                    profession: ["Nurse", "GP", "Manager"][profession].to_owned(),
                })
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn everyone_is_in_one_team_sizes_are_even_and_organisations_mix_optimally(
            people in roster(),
            size in 2..=5usize,
            seed in any::<u64>(),
        ) {
            let teams = form_teams(&people, size, seed);
            prop_assert_eq!(teams.len(), team_count(people.len(), size));
            let mut placed: Vec<i64> = teams.iter().flatten().map(|id| id.0).collect();
            placed.sort();
            prop_assert_eq!(placed, (1..=people.len() as i64).collect::<Vec<_>>());
            let sizes: Vec<usize> = teams.iter().map(Vec::len).collect();
            let (min, max) = (sizes.iter().min().copied().unwrap_or(0), sizes.iter().max().copied().unwrap_or(0));
            prop_assert!(max - min <= 1 && max <= size, "{:?}", sizes);
            let formed: Vec<Vec<&Person>> =
                teams.iter().map(|t| t.iter().map(|id| &people[id.0 as usize - 1]).collect()).collect();
            prop_assert_eq!(same_pairs(&formed, |p| p.organisation.as_str()), brute_force_best(&people, &sizes));
            prop_assert_eq!(form_teams(&people, size, seed), teams, "the same seed, the same teams");
        }
    }
}
