//! The changes a person can ask for, as plain values, and applying them to the document. The
//! window's panels return them as commands; the command line builds the same ones. Each is one
//! undo step. Nothing here knows about egui.

use crate::model::text::count_of;
use crate::model::{
    CategoryId, CohortId, GroupId, NeighbourhoodId, OfferId, ParticipantId, PlacementId, PostcodeRuleId, PracticeId,
    TeamId,
};
use chrono::NaiveDate;

use crate::model::PlacementStatus;
use crate::model::board::{Gesture, Verdict};
use crate::model::{CohortEdit, GroupEdit, OfferEdit, ParticipantEdit};
use crate::model::{NewPlacement, Override};
use crate::store::{ChangeSet, Overwrite, PeopleList, PeopleListItem, ProposedTeam, Store, StoreError};

/// A change to the document; each is one undo step.
#[derive(Clone, Debug, PartialEq)]
pub enum EditRequest {
    Directory(DirectoryEdit),
    Offers(OffersEdit),
    People(PeopleEdit),
    Board(BoardEdit),
    Outcomes(OutcomesEdit),
}

/// Recording what happened on a day out.
#[derive(Clone, Debug, PartialEq)]
pub enum OutcomesEdit {
    /// The day's outcome (or none) and each member's feedback, saved as one step.
    Save {
        placement: PlacementId,
        outcome: Option<crate::model::outcomes::Outcome>,
        feedback: Vec<crate::model::outcomes::Feedback>,
    },
}

/// Changes to the directory of groups and its lists.
#[derive(Clone, Debug, PartialEq)]
pub enum DirectoryEdit {
    UpdateGroup {
        id: GroupId,
        edit: GroupEdit,
    },
    AddGroup(GroupEdit),
    SetGroupArchived {
        id: GroupId,
        change: crate::store::Archiving,
    },
    /// Merge `remove` into `keep`, which takes the values in `merged`.
    MergeGroups {
        keep: GroupId,
        remove: GroupId,
        merged: GroupEdit,
    },
    AddNeighbourhood(String),
    RenameNeighbourhood(NeighbourhoodId, String),
    AddCategory(String),
    RenameCategory(CategoryId, String),
    SetPostcodeRule {
        district: String,
        neighbourhood: NeighbourhoodId,
    },
    RemovePostcodeRule(PostcodeRuleId),
    /// Assign neighbourhoods from postcode districts: to groups without one, or to all.
    ApplyPostcodeRules {
        overwrite: Overwrite,
    },
    /// Name the neighbourhood of each postcode area (district or sector) and give every group
    /// and offer the one its postcode is in.
    SetUpNeighbourhoods(Vec<(String, String)>),
}

/// Changes to the offers and the practices list.
#[derive(Clone, Debug, PartialEq)]
pub enum OffersEdit {
    AddOffer(OfferEdit),
    UpdateOffer { id: OfferId, edit: OfferEdit },
    DeleteOffer(OfferId),
    AddPractice(String),
    RenamePractice(PracticeId, String),
}

/// Changes to cohorts, participants and teams.
#[derive(Clone, Debug, PartialEq)]
pub enum PeopleEdit {
    AddCohort(CohortEdit),
    UpdateCohort {
        id: CohortId,
        edit: CohortEdit,
    },
    AddParticipant(ParticipantEdit),
    UpdateParticipant {
        id: ParticipantId,
        edit: ParticipantEdit,
    },
    DeleteParticipant(ParticipantId),
    /// Put a person in a team, or in none.
    MoveParticipant {
        id: ParticipantId,
        team: Option<TeamId>,
    },
    UpdateTeam {
        id: TeamId,
        name: String,
        lock: crate::store::TeamLock,
    },
    ApplyTeams {
        cohort: CohortId,
        teams: Vec<ProposedTeam>,
    },
    RemovePersonalData {
        cohort: CohortId,
        names: KeepNames,
    },
    AddToPeopleList(PeopleList, String),
    RenameInPeopleList(PeopleListItem, String),
}

