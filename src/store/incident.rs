//! The SQL of the incident register (SEC-4, OPS-1, OPS-3, OPS-4): recording,
//! updating and closing incidents, the listing, the derived isolation of an
//! infected device (C32), the findings and the report's section. The rules
//! are in `domain::incident`.

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Days, NaiveTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::Tx;
use super::audit::INCIDENT;
use super::correction::{live, void_note};
use crate::domain::correction::INCIDENT as VOIDABLE;
use crate::domain::findings::Finding;
use crate::domain::incident::{self as dom, Incident, Kind, Open, Rules};
use crate::domain::report::{Line, Period};
use crate::domain::time::{format_instant, local_to_utc, read_instant, show_instant};
use crate::rows::{Rows, Value};

/// An incident as stored, with what it refers to resolved to ids.
#[derive(Debug, Clone)]
pub struct Stored {
    pub id: i64,
    pub kind: Kind,
    pub system_id: Option<i64>,
    pub asset_id: Option<i64>,
    pub detected: DateTime<Utc>,
    pub contained: Option<DateTime<Utc>>,
    pub resolved: Option<DateTime<Utc>>,
    pub person_id: Option<i64>,
    pub note: Option<String>,
    pub remedy: Option<String>,
    pub cleaned: bool,
}

impl Stored {
    /// The incident as the rules see it.
    pub fn rules_view(&self) -> Incident {
        Incident {
            kind: self.kind,
            on_asset: self.asset_id.is_some(),
            detected: self.detected,
            contained: self.contained,
            resolved: self.resolved,
            person: self.person_id.is_some(),
            cleaned: self.cleaned,
        }
    }
}

fn instant(text: Option<String>) -> Result<Option<DateTime<Utc>>> {
    text.map(|t| read_instant(&t)).transpose()
}

/// Finds a device by its tag, for `--asset`.
pub fn asset_id(conn: &Connection, tag: &str) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM asset WHERE tag = ?1")?
        .query_row([tag.trim()], |r| r.get(0))
        .optional()
        .context("looking up an asset")?
        .with_context(|| {
            format!(
                "--asset: no asset {tag:?} in the register; register it with `infogov asset register`"
            )
        })
}

/// The incident `id`, which must exist and not be void.
pub fn get(conn: &Connection, id: i64) -> Result<Stored> {
    let row = conn
        .prepare_cached(
            "SELECT id, kind, system_id, asset_id, detected, contained, resolved, person_id,
                    note, remedy, cleaned
             FROM incident WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<i64>>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, i64>(10)?,
            ))
        })
        .optional()
        .context("looking up an incident")?;
    let Some((
        id,
        kind,
        system_id,
        asset_id,
        detected,
        contained,
        resolved,
        person_id,
        note,
        remedy,
        cleaned,
    )) = row
    else {
        bail!("ID: there is no incident {id}");
    };
    if let Some((reason, by)) = super::correction::voided(conn, VOIDABLE, id)? {
        bail!("ID: incident {id} is void ({reason}, by {by}); record a new one instead");
    }
    Ok(Stored {
        id,
        kind: Kind::parse("incident.kind", &kind)?,
        system_id,
        asset_id,
        detected: read_instant(&detected)?,
        contained: instant(contained)?,
        resolved: instant(resolved)?,
        person_id,
        note,
        remedy,
        cleaned: cleaned == 1,
    })
}

/// Records a new incident; returns its id.
pub fn add(tx: &mut Tx<'_>, i: &Stored) -> Result<i64> {
    tx.insert(
        INCIDENT,
        "INSERT INTO incident (kind, system_id, asset_id, detected, contained, resolved, person_id,
                               note, remedy, cleaned)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            i.kind.as_str(),
            i.system_id,
            i.asset_id,
            format_instant(i.detected),
            i.contained.map(format_instant),
            i.resolved.map(format_instant),
            i.person_id,
            i.note,
            i.remedy,
            i64::from(i.cleaned),
        ],
    )
}

/// Writes every field of an incident as `i` has it.
pub fn update(tx: &mut Tx<'_>, i: &Stored) -> Result<i64> {
    tx.update(
        INCIDENT,
        "UPDATE incident SET kind = ?2, system_id = ?3, asset_id = ?4, detected = ?5,
                contained = ?6, resolved = ?7, person_id = ?8, note = ?9, remedy = ?10, cleaned = ?11
         WHERE id = ?1 RETURNING *",
        params![
            i.id,
            i.kind.as_str(),
            i.system_id,
            i.asset_id,
            format_instant(i.detected),
            i.contained.map(format_instant),
            i.resolved.map(format_instant),
            i.person_id,
            i.note,
            i.remedy,
            i64::from(i.cleaned),
        ],
    )
}

pub const LIST_COLUMNS: &[&str] = &[
    "id",
    "kind",
    "system",
    "device",
    "detected",
    "contained",
    "resolved",
    "status",
    "traced_to",
    "note",
    "remedy",
    "cleaned",
    "void",
];

