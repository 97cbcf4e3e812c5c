//! Where an asset is and who holds it: the findings a register keeps about
//! its own records (AST-1 "where it is", AST-2 the first responsible
//! person, AST-7 central allocation).

use anyhow::{Context, Result};
use rusqlite::{Connection, params_from_iter};

use crate::domain::findings::{Finding, Severity};

/// The IT office's department: the one named in the config, else that of
/// the people with the office role if they are all in one; None if it
/// cannot be told (then central allocation is not checked).
pub fn office_dept(conn: &Connection, configured: Option<&str>) -> Result<Option<i64>> {
    if let Some(name) = configured {
        return super::registry::dept_id(conn, "asset.office_dept", name).map(Some);
    }
    let depts: Vec<i64> = conn
        .prepare_cached("SELECT DISTINCT dept_id FROM person WHERE role = 'office'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()
        .context("looking for the IT office")?;
    Ok(match depts.as_slice() {
        [one] => Some(*one),
        _ => None,
    })
}

/// Assets in service whose custodian is of another department, in use with
/// no location (software has none), or of a centrally allocated kind outside
/// the IT office.
pub fn check(conn: &Connection, office: Option<i64>, central: &[String]) -> Result<Vec<Finding>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT a.tag, a.name, p.name, pd.name, d.name
         FROM asset a JOIN person p ON p.id = a.custodian_id
           JOIN department pd ON pd.id = p.dept_id
           JOIN department d ON d.id = a.dept_id
         WHERE a.status NOT IN ('retired', 'disposed') AND p.dept_id <> a.dept_id
         ORDER BY a.tag",
    )?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        let (tag, name, person, pdept, dept): (String, String, String, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        out.push(
            Finding::new(
                "asset",
                Severity::Warning,
                format!("{tag} {name}"),
                format!("is held by {person} of {pdept}, not of its department {dept}; name a custodian of {dept} with `asset transfer --custodian`"),
                "AST-2",
            )
            .zh(format!("第一责任人 {person} 属于{pdept}，不属于资产所属部门{dept}")),
        );
    }
    let mut stmt = conn.prepare_cached(
        "SELECT tag, name FROM asset
         WHERE status = 'in-use' AND kind <> 'software' AND (location IS NULL OR trim(location) = '')
         ORDER BY tag",
    )?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        let (tag, name): (String, String) = (r.get(0)?, r.get(1)?);
        out.push(
            Finding::new(
                "asset",
                Severity::Warning,
                format!("{tag} {name}"),
                "is in use with no location; record where it is with `asset transfer --location`",
                "AST-1",
            )
            .zh("在用但未登记存放地点"),
        );
    }
    if let Some(office) = office
        && !central.is_empty()
    {
        let marks = vec!["?"; central.len()].join(", ");
        let sql = format!(
            "SELECT a.tag, a.name, a.kind, d.name, (SELECT name FROM department WHERE id = ?1)
             FROM asset a LEFT JOIN department d ON d.id = a.dept_id
             WHERE a.status NOT IN ('retired', 'disposed') AND a.dept_id IS NOT NULL
               AND a.dept_id <> ?1 AND a.kind IN ({marks})
             ORDER BY a.tag"
        );
        let mut args: Vec<rusqlite::types::Value> = vec![office.into()];
        args.extend(central.iter().map(|k| k.clone().into()));
        let mut stmt = conn.prepare(&sql)?;
        let mut q = stmt.query(params_from_iter(args))?;
        while let Some(r) = q.next()? {
            let (tag, name, kind, dept, it): (String, String, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            out.push(
                Finding::new(
                    "asset",
                    Severity::Warning,
                    format!("{tag} {name}"),
                    format!("is a {kind} registered to {dept}; {kind}s are allocated centrally by the IT office ({it})"),
                    "AST-7",
                )
                .zh(format!("{kind} 应由信息管理部门（{it}）统一配置，现登记在{dept}")),
            );
        }
    }
    Ok(out)
}