/// Changes to the placements on the board. Whether one breaks a clash rule is asked of
/// `model::clash` before it is made; one placed anyway carries the coordinator's reason.
#[derive(Clone, Debug, PartialEq)]
pub enum BoardEdit {
    /// A team on a day (pencilled), with an activity offer or none yet.
    Place {
        team: TeamId,
        day: NaiveDate,
        offer: Option<OfferId>,
        overridden: Option<Override>,
    },
    /// To another day, with its offer (kept, or none when it does not run then).
    Move {
        id: PlacementId,
        day: NaiveDate,
        offer: Option<OfferId>,
        overridden: Option<Override>,
    },
    /// An activity offer for the placement, or none.
    SetOffer {
        id: PlacementId,
        offer: Option<OfferId>,
        overridden: Option<Override>,
    },
    /// The two placements exchange teams.
    Swap {
        a: PlacementId,
        b: PlacementId,
        overridden: Option<Override>,
    },
    SetStatus {
        id: PlacementId,
        status: PlacementStatus,
    },
    SetNote {
        id: PlacementId,
        note: String,
    },
    RemovePlacement(PlacementId),
    /// Suggest's proposal for a cohort, made as one step (refused if the file changed so that
    /// it no longer stands).
    ApplySuggestion {
        cohort: String,
        placements: Vec<(TeamId, NaiveDate, OfferId)>,
    },
}

/// Whether "Remove personal data" keeps participants' names.
pub use crate::store::KeepNames;

impl BoardEdit {
    /// The edit a judged gesture makes; `overridden` when a hard clash is placed anyway.
    pub fn from_gesture(gesture: Gesture, verdict: &Verdict, overridden: Option<Override>) -> Self {
        match gesture {
            Gesture::Place { team, day, offer } => Self::Place { team, day, offer, overridden },
            Gesture::Move { id, day } => Self::Move { id, day, offer: verdict.offer, overridden },
            Gesture::SetOffer { id, offer } => Self::SetOffer { id, offer: Some(offer), overridden },
            Gesture::Swap { a, b } => Self::Swap { a, b, overridden },
            Gesture::Remove { id } => Self::RemovePlacement(id),
        }
    }
}

impl From<DirectoryEdit> for EditRequest {
    fn from(edit: DirectoryEdit) -> Self {
        Self::Directory(edit)
    }
}

impl From<OffersEdit> for EditRequest {
    fn from(edit: OffersEdit) -> Self {
        Self::Offers(edit)
    }
}

impl From<PeopleEdit> for EditRequest {
    fn from(edit: PeopleEdit) -> Self {
        Self::People(edit)
    }
}

impl From<OutcomesEdit> for EditRequest {
    fn from(edit: OutcomesEdit) -> Self {
        Self::Outcomes(edit)
    }
}

impl From<BoardEdit> for EditRequest {
    fn from(edit: BoardEdit) -> Self {
        Self::Board(edit)
    }
}

/// What an edit was about, so that the window can show it once saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Nothing,
    Group(GroupId),
    Offer(OfferId),
    Cohort(CohortId),
    Participant(ParticipantId),
    Placement(PlacementId),
}

/// A saved edit: its undo step, what it was about, and anything worth a word in the status bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub change: ChangeSet,
    pub subject: Subject,
    pub notice: Option<String>,
}

impl Applied {
    fn about(change: ChangeSet, subject: Subject) -> Self {
        Self { change, subject, notice: None }
    }

    fn plain(change: ChangeSet) -> Self {
        Self::about(change, Subject::Nothing)
    }
}

/// Makes the change in the document (one transaction, one undo step).
pub fn apply(store: &mut Store, edit: &EditRequest) -> Result<Applied, StoreError> {
    match edit {
        EditRequest::Directory(edit) => apply_directory(store, edit),
        EditRequest::Offers(edit) => apply_offers(store, edit),
        EditRequest::People(edit) => apply_people(store, edit),
        EditRequest::Board(edit) => apply_board(store, edit),
        EditRequest::Outcomes(OutcomesEdit::Save { placement, outcome, feedback }) => store
            .save_outcome(*placement, outcome.as_ref(), feedback)
            .map(|change| Applied::about(change, Subject::Placement(*placement))),
    }
}

fn apply_directory(store: &mut Store, edit: &DirectoryEdit) -> Result<Applied, StoreError> {
    use DirectoryEdit::*;
    match edit {
        UpdateGroup { id, edit } => store.update_group(*id, edit).map(|c| Applied::about(c, Subject::Group(*id))),
        AddGroup(edit) => store.add_group(edit).map(|(id, c)| Applied::about(c, Subject::Group(id))),
        SetGroupArchived { id, change } => {
            store.set_group_archived(*id, *change).map(|c| Applied::about(c, Subject::Group(*id)))
        }
        MergeGroups { keep, remove, merged } => {
            store.merge_groups(*keep, *remove, merged).map(|c| Applied::about(c, Subject::Group(*keep)))
        }
        AddNeighbourhood(name) => store.add_neighbourhood(name).map(Applied::plain),
        RenameNeighbourhood(id, name) => store.rename_neighbourhood(*id, name).map(Applied::plain),
        AddCategory(name) => store.add_category(name).map(Applied::plain),
        RenameCategory(id, name) => store.rename_category(*id, name).map(Applied::plain),
        SetPostcodeRule { district, neighbourhood } => {
            store.set_postcode_rule(district, *neighbourhood).map(Applied::plain)
        }
        RemovePostcodeRule(id) => store.remove_postcode_rule(*id).map(Applied::plain),
        ApplyPostcodeRules { overwrite } => store.apply_postcode_rules(*overwrite).map(|(n, change)| Applied {
            change,
            subject: Subject::Nothing,
            notice: Some(format!(
                "Gave {} a neighbourhood from their postcodes",
                count_of(n as u64, "group", "groups")
            )),
        }),
        SetUpNeighbourhoods(areas) => store.set_up_neighbourhoods(areas).map(|(done, change)| Applied {
            change,
            subject: Subject::Nothing,
            notice: Some(neighbourhoods_set_words(&done)),
        }),
    }
}