/// What a listing filters on.
#[derive(Debug, Default)]
pub struct Filter {
    pub open: bool,
    pub kind: Option<Kind>,
    pub id: Option<i64>,
}

/// The status a listing shows: `closed` once resolved, `isolated` while a
/// virus keeps its device isolated, else `open`.
const STATUS_SQL: &str = "CASE WHEN i.resolved IS NOT NULL THEN 'closed'
                               WHEN i.kind = 'virus' AND i.asset_id IS NOT NULL THEN 'isolated'
                               ELSE 'open' END";

/// Incidents in the order they were detected, voided ones marked (and left
/// out of `--open`: a void incident is no open business).
pub fn list(conn: &Connection, f: &Filter) -> Result<Rows> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT i.id, i.kind, s.name, a.tag, i.detected, i.contained, i.resolved, {STATUS_SQL},
                    p.name || '@' || d.name, i.note, i.remedy, i.cleaned, {}
             FROM incident i
             LEFT JOIN system s ON s.id = i.system_id
             LEFT JOIN asset a ON a.id = i.asset_id
             LEFT JOIN person p ON p.id = i.person_id
             LEFT JOIN department d ON d.id = p.dept_id
             WHERE (?1 = 0 OR (i.resolved IS NULL AND {}))
               AND (?2 IS NULL OR i.kind = ?2)
               AND (?3 IS NULL OR i.id = ?3)
             ORDER BY i.detected, i.id",
            void_note("incident", "i"),
            live("incident", "i"),
        ))
        .context("listing incidents")?;
    let mut q = stmt.query(params![f.open, f.kind.map(Kind::as_str), f.id])?;
    let mut rows = Rows::new(LIST_COLUMNS);
    while let Some(r) = q.next().context("listing incidents")? {
        rows.push(row(r)?);
    }
    Ok(rows)
}

fn row(r: &Row<'_>) -> Result<Vec<Value>> {
    let kind: String = r.get(1)?;
    let on_asset = r.get::<_, Option<String>>(3)?.is_some();
    let cleaned: i64 = r.get(11)?;
    Ok(vec![
        Value::Int(r.get(0)?),
        Value::Text(kind.clone()),
        r.get::<_, Option<String>>(2)?.into(),
        r.get::<_, Option<String>>(3)?.into(),
        Value::Text(r.get(4)?),
        r.get::<_, Option<String>>(5)?.into(),
        r.get::<_, Option<String>>(6)?.into(),
        Value::Text(r.get(7)?),
        r.get::<_, Option<String>>(8)?.into(),
        r.get::<_, Option<String>>(9)?.into(),
        r.get::<_, Option<String>>(10)?.into(),
        // Only a virus on a device is ever cleaned.
        if kind == "virus" && on_asset {
            Value::Bool(cleaned == 1)
        } else {
            Value::Null
        },
        r.get::<_, Option<String>>(12)?.into(),
    ])
}

/// One incident, every field, and who recorded it (from the audit trail).
pub fn show(conn: &Connection, id: i64) -> Result<Rows> {
    let mut rows = list(
        conn,
        &Filter {
            id: Some(id),
            ..Filter::default()
        },
    )?;
    let Some(mut row) = rows.rows.pop() else {
        bail!("ID: there is no incident {id}");
    };
    let (by, at): (Option<String>, Option<String>) = conn
        .prepare_cached(
            "SELECT actor, at FROM audit_log WHERE entity = 'incident' AND key = ?1 AND action = 'insert'
             ORDER BY seq LIMIT 1",
        )?
        .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .context("reading who recorded an incident")?
        .unzip();
    let void = row.pop().unwrap_or(Value::Null);
    row.push(by.into());
    row.push(at.into());
    row.push(void);
    let mut columns: Vec<&'static str> = LIST_COLUMNS[..LIST_COLUMNS.len() - 1].to_vec();
    columns.extend(["recorded_by", "recorded_at", "void"]);
    let mut out = Rows::new(&columns);
    out.push(row);
    Ok(out)
}

/// The incident keeping a device isolated now, if any: (incident id, since).
/// A device is isolated from the detection of a virus on it until the
/// incident is closed as cleaned; a void incident isolates nothing.
pub fn isolation(conn: &Connection, asset: i64) -> Result<Option<(i64, String)>> {
    conn.prepare_cached(&format!(
        "SELECT i.id, i.detected FROM incident i
         WHERE i.asset_id = ?1 AND i.kind = 'virus' AND i.resolved IS NULL AND {}
         ORDER BY i.detected, i.id LIMIT 1",
        live("incident", "i")
    ))?
    .query_row([asset], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()
    .context("reading a device's isolation")
}

/// SQL expression: the incident keeping the asset `alias.id` isolated, or
/// NULL (for listings of assets).
pub fn isolated_by_sql(alias: &str) -> String {
    format!(
        "(SELECT min(i.id) FROM incident i
          WHERE i.asset_id = {alias}.id AND i.kind = 'virus' AND i.resolved IS NULL AND {})",
        live("incident", "i")
    )
}

