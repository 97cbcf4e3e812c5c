//! The tamper-evident audit trail (SEC-4).
//!
//! Every write goes through [`Tx`], whose `insert`/`update`/`delete` run the
//! statement with `RETURNING *` and append an entry holding the whole row
//! after the change, in the same transaction. Entries are hash-chained. So
//! `verify` can prove three things: the chain is unbroken; every audited row
//! is exactly as its newest entry says (a row inserted, changed or deleted
//! with the sqlite3 CLI shows up); and, given an anchor kept elsewhere, the
//! chain was not rewritten wholesale.

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Params, Row, Transaction, params};
use sha2::{Digest, Sha256};

use crate::domain::findings::{Finding, Severity};
use crate::domain::time::format_instant;

/// Who is making a change: the `--actor` (a person's name), the OS account
/// that ran the command, and the command line itself.
#[derive(Debug, Clone)]
pub struct Actor {
    pub actor: String,
    pub os_user: String,
    pub command: String,
}

/// An audited table and the column that names a row to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Audited {
    pub table: &'static str,
    pub key: &'static str,
}

pub const DEPARTMENT: Audited = Audited {
    table: "department",
    key: "name",
};
pub const PERSON: Audited = Audited {
    table: "person",
    key: "id",
};
pub const SYSTEM: Audited = Audited {
    table: "system",
    key: "name",
};
pub const ASSET: Audited = Audited {
    table: "asset",
    key: "tag",
};
pub const ASSET_TRANSFER: Audited = Audited {
    table: "asset_transfer",
    key: "id",
};
pub const MAINTENANCE: Audited = Audited {
    table: "maintenance",
    key: "id",
};
pub const DAMAGE: Audited = Audited {
    table: "damage",
    key: "id",
};
pub const ASSET_STATUS_CHANGE: Audited = Audited {
    table: "asset_status_change",
    key: "id",
};
pub const ASSET_REVISION: Audited = Audited {
    table: "asset_revision",
    key: "id",
};
pub const REQUEST: Audited = Audited {
    table: "request",
    key: "id",
};
pub const REQUEST_LINE: Audited = Audited {
    table: "request_line",
    key: "id",
};
pub const REQUEST_ASSET: Audited = Audited {
    table: "request_asset",
    key: "id",
};
pub const REQUEST_STEP: Audited = Audited {
    table: "request_step",
    key: "id",
};
pub const ASSET_DISPOSAL: Audited = Audited {
    table: "asset_disposal",
    key: "id",
};

pub const GRADE_ASSESSMENT: Audited = Audited {
    table: "grade_assessment",
    key: "id",
};
pub const GRADE_FILING: Audited = Audited {
    table: "grade_filing",
    key: "id",
};
pub const GRADE_EVALUATION: Audited = Audited {
    table: "grade_evaluation",
    key: "id",
};
pub const GRADE_INSPECTION: Audited = Audited {
    table: "grade_inspection",
    key: "id",
};
pub const GRADE_RECTIFICATION: Audited = Audited {
    table: "grade_rectification",
    key: "id",
};

pub const CONSUMABLE_ITEM: Audited = Audited {
    table: "consumable_item",
    key: "sku",
};
pub const CONSUMABLE_MOVEMENT: Audited = Audited {
    table: "consumable_movement",
    key: "id",
};
pub const CONSUMABLE_QUOTA: Audited = Audited {
    table: "consumable_quota",
    key: "id",
};
pub const DUTY: Audited = Audited {
    table: "duty",
    key: "name",
};
pub const DUTY_DONE: Audited = Audited {
    table: "duty_done",
    key: "id",
};
pub const SOFTWARE_ALLOWED: Audited = Audited {
    table: "software_allowed",
    key: "id",
};
pub const SOFTWARE_INSTALLED: Audited = Audited {
    table: "software_installed",
    key: "id",
};
pub const BACKUP_POLICY: Audited = Audited {
    table: "backup_policy",
    key: "id",
};
pub const BACKUP_RUN: Audited = Audited {
    table: "backup_run",
    key: "id",
};
pub const BACKUP_DRILL: Audited = Audited {
    table: "backup_drill",
    key: "id",
};

