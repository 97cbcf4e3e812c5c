//! `asset import`: the register an office already keeps, read through
//! [`crate::tabular`], registered row by row in the command's one
//! transaction. Re-importing is refused, or with `--update` revises the
//! assets field by field, each change on record with the file as its source.

use std::collections::HashMap;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::Tx;
use super::asset::{
    self, NewCustodians, Resolver, Transfer, current, holder, register, set_status,
};
use super::audit::ASSET;
use crate::config::ImportTableConfig;
use crate::domain::asset::{NETWORKS, NewAsset, RawAsset};
use crate::domain::csvfile::BadRows;
use crate::domain::money::format_money;
use crate::tabular::values::{self, Words};
use crate::tabular::{MAX_REPORTED_ROWS, Row, Table, schemas};

/// The words an asset file's enumerated columns may hold.
pub struct AssetWords {
    kind: Words,
    status: Words,
    network: Words,
}

impl AssetWords {
    /// The configured kinds and the statuses an import may set, each in
    /// English, in the tool's Chinese, and in the office synonyms built in
    /// and configured (`[import.asset.values.kind]`, `.status`, `.network`).
    pub fn new(kinds: &[String], config: &ImportTableConfig) -> Result<AssetWords> {
        let mut kind = Words::new(kinds).with_zh("kind", schemas::KIND_WORDS);
        let mut status = Words::new(crate::domain::asset::MANUAL_STATUSES)
            .with_zh("status", schemas::STATUS_WORDS);
        let mut network = Words::new(NETWORKS).with_zh("network", schemas::NETWORK_WORDS);
        for (field, words) in &config.values {
            let (w, allowed): (&mut Words, Vec<&str>) = match field.as_str() {
                "kind" => (&mut kind, kinds.iter().map(String::as_str).collect()),
                "status" => (&mut status, crate::domain::asset::MANUAL_STATUSES.to_vec()),
                "network" => (&mut network, NETWORKS.to_vec()),
                other => bail!(
                    "--config: import.asset.values.{other}: only kind, status and network have words"
                ),
            };
            for (word, value) in words {
                if !allowed.contains(&value.as_str()) {
                    bail!(
                        "--config: import.asset.values.{field}: {word:?} = {value:?}: {value:?} is not one of {}",
                        allowed.join(", ")
                    );
                }
                w.add(word, value);
            }
        }
        Ok(AssetWords {
            kind,
            status,
            network,
        })
    }
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Default)]
pub struct ImportSummary {
    pub assets: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// People added as custodians, NAME@DEPT.
    pub people_added: Vec<String>,
}

/// How a file's rows meet the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every row is a new asset; a tag or serial already registered is refused.
    New,
    /// Rows naming a registered tag (or, untagged, a registered serial)
    /// update that asset; the others are registered.
    Update,
}

/// The import's parameters besides the file.
pub struct Import<'a> {
    pub words: &'a AssetWords,
    pub kinds: &'a [String],
    pub registered: NaiveDate,
    pub prefix: &'a str,
    pub mode: Mode,
}

/// Imports every row of `table`. On any bad row the caller must roll back;
/// every bad row (up to [`MAX_REPORTED_ROWS`]) is reported together.
pub fn import(
    tx: &mut Tx<'_>,
    table: &mut Table,
    p: &Import<'_>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportSummary> {
    let file = table.file().to_string();
    // The write lock is held, so every asset above the highest id now is one
    // this import adds; where each came from is kept by id, 8 bytes a row.
    let first_new: i64 =
        tx.conn()
            .query_row("SELECT coalesce(max(id), 0) + 1 FROM asset", [], |r| {
                r.get(0)
            })?;
    let mut from_row: Vec<u64> = Vec::new();
    let mut updated_at: HashMap<i64, u64> = HashMap::new();
    let mut resolver = Resolver::default();
    let mut summary = ImportSummary::default();
    let mut bad = Vec::new();
    let mut bad_total = 0u64;
    let mut n = 0u64;
    while let Some(next) = table.next_row() {
        n += 1;
        if n.is_multiple_of(1024) {
            let (at, len) = table.progress();
            progress(at, len);
        }
        let result = match next? {
            Err(b) => Err(anyhow::anyhow!("{b}")),
            Ok(row) => one_row(
                tx,
                &row,
                p,
                &file,
                first_new,
                &mut from_row,
                &mut updated_at,
                &mut resolver,
            )
            .map(|o| match o {
                Outcome::Added => summary.assets += 1,
                Outcome::Updated => summary.updated += 1,
                Outcome::Unchanged => summary.unchanged += 1,
            }),
        };
        if let Err(e) = result {
            bad_total += 1;
            if bad.len() < MAX_REPORTED_ROWS {
                bad.push(format!("{e:#}"));
            }
        }
    }
    if bad_total > 0 {
        return Err(BadRows {
            lines: bad,
            total: bad_total,
            file,
        }
        .into());
    }
    summary.people_added = resolver.people_added_names;
    Ok(summary)
}

