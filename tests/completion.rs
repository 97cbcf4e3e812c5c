//! Completion of the register's own values through the shell's real
//! protocol: bash sources `infogov completions bash`, and its completion
//! function runs `infogov` with `COMPLETE=bash` and the words typed, as it
//! does when the user presses Tab.

use std::path::Path;
use std::process::Command;

use crate::support::{BIN, Env};

/// A register with departments whose code-point order is not their pinyin
/// order, people (one name in two departments), systems, assets, an item.
fn register() -> Env {
    let env = Env::new();
    for (dept, code) in [("信息科", "XXK"), ("内科", "NK"), ("儿科", "EK")] {
        env.ok(&["dept", "add", dept, "--code", code]);
    }
    env.ok(&["person", "add", "王伟", "--dept", "内科"]);
    env.ok(&["person", "add", "王伟", "--dept", "儿科"]);
    env.ok(&["person", "add", "李娜", "--dept", "信息科"]);
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env.ok(&["system", "add", "PACS", "--owner-dept", "信息科"]);
    for (tag, dept) in [
        ("IT-2026-0001", "内科"),
        ("IT-2026-0002", "儿科"),
        ("NET-0001", "信息科"),
    ] {
        env.ok(&[
            "asset", "register", "--tag", tag, "--kind", "desktop", "--name", "电脑", "--dept",
            dept,
        ]);
    }
    env.ok(&[
        "consumable",
        "item",
        "add",
        "TON-88A",
        "--name",
        "硒鼓",
        "--category",
        "toner",
        "--unit",
        "box",
    ]);
    env
}

/// What bash offers for the last word of `line` (the word being typed may
/// be empty), one candidate a line.
fn complete(env: &Env, line: &[&str]) -> Vec<String> {
    complete_with(env, line, &[])
}

fn complete_with(env: &Env, line: &[&str], vars: &[(&str, &str)]) -> Vec<String> {
    if Command::new("bash").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "bash is missing (apt-get install bash)"
        );
        eprintln!("skipped: bash is not installed");
        return vec!["(skipped)".into()];
    }
    let script = env.run(&["completions", "bash"]).success().stdout;
    env.write("infogov.bash", &script);
    // As bash calls a completion function: COMP_WORDS and COMP_CWORD set,
    // the command, the current word and the previous word as arguments.
    let words: Vec<String> = line.iter().map(|w| format!("'{w}'")).collect();
    let cword = line.len() - 1;
    let test = format!(
        "source ./infogov.bash\n\
         COMP_WORDS=({})\nCOMP_CWORD={cword}\nCOMP_TYPE=9\n\
         _clap_complete_infogov infogov '{}' '{}'\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        words.join(" "),
        line[cword],
        if cword > 0 { line[cword - 1] } else { "" },
    );
    // The script calls `infogov`: the one just built, found on PATH.
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut c = env.shell("bash -c \"$1\"");
    c.arg("bash").arg(&test).env("PATH", path);
    for (k, v) in vars {
        c.env(k, v);
    }
    let out = c.output().expect("run bash");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "bash failed: {stderr}");
    assert!(stderr.is_empty(), "completion printed to stderr: {stderr}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn skipped(got: &[String]) -> bool {
    got == ["(skipped)"]
}

#[test]
fn bash_completes_departments_in_pinyin_order_and_by_prefix() {
    let env = register();
    let all = complete(&env, &["infogov", "asset", "list", "--dept", ""]);
    if skipped(&all) {
        return;
    }
    assert_eq!(all, ["儿科", "内科", "信息科"]);
    assert_eq!(
        complete(&env, &["infogov", "asset", "list", "--dept", "内"]),
        ["内科"]
    );
    // Any argument naming a department, here an option of another area.
    assert_eq!(
        complete(
            &env,
            &["infogov", "system", "add", "RIS", "--owner-dept", "信"]
        ),
        ["信息科"]
    );
    assert_eq!(
        complete(&env, &["infogov", "dept", "liaison", "儿"]),
        ["儿科"]
    );
}