/// Every table whose rows `audit verify` compares with the trail. A table
/// that holds register data and is missing here would escape verification.
pub const AUDITED: &[Audited] = &[
    DEPARTMENT,
    PERSON,
    SYSTEM,
    ASSET,
    ASSET_TRANSFER,
    MAINTENANCE,
    DAMAGE,
    ASSET_STATUS_CHANGE,
    ASSET_REVISION,
    GRADE_ASSESSMENT,
    GRADE_FILING,
    GRADE_EVALUATION,
    GRADE_INSPECTION,
    GRADE_RECTIFICATION,
    REQUEST,
    REQUEST_LINE,
    REQUEST_ASSET,
    REQUEST_STEP,
    ASSET_DISPOSAL,
    CONSUMABLE_ITEM,
    CONSUMABLE_MOVEMENT,
    CONSUMABLE_QUOTA,
    DUTY,
    DUTY_DONE,
    SOFTWARE_ALLOWED,
    SOFTWARE_INSTALLED,
    BACKUP_POLICY,
    BACKUP_RUN,
    BACKUP_DRILL,
];

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An audited write transaction. Dropping it without `commit` rolls back
/// both the change and its audit entries.
pub struct Tx<'a> {
    tx: Transaction<'a>,
    who: &'a Actor,
    at: String,
    seq: i64,
    hash: String,
    shapes: HashMap<&'static str, Shape>,
}

impl<'a> Tx<'a> {
    pub(super) fn begin(tx: Transaction<'a>, who: &'a Actor) -> Result<Tx<'a>> {
        let (seq, hash) = tx
            .query_row(
                "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
            )
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok((0, GENESIS.to_string())),
                e => Err(e),
            })
            .context("reading the head of the audit trail")?;
        Ok(Tx {
            tx,
            who,
            // The real clock, never --as-of: the trail records when a change
            // was actually made.
            at: format_instant(chrono::Utc::now()),
            seq,
            hash,
            shapes: HashMap::new(),
        })
    }

    /// Reads within the transaction.
    pub fn conn(&self) -> &Connection {
        &self.tx
    }

    /// Runs an `INSERT` of one row and audits the new row; returns its `id`.
    ///
    /// The row is read back by rowid rather than with `RETURNING *`: SQLite
    /// builds an ephemeral table for every RETURNING statement, which made a
    /// bulk import three times slower.
    pub fn insert(&mut self, what: Audited, sql: &str, p: impl Params) -> Result<i64> {
        debug_assert!(
            !sql.contains("RETURNING"),
            "an audited insert reads its row back itself"
        );
        let n = self
            .tx
            .prepare_cached(sql)
            .with_context(|| format!("preparing an insert into {}", what.table))?
            .execute(p)
            .with_context(|| format!("inserting into {}", what.table))?;
        if n != 1 {
            bail!("an insert meant for one {} row inserted {n}", what.table);
        }
        let id = self.tx.last_insert_rowid();
        let (key, row) = {
            let mut stmt = self
                .tx
                .prepare_cached(&format!("SELECT * FROM {} WHERE rowid = ?1", what.table))?;
            if !self.shapes.contains_key(what.table) {
                let shape = Shape::of(stmt.column_names(), what.key, what.table)?;
                self.shapes.insert(what.table, shape);
            }
            let shape = &self.shapes[what.table];
            let mut rows = stmt.query([id])?;
            let row = rows
                .next()?
                .with_context(|| format!("reading back the new {} row", what.table))?;
            (key_text(row, shape)?, row_json(row, shape)?)
        };
        self.append(what.table, &key, "insert", Some(&row))?;
        Ok(id)
    }

    /// Runs an `UPDATE ... RETURNING *` that must touch exactly one row, and
    /// audits the row after the change. Returns its `id`.
    pub fn update(&mut self, what: Audited, sql: &str, p: impl Params) -> Result<i64> {
        self.change(what, "update", sql, p)
    }

    /// Runs a `DELETE ... RETURNING *` of one row and audits its removal.
    pub fn delete(&mut self, what: Audited, sql: &str, p: impl Params) -> Result<i64> {
        self.change(what, "delete", sql, p)
    }

    fn change(&mut self, what: Audited, action: &str, sql: &str, p: impl Params) -> Result<i64> {
        debug_assert!(
            sql.contains("RETURNING *"),
            "audited statements return the row"
        );
        let (id, key, row) = {
            let mut stmt = self
                .tx
                .prepare_cached(sql)
                .with_context(|| format!("preparing a change to {}", what.table))?;
            let shape = Shape::of(stmt.column_names(), what.key, what.table)?;
            let mut rows = stmt
                .query(p)
                .with_context(|| format!("changing {}", what.table))?;
            let row = match rows
                .next()
                .with_context(|| format!("changing {}", what.table))?
            {
                Some(r) => r,
                None => bail!("no {} row matched the change", what.table),
            };
            let id: i64 = row.get("id")?;
            let key = key_text(row, &shape)?;
            let json = row_json(row, &shape)?;
            if rows.next()?.is_some() {
                bail!("a change meant for one {} row matched several", what.table);
            }
            (id, key, json)
        };
        let row = if action == "delete" { None } else { Some(row) };
        self.append(what.table, &key, action, row.as_deref())?;
        Ok(id)
    }

    fn append(&mut self, entity: &str, key: &str, action: &str, row: Option<&str>) -> Result<()> {
        let seq = self.seq + 1;
        let hash = entry_hash(&Entry {
            seq,
            at: &self.at,
            actor: &self.who.actor,
            os_user: &self.who.os_user,
            command: &self.who.command,
            entity,
            key,
            action,
            row,
            prev_hash: &self.hash,
        });
        self.tx
            .prepare_cached(
                "INSERT INTO audit_log (seq, at, actor, os_user, command, entity, key, action, row, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .context("preparing an audit entry")?
            .execute(params![
                seq,
                self.at,
                self.who.actor,
                self.who.os_user,
                self.who.command,
                entity,
                key,
                action,
                row,
                self.hash,
                hash
            ])
            .context("appending an audit entry")?;
        self.seq = seq;
        self.hash = hash;
        Ok(())
    }

    pub fn commit(self) -> Result<()> {
        self.tx
            .commit()
            .context("committing the change to the register")
    }
}

