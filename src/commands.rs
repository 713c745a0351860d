//! Every command a person can give from the menus, with its words: the label, the tooltip, and
//! the menu it sits in. Messages anywhere that send someone to a command (a store error saying
//! "use File › Save As…", the import window saying "Edit › Undo takes it back") take its words
//! from here, so they can never disagree with the menus. The window adds the keyboard shortcuts
//! and the drawing (`ui::command`); nothing here knows about egui.

/// A command with a menu entry and perhaps a shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    New,
    Open,
    SaveAs,
    Close,
    RestoreBackup,
    CopyForColleague,
    SendChanges,
    TakeChanges,
    ImportGroups,
    ImportOffers,
    ImportFeedback,
    ExportGroups,
    ExportCalendars,
    ExportMailMergeParticipants,
    ExportMailMergeGroups,
    Quit,
    Undo,
    Redo,
    Find,
    ShowDirectory,
    ShowOffers,
    ShowCohorts,
    ShowBoard,
    ShowDaySheets,
    ShowOutcomes,
    OpenDemo,
    About,
}

/// The menus of the window's menu bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    View,
    Help,
}

impl Menu {
    pub fn label(self) -> &'static str {
        match self {
            Self::File => "File",
            Self::Edit => "Edit",
            Self::View => "View",
            Self::Help => "Help",
        }
    }
}

/// What a command needs before it can run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    Nothing,
    OpenDocument,
    WritableDocument,
}

