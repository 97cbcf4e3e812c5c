//! The one renderer: rows -> table (comfy-table) | CSV | JSON | xlsx | HTML,
//! for every command. Commands never print on their own; they hand [`Rows`]
//! or findings here, so that every command honours `--format`, `--bom`,
//! `--columns` and `--output` the same way.
//!
//! - `table.rs`: tables that fit the terminal, streamed in blocks;
//! - `xlsx.rs`: workbooks (rust_xlsxwriter);
//! - `html.rs`: self-contained pages, the printable forms and the report;
//! - `target.rs`: where the bytes go (stdout or `--output FILE`, all or nothing).

mod columns;
pub mod html;
pub mod paper;
pub mod report;
mod table;
mod target;
mod xlsx;

use std::io::{self, IsTerminal, Write};

use anyhow::{Result, bail};
use clap::ValueEnum;
use comfy_table::{Cell, ContentArrangement, Table, presets};

pub use columns::Selection;
pub use paper::Paper;
pub use target::Target;

use crate::domain::findings::{self, Finding};
use crate::domain::time::{rfc3339_local, show_instant, stored_instant};
use crate::i18n::Lang;
use crate::rows::{Rows, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// An aligned table for people (correct width for Chinese text).
    #[default]
    Table,
    /// RFC 4180 CSV with a header row, safe to open in a spreadsheet.
    Csv,
    /// A JSON array of objects with stable field names.
    Json,
    /// An Excel workbook (to --output FILE, or to standard output when it is
    /// not a terminal): headers in the chosen language, real dates, money as numbers.
    Xlsx,
    /// One self-contained HTML page that prints on A4 (forms, the report, any listing).
    Html,
}

pub struct Output {
    pub format: Format,
    bom: bool,
    lang: Lang,
    out: Target,
    /// `--columns` / `--wide`, and whether a person reads the table.
    select: Selection,
    /// The organisation's name, printed at the head of forms.
    pub organisation: Option<String>,
}

/// How the user asked for the output.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub format: Format,
    pub bom: bool,
    pub lang: Lang,
    pub output: Option<std::path::PathBuf>,
    pub columns: Option<Vec<String>>,
    pub wide: bool,
    pub organisation: Option<String>,
}

impl Output {
    /// Output to standard output or `--output FILE`. Refused before anything
    /// runs: a workbook to a terminal, a file in a missing directory or over
    /// a directory.
    pub fn new(o: Options) -> Result<Output> {
        let out = match &o.output {
            Some(path) => Target::file(path, o.lang)?,
            None => {
                if o.format == Format::Xlsx && io::stdout().is_terminal() {
                    bail!("{}", o.lang.msg("output.xlsx_terminal", &[]));
                }
                Target::stdout()
            }
        };
        let terminal = o.output.is_none() && io::stdout().is_terminal();
        Ok(Output {
            format: o.format,
            bom: o.bom,
            lang: o.lang,
            out,
            select: Selection::new(o.columns, o.wide, terminal && o.format == Format::Table),
            organisation: o.organisation,
        })
    }

