//! Every audited row against the trail's newest entry for it.
//!
//! Neither comparison holds the register in memory. The full one streams
//! each table and finds each row's newest entry through the trail's
//! `(entity, key)` index, inside SQLite, then streams the trail's newest
//! entry per key to find the rows that are gone; the daily one looks up only
//! the rows that the entries after the verified point touch, and the rows
//! added to each table since (above the rowid recorded with the point).

use anyhow::{Context, Result};
use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::AUDITED;
use super::Audited;
use super::chain::{Shape, key_text, row_json, row_values};
use super::verify::problem;
use crate::domain::findings::Finding;

fn inserted(table: &str, key: &str) -> Finding {
    problem(
        format!("{table} {key}"),
        "was inserted without an audit entry (changed behind the tool's back)".to_string(),
        "无审计记录的新增（绕过本工具修改）".to_string(),
    )
}

fn differs(table: &str, key: &str) -> Finding {
    problem(
        format!("{table} {key}"),
        "differs from its last audited state (changed behind the tool's back)".to_string(),
        "与最后一次审计记录不符（绕过本工具修改）".to_string(),
    )
}

fn deleted(table: &str, key: &str) -> Finding {
    problem(
        format!("{table} {key}"),
        "was deleted without an audit entry (changed behind the tool's back)".to_string(),
        "无审计记录的删除（绕过本工具修改）".to_string(),
    )
}

/// Whether a row is as its newest entry holds it: the entry's values under
/// the row's own shape (`live_shape`, the id of its table's columns in the
/// trail), or, for an entry kept whole by the migration, its JSON object.
fn same(
    row: &rusqlite::Row<'_>,
    shape: &Shape,
    live_shape: Option<i64>,
    entry_shape: Option<i64>,
    logged: &[u8],
    buf: &mut String,
) -> Result<bool> {
    Ok(if logged.first() == Some(&b'{') {
        row_json(row, shape)?.as_bytes() == logged
    } else if live_shape.is_none() || entry_shape != live_shape {
        false
    } else {
        row_values(row, shape, buf)?;
        buf.as_bytes() == logged
    })
}

/// The trail's id for a table's columns as they are now, if any entry has
/// them.
fn live_shape(conn: &Connection, table: &str, shape: &Shape) -> Result<Option<i64>> {
    let mut stmt = conn
        .prepare_cached("SELECT id FROM audit_shape WHERE entity = ?1 AND columns = ?2")
        .context("reading the shapes of the audit trail")?;
    let mut rows = stmt.query([table, shape.columns.as_str()])?;
    Ok(match rows.next()? {
        Some(r) => Some(r.get(0)?),
        None => None,
    })
}

/// The key column as the trail writes it: text as it is, a number in
/// decimal. An INTEGER key is cast, so the trail's text index serves it.
fn key_as_text(conn: &Connection, a: &Audited) -> Result<String> {
    let kind: Option<String> = conn
        .query_row(
            "SELECT type FROM pragma_table_info(?1) WHERE name = ?2",
            [a.table, a.key],
            |r| r.get(0),
        )
        .ok();
    Ok(match kind {
        Some(k) if k.eq_ignore_ascii_case("INTEGER") => format!("CAST(t.\"{}\" AS TEXT)", a.key),
        _ => format!("t.\"{}\"", a.key),
    })
}

/// The full comparison: every row of every audited table, and every key
/// the trail says still exists.
///
/// The (entity, key) pairs with a delete entry (nothing is deleted in this
/// register but the old name of a renamed record, so they are few) let the
/// trail's live keys be counted from its index alone; only when the table
/// matched fewer is the trail streamed to name the rows that are gone.
pub fn full(conn: &Connection, problems: &mut Vec<Finding>) -> Result<()> {
    let with_deletes: Vec<(String, String)> = conn
        .prepare("SELECT DISTINCT entity, key FROM audit_entry WHERE action = 'delete'")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()
        })
        .context("reading the deletes of the audit trail")?;
    let mut buf = String::new();
    for a in AUDITED {
        let key = key_as_text(conn, a)?;
        let matched = rows_against_trail(conn, a, i64::MIN, problems, &mut buf)?;
        // The live keys: every key of the trail but those whose newest
        // entry is a delete (which have a delete entry, so are in `deleted`).
        let keys: i64 = conn
            .query_row(
                "SELECT count(*) FROM (SELECT DISTINCT key FROM audit_entry WHERE entity = ?1)",
                [a.table],
                |r| r.get(0),
            )
            .with_context(|| format!("counting the trail's records of {}", a.table))?;
        let mut dead = 0i64;
        for (_, key) in with_deletes.iter().filter(|(e, _)| e == a.table) {
            let gone: bool = conn
                .prepare_cached(
                    "SELECT row IS NULL FROM audit_entry WHERE seq =
                       (SELECT max(seq) FROM audit_entry WHERE entity = ?1 AND key = ?2)",
                )?
                .query_row([a.table, key.as_str()], |r| r.get(0))
                .context("reading a deleted record's newest entry")?;
            dead += i64::from(gone);
        }
        if keys - dead == matched {
            continue;
        }
        // Keys whose newest entry holds a row that is no longer there.
        let gone_sql = format!(
            "SELECT m.key FROM
               (SELECT key, max(seq) AS seq FROM audit_entry WHERE entity = ?1 GROUP BY key) m
               JOIN audit_entry l ON l.seq = m.seq
              WHERE l.row IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM \"{table}\" t WHERE {key} = m.key)
              ORDER BY m.key",
            table = a.table,
            key = if key.starts_with("CAST") {
                // The rowid (or unique index) finds the row; the text
                // comparison keeps "012" from naming row 12.
                format!("t.\"{k}\" = m.key AND CAST(t.\"{k}\" AS TEXT)", k = a.key)
            } else {
                key
            }
        );
        let mut stmt = conn
            .prepare(&gone_sql)
            .with_context(|| format!("reading the trail of {} to verify it", a.table))?;
        let mut rows = stmt.query([a.table])?;
        while let Some(r) = rows.next()? {
            let key: String = r.get(0)?;
            problems.push(deleted(a.table, &key));
        }
    }
    Ok(())
}

