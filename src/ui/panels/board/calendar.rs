//! The calendar: weeks as rows, Monday to Friday as columns (Saturday and Sunday narrow, and only
//! when an offer runs then), today marked, bank holidays shaded and named, each day's
//! placements as chips coloured by neighbourhood. While something is held, every day cell is
//! coloured by what dropping it there would do.

use std::collections::HashMap;

use chrono::{Datelike as _, NaiveDate};
use egui::{Color32, Pos2, Rect, Sense, Stroke, Ui, vec2};

use super::dialogs::Dialog;
use super::dnd::{Payload, Target, Verdicts};
use super::look::{self, AMBER};
use super::{Event, View};
use crate::model::board::{board_window, weekends_needed, weeks};
use crate::model::calendar::bank_holiday_name;
use crate::model::clash::Severity;
use crate::model::dates::uk_date;
use crate::model::{PlacementStatus, PlacementSummary};
use crate::ui::theme;

const WEEK_LABEL: f32 = 62.0;
const WEEKEND_WIDTH: f32 = 76.0;
/// Three lines: the team, the group, the activity.
const CHIP_HEIGHT: f32 = 50.0;
const CELL_TOP: f32 = 24.0;

/// Draws the calendar; returns what was asked for.
pub(super) fn calendar_ui(
    ui: &mut Ui,
    view: &View<'_>,
    verdicts: &mut Verdicts,
    scroll_to: &mut Option<NaiveDate>,
) -> Vec<Event> {
    let programme = &view.data.programme;
    let (first, last) = board_window(programme, view.cohort, view.today);
    let weeks = weeks(first, last);
    let days: usize = if weekends_needed(programme, first, last) { 7 } else { 5 };
    // The week's columns share the width the scroll bar leaves: the whole week on the screen.
    let room = ui.available_width() - ui.spacing().scroll.allocated_width() - 4.0;
    let weekday_width = ((room - WEEK_LABEL - (days - 5) as f32 * (WEEKEND_WIDTH + 4.0)) / 5.0 - 4.0).max(120.0);
    let widths: Vec<f32> = (0..days).map(|i| if i < 5 { weekday_width } else { WEEKEND_WIDTH }).collect();
    header_ui(ui, &widths);
    let mut events = Vec::new();
    let mut by_day: HashMap<NaiveDate, Vec<&PlacementSummary>> = HashMap::new();
    for p in view.placements() {
        by_day.entry(p.day).or_default().push(p);
    }
    egui::ScrollArea::both().id_salt("board_calendar").auto_shrink([false, false]).show(ui, |ui| {
        for week in &weeks {
            week_ui(ui, view, verdicts, (week, &by_day), &widths, scroll_to, &mut events);
        }
        if view.held.is_some() && view.lifted_day.is_none() {
            scroll_near_edges(ui);
        }
    });
    events
}

fn header_ui(ui: &mut Ui, widths: &[f32]) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.add_space(WEEK_LABEL);
        for (name, width) in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Sat", "Sun"].iter().zip(widths) {
            ui.add_sized([*width, 18.0], egui::Label::new(egui::RichText::new(*name).strong()));
        }
    });
}

/// Dragging near the top or bottom of the calendar scrolls it.
fn scroll_near_edges(ui: &mut Ui) {
    let Some(pointer) = ui.ctx().pointer_latest_pos() else { return };
    let visible = ui.clip_rect();
    if !visible.contains(pointer) && !(visible.x_range().contains(pointer.x)) {
        return;
    }
    let margin = 40.0;
    let speed = if pointer.y < visible.top() + margin {
        12.0
    } else if pointer.y > visible.bottom() - margin {
        -12.0
    } else {
        return;
    };
    ui.scroll_with_delta(vec2(0.0, speed));
    ui.ctx().request_repaint();
}

