//! The order people expect names in: Chinese by pinyin, as Excel and WPS sort
//! them (儿科 before 内科 before 信息科), English by alphabet ignoring case.
//! Code-point order would put 信息科 before 儿科 before 内科, which no one
//! in a Chinese office reads as sorted. The store registers [`pinyin_cmp`] as
//! the SQLite collation `pinyin`, so listings and reports sort in SQL.

use std::cmp::Ordering;

use pinyin::ToPinyin;

/// One character's sort key: its syllable (pinyin without tone for a Chinese
/// character, the lower-cased character otherwise) and its tone (0 if none).
fn key(c: char) -> (Syllable, u8) {
    match c.to_pinyin() {
        Some(p) => {
            let numbered = p.with_tone_num_end();
            let tone = numbered
                .chars()
                .last()
                .and_then(|t| t.to_digit(10))
                .unwrap_or(0) as u8;
            (Syllable::Pinyin(p.plain()), tone)
        }
        None => (Syllable::Other(c.to_lowercase().next().unwrap_or(c)), 0),
    }
}

/// A syllable compares by its letters, so 安 (an) sorts among the A's; a
/// character that is not Chinese compares as itself.
#[derive(Clone, Copy)]
enum Syllable {
    Pinyin(&'static str),
    Other(char),
}

impl Syllable {
    fn cmp(self, other: Syllable) -> Ordering {
        let mut a = [0u8; 4];
        let mut b = [0u8; 4];
        let left: &str = match self {
            Syllable::Pinyin(s) => s,
            Syllable::Other(c) => c.encode_utf8(&mut a),
        };
        let right: &str = match other {
            Syllable::Pinyin(s) => s,
            Syllable::Other(c) => c.encode_utf8(&mut b),
        };
        left.cmp(right)
    }
}

/// Compares two names: by syllables character by character, then by tones,
/// then by code point, so that different names never compare equal.
pub fn pinyin_cmp(a: &str, b: &str) -> Ordering {
    let syllables = a
        .chars()
        .map(key)
        .map(|k| k.0)
        .zip(b.chars().map(key).map(|k| k.0))
        .map(|(x, y)| x.cmp(y))
        .find(|o| o.is_ne());
    if let Some(o) = syllables {
        return o;
    }
    a.chars()
        .count()
        .cmp(&b.chars().count())
        .then_with(|| a.chars().map(|c| key(c).1).cmp(b.chars().map(|c| key(c).1)))
        .then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::pinyin_cmp;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| pinyin_cmp(a, b));
        v
    }

    #[test]
    fn chinese_names_sort_by_pinyin() {
        assert_eq!(
            sorted(&["信息科", "儿科", "内科", "财务科", "院办", "急诊科"]),
            ["财务科", "儿科", "急诊科", "内科", "信息科", "院办"]
        );
        assert_eq!(
            sorted(&["王伟", "李娜", "张院长", "陈明"]),
            ["陈明", "李娜", "王伟", "张院长"]
        );
    }

    #[test]
    fn english_sorts_by_alphabet_ignoring_case_and_mixes_with_pinyin() {
        assert_eq!(
            sorted(&["pacs", "ERP", "His", "OA"]),
            ["ERP", "His", "OA", "pacs"]
        );
        // 打印机 (da...) before PACS before 信息 (xin...).
        assert_eq!(
            sorted(&["信息", "PACS", "打印机"]),
            ["打印机", "PACS", "信息"]
        );
    }

    #[test]
    fn a_shorter_name_comes_first_and_distinct_names_never_tie() {
        assert_eq!(sorted(&["内科二", "内科"]), ["内科", "内科二"]);
        assert!(pinyin_cmp("Ab", "ab").is_ne());
        assert!(pinyin_cmp("内科", "内科").is_eq());
    }
}
