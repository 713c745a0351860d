//! The file's life in the window: opening (with its backup), New, Save As, Close, the demo,
//! Restore from backup, and the paths asked of file dialogs for imports and exports.

use std::path::{Path, PathBuf};

use super::PlacementsApp;
use super::document::Document;
use super::modals::Modal;
use crate::demo::{DemoOptions, next_programme_year, write_demo};
use crate::exchange::export::{SheetExport, SheetFormat};
use crate::exchange::files::write_atomically;
use crate::model::text::{capitalised, count_of};
use crate::store::{BackupInfo, OpenError, OpenMode, Store, display_name};
use crate::ui::command::{Finished, ImportWhat, PathPurpose};
use crate::ui::dialogs::DialogOutcome;
use crate::ui::import::{self, ImportWindow};
use crate::ui::worker::{Job, spawn};

/// `name` with the placement database's extension when it has none.
fn with_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_none() { path.with_extension(crate::store::FILE_EXTENSION) } else { path }
}

/// Keeps a backup copy of `store`; a note for the status bar if none could be made.
fn keep_backup(backups: &crate::store::Backups, store: &Store) -> Option<String> {
    backups.take(store).err().map(|e| format!("No backup copy could be made this time: {e}"))
}

/// What the worker hands over: the store, a note if no backup could be made, and the
/// directory's lists read ahead (the first thing the window shows of a large file).
type Opened = (Store, Option<String>, Option<crate::ui::panels::directory::DirectoryData>);

/// A file being opened on a worker (its checks and its backup copy), while the window draws.
pub(super) struct Opening {
    pub(super) path: PathBuf,
    job: Job<Result<Opened, OpenError>>,
}

impl PlacementsApp {
    /// Opens the file the program started with on a worker: the window draws from its first
    /// frame, saying what it is opening, and shows the file when its checks and its backup
    /// copy are done (a large file takes a second or two).
    pub fn start_in_background(&mut self, start: super::Start, ctx: &egui::Context) {
        let path = match start {
            super::Start::File(path) => path,
            super::Start::LastOrDemo if self.prefs.open_at_exit.is_some() => {
                let Some(path) = self.prefs.open_at_exit.clone() else { return };
                path
            }
            other => return self.start(other),
        };
        self.prefs.has_run_before = true;
        let backups = self.paths.backups();
        let worker_path = path.clone();
        let job = spawn(ctx, move || {
            use crate::ui::panels::directory::DirectoryData;
            let mut store = Store::open(&worker_path, OpenMode::Edit)?;
            // The directory's lists are read ahead (if that fails, the panel reads and reports it
            // itself) through a second handle, while this one takes the backup copy: on a large
            // file each takes about half a second.
            let (notice, directory) = match store.worker_handle() {
                Ok(reader) => std::thread::scope(|scope| {
                    let lists = scope.spawn(move || DirectoryData::load(&reader).ok());
                    let notice = keep_backup(&backups, &store);
                    (notice, lists.join().ok().flatten())
                }),
                Err(_) => (keep_backup(&backups, &store), DirectoryData::load(&store).ok()),
            };
            Ok((store, notice, directory))
        });
        self.opening = Some(Opening { path, job });
    }

    /// Takes the file opened on a worker once it is ready.
    pub(super) fn poll_opening(&mut self) {
        let Some(opening) = &self.opening else { return };
        let Some(outcome) = opening.job.poll() else { return };
        let path = opening.path.clone();
        self.opening = None;
        match outcome {
            // Another file was opened meanwhile: this one is let go (its lock with it).
            Ok(Ok(_)) if self.doc.is_some() => {}
            Ok(Ok((store, notice, directory))) => {
                self.adopt_with_backup_taken(store);
                self.notice = notice;
                if let (Some(data), Some(doc)) = (directory, &self.doc) {
                    self.panels.preload_directory(data, doc.revision);
                }
            }
            Ok(Err(e)) => self.open_failed(&path, e),
            Err(_fault) => self.show_message(
                format!("Could not open “{}”", display_name(&path)),
                "The file could not be opened because of a fault in the program. Nothing in it was changed.",
            ),
        }
    }

    pub(super) fn open_path(&mut self, path: &Path, mode: OpenMode) {
        match Store::open(path, mode) {
            Ok(store) => self.adopt(store),
            Err(e) => self.open_failed(path, e),
        }
    }

    fn open_failed(&mut self, path: &Path, error: OpenError) {
        match error {
            OpenError::InUse { holder } => {
                let body = OpenError::InUse { holder }.to_string();
                self.modal = Some(Modal::InUse { path: path.to_path_buf(), body });
            }
            e => {
                if self.prefs.open_at_exit.as_deref() == Some(path) {
                    self.prefs.open_at_exit = None;
                }
                log::warn!("refused to open a file: {e}");
                self.show_message(format!("Could not open “{}”", display_name(path)), e.to_string());
            }
        }
    }

