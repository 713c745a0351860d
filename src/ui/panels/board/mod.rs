//! The Board panel: the chosen cohort's programme window as a calendar of weeks, with each day's
//! placements as chips; a tray of the teams not yet placed; the offers for the chosen day, best
//! fit first; and every clash and warning in words.
//!
//! Files: [`calendar`] (the weeks, day cells and chips), [`tray`], [`side`] (the day's offers and
//! the clash list), [`dnd`] (drag and drop, with its theory of operation), [`keyboard`] (lift,
//! move and drop without a mouse), [`dialogs`] (place anyway, move to a day, choose an activity,
//! a note), [`look`] (colours and words). The rules are `model::clash`, judged through
//! `model::board`; each gesture is one `BoardEdit`, one undo step.

mod calendar;
mod dialogs;
mod dnd;
mod keyboard;
mod look;
mod side;
mod suggestion;
mod tray;

use std::collections::HashMap;

use chrono::NaiveDate;
use egui::Ui;

use super::{Cached, cached};
use crate::edit::BoardEdit;
use crate::model::board::{Gesture, judge};
use crate::model::clash::{Found, Severity, check_all};
use crate::model::programme::Programme;
use crate::model::teams::mix_line;
use crate::model::text::count_of;
use crate::model::*;
use crate::store::{Store, StoreError};
use crate::ui::app::Document;
use crate::ui::command::Command;
use crate::ui::theme;
use crate::ui::widgets::heading_ui;
use dialogs::Dialog;
pub(crate) use dnd::{Payload, Target};
use keyboard::Lifted;

/// What the board shows, read once per revision of the file.
pub(crate) struct BoardData {
    programme: Programme,
    /// Every placement, cancelled ones too.
    summaries: Vec<PlacementSummary>,
    /// Every clash and warning of every live placement.
    found: Vec<Found>,
    /// Each placement's worst problem not placed anyway.
    worst: HashMap<PlacementId, Severity>,
    neighbourhoods: Vec<Neighbourhood>,
    cohorts: Vec<Cohort>,
    /// "5 people · 4 organisations, 5 professions" for each team.
    team_lines: HashMap<TeamId, String>,
    /// Where each placement is in `summaries`.
    summary_at: HashMap<PlacementId, usize>,
    /// Each placement's problems, in `found`'s order.
    found_at: HashMap<PlacementId, Vec<usize>>,
}

impl BoardData {
    fn load(store: &Store) -> Result<Self, StoreError> {
        let programme = store.programme()?;
        let found = check_all(&programme, None);
        let mut worst: HashMap<PlacementId, Severity> = HashMap::new();
        for f in found.iter().filter(|f| !f.overridden) {
            let entry = worst.entry(f.placement).or_insert(Severity::Warning);
            *entry = (*entry).min(f.problem.severity());
        }
        let cohorts = store.cohorts()?;
        let mut team_lines = HashMap::new();
        for cohort in &cohorts {
            let people = store.participants(cohort.id)?;
            for team in store.teams(cohort.id)? {
                let members: Vec<&ParticipantSummary> = people.iter().filter(|p| p.team == Some(team.id)).collect();
                let size = count_of(members.len() as u64, "person", "people");
                team_lines.insert(team.id, format!("{size} · {}", mix_line(&members)));
            }
        }
        let summaries = store.placement_summaries()?;
        let summary_at = summaries.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let mut found_at: HashMap<PlacementId, Vec<usize>> = HashMap::new();
        for (i, f) in found.iter().enumerate() {
            found_at.entry(f.placement).or_default().push(i);
        }
        Ok(Self {
            summaries,
            summary_at,
            found_at,
            found,
            worst,
            neighbourhoods: store.neighbourhoods()?,
            cohorts,
            team_lines,
            programme,
        })
    }

    fn summary(&self, id: PlacementId) -> Option<&PlacementSummary> {
        self.summary_at.get(&id).and_then(|i| self.summaries.get(*i))
    }

    /// A placement's problems.
    fn found_for(&self, id: PlacementId) -> impl Iterator<Item = &Found> {
        self.found_at.get(&id).into_iter().flatten().filter_map(|i| self.found.get(*i))
    }
}

/// Which cohort the board shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum Showing {
    /// Not chosen yet: the first cohort.
    #[default]
    First,
    All,
    Cohort(CohortId),
}

