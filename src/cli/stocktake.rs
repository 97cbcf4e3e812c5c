//! `infogov asset stocktake`: counting the register against the devices
//! (盘点, AST-1, C17): start, the count sheet, scans and paper counts,
//! closing into the report (盘点报告).

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{ArgGroup, Subcommand};

use super::Ctx;
use crate::domain::asset::{clean, one_of};
use crate::domain::stocktake::read_scan_file;
use crate::domain::time::parse_date;
use crate::i18n::Lang;
use crate::rows::{Rows, Value};
use crate::store::registry as reg;
use crate::store::stocktake::{self as sk, Found, Scope};

/// The printed forms: the count sheet and the report (`--format html|xlsx`).
mod forms;

#[derive(Debug, Subcommand)]
pub enum StocktakeCmd {
    /// Start a stock-take: fix the assets expected in the scope (all in
    /// service when no scope is given), with their department, custodian and
    /// location as the register has them now
    Start {
        #[arg(long)]
        dept: Option<String>,
        #[arg(long)]
        location: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        /// A name for it [default: DATE DEPT 资产盘点]
        #[arg(long, value_name = "TEXT")]
        name: Option<String>,
        /// When [default: --as-of, else today]
        #[arg(long)]
        date: Option<String>,
    },
    /// The count sheet (盘点表) to take round: the expected assets by
    /// location, an empty "found" column, and lines for the signatures of
    /// who counted (盘点人) and who supervised (监盘人)
    Sheet {
        /// The stock-take (its number, from `start` or `list`)
        id: i64,
    },
    /// Record tags as found, typed or from a scanner's export (one tag per
    /// line, or a CSV with a tag / 资产编号 column). A tag scanned twice is
    /// counted once; a tag not expected is recorded as unexpected
    #[command(group(ArgGroup::new("tags").args(["tag", "file"]).required(true).multiple(true)))]
    Scan {
        /// The stock-take
        id: i64,
        /// Tags as scanned or read off the labels
        tag: Vec<String>,
        /// A scanner's export: one tag per line, or a CSV file or workbook
        /// (.xlsx, .xls, .ods) with a tag column (tag, 资产编号 ...)
        #[arg(long)]
        file: Option<PathBuf>,
        /// Where these were found, when the round is room by room
        #[arg(long)]
        location: Option<String>,
        #[arg(long)]
        date: Option<String>,
        #[command(flatten)]
        table: super::table_args::TableArgs,
    },
    /// Record a count done on paper: one asset found (where, with whom) or missing
    #[command(group(ArgGroup::new("result").args(["found", "missing"]).required(true)))]
    Mark {
        /// The stock-take
        id: i64,
        /// The asset's tag
        tag: String,
        #[arg(long)]
        found: bool,
        #[arg(long)]
        missing: bool,
        /// Where it was found, if not where the register has it
        #[arg(long, requires = "found")]
        location: Option<String>,
        /// Who holds it, if not the custodian the register names (NAME or NAME@DEPT)
        #[arg(long, requires = "found")]
        custodian: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        date: Option<String>,
    },
    /// Close the stock-take and print its report (盘点报告): what was not
    /// counted is missing (盘亏) and its assets become `missing`; missing
    /// assets found are back in service
    Close {
        /// The stock-take
        id: i64,
        /// Transfer each asset found elsewhere or with someone else, with the
        /// stock-take as the reason (else they are only proposed)
        #[arg(long)]
        apply_transfers: bool,
        #[arg(long)]
        date: Option<String>,
    },
    /// The report of a stock-take, open (with what is not counted yet) or closed
    Report {
        /// The stock-take
        id: i64,
    },
    /// Every stock-take, newest first, with its counts
    List,
}

fn day(ctx: &Ctx, value: &Option<String>) -> Result<chrono::NaiveDate> {
    match value {
        Some(d) => parse_date("--date", d),
        None => Ok(ctx.clock.as_of),
    }
}

