//! Each clash rule alone, on a small programme: April to May 2027.
#![cfg(test)]

use chrono::NaiveDate;

use super::*;
use crate::model::availability::Availability;
use crate::model::ids::{CohortId, OfferId, ParticipantId, PlacementId, TeamId};
use crate::model::programme::{CohortFacts, MemberFacts, OfferFacts, Placed, Programme, TeamFacts};
use crate::model::records::{DaySpan, OfferStatus, PlacementStatus, Weekdays};

fn d(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, month, day).unwrap()
}

fn member(id: i64, name: &str, email: &str, away: &[(NaiveDate, NaiveDate)]) -> MemberFacts {
    MemberFacts {
        id: ParticipantId(id),
        name: name.to_owned(),
        email: email.to_owned(),
        away: away.iter().map(|(first, last)| DaySpan { first: *first, last: *last }).collect(),
    }
}

fn team(id: i64, cohort: i64, members: Vec<MemberFacts>) -> TeamFacts {
    TeamFacts { id: TeamId(id), cohort: CohortId(cohort), name: format!("Team {id}"), members }
}

fn offer(id: i64, title: &str, status: OfferStatus, capacity: u32) -> OfferFacts {
    OfferFacts {
        id: OfferId(id),
        title: title.to_owned(),
        group_name: format!("Group {id}"),
        group_archived: false,
        neighbourhood: None,
        status,
        when: Availability {
            first_date: d(4, 1),
            last_date: d(5, 31),
            weekdays: Weekdays::MONDAY_TO_FRIDAY,
            extra_dates: Vec::new(),
            blackout_dates: vec![d(4, 23)],
            weekends_allowed: false,
            bank_holidays_allowed: false,
        },
        team_size_min: 2,
        team_size_max: 4,
        capacity,
    }
}

fn placed(id: i64, team: i64, offer: Option<i64>, day: NaiveDate) -> Placed {
    Placed {
        id: PlacementId(id),
        team: TeamId(team),
        offer: offer.map(OfferId),
        day,
        status: PlacementStatus::Pencilled,
        overridden: Vec::new(),
        override_reason: String::new(),
    }
}

/// Team 1 (Asha, away 14 April; Ben), Team 2 (Ben again, on another cohort, by email), Team 3
/// (five people); offers 1 (two team-days), 2 withdrawn, 3 a draft, 4 of an archived group.
fn programme(placements: Vec<Placed>) -> Programme {
    let cohorts = vec![
        CohortFacts { id: CohortId(1), name: "Wave 1".into(), window: Some((d(4, 1), d(5, 31))), most_per_day: None },
        CohortFacts { id: CohortId(2), name: "Wave 2".into(), window: None, most_per_day: None },
    ];
    let teams = vec![
        team(
            1,
            1,
            vec![
                member(1, "Asha Patel", "asha@example.org", &[(d(4, 14), d(4, 14))]),
                member(2, "Ben Lee", "ben@example.org", &[]),
            ],
        ),
        team(2, 2, vec![member(3, "Ben Lee", "ben@example.org", &[]), member(4, "Cara Jones", "", &[])]),
        team(3, 1, (10..15).map(|i| member(i, &format!("Person {i}"), "", &[])).collect()),
    ];
    let mut archived = offer(4, "Litter pick", OfferStatus::Offered, 5);
    archived.group_archived = true;
    let offers = vec![
        offer(1, "Garden clear-up", OfferStatus::Confirmed, 2),
        offer(2, "Coffee morning", OfferStatus::Withdrawn, 5),
        offer(3, "Repair café", OfferStatus::Draft, 5),
        archived,
    ];
    Programme::new(cohorts, teams, offers, placements)
}

fn kinds(programme: &Programme, team: i64, offer: Option<i64>, day: NaiveDate) -> Vec<ClashKind> {
    let candidate = Candidate { team: TeamId(team), day, offer: offer.map(OfferId), ..Default::default() };
    check_candidate(programme, &candidate).into_iter().map(|p| p.kind).collect()
}

fn message(programme: &Programme, team: i64, offer: Option<i64>, day: NaiveDate, kind: ClashKind) -> String {
    let candidate = Candidate { team: TeamId(team), day, offer: offer.map(OfferId), ..Default::default() };
    check_candidate(programme, &candidate).into_iter().find(|p| p.kind == kind).map(|p| p.message).unwrap_or_default()
}

#[test]
fn a_fine_day_has_no_problem() {
    assert_eq!(kinds(&programme(vec![]), 1, Some(1), d(4, 13)), vec![]);
    assert_eq!(kinds(&programme(vec![]), 1, None, d(4, 13)), vec![]);
}

#[test]
fn a_team_already_out_that_day() {
    let p = programme(vec![placed(1, 1, None, d(4, 13))]);
    assert_eq!(kinds(&p, 1, Some(1), d(4, 13)), vec![ClashKind::TeamOut]);
    assert_eq!(
        message(&p, 1, Some(1), d(4, 13), ClashKind::TeamOut),
        "Team 1 (Wave 1) is already out that day (not yet given an activity)."
    );
    assert!(ClashKind::TeamOut.severity() == Severity::Hard);
}

#[test]
fn a_member_away_that_day() {
    let p = programme(vec![]);
    assert_eq!(kinds(&p, 1, None, d(4, 14)), vec![ClashKind::MemberAway]);
    assert_eq!(message(&p, 1, None, d(4, 14), ClashKind::MemberAway), "Asha Patel cannot go out on Wed 14 Apr 2027.");
}

#[test]
fn a_member_out_with_another_team_that_day() {
    let p = programme(vec![placed(1, 2, None, d(4, 15))]);
    assert_eq!(kinds(&p, 1, None, d(4, 15)), vec![ClashKind::MemberOut]);
    assert_eq!(message(&p, 1, None, d(4, 15), ClashKind::MemberOut), "Ben Lee is out with Team 2 (Wave 2) that day.");
}

