//! `infogov asset label`: a printable sheet of asset labels (资产标签), each
//! with the organisation, the tag, the asset's name and department, and a
//! QR code of the tag that a scanner reads back into `stocktake scan`.
//! The sheet is self-contained SVG, or HTML with one inline SVG per page
//! (for a browser's print dialog); no fonts or images are fetched.

use std::fmt::Write as _;

use anyhow::{Context, Result, bail};
use clap::{ArgGroup, Args, ValueEnum};
use qrcode::{Color, EcLevel, QrCode};

use super::Ctx;
use crate::store::registry as reg;
use crate::store::stocktake as sk;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Layout {
    /// One 50×30 mm label per page, for a label printer
    #[value(name = "50x30")]
    Label50x30,
    /// An A4 sheet of 4×9 labels of 50×30 mm
    A4,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("which").args(["tag", "dept", "stocktake"]).required(true)))]
pub struct LabelArgs {
    /// The assets to label
    tag: Vec<String>,
    /// Every asset in service of a department
    #[arg(long)]
    dept: Option<String>,
    /// Every asset a stock-take expected or found registered
    #[arg(long, value_name = "ID")]
    stocktake: Option<i64>,
    #[arg(long, value_enum, default_value = "a4")]
    layout: Layout,
    /// The organisation named on each label [default: asset.organisation, else organisation, in the config]
    #[arg(long, value_name = "NAME")]
    org: Option<String>,
}

/// What a label shows.
#[derive(Debug, Clone)]
pub struct Label {
    pub tag: String,
    pub name: String,
    pub dept: Option<String>,
}

const LABEL_W: f64 = 50.0;
const LABEL_H: f64 = 30.0;
const A4_W: f64 = 210.0;
const A4_H: f64 = 297.0;
const A4_COLS: usize = 4;
const A4_ROWS: usize = 9;

pub fn run(ctx: &mut Ctx, args: LabelArgs) -> Result<u8> {
    let store = ctx.open()?;
    let conn = store.conn();
    let labels: Vec<Label> = if let Some(id) = args.stocktake {
        sk::get(conn, id)?;
        sk::label_assets(conn, sk::LabelsOf::Stocktake(id))?
    } else if let Some(d) = &args.dept {
        sk::label_assets(conn, sk::LabelsOf::Dept(reg::dept_id(conn, "--dept", d)?))?
    } else {
        sk::label_assets(conn, sk::LabelsOf::Tags(&args.tag))?
    }
    .into_iter()
    .map(|(tag, name, dept)| Label { tag, name, dept })
    .collect();
    if labels.is_empty() {
        bail!("no assets to label");
    }
    let org = args
        .org
        .clone()
        .or_else(|| ctx.config.asset.organisation.clone())
        // The name the forms print, when labels have none of their own.
        .or_else(|| ctx.config.organisation.clone())
        .unwrap_or_default();
    // The global --output names the file; `.html` gives HTML with inline
    // SVG, anything else (and standard output) SVG.
    let html = ctx.global.output.as_ref().is_some_and(|p| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
    });
    let pages = pages(&labels, args.layout, org.trim())?;
    let text = if html {
        html_doc(&pages, args.layout)
    } else {
        svg_doc(&pages, args.layout)
    };
    // Through the output layer, which writes --output whole or not at all.
    ctx.out.text(&text)?;
    Ok(0)
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Cuts text to what fits a line: CJK characters count two, others one.
fn fit(s: &str, width: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        let w = if c.is_ascii() { 1 } else { 2 };
        if used + w > width {
            out.push('…');
            return out;
        }
        used += w;
        out.push(c);
    }
    out
}

/// The QR code of a tag as SVG rectangles in a square of `size` mm at
/// (x, y), with a quiet zone of four modules as the standard asks.
fn qr(tag: &str, x: f64, y: f64, size: f64) -> Result<String> {
    let code = QrCode::with_error_correction_level(tag.as_bytes(), EcLevel::M)
        .with_context(|| format!("TAG: {tag:?} is too long for a QR code"))?;
    let n = code.width();
    let colors = code.to_colors();
    let module = size / (n + 8) as f64;
    let mut out = format!(
        r##"<rect x="{x:.3}" y="{y:.3}" width="{size:.3}" height="{size:.3}" fill="#fff"/><path fill="#000" d=""##
    );
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if colors[row * n + col] == Color::Dark {
                let start = col;
                while col < n && colors[row * n + col] == Color::Dark {
                    col += 1;
                }
                let px = x + (start + 4) as f64 * module;
                let py = y + (row + 4) as f64 * module;
                let w = (col - start) as f64 * module;
                let _ = write!(out, "M{px:.3} {py:.3}h{w:.3}v{module:.3}h-{w:.3}z");
            } else {
                col += 1;
            }
        }
    }
    out.push_str(r#""/>"#);
    Ok(out)
}

