//! Reading backup runs from the tools' own output, as the tools print it:
//! `restic snapshots --json` (plain or `--group-by`), `borg list --json` and
//! `borg info --json` (borg 1.x), `pgbackrest info --output=json`, and a
//! documented generic CSV. Pure parsing: every error names the file and the
//! field (a JSON path, or a CSV line and column), and nothing is written
//! until the whole input has been read.

use std::collections::BTreeSet;

use anyhow::{Result, anyhow, bail};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::Value;

use super::{Kind, parse_location};
use crate::domain::time::{INSTANT_FORMS, local_to_utc, parse_instant};

/// The formats `backup import --from` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Restic,
    Borg,
    Pgbackrest,
    Csv,
}

impl Source {
    pub fn tool(self) -> &'static str {
        match self {
            Source::Restic => "restic",
            Source::Borg => "borg",
            Source::Pgbackrest => "pgbackrest",
            Source::Csv => "csv",
        }
    }
}

/// Choices that narrow or complete what the file says.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only snapshots/archives made on these hosts (restic, borg info).
    pub hosts: Vec<String>,
    /// The pgBackRest stanza to read, when the file holds several.
    pub stanza: Option<String>,
    /// The pgBackRest repository (repo-key) to read, when backups are in several.
    pub repo: Option<i64>,
    /// The kind of a restic snapshot or borg archive [default: full].
    pub kind: Option<Kind>,
    /// The location of CSV rows that name none [default: local].
    pub location: Option<&'static str>,
}

/// One run as read from the input, before it is matched with the register.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The tool that made the backup; with `backup_id`, the natural key.
    pub tool: String,
    pub backup_id: String,
    pub kind: Kind,
    pub started: Option<DateTime<Utc>>,
    pub finished: DateTime<Utc>,
    pub bytes: Option<i64>,
    pub checksum: Option<String>,
    pub success: bool,
    pub note: Option<String>,
    /// CSV only: the system and location of this row, when it names them.
    pub system: Option<String>,
    pub location: Option<&'static str>,
    /// Where this run came from, for error messages: `[2]`, `line 3`.
    pub origin: String,
    /// Its place in a restore chain, where the tool says so.
    pub links: Links,
}

/// What a tool says about a run's place in a restore chain, and what
/// pgBackRest says it copied. All optional: a hand-made record has none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    pub first_lsn: Option<u128>,
    pub last_lsn: Option<u128>,
    pub checkpoint_lsn: Option<u128>,
    /// A differential's base: `differential_base_lsn`, else `database_backup_lsn`.
    pub base_lsn: Option<u128>,
    pub copy_only: bool,
    /// pgBackRest's `prior`, as a backup id (`STANZA/repoN/LABEL`).
    pub prior: Option<String>,
    pub wal_start: Option<String>,
    pub wal_stop: Option<String>,
    /// Why the tool's output says this run cannot be restored.
    pub unrestorable: Option<String>,
    pub copied_bytes: Option<i64>,
    pub repo_bytes: Option<i64>,
}

impl Links {
    pub fn is_empty(&self) -> bool {
        *self == Links::default()
    }
}

/// What an input held.
#[derive(Debug, Default)]
pub struct Parsed {
    pub runs: Vec<Run>,
    /// Something the user should know, e.g. that borg info named no archives.
    pub notes: Vec<String>,
}

/// Reads `text` (the whole input) in the given format. `file` names it in errors.
pub fn parse(source: Source, text: &str, file: &str, opts: &Options) -> Result<Parsed> {
    let text = text.trim_start_matches('\u{feff}');
    match source {
        Source::Csv => csv(text, file, opts),
        _ => {
            if text.trim().is_empty() {
                bail!(
                    "{file}: the input is empty; expected the JSON output of {}",
                    command(source)
                );
            }
            let v: Value = serde_json::from_str(text).map_err(|e| {
                anyhow!(
                    "{file}: not JSON (line {}, column {}: {}); expected the output of {}",
                    e.line(),
                    e.column(),
                    e.to_string().split(" at line").next().unwrap_or_default(),
                    command(source)
                )
            })?;
            let top = Node {
                v: &v,
                path: String::new(),
                file,
            };
            match source {
                Source::Restic => restic(top, opts),
                Source::Borg => borg(top, opts),
                Source::Pgbackrest => pgbackrest(top, opts),
                Source::Csv => unreachable!(),
            }
        }
    }
}

