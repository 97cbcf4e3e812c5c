//! The audit trail at scale (issue 17): the daily check verifies from the
//! last verified point, the full comparison names everything, and the check
//! warns when the full comparison is overdue.

use crate::support::Env;
use crate::trust::{forge_actor, forge_transfer, rechain};

fn register(env: &Env, tag: &str) {
    env.ok(&[
        "asset", "register", "--kind", "desktop", "--name", "PC", "--dept", "内科", "--tag", tag,
    ]);
}

/// A register with two assets, verified in full: the verified point is
/// its head.
fn verified() -> Env {
    let env = Env::with_org();
    register(&env, "A1");
    register(&env, "A2");
    env.run(&["audit", "verify"])
        .success()
        .stdout_is("AUDIT OK - no findings\n");
    env
}

/// The SQL that puts a row back as its newest entry has it.
fn restore(env: &Env, table: &str, key: &str) -> String {
    let json = env.sql(&format!(
        "SELECT row FROM audit_log WHERE entity = '{table}' AND key = '{key}' ORDER BY seq DESC LIMIT 1;"
    ));
    let row: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(json.trim()).unwrap();
    let cols: Vec<&str> = row.keys().map(String::as_str).collect();
    let vals: Vec<String> = row
        .values()
        .map(|v| match v {
            serde_json::Value::Null => "NULL".to_string(),
            serde_json::Value::String(s) => format!("'{}'", s.replace('\'', "''")),
            other => other.to_string(),
        })
        .collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({});",
        cols.join(", "),
        vals.join(", ")
    )
}

fn head(env: &Env) -> i64 {
    env.run(&["audit", "head", "--format", "json"])
        .success()
        .json()[0]["seq"]
        .as_i64()
        .unwrap()
}

#[test]
fn the_daily_check_names_a_change_after_the_point_and_the_full_comparison_both() {
    let env = verified();
    let point = head(&env);
    let mark = env.path(".config/infogov/witness.verified.json");
    let text = std::fs::read_to_string(&mark).expect("the verified point beside the witness file");
    assert!(text.contains(&format!("\"seq\": {point}")), "{text}");

    // A daily check with nothing new says where it started and when the
    // last full comparison ran, and that it was clean.
    let out = env
        .run(&["audit", "check", "--only", "audit", "--format", "csv"])
        .success()
        .stdout;
    assert!(
        out.contains(&format!("OK,audit,full comparison,\"verified from entry {point}, the point verified before; no entry was added since; the last full comparison of every table with the trail ran on ")) && out.contains(", clean\""),
        "{out}"
    );

    // A3 is registered after the point; A1 before it. Both are changed
    // behind the tool's back.
    // A department is inserted, and A2 deleted, behind the tool's back too.
    register(&env, "A3");
    env.sql("UPDATE asset SET name = '改过' WHERE tag IN ('A1', 'A3');");
    env.sql("INSERT INTO department (name, created_at) VALUES ('幽灵科', '2026-01-01');");
    env.sql("PRAGMA foreign_keys=OFF; DELETE FROM asset WHERE tag = 'A2';");
    let daily = env
        .run(&["audit", "check", "--only", "audit", "--format", "csv"])
        .code(2)
        .stdout;
    assert!(
        daily.contains("CRITICAL,audit,asset A3,differs from its last audited state"),
        "{daily}"
    );
    // A row added since the point has no entry to be touched by, but is
    // above the point's rowid: named the next day.
    assert!(
        daily.contains("CRITICAL,audit,department 幽灵科,was inserted without an audit entry"),
        "{daily}"
    );
    assert!(!daily.contains("asset A1"), "{daily}");
    assert!(!daily.contains("asset A2"), "{daily}");
    assert!(
        daily.contains(&format!(
            "entries {} to {} were verified now",
            point + 1,
            point + 1
        )),
        "{daily}"
    );

    let full = env
        .run(&["audit", "verify", "--full", "--format", "csv"])
        .code(2)
        .stdout;
    for tag in ["A1", "A3"] {
        assert!(
            full.contains(&format!(
                "CRITICAL,audit,asset {tag},differs from its last audited state"
            )),
            "{full}"
        );
    }
    assert!(
        full.contains("CRITICAL,audit,asset A2,was deleted without an audit entry"),
        "{full}"
    );
    assert!(
        full.contains("CRITICAL,audit,department 幽灵科,was inserted without"),
        "{full}"
    );
    assert!(!full.contains("full comparison"), "{full}");
    // Until a full comparison is clean, every daily check says it was not.
    env.run(&["audit", "verify"])
        .code(2)
        .stdout_has("the last full comparison of every table with the trail, on ")
        .stdout_has("found 4 problem(s); `infogov audit verify --full` names them");

    // Put right, the next full comparison is clean again.
    env.sql("UPDATE asset SET name = 'PC' WHERE tag IN ('A1', 'A3');");
    env.sql("DELETE FROM department WHERE name = '幽灵科';");
    env.sql(&restore(&env, "asset", "A2"));
    env.run(&["audit", "verify", "--full"])
        .success()
        .stdout_is("AUDIT OK - no findings\n");
    env.run(&["audit", "verify", "--format", "csv"])
        .success()
        .stdout_has(", clean\"");
}

