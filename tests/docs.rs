//! The documented examples are valid command lines: every `infogov ...` line
//! in a code block of README.md and docs/*.md parses with the real parser, so
//! the documentation cannot drift from the tool. (Lines that show a syntax
//! with `[optional]` parts or `...` are templates, not examples, and skipped.)

use clap::Parser;
use infogov::cli::Cli;

/// Splits a command line as sh would, for the quoting the docs use.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                any = true;
            }
            None if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            None => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The example command lines of a markdown file: (line number, command).
/// Code is fenced (```) or indented by four spaces after a blank line.
fn examples(text: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut in_block = false;
    let mut indented = false;
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i].trim();
        if l.starts_with("```") {
            in_block = !in_block;
            indented = false;
            i += 1;
            continue;
        }
        // An indented block starts after a blank line (it cannot continue a
        // paragraph or a list item's text) and runs while lines stay indented.
        if !in_block {
            let code = lines[i].starts_with("    ") && !l.is_empty();
            indented = code && (indented || i == 0 || lines[i - 1].trim().is_empty());
        }
        if in_block || indented {
            let start = i + 1;
            let mut cmd = l.strip_prefix("$ ").unwrap_or(l).to_string();
            while cmd.ends_with('\\') && i + 1 < lines.len() {
                i += 1;
                cmd.pop();
                cmd.push(' ');
                cmd.push_str(lines[i].trim());
            }
            // What follows a pipe, redirection or comment is not infogov's.
            for cut in [" #", " |", " >", " 2>", " ||", ";", " &&"] {
                if let Some(at) = cmd.find(cut) {
                    cmd.truncate(at);
                }
            }
            let template =
                cmd.contains('[') || cmd.contains("...") || cmd.contains('$') || cmd.contains('|');
            if cmd.starts_with("infogov ") && !template {
                out.push((start, cmd.trim().to_string()));
            }
        }
        i += 1;
    }
    out
}

#[test]
fn every_documented_example_parses() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "md") {
            files.push(p);
        }
    }
    files.sort();
    let mut checked = 0;
    let mut bad = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (line, cmd) in examples(&text) {
            checked += 1;
            if let Err(e) = Cli::try_parse_from(words(&cmd)) {
                let first = e.to_string().lines().next().unwrap_or("").to_string();
                bad.push(format!("{}:{line}: {cmd}\n    {first}", f.display()));
            }
        }
    }
    assert!(checked >= 60, "only {checked} examples found");
    // Indented examples count as well as fenced ones.
    let consumables = std::fs::read_to_string(root.join("docs/consumables.md")).unwrap();
    let found = examples(&consumables);
    assert!(
        found.iter().any(|(_, c)| c
            == "infogov consumable quota set --dept 内科 --category toner --quarter 2026Q4 --qty 9"),
        "{found:?}"
    );
    assert!(
        bad.is_empty(),
        "{} of {checked} documented examples do not parse:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
