//! The app's own modal windows: messages, a file open elsewhere, a typed path, the restore list
//! and its confirmation, About. Like the panels, they return [`Command`]s; the app carries them
//! out after the frame.

use std::path::PathBuf;

use egui::Ui;

use crate::store::{BackupInfo, OpenMode, display_name};
use crate::ui::command::{Command, PathPurpose};

pub(super) enum Modal {
    Message {
        title: String,
        body: String,
    },
    InUse {
        path: PathBuf,
        body: String,
    },
    TypePath {
        purpose: PathPurpose,
        text: String,
    },
    /// The backups to restore from, and the space they take, in words.
    Restore {
        backups: Vec<BackupInfo>,
        selected: usize,
        for_document: Option<String>,
        space: String,
    },
    ConfirmRestore {
        backup: BackupInfo,
    },
    /// After personal data was removed: the older backups of the file still hold it.
    ForgetBackups {
        document: PathBuf,
        before: chrono::NaiveDateTime,
        count: usize,
        bytes: u64,
    },
    About,
    /// A copy for a colleague, changes to send, changes to take in (`app::sharing`).
    Sharing(super::sharing::SharingModal),
}

/// What a modal asks for after a frame.
pub(super) struct ModalOutcome {
    /// False when the modal is done with.
    pub keep: bool,
    pub commands: Vec<Command>,
}

impl ModalOutcome {
    fn new() -> Self {
        Self { keep: true, commands: Vec::new() }
    }

    /// Closes the modal, then carries out `command`.
    pub(super) fn then(&mut self, command: Command) {
        self.keep = false;
        self.commands.push(command);
    }
}

/// OK and Cancel side by side; true for OK (a click, or Enter when `enter_is_ok`).
fn ok_cancel_ui(ui: &mut Ui, ok: &str, outcome: &mut ModalOutcome) -> bool {
    let mut chosen = false;
    ui.horizontal(|ui| {
        chosen = ui.button(ok).clicked();
        if ui.button("Cancel").clicked() {
            outcome.keep = false;
        }
    });
    chosen
}

impl Modal {
    /// Draws the modal for one frame.
    pub(super) fn ui(&mut self, ctx: &egui::Context) -> ModalOutcome {
        let mut outcome = ModalOutcome::new();
        crate::ui::widgets::dialog("placements_modal").show(ctx, |ui| match self {
            Self::Message { title, body } => message_ui(ui, title, body, &mut outcome),
            Self::Sharing(sharing) => sharing.ui(ui, &mut outcome),
            Self::InUse { path, body } => {
                ui.set_max_width(460.0);
                ui.heading(format!("“{}” is already open", display_name(path)));
                ui.add_space(6.0);
                ui.label(body.as_str());
                ui.add_space(10.0);
                if ok_cancel_ui(ui, "Open read-only", &mut outcome) {
                    outcome.then(Command::Open(path.clone(), OpenMode::ReadOnly));
                }
            }
            Self::TypePath { purpose, text } => type_path_ui(ui, purpose, text, &mut outcome),
            Self::Restore { backups, selected, for_document, space } => {
                restore_list_ui(ui, backups, selected, for_document.as_deref(), &mut outcome);
                ui.weak(space.as_str());
            }
            Self::ForgetBackups { document, before, count, bytes } => {
                ui.set_max_width(480.0);
                ui.heading("Delete the older backups too?");
                ui.label(format!(
                    "The personal details are gone from “{}”, but {} taken before now still {} them ({}). Delete {} now? A new backup of the file as it is now is kept.",
                    display_name(document),
                    crate::model::text::count_of(*count as u64, "backup", "backups"),
                    if *count == 1 { "holds" } else { "hold" },
                    crate::model::text::size_words(*bytes),
                    if *count == 1 { "it" } else { "them" },
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Delete the older backups").clicked() {
                        outcome.then(Command::DeleteBackupsBefore(document.clone(), *before));
                    }
                    if ui.button("Keep them").clicked() {
                        outcome.keep = false;
                    }
                });
            }
            Self::ConfirmRestore { backup } => {
                ui.set_max_width(460.0);
                ui.heading("Replace the file with this backup?");
                ui.label(format!(
                    "Everything in the file will go back to how it was on {}. A copy of the file as it is now is kept in the backups first. Undo history is cleared.",
                    backup.taken.format("%a %-d %b %Y at %H:%M")
                ));
                ui.add_space(8.0);
                if ok_cancel_ui(ui, "Replace with backup", &mut outcome) {
                    outcome.then(Command::Restore(backup.clone()));
                }
            }
            Self::About => {
                ui.set_max_width(420.0);
                ui.heading("Community Placements");
                ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                ui.label("Plan one-day leadership placements of NHS teams with local community groups.");
                ui.label("Works offline: it never connects to the internet.");
                ui.add_space(8.0);
                if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    outcome.keep = false;
                }
            }
        });
        outcome
    }
}

fn message_ui(ui: &mut Ui, title: &str, body: &str, outcome: &mut ModalOutcome) {
    ui.set_max_width(460.0);
    ui.heading(title);
    ui.add_space(6.0);
    ui.label(body);
    ui.add_space(10.0);
    if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape) || i.key_pressed(egui::Key::Enter)) {
        outcome.keep = false;
    }
}

fn type_path_ui(ui: &mut Ui, purpose: &PathPurpose, text: &mut String, outcome: &mut ModalOutcome) {
    ui.set_max_width(520.0);
    ui.heading("Type the file's full path");
    ui.label("This computer has no file chooser (on Linux, install xdg-desktop-portal or zenity to get one).");
    ui.add_space(6.0);
    let label = ui.label("Path:");
    let edit = ui.add(egui::TextEdit::singleline(text).desired_width(480.0)).labelled_by(label.id);
    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
    if !edit.has_focus() && !enter {
        edit.request_focus();
    }
    let ok = ok_cancel_ui(ui, "OK", outcome) || enter;
    if ok && !text.trim().is_empty() {
        outcome.then(Command::PathChosen(purpose.clone(), PathBuf::from(text.trim())));
    }
}

fn restore_list_ui(
    ui: &mut Ui,
    backups: &[BackupInfo],
    selected: &mut usize,
    for_document: Option<&str>,
    outcome: &mut ModalOutcome,
) {
    ui.set_width(520.0);
    ui.heading("Restore from backup");
    match for_document {
        Some(name) => ui.label(format!(
            "A copy of “{name}” is kept each time it is opened after a change. Restoring one replaces what is in the file now; a copy of the file as it is now is kept first."
        )),
        None => ui.label("A copy is kept each time a file is opened after a change. The one you choose is saved as a new file."),
    };
    ui.add_space(6.0);
    if backups.is_empty() {
        ui.weak("There are no backups yet.");
    }
    egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
        for (i, backup) in backups.iter().enumerate() {
            let text = format!(
                "{}  —  {}  ({})",
                backup.document,
                backup.taken.format("%a %-d %b %Y, %H:%M:%S"),
                crate::model::text::size_words(backup.bytes)
            );
            if ui.selectable_label(*selected == i, text).clicked() {
                *selected = i;
            }
        }
    });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let chosen = backups.get(*selected).cloned();
        if ui.add_enabled(chosen.is_some(), egui::Button::new("Restore…")).clicked()
            && let Some(backup) = chosen
        {
            outcome.then(Command::RestoreChosen(backup));
        }
        if ui.button("Cancel").clicked() {
            outcome.keep = false;
        }
    });
}
