//! The real program in a real window: Xvfb, lavapipe (software Vulkan) and xdotool, as
//! `.ci/run` installs them. Starts `placements FILE`, checks the window appears with the file's
//! name in its title, quits with Ctrl+Q, and checks that the window remembered the file; and on
//! the board, drags a team from the tray onto a day with the mouse, as a hand does.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn have(program: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

struct Display {
    name: String,
    server: Child,
}

impl Display {
    fn start() -> Self {
        Self::start_sized("1280x800x24")
    }

    fn start_sized(screen: &str) -> Self {
        assert!(
            have("Xvfb") && have("xdotool"),
            "Xvfb and xdotool are needed: run .ci/run, or apt-get install xvfb xdotool mesa-vulkan-drivers"
        );
        // Tests run side by side: each takes its own display number, and keeps it only if its
        // own Xvfb is the one that stayed up.
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        for _ in 0..100 {
            let n = 150 + (std::process::id() % 20) * 5 + NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst) % 100;
            if Path::new(&format!("/tmp/.X{n}-lock")).exists() || Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                continue;
            }
            let name = format!(":{n}");
            // `-noreset`: an X server resets itself when its last client leaves, and refuses new
            // connections while it does; the tests' xdotool calls come and go while the program
            // is connecting, which made the program's start fail about one time in ten.
            let mut server = Command::new("Xvfb")
                .args([name.as_str(), "-screen", "0", screen, "-nolisten", "tcp", "-noreset"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start Xvfb");
            let up = Instant::now();
            while up.elapsed() < Duration::from_secs(10) {
                if let Ok(Some(_)) = server.try_wait() {
                    break; // Another display took the number first.
                }
                if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                    std::thread::sleep(Duration::from_millis(200));
                    if let Ok(None) = server.try_wait() {
                        return Self { name, server };
                    }
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            // Not ours: stop it (if it is still running) and try the next number.
            let _ = server.kill();
            let _ = server.wait();
        }
        panic!("no X display could be started");
    }

    fn xdotool(&self, args: &[&str]) -> String {
        let out = Command::new("xdotool").args(args).env("DISPLAY", &self.name).output().expect("run xdotool");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Display {
    /// Asks the server to stop (so that it removes its lock file and socket), and kills it if
    /// it has not within two seconds.
    fn drop(&mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.server.id().to_string()).status();
        let asked = Instant::now();
        while asked.elapsed() < Duration::from_secs(2) {
            if let Ok(Some(_)) = self.server.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

#[test]
fn the_window_opens_on_a_file_and_remembers_it_after_ctrl_q() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path(), "Fylde 2027.placements", 300);
    let data = dir.path().join("data");
    let runtime = dir.path().join("runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    let display = Display::start();
    // The window's title carries the file's name once it is up.
    let (mut app, id) = start_window(&display, &file, &data, &runtime);
    let title = display.xdotool(&["getwindowname", &id]);
    assert_eq!(title.trim(), "Fylde 2027.placements — Community Placements");
    // Opening took a backup copy.
    assert_eq!(placements::store::Backups::new(data.join("backups")).of_document(&file).len(), 1);

    std::thread::sleep(Duration::from_millis(1500));
    // There is no window manager: give the window the keyboard directly, as a click would.
    display.xdotool(&["windowfocus", "--sync", &id]);
    display.xdotool(&["mousemove", "--window", &id, "600", "400", "click", "1"]);
    std::thread::sleep(Duration::from_millis(500));
    display.xdotool(&["key", "ctrl+q"]);
    let quitting = Instant::now();
    let status = loop {
        if let Some(status) = app.try_wait().unwrap() {
            break status;
        }
        if quitting.elapsed() > Duration::from_secs(30) {
            let _ = app.kill();
            let _ = app.wait();
            panic!("Ctrl+Q did not close the window");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(status.success(), "placements exited with {status}");
    let remembered = std::fs::read_to_string(data.join("window.ron")).expect("window state saved");
    assert!(remembered.contains("Fylde 2027.placements"), "{remembered}");
}

#[test]
fn when_one_way_of_drawing_fails_the_window_opens_with_the_next_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path(), "Drawn.placements", 50);
    let (data, runtime) = (dir.path().join("data"), dir.path().join("runtime"));
    std::fs::create_dir_all(&runtime).unwrap();
    let display = Display::start();
    // DirectX 12 is not on Linux: wgpu finds no adapter for it, as under Wine it finds one that fails.
    let (mut app, id) = start_window_with(&display, &file, &data, &runtime, &[("PLACEMENTS_RENDERERS", "dx12,vulkan")]);
    let title = display.xdotool(&["getwindowname", &id]);
    assert_eq!(title.trim(), "Drawn.placements — Community Placements");
    let _ = app.kill();
    let _ = app.wait();
    let said = std::fs::read_to_string(runtime.join("placements.stderr")).unwrap();
    assert!(said.contains("The window is drawn with Vulkan, since these could not be used: DirectX 12: "), "{said}");
}

#[test]
fn when_no_way_of_drawing_works_the_program_says_why_for_each() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path(), "Undrawn.placements", 50);
    let display = Display::start();
    let out = Command::new(env!("CARGO_BIN_EXE_placements"))
        .arg(&file)
        .env("DISPLAY", &display.name)
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_RUNTIME_DIR", dir.path())
        .env("PLACEMENTS_DATA_DIR", dir.path().join("data"))
        .env("PLACEMENTS_RENDERERS", "dx12")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("placements: could not open the window: the window could not be drawn in any of the ways this computer was tried with: DirectX 12 ("),
        "{said}"
    );
}

/// Starts the program on `file` on `display`; waits for its window; returns the child and the
/// window's id. What the program prints on its error stream goes to a file in `runtime`, and
/// into the test's failure if the program stops before its window appears.
fn start_window(display: &Display, file: &Path, data: &Path, runtime: &Path) -> (Child, String) {
    start_window_with(display, file, data, runtime, &[])
}

/// [`start_window`], with more in the program's environment.
fn start_window_with(
    display: &Display,
    file: &Path,
    data: &Path,
    runtime: &Path,
    env: &[(&str, &str)],
) -> (Child, String) {
    let said = runtime.join("placements.stderr");
    let mut app = Command::new(env!("CARGO_BIN_EXE_placements"))
        .arg(file)
        .envs(env.iter().copied())
        .env("DISPLAY", &display.name)
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_RUNTIME_DIR", runtime)
        .env("PLACEMENTS_DATA_DIR", data)
        .stdout(Stdio::null())
        .stderr(Stdio::from(std::fs::File::create(&said).expect("a file for what the program says")))
        .spawn()
        .expect("start placements");
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        let found = display.xdotool(&["search", "--name", &name]).trim().to_owned();
        if let Some(id) = found.lines().next().filter(|l| !l.is_empty()) {
            return (app, id.to_owned());
        }
        if let Ok(Some(status)) = app.try_wait() {
            let said = std::fs::read_to_string(&said).unwrap_or_default();
            panic!("placements exited early ({status}): {said}");
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    let _ = app.kill();
    let _ = app.wait();
    panic!("no window titled {name} appeared");
}

/// A point over the calendar, where the mouse wheel scrolls it back to its first week.
const OVER_CALENDAR: egui::Pos2 = egui::pos2(600.0, 600.0);

/// Where the board draws the tray's Team 5 and Tuesday 13 April, in a window of the program's
/// own size (`DEFAULT_WINDOW_SIZE`, which fits the 1400×900 screen as it is) with the calendar scrolled to its top: the same layout, worked out by the same code
/// in a test harness.
fn board_points(dir: &Path, file: &Path) -> (egui::Pos2, egui::Pos2) {
    use egui_kittest::kittest::Queryable as _;
    use placements::ui::{PlacementsApp, Start};
    let mut app = PlacementsApp::new(
        placements::paths::AppPaths { data_dir: dir.join("layout") },
        Box::new(placements::ui::dialogs::ScriptedDialogs::default()),
        placements::ui::prefs::Prefs::default(),
    );
    app.start(Start::File(file.to_path_buf()));
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::Vec2::from(placements::ui::DEFAULT_WINDOW_SIZE))
        .with_theme(egui::Theme::Light)
        .with_context_setup(placements::ui::theme::apply)
        .build_ui_state(|ui, app: &mut PlacementsApp| app.shell_ui(ui), app);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num4);
    h.run();
    h.hover_at(OVER_CALENDAR);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 20_000.0),
        modifiers: egui::Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    for _ in 0..30 {
        h.step();
    }
    let team = h.get_by_label_contains("Team 5, Junior doctors 2027").rect().center();
    let day = h.get_by_label_contains("Tuesday 13 April 2027").rect().center();
    (team, day)
}

