//! `infogov backup`: policies, runs recorded or imported from the backup
//! tools, restore drills, the status and the cron-ready check (BAK-1..BAK-3),
//! and the register's own online backup.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};
use clap::{Args, Subcommand, ValueEnum};

use super::{Ctx, run_check};
use crate::domain::backup::import::{self, Options, Source};
use crate::domain::backup::{self as dom, Kind, parse_limit, parse_location};
use crate::domain::time::{format_instant, parse_instant, show_instant};
use crate::rows::Rows;
use crate::store::backup::{self as st, PolicyChange};
use crate::store::registry as reg;

#[derive(Debug, Subcommand)]
pub enum BackupCmd {
    /// Set a system's backup policy (BAK-1..BAK-3): the maximum age of the
    /// newest successful backup of each kind, of the newest off-site copy and
    /// of the newest passed restore drill; `backup policy list` lists them
    Policy(PolicyArgs),
    /// Record one backup run by hand (or from a backup job's hook)
    Record(RecordArgs),
    /// Import runs from a backup tool's own JSON output, or a CSV file;
    /// importing the same output again adds nothing
    Import(ImportArgs),
    /// Record a restore drill: a backup restored and checked (BAK-2)
    Drill {
        /// The information system
        system: String,
        /// When the drill was done: RFC 3339, 'YYYY-MM-DD HH:MM[:SS]' (local time) or epoch seconds
        #[arg(long, value_name = "DATETIME")]
        at: String,
        /// Whether the restored data was complete and usable
        #[arg(long, value_parser = ["pass", "fail"])]
        result: String,
        /// Where it was restored to (a test server, a path)
        #[arg(long, value_name = "WHERE")]
        restored_to: Option<String>,
        /// What was restored and checked
        #[arg(long)]
        note: String,
        /// The restore point: the run restored, by its backup id as `backup runs`
        /// shows it; a drill of a run no longer restorable does not count
        #[arg(long, value_name = "RUN")]
        point: Option<String>,
    },
    /// List recorded backup runs, oldest first
    Runs {
        #[arg(long)]
        system: Option<String>,
        #[arg(long, value_parser = dom::KINDS.to_vec())]
        kind: Option<String>,
        /// Only runs finished at or after this date or time
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only failed runs
        #[arg(long)]
        failed: bool,
        /// Add each run's place in its restore chain (LSNs, copy-only,
        /// pgBackRest's prior backup and WAL range) and what pgBackRest copied
        #[arg(long)]
        chain: bool,
    },
    /// Per system: the newest full, diff, log, off-site copy and drill, their
    /// ages, and the state of each against the policy
    Status {
        /// Only this system (whatever its stage)
        #[arg(long)]
        system: Option<String>,
    },
    /// Findings on every in-service system's backups; exit 0 OK, 1 WARNING,
    /// 2 CRITICAL, 3 UNKNOWN, for cron and monitoring
    Check {
        /// Only this system (whatever its stage)
        #[arg(long)]
        system: Option<String>,
        /// Print the Nagios plugin format
        #[arg(long)]
        nagios: bool,
    },
    /// Back up the register itself: an online, consistent copy (safe while
    /// others write), verified, with a .sha256 file beside it, recorded as a
    /// run of the built-in system infogov-register
    #[command(name = "self")]
    SelfBackup {
        /// The folder to write the copy to [default: backup.self_dir in the config]
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
        /// The folder is off-site (异地): record the copy as an off-site one
        #[arg(long)]
        offsite: bool,
        /// The department owning infogov-register, when the first backup creates it
        /// [default: backup.register_owner_dept, else the IT office's department]
        #[arg(long, value_name = "DEPT")]
        owner_dept: Option<String>,
    },
    /// Verify a copy of the register (integrity, audit trail, checksum file)
    /// without touching the live register
    RestoreTest {
        /// The copy, e.g. as written by `backup self`
        file: PathBuf,
    },
    /// List restore drills, oldest first, with their IDs (voided ones marked)
    Drills {
        #[arg(long)]
        system: Option<String>,
    },
    /// Void a backup run (ID as `backup runs` shows it) or, with --drill, a
    /// restore drill (`backup drills`) recorded by mistake: it stays listed,
    /// marked void, and the check no longer counts it
    Void {
        #[command(flatten)]
        args: super::correction::VoidArgs,
        /// ID is a restore drill's
        #[arg(long)]
        drill: bool,
    },
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct PolicyArgs {
    #[command(subcommand)]
    pub list: Option<PolicyList>,
    /// The information system; with no limit given, shows its policy
    #[arg(required = true)]
    pub system: Option<String>,
    /// Maximum age of the newest successful full backup, e.g. 7d ("none" clears a limit)
    #[arg(long, value_name = "AGE")]
    pub full: Option<String>,
    /// Maximum age of the newest successful differential or incremental, e.g. 1d
    #[arg(long, value_name = "AGE")]
    pub diff: Option<String>,
    /// Maximum age of the newest successful transaction-log backup, e.g. 1h
    #[arg(long, value_name = "AGE")]
    pub log: Option<String>,
    /// Maximum age of the newest successful off-site copy (异地备份), e.g. 7d
    #[arg(long, value_name = "AGE")]
    pub offsite: Option<String>,
    /// Maximum age of the newest passed restore drill, e.g. 90d or 1q
    #[arg(long, value_name = "AGE")]
    pub drill: Option<String>,
    /// How far back the oldest successful full must reach, e.g. 30d
    #[arg(long, value_name = "AGE")]
    pub retain_full: Option<String>,
    /// Added to every age limit, for jobs that start late or run long, e.g. 2h
    #[arg(long, value_name = "AGE")]
    pub grace: Option<String>,
    /// Recovery point objective: the maximum age of the newest point the data
    /// can be restored to (a full, its newest diff, unbroken logs), e.g. 15m
    #[arg(long, value_name = "AGE")]
    pub rpo: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PolicyList {
    /// List every backup policy
    List,
}

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The information system
    pub system: String,
    #[arg(long, value_parser = dom::KINDS.to_vec())]
    pub kind: String,
    /// When it finished: RFC 3339, 'YYYY-MM-DD HH:MM[:SS]' (local time) or epoch seconds
    #[arg(long, value_name = "DATETIME")]
    pub finished: String,
    /// When it started
    #[arg(long, value_name = "DATETIME")]
    pub started: Option<String>,
    #[arg(long, value_parser = dom::LOCATIONS.to_vec(), default_value = "local")]
    pub location: String,
    /// Size in bytes
    #[arg(long)]
    pub bytes: Option<u64>,
    /// The backup's checksum, as the tool reports it
    #[arg(long)]
    pub checksum: Option<String>,
    /// The tool that made it
    #[arg(long, default_value = "manual")]
    pub tool: String,
    /// The tool's id of the backup; recording the same tool and id twice is refused
    #[arg(long)]
    pub id: Option<String>,
    /// The run failed: kept as evidence, never counted as a backup
    #[arg(long)]
    pub failed: bool,
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum From {
    /// `restic snapshots --json` (also with --group-by)
    Restic,
    /// `borg list --json` or `borg info --json` (borg 1.x)
    Borg,
    /// `pgbackrest info --output=json`
    Pgbackrest,
    /// The generic CSV (see docs/backup.md)
    Csv,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The format of FILE
    #[arg(long, value_enum)]
    pub from: From,
    /// The file, or - for standard input
    pub file: String,
    /// The system the runs belong to (a CSV may name it per row instead)
    #[arg(long)]
    pub system: Option<String>,
    /// Where these backups are kept (a CSV may say it per row)
    #[arg(long, value_parser = dom::LOCATIONS.to_vec(), default_value = "local")]
    pub location: String,
    /// Only snapshots or archives made on this host (restic, borg info); comma-separated
    #[arg(long, value_delimiter = ',')]
    pub host: Vec<String>,
    /// The pgBackRest stanza, when the output holds several
    #[arg(long)]
    pub stanza: Option<String>,
    /// The pgBackRest repository number, when the backups are in several
    #[arg(long, value_name = "N")]
    pub repo: Option<i64>,
    /// What a restic snapshot or borg archive is [default: full, as each is complete]
    #[arg(long, value_parser = dom::KINDS.to_vec())]
    pub kind: Option<String>,
    /// Read and check everything, report, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// For --from csv: the file may also be GBK, or a workbook
    #[command(flatten)]
    pub table: super::table_args::TableArgs,
}

impl BackupCmd {
    pub fn run(self, ctx: &mut Ctx) -> Result<u8> {
        match self {
            BackupCmd::Policy(args) => policy(ctx, args),
            BackupCmd::Record(args) => record(ctx, args),
            BackupCmd::Import(args) => import_runs(ctx, args),
            BackupCmd::Drill {
                system,
                at,
                result,
                restored_to,
                note,
                point,
            } => {
                let at = not_future(ctx, "--at", import::parse_time("--at", &at)?)?;
                let Some(note) = clean(&note) else {
                    bail!("--note: must not be empty; say what was restored and checked");
                };
                let restored_to = restored_to.as_deref().and_then(clean);
                let mut store = ctx.open()?;
                let mut tx = store.write(&ctx.who)?;
                let sys = reg::system_id(tx.conn(), "SYSTEM", &system)?;
                let point = point
                    .as_deref()
                    .map(|p| st::point_run(tx.conn(), sys, "--point", p))
                    .transpose()?;
                let id = st::add_drill(
                    &mut tx,
                    &st::NewDrill {
                        system: sys,
                        at,
                        pass: result == "pass",
                        restored_to: restored_to.as_deref(),
                        note: &note,
                        point,
                    },
                    &format_instant(ctx.clock.now),
                )?;
                let rows = st::drill_row(tx.conn(), id)?;
                tx.commit()?;
                ctx.out.done(
                    &format!(
                        "Recorded a restore drill of {} at {}: {result}",
                        system.trim(),
                        show_instant(at)
                    ),
                    &rows,
                )?;
                Ok(0)
            }
            BackupCmd::Runs {
                system,
                kind,
                since,
                failed,
                chain,
            } => {
                let since = since
                    .map(|s| parse_instant("--since", &s).map(format_instant))
                    .transpose()?;
                let store = ctx.open()?;
                let filter = st::RunFilter {
                    system: system
                        .map(|s| reg::system_id(store.conn(), "--system", &s))
                        .transpose()?,
                    id: None,
                    kind,
                    since,
                    failed_only: failed,
                    chain,
                };
                let mut columns = st::RUN_COLUMNS.to_vec();
                if chain {
                    columns.extend_from_slice(st::CHAIN_COLUMNS);
                }
                let mut stream = ctx.out.stream(&columns)?;
                st::runs(store.conn(), &filter, &mut |row| stream.push(row))?;
                stream.finish()?;
                Ok(0)
            }
            BackupCmd::Drills { system } => {
                let store = ctx.open()?;
                let sys = system
                    .map(|s| reg::system_id(store.conn(), "--system", &s))
                    .transpose()?;
                ctx.out.rows(&st::drills(store.conn(), sys, None)?)?;
                Ok(0)
            }
            BackupCmd::Void { args, drill } => {
                use crate::domain::correction::{BACKUP_DRILL, BACKUP_RUN};
                let kind = if drill { BACKUP_DRILL } else { BACKUP_RUN };
                super::correction::void(ctx, &[kind], &args, super::correction::nothing)
            }
            BackupCmd::Status { system } => {
                let store = ctx.open()?;
                let sys = system
                    .map(|s| reg::system_id(store.conn(), "--system", &s))
                    .transpose()?;
                let rows = st::status(
                    store.conn(),
                    ctx.clock.now,
                    sys,
                    ctx.config.backup.default_grace(),
                )?;
                ctx.out.rows(&rows)?;
                Ok(0)
            }
            BackupCmd::Check { system, nagios } => {
                run_check(ctx, "BACKUP", nagios, |ctx, store| {
                    let sys = system
                        .as_deref()
                        .map(|s| reg::system_id(store.conn(), "--system", s))
                        .transpose()?;
                    st::check(
                        store.conn(),
                        ctx.clock.now,
                        sys,
                        ctx.config.backup.default_grace(),
                    )
                })
            }
            BackupCmd::SelfBackup {
                to,
                offsite,
                owner_dept,
            } => self_backup(ctx, to, offsite, owner_dept),
            BackupCmd::RestoreTest { file } => restore_test(ctx, &file),
        }
    }
}

fn clean(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A backup cannot finish, nor a drill be done, after the clock's now. This
/// is also what catches a time read in the wrong zone (8 hours ahead) before
/// it becomes a permanent record. Against the real clock a small skew is
/// allowed, since the backup host's clock and this one differ by a little;
/// a stated `--as-of` is taken exactly.
fn not_future(ctx: &Ctx, field: &str, t: DateTime<Utc>) -> Result<DateTime<Utc>> {
    if t > latest_allowed(ctx) {
        bail!(
            "{}",
            ctx.out.lang().msg(
                "time.future",
                &[
                    &field,
                    &show_instant(t),
                    &show_instant(ctx.clock.now),
                    &crate::domain::time::zone()
                ]
            )
        );
    }
    Ok(t)
}

/// The clock skew allowed between a backup host and this one.
const SKEW: chrono::TimeDelta = chrono::TimeDelta::minutes(5);

fn latest_allowed(ctx: &Ctx) -> DateTime<Utc> {
    if ctx.global.as_of.is_some() {
        ctx.clock.now
    } else {
        ctx.clock.now + SKEW
    }
}

fn policy(ctx: &mut Ctx, args: PolicyArgs) -> Result<u8> {
    let mut store = ctx.open()?;
    if args.list.is_some() {
        ctx.out.rows(&st::list_policies(store.conn(), None)?)?;
        return Ok(0);
    }
    let system = args.system.context("SYSTEM: name the information system")?;
    let opt =
        |field: &str, v: &Option<String>| v.as_deref().map(|v| parse_limit(field, v)).transpose();
    let change = PolicyChange {
        full: opt("--full", &args.full)?,
        diff: opt("--diff", &args.diff)?,
        log: opt("--log", &args.log)?,
        offsite: opt("--offsite", &args.offsite)?,
        drill: opt("--drill", &args.drill)?,
        retain_full: opt("--retain-full", &args.retain_full)?,
        grace: opt("--grace", &args.grace)?,
        rpo: opt("--rpo", &args.rpo)?,
    };
    if change.is_empty() {
        let sys = reg::system_id(store.conn(), "SYSTEM", &system)?;
        let rows = st::list_policies(store.conn(), Some(sys))?;
        if rows.rows.is_empty() {
            bail!(
                "SYSTEM: {} has no backup policy; set one, e.g. `infogov backup policy {} --full 7d --offsite 7d`",
                system.trim(),
                system.trim()
            );
        }
        ctx.out.record(&rows)?;
        return Ok(0);
    }
    let mut tx = store.write(&ctx.who)?;
    let sys = reg::system_id(tx.conn(), "SYSTEM", &system)?;
    st::set_policy(&mut tx, sys, &change, &format_instant(ctx.clock.now))?;
    let rows = st::list_policies(tx.conn(), Some(sys))?;
    tx.commit()?;
    ctx.out.done(
        &format!("Set the backup policy of {}", system.trim()),
        &rows,
    )?;
    Ok(0)
}

fn record(ctx: &mut Ctx, a: RecordArgs) -> Result<u8> {
    let finished = not_future(
        ctx,
        "--finished",
        import::parse_time("--finished", &a.finished)?,
    )?;
    let started = a
        .started
        .as_deref()
        .map(|s| import::parse_time("--started", s))
        .transpose()?;
    if let Some(s) = started
        && s > finished
    {
        bail!(
            "--started: {} is after --finished {}",
            show_instant(s),
            show_instant(finished)
        );
    }
    let Some(tool) = clean(&a.tool) else {
        bail!("--tool: must not be empty");
    };
    let id = a.id.as_deref().and_then(clean);
    let bytes = a
        .bytes
        .map(|b| i64::try_from(b).context("--bytes: too large"))
        .transpose()?;
    let run = import::Run {
        tool: tool.clone(),
        backup_id: id.clone().unwrap_or_default(),
        kind: Kind::parse("--kind", &a.kind)?,
        started,
        finished,
        bytes,
        checksum: a.checksum.as_deref().and_then(clean),
        success: !a.failed,
        note: a.note.as_deref().and_then(clean),
        system: None,
        location: None,
        origin: String::new(),
        links: import::Links::default(),
    };
    let location = parse_location("--location", &a.location)?;
    let mut store = ctx.open()?;
    let mut tx = store.write(&ctx.who)?;
    let sys = reg::system_id(tx.conn(), "SYSTEM", &a.system)?;
    if let Some(id) = &id
        && let Some((_, other)) = st::find_run(tx.conn(), &tool, id)?
    {
        bail!("--id: {tool} backup {id:?} is already recorded (for system {other})");
    }
    let new = st::NewRun {
        system: sys,
        location,
        run: &run,
        backup_id: id.as_deref(),
    };
    let rid = st::insert_run(&mut tx, &new, &format_instant(ctx.clock.now))?;
    let rows = st::run_row(tx.conn(), rid)?;
    tx.commit()?;
    ctx.out.done(
        &format!(
            "Recorded a {}{} backup of {} finished {}",
            if a.failed { "failed " } else { "" },
            a.kind,
            a.system.trim(),
            show_instant(finished)
        ),
        &rows,
    )?;
    Ok(0)
}

fn import_runs(ctx: &mut Ctx, a: ImportArgs) -> Result<u8> {
    let source = match a.from {
        From::Restic => Source::Restic,
        From::Borg => Source::Borg,
        From::Pgbackrest => Source::Pgbackrest,
        From::Csv => Source::Csv,
    };
    if source != Source::Csv && a.system.is_none() {
        bail!(
            "--system: name the information system the {} backups belong to",
            source.tool()
        );
    }
    if (a.stanza.is_some() || a.repo.is_some()) && source != Source::Pgbackrest {
        bail!("--stanza, --repo: only for --from pgbackrest");
    }
    if !a.host.is_empty() && !matches!(source, Source::Restic | Source::Borg) {
        bail!("--host: only for --from restic or borg");
    }
    if a.kind.is_some() && !matches!(source, Source::Restic | Source::Borg) {
        bail!("--kind: only for --from restic or borg; the other formats say the kind of each run");
    }
    if source != Source::Csv && a.table.any() {
        bail!("--sheet, --encoding, --map, --ignore: only for --from csv");
    }
    let opts = Options {
        location: None,
        hosts: a.host.iter().filter_map(|h| clean(h)).collect(),
        stanza: a.stanza.as_deref().and_then(clean),
        repo: a.repo,
        kind: a
            .kind
            .as_deref()
            .map(|k| Kind::parse("--kind", k))
            .transpose()?,
    };
    let location = parse_location("--location", &a.location)?;
    let opts = Options {
        location: Some(location),
        ..opts
    };
    let (name, parsed) = if source == Source::Csv {
        // CSV goes through the one tabular reader: GBK, workbooks, Chinese headers.
        let config = &ctx.config.import.backup;
        let mut table = if a.file == "-" {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("FILE: cannot read standard input")?;
            a.table.open_bytes(
                "standard input",
                bytes,
                &crate::tabular::schemas::BACKUP,
                config,
            )?
        } else {
            a.table.open(
                std::path::Path::new(&a.file),
                &crate::tabular::schemas::BACKUP,
                config,
            )?
        };
        (
            table.file().to_string(),
            import::csv_table(&mut table, &opts)?,
        )
    } else {
        let (name, text) = read_input(&a.file)?;
        let parsed = import::parse(source, &text, &name, &opts)?;
        (name, parsed)
    };
    let zone = crate::domain::time::zone();
    if let Some(r) = parsed
        .runs
        .iter()
        .find(|r| r.finished > latest_allowed(ctx))
    {
        let at = if r.origin.starts_with(&name) {
            r.origin.clone()
        } else {
            format!("{name}: {}", r.origin)
        };
        bail!(
            "{}",
            ctx.out.lang().msg(
                "import.future",
                &[
                    &at,
                    &show_instant(r.finished),
                    &show_instant(ctx.clock.now),
                    &zone
                ]
            )
        );
    }
    let mut store = ctx.open()?;
    let mut tx = store.write(&ctx.who)?;
    let sys = a
        .system
        .as_deref()
        .map(|s| reg::system_id(tx.conn(), "--system", s))
        .transpose()?;
    let summary = st::import(
        &mut tx,
        &parsed,
        &name,
        sys,
        location,
        &format_instant(ctx.clock.now),
    )?;
    let mut rows = Rows::new(&[
        "file",
        "tool",
        "system",
        "read",
        "added",
        "failed",
        "already_recorded",
        "dry_run",
    ]);
    rows.push(vec![
        name.clone().into(),
        source.tool().into(),
        a.system.clone().map(|s| s.trim().to_string()).into(),
        (parsed.runs.len() as i64).into(),
        (summary.added as i64).into(),
        (summary.failed as i64).into(),
        (summary.already as i64).into(),
        a.dry_run.into(),
    ]);
    let mut message = format!(
        "{name}: {} {} run(s) read; {} {}",
        parsed.runs.len(),
        source.tool(),
        if a.dry_run { "would add" } else { "added" },
        summary.added
    );
    if summary.failed > 0 {
        message.push_str(&format!(" ({} failed)", summary.failed));
    }
    message.push_str(&format!(", {} already recorded", summary.already));
    if summary.enriched > 0 {
        message.push_str(&format!(
            " ({} completed with what this input adds)",
            summary.enriched
        ));
    }
    // Which zone zone-less times (borg 1.x, CSV) were read in, so that an
    // import made under the wrong zone is noticed.
    message.push_str(&format!("; times without a zone read as {zone}"));
    if a.dry_run {
        drop(tx);
        message.push_str(" (dry run, nothing written)");
    } else {
        tx.commit()?;
    }
    for note in &parsed.notes {
        message.push_str(&format!("\nnote: {note}"));
    }
    ctx.out.done(&message, &rows)?;
    Ok(0)
}

/// Reads the whole input: a file, or standard input for `-`.
fn read_input(file: &str) -> Result<(String, String)> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("FILE: cannot read standard input as UTF-8 text")?;
        return Ok(("standard input".to_string(), text));
    }
    let text =
        std::fs::read_to_string(file).with_context(|| format!("FILE: cannot read {file}"))?;
    Ok((file.to_string(), text))
}

fn self_backup(
    ctx: &mut Ctx,
    to: Option<PathBuf>,
    offsite: bool,
    owner_dept: Option<String>,
) -> Result<u8> {
    let dir = match to.or_else(|| ctx.config.backup.self_dir.clone()) {
        Some(d) => d,
        None => bail!("--to: name the folder for the copy (or set backup.self_dir in the config)"),
    };
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("--to: cannot create {}", dir.display()))?;
    let dir = dir
        .canonicalize()
        .with_context(|| format!("--to: cannot resolve {}", dir.display()))?;
    remove_stale_partials(&dir);
    let mut store = ctx.open()?;
    // Resolve the owner before copying, so a bad --owner-dept fails fast.
    let owner_field = if owner_dept.is_some() {
        "--owner-dept"
    } else {
        "backup.register_owner_dept"
    };
    let owner = owner_dept
        .or_else(|| ctx.config.backup.register_owner_dept.clone())
        .map(|d| reg::dept_id(store.conn(), owner_field, &d))
        .transpose()?;
    let owner = st::register_owner(store.conn(), owner)?;

