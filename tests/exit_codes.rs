//! The exit-code table of docs/user-guide.md, held for every subcommand:
//! every leaf of the command tree (found from `--help`, so a new subcommand
//! is covered without a line here) answers a usage error with 2, refused or
//! failed work with 1, and a check that cannot run with 3.

use std::collections::BTreeSet;

use crate::support::Env;

/// The subcommands listed in a help text's "Commands:" section.
fn subcommands(help: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in help.lines() {
        if line.starts_with("Commands:") {
            inside = true;
            continue;
        }
        if inside {
            if !line.starts_with("  ") {
                break;
            }
            let rest = &line[2..];
            if rest.starts_with(' ') {
                continue; // a wrapped description
            }
            let name = rest.split_whitespace().next().unwrap_or("");
            if !name.is_empty() && name != "help" {
                out.push(name.to_string());
            }
        }
    }
    out
}

fn help(env: &Env, path: &[String]) -> String {
    let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
    args.push("--help");
    env.run(&args).success().stdout
}

/// Every command path that runs something, e.g. ["asset", "edit"].
fn leaves(env: &Env, path: Vec<String>, out: &mut Vec<(Vec<String>, String)>) {
    let text = help(env, &path);
    let subs = subcommands(&text);
    let usage = text
        .lines()
        .find(|l| l.starts_with("Usage:"))
        .unwrap_or("")
        .to_string();
    // A command with subcommands that also runs on its own (`backup policy SYSTEM`).
    if subs.is_empty() || !usage.contains("<COMMAND>") {
        out.push((path.clone(), usage));
    }
    for s in subs {
        let mut p = path.clone();
        p.push(s);
        leaves(env, p, out);
    }
}

/// Commands that make something new rather than read or change a register.
const MAKERS: &[&str] = &["init", "demo", "man", "completions"];

#[test]
fn every_subcommand_follows_the_exit_code_table() {
    let env = Env::bare();
    let mut all = Vec::new();
    leaves(&env, Vec::new(), &mut all);
    all.retain(|(p, _)| !p.is_empty());
    assert!(all.len() > 60, "found only {} commands", all.len());
    let missing = env.path("missing.db").display().to_string();
    let mut seen = BTreeSet::new();
    for (path, usage) in &all {
        let words: Vec<&str> = path.iter().map(String::as_str).collect();
        let shown = words.join(" ");
        seen.insert(shown.clone());

        // Usage error: an option no command has.
        let mut args = words.clone();
        args.push("--no-such-option");
        let r = env.run(&args);
        assert_eq!(r.code, 2, "{shown} --no-such-option: {}", r.stderr);
        assert!(
            r.stderr.contains("unexpected argument '--no-such-option'"),
            "{shown}: {}",
            r.stderr
        );

        if MAKERS.contains(&words[0]) {
            continue;
        }
        // With nothing given, against a register that does not exist: a
        // missing argument is a usage error (2); otherwise the work is
        // refused (1), or for a check, UNKNOWN (3).
        let mut args = vec!["--db", missing.as_str()];
        args.extend_from_slice(&words);
        let r = env.run(&args);
        let required = usage
            .split_whitespace()
            .skip(2)
            .any(|w| w.starts_with('<') || (w.starts_with("--") && !w.starts_with("[")));
        let check = shown.ends_with(" check") || shown == "audit verify";
        let expected = if required {
            2
        } else if check {
            3
        } else {
            1
        };
        assert_eq!(r.code, expected, "{shown} (usage {usage:?}): {}", r.stderr);
        if expected != 2 {
            assert!(
                r.stderr.starts_with("error: ") && r.stderr.lines().count() == 1,
                "{shown}: {}",
                r.stderr
            );
        }
    }
    // The corrections are among them.
    for c in [
        "asset edit",
        "asset void",
        "backup void",
        "consumable void",
        "duty void",
        "grade void",
        "incident void",
        "dept edit",
        "person edit",
        "system edit",
    ] {
        assert!(seen.contains(c), "{c} is not a command");
    }
    assert!(!env.db.exists() && !env.path("missing.db").exists());
}
