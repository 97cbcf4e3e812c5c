//! Backups as the regulation sees them (BAK-1..BAK-3): the kinds of run, a
//! system's policy, and the rules that judge the newest runs against it.
//! No SQL here: the store gathers [`Facts`], [`evaluate`] judges them.

pub mod chain;
pub mod import;

use anyhow::{Result, bail};
use chrono::{DateTime, Utc};

use super::findings::{Finding, Severity};
use super::time::{Interval, show_instant};

/// The area name of backup findings.
pub const AREA: &str = "backup";

/// The built-in information system that `backup self` records the register's
/// own backups against, so that the check covers the register itself.
pub const REGISTER_SYSTEM: &str = "infogov-register";

pub const KINDS: &[&str] = &["full", "diff", "incr", "log"];
pub const LOCATIONS: &[&str] = &["local", "offsite"];

/// What kind of backup a run made. A `diff` holds the changes since the last
/// full, an `incr` those since the last backup of any kind, a `log` the
/// transaction log; all three are restored onto a full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Full,
    Diff,
    Incr,
    Log,
}

impl Kind {
    pub fn parse(field: &str, value: &str) -> Result<Kind> {
        Ok(match value.trim() {
            "full" => Kind::Full,
            "diff" => Kind::Diff,
            "incr" => Kind::Incr,
            "log" => Kind::Log,
            _ => bail!(
                "{field}: {value:?} is not a kind of backup; expected full, diff, incr or log"
            ),
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Full => "full",
            Kind::Diff => "diff",
            Kind::Incr => "incr",
            Kind::Log => "log",
        }
    }
}

/// Where a copy is kept. Off-site (异地) is what BAK-1 asks for.
pub fn parse_location(field: &str, value: &str) -> Result<&'static str> {
    match value.trim() {
        "local" => Ok("local"),
        "offsite" => Ok("offsite"),
        _ => bail!("{field}: {value:?} is not a location; expected local or offsite"),
    }
}

/// A limit as typed on the command line: an interval, or `none` to clear it.
pub fn parse_limit(field: &str, value: &str) -> Result<Option<Interval>> {
    if value.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    Interval::parse(field, value)
        .map(Some)
        .map_err(|e| anyhow::anyhow!("{e}, or none to clear the limit"))
}

/// A system's backup policy. Every limit is optional: an unset one is not checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Policy {
    /// Maximum age of the newest successful full backup (BAK-3).
    pub full: Option<Interval>,
    /// Maximum age of the newest successful differential or incremental.
    pub diff: Option<Interval>,
    /// Maximum age of the newest successful transaction-log backup.
    pub log: Option<Interval>,
    /// Maximum age of the newest successful off-site copy (BAK-1).
    pub offsite: Option<Interval>,
    /// Maximum age of the newest passed restore drill (BAK-2).
    pub drill: Option<Interval>,
    /// How far back the oldest successful full must reach.
    pub retain_full: Option<Interval>,
    /// Added to every age limit (not to the retention window).
    pub grace: Option<Interval>,
    /// The recovery point objective: the maximum age of the newest point the
    /// data can be restored to (grace is not added: it is the loss accepted).
    pub rpo: Option<Interval>,
}

/// The newest successful run of a partial kind: when it finished, and the
/// instant a full must precede for it to have something to restore onto
/// (its start, or its finish when the start is unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partial {
    pub finished: DateTime<Utc>,
    pub base_before: DateTime<Utc>,
}

/// What the register knows about one system's backups, as of the clock:
/// only successful runs, only those finished at or before `now`.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub system: String,
    pub policy: Option<Policy>,
    pub newest_full: Option<DateTime<Utc>>,
    pub oldest_full: Option<DateTime<Utc>>,
    pub newest_diff: Option<Partial>,
    pub newest_incr: Option<Partial>,
    pub newest_log: Option<Partial>,
    pub newest_offsite: Option<DateTime<Utc>>,
    pub newest_passed_drill: Option<DateTime<Utc>>,
    pub newest_failed_drill: Option<DateTime<Utc>>,
    /// Per location that holds successful runs: its restore chains.
    pub chains: Vec<(String, chain::Assessment)>,
    /// Passed drills of a point that is no longer restorable: (at, run).
    pub uncounted_drills: Vec<(DateTime<Utc>, String)>,
}

/// A passed drill: when, and the run it restored with whether that run is
/// still restorable (`None`: the drill names no run).
pub type PassedDrill = (DateTime<Utc>, Option<(String, bool)>);

