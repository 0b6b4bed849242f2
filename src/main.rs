#![cfg_attr(windows, windows_subsystem = "windows")]
//! `estu`: with no arguments the desktop app, otherwise the command line (`estu --help`).

#[cfg(windows)]
mod windows_console;

use clap::Parser;
use estu::cli::Cli;

fn main() -> std::process::ExitCode {
    // A GUI program on Windows: commands print to the console they were typed in.
    #[cfg(windows)]
    if std::env::args_os().len() > 1 {
        windows_console::attach_parent_console();
    }
    let cli = Cli::parse();
    estu::cli::init_logging();
    match estu::cli::run(&cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.message(cli.lang));
            std::process::ExitCode::FAILURE
        }
    }
}
