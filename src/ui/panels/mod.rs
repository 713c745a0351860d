//! One panel per part of the programme. A panel holds only its own UI state, reads the
//! document, and returns [`Command`]s; it never changes the document itself.

mod board;
mod cohorts;
mod day_sheets;
pub mod directory;
mod lists;
mod offers;

use egui::Ui;

use super::app::Document;
use super::command::{Command, EditRequest, Subject};
use super::prefs::PanelKind;

pub struct Panels {
    pub current: PanelKind,
    directory: directory::DirectoryPanel,
    offers: offers::OffersPanel,
    cohorts: cohorts::CohortsPanel,
    board: board::BoardPanel,
    day_sheets: day_sheets::DaySheetsPanel,
}

impl Panels {
    pub fn new(current: PanelKind) -> Self {
        Self {
            current,
            directory: Default::default(),
            offers: Default::default(),
            cohorts: Default::default(),
            board: Default::default(),
            day_sheets: Default::default(),
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        match self.current {
            PanelKind::Directory => self.directory.ui(ui, doc),
            PanelKind::Offers => self.offers.ui(ui, doc),
            PanelKind::Cohorts => self.cohorts.ui(ui, doc),
            PanelKind::Board => self.board.ui(ui, doc),
            PanelKind::DaySheets => self.day_sheets.ui(ui, doc),
        }
    }

    /// Ctrl+F: the current panel's search box takes the keyboard.
    pub fn focus_search(&mut self) {
        match self.current {
            PanelKind::Directory => self.directory.focus_search = true,
            PanelKind::Offers => self.offers.focus_search = true,
            PanelKind::Cohorts => self.cohorts.focus_search = true,
            PanelKind::Board | PanelKind::DaySheets => {}
        }
    }

    /// Another file was opened (or the file closed): forget selections and cached rows.
    pub fn document_changed(&mut self) {
        let current = self.current;
        *self = Self::new(current);
    }

    /// The same file changed under the panels (undo, redo, restore): drop open forms.
    pub fn document_reloaded(&mut self) {
        self.directory.pane.form = None;
        self.offers.pane.form = None;
        self.cohorts.document_reloaded();
    }

    /// An edit a panel asked for has been saved; `subject` is what it was about.
    pub fn edit_saved(&mut self, edit: &EditRequest, subject: Subject) {
        match (edit, subject) {
            (EditRequest::UpdateGroup { .. } | EditRequest::AddGroup(_), Subject::Group(id)) => {
                self.directory.pane.form = None;
                self.directory.select(id);
            }
            (EditRequest::AddOffer(_) | EditRequest::UpdateOffer { .. }, Subject::Offer(id)) => {
                self.offers.select(id);
            }
            (_, Subject::Cohort(id)) => self.cohorts.saved_cohort(id),
            (_, Subject::Participant(id)) => self.cohorts.saved_participant(id),
            _ => {}
        }
    }

    /// Opens the Offers panel's editor on a new offer from `group`.
    pub fn new_offer(
        &mut self,
        store: &crate::store::Store,
        group: crate::model::GroupId,
    ) -> Result<(), crate::store::StoreError> {
        self.offers.start_new(store, group)
    }

    /// Shows one offer in the Offers panel.
    pub fn show_offer(&mut self, offer: crate::model::OfferId) {
        self.offers.select(offer);
    }
}

/// Rows cached for one revision of the document.
pub(crate) struct Cached<T> {
    revision: u64,
    value: T,
}

/// Loads `T` again when the document's revision has moved on; shows a load error in place.
pub(crate) fn cached<'a, T>(
    slot: &'a mut Option<Cached<T>>,
    doc: &Document,
    load: impl FnOnce() -> Result<T, crate::store::StoreError>,
) -> Result<&'a T, String> {
    if slot.as_ref().is_none_or(|c| c.revision != doc.revision) {
        let value = load().map_err(|e| format!("This list could not be read from the file: {e}"))?;
        *slot = Some(Cached { revision: doc.revision, value });
    }
    slot.as_ref().map(|c| &c.value).ok_or_else(String::new)
}

