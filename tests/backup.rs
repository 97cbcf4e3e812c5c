//! Backups: policies, runs recorded and imported from the real tools' output,
//! restore drills, the status, the check at every limit, and the register's
//! own backup.

use std::process::Stdio;

use crate::support::Env;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/backup/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// A register with the information systems HIS and ERP.
fn systems() -> Env {
    let env = Env::with_org();
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env.ok(&["system", "add", "ERP", "--owner-dept", "信息科"]);
    env
}

fn runs_csv(env: &Env) -> String {
    crate::support::without_columns(
        &env.ok(&["backup", "runs", "--format", "csv"]),
        &["id", "void"],
    )
}

fn count(env: &Env, table: &str) -> String {
    env.sql(&format!("SELECT count(*) FROM {table};"))
        .trim()
        .to_string()
}

/// Asserts that a failed command left the register exactly as it was.
fn unchanged(env: &Env, before: &str) {
    assert_eq!(
        env.sql("SELECT count(*), max(seq) FROM audit_log;"),
        before,
        "the audit trail changed"
    );
}

fn audit_head(env: &Env) -> String {
    env.sql("SELECT count(*), max(seq) FROM audit_log;")
}

// ---------------------------------------------------------------- policies

#[test]
fn policy_set_update_clear_list_and_show() {
    let env = systems();
    env.run(&[
        "--as-of",
        "2026-11-01T08:00:00Z",
        "backup",
        "policy",
        "HIS",
        "--full",
        "7d",
        "--diff",
        "1d",
        "--log",
        "1h",
        "--offsite",
        "7d",
        "--drill",
        "90d",
        "--retain-full",
        "30d",
        "--grace",
        "2h",
    ])
    .success()
    .stdout_is("Set the backup policy of HIS\n");
    // Only the limits named change; `none` clears one.
    env.ok(&[
        "--as-of",
        "2026-11-02T08:00:00Z",
        "backup",
        "policy",
        "HIS",
        "--log",
        "none",
        "--full",
        "2w",
    ]);
    env.ok(&[
        "--as-of",
        "2026-11-02T08:00:00Z",
        "backup",
        "policy",
        "ERP",
        "--full",
        "1q",
    ]);
    env.run(&["backup", "policy", "list", "--format", "csv"])
        .success()
        .stdout_is(
            "system,full,diff,log,offsite,drill,retain_full,grace,updated,rpo\n\
             ERP,1q,,,,,,,2026-11-02T08:00:00Z,\n\
             HIS,2w,1d,,1w,90d,30d,2h,2026-11-02T08:00:00Z,\n",
        );
    // With no limit given, the policy is shown.
    env.run(&["backup", "policy", "ERP"])
        .success()
        .stdout_has("Full")
        .stdout_has("1q");
    let log = env
        .run(&[
            "audit",
            "log",
            "--entity",
            "backup_policy",
            "--format",
            "json",
        ])
        .success()
        .json();
    assert_eq!(log.as_array().unwrap().len(), 3, "{log}");
}

#[test]
fn policy_refusals_name_the_field() {
    let env = systems();
    let before = audit_head(&env);
    env.run(&["backup", "policy", "HIS", "--full", "7"])
        .error(&["--full", "\"7\"", "is not an interval", "none"]);
    env.run(&["backup", "policy", "NOPE", "--full", "7d"])
        .error(&["SYSTEM", "no information system \"NOPE\""]);
    env.run(&["backup", "policy", "HIS"])
        .error(&["HIS has no backup policy"]);
    env.run(&["backup", "policy"]).code(2);
    unchanged(&env, &before);
}

// ------------------------------------------------------------------ record

#[test]
fn record_a_run_and_list_it() {
    let env = systems();
    env.run(&[
        "--as-of",
        "2026-11-28",
        "backup",
        "record",
        "HIS",
        "--kind",
        "full",
        "--started",
        "2026-11-28T01:00:00+08:00",
        "--finished",
        "2026-11-28 01:30",
        "--location",
        "offsite",
        "--bytes",
        "1048576",
        "--checksum",
        "sha256:abc",
        "--tool",
        "veeam",
        "--id",
        "job-77",
        "--note",
        "nightly",
    ])
    .success()
    .stdout_is("Recorded a full backup of HIS finished 2026-11-28 01:30\n");
    env.ok(&[
        "--as-of",
        "2026-11-28",
        "backup",
        "record",
        "HIS",
        "--kind",
        "log",
        "--finished",
        "1764295200",
        "--failed",
    ]);
    env.run(&["backup", "runs", "--format", "csv"]).success().stdout_without(&["id", "void"],
        "system,kind,started,finished,location,bytes,checksum,tool,backup_id,status,note\n\
         HIS,log,,2025-11-28T02:00:00Z,local,,,manual,,failed,\n\
         HIS,full,2026-11-27T17:00:00Z,2026-11-28T01:30:00Z,offsite,1048576,sha256:abc,veeam,job-77,success,nightly\n",
    );
    env.run(&["backup", "runs", "--failed", "--format", "csv"])
        .success()
        .stdout_has("failed")
        .stdout_lacks("veeam");
    env.run(&["backup", "runs", "--since", "2026-01-01", "--format", "csv"])
        .success()
        .stdout_lacks("manual");
}

#[test]
fn record_reads_wall_clock_times_in_the_registers_zone() {
    // The register keeps Beijing time; the shell's TZ does not matter.
    let env = systems();
    env.ok(&["init", "--timezone", "Asia/Shanghai"]);
    env.run_env(
        &[
            "--as-of",
            "2026-11-28",
            "backup",
            "record",
            "HIS",
            "--kind",
            "full",
            "--finished",
            "2026-11-28 08:00:00",
        ],
        &[("TZ", "UTC")],
    )
    .success()
    .stdout_is("Recorded a full backup of HIS finished 2026-11-28 08:00\n");
    assert_eq!(
        env.sql("SELECT finished FROM backup_run;").trim(),
        "2026-11-28T00:00:00Z",
        "stored in UTC"
    );
    env.run_env(
        &["backup", "runs", "--format", "csv"],
        &[("TZ", "America/New_York")],
    )
    .success()
    .stdout_has(",2026-11-28T08:00:00+08:00,");
}

#[test]
fn record_refusals() {
    let env = systems();
    let base = ["--as-of", "2026-11-28T12:00:00Z", "backup", "record", "HIS"];
    let run = |extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        env.run(&args)
    };
    run(&[
        "--kind",
        "full",
        "--finished",
        "2026-11-28T10:00:00Z",
        "--id",
        "x1",
    ])
    .success();
    let before = audit_head(&env);
    run(&["--kind", "full", "--finished", "yesterday"]).error(&[
        "--finished",
        "\"yesterday\"",
        "RFC 3339",
    ]);
    run(&["--kind", "full", "--finished", "2026-11-28T12:00:01Z"])
        .error(&["--finished", "in the future"]);
    run(&[
        "--kind",
        "full",
        "--finished",
        "2026-11-28T10:00:00Z",
        "--started",
        "2026-11-28T11:00:00Z",
    ])
    .error(&["--started", "after --finished"]);
    run(&[
        "--kind",
        "full",
        "--finished",
        "2026-11-28T10:00:00Z",
        "--id",
        "x1",
    ])
    .error(&["--id", "manual backup \"x1\" is already recorded", "HIS"]);
    run(&["--kind", "weekly", "--finished", "2026-11-28T10:00:00Z"]).code(2);
    env.run(&[
        "backup",
        "record",
        "NOPE",
        "--kind",
        "full",
        "--finished",
        "2026-11-01T00:00:00Z",
    ])
    .error(&["SYSTEM", "NOPE"]);
    unchanged(&env, &before);
}

