//! Local time: the register has a time zone; people read times in it, as
//! Chinese offices write them; scripts get RFC 3339 with the offset.

use crate::support::Env;

/// A register kept in Beijing time, opened from a shell whose `TZ` is UTC
/// (as on most servers).
fn beijing() -> Env {
    let env = Env::bare();
    env.run(&["init", "--timezone", "Asia/Shanghai"])
        .success()
        .stdout_has("Time zone: Asia/Shanghai");
    env.ok(&["dept", "add", "信息科"]);
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env
}

#[test]
fn a_typed_time_is_read_and_shown_in_the_registers_zone() {
    let env = beijing();
    let record = [
        "--as-of",
        "2026-12-01",
        "backup",
        "record",
        "HIS",
        "--kind",
        "full",
        "--finished",
        "2026-12-01 01:42",
    ];
    for tz in ["UTC", "Asia/Shanghai"] {
        let env = beijing();
        env.run_env(&record, &[("TZ", tz)])
            .success()
            .stdout_is("Recorded a full backup of HIS finished 2026-12-01 01:42\n");
        // Stored in UTC: the previous day, 17:42.
        assert_eq!(
            env.sql("SELECT finished FROM backup_run;").trim(),
            "2026-11-30T17:42:00Z"
        );
        // A person reads it as typed; a script gets the instant with its offset.
        env.run_env(&["backup", "runs"], &[("TZ", tz)])
            .success()
            .stdout_has("2026-12-01 01:42")
            .stdout_lacks("17:42");
        env.run_env(&["backup", "runs", "--format", "json"], &[("TZ", tz)])
            .success()
            .stdout_has("\"finished\":\"2026-12-01T01:42:00+08:00\"");
    }
    drop(env);
}

