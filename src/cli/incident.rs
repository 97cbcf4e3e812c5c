//! `infogov incident`: the incident register (SEC-4, OPS-1, OPS-3, OPS-4):
//! viruses, intrusions, outages, faults, violations traced to a person (C33)
//! and data lost, from detection to close. A virus on a device keeps the
//! device isolated until it is closed as cleaned (C32).

use anyhow::{Result, bail};
use clap::{Args, Subcommand};

use super::Ctx;
use super::correction::{VoidArgs, void};
use crate::domain::asset::clean;
use crate::domain::correction::{self as dc, INCIDENT};
use crate::domain::incident::Kind;
use crate::domain::time::{parse_instant, show_instant};
use crate::store::Tx;
use crate::store::incident::{self as st, Filter, Stored};
use crate::store::registry as reg;

#[derive(Debug, Subcommand)]
pub enum IncidentCmd {
    /// Record an incident in the organisation's systems, on an information
    /// system or on a device; a virus on a device marks it isolated until
    /// the incident is closed as cleaned (C32)
    Add {
        /// What happened: virus, intrusion, outage, fault, violation or data-loss
        #[arg(long, value_name = "KIND")]
        kind: String,
        #[command(flatten)]
        on: On,
        /// When it was detected: 'YYYY-MM-DD HH:MM' (the register's time
        /// zone), RFC 3339 or epoch seconds
        #[arg(long, value_name = "TIME")]
        detected: String,
        #[command(flatten)]
        more: More,
    },
    /// Change what an incident records as it is handled (say, when it was
    /// contained); every change is in the audit trail
    Update {
        /// The incident's ID, as `incident list` shows it
        id: String,
        /// What happened, if it was recorded as the wrong kind
        #[arg(long, value_name = "KIND")]
        kind: Option<String>,
        /// The information system instead
        #[arg(long, value_name = "SYSTEM", conflicts_with = "asset")]
        system: Option<String>,
        /// The device (asset tag) instead
        #[arg(long, value_name = "TAG")]
        asset: Option<String>,
        #[arg(long, value_name = "TIME")]
        detected: Option<String>,
        #[command(flatten)]
        more: More,
    },
    /// Close an incident: resolved (default now), with what was done; a virus
    /// on a device closes only once it is cleaned (--cleaned), which releases
    /// the device from isolation
    Close {
        /// The incident's ID, as `incident list` shows it
        id: String,
        /// When it was resolved [default: now]
        #[arg(long, value_name = "TIME")]
        resolved: Option<String>,
        /// What was done to remedy it and to prevent it again (OPS-4)
        #[arg(long, value_name = "TEXT")]
        remedy: Option<String>,
        /// The device was cleaned of the virus (C32)
        #[arg(long)]
        cleaned: bool,
    },
    /// Incidents in the order they were detected, void ones marked
    List {
        /// Only incidents not yet closed (void ones left out)
        #[arg(long)]
        open: bool,
        /// Only this kind: virus, intrusion, outage, fault, violation or data-loss
        #[arg(long, value_name = "KIND")]
        kind: Option<String>,
    },
    /// Every field of one incident, and who recorded it
    Show {
        /// The incident's ID, as `incident list` shows it
        id: String,
    },
    /// Void an incident recorded by mistake (it stays listed, marked void,
    /// and no check, report or isolation counts it)
    Void(VoidArgs),
}

/// Where it happened: an information system or a device.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct On {
    /// The information system (HIS, the remote access platform ...)
    #[arg(long, value_name = "SYSTEM")]
    system: Option<String>,
    /// The device, by its asset tag
    #[arg(long, value_name = "TAG")]
    asset: Option<String>,
}

