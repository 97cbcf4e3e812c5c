//! `infogov duty`: recurring duties (DUT-1..DUT-5, OPS-1, OPS-2, OPS-4,
//! SEC-1, BAK-4 ...), when each is next due, and the overdue findings.

use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use sha2::{Digest, Sha256};

use super::{Ctx, run_check};
use crate::domain::asset::clean;
use crate::domain::duty as dd;
use crate::domain::time::parse_date;
use crate::rows::Rows;
use crate::store::duty::{self as st, Done, DutyEdit, NewDuty};

#[derive(Debug, Subcommand)]
pub enum DutyCmd {
    /// Add a recurring duty
    Add(AddArgs),
    /// Record that a duty was done
    Done {
        /// The duty's name, as in `duty list`
        name: String,
        /// When it was done [default: --as-of, else today]
        #[arg(long)]
        date: Option<String>,
        /// What was done (minutes, report number, who attended ...)
        #[arg(long)]
        note: String,
        /// What shows it: a file (its SHA-256 is recorded too) or a reference
        #[arg(long, value_name = "PATH-OR-REF")]
        evidence: Option<String>,
    },
    /// Every duty with when it was last done and is next due, evaluated at --as-of
    List {
        /// Only duties overdue (or due today)
        #[arg(long)]
        overdue: bool,
        /// Also retired duties
        #[arg(long)]
        all: bool,
    },
    /// Every field of one duty and where it stands at --as-of
    Show {
        /// The duty's name
        name: String,
    },
    /// Everything that counted towards a duty, oldest first
    History {
        /// The duty's name
        name: String,
    },
    /// Add the duties the regulation names, each with its requirement ID;
    /// seeding again adds only what is missing
    Seed,
    /// Change a duty's interval, owner, scope, requirement, first due date,
    /// counted maintenance or description
    Edit(EditArgs),
    /// Stop tracking a duty; its history is kept
    Retire {
        /// The duty's name
        name: String,
        /// Why it no longer applies
        #[arg(long)]
        reason: String,
        /// [default: --as-of, else today]
        #[arg(long)]
        date: Option<String>,
    },
    /// Void a completion recorded by mistake (ID as `duty history` shows it),
    /// including a password change: it stays in the history, marked void, and
    /// no longer counts as the duty done
    Void(super::correction::VoidArgs),
    /// Findings: duties overdue (WARNING), or overdue by more than one full interval (CRITICAL)
    Check {
        /// Print the Nagios plugin format
        #[arg(long)]
        nagios: bool,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// A short name to refer to it, e.g. leading-group-meeting
    pub name: String,
    /// How often: 2w, 90d, 1mo, 1q, 6mo, 1y (months, quarters and years are calendar units)
    #[arg(long, value_name = "INTERVAL")]
    pub every: String,
    /// Who answers for it: a department (name or code) or a person (NAME or NAME@DEPT)
    #[arg(long, value_name = "DEPT|PERSON")]
    pub owner: Option<String>,
    /// What it covers: kind:KIND, dept:DEPT or system:SYSTEM (or a bare name that is one of them)
    #[arg(long)]
    pub scope: Option<String>,
    /// The requirement ID it carries, e.g. DUT-1
    #[arg(long = "ref", value_name = "REQ-ID")]
    pub reference: Option<String>,
    /// When it is first due [default: one interval after it is added]
    #[arg(long, value_name = "DATE")]
    pub first_due: Option<String>,
    /// Maintenance records that count as the duty done, e.g. maintenance:virus-scan
    #[arg(long, value_name = "maintenance:KIND")]
    pub counts: Option<String>,
    /// What the duty is
    #[arg(long)]
    pub description: Option<String>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The duty's name
    pub name: String,
    #[arg(long, value_name = "INTERVAL")]
    pub every: Option<String>,
    #[arg(long, value_name = "DEPT|PERSON")]
    pub owner: Option<String>,
    #[arg(long)]
    pub scope: Option<String>,
    #[arg(long = "ref", value_name = "REQ-ID")]
    pub reference: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub first_due: Option<String>,
    #[arg(long, value_name = "maintenance:KIND")]
    pub counts: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
}

fn opt_date(ctx: &Ctx, value: &Option<String>) -> Result<NaiveDate> {
    match value {
        Some(d) => parse_date("--date", d),
        None => Ok(ctx.clock.as_of),
    }
}

/// The evidence as typed; when it names a file, also the file's SHA-256, so
/// that a report swapped later no longer matches the record.
pub fn evidence(value: Option<String>) -> Result<(Option<String>, Option<String>)> {
    let Some(v) = value.and_then(|v| clean(&v)) else {
        return Ok((None, None));
    };
    let path = Path::new(&v);
    if !path.is_file() {
        return Ok((Some(v), None));
    }
    let bytes =
        std::fs::read(path).with_context(|| format!("--evidence: cannot read {}", v.as_str()))?;
    let digest = Sha256::digest(&bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Ok((Some(v), Some(hex)))
}

fn show_rows(ctx: &Ctx, conn: &rusqlite::Connection, name: &str) -> Result<Rows> {
    let duty = st::get(conn, name)?;
    let rules = ctx.config.grading.ruleset()?;
    let security = ctx.config.security.rules()?;
    let mut s = st::status(conn, &rules, &security, duty, ctx.clock.as_of)?;
    // `show` answers for the duty as it stands, retired or not by then.
    if s.duty.retired.is_some() {
        s.due = None;
    }
    Ok(st::show(&s))
}

impl DutyCmd {
    pub fn run(self, ctx: &mut Ctx) -> Result<u8> {
        match self {
            DutyCmd::Add(a) => {
                let every = dd::every("--every", &a.every)?;
                let requirement = a
                    .reference
                    .map(|r| dd::requirement("--ref", &r))
                    .transpose()?;
                let first_due = a
                    .first_due
                    .map(|d| parse_date("--first-due", &d))
                    .transpose()?;
                let counts = a.counts.map(|c| dd::counts("--counts", &c)).transpose()?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let owner = a
                    .owner
                    .map(|o| st::resolve_owner(tx.conn(), "--owner", &o))
                    .transpose()?;
                let scope = a
                    .scope
                    .map(|s| st::resolve_scope(tx.conn(), "--scope", &s, &ctx.config.asset.kinds))
                    .transpose()?;
                let duty = NewDuty {
                    name: a.name.trim().to_string(),
                    description: a.description.and_then(|d| clean(&d)),
                    every,
                    requirement,
                    owner,
                    scope,
                    counts,
                    first_due,
                };
                st::add(&mut tx, &duty, ctx.clock.as_of)?;
                let rows = show_rows(ctx, tx.conn(), &duty.name)?;
                tx.commit()?;
                let next = rows.rows[0][10].display();
                ctx.out.done(
                    &format!("Added duty {} (every {every}), first due {next}", duty.name),
                    &rows,
                )?;
                Ok(0)
            }
            DutyCmd::Done {
                name,
                date,
                note,
                evidence: ev,
            } => {
                let note = clean(&note).context("--note: must not be empty")?;
                let date = opt_date(ctx, &date)?;
                let (evidence, evidence_sha256) = evidence(ev)?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let duty = st::get(tx.conn(), &name)?;
                // A duty counting devices is done when each device is
                // scanned; one tick for all of them is what OPS-1 rules out.
                let covered = st::covered_devices(
                    tx.conn(),
                    &duty,
                    &ctx.config.security.rules()?,
                    ctx.clock.as_of,
                )?;
                if !covered.is_empty() {
                    bail!(
                        "NAME: {} counts the full scans of {} devices, not completions; record each scan with `infogov asset maintain TAG --kind virus-scan` or import the antivirus console's export with `infogov asset antivirus import FILE`",
                        duty.name,
                        covered.len()
                    );
                }
                let done = Done {
                    date,
                    note,
                    evidence,
                    evidence_sha256,
                };
                st::record_done(&mut tx, &duty, &done, ctx.clock.as_of)?;
                let rows = show_rows(ctx, tx.conn(), &duty.name)?;
                tx.commit()?;
                let next = rows.rows[0][10].display();
                ctx.out.done(
                    &format!("Recorded {} done on {date}; next due {next}", duty.name),
                    &rows,
                )?;
                Ok(0)
            }
            DutyCmd::List { overdue, all } => {
                let store = ctx.open()?;
                let mut rows = Rows::new(st::LIST_COLUMNS);
                for s in st::statuses(
                    store.conn(),
                    &ctx.config.grading.ruleset()?,
                    &ctx.config.security.rules()?,
                    ctx.clock.as_of,
                )? {
                    if s.due.is_none() && !all {
                        continue;
                    }
                    if overdue && !s.due.is_some_and(|d| d.state != dd::DueState::Ok) {
                        continue;
                    }
                    rows.push(st::list_row(&s));
                }
                ctx.out.rows(&rows)?;
                Ok(0)
            }
            DutyCmd::Show { name } => {
                let store = ctx.open()?;
                let rows = show_rows(ctx, store.conn(), &name)?;
                ctx.out.record(&rows)?;
                Ok(0)
            }
            DutyCmd::History { name } => {
                let store = ctx.open()?;
                let duty = st::get(store.conn(), &name)?;
                ctx.out.rows(&st::history(
                    store.conn(),
                    &duty,
                    &ctx.config.security.rules()?,
                )?)?;
                Ok(0)
            }
            DutyCmd::Seed => {
                let every = ctx.config.duty.password_every()?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let security = ctx.config.security.rules()?;
                let added = st::seed_defaults(&mut tx, ctx.clock.as_of, every, &security)?;
                let mut rows = Rows::new(st::LIST_COLUMNS);
                for s in st::statuses(
                    tx.conn(),
                    &ctx.config.grading.ruleset()?,
                    &security,
                    ctx.clock.as_of,
                )? {
                    if added.contains(&s.duty.name) {
                        rows.push(st::list_row(&s));
                    }
                }
                tx.commit()?;
                let message = if added.is_empty() {
                    "Every duty the regulation names is already in the register; nothing added"
                        .to_string()
                } else {
                    format!("Added {} duties: {}", added.len(), added.join(", "))
                };
                ctx.out.done(&message, &rows)?;
                Ok(0)
            }
            DutyCmd::Edit(e) => {
                let mut change = DutyEdit {
                    description: e.description.and_then(|d| clean(&d)),
                    every: e.every.map(|v| dd::every("--every", &v)).transpose()?,
                    requirement: e
                        .reference
                        .map(|r| dd::requirement("--ref", &r))
                        .transpose()?,
                    first_due: e
                        .first_due
                        .map(|d| parse_date("--first-due", &d))
                        .transpose()?,
                    counts: e.counts.map(|c| dd::counts("--counts", &c)).transpose()?,
                    ..DutyEdit::default()
                };
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                change.owner = e
                    .owner
                    .map(|o| st::resolve_owner(tx.conn(), "--owner", &o))
                    .transpose()?;
                change.scope = e
                    .scope
                    .map(|s| st::resolve_scope(tx.conn(), "--scope", &s, &ctx.config.asset.kinds))
                    .transpose()?;
                let duty = st::get(tx.conn(), &e.name)?;
                st::edit(&mut tx, &duty, &change)?;
                let rows = show_rows(ctx, tx.conn(), &duty.name)?;
                tx.commit()?;
                let next = rows.rows[0][10].display();
                ctx.out.done(
                    &format!("Changed duty {}; next due {next}", duty.name),
                    &rows,
                )?;
                Ok(0)
            }
            DutyCmd::Void(args) => {
                let id = args.id.trim();
                if id.starts_with(['M', 'm']) {
                    anyhow::bail!(
                        "ID: {id} is a maintenance record that counts towards the duty; void it with `infogov asset void {id}`"
                    );
                }
                super::correction::void(
                    ctx,
                    &[crate::domain::correction::DUTY_DONE],
                    &args,
                    super::correction::nothing,
                )
            }
            DutyCmd::Retire { name, reason, date } => {
                let reason = clean(&reason).context("--reason: must not be empty")?;
                let date = opt_date(ctx, &date)?;
                if date > ctx.clock.as_of {
                    anyhow::bail!(
                        "--date: {date} is after {}; a duty is retired when it stops, not in advance",
                        ctx.clock.as_of
                    );
                }
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let duty = st::get(tx.conn(), &name)?;
                st::retire(&mut tx, &duty, date, &reason)?;
                let rows = show_rows(ctx, tx.conn(), &duty.name)?;
                tx.commit()?;
                ctx.out
                    .done(&format!("Retired duty {} on {date}", duty.name), &rows)?;
                Ok(0)
            }
            DutyCmd::Check { nagios } => run_check(ctx, "DUTY", nagios, |ctx, store| {
                st::check(
                    store.conn(),
                    &ctx.config.grading.ruleset()?,
                    &ctx.config.security.rules()?,
                    ctx.clock.as_of,
                )
            }),
        }
    }
}

/// `infogov system password-changed`: records the date of a password change.
pub fn password_changed(
    ctx: &mut Ctx,
    system: &str,
    date: Option<String>,
    note: Option<String>,
) -> Result<u8> {
    let date = opt_date(ctx, &date)?;
    let note = note
        .and_then(|n| clean(&n))
        .unwrap_or_else(|| "password changed".to_string());
    let every = ctx.config.duty.password_every()?;
    let mut store = ctx.open()?;
    let mut tx = store.write(&ctx.who)?;
    let done = Done {
        date,
        note,
        evidence: None,
        evidence_sha256: None,
    };
    let (name, added) = st::password_changed(&mut tx, system, &done, ctx.clock.as_of, every)?;
    let rows = show_rows(ctx, tx.conn(), &name)?;
    tx.commit()?;
    let next = rows.rows[0][10].display();
    let mut message = format!(
        "Recorded a password change of {} on {date}; next change due {next}",
        system.trim()
    );
    if added {
        message.push_str(&format!(" (now tracked as duty {name}, every {every})"));
    }
    ctx.out.done(&message, &rows)?;
    Ok(0)
}
