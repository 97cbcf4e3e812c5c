//! The stock-take report (盘点报告), the count sheet's lines, the list of
//! stock-takes, and the `stocktakes` section of `audit report`.

use anyhow::{Context, Result};
use rusqlite::{Connection, params};

use super::{Stocktake, get};
use crate::domain::report::{Line, Period};
use crate::domain::stocktake::Outcome;
use crate::domain::time::parse_date;
use crate::rows::{Rows, Value};

pub const REPORT_COLUMNS: &[&str] = &[
    "outcome",
    "tag",
    "name",
    "dept",
    "location",
    "custodian",
    "found_location",
    "found_custodian",
    "status",
    "action",
    "note",
];

/// The stock-take report (盘点报告): each line with what it comes to and
/// what is to be done, in the order of [`Outcome`], then by tag.
pub fn report(conn: &Connection, st: &Stocktake) -> Result<Rows> {
    let mut stmt = conn.prepare(
        "SELECT i.expected, i.asset_id IS NOT NULL, i.result,
                i.found_location IS NOT NULL OR i.found_custodian_id IS NOT NULL,
                i.tag, a.name, d.name, i.location, p.name, i.found_location, fp.name,
                a.status, i.transfer_id, i.note
         FROM stocktake_item i
         LEFT JOIN asset a ON a.id = i.asset_id
         LEFT JOIN department d ON d.id = i.dept_id
         LEFT JOIN person p ON p.id = i.custodian_id
         LEFT JOIN person fp ON fp.id = i.found_custodian_id
         WHERE i.stocktake_id = ?1",
    )?;
    let mut lines = Vec::new();
    let mut q = stmt.query([st.id])?;
    while let Some(r) = q.next()? {
        let outcome = Outcome::of(
            r.get(0)?,
            r.get(1)?,
            r.get::<_, Option<String>>(2)?.as_deref(),
            r.get(3)?,
        );
        let tag: String = r.get(4)?;
        let found_location: Option<String> = r.get(9)?;
        let found_custodian: Option<String> = r.get(10)?;
        let transfer: Option<i64> = r.get(12)?;
        let action = match outcome {
            Outcome::InPlace => String::new(),
            Outcome::Elsewhere => match transfer {
                Some(t) => format!("transferred (transfer {t})"),
                None if st.closed.is_some() => {
                    "transfer proposed: record it with `asset transfer`".to_string()
                }
                None => "transfer proposed (close with --apply-transfers)".to_string(),
            },
            Outcome::Missing => {
                "find it, or write it off by a retirement request (AST-6)".to_string()
            }
            Outcome::Unexpected => "registered elsewhere: check its record".to_string(),
            Outcome::Unknown => "not in the register: register it".to_string(),
            Outcome::Uncounted => "not counted yet".to_string(),
        };
        lines.push((
            outcome,
            tag.clone(),
            vec![
                Value::Text(outcome.as_str().to_string()),
                Value::Text(tag),
                r.get::<_, Option<String>>(5)?.into(),
                r.get::<_, Option<String>>(6)?.into(),
                r.get::<_, Option<String>>(7)?.into(),
                r.get::<_, Option<String>>(8)?.into(),
                found_location.into(),
                found_custodian.into(),
                r.get::<_, Option<String>>(11)?.into(),
                Value::Text(action),
                r.get::<_, Option<String>>(13)?.into(),
            ],
        ));
    }
    lines.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let mut rows = Rows::new(REPORT_COLUMNS);
    for (_, _, row) in lines {
        rows.push(row);
    }
    Ok(rows)
}

/// The lines of the count sheet: each expected asset, by location, then tag.
pub fn sheet_lines(conn: &Connection, id: i64) -> Result<Vec<(Option<String>, Vec<Value>)>> {
    let mut stmt = conn.prepare(
        "SELECT i.location, i.tag, a.name, a.kind, a.model, a.serial, p.name
         FROM stocktake_item i JOIN asset a ON a.id = i.asset_id
         LEFT JOIN person p ON p.id = i.custodian_id
         WHERE i.stocktake_id = ?1 AND i.expected = 1
         ORDER BY i.location IS NULL, i.location COLLATE pinyin, i.tag",
    )?;
    let lines = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                vec![
                    Value::Text(r.get(1)?),
                    Value::Text(r.get(2)?),
                    Value::Text(r.get(3)?),
                    r.get::<_, Option<String>>(4)?.into(),
                    r.get::<_, Option<String>>(5)?.into(),
                    r.get::<_, Option<String>>(6)?.into(),
                ],
            ))
        })?
        .collect::<rusqlite::Result<_>>()
        .context("reading the count sheet")?;
    Ok(lines)
}

