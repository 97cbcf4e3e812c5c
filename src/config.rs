//! The TOML config file and the default paths.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::domain::grading::{DEFAULT_RULESET, Period, Ruleset, SectorMinimum};
use crate::i18n::Lang;

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The register file; `--db` and `INFOGOV_DB` take precedence.
    pub db: Option<PathBuf>,
    pub lang: Option<Lang>,
    /// The time zone wall-clock times are read and shown in (IANA name);
    /// overrides the zone the register was set up with.
    pub timezone: Option<String>,
    /// The organisation's name, printed at the head of forms and the report.
    pub organisation: Option<String>,
    pub asset: AssetConfig,
    pub grading: GradingConfig,
    pub request: RequestConfig,
    pub consumable: ConsumableConfig,
    pub duty: DutyConfig,
    pub backup: BackupConfig,
    /// `[limits]`: the longest a name or a free text may be, in characters.
    pub limits: crate::domain::correction::Limits,
    pub stocktake: StocktakeConfig,
    pub import: ImportConfig,
    /// `"strict"`: every step is taken by the person logged in; nobody,
    /// not even an administrator, records one on behalf of another.
    pub identity: Option<String>,
    pub audit: AuditConfig,
    pub money: MoneyConfig,
    pub security: SecurityConfig,
    pub incident: IncidentConfig,
}

/// `[security]`: security operations (OPS-1, OPS-2, OPS-3).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SecurityConfig {
    /// Kinds of device that need antivirus (OPS-1, S3).
    pub antivirus_kinds: Vec<String>,
    /// Virus definitions older than this are a finding. Default 7 days.
    pub definitions_max_age: String,
    /// A last full scan older than this is a finding. Default 1 month.
    pub scan_every: String,
    /// Kinds of device that are servers: a log-review duty each, and their
    /// log retention recorded (OPS-2).
    pub server_kinds: Vec<String>,
    /// The shortest log retention allowed. Default six months (网络安全法 art. 21).
    pub log_retention_min: String,
    /// Kinds of device on the perimeter (firewall, intrusion detection): a
    /// perimeter-review duty each (OPS-3).
    pub perimeter_kinds: Vec<String>,
}

impl Default for SecurityConfig {
    fn default() -> Self {
        let v = |l: &[&str]| l.iter().map(|k| (*k).to_string()).collect();
        SecurityConfig {
            antivirus_kinds: v(&["desktop", "laptop", "server"]),
            definitions_max_age: "7d".to_string(),
            scan_every: "1mo".to_string(),
            server_kinds: v(&["server"]),
            log_retention_min: "6mo".to_string(),
            perimeter_kinds: v(&["firewall", "ids"]),
        }
    }
}

impl SecurityConfig {
    /// The rules of the "security" area, validated.
    pub fn rules(&self) -> Result<crate::domain::security::Rules> {
        let every = |f: &str, v: &str| crate::domain::duty::every(f, v);
        Ok(crate::domain::security::Rules {
            antivirus_kinds: self.antivirus_kinds.clone(),
            definitions_max_age: every("security.definitions_max_age", &self.definitions_max_age)?,
            scan_every: every("security.scan_every", &self.scan_every)?,
            server_kinds: self.server_kinds.clone(),
            log_retention_min: every("security.log_retention_min", &self.log_retention_min)?,
            perimeter_kinds: self.perimeter_kinds.clone(),
        })
    }
}

/// `[incident]`: how long an incident may stay open, per kind, and how soon
/// an infected device must be isolated (SEC-4, OPS-1, OPS-3, OPS-4).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct IncidentConfig {
    /// An infected device with no isolation recorded this long after the
    /// virus was detected is CRITICAL (C32; default 1h).
    pub isolate_within: Option<String>,
    /// `[incident.deadline]`: kind = interval; an incident open longer after
    /// its detection is a WARNING (defaults in `domain::incident`).
    pub deadline: std::collections::BTreeMap<String, String>,
}

impl IncidentConfig {
    pub fn rules(&self) -> Result<crate::domain::incident::Rules> {
        crate::domain::incident::Rules::parse(self.isolate_within.as_deref(), &self.deadline)
    }
}

/// `[stocktake]`: the stock-take duty (盘点, AST-1).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StocktakeConfig {
    /// How often each department's assets are counted. Default yearly.
    pub every: String,
}

impl Default for StocktakeConfig {
    fn default() -> Self {
        StocktakeConfig {
            every: "1y".to_string(),
        }
    }
}

