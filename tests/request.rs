//! Requests and approvals: every kind's happy path, every illegal step, role
//! and self-approval refusals, fulfilment creating and moving assets,
//! retirement then disposal, and the findings on requests left waiting.

use crate::support::{Env, Run};

/// Runs as `actor` on `date` (the business date of the step).
fn as_(env: &Env, actor: &str, date: &str, args: &[&str]) -> Run {
    let mut v = vec!["--actor", actor, "--as-of", date];
    v.extend_from_slice(args);
    env.run(&v)
}

fn ok(env: &Env, actor: &str, date: &str, args: &[&str]) -> String {
    as_(env, actor, date, args).success().stdout
}

/// Submits (the requester), reviews (李娜, office) and approves (张院长).
fn approve(env: &Env, requester: &str, id: &str) {
    ok(env, requester, "2026-03-02", &["request", "submit", id]);
    ok(
        env,
        "李娜",
        "2026-03-03",
        &[
            "request",
            "review",
            id,
            "--accept",
            "--comment",
            "符合配置标准",
        ],
    );
    ok(
        env,
        "张院长",
        "2026-03-04",
        &["request", "approve", id, "--comment", "同意"],
    );
}

fn config_change(env: &Env) {
    as_(
        env,
        "王伟",
        "2026-03-01",
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
            "台式机;2;i5/16G/512G;4999",
            "--item",
            "打印机；1",
        ],
    )
    .success()
    .stdout_is(
        "Filed request 1 《信息化配置申请》 门诊电脑更新 as a draft; submit it with `infogov request submit 1`\n",
    );
}

fn register(env: &Env, tag: &str, dept: &str, custodian: Option<&str>) {
    let mut v = vec![
        "--as-of",
        "2026-01-10",
        "asset",
        "register",
        "--tag",
        tag,
        "--kind",
        "desktop",
        "--name",
        "旧电脑",
        "--dept",
        dept,
    ];
    if let Some(c) = custodian {
        v.extend_from_slice(&["--custodian", c]);
    }
    env.ok(&v);
}

#[test]
fn a_config_change_is_approved_and_fulfilled_by_registering_what_was_bought() {
    let env = Env::with_org();
    config_change(&env);
    as_(&env, "王伟", "2026-03-02", &["request", "submit", "1"])
        .success()
        .stdout_is("Request 1 is submitted; next: review --accept or review --reject (the office); withdraw (the requester)\n");
    as_(
        &env,
        "李娜",
        "2026-03-03",
        &[
            "request",
            "review",
            "1",
            "--accept",
            "--comment",
            "符合配置标准",
        ],
    )
    .success()
    .stdout_is(
        "Request 1 is reviewed; next: approve or reject (an approver); withdraw (the requester)\n",
    );
    as_(&env, "张院长", "2026-03-04", &["request", "approve", "1"])
        .success()
        .stdout_is("Request 1 is approved; next: fulfil (the office)\n");
    // The purchase file: the asset-import format; a row with no dept goes to
    // the applying department, and a blank line keeps the line numbers.
    env.write(
        "bought.csv",
        "kind,name,model,serial,custodian,price\n\
         desktop,联想启天M437,M437,SN1,王伟,4999\n\
         \n\
         desktop,联想启天M437,M437,SN2,,4999\n",
    );
    as_(
        &env,
        "李娜",
        "2026-03-20",
        &["request", "fulfil", "1", "--register", "bought.csv"],
    )
    .success()
    .stdout_is("Request 1 is fulfilled; registered IT-2026-0001, IT-2026-0002 linked to it\n");

    // Each new asset records the request that brought it (REQ-5).
    let a = env
        .run(&["asset", "show", "IT-2026-0002", "--format", "json"])
        .success()
        .json();
    assert_eq!(a[0]["request"], 1);
    assert_eq!(a[0]["dept"], "内科");
    assert_eq!(a[0]["registered"], "2026-03-20");

    env.run(&["request", "list", "--format", "csv"])
        .success()
        .stdout_is(
            "id,kind,dept,title,requester,status,since,next\n\
             1,config-change,内科,门诊电脑更新,王伟,fulfilled,2026-03-20,nothing (final)\n",
        );
    // Every step with who, in which role, when and why (REQ-6).
    let show = env
        .run(&["request", "show", "1", "--format", "json"])
        .success()
        .json();
    assert_eq!(
        show["request"]["form"],
        "《信息化配置申请》 Configuration application"
    );
    assert_eq!(show["request"]["estimate"], 9998.0);
    assert_eq!(show["lines"][1]["description"], "打印机");
    assert_eq!(show["lines"][1]["quantity"], 1);
    let steps: Vec<String> = show["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{} {} {} {} {}",
                s["at"].as_str().unwrap(),
                s["action"].as_str().unwrap(),
                s["by"].as_str().unwrap(),
                s["role"].as_str().unwrap(),
                s["comment"].as_str().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            "2026-03-01T23:59:59Z file 王伟@内科 staff -",
            "2026-03-02T23:59:59Z submit 王伟@内科 staff -",
            "2026-03-03T23:59:59Z review-accept 李娜@信息科 office 符合配置标准",
            "2026-03-04T23:59:59Z approve 张院长@信息科 approver -",
            "2026-03-20T23:59:59Z fulfil 李娜@信息科 office -",
        ]
    );
    assert_eq!(show["assets"][0]["link"], "registered");
    // The table form has the three parts.
    env.run(&["request", "show", "1"])
        .success()
        .stdout_has("Lines")
        .stdout_has("Assets")
        .stdout_has("Steps")
        .stdout_has("张院长@信息科");
    // Every write went through the audit trail.
    env.run(&["audit", "verify"]).success();
}

