//! The Directory panel: the register of community groups, with a detail pane to view and edit one.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{Cached, cached, heading_ui, search_box_ui};
use crate::model::text::thousands;
use crate::model::{CommunityGroup, FieldProblem, GroupId, GroupStatus, GroupSummary};
use crate::store::GroupEdit;
use crate::ui::app::Document;
use crate::ui::command::{Command, EditRequest};
use crate::ui::theme;

/// The directory table's columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DirectoryColumn {
    Name,
    Neighbourhood,
    Town,
    Postcode,
    Phone,
    Status,
}

impl DirectoryColumn {
    const ALL: [Self; 6] = [Self::Name, Self::Neighbourhood, Self::Town, Self::Postcode, Self::Phone, Self::Status];

    fn title(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::Neighbourhood => "Neighbourhood",
            Self::Town => "Town",
            Self::Postcode => "Postcode",
            Self::Phone => "Phone",
            Self::Status => "Status",
        }
    }

    fn width(self) -> Column {
        match self {
            Self::Name => Column::remainder().at_least(160.0).clip(true),
            Self::Neighbourhood => Column::initial(165.0).at_least(60.0).clip(true),
            Self::Town => Column::initial(130.0).at_least(60.0).clip(true),
            Self::Postcode => Column::initial(85.0).at_least(60.0),
            Self::Phone => Column::initial(115.0).at_least(60.0),
            Self::Status => Column::initial(75.0).at_least(60.0),
        }
    }

    fn cell_ui(self, ui: &mut Ui, group: &GroupSummary) {
        match self {
            Self::Name => ui.label(&group.name),
            Self::Neighbourhood => ui.label(&group.neighbourhood),
            Self::Town => ui.label(&group.town),
            Self::Postcode => ui.label(&group.postcode),
            Self::Phone => ui.label(&group.phone),
            Self::Status if group.archived => ui.weak("Archived"),
            Self::Status if group.status == GroupStatus::Active => ui.label(group.status.label()),
            Self::Status => ui.weak(group.status.label()),
        };
    }
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
    groups: Option<Cached<Vec<GroupSummary>>>,
    pub(crate) pane: DetailPane,
    search: String,
    /// Indices into the cached groups that match the search, for (revision, search).
    matches: Option<(u64, String, Vec<usize>)>,
    selected: Option<GroupId>,
    pub(crate) focus_search: bool,
}

fn matches_search(group: &GroupSummary, needle: &str) -> bool {
    needle.split_whitespace().all(|word| {
        [&group.name, &group.neighbourhood, &group.town, &group.postcode, &group.phone]
            .iter()
            .any(|field| field.to_lowercase().contains(word))
    })
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

        let groups = match cached(&mut self.groups, doc, || doc.store.group_summaries()) {
            Ok(groups) => groups,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return commands;
            }
        };
        let needle = self.search.trim().to_lowercase();
        if self.matches.as_ref().is_none_or(|(rev, s, _)| *rev != doc.revision || *s != needle) {
            let hits = groups
                .iter()
                .enumerate()
                .filter(|(_, g)| needle.is_empty() || matches_search(g, &needle))
                .map(|(i, _)| i)
                .collect();
            self.matches = Some((doc.revision, needle.clone(), hits));
        }
        let hits: &[usize] = self.matches.as_ref().map(|(_, _, h)| h.as_slice()).unwrap_or(&[]);

        heading_ui(ui, "Directory", "Local voluntary, community and faith groups");
        ui.horizontal(|ui| {
            search_box_ui(ui, &mut self.search, "name, place, postcode or phone", &mut self.focus_search);
            ui.label(format!("Showing {} of {} groups", thousands(hits.len() as u64), thousands(groups.len() as u64)));
        });
        ui.add_space(4.0);

        let mut clicked = None;
        ui.scope(|ui| {
            ui.style_mut().interaction.selectable_labels = false;
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            // With the detail pane open, the columns it repeats (town, phone) make way for it.
            let narrow = self.selected.is_some();
            let columns: &[DirectoryColumn] = if narrow {
                &[
                    DirectoryColumn::Name,
                    DirectoryColumn::Neighbourhood,
                    DirectoryColumn::Postcode,
                    DirectoryColumn::Status,
                ]
            } else {
                &DirectoryColumn::ALL
            };
            let mut table = TableBuilder::new(ui)
                .id_salt(if narrow { "directory_table_narrow" } else { "directory_table" })
                .striped(true)
                .sense(egui::Sense::click());
            for column in columns {
                table = table.column(column.width());
            }
            table
                .header(24.0, |mut header| {
                    for column in columns {
                        header.col(|ui| {
                            ui.strong(column.title());
                        });
                    }
                })
                .body(|body| {
                    body.rows(24.0, hits.len(), |mut row| {
                        let Some(group) = hits.get(row.index()).and_then(|i| groups.get(*i)) else {
                            return;
                        };
                        row.set_selected(self.selected == Some(group.id));
                        for column in columns {
                            row.col(|ui| column.cell_ui(ui, group));
                        }
                        if row.response().clicked() {
                            clicked = Some(group.id);
                        }
                    });
                });
        });
        if let Some(id) = clicked
            && self.selected != Some(id)
        {
            self.selected = Some(id);
            self.pane.form = None;
        }
        commands
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
