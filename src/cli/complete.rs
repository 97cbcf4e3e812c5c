//! Dynamic completion of the register's own values: tags, departments,
//! people, systems, consumable items, duties and stock-takes. The shell runs
//! `COMPLETE=bash infogov -- WORDS...` (set up by `infogov completions bash`);
//! clap_complete's engine finds the argument being completed and calls the
//! completer attached here, which reads the register read-only (no schema
//! upgrade, no lock held) and returns the values starting with what was typed.
//!
//! Completers are attached by the argument's value name (`DEPT`, `PERSON`,
//! `TAG` ...), so a new `--dept` anywhere completes without more code.

use std::ffi::OsStr;
use std::path::PathBuf;

use clap::Command;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use rusqlite::{Connection, OpenFlags};

/// What a value name completes from.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Source {
    Dept,
    Person,
    DeptOrPerson,
    System,
    Tag,
    Sku,
    Duty,
    /// A stock-take's number, any.
    Stocktake,
    /// A stock-take still open: the only ones that take scans, marks or a close.
    OpenStocktake,
}

/// The source for an argument of command `path` (e.g. `asset transfer`), or
/// none: a value that names something new (`asset register --tag`,
/// `consumable item add SKU`) has nothing to complete from.
fn source(path: &str, id: &str, value_name: &str) -> Option<Source> {
    match (path, id) {
        ("asset register", "tag") | ("consumable item add", "sku") => return None,
        ("system stage", "name") => return Some(Source::System),
        ("duty done" | "duty show" | "duty history" | "duty edit" | "duty retire", "name") => {
            return Some(Source::Duty);
        }
        (
            "asset stocktake sheet" | "asset stocktake report" | "asset label",
            "id" | "stocktake",
        ) => return Some(Source::Stocktake),
        ("asset stocktake scan" | "asset stocktake mark" | "asset stocktake close", "id") => {
            return Some(Source::OpenStocktake);
        }
        _ => {}
    }
    match value_name {
        "DEPT" => Some(Source::Dept),
        "PERSON" | "CUSTODIAN" => Some(Source::Person),
        "DEPT|PERSON" => Some(Source::DeptOrPerson),
        "SYSTEM" => Some(Source::System),
        "TAG" => Some(Source::Tag),
        "SKU" => Some(Source::Sku),
        _ => None,
    }
}

/// The command tree with a completer on every argument that names a record.
pub fn attach(cmd: Command) -> Command {
    attach_at(cmd, "")
}

fn attach_at(mut cmd: Command, path: &str) -> Command {
    // `mut_arg` moves an argument to the end, and positionals are numbered
    // in order: every positional is passed through, in order, so that
    // `consumable receive SKU QTY` keeps SKU first.
    let found: Vec<(String, Option<Source>)> = cmd
        .get_arguments()
        .filter_map(|a| {
            let value_name = a
                .get_value_names()
                .and_then(|v| v.first())
                .map(|v| v.to_string());
            let s = value_name.and_then(|v| source(path, a.get_id().as_str(), &v));
            (s.is_some() || a.is_positional()).then(|| (a.get_id().to_string(), s))
        })
        .collect();
    for (id, s) in found {
        cmd = cmd.mut_arg(id, |a| match s {
            Some(s) => a.add(ArgValueCompleter::new(move |current: &OsStr| {
                complete(s, current)
            })),
            None => a,
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| attach_at(s, &sub_path));
    }
    cmd
}

/// The candidates for what was typed; nothing (never an error) when the
/// register cannot be read: completion must not print into the prompt.
fn complete(s: Source, current: &OsStr) -> Vec<CompletionCandidate> {
    let prefix = current.to_string_lossy();
    let Some(conn) = open_read_only() else {
        return Vec::new();
    };
    values(&conn, s, &prefix).unwrap_or_default()
}

/// The values of `s` that start with `prefix`, in the order listings use.
/// The prefix is a range on the column (`>= p AND < p + U+10FFFF`), so the
/// tags of a 100,000-asset register are read from the unique index, not
/// scanned.
fn values(
    conn: &Connection,
    s: Source,
    prefix: &str,
) -> rusqlite::Result<Vec<CompletionCandidate>> {
    let range = "BETWEEN ?1 AND ?1 || char(1114111)";
    let sql = match s {
        Source::Dept => {
            format!("SELECT name FROM department WHERE name {range} ORDER BY name COLLATE pinyin")
        }
        // A name two departments share is offered as NAME@DEPT as well,
        // the form that tells them apart.
        Source::Person => format!(
            "SELECT DISTINCT name FROM person WHERE name {range}
             UNION
             SELECT p.name || '@' || d.name FROM person p JOIN department d ON d.id = p.dept_id
             WHERE p.name {range}
               AND (SELECT count(*) FROM person q WHERE q.name = p.name) > 1
             ORDER BY 1 COLLATE pinyin"
        ),
        Source::DeptOrPerson => format!(
            "SELECT name FROM department WHERE name {range}
             UNION SELECT name FROM person WHERE name {range}
             ORDER BY 1 COLLATE pinyin"
        ),
        Source::System => {
            format!("SELECT name FROM system WHERE name {range} ORDER BY name COLLATE pinyin")
        }
        Source::Tag => format!("SELECT tag FROM asset WHERE tag {range} ORDER BY tag"),
        Source::Sku => format!("SELECT sku FROM consumable_item WHERE sku {range} ORDER BY sku"),
        Source::Duty => format!(
            "SELECT name FROM duty WHERE retired IS NULL AND name {range} ORDER BY name COLLATE pinyin"
        ),
        Source::Stocktake => return stocktakes(conn, false, prefix),
        Source::OpenStocktake => return stocktakes(conn, true, prefix),
    };
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([prefix], |r| {
        r.get::<_, String>(0).map(CompletionCandidate::new)
    })?;
    rows.collect()
}

/// Stock-take numbers starting with `prefix`, newest first, each with its
/// name and state as the description shells that show one (zsh, fish) print:
/// a number alone says nothing of which count it is.
fn stocktakes(
    conn: &Connection,
    open_only: bool,
    prefix: &str,
) -> rusqlite::Result<Vec<CompletionCandidate>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, closed FROM stocktake
         WHERE CAST(id AS TEXT) BETWEEN ?1 AND ?1 || char(1114111)
           AND (?2 = 0 OR closed IS NULL)
         ORDER BY id DESC",
    )?;
    let rows = stmt.query_map(rusqlite::params![prefix, open_only], |r| {
        let id: i64 = r.get(0)?;
        let name: String = r.get(1)?;
        let closed: Option<String> = r.get(2)?;
        let state = match closed {
            Some(d) => format!("closed {d}"),
            None => "open".to_string(),
        };
        Ok(CompletionCandidate::new(id.to_string()).help(Some(format!("{name} ({state})").into())))
    })?;
    rows.collect()
}

