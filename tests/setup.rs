//! `infogov init`, global options, config, exit codes.

use crate::support::Env;

#[test]
fn init_creates_a_private_register_and_is_idempotent() {
    let env = Env::bare();
    env.run(&["init"]).success().stdout_has("Created register");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&env.db).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // The register is stamped with the schema version the binary says it writes.
    let version = env.sql("PRAGMA user_version;").trim().to_string();
    env.run(&["init"])
        .success()
        .stdout_has("Up to date:")
        .stdout_has(&format!("(schema version {version})"));
    assert_eq!(env.sql("PRAGMA journal_mode;").trim(), "wal");
    assert_eq!(
        env.sql("PRAGMA user_version;").trim(),
        infogov::store::migrate::SCHEMA_VERSION.to_string()
    );
}

#[test]
fn a_missing_register_is_not_created_by_other_commands() {
    let env = Env::bare();
    env.run(&["dept", "list"])
        .error(&["--db", "does not exist", "infogov init"]);
    assert!(!env.db.exists());
}

#[test]
fn a_newer_register_is_refused() {
    let env = Env::new();
    env.sql("PRAGMA user_version = 99;");
    env.run(&["dept", "list"])
        .error(&["schema version 99", "newer than this infogov"]);
}

#[test]
fn another_programs_database_is_refused() {
    let env = Env::bare();
    std::process::Command::new("sqlite3")
        .arg(&env.db)
        .arg("CREATE TABLE t(x);")
        .status()
        .unwrap();
    env.run(&["init"]).error(&["not an infogov register"]);
    std::fs::write(
        &env.db,
        "not a database at all, just some text that is long enough",
    )
    .unwrap();
    env.run(&["init"]).error(&["not an infogov register"]);
}

#[test]
fn default_paths_live_in_the_users_directories() {
    let env = Env::bare();
    // No --db and no INFOGOV_DB: the per-user data directory under $HOME.
    let run = env.run_env(&["init", "--write-config"], &[("INFOGOV_DB", "")]);
    run.success().stdout_has("Wrote the default config");
    assert!(env.path(".local/share/infogov/register.db").exists());
    let config = env.path(".config/infogov/config.toml");
    assert!(config.exists());
    // The written config is read back from the default place.
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("tag_prefix = \"IT\"", "tag_prefix = \"HOSP\""),
    )
    .unwrap();
    env.run_env(&["dept", "add", "内科"], &[("INFOGOV_DB", "")])
        .success();
    env.run_env(
        &[
            "asset", "register", "--kind", "desktop", "--name", "PC", "--dept", "内科",
        ],
        &[("INFOGOV_DB", "")],
    )
    .success()
    .stdout_has("Registered HOSP-");
    // Never overwritten.
    env.run_env(&["init", "--write-config"], &[("INFOGOV_DB", "")])
        .error(&["--write-config", "already exists"]);
}

#[test]
fn config_errors_name_the_line_and_key() {
    let env = Env::new();
    let cfg = env.write("bad.toml", "lang = \"en\"\n[asset]\ntag_prefx = \"X\"\n");
    env.run(&["--config", cfg.to_str().unwrap(), "dept", "list"])
        .error(&["--config", "bad.toml", "line 3", "tag_prefx"]);
    env.run(&["--config", "nope.toml", "dept", "list"])
        .error(&["--config", "nope.toml"]);
}

