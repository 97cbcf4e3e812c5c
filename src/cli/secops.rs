//! `infogov asset antivirus` and `infogov asset logs`: the security
//! operations an inspector asks evidence of (OPS-1, OPS-2, S3): each
//! device's antivirus, recorded or imported from an antivirus console's
//! export, and how long each server keeps its operation logs. The reviews
//! (a server's logs, a firewall's) are duties per device (`duty seed`).

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Subcommand;

use super::Ctx;
use crate::domain::asset::clean;
use crate::domain::security::{definitions_date, scan_time};
use crate::domain::time::Interval;
use crate::rows::Rows;
use crate::store::security::{self as st, Report, Retention};

#[derive(Debug, Subcommand)]
pub enum AntivirusCmd {
    /// Record a device's antivirus as its console or the device shows it
    /// (OPS-1, S3): product, version, definitions date, last full scan
    Record {
        tag: String,
        /// The antivirus product (360天擎, 火绒, 瑞星 ...)
        #[arg(long)]
        product: String,
        /// The product's (client's) version
        #[arg(long)]
        version: Option<String>,
        /// The day of the virus definitions (病毒库), or a definitions
        /// version that starts with it (2026.11.27.03)
        #[arg(long, value_name = "DATE")]
        definitions: String,
        /// The last full scan (全盘扫描), e.g. '2026-11-27 22:10' [default: never]
        #[arg(long, value_name = "TIME")]
        last_scan: Option<String>,
        /// The computer name its console knows it by, so that later console
        /// exports find it by that name
        #[arg(long, value_name = "NAME")]
        hostname: Option<String>,
        #[arg(long)]
        ip: Option<String>,
    },
    /// Import an antivirus console's export, a row per device: CSV (UTF-8 or
    /// GBK) or a workbook (.xlsx, .xls, .ods), with headers such as 计算机名,
    /// 资产编号, 病毒库版本, 最后全盘扫描时间. A device is found by its tag,
    /// else its serial number, else its computer name; the whole file or nothing
    Import {
        file: PathBuf,
        /// The product, for an export that has no product column (a
        /// console exports its own clients)
        #[arg(long)]
        product: Option<String>,
        /// Check every row and report, but write nothing
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        table: super::table_args::TableArgs,
    },
    /// Every device that needs antivirus (and every one with a report): its
    /// newest report on --as-of and its state
    List,
}