/// Opens the register the completed command line would use, read-only.
fn open_read_only() -> Option<Connection> {
    let path = register_path()?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    // A writer mid-transaction must not make the prompt hang.
    conn.busy_timeout(std::time::Duration::from_millis(200))
        .ok()?;
    crate::store::register_sql(&conn).ok()?;
    Some(conn)
}

/// `--db` on the line being completed, else `INFOGOV_DB`, else the config
/// (`--config`, `INFOGOV_CONFIG`, the default file), else the default path:
/// the same order as a command that runs.
fn register_path() -> Option<PathBuf> {
    // The completer is run as `infogov -- infogov WORDS...`.
    let words: Vec<String> = std::env::args().skip_while(|a| a != "--").skip(1).collect();
    let option = |name: &str| -> Option<String> {
        let eq = format!("{name}=");
        words.iter().enumerate().find_map(|(i, w)| {
            if w == name {
                words.get(i + 1).cloned()
            } else {
                w.strip_prefix(&eq).map(str::to_string)
            }
        })
    };
    let env = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(db) = option("--db")
        .map(PathBuf::from)
        .or_else(|| env("INFOGOV_DB"))
    {
        return Some(db);
    }
    let config = option("--config")
        .map(PathBuf::from)
        .or_else(|| env("INFOGOV_CONFIG"));
    let loaded = crate::config::Config::load(config.as_deref()).ok()?;
    loaded.db.or_else(|| crate::config::default_db_path().ok())
}

#[cfg(test)]
mod tests {
    use super::{Source, source};

    #[test]
    fn attaching_completers_keeps_the_positionals_in_order() {
        let mut plain = crate::cli::usage::command();
        plain.build();
        let mut attached = super::attach(crate::cli::usage::command());
        attached.build();
        fn positionals(c: &clap::Command, path: String, out: &mut Vec<String>) {
            for a in c.get_positionals() {
                out.push(format!("{path} {}={:?}", a.get_id(), a.get_index()));
            }
            for s in c.get_subcommands() {
                positionals(s, format!("{path} {}", s.get_name()), out);
            }
        }
        let (mut a, mut b) = (Vec::new(), Vec::new());
        positionals(&plain, String::new(), &mut a);
        positionals(&attached, String::new(), &mut b);
        a.sort();
        b.sort();
        assert!(
            a.iter().any(|p| p == " consumable receive sku=Some(1)"),
            "{a:?}"
        );
        assert_eq!(a, b);
    }

    #[test]
    fn arguments_complete_from_what_they_name() {
        assert_eq!(source("asset transfer", "dept", "DEPT"), Some(Source::Dept));
        assert_eq!(source("asset transfer", "tag", "TAG"), Some(Source::Tag));
        assert_eq!(source("asset register", "tag", "TAG"), None);
        assert_eq!(source("consumable item add", "sku", "SKU"), None);
        assert_eq!(source("consumable issue", "sku", "SKU"), Some(Source::Sku));
        assert_eq!(source("system stage", "name", "NAME"), Some(Source::System));
        assert_eq!(source("duty done", "name", "NAME"), Some(Source::Duty));
        assert_eq!(source("person add", "name", "NAME"), None);
        assert_eq!(
            source("asset stocktake close", "id", "ID"),
            Some(Source::OpenStocktake)
        );
        assert_eq!(
            source("asset stocktake report", "id", "ID"),
            Some(Source::Stocktake)
        );
        assert_eq!(
            source("asset label", "stocktake", "STOCKTAKE"),
            Some(Source::Stocktake)
        );
        assert_eq!(source("asset stocktake start", "name", "TEXT"), None);
    }
}
