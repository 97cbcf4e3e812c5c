//! Recurring duties (DUT-1..DUT-5 and the other periodic work the regulation
//! names): when a duty is next due, how late it is, and the duties a new
//! register is seeded with. No SQL here.

use anyhow::{Result, bail};
use chrono::NaiveDate;

use super::asset::MAINTENANCE_KINDS;
use super::time::{INTERVAL_FORMS, Interval};

/// Every requirement ID of the regulation (listed in docs/regulation-map.md).
/// A duty's `--ref` must be one of them, so a finding can always name its clause.
pub const REQUIREMENT_IDS: &[&str] = &[
    "ORG-1", "ORG-2", "AST-1", "AST-2", "AST-3", "AST-4", "AST-5", "AST-6", "AST-7", "AST-8",
    "AST-9", "REQ-1", "REQ-2", "REQ-3", "REQ-4", "REQ-5", "REQ-6", "CON-1", "CON-2", "CON-3",
    "CON-4", "CON-5", "CON-6", "OPS-1", "OPS-2", "OPS-3", "OPS-4", "BAK-1", "BAK-2", "BAK-3",
    "BAK-4", "SEC-1", "SEC-2", "SEC-3", "SEC-4", "GRD-1", "GRD-2", "GRD-3", "GRD-4", "GRD-5",
    "GRD-6", "DUT-1", "DUT-2", "DUT-3", "DUT-4", "DUT-5",
];

/// The requirement of a finding about a duty that names none: one the office
/// set itself. (Not "-": CSV output neutralises a leading minus.)
pub const NO_REQUIREMENT: &str = "local";

/// Parses a requirement ID, in any case (`dut-1` is `DUT-1`).
pub fn requirement(field: &str, value: &str) -> Result<&'static str> {
    let v = value.trim().to_ascii_uppercase();
    match REQUIREMENT_IDS.iter().find(|id| **id == v) {
        Some(id) => Ok(id),
        None => bail!(
            "{field}: {value:?} is not a requirement ID of the regulation; expected e.g. DUT-1, OPS-2 or SEC-1"
        ),
    }
}

/// The requirement a stored ID stands for; an ID written behind the tool's
/// back that is not in the regulation is shown as [`NO_REQUIREMENT`].
pub fn stored_requirement(value: Option<&str>) -> &'static str {
    value
        .and_then(|v| REQUIREMENT_IDS.iter().find(|id| **id == v).copied())
        .unwrap_or(NO_REQUIREMENT)
}

/// The records that count towards a duty besides its own completions:
/// `maintenance:KIND`, a maintenance record of that kind (`asset maintain`);
/// `drill:pass`, a passed restore drill (`backup drill`); and
/// `request:consumable-plan`, the approval of a quarterly consumables plan.
pub const COUNTS_FORMS: &str = "maintenance:virus-scan, maintenance:inspection, maintenance:repair, maintenance:upgrade, drill:pass or request:consumable-plan";

/// A passed restore drill counts (`backup drill --result pass`).
pub const COUNTS_DRILL: &str = "drill:pass";
/// The approval of a quarterly consumables plan counts.
pub const COUNTS_PLAN: &str = "request:consumable-plan";

/// Parses `--counts`: `maintenance:KIND` (or the bare maintenance kind),
/// `drill:pass` or `request:consumable-plan`.
pub fn counts(field: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v == COUNTS_DRILL || v == COUNTS_PLAN {
        return Ok(v.to_string());
    }
    let kind = v.strip_prefix("maintenance:").unwrap_or(v);
    if MAINTENANCE_KINDS.contains(&kind) {
        return Ok(format!("maintenance:{kind}"));
    }
    bail!("{field}: {value:?} is not something a duty can count; expected {COUNTS_FORMS}")
}

/// The maintenance kind a stored `counts` value names.
pub fn counted_maintenance(counts: Option<&str>) -> Option<&str> {
    counts.and_then(|c| c.strip_prefix("maintenance:"))
}

/// Parses `--every`. A duty recurs in whole days at least: `30m` would make
/// every duty overdue before the officer could record it.
pub fn every(field: &str, value: &str) -> Result<Interval> {
    let i = Interval::parse(field, value)?;
    if let Interval::Seconds(s) = i
        && s % 86_400 != 0
    {
        bail!(
            "{field}: {value:?} is shorter than a day or not whole days; a duty recurs in d, w, mo, q or y ({INTERVAL_FORMS})"
        );
    }
    Ok(i)
}

