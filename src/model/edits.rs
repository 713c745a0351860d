//! Records checked and ready to be written, and the rows an import hands the store.
//!
//! Only the checks here make a `GroupEdit`, `OfferEdit`, `CohortEdit` or `ParticipantEdit`, so
//! the store writes nothing that has not passed them. They are plain values: the store turns
//! them into columns, and the window, the command line and the imports make them alike.

use chrono::NaiveDate;

use super::checks::{check_cohort, check_group, check_offer, check_participant, normalise_postcode};
use super::clash::ClashKind;
use super::text::compose_in_place;
use super::*;

/// A checked group, ready to be written: only [`GroupEdit::check`] makes one.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupEdit(CommunityGroup);

impl GroupEdit {
    /// Checks a group's record and normalises its postcode; the problems are shown by each field.
    pub fn check(mut group: CommunityGroup) -> Result<Self, Vec<FieldProblem<GroupFormField>>> {
        let problems = check_group(&group);
        if !problems.is_empty() {
            return Err(problems);
        }
        if let Some(postcode) = normalise_postcode(&group.postcode) {
            group.postcode = postcode;
        }
        Ok(Self::composed(group))
    }

    /// Its text as the file keeps it, trimmed and composed, so that it can be written as it is.
    fn composed(mut group: CommunityGroup) -> Self {
        let g = &mut group;
        for field in [
            &mut g.name,
            &mut g.other_names,
            &mut g.description,
            &mut g.address_line1,
            &mut g.address_line2,
            &mut g.town,
            &mut g.postcode,
            &mut g.phone,
            &mut g.email,
            &mut g.website,
            &mut g.contact_name,
            &mut g.contact_role,
            &mut g.contact_phone,
            &mut g.contact_email,
            &mut g.charity_number,
            &mut g.company_number,
            &mut g.other_identifier,
            &mut g.accessibility,
            &mut g.safeguarding_notes,
            &mut g.notes,
        ] {
            compose_in_place(field);
        }
        Self(group)
    }

    /// An imported group: only a missing name stops it. Other doubtful values are kept exactly
    /// as given (nothing the user had is lost) and returned as warnings for the import report.
    #[allow(clippy::type_complexity)]
    pub fn imported(
        mut group: CommunityGroup,
    ) -> Result<(Self, Vec<FieldProblem<GroupFormField>>), FieldProblem<GroupFormField>> {
        let problems = check_group(&group);
        if let Some(fatal) = problems.iter().find(|p| p.field == GroupFormField::Name) {
            return Err(fatal.clone());
        }
        if let Some(postcode) = normalise_postcode(&group.postcode) {
            group.postcode = postcode;
        }
        let warnings = problems
            .into_iter()
            .map(|p| {
                let value = match p.field {
                    GroupFormField::Postcode => &group.postcode,
                    GroupFormField::Email => &group.email,
                    GroupFormField::ContactEmail => &group.contact_email,
                    GroupFormField::Phone => &group.phone,
                    GroupFormField::ContactPhone => &group.contact_phone,
                    _ => "",
                };
                FieldProblem { field: p.field, message: format!("“{value}”: {} Kept as given.", p.message) }
            })
            .collect();
        Ok((Self::composed(group), warnings))
    }

    /// The group as it will be written.
    pub fn group(&self) -> &CommunityGroup {
        &self.0
    }
}

/// A checked offer, ready to be written: only [`OfferEdit::check`] and
/// [`OfferEdit::imported`] make one.
#[derive(Clone, Debug, PartialEq)]
pub struct OfferEdit(Offer);

impl OfferEdit {
    /// Checks an offer; the problems are shown by each field.
    pub fn check(mut offer: Offer) -> Result<Self, Vec<FieldProblem<OfferFormField>>> {
        let problems = check_offer(&offer);
        if !problems.is_empty() {
            return Err(problems);
        }
        tidy(&mut offer);
        Ok(Self(offer))
    }

