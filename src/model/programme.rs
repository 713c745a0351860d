//! The programme as the clash rules see it: plain facts about cohorts, teams and their members,
//! offers and placements, read from the file in one go, with the indexes the rules look things
//! up by. Nothing here knows about SQL or egui.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::availability::Availability;
use super::clash::ClashKind;
use super::ids::{CohortId, NeighbourhoodId, OfferId, ParticipantId, PlacementId, TeamId};
use super::records::{DaySpan, OfferStatus, PlacementStatus};

/// A cohort: its name and programme window.
#[derive(Clone, Debug, PartialEq)]
pub struct CohortFacts {
    pub id: CohortId,
    pub name: String,
    /// The programme window, when the cohort has one.
    pub window: Option<(NaiveDate, NaiveDate)>,
    /// The most of its teams out on one day, when it says.
    pub most_per_day: Option<u32>,
}

/// A person on a team, with the days they cannot go out.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberFacts {
    pub id: ParticipantId,
    pub name: String,
    /// Their email address in lower case (empty when unknown): the same person on two cohorts.
    pub email: String,
    pub away: Vec<DaySpan>,
}

/// A team and its members.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamFacts {
    pub id: TeamId,
    pub cohort: CohortId,
    pub name: String,
    pub members: Vec<MemberFacts>,
}

/// What the rules need of an offer.
#[derive(Clone, Debug, PartialEq)]
pub struct OfferFacts {
    pub id: OfferId,
    pub title: String,
    pub group_name: String,
    pub group_archived: bool,
    pub neighbourhood: Option<NeighbourhoodId>,
    pub status: OfferStatus,
    pub when: Availability,
    pub team_size_min: u32,
    pub team_size_max: u32,
    /// Team-days it can host over the programme.
    pub capacity: u32,
}

/// A placement as it stands in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub id: PlacementId,
    pub team: TeamId,
    pub offer: Option<OfferId>,
    pub day: NaiveDate,
    pub status: PlacementStatus,
    /// The hard clashes placed anyway, and why.
    pub overridden: Vec<ClashKind>,
    pub override_reason: String,
}

/// Everything the clash rules look at, with indexes over the live (not cancelled) placements.
#[derive(Clone, Debug, Default)]
pub struct Programme {
    pub cohorts: Vec<CohortFacts>,
    pub teams: Vec<TeamFacts>,
    pub offers: Vec<OfferFacts>,
    pub placements: Vec<Placed>,
    team_at: HashMap<TeamId, usize>,
    offer_at: HashMap<OfferId, usize>,
    placement_at: HashMap<PlacementId, usize>,
    /// Live placements by team, by offer, and by day (positions in `placements`).
    by_team: HashMap<TeamId, Vec<usize>>,
    by_offer: HashMap<OfferId, Vec<usize>>,
    by_day: HashMap<NaiveDate, Vec<usize>>,
    /// For each team, the other teams one of its members is also on, with that member's name.
    shared: HashMap<TeamId, Vec<(TeamId, String)>>,
}

impl Programme {
    pub fn new(
        cohorts: Vec<CohortFacts>,
        teams: Vec<TeamFacts>,
        offers: Vec<OfferFacts>,
        placements: Vec<Placed>,
    ) -> Self {
        let mut programme = Self { cohorts, teams, offers, placements, ..Default::default() };
        programme.index();
        programme
    }

    fn index(&mut self) {
        self.team_at = self.teams.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
        self.offer_at = self.offers.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
        self.placement_at = self.placements.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        for (i, p) in self.placements.iter().enumerate().filter(|(_, p)| p.status.is_live()) {
            self.by_team.entry(p.team).or_default().push(i);
            self.by_day.entry(p.day).or_default().push(i);
            if let Some(offer) = p.offer {
                self.by_offer.entry(offer).or_default().push(i);
            }
        }
        // A person is the same person on two teams when it is the same participant, or the same
        // email address on two cohorts.
        let mut teams_of: HashMap<String, Vec<(TeamId, String)>> = HashMap::new();
        for team in &self.teams {
            for member in &team.members {
                let key = if member.email.is_empty() { format!("#{}", member.id.0) } else { member.email.clone() };
                teams_of.entry(key).or_default().push((team.id, member.name.clone()));
            }
        }
        for on in teams_of.values().filter(|on| on.len() > 1) {
            for (team, name) in on {
                for (other, _) in on.iter().filter(|(other, _)| other != team) {
                    self.shared.entry(*team).or_default().push((*other, name.clone()));
                }
            }
        }
    }

