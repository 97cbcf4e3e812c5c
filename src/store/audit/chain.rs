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
#[cfg(test)]
pub fn entry_hash(e: &Entry<'_>) -> String {
    hex(&entry_digest(e))
}

/// The hash of an entry as 32 bytes, as the trail stores it.
pub fn entry_digest(e: &Entry<'_>) -> [u8; 32] {
    hash_parts(
        e.seq,
        [
            e.at.as_bytes(),
            e.actor.as_bytes(),
            e.os_user.as_bytes(),
            e.command.as_bytes(),
            e.entity.as_bytes(),
            e.key.as_bytes(),
            e.action.as_bytes(),
            e.row.unwrap_or("\u{0}").as_bytes(),
            e.prev_hash.as_bytes(),
        ],
    )
}

/// The hash of an entry from its fields as stored (every field after
/// `seq`, in order, the row `\0` when there is none): what verification
/// recomputes without copying a field.
pub fn hash_parts(seq: i64, parts: [&[u8]; 9]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(seq.to_string().as_bytes());
    h.update([0x1f]);
    for part in parts {
        h.update(part);
        h.update([0x1f]);
    }
    h.finalize().into()
}

/// Whether `stored` is the lowercase hex of `digest`, without building it.
pub fn hex_is(stored: &[u8], digest: &[u8; 32]) -> bool {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    stored.len() == 64
        && digest.iter().enumerate().all(|(i, b)| {
            stored[2 * i] == DIGITS[(b >> 4) as usize]
                && stored[2 * i + 1] == DIGITS[(b & 15) as usize]
        })
}

pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    push_hex(&mut s, bytes);
    s
}

/// Appends the lowercase hex of `bytes` to `s`.
pub fn push_hex(s: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
}

/// The columns of an audited table as its rows are serialised: the key
/// column's index, and the columns in name order with their names already
/// quoted, so each row is written straight into one string.
pub struct Shape {
    pub(super) key: usize,
    pub(super) order: Vec<(usize, String)>,
    /// The quoted names as the trail stores them (`audit_shape.columns`).
    pub(super) columns: String,
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
        let order: Vec<(usize, String)> = cols
            .into_iter()
            .map(|(i, n)| Ok((i, serde_json::to_string(n)?)))
            .collect::<Result<_>>()?;
        let names: Vec<&str> = order.iter().map(|(_, n)| n.as_str()).collect();
        let columns = format!("[{}]", names.join(","));
        Ok(Shape {
            key,
            order,
            columns,
        })
    }
}

/// A row as canonical JSON: keys sorted, so the same row always gives the
/// same text, at write time and at verify time, whatever the column order.
/// What the hash covers, and what an entry kept whole holds.
pub fn row_json(row: &Row<'_>, shape: &Shape) -> Result<String> {
    let mut out = String::with_capacity(64 * shape.order.len());
    out.push('{');
    for (n, (i, name)) in shape.order.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(name);
        out.push(':');
        push_value(&mut out, row.get_ref(*i)?)?;
    }
    out.push('}');
    Ok(out)
}

/// A row as the trail stores it: the values of [`row_json`] in the same
/// order, as a JSON array, the names being the shape's.
/// Written into `out` (cleared first), so that a comparison of every row
/// reuses one buffer.
pub fn row_values(row: &Row<'_>, shape: &Shape, out: &mut String) -> Result<()> {
    out.clear();
    out.push('[');
    for (n, (i, _)) in shape.order.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        push_value(out, row.get_ref(*i)?)?;
    }
    out.push(']');
    Ok(())
}

/// [`row_json`] and [`row_values`] at once, each value written once: what
/// an audited write hashes and what it stores.
pub fn row_both(row: &Row<'_>, shape: &Shape) -> Result<(String, String)> {
    let mut json = String::with_capacity(64 * shape.order.len());
    let mut values = String::with_capacity(24 * shape.order.len());
    json.push('{');
    values.push('[');
    for (n, (i, name)) in shape.order.iter().enumerate() {
        if n > 0 {
            json.push(',');
            values.push(',');
        }
        let start = values.len();
        push_value(&mut values, row.get_ref(*i)?)?;
        json.push_str(name);
        json.push(':');
        json.push_str(&values[start..]);
    }
    json.push('}');
    values.push(']');
    Ok((json, values))
}

fn push_value(out: &mut String, v: ValueRef<'_>) -> Result<()> {
    match v {
        ValueRef::Null => out.push_str("null"),
        ValueRef::Integer(v) => {
            use std::fmt::Write;
            let _ = write!(out, "{v}");
        }
        ValueRef::Real(x) => out.push_str(&serde_json::to_string(&x)?),
        ValueRef::Text(t) => match std::str::from_utf8(t) {
            Ok(text) => json_string(out, text),
            Err(_) => json_string(out, &String::from_utf8_lossy(t)),
        },
        ValueRef::Blob(b) => {
            out.push('"');
            out.push_str(&hex(b));
            out.push('"');
        }
    }
    Ok(())
}

/// A JSON string exactly as serde_json writes one (the trail was written
/// that way): `"` and `\\` escaped, control characters below 0x20 as
/// `\\b \\t \\n \\f \\r` or `\\u00XX`, everything else as it is; written
/// straight into `out`, a run of plain characters at a time.
fn json_string(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            const DIGITS: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(DIGITS[(b >> 4) as usize] as char);
            out.push(DIGITS[(b & 15) as usize] as char);
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
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
        .prepare_cached("SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1")
        .context("reading the head of the audit trail")?;
    let mut rows = stmt.query([])?;
    Ok(match rows.next()? {
        Some(r) => Some((r.get(0)?, hash_text(r.get_ref(1)?))),
        None => None,
    })
}

/// A stored hash as the hex that anchors, witnesses and checkpoints write.
pub fn hash_text(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Blob(b) | ValueRef::Text(b) => hex(b),
        _ => String::new(),
    }
}

/// Whether a stored hash is `digest`.
pub fn hash_is(stored: ValueRef<'_>, digest: &[u8; 32]) -> bool {
    matches!(stored, ValueRef::Blob(b) if b == digest)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_are_serde_jsons() {
        for s in [
            "",
            "plain",
            "引号\"和\\反斜杠",
            "\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f} \u{7f}/\u{80}é😀",
            "end\"",
        ] {
            let mut out = String::new();
            json_string(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn hex_is_compares_with_the_hex_form() {
        let d: [u8; 32] = Sha256::digest(b"x").into();
        assert!(hex_is(hex(&d).as_bytes(), &d));
        assert!(!hex_is(hex(&d).to_uppercase().as_bytes(), &d));
        assert!(!hex_is(b"00", &d));
    }
}
