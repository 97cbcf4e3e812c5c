//! The hash chain: how an entry is hashed, how a row is serialised for the
//! trail, and the head that anchors, witnesses and checkpoints name.

use anyhow::{Context, Result};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

pub struct Entry<'e> {
    pub seq: i64,
    pub at: &'e str,
    pub actor: &'e str,
    pub os_user: &'e str,
    pub command: &'e str,
    pub entity: &'e str,
    pub key: &'e str,
    pub action: &'e str,
    pub row: Option<&'e str>,
    pub prev_hash: &'e str,
}

/// SHA-256 over every field, separated by the ASCII unit separator so that
/// no shift of text between fields gives the same input.
pub fn entry_hash(e: &Entry<'_>) -> String {
    let mut h = Sha256::new();
    for part in [
        e.seq.to_string().as_str(),
        e.at,
        e.actor,
        e.os_user,
        e.command,
        e.entity,
        e.key,
        e.action,
        e.row.unwrap_or("\u{0}"),
        e.prev_hash,
    ] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    hex(&h.finalize())
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// The columns of an audited table as its rows are serialised: the key
/// column's index, and the columns in name order with their names already
/// quoted, so each row is written straight into one string.
pub struct Shape {
    pub(super) key: usize,
    pub(super) order: Vec<(usize, String)>,
}

impl Shape {
    pub fn of<'n>(names: impl Iterator<Item = &'n str>, key: &str, table: &str) -> Result<Shape> {
        let mut cols: Vec<(usize, &str)> = names.enumerate().collect();
        let key = cols
            .iter()
            .find(|(_, n)| *n == key)
            .map(|(i, _)| *i)
            .with_context(|| format!("the audited key column {table}.{key} is missing"))?;
        cols.sort_by(|a, b| a.1.cmp(b.1));
        let order = cols
            .into_iter()
            .map(|(i, n)| Ok((i, serde_json::to_string(n)?)))
            .collect::<Result<_>>()?;
        Ok(Shape { key, order })
    }
}

/// A row as canonical JSON: keys sorted, so the same row always gives the
/// same text, at write time and at verify time, whatever the column order.
pub fn row_json(row: &Row<'_>, shape: &Shape) -> Result<String> {
    let mut out = String::with_capacity(64 * shape.order.len());
    out.push('{');
    for (n, (i, name)) in shape.order.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(name);
        out.push(':');
        match row.get_ref(*i)? {
            ValueRef::Null => out.push_str("null"),
            ValueRef::Integer(v) => out.push_str(&v.to_string()),
            ValueRef::Real(x) => out.push_str(&serde_json::to_string(&x)?),
            ValueRef::Text(t) => out.push_str(&serde_json::to_string(&String::from_utf8_lossy(t))?),
            ValueRef::Blob(b) => {
                out.push('"');
                out.push_str(&hex(b));
                out.push('"');
            }
        }
    }
    out.push('}');
    Ok(out)
}

pub fn key_text(row: &Row<'_>, shape: &Shape) -> Result<String> {
    Ok(match row.get_ref(shape.key)? {
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Null => String::new(),
        ValueRef::Blob(b) => hex(b),
    })
}

/// The newest entry: its sequence number and hash, to be kept elsewhere as
/// an anchor for `audit verify --anchor SEQ:HASH`.
pub fn head(conn: &Connection) -> Result<Option<(i64, String)>> {
    let mut stmt = conn
        .prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        .context("reading the head of the audit trail")?;
    let mut rows = stmt.query([])?;
    Ok(match rows.next()? {
        Some(r) => Some((r.get(0)?, r.get(1)?)),
        None => None,
    })
}

/// Parses `SEQ:HASH`.
pub fn parse_anchor(value: &str) -> Result<(i64, String)> {
    let bad = || {
        anyhow::anyhow!(
            "--anchor: {value:?} is not an anchor; expected SEQ:HASH as printed by `infogov audit head`"
        )
    };
    let (seq, hash) = value.trim().split_once(':').ok_or_else(bad)?;
    let seq: i64 = seq.parse().map_err(|_| bad())?;
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    Ok((seq, hash.to_ascii_lowercase()))
}
