//! The regulation's paper forms, drawn from the register for `--format html`
//! and `--format xlsx`: 《信息化配置需求计划》, 《信息化配置申请》 (and the
//! retirement and project applications), 《耗材采购季度计划》 and the asset
//! register by department (资产登记表). Each is a [`Paper`]: the output layer
//! prints it on A4 or as a sheet.

use crate::cli::output::paper::{Paper, PaperTable, Signature};
use crate::domain::time::{show_instant, stored_instant};
use crate::i18n::Lang;
use crate::rows::{Rows, Value};
use crate::store::request::Form;

/// Words of the forms in both languages.
fn w(lang: Lang, en: &str, zh: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Zh => zh.to_string(),
    }
}

/// A cell as a form shows it: the tool's own words translated, instants in
/// local minutes; data as it is.
fn cell(lang: Lang, columns: &[&str], key: &str, v: &Value) -> Value {
    match v {
        Value::Text(t) => match stored_instant(t) {
            Some(at) => Value::Text(show_instant(at)),
            None => Value::Text(lang.cell_text(columns, key, t)),
        },
        Value::Bool(b) => Value::Text(lang.yes_no(*b).to_string()),
        other => other.clone(),
    }
}

fn table(lang: Lang, heading: Option<String>, rows: &Rows) -> PaperTable {
    PaperTable {
        heading,
        header: rows.columns.iter().map(|k| lang.header(k)).collect(),
        rows: rows
            .rows
            .iter()
            .map(|r| {
                rows.columns
                    .iter()
                    .zip(r)
                    .map(|(k, v)| cell(lang, &rows.columns, k, v))
                    .collect()
            })
            .collect(),
        total: None,
    }
}

/// The name in a step's `by` (`王伟@内科`).
fn person(by: &Value) -> String {
    let t = by.display();
    t.split('@').next().unwrap_or_default().to_string()
}

/// The day part of a shown instant (`2026-12-01 15:08` -> `2026-12-01`).
fn day(at: &Value) -> String {
    match at {
        Value::Text(t) => match stored_instant(t) {
            Some(i) => show_instant(i)[..10].to_string(),
            None => t.clone(),
        },
        _ => String::new(),
    }
}

/// The three signature lines of a request, filled from its recorded steps:
/// the requester (when submitted), the office's review, the approver's decision.
pub fn signatures(lang: Lang, requester: &str, filed: &Value, steps: &Rows) -> Vec<Signature> {
    let find = |actions: &[&str]| {
        steps
            .rows
            .iter()
            .rev()
            .find(|r| actions.contains(&r[1].display().as_str()))
    };
    let mut applicant = Signature {
        role: w(lang, "申请人 Applicant", "申请人"),
        name: requester.to_string(),
        date: day(filed),
    };
    if let Some(s) = find(&["submit"]) {
        applicant.date = day(&s[0]);
    }
    let line = |role: String, step: Option<&Vec<Value>>| match step {
        Some(s) => Signature {
            role,
            name: person(&s[2]),
            date: day(&s[0]),
        },
        None => Signature {
            role,
            ..Signature::default()
        },
    };
    vec![
        applicant,
        line(
            w(lang, "审核 Reviewed", "审核"),
            find(&["review-accept", "review-reject"]),
        ),
        line(
            w(lang, "审批 Approved", "审批"),
            find(&["approve", "reject"]),
        ),
    ]
}

/// A request as its paper form.
pub fn request(form: &Form, lang: Lang, organisation: Option<String>) -> Paper {
    let k = form.request.kind;
    let columns = &form.fields.columns;
    let row = &form.fields.rows[0];
    let value = |key: &str| {
        columns
            .iter()
            .position(|c| *c == key)
            .map(|i| row[i].clone())
            .unwrap_or(Value::Null)
    };
    let filed = value("filed_at");
    let mut fields = Vec::new();
    for (key, v) in columns.iter().zip(row) {
        if matches!(*key, "form" | "next" | "kind" | "filed_at") || *v == Value::Null {
            continue;
        }
        fields.push((lang.header(key), cell(lang, columns, key, v)));
    }
    let mut tables = Vec::new();
    if !form.lines.rows.is_empty() {
        let mut t = table(lang, Some(w(lang, "Lines", "明细")), &form.lines);
        let quantity: i64 = form
            .lines
            .rows
            .iter()
            .map(|r| match r[2] {
                Value::Int(n) => n,
                _ => 0,
            })
            .sum();
        let priced: Vec<i64> = form
            .lines
            .rows
            .iter()
            .filter_map(|r| match r[5] {
                Value::Money(n) => Some(n),
                _ => None,
            })
            .collect();
        let mut total = vec![Value::Null; form.lines.columns.len()];
        total[0] = Value::Text(w(lang, "Total", "合计"));
        total[2] = Value::Int(quantity);
        if !priced.is_empty() {
            total[5] = Value::Money(priced.iter().sum());
        }
        t.total = Some(total);
        tables.push(t);
    }
    if !form.assets.rows.is_empty() {
        tables.push(table(lang, Some(w(lang, "Assets", "资产")), &form.assets));
    }
    tables.push(table(
        lang,
        Some(w(lang, "Approval record", "审批记录")),
        &form.steps,
    ));
    let date = match &filed {
        Value::Text(t) => match stored_instant(t) {
            Some(at) => format!("{}：{}", lang.header("filed_at"), show_instant(at)),
            None => t.clone(),
        },
        _ => String::new(),
    };
    Paper {
        title: k.form_zh().to_string(),
        subtitle: (lang == Lang::En).then(|| k.form_en().to_string()),
        organisation,
        date,
        fields,
        tables,
        signatures: signatures(lang, &form.request.requester, &filed, &form.steps),
    }
}

