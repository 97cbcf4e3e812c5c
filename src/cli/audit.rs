//! `infogov audit`: the audit trail (SEC-4) and the regime-wide check.

use anyhow::Result;
use clap::builder::PossibleValuesParser;
use clap::{Args, Subcommand};
use rusqlite::params;

use super::{Ctx, run_check};
use crate::domain::findings::{self, Finding, Severity};
use crate::domain::report::{self as dr, Line, Period};
use crate::domain::time::{format_instant, parse_instant};
use crate::i18n::Lang;
use crate::rows::{Rows, Value};
use crate::store::{
    Store, audit, backup, consumable, duty, grading, registry, report, request, software,
};

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// List audit entries, oldest first
    Log {
        /// Only this kind of record (asset, department, person, ...)
        #[arg(long)]
        entity: Option<String>,
        /// Only this record (an asset tag, a department name, an id)
        #[arg(long)]
        key: Option<String>,
        #[arg(long)]
        actor: Option<String>,
        /// Only entries made at or after this date or time
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
    },
    /// Prove the trail unbroken and every audited record as the trail says;
    /// exits 2 naming what was changed behind the tool's back
    Verify {
        /// Also prove the trail still holds this entry, as printed by `audit head`
        #[arg(long, value_name = "SEQ:HASH")]
        anchor: Option<String>,
    },
    /// The newest entry's sequence number and hash, to keep elsewhere as an anchor
    Head,
    /// Every area's findings in one table and one exit code (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)
    Check {
        /// Print the Nagios plugin format
        #[arg(long)]
        nagios: bool,
        /// Only these areas, comma-separated
        #[arg(long, value_delimiter = ',', value_parser = AREAS.to_vec())]
        only: Vec<String>,
    },
    /// The period report an inspector asks for: what was registered, moved,
    /// repaired, approved, consumed against quota, graded and filed, which
    /// duties were done, and every open finding (docs/report.md)
    Report(ReportArgs),
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The quarter to report on, e.g. 2026Q4 [default: the quarter containing --as-of]
    #[arg(long, value_name = "Q", conflicts_with_all = ["from", "to"])]
    quarter: Option<String>,
    /// The first day of the period (inclusive)
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// The last day of the period (inclusive) [default: --as-of]
    #[arg(long, value_name = "DATE", requires = "from")]
    to: Option<String>,
    /// Only these sections, comma-separated (the period is always shown)
    #[arg(long, value_delimiter = ',', value_parser = report_sections())]
    only: Vec<String>,
}

/// The sections `audit report --only` accepts: those drawn from the register,
/// then the findings.
fn report_sections() -> PossibleValuesParser {
    PossibleValuesParser::new(
        report::SECTIONS
            .iter()
            .map(|(name, _)| *name)
            .chain(["findings"]),
    )
}

/// The areas of the regime-wide check, in the order they are collected.
pub const AREAS: &[&str] = &[
    "org",
    "asset",
    "software",
    "request",
    "consumable",
    "backup",
    "grade",
    "duty",
    "audit",
];

/// Collects the findings of the named areas (all when empty).
pub fn collect(ctx: &Ctx, store: &Store, only: &[String]) -> Result<Vec<Finding>> {
    let want = |a: &str| only.is_empty() || only.iter().any(|o| o == a);
    let conn = store.conn();
    let mut all = Vec::new();
    if want("org") {
        all.extend(registry::check(conn)?);
    }
    if want("asset") {
        all.extend(super::asset::placed_check(ctx, conn)?);
        all.extend(super::asset::stocktake_findings(ctx, store)?);
    }
    if want("software") {
        all.extend(software::check(conn)?);
    }
    if want("request") {
        all.extend(request::check(
            conn,
            ctx.clock.now,
            ctx.config.request.stale_days,
        )?);
    }
    if want("backup") {
        all.extend(backup::check(
            conn,
            ctx.clock.now,
            None,
            ctx.config.backup.default_grace(),
        )?);
    }
    if want("grade") {
        all.extend(grading::check(
            conn,
            &ctx.config.grading.ruleset()?,
            ctx.clock.as_of,
        )?);
    }
    if want("consumable") {
        all.extend(consumable::check(conn, ctx.clock.as_of)?);
    }
    if want("duty") {
        all.extend(duty::check(
            conn,
            &ctx.config.grading.ruleset()?,
            ctx.clock.as_of,
        )?);
    }
    if want("audit") {
        all.extend(audit::verify(conn, None)?);
    }
    Ok(all)
}

