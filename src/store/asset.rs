//! The asset register's SQL: registration and import, changes (AST-3),
//! maintenance (AST-4), damage (AST-5), reports (AST-7) and findings.

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};

use super::audit::{ASSET, ASSET_STATUS_CHANGE, ASSET_TRANSFER, DAMAGE, MAINTENANCE};
use super::registry::{self, add_person, dept_id, person_id};
use super::{Tx, opt_text};
use crate::domain::asset::{NewAsset, make_tag};
use crate::domain::findings::{Finding, Severity};
use crate::rows::{Rows, Value};

/// The current state of an asset, as the change commands need it.
#[derive(Debug, Clone)]
pub struct Current {
    pub id: i64,
    pub tag: String,
    pub dept_id: Option<i64>,
    pub custodian_id: Option<i64>,
    pub location: Option<String>,
    pub status: String,
    pub specs: Option<String>,
}

pub fn current(conn: &Connection, tag: &str) -> Result<Current> {
    conn.prepare_cached(
        "SELECT id, tag, dept_id, custodian_id, location, status, specs FROM asset WHERE tag = ?1",
    )?
    .query_row([tag.trim()], |r| {
        Ok(Current {
            id: r.get(0)?,
            tag: r.get(1)?,
            dept_id: r.get(2)?,
            custodian_id: r.get(3)?,
            location: r.get(4)?,
            status: r.get(5)?,
            specs: r.get(6)?,
        })
    })
    .optional()
    .context("looking up an asset")?
    .with_context(|| format!("TAG: no asset {tag:?} in the register"))
}

/// Lookups cached across the rows of one import, and the tag counters.
#[derive(Default)]
pub struct Resolver {
    depts: HashMap<String, i64>,
    people: HashMap<(i64, String), i64>,
    next_seq: HashMap<String, u32>,
    /// People added because an import named a custodian not yet registered.
    pub people_added: u64,
    /// Their names, NAME@DEPT, so that a mistyped custodian is seen.
    pub people_added_names: Vec<String>,
}

impl Resolver {
    fn dept(&mut self, conn: &Connection, field: &str, name: &str) -> Result<i64> {
        if let Some(id) = self.depts.get(name) {
            return Ok(*id);
        }
        let id = dept_id(conn, field, name)?;
        self.depts.insert(name.to_string(), id);
        Ok(id)
    }

    fn next_tag(&mut self, conn: &Connection, prefix: &str, year: i32) -> Result<String> {
        let stem = format!("{prefix}-{year}-");
        let next = match self.next_seq.get(&stem) {
            Some(n) => *n,
            None => {
                // Tags are compared as text, so a range on the unique index
                // finds this year's tags without a scan.
                let mut stmt =
                    conn.prepare_cached("SELECT tag FROM asset WHERE tag >= ?1 AND tag < ?2")?;
                let upper = format!("{prefix}-{year}.");
                let mut q = stmt.query(params![stem, upper])?;
                let mut max = 0u32;
                while let Some(r) = q.next()? {
                    let tag: String = r.get(0)?;
                    if let Ok(n) = tag[stem.len()..].parse::<u32>() {
                        max = max.max(n);
                    }
                }
                match max.checked_add(1) {
                    Some(n) => n,
                    None => bail!("--tag: the tags {stem}NNNN are used up; give one with --tag"),
                }
            }
        };
        self.next_seq.insert(stem, next.saturating_add(1));
        Ok(make_tag(prefix, year, next))
    }

    /// Keeps the counter of a tag stem ahead of a tag given explicitly, so a
    /// file mixing given and generated tags does not collide with itself.
    fn saw_tag(&mut self, tag: &str) {
        for (stem, next) in self.next_seq.iter_mut() {
            if let Some(n) = tag
                .strip_prefix(stem.as_str())
                .and_then(|s| s.parse::<u32>().ok())
                && n >= *next
            {
                *next = n.saturating_add(1);
            }
        }
    }
}

/// How a registration treats a custodian who is not yet registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewCustodians {
    /// Refuse: at the terminal a typo must not create a phantom person.
    Refuse,
    /// Add them to the asset's department: a first inventory names hundreds
    /// of people who are not in the register yet.
    Add,
}

