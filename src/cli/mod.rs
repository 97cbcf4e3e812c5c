//! The command line: clap types, the global options, and one module per
//! subcommand. Each module parses its arguments and calls the store and
//! domain layers; all printing goes through [`output::Output`].

pub mod asset;
pub mod audit;
pub mod backup;
pub mod complete;
pub mod completions;
pub mod consumable;
pub mod correction;
pub mod demo;
pub mod duty;
pub mod examples;
pub mod forms;
pub mod grade;
pub mod identity;
pub mod incident;
pub mod init;
pub mod label;
pub mod output;
pub mod registry;
pub mod request;
pub mod secops;
pub mod software;
pub mod stocktake;
pub mod table_args;
pub mod usage;

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

use crate::config::{self, Config};
use crate::domain::time::Clock;
use crate::i18n::Lang;
use crate::store::{Actor, Store};
use output::{Format, Output};

/// infogov: run an organisation's IT governance regime from one terminal, on
/// one local SQLite register: assets, consumables, requests, backups,
/// security grading and the audit trail an inspector will ask for.
#[derive(Debug, Parser)]
#[command(name = "infogov", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone)]
pub struct Global {
    /// The register file [default: from the config file, else the per-user data directory]
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "INFOGOV_DB",
        value_name = "PATH"
    )]
    pub db: Option<PathBuf>,
    /// The config file (TOML) [default: the per-user config directory, if the file exists]
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "INFOGOV_CONFIG",
        value_name = "PATH"
    )]
    pub config: Option<PathBuf>,
    /// Output format
    #[arg(long, global = true, help_heading = "Global options", value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Start CSV output with a UTF-8 byte-order mark, for Excel and WPS
    #[arg(long, global = true, help_heading = "Global options")]
    pub bom: bool,
    /// Write the output to this file (whole, or not at all when the command fails)
    #[arg(
        long,
        short = 'o',
        global = true,
        help_heading = "Global options",
        value_name = "FILE"
    )]
    pub output: Option<PathBuf>,
    /// Only these columns of a listing, in this order (the CSV/JSON keys)
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_delimiter = ',',
        value_name = "A,B,C"
    )]
    pub columns: Option<Vec<String>>,
    /// Every column of a wide listing on a terminal (piped output always has every column)
    #[arg(long, global = true, help_heading = "Global options")]
    pub wide: bool,
    /// Who is acting, as recorded in the audit trail [default: the OS login name]
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "INFOGOV_ACTOR",
        value_name = "NAME"
    )]
    pub actor: Option<String>,
    /// Record this command's steps on behalf of another person (an
    /// administrator only, with --on-behalf-evidence)
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "PERSON",
        requires = "on_behalf_evidence"
    )]
    pub on_behalf_of: Option<String>,
    /// The evidence of a step recorded on behalf of another: the signed form
    /// or its scan, fingerprinted (SHA-256) in the audit trail
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "FILE"
    )]
    pub on_behalf_evidence: Option<PathBuf>,
    /// The date (or date and time) that checks and reports evaluate against,
    /// and the default date of new records; a date alone means the end of that
    /// day. The audit trail always records the real time
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "DATE",
        env = "INFOGOV_AS_OF"
    )]
    pub as_of: Option<String>,
    /// Never prompt; a missing required value is an error (prompts are also
    /// off when standard input is not a terminal)
    #[arg(long, global = true, help_heading = "Global options")]
    pub no_input: bool,
    /// Language of headers and messages [default: from the config, else the locale]
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_enum,
        env = "INFOGOV_LANG"
    )]
    pub lang: Option<Lang>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create or upgrade the register (and optionally write a config file)
    Init(init::InitArgs),
    /// Departments and their IT liaisons (信息员)
    #[command(subcommand)]
    Dept(registry::DeptCmd),
    /// People, with the role that approvals need
    #[command(subcommand)]
    Person(registry::PersonCmd),
    /// Information systems (HIS, ERP, OA ...) that backups and grading refer to
    #[command(subcommand)]
    System(registry::SystemCmd),
    /// The asset register: hardware and software
    #[command(subcommand)]
    Asset(Box<asset::AssetCmd>),
    /// Requests and approvals: plans, applications, retirements, projects
    #[command(subcommand)]
    Request(Box<request::RequestCmd>),
    /// Consumables: stock, issues to departments, quotas, the ledger (台账) and the quarterly plan
    #[command(subcommand)]
    Consumable(consumable::ConsumableCmd),
    /// Backups: policies, runs from the backup tools, restore drills, the check (BAK-1..BAK-3)
    #[command(subcommand)]
    Backup(Box<backup::BackupCmd>),
    /// Security grading (等级保护): grade, file, evaluate, self-inspect, rectify
    #[command(subcommand)]
    Grade(grade::GradeCmd),
    /// Recurring duties: meetings, reports, scans, password changes (DUT-1..DUT-5, OPS, SEC-1)
    #[command(subcommand)]
    Duty(duty::DutyCmd),
    /// Incidents: viruses, intrusions, outages, faults, violations, data lost (SEC-4, OPS-1, OPS-3, OPS-4)
    #[command(subcommand)]
    Incident(incident::IncidentCmd),
    /// The audit trail and the compliance check
    #[command(subcommand)]
    Audit(audit::AuditCmd),
    /// Build a demo register for a small hospital (a year of records), then run the compliance check
    Demo(demo::DemoArgs),
    /// Print a shell completion script (e.g. `infogov completions bash > /etc/bash_completion.d/infogov`);
    /// it completes the register's tags, departments, people, systems and items too
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff), e.g. `infogov man > /usr/local/share/man/man1/infogov.1`,
    /// or write one page per command with `--dir`
    Man(completions::ManArgs),
}

