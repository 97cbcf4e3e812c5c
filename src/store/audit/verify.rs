//! `audit verify`: the schema, the chain, and every audited row against it.

use std::collections::{BTreeSet, HashMap};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use ed25519_dalek::VerifyingKey;
use rusqlite::Connection;

use super::checkpoint;
use super::witness;
use crate::domain::time::{Interval, parse_instant};

use super::AUDITED;
use super::chain::{Entry, GENESIS, Shape, digest, entry_hash, key_text, row_json};
use super::schema::schema_drift;
use crate::domain::findings::{Finding, Severity};

pub(super) fn problem(subject: String, message: String, zh: String) -> Finding {
    Finding::new("audit", Severity::Critical, subject, message, "SEC-4").zh(zh)
}

/// What the trail is checked against besides itself: heads kept elsewhere.
#[derive(Default)]
pub struct Trust {
    /// `--anchor` values, as (seq, hash).
    pub anchors: Vec<(i64, String)>,
    /// The heads the witness file holds for this register.
    pub witness: Option<witness::Read>,
    /// The configured checkpoint key; with it, entries after the newest
    /// checkpoint are reported as not yet checkpointed.
    pub public_key: Option<VerifyingKey>,
    /// When "not yet checkpointed" turns from INFO to WARNING, and now.
    pub checkpoint_warning: Option<(Interval, DateTime<Utc>)>,
    /// Check the stored checkpoints at all (not for a backup copy checked
    /// on its own, which has no witness and no key to be held to).
    pub checkpoints: bool,
}

/// A head some record outside the chain says the chain holds.
struct Claim {
    seq: i64,
    hash: String,
    source: Source,
}

#[derive(Clone, Copy, PartialEq)]
enum Source {
    Anchor,
    Witness,
    Checkpoint,
    WitnessedCheckpoint,
}

impl Source {
    fn en(self) -> &'static str {
        match self {
            Source::Anchor => "the anchored entry",
            Source::Witness => "the witnessed entry",
            Source::Checkpoint => "the checkpointed entry",
            Source::WitnessedCheckpoint => "the entry checkpointed in the witness file",
        }
    }
    fn zh(self) -> &'static str {
        match self {
            Source::Anchor => "锚定的",
            Source::Witness => "见证文件记录的",
            Source::Checkpoint => "签名检查点记录的",
            Source::WitnessedCheckpoint => "见证文件中签名检查点记录的",
        }
    }
}

/// Checks the schema, the whole trail, and every audited table against it,
/// in one read transaction: a snapshot, so a command writing meanwhile (as
/// cron does) cannot make a row look inserted without its entry.
pub fn verify(conn: &Connection, trust: &Trust) -> Result<Vec<Finding>> {
    let snapshot = if conn.is_autocommit() {
        Some(
            conn.unchecked_transaction()
                .context("starting a read transaction to verify in")?,
        )
    } else {
        None
    };
    if let Some(tx) = &snapshot {
        // A deferred transaction takes its snapshot at the first read.
        tx.query_row("SELECT count(*) FROM audit_log", [], |_| Ok(()))
            .context("reading the audit trail")?;
    }
    let found = verify_in(conn, trust);
    drop(snapshot);
    found
}

