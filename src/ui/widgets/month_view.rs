//! A month of days as a grid, Monday first, with buttons to the months either side. Each day is
//! painted as the caller says (a colour, and the words a screen reader and the tooltip give);
//! a click on a day is reported, and the caller decides what it means.

use chrono::{Datelike as _, NaiveDate};
use egui::Ui;

use crate::model::offer_list::{add_months, month_grid};
use crate::ui::theme;

/// The short names of the days of the week, Monday first.
pub const WEEKDAY_SHORT: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// How one day looks.
pub struct DayLook {
    /// `TRANSPARENT` for a day that is not on offer (its number is drawn faint).
    pub fill: egui::Color32,
    /// What the day is, in words: its accessible name and the first line of its tooltip.
    pub name: String,
    /// What clicking it would do, when the view takes clicks.
    pub hint: String,
}

/// Whether a month's days take clicks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayClicks {
    /// Days are buttons; the one clicked is returned.
    Choose,
    /// Days are only looked at.
    LookOnly,
}

/// Draws the month `month` (year, month), letting the person move to the months either side.
pub fn month_view_ui(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    month: &mut (i32, u32),
    clicks: DayClicks,
    look: impl Fn(NaiveDate) -> DayLook,
) -> Option<NaiveDate> {
    let (year, m) = *month;
    let title = NaiveDate::from_ymd_opt(year, m, 1).map(|d| d.format("%B %Y").to_string()).unwrap_or_default();
    ui.horizontal(|ui| {
        if ui.small_button("<").on_hover_text("Previous month").accessible_name("Previous month").clicked() {
            *month = add_months(year, m, -1);
        }
        ui.label(egui::RichText::new(&title).strong());
        if ui.small_button(">").on_hover_text("Next month").accessible_name("Next month").clicked() {
            *month = add_months(year, m, 1);
        }
    });
    let mut clicked = None;
    egui::Grid::new(salt).spacing([3.0, 3.0]).show(ui, |ui| {
        for name in WEEKDAY_SHORT {
            ui.weak(name);
        }
        ui.end_row();
        for week in month_grid(year, m) {
            for day in week {
                match day {
                    Some(day) => {
                        if day_ui(ui, day, clicks == DayClicks::Choose, &look(day)) {
                            clicked = Some(day);
                        }
                    }
                    None => {
                        ui.label("");
                    }
                }
            }
            ui.end_row();
        }
    });
    clicked
}

/// One day's square; true when clicked.
fn day_ui(ui: &mut Ui, day: NaiveDate, clickable: bool, look: &DayLook) -> bool {
    let sense = if clickable { egui::Sense::click() } else { egui::Sense::hover() };
    let (rect, response) = ui.allocate_exact_size(egui::vec2(34.0, 24.0), sense);
    let painter = ui.painter();
    painter.rect_filled(rect, 3.0, look.fill);
    if response.hovered() {
        painter.rect_stroke(rect, 3.0, (1.0, theme::NHS_BLUE), egui::StrokeKind::Inside);
    }
    let text_colour = if look.fill == egui::Color32::TRANSPARENT {
        ui.visuals().weak_text_color()
    } else {
        ui.visuals().text_color()
    };
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        day.day().to_string(),
        egui::TextStyle::Body.resolve(ui.style()),
        text_colour,
    );
    let role = if clickable { egui::Role::Button } else { egui::Role::Label };
    response.widget_info(|| egui::WidgetInfo::labeled(role, true, look.name.clone()));
    let tip = if look.hint.is_empty() { look.name.clone() } else { format!("{}\n{}", look.name, look.hint) };
    response.on_hover_text(tip).clicked()
}
