//! Security grading (GRD-1..GRD-6): assessments, expert reviews and approvals,
//! filings, evaluations, self-inspections and rectification items. The rules
//! (the matrix, the deadlines) are in `domain::grading`; this is their SQL.

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::audit::{
    GRADE_ASSESSMENT, GRADE_EVALUATION, GRADE_FILING, GRADE_INSPECTION, GRADE_RECTIFICATION, SYSTEM,
};
use super::correction::{live, void_note};
use super::{Tx, opt_text};
use crate::domain::findings::Finding;
use crate::domain::grading::{
    Dated, EvaluationFact, Grading, RectificationFact, Ruleset, SystemFacts, grade_name,
    grade_name_en, sub_grades,
};
use crate::rows::{Rows, Value};

pub mod lifecycle;
use crate::domain::grading::Step;

/// An information system as grading sees it.
#[derive(Debug, Clone)]
pub struct System {
    pub id: i64,
    pub name: String,
    pub stage: String,
}

pub fn system(conn: &Connection, field: &str, name: &str) -> Result<System> {
    conn.prepare_cached("SELECT id, name, stage FROM system WHERE name = ?1")?
        .query_row([name.trim()], |r| {
            Ok(System {
                id: r.get(0)?,
                name: r.get(1)?,
                stage: r.get(2)?,
            })
        })
        .optional()
        .context("looking up an information system")?
        .with_context(|| {
            format!("{field}: no information system {name:?}; add it with `infogov system add`")
        })
}

pub(crate) fn date_of(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .with_context(|| format!("the register holds a malformed date {s:?}"))
}

/// The assessment in force on a date: the newest dated on or before it.
#[derive(Debug, Clone)]
pub struct InForce {
    pub id: i64,
    pub date: String,
    pub grade: u8,
    pub review_date: Option<String>,
    pub approval_date: Option<String>,
}

pub fn in_force(conn: &Connection, system: i64, on: Option<NaiveDate>) -> Result<Option<InForce>> {
    conn.prepare_cached(&format!(
        "SELECT id, date, grade, review_date, approval_date FROM grade_assessment a
         WHERE system_id = ?1 AND (?2 IS NULL OR date <= ?2) AND {}
         ORDER BY date DESC, id DESC LIMIT 1",
        live("grade_assessment", "a")
    ))?
    .query_row(params![system, on.map(|d| d.to_string())], |r| {
        Ok(InForce {
            id: r.get(0)?,
            date: r.get(1)?,
            grade: r.get(2)?,
            review_date: r.get(3)?,
            approval_date: r.get(4)?,
        })
    })
    .optional()
    .context("finding the system's grade")
}

/// The assessment in force on `date`, or an error saying the system was not
/// yet graded then.
pub(crate) fn graded_on(
    conn: &Connection,
    sys: &System,
    date: NaiveDate,
    what: &str,
) -> Result<InForce> {
    if let Some(a) = in_force(conn, sys.id, Some(date))? {
        return Ok(a);
    }
    match in_force(conn, sys.id, None)? {
        Some(first) => bail!(
            "--date: {} was not graded on {date} (its first grading is dated {}); {what} is made against a grade",
            sys.name,
            first_grading(conn, sys.id)?.unwrap_or(first.date)
        ),
        None => bail!(
            "SYSTEM: {} has no grade; grade it first with `infogov grade assess {}` ({what} is made against a grade)",
            sys.name,
            sys.name
        ),
    }
}

fn first_grading(conn: &Connection, system: i64) -> Result<Option<String>> {
    conn.query_row(
        &format!(
            "SELECT min(date) FROM grade_assessment a WHERE system_id = ?1 AND {}",
            live("grade_assessment", "a")
        ),
        [system],
        |r| r.get(0),
    )
    .context("finding the first grading")
}

pub fn assess(
    tx: &mut Tx<'_>,
    sys: &System,
    g: &Grading,
    date: NaiveDate,
    rationale: Option<&str>,
    ruleset: &str,
) -> Result<i64> {
    tx.insert(
        GRADE_ASSESSMENT,
        "INSERT INTO grade_assessment (system_id, date, info_object, info_harm, info_grade,
             service_object, service_harm, service_grade, grade, rationale, ruleset)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            sys.id,
            date.to_string(),
            g.info_object.as_str(),
            g.info_harm.as_str(),
            g.info_grade(),
            g.service_object.as_str(),
            g.service_harm.as_str(),
            g.service_grade(),
            g.grade(),
            rationale,
            ruleset
        ],
    )
}

