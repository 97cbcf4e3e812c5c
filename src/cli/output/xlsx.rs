//! Workbooks (rust_xlsxwriter): headers in the chosen language, instants and
//! dates as real date cells in the register's zone, money as numbers shown
//! `¥#,##0.00`, the header row frozen, columns as wide as their text.

use anyhow::{Result, anyhow};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use unicode_width::UnicodeWidthStr;

use super::paper::Paper;
use crate::domain::time::{stored_instant, zone};
use crate::i18n::Lang;
use crate::rows::Value;

/// Excel's last row (1,048,576 including the header).
const MAX_ROWS: u32 = 1_048_575;
const MAX_WIDTH: usize = 60;

pub const MONEY_FORMAT: &str = "¥#,##0.00";

struct Formats {
    header: Format,
    money: Format,
    date: Format,
    datetime: Format,
    decimal: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin),
            money: Format::new().set_num_format(MONEY_FORMAT),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            datetime: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            decimal: Format::new().set_num_format("0.0"),
        }
    }
}

/// A listing as one sheet.
pub struct Sheet {
    ws: Worksheet,
    f: Formats,
    row: u32,
    widths: Vec<usize>,
}

impl Sheet {
    pub fn new(columns: &[&str], lang: Lang) -> Result<Sheet> {
        let f = Formats::new();
        let mut ws = Worksheet::new();
        let mut widths = Vec::with_capacity(columns.len());
        for (c, key) in columns.iter().enumerate() {
            let h = lang.header(key);
            widths.push(h.width());
            ws.write_string_with_format(0, c as u16, &h, &f.header)
                .map_err(xl)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xl)?;
        Ok(Sheet {
            ws,
            f,
            row: 0,
            widths,
        })
    }

    pub fn push(&mut self, columns: &[&str], row: &[Value], lang: Lang) -> Result<()> {
        if self.row >= MAX_ROWS {
            return Err(anyhow!(
                "--format xlsx: more than {MAX_ROWS} rows, the most a worksheet holds; filter the listing or use --format csv"
            ));
        }
        self.row += 1;
        for (c, (key, v)) in columns.iter().zip(row).enumerate() {
            let w = cell(
                &mut self.ws,
                &self.f,
                self.row,
                c as u16,
                columns,
                key,
                v,
                lang,
            )?;
            if let Some(max) = self.widths.get_mut(c) {
                *max = (*max).max(w);
            }
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<Vec<u8>> {
        for (c, w) in self.widths.iter().enumerate() {
            self.ws
                .set_column_width(c as u16, (w + 2).min(MAX_WIDTH) as f64)
                .map_err(xl)?;
        }
        let mut book = Workbook::new();
        book.push_worksheet(self.ws);
        book.save_to_buffer().map_err(xl)
    }
}

/// Writes one cell; returns its display width for the column's width.
#[allow(clippy::too_many_arguments)]
fn cell(
    ws: &mut Worksheet,
    f: &Formats,
    r: u32,
    c: u16,
    columns: &[&str],
    key: &str,
    v: &Value,
    lang: Lang,
) -> Result<usize> {
    match v {
        Value::Null => Ok(0),
        Value::Int(i) => {
            ws.write_number(r, c, *i as f64).map_err(xl)?;
            Ok(i.to_string().len())
        }
        Value::Float(x) => {
            ws.write_number_with_format(r, c, *x, &f.decimal)
                .map_err(xl)?;
            Ok(format!("{x:.1}").len())
        }
        Value::Money(fen) => {
            ws.write_number_with_format(r, c, *fen as f64 / 100.0, &f.money)
                .map_err(xl)?;
            Ok(v.display().len() + 3)
        }
        Value::Bool(b) => {
            let t = lang.yes_no(*b);
            ws.write_string(r, c, t).map_err(xl)?;
            Ok(t.width())
        }
        Value::Text(t) => {
            if let Some(at) = stored_instant(t) {
                let local = at.with_timezone(&zone()).naive_local();
                ws.write_datetime_with_format(r, c, excel_datetime(local)?, &f.datetime)
                    .map_err(xl)?;
                return Ok(16);
            }
            if let Some(d) = date(t) {
                ws.write_datetime_with_format(r, c, excel_date(d)?, &f.date)
                    .map_err(xl)?;
                return Ok(10);
            }
            let shown = lang.cell_text(columns, key, t);
            ws.write_string(r, c, &shown).map_err(xl)?;
            Ok(shown.lines().map(|l| l.width()).max().unwrap_or(0))
        }
    }
}

/// A calendar date exactly as the register stores it.
fn date(t: &str) -> Option<NaiveDate> {
    if t.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .filter(|d| d.format("%Y-%m-%d").to_string() == t)
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).map_err(xl)
}

fn excel_datetime(t: NaiveDateTime) -> Result<ExcelDateTime> {
    excel_date(t.date())?
        .and_hms(t.hour() as u16, t.minute() as u8, t.second() as f64)
        .map_err(xl)
}

fn xl(e: rust_xlsxwriter::XlsxError) -> anyhow::Error {
    anyhow!("--format xlsx: {e}")
}

/// Rows of any width (a form as CSV would have it) as one sheet.
pub fn document(rows: &[Vec<Value>]) -> Result<Vec<u8>> {
    let f = Formats::new();
    let mut ws = Worksheet::new();
    let mut widths: Vec<usize> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let w = cell(&mut ws, &f, r as u32, c as u16, &[], "", v, Lang::En)?;
            if widths.len() <= c {
                widths.resize(c + 1, 0);
            }
            widths[c] = widths[c].max(w);
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (w + 2).min(MAX_WIDTH) as f64)
            .map_err(xl)?;
    }
    let mut book = Workbook::new();
    book.push_worksheet(ws);
    book.save_to_buffer().map_err(xl)
}