impl StocktakeCmd {
    pub fn run(self, ctx: &mut Ctx) -> Result<u8> {
        match self {
            StocktakeCmd::Start {
                dept,
                location,
                kind,
                name,
                date,
            } => {
                let date = day(ctx, &date)?;
                let kind = kind
                    .map(|k| one_of("--kind", &k, &ctx.config.asset.kinds))
                    .transpose()?;
                let location = location.and_then(|l| clean(&l));
                let name = match name {
                    Some(n) => match clean(&n) {
                        Some(n) => Some(n),
                        None => bail!("--name: must not be empty"),
                    },
                    None => None,
                };
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let dept_id = dept
                    .as_deref()
                    .map(|d| reg::dept_id(tx.conn(), "--dept", d))
                    .transpose()?;
                let dept_name = dept_id.map(|d| reg::dept_name(tx.conn(), d)).transpose()?;
                let name = name.unwrap_or_else(|| {
                    let what = [dept_name.clone(), location.clone(), kind.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" ");
                    if what.is_empty() {
                        format!("{date} 资产盘点")
                    } else {
                        format!("{date} {what} 资产盘点")
                    }
                });
                let scope = Scope {
                    dept: dept_id,
                    location,
                    kind,
                };
                let (id, expected) = sk::start(&mut tx, &scope, &name, date)?;
                let rows = sk::list(tx.conn())?;
                tx.commit()?;
                let mut mine = Rows::new(&rows.columns);
                mine.rows = rows
                    .rows
                    .into_iter()
                    .filter(|r| r[0] == Value::Int(id))
                    .collect();
                ctx.out.done(
                    &format!(
                        "Started stock-take {id} ({name}): {expected} assets expected; print the sheet with `infogov asset stocktake sheet {id}`"
                    ),
                    &mine,
                )?;
                Ok(0)
            }
            StocktakeCmd::Sheet { id } => {
                let store = ctx.open()?;
                let st = sk::get(store.conn(), id)?;
                let lines = sk::sheet_lines(store.conn(), id)?;
                if matches!(
                    ctx.out.format,
                    super::output::Format::Html | super::output::Format::Xlsx
                ) {
                    let paper = forms::sheet(&st, &lines, ctx.out.organisation.clone());
                    ctx.out.paper(&paper)?;
                } else {
                    let doc = sheet(&st, &lines, ctx.out.lang());
                    ctx.out.document(&doc)?;
                }
                Ok(0)
            }
            StocktakeCmd::Scan {
                id,
                tag,
                file,
                location,
                date,
                table,
            } => {
                let date = day(ctx, &date)?;
                let mut tags: Vec<String> = tag;
                if let Some(f) = &file {
                    tags.extend(scan_file(f, &table)?);
                }
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let st = sk::open_for_count(tx.conn(), id, date)?;
                let found = Found {
                    location: location.and_then(|l| clean(&l)),
                    ..Found::default()
                };
                let mut rows = Rows::new(&["tag", "result"]);
                for t in &tags {
                    if clean(t).is_none() {
                        bail!("TAG: must not be empty");
                    }
                    let what = sk::found(&mut tx, &st, t, &found, date, true)?;
                    rows.push(vec![Value::Text(t.trim().to_string()), what.into()]);
                }
                let progress = sk::list(tx.conn())?
                    .rows
                    .into_iter()
                    .find(|r| r[0] == Value::Int(id));
                tx.commit()?;
                if ctx.out.format == super::output::Format::Table
                    && let Some(r) = progress
                {
                    // In a row of the list: [5] expected, [6] counted, [9] not expected.
                    ctx.out.text(&crate::i18n::tr(&format!(
                        "Stock-take {id}: {} of {} expected counted, {} not expected\n",
                        r[6].display(),
                        r[5].display(),
                        r[9].display()
                    )))?;
                }
                ctx.out.rows(&rows)?;
                Ok(0)
            }
            StocktakeCmd::Mark {
                id,
                tag,
                found,
                missing: _,
                location,
                custodian,
                note,
                date,
            } => {
                let date = day(ctx, &date)?;
                let note = note.and_then(|n| clean(&n));
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let st = sk::open_for_count(tx.conn(), id, date)?;
                let what = if found {
                    let custodian = custodian
                        .map(|c| reg::person_id(tx.conn(), "--custodian", &c, None))
                        .transpose()?;
                    let f = Found {
                        location: location.and_then(|l| clean(&l)),
                        custodian,
                        note,
                    };
                    sk::found(&mut tx, &st, &tag, &f, date, false)?
                } else {
                    sk::missing(&mut tx, &st, &tag, note.as_deref(), date)?;
                    "missing"
                };
                tx.commit()?;
                let mut rows = Rows::new(&["tag", "result"]);
                rows.push(vec![Value::Text(tag.trim().to_string()), what.into()]);
                ctx.out
                    .done(&format!("Stock-take {id}: {} is {what}", tag.trim()), &rows)?;
                Ok(0)
            }
            StocktakeCmd::Close {
                id,
                apply_transfers,
                date,
            } => {
                let date = day(ctx, &date)?;
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let st = sk::get(tx.conn(), id)?;
                if let Some(c) = st.closed {
                    bail!("ID: stock-take {id} is already closed (on {c})");
                }
                if date < st.started {
                    bail!(
                        "--date: {date} is before stock-take {id} started ({})",
                        st.started
                    );
                }
                let done = sk::close(&mut tx, &st, date, apply_transfers)?;
                let st = sk::get(tx.conn(), id)?;
                let report = sk::report(tx.conn(), &st)?;
                tx.commit()?;
                if ctx.out.format == super::output::Format::Table {
                    ctx.out.text(&format!("{}\n", summary(id, &done)))?;
                }
                report_out(ctx, &st, &report)?;
                Ok(0)
            }
            StocktakeCmd::Report { id } => {
                let store = ctx.open()?;
                let st = sk::get(store.conn(), id)?;
                report_out(ctx, &st, &sk::report(store.conn(), &st)?)?;
                Ok(0)
            }
            StocktakeCmd::List => {
                let store = ctx.open()?;
                ctx.out.rows(&sk::list(store.conn())?)?;
                Ok(0)
            }
        }
    }
}

