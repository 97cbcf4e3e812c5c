//! Which columns a listing shows: `--columns a,b,c`, else on a terminal a
//! readable default set for the wide listings (unless `--wide`), else all.
//! Piped output keeps every column, so scripts see one shape.

use anyhow::{Result, bail};

/// Wide listings, known by the first columns of their rows, and the columns
/// a person reads by default. The rest are one `--wide` away.
const DEFAULTS: &[(&[&str], &[&str])] = &[
    // audit log
    (
        &["seq", "at", "actor", "os_user"],
        &["seq", "at", "actor", "entity", "key", "action"],
    ),
    // backup runs
    (
        &["system", "kind", "started", "finished"],
        &[
            "system", "kind", "finished", "location", "bytes", "tool", "status",
        ],
    ),
    // asset list
    (
        &["tag", "kind", "name", "model"],
        &[
            "tag",
            "kind",
            "name",
            "dept",
            "custodian",
            "location",
            "status",
            "isolated_by",
        ],
    ),
    // audit report
    (
        &["section", "metric", "subject"],
        &["section", "metric", "subject", "date", "count", "value"],
    ),
    // asset stocktake report / close: what was found where; the register's
    // department and custodian are a --wide away
    (
        &["outcome", "tag", "name", "dept"],
        &[
            "outcome",
            "tag",
            "name",
            "location",
            "found_location",
            "found_custodian",
            "action",
        ],
    ),
    // asset depreciation: the figures finance reads
    (
        &["tag", "name", "kind", "dept", "purchased", "service_life"],
        &[
            "tag",
            "purchased",
            "original",
            "monthly",
            "accumulated",
            "net",
            "note",
        ],
    ),
];

#[derive(Debug, Clone, Default)]
pub struct Selection {
    columns: Option<Vec<String>>,
    wide: bool,
    /// A person reads a table on a terminal.
    pub terminal: bool,
}

impl Selection {
    pub fn new(columns: Option<Vec<String>>, wide: bool, terminal: bool) -> Selection {
        Selection {
            columns,
            wide,
            terminal,
        }
    }

    pub fn chosen(&self) -> bool {
        self.columns.is_some()
    }

    /// The indices into `all` of the columns to show, in order.
    pub fn pick(&self, all: &[&str]) -> Result<Vec<usize>> {
        if let Some(wanted) = &self.columns {
            let mut pick = Vec::with_capacity(wanted.len());
            for w in wanted {
                let w = w.trim();
                match all.iter().position(|c| *c == w) {
                    Some(i) => pick.push(i),
                    None => bail!(
                        "{}",
                        crate::i18n::current()
                            .msg("columns.unknown", &[&format!("{w:?}"), &all.join(",")])
                    ),
                }
            }
            return Ok(pick);
        }
        if self.terminal
            && !self.wide
            && let Some((_, shown)) = DEFAULTS.iter().find(|(sig, _)| all.starts_with(sig))
        {
            return Ok(all
                .iter()
                .enumerate()
                .filter(|(_, c)| shown.contains(c))
                .map(|(i, _)| i)
                .collect());
        }
        Ok((0..all.len()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_only_on_a_terminal_and_columns_are_checked() {
        let all = [
            "seq", "at", "actor", "os_user", "command", "entity", "key", "action", "row",
        ];
        assert_eq!(
            Selection::new(None, false, false).pick(&all).unwrap().len(),
            9
        );
        assert_eq!(
            Selection::new(None, false, true).pick(&all).unwrap(),
            [0, 1, 2, 5, 6, 7]
        );
        assert_eq!(
            Selection::new(None, true, true).pick(&all).unwrap().len(),
            9
        );
        let cols = Some(vec!["row".to_string(), "seq".to_string()]);
        assert_eq!(
            Selection::new(cols, false, false).pick(&all).unwrap(),
            [8, 0]
        );
        let e = Selection::new(Some(vec!["when".into()]), false, false)
            .pick(&all)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("--columns: \"when\" is not a column"), "{e}");
    }
}
