//! Restore chains: what a DBA asks of the backups. Each register here passed
//! the age-only check; each now fails naming the break, and a restorable
//! chain at each location passes. SQL Server runs come as msdb-shaped CSV
//! (the query of docs/backup.md), pgBackRest and borg runs from the tools'
//! real output.

use crate::support::Env;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/backup/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// The columns the msdb query of docs/backup.md returns.
const MSDB: &str = "id,system,kind,started,finished,location,first_lsn,last_lsn,checkpoint_lsn,database_backup_lsn,differential_base_lsn,is_copy_only,tool\n";

fn his(policy: &[&str]) -> Env {
    let env = Env::with_org();
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    let mut args = vec!["backup", "policy", "HIS"];
    args.extend_from_slice(policy);
    env.ok(&args);
    env
}

fn import_msdb(env: &Env, rows: &str) {
    env.write("msdb.csv", &format!("{MSDB}{rows}"));
    env.ok(&[
        "--as-of",
        "2026-12-31",
        "backup",
        "import",
        "--from",
        "csv",
        "msdb.csv",
    ]);
}

fn check_at(env: &Env, at: &str) -> crate::support::Run {
    env.run(&["--as-of", at, "backup", "check", "--format", "csv"])
}

const HEADER: &str = "severity,area,subject,message,requirement\n";

/// A full, a differential on it and hourly logs whose LSNs run on unbroken.
const CHAIN: &str = "\
F1,HIS,D,2026-11-27 01:00:00.000,2026-11-27 01:40:00.000,local,1000,1100,1050,,,0,sqlserver
D1,HIS,I,2026-11-28 01:00:00.000,2026-11-28 01:08:00.000,local,5000,5100,5050,1050,1050,0,sqlserver
L1,HIS,L,2026-11-28 02:00:00.000,2026-11-28 02:00:09.000,local,4000,6000,5900,1050,,0,sqlserver
L2,HIS,L,2026-11-28 03:00:00.000,2026-11-28 03:00:08.000,local,6000,7000,6900,1050,,0,sqlserver
L3,HIS,L,2026-11-28 04:00:00.000,2026-11-28 04:00:07.000,local,7000,8000,7900,1050,,0,sqlserver
";

