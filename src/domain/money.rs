//! Money is held in fen (1/100 yuan) as an integer, so that totals of
//! thousands of prices and charges add up exactly.

use std::sync::atomic::{AtomicI64, Ordering};

use anyhow::{Result, bail};

/// The default bound on one amount: 100 million yuan, above any price, cost
/// or budget an organisation's IT office records, and far enough below
/// i64 that a report's totals of millions of such amounts cannot overflow.
pub const DEFAULT_MAX_YUAN: i64 = 100_000_000;

/// The highest bound the config may set (a trillion yuan).
pub const LIMIT_YUAN: i64 = 1_000_000_000_000;

/// The bound in force, in fen: set once from the config (`money.max_amount`)
/// when a command starts, so every parse of an amount honours it.
static MAX_FEN: AtomicI64 = AtomicI64::new(DEFAULT_MAX_YUAN * 100);

pub fn set_max_yuan(yuan: i64) {
    MAX_FEN.store(yuan.clamp(1, LIMIT_YUAN) * 100, Ordering::Relaxed);
}

/// The largest amount accepted, in fen.
pub fn max_fen() -> i64 {
    MAX_FEN.load(Ordering::Relaxed)
}

/// Parses `4999`, `4999.5` or `4999.50` (yuan) into fen. Negative amounts and
/// more than two decimals are refused: a price is never negative, and a third
/// decimal would be silently lost.
pub fn parse_money(field: &str, value: &str) -> Result<i64> {
    let total = parse_unbounded(field, value)?;
    if total > max_fen() {
        bail!(
            "{field}: {value:?} is more than the largest amount accepted, {} yuan (money.max_amount in the config)",
            format_money(max_fen())
        );
    }
    Ok(total)
}

/// An amount whose caller applies a tighter bound of its own (and names it).
pub fn parse_unbounded(field: &str, value: &str) -> Result<i64> {
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
    match yuan.checked_mul(100).and_then(|y| y.checked_add(fen)) {
        Some(t) => Ok(t),
        None => bail!(
            "{field}: {value:?} is more than the largest amount accepted, {} yuan (money.max_amount in the config)",
            format_money(max_fen())
        ),
    }
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
        assert_eq!(parse_money("--price", "100000000").unwrap(), 10_000_000_000);
        let e = parse_money("--price", "100000000.01")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("largest amount accepted, 100000000.00 yuan"),
            "{e}"
        );
        let e = parse_money("--price", "92233720368547758.07")
            .unwrap_err()
            .to_string();
        assert!(e.contains("largest amount"), "{e}");
    }

    /// A property test over arbitrary text (a deterministic generator, so a
    /// failure reproduces): parsing never panics, whatever it accepts is
    /// within the bound and formats back to itself.
    #[test]
    fn any_text_parses_within_bounds_or_is_refused() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let alphabet: Vec<char> = "0123456789.,-+ e９０１\u{0}\u{1b}".chars().collect();
        for _ in 0..20_000 {
            let len = (next() % 24) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            if let Ok(fen) = parse_money("--price", &text) {
                assert!((0..=max_fen()).contains(&fen), "{text:?} -> {fen}");
                assert_eq!(parse_money("--price", &format_money(fen)).unwrap(), fen);
            }
        }
        for fen in [0, 1, 99, 100, max_fen() - 1, max_fen()] {
            assert_eq!(parse_money("--price", &format_money(fen)).unwrap(), fen);
        }
        assert!(parse_money("--price", &format_money(max_fen() + 1)).is_err());
    }
}
