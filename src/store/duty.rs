//! The SQL of recurring duties (DUT-1..DUT-5, OPS-1, OPS-2, OPS-4, SEC-1,
//! BAK-4 ...): adding and seeding duties, recording them done, password
//! changes per information system, the schedule of every duty at a date, and
//! the findings of the "duty" area. The schedule rules are in `domain::duty`.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::audit::{DUTY, DUTY_ASSET, DUTY_DONE};
use super::correction::{live, void_note};
use super::registry::{dept_id, person_id, system_id};
use super::{Tx, opt_text};
use crate::domain::duty::{
    self as dd, DEFAULTS, DeviceRole, Due, DueState, FirstDue, NO_REQUIREMENT, Per, evaluate,
    per_name,
};
use crate::domain::findings::{Finding, Severity};
use crate::domain::grading::{Period, Ruleset};
use crate::domain::time::{Interval, Quarter, parse_date};
use crate::rows::{Rows, Value};

/// Who answers for a duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Dept(i64),
    Person(i64),
}

/// What a duty covers. It narrows which maintenance records count towards it
/// (an asset kind, or assets of a department), and names the system of a
/// per-system duty (password rotation, self-inspection).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Kind(String),
    Dept(i64),
    System(i64),
    /// One device (a server's log review, a firewall's review), kept in
    /// `duty_asset` beside the duty.
    Asset(i64),
}

pub const SCOPE_FORMS: &str =
    "kind:KIND (an asset kind), dept:DEPT, system:SYSTEM or asset:TAG (one device)";

/// Reads `--owner`: `NAME@DEPT` is a person; otherwise a department (name or
/// code), else a person. A name that is both is refused.
pub fn resolve_owner(conn: &Connection, field: &str, value: &str) -> Result<Owner> {
    let v = value.trim();
    if v.contains('@') {
        return Ok(Owner::Person(person_id(conn, field, v, None)?));
    }
    let dept: Option<i64> = conn
        .prepare_cached("SELECT id FROM department WHERE name = ?1 OR code = ?1")?
        .query_row([v], |r| r.get(0))
        .optional()
        .context("looking up a department")?;
    let people: i64 = conn
        .prepare_cached("SELECT count(*) FROM person WHERE name = ?1")?
        .query_row([v], |r| r.get(0))
        .context("looking up a person")?;
    match (dept, people) {
        (Some(_), n) if n > 0 => bail!(
            "{field}: {value:?} is both a department and a person; write NAME@DEPT for the person"
        ),
        (Some(d), _) => Ok(Owner::Dept(d)),
        (None, 0) => bail!("{field}: no department or person {value:?}"),
        (None, _) => Ok(Owner::Person(person_id(conn, field, v, None)?)),
    }
}

