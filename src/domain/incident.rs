//! The incident register (SEC-4, OPS-1, OPS-3, OPS-4): what went wrong in the
//! organisation's systems, when it was detected, contained and resolved, and
//! for a violation of C33 the person it was traced to. The rules are here, as
//! plain Rust; the SQL is in `store::incident`.
//!
//! A virus incident on a device marks the device isolated (C32: 发现计算机遭受
//! 计算机病毒感染时应立即隔离，尽快杀毒) from its detection until it is closed as
//! cleaned; its containment time is when the device was actually taken off
//! the network. The state is derived from the incident, never stored on the
//! asset (docs/decisions.md, "Incidents").

use std::collections::BTreeMap;

use anyhow::{Result, bail};
use chrono::{DateTime, Utc};

use super::findings::{Finding, Severity};
use super::time::{Interval, show_instant};

/// What happened. The words are the register's (and the CLI's) values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A computer virus or other malicious program (C32, OPS-1).
    Virus,
    /// Unauthorised entry into a system (C33 (一), OPS-3).
    Intrusion,
    /// A system or the remote access platform unavailable (OPS-3: 7x24).
    Outage,
    /// A hardware or software fault (S4, OPS-4).
    Fault,
    /// A forbidden act of C33 by a person (SEC-4).
    Violation,
    /// Data lost, deleted or corrupted (C24, C33 (五)).
    DataLoss,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Virus,
        Kind::Intrusion,
        Kind::Outage,
        Kind::Fault,
        Kind::Violation,
        Kind::DataLoss,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Virus => "virus",
            Kind::Intrusion => "intrusion",
            Kind::Outage => "outage",
            Kind::Fault => "fault",
            Kind::Violation => "violation",
            Kind::DataLoss => "data-loss",
        }
    }

    /// Reads a kind as typed; an unknown one is refused with the list.
    pub fn parse(field: &str, value: &str) -> Result<Kind> {
        let v = value.trim();
        match Kind::ALL.iter().find(|k| k.as_str() == v) {
            Some(k) => Ok(*k),
            None => bail!(
                "{field}: {value:?} is not a kind of incident; expected one of {}",
                Kind::ALL.map(Kind::as_str).join(", ")
            ),
        }
    }

    /// The requirement an incident of this kind is evidence for.
    pub fn requirement(self) -> &'static str {
        match self {
            Kind::Virus => "OPS-1",
            Kind::Intrusion | Kind::Outage => "OPS-3",
            Kind::Fault => "OPS-4",
            Kind::Violation | Kind::DataLoss => "SEC-4",
        }
    }

    /// How long an incident of this kind may stay open after its detection
    /// before it is a finding, unless `[incident.deadline]` says otherwise.
    /// A virus is to be killed 尽快 (C32), the remote platform is 7x24 (C23),
    /// a fault needs its remedy (S4), a violation an investigation.
    pub fn default_deadline(self) -> &'static str {
        match self {
            Kind::Virus => "2d",
            Kind::Intrusion => "1d",
            Kind::Outage => "4h",
            Kind::Fault => "7d",
            Kind::Violation => "30d",
            Kind::DataLoss => "2d",
        }
    }

    /// The kind in Chinese, for findings.
    pub fn zh(self) -> &'static str {
        match self {
            Kind::Virus => "病毒",
            Kind::Intrusion => "入侵",
            Kind::Outage => "服务中断",
            Kind::Fault => "故障",
            Kind::Violation => "违规",
            Kind::DataLoss => "数据丢失",
        }
    }
}

/// How long a device infected by a virus may go without isolation being
/// recorded, unless `incident.isolate_within` says otherwise (C32: 立即隔离).
pub const DEFAULT_ISOLATE_WITHIN: &str = "1h";

/// The deadlines of the config: `incident.isolate_within` and
/// `[incident.deadline]` (kind = interval), checked once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    pub isolate_within: Interval,
    pub deadline: BTreeMap<Kind, Interval>,
}

