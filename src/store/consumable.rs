//! The consumables' SQL (CON-1..CON-6): items, movements (receive, issue,
//! adjust), quotas, stock, the ledger (台账), the assessment against quota,
//! the plan's inputs and the findings.
//!
//! Stock is the sum of an item's movements; nothing holds a balance that
//! could drift from the ledger. A movement may be dated in the past, so the
//! stock check on an issue is against the lowest balance from that date on:
//! no later movement may be left short.

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use super::Tx;
use super::audit::{CONSUMABLE_ITEM, CONSUMABLE_MOVEMENT, CONSUMABLE_QUOTA};
use super::correction::{live, void_note};
use crate::domain::consumable::{PlanItem, Usage, last_four};
use crate::domain::findings::{Finding, Severity};
use crate::domain::time::Quarter;
use crate::rows::{Rows, Value};

pub mod planned;

/// A catalogue entry.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: i64,
    pub sku: String,
    pub name: String,
    pub category: String,
    pub unit: String,
    pub reorder_level: i64,
}

pub fn item(conn: &Connection, sku: &str) -> Result<Item> {
    conn.prepare_cached(
        "SELECT id, sku, name, category, unit, reorder_level FROM consumable_item WHERE sku = ?1",
    )?
    .query_row([sku.trim()], |r| {
        Ok(Item {
            id: r.get(0)?,
            sku: r.get(1)?,
            name: r.get(2)?,
            category: r.get(3)?,
            unit: r.get(4)?,
            reorder_level: r.get(5)?,
        })
    })
    .optional()
    .context("looking up a consumable item")?
    .with_context(|| {
        format!("SKU: no consumable item {sku:?}; add it with `infogov consumable item add`")
    })
}

/// The categories in use by some item, with their item counts.
pub fn used_categories(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT category, count(*) FROM consumable_item GROUP BY category ORDER BY category",
    )?;
    let v = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()
        .context("listing consumable categories")?;
    Ok(v)
}

/// Refuses a category that is neither configured nor already used, so that a
/// typo ("tonner") does not start a category of its own and escape its quota.
pub fn known_category(
    conn: &Connection,
    field: &str,
    category: &str,
    configured: &[String],
    hint: &str,
) -> Result<()> {
    if configured.iter().any(|c| c == category)
        || used_categories(conn)?.iter().any(|(c, _)| c == category)
    {
        return Ok(());
    }
    let mut all: Vec<String> = configured.to_vec();
    for (c, _) in used_categories(conn)? {
        if !all.contains(&c) {
            all.push(c);
        }
    }
    bail!(
        "{field}: {category:?} is not a known category ({}); check the spelling{hint}",
        all.join(", ")
    )
}

pub struct NewItem {
    pub sku: String,
    pub name: String,
    pub category: String,
    pub unit: String,
    pub reorder_level: i64,
}

pub fn add_item(tx: &mut Tx<'_>, it: &NewItem, today: NaiveDate) -> Result<i64> {
    if it.sku.contains(char::is_whitespace) {
        bail!("SKU: {:?} must not contain white space", it.sku);
    }
    if tx
        .conn()
        .query_row(
            "SELECT 1 FROM consumable_item WHERE sku = ?1",
            [&it.sku],
            |_| Ok(()),
        )
        .optional()?
        .is_some()
    {
        bail!("SKU: {:?} is already in the catalogue", it.sku);
    }
    tx.insert(
        CONSUMABLE_ITEM,
        "INSERT INTO consumable_item (sku, name, category, unit, reorder_level, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            it.sku,
            it.name,
            it.category,
            it.unit,
            it.reorder_level,
            today.to_string()
        ],
    )
}

pub fn set_item(
    tx: &mut Tx<'_>,
    it: &Item,
    name: Option<&str>,
    category: Option<&str>,
    reorder_level: Option<i64>,
) -> Result<()> {
    let name = name.unwrap_or(&it.name);
    let category = category.unwrap_or(&it.category);
    let level = reorder_level.unwrap_or(it.reorder_level);
    if name == it.name && category == it.category && level == it.reorder_level {
        bail!(
            "{}: nothing to change; give a new --name, --category or --reorder-level",
            it.sku
        );
    }
    tx.update(
        CONSUMABLE_ITEM,
        "UPDATE consumable_item SET name = ?2, category = ?3, reorder_level = ?4 WHERE id = ?1 RETURNING *",
        params![it.id, name, category, level],
    )?;
    Ok(())
}

pub const ITEM_COLUMNS: &[&str] = &["sku", "name", "category", "unit", "reorder_level"];

pub fn list_items(conn: &Connection, category: Option<&str>, sku: Option<&str>) -> Result<Rows> {
    let mut rows = Rows::new(ITEM_COLUMNS);
    let mut stmt = conn.prepare(
        "SELECT sku, name, category, unit, reorder_level FROM consumable_item
         WHERE (?1 IS NULL OR category = ?1) AND (?2 IS NULL OR sku = ?2)
         ORDER BY category, sku",
    )?;
    let mut q = stmt.query(params![category, sku])?;
    while let Some(r) = q.next()? {
        rows.push(vec![
            Value::Text(r.get(0)?),
            Value::Text(r.get(1)?),
            Value::Text(r.get(2)?),
            Value::Text(r.get(3)?),
            Value::Int(r.get(4)?),
        ]);
    }
    Ok(rows)
}