/// The findings of `audit check --only incident`: open incidents past the
/// deadline of their kind, infected devices not isolated in time.
pub fn check(conn: &Connection, rules: &Rules, now: DateTime<Utc>) -> Result<Vec<Finding>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT i.id, coalesce(a.tag, s.name), i.kind, i.asset_id IS NOT NULL, i.detected,
                    i.contained, i.person_id IS NOT NULL, i.cleaned
             FROM incident i
             LEFT JOIN system s ON s.id = i.system_id
             LEFT JOIN asset a ON a.id = i.asset_id
             WHERE i.resolved IS NULL AND {}
             ORDER BY i.detected, i.id",
            live("incident", "i")
        ))
        .context("reading the open incidents")?;
    let mut q = stmt.query([])?;
    let mut open = Vec::new();
    while let Some(r) = q.next().context("reading the open incidents")? {
        let kind: String = r.get(2)?;
        open.push(Open {
            id: r.get(0)?,
            subject: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            incident: Incident {
                kind: Kind::parse("incident.kind", &kind)?,
                on_asset: r.get(3)?,
                detected: read_instant(&r.get::<_, String>(4)?)?,
                contained: instant(r.get(5)?)?,
                resolved: None,
                person: r.get(6)?,
                cleaned: r.get::<_, i64>(7)? == 1,
            },
        });
    }
    Ok(dom::findings(&open, rules, now))
}

fn day_start(field: &str, d: chrono::NaiveDate) -> Result<String> {
    let t = local_to_utc(field, &d.to_string(), d.and_time(NaiveTime::MIN))?;
    Ok(format_instant(t))
}

/// The report's section: incidents detected in the period (a total and one
/// line each), those closed in it, and those still open at its end.
pub fn report_section(conn: &Connection, p: &Period) -> Result<Vec<Line>> {
    let lo = day_start("--from", p.from)?;
    let after = p.to.checked_add_days(Days::new(1)).unwrap_or(p.to);
    let hi = day_start("--to", after)?;
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT i.id, i.kind, coalesce(a.tag, s.name), i.detected, i.contained, i.resolved,
                    p.name || '@' || d.name, i.note, i.remedy, i.cleaned
             FROM incident i
             LEFT JOIN system s ON s.id = i.system_id
             LEFT JOIN asset a ON a.id = i.asset_id
             LEFT JOIN person p ON p.id = i.person_id
             LEFT JOIN department d ON d.id = p.dept_id
             WHERE {} AND i.detected < ?2
               AND (i.detected >= ?1 OR i.resolved IS NULL OR i.resolved >= ?1)
             ORDER BY i.detected, i.id",
            live("incident", "i")
        ))
        .context("reading the report's incidents")?;
    type Got = (
        i64,
        String,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        i64,
    );
    let all: Vec<Got> = stmt
        .query_map(params![lo, hi], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()
        .context("reading the report's incidents")?;
    let day = |t: &str| -> Result<chrono::NaiveDate> {
        Ok(crate::domain::time::local_date(read_instant(t)?))
    };
    let mut out = Vec::new();
    for (metric, pick) in [("detected", 0u8), ("resolved", 1), ("still-open", 2)] {
        let these: Vec<&Got> = all
            .iter()
            .filter(|g| match pick {
                0 => g.3 >= lo,
                1 => g.5.as_ref().is_some_and(|r| *r >= lo && *r < hi),
                _ => g.5.as_ref().is_none_or(|r| *r >= hi),
            })
            .collect();
        out.push(Line::total("incidents", metric, these.len() as i64));
        for (id, kind, subject, detected, contained, resolved, person, note, remedy, cleaned) in
            these
        {
            let k = Kind::parse("incident.kind", kind)?;
            let mut detail = format!(
                "incident {id}, {kind}: detected {}",
                show_instant(read_instant(detected)?)
            );
            if let Some(c) = contained {
                detail.push_str(&format!(", contained {}", show_instant(read_instant(c)?)));
            }
            if let Some(r) = resolved {
                detail.push_str(&format!(", resolved {}", show_instant(read_instant(r)?)));
            }
            if *cleaned == 1 {
                detail.push_str(", cleaned");
            }
            if let Some(p) = person {
                detail.push_str(&format!("; traced to {p}"));
            }
            if let Some(n) = note {
                detail.push_str(&format!("; {n}"));
            }
            if let Some(m) = remedy {
                detail.push_str(&format!("; remedy: {m}"));
            }
            let date = match (metric, resolved) {
                ("resolved", Some(r)) => day(r)?,
                _ => day(detected)?,
            };
            out.push(
                Line::of("incidents", metric, subject.clone().unwrap_or_default(), 1)
                    .requirement(k.requirement())
                    .date(Some(date))
                    .detail(detail),
            );
        }
    }
    Ok(out)
}
