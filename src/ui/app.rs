//! The application shell: owns the open document, the undo history, the panels and the modals,
//! and applies the commands that menus, shortcuts and panels return.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::command::{Command, EditRequest, Needs, Subject, UiCommand};
use super::dialogs::{DialogOutcome, FileDialogs};
use super::import::{self, AnyImportWindow, ImportOutcome, ImportWindow};
use super::panels::Panels;
use super::prefs::{PanelKind, Prefs};
use super::theme;
use crate::demo::{DemoOptions, next_programme_year, write_demo};
use crate::exchange::files::write_atomically;
use crate::exchange::group_export::{groups_csv, groups_xlsx};
use crate::model::Counts;
use crate::model::text::count_of;
use crate::paths::AppPaths;
use crate::store::{Access, BackupInfo, ChangeSet, OpenError, OpenMode, Store, display_name};

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

/// Whether the last edit reached the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Failed(String),
}

/// The open file and its history of changes.
pub struct Document {
    pub store: Store,
    undo: Vec<ChangeSet>,
    redo: Vec<ChangeSet>,
    pub save_state: SaveState,
    /// Goes up with every change, so panels know when to reload.
    pub revision: u64,
    pub counts: Counts,
}

impl Document {
    fn new(store: Store) -> Self {
        let counts = store.counts().unwrap_or_default();
        Self { store, undo: Vec::new(), redo: Vec::new(), save_state: SaveState::Saved, revision: 0, counts }
    }

    fn changed(&mut self) {
        self.revision += 1;
        self.save_state = SaveState::Saved;
        self.counts = self.store.counts().unwrap_or(self.counts);
    }
}

/// Why a path is being typed in (when the computer has no file chooser).
#[derive(Clone, Debug, PartialEq, Eq)]
enum PathPurpose {
    Open,
    New,
    SaveAs,
    RestoreCopy(PathBuf),
    Import(ImportWhat),
    Export,
}

/// What a spreadsheet is imported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ImportWhat {
    Groups,
    Offers,
    Participants(crate::model::CohortId),
}

