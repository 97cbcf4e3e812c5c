//! The SQL of software on LAN devices (AST-8): the approved list, the
//! installed-software inventories imported per device, and the findings of
//! the "software" area. Matching rules are in `domain::software`.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::Tx;
use super::audit::{SOFTWARE_ALLOWED, SOFTWARE_INSTALLED};
use crate::domain::csvfile::{BadRows, MAX_REPORTED_ROWS};
use crate::domain::findings::{Finding, Severity};
use crate::domain::software::{Allowed, ApprovedList};
use crate::rows::{Rows, Value};

/// Adds software to the approved list.
pub fn allow(
    tx: &mut Tx<'_>,
    name: &str,
    pattern: &str,
    note: Option<&str>,
    today: NaiveDate,
) -> Result<i64> {
    let name = name.trim();
    let pattern = pattern.trim();
    if name.is_empty() {
        bail!("NAME: the software needs a name");
    }
    if pattern.is_empty() {
        bail!("--version-pattern: must not be empty; use '*' for every version");
    }
    let dup = tx
        .conn()
        .prepare_cached(
            "SELECT name FROM software_allowed WHERE name = ?1 COLLATE NOCASE AND version_pattern = ?2",
        )?
        .query_row(params![name, pattern], |r| r.get::<_, String>(0))
        .optional()?;
    if let Some(existing) = dup {
        bail!("NAME: {existing} {pattern} is already on the approved list");
    }
    tx.insert(
        SOFTWARE_ALLOWED,
        "INSERT INTO software_allowed (name, version_pattern, note, created)
         VALUES (?1, ?2, ?3, ?4)",
        params![name, pattern, note, today.to_string()],
    )
}

