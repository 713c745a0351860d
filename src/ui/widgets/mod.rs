//! Small pieces the panels share: headings, search boxes, form rows, drop-downs, tick boxes,
//! editable name lists, date pickers and the month view. Each draws and reports; none changes
//! the document.

mod date_picker;
mod focus;
pub mod month_view;
mod name_list;
mod table_keys;

use egui::Ui;

pub use date_picker::date_picker_ui;
pub use focus::{follow_keyboard_focus, paint_focus_ring};
pub use month_view::{DayClicks, DayLook, month_view_ui};
pub use name_list::{NameChange, NameListEditor};
pub use table_keys::TableKeys;

use super::theme;
use crate::model::FieldProblem;

/// A dialog (a modal window) that stays where it opens: its top is fixed near the top of the
/// window and it is centred across, so a dialog that grows (a list expanded, a row added) grows
/// downwards and nothing under the pointer moves. (egui centres a modal by its size, so it moved
/// a frame after every change of height, and clicks landed on the wrong row.) Its content should
/// go in [`dialog_body_ui`], which scrolls when the window is too short for it.
pub fn dialog(name: &str) -> egui::Modal {
    let id = egui::Id::unique(name);
    egui::Modal::new(id).area(egui::Modal::default_area(id).anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 28.0)))
}

/// A dialog's content, scrolling when it is taller than the window leaves room for.
pub fn dialog_body_ui<R>(ui: &mut Ui, content: impl FnOnce(&mut Ui) -> R) -> R {
    let room = (ui.ctx().content_rect().height() - 80.0).max(200.0);
    // At least `room` tall where the content is (a modal offers its scroll area only the height it
    // had last frame, so it would never grow), and no taller.
    egui::ScrollArea::vertical()
        .id_salt("dialog_body")
        .max_height(room)
        .min_scrolled_height(room)
        .show(ui, content)
        .inner
}

/// Keeps a drop-down's list in front of the dialog it is in. A click inside a modal dialog moves
/// the dialog to the top of its layer after the list has opened there, so the list of a
/// drop-down low in the dialog opened behind it and could not be used; made the dialog's
/// sublayer, it is drawn straight after it, every frame it is open. Outside a dialog (on a
/// panel, a lower layer) there is nothing to do.
pub fn keep_popup_in_front(ui: &Ui, combo: &egui::Response) {
    let popup = combo.id.with("popup");
    let dialog = ui.layer_id();
    if dialog.order == egui::Order::Foreground && egui::Popup::is_id_open(ui.ctx(), popup) {
        ui.ctx().set_sublayer(dialog, egui::LayerId::new(egui::Order::Foreground, popup));
    }
}

/// A panel's heading with a line of context underneath.
pub fn heading_ui(ui: &mut Ui, title: &str, subtitle: &str) {
    ui.heading(title);
    if !subtitle.is_empty() {
        ui.weak(subtitle);
    }
    ui.add_space(6.0);
}

/// A search box that takes the keyboard when `focus` is set (Ctrl+F).
pub fn search_box_ui(ui: &mut Ui, text: &mut String, hint: &str, focus: &mut bool) -> egui::Response {
    let label = ui.label("Search:");
    let response = ui.add(egui::TextEdit::singleline(text).hint_text(hint).desired_width(280.0)).labelled_by(label.id);
    if std::mem::take(focus) {
        response.request_focus();
    }
    response
}

/// What a form's buttons asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormAction {
    None,
    Save,
    Close,
}

/// A form's title, then its save button (enabled when the file can be changed) and a button that
/// closes it, above the fields so that they are in reach however long the form is; then, when
/// the last save was refused, the line that says so.
/// A form's title with its Save and Close buttons (Save only where the file can be changed), and,
/// after a refused save, the line that says nothing was saved because of `problems`.
pub fn form_header_ui<F>(
    ui: &mut Ui,
    title: &str,
    save: &str,
    close: &str,
    access: crate::store::Access,
    problems: &[FieldProblem<F>],
) -> FormAction {
    let (writable, refused) = (access.is_writable(), !problems.is_empty());
    ui.label(egui::RichText::new(title).heading());
    let mut action = FormAction::None;
    ui.horizontal(|ui| {
        if ui.add_enabled(writable, egui::Button::new(save)).clicked() {
            action = FormAction::Save;
        }
        if ui.button(close).clicked() {
            action = FormAction::Close;
        }
    });
    if refused {
        ui.colored_label(theme::ERROR_RED, "Nothing was saved: put right what is marked in red.");
    }
    action
}