/// "Set up 11 neighbourhoods: 1,480 groups and 12 offers given one; 20 groups have none".
pub fn neighbourhoods_set_words(done: &crate::store::NeighbourhoodsSet) -> String {
    format!(
        "Neighbourhoods set for {}: {} and {} given one; {} none (no postcode in those areas)",
        count_of(done.areas as u64, "postcode area", "postcode areas"),
        count_of(done.groups as u64, "group", "groups"),
        count_of(done.offers as u64, "offer", "offers"),
        count_of(done.groups_without as u64, "group has", "groups have"),
    )
}

fn apply_offers(store: &mut Store, edit: &OffersEdit) -> Result<Applied, StoreError> {
    use OffersEdit::*;
    match edit {
        AddOffer(edit) => store.add_offer(edit).map(|(id, c)| Applied::about(c, Subject::Offer(id))),
        UpdateOffer { id, edit } => store.update_offer(*id, edit).map(|c| Applied::about(c, Subject::Offer(*id))),
        DeleteOffer(id) => store.delete_offer(*id).map(Applied::plain),
        AddPractice(name) => store.add_practice(name).map(Applied::plain),
        RenamePractice(id, name) => store.rename_practice(*id, name).map(Applied::plain),
    }
}

fn apply_people(store: &mut Store, edit: &PeopleEdit) -> Result<Applied, StoreError> {
    use PeopleEdit::*;
    match edit {
        AddCohort(edit) => store.add_cohort(edit).map(|(id, c)| Applied::about(c, Subject::Cohort(id))),
        UpdateCohort { id, edit } => store.update_cohort(*id, edit).map(|c| Applied::about(c, Subject::Cohort(*id))),
        AddParticipant(edit) => store.add_participant(edit).map(|(id, c)| Applied::about(c, Subject::Participant(id))),
        UpdateParticipant { id, edit } => {
            store.update_participant(*id, edit).map(|c| Applied::about(c, Subject::Participant(*id)))
        }
        DeleteParticipant(id) => store.delete_participant(*id).map(Applied::plain),
        MoveParticipant { id, team } => store.move_participant(*id, *team).map(Applied::plain),
        UpdateTeam { id, name, lock } => store.update_team(*id, name, *lock).map(Applied::plain),
        ApplyTeams { cohort, teams } => {
            store.apply_teams(*cohort, teams).map(|c| Applied::about(c, Subject::Cohort(*cohort)))
        }
        RemovePersonalData { cohort, names } => {
            store.remove_personal_data(*cohort, *names).map(|(removed, change)| Applied {
                change,
                subject: Subject::Cohort(*cohort),
                notice: Some(format!(
                    "Removed the personal details of {}",
                    count_of(removed.participants as u64, "participant", "participants")
                )),
            })
        }
        AddToPeopleList(list, name) => store.add_to_people_list(*list, name).map(Applied::plain),
        RenameInPeopleList(item, name) => store.rename_in_people_list(*item, name).map(Applied::plain),
    }
}

