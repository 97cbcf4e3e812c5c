//! Who may act (issue #16): people's OS logins, roles granted and revoked,
//! steps recorded on behalf of another with their evidence, and the
//! separation of duties per human (one login), not per record.

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OptionalExtension, params};

use super::Tx;
use super::audit::{ON_BEHALF, PERSON, PERSON_LOGIN};
use crate::domain::findings::{Finding, Severity};

/// A registration of a person, as identity needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    pub id: i64,
    pub name: String,
    pub dept: String,
    pub role: String,
    /// The name as `--actor` takes it: `NAME`, or `NAME@DEPT` when another
    /// person has the same name.
    pub qualified: String,
}

const REGISTERED: &str = "SELECT p.id, p.name, d.name, p.role,
        CASE WHEN (SELECT count(*) FROM person q WHERE q.name = p.name) > 1
             THEN p.name || '@' || d.name ELSE p.name END
     FROM person p JOIN department d ON d.id = p.dept_id";

fn registered(r: &rusqlite::Row<'_>) -> rusqlite::Result<Registered> {
    Ok(Registered {
        id: r.get(0)?,
        name: r.get(1)?,
        dept: r.get(2)?,
        role: r.get(3)?,
        qualified: r.get(4)?,
    })
}

/// Whether anyone carries a login: until then the register runs as before
/// logins existed (the actor is a name), and the identity checks do not bite.
pub fn logins_in_use(conn: &Connection) -> Result<bool> {
    conn.query_row("SELECT EXISTS (SELECT 1 FROM person_login)", [], |r| {
        r.get(0)
    })
    .context("reading people's logins")
}

/// The registrations carrying this OS login, by department.
pub fn people_of_login(conn: &Connection, login: &str) -> Result<Vec<Registered>> {
    let mut stmt = conn
        .prepare(&format!(
            "{REGISTERED} JOIN person_login l ON l.person_id = p.id WHERE l.login = ?1 ORDER BY d.name"
        ))
        .context("reading people's logins")?;
    let rows = stmt
        .query_map([login], registered)?
        .collect::<rusqlite::Result<_>>()
        .context("reading people's logins")?;
    Ok(rows)
}

pub fn registered_by_id(conn: &Connection, id: i64) -> Result<Registered> {
    conn.query_row(&format!("{REGISTERED} WHERE p.id = ?1"), [id], registered)
        .context("looking up a person")
}

/// The login of a person, if any.
pub fn login_of(conn: &Connection, person: i64) -> Result<Option<String>> {
    conn.query_row(
        "SELECT login FROM person_login WHERE person_id = ?1",
        [person],
        |r| r.get(0),
    )
    .optional()
    .context("reading a person's login")
}

/// Whether two registrations are one human: the same record, or records
/// carrying the same login.
pub fn same_human(conn: &Connection, a: i64, b: i64) -> Result<bool> {
    if a == b {
        return Ok(true);
    }
    Ok(match (login_of(conn, a)?, login_of(conn, b)?) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    })
}

/// Gives a person a login (or changes it).
pub fn set_login(tx: &mut Tx<'_>, person: i64, login: &str, at: &str) -> Result<()> {
    let login = login.trim();
    if login.is_empty() || login.chars().any(|c| c.is_whitespace() || c.is_control()) {
        bail!("--login: {login:?} is not an OS login name");
    }
    if login_of(tx.conn(), person)?.is_some() {
        tx.update(
            PERSON_LOGIN,
            "UPDATE person_login SET login = ?2 WHERE person_id = ?1 RETURNING *",
            params![person, login],
        )?;
    } else {
        tx.insert(
            PERSON_LOGIN,
            "INSERT INTO person_login (person_id, login, created_at) VALUES (?1, ?2, ?3)",
            params![person, login, at],
        )?;
    }
    Ok(())
}

/// Sets a person's role.
pub fn set_role(tx: &mut Tx<'_>, person: i64, role: &str) -> Result<()> {
    tx.update(
        PERSON,
        "UPDATE person SET role = ?2 WHERE id = ?1 RETURNING *",
        params![person, role],
    )?;
    Ok(())
}

/// Records that the steps of this transaction were taken on behalf of
/// another person, and on what evidence.
pub fn record_on_behalf(
    tx: &mut Tx<'_>,
    at: &str,
    recorded_by: i64,
    on_behalf_of: i64,
    evidence_file: &str,
    evidence_sha256: &str,
    command: &str,
) -> Result<i64> {
    tx.insert(
        ON_BEHALF,
        "INSERT INTO on_behalf (at, recorded_by, on_behalf_of, evidence_file, evidence_sha256, command)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![at, recorded_by, on_behalf_of, evidence_file, evidence_sha256, command],
    )
}

/// Findings: one human (one login) holding both the office and the approver
/// role could review and approve the same request (REQ-6).
pub fn check(conn: &Connection) -> Result<Vec<Finding>> {
    let mut stmt = conn
        .prepare(
            "SELECT l.login, group_concat(p.name || '@' || d.name || ' (' || p.role || ')', ', ')
             FROM person_login l JOIN person p ON p.id = l.person_id
             JOIN department d ON d.id = p.dept_id
             GROUP BY l.login
             HAVING sum(p.role = 'office') > 0 AND sum(p.role = 'approver') > 0
             ORDER BY l.login",
        )
        .context("checking people's roles")?;
    let rows: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()
        .context("checking people's roles")?;
    Ok(rows
        .into_iter()
        .map(|(login, who)| {
            Finding::new(
                "org",
                Severity::Warning,
                format!("login {login}"),
                format!(
                    "one person holds both the office and the approver role ({who}): they could review and approve one request"
                ),
                "REQ-6",
            )
            .zh(format!("同一人同时担任信息科与审批角色（{who}）：可能审核并审批同一申请"))
        })
        .collect())
}