struct Entry<'e> {
    seq: i64,
    at: &'e str,
    actor: &'e str,
    os_user: &'e str,
    command: &'e str,
    entity: &'e str,
    key: &'e str,
    action: &'e str,
    row: Option<&'e str>,
    prev_hash: &'e str,
}

/// SHA-256 over every field, separated by the ASCII unit separator so that
/// no shift of text between fields gives the same input.
fn entry_hash(e: &Entry<'_>) -> String {
    let mut h = Sha256::new();
    for part in [
        e.seq.to_string().as_str(),
        e.at,
        e.actor,
        e.os_user,
        e.command,
        e.entity,
        e.key,
        e.action,
        e.row.unwrap_or("\u{0}"),
        e.prev_hash,
    ] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// The columns of an audited table as its rows are serialised: the key
/// column's index, and the columns in name order with their names already
/// quoted, so each row is written straight into one string.
struct Shape {
    key: usize,
    order: Vec<(usize, String)>,
}

impl Shape {
    fn of<'n>(names: impl Iterator<Item = &'n str>, key: &str, table: &str) -> Result<Shape> {
        let mut cols: Vec<(usize, &str)> = names.enumerate().collect();
        let key = cols
            .iter()
            .find(|(_, n)| *n == key)
            .map(|(i, _)| *i)
            .with_context(|| format!("the audited key column {table}.{key} is missing"))?;
        cols.sort_by(|a, b| a.1.cmp(b.1));
        let order = cols
            .into_iter()
            .map(|(i, n)| Ok((i, serde_json::to_string(n)?)))
            .collect::<Result<_>>()?;
        Ok(Shape { key, order })
    }
}

/// A row as canonical JSON: keys sorted, so the same row always gives the
/// same text, at write time and at verify time, whatever the column order.
fn row_json(row: &Row<'_>, shape: &Shape) -> Result<String> {
    let mut out = String::with_capacity(64 * shape.order.len());
    out.push('{');
    for (n, (i, name)) in shape.order.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(name);
        out.push(':');
        match row.get_ref(*i)? {
            ValueRef::Null => out.push_str("null"),
            ValueRef::Integer(v) => out.push_str(&v.to_string()),
            ValueRef::Real(x) => out.push_str(&serde_json::to_string(&x)?),
            ValueRef::Text(t) => out.push_str(&serde_json::to_string(&String::from_utf8_lossy(t))?),
            ValueRef::Blob(b) => {
                out.push('"');
                out.push_str(&hex(b));
                out.push('"');
            }
        }
    }
    out.push('}');
    Ok(out)
}