// ----------------------------------------------------------------- imports

fn import(env: &Env, args: &[&str]) -> crate::support::Run {
    let mut all = vec!["--as-of", "2026-11-28T12:00:00Z", "backup", "import"];
    all.extend_from_slice(args);
    env.run(&all)
}

#[test]
fn restic_snapshots_import_once_per_host() {
    let env = systems();
    let file = fixture("restic-0.14-snapshots.json");
    let before = audit_head(&env);
    // One repository, two hosts: which system is which must be said.
    import(&env, &["--from", "restic", &file, "--system", "HIS"]).error(&[
        "restic-0.14-snapshots.json",
        "2 hosts (erp-app01, his-db01)",
        "--host",
    ]);
    unchanged(&env, &before);
    import(
        &env,
        &[
            "--from", "restic", &file, "--system", "HIS", "--host", "his-db01",
        ],
    )
    .success()
    .stdout_has("2 restic run(s) read; added 2, 0 already recorded");
    import(
        &env,
        &[
            "--from", "restic", &file, "--system", "HIS", "--host", "his-db01", "--format", "csv",
        ],
    )
    .success()
    .stdout_is(&format!(
        "file,tool,system,read,added,failed,already_recorded,dry_run\n{file},restic,HIS,2,0,0,2,no\n"
    ));
    import(
        &env,
        &[
            "--from",
            "restic",
            &file,
            "--system",
            "ERP",
            "--host",
            "erp-app01",
            "--location",
            "offsite",
        ],
    )
    .success();
    assert_eq!(
        runs_csv(&env),
        "system,kind,started,finished,location,bytes,checksum,tool,backup_id,status,note\n\
         HIS,full,2026-11-28T00:14:43Z,2026-11-28T00:14:43Z,local,,,restic,c8809581f10da8acf823b3f2798867949e3b3a93ed490e8405e48a6497d9d5e2,success,snapshot c8809581 of /tmp/src1\n\
         HIS,full,2026-11-28T00:14:44Z,2026-11-28T00:14:44Z,local,,,restic,4cccafb49419e5cbeb1dd8371f25562d1ac201e6ce15482d64787755b16776b5,success,snapshot 4cccafb4 of /tmp/src1\n\
         ERP,full,2026-11-28T00:14:44Z,2026-11-28T00:14:44Z,offsite,,,restic,56a0142bde9eab4f773fa237412f32e139f1482b973644e45f60700c2920bb89,success,snapshot 56a0142b of /tmp/src1\n"
    );
    // The same snapshot cannot belong to another system.
    let before = audit_head(&env);
    import(
        &env,
        &[
            "--from", "restic", &file, "--system", "ERP", "--host", "his-db01",
        ],
    )
    .error(&[
        "[0]",
        "restic backup c8809581",
        "already recorded for system HIS, not ERP",
    ]);
    unchanged(&env, &before);
}

#[test]
fn restic_group_by_empty_summary_and_stdin() {
    let env = systems();
    import(
        &env,
        &[
            "--from",
            "restic",
            &fixture("restic-0.14-snapshots-group-by-host.json"),
            "--system",
            "HIS",
            "--host",
            "his-db01",
        ],
    )
    .success()
    .stdout_has("1 restic run(s) read; added 1");
    import(
        &env,
        &[
            "--from",
            "restic",
            &fixture("restic-0.14-snapshots-empty.json"),
            "--system",
            "HIS",
        ],
    )
    .success()
    .stdout_has("0 restic run(s) read; added 0, 0 already recorded");
    // restic 0.17 reports when the backup ended and how much it read.
    let text = std::fs::read_to_string(fixture("restic-0.17-snapshots-summary.json")).unwrap();
    env.run_stdin(
        &[
            "--as-of",
            "2026-11-28T12:00:00Z",
            "backup",
            "import",
            "--from",
            "restic",
            "-",
            "--system",
            "ERP",
            "--kind",
            "diff",
        ],
        &text,
    )
    .success()
    .stdout_has("standard input: 1 restic run(s) read; added 1");
    env.run(&["backup", "runs", "--system", "ERP", "--format", "csv"])
        .success()
        .stdout_without(&["id", "void"],
            "system,kind,started,finished,location,bytes,checksum,tool,backup_id,status,note\n\
             ERP,diff,2026-11-27T18:00:00Z,2026-11-27T18:10:30Z,local,1048576,,restic,aa11bb22cc33dd44ee55ff6677889900aa11bb22cc33dd44ee55ff6677889900,success,snapshot aa11bb22 of /var/lib/his\n",
        );
    // A group-by file through a shell pipe, as cron would run it.
    let out = env
        .shell(&format!(
            "cat {} | \"$INFOGOV\" backup import --from restic - --system HIS --host his-db01",
            fixture("restic-0.14-snapshots-group-by-host.json")
        ))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("added 0, 1 already recorded"));
}

#[test]
fn borg_list_and_info_share_archive_ids() {
    let env = systems();
    import(
        &env,
        &[
            "--from",
            "borg",
            &fixture("borg-1.2-list.json"),
            "--system",
            "HIS",
        ],
    )
    .success()
    .stdout_has("2 borg run(s) read; added 2, 0 already recorded");
    // `borg info` knows the end and the size, but the archive is already recorded.
    import(
        &env,
        &[
            "--from",
            "borg",
            &fixture("borg-1.2-info.json"),
            "--system",
            "HIS",
        ],
    )
    .success()
    .stdout_has("added 0, 1 already recorded");
    import(
        &env,
        &[
            "--from",
            "borg",
            &fixture("borg-1.2-list-empty.json"),
            "--system",
            "HIS",
        ],
    )
    .success()
    .stdout_has("0 borg run(s) read; added 0");
    import(
        &env,
        &[
            "--from",
            "borg",
            &fixture("borg-1.2-info-repo-no-archives.json"),
            "--system",
            "HIS",
        ],
    )
    .success()
    .stdout_has("note: no \"archives\" in the input")
    .stdout_has("borg list --json REPO");
    assert_eq!(count(&env, "backup_run"), "2");
    import(
        &env,
        &[
            "--from",
            "borg",
            &fixture("borg-1.2-list.json"),
            "--system",
            "HIS",
            "--host",
            "vm",
        ],
    )
    .error(&["--host", "borg list --json` does not name the host"]);
}