/// The department and custodian of a registration, as ids: a custodian
/// brings their department when the row names none, and (with
/// [`NewCustodians::Add`]) one not yet registered is added to it.
pub fn holder(
    tx: &mut Tx<'_>,
    a: &NewAsset,
    registered: NaiveDate,
    r: &mut Resolver,
    new_custodians: NewCustodians,
    field: &dyn Fn(&str) -> String,
) -> Result<(Option<i64>, Option<i64>)> {
    let mut dept = match &a.dept {
        Some(d) => Some(r.dept(tx.conn(), &field("dept"), d)?),
        None => None,
    };
    let custodian = match &a.custodian {
        None => None,
        Some(name) => match new_custodians {
            NewCustodians::Refuse => {
                let id = person_id(tx.conn(), &field("custodian"), name, dept)?;
                if dept.is_none() {
                    // An asset held by someone is in that person's department.
                    dept = Some(tx.conn().query_row(
                        "SELECT dept_id FROM person WHERE id = ?1",
                        [id],
                        |r| r.get(0),
                    )?);
                }
                Some(id)
            }
            NewCustodians::Add if name.contains('@') => {
                // NAME@DEPT names a registered person; it is never a new name.
                let id = person_id(tx.conn(), &field("custodian"), name, dept)?;
                if dept.is_none() {
                    dept = Some(tx.conn().query_row(
                        "SELECT dept_id FROM person WHERE id = ?1",
                        [id],
                        |r| r.get(0),
                    )?);
                }
                Some(id)
            }
            NewCustodians::Add => {
                // Without a dept, a custodian already registered brings their
                // own department; a new one cannot be placed anywhere.
                if dept.is_none() {
                    match person_id(tx.conn(), &field("custodian"), name, None) {
                        Ok(id) => {
                            dept = Some(tx.conn().query_row(
                                "SELECT dept_id FROM person WHERE id = ?1",
                                [id],
                                |r| r.get(0),
                            )?);
                        }
                        Err(_) => bail!(
                            "{}: {name:?} is not registered, and the row has no dept to add them to",
                            field("custodian")
                        ),
                    }
                }
                let Some(d) = dept else {
                    bail!("{}: a custodian needs the row's dept", field("custodian"));
                };
                let key = (d, name.clone());
                match r.people.get(&key) {
                    Some(id) => Some(*id),
                    None => {
                        let id = match registry::find_person_in(tx.conn(), name, d)? {
                            Some(id) => id,
                            None => {
                                r.people_added += 1;
                                r.people_added_names.push(format!(
                                    "{name}@{}",
                                    a.dept.as_deref().unwrap_or_default()
                                ));
                                let at = registered.to_string();
                                add_person(tx, name, d, "staff", &at)?
                            }
                        };
                        r.people.insert(key, id);
                        Some(id)
                    }
                }
            }
        },
    };
    Ok((dept, custodian))
}

/// Registers one asset; returns its tag.
pub fn register(
    tx: &mut Tx<'_>,
    a: &NewAsset,
    registered: NaiveDate,
    prefix: &str,
    r: &mut Resolver,
    new_custodians: NewCustodians,
    field: &dyn Fn(&str) -> String,
) -> Result<String> {
    let (dept, custodian) = holder(tx, a, registered, r, new_custodians, field)?;
    let tag = match &a.tag {
        Some(t) => {
            r.saw_tag(t);
            t.clone()
        }
        None => r.next_tag(tx.conn(), prefix, registered.year())?,
    };
    let res = tx.insert(
        ASSET,
        "INSERT INTO asset (tag, kind, name, model, manufacturer, supplier, purchased, price,
                            dept_id, custodian_id, location, serial, specs, classified, network,
                            status, registered)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            tag,
            a.kind,
            a.name,
            a.model,
            a.manufacturer,
            a.supplier,
            a.purchased.map(|d| d.to_string()),
            a.price,
            dept,
            custodian,
            a.location,
            a.serial,
            a.specs,
            a.classified,
            a.network,
            a.status,
            registered.to_string()
        ],
    );
    match res {
        Ok(id) => {
            super::life::set(tx, id, a.service_life, a.warranty_until)?;
            Ok(tag)
        }
        Err(e) if is_unique_violation(&e) => {
            bail!("{}: {tag:?} is already in the register", field("tag"))
        }
        Err(e) => Err(e),
    }
}

