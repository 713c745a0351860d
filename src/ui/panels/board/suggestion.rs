//! Suggest placements on the board: the proposal is worked out on a worker thread
//! (`model::suggest`), then shown as ghost chips on the calendar with a strip above it that
//! gives the summary, each team left out and why, and Apply (one undo step) or Discard (nothing
//! changes). A proposal made before the file last changed says so, and Apply is then refused by
//! the edit itself if it no longer stands.

use std::collections::HashMap;

use chrono::NaiveDate;
use egui::{Color32, Pos2, Rect, Stroke, Ui};

use super::look;
use super::{Event, View};
use crate::edit::BoardEdit;
use crate::model::dates::{uk_date_range, uk_day_long};
use crate::model::programme::Programme;
use crate::model::suggest::{Proposal, suggest_with};
use crate::model::text::count_of;
use crate::model::{CohortId, NeighbourhoodId};
use crate::ui::theme;
use crate::ui::worker::{Job, spawn};

/// A proposed placement as the calendar draws it.
pub(crate) struct Ghost {
    pub team: String,
    pub activity: String,
    pub neighbourhood: Option<NeighbourhoodId>,
    pub warnings: Vec<String>,
}

/// A proposal on show.
pub(crate) struct Shown {
    cohort: CohortId,
    cohort_name: String,
    /// The file's revision it was worked out from.
    revision: u64,
    proposal: Proposal,
    summary: String,
    /// Why each team left out was, in the tray's order.
    reasons: Vec<String>,
    pub ghosts: HashMap<NaiveDate, Vec<Ghost>>,
}

/// Suggest, from the click to Apply or Discard.
#[derive(Default)]
pub(crate) enum Suggestion {
    #[default]
    None,
    Working {
        cohort: CohortId,
        revision: u64,
        job: Job<Shown>,
    },
    Shown(Shown),
    /// The work stopped because of a fault in the program.
    Failed(String),
}

impl Suggestion {
    pub fn ghosts(&self) -> Option<&HashMap<NaiveDate, Vec<Ghost>>> {
        match self {
            Self::Shown(shown) => Some(&shown.ghosts),
            _ => None,
        }
    }

    /// Starts working out a proposal for `cohort` from the file at `revision`, at most
    /// `most_per_day` of its teams out on a day.
    pub fn start(
        &mut self,
        ctx: &egui::Context,
        programme: &Programme,
        cohort: CohortId,
        most_per_day: Option<u32>,
        revision: u64,
    ) {
        let Some((first, last)) = programme.cohort(cohort).and_then(|c| c.window) else { return };
        let programme = programme.clone();
        let job = spawn(ctx, move || {
            let proposal = suggest_with(&programme, cohort, first, last, most_per_day);
            shown(&programme, cohort, proposal)
        });
        *self = Self::Working { cohort, revision, job };
    }

    /// Takes in the worker's result when it has come, and returns the first day it places a
    /// team on, to bring into view; forgets a proposal for another cohort than the one shown.
    pub fn poll(&mut self, showing: Option<CohortId>) -> Option<NaiveDate> {
        match self {
            Self::Working { cohort, .. } | Self::Shown(Shown { cohort, .. }) if showing != Some(*cohort) => {
                *self = Self::None;
                return None;
            }
            _ => {}
        }
        let Self::Working { revision, job, .. } = self else { return None };
        match job.poll() {
            None => {}
            Some(Ok(mut shown)) => {
                shown.revision = *revision;
                let first = shown.proposal.placements.iter().map(|p| p.day).min();
                *self = Self::Shown(shown);
                return first;
            }
            Some(Err(fault)) => {
                log::error!("Suggest stopped: {fault}");
                *self =
                    Self::Failed("Suggest stopped because of a fault in the program: nothing was changed.".to_owned());
            }
        }
        None
    }

    /// The strip above the calendar while Suggest works or its proposal is on show; returns what
    /// was asked for.
    pub fn strip_ui(&self, ui: &mut Ui, view: &View<'_>) -> Vec<Event> {
        let mut events = Vec::new();
        let mut discard = false;
        match self {
            Self::None => {}
            Self::Working { .. } => {
                strip_frame(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Suggesting placements…");
                    });
                });
            }
            Self::Failed(message) => {
                strip_frame(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        ui.colored_label(theme::ERROR_RED, message.as_str());
                        discard = ui.button("Close").clicked();
                    });
                });
            }
            Self::Shown(shown) => {
                strip_frame(ui, |ui| shown_ui(ui, view, shown, &mut events, &mut discard));
            }
        }
        if discard {
            events.push(Event::DiscardSuggestion);
        }
        events
    }
}

