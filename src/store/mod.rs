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
pub mod identity;
pub mod incident;
pub mod life;
pub mod migrate;
pub mod placement;
pub mod registry;
pub mod report;
pub mod request;
pub mod security;
pub mod setting;
pub mod software;
pub mod stocktake;
mod sum;

use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a command waits for another holding the register's write lock.
const BUSY_WAIT: Duration = Duration::from_secs(30);

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use audit::{Actor, Audited, Tx};

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Opened read-write. A store is opened read-only and reopened for
    /// writing by the first [`Store::write`], so that a command that only
    /// reads never alters the file: no WAL switch, no header write, no
    /// checkpoint (a backup copy keeps matching its checksum).
    writable: bool,
    /// Where each committed write appends the new head of the trail.
    witness: Option<audit::witness::Witness>,
}

impl Store {
    /// Opens an existing register for reading, upgrading its schema first
    /// if it is older than this binary (which needs a writable file). A
    /// missing file is an error rather than a new empty register, so that a
    /// mistyped `--db` cannot split the records in two. A register holding a
    /// trigger, view or index this binary did not create is refused.
    pub fn open(path: &Path) -> Result<Store> {
        let store = Store::open_to_inspect(path)?;
        if let Some(object) = audit::planted(&store.conn)? {
            bail!(
                "--db: {} holds a {object} that infogov did not create (planted behind the tool's back); refusing to use it; `infogov audit verify` names every such change",
                path.display()
            );
        }
        Ok(store)
    }

    /// As [`Store::open`], but a planted schema object is left for
    /// `audit verify` to report rather than refused: the commands that
    /// inspect the trail must work on a tampered register.
    pub fn open_to_inspect(path: &Path) -> Result<Store> {
        if !path.exists() {
            bail!(
                "--db: the register {} does not exist; create it with `infogov init`",
                path.display()
            );
        }
        let conn = open_read_only(path)?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .with_context(|| format!("--db: {} is not an infogov register", path.display()))?;
        if version != 0 && version < migrate::SCHEMA_VERSION {
            // An older register is upgraded in place, which is a write.
            drop(conn);
            if let Some(why) = read_only_reason(path) {
                bail!(
                    "--db: the register {} has schema version {version} and this infogov needs {}; it cannot be upgraded because {why}",
                    path.display(),
                    migrate::SCHEMA_VERSION
                );
            }
            return Store::connect(path, false);
        }
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA cache_size = -49152;")
            .context("setting connection pragmas")?;
        register_sql(&conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            writable: false,
            witness: None,
        })
    }

    /// Creates the register if it does not exist (mode 0600: it names people
    /// and holds the audit trail) and brings its schema up to date.
    /// Returns the store and whether the file was created. The parent folder
    /// is created only when `create_dir` (the default data directory): a
    /// `--db` in a folder that does not exist is more likely a typo.
    pub fn create_or_open(path: &Path, create_dir: bool) -> Result<(Store, bool)> {
        let created = match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => bail!(
                "--db: {} is not a regular file; a register is a file of its own",
                path.display()
            ),
            // An empty file (e.g. made by `touch`) becomes the register, and
            // private like one this command creates.
            Ok(meta) if meta.len() == 0 => {
                make_private(path)?;
                true
            }
            Ok(_) => false,
            Err(_) => {
                if let Some(dir) = path.parent()
                    && !dir.as_os_str().is_empty()
                    && !dir.exists()
                {
                    if !create_dir {
                        bail!(
                            "--db: the folder {} does not exist; create it first (only the default data folder is created)",
                            dir.display()
                        );
                    }
                    std::fs::create_dir_all(dir).with_context(|| {
                        format!("--db: cannot create the directory {}", dir.display())
                    })?;
                }
                // Several `init`s at once: one creates the file, the others
                // find it and wait for its schema (see migrate::migrate).
                create_private_file(path)?
            }
        };
        Ok((Store::connect(path, true)?, created))
    }

    /// Opens the file, checks it is an infogov register (or, with `create`,
    /// an empty file to make one of) before changing anything in it, then
    /// sets the pragmas and brings the schema up to date.
    fn connect(path: &Path, create: bool) -> Result<Store> {
        if let Some(why) = read_only_reason(path) {
            bail!(
                "--db: the register {} is read-only ({why}); this command changes it",
                path.display()
            );
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("--db: cannot open {}", path.display()))?;
        // Another process (cron recording a backup while the officer registers
        // assets) may hold the write lock for a moment: wait rather than fail.
        conn.busy_timeout(BUSY_WAIT)
            .context("setting the busy timeout")?;
        register_sql(&conn)?;
        // Recognise the file before the first change to it: switching another
        // program's database to WAL would alter it even as it is refused.
        until_not_busy(|| migrate::recognise(&conn, path, create))?;
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            bail!(
                "--db: the register {} is read-only; this command changes it",
                path.display()
            );
        }
        let not_register = || format!("--db: {} is not an infogov register", path.display());
        let mode: String = until_not_busy(|| {
            conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                .map_err(|e| read_only_error(e, path))
                .with_context(not_register)
        })?;
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
            writable: true,
            witness: None,
        };
        let was = migrate::migrate(&mut store.conn, path)?;
        if (1..11).contains(&was) {
            // Migration 11 rewrote the trail into about a third of its pages;
            // the file shrinks only when rebuilt. Best effort: a register
            // that cannot be rebuilt now (no room for the copy VACUUM makes)
            // is whole, and later writes reuse the free pages.
            let _ = store.conn.execute_batch("VACUUM;");
        }
        Ok(store)
    }

    /// Names the witness file each committed write appends its head to.
    pub fn set_witness(&mut self, witness: Option<audit::witness::Witness>) {
        self.witness = witness;
    }

    pub fn witness(&self) -> Option<&audit::witness::Witness> {
        self.witness.as_ref()
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
        if !self.writable {
            let mut rw = Store::connect(&self.path, false)?;
            rw.witness = self.witness.take();
            *self = rw;
        }
        // Checked again on the writable connection: a trigger planted since
        // the register was opened would fire inside this very transaction.
        if let Some(object) = audit::planted(&self.conn)? {
            bail!(
                "--db: {} holds a {object} that infogov did not create (planted behind the tool's back); refusing to write",
                self.path.display()
            );
        }
        let witness = self.witness.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .context("starting a write transaction on the register")?;
        Tx::begin(tx, who, witness)
    }
}