#[test]
fn borg_times_are_in_the_registers_zone() {
    let env = systems();
    env.ok(&["init", "--timezone", "Asia/Shanghai"]);
    let args = [
        "--as-of",
        "2026-11-28T12:00:00Z",
        "backup",
        "import",
        "--from",
        "borg",
        &fixture("borg-1.2-info.json"),
        "--system",
        "HIS",
        "--host",
        "vm",
    ];
    env.run_env(&args, &[("TZ", "UTC")])
        .success()
        .stdout_has("added 1")
        .stdout_has("times without a zone read as Asia/Shanghai");
    env.run(&["backup", "runs", "--format", "csv"]).success().stdout_without(&["id", "void"],
        "system,kind,started,finished,location,bytes,checksum,tool,backup_id,status,note\n\
         HIS,full,2026-11-28T00:14:48+08:00,2026-11-28T00:14:48+08:00,local,1000005,,borg,b6a34bb7fce234832482d78d10bc159cc4c7eb8f5fd8aa69d627ad5c0bf2314c,success,archive his-2026-11-28\n",
    );
    assert_eq!(
        env.sql("SELECT finished FROM backup_run;").trim(),
        "2026-11-27T16:14:48Z"
    );
}

#[test]
fn pgbackrest_full_diff_incr_and_errors() {
    let env = systems();
    import(
        &env,
        &[
            "--from",
            "pgbackrest",
            &fixture("pgbackrest-2.45-info.json"),
            "--system",
            "HIS",
        ],
    )
    .success()
    .stdout_has("3 pgbackrest run(s) read; added 3, 0 already recorded");
    assert_eq!(
        runs_csv(&env),
        "system,kind,started,finished,location,bytes,checksum,tool,backup_id,status,note\n\
         HIS,full,2026-11-28T00:15:06Z,2026-11-28T00:15:08Z,local,22992551,,pgbackrest,his/repo1/20261128-001506F,success,backup 20261128-001506F\n\
         HIS,diff,2026-11-28T00:15:09Z,2026-11-28T00:15:10Z,local,23385767,,pgbackrest,his/repo1/20261128-001506F_20261128-001509D,success,backup 20261128-001506F_20261128-001509D\n\
         HIS,incr,2026-11-28T00:15:11Z,2026-11-28T00:15:13Z,local,23746215,,pgbackrest,his/repo1/20261128-001506F_20261128-001511I,success,backup 20261128-001506F_20261128-001511I\n"
    );
    // error: true is a failed run.
    let env = systems();
    import(
        &env,
        &[
            "--from",
            "pgbackrest",
            &fixture("pgbackrest-error.json"),
            "--system",
            "HIS",
        ],
    )
    .success()
    .stdout_has("added 3 (1 failed)");
    assert_eq!(
        env.sql("SELECT kind, status FROM backup_run WHERE status = 'failed';"),
        "incr|failed\n"
    );
    import(
        &env,
        &[
            "--from",
            "pgbackrest",
            &fixture("pgbackrest-no-backups.json"),
            "--system",
            "HIS",
        ],
    )
    .success()
    .stdout_has("0 pgbackrest run(s) read");
}

#[test]
fn pgbackrest_stanzas_and_repositories_must_be_chosen() {
    let env = systems();
    let before = audit_head(&env);
    let two = fixture("pgbackrest-two-stanzas.json");
    import(&env, &["--from", "pgbackrest", &two, "--system", "HIS"])
        .error(&["2 stanzas (his, erp)", "--stanza"]);
    import(
        &env,
        &[
            "--from",
            "pgbackrest",
            &two,
            "--system",
            "HIS",
            "--stanza",
            "nope",
        ],
    )
    .error(&["--stanza", "\"nope\"", "his, erp"]);
    let repos = fixture("pgbackrest-two-repos.json");
    import(&env, &["--from", "pgbackrest", &repos, "--system", "HIS"])
        .error(&["2 repositories (repo1, repo2)", "--repo N"]);
    unchanged(&env, &before);
    import(
        &env,
        &[
            "--from",
            "pgbackrest",
            &two,
            "--system",
            "ERP",
            "--stanza",
            "erp",
        ],
    )
    .success()
    .stdout_has("added 1");
    import(
        &env,
        &[
            "--from",
            "pgbackrest",
            &repos,
            "--system",
            "HIS",
            "--repo",
            "2",
            "--location",
            "offsite",
        ],
    )
    .success()
    .stdout_has("added 1");
    import(
        &env,
        &[
            "--from",
            "pgbackrest",
            &repos,
            "--system",
            "HIS",
            "--repo",
            "1",
        ],
    )
    .success()
    .stdout_has("added 3");
    assert_eq!(
        env.sql("SELECT backup_id, location FROM backup_run ORDER BY id;"),
        "erp/repo1/20261128-001506F|local\n\
         his/repo2/20261128-001506F|offsite\n\
         his/repo1/20261128-001506F|local\n\
         his/repo1/20261128-001506F_20261128-001509D|local\n\
         his/repo1/20261128-001506F_20261128-001511I|local\n"
    );
}

#[test]
fn csv_import_with_sql_server_letters_and_derived_ids() {
    let env = systems();
    let file = env.write(
        "runs.csv",
        "\u{feff}system,kind,started,finished,location,bytes,checksum,status\n\
         HIS,D,2026-11-27 22:00:00.000,2026-11-27 23:00:00.000,offsite,100,abc,success\n\
         HIS,I,,2026-11-28 01:00:00,,,,\n\
         ERP,L,,1795824000,local,,,failed\n\
         ERP,full,,2026-11-28T02:00:00+08:00,,,,\n",
    );
    let file = file.to_str().unwrap();
    import(&env, &["--from", "csv", file])
        .success()
        .stdout_has("4 csv run(s) read; added 4 (1 failed), 0 already recorded");
    import(&env, &["--from", "csv", file])
        .success()
        .stdout_has("added 0, 4 already recorded");
    assert_eq!(
        runs_csv(&env),
        "system,kind,started,finished,location,bytes,checksum,tool,backup_id,status,note\n\
         ERP,full,,2026-11-27T18:00:00Z,local,,,csv,ERP/full/local/2026-11-27T18:00:00Z,success,\n\
         HIS,full,2026-11-27T22:00:00Z,2026-11-27T23:00:00Z,offsite,100,abc,csv,HIS/full/offsite/2026-11-27T23:00:00Z,success,\n\
         ERP,log,,2026-11-28T00:00:00Z,local,,,csv,ERP/log/local/2026-11-28T00:00:00Z,failed,\n\
         HIS,diff,,2026-11-28T01:00:00Z,local,,,csv,HIS/diff/local/2026-11-28T01:00:00Z,success,\n"
    );
    // An id column and --system for rows that name no system.
    let with_id = env.write(
        "ids.csv",
        "id,kind,finished,tool\nbs-1,D,2026-11-28 03:00,sqlserver\nbs-2,L,2026-11-28 03:15,sqlserver\n",
    );
    import(
        &env,
        &[
            "--from",
            "csv",
            with_id.to_str().unwrap(),
            "--system",
            "HIS",
        ],
    )
    .success()
    .stdout_has("added 2");
    assert_eq!(
        env.sql("SELECT tool, backup_id, kind FROM backup_run WHERE tool = 'sqlserver';"),
        "sqlserver|bs-1|full\nsqlserver|bs-2|log\n"
    );
}