#[test]
fn init_records_the_systems_zone_and_the_config_can_change_it() {
    let env = Env::bare();
    env.run_env(&["init"], &[("TZ", "Asia/Shanghai")])
        .success()
        .stdout_has("Time zone: Asia/Shanghai");
    // Later commands use the register's zone whatever the shell says.
    env.ok(&["dept", "add", "信息科"]);
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env.run_env(
        &[
            "--as-of",
            "2026-12-01",
            "backup",
            "record",
            "HIS",
            "--kind",
            "full",
            "--finished",
            "2026-12-01 09:00",
        ],
        &[("TZ", "UTC")],
    )
    .success();
    assert_eq!(
        env.sql("SELECT finished FROM backup_run;").trim(),
        "2026-12-01T01:00:00Z"
    );
    // The config overrides the register's zone.
    let config = env.write("config.toml", "timezone = \"UTC\"\n");
    env.run(&[
        "--config",
        config.to_str().unwrap(),
        "backup",
        "runs",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has(",2026-12-01T01:00:00Z,");
    env.run(&["backup", "runs", "--format", "csv"])
        .success()
        .stdout_has(",2026-12-01T09:00:00+08:00,");
}

#[test]
fn an_unknown_zone_is_one_line_and_writes_nothing() {
    let env = Env::bare();
    env.run(&["init", "--timezone", "Asia/Beijing"]).error(&[
        "--timezone",
        "\"Asia/Beijing\"",
        "not a time zone",
        "Asia/Shanghai",
    ]);
    assert!(!env.db.exists(), "nothing written");
    let env = Env::new();
    let before = env.sql("SELECT count(*) FROM audit_log;");
    let config = env.write("config.toml", "timezone = \"Beijing\"\n");
    env.run(&["--config", config.to_str().unwrap(), "dept", "add", "外科"])
        .error(&["timezone", "\"Beijing\"", "not a time zone"]);
    assert_eq!(env.sql("SELECT count(*) FROM audit_log;"), before);
}

#[test]
fn a_time_in_the_future_is_refused_so_a_zone_mistake_is_caught() {
    // The register is in UTC; an officer in Beijing types 15:30 local time
    // at 08:00 UTC (16:00 Beijing). Read as UTC it is 7½ hours ahead.
    let env = Env::new();
    env.ok(&["dept", "add", "信息科"]);
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env.run(&[
        "--as-of",
        "2026-12-01T08:00:00Z",
        "backup",
        "record",
        "HIS",
        "--kind",
        "full",
        "--finished",
        "2026-12-01 15:30",
    ])
    .error(&[
        "--finished",
        "2026-12-01 15:30 is in the future",
        "now is 2026-12-01 08:00 UTC",
    ]);
    assert_eq!(env.sql("SELECT count(*) FROM backup_run;").trim(), "0");
}

#[test]
fn the_audit_log_and_printed_form_show_local_minutes() {
    let env = beijing();
    env.ok(&["audit", "log"]);
    let shown = env.ok(&["audit", "log", "--format", "csv"]);
    // The trail's real times carry the register's offset for scripts.
    assert!(shown.contains("+08:00"), "{shown}");
    let table = env.ok(&["audit", "log"]);
    assert!(
        !table.contains("+08:00") && !table.contains("Z,"),
        "{table}"
    );
    env.ok(&["person", "add", "王伟", "--dept", "信息科"]);
    env.run(&[
        "--actor",
        "王伟",
        "--as-of",
        "2026-12-01T07:08:22Z",
        "request",
        "new",
        "--kind",
        "project",
        "--dept",
        "信息科",
        "--title",
        "机房改造",
        "--purpose",
        "UPS",
        "--budget",
        "80000",
    ])
    .success();
    env.run(&["--lang", "zh", "request", "export", "1"])
        .success()
        .stdout_has("2026-12-01 15:08")
        .stdout_lacks("07:08:22Z");
}

#[test]
fn steps_recorded_on_behalf_fall_on_the_registers_day_whatever_the_shells_zone() {
    let env = Env::with_org();
    env.ok(&["person", "login", "李娜", &whoami::username().unwrap()]);
    let form = env.write("form.pdf", "%PDF-1.4 signed 张院长");
    env.run_env(
        &[
            "--on-behalf-of",
            "张院长",
            "--on-behalf-evidence",
            form.to_str().unwrap(),
            "dept",
            "add",
            "外科",
        ],
        &[("INFOGOV_ACTOR", "")],
    )
    .success();
    // The step carries the real time it was recorded. A register zone is
    // chosen whose day differs from the UTC day at that instant: 14 hours
    // ahead from 10:00 UTC on, 11 hours behind before (neither has DST).
    let at = env.sql("SELECT at FROM on_behalf;");
    let at = chrono::DateTime::parse_from_rfc3339(at.trim()).unwrap();
    use chrono::Timelike;
    let (zone, hours) = if at.hour() >= 10 {
        ("Pacific/Kiritimati", 14)
    } else {
        ("Pacific/Pago_Pago", -11)
    };
    let local_day = (at + chrono::Duration::hours(hours)).date_naive();
    let utc_day = at.date_naive();
    assert_ne!(local_day, utc_day);
    let config = env.write("config.toml", &format!("timezone = \"{zone}\"\n"));
    let report = |day: chrono::NaiveDate, tz: &str| {
        let day = day.to_string();
        env.run_env(
            &[
                "--config",
                config.to_str().unwrap(),
                "--as-of",
                "2030-01-01",
                "audit",
                "report",
                "--only",
                "on-behalf",
                "--from",
                &day,
                "--to",
                &day,
                "--format",
                "csv",
            ],
            &[("TZ", tz)],
        )
        .success()
        .stdout
    };
    for tz in ["UTC", "Asia/Shanghai"] {
        let on_its_day = report(local_day, tz);
        assert!(
            on_its_day.contains(&format!("on-behalf,recorded,张院长@信息科,{local_day},1,")),
            "TZ={tz} {zone} {local_day}\n{on_its_day}"
        );
        let utc = report(utc_day, tz);
        assert!(!utc.contains("on-behalf"), "TZ={tz} {utc_day}\n{utc}");
    }
}

/// Every form a person reads (table, message, HTML page, workbook, the
/// period report) shows the register's local minute, from a shell in UTC
/// and from one in Beijing alike; a register kept in UTC stays in UTC from
/// a Beijing shell.
#[test]
fn every_form_shows_the_registers_time_under_either_shell_zone() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let record = [
        "--as-of",
        "2026-12-01",
        "backup",
        "record",
        "HIS",
        "--kind",
        "full",
        "--finished",
        "2026-12-01 01:42",
    ];
    for tz in ["UTC", "Asia/Shanghai"] {
        let env = beijing();
        let vars = [("TZ", tz)];
        env.run_env(&record, &vars)
            .success()
            .stdout_is("Recorded a full backup of HIS finished 2026-12-01 01:42\n");
        env.run_env(&["--as-of", "2026-12-01", "backup", "status"], &vars)
            .success()
            .stdout_has("2026-12-01 01:42");
        env.run_env(
            &["backup", "runs", "--format", "html", "-o", "runs.html"],
            &vars,
        )
        .success();
        let html = std::fs::read_to_string(env.path("runs.html")).unwrap();
        assert!(
            html.contains("2026-12-01 01:42") && !html.contains("17:42"),
            "TZ={tz}\n{html}"
        );
        env.run_env(
            &[
                "--as-of",
                "2026-12-01",
                "audit",
                "report",
                "--format",
                "html",
                "-o",
                "report.html",
            ],
            &vars,
        )
        .success();
        let report = std::fs::read_to_string(env.path("report.html")).unwrap();
        assert!(
            report.contains("2026-12-01 01:42") && !report.contains("17:42"),
            "TZ={tz}"
        );
        env.run_env(
            &["backup", "runs", "--format", "xlsx", "-o", "runs.xlsx"],
            &vars,
        )
        .success();
        let mut book: Xlsx<_> = open_workbook(env.path("runs.xlsx")).unwrap();
        let name = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&name).unwrap();
        let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
        let col = rows[0]
            .iter()
            .position(|h| *h == Data::String("Finished".into()))
            .unwrap();
        match &rows[1][col] {
            Data::DateTime(d) => {
                let serial = d.as_f64();
                let minutes = ((serial - serial.floor()) * 24.0 * 60.0).round();
                assert_eq!(
                    (serial.floor(), minutes),
                    (46357.0, 102.0),
                    "TZ={tz}: 2026-12-01 01:42"
                );
            }
            other => panic!("TZ={tz}: not a date cell: {other:?}"),
        }
    }
    // A register kept in UTC, used from a Beijing shell: its zone, not the shell's.
    let env = Env::new();
    env.ok(&["dept", "add", "信息科"]);
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    let vars = [("TZ", "Asia/Shanghai")];
    env.run_env(&record, &vars).success();
    assert_eq!(
        env.sql("SELECT finished FROM backup_run;").trim(),
        "2026-12-01T01:42:00Z"
    );
    env.run_env(&["backup", "runs"], &vars)
        .success()
        .stdout_has("2026-12-01 01:42")
        .stdout_lacks("09:42");
    env.run_env(&["backup", "runs", "--format", "json"], &vars)
        .success()
        .stdout_has("\"finished\":\"2026-12-01T01:42:00Z\"");
}