/// Takes software off the approved list: the entry with this pattern, or
/// every entry of the name when no pattern is given. Returns how many.
pub fn revoke(tx: &mut Tx<'_>, name: &str, pattern: Option<&str>) -> Result<usize> {
    let ids: Vec<i64> = {
        let mut stmt = tx.conn().prepare(
            "SELECT id FROM software_allowed
             WHERE name = ?1 COLLATE NOCASE AND (?2 IS NULL OR version_pattern = ?2) ORDER BY id",
        )?;
        stmt.query_map(params![name.trim(), pattern.map(str::trim)], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    if ids.is_empty() {
        match pattern {
            Some(p) => {
                bail!("NAME: {name:?} with version pattern {p:?} is not on the approved list")
            }
            None => bail!("NAME: {name:?} is not on the approved list"),
        }
    }
    for id in &ids {
        tx.delete(
            SOFTWARE_ALLOWED,
            "DELETE FROM software_allowed WHERE id = ?1 RETURNING *",
            [id],
        )?;
    }
    Ok(ids.len())
}

fn allowed_list(conn: &Connection) -> Result<ApprovedList> {
    let mut stmt = conn
        .prepare_cached("SELECT name, version_pattern FROM software_allowed")
        .context("reading the approved software list")?;
    let list: Vec<Allowed> = stmt
        .query_map([], |r| {
            Ok(Allowed {
                name: r.get(0)?,
                version_pattern: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ApprovedList::new(list))
}

/// The approved list, with how many devices have something installed that
/// the entry approves.
pub fn list_allowed(conn: &Connection, name: Option<&str>) -> Result<Rows> {
    let mut rows = Rows::new(&["name", "version_pattern", "note", "added", "devices"]);
    let mut stmt = conn.prepare(
        "SELECT name, version_pattern, note, created FROM software_allowed
         WHERE ?1 IS NULL OR name = ?1 COLLATE NOCASE
         ORDER BY name COLLATE pinyin, version_pattern",
    )?;
    let entries: Vec<(String, String, Option<String>, String)> = stmt
        .query_map([name.map(str::trim)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut installed = conn.prepare_cached(
        "SELECT DISTINCT i.asset_id, i.version FROM software_installed i
         WHERE i.name = ?1 COLLATE NOCASE",
    )?;
    for (name, pattern, note, added) in entries {
        let one = ApprovedList::new([Allowed {
            name: name.clone(),
            version_pattern: pattern.clone(),
        }]);
        let mut devices = BTreeSet::new();
        let mut q = installed.query([&name])?;
        while let Some(r) = q.next()? {
            let version: String = r.get(1)?;
            if one.approves(&name, &version) {
                devices.insert(r.get::<_, i64>(0)?);
            }
        }
        rows.push(vec![
            name.into(),
            pattern.into(),
            note.into(),
            added.into(),
            Value::Int(devices.len() as i64),
        ]);
    }
    Ok(rows)
}

/// What an inventory import did (or, in a dry run, would do).
#[derive(Debug, Default)]
pub struct ImportSummary {
    pub devices: u64,
    pub packages: u64,
    pub added: u64,
    pub removed: u64,
    pub unchanged: u64,
}

/// The columns of an inventory file.
pub const INVENTORY_HEADERS: &[&str] = &["tag", "software", "version"];

/// Imports installed-software inventories: a CSV with the header
/// `tag,software,version` (any order; `version` may be left out), one row per
/// package per device. Each device named in the file gets exactly the
/// packages the file lists for it: packages no longer listed are removed,
/// new ones added, the rest left alone (so the audit trail shows what
/// changed). Devices not in the file keep their inventory. On any bad row the
/// caller must roll back; every bad row (up to [`MAX_REPORTED_ROWS`]) is reported.
pub fn import_table(
    tx: &mut Tx<'_>,
    table: &mut crate::tabular::Table,
    today: NaiveDate,
) -> Result<ImportSummary> {
    let file = table.file().to_string();
    let mut assets: BTreeMap<String, i64> = BTreeMap::new();
    let mut wanted: BTreeMap<i64, BTreeSet<(String, String)>> = BTreeMap::new();
    let mut bad = Vec::new();
    let mut bad_total = 0u64;
    let mut note_bad = |msg: String| {
        bad_total += 1;
        if bad.len() < MAX_REPORTED_ROWS {
            bad.push(msg);
        }
    };
    let mut lookup = tx
        .conn()
        .prepare_cached("SELECT id FROM asset WHERE tag = ?1")?;
    while let Some(next) = table.next_row() {
        let row = match next? {
            Ok(row) => row,
            Err(b) => {
                note_bad(b.to_string());
                continue;
            }
        };
        let (Some(tag), Some(software)) = (row.get("tag"), row.get("software")) else {
            let f = if row.get("tag").is_none() {
                "tag"
            } else {
                "software"
            };
            note_bad(format!("{}: must not be empty", row.at(f)));
            continue;
        };
        let version = row.get("version").unwrap_or("").to_string();
        let asset = match assets.get(tag) {
            Some(id) => *id,
            None => match lookup.query_row([tag], |r| r.get::<_, i64>(0)).optional()? {
                Some(id) => {
                    assets.insert(tag.to_string(), id);
                    id
                }
                None => {
                    note_bad(format!(
                        "{}: no asset {tag:?} in the register",
                        row.at("tag")
                    ));
                    continue;
                }
            },
        };
        wanted
            .entry(asset)
            .or_default()
            .insert((software.to_string(), version));
    }
    drop(lookup);
    if bad_total > 0 {
        return Err(BadRows {
            lines: bad,
            total: bad_total,
            file,
        }
        .into());
    }

    let mut summary = ImportSummary::default();
    for (asset, packages) in wanted {
        summary.devices += 1;
        summary.packages += packages.len() as u64;
        let existing: Vec<(i64, String, String)> = {
            let mut stmt = tx.conn().prepare_cached(
                "SELECT id, name, version FROM software_installed WHERE asset_id = ?1",
            )?;
            stmt.query_map([asset], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        let mut have = BTreeSet::new();
        for (id, name, version) in existing {
            let key = (name, version);
            if packages.contains(&key) {
                summary.unchanged += 1;
                have.insert(key);
            } else {
                tx.delete(
                    SOFTWARE_INSTALLED,
                    "DELETE FROM software_installed WHERE id = ?1 RETURNING *",
                    [id],
                )?;
                summary.removed += 1;
            }
        }
        for (name, version) in packages.iter().filter(|p| !have.contains(*p)) {
            tx.insert(
                SOFTWARE_INSTALLED,
                "INSERT INTO software_installed (asset_id, name, version, imported)
                 VALUES (?1, ?2, ?3, ?4)",
                params![asset, name, version, today.to_string()],
            )?;
            summary.added += 1;
        }
    }
    Ok(summary)
}

/// One installed package with its device and whether it is approved.
struct Installed {
    tag: String,
    asset: String,
    dept: Option<String>,
    custodian: Option<String>,
    name: String,
    version: String,
    imported: String,
    status: String,
}

fn installed(conn: &Connection, tag: Option<&str>) -> Result<Vec<Installed>> {
    let mut stmt = conn
        .prepare(
            "SELECT a.tag, a.name, d.name, p.name, i.name, i.version, i.imported, a.status
             FROM software_installed i
             JOIN asset a ON a.id = i.asset_id
             LEFT JOIN department d ON d.id = a.dept_id
             LEFT JOIN person p ON p.id = a.custodian_id
             WHERE ?1 IS NULL OR a.tag = ?1
             ORDER BY a.tag, i.name COLLATE NOCASE, i.version",
        )
        .context("reading the software inventories")?;
    let list = stmt
        .query_map([tag.map(str::trim)], |r| {
            Ok(Installed {
                tag: r.get(0)?,
                asset: r.get(1)?,
                dept: r.get(2)?,
                custodian: r.get(3)?,
                name: r.get(4)?,
                version: r.get(5)?,
                imported: r.get(6)?,
                status: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(list)
}

/// The installed software of every device (or one), each package marked
/// approved or not; `unapproved_only` keeps only the packages not approved.
pub fn inventory(conn: &Connection, tag: Option<&str>, unapproved_only: bool) -> Result<Rows> {
    if let Some(t) = tag {
        super::asset::current(conn, t)?;
    }
    let allowed = allowed_list(conn)?;
    let mut rows = Rows::new(&[
        "tag",
        "dept",
        "custodian",
        "software",
        "version",
        "approved",
        "imported",
    ]);
    for i in installed(conn, tag)? {
        let ok = allowed.approves(&i.name, &i.version);
        if unapproved_only && ok {
            continue;
        }
        rows.push(vec![
            i.tag.into(),
            i.dept.into(),
            i.custodian.into(),
            i.name.into(),
            i.version.into(),
            ok.into(),
            i.imported.into(),
        ]);
    }
    Ok(rows)
}

/// The "software" area's findings (AST-8): a WARNING for every package
/// installed on a device still in the organisation (not retired or disposed)
/// that the approved list does not allow, naming the device and its custodian.
pub fn check(conn: &Connection) -> Result<Vec<Finding>> {
    let allowed = allowed_list(conn)?;
    let mut out = Vec::new();
    for i in installed(conn, None)? {
        if matches!(i.status.as_str(), "retired" | "disposed")
            || allowed.approves(&i.name, &i.version)
        {
            continue;
        }
        let version = if i.version.is_empty() {
            String::new()
        } else {
            format!(" {}", i.version)
        };
        let (custodian, custodian_zh) = match (&i.custodian, &i.dept) {
            (Some(p), Some(d)) => (format!("custodian {p}, {d}"), format!("责任人 {p}，{d}")),
            (Some(p), None) => (format!("custodian {p}"), format!("责任人 {p}")),
            (None, Some(d)) => (format!("no custodian, {d}"), format!("未登记责任人，{d}")),
            (None, None) => ("no custodian".to_string(), "未登记责任人".to_string()),
        };
        out.push(
            Finding::new(
                "software",
                Severity::Warning,
                format!("{} {}", i.tag, i.asset),
                format!(
                    "{}{version} is installed but not on the approved list ({custodian}; inventory of {})",
                    i.name, i.imported
                ),
                "AST-8",
            )
            .zh(format!(
                "安装了未列入准许清单的软件 {}{version}（{custodian_zh}；清单导入于 {}）",
                i.name, i.imported
            )),
        );
    }
    Ok(out)
}
