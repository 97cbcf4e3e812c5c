//! The SQL of security operations (OPS-1, OPS-2, OPS-3, S3): antivirus
//! reports per device, recorded or imported from an antivirus console's
//! export; the log retention of each server; and the findings of the
//! "security" area. The rules are in `domain::security`; the per-device
//! duties (a server's log review, a firewall's review) are duties
//! (`store::duty`, scope `asset:TAG`).

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::Tx;
use super::audit::{ANTIVIRUS_REPORT, LOG_RETENTION};
use super::correction::live;
use crate::domain::csvfile::{BadRows, MAX_REPORTED_ROWS};
use crate::domain::findings::{Finding, Severity};
use crate::domain::security::{
    AntivirusFault, Rules, antivirus_faults, definitions_date, retention_enough, scan_time,
};
use crate::domain::time::{Interval, format_instant, local_date, read_instant};
use crate::rows::{Rows, Value};

/// The kinds as SQL reads them (`IN (SELECT value FROM json_each(?))`).
fn kinds_json(kinds: &[String]) -> String {
    serde_json::to_string(kinds).expect("a list of strings is JSON")
}

/// One device's antivirus as reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub product: String,
    pub version: Option<String>,
    pub definitions: NaiveDate,
    pub last_full_scan: Option<DateTime<Utc>>,
    pub hostname: Option<String>,
    pub ip: Option<String>,
}

/// The newest report of a device (on or before `as_of` when given).
fn newest(conn: &Connection, asset: i64, as_of: Option<NaiveDate>) -> Result<Option<Report>> {
    conn.prepare_cached(
        "SELECT product, version, definitions, last_full_scan, hostname, ip FROM antivirus_report
         WHERE asset_id = ?1 AND (?2 IS NULL OR reported <= ?2) ORDER BY id DESC LIMIT 1",
    )?
    .query_row(params![asset, as_of.map(|d| d.to_string())], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })
    .optional()
    .context("reading a device's antivirus")?
    .map(|(product, version, defs, scan, hostname, ip)| {
        Ok(Report {
            product,
            version,
            definitions: crate::domain::time::parse_date("antivirus_report.definitions", &defs)
                .context("the register holds a malformed date")?,
            last_full_scan: scan.map(|s| read_instant(&s)).transpose()?,
            hostname,
            ip,
        })
    })
    .transpose()
}

/// Records a device's antivirus unless it is what the device's newest report
/// already says; returns whether a report was added. So importing the same
/// console export twice adds nothing the second time.
pub fn record(
    tx: &mut Tx<'_>,
    asset: i64,
    report: &Report,
    source: &str,
    today: NaiveDate,
) -> Result<bool> {
    if newest(tx.conn(), asset, None)?.as_ref() == Some(report) {
        return Ok(false);
    }
    tx.insert(
        ANTIVIRUS_REPORT,
        "INSERT INTO antivirus_report (asset_id, product, version, definitions, last_full_scan,
                                       hostname, ip, source, reported)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            asset,
            report.product,
            report.version,
            report.definitions.to_string(),
            report.last_full_scan.map(format_instant),
            report.hostname,
            report.ip,
            source,
            today.to_string()
        ],
    )?;
    Ok(true)
}

/// What an antivirus import did (or, in a dry run, would do).
#[derive(Debug, Default)]
pub struct ImportSummary {
    pub devices: u64,
    pub recorded: u64,
    pub unchanged: u64,
}

