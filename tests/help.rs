//! The first things a user reads: `--help` (own options first, the global
//! ones under their own heading, examples at the end), the usage line of an
//! error with the environment set, and the man pages.

use std::collections::BTreeSet;

use clap::Parser;
use infogov::cli::Cli;
use infogov::cli::examples::EXAMPLES;

use crate::support::Env;

const GLOBAL: &[&str] = &[
    "--db",
    "--config",
    "--format",
    "--bom",
    "--output",
    "--columns",
    "--wide",
    "--actor",
    "--on-behalf-of",
    "--on-behalf-evidence",
    "--as-of",
    "--no-input",
    "--lang",
];

/// Every command path that runs something (`asset transfer`, `dept add` ...).
fn leaves() -> Vec<Vec<String>> {
    fn walk(c: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        let subs: Vec<&clap::Command> = c
            .get_subcommands()
            .filter(|s| s.get_name() != "help")
            .collect();
        if subs.is_empty() {
            out.push(path);
            return;
        }
        for s in subs {
            let mut p = path.clone();
            p.push(s.get_name().to_string());
            walk(s, p, out);
        }
    }
    let mut cmd = infogov::cli::usage::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, Vec::new(), &mut out);
    out
}

/// The option names (`--reason`) listed under a heading of a help text.
fn options_under(help: &str, heading: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in help.lines() {
        if !line.starts_with(' ') && !line.is_empty() {
            inside = line == heading;
            continue;
        }
        if inside {
            let t = line.trim_start();
            // A short form first (`-h, --help`, `-o, --output`).
            let t = match t.as_bytes() {
                [b'-', c, b',', b' ', ..] if c.is_ascii_alphabetic() => &t[4..],
                _ => t,
            };
            if let Some(name) = t
                .strip_prefix("--")
                .map(|r| r.split([' ', '\t']).next().unwrap())
                && line.starts_with("  ")
                && !line.starts_with("                ")
                && !name.ends_with(')')
            {
                out.push(format!("--{name}"));
            }
        }
    }
    out
}

#[test]
fn every_command_lists_its_own_options_first_and_the_global_ones_under_their_heading() {
    let env = Env::bare();
    let leaves = leaves();
    assert!(leaves.len() > 80, "{}", leaves.len());
    for path in &leaves {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = env.run(&args).success().stdout;
        let global_at = help
            .find("\nGlobal options:\n")
            .unwrap_or_else(|| panic!("{path:?}: no Global options heading\n{help}"));
        let own_at = help
            .find("\nOptions:\n")
            .unwrap_or_else(|| panic!("{path:?}: no Options heading\n{help}"));
        assert!(
            own_at < global_at,
            "{path:?}: own options after the global ones\n{help}"
        );
        let own = options_under(&help, "Options:");
        let global = options_under(&help, "Global options:");
        // `audit log --actor NAME` filters by actor: its own option, which
        // takes the global one's place.
        let shadowed: &[&str] = if path == &["audit", "log"] {
            &["--actor"]
        } else {
            &[]
        };
        let expected: Vec<&str> = GLOBAL
            .iter()
            .copied()
            .filter(|g| !shadowed.contains(g))
            .collect();
        assert_eq!(global, expected, "{path:?}\n{help}");
        for g in GLOBAL.iter().filter(|g| !shadowed.contains(g)) {
            assert!(
                !own.contains(&g.to_string()),
                "{path:?}: {g} among the own options\n{help}"
            );
        }
        // The usage line lists only what the command itself needs.
        let usage = help.lines().find(|l| l.starts_with("Usage: ")).unwrap();
        for g in GLOBAL {
            assert!(!usage.contains(g), "{path:?}: {usage}");
        }
    }
    // The short help has the same layout, one line per option.
    let short = env.run(&["asset", "transfer", "-h"]).success().stdout;
    assert_eq!(
        options_under(&short, "Options:"),
        [
            "--dept",
            "--custodian",
            "--keep-custodian",
            "--location",
            "--reason",
            "--date",
            "--help"
        ],
        "{short}"
    );
    assert_eq!(options_under(&short, "Global options:"), GLOBAL, "{short}");
}

#[test]
fn the_usage_line_of_an_error_leaves_out_what_the_environment_supplies() {
    // The test environment sets INFOGOV_DB, INFOGOV_ACTOR and INFOGOV_AS_OF.
    let env = Env::new();
    let run = env.run(&["asset", "transfer", "--dept", "内科", "IT-2026-0001"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "error: the following required arguments were not provided:\n  --reason <REASON>\n"
        ),
        "{}",
        run.stderr
    );
    let usage: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("Usage: "))
        .collect();
    assert_eq!(
        usage,
        ["Usage: infogov asset transfer --reason <REASON> --dept <DEPT> <TAG>"],
        "{}",
        run.stderr
    );
    // Without the variables, an option typed on the line still shows, as
    // clap shows what was given.
    let typed = env.run_env(
        &["asset", "transfer", "--db", "x.db", "IT-2026-0001"],
        &[
            ("INFOGOV_DB", ""),
            ("INFOGOV_ACTOR", ""),
            ("INFOGOV_AS_OF", ""),
        ],
    );
    assert_eq!(typed.code, 2, "{}", typed.stderr);
    assert!(
        typed
            .stderr
            .contains("Usage: infogov asset transfer --reason <REASON> --db <PATH> <TAG>"),
        "{}",
        typed.stderr
    );
}