#[test]
fn csv_refusals_name_line_and_column_and_write_nothing() {
    let env = systems();
    let before = audit_head(&env);
    let cases: &[(&str, &[&str])] = &[
        (
            "system,kind,finished\nHIS,D,2026-11-28 01:00\nHIS,X,2026-11-28 02:00\n",
            &["bad.csv: line 3, column kind", "\"X\"", "D, I, L"],
        ),
        (
            "system,kind,finished\nHIS,D,soon\n",
            &["bad.csv: line 2, column finished", "\"soon\""],
        ),
        (
            "system,kind,finished,bytes\nHIS,D,2026-11-28 01:00,-5\n",
            &["line 2, column bytes", "\"-5\""],
        ),
        (
            "system,kind,finished,status\nHIS,D,2026-11-28 01:00,partial\n",
            &["line 2, column status", "\"partial\"", "success or failed"],
        ),
        (
            "system,kind,finished\nNOPE,D,2026-11-28 01:00\n",
            &["bad.csv: line 2, column system", "\"NOPE\""],
        ),
        (
            "kind,finished\nD,2026-11-28 01:00\n",
            &["bad.csv: line 2", "names no system", "--system"],
        ),
        (
            "system,kind,when\n",
            &["bad.csv: line 1: unknown column \"when\" (column 3)"],
        ),
        (
            "system,finished\n",
            &["bad.csv: line 1", "no column gives kind"],
        ),
        (
            "system,kind,started,finished\nHIS,D,2026-11-28 03:00,2026-11-28 01:00\n",
            &["line 2, column started", "starts after it finishes"],
        ),
    ];
    for (text, parts) in cases {
        let f = env.write("bad.csv", text);
        import(&env, &["--from", "csv", f.to_str().unwrap()]).error(parts);
    }
    unchanged(&env, &before);
    assert_eq!(count(&env, "backup_run"), "0");
}

#[test]
fn malformed_tool_output_is_refused_naming_file_and_field() {
    let env = systems();
    let before = audit_head(&env);
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "restic",
            "",
            &["x.json: the input is empty", "restic snapshots --json"],
        ),
        (
            "restic",
            "[{\"id\": \"a\",",
            &["x.json: not JSON (line 1", "restic snapshots --json"],
        ),
        (
            "restic",
            "{\"archives\": []}",
            &["x.json: the top level: expected an array of snapshots, found an object"],
        ),
        (
            "restic",
            "[{\"id\":\"a\",\"time\":\"2026-11-28T00:00:00Z\"},{\"id\":\"b\"}]",
            &["x.json: [1].time: missing"],
        ),
        (
            "restic",
            "[{\"id\":\"a\",\"time\":\"28/11/2026\"}]",
            &["x.json: [0].time: \"28/11/2026\" is not a time"],
        ),
        (
            "restic",
            "[{\"group_key\":{},\"snapshots\":[{\"id\":7,\"time\":\"2026-11-28T00:00:00Z\"}]}]",
            &["x.json: [0].snapshots[0].id: expected text, found a number"],
        ),
        ("borg", "[]", &["x.json: the top level", "borg list --json"]),
        (
            "borg",
            "{\"repository\":{},\"archives\":[{\"id\":\"a\",\"start\":\"yesterday\"}]}",
            &[
                "x.json: archives[0].start: \"yesterday\" is not a time",
                "local time",
            ],
        ),
        (
            "borg",
            "{\"repository\":{},\"archives\":[{\"name\":\"x\",\"time\":\"2026-11-28T00:00:00.000000\"}]}",
            &["x.json: archives[0].id: missing"],
        ),
        (
            "pgbackrest",
            "{}",
            &["x.json: the top level: expected an array of stanzas"],
        ),
        (
            "pgbackrest",
            "[{\"name\":\"his\",\"backup\":[{\"label\":\"L\",\"type\":\"full\",\"timestamp\":{\"start\":\"x\",\"stop\":1}}]}]",
            &["x.json: [0].backup[0].timestamp.start: expected a whole number, found text"],
        ),
        (
            "pgbackrest",
            "[{\"name\":\"his\",\"backup\":[{\"label\":\"L\",\"type\":\"snapshot\",\"timestamp\":{\"start\":1,\"stop\":2}}]}]",
            &["x.json: [0].backup[0].type: \"snapshot\" is not a pgBackRest backup type"],
        ),
        (
            "pgbackrest",
            "[{\"name\":\"his\",\"backup\":[{\"label\":\"L\",\"type\":\"full\",\"error\":\"no\",\"timestamp\":{\"start\":1,\"stop\":2}}]}]",
            &["x.json: [0].backup[0].error: expected true or false"],
        ),
    ];
    for (from, text, parts) in cases {
        let f = env.write("x.json", text);
        import(
            &env,
            &["--from", from, f.to_str().unwrap(), "--system", "HIS"],
        )
        .error(parts);
    }
    // A valid file with one bad entry writes none of the good ones.
    let f = env.write(
        "x.json",
        "[{\"id\":\"a\",\"time\":\"2026-11-28T00:00:00Z\"},{\"id\":\"b\",\"time\":\"bad\"}]",
    );
    import(
        &env,
        &["--from", "restic", f.to_str().unwrap(), "--system", "HIS"],
    )
    .error(&["[1].time"]);
    import(
        &env,
        &["--from", "restic", "missing.json", "--system", "HIS"],
    )
    .error(&["FILE: cannot read missing.json"]);
    import(
        &env,
        &[
            "--from",
            "restic",
            &fixture("restic-0.14-snapshots-empty.json"),
        ],
    )
    .error(&["--system"]);
    import(
        &env,
        &[
            "--from",
            "borg",
            &fixture("borg-1.2-list.json"),
            "--system",
            "HIS",
            "--stanza",
            "his",
        ],
    )
    .error(&["--stanza", "only for --from pgbackrest"]);
    unchanged(&env, &before);
    assert_eq!(count(&env, "backup_run"), "0");
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let env = systems();
    let before = audit_head(&env);
    import(
        &env,
        &[
            "--from",
            "pgbackrest",
            &fixture("pgbackrest-2.45-info.json"),
            "--system",
            "HIS",
            "--dry-run",
        ],
    )
    .success()
    .stdout_has("would add 3, 0 already recorded; times without a zone read as UTC (dry run, nothing written)");
    unchanged(&env, &before);
}

// ------------------------------------------------------------------ drills

#[test]
fn drills_are_recorded_and_refused_when_incomplete() {
    let env = systems();
    env.run(&[
        "--as-of",
        "2026-11-28",
        "backup",
        "drill",
        "HIS",
        "--at",
        "2026-11-20 14:00",
        "--result",
        "pass",
        "--restored-to",
        "test-db01",
        "--note",
        "restored last night's full and logs; 120 patients checked",
        "--format",
        "csv",
    ])
    .success()
    .stdout_without(&["id", "void"],
        "system,at,result,restored_to,note\n\
         HIS,2026-11-20T14:00:00Z,pass,test-db01,restored last night's full and logs; 120 patients checked\n",
    );
    let before = audit_head(&env);
    env.run(&[
        "--as-of",
        "2026-11-28",
        "backup",
        "drill",
        "HIS",
        "--at",
        "2026-11-29 00:00",
        "--result",
        "pass",
        "--note",
        "x",
    ])
    .error(&["--at", "in the future"]);
    env.run(&[
        "--as-of",
        "2026-11-28",
        "backup",
        "drill",
        "HIS",
        "--at",
        "2026-11-20 00:00",
        "--result",
        "pass",
        "--note",
        " ",
    ])
    .error(&["--note", "must not be empty"]);
    env.run(&[
        "backup",
        "drill",
        "HIS",
        "--at",
        "2026-11-20",
        "--result",
        "maybe",
        "--note",
        "x",
    ])
    .code(2);
    unchanged(&env, &before);
}

