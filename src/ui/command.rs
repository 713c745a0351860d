//! What the window adds to each command: its keyboard shortcuts and its menu entry (the words are
//! in [`crate::commands`]), and the [`Command`]s that menus, modals and panels return for the
//! app to carry out after the frame.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

pub use crate::commands::{Menu, Needs, UiCommand};
pub use crate::edit::{EditRequest, Subject};
use crate::model::{CohortId, GroupId, OfferId};
use crate::store::{BackupInfo, OpenMode};

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

/// The window's side of a command: shortcuts and the menu entry.
pub trait CommandUi {
    /// The shortcuts; the first is the one menus show.
    fn shortcuts(self) -> &'static [KeyboardShortcut];
    /// A menu entry showing the label (or `label`) and shortcut; true when clicked.
    fn menu_item(self, ui: &mut egui::Ui, enabled: bool, label: Option<&str>) -> bool;
}

impl CommandUi for UiCommand {
    fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const NEW: [KeyboardShortcut; 1] = [ctrl(Key::N)];
        const OPEN: [KeyboardShortcut; 1] = [ctrl(Key::O)];
        const SAVE_AS: [KeyboardShortcut; 1] = [ctrl_shift(Key::S)];
        const CLOSE: [KeyboardShortcut; 1] = [ctrl(Key::W)];
        const QUIT: [KeyboardShortcut; 1] = [ctrl(Key::Q)];
        const UNDO: [KeyboardShortcut; 1] = [ctrl(Key::Z)];
        const REDO: [KeyboardShortcut; 2] = [ctrl_shift(Key::Z), ctrl(Key::Y)];
        const FIND: [KeyboardShortcut; 1] = [ctrl(Key::F)];
        const P1: [KeyboardShortcut; 1] = [ctrl(Key::Num1)];
        const P2: [KeyboardShortcut; 1] = [ctrl(Key::Num2)];
        const P3: [KeyboardShortcut; 1] = [ctrl(Key::Num3)];
        const P4: [KeyboardShortcut; 1] = [ctrl(Key::Num4)];
        const P5: [KeyboardShortcut; 1] = [ctrl(Key::Num5)];
        const P6: [KeyboardShortcut; 1] = [ctrl(Key::Num6)];
        match self {
            Self::New => &NEW,
            Self::Open => &OPEN,
            Self::SaveAs => &SAVE_AS,
            Self::Close => &CLOSE,
            Self::Quit => &QUIT,
            Self::Undo => &UNDO,
            Self::Redo => &REDO,
            Self::Find => &FIND,
            Self::ShowDirectory => &P1,
            Self::ShowOffers => &P2,
            Self::ShowCohorts => &P3,
            Self::ShowBoard => &P4,
            Self::ShowDaySheets => &P5,
            Self::ShowOutcomes => &P6,
            Self::RestoreBackup
            | Self::CopyForColleague
            | Self::SendChanges
            | Self::TakeChanges
            | Self::ImportGroups
            | Self::ImportOffers
            | Self::ImportFeedback
            | Self::ExportGroups
            | Self::ExportCalendars
            | Self::ExportMailMergeParticipants
            | Self::ExportMailMergeGroups
            | Self::OpenDemo
            | Self::About => &[],
        }
    }

    fn menu_item(self, ui: &mut egui::Ui, enabled: bool, label: Option<&str>) -> bool {
        let mut button = egui::Button::new(label.unwrap_or(self.label()));
        if let Some(shortcut) = self.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
        }
        ui.add_enabled(enabled, button).on_hover_text(self.tooltip()).clicked()
    }
}

/// What a spreadsheet is imported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportWhat {
    Groups,
    Offers,
    Participants(CohortId),
    Feedback,
}

/// A finished document to save or print: its bytes and the file name to suggest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finished {
    /// "Day sheets for Friday 7 May 2027".
    pub title: String,
    pub file_name: String,
    pub bytes: std::sync::Arc<Vec<u8>>,
}