fn week_ui(
    ui: &mut Ui,
    view: &View<'_>,
    verdicts: &mut Verdicts,
    (week, by_day): (&[NaiveDate; 7], &HashMap<NaiveDate, Vec<&PlacementSummary>>),
    widths: &[f32],
    scroll_to: &mut Option<NaiveDate>,
    events: &mut Vec<Event>,
) {
    let on = |day: &NaiveDate| by_day.get(day).map_or(&[][..], Vec::as_slice);
    let ghosts = |day: &NaiveDate| view.ghosts.and_then(|g| g.get(day)).map_or(0, Vec::len);
    let most = week.iter().take(widths.len()).map(|d| on(d).len() + ghosts(d)).max().unwrap_or(0);
    let height = (CELL_TOP + most as f32 * (CHIP_HEIGHT + 3.0) + 8.0).max(84.0);
    let total: f32 = WEEK_LABEL + widths.iter().map(|w| w + 4.0).sum::<f32>();
    let (row, _) = ui.allocate_exact_size(vec2(total, height + 4.0), Sense::hover());
    if let Some(day) = *scroll_to
        && week.contains(&day)
    {
        ui.scroll_to_rect(row, Some(egui::Align::Center));
        *scroll_to = None;
    }
    // Weeks out of sight are only made room for.
    if !ui.is_rect_visible(row) {
        return;
    }
    ui.painter().text(
        row.left_top() + vec2(2.0, 4.0),
        egui::Align2::LEFT_TOP,
        format!("w/c\n{}", week[0].format("%-d %b")),
        egui::FontId::proportional(12.0),
        ui.visuals().weak_text_color(),
    );
    let mut x = row.left() + WEEK_LABEL;
    for (day, width) in week.iter().zip(widths) {
        let rect = Rect::from_min_size(Pos2::new(x, row.top()), vec2(*width, height));
        cell_ui(ui, view, verdicts, *day, rect, on(day), events);
        x += width + 4.0;
    }
}

/// One day: its cell (selected by a click, a drop target), then its chips on top.
fn cell_ui(
    ui: &mut Ui,
    view: &View<'_>,
    verdicts: &mut Verdicts,
    day: NaiveDate,
    rect: Rect,
    chips: &[&PlacementSummary],
    events: &mut Vec<Event>,
) {
    let response = ui.interact(rect, ui.make_persistent_id(("board_day", day)), Sense::click());
    if ui.is_rect_visible(rect) {
        let chosen = view.selected_day == Some(day);
        super::keyboard::jump_target(ui.ctx(), super::keyboard::Region::Calendar, response.id, chosen);
    }
    let verdict = view.held.and_then(|payload| {
        verdicts.get(view.revision, &view.data.programme, payload, Target::Day(day), view.selected_team).cloned()
    });
    let holiday = bank_holiday_name(day);
    let fill = match (&verdict, holiday) {
        (Some((_, v)), _) => look::verdict_colour(v),
        (None, Some(_)) => look::BANK_HOLIDAY,
        (None, None) if day.weekday().num_days_from_monday() >= 5 => Color32::from_gray(246),
        (None, None) => Color32::from_rgb(0xFA, 0xFB, 0xFC),
    };
    let painter = ui.painter();
    painter.rect_filled(rect, 4.0, fill);
    let selected = view.selected_day == Some(day);
    let pointed = view.lifted_day == Some(day);
    let stroke = if pointed || (view.held.is_some() && response.contains_pointer()) {
        Stroke::new(3.0, theme::NHS_BLUE)
    } else if selected {
        Stroke::new(2.0, theme::NHS_BLUE)
    } else {
        Stroke::new(1.0, Color32::from_gray(215))
    };
    painter.rect_stroke(rect, 4.0, stroke, egui::StrokeKind::Inside);
    if response.has_focus() {
        theme::focus_ring(painter, rect.shrink(3.0));
    }
    day_label_ui(ui, view, day, rect, holiday);
    let mut name = look::cell_name(day, view.today, chips.len());
    if let Some((_, v)) = &verdict {
        name = format!("{name}: {}", look::verdict_words(v));
    }
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name.clone()));
    let chip_rect = |i: usize| {
        let top = rect.top() + CELL_TOP + i as f32 * (CHIP_HEIGHT + 3.0);
        Rect::from_min_size(Pos2::new(rect.left() + 4.0, top), vec2(rect.width() - 8.0, CHIP_HEIGHT))
    };
    let pointer = ui.ctx().pointer_latest_pos().unwrap_or_default();
    let over_chip = (0..chips.len()).any(|i| chip_rect(i).contains(pointer));
    let response = match (&verdict, holiday) {
        (Some((gesture, v)), _) if response.contains_pointer() && !over_chip => {
            let what = look::gesture_words(&view.data.programme, *gesture);
            held_tip_ui(ui, &format!("{what}: {}", look::verdict_words(v)));
            response
        }
        (None, Some(holiday)) => response.on_hover_text(holiday),
        _ => response,
    };
    if response.clicked() {
        events.push(Event::SelectDay(day));
    }
    for (i, p) in chips.iter().enumerate() {
        chip_ui(ui, view, verdicts, p, chip_rect(i), events);
    }
    for (i, ghost) in view.ghosts.and_then(|g| g.get(&day)).into_iter().flatten().enumerate() {
        super::suggestion::ghost_ui(ui, view, ghost, day, chip_rect(chips.len() + i));
    }
    // Asked after the chips, so that a drop on a chip is the chip's.
    if let Some(payload) = response.dnd_release_payload::<Payload>() {
        events.push(Event::Drop(*payload, Target::Day(day)));
    }
}

