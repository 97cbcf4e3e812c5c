//! Dates, instants, intervals and quarters: parsed in one place, so that every
//! command accepts the same forms and every error lists them.

use std::fmt;

use anyhow::{Result, bail};
use std::sync::RwLock;

use chrono::{
    DateTime, Datelike, Days, LocalResult, Months, NaiveDate, NaiveDateTime, NaiveTime,
    SecondsFormat, TimeZone, Utc,
};
use chrono_tz::Tz;

pub const DATE_FORMS: &str = "YYYY-MM-DD";
pub const INSTANT_FORMS: &str = "RFC 3339 (2026-11-28T02:00:00+08:00), 'YYYY-MM-DD HH:MM[:SS]' in the register's time zone, YYYY-MM-DD, or epoch seconds";

/// The register's time zone, set once per command by `Ctx` (config, then the
/// register, then the system). Every wall-clock reading and every time shown
/// to a person goes through it, so that a register kept in Beijing reads the
/// same on a server whose `TZ` is UTC.
static ZONE: RwLock<Option<Tz>> = RwLock::new(None);

/// The zone wall-clock times are read and shown in.
pub fn zone() -> Tz {
    match ZONE.read() {
        Ok(z) => z.unwrap_or_else(system_zone),
        Err(_) => system_zone(),
    }
}

pub fn set_zone(tz: Tz) {
    if let Ok(mut z) = ZONE.write() {
        *z = Some(tz);
    }
}

/// Parses an IANA zone name such as `Asia/Shanghai`.
pub fn parse_zone(field: &str, value: &str) -> Result<Tz> {
    match value.trim().parse::<Tz>() {
        Ok(tz) => Ok(tz),
        Err(_) => bail!(
            "{}",
            crate::i18n::current().msg("zone.unknown", &[&field, &format!("{value:?}")])
        ),
    }
}

/// The machine's zone: `TZ` when it names an IANA zone, else the system's
/// setting (/etc/localtime), else UTC.
pub fn system_zone() -> Tz {
    if let Ok(tz) = std::env::var("TZ")
        && let Ok(z) = tz.trim_start_matches(':').parse::<Tz>()
    {
        return z;
    }
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|n| n.parse::<Tz>().ok())
        .unwrap_or(Tz::UTC)
}

/// An instant as a person reads it: in the register's zone, to the minute,
/// as Chinese offices write it (`2026-12-01 15:08`).
pub fn show_instant(t: DateTime<Utc>) -> String {
    t.with_timezone(&zone())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// An instant for scripts: RFC 3339 with the register zone's offset, so that
/// nothing is lost and the local reading is visible (`Z` in UTC).
pub fn rfc3339_local(t: DateTime<Utc>) -> String {
    t.with_timezone(&zone())
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The calendar day an instant falls on in the register's zone.
pub fn local_date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&zone()).date_naive()
}

/// Whether text is an instant exactly as the register stores it
/// ([`format_instant`]): `YYYY-MM-DDTHH:MM:SSZ`.
pub fn stored_instant(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    if b.len() != 20 || b[10] != b'T' || b[19] != b'Z' || b[4] != b'-' || b[13] != b':' {
        return None;
    }
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Parses a calendar date written `YYYY-MM-DD`.
pub fn parse_date(field: &str, value: &str) -> Result<NaiveDate> {
    let v = value.trim();
    match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        // chrono accepts a one-digit month or day; the register stores only the
        // canonical form, so anything else is refused rather than silently rewritten.
        Ok(d) if d.format("%Y-%m-%d").to_string() == v => Ok(d),
        _ => bail!("{field}: {value:?} is not a date; expected {DATE_FORMS}"),
    }
}

/// Parses a point in time. Wall-clock forms are read in the register's time
/// zone, as an officer would type them.
pub fn parse_instant(field: &str, value: &str) -> Result<DateTime<Utc>> {
    let v = value.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Ok(t.with_timezone(&Utc));
    }
    // Epoch seconds have at least nine digits for any date after 1973; a
    // shorter run of digits is more likely a mistyped date (20261128).
    if v.len() >= 9
        && v.bytes().all(|b| b.is_ascii_digit())
        && let Ok(secs) = v.parse::<i64>()
        && let Some(t) = DateTime::from_timestamp(secs, 0)
    {
        return Ok(t);
    }
    for form in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(v, form) {
            return local_to_utc(field, value, naive);
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        return local_to_utc(field, value, d.and_time(NaiveTime::MIN));
    }
    bail!("{field}: {value:?} is not a date and time; expected {INSTANT_FORMS}")
}

