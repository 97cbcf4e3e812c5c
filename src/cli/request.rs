//! `infogov request`: requests and approvals (REQ-1..REQ-6, AST-6, ORG-2):
//! configuration plans and applications, retirements, projects and the
//! consumables plan, through review and approval to fulfilment.

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use dialoguer::{Input, Select, theme::ColorfulTheme};

use super::{Ctx, run_check};
use crate::domain::asset::clean;
use crate::domain::money::parse_money;
use crate::domain::request::{
    Action, ITEM_FORM, KINDS, Kind, STATUSES, Status, check_fulfilment, describe_next, parse_item,
};
use crate::i18n::{Lang, tr};
use crate::rows::{Rows, Value};
use crate::store::registry as reg;
use crate::store::request::{self as rq, Filter, Fulfilment, NewRequest, Registration};

#[derive(Debug, Subcommand)]
pub enum RequestCmd {
    /// File a request as a draft: a configuration needs plan, a configuration
    /// application, a retirement, a project or the consumables plan (prompts on
    /// a terminal for what is missing)
    New(NewArgs),
    /// Submit your draft for review
    Submit {
        /// The request number (see `infogov request list`)
        id: i64,
        /// A comment, kept with who took the step and when
        #[arg(long)]
        comment: Option<String>,
    },
    /// Review a submitted request (the office): accept it for approval, or reject it
    Review {
        /// The request number (see `infogov request list`)
        id: i64,
        /// Pass it on for approval
        #[arg(long, conflicts_with = "reject", required_unless_present = "reject")]
        accept: bool,
        /// Reject it (say why with --comment)
        #[arg(long)]
        reject: bool,
        /// The review opinion (审核意见), kept with who reviewed and when;
        /// required to reject
        #[arg(long)]
        comment: Option<String>,
    },
    /// Approve a reviewed request (an approver; not your own)
    Approve {
        /// The request number (see `infogov request list`)
        id: i64,
        /// A comment, kept with who took the step and when
        #[arg(long)]
        comment: Option<String>,
    },
    /// Reject a request at approval (an approver), saying why
    Reject {
        /// The request number (see `infogov request list`)
        id: i64,
        /// Why it is rejected
        #[arg(long)]
        comment: String,
    },
    /// Withdraw your own request before it is approved
    Withdraw {
        /// The request number (see `infogov request list`)
        id: i64,
        /// A comment, kept with who took the step and when
        #[arg(long)]
        comment: Option<String>,
    },
    /// Carry out an approved request (the office): register the purchased
    /// assets or reallocate existing ones (调剂), retire the named assets, or
    /// mark a project or consumables plan done
    Fulfil(FulfilArgs),
    /// List requests, oldest first
    List {
        /// Only requests in this state
        #[arg(long, value_parser = STATUSES.to_vec())]
        status: Option<String>,
        /// Only this kind of request
        #[arg(long, value_parser = KINDS.to_vec())]
        kind: Option<String>,
        /// The applying department
        #[arg(long)]
        dept: Option<String>,
        /// Only requests waiting on this person (NAME or NAME@DEPT): their
        /// drafts to submit, and what their role may review, approve or fulfil
        #[arg(long, value_name = "PERSON")]
        pending_for: Option<String>,
    },
    /// Show a request: the form, its lines and assets, and every step with
    /// who took it, when and why (CSV gives the printable form)
    Show {
        /// The request number
        id: i64,
    },
    /// The request as a form to print (《信息化配置申请》 ...): use `--format csv`
    /// (and `--bom` for Excel or WPS)
    Export {
        /// The request number
        id: i64,
    },
    /// Findings: requests waiting too long for review, approval or fulfilment
    Check {
        /// Print the Nagios plugin format
        #[arg(long)]
        nagios: bool,
    },
}