/// Reads `--scope`: `kind:KIND`, `dept:DEPT` or `system:SYSTEM`, or a bare
/// name that is exactly one of a configured asset kind, a department or a system.
pub fn resolve_scope(
    conn: &Connection,
    field: &str,
    value: &str,
    kinds: &[String],
) -> Result<Scope> {
    let v = value.trim();
    let kind = |k: &str| -> Result<Scope> {
        if kinds.iter().any(|x| x == k) {
            Ok(Scope::Kind(k.to_string()))
        } else {
            bail!(
                "{field}: {k:?} is not an asset kind; expected one of {}",
                kinds.join(", ")
            )
        }
    };
    if let Some((prefix, rest)) = v.split_once(':') {
        let rest = rest.trim();
        match prefix.trim() {
            "kind" => return kind(rest),
            "dept" => return Ok(Scope::Dept(dept_id(conn, field, rest)?)),
            "system" => return Ok(Scope::System(system_id(conn, field, rest)?)),
            "asset" => {
                let a = super::asset::current(conn, rest)
                    .with_context(|| format!("{field}: {value:?}"))?;
                return Ok(Scope::Asset(a.id));
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    if kinds.iter().any(|k| k == v) {
        found.push(Scope::Kind(v.to_string()));
    }
    if let Ok(d) = dept_id(conn, field, v) {
        found.push(Scope::Dept(d));
    }
    if let Ok(s) = system_id(conn, field, v) {
        found.push(Scope::System(s));
    }
    match found.len() {
        0 => bail!(
            "{field}: {value:?} is not an asset kind, department or information system; expected {SCOPE_FORMS}"
        ),
        1 => Ok(found.remove(0)),
        _ => bail!(
            "{field}: {value:?} names more than one of an asset kind, a department and a system; write {SCOPE_FORMS}"
        ),
    }
}

/// A duty as stored, with the names it refers to.
#[derive(Debug, Clone)]
pub struct Duty {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    pub every: Interval,
    /// The requirement ID, or [`NO_REQUIREMENT`].
    pub requirement: &'static str,
    pub owner: Option<Owner>,
    pub owner_name: Option<String>,
    pub scope: Option<Scope>,
    /// `kind:desktop`, `dept:内科`, `system:HIS`.
    pub scope_label: Option<String>,
    /// The scope system is retired: its duties are no longer checked.
    pub system_retired: bool,
    /// The scope device is retired or disposed: its duties are no longer checked.
    pub device_retired: bool,
    pub counts: Option<String>,
    pub first_due: Option<NaiveDate>,
    pub created: NaiveDate,
    pub retired: Option<NaiveDate>,
    pub retired_reason: Option<String>,
}

fn stored_date(field: &str, v: &str) -> Result<NaiveDate> {
    parse_date(field, v).context("the register holds a malformed date")
}

const SELECT_DUTY: &str = "
    SELECT d.id, d.name, d.description, d.every, d.requirement,
           d.owner_dept_id, d.owner_person_id, od.name, op.name,
           d.scope_kind, d.scope_dept_id, sd.name, d.scope_system_id, ss.name, ss.stage,
           d.counts, d.first_due, d.created, d.retired, d.retired_reason,
           da.asset_id, sa.tag, sa.status
    FROM duty d
    LEFT JOIN duty_asset da ON da.duty_id = d.id
    LEFT JOIN asset sa ON sa.id = da.asset_id
    LEFT JOIN department od ON od.id = d.owner_dept_id
    LEFT JOIN person op ON op.id = d.owner_person_id
    LEFT JOIN department sd ON sd.id = d.scope_dept_id
    LEFT JOIN system ss ON ss.id = d.scope_system_id";

fn read_duty(r: &rusqlite::Row<'_>) -> Result<Duty> {
    let every: String = r.get(3)?;
    let every =
        Interval::parse("duty.every", &every).context("the register holds a malformed interval")?;
    let requirement: Option<String> = r.get(4)?;
    let owner = match (r.get::<_, Option<i64>>(5)?, r.get::<_, Option<i64>>(6)?) {
        (Some(d), _) => Some(Owner::Dept(d)),
        (None, Some(p)) => Some(Owner::Person(p)),
        (None, None) => None,
    };
    let owner_name = opt_text(r, 7)?.or(opt_text(r, 8)?);
    let scope_kind = opt_text(r, 9)?;
    let scope_dept: Option<i64> = r.get(10)?;
    let scope_system: Option<i64> = r.get(12)?;
    let (scope, scope_label) = match (scope_kind, scope_dept, scope_system) {
        (Some(k), _, _) => (Some(Scope::Kind(k.clone())), Some(format!("kind:{k}"))),
        (None, Some(d), _) => (
            Some(Scope::Dept(d)),
            Some(format!("dept:{}", opt_text(r, 11)?.unwrap_or_default())),
        ),
        (None, None, Some(s)) => (
            Some(Scope::System(s)),
            Some(format!("system:{}", opt_text(r, 13)?.unwrap_or_default())),
        ),
        (None, None, None) => match r.get::<_, Option<i64>>(20)? {
            Some(a) => (
                Some(Scope::Asset(a)),
                Some(format!("asset:{}", opt_text(r, 21)?.unwrap_or_default())),
            ),
            None => (None, None),
        },
    };
    let date = |i: usize, f: &str| -> Result<Option<NaiveDate>> {
        opt_text(r, i)?.map(|v| stored_date(f, &v)).transpose()
    };
    Ok(Duty {
        id: r.get(0)?,
        name: r.get(1)?,
        description: opt_text(r, 2)?,
        every,
        requirement: dd::stored_requirement(requirement.as_deref()),
        owner,
        owner_name,
        scope,
        scope_label,
        system_retired: opt_text(r, 14)?.as_deref() == Some("retired"),
        device_retired: matches!(opt_text(r, 22)?.as_deref(), Some("retired" | "disposed")),
        counts: opt_text(r, 15)?,
        first_due: date(16, "duty.first_due")?,
        created: stored_date("duty.created", &r.get::<_, String>(17)?)?,
        retired: date(18, "duty.retired")?,
        retired_reason: opt_text(r, 19)?,
    })
}

/// Every duty, by name.
pub fn all(conn: &Connection) -> Result<Vec<Duty>> {
    let mut stmt = conn
        .prepare(&format!("{SELECT_DUTY} ORDER BY d.name COLLATE pinyin"))
        .context("reading the duties")?;
    let mut q = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = q.next()? {
        out.push(read_duty(r)?);
    }
    Ok(out)
}

/// One duty by name.
pub fn get(conn: &Connection, name: &str) -> Result<Duty> {
    let mut stmt = conn
        .prepare_cached(&format!("{SELECT_DUTY} WHERE d.name = ?1"))
        .context("looking up a duty")?;
    let mut q = stmt.query([name.trim()])?;
    match q.next()? {
        Some(r) => read_duty(r),
        None => bail!("NAME: no duty {name:?}; see `infogov duty list --all`"),
    }
}

/// A new duty, validated.
#[derive(Debug, Clone)]
pub struct NewDuty {
    pub name: String,
    pub description: Option<String>,
    pub every: Interval,
    pub requirement: Option<&'static str>,
    pub owner: Option<Owner>,
    pub scope: Option<Scope>,
    pub counts: Option<String>,
    pub first_due: Option<NaiveDate>,
}

fn owner_cols(o: Option<Owner>) -> (Option<i64>, Option<i64>) {
    match o {
        Some(Owner::Dept(d)) => (Some(d), None),
        Some(Owner::Person(p)) => (None, Some(p)),
        None => (None, None),
    }
}

fn scope_cols(s: &Option<Scope>) -> (Option<String>, Option<i64>, Option<i64>) {
    match s {
        Some(Scope::Kind(k)) => (Some(k.clone()), None, None),
        Some(Scope::Dept(d)) => (None, Some(*d), None),
        Some(Scope::System(s)) => (None, None, Some(*s)),
        Some(Scope::Asset(_)) | None => (None, None, None),
    }
}

/// The device of a per-device duty.
fn scope_asset(s: &Option<Scope>) -> Option<i64> {
    match s {
        Some(Scope::Asset(a)) => Some(*a),
        _ => None,
    }
}

fn check_counts_scope(counts: &Option<String>, scope: &Option<Scope>) -> Result<()> {
    if counts.is_some() && matches!(scope, Some(Scope::System(_))) {
        bail!(
            "--counts: a duty scoped to an information system cannot count asset maintenance; scope it to an asset kind or a department"
        );
    }
    Ok(())
}

fn exists(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM duty WHERE name = ?1")?
        .query_row([name], |_| Ok(()))
        .optional()
        .context("looking up a duty")?
        .is_some())
}

/// Adds a duty; `created` is the day it is added (its schedule starts there).
pub fn add(tx: &mut Tx<'_>, d: &NewDuty, created: NaiveDate) -> Result<i64> {
    let name = d.name.trim();
    if name.is_empty() {
        bail!("NAME: a duty needs a name");
    }
    if exists(tx.conn(), name)? {
        bail!("NAME: a duty {name:?} already exists");
    }
    check_counts_scope(&d.counts, &d.scope)?;
    let (od, op) = owner_cols(d.owner);
    let (sk, sd, ss) = scope_cols(&d.scope);
    let id = tx.insert(
        DUTY,
        "INSERT INTO duty (name, description, every, requirement, owner_dept_id, owner_person_id,
                           scope_kind, scope_dept_id, scope_system_id, counts, first_due, created)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            name,
            d.description,
            d.every.to_string(),
            d.requirement,
            od,
            op,
            sk,
            sd,
            ss,
            d.counts,
            d.first_due.map(|f| f.to_string()),
            created.to_string()
        ],
    )?;
    if let Some(asset) = scope_asset(&d.scope) {
        tx.insert(
            DUTY_ASSET,
            "INSERT INTO duty_asset (duty_id, asset_id) VALUES (?1, ?2)",
            params![id, asset],
        )?;
    }
    Ok(id)
}

