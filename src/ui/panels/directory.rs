//! The Directory panel: the register of community groups, with search, filters, sortable
//! columns, and a detail pane to view and edit one group.
//!
//! Search runs in the file's full-text index (trigram, accents ignored) and forgives small slips:
//! a word the index cannot find is tried again with the near spellings of words in the
//! directory's names. Each word's hits are kept until the file changes, so a keystroke looks up
//! only the word being typed. Only the rows on screen are laid out, so 100,000 groups scroll smoothly.

use std::collections::{HashMap, HashSet};

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{Cached, cached, heading_ui, optional_choice_ui, search_box_ui, ticks_ui};
use crate::model::dates::{parse_uk_date, uk_date, uk_date_range, uk_numeric_date};
use crate::model::directory::{DirectoryFilter, SortColumn, SortOrder, visible_groups};
use crate::model::search::{Vocabulary, search_words};
use crate::model::text::{join_present, thousands};
use crate::model::{Category, CommunityGroup, FieldProblem, GroupId, GroupStatus, GroupSummary, Neighbourhood};
use crate::store::{GroupEdit, Store, StoreError};
use crate::ui::app::Document;
use crate::ui::command::{Command, EditRequest};
use crate::ui::theme;

fn title(column: SortColumn) -> &'static str {
    match column {
        SortColumn::Name => "Name",
        SortColumn::Neighbourhood => "Neighbourhood",
        SortColumn::Town => "Town",
        SortColumn::Postcode => "Postcode",
        SortColumn::Phone => "Phone",
        SortColumn::Status => "Status",
    }
}

fn width(column: SortColumn) -> Column {
    match column {
        SortColumn::Name => Column::remainder().at_least(160.0).clip(true),
        SortColumn::Neighbourhood => Column::initial(165.0).at_least(60.0).clip(true),
        SortColumn::Town => Column::initial(130.0).at_least(60.0).clip(true),
        SortColumn::Postcode => Column::initial(90.0).at_least(60.0),
        SortColumn::Phone => Column::initial(115.0).at_least(60.0),
        SortColumn::Status => Column::initial(80.0).at_least(60.0),
    }
}

fn cell_ui(column: SortColumn, ui: &mut Ui, group: &GroupSummary) {
    match column {
        SortColumn::Name => ui.label(&group.name),
        SortColumn::Neighbourhood => ui.label(&group.neighbourhood),
        SortColumn::Town => ui.label(&group.town),
        SortColumn::Postcode => ui.label(&group.postcode),
        SortColumn::Phone => ui.label(&group.phone),
        SortColumn::Status if group.archived => ui.weak("Archived"),
        SortColumn::Status if group.status == GroupStatus::Active => ui.label(group.status.label()),
        SortColumn::Status => ui.weak(group.status.label()),
    };
}

const ALL_COLUMNS: [SortColumn; 6] = [
    SortColumn::Name,
    SortColumn::Neighbourhood,
    SortColumn::Town,
    SortColumn::Postcode,
    SortColumn::Phone,
    SortColumn::Status,
];

/// A column heading that sorts by its column when clicked, with a small triangle on the
/// column in use (drawn, as the fonts have no arrows).
fn sort_header_ui(ui: &mut Ui, column: SortColumn, sort: &mut SortOrder) {
    let active = sort.column == column;
    let response = ui
        .add(egui::Button::new(RichText::new(title(column)).strong()).frame(false))
        .on_hover_text(format!("Sort by {}", title(column).to_lowercase()));
    if active {
        let rect = response.rect;
        let centre = egui::pos2(rect.right() + 9.0, rect.center().y);
        let (tip, base) = if sort.descending { (4.0, -4.0) } else { (-4.0, 4.0) };
        let points = vec![
            egui::pos2(centre.x, centre.y + tip),
            egui::pos2(centre.x - 4.5, centre.y + base),
            egui::pos2(centre.x + 4.5, centre.y + base),
        ];
        ui.painter().add(egui::Shape::convex_polygon(points, theme::NHS_BLUE, egui::Stroke::NONE));
    }
    if response.clicked() {
        if active {
            sort.descending = !sort.descending;
        } else {
            *sort = SortOrder { column, descending: false };
        }
    }
}

