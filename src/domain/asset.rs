//! Assets as the regulation sees them (AST-1..AST-9): what a registration must
//! say, and the rules on its fields. No SQL here.

use anyhow::{Result, bail};
use chrono::NaiveDate;

use super::money::parse_money;
use super::time::parse_date;

/// The lifecycle of an asset. `retired` and `disposed` are reached only
/// through an approved retirement request (AST-6), never set directly.
/// `missing` is set by closing a stock-take that did not find the asset (盘亏).
pub const STATUSES: &[&str] = &[
    "in-use",
    "in-stock",
    "under-repair",
    "retired",
    "disposed",
    "missing",
];
/// The statuses an officer may set by hand.
pub const MANUAL_STATUSES: &[&str] = &["in-use", "in-stock", "under-repair"];
pub const NETWORKS: &[&str] = &["internal", "external", "none"];
pub const MAINTENANCE_KINDS: &[&str] = &["repair", "inspection", "virus-scan", "upgrade"];

/// The fields of a registration as typed or read from a CSV file, before
/// validation. Empty text counts as absent.
#[derive(Debug, Default, Clone)]
pub struct RawAsset {
    pub tag: Option<String>,
    pub kind: Option<String>,
    pub name: Option<String>,
    pub model: Option<String>,
    pub manufacturer: Option<String>,
    pub supplier: Option<String>,
    pub purchased: Option<String>,
    pub price: Option<String>,
    pub dept: Option<String>,
    pub custodian: Option<String>,
    pub location: Option<String>,
    pub serial: Option<String>,
    pub specs: Option<String>,
    pub classified: Option<String>,
    pub network: Option<String>,
    pub status: Option<String>,
    pub service_life: Option<String>,
    pub warranty_until: Option<String>,
}

/// The CSV header names of an asset import: the long option names of
/// `asset register`.
pub const FIELDS: &[&str] = &[
    "tag",
    "kind",
    "name",
    "model",
    "manufacturer",
    "supplier",
    "purchased",
    "price",
    "dept",
    "custodian",
    "location",
    "serial",
    "specs",
    "classified",
    "network",
    "status",
    "service_life",
    "warranty_until",
];

impl RawAsset {
    /// Sets a field by its header name; false if there is no such field.
    pub fn set(&mut self, field: &str, value: &str) -> bool {
        let v = clean(value);
        let slot = match field {
            "tag" => &mut self.tag,
            "kind" => &mut self.kind,
            "name" => &mut self.name,
            "model" => &mut self.model,
            "manufacturer" => &mut self.manufacturer,
            "supplier" => &mut self.supplier,
            "purchased" => &mut self.purchased,
            "price" => &mut self.price,
            "dept" => &mut self.dept,
            "custodian" => &mut self.custodian,
            "location" => &mut self.location,
            "serial" => &mut self.serial,
            "specs" => &mut self.specs,
            "classified" => &mut self.classified,
            "network" => &mut self.network,
            "status" => &mut self.status,
            "service_life" | "使用年限" => &mut self.service_life,
            "warranty_until" | "保修期至" => &mut self.warranty_until,
            _ => return false,
        };
        *slot = v;
        true
    }
}

/// A validated registration.
#[derive(Debug, Clone)]
pub struct NewAsset {
    pub tag: Option<String>,
    pub kind: String,
    pub name: String,
    pub model: Option<String>,
    pub manufacturer: Option<String>,
    pub supplier: Option<String>,
    pub purchased: Option<NaiveDate>,
    pub price: Option<i64>,
    pub dept: Option<String>,
    pub custodian: Option<String>,
    pub location: Option<String>,
    pub serial: Option<String>,
    pub specs: Option<String>,
    pub classified: bool,
    pub network: String,
    pub status: String,
    /// Its own service life in months (else its kind's default).
    pub service_life: Option<u32>,
    pub warranty_until: Option<NaiveDate>,
}

