//! Security operations (OPS-1, OPS-2, OPS-3, S3) as plain rules: reading an
//! antivirus console's dates, what a device's antivirus state is worth on a
//! day, and whether a server keeps its logs long enough. No SQL here.

use anyhow::{Result, anyhow};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::time::{Interval, local_to_utc};

/// `[security]` of the config, validated.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Kinds of device that need antivirus.
    pub antivirus_kinds: Vec<String>,
    pub definitions_max_age: Interval,
    pub scan_every: Interval,
    pub server_kinds: Vec<String>,
    pub log_retention_min: Interval,
    pub perimeter_kinds: Vec<String>,
}

impl Default for Rules {
    fn default() -> Self {
        crate::config::SecurityConfig::default()
            .rules()
            .expect("the built-in security rules are valid")
    }
}

pub const DEFINITIONS_FORMS: &str = "a date (2026-11-27, 2026/11/27, 2026.11.27, 20261127) or a definitions version that starts with one (2026.11.27.03, 20261127.001)";

/// The day of a device's virus definitions (病毒库). Consoles write the date
/// itself, or a definitions version that begins with it: 360 and Kaspersky
/// `2026-11-27 08:00`, Huorong and Rising `2026.11.27.03`, others
/// `20261127.001`. Anything else is refused rather than guessed.
pub fn definitions_date(field: &str, value: &str) -> Result<NaiveDate> {
    let bad =
        || anyhow!("{field}: {value:?} is not a definitions date; expected {DEFINITIONS_FORMS}");
    if let Ok(d) = crate::tabular::values::date(field, value) {
        return Ok(d);
    }
    let v: String = value
        .trim()
        .chars()
        .map(crate::tabular::values::half_width)
        .collect();
    // 20261127, 20261127.001, 20261127-02
    let digits: String = v.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() == 8 {
        return NaiveDate::parse_from_str(&digits, "%Y%m%d").map_err(|_| bad());
    }
    // 2026.11.27.03: the first three parts.
    let parts: Vec<&str> = v.split('.').collect();
    if parts.len() > 3 && parts[0].len() == 4 {
        let day = parts[..3].join("-");
        return crate::tabular::values::date(field, &day).map_err(|_| bad());
    }
    Err(bad())
}

pub const SCAN_FORMS: &str =
    "a date and time (2026-11-27 22:10, 2026/11/27 22:10:05), a date, or empty / 从未 for never";

/// Words consoles write for a device never scanned.
const NEVER: &[&str] = &["从未", "从未扫描", "未扫描", "无", "never", "-", "--"];

/// The instant of a last full scan, read in the register's time zone; `None`
/// when the console says the device was never scanned.
pub fn scan_time(field: &str, value: &str) -> Result<Option<DateTime<Utc>>> {
    let v = value.trim();
    if v.is_empty() || NEVER.iter().any(|n| n.eq_ignore_ascii_case(v)) {
        return Ok(None);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Ok(Some(t.with_timezone(&Utc)));
    }
    let bad = || anyhow!("{field}: {value:?} is not a time of a scan; expected {SCAN_FORMS}");
    let (day, time) = match v.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (v, None),
    };
    let day = crate::tabular::values::date(field, day).map_err(|_| bad())?;
    let time = match time {
        None | Some("") => NaiveTime::MIN,
        Some(t) => NaiveTime::parse_from_str(t, "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M"))
            .map_err(|_| bad())?,
    };
    local_to_utc(field, value, day.and_time(time)).map(Some)
}

/// Whether a retention keeps logs at least as long as `min`, measured from
/// `from`: `180d` is shorter than `6mo` (six calendar months are 181 to 184
/// days), `26w` too; `1y` is longer.
pub fn retention_enough(retention: Interval, min: Interval, from: NaiveDate) -> bool {
    retention.after_date(from) >= min.after_date(from)
}

/// What is wrong with one device's antivirus on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AntivirusFault {
    /// A device that needs antivirus has none recorded.
    None,
    /// Definitions older than the limit: their day and age in days.
    StaleDefinitions { definitions: NaiveDate, days: i64 },
    /// No full scan, or the last one before `since`.
    NoScan { last: Option<NaiveDate> },
}

/// A device's antivirus state on `as_of`: its definitions' day and its last
/// full scan's local day (`None`: never).
pub fn antivirus_faults(
    rules: &Rules,
    definitions: NaiveDate,
    last_scan: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Vec<AntivirusFault> {
    let mut out = Vec::new();
    if rules.definitions_max_age.after_date(definitions) < as_of {
        out.push(AntivirusFault::StaleDefinitions {
            definitions,
            days: (as_of - definitions).num_days(),
        });
    }
    if last_scan.is_none_or(|s| rules.scan_every.after_date(s) < as_of) {
        out.push(AntivirusFault::NoScan { last: last_scan });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn definitions_as_consoles_write_them() {
        for v in [
            "2026-11-27",
            "2026/11/27",
            "2026.11.27",
            "20261127",
            "20261127.001",
            "2026.11.27.03",
            "2026-11-27 08:00:00",
            "２０２６.１１.２７.０３",
        ] {
            assert_eq!(
                definitions_date("病毒库版本", v).unwrap(),
                d("2026-11-27"),
                "{v}"
            );
        }
        for v in ["", "v5", "2026.13.01.01", "202611", "20261327", "3.0.0.1"] {
            let e = definitions_date("病毒库版本", v).unwrap_err().to_string();
            assert!(e.starts_with("病毒库版本: "), "{e}");
        }
    }

    #[test]
    fn scan_times() {
        let t = scan_time("x", "2026/11/27 22:10").unwrap().unwrap();
        assert_eq!(
            super::super::time::format_instant(t),
            "2026-11-27T22:10:00Z"
        );
        assert_eq!(scan_time("x", "从未").unwrap(), None);
        assert_eq!(scan_time("x", "").unwrap(), None);
        assert!(scan_time("x", "yesterday").is_err());
        assert!(scan_time("x", "2026-11-27 25:00").is_err());
    }

    #[test]
    fn six_months_is_not_180_days() {
        let six = Interval::Months(6);
        let at = d("2026-11-28");
        assert!(!retention_enough(
            Interval::parse("r", "180d").unwrap(),
            six,
            at
        ));
        assert!(retention_enough(
            Interval::parse("r", "6mo").unwrap(),
            six,
            at
        ));
        assert!(retention_enough(
            Interval::parse("r", "1y").unwrap(),
            six,
            at
        ));
        assert!(!retention_enough(
            Interval::parse("r", "3mo").unwrap(),
            six,
            at
        ));
    }

    #[test]
    fn faults_on_a_day() {
        let r = Rules::default();
        let as_of = d("2026-11-28");
        assert!(antivirus_faults(&r, d("2026-11-21"), Some(d("2026-10-28")), as_of).is_empty());
        assert_eq!(
            antivirus_faults(&r, d("2026-11-20"), Some(d("2026-11-01")), as_of),
            vec![AntivirusFault::StaleDefinitions {
                definitions: d("2026-11-20"),
                days: 8
            }]
        );
        assert_eq!(
            antivirus_faults(&r, d("2026-11-27"), Some(d("2026-10-27")), as_of),
            vec![AntivirusFault::NoScan {
                last: Some(d("2026-10-27"))
            }]
        );
        assert_eq!(
            antivirus_faults(&r, d("2026-11-27"), None, as_of),
            vec![AntivirusFault::NoScan { last: None }]
        );
    }
}
