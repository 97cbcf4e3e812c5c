//! Trust (issue #16): the attacks of someone who has the register file, and
//! of a reader's terminal and spreadsheet, performed as they were and met.

use std::process::Stdio;

use sha2::{Digest, Sha256};

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
        "--tag",
        "A1",
        "--price",
        "100",
        "--custodian",
        "王伟",
        "--location",
        "2F",
    ]);
    env
}

fn sha256(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_trigger_named_like_sqlites_own_is_refused_and_named() {
    let env = populated();
    // `_` in LIKE 'sqlite_%' matches any character: this name used to pass.
    env.sql(
        "CREATE TRIGGER sqlitex_evil AFTER INSERT ON asset BEGIN UPDATE asset SET location = 'elsewhere' WHERE id = NEW.id; END;",
    );
    env.run(&["audit", "verify", "--format", "csv"])
        .code(2)
        .stdout_has("CRITICAL,audit,trigger sqlitex_evil,is not part of the infogov schema");
    env.run(&[
        "asset", "register", "--kind", "desktop", "--name", "PC", "--dept", "内科", "--tag", "A9",
    ])
    .error(&["trigger sqlitex_evil", "infogov did not create", "refusing"]);
    assert_eq!(
        env.sql("SELECT count(*) FROM asset WHERE tag = 'A9';"),
        "0\n"
    );
    env.run(&["asset", "list"]).error(&["trigger sqlitex_evil"]);
    let env = populated();
    env.sql("CREATE VIEW sqlite9 AS SELECT 1;");
    env.run(&["person", "list"]).error(&["view sqlite9"]);
}

#[test]
fn sixty_checks_during_concurrent_writes_find_nothing_false() {
    let env = populated();
    let writer = env
        .shell(
            "i=0; while [ $i -lt 400 ] && [ ! -e stop ]; do \
             \"$INFOGOV\" asset register --kind desktop --name PC --dept 内科 --tag W$i >/dev/null || exit 1; \
             i=$((i+1)); done",
        )
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut bad = Vec::new();
    for _ in 0..60 {
        let r = env.run(&["audit", "check", "--only", "audit", "--format", "csv"]);
        if r.code != 0 {
            bad.push(format!("exit {}: {}{}", r.code, r.stdout, r.stderr));
        }
        let r = env.run(&["audit", "verify"]);
        if r.code != 0 {
            bad.push(format!("verify exit {}: {}{}", r.code, r.stdout, r.stderr));
        }
    }
    std::fs::write(env.path("stop"), "").unwrap();
    let out = writer.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written: i64 = env
        .sql("SELECT count(*) FROM asset WHERE tag LIKE 'W%';")
        .trim()
        .parse()
        .unwrap();
    assert!(written > 0, "the writer wrote nothing while the checks ran");
    assert!(
        bad.is_empty(),
        "{} false findings, first: {}",
        bad.len(),
        bad[0]
    );
}

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

/// What a 15-line script does to someone's register: recomputes every
/// entry's hash, so the chain is whole again after entries were changed,
/// removed or added with the sqlite3 CLI.
fn rechain(env: &Env) {
    let out = std::process::Command::new("sqlite3")
        .arg("-json")
        .arg(&env.db)
        .arg("SELECT seq, at, actor, os_user, command, entity, key, action, row, hash FROM audit_log ORDER BY seq")
        .output()
        .unwrap();
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut prev = "0".repeat(64);
    let mut sql = String::from("BEGIN;");
    for e in entries {
        let seq = e["seq"].as_i64().unwrap();
        let text = |k: &str| e[k].as_str().unwrap_or("\u{0}").to_string();
        let mut h = Sha256::new();
        for part in [
            seq.to_string(),
            text("at"),
            text("actor"),
            text("os_user"),
            text("command"),
            text("entity"),
            text("key"),
            text("action"),
            text("row"),
            prev.clone(),
        ] {
            h.update(part.as_bytes());
            h.update([0x1f]);
        }
        let hash: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        sql.push_str(&format!(
            "UPDATE audit_log SET prev_hash = '{prev}', hash = '{hash}' WHERE seq = {seq};"
        ));
        prev = hash;
    }
    sql.push_str("COMMIT;");
    env.sql(&sql);
}

fn head(env: &Env) -> (i64, String) {
    let h = env
        .run(&["audit", "head", "--format", "json"])
        .success()
        .json();
    (
        h[0]["seq"].as_i64().unwrap(),
        h[0]["anchor"].as_str().unwrap().to_string(),
    )
}

/// Sets up a checkpoint key the way the user guide says: the secret half
/// outside the register's folder, the public half in the config.
fn with_key(env: &Env) -> std::path::PathBuf {
    let key = env.path("keys/checkpoint.key");
    std::fs::create_dir_all(key.parent().unwrap()).unwrap();
    let out = env
        .run(&[
            "audit",
            "keygen",
            "--out",
            key.to_str().unwrap(),
            "--format",
            "json",
        ])
        .success()
        .json();
    let public = out[0]["public_key"].as_str().unwrap().to_string();
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&key).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    env.run(&["audit", "keygen", "--out", key.to_str().unwrap()])
        .error(&["--out", "never overwritten"]);
    let config = env.path(".config/infogov/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, format!("[audit]\npublic_key = \"{public}\"\n")).unwrap();
    key
}

