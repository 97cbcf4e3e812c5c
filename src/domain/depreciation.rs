//! Depreciation (折旧) by the straight-line method (年限平均法), as the
//! accounting standards have it: the original value less the residual value
//! is spread evenly over the service life in months; the charge starts the
//! month after the asset is acquired and is still taken in the month it
//! leaves the books (当月增加的固定资产当月不提折旧，从下月起计提；当月减少的
//! 固定资产当月照提折旧，从下月起不提折旧). Amounts are integers in fen. No SQL.
//!
//! Rounding: the accumulated depreciation after k months is the depreciable
//! base times k / life, rounded half up to the fen, and a month's charge is
//! the difference of two such amounts. So the charges of every month add up
//! to the base exactly (the last month takes the odd fen), and a total of
//! many assets is exactly the sum of its rows.

use chrono::{Datelike, NaiveDate};

/// What the depreciation of one asset rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Basis {
    /// Original value (原值), in fen.
    pub price: i64,
    /// When it was acquired (the purchase date).
    pub acquired: NaiveDate,
    /// Service life in months.
    pub life: u32,
    /// Residual rate in basis points (500 = 5%).
    pub residual_rate: u32,
    /// When it left the books (written off), if it has.
    pub disposed: Option<NaiveDate>,
}

/// The figures of one asset as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Figures {
    pub original: i64,
    pub residual: i64,
    /// The charge for the month of the day asked about (本月折旧额).
    pub monthly: i64,
    /// Accumulated depreciation (累计折旧) through that month.
    pub accumulated: i64,
    /// Net book value (净值): original less accumulated.
    pub net: i64,
    /// Months charged so far, at most the life.
    pub months: u32,
}

/// Months since year 0, so that months compare and subtract as integers.
fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

/// `a * b / c` rounded half up, for non-negative values, without overflow.
fn mul_div_round(a: i64, b: i64, c: i64) -> i64 {
    let (a, b, c) = (i128::from(a), i128::from(b), i128::from(c));
    ((2 * a * b + c) / (2 * c)) as i64
}

/// The months charged from the month after acquisition through the month of
/// `as_of`, or through the disposal month if earlier; not capped by the life.
pub fn months_charged(acquired: NaiveDate, disposed: Option<NaiveDate>, as_of: NaiveDate) -> i64 {
    let first = month_index(acquired) + 1;
    let mut last = month_index(as_of);
    if let Some(d) = disposed {
        last = last.min(month_index(d));
    }
    (last - first + 1).max(0)
}

/// Depreciation of one asset as of a day.
pub fn depreciate(b: &Basis, as_of: NaiveDate) -> Figures {
    let price = b.price.max(0);
    let residual = mul_div_round(price, i64::from(b.residual_rate.min(10_000)), 10_000);
    let base = price - residual;
    let life = i64::from(b.life.max(1));
    let n = months_charged(b.acquired, b.disposed, as_of);
    let accumulated_after = |k: i64| mul_div_round(base, k.clamp(0, life), life);
    let accumulated = accumulated_after(n);
    // This month is charged if it is one of the months counted (not after
    // the disposal month) and still within the life.
    let charged_now = n >= 1
        && n <= life
        && b.disposed
            .is_none_or(|d| month_index(as_of) <= month_index(d));
    let monthly = if charged_now {
        accumulated - accumulated_after(n - 1)
    } else {
        0
    };
    Figures {
        original: price,
        residual,
        monthly,
        accumulated,
        net: price - accumulated,
        months: n.clamp(0, life) as u32,
    }
}