// ---------------------------------------------------------- check and status

/// HIS with one policy limit and one successful full at 2026-11-01T00:00:00Z.
fn with_full(policy: &[&str]) -> Env {
    let env = systems();
    let mut args = vec!["backup", "policy", "HIS"];
    args.extend_from_slice(policy);
    env.ok(&args);
    env.ok(&["backup", "policy", "ERP", "--full", "1y"]);
    env.ok(&[
        "--as-of",
        "2026-11-01T00:00:00Z",
        "backup",
        "record",
        "ERP",
        "--kind",
        "full",
        "--finished",
        "2026-11-01T00:00:00Z",
    ]);
    env.ok(&[
        "--as-of",
        "2026-11-01T00:00:00Z",
        "backup",
        "record",
        "HIS",
        "--kind",
        "full",
        "--finished",
        "2026-11-01T00:00:00Z",
    ]);
    env
}

fn check_at(env: &Env, at: &str) -> crate::support::Run {
    env.run(&["--as-of", at, "backup", "check", "--format", "csv"])
}

const HEADER: &str = "severity,area,subject,message,requirement\n";

#[test]
fn full_age_at_each_limit() {
    let env = with_full(&["--full", "1d"]);
    check_at(&env, "2026-11-02T00:00:00Z")
        .code(0)
        .stdout_is(HEADER);
    check_at(&env, "2026-11-02T00:00:01Z").code(1).stdout_is(&format!(
        "{HEADER}WARNING,backup,HIS,newest successful full backup finished 2026-11-01 00:00 (1d 0h ago): past the limit of 1d,BAK-3\n"
    ));
    check_at(&env, "2026-11-03T00:00:00Z").code(1);
    check_at(&env, "2026-11-03T00:00:01Z").code(2).stdout_is(&format!(
        "{HEADER}CRITICAL,backup,HIS,newest successful full backup finished 2026-11-01 00:00 (2d 0h ago): more than twice the limit of 1d,BAK-3\n"
    ));
    // The table form says OK when there is nothing to say.
    env.run(&["--as-of", "2026-11-01T12:00:00Z", "backup", "check"])
        .success()
        .stdout_is("BACKUP OK - no findings\n");
}

#[test]
fn grace_shifts_both_thresholds() {
    let env = with_full(&["--full", "1d", "--grace", "2h"]);
    check_at(&env, "2026-11-02T02:00:00Z").code(0);
    check_at(&env, "2026-11-02T02:00:01Z")
        .code(1)
        .stdout_has("past the limit of 1d + 2h grace");
    check_at(&env, "2026-11-03T02:00:00Z").code(1);
    check_at(&env, "2026-11-03T02:00:01Z").code(2);
}

#[test]
fn config_grace_applies_to_policies_without_their_own() {
    let env = with_full(&["--full", "1d"]);
    env.write("c.toml", "[backup]\ngrace = \"1h\"\n");
    let at = |t: &str| {
        env.run(&["--config", "c.toml", "--as-of", t, "backup", "check"])
            .code
    };
    assert_eq!(at("2026-11-02T01:00:00Z"), 0);
    assert_eq!(at("2026-11-02T01:00:01Z"), 1);
    env.write("bad.toml", "[backup]\ngrace = \"soon\"\n");
    // A check that cannot start is UNKNOWN for monitoring.
    env.run(&["--config", "bad.toml", "backup", "check"])
        .code(3)
        .stderr_has("backup.grace: \"soon\"");
    env.run(&["--config", "bad.toml", "backup", "policy", "list"])
        .error(&["backup.grace", "\"soon\""]);
}

#[test]
fn month_limits_are_calendar_months() {
    let env = with_full(&["--full", "1mo"]);
    check_at(&env, "2026-12-01T00:00:00Z").code(0);
    check_at(&env, "2026-12-01T00:00:01Z").code(1);
    check_at(&env, "2027-01-01T00:00:00Z").code(1);
    check_at(&env, "2027-01-01T00:00:01Z").code(2);
}

#[test]
fn log_and_diff_limits_and_the_full_they_restore_onto() {
    let env = with_full(&["--log", "1h", "--diff", "1d"]);
    let rec = |kind: &str, started: Option<&str>, finished: &str| {
        let mut args = vec![
            "--as-of",
            "2026-12-31",
            "backup",
            "record",
            "HIS",
            "--kind",
            kind,
            "--finished",
            finished,
        ];
        if let Some(s) = started {
            args.extend_from_slice(&["--started", s]);
        }
        env.ok(&args);
    };
    // No log and no diff yet: both required kinds are CRITICAL.
    check_at(&env, "2026-11-01T00:30:00Z")
        .code(2)
        .stdout_has(
            "no successful transaction-log backup recorded; the policy requires one every 1h",
        )
        .stdout_has("no successful differential or incremental backup recorded");
    rec("log", None, "2026-11-01T10:00:00Z");
    rec("incr", None, "2026-11-01T10:00:00Z");
    check_at(&env, "2026-11-01T11:00:00Z").code(0);
    check_at(&env, "2026-11-01T11:00:01Z")
        .code(1)
        .stdout_has("newest successful transaction-log backup finished 2026-11-01 10:00 (1h 0m ago): past the limit of 1h");
    check_at(&env, "2026-11-01T12:00:01Z").code(2);
    // Failed runs never count.
    env.ok(&[
        "--as-of",
        "2026-12-31",
        "backup",
        "record",
        "HIS",
        "--kind",
        "log",
        "--finished",
        "2026-11-01T12:00:00Z",
        "--failed",
    ]);
    check_at(&env, "2026-11-01T12:00:01Z").code(2);

    // A diff whose start precedes every full has nothing to restore onto.
    let env = systems();
    env.ok(&["backup", "policy", "ERP", "--diff", "1d"]);
    env.ok(&[
        "--as-of",
        "2026-12-31",
        "backup",
        "record",
        "ERP",
        "--kind",
        "diff",
        "--started",
        "2026-11-01T00:00:00Z",
        "--finished",
        "2026-11-01T01:00:00Z",
    ]);
    env.ok(&[
        "--as-of",
        "2026-12-31",
        "backup",
        "record",
        "ERP",
        "--kind",
        "full",
        "--finished",
        "2026-11-01T00:00:01Z",
    ]);
    env.ok(&["backup", "policy", "HIS", "--full", "1y"]);
    env.ok(&[
        "--as-of",
        "2026-12-31",
        "backup",
        "record",
        "HIS",
        "--kind",
        "full",
        "--finished",
        "2026-11-01T00:00:00Z",
    ]);
    check_at(&env, "2026-11-01T02:00:00Z").code(2).stdout_is(&format!(
        "{HEADER}CRITICAL,backup,ERP,\"at local, the runs after 2026-11-01 00:00 (run #2) cannot be restored: differential run #1 (finished 2026-11-01 01:00) has no full backup before it to restore onto here\",BAK-2\n"
    ));
    // A full finished exactly when the next diff starts is enough.
    env.ok(&[
        "--as-of",
        "2026-12-31",
        "backup",
        "record",
        "ERP",
        "--kind",
        "diff",
        "--started",
        "2026-11-01T00:00:01Z",
        "--finished",
        "2026-11-01T01:30:00Z",
    ]);
    check_at(&env, "2026-11-01T02:00:00Z").code(0);
}

