//! Typed row ids, so that a team id can never be passed where a group id is meant.

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub struct $name(pub i64);
    )*};
}

id_type!(
    /// A community group in the directory.
    GroupId,
    /// A neighbourhood of the programme's area.
    NeighbourhoodId,
    /// A category groups are filed under (food, sport, …).
    CategoryId,
    /// An activity offer made by a group.
    OfferId,
    /// A cohort (one run of a leadership programme).
    CohortId,
    /// A participant of a cohort.
    ParticipantId,
    /// An organisation that participants come from.
    OrganisationId,
    /// A profession of the editable list.
    ProfessionId,
    /// A team of participants.
    TeamId,
    /// A team placed on an offer on one day.
    PlacementId,
    /// A kind of leadership practice an offer gives a team (the programme's editable list).
    PracticeId,
    /// A rule giving the groups of a postcode district a neighbourhood.
    PostcodeRuleId,
);
