//! Every command the user can give, with its words and its keyboard shortcut in one place, so
//! that menus and shortcuts cannot disagree.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::{
    CategoryId, CohortId, GroupId, NeighbourhoodId, OfferId, ParticipantId, PlacementId, PracticeId, TeamId,
};
use crate::store::{CohortEdit, GroupEdit, OfferEdit, Overwrite, ParticipantEdit, PeopleList, ProposedTeam};

/// A command with a menu entry and perhaps a shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    New,
    Open,
    SaveAs,
    Close,
    RestoreBackup,
    ImportGroups,
    ImportOffers,
    ExportGroups,
    Quit,
    Undo,
    Redo,
    Find,
    ShowDirectory,
    ShowOffers,
    ShowCohorts,
    ShowBoard,
    ShowDaySheets,
    OpenDemo,
    About,
}

/// What a command needs before it can run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    Nothing,
    OpenDocument,
    WritableDocument,
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

impl UiCommand {
    /// Every command, the ones with more modifier keys first, so that Ctrl+Shift+Z is seen
    /// before Ctrl+Z takes it.
    pub const ALL: [Self; 19] = [
        Self::Redo,
        Self::SaveAs,
        Self::New,
        Self::Open,
        Self::Close,
        Self::RestoreBackup,
        Self::ImportGroups,
        Self::ImportOffers,
        Self::ExportGroups,
        Self::Quit,
        Self::Undo,
        Self::Find,
        Self::ShowDirectory,
        Self::ShowOffers,
        Self::ShowCohorts,
        Self::ShowBoard,
        Self::ShowDaySheets,
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
            Self::ImportGroups => "Import groups…",
            Self::ImportOffers => "Import offers…",
            Self::ExportGroups => "Export groups…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Find => "Find",
            Self::ShowDirectory => "Directory",
            Self::ShowOffers => "Offers",
            Self::ShowCohorts => "Cohorts",
            Self::ShowBoard => "Board",
            Self::ShowDaySheets => "Day sheets",
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
            Self::ImportGroups => "Add community groups from a CSV or Excel spreadsheet",
            Self::ImportOffers => "Add groups' activity offers from a CSV or Excel spreadsheet",
            Self::ExportGroups => "Save the directory as a CSV or Excel spreadsheet",
            Self::Quit => "Close Community Placements (everything is already saved)",
            Self::Undo => "Undo the last change",
            Self::Redo => "Make the undone change again",
            Self::Find => "Search in this panel",
            Self::ShowDirectory => "Community groups",
            Self::ShowOffers => "Activity offers from groups",
            Self::ShowCohorts => "Participants and their teams",
            Self::ShowBoard => "Which team goes where, on which day",
            Self::ShowDaySheets => "What each team needs on the day",
            Self::OpenDemo => "A made-up Fylde Coast programme to try things out on",
            Self::About => "Version and licence",
        }
    }

    /// The shortcuts; the first is the one menus show.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
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
            Self::RestoreBackup
            | Self::ImportGroups
            | Self::ImportOffers
            | Self::ExportGroups
            | Self::OpenDemo
            | Self::About => &[],
        }
    }

    pub fn needs(self) -> Needs {
        match self {
            Self::New | Self::Open | Self::RestoreBackup | Self::Quit | Self::OpenDemo | Self::About => Needs::Nothing,
            Self::SaveAs | Self::Close | Self::Find | Self::ExportGroups => Needs::OpenDocument,
            Self::ShowDirectory | Self::ShowOffers | Self::ShowCohorts | Self::ShowBoard | Self::ShowDaySheets => {
                Needs::OpenDocument
            }
            Self::Undo | Self::Redo | Self::ImportGroups | Self::ImportOffers => Needs::WritableDocument,
        }
    }

    /// A menu entry showing the label and shortcut; true when clicked.
    pub fn menu_item(self, ui: &mut egui::Ui, enabled: bool, label: Option<&str>) -> bool {
        let mut button = egui::Button::new(label.unwrap_or(self.label()));
        if let Some(shortcut) = self.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
        }
        ui.add_enabled(enabled, button).on_hover_text(self.tooltip()).clicked()
    }
}

/// What a panel or menu asks the app to do after the frame. Panels never change the document
/// while they draw.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Ui(UiCommand),
    OpenRecent(PathBuf),
    Edit(EditRequest),
    /// Open the Offers panel's editor on a new offer from this group.
    NewOffer(GroupId),
    /// Show this offer in the Offers panel.
    ShowOffer(OfferId),
    /// Import a roster from a spreadsheet into this cohort.
    ImportRoster(CohortId),
}

/// A change to the document; each is one undo step.
#[derive(Clone, Debug, PartialEq)]
pub enum EditRequest {
    UpdateGroup {
        id: GroupId,
        edit: GroupEdit,
    },
    AddGroup(GroupEdit),
    SetGroupArchived {
        id: GroupId,
        archived: bool,
    },
    /// Merge `remove` into `keep`, which takes the values in `merged`.
    MergeGroups {
        keep: GroupId,
        remove: GroupId,
        merged: GroupEdit,
    },
    AddNeighbourhood(String),
    RenameNeighbourhood(NeighbourhoodId, String),
    AddCategory(String),
    RenameCategory(CategoryId, String),
    SetPostcodeRule {
        district: String,
        neighbourhood: NeighbourhoodId,
    },
    RemovePostcodeRule(i64),
    /// Assign neighbourhoods from postcode districts: to groups without one, or to all.
    ApplyPostcodeRules {
        overwrite: Overwrite,
    },
    RemovePlacement(PlacementId),
    AddOffer(OfferEdit),
    UpdateOffer {
        id: OfferId,
        edit: OfferEdit,
    },
    DeleteOffer(OfferId),
    AddPractice(String),
    RenamePractice(PracticeId, String),
    AddCohort(CohortEdit),
    UpdateCohort {
        id: CohortId,
        edit: CohortEdit,
    },
    AddParticipant(ParticipantEdit),
    UpdateParticipant {
        id: ParticipantId,
        edit: ParticipantEdit,
    },
    DeleteParticipant(ParticipantId),
    /// Put a person in a team, or in none.
    MoveParticipant {
        id: ParticipantId,
        team: Option<TeamId>,
    },
    UpdateTeam {
        id: TeamId,
        name: String,
        locked: bool,
    },
    ApplyTeams {
        cohort: CohortId,
        teams: Vec<ProposedTeam>,
    },
    RemovePersonalData {
        cohort: CohortId,
        keep_names: bool,
    },
    AddToPeopleList(PeopleList, String),
    RenameInPeopleList(PeopleList, i64, String),
}

/// What an edit was about, so that the panel can show it once saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Nothing,
    Group(GroupId),
    Offer(OfferId),
    Cohort(CohortId),
    Participant(ParticipantId),
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
