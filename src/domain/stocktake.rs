//! Stock-taking (盘点, AST-1, C17): reading what a barcode scanner types
//! into a text file, and what each line of a count comes to in the report.
//! No SQL. A scan file with columns (CSV, workbook) is read by the common
//! tabular reader (`tabular::schemas::SCAN`), not here.

use std::path::Path;

use anyhow::{Context, Result, bail};

/// Header names the one column of a plain tag list may have; a scan file
/// with columns names its tag column the same way (`tabular::schemas::SCAN`).
pub const TAG_HEADERS: &[&str] = &[
    "tag",
    "资产编号",
    "asset_tag",
    "barcode",
    "条码",
    "条形码",
    "编号",
];

/// A tag read from a scanner's file, with the line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannedTag {
    pub line: u64,
    pub tag: String,
}

/// Reads a plain list of tags, one a line (what a keyboard-wedge scanner
/// typed into a text file), perhaps headed by a tag header (see
/// [`TAG_HEADERS`]). Empty lines are skipped; a byte-order mark is
/// accepted. Every error names the file and, for a bad line, its number.
pub fn read_scan_file(path: &Path) -> Result<Vec<ScannedTag>> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| format!("--file: cannot read {file}"))?;
    parse_scan(&bytes, &file)
}

/// [`read_scan_file`] on bytes already read.
pub fn parse_scan(bytes: &[u8], file: &str) -> Result<Vec<ScannedTag>> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        bail!("{file}: the file is not valid UTF-8 (save it as UTF-8)");
    };
    let text = text.trim_start_matches('\u{feff}');
    let mut tags = Vec::new();
    let mut seen_first = false;
    for (i, line) in text.lines().enumerate() {
        let n = i as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        // A one-column export may still have its header.
        if !seen_first && is_tag_header(line) {
            seen_first = true;
            continue;
        }
        seen_first = true;
        tags.extend(checked(file, n, line)?);
    }
    if tags.is_empty() {
        bail!("{file}: the file holds no tags");
    }
    Ok(tags)
}

fn is_tag_header(cell: &str) -> bool {
    let h = cell.trim().to_lowercase();
    TAG_HEADERS.contains(&h.as_str())
}

fn checked(file: &str, line: u64, tag: &str) -> Result<Option<ScannedTag>> {
    let tag = tag.trim();
    if tag.is_empty() {
        return Ok(None);
    }
    if tag.chars().any(|c| c.is_whitespace() || c.is_control()) {
        bail!("{file}: line {line}: {tag:?} is not a tag (it contains white space)");
    }
    Ok(Some(ScannedTag {
        line,
        tag: tag.to_string(),
    }))
}

/// What a line of a stock-take comes to in the report (盘点报告).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Found where and with whom the register had it (账实相符).
    InPlace,
    /// Found, but elsewhere or with someone else: a proposed transfer.
    Elsewhere,
    /// Expected and not found (盘亏).
    Missing,
    /// Found, registered, but not expected in this scope (盘盈: another scope).
    Unexpected,
    /// Found, with a tag the register does not know (盘盈: to be registered).
    Unknown,
    /// Expected and not counted yet (an open stock-take only).
    Uncounted,
}

impl Outcome {
    /// Classifies a line: whether it was expected, whether its tag is
    /// registered, what the count recorded, and whether it was found
    /// somewhere or with someone other than expected.
    pub fn of(expected: bool, registered: bool, result: Option<&str>, moved: bool) -> Outcome {
        match (expected, result) {
            (false, _) if !registered => Outcome::Unknown,
            (false, _) => Outcome::Unexpected,
            (true, Some("found")) if moved => Outcome::Elsewhere,
            (true, Some("found")) => Outcome::InPlace,
            (true, Some(_)) => Outcome::Missing,
            (true, None) => Outcome::Uncounted,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::InPlace => "in-place",
            Outcome::Elsewhere => "elsewhere",
            Outcome::Missing => "missing",
            Outcome::Unexpected => "unexpected",
            Outcome::Unknown => "unknown-tag",
            Outcome::Uncounted => "uncounted",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(v: &[ScannedTag]) -> Vec<(u64, &str)> {
        v.iter().map(|t| (t.line, t.tag.as_str())).collect()
    }

    #[test]
    fn one_tag_per_line_with_or_without_a_header() {
        let t = parse_scan(b"\xef\xbb\xbfIT-1\r\n\r\n IT-2 \nIT-1\n", "s.txt").unwrap();
        assert_eq!(tags(&t), [(1, "IT-1"), (3, "IT-2"), (4, "IT-1")]);
        let t = parse_scan("资产编号\nIT-9\n".as_bytes(), "s.txt").unwrap();
        assert_eq!(tags(&t), [(2, "IT-9")]);
    }

    #[test]
    fn a_tag_list_is_headed_as_a_scan_file_names_its_tag_column() {
        use crate::tabular::header::normalize;
        for h in TAG_HEADERS {
            let t = parse_scan(format!("{h}\nIT-9\n").as_bytes(), "s.txt").unwrap();
            assert_eq!(tags(&t), [(2, "IT-9")], "{h}");
            let known = *h == "tag"
                || crate::tabular::schemas::SCAN
                    .synonyms
                    .iter()
                    .any(|(s, f)| *f == "tag" && normalize(s) == normalize(h));
            assert!(known, "{h} is not a tag header of tabular::schemas::SCAN");
        }
    }

    #[test]
    fn bad_files_are_refused_with_the_line() {
        let e = parse_scan(b"IT-1\nIT 2\n", "s.txt")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "s.txt: line 2: \"IT 2\" is not a tag (it contains white space)"
        );
        let e = parse_scan(b"\n\n", "s.txt").unwrap_err().to_string();
        assert_eq!(e, "s.txt: the file holds no tags");
        let e = parse_scan(b"\xff\xfeI\x00", "s.txt")
            .unwrap_err()
            .to_string();
        assert!(e.contains("not valid UTF-8"), "{e}");
    }

    #[test]
    fn outcomes() {
        assert_eq!(
            Outcome::of(true, true, Some("found"), false),
            Outcome::InPlace
        );
        assert_eq!(
            Outcome::of(true, true, Some("found"), true),
            Outcome::Elsewhere
        );
        assert_eq!(
            Outcome::of(true, true, Some("missing"), false),
            Outcome::Missing
        );
        assert_eq!(Outcome::of(true, true, None, false), Outcome::Uncounted);
        assert_eq!(
            Outcome::of(false, true, Some("found"), false),
            Outcome::Unexpected
        );
        assert_eq!(
            Outcome::of(false, false, Some("found"), false),
            Outcome::Unknown
        );
    }
}
