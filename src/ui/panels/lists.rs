//! The "Lists" window of the Directory: neighbourhoods, categories, and the postcode-district
//! rules that give groups their neighbourhood. Each change is a command, one undo step.

use egui::{RichText, Ui};

use crate::model::{Category, CategoryId, Neighbourhood, NeighbourhoodId};
use crate::store::PostcodeRule;
use crate::ui::command::{Command, EditRequest};

/// What the user is typing in the lists window.
#[derive(Default)]
pub(crate) struct ListsWindow {
    pub open: bool,
    new_neighbourhood: String,
    new_category: String,
    new_district: String,
    new_district_hood: Option<NeighbourhoodId>,
    renaming: Option<(Renaming, String)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Renaming {
    Neighbourhood(NeighbourhoodId),
    Category(CategoryId),
}

impl ListsWindow {
    pub(crate) fn ui(
        &mut self,
        ctx: &egui::Context,
        writable: bool,
        neighbourhoods: &[Neighbourhood],
        categories: &[Category],
        rules: &[PostcodeRule],
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        if !self.open {
            return commands;
        }
        let response = egui::Modal::new(egui::Id::unique("directory_lists")).show(ctx, |ui| {
            ui.set_width(760.0);
            ui.heading("Neighbourhoods, categories and postcode rules");
            ui.add_enabled_ui(writable, |ui| {
                ui.columns(3, |columns| {
                    self.names_ui(
                        &mut columns[0],
                        "Neighbourhoods",
                        neighbourhoods.iter().map(|n| (Renaming::Neighbourhood(n.id), n.name.as_str())),
                        ListKind::Neighbourhood,
                        &mut commands,
                    );
                    self.names_ui(
                        &mut columns[1],
                        "Categories",
                        categories.iter().map(|c| (Renaming::Category(c.id), c.name.as_str())),
                        ListKind::Category,
                        &mut commands,
                    );
                    self.rules_ui(&mut columns[2], neighbourhoods, rules, &mut commands);
                });
            });
            ui.add_space(8.0);
            if ui.button("Close").clicked() {
                self.open = false;
            }
        });
        if response.should_close() {
            self.open = false;
        }
        commands
    }

    fn names_ui<'a>(
        &mut self,
        ui: &mut Ui,
        title: &str,
        names: impl Iterator<Item = (Renaming, &'a str)>,
        kind: ListKind,
        commands: &mut Vec<Command>,
    ) {
        ui.label(RichText::new(title).strong());
        egui::ScrollArea::vertical().id_salt(title).max_height(260.0).show(ui, |ui| {
            for (key, name) in names {
                match &mut self.renaming {
                    Some((renaming, text)) if *renaming == key => {
                        let edit = ui
                            .add(egui::TextEdit::singleline(text).desired_width(150.0))
                            .accessible_name(format!("New name for {name}"));
                        let done = edit.lost_focus() || ui.button("Save").clicked();
                        if done {
                            let request = match key {
                                Renaming::Neighbourhood(id) => EditRequest::RenameNeighbourhood(id, text.clone()),
                                Renaming::Category(id) => EditRequest::RenameCategory(id, text.clone()),
                            };
                            if text.trim() != name {
                                commands.push(Command::Edit(request));
                            }
                            self.renaming = None;
                        }
                    }
                    _ => {
                        if ui.selectable_label(false, name).on_hover_text("Click to rename").clicked() {
                            self.renaming = Some((key, name.to_owned()));
                        }
                    }
                }
            }
        });
        ui.horizontal(|ui| {
            let text = match kind {
                ListKind::Neighbourhood => &mut self.new_neighbourhood,
                ListKind::Category => &mut self.new_category,
            };
            let label = ui.label("New:");
            ui.add(egui::TextEdit::singleline(text).desired_width(110.0)).labelled_by(label.id);
            if ui.add_enabled(!text.trim().is_empty(), egui::Button::new("Add")).clicked() {
                commands.push(Command::Edit(match kind {
                    ListKind::Neighbourhood => EditRequest::AddNeighbourhood(std::mem::take(text)),
                    ListKind::Category => EditRequest::AddCategory(std::mem::take(text)),
                }));
            }
        });
    }

    fn rules_ui(
        &mut self,
        ui: &mut Ui,
        neighbourhoods: &[Neighbourhood],
        rules: &[PostcodeRule],
        commands: &mut Vec<Command>,
    ) {
        ui.label(RichText::new("Postcode districts").strong());
        let name_of = |id: NeighbourhoodId| neighbourhoods.iter().find(|n| n.id == id).map_or("?", |n| n.name.as_str());
        egui::ScrollArea::vertical().id_salt("rules").max_height(200.0).show(ui, |ui| {
            for rule in rules {
                ui.horizontal(|ui| {
                    ui.label(format!("{} is {}", rule.district, name_of(rule.neighbourhood)));
                    if ui.small_button("Remove").clicked() {
                        commands.push(Command::Edit(EditRequest::RemovePostcodeRule(rule.id)));
                    }
                });
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label("District:");
            ui.add(egui::TextEdit::singleline(&mut self.new_district).hint_text("FY1").desired_width(50.0))
                .labelled_by(label.id);
            let current = self.new_district_hood.map_or("choose", name_of);
            let is = ui.label("is");
            egui::ComboBox::from_id_salt("rule_neighbourhood")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for n in neighbourhoods {
                        ui.selectable_value(&mut self.new_district_hood, Some(n.id), &n.name);
                    }
                })
                .response
                .labelled_by(is.id);
        });
        if ui
            .add_enabled(
                !self.new_district.trim().is_empty() && self.new_district_hood.is_some(),
                egui::Button::new("Add rule"),
            )
            .clicked()
            && let Some(neighbourhood) = self.new_district_hood
        {
            commands.push(Command::Edit(EditRequest::SetPostcodeRule {
                district: std::mem::take(&mut self.new_district),
                neighbourhood,
            }));
        }
        ui.add_space(6.0);
        if ui.button("Assign to groups without a neighbourhood").clicked() {
            commands.push(Command::Edit(EditRequest::ApplyPostcodeRules { overwrite: false }));
        }
        if ui.button("Reassign every group with a rule").clicked() {
            commands.push(Command::Edit(EditRequest::ApplyPostcodeRules { overwrite: true }));
        }
    }
}

#[derive(Clone, Copy)]
enum ListKind {
    Neighbourhood,
    Category,
}
