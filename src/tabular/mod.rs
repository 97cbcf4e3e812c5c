//! The one reader behind every tabular import: CSV (UTF-8 with or without a
//! byte-order mark, or GB18030/GBK as Excel and WPS save it on Chinese
//! Windows), `.xlsx`, `.xls` and `.ods`. The format is told by the file's
//! content, not its name. Headers are mapped to an importer's fields through
//! the names offices use (see [`Schema`]) and the user's own [`Mapping`];
//! every row comes with its [`Position`], so an error names the physical line
//! of a CSV file, or the sheet, row and column of a workbook.
//!
//! ```no_run
//! # use infogov::tabular::*;
//! # fn f() -> anyhow::Result<()> {
//! const SCHEMA: Schema = Schema {
//!     fields: &["tag", "note"],
//!     required: &["tag"],
//!     synonyms: &[("资产编号", "tag"), ("备注", "note")],
//!     lenient: false,
//! };
//! let mut table = Table::open(
//!     std::path::Path::new("scan.xlsx"),
//!     &ReadOptions::default(),
//!     &SCHEMA,
//!     &Mapping::default(),
//! )?;
//! while let Some(row) = table.next_row() {
//!     let row = row?; // a fatal fault of the file (I/O, broken workbook)
//!     match row {
//!         Ok(row) => println!("{}: {:?}", row.at("tag"), row.get("tag")),
//!         Err(bad) => eprintln!("{}: {bad}", table.file()), // one bad row
//!     }
//! }
//! # Ok(()) }
//! ```

mod csvsource;
#[cfg(test)]
mod fuzz;
pub mod header;
pub mod schemas;
pub mod values;
mod workbook;

use std::io::Read;
use std::path::Path;
use std::rc::Rc;

use anyhow::{Context, Result, bail};

pub use header::{Mapping, Schema};

/// The most bytes one cell may hold. A register's cell is a name, a date or a
/// short note; a bigger one is a broken export, refused before it reaches
/// the register (and before it costs memory in every later command).
pub const MAX_CELL_BYTES: usize = 64 * 1024;

/// The most bad rows an import lists before it only counts them.
pub const MAX_REPORTED_ROWS: usize = crate::domain::csvfile::MAX_REPORTED_ROWS;

/// How the text of a CSV file is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// GB18030, the superset of GBK and GB2312.
    Gb18030,
}

impl Encoding {
    /// Reads `--encoding`.
    pub fn parse(field: &str, value: &str) -> Result<Encoding> {
        match value.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "gb18030" | "gbk" | "gb2312" | "cp936" => Ok(Encoding::Gb18030),
            _ => bail!("{field}: {value:?} is not an encoding; expected utf-8 or gb18030 (gbk)"),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

/// What the user said about reading the file.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The sheet of a workbook (default: the first that has data).
    pub sheet: Option<String>,
    /// The encoding of a CSV file (default: detected).
    pub encoding: Option<Encoding>,
}

/// The kinds of file the reader knows, as told by their content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv(Encoding),
    Xlsx,
    Xls,
    Ods,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv(Encoding::Utf8) => "CSV (UTF-8)",
            Format::Csv(Encoding::Gb18030) => "CSV (GB18030)",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
        }
    }
}

/// Where a row is in its file, as the user finds it there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    /// The physical line of a CSV file on which the row starts (a quoted
    /// cell may span lines; CR LF counts as one line end).
    Line(u64),
    /// A row of a workbook, numbered as the spreadsheet program shows it.
    Cell { sheet: String, row: u32 },
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Position::Line(n) => write!(f, "line {n}"),
            Position::Cell { sheet, row } => write!(f, "sheet {sheet}, row {row}"),
        }
    }
}

impl Position {
    /// The row number alone: the line of a CSV file, the row of a sheet.
    pub fn number(&self) -> u64 {
        match self {
            Position::Line(n) => *n,
            Position::Cell { row, .. } => u64::from(*row),
        }
    }
}

/// A row whose values are by field, with the headers they came from.
#[derive(Debug, Clone)]
pub struct Row {
    pub pos: Position,
    /// (field, header as written in the file, value), in column order.
    cells: Vec<(&'static str, Rc<str>, String)>,
}

impl Row {
    /// The trimmed value of a field; `None` when the column is absent or the
    /// cell is empty.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.cells
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, _, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// Every (field, value) of the row, empty cells included.
    pub fn fields(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.cells.iter().map(|(f, _, v)| (*f, v.as_str()))
    }

