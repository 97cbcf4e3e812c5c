//! The stock-take's printed forms, as the office hands them over and signs
//! them: the count sheet (资产盘点表) and the report (盘点报告), in Chinese,
//! each an A4 HTML page or a workbook sheet through the paper-form layer.

use crate::cli::output::paper::{Paper, PaperTable, Signature};
use crate::i18n::Lang;
use crate::rows::{Rows, Value};
use crate::store::stocktake as sk;

/// The count sheet as the printed form (`--format html|xlsx`): in Chinese,
/// as it is taken round and signed; one table per location with empty
/// 实盘 and 备注 columns to fill in by hand, and the signature lines of who
/// counted and who supervised, left blank for their hands.
pub(super) fn sheet(
    st: &sk::Stocktake,
    lines: &[(Option<String>, Vec<Value>)],
    organisation: Option<String>,
) -> Paper {
    let lang = Lang::Zh;
    let columns = ["tag", "name", "kind", "model", "serial", "custodian"];
    let mut header: Vec<String> = columns.iter().map(|c| lang.header(c)).collect();
    header.push("实盘".to_string());
    header.push("备注".to_string());
    let mut tables: Vec<PaperTable> = Vec::new();
    for (location, row) in lines {
        let heading = Some(format!(
            "{}：{}",
            lang.header("location"),
            location.as_deref().unwrap_or("（未登记）")
        ));
        if tables.last().map(|t| &t.heading) != Some(&heading) {
            tables.push(PaperTable {
                heading,
                header: header.clone(),
                rows: Vec::new(),
                total: None,
            });
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
        if let Some(t) = tables.last_mut() {
            t.rows.push(r);
        }
    }
    for t in &mut tables {
        let mut total = vec![Value::Null; header.len()];
        total[0] = Value::Text(format!("应盘 {} 件", t.rows.len()));
        total[header.len() - 2] = Value::Text("实盘    件".to_string());
        t.total = Some(total);
    }
    Paper {
        title: "资产盘点表".to_string(),
        subtitle: Some("Stock-take count sheet".to_string()),
        organisation,
        date: format!("盘点开始 {}", st.started),
        fields: vec![
            (
                "盘点".to_string(),
                Value::Text(format!("{} {}", st.id, st.name)),
            ),
            ("范围".to_string(), Value::Text(scope_zh(st))),
            ("应盘数量".to_string(), Value::Int(lines.len() as i64)),
            ("实盘数量".to_string(), Value::Null),
        ],
        tables,
        signatures: ["盘点人", "监盘人"]
            .iter()
            .map(|role| Signature {
                role: role.to_string(),
                name: String::new(),
                date: "日期：".to_string(),
            })
            .collect(),
    }
}

/// The scope in the form's words: 部门 内科，存放地点 门诊101.
fn scope_zh(st: &sk::Stocktake) -> String {
    let parts: Vec<String> = [
        st.dept.as_ref().map(|d| format!("部门 {d}")),
        st.location.as_ref().map(|l| format!("存放地点 {l}")),
        st.kind
            .as_ref()
            .map(|k| format!("类别 {}", Lang::Zh.cell("kind", k))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        "全部在用资产".to_string()
    } else {
        parts.join("，")
    }
}

/// The report (盘点报告) as its form: the counts, then one table per
/// outcome (账实相符, 位置或责任人不符, 盘亏, 盘盈 ...), and the lines for
/// who counted, who supervised and the department head who acknowledges it.
pub(super) fn report(st: &sk::Stocktake, report: &Rows, organisation: Option<String>) -> Paper {
    let lang = Lang::Zh;
    let outcome = report.columns.iter().position(|c| *c == "outcome");
    let shown: Vec<&'static str> = report
        .columns
        .iter()
        .copied()
        .filter(|c| *c != "outcome")
        .collect();
    let mut tables: Vec<PaperTable> = Vec::new();
    let mut counts: Vec<(String, i64)> = Vec::new();
    for key in [
        "in-place",
        "elsewhere",
        "missing",
        "unexpected",
        "unknown-tag",
        "uncounted",
    ] {
        let mut part = Rows::new(&shown);
        for r in &report.rows {
            if outcome.is_some_and(|i| r[i].display() == key) {
                // Translated here, with the outcome column they are worded
                // for still in view; the table leaves that column out.
                part.push(
                    r.iter()
                        .enumerate()
                        .filter(|(i, _)| Some(*i) != outcome)
                        .map(|(i, v)| match v {
                            Value::Text(t) => Value::Text(
                                lang.cell_in(&report.columns, report.columns[i], t)
                                    .to_string(),
                            ),
                            other => other.clone(),
                        })
                        .collect(),
                );
            }
        }
        if part.rows.is_empty() {
            continue;
        }
        let heading = lang.cell("outcome", key).to_string();
        counts.push((heading.clone(), part.rows.len() as i64));
        let mut t = crate::cli::forms::rows_table(lang, Some(heading), &part);
        let mut total = vec![Value::Null; shown.len()];
        total[0] = Value::Text(format!("合计 {} 件", part.rows.len()));
        t.total = Some(total);
        tables.push(t);
    }
    let date = match st.closed {
        Some(c) => format!("盘点期间 {} 至 {c}", st.started),
        None => format!("盘点开始 {}（尚未结束）", st.started),
    };
    let mut fields = vec![
        (
            "盘点".to_string(),
            Value::Text(format!("{} {}", st.id, st.name)),
        ),
        ("范围".to_string(), Value::Text(scope_zh(st))),
    ];
    fields.extend(counts.into_iter().map(|(k, n)| (k, Value::Int(n))));
    Paper {
        title: "盘点报告".to_string(),
        subtitle: Some("Stock-take report".to_string()),
        organisation,
        date,
        fields,
        tables,
        signatures: ["盘点人", "监盘人", "部门负责人"]
            .iter()
            .map(|role| Signature {
                role: role.to_string(),
                name: String::new(),
                date: "日期：".to_string(),
            })
            .collect(),
    }
}
