//! The audited tables: each with the column that names a row to a person
//! (the trail's `key`), and the list `audit verify` compares.

/// An audited table and the column that names a row to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Audited {
    pub table: &'static str,
    pub key: &'static str,
}

pub const DEPARTMENT: Audited = Audited {
    table: "department",
    key: "name",
};
pub const PERSON: Audited = Audited {
    table: "person",
    key: "id",
};
pub const SYSTEM: Audited = Audited {
    table: "system",
    key: "name",
};
pub const ASSET: Audited = Audited {
    table: "asset",
    key: "tag",
};
pub const ASSET_TRANSFER: Audited = Audited {
    table: "asset_transfer",
    key: "id",
};
pub const MAINTENANCE: Audited = Audited {
    table: "maintenance",
    key: "id",
};
pub const DAMAGE: Audited = Audited {
    table: "damage",
    key: "id",
};
pub const ASSET_STATUS_CHANGE: Audited = Audited {
    table: "asset_status_change",
    key: "id",
};
pub const REQUEST: Audited = Audited {
    table: "request",
    key: "id",
};
pub const REQUEST_LINE: Audited = Audited {
    table: "request_line",
    key: "id",
};
pub const REQUEST_ASSET: Audited = Audited {
    table: "request_asset",
    key: "id",
};
pub const REQUEST_STEP: Audited = Audited {
    table: "request_step",
    key: "id",
};
pub const ASSET_DISPOSAL: Audited = Audited {
    table: "asset_disposal",
    key: "id",
};

pub const GRADE_ASSESSMENT: Audited = Audited {
    table: "grade_assessment",
    key: "id",
};
pub const GRADE_FILING: Audited = Audited {
    table: "grade_filing",
    key: "id",
};
pub const GRADE_EVALUATION: Audited = Audited {
    table: "grade_evaluation",
    key: "id",
};
pub const GRADE_INSPECTION: Audited = Audited {
    table: "grade_inspection",
    key: "id",
};
pub const GRADE_RECTIFICATION: Audited = Audited {
    table: "grade_rectification",
    key: "id",
};
pub const GRADE_REPORT: Audited = Audited {
    table: "grade_report",
    key: "id",
};
pub const GRADE_FILING_REJECTION: Audited = Audited {
    table: "grade_filing_rejection",
    key: "id",
};
pub const GRADE_FILING_CANCELLATION: Audited = Audited {
    table: "grade_filing_cancellation",
    key: "id",
};
pub const SYSTEM_CHANGE: Audited = Audited {
    table: "system_change",
    key: "id",
};
pub const CONSUMABLE_UNPLANNED: Audited = Audited {
    table: "consumable_unplanned",
    key: "movement_id",
};
pub const CONSUMABLE_NEED: Audited = Audited {
    table: "consumable_need",
    key: "id",
};

pub const CONSUMABLE_ITEM: Audited = Audited {
    table: "consumable_item",
    key: "sku",
};
pub const CONSUMABLE_MOVEMENT: Audited = Audited {
    table: "consumable_movement",
    key: "id",
};
pub const CONSUMABLE_QUOTA: Audited = Audited {
    table: "consumable_quota",
    key: "id",
};
pub const DUTY: Audited = Audited {
    table: "duty",
    key: "name",
};
pub const DUTY_DONE: Audited = Audited {
    table: "duty_done",
    key: "id",
};
pub const SOFTWARE_ALLOWED: Audited = Audited {
    table: "software_allowed",
    key: "id",
};
pub const SOFTWARE_INSTALLED: Audited = Audited {
    table: "software_installed",
    key: "id",
};
pub const BACKUP_POLICY: Audited = Audited {
    table: "backup_policy",
    key: "id",
};
pub const BACKUP_RUN: Audited = Audited {
    table: "backup_run",
    key: "id",
};
pub const BACKUP_DRILL: Audited = Audited {
    table: "backup_drill",
    key: "id",
};
pub const ASSET_LIFE: Audited = Audited {
    table: "asset_life",
    key: "asset_id",
};
pub const STOCKTAKE: Audited = Audited {
    table: "stocktake",
    key: "id",
};
pub const STOCKTAKE_ITEM: Audited = Audited {
    table: "stocktake_item",
    key: "id",
};
pub const RECORD_VOID: Audited = Audited {
    table: "record_void",
    key: "id",
};
pub const AMENDMENT: Audited = Audited {
    table: "amendment",
    key: "id",
};
pub const BACKUP_RUN_CHAIN: Audited = Audited {
    table: "backup_run_chain",
    key: "id",
};
pub const BACKUP_OBJECTIVE: Audited = Audited {
    table: "backup_objective",
    key: "id",
};
pub const BACKUP_DRILL_POINT: Audited = Audited {
    table: "backup_drill_point",
    key: "id",
};
pub const REGISTER_SETTING: Audited = Audited {
    table: "register_setting",
    key: "key",
};

pub const PERSON_LOGIN: Audited = Audited {
    table: "person_login",
    key: "id",
};
pub const ON_BEHALF: Audited = Audited {
    table: "on_behalf",
    key: "id",
};
pub const INCIDENT: Audited = Audited {
    table: "incident",
    key: "id",
};

pub const ANTIVIRUS_REPORT: Audited = Audited {
    table: "antivirus_report",
    key: "id",
};
pub const LOG_RETENTION: Audited = Audited {
    table: "log_retention",
    key: "asset_id",
};
pub const DUTY_ASSET: Audited = Audited {
    table: "duty_asset",
    key: "duty_id",
};

/// Every table whose rows `audit verify` compares with the trail. A table
/// that holds register data and is missing here would escape verification.
pub const AUDITED: &[Audited] = &[
    DEPARTMENT,
    PERSON,
    SYSTEM,
    ASSET,
    ASSET_TRANSFER,
    MAINTENANCE,
    DAMAGE,
    ASSET_STATUS_CHANGE,
    GRADE_ASSESSMENT,
    GRADE_FILING,
    GRADE_EVALUATION,
    GRADE_INSPECTION,
    GRADE_RECTIFICATION,
    GRADE_REPORT,
    GRADE_FILING_REJECTION,
    GRADE_FILING_CANCELLATION,
    SYSTEM_CHANGE,
    CONSUMABLE_UNPLANNED,
    CONSUMABLE_NEED,
    REQUEST,
    REQUEST_LINE,
    REQUEST_ASSET,
    REQUEST_STEP,
    ASSET_DISPOSAL,
    CONSUMABLE_ITEM,
    CONSUMABLE_MOVEMENT,
    CONSUMABLE_QUOTA,
    DUTY,
    DUTY_DONE,
    SOFTWARE_ALLOWED,
    SOFTWARE_INSTALLED,
    BACKUP_POLICY,
    BACKUP_RUN,
    BACKUP_DRILL,
    RECORD_VOID,
    AMENDMENT,
    ASSET_LIFE,
    STOCKTAKE,
    STOCKTAKE_ITEM,
    BACKUP_RUN_CHAIN,
    BACKUP_OBJECTIVE,
    BACKUP_DRILL_POINT,
    REGISTER_SETTING,
    PERSON_LOGIN,
    ON_BEHALF,
    ANTIVIRUS_REPORT,
    LOG_RETENTION,
    DUTY_ASSET,
    INCIDENT,
];