#[test]
fn the_form_exports_for_printing() {
    let env = Env::with_org();
    config_change(&env);
    approve(&env, "王伟", "1");
    env.run(&["request", "export", "1", "--format", "csv"])
        .success()
        .stdout_is(
            "《信息化配置申请》,Configuration application\n\
             \n\
             Id,1\n\
             Kind,config-change\n\
             Dept,内科\n\
             Title,门诊电脑更新\n\
             Purpose,门诊挂号\n\
             Software,\n\
             Budget,\n\
             Estimate,9998.00\n\
             Requester,王伟\n\
             Filed at,2026-03-01T23:59:59Z\n\
             Status,approved\n\
             \n\
             Line,Description,Quantity,Standard,Unit price,Estimate\n\
             1,台式机,2,i5/16G/512G,4999.00,9998.00\n\
             2,打印机,1,,,\n\
             Total,,3,,,9998.00\n\
             \n\
             At,Action,By,Role,Status,Comment\n\
             2026-03-01T23:59:59Z,file,王伟@内科,staff,draft,\n\
             2026-03-02T23:59:59Z,submit,王伟@内科,staff,submitted,\n\
             2026-03-03T23:59:59Z,review-accept,李娜@信息科,office,reviewed,符合配置标准\n\
             2026-03-04T23:59:59Z,approve,张院长@信息科,approver,approved,同意\n",
        );
    // In Chinese, for the paper file; `show --format csv` is the same form.
    env.run(&["request", "export", "1", "--format", "csv", "--lang", "zh"])
        .success()
        .stdout_has("申请人,王伟")
        .stdout_has("状态,已批准")
        .stdout_has("审核通过,李娜@信息科,信息科,已审核,符合配置标准")
        .stdout_has("合计,,3");
    env.run(&["request", "show", "1", "--format", "csv", "--bom"])
        .success()
        .stdout_has("\u{feff}《信息化配置申请》");
    env.run(&["request", "export", "9"])
        .error(&["ID: no request 9"]);
}

#[test]
fn a_config_plan_is_fulfilled_by_reallocating_existing_equipment() {
    let env = Env::with_org();
    register(&env, "OLD-1", "信息科", Some("李娜"));
    register(&env, "OLD-2", "信息科", None);
    ok(
        &env,
        "王伟",
        "2026-03-01",
        &[
            "request",
            "new",
            "--kind",
            "config-plan",
            "--dept",
            "内科",
            "--title",
            "2026年配置需求",
            "--purpose",
            "病历录入",
            "--software",
            "HIS",
            "--item",
            "台式机;2;i5",
        ],
    );
    approve(&env, "王伟", "1");
    // A fulfilment must bring assets, so that they record the request (REQ-5).
    as_(&env, "李娜", "2026-03-10", &["request", "fulfil", "1"]).error(&[
        "--register",
        "--reallocate",
        "REQ-5",
    ]);
    // OLD-1 is held by someone of another department: name its new custodian.
    as_(
        &env,
        "李娜",
        "2026-03-10",
        &[
            "request",
            "fulfil",
            "1",
            "--reallocate",
            "OLD-1",
            "--reallocate",
            "OLD-2",
        ],
    )
    .error(&["--custodian", "OLD-1 is held by 李娜 of 信息科", "内科"]);
    as_(
        &env,
        "李娜",
        "2026-03-10",
        &[
            "request",
            "fulfil",
            "1",
            "--reallocate",
            "OLD-1",
            "--custodian",
            "李娜",
        ],
    )
    .error(&["--custodian", "李娜 is in 信息科, not 内科"]);
    // Nothing was half done.
    assert_eq!(env.sql("SELECT count(*) FROM asset_transfer;").trim(), "0");
    as_(
        &env,
        "李娜",
        "2026-03-10",
        &[
            "request",
            "fulfil",
            "1",
            "--reallocate",
            "OLD-1",
            "--reallocate",
            "OLD-2",
            "--custodian",
            "王伟",
            "--format",
            "csv",
        ],
    )
    .success()
    .stdout_is(
        "tag,name,link,dept,custodian,status\n\
         OLD-1,旧电脑,reallocate,内科,王伟,in-use\n\
         OLD-2,旧电脑,reallocate,内科,王伟,in-use\n",
    );
    let h = env.ok(&["asset", "history", "OLD-1", "--format", "csv"]);
    assert!(
        h.contains("2026-03-10,transfer,dept 信息科 -> 内科; custodian 李娜 -> 王伟; reason: 调剂 (reallocated) by request 1: 2026年配置需求,李娜"),
        "{h}"
    );
}