fn day_label_ui(ui: &Ui, view: &View<'_>, day: NaiveDate, rect: Rect, holiday: Option<&str>) {
    let painter = ui.painter().with_clip_rect(rect.shrink(2.0));
    let today = day == view.today;
    let colour = if today { theme::NHS_BLUE } else { ui.visuals().text_color() };
    let label = if day.day() == 1 { day.format("%-d %b").to_string() } else { day.day().to_string() };
    let galley =
        painter.layout_no_wrap(label, egui::FontId::new(14.0, egui::FontFamily::Name(theme::BOLD.into())), colour);
    let at = rect.left_top() + vec2(6.0, 4.0);
    let width = galley.size().x;
    painter.galley(at, galley, colour);
    let mut note = String::new();
    if today {
        note.push_str("Today ");
    }
    if let Some(holiday) = holiday {
        note.push_str(holiday);
    }
    if !note.is_empty() {
        painter.text(
            at + vec2(width + 6.0, 2.0),
            egui::Align2::LEFT_TOP,
            note,
            egui::FontId::proportional(11.0),
            if today { theme::NHS_BLUE } else { ui.visuals().weak_text_color() },
        );
    }
}

/// A few words beside the pointer while something is held over a target.
pub(super) fn held_tip_ui(ui: &Ui, words: &str) {
    let Some(pointer) = ui.ctx().pointer_latest_pos() else { return };
    egui::Area::new(egui::Id::unique("board_held_tip"))
        .order(egui::Order::Tooltip)
        .fixed_pos(pointer + vec2(18.0, 18.0))
        .interactable(false)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(320.0);
                ui.label(words);
            });
        });
}