impl Rules {
    /// Reads the configured values; a kind or interval that is not one is
    /// refused, naming the config key.
    pub fn parse(
        isolate_within: Option<&str>,
        deadline: &BTreeMap<String, String>,
    ) -> Result<Rules> {
        let isolate_within = Interval::parse(
            "incident.isolate_within",
            isolate_within.unwrap_or(DEFAULT_ISOLATE_WITHIN),
        )?;
        for key in deadline.keys() {
            Kind::parse(&format!("incident.deadline.{key}"), key)?;
        }
        let mut map = BTreeMap::new();
        for k in Kind::ALL {
            let v = deadline
                .get(k.as_str())
                .map_or(k.default_deadline(), String::as_str);
            map.insert(
                k,
                Interval::parse(&format!("incident.deadline.{}", k.as_str()), v)?,
            );
        }
        Ok(Rules {
            isolate_within,
            deadline: map,
        })
    }

    pub fn deadline(&self, k: Kind) -> Interval {
        self.deadline[&k]
    }
}

impl Default for Rules {
    fn default() -> Self {
        Rules::parse(None, &BTreeMap::new()).expect("the built-in deadlines parse")
    }
}

/// An incident as the rules see it: what the register holds, or will hold
/// once the command is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incident {
    pub kind: Kind,
    /// On a device (an asset), rather than on an information system.
    pub on_asset: bool,
    pub detected: DateTime<Utc>,
    pub contained: Option<DateTime<Utc>>,
    pub resolved: Option<DateTime<Utc>>,
    /// Traced to a person (C33).
    pub person: bool,
    /// The device was cleaned of the virus (C32).
    pub cleaned: bool,
}

impl Incident {
    /// Whether this incident marks its device isolated: a virus on a device,
    /// until it is closed (which it is only once cleaned).
    pub fn isolates(&self) -> bool {
        self.kind == Kind::Virus && self.on_asset && self.resolved.is_none()
    }

    /// Checks the incident against the rules, with `now` the clock's time.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<()> {
        not_future("--detected", self.detected, now)?;
        if let Some(c) = self.contained {
            not_future("--contained", c, now)?;
            if c < self.detected {
                bail!(
                    "--contained: {} is before --detected {}; an incident is contained after it is detected",
                    show_instant(c),
                    show_instant(self.detected)
                );
            }
        }
        if let Some(r) = self.resolved {
            not_future("--resolved", r, now)?;
            if r < self.detected {
                bail!(
                    "--resolved: {} is before --detected {}; an incident is resolved after it is detected",
                    show_instant(r),
                    show_instant(self.detected)
                );
            }
            if let Some(c) = self.contained
                && r < c
            {
                bail!(
                    "--resolved: {} is before --contained {}; an incident is resolved after it is contained",
                    show_instant(r),
                    show_instant(c)
                );
            }
        }
        if self.kind == Kind::Violation && !self.person {
            bail!(
                "--person: a violation must name the person it was traced to (C33, 追究责任人责任); give --person NAME"
            );
        }
        let virus_on_device = self.kind == Kind::Virus && self.on_asset;
        if self.cleaned && !virus_on_device {
            bail!("--cleaned: only a virus incident on a device (--asset) is cleaned");
        }
        if virus_on_device && self.resolved.is_some() && !self.cleaned {
            bail!(
                "--cleaned: a virus incident on a device is closed only once the device is cleaned (C32, 尽快杀毒); give --cleaned when it is, until then the device stays isolated"
            );
        }
        Ok(())
    }
}

/// Refuses a time after the clock's now: an incident cannot be detected,
/// contained or resolved in the future (a time typed in another zone is
/// caught here too).
pub fn not_future(field: &str, t: DateTime<Utc>, now: DateTime<Utc>) -> Result<()> {
    if t > now {
        bail!(
            "{}",
            crate::i18n::current().msg(
                "time.future",
                &[
                    &field,
                    &show_instant(t),
                    &show_instant(now),
                    &super::time::zone()
                ]
            )
        );
    }
    Ok(())
}

/// An open incident as the check reads it.
#[derive(Debug, Clone)]
pub struct Open {
    pub id: i64,
    pub incident: Incident,
    /// The system's name or the device's tag.
    pub subject: String,
}