#[test]
fn config_names_the_register_and_kinds() {
    let env = Env::bare();
    let db = env.path("from-config.db");
    let cfg = env.write(
        "c.toml",
        &format!(
            "db = {:?}\n[asset]\nkinds = [\"scanner\"]\n",
            db.to_str().unwrap()
        ),
    );
    let c = cfg.to_str().unwrap();
    env.run_env(&["--config", c, "init"], &[("INFOGOV_DB", "")])
        .success();
    assert!(db.exists());
    env.run_env(
        &["--config", c, "dept", "add", "内科"],
        &[("INFOGOV_DB", "")],
    )
    .success();
    env.run_env(
        &[
            "--config", c, "asset", "register", "--kind", "desktop", "--name", "PC", "--dept",
            "内科",
        ],
        &[("INFOGOV_DB", "")],
    )
    .error(&["--kind", "\"desktop\" is not one of scanner"]);
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    let run = env.run(&["asset", "frobnicate"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = env.run(&["--format", "xml", "dept", "list"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn as_of_is_validated_and_dates_records() {
    let env = Env::with_org();
    env.run(&["--as-of", "yesterday", "dept", "list"])
        .error(&["--as-of", "\"yesterday\""]);
    env.ok(&[
        "--as-of",
        "2025-03-01",
        "asset",
        "register",
        "--kind",
        "desktop",
        "--name",
        "PC",
        "--dept",
        "内科",
    ]);
    env.run(&["asset", "show", "IT-2025-0001", "--format", "csv"])
        .success()
        .stdout_has("2025-03-01");
    // The audit trail keeps the machine's time, not --as-of: the entry was
    // written within a minute of now (by the same clock, so this also holds
    // under faketime, on 2025-03-01 itself or on any other day).
    let age = env.sql(
        "SELECT at, abs(julianday(at) - julianday('now')) * 86400 < 60 \
         FROM audit_log ORDER BY seq DESC LIMIT 1;",
    );
    assert!(age.trim().ends_with("|1"), "audit time is not now: {age}");
    // And it is an instant (RFC 3339, to the second), not a bare day.
    let at = age.split('|').next().unwrap();
    assert_eq!(at.len(), "2026-11-28T10:00:00Z".len(), "{at}");
    assert!(at.ends_with('Z') && at.as_bytes()[10] == b'T', "{at}");
}

#[test]
fn actor_is_recorded_with_the_os_user_and_command() {
    let env = Env::new();
    // The login the tests run under, as the system reports it.
    let login = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let login = String::from_utf8(login.stdout).unwrap().trim().to_string();
    assert!(!login.is_empty());
    env.ok(&["--actor", "李娜", "dept", "add", "外科"]);
    // (`init` recorded the register's time zone first, as tester.)
    let row = env.sql("SELECT actor || '|' || os_user || '|' || command FROM audit_log WHERE entity = 'department';");
    // The named actor, and beside it the OS account that really ran it.
    assert_eq!(
        row.trim(),
        format!("李娜|{login}|--actor 李娜 dept add 外科")
    );
    // With neither --actor nor INFOGOV_ACTOR, the actor is the OS user.
    env.run_env(&["dept", "add", "儿科"], &[("INFOGOV_ACTOR", "")])
        .success();
    let row = env.sql("SELECT actor || '|' || os_user FROM audit_log ORDER BY seq DESC LIMIT 1;");
    assert_eq!(row.trim(), format!("{login}|{login}"));
    env.run(&["--actor", " ", "dept", "list"])
        .error(&["--actor", "must not be empty"]);
}

#[test]
fn completions_and_man_page_come_from_clap() {
    let env = Env::bare();
    // The dynamic scripts register infogov, which the shell asks as you type.
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        env.run(&["completions", shell])
            .success()
            .stdout_has("infogov")
            .stdout_has("COMPLETE");
        env.run(&["completions", shell, "--static"])
            .success()
            .stdout_has("infogov")
            .stdout_has("asset");
    }
    env.run(&["completions", "bash", "--static"])
        .success()
        .stdout_has("--as-of")
        .stdout_has("transfer");
    env.run(&["completions", "nushell"])
        .success()
        .stdout_has("export extern \"infogov asset transfer\"")
        .stdout_has("--as-of");
    env.run(&["man"])
        .success()
        .stdout_has(".TH infogov 1")
        .stdout_has("register");
}

#[test]
fn init_with_defaults_seeds_the_regulations_duties_once() {
    let env = Env::bare();
    let out = env
        .run(&["--as-of", "2026-11-28", "init", "--with-defaults"])
        .success()
        .stdout;
    assert!(out.contains("Created register"), "{out}");
    let seeded: usize = out
        .lines()
        .find_map(|l| {
            l.strip_prefix("Seeded ")
                .and_then(|r| r.split(' ').next())
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or_else(|| panic!("{out}"));
    let list = env
        .run(&["--as-of", "2026-11-28", "duty", "list", "--format", "csv"])
        .success()
        .stdout;
    // Every organisation-wide duty the regulation names, with its interval
    // and requirement; the per-department and per-system ones wait for
    // departments and systems, which a bare register has none of.
    let mut listed: Vec<String> = list
        .lines()
        .skip(1)
        .map(|l| l.split(',').take(3).collect::<Vec<_>>().join(","))
        .collect();
    listed.sort();
    assert_eq!(
        listed,
        [
            "annual-summary,1y,DUT-2",
            "computer-check,1q,OPS-1",
            "consumables-plan,1q,CON-2",
            "coordination-meeting,6mo,DUT-3",
            "department-evaluation,1y,DUT-5",
            "fault-review,1mo,OPS-4",
            "inspection-report,6mo,DUT-2",
            "it-training,1y,DUT-4",
            "leading-group-meeting,2w,DUT-1",
            "restore-drill,1q,BAK-2",
            "semester-exchange,6mo,DUT-2",
            "virus-scan,1mo,OPS-1",
        ],
        "{list}"
    );
    assert_eq!(seeded, listed.len(), "{out}");
    env.run(&["init", "--with-defaults"])
        .success()
        .stdout_has("Seeded 0 recurring duties");
}

#[test]
fn an_empty_file_is_a_register_only_through_init() {
    let env = Env::bare();
    std::fs::write(&env.db, "").unwrap();
    env.run(&["dept", "add", "内科"]).error(&[
        "--db",
        "is empty, not an infogov register",
        "infogov init",
    ]);
    env.run(&["audit", "check", "--nagios"])
        .code(3)
        .stderr_has("is empty");
    env.run(&["init"]).success().stdout_has("Created register");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&env.db).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn another_programs_database_is_left_as_it_was() {
    let env = Env::bare();
    std::process::Command::new("sqlite3")
        .arg(&env.db)
        .arg("CREATE TABLE t(x);")
        .status()
        .unwrap();
    env.run(&["asset", "list"]).error(&["another program"]);
    assert_eq!(env.sql("PRAGMA journal_mode;").trim(), "delete");
}

#[test]
fn a_check_that_cannot_start_is_unknown() {
    let env = Env::new();
    let cfg = env.write("bad.toml", "[asset]\ntag_prefx = \"X\"\n");
    env.run(&[
        "--config",
        cfg.to_str().unwrap(),
        "audit",
        "check",
        "--nagios",
    ])
    .code(3)
    .stdout_has("COMPLIANCE UNKNOWN - --config")
    .stderr_has("tag_prefx");
    env.run(&["--as-of", "2026-13-01", "backup", "check"])
        .code(3)
        .stderr_has("--as-of");
    // Other commands keep exit 1 for an error.
    env.run(&["--as-of", "2026-13-01", "dept", "list"])
        .error(&["--as-of"]);
}

#[test]
fn a_date_typed_without_dashes_is_not_read_as_epoch_seconds() {
    let env = Env::new();
    env.run(&["--as-of", "20261128", "dept", "list"])
        .error(&["--as-of", "\"20261128\""]);
    env.ok(&["--as-of", "1764288000", "dept", "list"]);
}

#[test]
fn department_codes_are_trimmed_and_never_empty() {
    let env = Env::new();
    env.ok(&["dept", "add", "外科", "--code", " WK "]);
    env.ok(&["person", "add", "陈明", "--dept", "WK"]);
    env.run(&["dept", "add", "儿科", "--code", " "])
        .error(&["--code", "must not be empty"]);
}
