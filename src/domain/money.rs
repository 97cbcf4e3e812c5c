//! Money is held in fen (1/100 yuan) as an integer, so that totals of
//! thousands of prices and charges add up exactly.

use anyhow::{Result, bail};

/// Parses `4999`, `4999.5` or `4999.50` (yuan) into fen. Negative amounts and
/// more than two decimals are refused: a price is never negative, and a third
/// decimal would be silently lost.
pub fn parse_money(field: &str, value: &str) -> Result<i64> {
    let v = value.trim().replace(',', "");
    let bad =
        || anyhow::anyhow!("{field}: {value:?} is not an amount; expected e.g. 4999 or 4999.50");
    let (whole, frac) = match v.split_once('.') {
        Some((w, f)) => (w, f),
        None => (v.as_str(), ""),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        if whole.starts_with('-') {
            bail!("{field}: {value:?} is negative; amounts are zero or more");
        }
        return Err(bad());
    }
    if frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let yuan: i64 = whole.parse().map_err(|_| bad())?;
    let mut fen: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().map_err(|_| bad())?
    };
    if frac.len() == 1 {
        fen *= 10;
    }
    yuan.checked_mul(100)
        .and_then(|y| y.checked_add(fen))
        .ok_or_else(bad)
}

/// Formats fen as yuan with two decimals.
pub fn format_money(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let a = fen.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_format() {
        assert_eq!(parse_money("--price", "4999").unwrap(), 499_900);
        assert_eq!(parse_money("--price", "4999.5").unwrap(), 499_950);
        assert_eq!(parse_money("--price", "1,299.05").unwrap(), 129_905);
        assert_eq!(format_money(499_950), "4999.50");
        assert_eq!(format_money(-5), "-0.05");
        assert!(parse_money("--price", "1.234").is_err());
        assert!(parse_money("--price", "abc").is_err());
        let e = parse_money("--price", "-3").unwrap_err().to_string();
        assert!(e.contains("negative"), "{e}");
    }
}
