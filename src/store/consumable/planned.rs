//! CON-2, plans before purchases: whether a quarter has an approved plan,
//! receipts made outside one (emergency purchases, which stay findings of
//! their quarter), and the departments' stated needs the plan drafts from.

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::super::Tx;
use super::super::audit::{CONSUMABLE_NEED, CONSUMABLE_UNPLANNED};
use super::end_of_day;
use crate::domain::consumable::{Stated, plan_title};
use crate::domain::findings::{Finding, Severity};
use crate::domain::time::{Quarter, format_instant};
use crate::rows::{Rows, Value};

/// Whether the plan for `q` was approved by the end of `day`.
pub fn approved_by(conn: &Connection, q: Quarter, day: NaiveDate) -> Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM request r JOIN request_step s ON s.request_id = r.id
                        WHERE r.kind = 'consumable-plan' AND r.title = ?1
                          AND s.to_status = 'approved' AND s.at <= ?2)",
        params![plan_title(q), format_instant(end_of_day(day)?)],
        |r| r.get(0),
    )
    .context("looking for the quarter's approved plan")
}

/// Marks a receipt as made outside an approved plan, with why.
pub fn mark_unplanned(tx: &mut Tx<'_>, movement: i64, reason: &str) -> Result<()> {
    tx.insert(
        CONSUMABLE_UNPLANNED,
        "INSERT INTO consumable_unplanned (movement_id, reason) VALUES (?1, ?2)",
        params![movement, reason],
    )?;
    Ok(())
}

/// The CON-2 findings of the quarter containing `as_of`: each receipt in it
/// made outside an approved plan, up to `as_of`.
pub fn findings(conn: &Connection, as_of: NaiveDate) -> Result<Vec<Finding>> {
    let q = Quarter::containing(as_of);
    let mut stmt = conn.prepare(
        "SELECT m.id, m.date, m.qty, i.sku, i.name, i.unit, u.reason
         FROM consumable_unplanned u JOIN consumable_movement m ON m.id = u.movement_id
         JOIN consumable_item i ON i.id = m.item_id
         WHERE m.date BETWEEN ?1 AND ?2 ORDER BY m.date, m.id",
    )?;
    let mut q_rows = stmt.query(params![q.first_day().to_string(), as_of.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = q_rows.next()? {
        let (id, date, qty): (i64, String, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let (sku, name, unit, reason): (String, String, String, String) =
            (r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?);
        out.push(
            Finding::new(
                "consumable",
                Severity::Warning,
                format!("{sku} {name}"),
                format!(
                    "received {qty} {unit} on {date} (movement {id}) with no approved plan for {q} (unplanned: {reason})"
                ),
                "CON-2",
            )
            .zh(format!(
                "{date} 入库 {qty} {}（第 {id} 笔），{q} 无经批准的采购计划（计划外：{reason}）",
                crate::i18n::Lang::Zh.cell("unit", &unit)
            )),
        );
    }
    Ok(out)
}

/// Records or restates a department's need of an item for a quarter.
/// Returns the need's id and the quantity it replaced, if restated.
pub fn state_need(
    tx: &mut Tx<'_>,
    dept: i64,
    item: i64,
    q: Quarter,
    qty: i64,
    note: Option<&str>,
    stated: NaiveDate,
) -> Result<(i64, Option<i64>)> {
    let before: Option<(i64, i64)> = tx
        .conn()
        .query_row(
            "SELECT id, qty FROM consumable_need WHERE dept_id = ?1 AND item_id = ?2 AND quarter = ?3",
            params![dept, item, q.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .context("looking up the department's stated need")?;
    match before {
        Some((id, old)) => {
            tx.update(
                CONSUMABLE_NEED,
                "UPDATE consumable_need SET qty = ?2, note = ?3, stated = ?4 WHERE id = ?1 RETURNING *",
                params![id, qty, note, stated.to_string()],
            )?;
            Ok((id, Some(old)))
        }
        None => {
            let id = tx.insert(
                CONSUMABLE_NEED,
                "INSERT INTO consumable_need (dept_id, item_id, quarter, qty, note, stated)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![dept, item, q.to_string(), qty, note, stated.to_string()],
            )?;
            Ok((id, None))
        }
    }
}

/// The stated needs for `q`, as the plan takes them, with every
/// department's name.
pub fn stated(conn: &Connection, q: Quarter) -> Result<Stated> {
    let mut needs = BTreeMap::new();
    let mut stmt =
        conn.prepare("SELECT item_id, dept_id, qty FROM consumable_need WHERE quarter = ?1")?;
    let mut rows = stmt.query([q.to_string()])?;
    while let Some(r) = rows.next()? {
        needs.insert((r.get(0)?, r.get(1)?), r.get(2)?);
    }
    let mut dept_names = HashMap::new();
    let mut stmt = conn.prepare("SELECT id, name FROM department")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        dept_names.insert(r.get(0)?, r.get(1)?);
    }
    Ok(Stated { needs, dept_names })
}

pub const NEED_COLUMNS: &[&str] = &[
    "quarter", "dept", "sku", "name", "unit", "qty", "note", "stated",
];

/// The stated needs of a quarter (or one of them), by department and item.
pub fn list_needs(conn: &Connection, q: Quarter, id: Option<i64>) -> Result<Rows> {
    let mut rows = Rows::new(NEED_COLUMNS);
    let mut stmt = conn.prepare(
        "SELECT n.quarter, d.name, i.sku, i.name, i.unit, n.qty, n.note, n.stated
         FROM consumable_need n JOIN department d ON d.id = n.dept_id
         JOIN consumable_item i ON i.id = n.item_id
         WHERE n.quarter = ?1 AND (?2 IS NULL OR n.id = ?2) ORDER BY d.name, i.sku",
    )?;
    let mut q_rows = stmt.query(params![q.to_string(), id])?;
    while let Some(r) = q_rows.next()? {
        rows.push(vec![
            Value::Text(r.get(0)?),
            Value::Text(r.get(1)?),
            Value::Text(r.get(2)?),
            Value::Text(r.get(3)?),
            Value::Text(r.get(4)?),
            Value::Int(r.get(5)?),
            r.get::<_, Option<String>>(6)?.into(),
            Value::Text(r.get(7)?),
        ]);
    }
    Ok(rows)
}