impl Facts {
    /// The newest restorable point over every location, and where it is.
    pub fn newest_point(&self) -> Option<(&str, &chain::Point)> {
        self.chains
            .iter()
            .filter_map(|(loc, a)| a.newest.as_ref().map(|p| (loc.as_str(), p)))
            .max_by_key(|(_, p)| p.at)
    }

    fn chain_at(&self, location: &str) -> Option<&chain::Assessment> {
        self.chains
            .iter()
            .find(|(l, _)| l == location)
            .map(|(_, a)| a)
    }

    /// Sets the newest passed drill from `passed`: when, and the run it
    /// restored with whether that run is still restorable. A drill of a run
    /// no longer restorable does not count; one that names no run counts.
    pub fn settle_drills(&mut self, passed: &[PassedDrill]) {
        self.newest_passed_drill = None;
        self.uncounted_drills.clear();
        for (at, point) in passed {
            let counts = point.as_ref().is_none_or(|(_, restorable)| *restorable);
            if counts {
                self.newest_passed_drill =
                    Some(self.newest_passed_drill.map_or(*at, |n| n.max(*at)));
            } else if let Some((run, _)) = point {
                self.uncounted_drills.push((*at, run.clone()));
            }
        }
    }
}

/// One line of `backup status`: an aspect of a system's backups, its newest
/// instance, the limit that applies, and its state (`None`: not checked).
#[derive(Debug, Clone)]
pub struct Item {
    pub what: &'static str,
    pub newest: Option<DateTime<Utc>>,
    pub limit: Option<Interval>,
    pub state: Option<Severity>,
    pub problems: Vec<Finding>,
}

impl Item {
    fn new(what: &'static str, newest: Option<DateTime<Utc>>, limit: Option<Interval>) -> Item {
        Item {
            what,
            newest,
            limit,
            state: limit.map(|_| Severity::Ok),
            problems: Vec::new(),
        }
    }

    fn flag(
        &mut self,
        f: &Facts,
        severity: Severity,
        (message, zh): (String, String),
        requirement: &'static str,
    ) {
        self.state = Some(self.state.map_or(severity, |s| s.max(severity)));
        self.problems
            .push(Finding::new(AREA, severity, f.system.clone(), message, requirement).zh(zh));
    }
}

/// A kind of backup in Chinese, as findings name it.
fn label_zh(label: &str) -> &'static str {
    match label {
        "full" => "全量备份",
        "differential or incremental" => "差异或增量备份",
        "differential" => "差异备份",
        "incremental" => "增量备份",
        "transaction-log" => "事务日志备份",
        _ => "备份",
    }
}

/// `n` times an interval (twice the limit is the critical threshold).
fn times(i: Interval, n: u32) -> Interval {
    match i {
        Interval::Seconds(s) => Interval::Seconds(s * i64::from(n)),
        Interval::Months(m) => Interval::Months(m * n),
    }
}

/// Is `t` older than `limit` plus `grace` as of `now`? Exactly at the limit is
/// still within it.
fn older_than(
    t: DateTime<Utc>,
    now: DateTime<Utc>,
    limit: Interval,
    grace: Option<Interval>,
) -> bool {
    let deadline = limit.before(now);
    let deadline = match grace {
        Some(g) => g.before(deadline),
        None => deadline,
    };
    t < deadline
}