/// Changes to a duty; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct DutyEdit {
    pub description: Option<String>,
    pub every: Option<Interval>,
    pub requirement: Option<&'static str>,
    pub owner: Option<Owner>,
    pub scope: Option<Scope>,
    pub counts: Option<String>,
    pub first_due: Option<NaiveDate>,
}

pub fn edit(tx: &mut Tx<'_>, d: &Duty, e: &DutyEdit) -> Result<()> {
    if d.retired.is_some() {
        bail!("NAME: the duty {} is retired", d.name);
    }
    let description = e.description.clone().or(d.description.clone());
    let every = e.every.unwrap_or(d.every);
    let old_req = (d.requirement != NO_REQUIREMENT).then_some(d.requirement);
    let requirement = e.requirement.or(old_req);
    let owner = e.owner.or(d.owner);
    let scope = e.scope.clone().or(d.scope.clone());
    let counts = e.counts.clone().or(d.counts.clone());
    let first_due = e.first_due.or(d.first_due);
    if description == d.description
        && every == d.every
        && requirement == old_req
        && owner == d.owner
        && scope == d.scope
        && counts == d.counts
        && first_due == d.first_due
    {
        bail!("{}: the edit changes nothing", d.name);
    }
    if scope != d.scope && (scope_asset(&scope).is_some() || scope_asset(&d.scope).is_some()) {
        bail!(
            "--scope: {} keeps its scope: a duty of one device stays that device's (retire it and add another)",
            d.name
        );
    }
    check_counts_scope(&counts, &scope)?;
    let (od, op) = owner_cols(owner);
    let (sk, sd, ss) = scope_cols(&scope);
    tx.update(
        DUTY,
        "UPDATE duty SET description = ?2, every = ?3, requirement = ?4, owner_dept_id = ?5,
                         owner_person_id = ?6, scope_kind = ?7, scope_dept_id = ?8,
                         scope_system_id = ?9, counts = ?10, first_due = ?11
         WHERE id = ?1 RETURNING *",
        params![
            d.id,
            description,
            every.to_string(),
            requirement,
            od,
            op,
            sk,
            sd,
            ss,
            counts,
            first_due.map(|f| f.to_string())
        ],
    )?;
    Ok(())
}

/// Stops tracking a duty; its history stays.
pub fn retire(tx: &mut Tx<'_>, d: &Duty, date: NaiveDate, reason: &str) -> Result<()> {
    if let Some(r) = d.retired {
        bail!("NAME: the duty {} was already retired on {r}", d.name);
    }
    tx.update(
        DUTY,
        "UPDATE duty SET retired = ?2, retired_reason = ?3 WHERE id = ?1 RETURNING *",
        params![d.id, date.to_string(), reason],
    )?;
    Ok(())
}

/// A completion of a duty.
#[derive(Debug, Clone)]
pub struct Done {
    pub date: NaiveDate,
    pub note: String,
    pub evidence: Option<String>,
    pub evidence_sha256: Option<String>,
}

