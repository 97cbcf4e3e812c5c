//! The SQL of the period report (`infogov audit report`): one function per
//! area, each `fn(conn, period) -> Result<Vec<Line>>`, listed in [`SECTIONS`]
//! in the order they are printed. Records are counted by their own dates
//! (registration, transfer, step, movement, filing, completion ...), never by
//! when they were typed in. The line shape and the period are in
//! `domain::report`; the layout is documented in docs/report.md.

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result};
use chrono::{Days, NaiveDate, NaiveTime};
use rusqlite::{Connection, params};

use super::correction::live;
use super::{consumable, duty};
use crate::domain::duty::{NO_REQUIREMENT, counted_maintenance, stored_requirement};
use crate::domain::grading::{grade_name, sub_grades};
use crate::domain::report::{Line, Period, quota_detail};
use crate::domain::request::Kind;
use crate::domain::time::{format_instant, local_to_utc, parse_date, read_instant};

/// One section of the report.
pub type Section = fn(&Connection, &Period) -> Result<Vec<Line>>;

/// The sections drawn from the register, in the order they are printed;
/// `audit report` heads them with the period and ends with the findings.
///
/// Backups (BAK-1, BAK-2: runs and restore drills) belong between
/// consumables and grading, as `("backups", backups)`, once their tables exist.
pub const SECTIONS: &[(&str, Section)] = &[
    ("assets", assets),
    ("requests", requests),
    ("consumables", consumables),
    ("backups", backups),
    ("grading", grading),
    ("duties", duties),
    ("corrections", corrections),
    ("stocktakes", super::stocktake::report_section),
    ("on-behalf", on_behalf),
    ("security", super::security::report_section),
    ("incidents", super::incident::report_section),
];