/// Interprets a wall-clock time in the register's zone. In a DST gap there
/// is no such time; in an overlap the earlier reading is taken.
pub fn local_to_utc(field: &str, value: &str, naive: NaiveDateTime) -> Result<DateTime<Utc>> {
    let tz = zone();
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Ok(t.with_timezone(&Utc)),
        LocalResult::None => bail!("{field}: {value:?} does not exist in the time zone {tz}"),
    }
}

/// Formats an instant the way the register stores it: RFC 3339, UTC, seconds.
pub fn format_instant(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Reads an instant stored by [`format_instant`].
pub fn read_instant(stored: &str) -> Result<DateTime<Utc>> {
    match DateTime::parse_from_rfc3339(stored) {
        Ok(t) => Ok(t.with_timezone(&Utc)),
        Err(_) => bail!("the register holds a malformed time {stored:?}"),
    }
}

/// The clock every command reads. `as_of` is the date that checks and reports
/// evaluate against and the default date of new records; `now` is the instant
/// they compare ages with. The audit trail never uses it: it always stores the
/// real time, so `--as-of` cannot be used to backdate the record of who did what.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub as_of: NaiveDate,
    pub now: DateTime<Utc>,
}

impl Clock {
    pub fn real() -> Clock {
        let now = Utc::now();
        Clock {
            as_of: local_date(now),
            now,
        }
    }

    /// `--as-of` takes a date or a date and time. A date alone stands for the
    /// end of that day (23:59:59 local): everything recorded that day is before
    /// it, as in a report drawn up at close of business.
    pub fn as_of(value: &str) -> Result<Clock> {
        let v = value.trim();
        if let Ok(d) = parse_date("--as-of", v) {
            let end = d.and_hms_opt(23, 59, 59).expect("valid time");
            let now = local_to_utc("--as-of", value, end)?;
            return Ok(Clock { as_of: d, now });
        }
        let now = parse_instant("--as-of", v)?;
        Ok(Clock {
            as_of: local_date(now),
            now,
        })
    }
}

/// A calendar interval such as `7d`, `2w`, `1q`, `6mo` or `1y`. Months,
/// quarters and years are calendar units (a quarterly duty done on 31 January is
/// next due on 30 April), so they are kept apart from fixed lengths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    Seconds(i64),
    Months(u32),
}

pub const INTERVAL_FORMS: &str = "a number and a unit: 30m, 2h, 7d, 2w, 6mo, 1q or 1y (m=minutes, h=hours, d=days, w=weeks, mo=months, q=quarters, y=years)";

impl Interval {
    pub fn parse(field: &str, value: &str) -> Result<Interval> {
        let v = value.trim();
        let split = v.find(|c: char| !c.is_ascii_digit()).unwrap_or(v.len());
        let (num, unit) = v.split_at(split);
        // Bounded so that no arithmetic on it can overflow: a century of
        // any unit is more than any rule of the regulation asks for.
        let n: u32 = match num.parse() {
            Ok(n) if n > 0 => n,
            _ => bail!("{field}: {value:?} is not an interval; expected {INTERVAL_FORMS}"),
        };
        let limit = match unit {
            "s" => 3_155_760_000,
            "m" | "min" => 52_596_000,
            "h" => 876_600,
            "d" => 36_525,
            "w" => 5_218,
            "mo" => 1_200,
            "q" => 400,
            _ => 100,
        };
        if n > limit {
            bail!("{field}: {value:?} is longer than a century; intervals are at most 100 years");
        }
        let n64 = i64::from(n);
        Ok(match unit {
            "s" => Interval::Seconds(n64),
            "m" | "min" => Interval::Seconds(n64 * 60),
            "h" => Interval::Seconds(n64 * 3600),
            "d" => Interval::Seconds(n64 * 86_400),
            "w" => Interval::Seconds(n64 * 7 * 86_400),
            "mo" => Interval::Months(n),
            "q" => Interval::Months(n * 3),
            "y" => Interval::Months(n * 12),
            _ => bail!("{field}: {value:?} is not an interval; expected {INTERVAL_FORMS}"),
        })
    }

