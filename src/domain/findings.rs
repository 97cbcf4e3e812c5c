//! The one result type of every check. A check returns findings as data; the
//! output layer renders them and [`exit_code`] maps them to the Nagios plugin
//! convention that monitoring (Nagios, Icinga, Zabbix, cron mail) understands.

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Severity {
    Ok,
    Warning,
    Critical,
    /// The check itself could not be carried out (e.g. the register is unreadable).
    Unknown,
}

impl Severity {
    /// The Nagios plugin exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
    pub fn exit_code(self) -> u8 {
        match self {
            Severity::Ok => 0,
            Severity::Warning => 1,
            Severity::Critical => 2,
            Severity::Unknown => 3,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Ok => "OK",
            Severity::Warning => "WARNING",
            Severity::Critical => "CRITICAL",
            Severity::Unknown => "UNKNOWN",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing a check found: in which area, how bad, about what, and which
/// requirement of the regulation it falls short of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub area: &'static str,
    pub severity: Severity,
    pub subject: String,
    pub message: String,
    pub requirement: &'static str,
    /// The message in Chinese, shown with `--lang zh`; English when absent.
    pub message_zh: Option<String>,
    /// The subject in Chinese where it is made of the tool's own words
    /// (`内科 纸张` for `内科 paper`); as it is when absent.
    pub subject_zh: Option<String>,
}

impl Finding {
    pub fn new(
        area: &'static str,
        severity: Severity,
        subject: impl Into<String>,
        message: impl Into<String>,
        requirement: &'static str,
    ) -> Finding {
        Finding {
            area,
            severity,
            subject: subject.into(),
            message: message.into(),
            requirement,
            message_zh: None,
            subject_zh: None,
        }
    }

    /// Adds the Chinese wording of the subject.
    pub fn subject_zh(mut self, subject: impl Into<String>) -> Finding {
        self.subject_zh = Some(subject.into());
        self
    }

    /// Adds the Chinese wording of the message.
    pub fn zh(mut self, message: impl Into<String>) -> Finding {
        self.message_zh = Some(message.into());
        self
    }
}

/// The worst severity among the findings; no findings is OK.
pub fn worst(findings: &[Finding]) -> Severity {
    findings
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Severity::Ok)
}

/// The process exit code for a set of findings.
pub fn exit_code(findings: &[Finding]) -> u8 {
    worst(findings).exit_code()
}

/// Sorts worst first, then by area and subject, so that the most urgent
/// finding is on the first line a monitoring mail shows.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.area.cmp(b.area))
            // Subjects are mostly names: in the order listings use.
            .then_with(|| super::collate::pinyin_cmp(&a.subject, &b.subject))
            .then_with(|| a.message.cmp(&b.message))
    });
}

/// The Nagios plugin output: a status line with performance data, then one
/// line per finding. `label` names the check, e.g. `BACKUP` or `COMPLIANCE`.
pub fn nagios(label: &str, findings: &[Finding]) -> String {
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    let (crit, warn, unknown) = (
        count(Severity::Critical),
        count(Severity::Warning),
        count(Severity::Unknown),
    );
    let state = worst(findings);
    let mut summary = Vec::new();
    if unknown > 0 {
        summary.push(format!("{unknown} unknown"));
    }
    if crit > 0 {
        summary.push(format!("{crit} critical"));
    }
    if warn > 0 {
        summary.push(format!("{warn} warning"));
    }
    if summary.is_empty() {
        summary.push("no findings".to_string());
    }
    let mut out = format!(
        "{label} {state} - {} | critical={crit};;;0 warning={warn};;;0 unknown={unknown};;;0\n",
        summary.join(", ")
    );
    for f in findings {
        // A `|` would start performance data in the plugin format.
        let line = format!(
            "{} [{}] {}: {} ({})",
            f.severity, f.area, f.subject, f.message, f.requirement
        )
        .replace('|', "/");
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_nagios() {
        assert_eq!(exit_code(&[]), 0);
        let w = Finding::new("asset", Severity::Warning, "A1", "no custodian", "AST-2");
        let c = Finding::new(
            "asset",
            Severity::Critical,
            "A2",
            "classified on external network",
            "AST-9",
        );
        assert_eq!(exit_code(std::slice::from_ref(&w)), 1);
        assert_eq!(exit_code(&[w.clone(), c.clone()]), 2);
        let mut all = vec![w, c];
        sort(&mut all);
        assert_eq!(all[0].severity, Severity::Critical);
        let text = nagios("ASSET", &all);
        assert!(text.starts_with("ASSET CRITICAL - 1 critical, 1 warning | critical=1"));
        assert_eq!(text.lines().count(), 3);
    }
}
