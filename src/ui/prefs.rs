//! What the window remembers between runs (through eframe's storage). The document never goes here.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The panels of the navigation column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum PanelKind {
    #[default]
    Directory,
    Offers,
    Cohorts,
    Board,
    DaySheets,
    Outcomes,
}

impl PanelKind {
    pub const ALL: [Self; 6] =
        [Self::Directory, Self::Offers, Self::Cohorts, Self::Board, Self::DaySheets, Self::Outcomes];

    pub fn command(self) -> super::command::UiCommand {
        use super::command::UiCommand;
        match self {
            Self::Directory => UiCommand::ShowDirectory,
            Self::Offers => UiCommand::ShowOffers,
            Self::Cohorts => UiCommand::ShowCohorts,
            Self::Board => UiCommand::ShowBoard,
            Self::DaySheets => UiCommand::ShowDaySheets,
            Self::Outcomes => UiCommand::ShowOutcomes,
        }
    }

    pub fn label(self) -> &'static str {
        self.command().label()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
    pub last_panel: PanelKind,
    /// The file that was open when the program last closed, opened again at start.
    pub open_at_exit: Option<PathBuf>,
    /// False until the first run has made and opened the demo programme.
    pub has_run_before: bool,
}

impl Prefs {
    pub const STORAGE_KEY: &'static str = "placements_prefs";
    const MAX_RECENT: usize = 10;

    pub fn remember_file(&mut self, path: &Path) {
        self.recent_files.retain(|p| p != path);
        self.recent_files.insert(0, path.to_path_buf());
        self.recent_files.truncate(Self::MAX_RECENT);
    }
}
