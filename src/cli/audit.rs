//! `infogov audit`: the audit trail (SEC-4) and the regime-wide check.

use anyhow::Result;
use clap::Subcommand;
use rusqlite::params;

use super::{Ctx, run_check};
use crate::domain::findings::Finding;
use crate::domain::time::{format_instant, parse_instant};
use crate::rows::{Rows, Value};
use crate::store::{
    Store, asset, audit, backup, consumable, duty, grading, registry, request, software,
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
        all.extend(asset::check(conn)?);
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
        all.extend(duty::check(conn, ctx.clock.as_of)?);
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
        }
    }
}
