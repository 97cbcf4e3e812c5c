//! A small `PRAGMA user_version` migrator, after taskchampion's: a fresh
//! register gets `schema.sql` whole; an older one gets each later migration in
//! its own transaction. Migrations are append-only: a released one is never
//! edited, and `schema.sql` is kept equal to "version 1 plus every migration"
//! (a test checks that both paths give the same schema).

use std::path::Path;

use anyhow::{Context, Result, bail};
use rusqlite::Connection;

/// The whole current schema.
pub const SCHEMA_SQL: &str = include_str!("../../schema.sql");

/// `PRAGMA application_id` of an infogov register ("INFG"), so that another
/// program's SQLite file is recognised and refused instead of being altered.
pub const APPLICATION_ID: i64 = 0x494E_4647;

/// One upgrade: SQL, or (when rows must be rewritten with the tool's own
/// rules, as the audit trail's) a function, run in the migration's
/// transaction.
pub enum Migration {
    Sql(&'static str),
    Run(fn(&Connection) -> Result<()>),
}

impl Migration {
    pub fn apply(&self, conn: &Connection) -> Result<()> {
        match self {
            Migration::Sql(sql) => conn.execute_batch(sql).map_err(Into::into),
            Migration::Run(f) => f(conn),
        }
    }
}

use Migration::{Run, Sql};

/// Upgrades from version N-1 to N, for N = 2, 3, ... in order.
pub const MIGRATIONS: &[Migration] = &[
    // 2: grading reports, filing rejections and cancellations, system changes;
    // unplanned consumables receipts and departments' stated needs
    Sql(include_str!("migrations/0002_grading_and_plans.sql")),
    // 3: corrections (#12): voids and amendments, in new tables so that no
    // audited row is rewritten.
    Sql(include_str!("migrations/0003_correction.sql")),
    // 4: stock-taking (#13): the asset status `missing` (a rebuild of
    // `asset`), service life and warranty, and the stock-take tables.
    Sql(include_str!("migrations/0004_stocktake.sql")),
    // 5: restore chains (#15): each run's place in its chain, the recovery
    // point objective and the run a drill restored, in new tables.
    Sql(include_str!("migrations/0005_chains.sql")),
    // 6: the register's time zone (#11), in a new table, so no audited row
    // is rewritten.
    Sql(include_str!("migrations/0006_register_setting.sql")),
    // 7: the serial index (asset import, #10).
    Sql(include_str!("migrations/0007_import.sql")),
    // 8: signed checkpoints, logins and on-behalf steps (#16).
    Sql(include_str!("migrations/0008_trust.sql")),
    // 9: security operations (#15): antivirus per device, servers' log
    // retention and duties per device, in new tables.
    Sql(include_str!("migrations/0009_secops.sql")),
    // 10: the incident register (#15): a new table, and `record_void` rebuilt
    // (rows unchanged) so that an incident can be voided.
    Sql(include_str!("migrations/0010_incident.sql")),
    // 11: the audit trail stored lean (#17): commands and column lists once,
    // rows as values, hashes as bytes; every entry moved over and
    // re-verified (store/audit/lean.rs, with 0011_lean_trail.sql).
    Run(super::audit::lean::migrate),
];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = 1 + MIGRATIONS.len() as i64;

/// Checks, without writing, that the file is an infogov register: a newer
/// one is refused, another program's database is refused, and an empty file
/// is accepted only when `create` (that is, by `infogov init`), so that a
/// register truncated to nothing is not quietly started afresh.
pub fn recognise(conn: &Connection, path: &Path, create: bool) -> Result<()> {
    let not_register = || format!("--db: {} is not an infogov register", path.display());
    // One statement, so one snapshot: read one by one, another `init`
    // committing the schema in between looked like another program's file.
    let (version, app_id, tables): (i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT application_id FROM pragma_application_id),
                    (SELECT count(*) FROM sqlite_schema)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .with_context(not_register)?;
    if version == 0 && tables == 0 {
        if create {
            return Ok(());
        }
        bail!(
            "--db: {} is empty, not an infogov register; create a register with `infogov init`",
            path.display()
        );
    }
    if app_id != APPLICATION_ID {
        bail!(
            "--db: {} is a SQLite database of another program, not an infogov register",
            path.display()
        );
    }
    if version > SCHEMA_VERSION {
        bail!(
            "--db: the register {} has schema version {version}, newer than this infogov understands ({SCHEMA_VERSION}); upgrade infogov",
            path.display()
        );
    }
    Ok(())
}

/// Brings the register's schema up to date; returns the version it had
/// (0 for a new file).
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<i64> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .with_context(|| format!("--db: {} is not an infogov register", path.display()))?;
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .context("reading the register's application id")?;
    if version > SCHEMA_VERSION {
        bail!(
            "--db: the register {} has schema version {version}, newer than this infogov understands ({SCHEMA_VERSION}); upgrade infogov",
            path.display()
        );
    }
    if version == 0 {
        // IMMEDIATE, and the file looked at again inside the transaction:
        // of several `init`s started at once, one creates the schema and
        // the others, queued on the write lock, find it made.
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .context("starting the schema creation")?;
        let (version, tables): (i64, i64) = tx
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version), count(*) FROM sqlite_schema",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .context("inspecting a new register")?;
        if version > 0 {
            tx.commit().context("ending the schema inspection")?;
            return migrate(conn, path);
        }
        if tables > 0 {
            bail!(
                "--db: {} is a SQLite database of another program, not an infogov register",
                path.display()
            );
        }
        tx.execute_batch(SCHEMA_SQL)
            .context("creating the register schema")?;
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"
        ))
        .context("stamping the schema version")?;
        tx.commit().context("committing the new schema")?;
        return Ok(0);
    }
    if app_id != APPLICATION_ID {
        bail!(
            "--db: {} is a SQLite database of another program, not an infogov register",
            path.display()
        );
    }
    for (i, step) in MIGRATIONS.iter().enumerate() {
        let to = i as i64 + 2;
        if to <= version {
            continue;
        }
        // IMMEDIATE, and the version read again inside: of two commands
        // opening an older register at once, the second finds it upgraded.
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .context("starting a schema migration")?;
        let now: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .context("reading the schema version")?;
        if to <= now {
            continue;
        }
        step.apply(&tx)
            .with_context(|| format!("migrating the register to schema version {to}"))?;
        tx.execute_batch(&format!("PRAGMA user_version = {to};"))
            .context("stamping the schema version")?;
        tx.commit().context("committing a schema migration")?;
    }
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema_of(conn: &Connection) -> Vec<(String, String)> {
        let mut stmt = conn
            .prepare("SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn fresh_and_migrated_schemas_agree() {
        // Version 1 as first released, frozen beside this file.
        let mut fresh = Connection::open_in_memory().unwrap();
        migrate(&mut fresh, Path::new(":memory:")).unwrap();
        let mut old = Connection::open_in_memory().unwrap();
        old.execute_batch(SCHEMA_V1_SQL).unwrap();
        old.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 1;"
        ))
        .unwrap();
        migrate(&mut old, Path::new(":memory:")).unwrap();
        assert_eq!(schema_of(&fresh), schema_of(&old));
    }

    const SCHEMA_V1_SQL: &str = include_str!("schema_v1.sql");

    #[test]
    fn the_asset_rebuild_keeps_rows_and_the_rows_that_refer_to_them() {
        // A version-1 register with an asset that a transfer refers to.
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
        conn.execute_batch(SCHEMA_V1_SQL).unwrap();
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 1;
             INSERT INTO department (id, name, created_at) VALUES (1, 'IT', 'x');
             INSERT INTO asset (id, tag, kind, name, dept_id, registered) VALUES (7, 'A-1', 'desktop', 'PC', 1, '2026-01-02');
             INSERT INTO asset_transfer (asset_id, date, reason) VALUES (7, '2026-02-01', 'moved');"
        ))
        .unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        let (tag, n): (String, i64) = conn
            .query_row(
                "SELECT a.tag, count(t.id) FROM asset a JOIN asset_transfer t ON t.asset_id = a.id WHERE a.id = 7",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((tag.as_str(), n), ("A-1", 1));
        let broken: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(broken, 0);
        conn.execute("UPDATE asset SET status = 'missing' WHERE id = 7", [])
            .unwrap();
    }

    #[test]
    fn a_migrated_register_still_verifies() {
        // Rows written through the audited Tx on version 1 match their audit
        // entries after the rebuild, and the schema is the current one.
        use super::super::audit::lean::legacy;
        use super::super::audit::{self, ASSET, DEPARTMENT};
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
        conn.execute_batch(SCHEMA_V1_SQL).unwrap();
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 1;"
        ))
        .unwrap();
        legacy::write(
            &conn,
            DEPARTMENT,
            "insert",
            "INSERT INTO department (name, created_at) VALUES ('IT', 'x')",
            0,
        );
        legacy::write(
            &conn,
            ASSET,
            "insert",
            "INSERT INTO asset (tag, kind, name, dept_id, status, registered) VALUES ('A-1', 'desktop', 'PC', 1, 'in-stock', '2026-01-02')",
            0,
        );
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(
            audit::verify(&conn, &audit::Trust::default()).unwrap(),
            vec![]
        );
    }

    #[test]
    fn the_record_void_rebuild_keeps_every_void_and_its_trail() {
        // A version-8 register with a voided backup run, written through the
        // audited Tx, upgraded by migrations 9 and 10 (the incident register).
        use super::super::audit::lean::legacy;
        use super::super::audit::{self, BACKUP_RUN, DEPARTMENT, RECORD_VOID, SYSTEM};
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
        conn.execute_batch(SCHEMA_V1_SQL).unwrap();
        for step in &MIGRATIONS[..7] {
            step.apply(&conn).unwrap();
        }
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 8;"
        ))
        .unwrap();
        for (what, sql) in [
            (DEPARTMENT, "INSERT INTO department (name, created_at) VALUES ('IT', 'x')"),
            (SYSTEM, "INSERT INTO system (name, owner_dept_id, created_at) VALUES ('HIS', 1, 'x')"),
            (
                BACKUP_RUN,
                "INSERT INTO backup_run (system_id, kind, finished, location, status, tool, recorded_at)
                 VALUES (1, 'full', '2026-11-01T01:00:00Z', 'local', 'success', 'manual', 'x')",
            ),
            (
                RECORD_VOID,
                "INSERT INTO record_void (entity, record_id, reason, voided_by, voided_at)
                 VALUES ('backup_run', 1, 'twice', 't', '2026-11-02T00:00:00Z')",
            ),
        ] {
            legacy::write(&conn, what, "insert", sql, 0);
        }
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        let (entity, reason): (String, String) = conn
            .query_row(
                "SELECT entity, reason FROM record_void WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((entity.as_str(), reason.as_str()), ("backup_run", "twice"));
        assert_eq!(
            audit::verify(&conn, &audit::Trust::default()).unwrap(),
            vec![]
        );
        // An incident can now be voided; an unknown kind of record still cannot.
        conn.execute(
            "INSERT INTO record_void (entity, record_id, reason, voided_by, voided_at)
             VALUES ('incident', 1, 'mistake', 't', 'x')",
            [],
        )
        .unwrap();
        assert!(
            conn.execute(
                "INSERT INTO record_void (entity, record_id, reason, voided_by, voided_at)
                 VALUES ('person', 1, 'mistake', 't', 'x')",
                [],
            )
            .is_err()
        );
    }

    #[test]
    fn newer_register_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Path::new("r.db")).unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {};", SCHEMA_VERSION + 1))
            .unwrap();
        let e = migrate(&mut conn, Path::new("r.db"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("newer than this infogov"), "{e}");
    }
}
