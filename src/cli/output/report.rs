//! `audit report --format html`: one self-contained page a manager looks at.
//! Inline CSS and SVG only: no script, no font, no image fetched, so it opens
//! offline, prints on A4 and can be archived as it is. Charts where a person
//! would rather look than read; the whole report's lines at the end.

use std::fmt::Write as _;

use super::html::{esc, page};
use crate::domain::findings::{Finding, Severity};
use crate::i18n::Lang;
use crate::rows::{Rows, Value};

/// What the page is drawn from, gathered by the command.
pub struct ReportData<'a> {
    pub organisation: Option<&'a str>,
    pub period: String,
    pub as_of: String,
    pub findings: &'a [Finding],
    /// `backup status`: system, item, newest, age, limit, state.
    pub backups: &'a Rows,
    /// `consumable assess` for the period's quarter.
    pub consumables: &'a Rows,
    /// `asset report --by dept`: dept, count, value, unpriced (and TOTAL).
    pub assets: &'a Rows,
    /// `grade list`.
    pub grading: &'a Rows,
    /// The report's lines, as `audit report` prints them.
    pub lines: &'a Rows,
}

fn t(lang: Lang, en: &str, zh: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Zh => zh.to_string(),
    }
}

const SEVERITIES: [Severity; 4] = [
    Severity::Critical,
    Severity::Warning,
    Severity::Unknown,
    Severity::Ok,
];

fn colour(s: &str) -> &'static str {
    match s {
        "CRITICAL" => "#c62828",
        "WARNING" => "#ef8f00",
        "OK" => "#2e7d32",
        "UNKNOWN" => "#757575",
        _ => "#9e9e9e",
    }
}

