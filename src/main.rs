//! `placements`: the window, or a command (see `placements --help`).

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
                println!("{}", out.text);
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
                eprintln!("placements: {message}");
            }
            std::process::ExitCode::FAILURE
        }
    }
}
