//! Recurring duties: add, done, list, history, seed, edit, retire, password
//! changes per system, maintenance that counts, and the overdue findings.

use crate::support::Env;

const HEADER: &str = "name,every,requirement,owner,scope,last_done,next_due,overdue_days,status\n";

fn at(env: &Env, date: &str, args: &[&str]) -> crate::support::Run {
    let mut v = vec!["--as-of", date];
    v.extend_from_slice(args);
    env.run(&v)
}

#[test]
fn add_done_list_and_history() {
    let env = Env::with_org();
    at(
        &env,
        "2026-03-01",
        &[
            "duty",
            "add",
            "leading-group-meeting",
            "--every",
            "2w",
            "--owner",
            "信息科",
            "--ref",
            "dut-1",
            "--description",
            "信息化领导小组例会",
        ],
    )
    .success()
    .stdout_is("Added duty leading-group-meeting (every 2w), first due 2026-03-15\n");
    at(&env, "2026-03-10", &["duty", "list", "--format", "csv"])
        .success()
        .stdout_is(&format!(
            "{HEADER}leading-group-meeting,2w,DUT-1,信息科,,,2026-03-15,,ok\n"
        ));
    at(
        &env,
        "2026-03-14",
        &[
            "duty",
            "done",
            "leading-group-meeting",
            "--note",
            "第1次例会",
            "--evidence",
            "纪要2026-01",
        ],
    )
    .success()
    .stdout_is("Recorded leading-group-meeting done on 2026-03-14; next due 2026-03-28\n");
    // An owner that is a person, a scope that is a department.
    at(
        &env,
        "2026-03-01",
        &[
            "duty",
            "add",
            "data-submission:内科",
            "--every",
            "1mo",
            "--owner",
            "王伟",
            "--scope",
            "内科",
            "--ref",
            "BAK-4",
        ],
    )
    .success();
    // The most urgent first; overdue marked with the days.
    at(&env, "2026-04-02", &["duty", "list", "--format", "csv"])
        .success()
        .stdout_is(&format!(
            "{HEADER}leading-group-meeting,2w,DUT-1,信息科,,2026-03-14,2026-03-28,5,overdue\n\
             data-submission:内科,1mo,BAK-4,王伟,dept:内科,,2026-04-01,1,overdue\n"
        ));
    at(
        &env,
        "2026-03-20",
        &["duty", "list", "--overdue", "--format", "csv"],
    )
    .success()
    .stdout_is(HEADER);
    at(
        &env,
        "2026-04-02",
        &[
            "duty",
            "history",
            "leading-group-meeting",
            "--format",
            "csv",
        ],
    )
    .success()
    .stdout_without(
        &["id", "void"],
        "date,source,detail,evidence,recorded_by\n2026-03-14,done,第1次例会,纪要2026-01,tester\n",
    );
    let show = at(
        &env,
        "2026-04-02",
        &["duty", "show", "leading-group-meeting", "--format", "json"],
    )
    .success()
    .json();
    assert_eq!(show[0]["description"], "信息化领导小组例会");
    assert_eq!(show[0]["created"], "2026-03-01");
    assert_eq!(show[0]["overdue_days"], 5);
    assert_eq!(show[0]["status"], "overdue");
    // The table marks the state in words; Chinese headers with --lang zh.
    at(&env, "2026-04-02", &["--lang", "zh", "duty", "list"])
        .success()
        .stdout_has("下次到期")
        .stdout_has("逾期");
    env.run(&["audit", "verify"]).success();
}