fn is_unique_violation(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<rusqlite::Error>(),
            Some(rusqlite::Error::SqliteFailure(f, _))
                if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
        )
    })
}

/// Filters of `asset list`.
#[derive(Debug, Default)]
pub struct Filter {
    pub dept: Option<i64>,
    pub kind: Option<String>,
    pub status: Option<String>,
    pub custodian: Option<i64>,
    pub location: Option<String>,
    pub search: Option<String>,
}

pub const LIST_COLUMNS: &[&str] = &[
    "tag",
    "kind",
    "name",
    "model",
    "dept",
    "custodian",
    "location",
    "status",
    "purchased",
    "price",
    // the virus incident keeping the device isolated (C32), derived
    "isolated_by",
];

/// Streams the matching assets to `sink`, ordered by tag.
pub fn list(
    conn: &Connection,
    f: &Filter,
    sink: &mut dyn FnMut(&[Value]) -> Result<()>,
) -> Result<()> {
    let search = f.search.as_ref().map(|s| format!("%{s}%"));
    let mut stmt = conn
        .prepare(&format!(
            "SELECT a.tag, a.kind, a.name, a.model, d.name, p.name, a.location, a.status, a.purchased, a.price,
                    {}
             FROM asset a
             LEFT JOIN department d ON d.id = a.dept_id
             LEFT JOIN person p ON p.id = a.custodian_id
             WHERE (?1 IS NULL OR a.dept_id = ?1)
               AND (?2 IS NULL OR a.kind = ?2)
               AND (?3 IS NULL OR a.status = ?3)
               AND (?4 IS NULL OR a.custodian_id = ?4)
               AND (?5 IS NULL OR a.location = ?5)
               AND (?6 IS NULL OR a.tag LIKE ?6 OR a.name LIKE ?6 OR a.model LIKE ?6
                    OR a.serial LIKE ?6 OR a.specs LIKE ?6 OR a.location LIKE ?6
                    OR a.manufacturer LIKE ?6 OR a.supplier LIKE ?6)
             ORDER BY a.tag",
            super::incident::isolated_by_sql("a")
        ))
        .context("listing assets")?;
    let mut q = stmt.query(params![
        f.dept,
        f.kind,
        f.status,
        f.custodian,
        f.location,
        search
    ])?;
    let mut row = Vec::with_capacity(LIST_COLUMNS.len());
    while let Some(r) = q.next()? {
        row.clear();
        row.push(Value::Text(r.get(0)?));
        row.push(Value::Text(r.get(1)?));
        row.push(Value::Text(r.get(2)?));
        row.push(opt_text(r, 3)?.into());
        row.push(opt_text(r, 4)?.into());
        row.push(opt_text(r, 5)?.into());
        row.push(opt_text(r, 6)?.into());
        row.push(Value::Text(r.get(7)?));
        row.push(opt_text(r, 8)?.into());
        row.push(
            r.get::<_, Option<i64>>(9)?
                .map_or(Value::Null, Value::Money),
        );
        row.push(r.get::<_, Option<i64>>(10)?.into());
        sink(&row)?;
    }
    Ok(())
}

