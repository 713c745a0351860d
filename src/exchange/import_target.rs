//! What an import needs of the file, and nothing more: the lookups its rows are matched
//! against, and one write per kind of record, each one transaction and one undo step. The
//! imports (`ImportKind`, the group pipeline) reach the file only through [`ImportTarget`],
//! which the store implements; nothing else of the store is in their reach.

use crate::model::group_match::ExistingGroups;
use crate::model::outcomes::{FeedbackLookup, ImportFeedback};
use crate::model::{
    CohortEdit, CohortId, GroupId, ImportCounts, ImportGroup, ImportOffer, ImportParticipant, Neighbourhood,
    NeighbourhoodId, OfferId, OnDuplicate, ParticipantId, Practice,
};
use crate::store::{ChangeSet, GroupSink, PostcodeRule, Store, StoreError};

/// Progress: told how many rows are done; false cancels, leaving the file as it was.
pub type Progress<'a> = &'a mut dyn FnMut(usize) -> bool;

/// The reads and writes an import makes.
pub trait ImportTarget {
    /// Every group's keys, for spotting a group imported twice.
    fn group_keys(&self) -> Result<ExistingGroups, StoreError>;
    /// Every group's (id, name, charity number, other identifier, neighbourhood, place), for
    /// finding an offer's group.
    #[allow(clippy::type_complexity)]
    fn group_places(
        &self,
    ) -> Result<Vec<(GroupId, String, String, String, Option<NeighbourhoodId>, String)>, StoreError>;
    fn neighbourhoods(&self) -> Result<Vec<Neighbourhood>, StoreError>;
    fn postcode_rules(&self) -> Result<Vec<PostcodeRule>, StoreError>;
    fn practices(&self) -> Result<Vec<Practice>, StoreError>;
    /// (offer, group, title) of every offer, for spotting an offer imported twice.
    fn offer_titles(&self) -> Result<Vec<(OfferId, GroupId, String)>, StoreError>;
    /// A cohort's participants' emails, for spotting a person on the roster twice.
    fn participant_emails(&self, cohort: CohortId) -> Result<Vec<(ParticipantId, String)>, StoreError>;
    fn feedback_lookup(&self) -> Result<FeedbackLookup, StoreError>;

    fn import_groups(
        &mut self,
        label: &str,
        rows: &[ImportGroup],
        on_duplicate: OnDuplicate,
        progress: Progress<'_>,
    ) -> Result<(ImportCounts, ChangeSet), StoreError>;
    /// Groups written as they become ready, inside one transaction (see `GroupSink`).
    fn import_groups_from(
        &mut self,
        label: &str,
        on_duplicate: OnDuplicate,
        new_groups: usize,
        feed: impl FnOnce(&mut GroupSink<'_, '_>) -> Result<(), StoreError>,
    ) -> Result<(ImportCounts, ChangeSet), StoreError>;
    fn import_offers(
        &mut self,
        label: &str,
        rows: &[ImportOffer],
        on_duplicate: OnDuplicate,
        progress: Progress<'_>,
    ) -> Result<(ImportCounts, ChangeSet), StoreError>;
    fn import_participants(
        &mut self,
        label: &str,
        rows: &[ImportParticipant],
        new_cohort: Option<&CohortEdit>,
        on_duplicate: OnDuplicate,
        progress: Progress<'_>,
    ) -> Result<(ImportCounts, ChangeSet), StoreError>;
    fn import_feedback(
        &mut self,
        label: &str,
        rows: &[ImportFeedback],
        on_duplicate: OnDuplicate,
        progress: Progress<'_>,
    ) -> Result<(ImportCounts, ChangeSet), StoreError>;
}

impl ImportTarget for Store {
    fn group_keys(&self) -> Result<ExistingGroups, StoreError> {
        Store::group_keys(self)
    }
    fn group_places(
        &self,
    ) -> Result<Vec<(GroupId, String, String, String, Option<NeighbourhoodId>, String)>, StoreError> {
        Store::group_places(self)
    }
    fn neighbourhoods(&self) -> Result<Vec<Neighbourhood>, StoreError> {
        Store::neighbourhoods(self)
    }
    fn postcode_rules(&self) -> Result<Vec<PostcodeRule>, StoreError> {
        Store::postcode_rules(self)
    }
    fn practices(&self) -> Result<Vec<Practice>, StoreError> {
        Store::practices(self)
    }
    fn offer_titles(&self) -> Result<Vec<(OfferId, GroupId, String)>, StoreError> {
        Store::offer_titles(self)
    }
    fn participant_emails(&self, cohort: CohortId) -> Result<Vec<(ParticipantId, String)>, StoreError> {
        Store::participant_emails(self, cohort)
    }
    fn feedback_lookup(&self) -> Result<FeedbackLookup, StoreError> {
        Store::feedback_lookup(self)
    }
    fn import_groups(
        &mut self,
        label: &str,
        rows: &[ImportGroup],
        on_duplicate: OnDuplicate,
        progress: Progress<'_>,
    ) -> Result<(ImportCounts, ChangeSet), StoreError> {
        Store::import_groups(self, label, rows, on_duplicate, progress)
    }
    fn import_groups_from(
        &mut self,
        label: &str,
        on_duplicate: OnDuplicate,
        new_groups: usize,
        feed: impl FnOnce(&mut GroupSink<'_, '_>) -> Result<(), StoreError>,
    ) -> Result<(ImportCounts, ChangeSet), StoreError> {
        Store::import_groups_from(self, label, on_duplicate, new_groups, feed)
    }
    fn import_offers(
        &mut self,
        label: &str,
        rows: &[ImportOffer],
        on_duplicate: OnDuplicate,
        progress: Progress<'_>,
    ) -> Result<(ImportCounts, ChangeSet), StoreError> {
        Store::import_offers(self, label, rows, on_duplicate, progress)
    }
    fn import_participants(
        &mut self,
        label: &str,
        rows: &[ImportParticipant],
        new_cohort: Option<&CohortEdit>,
        on_duplicate: OnDuplicate,
        progress: Progress<'_>,
    ) -> Result<(ImportCounts, ChangeSet), StoreError> {
        Store::import_participants(self, label, rows, new_cohort, on_duplicate, progress)
    }
    fn import_feedback(
        &mut self,
        label: &str,
        rows: &[ImportFeedback],
        on_duplicate: OnDuplicate,
        progress: Progress<'_>,
    ) -> Result<(ImportCounts, ChangeSet), StoreError> {
        Store::import_feedback(self, label, rows, on_duplicate, progress)
    }
}