#[test]
fn the_witness_file_contradicts_truncation_rollback_and_a_rewritten_past() {
    let env = populated();
    let witness = env.path(".config/infogov/witness.jsonl");
    let lines = std::fs::read_to_string(&witness).unwrap();
    let (seq, _) = head(&env);
    assert!(
        lines
            .lines()
            .last()
            .unwrap()
            .contains(&format!("\"seq\":{seq},")),
        "{lines}"
    );
    env.run(&["audit", "verify"]).success();

    // A rollback: the file replaced by an older copy of itself.
    let old = env.path("old.db");
    env.sql(&format!("VACUUM INTO '{}';", old.display()));
    env.ok(&[
        "asset", "register", "--kind", "desktop", "--name", "PC2", "--dept", "内科", "--tag", "A2",
    ]);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", env.db.display()));
    }
    std::fs::copy(&old, &env.db).unwrap();
    env.run(&["audit", "verify"]).code(2).stdout_has(&format!(
        "the witnessed entry {} is no longer in the trail (which ends at {seq})",
        seq + 1
    ));
    // cron's check, which takes no anchor, sees it too.
    env.run(&["audit", "check", "--nagios"])
        .code(2)
        .stdout_has("COMPLIANCE CRITICAL");

    // A truncation with the data undone: a consistent chain, one entry short.
    let env = populated();
    env.ok(&[
        "asset", "register", "--kind", "desktop", "--name", "PC2", "--dept", "内科", "--tag", "A2",
    ]);
    let (seq, _) = head(&env);
    env.sql(&format!(
        "DELETE FROM audit_log WHERE seq = {seq}; PRAGMA foreign_keys = OFF; DELETE FROM asset WHERE tag = 'A2';"
    ));
    env.run(&["audit", "verify", "--format", "csv"])
        .code(2)
        .stdout_has(&format!(
            "the witnessed entry {seq} is no longer in the trail"
        ));

    // A rewritten past: an entry's actor changed and every hash recomputed.
    let env = populated();
    env.sql("UPDATE audit_log SET actor = '张院长' WHERE seq = 2;");
    rechain(&env);
    env.run(&["audit", "verify"])
        .code(2)
        .stdout_has("is not the witnessed entry")
        .stdout_lacks("was altered after it was written");
}

