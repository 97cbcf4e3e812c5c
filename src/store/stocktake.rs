//! The SQL of stock-taking (盘点, AST-1, C17): starting a count of a scope,
//! recording what was found, closing it into the report, and the findings
//! (missing assets, departments overdue for a count).

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::Tx;
use super::asset::{self, Current, Transfer};
use super::audit::{STOCKTAKE, STOCKTAKE_ITEM};
use crate::domain::findings::{Finding, Severity};
use crate::domain::report::{Line, Period};
use crate::domain::stocktake::Outcome;
use crate::domain::time::{Interval, parse_date};
use crate::rows::{Rows, Value};

/// An asset as a stock-take line records it: id, tag, department,
/// custodian, location.
type Expected = (i64, String, Option<i64>, Option<i64>, Option<String>);
/// A line as closing reads it: id, tag, asset, expected, result.
type Counted = (i64, String, Option<i64>, bool, Option<String>);

/// What a stock-take covers; every part absent is the whole register.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    pub dept: Option<i64>,
    pub location: Option<String>,
    pub kind: Option<String>,
}

/// A stock-take as stored.
#[derive(Debug, Clone)]
pub struct Stocktake {
    pub id: i64,
    pub name: String,
    pub dept: Option<String>,
    pub location: Option<String>,
    pub kind: Option<String>,
    pub started: NaiveDate,
    pub closed: Option<NaiveDate>,
}

