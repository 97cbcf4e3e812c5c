//! CON-2, plans before purchases: a receipt in a quarter with no approved
//! plan is refused unless it is an emergency purchase (`--unplanned
//! --reason`), which stays a finding of the quarter and a line of its
//! report; departments state their needs, and the plan drafts from them.

use crate::support::Env;

fn with_toner() -> Env {
    let env = Env::with_org();
    env.ok(&[
        "--as-of",
        "2026-10-01",
        "consumable",
        "item",
        "add",
        "TON-88A",
        "--name",
        "HP 88A 硒鼓",
        "--category",
        "toner",
        "--unit",
        "box",
        "--reorder-level",
        "2",
    ]);
    env
}

fn consumable(env: &Env, day: &str, args: &[&str]) -> crate::support::Run {
    let mut v = vec!["--as-of", day, "consumable"];
    v.extend_from_slice(args);
    env.run(&v)
}

fn approve_plan(env: &Env, day: &str, quarter: &str) {
    env.ok(&[
        "--as-of",
        day,
        "--actor",
        "李娜",
        "consumable",
        "plan",
        "--quarter",
        quarter,
        "--submit",
    ]);
    let id = env
        .sql("SELECT max(id) FROM request WHERE kind = 'consumable-plan';")
        .trim()
        .to_string();
    env.ok(&[
        "--as-of",
        day,
        "--actor",
        "张院长",
        "request",
        "approve",
        &id,
    ]);
}

#[test]
fn a_receipt_without_an_approved_plan_is_refused_unless_unplanned_with_a_reason() {
    let env = with_toner();
    consumable(
        &env,
        "2026-11-20",
        &["receive", "TON-88A", "20", "--unit-cost", "450"],
    )
    .error(&[
        "--date: 2026Q4 has no approved consumables plan (耗材采购季度计划) on 2026-11-20",
        "--unplanned --reason TEXT",
    ]);
    assert_eq!(
        env.sql("SELECT count(*) FROM consumable_movement;").trim(),
        "0"
    );
    // --unplanned needs its reason, and the reason may not be blank.
    consumable(
        &env,
        "2026-11-20",
        &["receive", "TON-88A", "20", "--unplanned"],
    )
    .code(2);
    consumable(
        &env,
        "2026-11-20",
        &["receive", "TON-88A", "20", "--unplanned", "--reason", " "],
    )
    .error(&["--reason: must not be empty"]);
    consumable(
        &env,
        "2026-11-20",
        &[
            "receive",
            "TON-88A",
            "20",
            "--unit-cost",
            "450",
            "--unplanned",
            "--reason",
            "急诊科打印机全部缺粉",
        ],
    )
    .success()
    .stdout_is("Received 20 box of TON-88A; 20 in stock\n");
    // The stock now covers the quarter, so no plan is asked for any more;
    // the emergency purchase itself stays a finding of 2026Q4.
    let expected = "severity,area,subject,message,requirement\n\
         WARNING,consumable,TON-88A HP 88A 硒鼓,received 20 box on 2026-11-20 (movement 1) with no approved plan for 2026Q4 (unplanned: 急诊科打印机全部缺粉),CON-2\n";
    consumable(&env, "2026-11-21", &["check", "--format", "csv"])
        .code(1)
        .stdout_is(expected);
    consumable(&env, "2026-12-31", &["check", "--format", "csv"])
        .code(1)
        .stdout_is(expected);
    // And a line of the quarter's report, read after the quarter.
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
    .stdout_has("consumables,received-unplanned,,,20,,CON-2,\n")
    .stdout_has("consumables,received-unplanned,TON-88A HP 88A 硒鼓,2026-11-20,20,,CON-2,no approved plan: 急诊科打印机全部缺粉\n");
    // The next quarter starts clean.
    consumable(&env, "2027-01-05", &["check", "--format", "csv"]).stdout_lacks("unplanned");
}

#[test]
fn after_the_plan_is_approved_receipts_follow_it() {
    let env = with_toner();
    consumable(
        &env,
        "2026-10-01",
        &["need", "内科", "TON-88A", "6", "--quarter", "2026Q4"],
    )
    .success()
    .stdout_is("内科 needs 6 box of TON-88A in 2026Q4\n");
    // Submitted but not yet approved: still refused.
    env.ok(&[
        "--as-of",
        "2026-10-01",
        "--actor",
        "李娜",
        "consumable",
        "plan",
        "--quarter",
        "2026Q4",
        "--submit",
    ]);
    consumable(&env, "2026-10-01", &["receive", "TON-88A", "8"])
        .error(&["2026Q4 has no approved consumables plan"]);
    env.ok(&[
        "--as-of",
        "2026-10-02",
        "--actor",
        "张院长",
        "request",
        "approve",
        "1",
    ]);
    // A receipt dated before the approval was still unplanned.
    consumable(
        &env,
        "2026-10-02",
        &["receive", "TON-88A", "8", "--date", "2026-10-01"],
    )
    .error(&["on 2026-10-01"]);
    consumable(&env, "2026-10-02", &["receive", "TON-88A", "8"])
        .success()
        .stdout_is("Received 8 box of TON-88A; 8 in stock\n");
    // --unplanned where a plan is approved is a mistake, and refused.
    consumable(
        &env,
        "2026-10-02",
        &["receive", "TON-88A", "1", "--unplanned", "--reason", "x"],
    )
    .error(&["--unplanned: 2026Q4 has an approved plan on 2026-10-02"]);
    consumable(&env, "2026-10-20", &["check", "--format", "csv"])
        .success()
        .stdout_lacks("CON-2");
}

