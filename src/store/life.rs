//! The SQL of service life, warranty and depreciation: an asset's own life
//! and warranty (`asset_life`), the findings on them, and `asset
//! depreciation`. The rules are in `domain::life` and `domain::depreciation`.

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::Tx;
use super::audit::ASSET_LIFE;
use crate::config::AssetConfig;
use crate::domain::depreciation::{Basis, Figures, depreciate};
use crate::domain::findings::{Finding, Severity};
use crate::domain::life::{end_of_life, format_service_life, warranty_ending};
use crate::domain::time::parse_date;
use crate::rows::{Rows, Value};

/// Sets an asset's own service life (months) and/or warranty end; what is
/// not given is kept.
pub fn set(
    tx: &mut Tx<'_>,
    asset_id: i64,
    life: Option<u32>,
    warranty: Option<NaiveDate>,
) -> Result<()> {
    if life.is_none() && warranty.is_none() {
        return Ok(());
    }
    let (old_life, old_warranty) = of(tx.conn(), asset_id)?;
    write(
        tx,
        asset_id,
        life.or(old_life),
        warranty.map(|d| d.to_string()).or(old_warranty),
    )
}

/// Writes an asset's life and warranty row, inserting it the first time.
fn write(
    tx: &mut Tx<'_>,
    asset_id: i64,
    life: Option<u32>,
    warranty: Option<String>,
) -> Result<()> {
    let exists: Option<i64> = tx
        .conn()
        .prepare_cached("SELECT id FROM asset_life WHERE asset_id = ?1")?
        .query_row([asset_id], |r| r.get(0))
        .optional()
        .context("looking up an asset's service life")?;
    match exists {
        Some(id) => {
            tx.update(
                ASSET_LIFE,
                "UPDATE asset_life SET service_life = ?2, warranty_until = ?3
                 WHERE id = ?1 RETURNING *",
                params![id, life, warranty],
            )?;
        }
        None => {
            tx.insert(
                ASSET_LIFE,
                "INSERT INTO asset_life (asset_id, service_life, warranty_until) VALUES (?1, ?2, ?3)",
                params![asset_id, life, warranty],
            )?;
        }
    }
    Ok(())
}

/// Amends an asset's own service life and/or warranty end, the way `asset
/// edit` amends a registration field: each value that differs from the
/// recorded one is written (audited) and kept as an amendment of the asset
/// (old -> new, reason), so it shows in `asset history`. Returns the
/// amendments made as "field old -> new"; none when nothing differs.
pub fn amend(
    tx: &mut Tx<'_>,
    asset_id: i64,
    life: Option<u32>,
    warranty: Option<NaiveDate>,
    reason: &str,
    date: &str,
) -> Result<Vec<String>> {
    let (old_life, old_warranty) = of(tx.conn(), asset_id)?;
    let warranty = warranty.map(|d| d.to_string());
    let mut made = Vec::new();
    let shown_life = |m: Option<u32>| m.map(format_service_life);
    let changes = [
        (
            "service-life",
            life.is_some() && life != old_life,
            shown_life(old_life),
            shown_life(life),
        ),
        (
            "warranty-until",
            warranty.is_some() && warranty != old_warranty,
            old_warranty.clone(),
            warranty.clone(),
        ),
    ];
    for (field, changed, old, new) in changes {
        if !changed {
            continue;
        }
        super::correction::amend(
            tx,
            &super::correction::Amend {
                entity: "asset",
                record_id: asset_id,
                field,
                old: old.clone(),
                new: new.clone(),
                reason,
                date,
            },
        )?;
        made.push(format!(
            "{field} {} -> {}",
            old.as_deref().unwrap_or("-"),
            new.as_deref().unwrap_or("-")
        ));
    }
    if !made.is_empty() {
        write(tx, asset_id, life.or(old_life), warranty.or(old_warranty))?;
    }
    Ok(made)
}

