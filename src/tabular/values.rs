//! Values as offices write them in a register: dates in the forms a
//! spreadsheet shows (`2021/3/15`, `2021年3月15日`, an Excel date number),
//! money with `¥`, `元` and thousands separators, full-width digits, and
//! the Chinese words for the tool's own enumerations.

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::domain::money::parse_money;

/// A full-width ASCII character (`１`, `Ａ`, `（`) or the ideographic space
/// as its ASCII self; anything else unchanged.
pub fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

fn half(v: &str) -> String {
    v.trim()
        .chars()
        .map(half_width)
        .collect::<String>()
        .trim()
        .to_string()
}

pub const DATE_FORMS: &str =
    "2021-03-15, 2021-3-15, 2021/3/15, 2021.3.15, 2021年3月15日, or an Excel date number";

/// Excel's date numbers read as dates when they fall in 1950..2100; a bare
/// year such as 2021 is then never taken for a day in 1905.
const SERIALS: std::ops::RangeInclusive<i64> = 18_264..=73_050;

/// Reads a date as a register shows it. A time of day after the date (as
/// Excel writes `2021/3/15 0:00` into CSV) is dropped.
pub fn date(field: &str, value: &str) -> Result<NaiveDate> {
    let v = half(value);
    let bad = || anyhow::anyhow!("{field}: {value:?} is not a date; expected {DATE_FORMS}");
    let day = v.split([' ', 'T']).next().unwrap_or_default();
    if let Ok(serial) = day.parse::<f64>()
        && !day.contains(['-', '/'])
        && day.bytes().filter(|b| *b == b'.').count() <= 1
    {
        let whole = serial.trunc() as i64;
        if !SERIALS.contains(&whole) {
            return Err(bad());
        }
        // 1899-12-30 is day 0 of the 1900 system, Excel's 1900 leap-day bug included.
        return NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|d| d.checked_add_days(chrono::Days::new(whole as u64)))
            .ok_or_else(bad);
    }
    let parts: Vec<&str> = if let Some(rest) = day.strip_suffix('日') {
        rest.split(['年', '月']).collect()
    } else {
        day.split(['-', '/', '.']).collect()
    };
    let [y, m, d] = parts[..] else {
        return Err(bad());
    };
    let num = |s: &str, max: usize| -> Option<u32> {
        (!s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    match (num(y, 4).filter(|_| y.len() == 4), num(m, 2), num(d, 2)) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d)
            .ok_or_else(|| anyhow::anyhow!("{field}: {value:?} is not a day of the calendar")),
        _ => Err(bad()),
    }
}

/// Reads an amount of yuan into fen: `5600`, `5,600.00`, `¥5,600.00`,
/// `￥5600元`, `５６００`.
pub fn money(field: &str, value: &str) -> Result<i64> {
    let v: String = half(value)
        .chars()
        .filter(|c| !matches!(c, '¥' | '￥' | '元' | ',' | '，' | ' '))
        .collect();
    let v = v
        .strip_prefix("RMB")
        .or_else(|| v.strip_prefix("CNY"))
        .unwrap_or(&v);
    parse_money(field, v).map_err(|e| {
        if v.starts_with('-') {
            e
        } else {
            anyhow::anyhow!(
                "{field}: {value:?} is not an amount; expected e.g. 5600, 5600.50, ¥5,600.00 or 5600元"
            )
        }
    })
}

/// The words a column's values may be written as: the tool's own values,
/// their Chinese as the tool prints them with `--lang zh`, and the synonyms
/// offices use (built in, and the user's from the config).
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// (word as compared, value), the tool's own values first.
    words: Vec<(String, String)>,
    values: Vec<String>,
}

impl Words {
    pub fn new(values: &[impl AsRef<str>]) -> Words {
        let mut w = Words::default();
        for v in values {
            w.values.push(v.as_ref().to_string());
            w.words.push((key(v.as_ref()), v.as_ref().to_string()));
        }
        w
    }

    /// Adds a word for one of the values; a word for a value the column does
    /// not hold (a kind the config does not list) is left out.
    pub fn add(&mut self, word: &str, value: &str) {
        if self.values.iter().any(|v| v == value)
            && !self.words.iter().any(|(k, _)| *k == key(word))
        {
            self.words.push((key(word), value.to_string()));
        }
    }

    /// The tool's Chinese for each value (from `i18n`), then `synonyms`.
    pub fn with_zh(mut self, column: &str, synonyms: &[(&str, &str)]) -> Words {
        for (word, value) in crate::i18n::zh_values(column) {
            self.add(word, value);
        }
        for (word, value) in synonyms {
            self.add(word, value);
        }
        self
    }

    /// The value a word stands for, or an error listing the words accepted.
    pub fn read(&self, field: &str, word: &str) -> Result<String> {
        let k = key(word);
        if let Some((_, v)) = self.words.iter().find(|(w, _)| *w == k) {
            return Ok(v.clone());
        }
        let accepted: Vec<String> = self
            .values
            .iter()
            .map(|v| {
                // The tool's own word for it; the synonyms are in the docs.
                match self.words.iter().find(|(w, val)| val == v && w != v) {
                    Some((w, _)) => format!("{v} ({w})"),
                    None => v.clone(),
                }
            })
            .collect();
        bail!("{field}: {word:?} is not one of {}", accepted.join(", "))
    }
}

fn key(w: &str) -> String {
    half(w).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: &str) -> String {
        date("f", v)
            .map(|d| d.to_string())
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn dates_in_office_forms() {
        for v in [
            "2021-03-15",
            "2021-3-15",
            "2021/3/15",
            "2021.3.15",
            "2021年3月15日",
            "２０２１年３月１５日",
            "2021/3/15 0:00",
            "44270",
            "44270.0",
        ] {
            assert_eq!(d(v), "2021-03-15", "{v}");
        }
        assert_eq!(
            d("2021"),
            format!("f: \"2021\" is not a date; expected {DATE_FORMS}")
        );
        assert_eq!(
            d("2021/2/30"),
            "f: \"2021/2/30\" is not a day of the calendar"
        );
        assert!(d("15/3/2021").contains("is not a date"));
        assert!(d("2021年3月").contains("is not a date"));
    }

    #[test]
    fn money_as_offices_write_it() {
        for (v, fen) in [
            ("¥5,600.00", 560_000),
            ("￥5600元", 560_000),
            ("５，６００.５", 560_050),
            ("8,999", 899_900),
            ("RMB 12.3", 1230),
        ] {
            assert_eq!(money("f", v).unwrap(), fen, "{v}");
        }
        assert_eq!(
            money("f", "五千").unwrap_err().to_string(),
            "f: \"五千\" is not an amount; expected e.g. 5600, 5600.50, ¥5,600.00 or 5600元"
        );
        assert!(
            money("f", "-5")
                .unwrap_err()
                .to_string()
                .contains("negative")
        );
    }

    #[test]
    fn words_in_two_languages() {
        let w = Words::new(&["in-use", "in-stock"])
            .with_zh("status", &[("闲置", "in-stock"), ("维修", "under-repair")]);
        assert_eq!(w.read("f", "在用").unwrap(), "in-use");
        assert_eq!(w.read("f", " 闲置 ").unwrap(), "in-stock");
        assert_eq!(w.read("f", "IN-USE").unwrap(), "in-use");
        assert_eq!(
            w.read("f", "维修").unwrap_err().to_string(),
            "f: \"维修\" is not one of in-use (在用), in-stock (库存)"
        );
    }
}