/// One assessment as a record.
pub fn assessment(conn: &Connection, id: i64) -> Result<Rows> {
    let mut rows = Rows::new(&[
        "id",
        "system",
        "date",
        "info_object",
        "info_harm",
        "info_grade",
        "service_object",
        "service_harm",
        "service_grade",
        "grade",
        "sub_grades",
        "grade_name",
        "rationale",
        "ruleset",
        "review_date",
        "review_experts",
        "review_opinion",
        "approval_date",
        "approval_authority",
        "approval_reference",
    ]);
    conn.prepare(
        "SELECT a.id, s.name, a.date, a.info_object, a.info_harm, a.info_grade,
                a.service_object, a.service_harm, a.service_grade, a.grade, a.rationale, a.ruleset,
                a.review_date, a.review_experts, a.review_opinion,
                a.approval_date, a.approval_authority, a.approval_reference
         FROM grade_assessment a JOIN system s ON s.id = a.system_id WHERE a.id = ?1",
    )?
    .query_row([id], |r| {
        let info: u8 = r.get(5)?;
        let service: u8 = r.get(8)?;
        let grade: u8 = r.get(9)?;
        rows.push(vec![
            Value::Int(r.get(0)?),
            Value::Text(r.get(1)?),
            Value::Text(r.get(2)?),
            Value::Text(r.get(3)?),
            Value::Text(r.get(4)?),
            Value::Int(info.into()),
            Value::Text(r.get(6)?),
            Value::Text(r.get(7)?),
            Value::Int(service.into()),
            Value::Int(grade.into()),
            sub_grades(info, service).into(),
            grade_name(grade).into(),
            opt_text(r, 10)?.into(),
            Value::Text(r.get(11)?),
            opt_text(r, 12)?.into(),
            opt_text(r, 13)?.into(),
            opt_text(r, 14)?.into(),
            opt_text(r, 15)?.into(),
            opt_text(r, 16)?.into(),
            opt_text(r, 17)?.into(),
        ]);
        Ok(())
    })
    .context("reading an assessment")?;
    Ok(rows)
}

/// Records the expert review (专家评审) of the assessment in force on `date`.
pub fn review(
    tx: &mut Tx<'_>,
    sys: &System,
    date: NaiveDate,
    experts: &str,
    opinion: Option<&str>,
) -> Result<i64> {
    let a = graded_on(tx.conn(), sys, date, "an expert review")?;
    if let Some(d) = &a.review_date {
        bail!(
            "SYSTEM: the grading of {} dated {} was already reviewed by experts on {d}; a new review follows a new grading",
            sys.name,
            a.date
        );
    }
    lifecycle::in_order(tx.conn(), sys, &a, Step::Review, date)?;
    tx.update(
        GRADE_ASSESSMENT,
        "UPDATE grade_assessment SET review_date = ?2, review_experts = ?3, review_opinion = ?4
         WHERE id = ?1 RETURNING *",
        params![a.id, date.to_string(), experts, opinion],
    )
}

/// Records the competent authority's approval (主管部门审核) of the
/// assessment in force on `date`.
pub fn approve(
    tx: &mut Tx<'_>,
    sys: &System,
    date: NaiveDate,
    authority: &str,
    reference: Option<&str>,
) -> Result<i64> {
    let a = graded_on(tx.conn(), sys, date, "an approval")?;
    if let Some(d) = &a.approval_date {
        bail!(
            "SYSTEM: the grading of {} dated {} was already approved on {d}; a new approval follows a new grading",
            sys.name,
            a.date
        );
    }
    lifecycle::in_order(tx.conn(), sys, &a, Step::Approval, date)?;
    tx.update(
        GRADE_ASSESSMENT,
        "UPDATE grade_assessment SET approval_date = ?2, approval_authority = ?3, approval_reference = ?4
         WHERE id = ?1 RETURNING *",
        params![a.id, date.to_string(), authority, reference],
    )
}

/// Records a filing (备案); returns its id and the assessment filed.
pub fn file(
    tx: &mut Tx<'_>,
    sys: &System,
    date: NaiveDate,
    authority: &str,
    number: &str,
) -> Result<(i64, InForce)> {
    let a = graded_on(tx.conn(), sys, date, "a filing")?;
    lifecycle::in_order(tx.conn(), sys, &a, Step::Filing, date)?;
    let rejected: Option<String> = tx
        .conn()
        .query_row(
            "SELECT max(date) FROM grade_filing_rejection WHERE assessment_id = ?1",
            [a.id],
            |r| r.get(0),
        )
        .context("looking up rejections of the grading's filing")?;
    if let Some(r) = rejected {
        bail!(
            "SYSTEM: the filing of {}'s grading dated {} was rejected on {r}; re-grade it with `infogov grade assess {}` and file the new grading",
            sys.name,
            a.date,
            sys.name
        );
    }
    let id = tx.insert(
        GRADE_FILING,
        "INSERT INTO grade_filing (system_id, assessment_id, date, authority, number)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![sys.id, a.id, date.to_string(), authority, number],
    )?;
    Ok((id, a))
}