#[test]
fn due_dates_at_the_boundaries() {
    let env = Env::with_org();
    // Calendar quarters: added on 31 January, first due on 30 April.
    at(
        &env,
        "2026-01-31",
        &[
            "duty",
            "add",
            "restore-drill",
            "--every",
            "1q",
            "--ref",
            "BAK-2",
        ],
    )
    .success()
    .stdout_is("Added duty restore-drill (every 1q), first due 2026-04-30\n");
    // Due on the day is not late.
    at(&env, "2026-04-30", &["duty", "check"])
        .success()
        .stdout_is("DUTY OK - no findings\n");
    at(&env, "2026-04-30", &["duty", "list", "--format", "csv"])
        .success()
        .stdout_has(",2026-04-30,,due\n");
    // The day after: WARNING.
    at(&env, "2026-05-01", &["duty", "check", "--format", "csv"])
        .code(1)
        .stdout_is(
            "severity,area,subject,message,requirement\n\
             WARNING,duty,restore-drill,\"was due 2026-04-30, 1 day overdue; every 1q, never done since added 2026-01-31\",BAK-2\n",
        );
    // Still WARNING exactly one full interval after the due date ...
    at(&env, "2026-07-30", &["duty", "check"]).code(1);
    // ... CRITICAL the day after: a whole quarter went by without a drill.
    at(&env, "2026-07-31", &["duty", "check", "--format", "csv"])
        .code(2)
        .stdout_has("CRITICAL,duty,restore-drill,\"was due 2026-04-30, 92 days overdue (more than a whole interval); every 1q")
        .stdout_has(",BAK-2\n");
    at(&env, "2026-07-31", &["duty", "check", "--nagios"])
        .code(2)
        .stdout_has("DUTY CRITICAL - 1 critical");
    // Done at the end of May: next due at the end of August; end of November
    // gives the end of February.
    at(
        &env,
        "2026-05-31",
        &["duty", "done", "restore-drill", "--note", "HIS 恢复演练"],
    )
    .success()
    .stdout_is("Recorded restore-drill done on 2026-05-31; next due 2026-08-31\n");
    at(
        &env,
        "2026-11-30",
        &["duty", "done", "restore-drill", "--note", "PACS 恢复演练"],
    )
    .success()
    .stdout_is("Recorded restore-drill done on 2026-11-30; next due 2027-02-28\n");
    // Evaluated at an earlier date, later completions do not count yet.
    at(&env, "2026-05-15", &["duty", "list", "--format", "csv"])
        .success()
        .stdout_is(&format!(
            "{HEADER}restore-drill,1q,BAK-2,,,,2026-04-30,15,overdue\n"
        ));
    at(&env, "2026-09-01", &["duty", "list", "--format", "csv"])
        .success()
        .stdout_is(&format!(
            "{HEADER}restore-drill,1q,BAK-2,,,2026-05-31,2026-08-31,1,overdue\n"
        ));
    // --first-due replaces "one interval after adding" until the first completion.
    at(
        &env,
        "2026-01-10",
        &[
            "duty",
            "add",
            "annual-summary",
            "--every",
            "1y",
            "--first-due",
            "2026-01-31",
        ],
    )
    .success()
    .stdout_is("Added duty annual-summary (every 1y), first due 2026-01-31\n");
    at(&env, "2026-02-01", &["duty", "check", "--format", "csv"])
        .code(1)
        .stdout_has("WARNING,duty,annual-summary,\"was due 2026-01-31, 1 day overdue; every 1y, never done since added 2026-01-10\",local\n");
    at(
        &env,
        "2026-02-01",
        &["duty", "done", "annual-summary", "--note", "2025年度总结"],
    )
    .success()
    .stdout_is("Recorded annual-summary done on 2026-02-01; next due 2027-02-01\n");
    // Fixed lengths: 2 weeks is 14 days.
    at(
        &env,
        "2026-02-16",
        &["duty", "add", "meeting", "--every", "2w"],
    )
    .success()
    .stdout_is("Added duty meeting (every 2w), first due 2026-03-02\n");
}