fn verify_in(conn: &Connection, trust: &Trust) -> Result<Vec<Finding>> {
    let mut problems = schema_drift(conn)?;
    let mut claims: Vec<Claim> = trust
        .anchors
        .iter()
        .map(|(seq, hash)| Claim {
            seq: *seq,
            hash: hash.clone(),
            source: Source::Anchor,
        })
        .collect();
    let stored = if trust.checkpoints {
        checkpoint::list(conn)?
    } else {
        Vec::new()
    };
    let witnessed: &[witness::Head] = trust.witness.as_ref().map_or(&[], |w| &w.heads);
    if let Some(w) = &trust.witness
        && !w.bad_lines.is_empty()
    {
        problems.push(warning(
            "witness".to_string(),
            format!(
                "the witness file has {} line(s) that cannot be read (first: line {}): it was damaged",
                w.bad_lines.len(),
                w.bad_lines[0]
            ),
            format!("见证文件有 {} 行无法读取（首行：第 {} 行）：文件受损", w.bad_lines.len(), w.bad_lines[0]),
        ));
    }
    for h in witnessed {
        claims.push(Claim {
            seq: h.seq,
            hash: h.hash.clone(),
            source: if h.signature.is_some() {
                Source::WitnessedCheckpoint
            } else {
                Source::Witness
            },
        });
    }
    for c in &stored {
        claims.push(Claim {
            seq: c.seq,
            hash: c.hash.clone(),
            source: Source::Checkpoint,
        });
    }
    let mut signed_seqs: BTreeSet<(i64, String)> = BTreeSet::new();
    if trust.checkpoints {
        let signed = stored
            .iter()
            .map(|c| (c.seq, &c.hash, &c.at, &c.signature, Source::Checkpoint))
            .chain(witnessed.iter().filter_map(|h| {
                h.signature
                    .as_ref()
                    .map(|s| (h.seq, &h.hash, &h.at, s, Source::WitnessedCheckpoint))
            }));
        let mut unverifiable = 0;
        for (seq, hash, at, signature, source) in signed {
            match &trust.public_key {
                None => unverifiable += 1,
                Some(key) if checkpoint::verifies(key, seq, hash, at, signature) => {
                    signed_seqs.insert((seq, at.clone()));
                }
                Some(_) => problems.push(problem(
                    format!("checkpoint {seq}"),
                    format!(
                        "{} {seq} has a signature that does not verify with audit.public_key: the checkpoint was forged or altered",
                        source.en()
                    ),
                    format!("{}第 {seq} 条的签名无法用 audit.public_key 验证：检查点系伪造或被篡改", source.zh()),
                )),
            }
        }
        if unverifiable > 0 {
            problems.push(warning(
                "checkpoints".to_string(),
                format!(
                    "{unverifiable} signed checkpoint(s) cannot be verified: no audit.public_key in the config"
                ),
                format!("{unverifiable} 个签名检查点无法验证：配置中没有 audit.public_key"),
            ));
        }
        // A checkpoint in the witness file must also be in the register.
        for h in witnessed.iter().filter(|h| h.signature.is_some()) {
            if !stored.iter().any(|c| c.seq == h.seq && c.hash == h.hash) {
                problems.push(problem(
                    format!("checkpoint {}", h.seq),
                    format!(
                        "the checkpoint of entry {} in the witness file is missing from the register: it was removed behind the tool's back",
                        h.seq
                    ),
                    format!("见证文件中第 {} 条的检查点在登记库中缺失：系绕过本工具删除", h.seq),
                ));
            }
        }
    }
    let mut by_seq: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        by_seq.entry(c.seq).or_default().push(i);
    }
    let mut seen = vec![false; claims.len()];

    // The newest state of each audited row per the trail, as a digest of its
    // JSON: 16 bytes a row keeps a million-row register's check small.
    let mut latest: HashMap<(usize, String), Option<[u8; 16]>> = HashMap::new();
    let mut last_seq = 0i64;
    {
        let mut stmt = conn
            .prepare(
                "SELECT seq, at, actor, os_user, command, entity, key, action, row, prev_hash, hash
                 FROM audit_log ORDER BY seq",
            )
            .context("reading the audit trail")?;
        let mut rows = stmt.query([])?;
        let mut expected_seq = 1i64;
        let mut prev = GENESIS.to_string();
        while let Some(r) = rows.next().context("reading the audit trail")? {
            let seq: i64 = r.get(0)?;
            let at: String = r.get(1)?;
            let actor: String = r.get(2)?;
            let os_user: String = r.get(3)?;
            let command: String = r.get(4)?;
            let entity: String = r.get(5)?;
            let key: String = r.get(6)?;
            let action: String = r.get(7)?;
            let row: Option<String> = r.get(8)?;
            let prev_hash: String = r.get(9)?;
            let hash: String = r.get(10)?;
            let subject = format!("{entity} {key}");
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
            if prev_hash != prev {
                problems.push(problem(
                    subject.clone(),
                    format!("entry {seq} does not follow the entry before it: the chain is broken"),
                    format!("第 {seq} 条与前一条不衔接：哈希链断裂"),
                ));
            }
            let computed = entry_hash(&Entry {
                seq,
                at: &at,
                actor: &actor,
                os_user: &os_user,
                command: &command,
                entity: &entity,
                key: &key,
                action: &action,
                row: row.as_deref(),
                prev_hash: &prev_hash,
            });
            if computed != hash {
                problems.push(problem(
                    subject.clone(),
                    format!("entry {seq} was altered after it was written"),
                    format!("第 {seq} 条写入后被篡改"),
                ));
            }
            if let Some(ids) = by_seq.get(&seq) {
                for &i in ids {
                    seen[i] = true;
                    let c = &claims[i];
                    if c.hash != hash {
                        problems.push(problem(
                            format!("audit_log {seq}"),
                            format!(
                                "entry {seq} is not {} (hash {}): the trail was rewritten",
                                c.source.en(),
                                c.hash
                            ),
                            format!(
                                "第 {seq} 条与{}记录（哈希 {}）不符：审计日志被重写",
                                c.source.zh(),
                                c.hash
                            ),
                        ));
                    }
                }
            }
            if let Some(table) = AUDITED.iter().position(|a| a.table == entity) {
                latest.insert((table, key), row.as_deref().map(digest));
            }
            expected_seq = seq + 1;
            last_seq = seq;
            prev = hash;
        }
    }
    // Each source's missing claims, once per source: the newest says most.
    let mut reported: Vec<Source> = Vec::new();
    let mut missing: Vec<&Claim> = claims
        .iter()
        .zip(&seen)
        .filter(|(_, s)| !**s)
        .map(|(c, _)| c)
        .collect();
    missing.sort_by_key(|c| std::cmp::Reverse(c.seq));
    for c in missing {
        if reported.contains(&c.source) {
            continue;
        }
        reported.push(c.source);
        let seq = c.seq;
        problems.push(problem(
            format!("audit_log {seq}"),
            format!(
                "{} {seq} is no longer in the trail (which ends at {last_seq}): it was truncated, rolled back to an older copy, or rewritten",
                c.source.en()
            ),
            format!("{}第 {seq} 条已不在审计日志中（日志止于第 {last_seq} 条）：日志被截断、回滚至旧副本或重写", c.source.zh()),
        ));
    }
    let newest_witnessed = witnessed.iter().map(|h| h.seq).max();
    if let Some(w) = newest_witnessed
        && w < last_seq
        && !just_committed(conn, w)?
    {
        problems.push(warning(
            format!("audit_log {}..{last_seq}", w + 1),
            format!(
                "entries {} to {last_seq} were never witnessed: appended behind the tool's back, or by infogov with another witness file{}",
                w + 1,
                actors_of(conn, w + 1)?
            ),
            format!("第 {} 至 {last_seq} 条未经见证：系绕过本工具追加，或以另一见证文件写入", w + 1),
        ));
    }
    if trust.public_key.is_some() && trust.checkpoints {
        not_checkpointed(conn, trust, &signed_seqs, last_seq, &mut problems)?;
    }

    for (ti, audited) in AUDITED.iter().enumerate() {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {}", audited.table))
            .with_context(|| format!("reading {} to verify it", audited.table))?;
        let shape = Shape::of(stmt.column_names(), audited.key, audited.table)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let key = key_text(r, &shape)?;
            let json = row_json(r, &shape)?;
            match latest.remove(&(ti, key.clone())) {
                None | Some(None) => problems.push(problem(
                    format!("{} {key}", audited.table),
                    "was inserted without an audit entry (changed behind the tool's back)"
                        .to_string(),
                    "无审计记录的新增（绕过本工具修改）".to_string(),
                )),
                Some(Some(d)) if d != digest(&json) => problems.push(problem(
                    format!("{} {key}", audited.table),
                    "differs from its last audited state (changed behind the tool's back)"
                        .to_string(),
                    "与最后一次审计记录不符（绕过本工具修改）".to_string(),
                )),
                Some(Some(_)) => {}
            }
        }
    }
    let mut gone: Vec<_> = latest
        .into_iter()
        .filter_map(|((ti, key), d)| d.map(|_| (AUDITED[ti].table, key)))
        .collect();
    gone.sort();
    for (table, key) in gone {
        problems.push(problem(
            format!("{table} {key}"),
            "was deleted without an audit entry (changed behind the tool's back)".to_string(),
            "无审计记录的删除（绕过本工具修改）".to_string(),
        ));
    }
    Ok(problems)
}