#[test]
fn a_fulfilment_brings_no_more_than_was_approved_and_is_all_or_nothing() {
    let env = Env::with_org();
    config_change(&env);
    approve(&env, "王伟", "1");
    env.write(
        "four.csv",
        "kind,name\ndesktop,A\ndesktop,B\ndesktop,C\ndesktop,D\n",
    );
    as_(
        &env,
        "李娜",
        "2026-03-10",
        &["request", "fulfil", "1", "--register", "four.csv"],
    )
    .error(&["approved for 3 items in all", "would bring 4 assets"]);
    env.write("bad.csv", "kind,name\ndesktop,A\ndeskop,B\n");
    let run = env.run(&[
        "--actor",
        "李娜",
        "request",
        "fulfil",
        "1",
        "--register",
        "bad.csv",
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("bad.csv: line 3, column kind: \"deskop\""),
        "{}",
        run.stderr
    );
    env.run(&[
        "--actor",
        "李娜",
        "request",
        "fulfil",
        "1",
        "--register",
        "nope.csv",
    ])
    .error(&["--register: cannot open nope.csv"]);
    assert_eq!(env.sql("SELECT count(*) FROM asset;").trim(), "0");
    assert_eq!(
        env.sql("SELECT status FROM request WHERE id = 1;").trim(),
        "approved"
    );
}

#[test]
fn a_retirement_retires_its_assets_and_only_then_may_they_be_disposed_of() {
    let env = Env::with_org();
    register(&env, "OLD-1", "内科", Some("王伟"));
    register(&env, "OLD-2", "内科", None);
    register(&env, "IT-1", "信息科", None);
    // A department applies to retire its own assets.
    as_(
        &env,
        "王伟",
        "2026-03-01",
        &[
            "request",
            "new",
            "--kind",
            "retirement",
            "--dept",
            "内科",
            "--title",
            "报废",
            "--purpose",
            "主板损坏",
            "--asset",
            "IT-1",
        ],
    )
    .error(&["--asset", "IT-1 belongs to 信息科, not 内科", "AST-6"]);
    ok(
        &env,
        "王伟",
        "2026-03-01",
        &[
            "request",
            "new",
            "--kind",
            "retirement",
            "--dept",
            "内科",
            "--title",
            "旧电脑报废",
            "--purpose",
            "超过使用年限，主板损坏",
            "--asset",
            "OLD-1",
            "--asset",
            "OLD-2",
        ],
    );
    // One retirement request per asset at a time.
    as_(
        &env,
        "王伟",
        "2026-03-01",
        &[
            "request",
            "new",
            "--kind",
            "retirement",
            "--dept",
            "内科",
            "--title",
            "again",
            "--purpose",
            "x",
            "--asset",
            "OLD-1",
        ],
    )
    .error(&[
        "--asset",
        "OLD-1 is already named by retirement request 1 (draft)",
    ]);
    approve(&env, "王伟", "1");
    // Not yet fulfilled: not yet retired, so not to be disposed of.
    as_(
        &env,
        "李娜",
        "2026-03-05",
        &[
            "asset", "dispose", "OLD-1", "--method", "scrap", "--note", "x",
        ],
    )
    .error(&[
        "OLD-1 is in-use",
        "approved, fulfilled retirement request",
        "AST-6",
    ]);
    as_(
        &env,
        "李娜",
        "2026-03-05",
        &["request", "fulfil", "1", "--register", "x.csv"],
    )
    .error(&["--register: a retirement request registers no assets"]);
    as_(&env, "李娜", "2026-03-05", &["request", "fulfil", "1"])
        .success()
        .stdout_is("Request 1 is fulfilled; retired OLD-1, OLD-2: record their disposal with `infogov asset dispose TAG --method ... --note ...`\n");
    env.run(&["asset", "list", "--status", "retired", "--format", "csv"])
        .success()
        .stdout_has("OLD-1")
        .stdout_has("OLD-2");
    // Retired is final for everything but disposal.
    env.run(&["asset", "status", "OLD-1", "in-use", "--reason", "x"])
        .error(&["OLD-1 is retired"]);

    // The office disposes; staff may not.
    as_(
        &env,
        "王伟",
        "2026-03-06",
        &[
            "asset", "dispose", "OLD-1", "--method", "scrap", "--note", "x",
        ],
    )
    .error(&["--actor: 王伟 is staff", "the office disposes"]);
    as_(
        &env,
        "李娜",
        "2026-03-04",
        &[
            "asset", "dispose", "OLD-1", "--method", "scrap", "--note", "x",
        ],
    )
    .error(&["--date: 2026-03-04 is before OLD-1 was retired (2026-03-05)"]);
    as_(
        &env,
        "李娜",
        "2026-03-06",
        &[
            "asset",
            "dispose",
            "OLD-1",
            "--method",
            "recycle",
            "--note",
            "交回收公司，回收单 R-17",
        ],
    )
    .success()
    .stdout_is("Disposed of OLD-1 (recycle), retired by request 1\n");
    as_(
        &env,
        "李娜",
        "2026-03-07",
        &[
            "asset", "dispose", "OLD-1", "--method", "scrap", "--note", "x",
        ],
    )
    .error(&["OLD-1 is already disposed of"]);
    env.run(&[
        "asset", "dispose", "OLD-2", "--method", "burn", "--note", "x",
    ])
    .code(2);
    let h = env.ok(&["asset", "history", "OLD-1", "--format", "csv"]);
    assert!(
        h.contains(
            "2026-03-05,status,in-use -> retired; reason: retired by request 1: 旧电脑报废,李娜"
        ),
        "{h}"
    );
    assert!(
        h.contains("2026-03-06,status,retired -> disposed; reason: disposed of (recycle): 交回收公司，回收单 R-17; retirement request 1,李娜"),
        "{h}"
    );
    assert_eq!(
        env.sql("SELECT method || '|' || request_id || '|' || date FROM asset_disposal;")
            .trim(),
        "recycle|1|2026-03-06"
    );
    env.run(&["audit", "verify"]).success();
}

#[test]
fn disposal_without_an_approved_retirement_is_refused() {
    let env = Env::with_org();
    register(&env, "A1", "内科", None);
    as_(
        &env,
        "李娜",
        "2026-03-01",
        &[
            "asset", "dispose", "A1", "--method", "scrap", "--note", "坏了",
        ],
    )
    .error(&["TAG: A1 is in-use", "AST-6"]);
    // Retired behind the tool's back: still no approved retirement.
    env.sql("UPDATE asset SET status = 'retired' WHERE tag = 'A1';");
    as_(
        &env,
        "李娜",
        "2026-03-01",
        &[
            "asset", "dispose", "A1", "--method", "scrap", "--note", "坏了",
        ],
    )
    .error(&[
        "A1 is retired, but not by a fulfilled retirement request",
        "AST-6",
    ]);
    // A rejected retirement retires nothing either.
    register(&env, "A2", "内科", None);
    ok(
        &env,
        "王伟",
        "2026-03-01",
        &[
            "request",
            "new",
            "--kind",
            "retirement",
            "--dept",
            "内科",
            "--title",
            "t",
            "--purpose",
            "p",
            "--asset",
            "A2",
            "--submit",
        ],
    );
    ok(
        &env,
        "李娜",
        "2026-03-02",
        &["request", "review", "1", "--reject", "--comment", "还能用"],
    );
    as_(
        &env,
        "李娜",
        "2026-03-03",
        &["asset", "dispose", "A2", "--method", "scrap", "--note", "x"],
    )
    .error(&["A2 is in-use"]);
    assert_eq!(env.sql("SELECT count(*) FROM asset_disposal;").trim(), "0");
}

#[test]
fn a_project_and_the_consumables_plan() {
    let env = Env::with_org();
    // A project states its description and budget (REQ-4).
    as_(
        &env,
        "王伟",
        "2026-03-01",
        &[
            "request",
            "new",
            "--kind",
            "project",
            "--dept",
            "内科",
            "--title",
            "电子病历",
            "--purpose",
            "病历无纸化",
        ],
    )
    .error(&["--budget", "REQ-4"]);
    ok(
        &env,
        "王伟",
        "2026-03-01",
        &[
            "request",
            "new",
            "--kind",
            "project",
            "--dept",
            "内科",
            "--title",
            "电子病历",
            "--purpose",
            "病历无纸化",
            "--budget",
            "300000",
        ],
    );
    approve(&env, "王伟", "1");
    as_(
        &env,
        "李娜",
        "2026-03-05",
        &["request", "fulfil", "1", "--reallocate", "X"],
    )
    .error(&["--reallocate: a project request reallocates no assets"]);
    as_(
        &env,
        "李娜",
        "2026-03-05",
        &["request", "fulfil", "1", "--comment", "已立项实施"],
    )
    .success()
    .stdout_is("Request 1 is fulfilled\n");
    let show = env
        .run(&["request", "show", "1", "--format", "json"])
        .success()
        .json();
    assert_eq!(show["request"]["budget"], 300000.0);
    assert_eq!(show["steps"][4]["comment"], "已立项实施");

    // The consumables plan is drafted by the office (CON-2) ...
    let plan = [
        "request",
        "new",
        "--kind",
        "consumable-plan",
        "--dept",
        "信息科",
        "--title",
        "2026Q2 耗材采购计划",
        "--item",
        "硒鼓 HP 88A;20;;350",
        "--submit",
    ];
    as_(&env, "王伟", "2026-04-01", &plan).error(&["--actor: 王伟 is staff", "CON-2"]);
    as_(&env, "李娜", "2026-04-01", &plan)
        .success()
        .stdout_is("Filed and submitted request 2 《耗材采购季度计划》 2026Q2 耗材采购计划; next: approve or reject (an approver); withdraw (the requester)\n");
    // ... so it goes straight to approval: no office reviewing its own plan.
    as_(
        &env,
        "李娜",
        "2026-04-02",
        &["request", "review", "2", "--accept"],
    )
    .error(&[
        "it is submitted",
        "allowed: approve or reject (an approver)",
    ]);
    ok(&env, "张院长", "2026-04-02", &["request", "approve", "2"]);
    ok(&env, "李娜", "2026-04-10", &["request", "fulfil", "2"]);
    env.run(&["request", "list", "--kind", "consumable-plan", "--format", "csv"])
        .success()
        .stdout_is(
            "id,kind,dept,title,requester,status,since,next\n\
             2,consumable-plan,信息科,2026Q2 耗材采购计划,李娜,fulfilled,2026-04-10,nothing (final)\n",
        );
}

#[test]
fn every_illegal_step_names_the_state_and_what_may_follow() {
    let env = Env::with_org();
    config_change(&env);
    let step = |actor: &str, args: &[&str]| as_(&env, actor, "2026-03-05", args);
    step("张院长", &["request", "approve", "1"]).error(&[
        "ID: request 1: it is draft, and `approve` is not allowed from draft; allowed: submit or withdraw (the requester)",
    ]);
    step("李娜", &["request", "review", "1", "--accept"])
        .error(&["it is draft", "`review --accept` is not allowed"]);
    step("李娜", &["request", "fulfil", "1"]).error(&["it is draft", "`fulfil`"]);
    step("王伟", &["request", "submit", "1"]).success();
    step("王伟", &["request", "submit", "1"]).error(&[
        "it is submitted, and `submit` is not allowed from submitted; allowed: review --accept or review --reject (the office); withdraw (the requester)",
    ]);
    // Rejection at approval is not rejection at review.
    step("张院长", &["request", "reject", "1", "--comment", "no"])
        .error(&["it is submitted", "`reject` is not allowed"]);
    step("张院长", &["request", "approve", "1"]).error(&["it is submitted", "`approve`"]);
    // A rejection says why.
    step("李娜", &["request", "review", "1", "--reject"])
        .error(&["--comment: a rejection states why"]);
    step("李娜", &["request", "review", "1", "--accept"]).success();
    step("李娜", &["request", "review", "1", "--accept"]).error(&[
        "it is reviewed, and `review --accept` is not allowed from reviewed; allowed: approve or reject (an approver); withdraw (the requester)",
    ]);
    step("李娜", &["request", "fulfil", "1"]).error(&["it is reviewed", "`fulfil`"]);
    step("张院长", &["request", "approve", "1"]).success();
    step("王伟", &["request", "withdraw", "1"]).error(&[
        "it is approved, and `withdraw` is not allowed from approved; allowed: fulfil (the office)",
    ]);
    step("张院长", &["request", "reject", "1", "--comment", "x"])
        .error(&["it is approved", "`reject`"]);
    // Review takes exactly one verdict (a usage error).
    env.run(&["request", "review", "1"]).code(2);
    env.run(&["request", "review", "1", "--accept", "--reject"])
        .code(2);
    step("王伟", &["request", "submit", "99"]).error(&["ID: no request 99"]);

    // Final states: nothing follows.
    ok(
        &env,
        "王伟",
        "2026-03-05",
        &[
            "request",
            "new",
            "--kind",
            "config-change",
            "--dept",
            "内科",
            "--title",
            "t",
            "--item",
            "x;1",
        ],
    );
    step(
        "王伟",
        &["request", "withdraw", "2", "--comment", "不需要了"],
    )
    .success()
    .stdout_is("Request 2 is withdrawn\n");
    step("王伟", &["request", "submit", "2"]).error(&[
        "request 2: it is withdrawn, a final state: no `submit` or any other step may follow",
    ]);
    ok(
        &env,
        "王伟",
        "2026-03-05",
        &[
            "request",
            "new",
            "--kind",
            "config-change",
            "--dept",
            "内科",
            "--title",
            "t",
            "--item",
            "x;1",
            "--submit",
        ],
    );
    step("李娜", &["request", "review", "3", "--accept"]).success();
    step(
        "张院长",
        &["request", "reject", "3", "--comment", "预算不足"],
    )
    .success()
    .stdout_is("Request 3 is rejected\n");
    step("张院长", &["request", "approve", "3"]).error(&["it is rejected, a final state"]);
    step("王伟", &["request", "withdraw", "3"]).error(&["it is rejected, a final state"]);
    // Steps are recorded in order: no step dated before the last one.
    ok(
        &env,
        "王伟",
        "2026-03-05",
        &[
            "request",
            "new",
            "--kind",
            "config-change",
            "--dept",
            "内科",
            "--title",
            "t",
            "--item",
            "x;1",
        ],
    );
    as_(&env, "王伟", "2026-03-01", &["request", "submit", "4"])
        .error(&["--as-of", "before the day of the request's last step"]);
    // Nothing refused was recorded.
    assert_eq!(
        env.sql("SELECT count(*) FROM request_step WHERE request_id = 1;")
            .trim(),
        "4"
    );
}

#[test]
fn roles_and_self_approval_are_enforced() {
    let env = Env::with_org();
    env.ok(&[
        "person",
        "add",
        "赵敏",
        "--dept",
        "信息科",
        "--role",
        "office",
    ]);
    env.ok(&[
        "person",
        "add",
        "刘书记",
        "--dept",
        "信息科",
        "--role",
        "approver",
    ]);
    config_change(&env);
    // Only the requester submits or withdraws.
    as_(&env, "李娜", "2026-03-02", &["request", "submit", "1"]).error(&[
        "--actor: 李娜 is not the requester of request 1 (王伟); only the requester may submit it",
    ]);
    as_(&env, "李娜", "2026-03-02", &["request", "withdraw", "1"])
        .error(&["not the requester", "withdraw"]);
    ok(&env, "王伟", "2026-03-02", &["request", "submit", "1"]);
    // Review is the office's; approval an approver's.
    as_(
        &env,
        "王伟",
        "2026-03-03",
        &["request", "review", "1", "--accept"],
    )
    .error(&["--actor: 王伟 is staff; `review --accept` needs the office role"]);
    as_(
        &env,
        "张院长",
        "2026-03-03",
        &["request", "review", "1", "--accept"],
    )
    .error(&["张院长 is approver", "needs the office role"]);
    ok(
        &env,
        "李娜",
        "2026-03-03",
        &["request", "review", "1", "--accept"],
    );
    as_(&env, "李娜", "2026-03-04", &["request", "approve", "1"])
        .error(&["--actor: 李娜 is office; `approve` needs the approver role"]);
    as_(
        &env,
        "王伟",
        "2026-03-04",
        &["request", "reject", "1", "--comment", "x"],
    )
    .error(&["王伟 is staff", "needs the approver role"]);
    ok(&env, "张院长", "2026-03-04", &["request", "approve", "1"]);
    as_(&env, "张院长", "2026-03-05", &["request", "fulfil", "1"])
        .error(&["张院长 is approver", "`fulfil` needs the office role"]);

    // Nobody reviews or approves their own request (REQ-6) ...
    let mine = |actor: &str| {
        ok(
            &env,
            actor,
            "2026-03-05",
            &[
                "request",
                "new",
                "--kind",
                "config-change",
                "--dept",
                "信息科",
                "--title",
                "机房交换机",
                "--item",
                "交换机;1",
                "--submit",
            ],
        )
    };
    mine("李娜");
    as_(&env, "李娜", "2026-03-06", &["request", "review", "2", "--accept"]).error(&[
        "--actor: 李娜 filed request 2 and may not review --accept it; nobody reviews or approves their own request (REQ-6)",
    ]);
    as_(
        &env,
        "李娜",
        "2026-03-06",
        &["request", "review", "2", "--reject", "--comment", "x"],
    )
    .error(&["REQ-6"]);
    ok(
        &env,
        "赵敏",
        "2026-03-06",
        &["request", "review", "2", "--accept"],
    );
    mine("张院长");
    ok(
        &env,
        "李娜",
        "2026-03-06",
        &["request", "review", "3", "--accept"],
    );
    as_(&env, "张院长", "2026-03-07", &["request", "approve", "3"])
        .error(&["张院长 filed request 3 and may not approve it", "REQ-6"]);
    as_(
        &env,
        "张院长",
        "2026-03-07",
        &["request", "reject", "3", "--comment", "x"],
    )
    .error(&["REQ-6"]);
    ok(&env, "刘书记", "2026-03-07", &["request", "approve", "3"]);
    // ... but the office fulfils what others decided, even its own request.
    ok(&env, "张院长", "2026-03-07", &["request", "approve", "2"]);
    env.write("sw.csv", "kind,name\nswitch,华为 S5735\n");
    ok(
        &env,
        "李娜",
        "2026-03-08",
        &["request", "fulfil", "2", "--register", "sw.csv"],
    );

    // The actor must be a registered person.
    env.run(&["request", "approve", "3"])
        .error(&["--actor: no person \"tester\""]);
    env.run(&["--actor", "无名氏", "request", "new", "--kind", "project"])
        .error(&["--dept: is required"]);
    env.run(&[
        "--actor",
        "无名氏",
        "request",
        "new",
        "--kind",
        "project",
        "--dept",
        "内科",
        "--title",
        "t",
        "--purpose",
        "p",
        "--budget",
        "1",
    ])
    .error(&["--actor: no person \"无名氏\""]);
    // NAME@DEPT works as an actor.
    ok(
        &env,
        "李娜@信息科",
        "2026-03-09",
        &["request", "fulfil", "3", "--register", "sw.csv"],
    );
}

#[test]
fn new_requests_are_checked_before_anything_is_filed() {
    let env = Env::with_org();
    register(&env, "A1", "内科", None);
    let new = |args: &[&str]| {
        let mut v = vec!["--no-input", "request", "new"];
        v.extend_from_slice(args);
        as_(&env, "王伟", "2026-03-01", &v)
    };
    new(&["--dept", "内科", "--title", "t"]).error(&["--kind: is required"]);
    new(&["--kind", "config-plan", "--title", "t"]).error(&["--dept: is required"]);
    new(&["--kind", "config-plan", "--dept", "内科"]).error(&["--title: is required"]);
    new(&["--kind", "config-plan", "--dept", "外科", "--title", "t"])
        .error(&["--dept: no department \"外科\""]);
    new(&["--kind", "nonsense"]).code(2);
    let plan = ["--kind", "config-plan", "--dept", "NK", "--title", "t"];
    let with = |extra: &[&str]| {
        let mut v: Vec<&str> = plan.to_vec();
        v.extend_from_slice(extra);
        new(&v)
    };
    with(&["--item", "PC;1"]).error(&[
        "--purpose: a config-plan request states the purpose",
        "REQ-1",
    ]);
    with(&["--purpose", "p"]).error(&["--item: a config-plan request lists what it asks for"]);
    with(&["--purpose", "p", "--item", "PC"]).error(&["--item: \"PC\" has no quantity"]);
    with(&["--purpose", "p", "--item", "PC;two"])
        .error(&["the quantity \"two\" is not a whole number"]);
    with(&["--purpose", "p", "--item", "PC;1;i5;12.345"])
        .error(&["--item: \"12.345\" is not an amount"]);
    with(&["--purpose", "p", "--item", "PC;1", "--asset", "A1"])
        .error(&["--asset: a config-plan request names no assets"]);
    with(&["--purpose", "p", "--item", "PC;1", "--budget", "-3"]).error(&["--budget", "negative"]);
    let retire = [
        "--kind",
        "retirement",
        "--dept",
        "内科",
        "--title",
        "t",
        "--purpose",
        "p",
    ];
    let retire_with = |extra: &[&str]| {
        let mut v: Vec<&str> = retire.to_vec();
        v.extend_from_slice(extra);
        new(&v)
    };
    retire_with(&[]).error(&["--asset: a retirement request names the assets to retire"]);
    retire_with(&["--asset", "NOPE"]).error(&["--asset: no asset \"NOPE\""]);
    retire_with(&["--asset", "A1", "--asset", "A1"]).error(&["--asset: A1 is named twice"]);
    retire_with(&["--asset", "A1", "--item", "x;1"])
        .error(&["--item: a retirement request names assets"]);
    assert_eq!(env.sql("SELECT count(*) FROM request;").trim(), "0");
    // A config-change may name what it replaces; fulfilment reminds of it.
    ok(
        &env,
        "王伟",
        "2026-03-01",
        &[
            "request",
            "new",
            "--kind",
            "config-change",
            "--dept",
            "内科",
            "--title",
            "换新",
            "--item",
            "台式机;1",
            "--asset",
            "A1",
            "--format",
            "json",
        ],
    );
    approve(&env, "王伟", "1");
    env.write("pc.csv", "kind,name\ndesktop,新电脑\n");
    as_(&env, "李娜", "2026-03-05", &["request", "fulfil", "1", "--register", "pc.csv"])
        .success()
        .stdout_is("Request 1 is fulfilled; registered IT-2026-0001 linked to it; A1 named for replacement still in service: reallocate or retire it by request\n");
    env.run(&["request", "show", "1", "--format", "json"])
        .success()
        .stdout_has("\"link\": \"replace\"");
}

#[test]
fn pending_for_lists_what_waits_on_a_person() {
    let env = Env::with_org();
    config_change(&env); // 1: draft of 王伟
    for _ in 0..3 {
        ok(
            &env,
            "王伟",
            "2026-03-01",
            &[
                "request",
                "new",
                "--kind",
                "config-change",
                "--dept",
                "内科",
                "--title",
                "t",
                "--item",
                "x;1",
                "--submit",
            ],
        );
    }
    ok(
        &env,
        "李娜",
        "2026-03-02",
        &["request", "review", "3", "--accept"],
    );
    ok(
        &env,
        "李娜",
        "2026-03-02",
        &["request", "review", "4", "--accept"],
    );
    ok(&env, "张院长", "2026-03-03", &["request", "approve", "4"]);
    let ids = |person: &str| -> String {
        env.run(&[
            "request",
            "list",
            "--pending-for",
            person,
            "--format",
            "json",
        ])
        .success()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].to_string())
        .collect::<Vec<_>>()
        .join(",")
    };
    assert_eq!(ids("王伟"), "1"); // a draft to submit
    assert_eq!(ids("李娜"), "2,4"); // to review, to fulfil
    assert_eq!(ids("张院长"), "3"); // to approve
    env.run(&["request", "list", "--status", "submitted", "--format", "csv"])
        .success()
        .stdout_is(
            "id,kind,dept,title,requester,status,since,next\n\
             2,config-change,内科,t,王伟,submitted,2026-03-01,review --accept or review --reject (the office); withdraw (the requester)\n",
        );
    env.run(&["request", "list", "--dept", "信息科", "--format", "csv"])
        .success()
        .stdout_is("id,kind,dept,title,requester,status,since,next\n");
    env.run(&["request", "list", "--pending-for", "谁"])
        .error(&["--pending-for: no person \"谁\""]);
}

