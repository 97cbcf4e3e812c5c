//! Which assets `asset label` prints.

use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension};

/// Which assets `asset label` prints.
pub enum LabelsOf<'a> {
    Tags(&'a [String]),
    Dept(i64),
    Stocktake(i64),
}

/// The tag, name and department of each asset to label, in tag order
/// (named tags in the order given; an unknown one is an error).
pub fn label_assets(
    conn: &Connection,
    of: LabelsOf<'_>,
) -> Result<Vec<(String, String, Option<String>)>> {
    let base =
        "SELECT a.tag, a.name, d.name FROM asset a LEFT JOIN department d ON d.id = a.dept_id";
    let read = |sql: &str, p: i64| -> Result<Vec<(String, String, Option<String>)>> {
        conn.prepare(sql)?
            .query_map([p], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()
            .context("reading the assets to label")
    };
    match of {
        LabelsOf::Tags(tags) => {
            let mut stmt = conn.prepare(&format!("{base} WHERE a.tag = ?1"))?;
            let mut out = Vec::new();
            for t in tags {
                let row = stmt
                    .query_row([t.trim()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()
                    .context("reading an asset to label")?
                    .with_context(|| format!("TAG: no asset {t:?} in the register"))?;
                out.push(row);
            }
            Ok(out)
        }
        LabelsOf::Dept(d) => read(
            &format!(
                "{base} WHERE a.dept_id = ?1 AND a.status NOT IN ('retired', 'disposed') ORDER BY a.tag"
            ),
            d,
        ),
        LabelsOf::Stocktake(id) => read(
            &format!(
                "{base} WHERE a.id IN (SELECT asset_id FROM stocktake_item WHERE stocktake_id = ?1) ORDER BY a.tag"
            ),
            id,
        ),
    }
}
