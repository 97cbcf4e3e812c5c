//! `infogov consumable`: consumables bought and issued centrally by the
//! office (CON-1): the catalogue, stock in and out, quotas (CON-3), the
//! ledger (台账, CON-4), the assessment against quota (CON-5), the quarterly
//! purchase plan (CON-2) and the findings (CON-5, CON-6).

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::{Ctx, run_check};
use crate::domain::asset::clean;
use crate::domain::consumable::{self as dom, PlanLine};
use crate::domain::time::{Quarter, parse_date};
use crate::rows::{Rows, Value};
use crate::store::asset as ast;
use crate::store::consumable::{self as st, Item};
use crate::store::registry as reg;

#[derive(Debug, Subcommand)]
pub enum ConsumableCmd {
    /// The catalogue of consumable items
    #[command(subcommand)]
    Item(ItemCmd),
    /// The categories an item may have: configured and in use
    Categories,
    /// Take stock in (a purchase or a delivery)
    Receive {
        sku: String,
        /// How many, in the item's unit
        qty: String,
        /// The price of one unit in yuan, e.g. 450.00
        #[arg(long, value_name = "YUAN")]
        unit_cost: Option<String>,
        #[arg(long)]
        supplier: Option<String>,
        /// The purchase order or delivery note
        #[arg(long = "ref", value_name = "PO")]
        reference: Option<String>,
        /// When [default: --as-of, else today]
        #[arg(long)]
        date: Option<String>,
        /// Receive although the quarter has no approved plan (an emergency
        /// purchase; needs --reason and stays a finding of the quarter, CON-2)
        #[arg(long, requires = "reason")]
        unplanned: bool,
        /// Why it could not wait for the plan (with --unplanned)
        #[arg(long, requires = "unplanned")]
        reason: Option<String>,
    },
    /// Issue stock to a department (refused beyond the stock; beyond the
    /// department's quota only with --over-quota --reason, and flagged)
    Issue {
        sku: String,
        /// How many, in the item's unit
        qty: String,
        /// The department it is issued to (name or code)
        #[arg(long)]
        dept: String,
        /// The person who receives it (NAME or NAME@DEPT), of that department
        #[arg(long, value_name = "PERSON")]
        to: Option<String>,
        /// The device it is for (an asset tag), e.g. the printer a toner is for
        #[arg(long, value_name = "TAG")]
        for_asset: Option<String>,
        /// Issue beyond the department's quota for the quarter (needs --reason)
        #[arg(long)]
        over_quota: bool,
        /// Why (required with --over-quota)
        #[arg(long)]
        reason: Option<String>,
        /// When [default: --as-of, else today]
        #[arg(long)]
        date: Option<String>,
    },
    /// Correct the stock after a stock-taking (+N found, -N missing)
    Adjust {
        sku: String,
        /// The correction, e.g. +3 or -2
        #[arg(allow_hyphen_values = true)]
        qty: String,
        /// Why (required: the ledger says why every correction was made)
        #[arg(long)]
        reason: String,
        /// When [default: --as-of, else today]
        #[arg(long)]
        date: Option<String>,
    },
    /// Departments' consumption quotas (定额) per category and quarter
    #[command(subcommand)]
    Quota(QuotaCmd),
    /// On hand per item, with items below their reorder level marked (CON-6)
    Stock {
        /// Only items of this category
        #[arg(long)]
        category: Option<String>,
        /// Only items below their reorder level
        #[arg(long)]
        below: bool,
    },
    /// The ledger (台账): every movement with the item's running balance, or
    /// with --by the totals issued per department, category ... (CON-4)
    Ledger(LedgerArgs),
    /// Use against quota per department and category in a quarter (CON-5)
    Assess {
        /// The quarter, e.g. 2026Q4 [default: the current quarter]
        #[arg(long)]
        quarter: Option<String>,
        /// Only this department
        #[arg(long)]
        dept: Option<String>,
    },
    /// The quarterly purchase plan 《耗材采购季度计划》 (CON-2): per item the
    /// forecast need, stock, reorder level, quantity to buy and estimated cost
    Plan {
        /// The quarter planned for, e.g. 2027Q1 [default: the current quarter]
        #[arg(long)]
        quarter: Option<String>,
        /// File the plan as a `consumable-plan` request and submit it for
        /// approval (the actor must be of the office; CON-2)
        #[arg(long)]
        submit: bool,
    },
    /// State a department's need of an item for a quarter, which the
    /// quarter's plan drafts from (CON-2); stating it again replaces it
    Need {
        /// The department (name or code)
        dept: String,
        /// The item's code
        sku: String,
        /// How many, in the item's unit (0 withdraws the need)
        qty: String,
        /// The quarter it is needed in, e.g. 2027Q1
        #[arg(long)]
        quarter: String,
        /// What it is for
        #[arg(long)]
        note: Option<String>,
    },
    /// The departments' stated needs for a quarter
    Needs {
        /// The quarter, e.g. 2027Q1 [default: the current quarter]
        #[arg(long)]
        quarter: Option<String>,
    },
    /// Void a movement recorded by mistake (ID as the ledger shows it): a
    /// reversing movement of the opposite quantity is added on the same day,
    /// the way a ledger corrects itself; both stay in the ledger, marked
    Void(super::correction::VoidArgs),
    /// Findings: items below their reorder level, departments over quota this
    /// quarter, no approved plan, receipts outside the plan
    Check {
        /// Print the Nagios plugin format
        #[arg(long)]
        nagios: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ItemCmd {
    /// Add an item to the catalogue
    Add {
        /// The item's code, e.g. TON-88A
        sku: String,
        #[arg(long)]
        name: String,
        /// toner, ink, paper, media, cables ... (quotas are per category)
        #[arg(long)]
        category: String,
        /// The unit it is counted in: box, ream, piece ...
        #[arg(long)]
        unit: String,
        /// Stock below this is flagged and bought back up to [default: 0]
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        reorder_level: Option<String>,
        /// Accept a category that is neither configured nor used yet
        #[arg(long)]
        new_category: bool,
    },
    /// Change an item's name, category or reorder level
    Set {
        sku: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        category: Option<String>,
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        reorder_level: Option<String>,
        /// Accept a category that is neither configured nor used yet
        #[arg(long)]
        new_category: bool,
    },
    /// List the catalogue
    List {
        #[arg(long)]
        category: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum QuotaCmd {
    /// Set a department's quota for a category, for one quarter or from a quarter on
    Set {
        #[arg(long)]
        dept: String,
        #[arg(long)]
        category: String,
        /// For this quarter only, e.g. 2026Q4
        #[arg(
            long,
            conflicts_with = "from_quarter",
            required_unless_present = "from_quarter"
        )]
        quarter: Option<String>,
        /// From this quarter on, until a later --from-quarter changes it
        #[arg(long, value_name = "QUARTER")]
        from_quarter: Option<String>,
        /// The quota, in the category's unit
        #[arg(long, allow_hyphen_values = true)]
        qty: String,
    },
    /// List quotas as set, or with --quarter those in force in that quarter
    List {
        #[arg(long)]
        dept: Option<String>,
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        quarter: Option<String>,
    },
    /// Propose quotas for a quarter from the last four quarters' use (CON-3)
    Suggest {
        /// The quarter to propose quotas for, e.g. 2027Q1
        #[arg(long)]
        quarter: String,
        /// Write the proposals as the quotas of that quarter
        #[arg(long)]
        apply: bool,
    },
}

#[derive(Debug, Args)]
pub struct LedgerArgs {
    /// Only issues to this department (balances still count every movement)
    #[arg(long)]
    dept: Option<String>,
    /// Only items of this category
    #[arg(long)]
    category: Option<String>,
    /// Only this item
    #[arg(long)]
    sku: Option<String>,
    /// First date, YYYY-MM-DD
    #[arg(long)]
    from: Option<String>,
    /// Last date, YYYY-MM-DD
    #[arg(long)]
    to: Option<String>,
    /// Only this quarter (with --from/--to: inside it)
    #[arg(long)]
    quarter: Option<String>,
    /// Totals of the issues instead, grouped by these keys, comma-separated
    #[arg(long, value_delimiter = ',', value_parser = st::TOTAL_KEYS.to_vec())]
    by: Vec<String>,
}

fn required(field: &str, value: &str) -> Result<String> {
    clean(value).with_context(|| format!("{field}: must not be empty"))
}

fn opt_clean(value: Option<String>) -> Option<String> {
    value.and_then(|v| clean(&v))
}

/// The date of a movement: given or today; never in the future, since a
/// movement is recorded when it happens.
fn movement_date(ctx: &Ctx, value: &Option<String>) -> Result<NaiveDate> {
    match value {
        None => Ok(ctx.clock.as_of),
        Some(v) => {
            let d = parse_date("--date", v)?;
            if d > ctx.clock.as_of {
                bail!(
                    "--date: {d} is after today ({}); record a movement when it happens",
                    ctx.clock.as_of
                );
            }
            Ok(d)
        }
    }
}

fn quarter_or_current(ctx: &Ctx, value: &Option<String>) -> Result<Quarter> {
    match value {
        Some(v) => Quarter::parse("--quarter", v),
        None => Ok(Quarter::containing(ctx.clock.as_of)),
    }
}

impl ConsumableCmd {
    pub fn run(self, ctx: &mut Ctx) -> Result<u8> {
        match self {
            ConsumableCmd::Item(cmd) => cmd.run(ctx),
            ConsumableCmd::Categories => {
                let store = ctx.open()?;
                let used = st::used_categories(store.conn())?;
                let mut rows = Rows::new(&["category", "items", "configured"]);
                let mut names: Vec<String> = ctx.config.consumable.categories.clone();
                for (c, _) in &used {
                    if !names.contains(c) {
                        names.push(c.clone());
                    }
                }
                names.sort_by(|a, b| crate::domain::collate::pinyin_cmp(a, b));
                for c in names {
                    let n = used.iter().find(|(u, _)| *u == c).map_or(0, |(_, n)| *n);
                    let configured = ctx.config.consumable.categories.contains(&c);
                    rows.push(vec![c.into(), Value::Int(n), Value::Bool(configured)]);
                }
                ctx.out.rows(&rows)?;
                Ok(0)
            }
            ConsumableCmd::Receive {
                sku,
                qty,
                unit_cost,
                supplier,
                reference,
                date,
                unplanned,
                reason,
            } => {
                let qty = dom::parse_qty("QTY", &qty)?;
                let unit_cost = unit_cost
                    .map(|c| dom::parse_unit_cost("--unit-cost", &c))
                    .transpose()?;
                let date = movement_date(ctx, &date)?;
                let reason = match reason {
                    Some(r) => Some(clean(&r).context("--reason: must not be empty")?),
                    None => None,
                };
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let it = st::item(tx.conn(), &sku)?;
                // CON-2: purchases follow the quarter's approved plan.
                let q = Quarter::containing(date);
                let planned = st::planned::approved_by(tx.conn(), q, date)?;
                if !planned && !unplanned {
                    bail!(
                        "--date: {q} has no approved consumables plan (耗材采购季度计划) on {date}; approve one first (`infogov consumable plan --quarter {q} --submit`), or for an emergency purchase give --unplanned --reason TEXT, which stays a finding of {q} (CON-2)"
                    );
                }
                if planned && unplanned {
                    bail!(
                        "--unplanned: {q} has an approved plan on {date}; receive without --unplanned"
                    );
                }
                let r = st::Receipt {
                    qty,
                    unit_cost,
                    supplier: opt_clean(supplier),
                    reference: opt_clean(reference),
                    date,
                };
                let id = st::receive(&mut tx, &it, &r)?;
                if let Some(reason) = &reason {
                    st::planned::mark_unplanned(&mut tx, id, reason)?;
                }
                let rows = st::movement(tx.conn(), id)?;
                let now = st::available(tx.conn(), it.id, ctx.clock.as_of)?.0;
                tx.commit()?;
                ctx.out.done(
                    &format!("Received {qty} {} of {}; {now} in stock", it.unit, it.sku),
                    &rows,
                )?;
                Ok(0)
            }
            ConsumableCmd::Issue {
                sku,
                qty,
                dept,
                to,
                for_asset,
                over_quota,
                reason,
                date,
            } => {
                let qty = dom::parse_qty("QTY", &qty)?;
                let reason = opt_clean(reason);
                if over_quota && reason.is_none() {
                    bail!("--reason: an issue with --over-quota needs a reason");
                }
                let date = movement_date(ctx, &date)?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let it = st::item(tx.conn(), &sku)?;
                let dept_id = reg::dept_id(tx.conn(), "--dept", &dept)?;
                let dept_name = reg::dept_name(tx.conn(), dept_id)?;
                let person_id = match &to {
                    Some(p) => {
                        let id = reg::person_id(tx.conn(), "--to", p, Some(dept_id))?;
                        let home: i64 = tx.conn().query_row(
                            "SELECT dept_id FROM person WHERE id = ?1",
                            [id],
                            |r| r.get(0),
                        )?;
                        if home != dept_id {
                            bail!(
                                "--to: {} is in {}, not {dept_name}; issue to their department or name the right person",
                                p.trim(),
                                reg::dept_name(tx.conn(), home)?
                            );
                        }
                        Some(id)
                    }
                    None => None,
                };
                let asset_id = match &for_asset {
                    Some(tag) => {
                        let a = ast::current(tx.conn(), tag)?;
                        if matches!(a.status.as_str(), "retired" | "disposed") {
                            bail!("--for-asset: {} is {}", a.tag, a.status);
                        }
                        Some(a.id)
                    }
                    None => None,
                };
                let is = st::Issue {
                    qty,
                    dept_id,
                    person_id,
                    asset_id,
                    date,
                    over_quota,
                    reason,
                };
                let (id, flagged) = st::issue(&mut tx, &it, &is, &dept_name)?;
                let rows = st::movement(tx.conn(), id)?;
                let now = st::available(tx.conn(), it.id, ctx.clock.as_of)?.0;
                tx.commit()?;
                let flag = if flagged {
                    format!(
                        " (over {dept_name}'s {} quota for {}: flagged)",
                        it.category,
                        Quarter::containing(date)
                    )
                } else {
                    String::new()
                };
                ctx.out.done(
                    &format!(
                        "Issued {qty} {} of {} to {dept_name}{flag}; {now} in stock",
                        it.unit, it.sku
                    ),
                    &rows,
                )?;
                Ok(0)
            }
            ConsumableCmd::Adjust {
                sku,
                qty,
                reason,
                date,
            } => {
                let qty = dom::parse_correction("QTY", &qty)?;
                let reason = required("--reason", &reason)?;
                let date = movement_date(ctx, &date)?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let it = st::item(tx.conn(), &sku)?;
                let id = st::adjust(&mut tx, &it, qty, &reason, date)?;
                let rows = st::movement(tx.conn(), id)?;
                let now = st::available(tx.conn(), it.id, ctx.clock.as_of)?.0;
                tx.commit()?;
                ctx.out.done(
                    &format!("Adjusted {} by {qty:+} {}; {now} in stock", it.sku, it.unit),
                    &rows,
                )?;
                Ok(0)
            }
            ConsumableCmd::Quota(cmd) => cmd.run(ctx),
            ConsumableCmd::Stock { category, below } => {
                let store = ctx.open()?;
                let rows = st::stock(
                    store.conn(),
                    ctx.clock.as_of,
                    category.as_deref().map(str::trim),
                    below,
                )?;
                ctx.out.rows(&rows)?;
                Ok(0)
            }
            ConsumableCmd::Ledger(args) => ledger(ctx, args),
            ConsumableCmd::Assess { quarter, dept } => {
                let q = quarter_or_current(ctx, &quarter)?;
                let store = ctx.open()?;
                let dept = dept
                    .map(|d| reg::dept_id(store.conn(), "--dept", &d))
                    .transpose()?;
                let list = st::assess(store.conn(), q, dept)?;
                ctx.out.rows(&st::assess_rows(&list))?;
                Ok(0)
            }
            ConsumableCmd::Plan { quarter, submit } => {
                let q = quarter_or_current(ctx, &quarter)?;
                let mut store = ctx.open()?;
                let lines = draw_up_plan(store.conn(), q, ctx.clock.as_of)?;
                if !submit {
                    super::forms::plan(ctx, &store, q, &plan_rows(&lines))?;
                    return Ok(0);
                }
                let mut tx = store.write(&ctx.who)?;
                let id = submit_plan(&mut tx, q, &lines, ctx)?;
                tx.commit()?;
                super::forms::plan(ctx, &store, q, &plan_rows(&lines))?;
                let note = crate::i18n::tr(&format!(
                    "Filed the plan for {q} as request {id} and submitted it for approval (`infogov request approve {id}`)\n"
                ));
                if ctx.out.format == super::output::Format::Table {
                    ctx.out.text(&note)?;
                } else {
                    eprint!("{note}");
                }
                Ok(0)
            }
            ConsumableCmd::Need {
                dept,
                sku,
                qty,
                quarter,
                note,
            } => {
                let qty = dom::parse_count("QTY", &qty)?;
                let q = Quarter::parse("--quarter", &quarter)?;
                let note = opt_clean(note);
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let dept_id = reg::dept_id(tx.conn(), "DEPT", &dept)?;
                let it = st::item(tx.conn(), &sku)?;
                let (id, before) = st::planned::state_need(
                    &mut tx,
                    dept_id,
                    it.id,
                    q,
                    qty,
                    note.as_deref(),
                    ctx.clock.as_of,
                )?;
                let rows = st::planned::list_needs(tx.conn(), q, Some(id))?;
                tx.commit()?;
                let dept_name = rows.rows.first().map_or(dept.clone(), |r| r[1].display());
                let was = before.map_or(String::new(), |b| format!(" (was {b})"));
                ctx.out.done(
                    &format!(
                        "{dept_name} needs {qty} {} of {} in {q}{was}",
                        it.unit, it.sku
                    ),
                    &rows,
                )?;
                Ok(0)
            }
            ConsumableCmd::Needs { quarter } => {
                let q = quarter_or_current(ctx, &quarter)?;
                let store = ctx.open()?;
                ctx.out
                    .rows(&st::planned::list_needs(store.conn(), q, None)?)?;
                Ok(0)
            }
            ConsumableCmd::Void(args) => super::correction::void(
                ctx,
                &[crate::domain::correction::CONSUMABLE_MOVEMENT],
                &args,
                |tx, _, id, reason| st::reverse(tx, id, reason),
            ),
            ConsumableCmd::Check { nagios } => {
                run_check(ctx, "CONSUMABLE", nagios, |ctx, store| {
                    st::check(store.conn(), ctx.clock.as_of)
                })
            }
        }
    }
}

/// The plan for quarter `q` as drawn up on `as_of`: plain lines, which
/// `plan --submit` files as the lines of a `consumable-plan` request
/// ([`PlanLine::request_line`]).
/// Files the plan as a `consumable-plan` request of the actor's department
/// and submits it. A quarter has one plan in the workflow at a time: a new one
/// may be filed only when the last was rejected or withdrawn.
fn submit_plan(
    tx: &mut crate::store::Tx<'_>,
    q: Quarter,
    lines: &[PlanLine],
    ctx: &Ctx,
) -> Result<i64> {
    use crate::domain::request::{Action, Kind, Line};
    use crate::store::request::{self as rq, NewRequest};
    let title = dom::plan_title(q);
    let existing: Option<(i64, String)> = tx
        .conn()
        .query_row(
            "SELECT id, status FROM request WHERE kind = 'consumable-plan' AND title = ?1
               AND status NOT IN ('rejected', 'withdrawn') ORDER BY id DESC LIMIT 1",
            [&title],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })
        .context("looking for the quarter's plan")?;
    if let Some((id, status)) = existing {
        bail!(
            "--submit: the plan for {q} is already request {id} ({status}); withdraw or reject it first"
        );
    }
    let request_lines: Vec<Line> = lines
        .iter()
        .filter_map(|l| {
            let r = l.request_line()?;
            Some(Line {
                description: r.description,
                quantity: r.qty,
                standard: Some(r.standard),
                unit_price: l.unit_cost,
            })
        })
        .collect();
    if request_lines.is_empty() {
        bail!("--submit: the plan for {q} buys nothing; there is nothing to approve");
    }
    let who = rq::actor(tx.conn(), &ctx.who)?;
    let id = rq::file(
        tx,
        &NewRequest {
            kind: Kind::ConsumablePlan,
            dept_id: who.dept_id,
            title,
            purpose: Some(format!("{q} 耗材采购 (CON-2)")),
            software: None,
            budget: None,
            lines: request_lines,
            assets: vec![],
        },
        &who,
        ctx.clock.now,
    )?;
    rq::act(tx, id, Action::Submit, &who, None, ctx.clock.now)?;
    Ok(id)
}

pub fn draw_up_plan(
    conn: &rusqlite::Connection,
    q: Quarter,
    as_of: NaiveDate,
) -> Result<Vec<PlanLine>> {
    st::draw_up_plan(conn, q, as_of)
}

pub const PLAN_COLUMNS: &[&str] = &[
    "sku",
    "name",
    "category",
    "unit",
    "last_year",
    "last_4q",
    "need",
    "stock",
    "reorder_level",
    "buy",
    "unit_cost",
    "cost",
    "source",
];

/// The plan as a table, with a total of the estimated cost.
pub fn plan_rows(lines: &[PlanLine]) -> Rows {
    let mut rows = Rows::new(PLAN_COLUMNS);
    let mut total = 0i64;
    for l in lines {
        total += l.cost.unwrap_or(0);
        rows.push(vec![
            l.sku.clone().into(),
            l.name.clone().into(),
            l.category.clone().into(),
            l.unit.clone().into(),
            Value::Int(l.last_year),
            Value::Int(l.last_4q),
            Value::Int(l.need),
            Value::Int(l.stock),
            Value::Int(l.reorder_level),
            Value::Int(l.buy),
            l.unit_cost.map_or(Value::Null, Value::Money),
            l.cost.map_or(Value::Null, Value::Money),
            l.source.clone().into(),
        ]);
    }
    let mut last = vec![Value::Null; PLAN_COLUMNS.len()];
    last[0] = "TOTAL".into();
    last[11] = Value::Money(total);
    rows.push(last);
    rows
}

fn ledger(ctx: &mut Ctx, a: LedgerArgs) -> Result<u8> {
    let mut from = a.from.map(|v| parse_date("--from", &v)).transpose()?;
    let mut to = a.to.map(|v| parse_date("--to", &v)).transpose()?;
    if let Some(q) = a.quarter {
        let q = Quarter::parse("--quarter", &q)?;
        for (field, d) in [("--from", from), ("--to", to)] {
            if let Some(d) = d
                && !q.contains(d)
            {
                bail!(
                    "{field}: {d} is not in {q} ({} to {})",
                    q.first_day(),
                    q.last_day()
                );
            }
        }
        from = from.or(Some(q.first_day()));
        to = to.or(Some(q.last_day()));
    }
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        bail!("--to: {t} is before --from {f}");
    }
    let store = ctx.open()?;
    let conn = store.conn();
    let f = st::LedgerFilter {
        dept: a
            .dept
            .map(|d| reg::dept_id(conn, "--dept", &d))
            .transpose()?,
        category: a.category.map(|c| c.trim().to_string()),
        item: a
            .sku
            .map(|s| st::item(conn, &s))
            .transpose()?
            .map(|i: Item| i.id),
        from,
        to,
    };
    if a.by.is_empty() {
        let mut stream = ctx.out.stream(st::LEDGER_COLUMNS)?;
        st::ledger(conn, &f, &mut |row| stream.push(row))?;
        stream.finish()?;
    } else {
        ctx.out.rows(&st::ledger_totals(conn, &f, &a.by)?)?;
    }
    Ok(0)
}