/// Steps an administrator recorded on behalf of another person in the
/// period (issue #16): who for whom, the command, and the evidence's
/// fingerprint, so an inspector can ask for the paper. A register where
/// nobody records for another has no such section.
fn on_behalf(conn: &Connection, p: &Period) -> Result<Vec<Line>> {
    // The period's days are the register's, whatever zone the shell is in.
    let lo = day_start("--from", p.from)?;
    let after = p.to.checked_add_days(Days::new(1)).unwrap_or(p.to);
    let hi = day_start("--to", after)?;
    let mut stmt = conn
        .prepare(
            "SELECT o.at, f.name || '@' || fd.name, b.name || '@' || bd.name, o.command,
                    o.evidence_file, o.evidence_sha256
             FROM on_behalf o
             JOIN person f ON f.id = o.on_behalf_of JOIN department fd ON fd.id = f.dept_id
             JOIN person b ON b.id = o.recorded_by JOIN department bd ON bd.id = b.dept_id
             WHERE o.at >= ?1 AND o.at < ?2
             ORDER BY o.at, o.id",
        )
        .context("reading the steps recorded on behalf")?;
    let rows: Vec<(String, String, String, String, String, String)> = stmt
        .query_map(params![lo, hi], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()
        .context("reading the steps recorded on behalf")?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut out =
        vec![Line::total("on-behalf", "recorded", rows.len() as i64).requirement("REQ-6")];
    for (at, on_behalf_of, recorded_by, command, file, sha) in rows {
        let day = crate::domain::time::read_instant(&at)
            .ok()
            .map(|t| t.with_timezone(&crate::domain::time::zone()).date_naive());
        out.push(
            Line::of("on-behalf", "recorded", on_behalf_of, 1)
                .date(day)
                .requirement("REQ-6")
                .detail(format!(
                    "recorded by {recorded_by}: `infogov {command}`; evidence {file} (sha256 {sha})"
                )),
        );
    }
    Ok(out)
}

fn dates(p: &Period) -> [String; 2] {
    [p.from.to_string(), p.to.to_string()]
}

/// A metric as a total and its breakdown, from SQL that yields (subject,
/// count, value) per subject in order. `money` says whether the metric has a
/// value (then the total's value is shown even when nothing was spent).
fn grouped(
    conn: &Connection,
    p: &Period,
    (section, metric, requirement): (&'static str, &'static str, &'static str),
    money: bool,
    sql: &str,
) -> Result<Vec<Line>> {
    let mut stmt = conn
        .prepare_cached(sql)
        .with_context(|| format!("reading the report's {section} {metric}"))?;
    let parts = stmt
        .query_map(params![p.from.to_string(), p.to.to_string()], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()
        .with_context(|| format!("reading the report's {section} {metric}"))?;
    let count = parts.iter().map(|x| x.1).sum();
    let mut total = Line::total(section, metric, count).requirement(requirement);
    if money {
        total = total.value_total(parts.iter().filter_map(|x| x.2));
    }
    let mut out = vec![total];
    for (subject, count, value) in parts {
        let mut line = Line::of(
            section,
            metric,
            subject.unwrap_or_else(|| "(none)".into()),
            count,
        )
        .requirement(requirement);
        if money {
            line = line.value(value.unwrap_or(0));
        }
        out.push(line);
    }
    Ok(out)
}

/// What was registered, moved, maintained, damaged and disposed of (AST-1..AST-6, OPS-1).
pub fn assets(conn: &Connection, p: &Period) -> Result<Vec<Line>> {
    let mut out = Vec::new();
    // By the department the asset was registered to: the first transfer's
    // origin if it has moved since, else where it is.
    out.extend(grouped(
        conn,
        p,
        ("assets", "registered", "AST-1"),
        true,
        "SELECT d.name, count(*), checked_sum(a.price)
         FROM asset a
         LEFT JOIN department d ON d.id = CASE
             WHEN EXISTS (SELECT 1 FROM asset_transfer t WHERE t.asset_id = a.id)
             THEN (SELECT t.from_dept_id FROM asset_transfer t WHERE t.asset_id = a.id
                   ORDER BY t.date, t.id LIMIT 1)
             ELSE a.dept_id END
         WHERE a.registered BETWEEN ?1 AND ?2
         GROUP BY 1 ORDER BY 1 COLLATE pinyin",
    )?);
    // A move between departments reads `FROM -> TO`; a change of custodian
    // or location within one department names that department.
    out.extend(grouped(
        conn,
        p,
        ("assets", "transferred", "AST-3"),
        false,
        "SELECT CASE WHEN t.from_dept_id IS t.to_dept_id THEN coalesce(td.name, '(none)')
                     ELSE coalesce(fd.name, '(none)') || ' -> ' || coalesce(td.name, '(none)') END,
                count(*), NULL
         FROM asset_transfer t
         LEFT JOIN department fd ON fd.id = t.from_dept_id
         LEFT JOIN department td ON td.id = t.to_dept_id
         WHERE t.date BETWEEN ?1 AND ?2
         GROUP BY 1 ORDER BY 1 COLLATE pinyin",
    )?);
    out.extend(grouped(
        conn,
        p,
        ("assets", "status-changed", "AST-3"),
        false,
        "SELECT to_status, count(*), NULL FROM asset_status_change
         WHERE date BETWEEN ?1 AND ?2 GROUP BY 1 ORDER BY 1 COLLATE pinyin",
    )?);
    // Maintenance by the department charged, else the asset's department.
    for (metric, kind, requirement) in [
        ("repaired", "repair", "AST-4"),
        ("inspected", "inspection", "OPS-1"),
        ("virus-scanned", "virus-scan", "OPS-1"),
        ("upgraded", "upgrade", "AST-3"),
    ] {
        out.extend(grouped(
            conn,
            p,
            ("assets", metric, requirement),
            true,
            &format!(
                "SELECT d.name, count(*), checked_sum(m.cost)
                 FROM maintenance m JOIN asset a ON a.id = m.asset_id
                 LEFT JOIN department d ON d.id = coalesce(m.charge_dept_id, a.dept_id)
                 WHERE m.kind = '{kind}' AND m.date BETWEEN ?1 AND ?2 AND {}
                 GROUP BY 1 ORDER BY 1 COLLATE pinyin",
                live("maintenance", "m")
            ),
        )?);
    }
    // By who pays: a department, or a person as NAME@DEPT.
    out.extend(grouped(
        conn,
        p,
        ("assets", "damaged", "AST-5"),
        true,
        &format!(
            "SELECT CASE x.liable WHEN 'department' THEN ld.name
                    ELSE lp.name || '@' || pd.name END,
                count(*), checked_sum(x.amount)
         FROM damage x
         LEFT JOIN department ld ON ld.id = x.liable_dept_id
         LEFT JOIN person lp ON lp.id = x.liable_person_id
         LEFT JOIN department pd ON pd.id = lp.dept_id
         WHERE x.date BETWEEN ?1 AND ?2 AND {}
         GROUP BY 1 ORDER BY 1 COLLATE pinyin",
            live("damage", "x")
        ),
    )?);
    out.extend(grouped(
        conn,
        p,
        ("assets", "disposed", "AST-6"),
        false,
        "SELECT method, count(*), NULL FROM asset_disposal
         WHERE date BETWEEN ?1 AND ?2 GROUP BY 1 ORDER BY 1 COLLATE pinyin",
    )?);
    Ok(out)
}

/// The start of a day in local time, as the register stores instants.
fn day_start(field: &str, d: NaiveDate) -> Result<String> {
    let t = local_to_utc(field, &d.to_string(), d.and_time(NaiveTime::MIN))?;
    Ok(format_instant(t))
}

/// Backups taken, copied off-site, and restore drills (BAK-1..BAK-3). Runs
/// and drills carry instants: counted on their local day, like request steps.
pub fn backups(conn: &Connection, p: &Period) -> Result<Vec<Line>> {
    let lo = day_start("--from", p.from)?;
    let after = p.to.checked_add_days(Days::new(1)).unwrap_or(p.to);
    let hi = day_start("--to", after)?;
    let mut out = Vec::new();
    for (metric, requirement, offsite_only) in
        [("backed-up", "BAK-3", false), ("offsite", "BAK-1", true)]
    {
        let mut stmt = conn
            .prepare_cached(&format!(
                "SELECT s.name,
                        sum(r.status = 'success'),
                        sum(r.status = 'success' AND r.kind = 'full'),
                        sum(r.status = 'success' AND (r.kind = 'diff' OR r.kind = 'incr')),
                        sum(r.status = 'success' AND r.kind = 'log'),
                        sum(r.status = 'failed'),
                        max(CASE WHEN r.status = 'success' THEN r.finished END)
                 FROM backup_run r JOIN system s ON s.id = r.system_id
                 WHERE r.finished >= ?1 AND r.finished < ?2 AND (?3 = 0 OR r.location = 'offsite')
                   AND {}
                 GROUP BY s.name ORDER BY s.name COLLATE pinyin",
                live("backup_run", "r")
            ))
            .context("reading the report's backups")?;
        let rows = stmt
            .query_map(params![lo, hi, offsite_only], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("reading the report's backups")?;
        let total = rows.iter().map(|x| x.1).sum();
        out.push(Line::total("backups", metric, total).requirement(requirement));
        for (system, ok, full, diff, log, failed, newest) in rows {
            let newest = newest
                .map(|n| read_instant(&n))
                .transpose()?
                .map(|t| t.with_timezone(&crate::domain::time::zone()).date_naive());
            out.push(
                Line::of("backups", metric, system, ok)
                    .requirement(requirement)
                    .date(newest)
                    .detail(format!(
                        "full {full}, diff/incr {diff}, log {log}; failed {failed}"
                    )),
            );
        }
    }
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT s.name, d.at, d.result, d.restored_to, d.note
             FROM backup_drill d JOIN system s ON s.id = d.system_id
             WHERE d.at >= ?1 AND d.at < ?2 AND {} ORDER BY d.at, d.id",
            live("backup_drill", "d")
        ))
        .context("reading the report's drills")?;
    let drills = stmt
        .query_map(params![lo, hi], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading the report's drills")?;
    out.push(Line::total("backups", "drilled", drills.len() as i64).requirement("BAK-2"));
    for (system, at, result, restored_to, note) in drills {
        let day = read_instant(&at)?
            .with_timezone(&crate::domain::time::zone())
            .date_naive();
        let to = restored_to.map_or(String::new(), |t| format!(" to {t}"));
        out.push(
            Line::of("backups", "drilled", system, 1)
                .requirement("BAK-2")
                .date(Some(day))
                .detail(format!("{result}{to}: {note}")),
        );
    }
    Ok(out)
}

fn kind_requirement(kind: Kind) -> &'static str {
    match kind {
        Kind::ConfigPlan => "REQ-1",
        Kind::ConfigChange => "REQ-2",
        Kind::Retirement => "REQ-3",
        Kind::Project => "REQ-4",
        Kind::ConsumablePlan => "CON-2",
    }
}

/// The requests that were submitted, approved, rejected, withdrawn and
/// fulfilled in the period, one line per request, with who took the step
/// (REQ-1..REQ-6, CON-2). A request's value is its budget, else the sum of
/// its lines' estimates.
pub fn requests(conn: &Connection, p: &Period) -> Result<Vec<Line>> {
    // Steps carry instants: the period runs from the start of its first
    // local day to the start of the day after its last.
    let lo = day_start("--from", p.from)?;
    let after = p.to.checked_add_days(Days::new(1)).unwrap_or(p.to);
    let hi = day_start("--to", after)?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT s.request_id, r.title, r.kind, d.name, who.name, s.role, s.comment, s.at,
                    coalesce(r.budget, (SELECT checked_sum(l.quantity * l.unit_price)
                                        FROM request_line l WHERE l.request_id = r.id))
             FROM request_step s
             JOIN request r ON r.id = s.request_id
             JOIN department d ON d.id = r.dept_id
             JOIN person who ON who.id = s.person_id
             WHERE (s.action = ?1 OR s.action = ?2) AND s.at >= ?3 AND s.at < ?4
             ORDER BY s.at, s.id",
        )
        .context("reading the report's requests")?;
    let mut out = Vec::new();
    for (metric, a, b) in [
        ("submitted", "submit", "submit"),
        ("approved", "approve", "approve"),
        ("rejected", "reject", "review-reject"),
        ("withdrawn", "withdraw", "withdraw"),
        ("fulfilled", "fulfil", "fulfil"),
    ] {
        let mut q = stmt.query(params![a, b, lo, hi])?;
        let mut lines = Vec::new();
        while let Some(r) = q.next()? {
            let id: i64 = r.get(0)?;
            let title: String = r.get(1)?;
            let kind = Kind::parse("request.kind", &r.get::<_, String>(2)?)?;
            let dept: String = r.get(3)?;
            let who: String = r.get(4)?;
            let role: String = r.get(5)?;
            let comment: Option<String> = r.get(6)?;
            let at = read_instant(&r.get::<_, String>(7)?)?;
            let amount: Option<i64> = r.get(8)?;
            let mut detail = format!("{kind}, {dept}; {who} ({role})");
            if let Some(c) = comment.filter(|c| !c.trim().is_empty()) {
                detail.push_str(&format!(": {c}"));
            }
            let mut line = Line::of("requests", metric, format!("#{id} {title}"), 1)
                .date(Some(
                    at.with_timezone(&crate::domain::time::zone()).date_naive(),
                ))
                .requirement(kind_requirement(kind))
                .detail(detail);
            line.value = amount;
            lines.push(line);
        }
        let total = Line::total("requests", metric, lines.len() as i64)
            .value_total(lines.iter().filter_map(|l| l.value));
        out.push(total);
        out.append(&mut lines);
    }
    Ok(out)
}

/// Use and value of one (department, category) in part of a quarter.
#[derive(Default)]
struct Use {
    used: i64,
    value: i64,
    flagged: i64,
}

/// What was received, and what each department was issued of each category
/// against its quota, quarter by quarter (CON-1, CON-3..CON-5).
pub fn consumables(conn: &Connection, p: &Period) -> Result<Vec<Line>> {
    let mut out = grouped(
        conn,
        p,
        ("consumables", "received", "CON-1"),
        true,
        &format!(
            "SELECT i.category, sum(m.qty), checked_sum(m.qty * m.unit_cost)
         FROM consumable_movement m JOIN consumable_item i ON i.id = m.item_id
         WHERE m.kind = 'receive' AND m.date BETWEEN ?1 AND ?2 AND {}
         GROUP BY 1 ORDER BY 1 COLLATE pinyin",
            live("consumable_movement", "m")
        ),
    )?;

    let depts: HashMap<i64, String> = conn
        .prepare_cached("SELECT id, name FROM department")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()
        .context("reading the departments")?;
    let mut use_stmt = conn
        .prepare_cached(&format!(
            "SELECT m.dept_id, i.category, -sum(m.qty), coalesce(-checked_sum(m.qty * m.unit_cost), 0),
                    sum(m.over_quota)
             FROM consumable_movement m JOIN consumable_item i ON i.id = m.item_id
             WHERE m.kind = 'issue' AND m.date BETWEEN ?1 AND ?2 AND {}
             GROUP BY 1, 2",
            live("consumable_movement", "m")
        ))
        .context("reading the report's consumables issued")?;
    let mut issued = Vec::new();
    for q in p.quarters() {
        let part = p.within(q);
        let whole = part == Period::quarter(q);
        // (dept name, category) -> quota in force and use, in name order.
        let mut pairs: BTreeMap<(String, String), (Option<i64>, Use)> = BTreeMap::new();
        let name = |id: i64| depts.get(&id).cloned().unwrap_or_else(|| id.to_string());
        for ((dept, category), qty) in consumable::quotas_in_force(conn, q)? {
            pairs.entry((name(dept), category)).or_default().0 = Some(qty);
        }
        let mut rows = use_stmt.query(params![part.from.to_string(), part.to.to_string()])?;
        while let Some(r) = rows.next()? {
            let key = (name(r.get(0)?), r.get(1)?);
            pairs.entry(key).or_default().1 = Use {
                used: r.get(2)?,
                value: r.get(3)?,
                flagged: r.get(4)?,
            };
        }
        for ((dept, category), (quota, u)) in pairs {
            let part = (!whole).then_some(part);
            issued.push(
                Line::of(
                    "consumables",
                    "issued",
                    format!("{dept} {category}"),
                    u.used,
                )
                .value(u.value)
                .requirement("CON-5")
                .detail(quota_detail(q, part, quota, u.used, u.flagged)),
            );
        }
    }
    out.push(
        Line::total(
            "consumables",
            "issued",
            issued.iter().filter_map(|l| l.count).sum(),
        )
        .value_total(issued.iter().filter_map(|l| l.value))
        .requirement("CON-5"),
    );
    out.append(&mut issued);

    let [from, to] = dates(p);
    let (flagged, adjusted): (i64, i64) = conn
        .prepare_cached(&format!(
            "SELECT coalesce(sum(kind = 'issue' AND over_quota = 1), 0),
                    coalesce(sum(kind = 'adjust'), 0)
             FROM consumable_movement m WHERE date BETWEEN ?1 AND ?2 AND {}",
            live("consumable_movement", "m")
        ))?
        .query_row(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))
        .context("reading the report's over-quota issues and adjustments")?;
    out.push(Line::total("consumables", "issued-over-quota", flagged).requirement("CON-5"));
    out.push(Line::total("consumables", "adjusted", adjusted).requirement("CON-4"));
    // CON-2: receipts made outside an approved plan stay in their quarter's
    // report, one by one, with why.
    let mut stmt = conn.prepare_cached(
        "SELECT i.sku || ' ' || i.name, m.date, m.qty, u.reason
         FROM consumable_unplanned u JOIN consumable_movement m ON m.id = u.movement_id
         JOIN consumable_item i ON i.id = m.item_id
         WHERE m.date BETWEEN ?1 AND ?2 ORDER BY m.date, m.id",
    )?;
    let unplanned = stmt
        .query_map(params![from, to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading the report's unplanned receipts")?;
    out.push(
        Line::total(
            "consumables",
            "received-unplanned",
            unplanned.iter().map(|u| u.2).sum(),
        )
        .requirement("CON-2"),
    );
    for (item, date, qty, reason) in unplanned {
        let date = parse_date("date", &date).context("the register holds a malformed date")?;
        out.push(
            Line::of("consumables", "received-unplanned", item, qty)
                .date(Some(date))
                .requirement("CON-2")
                .detail(format!("no approved plan: {reason}")),
        );
    }
    Ok(out)
}

/// One event of the grading section: a system, a day and what happened.
type Event = (String, String, String);

fn events(
    conn: &Connection,
    p: &Period,
    (metric, requirement): (&'static str, &'static str),
    sql: &str,
    describe: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<String>,
) -> Result<Vec<Line>> {
    let mut stmt = conn
        .prepare_cached(sql)
        .with_context(|| format!("reading the report's grading {metric}"))?;
    let list = stmt
        .query_map(params![p.from.to_string(), p.to.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, describe(r)?))
        })?
        .collect::<rusqlite::Result<Vec<Event>>>()
        .with_context(|| format!("reading the report's grading {metric}"))?;
    let mut out = vec![Line::total("grading", metric, list.len() as i64).requirement(requirement)];
    for (system, date, detail) in list {
        let date = parse_date("date", &date).context("the register holds a malformed date")?;
        out.push(
            Line::of("grading", metric, system, 1)
                .date(Some(date))
                .requirement(requirement)
                .detail(detail),
        );
    }
    Ok(out)
}

