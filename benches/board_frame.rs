//! `board_frame`: CPU time of one frame of the window on the Board (layout and tessellation, no
//! GPU) with 100 teams and 300 placements shown: at rest while scrolling the calendar, and while
//! a chip is dragged over the days (every visible cell coloured by what the drop would do).
//!
//! Prints `bench board_frame teams=100 placements=300 mode=rest|dragging frames=… p50_ms=…
//! p95_ms=…`. Run with `cargo bench --bench board_frame`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::time::Instant;

use chrono::NaiveDate;
use egui::{Event, Modifiers, MouseWheelSource, MouseWheelUnit, PointerButton, Pos2, RawInput, Rect, TouchPhase, vec2};
use placements::demo::{DemoOptions, write_demo};
use placements::model::{Cohort, CohortId, PlacementStatus};
use placements::paths::AppPaths;
use placements::store::{OpenMode, Store};
use placements::ui::dialogs::ScriptedDialogs;
use placements::ui::prefs::{PanelKind, Prefs};
use placements::ui::{PlacementsApp, Start};

const FRAMES: usize = 300;
const TEAMS: usize = 100;
const PLACEMENTS: usize = 300;

fn percentile(values: &[f64], p: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// A cohort of 100 teams of five, with 300 placements over April and May.
fn add_bench_cohort(file: &std::path::Path) {
    let mut store = Store::open(file, OpenMode::Edit).expect("open");
    let offers: Vec<_> = store.offer_summaries().expect("offers").into_iter().map(|o| o.id).collect();
    store
        .bulk_insert(|w| -> Result<(), placements::store::StoreError> {
            let cohort = w.cohort(&Cohort {
                id: CohortId(0),
                name: "Bench 2027".into(),
                first_day: NaiveDate::from_ymd_opt(2027, 4, 1),
                last_day: NaiveDate::from_ymd_opt(2027, 5, 31),
                default_team_size: 5,
                ..Default::default()
            })?;
            let mut teams = Vec::new();
            for t in 0..TEAMS {
                teams.push(common::team_of_five(w, cohort, t, |t, m| format!("Person {t}.{m}"), "")?);
            }
            for i in 0..PLACEMENTS {
                let day = NaiveDate::from_ymd_opt(2027, 4, 1)
                    .and_then(|d| d.checked_add_days(chrono::Days::new((i % 61) as u64)));
                let offer = offers.get(i % offers.len()).copied();
                if let Some(day) = day {
                    w.placement(teams[i % TEAMS], offer, day, PlacementStatus::Confirmed)?;
                }
            }
            Ok(())
        })
        .expect("bench cohort written");
}

struct Window {
    ctx: egui::Context,
    app: PlacementsApp,
    time: f64,
}

impl Window {
    fn frame(&mut self, events: Vec<Event>) -> (f64, egui::FullOutput) {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let started = Instant::now();
        let output = self.ctx.run_ui(input, |ui| self.app.shell_ui(ui));
        let _meshes = self.ctx.tessellate(output.shapes.clone(), output.pixels_per_point);
        (started.elapsed().as_secs_f64() * 1000.0, output)
    }

    /// Where the first node whose accessible name holds `prefix` is drawn (looked for over a
    /// few frames: AccessKit's first update after it is turned on may not hold every node).
    fn find(&mut self, prefix: &str) -> Option<Pos2> {
        self.ctx.enable_accesskit();
        let mut found = None;
        for _ in 0..3 {
            let (_, output) = self.frame(Vec::new());
            let Some(update) = output.platform_output.accesskit_update else { continue };
            found = update.nodes.iter().find_map(|(_, node)| {
                let bounds = node.bounds()?;
                let centre = Pos2::new(((bounds.x0 + bounds.x1) / 2.0) as f32, ((bounds.y0 + bounds.y1) / 2.0) as f32);
                node.label()?.contains(prefix).then_some(centre)
            });
            if found.is_some() {
                break;
            }
        }
        self.ctx.disable_accesskit();
        found
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("board.placements");
    write_demo(&file, &DemoOptions { groups: 1_500, seed: 3, year: 2027 }).expect("demo written");
    add_bench_cohort(&file);
    let prefs = Prefs { last_panel: PanelKind::Board, ..Default::default() };
    let mut app =
        PlacementsApp::new(AppPaths { data_dir: dir.path().join("data") }, Box::new(ScriptedDialogs::default()), prefs);
    app.start(Start::File(file));
    let ctx = egui::Context::default();
    placements::ui::theme::apply(&ctx);
    let mut window = Window { ctx, app, time: 0.0 };
    for _ in 0..5 {
        window.frame(vec![Event::PointerMoved(Pos2::new(600.0, 500.0))]);
    }
    // Show the bench cohort: the cohort picker, then its entry.
    if let Some(picker) = window.find("Junior doctors 2027") {
        window.frame(vec![Event::PointerButton {
            pos: picker,
            button: PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        }]);
        window.frame(vec![Event::PointerButton {
            pos: picker,
            button: PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        }]);
        if let Some(entry) = window.find("Bench 2027") {
            window.frame(vec![Event::PointerButton {
                pos: entry,
                button: PointerButton::Primary,
                pressed: true,
                modifiers: Modifiers::NONE,
            }]);
            window.frame(vec![Event::PointerButton {
                pos: entry,
                button: PointerButton::Primary,
                pressed: false,
                modifiers: Modifiers::NONE,
            }]);
        }
    }
    let rest: Vec<f64> = (0..FRAMES)
        .map(|i| {
            let delta = if (i / 60) % 2 == 0 { -40.0 } else { 40.0 };
            window
                .frame(vec![
                    Event::PointerMoved(Pos2::new(600.0, 500.0)),
                    Event::MouseWheel {
                        unit: MouseWheelUnit::Point,
                        delta: vec2(0.0, delta),
                        phase: TouchPhase::Move,
                        source: MouseWheelSource::Unknown,
                        modifiers: Modifiers::NONE,
                    },
                ])
                .0
        })
        .collect();
    // Press on a chip and drag it over the calendar.
    let chip = window.find(", Bench 2027, confirmed").expect("a chip of the bench cohort on screen");
    window.frame(vec![Event::PointerMoved(chip)]);
    window.frame(vec![Event::PointerButton {
        pos: chip,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    }]);
    let dragging: Vec<f64> = (0..FRAMES)
        .map(|i| {
            let t = i as f32 / FRAMES as f32;
            let pos = Pos2::new(250.0 + 650.0 * t, 320.0 + 380.0 * ((t * 6.0).sin() * 0.5 + 0.5));
            window.frame(vec![Event::PointerMoved(pos)]).0
        })
        .collect();
    assert!(egui::DragAndDrop::has_any_payload(&window.ctx), "the chip is held all the while");
    for (mode, times) in [("rest", &rest), ("dragging", &dragging)] {
        println!(
            "bench board_frame teams={TEAMS} placements={PLACEMENTS} mode={mode} frames={FRAMES} p50_ms={:.3} p95_ms={:.3}",
            percentile(times, 0.5),
            percentile(times, 0.95)
        );
    }
}