/// Records a duty done. `today` is the clock's date: nothing is done in the future.
pub fn record_done(tx: &mut Tx<'_>, d: &Duty, done: &Done, today: NaiveDate) -> Result<i64> {
    if let Some(r) = d.retired {
        bail!(
            "NAME: the duty {} was retired on {r} and is no longer tracked",
            d.name
        );
    }
    // One duty, one record: a graded system's self-inspection is recorded
    // against its grade, which is what the duty counts.
    if let (Some(Scope::System(system)), "GRD-5") = (&d.scope, d.requirement)
        && super::grading::in_force(tx.conn(), *system, None)?.is_some()
    {
        let name: String = tx
            .conn()
            .query_row("SELECT name FROM system WHERE id = ?1", [system], |r| {
                r.get(0)
            })
            .context("looking up the duty's system")?;
        bail!(
            "NAME: {} is the self-inspection of graded system {name}; record it with `infogov grade inspect {name} --date {} --findings TEXT`, which this duty counts",
            d.name,
            done.date
        );
    }
    if done.date > today {
        bail!(
            "--date: {} is after today ({today}); record a duty when it has been done",
            done.date
        );
    }
    let twice = tx
        .conn()
        .prepare_cached("SELECT 1 FROM duty_done WHERE duty_id = ?1 AND date = ?2")?
        .query_row(params![d.id, done.date.to_string()], |_| Ok(()))
        .optional()?
        .is_some();
    if twice {
        let voided: Option<String> = tx
            .conn()
            .prepare_cached(
                "SELECT v.reason FROM duty_done x JOIN record_void v
                   ON v.entity = 'duty_done' AND v.record_id = x.id
                 WHERE x.duty_id = ?1 AND x.date = ?2",
            )?
            .query_row(params![d.id, done.date.to_string()], |r| r.get(0))
            .optional()?;
        if let Some(reason) = voided {
            bail!(
                "--date: {} has a voided completion on {} ({reason}); the register keeps one completion a day, so that day cannot be recorded again",
                d.name,
                done.date
            );
        }
        bail!(
            "--date: {} is already recorded done on {}",
            d.name,
            done.date
        );
    }
    tx.insert(
        DUTY_DONE,
        "INSERT INTO duty_done (duty_id, date, note, evidence, evidence_sha256)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            d.id,
            done.date.to_string(),
            done.note,
            done.evidence,
            done.evidence_sha256
        ],
    )
}

/// The newest day, on or before `as_of`, that counts as the duty done: its
/// own completions, and the maintenance records it counts (of its kind, on
/// assets in its scope).
pub fn last_done(conn: &Connection, d: &Duty, as_of: NaiveDate) -> Result<Option<NaiveDate>> {
    let as_of = as_of.to_string();
    let own: Option<String> = conn
        .prepare_cached(&format!(
            "SELECT max(date) FROM duty_done x WHERE duty_id = ?1 AND date <= ?2 AND {}",
            live("duty_done", "x")
        ))?
        .query_row(params![d.id, as_of], |r| r.get(0))
        .context("reading a duty's completions")?;
    let maintained: Option<String> = match dd::counted_maintenance(d.counts.as_deref()) {
        None => None,
        Some(kind) => {
            let (sk, sd, _) = scope_cols(&d.scope);
            conn.prepare_cached(&format!(
                "SELECT max(m.date) FROM maintenance m JOIN asset a ON a.id = m.asset_id
                 WHERE m.kind = ?1 AND m.date <= ?2
                   AND (?3 IS NULL OR a.kind = ?3) AND (?4 IS NULL OR a.dept_id = ?4)
                   AND (?5 IS NULL OR a.id = ?5) AND {}",
                live("maintenance", "m")
            ))?
            .query_row(params![kind, as_of, sk, sd, scope_asset(&d.scope)], |r| {
                r.get(0)
            })
            .context("reading the maintenance that counts towards a duty")?
        }
    };
    // Drills and plan approvals carry instants: they count on their local day.
    let end = crate::domain::time::local_to_utc(
        "--as-of",
        &as_of,
        crate::domain::time::parse_date("--as-of", &as_of)?
            .and_hms_opt(23, 59, 59)
            .expect("valid time"),
    )?;
    let end = crate::domain::time::format_instant(end);
    let counted_instant: Option<String> = match d.counts.as_deref() {
        Some(dd::COUNTS_DRILL) => conn
            .prepare_cached(&format!(
                "SELECT max(at) FROM backup_drill d WHERE result = 'pass' AND at <= ?1 AND {}",
                live("backup_drill", "d")
            ))?
            .query_row([&end], |r| r.get(0))
            .context("reading the drills that count towards a duty")?,
        Some(dd::COUNTS_PLAN) => conn
            .prepare_cached(
                "SELECT max(s.at) FROM request_step s JOIN request r ON r.id = s.request_id
                 WHERE r.kind = 'consumable-plan' AND s.to_status = 'approved' AND s.at <= ?1",
            )?
            .query_row([&end], |r| r.get(0))
            .context("reading the plan approvals that count towards a duty")?,
        _ => None,
    };
    let counted = counted_instant
        .map(|t| crate::domain::time::read_instant(&t))
        .transpose()?
        .map(|t| {
            t.with_timezone(&crate::domain::time::zone())
                .date_naive()
                .to_string()
        });
    let latest = own.max(maintained).max(counted);
    latest
        .map(|v| stored_date("duty_done.date", &v))
        .transpose()
}

/// A duty and where it stands on a day.
#[derive(Debug, Clone)]
pub struct Status {
    pub duty: Duty,
    pub last_done: Option<NaiveDate>,
    /// `None` for a retired duty.
    pub due: Option<Due>,
    /// A virus-scan duty counts devices (OPS-1): each device in its scope
    /// that needs antivirus, with the day of its newest full scan. Empty
    /// when the duty counts no devices.
    pub devices: Vec<(String, Option<NaiveDate>)>,
}

impl Status {
    /// The devices scanned within the duty's interval on `as_of`, and those not.
    pub fn scanned(&self, as_of: NaiveDate) -> (usize, Vec<&(String, Option<NaiveDate>)>) {
        let every = self.duty.every;
        let (ok, not): (Vec<_>, Vec<_>) = self
            .devices
            .iter()
            .partition(|(_, last)| last.is_some_and(|l| every.after_date(l) >= as_of));
        (ok.len(), not)
    }
}