#[derive(Debug, Args, Default)]
pub struct NewArgs {
    /// The form: config-plan (《信息化配置需求计划》), config-change
    /// (《信息化配置申请》), retirement, project (立项) or consumable-plan
    #[arg(long, value_parser = KINDS.to_vec())]
    pub kind: Option<String>,
    /// The applying department (name or code)
    #[arg(long)]
    pub dept: Option<String>,
    /// A short title for the form
    #[arg(long, allow_hyphen_values = true)]
    pub title: Option<String>,
    /// The purpose; for a retirement, why; for a project, what it is
    #[arg(long, allow_hyphen_values = true)]
    pub purpose: Option<String>,
    /// The software the equipment is for (REQ-1)
    #[arg(long, allow_hyphen_values = true)]
    pub software: Option<String>,
    /// An item asked for: "DESCRIPTION;QUANTITY[;STANDARD[;UNIT PRICE]]"; repeat for more
    #[arg(long, value_name = "ITEM", allow_hyphen_values = true)]
    pub item: Vec<String>,
    /// An asset to retire (retirement) or to replace (config-change); repeat for more
    #[arg(long, value_name = "TAG")]
    pub asset: Vec<String>,
    /// The budget in yuan (required for a project)
    #[arg(long, allow_hyphen_values = true)]
    pub budget: Option<String>,
    /// Submit it at once (recorded as two steps: filed, then submitted)
    #[arg(long)]
    pub submit: bool,
}

#[derive(Debug, Args)]
pub struct FulfilArgs {
    /// The request number
    pub id: i64,
    /// The purchased assets, as a CSV file in the `asset import` format; a row
    /// with no dept goes to the applying department
    #[arg(long, value_name = "FILE.csv")]
    pub register: Option<PathBuf>,
    /// An existing asset to move to the department (调剂); repeat for more
    #[arg(long, value_name = "TAG")]
    pub reallocate: Vec<String>,
    /// Where reallocated assets go [default: the applying department]
    #[arg(long, value_name = "DEPT", requires = "reallocate")]
    pub to_dept: Option<String>,
    /// The reallocated assets' new custodian (NAME or NAME@DEPT) [default: unchanged]
    #[arg(long, value_name = "PERSON", requires = "reallocate")]
    pub custodian: Option<String>,
    /// How it was carried out, kept with the step
    #[arg(long)]
    pub comment: Option<String>,
}

impl RequestCmd {
    pub fn run(self, ctx: &mut Ctx) -> Result<u8> {
        match self {
            RequestCmd::New(args) => new(ctx, args),
            RequestCmd::Submit { id, comment } => step(ctx, id, Action::Submit, comment),
            RequestCmd::Review {
                id,
                accept,
                reject: _,
                comment,
            } => {
                let action = if accept {
                    Action::ReviewAccept
                } else {
                    Action::ReviewReject
                };
                step(ctx, id, action, comment)
            }
            RequestCmd::Approve { id, comment } => step(ctx, id, Action::Approve, comment),
            RequestCmd::Reject { id, comment } => step(ctx, id, Action::Reject, Some(comment)),
            RequestCmd::Withdraw { id, comment } => step(ctx, id, Action::Withdraw, comment),
            RequestCmd::Fulfil(args) => fulfil(ctx, args),
            RequestCmd::List {
                status,
                kind,
                dept,
                pending_for,
            } => {
                let store = ctx.open()?;
                let conn = store.conn();
                let filter = Filter {
                    status: status.map(|s| Status::parse("--status", &s)).transpose()?,
                    kind: kind.map(|k| Kind::parse("--kind", &k)).transpose()?,
                    dept: dept.map(|d| reg::dept_id(conn, "--dept", &d)).transpose()?,
                    pending_for: pending_for
                        .map(|p| rq::person(conn, "--pending-for", &p))
                        .transpose()?,
                };
                ctx.out.rows(&rq::list(conn, &filter)?)?;
                Ok(0)
            }
            RequestCmd::Show { id } => show(ctx, id),
            RequestCmd::Export { id } => {
                let store = ctx.open()?;
                let form = rq::show(store.conn(), id)?;
                let lang = ctx.out.lang();
                if matches!(
                    ctx.out.format,
                    super::output::Format::Xlsx | super::output::Format::Html
                ) {
                    let paper = super::forms::request(&form, lang, ctx.out.organisation.clone());
                    ctx.out.paper(&paper)?;
                } else {
                    ctx.out.document(&document(&form, lang))?;
                }
                Ok(0)
            }
            RequestCmd::Check { nagios } => run_check(ctx, "REQUEST", nagios, |ctx, store| {
                rq::check(store.conn(), ctx.clock.now, ctx.config.request.stale_days)
            }),
        }
    }
}