impl Stocktake {
    /// The scope in words, for the sheet and the report.
    pub fn scope(&self) -> String {
        let parts: Vec<String> = [
            self.dept.as_ref().map(|d| format!("dept {d}")),
            self.location.as_ref().map(|l| format!("location {l}")),
            self.kind.as_ref().map(|k| format!("kind {k}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            "every asset in service".to_string()
        } else {
            parts.join(", ")
        }
    }
}

fn date_of(field: &str, v: Option<String>) -> Result<Option<NaiveDate>> {
    v.map(|d| parse_date(field, &d))
        .transpose()
        .context("the register holds a malformed date")
}

pub fn get(conn: &Connection, id: i64) -> Result<Stocktake> {
    let row = conn
        .prepare_cached(
            "SELECT s.id, s.name, d.name, s.location, s.kind, s.started, s.closed
             FROM stocktake s LEFT JOIN department d ON d.id = s.dept_id WHERE s.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })
        .optional()
        .context("looking up a stock-take")?
        .with_context(|| {
            format!("ID: no stock-take {id}; `infogov asset stocktake list` shows them")
        })?;
    Ok(Stocktake {
        id: row.0,
        name: row.1,
        dept: row.2,
        location: row.3,
        kind: row.4,
        started: parse_date("stocktake.started", &row.5)?,
        closed: date_of("stocktake.closed", row.6)?,
    })
}

/// A stock-take still open for counting, on a day not before its start.
pub fn open_for_count(conn: &Connection, id: i64, date: NaiveDate) -> Result<Stocktake> {
    let st = get(conn, id)?;
    if let Some(c) = st.closed {
        bail!(
            "ID: stock-take {id} was closed on {c}; nothing more is counted in it (start a new one)"
        );
    }
    if date < st.started {
        bail!(
            "--date: {date} is before stock-take {id} started ({})",
            st.started
        );
    }
    Ok(st)
}

/// Starts a stock-take: fixes the assets in service in the scope, with the
/// department, custodian and location the register gives them now.
/// Returns its id and how many assets are expected.
pub fn start(tx: &mut Tx<'_>, scope: &Scope, name: &str, date: NaiveDate) -> Result<(i64, i64)> {
    let id = tx.insert(
        STOCKTAKE,
        "INSERT INTO stocktake (name, dept_id, location, kind, started) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, scope.dept, scope.location, scope.kind, date.to_string()],
    )?;
    let assets: Vec<Expected> = tx
        .conn()
        .prepare(
            "SELECT id, tag, dept_id, custodian_id, location FROM asset
             WHERE status NOT IN ('retired', 'disposed') AND registered <= ?4
               AND (?1 IS NULL OR dept_id = ?1) AND (?2 IS NULL OR location = ?2)
               AND (?3 IS NULL OR kind = ?3)
             ORDER BY tag",
        )?
        .query_map(
            params![scope.dept, scope.location, scope.kind, date.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?
        .collect::<rusqlite::Result<_>>()
        .context("listing the assets a stock-take expects")?;
    if assets.is_empty() {
        bail!("the scope holds no asset in service; there is nothing to count");
    }
    for (asset_id, tag, dept, custodian, location) in &assets {
        tx.insert(
            STOCKTAKE_ITEM,
            "INSERT INTO stocktake_item (stocktake_id, tag, asset_id, expected, dept_id, custodian_id, location)
             VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6)",
            params![id, tag, asset_id, dept, custodian, location],
        )?;
    }
    Ok((id, assets.len() as i64))
}

/// What was found of one tag: where and with whom, when that is known.
#[derive(Debug, Default, Clone)]
pub struct Found {
    pub location: Option<String>,
    pub custodian: Option<i64>,
    pub note: Option<String>,
}

struct Item {
    id: i64,
    expected: bool,
    result: Option<String>,
    location: Option<String>,
    custodian: Option<i64>,
}

fn item(conn: &Connection, st: i64, tag: &str) -> Result<Option<Item>> {
    conn.prepare_cached(
        "SELECT id, expected, result, location, custodian_id FROM stocktake_item
         WHERE stocktake_id = ?1 AND tag = ?2",
    )?
    .query_row(params![st, tag], |r| {
        Ok(Item {
            id: r.get(0)?,
            expected: r.get(1)?,
            result: r.get(2)?,
            location: r.get(3)?,
            custodian: r.get(4)?,
        })
    })
    .optional()
    .context("looking up a stock-take line")
}

/// Records a tag as found. A scan of a tag already found changes nothing
/// (`rescan_keeps` true, as a scanner round repeats tags); a count on paper
/// (`mark`) may correct where it was found. Returns what the line now is.
pub fn found(
    tx: &mut Tx<'_>,
    st: &Stocktake,
    tag: &str,
    f: &Found,
    date: NaiveDate,
    rescan_keeps: bool,
) -> Result<&'static str> {
    let tag = tag.trim();
    if let Some(it) = item(tx.conn(), st.id, tag)? {
        if rescan_keeps && it.result.as_deref() == Some("found") {
            return Ok("already counted");
        }
        let location = f
            .location
            .clone()
            .filter(|l| it.location.as_ref() != Some(l));
        let custodian = f.custodian.filter(|c| it.custodian != Some(*c));
        tx.update(
            STOCKTAKE_ITEM,
            "UPDATE stocktake_item SET result = 'found', counted = ?2, found_location = ?3,
                    found_custodian_id = ?4, note = coalesce(?5, note)
             WHERE id = ?1 RETURNING *",
            params![it.id, date.to_string(), location, custodian, f.note],
        )?;
        return Ok(
            match (it.expected, location.is_some() || custodian.is_some()) {
                (false, _) => "unexpected",
                (true, true) => "found elsewhere",
                (true, false) => "found",
            },
        );
    }
    // Not expected: an asset of another scope, or a tag the register lacks.
    let known: Option<Expected> = tx
        .conn()
        .prepare_cached(
            "SELECT id, tag, dept_id, custodian_id, location FROM asset WHERE tag = ?1",
        )?
        .query_row([tag], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()
        .context("looking up a scanned tag")?;
    let (asset_id, dept, custodian, location) = match known {
        Some((a, _, d, c, l)) => (Some(a), d, c, l),
        None => (None, None, None, None),
    };
    let found_location = f.location.clone().filter(|l| location.as_ref() != Some(l));
    let found_custodian = f.custodian.filter(|c| custodian != Some(*c));
    tx.insert(
        STOCKTAKE_ITEM,
        "INSERT INTO stocktake_item (stocktake_id, tag, asset_id, expected, dept_id, custodian_id,
                                     location, result, counted, found_location, found_custodian_id, note)
         VALUES (?1, ?2, ?3, 0, ?4, ?5, ?6, 'found', ?7, ?8, ?9, ?10)",
        params![
            st.id,
            tag,
            asset_id,
            dept,
            custodian,
            location,
            date.to_string(),
            found_location,
            found_custodian,
            f.note
        ],
    )?;
    Ok(if asset_id.is_some() {
        "unexpected"
    } else {
        "unknown tag"
    })
}

/// Records an expected asset as not found (a count on paper).
pub fn missing(
    tx: &mut Tx<'_>,
    st: &Stocktake,
    tag: &str,
    note: Option<&str>,
    date: NaiveDate,
) -> Result<()> {
    let tag = tag.trim();
    let Some(it) = item(tx.conn(), st.id, tag)?.filter(|i| i.expected) else {
        bail!(
            "TAG: {tag:?} is not expected in stock-take {}; only an expected asset can be missing",
            st.id
        );
    };
    tx.update(
        STOCKTAKE_ITEM,
        "UPDATE stocktake_item SET result = 'missing', counted = ?2, found_location = NULL,
                found_custodian_id = NULL, note = coalesce(?3, note)
         WHERE id = ?1 RETURNING *",
        params![it.id, date.to_string(), note],
    )?;
    Ok(())
}

/// What closing did.
#[derive(Debug, Default)]
pub struct Closed {
    pub missing: Vec<String>,
    pub found_again: Vec<String>,
    pub transferred: Vec<String>,
    pub proposed: Vec<String>,
}

/// Closes a stock-take: what was not counted is missing; assets missing are
/// set `missing`, missing assets found are back in service, and with
/// `apply_transfers` each asset found elsewhere is transferred, with the
/// stock-take as the reason.
pub fn close(
    tx: &mut Tx<'_>,
    st: &Stocktake,
    date: NaiveDate,
    apply_transfers: bool,
) -> Result<Closed> {
    let mut done = Closed::default();
    let lines: Vec<Counted> = tx
        .conn()
        .prepare(
            "SELECT id, tag, asset_id, expected, result FROM stocktake_item
             WHERE stocktake_id = ?1 ORDER BY tag",
        )?
        .query_map([st.id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()
        .context("reading the lines of a stock-take")?;
    let label = format!("stock-take {} ({})", st.id, st.name);
    for (line, tag, asset_id, expected, result) in lines {
        if expected && result.is_none() {
            tx.update(
                STOCKTAKE_ITEM,
                "UPDATE stocktake_item SET result = 'missing', counted = ?2 WHERE id = ?1 RETURNING *",
                params![line, date.to_string()],
            )?;
        }
        let Some(_) = asset_id else { continue };
        let a = asset::current(tx.conn(), &tag)?;
        let found = result.as_deref() == Some("found");
        if !found {
            if matches!(a.status.as_str(), "in-use" | "in-stock" | "under-repair") {
                asset::stocktake_status(tx, &a, "missing", &format!("{label}: not found"), date)?;
                done.missing.push(tag.clone());
            }
            continue;
        }
        if a.status == "missing" {
            let before = status_before_missing(tx.conn(), a.id)?;
            asset::stocktake_status(tx, &a, &before, &format!("{label}: found again"), date)?;
            done.found_again.push(tag.clone());
        }
        if expected {
            elsewhere(tx, line, &tag, &label, date, apply_transfers, &mut done)?;
        }
    }
    tx.update(
        STOCKTAKE,
        "UPDATE stocktake SET closed = ?2 WHERE id = ?1 RETURNING *",
        params![st.id, date.to_string()],
    )?;
    Ok(done)
}

/// The status a missing asset had before it went missing.
fn status_before_missing(conn: &Connection, asset_id: i64) -> Result<String> {
    let before: Option<String> = conn
        .query_row(
            "SELECT from_status FROM asset_status_change WHERE asset_id = ?1 AND to_status = 'missing'
             ORDER BY date DESC, id DESC LIMIT 1",
            [asset_id],
            |r| r.get(0),
        )
        .optional()
        .context("reading the status before an asset went missing")?;
    Ok(before
        .filter(|s| matches!(s.as_str(), "in-use" | "in-stock" | "under-repair"))
        .unwrap_or_else(|| "in-use".to_string()))
}

/// A line found elsewhere or with someone else: a proposed transfer, made
/// when `apply`. The custodian found brings their department.
fn elsewhere(
    tx: &mut Tx<'_>,
    line: i64,
    tag: &str,
    label: &str,
    date: NaiveDate,
    apply: bool,
    done: &mut Closed,
) -> Result<()> {
    let (location, custodian): (Option<String>, Option<i64>) = tx.conn().query_row(
        "SELECT found_location, found_custodian_id FROM stocktake_item WHERE id = ?1",
        [line],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if location.is_none() && custodian.is_none() {
        return Ok(());
    }
    if !apply {
        done.proposed.push(tag.to_string());
        return Ok(());
    }
    let a: Current = asset::current(tx.conn(), tag)?;
    let dept = match custodian {
        Some(p) => Some(tx.conn().query_row(
            "SELECT dept_id FROM person WHERE id = ?1",
            [p],
            |r| r.get::<_, i64>(0),
        )?),
        None => None,
    };
    let unchanged = dept.is_none_or(|d| a.dept_id == Some(d))
        && custodian.is_none_or(|c| a.custodian_id == Some(c))
        && location
            .as_ref()
            .is_none_or(|l| a.location.as_ref() == Some(l));
    if unchanged {
        // Already moved there since the stock-take started.
        return Ok(());
    }
    let mut reason = format!("{label}: found");
    if let Some(l) = &location {
        reason.push_str(&format!(" at {l}"));
    }
    if let Some(c) = custodian {
        let name: String =
            tx.conn()
                .query_row("SELECT name FROM person WHERE id = ?1", [c], |r| r.get(0))?;
        reason.push_str(&format!(" with {name}"));
    }
    asset::transfer(
        tx,
        &a,
        &Transfer {
            dept,
            custodian,
            location,
            reason,
            date,
        },
    )?;
    let transfer: i64 = tx.conn().query_row(
        "SELECT max(id) FROM asset_transfer WHERE asset_id = ?1",
        [a.id],
        |r| r.get(0),
    )?;
    tx.update(
        STOCKTAKE_ITEM,
        "UPDATE stocktake_item SET transfer_id = ?2 WHERE id = ?1 RETURNING *",
        params![line, transfer],
    )?;
    done.transferred.push(tag.to_string());
    Ok(())
}

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
         ORDER BY i.location IS NULL, i.location, i.tag",
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

/// The stock-take findings: assets missing (AST-1; CRITICAL for a classified
/// device, whose loss may be a leak), and departments whose assets have not
/// been counted within `every` (the stock-take duty).
pub fn check(conn: &Connection, as_of: NaiveDate, every: Interval) -> Result<Vec<Finding>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT a.tag, a.name, a.classified,
                (SELECT max(s.date) FROM asset_status_change s
                 WHERE s.asset_id = a.id AND s.to_status = 'missing')
         FROM asset a WHERE a.status = 'missing' ORDER BY a.tag",
    )?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        let tag: String = r.get(0)?;
        let name: String = r.get(1)?;
        let classified: bool = r.get(2)?;
        let since: Option<String> = r.get(3)?;
        let since = since.unwrap_or_else(|| "?".into());
        let (severity, what, what_zh) = if classified {
            (
                Severity::Critical,
                "a classified (涉密) device is missing",
                "涉密设备盘亏（下落不明）",
            )
        } else {
            (Severity::Warning, "is missing", "盘亏（下落不明）")
        };
        out.push(
            Finding::new(
                "asset",
                severity,
                format!("{tag} {name}"),
                format!("{what} since the stock-take of {since}; find it, or write it off by a retirement request (AST-6)"),
                "AST-1",
            )
            .zh(format!("{what_zh}，自 {since} 盘点起；请查找，或经报废申请核销（AST-6）")),
        );
    }
    // The departments holding assets in service, with the first day one of
    // those was registered, and the last closed stock-take of the whole
    // department (or of the whole register).
    let mut stmt = conn.prepare(
        "SELECT d.name, min(a.registered),
                (SELECT max(s.closed) FROM stocktake s
                 WHERE s.closed IS NOT NULL AND s.location IS NULL AND s.kind IS NULL
                   AND (s.dept_id = d.id OR s.dept_id IS NULL) AND s.closed <= ?1)
         FROM asset a JOIN department d ON d.id = a.dept_id
         WHERE a.status NOT IN ('retired', 'disposed') AND a.registered <= ?1
         GROUP BY d.id ORDER BY d.name",
    )?;
    let mut q = stmt.query([as_of.to_string()])?;
    while let Some(r) = q.next()? {
        let dept: String = r.get(0)?;
        let first = parse_date("asset.registered", &r.get::<_, String>(1)?)?;
        let last = date_of("stocktake.closed", r.get(2)?)?;
        let due = every.after_date(last.unwrap_or(first));
        if as_of <= due {
            continue;
        }
        let (msg, zh) = match last {
            Some(l) => (
                format!("was last stock-taken on {l}; a count is due every {every} (due {due})"),
                format!("上次盘点为 {l}；应每 {} 盘点一次（{due} 到期）", every.zh()),
            ),
            None => (
                format!(
                    "has never been stock-taken; a count is due every {every} (due {due}, after its first asset was registered)"
                ),
                format!("从未盘点；应每 {} 盘点一次（{due} 到期）", every.zh()),
            ),
        };
        out.push(Finding::new("asset", Severity::Warning, dept, msg, "AST-1").zh(zh));
    }
    Ok(out)
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

/// Which assets `asset label` prints.
pub enum LabelsOf<'a> {
    Tags(&'a [String]),
    Dept(i64),
    Stocktake(i64),
}

/// The tag, name and department of each asset to label, in tag order
/// (named tags in the order given; an unknown one is an error).
pub fn label_assets(
    conn: &Connection,
    of: LabelsOf<'_>,
) -> Result<Vec<(String, String, Option<String>)>> {
    let base =
        "SELECT a.tag, a.name, d.name FROM asset a LEFT JOIN department d ON d.id = a.dept_id";
    let read = |sql: &str, p: i64| -> Result<Vec<(String, String, Option<String>)>> {
        conn.prepare(sql)?
            .query_map([p], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()
            .context("reading the assets to label")
    };
    match of {
        LabelsOf::Tags(tags) => {
            let mut stmt = conn.prepare(&format!("{base} WHERE a.tag = ?1"))?;
            let mut out = Vec::new();
            for t in tags {
                let row = stmt
                    .query_row([t.trim()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()
                    .context("reading an asset to label")?
                    .with_context(|| format!("TAG: no asset {t:?} in the register"))?;
                out.push(row);
            }
            Ok(out)
        }
        LabelsOf::Dept(d) => read(
            &format!(
                "{base} WHERE a.dept_id = ?1 AND a.status NOT IN ('retired', 'disposed') ORDER BY a.tag"
            ),
            d,
        ),
        LabelsOf::Stocktake(id) => read(
            &format!(
                "{base} WHERE a.id IN (SELECT asset_id FROM stocktake_item WHERE stocktake_id = ?1) ORDER BY a.tag"
            ),
            id,
        ),
    }
}