/// Whether a duty counts devices rather than records: one counting virus
/// scans (OPS-1) is done when every device in its scope has been scanned.
pub fn counts_devices(d: &Duty) -> bool {
    d.counts.as_deref() == Some("maintenance:virus-scan")
}

/// The devices a virus-scan duty covers, with their newest full scans.
pub fn covered_devices(
    conn: &Connection,
    d: &Duty,
    security: &crate::domain::security::Rules,
    as_of: NaiveDate,
) -> Result<Vec<(String, Option<NaiveDate>)>> {
    if !counts_devices(d) {
        return Ok(Vec::new());
    }
    let (sk, sd, _) = scope_cols(&d.scope);
    super::security::scanned_devices(
        conn,
        &security.antivirus_kinds,
        sk.as_deref(),
        sd,
        scope_asset(&d.scope),
        as_of,
    )
}

/// The self-inspection duty (GRD-5) of a graded system keeps the grading's
/// clock, not one of its own: its last done is the system's newest
/// self-inspection (`grade inspect`) under the current grade, and its interval
/// and first due date are the grading ruleset's for that grade. None when the
/// duty is not such a duty, or the system is not graded (then the duty keeps
/// its own clock), or the grade's interval is counted in working days.
fn grading_clock(
    conn: &Connection,
    rules: &Ruleset,
    duty: &Duty,
    as_of: NaiveDate,
) -> Result<Option<(Interval, NaiveDate, Option<NaiveDate>)>> {
    let Some(Scope::System(system)) = duty.scope else {
        return Ok(None);
    };
    if duty.requirement != "GRD-5" {
        return Ok(None);
    }
    let Some((_, facts)) = super::grading::facts(conn, Some(system))?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let facts = facts.as_of(as_of);
    let Some(era) = facts.era() else {
        return Ok(None);
    };
    let Some(Period::Calendar(every)) = rules.inspection_interval(era.grade) else {
        return Ok(None);
    };
    Ok(Some((every, era.since, facts.duties(rules).inspected)))
}

/// One duty evaluated on `as_of`. A duty counting virus scans is last done
/// on the day by which every device it covers had been scanned (the oldest
/// of their newest scans; never, while one has not been); with no device
/// to cover, it counts scans and completions as any duty counts records.
pub fn status(
    conn: &Connection,
    rules: &Ruleset,
    security: &crate::domain::security::Rules,
    duty: Duty,
    as_of: NaiveDate,
) -> Result<Status> {
    // Retired only from its retirement date on, so a check with a past
    // --as-of still sees the duty as it was then.
    let in_force = duty.retired.is_none_or(|r| r > as_of);
    if let Some((every, since, inspected)) = grading_clock(conn, rules, &duty, as_of)? {
        let due = in_force.then(|| evaluate(every, since, None, inspected, as_of));
        let mut duty = duty;
        duty.every = every;
        return Ok(Status {
            duty,
            last_done: inspected,
            due,
            devices: Vec::new(),
        });
    }
    let devices = covered_devices(conn, &duty, security, as_of)?;
    let last = if devices.is_empty() {
        last_done(conn, &duty, as_of)?
    } else if devices.iter().any(|(_, l)| l.is_none()) {
        None
    } else {
        devices.iter().filter_map(|(_, l)| *l).min()
    };
    let due = in_force.then(|| evaluate(duty.every, duty.created, duty.first_due, last, as_of));
    Ok(Status {
        duty,
        last_done: last,
        due,
        devices,
    })
}

/// Every duty evaluated on `as_of`: the most urgent first, retired ones last.
pub fn statuses(
    conn: &Connection,
    rules: &Ruleset,
    security: &crate::domain::security::Rules,
    as_of: NaiveDate,
) -> Result<Vec<Status>> {
    let mut out = Vec::new();
    for duty in all(conn)? {
        // A duty added after the day asked about did not exist yet.
        if duty.created > as_of {
            continue;
        }
        out.push(status(conn, rules, security, duty, as_of)?);
    }
    out.sort_by(|a, b| {
        let key = |s: &Status| (s.due.is_none(), s.due.map(|d| d.next_due));
        key(a)
            .cmp(&key(b))
            .then_with(|| crate::domain::collate::pinyin_cmp(&a.duty.name, &b.duty.name))
    });
    Ok(out)
}

pub const LIST_COLUMNS: &[&str] = &[
    "name",
    "every",
    "requirement",
    "owner",
    "scope",
    "last_done",
    "next_due",
    "overdue_days",
    "status",
];

fn status_word(s: &Status) -> &'static str {
    match s.due {
        Some(d) => d.state.as_str(),
        None => "retired",
    }
}

fn date_value(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| Value::Text(d.to_string()))
}

fn requirement_value(r: &'static str) -> Value {
    if r == NO_REQUIREMENT {
        Value::Null
    } else {
        r.into()
    }
}

/// One row of `duty list`.
pub fn list_row(s: &Status) -> Vec<Value> {
    let d = &s.duty;
    vec![
        d.name.clone().into(),
        d.every.to_string().into(),
        requirement_value(d.requirement),
        d.owner_name.clone().into(),
        d.scope_label.clone().into(),
        date_value(s.last_done),
        date_value(s.due.map(|d| d.next_due)),
        match s.due {
            Some(d) if d.days_overdue > 0 => Value::Int(d.days_overdue),
            _ => Value::Null,
        },
        status_word(s).into(),
    ]
}

