//! infogov: one IT administrator's governance register, on one SQLite file.
//!
//! Layers, from the terminal inwards: `cli` parses arguments and renders
//! results; `store` owns the connection, the schema and the SQL of each area;
//! `domain` holds the rules, with no SQL and no terminal; `rows` is the plain
//! tabular data passed between them.

pub mod cli;
pub mod config;
pub mod domain;
pub mod i18n;
pub mod rows;
pub mod store;
pub mod tabular;

use std::process::ExitCode;

/// Exit code of an error that is not a check result.
pub const EXIT_ERROR: u8 = 1;

pub fn main() -> ExitCode {
    let cli = cli::parse();
    match cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", error_line(&e));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// The error and its causes on one line, outermost first.
/// Control characters in it (a stored name quoted in a message) are shown
/// escaped, so an error cannot drive the reader's terminal either; the line
/// breaks of a report of several bad rows stay.
/// In the language of the command (`--lang zh`: each cause in Chinese).
pub fn one_line(e: &anyhow::Error) -> String {
    let text = i18n::translate::error_chain(e, i18n::current());
    cli::output::escape_controls(&text, true)
}

/// The line an error is printed as on standard error: `error: ...`, `错误：...`.
pub fn error_line(e: &anyhow::Error) -> String {
    format!(
        "{}{}",
        i18n::translate::error_prefix(i18n::current()),
        one_line(e)
    )
}

/// `infogov asset list | head` closes the pipe early: that is the reader's
/// choice, not an error, so it exits quietly with success.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            return io.kind() == std::io::ErrorKind::BrokenPipe;
        }
        if let Some(csv) = c.downcast_ref::<csv::Error>()
            && let csv::ErrorKind::Io(io) = csv.kind()
        {
            return io.kind() == std::io::ErrorKind::BrokenPipe;
        }
        if let Some(json) = c.downcast_ref::<serde_json::Error>() {
            return json.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe);
        }
        false
    })
}
