//! `infogov asset`: the asset register (AST-1..AST-5, AST-7, AST-9).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use dialoguer::{Input, Select, theme::ColorfulTheme};

use super::{Ctx, run_check};
use crate::domain::asset::{
    MAINTENANCE_KINDS, MANUAL_STATUSES, NewAsset, RawAsset, STATUSES, clean,
};
use crate::domain::money::parse_money;
use crate::domain::request::DISPOSAL_METHODS;
use crate::domain::time::parse_date;
use crate::i18n::tr;
use crate::rows::Rows;
use crate::store::asset::{self as st, NewCustodians, Resolver};
use crate::store::asset_import::{self as imp, AssetWords};
use crate::store::registry as reg;
use crate::store::request as rq;
use crate::tabular::schemas;

#[derive(Debug, Subcommand)]
pub enum AssetCmd {
    /// Register a device or piece of software (AST-1, AST-2)
    Register(Box<RegisterArgs>),
    /// Import assets from the register an office keeps: a CSV file (UTF-8 or
    /// GBK) or an Excel/WPS workbook (.xlsx, .xls, .ods), with the long option
    /// names of `register` or the Chinese headers offices use (资产名称,
    /// 使用科室 ...) as headers; the whole file or nothing
    Import {
        /// The file; its format is told by its content
        file: PathBuf,
        /// Check every row and report, but write nothing
        #[arg(long)]
        dry_run: bool,
        /// Update the registered assets the file names (by tag, or an untagged
        /// row by serial number) field by field, each change on record
        #[arg(long)]
        update: bool,
        #[command(flatten)]
        table: super::table_args::TableArgs,
    },
    /// List assets
    List {
        #[arg(long)]
        dept: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long, value_parser = STATUSES.to_vec())]
        status: Option<String>,
        /// A person (NAME or NAME@DEPT)
        #[arg(long)]
        custodian: Option<String>,
        #[arg(long)]
        location: Option<String>,
        /// Text to find in tag, name, model, serial, specs, location, maker or supplier
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
    },
    /// Show every field of one asset
    Show { tag: String },
    /// Every event of one asset, oldest first
    History { tag: String },
    /// Move an asset to another department, custodian or location (AST-3)
    Transfer {
        tag: String,
        #[arg(long)]
        dept: Option<String>,
        /// The new first responsible person (NAME or NAME@DEPT); asked for on a
        /// terminal when --dept moves the asset away from its custodian's department
        #[arg(long)]
        custodian: Option<String>,
        /// Keep the custodian of another department when --dept moves the asset
        /// (it stays a finding of `asset check`)
        #[arg(long, conflicts_with = "custodian")]
        keep_custodian: bool,
        #[arg(long)]
        location: Option<String>,
        /// Why (required: the register says why every change was made)
        #[arg(long)]
        reason: String,
        /// When [default: --as-of, else today]
        #[arg(long)]
        date: Option<String>,
    },
    /// Record a repair, inspection, virus scan or upgrade (AST-4, OPS-1)
    Maintain {
        tag: String,
        #[arg(long, value_parser = MAINTENANCE_KINDS.to_vec())]
        kind: String,
        /// Repair or part cost in yuan, charged to a department
        #[arg(long)]
        cost: Option<String>,
        /// The department charged [default: the asset's department]
        #[arg(long, value_name = "DEPT")]
        charge_to: Option<String>,
        #[arg(long)]
        vendor: Option<String>,
        #[arg(long)]
        note: String,
        /// The new specs after an upgrade (a configuration change, AST-3)
        #[arg(long)]
        specs: Option<String>,
        #[arg(long)]
        date: Option<String>,
    },
    /// Record damage by human cause and who pays for it (AST-5)
    Damage {
        tag: String,
        #[arg(long)]
        cause: String,
        #[arg(long, value_parser = ["department", "person"])]
        liable: String,
        /// The amount payable, in yuan
        #[arg(long)]
        amount: String,
        /// The liable department [default: the asset's department]
        #[arg(long)]
        dept: Option<String>,
        /// The liable person [default: the asset's custodian]
        #[arg(long)]
        person: Option<String>,
        #[arg(long)]
        date: Option<String>,
    },
    /// Set an asset in use, in stock or under repair (retirement takes an approved request)
    Status {
        tag: String,
        /// in-use, in-stock or under-repair (retired and disposed come from
        /// an approved retirement request and `asset dispose`)
        #[arg(value_parser = STATUSES.to_vec())]
        status: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// Record the disposal of an asset retired by an approved retirement
    /// request (AST-6; the office)
    Dispose {
        tag: String,
        /// How it left: scrap (报废), recycle (回收), sell (变卖), donate (捐赠),
        /// destroy (销毁, e.g. disks that held data)
        #[arg(long, value_parser = DISPOSAL_METHODS.to_vec())]
        method: String,
        /// What was done, by whom, with what receipt
        #[arg(long)]
        note: String,
        /// When [default: --as-of, else today]
        #[arg(long)]
        date: Option<String>,
    },
    /// Counts and value by department, location, kind or status (AST-7)
    Report {
        #[arg(long, value_parser = ["dept", "location", "kind", "status"], default_value = "dept")]
        by: String,
    },
    /// Findings: assets with no department or custodian, classified assets on an external network
    Check {
        /// Print the Nagios plugin format
        #[arg(long)]
        nagios: bool,
    },
    /// Software allowed on the LAN and installed on devices (AST-8)
    #[command(subcommand)]
    Software(super::software::SoftwareCmd),
    /// Antivirus on each device (OPS-1, S3): recorded, or imported from an
    /// antivirus console's export
    #[command(subcommand)]
    Antivirus(super::secops::AntivirusCmd),
    /// How long each server keeps its operation logs (OPS-2)
    #[command(subcommand)]
    Logs(super::secops::LogsCmd),
    /// Correct registration fields typed wrong; each change is an event of
    /// `asset history` (old -> new, reason, who). Department, custodian and
    /// location change with `transfer`, status with `status`
    Edit {
        tag: String,
        #[command(flatten)]
        fields: super::correction::Edits<super::correction::AssetFields>,
        /// Its own service life (使用年限), e.g. 6y or 72mo
        #[arg(long, value_name = "LIFE", allow_hyphen_values = true)]
        service_life: Option<String>,
        /// The last day of its warranty (保修期至), YYYY-MM-DD
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        warranty_until: Option<String>,
        #[command(flatten)]
        reason: super::correction::EditReason,
    },
    /// Void a maintenance or damage record entered by mistake (ID as `asset
    /// history` shows it, M7 or D2): it stays in the history, marked void,
    /// and no longer counts in checks, duties and reports
    Void(super::correction::VoidArgs),
    /// Stock-taking (盘点): count the register against the devices (AST-1)
    #[command(subcommand)]
    Stocktake(super::stocktake::StocktakeCmd),
    /// Print asset labels with a QR code of the tag (SVG, or HTML with inline SVG)
    Label(super::label::LabelArgs),
    /// Straight-line depreciation (年限平均法) per asset, or by department or
    /// kind, as of --as-of: original value, this month's charge, accumulated,
    /// net book value
    Depreciation {
        /// One row per department or kind instead of per asset
        #[arg(long, value_parser = ["dept", "kind"])]
        by: Option<String>,
    },
}