#[test]
fn refusals_name_the_field_and_write_nothing() {
    let env = Env::with_org();
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    let add = |extra: &[&str]| {
        let mut v = vec!["--as-of", "2026-03-01", "duty", "add", "d1"];
        v.extend_from_slice(extra);
        env.run(&v)
    };
    add(&["--every", "2x"]).error(&["--every", "\"2x\"", "2w"]);
    add(&["--every", "12h"]).error(&["--every", "\"12h\"", "shorter than a day"]);
    add(&["--every", "2w", "--ref", "DUT-9"]).error(&["--ref", "\"DUT-9\"", "requirement ID"]);
    add(&["--every", "2w", "--owner", "骨科"])
        .error(&["--owner", "no department or person \"骨科\""]);
    add(&["--every", "2w", "--scope", "kitchen"]).error(&["--scope", "\"kitchen\"", "kind:KIND"]);
    add(&["--every", "2w", "--scope", "kind:toaster"])
        .error(&["--scope", "\"toaster\" is not an asset kind"]);
    add(&["--every", "2w", "--counts", "backup"]).error(&[
        "--counts",
        "\"backup\"",
        "maintenance:virus-scan",
    ]);
    add(&[
        "--every",
        "2w",
        "--scope",
        "system:HIS",
        "--counts",
        "virus-scan",
    ])
    .error(&[
        "--counts",
        "information system cannot count asset maintenance",
    ]);
    add(&["--every", "2w", "--first-due", "2026-02-30"]).error(&["--first-due", "\"2026-02-30\""]);
    add(&["--every", "2w"]).success();
    add(&["--every", "2w"]).error(&["NAME", "\"d1\" already exists"]);
    env.run(&["duty", "add", "d2"]).code(2); // --every is required (usage error)

    let done = |extra: &[&str]| {
        let mut v = vec!["--as-of", "2026-03-10", "duty", "done"];
        v.extend_from_slice(extra);
        env.run(&v)
    };
    done(&["nope", "--note", "x"]).error(&["NAME", "no duty \"nope\""]);
    done(&["d1", "--note", "  "]).error(&["--note", "must not be empty"]);
    done(&["d1", "--note", "x", "--date", "2026-03-11"])
        .error(&["--date", "2026-03-11 is after today (2026-03-10)"]);
    done(&["d1", "--note", "x", "--date", "10/03/2026"]).error(&["--date", "\"10/03/2026\""]);
    done(&["d1", "--note", "x"]).success();
    done(&["d1", "--note", "again"])
        .error(&["--date", "d1 is already recorded done on 2026-03-10"]);
    assert_eq!(env.sql("SELECT count(*) FROM duty;").trim(), "1");
    assert_eq!(env.sql("SELECT count(*) FROM duty_done;").trim(), "1");
    env.run(&["duty", "history", "nope"])
        .error(&["no duty \"nope\""]);
    env.run(&["audit", "verify"]).success();
}