#[test]
fn offsite_copy_within_its_limit() {
    let env = with_full(&["--offsite", "7d"]);
    check_at(&env, "2026-11-01T01:00:00Z")
        .code(2)
        .stdout_has("no successful off-site copy recorded; the policy requires one every 1w,BAK-1");
    env.ok(&[
        "--as-of",
        "2026-12-31",
        "backup",
        "record",
        "HIS",
        "--kind",
        "full",
        "--location",
        "offsite",
        "--finished",
        "2026-11-02T00:00:00Z",
    ]);
    check_at(&env, "2026-11-09T00:00:00Z").code(0);
    check_at(&env, "2026-11-09T00:00:01Z")
        .code(2)
        .stdout_has("CRITICAL,backup,HIS,newest successful off-site copy finished 2026-11-02 00:00 (7d 0h ago): past the limit of 1w,BAK-1");
}

#[test]
fn drills_overdue_or_failed_warn() {
    let env = with_full(&["--drill", "90d"]);
    check_at(&env, "2026-11-02T00:00:00Z")
        .code(1)
        .stdout_has("no passed restore drill recorded; the policy requires one every 90d,BAK-2");
    let drill = |at: &str, result: &str| {
        env.ok(&[
            "--as-of",
            "2027-12-31",
            "backup",
            "drill",
            "HIS",
            "--at",
            at,
            "--result",
            result,
            "--note",
            "restored to test",
        ])
    };
    drill("2026-11-01T00:00:00Z", "pass");
    check_at(&env, "2027-01-30T00:00:00Z").code(0);
    check_at(&env, "2027-01-30T00:00:01Z")
        .code(1)
        .stdout_has("restore drill overdue: the newest passed drill was 2026-11-01 00:00 (90d 0h ago); the limit is 90d");
    drill("2026-12-01T00:00:00Z", "fail");
    check_at(&env, "2026-12-01T00:00:00Z")
        .code(1)
        .stdout_is(&format!(
            "{HEADER}WARNING,backup,HIS,the newest restore drill (2026-12-01 00:00) failed,BAK-2\n"
        ));
    // As of the day before the failure, all was well.
    check_at(&env, "2026-11-30T23:59:59Z").code(0);
    drill("2026-12-02T00:00:00Z", "pass");
    check_at(&env, "2026-12-02T00:00:00Z").code(0);
}

#[test]
fn retention_window_reached_by_the_oldest_full() {
    let env = with_full(&["--retain-full", "30d"]);
    check_at(&env, "2026-12-01T00:00:00Z").code(0);
    check_at(&env, "2026-11-30T23:59:59Z")
        .code(1)
        .stdout_has("the oldest restorable backup finished 2026-11-01 00:00 (29d 23h ago): it does not reach back over the retention window of 30d,BAK-2");
}

#[test]
fn systems_without_policy_warn_and_retired_ones_are_skipped() {
    let env = systems();
    env.ok(&[
        "system",
        "add",
        "OLD",
        "--owner-dept",
        "信息科",
        "--stage",
        "design",
    ]);
    check_at(&env, "2026-11-01T00:00:00Z").code(1).stdout_is(&format!(
        "{HEADER}WARNING,backup,ERP,no backup policy; set one with `infogov backup policy SYSTEM --full 7d ...`,BAK-3\n\
         WARNING,backup,HIS,no backup policy; set one with `infogov backup policy SYSTEM --full 7d ...`,BAK-3\n"
    ));
    env.run(&[
        "--as-of",
        "2026-11-01",
        "backup",
        "check",
        "--system",
        "HIS",
        "--format",
        "json",
    ])
    .code(1)
    .stdout_has("\"subject\":\"HIS\"")
    .stdout_lacks("ERP");
    // Named explicitly, a design-stage system is checked too.
    env.run(&["backup", "check", "--system", "OLD"])
        .code(1)
        .stdout_has("OLD");
}

#[test]
fn runs_after_the_as_of_time_are_not_yet_there() {
    let env = with_full(&["--full", "1d"]);
    check_at(&env, "2026-10-31T23:59:59Z")
        .code(2)
        .stdout_has("no successful full backup recorded");
}

#[test]
fn nagios_output_and_every_exit_code() {
    let env = systems();
    env.ok(&[
        "backup",
        "policy",
        "HIS",
        "--full",
        "1d",
        "--offsite",
        "7d",
        "--drill",
        "90d",
    ]);
    env.ok(&["backup", "policy", "ERP", "--full", "1d"]);
    env.ok(&[
        "--as-of",
        "2026-12-31",
        "backup",
        "record",
        "ERP",
        "--kind",
        "full",
        "--finished",
        "2026-11-01T00:00:00Z",
    ]);
    let out = env
        .run(&[
            "--as-of",
            "2026-11-01T01:00:00Z",
            "backup",
            "check",
            "--nagios",
        ])
        .code(2);
    assert_eq!(
        out.stdout,
        "BACKUP CRITICAL - 2 critical, 1 warning | critical=2;;;0 warning=1;;;0 unknown=0;;;0\n\
         CRITICAL [backup] HIS: no successful full backup recorded; the policy requires one every 1d (BAK-3)\n\
         CRITICAL [backup] HIS: no successful off-site copy recorded; the policy requires one every 1w (BAK-1)\n\
         WARNING [backup] HIS: no passed restore drill recorded; the policy requires one every 90d (BAK-2)\n"
    );
    env.run(&[
        "--as-of",
        "2026-11-01T01:00:00Z",
        "backup",
        "check",
        "--nagios",
        "--system",
        "ERP",
    ])
    .code(0)
    .stdout_is("BACKUP OK - no findings | critical=0;;;0 warning=0;;;0 unknown=0;;;0\n");
    // The register cannot be read: UNKNOWN.
    let bare = Env::bare();
    let out = bare.run(&["backup", "check", "--nagios"]).code(3);
    assert!(
        out.stdout.starts_with("BACKUP UNKNOWN - "),
        "{}",
        out.stdout
    );
    // A check that cannot be carried out as asked is UNKNOWN too.
    env.run(&["backup", "check", "--system", "NOPE", "--nagios"])
        .code(3)
        .stdout_has("BACKUP UNKNOWN - --system: no information system \"NOPE\"")
        .stderr_has("error: --system");
    // The same findings in the regime-wide check.
    env.run(&[
        "--as-of",
        "2026-11-01T01:00:00Z",
        "audit",
        "check",
        "--only",
        "backup",
        "--nagios",
    ])
    .code(2)
    .stdout_has("COMPLIANCE CRITICAL - 2 critical, 1 warning");
    env.run(&[
        "--as-of",
        "2026-11-01T01:00:00Z",
        "audit",
        "check",
        "--format",
        "csv",
    ])
    .code(2)
    .stdout_has("CRITICAL,backup,HIS,no successful full backup recorded");
    // Only a warning left: exit 1. A full backup copied off-site meets both
    // limits; the restore drill is still missing.
    env.ok(&[
        "--as-of",
        "2026-12-31",
        "backup",
        "record",
        "HIS",
        "--kind",
        "full",
        "--finished",
        "2026-11-01T00:00:00Z",
        "--location",
        "offsite",
    ]);
    env.run(&[
        "--as-of",
        "2026-11-01T01:00:00Z",
        "backup",
        "check",
        "--nagios",
    ])
    .code(1)
    .stdout_is(
        "BACKUP WARNING - 1 warning | critical=0;;;0 warning=1;;;0 unknown=0;;;0\n\
         WARNING [backup] HIS: no passed restore drill recorded; the policy requires one every 90d (BAK-2)\n",
    );
}

