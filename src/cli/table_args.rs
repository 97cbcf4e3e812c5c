//! The options every tabular import shares: which sheet, which encoding,
//! and the user's own column mapping (see `crate::tabular`).

use std::path::Path;

use anyhow::Result;
use clap::Args;

use crate::config::ImportTableConfig;
use crate::tabular::{Encoding, Mapping, ReadOptions, Schema, Table};

#[derive(Debug, Clone, Default, Args)]
pub struct TableArgs {
    /// The sheet of a workbook (.xlsx, .xls, .ods) [default: the first with data]
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The encoding of a CSV file: utf-8 or gb18030 (gbk) [default: detected]
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    /// Read the column HEADER as FIELD, e.g. --map '使用科室=dept' (repeatable)
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    pub map: Vec<String>,
    /// Leave the column HEADER out of the import (repeatable)
    #[arg(long, value_name = "HEADER")]
    pub ignore: Vec<String>,
}

impl TableArgs {
    fn parts(&self, config: &ImportTableConfig) -> Result<(ReadOptions, Mapping)> {
        let opts = ReadOptions {
            sheet: self.sheet.clone(),
            encoding: self
                .encoding
                .as_deref()
                .map(|e| Encoding::parse("--encoding", e))
                .transpose()?,
        };
        let mut mapping = Mapping::default();
        mapping.command_maps(&self.map)?;
        mapping.command_ignores(&self.ignore);
        mapping.config(&config.columns, &config.ignore);
        Ok((opts, mapping))
    }

    /// Opens a file for an importer with this schema.
    pub fn open(&self, path: &Path, schema: &Schema, config: &ImportTableConfig) -> Result<Table> {
        let (opts, mapping) = self.parts(config)?;
        Table::open(path, &opts, schema, &mapping)
    }

    /// Reads a file already in memory (standard input).
    pub fn open_bytes(
        &self,
        name: &str,
        bytes: Vec<u8>,
        schema: &Schema,
        config: &ImportTableConfig,
    ) -> Result<Table> {
        let (opts, mapping) = self.parts(config)?;
        Table::from_bytes(name, bytes, &opts, schema, &mapping)
    }

    /// Whether any option was given (they mean nothing to a JSON import).
    pub fn any(&self) -> bool {
        self.sheet.is_some()
            || self.encoding.is_some()
            || !self.map.is_empty()
            || !self.ignore.is_empty()
    }
}

/// Ends a command that loads a file into the register (an antivirus console's
/// export, a software inventory): commits, or with `--dry-run` drops the
/// transaction, and says which in one message with the file's counts.
pub fn finish_load(
    out: &mut super::output::Output,
    tx: crate::store::audit::Tx<'_>,
    dry_run: bool,
    name: &str,
    counts: &str,
    rows: &crate::rows::Rows,
) -> Result<u8> {
    let message = if dry_run {
        drop(tx);
        format!("{name}: all rows are valid; would load {counts} (dry run, nothing written)")
    } else {
        tx.commit()?;
        format!("{name}: loaded {counts}")
    };
    out.done(&message, rows)?;
    Ok(0)
}