#[test]
fn requests_left_waiting_are_findings() {
    let env = Env::with_org();
    let cfg = env.write("c.toml", "[request]\nstale_days = 10\n");
    let cfg = cfg.to_str().unwrap();
    config_change(&env); // a draft waits on nobody else
    ok(&env, "王伟", "2026-03-02", &["request", "submit", "1"]);
    env.run(&["--config", cfg, "--as-of", "2026-03-12", "request", "check"])
        .success()
        .stdout_is("REQUEST OK - no findings\n");
    env.run(&[
        "--config", cfg, "--as-of", "2026-03-13", "request", "check", "--format", "csv",
    ])
    .code(1)
    .stdout_is(
        "severity,area,subject,message,requirement\n\
         WARNING,request,request 1 门诊电脑更新,\"config-change of 内科 has been submitted for 11 days (since 2026-03-02), waiting for review by the office; the limit is 10 days\",ORG-2\n",
    );
    env.run(&[
        "--config",
        cfg,
        "--as-of",
        "2026-03-13",
        "--lang",
        "zh",
        "request",
        "check",
    ])
    .code(1)
    .stdout_has("《信息化配置申请》（内科）自 2026-03-02 起等待信息科审核已 11 天");
    // The default limit is 14 days; the regime-wide check collects it.
    env.run(&[
        "--as-of",
        "2026-03-16",
        "audit",
        "check",
        "--only",
        "request",
    ])
    .success();
    env.run(&[
        "--as-of",
        "2026-03-17",
        "audit",
        "check",
        "--only",
        "request",
        "--nagios",
    ])
    .code(1)
    .stdout_has("COMPLIANCE WARNING - 1 warning")
    .stdout_has("[request] request 1 门诊电脑更新");
    // Approved but never fulfilled is a finding too.
    ok(
        &env,
        "李娜",
        "2026-03-17",
        &["request", "review", "1", "--accept"],
    );
    ok(&env, "张院长", "2026-03-18", &["request", "approve", "1"]);
    env.run(&[
        "--as-of",
        "2026-04-20",
        "request",
        "check",
        "--format",
        "csv",
    ])
    .code(1)
    .stdout_has(
        "has been approved for 33 days (since 2026-03-18), waiting for fulfilment by the office",
    )
    .stdout_has("REQ-5");
    let bad = env.write("bad.toml", "[request]\nstale_days = 0\n");
    env.run(&["--config", bad.to_str().unwrap(), "request", "list"])
        .error(&["request.stale_days: must be at least 1"]);
}