    /// An imported offer: the rules that keep the file consistent (dates in order, a day that
    /// finishes after it starts, sizes and capacity that make sense, a title) refuse the row; a
    /// doubtful day-contact phone number is kept as given and returned as a warning.
    pub fn imported(mut offer: Offer) -> Result<(Self, Vec<String>), Vec<FieldProblem<OfferFormField>>> {
        let (warnings, fatal): (Vec<_>, Vec<_>) =
            check_offer(&offer).into_iter().partition(|p| p.field == OfferFormField::DayContactPhone);
        if !fatal.is_empty() {
            return Err(fatal);
        }
        tidy(&mut offer);
        let warnings = warnings
            .into_iter()
            .map(|p| format!("“{}”: {} Kept as given.", offer.day_contact_phone, p.message))
            .collect();
        Ok((Self(offer), warnings))
    }

    /// The offer as it will be written.
    pub fn offer(&self) -> &Offer {
        &self.0
    }

    /// Adds a practice (one the import has just put on the list); no rule the check keeps is
    /// about practices.
    pub fn add_practice(&mut self, practice: PracticeId) {
        if !self.0.practises.contains(&practice) {
            self.0.practises.push(practice);
            self.0.practises.sort();
        }
    }

    /// The same offer from another group (in another neighbourhood): an imported row whose
    /// group the person chose. Neither is among the rules the check keeps.
    pub fn for_group(mut self, group: GroupId, neighbourhood: Option<NeighbourhoodId>) -> Self {
        self.0.group = group;
        self.0.neighbourhood = neighbourhood;
        self
    }
}

/// Sorted days without repeats, tags without blanks or repeats.
fn tidy(offer: &mut Offer) {
    for days in [&mut offer.when.extra_dates, &mut offer.when.blackout_dates] {
        days.sort();
        days.dedup();
    }
    let mut tags: Vec<String> = Vec::new();
    for tag in offer.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            tags.push(tag.to_owned());
        }
    }
    offer.tags = tags;
    offer.practises.sort();
    offer.practises.dedup();
}

/// Tags as stored: one text, comma-separated.
pub fn split_tags(text: &str) -> Vec<String> {
    text.split([',', ';', '\n']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// One offer to import, checked, matched to its group.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportOffer {
    pub edit: OfferEdit,
    /// The group's name as the directory has it, for the preview.
    pub group_name: String,
    /// Practices the row names that are not on the list yet; the import adds them.
    pub new_practices: Vec<String>,
    /// The same group's offer with the same title, already in the file.
    pub duplicate_of: Option<OfferId>,
    /// The row's group is not sure yet: the person chooses (the row is not imported until then).
    pub question: Option<GroupQuestion>,
    /// Whether the row gave its neighbourhood (else it is worked out from the meeting place's
    /// postcode, or is the group's).
    pub neighbourhood_given: bool,
    /// Whether the row said how many team-days the group can host (else it is one).
    pub capacity_given: bool,
}

/// A row whose group name fits more than one group, or only roughly fits one: the groups it may
/// be, for the person to choose from.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupQuestion {
    /// The name as the row writes it.
    pub written: String,
    /// Each group it may be, with the words that tell them apart.
    pub options: Vec<(GroupId, String)>,
    /// True when no group has the name and these are only like it; false when several have it.
    pub rough: bool,
}

impl GroupQuestion {
    /// "“Cheshire Wildlife” is not a group in the directory; it may be one of these" and the like.
    pub fn words(&self) -> String {
        if self.rough {
            format!("no group in the directory is called “{}”; groups with names like it", self.written)
        } else {
            format!("{} groups in the directory are called “{}”", self.options.len(), self.written)
        }
    }
}

/// A checked cohort, ready to be written.
#[derive(Clone, Debug, PartialEq)]
pub struct CohortEdit(Cohort);

impl CohortEdit {
    pub fn check(cohort: Cohort) -> Result<Self, Vec<FieldProblem<CohortFormField>>> {
        let problems = check_cohort(&cohort);
        if problems.is_empty() { Ok(Self(cohort)) } else { Err(problems) }
    }

    pub fn cohort(&self) -> &Cohort {
        &self.0
    }
}

/// A checked participant, ready to be written.
#[derive(Clone, Debug, PartialEq)]
pub struct ParticipantEdit(Participant);

impl ParticipantEdit {
    pub fn check(mut participant: Participant) -> Result<Self, Vec<FieldProblem<ParticipantFormField>>> {
        let problems = check_participant(&participant);
        if !problems.is_empty() {
            return Err(problems);
        }
        participant.unavailable.sort();
        participant.unavailable.dedup();
        Ok(Self(participant))
    }

