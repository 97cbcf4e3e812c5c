//! Backups (BAK-1..BAK-3): policies, runs, restore drills, the facts the
//! check judges, and the register's own online copy.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::audit::{BACKUP_DRILL, BACKUP_POLICY, BACKUP_RUN};
use super::migrate::{APPLICATION_ID, SCHEMA_VERSION};
use super::{Tx, opt_text, registry};
use crate::domain::backup::import::{Parsed, Run};
use crate::domain::backup::{self as dom, Facts, Partial, Policy};
use crate::domain::findings::Finding;
use crate::domain::time::{Interval, format_instant, read_instant};
use crate::rows::{Rows, Value};

/// A change to a policy: for each limit, `None` keeps it, `Some(None)`
/// clears it, `Some(Some(i))` sets it.
#[derive(Debug, Default, Clone, Copy)]
pub struct PolicyChange {
    pub full: Option<Option<Interval>>,
    pub diff: Option<Option<Interval>>,
    pub log: Option<Option<Interval>>,
    pub offsite: Option<Option<Interval>>,
    pub drill: Option<Option<Interval>>,
    pub retain_full: Option<Option<Interval>>,
    pub grace: Option<Option<Interval>>,
}

impl PolicyChange {
    pub fn is_empty(&self) -> bool {
        [
            self.full,
            self.diff,
            self.log,
            self.offsite,
            self.drill,
            self.retain_full,
            self.grace,
        ]
        .iter()
        .all(Option::is_none)
    }

    fn apply(&self, p: &mut Policy) {
        let set = |field: &mut Option<Interval>, change: Option<Option<Interval>>| {
            if let Some(c) = change {
                *field = c;
            }
        };
        set(&mut p.full, self.full);
        set(&mut p.diff, self.diff);
        set(&mut p.log, self.log);
        set(&mut p.offsite, self.offsite);
        set(&mut p.drill, self.drill);
        set(&mut p.retain_full, self.retain_full);
        set(&mut p.grace, self.grace);
    }
}

fn limit(stored: Option<String>) -> Result<Option<Interval>> {
    stored
        .map(|s| {
            Interval::parse("limit", &s)
                .with_context(|| format!("the register holds a malformed backup limit {s:?}"))
        })
        .transpose()
}

fn text(i: Option<Interval>) -> Option<String> {
    i.map(|i| i.to_string())
}

fn read_policy(r: &rusqlite::Row<'_>, first: usize) -> Result<Policy> {
    Ok(Policy {
        full: limit(r.get(first)?)?,
        diff: limit(r.get(first + 1)?)?,
        log: limit(r.get(first + 2)?)?,
        offsite: limit(r.get(first + 3)?)?,
        drill: limit(r.get(first + 4)?)?,
        retain_full: limit(r.get(first + 5)?)?,
        grace: limit(r.get(first + 6)?)?,
    })
}

const POLICY_FIELDS: &str = "full, diff, log, offsite, drill, retain_full, grace";

pub fn policy(conn: &Connection, system: i64) -> Result<Option<Policy>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {POLICY_FIELDS} FROM backup_policy WHERE system_id = ?1"
    ))?;
    let mut q = stmt.query([system]).context("reading a backup policy")?;
    match q.next()? {
        Some(r) => Ok(Some(read_policy(r, 0)?)),
        None => Ok(None),
    }
}

/// Creates or changes a system's policy; limits not named keep their value.
pub fn set_policy(tx: &mut Tx<'_>, system: i64, change: &PolicyChange, at: &str) -> Result<()> {
    let existing = policy(tx.conn(), system)?;
    let mut p = existing.unwrap_or_default();
    change.apply(&mut p);
    let values = params![
        system,
        text(p.full),
        text(p.diff),
        text(p.log),
        text(p.offsite),
        text(p.drill),
        text(p.retain_full),
        text(p.grace),
        at
    ];
    if existing.is_some() {
        tx.update(
            BACKUP_POLICY,
            "UPDATE backup_policy SET full = ?2, diff = ?3, log = ?4, offsite = ?5, drill = ?6,
                    retain_full = ?7, grace = ?8, updated_at = ?9
             WHERE system_id = ?1 RETURNING *",
            values,
        )?;
    } else {
        tx.insert(
            BACKUP_POLICY,
            "INSERT INTO backup_policy (system_id, full, diff, log, offsite, drill, retain_full, grace, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            values,
        )?;
    }
    Ok(())
}