/// A duration for people: `3d 4h`, `2h 5m`, `40s`; negative (in the future) as `-`.
pub fn format_age(secs: i64) -> String {
    if secs < 0 {
        return format!("-{}", format_age(-secs));
    }
    let (d, h, m) = (secs / 86_400, secs % 86_400 / 3600, secs % 3600 / 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{secs}s"),
        (0, 0, m) => format!("{m}m"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}

fn ago(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    format!(
        "{} ({} ago)",
        show_instant(t),
        format_age((now - t).num_seconds())
    )
}

/// [`ago`] in Chinese: `2026-12-01 01:42（13小时26分钟前）`.
fn ago_zh(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    format!(
        "{}（{}前）",
        show_instant(t),
        format_age_zh((now - t).num_seconds())
    )
}

/// [`format_age`] in Chinese: `3天4小时`, `13小时26分钟`, `40秒`.
pub fn format_age_zh(secs: i64) -> String {
    if secs < 0 {
        return format!("-{}", format_age_zh(-secs));
    }
    let (d, h, m) = (secs / 86_400, secs % 86_400 / 3600, secs % 3600 / 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{secs}秒"),
        (0, 0, m) => format!("{m}分钟"),
        (0, h, m) => format!("{h}小时{m}分钟"),
        (d, h, _) => format!("{d}天{h}小时"),
    }
}

fn limit_text_zh(limit: Interval, grace: Option<Interval>) -> String {
    match grace {
        Some(g) => format!("{}（另加宽限 {}）", limit.zh(), g.zh()),
        None => limit.zh(),
    }
}

fn limit_text(limit: Interval, grace: Option<Interval>) -> String {
    match grace {
        Some(g) => format!("{limit} + {g} grace"),
        None => limit.to_string(),
    }
}

/// Judges one kind's newest successful run against its limit: WARNING past
/// the limit (plus grace), CRITICAL past twice the limit (plus grace) or
/// when the kind never succeeded.
fn age_rule(item: &mut Item, f: &Facts, now: DateTime<Utc>, grace: Option<Interval>, label: &str) {
    let Some(limit) = item.limit else { return };
    match item.newest {
        None => item.flag(
            f,
            Severity::Critical,
            (
                format!(
                    "no successful {label} backup recorded; the policy requires one every {limit}"
                ),
                format!(
                    "没有成功的{}记录；备份策略要求{}一次",
                    label_zh(label),
                    limit.every_zh()
                ),
            ),
            "BAK-3",
        ),
        Some(t) if older_than(t, now, times(limit, 2), grace) => item.flag(
            f,
            Severity::Critical,
            (
                format!(
                    "newest successful {label} backup finished {}: more than twice the limit of {}",
                    ago(t, now),
                    limit_text(limit, grace)
                ),
                format!(
                    "最近一次成功的{}完成于 {}：已超过限值 {} 的两倍",
                    label_zh(label),
                    ago_zh(t, now),
                    limit_text_zh(limit, grace)
                ),
            ),
            "BAK-3",
        ),
        Some(t) if older_than(t, now, limit, grace) => item.flag(
            f,
            Severity::Warning,
            (
                format!(
                    "newest successful {label} backup finished {}: past the limit of {}",
                    ago(t, now),
                    limit_text(limit, grace)
                ),
                format!(
                    "最近一次成功的{}完成于 {}：已超过限值 {}",
                    label_zh(label),
                    ago_zh(t, now),
                    limit_text_zh(limit, grace)
                ),
            ),
            "BAK-3",
        ),
        Some(_) => {}
    }
}

fn newer(a: Option<Partial>, b: Option<Partial>) -> Option<Partial> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.finished > x.finished { y } else { x }),
        (x, y) => x.or(y),
    }
}

