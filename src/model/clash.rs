//! Clash rules for placements: plain functions over plain data.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::ids::{OfferId, PlacementId, TeamId};
use super::records::PlacementSummary;

/// The facts about one placement that the clash rules need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlacementFacts {
    pub id: PlacementId,
    pub team: TeamId,
    pub offer: OfferId,
    pub day: NaiveDate,
    /// Team-days the offer can host over the whole programme.
    pub offer_capacity: u32,
}

impl From<&PlacementSummary> for PlacementFacts {
    fn from(p: &PlacementSummary) -> Self {
        Self { id: p.id, team: p.team, offer: p.offer, day: p.day, offer_capacity: p.offer_capacity }
    }
}

/// Something wrong with the placements as they stand.
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
    /// The placements involved, so that the board can mark each of them.
    pub fn placements(&self) -> &[PlacementId] {
        match self {
            Self::TeamPlacedMoreThanOnce { placements, .. }
            | Self::OfferDoubleBooked { placements, .. }
            | Self::OfferOverCapacity { placements, .. } => placements,
        }
    }
}

/// Every clash among `placements`, in a stable order (by kind, then by first placement id).
pub fn find_clashes(placements: &[PlacementFacts]) -> Vec<Clash> {
    let mut by_team: BTreeMap<TeamId, Vec<PlacementId>> = BTreeMap::new();
    let mut by_offer_day: BTreeMap<(OfferId, NaiveDate), Vec<PlacementId>> = BTreeMap::new();
    let mut by_offer: BTreeMap<OfferId, (u32, Vec<PlacementId>)> = BTreeMap::new();
    for p in placements {
        by_team.entry(p.team).or_default().push(p.id);
        by_offer_day.entry((p.offer, p.day)).or_default().push(p.id);
        by_offer.entry(p.offer).or_insert_with(|| (p.offer_capacity, Vec::new())).1.push(p.id);
    }
    let mut clashes = Vec::new();
    for (team, mut ids) in by_team {
        if ids.len() > 1 {
            ids.sort();
            clashes.push(Clash::TeamPlacedMoreThanOnce { team, placements: ids });
        }
    }
    for ((offer, day), mut ids) in by_offer_day {
        if ids.len() > 1 {
            ids.sort();
            clashes.push(Clash::OfferDoubleBooked { offer, day, placements: ids });
        }
    }
    for (offer, (capacity, mut ids)) in by_offer {
        if ids.len() > capacity as usize {
            ids.sort();
            clashes.push(Clash::OfferOverCapacity { offer, capacity, placements: ids });
        }
    }
    clashes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(id: i64, team: i64, offer: i64, day: u32, capacity: u32) -> PlacementFacts {
        PlacementFacts {
            id: PlacementId(id),
            team: TeamId(team),
            offer: OfferId(offer),
            day: NaiveDate::from_ymd_opt(2027, 4, day).unwrap(),
            offer_capacity: capacity,
        }
    }

    #[test]
    fn separate_teams_on_separate_days_do_not_clash() {
        let placements = [facts(1, 1, 1, 6, 2), facts(2, 2, 1, 7, 2), facts(3, 3, 2, 6, 1)];
        assert!(find_clashes(&placements).is_empty());
    }

    #[test]
    fn two_teams_with_one_offer_on_one_day_clash() {
        let placements = [facts(1, 1, 1, 6, 3), facts(2, 2, 1, 6, 3)];
        assert_eq!(
            find_clashes(&placements),
            vec![Clash::OfferDoubleBooked {
                offer: OfferId(1),
                day: NaiveDate::from_ymd_opt(2027, 4, 6).unwrap(),
                placements: vec![PlacementId(1), PlacementId(2)],
            }]
        );
    }

    #[test]
    fn a_team_placed_twice_and_an_offer_over_capacity_are_reported() {
        let placements = [facts(1, 1, 1, 6, 1), facts(2, 1, 1, 8, 1)];
        let clashes = find_clashes(&placements);
        assert_eq!(clashes.len(), 2);
        assert!(matches!(clashes[0], Clash::TeamPlacedMoreThanOnce { team: TeamId(1), .. }));
        assert!(matches!(clashes[1], Clash::OfferOverCapacity { capacity: 1, .. }));
        assert_eq!(clashes[1].placements(), &[PlacementId(1), PlacementId(2)]);
    }
}