pub const POLICY_COLUMNS: &[&str] = &[
    "system",
    "full",
    "diff",
    "log",
    "offsite",
    "drill",
    "retain_full",
    "grace",
    "updated",
];

/// Policies, by system name; `system` limits the list to one.
pub fn list_policies(conn: &Connection, system: Option<i64>) -> Result<Rows> {
    let mut rows = Rows::new(POLICY_COLUMNS);
    let mut stmt = conn.prepare(
        "SELECT s.name, p.full, p.diff, p.log, p.offsite, p.drill, p.retain_full, p.grace, p.updated_at
         FROM backup_policy p JOIN system s ON s.id = p.system_id
         WHERE ?1 IS NULL OR s.id = ?1 ORDER BY s.name",
    )?;
    let mut q = stmt.query([system])?;
    while let Some(r) = q.next()? {
        let mut row = vec![Value::Text(r.get(0)?)];
        for i in 1..9 {
            row.push(opt_text(r, i)?.into());
        }
        rows.push(row);
    }
    Ok(rows)
}

/// A run to record, with where it belongs.
pub struct NewRun<'a> {
    pub system: i64,
    pub location: &'a str,
    pub run: &'a Run,
    /// `None` for a run recorded by hand without the tool's id.
    pub backup_id: Option<&'a str>,
}

pub fn insert_run(tx: &mut Tx<'_>, new: &NewRun<'_>, recorded_at: &str) -> Result<i64> {
    let r = new.run;
    tx.insert(
        BACKUP_RUN,
        "INSERT INTO backup_run (system_id, kind, started, finished, location, bytes, checksum,
                                 tool, backup_id, status, note, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            new.system,
            r.kind.as_str(),
            r.started.map(format_instant),
            format_instant(r.finished),
            new.location,
            r.bytes,
            r.checksum,
            r.tool,
            new.backup_id,
            if r.success { "success" } else { "failed" },
            r.note,
            recorded_at
        ],
    )
}

/// The run already recorded under a tool's id: its id and system's name.
pub fn find_run(conn: &Connection, tool: &str, backup_id: &str) -> Result<Option<(i64, String)>> {
    conn.prepare_cached(
        "SELECT r.id, s.name FROM backup_run r JOIN system s ON s.id = r.system_id
         WHERE r.tool = ?1 AND r.backup_id = ?2",
    )?
    .query_row(params![tool, backup_id], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()
    .context("looking up a backup run")
}

#[derive(Debug, Default)]
pub struct ImportSummary {
    pub added: usize,
    pub failed: usize,
    pub already: usize,
}

/// Records every run of a parsed input not yet recorded. A run already
/// recorded for the same system is skipped (a re-import adds nothing); one
/// recorded for another system is refused, since the same backup cannot be
/// two systems'.
pub fn import(
    tx: &mut Tx<'_>,
    parsed: &Parsed,
    file: &str,
    system: Option<i64>,
    location: &str,
    recorded_at: &str,
) -> Result<ImportSummary> {
    let mut summary = ImportSummary::default();
    let mut systems: HashMap<String, (i64, String)> = HashMap::new();
    for run in &parsed.runs {
        let (system_id, system_name) = match (&run.system, system) {
            (Some(name), _) => {
                if let Some(found) = systems.get(name) {
                    found.clone()
                } else {
                    let field = format!("{file}: {}, column system", run.origin);
                    let id = registry::system_id(tx.conn(), &field, name)?;
                    systems.insert(name.clone(), (id, name.clone()));
                    (id, name.clone())
                }
            }
            (None, Some(id)) => (id, String::new()),
            (None, None) => bail!(
                "{file}: {}: the row names no system; add a system column or pass --system",
                run.origin
            ),
        };
        if let Some((_, other)) = find_run(tx.conn(), &run.tool, &run.backup_id)? {
            let this = if system_name.is_empty() {
                registry_name(tx.conn(), system_id)?
            } else {
                system_name
            };
            if other != this {
                bail!(
                    "{file}: {}: {} backup {} is already recorded for system {other}, not {this}",
                    run.origin,
                    run.tool,
                    run.backup_id
                );
            }
            summary.already += 1;
            continue;
        }
        let new = NewRun {
            system: system_id,
            location: run.location.unwrap_or(location),
            run,
            backup_id: Some(&run.backup_id),
        };
        insert_run(tx, &new, recorded_at)?;
        summary.added += 1;
        if !run.success {
            summary.failed += 1;
        }
    }
    Ok(summary)
}

fn registry_name(conn: &Connection, system: i64) -> Result<String> {
    conn.query_row("SELECT name FROM system WHERE id = ?1", [system], |r| {
        r.get(0)
    })
    .context("looking up an information system")
}

pub struct NewDrill<'a> {
    pub system: i64,
    pub at: DateTime<Utc>,
    pub pass: bool,
    pub restored_to: Option<&'a str>,
    pub note: &'a str,
}