fn key_text(row: &Row<'_>, shape: &Shape) -> Result<String> {
    Ok(match row.get_ref(shape.key)? {
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Null => String::new(),
        ValueRef::Blob(b) => hex(b),
    })
}

/// The newest entry: its sequence number and hash, to be kept elsewhere as
/// an anchor for `audit verify --anchor SEQ:HASH`.
pub fn head(conn: &Connection) -> Result<Option<(i64, String)>> {
    let mut stmt = conn
        .prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        .context("reading the head of the audit trail")?;
    let mut rows = stmt.query([])?;
    Ok(match rows.next()? {
        Some(r) => Some((r.get(0)?, r.get(1)?)),
        None => None,
    })
}

/// Parses `SEQ:HASH`.
pub fn parse_anchor(value: &str) -> Result<(i64, String)> {
    let bad = || {
        anyhow::anyhow!(
            "--anchor: {value:?} is not an anchor; expected SEQ:HASH as printed by `infogov audit head`"
        )
    };
    let (seq, hash) = value.trim().split_once(':').ok_or_else(bad)?;
    let seq: i64 = seq.parse().map_err(|_| bad())?;
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    Ok((seq, hash.to_ascii_lowercase()))
}

fn problem(subject: String, message: String, zh: String) -> Finding {
    Finding::new("audit", Severity::Critical, subject, message, "SEC-4").zh(zh)
}

/// The register's tables, indexes, triggers and views as (type, name, sql).
fn schema_objects(conn: &Connection) -> Result<Vec<(String, String, Option<String>)>> {
    let mut stmt = conn
        .prepare(
            "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
        )
        .context("reading the register's schema")?;
    let objects = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()
        .context("reading the register's schema")?;
    Ok(objects)
}

