//! Mapping a file's header row to an importer's fields: the English field
//! names, the Chinese names offices use (built into each importer's
//! [`Schema`]), and the user's own `--map` and config table. Nothing is
//! dropped silently: a column that is none of these refuses the file, all
//! such columns listed at once, unless the user leaves it out by name.

use anyhow::{Result, bail};

use super::Position;

/// What an importer reads: its fields, those it cannot do without, and the
/// other names its columns go by in the files offices keep.
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    pub fields: &'static [&'static str],
    pub required: &'static [&'static str],
    /// (header as offices write it, field).
    pub synonyms: &'static [(&'static str, &'static str)],
    /// Columns it does not know are left out instead of refusing the file:
    /// only for files that are read for one column (a stock-take's scan
    /// file, whose time and operator columns are the scanner's), never for a
    /// file whose every column is register data.
    pub lenient: bool,
}

/// Headers of a row-number column, skipped: the number is the spreadsheet's,
/// not the register's.
pub const ROW_NUMBER_HEADERS: &[&str] = &["序号", "序", "行号", "no.", "no", "#"];

/// Where a header mapping came from, for its error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `--map` / `--ignore` on the command line: one naming no column is an
    /// error, as it is surely a typo.
    Command,
    /// The config file: it serves many files, not all of which have every column.
    Config,
}

/// The user's own mapping: `--map 'HEADER=FIELD'`, `--ignore HEADER` and
/// the config table, in that order of precedence.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    pub columns: Vec<(String, String, Origin)>,
    pub ignore: Vec<(String, Origin)>,
}

impl Mapping {
    /// Adds the `--map` arguments (`HEADER=FIELD`).
    pub fn command_maps(&mut self, maps: &[String]) -> Result<()> {
        for m in maps {
            let Some((h, f)) = m.rsplit_once('=') else {
                bail!("--map: {m:?} is not HEADER=FIELD, e.g. --map '使用科室=dept'");
            };
            if h.trim().is_empty() || f.trim().is_empty() {
                bail!("--map: {m:?} is not HEADER=FIELD, e.g. --map '使用科室=dept'");
            }
            self.columns
                .push((h.to_string(), f.trim().to_string(), Origin::Command));
        }
        Ok(())
    }

    pub fn command_ignores(&mut self, ignore: &[String]) {
        for i in ignore {
            self.ignore.push((i.clone(), Origin::Command));
        }
    }

    /// Adds a config table (`HEADER = "FIELD"`) and its `ignore` list, after
    /// the command line's, which therefore win.
    pub fn config<'a>(
        &mut self,
        columns: impl IntoIterator<Item = (&'a String, &'a String)>,
        ignore: &[String],
    ) {
        for (h, f) in columns {
            self.columns.push((h.clone(), f.clone(), Origin::Config));
        }
        for i in ignore {
            self.ignore.push((i.clone(), Origin::Config));
        }
    }
}

/// A header as compared: no byte-order mark, full-width letters, digits and
/// brackets as ASCII, no white space, ASCII lower case. `原值（元）` and
/// `原值(元)`, `Tag` and ` tag ` are each one header.
pub fn normalize(h: &str) -> String {
    h.trim_start_matches('\u{feff}')
        .chars()
        .filter_map(|c| {
            let c = super::values::half_width(c);
            (!c.is_whitespace()).then(|| c.to_ascii_lowercase())
        })
        .collect()
}