/// Every field of one duty and where it stands.
pub fn show(s: &Status) -> Rows {
    let d = &s.duty;
    let mut rows = Rows::new(&[
        "name",
        "description",
        "every",
        "requirement",
        "owner",
        "scope",
        "counts",
        "first_due",
        "created",
        "last_done",
        "next_due",
        "overdue_days",
        "status",
        "retired",
        "retired_reason",
    ]);
    let list = list_row(s);
    rows.push(vec![
        d.name.clone().into(),
        d.description.clone().into(),
        d.every.to_string().into(),
        requirement_value(d.requirement),
        d.owner_name.clone().into(),
        d.scope_label.clone().into(),
        d.counts.clone().into(),
        date_value(d.first_due),
        d.created.to_string().into(),
        list[5].clone(),
        list[6].clone(),
        list[7].clone(),
        list[8].clone(),
        date_value(d.retired),
        d.retired_reason.clone().into(),
    ]);
    rows
}

/// Everything that counted towards a duty, oldest first: its completions
/// and the maintenance records it counts, with who recorded each (from the
/// audit trail).
pub fn history(
    conn: &Connection,
    d: &Duty,
    security: &crate::domain::security::Rules,
) -> Result<Rows> {
    let kind = dd::counted_maintenance(d.counts.as_deref());
    let (sk, sd, _) = scope_cols(&d.scope);
    let mut stmt = conn
        .prepare(&format!(
            "WITH ev(date, source, detail, evidence, entity, rid, id, void) AS (
               SELECT date, 'done', note, evidence, 'duty_done', id, CAST(id AS TEXT), {}
               FROM duty_done x WHERE duty_id = ?1
               UNION ALL
               SELECT m.date, 'maintenance', m.kind || ' of ' || a.tag || ': ' || m.note, NULL,
                      'maintenance', m.id, 'M' || m.id, {}
               FROM maintenance m JOIN asset a ON a.id = m.asset_id
               WHERE ?2 IS NOT NULL AND m.kind = ?2
                 AND (?3 IS NULL OR a.kind = ?3) AND (?4 IS NULL OR a.dept_id = ?4)
                 AND (?6 IS NULL OR a.id = ?6)
               UNION ALL
               SELECT i.date, 'self-inspection', 'grade ' || a.grade || ': ' || i.findings, NULL,
                      'grade_inspection', i.id, 'I' || i.id, {}
               FROM grade_inspection i JOIN grade_assessment a ON a.id = i.assessment_id
               WHERE ?5 IS NOT NULL AND i.system_id = ?5
             )
             SELECT ev.date, ev.source, ev.detail, ev.evidence,
                    (SELECT l.actor FROM audit_log l
                     WHERE l.entity = ev.entity AND l.key = CAST(ev.rid AS TEXT) AND l.action = 'insert'
                     ORDER BY l.seq LIMIT 1),
                    ev.id, ev.void
             FROM ev ORDER BY ev.date, ev.source, ev.rid",
            void_note("duty_done", "x"),
            void_note("maintenance", "m"),
            void_note("grade_inspection", "i")
        ))
        .context("reading a duty's history")?;
    // A system's self-inspection duty (GRD-5) is done by `grade inspect`.
    let inspected_system = match (&d.scope, d.requirement) {
        (Some(Scope::System(id)), "GRD-5") => Some(*id),
        _ => None,
    };
    let mut q = stmt.query(params![
        d.id,
        kind,
        sk,
        sd,
        inspected_system,
        scope_asset(&d.scope)
    ])?;
    let mut rows = Rows::new(&[
        "id",
        "date",
        "source",
        "detail",
        "evidence",
        "recorded_by",
        "void",
    ]);
    while let Some(r) = q.next()? {
        rows.push(vec![
            Value::Text(r.get(5)?),
            Value::Text(r.get(0)?),
            Value::Text(r.get(1)?),
            Value::Text(r.get(2)?),
            opt_text(r, 3)?.into(),
            opt_text(r, 4)?.into(),
            opt_text(r, 6)?.into(),
        ]);
    }
    // A duty counting devices also counts the full scans antivirus reports give.
    if counts_devices(d) {
        let (sk, sd, _) = scope_cols(&d.scope);
        rows.rows.extend(super::security::scan_history(
            conn,
            &security.antivirus_kinds,
            sk.as_deref(),
            sd,
            scope_asset(&d.scope),
        )?);
        // Stable: the records of one day keep their order.
        rows.rows.sort_by_key(|r| r[1].display());
    }
    Ok(rows)
}

/// The duties done from `from` to `to` (inclusive), by date: for a period
/// report ("which duties were done").
pub fn done_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Rows> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT x.date, d.name, d.requirement, x.note, x.evidence
             FROM duty_done x JOIN duty d ON d.id = x.duty_id
             WHERE x.date >= ?1 AND x.date <= ?2 AND {}
             ORDER BY x.date, d.name COLLATE pinyin",
            live("duty_done", "x")
        ))
        .context("reading the duties done in a period")?;
    let mut q = stmt.query(params![from.to_string(), to.to_string()])?;
    let mut rows = Rows::new(&["date", "duty", "requirement", "note", "evidence"]);
    while let Some(r) = q.next()? {
        rows.push(vec![
            Value::Text(r.get(0)?),
            Value::Text(r.get(1)?),
            opt_text(r, 2)?.into(),
            Value::Text(r.get(3)?),
            opt_text(r, 4)?.into(),
        ]);
    }
    Ok(rows)
}