enum Outcome {
    Added,
    Updated,
    Unchanged,
}

/// A row's fields as the register reads them: office dates, money and
/// words turned into the tool's own forms, each error naming its cell.
fn raw_asset(row: &Row, words: &AssetWords) -> Result<RawAsset> {
    let mut raw = RawAsset::default();
    for (field, value) in row.fields() {
        let v = value.trim();
        if v.is_empty() {
            continue;
        }
        // The cell's place is worded only for an error: a row has a dozen cells.
        let at = || row.at(field);
        let checked = |f: &dyn Fn(&str) -> Result<String>| f("").or_else(|_| f(&at()));
        let v = match field {
            "kind" => checked(&|at| words.kind.read(at, v))?,
            "status" => checked(&|at| words.status.read(at, v)).map_err(|e| {
                if ["报废", "已报废", "待报废", "报损"].contains(&v) {
                    anyhow::anyhow!(
                        "{}: {v:?}: an asset leaves service only through an approved retirement request (AST-6); import it with its last status and file a retirement request, or leave the row out",
                        at()
                    )
                } else {
                    e
                }
            })?,
            "network" => checked(&|at| words.network.read(at, v))?,
            "purchased" => checked(&|at| values::date(at, v).map(|d| d.to_string()))?,
            "price" => checked(&|at| values::money(at, v).map(format_money))?,
            "classified" => match v {
                "涉密" => "yes".to_string(),
                "非涉密" | "不涉密" => "no".to_string(),
                _ => v.to_string(),
            },
            _ => v.to_string(),
        };
        raw.set(field, &v);
    }
    Ok(raw)
}

