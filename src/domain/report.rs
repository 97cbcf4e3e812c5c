//! The period report an inspector asks for (`infogov audit report`): the
//! period it covers and the one flat line shape every section produces, so
//! that CSV and JSON stay the same whatever a section has to say. The SQL
//! of each section is in `store::report`; the layout is in docs/report.md.

use anyhow::{Result, bail};
use chrono::NaiveDate;

use super::time::{Quarter, parse_date};
use crate::rows::{Rows, Value};

/// The dates a report covers, both inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// Reads `--quarter Q` or `--from DATE [--to DATE]`; with neither, the
    /// quarter containing `as_of`. `--from` alone runs to `as_of`. clap keeps
    /// `--quarter` apart from `--from`/`--to` and refuses `--to` alone.
    pub fn parse(
        quarter: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
        as_of: NaiveDate,
    ) -> Result<Period> {
        if let Some(q) = quarter {
            return Ok(Period::quarter(Quarter::parse("--quarter", q)?));
        }
        let Some(from) = from else {
            return Ok(Period::quarter(Quarter::containing(as_of)));
        };
        let from_date = parse_date("--from", from)?;
        let to_date = match to {
            Some(t) => parse_date("--to", t)?,
            None => as_of,
        };
        if from_date > to_date {
            match to {
                Some(_) => bail!("--from: {from_date} is after --to {to_date}"),
                None => bail!(
                    "--from: {from_date} is after --as-of {as_of}; give --to for a period that ends later"
                ),
            }
        }
        Ok(Period {
            from: from_date,
            to: to_date,
        })
    }

    pub fn quarter(q: Quarter) -> Period {
        Period {
            from: q.first_day(),
            to: q.last_day(),
        }
    }

    /// The calendar quarters the period touches, oldest first: quotas are
    /// set per quarter, so use is weighed against quota one quarter at a time.
    pub fn quarters(&self) -> Vec<Quarter> {
        let mut out = Vec::new();
        let mut q = Quarter::containing(self.from);
        while q.first_day() <= self.to {
            out.push(q);
            q = q.next();
        }
        out
    }

    /// The part of quarter `q` inside the period.
    pub fn within(&self, q: Quarter) -> Period {
        Period {
            from: self.from.max(q.first_day()),
            to: self.to.min(q.last_day()),
        }
    }

    /// The period as people write it: `2026Q4` for a whole quarter, else
    /// `2026-10-01..2026-11-15`.
    pub fn label(&self) -> String {
        let q = Quarter::containing(self.from);
        if *self == Period::quarter(q) {
            q.to_string()
        } else {
            format!("{}..{}", self.from, self.to)
        }
    }
}

/// The columns of every report, in every format.
pub const COLUMNS: &[&str] = &[
    "section",
    "metric",
    "subject",
    "date",
    "count",
    "value",
    "requirement",
    "detail",
];

/// A sum with checked arithmetic: `None` on overflow.
pub fn checked_total(amounts: impl IntoIterator<Item = i64>) -> Option<i64> {
    amounts
        .into_iter()
        .try_fold(0i64, |acc, v| acc.checked_add(v))
}

/// One line of the report. A metric's total line comes first, with no
/// subject; the lines after it with a subject break the total down (by
/// department, category, request, system, duty or finding), and their
/// counts and values add up to the total.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub section: &'static str,
    pub metric: &'static str,
    /// `None` on a total line.
    pub subject: Option<String>,
    /// The day of an event, or the last day of what a line counts.
    pub date: Option<NaiveDate>,
    pub count: Option<i64>,
    /// Money, in fen.
    pub value: Option<i64>,
    pub requirement: Option<&'static str>,
    pub detail: Option<String>,
}

impl Line {
    /// A total line: no subject.
    pub fn total(section: &'static str, metric: &'static str, count: i64) -> Line {
        Line {
            section,
            metric,
            subject: None,
            date: None,
            count: Some(count),
            value: None,
            requirement: None,
            detail: None,
        }
    }

    /// A line about one subject, counting `count`.
    pub fn of(
        section: &'static str,
        metric: &'static str,
        subject: impl Into<String>,
        count: i64,
    ) -> Line {
        Line {
            subject: Some(subject.into()),
            ..Line::total(section, metric, count)
        }
    }

    /// A line that states a day, such as the period's first and last.
    pub fn of_date(section: &'static str, metric: &'static str, date: NaiveDate) -> Line {
        Line {
            date: Some(date),
            count: None,
            ..Line::total(section, metric, 0)
        }
    }

    pub fn date(mut self, d: Option<NaiveDate>) -> Line {
        self.date = d;
        self
    }

    pub fn value(mut self, fen: i64) -> Line {
        self.value = Some(fen);
        self
    }

    /// The total of some amounts, or no value if it would overflow: a
    /// report shows an empty cell rather than failing.
    pub fn value_total(mut self, amounts: impl IntoIterator<Item = i64>) -> Line {
        self.value = checked_total(amounts);
        self
    }

