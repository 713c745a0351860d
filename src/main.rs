//! `placements`: the window, or a command (see `placements --help`).

use std::io::Write as _;

use clap::Parser as _;
use placements::cli::{Cli, run_command};
use placements::fault::{catching, install_panic_hook};

fn main() -> std::process::ExitCode {
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
            Ok(opened) => opened.map_err(|e| format!("could not open the window: {e}")),
            Err(fault) => Err(format!("the window closed because of {fault}; every change made before it is saved")),
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