impl StocktakeConfig {
    pub fn every(&self) -> Result<crate::domain::time::Interval> {
        crate::domain::duty::every("stocktake.every", &self.every)
    }
}

/// `[audit]`: the witness file and the checkpoint key.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct AuditConfig {
    /// The witness file every write appends the trail's head to
    /// (default: `witness.jsonl` in the per-user config directory).
    pub witness: Option<PathBuf>,
    /// The public half of the checkpoint key (`audit keygen` prints it), hex.
    pub public_key: Option<String>,
    /// Entries not yet checkpointed are INFO until the newest checkpoint is
    /// this old, then WARNING (default 7d).
    pub checkpoint_warning: Option<String>,
    /// How often every table is compared with the trail in full (`audit
    /// verify --full`); the daily check warns once the last full comparison
    /// is older than this (default 7d).
    pub full_every: Option<String>,
}

impl AuditConfig {
    pub fn checkpoint_warning(&self) -> Result<crate::domain::time::Interval> {
        crate::domain::time::Interval::parse(
            "audit.checkpoint_warning",
            self.checkpoint_warning.as_deref().unwrap_or("7d"),
        )
    }

    pub fn full_every(&self) -> Result<crate::domain::time::Interval> {
        crate::domain::time::Interval::parse(
            "audit.full_every",
            self.full_every.as_deref().unwrap_or("7d"),
        )
    }
}

/// `[money]`: the bound on every amount entered.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MoneyConfig {
    /// The largest amount (yuan) a price, cost or budget may be.
    pub max_amount: i64,
}