/// Everything the directory lists, read once per change to the file.
struct DirectoryData {
    groups: Vec<GroupSummary>,
    vocabulary: Vocabulary,
    neighbourhoods: Vec<Neighbourhood>,
    categories: Vec<Category>,
    rules: Vec<crate::store::PostcodeRule>,
}

impl DirectoryData {
    fn load(store: &Store) -> Result<Self, StoreError> {
        let groups = store.group_summaries()?;
        let vocabulary = Vocabulary::from_texts(groups.iter().map(|g| g.name.as_str()));
        Ok(Self {
            groups,
            vocabulary,
            neighbourhoods: store.neighbourhoods()?,
            categories: store.categories()?,
            rules: store.postcode_rules()?,
        })
    }
}

/// What the list was worked out for; when any of it changes, it is worked out again.
#[derive(Clone, Debug, PartialEq)]
struct ListKey {
    revision: u64,
    search: String,
    filter: DirectoryFilter,
    sort: SortOrder,
}

/// Index hits per searched word, kept while the file does not change, so that a keystroke only
/// looks up the word being typed.
#[derive(Default)]
pub struct SearchCache {
    revision: u64,
    /// (word, forgiving) to the groups it finds.
    hits: HashMap<(String, bool), HashSet<GroupId>>,
}

impl SearchCache {
    fn hits(
        &mut self,
        store: &Store,
        vocabulary: &Vocabulary,
        word: &str,
        forgiving: bool,
    ) -> Result<HashSet<GroupId>, StoreError> {
        if let Some(hits) = self.hits.get(&(word.to_owned(), forgiving)) {
            return Ok(hits.clone());
        }
        let mut spellings = vec![word.to_owned()];
        if forgiving {
            spellings.extend(vocabulary.near(word).into_iter().map(str::to_owned));
        }
        let hits = store.search_groups(&[spellings])?;
        if self.hits.len() > 256 {
            self.hits.clear();
        }
        self.hits.insert((word.to_owned(), forgiving), hits.clone());
        Ok(hits)
    }
}

/// Works out which groups the directory shows: the index search (retried with near spellings
/// when the words as typed find nothing), then the filters, then the sort. `cache` keeps each
/// word's hits for `revision` of the file.
#[allow(clippy::too_many_arguments)]
pub fn find_groups(
    store: &Store,
    revision: u64,
    cache: &mut SearchCache,
    groups: &[GroupSummary],
    vocabulary: &Vocabulary,
    search: &str,
    filter: &DirectoryFilter,
    sort: SortOrder,
) -> Result<Vec<usize>, StoreError> {
    if cache.revision != revision {
        *cache = SearchCache { revision, ..Default::default() };
    }
    let words = search_words(search);
    let (long, short): (Vec<String>, Vec<String>) = words.into_iter().partition(|w| w.chars().count() >= 3);
    let hits = if long.is_empty() {
        None
    } else {
        let mut found: Option<HashSet<GroupId>> = None;
        for forgiving in [false, true] {
            let mut all: Option<HashSet<GroupId>> = None;
            for word in &long {
                let hits = cache.hits(store, vocabulary, word, forgiving)?;
                all = Some(match all {
                    None => hits,
                    Some(before) => before.intersection(&hits).copied().collect(),
                });
            }
            found = all;
            if found.as_ref().is_some_and(|f| !f.is_empty()) {
                break;
            }
        }
        found
    };
    Ok(visible_groups(groups, filter, hits.as_ref(), &short, sort))
}

#[derive(Default)]
pub struct DirectoryPanel {
    data: Option<Cached<DirectoryData>>,
    pub(crate) pane: DetailPane,
    search: String,
    filter: DirectoryFilter,
    unverified_only: bool,
    sort: SortOrder,
    /// The rows to show and how many groups there are in all, for `list_key`.
    list: Option<(ListKey, Vec<usize>, usize)>,
    search_cache: SearchCache,
    selected: Option<GroupId>,
    pub(crate) focus_search: bool,
    lists: super::lists::ListsWindow,
}

