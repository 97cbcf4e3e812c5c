//! The period report (`audit report`): records counted by their own dates,
//! inside the period and not outside it, money and per-department lines,
//! use against quota, duties done, the open findings, and bad periods.

use crate::support::Env;

/// Runs `ARGS...` on a given day (the business date of the record).
fn on(env: &Env, day: &str, args: &[&str]) {
    let mut v = vec!["--as-of", day];
    v.extend_from_slice(args);
    env.ok(&v);
}

/// Runs `ARGS...` as `actor` on a given day.
fn as_on(env: &Env, actor: &str, day: &str, args: &[&str]) {
    let mut v = vec!["--actor", actor];
    v.extend_from_slice(args);
    on(env, day, &v);
}

/// A register with records just before, inside and just after 2026Q4.
fn register() -> Env {
    let env = Env::with_org();
    // Assets: A1 before the quarter, A2 on its first day, A3 inside.
    let asset = |day: &str, tag: &str, kind: &str, dept: &str, price: &str| {
        on(
            &env,
            day,
            &[
                "asset", "register", "--kind", kind, "--name", "PC", "--dept", dept, "--tag", tag,
                "--price", price,
            ],
        );
    };
    asset("2026-09-30", "A1", "desktop", "内科", "5000");
    asset("2026-10-01", "A2", "desktop", "内科", "4000");
    asset("2026-11-02", "A3", "printer", "信息科", "1500.50");
    on(
        &env,
        "2026-09-30",
        &[
            "asset",
            "transfer",
            "A1",
            "--custodian",
            "王伟",
            "--reason",
            "领用",
        ],
    );
    // A2 moves to 信息科 in the quarter: it still counts as registered to 内科.
    on(
        &env,
        "2026-11-15",
        &[
            "asset",
            "transfer",
            "A2",
            "--dept",
            "信息科",
            "--custodian",
            "李娜",
            "--reason",
            "调剂",
        ],
    );
    on(
        &env,
        "2026-11-16",
        &[
            "asset",
            "transfer",
            "A3",
            "--custodian",
            "李娜",
            "--reason",
            "领用",
        ],
    );
    let maintain = |day: &str, tag: &str, kind: &str, extra: &[&str]| {
        let mut v = vec!["asset", "maintain", tag, "--kind", kind, "--note", "记录"];
        v.extend_from_slice(extra);
        on(&env, day, &v);
    };
    maintain("2026-09-30", "A1", "repair", &["--cost", "100"]);
    // Charged to 内科 although A2 is now 信息科's.
    maintain(
        "2026-11-20",
        "A2",
        "repair",
        &["--cost", "300", "--charge-to", "内科"],
    );
    maintain("2026-12-31", "A1", "repair", &["--cost", "200"]);
    maintain("2026-12-01", "A3", "repair", &["--cost", "80.25"]);
    maintain("2027-01-01", "A3", "repair", &["--cost", "999"]);
    maintain("2026-10-05", "A1", "virus-scan", &[]);
    on(
        &env,
        "2026-12-05",
        &[
            "asset", "damage", "A1", "--cause", "摔落", "--liable", "person", "--amount", "50",
        ],
    );
    on(
        &env,
        "2026-12-06",
        &[
            "asset",
            "damage",
            "A3",
            "--cause",
            "进水",
            "--liable",
            "department",
            "--amount",
            "120",
        ],
    );
    on(
        &env,
        "2026-12-10",
        &["asset", "status", "A3", "under-repair", "--reason", "送修"],
    );

    // Requests: one submitted before the quarter and rejected, one
    // submitted in it and approved on its last day, one filed after.
    as_on(
        &env,
        "王伟",
        "2026-09-01",
        &[
            "request",
            "new",
            "--kind",
            "config-change",
            "--dept",
            "内科",
            "--title",
            "旧申请",
            "--purpose",
            "x",
            "--item",
            "打印机;1;;1200",
            "--submit",
        ],
    );
    as_on(
        &env,
        "李娜",
        "2026-10-02",
        &[
            "request",
            "review",
            "1",
            "--reject",
            "--comment",
            "不符合标准",
        ],
    );
    as_on(
        &env,
        "王伟",
        "2026-10-08",
        &[
            "request",
            "new",
            "--kind",
            "config-change",
            "--dept",
            "内科",
            "--title",
            "门诊电脑更新",
            "--purpose",
            "门诊挂号",
            "--item",
            "台式机;2;i5;4999",
            "--submit",
        ],
    );
    as_on(
        &env,
        "李娜",
        "2026-10-09",
        &["request", "review", "2", "--accept"],
    );
    as_on(
        &env,
        "张院长",
        "2026-12-31",
        &["request", "approve", "2", "--comment", "同意"],
    );
    as_on(
        &env,
        "王伟",
        "2027-01-01",
        &[
            "request",
            "new",
            "--kind",
            "project",
            "--dept",
            "内科",
            "--title",
            "新项目",
            "--purpose",
            "x",
            "--budget",
            "10000",
            "--submit",
        ],
    );

    // Consumables: toner for 内科 against a quota of 3 in 2026Q4 only; paper
    // for 信息科 against a standing quota of 10.
    on(
        &env,
        "2026-09-01",
        &[
            "consumable",
            "item",
            "add",
            "TON",
            "--name",
            "硒鼓",
            "--category",
            "toner",
            "--unit",
            "box",
        ],
    );
    on(
        &env,
        "2026-09-01",
        &[
            "consumable",
            "item",
            "add",
            "PAP",
            "--name",
            "A4",
            "--category",
            "paper",
            "--unit",
            "ream",
        ],
    );
    on(
        &env,
        "2026-09-01",
        &[
            "consumable",
            "receive",
            "TON",
            "5",
            "--unit-cost",
            "400",
            "--unplanned",
            "--reason",
            "期初库存",
        ],
    );
    on(
        &env,
        "2026-09-30",
        &["consumable", "issue", "TON", "1", "--dept", "内科"],
    );
    on(
        &env,
        "2026-10-02",
        &[
            "consumable",
            "receive",
            "TON",
            "10",
            "--unit-cost",
            "450",
            "--unplanned",
            "--reason",
            "急诊科打印量激增",
        ],
    );
    on(
        &env,
        "2026-10-02",
        &[
            "consumable",
            "receive",
            "PAP",
            "5",
            "--unit-cost",
            "25",
            "--unplanned",
            "--reason",
            "急用",
        ],
    );
    env.ok(&[
        "consumable",
        "quota",
        "set",
        "--dept",
        "内科",
        "--category",
        "toner",
        "--quarter",
        "2026Q4",
        "--qty",
        "3",
    ]);
    env.ok(&[
        "consumable",
        "quota",
        "set",
        "--dept",
        "信息科",
        "--category",
        "paper",
        "--from-quarter",
        "2026Q1",
        "--qty",
        "10",
    ]);
    on(
        &env,
        "2026-10-15",
        &["consumable", "issue", "TON", "2", "--dept", "内科"],
    );
    on(
        &env,
        "2026-11-20",
        &[
            "consumable",
            "issue",
            "TON",
            "2",
            "--dept",
            "内科",
            "--over-quota",
            "--reason",
            "急用",
        ],
    );
    on(
        &env,
        "2026-12-01",
        &["consumable", "issue", "PAP", "2", "--dept", "信息科"],
    );
    on(
        &env,
        "2026-12-02",
        &["consumable", "adjust", "PAP", "-1", "--reason", "盘亏"],
    );
    on(
        &env,
        "2027-01-02",
        &["consumable", "issue", "TON", "1", "--dept", "内科"],
    );

    // Grading: HIS graded before the quarter, re-graded, filed, inspected
    // and rectified in it.
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    let assess = |day: &str, harm: &str| {
        on(
            &env,
            day,
            &[
                "grade",
                "assess",
                "HIS",
                "--info-object",
                "citizen",
                "--info-harm",
                harm,
                "--service-object",
                "citizen",
                "--service-harm",
                "general",
            ],
        );
    };
    assess("2026-09-01", "general");
    assess("2026-10-20", "serious");
    on(
        &env,
        "2026-11-20",
        &[
            "grade",
            "file",
            "HIS",
            "--date",
            "2026-11-10",
            "--authority",
            "市公安局",
            "--number",
            "N-1",
        ],
    );
    on(
        &env,
        "2026-11-25",
        &[
            "grade",
            "inspect",
            "HIS",
            "--date",
            "2026-11-25",
            "--findings",
            "弱口令",
        ],
    );
    on(
        &env,
        "2026-11-25",
        &[
            "grade",
            "rectify",
            "add",
            "HIS",
            "--item",
            "修改弱口令",
            "--due",
            "2026-12-31",
            "--from-inspection",
            "1",
        ],
    );
    on(
        &env,
        "2026-12-20",
        &["grade", "rectify", "done", "1", "--note", "已修改"],
    );

    // Duties: the leading group met once before and twice in the quarter;
    // virus scans count the maintenance records.
    on(
        &env,
        "2026-09-01",
        &[
            "duty",
            "add",
            "领导小组会议",
            "--every",
            "2w",
            "--ref",
            "DUT-1",
            "--owner",
            "信息科",
        ],
    );
    on(
        &env,
        "2026-09-01",
        &[
            "duty",
            "add",
            "病毒查杀",
            "--every",
            "6mo",
            "--ref",
            "OPS-1",
            "--counts",
            "maintenance:virus-scan",
        ],
    );
    on(
        &env,
        "2026-09-01",
        &["duty", "add", "年度培训", "--every", "1y", "--ref", "DUT-4"],
    );
    on(
        &env,
        "2026-09-30",
        &["duty", "done", "领导小组会议", "--note", "第1次"],
    );
    on(
        &env,
        "2026-10-14",
        &[
            "duty",
            "done",
            "领导小组会议",
            "--note",
            "第2次",
            "--evidence",
            "纪要-2",
        ],
    );
    on(
        &env,
        "2026-10-28",
        &["duty", "done", "领导小组会议", "--note", "第3次"],
    );

    // Backups: a policy, runs inside and on either side of the quarter, one
    // failed run, and a drill.
    on(
        &env,
        "2026-09-01",
        &["backup", "policy", "HIS", "--full", "7d"],
    );
    for (finished, kind, location, failed) in [
        ("2026-09-30 23:00", "full", "local", false),
        ("2026-11-01 01:00", "full", "local", true),
        ("2026-12-01 01:00", "diff", "local", false),
        ("2026-12-31 02:00", "full", "local", false),
        ("2026-12-31 05:00", "full", "offsite", false),
        ("2027-01-03 05:00", "full", "offsite", false),
    ] {
        let mut args = vec![
            "backup",
            "record",
            "HIS",
            "--kind",
            kind,
            "--finished",
            finished,
            "--location",
            location,
        ];
        if failed {
            args.push("--failed");
        }
        on(&env, "2027-01-04", &args);
    }
    on(
        &env,
        "2026-11-15",
        &[
            "backup",
            "drill",
            "HIS",
            "--at",
            "2026-11-15 10:00",
            "--result",
            "pass",
            "--restored-to",
            "test-db",
            "--note",
            "恢复正常",
        ],
    );
    env
}

