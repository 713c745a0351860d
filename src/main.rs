//! `placements`: the window, or a command (see `placements --help`).

use clap::Parser as _;
use placements::cli::{Cli, run_command};

fn main() -> std::process::ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(command) => run_command(command).map(|out| println!("{out}")),
        None => placements::ui::run_window(cli.file).map_err(|e| format!("could not open the window: {e}")),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("placements: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