/// One asset, every field.
pub fn show(conn: &Connection, tag: &str) -> Result<Rows> {
    let id = current(conn, tag)?.id;
    let mut rows = Rows::new(&[
        "tag",
        "kind",
        "name",
        "model",
        "manufacturer",
        "supplier",
        "purchased",
        "price",
        "dept",
        "custodian",
        "location",
        "serial",
        "specs",
        "classified",
        "network",
        "status",
        "registered",
        "request",
        "service_life",
        "warranty_until",
        "isolated_by",
        "isolated_since",
    ]);
    let mut row = conn.query_row(
        "SELECT a.tag, a.kind, a.name, a.model, a.manufacturer, a.supplier, a.purchased, a.price,
                d.name, p.name, a.location, a.serial, a.specs, a.classified, a.network, a.status,
                a.registered, a.request_id
         FROM asset a
         LEFT JOIN department d ON d.id = a.dept_id
         LEFT JOIN person p ON p.id = a.custodian_id
         WHERE a.id = ?1",
        [id],
        |r| {
            Ok(vec![
                Value::Text(r.get(0)?),
                Value::Text(r.get(1)?),
                Value::Text(r.get(2)?),
                opt_text(r, 3)?.into(),
                opt_text(r, 4)?.into(),
                opt_text(r, 5)?.into(),
                opt_text(r, 6)?.into(),
                r.get::<_, Option<i64>>(7)?
                    .map_or(Value::Null, Value::Money),
                opt_text(r, 8)?.into(),
                opt_text(r, 9)?.into(),
                opt_text(r, 10)?.into(),
                opt_text(r, 11)?.into(),
                opt_text(r, 12)?.into(),
                Value::Bool(r.get::<_, i64>(13)? == 1),
                Value::Text(r.get(14)?),
                Value::Text(r.get(15)?),
                Value::Text(r.get(16)?),
                r.get::<_, Option<i64>>(17)?.into(),
            ])
        },
    )?;
    let (life, warranty) = super::life::of(conn, id)?;
    row.push(life.map(crate::domain::life::format_service_life).into());
    row.push(warranty.into());
    let (by, since) = super::incident::isolation(conn, id)?.unzip();
    row.push(by.into());
    row.push(since.into());
    rows.push(row);
    Ok(rows)
}