/// The stock of an item on `date` and how much of it may leave on that date
/// without any later movement going short: the lowest running balance from
/// `date` on.
pub fn available(conn: &Connection, item_id: i64, date: NaiveDate) -> Result<(i64, i64)> {
    let d = date.to_string();
    let on_date: i64 = conn
        .prepare_cached(
            "SELECT coalesce(sum(qty), 0) FROM consumable_movement WHERE item_id = ?1 AND date <= ?2",
        )?
        .query_row(params![item_id, d], |r| r.get(0))
        .context("reading the stock of an item")?;
    let later_low: Option<i64> = conn
        .prepare_cached(
            "SELECT min(balance) FROM (
               SELECT date, sum(qty) OVER (ORDER BY date, id) AS balance
               FROM consumable_movement WHERE item_id = ?1)
             WHERE date > ?2",
        )?
        .query_row(params![item_id, d], |r| r.get(0))
        .context("reading the later balances of an item")?;
    Ok((on_date, later_low.map_or(on_date, |l| l.min(on_date))))
}

/// Refuses to take `qty` out of stock on `date` when it is not there.
fn ensure_available(
    conn: &Connection,
    it: &Item,
    qty: i64,
    date: NaiveDate,
    what: &str,
) -> Result<()> {
    let (on_date, avail) = available(conn, it.id, date)?;
    if qty > avail {
        if avail == on_date {
            bail!(
                "QTY: cannot {what} {qty} {} of {}: only {on_date} in stock on {date}",
                it.unit,
                it.sku
            );
        }
        bail!(
            "QTY: cannot {what} {qty} {} of {} on {date}: {on_date} in stock then, but later movements need all but {}",
            it.unit,
            it.sku,
            avail.max(0)
        );
    }
    Ok(())
}

/// The latest purchase price of an item on `date`, if any receipt had one.
pub fn last_unit_cost(conn: &Connection, item_id: i64, date: NaiveDate) -> Result<Option<i64>> {
    conn.prepare_cached(&format!(
        "SELECT unit_cost FROM consumable_movement m
         WHERE item_id = ?1 AND kind = 'receive' AND unit_cost IS NOT NULL AND date <= ?2 AND {}
         ORDER BY date DESC, id DESC LIMIT 1",
        live("consumable_movement", "m")
    ))?
    .query_row(params![item_id, date.to_string()], |r| r.get(0))
    .optional()
    .context("reading the last purchase price of an item")
}

pub struct Receipt {
    pub qty: i64,
    pub unit_cost: Option<i64>,
    pub supplier: Option<String>,
    pub reference: Option<String>,
    pub date: NaiveDate,
}

pub fn receive(tx: &mut Tx<'_>, it: &Item, r: &Receipt) -> Result<i64> {
    tx.insert(
        CONSUMABLE_MOVEMENT,
        "INSERT INTO consumable_movement (item_id, kind, date, qty, unit_cost, supplier, ref)
         VALUES (?1, 'receive', ?2, ?3, ?4, ?5, ?6)",
        params![
            it.id,
            r.date.to_string(),
            r.qty,
            r.unit_cost,
            r.supplier,
            r.reference
        ],
    )
}

pub struct Issue {
    pub qty: i64,
    pub dept_id: i64,
    pub person_id: Option<i64>,
    pub asset_id: Option<i64>,
    pub date: NaiveDate,
    pub over_quota: bool,
    pub reason: Option<String>,
}

/// The quota in force for a department, category and quarter: its qty, the
/// quarter of the row that sets it and whether that row is standing.
pub fn quota_in_force(
    conn: &Connection,
    dept: i64,
    category: &str,
    q: Quarter,
) -> Result<Option<(i64, String, bool)>> {
    conn.prepare_cached(
        "SELECT qty, quarter, standing FROM consumable_quota
         WHERE dept_id = ?1 AND category = ?2
           AND ((standing = 0 AND quarter = ?3) OR (standing = 1 AND quarter <= ?3))
         ORDER BY standing, quarter DESC LIMIT 1",
    )?
    .query_row(params![dept, category, q.to_string()], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? == 1))
    })
    .optional()
    .context("reading the quota in force")
}

/// What a department was issued of a category in a quarter.
pub fn used(conn: &Connection, dept: i64, category: &str, q: Quarter) -> Result<i64> {
    conn.prepare_cached(&format!(
        "SELECT coalesce(-sum(m.qty), 0) FROM consumable_movement m
           JOIN consumable_item i ON i.id = m.item_id
         WHERE m.kind = 'issue' AND m.dept_id = ?1 AND i.category = ?2
           AND m.date BETWEEN ?3 AND ?4 AND {}",
        live("consumable_movement", "m")
    ))?
    .query_row(
        params![
            dept,
            category,
            q.first_day().to_string(),
            q.last_day().to_string()
        ],
        |r| r.get(0),
    )
    .context("reading a department's use in a quarter")
}

/// Issues stock to a department. Beyond the stock: refused. Beyond the
/// department's quota for the category and quarter: refused unless the
/// issue says so (`over_quota`, with a reason), and then flagged.
/// Returns the movement id and whether it was over quota.
pub fn issue(tx: &mut Tx<'_>, it: &Item, is: &Issue, dept_name: &str) -> Result<(i64, bool)> {
    ensure_available(tx.conn(), it, is.qty, is.date, "issue")?;
    let q = Quarter::containing(is.date);
    let over = match quota_in_force(tx.conn(), is.dept_id, &it.category, q)? {
        Some((quota, _, _)) => {
            let before = used(tx.conn(), is.dept_id, &it.category, q)?;
            let after = before + is.qty;
            if after > quota && !is.over_quota {
                bail!(
                    "QTY: issuing {} brings {dept_name}'s {} use in {q} to {after}, over its quota of {quota} ({before} used); to issue anyway add --over-quota --reason TEXT",
                    is.qty,
                    it.category
                );
            }
            after > quota
        }
        None => false,
    };
    if over && is.reason.is_none() {
        bail!("--reason: an issue over quota needs a reason");
    }
    let cost = last_unit_cost(tx.conn(), it.id, is.date)?;
    let id = tx.insert(
        CONSUMABLE_MOVEMENT,
        "INSERT INTO consumable_movement (item_id, kind, date, qty, unit_cost, dept_id, person_id,
                                          asset_id, over_quota, reason)
         VALUES (?1, 'issue', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            it.id,
            is.date.to_string(),
            -is.qty,
            cost,
            is.dept_id,
            is.person_id,
            is.asset_id,
            over,
            is.reason
        ],
    )?;
    Ok((id, over))
}

