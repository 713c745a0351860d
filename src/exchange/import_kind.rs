//! The kinds of record a spreadsheet can be imported as, and what each needs: its fields, how
//! rows are planned and matched against the file, the preview's columns, and the store's import.
//! The import window and the command line both work through [`ImportKind`].

use super::feedback_import::{FeedbackField, plan_feedback_import};
use super::group_import::{ExistingGroups, GroupField, plan_and_import_groups, plan_group_import};
use super::import_target::ImportTarget;
use super::mapping::{FieldKind, Imported, Mapping, Plan, Prepared, RowNote, RowNotes};
use super::offer_import::{OfferField, OfferLookup, answer_question, guess_columns, offer_lookup, plan_offer_import};
use super::participant_import::{ParticipantField, RosterLookup, plan_participant_import};
use super::table::{RowSource, Table};
use crate::model::CohortId;
use crate::model::dates::uk_date_range;
use crate::model::outcomes::{FeedbackLookup, ImportFeedback};
use crate::model::{CohortEdit, ImportCounts, ImportGroup, ImportOffer, ImportParticipant, OnDuplicate};
use crate::store::{ChangeSet, StoreError};

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
    fn lookup(&self, store: &impl ImportTarget) -> Result<Self::Lookup, StoreError>;
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
    /// What the person should know of the columns as they are chosen, before importing ("No
    /// column says how many team-days…").
    fn mapping_notes(&self, _mapping: &Mapping<Self::Field>, _headers: &[String]) -> Vec<String> {
        Vec::new()
    }
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
    /// What the person must decide before a row can be imported (which of several groups a name
    /// means), with the options; such a row is not imported until it is answered.
    fn question(_row: &Self::Row) -> Option<RowQuestion> {
        None
    }
    /// The person chose option `choice` of the row's question.
    fn answer(&self, _row: &mut Self::Row, _choice: usize, _lookup: &Self::Lookup) {}
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
        store: &mut impl ImportTarget,
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
        store: &mut impl ImportTarget,
        headers: &[String],
        rows: RowSource<'_>,
        mapping: &Mapping<Self::Field>,
        lookup: &Self::Lookup,
        label: &str,
        on_duplicate: OnDuplicate,
    ) -> Result<Imported, StoreError> {
        let rows = rows.rest().map_err(|error| StoreError::SourceUnreadable(Box::new(error)))?;
        let rows_read = rows.len();
        let table = Table { headers: headers.to_vec(), rows, ..Table::default() };
        let plan = self.plan(&table, mapping, lookup);
        let planned: Vec<Self::Row> = plan.rows.iter().map(|r| r.row.clone()).collect();
        let (counts, change) = run_import(self, store, label, &planned, on_duplicate, &mut |_| true)?;
        Ok(Imported { notes: notes_of_plan::<Self>(&plan, on_duplicate), counts, change, rows_read })
    }
}

/// What a planned row has to say, added to `notes` (see [`RowNotes`]).
pub fn note_row<K: ImportKind>(notes: &mut RowNotes, row: &Prepared<K::Row>, on_duplicate: OnDuplicate) {
    notes.planned += 1;
    if K::repeats_earlier_row(&row.row) {
        notes.repeats += 1;
    }
    if let Some(question) = K::question(&row.row) {
        notes.notes.push(RowNote::Question { line: row.line, asked: question.asked, options: question.options });
        return;
    }
    for warning in &row.warnings {
        notes.notes.push(RowNote::Kept { line: row.line, warning: warning.clone() });
    }
    if let Some(words) = K::matched_words(&row.row, on_duplicate) {
        notes.notes.push(RowNote::Matched { line: row.line, words });
    }
}

/// What a whole plan has to say (see [`RowNotes`]).
pub fn notes_of_plan<K: ImportKind>(plan: &Plan<K::Row>, on_duplicate: OnDuplicate) -> RowNotes {
    let mut notes = RowNotes::default();
    for row in &plan.rows {
        note_row::<K>(&mut notes, row, on_duplicate);
    }
    notes.errors = plan.errors.clone();
    notes
}

/// A question a row asks before it can be imported, and the answers it can have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowQuestion {
    /// "2 groups in the directory are called “Urmston Walking Group”".
    pub asked: String,
    pub options: Vec<String>,
}