/// The summary, the teams left out, and Apply and Discard.
fn shown_ui(ui: &mut Ui, view: &View<'_>, shown: &Shown, events: &mut Vec<Event>, discard: &mut bool) {
    let stale = shown.revision != view.revision;
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Suggested placements").strong());
        ui.label(format!("{}.", shown.summary));
        if shown.proposal.placements.is_empty() {
            ui.label("Nothing to apply.");
        } else if stale {
            ui.colored_label(look::AMBER, "The file has changed since this was worked out.");
        } else {
            ui.label("Shown dashed on the calendar.");
        }
    });
    if !shown.reasons.is_empty() {
        let heading = format!("{} not be placed", count_of(shown.reasons.len() as u64, "team could", "teams could"));
        egui::CollapsingHeader::new(heading).id_salt("suggest_unplaced").default_open(shown.reasons.len() <= 3).show(
            ui,
            |ui| {
                egui::ScrollArea::vertical().max_height(90.0).show(ui, |ui| {
                    for reason in &shown.reasons {
                        ui.label(reason);
                    }
                });
            },
        );
    }
    ui.horizontal(|ui| {
        let can_apply = view.writable && !shown.proposal.placements.is_empty();
        let apply = format!("Apply: place {}", count_of(shown.proposal.placements.len() as u64, "team", "teams"));
        let clicked = ui
            .add_enabled(can_apply, egui::Button::new(apply))
            .on_hover_text("Pencil them all in, as one step that Undo takes back.")
            .on_disabled_hover_text(if view.writable {
                "There is nothing to place."
            } else {
                "This file is open read-only."
            })
            .clicked();
        if clicked {
            let placements = shown.proposal.placements.iter().map(|p| (p.team, p.day, p.offer)).collect();
            events.push(Event::ApplySuggestion(BoardEdit::ApplySuggestion {
                cohort: shown.cohort_name.clone(),
                placements,
            }));
        }
        if stale && ui.button("Suggest again").clicked() {
            events.push(Event::Suggest);
        }
        if ui.button("Discard").on_hover_text("Put the suggestion away; nothing changes.").clicked() {
            *discard = true;
        }
    });
}

fn strip_frame(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    egui::Frame::new()
        .fill(Color32::from_rgb(0xEE, 0xF4, 0xFB))
        .stroke(Stroke::new(1.0, theme::NHS_BLUE))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(10, 6))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui);
        });
    ui.add_space(4.0);
}

/// What the strip and the calendar show of a proposal.
fn shown(programme: &Programme, cohort: CohortId, proposal: Proposal) -> Shown {
    let mut ghosts: HashMap<NaiveDate, Vec<Ghost>> = HashMap::new();
    for p in &proposal.placements {
        let (Some(team), Some(offer)) = (programme.team(p.team), programme.offer(p.offer)) else { continue };
        ghosts.entry(p.day).or_default().push(Ghost {
            team: team.name.clone(),
            activity: format!("{}: {}", offer.group_name, offer.title),
            neighbourhood: offer.neighbourhood,
            warnings: p.warnings.iter().map(|w| w.message.clone()).collect(),
        });
    }
    let cohort_facts = programme.cohort(cohort);
    let mut summary = proposal.summary(programme);
    if let Some((first, last)) = cohort_facts.and_then(|c| c.window) {
        summary.push_str(&format!(", {}", uk_date_range(first, last)));
    }
    Shown {
        cohort,
        cohort_name: cohort_facts.map_or(String::new(), |c| c.name.clone()),
        revision: 0,
        summary,
        reasons: proposal.unplaced.iter().map(|u| u.reason.clone()).collect(),
        proposal,
        ghosts,
    }
}

/// A ghost chip: pale and dashed in blue, "suggested", with what it would be.
pub(super) fn ghost_ui(ui: &Ui, view: &View<'_>, ghost: &Ghost, day: NaiveDate, rect: Rect) {
    let id = ui.make_persistent_id(("board_ghost", day, &ghost.team));
    let response = ui.interact(rect, id, egui::Sense::hover());
    let base = look::neighbourhood_colour(&view.data.neighbourhoods, ghost.neighbourhood);
    let painter = ui.painter();
    painter.rect_filled(rect, 4.0, Color32::WHITE);
    painter.rect_filled(rect, 4.0, base.linear_multiply(0.35));
    let corners = [rect.left_top(), rect.right_top(), rect.right_bottom(), rect.left_bottom(), rect.left_top()];
    painter.extend(egui::Shape::dashed_line(&corners, Stroke::new(1.5, theme::NHS_BLUE), 3.0, 3.0));
    let painter = painter.with_clip_rect(rect.shrink(1.0).intersect(ui.clip_rect()));
    let colour = Color32::from_gray(60);
    let italic = egui::FontId::new(13.0, egui::FontFamily::Name(theme::BOLD.into()));
    let top = rect.top() + 10.0;
    let galley = painter.layout_no_wrap(ghost.team.clone(), italic, theme::NHS_BLUE);
    let width = galley.size().x;
    painter.galley(Pos2::new(rect.left() + 5.0, top - galley.size().y / 2.0), galley, theme::NHS_BLUE);
    let small = egui::FontId::proportional(11.5);
    let note = if ghost.warnings.is_empty() { " · suggested" } else { " · suggested · warning" };
    painter.text(Pos2::new(rect.left() + 7.0 + width, top), egui::Align2::LEFT_CENTER, note, small.clone(), colour);
    super::calendar::arrow_line(&painter, rect, rect.top() + 26.0, ghost.activity.clone(), small, colour);
    let name = format!("Suggested: {} with {}, {}", ghost.team, ghost.activity, uk_day_long(day));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, name.clone()));
    response.on_hover_ui(|ui| {
        ui.label(format!("Suggested: {} with {}", ghost.team, ghost.activity));
        for warning in &ghost.warnings {
            ui.label(format!("Warning: {warning}"));
        }
        ui.label("Apply or Discard it in the strip above the calendar.");
    });
}