/// One placement's chip: a click selects it, a drag moves it, a right-click (or its "…") gives
/// the same without dragging; an offer dropped on it becomes its activity, another chip swaps.
fn chip_ui(
    ui: &mut Ui,
    view: &View<'_>,
    verdicts: &mut Verdicts,
    p: &PlacementSummary,
    rect: Rect,
    events: &mut Vec<Event>,
) {
    let id = ui.make_persistent_id(("board_chip", p.id));
    let response = ui.interact(rect, id, Sense::click_and_drag());
    // F6 lands on the chosen chip, unless another day has been chosen since.
    if view.selected == Some(p.id) && view.selected_day.is_none_or(|d| d == p.day) && ui.is_rect_visible(rect) {
        super::keyboard::jump_target(ui.ctx(), super::keyboard::Region::Calendar, id, true);
    }
    if view.writable && p.status.is_live() {
        response.dnd_set_drag_payload(Payload::Placement(p.id));
    }
    let worst = view.data.worst.get(&p.id).copied();
    let anyway = view.data.found_for(p.id).any(|f| f.overridden);
    let look = ChipLook { worst, anyway, selected: view.selected == Some(p.id), focused: response.has_focus() };
    paint_chip(ui, view, p, rect, look);
    let hover_verdict = match view.held {
        Some(payload) if response.contains_pointer() && payload != Payload::Placement(p.id) => {
            verdicts.get(view.revision, &view.data.programme, payload, Target::Chip(p.id), view.selected_team).cloned()
        }
        _ => None,
    };
    if let Some((gesture, verdict)) = &hover_verdict {
        ui.painter().rect_stroke(rect, 4.0, Stroke::new(3.0, look::verdict_colour(verdict)), egui::StrokeKind::Outside);
        let what = look::gesture_words(&view.data.programme, *gesture);
        held_tip_ui(ui, &format!("{what}: {}", look::verdict_words(verdict)));
    }
    let reason = view.data.found_for(p.id).find(|f| f.overridden).map(|f| f.reason.as_str());
    let name = look::chip_name(p, worst, reason);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name.clone()));
    let space = ui.input(|i| i.key_pressed(egui::Key::Space));
    if response.has_focus() && space && view.writable && p.status.is_live() && view.lifted_day.is_none() {
        events.push(Event::Lift(Payload::Placement(p.id), p.day));
    } else if response.clicked() {
        events.push(Event::SelectPlacement(p.id));
    }
    let response = response.on_hover_ui(|ui| {
        ui.label(chip_tooltip(view, p));
    });
    response.context_menu(|ui| chip_menu_ui(ui, view, p, events));
    if let Some(payload) = response.dnd_release_payload::<Payload>() {
        events.push(Event::Drop(*payload, Target::Chip(p.id)));
    }
}

fn chip_tooltip(view: &View<'_>, p: &PlacementSummary) -> String {
    let (team, activity) = look::chip_parts(p);
    let mut lines = vec![format!("{team} ({}): {activity}", p.cohort_name), p.status.label().to_owned()];
    for found in view.data.found_for(p.id) {
        let what = if found.problem.is_hard() { "Clash" } else { "Warning" };
        let anyway = if found.overridden { format!(" (placed anyway: {})", found.reason) } else { String::new() };
        lines.push(format!("{what}: {}{anyway}", found.problem.message));
    }
    if !p.notes.is_empty() {
        lines.push(format!("Note: {}", p.notes));
    }
    lines.push("Drag to another day; right-click for more.".to_owned());
    lines.join("\n")
}

/// How a chip is to be drawn besides what it says.
#[derive(Clone, Copy)]
struct ChipLook {
    /// Its worst problem not placed anyway.
    worst: Option<Severity>,
    /// A clash placed anyway, with a reason.
    anyway: bool,
    selected: bool,
    focused: bool,
}