#[test]
fn seeding_adds_the_regulations_duties_once() {
    let env = Env::with_org();
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    // A server gets its own log review (OPS-2), a firewall its own review (OPS-3).
    for (tag, kind) in [("S1", "server"), ("F1", "firewall"), ("P1", "printer")] {
        env.ok(&[
            "--as-of",
            "2026-02-01",
            "asset",
            "register",
            "--tag",
            tag,
            "--kind",
            kind,
            "--name",
            "设备",
            "--dept",
            "信息科",
        ]);
    }
    at(&env, "2026-02-10", &["duty", "seed"])
        .success()
        .stdout_is(
            "Added 18 duties: leading-group-meeting, inspection-report, semester-exchange, \
             annual-summary, coordination-meeting, it-training, department-evaluation, \
             consumables-plan, virus-scan, computer-check, log-review:S1, perimeter-review:F1, \
             fault-review, restore-drill, data-submission:内科, data-submission:信息科, \
             password:HIS, self-inspection:HIS\n",
        );
    let before = env.sql("SELECT count(*) FROM audit_log;");
    at(&env, "2026-02-11", &["duty", "seed"])
        .success()
        .stdout_is("Every duty the regulation names is already in the register; nothing added\n");
    assert_eq!(env.sql("SELECT count(*) FROM audit_log;"), before);
    // Each carries its requirement ID.
    let list = at(&env, "2026-02-11", &["duty", "list", "--format", "json"])
        .success()
        .json();
    let req = |name: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|d| d["name"] == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .clone()
    };
    for (name, id, every) in [
        ("leading-group-meeting", "DUT-1", "2w"),
        ("inspection-report", "DUT-2", "6mo"),
        ("semester-exchange", "DUT-2", "6mo"),
        ("annual-summary", "DUT-2", "1y"),
        ("coordination-meeting", "DUT-3", "6mo"),
        ("it-training", "DUT-4", "1y"),
        ("department-evaluation", "DUT-5", "1y"),
        ("consumables-plan", "CON-2", "1q"),
        ("virus-scan", "OPS-1", "1mo"),
        ("computer-check", "OPS-1", "1q"),
        ("log-review:S1", "OPS-2", "1w"),
        ("perimeter-review:F1", "OPS-3", "1mo"),
        ("fault-review", "OPS-4", "1mo"),
        ("restore-drill", "BAK-2", "1q"),
        ("data-submission:内科", "BAK-4", "1mo"),
        ("password:HIS", "SEC-1", "90d"),
        ("self-inspection:HIS", "GRD-5", "1y"),
    ] {
        let d = req(name);
        assert_eq!(d["requirement"], id, "{name}");
        assert_eq!(d["every"], every, "{name}");
    }
    // The quarterly plan is due at the start of the next quarter; per-system
    // and per-department duties are owned by the system's or the department.
    assert_eq!(req("consumables-plan")["next_due"], "2026-04-01");
    assert_eq!(req("password:HIS")["owner"], "信息科");
    assert_eq!(req("password:HIS")["scope"], "system:HIS");
    assert_eq!(req("data-submission:内科")["owner"], "内科");
    assert_eq!(req("virus-scan")["next_due"], "2026-03-10");
    assert_eq!(req("log-review:S1")["scope"], "asset:S1");
    assert_eq!(req("log-review:S1")["owner"], "信息科");
    // A new system, and a duty the office retired: seeding adds the
    // system's duties and does not bring the retired one back.
    env.ok(&["system", "add", "PACS", "--owner-dept", "信息科"]);
    at(
        &env,
        "2026-03-01",
        &[
            "duty",
            "retire",
            "semester-exchange",
            "--reason",
            "not a school",
        ],
    )
    .success();
    at(&env, "2026-03-01", &["duty", "seed"])
        .success()
        .stdout_is("Added 2 duties: password:PACS, self-inspection:PACS\n");
    at(&env, "2026-03-01", &["duty", "seed", "--format", "csv"])
        .success()
        .stdout_is(HEADER);
    assert_eq!(env.sql("SELECT count(*) FROM duty;").trim(), "20");
    env.run(&["audit", "verify"]).success();
}

fn with_pcs() -> Env {
    let env = Env::with_org();
    for (tag, kind, dept) in [
        ("A1", "desktop", "内科"),
        ("A2", "printer", "内科"),
        ("A3", "desktop", "信息科"),
    ] {
        env.ok(&[
            "--as-of",
            "2026-01-01",
            "asset",
            "register",
            "--tag",
            tag,
            "--kind",
            kind,
            "--name",
            "设备",
            "--dept",
            dept,
        ]);
    }
    env
}

