//! An offer's month, coloured by the days it can host a team, with the reason on hover. In the
//! editor, clicking a day makes it a blackout day (if it was available) or an extra day (if it
//! was not), and clicking again takes that back (the rule is [`toggle_day`]).

use chrono::NaiveDate;
use egui::Ui;

use crate::model::availability::{Availability, DayKind, day_kind, toggle_day};
use crate::ui::widgets::{DayClicks, DayLook, month_view_ui};

/// The colours of the month view: available, blackout, extra.
const DAY_AVAILABLE: egui::Color32 = egui::Color32::from_rgb(0xD5, 0xEF, 0xDD);
const DAY_BLACKOUT: egui::Color32 = egui::Color32::from_rgb(0xF6, 0xD2, 0xD2);
const DAY_EXTRA: egui::Color32 = egui::Color32::from_rgb(0xCF, 0xE2, 0xF6);

fn look(when: &Availability, day: NaiveDate, editing: bool) -> DayLook {
    let kind = day_kind(when, day);
    let fill = match kind {
        DayKind::Available => DAY_AVAILABLE,
        DayKind::Extra => DAY_EXTRA,
        DayKind::Blackout => DAY_BLACKOUT,
        DayKind::Unavailable(_) => egui::Color32::TRANSPARENT,
    };
    let hint = match kind {
        _ if !editing => "",
        DayKind::Blackout | DayKind::Extra => "Click to take this back.",
        DayKind::Unavailable(_) => "Click to offer it anyway (an extra day).",
        DayKind::Available => "Click if the group cannot host that day (a blackout day).",
    };
    DayLook { fill, name: kind.explanation(day), hint: hint.to_owned() }
}

/// The month view of `when`; with `edit`, clicks change the days of `edit`.
pub(super) fn availability_month_ui(
    ui: &mut Ui,
    when: &Availability,
    month: &mut (i32, u32),
    edit: Option<&mut Availability>,
) {
    let editing = edit.is_some();
    let clicks = if editing { DayClicks::Choose } else { DayClicks::LookOnly };
    let clicked = month_view_ui(ui, ("offer_month", editing), month, clicks, |day| look(when, day, editing));
    ui.horizontal_wrapped(|ui| {
        for (fill, words) in [(DAY_AVAILABLE, "available"), (DAY_EXTRA, "extra day"), (DAY_BLACKOUT, "blackout")] {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, fill);
            ui.weak(words);
        }
        ui.weak("Hover over a day to see why it is not available.");
    });
    if let (Some(day), Some(target)) = (clicked, edit) {
        toggle_day(target, day);
    }
}
