//! Security grading (等级保护, GRD-1..GRD-6) as plain rules: the harm matrix of
//! GB/T 22240-2020, the grade names, the ruleset of deadlines and intervals
//! (data, read from the config), and the duties and findings that follow from
//! a system's records. No SQL, no terminal.

use std::fmt;

use anyhow::{Result, bail};
use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::findings::{Finding, Severity};
use super::time::Interval;

mod lifecycle;
pub use lifecycle::{
    CHANGE_KINDS, ChangeFact, FiledWith, FilingState, RejectionFact, Step, check_order,
    missing_materials,
};

/// Who a compromise would harm (受侵害的客体).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HarmedObject {
    /// The lawful rights and interests of citizens, legal persons and other organisations.
    Citizen,
    /// Social order and the public interest.
    Society,
    /// National security.
    Nation,
}

/// How badly (对客体的侵害程度).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Harm {
    /// 一般损害
    General,
    /// 严重损害
    Serious,
    /// 特别严重损害 (especially serious)
    Severe,
}

pub const OBJECT_FORMS: &str = "citizen, society or nation";
pub const HARM_FORMS: &str = "general, serious or severe";

impl HarmedObject {
    pub const ALL: [HarmedObject; 3] = [
        HarmedObject::Citizen,
        HarmedObject::Society,
        HarmedObject::Nation,
    ];

    pub fn parse(field: &str, value: &str) -> Result<HarmedObject> {
        match value.trim() {
            "citizen" => Ok(HarmedObject::Citizen),
            "society" => Ok(HarmedObject::Society),
            "nation" => Ok(HarmedObject::Nation),
            _ => bail!("{field}: {value:?} is not a harmed object; expected {OBJECT_FORMS}"),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            HarmedObject::Citizen => "citizen",
            HarmedObject::Society => "society",
            HarmedObject::Nation => "nation",
        }
    }

    /// The object in plain words, with the standard's term.
    pub fn describe(self) -> &'static str {
        match self {
            HarmedObject::Citizen => {
                "citizens, legal persons and organisations (公民、法人和其他组织的合法权益)"
            }
            HarmedObject::Society => "social order and the public interest (社会秩序和公共利益)",
            HarmedObject::Nation => "national security (国家安全)",
        }
    }
}

impl Harm {
    pub const ALL: [Harm; 3] = [Harm::General, Harm::Serious, Harm::Severe];

    pub fn parse(field: &str, value: &str) -> Result<Harm> {
        match value.trim() {
            "general" => Ok(Harm::General),
            "serious" => Ok(Harm::Serious),
            "severe" => Ok(Harm::Severe),
            _ => bail!("{field}: {value:?} is not a degree of harm; expected {HARM_FORMS}"),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Harm::General => "general",
            Harm::Serious => "serious",
            Harm::Severe => "severe",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Harm::General => "general harm (一般损害): limited, recoverable effects",
            Harm::Serious => "serious harm (严重损害): grave effects, hard to recover from",
            Harm::Severe => {
                "especially serious harm (特别严重损害): very grave effects, lasting or irreparable"
            }
        }
    }
}

/// The grade one kind of security calls for, read off the matrix of
/// GB/T 22240-2020 (the same in the 2008 edition):
///
/// | object \ harm        | general | serious | severe |
/// |----------------------|---------|---------|--------|
/// | citizens, orgs       | 1       | 2       | 2      |
/// | society, public      | 2       | 3       | 4      |
/// | national security    | 3       | 4       | 5      |
pub fn sub_grade(object: HarmedObject, harm: Harm) -> u8 {
    use Harm::*;
    use HarmedObject::*;
    match (object, harm) {
        (Citizen, General) => 1,
        (Citizen, Serious | Severe) => 2,
        (Society, General) => 2,
        (Society, Serious) => 3,
        (Society, Severe) => 4,
        (Nation, General) => 3,
        (Nation, Serious) => 4,
        (Nation, Severe) => 5,
    }
}

/// A system's grade is the higher of its business information security
/// grade and its system service security grade.
pub fn overall(info: u8, service: u8) -> u8 {
    info.max(service)
}

/// Both sub-grades as written in grading reports: S for business information
/// security (业务信息安全), A for system service security (系统服务安全).
pub fn sub_grades(info: u8, service: u8) -> String {
    format!("S{info}A{service}")
}

/// The official name of a grade (GRD-2).
pub fn grade_name(grade: u8) -> &'static str {
    match grade {
        1 => "自主保护级",
        2 => "指导保护级",
        3 => "监督保护级",
        4 => "强制保护级",
        5 => "专控保护级",
        _ => "",
    }
}

/// The grade's name in English, as commonly translated.
pub fn grade_name_en(grade: u8) -> &'static str {
    match grade {
        1 => "user protection",
        2 => "guided protection",
        3 => "supervised protection",
        4 => "mandatory protection",
        5 => "controlled protection",
        _ => "",
    }
}