#[test]
fn a_terminal_is_asked_for_what_a_new_request_lacks() {
    // As asset.rs does: `script` gives a real terminal, keys typed with pauses.
    let env = Env::with_org();
    let keys = r"(sleep 1; printf '\r'; sleep 0.5; printf '\r'; sleep 0.5; printf '机房电脑\r'; sleep 0.5; printf '值班\r'; sleep 0.5; printf 'HIS\r'; sleep 0.5; printf 'PC;2;i5\r'; sleep 0.5; printf '\r'; sleep 1)";
    let out = env
        .shell(&format!(
            "{keys} | script -qfec \"$INFOGOV --actor 王伟 --as-of 2026-03-01 request new\" /dev/null"
        ))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // The first kind (config-plan) and the first department in pinyin order
    // (内科, nei, before 信息科, xin) by Enter.
    let show = env
        .run(&["request", "show", "1", "--format", "json"])
        .success()
        .json();
    assert_eq!(show["request"]["kind"], "config-plan");
    assert_eq!(show["request"]["dept"], "内科");
    assert_eq!(show["request"]["title"], "机房电脑");
    assert_eq!(show["request"]["purpose"], "值班");
    assert_eq!(show["request"]["software"], "HIS");
    assert_eq!(show["lines"][0]["quantity"], 2);
    assert_eq!(show["request"]["status"], "draft");
}

