//! Backups (BAK-1..BAK-3): policies, runs, restore drills, the facts the
//! check judges, and the register's own online copy.

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

mod copy;
pub use copy::{CopyReport, copy_register, sha256_file, verify_copy};

use super::audit::{
    BACKUP_DRILL, BACKUP_DRILL_POINT, BACKUP_OBJECTIVE, BACKUP_POLICY, BACKUP_RUN, BACKUP_RUN_CHAIN,
};
use super::{Tx, opt_text, registry};
use crate::domain::backup::chain::{self, ChainRun};
use crate::domain::backup::import::{Links, Parsed, Run};
use crate::domain::backup::{self as dom, Facts, Partial, Policy};
use crate::domain::backup::{Kind, LOCATIONS};
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
    pub rpo: Option<Option<Interval>>,
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
            self.rpo,
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
        set(&mut p.rpo, self.rpo);
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
        rpo: None,
    })
}

const POLICY_FIELDS: &str = "full, diff, log, offsite, drill, retain_full, grace";

pub fn policy(conn: &Connection, system: i64) -> Result<Option<Policy>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {POLICY_FIELDS}, (SELECT rpo FROM backup_objective o WHERE o.system_id = ?1)
         FROM backup_policy WHERE system_id = ?1"
    ))?;
    let mut q = stmt.query([system]).context("reading a backup policy")?;
    match q.next()? {
        Some(r) => {
            let mut p = read_policy(r, 0)?;
            p.rpo = limit(r.get(7)?)?;
            Ok(Some(p))
        }
        None => Ok(None),
    }
}

/// Sets the recovery point objective, kept beside the policy.
fn set_objective(tx: &mut Tx<'_>, system: i64, rpo: Option<Interval>, at: &str) -> Result<()> {
    let exists: bool = tx
        .conn()
        .query_row(
            "SELECT count(*) FROM backup_objective WHERE system_id = ?1",
            [system],
            |r| r.get(0),
        )
        .context("reading a recovery point objective")?;
    if exists {
        tx.update(
            BACKUP_OBJECTIVE,
            "UPDATE backup_objective SET rpo = ?2, updated_at = ?3 WHERE system_id = ?1 RETURNING *",
            params![system, text(rpo), at],
        )?;
    } else {
        tx.insert(
            BACKUP_OBJECTIVE,
            "INSERT INTO backup_objective (system_id, rpo, updated_at) VALUES (?1, ?2, ?3)",
            params![system, text(rpo), at],
        )?;
    }
    Ok(())
}

/// Creates or changes a system's policy; limits not named keep their value.
pub fn set_policy(tx: &mut Tx<'_>, system: i64, change: &PolicyChange, at: &str) -> Result<()> {
    let existing = policy(tx.conn(), system)?;
    let mut p = existing.unwrap_or_default();
    change.apply(&mut p);
    if change.rpo.is_some() {
        set_objective(tx, system, p.rpo, at)?;
    }
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
    "rpo",
];