/// The command line as clap builds it from [`Cli`], with one change made
/// everywhere: an option that takes a value accepts a negative number, so
/// that `--cost -50` reaches the tool's own check ("must not be negative")
/// instead of clap's "unexpected argument '-5'".
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    negatives(Cli::command())
}

fn negatives(cmd: clap::Command) -> clap::Command {
    cmd.mut_args(|a| {
        if a.get_action().takes_values() {
            a.allow_negative_numbers(true)
        } else {
            a
        }
    })
    .mut_subcommands(negatives)
}

pub use usage::parse;

/// Parses a command line given as words.
pub fn try_parse_from<I, T>(words: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    use clap::FromArgMatches;
    let matches = command().try_get_matches_from(words)?;
    let from_env = Cli::log_actor_from_env(&matches);
    Cli::from_arg_matches(&matches).map(|cli| cli.unshadowed(from_env))
}

impl Cli {
    /// `audit log --actor NAME` filters by actor, and shares its name with
    /// the global `--actor`, so clap fills it from `INFOGOV_ACTOR` too: a
    /// shell or cron job that sets the variable saw only its own entries and
    /// took them for the whole trail. The filter is taken from the command
    /// line only.
    pub fn unshadowed(mut self, from_env: bool) -> Cli {
        if from_env && let Command::Audit(audit::AuditCmd::Log { actor, .. }) = &mut self.command {
            *actor = None;
        }
        self
    }

    /// Whether `audit log`'s actor filter was filled from `INFOGOV_ACTOR`.
    pub fn log_actor_from_env(matches: &clap::ArgMatches) -> bool {
        matches
            .subcommand_matches("audit")
            .and_then(|m| m.subcommand_matches("log"))
            .and_then(|m| m.value_source("actor"))
            == Some(clap::parser::ValueSource::EnvVariable)
    }
}

/// What every command runs with.
pub struct Ctx {
    pub global: Global,
    pub config: Config,
    pub clock: Clock,
    pub who: Actor,
    pub out: Output,
    /// May we prompt? Only with a terminal on standard input and no `--no-input`.
    pub interactive: bool,
    /// The witness file each write appends the trail's head to (none for
    /// the demo's scratch register).
    pub witness_file: Option<PathBuf>,
    /// An `audit` command: a planted trigger or view is for it to report,
    /// not a reason to refuse opening the register.
    pub inspect: bool,
}