impl ItemCmd {
    fn run(self, ctx: &mut Ctx) -> Result<u8> {
        const NEW_HINT: &str = ", or pass --new-category to start it";
        match self {
            ItemCmd::Add {
                sku,
                name,
                category,
                unit,
                reorder_level,
                new_category,
            } => {
                let it = st::NewItem {
                    sku: required("SKU", &sku)?,
                    name: required("--name", &name)?,
                    category: required("--category", &category)?,
                    unit: required("--unit", &unit)?,
                    reorder_level: reorder_level
                        .map(|v| dom::parse_count("--reorder-level", &v))
                        .transpose()?
                        .unwrap_or(0),
                };
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                if !new_category {
                    st::known_category(
                        tx.conn(),
                        "--category",
                        &it.category,
                        &ctx.config.consumable.categories,
                        NEW_HINT,
                    )?;
                }
                st::add_item(&mut tx, &it, ctx.clock.as_of)?;
                let rows = st::list_items(tx.conn(), None, Some(&it.sku))?;
                tx.commit()?;
                ctx.out.done(
                    &format!(
                        "Added {} ({}, {}, counted in {})",
                        it.sku, it.name, it.category, it.unit
                    ),
                    &rows,
                )?;
            }
            ItemCmd::Set {
                sku,
                name,
                category,
                reorder_level,
                new_category,
            } => {
                let name = name.map(|n| required("--name", &n)).transpose()?;
                let category = category.map(|c| required("--category", &c)).transpose()?;
                let level = reorder_level
                    .map(|v| dom::parse_count("--reorder-level", &v))
                    .transpose()?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let it = st::item(tx.conn(), &sku)?;
                if let Some(c) = &category
                    && !new_category
                {
                    st::known_category(
                        tx.conn(),
                        "--category",
                        c,
                        &ctx.config.consumable.categories,
                        NEW_HINT,
                    )?;
                }
                st::set_item(&mut tx, &it, name.as_deref(), category.as_deref(), level)?;
                let rows = st::list_items(tx.conn(), None, Some(&it.sku))?;
                tx.commit()?;
                ctx.out.done(&format!("Changed {}", it.sku), &rows)?;
            }
            ItemCmd::List { category } => {
                let store = ctx.open()?;
                ctx.out.rows(&st::list_items(
                    store.conn(),
                    category.as_deref().map(str::trim),
                    None,
                )?)?;
            }
        }
        Ok(0)
    }
}