/// Imports planned rows into the file: what the window's worker and the command line both call.
/// The whole import is one transaction, so a fault part-way through leaves the file as it was.
/// A row with a question still open is not imported.
pub fn run_import<K: ImportKind>(
    kind: &K,
    store: &mut impl ImportTarget,
    label: &str,
    rows: &[K::Row],
    on_duplicate: OnDuplicate,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<(ImportCounts, ChangeSet), StoreError> {
    let answered: Vec<K::Row>;
    let rows = if rows.iter().any(|r| K::question(r).is_some()) {
        answered = rows.iter().filter(|r| K::question(r).is_none()).cloned().collect();
        &answered[..]
    } else {
        rows
    };
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

    fn lookup(&self, store: &impl ImportTarget) -> Result<ExistingGroups, StoreError> {
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
        store: &mut impl ImportTarget,
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
        store: &mut impl ImportTarget,
        headers: &[String],
        rows: RowSource<'_>,
        mapping: &Mapping<GroupField>,
        lookup: &ExistingGroups,
        label: &str,
        on_duplicate: OnDuplicate,
    ) -> Result<Imported, StoreError> {
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
    const PREVIEW: &'static [(&'static str, f32)] = &[
        ("Group", 160.0),
        ("Title", 160.0),
        ("Dates and times", 190.0),
        ("Meeting place", 180.0),
        ("Team size", 70.0),
        ("Team-days", 80.0),
    ];

    fn lookup(&self, store: &impl ImportTarget) -> Result<OfferLookup, StoreError> {
        offer_lookup(store)
    }

    fn guess(&self, headers: &[String], _lookup: &OfferLookup) -> Mapping<OfferField> {
        guess_columns(headers)
    }

    fn plan(&self, table: &Table, mapping: &Mapping<OfferField>, lookup: &OfferLookup) -> Plan<ImportOffer> {
        plan_offer_import(table, mapping, lookup)
    }

    fn preview(row: &ImportOffer) -> Vec<String> {
        let o = row.edit.offer();
        let group = match &row.question {
            Some(q) => format!("“{}”: which group?", q.written),
            None => row.group_name.clone(),
        };
        let place = match o.meeting_place.problem() {
            Some(problem) => format!("{} ({})", o.meeting_place.one_line(), problem.words()).trim().to_owned(),
            None => o.meeting_place.one_line(),
        };
        vec![
            group,
            o.title.clone(),
            format!(
                "{}, {}–{}",
                uk_date_range(o.when.first_date, o.when.last_date),
                o.start_time.format("%H:%M"),
                o.finish_time.format("%H:%M")
            ),
            place,
            format!("{}–{}", o.team_size_min, o.team_size_max),
            if row.capacity_given { o.capacity.to_string() } else { format!("{} (default)", o.capacity) },
        ]
    }

    fn mapping_notes(&self, mapping: &Mapping<OfferField>, headers: &[String]) -> Vec<String> {
        let mut notes = Vec::new();
        match mapping.column_of(OfferField::Capacity).and_then(|i| headers.get(i)) {
            Some(header) => notes.push(format!(
                "How many team-days each group can host comes from “{}”; a row that leaves it blank hosts 1.",
                header.trim()
            )),
            None => notes.push(
                "No column says how many team-days each group can host: every offer will host 1 (the preview says \
                 “1 (default)”). Choose the column if there is one, or change it on each offer later."
                    .to_owned(),
            ),
        }
        let place = [OfferField::Address, OfferField::Postcode].iter().any(|f| mapping.column_of(*f).is_some());
        if !place {
            notes.push(
                "No column says where each team meets the group: day sheets will say “meeting place not given”. \
                 Choose the columns for the meeting place and its postcode if there are any."
                    .to_owned(),
            );
        }
        notes
    }

    fn question(row: &ImportOffer) -> Option<RowQuestion> {
        let q = row.question.as_ref()?;
        Some(RowQuestion { asked: q.words(), options: q.options.iter().map(|(_, words)| words.clone()).collect() })
    }

    fn answer(&self, row: &mut ImportOffer, choice: usize, lookup: &OfferLookup) {
        answer_question(row, choice, lookup);
    }

    fn is_duplicate(row: &ImportOffer) -> bool {
        row.duplicate_of.is_some()
    }

    fn import(
        &self,
        store: &mut impl ImportTarget,
        label: &str,
        rows: &[ImportOffer],
        on_duplicate: OnDuplicate,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Result<(ImportCounts, ChangeSet), StoreError> {
        store.import_offers(label, rows, on_duplicate, progress)
    }
}

/// A roster into one cohort; the same person is the same email address.
#[derive(Clone, Debug)]
pub enum Participants {
    /// A cohort already in the file.
    Into(CohortId),
    /// A cohort the import makes, in its own transaction: a roster that imports nothing makes
    /// no cohort.
    IntoNew(CohortEdit),
}

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

    fn lookup(&self, store: &impl ImportTarget) -> Result<RosterLookup, StoreError> {
        match self {
            Self::Into(cohort) => Ok(RosterLookup::new(*cohort, store.participant_emails(*cohort)?)),
            // Nobody is in a cohort not made yet; its rows are given its id when it is.
            Self::IntoNew(_) => Ok(RosterLookup::new(CohortId(0), [])),
        }
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
        store: &mut impl ImportTarget,
        label: &str,
        rows: &[ImportParticipant],
        on_duplicate: OnDuplicate,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Result<(ImportCounts, ChangeSet), StoreError> {
        let new_cohort = match self {
            Self::Into(_) => None,
            Self::IntoNew(cohort) => Some(cohort),
        };
        store.import_participants(label, rows, new_cohort, on_duplicate, progress)
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

    fn lookup(&self, store: &impl ImportTarget) -> Result<FeedbackLookup, StoreError> {
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
        store: &mut impl ImportTarget,
        label: &str,
        rows: &[ImportFeedback],
        on_duplicate: OnDuplicate,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Result<(ImportCounts, ChangeSet), StoreError> {
        store.import_feedback(label, rows, on_duplicate, progress)
    }
}