/// The outcome of a grading: both sub-grades and the grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grading {
    pub info_object: HarmedObject,
    pub info_harm: Harm,
    pub service_object: HarmedObject,
    pub service_harm: Harm,
}

impl Grading {
    pub fn info_grade(&self) -> u8 {
        sub_grade(self.info_object, self.info_harm)
    }

    pub fn service_grade(&self) -> u8 {
        sub_grade(self.service_object, self.service_harm)
    }

    pub fn grade(&self) -> u8 {
        overall(self.info_grade(), self.service_grade())
    }

    /// `S3A2 -> grade 3 监督保护级`
    pub fn summary(&self) -> String {
        let g = self.grade();
        format!(
            "{} -> grade {g} {} ({})",
            sub_grades(self.info_grade(), self.service_grade()),
            grade_name(g),
            grade_name_en(g)
        )
    }
}

/// Evaluation results (等级测评结论).
pub const RESULTS: &[&str] = &["conform", "basic", "nonconform"];

/// A date may not lie after the day the command is run for.
pub fn not_future(field: &str, date: NaiveDate, as_of: NaiveDate) -> Result<NaiveDate> {
    if date > as_of {
        bail!(
            "{field}: {date} is in the future (today is {as_of}); record it when it has happened"
        );
    }
    Ok(date)
}

/// A length of time in the ruleset: calendar units, or working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Days, weeks, months, quarters or years.
    Calendar(Interval),
    /// Monday to Friday; statutory holidays and make-up working days (调休)
    /// are not known, so a deadline so counted falls on or before the real one.
    WorkingDays(u32),
}

pub const PERIOD_FORMS: &str = "30d, 2w, 6mo, 1q, 1y, or 10wd (working days, Monday to Friday)";

impl Period {
    pub fn parse(field: &str, value: &str) -> Result<Period> {
        let v = value.trim();
        let bad = || anyhow::anyhow!("{field}: {value:?} is not a period; expected {PERIOD_FORMS}");
        if let Some(n) = v.strip_suffix("wd") {
            return match n.parse::<u32>() {
                Ok(n) if n > 0 && n <= 10_000 => Ok(Period::WorkingDays(n)),
                _ => Err(bad()),
            };
        }
        match Interval::parse(field, v).map_err(|_| bad())? {
            Interval::Seconds(s) if s % 86_400 != 0 => Err(bad()),
            i => Ok(Period::Calendar(i)),
        }
    }

    /// The date one period after `d`.
    pub fn after(self, d: NaiveDate) -> NaiveDate {
        match self {
            Period::Calendar(i) => i.after_date(d),
            Period::WorkingDays(n) => step_working_days(d, n, true),
        }
    }

    /// The date one period before `d`.
    pub fn before(self, d: NaiveDate) -> NaiveDate {
        match self {
            Period::Calendar(Interval::Seconds(s)) => d - Days::new((s / 86_400).max(1) as u64),
            Period::Calendar(Interval::Months(m)) => d - chrono::Months::new(m),
            Period::WorkingDays(n) => step_working_days(d, n, false),
        }
    }
}

fn step_working_days(mut d: NaiveDate, n: u32, forward: bool) -> NaiveDate {
    let mut left = n;
    while left > 0 {
        d = if forward {
            d.succ_opt().expect("date in range")
        } else {
            d.pred_opt().expect("date in range")
        };
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    d
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Calendar(i) => i.fmt(f),
            Period::WorkingDays(n) => write!(f, "{n}wd"),
        }
    }
}

/// The deadlines and intervals of the grading duties. They are data, read
/// from the `[grading]` section of the config, because the national rules
/// have changed over time; `name` is recorded with every assessment so that
/// a grading can be read against the rules it was made under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ruleset {
    pub name: String,
    /// The lowest grade that must be filed (备案).
    pub filing_from_grade: u8,
    /// Filing is due this long after the grade is set.
    pub filing_deadline: Period,
    /// WARNING from this long before the filing deadline.
    pub filing_warning: Period,
    /// How often each grade (index 0 = grade 1) is evaluated (等级测评); None: not required.
    pub evaluation: [Option<Period>; 5],
    /// WARNING from this long before an evaluation is due.
    pub evaluation_warning: Period,
    /// How often each grade is self-inspected (自查); None: not required.
    pub inspection: [Option<Period>; 5],
    /// A rectification item this long past due is CRITICAL (WARNING before).
    pub rectification_critical: Period,
    /// The supervising department (主管部门) whose approval a grading needs
    /// before its filing, when there is one. Not a rule of the ruleset (it
    /// is who the organisation answers to), so changing it keeps the name.
    pub supervisor: Option<String>,
    /// A sector's minimum grade for named systems (e.g. a hospital's core
    /// systems), when the config sets one; like `supervisor`, not a rule of
    /// the ruleset.
    pub minimum: Option<SectorMinimum>,
}

/// A minimum grade a sector rule sets for some systems, with its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectorMinimum {
    pub grade: u8,
    pub systems: Vec<String>,
    pub source: String,
}