fn command(source: Source) -> &'static str {
    match source {
        Source::Restic => "`restic snapshots --json`",
        Source::Borg => "`borg list --json` or `borg info --json`",
        Source::Pgbackrest => "`pgbackrest info --output=json`",
        Source::Csv => "a CSV file",
    }
}

/// A JSON value and where it is (`[0].snapshots[2].time`), so that every
/// error can name the file and the field.
struct Node<'a> {
    v: &'a Value,
    path: String,
    file: &'a str,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<'a> Node<'a> {
    fn at(&self) -> String {
        if self.path.is_empty() {
            "the top level".to_string()
        } else {
            self.path.clone()
        }
    }

    fn err(&self, what: &str) -> anyhow::Error {
        anyhow!("{}: {}: {what}", self.file, self.at())
    }

    fn expected(&self, what: &str) -> anyhow::Error {
        self.err(&format!("expected {what}, found {}", type_name(self.v)))
    }

    fn child(&self, v: &'a Value, seg: String) -> Node<'a> {
        Node {
            v,
            path: seg,
            file: self.file,
        }
    }

    fn opt(&self, name: &str) -> Option<Node<'a>> {
        match self.v.get(name) {
            None | Some(Value::Null) => None,
            Some(v) => Some(self.child(v, self.join(name))),
        }
    }

    fn join(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.path)
        }
    }

    fn field(&self, name: &str) -> Result<Node<'a>> {
        self.opt(name).ok_or_else(|| {
            anyhow!(
                "{}: {}: missing (expected a field {name:?})",
                self.file,
                self.join(name)
            )
        })
    }

    fn array(&self) -> Result<Vec<Node<'a>>> {
        match self.v {
            Value::Array(items) => Ok(items
                .iter()
                .enumerate()
                .map(|(i, v)| self.child(v, format!("{}[{i}]", self.path)))
                .collect()),
            _ => Err(self.expected("an array")),
        }
    }

    fn object(&self) -> Result<()> {
        match self.v {
            Value::Object(_) => Ok(()),
            _ => Err(self.expected("an object")),
        }
    }

    fn text(&self) -> Result<&'a str> {
        match self.v {
            Value::String(s) if !s.trim().is_empty() => Ok(s.as_str()),
            Value::String(_) => Err(self.err("is empty")),
            _ => Err(self.expected("text")),
        }
    }

    fn int(&self) -> Result<i64> {
        match self.v {
            Value::Number(n) => n
                .as_i64()
                .or_else(|| n.as_f64().filter(|x| x.fract() == 0.0).map(|x| x as i64))
                .ok_or_else(|| self.err(&format!("{n} is not a whole number"))),
            _ => Err(self.expected("a whole number")),
        }
    }

    fn bytes(&self) -> Result<i64> {
        let n = self.int()?;
        if n < 0 {
            return Err(self.err(&format!("{n} is negative; expected a size in bytes")));
        }
        Ok(n)
    }

    fn boolean(&self) -> Result<bool> {
        match self.v {
            Value::Bool(b) => Ok(*b),
            _ => Err(self.expected("true or false")),
        }
    }

    /// An RFC 3339 time with a zone.
    fn instant(&self) -> Result<DateTime<Utc>> {
        let s = self.text()?;
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| self.err(&format!("{s:?} is not a time; expected RFC 3339")))
    }

    /// A borg 1.x time: local time without a zone (borg 2 adds one).
    fn local_instant(&self) -> Result<DateTime<Utc>> {
        let s = self.text()?;
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Ok(t.with_timezone(&Utc));
        }
        match NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
            Ok(naive) => {
                local_to_utc(&self.at(), s, naive).map_err(|e| anyhow!("{}: {e}", self.file))
            }
            Err(_) => Err(self.err(&format!(
                "{s:?} is not a time; expected YYYY-MM-DDTHH:MM:SS[.ffffff] (local time)"
            ))),
        }
    }

    fn epoch(&self) -> Result<DateTime<Utc>> {
        let n = self.int()?;
        DateTime::from_timestamp(n, 0)
            .ok_or_else(|| self.err(&format!("{n} is not a time in epoch seconds")))
    }
}

