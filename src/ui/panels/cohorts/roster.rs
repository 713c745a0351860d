//! The roster: a searchable table of the cohort's people; click one to edit their record.

use egui::Ui;
use egui_extras::{Column, TableBuilder};

use super::CohortsPanel;
use super::forms::ParticipantForm;
use crate::model::search::fold;
use crate::model::text::{count_of, thousands};
use crate::model::{CohortId, Participant, ParticipantSummary, Team};
use crate::ui::app::Document;
use crate::ui::widgets::{TableKeys, search_box_ui};

impl CohortsPanel {
    pub(super) fn roster_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        cohort: CohortId,
        people: &[ParticipantSummary],
        teams: &[Team],
    ) {
        let needle = fold(self.search.trim());
        let shown: Vec<&ParticipantSummary> = people
            .iter()
            .filter(|p| {
                needle.is_empty() || fold(&format!("{} {} {}", p.name, p.profession, p.organisation)).contains(&needle)
            })
            .collect();
        ui.horizontal(|ui| {
            search_box_ui(ui, &mut self.search, "name, profession or organisation", &mut self.focus_search);
            ui.label(format!(
                "Showing {} of {}",
                thousands(shown.len() as u64),
                count_of(people.len() as u64, "participant", "participants")
            ));
            if ui.add_enabled(doc.store.is_writable(), egui::Button::new("Add participant")).clicked() {
                self.form = Some(ParticipantForm::new(None, Participant { cohort, ..Default::default() }));
            }
        });
        let editing = self.form.as_ref().and_then(ParticipantForm::id);
        if let Some(id) = roster_table_ui(ui, &shown, teams, editing) {
            match doc.store.participant(id) {
                Ok(person) => self.form = Some(ParticipantForm::new(Some(id), person)),
                Err(e) => log::warn!("a participant could not be read: {e}"),
            }
        }
    }
}

/// The table of people; returns the one clicked.
fn roster_table_ui(
    ui: &mut Ui,
    shown: &[&ParticipantSummary],
    teams: &[Team],
    editing: Option<crate::model::ParticipantId>,
) -> Option<crate::model::ParticipantId> {
    let team_name = |p: &ParticipantSummary| {
        teams.iter().find(|t| Some(t.id) == p.team).map_or("Not in a team", |t| t.name.as_str()).to_owned()
    };
    let mut clicked = None;
    let keys = TableKeys::new(ui, "roster_table");
    let drawn = ui.scope(|ui| {
        ui.style_mut().interaction.selectable_labels = false;
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        // Rows are clicked, not each a stop for Tab: the table is one stop (below).
        let scroll_to = keys.scroll_to(ui);
        let mut table = TableBuilder::new(ui)
            .id_salt("roster_table")
            .striped(true)
            .sense(egui::Sense::CLICK)
            .min_scrolled_height(72.0);
        if let Some(row) = scroll_to {
            table = table.scroll_to_row(row, None);
        }
        table
            .column(Column::initial(200.0).clip(true))
            .column(Column::initial(140.0).clip(true))
            .column(Column::initial(280.0).clip(true))
            .column(Column::remainder().at_least(90.0))
            .header(24.0, |mut header| {
                for title in ["Name", "Profession", "Organisation", "Team"] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(24.0, shown.len(), |mut row| {
                    let Some(p) = shown.get(row.index()) else {
                        return;
                    };
                    row.set_selected(editing == Some(p.id));
                    for text in [p.name.clone(), p.profession.clone(), p.organisation.clone(), team_name(p)] {
                        row.col(|ui| {
                            ui.label(text);
                        });
                    }
                    if row.response().clicked() {
                        clicked = Some(p.id);
                    }
                });
            });
    });
    let chosen = editing
        .and_then(|id| shown.iter().position(|p| p.id == id))
        .and_then(|at| shown.get(at).map(|p| (at, p.name.as_str())));
    if let Some(to) = keys.ui(ui, drawn.response.rect, "Participants", shown.len(), chosen, clicked.is_some()) {
        clicked = shown.get(to).map(|p| p.id);
    }
    clicked
}