/// Entries after the newest valid checkpoint: INFO while that checkpoint is
/// recent, WARNING once it is older than `audit.checkpoint_warning` (or if
/// there is none). A forged tail is at worst such an unsigned tail, named.
fn not_checkpointed(
    conn: &Connection,
    trust: &Trust,
    signed: &BTreeSet<(i64, String)>,
    last_seq: i64,
    problems: &mut Vec<Finding>,
) -> Result<()> {
    let newest = signed.iter().next_back();
    let from = newest.map_or(1, |(s, _)| s + 1);
    if from > last_seq {
        return Ok(());
    }
    let stale = match (newest, &trust.checkpoint_warning) {
        (None, _) => true,
        (Some((_, at)), Some((limit, now))) => match parse_instant("at", at) {
            Ok(t) => t < limit.before(*now),
            Err(_) => true,
        },
        (Some(_), None) => false,
    };
    let since = match newest {
        Some((s, at)) => format!("the newest checkpoint is of entry {s}, signed {at}"),
        None => "there is no signed checkpoint yet".to_string(),
    };
    let since_zh = match newest {
        Some((s, at)) => format!("最新检查点为第 {s} 条，签于 {at}"),
        None => "尚无签名检查点".to_string(),
    };
    let f = Finding::new(
        "audit",
        if stale { Severity::Warning } else { Severity::Ok },
        format!("audit_log {from}..{last_seq}"),
        format!(
            "entries {from} to {last_seq} are not yet checkpointed ({since}){}; sign the head with `infogov audit checkpoint --key FILE`",
            actors_of(conn, from)?
        ),
        "SEC-4",
    )
    .zh(format!("第 {from} 至 {last_seq} 条尚未签名检查点（{since_zh}）；请用 `infogov audit checkpoint --key 文件` 签名"));
    problems.push(f);
    Ok(())
}