pub struct Evaluation<'a> {
    pub date: NaiveDate,
    pub agency: &'a str,
    pub result: &'a str,
    pub score: Option<f64>,
    pub report: Option<&'a str>,
}

/// Records an evaluation (等级测评); returns its id and the grade evaluated against.
pub fn evaluate(tx: &mut Tx<'_>, sys: &System, e: &Evaluation<'_>) -> Result<(i64, u8)> {
    let a = graded_on(tx.conn(), sys, e.date, "an evaluation")?;
    let id = tx.insert(
        GRADE_EVALUATION,
        "INSERT INTO grade_evaluation (system_id, assessment_id, date, agency, result, score, report)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            sys.id,
            a.id,
            e.date.to_string(),
            e.agency,
            e.result,
            e.score,
            e.report
        ],
    )?;
    Ok((id, a.grade))
}

/// Records a self-inspection (自查); returns its id and the grade inspected against.
pub fn inspect(
    tx: &mut Tx<'_>,
    sys: &System,
    date: NaiveDate,
    findings: &str,
) -> Result<(i64, u8)> {
    let a = graded_on(tx.conn(), sys, date, "a self-inspection")?;
    let id = tx.insert(
        GRADE_INSPECTION,
        "INSERT INTO grade_inspection (system_id, assessment_id, date, findings)
         VALUES (?1, ?2, ?3, ?4)",
        params![sys.id, a.id, date.to_string(), findings],
    )?;
    Ok((id, a.grade))
}

/// Where a rectification item comes from.
#[derive(Debug, Clone, Copy)]
pub enum Source {
    None,
    Evaluation(i64),
    Inspection(i64),
}

pub fn rectify_add(
    tx: &mut Tx<'_>,
    sys: &System,
    item: &str,
    opened: NaiveDate,
    due: NaiveDate,
    source: Source,
) -> Result<i64> {
    if due < opened {
        bail!("--due: {due} is before the item is opened ({opened})");
    }
    let (evaluation, inspection) = match source {
        Source::None => (None, None),
        Source::Evaluation(id) => {
            source_date(
                tx.conn(),
                "grade_evaluation",
                "--from-evaluation",
                "evaluation",
                id,
                sys,
                opened,
            )?;
            (Some(id), None)
        }
        Source::Inspection(id) => {
            source_date(
                tx.conn(),
                "grade_inspection",
                "--from-inspection",
                "self-inspection",
                id,
                sys,
                opened,
            )?;
            (None, Some(id))
        }
    };
    tx.insert(
        GRADE_RECTIFICATION,
        "INSERT INTO grade_rectification (system_id, item, opened, due, evaluation_id, inspection_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![sys.id, item, opened.to_string(), due.to_string(), evaluation, inspection],
    )
}

