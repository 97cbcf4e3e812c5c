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
    // It never overwrites a register.
    env.run(&["demo"])
        .error(&["--db", "exists", "demo builds a new register only"]);
}

#[test]
fn the_demo_works_on_any_day_of_the_year() {
    // Across a year boundary, and on a quarter's first day.
    for day in ["2027-01-10", "2026-04-01"] {
        let env = Env::bare();
        let run = env.run(&["--as-of", day, "demo"]);
        assert!(
            run.code == 1 || run.code == 2,
            "{day}: {}\n{}",
            run.stdout,
            run.stderr
        );
        env.run(&["audit", "verify"]).success();
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