#[derive(Debug, Args, Default)]
pub struct RegisterArgs {
    /// The asset tag [default: generated as PREFIX-YEAR-NNNN]
    #[arg(long, allow_hyphen_values = true)]
    pub tag: Option<String>,
    /// One of the configured kinds (desktop, laptop, server, printer, ...)
    #[arg(long, allow_hyphen_values = true)]
    pub kind: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub name: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub model: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub manufacturer: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub supplier: Option<String>,
    /// Purchase date, YYYY-MM-DD
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub purchased: Option<String>,
    /// Purchase price in yuan, e.g. 4999.00
    #[arg(long, allow_hyphen_values = true)]
    pub price: Option<String>,
    /// The department that holds it
    #[arg(long, allow_hyphen_values = true)]
    pub dept: Option<String>,
    /// The first responsible person (第一责任人), a registered person
    #[arg(long, allow_hyphen_values = true)]
    pub custodian: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub location: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub serial: Option<String>,
    /// Performance data: CPU, memory, disk ...
    #[arg(long, allow_hyphen_values = true)]
    pub specs: Option<String>,
    /// A classified (涉密) computer: must never be on an external network (AST-9)
    #[arg(long)]
    pub classified: bool,
    #[arg(long, value_parser = ["internal", "external", "none"])]
    pub network: Option<String>,
    /// in-use (default) or in-stock
    #[arg(long, value_parser = ["in-use", "in-stock"])]
    pub status: Option<String>,
    /// Its service life (使用年限), e.g. 6y or 72mo [default: its kind's, from the config]
    #[arg(long, value_name = "LIFE", allow_hyphen_values = true)]
    pub service_life: Option<String>,
    /// The last day of its warranty (保修期至), YYYY-MM-DD
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub warranty_until: Option<String>,
}

