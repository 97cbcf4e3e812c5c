//! Restore chains: which recorded runs can actually be restored, and to
//! which point. A differential or incremental is worth something only with
//! the backup it was taken against; a log backup only as part of an
//! unbroken run of logs starting from a restored full or differential.
//! Where the tool says how runs relate (SQL Server's LSNs, pgBackRest's
//! `prior`), that is what counts; otherwise the order in time does.
//! Pure rules over one system's successful runs at one location.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::{Kind, format_age};
use crate::domain::time::{Interval, show_instant};

/// One successful run as the chain rules see it.
#[derive(Debug, Clone, Default)]
pub struct ChainRun {
    /// How findings name the run: the tool's backup id, else `#ID`.
    pub name: String,
    /// The tool's id of the run (pgBackRest's `prior` names one).
    pub backup_id: Option<String>,
    pub kind: Option<Kind>,
    pub started: Option<DateTime<Utc>>,
    pub finished: DateTime<Utc>,
    /// A copy-only backup (SQL Server `is_copy_only`): restorable, never a base.
    pub copy_only: bool,
    /// SQL Server's LSNs, as numbers (numeric(25,0) fits in a u128).
    pub first_lsn: Option<u128>,
    pub last_lsn: Option<u128>,
    pub checkpoint_lsn: Option<u128>,
    /// A differential's base: the checkpoint LSN of the full it was taken
    /// against (`differential_base_lsn`, else `database_backup_lsn`).
    pub base_lsn: Option<u128>,
    /// pgBackRest's `prior`: the backup id a diff or incr was taken against.
    pub prior: Option<String>,
    /// Why the tool itself says this run cannot be restored (pgBackRest:
    /// its WAL is not in the archive), when it does.
    pub unrestorable: Option<String>,
}

impl ChainRun {
    fn kind(&self) -> Kind {
        self.kind.unwrap_or(Kind::Full)
    }
}

/// A point the data can be restored to: the base restored first, the last
/// run applied, and the time reached (that run's finish).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub at: DateTime<Utc>,
    pub base: String,
    pub through: String,
}

impl Point {
    /// `run A`, or `run A through run B` when more than the base is applied.
    pub fn describe(&self) -> String {
        if self.base == self.through {
            format!("run {}", self.base)
        } else {
            format!("run {} through run {}", self.base, self.through)
        }
    }
}

/// What one location holds, as restore chains.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assessment {
    /// The newest point the data can be restored to from this location.
    pub newest: Option<Point>,
    /// The oldest such point (the oldest restorable full or differential).
    pub oldest: Option<DateTime<Utc>>,
    /// The newest successful run at this location, restorable or not.
    pub newest_run: Option<DateTime<Utc>>,
    /// Why the runs after `newest` cannot be used, when some exist.
    pub broken: Option<String>,
    /// The names of the runs that can be restored (with what they need).
    pub restorable: BTreeSet<String>,
}

fn lsn(v: Option<u128>) -> String {
    v.map_or_else(|| "?".to_string(), |n| n.to_string())
}

