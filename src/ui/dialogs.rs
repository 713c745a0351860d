//! File dialogs behind a trait, so that tests never open a real one.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

/// What a file dialog gave back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogOutcome {
    Chosen(PathBuf),
    Cancelled,
    /// This computer has no file chooser; the app asks for a typed path instead.
    Unavailable,
}

pub trait FileDialogs {
    /// Choose an existing placement database.
    fn pick_file_to_open(&mut self, start_in: Option<&Path>) -> DialogOutcome;
    /// Choose where to write a file, with a suggested name.
    fn pick_file_to_save(&mut self, title: &str, suggested_name: &str, start_in: Option<&Path>) -> DialogOutcome;
    /// Choose a spreadsheet (CSV or XLSX) to import, under a title that says what it will hold.
    fn pick_spreadsheet(&mut self, title: &str, start_in: Option<&Path>) -> DialogOutcome;
    /// Choose where to write an export (CSV or XLSX), with a title and a suggested name.
    fn pick_export_file(&mut self, title: &str, suggested_name: &str, start_in: Option<&Path>) -> DialogOutcome;
    /// Choose where to write a PDF, with a suggested name.
    fn pick_pdf_to_save(&mut self, title: &str, suggested_name: &str, start_in: Option<&Path>) -> DialogOutcome;
    /// Choose a colleague's changes file (`.changes`) to take in.
    fn pick_changes_to_open(&mut self, title: &str, start_in: Option<&Path>) -> DialogOutcome;
    /// Choose where to write a changes file for a colleague, with a suggested name.
    fn pick_changes_to_save(&mut self, title: &str, suggested_name: &str, start_in: Option<&Path>) -> DialogOutcome;
    /// Choose a folder to write files into.
    fn pick_folder(&mut self, title: &str, start_in: Option<&Path>) -> DialogOutcome;
    /// Opens a file in the program the computer uses for it (a PDF viewer, to print); says why
    /// not if it cannot.
    fn open_with_viewer(&mut self, path: &Path) -> Result<(), String>;
}

/// The command that opens a file with the desktop's own program for it.
fn viewer_command(path: &Path) -> std::process::Command {
    if cfg!(target_os = "windows") {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]).arg(path);
        command
    } else if cfg!(target_os = "macos") {
        let mut command = std::process::Command::new("open");
        command.arg(path);
        command
    } else {
        let mut command = std::process::Command::new("xdg-open");
        command.arg(path);
        command
    }
}

/// The operating system's dialogs, through rfd (the XDG desktop portal or zenity on Linux).
#[derive(Default)]
pub struct NativeDialogs;

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// rfd returns nothing, silently, when Linux has neither a portal nor zenity: check first.
fn chooser_available() -> bool {
    if cfg!(target_os = "linux") {
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() || on_path("zenity")
    } else {
        true
    }
}

fn dialog(start_in: Option<&Path>) -> rfd::FileDialog {
    let mut dialog = rfd::FileDialog::new()
        .add_filter("Placement databases", &[crate::store::FILE_EXTENSION])
        .add_filter("All files", &["*"]);
    if let Some(dir) = start_in {
        dialog = dialog.set_directory(dir);
    }
    dialog
}

fn spreadsheet_dialog(start_in: Option<&Path>) -> rfd::FileDialog {
    let mut dialog = rfd::FileDialog::new()
        .add_filter("Spreadsheets and directory feeds (CSV, Excel, JSON)", &["csv", "xlsx", "xlsm", "txt", "json"])
        .add_filter("All files", &["*"]);
    if let Some(dir) = start_in {
        dialog = dialog.set_directory(dir);
    }
    dialog
}

fn changes_dialog(start_in: Option<&Path>) -> rfd::FileDialog {
    let mut dialog = rfd::FileDialog::new()
        .add_filter("Changes from a colleague's copy", &[crate::exchange::changes_file::EXTENSION])
        .add_filter("All files", &["*"]);
    if let Some(dir) = start_in {
        dialog = dialog.set_directory(dir);
    }
    dialog
}

impl FileDialogs for NativeDialogs {
    fn pick_changes_to_open(&mut self, title: &str, start_in: Option<&Path>) -> DialogOutcome {
        if !chooser_available() {
            return DialogOutcome::Unavailable;
        }
        changes_dialog(start_in).set_title(title).pick_file().map_or(DialogOutcome::Cancelled, DialogOutcome::Chosen)
    }

    fn pick_changes_to_save(&mut self, title: &str, suggested_name: &str, start_in: Option<&Path>) -> DialogOutcome {
        if !chooser_available() {
            return DialogOutcome::Unavailable;
        }
        changes_dialog(start_in)
            .set_title(title)
            .set_file_name(suggested_name)
            .save_file()
            .map_or(DialogOutcome::Cancelled, DialogOutcome::Chosen)
    }

    fn pick_spreadsheet(&mut self, title: &str, start_in: Option<&Path>) -> DialogOutcome {
        if !chooser_available() {
            return DialogOutcome::Unavailable;
        }
        spreadsheet_dialog(start_in)
            .set_title(title)
            .pick_file()
            .map_or(DialogOutcome::Cancelled, DialogOutcome::Chosen)
    }