/// Judges a system's backups as of `now`. Returns the status lines in a
/// fixed order (policy, full, diff, log, offsite, drill, retention); the
/// findings of the check are their problems.
pub fn evaluate(f: &Facts, now: DateTime<Utc>) -> Vec<Item> {
    let p = f.policy.unwrap_or_default();
    let grace = p.grace;
    let mut items = Vec::with_capacity(7);

    let mut policy = Item::new("policy", None, None);
    if f.policy.is_none() {
        policy.flag(
            f,
            Severity::Warning,
            (
                "no backup policy; set one with `infogov backup policy SYSTEM --full 7d ...`"
                    .to_string(),
                "未设定备份策略；请用 `infogov backup policy SYSTEM --full 7d ...` 设定"
                    .to_string(),
            ),
            "BAK-3",
        );
    } else {
        policy.state = Some(Severity::Ok);
    }
    items.push(policy);

    let mut full = Item::new("full", f.newest_full, p.full);
    age_rule(&mut full, f, now, grace, "full");
    items.push(full);

    // A differential or an incremental both restore onto a full; the `diff`
    // limit is met by whichever is newer.
    let partial = newer(f.newest_diff, f.newest_incr);
    let mut diff = Item::new("diff", partial.map(|d| d.finished), p.diff);
    age_rule(&mut diff, f, now, grace, "differential or incremental");
    items.push(diff);

    let mut log = Item::new("log", f.newest_log.map(|l| l.finished), p.log);
    age_rule(&mut log, f, now, grace, "transaction-log");
    items.push(log);

    items.push(restorable_item(f, now, p.rpo));

    // Off-site counts only what could be restored from there.
    let offsite_chain = f.chain_at("offsite");
    let offsite_point = offsite_chain.and_then(|a| a.newest.as_ref()).map(|p| p.at);
    let mut offsite = Item::new("offsite", offsite_point, p.offsite);
    if let Some(limit) = p.offsite {
        match offsite_point {
            // Off-site runs with no restorable point: the chain finding says why.
            None if offsite_chain.is_some() => {
                offsite.state = Some(Severity::Critical);
            }
            None => offsite.flag(
                f,
                Severity::Critical,
                (
                    format!(
                        "no successful off-site copy recorded; the policy requires one every {limit}"
                    ),
                    format!("没有成功的异地备份记录；备份策略要求{}一次", limit.every_zh()),
                ),
                "BAK-1",
            ),
            Some(t) if older_than(t, now, limit, grace) => offsite.flag(
                f,
                Severity::Critical,
                (
                    format!(
                        "newest successful off-site copy finished {}: past the limit of {}",
                        ago(t, now),
                        limit_text(limit, grace)
                    ),
                    format!(
                        "最近一次成功的异地备份完成于 {}：已超过限值 {}",
                        ago_zh(t, now),
                        limit_text_zh(limit, grace)
                    ),
                ),
                "BAK-1",
            ),
            Some(_) => {}
        }
    }
    items.push(offsite);

    let newest_drill = match (f.newest_passed_drill, f.newest_failed_drill) {
        (Some(p), Some(x)) => Some(p.max(x)),
        (p, x) => p.or(x),
    };
    let mut drill = Item::new("drill", newest_drill, p.drill);
    for (at, run) in &f.uncounted_drills {
        drill.flag(
            f,
            Severity::Warning,
            (
                format!(
                    "the restore drill of {} restored run {run}, which can no longer be restored: it does not count",
                    show_instant(*at)
                ),
                format!(
                    "{} 的恢复演练所恢复的 {run} 已无法恢复：该演练不计入",
                    show_instant(*at)
                ),
            ),
            "BAK-2",
        );
    }
    if let Some(x) = f.newest_failed_drill
        && f.newest_passed_drill.is_none_or(|p| x > p)
    {
        drill.flag(
            f,
            Severity::Warning,
            (
                format!("the newest restore drill ({}) failed", show_instant(x)),
                format!("最近一次恢复演练（{}）未通过", show_instant(x)),
            ),
            "BAK-2",
        );
    }
    if let Some(limit) = p.drill {
        match f.newest_passed_drill {
            None => drill.flag(
                f,
                Severity::Warning,
                (
                    format!(
                        "no passed restore drill recorded; the policy requires one every {limit}"
                    ),
                    format!(
                        "没有通过的恢复演练记录；备份策略要求{}一次",
                        limit.every_zh()
                    ),
                ),
                "BAK-2",
            ),
            Some(t) if older_than(t, now, limit, grace) => drill.flag(
                f,
                Severity::Warning,
                (
                    format!(
                        "restore drill overdue: the newest passed drill was {}; the limit is {}",
                        ago(t, now),
                        limit_text(limit, grace)
                    ),
                    format!(
                        "恢复演练逾期：最近一次通过的演练在 {}；限值 {}",
                        ago_zh(t, now),
                        limit_text_zh(limit, grace)
                    ),
                ),
                "BAK-2",
            ),
            Some(_) => {}
        }
    }
    items.push(drill);

    // Retention: the oldest point still restorable, over every location.
    let oldest = f.chains.iter().filter_map(|(_, a)| a.oldest).min();
    let mut retention = Item::new("retention", oldest, p.retain_full);
    if let Some(window) = p.retain_full {
        let reach = window.before(now);
        match oldest {
            None => retention.flag(
                f,
                Severity::Warning,
                (
                    format!("no restorable backup, so nothing reaches back over the retention window of {window}"),
                    format!("没有可恢复的备份，无法覆盖 {} 的保留期", window.zh()),
                ),
                "BAK-2",
            ),
            Some(t) if t > reach => retention.flag(
                f,
                Severity::Warning,
                (
                    format!(
                        "the oldest restorable backup finished {}: it does not reach back over the retention window of {window}",
                        ago(t, now)
                    ),
                    format!(
                        "最早的可恢复备份完成于 {}：未能覆盖 {} 的保留期",
                        ago_zh(t, now),
                        window.zh()
                    ),
                ),
                "BAK-2",
            ),
            Some(_) => {}
        }
    }
    items.push(retention);
    items
}

