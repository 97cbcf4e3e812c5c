//! Sentences written in English in the code (errors, prompts), shown in
//! Chinese with `--lang zh`. The catalogue is keyed by the English format
//! string itself, gettext-style: `bail!("{field}: {value} is not a date")`
//! is translated where the error is printed, by matching the finished
//! message against its template and carrying the placeholders' values over
//! into the Chinese template. So the code that raises an error stays as it
//! is, and a new `bail!` needs only a catalogue entry (a unit test lists the
//! ones missing, in the catalogue's own syntax: `scripts/missing-zh`).

use std::sync::OnceLock;

use super::Lang;
use super::catalogue::ZH;

/// A format string cut into its literal text and its placeholders.
#[derive(Debug)]
struct Template {
    /// `lits.len() == holes.len() + 1`: text, hole, text, ..., text.
    lits: Vec<String>,
    /// Each placeholder as written between the braces (`field`, `:?`, ``).
    holes: Vec<String>,
}

impl Template {
    fn parse(s: &str) -> Template {
        let mut lits = vec![String::new()];
        let mut holes = Vec::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    lits.last_mut().unwrap_or(&mut String::new()).push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    lits.last_mut().unwrap_or(&mut String::new()).push('}');
                }
                '{' => {
                    let mut spec = String::new();
                    for c in chars.by_ref() {
                        if c == '}' {
                            break;
                        }
                        spec.push(c);
                    }
                    holes.push(spec);
                    lits.push(String::new());
                }
                c => lits.last_mut().unwrap_or(&mut String::new()).push(c),
            }
        }
        Template { lits, holes }
    }

    /// Whether there is anything to translate: a letter outside the holes.
    #[cfg(test)]
    fn has_words(&self) -> bool {
        self.lits
            .iter()
            .any(|l| l.chars().any(|c| c.is_alphabetic()))
    }

    fn literal_len(&self) -> usize {
        self.lits.iter().map(String::len).sum()
    }

    /// The placeholders' values if `m` is this template filled in.
    fn matches<'m>(&self, m: &'m str) -> Option<Vec<&'m str>> {
        let first = &self.lits[0];
        let last = self.lits.last()?;
        if self.holes.is_empty() {
            return (m == first).then(Vec::new);
        }
        if m.len() < first.len() + last.len() || !m.starts_with(first.as_str()) {
            return None;
        }
        let rest = m.get(first.len()..m.len() - last.len())?;
        if !m.ends_with(last.as_str()) {
            return None;
        }
        let mut values = Vec::with_capacity(self.holes.len());
        self.split(rest, 0, &mut values).then_some(values)
    }

    /// Cuts `rest` into the values of holes `i..`, each middle literal at
    /// its leftmost place that lets the rest match.
    fn split<'m>(&self, rest: &'m str, i: usize, values: &mut Vec<&'m str>) -> bool {
        let n = self.holes.len();
        if i + 1 == n {
            if !self.plausible(i, rest) {
                return false;
            }
            values.push(rest);
            return true;
        }
        let lit = &self.lits[i + 1];
        // An empty literal between two holes: the first takes as much as
        // the rest allows (`{dept}{flag}`: the flag is usually empty).
        let places: Vec<usize> = if lit.is_empty() {
            (0..=rest.len())
                .rev()
                .filter(|&at| rest.is_char_boundary(at))
                .collect()
        } else {
            rest.match_indices(lit.as_str()).map(|(at, _)| at).collect()
        };
        for at in places {
            if !self.plausible(i, &rest[..at]) {
                continue;
            }
            values.push(&rest[..at]);
            if self.split(&rest[at + lit.len()..], i + 1, values) {
                return true;
            }
            values.pop();
        }
        false
    }

    /// A `{x:?}` value with quotes in it is one quoted string: this keeps
    /// `a.csv: line 2: "x" is bad` from reading `line 2: "x"` as the value.
    fn plausible(&self, i: usize, value: &str) -> bool {
        !self.holes[i].ends_with('?')
            || !value.contains('"')
            || (value.len() >= 2 && value.starts_with('"') && value.ends_with('"'))
    }

    /// This (Chinese) template filled with the values of `en`'s holes: a
    /// placeholder takes the value of the English one written the same way,
    /// the n-th `{}` the n-th `{}`.
    fn fill(&self, en: &Template, values: &[String]) -> String {
        let mut out = self.lits[0].clone();
        for (i, spec) in self.holes.iter().enumerate() {
            let nth = self.holes[..i].iter().filter(|s| *s == spec).count();
            let value = en
                .holes
                .iter()
                .enumerate()
                .filter(|(_, s)| *s == spec)
                .nth(nth)
                .and_then(|(j, _)| values.get(j));
            out.push_str(value.map_or("", String::as_str));
            out.push_str(&self.lits[i + 1]);
        }
        out
    }
}