impl DirectoryPanel {
    pub fn ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        let mut commands = Vec::new();
        let data = match cached(&mut self.data, doc, || DirectoryData::load(&doc.store)) {
            Ok(data) => data,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return commands;
            }
        };
        // Side panels go in before the content beside them, so that it keeps clear of them.
        let adding = self.pane.form.as_ref().is_some_and(|f| f.id.is_none());
        let shown_in_pane = if adding { None } else { self.selected };
        if adding || shown_in_pane.is_some() {
            egui::Panel::right("group_detail")
                .resizable(true)
                .default_size(400.0)
                .min_size(320.0)
                .max_size((ui.available_width() * 0.6).max(320.0))
                .frame(egui::Frame::new().inner_margin(egui::Margin { left: 12, ..Default::default() }))
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        self.pane.ui(ui, doc, data, shown_in_pane, &mut commands);
                    });
                });
        }
        // Whatever does not fit beside the pane is cut off, never drawn underneath it.
        let list_area = ui.available_rect_before_wrap();
        ui.set_clip_rect(ui.clip_rect().intersect(list_area));
        heading_ui(ui, "Directory", "Local voluntary, community and faith groups");
        ui.horizontal(|ui| {
            search_box_ui(
                ui,
                &mut self.search,
                "name, place, contact, postcode or charity number",
                &mut self.focus_search,
            );
            if ui
                .add_enabled(doc.store.is_writable(), egui::Button::new("New group"))
                .on_hover_text("Add a group to the directory")
                .clicked()
            {
                self.pane.start_new();
            }
            if ui.button("Lists…").on_hover_text("Neighbourhoods, categories and postcode rules").clicked() {
                self.lists.open = true;
            }
        });
        commands.extend(self.lists.ui(
            ui.ctx(),
            doc.store.is_writable(),
            &data.neighbourhoods,
            &data.categories,
            &data.rules,
        ));
        ui.horizontal_wrapped(|ui| Self::filters_ui(ui, data, &mut self.filter, &mut self.unverified_only));
        self.filter.unverified_as_of = self.unverified_only.then(|| chrono::Local::now().date_naive());

        let key = ListKey {
            revision: doc.revision,
            search: self.search.clone(),
            filter: self.filter.clone(),
            sort: self.sort,
        };
        if self.list.as_ref().is_none_or(|(k, _, _)| *k != key) {
            match find_groups(
                &doc.store,
                doc.revision,
                &mut self.search_cache,
                &data.groups,
                &data.vocabulary,
                &self.search,
                &self.filter,
                self.sort,
            ) {
                Ok(shown) => {
                    let total = data.groups.iter().filter(|g| self.filter.include_archived || !g.archived).count();
                    self.list = Some((key, shown, total));
                }
                Err(e) => {
                    ui.colored_label(theme::ERROR_RED, format!("The search could not be run: {e}"));
                    return commands;
                }
            }
        }
        let (shown, total): (&[usize], usize) = self.list.as_ref().map_or((&[], 0), |(_, v, t)| (v.as_slice(), *t));
        ui.label(format!("Showing {} of {} groups", thousands(shown.len() as u64), thousands(total as u64)));
        ui.add_space(2.0);

        let groups = &data.groups;
        let mut clicked = None;
        let mut sort = self.sort;
        ui.scope(|ui| {
            ui.style_mut().interaction.selectable_labels = false;
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            // With the detail pane open, the columns it repeats (town, phone) make way for it.
            let narrow = adding || shown_in_pane.is_some();
            let columns: &[SortColumn] = if narrow {
                &[SortColumn::Name, SortColumn::Neighbourhood, SortColumn::Postcode, SortColumn::Status]
            } else {
                &ALL_COLUMNS
            };
            let mut table = TableBuilder::new(ui)
                .id_salt(if narrow { "directory_table_narrow" } else { "directory_table" })
                .striped(true)
                .sense(egui::Sense::click());
            for column in columns {
                table = table.column(width(*column));
            }
            table
                .header(26.0, |mut header| {
                    for column in columns {
                        header.col(|ui| sort_header_ui(ui, *column, &mut sort));
                    }
                })
                .body(|body| {
                    body.rows(24.0, shown.len(), |mut row| {
                        let Some(group) = shown.get(row.index()).and_then(|i| groups.get(*i)) else {
                            return;
                        };
                        row.set_selected(self.selected == Some(group.id));
                        for column in columns {
                            row.col(|ui| cell_ui(*column, ui, group));
                        }
                        if row.response().clicked() {
                            clicked = Some(group.id);
                        }
                    });
                });
        });
        self.sort = sort;
        if let Some(id) = clicked
            && self.selected != Some(id)
        {
            self.selected = Some(id);
            self.pane.form = None;
        }
        commands
    }

    fn filters_ui(ui: &mut Ui, data: &DirectoryData, filter: &mut DirectoryFilter, unverified_only: &mut bool) {
        let hoods = data.neighbourhoods.iter().map(|n| (n.id, n.name.as_str()));
        let label = ui.label("Neighbourhood:").id;
        optional_choice_ui(ui, "filter_neighbourhood", label, &mut filter.neighbourhood, "All", hoods, None);
        let categories = data.categories.iter().map(|c| (c.id, c.name.as_str()));
        let label = ui.label("Category:").id;
        optional_choice_ui(ui, "filter_category", label, &mut filter.category, "All", categories, None);
        let statuses = GroupStatus::ALL.iter().map(|s| (*s, s.label()));
        let label = ui.label("Status:").id;
        optional_choice_ui(ui, "filter_status", label, &mut filter.status, "All", statuses, None);
        ui.checkbox(unverified_only, "Not verified in the last 12 months");
        ui.checkbox(&mut filter.include_archived, "Show archived");
    }

    /// Shows this group (for example one just added).
    pub(crate) fn select(&mut self, id: GroupId) {
        self.selected = Some(id);
    }
}

