//! The records of a placement programme, as plain values.

use chrono::{NaiveDate, NaiveTime};

use super::availability::Availability;
use super::ids::*;

/// Whether a community group is still running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum GroupStatus {
    #[default]
    Active,
    Dormant,
    Closed,
}

impl GroupStatus {
    pub const ALL: [Self; 3] = [Self::Active, Self::Dormant, Self::Closed];

    /// The word stored in the file.
    pub fn code(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Dormant => "dormant",
            Self::Closed => "closed",
        }
    }

    /// The word shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::Dormant => "Dormant",
            Self::Closed => "Closed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Where an offer stands with the group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum OfferStatus {
    Draft,
    #[default]
    Offered,
    Confirmed,
    Withdrawn,
    Completed,
}

impl OfferStatus {
    pub const ALL: [Self; 5] = [Self::Draft, Self::Offered, Self::Confirmed, Self::Withdrawn, Self::Completed];

    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Offered => "offered",
            Self::Confirmed => "confirmed",
            Self::Withdrawn => "withdrawn",
            Self::Completed => "completed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Offered => "Offered",
            Self::Confirmed => "Confirmed",
            Self::Withdrawn => "Withdrawn",
            Self::Completed => "Completed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The days of the week an offer runs on, Monday in bit 0 to Sunday in bit 6.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Weekdays(pub u8);

impl Weekdays {
    pub const MONDAY_TO_FRIDAY: Self = Self(0b001_1111);

    pub fn contains(self, weekday: chrono::Weekday) -> bool {
        self.0 & (1 << weekday.num_days_from_monday()) != 0
    }
}

/// A community group's record in the directory.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CommunityGroup {
    pub name: String,
    pub other_names: String,
    pub description: String,
    pub neighbourhood: Option<NeighbourhoodId>,
    pub address_line1: String,
    pub address_line2: String,
    pub town: String,
    pub postcode: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub contact_name: String,
    pub contact_role: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub charity_number: String,
    pub company_number: String,
    pub other_identifier: String,
    pub status: GroupStatus,
    pub accessibility: String,
    pub safeguarding_notes: String,
    /// Whether the group agreed to be contacted about placements, and when.
    pub consent_to_contact: bool,
    pub consent_date: Option<NaiveDate>,
    /// When someone last checked the record with the group.
    pub last_verified: Option<NaiveDate>,
    pub notes: String,
    pub archived: bool,
    /// The categories it is filed under.
    pub categories: Vec<CategoryId>,
}

impl CommunityGroup {
    /// Address lines, town and postcode in one line.
    pub fn full_address(&self) -> String {
        super::text::join_present(&[&self.address_line1, &self.address_line2, &self.town, &self.postcode], ", ")
    }

    /// Its address as a meeting place, for an offer whose group says "meet us at our address"
    /// (copied only when the coordinator asks: never taken for an offer's place unasked).
    pub fn address_as_meeting_place(&self) -> super::MeetingPlace {
        super::MeetingPlace {
            address: super::text::join_present(&[&self.address_line1, &self.address_line2], ", "),
            town: self.town.clone(),
            postcode: self.postcode.clone(),
        }
    }
}

/// A group with the names of its neighbourhood and categories, as exports write it.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupRecord {
    pub id: GroupId,
    pub group: CommunityGroup,
    pub neighbourhood: String,
    pub categories: Vec<String>,
}

/// One line of the directory's list. A register of 400,000 groups is 400,000 of these, kept
/// for the window's life: the short texts are one allocation (`text`, each field's end in
/// `ends`), the neighbourhood's name is shared by its groups, and the categories are a boxed
/// slice, so a group takes about a third of the memory a `String` per field took.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupSummary {
    pub id: GroupId,
    /// The name, town, postcode and phone, then the name folded and the other short fields
    /// folded (see [`GroupSummary::name_key`], [`GroupSummary::other_keys`]).
    text: Box<str>,
    /// Where each of the first five ends in `text`; the last runs to its end.
    ends: [u32; 5],
    pub neighbourhood_id: Option<NeighbourhoodId>,
    neighbourhood: std::sync::Arc<str>,
    pub status: GroupStatus,
    pub archived: bool,
    pub last_verified: Option<NaiveDate>,
    pub categories: Box<[CategoryId]>,
}

/// What a [`GroupSummary`] is made of.
#[derive(Clone, Debug, Default)]
pub struct GroupSummaryParts<'a> {
    pub id: GroupId,
    pub name: &'a str,
    pub town: &'a str,
    pub postcode: &'a str,
    pub phone: &'a str,
    /// The other short fields folded, each ended by [`crate::model::search::FIELD_END`]
    /// (`crate::model::search::fold_fields`).
    pub other_keys: &'a str,
    pub neighbourhood_id: Option<NeighbourhoodId>,
    /// The neighbourhood's name, shared by its groups.
    pub neighbourhood: std::sync::Arc<str>,
    pub status: GroupStatus,
    pub archived: bool,
    pub last_verified: Option<NaiveDate>,
    pub categories: Vec<CategoryId>,
}