/// A printable form as a sheet: organisation and title merged across the
/// table, the date, the fields, each table with a bold header and its total,
/// then the signature lines; set to print on A4, one page wide.
pub fn paper(p: &Paper) -> Result<Vec<u8>> {
    let f = Formats::new();
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let centre = Format::new().set_align(FormatAlign::Center);
    let bold = Format::new().set_bold();
    let boxed = Format::new().set_border(FormatBorder::Thin).set_bold();
    let mut ws = Worksheet::new();
    ws.set_name(sheet_name(&p.title)).map_err(xl)?;
    // A4 is paper size 9 in Excel's numbering.
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    let span = p
        .tables
        .iter()
        .map(|t| t.header.len())
        .max()
        .unwrap_or(2)
        .max(3) as u16;
    let mut widths: Vec<usize> = vec![8; span as usize];
    let mut r: u32 = 0;
    if let Some(org) = &p.organisation {
        ws.merge_range(r, 0, r, span - 1, org, &centre)
            .map_err(xl)?;
        r += 1;
    }
    ws.merge_range(r, 0, r, span - 1, &p.title, &title)
        .map_err(xl)?;
    r += 1;
    ws.merge_range(r, 0, r, span - 1, &p.date, &centre)
        .map_err(xl)?;
    r += 2;
    for (label, value) in &p.fields {
        ws.write_string_with_format(r, 0, label, &bold)
            .map_err(xl)?;
        widths[0] = widths[0].max(label.width());
        cell(&mut ws, &f, r, 1, &[], "", value, Lang::En)?;
        r += 1;
    }
    for t in &p.tables {
        r += 1;
        if let Some(h) = &t.heading {
            ws.write_string_with_format(r, 0, h, &bold).map_err(xl)?;
            r += 1;
        }
        for (c, h) in t.header.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, h, &boxed)
                .map_err(xl)?;
            if widths.len() <= c {
                widths.resize(c + 1, 8);
            }
            widths[c] = widths[c].max(h.width());
        }
        r += 1;
        for row in t.rows.iter().chain(t.total.iter()) {
            for (c, v) in row.iter().enumerate() {
                let w = cell(&mut ws, &f, r, c as u16, &[], "", v, Lang::En)?;
                if widths.len() <= c {
                    widths.resize(c + 1, 8);
                }
                widths[c] = widths[c].max(w);
            }
            r += 1;
        }
    }
    if !p.signatures.is_empty() {
        r += 2;
        for s in &p.signatures {
            ws.write_string_with_format(r, 0, format!("{}：", s.role), &bold)
                .map_err(xl)?;
            ws.write_string(r, 1, &s.name).map_err(xl)?;
            ws.write_string(r, 2, &s.date).map_err(xl)?;
            r += 1;
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (w + 2).min(MAX_WIDTH) as f64)
            .map_err(xl)?;
    }
    let mut book = Workbook::new();
    book.push_worksheet(ws);
    book.save_to_buffer().map_err(xl)
}

/// A sheet name: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    let clean: String = title
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '《' | '》'))
        .take(31)
        .collect();
    if clean.trim().is_empty() {
        "Sheet1".to_string()
    } else {
        clean
    }
}
