//! The Directory panel: the register of community groups, with search, filters, sortable
//! columns, and a pane beside the list to read, edit or merge one group.
//!
//! Files: this one holds the panel and its list; [`detail`] the group's pane, [`form`] its
//! editor, [`merge`] bringing a duplicate in, [`lists`] the neighbourhoods, categories and
//! postcode rules window. The search itself is [`crate::store::find_groups`]; only the rows on
//! screen are laid out, so 100,000 groups scroll smoothly.

mod ask;
mod detail;
mod form;
mod lists;
mod merge;
mod neighbourhoods;
mod steps;
mod table;

use egui::Ui;

pub(crate) use detail::DetailPane;
pub(crate) use form::typed_date;

use super::{Cached, cached};
use crate::model::directory::{DirectoryFilter, SortOrder};
use crate::model::search::Vocabulary;
use crate::model::text::{count_of, thousands};
use crate::model::{Category, GroupId, GroupStatus, GroupSummary, Neighbourhood};
use crate::store::{PostcodeRule, SearchCache, Store, StoreError, find_groups};
use crate::ui::app::Document;
use crate::ui::command::Command;
use crate::ui::theme;
use crate::ui::widgets::{heading_ui, optional_choice_ui, search_box_ui};

/// Everything the directory lists, read once per change to the file.
pub(crate) struct DirectoryData {
    groups: Vec<GroupSummary>,
    vocabulary: Vocabulary,
    neighbourhoods: Vec<Neighbourhood>,
    categories: Vec<Category>,
    rules: Vec<PostcodeRule>,
}

impl DirectoryData {
    /// The lists, read from the file (on the worker that opens it, or when the file changes).
    pub(crate) fn load(store: &Store) -> Result<Self, StoreError> {
        let groups = store.group_summaries()?;
        let vocabulary = Vocabulary::from_folded(groups.iter().map(|g| g.name_key()));
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

/// The list as worked out for a key: the positions of the groups shown, and how many there are
/// in all.
struct ShownList {
    key: ListKey,
    shown: Vec<usize>,
    total: usize,
}

#[derive(Default)]
pub struct DirectoryPanel {
    data: Option<Cached<DirectoryData>>,
    pub(crate) pane: DetailPane,
    search: String,
    filter: DirectoryFilter,
    unverified_only: bool,
    sort: SortOrder,
    list: Option<ShownList>,
    search_cache: SearchCache,
    selected: Option<GroupId>,
    pub(crate) focus_search: bool,
    lists: lists::ListsWindow,
    neighbourhoods: neighbourhoods::NeighbourhoodsWindow,
    ask: Option<ask::AskWindow>,
}

impl DirectoryPanel {
    /// Lists read on the worker that opened the file, for the document's first revision.
    pub(crate) fn preload(&mut self, data: DirectoryData, revision: u64) {
        self.data = Some(Cached { revision, value: data });
    }

    pub fn ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        // The cached lists are lent out for the frame, so that the panel's own state can change
        // while they are read.
        let mut data = self.data.take();
        let commands = self.ui_with(ui, doc, &mut data);
        self.data = data;
        commands
    }

    fn ui_with(&mut self, ui: &mut Ui, doc: &Document, data_slot: &mut Option<Cached<DirectoryData>>) -> Vec<Command> {
        let mut commands = Vec::new();
        let data = match cached(data_slot, doc, || DirectoryData::load(&doc.store)) {
            Ok(data) => data,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return commands;
            }
        };
        // Side panels go in before the content beside them, so that it keeps clear of them.
        let adding = self.pane.is_adding();
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
        self.toolbar_ui(ui, doc, data, &mut commands);
        if let Ok(counts) = &doc.counts
            && counts.placements == 0
            && let Some(action) = steps::steps_ui(ui, counts, data.neighbourhoods.len(), doc.store.access())
        {
            match action {
                steps::StepAction::NewGroup => self.pane.start_new(),
                steps::StepAction::SetUpNeighbourhoods => self.neighbourhoods.open(&doc.store),
                steps::StepAction::AskForOffers => self.open_ask(doc, data),
                other => commands.extend(steps::step_command(other)),
            }
        }
        if let Err(e) = self.work_out_list(doc, data) {
            ui.colored_label(theme::ERROR_RED, format!("The search could not be run: {e}"));
            return commands;
        }
        let (shown, total) = self.list.as_ref().map_or((&[][..], 0), |l| (l.shown.as_slice(), l.total));
        ui.label(format!("Showing {} of {}", thousands(shown.len() as u64), count_of(total as u64, "group", "groups")));
        if data.groups.is_empty() {
            ui.weak(
                "No groups yet. File › Import groups… reads a register (the Charity Commission's, a council's \
                 directory, a spreadsheet); New group adds one.",
            );
        }
        ui.add_space(2.0);
        let narrow = adding || shown_in_pane.is_some();
        let clicked = table::groups_table_ui(ui, &data.groups, shown, self.selected, narrow, &mut self.sort);
        if let Some(id) = clicked
            && self.selected != Some(id)
        {
            self.selected = Some(id);
            self.pane.form = None;
        }
        commands
    }

