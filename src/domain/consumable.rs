//! Consumables (CON-1..CON-6): quantities, quota suggestions and the
//! quarterly purchase plan 《耗材采购季度计划》, as plain arithmetic.
//!
//! The plan and the suggestions take plain inputs (usage per quarter, the
//! quotas in force) and return plain rows, so that they are tested without a
//! database and so that `consumable plan --submit` can file the plan's lines
//! as request lines ([`PlanLine::request_line`]).

use std::collections::{BTreeMap, HashMap};

use anyhow::{Result, bail};
use chrono::NaiveDate;

use super::time::Quarter;

/// Parses a quantity to receive or issue: a whole number above zero.
pub fn parse_qty(field: &str, value: &str) -> Result<i64> {
    match value.trim().parse::<i64>() {
        Ok(n) if n > 0 && n <= 1_000_000_000 => Ok(n),
        _ => bail!("{field}: {value:?} is not a quantity; expected a whole number above zero"),
    }
}

/// Parses a unit cost: money, at most a million yuan a unit, so that a
/// quantity times a cost can never overflow.
pub fn parse_unit_cost(field: &str, value: &str) -> Result<i64> {
    let fen = super::money::parse_unbounded(field, value)?;
    if fen > 100_000_000 {
        bail!("{field}: {value:?} is more than 1000000 yuan a unit");
    }
    Ok(fen)
}

/// Parses a stock-taking correction: a signed whole number, not zero
/// (`+3` found, `-2` missing).
pub fn parse_correction(field: &str, value: &str) -> Result<i64> {
    let v = value.trim();
    let digits = v.strip_prefix('+').unwrap_or(v);
    let signed_twice = v.starts_with('+') && digits.starts_with(['+', '-']);
    match digits.parse::<i64>() {
        _ if signed_twice => bail!(
            "{field}: {value:?} is not a correction; expected a whole number other than zero, e.g. +3 or -2"
        ),
        Ok(n) if n != 0 && n.abs() <= 1_000_000_000 => Ok(n),
        _ => bail!(
            "{field}: {value:?} is not a correction; expected a whole number other than zero, e.g. +3 or -2"
        ),
    }
}

/// Parses a reorder level or a quota: a whole number, zero or more.
pub fn parse_count(field: &str, value: &str) -> Result<i64> {
    match value.trim().parse::<i64>() {
        Ok(n) if (0..=1_000_000_000).contains(&n) => Ok(n),
        _ => bail!("{field}: {value:?} is not a quantity; expected a whole number, zero or more"),
    }
}

/// `a / b` rounded up, for `a >= 0`, `b > 0`.
fn ceil_div(a: i64, b: i64) -> i64 {
    (a + b - 1) / b
}

/// The four quarters before `q`, oldest first: Q-4 (the same quarter last
/// year) .. Q-1.
pub fn last_four(q: Quarter) -> [Quarter; 4] {
    let q1 = q.prev();
    let q2 = q1.prev();
    let q3 = q2.prev();
    let q4 = q3.prev();
    [q4, q3, q2, q1]
}

/// Used quantities keyed by (item or category, department, quarter).
pub type Usage<K> = HashMap<(K, i64, Quarter), i64>;

/// One proposed quota (CON-3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub dept_id: i64,
    pub category: String,
    /// Use in each of the four quarters before the target, oldest first.
    pub by_quarter: [i64; 4],
    pub total: i64,
    pub suggested: i64,
}

/// Proposes a quota for quarter `q` for every department and category used
/// in the four quarters before it: the quarterly average plus `headroom`
/// percent, rounded up to a whole unit.
pub fn suggest(q: Quarter, usage: &Usage<String>, headroom: i64) -> Vec<Suggestion> {
    let quarters = last_four(q);
    let mut acc: BTreeMap<(i64, String), [i64; 4]> = BTreeMap::new();
    for ((category, dept, uq), used) in usage {
        if let Some(i) = quarters.iter().position(|x| x == uq) {
            acc.entry((*dept, category.clone())).or_default()[i] += used;
        }
    }
    acc.into_iter()
        .filter_map(|((dept_id, category), by_quarter)| {
            let total: i64 = by_quarter.iter().sum();
            (total > 0).then(|| Suggestion {
                dept_id,
                category,
                by_quarter,
                total,
                suggested: ceil_div(total * (100 + headroom), 400),
            })
        })
        .collect()
}

/// What the plan needs to know of an item.
#[derive(Debug, Clone)]
pub struct PlanItem {
    pub id: i64,
    pub sku: String,
    pub name: String,
    pub category: String,
    pub unit: String,
    pub reorder_level: i64,
    /// On hand on the day the plan is drawn up.
    pub stock: i64,
    /// The unit cost of the latest receipt that had one.
    pub last_unit_cost: Option<i64>,
    /// The date of the item's first movement: quarters that ended before it
    /// are not averaged in (the item was not stocked then).
    pub first_movement: Option<NaiveDate>,
}

