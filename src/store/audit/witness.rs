//! The witness file: a copy of the trail's heads kept outside the register.
//!
//! Every committed write appends the new head (seq, hash, time); `audit
//! checkpoint` appends its signed head too. Someone who can rewrite the
//! register but not this file (kept elsewhere: another account, another
//! disk, a log host) cannot truncate the trail, roll the file back to an
//! older copy or rewrite its past without contradicting a head written
//! here, which `audit verify` and `audit check` compare with the chain.
//!
//! One JSON object per line; a line names the register by its full path,
//! so one file can witness several registers (a backup copy elsewhere is
//! another register and is not held to the live one's heads).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// Where a store's writes are witnessed.
#[derive(Debug, Clone)]
pub struct Witness {
    pub file: PathBuf,
    /// The register's canonical path, as its lines name it.
    pub register: String,
}

/// One witnessed head; a checkpoint also carries its signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub register: String,
    pub seq: i64,
    pub hash: String,
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// Appends one line. `O_APPEND` keeps concurrent writers' lines whole (each
/// is far below PIPE_BUF), and the data is synced before the command
/// reports success, like the register itself.
pub fn append(file: &Path, head: &Head) -> Result<()> {
    if let Some(dir) = file.parent()
        && !dir.as_os_str().is_empty()
        && !dir.exists()
    {
        std::fs::create_dir_all(dir).with_context(|| {
            format!("creating the folder of the witness file {}", dir.display())
        })?;
    }
    let mut line = serde_json::to_string(head)?;
    line.push('\n');
    let mut f = open_append(file)
        .with_context(|| format!("opening the witness file {}", file.display()))?;
    f.write_all(line.as_bytes())
        .and_then(|()| f.sync_data())
        .with_context(|| format!("writing the witness file {}", file.display()))?;
    Ok(())
}

#[cfg(unix)]
fn open_append(file: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .open(file)
}

#[cfg(not(unix))]
fn open_append(file: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(file)
}

/// What the witness file says about one register: its heads in file order,
/// and the lines that could not be read (a damaged witness is itself news).
pub struct Read {
    pub heads: Vec<Head>,
    pub bad_lines: Vec<usize>,
}

/// Reads the heads witnessed for `register`; an absent file witnesses nothing.
pub fn read(file: &Path, register: &str) -> Result<Read> {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(e).with_context(|| format!("reading the witness file {}", file.display()));
        }
    };
    let mut out = Read {
        heads: Vec::new(),
        bad_lines: Vec::new(),
    };
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Head>(line) {
            Ok(h) if h.register == register => out.heads.push(h),
            Ok(_) => {}
            Err(_) => out.bad_lines.push(i + 1),
        }
    }
    Ok(out)
}