/// Adds the duties the regulation names ([`DEFAULTS`]) that are not yet in
/// the register, by name: seeding twice adds nothing the second time, and a
/// duty retired by the officer is not brought back. Per-system duties are made
/// for every system in service, per-department duties for every department,
/// so seeding again after adding systems or departments adds theirs.
/// Returns the names added. `init --with-defaults` calls this too.
pub fn seed_defaults(
    tx: &mut Tx<'_>,
    today: NaiveDate,
    password_every: Interval,
    security: &crate::domain::security::Rules,
) -> Result<Vec<String>> {
    let systems: Vec<(i64, String, i64)> = {
        let mut stmt = tx.conn().prepare(
            "SELECT id, name, owner_dept_id FROM system WHERE stage = 'in-service' ORDER BY name COLLATE pinyin",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()
            .context("reading the information systems")?
    };
    let depts: Vec<(i64, String)> = {
        let mut stmt = tx
            .conn()
            .prepare("SELECT id, name FROM department ORDER BY name COLLATE pinyin")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()
            .context("reading the departments")?
    };
    // Devices in use of a role's kinds: (id, tag, department).
    let devices_of = |tx: &Tx<'_>, role: DeviceRole| -> Result<Vec<(i64, String, Option<i64>)>> {
        let kinds = match role {
            DeviceRole::Server => &security.server_kinds,
            DeviceRole::Perimeter => &security.perimeter_kinds,
        };
        let mut stmt = tx.conn().prepare(
            "SELECT id, tag, dept_id FROM asset
             WHERE status = 'in-use' AND kind IN (SELECT value FROM json_each(?1)) ORDER BY tag",
        )?;
        stmt.query_map(
            [serde_json::to_string(kinds).expect("a list of strings is JSON")],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?
        .collect::<rusqlite::Result<_>>()
        .context("reading the devices that get a duty each")
    };
    let mut added = Vec::new();
    for def in DEFAULTS {
        let every = match def.every {
            Some(e) => dd::every("default duty", e)?,
            None => password_every,
        };
        let first_due = match def.first_due {
            FirstDue::AfterInterval => None,
            FirstDue::NextQuarter => Some(Quarter::containing(today).next().first_day()),
        };
        let targets: Vec<(String, Option<Owner>, Option<Scope>)> = match def.per {
            Per::Organisation => vec![(def.name.to_string(), None, None)],
            Per::System => systems
                .iter()
                .map(|(id, name, owner)| {
                    (
                        per_name(def.name, name),
                        Some(Owner::Dept(*owner)),
                        Some(Scope::System(*id)),
                    )
                })
                .collect(),
            Per::Department => depts
                .iter()
                .map(|(id, name)| {
                    (
                        per_name(def.name, name),
                        Some(Owner::Dept(*id)),
                        Some(Scope::Dept(*id)),
                    )
                })
                .collect(),
            Per::Device(role) => devices_of(tx, role)?
                .into_iter()
                .map(|(id, tag, dept)| {
                    (
                        per_name(def.name, &tag),
                        dept.map(Owner::Dept),
                        Some(Scope::Asset(id)),
                    )
                })
                .collect(),
        };
        for (name, owner, scope) in targets {
            if exists(tx.conn(), &name)? {
                continue;
            }
            let duty = NewDuty {
                name: name.clone(),
                description: Some(def.description.to_string()),
                every,
                requirement: Some(def.requirement),
                owner,
                scope,
                counts: def.counts.map(str::to_string),
                first_due,
            };
            add(tx, &duty, today)?;
            added.push(name);
        }
    }
    Ok(added)
}

/// Records a change of an information system's password (SEC-1): the date
/// only, never the password. The change counts towards the system's SEC-1
/// duty; if it has none yet, `password:SYSTEM` is added (every
/// `password_every`, owned by the system's owner department), so tracking
/// starts with the first recorded change. Returns the duty's name and
/// whether it was added.
pub fn password_changed(
    tx: &mut Tx<'_>,
    system: &str,
    done: &Done,
    today: NaiveDate,
    password_every: Interval,
) -> Result<(String, bool)> {
    let (sys, sys_name, owner): (i64, String, i64) = {
        let id = system_id(tx.conn(), "SYSTEM", system)?;
        tx.conn().query_row(
            "SELECT id, name, owner_dept_id FROM system WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?
    };
    let tracked: Option<String> = tx
        .conn()
        .query_row(
            "SELECT name FROM duty WHERE scope_system_id = ?1 AND requirement = 'SEC-1'
               AND retired IS NULL ORDER BY id LIMIT 1",
            [sys],
            |r| r.get(0),
        )
        .optional()
        .context("looking up the system's password duty")?;
    let (name, added) = match tracked {
        Some(n) => (n, false),
        None => {
            let name = per_name("password", &sys_name);
            if exists(tx.conn(), &name)? {
                bail!(
                    "SYSTEM: the duty {name} exists but does not track the password of {sys_name} (retired, or another scope); see `infogov duty show {name}`"
                );
            }
            let def = DEFAULTS
                .iter()
                .find(|d| d.requirement == "SEC-1")
                .expect("a default SEC-1 duty");
            add(
                tx,
                &NewDuty {
                    name: name.clone(),
                    description: Some(def.description.to_string()),
                    every: password_every,
                    requirement: Some("SEC-1"),
                    owner: Some(Owner::Dept(owner)),
                    scope: Some(Scope::System(sys)),
                    counts: None,
                    first_due: None,
                },
                today,
            )?;
            (name, true)
        }
    };
    let duty = get(tx.conn(), &name)?;
    record_done(tx, &duty, done, today)?;
    Ok((name, added))
}

/// The "duty" area's findings on `as_of`: every duty in force that is
/// overdue is a WARNING, and a CRITICAL once more than one full interval has
/// passed since it was due. Retired duties, and duties of a retired system,
/// are not checked.
pub fn check(
    conn: &Connection,
    rules: &Ruleset,
    security: &crate::domain::security::Rules,
    as_of: NaiveDate,
) -> Result<Vec<Finding>> {
    let mut out = Vec::new();
    for s in statuses(conn, rules, security, as_of)? {
        let Some(due) = s.due else { continue };
        if s.duty.system_retired || s.duty.device_retired {
            continue;
        }
        let severity = match due.state {
            DueState::Overdue => Severity::Warning,
            DueState::Missed => Severity::Critical,
            DueState::Ok | DueState::Due => continue,
        };
        out.push(
            Finding::new(
                "duty",
                severity,
                s.duty.name.clone(),
                overdue_message(&s, due, as_of),
                s.duty.requirement,
            )
            .zh(overdue_message_zh(&s, due, as_of))
            .subject_zh(crate::i18n::Lang::Zh.cell_in(&["duty"], "duty", &s.duty.name)),
        );
    }
    Ok(out)
}

/// "2 of 3 devices scanned within 1mo; not scanned: A3 (never)", for a duty
/// that counts devices.
fn devices_text(s: &Status, as_of: NaiveDate, zh: bool) -> String {
    if s.devices.is_empty() {
        return String::new();
    }
    let (ok, not) = s.scanned(as_of);
    const SHOWN: usize = 10;
    let mut names: Vec<String> = not
        .iter()
        .take(SHOWN)
        .map(|(tag, last)| match (last, zh) {
            (Some(l), false) => format!("{tag} (last {l})"),
            (None, false) => format!("{tag} (never)"),
            (Some(l), true) => format!("{tag}（上次 {l}）"),
            (None, true) => format!("{tag}（从未）"),
        })
        .collect();
    if not.len() > SHOWN {
        names.push(if zh {
            format!("另 {} 台", not.len() - SHOWN)
        } else {
            format!("and {} more", not.len() - SHOWN)
        });
    }
    let total = s.devices.len();
    if zh {
        format!(
            "；{total} 台设备中 {ok} 台在{}内查杀过；未查杀：{}",
            s.duty.every.zh(),
            names.join("、")
        )
    } else {
        format!(
            "; {ok} of {total} devices scanned within {}; not scanned: {}",
            s.duty.every,
            names.join(", ")
        )
    }
}

fn overdue_message(s: &Status, due: Due, as_of: NaiveDate) -> String {
    let d = &s.duty;
    let days = if due.days_overdue == 1 {
        "1 day".to_string()
    } else {
        format!("{} days", due.days_overdue)
    };
    let late = if due.state == DueState::Missed {
        format!("{days} overdue (more than a whole interval)")
    } else {
        format!("{days} overdue")
    };
    let owner = d
        .owner_name
        .as_ref()
        .map_or(String::new(), |o| format!("; owner {o}"));
    let password_of = match (&d.scope_label, d.requirement) {
        (Some(label), "SEC-1") => label.strip_prefix("system:"),
        _ => None,
    };
    if let Some(system) = password_of {
        let since = match s.last_done {
            Some(l) => format!("last changed {l}"),
            None => format!("no change recorded since tracking began {}", d.created),
        };
        return format!(
            "password of {system} is older than {} ({since}); change was due {}, {late}{owner}",
            d.every, due.next_due
        );
    }
    let last = match (s.last_done, s.devices.is_empty()) {
        (Some(l), true) => format!("last done {l}"),
        (None, true) => format!("never done since added {}", d.created),
        (Some(l), false) => format!("every device scanned by {l}"),
        (None, false) => "not every device has been scanned".to_string(),
    };
    format!(
        "was due {}, {late}; every {}, {last}{}{owner}",
        due.next_due,
        d.every,
        devices_text(s, as_of, false)
    )
}

/// [`overdue_message`] in Chinese, with the same facts.
fn overdue_message_zh(s: &Status, due: Due, as_of: NaiveDate) -> String {
    let d = &s.duty;
    let late = if due.state == DueState::Missed {
        format!("已逾期 {} 天（超过一个完整周期）", due.days_overdue)
    } else {
        format!("已逾期 {} 天", due.days_overdue)
    };
    let owner = d
        .owner_name
        .as_ref()
        .map_or(String::new(), |o| format!("；负责人 {o}"));
    let password_of = match (&d.scope_label, d.requirement) {
        (Some(label), "SEC-1") => label.strip_prefix("system:"),
        _ => None,
    };
    if let Some(system) = password_of {
        let since = match s.last_done {
            Some(l) => format!("上次更换 {l}"),
            None => format!("自 {} 开始登记以来无更换记录", d.created),
        };
        return format!(
            "{system} 的口令已超过 {}未更换（{since}）；应于 {} 更换，{late}{owner}",
            d.every.zh(),
            due.next_due
        );
    }
    let last = match (s.last_done, s.devices.is_empty()) {
        (Some(l), true) => format!("上次完成 {l}"),
        (None, true) => format!("自 {} 添加以来从未完成", d.created),
        (Some(l), false) => format!("所有设备于 {l} 前均已查杀"),
        (None, false) => "尚有设备从未查杀".to_string(),
    };
    format!(
        "应于 {} 完成，{late}；周期 {}，{last}{}{owner}",
        due.next_due,
        d.every.zh(),
        devices_text(s, as_of, true)
    )
}
