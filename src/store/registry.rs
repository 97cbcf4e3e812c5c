//! Departments, people and information systems: the small registries every
//! area refers to.

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OptionalExtension, params};

use super::audit::{DEPARTMENT, PERSON, SYSTEM};
use super::{Tx, opt_text};
use crate::domain::findings::{Finding, Severity};
use crate::rows::{Rows, Value};

/// Finds a department by name or code.
pub fn dept_id(conn: &Connection, field: &str, name: &str) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM department WHERE name = ?1 OR code = ?1")?
        .query_row([name.trim()], |r| r.get(0))
        .optional()
        .context("looking up a department")?
        .with_context(|| format!("{field}: no department {name:?}; add it with `infogov dept add`"))
}

pub fn dept_name(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT name FROM department WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .context("looking up a department")
}

/// Finds a person by `NAME` or `NAME@DEPT`. A bare name that two people share
/// is refused with the departments to choose from; `prefer_dept` settles it
/// when one of them is in the department the record is about.
pub fn person_id(
    conn: &Connection,
    field: &str,
    value: &str,
    prefer_dept: Option<i64>,
) -> Result<i64> {
    let (name, dept) = match value.rsplit_once('@') {
        Some((n, d)) => (n.trim(), Some(dept_id(conn, field, d)?)),
        None => (value.trim(), None),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.dept_id, d.name FROM person p JOIN department d ON d.id = p.dept_id
         WHERE p.name = ?1 AND (?2 IS NULL OR p.dept_id = ?2) ORDER BY d.name COLLATE pinyin",
    )?;
    let found: Vec<(i64, i64, String)> = stmt
        .query_map(params![name, dept], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()
        .context("looking up a person")?;
    match found.as_slice() {
        [] => bail!("{field}: no person {value:?}; add them with `infogov person add`"),
        [(id, _, _)] => Ok(*id),
        many => {
            if let Some(pd) = prefer_dept
                && let Some((id, _, _)) = many.iter().find(|(_, d, _)| *d == pd)
            {
                return Ok(*id);
            }
            let depts: Vec<&str> = many.iter().map(|(_, _, d)| d.as_str()).collect();
            bail!(
                "{field}: {value:?} names {} people (in {}); write NAME@DEPT",
                many.len(),
                depts.join(", ")
            )
        }
    }
}

/// Like [`person_id`], but a name not yet registered is `None`.
pub fn find_person_in(conn: &Connection, name: &str, dept: i64) -> Result<Option<i64>> {
    conn.prepare_cached("SELECT id FROM person WHERE name = ?1 AND dept_id = ?2")?
        .query_row(params![name.trim(), dept], |r| r.get(0))
        .optional()
        .context("looking up a person")
}

pub fn person_name(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT name FROM person WHERE id = ?1", [id], |r| r.get(0))
        .context("looking up a person")
}

pub fn system_id(conn: &Connection, field: &str, name: &str) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM system WHERE name = ?1")?
        .query_row([name.trim()], |r| r.get(0))
        .optional()
        .context("looking up an information system")?
        .with_context(|| {
            format!("{field}: no information system {name:?}; add it with `infogov system add`")
        })
}

pub fn add_dept(
    tx: &mut Tx<'_>,
    name: &str,
    code: Option<&str>,
    liaison: Option<i64>,
    at: &str,
) -> Result<i64> {
    let name = name.trim();
    let code = match code.map(str::trim) {
        Some("") => bail!("--code: must not be empty"),
        c => c,
    };
    if name.is_empty() {
        bail!("NAME: a department needs a name");
    }
    if tx
        .conn()
        .query_row(
            "SELECT 1 FROM department WHERE name = ?1 OR code = ?1",
            [name],
            |_| Ok(()),
        )
        .optional()?
        .is_some()
    {
        bail!("NAME: a department {name:?} already exists");
    }
    if let Some(c) = code
        && tx
            .conn()
            .query_row(
                "SELECT 1 FROM department WHERE code = ?1 OR name = ?1",
                [c],
                |_| Ok(()),
            )
            .optional()?
            .is_some()
    {
        bail!("--code: {c:?} is already used by another department");
    }
    tx.insert(
        DEPARTMENT,
        "INSERT INTO department (name, code, liaison_id, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![name, code, liaison, at],
    )
}

pub fn set_liaison(tx: &mut Tx<'_>, dept: i64, person: i64) -> Result<i64> {
    tx.update(
        DEPARTMENT,
        "UPDATE department SET liaison_id = ?2 WHERE id = ?1 RETURNING *",
        params![dept, person],
    )
}