/// A stock-taking correction; it may not take the stock below zero.
pub fn adjust(tx: &mut Tx<'_>, it: &Item, qty: i64, reason: &str, date: NaiveDate) -> Result<i64> {
    if qty < 0 {
        ensure_available(tx.conn(), it, -qty, date, "write off")?;
    }
    tx.insert(
        CONSUMABLE_MOVEMENT,
        "INSERT INTO consumable_movement (item_id, kind, date, qty, reason)
         VALUES (?1, 'adjust', ?2, ?3, ?4)",
        params![it.id, date.to_string(), qty, reason],
    )
}

// Quotas -----------------------------------------------------------------------

/// Sets a quota for one quarter (`standing` false) or from a quarter on.
/// Returns the previous qty of the same row, if it existed.
pub fn set_quota(
    tx: &mut Tx<'_>,
    dept: i64,
    category: &str,
    q: Quarter,
    standing: bool,
    qty: i64,
) -> Result<Option<i64>> {
    let existing: Option<(i64, i64)> = tx
        .conn()
        .prepare_cached(
            "SELECT id, qty FROM consumable_quota
             WHERE dept_id = ?1 AND category = ?2 AND quarter = ?3 AND standing = ?4",
        )?
        .query_row(params![dept, category, q.to_string(), standing], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
        .context("reading a quota")?;
    match existing {
        Some((_, old)) if old == qty => Ok(Some(old)),
        Some((id, old)) => {
            tx.update(
                CONSUMABLE_QUOTA,
                "UPDATE consumable_quota SET qty = ?2 WHERE id = ?1 RETURNING *",
                params![id, qty],
            )?;
            Ok(Some(old))
        }
        None => {
            tx.insert(
                CONSUMABLE_QUOTA,
                "INSERT INTO consumable_quota (dept_id, category, quarter, standing, qty)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![dept, category, q.to_string(), standing, qty],
            )?;
            Ok(None)
        }
    }
}

pub const QUOTA_COLUMNS: &[&str] = &["dept", "category", "quarter", "scope", "qty"];

fn scope(standing: bool) -> &'static str {
    if standing { "from" } else { "only" }
}

/// The quota rows as set, or with `q` the quota in force in `q` for each
/// department and category (and the row that sets it).
pub fn list_quotas(
    conn: &Connection,
    dept: Option<i64>,
    category: Option<&str>,
    q: Option<Quarter>,
) -> Result<Rows> {
    let mut rows = Rows::new(QUOTA_COLUMNS);
    let sql = match q {
        None => {
            "SELECT d.name, c.category, c.quarter, c.standing, c.qty
             FROM consumable_quota c JOIN department d ON d.id = c.dept_id
             WHERE (?1 IS NULL OR c.dept_id = ?1) AND (?2 IS NULL OR c.category = ?2)
               AND ?3 IS NULL
             ORDER BY d.name COLLATE pinyin, c.category COLLATE pinyin, c.quarter, c.standing"
        }
        Some(_) => {
            "SELECT d.name, f.category, f.quarter, f.standing, f.qty
             FROM (SELECT c.*, row_number() OVER (PARTITION BY dept_id, category
                                                  ORDER BY standing, quarter DESC) AS rn
                   FROM consumable_quota c
                   WHERE (standing = 0 AND quarter = ?3) OR (standing = 1 AND quarter <= ?3)) f
             JOIN department d ON d.id = f.dept_id
             WHERE f.rn = 1 AND (?1 IS NULL OR f.dept_id = ?1) AND (?2 IS NULL OR f.category = ?2)
             ORDER BY d.name COLLATE pinyin, f.category COLLATE pinyin"
        }
    };
    let mut stmt = conn.prepare(sql).context("listing quotas")?;
    let mut res = stmt.query(params![dept, category, q.map(|q| q.to_string())])?;
    while let Some(r) = res.next()? {
        rows.push(vec![
            Value::Text(r.get(0)?),
            Value::Text(r.get(1)?),
            Value::Text(r.get(2)?),
            scope(r.get::<_, i64>(3)? == 1).into(),
            Value::Int(r.get(4)?),
        ]);
    }
    Ok(rows)
}

/// The quotas in force in `q`, per (department, category).
pub fn quotas_in_force(conn: &Connection, q: Quarter) -> Result<HashMap<(i64, String), i64>> {
    let mut stmt = conn.prepare(
        "SELECT dept_id, category, qty FROM (
           SELECT dept_id, category, qty, row_number() OVER (PARTITION BY dept_id, category
                                                             ORDER BY standing, quarter DESC) AS rn
           FROM consumable_quota
           WHERE (standing = 0 AND quarter = ?1) OR (standing = 1 AND quarter <= ?1))
         WHERE rn = 1",
    )?;
    let map = stmt
        .query_map([q.to_string()], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()
        .context("reading the quotas in force")?;
    Ok(map)
}

