//! The audit trail: every change recorded, and tampering found.

use crate::support::Env;

fn populated() -> Env {
    let env = Env::with_org();
    env.ok(&[
        "asset",
        "register",
        "--kind",
        "desktop",
        "--name",
        "PC",
        "--dept",
        "内科",
        "--custodian",
        "王伟",
        "--tag",
        "A1",
        "--price",
        "100",
    ]);
    env.ok(&[
        "asset", "register", "--kind", "printer", "--name", "P", "--dept", "内科", "--tag", "A2",
        "--status", "in-stock",
    ]);
    env.ok(&[
        "asset",
        "transfer",
        "A1",
        "--location",
        "2F",
        "--reason",
        "move",
    ]);
    env
}

#[test]
fn every_change_is_logged_with_who_and_the_row() {
    let env = populated();
    let log = env
        .run(&[
            "audit", "log", "--entity", "asset", "--key", "A1", "--format", "json",
        ])
        .success()
        .json();
    let entries = log.as_array().unwrap();
    assert_eq!(entries.len(), 2, "{log}");
    assert_eq!(entries[0]["action"], "insert");
    assert_eq!(entries[1]["action"], "update");
    assert_eq!(entries[1]["actor"], "tester");
    assert!(
        entries[1]["command"]
            .as_str()
            .unwrap()
            .starts_with("asset transfer A1")
    );
    let row: serde_json::Value = serde_json::from_str(entries[1]["row"].as_str().unwrap()).unwrap();
    assert_eq!(row["location"], "2F");
    assert_eq!(row["price"], 10000);
    // Filters.
    let by_actor = env
        .run(&["audit", "log", "--actor", "nobody", "--format", "json"])
        .success()
        .json();
    assert_eq!(by_actor.as_array().unwrap().len(), 0);
    // INFOGOV_ACTOR names who acts; it does not filter the log (clap shares
    // the option's name): another actor still sees every entry.
    let as_other = env
        .run_env(
            &["audit", "log", "--format", "json"],
            &[("INFOGOV_ACTOR", "nobody")],
        )
        .success()
        .json();
    assert_eq!(
        as_other.as_array().unwrap().len(),
        env.sql("SELECT count(*) FROM audit_log;")
            .trim()
            .parse::<usize>()
            .unwrap()
    );
    // Every entry, in order: the register's time zone (recorded by init),
    // the seven of the organisation, two registrations, and the transfer's
    // record and the asset's update.
    let all = env
        .run(&["audit", "log", "--since", "2000-01-01", "--format", "json"])
        .success()
        .json();
    let seqs: Vec<i64> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs, (1..=12).collect::<Vec<i64>>(), "{all}");
    assert_eq!(all[0]["entity"], "register_setting", "{all}");
    assert_eq!(env.sql("SELECT count(*) FROM audit_log;").trim(), "12");
    let none = env
        .run(&["audit", "log", "--since", "2999-01-01", "--format", "json"])
        .success()
        .json();
    assert_eq!(none.as_array().unwrap().len(), 0);
}

#[test]
fn a_clean_register_verifies() {
    let env = populated();
    env.run(&["audit", "verify"])
        .success()
        .stdout_is("AUDIT OK - no findings\n");
}

#[test]
fn a_row_changed_behind_the_back_is_named() {
    let env = populated();
    env.sql("UPDATE asset SET price = 1 WHERE tag = 'A1';");
    env.run(&["audit", "verify", "--format", "csv"])
        .code(2)
        .stdout_is("severity,area,subject,message,requirement\nCRITICAL,audit,asset A1,differs from its last audited state (changed behind the tool's back),SEC-4\n");
}

#[test]
fn a_row_inserted_or_deleted_behind_the_back_is_named() {
    let env = populated();
    env.sql("INSERT INTO department (name, created_at) VALUES ('幽灵科', '2026-01-01');");
    env.sql("PRAGMA foreign_keys=OFF; DELETE FROM asset WHERE tag = 'A2';");
    let out = env
        .run(&["audit", "verify", "--format", "csv"])
        .code(2)
        .stdout;
    assert!(
        out.contains("audit,department 幽灵科,was inserted without an audit entry"),
        "{out}"
    );
    assert!(
        out.contains("audit,asset A2,was deleted without an audit entry"),
        "{out}"
    );
}

#[test]
fn an_altered_or_removed_entry_breaks_the_chain() {
    let env = populated();
    env.sql(&crate::trust::forge_actor(3, "someone else"));
    env.run(&["audit", "verify"])
        .code(2)
        .stdout_has("entry 3 was altered after it was written");
    let env = populated();
    env.sql("DELETE FROM audit_entry WHERE seq = 4;");
    env.run(&["audit", "verify"])
        .code(2)
        .stdout_has("entries 4 to 4 are missing")
        .stdout_has("entry 5 does not follow the entry before it");
}