    /// The requirement ID the line is evidence for (none when empty).
    pub fn requirement(mut self, id: &'static str) -> Line {
        self.requirement = (!id.is_empty()).then_some(id);
        self
    }

    pub fn detail(mut self, text: impl Into<String>) -> Line {
        let t = text.into();
        self.detail = (!t.is_empty()).then_some(t);
        self
    }

    fn row(&self) -> Vec<Value> {
        vec![
            self.section.into(),
            self.metric.into(),
            self.subject.clone().into(),
            self.date
                .map_or(Value::Null, |d| Value::Text(d.to_string())),
            self.count.into(),
            self.value.map_or(Value::Null, Value::Money),
            self.requirement.map_or(Value::Null, Value::from),
            self.detail.clone().into(),
        ]
    }
}

/// The lines as one table.
pub fn rows(lines: &[Line]) -> Rows {
    let mut rows = Rows::new(COLUMNS);
    for l in lines {
        rows.push(l.row());
    }
    rows
}

/// A use of a category against its quota, in words: `2026Q4 quota 10 (80.0%)`,
/// `... over quota`, `2026Q4 no quota`. `part` is set when the period covers
/// only part of the quarter.
pub fn quota_detail(
    q: Quarter,
    part: Option<Period>,
    quota: Option<i64>,
    used: i64,
    flagged: i64,
) -> String {
    let mut s = q.to_string();
    if let Some(p) = part {
        s.push_str(&format!(" ({}..{} only)", p.from, p.to));
    }
    match quota {
        None => s.push_str(" no quota"),
        Some(n) => {
            s.push_str(&format!(" quota {n}"));
            if n > 0 {
                s.push_str(&format!(" ({:.1}%)", used as f64 * 100.0 / n as f64));
            }
            if used > n {
                s.push_str(", over quota");
            }
        }
    }
    if flagged > 0 {
        let issues = if flagged == 1 { "issue" } else { "issues" };
        s.push_str(&format!("; {flagged} {issues} flagged over quota"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date("d", s).unwrap()
    }

    #[test]
    fn periods() {
        let as_of = d("2026-11-28");
        let p = Period::parse(None, None, None, as_of).unwrap();
        assert_eq!((p.from, p.to), (d("2026-10-01"), d("2026-12-31")));
        assert_eq!(p.label(), "2026Q4");
        let p = Period::parse(Some("2026q1"), None, None, as_of).unwrap();
        assert_eq!((p.from, p.to), (d("2026-01-01"), d("2026-03-31")));
        let p = Period::parse(None, Some("2026-07-15"), None, as_of).unwrap();
        assert_eq!((p.from, p.to), (d("2026-07-15"), as_of));
        assert_eq!(p.label(), "2026-07-15..2026-11-28");
        assert_eq!(
            p.quarters()
                .iter()
                .map(|q| q.to_string())
                .collect::<Vec<_>>(),
            ["2026Q3", "2026Q4"]
        );
        let q3 = Quarter::parse("q", "2026Q3").unwrap();
        assert_eq!(p.within(q3).from, d("2026-07-15"));
        assert_eq!(p.within(q3).to, d("2026-09-30"));
        let e = Period::parse(Some("2026Q5"), None, None, as_of).unwrap_err();
        assert!(e.to_string().starts_with("--quarter: \"2026Q5\""));
        let e = Period::parse(None, Some("2026-12-01"), Some("2026-11-01"), as_of).unwrap_err();
        assert_eq!(e.to_string(), "--from: 2026-12-01 is after --to 2026-11-01");
        let e = Period::parse(None, Some("2026-12-01"), None, as_of).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("--from: 2026-12-01 is after --as-of 2026-11-28")
        );
        let e = Period::parse(None, Some("2026-1-1"), None, as_of).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("--from: \"2026-1-1\" is not a date")
        );
    }

    #[test]
    fn quota_details() {
        let q = Quarter::parse("q", "2026Q4").unwrap();
        assert_eq!(
            quota_detail(q, None, Some(10), 8, 0),
            "2026Q4 quota 10 (80.0%)"
        );
        assert_eq!(
            quota_detail(q, None, Some(10), 12, 1),
            "2026Q4 quota 10 (120.0%), over quota; 1 issue flagged over quota"
        );
        assert_eq!(quota_detail(q, None, None, 3, 0), "2026Q4 no quota");
        assert_eq!(
            quota_detail(q, None, Some(0), 2, 2),
            "2026Q4 quota 0, over quota; 2 issues flagged over quota"
        );
        let part = Period {
            from: d("2026-10-15"),
            to: d("2026-12-31"),
        };
        assert_eq!(
            quota_detail(q, Some(part), Some(4), 1, 0),
            "2026Q4 (2026-10-15..2026-12-31 only) quota 4 (25.0%)"
        );
    }
}