/// ", by A, B" for the actors of the entries from `from` on (at most five).
fn actors_of(conn: &Connection, from: i64) -> Result<String> {
    let mut stmt = conn
        .prepare("SELECT DISTINCT actor FROM audit_log WHERE seq >= ?1 ORDER BY actor LIMIT 6")
        .context("reading the actors of the newest entries")?;
    let actors: Vec<String> = stmt
        .query_map([from], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if actors.is_empty() {
        return Ok(String::new());
    }
    let more = if actors.len() > 5 { ", ..." } else { "" };
    Ok(format!(
        ", by {}{more}",
        actors
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// Whether every entry after `seq` was made in the last minute: a write
/// appends its head to the witness file just after its commit, so a check
/// running at that moment sees the entries before their witness line.
/// An entry dated in the future (a forger's) never counts as just made.
fn just_committed(conn: &Connection, seq: i64) -> Result<bool> {
    let now = Utc::now();
    let recent = crate::domain::time::format_instant(now - chrono::Duration::seconds(60));
    let soon = crate::domain::time::format_instant(now + chrono::Duration::seconds(5));
    let older: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE seq > ?1 AND (at < ?2 OR at > ?3)",
            rusqlite::params![seq, recent, soon],
            |r| r.get(0),
        )
        .context("reading the newest entries")?;
    Ok(older == 0)
}

fn warning(subject: String, message: String, zh: String) -> Finding {
    Finding::new("audit", Severity::Warning, subject, message, "SEC-4").zh(zh)
}