#[test]
fn bash_completes_tags_people_systems_and_items() {
    let env = register();
    let tags = complete(&env, &["infogov", "asset", "transfer", "IT-2026"]);
    if skipped(&tags) {
        return;
    }
    assert_eq!(tags, ["IT-2026-0001", "IT-2026-0002"]);
    assert_eq!(
        complete(&env, &["infogov", "asset", "show", "NET"]),
        ["NET-0001"]
    );
    assert_eq!(
        complete(
            &env,
            &[
                "infogov",
                "consumable",
                "issue",
                "TON-88A",
                "1",
                "--for-asset",
                "IT-2026-000"
            ]
        ),
        ["IT-2026-0001", "IT-2026-0002"]
    );
    // A name in two departments is offered with each department as well.
    assert_eq!(
        complete(
            &env,
            &[
                "infogov",
                "asset",
                "transfer",
                "IT-2026-0001",
                "--custodian",
                "王"
            ]
        ),
        ["王伟", "王伟@儿科", "王伟@内科"]
    );
    assert_eq!(
        complete(&env, &["infogov", "backup", "status", "--system", ""]),
        ["HIS", "PACS"]
    );
    assert_eq!(complete(&env, &["infogov", "grade", "show", "P"]), ["PACS"]);
    assert_eq!(
        complete(&env, &["infogov", "consumable", "receive", "T"]),
        ["TON-88A"]
    );
    // A new tag has nothing to complete from.
    assert!(complete(&env, &["infogov", "asset", "register", "--tag", "IT"]).is_empty());
    // Subcommands still complete as before.
    assert!(complete(&env, &["infogov", "asset", "tra"]).contains(&"transfer".to_string()));
}

#[test]
fn completion_reads_the_register_the_line_names_and_never_changes_it() {
    let env = register();
    let other = Env::new();
    other.ok(&["dept", "add", "外科"]);
    let other_db = other.db.display().to_string();
    // --db on the line wins over INFOGOV_DB, as when the command runs.
    let got = complete(
        &env,
        &["infogov", "--db", &other_db, "asset", "list", "--dept", ""],
    );
    if skipped(&got) {
        return;
    }
    assert_eq!(got, ["外科"]);
    // No register at all: no candidates, no noise in the prompt.
    assert!(
        complete_with(
            &env,
            &["infogov", "asset", "list", "--dept", ""],
            &[("INFOGOV_DB", "/nonexistent/register.db")]
        )
        .is_empty()
    );
    assert!(!Path::new("/nonexistent/register.db").exists());
    // Completing left the register as it was: the audit trail verifies and
    // has no entry from completion.
    let before = env.sql("SELECT count(*) FROM audit_log;");
    complete(&env, &["infogov", "asset", "list", "--dept", ""]);
    assert_eq!(env.sql("SELECT count(*) FROM audit_log;"), before);
    env.run(&["audit", "verify"]).success();
}

#[test]
fn stock_take_numbers_complete_open_ones_where_only_those_are_taken() {
    let env = register();
    for dept in ["内科", "儿科", "信息科"] {
        env.ok(&["asset", "stocktake", "start", "--dept", dept]);
    }
    env.ok(&["asset", "stocktake", "close", "1"]);
    // An empty word at a positional is offered the options too: the
    // numbers are what is not an option.
    let numbers = |line: &[&str]| -> Vec<String> {
        complete(&env, line)
            .into_iter()
            .filter(|c| !c.starts_with('-'))
            .collect()
    };
    let open = numbers(&["infogov", "asset", "stocktake", "close", ""]);
    if skipped(&open) {
        return;
    }
    // Scans, marks and a close go to an open stock-take only; newest first.
    assert_eq!(open, ["3", "2"]);
    assert_eq!(
        numbers(&["infogov", "asset", "stocktake", "scan", ""]),
        ["3", "2"]
    );
    assert_eq!(
        complete(&env, &["infogov", "asset", "stocktake", "mark", "2"]),
        ["2"]
    );
    // A report, a sheet or labels may be of a closed one too.
    assert_eq!(
        numbers(&["infogov", "asset", "stocktake", "report", ""]),
        ["3", "2", "1"]
    );
    assert_eq!(
        complete(&env, &["infogov", "asset", "stocktake", "sheet", "1"]),
        ["1"]
    );
    assert_eq!(
        complete(&env, &["infogov", "asset", "label", "--stocktake", ""]),
        ["3", "2", "1"]
    );
    // Shells that show a description (fish, zsh) name each stock-take.
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let fish = env
        .run_env(
            &["--", "infogov", "asset", "stocktake", "report", ""],
            &[("COMPLETE", "fish"), ("PATH", &path)],
        )
        .success()
        .stdout;
    assert!(
        fish.contains("1\t2026-11-28 内科 资产盘点 (closed 2026-11-28)\n"),
        "{fish}"
    );
    assert!(
        fish.contains("3\t2026-11-28 信息科 资产盘点 (open)\n"),
        "{fish}"
    );
}
