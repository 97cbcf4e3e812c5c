//! The register's schema against the one this binary creates.

use std::sync::OnceLock;

use anyhow::{Context, Result};
use rusqlite::Connection;

use super::verify::problem;
use crate::domain::findings::Finding;

/// A schema object: (type, name, sql).
type Object = (String, String, Option<String>);

/// Whether SQLite itself made this object: the indexes behind UNIQUE and
/// PRIMARY KEY constraints and the bookkeeping tables. The literal prefix is
/// compared, not `LIKE 'sqlite_%'`, where `_` matches any character and a
/// trigger named `sqlitex_evil` would slip through; and only objects of the
/// kind SQLite makes under that name are skipped, so a trigger smuggled in
/// under a reserved name (with `writable_schema`) is still compared.
fn made_by_sqlite(kind: &str, name: &str, sql: Option<&str>) -> bool {
    match kind {
        "index" => sql.is_none() && name.starts_with("sqlite_autoindex_"),
        "table" => matches!(
            name,
            "sqlite_sequence" | "sqlite_stat1" | "sqlite_stat2" | "sqlite_stat3" | "sqlite_stat4"
        ),
        _ => false,
    }
}

/// The register's tables, indexes, triggers and views.
fn schema_objects(conn: &Connection) -> Result<Vec<Object>> {
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
        .context("reading the register's schema")?;
    let objects: Vec<Object> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()
        .context("reading the register's schema")?;
    Ok(objects
        .into_iter()
        .filter(|(k, n, s)| !made_by_sqlite(k, n, s.as_deref()))
        .collect())
}

/// The schema this binary creates, built once per process.
fn expected() -> Result<&'static [Object]> {
    static EXPECTED: OnceLock<Vec<Object>> = OnceLock::new();
    if let Some(e) = EXPECTED.get() {
        return Ok(e);
    }
    let mut conn = Connection::open_in_memory().context("opening a scratch database")?;
    crate::store::migrate::migrate(&mut conn, std::path::Path::new(":memory:"))?;
    let objects = schema_objects(&conn)?;
    Ok(EXPECTED.get_or_init(|| objects))
}

/// The first trigger, view or index that this binary did not create, as
/// "trigger NAME". Such an object is refused before any command runs on the
/// register: a planted trigger fires inside the tool's own transaction, so
/// the trail would record the row as the trigger left it.
pub fn planted(conn: &Connection) -> Result<Option<String>> {
    let expected = expected()?;
    Ok(schema_objects(conn)?
        .into_iter()
        .find(|(kind, name, _)| {
            matches!(kind.as_str(), "trigger" | "view" | "index")
                && !expected.iter().any(|(k, n, _)| k == kind && n == name)
        })
        .map(|(kind, name, _)| format!("{kind} {name}")))
}

/// Compares the register's schema with the one this binary creates. A
/// trigger planted with the sqlite3 CLI could rewrite every future change
/// before the trail records it, and a dropped CHECK or index would let
/// impossible rows in: either is tampering the row comparison cannot see.
pub fn schema_drift(conn: &Connection) -> Result<Vec<Finding>> {
    let expected = expected()?;
    let actual = schema_objects(conn)?;
    let mut out = Vec::new();
    for (kind, name, sql) in &actual {
        match expected.iter().find(|(k, n, _)| k == kind && n == name) {
            None => out.push(problem(
                format!("{kind} {name}"),
                "is not part of the infogov schema: it was added behind the tool's back"
                    .to_string(),
                "不属于 infogov 的数据库结构：系绕过本工具添加".to_string(),
            )),
            Some((_, _, want)) if want != sql => out.push(problem(
                format!("{kind} {name}"),
                "differs from the infogov schema: it was altered behind the tool's back"
                    .to_string(),
                "与 infogov 的数据库结构不符：系绕过本工具修改".to_string(),
            )),
            Some(_) => {}
        }
    }
    for (kind, name, _) in expected {
        if !actual.iter().any(|(k, n, _)| k == kind && n == name) {
            out.push(problem(
                format!("{kind} {name}"),
                "is missing from the register: it was dropped behind the tool's back".to_string(),
                "数据库结构缺失：系绕过本工具删除".to_string(),
            ));
        }
    }
    Ok(out)
}
