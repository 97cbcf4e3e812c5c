//! `infogov grade`: security grading (等级保护, GRD-1..GRD-6): grade a system
//! by the harm matrix, record its expert review, approval, filing,
//! evaluations, self-inspections and rectification items, and check what is due.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use dialoguer::{Confirm, Input, Select, theme::ColorfulTheme};

use super::{Ctx, run_check};
use crate::domain::grading::{
    CHANGE_KINDS, Grading, HARM_FORMS, Harm, HarmedObject, OBJECT_FORMS, RESULTS, not_future,
};
use crate::domain::time::parse_date;
use crate::i18n::tr;
use crate::rows::Rows;
use crate::store::grading::{self as st, Evaluation, Source, lifecycle};

#[derive(Debug, Subcommand)]
pub enum GradeCmd {
    /// Grade a system (定级, GRD-1, GRD-2) by the harm its compromise would do;
    /// on a terminal, a guided interview asks for what the options leave out
    Assess(AssessArgs),
    /// Record the grading report (定级报告) of a system's grading: the file is
    /// fingerprinted (SHA-256) so that the report shown later is the one recorded
    Report {
        /// The information system
        system: String,
        /// The report's file (PDF, DOCX ...)
        file: String,
        /// The report's date (YYYY-MM-DD)
        #[arg(long)]
        date: String,
    },
    /// Record the expert review (专家评审) of a system's grading
    Review {
        /// The information system
        system: String,
        /// When the experts reviewed the grading (YYYY-MM-DD)
        #[arg(long)]
        date: String,
        /// The experts, comma-separated or the option repeated
        #[arg(long, value_delimiter = ',', required = true)]
        experts: Vec<String>,
        /// Their opinion, as minuted
        #[arg(long)]
        opinion: Option<String>,
    },
    /// Record the approval of a system's grading by the competent authority (主管部门)
    Approve {
        /// The information system
        system: String,
        /// When it was approved (YYYY-MM-DD)
        #[arg(long)]
        date: String,
        /// The competent authority, e.g. 市卫生健康委员会
        #[arg(long)]
        authority: String,
        /// The approval's document number
        #[arg(long)]
        reference: Option<String>,
    },
    /// Record the filing (备案) of a system's grade with the public security
    /// bureau (GRD-3; required from grade 2, allowed for grade 1)
    File {
        /// The information system
        system: String,
        /// The filing date (YYYY-MM-DD)
        #[arg(long)]
        date: String,
        /// Where it was filed, e.g. 市公安局网安支队
        #[arg(long)]
        authority: String,
        /// The filing certificate number (备案证明编号)
        #[arg(long)]
        number: String,
    },
    /// Record that the public security bureau turned back a filing
    /// (公通字[2007]43号 art. 17); the system must be re-graded and filed again
    Reject {
        /// The information system
        system: String,
        /// When the bureau turned it back (YYYY-MM-DD)
        #[arg(long)]
        date: String,
        /// The bureau, e.g. 市公安局网安支队
        #[arg(long)]
        authority: String,
        /// Why, as the bureau wrote it (e.g. 定级不准)
        #[arg(long)]
        reason: String,
    },
    /// Record the cancellation of a system's filing (撤销备案): when it is
    /// retired or its grade falls below the filing grade
    Cancel {
        /// The information system
        system: String,
        /// When it was cancelled (YYYY-MM-DD)
        #[arg(long)]
        date: String,
        /// The bureau, e.g. 市公安局网安支队
        #[arg(long)]
        authority: String,
        /// The bureau's reference
        #[arg(long)]
        reference: Option<String>,
    },
    /// Record a material change of a system (new business scope, new
    /// interconnection, major upgrade, a move): its grading is to be re-assessed
    Change {
        /// The information system
        system: String,
        /// When it changed (YYYY-MM-DD)
        #[arg(long)]
        date: String,
        /// business-scope, interconnection, upgrade, move or other
        #[arg(long, value_parser = CHANGE_KINDS.to_vec())]
        kind: String,
        /// What changed
        #[arg(long)]
        detail: String,
    },
    /// Record an evaluation (等级测评) by an accredited agency (GRD-4)
    Evaluate {
        /// The information system
        system: String,
        /// The date of the evaluation report (YYYY-MM-DD)
        #[arg(long)]
        date: String,
        /// The evaluation agency (测评机构)
        #[arg(long)]
        agency: String,
        /// The conclusion: conform (符合), basic (基本符合) or nonconform (不符合)
        #[arg(long, value_parser = RESULTS.to_vec())]
        result: String,
        /// The overall score, 0 to 100
        #[arg(long, value_name = "N")]
        score: Option<String>,
        /// The report's number
        #[arg(long)]
        report: Option<String>,
    },
    /// Record a self-inspection (自查) of a system against its grade (GRD-5)
    Inspect {
        /// The information system
        system: String,
        /// When it was inspected (YYYY-MM-DD)
        #[arg(long)]
        date: String,
        /// What it found ("none" if nothing)
        #[arg(long)]
        findings: String,
    },
    /// Rectification items (整改, GRD-5)
    #[command(subcommand)]
    Rectify(RectifyCmd),
    /// Every system with its grade and when its duties fall due
    List {
        /// Only systems in this lifecycle stage
        #[arg(long, value_parser = ["design", "in-service", "retired"])]
        stage: Option<String>,
        /// Only systems of this grade
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
        grade: Option<u8>,
    },
    /// The full history of one system's grading and duties, with what falls due next
    Show {
        /// The information system
        system: String,
    },
    /// Void a grading record entered by mistake, ID as `grade show` lists it:
    /// A3 (a grading), F1 (filing), E2 (evaluation), I1 (self-inspection),
    /// R4 (rectification item). It stays in the history, marked void, and
    /// the check no longer counts it
    Void(super::correction::VoidArgs),
    /// Findings: ungraded systems in service, filings (and their materials,
    /// rejections, change filings and cancellations), re-assessment after a
    /// change, sector minimums, evaluations and self-inspections due,
    /// rectification overdue (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)
    Check {
        /// Print the Nagios plugin format
        #[arg(long)]
        nagios: bool,
    },
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// The information system
    pub system: String,
    /// Whom a compromise of its business information (业务信息) would harm:
    /// citizen (citizens, legal persons, organisations), society (social
    /// order, the public interest) or nation (national security)
    #[arg(long, value_name = "OBJECT")]
    pub info_object: Option<String>,
    /// How badly: general (一般损害), serious (严重损害) or severe (特别严重损害)
    #[arg(long, value_name = "DEGREE")]
    pub info_harm: Option<String>,
    /// Whom a loss of its service (系统服务) would harm: citizen, society or nation
    #[arg(long, value_name = "OBJECT")]
    pub service_object: Option<String>,
    /// How badly: general, serious or severe
    #[arg(long, value_name = "DEGREE")]
    pub service_harm: Option<String>,
    /// The grading date [default: --as-of, else today]
    #[arg(long)]
    pub date: Option<String>,
    /// Why these objects and degrees (the substance of the grading report)
    #[arg(long)]
    pub rationale: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RectifyCmd {
    /// Open a rectification item, with the date it is due
    Add {
        /// The information system
        system: String,
        /// What is to be put right
        #[arg(long)]
        item: String,
        /// When it must be done (YYYY-MM-DD)
        #[arg(long)]
        due: String,
        /// The evaluation it comes from (its id in `grade show`, E2 or 2)
        #[arg(long, value_name = "ID", conflicts_with = "from_inspection", value_parser = evaluation_id)]
        from_evaluation: Option<i64>,
        /// The self-inspection it comes from (its id in `grade show`, I1 or 1)
        #[arg(long, value_name = "ID", value_parser = inspection_id)]
        from_inspection: Option<i64>,
        /// When it is opened [default: --as-of, else today]
        #[arg(long)]
        date: Option<String>,
    },
    /// Close a rectification item with what was done
    Done {
        /// The item's id
        id: i64,
        /// What was done
        #[arg(long)]
        note: String,
        /// When it was done [default: --as-of, else today]
        #[arg(long)]
        date: Option<String>,
    },
    /// List rectification items, by due date
    List {
        /// Only this system's
        #[arg(long)]
        system: Option<String>,
        /// Only items not yet done
        #[arg(long)]
        open: bool,
    },
}

/// A date that has happened: given, or today per the clock.
fn past_date(ctx: &Ctx, field: &str, value: Option<&str>) -> Result<NaiveDate> {
    match value {
        Some(v) => not_future(field, parse_date(field, v)?, ctx.clock.as_of),
        None => Ok(ctx.clock.as_of),
    }
}

fn required(field: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        bail!("{field}: must not be empty");
    }
    Ok(v.to_string())
}

