//! Drag and drop without a mouse. Tab to a chip, a tray team or an offer, Space lifts it; the
//! arrow keys move the day it would go to (left and right a day, up and down a week), and the
//! day's cell shows the same green, amber or red as a drag; Space or Enter drops it there,
//! Escape puts it back. The drop is the same gesture a mouse makes (`Event::Drop`).

use chrono::{Days, NaiveDate};
use egui::{Key, Modifiers, Ui};

use super::dnd::{Payload, Target, Verdicts};
use super::{Event, View, look};
use crate::model::dates::uk_date_long;

/// The board's three regions, which F6 and Shift+F6 move the keyboard between (as desktop
/// programs move between panes): the teams to place, the calendar, the side column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Region {
    Tray,
    Calendar,
    Side,
}

impl Region {
    const ALL: [Self; 3] = [Self::Tray, Self::Calendar, Self::Side];

    fn key(self) -> egui::Id {
        egui::Id::unique(match self {
            Self::Tray => "board_region_tray",
            Self::Calendar => "board_region_calendar",
            Self::Side => "board_region_side",
        })
    }
}

/// Forgets last frame's places to jump to (called before the board draws).
pub(super) fn forget_regions(ctx: &egui::Context) {
    ctx.data_mut(|d| {
        for region in Region::ALL {
            d.remove::<egui::Id>(region.key());
        }
    });
}

/// Marks the widget `id` as where F6 puts the keyboard in `region`: the first drawn there, or
/// this one if `preferred` (the chosen day, the chosen placement).
pub(super) fn jump_target(ctx: &egui::Context, region: Region, id: egui::Id, preferred: bool) {
    ctx.data_mut(|d| {
        if preferred || d.get_temp::<egui::Id>(region.key()).is_none() {
            d.insert_temp(region.key(), id);
        }
    });
}

/// F6 (or Shift+F6 backwards): the keyboard moves to the next region's first widget, after the
/// board has drawn (so this frame's widgets are the ones jumped to).
pub(super) fn jump_between_regions(ctx: &egui::Context) {
    // Shift+F6 is asked first: F6 alone would take it too.
    let (backward, forward) = ctx.input_mut(|i| {
        let backward = i.consume_key(Modifiers::SHIFT, Key::F6);
        (backward, !backward && i.consume_key(Modifiers::NONE, Key::F6))
    });
    if !forward && !backward {
        return;
    }
    let targets: Vec<(Region, Option<egui::Id>)> =
        Region::ALL.iter().map(|r| (*r, ctx.data(|d| d.get_temp::<egui::Id>(r.key())))).collect();
    let focused = ctx.memory(|m| m.focused());
    let here = targets.iter().position(|(_, id)| id.is_some() && *id == focused);
    let count = targets.len();
    for step in 1..=count {
        let at = match (here, forward) {
            (Some(here), true) => (here + step) % count,
            (Some(here), false) => (here + count - step) % count,
            (None, true) => step - 1,
            (None, false) => count - step,
        };
        if let (_, Some(id)) = targets[at] {
            ctx.memory_mut(|m| m.request_focus(id));
            ctx.request_repaint();
            return;
        }
    }
}

/// Something lifted with the keyboard, and the day it points at.
pub(crate) struct Lifted {
    pub payload: Payload,
    pub day: NaiveDate,
}

fn moved(day: NaiveDate, by: i64) -> NaiveDate {
    if by >= 0 { day.checked_add_days(Days::new(by as u64)) } else { day.checked_sub_days(Days::new((-by) as u64)) }
        .unwrap_or(day)
}

impl Lifted {
    /// Takes the keys meant for the lifted thing; returns the drop or the putting back.
    pub(super) fn keys_ui(&mut self, ctx: &egui::Context) -> Vec<Event> {
        let mut events = Vec::new();
        ctx.input_mut(|i| {
            for (key, by) in [(Key::ArrowLeft, -1), (Key::ArrowRight, 1), (Key::ArrowUp, -7), (Key::ArrowDown, 7)] {
                if i.consume_key(Modifiers::NONE, key) {
                    self.day = moved(self.day, by);
                }
            }
            if i.consume_key(Modifiers::NONE, Key::Space) || i.consume_key(Modifiers::NONE, Key::Enter) {
                events.push(Event::Drop(self.payload, Target::Day(self.day)));
            } else if i.consume_key(Modifiers::NONE, Key::Escape) {
                events.push(Event::PutBack);
            }
        });
        if !events.is_empty() {
            ctx.request_repaint();
        }
        events
    }
}

/// What is lifted, where it points, and what dropping it there would do, in words (for screen
/// readers too: it is a label that changes with every key).
pub(super) fn lifted_status_ui(ui: &mut Ui, view: &View<'_>, lifted: &Lifted, verdicts: &mut Verdicts) {
    let what = match lifted.payload {
        Payload::Team(team) => view.data.programme.team(team).map_or("the team".to_owned(), |t| t.name.clone()),
        Payload::Placement(id) => view.data.summary(id).map_or("the placement".to_owned(), |p| p.team_name.clone()),
        Payload::Offer(offer) => view.data.programme.offer(offer).map_or("the offer".to_owned(), |o| o.title.clone()),
    };
    let verdict =
        verdicts.get(view.revision, &view.data.programme, lifted.payload, Target::Day(lifted.day), view.selected_team);
    let words = verdict.map_or("nothing happens there".to_owned(), |(_, v)| look::verdict_words(v));
    egui::Area::new(egui::Id::unique("board_lifted"))
        .order(egui::Order::Foreground)
        .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -40.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(640.0);
                ui.label(format!("Lifted {what}: {}: {words}", uk_date_long(lifted.day)));
                ui.weak("Arrow keys move it a day or a week; Space or Enter drops it; Escape puts it back.");
            });
        });
}