pub fn add_drill(tx: &mut Tx<'_>, d: &NewDrill<'_>, recorded_at: &str) -> Result<i64> {
    tx.insert(
        BACKUP_DRILL,
        "INSERT INTO backup_drill (system_id, at, result, restored_to, note, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            d.system,
            format_instant(d.at),
            if d.pass { "pass" } else { "fail" },
            d.restored_to,
            d.note,
            recorded_at
        ],
    )
}

pub const DRILL_COLUMNS: &[&str] = &["system", "at", "result", "restored_to", "note"];

pub fn drill_row(conn: &Connection, id: i64) -> Result<Rows> {
    let mut rows = Rows::new(DRILL_COLUMNS);
    conn.query_row(
        "SELECT s.name, d.at, d.result, d.restored_to, d.note
         FROM backup_drill d JOIN system s ON s.id = d.system_id WHERE d.id = ?1",
        [id],
        |r| {
            rows.push(vec![
                Value::Text(r.get(0)?),
                Value::Text(r.get(1)?),
                Value::Text(r.get(2)?),
                opt_text(r, 3)?.into(),
                Value::Text(r.get(4)?),
            ]);
            Ok(())
        },
    )
    .context("reading a restore drill")?;
    Ok(rows)
}

pub const RUN_COLUMNS: &[&str] = &[
    "system",
    "kind",
    "started",
    "finished",
    "location",
    "bytes",
    "checksum",
    "tool",
    "backup_id",
    "status",
    "note",
];

#[derive(Debug, Default)]
pub struct RunFilter {
    pub system: Option<i64>,
    pub id: Option<i64>,
    pub kind: Option<String>,
    pub since: Option<String>,
    pub failed_only: bool,
}

/// Runs, oldest first, streamed to `emit`.
pub fn runs(
    conn: &Connection,
    f: &RunFilter,
    emit: &mut dyn FnMut(&[Value]) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT s.name, r.kind, r.started, r.finished, r.location, r.bytes, r.checksum, r.tool,
                r.backup_id, r.status, r.note
         FROM backup_run r JOIN system s ON s.id = r.system_id
         WHERE (?1 IS NULL OR r.system_id = ?1) AND (?2 IS NULL OR r.id = ?2)
           AND (?3 IS NULL OR r.kind = ?3) AND (?4 IS NULL OR r.finished >= ?4)
           AND (?5 = 0 OR r.status = 'failed')
         ORDER BY r.finished, r.id",
    )?;
    let mut q = stmt.query(params![f.system, f.id, f.kind, f.since, f.failed_only])?;
    while let Some(r) = q.next().context("reading backup runs")? {
        emit(&[
            Value::Text(r.get(0)?),
            Value::Text(r.get(1)?),
            opt_text(r, 2)?.into(),
            Value::Text(r.get(3)?),
            Value::Text(r.get(4)?),
            r.get::<_, Option<i64>>(5)?.into(),
            opt_text(r, 6)?.into(),
            Value::Text(r.get(7)?),
            opt_text(r, 8)?.into(),
            Value::Text(r.get(9)?),
            opt_text(r, 10)?.into(),
        ])?;
    }
    Ok(())
}

