//! How an entry is stored (schema 11, issue 17), apart from what it proves.
//!
//! An entry's hash is still taken over its whole logical form, as before:
//! the command line, the row as canonical JSON, the previous entry's hash
//! as hex (see `chain`). Only the storage is lean: the command's fields
//! once per command (`audit_command`), the hash as 32 bytes, no copy of
//! the previous hash (it is the entry before's), and the row as a JSON
//! array of its values in the order of a shape, the sorted column names
//! stored once per table and column set (`audit_shape`). So anchors,
//! witness files and signed checkpoints taken before the change still name
//! the same hashes, and one definition of the hash serves old and new
//! entries alike.
//!
//! A row is rebuilt for hashing by splicing the stored values between the
//! shape's names, byte for byte: nothing is parsed into values and
//! written again, so nothing can be re-encoded differently.

use std::collections::HashMap;

use anyhow::{Context, Result};
use rusqlite::Connection;

/// The end of the JSON scalar that starts at `i` (a string, a number,
/// `null`, `true` or `false`): the index just past it, or None if there is
/// none there or it is an array or object.
fn scalar_end(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => {
            let mut j = i + 1;
            while j < b.len() {
                match b[j] {
                    b'\\' => j += 2,
                    b'"' => return Some(j + 1),
                    _ => j += 1,
                }
            }
            None
        }
        b'[' | b'{' | b']' | b'}' | b',' | b':' => None,
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b']' | b'}' | b':') {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

/// The values of a stored row (`[v1,v2,...]`, no spaces, as the tool writes
/// it), as byte ranges; None if it is not such an array.
pub fn split_values(b: &[u8]) -> Option<Vec<(usize, usize)>> {
    if b.first() != Some(&b'[') || b.last() != Some(&b']') {
        return None;
    }
    let mut out = Vec::new();
    if b.len() == 2 {
        return Some(out);
    }
    let mut i = 1;
    loop {
        let end = scalar_end(b, i)?;
        out.push((i, end));
        match b.get(end)? {
            b',' => i = end + 1,
            b']' if end + 1 == b.len() => return Some(out),
            _ => return None,
        }
    }
}

/// The row as canonical JSON, rebuilt from a shape's quoted names and the
/// stored values, into `out`: false (and `out` undefined) if the values do
/// not fit the shape, which verification then reports as an altered entry.
/// One pass, values copied as they are found (this runs once per entry of
/// every verification).
pub fn rebuild(names: &[String], values: &[u8], out: &mut Vec<u8>) -> bool {
    out.clear();
    if values.first() != Some(&b'[') || values.last() != Some(&b']') {
        return false;
    }
    out.push(b'{');
    if values.len() == 2 {
        out.push(b'}');
        return names.is_empty();
    }
    let mut i = 1;
    for (n, name) in names.iter().enumerate() {
        let Some(end) = scalar_end(values, i) else {
            return false;
        };
        if n > 0 {
            out.push(b',');
        }
        out.extend_from_slice(name.as_bytes());
        out.push(b':');
        out.extend_from_slice(&values[i..end]);
        let last = n + 1 == names.len();
        match values.get(end) {
            Some(b',') if !last => i = end + 1,
            Some(b']') if last && end + 1 == values.len() => {}
            _ => return false,
        }
    }
    out.push(b'}');
    !names.is_empty()
}

/// A canonical JSON row split into its shape (the quoted names, as a JSON
/// array) and its values, such that [`rebuild`] gives back exactly `text`;
/// None for any text that would not come back byte for byte, which is then
/// stored as it is.
pub fn split_row(text: &str) -> Option<(String, String)> {
    let b = text.as_bytes();
    if b.first() != Some(&b'{') || b.last() != Some(&b'}') {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    let mut values = String::from("[");
    if b.len() > 2 {
        let mut i = 1;
        loop {
            if b.get(i) != Some(&b'"') {
                return None;
            }
            let name_end = scalar_end(b, i)?;
            if b.get(name_end) != Some(&b':') {
                return None;
            }
            let value_end = scalar_end(b, name_end + 1)?;
            let (name, value) = (text.get(i..name_end)?, text.get(name_end + 1..value_end)?);
            // Only what any JSON reader takes for a scalar, so that the
            // stored array reads in SQL too (the `audit_log` view).
            if !is_scalar(name) || !is_scalar(value) {
                return None;
            }
            names.push(name.to_string());
            if values.len() > 1 {
                values.push(',');
            }
            values.push_str(value);
            match b.get(value_end)? {
                b',' => i = value_end + 1,
                b'}' if value_end + 1 == b.len() => break,
                _ => return None,
            }
        }
    }
    values.push(']');
    let mut back = Vec::with_capacity(b.len());
    (rebuild(&names, values.as_bytes(), &mut back) && back == b)
        .then(|| (format!("[{}]", names.join(",")), values))
}

/// Whether `token` is exactly one JSON scalar, with no space around it.
fn is_scalar(token: &str) -> bool {
    token.trim() == token
        && matches!(
            serde_json::from_str::<serde_json::Value>(token),
            Ok(v) if !v.is_array() && !v.is_object()
        )
}

/// The shapes of the trail, by id: each a list of quoted column names.
#[derive(Default)]
pub struct Shapes(HashMap<i64, Vec<String>>);

impl Shapes {
    /// Every shape the trail holds (a few per audited table at most).
    pub fn load(conn: &Connection) -> Result<Shapes> {
        let mut stmt = conn
            .prepare("SELECT id, columns FROM audit_shape")
            .context("reading the shapes of the audit trail")?;
        let mut rows = stmt.query([])?;
        let mut out = HashMap::new();
        while let Some(r) = rows.next()? {
            let columns: String = r.get(1)?;
            // A shape that does not parse fits no row: its entries are
            // reported as altered.
            let names = names_of(&columns).unwrap_or_default();
            out.insert(r.get(0)?, names);
        }
        Ok(Shapes(out))
    }

    /// Adds a shape as `audit_shape.columns` stores it.
    pub fn add(&mut self, id: i64, columns: &str) {
        self.0.insert(id, names_of(columns).unwrap_or_default());
    }

    pub fn get(&self, id: i64) -> Option<&[String]> {
        self.0.get(&id).map(Vec::as_slice)
    }
}

/// The quoted names of a stored shape (`["a","b"]`), as they appear in the
/// canonical row.
pub fn names_of(columns: &str) -> Option<Vec<String>> {
    let b = columns.as_bytes();
    let ranges = split_values(b)?;
    ranges
        .into_iter()
        .map(|(s, e)| (b[s] == b'"').then(|| columns[s..e].to_string()))
        .collect()
}

/// The row of an entry as its hash covers it: the stored text when it is a
/// whole JSON object (an entry kept as it was found by the migration), else
/// the values spliced into their shape. False when they do not fit.
pub fn logical_row(shapes: &Shapes, shape: Option<i64>, row: &[u8], out: &mut Vec<u8>) -> bool {
    if row.first() == Some(&b'{') {
        out.clear();
        out.extend_from_slice(row);
        return true;
    }
    match shape.and_then(|s| shapes.get(s)) {
        Some(names) => rebuild(names, row, out),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rows_split_and_rebuild_byte_for_byte() {
        for text in [
            "{}",
            r#"{"a":1}"#,
            r#"{"classified":0,"name":"台式机,\"1\"","note":null,"price":-12.5e3,"tag":"A]1}"}"#,
            r#"{"a":"\\","b":"\u0001x","c":true}"#,
        ] {
            let (shape, values) = split_row(text).unwrap_or_else(|| panic!("{text}"));
            let names = names_of(&shape).unwrap();
            let mut out = Vec::new();
            assert!(rebuild(&names, values.as_bytes(), &mut out));
            assert_eq!(String::from_utf8(out).unwrap(), text);
        }
    }

    #[test]
    fn what_would_not_come_back_is_kept_whole() {
        for text in [
            r#"{"a":[1,2]}"#,
            r#"{"a":tru"e}"#,
            r#"{"a": 1}"#,
            r#"{"a":{"b":1}}"#,
            r#"{"a":1,}"#,
            r#"{"a""#,
            "[1]",
            "",
            "{\"a\":\"unterminated}",
        ] {
            assert_eq!(split_row(text), None, "{text}");
        }
    }

    #[test]
    fn values_that_do_not_fit_the_shape_fail() {
        let names = vec!["\"a\"".to_string(), "\"b\"".to_string()];
        let mut out = Vec::new();
        assert!(rebuild(&names, b"[1,2]", &mut out));
        assert!(!rebuild(&names, b"[1]", &mut out));
        assert!(!rebuild(&names, b"[1,2,3]", &mut out));
        assert!(!rebuild(&names, b"1,2", &mut out));
        assert!(!rebuild(&names, b"[1,[2]]", &mut out));
        assert!(!rebuild(&names, b"", &mut out));
    }

    proptest::proptest! {
        /// Every row the tool ever wrote (canonical JSON of text, integer,
        /// real and null values under sorted names) splits and comes back
        /// byte for byte, so the migration keeps no real row whole.
        #[test]
        fn every_canonical_row_splits_back(
            fields in proptest::collection::btree_map(
                "[a-z_]{1,12}",
                prop_oneof![
                    any::<String>().prop_map(serde_json::Value::from),
                    any::<i64>().prop_map(serde_json::Value::from),
                    any::<f64>().prop_map(serde_json::Value::from),
                    Just(serde_json::Value::Null),
                ],
                0..20,
            )
        ) {
            let map: serde_json::Map<String, serde_json::Value> = fields.into_iter().collect();
            let text = serde_json::to_string(&map).unwrap();
            let (shape, values) = split_row(&text).expect("a canonical row splits");
            let mut out = Vec::new();
            prop_assert!(rebuild(&names_of(&shape).unwrap(), values.as_bytes(), &mut out));
            prop_assert_eq!(String::from_utf8(out).unwrap(), text);
        }

        #[test]
        fn no_stored_row_panics(bytes: Vec<u8>) {
            let names = vec!["\"a\"".to_string()];
            let mut out = Vec::new();
            let _ = rebuild(&names, &bytes, &mut out);
            let _ = split_values(&bytes);
            if let Ok(text) = std::str::from_utf8(&bytes) {
                let _ = split_row(text);
                let _ = names_of(text);
            }
        }
    }
}
