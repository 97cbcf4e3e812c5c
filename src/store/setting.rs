//! Register settings: what belongs to the register rather than to one
//! machine's config (its time zone).

use std::path::Path;

use anyhow::{Context, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::Tx;
use super::audit::REGISTER_SETTING;

/// The register's time zone as recorded at `init`, if any.
pub fn timezone(conn: &Connection) -> Result<Option<String>> {
    conn.query_row(
        "SELECT value FROM register_setting WHERE key = 'timezone'",
        [],
        |r| r.get(0),
    )
    .optional()
    .context("reading the register's time zone")
}

/// Reads the time zone without opening the register for writing or
/// upgrading it: every command needs the zone before it parses a time, and a
/// missing or older register simply has none yet.
pub fn peek_timezone(path: &Path) -> Option<String> {
    if !path.is_file() {
        return None;
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    timezone(&conn).ok().flatten()
}

/// Records the register's time zone (audited).
pub fn set_timezone(tx: &mut Tx, zone: &str, now: &str) -> Result<()> {
    if timezone(tx.conn())?.is_some() {
        tx.update(
            REGISTER_SETTING,
            "UPDATE register_setting SET value = ?1, set_at = ?2 WHERE key = 'timezone' RETURNING *",
            params![zone, now],
        )?;
    } else {
        tx.insert(
            REGISTER_SETTING,
            "INSERT INTO register_setting (key, value, set_at) VALUES ('timezone', ?1, ?2)",
            params![zone, now],
        )?;
    }
    Ok(())
}
