//! Consumables: the catalogue, stock in and out, quotas, the ledger (台账),
//! the assessment against quota, the quarterly plan and the findings.

use crate::support::Env;

fn with_items() -> Env {
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
    env.ok(&[
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
    env
}

/// Runs `consumable ARGS...` on a given day.
fn on(env: &Env, day: &str, args: &[&str]) -> String {
    let mut v = vec!["--as-of", day, "consumable"];
    v.extend_from_slice(args);
    env.ok(&v)
}

fn run_on(env: &Env, day: &str, args: &[&str]) -> crate::support::Run {
    let mut v = vec!["--as-of", day, "consumable"];
    v.extend_from_slice(args);
    env.run(&v)
}

#[test]
fn items_are_added_listed_changed_and_refused_when_wrong() {
    let env = with_items();
    env.run(&["consumable", "item", "list", "--format", "csv"])
        .success()
        .stdout_is(
            "sku,name,category,unit,reorder_level\n\
             PAP-A4,A4 复印纸,paper,ream,0\n\
             TON-88A,HP 88A 硒鼓,toner,box,2\n",
        );
    env.run(&[
        "consumable",
        "item",
        "add",
        "TON-88A",
        "--name",
        "x",
        "--category",
        "toner",
        "--unit",
        "box",
    ])
    .error(&["SKU", "\"TON-88A\" is already in the catalogue"]);
    // A typo does not start a category of its own.
    env.run(&[
        "consumable",
        "item",
        "add",
        "T2",
        "--name",
        "x",
        "--category",
        "tonner",
        "--unit",
        "box",
    ])
    .error(&[
        "--category",
        "\"tonner\" is not a known category",
        "--new-category",
    ]);
    env.run(&[
        "consumable",
        "item",
        "add",
        "T2",
        "--name",
        "x",
        "--category",
        "labels",
        "--unit",
        "roll",
        "--new-category",
    ])
    .success()
    .stdout_is("Added T2 (x, labels, counted in roll)\n");
    env.run(&[
        "consumable",
        "item",
        "add",
        "T3",
        "--name",
        "y",
        "--category",
        "labels",
        "--unit",
        "roll",
        "--reorder-level",
        "-1",
    ])
    .error(&["--reorder-level", "\"-1\""]);
    env.run(&[
        "consumable",
        "item",
        "add",
        "T 3",
        "--name",
        "y",
        "--category",
        "labels",
        "--unit",
        "roll",
    ])
    .error(&["SKU", "white space"]);
    env.run(&["consumable", "categories", "--format", "csv"])
        .success()
        .stdout_has("labels,1,no\n")
        .stdout_has("toner,1,yes\n")
        .stdout_has("ink,0,yes\n");
    env.run(&[
        "consumable",
        "item",
        "set",
        "TON-88A",
        "--reorder-level",
        "4",
        "--format",
        "csv",
    ])
    .success()
    .stdout_is("sku,name,category,unit,reorder_level\nTON-88A,HP 88A 硒鼓,toner,box,4\n");
    env.run(&[
        "consumable",
        "item",
        "set",
        "TON-88A",
        "--reorder-level",
        "4",
    ])
    .error(&["nothing to change"]);
    env.run(&["consumable", "item", "set", "NOPE", "--name", "x"])
        .error(&["SKU", "no consumable item \"NOPE\"", "item add"]);
}

#[test]
fn receive_issue_adjust_and_stock() {
    let env = with_items();
    env.ok(&[
        "asset",
        "register",
        "--kind",
        "printer",
        "--name",
        "HP M403",
        "--tag",
        "PR-1",
        "--dept",
        "内科",
        "--custodian",
        "王伟",
    ]);
    run_on(
        &env,
        "2026-10-02",
        &[
            "receive",
            "TON-88A",
            "10",
            "--unit-cost",
            "450",
            "--supplier",
            "某某办公",
            "--ref",
            "PO-1",
        ],
    )
    .success()
    .stdout_is("Received 10 box of TON-88A; 10 in stock\n");
    run_on(
        &env,
        "2026-10-05",
        &[
            "issue",
            "TON-88A",
            "3",
            "--dept",
            "NK",
            "--to",
            "王伟",
            "--for-asset",
            "PR-1",
        ],
    )
    .success()
    .stdout_is("Issued 3 box of TON-88A to 内科; 7 in stock\n");
    // The confirmation in CSV is the ledger row, with the balance after it.
    run_on(
        &env,
        "2026-10-06",
        &[
            "adjust",
            "TON-88A",
            "-1",
            "--reason",
            "damaged in storage",
            "--format",
            "csv",
        ],
    )
    .success()
    .stdout_is(
        "id,date,kind,sku,name,category,unit,qty,balance,dept,person,asset,unit_cost,over_quota,supplier,ref,reason\n\
         3,2026-10-06,adjust,TON-88A,HP 88A 硒鼓,toner,box,-1,6,,,,,no,,,damaged in storage\n",
    );
    // Refusals name the field and the figure; nothing is written.
    run_on(
        &env,
        "2026-10-07",
        &["issue", "TON-88A", "7", "--dept", "内科"],
    )
    .error(&[
        "QTY",
        "cannot issue 7 box of TON-88A",
        "only 6 in stock on 2026-10-07",
    ]);
    run_on(
        &env,
        "2026-10-07",
        &["issue", "PAP-A4", "1", "--dept", "内科"],
    )
    .error(&["only 0 in stock"]);
    // Backdated: on 10-04 there were 10, but the later issue and write-off
    // leave only 6 to spare.
    run_on(
        &env,
        "2026-10-07",
        &[
            "issue",
            "TON-88A",
            "8",
            "--dept",
            "内科",
            "--date",
            "2026-10-04",
        ],
    )
    .error(&["10 in stock then", "later movements need all but 6"]);
    run_on(
        &env,
        "2026-10-07",
        &["adjust", "TON-88A", "-7", "--reason", "lost"],
    )
    .error(&["cannot write off 7 box", "only 6"]);
    run_on(
        &env,
        "2026-10-07",
        &["issue", "TON-88A", "0", "--dept", "内科"],
    )
    .error(&["QTY", "\"0\" is not a quantity"]);
    run_on(
        &env,
        "2026-10-07",
        &["adjust", "TON-88A", "0", "--reason", "x"],
    )
    .error(&["QTY", "\"0\" is not a correction"]);
    run_on(
        &env,
        "2026-10-07",
        &["adjust", "TON-88A", "+1", "--reason", " "],
    )
    .error(&["--reason: must not be empty"]);
    run_on(
        &env,
        "2026-10-07",
        &["receive", "TON-88A", "1", "--date", "2026-10-08"],
    )
    .error(&["--date", "2026-10-08 is after today (2026-10-07)"]);
    run_on(
        &env,
        "2026-10-07",
        &["receive", "TON-88A", "1", "--unit-cost", "4.505"],
    )
    .error(&["--unit-cost", "\"4.505\""]);
    run_on(
        &env,
        "2026-10-07",
        &["issue", "TON-88A", "1", "--dept", "骨科"],
    )
    .error(&["--dept", "no department \"骨科\""]);
    run_on(
        &env,
        "2026-10-07",
        &["issue", "TON-88A", "1", "--dept", "信息科", "--to", "王伟"],
    )
    .error(&["--to", "王伟 is in 内科, not 信息科"]);
    run_on(
        &env,
        "2026-10-07",
        &[
            "issue",
            "TON-88A",
            "1",
            "--dept",
            "内科",
            "--for-asset",
            "PR-9",
        ],
    )
    .error(&["TAG", "no asset \"PR-9\""]);
    run_on(&env, "2026-10-07", &["receive", "NOPE", "1"]).error(&["SKU", "\"NOPE\""]);
    assert_eq!(
        env.sql("SELECT count(*) FROM consumable_movement;").trim(),
        "3"
    );
    run_on(&env, "2026-10-07", &["stock", "--format", "csv"])
        .success()
        .stdout_is(
            "sku,name,category,unit,on_hand,reorder_level,below,unit_cost,value\n\
             PAP-A4,A4 复印纸,paper,ream,0,0,no,,\n\
             TON-88A,HP 88A 硒鼓,toner,box,6,2,no,450.00,2700.00\n\
             TOTAL,,,,,,,,2700.00\n",
        );
    // Stock as it stood on an earlier day.
    run_on(
        &env,
        "2026-10-03",
        &["stock", "--category", "toner", "--format", "csv"],
    )
    .success()
    .stdout_has("TON-88A,HP 88A 硒鼓,toner,box,10,2,no,450.00,4500.00\n");
    // Every movement is in the audit trail, and the trail verifies.
    assert_eq!(
        env.sql("SELECT count(*) FROM audit_log WHERE entity = 'consumable_movement';")
            .trim(),
        "3"
    );
    env.run(&["audit", "verify"]).success();
}

#[test]
fn the_schema_refuses_impossible_movements() {
    let env = with_items();
    let bad = [
        "INSERT INTO consumable_movement (item_id, kind, date, qty) VALUES (1, 'receive', '2026-10-01', -1);",
        "INSERT INTO consumable_movement (item_id, kind, date, qty) VALUES (1, 'issue', '2026-10-01', -1);",
        "INSERT INTO consumable_movement (item_id, kind, date, qty, dept_id) VALUES (1, 'issue', '2026-10-01', 2, 1);",
        "INSERT INTO consumable_movement (item_id, kind, date, qty) VALUES (1, 'adjust', '2026-10-01', 2);",
    ];
    for sql in bad {
        let out = std::process::Command::new("sqlite3")
            .arg(&env.db)
            .arg(sql)
            .output()
            .unwrap();
        assert!(!out.status.success(), "accepted: {sql}");
    }
    // A movement written behind the tool's back is found by the audit.
    env.run(&["audit", "verify"]).success();
    env.sql("INSERT INTO consumable_movement (item_id, kind, date, qty) VALUES (1, 'receive', '2026-10-01', 5);");
    env.run(&["audit", "verify", "--format", "csv"])
        .code(2)
        .stdout_has("consumable_movement 1,was inserted without an audit entry");
}

fn toner_quota_scenario() -> Env {
    let env = with_items();
    on(
        &env,
        "2026-10-01",
        &["receive", "TON-88A", "20", "--unit-cost", "450"],
    );
    on(
        &env,
        "2026-10-01",
        &[
            "quota",
            "set",
            "--dept",
            "内科",
            "--category",
            "toner",
            "--from-quarter",
            "2026Q3",
            "--qty",
            "4",
        ],
    );
    env
}

#[test]
fn issues_beyond_quota_need_a_reason_and_are_flagged() {
    let env = toner_quota_scenario();
    on(
        &env,
        "2026-10-05",
        &["issue", "TON-88A", "3", "--dept", "内科"],
    );
    run_on(
        &env,
        "2026-10-06",
        &["issue", "TON-88A", "2", "--dept", "内科"],
    )
    .error(&[
        "QTY",
        "brings 内科's toner use in 2026Q4 to 5, over its quota of 4 (3 used)",
        "--over-quota --reason",
    ]);
    run_on(
        &env,
        "2026-10-06",
        &["issue", "TON-88A", "2", "--dept", "内科", "--over-quota"],
    )
    .error(&["--reason", "needs a reason"]);
    run_on(
        &env,
        "2026-10-06",
        &[
            "issue",
            "TON-88A",
            "2",
            "--dept",
            "内科",
            "--over-quota",
            "--reason",
            "new ward printer",
        ],
    )
    .success()
    .stdout_is(
        "Issued 2 box of TON-88A to 内科 (over 内科's toner quota for 2026Q4: flagged); 15 in stock\n",
    );
    // A department with no quota for the category is not limited.
    on(
        &env,
        "2026-10-06",
        &["issue", "TON-88A", "6", "--dept", "信息科"],
    );
    // --over-quota on an issue within quota records it unflagged.
    on(
        &env,
        "2026-10-06",
        &[
            "quota",
            "set",
            "--dept",
            "信息科",
            "--category",
            "toner",
            "--quarter",
            "2026Q4",
            "--qty",
            "9",
        ],
    );
    on(
        &env,
        "2026-10-06",
        &[
            "issue",
            "TON-88A",
            "1",
            "--dept",
            "信息科",
            "--over-quota",
            "--reason",
            "spare",
        ],
    );
    // The flag is stored and shown in the ledger and the assessment.
    assert_eq!(
        env.sql("SELECT id, over_quota, reason FROM consumable_movement WHERE kind = 'issue' ORDER BY id;"),
        "2|0|\n3|1|new ward printer\n4|0|\n5|0|spare\n"
    );
    run_on(
        &env,
        "2026-10-07",
        &["ledger", "--dept", "内科", "--format", "csv"],
    )
    .success()
    .stdout_is(
        "id,date,kind,sku,name,category,unit,qty,balance,dept,person,asset,unit_cost,over_quota,supplier,ref,reason\n\
         2,2026-10-05,issue,TON-88A,HP 88A 硒鼓,toner,box,-3,17,内科,,,450.00,no,,,\n\
         3,2026-10-06,issue,TON-88A,HP 88A 硒鼓,toner,box,-2,15,内科,,,450.00,yes,,,new ward printer\n",
    );
    run_on(
        &env,
        "2026-10-07",
        &["assess", "--quarter", "2026Q4", "--format", "csv"],
    )
    .success()
    .stdout_is(
        "dept,category,quota,used,percent,over,over_quota_issues\n\
         内科,toner,4,5,125.0,yes,1\n\
         信息科,toner,9,7,77.8,no,0\n",
    );
    // The default quarter is the current one; --dept narrows it.
    run_on(
        &env,
        "2026-10-07",
        &["assess", "--dept", "NK", "--format", "csv"],
    )
    .success()
    .stdout_is(
        "dept,category,quota,used,percent,over,over_quota_issues\n内科,toner,4,5,125.0,yes,1\n",
    );
    // In the next quarter the standing quota applies again, with nothing used.
    run_on(
        &env,
        "2026-10-07",
        &["assess", "--quarter", "2027Q1", "--format", "csv"],
    )
    .success()
    .stdout_is(
        "dept,category,quota,used,percent,over,over_quota_issues\n内科,toner,4,0,0.0,no,0\n",
    );
    run_on(&env, "2026-10-07", &["assess", "--quarter", "2026Q5"])
        .error(&["--quarter", "\"2026Q5\" is not a quarter"]);
}

#[test]
fn quotas_for_one_quarter_or_from_a_quarter_on() {
    let env = with_items();
    let set = |args: &[&str]| {
        let mut v = vec![
            "consumable",
            "quota",
            "set",
            "--dept",
            "内科",
            "--category",
            "toner",
        ];
        v.extend_from_slice(args);
        env.run(&v)
    };
    set(&["--from-quarter", "2026Q2", "--qty", "10"])
        .success()
        .stdout_is("Set 内科's toner quota from 2026Q2 on to 10\n");
    set(&["--from-quarter", "2027Q1", "--qty", "8"]).success();
    set(&["--quarter", "2026Q4", "--qty", "14"])
        .success()
        .stdout_is("Set 内科's toner quota for 2026Q4 only to 14\n");
    set(&["--quarter", "2026Q4", "--qty", "12"])
        .success()
        .stdout_is("Set 内科's toner quota for 2026Q4 only to 12 (was 14)\n");
    set(&["--quarter", "2026Q4", "--qty", "12"])
        .success()
        .stdout_is("内科's toner quota for 2026Q4 only is already 12\n");
    set(&[
        "--quarter",
        "2026Q4",
        "--from-quarter",
        "2026Q4",
        "--qty",
        "1",
    ])
    .code(2);
    set(&["--qty", "1"]).code(2);
    set(&["--quarter", "2026-10", "--qty", "1"]).error(&["--quarter", "\"2026-10\""]);
    set(&["--quarter", "2026Q4", "--qty", "-1"]).error(&["--qty", "\"-1\""]);
    env.run(&[
        "consumable",
        "quota",
        "set",
        "--dept",
        "内科",
        "--category",
        "tonner",
        "--quarter",
        "2026Q4",
        "--qty",
        "1",
    ])
    .error(&["--category", "\"tonner\" is not a known category"]);
    env.run(&["consumable", "quota", "list", "--format", "csv"])
        .success()
        .stdout_is(
            "dept,category,quarter,scope,qty\n\
             内科,toner,2026Q2,from,10\n\
             内科,toner,2026Q4,only,12\n\
             内科,toner,2027Q1,from,8\n",
        );
    let in_force = |q: &str| {
        env.run(&[
            "consumable",
            "quota",
            "list",
            "--quarter",
            q,
            "--format",
            "csv",
        ])
        .success()
        .stdout
    };
    assert_eq!(in_force("2026Q1"), "dept,category,quarter,scope,qty\n");
    assert_eq!(
        in_force("2026Q3"),
        "dept,category,quarter,scope,qty\n内科,toner,2026Q2,from,10\n"
    );
    assert_eq!(
        in_force("2026Q4"),
        "dept,category,quarter,scope,qty\n内科,toner,2026Q4,only,12\n"
    );
    assert_eq!(
        in_force("2028Q2"),
        "dept,category,quarter,scope,qty\n内科,toner,2027Q1,from,8\n"
    );
    assert_eq!(
        env.sql("SELECT count(*) FROM audit_log WHERE entity = 'consumable_quota';")
            .trim(),
        "4"
    );
}

#[test]
fn the_ledger_has_running_balances_filters_and_totals() {
    let env = with_items();
    on(
        &env,
        "2026-09-20",
        &[
            "receive",
            "PAP-A4",
            "50",
            "--unit-cost",
            "24",
            "--ref",
            "PO-7",
        ],
    );
    on(
        &env,
        "2026-09-25",
        &["issue", "PAP-A4", "10", "--dept", "内科"],
    );
    on(
        &env,
        "2026-10-02",
        &["receive", "TON-88A", "5", "--unit-cost", "450.5"],
    );
    on(
        &env,
        "2026-10-03",
        &["issue", "TON-88A", "2", "--dept", "信息科"],
    );
    on(
        &env,
        "2026-10-03",
        &["issue", "PAP-A4", "5", "--dept", "信息科"],
    );
    // Recorded later but dated earlier: it takes its place by date.
    on(
        &env,
        "2026-10-04",
        &[
            "issue",
            "PAP-A4",
            "20",
            "--dept",
            "内科",
            "--date",
            "2026-10-01",
        ],
    );
    on(
        &env,
        "2026-10-04",
        &["adjust", "PAP-A4", "+1", "--reason", "found in store"],
    );
    let head = "id,date,kind,sku,name,category,unit,qty,balance,dept,person,asset,unit_cost,over_quota,supplier,ref,reason\n";
    env.run(&["consumable", "ledger", "--format", "csv"])
        .success()
        .stdout_is(&format!(
            "{head}\
             1,2026-09-20,receive,PAP-A4,A4 复印纸,paper,ream,50,50,,,,24.00,no,,PO-7,\n\
             2,2026-09-25,issue,PAP-A4,A4 复印纸,paper,ream,-10,40,内科,,,24.00,no,,,\n\
             6,2026-10-01,issue,PAP-A4,A4 复印纸,paper,ream,-20,20,内科,,,24.00,no,,,\n\
             3,2026-10-02,receive,TON-88A,HP 88A 硒鼓,toner,box,5,5,,,,450.50,no,,,\n\
             4,2026-10-03,issue,TON-88A,HP 88A 硒鼓,toner,box,-2,3,信息科,,,450.50,no,,,\n\
             5,2026-10-03,issue,PAP-A4,A4 复印纸,paper,ream,-5,15,信息科,,,24.00,no,,,\n\
             7,2026-10-04,adjust,PAP-A4,A4 复印纸,paper,ream,1,16,,,,,no,,,found in store\n"
        ));
    // From a date: the balance carries over from before it.
    env.run(&[
        "consumable",
        "ledger",
        "--sku",
        "PAP-A4",
        "--from",
        "2026-10-02",
        "--format",
        "csv",
    ])
    .success()
    .stdout_is(&format!(
        "{head}\
         5,2026-10-03,issue,PAP-A4,A4 复印纸,paper,ream,-5,15,信息科,,,24.00,no,,,\n\
         7,2026-10-04,adjust,PAP-A4,A4 复印纸,paper,ream,1,16,,,,,no,,,found in store\n"
    ));
    // A quarter, narrowed by dates inside it; dates outside it are refused.
    env.run(&[
        "consumable",
        "ledger",
        "--quarter",
        "2026Q3",
        "--category",
        "paper",
        "--to",
        "2026-09-24",
        "--format",
        "csv",
    ])
    .success()
    .stdout_is(&format!(
        "{head}1,2026-09-20,receive,PAP-A4,A4 复印纸,paper,ream,50,50,,,,24.00,no,,PO-7,\n"
    ));
    env.run(&[
        "consumable",
        "ledger",
        "--quarter",
        "2026Q3",
        "--from",
        "2026-10-01",
    ])
    .error(&["--from", "2026-10-01 is not in 2026Q3"]);
    env.run(&[
        "consumable",
        "ledger",
        "--from",
        "2026-10-05",
        "--to",
        "2026-10-01",
    ])
    .error(&["--to", "before --from"]);
    env.run(&["consumable", "ledger", "--from", "2026-13-01"])
        .error(&["--from", "\"2026-13-01\""]);
    // The totals table by department and category (CON-4).
    env.run(&[
        "consumable",
        "ledger",
        "--by",
        "dept,category",
        "--format",
        "csv",
    ])
    .success()
    .stdout_is(
        "dept,category,issues,qty,value,over_quota\n\
         内科,paper,2,30,720.00,0\n\
         信息科,paper,1,5,120.00,0\n\
         信息科,toner,1,2,901.00,0\n\
         TOTAL,,4,37,1741.00,0\n",
    );
    env.run(&[
        "consumable",
        "ledger",
        "--by",
        "category,quarter",
        "--from",
        "2026-09-01",
        "--format",
        "csv",
    ])
    .success()
    .stdout_is(
        "category,quarter,issues,qty,value,over_quota\n\
         paper,2026Q3,1,10,240.00,0\n\
         paper,2026Q4,2,25,600.00,0\n\
         toner,2026Q4,1,2,901.00,0\n\
         TOTAL,,4,37,1741.00,0\n",
    );
    env.run(&["consumable", "ledger", "--by", "colour"]).code(2);
    // JSON is streamed as one array of objects.
    let json = env
        .run(&[
            "consumable",
            "ledger",
            "--dept",
            "信息科",
            "--format",
            "json",
        ])
        .success()
        .json();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[0]["balance"], 3);
    assert_eq!(json[0]["unit_cost"], 450.5);
}

/// The worked example of docs/consumables.md, built through the binary.
fn worked_example() -> Env {
    let env = Env::with_org();
    let add = |sku: &str, name: &str, cat: &str, unit: &str, level: &str| {
        on(
            &env,
            "2026-01-02",
            &[
                "item",
                "add",
                sku,
                "--name",
                name,
                "--category",
                cat,
                "--unit",
                unit,
                "--reorder-level",
                level,
            ],
        );
    };
    add("TON-88A", "HP 88A 硒鼓", "toner", "box", "2");
    add("TON-12A", "HP 12A 硒鼓", "toner", "box", "1");
    add("PAP-A4", "A4 复印纸", "paper", "ream", "20");
    add("INK-BK", "黑色墨水", "ink", "bottle", "0");
    add("CAB-5M", "网线 5m", "cables", "piece", "5");
    let quota = |cat: &str, flag: &str, q: &str, qty: &str| {
        on(
            &env,
            "2026-01-02",
            &[
                "quota",
                "set",
                "--dept",
                "内科",
                "--category",
                cat,
                flag,
                q,
                "--qty",
                qty,
            ],
        );
    };
    quota("toner", "--from-quarter", "2026Q3", "5");
    quota("toner", "--quarter", "2026Q4", "9");
    quota("paper", "--from-quarter", "2026Q1", "40");
    let receive = |date: &str, sku: &str, qty: &str, cost: Option<&str>| {
        let mut v = vec!["receive", sku, qty];
        if let Some(c) = cost {
            v.extend_from_slice(&["--unit-cost", c]);
        }
        on(&env, date, &v);
    };
    receive("2026-01-05", "TON-88A", "10", Some("430"));
    receive("2026-01-05", "TON-12A", "11", Some("380"));
    receive("2026-01-05", "PAP-A4", "100", Some("24"));
    receive("2026-07-01", "TON-88A", "5", Some("450"));
    receive("2026-07-01", "PAP-A4", "55", Some("25.50"));
    receive("2026-08-10", "INK-BK", "8", Some("60"));
    receive("2026-12-01", "CAB-5M", "2", None);
    let issue = |date: &str, sku: &str, qty: &str, dept: &str| {
        on(&env, date, &["issue", sku, qty, "--dept", dept]);
    };
    // 2026Q1 .. 2026Q4
    for (date, n88, i88, n12, npap, ipap) in [
        ("2026-02-10", "4", "1", "2", "30", "10"),
        ("2026-05-10", "2", "0", "2", "20", "12"),
        ("2026-08-10", "3", "1", "1", "25", "8"),
        ("2026-11-10", "3", "0", "3", "25", "10"),
    ] {
        issue(date, "TON-88A", n88, "内科");
        if i88 != "0" {
            issue(date, "TON-88A", i88, "信息科");
        }
        issue(date, "TON-12A", n12, "内科");
        issue(date, "PAP-A4", npap, "内科");
        issue(date, "PAP-A4", ipap, "信息科");
    }
    issue("2026-08-20", "INK-BK", "3", "信息科");
    issue("2026-11-10", "INK-BK", "4", "信息科");
    env
}

#[test]
fn the_plan_matches_the_worked_example() {
    let env = worked_example();
    run_on(
        &env,
        "2027-01-01",
        &["plan", "--quarter", "2027Q1", "--format", "csv"],
    )
    .success()
    .stdout_is(
        "sku,name,category,unit,last_year,last_4q,need,stock,reorder_level,buy,unit_cost,cost\n\
         CAB-5M,网线 5m,cables,piece,0,0,0,2,5,3,,\n\
         INK-BK,黑色墨水,ink,bottle,0,7,4,1,0,3,60.00,180.00\n\
         PAP-A4,A4 复印纸,paper,ream,40,140,38,15,20,43,25.50,1096.50\n\
         TON-12A,HP 12A 硒鼓,toner,box,2,8,2,3,1,0,380.00,0.00\n\
         TON-88A,HP 88A 硒鼓,toner,box,5,14,4,1,2,5,450.00,2250.00\n\
         TOTAL,,,,,,,,,,,3526.50\n",
    );
    // The quarter defaults to the current one.
    run_on(&env, "2027-01-01", &["plan", "--format", "csv"])
        .success()
        .stdout_has("TOTAL,,,,,,,,,,,3526.50\n");
}

#[test]
fn quota_suggestions_from_the_last_four_quarters_can_be_applied() {
    let env = worked_example();
    let expected = "dept,category,last_4q,average,current,suggested\n\
                    内科,paper,100,25.0,40,28\n\
                    内科,toner,20,5.0,5,6\n\
                    信息科,ink,7,1.8,,2\n\
                    信息科,paper,40,10.0,,11\n\
                    信息科,toner,2,0.5,,1\n";
    run_on(
        &env,
        "2027-01-01",
        &["quota", "suggest", "--quarter", "2027Q1", "--format", "csv"],
    )
    .success()
    .stdout_is(expected);
    run_on(
        &env,
        "2027-01-01",
        &["quota", "suggest", "--quarter", "2027Q1", "--apply"],
    )
    .success()
    .stdout_is("Applied 5 suggested quotas for 2027Q1 (5 new or changed)\n");
    run_on(
        &env,
        "2027-01-01",
        &["quota", "list", "--quarter", "2027Q1", "--format", "csv"],
    )
    .success()
    .stdout_is(
        "dept,category,quarter,scope,qty\n\
         内科,paper,2027Q1,only,28\n\
         内科,toner,2027Q1,only,6\n\
         信息科,ink,2027Q1,only,2\n\
         信息科,paper,2027Q1,only,11\n\
         信息科,toner,2027Q1,only,1\n",
    );
    // The standing quota still applies after that quarter.
    run_on(
        &env,
        "2027-01-01",
        &[
            "quota",
            "list",
            "--quarter",
            "2027Q2",
            "--dept",
            "内科",
            "--format",
            "csv",
        ],
    )
    .success()
    .stdout_is(
        "dept,category,quarter,scope,qty\n内科,paper,2026Q1,from,40\n内科,toner,2026Q3,from,5\n",
    );
    run_on(
        &env,
        "2027-01-01",
        &["quota", "suggest", "--quarter", "2030Q1", "--apply"],
    )
    .error(&["--apply", "nothing was issued"]);
    // A headroom of 0 proposes the plain average.
    let cfg = env.write("c.toml", "[consumable]\nquota_headroom_percent = 0\n");
    env.run(&[
        "--config",
        cfg.to_str().unwrap(),
        "--as-of",
        "2027-01-01",
        "consumable",
        "quota",
        "suggest",
        "--quarter",
        "2027Q1",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("内科,toner,20,5.0,6,5\n");
}

#[test]
fn findings_for_stock_below_reorder_level_and_use_over_quota() {
    let env = toner_quota_scenario();
    run_on(&env, "2026-10-05", &["check"])
        .success()
        .stdout_is("CONSUMABLE OK - no findings\n");
    on(
        &env,
        "2026-10-05",
        &[
            "issue",
            "TON-88A",
            "19",
            "--dept",
            "内科",
            "--over-quota",
            "--reason",
            "stocking a new ward",
        ],
    );
    on(
        &env,
        "2026-10-05",
        &["item", "set", "PAP-A4", "--reorder-level", "5"],
    );
    run_on(&env, "2026-10-06", &["check", "--format", "csv"])
        .code(2)
        .stdout_is(
            "severity,area,subject,message,requirement\n\
             CRITICAL,consumable,PAP-A4 A4 复印纸,\"0 ream on hand, below the reorder level of 5; buy more (see `infogov consumable plan`)\",CON-6\n\
             WARNING,consumable,内科 toner,\"used 19 in 2026Q4, over its quota of 4 (475.0%)\",CON-5\n\
             WARNING,consumable,TON-88A HP 88A 硒鼓,\"1 box on hand, below the reorder level of 2; buy more (see `infogov consumable plan`)\",CON-6\n",
        );
    run_on(&env, "2026-10-06", &["stock", "--below", "--format", "csv"])
        .success()
        .stdout_is(
            "sku,name,category,unit,on_hand,reorder_level,below,unit_cost,value\n\
             PAP-A4,A4 复印纸,paper,ream,0,5,yes,,\n\
             TON-88A,HP 88A 硒鼓,toner,box,1,2,yes,450.00,450.00\n\
             TOTAL,,,,,,,,450.00\n",
        );
    // Over quota is about this quarter only.
    run_on(&env, "2027-01-02", &["check", "--nagios"])
        .code(2)
        .stdout_has("CONSUMABLE CRITICAL - 1 critical, 1 warning");
    // The regime-wide check has the area.
    env.run(&[
        "--as-of",
        "2026-10-06",
        "audit",
        "check",
        "--only",
        "consumable",
        "--format",
        "csv",
    ])
    .code(2)
    .stdout_has("WARNING,consumable,内科 toner");
    env.run(&["audit", "check", "--only", "org"]).success();
}

#[test]
fn chinese_headers() {
    let env = with_items();
    env.run(&["--lang", "zh", "consumable", "stock"])
        .success()
        .stdout_has("物品编码")
        .stdout_has("最低库存");
}

#[test]
fn the_plan_is_filed_for_approval_and_its_absence_is_a_finding() {
    let env = worked_example();
    // Two weeks into 2027Q1 (not on the 14th, from the 15th) without an
    // approved plan: CON-2.
    let out = run_on(&env, "2027-01-14", &["check", "--format", "csv"]).stdout;
    assert!(!out.contains("CON-2"), "{out}");
    run_on(&env, "2027-01-15", &["check", "--format", "csv"])
        .code(1)
        .stdout_has("WARNING,consumable,2027Q1 plan,\"no approved consumables purchase plan (耗材采购季度计划) for 2027Q1, two weeks after it began; file one with `infogov consumable plan --quarter 2027Q1 --submit`\",CON-2");
    // Only the office drafts the plan.
    env.run(&[
        "--as-of",
        "2027-01-02",
        "--actor",
        "王伟",
        "consumable",
        "plan",
        "--quarter",
        "2027Q1",
        "--submit",
    ])
    .error(&["--actor", "王伟 is staff", "drafted by the office"]);
    env.run(&[
        "--as-of",
        "2027-01-02",
        "--actor",
        "李娜",
        "consumable",
        "plan",
        "--quarter",
        "2027Q1",
        "--submit",
    ])
    .success()
    .stdout_has("TOTAL")
    .stdout_has("Filed the plan for 2027Q1 as request 1 and submitted it for approval");
    let form = env
        .run(&["request", "show", "1", "--format", "json"])
        .success()
        .stdout;
    assert!(form.contains("2027Q1 耗材采购季度计划"), "{form}");
    assert!(form.contains("A4 复印纸 (PAP-A4, paper)"), "{form}");
    assert!(
        !form.contains("TON-12A"),
        "an item with nothing to buy is not a line: {form}"
    );
    // One plan per quarter in the workflow.
    env.run(&[
        "--as-of",
        "2027-01-03",
        "--actor",
        "李娜",
        "consumable",
        "plan",
        "--quarter",
        "2027Q1",
        "--submit",
    ])
    .error(&["--submit", "already request 1 (submitted)"]);
    // Approved: the finding is gone.
    env.ok(&[
        "--as-of",
        "2027-01-04",
        "--actor",
        "张院长",
        "request",
        "approve",
        "1",
    ]);
    let out = run_on(&env, "2027-01-16", &["check", "--format", "csv"]).stdout;
    assert!(!out.contains("CON-2"), "{out}");
    // A plan that buys nothing files nothing.
    let empty = Env::with_org();
    empty
        .run(&[
            "--actor",
            "李娜",
            "consumable",
            "plan",
            "--quarter",
            "2027Q1",
            "--submit",
        ])
        .error(&["--submit", "the plan for 2027Q1 buys nothing"]);
}

#[test]
fn a_check_on_a_past_day_counts_what_was_issued_and_approved_by_then() {
    let env = with_items();
    on(
        &env,
        "2026-10-01",
        &["receive", "TON-88A", "10", "--unit-cost", "100"],
    );
    on(
        &env,
        "2026-10-01",
        &[
            "quota",
            "set",
            "--dept",
            "内科",
            "--category",
            "toner",
            "--from-quarter",
            "2026Q4",
            "--qty",
            "5",
        ],
    );
    on(
        &env,
        "2026-10-10",
        &["issue", "TON-88A", "3", "--dept", "内科"],
    );
    on(
        &env,
        "2026-11-20",
        &[
            "issue",
            "TON-88A",
            "3",
            "--dept",
            "内科",
            "--over-quota",
            "--reason",
            "x",
        ],
    );
    let mid = run_on(&env, "2026-10-12", &["check", "--format", "csv"]).stdout;
    assert!(
        !mid.contains("CON-5"),
        "only 3 of 5 used by 12 October: {mid}"
    );
    run_on(&env, "2026-11-21", &["check", "--format", "csv"])
        .stdout_has("used 6 in 2026Q4, over its quota of 5");
}

#[test]
fn a_quarter_with_nothing_to_buy_needs_no_plan() {
    // Stock covers every need: CON-2 does not ask for a plan that
    // `plan --submit` would refuse as empty.
    let env = Env::with_org();
    on(
        &env,
        "2026-10-01",
        &[
            "item",
            "add",
            "PAP",
            "--name",
            "纸",
            "--category",
            "paper",
            "--unit",
            "ream",
        ],
    );
    on(&env, "2026-10-01", &["receive", "PAP", "100"]);
    let out = run_on(&env, "2026-10-20", &["check", "--format", "csv"]).stdout;
    assert!(!out.contains("CON-2"), "{out}");
}

#[test]
fn malformed_numbers_and_quarters_name_the_field() {
    let env = with_items();
    run_on(
        &env,
        "2026-10-05",
        &["adjust", "TON-88A", "+-1", "--reason", "typo"],
    )
    .error(&["QTY", "\"+-1\" is not a correction"]);
    run_on(
        &env,
        "2026-10-05",
        &[
            "quota",
            "set",
            "--dept",
            "内科",
            "--category",
            "toner",
            "--quarter",
            "+026Q1",
            "--qty",
            "3",
        ],
    )
    .error(&["--quarter", "\"+026Q1\" is not a quarter"]);
    run_on(
        &env,
        "2026-10-05",
        &[
            "receive",
            "TON-88A",
            "2",
            "--unit-cost",
            "50000000000000000",
        ],
    )
    .error(&["--unit-cost", "more than 1000000 yuan a unit"]);
}
