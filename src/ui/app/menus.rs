//! The menu bar, the keyboard shortcuts and the navigation column: each only pushes commands.

use egui::{RichText, Ui};

use super::PlacementsApp;
use super::document::Step;
use crate::store::display_name;
use crate::ui::command::{Command, CommandUi as _, Menu, UiCommand};
use crate::ui::prefs::PanelKind;

impl PlacementsApp {
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() || self.import.is_some() {
            return;
        }
        // Leave Ctrl+Z to a text field that has the keyboard: it undoes typing there. Any other
        // focused widget (a ticked checkbox, a clicked button) leaves it to the document.
        let typing = ctx.text_edit_focused();
        for command in UiCommand::ALL {
            if typing && matches!(command, UiCommand::Undo | UiCommand::Redo) {
                continue;
            }
            for shortcut in command.shortcuts() {
                if ctx.input_mut(|i| i.consume_shortcut(shortcut)) {
                    self.pending.push(Command::Ui(command));
                }
            }
        }
    }

    /// Menu entries for `commands`, each enabled as the file allows.
    fn items_ui(&mut self, ui: &mut Ui, commands: &[UiCommand]) {
        for command in commands {
            if command.menu_item(ui, self.is_enabled(*command), None) {
                self.pending.push(Command::Ui(*command));
            }
        }
    }

    pub(super) fn menu_bar_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(Menu::File.label(), |ui| {
                self.items_ui(ui, &[UiCommand::New, UiCommand::Open]);
                self.recent_files_ui(ui);
                ui.separator();
                self.items_ui(ui, &[UiCommand::SaveAs, UiCommand::Close]);
                ui.separator();
                self.items_ui(
                    ui,
                    &[
                        UiCommand::ImportGroups,
                        UiCommand::ImportOffers,
                        UiCommand::ImportFeedback,
                        UiCommand::ExportGroups,
                    ],
                );
                ui.separator();
                self.items_ui(
                    ui,
                    &[
                        UiCommand::ExportCalendars,
                        UiCommand::ExportMailMergeParticipants,
                        UiCommand::ExportMailMergeGroups,
                    ],
                );
                ui.separator();
                self.items_ui(ui, &[UiCommand::CopyForColleague, UiCommand::SendChanges, UiCommand::TakeChanges]);
                ui.separator();
                self.items_ui(ui, &[UiCommand::RestoreBackup, UiCommand::OpenDemo]);
                ui.separator();
                self.items_ui(ui, &[UiCommand::Quit]);
            });
            ui.menu_button(Menu::Edit.label(), |ui| {
                for (command, step) in [(UiCommand::Undo, Step::Undo), (UiCommand::Redo, Step::Redo)] {
                    let label =
                        self.doc.as_ref().and_then(|d| d.next_label(step)).map(|l| format!("{} {l}", command.label()));
                    if command.menu_item(ui, self.is_enabled(command), label.as_deref()) {
                        self.pending.push(Command::Ui(command));
                    }
                }
                ui.separator();
                self.items_ui(ui, &[UiCommand::Find]);
            });
            ui.menu_button(Menu::View.label(), |ui| {
                let commands: Vec<UiCommand> = PanelKind::ALL.iter().map(|k| k.command()).collect();
                self.items_ui(ui, &commands);
            });
            ui.menu_button(Menu::Help.label(), |ui| self.items_ui(ui, &[UiCommand::About]));
        });
    }

    fn recent_files_ui(&mut self, ui: &mut Ui) {
        ui.menu_button("Open Recent", |ui| {
            if self.prefs.recent_files.is_empty() {
                ui.weak("No recent files");
            }
            for path in &self.prefs.recent_files {
                if ui.button(display_name(path)).on_hover_text(path.display().to_string()).clicked() {
                    self.pending.push(Command::Open(path.clone(), crate::store::OpenMode::Edit));
                }
            }
        });
    }

    pub(super) fn navigation_ui(&mut self, ui: &mut Ui) {
        ui.add_space(8.0);
        for kind in PanelKind::ALL {
            let selected = self.panels.current == kind;
            let text = RichText::new(kind.label()).size(16.0);
            let response = ui
                .add_sized([ui.available_width(), 34.0], egui::Button::selectable(selected, text))
                .on_hover_text(kind.command().tooltip());
            if response.clicked() {
                self.pending.push(Command::Ui(kind.command()));
            }
        }
    }
}
