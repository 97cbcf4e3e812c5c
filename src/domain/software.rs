//! Software allowed on the LAN (AST-8): matching installed packages against
//! the approved list. No SQL here.

/// One entry of the approved list.
#[derive(Debug, Clone)]
pub struct Allowed {
    pub name: String,
    pub version_pattern: String,
}

/// Whether an installed package is approved: some entry has its name (in any
/// case, ignoring surrounding space) and a version pattern matching its version.
pub fn approved(list: &[Allowed], name: &str, version: &str) -> bool {
    list.iter().any(|a| {
        a.name.trim().eq_ignore_ascii_case(name.trim()) && glob(&a.version_pattern, version)
    })
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
        let list = vec![Allowed {
            name: "WPS Office".into(),
            version_pattern: "11.*".into(),
        }];
        assert!(approved(&list, "wps office", "11.1.0"));
        assert!(!approved(&list, "wps office", "10.0"));
        assert!(!approved(&list, "QQ", "9.0"));
    }
}