pub fn run_row(conn: &Connection, id: i64) -> Result<Rows> {
    let mut rows = Rows::new(RUN_COLUMNS);
    runs(
        conn,
        &RunFilter {
            id: Some(id),
            ..RunFilter::default()
        },
        &mut |r| {
            rows.push(r.to_vec());
            Ok(())
        },
    )?;
    Ok(rows)
}

/// The newest and oldest successful runs of every in-service system (or of
/// the one named, whatever its stage), finished at or before `now`. Each
/// subquery is one seek in a partial index on successful runs, so the cost
/// grows with the number of systems, not of runs.
pub fn facts(
    conn: &Connection,
    now: DateTime<Utc>,
    system: Option<i64>,
    default_grace: Option<Interval>,
) -> Result<Vec<Facts>> {
    let newest = |kind: &str| {
        format!(
            "(SELECT max(finished) FROM backup_run WHERE system_id = s.id AND kind = '{kind}' AND status = 'success' AND finished <= ?1),
             (SELECT coalesce(started, finished) FROM backup_run WHERE system_id = s.id AND kind = '{kind}' AND status = 'success' AND finished <= ?1 ORDER BY finished DESC LIMIT 1)"
        )
    };
    let sql = format!(
        "SELECT s.name, p.id IS NOT NULL, p.full, p.diff, p.log, p.offsite, p.drill, p.retain_full, p.grace,
            (SELECT max(finished) FROM backup_run WHERE system_id = s.id AND kind = 'full' AND status = 'success' AND finished <= ?1),
            (SELECT min(finished) FROM backup_run WHERE system_id = s.id AND kind = 'full' AND status = 'success' AND finished <= ?1),
            {}, {}, {},
            (SELECT max(finished) FROM backup_run WHERE system_id = s.id AND location = 'offsite' AND status = 'success' AND finished <= ?1),
            (SELECT max(at) FROM backup_drill WHERE system_id = s.id AND result = 'pass' AND at <= ?1),
            (SELECT max(at) FROM backup_drill WHERE system_id = s.id AND result = 'fail' AND at <= ?1)
         FROM system s LEFT JOIN backup_policy p ON p.system_id = s.id
         WHERE (?2 IS NULL AND s.stage = 'in-service') OR s.id = ?2
         ORDER BY s.name",
        newest("diff"),
        newest("incr"),
        newest("log")
    );
    let mut stmt = conn.prepare(&sql).context("preparing the backup check")?;
    let mut q = stmt
        .query(params![format_instant(now), system])
        .context("running the backup check")?;
    let t = |r: &rusqlite::Row<'_>, i: usize| -> Result<Option<DateTime<Utc>>> {
        r.get::<_, Option<String>>(i)?
            .map(|s| read_instant(&s))
            .transpose()
    };
    let partial = |r: &rusqlite::Row<'_>, i: usize| -> Result<Option<Partial>> {
        Ok(match (t(r, i)?, t(r, i + 1)?) {
            (Some(finished), Some(base_before)) => Some(Partial {
                finished,
                base_before,
            }),
            _ => None,
        })
    };
    let mut out = Vec::new();
    while let Some(r) = q.next().context("running the backup check")? {
        let has_policy: bool = r.get(1)?;
        let policy = if has_policy {
            let mut p = read_policy(r, 2)?;
            p.grace = p.grace.or(default_grace);
            Some(p)
        } else {
            None
        };
        out.push(Facts {
            system: r.get(0)?,
            policy,
            newest_full: t(r, 9)?,
            oldest_full: t(r, 10)?,
            newest_diff: partial(r, 11)?,
            newest_incr: partial(r, 13)?,
            newest_log: partial(r, 15)?,
            newest_offsite: t(r, 17)?,
            newest_passed_drill: t(r, 18)?,
            newest_failed_drill: t(r, 19)?,
        });
    }
    Ok(out)
}

/// BAK-1..BAK-3: every finding of every system's backups as of `now`.
pub fn check(
    conn: &Connection,
    now: DateTime<Utc>,
    system: Option<i64>,
    default_grace: Option<Interval>,
) -> Result<Vec<Finding>> {
    Ok(facts(conn, now, system, default_grace)?
        .iter()
        .flat_map(|f| dom::findings(f, now))
        .collect())
}