/// The fields `add` and `update` share.
#[derive(Debug, Args)]
pub struct More {
    /// When it was contained; for a virus on a device, when the device was
    /// taken off the network (isolated)
    #[arg(long, value_name = "TIME")]
    contained: Option<String>,
    /// When it was resolved (it is then closed; '' in an update reopens it)
    #[arg(long, value_name = "TIME")]
    resolved: Option<String>,
    /// The person it was traced to (NAME or NAME@DEPT); required for a violation (C33)
    #[arg(long, value_name = "PERSON")]
    person: Option<String>,
    /// What happened, in words
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    note: Option<String>,
    /// What was done to remedy it and to prevent it again (OPS-4)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    remedy: Option<String>,
    /// The device was cleaned of the virus (C32)
    #[arg(long)]
    cleaned: bool,
}

impl IncidentCmd {
    pub fn run(self, ctx: &mut Ctx) -> Result<u8> {
        match self {
            IncidentCmd::Add {
                kind,
                on,
                detected,
                more,
            } => {
                let kind = Kind::parse("--kind", &kind)?;
                let detected = parse_instant("--detected", &detected)?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let mut i = Stored {
                    id: 0,
                    kind,
                    system_id: None,
                    asset_id: None,
                    detected,
                    contained: None,
                    resolved: None,
                    person_id: None,
                    note: None,
                    remedy: None,
                    cleaned: false,
                };
                subject(&tx, &mut i, on.system.as_deref(), on.asset.as_deref())?;
                apply(&tx, &mut i, &more)?;
                i.rules_view().validate(ctx.clock.now)?;
                i.id = st::add(&mut tx, &i)?;
                let rows = st::list(tx.conn(), &one(i.id))?;
                let what = described(&tx, &i)?;
                tx.commit()?;
                let mut message = format!(
                    "Recorded incident {}: {} on {what}, detected {}",
                    i.id,
                    kind.as_str(),
                    show_instant(detected)
                );
                if i.rules_view().isolates() {
                    message.push_str(&format!(
                        "; {what} is isolated until the incident is closed as cleaned (C32)"
                    ));
                }
                ctx.out.done(&message, &rows)?;
                Ok(0)
            }
            IncidentCmd::Update {
                id,
                kind,
                system,
                asset,
                detected,
                more,
            } => {
                let id = parse_id(&id)?;
                let given = kind.is_some()
                    || system.is_some()
                    || asset.is_some()
                    || detected.is_some()
                    || more.resolved.is_some()
                    || more.contained.is_some()
                    || more.person.is_some()
                    || more.note.is_some()
                    || more.remedy.is_some()
                    || more.cleaned;
                if !given {
                    bail!(
                        "nothing to change; give one or more of --kind, --system, --asset, --detected, --contained, --resolved, --person, --note, --remedy, --cleaned"
                    );
                }
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let mut i = st::get(tx.conn(), id)?;
                let was_isolating = i.rules_view().isolates();
                if let Some(k) = kind {
                    i.kind = Kind::parse("--kind", &k)?;
                }
                if system.is_some() || asset.is_some() {
                    subject(&tx, &mut i, system.as_deref(), asset.as_deref())?;
                }
                if let Some(d) = detected {
                    i.detected = parse_instant("--detected", &d)?;
                }
                apply(&tx, &mut i, &more)?;
                i.rules_view().validate(ctx.clock.now)?;
                st::update(&mut tx, &i)?;
                let rows = st::list(tx.conn(), &one(i.id))?;
                let what = described(&tx, &i)?;
                tx.commit()?;
                let mut message = format!("Updated incident {id} ({} on {what})", i.kind.as_str());
                match (was_isolating, i.rules_view().isolates()) {
                    (false, true) => message.push_str(&format!(
                        "; {what} is isolated until the incident is closed as cleaned (C32)"
                    )),
                    (true, false) => message.push_str("; the device it isolated is released"),
                    _ => {}
                }
                ctx.out.done(&message, &rows)?;
                Ok(0)
            }
            IncidentCmd::Close {
                id,
                resolved,
                remedy,
                cleaned,
            } => {
                let id = parse_id(&id)?;
                let resolved = match resolved {
                    Some(r) => parse_instant("--resolved", &r)?,
                    None => ctx.clock.now,
                };
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let mut i = st::get(tx.conn(), id)?;
                if let Some(r) = i.resolved {
                    bail!(
                        "ID: incident {id} is already closed (resolved {}); change it with `infogov incident update {id}`",
                        show_instant(r)
                    );
                }
                let was_isolating = i.rules_view().isolates();
                i.resolved = Some(resolved);
                if let Some(m) = remedy {
                    i.remedy = clean(&m);
                }
                i.cleaned |= cleaned;
                i.rules_view().validate(ctx.clock.now)?;
                st::update(&mut tx, &i)?;
                let rows = st::list(tx.conn(), &one(i.id))?;
                let what = described(&tx, &i)?;
                tx.commit()?;
                let mut message = format!(
                    "Closed incident {id} ({} on {what}), resolved {}",
                    i.kind.as_str(),
                    show_instant(resolved)
                );
                if was_isolating {
                    message.push_str(&format!("; {what} is cleaned and released from isolation"));
                }
                ctx.out.done(&message, &rows)?;
                Ok(0)
            }
            IncidentCmd::List { open, kind } => {
                let kind = kind.map(|k| Kind::parse("--kind", &k)).transpose()?;
                let store = ctx.open()?;
                let rows = st::list(
                    store.conn(),
                    &Filter {
                        open,
                        kind,
                        id: None,
                    },
                )?;
                ctx.out.rows(&rows)?;
                Ok(0)
            }
            IncidentCmd::Show { id } => {
                let id = parse_id(&id)?;
                let store = ctx.open()?;
                ctx.out.record(&st::show(store.conn(), id)?)?;
                Ok(0)
            }
            IncidentCmd::Void(args) => void(ctx, &[INCIDENT], &args, |tx, _, id, _| {
                let i = st::get(tx.conn(), id)?;
                let note = if i.rules_view().isolates() {
                    Some(format!(
                        "{} is no longer isolated by it",
                        described(tx, &i)?
                    ))
                } else {
                    None
                };
                Ok((None, note))
            }),
        }
    }
}