/// The report's CSV lines of one section (the header excluded).
fn section(csv: &str, name: &str) -> String {
    csv.lines()
        .filter(|l| l.starts_with(&format!("{name},")))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn quarter_report(env: &Env) -> String {
    env.run(&[
        "--as-of",
        "2027-01-05",
        "audit",
        "report",
        "--quarter",
        "2026Q4",
        "--format",
        "csv",
    ])
    .success()
    .stdout
}

const HEADER: &str = "section,metric,subject,date,count,value,requirement,detail\n";

#[test]
fn the_period_heads_the_report() {
    let env = register();
    let csv = quarter_report(&env);
    assert!(csv.starts_with(HEADER), "{csv}");
    assert_eq!(
        section(&csv, "period"),
        "period,from,,2026-10-01,,,,2026Q4\n\
         period,to,,2026-12-31,,,,\n\
         period,as-of,,2027-01-05,,,,\n"
    );
    // Sections come in a fixed order.
    let order: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .fold(Vec::new(), |mut v, s| {
            if v.last() != Some(&s) {
                v.push(s);
            }
            v
        });
    assert_eq!(
        order,
        [
            "period",
            "assets",
            "requests",
            "consumables",
            "backups",
            "grading",
            "duties",
            "corrections",
            "incidents",
            "findings"
        ]
    );
}

#[test]
fn assets_are_counted_by_their_own_dates_with_money_per_department() {
    let env = register();
    assert_eq!(
        section(&quarter_report(&env), "assets"),
        "assets,registered,,,2,5500.50,AST-1,\n\
         assets,registered,内科,,1,4000.00,AST-1,\n\
         assets,registered,信息科,,1,1500.50,AST-1,\n\
         assets,transferred,,,2,,AST-3,\n\
         assets,transferred,内科 -> 信息科,,1,,AST-3,\n\
         assets,transferred,信息科,,1,,AST-3,\n\
         assets,status-changed,,,1,,AST-3,\n\
         assets,status-changed,under-repair,,1,,AST-3,\n\
         assets,repaired,,,3,580.25,AST-4,\n\
         assets,repaired,内科,,2,500.00,AST-4,\n\
         assets,repaired,信息科,,1,80.25,AST-4,\n\
         assets,inspected,,,0,0.00,OPS-1,\n\
         assets,virus-scanned,,,1,0.00,OPS-1,\n\
         assets,virus-scanned,内科,,1,0.00,OPS-1,\n\
         assets,upgraded,,,0,0.00,AST-3,\n\
         assets,damaged,,,2,170.00,AST-5,\n\
         assets,damaged,王伟@内科,,1,50.00,AST-5,\n\
         assets,damaged,信息科,,1,120.00,AST-5,\n\
         assets,disposed,,,0,,AST-6,\n"
    );
}

#[test]
fn requests_are_listed_by_the_day_of_each_step_with_who_took_it() {
    let env = register();
    assert_eq!(
        section(&quarter_report(&env), "requests"),
        "requests,submitted,,,1,9998.00,,\n\
         requests,submitted,#2 门诊电脑更新,2026-10-08,1,9998.00,REQ-2,\"config-change, 内科; 王伟 (staff)\"\n\
         requests,approved,,,1,9998.00,,\n\
         requests,approved,#2 门诊电脑更新,2026-12-31,1,9998.00,REQ-2,\"config-change, 内科; 张院长 (approver): 同意\"\n\
         requests,rejected,,,1,1200.00,,\n\
         requests,rejected,#1 旧申请,2026-10-02,1,1200.00,REQ-2,\"config-change, 内科; 李娜 (office): 不符合标准\"\n\
         requests,withdrawn,,,0,0.00,,\n\
         requests,fulfilled,,,0,0.00,,\n"
    );
}

#[test]
fn consumables_are_weighed_against_quota_per_department_and_category() {
    let env = register();
    assert_eq!(
        section(&quarter_report(&env), "consumables"),
        "consumables,received,,,15,4625.00,CON-1,\n\
         consumables,received,paper,,5,125.00,CON-1,\n\
         consumables,received,toner,,10,4500.00,CON-1,\n\
         consumables,issued,,,6,1850.00,CON-5,\n\
         consumables,issued,信息科 paper,,2,50.00,CON-5,2026Q4 quota 10 (20.0%)\n\
         consumables,issued,内科 toner,,4,1800.00,CON-5,\"2026Q4 quota 3 (133.3%), over quota; 1 issue flagged over quota\"\n\
         consumables,issued-over-quota,,,1,,CON-5,\n\
         consumables,adjusted,,,1,,CON-4,\n\
         consumables,received-unplanned,,,15,,CON-2,\n\
         consumables,received-unplanned,TON 硒鼓,2026-10-02,10,,CON-2,no approved plan: 急诊科打印量激增\n\
         consumables,received-unplanned,PAP A4,2026-10-02,5,,CON-2,no approved plan: 急用\n"
    );
}

#[test]
fn a_period_across_quarters_weighs_each_quarter_against_its_own_quota() {
    let env = register();
    let csv = env
        .run(&[
            "--as-of",
            "2027-01-05",
            "audit",
            "report",
            "--from",
            "2026-09-15",
            "--to",
            "2026-10-31",
            "--only",
            "consumables",
            "--format",
            "csv",
        ])
        .success()
        .stdout;
    assert_eq!(
        csv,
        format!(
            "{HEADER}\
             period,from,,2026-09-15,,,,2026-09-15..2026-10-31\n\
             period,to,,2026-10-31,,,,\n\
             period,as-of,,2027-01-05,,,,\n\
             consumables,received,,,15,4625.00,CON-1,\n\
             consumables,received,paper,,5,125.00,CON-1,\n\
             consumables,received,toner,,10,4500.00,CON-1,\n\
             consumables,issued,,,3,1300.00,CON-5,\n\
             consumables,issued,信息科 paper,,0,0.00,CON-5,2026Q3 (2026-09-15..2026-09-30 only) quota 10 (0.0%)\n\
             consumables,issued,内科 toner,,1,400.00,CON-5,2026Q3 (2026-09-15..2026-09-30 only) no quota\n\
             consumables,issued,信息科 paper,,0,0.00,CON-5,2026Q4 (2026-10-01..2026-10-31 only) quota 10 (0.0%)\n\
             consumables,issued,内科 toner,,2,900.00,CON-5,2026Q4 (2026-10-01..2026-10-31 only) quota 3 (66.7%)\n\
             consumables,issued-over-quota,,,0,,CON-5,\n\
             consumables,adjusted,,,0,,CON-4,\n\
             consumables,received-unplanned,,,15,,CON-2,\n\
             consumables,received-unplanned,TON 硒鼓,2026-10-02,10,,CON-2,no approved plan: 急诊科打印量激增\n\
             consumables,received-unplanned,PAP A4,2026-10-02,5,,CON-2,no approved plan: 急用\n"
        )
    );
}

#[test]
fn grading_events_are_listed_one_by_one() {
    let env = register();
    assert_eq!(
        section(&quarter_report(&env), "grading"),
        "grading,graded,,,1,,GRD-1,\n\
         grading,graded,HIS,2026-10-20,1,,GRD-1,grade 2 指导保护级 (S2A1)\n\
         grading,reported,,,0,,GRD-3,\n\
         grading,reviewed,,,0,,GRD-1,\n\
         grading,approved,,,0,,GRD-3,\n\
         grading,filed,,,1,,GRD-3,\n\
         grading,filed,HIS,2026-11-10,1,,GRD-3,\"grade 2 with 市公安局, number N-1\"\n\
         grading,filing-rejected,,,0,,GRD-3,\n\
         grading,filing-cancelled,,,0,,GRD-3,\n\
         grading,changed,,,0,,GRD-1,\n\
         grading,evaluated,,,0,,GRD-4,\n\
         grading,self-inspected,,,1,,GRD-5,\n\
         grading,self-inspected,HIS,2026-11-25,1,,GRD-5,弱口令\n\
         grading,rectification-opened,,,1,,GRD-5,\n\
         grading,rectification-opened,HIS,2026-11-25,1,,GRD-5,#1 修改弱口令; due 2026-12-31\n\
         grading,rectified,,,1,,GRD-5,\n\
         grading,rectified,HIS,2026-12-20,1,,GRD-5,#1 修改弱口令: 已修改\n"
    );
}

#[test]
fn duties_show_how_often_each_was_done_and_every_completion() {
    let env = register();
    assert_eq!(
        section(&quarter_report(&env), "duties"),
        "duties,done,,,3,,,\n\
         duties,done,病毒查杀,2026-10-05,1,,OPS-1,\"every 6mo, counting maintenance:virus-scan\"\n\
         duties,done,领导小组会议,2026-10-28,2,,DUT-1,\"every 2w, owner 信息科\"\n\
         duties,done,年度培训,,0,,DUT-4,every 1y\n\
         duties,completion,,,2,,,\n\
         duties,completion,领导小组会议,2026-10-14,1,,DUT-1,第2次 (evidence: 纪要-2)\n\
         duties,completion,领导小组会议,2026-10-28,1,,DUT-1,第3次\n"
    );
}

#[test]
fn every_finding_open_on_the_as_of_day_ends_the_report() {
    let env = register();
    assert_eq!(
        section(&quarter_report(&env), "findings"),
        "findings,critical,,,1,,,\n\
         findings,critical,领导小组会议,,1,,DUT-1,\"was due 2026-11-11, 55 days overdue (more than a whole interval); every 2w, last done 2026-10-28; owner 信息科\"\n\
         findings,warning,,,3,,,\n\
         findings,warning,A1 PC,,1,,AST-1,is in use with no location; record where it is with `asset transfer --location`\n\
         findings,warning,A2 PC,,1,,AST-1,is in use with no location; record where it is with `asset transfer --location`\n\
         findings,warning,HIS,,1,,GRD-3,\"the filing of 2026-11-10 (grade 2) was made without the grading report (定级报告), the expert review (专家评审)\"\n"
    );
    // The same findings as `audit check` on that day.
    env.run(&["--as-of", "2027-01-05", "audit", "check", "--format", "csv"])
        .code(2)
        .stdout_has("CRITICAL,duty,领导小组会议,");
}

#[test]
fn an_empty_register_still_shows_every_metric() {
    let env = Env::with_org();
    env.run(&[
        "--as-of",
        "2026-11-28",
        "audit",
        "report",
        "--format",
        "csv",
    ])
    .success()
    .stdout_is(&format!(
        "{HEADER}\
             period,from,,2026-10-01,,,,2026Q4\n\
             period,to,,2026-12-31,,,,\n\
             period,as-of,,2026-11-28,,,,\n\
             assets,registered,,,0,0.00,AST-1,\n\
             assets,transferred,,,0,,AST-3,\n\
             assets,status-changed,,,0,,AST-3,\n\
             assets,repaired,,,0,0.00,AST-4,\n\
             assets,inspected,,,0,0.00,OPS-1,\n\
             assets,virus-scanned,,,0,0.00,OPS-1,\n\
             assets,upgraded,,,0,0.00,AST-3,\n\
             assets,damaged,,,0,0.00,AST-5,\n\
             assets,disposed,,,0,,AST-6,\n\
             requests,submitted,,,0,0.00,,\n\
             requests,approved,,,0,0.00,,\n\
             requests,rejected,,,0,0.00,,\n\
             requests,withdrawn,,,0,0.00,,\n\
             requests,fulfilled,,,0,0.00,,\n\
             consumables,received,,,0,0.00,CON-1,\n\
             consumables,issued,,,0,0.00,CON-5,\n\
             consumables,issued-over-quota,,,0,,CON-5,\n\
             consumables,adjusted,,,0,,CON-4,\n\
             consumables,received-unplanned,,,0,,CON-2,\n\
             backups,backed-up,,,0,,BAK-3,\n\
             backups,offsite,,,0,,BAK-1,\n\
             backups,drilled,,,0,,BAK-2,\n\
             grading,graded,,,0,,GRD-1,\n\
             grading,reported,,,0,,GRD-3,\n\
             grading,reviewed,,,0,,GRD-1,\n\
             grading,approved,,,0,,GRD-3,\n\
             grading,filed,,,0,,GRD-3,\n\
             grading,filing-rejected,,,0,,GRD-3,\n\
             grading,filing-cancelled,,,0,,GRD-3,\n\
             grading,changed,,,0,,GRD-1,\n\
             grading,evaluated,,,0,,GRD-4,\n\
             grading,self-inspected,,,0,,GRD-5,\n\
             grading,rectification-opened,,,0,,GRD-5,\n\
             grading,rectified,,,0,,GRD-5,\n\
             duties,done,,,0,,,\n\
             duties,completion,,,0,,,\n\
             corrections,voided,,,0,,SEC-4,\n\
             corrections,amended,,,0,,SEC-4,\n\
             incidents,detected,,,0,,,\n\
             incidents,resolved,,,0,,,\n\
             incidents,still-open,,,0,,,\n\
             findings,critical,,,0,,,\n\
             findings,warning,,,0,,,\n"
    ));
}

#[test]
fn json_is_flat_and_typed() {
    let env = register();
    let json = env
        .run(&[
            "--as-of",
            "2027-01-05",
            "audit",
            "report",
            "--quarter",
            "2026q4",
            "--only",
            "assets",
            "--format",
            "json",
        ])
        .success()
        .json();
    let lines = json.as_array().unwrap();
    let repaired = lines
        .iter()
        .find(|l| l["metric"] == "repaired" && l["subject"] == "内科")
        .unwrap();
    assert_eq!(
        repaired,
        &serde_json::json!({
            "section": "assets", "metric": "repaired", "subject": "内科", "date": null,
            "count": 2, "value": 500.0, "requirement": "AST-4", "detail": null
        })
    );
    assert!(lines.iter().all(|l| l.as_object().unwrap().len() == 8));
}

#[test]
fn the_default_period_is_the_quarter_of_the_as_of_day_and_from_runs_to_it() {
    let env = register();
    env.run(&[
        "--as-of",
        "2026-11-28",
        "audit",
        "report",
        "--only",
        "duties",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("period,from,,2026-10-01,,,,2026Q4\nperiod,to,,2026-12-31,,,,\n");
    let csv = env
        .run(&[
            "--as-of",
            "2026-10-20",
            "audit",
            "report",
            "--from",
            "2026-10-01",
            "--only",
            "duties",
            "--format",
            "csv",
        ])
        .success()
        .stdout;
    assert!(csv.contains("period,to,,2026-10-20,,,,\n"), "{csv}");
    assert!(csv.contains("duties,completion,,,1,,,\n"), "{csv}");
}

#[test]
fn chinese_headers_and_words() {
    let env = register();
    env.run(&[
        "--lang",
        "zh",
        "--as-of",
        "2027-01-05",
        "audit",
        "report",
        "--quarter",
        "2026Q4",
        "--only",
        "duties",
    ])
    .success()
    .stdout_has("栏目")
    .stdout_has("项目")
    .stdout_has("日常职责")
    .stdout_has("完成次数")
    .stdout_has("报告期");
}

#[test]
fn bad_periods_are_refused_naming_the_field_and_value() {
    let env = Env::with_org();
    let report = |args: &[&str]| {
        let mut v = vec!["--as-of", "2026-11-28", "audit", "report"];
        v.extend_from_slice(args);
        env.run(&v)
    };
    report(&["--quarter", "2026Q5"]).error(&["--quarter", "\"2026Q5\" is not a quarter", "2026Q4"]);
    report(&["--from", "2026-12-01", "--to", "2026-11-01"])
        .error(&["--from: 2026-12-01 is after --to 2026-11-01"]);
    report(&["--from", "2026-12-01"]).error(&["--from: 2026-12-01 is after --as-of 2026-11-28"]);
    report(&["--from", "2026-13-01", "--to", "2026-12-01"]).error(&[
        "--from",
        "\"2026-13-01\" is not a date",
        "YYYY-MM-DD",
    ]);
    report(&["--from", "2026-10-01", "--to", "31/12/2026"])
        .error(&["--to", "\"31/12/2026\" is not a date"]);
    report(&["--quarter", "2026Q4", "--from", "2026-10-01"])
        .code(2)
        .stderr_has("'--quarter <Q>' cannot be used with '--from <DATE>'");
    report(&["--to", "2026-10-01"])
        .code(2)
        .stderr_has("--from <DATE>");
    report(&["--only", "bogus"])
        .code(2)
        .stderr_has("invalid value 'bogus' for '--only <ONLY>'");
}

#[test]
fn backups_and_drills_are_counted_by_the_day_they_finished() {
    let env = register();
    assert_eq!(
        section(&quarter_report(&env), "backups"),
        "backups,backed-up,,,3,,BAK-3,\n\
         backups,backed-up,HIS,2026-12-31,3,,BAK-3,\"full 2, diff/incr 1, log 0; failed 1\"\n\
         backups,offsite,,,1,,BAK-1,\n\
         backups,offsite,HIS,2026-12-31,1,,BAK-1,\"full 1, diff/incr 0, log 0; failed 0\"\n\
         backups,drilled,,,1,,BAK-2,\n\
         backups,drilled,HIS,2026-11-15,1,,BAK-2,pass to test-db: 恢复正常\n"
    );
}
