//! The programme's list of what offers let a team practise: add and rename.

use crate::edit::OffersEdit;
use crate::model::{Practice, PracticeId};
use crate::store::Access;
use crate::ui::command::Command;
use crate::ui::widgets::{NameChange, NameListEditor};

#[derive(Default)]
pub(super) struct PracticesWindow {
    pub(super) open: bool,
    editor: NameListEditor<PracticeId>,
}

impl PracticesWindow {
    pub(super) fn ui(&mut self, ctx: &egui::Context, access: Access, practices: &[Practice]) -> Vec<Command> {
        let mut commands = Vec::new();
        if !self.open {
            return commands;
        }
        let response = crate::ui::widgets::dialog("offer_practices").show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading("What offers let a team practise");
            ui.weak("Click a practice to rename it; offers that name it follow.");
            ui.add_enabled_ui(access.is_writable(), |ui| {
                let names: Vec<(PracticeId, &str)> = practices.iter().map(|p| (p.id, p.name.as_str())).collect();
                match self.editor.ui(ui, &names, 420.0) {
                    Some(NameChange::Add(name)) => commands.push(Command::edit(OffersEdit::AddPractice(name))),
                    Some(NameChange::Rename(id, name)) => {
                        commands.push(Command::edit(OffersEdit::RenamePractice(id, name)))
                    }
                    None => {}
                }
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
}
