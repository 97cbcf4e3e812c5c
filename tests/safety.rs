//! Evidence stays evidence, and output stays inert (issues #16 and #12): the
//! exit code through a closed pipe, bounded amounts, read-only registers and
//! backup copies, init's refusals, escaped control characters, CSV formulas.

use std::process::Stdio;

use crate::support::Env;
use crate::trust::{populated, sha256};

#[test]
fn a_check_keeps_its_exit_code_through_a_closed_pipe() {
    let env = populated();
    env.sql("UPDATE asset SET name = 'X' WHERE tag = 'A1';");
    // The reader is gone before the check writes a line.
    let mut c = env.command(&["audit", "check", "--nagios"]);
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert_eq!(child.wait().unwrap().code(), Some(2));
    // As a user types it.
    let out = env
        .program_bash("\"$INFOGOV\" audit check --nagios | head -1; exit ${PIPESTATUS[0]}")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("COMPLIANCE CRITICAL"));
    // An ordinary listing still ends quietly with success.
    let mut c = env.command(&["audit", "log"]);
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty());
}

#[test]
fn amounts_are_bounded_and_reports_survive_an_absurd_one() {
    let env = populated();
    env.run(&[
        "asset",
        "register",
        "--kind",
        "desktop",
        "--name",
        "PC",
        "--dept",
        "内科",
        "--price",
        "92233720368547758.07",
    ])
    .error(&[
        "--price",
        "92233720368547758.07",
        "largest amount accepted, 100000000.00 yuan",
    ]);
    env.run(&[
        "asset",
        "register",
        "--kind",
        "desktop",
        "--name",
        "PC",
        "--dept",
        "内科",
        "--price",
        "100000000.01",
    ])
    .error(&["--price", "money.max_amount"]);
    env.ok(&[
        "asset",
        "register",
        "--kind",
        "server",
        "--name",
        "S",
        "--dept",
        "内科",
        "--tag",
        "S1",
        "--price",
        "100000000",
    ]);
    let config = env.write("c.toml", "[money]\nmax_amount = 5000\n");
    env.run(&[
        "--config",
        config.to_str().unwrap(),
        "asset",
        "register",
        "--kind",
        "desktop",
        "--name",
        "PC",
        "--dept",
        "内科",
        "--price",
        "5000.01",
    ])
    .error(&["--price", "5000.00 yuan"]);
    // Two amounts at i64's limit, put in behind the tool's back.
    env.sql("UPDATE asset SET price = 9223372036854775807 WHERE tag IN ('A1', 'S1');");
    env.run(&["asset", "report", "--by", "dept"]).success();
    env.run(&["audit", "report"])
        .success()
        .stdout_has("registered");
    env.run(&["audit", "verify"]).code(2).stdout_has("asset A1");
}

#[test]
fn a_read_only_register_serves_every_read_and_refuses_writes() {
    let env = populated();
    env.ok(&["audit", "verify"]);
    let before = sha256(&env.db);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o444)).unwrap();
    env.run(&["asset", "list"]).success().stdout_has("A1");
    env.run(&["audit", "verify"]).success();
    env.run(&["audit", "check"]).success();
    env.run(&["audit", "report"]).success().stdout_has("period");
    env.run(&["audit", "head"]).success();
    register_fails_read_only(&env);
    assert_eq!(sha256(&env.db), before, "a read changed the register");
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o600)).unwrap();

    // A read-only folder holding a copy, as an inspector receives it.
    let dir = env.path("inspector");
    std::fs::create_dir(&dir).unwrap();
    let copy = dir.join("register.db");
    env.ok(&[
        "backup",
        "self",
        "--to",
        env.path("copies").to_str().unwrap(),
    ]);
    let made = std::fs::read_dir(env.path("copies"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "db"))
        .unwrap();
    std::fs::copy(&made, &copy).unwrap();
    let copy_sum = sha256(&copy);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let db = copy.to_str().unwrap();
    env.run(&["--db", db, "asset", "list"])
        .success()
        .stdout_has("A1");
    env.run(&["--db", db, "audit", "verify"]).success();
    env.run(&["--db", db, "audit", "report"]).success();
    env.run(&[
        "--db", db, "asset", "register", "--kind", "desktop", "--name", "PC", "--dept", "内科",
    ])
    .error(&["read-only"]);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(sha256(&copy), copy_sum);
}

fn register_fails_read_only(env: &Env) {
    env.run(&[
        "asset", "register", "--kind", "desktop", "--name", "PC", "--dept", "内科",
    ])
    .error(&["--db", "is read-only", "this command changes it"]);
}