#[test]
fn a_restorable_chain_at_each_location_passes() {
    let env = his(&[
        "--full",
        "7d",
        "--diff",
        "1d",
        "--log",
        "1h",
        "--offsite",
        "7d",
        "--rpo",
        "15m",
    ]);
    import_msdb(
        &env,
        &format!(
            "{CHAIN}\
             F1-copy,HIS,D,2026-11-27 01:00:00.000,2026-11-27 01:40:00.000,offsite,1000,1100,1050,,,0,copy-job\n\
             D1-copy,HIS,I,2026-11-28 01:00:00.000,2026-11-28 01:08:00.000,offsite,5000,5100,5050,1050,1050,0,copy-job\n"
        ),
    );
    check_at(&env, "2026-11-28T04:15:07Z")
        .code(0)
        .stdout_is(HEADER);
    env.run(&[
        "--as-of",
        "2026-11-28T04:15:07Z",
        "backup",
        "status",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("HIS,restorable,2026-11-28T04:00:07Z,15m,15m,OK\n");
    // One second past the objective.
    check_at(&env, "2026-11-28T04:15:08Z").code(2).stdout_is(&format!(
        "{HEADER}CRITICAL,backup,HIS,\"the newest restorable point is 2026-11-28 04:00, 15m ago (run D1 through run L3 at local): past the recovery point objective of 15m\",BAK-3\n"
    ));
    // The chain columns show where each run sits.
    let runs = env.ok(&["backup", "runs", "--chain", "--format", "csv"]);
    assert!(
        runs.contains(",sqlserver,D1,success,,,,,5000,5100,5050,1050,no,,,\n"),
        "{runs}"
    );
}

#[test]
fn a_full_only_policy_misses_the_recovery_point_objective() {
    // Daily fulls meet a daily full limit; they cannot meet a 15-minute RPO.
    let env = his(&["--full", "1d"]);
    import_msdb(
        &env,
        "F1,HIS,D,2026-11-27 01:00:00.000,2026-11-27 01:40:00.000,local,1000,1100,1050,,,0,sqlserver\n\
         F2,HIS,D,2026-11-28 01:00:00.000,2026-11-28 01:40:00.000,local,9000,9100,9050,,,0,sqlserver\n",
    );
    check_at(&env, "2026-11-28T09:00:00Z").code(0);
    env.ok(&["backup", "policy", "HIS", "--rpo", "15m"]);
    check_at(&env, "2026-11-28T09:00:00Z").code(2).stdout_is(&format!(
        "{HEADER}CRITICAL,backup,HIS,\"the newest restorable point is 2026-11-28 01:40, 7h 20m ago (run F2 at local): past the recovery point objective of 15m\",BAK-3\n"
    ));
    env.ok(&["backup", "policy", "HIS", "--rpo", "none"]);
    check_at(&env, "2026-11-28T09:00:00Z").code(0);
    env.run(&["backup", "policy", "HIS", "--rpo", "soon"])
        .error(&["--rpo", "\"soon\""]);
}

#[test]
fn a_42_hour_hole_in_the_logs_names_the_break() {
    let env = his(&["--full", "7d", "--log", "1h"]);
    // The logs of 26 November 11:00 to 27 November 23:00 are missing: the
    // next log starts at an LSN the previous one did not reach.
    import_msdb(
        &env,
        "F1,HIS,D,2026-11-26 01:00:00.000,2026-11-26 01:40:00.000,local,1000,1100,1050,,,0,sqlserver\n\
         L1,HIS,L,2026-11-26 09:00:00.000,2026-11-26 09:00:09.000,local,900,2000,1950,1050,,0,sqlserver\n\
         L2,HIS,L,2026-11-26 10:00:00.000,2026-11-26 10:00:09.000,local,2000,3000,2950,1050,,0,sqlserver\n\
         L44,HIS,L,2026-11-28 04:00:00.000,2026-11-28 04:00:09.000,local,47000,48000,47950,1050,,0,sqlserver\n",
    );
    check_at(&env, "2026-11-28T04:30:00Z").code(2).stdout_is(&format!(
        "{HEADER}CRITICAL,backup,HIS,\"at local, the runs after 2026-11-26 10:00 (run F1 through run L2) cannot be restored: log chain broken between run L2 (last LSN 3000) and run L44 (first LSN 47000)\",BAK-2\n"
    ));

    // Without LSNs, a hole longer than the log limit between two log
    // backups is taken as a break.
    let env = his(&["--full", "7d", "--log", "1h"]);
    for (kind, finished) in [
        ("full", "2026-11-26T01:40:00Z"),
        ("log", "2026-11-26T10:00:00Z"),
        ("log", "2026-11-28T04:00:00Z"),
    ] {
        env.ok(&[
            "backup",
            "record",
            "HIS",
            "--kind",
            kind,
            "--finished",
            finished,
        ]);
    }
    check_at(&env, "2026-11-28T04:30:00Z").code(2).stdout_is(&format!(
        "{HEADER}CRITICAL,backup,HIS,\"at local, the runs after 2026-11-26 10:00 (run #1 through run #2) cannot be restored: no log backup for 1d 18h between run #2 (finished 2026-11-26 10:00) and run #3 (started 2026-11-28 04:00), longer than the log limit of 1h\",BAK-2\n"
    ));
}

#[test]
fn a_differential_whose_full_is_not_recorded_names_its_base() {
    let env = his(&["--diff", "1d"]);
    import_msdb(
        &env,
        "F2024,HIS,D,2024-03-01 01:00:00.000,2024-03-01 01:40:00.000,local,100,110,105,,,0,sqlserver\n\
         D9,HIS,I,2026-11-28 01:00:00.000,2026-11-28 01:08:00.000,local,9000,9100,9050,905,905,0,sqlserver\n",
    );
    check_at(&env, "2026-11-28T02:00:00Z").code(2).stdout_is(&format!(
        "{HEADER}CRITICAL,backup,HIS,\"at local, the runs after 2024-03-01 01:40 (run F2024) cannot be restored: differential run D9 is based on a full backup with checkpoint LSN 905 that is not recorded here; the newest full here is run F2024 (checkpoint LSN 105, finished 2024-03-01 01:40)\",BAK-2\n"
    ));
    // A copy-only full is never a differential's base, whatever its time.
    let env = his(&["--diff", "1d"]);
    import_msdb(
        &env,
        "C1,HIS,D,2026-11-27 01:00:00.000,2026-11-27 01:40:00.000,local,,,,,,1,sqlserver\n\
         D1,HIS,I,2026-11-28 01:00:00.000,2026-11-28 01:08:00.000,local,,,,,,0,sqlserver\n",
    );
    check_at(&env, "2026-11-28T02:00:00Z")
        .code(2)
        .stdout_has("differential run D1 (finished 2026-11-28 01:08) has no full backup before it to restore onto here");
}

#[test]
fn off_site_must_hold_a_restorable_chain() {
    let env = his(&["--full", "1d", "--offsite", "7d"]);
    import_msdb(
        &env,
        "F1,HIS,D,2026-11-28 01:00:00.000,2026-11-28 01:40:00.000,local,1000,1100,1050,,,0,sqlserver\n\
         L1-copy,HIS,L,2026-11-28 02:00:00.000,2026-11-28 02:00:09.000,offsite,900,2000,1950,1050,,0,copy-job\n",
    );
    check_at(&env, "2026-11-28T03:00:00Z").code(2).stdout_is(&format!(
        "{HEADER}CRITICAL,backup,HIS,the offsite copies hold no restorable point: log run L1-copy (finished 2026-11-28 02:00) has no full backup to restore onto here,BAK-1\n"
    ));
    env.run(&[
        "--as-of",
        "2026-11-28T03:00:00Z",
        "backup",
        "status",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("HIS,offsite,never,,1w,CRITICAL\n");
    import_msdb(
        &env,
        "F1-copy,HIS,D,2026-11-28 01:00:00.000,2026-11-28 01:40:00.000,offsite,1000,1100,1050,,,0,copy-job\n",
    );
    check_at(&env, "2026-11-28T03:00:00Z").code(0);
}

#[test]
fn retention_counts_the_oldest_restorable_point() {
    // Repository 1 holds the oldest full; once its WAL is no longer in the
    // archive (as pgBackRest shows it), the oldest restorable point is the
    // newer full of repository 2, which does not cover the window.
    let file = fixture("pgbackrest-2.45-info-two-repos.json");
    let mut info: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let at = "2026-12-02T07:05:40Z";
    for (min, code) in [
        ("000000010000000000000001", 0),
        ("000000010000000000000004", 2),
    ] {
        let env = his(&["--retain-full", "1d"]);
        info[0]["archive"][0]["min"] = min.into();
        env.write("info.json", &info.to_string());
        for (repo, location) in [("1", "local"), ("2", "offsite")] {
            env.ok(&[
                "--as-of",
                "2026-12-31",
                "backup",
                "import",
                "--from",
                "pgbackrest",
                "info.json",
                "--system",
                "HIS",
                "--repo",
                repo,
                "--location",
                location,
            ]);
        }
        let out = check_at(&env, at).code(code);
        if code == 0 {
            continue;
        }
        out.stdout_is(&format!(
            "{HEADER}CRITICAL,backup,HIS,\"the local copies hold no restorable point: run his/repo1/20261201-070529F_20261201-070545I needs run his/repo1/20261201-070529F_20261201-070541I, which cannot be restored: run his/repo1/20261201-070529F cannot be restored: its WAL 000000010000000000000003..000000010000000000000003 is not in the archive of repo1 (000000010000000000000004..00000001000000000000000B)\",BAK-2\n\
             WARNING,backup,HIS,the oldest restorable backup finished 2026-12-01 07:05 (23h 59m ago): it does not reach back over the retention window of 1d,BAK-2\n"
        ));
    }
}

#[test]
fn pgbackrest_prior_chains_and_bytes_copied_beside_the_database_size() {
    let env = his(&["--full", "7d", "--diff", "1d", "--offsite", "7d"]);
    let file = fixture("pgbackrest-2.45-info-two-repos.json");
    env.ok(&[
        "--as-of",
        "2026-12-31",
        "backup",
        "import",
        "--from",
        "pgbackrest",
        &file,
        "--system",
        "HIS",
        "--repo",
        "1",
    ]);
    env.ok(&[
        "--as-of",
        "2026-12-31",
        "backup",
        "import",
        "--from",
        "pgbackrest",
        &file,
        "--system",
        "HIS",
        "--repo",
        "2",
        "--location",
        "offsite",
    ]);
    check_at(&env, "2026-12-01T08:00:00Z")
        .code(0)
        .stdout_is(HEADER);
    let runs = env.ok(&["backup", "runs", "--chain", "--format", "csv"]);
    // bytes is the database size; pgBackRest's delta and repository size follow.
    assert!(
        runs.contains(",local,25196249,,pgbackrest,his/repo1/20261201-070529F_20261201-070537D,success,backup 20261201-070529F_20261201-070537D,,298864,3291762,,,,,no,his/repo1/20261201-070529F,000000010000000000000005,000000010000000000000005\n"),
        "{runs}"
    );
    assert!(runs.contains(",offsite,27006681,,pgbackrest,his/repo2/20261201-070553F,success,backup 20261201-070553F,,3497358,3497358,"), "{runs}");

    // The same output without the differential (expired behind the
    // register's back): the incrementals taken against it cannot be restored.
    let env = his(&["--full", "7d", "--diff", "1d"]);
    let mut info: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    info[0]["backup"].as_array_mut().unwrap().remove(1);
    env.write("info.json", &info.to_string());
    env.ok(&[
        "--as-of",
        "2026-12-31",
        "backup",
        "import",
        "--from",
        "pgbackrest",
        "info.json",
        "--system",
        "HIS",
        "--repo",
        "1",
    ]);
    check_at(&env, "2026-12-01T08:00:00Z").code(2).stdout_is(&format!(
        "{HEADER}CRITICAL,backup,HIS,\"at local, the runs after 2026-12-01 07:05 (run his/repo1/20261201-070529F) cannot be restored: run his/repo1/20261201-070529F_20261201-070545I needs run his/repo1/20261201-070529F_20261201-070541I, which cannot be restored: run his/repo1/20261201-070529F_20261201-070541I is taken against backup his/repo1/20261201-070529F_20261201-070537D, which is not recorded here\",BAK-2\n"
    ));
}

#[test]
fn borg_info_after_borg_list_completes_the_runs() {
    let env = his(&["--full", "1d"]);
    let tz = [("TZ", "Asia/Shanghai")];
    let import = |file: &str| {
        env.run_env(
            &[
                "--as-of",
                "2026-12-31",
                "backup",
                "import",
                "--from",
                "borg",
                &fixture(file),
                "--system",
                "HIS",
            ],
            &tz,
        )
        .success()
    };
    import("borg-1.2.4-list-TZ-Shanghai.json").stdout_has("added 3, 0 already recorded");
    assert_eq!(
        env.sql("SELECT count(*), count(bytes) FROM backup_run;")
            .trim(),
        "3|0"
    );
    import("borg-1.2.4-info-last3-TZ-Shanghai.json")
        .stdout_has("added 0, 3 already recorded (3 completed with what this input adds)");
    assert_eq!(
        env.sql(
            "SELECT group_concat(bytes, ' ') FROM (SELECT bytes FROM backup_run ORDER BY finished);"
        )
        .trim(),
        "200010 200012 230012"
    );
    // Again: nothing more to add, and no duplicate.
    import("borg-1.2.4-info-last3-TZ-Shanghai.json").stdout_has("added 0, 3 already recorded;");
    assert_eq!(env.sql("SELECT count(*) FROM backup_run;").trim(), "3");
    env.run(&["audit", "verify"]).success();
}

#[test]
fn a_drill_names_its_restore_point_and_counts_only_while_restorable() {
    let env = his(&["--drill", "90d"]);
    import_msdb(
        &env,
        "F2024,HIS,D,2024-03-01 01:00:00.000,2024-03-01 01:40:00.000,local,100,110,105,,,0,sqlserver\n\
         D9,HIS,I,2026-11-20 01:00:00.000,2026-11-20 01:08:00.000,local,9000,9100,9050,905,905,0,sqlserver\n",
    );
    let drill = |point: &str| {
        env.run(&[
            "--as-of",
            "2026-11-28T00:00:00Z",
            "backup",
            "drill",
            "HIS",
            "--at",
            "2026-11-21 10:00",
            "--result",
            "pass",
            "--note",
            "restored to test-db",
            "--point",
            point,
        ])
    };
    drill("D7").error(&["--point", "\"D7\" is not a recorded run of this system"]);
    drill("D9").success();
    check_at(&env, "2026-11-28T00:00:00Z")
        .code(2)
        .stdout_has("WARNING,backup,HIS,\"the restore drill of 2026-11-21 10:00 restored run D9, which can no longer be restored: it does not count\",BAK-2\n")
        .stdout_has("WARNING,backup,HIS,no passed restore drill recorded; the policy requires one every 90d,BAK-2\n");
    drill("F2024").success();
    check_at(&env, "2026-11-28T00:00:00Z")
        .code(2)
        .stdout_lacks("no passed restore drill recorded");
    env.run(&["audit", "verify"]).success();
}

#[test]
fn msdb_columns_are_checked_naming_line_and_column() {
    let env = his(&["--full", "1d"]);
    for (row, field) in [
        (
            "F,HIS,D,,2026-11-27 01:00,local,12x,,,,,0,s\n",
            "line 2, column first_lsn: \"12x\" is not an LSN",
        ),
        (
            "F,HIS,D,,2026-11-27 01:00,local,,,,,,maybe,s\n",
            "line 2, column is_copy_only: \"maybe\" is not 0 or 1",
        ),
        (
            "F,HIS,D,,2026-11-27 01:00,local,20,10,,,,0,s\n",
            "line 2, column first_lsn: 20 is after last_lsn 10",
        ),
    ] {
        env.write("bad.csv", &format!("{MSDB}{row}"));
        env.run(&["backup", "import", "--from", "csv", "bad.csv"])
            .error(&[field]);
    }
    assert_eq!(env.sql("SELECT count(*) FROM backup_run;").trim(), "0");
}