/// A chip: its team and status; an arrow and the group (in a shorter form when long); the
/// activity; a mark for a clash or warning, or a "placed anyway" badge. What is cut short is
/// said whole on hover and in its accessible name.
fn paint_chip(ui: &Ui, view: &View<'_>, p: &PlacementSummary, rect: Rect, look: ChipLook) {
    let base = if p.offer.is_some() {
        look::neighbourhood_colour(&view.data.neighbourhoods, p.neighbourhood)
    } else {
        look::NO_ACTIVITY
    };
    paint_chip_frame(ui.painter(), p.status, base, rect, look);
    let painter = ui.painter().with_clip_rect(rect.shrink(1.0).intersect(ui.clip_rect()));
    let team = p.team_name.clone();
    let colour = Color32::from_gray(25);
    let status = match p.status {
        PlacementStatus::Pencilled => " · pencilled",
        PlacementStatus::Confirmed => "",
        PlacementStatus::Done => " · done",
        PlacementStatus::Cancelled => " · cancelled",
    };
    let bold = egui::FontId::new(13.0, egui::FontFamily::Name(theme::BOLD.into()));
    let top = rect.top() + 10.0;
    let galley = painter.layout_no_wrap(team, bold, colour);
    let width = galley.size().x;
    painter.galley(Pos2::new(rect.left() + 5.0, top - galley.size().y / 2.0), galley, colour);
    let small = egui::FontId::proportional(11.5);
    let grey = Color32::from_gray(90);
    painter.text(Pos2::new(rect.left() + 7.0 + width, top), egui::Align2::LEFT_CENTER, status, small.clone(), grey);
    let (group, activity) = match p.offer {
        Some(_) => (look::short_group_name(&p.group_name), p.offer_title.clone()),
        None => ("no activity yet".to_owned(), String::new()),
    };
    arrow_line(&painter, rect, rect.top() + 26.0, group, small.clone(), colour);
    if !activity.is_empty() {
        one_line_text(
            &painter,
            Pos2::new(rect.left() + 21.0, rect.top() + 41.0),
            activity,
            small.clone(),
            colour,
            rect.width() - 26.0,
        );
    }
    paint_chip_marks(ui, rect, look);
}

/// A chip's ground, by its status (pencilled dashed, cancelled struck through), with the
/// selection's edge and the focus ring.
fn paint_chip_frame(painter: &egui::Painter, status: PlacementStatus, base: Color32, rect: Rect, look: ChipLook) {
    let edge = Color32::from_gray(120);
    match status {
        PlacementStatus::Pencilled => {
            painter.rect_filled(rect, 4.0, base.linear_multiply(0.55));
            dashed_rect(painter, rect, Stroke::new(1.2, edge));
        }
        PlacementStatus::Cancelled => {
            painter.rect_filled(rect, 4.0, Color32::from_gray(235));
            painter.line_segment([rect.left_center(), rect.right_center()], Stroke::new(1.0, edge));
        }
        PlacementStatus::Confirmed | PlacementStatus::Done => {
            painter.rect_filled(rect, 4.0, base);
            painter.rect_stroke(rect, 4.0, Stroke::new(1.2, edge), egui::StrokeKind::Inside);
        }
    }
    if look.selected {
        painter.rect_stroke(rect.expand(1.5), 5.0, Stroke::new(2.0, theme::NHS_BLUE), egui::StrokeKind::Outside);
    }
    if look.focused {
        theme::focus_ring(painter, rect);
    }
}

/// A chip's marks: the "placed anyway" badge, and the worst clash or warning.
fn paint_chip_marks(ui: &Ui, rect: Rect, look: ChipLook) {
    let badge = if look.anyway { 70.0 } else { 0.0 };
    if look.anyway {
        // A clash placed anyway, with its reason: marked as such, never silently.
        let clear_of_mark = if look.worst.is_some() { 18.0 } else { 2.0 };
        let tag = Rect::from_min_size(
            Pos2::new(rect.right() - badge - clear_of_mark, rect.top() + 3.0),
            vec2(badge - 2.0, 15.0),
        );
        ui.painter().rect_filled(tag, 3.0, Color32::from_rgb(0x5C, 0x2D, 0x91));
        ui.painter().text(
            tag.center(),
            egui::Align2::CENTER_CENTER,
            "placed anyway",
            egui::FontId::proportional(10.0),
            Color32::WHITE,
        );
    }
    if let Some(severity) = look.worst {
        let centre = Pos2::new(rect.right() - 9.0, rect.top() + 10.0);
        let fill = if severity == Severity::Hard { theme::ERROR_RED } else { AMBER };
        ui.painter().circle_filled(centre, 7.0, fill);
        ui.painter().text(centre, egui::Align2::CENTER_CENTER, "!", egui::FontId::proportional(12.0), Color32::WHITE);
    }
}

