//! The `hearth` binary: with no subcommand it opens the window; with one it works
//! headless and never touches GTK, so scripts and servers can use it without a display.

// No console window on Windows release builds; harmless elsewhere.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod app;
mod cli;
mod commands;
mod desktop_font;
mod state;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match cli::parse() {
        Ok(args) => args,
        Err(code) => return code,
    };
    match args.command {
        Some(command) => cli::run(command, args.data_dir, args.json),
        None => app::run(args.data_dir),
    }
}
