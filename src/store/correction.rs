//! The SQL of corrections: voiding a record and amending a field, shared
//! by every area (docs/design.md, "Corrections").
//!
//! A void is a row of `record_void` naming the table and the record; the
//! record itself is never changed or deleted. Queries use [`live`] to leave
//! voided records out of checks and totals, and [`void_note`] to show them
//! marked in listings.

use anyhow::{Context, Result, bail};
use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, params};

use super::audit::{AMENDMENT, Audited, RECORD_VOID, Tx};
use crate::domain::correction::{Field, Form, Voidable};
use crate::domain::money::format_money;

/// SQL condition: the record `alias.id` of `table` is not voided. For a
/// consumable movement, a reversing movement is left out too: the pair nets
/// to nothing in stock, and neither is a real receipt or issue.
pub fn live(table: &str, alias: &str) -> String {
    let mut s = format!(
        "NOT EXISTS (SELECT 1 FROM record_void v WHERE v.entity = '{table}' AND v.record_id = {alias}.id)"
    );
    if table == "consumable_movement" {
        s.push_str(&format!(
            " AND NOT EXISTS (SELECT 1 FROM record_void v WHERE v.reversal_id = {alias}.id)"
        ));
    }
    s
}

/// SQL expression: for a voided record, "void: REASON (by WHO)"; for the
/// movement that reverses one, "reverses N"; else NULL.
pub fn void_note(table: &str, alias: &str) -> String {
    let mut s = void_note_of(table, &format!("{alias}.id"));
    if table == "consumable_movement" {
        s = format!(
            "coalesce({s}, (SELECT 'reverses ' || v.record_id || ': ' || v.reason || ' (by ' || v.voided_by || ')'
                              FROM record_void v WHERE v.reversal_id = {alias}.id))"
        );
    }
    s
}

/// SQL expression: "void: REASON (by WHO)" for the voided record of
/// `table` whose id is `id` (an SQL expression), else NULL.
pub fn void_note_of(table: &str, id: &str) -> String {
    format!(
        "(SELECT 'void: ' || v.reason || ' (by ' || v.voided_by || ')' FROM record_void v
          WHERE v.entity = '{table}' AND v.record_id = {id})"
    )
}

/// The void of a record, if it is voided: (reason, voided_by).
pub fn voided(conn: &Connection, kind: Voidable, id: i64) -> Result<Option<(String, String)>> {
    conn.prepare_cached(
        "SELECT reason, voided_by FROM record_void WHERE entity = ?1 AND record_id = ?2",
    )?
    .query_row(params![kind.table, id], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()
    .context("looking up a void")
}

/// Whether a consumable movement is the reversal of a voided one.
pub fn is_reversal(conn: &Connection, movement: i64) -> Result<Option<i64>> {
    conn.prepare_cached("SELECT record_id FROM record_void WHERE reversal_id = ?1")?
        .query_row([movement], |r| r.get(0))
        .optional()
        .context("looking up a reversal")
}

/// The ID as the listing shows it: `M7`, or `7`.
pub fn shown_id(kind: Voidable, id: i64) -> String {
    format!("{}{id}", kind.prefix)
}

/// Checks that the record exists and is not voided yet.
pub fn voidable(conn: &Connection, kind: Voidable, id: i64) -> Result<()> {
    let exists: bool = conn
        .query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1)", kind.table),
            [id],
            |r| r.get(0),
        )
        .with_context(|| format!("looking up {} {id}", kind.noun))?;
    if !exists {
        bail!("ID: there is no {} {}", kind.noun, shown_id(kind, id));
    }
    if let Some((reason, by)) = voided(conn, kind, id)? {
        bail!(
            "ID: {} {} is already void ({reason}, by {by}); nothing is voided twice",
            kind.noun,
            shown_id(kind, id)
        );
    }
    Ok(())
}

/// Voids a record: it stays where it is, and a `record_void` row says that
/// it is void, why, and who said so. `reversal` is the movement that
/// reverses a voided consumable movement.
pub fn void(
    tx: &mut Tx<'_>,
    kind: Voidable,
    id: i64,
    reason: &str,
    reversal: Option<i64>,
) -> Result<i64> {
    voidable(tx.conn(), kind, id)?;
    let (by, at) = (tx.actor().to_string(), tx.at().to_string());
    tx.insert(
        RECORD_VOID,
        "INSERT INTO record_void (entity, record_id, reason, voided_by, voided_at, reversal_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![kind.table, id, reason, by, at, reversal],
    )
}

