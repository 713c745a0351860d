//! The board's dialogs: "Place anyway?" (a hard clash needs a reason; a gesture that drops an
//! activity needs a word), Move to day… and Place on a day… (a month coloured by what each day
//! would do), Choose activity… (the day's offers, best fit first), and a placement's note.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::View;
use super::look;
use crate::edit::BoardEdit;
use crate::model::Override;
use crate::model::board::{Gesture, Verdict, judge, offers_for_day};
use crate::model::dates::uk_date;
use crate::model::text::count_of;
use crate::model::{PlacementId, PlacementStatus, TeamId};
use crate::ui::theme;
use crate::ui::widgets::{DayClicks, DayLook, month_view_ui};

pub(crate) enum Dialog {
    /// A gesture that breaks a rule, or drops an activity, waiting for a word.
    Confirm {
        gesture: Gesture,
        verdict: Verdict,
        reason: String,
    },
    MoveTo {
        id: PlacementId,
        month: (i32, u32),
    },
    PlaceOn {
        team: TeamId,
        month: (i32, u32),
    },
    ChooseActivity {
        id: PlacementId,
    },
    Note {
        id: PlacementId,
        text: String,
    },
    /// "Mark done" on a day still to come, waiting for a word.
    DoneEarly {
        id: PlacementId,
    },
}

/// What a dialog asks for after a frame.
pub(super) enum Outcome {
    Keep,
    Close,
    /// Close, then handle this as if a view had asked.
    Then(super::Event),
    /// Close, then make this edit.
    Edit(BoardEdit),
}

impl Dialog {
    pub(super) fn ui(&mut self, ctx: &egui::Context, view: &View<'_>) -> Outcome {
        let mut outcome = Outcome::Keep;
        let modal = crate::ui::widgets::dialog("board_dialog").show(ctx, |ui| {
            ui.set_max_width(560.0);
            outcome = match self {
                Self::Confirm { gesture, verdict, reason } => confirm_ui(ui, *gesture, verdict, reason),
                Self::MoveTo { id, month } => {
                    let id = *id;
                    pick_day_ui(ui, view, "Move to which day?", month, |day| Gesture::Move { id, day })
                }
                Self::PlaceOn { team, month } => {
                    let team = *team;
                    pick_day_ui(ui, view, "Place on which day?", month, |day| Gesture::Place { team, day, offer: None })
                }
                Self::ChooseActivity { id } => choose_activity_ui(ui, view, *id),
                Self::Note { id, text } => note_ui(ui, *id, text),
                Self::DoneEarly { id } => done_early_ui(ui, view, *id),
            };
        });
        if modal.should_close() && matches!(outcome, Outcome::Keep) {
            outcome = Outcome::Close;
        }
        outcome
    }
}