/// The name of the built-in ruleset; see docs/grading.md for its sources.
pub const DEFAULT_RULESET: &str = "infogov-mlps-2026.2";

fn days(n: i64) -> Period {
    Period::Calendar(Interval::Seconds(n * 86_400))
}

fn years(n: u32) -> Period {
    Period::Calendar(Interval::Months(12 * n))
}

fn months(n: u32) -> Period {
    Period::Calendar(Interval::Months(n))
}

impl Default for Ruleset {
    fn default() -> Self {
        Ruleset {
            name: DEFAULT_RULESET.to_string(),
            filing_from_grade: 2,
            filing_deadline: days(30),
            filing_warning: days(7),
            // 公通字[2007]43号 art. 14: grade 3 at least yearly, grade 4 at
            // least every half year, grade 5 "by special security needs" (read
            // as no laxer than grade 4). Grade 2 every two years is infogov's
            // own (art. 14 sets nothing for it); docs/grading.md gives sources.
            evaluation: [
                None,
                Some(years(2)),
                Some(years(1)),
                Some(months(6)),
                Some(months(6)),
            ],
            evaluation_warning: days(30),
            // The same article, for self-inspection (自查); grades 1 and 2 are
            // told to self-inspect "定期" (periodically) with no interval: yearly.
            inspection: [
                Some(years(1)),
                Some(years(1)),
                Some(years(1)),
                Some(months(6)),
                Some(months(6)),
            ],
            rectification_critical: days(30),
            supervisor: None,
            minimum: None,
        }
    }
}

impl Ruleset {
    pub fn evaluation_interval(&self, grade: u8) -> Option<Period> {
        self.evaluation
            .get(usize::from(grade).wrapping_sub(1))
            .copied()
            .flatten()
    }

    pub fn inspection_interval(&self, grade: u8) -> Option<Period> {
        self.inspection
            .get(usize::from(grade).wrapping_sub(1))
            .copied()
            .flatten()
    }

    /// Whether every rule equals the built-in one (the name aside).
    pub fn same_rules(&self, other: &Ruleset) -> bool {
        Ruleset {
            name: String::new(),
            supervisor: None,
            minimum: None,
            ..self.clone()
        } == Ruleset {
            name: String::new(),
            supervisor: None,
            minimum: None,
            ..other.clone()
        }
    }
}

/// A dated record made under a grade: an assessment, filing or inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    pub date: NaiveDate,
    pub grade: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationFact {
    pub id: i64,
    pub date: NaiveDate,
    pub grade: u8,
    pub result: String,
    /// Rectification items opened from it, open or closed.
    pub rectifications: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RectificationFact {
    pub id: i64,
    pub item: String,
    pub due: NaiveDate,
    pub done: Option<NaiveDate>,
}

/// Everything the check needs to know about one system, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SystemFacts {
    pub name: String,
    /// design, in-service or retired
    pub stage: String,
    pub assessments: Vec<Dated>,
    pub filings: Vec<Dated>,
    pub evaluations: Vec<EvaluationFact>,
    pub inspections: Vec<Dated>,
    pub rectifications: Vec<RectificationFact>,
    /// Filings the bureau turned back.
    pub rejections: Vec<RejectionFact>,
    /// Material changes of the system.
    pub changes: Vec<ChangeFact>,
    /// Cancellations of its filing (撤销备案), by date.
    pub cancellations: Vec<NaiveDate>,
    /// Every filing with the materials of the grading it filed.
    pub filed_with: Vec<FiledWith>,
}

impl SystemFacts {
    /// The facts as they stood at the end of `day`: records dated later did
    /// not exist yet, and a rectification closed later was still open. So a
    /// check run with a past `--as-of` answers for that day.
    pub fn as_of(mut self, day: NaiveDate) -> SystemFacts {
        self.assessments.retain(|a| a.date <= day);
        self.filings.retain(|f| f.date <= day);
        self.evaluations.retain(|e| e.date <= day);
        self.inspections.retain(|i| i.date <= day);
        self.rejections.retain(|r| r.date <= day);
        self.changes.retain(|c| c.date <= day);
        self.cancellations.retain(|c| *c <= day);
        self.filed_with.retain(|f| f.date <= day);
        for f in &mut self.filed_with {
            f.report = f.report.filter(|d| *d <= day);
            f.review = f.review.filter(|d| *d <= day);
            f.approval = f.approval.filter(|d| *d <= day);
        }
        for r in &mut self.rectifications {
            if r.done.is_some_and(|d| d > day) {
                r.done = None;
            }
        }
        self
    }
}

/// The system's current grade and the day it took that grade. Re-grading to
/// the same grade does not move `since`; a change of grade does, and the new
/// grade must then be filed, evaluated and inspected against afresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Era {
    pub grade: u8,
    pub since: NaiveDate,
}