/// One label at (x, y): the QR code on the left, the organisation, name and
/// department on the right, the tag in large type along the bottom.
fn label(l: &Label, org: &str, x: f64, y: f64) -> Result<String> {
    let mut out = format!(
        r##"<g><rect x="{:.3}" y="{:.3}" width="{LABEL_W}" height="{LABEL_H}" fill="#fff" stroke="#999" stroke-width="0.2"/>"##,
        x + 0.1,
        y + 0.1
    );
    out.push_str(&qr(&l.tag, x + 1.0, y + 1.0, 23.0)?);
    let tx = x + 24.5;
    let font = r#"font-family="Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, Droid Sans Fallback, sans-serif""#;
    for (dy, size, weight, text) in [
        (5.5, 2.6, "normal", fit(org, 17)),
        (12.0, 3.0, "bold", fit(&l.name, 15)),
        (
            17.5,
            2.6,
            "normal",
            fit(l.dept.as_deref().unwrap_or(""), 17),
        ),
    ] {
        if text.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            r#"<text x="{tx:.3}" y="{:.3}" font-size="{size}" font-weight="{weight}" {font}>{}</text>"#,
            y + dy,
            xml(&text)
        );
    }
    let _ = write!(
        out,
        r#"<text x="{:.3}" y="{:.3}" font-size="3.6" font-weight="bold" font-family="DejaVu Sans Mono, monospace" text-anchor="middle">{}</text></g>"#,
        x + LABEL_W / 2.0,
        y + LABEL_H - 2.2,
        xml(&fit(&l.tag, 22))
    );
    Ok(out)
}

/// The labels laid out, one string of SVG content per page.
fn pages(labels: &[Label], layout: Layout, org: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    match layout {
        Layout::Label50x30 => {
            for l in labels {
                out.push(label(l, org, 0.0, 0.0)?);
            }
        }
        Layout::A4 => {
            let per = A4_COLS * A4_ROWS;
            let mx = (A4_W - A4_COLS as f64 * LABEL_W) / 2.0;
            let my = (A4_H - A4_ROWS as f64 * LABEL_H) / 2.0;
            for chunk in labels.chunks(per) {
                let mut page = String::new();
                for (i, l) in chunk.iter().enumerate() {
                    let (r, c) = (i / A4_COLS, i % A4_COLS);
                    page.push_str(&label(
                        l,
                        org,
                        mx + c as f64 * LABEL_W,
                        my + r as f64 * LABEL_H,
                    )?);
                }
                out.push(page);
            }
        }
    }
    Ok(out)
}

fn page_size(layout: Layout) -> (f64, f64) {
    match layout {
        Layout::Label50x30 => (LABEL_W, LABEL_H),
        Layout::A4 => (A4_W, A4_H),
    }
}

/// One SVG file: the pages one under the other, each its own size.
fn svg_doc(pages: &[String], layout: Layout) -> String {
    let (w, h) = page_size(layout);
    let total = h * pages.len() as f64;
    let mut out = format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{w}mm" height="{total}mm" viewBox="0 0 {w} {total}">
<rect width="{w}" height="{total}" fill="#fff"/>
"##
    );
    for (i, p) in pages.iter().enumerate() {
        let _ = writeln!(
            out,
            r#"<g transform="translate(0 {:.3})">{p}</g>"#,
            i as f64 * h
        );
    }
    out.push_str("</svg>\n");
    out
}

/// HTML for printing: one inline SVG per page, each on its own sheet.
fn html_doc(pages: &[String], layout: Layout) -> String {
    let (w, h) = page_size(layout);
    let mut out = format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>资产标签 Asset labels</title>
<style>
@page {{ size: {w}mm {h}mm; margin: 0; }}
html, body {{ margin: 0; padding: 0; }}
svg {{ display: block; width: {w}mm; height: {h}mm; page-break-after: always; break-after: page; }}
</style>
</head>
<body>
"#
    );
    for p in pages {
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}">{p}</svg>"#
        );
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_cut_to_fit() {
        assert_eq!(xml("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(fit("联想启天M437台式机", 10), "联想启天M4…");
        assert_eq!(fit("PC", 10), "PC");
    }

    #[test]
    fn an_a4_page_holds_thirty_six_labels() {
        let l = Label {
            tag: "IT-2026-0001".into(),
            name: "PC".into(),
            dept: None,
        };
        let labels = vec![l; 37];
        assert_eq!(pages(&labels, Layout::A4, "").unwrap().len(), 2);
        assert_eq!(pages(&labels, Layout::Label50x30, "").unwrap().len(), 37);
    }
}
