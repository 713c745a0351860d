//! Beside the calendar: the chosen placement's actions; the offers that run on the chosen day,
//! best fit first, each with what is wrong if anything (drag one onto a chip or a day); and every
//! clash and warning of the cohort, each a link to its day.

use egui::{Color32, RichText, Sense, Stroke, Ui, vec2};

use super::calendar::chip_menu_ui;
use super::dnd::Payload;
use super::look;
use super::{Event, View};
use crate::model::board::{OfferFit, offers_for_day};
use crate::model::clash::{Found, Severity};
use crate::model::dates::{uk_date, uk_date_long};
use crate::model::text::count_of;
use crate::ui::theme;

/// Draws the side column; returns what was asked for. The chosen placement takes a few lines;
/// the day's offers most of the rest (at least five at once on a 1366×768 laptop); the clash
/// list at most about a quarter, each scrolling on its own.
pub(super) fn side_ui(ui: &mut Ui, view: &View<'_>) -> Vec<Event> {
    let mut events = Vec::new();
    selected_ui(ui, view, &mut events);
    let list_height = (ui.available_height() * 0.25).clamp(80.0, 220.0);
    let offers_height = (ui.available_height() - list_height - 16.0).max(120.0);
    egui::ScrollArea::vertical()
        .id_salt("board_side_scroll")
        .max_height(offers_height)
        .min_scrolled_height(offers_height.min(400.0))
        .show(ui, |ui| day_offers_ui(ui, view, &mut events));
    ui.separator();
    clash_list_ui(ui, view, &mut events);
    events
}

/// The chosen placement: what it is, and its actions as buttons.
fn selected_ui(ui: &mut Ui, view: &View<'_>, events: &mut Vec<Event>) {
    let Some(p) = view.selected.and_then(|id| view.data.summary(id)) else { return };
    let (team, activity) = look::chip_parts(p);
    ui.label(RichText::new(format!("{team}, {}", uk_date(p.day))).strong());
    ui.label(format!("{activity} · {}", p.status.label()));
    // Its own reason, or the reason of the other placement in the same clash.
    if let Some(found) = view.data.found_for(p.id).find(|f| f.overridden) {
        ui.label(format!("Placed anyway: {}", found.reason));
    } else if !p.override_reason.is_empty() {
        ui.label(format!("Placed anyway: {}", p.override_reason));
    }
    if !p.notes.is_empty() {
        ui.label(format!("Note: {}", p.notes));
    }
    // Every action of the chip's own menu, in a menu here too: a row, not a column of buttons
    // that left room for one offer below.
    ui.horizontal(|ui| {
        let actions = ui.menu_button("Actions…", |ui| chip_menu_ui(ui, view, p, events)).response;
        super::keyboard::jump_target(ui.ctx(), super::keyboard::Region::Side, actions.id, false);
        actions.on_hover_text("Move, give an activity, confirm, mark done, record the outcome, add a note, remove");
    });
    ui.separator();
}

/// The offers that run on the chosen day, for the chosen team (or any).
fn day_offers_ui(ui: &mut Ui, view: &View<'_>, events: &mut Vec<Event>) {
    let Some(day) = view.selected_day else {
        ui.weak("Click a day to see the offers that run then.");
        return;
    };
    let team = view.selected_team.and_then(|t| view.data.programme.team(t));
    let title = match team {
        Some(t) => format!("Offers on {} for {}", uk_date(day), t.name),
        None => format!("Offers on {}", uk_date(day)),
    };
    ui.label(RichText::new(title).strong());
    ui.weak(if team.is_some() {
        "Best fit first. Drag one onto the team's chip, or onto the day."
    } else {
        "Best fit first. Click a team to see how each suits it; drag one onto a chip."
    });
    let fits = offers_for_day(&view.data.programme, day, view.selected_team);
    if fits.is_empty() {
        ui.weak(format!("No offer runs on {}.", uk_date_long(day)));
    }
    for fit in fits.iter().take(60) {
        offer_row_ui(ui, view, fit, events);
    }
}

