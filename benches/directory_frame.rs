//! `directory_frame`: CPU time of one frame of the window on the Directory panel (layout and
//! tessellation, no GPU), while scrolling, and while scrolling with a search active, at 1,500
//! groups and at `PLACEMENTS_BENCH_GROUPS` (100,000 unless it says otherwise).
//!
//! Prints `bench directory_frame groups=N mode=scroll|search frames=… p50_ms=… p95_ms=…
//! resident_mb=…` (the whole process so far) and the large to small ratio of the p95s. Run with
//! `cargo bench --bench directory_frame`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::time::Instant;

use egui::{Event, Key, Modifiers, MouseWheelSource, MouseWheelUnit, Pos2, RawInput, Rect, TouchPhase, vec2};
use placements::demo::{DemoOptions, write_demo};
use placements::paths::AppPaths;
use placements::ui::dialogs::ScriptedDialogs;
use placements::ui::prefs::Prefs;
use placements::ui::{PlacementsApp, Start};

const FRAMES: usize = 300;

fn percentile(values: &[f64], p: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

struct Window {
    ctx: egui::Context,
    app: PlacementsApp,
    time: f64,
}

impl Window {
    fn frame(&mut self, events: Vec<Event>) -> f64 {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let started = Instant::now();
        let output = self.ctx.run_ui(input, |ui| self.app.shell_ui(ui));
        let _meshes = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        started.elapsed().as_secs_f64() * 1000.0
    }

    fn scroll(&mut self, frames: usize) -> Vec<f64> {
        (0..frames)
            .map(|i| {
                let delta = if (i / 100) % 2 == 0 { -40.0 } else { 40.0 };
                self.frame(vec![
                    Event::PointerMoved(Pos2::new(500.0, 450.0)),
                    Event::MouseWheel {
                        unit: MouseWheelUnit::Point,
                        delta: vec2(0.0, delta),
                        phase: TouchPhase::Move,
                        source: MouseWheelSource::Unknown,
                        modifiers: Modifiers::NONE,
                    },
                ])
            })
            .collect()
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut p95s = Vec::new();
    let large = common::bench_groups();
    for groups in [1_500usize, large] {
        let file = dir.path().join(format!("frame-{groups}.placements"));
        write_demo(&file, &DemoOptions { groups, seed: 3, year: 2027 }).expect("demo written");
        let mut app = PlacementsApp::new(
            AppPaths { data_dir: dir.path().join(format!("data-{groups}")) },
            Box::new(ScriptedDialogs::default()),
            Prefs::default(),
        );
        app.start(Start::File(file));
        let ctx = egui::Context::default();
        placements::ui::theme::apply(&ctx);
        let mut window = Window { ctx, app, time: 0.0 };
        for _ in 0..10 {
            window.frame(vec![Event::PointerMoved(Pos2::new(500.0, 450.0))]);
        }
        let scrolling = window.scroll(FRAMES);
        // Ctrl+F, then type a search, then scroll through what it found.
        window.frame(vec![Event::Key {
            key: Key::F,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::COMMAND,
        }]);
        window.frame(vec![Event::Text("group".to_owned())]);
        let searching = window.scroll(FRAMES);
        for (mode, times) in [("scroll", &scrolling), ("search", &searching)] {
            let p95 = percentile(times, 0.95);
            println!(
                "bench directory_frame groups={groups} mode={mode} frames={FRAMES} p50_ms={:.3} p95_ms={p95:.3} resident_mb={:.0}",
                percentile(times, 0.5),
                common::resident_mb().unwrap_or(0.0)
            );
            p95s.push((groups, mode, p95));
        }
    }
    for mode in ["scroll", "search"] {
        let small = p95s.iter().find(|(g, m, _)| *g == 1_500 && *m == mode).map_or(0.0, |x| x.2);
        let big = p95s.iter().find(|(g, m, _)| *g == large && *m == mode).map_or(0.0, |x| x.2);
        println!("bench directory_frame mode={mode} p95_ratio_{large}_to_1500={:.2}", big / small.max(1e-9));
    }
}
