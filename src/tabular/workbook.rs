//! Workbooks (`.xlsx`, `.xls`, `.ods`) through calamine. Real date cells
//! become ISO dates; numbers are written back as the shortest decimal that
//! reads as the same number, so a price stays exact to the fen.

use std::io::Cursor;

use anyhow::{Result, bail};
use calamine::{Data, Ods, Range, Reader, Xls, XlsError, Xlsx};

use super::{BadRow, Format, MAX_CELL_BYTES, Position, RawRow, Source, clip};

/// Reads one sheet of an open workbook by name.
type SheetGetter<'a> = Box<dyn FnMut(&str) -> Result<Range<Data>> + 'a>;

pub(crate) struct SheetSource {
    sheet: String,
    range: Range<Data>,
    next: usize,
    first_row: u32,
    size: u64,
}

const PASSWORD: &str = "is protected by a password; open it in Excel or WPS, remove the password, save it, and import it again";

impl SheetSource {
    /// Opens a workbook and its sheet. calamine asserts on some malformed
    /// files rather than returning an error; such a file is refused as
    /// damaged like any other, and the assertion's message is not shown.
    pub(crate) fn open(
        file: &str,
        bytes: Vec<u8>,
        sheet: Option<&str>,
    ) -> Result<(Format, SheetSource)> {
        let kind = if bytes.starts_with(b"PK\x03\x04") {
            if is_ods(&bytes) { "ods" } else { "xlsx" }
        } else {
            "xls"
        };
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            Self::open_inner(file, bytes, sheet)
        }));
        std::panic::set_hook(hook);
        match result {
            Ok(r) => r,
            Err(_) => bail!("{file}: is not a readable {kind} workbook (damaged or incomplete)"),
        }
    }

    fn open_inner(
        file: &str,
        bytes: Vec<u8>,
        sheet: Option<&str>,
    ) -> Result<(Format, SheetSource)> {
        let size = bytes.len() as u64;
        let format = if bytes.starts_with(b"PK\x03\x04") {
            if is_ods(&bytes) {
                Format::Ods
            } else {
                Format::Xlsx
            }
        } else {
            // An encrypted .xlsx is an OLE compound file holding the real
            // workbook in a stream named EncryptionInfo's companion.
            if contains_utf16(&bytes, "EncryptionInfo") {
                bail!("{file}: {PASSWORD}");
            }
            Format::Xls
        };
        let broken = move |e: &dyn std::fmt::Display| {
            anyhow::anyhow!(
                "{file}: is not a readable {} workbook (damaged or incomplete): {e}",
                format.name()
            )
        };
        let cursor = Cursor::new(bytes);
        let (names, mut get): (Vec<String>, SheetGetter<'_>) = match format {
            Format::Xlsx => {
                let mut wb = Xlsx::new(cursor).map_err(|e| broken(&e))?;
                let names = wb.sheet_names();
                (
                    names,
                    Box::new(move |s| wb.worksheet_range(s).map_err(|e| broken(&e))),
                )
            }
            Format::Ods => {
                let mut wb = Ods::new(cursor).map_err(|e| match e {
                    calamine::OdsError::Password => anyhow::anyhow!("{file}: {PASSWORD}"),
                    e => broken(&e),
                })?;
                let names = wb.sheet_names();
                (
                    names,
                    Box::new(move |s| wb.worksheet_range(s).map_err(|e| broken(&e))),
                )
            }
            _ => {
                let mut wb = Xls::new(cursor).map_err(|e| match e {
                    XlsError::Password => anyhow::anyhow!("{file}: {PASSWORD}"),
                    e => broken(&e),
                })?;
                let names = wb.sheet_names();
                (
                    names,
                    Box::new(move |s| wb.worksheet_range(s).map_err(|e| broken(&e))),
                )
            }
        };
        let has_data = |r: &Range<Data>| r.used_cells().any(|(_, _, c)| !is_blank(c));
        let (sheet, range) = match sheet {
            Some(want) => {
                let Some(name) = names.iter().find(|n| n.trim() == want.trim()) else {
                    bail!(
                        "--sheet: {file} has no sheet {want:?}; its sheets are {}",
                        list(&names)
                    );
                };
                let range = get(name)?;
                if !has_data(&range) {
                    bail!("{file}: sheet {name} is empty");
                }
                (name.clone(), range)
            }
            None => {
                let mut found = None;
                for name in &names {
                    let range = get(name)?;
                    if has_data(&range) {
                        found = Some((name.clone(), range));
                        break;
                    }
                }
                match found {
                    Some(f) => f,
                    None if names.is_empty() => bail!("{file}: the workbook has no sheet"),
                    None => bail!(
                        "{file}: every sheet is empty ({}); nothing to import",
                        list(&names)
                    ),
                }
            }
        };
        let first_row = range.start().map_or(0, |(r, _)| r);
        // Cells left of the range's first column are empty; keep columns
        // numbered as the sheet shows them by padding them back.
        Ok((
            format,
            SheetSource {
                sheet,
                range,
                next: 0,
                first_row,
                size,
            },
        ))
    }
}

