//! Software allowed on the LAN (AST-8): matching installed packages against
//! the approved list. No SQL here.

use std::collections::HashMap;

/// One entry of the approved list.
#[derive(Debug, Clone)]
pub struct Allowed {
    pub name: String,
    pub version_pattern: String,
}

/// The approved list indexed by name, so that checking a large inventory
/// costs one lookup per package rather than a scan of the list.
#[derive(Debug, Default)]
pub struct ApprovedList {
    by_name: HashMap<String, Vec<String>>,
}

impl ApprovedList {
    pub fn new(list: impl IntoIterator<Item = Allowed>) -> ApprovedList {
        let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
        for a in list {
            by_name
                .entry(key(&a.name))
                .or_default()
                .push(a.version_pattern);
        }
        ApprovedList { by_name }
    }

    /// Whether an installed package is approved: some entry has its name (in
    /// any case, ignoring surrounding space) and a version pattern matching
    /// its version.
    pub fn approves(&self, name: &str, version: &str) -> bool {
        self.by_name
            .get(&key(name))
            .is_some_and(|patterns| patterns.iter().any(|p| glob(p, version)))
    }
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// A shell-style glob: `*` is any run of characters (also none), `?` is one
/// character, anything else matches itself, ASCII case ignored. `16.*` matches
/// `16.0.1`; `*` matches every version, also an empty one.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.trim().chars().collect();
    let t: Vec<char> = text.trim().chars().collect();
    // The classic two-pointer match with backtracking to the last `*`.
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi].eq_ignore_ascii_case(&t[ti])) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("*", ""));
        assert!(glob("*", "1.2"));
        assert!(glob("16.*", "16.0.1"));
        assert!(!glob("16.*", "17.0"));
        assert!(!glob("16.*", ""));
        assert!(glob("1?.0", "12.0"));
        assert!(glob("*-LTS", "2.1-lts"));
        assert!(glob("a*b*c", "axxbyyc"));
        assert!(!glob("a*b*c", "axxbyy"));
        assert!(glob("7", "7"));
        assert!(!glob("7", "7.1"));
    }

    #[test]
    fn approval_ignores_case_of_names() {
        let list = ApprovedList::new([
            Allowed {
                name: "WPS Office".into(),
                version_pattern: "11.*".into(),
            },
            Allowed {
                name: "wps office ".into(),
                version_pattern: "12.0".into(),
            },
        ]);
        assert!(list.approves("wps office", "11.1.0"));
        assert!(list.approves("WPS OFFICE", "12.0"));
        assert!(!list.approves("wps office", "10.0"));
        assert!(!list.approves("QQ", "9.0"));
    }
}
