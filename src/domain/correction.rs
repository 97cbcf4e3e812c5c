//! Corrections: nothing in the register is deleted. A registration field
//! typed wrong is amended (old -> new, with a reason); a record entered by
//! mistake is voided (it stays visible, marked void with the reason and who
//! voided it, and every check and total ignores it). One mechanism serves
//! every area: the kinds of record that can be voided are listed here, once.
//!
//! Also here: the limits on what a field may hold (lengths), which every
//! write of the register enforces.

use std::sync::OnceLock;

use anyhow::{Result, bail};

/// A kind of record that can be voided: its table, how a person calls it,
/// and the letter its ID carries where one listing shows several kinds
/// (`asset history` shows M7 for maintenance 7 and D2 for damage 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Voidable {
    pub table: &'static str,
    pub noun: &'static str,
    pub prefix: &'static str,
    /// The command that voids it, for messages.
    pub command: &'static str,
}

pub const BACKUP_RUN: Voidable = Voidable {
    table: "backup_run",
    noun: "backup run",
    prefix: "",
    command: "backup void",
};
pub const BACKUP_DRILL: Voidable = Voidable {
    table: "backup_drill",
    noun: "restore drill",
    prefix: "",
    command: "backup void --drill",
};
pub const CONSUMABLE_MOVEMENT: Voidable = Voidable {
    table: "consumable_movement",
    noun: "consumable movement",
    prefix: "",
    command: "consumable void",
};
pub const MAINTENANCE: Voidable = Voidable {
    table: "maintenance",
    noun: "maintenance record",
    prefix: "M",
    command: "asset void",
};
pub const DAMAGE: Voidable = Voidable {
    table: "damage",
    noun: "damage record",
    prefix: "D",
    command: "asset void",
};
pub const DUTY_DONE: Voidable = Voidable {
    table: "duty_done",
    noun: "duty completion",
    prefix: "",
    command: "duty void",
};
pub const GRADE_ASSESSMENT: Voidable = Voidable {
    table: "grade_assessment",
    noun: "grading",
    prefix: "A",
    command: "grade void",
};
pub const GRADE_FILING: Voidable = Voidable {
    table: "grade_filing",
    noun: "filing",
    prefix: "F",
    command: "grade void",
};
pub const GRADE_EVALUATION: Voidable = Voidable {
    table: "grade_evaluation",
    noun: "evaluation",
    prefix: "E",
    command: "grade void",
};
pub const GRADE_INSPECTION: Voidable = Voidable {
    table: "grade_inspection",
    noun: "self-inspection",
    prefix: "I",
    command: "grade void",
};
pub const GRADE_RECTIFICATION: Voidable = Voidable {
    table: "grade_rectification",
    noun: "rectification item",
    prefix: "R",
    command: "grade void",
};
pub const INCIDENT: Voidable = Voidable {
    table: "incident",
    noun: "incident",
    prefix: "",
    command: "incident void",
};
/// The grading records `grade show` lists, by their letters.
pub const GRADING: &[Voidable] = &[
    GRADE_ASSESSMENT,
    GRADE_FILING,
    GRADE_EVALUATION,
    GRADE_INSPECTION,
    GRADE_RECTIFICATION,
];

/// Every kind of record that can be voided (the `record_void.entity` CHECK
/// in schema.sql lists the same tables).
pub const VOIDABLE: &[Voidable] = &[
    BACKUP_RUN,
    BACKUP_DRILL,
    CONSUMABLE_MOVEMENT,
    MAINTENANCE,
    DAMAGE,
    DUTY_DONE,
    GRADE_ASSESSMENT,
    GRADE_FILING,
    GRADE_EVALUATION,
    GRADE_INSPECTION,
    GRADE_RECTIFICATION,
    INCIDENT,
];