/// What a part of the board asked for this frame.
pub(crate) enum Event {
    SelectDay(NaiveDate),
    SelectTeam(TeamId),
    SelectPlacement(PlacementId),
    /// Something dropped somewhere (by the mouse or the keyboard).
    Drop(Payload, Target),
    /// Space on a chip or a tray card: pick it up with the keyboard.
    Lift(Payload, NaiveDate),
    /// Escape while something is lifted.
    PutBack,
    /// A gesture asked for from a menu or a dialog: judged like a drop.
    Do(Gesture),
    Status(PlacementId, PlacementStatus),
    Open(Dialog),
    /// Open the Outcomes panel's form for this placement.
    RecordOutcome(PlacementId),
    /// Work out a proposal for every team of the cohort not yet placed.
    Suggest,
    /// Suggest's most teams out a day for the cohort shown (none: no limit).
    SuggestLimit(Option<u32>),
    /// Make the proposal's placements (one undo step) and put it away.
    ApplySuggestion(BoardEdit),
    DiscardSuggestion,
}

#[derive(Default)]
pub struct BoardPanel {
    data: Option<Cached<BoardData>>,
    showing: Showing,
    show_cancelled: bool,
    selected_day: Option<NaiveDate>,
    selected_team: Option<TeamId>,
    selected: Option<PlacementId>,
    lifted: Option<Lifted>,
    verdicts: dnd::Verdicts,
    dialog: Option<Dialog>,
    /// A day to bring into view (a clash clicked in the list).
    scroll_to: Option<NaiveDate>,
    suggestion: suggestion::Suggestion,
    /// Suggest's most teams out a day, as set beside its button for a cohort (else the cohort's
    /// own).
    suggest_limit: Option<(CohortId, Option<u32>)>,
}

/// What the views need to know of the panel's state, for one frame.
pub(crate) struct View<'a> {
    data: &'a BoardData,
    revision: u64,
    cohort: Option<CohortId>,
    show_cancelled: bool,
    selected_day: Option<NaiveDate>,
    selected_team: Option<TeamId>,
    selected: Option<PlacementId>,
    writable: bool,
    today: NaiveDate,
    /// What is held (dragged, or lifted with the keyboard), and the day the keyboard points at.
    held: Option<Payload>,
    lifted_day: Option<NaiveDate>,
    /// Suggest's proposed placements, by day, while they are on show.
    ghosts: Option<&'a HashMap<NaiveDate, Vec<suggestion::Ghost>>>,
    /// Whether Suggest is working now.
    suggesting: bool,
    /// The most of the cohort's teams Suggest sends out on one day.
    suggest_limit: Option<u32>,
}

impl View<'_> {
    /// The placements the board shows: the cohort's (or all), cancelled ones only if asked.
    fn placements(&self) -> impl Iterator<Item = &PlacementSummary> {
        self.data
            .summaries
            .iter()
            .filter(|p| self.cohort.is_none_or(|c| p.cohort == c))
            .filter(|p| self.show_cancelled || p.status.is_live())
    }
}

impl BoardPanel {
    /// Suggest's most teams out a day for `cohort`: as set beside its button, else the cohort's.
    fn limit_for(&self, data: &BoardData, cohort: Option<CohortId>) -> Option<u32> {
        let cohort = cohort?;
        match self.suggest_limit {
            Some((set_for, limit)) if set_for == cohort => limit,
            _ => data.programme.cohort(cohort).and_then(|c| c.most_per_day),
        }
    }

    /// A placement was made or changed: show it.
    pub(crate) fn saved_placement(&mut self, id: PlacementId) {
        self.selected = Some(id);
    }

    /// Undo, redo or restore changed the file: nothing held, no dialog open.
    pub(crate) fn document_reloaded(&mut self) {
        self.dialog = None;
        self.lifted = None;
    }

