//! What every CSV import shares: reading the header row against the names a
//! file may use, wording a malformed row, and reporting many bad rows at once.

use anyhow::{Result, bail};

/// The most bad rows an import lists before it only counts them.
pub const MAX_REPORTED_ROWS: usize = 20;

/// The columns named by a header row, lower-cased, checked against the names
/// the file may use (`allowed`) and must use (`required`). The header may
/// start with the byte-order mark Excel and WPS write.
pub fn header_columns(
    headers: &csv::StringRecord,
    file: &str,
    allowed: &[&str],
    required: &[&str],
) -> Result<Vec<String>> {
    let mut columns: Vec<String> = Vec::with_capacity(headers.len());
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase();
        if !allowed.contains(&h.as_str()) {
            bail!(
                "{file}: line 1, column {}: unknown header {h:?}; expected some of {}",
                i + 1,
                allowed.join(", ")
            );
        }
        if columns.contains(&h) {
            bail!(
                "{file}: line 1, column {}: header {h:?} appears twice",
                i + 1
            );
        }
        columns.push(h);
    }
    for name in required {
        if !columns.iter().any(|c| c == name) {
            bail!("{file}: line 1: the header has no {name:?} column");
        }
    }
    Ok(columns)
}

/// A malformed row in words an officer can act on.
pub fn error_text(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("the row has {len} fields but the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => {
            "the row is not valid UTF-8 (save the file as UTF-8)".to_string()
        }
        _ => e.to_string(),
    }
}

/// Many bad rows, reported together so the officer can fix the file in one go.
#[derive(Debug)]
pub struct BadRows {
    pub lines: Vec<String>,
    pub total: u64,
    pub file: String,
}

impl std::fmt::Display for BadRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Each bad row is its own `error:` line; main prefixes the first.
        for line in &self.lines {
            write!(f, "{}: {line}\nerror: ", self.file)?;
        }
        if self.total > self.lines.len() as u64 {
            write!(
                f,
                "{}: {} more bad rows not shown\nerror: ",
                self.file,
                self.total - self.lines.len() as u64
            )?;
        }
        write!(
            f,
            "{}: {} bad rows; nothing was imported",
            self.file, self.total
        )
    }
}

impl std::error::Error for BadRows {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_checked() {
        let h = csv::StringRecord::from(vec!["\u{feff}Tag", "software"]);
        assert_eq!(
            header_columns(&h, "f.csv", &["tag", "software", "version"], &["tag"]).unwrap(),
            ["tag", "software"]
        );
        let e = header_columns(&h, "f.csv", &["tag"], &["tag"])
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "f.csv: line 1, column 2: unknown header \"software\"; expected some of tag"
        );
        let e = header_columns(&h, "f.csv", &["tag", "software", "version"], &["version"])
            .unwrap_err()
            .to_string();
        assert_eq!(e, "f.csv: line 1: the header has no \"version\" column");
        let twice = csv::StringRecord::from(vec!["tag", "TAG"]);
        assert!(
            header_columns(&twice, "f.csv", &["tag"], &[])
                .unwrap_err()
                .to_string()
                .contains("appears twice")
        );
    }
}
