//! The window: an app shell (menus, navigation, status bar, modals) around one panel per part of
//! the programme. Panels draw and return [`command::Command`]s; the app applies them after the frame.

pub mod app;
pub mod command;
pub mod dialogs;
pub mod drawing;
pub mod import;
pub mod panels;
pub mod prefs;
pub mod theme;
mod welcome;
pub mod widgets;
pub mod worker;

use std::path::PathBuf;

pub use app::{PlacementsApp, Start};

/// The window's size when the program first opens: a 1366×768 laptop's screen less its title bar
/// and taskbar (a larger screen's window is maximised: `app::fit_to_screen`).
pub const DEFAULT_WINDOW_SIZE: [f32; 2] = [1366.0, 700.0];

/// Opens the window; returns when it is closed. Each way of drawing it is tried in turn
/// (`drawing`) until one opens it.
pub fn run_window(file: Option<PathBuf>) -> Result<(), drawing::WindowError> {
    let paths = crate::paths::AppPaths::from_environment();
    let chosen = std::env::var("PLACEMENTS_RENDERERS").ok();
    let mut failed: Vec<(&'static str, String)> = Vec::new();
    for way in drawing::ways_to_draw(chosen.as_deref()) {
        let start = match &file {
            Some(path) => Start::File(path.clone()),
            None => Start::LastOrDemo,
        };
        let mut options = eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default()
                .with_title("Community Placements")
                .with_app_id("placements")
                // A 1366×768 laptop, less its title bar and taskbar; a first window grows to
                // fill a larger screen (`app::fit_to_screen`).
                .with_inner_size(DEFAULT_WINDOW_SIZE)
                .with_maximized(true)
                .with_min_inner_size([760.0, 480.0]),
            persistence_path: Some(paths.data_dir.join("window.ron")),
            persist_window: true,
            ..Default::default()
        };
        way.apply(&mut options);
        let (paths, words) = (paths.clone(), drawing::fallback_words(way, &failed));
        let opened = eframe::run_native(
            "Community Placements",
            options,
            Box::new(move |cc| {
                if let Some(words) = words {
                    log::warn!("{words}");
                }
                let prefs =
                    cc.storage.and_then(|s| eframe::get_value(s, prefs::Prefs::STORAGE_KEY)).unwrap_or_default();
                let mut app = PlacementsApp::new(paths, Box::new(dialogs::NativeDialogs), prefs);
                theme::apply(&cc.egui_ctx);
                app.start_in_background(start, &cc.egui_ctx);
                Ok(Box::new(app))
            }),
        );
        match opened {
            Ok(()) => return Ok(()),
            Err(e) if drawing::Drawing::failed(&e) => failed.push((way.name, e.to_string())),
            Err(e) => return Err(drawing::WindowError::Window(e)),
        }
    }
    Err(drawing::WindowError::NoWayToDraw(failed))
}