    let started = Utc::now();
    let (path, partial) = copy_names(&dir, started);
    let copied =
        st::copy_register(store.conn(), &partial).and_then(|()| st::verify_copy(&partial, "--to"));
    let report = match copied {
        Ok(r) => r,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            let _ = std::fs::remove_file(partial.with_extension("partial-journal"));
            return Err(e);
        }
    };
    std::fs::rename(&partial, &path)
        .with_context(|| format!("--to: cannot write {}", path.display()))?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let sum_path = checksum_path(&path);
    std::fs::write(&sum_path, format!("{}  {file_name}\n", report.sha256))
        .with_context(|| format!("--to: cannot write {}", sum_path.display()))?;
    // The witness file goes with the copy: restored elsewhere, the register
    // can still be held to the heads witnessed before the copy was made.
    let mut witness_note = String::new();
    if let Some(w) = ctx.witness(&store)
        && w.file.exists()
    {
        let mut to = path.as_os_str().to_owned();
        to.push(".witness.jsonl");
        let to = PathBuf::from(to);
        std::fs::copy(&w.file, &to)
            .with_context(|| format!("--to: cannot copy the witness file to {}", to.display()))?;
        witness_note = format!("; witness file copied to {}", to.display());
    }
    let finished = Utc::now();

    let location = if offsite { "offsite" } else { "local" };
    let run = import::Run {
        tool: "infogov".into(),
        backup_id: path.display().to_string(),
        kind: Kind::Full,
        started: Some(started),
        finished,
        bytes: Some(report.bytes as i64),
        checksum: Some(format!("sha256:{}", report.sha256)),
        success: true,
        note: Some(format!(
            "verified: integrity ok, audit trail ok ({} entries)",
            report.audit_entries
        )),
        system: None,
        location: None,
        origin: String::new(),
        links: import::Links::default(),
    };
    let now = format_instant(ctx.clock.now);
    let mut tx = store.write(&ctx.who)?;
    let (sys, created) = st::register_system(&mut tx, owner, &ctx.today())?;
    let rid = st::insert_run(
        &mut tx,
        &st::NewRun {
            system: sys,
            location,
            run: &run,
            backup_id: Some(&run.backup_id),
        },
        &now,
    )?;
    let rows = st::run_row(tx.conn(), rid)?;
    tx.commit()?;
    let mut message = format!(
        "Backed up the register to {} ({} bytes); verified: integrity ok, audit trail ok ({} entries); checksum in {}",
        path.display(),
        report.bytes,
        report.audit_entries,
        sum_path.display()
    );
    message.push_str(&witness_note);
    if created {
        message.push_str(&format!(
            "\nCreated the built-in system {} with a policy of a full copy every day; add an off-site limit with `infogov backup policy {} --offsite 7d`",
            dom::REGISTER_SYSTEM,
            dom::REGISTER_SYSTEM
        ));
    }
    ctx.out.done(&message, &rows)?;
    Ok(0)
}

