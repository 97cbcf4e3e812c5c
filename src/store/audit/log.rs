//! `audit log`: the entries as a person reads them, each rebuilt whole from
//! the lean storage in one pass, the shapes read once (the `audit_log` view
//! does the same in SQL, a subquery per entry, for the sqlite3 CLI).

use anyhow::{Context, Result};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, params};

use super::stored::{Shapes, logical_row};

/// Which entries: each filter that is set must match.
#[derive(Default)]
pub struct Filter {
    pub entity: Option<String>,
    pub key: Option<String>,
    pub actor: Option<String>,
    /// RFC 3339, UTC: entries made at or after it.
    pub since: Option<String>,
}

/// One entry whole, and who recorded it when its command was recorded on
/// behalf of its actor.
pub struct Logged {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub os_user: String,
    pub command: String,
    pub entity: String,
    pub key: String,
    pub action: String,
    pub row: Option<String>,
    pub recorded_by: Option<String>,
}

/// Every entry the filter takes, oldest first, handed to `each`.
pub fn entries(
    conn: &Connection,
    f: &Filter,
    mut each: impl FnMut(Logged) -> Result<()>,
) -> Result<()> {
    let shapes = Shapes::load(conn)?;
    // An entry of a command recorded on behalf of its actor names the
    // administrator who recorded it: the on_behalf entry of the same command.
    let mut stmt = conn
        .prepare(
            "SELECT e.seq, c.at, c.actor, c.os_user, c.line, e.entity, e.key, e.action, e.shape, e.row,
                    (SELECT p.name FROM audit_entry o
                       JOIN on_behalf b ON b.id = CAST(o.key AS INTEGER)
                       JOIN person p ON p.id = b.recorded_by
                      WHERE o.entity = 'on_behalf' AND o.command = e.command
                      LIMIT 1)
             FROM audit_entry e LEFT JOIN audit_command c ON c.id = e.command
             WHERE (?1 IS NULL OR e.entity = ?1) AND (?2 IS NULL OR e.key = ?2)
               AND (?3 IS NULL OR c.actor = ?3) AND (?4 IS NULL OR c.at >= ?4)
             ORDER BY e.seq",
        )
        .context("reading the audit trail")?;
    let mut rows = stmt.query(params![f.entity, f.key, f.actor, f.since])?;
    let mut buf = Vec::new();
    while let Some(r) = rows.next().context("reading the audit trail")? {
        let text =
            |i: usize| -> Result<String> { Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default()) };
        let row = match r.get_ref(9)? {
            // Values that fit no shape (edited behind the tool's back) are
            // shown as they are stored.
            ValueRef::Text(t) => Some(if logical_row(&shapes, r.get(8)?, t, &mut buf) {
                String::from_utf8_lossy(&buf).into_owned()
            } else {
                String::from_utf8_lossy(t).into_owned()
            }),
            _ => None,
        };
        each(Logged {
            seq: r.get(0)?,
            at: text(1)?,
            actor: text(2)?,
            os_user: text(3)?,
            command: text(4)?,
            entity: text(5)?,
            key: text(6)?,
            action: text(7)?,
            row,
            recorded_by: r.get(10)?,
        })?;
    }
    Ok(())
}
