//! The tamper-evident audit trail (SEC-4).
//!
//! Every write goes through [`Tx`], whose `insert`/`update`/`delete` run the
//! statement with `RETURNING *` and append an entry holding the whole row
//! after the change, in the same transaction. Entries are hash-chained. So
//! `verify` can prove three things: the chain is unbroken; every audited row
//! is exactly as its newest entry says (a row inserted, changed or deleted
//! with the sqlite3 CLI shows up); and, given an anchor kept elsewhere, the
//! chain was not rewritten wholesale.

mod chain;
pub mod checkpoint;
mod compare;
pub(super) mod lean;
pub mod log;
pub mod mark;
mod schema;
pub mod stored;
mod tables;
mod verify;
mod walk;
pub mod witness;

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, Params, Transaction, params};

use crate::domain::time::format_instant;
use chain::{Entry, GENESIS, Shape, entry_digest, hash_text, hex, key_text, row_both};
pub use chain::{head, parse_anchor};
pub use schema::planted;
pub use tables::*;
pub use verify::{Trust, verify};

/// Who is making a change: the `--actor` (a person's name), the OS account
/// that ran the command, and the command line itself.
#[derive(Debug, Clone)]
pub struct Actor {
    pub actor: String,
    pub os_user: String,
    pub command: String,
    /// Set when an administrator records the command's steps on behalf of
    /// `actor`: who recorded it, and the evidence.
    pub on_behalf: Option<OnBehalf>,
    /// Why this actor may not change the register (say, `--actor` naming
    /// someone other than the person logged in). Reading is not acting, so
    /// the refusal waits for the first write.
    pub refused: Option<String>,
}

/// An administrator's record of a step taken by another person.
#[derive(Debug, Clone)]
pub struct OnBehalf {
    pub recorded_by: i64,
    pub on_behalf_of: i64,
    pub evidence_file: String,
    pub evidence_sha256: String,
}

/// An audited write transaction. Dropping it without `commit` rolls back
/// both the change and its audit entries.
pub struct Tx<'a> {
    tx: Transaction<'a>,
    who: &'a Actor,
    witness: Option<witness::Witness>,
    /// The head when the transaction began: a commit that appended nothing
    /// has no new head to witness.
    begun_at: i64,
    at: String,
    seq: i64,
    hash: String,
    shapes: HashMap<&'static str, Shape>,
    /// The `audit_command` row of this transaction's entries, once one is
    /// written.
    command: Option<i64>,
    /// The `audit_shape` id last written or found for each table, with its
    /// column list.
    shape_ids: HashMap<&'static str, (String, i64)>,
}