fn offer_row_ui(ui: &mut Ui, view: &View<'_>, fit: &OfferFit, events: &mut Vec<Event>) {
    let Some(offer) = view.data.programme.offer(fit.offer) else { return };
    let words: Vec<String> = fit.problems.iter().map(|p| p.message.clone()).collect();
    let height = 38.0 + if words.is_empty() { 0.0 } else { 15.0 };
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::hover());
    let response = ui.interact(rect, ui.make_persistent_id(("board_offer", fit.offer)), Sense::click_and_drag());
    super::keyboard::jump_target(ui.ctx(), super::keyboard::Region::Side, response.id, false);
    if view.writable {
        response.dnd_set_drag_payload(Payload::Offer(fit.offer));
    }
    let colour = look::neighbourhood_colour(&view.data.neighbourhoods, offer.neighbourhood);
    let painter = ui.painter();
    painter.rect_filled(rect, 4.0, colour.linear_multiply(0.7));
    let edge = match fit.worst() {
        Some(Severity::Hard) => Stroke::new(2.0, theme::ERROR_RED),
        Some(Severity::Warning) => Stroke::new(2.0, look::AMBER),
        None => Stroke::new(1.0, Color32::from_gray(190)),
    };
    painter.rect_stroke(rect, 4.0, edge, egui::StrokeKind::Inside);
    if response.has_focus() {
        theme::focus_ring(painter, rect.shrink(3.0));
    }
    let painter = painter.with_clip_rect(rect.shrink(3.0).intersect(ui.clip_rect()));
    let ink = Color32::from_gray(25);
    painter.text(
        rect.left_top() + vec2(6.0, 4.0),
        egui::Align2::LEFT_TOP,
        &offer.group_name,
        egui::FontId::new(13.0, egui::FontFamily::Name(theme::BOLD.into())),
        ink,
    );
    let nearby = if offer.neighbourhood.is_some() {
        format!("{} placed nearby", fit.neighbourhood_teams)
    } else {
        "no neighbourhood".to_owned()
    };
    let facts = format!(
        "{} · {}–{} people · {} left · {nearby}",
        offer.title, offer.team_size_min, offer.team_size_max, fit.places_left
    );
    painter.text(
        rect.left_top() + vec2(6.0, 21.0),
        egui::Align2::LEFT_TOP,
        facts,
        egui::FontId::proportional(12.0),
        ink,
    );
    if let Some(first) = words.first() {
        let colour = if fit.worst() == Some(Severity::Hard) { theme::ERROR_RED } else { look::AMBER };
        painter.text(
            rect.left_top() + vec2(6.0, 38.0),
            egui::Align2::LEFT_TOP,
            first,
            egui::FontId::proportional(12.0),
            colour,
        );
    }
    let name = format!(
        "{}: {}{}",
        offer.group_name,
        offer.title,
        if words.is_empty() { ", fits".to_owned() } else { format!(", {}", words.join(" ")) }
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name.clone()));
    let space = ui.input(|i| i.key_pressed(egui::Key::Space));
    if response.has_focus()
        && space
        && view.writable
        && view.lifted_day.is_none()
        && let Some(day) = view.selected_day
    {
        events.push(Event::Lift(Payload::Offer(fit.offer), day));
    }
    let tip = if words.is_empty() { "Fits.".to_owned() } else { words.join("\n") };
    response.on_hover_text(tip);
}

/// Every clash and warning of the cohort, in words; a click goes to its day and chip.
fn clash_list_ui(ui: &mut Ui, view: &View<'_>, events: &mut Vec<Event>) {
    let shown: Vec<_> = view
        .data
        .found
        .iter()
        .filter(|f| view.data.summary(f.placement).is_some_and(|p| view.cohort.is_none_or(|c| p.cohort == c)))
        .collect();
    let clashes = shown.iter().filter(|f| f.problem.is_hard() && !f.overridden).count();
    let title = match (clashes, shown.len()) {
        (_, 0) => "No clashes or warnings".to_owned(),
        (0, n) => format!("No clashes; {n} to look at"),
        (c, n) => format!("{} to sort out ({n} in all)", count_of(c as u64, "clash", "clashes")),
    };
    let colour = if clashes > 0 { theme::ERROR_RED } else { ui.visuals().text_color() };
    ui.label(RichText::new(title).strong().color(colour));
    let (hard, warnings): (Vec<&Found>, Vec<&Found>) = shown.into_iter().partition(|f| f.problem.is_hard());
    egui::ScrollArea::vertical().id_salt("board_clash_list").auto_shrink([false, true]).show(ui, |ui| {
        // Clashes in full: they are few, and each must be read.
        for found in hard {
            clash_row_ui(ui, view, found, true, events);
        }
        // Warnings a line each, and only the lines in sight laid out: there can be hundreds.
        if !warnings.is_empty() {
            egui::CollapsingHeader::new(format!("Warnings ({})", warnings.len())).id_salt("board_warnings").show(
                ui,
                |ui| {
                    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
                    egui::ScrollArea::vertical().id_salt("board_warning_rows").max_height(240.0).show_rows(
                        ui,
                        row_height,
                        warnings.len(),
                        |ui, rows| {
                            for found in &warnings[rows] {
                                clash_row_ui(ui, view, found, false, events);
                            }
                        },
                    );
                },
            );
        }
    });
}

/// One problem as a line that goes to its chip when clicked: in full, or cut short with the whole
/// on hover.
fn clash_row_ui(ui: &mut Ui, view: &View<'_>, found: &Found, whole: bool, events: &mut Vec<Event>) {
    let Some(p) = view.data.summary(found.placement) else { return };
    let what = match (found.problem.is_hard(), found.overridden) {
        (true, false) => "Clash",
        (true, true) => "Placed anyway",
        (false, _) => "Warning",
    };
    let text = format!("{} · {} · {what}: {}", uk_date(p.day), p.team_name, found.problem.message);
    let colour = if what == "Clash" { theme::ERROR_RED } else { ui.visuals().text_color() };
    let label = egui::Label::new(RichText::new(&text).color(colour)).sense(Sense::click());
    let label = if whole { label.wrap() } else { label.truncate() };
    let response = ui.add(label);
    super::keyboard::jump_target(ui.ctx(), super::keyboard::Region::Side, response.id, false);
    if response.on_hover_text(format!("{text}\nClick to show it on the board.")).clicked() {
        events.push(Event::SelectPlacement(p.id));
    }
}