#[test]
fn a_terminal_is_asked_what_a_fulfilment_brings() {
    // Fulfilling on a terminal with neither --register nor --reallocate asks
    // for each asset: here one purchased desktop, then "done".
    let env = Env::with_org();
    config_change(&env);
    approve(&env, "王伟", "1");
    let down = r"\033[B";
    let keys = format!(
        r"(sleep 1; printf '\r'; sleep 0.5; printf '\r'; sleep 0.5; printf '新购台式机\r'; sleep 0.5; printf 'M437\r'; sleep 0.5; printf 'SN-T1\r'; sleep 0.5; printf '4999\r'; sleep 0.5; printf '王伟\r'; sleep 0.5; printf '门诊2层\r'; sleep 0.7; printf '{down}'; sleep 0.3; printf '{down}'; sleep 0.3; printf '\r'; sleep 1)"
    );
    let out = env
        .shell(&format!(
            "{keys} | script -qfec \"$INFOGOV --actor 李娜 --as-of 2026-03-10 request fulfil 1\" /dev/null"
        ))
        .output()
        .unwrap();
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{screen}");
    assert!(
        screen.contains("Request 1 is fulfilled; registered"),
        "{screen}"
    );
    let list = env
        .run(&["asset", "list", "--format", "csv"])
        .success()
        .stdout;
    assert!(
        list.contains(",desktop,新购台式机,M437,内科,王伟,门诊2层,in-use,,4999.00"),
        "{list}"
    );
    let tag = list
        .lines()
        .find(|l| l.contains("新购台式机"))
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_string();
    let show = env
        .run(&["asset", "show", &tag, "--format", "json"])
        .success()
        .json();
    assert_eq!(show[0]["request"], 1, "{show}");
}

