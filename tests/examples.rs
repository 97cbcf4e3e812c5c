//! The examples in examples/ work as documented: the set-up script, the
//! workflow script, every sample file through its import, and every line of
//! the crontab, run against a register.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{BIN, Env};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

fn example(name: &str) -> String {
    examples().join(name).display().to_string()
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs examples/workflow.sh on `db` with these extra variables; returns
/// the exit code, stdout and stderr.
fn workflow(env: &Env, db: &Path, vars: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = env.shell(r#""$0" "$1""#);
    c.arg(example("workflow.sh")).arg(db);
    for (k, v) in vars {
        c.env(k, v);
    }
    let out = c.output().expect("run workflow.sh");
    let (stdout, stderr) = text(&out);
    (out.status.code().unwrap_or(-1), stdout, stderr)
}

/// A register built by examples/workflow.sh, in a fresh folder.
fn walked() -> (Env, String) {
    let env = Env::bare();
    let (code, stdout, stderr) = workflow(&env, &env.db, &[]);
    assert_eq!(
        code, 0,
        "workflow.sh failed\n{stdout}\n--- stderr\n{stderr}"
    );
    (env, stdout)
}

/// What the compliance check says at the end of the story: one WARNING, the
/// unapproved WeChat on a laptop.
const FINAL_CHECK: &str = "\
severity,area,subject,message,requirement
WARNING,software,IT-2026-0004 外科主任笔记本,\"微信 3.9.12.17 is installed but not on the approved list (custodian 陈明, 外科; inventory of 2026-10-08)\",AST-8
";

fn final_check(env: &Env) {
    env.run_env(
        &[
            "--as-of",
            "2026-10-09 10:00",
            "--format",
            "csv",
            "audit",
            "check",
            "--full",
        ],
        &[("TZ", "CST-8")],
    )
    .code(1)
    .stdout_is(FINAL_CHECK);
}

#[test]
fn the_sample_register_builds_and_checks() {
    let env = Env::bare();
    let out = env
        .shell(&format!(
            "{}/setup.sh {}",
            examples().display(),
            env.db.display()
        ))
        .env("INFOGOV", BIN)
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("imported 14 assets, added 5 people"),
        "{stdout}"
    );
    // The sample has one classified laptop kept off every network, and one
    // spare PC in stock, neither a finding: the check the script ends with
    // reports only the old PC past its service life (the one to retire),
    // the two graded systems without a backup policy, their
    // filings made without the grading materials (the sample files them
    // directly), and the three departments without a liaison, all warnings.
    assert!(!stdout.contains("CRITICAL"), "{stdout}");
    for subject in ["HIS", "PACS", "外科", "财务科", "院办"] {
        assert!(
            stdout
                .lines()
                .any(|l| l.contains("WARNING") && l.contains(&format!(" {subject} "))),
            "{subject}: {stdout}"
        );
    }
    env.run(&["audit", "check", "--full", "--format", "csv"])
        .code(1)
        .stdout_is(
            "severity,area,subject,message,requirement\n\
             WARNING,asset,IT-2026-0014 旧门诊电脑,\"is past its service life of 6y (bought 2018-05-20, ended 2024-05-20): a candidate for retirement\",AST-6\n\
             WARNING,backup,HIS,no backup policy; set one with `infogov backup policy SYSTEM --full 7d ...`,BAK-3\n\
             WARNING,backup,PACS,no backup policy; set one with `infogov backup policy SYSTEM --full 7d ...`,BAK-3\n\
             WARNING,grade,HIS,\"the filing of 2026-11-28 (grade 3) was made without the grading report (定级报告), the expert review (专家评审)\",GRD-3\n\
             WARNING,grade,PACS,\"the filing of 2026-11-28 (grade 2) was made without the grading report (定级报告), the expert review (专家评审)\",GRD-3\n\
             WARNING,org,财务科,department has no IT liaison (信息员); name one with `infogov dept liaison`,ORG-1\n\
             WARNING,org,外科,department has no IT liaison (信息员); name one with `infogov dept liaison`,ORG-1\n\
             WARNING,org,院办,department has no IT liaison (信息员); name one with `infogov dept liaison`,ORG-1\n",
        );
    env.run(&["audit", "verify"]).success();
    env.run(&["asset", "list", "--dept", "内科", "--format", "csv"])
        .success()
        .stdout_has("住院部6层护士站");
}

#[test]
fn the_workflow_walks_every_area_to_one_known_finding() {
    let (env, stdout) = walked();
    // Each step's heading, and what each workflow produced.
    for part in [
        "== 2026-09-01: Set-up: the register, with the recurring duties the regulation names",
        "Seeded 12 recurring duties",
        "Added 3 duties: log-review:IT-2026-0006, log-review:IT-2026-0007, perimeter-review:IT-2026-0009",
        "Recorded that IT-2026-0007 keeps its operation logs 6mo",
        "antivirus-console.csv: loaded 10 devices: 10 recorded, 0 unchanged",
        "Added 11 duties: data-submission:财务科, data-submission:内科, data-submission:外科, data-submission:信息科, data-submission:院办, password:HIS",
        "OA is now in-service",
        "assets.csv: imported 14 assets, added 0 people",
        "Transferred IT-2026-0002",
        "Filed and submitted request 1",
        "Request 1 is approved",
        "IT-2026-0003 is now under-repair",
        "Recorded repair of IT-2026-0003",
        "Request 1 is fulfilled; registered IT-2026-0015, IT-2026-0016 linked to it",
        "Request 2 is fulfilled; retired IT-2026-0014",
        "Disposed of IT-2026-0014 (destroy), retired by request 2",
        "Issued 2 box of TON-88A to 内科 (over 内科's toner quota for 2026Q3: flagged)",
        "内科 needs 4 box of TON-88A in 2026Q3",
        "Filed the plan for 2026Q3 as request 3",
        "Filed the plan for 2026Q4 as request 4",
        "Received 100 ream of PAP-A4; 120 in stock",
        "Request 4 is fulfilled",
        "Recorded consumables-plan done on 2026-10-01",
        "backups-his-sqlserver.csv: 43 csv run(s) read; added 43, 0 already recorded",
        "pgbackrest-pacs.json: 20 pgbackrest run(s) read; added 20, 0 already recorded",
        "standard input: 14 restic run(s) read; added 14, 0 already recorded",
        "backups-offsite.csv: 10 csv run(s) read; added 10 (1 failed), 0 already recorded",
        "backups-offsite.csv: 10 csv run(s) read; added 0, 10 already recorded",
        "BACKUP OK - no findings",
        "Recorded evaluation 1 of HIS against grade 3: basic",
        "Closed rectification item 2 of PACS",
        "Recorded a password change of HIS on 2026-10-08",
        "software.csv: loaded 5 devices, 21 packages: 21 added, 0 removed, 0 unchanged",
        "audit check exited 1 (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)",
        "AUDIT OK - no findings",
    ] {
        assert!(
            stdout.contains(part),
            "workflow output lacks {part:?}\n{stdout}"
        );
    }
    final_check(&env);
    env.run(&["audit", "verify"]).success();
    // The purchase is linked to its request (REQ-5); the old PC is gone.
    let asset = env
        .run(&["--format", "json", "asset", "show", "IT-2026-0015"])
        .success()
        .json();
    assert_eq!(asset[0]["request"], 1);
    env.run(&["--format", "csv", "request", "list"])
        .success()
        .stdout_has("1,config-change,内科,门诊诊室电脑更新,王伟,fulfilled")
        .stdout_has("2,retirement,内科,旧电脑报废,王伟,fulfilled")
        .stdout_has("3,consumable-plan,信息科,");
    env.run(&["--format", "csv", "asset", "list", "--status", "disposed"])
        .success()
        .stdout_has("IT-2026-0014,desktop,旧门诊电脑");
}

#[test]
fn the_workflow_is_the_same_in_any_time_zone_language_and_environment() {
    // A user's own register (INFOGOV_DB) and config must not be touched or
    // used; nor may their time zone or language change what is recorded.
    let env = Env::new();
    env.ok(&["dept", "add", "信息科"]);
    let head = env.ok(&["--format", "csv", "audit", "head"]);
    let config = env.write("config.toml", "[asset]\ntag_prefix = \"XX\"\n");
    let walk = env.path("walk.db");
    let (code, stdout, stderr) = workflow(
        &env,
        &walk,
        &[
            ("TZ", "PST8PDT"),
            ("INFOGOV_LANG", "zh"),
            ("INFOGOV_CONFIG", config.to_str().unwrap()),
        ],
    );
    assert_eq!(code, 0, "{stdout}\n--- stderr\n{stderr}");
    assert!(stdout.contains("警告"), "{stdout}");
    env.run(&["--format", "csv", "audit", "head"])
        .success()
        .stdout_is(&head);
    let walked = Env {
        dir: tempfile::tempdir().unwrap(),
        db: walk,
    };
    final_check(&walked);
}

#[test]
fn the_workflow_refuses_an_existing_register() {
    let env = Env::new();
    let head = env.ok(&["--format", "csv", "audit", "head"]);
    let (code, _, stderr) = workflow(&env, &env.db, &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("exists; name a new file"), "{stderr}");
    env.run(&["--format", "csv", "audit", "head"])
        .success()
        .stdout_is(&head);
    let (code, _, stderr) = workflow(
        &env,
        &env.path("a.db"),
        &[("INFOGOV", "/nonexistent/infogov")],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("cannot run /nonexistent/infogov"),
        "{stderr}"
    );
    assert!(!env.path("a.db").exists());
}

/// The files in examples/ that are not inputs of an import.
const NOT_IMPORTS: &[&str] = &[
    "README.md",
    "config.toml",
    "crontab",
    "grading-report-HIS.txt",
    "grading-report-PACS.txt",
    "setup.sh",
    "workflow.sh",
];

#[test]
fn every_sample_file_goes_through_its_import() {
    // The workflow imported every file for real; here each goes through its
    // import again with --dry-run, which checks every row and writes nothing.
    let (env, _) = walked();
    let head = env.ok(&["--format", "csv", "audit", "head"]);
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "software.csv",
            &["asset", "software", "import", "--dry-run"],
            "would load 5 devices, 21 packages: 0 added, 0 removed, 21 unchanged",
        ),
        (
            "backups-his-sqlserver.csv",
            &[
                "backup",
                "import",
                "--from",
                "csv",
                "--system",
                "HIS",
                "--dry-run",
            ],
            "43 csv run(s) read; would add 0, 43 already recorded",
        ),
        (
            "backups-offsite.csv",
            &["backup", "import", "--from", "csv", "--dry-run"],
            "10 csv run(s) read; would add 0, 10 already recorded",
        ),
        (
            "antivirus-console.csv",
            &[
                "asset",
                "antivirus",
                "import",
                "--product",
                "360终端安全防护系统",
                "--dry-run",
            ],
            "would load 10 devices: 0 recorded, 10 unchanged",
        ),
        (
            "pgbackrest-pacs.json",
            &[
                "backup",
                "import",
                "--from",
                "pgbackrest",
                "--system",
                "PACS",
                "--dry-run",
            ],
            "20 pgbackrest run(s) read; would add 0, 20 already recorded",
        ),
        (
            "restic-oa.json",
            &[
                "backup",
                "import",
                "--from",
                "restic",
                "--system",
                "OA",
                "--dry-run",
            ],
            "14 restic run(s) read; would add 0, 14 already recorded",
        ),
    ];
    for (file, args, says) in cases {
        let path = example(file);
        let mut argv: Vec<&str> = vec!["--as-of", "2026-10-09"];
        argv.extend_from_slice(args);
        argv.push(&path);
        env.run(&argv).success().stdout_has(says);
    }
    // The assets are registered now: a second import is refused naming
    // them, and --update would change only what the register says is out
    // of service since (which it refuses).
    let assets = example("assets.csv");
    env.run(&[
        "--as-of",
        "2026-10-09",
        "asset",
        "import",
        "--dry-run",
        &assets,
    ])
    .code(1)
    .stderr_has(
        "line 2, column serial: serial number \"PC0A1B2C\" is already registered, as IT-2026-0001",
    );
    env.run(&["--as-of", "2026-10-09", "asset", "import", "--update", "--dry-run", &assets])
        .code(1)
        .stderr_has("line 15, column serial: IT-2026-0014 is disposed; an import does not change an asset out of service\n");
    env.run(&["--format", "csv", "audit", "head"])
        .success()
        .stdout_is(&head);
    // `request fulfil --register` has no dry run: fulfil another request.
    let at = |day: &str, who: &str, args: &[&str]| {
        let mut argv = vec!["--as-of", day, "--actor", who];
        argv.extend_from_slice(args);
        env.run(&argv).success()
    };
    at(
        "2026-10-09",
        "陈明",
        &[
            "request",
            "new",
            "--kind",
            "config-change",
            "--dept",
            "外科",
            "--title",
            "门诊电脑",
            "--item",
            "台式机;2",
            "--submit",
        ],
    );
    at(
        "2026-10-09",
        "李娜",
        &["request", "review", "5", "--accept"],
    );
    at("2026-10-09", "张院长", &["request", "approve", "5"]);
    // Two more machines of the same purchase: their own serial numbers, as
    // the same devices cannot be registered twice.
    let purchase = std::fs::read_to_string(example("purchase.csv"))
        .unwrap()
        .replace("PC0A1C0", "PC0A1D0");
    let purchase = env.write("purchase-2.csv", &purchase);
    let purchase = purchase.to_str().unwrap();
    at(
        "2026-10-09",
        "李娜",
        &["request", "fulfil", "5", "--register", purchase],
    )
    .stdout_has("registered IT-2026-0017, IT-2026-0018 linked to it");
    // Rows without a dept go to the applying department.
    env.run(&["--format", "csv", "asset", "list", "--dept", "外科"])
        .success()
        .stdout_has("IT-2026-0017,desktop,门诊医生工作站");
    // A new sample file needs a case here.
    for entry in std::fs::read_dir(examples()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            NOT_IMPORTS.contains(&name.as_str())
                || name == "purchase.csv"
                || name == "assets.csv"
                // The README's quick start, run by tests/import.rs.
                || name.starts_with("asset-register.")
                || cases.iter().any(|(f, _, _)| *f == name),
            "examples/{name} is not run through its import by this test"
        );
    }
}