/// A group being edited or added: what the user has typed so far, and what is wrong with it.
pub(crate) struct GroupForm {
    /// `None` while adding a new group.
    pub id: Option<GroupId>,
    group: CommunityGroup,
    consent_date: String,
    last_verified: String,
    problems: Vec<FieldProblem>,
}

impl GroupForm {
    fn new(id: Option<GroupId>, group: CommunityGroup) -> Self {
        let date_text = |d: Option<chrono::NaiveDate>| d.map(uk_numeric_date).unwrap_or_default();
        Self {
            id,
            consent_date: date_text(group.consent_date),
            last_verified: date_text(group.last_verified),
            group,
            problems: Vec::new(),
        }
    }

    /// Checks the form; on success, the edit to save.
    fn check(&mut self) -> Option<GroupEdit> {
        let mut problems = Vec::new();
        let mut date = |text: &str, field: &'static str| -> Option<chrono::NaiveDate> {
            if text.trim().is_empty() {
                return None;
            }
            let parsed = parse_uk_date(text);
            if parsed.is_none() {
                problems
                    .push(FieldProblem { field, message: "This is not a date (for example 22/11/2026).".to_owned() });
            }
            parsed
        };
        self.group.consent_date = date(&self.consent_date, "consent_date");
        self.group.last_verified = date(&self.last_verified, "last_verified");
        match GroupEdit::check(self.group.clone()) {
            Ok(edit) if problems.is_empty() => {
                self.problems.clear();
                Some(edit)
            }
            Ok(_) => {
                self.problems = problems;
                None
            }
            Err(more) => {
                problems.extend(more);
                self.problems = problems;
                None
            }
        }
    }
}

/// The pane beside the list: one group, to read or edit.
#[derive(Default)]
pub(crate) struct DetailPane {
    detail: Option<Cached<GroupDetail>>,
    pub(crate) form: Option<GroupForm>,
    pub(crate) merge: Option<MergeForm>,
}

/// Merging a duplicate into the group on show: find it, then choose each differing value.
pub(crate) struct MergeForm {
    keep: GroupId,
    /// The record to keep, read once when the merge starts.
    kept: CommunityGroup,
    search: String,
    /// The search box takes the keyboard when the merge view opens.
    focus_search: bool,
    other: Option<(GroupId, CommunityGroup)>,
    /// The fields whose value comes from the other record.
    take_other: Vec<&'static str>,
}