#[test]
fn reading_a_backup_copy_leaves_its_checksum_valid() {
    let env = populated();
    let copies = env.path("copies");
    env.ok(&["backup", "self", "--to", copies.to_str().unwrap()]);
    let copy = std::fs::read_dir(&copies)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "db"))
        .unwrap();
    let db = copy.to_str().unwrap();
    let before = sha256(&copy);
    for args in [
        vec!["audit", "head"],
        vec!["audit", "verify"],
        vec!["asset", "list"],
        vec!["audit", "check"],
    ] {
        let mut full = vec!["--db", db];
        full.extend(args);
        env.run(&full).success();
    }
    assert_eq!(sha256(&copy), before, "reading the copy altered it");
    // The witness file went with the copy.
    let witness = std::fs::read_to_string(format!("{db}.witness.jsonl")).unwrap();
    assert!(witness.contains("\"seq\":"), "{witness}");
    env.run(&["backup", "restore-test", db])
        .success()
        .stdout_has("matches");
}

#[test]
fn backup_self_removes_what_killed_runs_left() {
    let env = populated();
    let copies = env.path("copies");
    std::fs::create_dir(&copies).unwrap();
    let stale = copies.join("infogov-register-20261101T020000Z.db.partial");
    std::fs::write(&stale, "half a copy").unwrap();
    let status = std::process::Command::new("touch")
        .args(["-d", "2 hours ago"])
        .arg(&stale)
        .status()
        .unwrap();
    assert!(status.success());
    let fresh = copies.join("infogov-register-20261128T020000Z.db.partial");
    std::fs::write(&fresh, "a run still copying").unwrap();
    env.ok(&["backup", "self", "--to", copies.to_str().unwrap()]);
    assert!(!stale.exists(), "the stale partial copy is still there");
    assert!(
        fresh.exists(),
        "a partial copy of a run in progress was removed"
    );
}

#[test]
fn a_db_in_a_missing_folder_is_refused() {
    let env = Env::bare();
    let db = env.path("nonexistent/x.db");
    env.run(&["--db", db.to_str().unwrap(), "init"]).error(&[
        "--db",
        "does not exist",
        "nonexistent",
    ]);
    assert!(!env.path("nonexistent").exists());
    // The default data folder is still made.
    env.run_env(&["init"], &[("INFOGOV_DB", "")]).success();
    assert!(env.path(".local/share/infogov/register.db").exists());
}

#[test]
fn init_refuses_what_is_not_a_regular_file_and_concurrent_inits_agree() {
    let env = Env::bare();
    let fifo = env.path("fifo");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(ok.success());
    env.run(&["--db", fifo.to_str().unwrap(), "init"])
        .error(&["--db", "is not a regular file"]);
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let meta = std::fs::metadata(&fifo).unwrap();
    assert!(meta.file_type().is_fifo());
    assert_ne!(
        meta.permissions().mode() & 0o777,
        0o600,
        "the fifo was chmodded"
    );
    env.run(&["--db", env.dir.path().to_str().unwrap(), "init"])
        .error(&["is not a regular file"]);

    for round in 0..3 {
        let db = env.path(&format!("race{round}.db"));
        let children: Vec<_> = (0..4)
            .map(|_| {
                env.command(&["--db", db.to_str().unwrap(), "init"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "a concurrent init failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        env.run(&["--db", db.to_str().unwrap(), "audit", "verify"])
            .success();
    }
}

#[test]
fn escape_sequences_in_stored_text_reach_no_terminal() {
    let env = populated();
    let evil = "\u{1b}]0;PWNED\u{7}\u{1b}[2J假名";
    env.ok(&["person", "add", evil, "--dept", "内科"]);
    let out = env.run(&["person", "list"]).success();
    assert!(!out.stdout.contains('\u{1b}'), "{:?}", out.stdout);
    assert!(
        out.stdout.contains("\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J假名"),
        "{}",
        out.stdout
    );
    // Messages too: the confirmation and an error quoting the name.
    let out = env.run(&["dept", "add", evil]).success();
    assert!(!out.stdout.contains('\u{1b}'), "{:?}", out.stdout);
    let out = env.run(&["dept", "add", evil]);
    assert_eq!(out.code, 1);
    assert!(!out.stderr.contains('\u{1b}'), "{:?}", out.stderr);
    // JSON keeps the data exact (escaped by JSON itself).
    let json = env
        .run(&["person", "list", "--format", "json"])
        .success()
        .json();
    assert!(json.to_string().contains("\\u001b]0;PWNED"));
}

#[test]
fn full_width_formula_signs_are_neutralised_in_csv() {
    let env = populated();
    env.ok(&["dept", "add", "＝HYPERLINK(\"http://x\")"]);
    env.ok(&["dept", "add", "＋1"]);
    let csv = env
        .run(&["dept", "list", "--format", "csv"])
        .success()
        .stdout;
    assert!(csv.contains("'＝HYPERLINK"), "{csv}");
    assert!(csv.contains("'＋1"), "{csv}");
}