struct Entry {
    en: Template,
    zh: Template,
}

fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let mut v: Vec<Entry> = ZH
            .iter()
            .map(|(en, zh)| Entry {
                en: Template::parse(en),
                zh: Template::parse(zh),
            })
            .collect();
        // The most specific template wins: the one with the most fixed text.
        v.sort_by_key(|e| std::cmp::Reverse(e.en.literal_len()));
        v
    })
}

/// `text` in Chinese when it is a catalogue sentence filled in; as it is
/// otherwise. A placeholder's value is itself translated when it is a
/// catalogue sentence (an inner error's message quoted in an outer one).
///
/// A placeholder's value that is one of the tool's own words (`retired`,
/// `repair`, `ream`) or an interval (`2w`) is shown in Chinese as well.
pub fn to_chinese(text: &str) -> String {
    translate_depth(text, 3, &super::cells::word_zh)
}

fn translate_depth(text: &str, depth: u8, word: &dyn Fn(&str) -> Option<String>) -> String {
    if depth == 0 || text.is_empty() {
        return text.to_string();
    }
    for e in entries() {
        if let Some(values) = e.en.matches(text) {
            let values: Vec<String> = values
                .into_iter()
                .map(|v| match word(v) {
                    Some(zh) => zh,
                    None => translate_depth(v, depth - 1, word),
                })
                .collect();
            return e.zh.fill(&e.en, &values);
        }
    }
    // `FIELD: sentence`, where only the sentence is a catalogue entry: the
    // field stays (or is translated on its own) and the sentence is.
    for (at, _) in text.match_indices(": ") {
        let rest = &text[at + 2..];
        if entries().iter().any(|e| e.en.matches(rest).is_some()) {
            return format!(
                "{}：{}",
                translate_depth(&text[..at], depth - 1, word),
                translate_depth(rest, depth - 1, word)
            );
        }
    }
    text.to_string()
}

/// A sentence of the code in the language being used: prompts pass their
/// text through here (`.with_prompt(tr("Name"))`), which is also how the
/// catalogue test finds them.
pub fn tr(text: &str) -> String {
    match super::current() {
        Lang::En => text.to_string(),
        Lang::Zh => to_chinese(text),
    }
}

/// The error and its causes on one line, outermost first, in `lang`:
/// in Chinese each cause is translated on its own and joined with `：`.
pub fn error_chain(e: &anyhow::Error, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{e:#}"),
        Lang::Zh => e
            .chain()
            .map(|c| {
                // A report of several bad rows is one cause of several
                // `error:` lines; each line is its own sentence.
                c.to_string()
                    .split("\nerror: ")
                    .map(to_chinese)
                    .collect::<Vec<_>>()
                    .join("\n错误：")
            })
            .collect::<Vec<_>>()
            .join("："),
    }
}