/// An asset's own life and warranty, for `asset show`.
pub fn of(conn: &Connection, asset_id: i64) -> Result<(Option<u32>, Option<String>)> {
    Ok(conn
        .prepare_cached("SELECT service_life, warranty_until FROM asset_life WHERE asset_id = ?1")?
        .query_row([asset_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .context("reading an asset's service life")?
        .unwrap_or((None, None)))
}

/// The life of an asset: its own, else its kind's default.
fn life_of(cfg: &AssetConfig, own: Option<u32>, kind: &str) -> Result<Option<u32>> {
    match own {
        Some(m) => Ok(Some(m)),
        None => cfg.service_life_of(kind),
    }
}

/// Findings: assets in service past their service life (retirement
/// candidates, AST-6) and warranties ending within 30 days (AST-4: repairs
/// are about to be paid for).
pub fn check(conn: &Connection, cfg: &AssetConfig, as_of: NaiveDate) -> Result<Vec<Finding>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT a.tag, a.name, a.kind, a.purchased, l.service_life, l.warranty_until
         FROM asset a LEFT JOIN asset_life l ON l.asset_id = a.id
         WHERE a.status IN ('in-use', 'in-stock', 'under-repair') AND a.registered <= ?1
         ORDER BY a.tag",
    )?;
    let mut q = stmt.query([as_of.to_string()])?;
    while let Some(r) = q.next()? {
        let tag: String = r.get(0)?;
        let name: String = r.get(1)?;
        let kind: String = r.get(2)?;
        let purchased: Option<String> = r.get(3)?;
        let own: Option<u32> = r.get(4)?;
        let warranty: Option<String> = r.get(5)?;
        let subject = format!("{tag} {name}");
        if let (Some(p), Some(life)) = (purchased, life_of(cfg, own, &kind)?) {
            let p = parse_date("asset.purchased", &p)?;
            let end = end_of_life(p, life);
            if end <= as_of {
                let years = format_service_life(life);
                out.push(
                    Finding::new(
                        "asset",
                        Severity::Warning,
                        subject.clone(),
                        format!("is past its service life of {years} (bought {p}, ended {end}): a candidate for retirement"),
                        "AST-6",
                    )
                    .zh(format!("已超过使用年限 {years}（购置于 {p}，{end} 到期），可申请报废")),
                );
            }
        }
        if let Some(w) = warranty {
            let w = parse_date("asset_life.warranty_until", &w)?;
            if warranty_ending(w, as_of) {
                out.push(
                    Finding::new(
                        "asset",
                        Severity::Warning,
                        subject,
                        format!("its warranty ends on {w}, within 30 days"),
                        "AST-4",
                    )
                    .zh(format!("保修期至 {w}，30 天内到期")),
                );
            }
        }
    }
    Ok(out)
}

pub const DEPRECIATION_COLUMNS: &[&str] = &[
    "tag",
    "name",
    "kind",
    "dept",
    "purchased",
    "service_life",
    "original",
    "residual",
    "monthly",
    "accumulated",
    "net",
    "note",
];

pub const DEPRECIATION_BY_COLUMNS: &[&str] = &[
    "group",
    "count",
    "original",
    "residual",
    "monthly",
    "accumulated",
    "net",
];