/// Rows as one table of a form, with a totals line taken from a trailing
/// `TOTAL` row (as the plan and the register summaries end).
pub fn rows_table(lang: Lang, heading: Option<String>, rows: &Rows) -> PaperTable {
    let mut t = table(lang, heading, rows);
    if let Some(last) = t.rows.last()
        && matches!(last.first(), Some(Value::Text(s)) if s == "TOTAL" || s == "合计")
    {
        let mut total = t.rows.pop().unwrap_or_default();
        total[0] = Value::Text(w(lang, "Total", "合计"));
        t.total = Some(total);
    }
    t
}

/// `consumable plan`: rows, or with `--format html|xlsx` the form
/// 《耗材采购季度计划》 with Chinese headers and categories, the total, and
/// the signatures of the quarter's plan request if one was filed.
pub fn plan(
    ctx: &mut crate::cli::Ctx,
    store: &crate::store::Store,
    q: crate::domain::time::Quarter,
    rows: &Rows,
) -> anyhow::Result<()> {
    use crate::cli::output::Format;
    if !matches!(ctx.out.format, Format::Html | Format::Xlsx) {
        return ctx.out.rows(rows);
    }
    // A form handed to the leader is in Chinese whatever the terminal's language.
    let lang = Lang::Zh;
    let title = crate::domain::consumable::plan_title(q);
    let (requester, filed, steps) = match crate::store::request::plan_request(store.conn(), &title)?
    {
        Some(id) => {
            let form = crate::store::request::show(store.conn(), id)?;
            let filed = form
                .fields
                .columns
                .iter()
                .position(|c| *c == "filed_at")
                .map(|i| form.fields.rows[0][i].clone())
                .unwrap_or(Value::Null);
            (form.request.requester.clone(), filed, form.steps)
        }
        None => (String::new(), Value::Null, Rows::default()),
    };
    let paper = Paper {
        title: "《耗材采购季度计划》".to_string(),
        subtitle: None,
        organisation: ctx.out.organisation.clone(),
        date: format!(
            "{q}（{} 至 {}）  编制日期：{}",
            q.first_day(),
            q.last_day(),
            ctx.clock.as_of
        ),
        fields: Vec::new(),
        tables: vec![rows_table(lang, None, rows)],
        signatures: signatures(lang, &requester, &filed, &steps),
    };
    ctx.out.paper(&paper)
}

/// `asset list --format html|xlsx`: the asset register by department
/// (资产登记表), one table per department with its count and value.
pub fn asset_register(ctx: &crate::cli::Ctx, rows: &Rows) -> Paper {
    let lang = Lang::Zh;
    let col = |k: &str| rows.columns.iter().position(|c| *c == k);
    let (dept, price) = (col("dept"), col("price"));
    // Departments in order of name; assets in stock with no department last.
    let mut groups: std::collections::BTreeMap<String, Vec<&Vec<Value>>> = Default::default();
    for r in &rows.rows {
        let d = dept.map(|i| r[i].display()).unwrap_or_default();
        groups.entry(d).or_default().push(r);
    }
    // The department is the table's heading, so its column is left out.
    let shown: Vec<usize> = (0..rows.columns.len())
        .filter(|i| Some(*i) != dept)
        .collect();
    let mut tables = Vec::new();
    let mut all_count = 0;
    let mut all_value = 0i64;
    let none = lang.cell("dept", "(none)").to_string();
    let keys = rows.columns.clone();
    for (d, list) in groups {
        let heading = if d.is_empty() { none.clone() } else { d };
        let value: i64 = list
            .iter()
            .filter_map(|r| match price.map(|i| &r[i]) {
                Some(Value::Money(m)) => Some(*m),
                _ => None,
            })
            .sum();
        all_count += list.len();
        all_value += value;
        let mut total = vec![Value::Null; shown.len()];
        total[0] = Value::Text(format!("合计 {} 件", list.len()));
        if let Some(p) = price.and_then(|p| shown.iter().position(|&i| i == p)) {
            total[p] = Value::Money(value);
        }
        tables.push(PaperTable {
            heading: Some(heading),
            header: shown.iter().map(|&i| lang.header(keys[i])).collect(),
            rows: list
                .iter()
                .map(|r| {
                    shown
                        .iter()
                        .map(|&i| cell(lang, &keys, keys[i], &r[i]))
                        .collect()
                })
                .collect(),
            total: Some(total),
        });
    }
    Paper {
        title: "资产登记表".to_string(),
        subtitle: None,
        organisation: ctx.out.organisation.clone(),
        date: format!("截至 {}", ctx.clock.as_of),
        fields: vec![
            ("资产总数".to_string(), Value::Int(all_count as i64)),
            ("资产总值".to_string(), Value::Money(all_value)),
        ],
        tables,
        signatures: vec![
            Signature {
                role: "登记人".to_string(),
                name: ctx.who.actor.clone(),
                date: ctx.clock.as_of.to_string(),
            },
            Signature {
                role: "审核".to_string(),
                ..Signature::default()
            },
        ],
    }
}