/// Why a file's path is being asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    New,
    SaveAs,
    /// Where to save a backup as a new file (no file is open).
    RestoreCopy(PathBuf),
    Import(ImportWhat),
    Export,
    /// Where to save a PDF made in the Day sheets panel.
    SavePdf(Finished),
    /// Where to save a table or a text made for someone outside (a mail merge, a form).
    SaveFile(Finished),
    /// A folder for the calendar files.
    ExportCalendars,
    /// Where to write a mail merge table.
    ExportMailMerge(crate::exchange::mail_merge::MergeFor),
    /// Where to write the report's figures (of a cohort, or all).
    ExportReport(Option<CohortId>),
    /// Where to write a copy for a colleague, and the names the two copies know each other by.
    CopyForColleague {
        colleague: String,
        me: String,
    },
    /// Where to write the changes for a colleague's copy (by its name).
    SendChanges {
        colleague: String,
    },
    /// A colleague's changes file to take in.
    TakeChanges,
}

/// What a panel, a menu or a modal asks the app to do after the frame. Nothing changes the
/// document while the window draws.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Ui(UiCommand),
    /// Open this file (a recent file; "Open read-only" when another copy has it).
    Open(PathBuf, OpenMode),
    /// A path was chosen in a file dialog, or typed where there is none.
    PathChosen(PathPurpose, PathBuf),
    /// A backup was chosen in the restore list: with a file open, ask first.
    RestoreChosen(BackupInfo),
    /// Replace the open file's contents with this backup (already confirmed), or save it as a
    /// new file when none is open.
    Restore(BackupInfo),
    /// Delete a file's backups taken before this moment (they hold personal data now removed).
    DeleteBackupsBefore(PathBuf, chrono::NaiveDateTime),
    /// Boxed: an edit carries a whole record, many times the size of every other command.
    Edit(Box<EditRequest>),
    /// Open the Offers panel's editor on a new offer from this group.
    NewOffer(GroupId),
    /// Show this offer in the Offers panel.
    ShowOffer(OfferId),
    /// Import a roster from a spreadsheet into this cohort.
    ImportRoster(CohortId),
    /// Ask where to save this PDF, and save it.
    SavePdf(Finished),
    /// Ask where to save this table or text (a mail merge, a form's questions), and save it.
    SaveFile(Finished),
    /// Open this PDF in the computer's viewer, to print it.
    Print(Finished),
    /// Ask where to save the report's figures, and save them.
    ExportReport(Option<CohortId>),
    /// Open the Outcomes panel's form for this placement.
    RecordOutcome(crate::model::PlacementId),
    /// Start the import the import window was asked for.
    StartImport,
    /// The import window's import finished: record its undo step.
    ImportFinished(Box<crate::store::ChangeSet>),
    /// Ask where to write a copy for a colleague (the names given).
    AskPath(PathPurpose),
    /// Take a colleague's changes in, each conflict decided (a backup first; one undo step).
    TakeChanges(
        Box<crate::model::sharing::Changes>,
        Vec<(crate::model::sharing::RowKey, crate::model::sharing::Choice)>,
    ),
}

impl Command {
    /// A change to the document.
    pub fn edit(edit: impl Into<EditRequest>) -> Self {
        Self::Edit(Box::new(edit.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = Vec::new();
        for command in UiCommand::ALL {
            for shortcut in command.shortcuts() {
                assert!(!seen.contains(shortcut), "{command:?} reuses a shortcut");
                seen.push(*shortcut);
            }
        }
    }

    #[test]
    fn a_shortcut_with_shift_is_checked_before_the_same_one_without() {
        let position = |c: UiCommand| UiCommand::ALL.iter().position(|x| *x == c).unwrap();
        assert!(position(UiCommand::Redo) < position(UiCommand::Undo));
        for command in UiCommand::ALL {
            assert_eq!(UiCommand::ALL.iter().filter(|c| **c == command).count(), 1);
        }
    }
}
