//! The kinds of record a spreadsheet can be imported as, and what each needs: its fields, how
//! rows are planned and matched against the file, the preview's columns, and the store's import.
//! The import window and the command line both work through [`ImportKind`].

use super::feedback_import::{FeedbackField, FeedbackLookup, ImportFeedback, plan_feedback_import};
use super::group_import::{ExistingGroups, GroupField, plan_and_import_groups, plan_group_import};
use super::mapping::{FieldKind, Imported, Mapping, Plan};
use super::offer_import::{OfferField, OfferLookup, offer_lookup, plan_offer_import};
use super::participant_import::{ParticipantField, RosterLookup, plan_participant_import};
use super::table::{RowSource, Table};
use crate::model::CohortId;
use crate::model::dates::uk_date_range;
use crate::store::{
    ChangeSet, ImportCounts, ImportGroup, ImportOffer, ImportParticipant, OnDuplicate, Store, StoreError,
};

/// What one kind of record needs of an import.
pub trait ImportKind: Clone + Send + 'static {
    type Field: FieldKind;
    type Row: Clone + Send + 'static;
    /// What the file holds that planning needs (its records, to match rows against).
    type Lookup: Send + Sync + 'static;
    /// "group" and "groups".
    const NOUNS: (&'static str, &'static str);
    /// The field without which nothing can be imported, and what to say when it has no column.
    const REQUIRED: (&'static str, fn(Self::Field) -> bool);
    /// How duplicates are recognised, for "N rows match … (…)".
    const SAME_WHEN: &'static str;
    /// The preview's columns and widths.
    const PREVIEW: &'static [(&'static str, f32)];

    /// Reads what planning needs from the file.
    fn lookup(&self, store: &Store) -> Result<Self::Lookup, StoreError>;
    /// The fields a column can fill (a kind whose fields come from the file adds them).
    fn fields(&self, _lookup: &Self::Lookup) -> Vec<Self::Field> {
        Self::Field::all().to_vec()
    }
    /// What the mapping list calls a field.
    fn field_label(&self, _lookup: &Self::Lookup, field: Self::Field) -> String {
        field.label().to_owned()
    }
    /// Which column fills which field, guessed from the headers.
    fn guess(&self, headers: &[String], _lookup: &Self::Lookup) -> Mapping<Self::Field> {
        Mapping::guess(headers)
    }
    fn plan(&self, table: &Table, mapping: &Mapping<Self::Field>, lookup: &Self::Lookup) -> Plan<Self::Row>;
    fn preview(row: &Self::Row) -> Vec<String>;
    fn is_duplicate(row: &Self::Row) -> bool;
    /// Whether a row is a record an earlier row of the same file already gave (never imported
    /// twice).
    fn repeats_earlier_row(_row: &Self::Row) -> bool {
        false
    }
    /// Whether a row is a doubtful match that the person may take for the same record.
    fn is_doubtful(_row: &Self::Row) -> bool {
        false
    }
    /// The person takes a doubtful match for the same record.
    fn accept_doubtful(_row: &mut Self::Row) {}
    /// Whether a row matched a record (of the file, or an earlier row): those have words.
    fn has_match(_row: &Self::Row) -> bool {
        false
    }
    /// A row that matched a record, said in words with what the import does with it ("same
    /// charity number 1026843 as ‘…’, FY7 2BA; skipped"), for the list of every such row.
    fn matched_words(_row: &Self::Row, _on_duplicate: OnDuplicate) -> Option<String> {
        None
    }
    fn import(
        &self,
        store: &mut Store,
        label: &str,
        rows: &[Self::Row],
        on_duplicate: OnDuplicate,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Result<(ImportCounts, ChangeSet), StoreError>;
    /// Plans and imports a spreadsheet's rows (`headers`, then `rows`) in one go, with nobody
    /// to look at the plan first (the command line).
    #[allow(clippy::too_many_arguments)]
    fn plan_and_import(
        &self,
        store: &mut Store,
        headers: &[String],
        rows: RowSource<'_>,
        mapping: &Mapping<Self::Field>,
        lookup: &Self::Lookup,
        label: &str,
        on_duplicate: OnDuplicate,
    ) -> Result<Imported<Self::Row>, StoreError> {
        let rows = rows.rest().map_err(|error| StoreError::Invalid(error.to_string()))?;
        let rows_read = rows.len();
        let table = Table { headers: headers.to_vec(), rows, ..Table::default() };
        let plan = self.plan(&table, mapping, lookup);
        let planned: Vec<Self::Row> = plan.rows.iter().map(|r| r.row.clone()).collect();
        let (counts, change) = run_import(self, store, label, &planned, on_duplicate, &mut |_| true)?;
        Ok(Imported { plan, counts, change, rows_read })
    }
}