/// The daily comparison: the rows that the entries after `after` touch,
/// each against its newest entry (which is among those entries).
pub fn touched(conn: &Connection, after: i64, problems: &mut Vec<Finding>) -> Result<()> {
    let mut buf = String::new();
    let mut stmt = conn
        .prepare(
            "SELECT l.entity, l.key, l.shape, l.row FROM audit_entry l
              WHERE l.seq > ?1
                AND l.seq = (SELECT max(i.seq) FROM audit_entry i WHERE i.entity = l.entity AND i.key = l.key)
              ORDER BY l.seq",
        )
        .context("reading the newest entries to verify their rows")?;
    let mut rows = stmt.query([after])?;
    while let Some(e) = rows.next()? {
        let ValueRef::Text(entity) = e.get_ref(0)? else {
            continue;
        };
        let Some(a) = AUDITED.iter().find(|a| a.table.as_bytes() == entity) else {
            continue;
        };
        let key: String = e.get(1)?;
        let entry_shape: Option<i64> = e.get(2).ok().flatten();
        let logged = match e.get_ref(3)? {
            ValueRef::Text(t) => Some(t),
            _ => None,
        };
        let mut find = conn
            .prepare_cached(&format!(
                "SELECT * FROM \"{}\" WHERE \"{}\" = ?1",
                a.table, a.key
            ))
            .with_context(|| format!("reading {} to verify it", a.table))?;
        let shape = Shape::of(find.column_names(), a.key, a.table)?;
        let live = live_shape(conn, a.table, &shape)?;
        let mut found = find.query([&key])?;
        // Whether the row is there, and whether it is as logged.
        let mut current: Option<bool> = None;
        while let Some(r) = found.next()? {
            // An INTEGER key found by the text "012" is not the row the
            // trail calls "012".
            if key_text(r, &shape)? == key {
                current = Some(match logged {
                    Some(l) => same(r, &shape, live, entry_shape, l, &mut buf)?,
                    None => false,
                });
            }
        }
        match (logged, current) {
            (Some(_), Some(false)) => problems.push(differs(a.table, &key)),
            (Some(_), None) => problems.push(deleted(a.table, &key)),
            (None, Some(_)) => problems.push(inserted(a.table, &key)),
            _ => {}
        }
    }
    Ok(())
}

/// The largest rowid of each audited table: kept with the verified point,
/// so that the next daily check reads the rows added since.
pub fn max_rowids(conn: &Connection) -> Result<std::collections::BTreeMap<String, i64>> {
    let mut out = std::collections::BTreeMap::new();
    for a in AUDITED {
        let max: Option<i64> = conn
            .query_row(
                &format!("SELECT max(rowid) FROM \"{}\"", a.table),
                [],
                |r| r.get(0),
            )
            .with_context(|| format!("reading the newest row of {}", a.table))?;
        out.insert(a.table.to_string(), max.unwrap_or(0));
    }
    Ok(out)
}

/// The daily comparison of the rows added to each table since the verified
/// point (rowid above the one recorded there): a row inserted behind the
/// tool's back has no entry, or not this one. Its cost is the rows added.
pub fn appended(
    conn: &Connection,
    since: &std::collections::BTreeMap<String, i64>,
    problems: &mut Vec<Finding>,
) -> Result<()> {
    let mut buf = String::new();
    for a in AUDITED {
        let after = since.get(a.table).copied().unwrap_or(0);
        rows_against_trail(conn, a, after, problems, &mut buf)?;
    }
    Ok(())
}

/// Every row of `a` above rowid `after`, each against the newest entry for
/// its key (none, or a delete: inserted behind the tool's back; another
/// row: changed). Returns how many rows had an entry holding a row.
fn rows_against_trail(
    conn: &Connection,
    a: &Audited,
    after: i64,
    problems: &mut Vec<Finding>,
    buf: &mut String,
) -> Result<i64> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT t.*, l.shape, l.row FROM \"{table}\" t
               LEFT JOIN audit_entry l ON l.seq =
                 (SELECT max(i.seq) FROM audit_entry i WHERE i.entity = ?1 AND i.key = {key})
             WHERE t.rowid > ?2",
            key = key_as_text(conn, a)?,
            table = a.table
        ))
        .with_context(|| format!("reading {} to verify it", a.table))?;
    let n = stmt.column_count();
    let names: Vec<&str> = stmt.column_names().take(n - 2).collect();
    let shape = Shape::of(names.into_iter(), a.key, a.table)?;
    let live = live_shape(conn, a.table, &shape)?;
    let mut rows = stmt.query(rusqlite::params![a.table, after])?;
    let mut matched = 0i64;
    while let Some(r) = rows.next()? {
        match r.get_ref(n - 1)? {
            ValueRef::Text(logged) => {
                matched += 1;
                if !same(r, &shape, live, r.get(n - 2).ok().flatten(), logged, buf)? {
                    problems.push(differs(a.table, &key_text(r, &shape)?));
                }
            }
            _ => problems.push(inserted(a.table, &key_text(r, &shape)?)),
        }
    }
    Ok(matched)
}
