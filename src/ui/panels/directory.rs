//! The Directory panel: the register of community groups, with search, filters, sortable
//! columns, and a detail pane to view and edit one group.
//!
//! Search runs in the file's full-text index (trigram, accents ignored) and forgives small slips:
//! a word the index cannot find is tried again with the near spellings of words in the
//! directory's names. Only the rows on screen are laid out, so 100,000 groups scroll smoothly.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{Cached, cached, heading_ui, search_box_ui};
use crate::model::directory::{DirectoryFilter, SortColumn, SortOrder, visible_groups};
use crate::model::search::{Vocabulary, search_words};
use crate::model::text::thousands;
use crate::model::{
    Category, CategoryId, CommunityGroup, FieldProblem, GroupId, GroupStatus, GroupSummary, Neighbourhood,
    NeighbourhoodId,
};
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
}

impl DirectoryData {
    fn load(store: &Store) -> Result<Self, StoreError> {
        let groups = store.group_summaries()?;
        let vocabulary = Vocabulary::from_texts(groups.iter().map(|g| g.name.as_str()));
        Ok(Self { groups, vocabulary, neighbourhoods: store.neighbourhoods()?, categories: store.categories()? })
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

/// Works out which groups the directory shows: the index search (retried with near spellings
/// when the words as typed find nothing), then the filters, then the sort.
pub fn find_groups(
    store: &Store,
    groups: &[GroupSummary],
    vocabulary: &Vocabulary,
    search: &str,
    filter: &DirectoryFilter,
    sort: SortOrder,
) -> Result<Vec<usize>, StoreError> {
    let words = search_words(search);
    let (long, short): (Vec<String>, Vec<String>) = words.into_iter().partition(|w| w.chars().count() >= 3);
    let hits = if long.is_empty() {
        None
    } else {
        let exact: Vec<Vec<String>> = long.iter().map(|w| vec![w.clone()]).collect();
        let mut hits = store.search_groups(&exact)?;
        if hits.is_empty() {
            let forgiving: Vec<Vec<String>> = long
                .iter()
                .map(|w| std::iter::once(w.clone()).chain(vocabulary.near(w).into_iter().map(str::to_owned)).collect())
                .collect();
            hits = store.search_groups(&forgiving)?;
        }
        Some(hits)
    };
    Ok(visible_groups(groups, filter, hits.as_ref(), &short, sort))
}

/// A group being edited: what the user has typed so far, and what is wrong with it.
pub(crate) struct GroupForm {
    pub id: GroupId,
    group: CommunityGroup,
    problems: Vec<FieldProblem>,
}

/// The pane beside the list: one group, to read or edit.
#[derive(Default)]
pub(crate) struct DetailPane {
    detail: Option<Cached<(GroupId, CommunityGroup, Vec<String>)>>,
    pub(crate) form: Option<GroupForm>,
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
    selected: Option<GroupId>,
    pub(crate) focus_search: bool,
}

impl DirectoryPanel {
    pub fn ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        let mut commands = Vec::new();
        // Side panels go in before the content beside them, so that it keeps clear of them.
        if let Some(id) = self.selected {
            egui::Panel::right("group_detail")
                .resizable(true)
                .default_size(380.0)
                .min_size(300.0)
                .frame(egui::Frame::new().inner_margin(egui::Margin { left: 12, ..Default::default() }))
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        self.pane.ui(ui, doc, id, &mut commands);
                    });
                });
        }
        let data = match cached(&mut self.data, doc, || DirectoryData::load(&doc.store)) {
            Ok(data) => data,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return commands;
            }
        };
        heading_ui(ui, "Directory", "Local voluntary, community and faith groups");
        ui.horizontal(|ui| {
            search_box_ui(
                ui,
                &mut self.search,
                "name, place, contact, postcode or charity number",
                &mut self.focus_search,
            );
        });
        ui.horizontal_wrapped(|ui| Self::filters_ui(ui, data, &mut self.filter, &mut self.unverified_only));
        self.filter.unverified_as_of = self.unverified_only.then(|| chrono::Local::now().date_naive());

        let key = ListKey {
            revision: doc.revision,
            search: self.search.clone(),
            filter: self.filter.clone(),
            sort: self.sort,
        };
        if self.list.as_ref().is_none_or(|(k, _, _)| *k != key) {
            match find_groups(&doc.store, &data.groups, &data.vocabulary, &self.search, &self.filter, self.sort) {
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
            let narrow = self.selected.is_some();
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
        let label = ui.label("Neighbourhood:");
        let current = filter
            .neighbourhood
            .and_then(|id| data.neighbourhoods.iter().find(|n| n.id == id))
            .map_or("All", |n| n.name.as_str());
        egui::ComboBox::from_id_salt("filter_neighbourhood")
            .selected_text(current)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.neighbourhood, None::<NeighbourhoodId>, "All");
                for n in &data.neighbourhoods {
                    ui.selectable_value(&mut filter.neighbourhood, Some(n.id), &n.name);
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Category:");
        let current = filter
            .category
            .and_then(|id| data.categories.iter().find(|c| c.id == id))
            .map_or("All", |c| c.name.as_str());
        egui::ComboBox::from_id_salt("filter_category")
            .selected_text(current)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.category, None::<CategoryId>, "All");
                for c in &data.categories {
                    ui.selectable_value(&mut filter.category, Some(c.id), &c.name);
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Status:");
        egui::ComboBox::from_id_salt("filter_status")
            .selected_text(filter.status.map_or("All", |s| s.label()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.status, None, "All");
                for status in GroupStatus::ALL {
                    ui.selectable_value(&mut filter.status, Some(status), status.label());
                }
            })
            .response
            .labelled_by(label.id);
        ui.checkbox(unverified_only, "Not verified in the last 12 months");
        ui.checkbox(&mut filter.include_archived, "Show archived");
    }
}