/// Where a duty stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueState {
    /// Not yet due.
    Ok,
    /// Due today.
    Due,
    /// Past its due date, by no more than one full interval: WARNING.
    Overdue,
    /// Past its due date by more than one full interval (a whole period went
    /// by without it): CRITICAL.
    Missed,
}

impl DueState {
    pub fn as_str(self) -> &'static str {
        match self {
            DueState::Ok => "ok",
            DueState::Due => "due",
            DueState::Overdue => "overdue",
            DueState::Missed => "missed",
        }
    }
}

/// A duty's schedule evaluated on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub next_due: NaiveDate,
    pub state: DueState,
    /// Days past `next_due`; 0 when not overdue.
    pub days_overdue: i64,
}

/// When a duty is next due, and how late it is on `as_of`.
///
/// - Once done, it is next due one interval after the last time it was done
///   (`last_done + every`): doing it late moves the schedule, as a meeting
///   held late resets the fortnight.
/// - Never done: on `first_due` if one was given, else one interval after the
///   duty was added (`created + every`).
/// - Due on `next_due` itself is not late. The day after, it is overdue; once
///   more than a whole interval has passed after `next_due` (a period went by
///   without it), it is missed.
pub fn evaluate(
    every: Interval,
    created: NaiveDate,
    first_due: Option<NaiveDate>,
    last_done: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Due {
    let next_due = match last_done {
        Some(d) => every.after_date(d),
        None => first_due.unwrap_or_else(|| every.after_date(created)),
    };
    let state = if as_of < next_due {
        DueState::Ok
    } else if as_of == next_due {
        DueState::Due
    } else if as_of > every.after_date(next_due) {
        DueState::Missed
    } else {
        DueState::Overdue
    };
    let days_overdue = (as_of - next_due).num_days().max(0);
    Due {
        next_due,
        state,
        days_overdue,
    }
}

/// How many duties a default makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    /// One duty for the organisation.
    Organisation,
    /// One per information system in service, named `NAME:SYSTEM`, scoped to
    /// the system and owned by its owner department.
    System,
    /// One per department, named `NAME:DEPT`, scoped to and owned by it.
    Department,
    /// One per device in use of the role's kinds (`[security]`), named
    /// `NAME:TAG`, scoped to the device and owned by its department.
    Device(DeviceRole),
}

/// Which devices a per-device default covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceRole {
    /// `[security] server_kinds`: a log review per server (OPS-2).
    Server,
    /// `[security] perimeter_kinds`: firewalls and intrusion detection (OPS-3).
    Perimeter,
}

/// When a default is first due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstDue {
    /// One interval after seeding.
    AfterInterval,
    /// The first day of the next quarter ("at the start of each quarter").
    NextQuarter,
}

/// A duty the regulation names, as `duty seed` adds it.
#[derive(Debug, Clone, Copy)]
pub struct DefaultDuty {
    pub name: &'static str,
    /// `None`: the configured password interval (`[duty] password_every`).
    pub every: Option<&'static str>,
    pub requirement: &'static str,
    pub counts: Option<&'static str>,
    pub per: Per,
    pub first_due: FirstDue,
    pub description: &'static str,
}

const fn org(
    name: &'static str,
    every: &'static str,
    requirement: &'static str,
    description: &'static str,
) -> DefaultDuty {
    DefaultDuty {
        name,
        every: Some(every),
        requirement,
        counts: None,
        per: Per::Organisation,
        first_due: FirstDue::AfterInterval,
        description,
    }
}