#[test]
fn maintenance_counts_towards_its_duty() {
    let env = with_pcs();
    at(
        &env,
        "2026-01-01",
        &[
            "duty",
            "add",
            "virus-scan",
            "--every",
            "1mo",
            "--ref",
            "OPS-1",
            "--counts",
            "maintenance:virus-scan",
            "--scope",
            "kind:desktop",
        ],
    )
    .success();
    let maintain = |tag: &str, kind: &str, date: &str, note: &str| {
        at(
            &env,
            "2026-12-31",
            &[
                "asset", "maintain", tag, "--kind", kind, "--date", date, "--note", note,
            ],
        )
        .success();
    };
    // A printer is outside the scope; an inspection is not a virus scan.
    maintain("A2", "virus-scan", "2026-01-20", "打印机");
    maintain("A1", "inspection", "2026-01-28", "巡检");
    at(&env, "2026-01-31", &["duty", "list", "--format", "csv"])
        .success()
        .stdout_is(&format!(
            "{HEADER}virus-scan,1mo,OPS-1,,kind:desktop,,2026-02-01,,ok\n"
        ));
    // A virus-scan duty counts devices (OPS-1): one scanned desktop of two
    // is not the duty done.
    maintain("A1", "virus-scan", "2026-01-25", "全盘查杀");
    at(&env, "2026-02-10", &["duty", "list", "--format", "csv"])
        .success()
        .stdout_is(&format!(
            "{HEADER}virus-scan,1mo,OPS-1,,kind:desktop,,2026-02-01,9,overdue\n"
        ));
    at(&env, "2026-02-10", &["duty", "check", "--format", "csv"])
        .code(1)
        .stdout_has("1 of 2 devices scanned within 1mo; not scanned: A3 (never)");
    // Nor is one tick for all of them.
    at(
        &env,
        "2026-02-20",
        &["duty", "done", "virus-scan", "--note", "全院查杀"],
    )
    .error(&["virus-scan counts the full scans of 2 devices, not completions"]);
    // Done once every desktop is scanned: on the oldest of their newest scans.
    maintain("A1", "virus-scan", "2026-03-01", "全盘查杀");
    maintain("A3", "virus-scan", "2026-03-05", "机房电脑");
    at(&env, "2026-03-10", &["duty", "list", "--format", "csv"])
        .success()
        .stdout_has("virus-scan,1mo,OPS-1,,kind:desktop,2026-03-01,2026-04-01,,ok\n");
    // A scan later than --as-of does not count yet.
    at(&env, "2026-03-02", &["duty", "list", "--format", "csv"])
        .success()
        .stdout_has(",,2026-02-01,29,missed\n");
    at(
        &env,
        "2026-03-10",
        &["duty", "history", "virus-scan", "--format", "csv"],
    )
    .success()
    .stdout_without(
        &["id", "void"],
        "date,source,detail,evidence,recorded_by\n\
             2026-01-25,maintenance,virus-scan of A1: 全盘查杀,,tester\n\
             2026-03-01,maintenance,virus-scan of A1: 全盘查杀,,tester\n\
             2026-03-05,maintenance,virus-scan of A3: 机房电脑,,tester\n",
    );
    // Scoped to a department: only that department's assets count.
    at(
        &env,
        "2026-01-01",
        &[
            "duty",
            "add",
            "inspection-nk",
            "--every",
            "1q",
            "--counts",
            "inspection",
            "--scope",
            "dept:内科",
        ],
    )
    .success();
    maintain("A3", "inspection", "2026-02-01", "信息科巡检");
    let d = at(
        &env,
        "2026-03-10",
        &["duty", "show", "inspection-nk", "--format", "json"],
    )
    .success()
    .json();
    assert_eq!(d[0]["last_done"], "2026-01-28");
    assert_eq!(d[0]["counts"], "maintenance:inspection");
    assert_eq!(d[0]["next_due"], "2026-04-28");
}