    /// The search box, New group, Lists… and the filters.
    fn toolbar_ui(&mut self, ui: &mut Ui, doc: &Document, data: &DirectoryData, commands: &mut Vec<Command>) {
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
            if ui
                .button("Ask for offers…")
                .on_hover_text("Letters, a mail merge or a form asking groups whether they could host a team")
                .clicked()
            {
                let shown: Vec<GroupId> = self
                    .list
                    .as_ref()
                    .map(|l| l.shown.iter().map(|i| data.groups[*i].id).collect())
                    .unwrap_or_default();
                self.ask = Some(ask::AskWindow::open(&doc.store, shown, self.selected));
            }
        });
        if let Some(window) = &mut self.ask {
            let (asked, close) = window.ui(ui.ctx());
            commands.extend(asked);
            if close {
                self.ask = None;
            }
        }
        commands.extend(self.neighbourhoods.ui(ui.ctx(), doc.store.access()));
        // While the steps of a programme show, they say it (step 2).
        if doc.counts.as_ref().is_ok_and(|c| c.placements > 0) {
            Self::no_neighbourhoods_ui(ui, doc, data, &mut self.neighbourhoods);
        }
        commands.extend(self.lists.ui(
            ui.ctx(),
            doc.store.access(),
            &data.neighbourhoods,
            &data.categories,
            &data.rules,
        ));
        if std::mem::take(&mut self.lists.set_up_asked) {
            self.lists.open = false;
            self.neighbourhoods.open(&doc.store);
        }
        ui.horizontal_wrapped(|ui| Self::filters_ui(ui, data, &mut self.filter, &mut self.unverified_only));
        self.filter.unverified_as_of = self.unverified_only.then(|| chrono::Local::now().date_naive());
    }

    /// Opens "Ask for offers…" with the groups the list shows now and the one chosen.
    fn open_ask(&mut self, doc: &Document, data: &DirectoryData) {
        let shown: Vec<GroupId> = self
            .list
            .as_ref()
            .map(|l| l.shown.iter().filter_map(|i| data.groups.get(*i)).map(|g| g.id).collect())
            .unwrap_or_default();
        self.ask = Some(ask::AskWindow::open(&doc.store, shown, self.selected));
    }

    /// When no group has a neighbourhood, says so and what to do: Suggest and the report count by
    /// neighbourhood, so a register from anywhere starts here.
    fn no_neighbourhoods_ui(
        ui: &mut Ui,
        doc: &Document,
        data: &DirectoryData,
        window: &mut neighbourhoods::NeighbourhoodsWindow,
    ) {
        let live = data.groups.iter().filter(|g| !g.archived);
        let (groups, without) = live.fold((0, 0), |(n, w), g| (n + 1, w + usize::from(g.neighbourhood_id.is_none())));
        if groups == 0 || without * 2 < groups {
            return;
        }
        egui::Frame::new().fill(theme::WARM_YELLOW).inner_margin(8.0).corner_radius(4.0).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let words = if without == groups {
                    format!("None of your {} has a neighbourhood yet.", count_of(groups as u64, "group", "groups"))
                } else {
                    format!(
                        "{} of your {} have no neighbourhood.",
                        thousands(without as u64),
                        count_of(groups as u64, "group", "groups")
                    )
                };
                ui.label(format!(
                    "{words} Neighbourhoods let Suggest spread teams over your area and the report count by area."
                ));
                if ui.add_enabled(doc.store.is_writable(), egui::Button::new("Set up neighbourhoods…")).clicked() {
                    window.open(&doc.store);
                }
            });
        });
        ui.add_space(4.0);
    }

    /// Works out which groups to show, when the file, the search, the filters or the order
    /// have changed since it was last worked out.
    fn work_out_list(&mut self, doc: &Document, data: &DirectoryData) -> Result<(), StoreError> {
        let key = ListKey {
            revision: doc.revision,
            search: self.search.clone(),
            filter: self.filter.clone(),
            sort: self.sort,
        };
        if self.list.as_ref().is_some_and(|l| l.key == key) {
            return Ok(());
        }
        let shown = find_groups(
            &doc.store,
            doc.revision,
            &mut self.search_cache,
            &data.groups,
            &data.vocabulary,
            &self.search,
            &self.filter,
            self.sort,
        )?;
        let total = data.groups.iter().filter(|g| self.filter.include_archived || !g.archived).count();
        self.list = Some(ShownList { key, shown, total });
        Ok(())
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
