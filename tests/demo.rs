//! `infogov demo`: a realistic register through the user's own commands.

use crate::support::Env;

#[test]
fn the_demo_builds_a_hospital_and_checks_it() {
    let env = Env::bare();
    let run = env.run(&["--as-of", "2026-11-28", "demo"]);
    assert!(
        run.code == 1 || run.code == 2,
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    assert!(
        run.stdout
            .contains("Built a demo register for a small hospital"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("药剂科"), "{}", run.stdout);
    // An application left a month unreviewed is a finding (ORG-2).
    assert!(
        run.stdout.contains("request 6 急诊分诊台电脑"),
        "{}",
        run.stdout
    );
    // Each area has its story: PACS's backups fell behind (off-site copy
    // CRITICAL), the annual IT training is late, everything else keeps up.
    assert_eq!(run.code, 2, "{}", run.stdout);
    for part in [
        "CRITICAL ┆ backup",
        "PACS",
        "off-site copy",
        "it-training",
        "DUT-4",
    ] {
        assert!(run.stdout.contains(part), "{part}: {}", run.stdout);
    }
    for absent in ["grade ", "software"] {
        assert!(
            !run.stdout.contains(&format!("┆ {absent}")),
            "{absent}: {}",
            run.stdout
        );
    }
    // The demo's register is an ordinary one: it verifies, and reports.
    env.run(&["audit", "verify"]).success();
    let report = env
        .run(&["asset", "report", "--by", "dept", "--format", "csv"])
        .success()
        .stdout;
    let total: i64 = report
        .lines()
        .last()
        .unwrap()
        .split(',')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert!(total >= 250, "{report}");
    // It never overwrites a register without --force.
    env.run(&["demo"]).error(&[
        "--db",
        "exists",
        "demo builds a new register only",
        "--force",
    ]);
    // After the check, the period report's totals for the quarter.
    assert!(
        run.stdout
            .contains("The period report for 2026Q4, its totals"),
        "{}",
        run.stdout
    );
    for total in ["┆ registered", "┆ issued", "┆ drilled", "┆ critical"] {
        assert!(run.stdout.contains(total), "{total}: {}", run.stdout);
    }
    // Departments sort by pinyin, as Excel and WPS sort them, in the
    // listing and in the reports: 儿科 (er) before 内科 (nei) before 信息科
    // (xin), where code-point order would put 信息科 first.
    let order = |out: &str| -> Vec<String> {
        out.lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_string())
            .filter(|d| ["儿科", "内科", "信息科"].contains(&d.as_str()))
            .collect()
    };
    let listed = env
        .run(&["dept", "list", "--format", "csv"])
        .success()
        .stdout;
    assert_eq!(order(&listed), ["儿科", "内科", "信息科"], "{listed}");
    assert_eq!(order(&report), ["儿科", "内科", "信息科"], "{report}");
    let all: Vec<String> = listed
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    assert_eq!(
        all,
        [
            "财务科",
            "儿科",
            "放射科",
            "急诊科",
            "检验科",
            "内科",
            "外科",
            "信息科",
            "药剂科",
            "医务科",
            "院办"
        ],
        "{listed}"
    );
}

#[test]
fn the_demo_refuses_what_it_must_not_replace() {
    let env = Env::bare();
    // A file that is not a register: refused with or without --force,
    // and left as it was.
    env.write("notes.db", "my notes");
    let notes = env.path("notes.db").display().to_string();
    env.run(&["--db", &notes, "demo"])
        .error(&["--db", "notes.db", "exists", "--force"]);
    env.run(&["--db", &notes, "demo", "--force"]).error(&[
        "--force",
        "notes.db",
        "not a register the demo may replace",
    ]);
    assert_eq!(
        std::fs::read_to_string(env.path("notes.db")).unwrap(),
        "my notes"
    );
    // The configured register holds real records: never replaced.
    env.run(&["init"]).success();
    std::fs::create_dir_all(env.path(".config/infogov")).unwrap();
    env.write(
        ".config/infogov/config.toml",
        &format!("db = {:?}\n", env.db.display().to_string()),
    );
    env.run(&["dept", "add", "内科"]).success();
    env.run(&["demo", "--force"]).error(&[
        "--force",
        "is the configured register",
        "never replaces it",
    ]);
    env.run(&["dept", "list"]).success().stdout_has("内科");
}

#[test]
fn the_demo_works_on_any_day_of_the_year() {
    // Across a year boundary, and on a quarter's first day.
    // The second run replaces the first demo with --force.
    let env = Env::bare();
    for (day, force) in [("2027-01-10", None), ("2026-04-01", Some("--force"))] {
        let mut args = vec!["--as-of", day, "demo"];
        args.extend(force);
        let run = env.run(&args);
        assert!(
            run.code == 1 || run.code == 2,
            "{day}: {}\n{}",
            run.stdout,
            run.stderr
        );
        env.run(&["audit", "verify"]).success();
        assert!(
            run.stdout.contains(&format!("as of {day}")),
            "{day}: {}",
            run.stdout
        );
    }
}

#[test]
fn the_demo_works_where_clocks_change_for_summer() {
    // A POSIX rule (no tzdata needed): Central European time with summer time.
    let env = Env::bare();
    let run = env.run_env(
        &["--as-of", "2026-11-28", "demo"],
        &[("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")],
    );
    assert!(
        run.code == 1 || run.code == 2,
        "{}\n{}",
        run.stdout,
        run.stderr
    );
}
