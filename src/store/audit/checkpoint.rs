//! Signed checkpoints, after Certificate Transparency (RFC 6962/9162): the
//! head of the trail (seq, hash, time) signed with an Ed25519 key kept
//! outside the register. Someone who can write the register file can
//! recompute every hash of the chain, but cannot sign: a forged or rewritten
//! entry at or before a checkpoint contradicts its signature, and one after
//! the newest checkpoint is reported as "not yet checkpointed".

use std::path::Path;

use anyhow::{Context, Result, bail};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use rusqlite::{Connection, params};

use super::chain::hex;

/// A stored checkpoint.
#[derive(Debug, Clone)]
pub struct Checkpoint {
    pub seq: i64,
    pub hash: String,
    pub at: String,
    pub signature: String,
}

/// The text that is signed: versioned, one field a line, so no other
/// document of this tool can be mistaken for a checkpoint.
pub fn message(seq: i64, hash: &str, at: &str) -> String {
    format!("infogov checkpoint v1\nseq {seq}\nhash {hash}\nat {at}\n")
}

/// `len` bytes from their hex, either case, blanks around it allowed.
pub(super) fn unhex(field: &str, text: &str, len: usize) -> Result<Vec<u8>> {
    let t = text.trim();
    let bad = || anyhow::anyhow!("{field}: not {len} bytes of hex");
    if t.len() != len * 2 || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    (0..len)
        .map(|i| u8::from_str_radix(&t[2 * i..2 * i + 2], 16).map_err(|_| bad()))
        .collect()
}

/// Parses the configured public key (64 hex digits).
pub fn parse_public_key(field: &str, text: &str) -> Result<VerifyingKey> {
    let bytes: [u8; 32] = unhex(field, text, 32)?
        .try_into()
        .map_err(|_| anyhow::anyhow!("{field}: not 32 bytes"))?;
    VerifyingKey::from_bytes(&bytes)
        .map_err(|_| anyhow::anyhow!("{field}: {:?} is not an Ed25519 public key", text.trim()))
}

pub fn public_key_hex(key: &VerifyingKey) -> String {
    hex(&key.to_bytes())
}

/// Makes a new key: the secret half (hex, one line) is written to `path`
/// with mode 0600 and never over an existing file; the public half returns.
pub fn keygen(path: &Path) -> Result<VerifyingKey> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("no random numbers: {e}"))?;
    let key = SigningKey::from_bytes(&seed);
    write_secret(path, &format!("{}\n", hex(&seed)))?;
    Ok(key.verifying_key())
}

#[cfg(unix)]
fn write_secret(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| {
            format!(
                "--out: cannot create {} (an existing key is never overwritten)",
                path.display()
            )
        })?;
    f.write_all(text.as_bytes())
        .and_then(|()| f.sync_all())
        .with_context(|| format!("--out: cannot write {}", path.display()))
}

#[cfg(not(unix))]
fn write_secret(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| {
            format!(
                "--out: cannot create {} (an existing key is never overwritten)",
                path.display()
            )
        })?;
    f.write_all(text.as_bytes())
        .with_context(|| format!("--out: cannot write {}", path.display()))
}

/// Reads a secret key file as `audit keygen` writes it.
pub fn read_key(path: &Path) -> Result<SigningKey> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("--key: cannot read {}", path.display()))?;
    let seed: [u8; 32] = unhex("--key", &text, 32)
        .with_context(|| {
            format!(
                "--key: {} is not a key made by `infogov audit keygen`",
                path.display()
            )
        })?
        .try_into()
        .map_err(|_| anyhow::anyhow!("--key: not 32 bytes"))?;
    Ok(SigningKey::from_bytes(&seed))
}

pub fn sign(key: &SigningKey, seq: i64, hash: &str, at: &str) -> String {
    hex(&key.sign(message(seq, hash, at).as_bytes()).to_bytes())
}

/// Whether `signature` is `key`'s signature of this head.
pub fn verifies(key: &VerifyingKey, seq: i64, hash: &str, at: &str, signature: &str) -> bool {
    let Ok(bytes) = unhex("signature", signature, 64) else {
        return false;
    };
    let Ok(sig) = Signature::from_slice(&bytes) else {
        return false;
    };
    key.verify_strict(message(seq, hash, at).as_bytes(), &sig)
        .is_ok()
}

/// Stores a checkpoint. The table is part of the trail, like `audit_log`:
/// its rows prove themselves by their signatures, so storing one appends no
/// audit entry (which would leave every checkpoint one entry behind).
pub fn store(conn: &Connection, c: &Checkpoint, public_key: &str) -> Result<()> {
    let n = conn
        .execute(
            "INSERT INTO audit_checkpoint (seq, hash, at, signature, public_key) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (seq) DO NOTHING",
            params![c.seq, c.hash, c.at, c.signature, public_key],
        )
        .context("storing the checkpoint")?;
    if n == 0 {
        bail!(
            "entry {} is already checkpointed; nothing was signed",
            c.seq
        );
    }
    Ok(())
}

/// Every stored checkpoint, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<Checkpoint>> {
    let mut stmt = conn
        .prepare("SELECT seq, hash, at, signature FROM audit_checkpoint ORDER BY seq")
        .context("reading the checkpoints")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Checkpoint {
                seq: r.get(0)?,
                hash: r.get(1)?,
                at: r.get(2)?,
                signature: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()
        .context("reading the checkpoints")?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_for_its_head() {
        let key = SigningKey::from_bytes(&[7u8; 32]);
        let public = key.verifying_key();
        let h = "ab".repeat(32);
        let sig = sign(&key, 5, &h, "2026-11-28T10:00:00Z");
        assert!(verifies(&public, 5, &h, "2026-11-28T10:00:00Z", &sig));
        assert!(!verifies(&public, 6, &h, "2026-11-28T10:00:00Z", &sig));
        assert!(!verifies(
            &public,
            5,
            &"cd".repeat(32),
            "2026-11-28T10:00:00Z",
            &sig
        ));
        assert!(!verifies(&public, 5, &h, "2026-11-28T10:00:01Z", &sig));
        assert!(!verifies(&public, 5, &h, "2026-11-28T10:00:00Z", "00"));
        let other = SigningKey::from_bytes(&[8u8; 32]).verifying_key();
        assert!(!verifies(&other, 5, &h, "2026-11-28T10:00:00Z", &sig));
        let parsed = parse_public_key("k", &public_key_hex(&public)).unwrap();
        assert_eq!(parsed, public);
        assert!(parse_public_key("k", "zz").is_err());
    }
}