/// Checks that the evaluation or inspection exists, is of this system, and
/// is not dated after the item opened from it.
fn source_date(
    conn: &Connection,
    table: &str,
    field: &str,
    what: &str,
    id: i64,
    sys: &System,
    opened: NaiveDate,
) -> Result<()> {
    let found: Option<(i64, String)> = conn
        .query_row(
            &format!("SELECT system_id, date FROM {table} WHERE id = ?1"),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .with_context(|| format!("looking up {what} {id}"))?;
    match found {
        None => bail!(
            "{field}: there is no {what} {id}; `infogov grade show {}` lists them",
            sys.name
        ),
        Some((s, _)) if s != sys.id => {
            bail!("{field}: {what} {id} is not of {}", sys.name)
        }
        Some((_, d)) if d.as_str() > opened.to_string().as_str() => {
            bail!("--date: the item opens on {opened}, before {what} {id} of {d} it comes from")
        }
        Some(_) => Ok(()),
    }
}

pub fn rectify_done(tx: &mut Tx<'_>, id: i64, date: NaiveDate, note: &str) -> Result<String> {
    let found: Option<(String, String, Option<String>)> = tx
        .conn()
        .query_row(
            "SELECT s.name, r.opened, r.done FROM grade_rectification r JOIN system s ON s.id = r.system_id
             WHERE r.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .context("looking up a rectification item")?;
    let (system, opened, done) = match found {
        None => bail!(
            "ID: there is no rectification item {id}; `infogov grade rectify list` lists them"
        ),
        Some(f) => f,
    };
    if let Some(d) = done {
        bail!("ID: rectification item {id} of {system} was already done on {d}");
    }
    if let Some((reason, _)) = super::correction::voided(
        tx.conn(),
        crate::domain::correction::GRADE_RECTIFICATION,
        id,
    )? {
        bail!("ID: rectification item {id} of {system} is void ({reason})");
    }
    if date < date_of(&opened)? {
        bail!("--date: {date} is before rectification item {id} was opened ({opened})");
    }
    tx.update(
        GRADE_RECTIFICATION,
        "UPDATE grade_rectification SET done = ?2, note = ?3 WHERE id = ?1 RETURNING *",
        params![id, date.to_string(), note],
    )?;
    Ok(system)
}

pub const RECTIFICATION_COLUMNS: &[&str] = &[
    "id", "system", "item", "source", "opened", "due", "status", "done", "note", "void",
];

/// Rectification items, oldest first; `status` is open, overdue or done on `as_of`.
pub fn rectify_list(
    conn: &Connection,
    system: Option<i64>,
    id: Option<i64>,
    open_only: bool,
    as_of: NaiveDate,
) -> Result<Rows> {
    let mut rows = Rows::new(RECTIFICATION_COLUMNS);
    let mut stmt = conn.prepare(&format!(
        "SELECT r.id, s.name, r.item, r.evaluation_id, r.inspection_id, r.opened, r.due, r.done, r.note, {}
         FROM grade_rectification r JOIN system s ON s.id = r.system_id
         WHERE (?1 IS NULL OR r.system_id = ?1) AND (?2 IS NULL OR r.id = ?2)
           AND (?3 = 0 OR (r.done IS NULL AND {}))
         ORDER BY r.due, r.id",
        void_note("grade_rectification", "r"),
        live("grade_rectification", "r")
    ))?;
    let mut q = stmt.query(params![system, id, open_only])?;
    while let Some(r) = q.next()? {
        let source = match (r.get::<_, Option<i64>>(3)?, r.get::<_, Option<i64>>(4)?) {
            (Some(e), _) => Value::Text(format!("evaluation {e}")),
            (_, Some(i)) => Value::Text(format!("inspection {i}")),
            _ => Value::Null,
        };
        let due: String = r.get(6)?;
        let done: Option<String> = r.get(7)?;
        let void = opt_text(r, 9)?;
        let status = match &done {
            _ if void.is_some() => "void",
            Some(_) => "done",
            None if date_of(&due)? < as_of => "overdue",
            None => "open",
        };
        rows.push(vec![
            Value::Int(r.get(0)?),
            Value::Text(r.get(1)?),
            Value::Text(r.get(2)?),
            source,
            Value::Text(r.get(5)?),
            Value::Text(due),
            status.into(),
            done.into(),
            opt_text(r, 8)?.into(),
            void.into(),
        ]);
    }
    Ok(rows)
}

/// Sets a system's lifecycle stage. GRD-6: a system is graded before it
/// goes into service.
pub fn set_stage(tx: &mut Tx<'_>, sys: &System, to: &str) -> Result<()> {
    if sys.stage == to {
        bail!("STAGE: {} is already {to}", sys.name);
    }
    if to == "in-service" && in_force(tx.conn(), sys.id, None)?.is_none() {
        bail!(
            "STAGE: {} has no grade; a system is graded before it goes into service (GRD-6): `infogov grade assess {}`",
            sys.name,
            sys.name
        );
    }
    tx.update(
        SYSTEM,
        "UPDATE system SET stage = ?2 WHERE id = ?1 RETURNING *",
        params![sys.id, to],
    )?;
    Ok(())
}

/// What the check needs of every system (or one), keyed by system id, in
/// name order.
pub fn facts(conn: &Connection, system: Option<i64>) -> Result<Vec<(i64, SystemFacts)>> {
    let mut order = Vec::new();
    let mut by_id: HashMap<i64, SystemFacts> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT id, name, stage FROM system WHERE ?1 IS NULL OR id = ?1 ORDER BY name COLLATE pinyin",
        )?;
        let mut q = stmt.query([system])?;
        while let Some(r) = q.next()? {
            let id: i64 = r.get(0)?;
            order.push(id);
            by_id.insert(
                id,
                SystemFacts {
                    name: r.get(1)?,
                    stage: r.get(2)?,
                    ..SystemFacts::default()
                },
            );
        }
    }
    load_dated(
        conn,
        system,
        &mut by_id,
        &format!(
            "SELECT system_id, date, grade FROM grade_assessment a
         WHERE (?1 IS NULL OR system_id = ?1) AND {} ORDER BY system_id, date, id",
            live("grade_assessment", "a")
        ),
        |f, d| f.assessments.push(d),
    )?;
    load_dated(
        conn,
        system,
        &mut by_id,
        &format!(
            "SELECT f.system_id, f.date, a.grade FROM grade_filing f
         JOIN grade_assessment a ON a.id = f.assessment_id
         WHERE (?1 IS NULL OR f.system_id = ?1) AND {} ORDER BY f.system_id, f.date, f.id",
            live("grade_filing", "f")
        ),
        |f, d| f.filings.push(d),
    )?;
    lifecycle::load(conn, system, &mut by_id)?;
    load_dated(
        conn,
        system,
        &mut by_id,
        &format!(
            "SELECT i.system_id, i.date, a.grade FROM grade_inspection i
         JOIN grade_assessment a ON a.id = i.assessment_id
         WHERE (?1 IS NULL OR i.system_id = ?1) AND {} ORDER BY i.system_id, i.date, i.id",
            live("grade_inspection", "i")
        ),
        |f, d| f.inspections.push(d),
    )?;
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT e.system_id, e.id, e.date, a.grade, e.result,
                    (SELECT count(*) FROM grade_rectification r WHERE r.evaluation_id = e.id AND {})
             FROM grade_evaluation e JOIN grade_assessment a ON a.id = e.assessment_id
             WHERE (?1 IS NULL OR e.system_id = ?1) AND {} ORDER BY e.system_id, e.date, e.id",
            live("grade_rectification", "r"),
            live("grade_evaluation", "e")
        ))?;
        let mut q = stmt.query([system])?;
        while let Some(r) = q.next()? {
            if let Some(f) = by_id.get_mut(&r.get::<_, i64>(0)?) {
                f.evaluations.push(EvaluationFact {
                    id: r.get(1)?,
                    date: date_of(&r.get::<_, String>(2)?)?,
                    grade: r.get(3)?,
                    result: r.get(4)?,
                    rectifications: r.get::<_, i64>(5)? as usize,
                });
            }
        }
    }
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT system_id, id, item, due, done FROM grade_rectification r
             WHERE (?1 IS NULL OR system_id = ?1) AND {} ORDER BY system_id, due, id",
            live("grade_rectification", "r")
        ))?;
        let mut q = stmt.query([system])?;
        while let Some(r) = q.next()? {
            if let Some(f) = by_id.get_mut(&r.get::<_, i64>(0)?) {
                f.rectifications.push(RectificationFact {
                    id: r.get(1)?,
                    item: r.get(2)?,
                    due: date_of(&r.get::<_, String>(3)?)?,
                    done: r
                        .get::<_, Option<String>>(4)?
                        .map(|d| date_of(&d))
                        .transpose()?,
                });
            }
        }
    }
    Ok(order
        .into_iter()
        .map(|id| {
            let f = by_id.remove(&id).expect("loaded above");
            (id, f)
        })
        .collect())
}