impl<'a> Tx<'a> {
    pub(super) fn begin(
        tx: Transaction<'a>,
        who: &'a Actor,
        witness: Option<witness::Witness>,
    ) -> Result<Tx<'a>> {
        if let Some(why) = &who.refused {
            bail!("{why}");
        }
        let (seq, hash) = tx
            .query_row(
                "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get::<_, i64>(0)?, hash_text(r.get_ref(1)?))),
            )
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok((0, GENESIS.to_string())),
                e => Err(e),
            })
            .context("reading the head of the audit trail")?;
        let mut t = Tx {
            tx,
            who,
            witness,
            begun_at: seq,
            // The real clock, never --as-of: the trail records when a change
            // was actually made.
            at: format_instant(chrono::Utc::now()),
            seq,
            hash,
            shapes: HashMap::new(),
            command: None,
            shape_ids: HashMap::new(),
        };
        // The first entry of an on-behalf command says so: its steps, in
        // this same transaction, were recorded by an administrator.
        if let Some(ob) = &who.on_behalf {
            let at = t.at.clone();
            crate::store::identity::record_on_behalf(
                &mut t,
                &at,
                ob.recorded_by,
                ob.on_behalf_of,
                &ob.evidence_file,
                &ob.evidence_sha256,
                &who.command,
            )?;
        }
        Ok(t)
    }

    /// Reads within the transaction.
    pub fn conn(&self) -> &Connection {
        &self.tx
    }

    /// Who makes this change (`--actor`), as the trail records it.
    pub fn actor(&self) -> &str {
        &self.who.actor
    }

    /// When this change is made (the real time, RFC 3339), as the trail records it.
    pub fn at(&self) -> &str {
        &self.at
    }

    /// The head of the trail as this transaction has it: (seq, hash).
    pub fn head(&self) -> (i64, &str) {
        (self.seq, &self.hash)
    }

    /// The witness this transaction's commit appends to.
    pub fn witness(&self) -> Option<&witness::Witness> {
        self.witness.as_ref()
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
            check_lengths(row, shape, what.table)?;
            let (json, values) = row_both(row, shape)?;
            (key_text(row, shape)?, (json, values))
        };
        let shape = Tx::cached_shape(
            &self.tx,
            &mut self.shape_ids,
            what.table,
            &self.shapes[what.table].columns,
        )?;
        self.append(what.table, &key, "insert", Some((shape, row.0, row.1)))?;
        Ok(id)
    }

    /// Runs an `UPDATE ... RETURNING *` that must touch exactly one row, and
    /// audits the row after the change. Returns its `id`.
    pub fn update(&mut self, what: Audited, sql: &str, p: impl Params) -> Result<i64> {
        self.change(what, "update", sql, p)
    }

    /// Records that a row is no longer known under `old_key`, before an
    /// update that changes its key column (a department renamed): the trail
    /// then follows the row under its new key, and `audit verify` does not
    /// take the old key for a row deleted behind the tool's back.
    pub fn rekey(&mut self, what: Audited, old_key: &str) -> Result<()> {
        self.append(what.table, old_key, "delete", None)
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
            if action != "delete" {
                check_lengths(row, &shape, what.table)?;
            }
            let key = key_text(row, &shape)?;
            let (json, values) = row_both(row, &shape)?;
            if rows.next()?.is_some() {
                bail!("a change meant for one {} row matched several", what.table);
            }
            let shape =
                Tx::cached_shape(&self.tx, &mut self.shape_ids, what.table, &shape.columns)?;
            (id, key, (shape, json, values))
        };
        let row = if action == "delete" { None } else { Some(row) };
        self.append(what.table, &key, action, row)?;
        Ok(id)
    }

    /// Appends one entry. `row` is the row after the change as (its shape's
    /// id, canonical JSON, values): the hash covers the JSON, the trail
    /// stores the values under the shape (see `stored`).
    fn append(
        &mut self,
        entity: &'static str,
        key: &str,
        action: &str,
        row: Option<(i64, String, String)>,
    ) -> Result<()> {
        let seq = self.seq + 1;
        let digest = entry_digest(&Entry {
            seq,
            at: &self.at,
            actor: &self.who.actor,
            os_user: &self.who.os_user,
            command: &self.who.command,
            entity,
            key,
            action,
            row: row.as_ref().map(|(_, json, _)| json.as_str()),
            prev_hash: &self.hash,
        });
        let command = self.command_id()?;
        let (shape, values) = match row {
            Some((shape, _, values)) => (Some(shape), Some(values)),
            None => (None, None),
        };
        self.tx
            .prepare_cached(
                "INSERT INTO audit_entry (seq, command, entity, key, action, shape, row, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .context("preparing an audit entry")?
            .execute(params![
                seq,
                command,
                entity,
                key,
                action,
                shape,
                values,
                &digest[..]
            ])
            .context("appending an audit entry")?;
        self.seq = seq;
        self.hash = hex(&digest);
        Ok(())
    }

    /// This transaction's `audit_command` row, written with its first entry.
    fn command_id(&mut self) -> Result<i64> {
        if let Some(id) = self.command {
            return Ok(id);
        }
        self.tx
            .prepare_cached(
                "INSERT INTO audit_command (at, actor, os_user, line) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                self.at,
                self.who.actor,
                self.who.os_user,
                self.who.command
            ])
            .context("recording the command in the audit trail")?;
        let id = self.tx.last_insert_rowid();
        self.command = Some(id);
        Ok(id)
    }

    /// The `audit_shape` id of a table's column list, added the first time;
    /// over the fields, so that a caller can lend the columns from `shapes`.
    fn cached_shape(
        tx: &Connection,
        ids: &mut HashMap<&'static str, (String, i64)>,
        entity: &'static str,
        columns: &str,
    ) -> Result<i64> {
        if let Some((known, id)) = ids.get(entity)
            && known == columns
        {
            return Ok(*id);
        }
        let id = shape_id(tx, entity, columns)?;
        ids.insert(entity, (columns.to_string(), id));
        Ok(id)
    }

    /// Commits, then appends the new head to the witness file. The change
    /// stands even if the witness cannot be written; the command then fails
    /// saying so, and the next verify names the unwitnessed entries.
    pub fn commit(self) -> Result<()> {
        self.tx
            .commit()
            .context("committing the change to the register")?;
        if self.seq > self.begun_at
            && let Some(w) = &self.witness
        {
            witness::append(
                &w.file,
                &witness::Head {
                    register: w.register.clone(),
                    seq: self.seq,
                    hash: self.hash.clone(),
                    at: self.at.clone(),
                    signature: None,
                },
            )
            .context("the change was committed, but its head could not be witnessed")?;
        }
        Ok(())
    }
}

/// The id of the shape (entity, columns), added if the trail has none yet.
pub(crate) fn shape_id(conn: &Connection, entity: &str, columns: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO audit_shape (entity, columns) VALUES (?1, ?2)
         ON CONFLICT (entity, columns) DO NOTHING",
    )?
    .execute([entity, columns])
    .context("recording a table's columns in the audit trail")?;
    conn.prepare_cached("SELECT id FROM audit_shape WHERE entity = ?1 AND columns = ?2")?
        .query_row([entity, columns], |r| r.get(0))
        .context("reading a table's columns in the audit trail")
}

/// Refuses a row with a text longer than the limits allow (`[limits]`):
/// here, so that every command and every import is held to them.
fn check_lengths(row: &rusqlite::Row<'_>, shape: &Shape, table: &str) -> Result<()> {
    let limits = crate::domain::correction::limits();
    for (i, name) in &shape.order {
        if let rusqlite::types::ValueRef::Text(t) = row.get_ref(*i)?
            && t.len() > limits.name.min(limits.text)
        {
            let column = name.trim_matches('"');
            limits.check(table, column, &String::from_utf8_lossy(t))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::chain::entry_hash;
    use super::*;

    #[test]
    fn every_table_but_the_trail_is_audited() {
        // A table missing from AUDITED would escape `audit verify`.
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrate::migrate(&mut conn, std::path::Path::new(":memory:")).unwrap();
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN ('audit_entry', 'audit_command', 'audit_shape', 'audit_checkpoint') ORDER BY name")
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
