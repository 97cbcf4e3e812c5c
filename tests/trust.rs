//! Trust (issue #16): the attacks of someone who has the register file on
//! its audit trail, performed as they were (the sqlite3 CLI, a script that
//! recomputes the hashes) and what they meet now.

use std::process::Stdio;

use sha2::{Digest, Sha256};

use crate::support::Env;

pub(crate) fn populated() -> Env {
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

pub(crate) fn sha256(path: &std::path::Path) -> String {
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

/// What a 15-line script does to someone's register: recomputes every
/// entry's hash, so the chain is whole again after entries were changed,
/// removed or added with the sqlite3 CLI. It reads the entries whole from
/// the `audit_log` view and writes each hash back as its 32 bytes.
pub(crate) fn rechain(env: &Env) {
    let out = std::process::Command::new("sqlite3")
        .arg("-json")
        .arg(&env.db)
        .arg("SELECT seq, at, actor, os_user, command, entity, key, action, row FROM audit_log ORDER BY seq")
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
            "UPDATE audit_entry SET hash = X'{hash}' WHERE seq = {seq};"
        ));
        prev = hash;
    }
    sql.push_str("COMMIT;");
    env.sql(&sql);
}

/// The SQL that makes entry `seq` claim another actor: a command row of its
/// own, the same but for the actor, as someone with the sqlite3 CLI would.
pub(crate) fn forge_actor(seq: i64, actor: &str) -> String {
    format!(
        "INSERT INTO audit_command (at, actor, os_user, line)
           SELECT c.at, '{actor}', c.os_user, c.line FROM audit_entry e JOIN audit_command c ON c.id = e.command WHERE e.seq = {seq};
         UPDATE audit_entry SET command = last_insert_rowid() WHERE seq = {seq};"
    )
}

/// The SQL that appends entry `next` as 张院长 moving asset A1 to 院长室
/// (and moves it), its hash left as `hash` (SQL): the newest entry of A1
/// with the location replaced, as a forger with the sqlite3 CLI writes it.
pub(crate) fn forge_transfer(next: i64, hash: &str) -> String {
    format!(
        "UPDATE asset SET location = '院长室' WHERE tag = 'A1';
         INSERT INTO audit_command (at, actor, os_user, line)
           VALUES ('2026-11-28T09:00:00Z', '张院长', 'zhang', 'asset transfer A1 --location 院长室');
         INSERT INTO audit_entry (seq, command, entity, key, action, shape, row, hash)
           SELECT {next}, last_insert_rowid(), 'asset', 'A1', 'update', e.shape,
                  json_replace(e.row, '$[' || (SELECT n.key FROM audit_shape s, json_each(s.columns) n
                                                WHERE s.id = e.shape AND n.value = 'location') || ']', '院长室'),
                  {hash}
           FROM audit_entry e WHERE e.entity = 'asset' AND e.key = 'A1' ORDER BY e.seq DESC LIMIT 1;"
    )
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
        "DELETE FROM audit_entry WHERE seq = {seq}; PRAGMA foreign_keys = OFF; DELETE FROM asset WHERE tag = 'A2';"
    ));
    env.run(&["audit", "verify", "--format", "csv"])
        .code(2)
        .stdout_has(&format!(
            "the witnessed entry {seq} is no longer in the trail"
        ));

    // A rewritten past: an entry's actor changed and every hash recomputed.
    let env = populated();
    env.sql(&forge_actor(2, "张院长"));
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
    env.run(&["audit", "verify", "--full"])
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
    env.sql(&forge_transfer(seq + 1, "X'00'"));
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
    env.sql(&forge_actor(2, "张院长"));
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
        "DELETE FROM audit_entry WHERE seq = {seq}; DELETE FROM department WHERE name = '外科';"
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