#[test]
fn status_shows_every_aspect_against_the_policy() {
    let env = systems();
    env.ok(&[
        "backup",
        "policy",
        "HIS",
        "--full",
        "7d",
        "--diff",
        "1d",
        "--log",
        "1h",
        "--offsite",
        "7d",
        "--drill",
        "90d",
        "--retain-full",
        "30d",
        "--grace",
        "2h",
    ]);
    env.run(&[
        "--as-of",
        "2026-11-28T12:00:00Z",
        "backup",
        "import",
        "--from",
        "pgbackrest",
        &fixture("pgbackrest-2.45-info.json"),
        "--system",
        "HIS",
        "--location",
        "offsite",
    ])
    .success();
    env.run(&[
        "--as-of",
        "2026-11-28T03:00:00Z",
        "backup",
        "status",
        "--system",
        "HIS",
        "--format",
        "csv",
    ])
    .success()
    .stdout_is(
        "system,item,newest,age,limit,state\n\
         HIS,policy,,,,OK\n\
         HIS,full,2026-11-28T00:15:08Z,2h 44m,1w + 2h,OK\n\
         HIS,diff,2026-11-28T00:15:13Z,2h 44m,1d + 2h,OK\n\
         HIS,log,never,,1h + 2h,CRITICAL\n\
         HIS,restorable,2026-11-28T00:15:13Z,2h 44m,,'-\n\
         HIS,offsite,2026-11-28T00:15:13Z,2h 44m,1w + 2h,OK\n\
         HIS,drill,never,,90d + 2h,WARNING\n\
         HIS,retention,2026-11-28T00:15:08Z,2h 44m,30d,WARNING\n",
    );
    env.run(&[
        "--as-of",
        "2026-11-28T03:00:00Z",
        "--lang",
        "zh",
        "backup",
        "status",
    ])
    .success()
    .stdout_has("系统")
    .stdout_has("ERP");
}

// ------------------------------------------------------- the register itself