#[test]
fn a_forged_tail_is_named_and_a_forged_past_fails_the_signed_checkpoint() {
    let env = populated();
    let key = with_key(&env);
    // With a key configured and nothing signed yet, the check says so.
    env.run(&["audit", "verify"])
        .code(1)
        .stdout_has("there is no signed checkpoint yet");
    let signed = env
        .run(&["audit", "checkpoint", "--key", key.to_str().unwrap()])
        .success()
        .stdout;
    let (seq, _) = head(&env);
    assert!(
        signed.contains(&format!("Signed checkpoint of entry {seq}")),
        "{signed}"
    );
    env.run(&["audit", "verify"])
        .success()
        .stdout_is("AUDIT OK - no findings\n");
    env.run(&["audit", "checkpoint", "--key", key.to_str().unwrap()])
        .error(&["already checkpointed"]);

    // Writes after the checkpoint are INFO: not yet checkpointed.
    env.ok(&["dept", "add", "外科"]);
    env.run(&["audit", "verify", "--format", "csv"])
        .success()
        .stdout_has(&format!(
            "OK,audit,audit_log {}..{},\"entries {} to {} are not yet checkpointed",
            seq + 1,
            seq + 1,
            seq + 1,
            seq + 1
        ));
    // ... and WARNING once the newest checkpoint is older than a week.
    env.run(&[
        "--as-of",
        "2099-01-01",
        "audit",
        "verify",
        "--format",
        "csv",
    ])
    .code(1)
    .stdout_has("WARNING,audit,audit_log");
    env.run(&["audit", "checkpoint", "--key", key.to_str().unwrap()])
        .success();

    // The attack: an appended entry as 张院长 with a valid hash.
    let (seq, _) = head(&env);
    env.sql(&format!(
        "UPDATE asset SET location = '院长室' WHERE tag = 'A1';
         INSERT INTO audit_log (seq, at, actor, os_user, command, entity, key, action, row, prev_hash, hash)
         SELECT {next}, '2026-11-28T09:00:00Z', '张院长', 'zhang', 'asset transfer A1 --location 院长室',
                'asset', 'A1', 'update', (SELECT json_patch(row, '{{\"location\":\"院长室\"}}') FROM audit_log WHERE entity = 'asset' AND key = 'A1' ORDER BY seq DESC LIMIT 1), '', ''",
        next = seq + 1
    ));
    rechain(&env);
    let out = env
        .run(&["audit", "verify", "--format", "csv"])
        .code(1)
        .stdout;
    assert!(
        out.contains(&format!(
            "entries {} to {} are not yet checkpointed",
            seq + 1,
            seq + 1
        )) && out.contains("by 张院长"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "entries {} to {} were never witnessed",
            seq + 1,
            seq + 1
        )),
        "{out}"
    );

    // Forging the past instead fails against the signature.
    let env = populated();
    let key = with_key(&env);
    env.ok(&["audit", "checkpoint", "--key", key.to_str().unwrap()]);
    // Without the witness file, only the checkpoint stands in the way.
    std::fs::remove_file(env.path(".config/infogov/witness.jsonl")).unwrap();
    env.sql("UPDATE audit_log SET actor = '张院长' WHERE seq = 2;");
    rechain(&env);
    env.run(&["audit", "verify"])
        .code(2)
        .stdout_has("is not the checkpointed entry");
    // A checkpoint re-signed by the intruder's own key does not verify.
    let env = populated();
    let key = with_key(&env);
    env.ok(&["audit", "checkpoint", "--key", key.to_str().unwrap()]);
    env.sql("UPDATE audit_checkpoint SET at = '2026-11-01T00:00:00Z';");
    env.run(&["audit", "verify"])
        .code(2)
        .stdout_has("signature that does not verify with audit.public_key");
    let other = env.path("other.key");
    env.ok(&["audit", "keygen", "--out", other.to_str().unwrap()]);
    env.run(&["audit", "checkpoint", "--key", other.to_str().unwrap()])
        .error(&[
            "--key",
            "is not the key whose public half is audit.public_key",
        ]);
}