/// "Place anyway?": what the gesture breaks, in words; a reason is needed for a hard clash.
fn confirm_ui(ui: &mut Ui, gesture: Gesture, verdict: &Verdict, reason: &mut String) -> Outcome {
    let hard = !verdict.hard_kinds().is_empty();
    ui.heading(if hard { "Place anyway?" } else { "Go ahead?" });
    for problem in &verdict.problems {
        let (what, colour) = if problem.is_hard() { ("Clash", theme::ERROR_RED) } else { ("Warning", look::AMBER) };
        ui.colored_label(colour, format!("{what}: {}", problem.message));
    }
    for note in &verdict.notes {
        ui.label(note);
    }
    if hard {
        ui.add_space(6.0);
        let label = ui.label("Why place it anyway? (kept with the placement)");
        ui.add(egui::TextEdit::multiline(reason).desired_rows(2).desired_width(520.0)).labelled_by(label.id);
    }
    ui.add_space(6.0);
    let mut outcome = Outcome::Keep;
    ui.horizontal(|ui| {
        let words = if hard { "Place anyway" } else { "Go ahead" };
        let ready = !hard || !reason.trim().is_empty();
        if ui.add_enabled(ready, egui::Button::new(words)).clicked() {
            let overridden = hard.then(|| Override { reason: reason.trim().to_owned(), kinds: verdict.hard_kinds() });
            outcome = Outcome::Edit(BoardEdit::from_gesture(gesture, verdict, overridden));
        }
        if ui.button("Cancel").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}

/// A month whose days are coloured by what `gesture_for(day)` would do; a click does it.
fn pick_day_ui(
    ui: &mut Ui,
    view: &View<'_>,
    title: &str,
    month: &mut (i32, u32),
    gesture_for: impl Fn(NaiveDate) -> Gesture,
) -> Outcome {
    ui.heading(title);
    ui.weak("Green days are fine, amber ones have a warning, red ones a clash. Hover over a day to see why.");
    let programme = &view.data.programme;
    let look = |day: NaiveDate| {
        let verdict = judge(programme, gesture_for(day));
        DayLook {
            fill: look::verdict_colour(&verdict),
            name: format!("{}: {}", uk_date(day), look::verdict_words(&verdict)),
            hint: String::new(),
        }
    };
    let mut outcome = Outcome::Keep;
    if let Some(day) = month_view_ui(ui, "board_pick_day", month, DayClicks::Choose, look) {
        outcome = Outcome::Then(super::Event::Do(gesture_for(day)));
    }
    if ui.button("Cancel").clicked() {
        outcome = Outcome::Close;
    }
    outcome
}

/// The offers that run on the placement's day, best fit first.
fn choose_activity_ui(ui: &mut Ui, view: &View<'_>, id: PlacementId) -> Outcome {
    let Some(p) = view.data.summary(id) else { return Outcome::Close };
    ui.heading(format!("An activity for {} on {}", p.team_name, uk_date(p.day)));
    let mut outcome = Outcome::Keep;
    let fits = offers_for_day(&view.data.programme, p.day, Some(p.team));
    if fits.is_empty() {
        ui.label("No offer runs on that day.");
    }
    egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
        for fit in &fits {
            let Some(offer) = view.data.programme.offer(fit.offer) else { continue };
            ui.horizontal(|ui| {
                if ui.button("Choose").on_hover_text(format!("{}: {}", offer.group_name, offer.title)).clicked() {
                    outcome = Outcome::Then(super::Event::Do(Gesture::SetOffer { id, offer: fit.offer }));
                }
                ui.vertical(|ui| {
                    ui.label(RichText::new(format!("{}: {}", offer.group_name, offer.title)).strong());
                    for problem in &fit.problems {
                        let colour = if problem.is_hard() { theme::ERROR_RED } else { look::AMBER };
                        ui.colored_label(colour, &problem.message);
                    }
                });
            });
        }
    });
    if p.offer.is_some() && ui.button("Take the activity away").clicked() {
        outcome = Outcome::Edit(BoardEdit::SetOffer { id, offer: None, overridden: None });
    }
    if ui.button("Cancel").clicked() {
        outcome = Outcome::Close;
    }
    outcome
}

/// "Mark done" on a day that has not come: what it means, and a word before it is done.
fn done_early_ui(ui: &mut Ui, view: &View<'_>, id: PlacementId) -> Outcome {
    let Some(p) = view.data.summary(id) else { return Outcome::Close };
    ui.heading(format!("Mark {}'s day done before it has come?", p.team_name));
    let days = (p.day - view.today).num_days().max(0) as u64;
    ui.label(format!(
        "{}'s day is {}, {} from today. A day marked done counts in the report as a team gone out, \
         and its outcome can be recorded at once.",
        p.team_name,
        uk_date(p.day),
        count_of(days, "day", "days")
    ));
    ui.add_space(6.0);
    let mut outcome = Outcome::Keep;
    ui.horizontal(|ui| {
        if ui.button("Mark done").clicked() {
            outcome = Outcome::Edit(BoardEdit::SetStatus { id, status: PlacementStatus::Done });
        }
        if ui.button("Cancel").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}

fn note_ui(ui: &mut Ui, id: PlacementId, text: &mut String) -> Outcome {
    ui.heading("A note on this placement");
    let label = ui.label("Note:");
    ui.add(egui::TextEdit::multiline(text).desired_rows(3).desired_width(520.0)).labelled_by(label.id);
    let mut outcome = Outcome::Keep;
    ui.horizontal(|ui| {
        if ui.button("Save note").clicked() {
            outcome = Outcome::Edit(BoardEdit::SetNote { id, note: text.clone() });
        }
        if ui.button("Cancel").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}
