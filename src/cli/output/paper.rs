//! A printable form as data: what the regulation's paper forms have in
//! common (organisation, title, date, fields, tables with totals, and the
//! signature lines), rendered by `html.rs` as an A4 page and by `xlsx.rs` as
//! a sheet, and as plain rows for CSV and JSON.

use crate::rows::Value;

#[derive(Debug, Clone, Default)]
pub struct Paper {
    /// 《信息化配置申请》 and so on, as printed at the head of the form.
    pub title: String,
    /// The English name, shown under the title in English.
    pub subtitle: Option<String>,
    /// The organisation's name (config `organisation`).
    pub organisation: Option<String>,
    /// The date the form stands for (filed, planned, drawn up).
    pub date: String,
    /// Labelled fields before the tables: (label, value).
    pub fields: Vec<(String, Value)>,
    pub tables: Vec<PaperTable>,
    /// The signature lines: role (申请人 / 审核 / 审批), name and date,
    /// filled from the recorded steps; empty where nobody has signed yet.
    pub signatures: Vec<Signature>,
}

#[derive(Debug, Clone, Default)]
pub struct PaperTable {
    pub heading: Option<String>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// The totals line, if the table has one.
    pub total: Option<Vec<Value>>,
}

#[derive(Debug, Clone, Default)]
pub struct Signature {
    pub role: String,
    pub name: String,
    pub date: String,
}

impl Paper {
    /// The form as rows (for CSV, JSON and a plain table): title, fields,
    /// each table with its header and total, then the signatures.
    pub fn document(&self) -> Vec<Vec<Value>> {
        let mut doc: Vec<Vec<Value>> = Vec::new();
        let mut head = vec![Value::Text(self.title.clone())];
        if let Some(s) = &self.subtitle {
            head.push(Value::Text(s.clone()));
        }
        doc.push(head);
        if let Some(o) = &self.organisation {
            doc.push(vec![Value::Text(o.clone())]);
        }
        doc.push(vec![]);
        for (label, value) in &self.fields {
            doc.push(vec![Value::Text(label.clone()), value.clone()]);
        }
        for t in &self.tables {
            doc.push(vec![]);
            if let Some(h) = &t.heading {
                doc.push(vec![Value::Text(h.clone())]);
            }
            doc.push(t.header.iter().map(|h| Value::Text(h.clone())).collect());
            doc.extend(t.rows.iter().cloned());
            if let Some(total) = &t.total {
                doc.push(total.clone());
            }
        }
        if !self.signatures.is_empty() {
            doc.push(vec![]);
            for s in &self.signatures {
                doc.push(vec![
                    Value::Text(s.role.clone()),
                    Value::Text(s.name.clone()),
                    Value::Text(s.date.clone()),
                ]);
            }
        }
        doc
    }
}
