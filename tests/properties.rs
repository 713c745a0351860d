//! Property tests: whatever bytes a spreadsheet holds, the importer answers without panicking
//! and never loses a value it accepts; the clash rules agree with a plain count.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

use std::collections::HashMap;

use chrono::NaiveDate;
use placements::exchange::group_import::{ColumnMapping, ExistingGroups, plan_group_import};
use placements::exchange::table::{is_missing, read_csv};
use placements::model::clash::{Clash, PlacementFacts, find_clashes};
use placements::model::{OfferId, PlacementId, TeamId};
use proptest::prelude::*;

/// What the importer keeps of a cell: trimmed, without the apostrophe that a spreadsheet (and
/// this program's export) puts before what would otherwise run as a formula, and composed (NFC)
/// as the file keeps all text.
fn as_imported(cell: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    let cell = cell.trim();
    let kept = match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    };
    kept.trim().nfc().collect()
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
            // Every row is planned or refused with its reason: none is dropped without a word.
            prop_assert_eq!(plan.rows.len() + plan.errors.len(), table.rows.len());
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

/// The board's verdict for a drop, before the button is let go, is what the check reports for
/// the placement after it is made: on random programmes and random gestures.
mod board_verdicts {
    use chrono::NaiveDate;
    use placements::model::availability::Availability;
    use placements::model::board::{Gesture, judge};
    use placements::model::clash::{Problem, check_placement};
    use placements::model::programme::{CohortFacts, MemberFacts, OfferFacts, Placed, Programme, TeamFacts};
    use placements::model::records::{DaySpan, OfferStatus, PlacementStatus, Weekdays};
    use placements::model::{CohortId, OfferId, ParticipantId, PlacementId, TeamId};
    use proptest::prelude::*;