/// The findings of open incidents at `now`: each one open past the deadline
/// of its kind (WARNING), and each infected device not isolated within
/// `isolate_within` of detection: marked isolated, but still in use
/// (CRITICAL, C32).
pub fn findings(open: &[Open], rules: &Rules, now: DateTime<Utc>) -> Vec<Finding> {
    let mut out = Vec::new();
    for o in open {
        let i = &o.incident;
        if i.resolved.is_some() {
            continue;
        }
        let k = i.kind;
        let deadline = rules.deadline(k);
        if i.detected < deadline.before(now) {
            out.push(
                Finding::new(
                    "incident",
                    Severity::Warning,
                    o.subject.clone(),
                    format!(
                        "incident {} ({}, detected {}) is still open after {deadline}; close it with `infogov incident close {}` once resolved",
                        o.id,
                        k.as_str(),
                        show_instant(i.detected),
                        o.id
                    ),
                    k.requirement(),
                )
                .zh(format!(
                    "事件 {}（{}，发现于 {}）超过 {} 仍未处理完毕；处理后用 `infogov incident close {}` 结案",
                    o.id,
                    k.zh(),
                    show_instant(i.detected),
                    deadline.zh(),
                    o.id
                )),
            );
        }
        if i.isolates() && i.contained.is_none() && i.detected < rules.isolate_within.before(now) {
            out.push(
                Finding::new(
                    "incident",
                    Severity::Critical,
                    o.subject.clone(),
                    format!(
                        "isolated device still in use: infected (incident {}, detected {}) and no isolation recorded within {}; isolate it at once and record when with `infogov incident update {} --contained TIME` (C32)",
                        o.id,
                        show_instant(i.detected),
                        rules.isolate_within,
                        o.id
                    ),
                    "OPS-1",
                )
                .zh(format!(
                    "应隔离的设备仍在使用：感染病毒（事件 {}，发现于 {}），{} 内未记录隔离；请立即隔离，并用 `infogov incident update {} --contained 时间` 记录（第三十二条）",
                    o.id,
                    show_instant(i.detected),
                    rules.isolate_within.zh(),
                    o.id
                )),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse_instant;

    fn t(s: &str) -> DateTime<Utc> {
        parse_instant("t", s).unwrap()
    }

    fn virus() -> Incident {
        Incident {
            kind: Kind::Virus,
            on_asset: true,
            detected: t("2026-11-27T09:10:00Z"),
            contained: None,
            resolved: None,
            person: false,
            cleaned: false,
        }
    }

    fn err(i: &Incident, now: &str) -> String {
        i.validate(t(now)).unwrap_err().to_string()
    }

    #[test]
    fn kinds_parse_and_unknown_ones_are_named() {
        assert_eq!(
            Kind::parse("--kind", " data-loss ").unwrap(),
            Kind::DataLoss
        );
        let e = Kind::parse("--kind", "worm").unwrap_err().to_string();
        assert_eq!(
            e,
            "--kind: \"worm\" is not a kind of incident; expected one of virus, intrusion, outage, fault, violation, data-loss"
        );
        for k in Kind::ALL {
            assert_eq!(Kind::parse("k", k.as_str()).unwrap(), k);
            assert!(!k.requirement().is_empty());
        }
    }

    #[test]
    fn times_run_forward_and_never_into_the_future() {
        let now = "2026-11-28T00:00:00Z";
        assert!(virus().validate(t(now)).is_ok());
        let mut i = virus();
        i.contained = Some(t("2026-11-27T09:00:00Z"));
        assert!(
            err(&i, now)
                .starts_with("--contained: 2026-11-27 09:00 is before --detected 2026-11-27 09:10")
        );
        i.contained = Some(t("2026-11-27T09:30:00Z"));
        i.cleaned = true;
        i.resolved = Some(t("2026-11-27T09:20:00Z"));
        assert!(
            err(&i, now)
                .starts_with("--resolved: 2026-11-27 09:20 is before --contained 2026-11-27 09:30")
        );
        i.contained = None;
        i.resolved = Some(t("2026-11-27T09:00:00Z"));
        assert!(err(&i, now).starts_with("--resolved: 2026-11-27 09:00 is before --detected"));
        i.resolved = Some(t("2026-11-27T09:10:00Z"));
        assert!(
            i.validate(t(now)).is_ok(),
            "resolved the minute it was detected"
        );
        let mut i = virus();
        i.detected = t("2026-11-28T00:01:00Z");
        assert!(err(&i, now).starts_with("--detected: 2026-11-28 00:01 is in the future"));
        let mut i = virus();
        i.contained = Some(t("2026-11-29T00:00:00Z"));
        assert!(err(&i, now).starts_with("--contained: 2026-11-29 00:00 is in the future"));
    }

    #[test]
    fn a_violation_names_its_person() {
        let now = t("2026-11-28T00:00:00Z");
        let mut i = Incident {
            kind: Kind::Violation,
            on_asset: false,
            ..virus()
        };
        let e = i.validate(now).unwrap_err().to_string();
        assert!(
            e.starts_with("--person: a violation must name the person"),
            "{e}"
        );
        i.person = true;
        assert!(i.validate(now).is_ok());
        // Other kinds may or may not be traced to someone.
        i.kind = Kind::Intrusion;
        i.person = false;
        assert!(i.validate(now).is_ok());
    }

    #[test]
    fn an_infected_device_is_isolated_until_cleaned() {
        let now = t("2026-11-28T00:00:00Z");
        let mut i = virus();
        assert!(i.isolates());
        i.resolved = Some(t("2026-11-27T12:00:00Z"));
        let e = i.validate(now).unwrap_err().to_string();
        assert!(
            e.starts_with("--cleaned: a virus incident on a device is closed only once"),
            "{e}"
        );
        i.cleaned = true;
        assert!(i.validate(now).is_ok());
        assert!(!i.isolates(), "closed as cleaned: released");
        let fault = Incident {
            kind: Kind::Fault,
            cleaned: true,
            resolved: None,
            ..virus()
        };
        assert!(
            fault
                .validate(now)
                .unwrap_err()
                .to_string()
                .starts_with("--cleaned: only a virus")
        );
        let on_system = Incident {
            on_asset: false,
            ..virus()
        };
        assert!(!on_system.isolates(), "a system is not a device to isolate");
    }

    #[test]
    fn deadlines_are_configured_per_kind() {
        let r = Rules::default();
        assert_eq!(r.deadline(Kind::Outage).to_string(), "4h");
        assert_eq!(r.isolate_within.to_string(), "1h");
        let mut map = BTreeMap::new();
        map.insert("fault".to_string(), "3d".to_string());
        let r = Rules::parse(Some("30m"), &map).unwrap();
        assert_eq!(r.deadline(Kind::Fault).to_string(), "3d");
        assert_eq!(r.deadline(Kind::Virus).to_string(), "2d");
        map.insert("worm".to_string(), "1d".to_string());
        let e = Rules::parse(None, &map).unwrap_err().to_string();
        assert!(
            e.starts_with("incident.deadline.worm: \"worm\" is not a kind"),
            "{e}"
        );
        map.remove("worm");
        map.insert("virus".to_string(), "soon".to_string());
        let e = Rules::parse(None, &map).unwrap_err().to_string();
        assert!(
            e.starts_with("incident.deadline.virus: \"soon\" is not an interval"),
            "{e}"
        );
    }

    #[test]
    fn open_incidents_past_their_deadline_are_findings() {
        let rules = Rules::default();
        let open = |kind, detected: &str, contained: Option<&str>| Open {
            id: 3,
            subject: "PC-17".into(),
            incident: Incident {
                kind,
                detected: t(detected),
                contained: contained.map(t),
                ..virus()
            },
        };
        let now = t("2026-11-28T12:00:00Z");
        // An outage of three hours: within its 4h.
        assert!(
            findings(
                &[open(Kind::Outage, "2026-11-28T09:00:00Z", None)],
                &rules,
                now
            )
            .is_empty()
        );
        let f = findings(
            &[open(Kind::Outage, "2026-11-28T07:00:00Z", None)],
            &rules,
            now,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(f[0].requirement, "OPS-3");
        assert!(
            f[0].message.starts_with(
                "incident 3 (outage, detected 2026-11-28 07:00) is still open after 4h"
            ),
            "{}",
            f[0].message
        );
        // A virus detected 30 minutes ago: not yet late to isolate.
        assert!(
            findings(
                &[open(Kind::Virus, "2026-11-28T11:30:00Z", None)],
                &rules,
                now
            )
            .is_empty()
        );
        // Two hours without isolation: CRITICAL; isolated: nothing.
        let f = findings(
            &[open(Kind::Virus, "2026-11-28T10:00:00Z", None)],
            &rules,
            now,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Critical);
        assert!(
            f[0].message.starts_with("isolated device still in use"),
            "{}",
            f[0].message
        );
        assert!(
            findings(
                &[open(
                    Kind::Virus,
                    "2026-11-28T10:00:00Z",
                    Some("2026-11-28T10:05:00Z")
                )],
                &rules,
                now
            )
            .is_empty()
        );
        // Three days open and never isolated: both.
        let f = findings(
            &[open(Kind::Virus, "2026-11-25T10:00:00Z", None)],
            &rules,
            now,
        );
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|x| x.message_zh.is_some()));
    }
}