fn summary(id: i64, done: &sk::Closed) -> String {
    let mut parts = vec![format!("Closed stock-take {id}")];
    let list = |v: &[String]| v.join(", ");
    if !done.missing.is_empty() {
        parts.push(format!("now missing: {}", list(&done.missing)));
    }
    if !done.found_again.is_empty() {
        parts.push(format!("found again: {}", list(&done.found_again)));
    }
    if !done.transferred.is_empty() {
        parts.push(format!("transferred: {}", list(&done.transferred)));
    }
    if !done.proposed.is_empty() {
        parts.push(format!(
            "transfers proposed (record them with `asset transfer`): {}",
            list(&done.proposed)
        ));
    }
    parts.join("; ")
}

/// The count sheet as a paper form: heading, scope, one block per location
/// with an empty "found" column, the count, and the signature lines.
fn sheet(
    st: &sk::Stocktake,
    lines: &[(Option<String>, Vec<Value>)],
    lang: Lang,
) -> Vec<Vec<Value>> {
    let t = |en: &str, zh: &str| -> Value {
        match lang {
            Lang::En => Value::Text(en.to_string()),
            Lang::Zh => Value::Text(zh.to_string()),
        }
    };
    let mut doc: Vec<Vec<Value>> = vec![
        vec!["资产盘点表".into(), "Stock-take count sheet".into()],
        vec![],
        vec![
            t("Stock-take", "盘点"),
            Value::Text(format!("{} {}", st.id, st.name)),
        ],
        vec![t("Scope", "范围"), Value::Text(st.scope())],
        vec![
            t("Started", "开始日期"),
            Value::Text(st.started.to_string()),
        ],
    ];
    let columns = ["tag", "name", "kind", "model", "serial", "custodian"];
    let mut current: Option<Option<String>> = None;
    for (location, row) in lines {
        if current.as_ref() != Some(location) {
            doc.push(vec![]);
            doc.push(vec![
                lang.header("location").into(),
                Value::Text(location.clone().unwrap_or_else(|| "(none)".to_string())),
            ]);
            let mut header: Vec<Value> = columns.iter().map(|c| lang.header(c).into()).collect();
            header.push(t("Found", "实盘"));
            header.push(t("Note", "备注"));
            doc.push(header);
            current = Some(location.clone());
        }
        let mut r: Vec<Value> = row
            .iter()
            .enumerate()
            .map(|(i, v)| match (i, v) {
                (2, Value::Text(k)) => Value::Text(lang.cell("kind", k).to_string()),
                _ => v.clone(),
            })
            .collect();
        r.push(Value::Null);
        r.push(Value::Null);
        doc.push(r);
    }
    doc.push(vec![]);
    doc.push(vec![
        t("Expected", "应盘数量"),
        Value::Int(lines.len() as i64),
    ]);
    doc.push(vec![t("Found", "实盘数量"), Value::Null]);
    doc.push(vec![]);
    doc.push(vec![
        "盘点人 Counted by".into(),
        Value::Null,
        "日期 Date".into(),
        Value::Null,
    ]);
    doc.push(vec![
        "监盘人 Supervised by".into(),
        Value::Null,
        "日期 Date".into(),
        Value::Null,
    ]);
    doc
}