/// The ID of an event as its listing shows it: `7`, or `M7` where the
/// listing holds several kinds. `kinds` are those the area can void.
pub fn parse_event_id(field: &str, value: &str, kinds: &[Voidable]) -> Result<(Voidable, i64)> {
    let v = value.trim();
    let split = v.find(|c: char| c.is_ascii_digit()).unwrap_or(v.len());
    let (prefix, digits) = v.split_at(split);
    let expected = || {
        kinds
            .iter()
            .map(|k| {
                if k.prefix.is_empty() {
                    format!("N ({})", k.noun)
                } else {
                    format!("{}N ({})", k.prefix, k.noun)
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Ok(id) = digits.parse::<i64>() else {
        bail!(
            "{field}: {value:?} is not an ID; expected {} as the listing shows it",
            expected()
        );
    };
    match kinds.iter().find(|k| k.prefix.eq_ignore_ascii_case(prefix)) {
        Some(k) if id > 0 => Ok((*k, id)),
        _ => bail!(
            "{field}: {value:?} is not an ID; expected {} as the listing shows it",
            expected()
        ),
    }
}

/// The reason of a correction: required, since a correction nobody can
/// explain is no better than the mistake.
pub fn reason(value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        bail!("--reason: must not be empty; say why the record is corrected");
    }
    Ok(v.to_string())
}

/// How long a field may be, in characters (`[limits]` in the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Names, codes, tags, models, serials, locations and the like.
    pub name: usize,
    /// Free text: notes, reasons, specs, descriptions.
    pub text: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            name: 200,
            text: 4000,
        }
    }
}

/// Columns that hold a name-like value (a short label a person reads in a
/// table); every other text column is free text.
const NAME_COLUMNS: &[&str] = &[
    "name",
    "code",
    "tag",
    "kind",
    "model",
    "manufacturer",
    "supplier",
    "serial",
    "location",
    "from_location",
    "to_location",
    "vendor",
    "sku",
    "category",
    "unit",
    "title",
    "software",
    "tool",
    "backup_id",
    "version",
    "version_pattern",
    "scope_kind",
    "requirement",
    "ref",
    "restored_to",
];

static LIMITS: OnceLock<Limits> = OnceLock::new();

/// Sets the limits of this process (from the config, once, before any write).
pub fn set_limits(limits: Limits) {
    let _ = LIMITS.set(limits);
}

/// The limits in force: the config's, or the defaults.
pub fn limits() -> Limits {
    LIMITS.get().copied().unwrap_or_default()
}

impl Limits {
    /// Refuses a value longer than its column allows, naming the field and
    /// the limit.
    pub fn check(&self, table: &str, column: &str, value: &str) -> Result<()> {
        let (limit, key) = if NAME_COLUMNS.contains(&column) {
            (self.name, "limits.name")
        } else {
            (self.text, "limits.text")
        };
        // Bytes bound characters from above: count only when it may matter.
        if value.len() > limit {
            let n = value.chars().count();
            if n > limit {
                bail!(
                    "{table} {column}: {n} characters, more than the limit of {limit} ({key} in the config)"
                );
            }
        }
        Ok(())
    }
}

/// A field of a registration record that `edit` may amend: the option that
/// names it, its column, how a typed value becomes the stored one, and its
/// help. Each area's list is data: a new column is one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub option: &'static str,
    pub column: &'static str,
    pub form: Form,
    pub help: &'static str,
}

/// How a field's value is typed and stored. An empty value clears an
/// optional field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Text; a required field cannot be cleared.
    Text { required: bool },
    /// A date, not after the as-of day.
    PastDate,
    /// Money in yuan, stored in fen.
    Money,
    /// yes / no, stored as 1 / 0.
    Bool,
    /// One of a fixed list.
    Choice(&'static [&'static str]),
    /// One of the asset kinds of the config.
    AssetKind,
    /// A department's name or code, stored as its id.
    Dept,
}

const fn text(option: &'static str, help: &'static str) -> Field {
    Field {
        option,
        column: option,
        form: Form::Text { required: false },
        help,
    }
}

