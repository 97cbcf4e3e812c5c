//! Self-contained HTML pages: inline CSS, no script, nothing fetched, so a
//! page can be mailed, archived and printed on A4 as it is. Listings, the
//! printable forms, and (in `report.rs`) the period report.

use std::fmt::Write as _;

use super::paper::Paper;
use crate::domain::time::{show_instant, stored_instant};
use crate::i18n::Lang;
use crate::rows::Value;

/// The style every page shares; the print rules put a form on A4.
pub const CSS: &str = "
@page { size: A4; margin: 15mm 12mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', SimSun, sans-serif;
       font-size: 10.5pt; color: #111; margin: 0 auto; max-width: 190mm; padding: 8mm 0; background: #fff; }
h1 { font-size: 18pt; text-align: center; margin: 2mm 0 1mm; letter-spacing: 0.1em; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 1.5px solid #333; padding-bottom: 1mm; }
.org { text-align: center; font-size: 12pt; margin: 0; }
.sub { text-align: center; color: #555; margin: 0 0 1mm; }
.date { text-align: right; margin: 2mm 0 4mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #444; padding: 1.2mm 1.8mm; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: bold; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 2px solid #222; }
table.fields th { width: 28%; }
.signatures { display: flex; justify-content: space-between; gap: 6mm; margin-top: 12mm; }
.signatures div { flex: 1; border-top: 1px solid #222; padding-top: 1.5mm; min-height: 14mm; }
.signatures b { display: block; }
.muted { color: #666; }
.CRITICAL { color: #b00020; font-weight: bold; } .WARNING { color: #a15c00; font-weight: bold; }
.OK { color: #17692e; } .UNKNOWN { color: #555; }
svg { max-width: 100%; height: auto; }
@media print { body { padding: 0; max-width: none; } h2 { page-break-after: avoid; } }
";

/// Escapes text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A whole page around `body`.
pub fn page(lang: Lang, title: &str, body: &str) -> String {
    let html_lang = match lang {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        esc(title)
    )
}

/// A cell as a person reads it: instants in local minutes, money in yuan.
fn td(lang: Lang, columns: &[&str], key: &str, v: &Value) -> String {
    match v {
        Value::Null => "<td></td>".to_string(),
        Value::Int(_) | Value::Float(_) => format!("<td class=\"num\">{}</td>", v.display()),
        Value::Money(_) => format!("<td class=\"num\">¥{}</td>", v.display()),
        Value::Bool(b) => format!("<td>{}</td>", lang.yes_no(*b)),
        Value::Text(t) => match stored_instant(t) {
            Some(at) => format!("<td>{}</td>", show_instant(at)),
            None => format!("<td>{}</td>", esc(&lang.cell_text(columns, key, t))),
        },
    }
}

/// A listing as a page: a heading and one table.
pub struct Listing {
    head: String,
    body: String,
    rows: usize,
}

impl Listing {
    pub fn new(columns: &[&str], lang: Lang) -> Listing {
        let mut head = String::from("<tr>");
        for k in columns {
            let _ = write!(head, "<th>{}</th>", esc(&lang.header(k)));
        }
        head.push_str("</tr>\n");
        Listing {
            head,
            body: String::new(),
            rows: 0,
        }
    }

    pub fn push(&mut self, columns: &[&str], row: &[Value], lang: Lang) {
        self.body.push_str("<tr>");
        for (k, v) in columns.iter().zip(row) {
            self.body.push_str(&td(lang, columns, k, v));
        }
        self.body.push_str("</tr>\n");
        self.rows += 1;
    }

    pub fn finish(self, organisation: Option<&str>) -> String {
        let mut body = String::new();
        if let Some(o) = organisation {
            let _ = writeln!(body, "<p class=\"org\">{}</p>", esc(o));
        }
        let _ = writeln!(
            body,
            "<table>\n<thead>{}</thead>\n<tbody>\n{}</tbody>\n</table>",
            self.head, self.body
        );
        page(Lang::Zh, organisation.unwrap_or("infogov"), &body)
    }
}

/// Rows of any width as a page (a form as CSV would have it).
pub fn document(rows: &[Vec<Value>], lang: Lang) -> String {
    let mut body = String::from("<table>\n");
    for row in rows {
        if row.is_empty() {
            body.push_str("</table>\n<table>\n");
            continue;
        }
        body.push_str("<tr>");
        for v in row {
            body.push_str(&td(lang, &[], "", v));
        }
        body.push_str("</tr>\n");
    }
    body.push_str("</table>\n");
    page(lang, "infogov", &body)
}

/// A printable form on A4: organisation, title, date, fields, tables with
/// totals, and signature lines filled with the recorded people and dates.
pub fn paper(p: &Paper, lang: Lang) -> String {
    let mut b = String::new();
    if let Some(o) = &p.organisation {
        let _ = writeln!(b, "<p class=\"org\">{}</p>", esc(o));
    }
    let _ = writeln!(b, "<h1>{}</h1>", esc(&p.title));
    if let Some(s) = &p.subtitle {
        let _ = writeln!(b, "<p class=\"sub\">{}</p>", esc(s));
    }
    let _ = writeln!(b, "<p class=\"date\">{}</p>", esc(&p.date));
    if !p.fields.is_empty() {
        b.push_str("<table class=\"fields\">\n");
        for (label, value) in &p.fields {
            let _ = writeln!(
                b,
                "<tr><th>{}</th>{}</tr>",
                esc(label),
                td(lang, &[], "", value)
            );
        }
        b.push_str("</table>\n");
    }
    for t in &p.tables {
        if let Some(h) = &t.heading {
            let _ = writeln!(b, "<h2>{}</h2>", esc(h));
        }
        b.push_str("<table>\n<thead><tr>");
        for h in &t.header {
            let _ = write!(b, "<th>{}</th>", esc(h));
        }
        b.push_str("</tr></thead>\n<tbody>\n");
        for row in &t.rows {
            b.push_str("<tr>");
            for v in row {
                b.push_str(&td(lang, &[], "", v));
            }
            b.push_str("</tr>\n");
        }
        if let Some(total) = &t.total {
            b.push_str("<tr class=\"total\">");
            for v in total {
                b.push_str(&td(lang, &[], "", v));
            }
            b.push_str("</tr>\n");
        }
        b.push_str("</tbody>\n</table>\n");
    }
    if !p.signatures.is_empty() {
        b.push_str("<div class=\"signatures\">\n");
        for s in &p.signatures {
            let _ = writeln!(
                b,
                "<div><b>{}：</b>{}<br><span class=\"muted\">{}</span></div>",
                esc(&s.role),
                esc(&s.name),
                esc(&s.date)
            );
        }
        b.push_str("</div>\n");
    }
    page(lang, &p.title, &b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_nothing_is_fetched() {
        assert_eq!(esc("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
        let p = page(Lang::Zh, "t", "<p>x</p>");
        assert!(!p.contains("http") && !p.contains("<script") && !p.contains("src="));
    }
}