/// The fields a merge compares: key, label, and the value in a record.
fn merge_fields() -> [(&'static str, &'static str, fn(&mut CommunityGroup) -> &mut String); 20] {
    [
        ("name", "Name", |g| &mut g.name),
        ("other_names", "Other names", |g| &mut g.other_names),
        ("description", "What it does", |g| &mut g.description),
        ("address_line1", "Address line 1", |g| &mut g.address_line1),
        ("address_line2", "Address line 2", |g| &mut g.address_line2),
        ("town", "Town", |g| &mut g.town),
        ("postcode", "Postcode", |g| &mut g.postcode),
        ("phone", "Phone", |g| &mut g.phone),
        ("email", "Email", |g| &mut g.email),
        ("website", "Website", |g| &mut g.website),
        ("contact_name", "Main contact", |g| &mut g.contact_name),
        ("contact_role", "Contact's role", |g| &mut g.contact_role),
        ("contact_phone", "Contact phone", |g| &mut g.contact_phone),
        ("contact_email", "Contact email", |g| &mut g.contact_email),
        ("charity_number", "Charity number", |g| &mut g.charity_number),
        ("company_number", "Company number", |g| &mut g.company_number),
        ("other_identifier", "Other identifier", |g| &mut g.other_identifier),
        ("accessibility", "Accessibility", |g| &mut g.accessibility),
        ("safeguarding_notes", "Safeguarding", |g| &mut g.safeguarding_notes),
        ("notes", "Notes", |g| &mut g.notes),
    ]
}

struct GroupDetail {
    id: GroupId,
    group: CommunityGroup,
    times: (String, String),
    offers: Vec<(crate::model::OfferId, String, chrono::NaiveDate, chrono::NaiveDate)>,
}

fn stamp(text: &str) -> String {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
        .map(|t| t.format("%a %-d %b %Y, %H:%M").to_string())
        .unwrap_or_else(|_| text.to_owned())
}

impl DetailPane {
    /// A new, empty group to fill in.
    pub(crate) fn start_new(&mut self) {
        self.form = Some(GroupForm::new(None, CommunityGroup::default()));
    }