/// The SQL expression of a movement's quarter, `2026Q4`.
const QUARTER_OF_DATE: &str =
    "substr(m.date, 1, 4) || 'Q' || ((CAST(substr(m.date, 6, 2) AS INTEGER) + 2) / 3)";

/// Issues in the four quarters before `q`, up to `as_of`, per (key,
/// department, quarter), where key is the item id or the category.
fn usage_rows(
    conn: &Connection,
    q: Quarter,
    as_of: NaiveDate,
    key: &str,
) -> Result<Vec<(rusqlite::types::Value, i64, String, i64)>> {
    let quarters = last_four(q);
    let from = quarters[0].first_day();
    let to = quarters[3].last_day().min(as_of);
    let sql = format!(
        "SELECT {key}, m.dept_id, {QUARTER_OF_DATE} AS quarter, -sum(m.qty)
         FROM consumable_movement m JOIN consumable_item i ON i.id = m.item_id
         WHERE m.kind = 'issue' AND m.date BETWEEN ?1 AND ?2 AND {live}
         GROUP BY 1, 2, 3",
        live = live("consumable_movement", "m")
    );
    let mut stmt = conn.prepare(&sql)?;
    let v = stmt
        .query_map(params![from.to_string(), to.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()
        .context("reading the use of the last four quarters")?;
    Ok(v)
}

/// Use per (category, department, quarter) over the four quarters before `q`.
pub fn category_usage(conn: &Connection, q: Quarter, as_of: NaiveDate) -> Result<Usage<String>> {
    let mut usage = HashMap::new();
    for (k, dept, quarter, used) in usage_rows(conn, q, as_of, "i.category")? {
        if let rusqlite::types::Value::Text(cat) = k {
            usage.insert((cat, dept, Quarter::parse("quarter", &quarter)?), used);
        }
    }
    Ok(usage)
}

/// Use per (item, department, quarter) over the four quarters before `q`.
pub fn item_usage(conn: &Connection, q: Quarter, as_of: NaiveDate) -> Result<Usage<i64>> {
    let mut usage = HashMap::new();
    for (k, dept, quarter, used) in usage_rows(conn, q, as_of, "m.item_id")? {
        if let rusqlite::types::Value::Integer(id) = k {
            usage.insert((id, dept, Quarter::parse("quarter", &quarter)?), used);
        }
    }
    Ok(usage)
}

/// Every item as the plan needs it, on `as_of`, ordered by category and SKU.
pub fn plan_items(conn: &Connection, as_of: NaiveDate) -> Result<Vec<PlanItem>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT i.id, i.sku, i.name, i.category, i.unit, i.reorder_level,
                (SELECT coalesce(sum(qty), 0) FROM consumable_movement m
                 WHERE m.item_id = i.id AND m.date <= ?1),
                (SELECT unit_cost FROM consumable_movement m
                 WHERE m.item_id = i.id AND m.kind = 'receive' AND m.unit_cost IS NOT NULL
                   AND m.date <= ?1 AND {} ORDER BY m.date DESC, m.id DESC LIMIT 1),
                (SELECT min(date) FROM consumable_movement m WHERE m.item_id = i.id)
         FROM consumable_item i ORDER BY i.category, i.sku",
        live("consumable_movement", "m")
    ))?;
    let mut q = stmt.query([as_of.to_string()])?;
    let mut items = Vec::new();
    while let Some(r) = q.next()? {
        let first: Option<String> = r.get(8)?;
        items.push(PlanItem {
            id: r.get(0)?,
            sku: r.get(1)?,
            name: r.get(2)?,
            category: r.get(3)?,
            unit: r.get(4)?,
            reorder_level: r.get(5)?,
            stock: r.get(6)?,
            last_unit_cost: r.get(7)?,
            first_movement: first
                .map(|f| crate::domain::time::parse_date("date", &f))
                .transpose()?,
        });
    }
    Ok(items)
}

// Stock, ledger, assessment ------------------------------------------------------

pub const STOCK_COLUMNS: &[&str] = &[
    "sku",
    "name",
    "category",
    "unit",
    "on_hand",
    "reorder_level",
    "below",
    "unit_cost",
    "value",
];

/// On hand per item on `as_of`, with items below their reorder level marked.
pub fn stock(
    conn: &Connection,
    as_of: NaiveDate,
    category: Option<&str>,
    below_only: bool,
) -> Result<Rows> {
    let mut rows = Rows::new(STOCK_COLUMNS);
    let mut stmt = conn.prepare(&format!(
        "SELECT sku, name, category, unit, on_hand, reorder_level, unit_cost FROM (
           SELECT i.sku, i.name, i.category, i.unit, i.reorder_level,
                  (SELECT coalesce(sum(qty), 0) FROM consumable_movement m
                   WHERE m.item_id = i.id AND m.date <= ?1) AS on_hand,
                  (SELECT unit_cost FROM consumable_movement m
                   WHERE m.item_id = i.id AND m.kind = 'receive' AND m.unit_cost IS NOT NULL
                     AND m.date <= ?1 AND {} ORDER BY m.date DESC, m.id DESC LIMIT 1) AS unit_cost
           FROM consumable_item i
           WHERE ?2 IS NULL OR i.category = ?2)
         WHERE ?3 = 0 OR on_hand < reorder_level
         ORDER BY category, sku",
        live("consumable_movement", "m")
    ))?;
    let mut q = stmt.query(params![as_of.to_string(), category, below_only])?;
    let (mut total, mut priced) = (0i64, false);
    while let Some(r) = q.next()? {
        let on_hand: i64 = r.get(4)?;
        let level: i64 = r.get(5)?;
        let cost: Option<i64> = r.get(6)?;
        let value = cost.map(|c| c.saturating_mul(on_hand));
        if let Some(v) = value {
            total = total.saturating_add(v);
            priced = true;
        }
        rows.push(vec![
            Value::Text(r.get(0)?),
            Value::Text(r.get(1)?),
            Value::Text(r.get(2)?),
            Value::Text(r.get(3)?),
            Value::Int(on_hand),
            Value::Int(level),
            Value::Bool(on_hand < level),
            cost.map_or(Value::Null, Value::Money),
            value.map_or(Value::Null, Value::Money),
        ]);
    }
    if priced {
        let mut total_row = vec![Value::Null; STOCK_COLUMNS.len()];
        total_row[0] = "TOTAL".into();
        total_row[8] = Value::Money(total);
        rows.push(total_row);
    }
    Ok(rows)
}