#[test]
fn password_changes_are_dates_per_system() {
    let env = Env::with_org();
    env.ok(&[
        "--as-of",
        "2026-01-01",
        "system",
        "add",
        "HIS",
        "--owner-dept",
        "信息科",
    ]);
    at(&env, "2026-01-10", &["system", "password-changed", "HIS"])
        .success()
        .stdout_is(
            "Recorded a password change of HIS on 2026-01-10; next change due 2026-04-10 \
             (now tracked as duty password:HIS, every 90d)\n",
        );
    at(
        &env,
        "2026-02-01",
        &[
            "system",
            "password-changed",
            "HIS",
            "--date",
            "2026-01-31",
            "--note",
            "季度更换",
        ],
    )
    .success()
    .stdout_is("Recorded a password change of HIS on 2026-01-31; next change due 2026-05-01\n");
    at(&env, "2026-05-01", &["duty", "check"]).success();
    at(&env, "2026-05-02", &["duty", "check", "--format", "csv"])
        .code(1)
        .stdout_is(
            "severity,area,subject,message,requirement\n\
             WARNING,duty,password:HIS,\"password of HIS is older than 90d (last changed 2026-01-31); \
             change was due 2026-05-01, 1 day overdue; owner 信息科\",SEC-1\n",
        );
    at(&env, "2026-07-30", &["duty", "check"]).code(1);
    at(&env, "2026-07-31", &["duty", "check"])
        .code(2)
        .stdout_has("CRITICAL");
    at(
        &env,
        "2026-07-31",
        &["duty", "history", "password:HIS", "--format", "csv"],
    )
    .success()
    .stdout_without(
        &["id", "void"],
        "date,source,detail,evidence,recorded_by\n\
             2026-01-10,done,password changed,,tester\n\
             2026-01-31,done,季度更换,,tester\n",
    );
    // Seeding later uses the same duty, and the next change records on it.
    at(&env, "2026-08-01", &["duty", "seed"]).success();
    assert_eq!(
        env.sql("SELECT count(*) FROM duty WHERE requirement = 'SEC-1';")
            .trim(),
        "1"
    );
    at(&env, "2026-08-01", &["system", "password-changed", "HIS"]).success();
    at(
        &env,
        "2026-08-01",
        &["audit", "check", "--only", "duty", "--format", "csv"],
    )
    .success()
    .stdout_lacks("password:HIS");
    // The interval comes from the config.
    let cfg = env.write("c.toml", "[duty]\npassword_every = \"30d\"\n");
    env.ok(&["system", "add", "PACS", "--owner-dept", "信息科"]);
    env.run(&[
        "--config",
        cfg.to_str().unwrap(),
        "--as-of",
        "2026-08-01",
        "system",
        "password-changed",
        "PACS",
    ])
    .success()
    .stdout_has("next change due 2026-08-31 (now tracked as duty password:PACS, every 30d)");
    let bad = env.write("b.toml", "[duty]\npassword_every = \"soon\"\n");
    env.run(&["--config", bad.to_str().unwrap(), "duty", "list"])
        .error(&["duty.password_every", "\"soon\""]);
    env.run(&["system", "password-changed", "ERP"])
        .error(&["SYSTEM", "no information system \"ERP\""]);
    at(
        &env,
        "2026-08-01",
        &["system", "password-changed", "HIS", "--date", "2026-08-02"],
    )
    .error(&["--date", "after today"]);
    // There is nowhere to put a password: the register holds dates and notes.
    env.run(&["system", "password-changed", "HIS", "--password", "x"])
        .code(2);
    env.run(&["audit", "verify"]).success();
}

#[test]
fn edit_and_retire() {
    let env = Env::with_org();
    at(
        &env,
        "2026-01-01",
        &["duty", "add", "log-review", "--every", "1w"],
    )
    .success();
    at(
        &env,
        "2026-01-02",
        &[
            "duty",
            "edit",
            "log-review",
            "--every",
            "1mo",
            "--ref",
            "OPS-2",
            "--owner",
            "李娜",
        ],
    )
    .success()
    .stdout_is("Changed duty log-review; next due 2026-02-01\n");
    at(
        &env,
        "2026-01-02",
        &["duty", "edit", "log-review", "--every", "1mo"],
    )
    .error(&["log-review: the edit changes nothing"]);
    at(
        &env,
        "2026-01-02",
        &["duty", "edit", "nope", "--every", "1mo"],
    )
    .error(&["no duty \"nope\""]);
    at(&env, "2026-03-01", &["duty", "check"]).code(1);
    at(
        &env,
        "2026-03-01",
        &[
            "duty",
            "retire",
            "log-review",
            "--reason",
            "日志由平台自动审计",
        ],
    )
    .success()
    .stdout_is("Retired duty log-review on 2026-03-01\n");
    at(
        &env,
        "2026-03-01",
        &["duty", "retire", "log-review", "--reason", "again"],
    )
    .error(&["already retired on 2026-03-01"]);
    at(&env, "2026-03-01", &["duty", "check"])
        .success()
        .stdout_is("DUTY OK - no findings\n");
    at(&env, "2026-03-01", &["duty", "list", "--format", "csv"])
        .success()
        .stdout_is(HEADER);
    at(
        &env,
        "2026-03-01",
        &["duty", "list", "--all", "--format", "csv"],
    )
    .success()
    .stdout_is(&format!("{HEADER}log-review,1mo,OPS-2,李娜,,,,,retired\n"));
    at(
        &env,
        "2026-03-01",
        &["duty", "done", "log-review", "--note", "x"],
    )
    .error(&["retired on 2026-03-01"]);
    env.run(&["audit", "verify"]).success();
}

