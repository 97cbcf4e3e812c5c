//! Cells the tool computes in a fixed English form (`2d 5h`, `1w + 2h`, a
//! plan line's source), shown in Chinese. CSV and JSON keep the English
//! form, which scripts read; only what a person reads changes.

use super::{Lang, ZH_VALUES};
use crate::domain::time::Interval;

impl Lang {
    /// A cell as a person reads it in this language: [`Lang::cell_in`] for
    /// the tool's words, then the computed forms of [`computed_zh`].
    pub fn cell_text(self, columns: &[&str], key: &str, text: &str) -> String {
        if self == Lang::En {
            return text.to_string();
        }
        let fixed = self.cell_in(columns, key, text);
        if fixed != text {
            return fixed.to_string();
        }
        computed_zh(columns, key, text).unwrap_or_else(|| text.to_string())
    }
}

/// The Chinese of a computed cell, if `text` is one of the forms the tool
/// writes in the column `key`.
pub fn computed_zh(columns: &[&str], key: &str, text: &str) -> Option<String> {
    match key {
        // How long ago (`backup status`): 2d 5h, 8h 47m, 52m, 40s.
        "age" => age_zh(text),
        // How often: 90d is 每 90 天.
        "every" => Interval::parse("", text).ok().map(Interval::every_zh),
        // A limit, with its grace: `1w + 2h`.
        "limit" | "grace" | "rpo" | "retain_full" | "full" | "diff" | "log" | "offsite"
        | "drill" => limit_zh(text),
        "source" => plan_source_zh(text),
        // A report line's subject such as `内科 paper`: the category is the
        // tool's word, the department is data.
        "subject" if columns.contains(&"metric") => {
            // A status counted by itself (`status-changed`: under-repair),
            // a duty of the regulation by its name.
            if let Some(zh) = enumeration_zh(text) {
                return Some(zh.to_string());
            }
            let (head, last) = text.rsplit_once(' ')?;
            let zh = category_zh(last)?;
            Some(format!("{head} {zh}"))
        }
        // A report line's detail (the audit trail's details are data, and
        // too many to match one by one).
        "detail" if columns.contains(&"metric") => {
            let zh = super::translate::to_chinese(text);
            (zh != text).then_some(zh)
        }
        _ => None,
    }
}

/// One of the tool's own words, whatever its column (the first entry).
fn enumeration_zh(word: &str) -> Option<&'static str> {
    ZH_VALUES
        .iter()
        .find(|(keys, value, _)| *value == word && keys.iter().any(|k| !k.contains('&')))
        .map(|(_, _, zh)| *zh)
}

/// A sentence's placeholder: one of the tool's words, or an interval
/// (`90d` is 90 天).
pub(super) fn word_zh(word: &str) -> Option<String> {
    if let Some(zh) = enumeration_zh(word) {
        return Some(zh.to_string());
    }
    if word.starts_with(|c: char| c.is_ascii_digit())
        && word.ends_with(|c: char| c.is_ascii_alphabetic())
    {
        return Interval::parse("", word).ok().map(Interval::zh);
    }
    None
}

fn category_zh(word: &str) -> Option<&'static str> {
    ZH_VALUES
        .iter()
        .find(|(keys, value, _)| keys.contains(&"category") && *value == word)
        .map(|(_, _, zh)| *zh)
}

/// `3d 4h` -> `3天4小时`, as [`crate::domain::backup::format_age`] writes them.
fn age_zh(text: &str) -> Option<String> {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text),
    };
    let mut out = String::from(sign);
    for part in rest.split(' ') {
        let split = part.find(|c: char| !c.is_ascii_digit())?;
        let (n, unit) = part.split_at(split);
        if n.is_empty() {
            return None;
        }
        let unit = match unit {
            "d" => "天",
            "h" => "小时",
            "m" => "分钟",
            "s" => "秒",
            _ => return None,
        };
        out.push_str(n);
        out.push_str(unit);
    }
    Some(out)
}