/// Filters of the ledger and its totals.
#[derive(Debug, Default)]
pub struct LedgerFilter {
    pub dept: Option<i64>,
    pub category: Option<String>,
    pub item: Option<i64>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

pub const LEDGER_COLUMNS: &[&str] = &[
    "id",
    "date",
    "kind",
    "sku",
    "name",
    "category",
    "unit",
    "qty",
    "balance",
    "dept",
    "person",
    "asset",
    "unit_cost",
    "over_quota",
    "supplier",
    "ref",
    "reason",
    "void",
];

struct Names {
    items: HashMap<i64, [Value; 4]>,
    depts: HashMap<i64, Value>,
    people: HashMap<i64, Value>,
    assets: HashMap<i64, Value>,
}

impl Names {
    fn load(conn: &Connection) -> Result<Names> {
        let mut items = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, sku, name, category, unit FROM consumable_item")?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            items.insert(
                r.get(0)?,
                [
                    Value::Text(r.get(1)?),
                    Value::Text(r.get(2)?),
                    Value::Text(r.get(3)?),
                    Value::Text(r.get(4)?),
                ],
            );
        }
        let map = |sql: &str| -> Result<HashMap<i64, Value>> {
            let mut stmt = conn.prepare(sql)?;
            let m = stmt
                .query_map([], |r| Ok((r.get(0)?, Value::Text(r.get(1)?))))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(m)
        };
        Ok(Names {
            items,
            depts: map("SELECT id, name FROM department")?,
            people: map("SELECT id, name FROM person")?,
            assets: HashMap::new(),
        })
    }

    fn asset(&mut self, conn: &Connection, id: Option<i64>) -> Result<Value> {
        let Some(id) = id else { return Ok(Value::Null) };
        if let Some(v) = self.assets.get(&id) {
            return Ok(v.clone());
        }
        let tag: String =
            conn.query_row("SELECT tag FROM asset WHERE id = ?1", [id], |r| r.get(0))?;
        self.assets.insert(id, Value::Text(tag.clone()));
        Ok(Value::Text(tag))
    }
}

fn lookup(map: &HashMap<i64, Value>, id: Option<i64>) -> Value {
    id.and_then(|i| map.get(&i).cloned()).unwrap_or(Value::Null)
}

/// The WHERE clause and parameters of a ledger filter over `m` (movements)
/// that keeps every movement of the chosen items (the running balance needs
/// them), whatever the department.
fn item_scope(f: &LedgerFilter, clauses: &mut Vec<String>, args: &mut Vec<rusqlite::types::Value>) {
    if let Some(item) = f.item {
        args.push(item.into());
        clauses.push(format!("m.item_id = ?{}", args.len()));
    }
    if let Some(c) = &f.category {
        args.push(c.clone().into());
        clauses.push(format!(
            "m.item_id IN (SELECT id FROM consumable_item WHERE category = ?{})",
            args.len()
        ));
    }
}