/// A panel's heading with a line of context underneath.
pub(crate) fn heading_ui(ui: &mut Ui, title: &str, subtitle: &str) {
    ui.heading(title);
    if !subtitle.is_empty() {
        ui.weak(subtitle);
    }
    ui.add_space(6.0);
}

/// A search box that takes the keyboard when `focus` is set (Ctrl+F).
pub(crate) fn search_box_ui(ui: &mut Ui, text: &mut String, hint: &str, focus: &mut bool) -> egui::Response {
    let label = ui.label("Search:");
    let response = ui.add(egui::TextEdit::singleline(text).hint_text(hint).desired_width(280.0)).labelled_by(label.id);
    if std::mem::take(focus) {
        response.request_focus();
    }
    response
}

/// A change to an editable list of names.
pub(crate) enum NameChange {
    Add(String),
    Rename(i64, String),
}

/// An editable list of names: click one to rename it, type a new one to add it.
#[derive(Default)]
pub(crate) struct NameListEditor {
    new_name: String,
    renaming: Option<(i64, String)>,
}

impl NameListEditor {
    /// The names, then a field to add one.
    pub(crate) fn ui(&mut self, ui: &mut Ui, names: &[(i64, &str)], width: f32) -> Option<NameChange> {
        let renamed = self.names_ui(ui, names, width);
        self.add_ui(ui, width).or(renamed)
    }

    /// The names, each renamed by clicking it.
    pub(crate) fn names_ui(&mut self, ui: &mut Ui, names: &[(i64, &str)], width: f32) -> Option<NameChange> {
        let mut change = None;
        for (id, name) in names {
            match &mut self.renaming {
                Some((renaming, text)) if renaming == id => {
                    let edit = ui
                        .add(egui::TextEdit::singleline(text).desired_width(width))
                        .accessible_name(format!("New name for {name}"));
                    if edit.lost_focus() || ui.button("Save").clicked() {
                        if text.trim() != *name && !text.trim().is_empty() {
                            change = Some(NameChange::Rename(*id, text.clone()));
                        }
                        self.renaming = None;
                    }
                }
                _ => {
                    if ui.selectable_label(false, *name).on_hover_text("Click to rename").clicked() {
                        self.renaming = Some((*id, (*name).to_owned()));
                    }
                }
            }
        }
        change
    }

    /// "New: [    ] Add".
    pub(crate) fn add_ui(&mut self, ui: &mut Ui, width: f32) -> Option<NameChange> {
        let mut change = None;
        ui.horizontal(|ui| {
            let label = ui.label("New:");
            ui.add(egui::TextEdit::singleline(&mut self.new_name).desired_width(width - 90.0)).labelled_by(label.id);
            if ui.add_enabled(!self.new_name.trim().is_empty(), egui::Button::new("Add")).clicked() {
                change = Some(NameChange::Add(std::mem::take(&mut self.new_name)));
            }
        });
        change
    }
}

/// The problems found with one field of a form, in red under it.
pub(crate) fn field_problems_ui(ui: &mut Ui, problems: &[crate::model::FieldProblem], field: &str) {
    for p in problems.iter().filter(|p| p.field == field) {
        ui.colored_label(crate::ui::theme::ERROR_RED, &p.message);
    }
}

/// A form's row in a two-column grid: the label, then the text field (labelled by it, for
/// screen readers and tests) with its problems underneath.
pub(crate) fn form_text_row(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    lines: usize,
    width: f32,
    problems: &[crate::model::FieldProblem],
    field: &str,
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
pub(crate) fn optional_choice_ui<'a, T: PartialEq + Copy>(
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
    combo
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, none);
            for (option, name) in options {
                ui.selectable_value(value, Some(option), name);
            }
        })
        .response
        .labelled_by(label);
}

/// A tick box for each of `options`; `chosen` holds the ticked ones.
pub(crate) fn ticks_ui<'a, T: PartialEq + Copy>(
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