/// The standard monthly amount (月折旧额) a person computes by hand:
/// (original - residual) / life, rounded half up.
pub fn standard_monthly(price: i64, residual_rate: u32, life: u32) -> i64 {
    let residual = mul_div_round(price, i64::from(residual_rate.min(10_000)), 10_000);
    mul_div_round(price - residual, 1, i64::from(life.max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// 7,200.00 yuan over 6 years (72 months), no residual: 100.00 a month.
    fn pc(acquired: &str) -> Basis {
        Basis {
            price: 720_000,
            acquired: d(acquired),
            life: 72,
            residual_rate: 0,
            disposed: None,
        }
    }

    #[test]
    fn nothing_is_charged_in_the_month_of_acquisition() {
        // 当月增加当月不提: bought on the 1st or the 31st, January is not charged.
        for bought in ["2026-01-01", "2026-01-31"] {
            let f = depreciate(&pc(bought), d("2026-01-31"));
            assert_eq!(
                (f.monthly, f.accumulated, f.net),
                (0, 0, 720_000),
                "{bought}"
            );
            // February is the first month charged, from its first day.
            let f = depreciate(&pc(bought), d("2026-02-01"));
            assert_eq!((f.monthly, f.accumulated, f.months), (10_000, 10_000, 1));
            let f = depreciate(&pc(bought), d("2026-02-28"));
            assert_eq!((f.monthly, f.accumulated, f.net), (10_000, 10_000, 710_000));
        }
        // Bought on 1 February: February itself is not charged.
        let f = depreciate(&pc("2026-02-01"), d("2026-02-28"));
        assert_eq!(f.accumulated, 0);
        // Not yet acquired on the day asked about.
        let f = depreciate(&pc("2026-03-10"), d("2026-02-28"));
        assert_eq!((f.monthly, f.accumulated, f.net), (0, 0, 720_000));
    }

    #[test]
    fn the_month_of_disposal_is_still_charged() {
        // Bought 15 Dec 2025, written off 15 Mar 2026: January, February and
        // March are charged (当月减少当月照提), April on is not.
        let b = Basis {
            disposed: Some(d("2026-03-15")),
            ..pc("2025-12-15")
        };
        let f = depreciate(&b, d("2026-03-20"));
        assert_eq!((f.monthly, f.accumulated, f.months), (10_000, 30_000, 3));
        let f = depreciate(&b, d("2026-03-01"));
        assert_eq!(f.monthly, 10_000);
        let f = depreciate(&b, d("2026-06-30"));
        assert_eq!((f.monthly, f.accumulated, f.net), (0, 30_000, 690_000));
    }

    #[test]
    fn a_fully_depreciated_asset_keeps_its_residual_value() {
        // 5,999.00 yuan, 5% residual (299.95), 72 months from July 2019:
        // the last month charged is June 2025.
        let b = Basis {
            price: 599_900,
            residual_rate: 500,
            ..pc("2019-06-10")
        };
        let base = 599_900 - 29_995;
        assert_eq!(standard_monthly(599_900, 500, 72), 7_915); // 5699.05 / 72 = 79.153
        let last = depreciate(&b, d("2025-06-30"));
        assert_eq!((last.accumulated, last.months), (base, 72));
        assert_eq!(last.monthly, base - mul_div_round(base, 71, 72));
        let after = depreciate(&b, d("2026-11-28"));
        assert_eq!(
            (after.monthly, after.accumulated, after.net, after.months),
            (0, base, 29_995, 72)
        );
        let before_last = depreciate(&b, d("2025-05-31"));
        assert_eq!(before_last.months, 71);
    }

    #[test]
    fn monthly_charges_add_up_to_the_base_to_the_fen() {
        // 1,000.00 over 36 months: 27.777... a month. Charges are 27.78 or
        // 27.77 and their sum is exactly 1,000.00.
        let b = Basis {
            price: 100_000,
            life: 36,
            ..pc("2026-01-20")
        };
        let mut sum = 0;
        let mut day = d("2026-02-28");
        let mut seen = Vec::new();
        for _ in 0..40 {
            let f = depreciate(&b, day);
            sum += f.monthly;
            assert_eq!(f.accumulated, sum, "as of {day}");
            assert_eq!(f.net, 100_000 - f.accumulated);
            seen.push(f.monthly);
            day = day.checked_add_months(chrono::Months::new(1)).unwrap();
        }
        assert_eq!(sum, 100_000);
        assert!(seen[..36].iter().all(|m| *m == 2_778 || *m == 2_777));
        assert!(seen[36..].iter().all(|m| *m == 0));
    }

    #[test]
    fn a_residual_of_everything_leaves_nothing_to_charge() {
        let b = Basis {
            residual_rate: 10_000,
            ..pc("2020-01-01")
        };
        let f = depreciate(&b, d("2026-11-28"));
        assert_eq!((f.monthly, f.accumulated, f.net), (0, 0, 720_000));
    }
}
