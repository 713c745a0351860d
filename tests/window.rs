//! The real program in a real window: Xvfb, lavapipe (software Vulkan) and xdotool, as
//! `.ci/run` installs them. Starts `placements FILE`, checks the window appears with the file's
//! name in its title, quits with Ctrl+Q, and checks that the window remembered the file.

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
        assert!(
            have("Xvfb") && have("xdotool"),
            "Xvfb and xdotool are needed: run .ci/run, or apt-get install xvfb xdotool mesa-vulkan-drivers"
        );
        for n in 150..250 {
            if Path::new(&format!("/tmp/.X{n}-lock")).exists() || Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                continue;
            }
            let name = format!(":{n}");
            let server = Command::new("Xvfb")
                .args([name.as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start Xvfb");
            let up = Instant::now();
            while up.elapsed() < Duration::from_secs(10) {
                if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                    return Self { name, server };
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        panic!("no X display could be started");
    }

    fn xdotool(&self, args: &[&str]) -> String {
        let out = Command::new("xdotool").args(args).env("DISPLAY", &self.name).output().expect("run xdotool");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Display {
    fn drop(&mut self) {
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
    let mut app = Command::new(env!("CARGO_BIN_EXE_placements"))
        .arg(&file)
        .env("DISPLAY", &display.name)
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("PLACEMENTS_DATA_DIR", &data)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start placements");

    // The window's title carries the file's name once it is up.
    let started = Instant::now();
    let mut window = String::new();
    while started.elapsed() < Duration::from_secs(60) {
        window = display.xdotool(&["search", "--name", "Fylde 2027.placements"]).trim().to_owned();
        if !window.is_empty() {
            break;
        }
        if let Ok(Some(status)) = app.try_wait() {
            panic!("placements exited early ({status})");
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    assert!(!window.is_empty(), "no window titled with the file's name appeared");
    let title = display.xdotool(&["getwindowname", window.lines().next().unwrap_or_default()]);
    assert_eq!(title.trim(), "Fylde 2027.placements — Community Placements");
    // Opening took a backup copy.
    assert_eq!(placements::store::Backups::new(data.join("backups")).of_document(&file).len(), 1);

    std::thread::sleep(Duration::from_millis(1500));
    // There is no window manager: give the window the keyboard directly, as a click would.
    let id = window.lines().next().unwrap_or_default();
    display.xdotool(&["windowfocus", "--sync", id]);
    display.xdotool(&["mousemove", "--window", id, "600", "400", "click", "1"]);
    std::thread::sleep(Duration::from_millis(500));
    display.xdotool(&["key", "ctrl+q"]);
    let quitting = Instant::now();
    let status = loop {
        if let Some(status) = app.try_wait().unwrap() {
            break status;
        }
        if quitting.elapsed() > Duration::from_secs(30) {
            let _ = app.kill();
            panic!("Ctrl+Q did not close the window");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(status.success(), "placements exited with {status}");
    let remembered = std::fs::read_to_string(data.join("window.ron")).expect("window state saved");
    assert!(remembered.contains("Fylde 2027.placements"), "{remembered}");
}