    fn pick_export_file(&mut self, title: &str, suggested_name: &str, start_in: Option<&Path>) -> DialogOutcome {
        if !chooser_available() {
            return DialogOutcome::Unavailable;
        }
        spreadsheet_dialog(start_in)
            .set_title(title)
            .set_file_name(suggested_name)
            .save_file()
            .map_or(DialogOutcome::Cancelled, DialogOutcome::Chosen)
    }

    fn pick_pdf_to_save(&mut self, title: &str, suggested_name: &str, start_in: Option<&Path>) -> DialogOutcome {
        if !chooser_available() {
            return DialogOutcome::Unavailable;
        }
        let mut dialog = rfd::FileDialog::new().add_filter("PDF documents", &["pdf"]).set_title(title);
        if let Some(dir) = start_in {
            dialog = dialog.set_directory(dir);
        }
        dialog.set_file_name(suggested_name).save_file().map_or(DialogOutcome::Cancelled, DialogOutcome::Chosen)
    }

    fn pick_folder(&mut self, title: &str, start_in: Option<&Path>) -> DialogOutcome {
        if !chooser_available() {
            return DialogOutcome::Unavailable;
        }
        let mut dialog = rfd::FileDialog::new().set_title(title);
        if let Some(dir) = start_in {
            dialog = dialog.set_directory(dir);
        }
        dialog.pick_folder().map_or(DialogOutcome::Cancelled, DialogOutcome::Chosen)
    }

    fn open_with_viewer(&mut self, path: &Path) -> Result<(), String> {
        let mut command = viewer_command(path);
        command
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        match command.spawn() {
            Ok(_) => Ok(()),
            Err(_) => Err("This computer has no program set up to open PDF files.".to_owned()),
        }
    }

    fn pick_file_to_open(&mut self, start_in: Option<&Path>) -> DialogOutcome {
        if !chooser_available() {
            return DialogOutcome::Unavailable;
        }
        dialog(start_in)
            .set_title("Open a placement database")
            .pick_file()
            .map_or(DialogOutcome::Cancelled, DialogOutcome::Chosen)
    }

    fn pick_file_to_save(&mut self, title: &str, suggested_name: &str, start_in: Option<&Path>) -> DialogOutcome {
        if !chooser_available() {
            return DialogOutcome::Unavailable;
        }
        dialog(start_in)
            .set_title(title)
            .set_file_name(suggested_name)
            .save_file()
            .map_or(DialogOutcome::Cancelled, DialogOutcome::Chosen)
    }
}

/// Dialogs that answer from a script: for tests, and for driving the app without a desktop.
#[derive(Debug, Default)]
pub struct ScriptedDialogs {
    pub answers: VecDeque<DialogOutcome>,
    /// The titles of the dialogs asked for, in order ("Open" for the open dialog), shared so
    /// that a test keeps a handle on it after the app takes the dialogs.
    pub asked: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl ScriptedDialogs {
    pub fn new(answers: impl IntoIterator<Item = DialogOutcome>) -> Self {
        Self { answers: answers.into_iter().collect(), asked: Default::default() }
    }

    fn ask(&mut self, title: &str) -> DialogOutcome {
        if let Ok(mut asked) = self.asked.lock() {
            asked.push(title.to_owned());
        }
        self.answers.pop_front().unwrap_or(DialogOutcome::Cancelled)
    }
}

impl FileDialogs for ScriptedDialogs {
    fn pick_file_to_open(&mut self, _start_in: Option<&Path>) -> DialogOutcome {
        self.ask("Open")
    }

    fn pick_file_to_save(&mut self, title: &str, _suggested_name: &str, _start_in: Option<&Path>) -> DialogOutcome {
        self.ask(title)
    }

    fn pick_spreadsheet(&mut self, title: &str, _start_in: Option<&Path>) -> DialogOutcome {
        self.ask(title)
    }

    fn pick_export_file(&mut self, title: &str, _suggested_name: &str, _start_in: Option<&Path>) -> DialogOutcome {
        self.ask(title)
    }

    fn pick_pdf_to_save(&mut self, title: &str, _suggested_name: &str, _start_in: Option<&Path>) -> DialogOutcome {
        self.ask(title)
    }

    fn pick_folder(&mut self, title: &str, _start_in: Option<&Path>) -> DialogOutcome {
        self.ask(title)
    }

    fn pick_changes_to_open(&mut self, title: &str, _start_in: Option<&Path>) -> DialogOutcome {
        self.ask(title)
    }

    fn pick_changes_to_save(&mut self, title: &str, _suggested_name: &str, _start_in: Option<&Path>) -> DialogOutcome {
        self.ask(title)
    }

    fn open_with_viewer(&mut self, path: &Path) -> Result<(), String> {
        if let Ok(mut asked) = self.asked.lock() {
            asked.push(format!("View {}", path.display()));
        }
        Ok(())
    }
}