fn required(field: &str, value: Option<String>) -> Result<String> {
    value
        .and_then(|v| clean(&v))
        .with_context(|| format!("{field}: is required"))
}

/// "Request 3 is reviewed; next: approve or reject (an approver)".
fn state_sentence(id: i64, kind: Kind, status: Status) -> String {
    if status.is_final() {
        format!("Request {id} is {status}")
    } else {
        format!(
            "Request {id} is {status}; next: {}",
            describe_next(kind, status)
        )
    }
}

fn new(ctx: &mut Ctx, mut args: NewArgs) -> Result<u8> {
    let mut store = ctx.open()?;
    if ctx.interactive {
        prompt_new(&store, &mut args)?;
    }
    let kind = match &args.kind {
        Some(k) => Kind::parse("--kind", k)?,
        None => bail!("--kind: is required (one of {})", KINDS.join(", ")),
    };
    let dept = required("--dept", args.dept)?;
    let title = required("--title", args.title)?;
    let lines = args
        .item
        .iter()
        .map(|i| parse_item("--item", i))
        .collect::<Result<Vec<_>>>()?;
    let budget = args
        .budget
        .map(|b| parse_money("--budget", &b))
        .transpose()?;
    let now = ctx.clock.now;
    let mut tx = store.write(&ctx.who)?;
    let who = rq::actor(tx.conn(), &ctx.who)?;
    let new = NewRequest {
        kind,
        dept_id: reg::dept_id(tx.conn(), "--dept", &dept)?,
        title: title.clone(),
        purpose: args.purpose,
        software: args.software,
        budget,
        lines,
        assets: args.asset,
    };
    let id = rq::file(&mut tx, &new, &who, now)?;
    let status = if args.submit {
        rq::act(&mut tx, id, Action::Submit, &who, None, now)?.status
    } else {
        Status::Draft
    };
    let rows = rq::summary(tx.conn(), id)?;
    tx.commit()?;
    let message = if args.submit {
        format!(
            "Filed and submitted request {id} {} {title}; next: {}",
            kind.form_zh(),
            describe_next(kind, status)
        )
    } else {
        format!(
            "Filed request {id} {} {title} as a draft; submit it with `infogov request submit {id}`",
            kind.form_zh()
        )
    };
    ctx.out.done(&message, &rows)?;
    Ok(0)
}

/// Asks for what a new request still lacks, on a terminal only.
fn prompt_new(store: &crate::store::Store, args: &mut NewArgs) -> Result<()> {
    let theme = ColorfulTheme::default();
    if args.kind.is_none() {
        let items: Vec<String> = Kind::ALL
            .iter()
            .map(|k| format!("{k}  {} {}", k.form_zh(), k.form_en()))
            .collect();
        let i = Select::with_theme(&theme)
            .with_prompt(tr("Kind"))
            .items(&items)
            .default(0)
            .interact()
            .context("--kind: prompt")?;
        args.kind = Some(Kind::ALL[i].as_str().to_string());
    }
    let kind = Kind::parse("--kind", args.kind.as_deref().unwrap_or_default())?;
    if args.dept.is_none() {
        let depts = reg::list_depts(store.conn(), None)?;
        let names: Vec<String> = depts.rows.iter().map(|r| r[0].display()).collect();
        if !names.is_empty() {
            let i = Select::with_theme(&theme)
                .with_prompt(tr("Applying department"))
                .items(&names)
                .default(0)
                .interact()
                .context("--dept: prompt")?;
            args.dept = Some(names[i].clone());
        }
    }
    let text = |prompt: &str, empty: bool| -> Result<Option<String>> {
        let v: String = Input::with_theme(&theme)
            .with_prompt(prompt)
            .allow_empty(empty)
            .interact_text()
            .with_context(|| format!("{prompt}: prompt"))?;
        Ok(clean(&v))
    };
    if args.title.is_none() {
        args.title = text(&tr("Title"), false)?;
    }
    if args.purpose.is_none() {
        let prompt = match kind {
            Kind::Retirement => tr("Why retire them"),
            Kind::Project => tr("Project description"),
            _ => tr("Purpose (empty for none)"),
        };
        args.purpose = text(&prompt, !matches!(kind, Kind::Retirement | Kind::Project))?;
    }
    if args.software.is_none() && matches!(kind, Kind::ConfigPlan | Kind::ConfigChange) {
        args.software = text(&tr("Software it is for (empty for none)"), true)?;
    }
    if args.item.is_empty() && kind != Kind::Retirement && kind != Kind::Project {
        while let Some(item) = text(&tr(&format!("Item ({ITEM_FORM}); empty to finish")), true)? {
            match parse_item("item", &item) {
                Ok(_) => args.item.push(item),
                Err(e) => eprintln!("{e:#}"),
            }
        }
    }
    if args.asset.is_empty() && kind.asset_link().is_some() {
        let prompt = if kind == Kind::Retirement {
            tr("Asset tag to retire; empty to finish")
        } else {
            tr("Asset tag to replace; empty to finish")
        };
        while let Some(tag) = text(&prompt, true)? {
            args.asset.push(tag);
        }
    }
    if args.budget.is_none() && kind == Kind::Project {
        args.budget = text(&tr("Budget (yuan)"), false)?;
    }
    Ok(())
}