/// Compares the register's schema with the one this binary creates. A
/// trigger planted with the sqlite3 CLI could rewrite every future change
/// before the trail records it, and a dropped CHECK or index would let
/// impossible rows in: either is tampering the row comparison cannot see.
fn schema_drift(conn: &Connection) -> Result<Vec<Finding>> {
    let mut expected_conn = Connection::open_in_memory().context("opening a scratch database")?;
    super::migrate::migrate(&mut expected_conn, std::path::Path::new(":memory:"))?;
    let expected = schema_objects(&expected_conn)?;
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
    for (kind, name, _) in &expected {
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

/// Checks the schema, the whole trail, and every audited table against it.
pub fn verify(conn: &Connection, anchor: Option<&(i64, String)>) -> Result<Vec<Finding>> {
    let mut problems = schema_drift(conn)?;
    // The newest state of each audited row per the trail, as a digest of its
    // JSON: 16 bytes a row keeps a million-row register's check small.
    let mut latest: HashMap<(usize, String), Option<[u8; 16]>> = HashMap::new();
    let mut anchor_seen = false;
    {
        let mut stmt = conn
            .prepare(
                "SELECT seq, at, actor, os_user, command, entity, key, action, row, prev_hash, hash
                 FROM audit_log ORDER BY seq",
            )
            .context("reading the audit trail")?;
        let mut rows = stmt.query([])?;
        let mut expected_seq = 1i64;
        let mut prev = GENESIS.to_string();
        while let Some(r) = rows.next().context("reading the audit trail")? {
            let seq: i64 = r.get(0)?;
            let at: String = r.get(1)?;
            let actor: String = r.get(2)?;
            let os_user: String = r.get(3)?;
            let command: String = r.get(4)?;
            let entity: String = r.get(5)?;
            let key: String = r.get(6)?;
            let action: String = r.get(7)?;
            let row: Option<String> = r.get(8)?;
            let prev_hash: String = r.get(9)?;
            let hash: String = r.get(10)?;
            let subject = format!("{entity} {key}");
            if seq != expected_seq {
                problems.push(problem(
                    format!("audit_log {expected_seq}"),
                    format!(
                        "entries {expected_seq} to {} are missing from the trail",
                        seq - 1
                    ),
                    format!("审计日志第 {expected_seq} 至 {} 条缺失", seq - 1),
                ));
            }
            if prev_hash != prev {
                problems.push(problem(
                    subject.clone(),
                    format!("entry {seq} does not follow the entry before it: the chain is broken"),
                    format!("第 {seq} 条与前一条不衔接：哈希链断裂"),
                ));
            }
            let computed = entry_hash(&Entry {
                seq,
                at: &at,
                actor: &actor,
                os_user: &os_user,
                command: &command,
                entity: &entity,
                key: &key,
                action: &action,
                row: row.as_deref(),
                prev_hash: &prev_hash,
            });
            if computed != hash {
                problems.push(problem(
                    subject.clone(),
                    format!("entry {seq} was altered after it was written"),
                    format!("第 {seq} 条写入后被篡改"),
                ));
            }
            if let Some((aseq, ahash)) = anchor
                && *aseq == seq
            {
                anchor_seen = true;
                if *ahash != hash {
                    problems.push(problem(
                        format!("audit_log {seq}"),
                        format!("entry {seq} is not the one anchored (hash {ahash}): the trail was rewritten"),
                        format!("第 {seq} 条与锚点（哈希 {ahash}）不符：审计日志被重写"),
                    ));
                }
            }
            if let Some(table) = AUDITED.iter().position(|a| a.table == entity) {
                latest.insert((table, key), row.as_deref().map(digest));
            }
            expected_seq = seq + 1;
            prev = hash;
        }
    }
    if let Some((aseq, _)) = anchor
        && !anchor_seen
    {
        problems.push(problem(
            format!("audit_log {aseq}"),
            format!(
                "the anchored entry {aseq} is no longer in the trail: it was truncated or rewritten"
            ),
            format!("锚定的第 {aseq} 条已不在审计日志中：日志被截断或重写"),
        ));
    }

    for (ti, audited) in AUDITED.iter().enumerate() {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {}", audited.table))
            .with_context(|| format!("reading {} to verify it", audited.table))?;
        let shape = Shape::of(stmt.column_names(), audited.key, audited.table)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let key = key_text(r, &shape)?;
            let json = row_json(r, &shape)?;
            match latest.remove(&(ti, key.clone())) {
                None | Some(None) => problems.push(problem(
                    format!("{} {key}", audited.table),
                    "was inserted without an audit entry (changed behind the tool's back)"
                        .to_string(),
                    "无审计记录的新增（绕过本工具修改）".to_string(),
                )),
                Some(Some(d)) if d != digest(&json) => problems.push(problem(
                    format!("{} {key}", audited.table),
                    "differs from its last audited state (changed behind the tool's back)"
                        .to_string(),
                    "与最后一次审计记录不符（绕过本工具修改）".to_string(),
                )),
                Some(Some(_)) => {}
            }
        }
    }
    let mut gone: Vec<_> = latest
        .into_iter()
        .filter_map(|((ti, key), d)| d.map(|_| (AUDITED[ti].table, key)))
        .collect();
    gone.sort();
    for (table, key) in gone {
        problems.push(problem(
            format!("{table} {key}"),
            "was deleted without an audit entry (changed behind the tool's back)".to_string(),
            "无审计记录的删除（绕过本工具修改）".to_string(),
        ));
    }
    Ok(problems)
}

fn digest(s: &str) -> [u8; 16] {
    let full = Sha256::digest(s.as_bytes());
    let mut out = [0u8; 16];
    out.copy_from_slice(&full[..16]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_but_the_trail_is_audited() {
        // A table missing from AUDITED would escape `audit verify`.
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrate::migrate(&mut conn, std::path::Path::new(":memory:")).unwrap();
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'audit_log' ORDER BY name")
            .unwrap();
        let tables: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for t in &tables {
            assert!(
                AUDITED.iter().any(|a| a.table == t),
                "{t} is not in AUDITED"
            );
        }
        assert_eq!(tables.len(), AUDITED.len());
    }

    #[test]
    fn anchors_parse() {
        let h = "a".repeat(64);
        assert_eq!(parse_anchor(&format!("12:{h}")).unwrap(), (12, h));
        assert!(parse_anchor("12").is_err());
        assert!(parse_anchor("x:abc").is_err());
    }

    #[test]
    fn hash_separates_fields() {
        let base = Entry {
            seq: 1,
            at: "t",
            actor: "ab",
            os_user: "c",
            command: "",
            entity: "e",
            key: "k",
            action: "insert",
            row: None,
            prev_hash: GENESIS,
        };
        let shifted = Entry {
            actor: "a",
            os_user: "bc",
            ..base
        };
        assert_ne!(entry_hash(&base), entry_hash(&shifted));
    }
}