impl QuotaCmd {
    fn run(self, ctx: &mut Ctx) -> Result<u8> {
        match self {
            QuotaCmd::Set {
                dept,
                category,
                quarter,
                from_quarter,
                qty,
            } => {
                let (q, standing) = match (quarter, from_quarter) {
                    (Some(q), _) => (Quarter::parse("--quarter", &q)?, false),
                    (None, Some(q)) => (Quarter::parse("--from-quarter", &q)?, true),
                    (None, None) => bail!("--quarter: give --quarter Q or --from-quarter Q"),
                };
                let qty = dom::parse_count("--qty", &qty)?;
                let category = required("--category", &category)?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let d = reg::dept_id(tx.conn(), "--dept", &dept)?;
                let dname = reg::dept_name(tx.conn(), d)?;
                st::known_category(
                    tx.conn(),
                    "--category",
                    &category,
                    &ctx.config.consumable.categories,
                    "",
                )?;
                let old = st::set_quota(&mut tx, d, &category, q, standing, qty)?;
                let rows = st::list_quotas(tx.conn(), Some(d), Some(&category), Some(q))?;
                tx.commit()?;
                let when = if standing {
                    format!("from {q} on")
                } else {
                    format!("for {q} only")
                };
                let msg = match old {
                    Some(o) if o == qty => {
                        format!("{dname}'s {category} quota {when} is already {qty}")
                    }
                    Some(o) => format!("Set {dname}'s {category} quota {when} to {qty} (was {o})"),
                    None => format!("Set {dname}'s {category} quota {when} to {qty}"),
                };
                ctx.out.done(&msg, &rows)?;
            }
            QuotaCmd::List {
                dept,
                category,
                quarter,
            } => {
                let q = quarter
                    .map(|q| Quarter::parse("--quarter", &q))
                    .transpose()?;
                let store = ctx.open()?;
                let d = dept
                    .map(|d| reg::dept_id(store.conn(), "--dept", &d))
                    .transpose()?;
                ctx.out.rows(&st::list_quotas(
                    store.conn(),
                    d,
                    category.as_deref().map(str::trim),
                    q,
                )?)?;
            }
            QuotaCmd::Suggest { quarter, apply } => {
                let q = Quarter::parse("--quarter", &quarter)?;
                let mut store = ctx.open()?;
                let usage = st::category_usage(store.conn(), q, ctx.clock.as_of)?;
                let list = dom::suggest(q, &usage, ctx.config.consumable.quota_headroom_percent);
                let mut rows = Rows::new(&[
                    "dept",
                    "category",
                    "last_4q",
                    "average",
                    "current",
                    "suggested",
                ]);
                let mut named = Vec::with_capacity(list.len());
                for s in list {
                    named.push((reg::dept_name(store.conn(), s.dept_id)?, s));
                }
                use crate::domain::collate::pinyin_cmp;
                named.sort_by(|a, b| {
                    pinyin_cmp(&a.0, &b.0).then_with(|| pinyin_cmp(&a.1.category, &b.1.category))
                });
                for (dname, s) in &named {
                    let current =
                        st::quota_in_force(store.conn(), s.dept_id, &s.category, q)?.map(|c| c.0);
                    rows.push(vec![
                        dname.clone().into(),
                        s.category.clone().into(),
                        Value::Int(s.total),
                        Value::Float(s.total as f64 / 4.0),
                        current.into(),
                        Value::Int(s.suggested),
                    ]);
                }
                if !apply {
                    ctx.out.rows(&rows)?;
                    return Ok(0);
                }
                if named.is_empty() {
                    bail!(
                        "--apply: nothing was issued in the four quarters before {q}; there is nothing to apply"
                    );
                }
                let mut tx = store.write(&ctx.who)?;
                let mut changed = 0;
                for (_, s) in &named {
                    if st::set_quota(&mut tx, s.dept_id, &s.category, q, false, s.suggested)?
                        != Some(s.suggested)
                    {
                        changed += 1;
                    }
                }
                tx.commit()?;
                ctx.out.done(
                    &format!(
                        "Applied {} suggested quotas for {q} ({changed} new or changed)",
                        named.len()
                    ),
                    &rows,
                )?;
            }
        }
        Ok(0)
    }
}
