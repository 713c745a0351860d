//! The Cohorts panel: who is on each programme, and the teams they go out in.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{Cached, cached, heading_ui, search_box_ui};
use crate::model::dates::uk_date_range;
use crate::model::teams::mix_line;
use crate::model::{Cohort, CohortId, ParticipantSummary, Team};
use crate::ui::app::Document;
use crate::ui::command::Command;
use crate::ui::theme;

#[derive(Default)]
pub struct CohortsPanel {
    cohorts: Option<Cached<Vec<Cohort>>>,
    roster: Option<Cached<(CohortId, Vec<ParticipantSummary>, Vec<Team>)>>,
    selected: Option<CohortId>,
    search: String,
    pub(crate) focus_search: bool,
}

impl CohortsPanel {
    pub fn ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        let cohorts = match cached(&mut self.cohorts, doc, || doc.store.cohorts()) {
            Ok(c) => c.clone(),
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return Vec::new();
            }
        };
        heading_ui(ui, "Cohorts", "Participants of each programme and the teams they go out in");
        if cohorts.is_empty() {
            ui.label("There are no cohorts in this file yet.");
            return Vec::new();
        }
        let selected = self.selected.filter(|id| cohorts.iter().any(|c| c.id == *id)).unwrap_or(cohorts[0].id);
        self.selected = Some(selected);
        ui.horizontal(|ui| {
            let label = ui.label("Cohort:");
            let current = cohorts.iter().find(|c| c.id == selected).map(|c| c.name.clone()).unwrap_or_default();
            egui::ComboBox::from_id_salt("cohort_picker")
                .selected_text(current)
                .width(260.0)
                .show_ui(ui, |ui| {
                    for cohort in &cohorts {
                        ui.selectable_value(&mut self.selected, Some(cohort.id), &cohort.name);
                    }
                })
                .response
                .labelled_by(label.id);
            if let Some(cohort) = cohorts.iter().find(|c| c.id == selected)
                && let (Some(first), Some(last)) = (cohort.first_day, cohort.last_day)
            {
                ui.weak(format!("{}  ·  {}", cohort.programme_type, uk_date_range(first, last)));
            }
        });
        if self.roster.as_ref().is_some_and(|r| r.value.0 != selected) {
            self.roster = None;
        }
        let (_, people, teams) = match cached(&mut self.roster, doc, || {
            Ok((selected, doc.store.participants(selected)?, doc.store.teams(selected)?))
        }) {
            Ok(r) => r,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return Vec::new();
            }
        };
        ui.add_space(6.0);
        ui.label(RichText::new(format!("Teams ({})", teams.len())).strong());
        const CARD_WIDTH: f32 = 190.0;
        let per_row = ((ui.available_width() / (CARD_WIDTH + 30.0)).floor() as usize).max(1);
        egui::ScrollArea::vertical().id_salt("team_cards").max_height(260.0).show(ui, |ui| {
            for row in teams.chunks(per_row) {
                ui.horizontal_top(|ui| {
                    for team in row {
                        let members: Vec<&ParticipantSummary> =
                            people.iter().filter(|p| p.team == Some(team.id)).collect();
                        egui::Frame::group(ui.style()).inner_margin(8.0).show(ui, |ui| {
                            ui.set_width(CARD_WIDTH);
                            ui.vertical(|ui| {
                                ui.label(RichText::new(&team.name).strong());
                                ui.weak(mix_line(&members));
                                for member in &members {
                                    ui.add(egui::Label::new(&member.name).truncate())
                                        .on_hover_text(format!("{}, {}", member.profession, member.organisation));
                                }
                            });
                        });
                    }
                });
            }
        });
        let unplaced = people.iter().filter(|p| p.team.is_none()).count();
        if unplaced > 0 {
            ui.colored_label(theme::ERROR_RED, format!("{unplaced} participants are not in a team."));
        }
        ui.add_space(8.0);
        let needle = self.search.trim().to_lowercase();
        let shown: Vec<&ParticipantSummary> = people
            .iter()
            .filter(|p| {
                needle.is_empty()
                    || [&p.name, &p.profession, &p.organisation].iter().any(|f| f.to_lowercase().contains(&needle))
            })
            .collect();
        ui.horizontal(|ui| {
            search_box_ui(ui, &mut self.search, "name, profession or organisation", &mut self.focus_search);
            ui.label(format!("Showing {} of {} participants", shown.len(), people.len()));
        });
        let team_name = |p: &ParticipantSummary| {
            teams
                .iter()
                .find(|t| Some(t.id) == p.team)
                .map(|t| t.name.clone())
                .unwrap_or_else(|| "Not in a team".to_owned())
        };
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        TableBuilder::new(ui)
            .id_salt("roster_table")
            .striped(true)
            .column(Column::initial(200.0).clip(true))
            .column(Column::initial(140.0).clip(true))
            .column(Column::initial(330.0).clip(true))
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
                    row.col(|ui| {
                        ui.label(&p.name);
                    });
                    row.col(|ui| {
                        ui.label(&p.profession);
                    });
                    row.col(|ui| {
                        ui.label(&p.organisation);
                    });
                    row.col(|ui| {
                        ui.label(team_name(p));
                    });
                });
            });
        Vec::new()
    }
}
