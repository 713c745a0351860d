//! What printed documents and calendar files say of a placement: the team and its members, the
//! offer and its group, the coordinator. Read in one go by `Store::sheet_placements`; which
//! placements a document holds is chosen here (`SheetChoice`), and what each reader may see is
//! decided by the document that prints it (a host group's letter holds no participant's phone).

use chrono::{NaiveDate, NaiveTime};

use super::ids::{CohortId, GroupId, OfferId, PlacementId, TeamId};
use super::records::PlacementStatus;

/// A team member as a day sheet shows them.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SheetMember {
    pub id: super::ids::ParticipantId,
    pub name: String,
    pub preferred_name: String,
    pub profession: String,
    pub organisation: String,
    pub email: String,
    pub mobile: String,
    pub access_needs: String,
    pub emergency_name: String,
    pub emergency_phone: String,
}

impl SheetMember {
    /// What a letter calls them: their preferred name, else the first word of their name.
    pub fn first_name(&self) -> &str {
        let preferred = self.preferred_name.trim();
        if preferred.is_empty() { self.name.split_whitespace().next().unwrap_or("") } else { preferred }
    }
}

/// The activity offer of a placement, with its group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetOffer {
    pub id: OfferId,
    pub title: String,
    pub activity: String,
    pub group_gains: String,
    pub practises: Vec<String>,
    pub what_to_bring: String,
    pub requirements: String,
    pub dbs_required: bool,
    pub outdoor_clothing: bool,
    pub start: NaiveTime,
    pub finish: NaiveTime,
    /// Where to meet, as the offer gives it (never the group's registered address).
    pub meeting_place: super::MeetingPlace,
    pub travel: String,
    pub site_access: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub group: SheetGroup,
}

/// A host group, as its letter and the sheets name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetGroup {
    pub id: GroupId,
    pub name: String,
    pub contact_name: String,
    pub phone: String,
    pub email: String,
    /// Address lines and town (the postcode apart).
    pub address: String,
    pub postcode: String,
    pub neighbourhood: String,
}

/// A live placement with everything a document about it may say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetPlacement {
    pub id: PlacementId,
    pub day: NaiveDate,
    pub status: PlacementStatus,
    pub notes: String,
    /// When it last changed ("2027-04-01 09:30:00", local time), for a calendar event's stamp.
    pub updated_at: String,
    pub team: TeamId,
    pub team_name: String,
    pub cohort: CohortId,
    pub cohort_name: String,
    pub programme_type: String,
    pub coordinator_name: String,
    pub coordinator_phone: String,
    pub members: Vec<SheetMember>,
    pub offer: Option<SheetOffer>,
}

/// Which placements a document is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SheetChoice {
    /// Every team out that day: an overview, then a sheet for each.
    Day(NaiveDate),
    /// A team's sheets, one for each of its days.
    Team(TeamId),
    /// A host group's letter: which teams come when.
    Group(GroupId),
    /// The programme on one page: a cohort's placements as a wall chart.
    Programme(CohortId),
    /// Every day's sheets of a cohort, one day after another, to print the lot at once.
    EveryDay(CohortId),
}

impl SheetChoice {
    /// Whether a placement belongs in the document.
    pub fn includes(&self, p: &SheetPlacement) -> bool {
        match self {
            Self::Day(day) => p.day == *day,
            Self::Team(team) => p.team == *team,
            Self::Group(group) => p.offer.as_ref().is_some_and(|o| o.group.id == *group),
            Self::Programme(cohort) | Self::EveryDay(cohort) => p.cohort == *cohort,
        }
    }

    /// The placements the document holds, by day, cohort and team (cancelled ones are never
    /// among `all`).
    pub fn select<'a>(&self, all: &'a [SheetPlacement]) -> Vec<&'a SheetPlacement> {
        let mut chosen: Vec<&SheetPlacement> = all.iter().filter(|p| self.includes(p)).collect();
        chosen.sort_by(|a, b| (a.day, &a.cohort_name, a.team.0).cmp(&(b.day, &b.cohort_name, b.team.0)));
        chosen
    }

    /// Whether the document holds people's personal details (names, phones, emergency
    /// contacts), and so must say to keep it safe.
    pub fn has_personal_data(&self) -> bool {
        matches!(self, Self::Day(_) | Self::Team(_) | Self::EveryDay(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_is_called_by_their_preferred_name_or_their_first() {
        let mut m = SheetMember { name: "Siobhán Ó Dálaigh".into(), ..Default::default() };
        assert_eq!(m.first_name(), "Siobhán");
        m.preferred_name = " Shiv ".into();
        assert_eq!(m.first_name(), "Shiv");
    }
}
