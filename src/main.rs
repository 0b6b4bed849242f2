#![cfg_attr(windows, windows_subsystem = "windows")]
//! `estu`: with no arguments the desktop app, otherwise the command line (`estu --help`).

use clap::Parser;
use estu::cli::Cli;

fn main() -> std::process::ExitCode {
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