impl GroupSummary {
    pub fn new(parts: GroupSummaryParts<'_>) -> Self {
        let name_key = crate::model::search::fold(parts.name);
        let fields = [parts.name, parts.town, parts.postcode, parts.phone, &name_key, parts.other_keys];
        let mut text = String::with_capacity(fields.iter().map(|f| f.len()).sum());
        let mut ends = [0u32; 5];
        for (i, field) in fields.iter().enumerate() {
            text.push_str(field);
            if let Some(end) = ends.get_mut(i) {
                // A group's short fields are far below 4 GB together.
                *end = u32::try_from(text.len()).unwrap_or(u32::MAX);
            }
        }
        Self {
            id: parts.id,
            text: text.into_boxed_str(),
            ends,
            neighbourhood_id: parts.neighbourhood_id,
            neighbourhood: parts.neighbourhood,
            status: parts.status,
            archived: parts.archived,
            last_verified: parts.last_verified,
            categories: parts.categories.into_boxed_slice(),
        }
    }

    /// The `i`th of the short texts.
    fn field(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let end = self.ends.get(i).map_or(self.text.len(), |e| *e as usize);
        self.text.get(start..end).unwrap_or_default()
    }

    pub fn name(&self) -> &str {
        self.field(0)
    }

    pub fn town(&self) -> &str {
        self.field(1)
    }

    pub fn postcode(&self) -> &str {
        self.field(2)
    }

    pub fn phone(&self) -> &str {
        self.field(3)
    }

    /// The name folded (lower case, no accents), for sorting and matching.
    pub fn name_key(&self) -> &str {
        self.field(4)
    }

    /// The other short fields folded, in which a search finds any part of a word: other names,
    /// the contact's name, the postcode and the identifiers (charity, company, other), each
    /// ended by [`crate::model::search::FIELD_END`].
    pub fn other_keys(&self) -> &str {
        self.field(5)
    }

    /// The neighbourhood's name, or "" when it has none.
    pub fn neighbourhood(&self) -> &str {
        &self.neighbourhood
    }

    /// Whether `word` (folded) is any part of the group's name or other short fields.
    pub fn has_text(&self, word: &str) -> bool {
        self.name_key().contains(word) || self.other_keys().contains(word)
    }
}

/// A category of the editable list.
#[derive(Clone, Debug, PartialEq)]
pub struct Category {
    pub id: CategoryId,
    pub name: String,
}

/// A neighbourhood of the programme's area.
#[derive(Clone, Debug, PartialEq)]
pub struct Neighbourhood {
    pub id: NeighbourhoodId,
    pub name: String,
}

/// A group's invitation to host a team for a day.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    pub group: GroupId,
    pub title: String,
    /// What the team will do.
    pub activity: String,
    pub group_gains: String,
    pub neighbourhood: Option<NeighbourhoodId>,
    /// Where the team meets the group: the offer's own, never the group's registered address.
    pub meeting_place: super::MeetingPlace,
    /// How to get there: parking, buses, trains.
    pub travel: String,
    /// The site's accessibility.
    pub site_access: String,
    /// The days it can host a team.
    pub when: Availability,
    pub start_time: NaiveTime,
    pub finish_time: NaiveTime,
    pub team_size_min: u32,
    pub team_size_max: u32,
    /// How many team-days the group can host over the programme.
    pub capacity: u32,
    /// What the team will practise, from the programme's list.
    pub practises: Vec<PracticeId>,
    /// Free tags, as typed.
    pub tags: Vec<String>,
    pub dbs_required: bool,
    pub outdoor_clothing: bool,
    pub what_to_bring: String,
    /// Anything else the team must know.
    pub requirements: String,
    pub day_contact_name: String,
    pub day_contact_phone: String,
    pub status: OfferStatus,
}

impl Offer {
    /// A new draft offer from `group`, over the four weeks from `start`, Monday to Friday,
    /// 09:30 to 16:00, for one team of three to six.
    pub fn new_draft(group: GroupId, start: NaiveDate) -> Self {
        Self {
            group,
            title: String::new(),
            activity: String::new(),
            group_gains: String::new(),
            neighbourhood: None,
            meeting_place: super::MeetingPlace::default(),
            travel: String::new(),
            site_access: String::new(),
            when: Availability {
                first_date: start,
                last_date: start + chrono::Duration::days(27),
                weekdays: Weekdays::MONDAY_TO_FRIDAY,
                extra_dates: Vec::new(),
                blackout_dates: Vec::new(),
                weekends_allowed: false,
                bank_holidays_allowed: false,
            },
            start_time: NaiveTime::from_hms_opt(9, 30, 0).unwrap_or_default(),
            finish_time: NaiveTime::from_hms_opt(16, 0, 0).unwrap_or_default(),
            team_size_min: 3,
            team_size_max: 6,
            capacity: 1,
            practises: Vec::new(),
            tags: Vec::new(),
            dbs_required: false,
            outdoor_clothing: false,
            what_to_bring: String::new(),
            requirements: String::new(),
            day_contact_name: String::new(),
            day_contact_phone: String::new(),
            status: OfferStatus::Draft,
        }
    }
}