/// The newest restorable point against the recovery point objective, and
/// per location, why later runs cannot be restored (a break in a chain).
fn restorable_item(f: &Facts, now: DateTime<Utc>, rpo: Option<Interval>) -> Item {
    let best = f.newest_point();
    let mut item = Item::new("restorable", best.map(|(_, p)| p.at), rpo);
    for (location, a) in &f.chains {
        let Some(why) = &a.broken else { continue };
        let requirement = if location == "offsite" {
            "BAK-1"
        } else {
            "BAK-2"
        };
        let (en, zh) = match &a.newest {
            None => (
                format!("the {location} copies hold no restorable point: {why}"),
                format!(
                    "{} 的备份中没有可恢复的时间点：{why}",
                    location_zh(location)
                ),
            ),
            Some(p) => (
                format!(
                    "at {location}, the runs after {} ({}) cannot be restored: {why}",
                    show_instant(p.at),
                    p.describe()
                ),
                format!(
                    "{} 的备份中，{} 之后的备份无法恢复（可恢复至 {} 为止）：{why}",
                    location_zh(location),
                    show_instant(p.at),
                    p.through
                ),
            ),
        };
        item.flag(f, Severity::Critical, (en, zh), requirement);
    }
    if let Some(limit) = rpo {
        match best {
            None => item.flag(
                f,
                Severity::Critical,
                (
                    format!("no restorable point recorded; the recovery point objective is {limit}"),
                    format!("没有可恢复的时间点记录；恢复点目标为 {limit}"),
                ),
                "BAK-3",
            ),
            Some((location, p)) if older_than(p.at, now, limit, None) => item.flag(
                f,
                Severity::Critical,
                (
                    format!(
                        "the newest restorable point is {}, {} ago ({} at {location}): past the recovery point objective of {limit}",
                        show_instant(p.at),
                        format_age((now - p.at).num_seconds()),
                        p.describe()
                    ),
                    format!(
                        "最近的可恢复时间点为 {}，距今 {}（{}，{}）：已超过恢复点目标 {limit}",
                        show_instant(p.at),
                        format_age((now - p.at).num_seconds()),
                        p.describe(),
                        location_zh(location)
                    ),
                ),
                "BAK-3",
            ),
            Some(_) => {}
        }
    }
    item
}

fn location_zh(location: &str) -> &'static str {
    if location == "offsite" {
        "异地"
    } else {
        "本地"
    }
}

/// The findings of one system: every problem of every status line.
pub fn findings(f: &Facts, now: DateTime<Utc>) -> Vec<Finding> {
    evaluate(f, now)
        .into_iter()
        .flat_map(|i| i.problems)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse_instant;

    fn t(s: &str) -> DateTime<Utc> {
        parse_instant("t", s).unwrap()
    }

    fn iv(s: &str) -> Interval {
        Interval::parse("x", s).unwrap()
    }

    #[test]
    fn ages_read_well() {
        assert_eq!(format_age(40), "40s");
        assert_eq!(format_age(600), "10m");
        assert_eq!(format_age(3600 + 300), "1h 5m");
        assert_eq!(format_age(3 * 86_400 + 4 * 3600 + 59), "3d 4h");
    }

    #[test]
    fn thresholds_are_exclusive_and_grace_shifts_both() {
        let now = t("2026-11-28T12:00:00Z");
        let limit = iv("1d");
        assert!(!older_than(t("2026-11-27T12:00:00Z"), now, limit, None));
        assert!(older_than(t("2026-11-27T11:59:59Z"), now, limit, None));
        let g = Some(iv("2h"));
        assert!(!older_than(t("2026-11-27T10:00:00Z"), now, limit, g));
        assert!(older_than(t("2026-11-27T09:59:59Z"), now, limit, g));
        assert!(!older_than(
            t("2026-11-26T10:00:00Z"),
            now,
            times(limit, 2),
            g
        ));
    }

    #[test]
    fn no_policy_is_one_warning() {
        let f = Facts {
            system: "HIS".into(),
            ..Facts::default()
        };
        let found = findings(&f, t("2026-11-28T00:00:00Z"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn a_log_alone_off_site_is_no_copy() {
        let log = chain::ChainRun {
            name: "L".into(),
            kind: Some(Kind::Log),
            finished: t("2026-11-28T01:00:00Z"),
            ..chain::ChainRun::default()
        };
        let f = Facts {
            system: "HIS".into(),
            policy: Some(Policy {
                offsite: Some(iv("7d")),
                ..Policy::default()
            }),
            newest_offsite: Some(t("2026-11-28T01:00:00Z")),
            chains: vec![("offsite".into(), chain::assess(&[log], None))],
            ..Facts::default()
        };
        let found = findings(&f, t("2026-11-28T02:00:00Z"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].requirement, "BAK-1");
        assert!(
            found[0]
                .message
                .starts_with("the offsite copies hold no restorable point: log run L")
        );
    }
}
