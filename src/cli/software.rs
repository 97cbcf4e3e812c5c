//! `infogov asset software`: software allowed on the LAN (AST-8), the
//! installed-software inventories of devices, and the unapproved-software findings.

use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;

use super::{Ctx, run_check};
use crate::domain::asset::clean;
use crate::rows::Rows;
use crate::store::software as st;

#[derive(Debug, Subcommand)]
pub enum SoftwareCmd {
    /// Put software on the approved list (AST-8)
    Allow {
        /// The software's name as inventories show it (case is ignored)
        name: String,
        /// The versions approved, a glob: '*' (every version), '16.*', '2.?'
        #[arg(long, value_name = "GLOB", default_value = "*")]
        version_pattern: String,
        /// Why it is allowed, or who approved it
        #[arg(long)]
        note: Option<String>,
    },
    /// Take software off the approved list
    Revoke {
        /// The software's name
        name: String,
        /// Only this version pattern [default: every entry of the name]
        #[arg(long, value_name = "GLOB")]
        version_pattern: Option<String>,
    },
    /// The approved list, with how many devices run each entry
    List,
    /// Load installed-software inventories from CSV (tag,software,version, a row
    /// per package per device); each device in the file gets exactly its listed
    /// packages. The whole file or nothing
    Import {
        /// The file: CSV (UTF-8 or GBK) or a workbook (.xlsx, .xls, .ods); the
        /// headers may also be 资产编号, 软件名称, 版本
        file: PathBuf,
        /// Check every row and report, but write nothing
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        table: super::table_args::TableArgs,
    },
    /// Installed software per device, each package marked approved or not
    Inventory {
        /// Only this device
        tag: Option<String>,
        /// Only packages not on the approved list
        #[arg(long)]
        unapproved: bool,
    },
    /// Findings: installed software not on the approved list (WARNING, AST-8)
    Check {
        /// Print the Nagios plugin format
        #[arg(long)]
        nagios: bool,
    },
}

impl SoftwareCmd {
    pub fn run(self, ctx: &mut Ctx) -> Result<u8> {
        match self {
            SoftwareCmd::Allow {
                name,
                version_pattern,
                note,
            } => {
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let note = note.and_then(|n| clean(&n));
                st::allow(
                    &mut tx,
                    &name,
                    &version_pattern,
                    note.as_deref(),
                    ctx.clock.as_of,
                )?;
                let rows = st::list_allowed(tx.conn(), Some(&name))?;
                tx.commit()?;
                ctx.out.done(
                    &format!(
                        "Approved {} (versions {})",
                        name.trim(),
                        version_pattern.trim()
                    ),
                    &rows,
                )?;
                Ok(0)
            }
            SoftwareCmd::Revoke {
                name,
                version_pattern,
            } => {
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let n = st::revoke(&mut tx, &name, version_pattern.as_deref())?;
                let rows = st::list_allowed(tx.conn(), Some(&name))?;
                tx.commit()?;
                let what = if n == 1 {
                    "1 entry".to_string()
                } else {
                    format!("{n} entries")
                };
                ctx.out.done(
                    &format!("Took {} off the approved list ({what})", name.trim()),
                    &rows,
                )?;
                Ok(0)
            }
            SoftwareCmd::List => {
                let store = ctx.open()?;
                ctx.out.rows(&st::list_allowed(store.conn(), None)?)?;
                Ok(0)
            }
            SoftwareCmd::Import {
                file,
                dry_run,
                table,
            } => {
                let mut table = table.open(
                    &file,
                    &crate::tabular::schemas::SOFTWARE,
                    &ctx.config.import.software,
                )?;
                let name = table.file().to_string();
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let s = st::import_table(&mut tx, &mut table, ctx.clock.as_of)?;
                let mut rows = Rows::new(&[
                    "file",
                    "devices",
                    "packages",
                    "added",
                    "removed",
                    "unchanged",
                    "dry_run",
                ]);
                rows.push(vec![
                    name.clone().into(),
                    (s.devices as i64).into(),
                    (s.packages as i64).into(),
                    (s.added as i64).into(),
                    (s.removed as i64).into(),
                    (s.unchanged as i64).into(),
                    dry_run.into(),
                ]);
                let counts = format!(
                    "{} devices, {} packages: {} added, {} removed, {} unchanged",
                    s.devices, s.packages, s.added, s.removed, s.unchanged
                );
                super::table_args::finish_load(&mut ctx.out, tx, dry_run, &name, &counts, &rows)
            }
            SoftwareCmd::Inventory { tag, unapproved } => {
                let store = ctx.open()?;
                ctx.out
                    .rows(&st::inventory(store.conn(), tag.as_deref(), unapproved)?)?;
                Ok(0)
            }
            SoftwareCmd::Check { nagios } => {
                run_check(ctx, "SOFTWARE", nagios, |_, store| st::check(store.conn()))
            }
        }
    }
}
