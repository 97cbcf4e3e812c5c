//! Concurrent writers, and a killed import.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::Env;

#[test]
fn two_concurrent_writers_both_succeed() {
    let env = Env::with_org();
    let script = |dept: &str| {
        format!(
            "for i in $(seq 1 200); do \"$INFOGOV\" asset register --kind desktop --name PC$i --dept {dept} >/dev/null || exit 1; done"
        )
    };
    let spawn = |dept: &str| {
        env.shell(&script(dept))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let a = spawn("内科");
    let b = spawn("信息科");
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    assert_eq!(env.sql("SELECT count(*) FROM asset;").trim(), "400");
    assert_eq!(
        env.sql("SELECT count(DISTINCT tag) FROM asset;").trim(),
        "400"
    );
    env.run(&["audit", "verify"]).success();
}

#[test]
fn a_killed_import_leaves_the_register_as_it_was() {
    let env = Env::with_org();
    env.ok(&[
        "asset", "register", "--kind", "desktop", "--name", "before", "--dept", "内科", "--tag",
        "B1",
    ]);
    let before_assets = env.sql("SELECT count(*) FROM asset;");
    let before_log = env.sql("SELECT count(*), max(seq) FROM audit_log;");
    let mut csv = String::from("kind,name,dept,custodian,price\n");
    for i in 0..400_000 {
        csv.push_str(&format!(
            "desktop,PC{i},内科,员工{},{}.00\n",
            i % 500,
            1000 + i % 7
        ));
    }
    let file = env.write("big.csv", &csv);
    let mut child = env
        .command(&["asset", "import", file.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the import has written 4 MiB into the WAL, then kill it
    // mid-way. A WAL that never grows means nothing was being written, and
    // the kill would prove nothing: that fails the test, however long the
    // machine takes to get there.
    let wal = env.path("register.db-wal");
    let start = Instant::now();
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let base = size(&wal);
    while size(&wal) < base + 4 * 1024 * 1024 {
        if child.try_wait().unwrap().is_some() {
            panic!("the import finished before it could be killed; make the file bigger");
        }
        if start.elapsed() > Duration::from_secs(300) {
            child.kill().unwrap();
            panic!(
                "the import wrote {} bytes to the WAL in 300 s: it was not killed mid-write",
                size(&wal) - base
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    // Killed, not finished: the signal ended it.
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(9), "{status:?}");
    assert_eq!(env.sql("PRAGMA integrity_check;").trim(), "ok");
    assert_eq!(env.sql("SELECT count(*) FROM asset;"), before_assets);
    assert_eq!(
        env.sql("SELECT count(*), max(seq) FROM audit_log;"),
        before_log
    );
    env.run(&["audit", "verify"]).success();
}
