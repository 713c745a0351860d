//! Where the program keeps its own files: the demo programme and the backups.
//!
//! `PLACEMENTS_DATA_DIR` overrides the folder (tests use it so they never touch a real home).

use std::path::PathBuf;

/// The program's data folder, e.g. `~/.local/share/placements` on Linux.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("PLACEMENTS_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("", "", "placements")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("placements"))
}

/// The app's own folders, passed in so tests can point them somewhere harmless.
#[derive(Clone, Debug)]
pub struct AppPaths {
    pub data_dir: PathBuf,
}

impl AppPaths {
    pub fn from_environment() -> Self {
        Self { data_dir: data_dir() }
    }

    pub fn backups(&self) -> crate::store::Backups {
        crate::store::Backups::new(self.data_dir.join("backups"))
    }

    /// Where the demo programme for `year` lives.
    pub fn demo_file(&self, year: i32) -> PathBuf {
        self.data_dir.join(format!("Demo programme {year}.{}", crate::store::FILE_EXTENSION))
    }
}