#[test]
fn departments_state_needs_and_the_plan_shows_each_line_source() {
    let env = with_toner();
    env.ok(&[
        "--as-of",
        "2026-10-01",
        "consumable",
        "item",
        "add",
        "PAP-A4",
        "--name",
        "A4 复印纸",
        "--category",
        "paper",
        "--unit",
        "ream",
    ]);
    env.ok(&["dept", "add", "外科", "--code", "WK"]);
    // A quarter of use by 内科, bought under an approved plan.
    consumable(
        &env,
        "2026-10-01",
        &["need", "内科", "PAP-A4", "30", "--quarter", "2026Q4"],
    )
    .success();
    approve_plan(&env, "2026-10-01", "2026Q4");
    consumable(
        &env,
        "2026-10-01",
        &["receive", "PAP-A4", "30", "--unit-cost", "25"],
    )
    .success();
    consumable(
        &env,
        "2026-10-10",
        &["issue", "PAP-A4", "24", "--dept", "内科"],
    )
    .success();
    // For 2027Q1: 信息科 states toner, 外科 paper; 内科 states nothing and
    // is forecast from its use; 外科's toner need is cut to its quota.
    consumable(
        &env,
        "2026-12-20",
        &[
            "need",
            "信息科",
            "TON-88A",
            "3",
            "--quarter",
            "2027Q1",
            "--note",
            "机房打印机",
        ],
    )
    .success();
    consumable(
        &env,
        "2026-12-20",
        &["need", "外科", "TON-88A", "5", "--quarter", "2027Q1"],
    )
    .success();
    consumable(
        &env,
        "2026-12-21",
        &["need", "外科", "TON-88A", "4", "--quarter", "2027Q1"],
    )
    .success()
    .stdout_is("外科 needs 4 box of TON-88A in 2027Q1 (was 5)\n");
    env.ok(&[
        "--as-of",
        "2026-12-21",
        "consumable",
        "quota",
        "set",
        "--dept",
        "外科",
        "--category",
        "toner",
        "--quarter",
        "2027Q1",
        "--qty",
        "2",
    ]);
    consumable(
        &env,
        "2026-12-22",
        &["needs", "--quarter", "2027Q1", "--format", "csv"],
    )
    .success()
    .stdout_is(
        "quarter,dept,sku,name,unit,qty,note,stated\n\
             2027Q1,信息科,TON-88A,HP 88A 硒鼓,box,3,机房打印机,2026-12-20\n\
             2027Q1,外科,TON-88A,HP 88A 硒鼓,box,4,,2026-12-21\n",
    );
    consumable(&env, "2026-12-22", &["plan", "--quarter", "2027Q1", "--format", "csv"])
        .success()
        .stdout_is(
            "sku,name,category,unit,last_year,last_4q,need,stock,reorder_level,buy,unit_cost,cost,source\n\
             PAP-A4,A4 复印纸,paper,ream,0,24,24,6,0,18,25.00,450.00,\"内科 24 (use 24); stock 6, reorder level 0\"\n\
             TON-88A,HP 88A 硒鼓,toner,box,0,0,5,0,2,7,,,\"信息科 3 (stated 3), 外科 2 (stated 4, cut to the toner quota); stock 0, reorder level 2\"\n\
             TOTAL,,,,,,,,,,,450.00,\n",
        );
    // Bad input names the field.
    consumable(
        &env,
        "2026-12-22",
        &["need", "内科", "TON-88A", "1.5", "--quarter", "2027Q1"],
    )
    .error(&["QTY", "\"1.5\""]);
    consumable(
        &env,
        "2026-12-22",
        &["need", "骨科", "TON-88A", "1", "--quarter", "2027Q1"],
    )
    .error(&["DEPT", "骨科"]);
    consumable(
        &env,
        "2026-12-22",
        &["need", "内科", "TON-88A", "1", "--quarter", "2027Q5"],
    )
    .error(&["--quarter", "2027Q5"]);
}