#[test]
fn anchors_are_many_and_may_come_from_a_file() {
    let env = populated();
    let (_, first) = head(&env);
    env.ok(&["dept", "add", "外科"]);
    let (seq, second) = head(&env);
    env.run(&["audit", "verify", "--anchor", &first, "--anchor", &second])
        .success();
    let csv = env
        .run(&["audit", "head", "--format", "csv"])
        .success()
        .stdout;
    let file = env.write(
        "anchors.csv",
        &format!("# kept on the log host\n{first}\n{csv}"),
    );
    env.run(&["audit", "verify", "--anchor", file.to_str().unwrap()])
        .success();
    // Truncated and the data undone: the anchors in the file give it away.
    std::fs::remove_file(env.path(".config/infogov/witness.jsonl")).unwrap();
    env.sql(&format!(
        "DELETE FROM audit_log WHERE seq = {seq}; DELETE FROM department WHERE name = '外科';"
    ));
    env.run(&["audit", "verify", "--anchor", file.to_str().unwrap()])
        .code(2)
        .stdout_has(&format!(
            "the anchored entry {seq} is no longer in the trail"
        ));
    let bad = env.write("bad.txt", "seq,hash,anchor\nnot an anchor\n");
    env.run(&["audit", "verify", "--anchor", bad.to_str().unwrap()])
        .error(&["--anchor", "line 2", "holds no SEQ:HASH anchor"]);
    env.run(&["audit", "verify", "--anchor", "nonsense"])
        .error(&["--anchor", "\"nonsense\""]);
}

/// The OS user the tests run as.
fn me() -> String {
    whoami::username().unwrap()
}

/// Runs as the logged-in OS user: no `INFOGOV_ACTOR`.
fn logged_in(env: &Env, args: &[&str]) -> crate::support::Run {
    env.run_env(args, &[("INFOGOV_ACTOR", "")])
}

fn file_request(env: &Env) {
    env.ok(&[
        "--actor",
        "王伟",
        "--as-of",
        "2026-03-01",
        "request",
        "new",
        "--kind",
        "config-change",
        "--dept",
        "内科",
        "--title",
        "门诊电脑更新",
        "--purpose",
        "门诊挂号",
        "--item",
        "台式机;2;i5/16G/512G;4999",
    ]);
    env.ok(&[
        "--actor",
        "王伟",
        "--as-of",
        "2026-03-02",
        "request",
        "submit",
        "1",
    ]);
}

#[test]
fn the_logged_in_person_is_the_actor_and_may_not_pose_as_another() {
    let env = Env::with_org();
    // No logins yet: the actor is a name, as it always was.
    env.ok(&["person", "login", "李娜", &me()]);
    logged_in(&env, &["dept", "add", "外科"]).success();
    // (`audit log --actor` filters, and INFOGOV_ACTOR would set it.)
    let log = logged_in(
        &env,
        &[
            "audit",
            "log",
            "--entity",
            "department",
            "--key",
            "外科",
            "--format",
            "json",
        ],
    )
    .success()
    .json();
    assert_eq!(log[0]["actor"], "李娜");
    assert_eq!(log[0]["os_user"], me());
    logged_in(&env, &["--actor", "张院长", "dept", "add", "骨科"]).error(&[
        "--actor",
        "is 李娜",
        "may not act as \"张院长\"",
        "--on-behalf-of",
    ]);
    // The variable a script sets is --actor too.
    env.run(&["dept", "add", "骨科"])
        .error(&["--actor", "may not act as \"tester\""]);
    logged_in(&env, &["--actor", "李娜", "dept", "add", "骨科"]).success();
    env.run(&["person", "list", "--format", "csv"])
        .success()
        .stdout_has(&format!("李娜,信息科,office,0,{}", me()));
}