impl Ctx {
    pub fn new(global: Global) -> Result<Ctx> {
        // The language of an error in the config itself: the flag or the locale.
        crate::i18n::set_current(global.lang.unwrap_or_else(locale_lang));
        let config = Config::load(global.config.as_deref())?;
        crate::domain::correction::set_limits(config.limits);
        // The zone comes before the clock: `--as-of 2026-11-28` ends at
        // midnight in the register's zone.
        crate::domain::time::set_zone(register_zone(&global, &config)?.0);
        crate::domain::money::set_max_yuan(config.money.max_amount);
        // Beside the per-user config file, whichever config was named: one
        // witness per user unless the config sets a shared one, so that
        // `--config` for one command does not start a second witness.
        let witness_file =
            config.audit.witness.clone().or_else(|| {
                config::default_config_path().map(|c| c.with_file_name("witness.jsonl"))
            });
        let clock = match &global.as_of {
            Some(v) => Clock::as_of(v)?,
            None => Clock::real(),
        };
        let os_user = whoami::username().unwrap_or_else(|_| "unknown".to_string());
        let command = command_line();
        let db = match (&global.db, &config.db) {
            (Some(p), _) | (None, Some(p)) => Some(p.clone()),
            (None, None) => config::default_db_path().ok(),
        };
        if let Some(a) = &global.actor
            && a.trim().is_empty()
        {
            anyhow::bail!("--actor: must not be empty");
        }
        let (resolved, refused) = match identity::resolve(
            &config,
            db.as_deref(),
            &os_user,
            global.actor.as_deref(),
            global.on_behalf_of.as_deref(),
            global.on_behalf_evidence.as_deref(),
        ) {
            Ok(r) => (r, None),
            Err(e) => (
                identity::Resolved {
                    actor: global
                        .actor
                        .as_deref()
                        .map_or_else(|| os_user.clone(), |a| a.trim().to_string()),
                    on_behalf: None,
                },
                Some(crate::one_line(&e)),
            ),
        };
        let lang = global.lang.or(config.lang).unwrap_or_else(locale_lang);
        crate::i18n::set_current(lang);
        let out = Output::new(output::Options {
            format: global.format,
            bom: global.bom,
            lang,
            output: global.output.clone(),
            columns: global.columns.clone(),
            wide: global.wide,
            organisation: config.organisation.clone(),
        })?;
        let interactive =
            !global.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        Ok(Ctx {
            who: Actor {
                actor: resolved.actor,
                os_user,
                command,
                on_behalf: resolved.on_behalf,
                refused,
            },
            global,
            config,
            clock,
            out,
            interactive,
            witness_file,
            inspect: false,
        })
    }

    /// The register path: `--db` / `INFOGOV_DB`, else the config, else the
    /// per-user data directory.
    pub fn db_path(&self) -> Result<PathBuf> {
        match (&self.global.db, &self.config.db) {
            (Some(p), _) => Ok(p.clone()),
            (None, Some(p)) => Ok(p.clone()),
            (None, None) => config::default_db_path(),
        }
    }

    /// Whether the register is the per-user default (whose folder `init`
    /// may create) rather than one named by `--db` or the config.
    pub fn db_is_default(&self) -> bool {
        self.global.db.is_none() && self.config.db.is_none()
    }

    /// Opens the existing register (read-only until the command writes).
    pub fn open(&self) -> Result<Store> {
        if self.inspect {
            return self.open_to_inspect();
        }
        let mut store = Store::open(&self.db_path()?)?;
        store.set_witness(self.witness(&store));
        Ok(store)
    }

    /// Opens the register for the commands that inspect the trail: a
    /// planted trigger is reported by `audit verify`, not refused.
    pub fn open_to_inspect(&self) -> Result<Store> {
        let mut store = Store::open_to_inspect(&self.db_path()?)?;
        store.set_witness(self.witness(&store));
        Ok(store)
    }

