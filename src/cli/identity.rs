//! Who is acting (issue #16). When the OS user is a person's login, that
//! person is the actor: `--actor` naming anyone else is refused, and only an
//! administrator (the office role) records a step for another person, with
//! `--on-behalf-of P --on-behalf-evidence FILE`. When the OS user is nobody's login,
//! the actor is `--actor` (or the login name) as before logins existed.

use std::path::Path;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags};

use crate::config::Config;
use crate::store::audit::OnBehalf;
use crate::store::identity::{self as id, Registered};

/// The actor to record, and the on-behalf record if any.
pub struct Resolved {
    pub actor: String,
    pub on_behalf: Option<OnBehalf>,
}

/// Reads the register (read-only, without changing it) to find whose login
/// the OS user is. A register that is missing or unreadable maps nobody;
/// the command then fails, or not, on its own account.
fn lookup(db: &Path) -> Option<Connection> {
    if !db.is_file() {
        return None;
    }
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    conn.busy_timeout(std::time::Duration::from_secs(30)).ok()?;
    crate::store::register_sql(&conn).ok()?;
    // An older register has no logins yet.
    id::logins_in_use(&conn).ok()?;
    Some(conn)
}

fn names(p: &Registered, actor: &str) -> bool {
    let a = actor.trim();
    a == p.name || a == format!("{}@{}", p.name, p.dept) || a == p.qualified
}

pub fn resolve(
    config: &Config,
    db: Option<&Path>,
    os_user: &str,
    actor: Option<&str>,
    on_behalf_of: Option<&str>,
    evidence: Option<&Path>,
) -> Result<Resolved> {
    if let Some(a) = actor
        && a.trim().is_empty()
    {
        bail!("--actor: must not be empty");
    }
    let conn = db.and_then(lookup);
    let mine = match &conn {
        Some(c) => id::people_of_login(c, os_user).unwrap_or_default(),
        None => Vec::new(),
    };
    if mine.is_empty() {
        if on_behalf_of.is_some() {
            bail!(
                "--on-behalf-of: the OS user {os_user:?} is no registered person's login; only an administrator with a login (`person add ... --login`) records a step on behalf of another"
            );
        }
        return Ok(Resolved {
            actor: actor.map_or_else(|| os_user.to_string(), |a| a.trim().to_string()),
            on_behalf: None,
        });
    }
    let me = match actor {
        Some(a) => match mine.iter().find(|p| names(p, a)) {
            Some(p) => p.clone(),
            None => bail!(
                "--actor: the OS user {os_user:?} is {}; they may not act as {:?} (an administrator records a step for another person with --on-behalf-of PERSON --on-behalf-evidence FILE)",
                mine.iter()
                    .map(|p| p.qualified.as_str())
                    .collect::<Vec<_>>()
                    .join(" or "),
                a.trim()
            ),
        },
        None => match mine.as_slice() {
            [one] => one.clone(),
            many => bail!(
                "--actor: the OS user {os_user:?} is the login of {} registrations ({}); name the one acting with --actor",
                many.len(),
                many.iter()
                    .map(|p| p.qualified.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
    };
    let Some(other) = on_behalf_of else {
        if evidence.is_some() {
            bail!("--on-behalf-evidence: only with --on-behalf-of");
        }
        return Ok(Resolved {
            actor: me.qualified,
            on_behalf: None,
        });
    };
    if config.identity.as_deref() == Some("strict") {
        bail!(
            "--on-behalf-of: the config sets identity = \"strict\": every step is taken by the person logged in"
        );
    }
    if me.role != "office" {
        bail!(
            "--on-behalf-of: {} is {}; only an administrator (the office role) records a step on behalf of another",
            me.qualified,
            me.role
        );
    }
    let Some(evidence) = evidence else {
        bail!(
            "--on-behalf-evidence: a step recorded on behalf of {other} needs its evidence (the signed form or its scan)"
        );
    };
    let conn = conn.context("--on-behalf-of: the register cannot be read")?;
    let target = crate::store::registry::person_id(&conn, "--on-behalf-of", other, None)?;
    if id::same_human(&conn, target, me.id)? {
        bail!("--on-behalf-of: {other} is {} themselves", me.qualified);
    }
    let sha256 = crate::store::backup::sha256_file(evidence)
        .map_err(|e| anyhow::anyhow!("--on-behalf-evidence: {e}"))?;
    let target = id::registered_by_id(&conn, target)?;
    Ok(Resolved {
        actor: target.qualified.clone(),
        on_behalf: Some(OnBehalf {
            recorded_by: me.id,
            on_behalf_of: target.id,
            evidence_file: evidence.display().to_string(),
            evidence_sha256: sha256,
        }),
    })
}

/// Refuses a change of who may do what (a role, a login, a new person with
/// a role) unless an administrator makes it, once people carry logins; and
/// always refuses anyone granting a role to themselves.
pub fn authorise_role_change(
    conn: &Connection,
    who: &crate::store::Actor,
    what: &str,
    target: Option<i64>,
) -> Result<()> {
    let me = crate::store::registry::person_id(conn, "--actor", &who.actor, None).ok();
    if let (Some(me), Some(target)) = (me, target)
        && id::same_human(conn, me, target)?
    {
        bail!(
            "--actor: {} may not {what} themselves; another administrator does",
            who.actor
        );
    }
    if !id::logins_in_use(conn)? {
        return Ok(());
    }
    if who.on_behalf.is_some() {
        bail!("--on-behalf-of: {what} is never recorded on behalf of another");
    }
    let Some(me) = me else {
        bail!(
            "--actor: {:?} is no registered person; only an administrator (the office role) may {what}",
            who.actor
        );
    };
    let me = id::registered_by_id(conn, me)?;
    if me.role != "office" {
        bail!(
            "--actor: {} is {}; only an administrator (the office role) may {what}",
            me.qualified,
            me.role
        );
    }
    Ok(())
}
