//! The status bar, the read-only banner and the window's title.

use egui::{RichText, Ui};

use super::PlacementsApp;
use super::document::SaveState;
use crate::model::text::count_of;
use crate::store::Access;
use crate::ui::command::UiCommand;
use crate::ui::theme;

impl PlacementsApp {
    pub(super) fn status_bar_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let Some(doc) = &self.doc else {
                match &self.opening {
                    Some(opening) => ui.weak(format!("Opening {}…", crate::store::display_name(&opening.path))),
                    None => ui.weak("No file open"),
                };
                return;
            };
            ui.label(RichText::new(doc.store.file_name()).strong())
                .on_hover_text(doc.store.path().display().to_string());
            ui.separator();
            match (&doc.save_state, doc.store.access()) {
                (SaveState::Failed(_), _) => {
                    ui.colored_label(theme::ERROR_RED, "Last change NOT saved");
                }
                (SaveState::Saved, Access::ReadOnly(_)) => {
                    ui.colored_label(theme::ERROR_RED, "Read-only");
                }
                (SaveState::Saved, Access::ReadWrite) => {
                    ui.colored_label(theme::OK_GREEN, "All changes saved");
                }
            }
            // The counts keep their place at the right; the notice takes what room is left and
            // is cut short with "…" (whole on hover) rather than running into them.
            let counts = match &doc.counts {
                Ok(c) => RichText::new(format!(
                    "{} · {} · {}",
                    count_of(c.groups, "group", "groups"),
                    count_of(c.offers, "offer", "offers"),
                    count_of(c.participants, "participant", "participants")
                ))
                .weak(),
                Err(_) => RichText::new("The records could not be counted").color(theme::ERROR_RED),
            };
            let counts_width = egui::WidgetText::from(counts.clone())
                .into_galley(ui, Some(egui::TextWrapMode::Extend), f32::INFINITY, egui::TextStyle::Body)
                .size()
                .x;
            if let Some(notice) = &self.notice {
                ui.separator();
                let room = (ui.available_width() - counts_width - 3.0 * ui.spacing().item_spacing.x).max(0.0);
                ui.allocate_ui_with_layout(
                    egui::vec2(room, ui.available_height()),
                    egui::Layout::left_to_right(egui::Align::Center),
                    |ui| {
                        ui.set_max_width(room);
                        ui.add(egui::Label::new(RichText::new(notice).weak()).truncate());
                    },
                );
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let label = ui.label(counts);
                if let Err(e) = &doc.counts {
                    label.on_hover_text(e);
                }
            });
        });
    }

    pub(super) fn read_only_banner_ui(ui: &mut Ui, access: Access) {
        let Access::ReadOnly(reason) = access else {
            return;
        };
        egui::Frame::new().fill(theme::WARM_YELLOW).inner_margin(8.0).corner_radius(4.0).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(format!(
                    "Read-only. {} Nothing can be changed here; to make changes, use {} to save a copy you can edit.",
                    reason.explanation(),
                    UiCommand::SaveAs.menu_path()
                ))
                .color(egui::Color32::from_rgb(0x5A, 0x43, 0x00)),
            );
        });
        ui.add_space(6.0);
    }

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.doc {
            Some(doc) if !doc.store.is_writable() => {
                format!("{} (read-only) — Community Placements", doc.store.file_name())
            }
            Some(doc) => format!("{} — Community Placements", doc.store.file_name()),
            None => "Community Placements".to_owned(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}
