//! The demo's finished programme of the year before: eight teams of systems leaders who went out
//! in April and May, with what happened on each day and most participants' feedback, so that the
//! Outcomes panel's report is never empty on first look. Made with its own generator after the
//! rest, so the rest of the demo is the same with or without it.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};

use super::{Host, People, drama_mobile, make_offer, open_days, slug, unique_person};
use crate::model::outcomes::{DayResult, Feedback, HostAgain, Outcome};
use crate::model::random::SplitMix64 as Rng;
use crate::model::*;
use crate::store::{BulkWriter, NewParticipant, StoreError};

const TEAMS: usize = 8;
const TEAM_SIZE: usize = 5;

const SUMMARIES: [&str; 6] = [
    "Cleared the overgrown path and planted bulbs with the group's volunteers.",
    "Planned and served a lunch for thirty; the group kept the menu for next time.",
    "Ran a sports taster afternoon; twelve people signed up to come back.",
    "Sorted the food bank's stock and set up a new shelving plan.",
    "Painted the hall with the young people and finished by four.",
    "Ran a tea dance; the group asked for another in the autumn.",
];

const LEARNT: [&str; 5] = [
    "How much the group does with so little, and how to ask before assuming.",
    "To agree who decides what at the start of the day.",
    "That planning the last hour matters as much as the first.",
    "How to work with people I would never meet at work.",
    "To listen to the volunteers: they knew what would work.",
];

const DIFFERENTLY: [&str; 4] = [
    "Check the kit list the day before.",
    "Give everyone a role from the start.",
    "Leave more time to talk to local people.",
    "Stop for lunch together.",
];

/// Last year's cohort, offers, placements (all done), outcomes and feedback.
pub(super) fn write_last_year(
    w: &mut BulkWriter<'_>,
    seed: u64,
    year: i32,
    hosts: &[Host],
    people: &mut People,
) -> Result<(), super::DemoError> {
    let mut rng = Rng(seed ^ 0x0057_0A1E_2026);
    let last = year - 1;
    let cohort = w.cohort(&Cohort {
        id: CohortId(0),
        name: format!("Systems leaders {last}"),
        programme_type: "Systems leadership".to_owned(),
        first_day: NaiveDate::from_ymd_opt(last, 4, 1),
        last_day: NaiveDate::from_ymd_opt(last, 5, 31),
        default_team_size: TEAM_SIZE as u32,
        coordinator_name: "Alex Morgan".to_owned(),
        coordinator_phone: "01632 960 123".to_owned(),
        notes: "Last year's programme, finished.".to_owned(),
        personal_data_removed_on: None,
        most_per_day: None,
    })?;
    let mut teams = Vec::new();
    for t in 0..TEAMS {
        let team = w.team(cohort, &format!("Team {}", t + 1), t as i64)?;
        let mut members = Vec::new();
        for m in 0..TEAM_SIZE {
            let org = (t + m * 3) % people.organisations.len().max(1);
            let name = unique_person(&mut rng, &mut people.names);
            let id = w.participant(&NewParticipant {
                cohort,
                team: Some(team),
                name: name.clone(),
                preferred_name: name.split(' ').next().unwrap_or_default().to_owned(),
                profession: None,
                organisation: people.organisations.get(org).copied(),
                email: format!("{}.{last}@example.org", slug(&name, ".")),
                mobile: drama_mobile(&mut rng),
            })?;
            members.push(id);
        }
        teams.push((team, members));
    }
    // Offers of last year from groups at the end of the list (the last two host twice).
    let mut used_days = HashSet::new();
    for (t, (team, members)) in teams.iter().enumerate() {
        let Some((group, hood, address)) = hosts.iter().rev().nth(t % (TEAMS - 2)) else { break };
        let mut offer = make_offer(&mut rng, *group, *hood, last, address.clone())?;
        offer.status = OfferStatus::Completed;
        offer.capacity = offer.capacity.max(2);
        let days = open_days(&offer);
        let offer_id = w.offer(&offer)?;
        let Some(day) = days.iter().copied().find(|d| used_days.insert((*group, *d))) else { continue };
        let placement = w.placement(*team, Some(offer_id), day, PlacementStatus::Done)?;
        write_day(w, &mut rng, placement, t, day, members)?;
    }
    Ok(())
}

/// The outcome of a team's day (all but the last team's recorded) and its members' feedback
/// (about four in five gave it).
fn write_day(
    w: &mut BulkWriter<'_>,
    rng: &mut Rng,
    placement: PlacementId,
    t: usize,
    day: NaiveDate,
    members: &[ParticipantId],
) -> Result<(), StoreError> {
    if t == TEAMS - 1 {
        return Ok(());
    }
    let result = match t {
        3 => DayResult::PartlyCompleted,
        5 => DayResult::NotDone,
        _ => DayResult::Completed,
    };
    let outcome = Outcome {
        result,
        reason: match result {
            DayResult::PartlyCompleted => "The rain stopped the planting after lunch.".to_owned(),
            DayResult::NotDone => {
                "The hall was double-booked; the team helped clear the store room instead.".to_owned()
            }
            _ => String::new(),
        },
        hours: Some(if result == DayResult::NotDone { 2.0 } else { [5.5, 6.0, 6.5][rng.below(3)] }),
        local_people: Some(3 + rng.below(18) as u32),
        summary: SUMMARIES[t % SUMMARIES.len()].to_owned(),
        group_usefulness: Some(if result == DayResult::NotDone { 2 } else { 3 + rng.below(3) as u8 }),
        host_again: Some(match (result, rng.below(4)) {
            (DayResult::NotDone, _) => HostAgain::Maybe,
            (_, 0) => HostAgain::Maybe,
            _ => HostAgain::Yes,
        }),
        group_comment: "The team were a real help, and easy to have around.".to_owned(),
    };
    w.outcome(placement, &outcome)?;
    for person in members {
        if rng.percent(20) {
            continue;
        }
        let ratings = (1..=4).map(|p| (PracticeId(p), 2 + rng.below(4) as u8)).collect();
        w.feedback(
            placement,
            &Feedback {
                participant: Some(*person),
                ratings,
                learnt: LEARNT[rng.below(LEARNT.len())].to_owned(),
                differently: DIFFERENTLY[rng.below(DIFFERENTLY.len())].to_owned(),
                given_on: Some(day + Duration::days(2 + rng.below(10) as i64)),
            },
        )?;
    }
    Ok(())
}
