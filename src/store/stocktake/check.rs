//! The stock-take findings.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::Connection;

use super::date_of;
use crate::domain::findings::{Finding, Severity};
use crate::domain::time::{Interval, parse_date};

/// The stock-take findings: assets missing (AST-1; CRITICAL for a classified
/// device, whose loss may be a leak), and departments whose assets have not
/// been counted within `every` (the stock-take duty).
pub fn check(conn: &Connection, as_of: NaiveDate, every: Interval) -> Result<Vec<Finding>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT a.tag, a.name, a.classified,
                (SELECT max(s.date) FROM asset_status_change s
                 WHERE s.asset_id = a.id AND s.to_status = 'missing')
         FROM asset a WHERE a.status = 'missing' ORDER BY a.tag",
    )?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        let tag: String = r.get(0)?;
        let name: String = r.get(1)?;
        let classified: bool = r.get(2)?;
        let since: Option<String> = r.get(3)?;
        let since = since.unwrap_or_else(|| "?".into());
        let (severity, what, what_zh) = if classified {
            (
                Severity::Critical,
                "a classified (涉密) device is missing",
                "涉密设备盘亏（下落不明）",
            )
        } else {
            (Severity::Warning, "is missing", "盘亏（下落不明）")
        };
        out.push(
            Finding::new(
                "asset",
                severity,
                format!("{tag} {name}"),
                format!("{what} since the stock-take of {since}; find it, or write it off by a retirement request (AST-6)"),
                "AST-1",
            )
            .zh(format!("{what_zh}，自 {since} 盘点起；请查找，或经报废申请核销（AST-6）")),
        );
    }
    // The departments holding assets in service, with the first day one of
    // those was registered, and the last closed stock-take of the whole
    // department (or of the whole register).
    let mut stmt = conn.prepare(
        "SELECT d.name, min(a.registered),
                (SELECT max(s.closed) FROM stocktake s
                 WHERE s.closed IS NOT NULL AND s.location IS NULL AND s.kind IS NULL
                   AND (s.dept_id = d.id OR s.dept_id IS NULL) AND s.closed <= ?1)
         FROM asset a JOIN department d ON d.id = a.dept_id
         WHERE a.status NOT IN ('retired', 'disposed') AND a.registered <= ?1
         GROUP BY d.id ORDER BY d.name COLLATE pinyin",
    )?;
    let mut q = stmt.query([as_of.to_string()])?;
    while let Some(r) = q.next()? {
        let dept: String = r.get(0)?;
        let first = parse_date("asset.registered", &r.get::<_, String>(1)?)?;
        let last = date_of("stocktake.closed", r.get(2)?)?;
        let due = every.after_date(last.unwrap_or(first));
        if as_of <= due {
            continue;
        }
        let (msg, zh) = match last {
            Some(l) => (
                format!("was last stock-taken on {l}; a count is due every {every} (due {due})"),
                format!("上次盘点为 {l}；应每 {} 盘点一次（{due} 到期）", every.zh()),
            ),
            None => (
                format!(
                    "has never been stock-taken; a count is due every {every} (due {due}, after its first asset was registered)"
                ),
                format!("从未盘点；应每 {} 盘点一次（{due} 到期）", every.zh()),
            ),
        };
        out.push(Finding::new("asset", Severity::Warning, dept, msg, "AST-1").zh(zh));
    }
    Ok(out)
}