fn opt_date(ctx: &Ctx, value: &Option<String>) -> Result<chrono::NaiveDate> {
    match value {
        Some(d) => parse_date("--date", d),
        None => Ok(ctx.clock.as_of),
    }
}

fn required(field: &str, value: String) -> Result<String> {
    clean(&value).with_context(|| format!("{field}: must not be empty"))
}

impl AssetCmd {
    pub fn run(self, ctx: &mut Ctx) -> Result<u8> {
        match self {
            AssetCmd::Register(args) => register(ctx, *args),
            AssetCmd::Import {
                file,
                dry_run,
                update,
                table,
            } => import(ctx, &file, dry_run, update, &table),
            AssetCmd::List {
                dept,
                kind,
                status,
                custodian,
                location,
                search,
            } => {
                let store = ctx.open()?;
                let conn = store.conn();
                let filter = st::Filter {
                    dept: dept.map(|d| reg::dept_id(conn, "--dept", &d)).transpose()?,
                    kind,
                    status,
                    custodian: custodian
                        .map(|c| reg::person_id(conn, "--custodian", &c, None))
                        .transpose()?,
                    location,
                    search,
                };
                if matches!(
                    ctx.out.format,
                    super::output::Format::Html | super::output::Format::Xlsx
                ) && !ctx.out.columns_chosen()
                {
                    // The asset register by department (资产登记表), to print.
                    // Without the derived isolation: the paper is the register.
                    let paper_columns = &st::LIST_COLUMNS[..st::LIST_COLUMNS.len() - 1];
                    let mut rows = crate::rows::Rows::new(paper_columns);
                    st::list(conn, &filter, &mut |row| {
                        rows.push(row[..paper_columns.len()].to_vec());
                        Ok(())
                    })?;
                    let paper = super::forms::asset_register(ctx, &rows);
                    ctx.out.paper(&paper)?;
                    return Ok(0);
                }
                let mut stream = ctx.out.stream(st::LIST_COLUMNS)?;
                st::list(conn, &filter, &mut |row| stream.push(row))?;
                stream.finish()?;
                Ok(0)
            }
            AssetCmd::Show { tag } => {
                let store = ctx.open()?;
                ctx.out.record(&st::show(store.conn(), &tag)?)?;
                Ok(0)
            }
            AssetCmd::History { tag } => {
                let store = ctx.open()?;
                ctx.out.rows(&st::history(store.conn(), &tag)?)?;
                Ok(0)
            }
            AssetCmd::Transfer {
                tag,
                dept,
                mut custodian,
                keep_custodian,
                location,
                reason,
                date,
            } => {
                let reason = required("--reason", reason)?;
                let date = opt_date(ctx, &date)?;
                super::correction::not_after_today(ctx, "--date", date)?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let a = st::current(tx.conn(), &tag)?;
                let dept = dept
                    .map(|d| reg::dept_id(tx.conn(), "--dept", &d))
                    .transpose()?;
                if let Some(to) = dept
                    && Some(to) != a.dept_id
                    && custodian.is_none()
                    && !keep_custodian
                    && let Some((held_by, of)) = custodian_elsewhere(tx.conn(), a.custodian_id, to)?
                {
                    let to_name = reg::dept_name(tx.conn(), to)?;
                    if ctx.interactive {
                        let c: String = Input::with_theme(&ColorfulTheme::default())
                            .with_prompt(tr(&format!(
                                "Custodian in {to_name} ({held_by} is of {of})"
                            )))
                            .interact_text()
                            .context("--custodian: prompt")?;
                        custodian = clean(&c);
                    }
                    if custodian.is_none() {
                        bail!(
                            "--custodian: {} moves to {to_name} but its custodian {held_by} is of {of}; name a custodian of {to_name} with --custodian, or keep {held_by} with --keep-custodian",
                            a.tag
                        );
                    }
                }
                let custodian = custodian
                    .map(|c| reg::person_id(tx.conn(), "--custodian", &c, dept.or(a.dept_id)))
                    .transpose()?;
                let t = st::Transfer {
                    dept,
                    custodian,
                    location: location.and_then(|l| clean(&l)),
                    reason,
                    date,
                };
                st::transfer(&mut tx, &a, &t)?;
                let rows = st::show(tx.conn(), &a.tag)?;
                tx.commit()?;
                ctx.out.done(&format!("Transferred {}", a.tag), &rows)?;
                Ok(0)
            }
            AssetCmd::Maintain {
                tag,
                kind,
                cost,
                charge_to,
                vendor,
                note,
                specs,
                date,
            } => {
                let note = required("--note", note)?;
                let date = opt_date(ctx, &date)?;
                super::correction::not_after_today(ctx, "--date", date)?;
                let cost = cost
                    .map(|c| parse_money("--cost", &c))
                    .transpose()?
                    .unwrap_or(0);
                if specs.is_some() && kind != "upgrade" {
                    bail!("--specs: only an upgrade changes the specs (use --kind upgrade)");
                }
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let a = st::current(tx.conn(), &tag)?;
                let charge_to = charge_to
                    .map(|d| reg::dept_id(tx.conn(), "--charge-to", &d))
                    .transpose()?;
                let m = st::Maintenance {
                    kind: kind.clone(),
                    cost,
                    charge_to,
                    vendor: vendor.and_then(|v| clean(&v)),
                    note,
                    date,
                    specs: specs.and_then(|s| clean(&s)),
                };
                st::maintain(&mut tx, &a, &m)?;
                let rows = st::history(tx.conn(), &a.tag)?;
                tx.commit()?;
                ctx.out
                    .done(&format!("Recorded {kind} of {}", a.tag), &last_row(rows))?;
                Ok(0)
            }
            AssetCmd::Damage {
                tag,
                cause,
                liable,
                amount,
                dept,
                person,
                date,
            } => {
                let cause = required("--cause", cause)?;
                let amount = parse_money("--amount", &amount)?;
                let date = opt_date(ctx, &date)?;
                super::correction::not_after_today(ctx, "--date", date)?;
                if liable == "department" && person.is_some() {
                    bail!("--person: the liable party is the department; use --liable person");
                }
                if liable == "person" && dept.is_some() {
                    bail!("--dept: the liable party is a person; use --liable department");
                }
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let a = st::current(tx.conn(), &tag)?;
                let d = st::Damage {
                    cause,
                    liable,
                    dept: dept
                        .map(|d| reg::dept_id(tx.conn(), "--dept", &d))
                        .transpose()?,
                    person: person
                        .map(|p| reg::person_id(tx.conn(), "--person", &p, a.dept_id))
                        .transpose()?,
                    amount,
                    date,
                };
                st::damage(&mut tx, &a, &d)?;
                let rows = st::history(tx.conn(), &a.tag)?;
                tx.commit()?;
                ctx.out
                    .done(&format!("Recorded damage to {}", a.tag), &last_row(rows))?;
                Ok(0)
            }
            AssetCmd::Status {
                tag,
                status,
                reason,
                date,
            } => {
                if !MANUAL_STATUSES.contains(&status.as_str()) {
                    bail!(
                        "STATUS: {status} is not set by hand; an asset is retired by a fulfilled retirement request (`request new --kind retirement`) and disposed of with `asset dispose`"
                    );
                }
                let reason = required("--reason", reason)?;
                let date = opt_date(ctx, &date)?;
                super::correction::not_after_today(ctx, "--date", date)?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let a = st::current(tx.conn(), &tag)?;
                st::set_status(&mut tx, &a, &status, &reason, date)?;
                let rows = st::show(tx.conn(), &a.tag)?;
                tx.commit()?;
                ctx.out.done(&format!("{} is now {status}", a.tag), &rows)?;
                Ok(0)
            }
            AssetCmd::Dispose {
                tag,
                method,
                note,
                date,
            } => {
                let note = required("--note", note)?;
                let date = opt_date(ctx, &date)?;
                super::correction::not_after_today(ctx, "--date", date)?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let who = rq::actor(tx.conn(), &ctx.who)?;
                let d = rq::Disposal {
                    method: method.clone(),
                    note,
                    date,
                };
                let request = rq::dispose(&mut tx, &tag, &d, &who)?;
                let a = st::current(tx.conn(), &tag)?;
                let rows = st::show(tx.conn(), &a.tag)?;
                tx.commit()?;
                ctx.out.done(
                    &format!(
                        "Disposed of {} ({method}), retired by request {request}",
                        a.tag
                    ),
                    &rows,
                )?;
                Ok(0)
            }
            AssetCmd::Report { by } => {
                let store = ctx.open()?;
                ctx.out.rows(&st::report(store.conn(), &by)?)?;
                Ok(0)
            }
            AssetCmd::Check { nagios } => run_check(ctx, "ASSET", nagios, |ctx, store| {
                let mut all = placed_check(ctx, store.conn())?;
                all.extend(stocktake_findings(ctx, store)?);
                Ok(all)
            }),
            AssetCmd::Software(cmd) => cmd.run(ctx),
            AssetCmd::Antivirus(cmd) => cmd.run(ctx),
            AssetCmd::Logs(cmd) => cmd.run(ctx),
            AssetCmd::Edit {
                tag,
                fields,
                service_life,
                warranty_until,
                reason,
            } => {
                // Checked before anything is opened: a bad value writes nothing.
                let life = service_life
                    .as_deref()
                    .map(|v| crate::domain::life::parse_service_life("--service-life", v))
                    .transpose()?;
                let warranty = warranty_until
                    .as_deref()
                    .map(|d| parse_date("--warranty-until", d))
                    .transpose()?;
                if fields.values.is_empty() && life.is_none() && warranty.is_none() {
                    let mut hint = super::correction::values_hint(crate::store::audit::ASSET);
                    hint.extend(["--service-life".into(), "--warranty-until".into()]);
                    bail!("nothing to change; give one or more of {}", hint.join(", "));
                }
                let reason = crate::domain::correction::reason(&reason.reason)?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let a = st::current(tx.conn(), &tag)?;
                if a.status == "disposed" {
                    bail!(
                        "TAG: {} is disposed; its registration is closed and can no longer be amended",
                        a.tag
                    );
                }
                for (f, v) in &fields.values {
                    if f.option == "serial" {
                        refuse_known_serial(tx.conn(), v, Some(a.id))?;
                    }
                }
                let mut made = super::correction::amend_fields(
                    ctx,
                    &mut tx,
                    crate::store::audit::ASSET,
                    "asset",
                    a.id,
                    &fields.values,
                    &reason,
                )?;
                made.extend(crate::store::life::amend(
                    &mut tx,
                    a.id,
                    life,
                    warranty,
                    &reason,
                    &ctx.today(),
                )?);
                let message = super::correction::amended(&a.tag, &made)?;
                let rows = st::show(tx.conn(), &a.tag)?;
                tx.commit()?;
                ctx.out.done(&message, &rows)?;
                Ok(0)
            }
            AssetCmd::Void(args) => {
                use crate::domain::correction::{DAMAGE, MAINTENANCE};
                super::correction::void(ctx, &[MAINTENANCE, DAMAGE], &args, |tx, kind, id, _| {
                    if kind == MAINTENANCE {
                        return st::undo_upgrade(tx, id);
                    }
                    Ok((None, None))
                })
            }
            AssetCmd::Stocktake(cmd) => cmd.run(ctx),
            AssetCmd::Label(args) => super::label::run(ctx, args),
            AssetCmd::Depreciation { by } => {
                let store = ctx.open()?;
                let rows = crate::store::life::depreciation(
                    store.conn(),
                    &ctx.config.asset,
                    ctx.clock.as_of,
                    by.as_deref(),
                )?;
                ctx.out.rows(&rows)?;
                Ok(0)
            }
        }
    }
}

