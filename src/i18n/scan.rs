//! Finds the sentences the code says to a person, for the test that each has
//! its Chinese: the literal format string of every `bail!`, `anyhow!`,
//! `.context`, `.with_context(|| format!(..))`, `Err(format!(..))`,
//! `tr(..)` (prompts) and `.done(..)` (what a command did) in src/, test
//! modules left out.

use std::path::{Path, PathBuf};

/// One sentence and where it is written.
#[derive(Debug, Clone)]
pub struct Found {
    pub text: String,
    pub file: PathBuf,
    pub line: usize,
}

/// What a sentence follows in the code.
const OPENERS: &[&str] = &[
    "bail!(",
    "anyhow!(",
    "anyhow::anyhow!(",
    ".context(",
    ".with_context(",
    "Err(format!(",
    "tr(",
    ".done(",
    // The accepted forms an error quotes (`expected {DATE_FORMS}`).
    "_FORMS: &str =",
    "_FORM: &str =",
];

pub fn scan_dir(dir: &Path) -> Vec<Found> {
    let mut found = Vec::new();
    walk(dir, &mut found);
    found
}

fn walk(dir: &Path, found: &mut Vec<Found>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, found);
        } else if p.ends_with("i18n/scan.rs") {
            // Its own list of openers is not a sentence.
            continue;
        } else if p.extension().is_some_and(|x| x == "rs")
            && let Ok(text) = std::fs::read_to_string(&p)
        {
            for (text, line) in scan_source(&text) {
                found.push(Found {
                    text,
                    file: p.clone(),
                    line,
                });
            }
        }
    }
}

/// The sentences of one source file, with their line numbers.
pub fn scan_source(src: &str) -> Vec<(String, usize)> {
    // Test modules speak to the tests, not to a person.
    let src = match src.find("#[cfg(test)]\nmod tests") {
        Some(i) => &src[..i],
        None => src,
    };
    // Line comments are not code (a doc comment may quote `bail!(`).
    let code: String = src
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("//") {
                ""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let Some(opener) = OPENERS.iter().find(|o| code[i..].starts_with(**o)) else {
            i += code[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        // `tr(` only as a call of its own, not the end of `attr(` or `.str(`.
        if *opener == "tr("
            && i > 0
            && (bytes[i - 1].is_ascii_alphanumeric()
                || bytes[i - 1] == b'_'
                || bytes[i - 1] == b'.')
        {
            i += 1;
            continue;
        }
        let start = i + opener.len();
        if let Some(text) = literal_after(&code[start..]) {
            let line = code[..i].matches('\n').count() + 1;
            out.push((text, line));
        }
        i = start;
    }
    out
}

/// The string literal an argument starts with, through `&`, `|| `,
/// `format!(` and `|e| format!(`.
fn literal_after(s: &str) -> Option<String> {
    let mut s = s.trim_start();
    loop {
        let before = s;
        for skip in ["&", "move ", "||", "{", "format!("] {
            if let Some(rest) = s.strip_prefix(skip) {
                s = rest.trim_start();
            }
        }
        // A closure's parameter: `|e| format!(...)`.
        if let Some(rest) = s.strip_prefix('|')
            && let Some(end) = rest.find('|')
            && rest[..end]
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == ' ')
        {
            s = rest[end + 1..].trim_start();
        }
        if s == before {
            break;
        }
    }
    parse_literal(s)
}

/// The value of the Rust string literal `s` starts with (plain or raw).
fn parse_literal(s: &str) -> Option<String> {
    if let Some(rest) = s.strip_prefix('r') {
        let hashes = rest.len() - rest.trim_start_matches('#').len();
        let rest = rest[hashes..].strip_prefix('"')?;
        let close = format!("\"{}", "#".repeat(hashes));
        let end = rest.find(&close)?;
        return Some(rest[..end].to_string());
    }
    let rest = s.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0' => out.push('\0'),
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                '\'' => out.push('\''),
                'u' => {
                    chars.next(); // {
                    let hex: String = chars.by_ref().take_while(|c| *c != '}').collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                'x' => {
                    let hex: String = chars.by_ref().take(2).collect();
                    out.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
                }
                // A line continuation: the newline and the next line's indent go.
                '\n' => {
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                other => {
                    out.push('\\');
                    out.push(other);
                }
            },
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_sentences_of_each_form() {
        let src = r##"
fn f() -> Result<()> {
    // bail!("a comment, not code")
    anyhow::bail!("{field}: must not be \"empty\"");
    let x = y.context("reading the file")?;
    let z = w.with_context(|| format!("{}: opening", p.display()))?;
    let v = u.map_err(|e| anyhow!("bad {e}"))?;
    bail!(
        "long \
         line"
    );
    return Err(format!("run {} cannot", r));
    p.with_prompt(tr("Name"));
    p.with_prompt(tr(&format!("Custodian in {to}")));
    let s = attr("not this");
    bail!(r#"raw "quoted""#);
    pub const DATE_FORMS: &str =
        "YYYY-MM-DD";
    bail!(message);
}
#[cfg(test)]
mod tests {
    fn t() { bail!("in a test"); }
}
"##;
        let found: Vec<String> = scan_source(src).into_iter().map(|(t, _)| t).collect();
        assert_eq!(
            found,
            [
                "{field}: must not be \"empty\"",
                "reading the file",
                "{}: opening",
                "bad {e}",
                "long line",
                "run {} cannot",
                "Name",
                "Custodian in {to}",
                "raw \"quoted\"",
                "YYYY-MM-DD",
            ]
        );
        assert_eq!(scan_source(src)[0].1, 4);
    }
}