    /// Where a field of this row is: `line 12, column 使用科室`, or
    /// `sheet 固定资产登记表, row 12, column 使用科室`. The column is named by
    /// the header the file gives it.
    pub fn at(&self, field: &str) -> String {
        let header = self
            .cells
            .iter()
            .find(|(f, _, _)| *f == field)
            .map_or(field, |(_, h, _)| h);
        format!("{}, column {header}", self.pos)
    }
}

/// A row the reader could not make sense of (the wrong number of cells, a
/// cell too big, text in the wrong encoding); the rest of the file can
/// still be read, so an import reports all of them at once.
#[derive(Debug, Clone)]
pub struct BadRow {
    pub pos: Position,
    pub fault: String,
}

impl std::fmt::Display for BadRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.pos, self.fault)
    }
}

/// Raw rows as a source gives them: cells as text, before header mapping.
pub(crate) struct RawRow {
    pub pos: Position,
    pub cells: Vec<String>,
}

pub(crate) trait Source {
    /// The next non-blank row. `Err` is fatal; `Ok(Some(Err))` is one bad row.
    fn next_raw(&mut self) -> Result<Option<Result<RawRow, BadRow>>>;
    /// How far through the file, and its size, in bytes (for a progress bar).
    fn progress(&self) -> (u64, u64);
}

/// An open file: its header mapped to the importer's fields, its rows to come.
pub struct Table {
    file: String,
    format: Format,
    /// The field of each column (`None`: skipped, e.g. 序号 or `--ignore`).
    columns: Vec<Option<&'static str>>,
    headers: Vec<Rc<str>>,
    source: Box<dyn Source>,
}

impl Table {
    /// Opens a file, tells its format by its content, reads its header row
    /// and maps it. A fault of the file itself (not a workbook though named
    /// one, a password, no header, an unknown column) is an error naming the
    /// file.
    pub fn open(
        path: &Path,
        opts: &ReadOptions,
        schema: &Schema,
        mapping: &Mapping,
    ) -> Result<Table> {
        let name = path.display().to_string();
        let mut f =
            std::fs::File::open(path).with_context(|| format!("FILE: cannot open {name}"))?;
        let len = f.metadata().map(|m| m.len()).unwrap_or(0);
        let mut head = Vec::with_capacity(8192);
        (&mut f)
            .take(8)
            .read_to_end(&mut head)
            .with_context(|| format!("{name}: cannot read the file"))?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match sniff(&head) {
            Sniff::Zip | Sniff::Cfb => {
                let mut bytes = head;
                f.read_to_end(&mut bytes)
                    .with_context(|| format!("{name}: cannot read the file"))?;
                Self::workbook(name, bytes, opts, schema, mapping)
            }
            Sniff::Text => {
                refuse_named_workbook(&name, ext.as_deref(), &head)?;
                let rest: Box<dyn Read> = Box::new(std::io::BufReader::with_capacity(
                    256 * 1024,
                    std::io::Cursor::new(head).chain(f),
                ));
                let source = csvsource::CsvSource::new(&name, rest, len, opts.encoding)?;
                Self::finish(
                    name,
                    Format::Csv(source.encoding()),
                    Box::new(source),
                    schema,
                    mapping,
                )
            }
        }
    }

    /// Reads a file already in memory (standard input).
    pub fn from_bytes(
        name: &str,
        bytes: Vec<u8>,
        opts: &ReadOptions,
        schema: &Schema,
        mapping: &Mapping,
    ) -> Result<Table> {
        match sniff(&bytes) {
            Sniff::Zip | Sniff::Cfb => {
                Self::workbook(name.to_string(), bytes, opts, schema, mapping)
            }
            Sniff::Text => {
                let len = bytes.len() as u64;
                let source = csvsource::CsvSource::new(
                    name,
                    Box::new(std::io::Cursor::new(bytes)),
                    len,
                    opts.encoding,
                )?;
                Self::finish(
                    name.to_string(),
                    Format::Csv(source.encoding()),
                    Box::new(source),
                    schema,
                    mapping,
                )
            }
        }
    }

    fn workbook(
        name: String,
        bytes: Vec<u8>,
        opts: &ReadOptions,
        schema: &Schema,
        mapping: &Mapping,
    ) -> Result<Table> {
        if opts.encoding.is_some() {
            bail!(
                "--encoding: {name} is a workbook, which says its own encoding; --encoding is for CSV files"
            );
        }
        let (format, source) = workbook::SheetSource::open(&name, bytes, opts.sheet.as_deref())?;
        Self::finish(name, format, Box::new(source), schema, mapping)
    }