/// A crontab's variable (name, value) or job (schedule, command).
type Pair = (String, String);

/// The crontab's variables and jobs.
fn crontab() -> (Vec<Pair>, Vec<Pair>) {
    let text = std::fs::read_to_string(examples().join("crontab")).unwrap();
    let (mut vars, mut jobs) = (vec![], vec![]);
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let first = line.split_whitespace().next().unwrap();
        if let Some((name, value)) = first.split_once('=')
            && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
        {
            assert_eq!(first, line, "a variable line has no spaces: {line}");
            vars.push((name.to_string(), value.to_string()));
            continue;
        }
        let fields: Vec<&str> = line.splitn(6, char::is_whitespace).collect();
        assert_eq!(fields.len(), 6, "five time fields and a command: {line}");
        for f in &fields[..5] {
            assert!(
                f.chars().all(|c| c.is_ascii_digit() || ",*/-".contains(c)),
                "time field {f:?} of {line}"
            );
        }
        jobs.push((fields[..5].join(" "), fields[5].to_string()));
    }
    (vars, jobs)
}

/// Cron's rule: an unescaped % ends the command (the rest is its standard
/// input), and \% is a literal %.
fn cron_command(command: &str) -> String {
    let mut out = String::new();
    let mut chars = command.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'%') => {
                out.push('%');
                chars.next();
            }
            '%' => panic!("unescaped % in a cron command: {command}"),
            c => out.push(c),
        }
    }
    out
}