impl Default for MoneyConfig {
    fn default() -> Self {
        MoneyConfig {
            max_amount: crate::domain::money::DEFAULT_MAX_YUAN,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DutyConfig {
    /// How often each information system's password is changed (SEC-1): the
    /// interval of the `password:SYSTEM` duties. Default 90 days.
    pub password_every: String,
}

impl Default for DutyConfig {
    fn default() -> Self {
        DutyConfig {
            password_every: "90d".to_string(),
        }
    }
}

impl DutyConfig {
    pub fn password_every(&self) -> Result<crate::domain::time::Interval> {
        crate::domain::duty::every("duty.password_every", &self.password_every)
    }
}

/// `[import.asset]`, `[import.software]`, `[import.backup]`: an office's own
/// column names and words, for files the built-in names do not cover.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ImportConfig {
    pub asset: ImportTableConfig,
    pub software: ImportTableConfig,
    pub backup: ImportTableConfig,
    pub antivirus: ImportTableConfig,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ImportTableConfig {
    /// HEADER = "FIELD", as `--map 'HEADER=FIELD'` (which wins).
    pub columns: std::collections::BTreeMap<String, String>,
    /// Columns left out, as `--ignore HEADER`.
    pub ignore: Vec<String>,
    /// FIELD -> { WORD = "VALUE" }: the office's own words for the values
    /// of an enumerated field, e.g. `[import.asset.values.kind]`.
    pub values: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
}

/// `[backup]`: defaults for the backup commands.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct BackupConfig {
    /// Grace added to every age limit of a policy that sets none (default: none).
    pub grace: Option<String>,
    /// The department that owns the built-in system `infogov-register`
    /// (default: the department of the people with the office role).
    pub register_owner_dept: Option<String>,
    /// Where `backup self` writes when `--to` is not given.
    pub self_dir: Option<PathBuf>,
}

impl BackupConfig {
    /// The default grace (validated when the config was loaded).
    pub fn default_grace(&self) -> Option<crate::domain::time::Interval> {
        self.grace
            .as_deref()
            .and_then(|g| crate::domain::time::Interval::parse("backup.grace", g).ok())
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AssetConfig {
    /// Generated tags are PREFIX-YEAR-NNNN, e.g. IT-2026-0001.
    pub tag_prefix: String,
    /// The kinds an asset may be registered as.
    pub kinds: Vec<String>,
    /// The IT office's department, to which centrally allocated equipment
    /// is registered (AST-7) [default: the department of the people with
    /// the office role, if they are all in one].
    pub office_dept: Option<String>,
    /// The kinds allocated centrally by the IT office (AST-7).
    pub central_kinds: Vec<String>,
    /// The residual rate of depreciation (预计净残值率): `0%` by default, as
    /// the government accounting standard has it; enterprises commonly 5%.
    pub residual_rate: String,
    /// Service life per kind (`desktop = "6y"`, `"none"` for no default),
    /// over the built-in defaults of `domain::life::default_service_life`.
    pub service_life: std::collections::BTreeMap<String, String>,
    /// The organisation named on asset labels (`asset label`).
    pub organisation: Option<String>,
}

impl AssetConfig {
    /// The residual rate in basis points (validated when the config was loaded).
    pub fn residual_rate(&self) -> Result<u32> {
        crate::domain::life::parse_rate("asset.residual_rate", &self.residual_rate)
    }

    /// The default service life of a kind in months, if it has one.
    pub fn service_life_of(&self, kind: &str) -> Result<Option<u32>> {
        match self.service_life.get(kind) {
            Some(v) if v.trim() == "none" => Ok(None),
            Some(v) => Ok(Some(crate::domain::life::parse_service_life(
                &format!("asset.service_life.{kind}"),
                v,
            )?)),
            None => Ok(crate::domain::life::default_service_life(kind)),
        }
    }
}

/// Network equipment, servers and storage (AST-7).
pub const DEFAULT_CENTRAL_KINDS: &[&str] = &["server", "switch", "router", "firewall", "storage"];

impl Default for AssetConfig {
    fn default() -> Self {
        AssetConfig {
            tag_prefix: "IT".to_string(),
            kinds: DEFAULT_KINDS.iter().map(|k| (*k).to_string()).collect(),
            office_dept: None,
            central_kinds: DEFAULT_CENTRAL_KINDS
                .iter()
                .map(|k| (*k).to_string())
                .collect(),
            residual_rate: "0%".to_string(),
            service_life: std::collections::BTreeMap::new(),
            organisation: None,
        }
    }
}

/// `[grading]`: the deadlines and intervals of security grading (GRD-3..GRD-5).
/// Every key is optional; an absent key takes the built-in value of
/// [`Ruleset::default`], so the defaults live in one place.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct GradingConfig {
    /// The name recorded with every assessment; must change when a rule does.
    pub ruleset: Option<String>,
    pub filing_from_grade: Option<u8>,
    pub filing_deadline: Option<String>,
    pub filing_warning: Option<String>,
    pub evaluation_warning: Option<String>,
    pub rectification_critical: Option<String>,
    pub evaluation_interval: PerGrade,
    pub inspection_interval: PerGrade,
    /// The supervising department (主管部门) whose approval a grading needs
    /// before it is filed; none: no approval is asked for.
    pub supervisor: Option<String>,
    /// A sector's minimum grade for named systems.
    pub minimum: Option<MinimumConfig>,
}

/// `[grading.minimum]`: e.g. a hospital's core systems at grade 3 or above.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinimumConfig {
    pub grade: u8,
    pub systems: Vec<String>,
    pub source: String,
}

/// A period per grade; `"none"` means the duty does not apply to that grade.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct PerGrade {
    pub grade1: Option<String>,
    pub grade2: Option<String>,
    pub grade3: Option<String>,
    pub grade4: Option<String>,
    pub grade5: Option<String>,
}

impl GradingConfig {
    /// The effective ruleset: the built-in one with the configured changes.
    pub fn ruleset(&self) -> Result<Ruleset> {
        let mut r = Ruleset::default();
        let period = |key: &str, v: &Option<String>, default: Period| -> Result<Period> {
            match v {
                Some(v) => Period::parse(&format!("grading.{key}"), v),
                None => Ok(default),
            }
        };
        r.filing_deadline = period("filing_deadline", &self.filing_deadline, r.filing_deadline)?;
        r.filing_warning = period("filing_warning", &self.filing_warning, r.filing_warning)?;
        r.evaluation_warning = period(
            "evaluation_warning",
            &self.evaluation_warning,
            r.evaluation_warning,
        )?;
        r.rectification_critical = period(
            "rectification_critical",
            &self.rectification_critical,
            r.rectification_critical,
        )?;
        if let Some(g) = self.filing_from_grade {
            if !(1..=5).contains(&g) {
                bail!("grading.filing_from_grade: {g} is not a grade; expected 1 to 5");
            }
            r.filing_from_grade = g;
        }
        for (table, per, into) in [
            (
                "evaluation_interval",
                &self.evaluation_interval,
                &mut r.evaluation,
            ),
            (
                "inspection_interval",
                &self.inspection_interval,
                &mut r.inspection,
            ),
        ] {
            let values = [
                &per.grade1,
                &per.grade2,
                &per.grade3,
                &per.grade4,
                &per.grade5,
            ];
            for (i, v) in values.into_iter().enumerate() {
                if let Some(v) = v {
                    let key = format!("grading.{table}.grade{}", i + 1);
                    into[i] = match v.trim() {
                        "none" => None,
                        _ => Some(
                            Period::parse(&key, v)
                                .map_err(|e| anyhow::anyhow!("{e}, or \"none\" (not required)"))?,
                        ),
                    };
                }
            }
        }
        if let Some(m) = &self.minimum {
            if !(2..=5).contains(&m.grade) {
                bail!(
                    "grading.minimum.grade: {} is not a grade a sector rule can set; expected 2 to 5",
                    m.grade
                );
            }
            let systems: Vec<String> = m
                .systems
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            if systems.is_empty() {
                bail!("grading.minimum.systems: name at least one system");
            }
            if m.source.trim().is_empty() {
                bail!(
                    "grading.minimum.source: must not be empty; name the rule, e.g. 卫办发〔2011〕85号"
                );
            }
            r.minimum = Some(SectorMinimum {
                grade: m.grade,
                systems,
                source: m.source.trim().to_string(),
            });
        }
        match &self.supervisor {
            Some(s) if s.trim().is_empty() => bail!("grading.supervisor: must not be empty"),
            Some(s) => r.supervisor = Some(s.trim().to_string()),
            None => {}
        }
        match &self.ruleset {
            Some(name) if name.trim().is_empty() => {
                bail!("grading.ruleset: must not be empty")
            }
            Some(name) => r.name = name.trim().to_string(),
            None => {}
        }
        if r.name == DEFAULT_RULESET && !r.same_rules(&Ruleset::default()) {
            bail!(
                "grading.ruleset: the rules differ from the built-in ruleset {DEFAULT_RULESET:?}; give them a name of their own (it is recorded with every assessment)"
            );
        }
        Ok(r)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RequestConfig {
    /// A request waiting longer than this many days for review, approval or
    /// fulfilment is a finding (WARNING) of `request check` and `audit check`.
    pub stale_days: u32,
}

impl Default for RequestConfig {
    fn default() -> Self {
        RequestConfig { stale_days: 14 }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConsumableConfig {
    /// The categories an item or a quota may name, besides those already
    /// used by an item (so a typo does not start a category of its own).
    pub categories: Vec<String>,
    /// Added to the average quarterly use when `quota suggest` proposes a
    /// quota, in percent.
    pub quota_headroom_percent: i64,
}

impl Default for ConsumableConfig {
    fn default() -> Self {
        ConsumableConfig {
            categories: DEFAULT_CATEGORIES
                .iter()
                .map(|k| (*k).to_string())
                .collect(),
            quota_headroom_percent: 10,
        }
    }
}

pub const DEFAULT_CATEGORIES: &[&str] = &[
    "toner",
    "ink",
    "ribbon",
    "paper",
    "media",
    "cables",
    "batteries",
    "other",
];

pub const DEFAULT_KINDS: &[&str] = &[
    "desktop",
    "laptop",
    "server",
    "printer",
    "switch",
    "router",
    "firewall",
    "storage",
    "monitor",
    "peripheral",
    "mobile",
    "software",
    "other",
];

/// The commented config that `infogov init --write-config` writes.
pub const DEFAULT_CONFIG: &str = r#"# infogov configuration (TOML).
# Every setting is optional; the values shown are the defaults.

# The register file. --db and the INFOGOV_DB environment variable take
# precedence. Default: the per-user data directory, e.g.
# ~/.local/share/infogov/register.db on Linux.
# db = "/srv/infogov/register.db"

# Language of table headers and messages: "en" or "zh".
# lang = "en"

# The time zone times are typed and shown in (an IANA name). Default: the
# zone recorded in the register at `infogov init` (the system's zone, or
# `init --timezone`). Setting it here overrides the register's.
# timezone = "Asia/Shanghai"

# The organisation's name, printed at the head of the printable forms and the
# report (--format html / xlsx).
# organisation = "某某市人民医院"

# Who may record a step for someone else. "on-behalf": an administrator (a
# person with the office role and a login) may, with --on-behalf-of and
# --on-behalf-evidence; "strict": nobody may, every step is taken by the person logged in.
# identity = "on-behalf"

[asset]
# Generated asset tags are PREFIX-YEAR-NNNN, e.g. IT-2026-0001.
tag_prefix = "IT"
# The kinds an asset may be registered as. Network equipment, servers and
# storage are allocated centrally by the IT office (AST-7).
kinds = ["desktop", "laptop", "server", "printer", "switch", "router", "firewall",
         "storage", "monitor", "peripheral", "mobile", "software", "other"]
# The kinds the IT office allocates centrally (AST-7): one registered to another
# department is a finding of `asset check`.
central_kinds = ["server", "switch", "router", "firewall", "storage"]
# The IT office's department. Default: the department of the people with the
# office role, if they are all in one.
# office_dept = "信息科"
# The residual rate of depreciation (预计净残值率). Public bodies under the
# government accounting standard use 0%; enterprises commonly 5%.
residual_rate = "0%"
# The organisation named on asset labels (asset label --org overrides it).
# organisation = "某某市人民医院"

# Service life (使用年限) per kind, when an asset gives none of its own
# (--service-life, or the 使用年限 column of an import): 6y, 72mo, or "none".
# The defaults are the government fixed-asset depreciation table (财会〔2017〕4号):
# computer and office equipment 6 years, communication equipment 5 years;
# software and other have none (docs/depreciation.md).
[asset.service_life]
# desktop = "6y"
# laptop = "6y"
# server = "6y"
# printer = "6y"
# switch = "6y"
# router = "6y"
# firewall = "6y"
# storage = "6y"
# monitor = "6y"
# peripheral = "6y"
# mobile = "5y"

# Security grading (等级保护). The national rules have changed over time, so
# the deadlines are data; docs/grading.md gives the source of each default.
# Periods: 30d, 2w, 6mo, 1q, 1y, or 10wd (working days, Monday to Friday).
[grading]
# Recorded with every assessment. Change it whenever you change a rule below
# (infogov refuses changed rules under the built-in name).
# ruleset = "infogov-mlps-2026.2"
# Grades from this one up are filed (备案) with the public security bureau.
# filing_from_grade = 2
# Filing is due this long after the grade is set (公通字[2007]43号: 30 days;
# later rules: 10 working days, i.e. "10wd").
# filing_deadline = "30d"
# WARNING from this long before the filing deadline.
# filing_warning = "7d"
# WARNING from this long before an evaluation (等级测评) is due.
# evaluation_warning = "30d"
# The supervising department (主管部门) that approves gradings before they are
# filed (公通字[2007]43号 art. 10: "有主管部门的，应当经主管部门审核批准");
# a filing without its approval is then a finding. Leave it out if none.
# supervisor = "市卫生健康委员会"

# A sector's minimum grade for named systems: a finding when one is graded
# below it. For a 三级甲等 hospital, 卫办发〔2011〕85号 (as cited; its text was
# not found here) puts the core business systems at grade 3 or above.
# [grading.minimum]
# grade = 3
# systems = ["HIS", "EMR", "LIS", "PACS"]
# source = "卫办发〔2011〕85号"
# An open rectification item (整改) is WARNING once past due, and CRITICAL
# this long past due.
# rectification_critical = "30d"

# How often each grade is evaluated (等级测评); "none": not required.
# 公通字[2007]43号 art. 14: grade 3 at least yearly, grade 4 at least every
# half year, grade 5 by special needs; grade 2 every 2 years is infogov's own.
[grading.evaluation_interval]
# grade1 = "none"
# grade2 = "2y"
# grade3 = "1y"
# grade4 = "6mo"
# grade5 = "6mo"

# How often each grade is self-inspected (自查); "none": not required.
# 公通字[2007]43号 art. 14: grade 3 at least yearly, grade 4 at least every
# half year; grades 1-2 "periodically" (定期), read as yearly.
[grading.inspection_interval]
# grade1 = "1y"
# grade2 = "1y"
# grade3 = "1y"
# grade4 = "6mo"
# grade5 = "6mo"

[request]
# A request waiting longer than this many days for review, approval or
# fulfilment is a finding (WARNING) of `request check` and `audit check` (ORG-2).
stale_days = 14

[consumable]
# The categories a consumable item or a quota may name without a typo check
# failing; a category already used by an item is always accepted.
categories = ["toner", "ink", "ribbon", "paper", "media", "cables", "batteries", "other"]
# `consumable quota suggest` proposes the average quarterly use of the last
# four quarters plus this many percent, rounded up.
quota_headroom_percent = 10

[duty]
# How often each information system's password is changed (SEC-1): the
# interval of the password:SYSTEM duties that `duty seed` and
# `system password-changed` add. Dates of change are recorded, never passwords.
password_every = "90d"

[backup]
# Grace added to every age limit of a backup policy that sets no --grace of
# its own, for jobs that start late or run long. Default: none.
# grace = "1h"
# The department that owns the built-in system infogov-register, created by
# the first `infogov backup self`. Default: the department of the people with
# the office role.
# register_owner_dept = "信息科"
# Where `infogov backup self` writes when --to is not given.
# self_dir = "/srv/backup/infogov"

[limits]
# The longest a name (department, person, asset, model, serial, location ...)
# and a free text (notes, reasons, specs) may be, in characters.
name = 200
text = 4000

[stocktake]
# How often each department's assets are counted (盘点, AST-1): `audit check`
# warns when a department's last closed stock-take is older than this.
every = "1y"

# Importing the spreadsheets an office keeps (asset import, software import,
# backup import --from csv): the office's own column names and words, beyond
# the Chinese names built in. --map and --ignore on the command line win.
# [import.asset]
# ignore = ["备注"]
# [import.asset.columns]
# "领用科室" = "dept"
# [import.asset.values.kind]
# "医生工作站" = "desktop"
# [import.asset.values.status]
# "借出" = "in-use"

[audit]
# The witness file: every change appends the trail's newest entry here, so a
# register truncated, rolled back or rewritten contradicts it. Keep it where
# whoever can write the register cannot (docs/user-guide.md, "Checkpoints").
# Default: witness.jsonl in the per-user config directory, e.g.
# ~/.config/infogov/witness.jsonl on Linux.
# witness = "/var/log/infogov/witness.jsonl"
# The public half of the checkpoint key, as `infogov audit keygen` prints it.
# public_key = "..."
# Entries after the newest signed checkpoint are INFO, and WARNING once that
# checkpoint is older than this.
# checkpoint_warning = "7d"
# `audit check` walks the trail only from the last verified point and compares
# only the records changed since; every record is compared with the trail by
# `audit verify --full` (weekly in examples/crontab). The check warns once the
# last full comparison is older than this.
# full_every = "7d"

[money]
# The largest amount, in yuan, that a price, cost or budget may be.
max_amount = 100000000

[security]
# Security operations (OPS-1, OPS-2, OPS-3). Devices of these kinds need
# antivirus (OPS-1, S3): one in use with none recorded is a finding.
antivirus_kinds = ["desktop", "laptop", "server"]
# Virus definitions older than this are a finding.
definitions_max_age = "7d"
# A device whose last full scan is older than this is a finding.
scan_every = "1mo"
# Servers: each gets a log-review duty (duty seed) and must record how long
# it keeps its operation logs (asset logs set).
server_kinds = ["server"]
# The shortest log retention allowed (网络安全法 art. 21: at least six months).
log_retention_min = "6mo"
# Firewalls and intrusion detection: each gets a perimeter-review duty
# (OPS-3). Add "ids" to [asset] kinds to register intrusion detectors.
perimeter_kinds = ["firewall", "ids"]

[incident]
# An infected device (a virus incident on an asset) with no isolation
# recorded (--contained) this long after detection is CRITICAL (C32: 立即隔离).
# isolate_within = "1h"

# How long an incident may stay open after its detection before `audit check`
# warns, per kind.
[incident.deadline]
# virus = "2d"
# intrusion = "1d"
# outage = "4h"
# fault = "7d"
# violation = "30d"
# data-loss = "2d"
"#;

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "infogov")
}

/// The config file read when none is named: the per-user config directory.
pub fn default_config_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

/// The register used when neither `--db`, `INFOGOV_DB` nor the config names one.
pub fn default_db_path() -> Result<PathBuf> {
    match project_dirs() {
        Some(d) => Ok(d.data_dir().join("register.db")),
        None => bail!(
            "--db: no home directory to keep the register in; name a file with --db or INFOGOV_DB"
        ),
    }
}

impl Config {
    /// Loads the named file (which must exist), or the default file if it exists.
    pub fn load(explicit: Option<&Path>) -> Result<Config> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => match default_config_path() {
                Some(p) if p.exists() => p,
                _ => return Ok(Config::default()),
            },
        };
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("--config: cannot read {}", path.display()))?;
        Config::parse(&text).with_context(|| format!("--config: {}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| {
            // toml's message spans several lines with a source excerpt; the
            // first line and the position are what an error line needs.
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            let msg = e.message().replace('\n', " ");
            match line {
                Some(l) => anyhow::anyhow!("line {l}: {msg}"),
                None => anyhow::anyhow!("{msg}"),
            }
        })?;
        if config.asset.tag_prefix.trim().is_empty() {
            bail!("asset.tag_prefix: must not be empty");
        }
        if !(0..=1000).contains(&config.consumable.quota_headroom_percent) {
            bail!("consumable.quota_headroom_percent: must be 0 to 1000");
        }
        if config.limits.name == 0 || config.limits.text == 0 {
            bail!("limits: name and text must be at least 1 character");
        }
        if config.asset.kinds.is_empty() {
            bail!("asset.kinds: must list at least one kind");
        }
        config.grading.ruleset()?;
        if config.request.stale_days == 0 {
            bail!("request.stale_days: must be at least 1");
        }