impl Source for SheetSource {
    fn next_raw(&mut self) -> Result<Option<Result<RawRow, BadRow>>> {
        let first_col = self.range.start().map_or(0, |(_, c)| c) as usize;
        let width = self.range.width();
        while self.next < self.range.height() {
            let i = self.next;
            self.next += 1;
            let pos = Position::Cell {
                sheet: self.sheet.clone(),
                row: self.first_row.saturating_add(i as u32).saturating_add(1),
            };
            let mut cells = vec![String::new(); first_col];
            let mut blank = true;
            for j in 0..width {
                let c = self.range.get((i, j)).unwrap_or(&Data::Empty);
                let text = match text(c) {
                    Ok(t) => t,
                    Err(fault) => {
                        return Ok(Some(Err(BadRow {
                            pos,
                            fault: format!("column {}: {fault}", first_col + j + 1),
                        })));
                    }
                };
                if text.len() > MAX_CELL_BYTES {
                    return Ok(Some(Err(BadRow {
                        pos,
                        fault: format!(
                            "column {} holds {} bytes; a cell may hold at most {MAX_CELL_BYTES}",
                            first_col + j + 1,
                            text.len()
                        ),
                    })));
                }
                blank &= text.trim().is_empty();
                cells.push(text);
            }
            if blank {
                continue;
            }
            return Ok(Some(Ok(RawRow { pos, cells })));
        }
        Ok(None)
    }

    fn progress(&self) -> (u64, u64) {
        let h = self.range.height().max(1) as u64;
        (self.size * self.next as u64 / h, self.size)
    }
}

fn is_blank(c: &Data) -> bool {
    match c {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A cell as the text an importer reads.
fn text(c: &Data) -> Result<String, String> {
    Ok(match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTime(dt) => number(dt.as_f64()),
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => {
            return Err(format!(
                "the cell holds the spreadsheet error {:?}; fix the formula or type the value",
                clip(&e.to_string())
            ));
        }
    })
}

/// The shortest decimal of a number; binary noise past the sixth decimal
/// (0.1 + 0.2 = 0.30000000000000004, from a formula) is dropped.
pub(crate) fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let s = format!("{f}");
    match s.split_once('.') {
        Some((_, frac)) if frac.len() > 6 => {
            let r = format!("{f:.6}");
            r.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        _ => s,
    }
}

fn is_ods(bytes: &[u8]) -> bool {
    // The first member of an OpenDocument zip is `mimetype`, stored plain.
    let head = &bytes[..bytes.len().min(200)];
    head.windows(24).any(|w| w == b"opendocument.spreadsheet")
}

fn contains_utf16(bytes: &[u8], s: &str) -> bool {
    let pat: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    bytes.windows(pat.len()).any(|w| w == pat.as_slice())
}

fn list(names: &[String]) -> String {
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_exact() {
        assert_eq!(number(5600.0), "5600");
        assert_eq!(number(5600.5), "5600.5");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(1234.56), "1234.56");
    }
}