/// The report as rows, or with `--format html|xlsx` as the printed 盘点报告.
fn report_out(ctx: &mut Ctx, st: &sk::Stocktake, report: &Rows) -> Result<()> {
    if matches!(
        ctx.out.format,
        super::output::Format::Html | super::output::Format::Xlsx
    ) {
        let paper = forms::report(st, report, ctx.out.organisation.clone());
        return ctx.out.paper(&paper);
    }
    ctx.out.rows(report)
}

/// The tags of a scan file. A plain list, one tag per line (what a barcode
/// scanner types into a text file), is read as it is; anything with columns
/// (a CSV file with a header row, a workbook) goes through the one tabular
/// reader every import uses, with its encodings, sheets and header names.
fn scan_file(path: &std::path::Path, table: &super::table_args::TableArgs) -> Result<Vec<String>> {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(64 * 1024).read_to_end(&mut head))
        .with_context(|| format!("--file: cannot read {}", path.display()))?;
    let workbook = crate::tabular::is_workbook(&head);
    let first = String::from_utf8_lossy(&head)
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string();
    let plain = std::str::from_utf8(&head).is_ok() && !first.contains([',', '\t']);
    if !workbook && plain {
        return Ok(read_scan_file(path)?.into_iter().map(|t| t.tag).collect());
    }
    let mut t = table.open(
        path,
        &crate::tabular::schemas::SCAN,
        &crate::config::ImportTableConfig::default(),
    )?;
    let mut tags = Vec::new();
    while let Some(row) = t.next_row() {
        let row = match row? {
            Ok(r) => r,
            Err(bad) => bail!("{}: {bad}", t.file()),
        };
        if let Some(tag) = row.get("tag").map(str::trim).filter(|s| !s.is_empty()) {
            if tag.chars().any(|c| c.is_whitespace() || c.is_control()) {
                bail!(
                    "{}: {}: {tag:?} is not a tag (it contains white space)",
                    t.file(),
                    row.at("tag")
                );
            }
            tags.push(tag.to_string());
        }
    }
    if tags.is_empty() {
        bail!("{}: the file holds no tags", t.file());
    }
    Ok(tags)
}