#[test]
fn the_daily_check_warns_once_the_full_comparison_is_overdue() {
    let env = verified();
    // The full comparison ran at the real time; a week after it is overdue.
    let late = env
        .run(&[
            "--as-of",
            "2099-01-01",
            "audit",
            "check",
            "--only",
            "audit",
            "--format",
            "csv",
        ])
        .code(1)
        .stdout;
    assert!(
        late.contains("WARNING,audit,full comparison,\"the last full comparison of every table with the trail ran on ")
            && late.contains("more than 1w ago")
            && late.contains("run `infogov audit verify --full`"),
        "{late}"
    );
    // The interval is the config's.
    let config = env.write("config.toml", "[audit]\nfull_every = \"100y\"\n");
    env.run(&[
        "--config",
        config.to_str().unwrap(),
        "--as-of",
        "2099-01-01",
        "audit",
        "check",
        "--only",
        "audit",
    ])
    .success();
    let bad = env.write("bad.toml", "[audit]\nfull_every = \"weekly\"\n");
    env.run(&["--config", bad.to_str().unwrap(), "audit", "verify"])
        .code(3)
        .stderr_has("audit.full_every: \"weekly\" is not an interval");
    // A full comparison, however late, puts the check back to OK.
    env.run(&["--as-of", "2099-01-01", "audit", "verify", "--full"])
        .success();
    env.run(&["audit", "check", "--only", "audit", "--nagios"])
        .success()
        .stdout_has("OK [audit] full comparison");
}

#[test]
fn a_forged_entry_after_the_point_is_named_by_the_daily_check() {
    // An entry appended with the sqlite3 CLI, its hash left wrong.
    let env = verified();
    let next = head(&env) + 1;
    let forge = forge_transfer(next, "X'00'");
    env.sql(&forge);
    env.run(&["audit", "check", "--only", "audit", "--format", "csv"])
        .code(2)
        .stdout_has(&format!(
            "CRITICAL,audit,asset A1,entry {next} was altered after it was written"
        ));

    // The same, with every hash recomputed: the chain and the row agree,
    // and the daily check names the entries that were never witnessed, and
    // who they claim to be by.
    let env = verified();
    assert_eq!(head(&env) + 1, next);
    env.sql(&forge);
    rechain(&env);
    env.run(&["audit", "check", "--only", "audit", "--format", "csv"])
        .code(1)
        .stdout_has(&format!(
            "WARNING,audit,audit_log {next}..{next},\"entries {next} to {next} were never witnessed"
        ))
        .stdout_has("by 张院长");
}

#[test]
fn a_rewritten_past_contradicts_the_verified_point() {
    let env = verified();
    let point = head(&env);
    // Entry 2's actor changed and every hash recomputed: the chain is whole,
    // but it no longer holds the entry verified last, so the check walks and
    // compares everything.
    env.sql(&forge_actor(2, "张院长"));
    rechain(&env);
    env.run(&["audit", "check", "--only", "audit", "--format", "csv"])
        .code(2)
        .stdout_has(&format!(
            "CRITICAL,audit,audit_log {point},entry {point} is not the entry verified last"
        ))
        .stdout_has("is not the witnessed entry");
    // An entry removed from before the point, hashes left alone, is found
    // only by walking from the start: the full comparison.
    let env = verified();
    env.sql(&forge_actor(3, "张院长"));
    env.run(&["audit", "check", "--only", "audit"]).success();
    env.run(&["audit", "verify", "--full"])
        .code(2)
        .stdout_has("entry 3 was altered after it was written");
}

#[test]
fn a_damaged_verified_point_is_named_and_everything_compared() {
    let env = verified();
    let mark = env.path(".config/infogov/witness.verified.json");
    std::fs::write(&mark, "{ not json").unwrap();
    env.sql("UPDATE asset SET name = 'X' WHERE tag = 'A1';");
    env.run(&["audit", "verify", "--format", "csv"])
        .code(2)
        .stdout_has("WARNING,audit,verified point,the verified point ")
        .stdout_has("it was damaged; every table was compared")
        .stdout_has("CRITICAL,audit,asset A1,differs from its last audited state");
}

