//! The application shell: owns the open document, the panels and the modals, and carries out the
//! commands that menus, shortcuts, modals and panels return, after the frame.
//!
//! Where things are: [`document`] (the file and its undo history), [`files`] (opening, Save As,
//! restore, imports and exports), [`menus`] (menu bar, shortcuts, navigation), [`status`] (status
//! bar, banner, title), [`modals`] (the app's own modal windows). Applying an edit to the file is
//! [`crate::edit::apply`], which the command line uses too.

mod document;
mod files;
mod menus;
mod modals;
mod sharing;
mod status;

use std::path::PathBuf;

use egui::Ui;

pub use document::{Document, SaveState, Step};
use modals::Modal;

use super::command::{Command, EditRequest, Needs, PathPurpose, UiCommand};
use super::dialogs::FileDialogs;
use super::import::{AnyImportWindow, ImportOutcome};
use super::panels::Panels;
use super::prefs::{PanelKind, Prefs};
use super::theme;
use crate::paths::AppPaths;
use crate::store::{OpenMode, Store};

/// What the window opens on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    /// This file.
    File(PathBuf),
    /// The file open when the program last closed; on the first run, the demo programme.
    LastOrDemo,
    /// The welcome screen.
    Welcome,
}

pub struct PlacementsApp {
    paths: AppPaths,
    dialogs: Box<dyn FileDialogs>,
    prefs: Prefs,
    doc: Option<Document>,
    panels: Panels,
    pending: Vec<Command>,
    modal: Option<Modal>,
    /// A short note for the status bar (e.g. where a backup went).
    notice: Option<String>,
    import: Option<Box<dyn AnyImportWindow>>,
    /// The file the program started with, while a worker opens it.
    opening: Option<files::Opening>,
    ctx: Option<egui::Context>,
    title: String,
}

impl PlacementsApp {
    pub fn new(paths: AppPaths, dialogs: Box<dyn FileDialogs>, prefs: Prefs) -> Self {
        let panels = Panels::new(prefs.last_panel);
        Self {
            paths,
            dialogs,
            prefs,
            doc: None,
            panels,
            pending: Vec::new(),
            modal: None,
            notice: None,
            import: None,
            opening: None,
            ctx: None,
            title: String::new(),
        }
    }

    /// Opens what the window should start on.
    pub fn start(&mut self, start: Start) {
        match start {
            Start::File(path) => self.open_path(&path, OpenMode::Edit),
            Start::Welcome => {}
            Start::LastOrDemo => {
                if let Some(last) = self.prefs.open_at_exit.clone() {
                    self.open_path(&last, OpenMode::Edit);
                } else if !self.prefs.has_run_before {
                    self.open_demo();
                }
            }
        }
        self.prefs.has_run_before = true;
    }

    // Read access for tests and benchmarks.

    pub fn store(&self) -> Option<&Store> {
        self.doc.as_ref().map(|d| &d.store)
    }

    pub fn document(&self) -> Option<&Document> {
        self.doc.as_ref()
    }

    pub fn panel(&self) -> PanelKind {
        self.panels.current
    }

    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// The title and text of the message on screen, if any.
    pub fn message(&self) -> Option<(String, String)> {
        match &self.modal {
            Some(Modal::Message { title, body }) => Some((title.clone(), body.clone())),
            Some(Modal::InUse { body, .. }) => Some(("Already open".to_owned(), body.clone())),
            _ => None,
        }
    }

    pub fn undo_labels(&self) -> Vec<String> {
        self.doc.as_ref().map(Document::undo_labels).unwrap_or_default()
    }

    /// Queues a command as if a menu had given it.
    pub fn queue(&mut self, command: Command) {
        self.pending.push(command);
    }

    fn show_message(&mut self, title: impl Into<String>, body: impl Into<String>) {
        self.modal = Some(Modal::Message { title: title.into(), body: body.into() });
    }

    fn is_enabled(&self, command: UiCommand) -> bool {
        let writable = self.doc.as_ref().is_some_and(|d| d.store.is_writable());
        match command.needs() {
            Needs::Nothing => true,
            Needs::OpenDocument => self.doc.is_some(),
            Needs::WritableDocument => {
                writable
                    && match command {
                        UiCommand::Undo => self.doc.as_ref().is_some_and(|d| d.can(Step::Undo)),
                        UiCommand::Redo => self.doc.as_ref().is_some_and(|d| d.can(Step::Redo)),
                        _ => true,
                    }
            }
        }
    }

