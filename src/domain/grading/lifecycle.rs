//! The filing lifecycle and the materials behind a filing, as plain rules
//! (公通字[2007]43号 arts. 10, 15-17; GB/T 22240-2020 the grading procedure):
//! which events call for a filing, which filing answered which call and
//! whether it was late, when a rejected filing calls for re-grading, when a
//! material change of the system calls for re-assessment, and when a filing
//! must be cancelled (撤销备案). No SQL, no terminal.

use chrono::NaiveDate;

use super::{Ruleset, SystemFacts};

/// A filing the public security bureau turned back (定级不准 or materials
/// wrong, 43号 art. 17): the system must be re-graded and filed again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectionFact {
    pub id: i64,
    pub date: NaiveDate,
    pub reason: String,
}

/// A material change of a system (new business scope, new interconnection,
/// major upgrade, a move): its grading must be re-assessed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeFact {
    pub id: i64,
    pub date: NaiveDate,
    pub kind: String,
    pub detail: String,
}

/// The kinds of material change, with their words in the report.
pub const CHANGE_KINDS: &[&str] = &[
    "business-scope",
    "interconnection",
    "upgrade",
    "move",
    "other",
];

/// A filing with the materials of the grading it filed, each by its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiledWith {
    pub date: NaiveDate,
    pub grade: u8,
    pub report: Option<NaiveDate>,
    pub review: Option<NaiveDate>,
    pub approval: Option<NaiveDate>,
}

/// The materials of a grade ≥ 2 filing that are missing, in the order of the
/// procedure: the grading report, the expert review, and the supervising
/// department's approval when the config names one.
pub fn missing_materials(f: &FiledWith, approval_required: bool) -> Vec<&'static str> {
    let mut out = Vec::new();
    if f.report.is_none() {
        out.push("the grading report (定级报告)");
    }
    if f.review.is_none() {
        out.push("the expert review (专家评审)");
    }
    if approval_required && f.approval.is_none() {
        out.push("the supervising department's approval (主管部门审核)");
    }
    out
}

/// The step of the grading procedure that must come no later than `step`
/// on `date`: report -> review -> approval -> filing. Returns the first step
/// already recorded that the new one would come before, or after when it
/// must precede: `Err(message)` names the conflict.
pub fn check_order(
    step: Step,
    date: NaiveDate,
    report: Option<NaiveDate>,
    review: Option<NaiveDate>,
    approval: Option<NaiveDate>,
    filed: Option<NaiveDate>,
) -> Result<(), String> {
    let recorded = [
        (Step::Report, report),
        (Step::Review, review),
        (Step::Approval, approval),
        (Step::Filing, filed),
    ];
    for (other, when) in recorded {
        let Some(when) = when else { continue };
        if other < step && when > date {
            return Err(format!(
                "{} comes after {} (dated {when}); the procedure is grading report -> expert review -> approval -> filing",
                step.words(),
                other.words()
            ));
        }
        if other > step && when < date {
            return Err(format!(
                "{} comes before {} (dated {when}); the procedure is grading report -> expert review -> approval -> filing",
                step.words(),
                other.words()
            ));
        }
    }
    Ok(())
}

/// The steps of the grading procedure, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Report,
    Review,
    Approval,
    Filing,
}

impl Step {
    fn words(self) -> &'static str {
        match self {
            Step::Report => "the grading report",
            Step::Review => "the expert review",
            Step::Approval => "the approval",
            Step::Filing => "the filing",
        }
    }
}

/// Where the system stands with its filing under the current grade.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilingState {
    /// The earliest call for a filing not yet answered, and its deadline.
    pub open: Option<(NaiveDate, NaiveDate)>,
    /// Each filing that answered a call, with the deadline it answered and
    /// whether it came after it: a late filing stays late.
    pub answered: Vec<(NaiveDate, NaiveDate)>,
    /// The newest rejection not yet followed by a re-grading.
    pub regrade: Option<RejectionFact>,
    /// The newest material change not yet followed by a grading decision.
    pub reassess: Option<ChangeFact>,
    /// A filing (of a grade that had to be filed) not cancelled although the
    /// system was retired or fell below the filing grade: the day it fell
    /// below (None when retired, whose day the register does not hold) and
    /// the deadline.
    pub cancel: Option<(Option<NaiveDate>, Option<NaiveDate>)>,
}

impl SystemFacts {
    /// The first grading decision dated on or after `day`.
    fn graded_from(&self, day: NaiveDate, strictly: bool) -> Option<NaiveDate> {
        self.assessments
            .iter()
            .map(|a| a.date)
            .filter(|d| if strictly { *d > day } else { *d >= day })
            .min()
    }

