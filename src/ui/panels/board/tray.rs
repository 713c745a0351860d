//! The tray: the cohort's teams with no placement yet, each with its size and mix, to drag onto
//! a day (or lift with Space, or place from its menu). A chip dragged back here is taken off
//! its day.

use chrono::Datelike as _;
use egui::{Color32, Sense, Stroke, Ui, vec2};

use super::dialogs::Dialog;
use super::dnd::{Payload, Target, Verdicts};
use super::{Event, View};
use crate::model::TeamId;
use crate::model::programme::TeamFacts;
use crate::ui::theme;

/// Draws the tray; returns what was asked for.
pub(super) fn tray_ui(ui: &mut Ui, view: &View<'_>, verdicts: &mut Verdicts) -> Vec<Event> {
    let mut events = Vec::new();
    let programme = &view.data.programme;
    let placed = |team: TeamId| programme.live_of_team(team).next().is_some();
    let teams: Vec<&TeamFacts> = programme
        .teams
        .iter()
        .filter(|t| view.cohort.is_none_or(|c| t.cohort == c))
        .filter(|t| !placed(t.id))
        .collect();
    let holding_chip = matches!(view.held, Some(Payload::Placement(_)));
    let strip = egui::Frame::new()
        .fill(if holding_chip { Color32::from_rgb(0xEE, 0xF3, 0xFA) } else { theme::PALE_GREY })
        .stroke(if holding_chip { Stroke::new(2.0, theme::NHS_BLUE) } else { Stroke::NONE })
        .corner_radius(4.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            // Wrapped, never wider than the board: a wide row here widened everything below it
            // and pushed Friday off the screen.
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(format!("Teams to place ({})", teams.len())).strong());
                if super::suggest_button_ui(ui, view) {
                    events.push(Event::Suggest);
                }
                events.extend(super::suggest_limit_ui(ui, view));
                ui.weak(if holding_chip {
                    "Drop a chip here to take its team off its day."
                } else {
                    "Drag a team onto a day, or click it and press Space to lift it. F6 jumps between the teams, the calendar and the side column."
                });
            });
            egui::ScrollArea::vertical().id_salt("board_tray_list").max_height(110.0).show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    if teams.is_empty() {
                        let cohort_has_teams =
                            programme.teams.iter().any(|t| view.cohort.is_none_or(|c| t.cohort == c));
                        ui.weak(if programme.teams.is_empty() {
                            "No teams yet: make a cohort, import its roster and form its teams in Cohorts (Ctrl+3)."
                        } else if !cohort_has_teams {
                            "This cohort has no teams yet: form them in Cohorts (Ctrl+3), then place them here."
                        } else {
                            "Every team has a day."
                        });
                    }
                    for team in &teams {
                        team_card_ui(ui, view, team, &mut events);
                    }
                });
            });
        })
        .response;
    // The whole strip takes a chip dropped on it; its cards are not drop targets.
    let over = strip.rect.contains(ui.ctx().pointer_latest_pos().unwrap_or_default());
    if let Some(Payload::Placement(id)) = view.held
        && over
        && verdicts.get(view.revision, programme, Payload::Placement(id), Target::Tray, None).is_some()
    {
        super::calendar::held_tip_ui(ui, "Take this team off its day");
        if ui.input(|i| i.pointer.any_released())
            && let Some(payload) = egui::DragAndDrop::take_payload::<Payload>(ui.ctx())
        {
            events.push(Event::Drop(*payload, Target::Tray));
        }
    }
    ui.add_space(4.0);
    events
}

fn team_card_ui(ui: &mut Ui, view: &View<'_>, team: &TeamFacts, events: &mut Vec<Event>) {
    let (rect, _) = ui.allocate_exact_size(vec2(240.0, 44.0), Sense::hover());
    let response = ui.interact(rect, ui.make_persistent_id(("board_tray_team", team.id)), Sense::click_and_drag());
    super::keyboard::jump_target(ui.ctx(), super::keyboard::Region::Tray, response.id, selected_here(view, team.id));
    if view.writable {
        response.dnd_set_drag_payload(Payload::Team(team.id));
    }
    let selected = view.selected_team == Some(team.id);
    let painter = ui.painter();
    painter.rect_filled(rect, 4.0, Color32::WHITE);
    let stroke = if selected { Stroke::new(2.0, theme::NHS_BLUE) } else { Stroke::new(1.0, Color32::from_gray(200)) };
    painter.rect_stroke(rect, 4.0, stroke, egui::StrokeKind::Inside);
    if response.has_focus() {
        theme::focus_ring(painter, rect);
    }
    let painter = painter.with_clip_rect(rect.shrink(3.0).intersect(ui.clip_rect()));
    let cohort = view.data.programme.cohort(team.cohort).map_or("", |c| c.name.as_str());
    painter.text(
        rect.left_top() + vec2(8.0, 4.0),
        egui::Align2::LEFT_TOP,
        &team.name,
        egui::FontId::new(14.0, egui::FontFamily::Name(theme::BOLD.into())),
        Color32::from_gray(25),
    );
    let line = view.data.team_lines.get(&team.id).cloned().unwrap_or_default();
    painter.text(
        rect.left_top() + vec2(8.0, 24.0),
        egui::Align2::LEFT_TOP,
        &line,
        egui::FontId::proportional(12.0),
        ui.visuals().weak_text_color(),
    );
    let name = format!("{}, {cohort}, {line}, not placed", team.name);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name.clone()));
    let space = ui.input(|i| i.key_pressed(egui::Key::Space));
    let start = view.selected_day.unwrap_or_else(|| first_day(view));
    if response.has_focus() && space && view.writable && view.lifted_day.is_none() {
        events.push(Event::Lift(Payload::Team(team.id), start));
    } else if response.clicked() {
        events.push(Event::SelectTeam(team.id));
    }
    let response = response.on_hover_text(format!("{} ({cohort}): {line}", team.name));
    response.context_menu(|ui| {
        ui.add_enabled_ui(view.writable, |ui| {
            if ui.button("Place on a day…").clicked() {
                events.push(Event::Open(Dialog::PlaceOn { team: team.id, month: (start.year(), start.month()) }));
                ui.close();
            }
        });
    });
}

/// The first day of the board, where a team lifted from the tray starts.
fn first_day(view: &View<'_>) -> chrono::NaiveDate {
    let (first, _) = crate::model::board::board_window(&view.data.programme, view.cohort, view.today);
    first
}

/// Whether F6 should land on this team's card in the tray: the team chosen.
fn selected_here(view: &View<'_>, team: crate::model::TeamId) -> bool {
    view.selected_team == Some(team)
}