/// Where a system stands with its duties under the current grade.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Duties {
    pub era: Option<Era>,
    /// The latest filing of the current grade.
    pub filed: Option<NaiveDate>,
    /// When filing is required and not yet done: its deadline.
    pub filing_due: Option<NaiveDate>,
    /// The latest evaluation under the current grade.
    pub evaluated: Option<(NaiveDate, String)>,
    pub evaluation_due: Option<NaiveDate>,
    pub inspected: Option<NaiveDate>,
    pub inspection_due: Option<NaiveDate>,
}

impl SystemFacts {
    pub fn era(&self) -> Option<Era> {
        let last = self.assessments.last()?;
        let since = self
            .assessments
            .iter()
            .rev()
            .take_while(|a| a.grade == last.grade)
            .last()
            .map_or(last.date, |a| a.date);
        Some(Era {
            grade: last.grade,
            since,
        })
    }

    /// The duties under the current grade. A retired system has none; a
    /// system in design must be filed but is not yet evaluated or inspected.
    pub fn duties(&self, rules: &Ruleset) -> Duties {
        let era = self.era();
        let mut d = Duties {
            era,
            ..Duties::default()
        };
        let Some(era) = era else { return d };
        let in_era = |r: &Dated| r.grade == era.grade && r.date >= era.since;
        d.filed = self
            .filings
            .iter()
            .filter(|f| in_era(f))
            .map(|f| f.date)
            .max();
        d.evaluated = self
            .evaluations
            .iter()
            .filter(|e| e.grade == era.grade && e.date >= era.since)
            .max_by_key(|e| (e.date, e.id))
            .map(|e| (e.date, e.result.clone()));
        d.inspected = self
            .inspections
            .iter()
            .filter(|i| in_era(i))
            .map(|i| i.date)
            .max();
        if self.stage == "retired" {
            return d;
        }
        if era.grade >= rules.filing_from_grade {
            d.filing_due = self.filing_state(rules).open.map(|(_, due)| due);
        }
        if self.stage == "in-service" {
            if let Some(p) = rules.evaluation_interval(era.grade) {
                let base = d.evaluated.as_ref().map_or(era.since, |(date, _)| *date);
                d.evaluation_due = Some(p.after(base));
            }
            if let Some(p) = rules.inspection_interval(era.grade) {
                d.inspection_due = Some(p.after(d.inspected.unwrap_or(era.since)));
            }
        }
        d
    }