#[test]
fn an_offer_that_does_not_run_that_day_says_why() {
    let p = programme(vec![]);
    let cases = [
        (d(4, 17), "a weekend"),
        (d(5, 3), "a bank holiday"),
        (d(4, 23), "the group cannot host that day"),
        (d(6, 1), "after the offer ends"),
    ];
    for (day, why) in cases {
        let text = message(&p, 2, Some(1), day, ClashKind::OfferNotRunning);
        assert_eq!(text, format!("“Garden clear-up” does not run that day: {why}."), "{day}");
    }
}

#[test]
fn an_offer_that_already_hosts_a_team_that_day() {
    let p = programme(vec![placed(1, 3, Some(1), d(4, 20))]);
    assert_eq!(kinds(&p, 2, Some(1), d(4, 20)), vec![ClashKind::OfferTaken]);
    assert_eq!(
        message(&p, 2, Some(1), d(4, 20), ClashKind::OfferTaken),
        "Group 1 already hosts Team 3 (Wave 1) that day: a group hosts one team a day."
    );
}

#[test]
fn an_offer_whose_team_days_are_used_up() {
    let p = programme(vec![placed(1, 3, Some(1), d(4, 20)), placed(2, 1, Some(1), d(4, 21))]);
    assert_eq!(kinds(&p, 2, Some(1), d(4, 22)), vec![ClashKind::OfferFull]);
    assert_eq!(
        message(&p, 2, Some(1), d(4, 22), ClashKind::OfferFull),
        "“Garden clear-up” can host 2 team-days and 2 teams are placed on it already."
    );
}

#[test]
fn a_withdrawn_offer_an_archived_group_and_a_draft() {
    let p = programme(vec![]);
    assert_eq!(kinds(&p, 2, Some(2), d(4, 20)), vec![ClashKind::OfferWithdrawn]);
    assert_eq!(kinds(&p, 2, Some(4), d(4, 20)), vec![ClashKind::GroupArchived]);
    assert_eq!(kinds(&p, 2, Some(3), d(4, 20)), vec![ClashKind::OfferDraft]);
    assert_eq!(ClashKind::OfferDraft.severity(), Severity::Warning);
    assert_eq!(message(&p, 2, Some(2), d(4, 20), ClashKind::OfferWithdrawn), "“Coffee morning” has been withdrawn.");
}

#[test]
fn a_team_larger_than_the_offer_takes_is_a_warning() {
    let p = programme(vec![]);
    assert_eq!(kinds(&p, 3, Some(1), d(4, 20)), vec![ClashKind::Size]);
    assert_eq!(
        message(&p, 3, Some(1), d(4, 20), ClashKind::Size),
        "Team 3 has 5 people; “Garden clear-up” takes 2 to 4."
    );
}

#[test]
fn a_team_placed_on_another_day_too_is_a_warning() {
    let p = programme(vec![placed(1, 1, None, d(4, 13))]);
    assert_eq!(kinds(&p, 1, None, d(4, 20)), vec![ClashKind::PlacedTwice]);
}

#[test]
fn a_day_outside_the_programme_window_is_a_warning() {
    let p = programme(vec![]);
    assert_eq!(kinds(&p, 1, None, d(6, 2)), vec![ClashKind::OutsideWindow]);
    assert_eq!(
        message(&p, 1, None, d(6, 2), ClashKind::OutsideWindow),
        "Wed 2 Jun 2027 is outside Wave 1's programme (Thu 1 Apr – Mon 31 May 2027)."
    );
    // Team 2's cohort has no window.
    assert_eq!(kinds(&p, 2, None, d(6, 2)), vec![]);
}

#[test]
fn cancelled_placements_and_the_placement_being_moved_count_for_nothing() {
    let mut cancelled = placed(1, 3, Some(1), d(4, 20));
    cancelled.status = PlacementStatus::Cancelled;
    let p = programme(vec![cancelled, placed(2, 1, Some(1), d(4, 21))]);
    assert_eq!(kinds(&p, 2, Some(1), d(4, 20)), vec![]);
    let moving = Candidate {
        team: TeamId(1),
        day: d(4, 21),
        offer: Some(OfferId(1)),
        replacing: vec![PlacementId(2)],
        also: Vec::new(),
    };
    assert_eq!(check_candidate(&p, &moving), vec![]);
}

#[test]
fn check_all_lists_each_problem_and_marks_the_ones_placed_anyway() {
    let mut first = placed(1, 1, Some(1), d(4, 14));
    first.overridden = vec![ClashKind::MemberAway];
    first.override_reason = "Asha will join after lunch".into();
    let p = programme(vec![first, placed(2, 3, Some(1), d(4, 14))]);
    let found = check_all(&p, None);
    let summary: Vec<(i64, ClashKind, bool)> =
        found.iter().map(|f| (f.placement.0, f.problem.kind, f.overridden)).collect();
    assert_eq!(
        summary,
        vec![
            (1, ClashKind::MemberAway, true),
            (1, ClashKind::OfferTaken, false),
            (2, ClashKind::OfferTaken, false),
            (2, ClashKind::Size, false),
        ]
    );
    assert!(has_unresolved_clash(&found));
    // Only Wave 2's placements: none.
    assert!(check_all(&p, Some(CohortId(2))).is_empty());
}

#[test]
fn codes_round_trip() {
    for kind in ClashKind::ALL {
        assert_eq!(ClashKind::from_code(kind.code()), Some(kind));
    }
    assert_eq!(
        ClashKind::parse_codes("member_away,offer_full,nonsense"),
        vec![ClashKind::MemberAway, ClashKind::OfferFull]
    );
}