/// Opens the register read-only. A register in WAL mode needs its `-shm`
/// file; in a folder this user cannot write (a read-only mount, an
/// inspector's copy) SQLite cannot create it, and the register is opened as
/// immutable instead: nobody can be writing where nobody may write.
fn open_read_only(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let cannot = || format!("--db: cannot open {}", path.display());
    let conn = Connection::open_with_flags(path, flags).with_context(cannot)?;
    conn.busy_timeout(BUSY_WAIT)
        .context("setting the busy timeout")?;
    if conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })
        .is_ok()
    {
        migrate::recognise(&conn, path, false)?;
        return Ok(conn);
    }
    drop(conn);
    let conn = Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)
        .with_context(cannot)?;
    migrate::recognise(&conn, path, false)?;
    Ok(conn)
}

/// `file:PATH?immutable=1`, with the characters a URI gives meaning to escaped.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'%' | b'?' | b'#' => uri.push_str(&format!("%{b:02X}")),
            _ => uri.push(b as char),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Why the register cannot be written, if it cannot. The permission bits
/// count even for root: a copy made read-only (0444, or in a 0555 folder)
/// is evidence, and infogov does not write to it though root could.
fn read_only_reason(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.permissions().readonly() {
        return Some("the file is not writable".to_string());
    }
    if let Err(e) = std::fs::OpenOptions::new().write(true).open(path)
        && e.kind() == std::io::ErrorKind::PermissionDenied
    {
        return Some("the file is not writable".to_string());
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if std::fs::metadata(dir).is_ok_and(|m| m.permissions().readonly()) {
        return Some(format!("its folder {} is not writable", dir.display()));
    }
    None
}

/// A write refused by the file system reads as what it is.
/// Runs `step` again while SQLite answers "database is locked" without
/// waiting, for as long as the busy timeout would have waited. Switching a
/// new file to WAL, and reading it while another `init` does, can return
/// SQLITE_BUSY without calling the busy handler (SQLite gives up at once
/// where waiting could deadlock); of several `init`s started together, one
/// failed about once in 160 before this.
fn until_not_busy<T>(mut step: impl FnMut() -> Result<T>) -> Result<T> {
    let deadline = std::time::Instant::now() + BUSY_WAIT;
    loop {
        match step() {
            Err(e) if is_busy(&e) && std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

fn is_busy(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<rusqlite::Error>(),
            Some(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::DatabaseBusy
                    || f.code == rusqlite::ErrorCode::DatabaseLocked
        )
    })
}

fn read_only_error(e: rusqlite::Error, path: &Path) -> anyhow::Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen) => anyhow::anyhow!(
            "the register {} is read-only (or its folder is); this command changes it",
            path.display()
        ),
        _ => e.into(),
    }
}

/// Creates the file; returns false if another process created it first.
#[cfg(unix)]
fn create_private_file(path: &Path) -> Result<bool> {
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e).with_context(|| format!("--db: cannot create {}", path.display())),
    }
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
fn create_private_file(path: &Path) -> Result<bool> {
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e).with_context(|| format!("--db: cannot create {}", path.display())),
    }
}

/// Registers on a connection what the store's queries name: `COLLATE
/// pinyin` (names sort by pinyin, as Chinese users expect; see
/// [`crate::domain::collate`]) and `checked_sum()`. They live on the
/// connection, not in the schema, so the register stays readable by any
/// SQLite tool; every connection to a register, read-only ones included,
/// goes through here.
pub fn register_sql(conn: &Connection) -> Result<()> {
    conn.create_collation("pinyin", crate::domain::collate::pinyin_cmp)
        .context("registering the pinyin collation")?;
    sum::register(conn).context("registering the register's SQL functions")
}

/// Reads an optional text column.
pub fn opt_text(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Option<String>> {
    row.get(idx)
}
