//! Migration 11: the trail of an older register moved to the lean storage
//! (see `stored`), in the migration's transaction, and re-verified entry by
//! entry on the way: every entry that verified as it was stored verifies as
//! it is now stored, or nothing is changed.

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::chain::{GENESIS, hash_parts, hex, hex_is};
use super::checkpoint::unhex;
use super::stored::{self, logical_row};

/// The objects of schema 11, as schema.sql has them.
const SQL: &str = include_str!("../migrations/0011_lean_trail.sql");

pub fn migrate(conn: &Connection) -> Result<()> {
    conn.execute_batch("ALTER TABLE audit_log RENAME TO audit_log_v10;")
        .context("setting the old audit trail aside")?;
    conn.execute_batch(SQL)
        .context("creating the lean audit trail")?;
    convert(conn)?;
    conn.execute_batch("DROP TABLE audit_log_v10;")
        .context("removing the old audit trail")
}

/// A text field as stored; a value of another type (only a register edited
/// behind the tool's back could hold one) as the empty text the old
/// verification hashed for it.
fn text(v: ValueRef<'_>) -> &[u8] {
    match v {
        ValueRef::Text(t) => t,
        _ => b"",
    }
}

fn convert(conn: &Connection) -> Result<()> {
    let mut read = conn.prepare(
        "SELECT seq, at, actor, os_user, command, entity, key, action, row, prev_hash, hash
         FROM audit_log_v10 ORDER BY seq",
    )?;
    let mut add_command = conn
        .prepare("INSERT INTO audit_command (at, actor, os_user, line) VALUES (?1, ?2, ?3, ?4)")?;
    let mut add_entry = conn.prepare(
        "INSERT INTO audit_entry (seq, command, entity, key, action, shape, row, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    // Shape ids by (entity, columns), and the shapes as verification reads
    // them, so that each entry is rebuilt here as it will be there.
    let mut ids: HashMap<(Vec<u8>, String), i64> = HashMap::new();
    let mut shapes = stored::Shapes::default();
    // The command of the entries before: consecutive entries of one command
    // share its row.
    let mut command: Option<([Vec<u8>; 4], i64)> = None;
    // The previous entry's hash, as each storage gives it.
    let (mut prev_old, mut prev_new) = (GENESIS.as_bytes().to_vec(), GENESIS.to_string());
    let mut rebuilt = Vec::new();
    let mut rows = read.query([])?;
    while let Some(r) = rows.next().context("reading the old audit trail")? {
        let seq: i64 = r.get(0)?;
        let fields: [Vec<u8>; 4] =
            [1, 2, 3, 4].map(|i| r.get_ref(i).map(|v| text(v).to_vec()).unwrap_or_default());
        let (entity, key, action) = (
            text(r.get_ref(5)?),
            text(r.get_ref(6)?),
            text(r.get_ref(7)?),
        );
        let row = match r.get_ref(8)? {
            ValueRef::Text(t) => Some(t),
            _ => None,
        };
        let (prev_hash, hash) = (text(r.get_ref(9)?), text(r.get_ref(10)?));

        let command_id = match &command {
            Some((f, id)) if *f == fields => *id,
            _ => {
                add_command.execute(rusqlite::params![
                    String::from_utf8_lossy(&fields[0]),
                    String::from_utf8_lossy(&fields[1]),
                    String::from_utf8_lossy(&fields[2]),
                    String::from_utf8_lossy(&fields[3]),
                ])?;
                let id = conn.last_insert_rowid();
                command = Some((fields.clone(), id));
                id
            }
        };
        // The row split into a shape and values where that rebuilds it
        // byte for byte; else kept whole.
        let split = row
            .and_then(|t| std::str::from_utf8(t).ok())
            .and_then(stored::split_row);
        let (shape, stored_row) = match split {
            Some((columns, values)) => {
                let k = (entity.to_vec(), columns);
                let id = match ids.get(&k) {
                    Some(id) => *id,
                    None => {
                        let id = super::shape_id(conn, &String::from_utf8_lossy(entity), &k.1)?;
                        shapes.add(id, &k.1);
                        ids.insert(k, id);
                        id
                    }
                };
                (Some(id), Some(values))
            }
            None => (None, row.map(|t| String::from_utf8_lossy(t).into_owned())),
        };
        // A hash that is the lowercase hex of 32 bytes is stored as them;
        // anything else as its bytes, which no digest equals.
        let digest: Option<[u8; 32]> = std::str::from_utf8(hash)
            .ok()
            .and_then(|t| unhex("hash", t, 32).ok())
            .and_then(|d| <[u8; 32]>::try_from(d).ok())
            .filter(|d| hex_is(hash, d));
        let stored_hash = digest.map_or_else(|| hash.to_vec(), |d| d.to_vec());

        // Did the entry verify as it was stored: its hash over its fields
        // and its own prev_hash, which is the entry before's hash?
        let parts = |row: &[u8], prev: &[u8]| {
            hash_parts(
                seq,
                [
                    &fields[0], &fields[1], &fields[2], &fields[3], entity, key, action, row, prev,
                ],
            )
        };
        let old_row = row.unwrap_or("\u{0}".as_bytes());
        // (An entry after one whose hash was not hex follows a chain that was
        // broken already; it is not held to this.)
        let was_good = prev_hash == prev_old.as_slice()
            && prev_old == prev_new.as_bytes()
            && hex_is(hash, &parts(old_row, prev_hash));
        // And does it as it is stored now, read the way verification reads it?
        let new_row: &[u8] = match &stored_row {
            Some(stored) => {
                if !logical_row(&shapes, shape, stored.as_bytes(), &mut rebuilt) {
                    rebuilt.clear();
                }
                &rebuilt
            }
            None => "\u{0}".as_bytes(),
        };
        let is_good = stored_hash.len() == 32 && stored_hash == parts(new_row, prev_new.as_bytes());
        if was_good && !is_good {
            bail!(
                "migrating the audit trail: entry {seq} verified as it was stored but would not as it is stored now; nothing was changed"
            );
        }
        add_entry.execute(rusqlite::params![
            seq,
            command_id,
            String::from_utf8_lossy(entity),
            String::from_utf8_lossy(key),
            String::from_utf8_lossy(action),
            shape,
            stored_row,
            stored_hash,
        ])?;
        prev_old = hash.to_vec();
        prev_new = hex(&stored_hash);
    }
    Ok(())
}

/// The trail as schema 10 wrote it, for tests of registers made before
/// the lean storage: a row inserted and its whole entry appended.
#[cfg(test)]
pub(crate) mod legacy {
    use rusqlite::Connection;

    use super::super::Audited;
    use super::super::chain::{Entry, GENESIS, Shape, entry_hash, key_text, row_json};

    /// Runs `sql` (an INSERT, UPDATE or DELETE of one row, by `id`) and
    /// appends the entry schema 10 would have: `action` and the row after.
    pub fn write(conn: &Connection, what: Audited, action: &str, sql: &str, id: i64) {
        conn.execute(sql, []).unwrap();
        let id = if action == "insert" {
            conn.last_insert_rowid()
        } else {
            id
        };
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {} WHERE id = ?1", what.table))
            .unwrap();
        let shape = Shape::of(stmt.column_names(), what.key, what.table).unwrap();
        let (key, row) = {
            let mut rows = stmt.query([id]).unwrap();
            match rows.next().unwrap() {
                Some(r) => (
                    key_text(r, &shape).unwrap(),
                    Some(row_json(r, &shape).unwrap()),
                ),
                None => (id.to_string(), None),
            }
        };
        let (seq, prev): (i64, String) = conn
            .query_row(
                "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap_or((0, GENESIS.to_string()));
        let e = Entry {
            seq: seq + 1,
            at: "2026-11-30T08:00:00Z",
            actor: "王伟",
            os_user: "wang",
            command: "infogov test",
            entity: what.table,
            key: &key,
            action,
            row: row.as_deref(),
            prev_hash: &prev,
        };
        let hash = entry_hash(&e);
        conn.execute(
            "INSERT INTO audit_log (seq, at, actor, os_user, command, entity, key, action, row, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            rusqlite::params![e.seq, e.at, e.actor, e.os_user, e.command, e.entity, e.key, e.action, e.row, e.prev_hash, hash],
        )
        .unwrap();
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use rusqlite::Connection;

    use super::super::{self as audit, ASSET, Actor, DEPARTMENT, PERSON, Tx};
    use super::legacy;
    use crate::store::migrate::{self, APPLICATION_ID, MIGRATIONS};

    /// A register at schema 10 with entries written the way schema 10 did.
    fn register_v10() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
        conn.execute_batch(include_str!("../schema_v1.sql"))
            .unwrap();
        for step in &MIGRATIONS[..9] {
            step.apply(&conn).unwrap();
        }
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 10;"
        ))
        .unwrap();
        for (what, action, sql, id) in [
            (
                DEPARTMENT,
                "insert",
                "INSERT INTO department (name, code, created_at) VALUES ('信息科 \"一\"\n', 'X\\Y', 'x')",
                0,
            ),
            (
                PERSON,
                "insert",
                "INSERT INTO person (name, dept_id, created_at) VALUES ('王伟', 1, 'x')",
                0,
            ),
            (
                ASSET,
                "insert",
                "INSERT INTO asset (tag, kind, name, dept_id, custodian_id, status, registered, price) VALUES ('A-1', 'desktop', 'PC', 1, 1, 'in-stock', '2026-01-02', 429900)",
                0,
            ),
            (
                ASSET,
                "update",
                "UPDATE asset SET location = '门诊楼\t2层' WHERE id = 1",
                1,
            ),
        ] {
            legacy::write(&conn, what, action, sql, id);
        }
        conn
    }

    fn entries(conn: &Connection) -> Vec<(i64, String, Option<String>, String)> {
        let mut stmt = conn
            .prepare("SELECT seq, actor || '|' || command, row, hash FROM audit_log ORDER BY seq")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn verify(conn: &Connection) -> Vec<String> {
        audit::verify(conn, &audit::Trust::default())
            .unwrap()
            .into_iter()
            .map(|f| format!("{}: {}", f.subject, f.message))
            .collect()
    }

    #[test]
    fn a_register_of_schema_10_moves_to_the_lean_trail_and_verifies() {
        let mut conn = register_v10();
        let before = entries(&conn);
        migrate::migrate(&mut conn, Path::new(":memory:")).unwrap();
        // The same entries, hashes and rows, read through the view.
        assert_eq!(entries(&conn), before);
        assert_eq!(verify(&conn), Vec::<String>::new());
        let (commands, shapes, whole): (i64, i64, i64) = conn
            .query_row(
                "SELECT (SELECT count(*) FROM audit_command), (SELECT count(*) FROM audit_shape),
                        (SELECT count(*) FROM audit_entry WHERE row LIKE '{%')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!((commands, shapes, whole), (1, 3, 0));
        // A change written now goes on the same chain, under the same shape.
        let who = Actor {
            actor: "李娜".into(),
            os_user: "li".into(),
            command: "infogov asset transfer A-1".into(),
            on_behalf: None,
            refused: None,
        };
        let mut tx = Tx::begin(conn.transaction().unwrap(), &who, None).unwrap();
        tx.update(
            ASSET,
            "UPDATE asset SET location = '住院部' WHERE id = 1 RETURNING *",
            [],
        )
        .unwrap();
        tx.commit().unwrap();
        assert_eq!(verify(&conn), Vec::<String>::new());
        let shapes: i64 = conn
            .query_row("SELECT count(*) FROM audit_shape", [], |r| r.get(0))
            .unwrap();
        assert_eq!(shapes, 3);
    }

    #[test]
    fn a_tampered_register_of_schema_10_still_fails() {
        let mut conn = register_v10();
        conn.execute_batch(
            "UPDATE audit_log SET row = replace(row, '\"PC\"', '\"Mac\"') WHERE seq = 3;
             UPDATE person SET name = '张三' WHERE id = 1;",
        )
        .unwrap();
        migrate::migrate(&mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(
            verify(&conn),
            vec![
                "asset A-1: entry 3 was altered after it was written".to_string(),
                "person 1: differs from its last audited state (changed behind the tool's back)"
                    .to_string(),
            ]
        );
    }

    #[test]
    fn a_row_that_would_not_split_back_is_kept_whole() {
        let mut conn = register_v10();
        conn.execute_batch(
            "UPDATE audit_log SET row = '{\"code\": \"X\"}' WHERE seq = 1;
             UPDATE audit_log SET hash = 'NOT HEX' WHERE seq = 2;",
        )
        .unwrap();
        migrate::migrate(&mut conn, Path::new(":memory:")).unwrap();
        let (row, shape): (String, Option<i64>) = conn
            .query_row(
                "SELECT row, shape FROM audit_entry WHERE seq = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((row.as_str(), shape), ("{\"code\": \"X\"}", None));
        let found = verify(&conn);
        assert!(
            found.iter().any(|f| f.contains("entry 1 was altered")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|f| f.contains("entry 2 was altered")),
            "{found:?}"
        );
    }
}