#[test]
fn the_full_comparison_follows_a_renamed_record_and_names_a_deleted_one() {
    // A rename tells the trail the old name is gone (a delete entry); the
    // full comparison counts the trail's live records with it, and still
    // names a record deleted behind the tool's back, renamed or not.
    let env = verified();
    env.ok(&[
        "dept",
        "edit",
        "内科",
        "--name",
        "心内科",
        "--reason",
        "改名",
    ]);
    env.run(&["audit", "verify", "--full"])
        .success()
        .stdout_is("AUDIT OK - no findings\n");
    env.sql("PRAGMA foreign_keys=OFF; DELETE FROM department WHERE name = '心内科';");
    env.run(&["audit", "verify", "--full", "--format", "csv"])
        .code(2)
        .stdout_has("CRITICAL,audit,department 心内科,was deleted without an audit entry")
        .stdout_lacks("department 内科,");
}

/// The register of schema 10 kept in tests/fixtures/trail (made by its
/// make-v10.sh with the binary of that schema), copied in as the register.
fn register_v10(env: &Env) {
    let from = format!(
        "{}/tests/fixtures/trail/register-v10.db",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::copy(&from, &env.db).unwrap_or_else(|e| panic!("{from}: {e}"));
}

#[test]
fn a_register_of_schema_10_is_migrated_and_verifies_clean() {
    let env = Env::bare();
    register_v10(&env);
    let before = env.sql("SELECT group_concat(seq || ' ' || hash || ' ' || coalesce(row, '-'), char(10)) FROM audit_log;");
    env.run(&["audit", "verify", "--full"])
        .success()
        .stdout_is("AUDIT OK - no findings\n");
    // Every entry as it was, now read through the view of the lean trail.
    assert_eq!(env.sql("PRAGMA user_version;").trim(), "11");
    assert_eq!(
        env.sql("SELECT group_concat(seq || ' ' || hash || ' ' || coalesce(row, '-'), char(10)) FROM audit_log;"),
        before
    );
    assert_eq!(
        env.sql("SELECT count(*), count(DISTINCT command) FROM audit_entry;")
            .trim(),
        "20|16"
    );
    // The old entries read as before, and new ones join the same chain.
    env.run(&["asset", "history", "PC-001"])
        .success()
        .stdout_has("门诊楼2层 \"分诊台\"")
        .stdout_has("王伟");
    env.ok(&["dept", "add", "药剂科"]);
    env.run(&["audit", "log", "--entity", "department", "--format", "csv"])
        .success()
        .stdout_has("王伟")
        .stdout_has("tester")
        .stdout_has("{\"\"code\"\":null,\"\"created_at\"\"");
    env.run(&["audit", "verify", "--full"])
        .success()
        .stdout_is("AUDIT OK - no findings\n");
}

#[test]
fn a_tampered_register_of_schema_10_still_fails_once_migrated() {
    // Changed with the sqlite3 CLI before the upgrade: an entry's row, and
    // a row of the register.
    let env = Env::bare();
    register_v10(&env);
    env.sql(
        "UPDATE audit_log SET row = replace(row, '联想 启天M437', '戴尔') WHERE seq = 9;
         UPDATE asset SET price = 100 WHERE tag = 'NB-002';",
    );
    env.run(&["audit", "verify", "--full", "--format", "csv"])
        .code(2)
        .stdout_has("CRITICAL,audit,asset PC-001,entry 9 was altered after it was written")
        .stdout_has("CRITICAL,audit,asset NB-002,differs from its last audited state");
    // And the entries that were not touched still verify: nothing else is named.
    let out = env
        .run(&["audit", "verify", "--full", "--format", "csv"])
        .code(2);
    assert_eq!(out.stdout.lines().count(), 3, "{}", out.stdout);
}

#[test]
fn a_copy_of_schema_10_is_proved_restorable_without_changing_it() {
    // A backup of the register made before the upgrade: `backup restore-test`
    // upgrades a scratch copy of it to verify it, and leaves the file as it was.
    let env = Env::new();
    let copy = env.path("register-2026-11.db");
    std::fs::copy(
        format!(
            "{}/tests/fixtures/trail/register-v10.db",
            env!("CARGO_MANIFEST_DIR")
        ),
        &copy,
    )
    .unwrap();
    let before = std::fs::read(&copy).unwrap();
    let out = env
        .run(&[
            "backup",
            "restore-test",
            copy.to_str().unwrap(),
            "--format",
            "json",
        ])
        .success()
        .json();
    assert_eq!(out[0]["schema_version"], 10, "{out}");
    assert_eq!(out[0]["audit_entries"], 20, "{out}");
    assert_eq!(std::fs::read(&copy).unwrap(), before);
    // Damaged in its trail, it is refused, naming what is wrong.
    let tampered = env.path("tampered.db");
    std::fs::copy(&copy, &tampered).unwrap();
    let sql = std::process::Command::new("sqlite3")
        .arg(&tampered)
        .arg("UPDATE audit_log SET actor = '张院长' WHERE seq = 9;")
        .status()
        .unwrap();
    assert!(sql.success());
    env.run(&["backup", "restore-test", tampered.to_str().unwrap()])
        .error(&["the audit trail does not verify", "entry 9 was altered"]);
}