    /// An imported participant: only a missing name refuses the row; a doubtful email or phone
    /// number is kept as given and returned as a warning.
    pub fn imported(mut participant: Participant) -> Result<(Self, Vec<String>), FieldProblem<ParticipantFormField>> {
        let mut warnings = Vec::new();
        for problem in check_participant(&participant) {
            match problem.field {
                ParticipantFormField::Name | ParticipantFormField::Unavailable => return Err(problem),
                field => {
                    let value = match field {
                        ParticipantFormField::Email => participant.email.as_str(),
                        ParticipantFormField::Mobile => participant.mobile.as_str(),
                        ParticipantFormField::EmergencyContactPhone => participant.emergency_contact_phone.as_str(),
                        _ => "",
                    };
                    warnings.push(format!("“{value}”: {} Kept as given.", problem.message));
                }
            }
        }
        participant.unavailable.sort();
        participant.unavailable.dedup();
        Ok((Self(participant), warnings))
    }

    pub fn participant(&self) -> &Participant {
        &self.0
    }

    /// The same participant in another cohort (a roster imported into a cohort made for it).
    pub fn move_to(&mut self, cohort: CohortId) {
        self.0.cohort = cohort;
    }

    /// Their organisation, once the import has found or added it on the list.
    pub fn set_organisation(&mut self, organisation: Option<OrganisationId>) {
        self.0.organisation = organisation;
    }

    /// Their profession, once the import has found or added it on the list.
    pub fn set_profession(&mut self, profession: Option<ProfessionId>) {
        self.0.profession = profession;
    }
}

/// One roster row to import, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportParticipant {
    pub edit: ParticipantEdit,
    /// Names from the sheet; unknown ones are added to the lists.
    pub organisation: Option<String>,
    pub profession: Option<String>,
    /// The participant of the cohort with the same email address.
    pub duplicate_of: Option<ParticipantId>,
}

/// Why a placement that breaks a hard rule was made anyway, and which rules it breaks.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Override {
    pub reason: String,
    pub kinds: Vec<ClashKind>,
}

/// A placement to be made.
#[derive(Clone, Debug, PartialEq)]
pub struct NewPlacement {
    pub team: TeamId,
    pub day: NaiveDate,
    pub offer: Option<OfferId>,
    pub status: PlacementStatus,
    pub overridden: Option<Override>,
}

/// One group to import, checked, with what the file knows of it.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportGroup {
    pub edit: GroupEdit,
    /// Category names; unknown ones are added to the list.
    pub categories: Vec<String>,
    /// A neighbourhood name; unknown ones are added to the list. Without one, the postcode
    /// district rules decide.
    pub neighbourhood: Option<String>,
    /// The group already in the file that this one is.
    pub duplicate_of: Option<GroupId>,
    /// An earlier row of the same file that is this group: this row is not imported.
    pub earlier_line: Option<u64>,
    /// How it was matched, in words ("same charity number 1026843 as ‘…’, FY7 2BA"); empty
    /// when it matched nothing.
    pub matched_on: String,
    /// A doubtful match (the same charity number, another name and postcode): the group, and
    /// how it matched in words. Imported as new unless the person says it is that group.
    pub doubtful_of: Option<(GroupId, String)>,
}

impl ImportGroup {
    /// The person says a doubtful match is the same group: it is treated as a match.
    pub fn accept_doubtful(&mut self) {
        if let Some((id, words)) = self.doubtful_of.take()
            && self.duplicate_of.is_none()
            && self.earlier_line.is_none()
        {
            self.duplicate_of = Some(id);
            self.matched_on = words;
        }
    }

    /// Whether importing this row makes a new group.
    pub fn is_new(&self, on_duplicate: OnDuplicate) -> bool {
        self.earlier_line.is_none() && (self.duplicate_of.is_none() || on_duplicate == OnDuplicate::New)
    }
}

/// What to do with a row that matches a group already in the file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnDuplicate {
    /// Fill the existing group with the row's values (empty cells change nothing).
    Update,
    /// Leave the existing group as it is.
    #[default]
    Skip,
    /// Import the row as another group.
    New,
}

/// How many rows went which way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub imported: usize,
    pub updated: usize,
    pub skipped: usize,
}
