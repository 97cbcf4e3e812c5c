//! Service life (使用年限) and warranty (保修期至) of an asset: how they are
//! written, the default life of each kind, and when an asset is past its
//! life or its warranty is about to end. No SQL here.

use anyhow::{Result, bail};
use chrono::{Days, Months, NaiveDate};

/// The forms a service life may be written in, for error messages.
pub const LIFE_FORMS: &str =
    "years such as 6y, 6 or 6年, or months such as 18mo or 18个月 (at most 100 years)";

/// Reads a service life into months. A bare number is years, as the
/// 使用年限 column of a Chinese asset ledger gives it.
pub fn parse_service_life(field: &str, value: &str) -> Result<u32> {
    let v = value.trim();
    let bad = || anyhow::anyhow!("{field}: {value:?} is not a service life; expected {LIFE_FORMS}");
    let split = v.find(|c: char| !c.is_ascii_digit()).unwrap_or(v.len());
    let (num, unit) = v.split_at(split);
    let n: u32 = num.parse().map_err(|_| bad())?;
    let months = match unit.trim() {
        "" | "y" | "年" => n.checked_mul(12).ok_or_else(bad)?,
        "mo" | "个月" | "月" => n,
        _ => return Err(bad()),
    };
    if months == 0 || months > 1200 {
        return Err(bad());
    }
    Ok(months)
}

/// A life as infogov writes it: whole years as `6y`, else months `18mo`.
pub fn format_service_life(months: u32) -> String {
    if months.is_multiple_of(12) {
        format!("{}y", months / 12)
    } else {
        format!("{months}mo")
    }
}

/// The built-in service life of each default kind, in months, from the
/// depreciation table of the government accounting standard for fixed
/// assets (《政府会计准则第3号——固定资产》应用指南, 财会〔2017〕4号, 附
/// 《政府固定资产折旧（摊销）年限表》): computer equipment (computers,
/// network and security devices, terminals, storage) 6 years; office
/// equipment (printers, copiers, projectors, multi-function devices) 6
/// years; communication equipment 5 years. Software is an intangible asset
/// (amortised, not depreciated) and `other` has no one life: neither has a
/// default. docs/depreciation.md cites the table.
pub fn default_service_life(kind: &str) -> Option<u32> {
    match kind {
        "desktop" | "laptop" | "server" | "switch" | "router" | "firewall" | "storage"
        | "monitor" => Some(72),
        "printer" | "peripheral" => Some(72),
        "mobile" => Some(60),
        _ => None,
    }
}

/// The last day of an asset's service life: acquired plus its life.
pub fn end_of_life(acquired: NaiveDate, months: u32) -> NaiveDate {
    acquired
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// How many days before its end a warranty is reported.
pub const WARRANTY_NOTICE_DAYS: u64 = 30;

/// Whether a warranty ends within the notice period after `as_of` (and has
/// not already ended).
pub fn warranty_ending(until: NaiveDate, as_of: NaiveDate) -> bool {
    until >= as_of && until <= as_of + Days::new(WARRANTY_NOTICE_DAYS)
}

/// Reads a rate such as `5%`, `0.05` or `0` into basis points (1/100 of a
/// percent), so that the residual value is computed in integers.
pub fn parse_rate(field: &str, value: &str) -> Result<u32> {
    let v = value.trim();
    let bad = || {
        anyhow::anyhow!(
            "{field}: {value:?} is not a rate; expected a percentage from 0% to 100% such as 5% or 0.05"
        )
    };
    let (digits, scale) = match v.strip_suffix('%') {
        Some(p) => (p.trim(), 100u64),
        None => (v, 10_000u64),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 4
    {
        return Err(bad());
    }
    let int: u64 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| bad())?
    };
    let frac_val: u64 = if frac.is_empty() {
        0
    } else {
        frac.parse::<u64>().map_err(|_| bad())?
    };
    // value = int + frac / 10^len; in basis points: value * scale.
    let den = 10u64.pow(frac.len() as u32);
    let num = int
        .checked_mul(den)
        .and_then(|x| x.checked_add(frac_val))
        .and_then(|x| x.checked_mul(scale))
        .ok_or_else(bad)?;
    if !num.is_multiple_of(den) {
        bail!("{field}: {value:?} is finer than 0.01%");
    }
    let bp = num / den;
    if bp > 10_000 {
        return Err(bad());
    }
    Ok(bp as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lives_in_years_and_months() {
        assert_eq!(parse_service_life("x", "6y").unwrap(), 72);
        assert_eq!(parse_service_life("x", "6").unwrap(), 72);
        assert_eq!(parse_service_life("x", "6年").unwrap(), 72);
        assert_eq!(parse_service_life("x", "18mo").unwrap(), 18);
        assert_eq!(parse_service_life("x", "18个月").unwrap(), 18);
        for bad in ["0", "0y", "-1", "-1y", "", "y", "6w", "101y", "99999999999"] {
            let e = parse_service_life("--service-life", bad)
                .unwrap_err()
                .to_string();
            assert!(e.starts_with("--service-life: "), "{e}");
            assert!(e.contains("is not a service life"), "{e}");
        }
        assert_eq!(format_service_life(72), "6y");
        assert_eq!(format_service_life(18), "18mo");
    }

    #[test]
    fn warranty_notice_is_thirty_days() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(warranty_ending(d("2026-12-28"), d("2026-11-28")));
        assert!(!warranty_ending(d("2026-12-29"), d("2026-11-28")));
        assert!(warranty_ending(d("2026-11-28"), d("2026-11-28")));
        assert!(!warranty_ending(d("2026-11-27"), d("2026-11-28")));
        assert_eq!(end_of_life(d("2020-01-31"), 1), d("2020-02-29"));
    }

    #[test]
    fn rates() {
        assert_eq!(parse_rate("r", "5%").unwrap(), 500);
        assert_eq!(parse_rate("r", "0.05").unwrap(), 500);
        assert_eq!(parse_rate("r", "0").unwrap(), 0);
        assert_eq!(parse_rate("r", "3.5%").unwrap(), 350);
        assert_eq!(parse_rate("r", "100%").unwrap(), 10_000);
        for bad in ["-5%", "101%", "x", "5%%", "", "1.5"] {
            assert!(parse_rate("r", bad).is_err(), "{bad}");
        }
    }
}
