//! `infogov init`: create or upgrade the register.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;

use super::Ctx;
use crate::config::{DEFAULT_CONFIG, default_config_path};
use crate::domain::time::format_instant;
use crate::rows::Rows;
use crate::store::migrate::SCHEMA_VERSION;
use crate::store::{Store, setting};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Also write a commented default config file (to PATH, or the per-user
    /// config directory); an existing file is never overwritten
    #[arg(long, value_name = "PATH", num_args = 0..=1)]
    pub write_config: Option<Option<PathBuf>>,
    /// Also seed the recurring duties the regulation names (as `infogov duty seed`);
    /// running it again adds nothing
    #[arg(long)]
    pub with_defaults: bool,
    /// The register's time zone (IANA name, e.g. Asia/Shanghai): times typed
    /// without a zone are read in it and every time shown is in it
    /// [default: the zone already recorded, else the system's]
    #[arg(long, value_name = "ZONE")]
    pub timezone: Option<String>,
    /// Name the register's first administrator (the office role), NAME@DEPT;
    /// the department is added if missing, and the OS user running `init`
    /// becomes their login
    #[arg(long, value_name = "NAME@DEPT")]
    pub admin: Option<String>,
}

pub fn run(args: InitArgs, ctx: &mut Ctx) -> Result<u8> {
    let path = ctx.db_path()?;
    // Refuse before writing anything: a config file is never overwritten.
    let config_target = match &args.write_config {
        None => None,
        Some(Some(t)) => Some(t.clone()),
        Some(None) => Some(
            default_config_path().context("--write-config: no config directory; name a file")?,
        ),
    };
    if let Some(t) = &config_target
        && t.exists()
    {
        bail!(
            "--write-config: {} already exists; not overwritten",
            t.display()
        );
    }
    let zone = args
        .timezone
        .as_deref()
        .map(|z| crate::domain::time::parse_zone("--timezone", z))
        .transpose()?;
    let (mut store, created) = Store::create_or_open(&path, ctx.db_is_default())?;
    store.set_witness(ctx.witness(&store));
    let mut lines = vec![format!(
        "{} register {} (schema version {SCHEMA_VERSION})",
        if created { "Created" } else { "Up to date:" },
        path.display()
    )];
    // Record the zone once (the system's, unless named), so that the register
    // reads the same on a machine set to another zone.
    let recorded = setting::timezone(store.conn())?;
    let wanted = match (zone, &recorded) {
        (Some(z), Some(r)) if z.name() == r => None,
        (Some(z), _) => Some(z),
        (None, None) => Some(crate::domain::time::zone()),
        (None, Some(_)) => None,
    };
    if let Some(z) = wanted {
        let mut tx = store.write(&ctx.who)?;
        setting::set_timezone(&mut tx, z.name(), &format_instant(chrono::Utc::now()))?;
        tx.commit()?;
        crate::domain::time::set_zone(z);
    }
    let zone_name = setting::timezone(store.conn())?.unwrap_or_default();
    lines.push(format!("Time zone: {zone_name}"));
    if ctx
        .config
        .timezone
        .as_deref()
        .is_some_and(|c| c != zone_name)
    {
        lines.push(format!(
            "(the config's timezone = {:?} overrides it)",
            ctx.config.timezone.as_deref().unwrap_or_default()
        ));
    }
    if let Some(admin) = &args.admin {
        let Some((name, dept)) = admin.rsplit_once('@') else {
            bail!("--admin: {admin:?} is not NAME@DEPT");
        };
        let today = ctx.today();
        let login = ctx.who.os_user.clone();
        let mut tx = store.write(&ctx.who)?;
        let existing: Option<String> = tx
            .conn()
            .query_row(
                "SELECT group_concat(name, ', ') FROM person WHERE role = 'office'",
                [],
                |r| r.get(0),
            )
            .context("reading the administrators")?;
        if let Some(who) = existing {
            bail!(
                "--admin: the register already has administrators ({who}); grant the role with `infogov person role`"
            );
        }
        let dept_id = match crate::store::registry::dept_id(tx.conn(), "--admin", dept.trim()) {
            Ok(d) => d,
            Err(_) => crate::store::registry::add_dept(&mut tx, dept, None, None, &today)?,
        };
        let person = crate::store::registry::add_person(&mut tx, name, dept_id, "office", &today)?;
        crate::store::identity::set_login(&mut tx, person, &login, &today)?;
        tx.commit()?;
        lines.push(format!(
            "{} of {} is the first administrator (office role), logging in as {login}",
            name.trim(),
            dept.trim()
        ));
    }
    if args.with_defaults {
        let every = ctx.config.duty.password_every()?;
        let mut tx = store.write(&ctx.who)?;
        let added = crate::store::duty::seed_defaults(
            &mut tx,
            ctx.clock.as_of,
            every,
            &ctx.config.security.rules()?,
        )?;
        tx.commit()?;
        lines.push(format!(
            "Seeded {} recurring duties (see `infogov duty list`)",
            added.len()
        ));
    }
    drop(store);
    if let Some(target) = config_target {
        if let Some(dir) = target.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("--write-config: cannot create {}", dir.display()))?;
        }
        std::fs::write(&target, DEFAULT_CONFIG)
            .with_context(|| format!("--write-config: cannot write {}", target.display()))?;
        lines.push(format!("Wrote the default config to {}", target.display()));
    }
    let mut rows = Rows::new(&["register", "schema_version", "created", "timezone"]);
    rows.push(vec![
        path.display().to_string().into(),
        SCHEMA_VERSION.into(),
        created.into(),
        zone_name.into(),
    ]);
    ctx.out.done(&lines.join("\n"), &rows)?;
    Ok(0)
}
