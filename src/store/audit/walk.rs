//! The walk of the chain: every entry after a point, in order, its hash
//! recomputed over its whole form (see `stored`) and the entry before's;
//! gaps named, and each head claimed for an entry walked held to it.

use std::collections::HashMap;

use anyhow::{Context, Result};
use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::chain::{hash_is, hash_parts, hash_text, push_hex};
use super::stored::{Shapes, logical_row};
use super::verify::{Claim, not_the_claimed, problem};
use crate::domain::findings::Finding;

/// What a walk of the chain found.
pub(super) struct Walked {
    last_seq: i64,
    last_hash: String,
    /// Which claims it met, by index.
    seen: Vec<usize>,
    problems: Vec<Finding>,
}

impl Walked {
    /// Its findings and claims met, added to the verification's; the last
    /// entry's seq and hash.
    pub(super) fn add_to(self, seen: &mut [bool], problems: &mut Vec<Finding>) -> (i64, String) {
        for i in self.seen {
            seen[i] = true;
        }
        problems.extend(self.problems);
        (self.last_seq, self.last_hash)
    }
}

/// The walk on a connection of its own to the register at `path`, for a
/// thread: None if there is none to be had, or its snapshot does not end at
/// `head`, the head of the caller's (a write committed between the two), in
/// which case the caller walks on its own connection.
pub(super) fn beside(
    path: Option<String>,
    head: Option<(i64, String)>,
    from_seq: i64,
    from_hash: &str,
    claims: &[Claim],
) -> Result<Option<Walked>> {
    let Some(path) = path else {
        return Ok(None);
    };
    let Ok(other) = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return Ok(None);
    };
    // A snapshot of its own, then the head both must see: the same head
    // means no change committed through the tool in between.
    let (Ok(()), Ok(own)) = (other.execute_batch("BEGIN;"), super::chain::head(&other)) else {
        return Ok(None);
    };
    if own != head {
        return Ok(None);
    }
    walk(&other, from_seq, from_hash, claims).map(Some)
}

/// Walks the chain after entry `from_seq` (whose hash is `from_hash`):
/// no gap in `seq`, each entry follows the one before, each hash
/// recomputes, and each head claimed for an entry walked is that entry.
pub(super) fn walk(
    conn: &Connection,
    from_seq: i64,
    from_hash: &str,
    claims: &[Claim],
) -> Result<Walked> {
    let mut seen = Vec::new();
    let mut problems = Vec::new();
    let mut stmt = conn
        .prepare(
            "SELECT seq, command, entity, key, action, shape, row, hash
             FROM audit_entry WHERE seq > ?1 ORDER BY seq",
        )
        .context("reading the audit trail")?;
    let mut command_of = conn
        .prepare("SELECT at, actor, os_user, line FROM audit_command WHERE id = ?1")
        .context("reading the commands of the audit trail")?;
    let shapes = Shapes::load(conn)?;
    let mut by_seq: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        by_seq.entry(c.seq).or_default().push(i);
    }
    let mut rows = stmt.query([from_seq])?;
    let mut expected_seq = from_seq + 1;
    let mut prev = from_hash.to_string();
    let mut last_seq = from_seq;
    // The command of the entries walked: a run of entries shares one.
    let mut command: Option<(i64, [Vec<u8>; 4])> = None;
    let mut row_buf = Vec::new();
    while let Some(r) = rows.next().context("reading the audit trail")? {
        let seq: i64 = r.get(0)?;
        // The fields as stored, uncopied: hashed as bytes, turned into text
        // only for a finding.
        let bytes = |i: usize| -> Result<&[u8]> {
            Ok(match r.get_ref(i)? {
                ValueRef::Text(t) => t,
                _ => b"",
            })
        };
        let command_id: i64 = r.get(1).unwrap_or(0);
        if command.as_ref().is_none_or(|(id, _)| *id != command_id) {
            // A command row that is gone hashes as empty fields: its entries
            // are reported altered.
            let fields = command_of
                .query_row([command_id], |c| {
                    let f = |i: usize| -> rusqlite::Result<Vec<u8>> {
                        Ok(match c.get_ref(i)? {
                            ValueRef::Text(t) => t.to_vec(),
                            _ => Vec::new(),
                        })
                    };
                    Ok([f(0)?, f(1)?, f(2)?, f(3)?])
                })
                .unwrap_or_default();
            command = Some((command_id, fields));
        }
        let fields = &command.as_ref().expect("set just above").1;
        let row: &[u8] = match r.get_ref(6)? {
            ValueRef::Text(t) => {
                if !logical_row(&shapes, r.get(5).ok().flatten(), t, &mut row_buf) {
                    // Values that fit no shape: hashed as stored, so never
                    // the hash written.
                    row_buf.clear();
                    row_buf.extend_from_slice(t);
                }
                &row_buf
            }
            _ => "\u{0}".as_bytes(),
        };
        let subject = || {
            format!(
                "{} {}",
                String::from_utf8_lossy(bytes(2).unwrap_or_default()),
                String::from_utf8_lossy(bytes(3).unwrap_or_default())
            )
        };
        if seq != expected_seq {
            problems.push(problem(
                format!("audit_log {expected_seq}"),
                format!(
                    "entries {expected_seq} to {} are missing from the trail",
                    seq - 1
                ),
                format!("审计日志第 {expected_seq} 至 {} 条缺失", seq - 1),
            ));
        }
        let computed = hash_parts(
            seq,
            [
                &fields[0],
                &fields[1],
                &fields[2],
                &fields[3],
                bytes(2)?,
                bytes(3)?,
                bytes(4)?,
                row,
                prev.as_bytes(),
            ],
        );
        // The previous hash is not stored (it is the entry before's), so
        // an entry after a gap that does not hash is taken to follow an entry
        // that was removed; any other, to have been altered.
        let good = hash_is(r.get_ref(7)?, &computed);
        if !good {
            problems.push(if seq != expected_seq {
                problem(
                    subject(),
                    format!("entry {seq} does not follow the entry before it: the chain is broken"),
                    format!("第 {seq} 条与前一条不衔接：哈希链断裂"),
                )
            } else {
                problem(
                    subject(),
                    format!("entry {seq} was altered after it was written"),
                    format!("第 {seq} 条写入后被篡改"),
                )
            });
        }
        // The next entry's previous hash, as the hex the hash covers: that
        // of the digest when the stored hash is it (nearly always).
        prev.clear();
        if good {
            push_hex(&mut prev, &computed);
        } else {
            prev.push_str(&hash_text(r.get_ref(7)?));
        }
        if let Some(ids) = by_seq.get(&seq) {
            for &i in ids {
                seen.push(i);
                if claims[i].hash != prev {
                    problems.push(not_the_claimed(&claims[i]));
                }
            }
        }
        expected_seq = seq + 1;
        last_seq = seq;
    }
    Ok(Walked {
        last_seq,
        last_hash: prev,
        seen,
        problems,
    })
}
