//! The register's own copy (BAK-1 for the register itself): made with
//! SQLite's online backup API, and proved restorable without touching the
//! live register.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};

use crate::store::migrate::{APPLICATION_ID, SCHEMA_VERSION};

/// Copies the live register to `dest` with SQLite's online backup API: one
/// step over all pages inside one read transaction, so the copy is a
/// consistent snapshot even while another process writes (WAL lets that
/// writer go on). The copy is then switched to a rollback journal, so that
/// it is one self-contained file.
pub fn copy_register(src: &Connection, dest: &Path) -> Result<()> {
    create_private(dest, "--to")?;
    let mut out = Connection::open(dest)
        .with_context(|| format!("--to: cannot create {}", dest.display()))?;
    {
        let backup = rusqlite::backup::Backup::new(src, &mut out)
            .context("starting the online backup of the register")?;
        let mut tries = 0;
        loop {
            use rusqlite::backup::StepResult;
            match backup.step(-1).context("copying the register")? {
                StepResult::Done => break,
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked => {
                    tries += 1;
                    if tries > 300 {
                        bail!("copying the register: it stayed locked for 30 seconds");
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
                _ => {}
            }
        }
    }
    let mode: String = out
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .context("making the copy self-contained")?;
    if !mode.eq_ignore_ascii_case("delete") {
        bail!("making the copy self-contained: journal mode stayed {mode}");
    }
    out.close()
        .map_err(|(_, e)| e)
        .context("closing the copy")?;
    Ok(())
}

#[cfg(unix)]
fn create_private(path: &Path, field: &str) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("{field}: cannot create {}", path.display()))?;
    Ok(())
}

#[cfg(not(unix))]
fn create_private(path: &Path, field: &str) -> Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("{field}: cannot create {}", path.display()))?;
    Ok(())
}

/// The SHA-256 of a file, in hex.
pub fn sha256_file(path: &Path) -> Result<String> {
    let mut f =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f
            .read(&mut buf)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// What verifying a copy found.
#[derive(Debug)]
pub struct CopyReport {
    pub bytes: u64,
    pub sha256: String,
    pub schema_version: i64,
    pub audit_entries: i64,
    pub newest_change: Option<String>,
    pub systems: i64,
    pub assets: i64,
}

/// Proves a copy restorable without touching the live register: it opens
/// read-only, is an infogov register this binary understands, passes
/// `PRAGMA integrity_check`, and its audit trail verifies (every audited row
/// as the trail says). The first problem is the error.
pub fn verify_copy(path: &Path, field: &str) -> Result<CopyReport> {
    let shown = path.display();
    let meta = std::fs::metadata(path).with_context(|| format!("{field}: cannot read {shown}"))?;
    if !meta.is_file() {
        bail!("{field}: {shown} is not a file");
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("{field}: cannot open {shown}"))?;
    let not_register = || format!("{field}: {shown} is not an infogov register");
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .with_context(not_register)?;
    if app != APPLICATION_ID {
        bail!("{}", not_register());
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        bail!(
            "{field}: {shown} has schema version {version}, newer than this infogov understands ({SCHEMA_VERSION})"
        );
    }
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()
        .with_context(|| format!("{field}: {shown}: integrity_check could not run"))?;
    if problems.first().map(String::as_str) != Some("ok") {
        bail!(
            "{field}: {shown} is damaged: integrity_check found {} problem(s), first: {}",
            problems.len(),
            problems.first().map(String::as_str).unwrap_or("")
        );
    }
    drop(stmt);
    // A copy of an older schema (made before an upgrade of infogov) is
    // proved as a restore would find it: upgraded, in a scratch copy of its
    // own, never in place.
    let scratch = (version < SCHEMA_VERSION)
        .then(|| Scratch::of(path, field))
        .transpose()?;
    let conn = match &scratch {
        Some(s) => {
            drop(conn);
            s.upgraded(field, &shown.to_string(), version)?
        }
        None => conn,
    };
    let audit = crate::store::audit::verify(&conn, &crate::store::audit::Trust::default())
        .with_context(|| format!("{field}: {shown}: the audit trail could not be read"))?;
    if let Some(first) = audit.first() {
        bail!(
            "{field}: {shown}: the audit trail does not verify ({} problem(s)); first: {} {}",
            audit.len(),
            first.subject,
            first.message
        );
    }
    let (entries, newest): (i64, Option<String>) = conn.query_row(
        "SELECT (SELECT count(*) FROM audit_entry), (SELECT max(at) FROM audit_command)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let systems: i64 = conn.query_row("SELECT count(*) FROM system", [], |r| r.get(0))?;
    let assets: i64 = conn.query_row("SELECT count(*) FROM asset", [], |r| r.get(0))?;
    conn.close()
        .map_err(|(_, e)| e)
        .context("closing the copy")?;
    Ok(CopyReport {
        bytes: meta.len(),
        sha256: sha256_file(path)?,
        schema_version: version,
        audit_entries: entries,
        newest_change: newest,
        systems,
        assets,
    })
}

/// A private copy of a register in the temporary folder, removed when
/// dropped: where an older copy is upgraded to be verified.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn of(path: &Path, field: &str) -> Result<Scratch> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let to =
            std::env::temp_dir().join(format!("infogov-verify-{}-{nanos}.db", std::process::id()));
        create_private(&to, field)?;
        let scratch = Scratch(to);
        std::fs::copy(path, &scratch.0).with_context(|| {
            format!(
                "{field}: cannot copy {} to {} to upgrade it",
                path.display(),
                scratch.0.display()
            )
        })?;
        Ok(scratch)
    }

    fn upgraded(&self, field: &str, shown: &str, version: i64) -> Result<Connection> {
        let mut conn = Connection::open(&self.0)
            .with_context(|| format!("{field}: cannot open a copy of {shown} to upgrade it"))?;
        crate::store::register_sql(&conn)?;
        crate::store::migrate::migrate(&mut conn, &self.0).with_context(|| {
            format!(
                "{field}: {shown} has schema version {version} and could not be upgraded to {SCHEMA_VERSION}"
            )
        })?;
        Ok(conn)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // Best effort: a copy left in the temporary folder is private (0600).
        let _ = std::fs::remove_file(&self.0);
        for side in ["-journal", "-wal", "-shm"] {
            let mut p = self.0.clone().into_os_string();
            p.push(side);
            let _ = std::fs::remove_file(p);
        }
    }
}