/// Streams the ledger (台账) to `sink`: every movement in (date, id) order
/// with the item's balance after it. The balance is computed in one pass
/// (the opening balances before `from`, then a running sum per item), so a
/// million movements need no more memory than a handful.
pub fn ledger(
    conn: &Connection,
    f: &LedgerFilter,
    sink: &mut dyn FnMut(&[Value]) -> Result<()>,
) -> Result<()> {
    let mut names = Names::load(conn)?;
    let mut balance: HashMap<i64, i64> = HashMap::new();
    if let Some(from) = f.from {
        let mut clauses = Vec::new();
        let mut args: Vec<rusqlite::types::Value> = vec![from.to_string().into()];
        clauses.push("m.date < ?1".to_string());
        item_scope(f, &mut clauses, &mut args);
        let sql = format!(
            "SELECT m.item_id, sum(m.qty) FROM consumable_movement m WHERE {} GROUP BY m.item_id",
            clauses.join(" AND ")
        );
        let mut stmt = conn.prepare(&sql).context("reading opening balances")?;
        let mut q = stmt.query(params_from_iter(args))?;
        while let Some(r) = q.next()? {
            balance.insert(r.get(0)?, r.get(1)?);
        }
    }
    let mut clauses = vec!["1".to_string()];
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    if let Some(from) = f.from {
        args.push(from.to_string().into());
        clauses.push(format!("m.date >= ?{}", args.len()));
    }
    if let Some(to) = f.to {
        args.push(to.to_string().into());
        clauses.push(format!("m.date <= ?{}", args.len()));
    }
    item_scope(f, &mut clauses, &mut args);
    let sql = format!(
        "SELECT m.id, m.date, m.kind, m.item_id, m.qty, m.dept_id, m.person_id, m.asset_id,
                m.unit_cost, m.over_quota, m.supplier, m.ref, m.reason, {}
         FROM consumable_movement m WHERE {} ORDER BY m.date, m.id",
        void_note("consumable_movement", "m"),
        clauses.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql).context("reading the ledger")?;
    let mut q = stmt.query(params_from_iter(args))?;
    let mut row: Vec<Value> = Vec::with_capacity(LEDGER_COLUMNS.len());
    while let Some(r) = q.next()? {
        let item: i64 = r.get(3)?;
        let qty: i64 = r.get(4)?;
        let bal = balance.entry(item).or_insert(0);
        *bal += qty;
        let dept: Option<i64> = r.get(5)?;
        if f.dept.is_some() && dept != f.dept {
            continue;
        }
        let [sku, name, category, unit] = names
            .items
            .get(&item)
            .cloned()
            .context("a movement of an unknown item")?;
        row.clear();
        row.push(Value::Int(r.get(0)?));
        row.push(Value::Text(r.get(1)?));
        row.push(Value::Text(r.get(2)?));
        row.push(sku);
        row.push(name);
        row.push(category);
        row.push(unit);
        row.push(Value::Int(qty));
        row.push(Value::Int(*bal));
        row.push(lookup(&names.depts, dept));
        row.push(lookup(&names.people, r.get(6)?));
        let asset = names.asset(conn, r.get(7)?)?;
        row.push(asset);
        row.push(
            r.get::<_, Option<i64>>(8)?
                .map_or(Value::Null, Value::Money),
        );
        row.push(Value::Bool(r.get::<_, i64>(9)? == 1));
        row.push(r.get::<_, Option<String>>(10)?.into());
        row.push(r.get::<_, Option<String>>(11)?.into());
        row.push(r.get::<_, Option<String>>(12)?.into());
        row.push(r.get::<_, Option<String>>(13)?.into());
        sink(&row)?;
    }
    Ok(())
}