    /// The date one interval after `from`.
    pub fn after_date(self, from: NaiveDate) -> NaiveDate {
        match self {
            Interval::Seconds(s) => from + Days::new((s / 86_400).max(1) as u64),
            Interval::Months(m) => from + Months::new(m),
        }
    }

    /// The instant one interval before `t`. Months are counted on the local
    /// calendar ("a month before 1 March 07:00" is 1 February 07:00 local),
    /// not in UTC, which would be off by the zone's offset at month ends.
    pub fn before(self, t: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            Interval::Seconds(s) => t - chrono::Duration::seconds(s),
            Interval::Months(m) => {
                let tz = zone();
                let local = t.with_timezone(&tz).naive_local() - Months::new(m);
                match tz.from_local_datetime(&local) {
                    LocalResult::Single(x) | LocalResult::Ambiguous(x, _) => x.with_timezone(&Utc),
                    // In a DST gap: the same wall time an hour later exists.
                    LocalResult::None => t - Months::new(m),
                }
            }
        }
    }
}

impl Interval {
    /// The interval in Chinese words, as a finding says it: `2w` is 2 周,
    /// `1q` 1 个季度, `6mo` 6 个月.
    pub fn zh(self) -> String {
        match self {
            Interval::Months(m) if m % 12 == 0 => format!("{} 年", m / 12),
            Interval::Months(3) => "1 个季度".to_string(),
            Interval::Months(m) => format!("{m} 个月"),
            Interval::Seconds(s) if s % (7 * 86_400) == 0 => format!("{} 周", s / (7 * 86_400)),
            Interval::Seconds(s) if s % 86_400 == 0 => format!("{} 天", s / 86_400),
            Interval::Seconds(s) if s % 3600 == 0 => format!("{} 小时", s / 3600),
            Interval::Seconds(s) if s % 60 == 0 => format!("{} 分钟", s / 60),
            Interval::Seconds(s) => format!("{s} 秒"),
        }
    }
}

impl Interval {
    /// How often, as a rule says it in Chinese: `1d` is 每天, `2w` 每两周,
    /// `1q` 每季度, `90d` 每 90 天.
    pub fn every_zh(self) -> String {
        match self {
            Interval::Seconds(3600) => "每小时".to_string(),
            Interval::Seconds(86_400) => "每天".to_string(),
            Interval::Seconds(604_800) => "每周".to_string(),
            Interval::Seconds(1_209_600) => "每两周".to_string(),
            Interval::Months(1) => "每月".to_string(),
            Interval::Months(3) => "每季度".to_string(),
            Interval::Months(6) => "每半年".to_string(),
            Interval::Months(12) => "每年".to_string(),
            other => format!("每 {}", other.zh()),
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Interval::Months(m) if m % 12 == 0 => write!(f, "{}y", m / 12),
            Interval::Months(3) => write!(f, "1q"),
            Interval::Months(m) => write!(f, "{m}mo"),
            Interval::Seconds(s) if s % (7 * 86_400) == 0 => write!(f, "{}w", s / (7 * 86_400)),
            Interval::Seconds(s) if s % 86_400 == 0 => write!(f, "{}d", s / 86_400),
            Interval::Seconds(s) if s % 3600 == 0 => write!(f, "{}h", s / 3600),
            Interval::Seconds(s) if s % 60 == 0 => write!(f, "{}m", s / 60),
            Interval::Seconds(s) => write!(f, "{s}s"),
        }
    }
}

/// A calendar quarter, written `2026Q4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    pub q: u32,
}