fn optional(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The SHA-256 of a file that must exist (a grading report is a document).
fn fingerprint(path: &str) -> Result<String> {
    use sha2::{Digest, Sha256};
    let p = std::path::Path::new(path);
    if !p.is_file() {
        bail!("FILE: {path:?} is not a file; give the grading report's file");
    }
    let bytes = std::fs::read(p).with_context(|| format!("FILE: cannot read {path:?}"))?;
    Ok(Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn parse_score(value: &str) -> Result<f64> {
    match value.trim().parse::<f64>() {
        Ok(s) if s.is_finite() && (0.0..=100.0).contains(&s) => Ok(s),
        _ => bail!("--score: {value:?} is not a score; expected a number from 0 to 100"),
    }
}

impl GradeCmd {
    pub fn run(self, ctx: &mut Ctx) -> Result<u8> {
        match self {
            GradeCmd::Assess(args) => assess(ctx, args),
            GradeCmd::Report { system, file, date } => {
                let date = past_date(ctx, "--date", Some(&date))?;
                let sha256 = fingerprint(&file)?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let sys = st::system(tx.conn(), "SYSTEM", &system)?;
                let (_, a) = lifecycle::report(&mut tx, &sys, date, &file, &sha256)?;
                let rows = st::assessment(tx.conn(), a.id)?;
                tx.commit()?;
                ctx.out.done(
                    &format!(
                        "Recorded the grading report of {} (grade {}, graded {}): {file}, sha256 {sha256}",
                        sys.name, a.grade, a.date
                    ),
                    &rows,
                )?;
                Ok(0)
            }
            GradeCmd::Reject {
                system,
                date,
                authority,
                reason,
            } => {
                let date = past_date(ctx, "--date", Some(&date))?;
                let authority = required("--authority", &authority)?;
                let reason = required("--reason", &reason)?;
                let rules = ctx.config.grading.ruleset()?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let sys = st::system(tx.conn(), "SYSTEM", &system)?;
                let (_, a) = lifecycle::reject(&mut tx, &sys, date, &authority, &reason)?;
                let rows = st::list(tx.conn(), &rules, None, None)?;
                tx.commit()?;
                ctx.out.done(
                    &format!(
                        "Recorded that {authority} rejected the filing of {}'s grade {} ({reason}); re-grade it with `infogov grade assess {}` and file again",
                        sys.name, a.grade, sys.name
                    ),
                    &only_system(rows, &sys.name),
                )?;
                Ok(0)
            }
            GradeCmd::Cancel {
                system,
                date,
                authority,
                reference,
            } => {
                let date = past_date(ctx, "--date", Some(&date))?;
                let authority = required("--authority", &authority)?;
                let reference = optional(reference);
                let rules = ctx.config.grading.ruleset()?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let sys = st::system(tx.conn(), "SYSTEM", &system)?;
                lifecycle::cancel(&mut tx, &sys, date, &authority, reference.as_deref())?;
                let rows = st::list(tx.conn(), &rules, None, None)?;
                tx.commit()?;
                ctx.out.done(
                    &format!(
                        "Recorded the cancellation of {}'s filing (撤销备案) with {authority}",
                        sys.name
                    ),
                    &only_system(rows, &sys.name),
                )?;
                Ok(0)
            }
            GradeCmd::Change {
                system,
                date,
                kind,
                detail,
            } => {
                let date = past_date(ctx, "--date", Some(&date))?;
                let detail = required("--detail", &detail)?;
                let rules = ctx.config.grading.ruleset()?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let sys = st::system(tx.conn(), "SYSTEM", &system)?;
                let id = lifecycle::change(&mut tx, &sys, date, &kind, &detail)?;
                let rows = st::list(tx.conn(), &rules, None, None)?;
                tx.commit()?;
                ctx.out.done(
                    &format!(
                        "Recorded change {id} of {} ({kind}); re-assess its grading with `infogov grade assess {}`",
                        sys.name, sys.name
                    ),
                    &only_system(rows, &sys.name),
                )?;
                Ok(0)
            }
            GradeCmd::Review {
                system,
                date,
                experts,
                opinion,
            } => {
                let date = past_date(ctx, "--date", Some(&date))?;
                let experts: Vec<String> = experts
                    .iter()
                    .map(|e| e.trim().to_string())
                    .filter(|e| !e.is_empty())
                    .collect();
                if experts.is_empty() {
                    bail!("--experts: name at least one expert");
                }
                let experts = experts.join(", ");
                let opinion = optional(opinion);
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let sys = st::system(tx.conn(), "SYSTEM", &system)?;
                let id = st::review(&mut tx, &sys, date, &experts, opinion.as_deref())?;
                let rows = st::assessment(tx.conn(), id)?;
                tx.commit()?;
                ctx.out.done(
                    &format!("Recorded the expert review of {}'s grading", sys.name),
                    &rows,
                )?;
                Ok(0)
            }
            GradeCmd::Approve {
                system,
                date,
                authority,
                reference,
            } => {
                let date = past_date(ctx, "--date", Some(&date))?;
                let authority = required("--authority", &authority)?;
                let reference = optional(reference);
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let sys = st::system(tx.conn(), "SYSTEM", &system)?;
                let id = st::approve(&mut tx, &sys, date, &authority, reference.as_deref())?;
                let rows = st::assessment(tx.conn(), id)?;
                tx.commit()?;
                ctx.out.done(
                    &format!(
                        "Recorded the approval of {}'s grading by {authority}",
                        sys.name
                    ),
                    &rows,
                )?;
                Ok(0)
            }
            GradeCmd::File {
                system,
                date,
                authority,
                number,
            } => {
                let date = past_date(ctx, "--date", Some(&date))?;
                let authority = required("--authority", &authority)?;
                let number = required("--number", &number)?;
                let rules = ctx.config.grading.ruleset()?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let sys = st::system(tx.conn(), "SYSTEM", &system)?;
                let (_, filed) = st::file(&mut tx, &sys, date, &authority, &number)?;
                let rows = st::list(tx.conn(), &rules, None, None)?;
                tx.commit()?;
                let grade = filed.grade;
                let note = if grade < rules.filing_from_grade {
                    format!(
                        " (not required below grade {}, recorded all the same)",
                        rules.filing_from_grade
                    )
                } else if grade >= 3 && filed.review_date.is_none() {
                    // 公通字[2007]43号 art. 16 lists the expert opinion among
                    // the materials of a grade 3+ filing; the bureau checks
                    // them, so this is a reminder, not a refusal.
                    "; note: no expert review (专家评审) of this grading is recorded, and a grade 3+ filing includes its opinion".to_string()
                } else {
                    String::new()
                };
                ctx.out.done(
                    &format!(
                        "Filed grade {grade} of {} with {authority}, number {number}{note}",
                        sys.name
                    ),
                    &only_system(rows, &sys.name),
                )?;
                Ok(0)
            }
            GradeCmd::Evaluate {
                system,
                date,
                agency,
                result,
                score,
                report,
            } => {
                let date = past_date(ctx, "--date", Some(&date))?;
                let agency = required("--agency", &agency)?;
                let score = score.as_deref().map(parse_score).transpose()?;
                let report = optional(report);
                let rules = ctx.config.grading.ruleset()?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let sys = st::system(tx.conn(), "SYSTEM", &system)?;
                let e = Evaluation {
                    date,
                    agency: &agency,
                    result: &result,
                    score,
                    report: report.as_deref(),
                };
                let (id, grade) = st::evaluate(&mut tx, &sys, &e)?;
                let rows = st::list(tx.conn(), &rules, None, None)?;
                tx.commit()?;
                let hint = if result == "nonconform" {
                    format!(
                        "; open rectification items with `infogov grade rectify add {} --from-evaluation {id}`",
                        sys.name
                    )
                } else {
                    String::new()
                };
                ctx.out.done(
                    &format!(
                        "Recorded evaluation {id} of {} against grade {grade}: {result}{hint}",
                        sys.name
                    ),
                    &only_system(rows, &sys.name),
                )?;
                Ok(0)
            }
            GradeCmd::Inspect {
                system,
                date,
                findings,
            } => {
                let date = past_date(ctx, "--date", Some(&date))?;
                let findings = required("--findings", &findings)?;
                let rules = ctx.config.grading.ruleset()?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let sys = st::system(tx.conn(), "SYSTEM", &system)?;
                let (id, grade) = st::inspect(&mut tx, &sys, date, &findings)?;
                let rows = st::list(tx.conn(), &rules, None, None)?;
                tx.commit()?;
                ctx.out.done(
                    &format!(
                        "Recorded self-inspection {id} of {} against grade {grade}",
                        sys.name
                    ),
                    &only_system(rows, &sys.name),
                )?;
                Ok(0)
            }
            GradeCmd::Rectify(cmd) => cmd.run(ctx),
            GradeCmd::List { stage, grade } => {
                let rules = ctx.config.grading.ruleset()?;
                let store = ctx.open()?;
                ctx.out
                    .rows(&st::list(store.conn(), &rules, stage.as_deref(), grade)?)?;
                Ok(0)
            }
            GradeCmd::Show { system } => {
                let rules = ctx.config.grading.ruleset()?;
                let store = ctx.open()?;
                let sys = st::system(store.conn(), "SYSTEM", &system)?;
                ctx.out.rows(&st::show(store.conn(), &sys, &rules)?)?;
                Ok(0)
            }
            GradeCmd::Void(args) => super::correction::void(
                ctx,
                crate::domain::correction::GRADING,
                &args,
                |tx, kind, id, _| {
                    let on = crate::store::grading::dependants(tx.conn(), kind.table, id)?;
                    if !on.is_empty() {
                        anyhow::bail!(
                            "ID: {} {} is named by {}; void those first",
                            kind.noun,
                            crate::store::correction::shown_id(kind, id),
                            on.join(", ")
                        );
                    }
                    Ok((None, None))
                },
            ),
            GradeCmd::Check { nagios } => run_check(ctx, "GRADE", nagios, |ctx, store| {
                st::check(
                    store.conn(),
                    &ctx.config.grading.ruleset()?,
                    ctx.clock.as_of,
                )
            }),
        }
    }
}

/// The one system's row of a `grade list`, to confirm a change.
fn only_system(mut rows: Rows, name: &str) -> Rows {
    rows.rows.retain(|r| r[0].display() == name);
    rows
}

impl RectifyCmd {
    fn run(self, ctx: &mut Ctx) -> Result<u8> {
        match self {
            RectifyCmd::Add {
                system,
                item,
                due,
                from_evaluation,
                from_inspection,
                date,
            } => {
                let item = required("--item", &item)?;
                let due = parse_date("--due", &due)?;
                let opened = past_date(ctx, "--date", date.as_deref())?;
                let source = match (from_evaluation, from_inspection) {
                    (Some(e), _) => Source::Evaluation(e),
                    (_, Some(i)) => Source::Inspection(i),
                    _ => Source::None,
                };
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let sys = st::system(tx.conn(), "SYSTEM", &system)?;
                let id = st::rectify_add(&mut tx, &sys, &item, opened, due, source)?;
                let rows = st::rectify_list(tx.conn(), None, Some(id), false, ctx.clock.as_of)?;
                tx.commit()?;
                ctx.out.done(
                    &format!(
                        "Opened rectification item {id} of {}, due by {due}",
                        sys.name
                    ),
                    &rows,
                )?;
                Ok(0)
            }
            RectifyCmd::Done { id, note, date } => {
                let note = required("--note", &note)?;
                let date = past_date(ctx, "--date", date.as_deref())?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let system = st::rectify_done(&mut tx, id, date, &note)?;
                let rows = st::rectify_list(tx.conn(), None, Some(id), false, ctx.clock.as_of)?;
                tx.commit()?;
                ctx.out.done(
                    &format!("Closed rectification item {id} of {system}"),
                    &rows,
                )?;
                Ok(0)
            }
            RectifyCmd::List { system, open } => {
                let store = ctx.open()?;
                let system = system
                    .map(|s| st::system(store.conn(), "--system", &s).map(|s| s.id))
                    .transpose()?;
                ctx.out.rows(&st::rectify_list(
                    store.conn(),
                    system,
                    None,
                    open,
                    ctx.clock.as_of,
                )?)?;
                Ok(0)
            }
        }
    }
}

fn assess(ctx: &mut Ctx, mut args: AssessArgs) -> Result<u8> {
    let rules = ctx.config.grading.ruleset()?;
    let mut store = ctx.open()?;
    let sys = st::system(store.conn(), "SYSTEM", &args.system)?;
    // Refuse a bad value or date before the interview, not after it.
    let date = past_date(ctx, "--date", args.date.as_deref())?;
    for (field, v) in [
        ("--info-object", &args.info_object),
        ("--service-object", &args.service_object),
    ] {
        if let Some(v) = v {
            HarmedObject::parse(field, v)?;
        }
    }
    for (field, v) in [
        ("--info-harm", &args.info_harm),
        ("--service-harm", &args.service_harm),
    ] {
        if let Some(v) = v {
            Harm::parse(field, v)?;
        }
    }
    if ctx.interactive {
        interview(&sys.name, &mut args)?;
    }
    let missing = |field: &str, forms: &str| {
        anyhow::anyhow!(
            "{field}: required ({forms}); on a terminal, `infogov grade assess` asks for it instead"
        )
    };
    let grading = Grading {
        info_object: HarmedObject::parse(
            "--info-object",
            args.info_object
                .as_deref()
                .ok_or_else(|| missing("--info-object", OBJECT_FORMS))?,
        )?,
        info_harm: Harm::parse(
            "--info-harm",
            args.info_harm
                .as_deref()
                .ok_or_else(|| missing("--info-harm", HARM_FORMS))?,
        )?,
        service_object: HarmedObject::parse(
            "--service-object",
            args.service_object
                .as_deref()
                .ok_or_else(|| missing("--service-object", OBJECT_FORMS))?,
        )?,
        service_harm: Harm::parse(
            "--service-harm",
            args.service_harm
                .as_deref()
                .ok_or_else(|| missing("--service-harm", HARM_FORMS))?,
        )?,
    };
    let rationale = optional(args.rationale);
    if ctx.interactive {
        let ok = Confirm::with_theme(&ColorfulTheme::default())
            .with_prompt(tr(&format!(
                "{}: {}. Record it?",
                sys.name,
                grading.summary()
            )))
            .default(true)
            .interact()
            .context("confirmation prompt")?;
        if !ok {
            bail!("cancelled; nothing was recorded");
        }
    }
    let mut tx = store.write(&ctx.who)?;
    let before = st::in_force(tx.conn(), sys.id, None)?;
    let id = st::assess(
        &mut tx,
        &sys,
        &grading,
        date,
        rationale.as_deref(),
        &rules.name,
    )?;
    let rows = st::assessment(tx.conn(), id)?;
    let facts = st::facts(tx.conn(), Some(sys.id))?.into_iter().next();
    let due = facts
        .as_ref()
        .and_then(|(_, f)| f.duties(&rules).filing_due);
    let cancel_by = facts
        .as_ref()
        .and_then(|(_, f)| f.filing_state(&rules).cancel)
        .and_then(|(_, by)| by);
    tx.commit()?;
    let mut message = format!("Graded {}: {}", sys.name, grading.summary());
    if let Some(b) = before
        && b.grade != grading.grade()
    {
        message.push_str(&format!(" (was grade {})", b.grade));
    }
    if let Some(due) = due {
        message.push_str(&format!("; file it (备案) by {due}"));
    }
    if let Some(by) = cancel_by {
        message.push_str(&format!(
            "; cancel its filing (撤销备案) by {by} with `infogov grade cancel {}`",
            sys.name
        ));
    }
    ctx.out.done(&message, &rows)?;
    Ok(0)
}

/// The guided interview: asks, in plain language, what the options left out.
fn interview(system: &str, args: &mut AssessArgs) -> Result<()> {
    let theme = ColorfulTheme::default();
    // In Chinese the choices are the standard's own words.
    let lang = crate::i18n::current();
    let objects: Vec<&str> = HarmedObject::ALL
        .iter()
        .map(|o| match lang {
            crate::i18n::Lang::En => o.describe(),
            crate::i18n::Lang::Zh => lang.cell("info_object", o.as_str()),
        })
        .collect();
    let harms: Vec<&str> = Harm::ALL
        .iter()
        .map(|h| match lang {
            crate::i18n::Lang::En => h.describe(),
            crate::i18n::Lang::Zh => lang.cell("info_harm", h.as_str()),
        })
        .collect();
    let ask = |prompt: String, items: &[&str], field: &str| -> Result<usize> {
        Select::with_theme(&theme)
            .with_prompt(prompt)
            .items(items)
            .default(0)
            .interact()
            .with_context(|| format!("{field}: prompt"))
    };
    if args.info_object.is_none() {
        let i = ask(
            tr(&format!(
                "Business information (业务信息安全): if {system}'s information were leaked, altered or destroyed, whom would it harm most?"
            )),
            &objects,
            "--info-object",
        )?;
        args.info_object = Some(HarmedObject::ALL[i].as_str().to_string());
    }
    if args.info_harm.is_none() {
        let i = ask(tr("How badly would they be harmed?"), &harms, "--info-harm")?;
        args.info_harm = Some(Harm::ALL[i].as_str().to_string());
    }
    if args.service_object.is_none() {
        let i = ask(
            tr(&format!(
                "System service (系统服务安全): if {system} stopped or could not be relied on, whom would it harm most?"
            )),
            &objects,
            "--service-object",
        )?;
        args.service_object = Some(HarmedObject::ALL[i].as_str().to_string());
    }
    if args.service_harm.is_none() {
        let i = ask(
            tr("How badly would they be harmed?"),
            &harms,
            "--service-harm",
        )?;
        args.service_harm = Some(Harm::ALL[i].as_str().to_string());
    }
    if args.rationale.is_none() {
        let why: String = Input::with_theme(&theme)
            .with_prompt(tr(
                "Why? (the rationale for the grading report; empty for none)",
            ))
            .allow_empty(true)
            .interact_text()
            .context("--rationale: prompt")?;
        args.rationale = Some(why);
    }
    Ok(())
}

/// An evaluation's ID as `grade show` lists it (E2), or its number.
fn evaluation_id(v: &str) -> Result<i64, String> {
    record_number(v, 'E')
}

/// A self-inspection's ID as `grade show` lists it (I1), or its number.
fn inspection_id(v: &str) -> Result<i64, String> {
    record_number(v, 'I')
}

fn record_number(v: &str, letter: char) -> Result<i64, String> {
    let t = v.trim();
    let digits = t
        .strip_prefix(letter)
        .or_else(|| t.strip_prefix(letter.to_ascii_lowercase()))
        .unwrap_or(t);
    match digits.parse::<i64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("expected {letter}N as `grade show` lists it, or N")),
    }
}