#[allow(clippy::too_many_arguments)]
fn one_row(
    tx: &mut Tx<'_>,
    row: &Row,
    p: &Import<'_>,
    file: &str,
    first_new: i64,
    from_row: &mut Vec<u64>,
    updated_at: &mut HashMap<i64, u64>,
    r: &mut Resolver,
) -> Result<Outcome> {
    let raw = raw_asset(row, p.words)?;
    let label = |f: &str| row.at(f);
    let a = NewAsset::parse(&raw, p.kinds, &label)?;
    // Where an earlier row of this file put an asset: same sheet, so its
    // line or row number is enough.
    let earlier = |id: i64, from_row: &Vec<u64>, updated_at: &HashMap<i64, u64>| {
        let n = if id >= first_new {
            from_row.get((id - first_new) as usize).copied()
        } else {
            updated_at.get(&id).copied()
        };
        n.map(|n| match row.pos {
            crate::tabular::Position::Line(_) => format!("line {n}"),
            crate::tabular::Position::Cell { .. } => format!("row {n}"),
        })
    };
    let by_tag = match &a.tag {
        Some(t) => tx
            .conn()
            .prepare_cached("SELECT id FROM asset WHERE tag = ?1")?
            .query_row([t], |r| r.get::<_, i64>(0))
            .optional()?,
        None => None,
    };
    let by_serial = match &a.serial {
        Some(s) => tx
            .conn()
            // CAST, not a bare ?1: weighing the partial index asset_request,
            // SQLite's planner looks at a bare parameter's value and marks the
            // statement to be prepared again whenever it is rebound, that is
            // for every row of the import (sqlite3Reprepare in `perf`).
            .prepare_cached(
                "SELECT id, tag FROM asset WHERE serial = CAST(?1 AS TEXT) ORDER BY id LIMIT 1",
            )?
            .query_row([s], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .optional()?,
        None => None,
    };
    if let Some(id) = by_tag
        && let Some(first) = earlier(id, from_row, updated_at)
    {
        bail!(
            "{}: {:?} is also the tag of {first}",
            label("tag"),
            a.tag.as_deref().unwrap_or_default()
        );
    }
    if let Some((id, _)) = &by_serial
        && Some(*id) != by_tag
        && let Some(first) = earlier(*id, from_row, updated_at)
    {
        bail!(
            "{}: serial number {:?} is also on {first}",
            label("serial"),
            a.serial.as_deref().unwrap_or_default()
        );
    }
    let target = match (p.mode, by_tag, &by_serial, &a.tag) {
        (Mode::Update, Some(id), _, _) => Some(id),
        (Mode::Update, None, Some((id, _)), None) => Some(*id),
        (Mode::New, Some(_), _, Some(t)) => bail!(
            "{}: {t:?} is already in the register; to update registered assets from the file, import it with --update",
            label("tag")
        ),
        (_, _, Some((id, tag)), _) if Some(*id) != by_tag => bail!(
            "{}: serial number {:?} is already registered, as {tag}{}",
            label("serial"),
            a.serial.as_deref().unwrap_or_default(),
            if a.tag.is_none() && p.mode == Mode::New {
                "; to update registered assets from the file, import it with --update"
            } else {
                ""
            }
        ),
        _ => None,
    };
    match target {
        None => {
            register(
                tx,
                &a,
                p.registered,
                p.prefix,
                r,
                NewCustodians::Add,
                &label,
            )?;
            from_row.push(row.pos.number());
            Ok(Outcome::Added)
        }
        Some(id) => {
            updated_at.insert(id, row.pos.number());
            let source = format!("{file}, {}", row.pos);
            update(tx, id, &a, row, p.registered, r, &source, &label)
        }
    }
}

/// The fields an update may revise in place, with how the register holds them.
const REVISED: &[&str] = &[
    "kind",
    "name",
    "model",
    "manufacturer",
    "supplier",
    "purchased",
    "price",
    "serial",
    "specs",
    "classified",
    "network",
];

/// Updates a registered asset from a row: only the fields the row fills in
/// (an empty cell keeps the register's value). Department, custodian and
/// location change by a transfer, status by a status change, the other
/// fields by a revision; each names the file and row.
#[allow(clippy::too_many_arguments)]
fn update(
    tx: &mut Tx<'_>,
    id: i64,
    a: &NewAsset,
    row: &Row,
    date: NaiveDate,
    r: &mut Resolver,
    source: &str,
    label: &dyn Fn(&str) -> String,
) -> Result<Outcome> {
    let tag: String = tx
        .conn()
        .query_row("SELECT tag FROM asset WHERE id = ?1", [id], |r| r.get(0))?;
    let cur = current(tx.conn(), &tag)?;
    let given = |f: &str| row.get(f).is_some();
    if matches!(cur.status.as_str(), "retired" | "disposed") {
        bail!(
            "{}: {tag} is {}; an import does not change an asset out of service",
            label(if given("tag") { "tag" } else { "serial" }),
            cur.status
        );
    }
    let old: Vec<Option<String>> = tx.conn().query_row(
        "SELECT kind, name, model, manufacturer, supplier, purchased, price, serial, specs,
                classified, network FROM asset WHERE id = ?1",
        [id],
        |r| {
            Ok(vec![
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get::<_, Option<i64>>(6)?.map(format_money),
                r.get(7)?,
                r.get(8)?,
                r.get::<_, Option<i64>>(9)?
                    .map(|c| if c == 1 { "yes" } else { "no" }.to_string()),
                r.get(10)?,
            ])
        },
    )?;
    let new: Vec<Option<String>> = vec![
        Some(a.kind.clone()),
        Some(a.name.clone()),
        a.model.clone(),
        a.manufacturer.clone(),
        a.supplier.clone(),
        a.purchased.map(|d| d.to_string()),
        a.price.map(format_money),
        a.serial.clone(),
        a.specs.clone(),
        Some(if a.classified { "yes" } else { "no" }.to_string()),
        Some(a.network.clone()),
    ];
    let mut changed = false;
    let mut merged = old.clone();
    for (i, field) in REVISED.iter().enumerate() {
        if given(field) && new[i] != old[i] {
            // The same amendment record as `asset edit` makes, the file and
            // row as its reason: one way to correct a field, whoever does it.
            super::correction::amend(
                tx,
                &super::correction::Amend {
                    entity: "asset",
                    record_id: id,
                    field,
                    old: old[i].clone(),
                    new: new[i].clone(),
                    reason: &format!("from {source}"),
                    date: &date.to_string(),
                },
            )?;
            merged[i] = new[i].clone();
            changed = true;
        }
    }
    if changed {
        let price = match &merged[6] {
            Some(p) => Some(crate::domain::money::parse_money("price", p)?),
            None => None,
        };
        tx.update(
            ASSET,
            "UPDATE asset SET kind = ?2, name = ?3, model = ?4, manufacturer = ?5, supplier = ?6,
                              purchased = ?7, price = ?8, serial = ?9, specs = ?10,
                              classified = ?11, network = ?12
             WHERE id = ?1 RETURNING *",
            params![
                id,
                merged[0],
                merged[1],
                merged[2],
                merged[3],
                merged[4],
                merged[5],
                price,
                merged[7],
                merged[8],
                i64::from(merged[9].as_deref() == Some("yes")),
                merged[10]
            ],
        )?;
    }
    // Its own life and warranty: amended as `asset edit` amends them.
    let life = a.service_life.filter(|_| given("service_life"));
    let warranty = a.warranty_until.filter(|_| given("warranty_until"));
    if !super::life::amend(
        tx,
        id,
        life,
        warranty,
        &format!("from {source}"),
        &date.to_string(),
    )?
    .is_empty()
    {
        changed = true;
    }
    // Who holds it and where: a transfer, as `asset transfer` records one.
    if given("dept") || given("custodian") || given("location") {
        let holder_row = NewAsset {
            dept: a.dept.clone().filter(|_| given("dept")),
            custodian: a.custodian.clone().filter(|_| given("custodian")),
            ..a.clone()
        };
        let (dept, custodian) = if holder_row.dept.is_none() && holder_row.custodian.is_some() {
            // A new custodian without a dept in the row joins the asset's department.
            let dept_name: Option<String> = match cur.dept_id {
                Some(d) => tx
                    .conn()
                    .query_row("SELECT name FROM department WHERE id = ?1", [d], |r| {
                        r.get(0)
                    })
                    .optional()?,
                None => None,
            };
            let with_dept = NewAsset {
                dept: dept_name,
                ..holder_row
            };
            holder(tx, &with_dept, date, r, NewCustodians::Add, label)?
        } else {
            holder(tx, &holder_row, date, r, NewCustodians::Add, label)?
        };
        let location = a.location.clone().filter(|_| given("location"));
        let moves = dept.is_some_and(|d| Some(d) != cur.dept_id)
            || custodian.is_some_and(|c| Some(c) != cur.custodian_id)
            || location
                .as_ref()
                .is_some_and(|l| Some(l) != cur.location.as_ref());
        if moves {
            asset::transfer(
                tx,
                &cur,
                &Transfer {
                    dept,
                    custodian,
                    location,
                    reason: format!("imported from {source}"),
                    date,
                },
            )?;
            changed = true;
        }
    }
    if given("status") && a.status != cur.status {
        let cur = current(tx.conn(), &tag)?;
        set_status(
            tx,
            &cur,
            &a.status,
            &format!("imported from {source}"),
            date,
        )?;
        changed = true;
    }
    Ok(if changed {
        Outcome::Updated
    } else {
        Outcome::Unchanged
    })
}
