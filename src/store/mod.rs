//! The one owner of the SQLite connection: opening, pragmas, the schema and
//! its migrations, and the audited write transaction every change goes through.
//! The SQL of each area lives in a submodule named after it.

pub mod asset;
pub mod asset_import;
pub mod audit;
pub mod backup;
pub mod consumable;
pub mod correction;
pub mod duty;
pub mod grading;
pub mod life;
pub mod migrate;
pub mod placement;
pub mod registry;
pub mod report;
pub mod request;
pub mod setting;
pub mod software;
pub mod stocktake;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use audit::{Actor, Audited, Tx};

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens an existing register, upgrading its schema if it is older than
    /// this binary. A missing file is an error rather than a new empty
    /// register, so that a mistyped `--db` cannot split the records in two.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.exists() {
            bail!(
                "--db: the register {} does not exist; create it with `infogov init`",
                path.display()
            );
        }
        Store::connect(path, false)
    }

    /// Creates the register if it does not exist (mode 0600: it names people
    /// and holds the audit trail) and brings its schema up to date.
    /// Returns the store and whether the file was created.
    pub fn create_or_open(path: &Path) -> Result<(Store, bool)> {
        let empty = path.exists() && std::fs::metadata(path).is_ok_and(|m| m.len() == 0);
        let created = if empty {
            // An empty file (e.g. made by `touch`) becomes the register, and
            // private like one this command creates.
            make_private(path)?;
            true
        } else if path.exists() {
            false
        } else {
            if let Some(dir) = path.parent()
                && !dir.as_os_str().is_empty()
            {
                std::fs::create_dir_all(dir).with_context(|| {
                    format!("--db: cannot create the directory {}", dir.display())
                })?;
            }
            create_private_file(path)?;
            true
        };
        Ok((Store::connect(path, true)?, created))
    }

    /// Opens the file, checks it is an infogov register (or, with `create`,
    /// an empty file to make one of) before changing anything in it, then
    /// sets the pragmas and brings the schema up to date.
    fn connect(path: &Path, create: bool) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("--db: cannot open {}", path.display()))?;
        // Another process (cron recording a backup while the officer registers
        // assets) may hold the write lock for a moment: wait rather than fail.
        conn.busy_timeout(Duration::from_secs(30))
            .context("setting the busy timeout")?;
        register_collations(&conn)?;
        // Recognise the file before the first change to it: switching another
        // program's database to WAL would alter it even as it is refused.
        migrate::recognise(&conn, path, create)?;
        let not_register = || format!("--db: {} is not an infogov register", path.display());
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .with_context(not_register)?;
        if !mode.eq_ignore_ascii_case("wal") {
            bail!(
                "--db: {} cannot use write-ahead logging (journal mode {mode})",
                path.display()
            );
        }
        // WAL with synchronous=FULL: a committed change survives a power cut,
        // which matters more for an audit register than a few milliseconds.
        // A 48 MB page cache keeps a large import's index pages in memory
        // instead of spilling them to the WAL mid-transaction (the default 2 MB
        // made a 100,000-row import spend most of its time in pwrite), while
        // a million-row import still stays well under 100 MB.
        conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -49152;",
        )
        .context("setting connection pragmas")?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        migrate::migrate(&mut store.conn, path)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Starts a write. IMMEDIATE takes the write lock up front, so two
    /// writers queue on the busy timeout instead of one failing with
    /// SQLITE_BUSY when it upgrades a read lock mid-transaction.
    pub fn write<'a>(&'a mut self, who: &'a Actor) -> Result<Tx<'a>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .context("starting a write transaction on the register")?;
        Tx::begin(tx, who)
    }
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("--db: cannot create {}", path.display()))?;
    Ok(())
}

#[cfg(unix)]
fn make_private(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        .with_context(|| format!("--db: cannot make {} private", path.display()))
}

#[cfg(not(unix))]
fn make_private(_path: &Path) -> Result<()> {
    Ok(())
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("--db: cannot create {}", path.display()))?;
    Ok(())
}

/// Registers `COLLATE pinyin` on a connection: names in listings and reports
/// sort by pinyin, as Chinese users expect (see [`crate::domain::collate`]).
/// It lives on the connection, not in the schema, so the register stays
/// readable by any SQLite tool.
pub fn register_collations(conn: &Connection) -> Result<()> {
    conn.create_collation("pinyin", crate::domain::collate::pinyin_cmp)
        .context("registering the pinyin collation")
}

/// Reads an optional text column.
pub fn opt_text(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Option<String>> {
    row.get(idx)
}
