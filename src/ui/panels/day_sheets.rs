//! The Day sheets panel: what each placed team needs to know on its day.

use egui::{RichText, Ui};

use super::{Cached, cached};
use crate::model::PlacementSummary;
use crate::model::dates::uk_date;
use crate::ui::app::Document;
use crate::ui::command::Command;
use crate::ui::theme;
use crate::ui::widgets::heading_ui;

#[derive(Default)]
pub struct DaySheetsPanel {
    placements: Option<Cached<Vec<PlacementSummary>>>,
}

impl DaySheetsPanel {
    pub fn ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        let placements = match cached(&mut self.placements, doc, || doc.store.placement_summaries()) {
            Ok(p) => p,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return Vec::new();
            }
        };
        heading_ui(ui, "Day sheets", "One sheet for each team's day out");
        if placements.is_empty() {
            ui.label("Day sheets appear here once teams are placed on the Board.");
            return Vec::new();
        }
        egui::ScrollArea::vertical().id_salt("day_sheets").show(ui, |ui| {
            for p in placements {
                egui::CollapsingHeader::new(
                    RichText::new(format!("{} — {} ({})", uk_date(p.day), p.team_name, p.cohort_name)).strong(),
                )
                .id_salt(("day_sheet", p.id.0))
                .show(ui, |ui| {
                    ui.label(format!("Activity: {}", p.offer_title));
                    ui.label(format!("Hosted by: {}", p.group_name));
                });
            }
        });
        Vec::new()
    }
}