#[test]
fn a_team_is_dragged_from_the_tray_onto_a_day_in_the_real_window() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path(), "Board 2027.placements", 300);
    let (team, day) = board_points(dir.path(), &file);
    let data = dir.path().join("data");
    let runtime = dir.path().join("runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    let display = Display::start_sized("1400x900x24");
    let (mut app, id) = start_window(&display, &file, &data, &runtime);
    std::thread::sleep(Duration::from_millis(1500));
    display.xdotool(&["windowfocus", "--sync", &id]);
    display.xdotool(&["mousemove", "--window", &id, "700", "60", "click", "1"]);
    display.xdotool(&["key", "ctrl+4"]);
    std::thread::sleep(Duration::from_millis(800));
    // The board opens on its first clash: scroll the calendar back to its first week.
    let (x, y) = (OVER_CALENDAR.x.to_string(), OVER_CALENDAR.y.to_string());
    display.xdotool(&["mousemove", "--window", &id, &x, &y]);
    display.xdotool(&["click", "--repeat", "40", "--delay", "20", "4"]);
    std::thread::sleep(Duration::from_millis(800));
    // Press on the team, move in small steps, let go over the day.
    let (x0, y0, x1, y1) = (team.x as i32, team.y as i32, day.x as i32, day.y as i32);
    display.xdotool(&["mousemove", "--window", &id, &x0.to_string(), &y0.to_string()]);
    std::thread::sleep(Duration::from_millis(300));
    display.xdotool(&["mousedown", "1"]);
    std::thread::sleep(Duration::from_millis(200));
    for i in 1..=12 {
        let (x, y) = (x0 + (x1 - x0) * i / 12, y0 + (y1 - y0) * i / 12);
        display.xdotool(&["mousemove", "--window", &id, &x.to_string(), &y.to_string()]);
        std::thread::sleep(Duration::from_millis(60));
    }
    std::thread::sleep(Duration::from_millis(300));
    display.xdotool(&["mouseup", "1"]);
    let placed = || -> i64 {
        common::scalar(
            &file,
            "SELECT count(*) FROM placement p JOIN team t ON t.id = p.team_id JOIN cohort c ON c.id = t.cohort_id
             WHERE c.name = 'Junior doctors 2027' AND t.name = 'Team 5' AND p.day = '2027-04-13'",
        )
    };
    let waiting = Instant::now();
    while placed() == 0 && waiting.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(200));
    }
    display.xdotool(&["key", "ctrl+q"]);
    let quitting = Instant::now();
    while app.try_wait().unwrap().is_none() && quitting.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(200));
    }
    let _ = app.kill();
    let _ = app.wait();
    assert_eq!(placed(), 1, "Team 5 was dropped on Tuesday 13 April");
}