fn strings(n: Option<Node<'_>>) -> Vec<String> {
    match n.map(|n| n.v) {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// Keeps the runs of the chosen hosts. Without a choice, a file whose runs
/// come from several hosts is refused: one restic repository is often shared
/// by many machines, and their snapshots belong to different systems.
fn choose_hosts(
    file: &str,
    runs: Vec<(Run, Option<String>)>,
    opts: &Options,
    refuse_mixed: bool,
) -> Result<Vec<Run>> {
    if opts.hosts.is_empty() {
        let hosts: BTreeSet<&str> = runs.iter().filter_map(|(_, h)| h.as_deref()).collect();
        if refuse_mixed && hosts.len() > 1 {
            bail!(
                "{file}: the snapshots come from {} hosts ({}); choose the system's host with --host",
                hosts.len(),
                hosts.into_iter().collect::<Vec<_>>().join(", ")
            );
        }
        return Ok(runs.into_iter().map(|(r, _)| r).collect());
    }
    Ok(runs
        .into_iter()
        .filter(|(_, h)| h.as_ref().is_some_and(|h| opts.hosts.contains(h)))
        .map(|(r, _)| r)
        .collect())
}

/// `restic snapshots --json`: an array of snapshots, or with `--group-by` an
/// array of `{group_key, snapshots}`. Every restic snapshot is complete in
/// itself (restic deduplicates; it has no differential), so it is a full
/// unless `--kind` says otherwise. `time` is when the backup started; restic
/// 0.17+ adds `summary.backup_start`/`backup_end`, used when present.
fn restic(top: Node<'_>, opts: &Options) -> Result<Parsed> {
    let mut snapshots = Vec::new();
    for item in top.array().map_err(|_| {
        top.err(&format!(
            "expected an array of snapshots, found {}; is this `restic snapshots --json` output?",
            type_name(top.v)
        ))
    })? {
        item.object()?;
        if item.v.get("group_key").is_some() || item.v.get("snapshots").is_some() {
            snapshots.extend(item.field("snapshots")?.array()?);
        } else {
            snapshots.push(item);
        }
    }
    let mut runs = Vec::with_capacity(snapshots.len());
    for s in snapshots {
        s.object()?;
        let id = s.field("id")?.text()?.to_string();
        let time = s.field("time")?.instant()?;
        let host = s
            .opt("hostname")
            .map(|h| h.text().map(str::to_string))
            .transpose()?;
        let (mut started, mut finished, mut bytes) = (Some(time), time, None);
        if let Some(summary) = s.opt("summary") {
            summary.object()?;
            if let Some(b) = summary.opt("backup_start") {
                started = Some(b.instant()?);
            }
            if let Some(e) = summary.opt("backup_end") {
                finished = e.instant()?;
            }
            if let Some(n) = summary.opt("total_bytes_processed") {
                bytes = Some(n.bytes()?);
            }
        }
        if started.is_some_and(|st| st > finished) {
            return Err(s.err("the backup ends before it starts"));
        }
        let paths = strings(s.opt("paths"));
        let short = id.get(..8).unwrap_or(&id);
        runs.push((
            Run {
                tool: "restic".into(),
                kind: opts.kind.unwrap_or(Kind::Full),
                started,
                finished,
                bytes,
                checksum: None,
                success: true,
                note: Some(if paths.is_empty() {
                    format!("snapshot {short}")
                } else {
                    format!("snapshot {short} of {}", paths.join(", "))
                }),
                system: None,
                location: None,
                origin: s.at(),
                links: Links::default(),
                backup_id: id,
            },
            host,
        ));
    }
    Ok(Parsed {
        runs: choose_hosts(top.file, runs, opts, true)?,
        notes: Vec::new(),
    })
}

/// `borg list --json` and `borg info --json` (borg 1.x): an object with
/// `repository` and `archives`. Times are local time without a zone, read
/// in the local time zone (TZ), as borg wrote them. `list` gives only the
/// start, so the run's finish is taken to be its start; `info` gives both,
/// the host and the original size. `borg info --json REPO` describes the
/// repository without its archives: that imports nothing, and says so.
fn borg(top: Node<'_>, opts: &Options) -> Result<Parsed> {
    if !matches!(top.v, Value::Object(_)) || top.v.get("repository").is_none() {
        return Err(top.err(&format!(
            "expected an object with \"repository\" and \"archives\", found {}; is this `borg list --json` output?",
            type_name(top.v)
        )));
    }
    let Some(archives) = top.opt("archives") else {
        return Ok(Parsed {
            runs: Vec::new(),
            notes: vec![
                "no \"archives\" in the input: `borg info --json REPO` describes only the repository; import `borg list --json REPO` or `borg info --json --last N REPO`".to_string(),
            ],
        });
    };
    let mut runs = Vec::new();
    let mut any_host = false;
    for a in archives.array()? {
        a.object()?;
        let id = a.field("id")?.text()?.to_string();
        let name = a
            .opt("name")
            .map(|n| n.text().map(str::to_string))
            .transpose()?;
        let start = match a.opt("start") {
            Some(s) => s.local_instant()?,
            None => a.field("time")?.local_instant()?,
        };
        let end = a.opt("end").map(|e| e.local_instant()).transpose()?;
        if end.is_some_and(|e| e < start) {
            return Err(a.err("the archive ends before it starts"));
        }
        let host = a
            .opt("hostname")
            .map(|h| h.text().map(str::to_string))
            .transpose()?;
        any_host |= host.is_some();
        let bytes = match a.opt("stats") {
            Some(st) => st.opt("original_size").map(|n| n.bytes()).transpose()?,
            None => None,
        };
        runs.push((
            Run {
                tool: "borg".into(),
                kind: opts.kind.unwrap_or(Kind::Full),
                started: Some(start),
                finished: end.unwrap_or(start),
                bytes,
                checksum: None,
                success: true,
                note: name.map(|n| format!("archive {n}")),
                system: None,
                location: None,
                origin: a.at(),
                links: Links::default(),
                backup_id: id,
            },
            host,
        ));
    }
    if !opts.hosts.is_empty() && !runs.is_empty() && !any_host {
        bail!(
            "{}: --host: `borg list --json` does not name the host of an archive; leave out --host or import `borg info --json`",
            top.file
        );
    }
    // A borg repository is meant for one client (borg's own advice), so
    // several hosts are not refused as they are for restic.
    Ok(Parsed {
        runs: choose_hosts(top.file, runs, opts, false)?,
        notes: Vec::new(),
    })
}

/// `pgbackrest info --output=json`: an array of stanzas, each with its
/// backups. A backup's id in the register is `STANZA/repoN/LABEL`: a label
/// is unique only within a stanza's repository. `error: true` (a backup
/// with page checksum errors) is a failed run.
fn pgbackrest(top: Node<'_>, opts: &Options) -> Result<Parsed> {
    let stanzas = top.array().map_err(|_| {
        top.err(&format!(
            "expected an array of stanzas, found {}; is this `pgbackrest info --output=json` output?",
            type_name(top.v)
        ))
    })?;
    let mut named = Vec::with_capacity(stanzas.len());
    for s in stanzas {
        s.object()?;
        let name = s.field("name")?.text()?.to_string();
        named.push((name, s));
    }
    let names: Vec<&str> = named.iter().map(|(n, _)| n.as_str()).collect();
    match &opts.stanza {
        Some(want) if !names.contains(&want.as_str()) => bail!(
            "--stanza: {want:?} is not in {}; it holds {}",
            top.file,
            if names.is_empty() {
                "no stanza".to_string()
            } else {
                names.join(", ")
            }
        ),
        None if names.len() > 1 => bail!(
            "{}: the file holds {} stanzas ({}); choose the system's stanza with --stanza",
            top.file,
            names.len(),
            names.join(", ")
        ),
        _ => {}
    }
    let mut runs = Vec::new();
    let mut repos = BTreeSet::new();
    for (name, s) in &named {
        if opts.stanza.as_ref().is_some_and(|w| w != name) {
            continue;
        }
        let Some(backups) = s.opt("backup") else {
            continue;
        };
        for b in backups.array()? {
            b.object()?;
            let label = b.field("label")?.text()?;
            let type_node = b.field("type")?;
            let kind = match type_node.text()? {
                "full" => Kind::Full,
                "diff" => Kind::Diff,
                "incr" => Kind::Incr,
                other => {
                    return Err(type_node.err(&format!(
                        "{other:?} is not a pgBackRest backup type; expected full, diff or incr"
                    )));
                }
            };
            let ts = b.field("timestamp")?;
            let start = ts.field("start")?.epoch()?;
            let stop = ts.field("stop")?.epoch()?;
            if stop < start {
                return Err(ts.err("the backup stops before it starts"));
            }
            let error = b
                .opt("error")
                .map(|e| e.boolean())
                .transpose()?
                .unwrap_or(false);
            let repo = match b.opt("database").and_then(|d| d.opt("repo-key")) {
                Some(k) => k.int()?,
                None => 1,
            };
            if opts.repo.is_some_and(|r| r != repo) {
                continue;
            }
            repos.insert(repo);
            let mut links = Links::default();
            let bytes = match b.opt("info") {
                Some(i) => {
                    if let Some(r) = i.opt("repository") {
                        links.copied_bytes = r.opt("delta").map(|n| n.bytes()).transpose()?;
                        links.repo_bytes = r.opt("size").map(|n| n.bytes()).transpose()?;
                    }
                    i.opt("size").map(|n| n.bytes()).transpose()?
                }
                None => None,
            };
            if kind != Kind::Full
                && let Some(prior) = b.opt("prior")
            {
                links.prior = Some(format!("{name}/repo{repo}/{}", prior.text()?));
            }
            if let Some(a) = b.opt("archive") {
                links.wal_start = a
                    .opt("start")
                    .map(|w| w.text().map(str::to_string))
                    .transpose()?;
                links.wal_stop = a
                    .opt("stop")
                    .map(|w| w.text().map(str::to_string))
                    .transpose()?;
            }
            links.unrestorable = wal_missing(s, repo, &links)?;
            runs.push(Run {
                tool: "pgbackrest".into(),
                backup_id: format!("{name}/repo{repo}/{label}"),
                kind,
                started: Some(start),
                finished: stop,
                bytes,
                checksum: None,
                success: !error,
                note: Some(if error {
                    format!("backup {label}: pgBackRest reported errors (error: true)")
                } else {
                    format!("backup {label}")
                }),
                system: None,
                location: None,
                origin: b.at(),
                links,
            });
        }
    }
    if opts.repo.is_none() && repos.len() > 1 {
        bail!(
            "{}: the backups are in {} repositories ({}); import each with --repo N and its --location",
            top.file,
            repos.len(),
            repos
                .iter()
                .map(|r| format!("repo{r}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(Parsed {
        runs,
        notes: Vec::new(),
    })
}

/// A pgBackRest backup is consistent only with the WAL from its start to
/// its stop: when the stanza's archive for that repository does not hold
/// that range (expired, or archiving broken), the backup cannot be restored.
/// WAL segment names of one timeline sort as their positions.
fn wal_missing(stanza: &Node<'_>, repo: i64, links: &Links) -> Result<Option<String>> {
    let (Some(start), Some(stop)) = (&links.wal_start, &links.wal_stop) else {
        return Ok(None);
    };
    let Some(archives) = stanza.opt("archive") else {
        return Ok(None);
    };
    let mut ranges = Vec::new();
    for a in archives.array()? {
        let key = match a.opt("database").and_then(|d| d.opt("repo-key")) {
            Some(k) => k.int()?,
            None => 1,
        };
        if key != repo {
            continue;
        }
        let (Some(min), Some(max)) = (a.opt("min"), a.opt("max")) else {
            continue;
        };
        let (min, max) = (min.text()?, max.text()?);
        if min.len() == start.len() && min <= start.as_str() && stop.as_str() <= max {
            return Ok(None);
        }
        ranges.push(format!("{min}..{max}"));
    }
    Ok(Some(if ranges.is_empty() {
        format!(
            "pgBackRest shows no WAL archived in repo{repo}, and the backup needs {start}..{stop}"
        )
    } else {
        format!(
            "its WAL {start}..{stop} is not in the archive of repo{repo} ({})",
            ranges.join(", ")
        )
    }))
}

/// The CSV columns, in the documented order.
pub const CSV_FIELDS: &[&str] = &[
    "id",
    "system",
    "kind",
    "started",
    "finished",
    "location",
    "bytes",
    "checksum",
    "status",
    "tool",
    "note",
    // SQL Server's msdb.dbo.backupset columns that place a run in its chain
    "first_lsn",
    "last_lsn",
    "checkpoint_lsn",
    "database_backup_lsn",
    "differential_base_lsn",
    "is_copy_only",
];

/// Reads a time in any form `parse_instant` takes, and also with fractional
/// seconds (`2026-11-28 02:00:00.123`, as SQL Server and borg write them).
pub fn parse_time(field: &str, value: &str) -> Result<DateTime<Utc>> {
    if let Ok(t) = parse_instant(field, value) {
        return Ok(t);
    }
    let v = value.trim();
    for form in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(v, form) {
            return local_to_utc(field, value, naive);
        }
    }
    bail!("{field}: {value:?} is not a date and time; expected {INSTANT_FORMS}")
}

/// The generic CSV (from text already read).
fn csv(text: &str, file: &str, opts: &Options) -> Result<Parsed> {
    let mut table = crate::tabular::Table::from_bytes(
        file,
        text.as_bytes().to_vec(),
        &Default::default(),
        &crate::tabular::schemas::BACKUP,
        &Default::default(),
    )?;
    csv_table(&mut table, opts)
}

/// A time as a spreadsheet shows it: `parse_time`'s forms, or an office
/// date (`2026/11/27`, `2026年11月27日`) with an optional `H:MM[:SS]`.
fn office_time(field: &str, value: &str) -> Result<DateTime<Utc>> {
    if let Ok(t) = parse_time(field, value) {
        return Ok(t);
    }
    let v = value.trim();
    let (day, time) = v.split_once(' ').unwrap_or((v, "00:00"));
    let Ok(day) = crate::tabular::values::date(field, day) else {
        return parse_time(field, value);
    };
    let mut hms: Vec<String> = time
        .trim()
        .split(':')
        .map(|p| format!("{:0>2}", p.trim()))
        .collect();
    if hms.len() == 2 {
        hms.push("00".into());
    }
    parse_time(field, &format!("{day} {}", hms.join(":")))
        .map_err(|_| anyhow!("{field}: {value:?} is not a date and time; expected {INSTANT_FORMS}"))
}

/// The generic CSV, or a workbook with the same columns: a header row
/// naming some of [`CSV_FIELDS`] (or their Chinese names, see
/// `tabular::schemas::BACKUP`); `kind` and `finished` are required. `kind`
/// also takes SQL Server's backupset type letters (D full, I differential,
/// L log) and the Chinese (全量备份, 全量 ...). A row without an `id` gets one
/// derived from what identifies it: `SYSTEM/KIND/LOCATION/FINISHED`.
pub fn csv_table(table: &mut crate::tabular::Table, opts: &Options) -> Result<Parsed> {
    use crate::tabular::schemas;
    use crate::tabular::values::Words;
    let file = table.file().to_string();
    let kinds =
        Words::new(&["full", "diff", "incr", "log"]).with_zh("kind", schemas::BACKUP_KIND_WORDS);
    let statuses =
        Words::new(&["success", "failed"]).with_zh("status", schemas::BACKUP_STATUS_WORDS);
    let locations =
        Words::new(&["local", "offsite"]).with_zh("location", schemas::BACKUP_LOCATION_WORDS);
    let mut runs = Vec::new();
    while let Some(next) = table.next_row() {
        let row = next?.map_err(|b| anyhow!("{file}: {b}"))?;
        let get = |name: &str| row.get(name);
        let field = |name: &str| format!("{file}: {}", row.at(name));
        let kind_text = get("kind").ok_or_else(|| {
            anyhow!(
                "{}: is empty; expected full, diff, incr, log, or D, I, L",
                field("kind")
            )
        })?;
        let kind = match kind_text {
            "D" => Kind::Full,
            "I" => Kind::Diff,
            "L" => Kind::Log,
            k => kinds
                .read("", &k.to_ascii_lowercase())
                .and_then(|k| Kind::parse("", &k))
                .map_err(|_| {
                    anyhow!("{}: {k:?} is not a kind of backup; expected full, diff, incr, log, or SQL Server's D, I, L", field("kind"))
                })?,
        };
        let finished = match get("finished") {
            Some(v) => office_time(&field("finished"), v)?,
            None => bail!(
                "{}: is empty; a run needs the time it finished",
                field("finished")
            ),
        };
        let started = get("started")
            .map(|v| office_time(&field("started"), v))
            .transpose()?;
        if started.is_some_and(|s| s > finished) {
            bail!("{}: the run starts after it finishes", field("started"));
        }
        let location = get("location")
            .map(|v| {
                locations
                    .read(&field("location"), v)
                    .and_then(|l| parse_location(&field("location"), &l))
            })
            .transpose()?
            .or(opts.location)
            .unwrap_or("local");
        let bytes = get("bytes")
            .map(|v| match v.parse::<i64>() {
                Ok(n) if n >= 0 => Ok(n),
                _ => Err(anyhow!(
                    "{}: {v:?} is not a size in bytes (a whole number)",
                    field("bytes")
                )),
            })
            .transpose()?;
        let success = match get("status") {
            None => true,
            Some(v) => match statuses.read("", &v.to_ascii_lowercase()).as_deref() {
                Ok("success") => true,
                Ok(_) => false,
                Err(_) => bail!(
                    "{}: {v:?} is not a status; expected success or failed (成功, 失败)",
                    field("status")
                ),
            },
        };
        let system = get("system").map(str::to_string);
        let tool = get("tool").unwrap_or("csv").to_string();
        let backup_id = match get("id") {
            Some(id) => id.to_string(),
            None => format!(
                "{}/{}/{}/{}",
                system.as_deref().unwrap_or("-"),
                kind.as_str(),
                location,
                crate::domain::time::format_instant(finished)
            ),
        };
        let lsn = |name: &str| {
            get(name)
                .map(|v| super::chain::parse_lsn(&field(name), v))
                .transpose()
        };
        let copy_only = match get("is_copy_only").map(str::to_ascii_lowercase).as_deref() {
            None | Some("0") | Some("false") => false,
            Some("1") | Some("true") => true,
            Some(_) => bail!(
                "{}: {:?} is not 0 or 1 (true or false)",
                field("is_copy_only"),
                get("is_copy_only").unwrap_or_default()
            ),
        };
        let database_backup_lsn = lsn("database_backup_lsn")?;
        let links = Links {
            first_lsn: lsn("first_lsn")?,
            last_lsn: lsn("last_lsn")?,
            checkpoint_lsn: lsn("checkpoint_lsn")?,
            base_lsn: if kind == Kind::Diff {
                lsn("differential_base_lsn")?.or(database_backup_lsn)
            } else {
                None
            },
            copy_only,
            ..Links::default()
        };
        if let (Some(f), Some(l)) = (links.first_lsn, links.last_lsn)
            && f > l
        {
            bail!("{}: {f} is after last_lsn {l}", field("first_lsn"));
        }
        runs.push(Run {
            links,
            tool,
            backup_id,
            kind,
            started,
            finished,
            bytes,
            checksum: get("checksum").map(str::to_string),
            success,
            note: get("note").map(str::to_string),
            system,
            location: Some(location),
            origin: row.pos.to_string(),
        });
    }
    Ok(Parsed {
        runs,
        notes: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_field() {
        let e = parse(
            Source::Restic,
            r#"[{"id":"a","time":"x"}]"#,
            "s.json",
            &Options::default(),
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            e,
            "s.json: [0].time: \"x\" is not a time; expected RFC 3339"
        );
        let e = parse(
            Source::Restic,
            r#"[{"time":"2026-01-01T00:00:00Z"}]"#,
            "s.json",
            &Options::default(),
        )
        .unwrap_err()
        .to_string();
        assert_eq!(e, "s.json: [0].id: missing (expected a field \"id\")");
    }

    #[test]
    fn fractional_seconds() {
        let t = parse_time("t", "2026-11-28 02:00:00.123").unwrap();
        assert_eq!(
            crate::domain::time::format_instant(t),
            "2026-11-28T02:00:00Z"
        );
    }
}
