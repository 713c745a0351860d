//! `schedule`: how long Suggest placements takes (model::suggest, exact min-cost flow) for a
//! programme's size and beyond: teams of four to six whose members are each away a few days,
//! offers over eleven neighbourhoods running three weekdays each, with one to three team-days,
//! and a few teams already placed.
//!
//! Prints `bench schedule teams=T offers=O days=D most_per_day=L runs=R median_ms=… max_ms=…
//! placed=P neighbourhoods=N weeks=W busiest_day=B` per size, with no limit a day and with one
//! (the aim: under 100 ms at 100 teams, 600 offers and 60 days with a limit). Run with
//! `cargo bench --bench schedule`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

use std::time::Instant;

use chrono::Datelike as _;
use chrono::{Duration, NaiveDate};
use placements::model::availability::Availability;
use placements::model::programme::{CohortFacts, MemberFacts, OfferFacts, Placed, Programme, TeamFacts};
use placements::model::random::SplitMix64 as Rng;
use placements::model::suggest::suggest_with;
use placements::model::{
    CohortId, DaySpan, NeighbourhoodId, OfferId, OfferStatus, ParticipantId, PlacementId, PlacementStatus, TeamId,
    Weekdays,
};

fn programme(teams: usize, offers: usize, days: usize, rng: &mut Rng) -> (Programme, NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(2027, 4, 6).unwrap_or_default();
    let last = first + Duration::days(days as i64 - 1);
    let cohorts = vec![CohortFacts {
        id: CohortId(1),
        name: "Systems leaders".into(),
        window: Some((first, last)),
        most_per_day: None,
    }];
    let team_facts = (0..teams)
        .map(|t| {
            let members = (0..4 + rng.below(3))
                .map(|m| {
                    let away = (0..rng.below(4))
                        .map(|_| {
                            let day = first + Duration::days(rng.below(days) as i64);
                            DaySpan { first: day, last: day }
                        })
                        .collect();
                    MemberFacts {
                        id: ParticipantId((t * 10 + m) as i64),
                        name: format!("Person {t}.{m}"),
                        email: String::new(),
                        away,
                    }
                })
                .collect();
            TeamFacts { id: TeamId(t as i64 + 1), cohort: CohortId(1), name: format!("Team {}", t + 1), members }
        })
        .collect();
    let offer_facts = (0..offers)
        .map(|o| {
            let mut weekdays = 0u8;
            while weekdays.count_ones() < 3 {
                weekdays |= 1 << rng.below(5);
            }
            let status =
                [OfferStatus::Confirmed, OfferStatus::Offered, OfferStatus::Offered, OfferStatus::Draft][rng.below(4)];
            OfferFacts {
                id: OfferId(o as i64 + 1),
                title: format!("Activity {o}"),
                group_name: format!("Group {o}"),
                group_archived: false,
                neighbourhood: Some(NeighbourhoodId(1 + rng.below(11) as i64)),
                status,
                when: Availability {
                    first_date: first,
                    last_date: last,
                    weekdays: Weekdays(weekdays),
                    extra_dates: Vec::new(),
                    blackout_dates: Vec::new(),
                    weekends_allowed: false,
                    bank_holidays_allowed: false,
                },
                team_size_min: 3 + rng.below(2) as u32,
                team_size_max: 5 + rng.below(2) as u32,
                capacity: 1 + rng.below(3) as u32,
            }
        })
        .collect();
    // A few teams placed by hand already.
    let placed = (0..teams / 10)
        .map(|i| Placed {
            id: PlacementId(i as i64 + 1),
            team: TeamId(i as i64 * 10 + 1),
            offer: Some(OfferId(i as i64 + 1)),
            day: first + Duration::days(i as i64),
            status: PlacementStatus::Confirmed,
            overridden: Vec::new(),
            override_reason: String::new(),
        })
        .collect();
    (Programme::new(cohorts, team_facts, offer_facts, placed), first, last)
}

fn main() {
    for (teams, offers, days, limit) in [
        (25, 150, 40, None),
        (25, 150, 40, Some(2)),
        (100, 600, 60, None),
        (100, 600, 60, Some(3)),
        (100, 600, 60, Some(1)),
        (200, 1_200, 90, None),
        (200, 1_200, 90, Some(4)),
    ] {
        let mut rng = Rng(7);
        let (programme, first, last) = programme(teams, offers, days, &mut rng);
        let runs = if teams <= 25 { 20 } else { 5 };
        let mut times = Vec::new();
        let mut proposal = None;
        for _ in 0..runs {
            let start = Instant::now();
            proposal = Some(suggest_with(&programme, CohortId(1), first, last, limit));
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let Some(proposal) = proposal else { continue };
        let hoods: std::collections::HashSet<_> =
            proposal.placements.iter().filter_map(|p| programme.offer(p.offer)).map(|o| o.neighbourhood).collect();
        let weeks: std::collections::HashSet<_> = proposal.placements.iter().map(|p| p.day.iso_week()).collect();
        let mut per_day: std::collections::HashMap<NaiveDate, usize> = std::collections::HashMap::new();
        for p in &proposal.placements {
            *per_day.entry(p.day).or_default() += 1;
        }
        for p in programme.placements.iter() {
            *per_day.entry(p.day).or_default() += 1;
        }
        println!(
            "bench schedule teams={teams} offers={offers} days={days} most_per_day={} runs={runs} median_ms={:.1} max_ms={:.1} placed={} of {} neighbourhoods={} weeks={} busiest_day={}",
            limit.map_or_else(|| "none".to_owned(), |n| n.to_string()),
            times[times.len() / 2],
            times[times.len() - 1],
            proposal.placements.len(),
            proposal.teams,
            hoods.len(),
            weeks.len(),
            per_day.values().max().copied().unwrap_or(0)
        );
    }
}