fn load_dated(
    conn: &Connection,
    system: Option<i64>,
    by_id: &mut HashMap<i64, SystemFacts>,
    sql: &str,
    push: impl Fn(&mut SystemFacts, Dated),
) -> Result<()> {
    let mut stmt = conn.prepare(sql).context("reading grading records")?;
    let mut q = stmt.query([system])?;
    while let Some(r) = q.next()? {
        let sid: i64 = r.get(0)?;
        let d = Dated {
            date: date_of(&r.get::<_, String>(1)?)?,
            grade: r.get(2)?,
        };
        if let Some(f) = by_id.get_mut(&sid) {
            push(f, d);
        }
    }
    Ok(())
}

/// GRD-1, GRD-3..GRD-5: the grading findings of every system on `as_of`.
/// The built-in `infogov-register` is left out unless it has been graded:
/// it is the IT office's own record-keeping, not a business system the
/// organisation files with the public security bureau, and `backup self`
/// creating it must not raise a CRITICAL finding on every register.
pub fn check(conn: &Connection, rules: &Ruleset, as_of: NaiveDate) -> Result<Vec<Finding>> {
    use crate::domain::backup::REGISTER_SYSTEM;
    Ok(facts(conn, None)?
        .into_iter()
        .flat_map(|(_, f)| {
            let f = f.as_of(as_of);
            let ungraded_builtin = f.name == REGISTER_SYSTEM && f.assessments.is_empty();
            if ungraded_builtin {
                Vec::new()
            } else {
                f.check(rules, as_of)
            }
        })
        .collect())
}