    /// What `audit verify` and `audit check` hold the trail to: the anchors
    /// given, the witness file's heads, the checkpoint key of the config.
    pub fn trust(
        &self,
        store: &Store,
        anchors: Vec<(i64, String)>,
    ) -> Result<crate::store::audit::Trust> {
        use crate::store::audit::{checkpoint, witness};
        let place = self.witness(store);
        let witness = match &place {
            Some(w) => Some(witness::read(&w.file, &w.register)?),
            None => None,
        };
        let mark = place.map(|w| crate::store::audit::mark::Place::beside(&w.file, w.register));
        let public_key = self
            .config
            .audit
            .public_key
            .as_deref()
            .map(|k| checkpoint::parse_public_key("audit.public_key", k))
            .transpose()?;
        Ok(crate::store::audit::Trust {
            anchors,
            witness,
            public_key,
            checkpoint_warning: Some((self.config.audit.checkpoint_warning()?, self.clock.now)),
            checkpoints: true,
            mark,
            full: false,
            full_every: Some((self.config.audit.full_every()?, self.clock.now)),
        })
    }

    /// The witness of this store: the file, and the register as its lines
    /// name it (its full path).
    pub fn witness(&self, store: &Store) -> Option<crate::store::audit::witness::Witness> {
        let file = self.witness_file.clone()?;
        let register = store
            .path()
            .canonicalize()
            .unwrap_or_else(|_| store.path().to_path_buf());
        Some(crate::store::audit::witness::Witness {
            file,
            register: register.display().to_string(),
        })
    }

    /// Today per the clock, as stored.
    pub fn today(&self) -> String {
        self.clock.as_of.to_string()
    }
}

/// Where the zone comes from, for the people who read it in a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneSource {
    Config,
    Register,
    System,
}

/// The register's time zone: the config's `timezone`, else the zone recorded
/// in the register at `init`, else the system's.
pub fn register_zone(global: &Global, config: &Config) -> Result<(chrono_tz::Tz, ZoneSource)> {
    use crate::domain::time::{parse_zone, system_zone};
    if let Some(tz) = &config.timezone {
        return Ok((parse_zone("timezone", tz)?, ZoneSource::Config));
    }
    let path = match (&global.db, &config.db) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(p)) => Some(p.clone()),
        (None, None) => config::default_db_path().ok(),
    };
    if let Some(name) = path.and_then(|p| crate::store::setting::peek_timezone(&p)) {
        let tz = parse_zone("the register's time zone", &name)?;
        return Ok((tz, ZoneSource::Register));
    }
    Ok((system_zone(), ZoneSource::System))
}

fn locale_lang() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return if v.to_ascii_lowercase().starts_with("zh") {
                Lang::Zh
            } else {
                Lang::En
            };
        }
    }
    Lang::En
}