/// A chip's second line, at height `y`: an arrow from the team to where it goes, then the group
/// (the arrow is drawn: the font has no arrow character), cut short with "…" at the chip's edge.
pub(super) fn arrow_line(
    painter: &egui::Painter,
    rect: Rect,
    y: f32,
    text: String,
    font: egui::FontId,
    colour: Color32,
) {
    let x = rect.left() + 6.0;
    painter.line_segment([Pos2::new(x, y), Pos2::new(x + 8.0, y)], Stroke::new(1.2, colour));
    painter.add(egui::Shape::convex_polygon(
        vec![Pos2::new(x + 11.0, y), Pos2::new(x + 6.0, y - 3.5), Pos2::new(x + 6.0, y + 3.5)],
        colour,
        Stroke::NONE,
    ));
    one_line_text(painter, Pos2::new(x + 15.0, y), text, font, colour, rect.right() - x - 19.0);
}

/// Text on one line from `at` (its left, centred on its height), cut short with "…" to fit
/// `width`.
pub(super) fn one_line_text(
    painter: &egui::Painter,
    at: Pos2,
    text: String,
    font: egui::FontId,
    colour: Color32,
    width: f32,
) {
    let mut job = egui::text::LayoutJob::simple_singleline(text, font, colour);
    job.wrap = egui::text::TextWrapping::truncate_at_width(width.max(10.0));
    let galley = painter.layout_job(job);
    painter.galley(Pos2::new(at.x, at.y - galley.size().y / 2.0), galley, colour);
}

fn dashed_rect(painter: &egui::Painter, rect: Rect, stroke: Stroke) {
    let corners = [rect.left_top(), rect.right_top(), rect.right_bottom(), rect.left_bottom(), rect.left_top()];
    painter.extend(egui::Shape::dashed_line(&corners, stroke, 5.0, 3.0));
}

/// The chip's menu: everything a drag does, and more, without dragging.
pub(super) fn chip_menu_ui(ui: &mut Ui, view: &View<'_>, p: &PlacementSummary, events: &mut Vec<Event>) {
    ui.add_enabled_ui(view.writable, |ui| {
        let month = (p.day.year(), p.day.month());
        if ui.button("Move to day…").clicked() {
            events.push(Event::Open(Dialog::MoveTo { id: p.id, month }));
            ui.close();
        }
        if ui.button("Choose activity…").clicked() {
            events.push(Event::Open(Dialog::ChooseActivity { id: p.id }));
            ui.close();
        }
        ui.separator();
        for (status, words) in [
            (PlacementStatus::Pencilled, "Pencil in"),
            (PlacementStatus::Confirmed, "Confirm"),
            (PlacementStatus::Done, "Mark done"),
            (PlacementStatus::Cancelled, "Cancel the day"),
        ] {
            if p.status != status && ui.button(words).clicked() {
                events.push(Event::Status(p.id, status));
                ui.close();
            }
        }
        ui.separator();
        // An outcome is recorded once the day has come (or was marked done): before then the
        // button says from when.
        let can_record = p.day <= view.today || p.status == PlacementStatus::Done;
        let record = if can_record {
            "Record the outcome…".to_owned()
        } else {
            format!("Record the outcome (from {})", uk_date(p.day))
        };
        if ui
            .add_enabled(can_record, egui::Button::new(record))
            .on_hover_text("How the day went, and the team's feedback")
            .on_disabled_hover_text("The outcome is recorded on the day or after it; or mark the day done first.")
            .clicked()
        {
            events.push(Event::RecordOutcome(p.id));
            ui.close();
        }
        if ui.button("Add a note…").clicked() {
            events.push(Event::Open(Dialog::Note { id: p.id, text: p.notes.clone() }));
            ui.close();
        }
        if ui.button("Remove").clicked() {
            events.push(Event::Do(crate::model::board::Gesture::Remove { id: p.id }));
            ui.close();
        }
    });
}