/// Imports planned rows into the file: what the window's worker and the command line both call.
/// The whole import is one transaction, so a fault part-way through leaves the file as it was.
pub fn run_import<K: ImportKind>(
    kind: &K,
    store: &mut Store,
    label: &str,
    rows: &[K::Row],
    on_duplicate: OnDuplicate,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<(ImportCounts, ChangeSet), StoreError> {
    kind.import(store, label, rows, on_duplicate, &mut |done| {
        // Every row is written by the time the last count comes, and nothing is committed yet.
        if done == rows.len() {
            crate::fault::inject("import");
        }
        progress(done)
    })
}

/// Community groups into the directory.
#[derive(Clone, Copy, Debug)]
pub struct Groups;

impl ImportKind for Groups {
    type Field = GroupField;
    type Row = ImportGroup;
    type Lookup = ExistingGroups;
    const NOUNS: (&'static str, &'static str) = ("group", "groups");
    const REQUIRED: (&'static str, fn(GroupField) -> bool) =
        ("Choose the column that holds the groups' names.", |f| f == GroupField::Name);
    const SAME_WHEN: &'static str = "same charity number, same identifier, or same name and postcode";
    const PREVIEW: &'static [(&'static str, f32)] =
        &[("Name", 280.0), ("Town", 120.0), ("Postcode", 80.0), ("Phone", 110.0), ("Email", 180.0)];

    fn lookup(&self, store: &Store) -> Result<ExistingGroups, StoreError> {
        store.group_keys()
    }

    fn plan(&self, table: &Table, mapping: &Mapping<GroupField>, lookup: &ExistingGroups) -> Plan<ImportGroup> {
        plan_group_import(table, mapping, lookup)
    }

    fn preview(row: &ImportGroup) -> Vec<String> {
        let g = row.edit.group();
        vec![g.name.clone(), g.town.clone(), g.postcode.clone(), g.phone.clone(), g.email.clone()]
    }

    fn is_duplicate(row: &ImportGroup) -> bool {
        row.duplicate_of.is_some()
    }

    fn guess(&self, headers: &[String], _lookup: &ExistingGroups) -> Mapping<GroupField> {
        crate::exchange::group_import::guess_columns(headers)
    }

    fn has_match(row: &ImportGroup) -> bool {
        row.duplicate_of.is_some() || row.earlier_line.is_some()
    }

    fn is_doubtful(row: &ImportGroup) -> bool {
        row.doubtful_of.is_some() && row.duplicate_of.is_none()
    }

    fn accept_doubtful(row: &mut ImportGroup) {
        row.accept_doubtful();
    }

    fn repeats_earlier_row(row: &ImportGroup) -> bool {
        row.earlier_line.is_some()
    }

    fn matched_words(row: &ImportGroup, on_duplicate: OnDuplicate) -> Option<String> {
        let done = match (row.earlier_line, row.duplicate_of, on_duplicate) {
            (Some(_), _, _) => "counted once",
            (None, None, _) => return None,
            (None, Some(_), OnDuplicate::Skip) => "skipped",
            (None, Some(_), OnDuplicate::Update) => "updated",
            (None, Some(_), OnDuplicate::New) => "imported as new",
        };
        Some(format!("{}; {done}", row.matched_on))
    }

    fn import(
        &self,
        store: &mut Store,
        label: &str,
        rows: &[ImportGroup],
        on_duplicate: OnDuplicate,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Result<(ImportCounts, ChangeSet), StoreError> {
        store.import_groups(label, rows, on_duplicate, progress)
    }

    /// Reads and checks rows while the first ones are written (see [`plan_and_import_groups`]).
    fn plan_and_import(
        &self,
        store: &mut Store,
        headers: &[String],
        rows: RowSource<'_>,
        mapping: &Mapping<GroupField>,
        lookup: &ExistingGroups,
        label: &str,
        on_duplicate: OnDuplicate,
    ) -> Result<Imported<ImportGroup>, StoreError> {
        plan_and_import_groups(store, headers, rows, mapping, lookup, label, on_duplicate)
    }
}

/// Activity offers, each matched to a group of the directory.
#[derive(Clone, Copy, Debug)]
pub struct Offers;

impl ImportKind for Offers {
    type Field = OfferField;
    type Row = ImportOffer;
    type Lookup = OfferLookup;
    const NOUNS: (&'static str, &'static str) = ("offer", "offers");
    const REQUIRED: (&'static str, fn(OfferField) -> bool) =
        ("Choose the column that holds the offers' titles.", |f| f == OfferField::Title);
    const SAME_WHEN: &'static str = "same group and title";
    const PREVIEW: &'static [(&'static str, f32)] =
        &[("Group", 220.0), ("Title", 240.0), ("Dates", 200.0), ("Team size", 80.0), ("Places", 60.0)];

    fn lookup(&self, store: &Store) -> Result<OfferLookup, StoreError> {
        offer_lookup(store)
    }

    fn plan(&self, table: &Table, mapping: &Mapping<OfferField>, lookup: &OfferLookup) -> Plan<ImportOffer> {
        plan_offer_import(table, mapping, lookup)
    }

    fn preview(row: &ImportOffer) -> Vec<String> {
        let o = row.edit.offer();
        vec![
            row.group_name.clone(),
            o.title.clone(),
            uk_date_range(o.when.first_date, o.when.last_date),
            format!("{}–{}", o.team_size_min, o.team_size_max),
            o.capacity.to_string(),
        ]
    }

    fn is_duplicate(row: &ImportOffer) -> bool {
        row.duplicate_of.is_some()
    }

    fn import(
        &self,
        store: &mut Store,
        label: &str,
        rows: &[ImportOffer],
        on_duplicate: OnDuplicate,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Result<(ImportCounts, ChangeSet), StoreError> {
        store.import_offers(label, rows, on_duplicate, progress)
    }
}

/// A roster into one cohort; the same person is the same email address.
#[derive(Clone, Copy, Debug)]
pub struct Participants(pub CohortId);

impl ImportKind for Participants {
    type Field = ParticipantField;
    type Row = ImportParticipant;
    type Lookup = RosterLookup;
    const NOUNS: (&'static str, &'static str) = ("participant", "participants");
    const REQUIRED: (&'static str, fn(ParticipantField) -> bool) =
        ("Choose the column that holds the participants' names.", |f| {
            matches!(f, ParticipantField::Name | ParticipantField::FirstName | ParticipantField::LastName)
        });
    const SAME_WHEN: &'static str = "same email address";
    const PREVIEW: &'static [(&'static str, f32)] =
        &[("Name", 220.0), ("Profession", 140.0), ("Organisation", 200.0), ("Email", 220.0)];

    fn lookup(&self, store: &Store) -> Result<RosterLookup, StoreError> {
        Ok(RosterLookup::new(self.0, store.participant_emails(self.0)?))
    }

    fn plan(
        &self,
        table: &Table,
        mapping: &Mapping<ParticipantField>,
        lookup: &RosterLookup,
    ) -> Plan<ImportParticipant> {
        plan_participant_import(table, mapping, lookup)
    }

    fn preview(row: &ImportParticipant) -> Vec<String> {
        let p = row.edit.participant();
        vec![
            p.name.clone(),
            row.profession.clone().unwrap_or_default(),
            row.organisation.clone().unwrap_or_default(),
            p.email.clone(),
        ]
    }

    fn is_duplicate(row: &ImportParticipant) -> bool {
        row.duplicate_of.is_some()
    }

    fn import(
        &self,
        store: &mut Store,
        label: &str,
        rows: &[ImportParticipant],
        on_duplicate: OnDuplicate,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Result<(ImportCounts, ChangeSet), StoreError> {
        store.import_participants(label, rows, on_duplicate, progress)
    }
}

/// Participants' feedback from an online form's export.
#[derive(Clone, Copy, Debug)]
pub struct FeedbackResponses;

impl ImportKind for FeedbackResponses {
    type Field = FeedbackField;
    type Row = ImportFeedback;
    type Lookup = FeedbackLookup;
    const NOUNS: (&'static str, &'static str) = ("response", "responses");
    const REQUIRED: (&'static str, fn(FeedbackField) -> bool) =
        ("Choose the column that holds the participants' email addresses.", |f| f == FeedbackField::Email);
    const SAME_WHEN: &'static str = "feedback already given by the same person on the same day";
    const PREVIEW: &'static [(&'static str, f32)] =
        &[("Participant", 200.0), ("Day", 120.0), ("Ratings", 90.0), ("What they learnt", 300.0)];

    fn lookup(&self, store: &Store) -> Result<FeedbackLookup, StoreError> {
        store.feedback_lookup()
    }

    fn fields(&self, lookup: &FeedbackLookup) -> Vec<FeedbackField> {
        let mut fields = FeedbackField::all().to_vec();
        let practices = lookup.practices.len().min(super::feedback_import::MAX_PRACTICES);
        fields.extend((0..practices).map(|i| FeedbackField::Practice(i as u8)));
        fields
    }

    fn field_label(&self, lookup: &FeedbackLookup, field: FeedbackField) -> String {
        super::feedback_import::practice_label(&lookup.practices, field)
    }

    fn guess(&self, headers: &[String], lookup: &FeedbackLookup) -> Mapping<FeedbackField> {
        super::feedback_import::guess(headers, &lookup.practices)
    }

    fn plan(&self, table: &Table, mapping: &Mapping<FeedbackField>, lookup: &FeedbackLookup) -> Plan<ImportFeedback> {
        plan_feedback_import(table, mapping, lookup)
    }

    fn preview(row: &ImportFeedback) -> Vec<String> {
        vec![
            row.name.clone(),
            crate::model::dates::uk_date(row.day),
            row.feedback.ratings.len().to_string(),
            row.feedback.learnt.clone(),
        ]
    }

    fn is_duplicate(row: &ImportFeedback) -> bool {
        row.duplicate
    }

    fn import(
        &self,
        store: &mut Store,
        label: &str,
        rows: &[ImportFeedback],
        on_duplicate: OnDuplicate,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Result<(ImportCounts, ChangeSet), StoreError> {
        store.import_feedback(label, rows, on_duplicate, progress)
    }
}