impl DetailPane {
    fn ui(&mut self, ui: &mut Ui, doc: &Document, id: GroupId, commands: &mut Vec<Command>) {
        if let Some(form) = &mut self.form
            && form.id == id
        {
            let mut cancel = false;
            Self::form_ui(ui, doc, form, commands, &mut cancel);
            if cancel {
                self.form = None;
            }
            return;
        }
        if self.detail.as_ref().is_some_and(|d| d.value.0 != id) {
            self.detail = None;
        }
        let loaded = cached(&mut self.detail, doc, || Ok((id, doc.store.group(id)?, doc.store.group_categories(id)?)));
        let (_, group, categories) = match loaded {
            Ok(d) => d,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return;
            }
        };
        ui.horizontal(|ui| {
            ui.label(RichText::new(&group.name).heading());
        });
        if ui
            .add_enabled(doc.store.is_writable(), egui::Button::new("Edit this group"))
            .on_disabled_hover_text("This file is read-only.")
            .clicked()
        {
            self.form = Some(GroupForm { id, group: group.clone(), problems: Vec::new() });
        }
        ui.add_space(6.0);
        let address = [&group.address_line1, &group.address_line2, &group.town, &group.postcode]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        egui::Grid::new("group_facts").num_columns(2).spacing([12.0, 6.0]).striped(false).show(ui, |ui| {
            let fact = |ui: &mut Ui, name: &str, value: &str| {
                if !value.is_empty() {
                    ui.weak(name);
                    ui.add(egui::Label::new(value).wrap());
                    ui.end_row();
                }
            };
            fact(ui, "What it does", &group.description);
            fact(ui, "Categories", &categories.join(", "));
            fact(ui, "Address", &address);
            fact(ui, "Phone", &group.phone);
            fact(ui, "Email", &group.email);
            fact(ui, "Website", &group.website);
            let contact = [&group.contact_name, &group.contact_role]
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            fact(ui, "Main contact", &contact);
            fact(ui, "Contact phone", &group.contact_phone);
            fact(ui, "Contact email", &group.contact_email);
            fact(ui, "Charity number", &group.charity_number);
            fact(ui, "Status", group.status.label());
            fact(ui, "Accessibility", &group.accessibility);
            fact(ui, "Safeguarding", &group.safeguarding_notes);
            fact(ui, "Notes", &group.notes);
        });
    }

    fn form_ui(ui: &mut Ui, doc: &Document, form: &mut GroupForm, commands: &mut Vec<Command>, cancel: &mut bool) {
        ui.label(RichText::new("Edit group").heading());
        ui.add_space(6.0);
        let problems = form.problems.clone();
        let problem_for = |field: &str| problems.iter().find(|p| p.field == field).map(|p| p.message.clone());
        egui::Grid::new("group_form").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
            let g = &mut form.group;
            let fields: [(&str, &'static str, &mut String, bool); 10] = [
                ("Name", "name", &mut g.name, false),
                ("What it does", "description", &mut g.description, true),
                ("Address", "address_line1", &mut g.address_line1, false),
                ("Town", "town", &mut g.town, false),
                ("Postcode", "postcode", &mut g.postcode, false),
                ("Phone", "phone", &mut g.phone, false),
                ("Email", "email", &mut g.email, false),
                ("Website", "website", &mut g.website, false),
                ("Main contact", "contact_name", &mut g.contact_name, false),
                ("Notes", "notes", &mut g.notes, true),
            ];
            for (label, field, value, multiline) in fields {
                let name = ui.label(label);
                ui.vertical(|ui| {
                    let edit = if multiline {
                        egui::TextEdit::multiline(value).desired_rows(3).desired_width(240.0)
                    } else {
                        egui::TextEdit::singleline(value).desired_width(240.0)
                    };
                    ui.add(edit).labelled_by(name.id);
                    if let Some(message) = problem_for(field) {
                        ui.colored_label(theme::ERROR_RED, message);
                    }
                });
                ui.end_row();
            }
            let status_label = ui.label("Status");
            egui::ComboBox::from_id_salt("group_status")
                .selected_text(g.status.label())
                .show_ui(ui, |ui| {
                    for status in GroupStatus::ALL {
                        ui.selectable_value(&mut g.status, status, status.label());
                    }
                })
                .response
                .labelled_by(status_label.id);
            ui.end_row();
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.add_enabled(doc.store.is_writable(), egui::Button::new("Save")).clicked() {
                match GroupEdit::check(form.group.clone()) {
                    Ok(edit) => {
                        form.problems.clear();
                        commands.push(Command::Edit(EditRequest::UpdateGroup { id: form.id, edit }));
                    }
                    Err(problems) => form.problems = problems,
                }
            }
            if ui.button("Cancel").clicked() {
                *cancel = true;
            }
        });
        if !form.problems.is_empty() {
            ui.colored_label(theme::ERROR_RED, "Nothing was saved: put right what is marked in red.");
        }
    }
}