#[test]
fn an_anchor_detects_a_rewritten_chain() {
    let env = populated();
    let head = env
        .run(&["audit", "head", "--format", "json"])
        .success()
        .json();
    let anchor = head[0]["anchor"].as_str().unwrap().to_string();
    env.run(&["audit", "verify", "--anchor", &anchor]).success();
    // Truncating the newest entries leaves a valid chain; only the anchor,
    // and the rows the lost entries described, give it away.
    let seq: i64 = head[0]["seq"].as_i64().unwrap();
    env.sql(&format!("DELETE FROM audit_entry WHERE seq = {seq};"));
    env.run(&["audit", "verify", "--anchor", &anchor])
        .code(2)
        .stdout_has(&format!(
            "the anchored entry {seq} is no longer in the trail"
        ));
    env.run(&["audit", "verify", "--anchor", "12:abc"])
        .error(&["--anchor", "\"12:abc\""]);
}

#[test]
fn audit_check_collects_every_area() {
    let env = populated();
    env.run(&["audit", "check"])
        .success()
        .stdout_is("COMPLIANCE OK - no findings\n");
    env.ok(&["dept", "add", "外科"]);
    env.run(&["audit", "check", "--format", "csv"])
        .code(1)
        .stdout_has("WARNING,org,外科");
    // A row written before the verified point, changed behind the tool's
    // back: the full comparison names it (the daily check, from the point
    // on, is the subject of tests/audit_scale.rs).
    env.sql("UPDATE asset SET name = 'X' WHERE tag = 'A1';");
    env.run(&["audit", "check", "--full", "--nagios"])
        .code(2)
        .stdout_has("COMPLIANCE CRITICAL - 1 critical");
    env.run(&["audit", "check", "--only", "asset"]).success();
    // Now one finding in every other area, each made as a user would.
    env.ok(&[
        "asset",
        "register",
        "--kind",
        "desktop",
        "--name",
        "库存机",
        "--status",
        "in-stock",
        "--tag",
        "A3",
    ]);
    let sw = env.write("sw.csv", "software,tag,version\nQQ音乐,A1,19.0\n");
    env.ok(&["asset", "software", "import", sw.to_str().unwrap()]);
    env.ok(&[
        "--as-of",
        "2026-10-01",
        "--actor",
        "王伟",
        "request",
        "new",
        "--kind",
        "config-change",
        "--dept",
        "内科",
        "--title",
        "换电脑",
        "--asset",
        "A1",
        "--item",
        "台式机;1",
        "--submit",
        "--no-input",
    ]);
    env.ok(&[
        "consumable",
        "item",
        "add",
        "PAP",
        "--name",
        "纸",
        "--category",
        "paper",
        "--unit",
        "ream",
        "--reorder-level",
        "10",
    ]);
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env.ok(&[
        "--as-of",
        "2026-10-01",
        "duty",
        "add",
        "周检",
        "--every",
        "1w",
    ]);
    let areas = |args: &[&str]| -> Vec<String> {
        let mut v = vec!["audit", "check", "--format", "csv"];
        v.extend_from_slice(args);
        let out = env.run(&v).code(2).stdout;
        let mut a: Vec<String> = out
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(1).unwrap().to_string())
            .collect();
        a.sort();
        a.dedup();
        a
    };
    let every = [
        "asset",
        "audit",
        "backup",
        "consumable",
        "duty",
        "grade",
        "org",
        "request",
        "software",
    ];
    assert_eq!(areas(&[]), every);
    // Each area alone gives its own findings and no other's, and the exit
    // code of its worst.
    for (area, code) in every.iter().zip([1, 2, 1, 2, 2, 2, 1, 1, 1]) {
        let area = *area;
        let run = env
            .run(&["audit", "check", "--only", area, "--format", "csv"])
            .code(code);
        let rows: Vec<&str> = run.stdout.lines().skip(1).collect();
        assert!(!rows.is_empty(), "{area}: no findings");
        for r in &rows {
            assert_eq!(r.split(',').nth(1), Some(area), "{area}: {r}");
        }
    }
    assert_eq!(areas(&["--only", "org,grade"]), ["grade", "org"]);
    // An area that does not exist is refused by name, not ignored: on a
    // clean register, ignoring it would exit 0.
    let clean = populated();
    clean
        .run(&["audit", "check", "--only", "nonsense"])
        .code(2)
        .stderr_has("invalid value 'nonsense' for '--only <ONLY>'")
        .stdout_is("");
}

#[test]
fn a_trigger_planted_behind_the_back_is_named() {
    let env = populated();
    env.sql("CREATE TRIGGER hush AFTER INSERT ON asset BEGIN UPDATE asset SET network = 'internal' WHERE id = NEW.id; END;");
    env.run(&["audit", "verify", "--format", "csv"])
        .code(2)
        .stdout_has("CRITICAL,audit,trigger hush,is not part of the infogov schema: it was added behind the tool's back,SEC-4");
    let env = populated();
    env.sql("DROP INDEX asset_dept;");
    env.run(&["audit", "verify"])
        .code(2)
        .stdout_has("index asset_dept");
}