fn grade_words(grade: i64, info: i64, service: i64) -> String {
    let (g, i, s) = (grade as u8, info as u8, service as u8);
    format!("grade {g} {} ({})", grade_name(g), sub_grades(i, s))
}

/// Systems graded, reported, reviewed, approved, filed (rejected, cancelled),
/// changed, evaluated and self-inspected, and rectifications opened and
/// closed, one line per event (GRD-1..GRD-5).
pub fn grading(conn: &Connection, p: &Period) -> Result<Vec<Line>> {
    let mut out = events(
        conn,
        p,
        ("graded", "GRD-1"),
        &format!(
            "SELECT s.name, a.date, a.grade, a.info_grade, a.service_grade
         FROM grade_assessment a JOIN system s ON s.id = a.system_id
         WHERE a.date BETWEEN ?1 AND ?2 AND {} ORDER BY a.date, a.id",
            live("grade_assessment", "a")
        ),
        |r| Ok(grade_words(r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    out.extend(events(
        conn,
        p,
        ("reported", "GRD-3"),
        "SELECT s.name, x.date, a.grade, x.file, x.sha256
         FROM grade_report x JOIN system s ON s.id = x.system_id
         JOIN grade_assessment a ON a.id = x.assessment_id
         WHERE x.date BETWEEN ?1 AND ?2 ORDER BY x.date, x.id",
        |r| {
            let grade: i64 = r.get(2)?;
            let file: String = r.get(3)?;
            let sha: String = r.get(4)?;
            Ok(format!("grade {grade}: {file} (sha256 {sha})"))
        },
    )?);
    out.extend(events(
        conn,
        p,
        ("reviewed", "GRD-1"),
        &format!(
            "SELECT s.name, a.review_date, a.review_experts, a.review_opinion
         FROM grade_assessment a JOIN system s ON s.id = a.system_id
         WHERE a.review_date BETWEEN ?1 AND ?2 AND {} ORDER BY a.review_date, a.id",
            live("grade_assessment", "a")
        ),
        |r| {
            let experts: String = r.get(2)?;
            let opinion: Option<String> = r.get(3)?;
            Ok(match opinion {
                Some(o) => format!("experts {experts}: {o}"),
                None => format!("experts {experts}"),
            })
        },
    )?);
    out.extend(events(
        conn,
        p,
        ("approved", "GRD-3"),
        &format!(
            "SELECT s.name, a.approval_date, a.approval_authority, a.approval_reference, a.grade
         FROM grade_assessment a JOIN system s ON s.id = a.system_id
         WHERE a.approval_date BETWEEN ?1 AND ?2 AND {} ORDER BY a.approval_date, a.id",
            live("grade_assessment", "a")
        ),
        |r| {
            let authority: String = r.get(2)?;
            let reference: Option<String> = r.get(3)?;
            let grade: i64 = r.get(4)?;
            Ok(match reference {
                Some(x) => format!("grade {grade} by {authority}, {x}"),
                None => format!("grade {grade} by {authority}"),
            })
        },
    )?);
    out.extend(events(
        conn,
        p,
        ("filed", "GRD-3"),
        &format!(
            "SELECT s.name, f.date, a.grade, f.authority, f.number
         FROM grade_filing f JOIN system s ON s.id = f.system_id
         JOIN grade_assessment a ON a.id = f.assessment_id
         WHERE f.date BETWEEN ?1 AND ?2 AND {} ORDER BY f.date, f.id",
            live("grade_filing", "f")
        ),
        |r| {
            let grade: i64 = r.get(2)?;
            let authority: String = r.get(3)?;
            let number: String = r.get(4)?;
            Ok(format!("grade {grade} with {authority}, number {number}"))
        },
    )?);
    out.extend(events(
        conn,
        p,
        ("filing-rejected", "GRD-3"),
        "SELECT s.name, x.date, a.grade, x.authority, x.reason
         FROM grade_filing_rejection x JOIN system s ON s.id = x.system_id
         JOIN grade_assessment a ON a.id = x.assessment_id
         WHERE x.date BETWEEN ?1 AND ?2 ORDER BY x.date, x.id",
        |r| {
            let grade: i64 = r.get(2)?;
            let authority: String = r.get(3)?;
            let reason: String = r.get(4)?;
            Ok(format!("grade {grade} by {authority}: {reason}"))
        },
    )?);
    out.extend(events(
        conn,
        p,
        ("filing-cancelled", "GRD-3"),
        "SELECT s.name, x.date, x.authority, x.reference
         FROM grade_filing_cancellation x JOIN system s ON s.id = x.system_id
         WHERE x.date BETWEEN ?1 AND ?2 ORDER BY x.date, x.id",
        |r| {
            let authority: String = r.get(2)?;
            let reference: Option<String> = r.get(3)?;
            Ok(match reference {
                Some(x) => format!("with {authority}, {x}"),
                None => format!("with {authority}"),
            })
        },
    )?);
    out.extend(events(
        conn,
        p,
        ("changed", "GRD-1"),
        "SELECT s.name, x.date, x.kind, x.detail
         FROM system_change x JOIN system s ON s.id = x.system_id
         WHERE x.date BETWEEN ?1 AND ?2 ORDER BY x.date, x.id",
        |r| {
            let kind: String = r.get(2)?;
            let detail: String = r.get(3)?;
            Ok(format!("{kind}: {detail}"))
        },
    )?);
    out.extend(events(
        conn,
        p,
        ("evaluated", "GRD-4"),
        &format!(
            "SELECT s.name, e.date, e.agency, e.result, e.score, a.grade
         FROM grade_evaluation e JOIN system s ON s.id = e.system_id
         JOIN grade_assessment a ON a.id = e.assessment_id
         WHERE e.date BETWEEN ?1 AND ?2 AND {} ORDER BY e.date, e.id",
            live("grade_evaluation", "e")
        ),
        |r| {
            let agency: String = r.get(2)?;
            let result: String = r.get(3)?;
            let score: Option<f64> = r.get(4)?;
            let grade: i64 = r.get(5)?;
            let score = score.map_or(String::new(), |s| format!(", score {s:.1}"));
            Ok(format!("grade {grade} by {agency}: {result}{score}"))
        },
    )?);
    out.extend(events(
        conn,
        p,
        ("self-inspected", "GRD-5"),
        &format!(
            "SELECT s.name, i.date, i.findings
         FROM grade_inspection i JOIN system s ON s.id = i.system_id
         WHERE i.date BETWEEN ?1 AND ?2 AND {} ORDER BY i.date, i.id",
            live("grade_inspection", "i")
        ),
        |r| r.get(2),
    )?);
    out.extend(events(
        conn,
        p,
        ("rectification-opened", "GRD-5"),
        &format!(
            "SELECT s.name, x.opened, x.id, x.item, x.due
         FROM grade_rectification x JOIN system s ON s.id = x.system_id
         WHERE x.opened BETWEEN ?1 AND ?2 AND {} ORDER BY x.opened, x.id",
            live("grade_rectification", "x")
        ),
        |r| {
            let id: i64 = r.get(2)?;
            let item: String = r.get(3)?;
            let due: String = r.get(4)?;
            Ok(format!("#{id} {item}; due {due}"))
        },
    )?);
    out.extend(events(
        conn,
        p,
        ("rectified", "GRD-5"),
        &format!(
            "SELECT s.name, x.done, x.id, x.item, x.note
         FROM grade_rectification x JOIN system s ON s.id = x.system_id
         WHERE x.done BETWEEN ?1 AND ?2 AND {} ORDER BY x.done, x.id",
            live("grade_rectification", "x")
        ),
        |r| {
            let id: i64 = r.get(2)?;
            let item: String = r.get(3)?;
            let note: String = r.get(4)?;
            Ok(format!("#{id} {item}: {note}"))
        },
    )?);
    Ok(out)
}

fn requirement_of(r: &'static str) -> Option<&'static str> {
    (r != NO_REQUIREMENT).then_some(r)
}

/// Which duties were done: for every duty in force during the period, the
/// days it was done (its completions and the maintenance records it
/// counts); then every completion recorded, with its note and evidence
/// (DUT-1..DUT-5, OPS-1, OPS-2, SEC-1, GRD-5 ...).
pub fn duties(conn: &Connection, p: &Period) -> Result<Vec<Line>> {
    let [from, to] = dates(p);
    let mut days = conn
        .prepare_cached(&format!(
            "SELECT count(DISTINCT date), max(date) FROM (
               SELECT date FROM duty_done x WHERE duty_id = ?1 AND date BETWEEN ?2 AND ?3 AND {}
               UNION ALL
               SELECT m.date FROM maintenance m JOIN asset a ON a.id = m.asset_id
               WHERE ?4 IS NOT NULL AND m.kind = ?4 AND m.date BETWEEN ?2 AND ?3
                 AND (?5 IS NULL OR a.kind = ?5) AND (?6 IS NULL OR a.dept_id = ?6)
                 AND (?7 IS NULL OR a.id = ?7) AND {})",
            live("duty_done", "x"),
            live("maintenance", "m")
        ))
        .context("reading the days each duty was done")?;
    let mut per_duty = Vec::new();
    for d in duty::all(conn)? {
        let in_force = d.created <= p.to && d.retired.is_none_or(|r| r >= p.from);
        if !in_force {
            continue;
        }
        let (kind, dept) = match &d.scope {
            Some(duty::Scope::Kind(k)) => (Some(k.clone()), None),
            Some(duty::Scope::Dept(x)) => (None, Some(*x)),
            _ => (None, None),
        };
        let device = match &d.scope {
            Some(duty::Scope::Asset(a)) => Some(*a),
            _ => None,
        };
        let (count, last): (i64, Option<String>) = days.query_row(
            params![
                d.id,
                from,
                to,
                counted_maintenance(d.counts.as_deref()),
                kind,
                dept,
                device
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        // A duty of a retired system is no longer expected of anyone.
        if d.system_retired && count == 0 {
            continue;
        }
        let last = last
            .map(|v| parse_date("duty_done.date", &v))
            .transpose()
            .context("the register holds a malformed date")?;
        let mut detail = format!("every {}", d.every);
        if let Some(o) = &d.owner_name {
            detail.push_str(&format!(", owner {o}"));
        }
        if let Some(c) = &d.counts {
            detail.push_str(&format!(", counting {c}"));
        }
        let mut line = Line::of("duties", "done", d.name.clone(), count)
            .date(last)
            .detail(detail);
        line.requirement = requirement_of(d.requirement);
        per_duty.push(line);
    }
    let mut out = vec![Line::total(
        "duties",
        "done",
        per_duty.iter().filter_map(|l| l.count).sum(),
    )];
    out.append(&mut per_duty);

    let done = duty::done_between(conn, p.from, p.to)?;
    out.push(Line::total("duties", "completion", done.rows.len() as i64));
    for r in &done.rows {
        let date = parse_date("duty_done.date", &r[0].display())
            .context("the register holds a malformed date")?;
        let requirement = r[2].display();
        let mut detail = r[3].display();
        let evidence = r[4].display();
        if !evidence.is_empty() {
            detail.push_str(&format!(" (evidence: {evidence})"));
        }
        let mut line = Line::of("duties", "completion", r[1].display(), 1)
            .date(Some(date))
            .detail(detail);
        line.requirement = requirement_of(stored_requirement(
            (!requirement.is_empty()).then_some(requirement.as_str()),
        ));
        out.push(line);
    }
    Ok(out)
}

/// The corrections made in the period: every record voided (with why and by
/// whom) and every field amended (old -> new). Voided records are left out
/// of every other section's counts and totals; here they are shown.
pub fn corrections(conn: &Connection, p: &Period) -> Result<Vec<Line>> {
    let lo = day_start("--from", p.from)?;
    let after = p.to.checked_add_days(Days::new(1)).unwrap_or(p.to);
    let hi = day_start("--to", after)?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT entity, record_id, reason, voided_by, voided_at, reversal_id FROM record_void
             WHERE voided_at >= ?1 AND voided_at < ?2 ORDER BY voided_at, id",
        )
        .context("reading the report's voids")?;
    let voids = stmt
        .query_map(params![lo, hi], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<i64>>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading the report's voids")?;
    let mut out =
        vec![Line::total("corrections", "voided", voids.len() as i64).requirement("SEC-4")];
    for (entity, id, reason, by, at, reversal) in voids {
        let day = read_instant(&at)?
            .with_timezone(&crate::domain::time::zone())
            .date_naive();
        let kind = crate::domain::correction::VOIDABLE
            .iter()
            .find(|k| k.table == entity);
        let (noun, shown) = match kind {
            Some(k) => (k.noun, super::correction::shown_id(*k, id)),
            None => ("record", id.to_string()),
        };
        let reversed = reversal.map_or(String::new(), |r| format!("; reversed by movement {r}"));
        out.push(
            Line::of("corrections", "voided", format!("{noun} {shown}"), 1)
                .requirement("SEC-4")
                .date(Some(day))
                .detail(format!("{reason} (by {by}){reversed}")),
        );
    }
    let [from, to] = dates(p);
    let mut stmt = conn
        .prepare_cached(
            "SELECT m.entity, CASE m.entity
                      WHEN 'asset' THEN (SELECT tag FROM asset WHERE id = m.record_id)
                      WHEN 'department' THEN (SELECT name FROM department WHERE id = m.record_id)
                      WHEN 'system' THEN (SELECT name FROM system WHERE id = m.record_id)
                      ELSE (SELECT name FROM person WHERE id = m.record_id) END,
                    m.field, m.old_value, m.new_value, m.reason, m.amended_by, m.date
             FROM amendment m WHERE m.date BETWEEN ?1 AND ?2 ORDER BY m.date, m.id",
        )
        .context("reading the report's amendments")?;
    let amended = stmt
        .query_map(params![from, to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading the report's amendments")?;
    out.push(Line::total("corrections", "amended", amended.len() as i64).requirement("SEC-4"));
    for (entity, name, field, old, new, reason, by, date) in amended {
        let date =
            parse_date("amendment.date", &date).context("the register holds a malformed date")?;
        out.push(
            Line::of(
                "corrections",
                "amended",
                format!("{entity} {}", name.unwrap_or_default()),
                1,
            )
            .requirement("SEC-4")
            .date(Some(date))
            .detail(format!(
                "{field} {} -> {}; {reason} (by {by})",
                old.as_deref().unwrap_or("-"),
                new.as_deref().unwrap_or("-")
            )),
        );
    }
    Ok(out)
}