#[test]
fn roles_are_granted_by_an_administrator_and_never_to_oneself() {
    let env = Env::with_org();
    // With nobody logged in, anyone may still name roles (as before); but
    // not for themselves.
    env.run(&[
        "--actor", "李娜", "person", "role", "李娜", "--grant", "approver",
    ])
    .error(&["may not grant a role to themselves"]);
    env.ok(&["person", "login", "李娜", &me()]);
    // Now only an administrator: "tester" is nobody.
    env.run(&[
        "--actor", "tester", "person", "role", "王伟", "--grant", "approver",
    ])
    .error(&["--actor"]);
    logged_in(&env, &["person", "role", "王伟", "--grant", "approver"])
        .success()
        .stdout_has("王伟 is now approver (was staff)");
    logged_in(&env, &["person", "role", "王伟", "--revoke", "approver"])
        .success()
        .stdout_has("王伟 is now staff (was approver)");
    logged_in(&env, &["person", "role", "王伟", "--revoke", "office"])
        .error(&["--revoke", "is staff, not office"]);
    logged_in(&env, &["person", "role", "李娜", "--grant", "approver"])
        .error(&["may not grant a role to themselves"]);
    logged_in(
        &env,
        &[
            "person",
            "add",
            "假院长",
            "--dept",
            "信息科",
            "--role",
            "approver",
        ],
    )
    .success();
    // A staff member with the same login (one human, two records) is no
    // administrator when acting as the staff record.
    logged_in(
        &env,
        &["person", "add", "李娜", "--dept", "内科", "--login", &me()],
    )
    .success();
    logged_in(
        &env,
        &[
            "--actor",
            "李娜@内科",
            "person",
            "role",
            "王伟",
            "--grant",
            "office",
        ],
    )
    .error(&["李娜@内科 is staff", "only an administrator"]);
    // The change is audited.
    let log = logged_in(
        &env,
        &["audit", "log", "--entity", "person", "--format", "json"],
    )
    .success()
    .json();
    assert!(log.as_array().unwrap().iter().any(|e| {
        e["command"]
            .as_str()
            .unwrap()
            .contains("person role 王伟 --grant approver")
    }));
}

