//! `infogov audit`: the audit trail (SEC-4) and the regime-wide check.

use anyhow::{Context, Result, bail};
use clap::builder::PossibleValuesParser;
use clap::{Args, Subcommand};

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
        /// Also prove the trail still holds this entry, as printed by `audit
        /// head`; repeat it, or name a file with one anchor a line
        #[arg(long, value_name = "SEQ:HASH|FILE")]
        anchor: Vec<String>,
        /// Walk the whole chain and compare every table with the trail,
        /// not only what changed since the last verified point
        #[arg(long)]
        full: bool,
    },
    /// The newest entry's sequence number and hash, to keep elsewhere as an anchor
    Head,
    /// Make a checkpoint key: the secret half goes to FILE (kept outside the
    /// register, mode 0600), the public half is printed for the config
    Keygen {
        /// Where to write the secret key; an existing file is never overwritten
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
    /// Sign the head of the trail with the checkpoint key; the checkpoint is
    /// stored in the register and appended to the witness file
    Checkpoint {
        /// The secret key made by `audit keygen`
        #[arg(long, value_name = "FILE")]
        key: std::path::PathBuf,
    },
    /// Every area's findings in one table and one exit code (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)
    Check {
        /// Print the Nagios plugin format
        #[arg(long)]
        nagios: bool,
        /// Only these areas, comma-separated
        #[arg(long, value_delimiter = ',', value_parser = AREAS.to_vec())]
        only: Vec<String>,
        /// Verify the audit trail in full (as `audit verify --full`)
        #[arg(long)]
        full: bool,
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
    "security",
    "incident",
    "audit",
];

/// Collects the findings of the named areas (all when empty).
pub fn collect(ctx: &Ctx, store: &Store, only: &[String]) -> Result<Vec<Finding>> {
    collect_full(ctx, store, only, false)
}

/// As [`collect`]; with `full`, the audit trail is verified in full.
fn collect_full(ctx: &Ctx, store: &Store, only: &[String], full: bool) -> Result<Vec<Finding>> {
    let conn = store.conn();
    // One read transaction for every area: all of them, and the audit
    // verification, see one snapshot however busy the writers are.
    let snapshot = if conn.is_autocommit() {
        let tx = conn
            .unchecked_transaction()
            .context("starting a read transaction for the check")?;
        tx.query_row("SELECT count(*) FROM audit_entry", [], |_| Ok(()))
            .context("reading the audit trail")?;
        Some(tx)
    } else {
        None
    };
    let found = collect_in(ctx, store, only, full);
    drop(snapshot);
    found
}

fn collect_in(ctx: &Ctx, store: &Store, only: &[String], full: bool) -> Result<Vec<Finding>> {
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
            &ctx.config.security.rules()?,
            ctx.clock.as_of,
        )?);
    }
    if want("security") {
        all.extend(crate::store::security::check(
            conn,
            &ctx.config.security.rules()?,
            ctx.clock.as_of,
        )?);
    }
    if want("incident") {
        all.extend(crate::store::incident::check(
            conn,
            &ctx.config.incident.rules()?,
            ctx.clock.now,
        )?);
    }
    if want("audit") {
        let mut trust = ctx.trust(store, Vec::new())?;
        trust.full = full;
        all.extend(audit::verify(conn, &trust)?);
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
                let filter = crate::store::audit::log::Filter {
                    entity,
                    key,
                    actor,
                    since: since.map(format_instant),
                };
                let mut stream = ctx.out.stream(&[
                    "seq",
                    "at",
                    "actor",
                    "os_user",
                    "command",
                    "entity",
                    "key",
                    "action",
                    "row",
                    "recorded_by",
                ])?;
                crate::store::audit::log::entries(store.conn(), &filter, |e| {
                    stream.push(&[
                        Value::Int(e.seq),
                        Value::Text(e.at),
                        Value::Text(e.actor),
                        Value::Text(e.os_user),
                        Value::Text(e.command),
                        Value::Text(e.entity),
                        Value::Text(e.key),
                        Value::Text(e.action),
                        e.row.into(),
                        e.recorded_by.into(),
                    ])
                })?;
                stream.finish()?;
                Ok(0)
            }
            AuditCmd::Verify { anchor, full } => {
                let anchors = anchors(&anchor)?;
                run_check(ctx, "AUDIT", false, |ctx, store| {
                    let mut trust = ctx.trust(store, anchors)?;
                    trust.full = full;
                    audit::verify(store.conn(), &trust)
                })
            }
            AuditCmd::Keygen { out } => {
                let public = audit::checkpoint::keygen(&out)?;
                let hex = audit::checkpoint::public_key_hex(&public);
                let mut rows = Rows::new(&["secret_key_file", "public_key"]);
                rows.push(vec![out.display().to_string().into(), hex.clone().into()]);
                ctx.out.done(
                    &format!(
                        "Wrote the secret checkpoint key to {} (keep it off this machine's register disk; see the user guide)\nPut the public half in the config:\n\n[audit]\npublic_key = \"{hex}\"",
                        out.display()
                    ),
                    &rows,
                )?;
                Ok(0)
            }
            AuditCmd::Checkpoint { key } => checkpoint_cmd(ctx, &key),
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
            AuditCmd::Check { nagios, only, full } => {
                run_check(ctx, "COMPLIANCE", nagios, |ctx, store| {
                    collect_full(ctx, store, &only, full)
                })
            }
            AuditCmd::Report(args) => report_cmd(ctx, args),
        }
    }
}