/// Removes what killed `backup self` runs left: partial copies (and their
/// journals) older than an hour, so that a run still copying is not
/// disturbed. A partial copy was never verified, so it is no backup.
fn remove_stale_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!("{}-", dom::REGISTER_SYSTEM);
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let partial = name.ends_with(".db.partial") || name.ends_with(".db.partial-journal");
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < hour_ago);
        if name.starts_with(&prefix) && partial && old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// `infogov-register-20261128T021500Z.db` in `dir`, with `-2`, `-3` ... if
/// that name is taken; and the temporary name it is written under until it
/// has been verified.
fn copy_names(dir: &Path, at: DateTime<Utc>) -> (PathBuf, PathBuf) {
    let stamp = at.format("%Y%m%dT%H%M%SZ");
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{}-{stamp}.db", dom::REGISTER_SYSTEM)
        } else {
            format!("{}-{stamp}-{n}.db", dom::REGISTER_SYSTEM)
        };
        let path = dir.join(&name);
        let partial = dir.join(format!("{name}.partial"));
        if !path.exists() && !partial.exists() {
            return (path, partial);
        }
        n += 1;
    }
}

fn checksum_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".sha256");
    PathBuf::from(s)
}

fn restore_test(ctx: &mut Ctx, file: &Path) -> Result<u8> {
    // The checksum first: a copy changed after it was written is found
    // before anything else is read from it.
    let sum_path = checksum_path(file);
    let checksum = if file.is_file() && sum_path.exists() {
        let text = std::fs::read_to_string(&sum_path)
            .with_context(|| format!("FILE: cannot read {}", sum_path.display()))?;
        let expected = text
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let actual = st::sha256_file(file).map_err(|e| anyhow::anyhow!("FILE: {e}"))?;
        if expected != actual {
            bail!(
                "FILE: {} does not match its checksum file {} (sha256 {actual}, expected {expected:?})",
                file.display(),
                sum_path.display()
            );
        }
        "matches"
    } else {
        "absent"
    };
    let report = st::verify_copy(file, "FILE")?;
    let mut rows = Rows::new(&[
        "file",
        "bytes",
        "sha256",
        "checksum_file",
        "integrity",
        "audit_trail",
        "audit_entries",
        "newest_change",
        "schema_version",
        "systems",
        "assets",
    ]);
    rows.push(vec![
        file.display().to_string().into(),
        (report.bytes as i64).into(),
        report.sha256.into(),
        checksum.into(),
        "ok".into(),
        "ok".into(),
        report.audit_entries.into(),
        report.newest_change.into(),
        report.schema_version.into(),
        report.systems.into(),
        report.assets.into(),
    ]);
    ctx.out.record(&rows)?;
    Ok(0)
}