/// Policies, by system name; `system` limits the list to one.
pub fn list_policies(conn: &Connection, system: Option<i64>) -> Result<Rows> {
    let mut rows = Rows::new(POLICY_COLUMNS);
    let mut stmt = conn.prepare(
        "SELECT s.name, p.full, p.diff, p.log, p.offsite, p.drill, p.retain_full, p.grace, p.updated_at, o.rpo
         FROM backup_policy p JOIN system s ON s.id = p.system_id
         LEFT JOIN backup_objective o ON o.system_id = p.system_id
         WHERE ?1 IS NULL OR s.id = ?1 ORDER BY s.name COLLATE pinyin",
    )?;
    let mut q = stmt.query([system])?;
    while let Some(r) = q.next()? {
        let mut row = vec![Value::Text(r.get(0)?)];
        for i in 1..10 {
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
    .and_then(|id| {
        insert_links(tx, id, &r.links)?;
        Ok(id)
    })
}

fn lsn_text(v: Option<u128>) -> Option<String> {
    v.map(|n| n.to_string())
}

/// Records a run's place in its chain, when the tool said anything of it.
fn insert_links(tx: &mut Tx<'_>, run: i64, l: &Links) -> Result<()> {
    if l.is_empty() {
        return Ok(());
    }
    tx.insert(
        BACKUP_RUN_CHAIN,
        "INSERT INTO backup_run_chain (run_id, first_lsn, last_lsn, checkpoint_lsn, base_lsn, copy_only,
                                       prior, wal_start, wal_stop, unrestorable, copied_bytes, repo_bytes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            run,
            lsn_text(l.first_lsn),
            lsn_text(l.last_lsn),
            lsn_text(l.checkpoint_lsn),
            lsn_text(l.base_lsn),
            l.copy_only,
            l.prior,
            l.wal_start,
            l.wal_stop,
            l.unrestorable,
            l.copied_bytes,
            l.repo_bytes
        ],
    )?;
    Ok(())
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
    /// Runs already recorded that this input completed (e.g. the sizes and
    /// end time `borg info` gives to an archive first read from `borg list`).
    pub enriched: usize,
}

/// Completes a recorded run with what a later listing of the same backup
/// adds: a size it lacked, the end of a run recorded with only its start,
/// chain links it lacked. Returns whether anything changed.
fn enrich(tx: &mut Tx<'_>, id: i64, run: &Run) -> Result<bool> {
    let (started, finished, bytes): (Option<String>, String, Option<i64>) = tx.conn().query_row(
        "SELECT started, finished, bytes FROM backup_run WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let new_finished = format_instant(run.finished);
    let end_unknown = started.as_deref() == Some(finished.as_str());
    let better_end = end_unknown
        && new_finished > finished
        && run.started.map(format_instant).as_deref() == started.as_deref();
    let better_bytes = bytes.is_none() && run.bytes.is_some();
    let mut changed = false;
    if better_end || better_bytes {
        tx.update(
            BACKUP_RUN,
            "UPDATE backup_run SET bytes = coalesce(bytes, ?2), finished = ?3 WHERE id = ?1 RETURNING *",
            params![
                id,
                run.bytes,
                if better_end { new_finished } else { finished }
            ],
        )?;
        changed = true;
    }
    let has_links: bool = tx.conn().query_row(
        "SELECT count(*) FROM backup_run_chain WHERE run_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if !has_links && !run.links.is_empty() {
        insert_links(tx, id, &run.links)?;
        changed = true;
    }
    Ok(changed)
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
        if let Some((found, other)) = find_run(tx.conn(), &run.tool, &run.backup_id)? {
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
            if enrich(tx, found, run)? {
                summary.enriched += 1;
            }
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
    /// The run restored (the restore point).
    pub point: Option<i64>,
}

pub fn add_drill(tx: &mut Tx<'_>, d: &NewDrill<'_>, recorded_at: &str) -> Result<i64> {
    let id = tx.insert(
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
    )?;
    if let Some(run) = d.point {
        tx.insert(
            BACKUP_DRILL_POINT,
            "INSERT INTO backup_drill_point (drill_id, run_id) VALUES (?1, ?2)",
            params![id, run],
        )?;
    }
    Ok(id)
}

pub const DRILL_COLUMNS: &[&str] = &[
    "id",
    "system",
    "at",
    "result",
    "restored_to",
    "note",
    "void",
];

pub fn drill_row(conn: &Connection, id: i64) -> Result<Rows> {
    drills(conn, None, Some(id))
}

/// Restore drills, oldest first (of one system, or the one drill `id`),
/// voided ones marked.
pub fn drills(conn: &Connection, system: Option<i64>, id: Option<i64>) -> Result<Rows> {
    let mut rows = Rows::new(DRILL_COLUMNS);
    let mut stmt = conn.prepare(&format!(
        "SELECT d.id, s.name, d.at, d.result, d.restored_to, d.note, {}
         FROM backup_drill d JOIN system s ON s.id = d.system_id
         WHERE (?1 IS NULL OR d.system_id = ?1) AND (?2 IS NULL OR d.id = ?2)
         ORDER BY d.at, d.id",
        super::correction::void_note("backup_drill", "d")
    ))?;
    let mut q = stmt.query(params![system, id])?;
    while let Some(r) = q.next().context("reading restore drills")? {
        rows.push(vec![
            Value::Int(r.get(0)?),
            Value::Text(r.get(1)?),
            Value::Text(r.get(2)?),
            Value::Text(r.get(3)?),
            opt_text(r, 4)?.into(),
            Value::Text(r.get(5)?),
            opt_text(r, 6)?.into(),
        ]);
    }
    Ok(rows)
}

pub const RUN_COLUMNS: &[&str] = &[
    "id",
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
    "void",
];

#[derive(Debug, Default)]
pub struct RunFilter {
    pub system: Option<i64>,
    pub id: Option<i64>,
    pub kind: Option<String>,
    pub since: Option<String>,
    pub failed_only: bool,
    /// Add the chain columns ([`CHAIN_COLUMNS`]).
    pub chain: bool,
}

/// What `backup runs --chain` adds: what pgBackRest copied and stores beside
/// the database size, and each run's place in its restore chain.
pub const CHAIN_COLUMNS: &[&str] = &[
    "copied_bytes",
    "repo_bytes",
    "first_lsn",
    "last_lsn",
    "checkpoint_lsn",
    "base_lsn",
    "copy_only",
    "prior",
    "wal_start",
    "wal_stop",
];

/// Runs, oldest first, streamed to `emit`.
pub fn runs(
    conn: &Connection,
    f: &RunFilter,
    emit: &mut dyn FnMut(&[Value]) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "SELECT s.name, r.kind, r.started, r.finished, r.location, r.bytes, r.checksum, r.tool,
                r.backup_id, r.status, r.note, r.id, {}, c.copied_bytes, c.repo_bytes, c.first_lsn,
                c.last_lsn, c.checkpoint_lsn, c.base_lsn, c.copy_only, c.prior, c.wal_start, c.wal_stop
         FROM backup_run r JOIN system s ON s.id = r.system_id
         LEFT JOIN backup_run_chain c ON c.run_id = r.id
         WHERE (?1 IS NULL OR r.system_id = ?1) AND (?2 IS NULL OR r.id = ?2)
           AND (?3 IS NULL OR r.kind = ?3) AND (?4 IS NULL OR r.finished >= ?4)
           AND (?5 = 0 OR r.status = 'failed')
         ORDER BY r.finished, r.id",
        super::correction::void_note("backup_run", "r")
    ))?;
    let mut q = stmt.query(params![f.system, f.id, f.kind, f.since, f.failed_only])?;
    while let Some(r) = q.next().context("reading backup runs")? {
        let mut row = vec![
            Value::Int(r.get(11)?),
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
            opt_text(r, 12)?.into(),
        ];
        if f.chain {
            row.push(r.get::<_, Option<i64>>(13)?.into());
            row.push(r.get::<_, Option<i64>>(14)?.into());
            for i in 15..19 {
                row.push(opt_text(r, i)?.into());
            }
            row.push(r.get::<_, Option<bool>>(19)?.unwrap_or(false).into());
            for i in 20..23 {
                row.push(opt_text(r, i)?.into());
            }
        }
        emit(&row)?;
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
    // A voided run or drill never counts: each seek walks the index from
    // the newest down to the first one not voided.
    let live = super::correction::live("backup_run", "r");
    let live_drill = super::correction::live("backup_drill", "d");
    let newest = |kind: &str| {
        format!(
            "(SELECT finished FROM backup_run r WHERE system_id = s.id AND kind = '{kind}' AND status = 'success' AND finished <= ?1 AND {live} ORDER BY finished DESC LIMIT 1),
             (SELECT coalesce(started, finished) FROM backup_run r WHERE system_id = s.id AND kind = '{kind}' AND status = 'success' AND finished <= ?1 AND {live} ORDER BY finished DESC LIMIT 1)"
        )
    };
    let sql = format!(
        "SELECT s.name, p.id IS NOT NULL, p.full, p.diff, p.log, p.offsite, p.drill, p.retain_full, p.grace,
            (SELECT finished FROM backup_run r WHERE system_id = s.id AND kind = 'full' AND status = 'success' AND finished <= ?1 AND {live} ORDER BY finished DESC LIMIT 1),
            (SELECT finished FROM backup_run r WHERE system_id = s.id AND kind = 'full' AND status = 'success' AND finished <= ?1 AND {live} ORDER BY finished LIMIT 1),
            {}, {}, {},
            (SELECT finished FROM backup_run r WHERE system_id = s.id AND location = 'offsite' AND status = 'success' AND finished <= ?1 AND {live} ORDER BY finished DESC LIMIT 1),
            (SELECT at FROM backup_drill d WHERE system_id = s.id AND result = 'pass' AND at <= ?1 AND {live_drill} ORDER BY at DESC LIMIT 1),
            (SELECT at FROM backup_drill d WHERE system_id = s.id AND result = 'fail' AND at <= ?1 AND {live_drill} ORDER BY at DESC LIMIT 1),
            s.id, (SELECT rpo FROM backup_objective o WHERE o.system_id = s.id)
         FROM system s LEFT JOIN backup_policy p ON p.system_id = s.id
         WHERE (?2 IS NULL AND s.stage = 'in-service') OR s.id = ?2
         ORDER BY s.name COLLATE pinyin",
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
            p.rpo = limit(r.get(21)?)?;
            Some(p)
        } else {
            None
        };
        let id: i64 = r.get(20)?;
        let log_limit = policy.and_then(|p| p.log);
        let mut f = Facts {
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
            chains: Vec::new(),
            uncounted_drills: Vec::new(),
        };
        for location in LOCATIONS {
            // Only the runs since the newest full that can be a base matter
            // for the newest point (a differential is always taken against
            // the newest full), so the check reads a bounded window however
            // long the history; the oldest point is one more seek.
            let since = base_full(conn, id, location, None, now)?;
            let runs = chain_runs(conn, id, location, since.as_deref(), now)?;
            if !runs.is_empty() {
                let mut a = chain::assess(&runs, log_limit);
                if let Some(oldest) = oldest_full(conn, id, location, now)? {
                    a.oldest = Some(a.oldest.map_or(oldest, |o| o.min(oldest)));
                }
                f.chains.push((location.to_string(), a));
            }
        }
        let drills = passed_drills(conn, id, now)?;
        let mut settled = Vec::with_capacity(drills.len());
        for (at, point) in drills {
            let point = match point {
                Some((run, location, started, finished)) => {
                    // The point as of its own time: its base, and the runs
                    // up to it.
                    let since = base_full(conn, id, &location, Some(&started), now)?;
                    let until = read_instant(&finished)?.min(now);
                    let runs = chain_runs(conn, id, &location, since.as_deref(), until)?;
                    let a = chain::assess(&runs, log_limit);
                    let restorable = a.restorable.contains(&run);
                    Some((run, restorable))
                }
                None => None,
            };
            settled.push((at, point));
        }
        f.settle_drills(&settled);
        out.push(f);
    }
    Ok(out)
}

/// How a run is named in findings and by `backup drill --point`: the
/// tool's backup id, else `#ID`.
const RUN_NAME: &str = "coalesce(r.backup_id, '#' || r.id)";

fn lsn_of(stored: Option<String>) -> Result<Option<u128>> {
    stored
        .map(|s| {
            s.parse::<u128>()
                .with_context(|| format!("the register holds a malformed LSN {s:?}"))
        })
        .transpose()
}

/// The finish of the newest successful full at a location that can be a
/// base (not copy-only, not marked unrestorable), finished by `before` (a
/// stored time; default `now`).
fn base_full(
    conn: &Connection,
    system: i64,
    location: &str,
    before: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<String>> {
    let now = format_instant(now);
    let before = before.map_or(now.as_str(), |b| b.min(now.as_str()));
    conn.prepare_cached(
        "SELECT r.finished FROM backup_run r LEFT JOIN backup_run_chain c ON c.run_id = r.id
         WHERE r.system_id = ?1 AND r.kind = 'full' AND r.status = 'success' AND r.finished <= ?3
           AND r.location = ?2 AND coalesce(c.copy_only, 0) = 0 AND c.unrestorable IS NULL
         ORDER BY r.finished DESC LIMIT 1",
    )?
    .query_row(params![system, location, before], |r| r.get(0))
    .optional()
    .context("looking up the base of a restore chain")
}

/// The oldest restorable point of a location: its oldest full not marked
/// unrestorable (a full restores by itself).
fn oldest_full(
    conn: &Connection,
    system: i64,
    location: &str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    let t: Option<String> = conn
        .prepare_cached(
            "SELECT r.finished FROM backup_run r LEFT JOIN backup_run_chain c ON c.run_id = r.id
             WHERE r.system_id = ?1 AND r.kind = 'full' AND r.status = 'success' AND r.finished <= ?3
               AND r.location = ?2 AND c.unrestorable IS NULL
             ORDER BY r.finished LIMIT 1",
        )?
        .query_row(params![system, location, format_instant(now)], |r| r.get(0))
        .optional()
        .context("looking up the oldest restorable backup")?;
    t.map(|s| read_instant(&s)).transpose()
}

/// A system's successful runs at one location, finished by `now` (and not
/// before `since`), with their place in the chain.
fn chain_runs(
    conn: &Connection,
    system: i64,
    location: &str,
    since: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<ChainRun>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RUN_NAME}, r.backup_id, r.kind, r.started, r.finished, c.copy_only, c.first_lsn,
                c.last_lsn, c.checkpoint_lsn, c.base_lsn, c.prior, c.unrestorable
         FROM backup_run r LEFT JOIN backup_run_chain c ON c.run_id = r.id
         WHERE r.system_id = ?1 AND r.location = ?2 AND r.status = 'success' AND r.finished <= ?3
           AND r.finished >= coalesce(?4, '')
         ORDER BY r.finished, r.id"
    ))?;
    let mut q = stmt
        .query(params![system, location, format_instant(now), since])
        .context("reading the restore chains")?;
    let mut out = Vec::new();
    while let Some(r) = q.next().context("reading the restore chains")? {
        let kind: String = r.get(2)?;
        out.push(ChainRun {
            name: r.get(0)?,
            backup_id: r.get(1)?,
            kind: Some(Kind::parse("kind", &kind)?),
            started: r
                .get::<_, Option<String>>(3)?
                .map(|s| read_instant(&s))
                .transpose()?,
            finished: read_instant(&r.get::<_, String>(4)?)?,
            copy_only: r.get::<_, Option<bool>>(5)?.unwrap_or(false),
            first_lsn: lsn_of(r.get(6)?)?,
            last_lsn: lsn_of(r.get(7)?)?,
            checkpoint_lsn: lsn_of(r.get(8)?)?,
            base_lsn: lsn_of(r.get(9)?)?,
            prior: r.get(10)?,
            unrestorable: r.get(11)?,
        });
    }
    Ok(out)
}