/// The anchors of `--anchor`: each value is SEQ:HASH, or a file holding one
/// anchor a line (as `audit head --format csv` or a log of it writes them;
/// blank lines, `#` comments and a header line without an anchor are skipped).
fn anchors(values: &[String]) -> Result<Vec<(i64, String)>> {
    let mut out = Vec::new();
    for v in values {
        if let Ok(a) = audit::parse_anchor(v) {
            out.push(a);
            continue;
        }
        let path = std::path::Path::new(v);
        if !path.is_file() {
            audit::parse_anchor(v)?;
        }
        let text =
            std::fs::read_to_string(path).with_context(|| format!("--anchor: cannot read {v}"))?;
        let before = out.len();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let found = line
                .split(|c: char| c.is_whitespace() || c == ',')
                .find_map(|t| audit::parse_anchor(t).ok());
            match found {
                Some(a) => out.push(a),
                None if i == 0 || line == "seq,hash,anchor" => {}
                None => bail!(
                    "--anchor: {v}: line {}: {line:?} holds no SEQ:HASH anchor",
                    i + 1
                ),
            }
        }
        if out.len() == before {
            bail!("--anchor: {v} holds no SEQ:HASH anchor");
        }
    }
    Ok(out)
}

/// `audit checkpoint --key FILE`: signs the head in a write transaction (so
/// no entry slips in between reading the head and storing its signature),
/// then appends the signed head to the witness file.
fn checkpoint_cmd(ctx: &mut Ctx, key_file: &std::path::Path) -> Result<u8> {
    use audit::checkpoint as cp;
    let key = cp::read_key(key_file)?;
    let public = cp::public_key_hex(&key.verifying_key());
    match &ctx.config.audit.public_key {
        None => bail!(
            "--key: no audit.public_key in the config, so no checkpoint could be verified; add\n[audit]\npublic_key = \"{public}\""
        ),
        Some(k) if !k.trim().eq_ignore_ascii_case(&public) => bail!(
            "--key: {} is not the key whose public half is audit.public_key (its public half is {public})",
            key_file.display()
        ),
        Some(_) => {}
    }
    let mut store = ctx.open()?;
    let tx = store.write(&ctx.who)?;
    let (seq, hash) = tx.head();
    if seq == 0 {
        bail!("the audit trail is empty: there is no head to sign yet");
    }
    let hash = hash.to_string();
    let at = format_instant(chrono::Utc::now());
    let signature = cp::sign(&key, seq, &hash, &at);
    let c = cp::Checkpoint {
        seq,
        hash: hash.clone(),
        at: at.clone(),
        signature: signature.clone(),
    };
    cp::store(tx.conn(), &c, &public)?;
    let witness = tx.witness().cloned();
    tx.commit()?;
    let mut note = String::new();
    if let Some(w) = &witness {
        audit::witness::append(
            &w.file,
            &audit::witness::Head {
                register: w.register.clone(),
                seq,
                hash: hash.clone(),
                at: at.clone(),
                signature: Some(signature.clone()),
            },
        )
        .context("the checkpoint was stored, but could not be witnessed")?;
        note = format!("; witnessed in {}", w.file.display());
    }
    let mut rows = Rows::new(&["seq", "hash", "at", "signature"]);
    rows.push(vec![
        Value::Int(seq),
        hash.clone().into(),
        at.clone().into(),
        signature.into(),
    ]);
    ctx.out.done(
        &format!("Signed checkpoint of entry {seq} ({hash}) at {at}{note}"),
        &rows,
    )?;
    Ok(0)
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