/// `asset depreciation`: every asset on the books on `as_of` (registered by
/// then, not written off before that month), straight-line over its life,
/// then a TOTAL; with `by` (dept or kind) one row per group and the TOTAL.
/// Every total is the sum of integer fen of the rows, so it is exact.
pub fn depreciation(
    conn: &Connection,
    cfg: &AssetConfig,
    as_of: NaiveDate,
    by: Option<&str>,
) -> Result<Rows> {
    let rate = cfg.residual_rate()?;
    let mut stmt = conn.prepare(
        "SELECT a.tag, a.name, a.kind, d.name, a.purchased, a.price, l.service_life,
                (SELECT min(s.date) FROM asset_status_change s
                 WHERE s.asset_id = a.id AND s.to_status = 'retired' AND s.date <= ?1)
         FROM asset a
         LEFT JOIN department d ON d.id = a.dept_id
         LEFT JOIN asset_life l ON l.asset_id = a.id
         WHERE a.registered <= ?1
         ORDER BY a.tag",
    )?;
    let mut q = stmt.query([as_of.to_string()])?;
    let mut rows = Rows::new(DEPRECIATION_COLUMNS);
    let mut groups: BTreeMap<String, (i64, Figures)> = BTreeMap::new();
    let mut total = (0i64, Figures::default());
    let add = |acc: &mut (i64, Figures), f: &Figures| {
        acc.0 += 1;
        acc.1.original += f.original;
        acc.1.residual += f.residual;
        acc.1.monthly += f.monthly;
        acc.1.accumulated += f.accumulated;
        acc.1.net += f.net;
    };
    while let Some(r) = q.next()? {
        let tag: String = r.get(0)?;
        let kind: String = r.get(2)?;
        let dept: Option<String> = r.get(3)?;
        let purchased: Option<String> = r.get(4)?;
        let price: Option<i64> = r.get(5)?;
        let life = life_of(cfg, r.get(6)?, &kind)?;
        let retired = r
            .get::<_, Option<String>>(7)?
            .map(|d| parse_date("asset_status_change.date", &d))
            .transpose()?;
        // Off the books before this month: not listed.
        if retired.is_some_and(|d| (d.year_month()) < as_of.year_month()) {
            continue;
        }
        let purchased = purchased
            .map(|d| parse_date("asset.purchased", &d))
            .transpose()?;
        let (figures, note) = match (price, purchased, life) {
            (Some(p), Some(acquired), Some(life)) => (
                depreciate(
                    &Basis {
                        price: p,
                        acquired,
                        life,
                        residual_rate: rate,
                        disposed: retired,
                    },
                    as_of,
                ),
                retired.map(|d| format!("written off {d}")),
            ),
            _ => {
                let p = price.unwrap_or(0);
                let why = if price.is_none() {
                    "no price: not depreciated"
                } else if purchased.is_none() {
                    "no purchase date: not depreciated"
                } else {
                    "no service life: not depreciated"
                };
                (
                    Figures {
                        original: p,
                        net: p,
                        ..Figures::default()
                    },
                    Some(why.to_string()),
                )
            }
        };
        add(&mut total, &figures);
        if let Some(by) = by {
            let key = match by {
                "dept" => dept.clone().unwrap_or_else(|| "(none)".to_string()),
                "kind" => kind.clone(),
                other => bail!("--by: {other:?} is not one of dept, kind"),
            };
            add(groups.entry(key).or_default(), &figures);
            continue;
        }
        rows.push(vec![
            Value::Text(tag),
            Value::Text(r.get(1)?),
            Value::Text(kind),
            dept.into(),
            purchased.map(|d| d.to_string()).into(),
            life.map(format_service_life).into(),
            Value::Money(figures.original),
            Value::Money(figures.residual),
            Value::Money(figures.monthly),
            Value::Money(figures.accumulated),
            Value::Money(figures.net),
            note.into(),
        ]);
    }
    let money = |f: &Figures| {
        [
            Value::Money(f.original),
            Value::Money(f.residual),
            Value::Money(f.monthly),
            Value::Money(f.accumulated),
            Value::Money(f.net),
        ]
    };
    if by.is_some() {
        let mut out = Rows::new(DEPRECIATION_BY_COLUMNS);
        let mut groups: Vec<_> = groups.into_iter().collect();
        groups.sort_by(|a, b| crate::domain::collate::pinyin_cmp(&a.0, &b.0));
        for (k, (n, f)) in &groups {
            let mut row = vec![Value::Text(k.clone()), Value::Int(*n)];
            row.extend(money(f));
            out.push(row);
        }
        let mut row = vec![Value::Text("TOTAL".into()), Value::Int(total.0)];
        row.extend(money(&total.1));
        out.push(row);
        return Ok(out);
    }
    let mut row = vec![
        Value::Text("TOTAL".into()),
        Value::Null,
        Value::Null,
        Value::Null,
        Value::Null,
        Value::Null,
    ];
    row.extend(money(&total.1));
    row.push(Value::Null);
    rows.push(row);
    Ok(rows)
}

trait YearMonth {
    fn year_month(&self) -> (i32, u32);
}

impl YearMonth for NaiveDate {
    fn year_month(&self) -> (i32, u32) {
        use chrono::Datelike;
        (self.year(), self.month())
    }
}