    fn april(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 4, 1 + day % 30).unwrap_or_default()
    }

    type TeamSpec = (usize, u8, Option<u32>);
    type OfferSpec = (u32, u32, u8, u32, u8, bool);
    type PlacedSpec = (usize, Option<usize>, u32, u8);

    fn programme(teams: &[TeamSpec], offers: &[OfferSpec], placed: &[PlacedSpec]) -> Programme {
        let cohorts = vec![CohortFacts {
            id: CohortId(1),
            name: "Wave".into(),
            window: Some((april(3), april(26))),
            most_per_day: None,
        }];
        let teams: Vec<TeamFacts> = teams
            .iter()
            .enumerate()
            .map(|(t, (size, shared, away))| TeamFacts {
                id: TeamId(t as i64 + 1),
                cohort: CohortId(1),
                name: format!("Team {}", t + 1),
                members: (0..*size)
                    .map(|m| MemberFacts {
                        id: ParticipantId((t * 10 + m) as i64),
                        name: format!("Person {t}.{m}"),
                        // Some people are on two teams (the same email on another cohort).
                        email: if m == 0 { format!("shared{}@example.org", shared % 2) } else { String::new() },
                        away: away.map(|d| vec![DaySpan { first: april(d), last: april(d + 1) }]).unwrap_or_default(),
                    })
                    .collect(),
            })
            .collect();
        let statuses = [OfferStatus::Offered, OfferStatus::Confirmed, OfferStatus::Draft, OfferStatus::Withdrawn];
        let offers = offers
            .iter()
            .enumerate()
            .map(|(o, (first, length, weekdays, capacity, status, archived))| OfferFacts {
                id: OfferId(o as i64 + 1),
                title: format!("Offer {}", o + 1),
                group_name: format!("Group {}", o + 1),
                group_archived: *archived,
                neighbourhood: None,
                status: statuses[*status as usize % 4],
                when: Availability {
                    first_date: april(*first),
                    last_date: april(first + length),
                    weekdays: Weekdays(weekdays | 1),
                    extra_dates: Vec::new(),
                    blackout_dates: vec![april(first + 2)],
                    weekends_allowed: false,
                    bank_holidays_allowed: false,
                },
                team_size_min: 2,
                team_size_max: 4,
                capacity: *capacity,
            })
            .collect::<Vec<_>>();
        let team_count = teams.len();
        let offer_count = offers.len();
        let placed = placed
            .iter()
            .enumerate()
            .map(|(i, (team, offer, day, status))| Placed {
                id: PlacementId(i as i64 + 1),
                team: TeamId((team % team_count) as i64 + 1),
                offer: offer.map(|o| OfferId((o % offer_count) as i64 + 1)),
                day: april(*day),
                status: [
                    PlacementStatus::Pencilled,
                    PlacementStatus::Confirmed,
                    PlacementStatus::Done,
                    PlacementStatus::Cancelled,
                ][*status as usize % 4],
                overridden: Vec::new(),
                override_reason: String::new(),
            })
            .collect();
        Programme::new(cohorts, teams, offers, placed)
    }

    fn sorted(mut problems: Vec<Problem>) -> Vec<Problem> {
        problems.sort_by(|a, b| (a.kind, &a.message).cmp(&(b.kind, &b.message)));
        problems.dedup();
        problems
    }

    /// The programme after the gesture, and the placements it leaves, as the file would hold them.
    fn after(before: &Programme, gesture: Gesture, kept_offer: Option<OfferId>) -> (Programme, Vec<Placed>) {
        let mut placements = before.placements.clone();
        let mut made = Vec::new();
        match gesture {
            Gesture::Place { team, day, offer } => {
                let id = PlacementId(placements.len() as i64 + 100);
                let p = Placed {
                    id,
                    team,
                    offer,
                    day,
                    status: PlacementStatus::Pencilled,
                    overridden: Vec::new(),
                    override_reason: String::new(),
                };
                placements.push(p.clone());
                made.push(id);
            }
            Gesture::Move { id, day } => {
                for p in placements.iter_mut().filter(|p| p.id == id) {
                    (p.day, p.offer) = (day, kept_offer);
                }
                made.push(id);
            }
            Gesture::SetOffer { id, offer } => {
                for p in placements.iter_mut().filter(|p| p.id == id) {
                    p.offer = Some(offer);
                }
                made.push(id);
            }
            Gesture::Swap { a, b } => {
                let (ta, tb) = (before.placement(a).map(|p| p.team), before.placement(b).map(|p| p.team));
                for p in placements.iter_mut() {
                    if p.id == a {
                        p.team = tb.unwrap_or(p.team);
                    } else if p.id == b {
                        p.team = ta.unwrap_or(p.team);
                    }
                }
                made.extend([a, b]);
            }
            Gesture::Remove { .. } => {}
        }
        let programme = Programme::new(before.cohorts.clone(), before.teams.clone(), before.offers.clone(), placements);
        let made = made.iter().filter_map(|id| programme.placement(*id).cloned()).collect();
        (programme, made)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        #[test]
        fn the_verdict_for_a_drop_is_what_check_reports_after_it(
            teams in prop::collection::vec((1..6usize, any::<u8>(), prop::option::of(0..30u32)), 1..5),
            offers in prop::collection::vec((0..20u32, 0..15u32, any::<u8>(), 1..4u32, any::<u8>(), any::<bool>()), 1..4),
            placed in prop::collection::vec((0..5usize, prop::option::of(0..4usize), 0..30u32, any::<u8>()), 0..8),
            kind in 0..4u8,
            pick in (0..8usize, 0..8usize, 0..5usize, 0..4usize, 0..30u32, any::<bool>()),
        ) {
            let before = programme(&teams, &offers, &placed);
            let live: Vec<PlacementId> = before.placements.iter().filter(|p| p.status.is_live()).map(|p| p.id).collect();
            let (a, b, team, offer, day, with_offer) = pick;
            let team = TeamId((team % before.teams.len()) as i64 + 1);
            let offer = OfferId((offer % before.offers.len()) as i64 + 1);
            let gesture = match (kind, live.len()) {
                (0, _) | (_, 0) => Gesture::Place { team, day: april(day), offer: with_offer.then_some(offer) },
                (1, n) => Gesture::Move { id: live[a % n], day: april(day) },
                (2, n) => Gesture::SetOffer { id: live[a % n], offer },
                (_, n) if live[a % n] != live[b % n] => Gesture::Swap { a: live[a % n], b: live[b % n] },
                (_, n) => Gesture::Move { id: live[a % n], day: april(day) },
            };
            let verdict = judge(&before, gesture);
            let (after, made) = after(&before, gesture, verdict.offer);
            let reported: Vec<Problem> = made.iter().flat_map(|p| check_placement(&after, p)).collect();
            prop_assert_eq!(sorted(verdict.problems.clone()), sorted(reported), "{:?}", gesture);
        }
    }
}