/// Takes one workflow step and confirms where it leaves the request.
fn step(ctx: &mut Ctx, id: i64, action: Action, comment: Option<String>) -> Result<u8> {
    let now = ctx.clock.now;
    let mut store = ctx.open()?;
    let mut tx = store.write(&ctx.who)?;
    let who = rq::actor(tx.conn(), &ctx.who)?;
    let req = rq::act(&mut tx, id, action, &who, comment.as_deref(), now)?;
    let rows = rq::summary(tx.conn(), id)?;
    tx.commit()?;
    ctx.out
        .done(&state_sentence(id, req.kind, req.status), &rows)?;
    Ok(0)
}

fn fulfil(ctx: &mut Ctx, args: FulfilArgs) -> Result<u8> {
    let now = ctx.clock.now;
    let id = args.id;
    let mut store = ctx.open()?;
    let kind = rq::get(store.conn(), id)?.kind;
    if args.register.is_some() && !kind.brings_assets() {
        // Before opening the file: a retirement with --register is refused
        // for what it is, not for a missing file.
        check_fulfilment(kind, true, !args.reallocate.is_empty())?;
    }
    let mut reallocate = args.reallocate;
    let mut prompted: Option<Vec<u8>> = None;
    if kind.brings_assets() && args.register.is_none() && reallocate.is_empty() && ctx.interactive {
        let (csv, tags) = prompt_assets(ctx)?;
        prompted = csv;
        reallocate = tags;
    }
    let mut file = match &args.register {
        Some(path) => {
            Some(BufReader::new(File::open(path).with_context(|| {
                format!("--register: cannot open {}", path.display())
            })?))
        }
        None => None,
    };
    let mut prompted_input = prompted.as_deref();
    let register = match (&mut file, &mut prompted_input) {
        (Some(f), _) => Some(Registration {
            input: f,
            file: args
                .register
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            kinds: &ctx.config.asset.kinds,
            prefix: &ctx.config.asset.tag_prefix,
        }),
        (None, Some(bytes)) => Some(Registration {
            input: bytes,
            file: "(entered)".to_string(),
            kinds: &ctx.config.asset.kinds,
            prefix: &ctx.config.asset.tag_prefix,
        }),
        (None, None) => None,
    };
    let mut tx = store.write(&ctx.who)?;
    let who = rq::actor(tx.conn(), &ctx.who)?;
    let f = Fulfilment {
        register,
        to_dept: args
            .to_dept
            .map(|d| reg::dept_id(tx.conn(), "--to-dept", &d))
            .transpose()?,
        custodian: args
            .custodian
            .map(|c| reg::person_id(tx.conn(), "--custodian", &c, None))
            .transpose()?,
        reallocate,
        date: ctx.clock.as_of,
    };
    let done = rq::fulfil(&mut tx, id, f, &who, args.comment.as_deref(), now)?;
    let rows = rq::assets(tx.conn(), id)?;
    tx.commit()?;
    let mut message = format!("Request {id} is fulfilled");
    if !done.registered.is_empty() {
        message.push_str(&format!(
            "; registered {} linked to it",
            done.registered.join(", ")
        ));
        if done.people_added > 0 {
            message.push_str(&format!(
                " (and added {} custodians to the register)",
                done.people_added
            ));
        }
    }
    if !done.reallocated.is_empty() {
        message.push_str(&format!("; reallocated {}", done.reallocated.join(", ")));
    }
    if !done.retired.is_empty() {
        message.push_str(&format!(
            "; retired {}: record their disposal with `infogov asset dispose TAG --method ... --note ...`",
            done.retired.join(", ")
        ));
    }
    if !done.replaced_in_service.is_empty() {
        message.push_str(&format!(
            "; {} named for replacement still in service: reallocate or retire it by request",
            done.replaced_in_service.join(", ")
        ));
    }
    ctx.out.done(&message, &rows)?;
    Ok(0)
}

