//! `placements`: the window, or a command (see `placements --help`).
//!
//! On Windows it is built as a windowed program, so double-clicking it opens the window alone,
//! with no console beside it; run from a command prompt, it writes to that prompt's console
//! (`windows_console`).
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::io::Write as _;

use clap::Parser as _;
use placements::cli::{Cli, run_command};
use placements::fault::{catching, install_panic_hook};

fn main() -> std::process::ExitCode {
    #[cfg(windows)]
    windows_console::attach_to_parent();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    install_panic_hook();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(command) => catching(|| run_command(command))
            .unwrap_or_else(|fault| {
                Err(format!("the command stopped because of {fault}; the step it was taking was not saved"))
            })
            .and_then(|out| {
                say(&out.text);
                if out.success { Ok(()) } else { Err(String::new()) }
            }),
        None => match catching(|| placements::ui::run_window(cli.file)) {
            Ok(opened) => opened.map_err(|e| window_message(&format!("could not open the window: {e}"))),
            Err(fault) => Err(window_message(&format!(
                "the window closed because of {fault}; every change made before it is saved"
            ))),
        },
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            if !message.is_empty() {
                // Nowhere to say it if standard error is closed too: the exit code says it.
                let _ = writeln!(std::io::stderr().lock(), "placements: {}", placements::cli::printable(&message));
            }
            std::process::ExitCode::FAILURE
        }
    }
}

/// Writes a command's text to standard output. A reader that has gone (`placements offers FILE
/// | head -1`) is not a fault: the rest is not wanted, and the command's work is done and saved.
fn say(text: &str) {
    let mut out = std::io::stdout().lock();
    let written = writeln!(out, "{}", placements::cli::printable(text)).and_then(|()| out.flush());
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        let _ = writeln!(std::io::stderr().lock(), "placements: could not write the output: {e}");
    }
}

/// Says why the window could not open or closed. On Windows, where a double-clicked program has
/// no console to say it in, it is said in a message box as well.
fn window_message(message: &str) -> String {
    #[cfg(windows)]
    {
        let _ = rfd::MessageDialog::new()
            .set_title("Community Placements")
            .set_description(placements::cli::printable(message))
            .set_level(rfd::MessageLevel::Error)
            .show();
    }
    message.to_owned()
}

/// A windowed program on Windows starts with no console. Started from a command prompt, it
/// attaches to that prompt's console, so that `placements.exe info FILE` prints there; output
/// already sent somewhere (`> out.txt`, a pipe) stays where it was sent.
#[cfg(windows)]
mod windows_console {
    use std::ffi::c_void;
    use std::ptr::null_mut;

    type Handle = *mut c_void;
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    const STD_OUTPUT_HANDLE: u32 = -11_i32 as u32;
    const STD_ERROR_HANDLE: u32 = -12_i32 as u32;
    const GENERIC_READ: u32 = 0x8000_0000;
    const GENERIC_WRITE: u32 = 0x4000_0000;
    const FILE_SHARE_WRITE: u32 = 0x0000_0002;
    const OPEN_EXISTING: u32 = 3;

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process: u32) -> i32;
        fn GetStdHandle(which: u32) -> Handle;
        fn SetStdHandle(which: u32, handle: Handle) -> i32;
        fn CreateFileW(
            name: *const u16,
            access: u32,
            share: u32,
            security: *mut c_void,
            disposition: u32,
            flags: u32,
            template: Handle,
        ) -> Handle;
    }

    fn missing(which: u32) -> bool {
        // SAFETY: GetStdHandle only reads the process's table of standard handles.
        let handle = unsafe { GetStdHandle(which) };
        handle.is_null() || handle as isize == -1
    }

    pub fn attach_to_parent() {
        let (out, err) = (missing(STD_OUTPUT_HANDLE), missing(STD_ERROR_HANDLE));
        // SAFETY: AttachConsole takes a process id and touches nothing of ours.
        if !(out || err) || unsafe { AttachConsole(ATTACH_PARENT_PROCESS) } == 0 {
            return;
        }
        let name: Vec<u16> = "CONOUT$".encode_utf16().chain([0]).collect();
        for (which, wanted) in [(STD_OUTPUT_HANDLE, out), (STD_ERROR_HANDLE, err)] {
            if !wanted {
                continue;
            }
            // SAFETY: `name` is a NUL-terminated UTF-16 string that outlives the call; the
            // other arguments are plain values or null, as CreateFileW allows.
            let handle = unsafe {
                CreateFileW(
                    name.as_ptr(),
                    GENERIC_READ | GENERIC_WRITE,
                    FILE_SHARE_WRITE,
                    null_mut(),
                    OPEN_EXISTING,
                    0,
                    null_mut(),
                )
            };
            if !handle.is_null() && handle as isize != -1 {
                // SAFETY: the handle was just opened and is kept for the process's life.
                unsafe { SetStdHandle(which, handle) };
            }
        }
    }
}