pub const STATUS_COLUMNS: &[&str] = &["system", "item", "newest", "age", "limit", "state"];

/// `backup status`: per system, one line per aspect with its newest
/// instance, age, limit and state ("-" where no limit is set).
pub fn status(
    conn: &Connection,
    now: DateTime<Utc>,
    system: Option<i64>,
    default_grace: Option<Interval>,
) -> Result<Rows> {
    let mut rows = Rows::new(STATUS_COLUMNS);
    for f in facts(conn, now, system, default_grace)? {
        for item in dom::evaluate(&f, now) {
            let limit = match (item.limit, f.policy.and_then(|p| p.grace)) {
                (Some(l), Some(g)) if item.what != "retention" => format!("{l} + {g}"),
                (Some(l), _) => l.to_string(),
                (None, _) => String::new(),
            };
            let (newest, age) = match item.newest {
                Some(t) => (
                    Value::Text(format_instant(t)),
                    Value::Text(dom::format_age((now - t).num_seconds())),
                ),
                None if item.what == "policy" => (Value::Null, Value::Null),
                None => (Value::Text("never".into()), Value::Null),
            };
            let state = match item.state {
                Some(s) => s.as_str(),
                None => "-",
            };
            rows.push(vec![
                f.system.clone().into(),
                item.what.into(),
                newest,
                age,
                if limit.is_empty() {
                    Value::Null
                } else {
                    limit.into()
                },
                state.into(),
            ]);
        }
    }
    Ok(rows)
}

/// The owner the built-in system `infogov-register` gets if it must be
/// created: `owner` if given, else the department of the IT office (the
/// people with the office role, if they are all in one department).
/// `None` when the system exists already. Asked before copying, so that a
/// register that cannot say who owns it fails before any file is written.
pub fn register_owner(conn: &Connection, owner: Option<i64>) -> Result<Option<i64>> {
    if find_register_system(conn)?.is_some() {
        return Ok(None);
    }
    if owner.is_some() {
        return Ok(owner);
    }
    let depts: Vec<i64> = conn
        .prepare("SELECT DISTINCT dept_id FROM person WHERE role = 'office'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()
        .context("looking for the IT office")?;
    match depts.as_slice() {
        [one] => Ok(Some(*one)),
        _ => bail!(
            "--owner-dept: the built-in system {} does not exist yet and the IT office's department cannot be told (people with the office role are in {} departments); name the department that owns the register, e.g. --owner-dept 信息科, or set backup.register_owner_dept in the config",
            dom::REGISTER_SYSTEM,
            depts.len()
        ),
    }
}

fn find_register_system(conn: &Connection) -> Result<Option<i64>> {
    conn.query_row(
        "SELECT id FROM system WHERE name = ?1",
        [dom::REGISTER_SYSTEM],
        |r| r.get(0),
    )
    .optional()
    .context("looking up the built-in system")
}

/// The built-in system the register's own backups are recorded against,
/// created on first use with the owner from [`register_owner`]. Returns its
/// id and whether it was created.
pub fn register_system(tx: &mut Tx<'_>, owner: Option<i64>, at: &str) -> Result<(i64, bool)> {
    if let Some(id) = find_register_system(tx.conn())? {
        return Ok((id, false));
    }
    let Some(owner) = owner else {
        bail!(
            "--owner-dept: name the department that owns the built-in system {}",
            dom::REGISTER_SYSTEM
        );
    };
    let id = registry::add_system(
        tx,
        dom::REGISTER_SYSTEM,
        owner,
        Some("the infogov register itself (backed up by `infogov backup self`)"),
        "in-service",
        at,
    )?;
    // A starting policy, so the check watches the register's own backups from
    // the first one: a full copy at least daily. The officer may change it
    // like any other (`backup policy infogov-register ...`).
    let daily = PolicyChange {
        full: Some(Some(Interval::Seconds(86_400))),
        grace: Some(Some(Interval::Seconds(2 * 3600))),
        ..PolicyChange::default()
    };
    set_policy(tx, id, &daily, at)?;
    Ok((id, true))
}

/// Copies the live register to `dest` with SQLite's online backup API: one
/// step over all pages inside one read transaction, so the copy is a
/// consistent snapshot even while another process writes (WAL lets that
/// writer go on). The copy is then switched to a rollback journal, so that
/// it is one self-contained file.
pub fn copy_register(src: &Connection, dest: &Path) -> Result<()> {
    create_private(dest)?;
    let mut out = Connection::open(dest)
        .with_context(|| format!("--to: cannot create {}", dest.display()))?;
    {
        let backup = rusqlite::backup::Backup::new(src, &mut out)
            .context("starting the online backup of the register")?;
        let mut tries = 0;
        loop {
            use rusqlite::backup::StepResult;
            match backup.step(-1).context("copying the register")? {
                StepResult::Done => break,
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked => {
                    tries += 1;
                    if tries > 300 {
                        bail!("copying the register: it stayed locked for 30 seconds");
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
                _ => {}
            }
        }
    }
    let mode: String = out
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .context("making the copy self-contained")?;
    if !mode.eq_ignore_ascii_case("delete") {
        bail!("making the copy self-contained: journal mode stayed {mode}");
    }
    out.close()
        .map_err(|(_, e)| e)
        .context("closing the copy")?;
    Ok(())
}

#[cfg(unix)]
fn create_private(path: &Path) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("--to: cannot create {}", path.display()))?;
    Ok(())
}

#[cfg(not(unix))]
fn create_private(path: &Path) -> Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("--to: cannot create {}", path.display()))?;
    Ok(())
}