    fn run_cmd(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Ui(ui_command) => self.run_ui_command(ctx, ui_command),
            Command::Open(path, mode) => self.open_path(&path, mode),
            Command::PathChosen(purpose, path) => self.path_chosen(purpose, path),
            Command::RestoreChosen(backup) => self.restore_chosen(backup),
            Command::Restore(backup) => self.restore(backup),
            Command::DeleteBackupsBefore(document, before) => self.delete_backups_before(&document, before),
            Command::AskPath(purpose) => self.ask_path(purpose),
            Command::TakeChanges(changes, choices) => self.take_changes(&changes, choices),
            Command::Edit(edit) => self.apply_edit(*edit),
            Command::StartImport => {
                if let (Some(window), Some(doc)) = (&mut self.import, &mut self.doc) {
                    window.start(&mut doc.store, ctx);
                }
            }
            Command::ImportFinished(change) => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.record(*change);
                    self.panels.document_reloaded();
                }
            }
            Command::NewOffer(group) => {
                self.show_panel(PanelKind::Offers);
                if let Some(doc) = &self.doc
                    && let Err(e) = self.panels.new_offer(&doc.store, group)
                {
                    self.show_message("Could not start a new offer", e.to_string());
                }
            }
            Command::ShowOffer(offer) => {
                self.show_panel(PanelKind::Offers);
                self.panels.show_offer(offer);
            }
            Command::ImportRoster(cohort) => {
                self.ask_path(PathPurpose::Import(super::command::ImportWhat::Participants(cohort)))
            }
            Command::SavePdf(finished) => self.ask_path(PathPurpose::SavePdf(finished)),
            Command::SaveFile(finished) => self.ask_path(PathPurpose::SaveFile(finished)),
            Command::Print(finished) => self.print_pdf(&finished),
            Command::ExportReport(cohort) => self.ask_path(PathPurpose::ExportReport(cohort)),
            Command::RecordOutcome(placement) => {
                self.panels.record_outcome(placement);
                self.prefs.last_panel = PanelKind::Outcomes;
            }
        }
    }

    fn run_ui_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        use super::command::ImportWhat;
        if !self.is_enabled(command) {
            return;
        }
        match command {
            UiCommand::New => self.ask_path(PathPurpose::New),
            UiCommand::Open => self.ask_path(PathPurpose::Open),
            UiCommand::SaveAs => self.ask_path(PathPurpose::SaveAs),
            UiCommand::Close => self.close_document(),
            UiCommand::RestoreBackup => self.open_restore_list(),
            UiCommand::CopyForColleague => self.open_copy_for_colleague(),
            UiCommand::SendChanges => self.open_send_changes(),
            UiCommand::TakeChanges => self.ask_path(PathPurpose::TakeChanges),
            UiCommand::ImportGroups => self.ask_path(PathPurpose::Import(ImportWhat::Groups)),
            UiCommand::ImportOffers => self.ask_path(PathPurpose::Import(ImportWhat::Offers)),
            UiCommand::ImportFeedback => self.ask_path(PathPurpose::Import(ImportWhat::Feedback)),
            UiCommand::ExportGroups => self.ask_path(PathPurpose::Export),
            UiCommand::ExportCalendars => self.ask_path(PathPurpose::ExportCalendars),
            UiCommand::ExportMailMergeParticipants => {
                self.ask_path(PathPurpose::ExportMailMerge(crate::exchange::mail_merge::MergeFor::Participants))
            }
            UiCommand::ExportMailMergeGroups => {
                self.ask_path(PathPurpose::ExportMailMerge(crate::exchange::mail_merge::MergeFor::Groups))
            }
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::Undo => self.step(Step::Undo),
            UiCommand::Redo => self.step(Step::Redo),
            UiCommand::Find => self.panels.focus_search(),
            UiCommand::ShowDirectory
            | UiCommand::ShowOffers
            | UiCommand::ShowCohorts
            | UiCommand::ShowBoard
            | UiCommand::ShowDaySheets
            | UiCommand::ShowOutcomes => {
                if let Some(kind) = PanelKind::ALL.into_iter().find(|k| k.command() == command) {
                    self.show_panel(kind);
                }
            }
            UiCommand::OpenDemo => self.open_demo(),
            UiCommand::About => self.modal = Some(Modal::About),
        }
    }

    fn show_panel(&mut self, kind: PanelKind) {
        self.panels.current = kind;
        self.prefs.last_panel = kind;
    }

    fn apply_edit(&mut self, edit: EditRequest) {
        let Some(doc) = self.doc.as_mut() else { return };
        match crate::edit::apply(&mut doc.store, &edit) {
            Ok(applied) => {
                doc.record(applied.change);
                // The last edit's own words, or none: never an earlier edit's ("Placed 4
                // teams…" still showing after a Place anyway).
                self.notice = applied.notice;
                self.panels.edit_saved(&edit, applied.subject);
                if matches!(edit, EditRequest::People(crate::edit::PeopleEdit::RemovePersonalData { .. })) {
                    self.offer_to_forget_backups();
                }
            }
            Err(e) => {
                log::warn!("an edit was not saved: {e}");
                doc.save_state = SaveState::Failed(e.to_string());
                self.show_message("Your change was not saved", e.to_string());
            }
        }
    }

    fn step(&mut self, step: Step) {
        let Some(doc) = self.doc.as_mut() else { return };
        let label = doc.next_label(step).map(str::to_owned);
        match doc.step(step) {
            Ok(true) => {
                self.panels.document_reloaded();
                // Said in the status bar: "Undid: Move Team 4 to Tue 20 Apr".
                let done = match step {
                    Step::Undo => "Undid",
                    Step::Redo => "Redid",
                };
                self.notice = label.map(|label| format!("{done}: {label}"));
            }
            Ok(false) => {}
            Err(e) => {
                let title = match step {
                    Step::Undo => "Could not undo",
                    Step::Redo => "Could not redo",
                };
                self.show_message(title, e.to_string());
            }
        }
    }

    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.as_mut() else { return };
        let outcome = modal.ui(ctx);
        if !outcome.keep {
            self.modal = None;
        }
        self.pending.extend(outcome.commands);
    }

    fn import_ui(&mut self, ctx: &egui::Context) {
        let (Some(window), Some(doc)) = (&mut self.import, &mut self.doc) else {
            self.import = None;
            return;
        };
        match window.ui(ctx, &doc.store) {
            ImportOutcome::Open => {}
            ImportOutcome::Closed => self.import = None,
            ImportOutcome::Start => self.pending.push(Command::StartImport),
            ImportOutcome::Imported(change) => self.pending.push(Command::ImportFinished(Box::new(change))),
        }
    }

    /// Draws one frame of the whole window, then carries out what it asked for.
    pub fn shell_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.ctx = Some(ctx.clone());
        self.poll_opening();
        if self.import.as_ref().is_some_and(|w| w.is_running()) && ctx.input(|i| i.viewport().close_requested()) {
            // Quitting mid-import would lose nothing (the import is one transaction), but it
            // would throw the import away: say so and stay open.
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.notice = Some("An import is running: cancel it or let it finish before quitting.".to_owned());
        }
        self.shortcuts(&ctx);
        crate::ui::widgets::follow_keyboard_focus(&ctx);
        egui::Panel::top("menu_bar").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::bottom("status_bar")
            .frame(egui::Frame::new().fill(theme::PALE_GREY).inner_margin(egui::Margin::symmetric(10, 5)))
            .show(ui, |ui| self.status_bar_ui(ui));
        if self.doc.is_some() {
            egui::Panel::left("navigation")
                .exact_size(150.0)
                .frame(egui::Frame::new().fill(theme::PALE_GREY).inner_margin(8.0))
                .show(ui, |ui| self.navigation_ui(ui));
        }
        egui::CentralPanel::default().frame(egui::Frame::new().fill(egui::Color32::WHITE).inner_margin(12.0)).show(
            ui,
            |ui| match &self.doc {
                Some(doc) => {
                    Self::read_only_banner_ui(ui, doc.store.access());
                    let commands = self.panels.ui(ui, doc);
                    self.pending.extend(commands);
                }
                None if self.opening.is_some() => {
                    let name = self.opening.as_ref().map(|o| crate::store::display_name(&o.path)).unwrap_or_default();
                    ui.add_space(40.0);
                    ui.vertical_centered(|ui| {
                        ui.spinner();
                        ui.heading(format!("Opening “{name}”…"));
                        ui.weak("Checking the file and keeping a backup copy of it first.");
                    });
                }
                None => {
                    let commands = super::welcome::welcome_ui(ui, &self.prefs.recent_files);
                    self.pending.extend(commands);
                }
            },
        );
        self.modal_ui(&ctx);
        self.import_ui(&ctx);
        crate::ui::widgets::paint_focus_ring(&ctx);
        for command in std::mem::take(&mut self.pending) {
            self.run_cmd(&ctx, command);
        }
        self.update_title(&ctx);
    }
}