fn parse_id(value: &str) -> Result<i64> {
    Ok(dc::parse_event_id("ID", value, &[INCIDENT])?.1)
}

fn one(id: i64) -> Filter {
    Filter {
        id: Some(id),
        ..Filter::default()
    }
}

/// Sets where the incident happened: a system or a device, never both.
fn subject(tx: &Tx<'_>, i: &mut Stored, system: Option<&str>, asset: Option<&str>) -> Result<()> {
    match (system, asset) {
        (Some(s), _) => {
            i.system_id = Some(reg::system_id(tx.conn(), "--system", s)?);
            i.asset_id = None;
        }
        (None, Some(a)) => {
            i.asset_id = Some(st::asset_id(tx.conn(), a)?);
            i.system_id = None;
        }
        (None, None) => {}
    }
    Ok(())
}

/// Applies the shared fields as given: an empty value clears an optional one.
fn apply(tx: &Tx<'_>, i: &mut Stored, more: &More) -> Result<()> {
    if let Some(c) = &more.contained {
        i.contained = optional_time("--contained", c)?;
    }
    if let Some(r) = &more.resolved {
        i.resolved = optional_time("--resolved", r)?;
    }
    if let Some(p) = &more.person {
        i.person_id = match clean(p) {
            Some(p) => Some(reg::person_id(tx.conn(), "--person", &p, None)?),
            None => None,
        };
    }
    if let Some(n) = &more.note {
        i.note = clean(n);
    }
    if let Some(m) = &more.remedy {
        i.remedy = clean(m);
    }
    i.cleaned |= more.cleaned;
    Ok(())
}

fn optional_time(field: &str, value: &str) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    parse_instant(field, value).map(Some)
}

/// The system's name or the device's tag, for messages.
fn described(tx: &Tx<'_>, i: &Stored) -> Result<String> {
    let conn = tx.conn();
    Ok(match (i.system_id, i.asset_id) {
        (Some(s), _) => {
            conn.query_row("SELECT name FROM system WHERE id = ?1", [s], |r| r.get(0))?
        }
        (None, Some(a)) => {
            conn.query_row("SELECT tag FROM asset WHERE id = ?1", [a], |r| r.get(0))?
        }
        (None, None) => String::new(),
    })
}