    /// The findings of the grading check for this system on `as_of`.
    pub fn check(&self, rules: &Ruleset, as_of: NaiveDate) -> Vec<Finding> {
        let mut out = Vec::new();
        let name = &self.name;
        let finding = |sev, subject: String, msg: String, zh: String, req| {
            Finding::new("grade", sev, subject, msg, req).zh(zh)
        };
        let fs = self.filing_state(rules);
        match fs.cancel {
            Some((Some(since), Some(due))) => out.push(finding(
                if as_of > due {
                    Severity::Critical
                } else {
                    Severity::Warning
                },
                name.clone(),
                format!(
                    "fell below grade {} on {since} and its filing is not cancelled (撤销备案); the cancellation is due by {due}; record it with `infogov grade cancel {name}`",
                    rules.filing_from_grade
                ),
                format!("{since} 起定级低于第{}级，备案尚未撤销；应于 {due} 前办理撤销备案", rules.filing_from_grade),
                "GRD-3",
            )),
            Some(_) => out.push(finding(
                Severity::Warning,
                name.clone(),
                format!(
                    "is retired and its filing is not cancelled (撤销备案); record it with `infogov grade cancel {name}`"
                ),
                "已退役，备案尚未撤销".to_string(),
                "GRD-3",
            )),
            None => {}
        }
        if self.stage == "retired" {
            return out;
        }
        let d = self.duties(rules);
        let Some(era) = d.era else {
            if self.stage == "in-service" {
                out.push(finding(
                    Severity::Critical,
                    name.clone(),
                    "is in service with no grade (定级); grade it with `infogov grade assess`"
                        .to_string(),
                    "已投入运行但未定级；请用 `infogov grade assess` 定级".to_string(),
                    "GRD-1",
                ));
            }
            return out;
        };
        let g = era.grade;
        let g_zh = grade_ordinal_zh(g);
        if let Some(m) = &rules.minimum
            && g < m.grade
            && m.systems.iter().any(|s| s == name)
        {
            out.push(finding(
                Severity::Warning,
                name.clone(),
                format!(
                    "is graded {g}, below the sector minimum of grade {} for its core systems ({}); re-assess it",
                    m.grade, m.source
                ),
                format!(
                    "定为{g_zh}，低于行业对核心系统的最低要求{}（{}）",
                    grade_ordinal_zh(m.grade),
                    m.source
                ),
                "GRD-1",
            ));
        }
        if let Some(r) = &fs.regrade {
            out.push(finding(
                Severity::Critical,
                name.clone(),
                format!(
                    "its filing was rejected on {} ({}); re-grade it (重新定级) with `infogov grade assess {name}`, then file again",
                    r.date, r.reason
                ),
                format!("{} 备案未通过（{}）；请重新定级后再备案", r.date, r.reason),
                "GRD-3",
            ));
        }
        if let Some(c) = &fs.reassess {
            out.push(finding(
                Severity::Warning,
                name.clone(),
                format!(
                    "changed materially on {} ({}: {}); re-assess the grading with `infogov grade assess {name}`",
                    c.date, c.kind, c.detail
                ),
                format!("{} 发生重大变更（{}：{}）；请重新评估定级", c.date, c.kind, c.detail),
                "GRD-1",
            ));
        }
        if g >= 2
            && let Some(f) = self
                .filed_with
                .iter()
                .filter(|f| f.grade == g && f.date >= era.since)
                .max_by_key(|f| f.date)
        {
            let missing = missing_materials(f, rules.supervisor.is_some());
            if !missing.is_empty() {
                out.push(finding(
                    Severity::Warning,
                    name.clone(),
                    format!(
                        "the filing of {} (grade {g}) was made without {}",
                        f.date,
                        missing.join(", ")
                    ),
                    format!("{} 的备案（{g_zh}）缺少：{}", f.date, missing.join("、")),
                    "GRD-3",
                ));
            }
        }
        if let Some((call, due)) = fs.open {
            let since = if call == era.since {
                format!("since {}", era.since)
            } else {
                format!("re-graded {call}; a change filing, 变更备案")
            };
            let since_zh = if call == era.since {
                format!("{} 起", era.since)
            } else {
                format!("{call} 重新定级，需变更备案")
            };
            if as_of > due {
                out.push(finding(
                    Severity::Critical,
                    name.clone(),
                    format!("grade {g} ({since}) is not filed (备案); the filing was due by {due}"),
                    format!("定为{g_zh}（{since_zh}）尚未备案；备案期限 {due} 已过"),
                    "GRD-3",
                ));
            } else if as_of >= rules.filing_warning.before(due) {
                out.push(finding(
                    Severity::Warning,
                    name.clone(),
                    format!(
                        "grade {g} ({since}) is not filed (备案); the filing is due by {due} ({})",
                        in_days(as_of, due)
                    ),
                    format!(
                        "定为{g_zh}（{since_zh}）尚未备案；备案期限为 {due}（{}）",
                        in_days_zh(as_of, due)
                    ),
                    "GRD-3",
                ));
            }
        }
        if let Some(due) = d.evaluation_due {
            let (last, last_zh) = match &d.evaluated {
                Some((date, result)) => (
                    format!("last {date}, {result}"),
                    format!("上次 {date}，结论{}", result_zh(result)),
                ),
                None => (
                    format!("none since grade {g} was set on {}", era.since),
                    format!("自 {} 定为{g_zh}以来未测评", era.since),
                ),
            };
            if as_of > due {
                out.push(finding(
                    Severity::Critical,
                    name.clone(),
                    format!("evaluation (等级测评) is overdue: it was due by {due} ({last})"),
                    format!("等级测评已逾期：应于 {due} 前完成（{last_zh}）"),
                    "GRD-4",
                ));
            } else if as_of >= rules.evaluation_warning.before(due) {
                out.push(finding(
                    Severity::Warning,
                    name.clone(),
                    format!(
                        "evaluation (等级测评) is due by {due}, {} ({last})",
                        in_days(as_of, due)
                    ),
                    format!(
                        "等级测评应于 {due} 前完成，{}（{last_zh}）",
                        in_days_zh(as_of, due)
                    ),
                    "GRD-4",
                ));
            }
        }
        if let Some(e) = self.evaluations.iter().max_by_key(|e| (e.date, e.id))
            && e.result == "nonconform"
            && e.rectifications == 0
        {
            out.push(finding(
                Severity::Critical,
                name.clone(),
                format!(
                    "evaluation {} of {} found it nonconforming and has no rectification item (整改); add one with `infogov grade rectify add {name} --from-evaluation {}`",
                    e.id, e.date, e.id
                ),
                format!(
                    "{} 的第 {} 号等级测评结论为不符合，但未登记整改事项；请用 `infogov grade rectify add {name} --from-evaluation {}` 添加",
                    e.date, e.id, e.id
                ),
                "GRD-5",
            ));
        }
        if let Some(due) = d.inspection_due
            && as_of > due
        {
            let (last, last_zh) = match d.inspected {
                Some(date) => (format!("last {date}"), format!("上次 {date}")),
                None => (
                    format!("none since grade {g} was set on {}", era.since),
                    format!("自 {} 定为{g_zh}以来未自查", era.since),
                ),
            };
            out.push(finding(
                Severity::Warning,
                name.clone(),
                format!("self-inspection (自查) is overdue: it was due by {due} ({last})"),
                format!("自查已逾期：应于 {due} 前完成（{last_zh}）"),
                "GRD-5",
            ));
        }
        for r in self.rectifications.iter().filter(|r| r.done.is_none()) {
            if as_of <= r.due {
                continue;
            }
            let late = (as_of - r.due).num_days();
            let sev = if as_of >= rules.rectification_critical.after(r.due) {
                Severity::Critical
            } else {
                Severity::Warning
            };
            out.push(finding(
                sev,
                format!("{name} rectification {}", r.id),
                format!(
                    "{:?} was due by {} and is {late} day{} past due (整改)",
                    r.item,
                    r.due,
                    if late == 1 { "" } else { "s" }
                ),
                format!(
                    "整改事项“{}”应于 {} 前完成，已逾期 {late} 天",
                    r.item, r.due
                ),
                "GRD-5",
            ));
        }
        out
    }
}