    /// Makes `store` the open document, after taking a backup copy of it.
    pub(super) fn adopt(&mut self, store: Store) {
        self.notice = keep_backup(&self.paths.backups(), &store);
        self.adopt_with_backup_taken(store);
    }

    fn adopt_with_backup_taken(&mut self, store: Store) {
        let path = store.path().to_path_buf();
        self.prefs.remember_file(&path);
        self.prefs.open_at_exit = Some(path);
        self.doc = Some(Document::new(store));
        self.panels.document_changed();
    }

    pub(super) fn close_document(&mut self) {
        self.doc = None;
        self.prefs.open_at_exit = None;
        self.panels.document_changed();
    }

    pub(super) fn open_demo(&mut self) {
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

    /// A path was chosen (or typed) for `purpose`.
    pub(super) fn path_chosen(&mut self, purpose: PathPurpose, path: PathBuf) {
        match purpose {
            PathPurpose::Open => self.open_path(&path, OpenMode::Edit),
            PathPurpose::New => {
                let path = with_extension(path);
                match Store::create(&path) {
                    Ok(store) => self.adopt(store),
                    Err(e) => self.show_message(format!("Could not make “{}”", display_name(&path)), e.to_string()),
                }
            }
            PathPurpose::SaveAs => self.save_as(with_extension(path)),
            PathPurpose::Import(what) => self.open_import(what, path),
            PathPurpose::Export => self.export_groups(&path),
            PathPurpose::ExportCalendars => self.export_calendars(&path),
            PathPurpose::ExportMailMerge(merge_for) => self.export_mail_merge(&path, merge_for),
            PathPurpose::ExportReport(cohort) => self.export_report(&path, cohort),
            PathPurpose::SavePdf(finished) | PathPurpose::SaveFile(finished) => {
                let mut path = path;
                if path.extension().is_none() {
                    let made = Path::new(&finished.file_name).extension().and_then(|e| e.to_str()).unwrap_or("pdf");
                    path.set_extension(made);
                }
                match write_atomically(&path, &finished.bytes) {
                    Ok(()) => self.notice = Some(format!("Saved {}", path.display())),
                    Err(e) => self.show_message(format!("Could not save “{}”", display_name(&path)), e.to_string()),
                }
            }
            PathPurpose::CopyForColleague { colleague, me } => {
                self.copy_for_colleague(&with_extension(path), &colleague, &me);
            }
            PathPurpose::SendChanges { colleague } => {
                let path = if path.extension().is_none() {
                    path.with_extension(crate::exchange::changes_file::EXTENSION)
                } else {
                    path
                };
                self.send_changes(&path, &colleague);
            }
            PathPurpose::TakeChanges => self.plan_take(&path),
            PathPurpose::RestoreCopy(backup) => {
                let path = with_extension(path);
                match Store::restore_as(&backup, &path) {
                    Ok(store) => self.adopt(store),
                    Err(e) => self.show_message("Could not restore the backup", e.to_string()),
                }
            }
        }
    }

    fn save_as(&mut self, path: PathBuf) {
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

    fn open_import(&mut self, what: ImportWhat, path: PathBuf) {
        let (Some(ctx), Some(doc)) = (&self.ctx, &self.doc) else { return };
        let store = &doc.store;
        self.import = Some(match what {
            ImportWhat::Groups => Box::new(ImportWindow::new(import::Groups, path, store, ctx)),
            ImportWhat::Offers => Box::new(ImportWindow::new(import::Offers, path, store, ctx)),
            ImportWhat::Feedback => Box::new(ImportWindow::new(import::FeedbackResponses, path, store, ctx)),
            ImportWhat::Participants(cohort) => {
                Box::new(ImportWindow::new(import::Participants::Into(cohort), path, store, ctx))
            }
        });
    }

    /// Asks a file dialog (or, where there is none, the person) for a path for `purpose`.
    pub(super) fn ask_path(&mut self, purpose: PathPurpose) {
        let start = self.start_folder();
        let file_name = self.doc.as_ref().map(|d| d.store.file_name()).unwrap_or_default();
        let outcome = match &purpose {
            PathPurpose::Open => self.dialogs.pick_file_to_open(start.as_deref()),
            PathPurpose::New => {
                self.dialogs.pick_file_to_save("New placement database", "New programme.placements", start.as_deref())
            }
            PathPurpose::SaveAs => self.dialogs.pick_file_to_save("Save a copy as", &file_name, start.as_deref()),
            PathPurpose::RestoreCopy(_) => self.dialogs.pick_file_to_save(
                "Save the restored copy as",
                "Restored programme.placements",
                start.as_deref(),
            ),
            PathPurpose::Import(what) => {
                let title = match what {
                    ImportWhat::Groups => "Import groups from a spreadsheet or a directory feed",
                    ImportWhat::Offers => "Import offers from a spreadsheet",
                    ImportWhat::Participants(_) => "Import a roster from a spreadsheet",
                    ImportWhat::Feedback => "Import feedback from a form's spreadsheet",
                };
                self.dialogs.pick_spreadsheet(title, start.as_deref())
            }
            PathPurpose::SavePdf(finished) => {
                self.dialogs.pick_pdf_to_save("Save PDF", &finished.file_name, start.as_deref())
            }
            PathPurpose::SaveFile(finished) => self.dialogs.pick_export_file(
                &format!("Save {}", finished.title),
                &finished.file_name,
                start.as_deref(),
            ),
            PathPurpose::ExportCalendars => {
                self.dialogs.pick_folder("Choose a folder for the calendar files", start.as_deref())
            }
            PathPurpose::ExportReport(_) => {
                let stem = file_name.strip_suffix(".placements").unwrap_or(&file_name);
                self.dialogs.pick_export_file(
                    "Save the report's figures",
                    &format!("{stem} report.xlsx"),
                    start.as_deref(),
                )
            }
            PathPurpose::ExportMailMerge(merge_for) => {
                let stem = file_name.strip_suffix(".placements").unwrap_or(&file_name);
                self.dialogs.pick_export_file(
                    &format!("Export a mail merge for {}", merge_for.label()),
                    &format!("{stem} mail merge for {}.csv", merge_for.label()),
                    start.as_deref(),
                )
            }
            PathPurpose::Export => {
                let stem = file_name.strip_suffix(".placements").unwrap_or(&file_name);
                self.dialogs.pick_export_file("Export the directory", &format!("{stem} groups.csv"), start.as_deref())
            }
            PathPurpose::CopyForColleague { colleague, .. } => {
                let stem = file_name.strip_suffix(".placements").unwrap_or(&file_name);
                let suggested = crate::exchange::files::safe_file_name(&format!("{stem} ({colleague}).placements"));
                self.dialogs.pick_file_to_save(&format!("Save the copy for {colleague}"), &suggested, start.as_deref())
            }
            PathPurpose::SendChanges { colleague } => {
                let stem = file_name.strip_suffix(".placements").unwrap_or(&file_name);
                let suggested =
                    crate::exchange::files::safe_file_name(&format!("{stem} changes for {colleague}.changes"));
                self.dialogs.pick_changes_to_save(
                    &format!("Save the changes for {colleague}"),
                    &suggested,
                    start.as_deref(),
                )
            }
            PathPurpose::TakeChanges => {
                self.dialogs.pick_changes_to_open("Take in a colleague's changes", start.as_deref())
            }
        };
        match outcome {
            DialogOutcome::Chosen(path) => self.path_chosen(purpose, path),
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable => self.modal = Some(Modal::TypePath { purpose, text: String::new() }),
        }
    }

    /// Writes the PDF into the data folder's `printing` folder (emptied first: old copies with
    /// people's details do not pile up) and opens it in the computer's PDF viewer to print.
    pub(super) fn print_pdf(&mut self, finished: &Finished) {
        let folder = self.paths.data_dir.join("printing");
        if let Ok(entries) = std::fs::read_dir(&folder) {
            for entry in entries.flatten() {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        let path = folder.join(&finished.file_name);
        let written = std::fs::create_dir_all(&folder)
            .and_then(|()| write_atomically(&path, &finished.bytes))
            .map_err(|e| format!("The PDF could not be written for printing: {e}"));
        match written.and_then(|()| self.dialogs.open_with_viewer(&path)) {
            Ok(()) => self.notice = Some(format!("Opened {} in the PDF viewer to print", finished.title)),
            Err(e) => self.show_message(
                "Could not open the PDF to print",
                format!("{e} Use Save PDF… and print the file from the program you open it with."),
            ),
        }
    }

    fn export_calendars(&mut self, folder: &Path) {
        let Some(doc) = &self.doc else { return };
        match crate::exchange::export::export_calendars(&doc.store, None, folder) {
            Ok(written) => self.notice = Some(format!("Wrote {} in {}", written.sentence(), folder.display())),
            Err(e) => self.show_message("Could not export the calendar files", capitalised(&e.to_string())),
        }
    }

    /// A spreadsheet export, made as the command line makes it (`exchange::export`).
    fn export_sheet(&mut self, path: &Path, what: SheetExport, default: SheetFormat) {
        let Some(doc) = &self.doc else { return };
        let path = default.completing(path);
        match crate::exchange::export::export_sheet(&doc.store, what, &path) {
            Ok(rows) => {
                let said = match what {
                    SheetExport::Groups => format!("Exported {}", count_of(rows as u64, "group", "groups")),
                    SheetExport::MailMerge { merge_for, .. } => format!(
                        "Wrote a mail merge for {} ({})",
                        merge_for.label(),
                        count_of(rows as u64, "row", "rows")
                    ),
                    SheetExport::ReportFigures { .. } => "Saved the report's figures".to_owned(),
                };
                self.notice = Some(format!("{said} to {}", path.display()));
            }
            Err(e) => {
                self.show_message(format!("Could not export to “{}”", display_name(&path)), capitalised(&e.to_string()))
            }
        }
    }

    fn export_report(&mut self, path: &Path, cohort: Option<crate::model::CohortId>) {
        self.export_sheet(path, SheetExport::ReportFigures { cohort }, SheetFormat::Xlsx);
    }

    fn export_mail_merge(&mut self, path: &Path, merge_for: crate::exchange::mail_merge::MergeFor) {
        self.export_sheet(path, SheetExport::MailMerge { merge_for, cohort: None }, SheetFormat::Csv);
    }

    fn export_groups(&mut self, path: &Path) {
        self.export_sheet(path, SheetExport::Groups, SheetFormat::Csv);
    }

    pub(super) fn open_restore_list(&mut self) {
        let backups_store = self.paths.backups();
        let (backups, for_document) = match &self.doc {
            Some(doc) => (backups_store.of_document(doc.store.path()), Some(doc.store.file_name())),
            None => (backups_store.all(), None),
        };
        let here: u64 = backups.iter().map(|b| b.bytes).sum();
        let everywhere = backups_store.space();
        let space = format!(
            "{} {} {}; the backups of every file take {}. Old ones are thinned as new ones are taken: the newest five, then one a day for a week, then one a week for five weeks.",
            crate::model::text::count_of(backups.len() as u64, "backup", "backups"),
            if backups.len() == 1 { "takes" } else { "take" },
            crate::model::text::size_words(here),
            crate::model::text::size_words(everywhere),
        );
        self.modal = Some(Modal::Restore { backups, selected: 0, for_document, space });
    }

    /// After a cohort's personal data is removed: the file's older backups still hold it, so
    /// the user is asked whether to delete them.
    pub(super) fn offer_to_forget_backups(&mut self) {
        let Some(doc) = &self.doc else { return };
        let document = doc.store.path().to_path_buf();
        let before = chrono::Local::now().naive_local();
        let older: Vec<BackupInfo> =
            self.paths.backups().of_document(&document).into_iter().filter(|b| b.taken <= before).collect();
        if older.is_empty() {
            return;
        }
        let bytes = older.iter().map(|b| b.bytes).sum();
        self.modal = Some(Modal::ForgetBackups { document, before, count: older.len(), bytes });
    }

    /// Deletes a file's backups taken before `before`, then keeps a backup of it as it is now.
    pub(super) fn delete_backups_before(&mut self, document: &Path, before: chrono::NaiveDateTime) {
        let backups = self.paths.backups();
        match backups.delete_before(document, before + chrono::Duration::seconds(1)) {
            Ok((count, bytes)) => {
                self.notice = Some(format!(
                    "Deleted {} ({})",
                    crate::model::text::count_of(count as u64, "older backup", "older backups"),
                    crate::model::text::size_words(bytes)
                ));
                if let Some(doc) = &self.doc
                    && let Err(e) = backups.take(&doc.store)
                {
                    self.notice = Some(format!("Deleted the older backups, but no new one could be made: {e}"));
                }
            }
            Err(e) => self.show_message("Could not delete every older backup", e.to_string()),
        }
    }

    /// A backup was chosen: with a file open, ask before replacing it.
    pub(super) fn restore_chosen(&mut self, backup: BackupInfo) {
        if self.doc.is_some() {
            self.modal = Some(Modal::ConfirmRestore { backup });
        } else {
            self.restore(backup);
        }
    }

    pub(super) fn restore(&mut self, backup: BackupInfo) {
        let Some(doc) = self.doc.as_mut() else {
            self.ask_path(PathPurpose::RestoreCopy(backup.path));
            return;
        };
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
                doc.forget_history();
                doc.changed();
                self.panels.document_reloaded();
                self.notice = Some(format!("Restored the backup from {}", backup.taken.format("%a %-d %b %Y %H:%M")));
            }
            Err(e) => self.show_message("Could not restore the backup", format!("{e} Your file is as it was.")),
        }
    }
}