/// What starts an error line on standard error.
pub fn error_prefix(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "error: ",
        Lang::Zh => "错误：",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(en: &str, zh: &str, text: &str) -> String {
        let (en, zh) = (Template::parse(en), Template::parse(zh));
        let values: Vec<String> = en
            .matches(text)
            .unwrap()
            .into_iter()
            .map(str::to_string)
            .collect();
        zh.fill(&en, &values)
    }

    #[test]
    fn placeholders_are_carried_over_by_name_and_in_order() {
        assert_eq!(
            zh(
                "{field}: {value:?} is not a date",
                "{field}：{value:?} 不是日期",
                "--from: \"x\" is not a date"
            ),
            "--from：\"x\" 不是日期"
        );
        assert_eq!(
            zh("{} of {}: {}", "{}的{}：{}", "a of b: c: d"),
            "a的b：c: d"
        );
        // Named ones may change places.
        assert_eq!(
            zh("{a} before {b}", "{b} 晚于 {a}", "x before y"),
            "y 晚于 x"
        );
        assert_eq!(
            zh("{{literal}} {x}", "{{字面}} {x}", "{literal} 1"),
            "{字面} 1"
        );
        assert!(Template::parse("a {x} b").matches("a 1 c").is_none());
        assert!(Template::parse("plain").matches("plain ").is_none());
    }

    #[test]
    fn a_quoted_value_is_one_value_and_a_field_may_lead_a_sentence() {
        let t = Template::parse("{}: {name:?} is not registered");
        assert_eq!(
            t.matches("a.csv: line 2: \"x: y\" is not registered"),
            Some(vec!["a.csv: line 2", "\"x: y\""])
        );
        // A prefix the catalogue does not know stays; the sentence after it
        // is translated.
        assert_eq!(
            to_chinese("somewhere: starting a schema migration"),
            "somewhere：开始结构迁移"
        );
        // The first of two adjacent placeholders takes what the second leaves.
        assert_eq!(
            Template::parse("to {dept}{flag}; done").matches("to 内科; done"),
            Some(vec!["内科", ""])
        );
    }

    #[test]
    fn an_unknown_sentence_stays_as_it_is() {
        assert_eq!(
            to_chinese("no such sentence anywhere"),
            "no such sentence anywhere"
        );
        assert!(!Template::parse("{}: {}").has_words());
    }

    /// Every sentence of the code has its Chinese, with the same
    /// placeholders. On failure the message lists the missing entries in the
    /// catalogue's syntax (what `scripts/missing-zh` prints).
    #[test]
    fn every_sentence_of_the_code_has_chinese() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let found = super::super::scan::scan_dir(&root.join("src"));
        assert!(found.len() > 300, "the scan found only {}", found.len());
        let mut missing = String::new();
        let mut seen = std::collections::HashSet::new();
        for f in &found {
            if !Template::parse(&f.text).has_words()
                || ZH.iter().any(|(en, _)| *en == f.text)
                || !seen.insert(f.text.clone())
            {
                continue;
            }
            let file = f.file.strip_prefix(root).unwrap_or(&f.file);
            missing.push_str(&format!(
                "    // {}:{}\n    ({:?}, \"\"),\n",
                file.display(),
                f.line,
                f.text
            ));
        }
        assert!(
            missing.is_empty(),
            "sentences with no Chinese in src/i18n/catalogue.rs:\n-----BEGIN MISSING-----\n{missing}-----END MISSING-----"
        );
    }

    #[test]
    fn every_catalogue_entry_has_chinese_and_the_same_placeholders() {
        // Chinese words, or at least Chinese punctuation (`FILE：{e}`).
        let cjk = |s: &str| {
            s.chars().any(|c| {
                ('\u{4e00}'..='\u{9fff}').contains(&c)
                    || ('\u{3000}'..='\u{303f}').contains(&c)
                    || ('\u{ff00}'..='\u{ffef}').contains(&c)
            })
        };
        let mut seen = std::collections::HashSet::new();
        for (en, zh) in ZH {
            assert!(seen.insert(*en), "{en:?} twice");
            assert!(cjk(zh), "{en:?}: no Chinese in {zh:?}");
            let mut a = Template::parse(en).holes;
            let mut b = Template::parse(zh).holes;
            a.sort();
            b.sort();
            assert_eq!(a, b, "{en:?} and {zh:?} take different placeholders");
        }
    }

    /// A prompt's text goes through `tr`, or a person reading Chinese is
    /// asked in English (and the catalogue test would not see it).
    #[test]
    fn every_prompt_is_translated() {
        fn walk(dir: &std::path::Path, bad: &mut Vec<String>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, bad);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let text = std::fs::read_to_string(&p).unwrap();
                    for (n, line) in text.lines().enumerate() {
                        let l = line.replace(' ', "");
                        let (quoted, formatted) = (
                            concat!(".with_prompt", "(\""),
                            concat!(".with_prompt", "(format!"),
                        );
                        if l.contains(quoted) || l.contains(formatted) {
                            bad.push(format!("{}:{}", p.display(), n + 1));
                        }
                    }
                }
            }
        }
        let mut bad = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut bad,
        );
        assert!(bad.is_empty(), "prompts not passed through tr(): {bad:?}");
    }
}