    fn ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        data: &DirectoryData,
        id: Option<GroupId>,
        commands: &mut Vec<Command>,
    ) {
        if let Some(form) = &mut self.form
            && form.id == id
        {
            let mut cancel = false;
            Self::form_ui(ui, doc, data, form, commands, &mut cancel);
            if cancel {
                self.form = None;
            }
            return;
        }
        let Some(id) = id else { return };
        if let Some(merge) = &mut self.merge
            && merge.keep == id
        {
            let mut close = false;
            Self::merge_ui(ui, doc, data, merge, commands, &mut close);
            if close {
                self.merge = None;
            }
            return;
        }
        if self.detail.as_ref().is_some_and(|d| d.value.id != id) {
            self.detail = None;
        }
        let loaded = cached(&mut self.detail, doc, || {
            Ok(GroupDetail {
                id,
                group: doc.store.group(id)?,
                times: doc.store.group_times(id)?,
                offers: doc.store.offers_of_group(id)?,
            })
        });
        let detail = match loaded {
            Ok(d) => d,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return;
            }
        };
        let group = &detail.group;
        ui.label(RichText::new(&group.name).heading());
        if group.archived {
            ui.colored_label(theme::ERROR_RED, "Archived: kept for the offers and placements that name it.");
        }
        let writable = doc.store.is_writable();
        ui.horizontal(|ui| {
            if ui
                .add_enabled(writable, egui::Button::new("Edit this group"))
                .on_disabled_hover_text("This file is read-only.")
                .clicked()
            {
                self.form = Some(GroupForm::new(Some(id), group.clone()));
            }
            let (text, archive) = if group.archived { ("Bring back", false) } else { ("Archive", true) };
            if ui
                .add_enabled(writable, egui::Button::new(text))
                .on_hover_text("Archived groups are hidden from the list unless you tick Show archived")
                .clicked()
            {
                commands.push(Command::Edit(EditRequest::SetGroupArchived { id, archived: archive }));
            }
            if ui
                .add_enabled(writable, egui::Button::new("Merge a duplicate…"))
                .on_hover_text("Bring another record of this group into this one")
                .clicked()
            {
                self.merge = Some(MergeForm {
                    keep: id,
                    kept: group.clone(),
                    search: String::new(),
                    focus_search: true,
                    other: None,
                    take_other: Vec::new(),
                });
            }
        });
        ui.add_space(6.0);
        let address = group.full_address();
        let categories: Vec<&str> = group
            .categories
            .iter()
            .filter_map(|c| data.categories.iter().find(|k| k.id == *c))
            .map(|c| c.name.as_str())
            .collect();
        let neighbourhood = group
            .neighbourhood
            .and_then(|n| data.neighbourhoods.iter().find(|k| k.id == n))
            .map_or("", |n| n.name.as_str());
        let date = |d: Option<chrono::NaiveDate>| d.map(uk_date).unwrap_or_default();
        let consent = match (group.consent_to_contact, group.consent_date) {
            (true, Some(d)) => format!("Yes, given {}", uk_date(d)),
            (true, None) => "Yes".to_owned(),
            (false, _) => "Not recorded".to_owned(),
        };
        egui::Grid::new("group_facts").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
            let fact = |ui: &mut Ui, name: &str, value: &str| {
                if !value.is_empty() {
                    ui.weak(name);
                    ui.add(egui::Label::new(value).wrap());
                    ui.end_row();
                }
            };
            fact(ui, "Other names", &group.other_names);
            fact(ui, "What it does", &group.description);
            fact(ui, "Categories", &categories.join(", "));
            fact(ui, "Neighbourhood", neighbourhood);
            fact(ui, "Address", &address);
            fact(ui, "Phone", &group.phone);
            fact(ui, "Email", &group.email);
            fact(ui, "Website", &group.website);
            fact(ui, "Main contact", &join_present(&[&group.contact_name, &group.contact_role], ", "));
            fact(ui, "Contact phone", &group.contact_phone);
            fact(ui, "Contact email", &group.contact_email);
            fact(ui, "Charity number", &group.charity_number);
            fact(ui, "Company number", &group.company_number);
            fact(ui, "Other identifier", &group.other_identifier);
            fact(ui, "Status", group.status.label());
            fact(ui, "Accessibility", &group.accessibility);
            fact(ui, "Safeguarding", &group.safeguarding_notes);
            fact(ui, "Consent to contact", &consent);
            fact(ui, "Last verified", &date(group.last_verified));
            fact(ui, "Notes", &group.notes);
            fact(ui, "Added", &stamp(&detail.times.0));
            fact(ui, "Last changed", &stamp(&detail.times.1));
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Offers ({})", detail.offers.len())).strong());
            if ui
                .add_enabled(writable, egui::Button::new("New offer"))
                .on_hover_text("Record something this group can host a team for")
                .clicked()
            {
                commands.push(Command::NewOffer(id));
            }
        });
        for (offer, title, first, last) in &detail.offers {
            if ui
                .link(format!("{title} ({})", uk_date_range(*first, *last)))
                .on_hover_text("Show this offer in the Offers panel")
                .clicked()
            {
                commands.push(Command::ShowOffer(*offer));
            }
        }
    }

    fn merge_ui(
        ui: &mut Ui,
        doc: &Document,
        data: &DirectoryData,
        merge: &mut MergeForm,
        commands: &mut Vec<Command>,
        close: &mut bool,
    ) {
        let keep = &merge.kept;
        ui.label(RichText::new(format!("Merge a duplicate into “{}”", keep.name)).heading());
        ui.label("The other record's offers move to this one, and the other record is removed. Edit › Undo takes the merge back.");
        ui.add_space(6.0);
        let Some((other_id, other)) = &merge.other else {
            ui.horizontal(|ui| {
                let label = ui.label("Find the duplicate:");
                let field =
                    ui.add(egui::TextEdit::singleline(&mut merge.search).desired_width(220.0)).labelled_by(label.id);
                if std::mem::take(&mut merge.focus_search) {
                    field.request_focus();
                }
            });
            let words = search_words(&merge.search);
            if !words.is_empty() {
                let found: Vec<&GroupSummary> = data
                    .groups
                    .iter()
                    .filter(|g| {
                        g.id != merge.keep
                            && words.iter().all(|w| {
                                g.name_key.contains(w.as_str()) || g.postcode.to_lowercase().contains(w.as_str())
                            })
                    })
                    .take(12)
                    .collect();
                for group in found {
                    let text = format!(
                        "{} ({})",
                        group.name,
                        if group.postcode.is_empty() { "no postcode" } else { &group.postcode }
                    );
                    if ui.selectable_label(false, text).clicked()
                        && let Ok(full) = doc.store.group(group.id)
                    {
                        merge.other = Some((group.id, full));
                    }
                }
            }
            if ui.button("Cancel").clicked() {
                *close = true;
            }
            return;
        };
        let (other_id, other, keep) = (*other_id, other.clone(), keep.clone());
        // Merge and Cancel sit above the comparison, so they are in reach however long it is.
        ui.horizontal(|ui| {
            if ui.button("Merge").clicked() {
                let mut merged = keep.clone();
                let mut source = other.clone();
                for (key, _, field) in merge_fields() {
                    if merge.take_other.contains(&key) {
                        *field(&mut merged) = field(&mut source).clone();
                    }
                }
                match GroupEdit::imported(merged) {
                    Ok((edit, _)) => {
                        commands.push(Command::Edit(EditRequest::MergeGroups {
                            keep: merge.keep,
                            remove: other_id,
                            merged: edit,
                        }));
                        *close = true;
                    }
                    Err(problem) => {
                        ui.colored_label(theme::ERROR_RED, problem.message);
                    }
                }
            }
            if ui.button("Cancel").clicked() {
                *close = true;
            }
        });
        ui.add_space(6.0);
        ui.label("Where the records differ, choose which value to keep:");
        egui::Grid::new("merge_grid").num_columns(3).striped(true).spacing([10.0, 4.0]).show(ui, |ui| {
            ui.strong("");
            ui.strong("This record");
            ui.strong("The duplicate");
            ui.end_row();
            let (mut mine_all, mut theirs_all) = (keep, other);
            for (key, label, field) in merge_fields() {
                let (mine, theirs) = (field(&mut mine_all).clone(), field(&mut theirs_all).clone());
                if mine.trim() == theirs.trim() {
                    continue;
                }
                ui.label(label);
                let mut take = merge.take_other.contains(&key);
                // Long values are shortened so that the pane keeps its width; hover for the whole.
                let shown = |v: &str| match v.chars().count() {
                    0 => "(empty)".to_owned(),
                    n if n > 28 => format!("{}…", v.chars().take(27).collect::<String>()),
                    _ => v.to_owned(),
                };
                if ui.radio(!take, shown(&mine)).on_hover_text(&mine).clicked() {
                    take = false;
                }
                if ui.radio(take, shown(&theirs)).on_hover_text(&theirs).clicked() {
                    take = true;
                }
                merge.take_other.retain(|k| *k != key);
                if take {
                    merge.take_other.push(key);
                }
                ui.end_row();
            }
        });
    }

    fn form_ui(
        ui: &mut Ui,
        doc: &Document,
        data: &DirectoryData,
        form: &mut GroupForm,
        commands: &mut Vec<Command>,
        cancel: &mut bool,
    ) {
        ui.label(RichText::new(if form.id.is_some() { "Edit group" } else { "New group" }).heading());
        // Save and Cancel sit above the fields, so they are in reach however long the form is.
        ui.horizontal(|ui| {
            if ui.add_enabled(doc.store.is_writable(), egui::Button::new("Save")).clicked()
                && let Some(edit) = form.check()
            {
                commands.push(Command::Edit(match form.id {
                    Some(id) => EditRequest::UpdateGroup { id, edit },
                    None => EditRequest::AddGroup(edit),
                }));
            }
            if ui.button("Cancel").clicked() {
                *cancel = true;
            }
        });
        if !form.problems.is_empty() {
            ui.colored_label(theme::ERROR_RED, "Nothing was saved: put right what is marked in red.");
        }
        ui.add_space(6.0);
        let problems = form.problems.clone();
        let problem_ui = |ui: &mut Ui, field: &str| super::field_problems_ui(ui, &problems, field);
        egui::Grid::new("group_form").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
            let g = &mut form.group;
            let text_row = |ui: &mut Ui, label: &str, field: &str, value: &mut String, lines: usize| {
                super::form_text_row(ui, label, value, lines, 250.0, &problems, field)
            };
            text_row(ui, "Name", "name", &mut g.name, 1);
            text_row(ui, "Other names", "other_names", &mut g.other_names, 1);
            text_row(ui, "What it does", "description", &mut g.description, 3);
            text_row(ui, "Address line 1", "address_line1", &mut g.address_line1, 1);
            text_row(ui, "Address line 2", "address_line2", &mut g.address_line2, 1);
            text_row(ui, "Town", "town", &mut g.town, 1);
            text_row(ui, "Postcode", "postcode", &mut g.postcode, 1);
            text_row(ui, "Phone", "phone", &mut g.phone, 1);
            text_row(ui, "Email", "email", &mut g.email, 1);
            text_row(ui, "Website", "website", &mut g.website, 1);
            text_row(ui, "Main contact", "contact_name", &mut g.contact_name, 1);
            text_row(ui, "Contact's role", "contact_role", &mut g.contact_role, 1);
            text_row(ui, "Contact phone", "contact_phone", &mut g.contact_phone, 1);
            text_row(ui, "Contact email", "contact_email", &mut g.contact_email, 1);
            text_row(ui, "Charity number", "charity_number", &mut g.charity_number, 1);
            text_row(ui, "Company number", "company_number", &mut g.company_number, 1);
            text_row(ui, "Other identifier", "other_identifier", &mut g.other_identifier, 1);
            text_row(ui, "Accessibility", "accessibility", &mut g.accessibility, 2);
            text_row(ui, "Safeguarding", "safeguarding_notes", &mut g.safeguarding_notes, 2);
            text_row(ui, "Notes", "notes", &mut g.notes, 3);

            let label = ui.label("Neighbourhood").id;
            let hoods = data.neighbourhoods.iter().map(|n| (n.id, n.name.as_str()));
            optional_choice_ui(ui, "group_neighbourhood", label, &mut g.neighbourhood, "None", hoods, Some(250.0));
            ui.end_row();

            ui.label("Categories");
            ui.horizontal_wrapped(|ui| {
                ui.set_max_width(260.0);
                ticks_ui(ui, &mut g.categories, data.categories.iter().map(|c| (c.id, c.name.as_str())));
            });
            ui.end_row();

            let label = ui.label("Status");
            egui::ComboBox::from_id_salt("group_status")
                .selected_text(g.status.label())
                .show_ui(ui, |ui| {
                    for status in GroupStatus::ALL {
                        ui.selectable_value(&mut g.status, status, status.label());
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();

            ui.label("Consent to contact");
            ui.vertical(|ui| {
                ui.checkbox(&mut g.consent_to_contact, "The group agreed to be contacted");
                ui.horizontal(|ui| {
                    let label = ui.label("Given on");
                    ui.add(
                        egui::TextEdit::singleline(&mut form.consent_date).hint_text("dd/mm/yyyy").desired_width(110.0),
                    )
                    .labelled_by(label.id);
                });
                problem_ui(ui, "consent_date");
            });
            ui.end_row();

            let label = ui.label("Last verified");
            ui.vertical(|ui| {
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut form.last_verified)
                            .hint_text("dd/mm/yyyy")
                            .desired_width(110.0),
                    )
                    .labelled_by(label.id);
                    if ui.button("Today").on_hover_text("Checked with the group today").clicked() {
                        form.last_verified = uk_numeric_date(chrono::Local::now().date_naive());
                    }
                });
                problem_ui(ui, "last_verified");
            });
            ui.end_row();
        });
    }
}