/// The duties the regulation names, in the order of the regulation.
pub const DEFAULTS: &[DefaultDuty] = &[
    org(
        "leading-group-meeting",
        "2w",
        "DUT-1",
        "信息化领导小组例会，每两周一次 (IT leading group meets every two weeks)",
    ),
    org(
        "inspection-report",
        "6mo",
        "DUT-2",
        "每学期信息化工作检查，形成检查报告 (semester IT inspection with a written report)",
    ),
    org(
        "semester-exchange",
        "6mo",
        "DUT-2",
        "每学期组织一次交流 (an exchange every semester)",
    ),
    org("annual-summary", "1y", "DUT-2", "年度总结 (annual summary)"),
    org(
        "coordination-meeting",
        "6mo",
        "DUT-3",
        "全院信息化建设沟通协调会，每年两次 (coordination meeting twice a year)",
    ),
    org(
        "it-training",
        "1y",
        "DUT-4",
        "每年至少一次信息化业务技能培训 (IT training at least once a year)",
    ),
    org(
        "department-evaluation",
        "1y",
        "DUT-5",
        "部门信息化工作年度考核 (annual evaluation of departments' IT work)",
    ),
    DefaultDuty {
        first_due: FirstDue::NextQuarter,
        counts: Some(COUNTS_PLAN),
        ..org(
            "consumables-plan",
            "1q",
            "CON-2",
            "每季度初拟定《耗材采购季度计划》 (quarterly consumables purchase plan)",
        )
    },
    DefaultDuty {
        counts: Some("maintenance:virus-scan"),
        ..org(
            "virus-scan",
            "1mo",
            "OPS-1",
            "定期查杀病毒 (periodic virus scans; `asset maintain --kind virus-scan` counts)",
        )
    },
    DefaultDuty {
        counts: Some("maintenance:inspection"),
        ..org(
            "computer-check",
            "1q",
            "OPS-1",
            "定期检查计算机设备、服务器 (periodic check of computers and servers; `asset maintain --kind inspection` counts)",
        )
    },
    DefaultDuty {
        per: Per::Device(DeviceRole::Server),
        ..org(
            "log-review",
            "1w",
            "OPS-2",
            "服务器运行日志检查 (review of this server's operation logs)",
        )
    },
    DefaultDuty {
        per: Per::Device(DeviceRole::Perimeter),
        ..org(
            "perimeter-review",
            "1mo",
            "OPS-3",
            "防火墙、入侵检测定期检查 (review of this firewall's or intrusion detector's logs and rules)",
        )
    },
    org(
        "fault-review",
        "1mo",
        "OPS-4",
        "故障记录检查：防范、补救和排除措施 (review of fault records and measures)",
    ),
    DefaultDuty {
        counts: Some(COUNTS_DRILL),
        ..org(
            "restore-drill",
            "1q",
            "BAK-2",
            "备份恢复演练 (restore drill: backups must be restorable)",
        )
    },
    DefaultDuty {
        per: Per::Department,
        ..org(
            "data-submission",
            "1mo",
            "BAK-4",
            "部门数据收集、审核、汇总、审批和按时申报 (department's data submitted on time)",
        )
    },
    DefaultDuty {
        every: None,
        per: Per::System,
        ..org(
            "password",
            "",
            "SEC-1",
            "系统密码定期更换 (system password changed periodically; dates only, never the password)",
        )
    },
    DefaultDuty {
        per: Per::System,
        ..org(
            "self-inspection",
            "1y",
            "GRD-5",
            "等级保护定期自查 (periodic self-inspection against the system's grade)",
        )
    },
];

/// The name of a per-system or per-department duty: `password:HIS`.
pub fn per_name(stem: &str, of: &str) -> String {
    format!("{stem}:{of}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn next_due_from_last_done_or_creation() {
        let q = Interval::Months(3);
        let e = evaluate(q, d("2026-01-31"), None, None, d("2026-02-01"));
        assert_eq!(e.next_due, d("2026-04-30"));
        assert_eq!(e.state, DueState::Ok);
        let e = evaluate(
            q,
            d("2026-01-31"),
            Some(d("2026-02-15")),
            None,
            d("2026-02-15"),
        );
        assert_eq!((e.next_due, e.state), (d("2026-02-15"), DueState::Due));
        // A completion replaces the first due date.
        let e = evaluate(
            q,
            d("2026-01-31"),
            Some(d("2026-02-15")),
            Some(d("2026-02-10")),
            d("2026-03-01"),
        );
        assert_eq!((e.next_due, e.state), (d("2026-05-10"), DueState::Ok));
    }

    #[test]
    fn overdue_then_missed_after_a_full_interval() {
        let w2 = Interval::Seconds(14 * 86_400);
        let at = |day| evaluate(w2, d("2026-01-01"), None, Some(d("2026-03-01")), d(day));
        assert_eq!(at("2026-03-15").state, DueState::Due);
        assert_eq!(at("2026-03-16").state, DueState::Overdue);
        assert_eq!(at("2026-03-16").days_overdue, 1);
        assert_eq!(at("2026-03-29").state, DueState::Overdue);
        assert_eq!(at("2026-03-30").state, DueState::Missed);
        assert_eq!(at("2026-03-30").days_overdue, 15);
    }

    #[test]
    fn inputs() {
        assert_eq!(requirement("--ref", " dut-1 ").unwrap(), "DUT-1");
        assert!(requirement("--ref", "DUT-9").is_err());
        assert_eq!(
            counts("--counts", "virus-scan").unwrap(),
            "maintenance:virus-scan"
        );
        assert!(counts("--counts", "maintenance:backup").is_err());
        assert!(every("--every", "12h").is_err());
        assert_eq!(every("--every", "90d").unwrap().to_string(), "90d");
        assert_eq!(stored_requirement(Some("XX")), NO_REQUIREMENT);
    }
}
