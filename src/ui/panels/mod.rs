//! One panel per part of the programme. A panel holds only its own UI state, reads the
//! document, and returns [`Command`]s; it never changes the document itself. The larger panels
//! are folders with a file per view.

mod board;
mod cohorts;
mod day_sheets;
pub(crate) mod directory;
mod offers;
mod outcomes;

use egui::Ui;

use super::app::Document;
use super::command::{Command, EditRequest, Subject};
use super::prefs::PanelKind;
use crate::edit::{DirectoryEdit, OffersEdit};
use crate::model::{GroupId, OfferId};
use crate::store::{Store, StoreError};

pub struct Panels {
    pub current: PanelKind,
    directory: directory::DirectoryPanel,
    offers: offers::OffersPanel,
    cohorts: cohorts::CohortsPanel,
    board: board::BoardPanel,
    day_sheets: day_sheets::DaySheetsPanel,
    outcomes: outcomes::OutcomesPanel,
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
            outcomes: Default::default(),
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        match self.current {
            PanelKind::Directory => self.directory.ui(ui, doc),
            PanelKind::Offers => self.offers.ui(ui, doc),
            PanelKind::Cohorts => self.cohorts.ui(ui, doc),
            PanelKind::Board => self.board.ui(ui, doc),
            PanelKind::DaySheets => self.day_sheets.ui(ui, doc),
            PanelKind::Outcomes => self.outcomes.ui(ui, doc),
        }
    }

    /// Ctrl+F: the current panel's search box takes the keyboard.
    pub fn focus_search(&mut self) {
        match self.current {
            PanelKind::Directory => self.directory.focus_search = true,
            PanelKind::Offers => self.offers.focus_search = true,
            PanelKind::Cohorts => self.cohorts.focus_search = true,
            PanelKind::Board | PanelKind::DaySheets | PanelKind::Outcomes => {}
        }
    }

    /// Another file was opened (or the file closed): forget selections and cached rows.
    pub fn document_changed(&mut self) {
        let current = self.current;
        *self = Self::new(current);
    }

    /// The directory's lists, read ahead on the worker that opened the file.
    pub(crate) fn preload_directory(&mut self, data: directory::DirectoryData, revision: u64) {
        self.directory.preload(data, revision);
    }

    /// The same file changed under the panels (undo, redo, restore): drop open forms.
    pub fn document_reloaded(&mut self) {
        self.directory.pane.form = None;
        self.offers.pane.form = None;
        self.cohorts.document_reloaded();
        self.board.document_reloaded();
        self.outcomes.document_reloaded();
    }

    /// Shows the Outcomes panel's form for a placement.
    pub fn record_outcome(&mut self, placement: crate::model::PlacementId) {
        self.current = PanelKind::Outcomes;
        self.outcomes.record(placement);
    }

    /// An edit a panel asked for has been saved; `subject` is what it was about.
    pub fn edit_saved(&mut self, edit: &EditRequest, subject: Subject) {
        match (edit, subject) {
            (
                EditRequest::Directory(DirectoryEdit::UpdateGroup { .. } | DirectoryEdit::AddGroup(_)),
                Subject::Group(id),
            ) => {
                self.directory.pane.form = None;
                self.directory.select(id);
            }
            (EditRequest::Offers(OffersEdit::AddOffer(_) | OffersEdit::UpdateOffer { .. }), Subject::Offer(id)) => {
                self.offers.select(id);
            }
            (_, Subject::Cohort(id)) => self.cohorts.saved_cohort(id),
            (_, Subject::Placement(id)) => self.board.saved_placement(id),
            (_, Subject::Participant(id)) => self.cohorts.saved_participant(id),
            _ => {}
        }
    }

    /// Opens the Offers panel's editor on a new offer from `group`.
    pub fn new_offer(&mut self, store: &Store, group: GroupId) -> Result<(), StoreError> {
        self.offers.start_new(store, group)
    }

    /// Shows one offer in the Offers panel.
    pub fn show_offer(&mut self, offer: OfferId) {
        self.offers.select(offer);
    }
}

/// Rows cached for one revision of the document.
pub(crate) struct Cached<T> {
    revision: u64,
    pub(crate) value: T,
}

/// Loads `T` again when the document's revision has moved on; shows a load error in place.
pub(crate) fn cached<'a, T>(
    slot: &'a mut Option<Cached<T>>,
    doc: &Document,
    load: impl FnOnce() -> Result<T, StoreError>,
) -> Result<&'a T, String> {
    if slot.as_ref().is_none_or(|c| c.revision != doc.revision) {
        let value = load().map_err(|e| format!("This list could not be read from the file: {e}"))?;
        *slot = Some(Cached { revision: doc.revision, value });
    }
    slot.as_ref().map(|c| &c.value).ok_or_else(String::new)
}