/// Asks, on a terminal, for the assets that fulfil a plan or application:
/// new ones to register (as an asset-import CSV) and existing ones to
/// reallocate.
fn prompt_assets(ctx: &Ctx) -> Result<(Option<Vec<u8>>, Vec<String>)> {
    let theme = ColorfulTheme::default();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "kind",
        "name",
        "model",
        "serial",
        "price",
        "custodian",
        "location",
    ])?;
    let mut registered = 0;
    let mut tags = Vec::new();
    let text = |prompt: &str, empty: bool| -> Result<String> {
        Input::<String>::with_theme(&theme)
            .with_prompt(prompt)
            .allow_empty(empty)
            .interact_text()
            .with_context(|| format!("{prompt}: prompt"))
    };
    loop {
        let choice = Select::with_theme(&theme)
            .with_prompt(tr("Fulfil with"))
            .items([
                tr("a purchased asset to register"),
                tr("an existing asset to reallocate (调剂)"),
                tr("done"),
            ])
            .default(0)
            .interact()
            .context("fulfil: prompt")?;
        match choice {
            0 => {
                let kinds = &ctx.config.asset.kinds;
                let kind_items: Vec<&str> = kinds
                    .iter()
                    .map(|k| ctx.out.lang().cell("kind", k))
                    .collect();
                let k = Select::with_theme(&theme)
                    .with_prompt(tr("Kind"))
                    .items(&kind_items)
                    .default(0)
                    .interact()
                    .context("kind: prompt")?;
                w.write_record([
                    kinds[k].clone(),
                    text(&tr("Name"), false)?,
                    text(&tr("Model (empty for none)"), true)?,
                    text(&tr("Serial (empty for none)"), true)?,
                    text(&tr("Price in yuan (empty for none)"), true)?,
                    text(&tr("Custodian (empty for none)"), true)?,
                    text(&tr("Location (empty for none)"), true)?,
                ])?;
                registered += 1;
            }
            1 => tags.push(text(&tr("Tag"), false)?),
            _ => break,
        }
    }
    let csv = w
        .into_inner()
        .map_err(|e| anyhow::anyhow!("{}", e.error()))?;
    Ok(((registered > 0).then_some(csv), tags))
}

fn heading(lang: Lang, en: &str, zh: &str) -> String {
    match lang {
        Lang::En => format!("\n{en}\n"),
        Lang::Zh => format!("\n{zh}\n"),
    }
}