    /// The filing lifecycle under the current grade. A filing is called for
    /// when the grade is taken (43号 art. 15: within 30 days), again by the
    /// re-grading that follows a rejection (art. 17), and again by the
    /// grading decision that follows a material change (变更备案). A call not
    /// answered carries on: a later call does not give it a new deadline,
    /// except a rejection, which answers the call (the filing was made) and
    /// asks for re-grading instead.
    pub fn filing_state(&self, rules: &Ruleset) -> FilingState {
        let mut st = FilingState::default();
        let Some(era) = self.era() else { return st };
        if let Some(r) = self.rejections.iter().max_by_key(|r| (r.date, r.id))
            && self.graded_from(r.date, true).is_none()
        {
            st.regrade = Some(r.clone());
        }
        if let Some(c) = self.changes.iter().max_by_key(|c| (c.date, c.id))
            && self.graded_from(c.date, false).is_none()
        {
            st.reassess = Some(c.clone());
        }
        let must_file = era.grade >= rules.filing_from_grade;
        if self.stage == "retired" || !must_file {
            let filed_under_duty = |d: NaiveDate| {
                self.filings
                    .iter()
                    .any(|f| f.grade >= rules.filing_from_grade && f.date >= d)
            };
            let last_cancel = self.cancellations.iter().max().copied();
            let active = match last_cancel {
                None => filed_under_duty(NaiveDate::MIN),
                Some(c) => self
                    .filings
                    .iter()
                    .any(|f| f.grade >= rules.filing_from_grade && f.date > c),
            };
            if active {
                st.cancel = if self.stage == "retired" && must_file {
                    Some((None, None))
                } else {
                    Some((
                        Some(era.since),
                        Some(rules.filing_deadline.after(era.since)),
                    ))
                };
            }
            return st;
        }
        #[derive(PartialEq, Eq, PartialOrd, Ord)]
        enum Ev {
            Call,
            Filing,
            Rejection,
        }
        let mut evs: Vec<(NaiveDate, Ev)> = vec![(era.since, Ev::Call)];
        for r in &self.rejections {
            if r.date >= era.since {
                evs.push((r.date, Ev::Rejection));
                if let Some(d) = self.graded_from(r.date, true) {
                    evs.push((d, Ev::Call));
                }
            }
        }
        for c in &self.changes {
            if let Some(d) = self.graded_from(c.date, false)
                && d >= era.since
            {
                evs.push((d, Ev::Call));
            }
        }
        for f in &self.filings {
            if f.grade == era.grade && f.date >= era.since {
                evs.push((f.date, Ev::Filing));
            }
        }
        evs.sort();
        let mut open: Option<NaiveDate> = None;
        for (date, ev) in evs {
            match ev {
                Ev::Call => {
                    open.get_or_insert(date);
                }
                Ev::Filing => {
                    if let Some(o) = open.take() {
                        st.answered.push((date, rules.filing_deadline.after(o)));
                    }
                }
                Ev::Rejection => open = None,
            }
        }
        // While a re-grading is awaited, the call is for the re-grading.
        if st.regrade.is_none() {
            st.open = open.map(|o| (o, rules.filing_deadline.after(o)));
        }
        st
    }