/// A drill's restore point: the run's name, its location, the time its
/// base must precede (its start, else its finish) and its finish.
type DrillPoint = (String, String, String, String);

/// Passed drills by `now`: when, and the run each restored (if named).
fn passed_drills(
    conn: &Connection,
    system: i64,
    now: DateTime<Utc>,
) -> Result<Vec<(DateTime<Utc>, Option<DrillPoint>)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT d.at, r.id IS NOT NULL, {RUN_NAME}, r.location, coalesce(r.started, r.finished),
                r.finished
         FROM backup_drill d LEFT JOIN backup_drill_point p ON p.drill_id = d.id
         LEFT JOIN backup_run r ON r.id = p.run_id
         WHERE d.system_id = ?1 AND d.result = 'pass' AND d.at <= ?2"
    ))?;
    let mut q = stmt.query(params![system, format_instant(now)])?;
    let mut out = Vec::new();
    while let Some(r) = q.next().context("reading restore drills")? {
        let at = read_instant(&r.get::<_, String>(0)?)?;
        let point = if r.get::<_, bool>(1)? {
            Some((r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        } else {
            None
        };
        out.push((at, point));
    }
    Ok(out)
}

/// The run a drill names: by the tool's backup id (or `#ID`) among the
/// system's runs.
pub fn point_run(conn: &Connection, system: i64, field: &str, name: &str) -> Result<i64> {
    let name = name.trim();
    conn.prepare_cached(&format!(
        "SELECT r.id FROM backup_run r WHERE r.system_id = ?1 AND {RUN_NAME} = ?2"
    ))?
    .query_row(params![system, name], |r| r.get(0))
    .optional()?
    .with_context(|| {
        format!("{field}: {name:?} is not a recorded run of this system; give its backup id as `backup runs` shows it")
    })
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
                (Some(l), Some(g)) if item.what != "retention" && item.what != "restorable" => {
                    format!("{l} + {g}")
                }
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