pub fn add_person(tx: &mut Tx<'_>, name: &str, dept: i64, role: &str, at: &str) -> Result<i64> {
    let name = name.trim();
    if name.is_empty() {
        bail!("NAME: a person needs a name");
    }
    if find_person_in(tx.conn(), name, dept)?.is_some() {
        bail!(
            "NAME: {name:?} is already registered in {}",
            dept_name(tx.conn(), dept)?
        );
    }
    tx.insert(
        PERSON,
        "INSERT INTO person (name, dept_id, role, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![name, dept, role, at],
    )
}

pub fn add_system(
    tx: &mut Tx<'_>,
    name: &str,
    owner: i64,
    description: Option<&str>,
    stage: &str,
    at: &str,
) -> Result<i64> {
    let name = name.trim();
    if name.is_empty() {
        bail!("NAME: an information system needs a name");
    }
    if tx
        .conn()
        .query_row("SELECT 1 FROM system WHERE name = ?1", [name], |_| Ok(()))
        .optional()?
        .is_some()
    {
        bail!("NAME: an information system {name:?} already exists");
    }
    tx.insert(
        SYSTEM,
        "INSERT INTO system (name, owner_dept_id, description, stage, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, owner, description, stage, at],
    )
}

pub fn list_depts(conn: &Connection, id: Option<i64>) -> Result<Rows> {
    let mut rows = Rows::new(&["name", "code", "liaison", "people", "assets"]);
    let mut stmt = conn.prepare(
        "SELECT d.name, d.code, l.name,
                (SELECT count(*) FROM person p WHERE p.dept_id = d.id),
                (SELECT count(*) FROM asset a WHERE a.dept_id = d.id AND a.status <> 'disposed')
         FROM department d LEFT JOIN person l ON l.id = d.liaison_id
         WHERE ?1 IS NULL OR d.id = ?1
         ORDER BY d.name COLLATE pinyin",
    )?;
    let mut q = stmt.query([id])?;
    while let Some(r) = q.next()? {
        rows.push(vec![
            Value::Text(r.get(0)?),
            opt_text(r, 1)?.into(),
            opt_text(r, 2)?.into(),
            Value::Int(r.get(3)?),
            Value::Int(r.get(4)?),
        ]);
    }
    Ok(rows)
}

pub fn list_people(conn: &Connection, dept: Option<i64>, id: Option<i64>) -> Result<Rows> {
    let mut rows = Rows::new(&["name", "dept", "role", "assets", "login"]);
    let mut stmt = conn.prepare(
        "SELECT p.name, d.name, p.role,
                (SELECT count(*) FROM asset a WHERE a.custodian_id = p.id AND a.status <> 'disposed'),
                (SELECT l.login FROM person_login l WHERE l.person_id = p.id)
         FROM person p JOIN department d ON d.id = p.dept_id
         WHERE (?1 IS NULL OR p.dept_id = ?1) AND (?2 IS NULL OR p.id = ?2)
         ORDER BY d.name COLLATE pinyin, p.name COLLATE pinyin",
    )?;
    let mut q = stmt.query(params![dept, id])?;
    while let Some(r) = q.next()? {
        rows.push(vec![
            Value::Text(r.get(0)?),
            Value::Text(r.get(1)?),
            Value::Text(r.get(2)?),
            Value::Int(r.get(3)?),
            r.get::<_, Option<String>>(4)?.into(),
        ]);
    }
    Ok(rows)
}

pub fn list_systems(conn: &Connection, id: Option<i64>) -> Result<Rows> {
    let mut rows = Rows::new(&["name", "owner_dept", "stage", "description"]);
    let mut stmt = conn.prepare(
        "SELECT s.name, d.name, s.stage, s.description
         FROM system s JOIN department d ON d.id = s.owner_dept_id
         WHERE ?1 IS NULL OR s.id = ?1
         ORDER BY s.name COLLATE pinyin",
    )?;
    let mut q = stmt.query([id])?;
    while let Some(r) = q.next()? {
        rows.push(vec![
            Value::Text(r.get(0)?),
            Value::Text(r.get(1)?),
            Value::Text(r.get(2)?),
            opt_text(r, 3)?.into(),
        ]);
    }
    Ok(rows)
}

/// ORG-1: every department names an IT liaison.
pub fn check(conn: &Connection) -> Result<Vec<Finding>> {
    let mut found = departments_without_liaison(conn)?;
    found.extend(super::identity::check(conn)?);
    Ok(found)
}

fn departments_without_liaison(conn: &Connection) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM department WHERE liaison_id IS NULL ORDER BY name COLLATE pinyin",
    )?;
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()
        .context("checking departments")?;
    Ok(names
        .into_iter()
        .map(|n| {
            Finding::new(
                "org",
                Severity::Warning,
                n,
                "department has no IT liaison (信息员); name one with `infogov dept liaison`",
                "ORG-1",
            )
            .zh("部门未指定信息员；请用 `infogov dept liaison` 指定")
        })
        .collect())
}