#[test]
fn every_crontab_line_runs_against_a_register() {
    let (env, _) = walked();
    let (vars, jobs) = crontab();
    let names: Vec<&str> = vars.iter().map(|(k, _)| k.as_str()).collect();
    for expected in ["INFOGOV_DB", "INFOGOV_ACTOR", "MAILTO", "SHELL", "PATH"] {
        assert!(names.contains(&expected), "the crontab sets {expected}");
    }
    // Stand-ins for the backup tools and mail; infogov is the real binary.
    let bin = env.path("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(BIN, bin.join("infogov")).unwrap();
    let stub = |name: &str, body: &str| {
        let p = bin.join(name);
        std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
        let mut perm = std::fs::metadata(&p).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perm, 0o755);
        std::fs::set_permissions(&p, perm).unwrap();
    };
    stub("restic", &format!("cat '{}'", example("restic-oa.json")));
    stub(
        "pgbackrest",
        &format!("cat '{}'", example("pgbackrest-pacs.json")),
    );
    let mailbox = env.path("mailbox");
    stub(
        "mail",
        &format!("{{ echo \"mail $*\"; cat; }} >> '{}'", mailbox.display()),
    );
    let dirs = ["SELF_DIR", "OFFSITE_DIR", "INBOX", "PLANS"];
    for d in dirs {
        std::fs::create_dir_all(env.path(d)).unwrap();
    }
    std::fs::copy(
        example("backups-his-sqlserver.csv"),
        env.path("INBOX").join("his-backups.csv"),
    )
    .unwrap();
    std::fs::copy(
        example("backups-offsite.csv"),
        env.path("INBOX").join("offsite.csv"),
    )
    .unwrap();

    let mut outputs = vec![];
    for (when, command) in &jobs {
        assert!(
            command.contains("infogov "),
            "a job without infogov: {command}"
        );
        let mut c = env.shell(&cron_command(command));
        for (k, v) in &vars {
            let v = match k.as_str() {
                "PATH" => format!("{}:{v}", bin.display()),
                "INFOGOV_DB" => env.db.display().to_string(),
                k if dirs.contains(&k) => env.path(k).display().to_string(),
                _ => v.clone(),
            };
            c.env(k, v);
        }
        let out = c.output().unwrap();
        let (stdout, stderr) = text(&out);
        assert!(
            out.status.success() && stderr.is_empty(),
            "cron job `{when} {command}` exited {:?}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
            out.status.code()
        );
        outputs.push((command.clone(), stdout));
    }
    let said = |part: &str| -> String {
        outputs
            .iter()
            .find(|(c, _)| c.contains(part))
            .unwrap_or_else(|| panic!("no cron job runs {part}"))
            .1
            .clone()
    };
    // The story ended on 2026-10-09: by the real clock the backups are late,
    // so both checks speak (and cron would mail what they say).
    assert!(said("backup check --nagios").starts_with("BACKUP CRITICAL"));
    assert!(said("audit check --nagios").starts_with("COMPLIANCE CRITICAL"));
    assert!(said("audit head").starts_with("seq,hash,anchor\n"));
    for d in ["SELF_DIR", "OFFSITE_DIR"] {
        let files: Vec<String> = std::fs::read_dir(env.path(d))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(
            files.len(),
            3,
            "a copy, its checksum and the witness file in {d}: {files:?}"
        );
        assert!(files.iter().any(|f| f.ends_with(".db.sha256")), "{files:?}");
        assert!(
            files.iter().any(|f| f.ends_with(".db.witness.jsonl")),
            "{files:?}"
        );
    }
    let runs = env.ok(&[
        "--format",
        "csv",
        "backup",
        "runs",
        "--system",
        "infogov-register",
    ]);
    assert_eq!(
        runs.lines().count(),
        3,
        "two copies of the register\n{runs}"
    );
    assert!(runs.contains(",offsite,"), "{runs}");
    let plans: Vec<PathBuf> = std::fs::read_dir(env.path("PLANS"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(plans.len(), 1, "{plans:?}");
    let name = plans[0].file_name().unwrap().to_str().unwrap().to_string();
    let quarter = name
        .strip_prefix("plan-")
        .and_then(|n| n.strip_suffix(".csv"))
        .unwrap();
    assert!(
        quarter.len() == 6 && quarter.as_bytes()[4] == b'Q' && "1234".contains(&quarter[5..]),
        "{name}"
    );
    let plan = std::fs::read_to_string(&plans[0]).unwrap();
    assert!(
        plan.starts_with("\u{feff}sku,name,category,unit,"),
        "{plan}"
    );
    let mail = std::fs::read_to_string(&mailbox).unwrap();
    assert!(
        mail.starts_with(&format!(
            "mail -s 耗材采购季度计划 {quarter} it-office@example.org\n"
        )),
        "{mail}"
    );
    env.run(&["audit", "verify"]).success();
}

#[test]
fn the_crontab_computes_the_quarter_in_posix_sh() {
    // The plan line's quarter expression, on the first day of each quarter
    // and on the last day of the year, with dash or whatever /bin/sh is.
    let (_, jobs) = crontab();
    let plan = &jobs
        .iter()
        .find(|(_, c)| c.contains("consumable plan"))
        .expect("a plan job")
        .1;
    let command = cron_command(plan);
    let expr = command
        .split("infogov")
        .next()
        .unwrap()
        .trim_end()
        .trim_end_matches(';');
    let env = Env::bare();
    for (date, quarter) in [
        ("2027-01-01", "2027Q1"),
        ("2027-04-01", "2027Q2"),
        ("2026-07-01", "2026Q3"),
        ("2026-08-31", "2026Q3"),
        ("2026-09-30", "2026Q3"),
        ("2026-10-01", "2026Q4"),
        ("2026-12-31", "2026Q4"),
    ] {
        // date(1) stands in for the day: it prints the month or the year asked.
        let fake = format!(
            "date() {{ case \"$1\" in +%m) echo {m};; +%Y) echo {y};; esac; }}; {expr}; echo \"$q\"",
            m = &date[5..7],
            y = &date[..4]
        );
        let out = env.shell(&fake).output().unwrap();
        let (stdout, stderr) = text(&out);
        assert_eq!(stdout.trim(), quarter, "{date}: {stderr}");
    }
}