/// Judges the successful runs of one location (any order); `log_limit` is
/// the policy's log interval, used only where logs carry no LSNs.
pub fn assess(runs: &[ChainRun], log_limit: Option<Interval>) -> Assessment {
    let mut runs: Vec<&ChainRun> = runs.iter().collect();
    runs.sort_by_key(|r| r.finished);
    let mut out = Assessment {
        newest_run: runs.last().map(|r| r.finished),
        ..Assessment::default()
    };
    // Bases: fulls, and diffs/incrs whose own base is restorable. `Ok` holds
    // the run; `Err` why it cannot be restored.
    let mut bases: Vec<(&ChainRun, Result<(), String>)> = Vec::new();
    for r in runs.iter().copied().filter(|r| r.kind() != Kind::Log) {
        let verdict = match r.unrestorable.clone() {
            Some(why) => Err(format!("run {} cannot be restored: {why}", r.name)),
            None => base_verdict(r, &bases),
        };
        bases.push((r, verdict));
    }
    let mut logs: Vec<&ChainRun> = runs
        .iter()
        .copied()
        .filter(|r| r.kind() == Kind::Log && !r.copy_only)
        .collect();
    logs.sort_by(|a, b| match (a.first_lsn, b.first_lsn) {
        (Some(x), Some(y)) => x.cmp(&y).then(a.finished.cmp(&b.finished)),
        _ => a.finished.cmp(&b.finished),
    });

    // The newest point: the best any restorable base reaches with its logs.
    let mut best: Option<(Point, Option<String>)> = None;
    for (b, verdict) in &bases {
        if verdict.is_err() {
            continue;
        }
        out.oldest = Some(out.oldest.map_or(b.finished, |o| o.min(b.finished)));
        out.restorable.insert(b.name.clone());
        let reached = extend(b, &logs, log_limit, &mut out.restorable);
        if best.as_ref().is_none_or(|(p, _)| reached.0.at >= p.at) {
            best = Some(reached);
        }
    }
    let newest_at = best.as_ref().map(|(p, _)| p.at);
    if out
        .newest_run
        .is_some_and(|n| newest_at.is_none_or(|p| n > p))
    {
        // Something newer than the newest point is not restorable: say why.
        // A newer base that failed explains it best; else the log break.
        let failed_base = bases
            .iter()
            .rev()
            .find(|(b, v)| v.is_err() && newest_at.is_none_or(|p| b.finished > p))
            .and_then(|(_, v)| v.clone().err());
        out.broken = failed_base
            .or_else(|| best.as_ref().and_then(|(_, why)| why.clone()))
            .or_else(|| {
                logs.first().map(|l| {
                    format!(
                        "log run {} (finished {}) has no full backup to restore onto here",
                        l.name,
                        show_instant(l.finished)
                    )
                })
            });
    }
    out.newest = best.map(|(p, _)| p);
    out
}

/// Whether a full, diff or incr can be restored, given the bases before it.
fn base_verdict(r: &ChainRun, earlier: &[(&ChainRun, Result<(), String>)]) -> Result<(), String> {
    match r.kind() {
        Kind::Full | Kind::Log => Ok(()),
        kind => {
            if let Some(prior) = &r.prior {
                return match earlier
                    .iter()
                    .rev()
                    .find(|(b, _)| b.backup_id.as_deref() == Some(prior))
                {
                    Some((b, Ok(()))) if b.copy_only => Err(format!(
                        "run {} is taken against the copy-only run {}",
                        r.name, b.name
                    )),
                    Some((_, Ok(()))) => Ok(()),
                    Some((b, Err(why))) => Err(depends(r, b, why)),
                    None => Err(format!(
                        "run {} is taken against backup {prior}, which is not recorded here",
                        r.name
                    )),
                };
            }
            // By LSN, when the fulls here carry their checkpoint LSN.
            if let (Kind::Diff, Some(base)) = (kind, r.base_lsn) {
                let fulls: Vec<_> = earlier
                    .iter()
                    .filter(|(b, _)| b.kind() == Kind::Full && b.checkpoint_lsn.is_some())
                    .collect();
                if let Some(newest) = fulls.last() {
                    return match fulls.iter().find(|(b, _)| b.checkpoint_lsn == Some(base)) {
                        Some((_, Ok(()))) => Ok(()),
                        Some((b, Err(why))) => Err(depends(r, b, why)),
                        None => Err(format!(
                            "differential run {} is based on a full backup with checkpoint LSN {base} that is not recorded here; the newest full here is run {} (checkpoint LSN {}, finished {})",
                            r.name,
                            newest.0.name,
                            lsn(newest.0.checkpoint_lsn),
                            show_instant(newest.0.finished)
                        )),
                    };
                }
            }
            // By time: a diff restores onto the newest full before it, an
            // incr onto the newest backup of any kind before it.
            let before = r.started.unwrap_or(r.finished);
            let candidate = earlier.iter().rev().find(|(b, _)| {
                b.finished <= before
                    && !b.copy_only
                    && (kind == Kind::Incr || b.kind() == Kind::Full)
            });
            match candidate {
                Some((_, Ok(()))) => Ok(()),
                Some((b, Err(why))) => Err(depends(r, b, why)),
                _ => Err(format!(
                    "{} run {} (finished {}) has no full backup before it to restore onto here",
                    if kind == Kind::Diff {
                        "differential"
                    } else {
                        "incremental"
                    },
                    r.name,
                    show_instant(r.finished)
                )),
            }
        }
    }
}

