//! The verified point: how far the chain was last verified, and when every
//! table was last compared with the trail, kept outside the register.
//!
//! The daily `audit check` walks the chain only from this point on and
//! compares only the rows the newer entries touch; the full comparison runs
//! when `audit verify --full` asks for it (or there is no usable mark). The
//! mark lives beside the witness file (`witness.jsonl` gives
//! `witness.verified.json`), for the same reason the witness does: someone
//! who can rewrite the register but not that folder cannot move the mark
//! to cover a rewritten past. The mark is itself held to the chain: the
//! entry it names must still carry the hash it names.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// Where a register's mark is kept: the file, and the register by its full
/// path (one file serves every register its witness file serves).
#[derive(Debug, Clone)]
pub struct Place {
    pub file: PathBuf,
    pub register: String,
}

impl Place {
    /// The mark file beside a witness file: `witness.jsonl` gives
    /// `witness.verified.json`.
    pub fn beside(witness: &Path, register: String) -> Place {
        let stem = witness
            .file_stem()
            .map_or_else(|| "witness".into(), |s| s.to_string_lossy().into_owned());
        Place {
            file: witness.with_file_name(format!("{stem}.verified.json")),
            register,
        }
    }
}

/// An entry the chain was verified up to, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Point {
    pub seq: i64,
    pub hash: String,
    pub at: String,
    /// The largest rowid of each audited table then: the next daily check
    /// reads the rows above it, so a row inserted behind the tool's back is
    /// named the next day.
    #[serde(default)]
    pub rows: BTreeMap<String, i64>,
}

/// The last comparison of every table with the trail: when (real time), up
/// to which entry, and how many CRITICAL findings it made (0 is clean).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Full {
    pub at: String,
    pub seq: i64,
    pub critical: usize,
}

/// What the mark file says about one register.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<Point>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full: Option<Full>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct MarkFile {
    registers: BTreeMap<String, State>,
}

/// The file as read: an absent file is empty; a damaged one is reported by
/// the caller, and treated as empty (the check then compares everything).
fn read_file(file: &Path) -> Result<std::result::Result<MarkFile, String>> {
    match std::fs::read_to_string(file) {
        Ok(text) => Ok(serde_json::from_str(&text).map_err(|e| e.to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Ok(MarkFile::default())),
        Err(e) => Err(e).with_context(|| format!("reading the verified point {}", file.display())),
    }
}

/// The register's state, or why the file could not be read.
pub fn read(place: &Place) -> Result<std::result::Result<State, String>> {
    Ok(
        read_file(&place.file)?
            .map(|mut f| f.registers.remove(&place.register).unwrap_or_default()),
    )
}

/// Records a verification. The file is read again just before it is
/// replaced, and the newer of each half is kept, so that a daily check
/// finishing after a concurrent full comparison does not undo its record.
/// Written to a temporary file and renamed: a reader never sees half a file.
pub fn record(place: &Place, new: &State) -> Result<()> {
    let mut all = read_file(&place.file)?.unwrap_or_default();
    let state = all.registers.entry(place.register.clone()).or_default();
    if let Some(v) = &new.verified
        && state.verified.as_ref().is_none_or(|old| old.seq <= v.seq)
    {
        state.verified = Some(v.clone());
    }
    if let Some(f) = &new.full
        && state.full.as_ref().is_none_or(|old| old.at <= f.at)
    {
        state.full = Some(f.clone());
    }
    let text = serde_json::to_string_pretty(&all)? + "\n";
    if let Some(dir) = place.file.parent()
        && !dir.as_os_str().is_empty()
        && !dir.exists()
    {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating the folder {}", dir.display()))?;
    }
    let tmp = place
        .file
        .with_extension(format!("tmp{}", std::process::id()));
    let written =
        write_private(&tmp, text.as_bytes()).and_then(|()| std::fs::rename(&tmp, &place.file));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written.with_context(|| format!("writing the verified point {}", place.file.display()))
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_keeps_the_newer_half_of_each() {
        let dir = tempfile::tempdir().unwrap();
        let place = Place::beside(&dir.path().join("witness.jsonl"), "/r.db".into());
        assert_eq!(place.file, dir.path().join("witness.verified.json"));
        assert_eq!(read(&place).unwrap().unwrap(), State::default());
        let point = |seq| Point {
            seq,
            hash: "h".into(),
            at: "t".into(),
            rows: BTreeMap::new(),
        };
        let full = |at: &str| Full {
            at: at.into(),
            seq: 1,
            critical: 0,
        };
        record(
            &place,
            &State {
                verified: Some(point(5)),
                full: Some(full("2026-12-01T10:00:00Z")),
            },
        )
        .unwrap();
        // An older verification finishing later changes neither half.
        record(
            &place,
            &State {
                verified: Some(point(3)),
                full: Some(full("2026-11-01T10:00:00Z")),
            },
        )
        .unwrap();
        let s = read(&place).unwrap().unwrap();
        assert_eq!(s.verified.unwrap().seq, 5);
        assert_eq!(s.full.unwrap().at, "2026-12-01T10:00:00Z");
        // Another register in the same file is another state.
        let other = Place {
            register: "/other.db".into(),
            ..place.clone()
        };
        assert_eq!(read(&other).unwrap().unwrap(), State::default());
        std::fs::write(&place.file, "{not json").unwrap();
        assert!(read(&place).unwrap().is_err());
    }
}