#[test]
fn steps_on_the_same_day_follow_each_other_with_or_without_as_of() {
    // A review dated by --as-of (the end of that day) does not block the
    // approval typed later the same day without --as-of.
    let env = Env::with_org();
    config_change(&env);
    ok(&env, "王伟", "2026-11-28", &["request", "submit", "1"]);
    ok(
        &env,
        "李娜",
        "2026-11-28",
        &["request", "review", "1", "--accept"],
    );
    env.run_env(
        &["--actor", "张院长", "request", "approve", "1"],
        &[("INFOGOV_AS_OF", "2026-11-28 09:00")],
    )
    .success();
    // A step on an earlier day than the last one is still out of order.
    let env = Env::with_org();
    config_change(&env);
    ok(&env, "王伟", "2026-03-05", &["request", "submit", "1"]);
    as_(
        &env,
        "李娜",
        "2026-03-04",
        &["request", "review", "1", "--accept"],
    )
    .error(&[
        "--as-of",
        "2026-03-04 is before the day of the request's last step (2026-03-05)",
    ]);
}

#[test]
fn quantities_are_bounded() {
    let env = Env::with_org();
    as_(
        &env,
        "王伟",
        "2026-03-01",
        &[
            "request",
            "new",
            "--kind",
            "config-plan",
            "--dept",
            "内科",
            "--title",
            "t",
            "--purpose",
            "p",
            "--item",
            "a;5000000000000000000",
        ],
    )
    .error(&[
        "--item",
        "the quantity \"5000000000000000000\" is not a whole number from 1 to 1000000",
    ]);
}