/// The one judge of board edits: an edit that would leave a hard clash is made only when a
/// reason covers every rule it breaks, the edit's own or the one the placement was already
/// placed anyway with (carried over, as when a placement placed anyway is given another
/// activity). Every caller (the board, its dialogs, the command line) comes through here, so
/// none can place a clash without a reason. Returns the override to store.
fn judge_board_edit(store: &Store, edit: &BoardEdit) -> Result<Option<Override>, StoreError> {
    use crate::model::clash::{Candidate, ClashKind, check_candidate};
    use BoardEdit::*;
    let programme = store.programme()?;
    let placed = |id: &PlacementId| programme.placement(*id).ok_or(StoreError::Missing("That placement"));
    let candidate = |team, day, offer, replacing: Vec<PlacementId>| {
        check_candidate(&programme, &Candidate { team, day, offer, replacing, also: Vec::new() })
    };
    // The problems the edit leaves, what it was given, and what its placements already had.
    let (problems, given, stored) = match edit {
        Place { team, day, offer, overridden } => (candidate(*team, *day, *offer, Vec::new()), overridden, Vec::new()),
        Move { id, day, offer, overridden } => {
            let p = placed(id)?;
            (candidate(p.team, *day, *offer, vec![*id]), overridden, vec![p])
        }
        SetOffer { id, offer, overridden } => {
            let p = placed(id)?;
            (candidate(p.team, p.day, *offer, vec![*id]), overridden, vec![p])
        }
        Swap { a, b, overridden } => {
            let verdict = crate::model::board::judge(&programme, Gesture::Swap { a: *a, b: *b });
            (verdict.problems, overridden, vec![placed(a)?, placed(b)?])
        }
        // A cancelled day made live again is judged as it stands, with its own reason.
        SetStatus { id, status } if status.is_live() && !placed(id)?.status.is_live() => {
            let p = placed(id)?;
            (candidate(p.team, p.day, p.offer, vec![*id]), &None, vec![p])
        }
        _ => return Ok(None),
    };
    let hard: Vec<ClashKind> = problems.iter().filter(|p| p.is_hard()).map(|p| p.kind).collect();
    // A placement is placed anyway for the rules it breaks now, and no others: a reason kept for
    // a rule it does not break would later cover, unasked, a clash someone else makes with it.
    let for_broken = |reason: &str| Some(Override { reason: reason.trim().to_owned(), kinds: hard.clone() });
    if hard.is_empty() {
        return Ok(None);
    }
    let covers = |o: &Override| !o.reason.trim().is_empty() && hard.iter().all(|k| o.kinds.contains(k));
    if let Some(given) = given.as_ref().filter(|o| covers(o)) {
        return Ok(for_broken(&given.reason));
    }
    if given.is_none() {
        let carried = stored
            .iter()
            .find(|p| !p.override_reason.trim().is_empty() && hard.iter().all(|k| p.overridden.contains(k)));
        if let Some(p) = carried {
            return Ok(for_broken(&p.override_reason));
        }
    }
    let words: Vec<&str> = problems.iter().filter(|p| p.is_hard()).map(|p| p.message.as_str()).collect();
    Err(StoreError::ClashWithoutReason(words.join(" ")))
}

fn apply_board(store: &mut Store, edit: &BoardEdit) -> Result<Applied, StoreError> {
    use BoardEdit::*;
    let about = |id: PlacementId| move |change| Applied::about(change, Subject::Placement(id));
    let judged = judge_board_edit(store, edit)?;
    let overridden = &judged;
    match edit {
        Place { team, day, offer, .. } => {
            let new = NewPlacement {
                team: *team,
                day: *day,
                offer: *offer,
                status: PlacementStatus::Pencilled,
                overridden: overridden.clone(),
            };
            store.place(&new).map(|(id, change)| Applied::about(change, Subject::Placement(id)))
        }
        Move { id, day, offer, .. } => store.move_placement(*id, *day, *offer, overridden.as_ref()).map(about(*id)),
        SetOffer { id, offer, .. } => store.set_placement_offer(*id, *offer, overridden.as_ref()).map(about(*id)),
        Swap { a, b, .. } => store.swap_placements(*a, *b, overridden.as_ref()).map(about(*a)),
        SetStatus { id, status } => store.set_placement_status(*id, *status).map(about(*id)),
        SetNote { id, note } => store.set_placement_note(*id, note).map(about(*id)),
        RemovePlacement(id) => store.remove_placement(*id).map(Applied::plain),
        ApplySuggestion { cohort, placements } => apply_suggestion(store, cohort, placements),
    }
}

/// Suggest's placements, pencilled, as one undo step; refused if one of them would now clash.
fn apply_suggestion(
    store: &mut Store,
    cohort: &str,
    placements: &[(TeamId, NaiveDate, OfferId)],
) -> Result<Applied, StoreError> {
    if let Some(why) = crate::model::suggest::stale(&store.programme()?, placements) {
        return Err(StoreError::SuggestionStale(why));
    }
    let new: Vec<NewPlacement> = placements
        .iter()
        .map(|(team, day, offer)| NewPlacement {
            team: *team,
            day: *day,
            offer: Some(*offer),
            status: PlacementStatus::Pencilled,
            overridden: None,
        })
        .collect();
    let teams = count_of(new.len() as u64, "team", "teams");
    let (_, change) = store.place_many(format!("Suggested placements for {teams} of {cohort}"), &new)?;
    Ok(Applied {
        change,
        subject: Subject::Nothing,
        notice: Some(format!("Placed {teams} of {cohort}, pencilled in.")),
    })
}