impl Quarter {
    pub fn parse(field: &str, value: &str) -> Result<Quarter> {
        let v = value.trim().to_ascii_uppercase();
        if let Some((y, q)) = v.split_once('Q')
            && y.len() == 4
            && y.bytes().all(|b| b.is_ascii_digit())
            && q.len() == 1
            && let (Ok(year), Ok(q)) = (y.parse::<i32>(), q.parse::<u32>())
            && (1..=4).contains(&q)
        {
            return Ok(Quarter { year, q });
        }
        bail!("{field}: {value:?} is not a quarter; expected YYYYQn, e.g. 2026Q4")
    }

    pub fn containing(d: NaiveDate) -> Quarter {
        Quarter {
            year: d.year(),
            q: (d.month() - 1) / 3 + 1,
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, (self.q - 1) * 3 + 1, 1).expect("valid quarter")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("valid date")
    }

    pub fn contains(self, d: NaiveDate) -> bool {
        Quarter::containing(d) == self
    }

    pub fn next(self) -> Quarter {
        if self.q == 4 {
            Quarter {
                year: self.year + 1,
                q: 1,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q + 1,
            }
        }
    }

    pub fn prev(self) -> Quarter {
        if self.q == 1 {
            Quarter {
                year: self.year - 1,
                q: 4,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q - 1,
            }
        }
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Q{}", self.year, self.q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_canonical() {
        assert!(parse_date("--date", "2026-11-28").is_ok());
        let e = parse_date("--date", "2026-2-3").unwrap_err().to_string();
        assert_eq!(e, "--date: \"2026-2-3\" is not a date; expected YYYY-MM-DD");
        assert!(parse_date("--date", "2026-02-30").is_err());
    }

    #[test]
    fn instants_in_every_form() {
        let t = parse_instant("--at", "2026-11-28T02:00:00+08:00").unwrap();
        assert_eq!(format_instant(t), "2026-11-27T18:00:00Z");
        let t = parse_instant("--at", "1764288000").unwrap();
        assert_eq!(format_instant(t), "2025-11-28T00:00:00Z");
        assert!(parse_instant("--at", "yesterday").is_err());
        assert!(
            parse_instant("--at", "20261128").is_err(),
            "a date without dashes is no epoch"
        );
    }

    #[test]
    fn intervals() {
        assert_eq!(
            Interval::parse("x", "7d").unwrap(),
            Interval::Seconds(7 * 86_400)
        );
        assert_eq!(Interval::parse("x", "1q").unwrap(), Interval::Months(3));
        assert_eq!(Interval::parse("x", "6mo").unwrap().to_string(), "6mo");
        assert_eq!(Interval::parse("x", "2w").unwrap().to_string(), "2w");
        let zh = |v| Interval::parse("x", v).unwrap().zh();
        assert_eq!(
            [zh("2w"), zh("90d"), zh("1q"), zh("6mo"), zh("1y"), zh("2h")],
            ["2 周", "90 天", "1 个季度", "6 个月", "1 年", "2 小时"]
        );
        let every = |v| Interval::parse("x", v).unwrap().every_zh();
        assert_eq!(
            [
                every("1d"),
                every("2w"),
                every("1q"),
                every("90d"),
                every("1y")
            ],
            ["每天", "每两周", "每季度", "每 90 天", "每年"]
        );
        assert!(Interval::parse("x", "0d").is_err());
        assert!(Interval::parse("x", "100y").is_ok());
        let e = Interval::parse("x", "2000000000q").unwrap_err().to_string();
        assert!(e.contains("longer than a century"), "{e}");
        assert!(Interval::parse("x", "300000y").is_err());
        assert!(Interval::parse("x", "7").is_err());
        let jan31 = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        assert_eq!(
            Interval::Months(3).after_date(jan31).to_string(),
            "2026-04-30"
        );
    }

    #[test]
    fn quarters() {
        let q = Quarter::parse("--quarter", "2026q4").unwrap();
        assert_eq!(q.to_string(), "2026Q4");
        assert_eq!(q.first_day().to_string(), "2026-10-01");
        assert_eq!(q.last_day().to_string(), "2026-12-31");
        assert_eq!(q.next().to_string(), "2027Q1");
        assert_eq!(q.prev().prev().prev().prev().to_string(), "2025Q4");
        assert!(Quarter::parse("--quarter", "2026Q5").is_err());
    }
}