/// A run that cannot be restored because the run it is taken against
/// cannot: named with the first cause only, however long the chain.
fn depends(r: &ChainRun, base: &ChainRun, why: &str) -> String {
    let root = match why.split_once(ROOT) {
        Some((_, root)) => root,
        None => why,
    };
    format!("run {} needs run {}{ROOT}{root}", r.name, base.name)
}

const ROOT: &str = ", which cannot be restored: ";

/// How far a restored base reaches with the logs after it, and the break
/// that stops it when later logs exist.
fn extend(
    base: &ChainRun,
    logs: &[&ChainRun],
    log_limit: Option<Interval>,
    reached: &mut BTreeSet<String>,
) -> (Point, Option<String>) {
    let mut point = Point {
        at: base.finished,
        base: base.name.clone(),
        through: base.name.clone(),
    };
    if let Some(mut x) = base.last_lsn {
        // By LSN: the first log holds the base's last LSN; each next log
        // starts where the previous one stopped.
        let mut cur: Option<&ChainRun> = None;
        for l in logs {
            let (Some(first), Some(last)) = (l.first_lsn, l.last_lsn) else {
                continue;
            };
            if last <= x {
                continue;
            }
            let fits = match cur {
                None => first <= x,
                Some(_) => first == x,
            };
            if !fits {
                let why = match cur {
                    None => format!(
                        "log chain broken between run {} (last LSN {x}) and run {} (first LSN {first})",
                        base.name, l.name
                    ),
                    Some(c) => format!(
                        "log chain broken between run {} (last LSN {}) and run {} (first LSN {first})",
                        c.name,
                        lsn(c.last_lsn),
                        l.name
                    ),
                };
                return (point, Some(why));
            }
            x = last;
            reached.insert(l.name.clone());
            point.at = point.at.max(l.finished);
            point.through = l.name.clone();
            cur = Some(l);
        }
        return (point, None);
    }
    // By time: the logs after the base. A log backup holds the log since
    // the previous one, so the first log after a base needs no check; but
    // between two log backups, a hole longer than the log limit is taken as
    // a break, since without LSNs nothing shows the log unbroken over it.
    let mut prev: Option<&ChainRun> = None;
    for l in logs.iter().filter(|l| l.finished > base.finished) {
        let start = l.started.unwrap_or(l.finished);
        if let (Some(limit), Some(p)) = (log_limit, prev)
            && limit.before(start) > p.finished
        {
            return (
                point,
                Some(format!(
                    "no log backup for {} between run {} (finished {}) and run {} (started {}), longer than the log limit of {limit}",
                    format_age((start - p.finished).num_seconds()),
                    p.name,
                    show_instant(p.finished),
                    l.name,
                    show_instant(start)
                )),
            );
        }
        reached.insert(l.name.clone());
        point.at = l.finished;
        point.through = l.name.clone();
        prev = Some(l);
    }
    (point, None)
}