pub const LIST_COLUMNS: &[&str] = &[
    "system",
    "stage",
    "grade",
    "sub_grades",
    "grade_name",
    "graded",
    "filed",
    "filing_due",
    "filed_late",
    "evaluated",
    "result",
    "evaluation_due",
    "inspected",
    "inspection_due",
    "open_rectifications",
];

/// Every system with its grade and where it stands with its duties.
pub fn list(
    conn: &Connection,
    rules: &Ruleset,
    stage: Option<&str>,
    grade: Option<u8>,
) -> Result<Rows> {
    let mut current: HashMap<i64, (String, u8, u8, u8)> = HashMap::new();
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT system_id, date, info_grade, service_grade, grade FROM grade_assessment a
             WHERE id = (SELECT b.id FROM grade_assessment b WHERE b.system_id = a.system_id AND {}
                         ORDER BY b.date DESC, b.id DESC LIMIT 1)",
            live("grade_assessment", "b")
        ))?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            current.insert(r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
        }
    }
    let mut rows = Rows::new(LIST_COLUMNS);
    let opt_date = |d: Option<NaiveDate>| d.map_or(Value::Null, |d| Value::Text(d.to_string()));
    for (id, f) in facts(conn, None)? {
        let now = current.get(&id);
        if stage.is_some_and(|s| s != f.stage) || grade.is_some_and(|g| now.map(|c| c.3) != Some(g))
        {
            continue;
        }
        let d = f.duties(rules);
        let open = f.rectifications.iter().filter(|r| r.done.is_none()).count() as i64;
        let (graded, subs, g, name) = match now {
            Some((date, info, service, g)) => (
                Value::Text(date.clone()),
                Value::Text(sub_grades(*info, *service)),
                Value::Int((*g).into()),
                Value::Text(grade_name(*g).to_string()),
            ),
            None => (Value::Null, Value::Null, Value::Null, Value::Null),
        };
        let (evaluated, result) = match &d.evaluated {
            Some((date, result)) => (Value::Text(date.to_string()), Value::Text(result.clone())),
            None => (Value::Null, Value::Null),
        };
        rows.push(vec![
            f.name.clone().into(),
            f.stage.clone().into(),
            g,
            subs,
            name,
            graded,
            opt_date(d.filed),
            opt_date(d.filing_due),
            opt_date(f.late_filings(rules).last().map(|(_, due)| *due)),
            evaluated,
            result,
            opt_date(d.evaluation_due),
            opt_date(d.inspected),
            opt_date(d.inspection_due),
            Value::Int(open),
        ]);
    }
    Ok(rows)
}