enum Modal {
    Message { title: String, body: String },
    InUse { path: PathBuf, body: String },
    TypePath { purpose: PathPurpose, text: String },
    Restore { backups: Vec<BackupInfo>, selected: usize, for_document: Option<String> },
    ConfirmRestore { backup: BackupInfo },
    About,
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
        self.doc.as_ref().map(|d| d.undo.iter().map(|c| c.label.clone()).collect()).unwrap_or_default()
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
                        UiCommand::Undo => self.doc.as_ref().is_some_and(|d| !d.undo.is_empty()),
                        UiCommand::Redo => self.doc.as_ref().is_some_and(|d| !d.redo.is_empty()),
                        _ => true,
                    }
            }
        }
    }

    // ---------------------------------------------------------------- opening and closing

    fn open_path(&mut self, path: &Path, mode: OpenMode) {
        match Store::open(path, mode) {
            Ok(store) => self.adopt(store),
            Err(OpenError::InUse { holder }) => {
                let body = OpenError::InUse { holder }.to_string();
                self.modal = Some(Modal::InUse { path: path.to_path_buf(), body });
            }
            Err(e) => {
                if self.prefs.open_at_exit.as_deref() == Some(path) {
                    self.prefs.open_at_exit = None;
                }
                log::warn!("refused to open a file: {e}");
                self.show_message(format!("Could not open “{}”", display_name(path)), e.to_string());
            }
        }
    }

    /// Makes `store` the open document, after taking a backup copy of it.
    fn adopt(&mut self, store: Store) {
        self.notice = match self.paths.backups().take(&store) {
            Ok(_) => None,
            Err(e) => Some(format!("No backup copy could be made this time: {e}")),
        };
        let path = store.path().to_path_buf();
        self.prefs.remember_file(&path);
        self.prefs.open_at_exit = Some(path);
        self.doc = Some(Document::new(store));
        self.panels.document_changed();
    }

    fn close_document(&mut self) {
        self.doc = None;
        self.prefs.open_at_exit = None;
        self.panels.document_changed();
    }

    fn open_demo(&mut self) {
        let year = next_programme_year(chrono::Local::now().date_naive());
        let path = self.paths.demo_file(year);
        if !path.exists() {
            if let Err(e) = std::fs::create_dir_all(&self.paths.data_dir) {
                self.show_message(
                    "Could not make the demo programme",
                    format!("The folder {} could not be made: {e}.", self.paths.data_dir.display()),
                );
                return;
            }
            if let Err(e) = write_demo(&path, &DemoOptions::new(year)) {
                self.show_message("Could not make the demo programme", e.to_string());
                return;
            }
        }
        self.open_path(&path, OpenMode::Edit);
    }

    fn start_folder(&self) -> Option<PathBuf> {
        self.doc
            .as_ref()
            .and_then(|d| d.store.path().parent().map(Path::to_path_buf))
            .or_else(|| self.prefs.recent_files.first().and_then(|p| p.parent().map(Path::to_path_buf)))
    }

    fn with_extension(path: PathBuf) -> PathBuf {
        if path.extension().is_none() { path.with_extension(crate::store::FILE_EXTENSION) } else { path }
    }

    fn path_chosen(&mut self, purpose: PathPurpose, path: PathBuf) {
        match purpose {
            PathPurpose::Open => self.open_path(&path, OpenMode::Edit),
            PathPurpose::New => {
                let path = Self::with_extension(path);
                match Store::create(&path) {
                    Ok(store) => self.adopt(store),
                    Err(e) => self.show_message(format!("Could not make “{}”", display_name(&path)), e.to_string()),
                }
            }
            PathPurpose::SaveAs => {
                let path = Self::with_extension(path);
                let Some(doc) = self.doc.as_mut() else { return };
                let original = doc.store.file_name();
                match doc.store.save_as(&path) {
                    Ok(()) => {
                        self.prefs.remember_file(&path);
                        self.prefs.open_at_exit = Some(path.clone());
                        doc.revision += 1;
                        self.notice = Some(format!("Saved as {}", path.display()));
                    }
                    Err(e) => self.show_message(
                        format!("Could not save as “{}”", display_name(&path)),
                        format!("{e} Your file “{original}” is as it was, and you are still working in it."),
                    ),
                }
            }
            PathPurpose::Import(what) => {
                if let (Some(ctx), Some(doc)) = (&self.ctx, &self.doc) {
                    self.import = Some(match what {
                        ImportWhat::Groups => Box::new(ImportWindow::new(import::Groups, path, &doc.store, ctx)),
                        ImportWhat::Offers => Box::new(ImportWindow::new(import::Offers, path, &doc.store, ctx)),
                        ImportWhat::Participants(cohort) => {
                            Box::new(ImportWindow::new(import::Participants(cohort), path, &doc.store, ctx))
                        }
                    });
                }
            }
            PathPurpose::Export => self.export_groups(&path),
            PathPurpose::RestoreCopy(backup) => {
                let path = Self::with_extension(path);
                match Store::restore_as(&backup, &path) {
                    Ok(store) => self.adopt(store),
                    Err(e) => self.show_message("Could not restore the backup", e.to_string()),
                }
            }
        }
    }

    fn ask_path(&mut self, purpose: PathPurpose) {
        let start = self.start_folder();
        let outcome = match &purpose {
            PathPurpose::Open => self.dialogs.pick_file_to_open(start.as_deref()),
            PathPurpose::New => {
                self.dialogs.pick_file_to_save("New placement database", "New programme.placements", start.as_deref())
            }
            PathPurpose::SaveAs => {
                let name = self.doc.as_ref().map(|d| d.store.file_name()).unwrap_or_default();
                self.dialogs.pick_file_to_save("Save a copy as", &name, start.as_deref())
            }
            PathPurpose::RestoreCopy(_) => self.dialogs.pick_file_to_save(
                "Save the restored copy as",
                "Restored programme.placements",
                start.as_deref(),
            ),
            PathPurpose::Import(_) => self.dialogs.pick_spreadsheet(start.as_deref()),
            PathPurpose::Export => {
                let name = self.doc.as_ref().map(|d| d.store.file_name()).unwrap_or_default();
                let stem = name.strip_suffix(".placements").unwrap_or(&name).to_owned();
                self.dialogs.pick_export_file(&format!("{stem} groups.csv"), start.as_deref())
            }
        };
        match outcome {
            DialogOutcome::Chosen(path) => self.path_chosen(purpose, path),
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable => self.modal = Some(Modal::TypePath { purpose, text: String::new() }),
        }
    }

    // ---------------------------------------------------------------- commands

    fn run_cmd(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Ui(ui_command) => self.run_ui_command(ctx, ui_command),
            Command::OpenRecent(path) => self.open_path(&path, OpenMode::Edit),
            Command::Edit(edit) => self.apply_edit(edit),
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
            Command::ImportRoster(cohort) => self.ask_path(PathPurpose::Import(ImportWhat::Participants(cohort))),
        }
    }

    fn run_ui_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        if !self.is_enabled(command) {
            return;
        }
        match command {
            UiCommand::New => self.ask_path(PathPurpose::New),
            UiCommand::Open => self.ask_path(PathPurpose::Open),
            UiCommand::SaveAs => self.ask_path(PathPurpose::SaveAs),
            UiCommand::Close => self.close_document(),
            UiCommand::RestoreBackup => self.open_restore_list(),
            UiCommand::ImportGroups => self.ask_path(PathPurpose::Import(ImportWhat::Groups)),
            UiCommand::ImportOffers => self.ask_path(PathPurpose::Import(ImportWhat::Offers)),
            UiCommand::ExportGroups => self.ask_path(PathPurpose::Export),
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::Undo => self.undo_or_redo(true),
            UiCommand::Redo => self.undo_or_redo(false),
            UiCommand::Find => self.panels.focus_search(),
            UiCommand::ShowDirectory
            | UiCommand::ShowOffers
            | UiCommand::ShowCohorts
            | UiCommand::ShowBoard
            | UiCommand::ShowDaySheets => {
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
        let result = match &edit {
            EditRequest::UpdateGroup { id, edit } => {
                doc.store.update_group(*id, edit).map(|c| (c, Subject::Group(*id)))
            }
            EditRequest::AddGroup(edit) => doc.store.add_group(edit).map(|(id, c)| (c, Subject::Group(id))),
            EditRequest::SetGroupArchived { id, archived } => {
                doc.store.set_group_archived(*id, *archived).map(|c| (c, Subject::Group(*id)))
            }
            EditRequest::MergeGroups { keep, remove, merged } => {
                doc.store.merge_groups(*keep, *remove, merged).map(|c| (c, Subject::Group(*keep)))
            }
            EditRequest::RemovePlacement(id) => doc.store.remove_placement(*id).map(|c| (c, Subject::Nothing)),
            EditRequest::AddNeighbourhood(name) => doc.store.add_neighbourhood(name).map(|c| (c, Subject::Nothing)),
            EditRequest::RenameNeighbourhood(id, name) => {
                doc.store.rename_neighbourhood(*id, name).map(|c| (c, Subject::Nothing))
            }
            EditRequest::AddCategory(name) => doc.store.add_category(name).map(|c| (c, Subject::Nothing)),
            EditRequest::RenameCategory(id, name) => {
                doc.store.rename_category(*id, name).map(|c| (c, Subject::Nothing))
            }
            EditRequest::SetPostcodeRule { district, neighbourhood } => {
                doc.store.set_postcode_rule(district, *neighbourhood).map(|c| (c, Subject::Nothing))
            }
            EditRequest::RemovePostcodeRule(id) => doc.store.remove_postcode_rule(*id).map(|c| (c, Subject::Nothing)),
            EditRequest::ApplyPostcodeRules { overwrite } => {
                doc.store.apply_postcode_rules(*overwrite).map(|(n, c)| {
                    self.notice = Some(format!(
                        "Gave {} a neighbourhood from their postcodes",
                        count_of(n as u64, "group", "groups")
                    ));
                    (c, Subject::Nothing)
                })
            }
            EditRequest::AddOffer(edit) => doc.store.add_offer(edit).map(|(id, c)| (c, Subject::Offer(id))),
            EditRequest::UpdateOffer { id, edit } => {
                doc.store.update_offer(*id, edit).map(|c| (c, Subject::Offer(*id)))
            }
            EditRequest::DeleteOffer(id) => doc.store.delete_offer(*id).map(|c| (c, Subject::Nothing)),
            EditRequest::AddPractice(name) => doc.store.add_practice(name).map(|c| (c, Subject::Nothing)),
            EditRequest::RenamePractice(id, name) => {
                doc.store.rename_practice(*id, name).map(|c| (c, Subject::Nothing))
            }
            EditRequest::AddCohort(edit) => doc.store.add_cohort(edit).map(|(id, c)| (c, Subject::Cohort(id))),
            EditRequest::UpdateCohort { id, edit } => {
                doc.store.update_cohort(*id, edit).map(|c| (c, Subject::Cohort(*id)))
            }
            EditRequest::AddParticipant(edit) => {
                doc.store.add_participant(edit).map(|(id, c)| (c, Subject::Participant(id)))
            }
            EditRequest::UpdateParticipant { id, edit } => {
                doc.store.update_participant(*id, edit).map(|c| (c, Subject::Participant(*id)))
            }
            EditRequest::DeleteParticipant(id) => doc.store.delete_participant(*id).map(|c| (c, Subject::Nothing)),
            EditRequest::MoveParticipant { id, team } => {
                doc.store.move_participant(*id, *team).map(|c| (c, Subject::Nothing))
            }
            EditRequest::UpdateTeam { id, name, locked } => {
                doc.store.update_team(*id, name, *locked).map(|c| (c, Subject::Nothing))
            }
            EditRequest::ApplyTeams { cohort, teams } => {
                doc.store.apply_teams(*cohort, teams).map(|c| (c, Subject::Cohort(*cohort)))
            }
            EditRequest::RemovePersonalData { cohort, keep_names } => {
                doc.store.remove_personal_data(*cohort, *keep_names).map(|(removed, c)| {
                    self.notice = Some(format!(
                        "Removed the personal details of {}",
                        count_of(removed.participants as u64, "participant", "participants")
                    ));
                    (c, Subject::Cohort(*cohort))
                })
            }
            EditRequest::AddToPeopleList(list, name) => {
                doc.store.add_to_people_list(*list, name).map(|c| (c, Subject::Nothing))
            }
            EditRequest::RenameInPeopleList(list, id, name) => {
                doc.store.rename_in_people_list(*list, *id, name).map(|c| (c, Subject::Nothing))
            }
        };
        match result {
            Ok((change, subject)) => {
                if !change.is_empty() {
                    doc.undo.push(change);
                    doc.redo.clear();
                }
                doc.changed();
                self.panels.edit_saved(&edit, subject);
            }
            Err(e) => {
                log::warn!("an edit was not saved: {e}");
                doc.save_state = SaveState::Failed(e.to_string());
                self.show_message("Your change was not saved", e.to_string());
            }
        }
    }

    fn undo_or_redo(&mut self, undo: bool) {
        let Some(doc) = self.doc.as_mut() else { return };
        let (from, to) = if undo { (&mut doc.undo, &mut doc.redo) } else { (&mut doc.redo, &mut doc.undo) };
        let Some(change) = from.pop() else { return };
        let result = if undo { doc.store.undo(&change) } else { doc.store.redo(&change) };
        match result {
            Ok(()) => {
                to.push(change);
                doc.changed();
                self.panels.document_reloaded();
            }
            Err(e) => {
                // Keep the step: nothing changed in the file.
                from.push(change);
                self.show_message(if undo { "Could not undo" } else { "Could not redo" }, e.to_string());
            }
        }
    }

    fn export_groups(&mut self, path: &Path) {
        let Some(doc) = &self.doc else { return };
        let mut path = path.to_path_buf();
        if path.extension().is_none() {
            path.set_extension("csv");
        }
        let xlsx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        let written = doc.store.group_records().map_err(|e| e.to_string()).and_then(|records| {
            let bytes = if xlsx { groups_xlsx(&records) } else { groups_csv(&records) }?;
            write_atomically(&path, &bytes).map_err(|e| e.to_string())?;
            Ok(records.len())
        });
        match written {
            Ok(n) => {
                self.notice = Some(format!("Exported {} to {}", count_of(n as u64, "group", "groups"), path.display()))
            }
            Err(e) => self.show_message(format!("Could not export to “{}”", display_name(&path)), e),
        }
    }

    fn open_restore_list(&mut self) {
        let backups_store = self.paths.backups();
        let (backups, for_document) = match &self.doc {
            Some(doc) => (backups_store.of_document(doc.store.path()), Some(doc.store.file_name())),
            None => (backups_store.all(), None),
        };
        self.modal = Some(Modal::Restore { backups, selected: 0, for_document });
    }

    fn restore(&mut self, backup: BackupInfo) {
        match self.doc.as_mut() {
            Some(doc) => {
                // Keep today's state too, so that the restore itself can be taken back.
                if let Err(e) = self.paths.backups().take(&doc.store) {
                    self.show_message(
                        "Could not restore the backup",
                        format!("A copy of the file as it is now could not be kept first, so nothing was changed: {e}"),
                    );
                    return;
                }
                match doc.store.restore_from(&backup.path) {
                    Ok(()) => {
                        doc.undo.clear();
                        doc.redo.clear();
                        doc.changed();
                        self.panels.document_reloaded();
                        self.notice =
                            Some(format!("Restored the backup from {}", backup.taken.format("%a %-d %b %Y %H:%M")));
                    }
                    Err(e) => self.show_message("Could not restore the backup", format!("{e} Your file is as it was.")),
                }
            }
            None => self.ask_path(PathPurpose::RestoreCopy(backup.path)),
        }
    }

    // ---------------------------------------------------------------- drawing

    fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() || self.import.is_some() {
            return;
        }
        // Leave Ctrl+Z to a text field that has the keyboard: it undoes typing there. Any other
        // focused widget (a ticked checkbox, a clicked button) leaves it to the document.
        let typing = ctx.text_edit_focused();
        for command in UiCommand::ALL {
            if typing && matches!(command, UiCommand::Undo | UiCommand::Redo) {
                continue;
            }
            for shortcut in command.shortcuts() {
                if ctx.input_mut(|i| i.consume_shortcut(shortcut)) {
                    self.pending.push(Command::Ui(command));
                }
            }
        }
    }

    fn menu_bar_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for command in [UiCommand::New, UiCommand::Open] {
                    if command.menu_item(ui, true, None) {
                        self.pending.push(Command::Ui(command));
                    }
                }
                ui.menu_button("Open Recent", |ui| {
                    if self.prefs.recent_files.is_empty() {
                        ui.weak("No recent files");
                    }
                    for path in &self.prefs.recent_files {
                        if ui.button(display_name(path)).on_hover_text(path.display().to_string()).clicked() {
                            self.pending.push(Command::OpenRecent(path.clone()));
                        }
                    }
                });
                ui.separator();
                for command in [UiCommand::SaveAs, UiCommand::Close] {
                    if command.menu_item(ui, self.is_enabled(command), None) {
                        self.pending.push(Command::Ui(command));
                    }
                }
                ui.separator();
                for command in [UiCommand::ImportGroups, UiCommand::ImportOffers, UiCommand::ExportGroups] {
                    if command.menu_item(ui, self.is_enabled(command), None) {
                        self.pending.push(Command::Ui(command));
                    }
                }
                ui.separator();
                for command in [UiCommand::RestoreBackup, UiCommand::OpenDemo] {
                    if command.menu_item(ui, true, None) {
                        self.pending.push(Command::Ui(command));
                    }
                }
                ui.separator();
                if UiCommand::Quit.menu_item(ui, true, None) {
                    self.pending.push(Command::Ui(UiCommand::Quit));
                }
            });
            ui.menu_button("Edit", |ui| {
                let undo_label = self.doc.as_ref().and_then(|d| d.undo.last()).map(|c| format!("Undo {}", c.label));
                let redo_label = self.doc.as_ref().and_then(|d| d.redo.last()).map(|c| format!("Redo {}", c.label));
                if UiCommand::Undo.menu_item(ui, self.is_enabled(UiCommand::Undo), undo_label.as_deref()) {
                    self.pending.push(Command::Ui(UiCommand::Undo));
                }
                if UiCommand::Redo.menu_item(ui, self.is_enabled(UiCommand::Redo), redo_label.as_deref()) {
                    self.pending.push(Command::Ui(UiCommand::Redo));
                }
                ui.separator();
                if UiCommand::Find.menu_item(ui, self.is_enabled(UiCommand::Find), None) {
                    self.pending.push(Command::Ui(UiCommand::Find));
                }
            });
            ui.menu_button("View", |ui| {
                for kind in PanelKind::ALL {
                    if kind.command().menu_item(ui, self.doc.is_some(), None) {
                        self.pending.push(Command::Ui(kind.command()));
                    }
                }
            });
            ui.menu_button("Help", |ui| {
                if UiCommand::About.menu_item(ui, true, None) {
                    self.pending.push(Command::Ui(UiCommand::About));
                }
            });
        });
    }

    fn status_bar_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let Some(doc) = &self.doc else {
                ui.weak("No file open");
                return;
            };
            ui.label(RichText::new(doc.store.file_name()).strong())
                .on_hover_text(doc.store.path().display().to_string());
            ui.separator();
            match (&doc.save_state, doc.store.access()) {
                (SaveState::Failed(_), _) => {
                    ui.colored_label(theme::ERROR_RED, "Last change NOT saved");
                }
                (SaveState::Saved, Access::ReadOnly(_)) => {
                    ui.colored_label(theme::ERROR_RED, "Read-only");
                }
                (SaveState::Saved, Access::ReadWrite) => {
                    ui.colored_label(theme::OK_GREEN, "All changes saved");
                }
            }
            if let Some(notice) = &self.notice {
                ui.separator();
                ui.weak(notice);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let c = doc.counts;
                ui.weak(format!(
                    "{} · {} · {}",
                    count_of(c.groups, "group", "groups"),
                    count_of(c.offers, "offer", "offers"),
                    count_of(c.participants, "participant", "participants")
                ));
            });
        });
    }

    fn navigation_ui(&mut self, ui: &mut Ui) {
        ui.add_space(8.0);
        for kind in PanelKind::ALL {
            let selected = self.panels.current == kind;
            let text = RichText::new(kind.label()).size(16.0);
            let response = ui
                .add_sized([ui.available_width(), 34.0], egui::Button::selectable(selected, text))
                .on_hover_text(kind.command().tooltip());
            if response.clicked() {
                self.pending.push(Command::Ui(kind.command()));
            }
        }
    }

    fn read_only_banner_ui(ui: &mut Ui, access: Access) {
        let Access::ReadOnly(reason) = access else {
            return;
        };
        egui::Frame::new().fill(theme::WARM_YELLOW).inner_margin(8.0).corner_radius(4.0).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(format!(
                    "Read-only. {} Nothing can be changed here; to make changes, use File › Save As… to save a copy you can edit.",
                    reason.explanation()
                ))
                .color(egui::Color32::from_rgb(0x5A, 0x43, 0x00)),
            );
        });
        ui.add_space(6.0);
    }

    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.take() else {
            return;
        };
        let mut keep = true;
        let mut then: Option<Box<dyn FnOnce(&mut Self)>> = None;
        let id = egui::Id::unique("placements_modal");
        match modal {
            Modal::Message { ref title, ref body } => {
                egui::Modal::new(id).show(ctx, |ui| {
                    ui.set_max_width(460.0);
                    ui.heading(title);
                    ui.add_space(6.0);
                    ui.label(body);
                    ui.add_space(10.0);
                    if ui.button("OK").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape) || i.key_pressed(egui::Key::Enter))
                    {
                        keep = false;
                    }
                });
                if keep {
                    self.modal = Some(modal);
                }
            }
            Modal::InUse { path, body } => {
                egui::Modal::new(id).show(ctx, |ui| {
                    ui.set_max_width(460.0);
                    ui.heading(format!("“{}” is already open", display_name(&path)));
                    ui.add_space(6.0);
                    ui.label(&body);
                    ui.add_space(10.0);
                    ui.horizontal(|ui| {
                        if ui.button("Open read-only").clicked() {
                            keep = false;
                            let path = path.clone();
                            then = Some(Box::new(move |app: &mut Self| app.open_path(&path, OpenMode::ReadOnly)));
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                });
                if keep {
                    self.modal = Some(Modal::InUse { path, body });
                }
            }
            Modal::TypePath { purpose, mut text } => {
                egui::Modal::new(id).show(ctx, |ui| {
                    ui.set_max_width(520.0);
                    ui.heading("Type the file's full path");
                    ui.label("This computer has no file chooser (on Linux, install xdg-desktop-portal or zenity to get one).");
                    ui.add_space(6.0);
                    let label = ui.label("Path:");
                    let edit = ui.add(egui::TextEdit::singleline(&mut text).desired_width(480.0)).labelled_by(label.id);
                    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if !edit.has_focus() && !enter {
                        edit.request_focus();
                    }
                    ui.horizontal(|ui| {
                        let go = ui.button("OK").clicked() || enter;
                        if go && !text.trim().is_empty() {
                            keep = false;
                            let purpose = purpose.clone();
                            let path = PathBuf::from(text.trim());
                            then = Some(Box::new(move |app: &mut Self| app.path_chosen(purpose, path)));
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                });
                if keep {
                    self.modal = Some(Modal::TypePath { purpose, text });
                }
            }
            Modal::Restore { backups, mut selected, for_document } => {
                egui::Modal::new(id).show(ctx, |ui| {
                    ui.set_width(520.0);
                    ui.heading("Restore from backup");
                    match &for_document {
                        Some(name) => ui.label(format!(
                            "A copy of “{name}” is taken each time it is opened. Restoring one replaces what is in the file now; a copy of the file as it is now is kept first."
                        )),
                        None => ui.label("Copies are taken each time a file is opened. The one you choose is saved as a new file."),
                    };
                    ui.add_space(6.0);
                    if backups.is_empty() {
                        ui.weak("There are no backups yet.");
                    }
                    egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                        for (i, backup) in backups.iter().enumerate() {
                            let text = format!(
                                "{}  —  {}  ({} KB)",
                                backup.document,
                                backup.taken.format("%a %-d %b %Y, %H:%M:%S"),
                                backup.bytes / 1024
                            );
                            if ui.selectable_label(selected == i, text).clicked() {
                                selected = i;
                            }
                        }
                    });
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        let chosen = backups.get(selected).cloned();
                        if ui.add_enabled(chosen.is_some(), egui::Button::new("Restore…")).clicked()
                            && let Some(backup) = chosen
                        {
                            keep = false;
                            then = Some(Box::new(move |app: &mut Self| {
                                if app.doc.is_some() {
                                    app.modal = Some(Modal::ConfirmRestore { backup });
                                } else {
                                    app.restore(backup);
                                }
                            }));
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                });
                if keep {
                    self.modal = Some(Modal::Restore { backups, selected, for_document });
                }
            }
            Modal::ConfirmRestore { backup } => {
                egui::Modal::new(id).show(ctx, |ui| {
                    ui.set_max_width(460.0);
                    ui.heading("Replace the file with this backup?");
                    ui.label(format!(
                        "Everything in the file will go back to how it was on {}. A copy of the file as it is now is kept in the backups first. Undo history is cleared.",
                        backup.taken.format("%a %-d %b %Y at %H:%M")
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Replace with backup").clicked() {
                            keep = false;
                            let backup = backup.clone();
                            then = Some(Box::new(move |app: &mut Self| app.restore(backup)));
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                });
                if keep {
                    self.modal = Some(Modal::ConfirmRestore { backup });
                }
            }
            Modal::About => {
                egui::Modal::new(id).show(ctx, |ui| {
                    ui.set_max_width(420.0);
                    ui.heading("Community Placements");
                    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                    ui.label("Plan one-day leadership placements of NHS teams with local community groups.");
                    ui.label("Works offline: it never connects to the internet.");
                    ui.add_space(8.0);
                    if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                        keep = false;
                    }
                });
                if keep {
                    self.modal = Some(Modal::About);
                }
            }
        }
        if let Some(then) = then {
            then(self);
        }
    }

    fn import_ui(&mut self, ctx: &egui::Context) {
        let (Some(window), Some(doc)) = (&mut self.import, &mut self.doc) else {
            self.import = None;
            return;
        };
        match window.ui(ctx, &doc.store) {
            ImportOutcome::Open => {}
            ImportOutcome::Closed => self.import = None,
            ImportOutcome::Imported(change) => {
                if !change.is_empty() {
                    doc.undo.push(change);
                    doc.redo.clear();
                }
                doc.changed();
                self.panels.document_reloaded();
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.doc {
            Some(doc) if !doc.store.is_writable() => {
                format!("{} (read-only) — Community Placements", doc.store.file_name())
            }
            Some(doc) => format!("{} — Community Placements", doc.store.file_name()),
            None => "Community Placements".to_owned(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Draws one frame of the whole window, then applies what it asked for.
    pub fn shell_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.ctx = Some(ctx.clone());
        if self.import.as_ref().is_some_and(|w| w.is_running()) && ctx.input(|i| i.viewport().close_requested()) {
            // Quitting mid-import would lose nothing (the import is one transaction), but it
            // would throw the import away: say so and stay open.
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.notice = Some("An import is running: cancel it or let it finish before quitting.".to_owned());
        }
        self.shortcuts(&ctx);
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
                None => {
                    let commands = super::welcome::welcome_ui(ui, &self.prefs.recent_files);
                    self.pending.extend(commands);
                }
            },
        );
        self.modal_ui(&ctx);
        self.import_ui(&ctx);
        for command in std::mem::take(&mut self.pending) {
            self.run_cmd(&ctx, command);
        }
        self.update_title(&ctx);
    }
}

impl eframe::App for PlacementsApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.shell_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Prefs::STORAGE_KEY, &self.prefs);
    }
}