/// Reads an LSN as SQL Server prints it (a decimal of up to 25 digits).
pub fn parse_lsn(field: &str, value: &str) -> anyhow::Result<u128> {
    let v = value.trim();
    if v.is_empty() || v.len() > 38 || !v.bytes().all(|b| b.is_ascii_digit()) {
        anyhow::bail!(
            "{field}: {value:?} is not an LSN; expected a decimal number as msdb gives it"
        );
    }
    v.parse::<u128>()
        .map_err(|_| anyhow::anyhow!("{field}: {value:?} is not an LSN"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse_instant;

    fn t(s: &str) -> DateTime<Utc> {
        parse_instant("t", s).unwrap()
    }

    fn run(name: &str, kind: Kind, finished: &str) -> ChainRun {
        ChainRun {
            name: name.into(),
            backup_id: Some(name.into()),
            kind: Some(kind),
            finished: t(finished),
            ..ChainRun::default()
        }
    }

    fn lsns(mut r: ChainRun, first: u128, last: u128) -> ChainRun {
        r.first_lsn = Some(first);
        r.last_lsn = Some(last);
        r
    }

    #[test]
    fn a_full_alone_is_a_point() {
        let a = assess(&[run("F", Kind::Full, "2026-11-01T00:00:00Z")], None);
        assert_eq!(a.newest.unwrap().at, t("2026-11-01T00:00:00Z"));
        assert_eq!(a.broken, None);
    }

    #[test]
    fn unbroken_logs_extend_the_point_and_a_gap_stops_it() {
        let mut f = lsns(run("F", Kind::Full, "2026-11-01T00:00:00Z"), 10, 20);
        f.checkpoint_lsn = Some(15);
        let l1 = lsns(run("L1", Kind::Log, "2026-11-01T01:00:00Z"), 12, 30);
        let l2 = lsns(run("L2", Kind::Log, "2026-11-01T02:00:00Z"), 30, 40);
        let l4 = lsns(run("L4", Kind::Log, "2026-11-03T00:00:00Z"), 50, 60);
        let a = assess(&[f.clone(), l1.clone(), l2.clone()], None);
        let p = a.newest.unwrap();
        assert_eq!(
            (p.at, p.through.as_str()),
            (t("2026-11-01T02:00:00Z"), "L2")
        );
        assert_eq!(a.broken, None);
        let a = assess(&[f, l1, l2, l4], None);
        assert_eq!(a.newest.unwrap().through, "L2");
        assert_eq!(
            a.broken.unwrap(),
            "log chain broken between run L2 (last LSN 40) and run L4 (first LSN 50)"
        );
    }

    #[test]
    fn a_differential_needs_its_own_full() {
        let mut old = run("F2024", Kind::Full, "2024-03-01T00:00:00Z");
        old.checkpoint_lsn = Some(100);
        let mut d = run("D", Kind::Diff, "2026-11-01T00:00:00Z");
        d.base_lsn = Some(900);
        let a = assess(&[old.clone(), d.clone()], None);
        assert_eq!(a.newest.unwrap().base, "F2024");
        assert!(
            a.broken
                .unwrap()
                .contains("checkpoint LSN 900 that is not recorded here")
        );
        d.base_lsn = Some(100);
        let a = assess(&[old, d], None);
        assert_eq!(a.newest.unwrap().through, "D");
    }

    #[test]
    fn copy_only_is_never_a_base_and_prior_names_the_base() {
        let mut c = run("C", Kind::Full, "2026-11-01T00:00:00Z");
        c.copy_only = true;
        let d = run("D", Kind::Diff, "2026-11-01T01:00:00Z");
        let a = assess(&[c.clone(), d], None);
        assert!(a.broken.unwrap().contains("no full backup before it"));
        let f = run("F", Kind::Full, "2026-10-01T00:00:00Z");
        let mut i = run("I", Kind::Incr, "2026-11-02T00:00:00Z");
        i.prior = Some("gone".into());
        let a = assess(&[f, i], None);
        assert_eq!(
            a.broken.unwrap(),
            "run I is taken against backup gone, which is not recorded here"
        );
    }

    #[test]
    fn logs_without_lsn_break_on_a_hole_longer_than_the_limit() {
        let f = run("F", Kind::Full, "2026-11-01T00:00:00Z");
        let l1 = run("L1", Kind::Log, "2026-11-01T01:00:00Z");
        let l2 = run("L2", Kind::Log, "2026-11-02T19:00:00Z");
        let limit = Interval::parse("l", "1h").ok();
        let a = assess(&[f.clone(), l1.clone(), l2.clone()], limit);
        assert_eq!(a.newest.unwrap().through, "L1");
        assert!(
            a.broken
                .unwrap()
                .starts_with("no log backup for 1d 18h between run L1")
        );
        let a = assess(&[f, l1, l2], None);
        assert_eq!(a.newest.unwrap().through, "L2");
    }

    #[test]
    fn only_a_log_is_no_chain() {
        let a = assess(&[run("L", Kind::Log, "2026-11-01T01:00:00Z")], None);
        assert_eq!(a.newest, None);
        assert!(
            a.broken
                .unwrap()
                .contains("has no full backup to restore onto")
        );
    }

    #[test]
    fn lsns_parse_as_msdb_prints_them() {
        assert_eq!(
            parse_lsn("f", "308000000583700001").unwrap(),
            308000000583700001
        );
        assert!(parse_lsn("f", "12a").is_err());
    }
}