    /// The filings of this system that came after their deadline: (filed, due).
    pub fn late_filings(&self, rules: &Ruleset) -> Vec<(NaiveDate, NaiveDate)> {
        self.filing_state(rules)
            .answered
            .into_iter()
            .filter(|(filed, due)| filed > due)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Dated, Severity};
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn graded(stage: &str, grades: &[(&str, u8)]) -> SystemFacts {
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

    fn filed(f: &mut SystemFacts, d: &str, grade: u8) {
        f.filings.push(Dated {
            date: date(d),
            grade,
        });
    }

    #[test]
    fn a_filing_on_day_30_is_in_time_and_on_day_31_late() {
        let rules = Ruleset::default();
        // graded 2026-01-10: due 2026-02-09 (day 30)
        let mut f = graded("in-service", &[("2026-01-10", 3)]);
        filed(&mut f, "2026-02-09", 3);
        assert_eq!(f.late_filings(&rules), vec![]);
        let mut f = graded("in-service", &[("2026-01-10", 3)]);
        filed(&mut f, "2026-02-10", 3);
        assert_eq!(
            f.late_filings(&rules),
            vec![(date("2026-02-10"), date("2026-02-09"))]
        );
        // and a later re-grading at the same grade does not clear the mark
        f.assessments.push(Dated {
            date: date("2026-06-01"),
            grade: 3,
        });
        assert_eq!(f.late_filings(&rules).len(), 1);
        assert_eq!(f.filing_state(&rules).open, None);
    }

    #[test]
    fn a_rejection_asks_for_regrading_then_a_new_filing() {
        let rules = Ruleset::default();
        let mut f = graded("in-service", &[("2026-01-10", 3)]);
        f.rejections.push(RejectionFact {
            id: 1,
            date: date("2026-02-01"),
            reason: "定级不准".into(),
        });
        let st = f.filing_state(&rules);
        assert_eq!(st.regrade.as_ref().map(|r| r.id), Some(1));
        assert_eq!(st.open, None);
        f.assessments.push(Dated {
            date: date("2026-03-01"),
            grade: 3,
        });
        let st = f.filing_state(&rules);
        assert_eq!(st.regrade, None);
        assert_eq!(st.open, Some((date("2026-03-01"), date("2026-03-31"))));
        // grading on the day of the rejection does not answer it
        let mut g = graded("in-service", &[("2026-02-01", 3)]);
        g.rejections = f.rejections.clone();
        assert!(g.filing_state(&rules).regrade.is_some());
    }

    #[test]
    fn a_material_change_asks_for_reassessment_then_a_change_filing() {
        let rules = Ruleset::default();
        let mut f = graded("in-service", &[("2026-01-10", 3)]);
        filed(&mut f, "2026-01-20", 3);
        f.changes.push(ChangeFact {
            id: 1,
            date: date("2026-05-01"),
            kind: "interconnection".into(),
            detail: "医保专线".into(),
        });
        let st = f.filing_state(&rules);
        assert_eq!(st.reassess.as_ref().map(|c| c.id), Some(1));
        assert_eq!(st.open, None);
        f.assessments.push(Dated {
            date: date("2026-05-01"),
            grade: 3,
        });
        let st = f.filing_state(&rules);
        assert_eq!(st.reassess, None);
        assert_eq!(st.open, Some((date("2026-05-01"), date("2026-05-31"))));
        // a call not answered keeps its first deadline
        let mut g = graded("in-service", &[("2026-01-10", 3), ("2026-05-01", 3)]);
        g.changes = f.changes.clone();
        assert_eq!(
            g.filing_state(&rules).open,
            Some((date("2026-01-10"), date("2026-02-09")))
        );
    }

    #[test]
    fn lowering_below_the_filing_grade_asks_for_cancellation() {
        let rules = Ruleset::default();
        let mut f = graded("in-service", &[("2025-01-10", 2), ("2026-03-01", 1)]);
        filed(&mut f, "2025-01-20", 2);
        assert_eq!(
            f.filing_state(&rules).cancel,
            Some((Some(date("2026-03-01")), Some(date("2026-03-31"))))
        );
        let sev = |f: &SystemFacts, d: &str| {
            f.check(&rules, date(d))
                .into_iter()
                .map(|x| x.severity)
                .collect::<Vec<_>>()
        };
        assert_eq!(sev(&f, "2026-03-31"), vec![Severity::Warning]);
        assert_eq!(sev(&f, "2026-04-01"), vec![Severity::Critical]);
        f.cancellations.push(date("2026-03-15"));
        assert_eq!(f.filing_state(&rules).cancel, None);
        // a voluntary grade-1 filing is not cancelled
        let mut g = graded("in-service", &[("2026-03-01", 1)]);
        filed(&mut g, "2026-03-05", 1);
        assert_eq!(g.filing_state(&rules).cancel, None);
    }

    #[test]
    fn the_order_of_the_procedure() {
        let d = date;
        assert!(
            check_order(
                Step::Review,
                d("2026-01-12"),
                Some(d("2026-01-11")),
                None,
                None,
                None
            )
            .is_ok()
        );
        let e = check_order(
            Step::Review,
            d("2026-01-25"),
            None,
            None,
            None,
            Some(d("2026-01-20")),
        )
        .unwrap_err();
        assert!(e.starts_with("the expert review comes before the filing (dated 2026-01-20)"));
        let e = check_order(
            Step::Approval,
            d("2026-01-11"),
            None,
            Some(d("2026-01-12")),
            None,
            None,
        )
        .unwrap_err();
        assert!(e.starts_with("the approval comes after the expert review (dated 2026-01-12)"));
        // the same day is allowed
        assert!(
            check_order(
                Step::Filing,
                d("2026-01-12"),
                Some(d("2026-01-12")),
                Some(d("2026-01-12")),
                Some(d("2026-01-12")),
                None
            )
            .is_ok()
        );
    }
}
