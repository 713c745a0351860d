//! The Board panel: which team goes where on which day, with clashes marked.

use std::collections::HashSet;

use egui::{RichText, Ui};

use super::{Cached, cached};
use crate::edit::BoardEdit;
use crate::model::clash::{Clash, PlacementFacts, find_clashes};
use crate::model::dates::uk_date;
use crate::model::{PlacementId, PlacementSummary};
use crate::ui::app::Document;
use crate::ui::command::Command;
use crate::ui::theme;
use crate::ui::widgets::heading_ui;

#[derive(Default)]
pub struct BoardPanel {
    placements: Option<Cached<(Vec<PlacementSummary>, Vec<Clash>)>>,
}

/// One clash in words, naming the teams and the offer.
pub fn describe_clash(clash: &Clash, placements: &[PlacementSummary]) -> String {
    let find = |id: &PlacementId| placements.iter().find(|p| p.id == *id);
    let teams = || {
        clash
            .placements()
            .iter()
            .filter_map(find)
            .map(|p| format!("{} ({})", p.team_name, p.cohort_name))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let first = clash.placements().first().and_then(find);
    match (clash, first) {
        (Clash::OfferDoubleBooked { day, .. }, Some(p)) => {
            format!(
                "{} are both placed with “{}” at {} on {}: a group hosts one team a day.",
                teams(),
                p.offer_title,
                p.group_name,
                uk_date(*day)
            )
        }
        (Clash::TeamPlacedMoreThanOnce { .. }, Some(p)) => {
            format!(
                "{} ({}) is placed {} times: a team goes out once.",
                p.team_name,
                p.cohort_name,
                clash.placements().len()
            )
        }
        (Clash::OfferOverCapacity { capacity, .. }, Some(p)) => format!(
            "“{}” at {} has {} teams placed but can host {}.",
            p.offer_title,
            p.group_name,
            clash.placements().len(),
            capacity
        ),
        _ => "A clash between placements.".to_owned(),
    }
}

impl BoardPanel {
    pub fn ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        let mut commands = Vec::new();
        let (placements, clashes) = match cached(&mut self.placements, doc, || {
            let placements = doc.store.placement_summaries()?;
            let facts: Vec<PlacementFacts> = placements.iter().map(PlacementFacts::from).collect();
            let clashes = find_clashes(&facts);
            Ok((placements, clashes))
        }) {
            Ok(p) => p,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return commands;
            }
        };
        heading_ui(ui, "Board", "Which team goes where, on which day");
        if !clashes.is_empty() {
            egui::Frame::new()
                .fill(egui::Color32::from_rgb(0xFD, 0xEC, 0xEC))
                .inner_margin(8.0)
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    let n = clashes.len();
                    ui.label(
                        RichText::new(format!("{n} {} to sort out", if n == 1 { "clash" } else { "clashes" }))
                            .strong()
                            .color(theme::ERROR_RED),
                    );
                    for clash in clashes {
                        ui.label(describe_clash(clash, placements));
                    }
                });
            ui.add_space(6.0);
        }
        if placements.is_empty() {
            ui.label("No team has been placed yet.");
            return commands;
        }
        let clashing: HashSet<PlacementId> = clashes.iter().flat_map(|c| c.placements().iter().copied()).collect();
        let writable = doc.store.is_writable();
        egui::ScrollArea::vertical().id_salt("board_days").show(ui, |ui| {
            let mut day = None;
            for p in placements {
                if day != Some(p.day) {
                    day = Some(p.day);
                    ui.add_space(8.0);
                    ui.label(RichText::new(uk_date(p.day)).strong().size(17.0));
                    ui.separator();
                }
                ui.horizontal(|ui| {
                    let text = format!("{} ({}): {}, with {}", p.team_name, p.cohort_name, p.offer_title, p.group_name);
                    if clashing.contains(&p.id) {
                        ui.colored_label(theme::ERROR_RED, format!("Clash: {text}"));
                    } else {
                        ui.label(text);
                    }
                    if ui
                        .add_enabled(writable, egui::Button::new("Remove").small())
                        .on_hover_text("Take this team off this day")
                        .clicked()
                    {
                        commands.push(Command::edit(BoardEdit::RemovePlacement(p.id)));
                    }
                });
            }
        });
        commands
    }
}