impl UiCommand {
    /// Every command, the ones with more modifier keys first, so that Ctrl+Shift+Z is seen
    /// before Ctrl+Z takes it.
    pub const ALL: [Self; 27] = [
        Self::Redo,
        Self::SaveAs,
        Self::New,
        Self::Open,
        Self::Close,
        Self::RestoreBackup,
        Self::CopyForColleague,
        Self::SendChanges,
        Self::TakeChanges,
        Self::ImportGroups,
        Self::ImportOffers,
        Self::ImportFeedback,
        Self::ExportGroups,
        Self::ExportCalendars,
        Self::ExportMailMergeParticipants,
        Self::ExportMailMergeGroups,
        Self::Quit,
        Self::Undo,
        Self::Find,
        Self::ShowDirectory,
        Self::ShowOffers,
        Self::ShowCohorts,
        Self::ShowBoard,
        Self::ShowDaySheets,
        Self::ShowOutcomes,
        Self::OpenDemo,
        Self::About,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::New => "New…",
            Self::Open => "Open…",
            Self::SaveAs => "Save As…",
            Self::Close => "Close",
            Self::RestoreBackup => "Restore from backup…",
            Self::CopyForColleague => "Copy for a colleague…",
            Self::SendChanges => "Send my changes…",
            Self::TakeChanges => "Take in changes…",
            Self::ImportGroups => "Import groups…",
            Self::ImportOffers => "Import offers…",
            Self::ImportFeedback => "Import feedback…",
            Self::ExportGroups => "Export groups…",
            Self::ExportCalendars => "Export calendar files…",
            Self::ExportMailMergeParticipants => "Export mail merge for participants…",
            Self::ExportMailMergeGroups => "Export mail merge for host groups…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Find => "Find",
            Self::ShowDirectory => "Directory",
            Self::ShowOffers => "Offers",
            Self::ShowCohorts => "Cohorts",
            Self::ShowBoard => "Board",
            Self::ShowDaySheets => "Day sheets",
            Self::ShowOutcomes => "Outcomes",
            Self::OpenDemo => "Open the demo programme",
            Self::About => "About Community Placements",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Self::New => "Start a new, empty placement database file",
            Self::Open => "Open a placement database file",
            Self::SaveAs => "Save a copy under a new name and carry on working in the copy",
            Self::Close => "Close this file (everything is already saved)",
            Self::RestoreBackup => "Go back to a copy taken when a file was opened",
            Self::CopyForColleague => {
                "A copy a colleague can work on, on their own computer; each of you can later take in the other's changes"
            }
            Self::SendChanges => {
                "A small file, to email to your colleague, with what changed here since your two copies last agreed"
            }
            Self::TakeChanges => {
                "Bring your colleague's changes file into this programme, deciding anything you both changed"
            }
            Self::ImportGroups => "Add community groups from a CSV or Excel spreadsheet",
            Self::ImportOffers => "Add groups' activity offers from a CSV or Excel spreadsheet",
            Self::ImportFeedback => {
                "Add participants' feedback from an online form's export (Microsoft Forms, Google Forms)"
            }
            Self::ExportGroups => "Save the directory as a CSV or Excel spreadsheet",
            Self::ExportCalendars => {
                "A calendar file (.ics) for each team, participant and host group, with an event for each day out"
            }
            Self::ExportMailMergeParticipants => {
                "A spreadsheet for Word or Outlook mail merge: a row for each participant on each of their days"
            }
            Self::ExportMailMergeGroups => {
                "A spreadsheet for Word or Outlook mail merge: a row for each visit, for letters to the host groups"
            }
            Self::Quit => "Close Community Placements (everything is already saved)",
            Self::Undo => "Undo the last change",
            Self::Redo => "Make the undone change again",
            Self::Find => "Search in this panel",
            Self::ShowDirectory => "Community groups",
            Self::ShowOffers => "Activity offers from groups",
            Self::ShowCohorts => "Participants and their teams",
            Self::ShowBoard => "Which team goes where, on which day",
            Self::ShowDaySheets => "What each team needs on the day",
            Self::ShowOutcomes => "What happened on each day, and the programme's report",
            Self::OpenDemo => "A made-up Fylde Coast programme to try things out on",
            Self::About => "Version and licence",
        }
    }

    /// The menu the command sits in.
    pub fn menu(self) -> Menu {
        match self {
            Self::New
            | Self::Open
            | Self::SaveAs
            | Self::Close
            | Self::RestoreBackup
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
            | Self::Quit => Menu::File,
            Self::Undo | Self::Redo | Self::Find => Menu::Edit,
            Self::ShowDirectory
            | Self::ShowOffers
            | Self::ShowCohorts
            | Self::ShowBoard
            | Self::ShowDaySheets
            | Self::ShowOutcomes => Menu::View,
            Self::About => Menu::Help,
        }
    }

    /// Where to find it, as a message says it: `File › Save As…`.
    pub fn menu_path(self) -> String {
        format!("{} › {}", self.menu().label(), self.label())
    }

    pub fn needs(self) -> Needs {
        match self {
            Self::New | Self::Open | Self::RestoreBackup | Self::Quit | Self::OpenDemo | Self::About => Needs::Nothing,
            Self::SaveAs
            | Self::Close
            | Self::Find
            | Self::ExportGroups
            | Self::ExportCalendars
            | Self::ExportMailMergeParticipants
            | Self::ExportMailMergeGroups => Needs::OpenDocument,
            Self::ShowDirectory
            | Self::ShowOffers
            | Self::ShowCohorts
            | Self::ShowBoard
            | Self::ShowDaySheets
            | Self::ShowOutcomes => Needs::OpenDocument,
            Self::Undo
            | Self::Redo
            | Self::ImportGroups
            | Self::ImportOffers
            | Self::ImportFeedback
            | Self::CopyForColleague
            | Self::SendChanges
            | Self::TakeChanges => Needs::WritableDocument,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_is_named_by_its_menu_and_label() {
        assert_eq!(UiCommand::SaveAs.menu_path(), "File › Save As…");
        assert_eq!(UiCommand::Undo.menu_path(), "Edit › Undo");
        for command in UiCommand::ALL {
            assert_eq!(UiCommand::ALL.iter().filter(|c| **c == command).count(), 1);
        }
    }
}