impl AuditCmd {
    pub fn run(self, ctx: &mut Ctx) -> Result<u8> {
        match self {
            AuditCmd::Log {
                entity,
                key,
                actor,
                since,
            } => {
                let since = since.map(|s| parse_instant("--since", &s)).transpose()?;
                let store = ctx.open()?;
                let mut stmt = store.conn().prepare(
                    "SELECT seq, at, actor, os_user, command, entity, key, action, row FROM audit_log
                     WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR key = ?2)
                       AND (?3 IS NULL OR actor = ?3) AND (?4 IS NULL OR at >= ?4)
                     ORDER BY seq",
                )?;
                let mut q = stmt.query(params![entity, key, actor, since.map(format_instant)])?;
                let mut stream = ctx.out.stream(&[
                    "seq", "at", "actor", "os_user", "command", "entity", "key", "action", "row",
                ])?;
                while let Some(r) = q.next()? {
                    stream.push(&[
                        Value::Int(r.get(0)?),
                        Value::Text(r.get(1)?),
                        Value::Text(r.get(2)?),
                        Value::Text(r.get(3)?),
                        Value::Text(r.get(4)?),
                        Value::Text(r.get(5)?),
                        Value::Text(r.get(6)?),
                        Value::Text(r.get(7)?),
                        r.get::<_, Option<String>>(8)?.into(),
                    ])?;
                }
                stream.finish()?;
                Ok(0)
            }
            AuditCmd::Verify { anchor } => {
                let anchor = anchor.map(|a| audit::parse_anchor(&a)).transpose()?;
                run_check(ctx, "AUDIT", false, |_, store| {
                    audit::verify(store.conn(), anchor.as_ref())
                })
            }
            AuditCmd::Head => {
                let store = ctx.open()?;
                let mut rows = Rows::new(&["seq", "hash", "anchor"]);
                if let Some((seq, hash)) = audit::head(store.conn())? {
                    rows.push(vec![
                        Value::Int(seq),
                        hash.clone().into(),
                        format!("{seq}:{hash}").into(),
                    ]);
                }
                ctx.out.rows(&rows)?;
                Ok(0)
            }
            AuditCmd::Check { nagios, only } => {
                run_check(ctx, "COMPLIANCE", nagios, |ctx, store| {
                    collect(ctx, store, &only)
                })
            }
            AuditCmd::Report(args) => report_cmd(ctx, args),
        }
    }
}

/// `audit report`: the period, each section of the register in order, then
/// every finding open on --as-of. A report, not a check: it exits 0 whatever
/// it finds (`audit check` gives the exit code for monitoring).
fn report_cmd(ctx: &mut Ctx, args: ReportArgs) -> Result<u8> {
    let as_of = ctx.clock.as_of;
    let period = Period::parse(
        args.quarter.as_deref(),
        args.from.as_deref(),
        args.to.as_deref(),
        as_of,
    )?;
    let store = ctx.open()?;
    let (lines, findings) = report_parts(ctx, &store, &period, &args.only)?;
    if ctx.out.format == super::output::Format::Html {
        return report_page(ctx, &store, &period, &findings, &dr::rows(&lines));
    }
    ctx.out.rows(&dr::rows(&lines))?;
    Ok(0)
}

/// The lines of the period report: the period, each section of the register
/// in order (all, or those in `only`), then every finding open on --as-of.
pub fn report_lines(
    ctx: &Ctx,
    store: &Store,
    period: &Period,
    only: &[String],
) -> Result<Vec<Line>> {
    Ok(report_parts(ctx, store, period, only)?.0)
}

/// The report's lines and the findings open on --as-of (which the HTML page
/// also draws).
fn report_parts(
    ctx: &Ctx,
    store: &Store,
    period: &Period,
    only: &[String],
) -> Result<(Vec<Line>, Vec<Finding>)> {
    let as_of = ctx.clock.as_of;
    let want = |s: &str| only.is_empty() || only.iter().any(|o| o == s);
    let mut lines = vec![
        Line::of_date("period", "from", period.from).detail(period.label()),
        Line::of_date("period", "to", period.to),
        Line::of_date("period", "as-of", as_of),
    ];
    for (name, section) in report::SECTIONS {
        if want(name) {
            lines.extend(section(store.conn(), period)?);
        }
    }
    let mut list = Vec::new();
    if want("findings") {
        list = collect(ctx, store, &[])?;
        lines.extend(finding_lines(&mut list, ctx.out.lang()));
    }
    Ok((lines, list))
}

/// `audit report --format html`: the page a manager looks at (issue 11).
fn report_page(
    ctx: &mut Ctx,
    store: &Store,
    period: &Period,
    findings: &[Finding],
    lines: &crate::rows::Rows,
) -> Result<u8> {
    let conn = store.conn();
    let backups =
        crate::store::backup::status(conn, ctx.clock.now, None, ctx.config.backup.default_grace())?;
    let quarter = crate::domain::time::Quarter::containing(period.to);
    let consumables = crate::store::consumable::assess_rows(&crate::store::consumable::assess(
        conn, quarter, None,
    )?);
    let assets = crate::store::asset::report(conn, "dept")?;
    let rules = ctx.config.grading.ruleset()?;
    let grading = crate::store::grading::list(conn, &rules, None, None)?;
    let organisation = ctx.out.organisation.clone();
    let data = super::output::report::ReportData {
        organisation: organisation.as_deref(),
        period: period.label(),
        as_of: ctx.clock.as_of.to_string(),
        findings,
        backups: &backups,
        consumables: &consumables,
        assets: &assets,
        grading: &grading,
        lines,
    };
    let page = super::output::report::render(&data, ctx.out.lang());
    ctx.out.text(&page)?;
    Ok(0)
}

/// The findings section: a total per severity, worst first (CRITICAL and
/// WARNING always, others when there are any), each followed by its findings.
fn finding_lines(list: &mut [Finding], lang: Lang) -> Vec<Line> {
    findings::sort(list);
    let mut out = Vec::new();
    for (severity, metric) in [
        (Severity::Unknown, "unknown"),
        (Severity::Critical, "critical"),
        (Severity::Warning, "warning"),
        (Severity::Ok, "ok"),
    ] {
        let these: Vec<&Finding> = list.iter().filter(|f| f.severity == severity).collect();
        if these.is_empty() && !matches!(severity, Severity::Critical | Severity::Warning) {
            continue;
        }
        out.push(Line::total("findings", metric, these.len() as i64));
        for f in these {
            let message = match (&f.message_zh, lang) {
                (Some(zh), Lang::Zh) => zh.clone(),
                _ => f.message.clone(),
            };
            out.push(
                Line::of("findings", metric, f.subject.clone(), 1)
                    .requirement(f.requirement)
                    .detail(message),
            );
        }
    }
    out
}
