//! The welcome screen, shown when no file is open.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::command::{Command, UiCommand};
use super::theme;
use crate::store::display_name;

pub(super) fn welcome_ui(ui: &mut Ui, recent: &[PathBuf]) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.vertical_centered(|ui| {
        ui.add_space((ui.available_height() * 0.12).min(90.0));
        ui.set_max_width(520.0);
        ui.label(RichText::new("Community Placements").size(30.0).color(theme::NHS_BLUE).strong());
        ui.add_space(4.0);
        ui.label(
            RichText::new("Plan one-day leadership placements of NHS teams with local community groups.").size(16.0),
        );
        ui.add_space(24.0);
        for command in [UiCommand::New, UiCommand::Open, UiCommand::OpenDemo] {
            let text = match command {
                UiCommand::New => "New placement database…",
                UiCommand::Open => "Open a placement database…",
                _ => command.label(),
            };
            let button = egui::Button::new(RichText::new(text).size(17.0)).min_size(egui::vec2(320.0, 40.0));
            if ui.add(button).on_hover_text(command.tooltip()).clicked() {
                commands.push(Command::Ui(command));
            }
            ui.add_space(4.0);
        }
        ui.add_space(20.0);
        if !recent.is_empty() {
            ui.label(RichText::new("Recent files").strong());
            ui.add_space(4.0);
            for path in recent.iter().take(6) {
                let exists = path.exists();
                let label = if exists { display_name(path) } else { format!("{} (not found)", display_name(path)) };
                let response = ui
                    .add_enabled(exists, egui::Button::new(label).frame(false))
                    .on_hover_text(path.display().to_string());
                if response.clicked() {
                    commands.push(Command::Open(path.clone(), crate::store::OpenMode::Edit));
                }
            }
        }
        ui.add_space(20.0);
        ui.weak("Everything you enter is saved as you go, in one file on this computer.");
    });
    commands
}
