//! Where output goes: standard output, or `--output FILE` written whole or
//! not at all (a temporary file beside it, renamed when the command has
//! succeeded), so a failed command never leaves half a workbook behind.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::i18n::Lang;

pub enum Target {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File {
        tmp: PathBuf,
        path: PathBuf,
        w: Option<BufWriter<File>>,
    },
    Sink,
}

impl Target {
    pub fn stdout() -> Target {
        Target::Stdout(BufWriter::with_capacity(64 * 1024, io::stdout().lock()))
    }

    pub fn sink() -> Target {
        Target::Sink
    }

    /// Checks the path before the command runs: its directory must exist and
    /// it must not be a directory itself.
    pub fn file(path: &Path, lang: Lang) -> Result<Target> {
        if path.as_os_str().is_empty() {
            bail!("{}", lang.msg("output.empty", &[]));
        }
        if path.is_dir() {
            bail!("{}", lang.msg("output.is_dir", &[&path.display()]));
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !dir.is_dir() {
            bail!("{}", lang.msg("output.no_dir", &[&dir.display()]));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.infogov-{}.tmp", std::process::id()));
        let f = File::create(&tmp)
            .with_context(|| format!("--output: cannot write in {}", dir.display()))?;
        Ok(Target::File {
            tmp,
            path: path.to_path_buf(),
            w: Some(BufWriter::with_capacity(64 * 1024, f)),
        })
    }

    /// Makes the file appear under its name (a no-op for standard output).
    pub fn commit(&mut self) -> Result<()> {
        if let Target::File { tmp, path, w } = self
            && let Some(mut f) = w.take()
        {
            f.flush()
                .with_context(|| format!("--output: cannot write {}", path.display()))?;
            drop(f);
            std::fs::rename(&*tmp, &*path)
                .with_context(|| format!("--output: cannot write {}", path.display()))?;
        }
        Ok(())
    }
}

impl Drop for Target {
    fn drop(&mut self) {
        if let Target::File {
            tmp, w: Some(_), ..
        } = self
        {
            let _ = std::fs::remove_file(&*tmp);
        }
    }
}

impl Write for Target {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Target::Stdout(w) => w.write(buf),
            Target::File { w: Some(w), .. } => w.write(buf),
            Target::File { w: None, .. } | Target::Sink => Ok(buf.len()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Target::Stdout(w) => w.flush(),
            Target::File { w: Some(w), .. } => w.flush(),
            Target::File { w: None, .. } | Target::Sink => Ok(()),
        }
    }
}