    /// Output that goes nowhere: for commands the demo runs on the user's behalf.
    pub fn sink() -> Output {
        Output {
            format: Format::Table,
            bom: false,
            lang: Lang::En,
            out: Target::sink(),
            select: Selection::default(),
            organisation: None,
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether `--columns` chose the columns (a listing then stays a listing
    /// rather than becoming a form).
    pub fn columns_chosen(&self) -> bool {
        self.select.chosen()
    }

    /// Makes a `--output` file appear, whole; until then it does not exist.
    pub fn commit(&mut self) -> Result<()> {
        self.out.commit()
    }

    /// Writes a finished binary or text document (a workbook, a page).
    pub(crate) fn bytes(&mut self, bytes: &[u8]) -> Result<()> {
        self.out.write_all(bytes)?;
        self.out.flush()?;
        Ok(())
    }

    /// A printable form: an HTML page or a workbook sheet; other formats get
    /// the form's rows as [`Output::document`] does.
    pub fn paper(&mut self, paper: &Paper) -> Result<()> {
        match self.format {
            Format::Html => {
                let page = html::paper(paper, self.lang);
                self.bytes(page.as_bytes())
            }
            Format::Xlsx => {
                let book = xlsx::paper(paper)?;
                self.bytes(&book)
            }
            _ => self.document(&paper.document()),
        }
    }

    /// Renders a whole result.
    pub fn rows(&mut self, rows: &Rows) -> Result<()> {
        let mut stream = self.stream(&rows.columns)?;
        for row in &rows.rows {
            stream.push(row)?;
        }
        stream.finish()
    }

    /// Renders one record. A table shows it vertically (field | value), since
    /// a register entry is too wide to read across; CSV and JSON are as for
    /// [`Output::rows`], so scripts see one shape.
    pub fn record(&mut self, rows: &Rows) -> Result<()> {
        if self.format != Format::Table {
            return self.rows(rows);
        }
        let mut table = self.new_table();
        for row in &rows.rows {
            for (key, value) in rows.columns.iter().zip(row) {
                table.add_row(vec![
                    Cell::new(self.lang.header(key)),
                    Cell::new(shown(self.lang, &rows.columns, key, value)),
                ]);
            }
        }
        writeln!(self.out, "{table}")?;
        self.out.flush()?;
        Ok(())
    }

    /// Starts a streamed result: CSV and JSON rows are written as they come,
    /// so a listing of a million rows does not hold them all in memory.
    pub fn stream(&mut self, all: &[&'static str]) -> Result<RowStream<'_>> {
        // The columns shown: `--columns`, else a readable default set for a
        // wide listing on a terminal, else all.
        let pick = self.select.pick(all)?;
        let columns: Vec<&'static str> = pick.iter().map(|&i| all[i]).collect();
        let state = match self.format {
            Format::Table => StreamState::Table(table::Streamed::new(
                columns.iter().map(|k| self.lang.header(k)).collect(),
                self.select.terminal,
            )),
            Format::Xlsx => StreamState::Xlsx(Box::new(xlsx::Sheet::new(&columns, self.lang)?)),
            Format::Html => StreamState::Html(html::Listing::new(&columns, self.lang)),
            Format::Csv => {
                if self.bom {
                    self.out.write_all("\u{feff}".as_bytes())?;
                }
                // The CSV writer takes the output for the length of the stream
                // and gives it back in `finish`.
                let out = std::mem::replace(&mut self.out, Target::sink());
                let mut w = csv::WriterBuilder::new().from_writer(out);
                w.write_record(&columns)?;
                StreamState::Csv(Box::new(w))
            }
            Format::Json => {
                self.out.write_all(b"[")?;
                StreamState::Json { first: true }
            }
        };
        Ok(RowStream {
            out: self,
            columns,
            pick,
            projected: Vec::new(),
            state,
        })
    }

    /// A confirmation of a change. People get the sentence; scripts asking
    /// for CSV or JSON get the changed record instead.
    pub fn done(&mut self, message: &str, record: &Rows) -> Result<()> {
        match self.format {
            Format::Table => {
                let message = match self.lang {
                    crate::i18n::Lang::En => message.to_string(),
                    // Line by line: `init` says what it made, then the zone.
                    crate::i18n::Lang::Zh => message
                        .split('\n')
                        .map(crate::i18n::translate::to_chinese)
                        .collect::<Vec<_>>()
                        .join("\n"),
                };
                writeln!(self.out, "{}", escape_controls(&message, true))?;
                self.out.flush()?;
                Ok(())
            }
            _ => self.rows(record),
        }
    }

    /// A document of rows of any width, such as a form to print: CSV (for a
    /// spreadsheet, honouring `--bom` and formula neutralisation), a table
    /// without a header, or JSON as an array of arrays.
    pub fn document(&mut self, rows: &[Vec<Value>]) -> Result<()> {
        match self.format {
            Format::Xlsx => {
                let book = xlsx::document(rows)?;
                return self.bytes(&book);
            }
            Format::Html => {
                let page = html::document(rows, self.lang);
                return self.bytes(page.as_bytes());
            }
            Format::Table => {
                let mut table = self.new_table();
                for row in rows {
                    table.add_row(
                        row.iter()
                            .map(|v| Cell::new(escape_controls(&person_text(v), true))),
                    );
                }
                writeln!(self.out, "{table}")?;
            }
            Format::Csv => {
                if self.bom {
                    self.out.write_all("\u{feff}".as_bytes())?;
                }
                for row in rows {
                    if row.is_empty() {
                        // A blank line between the parts of a form.
                        self.out.write_all(b"\n")?;
                    } else {
                        let mut w = csv::WriterBuilder::new()
                            .flexible(true)
                            .from_writer(&mut self.out);
                        w.write_record(row.iter().map(csv_cell))?;
                        w.flush()?;
                    }
                }
            }
            Format::Json => {
                let doc: Vec<Vec<serde_json::Value>> = rows
                    .iter()
                    .map(|r| r.iter().map(|v| script_value(v).to_json()).collect())
                    .collect();
                serde_json::to_writer(&mut self.out, &doc)?;
                self.out.write_all(b"\n")?;
            }
        }
        self.out.flush()?;
        Ok(())
    }

    /// Plain text, for output that has no tabular form (e.g. a man page).
    pub fn text(&mut self, text: &str) -> Result<()> {
        self.out.write_all(escape_controls(text, true).as_bytes())?;
        self.out.flush()?;
        Ok(())
    }

    /// Renders check results: the findings table (or CSV/JSON), or with
    /// `nagios` the plugin format. Returns the exit code the findings call for.
    pub fn findings(&mut self, label: &str, list: &mut [Finding], nagios: bool) -> Result<u8> {
        findings::sort(list);
        if self.lang == Lang::Zh {
            for f in list.iter_mut() {
                if let Some(zh) = f.message_zh.take() {
                    f.message = zh;
                }
                if let Some(zh) = f.subject_zh.take() {
                    f.subject = zh;
                }
            }
        }
        if nagios {
            self.text(&findings::nagios(label, list))?;
        } else if list.is_empty() && self.format == Format::Table {
            let line = format!("{}\n", self.lang.msg("findings.none", &[&label]));
            self.text(&line)?;
        } else {
            let mut rows = Rows::new(&["severity", "area", "subject", "message", "requirement"]);
            for f in list.iter() {
                rows.push(vec![
                    f.severity.as_str().into(),
                    f.area.into(),
                    f.subject.clone().into(),
                    f.message.clone().into(),
                    f.requirement.into(),
                ]);
            }
            self.rows(&rows)?;
        }
        Ok(findings::exit_code(list))
    }
}

enum StreamState {
    Table(table::Streamed),
    Csv(Box<csv::Writer<Target>>),
    Json { first: bool },
    Xlsx(Box<xlsx::Sheet>),
    Html(html::Listing),
}

pub struct RowStream<'a> {
    out: &'a mut Output,
    columns: Vec<&'static str>,
    /// The indices of the shown columns in the rows pushed.
    pick: Vec<usize>,
    projected: Vec<Value>,
    state: StreamState,
}

impl RowStream<'_> {
    pub fn push(&mut self, full: &[Value]) -> Result<()> {
        let row: &[Value] = if self.pick.len() == full.len() {
            full
        } else {
            self.projected.clear();
            self.projected.extend(
                self.pick
                    .iter()
                    .map(|&i| full.get(i).cloned().unwrap_or(Value::Null)),
            );
            &self.projected
        };
        match &mut self.state {
            StreamState::Table(table) => {
                let lang = self.out.lang;
                let cells = self
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(k, v)| shown(lang, &self.columns, k, v));
                table.push(cells.collect(), &mut self.out.out)?;
            }
            StreamState::Xlsx(sheet) => sheet.push(&self.columns, row, self.out.lang)?,
            StreamState::Html(page) => page.push(&self.columns, row, self.out.lang),
            StreamState::Csv(w) => {
                w.write_record(row.iter().map(csv_cell))?;
            }
            StreamState::Json { first } => {
                let mut obj = serde_json::Map::with_capacity(row.len());
                for (k, v) in self.columns.iter().zip(row) {
                    obj.insert((*k).to_string(), script_value(v).to_json());
                }
                if !*first {
                    self.out.out.write_all(b",")?;
                }
                *first = false;
                self.out.out.write_all(b"\n")?;
                serde_json::to_writer(&mut self.out.out, &serde_json::Value::Object(obj))?;
            }
        }
        Ok(())
    }

    pub fn finish(self) -> Result<()> {
        match self.state {
            StreamState::Table(table) => table.finish(&mut self.out.out)?,
            StreamState::Xlsx(sheet) => {
                let book = sheet.finish()?;
                self.out.out.write_all(&book)?;
            }
            StreamState::Html(page) => {
                let page = page.finish(self.out.organisation.as_deref());
                self.out.out.write_all(page.as_bytes())?;
            }
            StreamState::Csv(w) => {
                self.out.out = (*w).into_inner().map_err(|e| e.into_error())?;
            }
            StreamState::Json { first } => {
                if !first {
                    self.out.out.write_all(b"\n")?;
                }
                self.out.out.write_all(b"]\n")?;
            }
        }
        self.out.out.flush()?;
        Ok(())
    }
}

/// A cell as a table shows it in the chosen language: the tool's own words
/// (enumerations, yes/no) translated, data as it is.
fn shown(lang: Lang, columns: &[&str], key: &str, v: &Value) -> String {
    match v {
        Value::Bool(b) => lang.yes_no(*b).to_string(),
        Value::Text(t) if let Some(at) = stored_instant(t) => show_instant(at),
        _ => {
            let text = v.display();
            escape_controls(&lang.cell_text(columns, key, &text), true)
        }
    }
}

/// A cell's text for a person, with no translation: stored instants in the
/// register's zone.
fn person_text(v: &Value) -> String {
    match v {
        Value::Text(t) if let Some(at) = stored_instant(t) => show_instant(at),
        _ => v.display(),
    }
}

impl Output {
    /// A whole table (a record, a form): fitted to the terminal's width when
    /// a person reads it, every column at full width when piped.
    fn new_table(&self) -> Table {
        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED);
        if self.select.terminal {
            table.set_content_arrangement(ContentArrangement::Dynamic);
        } else {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
        table
    }
}

/// A cell as scripts read it: a stored instant (UTC) carries the register
/// zone's offset, so that the local reading is visible and nothing is lost.
fn script_value(v: &Value) -> std::borrow::Cow<'_, Value> {
    match v {
        Value::Text(t) if let Some(at) = stored_instant(t) => {
            std::borrow::Cow::Owned(Value::Text(rfc3339_local(at)))
        }
        _ => std::borrow::Cow::Borrowed(v),
    }
}

/// Text as a terminal may safely show it: every control character (C0, DEL,
/// C1, so ESC and the CSI and OSC sequences it starts) is written as
/// `\u{1b}`, so a stored name cannot retitle, clear or recolour the
/// reader's terminal. Line breaks stay when `keep_newlines`.
pub fn escape_controls(text: &str, keep_newlines: bool) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && !(keep_newlines && (c == '\n' || c == '\t')) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A CSV cell. Text that a spreadsheet would read as a formula (starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return, or their full-width forms
/// `＝＋－＠`, which WPS and Excel in a Chinese locale also take as formula
/// signs) is prefixed with `'`, the OWASP-recommended neutralisation, so an
/// exported register cannot run code in Excel or WPS. Numbers are typed and
/// never touched.
fn csv_cell(v: &Value) -> String {
    let s = script_value(v).display();
    if v.is_text()
        && s.starts_with([
            '=', '+', '-', '@', '\t', '\r', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
        ])
    {
        format!("'{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_but_numbers_are_not() {
        assert_eq!(csv_cell(&Value::Text("=1+2".into())), "'=1+2");
        assert_eq!(csv_cell(&Value::Text("@SUM(A1)".into())), "'@SUM(A1)");
        assert_eq!(csv_cell(&Value::Text("\tx".into())), "'\tx");
        assert_eq!(csv_cell(&Value::Int(-3)), "-3");
        assert_eq!(csv_cell(&Value::Text("王医生".into())), "王医生");
        assert_eq!(csv_cell(&Value::Text("＝1+2".into())), "'＝1+2");
        assert_eq!(csv_cell(&Value::Text("＋1".into())), "'＋1");
        assert_eq!(csv_cell(&Value::Text("－1".into())), "'－1");
        assert_eq!(csv_cell(&Value::Text("＠SUM(A1)".into())), "'＠SUM(A1)");
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(
            escape_controls("\u{1b}]0;PWNED\u{7}\u{1b}[2J", true),
            "\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J"
        );
        assert_eq!(escape_controls("a\nb\u{9b}c", true), "a\nb\\u{9b}c");
        assert_eq!(escape_controls("a\nb", false), "a\\u{a}b");
        assert_eq!(escape_controls("王医生", true), "王医生");
    }

    /// A property test over stored text: whatever a name holds, a table
    /// cell shows no control character but a line break or tab, and a CSV
    /// cell never starts with a formula sign.
    #[test]
    fn no_stored_text_reaches_the_terminal_or_a_formula() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let alphabet: Vec<char> =
            "a王=+-@＝＋－＠\t\r\n\u{0}\u{7}\u{1b}[]0;\u{7f}\u{85}\u{9b}\u{9d}\\"
                .chars()
                .collect();
        for _ in 0..20_000 {
            let len = (next() % 16) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let shown = escape_controls(&text, true);
            assert!(
                !shown
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\t'),
                "{text:?} -> {shown:?}"
            );
            let one_line = escape_controls(&text, false);
            assert!(!one_line.chars().any(char::is_control), "{text:?}");
            let cell = csv_cell(&Value::Text(text.clone()));
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']),
                "{text:?} -> {cell:?}"
            );
        }
    }
}
