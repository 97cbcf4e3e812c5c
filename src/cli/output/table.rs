//! Tables for people, streamed: rows are rendered in blocks, so a listing of
//! a million assets is never held in memory. The first block is arranged by
//! comfy-table (fitted to the terminal's width on a terminal, wrapping the
//! long text columns first; at content width when piped), and its column
//! widths are kept for every later block, which wraps a longer cell within
//! its column instead of widening the table.

use std::io::Write;

use anyhow::Result;
use comfy_table::{
    ColumnConstraint, ContentArrangement, Table, Width, presets::UTF8_FULL_CONDENSED,
};
use unicode_width::UnicodeWidthStr;

/// Rows per block: enough for widths that suit the listing, few enough that
/// a block's strings stay small (about 1 MB for the widest listing).
const BLOCK: usize = 1000;

pub struct Streamed {
    header: Vec<String>,
    terminal: bool,
    block: Vec<Vec<String>>,
    /// Content widths fixed by the first block.
    widths: Option<Vec<u16>>,
    /// The bottom border, printed once at the end.
    bottom: Option<String>,
}

impl Streamed {
    pub fn new(header: Vec<String>, terminal: bool) -> Streamed {
        Streamed {
            header,
            terminal,
            block: Vec::new(),
            widths: None,
            bottom: None,
        }
    }

    pub fn push(&mut self, row: Vec<String>, out: &mut dyn Write) -> Result<()> {
        self.block.push(row);
        if self.block.len() >= BLOCK {
            self.flush_block(out)?;
        }
        Ok(())
    }

    pub fn finish(mut self, out: &mut dyn Write) -> Result<()> {
        if !self.block.is_empty() || self.widths.is_none() {
            self.flush_block(out)?;
        }
        if let Some(bottom) = &self.bottom {
            writeln!(out, "{bottom}")?;
        }
        out.flush()?;
        Ok(())
    }

    fn flush_block(&mut self, out: &mut dyn Write) -> Result<()> {
        let mut table = Table::new();
        table.load_style(UTF8_FULL_CONDENSED);
        table.set_content_arrangement(ContentArrangement::Disabled);
        let first = self.widths.is_none();
        if first {
            let terminal = if self.terminal { table.width() } else { None };
            self.widths = Some(fit(&self.header, &self.block, terminal));
            table.set_header(self.header.clone());
        }
        for row in self.block.drain(..) {
            table.add_row(row);
        }
        // After the rows: a table without a header has no columns before.
        if let Some(w) = &self.widths {
            table.set_constraints(
                w.iter()
                    .map(|&w| ColumnConstraint::Absolute(Width::Fixed(w + 2))),
            );
        }
        let mut lines: Vec<String> = table.lines().collect();
        if !first && !lines.is_empty() {
            // A later block continues the first: no top border of its own.
            lines.remove(0);
        }
        self.bottom = lines.pop();
        for line in &lines {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

/// The content width of each column: as wide as its widest cell (or its
/// header's longest word); on a terminal of `width` columns, the widest
/// columns give way first, one character at a time, so that long text
/// (names, notes, messages) wraps while tags, dates and amounts stay whole.
pub fn fit(header: &[String], rows: &[Vec<String>], width: Option<u16>) -> Vec<u16> {
    let text_width = |s: &str| s.lines().map(|l| l.width()).max().unwrap_or(0);
    let mut w: Vec<usize> = header
        .iter()
        .map(|h| h.split_whitespace().map(|p| p.width()).max().unwrap_or(0))
        .collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(x) = w.get_mut(i) {
                *x = (*x).max(text_width(cell));
            }
        }
    }
    for x in &mut w {
        *x = (*x).max(1);
    }
    if let Some(width) = width {
        // Borders and padding: "│ " + " ┆ " between columns + " │".
        let chrome = 3 * w.len() + 1;
        let room = (width as usize).saturating_sub(chrome).max(w.len());
        // A column is not squeezed below this unless nothing else can give.
        const NARROW: usize = 6;
        while w.iter().sum::<usize>() > room {
            let (i, &max) = w
                .iter()
                .enumerate()
                .max_by_key(|(_, x)| **x)
                .expect("at least one column");
            if max <= 1 {
                break;
            }
            // Shrink the widest; when all are narrow, shrink any.
            let floor = if max > NARROW { NARROW } else { 1 };
            let second = w
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, x)| *x)
                .max()
                .unwrap_or(0);
            let excess = w.iter().sum::<usize>() - room;
            let target = max
                .saturating_sub(excess)
                .max(second)
                .max(floor)
                .min(max - 1);
            w[i] = target;
        }
    }
    w.into_iter()
        .map(|x| x.min(u16::MAX as usize) as u16)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_blocks_keep_the_first_blocks_columns() {
        let mut s = Streamed::new(vec!["tag".into(), "name".into()], false);
        let mut out = Vec::new();
        for i in 0..(BLOCK + 5) {
            let name = if i == BLOCK + 2 {
                "a name far longer than any before".to_string()
            } else {
                format!("PC {i}")
            };
            s.push(vec![format!("IT-{i:04}"), name], &mut out).unwrap();
        }
        s.finish(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with('┌') && lines.last().unwrap().starts_with('└'));
        assert_eq!(text.matches('┌').count(), 1, "one table");
        assert_eq!(text.matches('└').count(), 1, "one table");
        let width = lines[0].chars().count();
        assert!(lines.iter().all(|l| l.chars().count() == width), "{text}");
        assert!(text.contains("IT-1004"));
    }

    #[test]
    fn long_text_gives_way_first() {
        let header = vec!["Tag".to_string(), "Name".to_string(), "Date".to_string()];
        let rows = vec![vec![
            "IT-2026-0001".to_string(),
            "联想启天M437 用于门诊挂号收费的一台很长名称的电脑".to_string(),
            "2026-03-15".to_string(),
        ]];
        assert_eq!(fit(&header, &rows, None), [12, 49, 10]);
        let w = fit(&header, &rows, Some(50));
        assert_eq!(w[0], 12);
        assert_eq!(w[2], 10);
        assert_eq!(w.iter().map(|x| *x as usize).sum::<usize>() + 10, 50);
    }
}