/// Records one amended field.
pub struct Amend<'a> {
    pub entity: &'static str,
    pub record_id: i64,
    pub field: &'a str,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: &'a str,
    pub date: &'a str,
}

pub fn amend(tx: &mut Tx<'_>, a: &Amend<'_>) -> Result<i64> {
    let (by, at) = (tx.actor().to_string(), tx.at().to_string());
    tx.insert(
        AMENDMENT,
        "INSERT INTO amendment (entity, record_id, field, old_value, new_value, reason, date, amended_by, amended_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            a.entity,
            a.record_id,
            a.field,
            a.old,
            a.new,
            a.reason,
            a.date,
            by,
            at
        ],
    )
}

/// A field's stored value as a person reads it: yuan for money, yes/no,
/// a department's name.
pub fn shown(conn: &Connection, form: Form, value: &Sql) -> Result<Option<String>> {
    Ok(match (form, value) {
        (_, Sql::Null) => None,
        (Form::Money, Sql::Integer(f)) => Some(format_money(*f)),
        (Form::Bool, Sql::Integer(b)) => Some(if *b == 1 { "yes" } else { "no" }.to_string()),
        (Form::Dept, Sql::Integer(id)) => Some(
            conn.prepare_cached("SELECT name FROM department WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?
                .unwrap_or_else(|| id.to_string()),
        ),
        (_, Sql::Integer(n)) => Some(n.to_string()),
        (_, Sql::Text(t)) => Some(t.clone()),
        (_, Sql::Real(x)) => Some(x.to_string()),
        (_, Sql::Blob(_)) => Some("(binary)".to_string()),
    })
}

/// Amends fields of one registration record: each changed field is
/// updated (audited) and recorded as an amendment with its old and new
/// value and the reason. Fields whose value is already the one given are
/// skipped; returns the amendments made, as "field old -> new" (none
/// when every value is the one recorded).
#[allow(clippy::too_many_arguments)]
pub fn edit(
    tx: &mut Tx<'_>,
    audited: Audited,
    entity: &'static str,
    id: i64,
    changes: &[(Field, Sql)],
    reason: &str,
    date: &str,
) -> Result<Vec<String>> {
    let mut made = Vec::new();
    for (field, new) in changes {
        let table = audited.table;
        let column = field.column;
        let old: Sql = tx
            .conn()
            .query_row(
                &format!("SELECT {column} FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .with_context(|| format!("reading {table}.{column}"))?;
        if &old == new {
            continue;
        }
        let old_shown = shown(tx.conn(), field.form, &old)?;
        let new_shown = shown(tx.conn(), field.form, new)?;
        if audited.key == column
            && let Sql::Text(old_key) = &old
        {
            tx.rekey(audited, old_key)?;
        }
        tx.update(
            audited,
            &format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1 RETURNING *"),
            params![id, new],
        )
        .map_err(|e| unique_named(e, field.option, new_shown.as_deref()))?;
        amend(
            tx,
            &Amend {
                entity,
                record_id: id,
                field: field.option,
                old: old_shown.clone(),
                new: new_shown.clone(),
                reason,
                date,
            },
        )?;
        made.push(format!(
            "{} {} -> {}",
            field.option,
            old_shown.as_deref().unwrap_or("-"),
            new_shown.as_deref().unwrap_or("-")
        ));
    }
    Ok(made)
}

/// A UNIQUE violation as the user's mistake: the value is taken.
fn unique_named(e: anyhow::Error, option: &str, value: Option<&str>) -> anyhow::Error {
    let unique = e.chain().any(|c| {
        c.downcast_ref::<rusqlite::Error>().is_some_and(|r| {
            r.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
                && r.to_string().contains("UNIQUE")
        })
    });
    if unique {
        anyhow::anyhow!(
            "--{option}: {:?} is already taken by another record",
            value.unwrap_or("")
        )
    } else {
        e
    }
}