        if let Some(tz) = &config.timezone {
            crate::domain::time::parse_zone("timezone", tz)?;
        }
        config.duty.password_every()?;
        if let Some(g) = &config.backup.grace {
            crate::domain::time::Interval::parse("backup.grace", g)?;
        }
        config.stocktake.every()?;
        config.asset.residual_rate()?;
        for kind in config.asset.service_life.keys() {
            config.asset.service_life_of(kind)?;
        }
        match config.identity.as_deref() {
            None | Some("strict") | Some("on-behalf") => {}
            Some(v) => bail!("identity: {v:?} is not a mode; expected \"strict\" or \"on-behalf\""),
        }
        config.audit.checkpoint_warning()?;
        config.security.rules()?;
        config.incident.rules()?;
        if let Some(k) = &config.audit.public_key {
            crate::store::audit::checkpoint::parse_public_key("audit.public_key", k)?;
        }
        if !(1..=crate::domain::money::LIMIT_YUAN).contains(&config.money.max_amount) {
            bail!(
                "money.max_amount: {} is out of range; expected 1 to {}",
                config.money.max_amount,
                crate::domain::money::LIMIT_YUAN
            );
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_file_parses_to_defaults() {
        let c = Config::parse(DEFAULT_CONFIG).unwrap();
        assert_eq!(c.asset.tag_prefix, "IT");
        assert_eq!(c.asset.kinds.len(), DEFAULT_KINDS.len());
        assert_eq!(c.grading.ruleset().unwrap(), Ruleset::default());
        assert_eq!(c.request.stale_days, RequestConfig::default().stale_days);
    }

    #[test]
    fn grading_rules_are_configured_and_named() {
        let c = Config::parse(
            "[grading]\nruleset = \"local-2027\"\nfiling_deadline = \"10wd\"\n[grading.evaluation_interval]\ngrade4 = \"6mo\"\ngrade2 = \"none\"\n",
        )
        .unwrap();
        let r = c.grading.ruleset().unwrap();
        assert_eq!(r.name, "local-2027");
        assert_eq!(r.filing_deadline, Period::WorkingDays(10));
        assert_eq!(r.evaluation_interval(4).unwrap().to_string(), "6mo");
        assert_eq!(r.evaluation_interval(2), None);
        assert_eq!(r.evaluation_interval(3).unwrap().to_string(), "1y");
        let e = Config::parse("[grading]\nfiling_deadline = \"10wd\"\n").unwrap_err();
        assert!(format!("{e:#}").contains("grading.ruleset"), "{e:#}");
        let e = Config::parse("[grading.evaluation_interval]\ngrade3 = \"yearly\"\n").unwrap_err();
        assert!(
            format!("{e:#}").contains("grading.evaluation_interval.grade3: \"yearly\""),
            "{e:#}"
        );
    }

    #[test]
    fn the_example_config_is_the_default() {
        // examples/config.toml is what `init --write-config` writes; keep them one.
        assert_eq!(include_str!("../examples/config.toml"), DEFAULT_CONFIG);
    }

    #[test]
    fn unknown_keys_are_refused_with_a_line() {
        let e = Config::parse("lang = \"en\"\n[asset]\ntag_prefx = \"X\"\n").unwrap_err();
        let msg = format!("{e:#}");
        assert!(msg.contains("line 3"), "{msg}");
        assert!(msg.contains("tag_prefx"), "{msg}");
    }
}
