//! Tabular results as plain data: what every command hands to the output layer.
//! Nothing here knows about terminals or formats.

use serde_json::Number;

use crate::domain::money::format_money;

/// One cell. Kept typed so that JSON gets numbers and booleans, CSV gets plain
/// text, and formula neutralisation applies only to text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Text(String),
    Int(i64),
    /// An amount in fen, shown as yuan with two decimals.
    Money(i64),
    Float(f64),
    Bool(bool),
}

impl Value {
    /// The cell as a person reads it, in a table or a CSV file.
    pub fn display(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Text(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Money(f) => format_money(*f),
            Value::Float(x) => format!("{x:.1}"),
            Value::Bool(true) => "yes".to_string(),
            Value::Bool(false) => "no".to_string(),
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Text(s) => serde_json::Value::String(s.clone()),
            Value::Int(i) => serde_json::Value::Number((*i).into()),
            // Exact decimal text would be safer for accounting tools, but a
            // number is what scripts expect; two decimals survive f64 exactly
            // enough for any amount an IT office handles.
            Value::Money(f) => Number::from_f64(*f as f64 / 100.0)
                .map(serde_json::Value::Number)
                .unwrap_or(serde_json::Value::Null),
            Value::Float(x) => Number::from_f64(*x)
                .map(serde_json::Value::Number)
                .unwrap_or(serde_json::Value::Null),
            Value::Bool(b) => serde_json::Value::Bool(*b),
        }
    }

    pub fn is_text(&self) -> bool {
        matches!(self, Value::Text(_))
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl From<Option<String>> for Value {
    fn from(s: Option<String>) -> Value {
        s.map_or(Value::Null, Value::Text)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}

impl From<Option<i64>> for Value {
    fn from(i: Option<i64>) -> Value {
        i.map_or(Value::Null, Value::Int)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

/// A result table: stable column keys (the JSON field names and CSV header)
/// and rows of cells in the same order.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
}

impl Rows {
    pub fn new(columns: &[&'static str]) -> Rows {
        Rows {
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len(), "row width matches columns");
        self.rows.push(row);
    }
}