/// A kind of leadership practice, from the programme's editable list.
#[derive(Clone, Debug, PartialEq)]
pub struct Practice {
    pub id: PracticeId,
    pub name: String,
}

/// One line of the offers list, with what its filters need.
#[derive(Clone, Debug, PartialEq)]
pub struct OfferSummary {
    pub id: OfferId,
    pub group: GroupId,
    pub group_name: String,
    pub title: String,
    pub neighbourhood_id: Option<NeighbourhoodId>,
    pub neighbourhood: String,
    pub meeting_place: super::MeetingPlace,
    pub when: Availability,
    pub team_size_min: u32,
    pub team_size_max: u32,
    pub capacity: u32,
    pub placed: u32,
    pub practises: Vec<PracticeId>,
    pub tags: Vec<String>,
    pub status: OfferStatus,
}

impl OfferSummary {
    /// Team-days still free.
    pub fn capacity_left(&self) -> u32 {
        super::availability::capacity_left(self.capacity, self.placed)
    }
}

/// One run of a leadership programme.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Cohort {
    pub id: CohortId,
    pub name: String,
    pub programme_type: String,
    /// The programme window: its first and last day.
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    pub default_team_size: u32,
    /// The most of its teams out on one day (none: no limit); Suggest keeps to it and the board
    /// warns past it.
    pub most_per_day: Option<u32>,
    /// Printed on day sheets.
    pub coordinator_name: String,
    pub coordinator_phone: String,
    pub notes: String,
    /// When the participants' personal details were removed, if they were.
    pub personal_data_removed_on: Option<NaiveDate>,
}

/// Days someone cannot go out, from the first to the last (one day when they are the same).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DaySpan {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// A person on a cohort, whole.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Participant {
    pub cohort: CohortId,
    pub name: String,
    pub preferred_name: String,
    pub profession: Option<ProfessionId>,
    pub organisation: Option<OrganisationId>,
    pub email: String,
    pub mobile: String,
    /// Leave, on call, rota: the days they cannot go out.
    pub unavailable: Vec<DaySpan>,
    pub access_needs: String,
    pub emergency_contact_name: String,
    pub emergency_contact_phone: String,
    pub notes: String,
}

/// A name of an editable list (organisations, professions).
#[derive(Clone, Debug, PartialEq)]
pub struct Named<I> {
    pub id: I,
    pub name: String,
}

/// A person on a cohort, as the roster shows them.
#[derive(Clone, Debug, PartialEq)]
pub struct ParticipantSummary {
    pub id: ParticipantId,
    pub name: String,
    pub profession: String,
    pub organisation: String,
    pub team: Option<TeamId>,
}

/// A small team that goes out together for one day.
#[derive(Clone, Debug, PartialEq)]
pub struct Team {
    pub id: TeamId,
    pub cohort: CohortId,
    pub name: String,
    pub locked: bool,
}

/// Where a placement stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum PlacementStatus {
    /// Drafting: nobody has been told yet.
    #[default]
    Pencilled,
    /// The group has agreed.
    Confirmed,
    Done,
    /// Kept for the record, off the board unless asked for.
    Cancelled,
}

impl PlacementStatus {
    pub const ALL: [Self; 4] = [Self::Pencilled, Self::Confirmed, Self::Done, Self::Cancelled];

    /// The word stored in the file.
    pub fn code(self) -> &'static str {
        match self {
            Self::Pencilled => "pencilled",
            Self::Confirmed => "confirmed",
            Self::Done => "done",
            Self::Cancelled => "cancelled",
        }
    }

    /// The word shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pencilled => "Pencilled",
            Self::Confirmed => "Confirmed",
            Self::Done => "Done",
            Self::Cancelled => "Cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the placement is on the board (and counts for clashes and capacity).
    pub fn is_live(self) -> bool {
        self != Self::Cancelled
    }
}

/// A team placed on a day (with an activity offer once one is chosen), with the names the board
/// and the day sheets show.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacementSummary {
    pub id: PlacementId,
    pub team: TeamId,
    pub team_name: String,
    pub cohort: CohortId,
    pub cohort_name: String,
    pub offer: Option<OfferId>,
    /// Empty when no offer is chosen yet.
    pub offer_title: String,
    pub group_name: String,
    pub neighbourhood: Option<NeighbourhoodId>,
    pub day: NaiveDate,
    pub status: PlacementStatus,
    pub notes: String,
    /// Why a hard clash was placed anyway, as the coordinator typed it.
    pub override_reason: String,
    /// The offer's team-days (0 with no offer).
    pub offer_capacity: u32,
}

/// How many of each record a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize)]
pub struct Counts {
    pub groups: u64,
    pub offers: u64,
    pub cohorts: u64,
    pub participants: u64,
    pub teams: u64,
    pub placements: u64,
}