    pub fn ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        let mut data = self.data.take();
        let mut suggestion = std::mem::take(&mut self.suggestion);
        let commands = self.ui_with(ui, doc, &mut data, &mut suggestion);
        self.data = data;
        self.suggestion = suggestion;
        commands
    }

    fn ui_with(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        slot: &mut Option<Cached<BoardData>>,
        suggestion: &mut suggestion::Suggestion,
    ) -> Vec<Command> {
        let data = match cached(slot, doc, || BoardData::load(&doc.store)) {
            Ok(d) => d,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return Vec::new();
            }
        };
        self.open_on_first_clash(data);
        let cohort = match self.showing {
            Showing::Cohort(id) => Some(id),
            _ => None,
        };
        if let Some(day) = suggestion.poll(cohort) {
            self.scroll_to = Some(day);
        }
        let (commands, asked) = self.frame_ui(ui, doc, data, suggestion);
        match asked {
            Some(Event::Suggest) => {
                if let Some(cohort) = cohort {
                    let limit = self.limit_for(data, Some(cohort));
                    suggestion.start(ui.ctx(), &data.programme, cohort, limit, doc.revision);
                }
            }
            Some(_) => *suggestion = suggestion::Suggestion::None,
            None => {}
        }
        commands
    }

    /// The open dialog, if any: what it asks for is an event or an edit.
    fn dialog_ui(&mut self, ctx: &egui::Context, view: &View<'_>, events: &mut Vec<Event>) -> Vec<Command> {
        let Some(dialog) = &mut self.dialog else { return Vec::new() };
        match dialog.ui(ctx, view) {
            dialogs::Outcome::Keep => Vec::new(),
            dialogs::Outcome::Close => {
                self.dialog = None;
                Vec::new()
            }
            dialogs::Outcome::Then(event) => {
                self.dialog = None;
                events.push(event);
                Vec::new()
            }
            dialogs::Outcome::Edit(edit) => {
                self.dialog = None;
                vec![Command::edit(edit)]
            }
        }
    }

    /// The first time: the first cohort, and on it the first clash to sort out, if there is one.
    fn open_on_first_clash(&mut self, data: &BoardData) {
        if self.showing == Showing::First {
            self.showing = data.cohorts.first().map_or(Showing::All, |c| Showing::Cohort(c.id));
            // The board opens on the first clash to sort out, if there is one.
            let cohort = match self.showing {
                Showing::Cohort(id) => Some(id),
                _ => None,
            };
            let first_clash = data.found.iter().find(|f| {
                f.problem.is_hard()
                    && !f.overridden
                    && data.summary(f.placement).is_some_and(|p| cohort.is_none_or(|c| p.cohort == c))
            });
            if let Some(p) = first_clash.and_then(|f| data.summary(f.placement)) {
                (self.selected, self.selected_day, self.selected_team) = (Some(p.id), Some(p.day), Some(p.team));
                self.scroll_to = Some(p.day);
            }
        }
    }

    /// What the board's parts draw from this frame.
    fn view<'a>(
        &self,
        ctx: &egui::Context,
        doc: &Document,
        data: &'a BoardData,
        suggestion: &'a suggestion::Suggestion,
    ) -> View<'a> {
        View {
            data,
            revision: doc.revision,
            cohort: self.shown_cohort(),
            show_cancelled: self.show_cancelled,
            selected_day: self.selected_day,
            selected_team: self.selected_team,
            selected: self.selected,
            writable: doc.store.is_writable(),
            today: chrono::Local::now().date_naive(),
            held: self
                .lifted
                .as_ref()
                .map(|l| l.payload)
                .or_else(|| egui::DragAndDrop::payload::<Payload>(ctx).map(|p| *p)),
            lifted_day: self.lifted.as_ref().map(|l| l.day),
            ghosts: suggestion.ghosts(),
            suggesting: matches!(suggestion, suggestion::Suggestion::Working { .. }),
            suggest_limit: self.limit_for(data, self.shown_cohort()),
        }
    }

    /// The cohort the board shows, when it shows one.
    fn shown_cohort(&self) -> Option<CohortId> {
        match self.showing {
            Showing::Cohort(id) => Some(id),
            _ => None,
        }
    }

    /// One frame of the board; returns its commands, and what was asked of Suggest.
    fn frame_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        data: &BoardData,
        suggestion: &suggestion::Suggestion,
    ) -> (Vec<Command>, Option<Event>) {
        let mut events = Vec::new();
        if let Some(lifted) = &mut self.lifted {
            events.extend(lifted.keys_ui(ui.ctx()));
        }
        keyboard::forget_regions(ui.ctx());
        let view = self.view(ui.ctx(), doc, data, suggestion);
        egui::Panel::right("board_side")
            .resizable(true)
            .default_size(300.0)
            .min_size(240.0)
            .max_size((ui.available_width() * 0.4).max(240.0))
            .frame(egui::Frame::new().inner_margin(egui::Margin { left: 10, ..Default::default() }))
            .show(ui, |ui| events.extend(side::side_ui(ui, &view)));
        // The rest keeps to what the side column leaves: its text wraps there, and the calendar's
        // columns share that width.
        let area = ui.available_rect_before_wrap();
        ui.scope_builder(egui::UiBuilder::new().max_rect(area), |ui| {
            ui.set_clip_rect(ui.clip_rect().intersect(area));
            heading_ui(ui, "Board", "Which team goes where, on which day");
            self.toolbar_ui(ui, &view);
            events.extend(suggestion.strip_ui(ui, &view));
            events.extend(tray::tray_ui(ui, &view, &mut self.verdicts));
            events.extend(calendar::calendar_ui(ui, &view, &mut self.verdicts, &mut self.scroll_to));
        });
        if let Some(lifted) = &self.lifted {
            keyboard::lifted_status_ui(ui, &view, lifted, &mut self.verdicts);
        }
        keyboard::jump_between_regions(ui.ctx());
        let mut commands = self.dialog_ui(ui.ctx(), &view, &mut events);
        let mut asked = None;
        for event in events {
            match event {
                Event::Suggest | Event::DiscardSuggestion => asked = Some(event),
                Event::SuggestLimit(limit) => {
                    if let Some(cohort) = view.cohort {
                        self.suggest_limit = Some((cohort, limit));
                    }
                }
                Event::ApplySuggestion(edit) => {
                    commands.push(Command::edit(edit));
                    asked = Some(Event::DiscardSuggestion);
                }
                event => commands.extend(self.handle(event, &view)),
            }
        }
        (commands, asked)
    }

    /// The cohort picker, Show cancelled, and the neighbourhoods' colours.
    fn toolbar_ui(&mut self, ui: &mut Ui, view: &View<'_>) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Cohort:").id;
            let current = match self.showing {
                Showing::Cohort(id) => view.data.cohorts.iter().find(|c| c.id == id).map_or("", |c| c.name.as_str()),
                _ => "All cohorts",
            };
            egui::ComboBox::from_id_salt("board_cohort")
                .selected_text(current)
                .width(220.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.showing, Showing::All, "All cohorts");
                    for c in &view.data.cohorts {
                        ui.selectable_value(&mut self.showing, Showing::Cohort(c.id), &c.name);
                    }
                })
                .response
                .labelled_by(label);
            // Another cohort chosen: what was chosen of the one before (a placement, its team)
            // is not this cohort's, and the side column stops showing it.
            let chosen_elsewhere = |team: Option<TeamId>| {
                let cohort_of = |team| view.data.programme.team(team).map(|t| t.cohort);
                matches!((self.showing, team), (Showing::Cohort(c), Some(team)) if cohort_of(team) != Some(c))
            };
            let placement_team = self.selected.and_then(|id| view.data.summary(id)).map(|p| p.team);
            if chosen_elsewhere(self.selected_team) || chosen_elsewhere(placement_team) {
                (self.selected, self.selected_team) = (None, None);
            }
            ui.checkbox(&mut self.show_cancelled, "Show cancelled");
            ui.separator();
            // The colours of the neighbourhoods on the board now.
            let shown: std::collections::HashSet<NeighbourhoodId> =
                view.placements().filter_map(|p| p.neighbourhood).collect();
            if view.data.neighbourhoods.is_empty() {
                ui.weak("No neighbourhoods set up").on_hover_text("Directory › Lists… › Set up neighbourhoods…");
            } else if shown.is_empty() && view.placements().next().is_some() {
                ui.weak("No placement here is in a neighbourhood");
            }
            for n in view.data.neighbourhoods.iter().filter(|n| shown.contains(&n.id)) {
                // A swatch and its name, kept together on one line.
                let colour = ui.visuals().text_color();
                let galley = ui.painter().layout_no_wrap(n.name.clone(), egui::FontId::proportional(12.0), colour);
                let size = egui::vec2(16.0 + galley.size().x, galley.size().y.max(12.0));
                let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &n.name));
                let swatch =
                    egui::Rect::from_center_size(rect.left_center() + egui::vec2(6.0, 0.0), egui::vec2(12.0, 12.0));
                ui.painter().rect_filled(
                    swatch,
                    2.0,
                    look::neighbourhood_colour(&view.data.neighbourhoods, Some(n.id)),
                );
                ui.painter().galley(rect.left_top() + egui::vec2(16.0, 0.0), galley, colour);
            }
        });
        ui.add_space(4.0);
    }

    /// Carries out what a view asked for.
    fn handle(&mut self, event: Event, view: &View<'_>) -> Vec<Command> {
        match event {
            Event::SelectDay(day) => self.selected_day = Some(day),
            Event::SelectTeam(team) => {
                self.selected_team = Some(team);
                self.selected = None;
            }
            Event::SelectPlacement(id) => {
                self.selected = Some(id);
                if let Some(p) = view.data.summary(id) {
                    self.selected_day = Some(p.day);
                    self.selected_team = Some(p.team);
                    self.scroll_to = Some(p.day);
                }
            }
            Event::PutBack => self.lifted = None,
            Event::Lift(payload, day) => {
                self.lifted = Some(Lifted { payload, day });
                self.scroll_to = Some(day);
            }
            Event::Drop(payload, target) => {
                self.lifted = None;
                // The side column follows the drop: the day's offers are those of the day it
                // went to, not of the day clicked before.
                match target {
                    Target::Day(day) => self.selected_day = Some(day),
                    Target::Chip(id) => self.selected_day = view.data.summary(id).map(|p| p.day).or(self.selected_day),
                    Target::Tray => {}
                }
                let gesture = dnd::gesture(&view.data.programme, payload, target, self.selected_team);
                if let Some(gesture) = gesture {
                    return self.carry_out(gesture, view);
                }
            }
            Event::Do(gesture) => return self.carry_out(gesture, view),
            Event::Status(id, status) => {
                // A day marked done before it has come counts as gone out: asked first.
                let early = view.data.summary(id).is_some_and(|p| p.day > view.today);
                if status == PlacementStatus::Done && early {
                    self.dialog = Some(Dialog::DoneEarly { id });
                } else {
                    return vec![Command::edit(BoardEdit::SetStatus { id, status })];
                }
            }
            Event::Open(dialog) => self.dialog = Some(dialog),
            Event::RecordOutcome(id) => return vec![Command::RecordOutcome(id)],
            // Handled by the frame, which holds the suggestion.
            Event::Suggest | Event::SuggestLimit(_) | Event::ApplySuggestion(_) | Event::DiscardSuggestion => {}
        }
        Vec::new()
    }

    /// A gesture: made at once when fine; otherwise the coordinator is asked (a reason is needed
    /// to place a hard clash anyway).
    fn carry_out(&mut self, gesture: Gesture, view: &View<'_>) -> Vec<Command> {
        if !view.writable {
            return Vec::new();
        }
        let verdict = judge(&view.data.programme, gesture);
        if verdict.hard_kinds().is_empty() && verdict.notes.is_empty() {
            return vec![Command::edit(BoardEdit::from_gesture(gesture, &verdict, None))];
        }
        self.dialog = Some(Dialog::Confirm { gesture, verdict, reason: String::new() });
        Vec::new()
    }
}