/// One line of the 《耗材采购季度计划》.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLine {
    pub sku: String,
    pub name: String,
    pub category: String,
    pub unit: String,
    /// Issued in the same quarter last year, all departments.
    pub last_year: i64,
    /// Issued in the four quarters before Q, all departments.
    pub last_4q: i64,
    /// The forecast need for Q, bounded by the departments' quotas.
    pub need: i64,
    pub stock: i64,
    pub reorder_level: i64,
    /// need + reorder level - stock, never negative.
    pub buy: i64,
    pub unit_cost: Option<i64>,
    /// buy x unit cost, when a cost is known.
    pub cost: Option<i64>,
    /// Where the need comes from, department by department: its use, its
    /// stated need, and a cut to its quota; then the stock and reorder level.
    pub source: String,
}

/// The departments' stated needs for the target quarter, (item id, dept id)
/// -> qty, and the names of the departments for the plan's `source`.
#[derive(Debug, Clone, Default)]
pub struct Stated {
    pub needs: BTreeMap<(i64, i64), i64>,
    pub dept_names: HashMap<i64, String>,
}

/// How one department's share of an item's need came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Basis {
    /// Forecast from its use.
    Use,
    /// Stated by the department (`consumable need`): it replaces the forecast.
    Stated,
}

/// A plan line as a request line (description; qty; standard), for
/// `consumable plan --submit` to file as a `consumable-plan` request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLine {
    pub description: String,
    pub qty: i64,
    pub standard: String,
}

/// The title of the quarterly plan's request (《耗材采购季度计划》): how the
/// plan for a quarter is found again, by `plan --submit` and by the CON-2 check.
pub fn plan_title(q: super::time::Quarter) -> String {
    format!("{q} 耗材采购季度计划")
}

impl PlanLine {
    /// The request line for this item, or `None` when nothing is to be bought.
    pub fn request_line(&self) -> Option<RequestLine> {
        (self.buy > 0).then(|| RequestLine {
            description: format!("{} ({}, {})", self.name, self.sku, self.category),
            qty: self.buy,
            standard: match self.unit_cost {
                Some(c) => format!("{}; est. {} each", self.unit, super::money::format_money(c)),
                None => self.unit.clone(),
            },
        })
    }
}

/// One department's forecast of one item for the target quarter, before the
/// quota bound: `ceil((L + R) / 2)`, where L is its use in the same quarter
/// last year and R its average use over the last four quarters (only the
/// quarters since the item was first stocked); `ceil(R)` when the item was
/// not stocked a year ago; 0 when it has no history at all.
pub fn forecast(q: Quarter, by_quarter: &[i64; 4], first: Option<NaiveDate>) -> i64 {
    let quarters = last_four(q);
    let counted: Vec<usize> = (0..4)
        .filter(|&i| first.is_some_and(|f| quarters[i].last_day() >= f))
        .collect();
    let n = counted.len() as i64;
    if n == 0 {
        return 0;
    }
    let s: i64 = counted.iter().map(|&i| by_quarter[i]).sum();
    if counted[0] == 0 {
        // (L + S/n) / 2 = (n L + S) / 2n
        ceil_div(n * by_quarter[0] + s, 2 * n)
    } else {
        ceil_div(s, n)
    }
}

/// Shares `total` among `weights` in proportion, in whole units, by largest
/// remainder (ties to the earlier entry); used when forecasts exceed a quota.
pub fn apportion(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i64 = weights.iter().sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let mut shares: Vec<i64> = weights.iter().map(|w| w * total / sum).collect();
    let left = total - shares.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(weights[i] * total % sum));
    for &i in order.iter().take(left as usize) {
        shares[i] += 1;
    }
    shares
}

