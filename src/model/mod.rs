//! The domain model: plain data and rules. Nothing here knows about egui, SQL or files.

pub mod availability;
pub mod board;
pub mod calendar;
pub mod checks;
pub mod clash;
pub mod dates;
pub mod directory;
pub mod edits;
pub mod fields;
pub mod flow;
pub mod group_match;
pub mod ids;
pub mod meeting_place;
pub mod neighbourhoods;
pub mod offer_list;
pub mod org_names;
pub mod outcomes;
pub mod postcode;
pub mod programme;
pub mod random;
pub mod records;
pub mod report;
pub mod search;
pub mod sharing;
pub mod sheets;
pub mod suggest;
pub mod team_size;
pub mod teams;
pub mod text;

pub use checks::FieldProblem;
pub use edits::{
    CohortEdit, GroupEdit, GroupQuestion, ImportCounts, ImportGroup, ImportOffer, ImportParticipant, NewPlacement,
    OfferEdit, OnDuplicate, Override, ParticipantEdit, split_tags,
};
pub use fields::{CohortFormField, GroupFormField, OfferFormField, OutcomeFormField, ParticipantFormField};
pub use ids::{
    CategoryId, CohortId, GroupId, NeighbourhoodId, OfferId, OrganisationId, ParticipantId, PlacementId,
    PostcodeRuleId, PracticeId, ProfessionId, TeamId,
};
pub use meeting_place::MeetingPlace;
pub use records::*;
pub use team_size::TeamSize;