/// Once, when the screen's size is first known: a window larger than the screen (a size kept
/// from a bigger monitor, or the default on a 1366×768 laptop) is made to fit it, so that nothing
/// is off the screen; a first window much smaller than the screen grows to fill most of it.
fn fit_to_screen(ctx: &egui::Context) {
    let id = egui::Id::unique("fitted_to_screen");
    if ctx.data(|d| d.get_temp::<bool>(id)).is_some() {
        return;
    }
    let (monitor, inner) = ctx.input(|i| (i.viewport().monitor_size, i.viewport().inner_rect));
    let (Some(monitor), Some(inner)) = (monitor, inner) else { return };
    ctx.data_mut(|d| d.insert_temp(id, true));
    // Room for a title bar and a taskbar.
    let room = egui::vec2(monitor.x, (monitor.y - 70.0).max(400.0));
    let size = inner.size();
    if size.x > room.x || size.y > room.y {
        ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size.min(room)));
        ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::pos2(0.0, 0.0)));
    } else if size.x < room.x * 0.8 && size.y < room.y * 0.8 {
        ctx.send_viewport_cmd(egui::ViewportCommand::Maximized(true));
    }
}

impl eframe::App for PlacementsApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        fit_to_screen(ui.ctx());
        self.shell_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Prefs::STORAGE_KEY, &self.prefs);
    }
}
