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