fn show(ctx: &mut Ctx, id: i64) -> Result<u8> {
    let store = ctx.open()?;
    let form = rq::show(store.conn(), id)?;
    let lang = ctx.out.lang();
    match ctx.out.format {
        super::output::Format::Table => {
            ctx.out.record(&form.fields)?;
            if !form.lines.rows.is_empty() {
                ctx.out.text(&heading(lang, "Lines", "明细"))?;
                ctx.out.rows(&form.lines)?;
            }
            if !form.assets.rows.is_empty() {
                ctx.out.text(&heading(lang, "Assets", "资产"))?;
                ctx.out.rows(&form.assets)?;
            }
            ctx.out.text(&heading(lang, "Steps", "审批记录"))?;
            ctx.out.rows(&form.steps)?;
        }
        super::output::Format::Json => {
            let mut obj = serde_json::Map::new();
            obj.insert(
                "request".into(),
                objects(&form.fields)
                    .into_iter()
                    .next()
                    .unwrap_or_default()
                    .into(),
            );
            for (key, rows) in [
                ("lines", &form.lines),
                ("assets", &form.assets),
                ("steps", &form.steps),
            ] {
                obj.insert(
                    key.into(),
                    objects(rows)
                        .into_iter()
                        .map(serde_json::Value::Object)
                        .collect(),
                );
            }
            ctx.out.text(&format!(
                "{}\n",
                serde_json::to_string_pretty(&serde_json::Value::Object(obj))?
            ))?;
        }
        super::output::Format::Csv => ctx.out.document(&document(&form, lang))?,
        super::output::Format::Xlsx | super::output::Format::Html => {
            let paper = super::forms::request(&form, lang, ctx.out.organisation.clone());
            ctx.out.paper(&paper)?;
        }
    }
    Ok(0)
}

fn objects(rows: &Rows) -> Vec<serde_json::Map<String, serde_json::Value>> {
    rows.rows
        .iter()
        .map(|r| {
            rows.columns
                .iter()
                .zip(r)
                .map(|(k, v)| ((*k).to_string(), v.to_json()))
                .collect()
        })
        .collect()
}

/// A form is read by people, in their language: the tool's own values
/// (statuses, kinds, steps) are translated like table cells; data never is.
fn cell(lang: Lang, key: &str, v: &Value) -> Value {
    match v {
        Value::Text(t) => Value::Text(lang.cell(key, t).to_string()),
        other => other.clone(),
    }
}

/// The request as a paper form: title, fields, lines with a total, assets,
/// and the steps that stand for the signatures.
fn document(form: &rq::Form, lang: Lang) -> Vec<Vec<Value>> {
    let k = form.request.kind;
    let mut doc: Vec<Vec<Value>> = vec![vec![k.form_zh().into(), k.form_en().into()], vec![]];
    for (key, value) in form.fields.columns.iter().zip(&form.fields.rows[0]) {
        if matches!(*key, "form" | "next") {
            continue;
        }
        doc.push(vec![lang.header(key).into(), cell(lang, key, value)]);
    }
    let table = |doc: &mut Vec<Vec<Value>>, rows: &Rows| {
        doc.push(vec![]);
        doc.push(rows.columns.iter().map(|c| lang.header(c).into()).collect());
        for row in &rows.rows {
            doc.push(
                rows.columns
                    .iter()
                    .zip(row)
                    .map(|(k, v)| cell(lang, k, v))
                    .collect(),
            );
        }
    };
    if !form.lines.rows.is_empty() {
        table(&mut doc, &form.lines);
        let quantity: i64 = form
            .lines
            .rows
            .iter()
            .map(|r| match r[2] {
                Value::Int(n) => n,
                _ => 0,
            })
            .sum();
        // As in the form's field: the sum of the priced lines.
        let priced: Vec<i64> = form
            .lines
            .rows
            .iter()
            .filter_map(|r| match r[5] {
                Value::Money(n) => Some(n),
                _ => None,
            })
            .collect();
        let estimate = (!priced.is_empty())
            .then(|| crate::domain::report::checked_total(priced.iter().copied()))
            .flatten();
        let total = match lang {
            Lang::En => "Total",
            Lang::Zh => "合计",
        };
        doc.push(vec![
            total.into(),
            Value::Null,
            Value::Int(quantity),
            Value::Null,
            Value::Null,
            estimate.map_or(Value::Null, Value::Money),
        ]);
    }
    if !form.assets.rows.is_empty() {
        table(&mut doc, &form.assets);
    }
    table(&mut doc, &form.steps);
    doc
}