fn in_days(as_of: NaiveDate, due: NaiveDate) -> String {
    match (due - as_of).num_days() {
        0 => "today".to_string(),
        1 => "in 1 day".to_string(),
        n => format!("in {n} days"),
    }
}

fn in_days_zh(as_of: NaiveDate, due: NaiveDate) -> String {
    match (due - as_of).num_days() {
        0 => "今天到期".to_string(),
        n => format!("还有 {n} 天"),
    }
}

/// A grade as the regulation writes it: 第三级.
pub fn grade_ordinal_zh(grade: u8) -> &'static str {
    match grade {
        1 => "第一级",
        2 => "第二级",
        3 => "第三级",
        4 => "第四级",
        5 => "第五级",
        _ => "",
    }
}

/// An evaluation result (one of [`RESULTS`]) in the words of the report.
pub fn result_zh(result: &str) -> &str {
    match result {
        "conform" => "符合",
        "basic" => "基本符合",
        "nonconform" => "不符合",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn all_nine_cells_of_the_matrix() {
        use Harm::*;
        use HarmedObject::*;
        let expect = [
            (Citizen, [1, 2, 2]),
            (Society, [2, 3, 4]),
            (Nation, [3, 4, 5]),
        ];
        for (object, row) in expect {
            for (harm, g) in [General, Serious, Severe].into_iter().zip(row) {
                assert_eq!(sub_grade(object, harm), g, "{object:?} {harm:?}");
            }
        }
    }

    #[test]
    fn the_grade_is_the_higher_sub_grade() {
        for i in 1..=5 {
            for s in 1..=5 {
                assert_eq!(overall(i, s), i.max(s));
            }
        }
        let g = Grading {
            info_object: HarmedObject::Society,
            info_harm: Harm::Serious,
            service_object: HarmedObject::Citizen,
            service_harm: Harm::Severe,
        };
        assert_eq!((g.info_grade(), g.service_grade(), g.grade()), (3, 2, 3));
        assert_eq!(
            g.summary(),
            "S3A2 -> grade 3 监督保护级 (supervised protection)"
        );
        let g = Grading {
            info_object: HarmedObject::Citizen,
            info_harm: Harm::General,
            service_object: HarmedObject::Nation,
            service_harm: Harm::General,
        };
        assert_eq!(sub_grades(g.info_grade(), g.service_grade()), "S1A3");
        assert_eq!(g.grade(), 3);
    }

    #[test]
    fn names_and_bad_words() {
        let names: Vec<&str> = (1..=5).map(grade_name).collect();
        assert_eq!(
            names,
            [
                "自主保护级",
                "指导保护级",
                "监督保护级",
                "强制保护级",
                "专控保护级"
            ]
        );
        let e = HarmedObject::parse("--info-object", "people").unwrap_err();
        assert_eq!(
            e.to_string(),
            "--info-object: \"people\" is not a harmed object; expected citizen, society or nation"
        );
        assert!(Harm::parse("--info-harm", "catastrophic").is_err());
        assert_eq!(Harm::parse("x", "severe").unwrap(), Harm::Severe);
    }

    #[test]
    fn periods() {
        assert_eq!(
            Period::parse("x", "30d").unwrap().after(date("2026-01-10")),
            date("2026-02-09")
        );
        assert_eq!(
            Period::parse("x", "1y").unwrap().after(date("2024-02-29")),
            date("2025-02-28")
        );
        // Friday 2026-01-09 + 10 working days = Friday 2026-01-23.
        let wd = Period::parse("x", "10wd").unwrap();
        assert_eq!(wd.after(date("2026-01-09")), date("2026-01-23"));
        assert_eq!(wd.before(date("2026-01-23")), date("2026-01-09"));
        assert_eq!(wd.to_string(), "10wd");
        assert_eq!(
            Period::parse("x", "7d").unwrap().before(date("2026-03-01")),
            date("2026-02-22")
        );
        assert!(Period::parse("x", "12h").is_err());
        assert!(Period::parse("x", "0wd").is_err());
        assert!(Period::parse("x", "soon").is_err());
    }

    fn facts(stage: &str, grades: &[(&str, u8)]) -> SystemFacts {
        SystemFacts {
            name: "HIS".into(),
            stage: stage.into(),
            assessments: grades
                .iter()
                .map(|(d, g)| Dated {
                    date: date(d),
                    grade: *g,
                })
                .collect(),
            ..SystemFacts::default()
        }
    }

    fn severities(f: &SystemFacts, as_of: &str) -> Vec<(Severity, &'static str)> {
        f.check(&Ruleset::default(), date(as_of))
            .into_iter()
            .map(|x| (x.severity, x.requirement))
            .collect()
    }

    #[test]
    fn the_era_starts_when_the_grade_changes() {
        let f = facts(
            "in-service",
            &[("2020-01-01", 2), ("2025-01-01", 3), ("2026-01-01", 3)],
        );
        assert_eq!(
            f.era(),
            Some(Era {
                grade: 3,
                since: date("2025-01-01")
            })
        );
        assert_eq!(facts("in-service", &[]).era(), None);
    }

    #[test]
    fn filing_boundaries() {
        let mut f = facts("design", &[("2026-01-10", 2)]);
        // due 2026-02-09; warning from 2026-02-02
        assert_eq!(severities(&f, "2026-02-01"), vec![]);
        assert_eq!(
            severities(&f, "2026-02-02"),
            vec![(Severity::Warning, "GRD-3")]
        );
        assert_eq!(
            severities(&f, "2026-02-09"),
            vec![(Severity::Warning, "GRD-3")]
        );
        assert_eq!(
            severities(&f, "2026-02-10"),
            vec![(Severity::Critical, "GRD-3")]
        );
        f.filings.push(Dated {
            date: date("2026-02-20"),
            grade: 2,
        });
        assert_eq!(severities(&f, "2026-02-21"), vec![]);
        // A grade-1 system need not be filed.
        assert_eq!(
            severities(&facts("design", &[("2026-01-10", 1)]), "2027-01-01"),
            vec![]
        );
    }

    #[test]
    fn working_day_filing_deadline() {
        let rules = Ruleset {
            filing_deadline: Period::WorkingDays(10),
            ..Ruleset::default()
        };
        let f = facts("design", &[("2026-01-09", 2)]);
        assert_eq!(f.duties(&rules).filing_due, Some(date("2026-01-23")));
        // Warned two working days before: from Wednesday 2026-01-21.
        let rules = Ruleset {
            filing_warning: Period::WorkingDays(2),
            ..rules
        };
        let at = |d: &str| -> Vec<(Severity, &'static str)> {
            f.check(&rules, date(d))
                .into_iter()
                .map(|x| (x.severity, x.requirement))
                .collect()
        };
        assert_eq!(at("2026-01-20"), vec![]);
        assert_eq!(at("2026-01-21"), vec![(Severity::Warning, "GRD-3")]);
        assert_eq!(at("2026-01-23"), vec![(Severity::Warning, "GRD-3")]);
        assert_eq!(at("2026-01-24"), vec![(Severity::Critical, "GRD-3")]);
    }

    #[test]
    fn grade_two_is_evaluated_every_two_years() {
        let mut f = facts("in-service", &[("2026-01-10", 2)]);
        f.filings.push(Dated {
            date: date("2026-01-20"),
            grade: 2,
        });
        f.inspections.push(Dated {
            date: date("2027-12-01"),
            grade: 2,
        });
        // due 2028-01-10; warning from 2027-12-11
        assert_eq!(severities(&f, "2027-12-10"), vec![]);
        assert_eq!(
            severities(&f, "2027-12-11"),
            vec![(Severity::Warning, "GRD-4")]
        );
        assert_eq!(
            severities(&f, "2028-01-10"),
            vec![(Severity::Warning, "GRD-4")]
        );
        assert_eq!(
            severities(&f, "2028-01-11"),
            vec![(Severity::Critical, "GRD-4")]
        );
    }

    #[test]
    fn self_inspection_boundaries() {
        // Grade 1: no filing or evaluation, a self-inspection every year
        // from the grading, then from the last inspection.
        let mut f = facts("in-service", &[("2026-01-10", 1)]);
        assert_eq!(severities(&f, "2027-01-10"), vec![]);
        assert_eq!(
            severities(&f, "2027-01-11"),
            vec![(Severity::Warning, "GRD-5")]
        );
        f.inspections.push(Dated {
            date: date("2027-01-11"),
            grade: 1,
        });
        assert_eq!(severities(&f, "2027-01-11"), vec![]);
        assert_eq!(severities(&f, "2028-01-11"), vec![]);
        assert_eq!(
            severities(&f, "2028-01-12"),
            vec![(Severity::Warning, "GRD-5")]
        );
    }

    #[test]
    fn the_next_evaluation_is_due_a_year_after_the_last() {
        let mut f = facts("in-service", &[("2025-01-10", 3)]);
        f.filings.push(Dated {
            date: date("2025-01-20"),
            grade: 3,
        });
        f.inspections.push(Dated {
            date: date("2026-11-30"),
            grade: 3,
        });
        f.evaluations.push(EvaluationFact {
            id: 1,
            date: date("2026-01-11"),
            grade: 3,
            result: "basic".into(),
            rectifications: 0,
        });
        // due 2027-01-11; warning from 2026-12-12
        assert_eq!(severities(&f, "2026-12-11"), vec![]);
        assert_eq!(
            severities(&f, "2026-12-12"),
            vec![(Severity::Warning, "GRD-4")]
        );
        assert_eq!(
            severities(&f, "2027-01-12"),
            vec![(Severity::Critical, "GRD-4")]
        );
    }

    #[test]
    fn evaluation_and_inspection_boundaries() {
        let mut f = facts("in-service", &[("2025-01-10", 3)]);
        f.filings.push(Dated {
            date: date("2025-01-20"),
            grade: 3,
        });
        f.inspections.push(Dated {
            date: date("2025-12-01"),
            grade: 3,
        });
        // first evaluation due 2026-01-10; warning from 2025-12-11
        assert_eq!(severities(&f, "2025-12-10"), vec![]);
        assert_eq!(
            severities(&f, "2025-12-11"),
            vec![(Severity::Warning, "GRD-4")]
        );
        assert_eq!(
            severities(&f, "2026-01-10"),
            vec![(Severity::Warning, "GRD-4")]
        );
        assert_eq!(
            severities(&f, "2026-01-11"),
            vec![(Severity::Critical, "GRD-4")]
        );
        f.evaluations.push(EvaluationFact {
            id: 1,
            date: date("2026-01-05"),
            grade: 3,
            result: "conform".into(),
            rectifications: 0,
        });
        assert_eq!(severities(&f, "2026-01-11"), vec![]);
        // inspection due 2026-12-01: WARNING the day after
        assert_eq!(severities(&f, "2026-12-01"), vec![]);
        assert_eq!(
            severities(&f, "2026-12-02"),
            vec![(Severity::Warning, "GRD-5")]
        );
    }

    #[test]
    fn grade_4_is_evaluated_and_inspected_every_half_year() {
        // 公通字[2007]43号 art. 14: graded 2026-01-10, both due 2026-07-10.
        let mut f = facts("in-service", &[("2026-01-10", 4)]);
        f.filings.push(Dated {
            date: date("2026-01-20"),
            grade: 4,
        });
        let d = f.duties(&Ruleset::default());
        assert_eq!(d.evaluation_due, Some(date("2026-07-10")));
        assert_eq!(d.inspection_due, Some(date("2026-07-10")));
        let req = |day| {
            f.check(&Ruleset::default(), date(day))
                .into_iter()
                .filter(|x| x.severity == Severity::Critical)
                .map(|x| x.requirement)
                .collect::<Vec<_>>()
        };
        assert_eq!(req("2026-07-10"), Vec::<&str>::new());
        assert_eq!(req("2026-07-11"), vec!["GRD-4"]);
        // grade 3 stays yearly
        let g = facts("in-service", &[("2026-01-10", 3)]);
        assert_eq!(
            g.duties(&Ruleset::default()).evaluation_due,
            Some(date("2027-01-10"))
        );
    }

    #[test]
    fn a_core_system_below_the_sector_minimum() {
        let rules = Ruleset {
            minimum: Some(SectorMinimum {
                grade: 3,
                systems: vec!["HIS".into()],
                source: "卫办发〔2011〕85号".into(),
            }),
            ..Ruleset::default()
        };
        let below = |grade: u8| {
            facts("design", &[("2026-01-10", grade)])
                .check(&rules, date("2026-01-11"))
                .into_iter()
                .any(|f| f.message.contains("below the sector minimum"))
        };
        assert!(below(2));
        assert!(!below(3));
        assert!(rules.same_rules(&Ruleset::default()));
    }

    #[test]
    fn rectification_boundaries() {
        let mut f = facts("in-service", &[("2026-01-10", 1)]);
        f.inspections.push(Dated {
            date: date("2026-01-10"),
            grade: 1,
        });
        f.rectifications.push(RectificationFact {
            id: 4,
            item: "patch".into(),
            due: date("2026-03-01"),
            done: None,
        });
        assert_eq!(severities(&f, "2026-03-01"), vec![]);
        assert_eq!(
            severities(&f, "2026-03-02"),
            vec![(Severity::Warning, "GRD-5")]
        );
        assert_eq!(
            severities(&f, "2026-03-30"),
            vec![(Severity::Warning, "GRD-5")]
        );
        assert_eq!(
            severities(&f, "2026-03-31"),
            vec![(Severity::Critical, "GRD-5")]
        );
        f.rectifications[0].done = Some(date("2026-03-31"));
        assert_eq!(severities(&f, "2026-04-01"), vec![]);
    }

    #[test]
    fn retired_systems_have_no_duties() {
        let f = facts("retired", &[("2020-01-10", 3)]);
        assert_eq!(severities(&f, "2026-01-01"), vec![]);
        assert_eq!(
            severities(&facts("in-service", &[]), "2026-01-01"),
            vec![(Severity::Critical, "GRD-1")]
        );
        assert_eq!(severities(&facts("design", &[]), "2026-01-01"), vec![]);
    }
}