    fn finish(
        file: String,
        format: Format,
        mut source: Box<dyn Source>,
        schema: &Schema,
        mapping: &Mapping,
    ) -> Result<Table> {
        let header = match source.next_raw()? {
            None => bail!("{file}: has no header row (the file holds only blank rows)"),
            Some(Ok(row)) => row,
            Some(Err(bad)) => bail!(
                "{file}: {}: cannot read the header row: {}",
                bad.pos,
                bad.fault
            ),
        };
        let headers: Vec<String> = header.cells.iter().map(|h| h.trim().to_string()).collect();
        let columns = header::map(&file, &header.pos, &headers, schema, mapping)?;
        let headers = headers.into_iter().map(Rc::from).collect();
        Ok(Table {
            file,
            format,
            columns,
            headers,
            source,
        })
    }

    /// The file's name as the user gave it.
    pub fn file(&self) -> &str {
        &self.file
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// The fields the file's columns give, in column order.
    pub fn fields(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.columns.iter().flatten().copied()
    }

    /// How far through the file, and its size, in bytes.
    pub fn progress(&self) -> (u64, u64) {
        self.source.progress()
    }

    /// The next non-blank data row. The outer `Err` is a fault that ends the
    /// reading (I/O, a broken workbook); the inner one a bad row, after
    /// which reading may go on.
    pub fn next_row(&mut self) -> Option<Result<Result<Row, BadRow>>> {
        let raw = match self.source.next_raw() {
            Err(e) => return Some(Err(e)),
            Ok(None) => return None,
            Ok(Some(Err(bad))) => return Some(Ok(Err(bad))),
            Ok(Some(Ok(raw))) => raw,
        };
        let mut cells = Vec::with_capacity(self.columns.len());
        for (i, value) in raw.cells.into_iter().enumerate() {
            match self.columns.get(i) {
                Some(Some(field)) => cells.push((*field, Rc::clone(&self.headers[i]), value)),
                // Skipped by name (序号, --ignore): the user said so.
                Some(None) if !self.headers[i].is_empty() => {}
                // A column with no header is skipped only while it is empty:
                // nothing in the file is dropped without a word.
                _ if value.trim().is_empty() => {}
                _ => {
                    return Some(Ok(Err(BadRow {
                        pos: raw.pos,
                        fault: format!(
                            "column {} has no header but holds {:?}; give it a header or clear the cell",
                            i + 1,
                            clip(&value)
                        ),
                    })));
                }
            }
        }
        Some(Ok(Ok(Row {
            pos: raw.pos,
            cells,
        })))
    }
}

/// At most 40 characters of a value, for an error message.
pub fn clip(v: &str) -> String {
    let mut s: String = v.chars().take(40).collect();
    if s.len() < v.len() {
        s.push('…');
    }
    s
}

enum Sniff {
    Zip,
    Cfb,
    Text,
}

/// Whether the first bytes of a file are a workbook's (a zip: xlsx/ods; an
/// OLE compound file: xls), as the reader itself tells them.
pub fn is_workbook(head: &[u8]) -> bool {
    !matches!(sniff(head), Sniff::Text)
}

fn sniff(head: &[u8]) -> Sniff {
    if head.starts_with(b"PK\x03\x04") {
        Sniff::Zip
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Sniff::Cfb
    } else {
        Sniff::Text
    }
}

/// A file named as a workbook whose content is not one is refused: it is
/// usually a web page or a report that a system saved under an Excel name,
/// and reading it as CSV would give nonsense columns.
fn refuse_named_workbook(name: &str, ext: Option<&str>, head: &[u8]) -> Result<()> {
    let Some(ext @ ("xlsx" | "xlsm" | "xls" | "ods" | "et")) = ext else {
        return Ok(());
    };
    let looks = if head.is_empty() {
        "it is empty".to_string()
    } else if head.first() == Some(&b'<') {
        "it is a web page or XML".to_string()
    } else {
        "its content is not a workbook".to_string()
    };
    bail!(
        "{name}: is named .{ext} but is not a workbook ({looks}); open it in Excel or WPS and save it as .xlsx, or if it is CSV, rename it .csv"
    )
}