/// The whole grading history of one system, oldest first, followed by the
/// duties that fall due under its current grade.
pub fn show(conn: &Connection, sys: &System, rules: &Ruleset) -> Result<Rows> {
    // (date, order, id, event, detail, audited entity, audit filter)
    struct Ev {
        date: String,
        ord: u8,
        id: i64,
        event: &'static str,
        detail: String,
        by: Option<String>,
    }
    let mut evs: Vec<Ev> = Vec::new();
    let actor = |entity: &str, id: i64, review: Option<&str>| -> Result<Option<String>> {
        let sql = match review {
            None => {
                "SELECT actor FROM audit_log WHERE entity = ?1 AND key = ?2 AND action = 'insert'
                     ORDER BY seq LIMIT 1"
                    .to_string()
            }
            Some(col) => format!(
                "SELECT actor FROM audit_log WHERE entity = ?1 AND key = ?2 AND action = 'update'
                 AND json_extract(row, '$.{col}') IS NOT NULL ORDER BY seq LIMIT 1"
            ),
        };
        conn.prepare_cached(&sql)?
            .query_row(params![entity, id.to_string()], |r| r.get(0))
            .optional()
            .context("reading who recorded it")
    };
    {
        let mut stmt = conn.prepare(
            "SELECT id, date, info_object, info_harm, info_grade, service_object, service_harm,
                    service_grade, grade, rationale, ruleset, review_date, review_experts,
                    review_opinion, approval_date, approval_authority, approval_reference
             FROM grade_assessment WHERE system_id = ?1",
        )?;
        let mut q = stmt.query([sys.id])?;
        while let Some(r) = q.next()? {
            let id: i64 = r.get(0)?;
            let info: u8 = r.get(4)?;
            let service: u8 = r.get(7)?;
            let g: u8 = r.get(8)?;
            let mut detail = format!(
                "{} -> grade {g} {} ({}); information: {}/{}, service: {}/{}",
                sub_grades(info, service),
                grade_name(g),
                grade_name_en(g),
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            );
            if let Some(why) = opt_text(r, 9)? {
                detail.push_str(&format!("; rationale: {why}"));
            }
            detail.push_str(&format!("; ruleset {}", r.get::<_, String>(10)?));
            evs.push(Ev {
                date: r.get(1)?,
                ord: 0,
                id,
                event: "graded",
                detail,
                by: actor("grade_assessment", id, None)?,
            });
            if let Some(d) = opt_text(r, 11)? {
                let mut detail = format!("experts: {}", r.get::<_, String>(12)?);
                if let Some(o) = opt_text(r, 13)? {
                    detail.push_str(&format!("; opinion: {o}"));
                }
                evs.push(Ev {
                    date: d,
                    ord: 1,
                    id,
                    event: "expert review",
                    detail,
                    by: actor("grade_assessment", id, Some("review_date"))?,
                });
            }
            if let Some(d) = opt_text(r, 14)? {
                let mut detail = format!("by {}", r.get::<_, String>(15)?);
                if let Some(o) = opt_text(r, 16)? {
                    detail.push_str(&format!(", reference {o}"));
                }
                evs.push(Ev {
                    date: d,
                    ord: 2,
                    id,
                    event: "approved",
                    detail,
                    by: actor("grade_assessment", id, Some("approval_date"))?,
                });
            }
        }
    }
    {
        let mut stmt = conn.prepare(
            "SELECT f.id, f.date, a.grade, f.authority, f.number
             FROM grade_filing f JOIN grade_assessment a ON a.id = f.assessment_id
             WHERE f.system_id = ?1",
        )?;
        let mut q = stmt.query([sys.id])?;
        while let Some(r) = q.next()? {
            let id: i64 = r.get(0)?;
            evs.push(Ev {
                date: r.get(1)?,
                ord: 3,
                id,
                event: "filed",
                detail: format!(
                    "grade {} with {}, number {}",
                    r.get::<_, u8>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?
                ),
                by: actor("grade_filing", id, None)?,
            });
        }
    }
    {
        let mut stmt = conn.prepare(
            "SELECT e.id, e.date, a.grade, e.agency, e.result, e.score, e.report
             FROM grade_evaluation e JOIN grade_assessment a ON a.id = e.assessment_id
             WHERE e.system_id = ?1",
        )?;
        let mut q = stmt.query([sys.id])?;
        while let Some(r) = q.next()? {
            let id: i64 = r.get(0)?;
            let mut detail = format!(
                "grade {} by {}: {}",
                r.get::<_, u8>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?
            );
            if let Some(s) = r.get::<_, Option<f64>>(5)? {
                detail.push_str(&format!(", score {}", Value::Float(s).display()));
            }
            if let Some(rep) = opt_text(r, 6)? {
                detail.push_str(&format!(", report {rep}"));
            }
            evs.push(Ev {
                date: r.get(1)?,
                ord: 4,
                id,
                event: "evaluated",
                detail,
                by: actor("grade_evaluation", id, None)?,
            });
        }
    }
    {
        let mut stmt = conn.prepare(
            "SELECT i.id, i.date, a.grade, i.findings
             FROM grade_inspection i JOIN grade_assessment a ON a.id = i.assessment_id
             WHERE i.system_id = ?1",
        )?;
        let mut q = stmt.query([sys.id])?;
        while let Some(r) = q.next()? {
            let id: i64 = r.get(0)?;
            evs.push(Ev {
                date: r.get(1)?,
                ord: 5,
                id,
                event: "self-inspected",
                detail: format!("grade {}: {}", r.get::<_, u8>(2)?, r.get::<_, String>(3)?),
                by: actor("grade_inspection", id, None)?,
            });
        }
    }
    {
        let mut stmt = conn.prepare(
            "SELECT id, item, opened, due, evaluation_id, inspection_id, done, note
             FROM grade_rectification WHERE system_id = ?1",
        )?;
        let mut q = stmt.query([sys.id])?;
        while let Some(r) = q.next()? {
            let id: i64 = r.get(0)?;
            let item: String = r.get(1)?;
            let due: String = r.get(3)?;
            let from = match (r.get::<_, Option<i64>>(4)?, r.get::<_, Option<i64>>(5)?) {
                (Some(e), _) => format!(" (from evaluation {e})"),
                (_, Some(i)) => format!(" (from self-inspection {i})"),
                _ => String::new(),
            };
            evs.push(Ev {
                date: r.get(2)?,
                ord: 6,
                id,
                event: "rectification opened",
                detail: format!("{item}, due by {due}{from}"),
                by: actor("grade_rectification", id, None)?,
            });
            match opt_text(r, 6)? {
                Some(done) => evs.push(Ev {
                    date: done,
                    ord: 7,
                    id,
                    event: "rectification done",
                    detail: format!("{item}: {}", r.get::<_, String>(7)?),
                    by: actor("grade_rectification", id, Some("done"))?,
                }),
                None => evs.push(Ev {
                    date: due,
                    ord: 9,
                    id,
                    event: "rectification due",
                    detail: item,
                    by: None,
                }),
            }
        }
    }
    for e in lifecycle::events(conn, sys)? {
        let by = actor(e.entity, e.id, None)?;
        evs.push(Ev {
            date: e.date,
            ord: e.ord,
            id: e.id,
            event: e.event,
            detail: e.detail,
            by,
        });
    }
    if let Some((_, f)) = facts(conn, Some(sys.id))?.into_iter().next() {
        // A late filing stays marked late.
        for (filed, due) in f.late_filings(rules) {
            for e in evs
                .iter_mut()
                .filter(|e| e.event == "filed" && e.date == filed.to_string())
            {
                e.detail.push_str(&format!("; late: it was due by {due}"));
            }
        }
        let d = f.duties(rules);
        if let Some(era) = d.era {
            for (due, event) in [
                (d.filing_due, "filing due"),
                (d.evaluation_due, "evaluation due"),
                (d.inspection_due, "self-inspection due"),
            ] {
                if let Some(due) = due {
                    evs.push(Ev {
                        date: due.to_string(),
                        ord: 8,
                        id: 0,
                        event,
                        detail: format!("grade {} since {}", era.grade, era.since),
                        by: None,
                    });
                }
            }
        }
    }
    evs.sort_by(|a, b| (&a.date, a.ord, a.id).cmp(&(&b.date, b.ord, b.id)));
    let mut rows = Rows::new(&["date", "event", "id", "detail", "recorded_by", "void"]);
    for e in evs {
        // The ID as `grade void` takes it: the kind's letter and the number.
        let kind = match e.event {
            _ if e.id == 0 => None,
            "graded" | "expert review" | "approved" => {
                Some(crate::domain::correction::GRADE_ASSESSMENT)
            }
            "filed" => Some(crate::domain::correction::GRADE_FILING),
            "evaluated" => Some(crate::domain::correction::GRADE_EVALUATION),
            "self-inspected" => Some(crate::domain::correction::GRADE_INSPECTION),
            "rectification opened" | "rectification done" | "rectification due" => {
                Some(crate::domain::correction::GRADE_RECTIFICATION)
            }
            // Grading reports, rejected and cancelled filings and system
            // changes are not voided from here: they show no ID.
            _ => None,
        };
        let (id, void) = match kind {
            None => (Value::Null, Value::Null),
            Some(k) => (
                Value::Text(super::correction::shown_id(k, e.id)),
                super::correction::voided(conn, k, e.id)?.map_or(Value::Null, |(reason, by)| {
                    Value::Text(format!("void: {reason} (by {by})"))
                }),
            ),
        };
        rows.push(vec![
            e.date.into(),
            e.event.into(),
            id,
            e.detail.into(),
            e.by.into(),
            void,
        ]);
    }
    Ok(rows)
}