/// The command as typed, for the audit trail (arguments with spaces quoted).
fn command_line() -> String {
    std::env::args()
        .skip(1)
        .map(|a| {
            if a.is_empty() || a.contains(|c: char| c.is_whitespace() || c == '"' || c == '\'') {
                format!("'{}'", a.replace('\'', "'\\''"))
            } else {
                a
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    let check = cli.command.check();
    match Ctx::new(cli.global) {
        Ok(mut ctx) => {
            let code = dispatch(cli.command, &mut ctx)?;
            ctx.out.commit()?;
            Ok(code)
        }
        // A check that cannot even start (a bad config file, a bad --as-of)
        // is UNKNOWN to monitoring, not a WARNING.
        Err(e) => match check {
            Some((label, nagios)) => {
                let unknown = crate::domain::findings::Severity::Unknown;
                if nagios {
                    use std::io::Write;
                    let line = format!(
                        "{label} {unknown} - {}",
                        crate::one_line(&e).replace('|', "/")
                    );
                    let _ = writeln!(std::io::stdout(), "{line}");
                }
                eprintln!("{}", crate::error_line(&e));
                Ok(unknown.exit_code())
            }
            None => Err(e),
        },
    }
}

impl Command {
    /// For a check command: its Nagios label and whether `--nagios` was given.
    pub fn check(&self) -> Option<(&'static str, bool)> {
        match self {
            Command::Asset(cmd) => match &**cmd {
                asset::AssetCmd::Check { nagios } => Some(("ASSET", *nagios)),
                asset::AssetCmd::Software(software::SoftwareCmd::Check { nagios, .. }) => {
                    Some(("SOFTWARE", *nagios))
                }
                _ => None,
            },
            Command::Audit(audit::AuditCmd::Check { nagios, .. }) => Some(("COMPLIANCE", *nagios)),
            Command::Audit(audit::AuditCmd::Verify { .. }) => Some(("AUDIT", false)),
            Command::Backup(cmd) => match &**cmd {
                backup::BackupCmd::Check { nagios, .. } => Some(("BACKUP", *nagios)),
                _ => None,
            },
            Command::Consumable(consumable::ConsumableCmd::Check { nagios }) => {
                Some(("CONSUMABLE", *nagios))
            }
            Command::Duty(duty::DutyCmd::Check { nagios }) => Some(("DUTY", *nagios)),
            Command::Grade(grade::GradeCmd::Check { nagios }) => Some(("GRADE", *nagios)),
            Command::Request(cmd) => match &**cmd {
                request::RequestCmd::Check { nagios } => Some(("REQUEST", *nagios)),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Runs one command with a prepared context.
pub fn dispatch(command: Command, ctx: &mut Ctx) -> Result<u8> {
    let ctx = &mut *ctx;
    match command {
        Command::Init(args) => init::run(args, ctx),
        Command::Dept(cmd) => cmd.run(ctx),
        Command::Person(cmd) => cmd.run(ctx),
        Command::System(cmd) => cmd.run(ctx),
        Command::Asset(cmd) => cmd.run(ctx),
        Command::Request(cmd) => cmd.run(ctx),
        Command::Consumable(cmd) => cmd.run(ctx),
        Command::Grade(cmd) => cmd.run(ctx),
        Command::Duty(cmd) => cmd.run(ctx),
        Command::Incident(cmd) => cmd.run(ctx),
        Command::Audit(cmd) => {
            ctx.inspect = true;
            cmd.run(ctx)
        }
        Command::Demo(args) => demo::run(args, ctx),
        Command::Completions(args) => completions::completions(args, ctx),
        Command::Man(args) => completions::man(args, ctx),
        Command::Backup(cmd) => cmd.run(ctx),
    }
}

/// Runs a check and renders its findings; the exit code follows Nagios.
/// A check that cannot be carried out at all (say, the register is missing
/// or unreadable) is UNKNOWN, exit 3, so monitoring tells it from a finding.
pub fn run_check(
    ctx: &mut Ctx,
    label: &str,
    nagios: bool,
    check: impl FnOnce(&Ctx, &Store) -> Result<Vec<crate::domain::findings::Finding>>,
) -> Result<u8> {
    let result = ctx.open().and_then(|store| check(ctx, &store));
    match result {
        Ok(mut findings) => {
            // Monitoring reads the exit code: a reader that closed the pipe
            // early (`audit check --nagios | head -1`) must not turn a
            // CRITICAL into success, as the quiet broken-pipe rule would.
            let code = crate::domain::findings::exit_code(&findings);
            match ctx.out.findings(label, &mut findings, nagios) {
                Err(e) if crate::is_broken_pipe(&e) => Ok(code),
                other => other,
            }
        }
        Err(e) => {
            let unknown = crate::domain::findings::Severity::Unknown;
            if nagios {
                ctx.out.text(&format!(
                    "{label} {unknown} - {}\n",
                    crate::one_line(&e).replace('|', "/")
                ))?;
            }
            eprintln!("{}", crate::error_line(&e));
            Ok(unknown.exit_code())
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_well_formed() {
        super::command().debug_assert();
    }
}