/// Maps each column to a field, or to `None` (skipped). Refuses unknown
/// columns (all listed), two columns for one field, a missing required
/// field, and a `--map`/`--ignore` that names no column.
pub fn map(
    file: &str,
    at: &Position,
    headers: &[String],
    schema: &Schema,
    mapping: &Mapping,
) -> Result<Vec<Option<&'static str>>> {
    let fields = schema.fields.join(", ");
    let field_of = |name: &str, m: &str| -> Result<&'static str> {
        let n = name.trim().to_ascii_lowercase();
        match schema.fields.iter().find(|f| **f == n) {
            Some(f) => Ok(f),
            None => bail!("--map: {m:?}: {name:?} is not a field; expected one of {fields}"),
        }
    };
    let normalized: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    for (h, f, from) in &mapping.columns {
        field_of(f, &format!("{h}={f}"))?;
        if *from == Origin::Command && !normalized.contains(&normalize(h)) {
            bail!(
                "--map: {file} has no column {h:?}; its headers are {}",
                quoted(headers)
            );
        }
    }
    for (h, from) in &mapping.ignore {
        if *from == Origin::Command && !normalized.contains(&normalize(h)) {
            bail!(
                "--ignore: {file} has no column {h:?}; its headers are {}",
                quoted(headers)
            );
        }
    }
    let mut columns = Vec::with_capacity(headers.len());
    let mut unknown = Vec::new();
    for (i, n) in normalized.iter().enumerate() {
        let mapped = mapping
            .columns
            .iter()
            .find(|(h, _, _)| normalize(h) == *n)
            .map(|(_, f, _)| f.as_str());
        let column = if n.is_empty() || mapping.ignore.iter().any(|(h, _)| normalize(h) == *n) {
            None
        } else if let Some(f) = mapped {
            Some(field_of(f, f)?)
        } else if let Some(f) = schema.fields.iter().find(|f| **f == n.as_str()) {
            Some(*f)
        } else if let Some((_, f)) = schema.synonyms.iter().find(|(s, _)| normalize(s) == *n) {
            Some(*f)
        } else if ROW_NUMBER_HEADERS.contains(&n.as_str()) || schema.lenient {
            None
        } else {
            unknown.push(format!("{:?} (column {})", headers[i], i + 1));
            None
        };
        if let Some(f) = column
            && let Some(j) = columns.iter().position(|c| *c == Some(f))
        {
            bail!(
                "{file}: {at}: columns {:?} ({}) and {:?} ({}) both give {f}; leave one out with --ignore",
                headers[j],
                j + 1,
                headers[i],
                i + 1
            );
        }
        columns.push(column);
    }
    if !unknown.is_empty() {
        bail!(
            "{file}: {at}: unknown {} {}; name the field of each with --map 'HEADER=FIELD' (fields: {fields}), or leave it out with --ignore 'HEADER'",
            if unknown.len() == 1 {
                "column"
            } else {
                "columns"
            },
            unknown.join(", ")
        );
    }
    for r in schema.required {
        if !columns.contains(&Some(*r)) {
            let names: Vec<&str> = std::iter::once(*r)
                .chain(
                    schema
                        .synonyms
                        .iter()
                        .filter(|(_, f)| f == r)
                        .map(|(s, _)| *s),
                )
                .collect();
            bail!(
                "{file}: {at}: no column gives {r} (its header may be {}); or name it with --map 'HEADER={r}'",
                names.join(", ")
            );
        }
    }
    Ok(columns)
}

fn quoted(headers: &[String]) -> String {
    headers
        .iter()
        .filter(|h| !h.is_empty())
        .map(|h| format!("{h:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Schema = Schema {
        fields: &["tag", "name", "dept"],
        required: &["name"],
        synonyms: &[
            ("资产编号", "tag"),
            ("资产名称", "name"),
            ("原值(元)", "dept"),
        ],
        lenient: false,
    };

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn chinese_headers_row_numbers_and_full_width_brackets() {
        let cols = map(
            "f.csv",
            &Position::Line(1),
            &h(&["序号", "\u{feff}资产编号", "资产名称", "原值（元）", ""]),
            &S,
            &Mapping::default(),
        )
        .unwrap();
        assert_eq!(cols, [None, Some("tag"), Some("name"), Some("dept"), None]);
    }

    #[test]
    fn every_unknown_column_is_named_with_the_hint() {
        let e = map(
            "f.csv",
            &Position::Line(1),
            &h(&["资产名称", "备注", "使用科室"]),
            &S,
            &Mapping::default(),
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            e,
            "f.csv: line 1: unknown columns \"备注\" (column 2), \"使用科室\" (column 3); name the field of each with --map 'HEADER=FIELD' (fields: tag, name, dept), or leave it out with --ignore 'HEADER'"
        );
        let mut m = Mapping::default();
        m.command_maps(&["使用科室=dept".into()]).unwrap();
        m.command_ignores(&["备注".into()]);
        let cols = map(
            "f.csv",
            &Position::Line(1),
            &h(&["资产名称", "备注", "使用科室"]),
            &S,
            &m,
        )
        .unwrap();
        assert_eq!(cols, [Some("name"), None, Some("dept")]);
    }

    #[test]
    fn mistakes_in_the_mapping_are_refused() {
        let mut m = Mapping::default();
        m.command_maps(&["科室=department".into()]).unwrap();
        let e = map(
            "f.csv",
            &Position::Line(1),
            &h(&["资产名称", "科室"]),
            &S,
            &m,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("\"department\" is not a field"), "{e}");
        let mut m = Mapping::default();
        m.command_ignores(&["备考".into()]);
        let e = map("f.csv", &Position::Line(1), &h(&["资产名称"]), &S, &m)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "--ignore: f.csv has no column \"备考\"; its headers are \"资产名称\""
        );
        assert!(Mapping::default().command_maps(&["x".into()]).is_err());
        let e = map(
            "f.csv",
            &Position::Line(1),
            &h(&["资产名称", "name"]),
            &S,
            &Mapping::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("both give name"), "{e}");
        let e = map(
            "f.csv",
            &Position::Line(1),
            &h(&["tag"]),
            &S,
            &Mapping::default(),
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            e,
            "f.csv: line 1: no column gives name (its header may be name, 资产名称); or name it with --map 'HEADER=name'"
        );
    }
}