/// The live records that name a grading record, as `grade show` shows their
/// IDs: filings, evaluations and self-inspections name an assessment;
/// rectification items name an evaluation or a self-inspection. A record
/// others rest on is not voided before them.
pub fn dependants(conn: &Connection, table: &str, id: i64) -> Result<Vec<String>> {
    use crate::domain::correction::{
        GRADE_EVALUATION, GRADE_FILING, GRADE_INSPECTION, GRADE_RECTIFICATION, Voidable,
    };
    let named: &[(Voidable, &str)] = match table {
        "grade_assessment" => &[
            (GRADE_FILING, "assessment_id"),
            (GRADE_EVALUATION, "assessment_id"),
            (GRADE_INSPECTION, "assessment_id"),
        ],
        "grade_evaluation" => &[(GRADE_RECTIFICATION, "evaluation_id")],
        "grade_inspection" => &[(GRADE_RECTIFICATION, "inspection_id")],
        _ => &[],
    };
    let mut out = Vec::new();
    for (kind, column) in named {
        let sql = format!(
            "SELECT id FROM {t} x WHERE {column} = ?1 AND {} ORDER BY id",
            live(kind.table, "x"),
            t = kind.table
        );
        let ids: Vec<i64> = conn
            .prepare(&sql)?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()
            .context("reading the records that name a grading record")?;
        out.extend(
            ids.into_iter()
                .map(|i| super::correction::shown_id(*kind, i)),
        );
    }
    Ok(out)
}