/// The asset check: the registration findings and where assets are and
/// who holds them.
pub fn placed_check(
    ctx: &Ctx,
    conn: &rusqlite::Connection,
) -> Result<Vec<crate::domain::findings::Finding>> {
    let mut all = st::check(conn)?;
    let office =
        crate::store::placement::office_dept(conn, ctx.config.asset.office_dept.as_deref())?;
    all.extend(crate::store::placement::check(
        conn,
        office,
        &ctx.config.asset.central_kinds,
    )?);
    Ok(all)
}

/// The findings of stock-taking, service life and warranty: part of the
/// asset area in `asset check` and `audit check`.
pub fn stocktake_findings(
    ctx: &Ctx,
    store: &crate::store::Store,
) -> Result<Vec<crate::domain::findings::Finding>> {
    let conn = store.conn();
    let mut all =
        crate::store::stocktake::check(conn, ctx.clock.as_of, ctx.config.stocktake.every()?)?;
    all.extend(crate::store::life::check(
        conn,
        &ctx.config.asset,
        ctx.clock.as_of,
    )?);
    Ok(all)
}

/// The custodian's name and department when they are not of `dept`.
fn custodian_elsewhere(
    conn: &rusqlite::Connection,
    custodian: Option<i64>,
    dept: i64,
) -> Result<Option<(String, String)>> {
    let Some(p) = custodian else {
        return Ok(None);
    };
    let (name, of, of_id): (String, String, i64) = conn
        .query_row(
            "SELECT p.name, d.name, d.id FROM person p JOIN department d ON d.id = p.dept_id WHERE p.id = ?1",
            [p],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .context("reading the custodian")?;
    Ok((of_id != dept).then_some((name, of)))
}

/// A serial number already registered is refused, naming the asset: two
/// assets with one serial are one asset registered twice, or a typo.
fn refuse_known_serial(
    conn: &rusqlite::Connection,
    serial: &str,
    except: Option<i64>,
) -> Result<()> {
    let serial = serial.trim();
    if serial.is_empty() {
        return Ok(());
    }
    let tags = st::assets_with_serial(conn, serial, except)?;
    if let Some(tag) = tags.first() {
        bail!("--serial: {serial:?} is already registered as {tag}; an asset is registered once");
    }
    Ok(())
}

/// The newest event of a history, to confirm what was just recorded.
fn last_row(mut rows: Rows) -> Rows {
    let last = rows.rows.pop();
    rows.rows = last.into_iter().collect();
    rows
}

fn register(ctx: &mut Ctx, mut args: RegisterArgs) -> Result<u8> {
    let mut store = ctx.open()?;
    if ctx.interactive {
        prompt_missing(ctx, &store, &mut args)?;
    }
    let raw = RawAsset {
        tag: args.tag.and_then(|v| clean(&v)),
        kind: args.kind.and_then(|v| clean(&v)),
        name: args.name.and_then(|v| clean(&v)),
        model: args.model.and_then(|v| clean(&v)),
        manufacturer: args.manufacturer.and_then(|v| clean(&v)),
        supplier: args.supplier.and_then(|v| clean(&v)),
        purchased: args.purchased,
        price: args.price,
        dept: args.dept.and_then(|v| clean(&v)),
        custodian: args.custodian.and_then(|v| clean(&v)),
        location: args.location.and_then(|v| clean(&v)),
        serial: args.serial.and_then(|v| clean(&v)),
        specs: args.specs.and_then(|v| clean(&v)),
        classified: args.classified.then(|| "yes".to_string()),
        network: args.network,
        status: args.status,
        service_life: args.service_life,
        warranty_until: args.warranty_until,
    };
    let option = |f: &str| format!("--{}", f.replace('_', "-"));
    let asset = NewAsset::parse(&raw, &ctx.config.asset.kinds, &option)?;
    if let Some(d) = asset.purchased {
        super::correction::not_after_today(ctx, "--purchased", d)?;
    }
    let mut tx = store.write(&ctx.who)?;
    if let Some(serial) = &asset.serial {
        refuse_known_serial(tx.conn(), serial, None)?;
    }
    let tag = st::register(
        &mut tx,
        &asset,
        ctx.clock.as_of,
        &ctx.config.asset.tag_prefix,
        &mut Resolver::default(),
        NewCustodians::Refuse,
        &option,
    )?;
    let rows = st::show(tx.conn(), &tag)?;
    tx.commit()?;
    ctx.out.done(&format!("Registered {tag}"), &rows)?;
    Ok(0)
}

/// Asks for what a registration still lacks, on a terminal only.
fn prompt_missing(ctx: &Ctx, store: &crate::store::Store, args: &mut RegisterArgs) -> Result<()> {
    let theme = ColorfulTheme::default();
    if args.kind.is_none() {
        let kinds = &ctx.config.asset.kinds;
        // The tool's kinds in the language used; a kind the config adds as it is.
        let kind_items: Vec<&str> = kinds
            .iter()
            .map(|k| ctx.out.lang().cell("kind", k))
            .collect();
        let i = Select::with_theme(&theme)
            .with_prompt(tr("Kind"))
            .items(&kind_items)
            .default(0)
            .interact()
            .context("--kind: prompt")?;
        args.kind = Some(kinds[i].clone());
    }
    if args.name.is_none() {
        let name: String = Input::with_theme(&theme)
            .with_prompt(tr("Name"))
            .interact_text()
            .context("--name: prompt")?;
        args.name = Some(name);
    }
    if args.dept.is_none() {
        let depts = reg::list_depts(store.conn(), None)?;
        let mut names: Vec<String> = depts.rows.iter().map(|r| r[0].display()).collect();
        names.push(tr("(none: not yet allocated)"));
        let i = Select::with_theme(&theme)
            .with_prompt(tr("Department"))
            .items(&names)
            .default(0)
            .interact()
            .context("--dept: prompt")?;
        if i + 1 < names.len() {
            args.dept = Some(names[i].clone());
        }
    }
    if args.custodian.is_none() {
        let c: String = Input::with_theme(&theme)
            .with_prompt(tr("Custodian (first responsible person; empty for none)"))
            .allow_empty(true)
            .interact_text()
            .context("--custodian: prompt")?;
        args.custodian = clean(&c);
    }
    Ok(())
}

fn import(
    ctx: &mut Ctx,
    file: &Path,
    dry_run: bool,
    update: bool,
    table_args: &super::table_args::TableArgs,
) -> Result<u8> {
    let config = &ctx.config.import.asset;
    let words = AssetWords::new(&ctx.config.asset.kinds, config)?;
    let mut table = table_args.open(file, &schemas::ASSET, config)?;
    let name = table.file().to_string();
    let (_, len) = table.progress();
    let bar = (std::io::stderr().is_terminal() && len > 1 << 20).then(|| {
        let b = indicatif::ProgressBar::new(len);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {eta}")
                .expect("valid template"),
        );
        b
    });
    let mut store = ctx.open()?;
    let mut tx = store.write(&ctx.who)?;
    let summary = imp::import(
        &mut tx,
        &mut table,
        &imp::Import {
            words: &words,
            kinds: &ctx.config.asset.kinds,
            registered: ctx.clock.as_of,
            prefix: &ctx.config.asset.tag_prefix,
            mode: if update {
                imp::Mode::Update
            } else {
                imp::Mode::New
            },
        },
        &mut |pos, _| {
            if let Some(b) = &bar {
                b.set_position(pos);
            }
        },
    );
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let summary = summary?;
    let mut rows = Rows::new(&[
        "file",
        "assets",
        "assets_updated",
        "unchanged",
        "people_added",
        "people_added_names",
        "dry_run",
    ]);
    rows.push(vec![
        name.clone().into(),
        (summary.assets as i64).into(),
        (summary.updated as i64).into(),
        (summary.unchanged as i64).into(),
        (summary.people_added.len() as i64).into(),
        summary.people_added.join(", ").into(),
        dry_run.into(),
    ]);
    let people = summary.people_added.len();
    let mut counts = format!("{} assets", summary.assets);
    if update {
        counts.push_str(&format!(
            ", {} updated, {} unchanged",
            summary.updated, summary.unchanged
        ));
    }
    let mut message = if dry_run {
        // Dropping the transaction rolls back everything the dry run did.
        drop(tx);
        format!(
            "{name}: all rows are valid; would import {counts} and add {people} people (dry run, nothing written)"
        )
    } else {
        tx.commit()?;
        format!("{name}: imported {counts}, added {people} people")
    };
    if people > 0 {
        // A mistyped custodian is seen here, before it lives on as a person.
        message.push_str(&format!(
            "\n{} people: {}",
            if dry_run { "would add" } else { "added" },
            summary.people_added.join(", ")
        ));
    }
    ctx.out.done(&message, &rows)?;
    Ok(0)
}