#[test]
fn the_main_commands_end_their_help_with_the_user_guides_examples() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs = std::fs::read_to_string(root.join("README.md")).unwrap();
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "md") {
            docs.push_str(&std::fs::read_to_string(p).unwrap());
        }
    }
    // The documentation wraps long lines with `\`: join them as sh would.
    let docs = docs.replace("\\\n", " ");
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let docs = squeeze(&docs);
    let env = Env::bare();
    for (path, lines) in EXAMPLES {
        assert!(
            (1..=3).contains(&lines.len()),
            "{path}: {} examples",
            lines.len()
        );
        let mut args: Vec<&str> = path.split(' ').collect();
        args.push("--help");
        let help = env.run(&args).success().stdout;
        let tail = help
            .split("\nExamples:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{path}: no examples\n{help}"));
        for line in *lines {
            // Help wraps a long example at a space.
            assert!(
                squeeze(tail).contains(&squeeze(line)),
                "{path}: {line}\n{help}"
            );
            // The command, without its comment or redirection, is in the docs and parses.
            let cmd = line
                .split(" #")
                .next()
                .unwrap()
                .split(" >")
                .next()
                .unwrap()
                .trim();
            assert!(
                docs.contains(&squeeze(cmd)),
                "{path}: not in README.md or docs/: {cmd}"
            );
            let words: Vec<String> = shell_words(cmd);
            Cli::try_parse_from(&words).unwrap_or_else(|e| panic!("{path}: {cmd}: {e}"));
        }
    }
}

/// Splits a command line as sh would, for the double quotes examples use.
fn shell_words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[test]
fn man_dir_writes_a_page_per_command_with_exit_status_environment_and_files() {
    let env = Env::bare();
    let out = env.run(&["man", "--dir", "man1"]).success().stdout;
    let mut expected: BTreeSet<String> = BTreeSet::new();
    fn walk(c: &clap::Command, name: String, out: &mut BTreeSet<String>) {
        out.insert(format!("{name}.1"));
        for s in c.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(s, format!("{name}-{}", s.get_name()), out);
        }
    }
    let mut cmd = infogov::cli::usage::command();
    cmd.build();
    walk(&cmd, "infogov".to_string(), &mut expected);
    let written: BTreeSet<String> = std::fs::read_dir(env.path("man1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written, expected);
    assert!(
        out.contains(&format!("Wrote {} man pages to man1", expected.len())),
        "{out}"
    );
    for page in [
        "infogov-asset-import.1",
        "infogov-consumable-quota-set.1",
        "infogov-grade-rectify-add.1",
    ] {
        assert!(written.contains(page), "{page}");
    }
    for name in &written {
        let page = std::fs::read_to_string(env.path("man1").join(name)).unwrap();
        let stem = name.trim_end_matches(".1");
        assert!(page.contains(&format!(".TH {stem} 1")), "{name}");
        for section in [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            ".SH FILES",
            ".SH VERSION",
        ] {
            assert!(page.contains(section), "{name} lacks {section}");
        }
        for var in [
            "INFOGOV_DB",
            "INFOGOV_CONFIG",
            "INFOGOV_AS_OF",
            "INFOGOV_LANG",
        ] {
            assert!(page.contains(var), "{name} lacks {var}");
        }
        assert!(page.contains("register.db"), "{name}");
        // A check exits as a Nagios plugin: 3 is UNKNOWN.
        let nagios = page.contains("UNKNOWN: the check could not run");
        assert_eq!(
            nagios,
            stem.ends_with("-check") || stem == "infogov-audit-verify" || stem == "infogov",
            "{name}"
        );
    }
    let import = std::fs::read_to_string(env.path("man1/infogov-asset-import.1")).unwrap();
    assert!(import.contains("\\-\\-dry\\-run"), "{import}");
    assert!(
        import.contains(".SH \"SEE ALSO\"\n\\fBinfogov\\-asset\\fR(1)"),
        "{import}"
    );
    let report = std::fs::read_to_string(env.path("man1/infogov-audit-report.1")).unwrap();
    assert!(
        report.contains(".SH EXAMPLES\n.nf\ninfogov audit report \\-\\-quarter 2026Q4\n"),
        "{report}"
    );
    // Alone, `man` still prints the top page.
    let top = env.run(&["man"]).success().stdout;
    assert!(
        top.starts_with(".ie") && top.contains(".TH infogov 1"),
        "{top}"
    );
    assert!(
        top.contains(".SH \"EXIT STATUS\"") && top.contains("infogov\\-asset(1)"),
        "{top}"
    );
    // A directory that cannot be made is an error naming it.
    env.write("file", "");
    env.run(&["man", "--dir", "file/sub"])
        .error(&["--dir", "cannot create", "file/sub"]);
}