    /// The same programme with `extra` placements made too (Suggest, a round at a time).
    pub fn with_placed(&self, extra: impl IntoIterator<Item = Placed>) -> Programme {
        let mut placements = self.placements.clone();
        placements.extend(extra);
        Programme::new(self.cohorts.clone(), self.teams.clone(), self.offers.clone(), placements)
    }

    pub fn team(&self, id: TeamId) -> Option<&TeamFacts> {
        self.team_at.get(&id).map(|i| &self.teams[*i])
    }

    pub fn offer(&self, id: OfferId) -> Option<&OfferFacts> {
        self.offer_at.get(&id).map(|i| &self.offers[*i])
    }

    pub fn placement(&self, id: PlacementId) -> Option<&Placed> {
        self.placement_at.get(&id).map(|i| &self.placements[*i])
    }

    pub fn cohort(&self, id: CohortId) -> Option<&CohortFacts> {
        self.cohorts.iter().find(|c| c.id == id)
    }

    /// The live placements of a team, of an offer, or on a day.
    pub fn live_of_team(&self, team: TeamId) -> impl Iterator<Item = &Placed> {
        self.live(self.by_team.get(&team))
    }

    pub fn live_of_offer(&self, offer: OfferId) -> impl Iterator<Item = &Placed> {
        self.live(self.by_offer.get(&offer))
    }

    pub fn live_on_day(&self, day: NaiveDate) -> impl Iterator<Item = &Placed> {
        self.live(self.by_day.get(&day))
    }

    fn live<'a>(&'a self, positions: Option<&'a Vec<usize>>) -> impl Iterator<Item = &'a Placed> {
        positions.into_iter().flatten().map(|i| &self.placements[*i])
    }

    /// The other teams that share a member with `team`, with that member's name.
    pub fn shared_members(&self, team: TeamId) -> &[(TeamId, String)] {
        self.shared.get(&team).map_or(&[], Vec::as_slice)
    }

    /// A team's name with its cohort's, as messages name it: "Team 3 (Systems leaders 2027)".
    pub fn team_label(&self, team: TeamId) -> String {
        match self.team(team) {
            Some(t) => match self.cohort(t.cohort) {
                Some(c) => format!("{} ({})", t.name, c.name),
                None => t.name.clone(),
            },
            None => "A team no longer in the file".to_owned(),
        }
    }

    /// An offer as messages name it: "Bispham Men's Shed: garden clear-up".
    pub fn offer_label(&self, offer: OfferId) -> String {
        match self.offer(offer) {
            Some(o) => format!("{}: {}", o.group_name, o.title),
            None => "An offer no longer in the file".to_owned(),
        }
    }
}

/// A programme holding only `placements`, for rules that count placements: each team with no
/// members and no cohort, each offer with its capacity and open every day of every year.
pub fn bare_programme(placements: &[super::clash::PlacementFacts]) -> Programme {
    use super::records::Weekdays;
    let mut teams: Vec<TeamFacts> = Vec::new();
    let mut offers: Vec<OfferFacts> = Vec::new();
    for p in placements {
        if !teams.iter().any(|t| t.id == p.team) {
            teams.push(TeamFacts {
                id: p.team,
                cohort: CohortId(0),
                name: format!("Team {}", p.team.0),
                members: Vec::new(),
            });
        }
        if !offers.iter().any(|o| o.id == p.offer) {
            offers.push(OfferFacts {
                id: p.offer,
                title: String::new(),
                group_name: String::new(),
                group_archived: false,
                neighbourhood: None,
                status: OfferStatus::Offered,
                when: Availability {
                    first_date: NaiveDate::MIN,
                    last_date: NaiveDate::MAX,
                    weekdays: Weekdays(0b111_1111),
                    extra_dates: Vec::new(),
                    blackout_dates: Vec::new(),
                    weekends_allowed: true,
                    bank_holidays_allowed: true,
                },
                team_size_min: 0,
                team_size_max: u32::MAX,
                capacity: p.offer_capacity,
            });
        }
    }
    let placed = placements
        .iter()
        .map(|p| Placed {
            id: p.id,
            team: p.team,
            offer: Some(p.offer),
            day: p.day,
            status: PlacementStatus::Pencilled,
            overridden: Vec::new(),
            override_reason: String::new(),
        })
        .collect();
    Programme::new(Vec::new(), teams, offers, placed)
}