#[test]
fn a_check_with_a_past_as_of_sees_requests_as_they_stood() {
    // Submitted 2 March, reviewed 1 May: on 16 April it had waited 45 days
    // for review, whatever has happened since.
    let env = Env::with_org();
    config_change(&env);
    ok(&env, "王伟", "2026-03-02", &["request", "submit", "1"]);
    ok(
        &env,
        "李娜",
        "2026-05-01",
        &["request", "review", "1", "--accept"],
    );
    env.run(&[
        "--as-of",
        "2026-04-16",
        "request",
        "check",
        "--format",
        "csv",
    ])
    .code(1)
    .stdout_has("has been submitted for 45 days");
    // Reviewed the day before: nothing waits too long any more.
    env.run(&[
        "--as-of",
        "2026-05-02",
        "request",
        "check",
        "--format",
        "csv",
    ])
    .success()
    .stdout_is("severity,area,subject,message,requirement\n");
}

#[test]
fn an_asset_named_by_an_open_retirement_is_not_reallocated() {
    let env = Env::with_org();
    register(&env, "OLD-1", "信息科", None);
    // The IT office asks to retire OLD-1 ...
    ok(
        &env,
        "李娜",
        "2026-03-01",
        &[
            "request",
            "new",
            "--kind",
            "retirement",
            "--dept",
            "信息科",
            "--title",
            "报废",
            "--purpose",
            "老化",
            "--asset",
            "OLD-1",
        ],
    );
    // ... while 内科's plan is approved and fulfilled by reallocation.
    ok(
        &env,
        "王伟",
        "2026-03-01",
        &[
            "request",
            "new",
            "--kind",
            "config-plan",
            "--dept",
            "内科",
            "--title",
            "t",
            "--purpose",
            "p",
            "--item",
            "台式机;1;i5",
        ],
    );
    approve(&env, "王伟", "2");
    as_(
        &env,
        "李娜",
        "2026-03-10",
        &[
            "request",
            "fulfil",
            "2",
            "--reallocate",
            "OLD-1",
            "--custodian",
            "王伟",
        ],
    )
    .error(&[
        "--reallocate",
        "OLD-1 is named by retirement request 1 (draft)",
        "settle that first",
    ]);
    assert_eq!(env.sql("SELECT count(*) FROM asset_transfer;").trim(), "0");
}

#[test]
fn a_retirement_does_not_retire_an_asset_that_has_moved_away() {
    let env = Env::with_org();
    register(&env, "OLD-1", "内科", None);
    ok(
        &env,
        "王伟",
        "2026-03-01",
        &[
            "request",
            "new",
            "--kind",
            "retirement",
            "--dept",
            "内科",
            "--title",
            "报废",
            "--purpose",
            "老化",
            "--asset",
            "OLD-1",
        ],
    );
    approve(&env, "王伟", "1");
    ok(
        &env,
        "李娜",
        "2026-03-05",
        &[
            "asset",
            "transfer",
            "OLD-1",
            "--dept",
            "信息科",
            "--reason",
            "借用",
        ],
    );
    as_(&env, "李娜", "2026-03-10", &["request", "fulfil", "1"]).error(&[
        "ID",
        "OLD-1 has moved to 信息科 since request 1 of 内科 asked to retire it",
    ]);
    env.run(&["asset", "show", "OLD-1", "--format", "json"])
        .success()
        .stdout_has("\"status\":\"in-use\"");
}

/// Every kind of request prints as its own form: its title, its rows and
/// the names and dates of who signed, as HTML for A4 and as a workbook.
#[test]
fn each_kind_of_request_prints_as_its_form() {
    let env = Env::with_org();
    env.write("c.toml", "organisation = \"某某市人民医院\"\n");
    env.ok(&[
        "--as-of",
        "2026-01-10",
        "asset",
        "register",
        "--tag",
        "OLD-1",
        "--kind",
        "desktop",
        "--name",
        "旧电脑",
        "--dept",
        "内科",
    ]);
    let new = |args: &[&str]| {
        let mut v = vec![
            "request",
            "new",
            "--dept",
            "内科",
            "--title",
            "表单",
            "--purpose",
        ];
        v.extend_from_slice(args);
        ok(&env, "王伟", "2026-03-01", &v);
    };
    new(&[
        "2026年需求",
        "--kind",
        "config-plan",
        "--software",
        "HIS",
        "--item",
        "台式机;2;i5",
    ]);
    new(&["超过使用年限", "--kind", "retirement", "--asset", "OLD-1"]);
    new(&["病历无纸化", "--kind", "project", "--budget", "300000"]);
    for (id, title, row) in [
        ("1", "《信息化配置需求计划》", "2026年需求"),
        ("2", "《信息设备淘汰报废申请》", "OLD-1"),
        ("3", "《信息化建设项目立项申请》", "¥300000.00"),
    ] {
        approve(&env, "王伟", id);
        let html = env
            .run(&[
                "--config", "c.toml", "--lang", "zh", "request", "export", id, "--format", "html",
            ])
            .success()
            .stdout;
        for part in [
            &format!("<h1>{title}</h1>"),
            "某某市人民医院",
            row,
            "申请人：</b>王伟",
            "审核：</b>李娜<br><span class=\"muted\">2026-03-03",
            "审批：</b>张院长<br><span class=\"muted\">2026-03-04",
        ] {
            assert!(html.contains(part), "{id}: lacks {part:?}\n{html}");
        }
        let file = format!("form{id}.xlsx");
        env.ok(&[
            "--lang", "zh", "request", "export", id, "--format", "xlsx", "-o", &file,
        ]);
        use calamine::{Data, Reader, Xlsx, open_workbook};
        let mut book: Xlsx<_> = open_workbook(env.path(&file)).unwrap();
        let name = book.sheet_names()[0].clone();
        let cells: Vec<String> = book
            .worksheet_range(&name)
            .unwrap()
            .rows()
            .flat_map(|r| r.to_vec())
            .filter(|d| *d != Data::Empty)
            .map(|d| d.to_string())
            .collect();
        for part in [title, "张院长", "李娜"] {
            assert!(cells.iter().any(|c| c == part), "{id}: {part}: {cells:?}");
        }
    }
}