#[test]
fn an_administrator_records_a_step_on_behalf_of_another_with_evidence() {
    let env = Env::with_org();
    file_request(&env);
    env.ok(&[
        "--actor",
        "李娜",
        "--as-of",
        "2026-03-03",
        "request",
        "review",
        "1",
        "--accept",
    ]);
    env.ok(&["person", "login", "李娜", &me()]);
    // Without evidence, refused before anything is written.
    logged_in(
        &env,
        &[
            "--on-behalf-of",
            "张院长",
            "--as-of",
            "2026-03-04",
            "request",
            "approve",
            "1",
        ],
    )
    .code(2);
    let form = env.write("approval-scan.pdf", "%PDF-1.4 signed 张院长 2026-03-04");
    let form = form.to_str().unwrap();
    logged_in(
        &env,
        &[
            "--on-behalf-of",
            "张院长",
            "--on-behalf-evidence",
            form,
            "--as-of",
            "2026-03-04",
            "request",
            "approve",
            "1",
            "--comment",
            "同意（纸质签批）",
        ],
    )
    .success();
    let history = env
        .run(&["request", "show", "1", "--format", "json"])
        .success()
        .stdout;
    assert!(history.contains("张院长"), "{history}");
    let log = logged_in(&env, &["audit", "log", "--format", "json"])
        .success()
        .json();
    let entries = log.as_array().unwrap();
    let ob = entries
        .iter()
        .find(|e| e["entity"] == "on_behalf")
        .expect("an on_behalf entry");
    let row: serde_json::Value = serde_json::from_str(ob["row"].as_str().unwrap()).unwrap();
    assert_eq!(
        row["evidence_sha256"].as_str().unwrap(),
        sha256(std::path::Path::new(form))
    );
    let step = entries
        .iter()
        .rev()
        .find(|e| e["entity"] == "request_step")
        .unwrap();
    assert_eq!(step["actor"], "张院长");
    assert_eq!(step["recorded_by"], "李娜");
    env.run(&["audit", "verify"]).success();
    env.run(&[
        "audit",
        "report",
        "--only",
        "on-behalf",
        "--from",
        "2026-01-01",
        "--to",
        "2030-12-31",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("on-behalf,recorded,,,1,,REQ-6,")
    .stdout_has("recorded by 李娜@信息科: `infogov --on-behalf-of 张院长")
    .stdout_has(&sha256(std::path::Path::new(form)));

    // Strict identity: nobody records for another.
    let config = env.path(".config/infogov/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "identity = \"strict\"\n").unwrap();
    logged_in(
        &env,
        &[
            "--on-behalf-of",
            "张院长",
            "--on-behalf-evidence",
            form,
            "dept",
            "add",
            "外科",
        ],
    )
    .error(&["--on-behalf-of", "identity = \"strict\""]);
    std::fs::remove_file(&config).unwrap();
    // Only an administrator: 李娜 as her staff record may not.
    logged_in(
        &env,
        &["person", "add", "李娜", "--dept", "内科", "--login", &me()],
    )
    .success();
    logged_in(
        &env,
        &[
            "--actor",
            "李娜@内科",
            "--on-behalf-of",
            "张院长",
            "--on-behalf-evidence",
            form,
            "dept",
            "add",
            "外科",
        ],
    )
    .error(&["李娜@内科 is staff", "only an administrator"]);
    // Nobody logged in: no on-behalf at all.
    let fresh = Env::with_org();
    fresh
        .run(&[
            "--on-behalf-of",
            "张院长",
            "--on-behalf-evidence",
            form,
            "dept",
            "add",
            "外科",
        ])
        .error(&["is no registered person's login"]);
}

#[test]
fn separation_of_duties_holds_per_human_across_registrations() {
    let env = Env::with_org();
    // One man, three records: 王伟@内科 staff, 王伟@信息科 office, 王伟@院办 approver.
    env.ok(&["dept", "add", "院办"]);
    env.ok(&[
        "person",
        "add",
        "王伟",
        "--dept",
        "信息科",
        "--role",
        "office",
    ]);
    env.ok(&[
        "person", "add", "王伟", "--dept", "院办", "--role", "approver",
    ]);
    // The OS user running the tests is nobody's login, so --actor names
    // the administrator, as before logins existed.
    for p in ["王伟@内科", "王伟@信息科", "王伟@院办"] {
        env.ok(&["--actor", "李娜", "person", "login", p, "wangwei"]);
    }
    env.ok(&["--actor", "李娜", "dept", "liaison", "院办", "王伟@院办"]);
    env.run(&["audit", "check", "--only", "org", "--format", "csv"])
        .code(1)
        .stdout_has(
            "WARNING,org,login wangwei,\"one person holds both the office and the approver role",
        );
    env.ok(&[
        "--actor",
        "王伟@内科",
        "--as-of",
        "2026-03-01",
        "request",
        "new",
        "--kind",
        "config-change",
        "--dept",
        "内科",
        "--title",
        "自批",
        "--purpose",
        "x",
        "--item",
        "台式机;1;i5;4999",
    ]);
    env.ok(&[
        "--actor",
        "王伟@内科",
        "--as-of",
        "2026-03-02",
        "request",
        "submit",
        "1",
    ]);
    env.run(&[
        "--actor",
        "王伟@信息科",
        "--as-of",
        "2026-03-03",
        "request",
        "review",
        "1",
        "--accept",
    ])
    .error(&["王伟 filed request 1 and may not review", "REQ-6"]);
    env.ok(&[
        "--actor",
        "李娜",
        "--as-of",
        "2026-03-03",
        "request",
        "review",
        "1",
        "--accept",
    ]);
    env.run(&[
        "--actor",
        "王伟@院办",
        "--as-of",
        "2026-03-04",
        "request",
        "approve",
        "1",
    ])
    .error(&["may not approve it", "REQ-6"]);
}

#[test]
fn init_names_the_first_administrator() {
    let env = Env::bare();
    env.run(&["init", "--admin", "李娜@信息科"])
        .success()
        .stdout_has(&format!(
            "李娜 of 信息科 is the first administrator (office role), logging in as {}",
            me()
        ));
    env.run(&["person", "list", "--format", "csv"])
        .success()
        .stdout_has(&format!("李娜,信息科,office,0,{}", me()));
    logged_in(&env, &["init", "--admin", "王伟@信息科"])
        .error(&["--admin", "already has administrators (李娜)"]);
    logged_in(&env, &["dept", "add", "内科"]).success();
}