pub const LIST_COLUMNS: &[&str] = &[
    "id",
    "name",
    "scope",
    "started",
    "closed",
    "expected",
    "counted",
    "found",
    "missing",
    "unexpected",
];

/// Every stock-take, newest first, with its counts.
pub fn list(conn: &Connection) -> Result<Rows> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM stocktake ORDER BY started DESC, id DESC")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut rows = Rows::new(LIST_COLUMNS);
    for id in ids {
        let st = get(conn, id)?;
        let (expected, counted, found, missing, unexpected): (i64, i64, i64, i64, i64) = conn
            .query_row(
            "SELECT coalesce(sum(expected), 0), coalesce(sum(expected AND result IS NOT NULL), 0),
                        coalesce(sum(expected AND result = 'found'), 0),
                        coalesce(sum(expected AND result = 'missing'), 0),
                        coalesce(sum(NOT expected), 0)
                 FROM stocktake_item WHERE stocktake_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        rows.push(vec![
            Value::Int(id),
            Value::Text(st.name.clone()),
            Value::Text(st.scope()),
            Value::Text(st.started.to_string()),
            st.closed.map(|c| c.to_string()).into(),
            Value::Int(expected),
            Value::Int(counted),
            Value::Int(found),
            Value::Int(missing),
            Value::Int(unexpected),
        ]);
    }
    Ok(rows)
}

/// `audit report`: stock-takes started and closed in the period with what
/// they found, and those still open at its end. Nothing when there are none.
pub fn report_section(conn: &Connection, p: &Period) -> Result<Vec<Line>> {
    let [from, to] = [p.from.to_string(), p.to.to_string()];
    let ids: Vec<(i64, String, String, Option<String>)> = conn
        .prepare(
            "SELECT id, name, started, closed FROM stocktake
             WHERE (closed BETWEEN ?1 AND ?2) OR (started <= ?2 AND (closed IS NULL OR closed > ?2))
             ORDER BY started, id",
        )?
        .query_map(params![from, to], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()
        .context("reading the stock-takes of the period")?;
    let mut closed = Vec::new();
    let mut open = Vec::new();
    for (id, name, started, end) in ids {
        let st = get(conn, id)?;
        let report = report(conn, &st)?;
        let count = |o: Outcome| {
            report
                .rows
                .iter()
                .filter(|r| r[0] == Value::Text(o.as_str().to_string()))
                .count()
        };
        let subject = format!("{id} {name}");
        match end.filter(|c| c.as_str() <= to.as_str()) {
            Some(c) => {
                let detail = format!(
                    "{}; in place {}, elsewhere {}, missing {}, unexpected {}, unknown tags {}",
                    st.scope(),
                    count(Outcome::InPlace),
                    count(Outcome::Elsewhere),
                    count(Outcome::Missing),
                    count(Outcome::Unexpected),
                    count(Outcome::Unknown),
                );
                closed.push(
                    Line::of("stocktakes", "closed", subject, report.rows.len() as i64)
                        .date(Some(parse_date("stocktake.closed", &c)?))
                        .requirement("AST-1")
                        .detail(detail),
                );
            }
            None => {
                let detail = format!(
                    "{}; started {started}; counted {} of {}",
                    st.scope(),
                    report.rows.len() - count(Outcome::Uncounted),
                    report.rows.len()
                );
                open.push(
                    Line::of("stocktakes", "open", subject, report.rows.len() as i64)
                        .date(Some(parse_date("stocktake.started", &started)?))
                        .requirement("AST-1")
                        .detail(detail),
                );
            }
        }
    }
    let mut out = Vec::new();
    if closed.is_empty() && open.is_empty() {
        return Ok(out);
    }
    for (metric, lines) in [("closed", closed), ("open", open)] {
        out.push(Line::total("stocktakes", metric, lines.len() as i64).requirement("AST-1"));
        out.extend(lines);
    }
    Ok(out)
}
