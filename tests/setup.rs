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
    env.run(&["init"]).success().stdout_has("Up to date:");
    assert_eq!(env.sql("PRAGMA journal_mode;").trim(), "wal");
    assert_eq!(env.sql("PRAGMA user_version;").trim(), "2");
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
    // The audit trail keeps the real time, not --as-of.
    let at = env.sql("SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1;");
    assert!(!at.starts_with("2025-03-01"), "{at}");
}

#[test]
fn actor_is_recorded_with_the_os_user_and_command() {
    let env = Env::new();
    env.ok(&["--actor", "李娜", "dept", "add", "外科"]);
    let row = env.sql("SELECT actor || '|' || command FROM audit_log;");
    assert_eq!(row.trim(), "李娜|--actor 李娜 dept add 外科");
    env.run(&["--actor", " ", "dept", "list"])
        .error(&["--actor", "must not be empty"]);
}

#[test]
fn completions_and_man_page_come_from_clap() {
    let env = Env::bare();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        env.run(&["completions", shell])
            .success()
            .stdout_has("infogov");
    }
    env.run(&["completions", "bash"])
        .success()
        .stdout_has("asset")
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
    assert!(seeded >= 10, "{out}");
    let list = env
        .run(&["--as-of", "2026-11-28", "duty", "list", "--format", "csv"])
        .success()
        .stdout;
    for (name, req) in [
        ("leading-group-meeting", "DUT-1"),
        ("it-training", "DUT-4"),
        ("consumables-plan", "CON-2"),
    ] {
        assert!(
            list.lines().any(|l| l.starts_with(name) && l.contains(req)),
            "{name} {req}:\n{list}"
        );
    }
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
