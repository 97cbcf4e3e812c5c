//! `audit verify`: the schema, the chain, and every audited row against it.

use std::collections::BTreeSet;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use ed25519_dalek::VerifyingKey;
use rusqlite::Connection;

use super::checkpoint;
use super::compare;
use super::mark;
use super::witness;
use crate::domain::time::{Interval, parse_instant};

use super::chain::{GENESIS, hash_text};
use super::schema::schema_drift;
use super::walk::{beside, walk};
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
    /// The verified point kept outside the register: with it, the chain is
    /// walked only after it and only the rows the newer entries touch are
    /// compared (none: every time from the start, every table).
    pub mark: Option<mark::Place>,
    /// Compare every table with the trail now (`--full`), whatever the mark.
    pub full: bool,
    /// When the last full comparison is overdue (`audit.full_every`), and now.
    pub full_every: Option<(Interval, DateTime<Utc>)>,
}

/// A head some record outside the chain says the chain holds.
pub(super) struct Claim {
    pub(super) seq: i64,
    pub(super) hash: String,
    source: Source,
}

#[derive(Clone, Copy, PartialEq)]
enum Source {
    Anchor,
    Witness,
    Checkpoint,
    WitnessedCheckpoint,
    Verified,
}

impl Source {
    fn en(self) -> &'static str {
        match self {
            Source::Anchor => "the anchored entry",
            Source::Witness => "the witnessed entry",
            Source::Checkpoint => "the checkpointed entry",
            Source::WitnessedCheckpoint => "the entry checkpointed in the witness file",
            Source::Verified => "the entry verified last",
        }
    }
    fn zh(self) -> &'static str {
        match self {
            Source::Anchor => "锚定的",
            Source::Witness => "见证文件记录的",
            Source::Checkpoint => "签名检查点记录的",
            Source::WitnessedCheckpoint => "见证文件中签名检查点记录的",
            Source::Verified => "上次验证的",
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
        tx.query_row("SELECT count(*) FROM audit_entry", [], |_| Ok(()))
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
    // Where the walk starts: the verified point kept outside the register,
    // if it still names an entry of the chain and a full comparison was
    // recorded; else the beginning, and every table is compared.
    let mut state = mark::State::default();
    let mut start: Option<mark::Point> = None;
    if let Some(place) = &trust.mark {
        match mark::read(place)? {
            Ok(s) => state = s,
            Err(why) => problems.push(warning(
                "verified point".to_string(),
                format!(
                    "the verified point {} cannot be read ({why}): it was damaged; every table was compared",
                    place.file.display()
                ),
                format!("已验证位置文件 {} 无法读取（{why}）：文件受损；已完整比对所有表", place.file.display()),
            )),
        }
        if let Some(v) = &state.verified {
            claims.push(Claim {
                seq: v.seq,
                hash: v.hash.clone(),
                source: Source::Verified,
            });
            if !trust.full
                && state.full.is_some()
                && hash_at(conn, v.seq)?.as_deref() == Some(&v.hash)
            {
                start = Some(v.clone());
            }
        }
    }
    let (from_seq, from_hash) = start
        .as_ref()
        .map_or((0, GENESIS.to_string()), |p| (p.seq, p.hash.clone()));

    let mut seen = vec![false; claims.len()];
    // The full comparison of the tables does not depend on the walk of the
    // chain: with a second core they run side by side (see `beside`).
    let mut compared: Option<Result<Vec<Finding>>> = None;
    let (last_seq, last_hash) = if start.is_none() {
        let path = conn.path().filter(|p| !p.is_empty()).map(str::to_string);
        let head = super::chain::head(conn)?;
        let (walked, tables) = std::thread::scope(|s| {
            let walker = s.spawn(|| beside(path, head, from_seq, &from_hash, &claims));
            let mut tables = Vec::new();
            let done = compare::full(conn, &mut tables).map(|()| tables);
            (walker.join(), done)
        });
        compared = Some(tables);
        match walked {
            Ok(Ok(Some(w))) => w.add_to(&mut seen, &mut problems),
            Ok(Err(e)) => return Err(e),
            // No second connection (an in-memory register, a file that
            // cannot be opened twice, a write in between): walked here.
            _ => walk(conn, from_seq, &from_hash, &claims)?.add_to(&mut seen, &mut problems),
        }
    } else {
        walk(conn, from_seq, &from_hash, &claims)?.add_to(&mut seen, &mut problems)
    };
    // Heads at or before the verified point are looked up, not walked to.
    for (i, c) in claims.iter().enumerate() {
        if !seen[i]
            && c.seq <= from_seq
            && let Some(hash) = hash_at(conn, c.seq)?
        {
            seen[i] = true;
            if hash != c.hash {
                problems.push(not_the_claimed(c));
            }
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

    if let Some(p) = &start {
        compare::touched(conn, from_seq, &mut problems)?;
        compare::appended(conn, &p.rows, &mut problems)?;
        // A row both touched and added since is named once.
        let mut named = std::collections::HashSet::new();
        problems.retain(|f| named.insert((f.subject.clone(), f.message.clone())));
    } else if let Some(tables) = compared {
        problems.extend(tables?);
    }

    if let Some(place) = &trust.mark {
        if let (Some(_), Some(full)) = (&start, &state.full) {
            problems.push(last_full(trust, full, from_seq, last_seq));
        }
        let critical = problems
            .iter()
            .filter(|f| f.severity == Severity::Critical)
            .count();
        let now = crate::domain::time::format_instant(Utc::now());
        // The point moves only past a clean verification: a finding stays
        // until what caused it is put right.
        let verified = if critical == 0 && last_seq > 0 {
            Some(mark::Point {
                seq: last_seq,
                hash: last_hash.clone(),
                at: now.clone(),
                rows: compare::max_rowids(conn)?,
            })
        } else {
            None
        };
        let new = mark::State {
            verified,
            full: start.is_none().then(|| mark::Full {
                at: now.clone(),
                seq: last_seq,
                critical,
            }),
        };
        if new != mark::State::default()
            && let Err(e) = mark::record(place, &new)
        {
            problems.push(warning(
                "verified point".to_string(),
                format!(
                    "the verified point could not be recorded ({}): the next check starts from the last one recorded",
                    crate::one_line(&e)
                ),
                format!("无法记录已验证位置（{}）：下次检查将从上次记录的位置开始", crate::one_line(&e)),
            ));
        }
    }
    Ok(problems)
}

/// What the daily check says of the last full comparison: CRITICAL if it
/// found problems (they stand until a clean one), WARNING once it is older
/// than `audit.full_every`, else INFO naming it and the entries walked now.
fn last_full(trust: &Trust, full: &mark::Full, from_seq: i64, last_seq: i64) -> Finding {
    let when = parse_instant("at", &full.at).ok();
    let shown = when.map_or_else(|| full.at.clone(), crate::domain::time::show_instant);
    let subject = "full comparison".to_string();
    if full.critical > 0 {
        return problem(
            subject,
            format!(
                "the last full comparison of every table with the trail, on {shown}, found {} problem(s); `infogov audit verify --full` names them",
                full.critical
            ),
            format!(
                "上次完整比对（{shown}）发现 {} 个问题；`infogov audit verify --full` 会逐一列出",
                full.critical
            ),
        );
    }
    if let Some((every, now)) = &trust.full_every
        && when.is_none_or(|t| t < every.before(*now))
    {
        return warning(
            subject,
            format!(
                "the last full comparison of every table with the trail ran on {shown}, more than {every} ago: a row changed behind the tool's back before entry {from_seq} is found only by it; run `infogov audit verify --full`"
            ),
            format!(
                "上次完整比对所有表与审计日志于 {shown}，已超过{}：第 {from_seq} 条之前被绕过本工具修改的记录只有完整比对能发现；请运行 `infogov audit verify --full`",
                every.zh()
            ),
        );
    }
    let walked = if last_seq > from_seq {
        format!("entries {} to {last_seq} were verified now", from_seq + 1)
    } else {
        "no entry was added since".to_string()
    };
    let walked_zh = if last_seq > from_seq {
        format!("本次验证了第 {} 至 {last_seq} 条", from_seq + 1)
    } else {
        "此后无新条目".to_string()
    };
    Finding::new(
        "audit",
        Severity::Ok,
        subject,
        format!(
            "verified from entry {from_seq}, the point verified before; {walked}; the last full comparison of every table with the trail ran on {shown}, clean"
        ),
        "SEC-4",
    )
    .zh(format!(
        "自上次验证的第 {from_seq} 条起验证；{walked_zh}；上次完整比对所有表与审计日志于 {shown}，无问题"
    ))
}

/// The hash of entry `seq`, if the trail holds it.
fn hash_at(conn: &Connection, seq: i64) -> Result<Option<String>> {
    let mut stmt = conn
        .prepare_cached("SELECT hash FROM audit_entry WHERE seq = ?1")
        .context("reading an entry of the audit trail")?;
    let mut rows = stmt.query([seq])?;
    Ok(match rows.next()? {
        Some(r) => Some(hash_text(r.get_ref(0)?)),
        None => None,
    })
}

pub(super) fn not_the_claimed(c: &Claim) -> Finding {
    let seq = c.seq;
    problem(
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
    )
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
        .prepare(
            "SELECT DISTINCT c.actor FROM audit_entry e JOIN audit_command c ON c.id = e.command
              WHERE e.seq >= ?1 ORDER BY c.actor LIMIT 6",
        )
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
            "SELECT count(*) FROM audit_entry e LEFT JOIN audit_command c ON c.id = e.command
              WHERE e.seq > ?1 AND (c.at IS NULL OR c.at < ?2 OR c.at > ?3)",
            rusqlite::params![seq, recent, soon],
            |r| r.get(0),
        )
        .context("reading the newest entries")?;
    Ok(older == 0)
}

fn warning(subject: String, message: String, zh: String) -> Finding {
    Finding::new("audit", Severity::Warning, subject, message, "SEC-4").zh(zh)
}