/// Every event of an asset, oldest first, with who recorded it (from the
/// audit trail, so it cannot disagree with it).
pub fn history(conn: &Connection, tag: &str) -> Result<Rows> {
    let id = current(conn, tag)?.id;
    let mut rows = Rows::new(&["id", "date", "event", "detail", "recorded_by", "void"]);
    let mut stmt = conn.prepare(&format!(
        "WITH ev(date, ord, rid, entity, event, detail) AS (
           -- as registered, from the trail: the asset row holds only its state now
           SELECT a.registered, 0, a.id, 'asset', 'registered',
                  a.kind || ' ' || a.name || ' to ' || coalesce(d.name, '(no department)')
                  || coalesce(', custodian ' || p.name, '')
                  || coalesce(', at ' || json_extract(l.row, '$.location'), '')
           FROM asset a
             JOIN audit_log l ON l.entity = 'asset' AND l.key = a.tag AND l.action = 'insert'
             LEFT JOIN department d ON d.id = json_extract(l.row, '$.dept_id')
             LEFT JOIN person p ON p.id = json_extract(l.row, '$.custodian_id')
           WHERE a.id = ?1
           UNION ALL
           SELECT t.date, 1, t.id, 'asset_transfer', 'transfer',
                  trim(
                    CASE WHEN t.to_dept_id IS NOT t.from_dept_id
                         THEN 'dept ' || coalesce(fd.name, '-') || ' -> ' || coalesce(td.name, '-') || '; ' ELSE '' END ||
                    CASE WHEN t.to_custodian_id IS NOT t.from_custodian_id
                         THEN 'custodian ' || coalesce(fp.name, '-') || ' -> ' || coalesce(tp.name, '-') || '; ' ELSE '' END ||
                    CASE WHEN t.to_location IS NOT t.from_location
                         THEN 'location ' || coalesce(t.from_location, '-') || ' -> ' || coalesce(t.to_location, '-') || '; ' ELSE '' END ||
                    'reason: ' || t.reason)
           FROM asset_transfer t
             LEFT JOIN department fd ON fd.id = t.from_dept_id
             LEFT JOIN department td ON td.id = t.to_dept_id
             LEFT JOIN person fp ON fp.id = t.from_custodian_id
             LEFT JOIN person tp ON tp.id = t.to_custodian_id
           WHERE t.asset_id = ?1
           UNION ALL
           SELECT m.date, 1, m.id, 'maintenance', m.kind,
                  m.note || CASE WHEN m.cost > 0
                    THEN '; cost ' || printf('%d.%02d', m.cost / 100, m.cost % 100) || ' charged to ' || cd.name ELSE '' END
                  || coalesce('; vendor ' || m.vendor, '')
                  || CASE WHEN m.specs_to IS NOT NULL
                     THEN '; specs ' || coalesce(m.specs_from, '-') || ' -> ' || m.specs_to ELSE '' END
           FROM maintenance m LEFT JOIN department cd ON cd.id = m.charge_dept_id
           WHERE m.asset_id = ?1
           UNION ALL
           SELECT dm.date, 1, dm.id, 'damage', 'damage',
                  dm.cause || '; ' || printf('%d.%02d', dm.amount / 100, dm.amount % 100) || ' payable by '
                  || CASE dm.liable WHEN 'person' THEN 'person ' || lp.name ELSE 'department ' || ld.name END
           FROM damage dm LEFT JOIN department ld ON ld.id = dm.liable_dept_id
                          LEFT JOIN person lp ON lp.id = dm.liable_person_id
           WHERE dm.asset_id = ?1
           UNION ALL
           SELECT s.date, 1, s.id, 'asset_status_change', 'status',
                  s.from_status || ' -> ' || s.to_status || '; reason: ' || s.reason
           FROM asset_status_change s WHERE s.asset_id = ?1
           UNION ALL
           -- a registration field amended (asset edit)
           SELECT m.date, 1, m.id, 'amendment', 'amended',
                  m.field || ' ' || coalesce(m.old_value, '-') || ' -> ' || coalesce(m.new_value, '-')
                  || '; reason: ' || m.reason
           FROM amendment m WHERE m.entity = 'asset' AND m.record_id = ?1

         )
         SELECT ev.date, ev.event, ev.detail,
                (SELECT l.actor FROM audit_log l
                 WHERE l.entity = ev.entity AND l.key = CASE ev.entity WHEN 'asset' THEN ?2 ELSE CAST(ev.rid AS TEXT) END
                   AND l.action = 'insert'
                 ORDER BY l.seq LIMIT 1),
                CASE ev.entity WHEN 'maintenance' THEN 'M' || ev.rid WHEN 'damage' THEN 'D' || ev.rid END,
                CASE ev.entity WHEN 'maintenance' THEN {} WHEN 'damage' THEN {} END
         FROM ev
         ORDER BY ev.date, ev.ord,
                  (SELECT min(l.seq) FROM audit_log l
                   WHERE l.entity = ev.entity AND l.key = CASE ev.entity WHEN 'asset' THEN ?2 ELSE CAST(ev.rid AS TEXT) END)",
        super::correction::void_note_of("maintenance", "ev.rid"),
        super::correction::void_note_of("damage", "ev.rid")
    ))?;
    let mut q = stmt.query(params![id, tag.trim()])?;
    while let Some(r) = q.next()? {
        rows.push(vec![
            opt_text(r, 4)?.into(),
            Value::Text(r.get(0)?),
            Value::Text(r.get(1)?),
            opt_text(r, 2)?.into(),
            opt_text(r, 3)?.into(),
            opt_text(r, 5)?.into(),
        ]);
    }
    Ok(rows)
}

/// A change of department, custodian and/or location (AST-3).
pub struct Transfer {
    pub dept: Option<i64>,
    pub custodian: Option<i64>,
    pub location: Option<String>,
    pub reason: String,
    pub date: NaiveDate,
}

pub fn transfer(tx: &mut Tx<'_>, a: &Current, t: &Transfer) -> Result<()> {
    if matches!(a.status.as_str(), "retired" | "disposed") {
        bail!("TAG: {} is {} and cannot be transferred", a.tag, a.status);
    }
    let to_dept = t.dept.or(a.dept_id);
    let to_custodian = t.custodian.or(a.custodian_id);
    let to_location = t.location.clone().or_else(|| a.location.clone());
    if to_dept == a.dept_id && to_custodian == a.custodian_id && to_location == a.location {
        bail!(
            "{}: the transfer changes nothing; give a new --dept, --custodian or --location",
            a.tag
        );
    }
    tx.insert(
        ASSET_TRANSFER,
        "INSERT INTO asset_transfer (asset_id, date, from_dept_id, to_dept_id, from_custodian_id,
                                     to_custodian_id, from_location, to_location, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            a.id,
            t.date.to_string(),
            a.dept_id,
            to_dept,
            a.custodian_id,
            to_custodian,
            a.location,
            to_location,
            t.reason
        ],
    )?;
    tx.update(
        ASSET,
        "UPDATE asset SET dept_id = ?2, custodian_id = ?3, location = ?4 WHERE id = ?1 RETURNING *",
        params![a.id, to_dept, to_custodian, to_location],
    )?;
    Ok(())
}