/// Trims, and turns empty text into `None`.
pub fn clean(value: &str) -> Option<String> {
    let t = value.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Checks that `value` is one of `allowed`, naming both in the error.
pub fn one_of(field: &str, value: &str, allowed: &[impl AsRef<str>]) -> Result<String> {
    let v = value.trim();
    if allowed.iter().any(|a| a.as_ref() == v) {
        return Ok(v.to_string());
    }
    let list: Vec<&str> = allowed.iter().map(|a| a.as_ref()).collect();
    bail!("{field}: {value:?} is not one of {}", list.join(", "))
}

/// Reads a yes/no cell as written in English or Chinese spreadsheets.
pub fn parse_flag(field: &str, value: &str) -> Result<bool> {
    match value.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "是" => Ok(true),
        "no" | "n" | "false" | "0" | "否" | "" => Ok(false),
        _ => bail!("{field}: {value:?} is not yes or no"),
    }
}

impl NewAsset {
    /// Validates a registration. `field` turns a field name into what the
    /// user typed it as (`--purchased`, or `column purchased` in a file).
    pub fn parse(
        raw: &RawAsset,
        kinds: &[String],
        field: &dyn Fn(&str) -> String,
    ) -> Result<NewAsset> {
        let kind = match &raw.kind {
            Some(k) => one_of(&field("kind"), k, kinds)?,
            None => bail!("{}: is required", field("kind")),
        };
        let Some(name) = raw.name.clone() else {
            bail!("{}: is required", field("name"));
        };
        let purchased = raw
            .purchased
            .as_deref()
            .map(|d| parse_date(&field("purchased"), d))
            .transpose()?;
        let price = raw
            .price
            .as_deref()
            .map(|p| parse_money(&field("price"), p))
            .transpose()?;
        let classified = match &raw.classified {
            Some(c) => parse_flag(&field("classified"), c)?,
            None => false,
        };
        let network = match &raw.network {
            Some(n) => one_of(&field("network"), n, NETWORKS)?,
            None => "internal".to_string(),
        };
        let status = match &raw.status {
            Some(s) => one_of(&field("status"), s, MANUAL_STATUSES)?,
            None => "in-use".to_string(),
        };
        let service_life = raw
            .service_life
            .as_deref()
            .map(|v| super::life::parse_service_life(&field("service_life"), v))
            .transpose()?;
        let warranty_until = raw
            .warranty_until
            .as_deref()
            .map(|d| parse_date(&field("warranty_until"), d))
            .transpose()?;
        if let Some(tag) = &raw.tag
            && tag.chars().any(|c| c.is_whitespace())
        {
            bail!("{}: {tag:?} contains white space", field("tag"));
        }
        Ok(NewAsset {
            tag: raw.tag.clone(),
            kind,
            name,
            model: raw.model.clone(),
            manufacturer: raw.manufacturer.clone(),
            supplier: raw.supplier.clone(),
            purchased,
            price,
            dept: raw.dept.clone(),
            custodian: raw.custodian.clone(),
            location: raw.location.clone(),
            serial: raw.serial.clone(),
            specs: raw.specs.clone(),
            classified,
            network,
            status,
            service_life,
            warranty_until,
        })
    }
}

/// A generated tag: PREFIX-YEAR-NNNN (at least four digits).
pub fn make_tag(prefix: &str, year: i32, seq: u32) -> String {
    format!("{prefix}-{year}-{seq:04}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds() -> Vec<String> {
        vec!["desktop".into(), "printer".into()]
    }

    #[test]
    fn a_registration_needs_kind_and_name() {
        let cli = |f: &str| format!("--{f}");
        let raw = RawAsset {
            name: Some("PC".into()),
            ..Default::default()
        };
        let e = NewAsset::parse(&raw, &kinds(), &cli)
            .unwrap_err()
            .to_string();
        assert_eq!(e, "--kind: is required");
        let raw = RawAsset {
            kind: Some("deskop".into()),
            name: Some("PC".into()),
            ..Default::default()
        };
        let e = NewAsset::parse(&raw, &kinds(), &cli)
            .unwrap_err()
            .to_string();
        assert_eq!(e, "--kind: \"deskop\" is not one of desktop, printer");
    }

    #[test]
    fn flags_in_two_languages() {
        assert!(parse_flag("x", "是").unwrap());
        assert!(!parse_flag("x", "No").unwrap());
        assert!(parse_flag("x", "maybe").is_err());
    }

    #[test]
    fn tags() {
        assert_eq!(make_tag("IT", 2026, 7), "IT-2026-0007");
        assert_eq!(make_tag("IT", 2026, 12345), "IT-2026-12345");
    }
}