/// A horizontal bar chart: one bar per label, scaled to the largest value
/// (or to `scale`), with an optional mark (a quota or limit) per bar.
fn bars(items: &[(String, f64, Option<f64>, &str, String)], scale: Option<f64>) -> String {
    if items.is_empty() {
        return String::new();
    }
    let label_w = 150.0;
    let bar_w = 420.0;
    let row_h = 22.0;
    let max = scale.unwrap_or_else(|| {
        items
            .iter()
            .map(|(_, v, m, _, _)| v.max(m.unwrap_or(0.0)))
            .fold(0.0, f64::max)
    });
    let max = if max <= 0.0 { 1.0 } else { max };
    let h = row_h * items.len() as f64 + 6.0;
    let mut s = format!(
        "<svg role=\"img\" width=\"680\" height=\"{h}\" viewBox=\"0 0 680 {h}\" font-size=\"12\">\n"
    );
    for (i, (label, v, mark, fill, text)) in items.iter().enumerate() {
        let y = 3.0 + row_h * i as f64;
        let w = (v / max).clamp(0.0, 1.0) * bar_w;
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect x=\"{label_w}\" y=\"{}\" width=\"{bar_w}\" height=\"14\" fill=\"#f0f0f0\"/>\
             <rect x=\"{label_w}\" y=\"{}\" width=\"{w:.1}\" height=\"14\" fill=\"{fill}\"/>\
             <text x=\"{}\" y=\"{}\">{}</text>",
            label_w - 6.0,
            y + 12.0,
            esc(label),
            y + 1.0,
            y + 1.0,
            label_w + bar_w + 6.0,
            y + 12.0,
            esc(text)
        );
        if let Some(m) = mark {
            let x = label_w + (m / max).clamp(0.0, 1.0) * bar_w;
            let _ = writeln!(
                s,
                "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{}\" y2=\"{}\" stroke=\"#222\" stroke-width=\"2\"/>",
                y - 1.0,
                y + 17.0
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

/// Seconds in an age as `backup status` writes it (`3d 4h`, `2h 5m`, `40s`).
fn age_seconds(text: &str) -> Option<f64> {
    let mut total = 0.0;
    for part in text.split_whitespace() {
        let split = part.find(|c: char| !c.is_ascii_digit())?;
        let (n, unit) = part.split_at(split);
        let n: f64 = n.parse().ok()?;
        total += n * match unit {
            "d" => 86_400.0,
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            _ => return None,
        };
    }
    Some(total)
}

/// Seconds in a limit as `backup status` writes it (`1d`, `1w + 1h`; months as 30 days).
fn limit_seconds(text: &str) -> Option<f64> {
    let mut total = 0.0;
    for part in text.split('+') {
        total += match crate::domain::time::Interval::parse("limit", part.trim()).ok()? {
            crate::domain::time::Interval::Seconds(s) => s as f64,
            crate::domain::time::Interval::Months(m) => f64::from(m) * 30.0 * 86_400.0,
        };
    }
    Some(total)
}

fn table(lang: Lang, rows: &Rows) -> String {
    let mut s = String::from("<table>\n<thead><tr>");
    for k in &rows.columns {
        let _ = write!(s, "<th>{}</th>", esc(&lang.header(k)));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for r in &rows.rows {
        s.push_str("<tr>");
        for (k, v) in rows.columns.iter().zip(r) {
            let text = match v {
                Value::Text(x) => match crate::domain::time::stored_instant(x) {
                    Some(at) => crate::domain::time::show_instant(at),
                    None => lang.cell_text(&rows.columns, k, x),
                },
                Value::Bool(b) => lang.yes_no(*b).to_string(),
                Value::Money(_) => format!("¥{}", v.display()),
                other => other.display(),
            };
            let class = match v {
                Value::Int(_) | Value::Float(_) | Value::Money(_) => " class=\"num\"",
                Value::Text(x) if matches!(*k, "state" | "severity") => match x.as_str() {
                    "CRITICAL" => " class=\"CRITICAL\"",
                    "WARNING" => " class=\"WARNING\"",
                    "OK" => " class=\"OK\"",
                    _ => "",
                },
                _ => "",
            };
            let _ = write!(s, "<td{class}>{}</td>", esc(&text));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
    s
}

pub fn render(d: &ReportData<'_>, lang: Lang) -> String {
    let mut b = String::new();
    if let Some(o) = d.organisation {
        let _ = writeln!(b, "<p class=\"org\">{}</p>", esc(o));
    }
    let title = t(lang, "IT governance report", "信息化工作报告");
    let _ = writeln!(b, "<h1>{}</h1>", esc(&title));
    let _ = writeln!(
        b,
        "<p class=\"date\">{}：{}　{}：{}</p>",
        t(lang, "Period", "报告期"),
        esc(&d.period),
        t(lang, "as of", "截至"),
        esc(&d.as_of)
    );

    // Findings by area and severity.
    let _ = writeln!(
        b,
        "<h2>{}</h2>",
        t(
            lang,
            "Findings by area and severity",
            "各领域问题（按级别）"
        )
    );
    let mut areas: Vec<&str> = d.findings.iter().map(|f| f.area).collect();
    areas.sort();
    areas.dedup();
    if areas.is_empty() {
        let _ = writeln!(
            b,
            "<p class=\"OK\">{}</p>",
            t(lang, "No findings.", "未发现问题。")
        );
    } else {
        let max = areas
            .iter()
            .map(|a| d.findings.iter().filter(|f| f.area == *a).count())
            .max()
            .unwrap_or(1) as f64;
        let (label_w, bar_w, row_h) = (150.0, 420.0, 22.0);
        let h = row_h * areas.len() as f64 + 30.0;
        let _ = writeln!(
            b,
            "<svg role=\"img\" width=\"680\" height=\"{h}\" viewBox=\"0 0 680 {h}\" font-size=\"12\">"
        );
        for (i, area) in areas.iter().enumerate() {
            let y = 3.0 + row_h * i as f64;
            let _ = write!(
                b,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                label_w - 6.0,
                y + 12.0,
                esc(lang.cell("area", area))
            );
            let mut x = label_w;
            let mut total = 0;
            for s in SEVERITIES {
                let n = d
                    .findings
                    .iter()
                    .filter(|f| f.area == *area && f.severity == s)
                    .count();
                if n == 0 {
                    continue;
                }
                total += n;
                let w = n as f64 / max * bar_w;
                let _ = write!(
                    b,
                    "<rect x=\"{x:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"14\" fill=\"{}\"><title>{} {n}</title></rect>",
                    y + 1.0,
                    colour(s.as_str()),
                    s.as_str()
                );
                x += w;
            }
            let _ = writeln!(
                b,
                "<text x=\"{}\" y=\"{}\">{total}</text>",
                x + 6.0,
                y + 12.0
            );
        }
        // The legend.
        let y = row_h * areas.len() as f64 + 12.0;
        for (i, s) in SEVERITIES.iter().enumerate() {
            let x = label_w + 110.0 * i as f64;
            let _ = write!(
                b,
                "<rect x=\"{x}\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>",
                colour(s.as_str()),
                x + 16.0,
                y + 11.0,
                esc(lang.cell("severity", s.as_str()))
            );
        }
        b.push_str("\n</svg>\n");
        let mut rows = Rows::new(&["severity", "area", "subject", "message", "requirement"]);
        for f in d.findings {
            let message = match (lang, &f.message_zh) {
                (Lang::Zh, Some(zh)) => zh.clone(),
                _ => f.message.clone(),
            };
            rows.push(vec![
                f.severity.as_str().into(),
                f.area.into(),
                f.subject.clone().into(),
                message.into(),
                f.requirement.into(),
            ]);
        }
        b.push_str(&table(lang, &rows));
    }

    // Backups: each system's newest copy against its limit.
    let _ = writeln!(
        b,
        "<h2>{}</h2>",
        t(
            lang,
            "Backup freshness against the limits",
            "数据备份时效（对照限值）"
        )
    );
    let items: Vec<_> = d
        .backups
        .rows
        .iter()
        // Retention is met by an old enough copy, so it is not a freshness bar.
        .filter(|r| r[1].display() != "retention")
        .filter_map(|r| {
            let age = age_seconds(&r[3].display())?;
            let limit = limit_seconds(&r[4].display())?;
            let state = r[5].display();
            let label = format!("{} {}", r[0].display(), lang.cell("item", &r[1].display()));
            let text = match lang {
                Lang::En => format!("{} / {}", r[3].display(), r[4].display()),
                Lang::Zh => format!(
                    "{} / {}",
                    crate::domain::backup::format_age_zh(age as i64),
                    crate::domain::backup::format_age_zh(limit as i64)
                ),
            };
            Some((label, age / limit, Some(1.0), colour(&state), text))
        })
        .collect();
    if !items.is_empty() {
        // Scaled to twice the limit: past the mark is late, the end is CRITICAL.
        let _ = writeln!(
            b,
            "<p class=\"muted\">{}</p>",
            t(
                lang,
                "Bar: age of the newest copy; mark: the limit; the bar's end is twice the limit.",
                "条形：最近一次备份距今；竖线：限值；条形满格为限值的两倍。"
            )
        );
        b.push_str(&bars(&items, Some(2.0)));
    }
    b.push_str(&table(lang, d.backups));

    // Consumables: use against quota per department and category.
    let _ = writeln!(
        b,
        "<h2>{}</h2>",
        t(
            lang,
            "Consumables used against quota",
            "耗材领用（对照定额）"
        )
    );
    let items: Vec<_> = d
        .consumables
        .rows
        .iter()
        .map(|r| {
            let used = match r[3] {
                Value::Int(n) => n as f64,
                _ => 0.0,
            };
            let quota = match r[2] {
                Value::Int(n) => Some(n as f64),
                _ => None,
            };
            let over = quota.is_some_and(|q| used > q);
            let label = format!(
                "{} {}",
                r[0].display(),
                lang.cell("category", &r[1].display())
            );
            let text = match quota {
                Some(q) => format!("{used} / {q}"),
                None => format!("{used}"),
            };
            (
                label,
                used,
                quota,
                if over { "#c62828" } else { "#1565c0" },
                text,
            )
        })
        .collect();
    b.push_str(&bars(&items, None));
    b.push_str(&table(lang, d.consumables));

    // Assets by department and value.
    let _ = writeln!(
        b,
        "<h2>{}</h2>",
        t(
            lang,
            "Assets by department and value",
            "各部门资产（数量与价值）"
        )
    );
    let items: Vec<_> = d
        .assets
        .rows
        .iter()
        .filter(|r| r[0].display() != "TOTAL")
        .map(|r| {
            let value = match r[2] {
                Value::Money(f) => f as f64 / 100.0,
                _ => 0.0,
            };
            let count = r[1].display();
            (
                lang.cell("dept", &r[0].display()).to_string(),
                value,
                None,
                "#1565c0",
                format!("¥{value:.2}（{count}）"),
            )
        })
        .collect();
    b.push_str(&bars(&items, None));
    b.push_str(&table(lang, d.assets));

    // Grading and filing.
    let _ = writeln!(
        b,
        "<h2>{}</h2>",
        t(lang, "Security grading and filing", "等级保护定级与备案")
    );
    b.push_str(&table(lang, d.grading));

    // Overdue duties.
    let _ = writeln!(b, "<h2>{}</h2>", t(lang, "Overdue duties", "逾期职责"));
    let mut duties = Rows::new(&["severity", "subject", "message", "requirement"]);
    for f in d.findings.iter().filter(|f| f.area == "duty") {
        let message = match (lang, &f.message_zh) {
            (Lang::Zh, Some(zh)) => zh.clone(),
            _ => f.message.clone(),
        };
        duties.push(vec![
            f.severity.as_str().into(),
            f.subject.clone().into(),
            message.into(),
            f.requirement.into(),
        ]);
    }
    if duties.rows.is_empty() {
        let _ = writeln!(
            b,
            "<p class=\"OK\">{}</p>",
            t(lang, "None overdue.", "无逾期。")
        );
    } else {
        b.push_str(&table(lang, &duties));
    }

    // The whole report.
    let _ = writeln!(
        b,
        "<h2>{}</h2>",
        t(lang, "The period in figures", "报告期数据")
    );
    b.push_str(&table(lang, d.lines));
    page(lang, &title, &b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_and_limits_are_read_back() {
        assert_eq!(age_seconds("1d 2h"), Some(93_600.0));
        assert_eq!(age_seconds("40s"), Some(40.0));
        assert_eq!(age_seconds("never"), None);
        assert_eq!(limit_seconds("1d + 1h"), Some(90_000.0));
    }
}