/// The problems found with one field of a form, in red under it.
pub fn field_problems_ui<F: PartialEq>(ui: &mut Ui, problems: &[FieldProblem<F>], field: F) {
    for p in problems.iter().filter(|p| p.field == field) {
        ui.colored_label(theme::ERROR_RED, &p.message);
    }
}

/// A form's row in a two-column grid: the label, then the text field (labelled by it, for
/// screen readers and tests) with its problems underneath.
pub fn form_text_row<F: PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    lines: usize,
    width: f32,
    problems: &[FieldProblem<F>],
    field: F,
) {
    let name = ui.label(label);
    ui.vertical(|ui| {
        let edit = if lines > 1 {
            egui::TextEdit::multiline(value).desired_rows(lines).desired_width(width)
        } else {
            egui::TextEdit::singleline(value).desired_width(width)
        };
        ui.add(edit).labelled_by(name.id);
        field_problems_ui(ui, problems, field);
    });
    ui.end_row();
}

/// A drop-down choosing one of `options`, or none (called `none`: "Any", "All", "None"),
/// named for screen readers by the label whose id is `label`.
pub fn optional_choice_ui<'a, T: PartialEq + Copy>(
    ui: &mut Ui,
    salt: &str,
    label: egui::Id,
    value: &mut Option<T>,
    none: &str,
    options: impl IntoIterator<Item = (T, &'a str)> + Clone,
    width: Option<f32>,
) {
    let current = value.and_then(|v| options.clone().into_iter().find(|(o, _)| *o == v)).map_or(none, |(_, n)| n);
    let mut combo = egui::ComboBox::from_id_salt(salt).selected_text(current);
    if let Some(width) = width {
        combo = combo.width(width);
    }
    let combo = combo
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, none);
            for (option, name) in options {
                ui.selectable_value(value, Some(option), name);
            }
        })
        .response
        .labelled_by(label);
    keep_popup_in_front(ui, &combo);
}

/// A drop-down choosing one of `options`, named for screen readers by the label `label`.
pub fn choice_ui<'a, T: PartialEq + Copy>(
    ui: &mut Ui,
    salt: &str,
    label: egui::Id,
    value: &mut T,
    options: impl IntoIterator<Item = (T, &'a str)> + Clone,
) {
    let current = options.clone().into_iter().find(|(o, _)| *o == *value).map_or("", |(_, n)| n);
    let combo = egui::ComboBox::from_id_salt(salt)
        .selected_text(current)
        .show_ui(ui, |ui| {
            for (option, name) in options {
                ui.selectable_value(value, option, name);
            }
        })
        .response
        .labelled_by(label);
    keep_popup_in_front(ui, &combo);
}

/// A tick box for each of `options`; `chosen` holds the ticked ones.
pub fn ticks_ui<'a, T: PartialEq + Copy>(
    ui: &mut Ui,
    chosen: &mut Vec<T>,
    options: impl IntoIterator<Item = (T, &'a str)>,
) {
    for (option, name) in options {
        let mut on = chosen.contains(&option);
        if ui.checkbox(&mut on, name).changed() {
            if on {
                chosen.push(option);
            } else {
                chosen.retain(|c| *c != option);
            }
        }
    }
}

/// A record's facts as a two-column grid, name then value, leaving out those with no value.
pub fn facts_grid_ui(ui: &mut Ui, salt: &str, facts: &[(&str, String)]) {
    egui::Grid::new(salt).num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
        for (name, value) in facts.iter().filter(|(_, v)| !v.is_empty()) {
            ui.weak(*name);
            ui.add(egui::Label::new(value.as_str()).wrap());
            ui.end_row();
        }
    });
}