/// Draws up the plan for quarter `q`.
///
/// `usage` is what each department was issued of each item (keyed by item
/// id) per quarter; `quotas` the quota in force in `q` per (department,
/// category). Items come out in the order given.
pub fn plan(
    q: Quarter,
    items: &[PlanItem],
    usage: &Usage<i64>,
    quotas: &HashMap<(i64, String), i64>,
    stated: &Stated,
) -> Vec<PlanLine> {
    let quarters = last_four(q);
    // (item, dept) -> use per quarter of the last four
    let mut hist: BTreeMap<(i64, i64), [i64; 4]> = BTreeMap::new();
    for ((item, dept, uq), used) in usage {
        if let Some(i) = quarters.iter().position(|x| x == uq) {
            hist.entry((*item, *dept)).or_default()[i] += used;
        }
    }
    let by_id: HashMap<i64, &PlanItem> = items.iter().map(|i| (i.id, i)).collect();
    // (item, dept) -> (forecast or stated need, its basis); a stated need
    // replaces the forecast, since the department knows its coming quarter.
    let mut wanted: BTreeMap<(i64, i64), (i64, Basis)> = BTreeMap::new();
    for ((item, dept), h) in &hist {
        let Some(it) = by_id.get(item) else { continue };
        wanted.insert(
            (*item, *dept),
            (forecast(q, h, it.first_movement), Basis::Use),
        );
    }
    for (key, qty) in &stated.needs {
        if by_id.contains_key(&key.0) {
            wanted.insert(*key, (*qty, Basis::Stated));
        }
    }
    // (dept, category) -> [(item position, item id, wanted)]
    type Wants = Vec<(usize, i64, i64)>;
    let mut groups: BTreeMap<(i64, String), Wants> = BTreeMap::new();
    let pos: HashMap<i64, usize> = items.iter().enumerate().map(|(p, i)| (i.id, p)).collect();
    for ((item, dept), (w, _)) in &wanted {
        let it = by_id[item];
        groups
            .entry((*dept, it.category.clone()))
            .or_default()
            .push((pos[item], *item, *w));
    }
    let mut need = vec![0i64; items.len()];
    // (item, dept) -> the share granted, when the quota cut it
    let mut cut: HashMap<(i64, i64), i64> = HashMap::new();
    for ((dept, category), mut fs) in groups {
        fs.sort_by_key(|&(p, _, _)| p);
        let total: i64 = fs.iter().map(|(_, _, f)| f).sum();
        match quotas.get(&(dept, category)) {
            Some(&quota) if total > quota => {
                let weights: Vec<i64> = fs.iter().map(|(_, _, f)| *f).collect();
                for ((p, item, w), share) in fs.iter().zip(apportion(quota, &weights)) {
                    need[*p] += share;
                    if share < *w {
                        cut.insert((*item, dept), share);
                    }
                }
            }
            _ => {
                for (p, _, f) in fs {
                    need[p] += f;
                }
            }
        }
    }
    let name = |dept: i64| {
        stated
            .dept_names
            .get(&dept)
            .cloned()
            .unwrap_or_else(|| format!("dept {dept}"))
    };
    items
        .iter()
        .enumerate()
        .map(|(p, it)| {
            let (mut last_year, mut last_4q) = (0, 0);
            for ((item, _), h) in hist.range((it.id, i64::MIN)..=(it.id, i64::MAX)) {
                debug_assert_eq!(*item, it.id);
                last_year += h[0];
                last_4q += h.iter().sum::<i64>();
            }
            let buy = (need[p] + it.reorder_level - it.stock).max(0);
            let mut parts: Vec<String> = wanted
                .range((it.id, i64::MIN)..=(it.id, i64::MAX))
                .filter(|(_, (w, b))| *w > 0 || *b == Basis::Stated)
                .map(|((_, dept), (w, basis))| {
                    let how = match basis {
                        Basis::Use => format!("use {w}"),
                        Basis::Stated => format!("stated {w}"),
                    };
                    match cut.get(&(it.id, *dept)) {
                        Some(share) => format!(
                            "{} {share} ({how}, cut to the {} quota)",
                            name(*dept),
                            it.category
                        ),
                        None => format!("{} {w} ({how})", name(*dept)),
                    }
                })
                .collect();
            if parts.is_empty() {
                parts.push("no use or stated need".to_string());
            }
            let source = format!(
                "{}; stock {}, reorder level {}",
                parts.join(", "),
                it.stock,
                it.reorder_level
            );
            PlanLine {
                sku: it.sku.clone(),
                name: it.name.clone(),
                category: it.category.clone(),
                unit: it.unit.clone(),
                last_year,
                last_4q,
                need: need[p],
                stock: it.stock,
                reorder_level: it.reorder_level,
                buy,
                unit_cost: it.last_unit_cost,
                cost: it.last_unit_cost.map(|c| c.saturating_mul(buy)),
                source,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quarter {
        Quarter::parse("q", s).unwrap()
    }

    fn d(s: &str) -> Option<NaiveDate> {
        Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    #[test]
    fn quantities() {
        assert_eq!(parse_qty("QTY", "12").unwrap(), 12);
        assert!(parse_qty("QTY", "0").is_err());
        assert!(parse_qty("QTY", "-1").is_err());
        assert!(parse_qty("QTY", "1.5").is_err());
        assert_eq!(parse_correction("QTY", "+3").unwrap(), 3);
        assert_eq!(parse_correction("QTY", "-2").unwrap(), -2);
        assert!(parse_correction("QTY", "0").is_err());
        assert_eq!(parse_count("--qty", "0").unwrap(), 0);
    }

    #[test]
    fn forecasts() {
        let target = q("2027Q1");
        // a year of history: (L + avg) / 2 = (8 + 6) / 2 = 7
        assert_eq!(forecast(target, &[8, 4, 6, 6], d("2025-01-01")), 7);
        // rounds up: (5 + 13/4) / 2 = 4.125 -> 5
        assert_eq!(forecast(target, &[5, 2, 3, 3], d("2025-01-01")), 5);
        // stocked from 2026Q3: only Q3 and Q4 averaged, no year-ago quarter
        assert_eq!(forecast(target, &[0, 0, 3, 4], d("2026-08-10")), 4);
        assert_eq!(forecast(target, &[0, 0, 0, 0], None), 0);
    }

    #[test]
    fn apportioning_keeps_the_total() {
        assert_eq!(apportion(10, &[7, 7]), vec![5, 5]);
        assert_eq!(apportion(10, &[6, 3, 3]), vec![5, 3, 2]);
        assert_eq!(apportion(5, &[1, 1, 1]), vec![2, 2, 1]);
        assert_eq!(apportion(0, &[4, 2]), vec![0, 0]);
    }

    #[test]
    fn suggestions_add_headroom() {
        let mut usage: Usage<String> = HashMap::new();
        usage.insert(("toner".into(), 1, q("2026Q1")), 10);
        usage.insert(("toner".into(), 1, q("2026Q4")), 10);
        usage.insert(("toner".into(), 1, q("2025Q4")), 99); // too old
        let s = suggest(q("2027Q1"), &usage, 10);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].by_quarter, [10, 0, 0, 10]);
        // 20 / 4 = 5, +10% = 5.5 -> 6
        assert_eq!(s[0].suggested, 6);
    }

    #[test]
    fn a_stated_need_replaces_the_forecast_and_the_quota_still_bounds_it() {
        let item = PlanItem {
            id: 7,
            sku: "T1".into(),
            name: "Toner".into(),
            category: "toner".into(),
            unit: "box".into(),
            reorder_level: 1,
            stock: 2,
            last_unit_cost: Some(100),
            first_movement: d("2026-01-01"),
        };
        let mut usage: Usage<i64> = HashMap::new();
        // dept 1 used 4 a quarter through 2026; dept 2 nothing
        for quarter in ["2026Q1", "2026Q2", "2026Q3", "2026Q4"] {
            usage.insert((7, 1, q(quarter)), 4);
        }
        let mut stated = Stated::default();
        stated.dept_names.insert(1, "内科".into());
        stated.dept_names.insert(2, "外科".into());
        let line = |stated: &Stated, quotas: &HashMap<(i64, String), i64>| {
            plan(
                q("2027Q1"),
                std::slice::from_ref(&item),
                &usage,
                quotas,
                stated,
            )
            .remove(0)
        };
        let none = HashMap::new();
        let l = line(&stated, &none);
        assert_eq!((l.need, l.buy), (4, 3));
        assert_eq!(l.source, "内科 4 (use 4); stock 2, reorder level 1");
        // 内科 says 1 this quarter; 外科 states 6, over its quota of 5.
        stated.needs.insert((7, 1), 1);
        stated.needs.insert((7, 2), 6);
        let mut quotas = HashMap::new();
        quotas.insert((2, "toner".to_string()), 5);
        let l = line(&stated, &quotas);
        assert_eq!((l.need, l.buy), (6, 5));
        assert_eq!(
            l.source,
            "内科 1 (stated 1), 外科 5 (stated 6, cut to the toner quota); stock 2, reorder level 1"
        );
        // A need withdrawn (0) is shown, and counts nothing.
        stated.needs.insert((7, 2), 0);
        let l = line(&stated, &quotas);
        assert_eq!(l.need, 1);
        assert!(l.source.contains("外科 0 (stated 0)"), "{}", l.source);
    }

    #[test]
    fn plan_request_lines() {
        let line = PlanLine {
            sku: "T1".into(),
            name: "Toner".into(),
            category: "toner".into(),
            unit: "box".into(),
            last_year: 0,
            last_4q: 0,
            need: 0,
            stock: 0,
            reorder_level: 2,
            buy: 2,
            unit_cost: Some(45_000),
            cost: Some(90_000),
            source: String::new(),
        };
        let r = line.request_line().unwrap();
        assert_eq!(r.description, "Toner (T1, toner)");
        assert_eq!(r.qty, 2);
        assert_eq!(r.standard, "box; est. 450.00 each");
    }
}