/// One movement as a ledger row, with the item's balance after it.
pub fn movement(conn: &Connection, id: i64) -> Result<Rows> {
    let (item, date): (i64, String) = conn.query_row(
        "SELECT item_id, date FROM consumable_movement WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let date = crate::domain::time::parse_date("date", &date)?;
    let f = LedgerFilter {
        item: Some(item),
        from: Some(date),
        to: Some(date),
        ..LedgerFilter::default()
    };
    let mut rows = Rows::new(LEDGER_COLUMNS);
    ledger(conn, &f, &mut |r| {
        if r[0] == Value::Int(id) {
            rows.push(r.to_vec());
        }
        Ok(())
    })?;
    Ok(rows)
}

pub const TOTAL_KEYS: &[&str] = &["dept", "category", "sku", "quarter", "month"];

/// Issues summed by the chosen keys (CON-4): the ledger's totals table.
pub fn ledger_totals(conn: &Connection, f: &LedgerFilter, by: &[String]) -> Result<Rows> {
    let mut cols: Vec<&'static str> = Vec::new();
    let mut exprs: Vec<String> = Vec::new();
    for k in by {
        let (key, expr) = match k.as_str() {
            "dept" => ("dept", "d.name".to_string()),
            "category" => ("category", "i.category".to_string()),
            "sku" => ("sku", "i.sku".to_string()),
            "quarter" => ("quarter", QUARTER_OF_DATE.to_string()),
            "month" => ("month", "substr(m.date, 1, 7)".to_string()),
            other => bail!("--by: {other:?} is not one of {}", TOTAL_KEYS.join(", ")),
        };
        if cols.contains(&key) {
            bail!("--by: {key} is named twice");
        }
        cols.push(key);
        exprs.push(expr);
    }
    let n = cols.len();
    cols.extend_from_slice(&["issues", "qty", "value", "over_quota"]);
    let mut clauses = vec!["m.kind = 'issue'".to_string()];
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    if let Some(d) = f.dept {
        args.push(d.into());
        clauses.push(format!("m.dept_id = ?{}", args.len()));
    }
    if let Some(from) = f.from {
        args.push(from.to_string().into());
        clauses.push(format!("m.date >= ?{}", args.len()));
    }
    if let Some(to) = f.to {
        args.push(to.to_string().into());
        clauses.push(format!("m.date <= ?{}", args.len()));
    }
    item_scope(f, &mut clauses, &mut args);
    let group: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
    let sql = format!(
        "SELECT {}, count(*), -sum(m.qty), -checked_sum(m.qty * m.unit_cost), sum(m.over_quota)
         FROM consumable_movement m
           JOIN consumable_item i ON i.id = m.item_id
           JOIN department d ON d.id = m.dept_id
         WHERE {} AND {}
         GROUP BY {} ORDER BY {}",
        exprs.join(", "),
        clauses.join(" AND "),
        live("consumable_movement", "m"),
        group.join(", "),
        group
            .iter()
            .map(|g| format!("{g} COLLATE pinyin"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut rows = Rows::new(&cols);
    let mut stmt = conn.prepare(&sql).context("totalling the ledger")?;
    let mut q = stmt.query(params_from_iter(args))?;
    let (mut issues, mut qty, mut value, mut over) = (0i64, 0i64, 0i64, 0i64);
    while let Some(r) = q.next()? {
        let mut row = Vec::with_capacity(cols.len());
        for i in 0..n {
            row.push(Value::Text(r.get(i)?));
        }
        let c: i64 = r.get(n)?;
        let t: i64 = r.get(n + 1)?;
        let v: Option<i64> = r.get(n + 2)?;
        let o: i64 = r.get(n + 3)?;
        issues += c;
        qty += t;
        value += v.unwrap_or(0);
        over += o;
        row.extend([
            Value::Int(c),
            Value::Int(t),
            Value::Money(v.unwrap_or(0)),
            Value::Int(o),
        ]);
        rows.push(row);
    }
    let mut total = vec![Value::Null; n];
    total[0] = "TOTAL".into();
    total.extend([
        Value::Int(issues),
        Value::Int(qty),
        Value::Money(value),
        Value::Int(over),
    ]);
    rows.push(total);
    Ok(rows)
}

pub const ASSESS_COLUMNS: &[&str] = &[
    "dept",
    "category",
    "quota",
    "used",
    "percent",
    "over",
    "over_quota_issues",
];

/// One row of the assessment: a department's use of a category in a quarter
/// against its quota.
#[derive(Debug, Clone)]
pub struct Assessed {
    pub dept: String,
    pub category: String,
    pub quota: Option<i64>,
    pub used: i64,
    pub flagged: i64,
}

impl Assessed {
    pub fn over(&self) -> bool {
        self.quota.is_some_and(|q| self.used > q)
    }

    pub fn percent(&self) -> Option<f64> {
        self.quota
            .filter(|&q| q > 0)
            .map(|q| (self.used as f64) * 100.0 / q as f64)
    }
}

/// Use against quota per department and category in `q` (CON-5): every pair
/// with a quota in force or any use.
pub fn assess(conn: &Connection, q: Quarter, dept: Option<i64>) -> Result<Vec<Assessed>> {
    assess_until(conn, q, dept, q.last_day())
}

/// Use against quota in `q` counted up to `until` (a check on a day inside
/// the quarter counts what had been issued by then).
pub fn assess_until(
    conn: &Connection,
    q: Quarter,
    dept: Option<i64>,
    until: NaiveDate,
) -> Result<Vec<Assessed>> {
    let mut stmt = conn.prepare(&format!(
        "WITH used AS (
           SELECT m.dept_id, i.category, -sum(m.qty) AS used, sum(m.over_quota) AS flagged
           FROM consumable_movement m JOIN consumable_item i ON i.id = m.item_id
           WHERE m.kind = 'issue' AND m.date BETWEEN ?1 AND ?2 AND {}
           GROUP BY m.dept_id, i.category),
         quota AS (
           SELECT dept_id, category, qty FROM (
             SELECT dept_id, category, qty,
                    row_number() OVER (PARTITION BY dept_id, category
                                       ORDER BY standing, quarter DESC) AS rn
             FROM consumable_quota
             WHERE (standing = 0 AND quarter = ?3) OR (standing = 1 AND quarter <= ?3))
           WHERE rn = 1),
         pairs AS (SELECT dept_id, category FROM used UNION SELECT dept_id, category FROM quota)
         SELECT d.name, p.category, q.qty, coalesce(u.used, 0), coalesce(u.flagged, 0)
         FROM pairs p
           JOIN department d ON d.id = p.dept_id
           LEFT JOIN quota q ON q.dept_id = p.dept_id AND q.category = p.category
           LEFT JOIN used u ON u.dept_id = p.dept_id AND u.category = p.category
         WHERE ?4 IS NULL OR p.dept_id = ?4
         ORDER BY d.name COLLATE pinyin, p.category COLLATE pinyin",
        live("consumable_movement", "m")
    ))?;
    let v = stmt
        .query_map(
            params![
                q.first_day().to_string(),
                until.min(q.last_day()).to_string(),
                q.to_string(),
                dept
            ],
            |r| {
                Ok(Assessed {
                    dept: r.get(0)?,
                    category: r.get(1)?,
                    quota: r.get(2)?,
                    used: r.get(3)?,
                    flagged: r.get(4)?,
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()
        .context("assessing use against quota")?;
    Ok(v)
}

pub fn assess_rows(list: &[Assessed]) -> Rows {
    let mut rows = Rows::new(ASSESS_COLUMNS);
    for a in list {
        rows.push(vec![
            a.dept.clone().into(),
            a.category.clone().into(),
            a.quota.into(),
            Value::Int(a.used),
            a.percent().map_or(Value::Null, Value::Float),
            Value::Bool(a.over()),
            Value::Int(a.flagged),
        ]);
    }
    rows
}

/// The consumables' findings on `as_of`: items below their reorder level
/// (CON-6; none left at all is critical) and departments over quota in the
/// current quarter (CON-5).
///
/// CON-2 (no approved plan for the current quarter after its first two
/// weeks) needs the request workflow and is added where that is wired in.
/// The end of a local day, as an instant.
fn end_of_day(d: NaiveDate) -> Result<chrono::DateTime<chrono::Utc>> {
    let end = d.and_hms_opt(23, 59, 59).expect("valid time");
    crate::domain::time::local_to_utc("--as-of", &d.to_string(), end)
}

/// The quarterly purchase plan (CON-2) as drawn up on `as_of`.
pub fn draw_up_plan(
    conn: &Connection,
    q: Quarter,
    as_of: NaiveDate,
) -> Result<Vec<crate::domain::consumable::PlanLine>> {
    let items = plan_items(conn, as_of)?;
    let usage = item_usage(conn, q, as_of)?;
    let quotas = quotas_in_force(conn, q)?;
    let stated = planned::stated(conn, q)?;
    Ok(crate::domain::consumable::plan(
        q, &items, &usage, &quotas, &stated,
    ))
}

pub fn check(conn: &Connection, as_of: NaiveDate) -> Result<Vec<Finding>> {
    let mut out = Vec::new();
    let stock = stock(conn, as_of, None, true)?;
    for r in &stock.rows {
        if r[0] == Value::Text("TOTAL".into()) {
            continue;
        }
        let (on_hand, level) = match (&r[4], &r[5]) {
            (Value::Int(a), Value::Int(b)) => (*a, *b),
            _ => continue,
        };
        let unit = r[3].display();
        let severity = if on_hand <= 0 {
            Severity::Critical
        } else {
            Severity::Warning
        };
        out.push(
            Finding::new(
                "consumable",
                severity,
                format!("{} {}", r[0].display(), r[1].display()),
                format!(
                    "{on_hand} {unit} on hand, below the reorder level of {level}; buy more (see `infogov consumable plan`)"
                ),
                "CON-6",
            )
            .zh(format!(
                "库存 {on_hand} {}，低于最低库存 {level}；请及时采购（见 `infogov consumable plan`）",
                crate::i18n::Lang::Zh.cell("unit", &unit)
            )),
        );
    }
    let q = Quarter::containing(as_of);
    for a in assess_until(conn, q, None, as_of)? {
        if a.over() {
            let quota = a.quota.unwrap_or(0);
            let percent = a.percent();
            out.push(
                Finding::new(
                    "consumable",
                    Severity::Warning,
                    format!("{} {}", a.dept, a.category),
                    format!(
                        "used {} in {q}, over its quota of {quota}{}",
                        a.used,
                        percent.map_or(String::new(), |p| format!(" ({p:.1}%)"))
                    ),
                    "CON-5",
                )
                .zh(format!(
                    "{q} 领用 {}，超过定额 {quota}{}",
                    a.used,
                    percent.map_or(String::new(), |p| format!("（{p:.1}%）"))
                ))
                .subject_zh(format!(
                    "{} {}",
                    a.dept,
                    crate::i18n::Lang::Zh.cell("category", &a.category)
                )),
            );
        }
    }
    // CON-2: the quarter's purchase plan is approved at its start; two weeks
    // in, a quarter with no approved plan is a finding, once there is a
    // catalogue to plan for.
    let has_items: bool = conn
        .query_row("SELECT EXISTS (SELECT 1 FROM consumable_item)", [], |r| {
            r.get(0)
        })
        .context("looking for consumable items")?;
    if has_items && as_of >= q.first_day() + chrono::Days::new(14) {
        // Approved by the end of the day checked, not later.
        let approved = planned::approved_by(conn, q, as_of)?;
        // A quarter whose stock covers its need has no plan to approve.
        let buys = !approved && draw_up_plan(conn, q, as_of)?.iter().any(|l| l.buy > 0);
        if buys {
            out.push(Finding::new(
                "consumable",
                Severity::Warning,
                format!("{q} plan"),
                format!(
                    "no approved consumables purchase plan (耗材采购季度计划) for {q}, two weeks after it began; file one with `infogov consumable plan --quarter {q} --submit`"
                ),
                "CON-2",
            )
            .zh(format!(
                "{q} 已过两周，尚无经批准的《耗材采购季度计划》；请用 `infogov consumable plan --quarter {q} --submit` 报批"
            )));
        }
    }
    out.extend(planned::findings(conn, as_of)?);
    Ok(out)
}

/// Reverses a movement before it is voided: a movement of the opposite
/// quantity on the same day, so that stock on every day is as if the
/// mistaken one had never been made, and the ledger shows both. A reversal
/// that would leave stock short on some day is refused.
pub fn reverse(
    tx: &mut Tx<'_>,
    movement: i64,
    reason: &str,
) -> Result<(Option<i64>, Option<String>)> {
    if let Some(of) = super::correction::is_reversal(tx.conn(), movement)? {
        bail!(
            "ID: {movement} is the reversal of the voided movement {of}; it is not voided itself"
        );
    }
    let (item, kind, date, qty): (i64, String, String, i64) = tx
        .conn()
        .query_row(
            "SELECT item_id, kind, date, qty FROM consumable_movement WHERE id = ?1",
            [movement],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .context("reading a movement")?;
    let sku: String = tx
        .conn()
        .query_row(
            "SELECT sku FROM consumable_item WHERE id = ?1",
            [item],
            |r| r.get(0),
        )
        .context("reading a movement's item")?;
    let it = self::item(tx.conn(), &sku)?;
    let day = crate::domain::time::parse_date("consumable_movement.date", &date)?;
    if qty > 0 {
        let (_, avail) = available(tx.conn(), item, day)?;
        if qty > avail {
            bail!(
                "ID: movement {movement} ({kind} of {qty} {} of {}) cannot be voided: its reversal takes {qty} out of stock on {date}, and only {} can leave then without a later movement going short",
                it.unit,
                it.sku,
                avail.max(0)
            );
        }
    }
    let id = tx.insert(
        CONSUMABLE_MOVEMENT,
        "INSERT INTO consumable_movement (item_id, kind, date, qty, reason)
         VALUES (?1, 'adjust', ?2, ?3, ?4)",
        params![item, date, -qty, format!("reverses {movement}: {reason}")],
    )?;
    let stock = available(tx.conn(), item, day)?.0;
    Ok((
        Some(id),
        Some(format!(
            "reversed by movement {id} ({:+} {} of {}; stock on {date} now {stock})",
            -qty, it.unit, it.sku
        )),
    ))
}
