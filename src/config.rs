//! The TOML config file and the default paths.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::i18n::Lang;

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The register file; `--db` and `INFOGOV_DB` take precedence.
    pub db: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub asset: AssetConfig,
    pub backup: BackupConfig,
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
}

impl Default for AssetConfig {
    fn default() -> Self {
        AssetConfig {
            tag_prefix: "IT".to_string(),
            kinds: DEFAULT_KINDS.iter().map(|k| (*k).to_string()).collect(),
        }
    }
}

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

[asset]
# Generated asset tags are PREFIX-YEAR-NNNN, e.g. IT-2026-0001.
tag_prefix = "IT"
# The kinds an asset may be registered as. Network equipment, servers and
# storage are allocated centrally by the IT office (AST-7).
kinds = ["desktop", "laptop", "server", "printer", "switch", "router", "firewall",
         "storage", "monitor", "peripheral", "mobile", "software", "other"]

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
        if config.asset.kinds.is_empty() {
            bail!("asset.kinds: must list at least one kind");
        }
        if let Some(g) = &config.backup.grace {
            crate::domain::time::Interval::parse("backup.grace", g)?;
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
    }

    #[test]
    fn unknown_keys_are_refused_with_a_line() {
        let e = Config::parse("lang = \"en\"\n[asset]\ntag_prefx = \"X\"\n").unwrap_err();
        let msg = format!("{e:#}");
        assert!(msg.contains("line 3"), "{msg}");
        assert!(msg.contains("tag_prefx"), "{msg}");
    }
}
