//! Parsing the command line, with one repair to clap's error messages: clap
//! counts an option whose value came from an environment variable as typed,
//! so with `INFOGOV_DB` and `INFOGOV_ACTOR` set, a missing `--reason` printed
//! `Usage: infogov asset transfer --reason <REASON> --db <PATH> --actor <NAME> <TAG>`,
//! as if `--db` and `--actor` were required. The usage line of an error now
//! leaves out every option that its environment variable already supplies.

use std::io::{IsTerminal, Write};

use clap::{CommandFactory, FromArgMatches};

use super::Cli;

/// The whole command line as clap sees it, with the examples after the main
/// commands' help: what parses, and what help, man pages and completions
/// are made from.
pub fn command() -> clap::Command {
    super::examples::attach(super::command())
}

/// Parses `std::env::args`, or prints help, version or the error and exits
/// as clap would (exit 2 for a usage error, 0 for help).
pub fn parse() -> Cli {
    // Run by the shell's completion script (`COMPLETE=bash infogov -- ...`):
    // print the completions and exit.
    clap_complete::CompleteEnv::with_factory(|| super::complete::attach(command())).complete();
    let parsed = command().try_get_matches().and_then(|mut m| {
        let from_env = Cli::log_actor_from_env(&m);
        Ok(Cli::from_arg_matches_mut(&mut m)?.unshadowed(from_env))
    });
    match parsed {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let rendered = e.render();
            let text = if color {
                rendered.ansi().to_string()
            } else {
                rendered.to_string()
            };
            let _ = std::io::stderr().write_all(tidy(&text, &env_supplied()).as_bytes());
            std::process::exit(e.exit_code());
        }
    }
}

/// The options (as `--long <VALUE>`) whose environment variable is set.
fn env_supplied() -> Vec<String> {
    let cmd = Cli::command();
    cmd.get_arguments()
        .filter(|a| {
            a.get_env()
                .and_then(std::env::var_os)
                .is_some_and(|v| !v.is_empty())
        })
        .filter_map(|a| {
            let long = a.get_long()?;
            let value = a
                .get_value_names()
                .and_then(|v| v.first())
                .map(|v| v.to_string())
                .unwrap_or_else(|| a.get_id().as_str().to_uppercase());
            Some(format!("--{long} <{value}>"))
        })
        .collect()
}

/// Removes `options` from the `Usage:` line of a rendered error (the line is
/// rewritten without colour; the rest is left as clap made it).
pub fn tidy(text: &str, options: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let plain = strip_ansi(line);
        if plain.trim_start().starts_with("Usage: ")
            && options.iter().any(|o| plain.contains(o.as_str()))
        {
            let mut cleaned = plain;
            for o in options {
                cleaned = cleaned.replace(&format!(" {o}"), "");
            }
            out.push_str(&cleaned);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The text without ANSI colour sequences (`ESC [ ... m`).
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn the_usage_line_loses_the_options_the_environment_supplies() {
        let err = "error: the following required arguments were not provided:\n  --reason <REASON>\n\n\
                   Usage: infogov asset transfer --reason <REASON> --db <PATH> --actor <NAME> <TAG>\n\n\
                   For more information, try '--help'.\n";
        let opts = vec!["--db <PATH>".to_string(), "--actor <NAME>".to_string()];
        let got = tidy(err, &opts);
        assert!(
            got.contains("Usage: infogov asset transfer --reason <REASON> <TAG>\n"),
            "{got}"
        );
        assert!(got.starts_with("error: the following required"), "{got}");
        let coloured = "\u{1b}[1m\u{1b}[4mUsage:\u{1b}[0m \u{1b}[1minfogov x\u{1b}[0m \u{1b}[1m--db\u{1b}[0m <PATH> <TAG>\n";
        assert_eq!(tidy(coloured, &opts), "Usage: infogov x <TAG>\n");
    }
}