#[derive(Debug, Subcommand)]
pub enum LogsCmd {
    /// Record how long a server keeps its operation logs (OPS-2; at least six
    /// months, 网络安全法 art. 21)
    Set {
        tag: String,
        /// How long the logs are kept: 6mo, 180d, 1y
        #[arg(long, value_name = "INTERVAL")]
        retention: String,
        /// Where they are kept (a log server, a path)
        #[arg(long, value_name = "WHERE")]
        kept_at: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Every server in use: its log retention and its log-review duties
    List,
}

fn text(v: Option<String>) -> Option<String> {
    v.and_then(|v| clean(&v))
}

impl AntivirusCmd {
    pub fn run(self, ctx: &mut Ctx) -> Result<u8> {
        let rules = ctx.config.security.rules()?;
        match self {
            AntivirusCmd::Record {
                tag,
                product,
                version,
                definitions,
                last_scan,
                hostname,
                ip,
            } => {
                let report = Report {
                    product: clean(&product).context("--product: must not be empty")?,
                    version: text(version),
                    definitions: definitions_date("--definitions", &definitions)?,
                    last_full_scan: match last_scan {
                        Some(t) => scan_time("--last-scan", &t)?,
                        None => None,
                    },
                    hostname: text(hostname),
                    ip: text(ip),
                };
                let latest = ctx.clock.now.max(end_of(ctx)?);
                if report.last_full_scan.is_some_and(|t| t > latest) {
                    bail!("--last-scan: {} is in the future", last_scan_text(&report));
                }
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let asset = crate::store::asset::current(tx.conn(), &tag)?;
                let added = st::record(&mut tx, asset.id, &report, "recorded", ctx.clock.as_of)?;
                let rows = one(st::list(tx.conn(), &rules, ctx.clock.as_of)?, &asset.tag);
                tx.commit()?;
                let message = if added {
                    format!(
                        "Recorded the antivirus of {}: {}, definitions {}",
                        asset.tag, report.product, report.definitions
                    )
                } else {
                    format!(
                        "The antivirus of {} is already recorded so; nothing added",
                        asset.tag
                    )
                };
                ctx.out.done(&message, &rows)?;
                Ok(0)
            }
            AntivirusCmd::Import {
                file,
                product,
                dry_run,
                table,
            } => {
                let mut table = table.open(
                    &file,
                    &crate::tabular::schemas::ANTIVIRUS,
                    &ctx.config.import.antivirus,
                )?;
                let name = table.file().to_string();
                let product = product.and_then(|p| clean(&p));
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let s = st::import_table(&mut tx, &mut table, product.as_deref(), ctx.clock.as_of)?;
                let mut rows = Rows::new(&["file", "devices", "recorded", "unchanged", "dry_run"]);
                rows.push(vec![
                    name.clone().into(),
                    (s.devices as i64).into(),
                    (s.recorded as i64).into(),
                    (s.unchanged as i64).into(),
                    dry_run.into(),
                ]);
                let counts = format!(
                    "{} devices: {} recorded, {} unchanged",
                    s.devices, s.recorded, s.unchanged
                );
                super::table_args::finish_load(&mut ctx.out, tx, dry_run, &name, &counts, &rows)
            }
            AntivirusCmd::List => {
                let store = ctx.open()?;
                ctx.out
                    .rows(&st::list(store.conn(), &rules, ctx.clock.as_of)?)?;
                Ok(0)
            }
        }
    }
}

/// The end of the --as-of day: a scan recorded as of a past day may be
/// that day's evening.
fn end_of(ctx: &Ctx) -> Result<chrono::DateTime<chrono::Utc>> {
    let day = ctx.clock.as_of.to_string();
    crate::domain::time::local_to_utc(
        "--as-of",
        &day,
        ctx.clock
            .as_of
            .and_hms_opt(23, 59, 59)
            .expect("a valid time"),
    )
}

fn last_scan_text(r: &Report) -> String {
    r.last_full_scan
        .map(crate::domain::time::show_instant)
        .unwrap_or_default()
}

/// The row of one device.
fn one(rows: Rows, tag: &str) -> Rows {
    let mut out = Rows::new(st::ANTIVIRUS_COLUMNS);
    for r in rows.rows {
        if r[0].display() == tag {
            out.push(r);
        }
    }
    out
}

impl LogsCmd {
    pub fn run(self, ctx: &mut Ctx) -> Result<u8> {
        let rules = ctx.config.security.rules()?;
        match self {
            LogsCmd::Set {
                tag,
                retention,
                kept_at,
                note,
            } => {
                let r = Retention {
                    retention: Interval::parse("--retention", &retention)?,
                    kept_at: text(kept_at),
                    note: text(note),
                };
                if let Interval::Seconds(s) = r.retention
                    && s % 86_400 != 0
                {
                    bail!(
                        "--retention: {retention:?} is not whole days; logs are kept for d, w, mo or y"
                    );
                }
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let changed = st::set_retention(&mut tx, &tag, &r, &rules, ctx.clock.as_of)?;
                let all = st::list_logs(tx.conn(), &rules, ctx.clock.as_of)?;
                tx.commit()?;
                let mut rows = Rows::new(&all.columns);
                let tag = tag.trim();
                for row in all.rows {
                    if row[0].display() == tag {
                        rows.push(row);
                    }
                }
                let enough = crate::domain::security::retention_enough(
                    r.retention,
                    rules.log_retention_min,
                    ctx.clock.as_of,
                );
                let mut message = if changed {
                    format!(
                        "Recorded that {tag} keeps its operation logs {}",
                        r.retention
                    )
                } else {
                    format!("{tag} is already recorded so; nothing changed")
                };
                if !enough {
                    message.push_str(&format!(
                        " (shorter than {}: a finding of `audit check --only security`)",
                        rules.log_retention_min
                    ));
                }
                ctx.out.done(&message, &rows)?;
                Ok(0)
            }
            LogsCmd::List => {
                let store = ctx.open()?;
                ctx.out
                    .rows(&st::list_logs(store.conn(), &rules, ctx.clock.as_of)?)?;
                Ok(0)
            }
        }
    }
}