/// `1w + 2h` -> `1 周（另加宽限 2 小时）`; `30d` -> `30 天`.
fn limit_zh(text: &str) -> Option<String> {
    let interval = |s: &str| Interval::parse("", s).ok().map(Interval::zh);
    match text.split_once(" + ") {
        Some((l, g)) => Some(format!("{}（另加宽限 {}）", interval(l)?, interval(g)?)),
        None => interval(text),
    }
}

/// A plan line's source, as the plan writes it:
/// `内科 23 (use 23), 外科 4 (stated 6, cut to the paper quota); stock 312, reorder level 320`.
fn plan_source_zh(text: &str) -> Option<String> {
    let (wants, stock) = text.rsplit_once("; ")?;
    let rest = stock.strip_prefix("stock ")?;
    let (stock, reorder) = rest.split_once(", reorder level ")?;
    let wants = if wants == "no use or stated need" {
        "无领用，也无申报需求".to_string()
    } else {
        let mut parts = Vec::new();
        for part in wants.split("), ") {
            let part = part.strip_suffix(')').unwrap_or(part);
            let (who, how) = part.rsplit_once(" (")?;
            let (how, cut) = match how.split_once(", cut to the ") {
                Some((how, c)) => (how, Some(c.strip_suffix(" quota")?)),
                None => (how, None),
            };
            let how = if let Some(n) = how.strip_prefix("use ") {
                format!("按用量 {n}")
            } else {
                format!("申报 {}", how.strip_prefix("stated ")?)
            };
            parts.push(match cut {
                Some(c) => format!("{who}（{how}，按{}定额压减）", category_zh(c).unwrap_or(c)),
                None => format!("{who}（{how}）"),
            });
        }
        parts.join("，")
    };
    Some(format!("{wants}；库存 {stock}，最低库存 {reorder}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_limits_and_periods() {
        let zh = |k, t| Lang::Zh.cell_text(&[], k, t);
        assert_eq!(zh("age", "13h 26m"), "13小时26分钟");
        assert_eq!(zh("age", "2d 5h"), "2天5小时");
        assert_eq!(zh("age", "-40s"), "-40秒");
        assert_eq!(zh("age", "soon"), "soon");
        assert_eq!(zh("limit", "1w + 2h"), "1 周（另加宽限 2 小时）");
        assert_eq!(zh("limit", "30d"), "30 天");
        assert_eq!(zh("every", "1d"), "每天");
        assert_eq!(zh("every", "90d"), "每 90 天");
        assert_eq!(zh("every", "1q"), "每季度");
        assert_eq!(Lang::En.cell_text(&[], "age", "2d 5h"), "2d 5h");
    }

    #[test]
    fn a_plan_lines_source() {
        assert_eq!(
            plan_source_zh("内科 23 (use 23), 外科 4 (stated 6, cut to the paper quota); stock 312, reorder level 320")
                .unwrap(),
            "内科 23（按用量 23），外科 4（申报 6，按纸张定额压减）；库存 312，最低库存 320"
        );
        assert_eq!(
            plan_source_zh("no use or stated need; stock 20, reorder level 10").unwrap(),
            "无领用，也无申报需求；库存 20，最低库存 10"
        );
        assert_eq!(plan_source_zh("typed by a person"), None);
    }

    #[test]
    fn a_report_subject_names_its_category_in_chinese() {
        let cols = ["section", "metric", "subject"];
        assert_eq!(
            Lang::Zh.cell_text(&cols, "subject", "内科 toner"),
            "内科 硒鼓/墨粉"
        );
        assert_eq!(
            Lang::Zh.cell_text(&cols, "subject", "内科 王伟"),
            "内科 王伟"
        );
        assert_eq!(
            Lang::Zh.cell_text(&["subject"], "subject", "内科 toner"),
            "内科 toner"
        );
    }
}