#[test]
fn evidence_files_are_fingerprinted() {
    let env = Env::with_org();
    at(
        &env,
        "2026-01-01",
        &[
            "duty",
            "add",
            "it-training",
            "--every",
            "1y",
            "--ref",
            "DUT-4",
        ],
    )
    .success();
    env.write("签到表.txt", "abc");
    let out = at(
        &env,
        "2026-06-01",
        &[
            "duty",
            "done",
            "it-training",
            "--note",
            "全员培训",
            "--evidence",
            "签到表.txt",
            "--format",
            "json",
        ],
    )
    .success()
    .json();
    assert_eq!(out[0]["last_done"], "2026-06-01");
    assert_eq!(out[0]["next_due"], "2027-06-01");
    assert_eq!(
        env.sql("SELECT evidence, evidence_sha256 FROM duty_done;")
            .trim(),
        "签到表.txt|ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn the_compliance_check_includes_duties() {
    let env = Env::with_org();
    at(
        &env,
        "2026-01-01",
        &["duty", "add", "meeting", "--every", "2w", "--ref", "DUT-1"],
    )
    .success();
    at(&env, "2026-01-10", &["audit", "check"])
        .success()
        .stdout_is("COMPLIANCE OK - no findings\n");
    at(&env, "2026-01-16", &["audit", "check", "--only", "duty", "--nagios"])
        .code(1)
        .stdout_is(
            "COMPLIANCE WARNING - 1 warning | critical=0;;;0 warning=1;;;0 unknown=0;;;0\n\
             WARNING [duty] meeting: was due 2026-01-15, 1 day overdue; every 2w, never done since added 2026-01-01 (DUT-1)\n",
        );
    at(&env, "2026-02-01", &["audit", "check", "--format", "csv"])
        .code(2)
        .stdout_has("CRITICAL,duty,meeting,");
    at(&env, "2026-02-01", &["audit", "check", "--only", "org"]).success();
}

#[test]
fn a_duty_retired_later_is_still_checked_for_days_before() {
    let env = crate::support::Env::with_org();
    env.ok(&[
        "--as-of",
        "2026-01-01",
        "duty",
        "add",
        "m",
        "--every",
        "1mo",
    ]);
    env.ok(&[
        "--as-of",
        "2026-06-01",
        "duty",
        "retire",
        "m",
        "--reason",
        "x",
    ]);
    env.run(&["--as-of", "2026-05-01", "duty", "check"]).code(2);
    env.run(&["--as-of", "2026-06-02", "duty", "check"])
        .success();
}

#[test]
fn a_duty_is_retired_when_it_stops_and_listed_from_when_it_was_added() {
    let env = crate::support::Env::with_org();
    env.ok(&[
        "--as-of",
        "2026-01-01",
        "duty",
        "add",
        "staff-meeting",
        "--every",
        "2w",
    ]);
    env.run(&[
        "--as-of",
        "2026-02-01",
        "duty",
        "retire",
        "staff-meeting",
        "--reason",
        "x",
        "--date",
        "2026-12-31",
    ])
    .error(&["--date", "2026-12-31 is after 2026-02-01"]);
    env.run(&[
        "--as-of",
        "2026-02-01",
        "duty",
        "retire",
        "staff-meeting",
        "--reason",
        "x",
        "--date",
        "2026-01-20",
    ])
    .success()
    .stdout_is("Retired duty staff-meeting on 2026-01-20\n");
    env.ok(&[
        "--as-of",
        "2026-03-01",
        "duty",
        "add",
        "later",
        "--every",
        "1mo",
    ]);
    let list = |day: &str, all: bool| {
        let mut args = vec!["--as-of", day, "duty", "list", "--format", "csv"];
        if all {
            args.push("--all");
        }
        env.run(&args).success().stdout
    };
    const HEAD: &str =
        "name,every,requirement,owner,scope,last_done,next_due,overdue_days,status\n";
    // The day before it stopped it was still a duty, and overdue.
    assert_eq!(
        list("2026-01-19", false),
        format!("{HEAD}staff-meeting,2w,,,,,2026-01-15,4,overdue\n")
    );
    // From the day it stopped it is no longer listed; --all shows it retired.
    // A duty added in March is not listed for February.
    assert_eq!(list("2026-02-01", false), HEAD);
    assert_eq!(
        list("2026-02-01", true),
        format!("{HEAD}staff-meeting,2w,,,,,,,retired\n")
    );
    assert_eq!(
        list("2026-03-01", false),
        format!("{HEAD}later,1mo,,,,,2026-04-01,,ok\n")
    );
}

#[test]
fn drills_and_plan_approvals_count_towards_their_duties() {
    // The officer records a drill or approves a plan once, not twice.
    let env = crate::support::Env::with_org();
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env.ok(&["--as-of", "2026-01-02", "duty", "seed"]);
    env.ok(&[
        "--as-of",
        "2026-04-20",
        "backup",
        "drill",
        "HIS",
        "--at",
        "2026-04-20 10:00",
        "--result",
        "pass",
        "--note",
        "恢复到测试库",
    ]);
    env.ok(&[
        "--as-of",
        "2026-04-01",
        "consumable",
        "item",
        "add",
        "T",
        "--name",
        "硒鼓",
        "--category",
        "toner",
        "--unit",
        "box",
        "--reorder-level",
        "2",
    ]);
    env.ok(&[
        "--as-of",
        "2026-04-01",
        "--actor",
        "李娜",
        "consumable",
        "plan",
        "--quarter",
        "2026Q2",
        "--submit",
    ]);
    env.ok(&[
        "--as-of",
        "2026-04-03",
        "--actor",
        "张院长",
        "request",
        "approve",
        "1",
    ]);
    let list = env
        .run(&["--as-of", "2026-05-01", "duty", "list", "--format", "csv"])
        .success()
        .stdout;
    let line = |name: &str| {
        list.lines()
            .find(|l| l.starts_with(&format!("{name},")))
            .unwrap_or_else(|| panic!("{name}: {list}"))
            .to_string()
    };
    assert!(line("restore-drill").contains(",2026-04-20,"), "{list}");
    assert!(line("consumables-plan").contains(",2026-04-03,"), "{list}");
    // A failed drill does not count.
    let env2 = crate::support::Env::with_org();
    env2.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env2.ok(&["--as-of", "2026-01-02", "duty", "seed"]);
    env2.ok(&[
        "--as-of",
        "2026-04-20",
        "backup",
        "drill",
        "HIS",
        "--at",
        "2026-04-20 10:00",
        "--result",
        "fail",
        "--note",
        "恢复失败",
    ]);
    let list = env2
        .run(&["--as-of", "2026-05-01", "duty", "list", "--format", "csv"])
        .success()
        .stdout;
    assert!(
        !list
            .lines()
            .any(|l| l.starts_with("restore-drill,") && l.contains("2026-04-20")),
        "{list}"
    );
}