/// A maintenance record (AST-4). An upgrade may change the specs, which is a
/// configuration change the register must show (AST-3).
pub struct Maintenance {
    pub kind: String,
    pub cost: i64,
    pub charge_to: Option<i64>,
    pub vendor: Option<String>,
    pub note: String,
    pub date: NaiveDate,
    pub specs: Option<String>,
}

pub fn maintain(tx: &mut Tx<'_>, a: &Current, m: &Maintenance) -> Result<i64> {
    if a.status == "disposed" {
        bail!("TAG: {} is disposed; it can no longer be maintained", a.tag);
    }
    // Repair and part costs are charged to the asset's department unless
    // another is named (AST-4).
    let charge = if m.cost > 0 {
        m.charge_to.or(a.dept_id)
    } else {
        m.charge_to
    };
    if m.cost > 0 && charge.is_none() {
        bail!(
            "--charge-to: {} has no department to charge the cost to; name one",
            a.tag
        );
    }
    let new_specs = m.specs.as_ref().filter(|s| Some(*s) != a.specs.as_ref());
    let id = tx.insert(
        MAINTENANCE,
        "INSERT INTO maintenance (asset_id, date, kind, cost, charge_dept_id, vendor, note,
                                  specs_from, specs_to)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            a.id,
            m.date.to_string(),
            m.kind,
            m.cost,
            charge,
            m.vendor,
            m.note,
            new_specs.and(a.specs.as_ref()),
            new_specs
        ],
    )?;
    if let Some(specs) = &m.specs
        && Some(specs) != a.specs.as_ref()
    {
        tx.update(
            ASSET,
            "UPDATE asset SET specs = ?2 WHERE id = ?1 RETURNING *",
            params![a.id, specs],
        )?;
    }
    Ok(id)
}

/// The tags of the assets registered with this serial number (but `except`),
/// in tag order. One function for every path that registers or amends a
/// serial, and for the duplicate-serial finding.
pub fn assets_with_serial(
    conn: &Connection,
    serial: &str,
    except: Option<i64>,
) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT tag FROM asset WHERE serial = ?1 AND (?2 IS NULL OR id <> ?2) ORDER BY tag",
        )
        .context("looking up a serial number")?;
    let tags = stmt
        .query_map(params![serial.trim(), except], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()
        .context("looking up a serial number")?;
    Ok(tags)
}