/// "Suggest placements…": for one cohort with a programme window and teams still to place.
pub(super) fn suggest_button_ui(ui: &mut Ui, view: &View<'_>) -> bool {
    let programme = &view.data.programme;
    let cohort = view.cohort.and_then(|c| programme.cohort(c));
    let why_not = match cohort {
        _ if !view.writable => Some("This file is open read-only."),
        None => Some("Choose one cohort first."),
        Some(c) if c.window.is_none() => Some("Give the cohort its programme window first (in Cohorts)."),
        Some(c) if crate::model::suggest::unplaced_teams(programme, c.id).is_empty() => {
            Some("Every team of this cohort is placed.")
        }
        _ if view.suggesting => Some("Working it out…"),
        _ => None,
    };
    ui.add_enabled(why_not.is_none(), egui::Button::new("Suggest placements…"))
        .on_hover_text(
            "Place every team not yet placed on a day and an activity with no clash, spread over the \
             neighbourhoods and the weeks. You see it first, then Apply or Discard.",
        )
        .on_disabled_hover_text(why_not.unwrap_or_default())
        .clicked()
}

/// Beside Suggest: at most so many of the cohort's teams out on one day (the cohort's own to
/// start with). Returns the new limit when it is changed.
pub(super) fn suggest_limit_ui(ui: &mut Ui, view: &View<'_>) -> Option<Event> {
    view.cohort?;
    let mut limited = view.suggest_limit.is_some();
    let mut most = view.suggest_limit.unwrap_or(2);
    let tick = ui.checkbox(&mut limited, "At most").on_hover_text(
        "The most of this cohort's teams Suggest sends out on one day (the cohort's own, to start with)",
    );
    let mut changed = tick.changed();
    let words = ui.add_enabled_ui(limited, |ui| {
        let number = ui.add(egui::DragValue::new(&mut most).range(1..=50));
        let words = ui.label("teams out a day");
        number.labelled_by(words.id).changed()
    });
    changed |= words.inner;
    changed.then(|| Event::SuggestLimit(limited.then_some(most)))
}