/// The SHA-256 of a file, in hex.
pub fn sha256_file(path: &Path) -> Result<String> {
    let mut f =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f
            .read(&mut buf)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// What verifying a copy found.
#[derive(Debug)]
pub struct CopyReport {
    pub bytes: u64,
    pub sha256: String,
    pub schema_version: i64,
    pub audit_entries: i64,
    pub newest_change: Option<String>,
    pub systems: i64,
    pub assets: i64,
}

/// Proves a copy restorable without touching the live register: it opens
/// read-only, is an infogov register this binary understands, passes
/// `PRAGMA integrity_check`, and its audit trail verifies (every audited row
/// as the trail says). The first problem is the error.
pub fn verify_copy(path: &Path, field: &str) -> Result<CopyReport> {
    let shown = path.display();
    let meta = std::fs::metadata(path).with_context(|| format!("{field}: cannot read {shown}"))?;
    if !meta.is_file() {
        bail!("{field}: {shown} is not a file");
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("{field}: cannot open {shown}"))?;
    let not_register = || format!("{field}: {shown} is not an infogov register");
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .with_context(not_register)?;
    if app != APPLICATION_ID {
        bail!("{}", not_register());
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        bail!(
            "{field}: {shown} has schema version {version}, newer than this infogov understands ({SCHEMA_VERSION})"
        );
    }
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()
        .with_context(|| format!("{field}: {shown}: integrity_check could not run"))?;
    if problems.first().map(String::as_str) != Some("ok") {
        bail!(
            "{field}: {shown} is damaged: integrity_check found {} problem(s), first: {}",
            problems.len(),
            problems.first().map(String::as_str).unwrap_or("")
        );
    }
    let audit = super::audit::verify(&conn, &super::audit::Trust::default())
        .with_context(|| format!("{field}: {shown}: the audit trail could not be read"))?;
    if let Some(first) = audit.first() {
        bail!(
            "{field}: {shown}: the audit trail does not verify ({} problem(s)); first: {} {}",
            audit.len(),
            first.subject,
            first.message
        );
    }
    let (entries, newest): (i64, Option<String>) =
        conn.query_row("SELECT count(*), max(at) FROM audit_log", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let systems: i64 = conn.query_row("SELECT count(*) FROM system", [], |r| r.get(0))?;
    let assets: i64 = conn.query_row("SELECT count(*) FROM asset", [], |r| r.get(0))?;
    drop(stmt);
    conn.close()
        .map_err(|(_, e)| e)
        .context("closing the copy")?;
    Ok(CopyReport {
        bytes: meta.len(),
        sha256: sha256_file(path)?,
        schema_version: version,
        audit_entries: entries,
        newest_change: newest,
        systems,
        assets,
    })
}
