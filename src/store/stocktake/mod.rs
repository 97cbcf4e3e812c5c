//! The SQL of stock-taking (盘点, AST-1, C17): starting a count of a scope,
//! recording what was found and closing it, here; the report, sheet and list
//! in `report`, the findings (missing assets, departments overdue for a
//! count) in `check`, the labels' assets in `labels`.

mod check;
mod labels;
mod report;

pub use check::check;
pub use labels::{LabelsOf, label_assets};
pub use report::{LIST_COLUMNS, REPORT_COLUMNS, list, report, report_section, sheet_lines};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::Tx;
use super::asset::{self, Current, Transfer};
use super::audit::{STOCKTAKE, STOCKTAKE_ITEM};
use crate::domain::time::parse_date;

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
