//! The "Lists" window of the Directory: neighbourhoods, categories, and the postcode-district
//! rules that give groups their neighbourhood. Each change is a command, one undo step.

use egui::{RichText, Ui};

use crate::edit::DirectoryEdit;
use crate::model::{Category, CategoryId, Neighbourhood, NeighbourhoodId};
use crate::store::Access;
use crate::store::{Overwrite, PostcodeRule};
use crate::ui::command::Command;
use crate::ui::widgets::{NameChange, NameListEditor};

/// What the user is typing in the lists window.
#[derive(Default)]
pub(crate) struct ListsWindow {
    pub open: bool,
    neighbourhoods: NameListEditor<NeighbourhoodId>,
    categories: NameListEditor<CategoryId>,
    new_district: String,
    new_district_hood: Option<NeighbourhoodId>,
    /// "Set up neighbourhoods…" was clicked: the panel opens that window in this one's place.
    pub set_up_asked: bool,
}

impl ListsWindow {
    pub(crate) fn ui(
        &mut self,
        ctx: &egui::Context,
        access: Access,
        neighbourhoods: &[Neighbourhood],
        categories: &[Category],
        rules: &[PostcodeRule],
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        if !self.open {
            return commands;
        }
        let response = crate::ui::widgets::dialog("directory_lists").show(ctx, |ui| {
            ui.set_width(760.0);
            ui.heading("Neighbourhoods, categories and postcode rules");
            ui.add_enabled_ui(access.is_writable(), |ui| {
                ui.columns(3, |columns| {
                    let names: Vec<_> = neighbourhoods.iter().map(|n| (n.id, n.name.as_str())).collect();
                    let change = names_ui(&mut columns[0], "Neighbourhoods", &names, &mut self.neighbourhoods);
                    commands.extend(change.map(|change| {
                        Command::edit(match change {
                            NameChange::Add(name) => DirectoryEdit::AddNeighbourhood(name),
                            NameChange::Rename(id, name) => DirectoryEdit::RenameNeighbourhood(id, name),
                        })
                    }));
                    let names: Vec<_> = categories.iter().map(|c| (c.id, c.name.as_str())).collect();
                    let change = names_ui(&mut columns[1], "Categories", &names, &mut self.categories);
                    commands.extend(change.map(|change| {
                        Command::edit(match change {
                            NameChange::Add(name) => DirectoryEdit::AddCategory(name),
                            NameChange::Rename(id, name) => DirectoryEdit::RenameCategory(id, name),
                        })
                    }));
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

    fn rules_ui(
        &mut self,
        ui: &mut Ui,
        neighbourhoods: &[Neighbourhood],
        rules: &[PostcodeRule],
        commands: &mut Vec<Command>,
    ) {
        ui.label(RichText::new("Postcode districts").strong());
        if ui
            .button("Set up neighbourhoods…")
            .on_hover_text("Name the neighbourhoods of every postcode area your groups are in, at once")
            .clicked()
        {
            self.set_up_asked = true;
        }
        let name_of = |id: NeighbourhoodId| neighbourhoods.iter().find(|n| n.id == id).map_or("?", |n| n.name.as_str());
        egui::ScrollArea::vertical().id_salt("rules").max_height(200.0).show(ui, |ui| {
            for rule in rules {
                ui.horizontal(|ui| {
                    ui.label(format!("{} is {}", rule.district, name_of(rule.neighbourhood)));
                    if ui.small_button("Remove").clicked() {
                        commands.push(Command::edit(DirectoryEdit::RemovePostcodeRule(rule.id)));
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
            let combo = egui::ComboBox::from_id_salt("rule_neighbourhood")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for n in neighbourhoods {
                        ui.selectable_value(&mut self.new_district_hood, Some(n.id), &n.name);
                    }
                })
                .response
                .labelled_by(is.id);
            crate::ui::widgets::keep_popup_in_front(ui, &combo);
        });
        if ui
            .add_enabled(
                !self.new_district.trim().is_empty() && self.new_district_hood.is_some(),
                egui::Button::new("Add rule"),
            )
            .clicked()
            && let Some(neighbourhood) = self.new_district_hood
        {
            commands.push(Command::edit(DirectoryEdit::SetPostcodeRule {
                district: std::mem::take(&mut self.new_district),
                neighbourhood,
            }));
        }
        ui.add_space(6.0);
        if ui.button("Assign to groups without a neighbourhood").clicked() {
            commands.push(Command::edit(DirectoryEdit::ApplyPostcodeRules { overwrite: Overwrite::OnlyMissing }));
        }
        if ui.button("Reassign every group with a rule").clicked() {
            commands.push(Command::edit(DirectoryEdit::ApplyPostcodeRules { overwrite: Overwrite::All }));
        }
    }
}

/// One list's column: its title, its names in a scroll area, and the field to add one.
fn names_ui<I: Copy + PartialEq>(
    ui: &mut Ui,
    title: &str,
    names: &[(I, &str)],
    editor: &mut NameListEditor<I>,
) -> Option<NameChange<I>> {
    ui.label(RichText::new(title).strong());
    let renamed =
        egui::ScrollArea::vertical().id_salt(title).max_height(260.0).show(ui, |ui| editor.names_ui(ui, names, 150.0));
    editor.add_ui(ui, 200.0).or(renamed.inner)
}