/// Before a maintenance record is voided: an upgrade that changed the specs
/// is undone too, if the specs are still the ones it set (a later change
/// stands). Returns a note for the message.
pub fn undo_upgrade(tx: &mut Tx<'_>, maintenance: i64) -> Result<(Option<i64>, Option<String>)> {
    let (asset, from, to, now): (i64, Option<String>, Option<String>, Option<String>) = tx
        .conn()
        .query_row(
            "SELECT m.asset_id, m.specs_from, m.specs_to, a.specs
             FROM maintenance m JOIN asset a ON a.id = m.asset_id WHERE m.id = ?1",
            [maintenance],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .context("reading a maintenance record")?;
    match to {
        Some(to) if now.as_deref() == Some(to.as_str()) => {
            tx.update(
                ASSET,
                "UPDATE asset SET specs = ?2 WHERE id = ?1 RETURNING *",
                params![asset, from],
            )?;
            Ok((
                None,
                Some(format!(
                    "specs back to {}",
                    from.as_deref().unwrap_or("(none)")
                )),
            ))
        }
        _ => Ok((None, None)),
    }
}

/// Damage by human cause and who pays (AST-5).
pub struct Damage {
    pub cause: String,
    pub liable: String,
    pub dept: Option<i64>,
    pub person: Option<i64>,
    pub amount: i64,
    pub date: NaiveDate,
}

pub fn damage(tx: &mut Tx<'_>, a: &Current, d: &Damage) -> Result<i64> {
    let (dept, person) = match d.liable.as_str() {
        "department" => match d.dept.or(a.dept_id) {
            Some(dept) => (Some(dept), None),
            None => bail!(
                "--dept: {} has no department; name the liable department",
                a.tag
            ),
        },
        _ => match d.person.or(a.custodian_id) {
            Some(p) => (None, Some(p)),
            None => bail!(
                "--person: {} has no custodian; name the liable person",
                a.tag
            ),
        },
    };
    tx.insert(
        DAMAGE,
        "INSERT INTO damage (asset_id, date, cause, liable, liable_dept_id, liable_person_id, amount)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![a.id, d.date.to_string(), d.cause, d.liable, dept, person, d.amount],
    )
}

/// Sets a status an officer may set by hand (in-use, in-stock, under-repair).
pub fn set_status(
    tx: &mut Tx<'_>,
    a: &Current,
    to: &str,
    reason: &str,
    date: NaiveDate,
) -> Result<()> {
    if matches!(a.status.as_str(), "retired" | "disposed") {
        bail!(
            "TAG: {} is {}; only an approved request changes that",
            a.tag,
            a.status
        );
    }
    if a.status == to {
        bail!("STATUS: {} is already {to}", a.tag);
    }
    change_status(tx, a, to, reason, date)
}

/// Records a status change and applies it.
fn change_status(
    tx: &mut Tx<'_>,
    a: &Current,
    to: &str,
    reason: &str,
    date: NaiveDate,
) -> Result<()> {
    tx.insert(
        ASSET_STATUS_CHANGE,
        "INSERT INTO asset_status_change (asset_id, date, from_status, to_status, reason)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![a.id, date.to_string(), a.status, to, reason],
    )?;
    tx.update(
        ASSET,
        "UPDATE asset SET status = ?2 WHERE id = ?1 RETURNING *",
        params![a.id, to],
    )?;
    Ok(())
}

/// Ends an asset's service (AST-6): `retired` when a retirement request is
/// fulfilled, then `disposed`. Only `store::request` calls this, after its
/// checks; `set_status` refuses both.
pub fn end_service(
    tx: &mut Tx<'_>,
    a: &Current,
    to: &str,
    reason: &str,
    date: NaiveDate,
) -> Result<()> {
    let allowed = match to {
        "retired" => !matches!(a.status.as_str(), "retired" | "disposed"),
        "disposed" => a.status == "retired",
        _ => false,
    };
    if !allowed {
        bail!("TAG: {} is {}; it cannot become {to}", a.tag, a.status);
    }
    change_status(tx, a, to, reason, date)
}

/// A status change a stock-take makes: `missing` for an asset in service it
/// did not find (盘亏), and back to `to` for a missing asset found again.
/// Retirement stays with the retirement request (AST-6).
pub fn stocktake_status(
    tx: &mut Tx<'_>,
    a: &Current,
    to: &str,
    reason: &str,
    date: NaiveDate,
) -> Result<()> {
    let allowed = match to {
        "missing" => matches!(a.status.as_str(), "in-use" | "in-stock" | "under-repair"),
        _ => a.status == "missing" && matches!(to, "in-use" | "in-stock" | "under-repair"),
    };
    if !allowed {
        bail!("TAG: {} is {}; it cannot become {to}", a.tag, a.status);
    }
    change_status(tx, a, to, reason, date)
}

/// Counts and value by one dimension (AST-7). Disposed assets are gone from
/// the organisation and count only in the report by status.
pub fn report(conn: &Connection, by: &str) -> Result<Rows> {
    let (label, expr, join) = match by {
        "dept" => (
            "dept",
            "coalesce(d.name, '(none)')",
            "LEFT JOIN department d ON d.id = a.dept_id",
        ),
        "location" => ("location", "coalesce(a.location, '(none)')", ""),
        "kind" => ("kind", "a.kind", ""),
        "status" => ("status", "a.status", ""),
        other => bail!("--by: {other:?} is not one of dept, location, kind, status"),
    };
    let filter = if by == "status" {
        ""
    } else {
        "WHERE a.status <> 'disposed'"
    };
    let sql = format!(
        "SELECT {expr} AS k, count(*), checked_sum(a.price), sum(a.price IS NULL)
         FROM asset a {join} {filter} GROUP BY k ORDER BY k COLLATE pinyin"
    );
    let mut rows = Rows::new(&[label, "count", "value", "unpriced"]);
    let mut stmt = conn.prepare(&sql)?;
    let mut q = stmt.query([])?;
    let (mut n, mut v, mut u) = (0i64, 0i64, 0i64);
    while let Some(r) = q.next()? {
        let count: i64 = r.get(1)?;
        let value: Option<i64> = r.get(2)?;
        let unpriced: i64 = r.get(3)?;
        n += count;
        v += value.unwrap_or(0);
        u += unpriced;
        rows.push(vec![
            Value::Text(r.get(0)?),
            Value::Int(count),
            Value::Money(value.unwrap_or(0)),
            Value::Int(unpriced),
        ]);
    }
    rows.push(vec![
        Value::Text("TOTAL".into()),
        Value::Int(n),
        Value::Money(v),
        Value::Int(u),
    ]);
    Ok(rows)
}

/// The asset area's findings: AST-2 (a department and a first responsible
/// person for every item in service) and AST-9 / SEC-3 (no classified
/// computer on an external network).
pub fn check(conn: &Connection) -> Result<Vec<Finding>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT a.tag, a.name, a.dept_id IS NULL, a.custodian_id IS NULL AND a.status = 'in-use',
                a.classified = 1 AND a.network = 'external', p.name
         FROM asset a LEFT JOIN person p ON p.id = a.custodian_id
         WHERE a.status NOT IN ('retired', 'disposed')
           AND (a.dept_id IS NULL OR (a.custodian_id IS NULL AND a.status = 'in-use')
                OR (a.classified = 1 AND a.network = 'external'))
         ORDER BY a.tag",
    )?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        let tag: String = r.get(0)?;
        let name: String = r.get(1)?;
        let subject = format!("{tag} {name}");
        if r.get::<_, bool>(2)? {
            out.push(
                Finding::new(
                    "asset",
                    Severity::Warning,
                    subject.clone(),
                    "has no department",
                    "AST-2",
                )
                .zh("未登记所属部门"),
            );
        }
        if r.get::<_, bool>(3)? {
            out.push(
                Finding::new(
                    "asset",
                    Severity::Warning,
                    subject.clone(),
                    "is in use with no custodian (first responsible person)",
                    "AST-2",
                )
                .zh("在用但未登记第一责任人"),
            );
        }
        if r.get::<_, bool>(4)? {
            let custodian = opt_text(r, 5)?;
            let who = custodian
                .as_ref()
                .map_or(String::new(), |p| format!(" (custodian {p})"));
            let who_zh = custodian.map_or(String::new(), |p| format!("（责任人 {p}）"));
            out.push(
                Finding::new(
                    "asset",
                    Severity::Critical,
                    subject,
                    format!("is classified (涉密) and connected to an external network{who}"),
                    "AST-9",
                )
                .zh(format!("涉密设备接入外网{who_zh}：涉密不上网")),
            );
        }
    }
    out.extend(shared_serials(conn)?);
    Ok(out)
}

/// AST-1: one device, one entry. Two assets with one serial number are one
/// device registered twice (an import run twice, a typo), or a mistyped
/// serial; either way the register is wrong.
fn shared_serials(conn: &Connection) -> Result<Vec<Finding>> {
    let mut stmt = conn
        .prepare(
            "SELECT serial, count(*), group_concat(tag, ', ')
             FROM (SELECT serial, tag FROM asset WHERE serial IS NOT NULL ORDER BY tag)
             GROUP BY serial HAVING count(*) > 1 ORDER BY serial",
        )
        .context("finding serial numbers registered twice")?;
    let found = stmt
        .query_map([], |r| {
            let serial: String = r.get(0)?;
            let n: i64 = r.get(1)?;
            let tags: String = r.get(2)?;
            Ok(Finding::new(
                "asset",
                Severity::Warning,
                format!("serial {serial}"),
                format!("is the serial number of {n} assets ({tags}); one device, one entry"),
                "AST-1",
            )
            .zh(format!("出厂编号重复：{n} 条资产记录（{tags}）")))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(found)
}
