//! `open_file`: open a placement database in the app (checks, lock, backup copy) and draw the
//! first frames of the Directory panel (the first loads the list), headless, at 1,500 groups
//! and at `PLACEMENTS_BENCH_GROUPS` (100,000 unless it says otherwise).
//!
//! Prints `bench open_file groups=N open_ms=… first_frame_ms=… total_ms=… file_mb=…` per size
//! (the median of five runs), then the same opened on a worker as the window does it, with the
//! process's resident memory once the list is ready (`resident_mb`, read from /proc in a process
//! of its own that does nothing else). Run with `cargo bench --bench open_file`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::time::Instant;

use egui_kittest::Harness;
use placements::demo::{DemoOptions, write_demo};
use placements::paths::AppPaths;
use placements::ui::dialogs::ScriptedDialogs;
use placements::ui::prefs::Prefs;
use placements::ui::{PlacementsApp, Start};

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Opens `file` as the window does, on a worker, until the Directory has drawn its groups;
/// prints the resident memory then. Run in a process of its own.
fn measure_resident(file: &std::path::Path, data_dir: std::path::PathBuf) {
    let app = PlacementsApp::new(AppPaths { data_dir }, Box::new(ScriptedDialogs::default()), Prefs::default());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut PlacementsApp| app.shell_ui(ui), app);
    let ctx = harness.ctx.clone();
    harness.state_mut().start_in_background(Start::File(file.to_path_buf()), &ctx);
    while harness.state().store().is_none() {
        std::thread::sleep(std::time::Duration::from_millis(2));
        harness.step();
    }
    for _ in 0..3 {
        harness.step();
    }
    println!("resident_mb={:.0}", common::resident_mb().unwrap_or(0.0));
}

fn main() {
    if let (Some(file), Some(data)) =
        (std::env::var_os("OPEN_FILE_RESIDENT_OF"), std::env::var_os("OPEN_FILE_RESIDENT_DATA"))
    {
        return measure_resident(std::path::Path::new(&file), data.into());
    }
    let large = common::bench_groups();
    let dir = tempfile::tempdir().expect("temp dir");
    for groups in [1_500usize, large] {
        let file = dir.path().join(format!("bench-{groups}.placements"));
        write_demo(&file, &DemoOptions { groups, seed: 1, year: 2027 }).expect("demo written");
        let file_mb = std::fs::metadata(&file).map(|m| m.len() as f64 / 1_048_576.0).unwrap_or(0.0);
        let (mut opens, mut frames) = (Vec::new(), Vec::new());
        for run in 0..5 {
            let data_dir = dir.path().join(format!("data-{groups}-{run}"));
            let started = Instant::now();
            let mut app =
                PlacementsApp::new(AppPaths { data_dir }, Box::new(ScriptedDialogs::default()), Prefs::default());
            app.start(Start::File(file.clone()));
            assert!(app.store().is_some(), "the file did not open");
            let opened = started.elapsed();
            // Building the harness already runs the first frame; the step after it is the second.
            let frame_started = Instant::now();
            let mut harness = Harness::builder()
                .with_size(egui::vec2(1280.0, 800.0))
                .build_ui_state(|ui, app: &mut PlacementsApp| app.shell_ui(ui), app);
            harness.step();
            let frame = frame_started.elapsed();
            opens.push(opened.as_secs_f64() * 1000.0);
            frames.push(frame.as_secs_f64() * 1000.0);
        }
        let (open_ms, first_frame_ms) = (median(opens), median(frames));
        println!(
            "bench open_file groups={groups} open_ms={open_ms:.1} first_frame_ms={first_frame_ms:.1} total_ms={:.1} file_mb={file_mb:.1}",
            open_ms + first_frame_ms
        );
        // As the window does it: the file opened on a worker while the window draws. The first
        // frame is the window's; the list is ready when the Directory has drawn the file's groups.
        let (mut firsts, mut readies) = (Vec::new(), Vec::new());
        for run in 0..5 {
            let data_dir = dir.path().join(format!("data-bg-{groups}-{run}"));
            let started = Instant::now();
            let app = PlacementsApp::new(AppPaths { data_dir }, Box::new(ScriptedDialogs::default()), Prefs::default());
            let mut harness = Harness::builder()
                .with_size(egui::vec2(1280.0, 800.0))
                .build_ui_state(|ui, app: &mut PlacementsApp| app.shell_ui(ui), app);
            let ctx = harness.ctx.clone();
            harness.state_mut().start_in_background(Start::File(file.clone()), &ctx);
            harness.step();
            firsts.push(started.elapsed().as_secs_f64() * 1000.0);
            while harness.state().store().is_none() {
                std::thread::sleep(std::time::Duration::from_millis(2));
                harness.step();
            }
            harness.step();
            readies.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        let measured = std::process::Command::new(std::env::current_exe().expect("this bench"))
            .env("OPEN_FILE_RESIDENT_OF", &file)
            .env("OPEN_FILE_RESIDENT_DATA", dir.path().join(format!("data-resident-{groups}")))
            .output()
            .expect("measure in a process of its own");
        let resident = String::from_utf8_lossy(&measured.stdout)
            .lines()
            .find(|l| l.starts_with("resident_mb="))
            .unwrap_or("resident_mb=unmeasured")
            .to_owned();
        println!(
            "bench open_file groups={groups} in_background first_frame_ms={:.1} list_ready_ms={:.1} {resident}",
            median(firsts),
            median(readies)
        );
    }
}