#[test]
fn self_backup_is_verified_recorded_and_restorable() {
    let env = Env::with_org();
    let out = env
        .run(&["backup", "self", "--to", "copies"])
        .success()
        .stdout_has("Backed up the register to ")
        .stdout_has("verified: integrity ok, audit trail ok")
        .stdout_has("Created the built-in system infogov-register");
    assert!(
        out.stdout
            .contains("infogov backup policy infogov-register")
    );
    // It starts with a daily policy, and it is not asked for a grade (GRD-1),
    // since it is the office's own record-keeping, not a business system.
    env.run(&["backup", "policy", "list", "--format", "csv"])
        .success()
        .stdout_has("infogov-register,1d,,,,,,2h,");
    env.run(&["audit", "check", "--only", "grade"]).success();
    // Owned by the IT office's department, as the only office person is there.
    env.run(&["system", "list", "--format", "csv"])
        .success()
        .stdout_has("infogov-register,信息科,in-service");
    let copies: Vec<_> = std::fs::read_dir(env.path("copies"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    // The copy, its checksum, and the witness file that goes with it.
    assert_eq!(copies.len(), 3, "{copies:?}");
    assert!(
        copies.iter().any(|n| n.ends_with(".db.witness.jsonl")),
        "{copies:?}"
    );
    let db = copies.iter().find(|n| n.ends_with(".db")).unwrap();
    assert!(db.starts_with("infogov-register-"), "{db}");
    let sum = std::fs::read_to_string(env.path(&format!("copies/{db}.sha256"))).unwrap();
    assert!(sum.ends_with(&format!("  {db}\n")), "{sum}");
    assert_eq!(sum.split_whitespace().next().unwrap().len(), 64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.path(&format!("copies/{db}")))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let copy = format!("copies/{db}");
    let test = env
        .run(&["backup", "restore-test", &copy, "--format", "json"])
        .success()
        .json();
    assert_eq!(test[0]["checksum_file"], "matches");
    assert_eq!(test[0]["integrity"], "ok");
    assert_eq!(test[0]["audit_trail"], "ok");
    assert_eq!(
        test[0]["schema_version"],
        infogov::store::migrate::SCHEMA_VERSION
    );
    assert_eq!(
        format!("sha256:{}", test[0]["sha256"].as_str().unwrap()),
        env.sql("SELECT checksum FROM backup_run;").trim()
    );
    // Recorded as a full of infogov-register, covered by the check.
    env.ok(&[
        "backup",
        "policy",
        "infogov-register",
        "--full",
        "1d",
        "--offsite",
        "7d",
    ]);
    // `backup self` records the real time, so the check looks at the real
    // clock here, not the tests' fixed day.
    let now = [("INFOGOV_AS_OF", "")];
    env.run_env(&["backup", "check", "--format", "csv"], &now)
        .code(2)
        .stdout_has("CRITICAL,backup,infogov-register,no successful off-site copy recorded");
    env.run(&["backup", "self", "--to", "remote", "--offsite"])
        .success()
        .stdout_lacks("Created the built-in system");
    env.run_env(&["backup", "check"], &now).success();
    env.run(&["audit", "verify"]).success();
}

#[test]
fn restore_test_finds_damage_and_tampering() {
    let env = Env::with_org();
    env.ok(&["backup", "self", "--to", "c"]);
    let db = std::fs::read_dir(env.path("c"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "db"))
        .unwrap();
    let db = db.to_str().unwrap().to_string();
    let sum = format!("{db}.sha256");
    // A copy changed behind the tool's back: the checksum no longer matches.
    let status = std::process::Command::new("sqlite3")
        .arg(&db)
        .arg("UPDATE department SET code = 'XX' WHERE code = 'NK';")
        .status()
        .unwrap();
    assert!(status.success());
    env.run(&["backup", "restore-test", &db])
        .error(&["does not match its checksum file"]);
    // Without the checksum file, the audit trail still finds the change.
    std::fs::remove_file(&sum).unwrap();
    env.run(&["backup", "restore-test", &db]).error(&[
        "the audit trail does not verify",
        "department 内科",
        "changed behind the tool's back",
    ]);
    let junk = env.write(
        "junk.db",
        "not a database at all, just text that is long enough",
    );
    env.run(&["backup", "restore-test", junk.to_str().unwrap()])
        .error(&["FILE", "junk.db"]);
    env.run(&["backup", "restore-test", "nowhere.db"])
        .error(&["FILE: cannot read nowhere.db"]);
    // Another program's SQLite file.
    let other = env.path("other.db");
    std::process::Command::new("sqlite3")
        .arg(&other)
        .arg("CREATE TABLE t (x);")
        .status()
        .unwrap();
    env.run(&["backup", "restore-test", other.to_str().unwrap()])
        .error(&["is not an infogov register"]);
}

#[test]
fn self_backup_needs_a_folder_and_an_owner() {
    let env = Env::new();
    env.ok(&["dept", "add", "信息科"]);
    let before = audit_head(&env);
    env.run(&["backup", "self"])
        .error(&["--to", "backup.self_dir"]);
    env.run(&["backup", "self", "--to", "c"])
        .error(&["--owner-dept", "infogov-register does not exist yet"]);
    env.run(&["backup", "self", "--to", "c", "--owner-dept", "财务科"])
        .error(&["--owner-dept", "no department \"财务科\""]);
    unchanged(&env, &before);
    // No half-written copy is left behind.
    let left: Vec<_> = std::fs::read_dir(env.path("c"))
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
    // The config names both.
    env.write(
        "c.toml",
        "[backup]\nself_dir = \"cfg-copies\"\nregister_owner_dept = \"信息科\"\n",
    );
    env.run(&["--config", "c.toml", "backup", "self"]).success();
    assert_eq!(
        std::fs::read_dir(env.path("cfg-copies")).unwrap().count(),
        3
    );
}

#[test]
fn self_backup_while_another_process_writes() {
    let env = Env::with_org();
    // Each copy names its file: "Backed up the register to PATH (N bytes)".
    let copy = || {
        let out = env.ok(&["backup", "self", "--to", "c"]);
        let path = out
            .strip_prefix("Backed up the register to ")
            .and_then(|r| r.split(" (").next())
            .unwrap_or_else(|| panic!("{out}"));
        std::path::PathBuf::from(path)
    };
    let mut made = vec![copy()];
    let writer = env
        .shell(
            "for i in $(seq 1 150); do \"$INFOGOV\" asset register --kind desktop --name PC$i --dept 内科 >/dev/null || exit 1; done",
        )
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut copies = 0;
    for _ in 0..6 {
        made.push(copy());
        copies += 1;
    }
    let w = writer.wait_with_output().unwrap();
    assert!(w.status.success(), "{}", String::from_utf8_lossy(&w.stderr));
    let dbs: Vec<_> = std::fs::read_dir(env.path("c"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "db"))
        .collect();
    assert_eq!(dbs.len(), copies + 1);
    // In the order they were made.
    let dbs = made;
    let mut assets = Vec::new();
    for db in &dbs {
        let r = env
            .run(&[
                "backup",
                "restore-test",
                db.to_str().unwrap(),
                "--format",
                "json",
            ])
            .success()
            .json();
        assert_eq!(r[0]["integrity"], "ok", "{r}");
        assert_eq!(r[0]["audit_trail"], "ok", "{r}");
        let n = r[0]["assets"].as_i64().unwrap();
        // Each copy is one moment of the register: its assets are exactly
        // those its own audit trail records as registered, and what
        // restore-test reports is what the copy holds.
        let copy = Env {
            dir: tempfile::tempdir().unwrap(),
            db: db.clone(),
        };
        assert_eq!(
            copy.sql(
                "SELECT (SELECT count(*) FROM asset) || '|' || \
                 (SELECT count(*) FROM audit_log WHERE entity = 'asset' AND action = 'insert');"
            )
            .trim(),
            format!("{n}|{n}"),
            "{}",
            db.display()
        );
        assets.push(n);
    }
    // The first copy was taken before the writer started; the others in
    // turn while it wrote, so none holds fewer assets than the one before,
    // and none more than were written.
    assert_eq!(assets[0], 0, "{assets:?}");
    assert!(assets.windows(2).all(|w| w[0] <= w[1]), "{assets:?}");
    assert!(assets.iter().all(|a| *a <= 150), "{assets:?}");
    assert_eq!(count(&env, "asset"), "150");
    assert_eq!(
        env.sql("SELECT count(*) FROM backup_run WHERE status = 'success';")
            .trim(),
        (copies + 1).to_string()
    );
    env.run(&["audit", "verify"]).success();
}

#[test]
fn diff_limit_is_met_by_a_diff_or_an_incr() {
    let env = with_full(&["--diff", "1d"]);
    let rec = |kind: &str, finished: &str| {
        env.ok(&[
            "--as-of",
            "2026-12-31",
            "backup",
            "record",
            "HIS",
            "--kind",
            kind,
            "--finished",
            finished,
        ]);
    };
    rec("diff", "2026-11-02T00:00:00Z");
    rec("incr", "2026-11-03T00:00:00Z");
    // The incremental is the newer: the limit runs from it.
    check_at(&env, "2026-11-04T00:00:00Z").code(0);
    check_at(&env, "2026-11-04T00:00:01Z").code(1).stdout_is(&format!(
        "{HEADER}WARNING,backup,HIS,newest successful differential or incremental backup finished 2026-11-03 00:00 (1d 0h ago): past the limit of 1d,BAK-3\n"
    ));
    check_at(&env, "2026-11-05T00:00:00Z").code(1);
    check_at(&env, "2026-11-05T00:00:01Z")
        .code(2)
        .stdout_has("more than twice the limit of 1d");
    env.run(&[
        "--as-of",
        "2026-11-04T00:00:00Z",
        "backup",
        "status",
        "--system",
        "HIS",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("HIS,diff,2026-11-03T00:00:00Z,1d 0h,1d,OK\n");
}

#[test]
fn month_limits_count_on_the_local_calendar() {
    // A full finished 2026-01-30 12:00 in UTC+8, with a one-month limit, is
    // late from local midnight on 1 March (a month before is 1 February), not
    // from 08:00 local, when it is midnight in UTC.
    let env = Env::with_org();
    let tz = [("TZ", "CST-8")];
    env.run_env(&["system", "add", "HIS", "--owner-dept", "信息科"], &tz)
        .success();
    env.run_env(
        &[
            "--as-of",
            "2026-01-01",
            "backup",
            "policy",
            "HIS",
            "--full",
            "1mo",
        ],
        &tz,
    )
    .success();
    env.run_env(
        &[
            "--as-of",
            "2026-02-01",
            "backup",
            "record",
            "HIS",
            "--kind",
            "full",
            "--finished",
            "2026-01-30 12:00",
        ],
        &tz,
    )
    .success();
    env.run_env(
        &[
            "--as-of",
            "2026-02-28 23:59",
            "backup",
            "check",
            "--system",
            "HIS",
        ],
        &tz,
    )
    .success();
    env.run_env(
        &[
            "--as-of",
            "2026-03-01 00:01",
            "backup",
            "check",
            "--system",
            "HIS",
        ],
        &tz,
    )
    .code(1);
}
