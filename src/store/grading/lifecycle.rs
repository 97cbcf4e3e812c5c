//! The SQL of the grading procedure and the filing lifecycle: grading
//! reports, filing rejections and cancellations, material changes of a
//! system, and the order of report -> review -> approval -> filing. The
//! rules are in `domain::grading` (lifecycle).

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::super::Tx;
use super::super::audit::{
    GRADE_FILING_CANCELLATION, GRADE_FILING_REJECTION, GRADE_REPORT, SYSTEM_CHANGE,
};
use super::{InForce, System, date_of, graded_on};
use crate::domain::grading::{
    ChangeFact, FiledWith, RejectionFact, Step, SystemFacts, check_order,
};

fn opt_date(v: Option<String>) -> Result<Option<NaiveDate>> {
    v.map(|d| date_of(&d)).transpose()
}

/// The dates of an assessment's steps: report, review, approval, earliest filing.
type Steps = [Option<NaiveDate>; 4];

/// The dates of the steps of an assessment's procedure recorded so far.
pub(super) fn steps(conn: &Connection, assessment: i64) -> Result<Steps> {
    let (report, review, approval, filed): (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ) = conn
        .prepare_cached(
            "SELECT (SELECT min(date) FROM grade_report WHERE assessment_id = a.id),
                    a.review_date, a.approval_date,
                    (SELECT min(date) FROM grade_filing WHERE assessment_id = a.id)
             FROM grade_assessment a WHERE a.id = ?1",
        )?
        .query_row([assessment], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .context("reading the steps of a grading")?;
    Ok([
        opt_date(report)?,
        opt_date(review)?,
        opt_date(approval)?,
        opt_date(filed)?,
    ])
}

/// Refuses a step of the grading procedure out of order (report -> review
/// -> approval -> filing, each dated no earlier than the step before).
pub(super) fn in_order(
    conn: &Connection,
    sys: &System,
    a: &InForce,
    step: Step,
    date: NaiveDate,
) -> Result<()> {
    let [report, review, approval, filed] = steps(conn, a.id)?;
    if step == Step::Approval && review.is_none() {
        bail!(
            "--date: the grading of {} dated {} has no expert review yet; the approval follows it (`infogov grade review {}`)",
            sys.name,
            a.date,
            sys.name
        );
    }
    check_order(step, date, report, review, approval, filed)
        .map_err(|e| anyhow::anyhow!("--date: {date}: {e}"))
}

/// Records the grading report (定级报告) of the assessment in force on `date`.
pub fn report(
    tx: &mut Tx<'_>,
    sys: &System,
    date: NaiveDate,
    file: &str,
    sha256: &str,
) -> Result<(i64, InForce)> {
    let a = graded_on(tx.conn(), sys, date, "a grading report")?;
    in_order(tx.conn(), sys, &a, Step::Report, date)?;
    let id = tx.insert(
        GRADE_REPORT,
        "INSERT INTO grade_report (system_id, assessment_id, date, file, sha256)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![sys.id, a.id, date.to_string(), file, sha256],
    )?;
    Ok((id, a))
}

/// Records that the bureau turned back the filing of the grading in force
/// on `date`; the system must then be re-graded.
pub fn reject(
    tx: &mut Tx<'_>,
    sys: &System,
    date: NaiveDate,
    authority: &str,
    reason: &str,
) -> Result<(i64, InForce)> {
    let a = graded_on(tx.conn(), sys, date, "a rejected filing")?;
    let filed: Option<String> = tx
        .conn()
        .query_row(
            "SELECT max(date) FROM grade_filing WHERE assessment_id = ?1",
            [a.id],
            |r| r.get(0),
        )
        .context("looking up the grading's filing")?;
    if let Some(f) = filed {
        bail!(
            "SYSTEM: the grading of {} dated {} was filed and accepted on {f}; a rejected filing is one the bureau did not accept",
            sys.name,
            a.date
        );
    }
    let id = tx.insert(
        GRADE_FILING_REJECTION,
        "INSERT INTO grade_filing_rejection (system_id, assessment_id, date, authority, reason)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![sys.id, a.id, date.to_string(), authority, reason],
    )?;
    Ok((id, a))
}

/// Records the cancellation of the system's filing (撤销备案). There must
/// be a filing not yet cancelled, dated on or before the cancellation.
pub fn cancel(
    tx: &mut Tx<'_>,
    sys: &System,
    date: NaiveDate,
    authority: &str,
    reference: Option<&str>,
) -> Result<i64> {
    let (filed, cancelled): (Option<String>, Option<String>) = tx
        .conn()
        .query_row(
            "SELECT (SELECT max(date) FROM grade_filing WHERE system_id = ?1),
                    (SELECT max(date) FROM grade_filing_cancellation WHERE system_id = ?1)",
            [sys.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .context("looking up the system's filing")?;
    match (filed, cancelled) {
        (None, _) => bail!("SYSTEM: {} has no filing to cancel", sys.name),
        (Some(f), Some(c)) if c >= f => {
            bail!(
                "SYSTEM: the filing of {} was already cancelled on {c}",
                sys.name
            )
        }
        (Some(f), _) if date_of(&f)? > date => bail!(
            "--date: {date} is before the filing of {} on {f} it cancels",
            sys.name
        ),
        _ => {}
    }
    tx.insert(
        GRADE_FILING_CANCELLATION,
        "INSERT INTO grade_filing_cancellation (system_id, date, authority, reference)
         VALUES (?1, ?2, ?3, ?4)",
        params![sys.id, date.to_string(), authority, reference],
    )
}

/// Records a material change of a system.
pub fn change(
    tx: &mut Tx<'_>,
    sys: &System,
    date: NaiveDate,
    kind: &str,
    detail: &str,
) -> Result<i64> {
    tx.insert(
        SYSTEM_CHANGE,
        "INSERT INTO system_change (system_id, date, kind, detail) VALUES (?1, ?2, ?3, ?4)",
        params![sys.id, date.to_string(), kind, detail],
    )
}

/// Loads rejections, changes, cancellations and each filing's materials.
pub(super) fn load(
    conn: &Connection,
    system: Option<i64>,
    by_id: &mut HashMap<i64, SystemFacts>,
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT system_id, id, date, reason FROM grade_filing_rejection
         WHERE ?1 IS NULL OR system_id = ?1 ORDER BY system_id, date, id",
    )?;
    let mut q = stmt.query([system])?;
    while let Some(r) = q.next()? {
        if let Some(f) = by_id.get_mut(&r.get::<_, i64>(0)?) {
            f.rejections.push(RejectionFact {
                id: r.get(1)?,
                date: date_of(&r.get::<_, String>(2)?)?,
                reason: r.get(3)?,
            });
        }
    }
    let mut stmt = conn.prepare(
        "SELECT system_id, id, date, kind, detail FROM system_change
         WHERE ?1 IS NULL OR system_id = ?1 ORDER BY system_id, date, id",
    )?;
    let mut q = stmt.query([system])?;
    while let Some(r) = q.next()? {
        if let Some(f) = by_id.get_mut(&r.get::<_, i64>(0)?) {
            f.changes.push(ChangeFact {
                id: r.get(1)?,
                date: date_of(&r.get::<_, String>(2)?)?,
                kind: r.get(3)?,
                detail: r.get(4)?,
            });
        }
    }
    let mut stmt = conn.prepare(
        "SELECT system_id, date FROM grade_filing_cancellation
         WHERE ?1 IS NULL OR system_id = ?1 ORDER BY system_id, date, id",
    )?;
    let mut q = stmt.query([system])?;
    while let Some(r) = q.next()? {
        if let Some(f) = by_id.get_mut(&r.get::<_, i64>(0)?) {
            f.cancellations.push(date_of(&r.get::<_, String>(1)?)?);
        }
    }
    let mut stmt = conn.prepare(
        "SELECT f.system_id, f.date, a.grade,
                (SELECT min(date) FROM grade_report WHERE assessment_id = a.id),
                a.review_date, a.approval_date
         FROM grade_filing f JOIN grade_assessment a ON a.id = f.assessment_id
         WHERE ?1 IS NULL OR f.system_id = ?1 ORDER BY f.system_id, f.date, f.id",
    )?;
    let mut q = stmt.query([system])?;
    while let Some(r) = q.next()? {
        if let Some(f) = by_id.get_mut(&r.get::<_, i64>(0)?) {
            f.filed_with.push(FiledWith {
                date: date_of(&r.get::<_, String>(1)?)?,
                grade: r.get(2)?,
                report: opt_date(r.get(3)?)?,
                review: opt_date(r.get(4)?)?,
                approval: opt_date(r.get(5)?)?,
            });
        }
    }
    Ok(())
}

/// One event of `grade show` from this module's tables.
pub(super) struct Event {
    pub date: String,
    pub ord: u8,
    pub id: i64,
    pub event: &'static str,
    pub detail: String,
    pub entity: &'static str,
}

/// The grading reports, rejections, cancellations and changes of a system.
pub(super) fn events(conn: &Connection, sys: &System) -> Result<Vec<Event>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT r.id, r.date, a.grade, r.file, r.sha256 FROM grade_report r
         JOIN grade_assessment a ON a.id = r.assessment_id WHERE r.system_id = ?1",
    )?;
    let mut q = stmt.query([sys.id])?;
    while let Some(r) = q.next()? {
        out.push(Event {
            id: r.get(0)?,
            date: r.get(1)?,
            ord: 1,
            event: "grading report",
            detail: format!(
                "grade {}: {} (sha256 {})",
                r.get::<_, u8>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?
            ),
            entity: "grade_report",
        });
    }
    let mut stmt = conn.prepare(
        "SELECT r.id, r.date, a.grade, r.authority, r.reason FROM grade_filing_rejection r
         JOIN grade_assessment a ON a.id = r.assessment_id WHERE r.system_id = ?1",
    )?;
    let mut q = stmt.query([sys.id])?;
    while let Some(r) = q.next()? {
        out.push(Event {
            id: r.get(0)?,
            date: r.get(1)?,
            ord: 3,
            event: "filing rejected",
            detail: format!(
                "grade {} by {}: {}; re-grade and file again",
                r.get::<_, u8>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?
            ),
            entity: "grade_filing_rejection",
        });
    }
    let mut stmt = conn.prepare(
        "SELECT id, date, authority, reference FROM grade_filing_cancellation WHERE system_id = ?1",
    )?;
    let mut q = stmt.query([sys.id])?;
    while let Some(r) = q.next()? {
        let mut detail = format!("with {}", r.get::<_, String>(2)?);
        if let Some(reference) = r.get::<_, Option<String>>(3)? {
            detail.push_str(&format!(", reference {reference}"));
        }
        out.push(Event {
            id: r.get(0)?,
            date: r.get(1)?,
            ord: 3,
            event: "filing cancelled",
            detail,
            entity: "grade_filing_cancellation",
        });
    }
    let mut stmt =
        conn.prepare("SELECT id, date, kind, detail FROM system_change WHERE system_id = ?1")?;
    let mut q = stmt.query([sys.id])?;
    while let Some(r) = q.next()? {
        out.push(Event {
            id: r.get(0)?,
            date: r.get(1)?,
            ord: 0,
            event: "system changed",
            detail: format!("{}: {}", r.get::<_, String>(2)?, r.get::<_, String>(3)?),
            entity: "system_change",
        });
    }
    Ok(out)
}