/// How a row of a console export names its device. A tag column wins; else
/// the serial number; else the computer name, which is the asset's tag where
/// the office names computers after their tags, or the hostname an earlier
/// report recorded for the device.
fn find_device(
    conn: &Connection,
    row: &crate::tabular::Row,
) -> Result<std::result::Result<i64, String>> {
    if let Some(tag) = row.get("tag") {
        return Ok(asset_by_tag(conn, tag)?
            .ok_or_else(|| format!("{}: no asset {tag:?} in the register", row.at("tag"))));
    }
    if let Some(serial) = row.get("serial") {
        let ids: Vec<i64> = conn
            .prepare_cached("SELECT id FROM asset WHERE serial = ?1")?
            .query_map([serial], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()
            .context("looking up a serial number")?;
        return Ok(match ids[..] {
            [id] => Ok(id),
            [] => Err(format!(
                "{}: no asset with serial number {serial:?} in the register",
                row.at("serial")
            )),
            _ => Err(format!(
                "{}: {} assets have the serial number {serial:?}; give the tag",
                row.at("serial"),
                ids.len()
            )),
        });
    }
    if let Some(host) = row.get("hostname") {
        if let Some(id) = asset_by_tag(conn, host)? {
            return Ok(Ok(id));
        }
        let ids: Vec<i64> = conn
            .prepare_cached(
                "SELECT r.asset_id FROM antivirus_report r
                 WHERE r.id IN (SELECT max(id) FROM antivirus_report GROUP BY asset_id)
                   AND r.hostname = ?1 COLLATE NOCASE",
            )?
            .query_map([host], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()
            .context("looking up a computer name")?;
        return Ok(match ids[..] {
            [id] => Ok(id),
            [] => Err(format!(
                "{}: no asset is tagged or known by the computer name {host:?}; record it once with `infogov asset antivirus record TAG --hostname {host} ...`, or add a 资产编号 column",
                row.at("hostname")
            )),
            _ => Err(format!(
                "{}: {} devices were last reported as {host:?}; add a 资产编号 column",
                row.at("hostname"),
                ids.len()
            )),
        });
    }
    Ok(Err(format!(
        "{}: the row names no device; it needs a tag, serial or computer name",
        row.pos
    )))
}

fn asset_by_tag(conn: &Connection, tag: &str) -> Result<Option<i64>> {
    conn.prepare_cached("SELECT id FROM asset WHERE tag = ?1")?
        .query_row([tag.trim()], |r| r.get(0))
        .optional()
        .context("looking up an asset")
}

/// Reads one row of a console export into a report.
fn row_report(
    row: &crate::tabular::Row,
    product: Option<&str>,
) -> std::result::Result<Report, String> {
    let product = match row.get("product").or(product) {
        Some(p) => p.to_string(),
        None => {
            return Err(format!(
                "{}: the antivirus product is not given; add a product column or --product",
                row.pos
            ));
        }
    };
    let Some(defs) = row.get("definitions") else {
        return Err(format!("{}: must not be empty", row.at("definitions")));
    };
    let definitions = definitions_date(&row.at("definitions"), defs).map_err(|e| e.to_string())?;
    let last_full_scan = match row.get("last_scan") {
        None => None,
        Some(v) => scan_time(&row.at("last_scan"), v).map_err(|e| e.to_string())?,
    };
    Ok(Report {
        product,
        version: row.get("version").map(str::to_string),
        definitions,
        last_full_scan,
        hostname: row.get("hostname").map(str::to_string),
        ip: row.get("ip").map(str::to_string),
    })
}

/// Imports an antivirus console's export: a row per device. Every bad row
/// (up to [`MAX_REPORTED_ROWS`]) is reported and nothing is written; a
/// device named twice is a bad row. A device whose newest report already
/// says the same is left alone.
pub fn import_table(
    tx: &mut Tx<'_>,
    table: &mut crate::tabular::Table,
    product: Option<&str>,
    today: NaiveDate,
) -> Result<ImportSummary> {
    let file = table.file().to_string();
    let mut wanted: BTreeMap<i64, (Report, String)> = BTreeMap::new();
    let mut bad = Vec::new();
    let mut bad_total = 0u64;
    let mut note_bad = |msg: String| {
        bad_total += 1;
        if bad.len() < MAX_REPORTED_ROWS {
            bad.push(msg);
        }
    };
    while let Some(next) = table.next_row() {
        let row = match next? {
            Ok(row) => row,
            Err(b) => {
                note_bad(b.to_string());
                continue;
            }
        };
        let device = match find_device(tx.conn(), &row)? {
            Ok(id) => id,
            Err(msg) => {
                note_bad(msg);
                continue;
            }
        };
        let report = match row_report(&row, product) {
            Ok(r) => r,
            Err(msg) => {
                note_bad(msg);
                continue;
            }
        };
        if let Some((_, first)) = wanted.get(&device) {
            note_bad(format!(
                "{}: the same device as {first}; a console lists each device once",
                row.pos
            ));
            continue;
        }
        wanted.insert(device, (report, row.pos.to_string()));
    }
    if bad_total > 0 {
        return Err(BadRows {
            lines: bad,
            total: bad_total,
            file,
        }
        .into());
    }
    let source = std::path::Path::new(&file)
        .file_name()
        .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
    let mut summary = ImportSummary::default();
    for (device, (report, _)) in wanted {
        summary.devices += 1;
        if record(tx, device, &report, &source, today)? {
            summary.recorded += 1;
        } else {
            summary.unchanged += 1;
        }
    }
    Ok(summary)
}

/// A device the "security" area looks at.
struct Device {
    id: i64,
    tag: String,
    name: String,
    kind: String,
    status: String,
    dept: Option<String>,
    custodian: Option<String>,
}

fn devices(conn: &Connection, kinds: &[String], with_reports: bool) -> Result<Vec<Device>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT a.id, a.tag, a.name, a.kind, a.status, d.name, p.name FROM asset a
             LEFT JOIN department d ON d.id = a.dept_id
             LEFT JOIN person p ON p.id = a.custodian_id
             WHERE (a.status = 'in-use' AND a.kind IN (SELECT value FROM json_each(?1)))
                OR (?2 AND EXISTS (SELECT 1 FROM antivirus_report r WHERE r.asset_id = a.id))
             ORDER BY a.tag",
        )
        .context("reading the devices")?;
    let list = stmt
        .query_map(params![kinds_json(kinds), with_reports], |r| {
            Ok(Device {
                id: r.get(0)?,
                tag: r.get(1)?,
                name: r.get(2)?,
                kind: r.get(3)?,
                status: r.get(4)?,
                dept: r.get(5)?,
                custodian: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(list)
}

/// The day of a device's newest full scan on or before `as_of`: the last
/// full scan its newest antivirus report gives, or a virus scan recorded
/// with `asset maintain --kind virus-scan`, whichever is newer.
pub fn last_scan(conn: &Connection, asset: i64, as_of: NaiveDate) -> Result<Option<NaiveDate>> {
    let reported = newest(conn, asset, Some(as_of))?
        .and_then(|r| r.last_full_scan)
        .map(local_date)
        .filter(|d| *d <= as_of);
    let maintained: Option<String> = conn
        .prepare_cached(&format!(
            "SELECT max(m.date) FROM maintenance m
             WHERE m.asset_id = ?1 AND m.kind = 'virus-scan' AND m.date <= ?2 AND {}",
            live("maintenance", "m")
        ))?
        .query_row(params![asset, as_of.to_string()], |r| r.get(0))
        .context("reading a device's virus scans")?;
    let maintained = maintained
        .map(|d| crate::domain::time::parse_date("maintenance.date", &d))
        .transpose()?;
    Ok(reported.max(maintained))
}

/// Devices needing antivirus in scope of a virus-scan duty: in use, of the
/// antivirus kinds, and of the duty's kind or department when it has one.
/// Each with the day of its newest full scan on or before `as_of`.
pub fn scanned_devices(
    conn: &Connection,
    kinds: &[String],
    scope_kind: Option<&str>,
    scope_dept: Option<i64>,
    scope_asset: Option<i64>,
    as_of: NaiveDate,
) -> Result<Vec<(String, Option<NaiveDate>)>> {
    let ids: Vec<(i64, String)> = conn
        .prepare_cached(
            "SELECT a.id, a.tag FROM asset a
             WHERE a.status = 'in-use' AND a.kind IN (SELECT value FROM json_each(?1))
               AND (?2 IS NULL OR a.kind = ?2) AND (?3 IS NULL OR a.dept_id = ?3)
               AND (?4 IS NULL OR a.id = ?4) AND a.registered <= ?5
             ORDER BY a.tag",
        )?
        .query_map(
            params![
                kinds_json(kinds),
                scope_kind,
                scope_dept,
                scope_asset,
                as_of.to_string()
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<rusqlite::Result<_>>()
        .context("reading the devices a virus-scan duty covers")?;
    ids.into_iter()
        .map(|(id, tag)| Ok((tag, last_scan(conn, id, as_of)?)))
        .collect()
}

/// The full scans antivirus reports give for the devices a virus-scan duty
/// covers, for `duty history`: one row per device and scan (a scan reported
/// again with newer definitions is one scan), in the history's columns (id,
/// date, source, detail, evidence, recorded_by, void).
pub fn scan_history(
    conn: &Connection,
    kinds: &[String],
    scope_kind: Option<&str>,
    scope_dept: Option<i64>,
    scope_asset: Option<i64>,
) -> Result<Vec<Vec<Value>>> {
    let mut stmt = conn
        .prepare(
            "WITH scan(id) AS (
               SELECT min(r.id) FROM antivirus_report r JOIN asset a ON a.id = r.asset_id
               WHERE r.last_full_scan IS NOT NULL AND a.kind IN (SELECT value FROM json_each(?1))
                 AND (?2 IS NULL OR a.kind = ?2) AND (?3 IS NULL OR a.dept_id = ?3)
                 AND (?4 IS NULL OR a.id = ?4)
               GROUP BY r.asset_id, r.last_full_scan
             )
             SELECT r.id, a.tag, r.product, r.last_full_scan,
                    (SELECT l.actor FROM audit_log l WHERE l.entity = 'antivirus_report'
                       AND l.key = CAST(r.id AS TEXT) AND l.action = 'insert' LIMIT 1),
                    r.source
             FROM scan JOIN antivirus_report r ON r.id = scan.id JOIN asset a ON a.id = r.asset_id
             ORDER BY r.last_full_scan, a.tag",
        )
        .context("reading the full scans antivirus reports give")?;
    let mut q = stmt.query(params![
        kinds_json(kinds),
        scope_kind,
        scope_dept,
        scope_asset
    ])?;
    let mut out = Vec::new();
    while let Some(r) = q.next()? {
        let id: i64 = r.get(0)?;
        let tag: String = r.get(1)?;
        let product: String = r.get(2)?;
        let at = read_instant(&r.get::<_, String>(3)?)?;
        let source: String = r.get(5)?;
        out.push(vec![
            Value::Text(format!("V{id}")),
            Value::Text(local_date(at).to_string()),
            Value::Text("antivirus".to_string()),
            Value::Text(format!("full scan of {tag}: {product} ({source})")),
            Value::Null,
            r.get::<_, Option<String>>(4)?.into(),
            Value::Null,
        ]);
    }
    Ok(out)
}

pub const ANTIVIRUS_COLUMNS: &[&str] = &[
    "tag",
    "name",
    "kind",
    "dept",
    "custodian",
    "product",
    "version",
    "definitions",
    "last_full_scan",
    "hostname",
    "reported",
    "antivirus_state",
];

fn fault_word(f: &AntivirusFault) -> &'static str {
    match f {
        AntivirusFault::None => "none",
        AntivirusFault::StaleDefinitions { .. } => "stale-definitions",
        AntivirusFault::NoScan { .. } => "not-scanned",
    }
}

/// A device's antivirus faults on `as_of`.
fn faults(
    conn: &Connection,
    rules: &Rules,
    d: &Device,
    report: Option<&Report>,
    as_of: NaiveDate,
) -> Result<Vec<AntivirusFault>> {
    Ok(match report {
        None => vec![AntivirusFault::None],
        Some(r) => antivirus_faults(rules, r.definitions, last_scan(conn, d.id, as_of)?, as_of),
    })
}

/// `asset antivirus list`: every device that needs antivirus and every
/// device with a report, with its newest report on `as_of` and its state
/// (`ok`, `none`, `stale-definitions`, `not-scanned`).
pub fn list(conn: &Connection, rules: &Rules, as_of: NaiveDate) -> Result<Rows> {
    let mut rows = Rows::new(ANTIVIRUS_COLUMNS);
    for d in devices(conn, &rules.antivirus_kinds, true)? {
        let report = newest(conn, d.id, Some(as_of))?;
        let needs = d.status == "in-use" && rules.antivirus_kinds.contains(&d.kind);
        let state = if needs {
            let f = faults(conn, rules, &d, report.as_ref(), as_of)?;
            if f.is_empty() {
                "ok".to_string()
            } else {
                f.iter().map(fault_word).collect::<Vec<_>>().join(" ")
            }
        } else {
            // Not in use, or a kind that needs none: shown, not judged.
            "not-checked".to_string()
        };
        let scan = report.as_ref().and_then(|r| r.last_full_scan);
        let last_reported: Option<String> = conn
            .prepare_cached(
                "SELECT reported FROM antivirus_report WHERE asset_id = ?1 AND reported <= ?2
                 ORDER BY id DESC LIMIT 1",
            )?
            .query_row(params![d.id, as_of.to_string()], |r| r.get(0))
            .optional()?;
        rows.push(vec![
            d.tag.into(),
            d.name.into(),
            d.kind.into(),
            d.dept.into(),
            d.custodian.into(),
            report.as_ref().map(|r| r.product.clone()).into(),
            report.as_ref().and_then(|r| r.version.clone()).into(),
            report.as_ref().map(|r| r.definitions.to_string()).into(),
            scan.map(format_instant).into(),
            report.as_ref().and_then(|r| r.hostname.clone()).into(),
            last_reported.into(),
            state.into(),
        ]);
    }
    Ok(rows)
}

fn custodian_text(d: &Device) -> (String, String) {
    match (&d.custodian, &d.dept) {
        (Some(p), Some(dept)) => (
            format!("custodian {p}, {dept}"),
            format!("责任人 {p}，{dept}"),
        ),
        (Some(p), None) => (format!("custodian {p}"), format!("责任人 {p}")),
        (None, Some(dept)) => (
            format!("no custodian, {dept}"),
            format!("未登记责任人，{dept}"),
        ),
        (None, None) => ("no custodian".to_string(), "未登记责任人".to_string()),
    }
}

/// The antivirus findings (OPS-1, S3) on `as_of`, a WARNING each: a device
/// in use of a kind that needs antivirus with none recorded, definitions
/// older than the limit, no full scan within the interval.
fn antivirus_findings(conn: &Connection, rules: &Rules, as_of: NaiveDate) -> Result<Vec<Finding>> {
    let mut out = Vec::new();
    if !started(
        conn,
        "SELECT 1 FROM antivirus_report WHERE reported <= ?1",
        as_of,
    )? {
        return Ok(out);
    }
    for d in devices(conn, &rules.antivirus_kinds, false)? {
        let report = newest(conn, d.id, Some(as_of))?;
        let (who, who_zh) = custodian_text(&d);
        let subject = format!("{} {}", d.tag, d.name);
        for f in faults(conn, rules, &d, report.as_ref(), as_of)? {
            let product = report
                .as_ref()
                .map(|r| match &r.version {
                    Some(v) => format!("{} {v}", r.product),
                    None => r.product.clone(),
                })
                .unwrap_or_default();
            let (en, zh) = match f {
                AntivirusFault::None => (
                    format!("has no antivirus recorded ({} in use; {who})", d.kind),
                    format!(
                        "未登记防病毒软件（在用{}；{who_zh}）",
                        crate::i18n::Lang::Zh.cell("kind", &d.kind)
                    ),
                ),
                AntivirusFault::StaleDefinitions { definitions, days } => (
                    format!(
                        "virus definitions of {definitions} are {days} days old, older than {} ({product}; {who})",
                        rules.definitions_max_age
                    ),
                    format!(
                        "病毒库为 {definitions}，已 {days} 天未更新，超过 {}（{product}；{who_zh}）",
                        rules.definitions_max_age.zh()
                    ),
                ),
                AntivirusFault::NoScan { last: Some(l) } => (
                    format!(
                        "no full virus scan within {} (last {l}; {product}; {who})",
                        rules.scan_every
                    ),
                    format!(
                        "{}内未全盘查杀（上次 {l}；{product}；{who_zh}）",
                        rules.scan_every.zh()
                    ),
                ),
                AntivirusFault::NoScan { last: None } => (
                    format!("no full virus scan recorded ({product}; {who})"),
                    format!("无全盘查杀记录（{product}；{who_zh}）"),
                ),
            };
            out.push(
                Finding::new("security", Severity::Warning, subject.clone(), en, "OPS-1").zh(zh),
            );
        }
    }
    Ok(out)
}

/// A server's log retention.
#[derive(Debug, Clone)]
pub struct Retention {
    pub retention: Interval,
    pub kept_at: Option<String>,
    pub note: Option<String>,
}

/// Records how long a server keeps its operation logs (OPS-2), replacing
/// what was recorded before (the audit trail keeps the old value). Returns
/// false when nothing changed.
pub fn set_retention(
    tx: &mut Tx<'_>,
    tag: &str,
    r: &Retention,
    rules: &Rules,
    today: NaiveDate,
) -> Result<bool> {
    let asset = super::asset::current(tx.conn(), tag)?;
    let kind: String = tx
        .conn()
        .query_row("SELECT kind FROM asset WHERE id = ?1", [asset.id], |r| {
            r.get(0)
        })
        .context("reading the asset's kind")?;
    if !rules.server_kinds.contains(&kind) {
        bail!(
            "TAG: {} is a {kind}, not a server ([security] server_kinds: {})",
            asset.tag,
            rules.server_kinds.join(", ")
        );
    }
    let old: Option<(String, Option<String>, Option<String>)> = tx
        .conn()
        .query_row(
            "SELECT retention, kept_at, note FROM log_retention WHERE asset_id = ?1",
            [asset.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .context("reading the server's log retention")?;
    let new = (r.retention.to_string(), r.kept_at.clone(), r.note.clone());
    match old {
        Some(o) if o == new => Ok(false),
        Some(_) => {
            tx.update(
                LOG_RETENTION,
                "UPDATE log_retention SET retention = ?2, kept_at = ?3, note = ?4, recorded = ?5
                 WHERE asset_id = ?1 RETURNING *",
                params![asset.id, new.0, new.1, new.2, today.to_string()],
            )?;
            Ok(true)
        }
        None => {
            tx.insert(
                LOG_RETENTION,
                "INSERT INTO log_retention (asset_id, retention, kept_at, note, recorded)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![asset.id, new.0, new.1, new.2, today.to_string()],
            )?;
            Ok(true)
        }
    }
}

/// A server and what is known of its logs.
struct Server {
    device: Device,
    retention: Option<(String, Option<String>, String)>,
    /// The log-review duties (OPS-2) of the server in force.
    reviews: Vec<String>,
}

fn device_duties(conn: &Connection, asset: i64, requirement: &str) -> Result<Vec<String>> {
    conn.prepare_cached(
        "SELECT d.name FROM duty_asset da JOIN duty d ON d.id = da.duty_id
         WHERE da.asset_id = ?1 AND d.requirement = ?2 AND d.retired IS NULL
         ORDER BY d.name",
    )?
    .query_map(params![asset, requirement], |r| r.get(0))?
    .collect::<rusqlite::Result<_>>()
    .context("reading a device's duties")
}

fn servers(conn: &Connection, rules: &Rules) -> Result<Vec<Server>> {
    let mut out = Vec::new();
    for device in devices(conn, &rules.server_kinds, false)? {
        let retention = conn
            .prepare_cached(
                "SELECT retention, kept_at, recorded FROM log_retention WHERE asset_id = ?1",
            )?
            .query_row([device.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()
            .context("reading a server's log retention")?;
        let reviews = device_duties(conn, device.id, "OPS-2")?;
        out.push(Server {
            device,
            retention,
            reviews,
        });
    }
    Ok(out)
}

/// `asset logs list`: every server in use, how long it keeps its logs and
/// whether that is enough, and its log-review duties.
pub fn list_logs(conn: &Connection, rules: &Rules, as_of: NaiveDate) -> Result<Rows> {
    let mut rows = Rows::new(&[
        "tag",
        "name",
        "dept",
        "retention",
        "kept_at",
        "recorded",
        "retention_ok",
        "log_review",
    ]);
    for s in servers(conn, rules)? {
        let ok = match &s.retention {
            Some((r, _, _)) => Value::Bool(retention_enough(
                Interval::parse("log_retention.retention", r)?,
                rules.log_retention_min,
                as_of,
            )),
            None => Value::Null,
        };
        let (r, k, at) = match s.retention {
            Some((r, k, at)) => (Some(r), k, Some(at)),
            None => (None, None, None),
        };
        rows.push(vec![
            s.device.tag.into(),
            s.device.name.into(),
            s.device.dept.into(),
            r.into(),
            k.into(),
            at.into(),
            ok,
            (!s.reviews.is_empty()).then(|| s.reviews.join(" ")).into(),
        ]);
    }
    Ok(rows)
}

/// The server-log findings (OPS-2), a WARNING each: a server with no log
/// retention recorded, one shorter than the minimum, one with no log-review
/// duty of its own.
fn log_findings(conn: &Connection, rules: &Rules, as_of: NaiveDate) -> Result<Vec<Finding>> {
    let min = rules.log_retention_min;
    let mut out = Vec::new();
    let kept = "SELECT 1 FROM log_retention WHERE recorded <= ?1
                UNION ALL SELECT 1 FROM duty_asset da JOIN duty d ON d.id = da.duty_id
                WHERE d.requirement = 'OPS-2' AND d.created <= ?1";
    if !started(conn, kept, as_of)? {
        return Ok(out);
    }
    for s in servers(conn, rules)? {
        let d = &s.device;
        let subject = format!("{} {}", d.tag, d.name);
        let warn = |en: String, zh: String| {
            Finding::new("security", Severity::Warning, subject.clone(), en, "OPS-2").zh(zh)
        };
        match &s.retention {
            None => out.push(warn(
                format!(
                    "the retention of its operation logs is not recorded; at least {min} is required (网络安全法 art. 21); record it with `infogov asset logs set {} --retention 6mo`",
                    d.tag
                ),
                format!(
                    "未登记运行日志保存期限；须至少保存 {}（《网络安全法》第二十一条）",
                    min.zh()
                ),
            )),
            Some((r, _, recorded)) => {
                let r = Interval::parse("log_retention.retention", r)?;
                if !retention_enough(r, min, as_of) {
                    out.push(warn(
                        format!(
                            "keeps its operation logs {r}, shorter than {min} (网络安全法 art. 21; recorded {recorded})"
                        ),
                        format!(
                            "运行日志保存 {}，短于 {}（《网络安全法》第二十一条；登记于 {recorded}）",
                            r.zh(),
                            min.zh()
                        ),
                    ));
                }
            }
        }
        if s.reviews.is_empty() {
            out.push(warn(
                format!(
                    "has no log-review duty of its own; run `infogov duty seed` (adds log-review:{})",
                    d.tag
                ),
                format!("未设置本服务器的日志检查事项；运行 `infogov duty seed`（添加 log-review:{}）", d.tag),
            ));
        }
    }
    Ok(out)
}

/// The perimeter findings (OPS-3): a firewall or intrusion detector in use
/// with no review duty of its own (the duty's own findings say when a
/// review is overdue).
fn perimeter_findings(conn: &Connection, rules: &Rules, as_of: NaiveDate) -> Result<Vec<Finding>> {
    let mut out = Vec::new();
    let kept = "SELECT 1 FROM duty_asset da JOIN duty d ON d.id = da.duty_id
                WHERE d.requirement = 'OPS-3' AND d.created <= ?1";
    if !started(conn, kept, as_of)? {
        return Ok(out);
    }
    for d in devices(conn, &rules.perimeter_kinds, false)? {
        if !device_duties(conn, d.id, "OPS-3")?.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                "security",
                Severity::Warning,
                format!("{} {}", d.tag, d.name),
                format!(
                    "{} in use with no review duty of its own; run `infogov duty seed` (adds perimeter-review:{})",
                    d.kind, d.tag
                ),
                "OPS-3",
            )
            .zh(format!(
                "在用{}未设置定期检查事项；运行 `infogov duty seed`（添加 perimeter-review:{}）",
                crate::i18n::Lang::Zh.cell("kind", &d.kind),
                d.tag
            )),
        );
    }
    Ok(out)
}

/// Whether the office has begun to keep a kind of record by `as_of` (the
/// query returns a row). A register that has never recorded antivirus, log
/// retention or a perimeter review is not judged device by device on it:
/// the seeded duties (virus-scan counting devices, a log review per
/// server) already say what is missing, and an upgraded register does not
/// turn every device into a finding overnight.
fn started(conn: &Connection, sql: &str, as_of: NaiveDate) -> Result<bool> {
    conn.prepare_cached(&format!("SELECT EXISTS ({sql})"))?
        .query_row([as_of.to_string()], |r| r.get(0))
        .context("reading what security records the register keeps")
}

/// The "security" area's findings on `as_of`.
pub fn check(conn: &Connection, rules: &Rules, as_of: NaiveDate) -> Result<Vec<Finding>> {
    let mut out = antivirus_findings(conn, rules, as_of)?;
    out.extend(log_findings(conn, rules, as_of)?);
    out.extend(perimeter_findings(conn, rules, as_of)?);
    Ok(out)
}

/// A device's newest report in a period: tag, product, version,
/// definitions, last full scan, reported.
type ReportRow = (
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    String,
);

/// The "security" section of `audit report`: the antivirus reports recorded
/// in the period (per device, the newest) and the servers' log retention.
pub fn report_section(
    conn: &Connection,
    p: &crate::domain::report::Period,
) -> Result<Vec<crate::domain::report::Line>> {
    use crate::domain::report::Line;
    let mut stmt = conn
        .prepare(
            "SELECT a.tag, r.product, r.version, r.definitions, r.last_full_scan, r.reported
             FROM antivirus_report r JOIN asset a ON a.id = r.asset_id
             WHERE r.id IN (SELECT max(id) FROM antivirus_report
                            WHERE reported BETWEEN ?1 AND ?2 GROUP BY asset_id)
             ORDER BY a.tag",
        )
        .context("reading the antivirus reports of the period")?;
    let reports: Vec<ReportRow> = stmt
        .query_map(params![p.from.to_string(), p.to.to_string()], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = vec![Line::total("security", "antivirus", reports.len() as i64)];
    for (tag, product, version, defs, scan, reported) in reports {
        let scan = match scan {
            Some(s) => crate::domain::time::show_instant(read_instant(&s)?),
            None => "never".to_string(),
        };
        let version = version.map_or(String::new(), |v| format!(" {v}"));
        let mut line = Line::of("security", "antivirus", tag, 1)
            .date(Some(crate::domain::time::parse_date(
                "antivirus_report.reported",
                &reported,
            )?))
            .detail(format!(
                "{product}{version}, definitions {defs}, last full scan {scan}"
            ));
        line.requirement = Some("OPS-1");
        out.push(line);
    }
    let retention: Vec<(String, String, Option<String>)> = conn
        .prepare(
            "SELECT a.tag, l.retention, l.kept_at FROM log_retention l
             JOIN asset a ON a.id = l.asset_id WHERE l.recorded <= ?1 ORDER BY a.tag",
        )?
        .query_map([p.to.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()
        .context("reading the servers' log retention")?;
    if retention.is_empty() && out.len() == 1 {
        // A register that keeps no antivirus or log records has no such section.
        return Ok(Vec::new());
    }
    out.push(Line::total(
        "security",
        "log-retention",
        retention.len() as i64,
    ));
    for (tag, r, kept) in retention {
        let mut line = Line::of("security", "log-retention", tag, 1).detail(match kept {
            Some(k) => format!("{r}, kept at {k}"),
            None => r,
        });
        line.requirement = Some("OPS-2");
        out.push(line);
    }
    Ok(out)
}