/// The registration fields of an asset that `asset edit` amends; department,
/// custodian and location stay with `asset transfer`, status with its
/// workflow, the tag with the label on the device.
pub const ASSET_FIELDS: &[Field] = &[
    Field {
        option: "kind",
        column: "kind",
        form: Form::AssetKind,
        help: "One of the configured kinds",
    },
    Field {
        option: "name",
        column: "name",
        form: Form::Text { required: true },
        help: "The asset's name",
    },
    text("model", "The model"),
    text("manufacturer", "The manufacturer"),
    text("supplier", "The supplier"),
    Field {
        option: "purchased",
        column: "purchased",
        form: Form::PastDate,
        help: "Purchase date, YYYY-MM-DD",
    },
    Field {
        option: "price",
        column: "price",
        form: Form::Money,
        help: "Purchase price in yuan",
    },
    text("serial", "The serial number (unique in the register)"),
    text("specs", "Performance data: CPU, memory, disk ..."),
    Field {
        option: "classified",
        column: "classified",
        form: Form::Bool,
        help: "A classified (涉密) computer: yes or no",
    },
    Field {
        option: "network",
        column: "network",
        form: Form::Choice(super::asset::NETWORKS),
        help: "internal, external or none",
    },
];

pub const PERSON_FIELDS: &[Field] = &[
    Field {
        option: "name",
        column: "name",
        form: Form::Text { required: true },
        help: "The person's name",
    },
    Field {
        option: "dept",
        column: "dept_id",
        form: Form::Dept,
        help: "The person's department (a correction; a person who moves keeps the records made before)",
    },
];

pub const DEPT_FIELDS: &[Field] = &[
    Field {
        option: "name",
        column: "name",
        form: Form::Text { required: true },
        help: "The department's name",
    },
    text("code", "The department's short code"),
];

pub const SYSTEM_FIELDS: &[Field] = &[
    Field {
        option: "name",
        column: "name",
        form: Form::Text { required: true },
        help: "The system's name",
    },
    Field {
        option: "owner-dept",
        column: "owner_dept_id",
        form: Form::Dept,
        help: "The department that owns the system",
    },
    text("description", "What the system is for"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_ids_as_listings_show_them() {
        let asset = [MAINTENANCE, DAMAGE];
        assert_eq!(
            parse_event_id("EVENT", "M7", &asset).unwrap(),
            (MAINTENANCE, 7)
        );
        assert_eq!(parse_event_id("EVENT", "d2", &asset).unwrap(), (DAMAGE, 2));
        let e = parse_event_id("EVENT", "7", &asset)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("M7") || e.contains("MN (maintenance record)"),
            "{e}"
        );
        assert_eq!(parse_event_id("RUN", " 12 ", &[BACKUP_RUN]).unwrap().1, 12);
        assert!(parse_event_id("RUN", "0", &[BACKUP_RUN]).is_err());
        assert!(parse_event_id("RUN", "x", &[BACKUP_RUN]).is_err());
        assert!(parse_event_id("RUN", "M3", &[BACKUP_RUN]).is_err());
    }

    #[test]
    fn limits_name_the_field_and_the_limit() {
        let l = Limits::default();
        assert!(l.check("asset", "name", &"x".repeat(200)).is_ok());
        let e = l
            .check("asset", "name", &"x".repeat(201))
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "asset name: 201 characters, more than the limit of 200 (limits.name in the config)"
        );
        // Characters, not bytes: 200 Chinese characters are a valid name.
        assert!(l.check("department", "name", &"科".repeat(200)).is_ok());
        assert!(l.check("asset", "specs", &"x".repeat(4000)).is_ok());
        assert!(l.check("asset", "specs", &"x".repeat(4001)).is_err());
    }

    #[test]
    fn a_reason_is_required() {
        assert!(reason("  ").is_err());
        assert_eq!(reason(" typo ").unwrap(), "typo");
    }
}
