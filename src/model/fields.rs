//! The fields of each record that a check, a form or an import names: a problem is shown under
//! its field, and an import names the column it was read from. One enum per record, so a field
//! is matched by the compiler, never by its spelling.

/// A field of a group's record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GroupFormField {
    Name,
    OtherNames,
    Description,
    AddressLine1,
    AddressLine2,
    Town,
    Postcode,
    Phone,
    Email,
    Website,
    ContactName,
    ContactRole,
    ContactPhone,
    ContactEmail,
    CharityNumber,
    CompanyNumber,
    OtherIdentifier,
    Accessibility,
    SafeguardingNotes,
    Notes,
    ConsentDate,
    LastVerified,
}

/// A field of an offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OfferFormField {
    Title,
    Activity,
    GroupGains,
    Address,
    Town,
    Postcode,
    Travel,
    SiteAccess,
    LastDate,
    Weekdays,
    StartTime,
    FinishTime,
    TeamSizeMin,
    TeamSizeMax,
    Capacity,
    WhatToBring,
    Requirements,
    DayContactName,
    DayContactPhone,
    BlackoutDates,
}

/// A field of a cohort's record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CohortFormField {
    Name,
    ProgrammeType,
    FirstDay,
    LastDay,
    DefaultTeamSize,
    MostPerDay,
    CoordinatorName,
    CoordinatorPhone,
    Notes,
}

/// A field of a participant's record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParticipantFormField {
    Name,
    PreferredName,
    Email,
    Mobile,
    AccessNeeds,
    EmergencyContactName,
    EmergencyContactPhone,
    Notes,
    Unavailable,
}

/// A field of a day's outcome, and the team's ratings with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutcomeFormField {
    Reason,
    Hours,
    LocalPeople,
    Summary,
    GroupUsefulness,
    GroupComment,
    Ratings,
}
