//! Corrections: amending registration fields and voiding records entered by
//! mistake, in every area, with their history and their effect on checks,
//! stock and the report; and the impossible values a register refuses.

use crate::support::{Env, Run};

fn on(env: &Env, date: &str, args: &[&str]) -> Run {
    let mut v = vec!["--as-of", date];
    v.extend_from_slice(args);
    env.run(&v)
}

fn trail(env: &Env) -> String {
    env.sql("SELECT count(*), max(seq) FROM audit_log;")
}

/// A register with one desktop of 内科, custodian 王伟, in 门诊楼2层.
fn with_pc() -> Env {
    let env = Env::with_org();
    on(
        &env,
        "2026-01-10",
        &[
            "asset",
            "register",
            "--tag",
            "PC-1",
            "--kind",
            "desktop",
            "--name",
            "联想启天",
            "--dept",
            "内科",
            "--custodian",
            "王伟",
            "--location",
            "门诊楼2层",
            "--serial",
            "SN-1",
            "--purchased",
            "2026-01-05",
        ],
    )
    .success();
    env
}

// ---------------------------------------------------------------- amend

#[test]
fn an_asset_edit_is_an_event_of_its_history() {
    let env = with_pc();
    on(
        &env,
        "2026-02-01",
        &[
            "asset",
            "edit",
            "PC-1",
            "--model",
            "M437",
            "--purchased",
            "2026-01-04",
            "--price",
            "4999",
            "--reason",
            "发票核对",
        ],
    )
    .success()
    .stdout_is(
        "Amended PC-1: model - -> M437; purchased 2026-01-05 -> 2026-01-04; price - -> 4999.00\n",
    );
    let h = env.ok(&["asset", "history", "PC-1", "--format", "csv"]);
    assert!(
        h.contains(",2026-02-01,amended,model - -> M437; reason: 发票核对,tester,\n"),
        "{h}"
    );
    assert!(
        h.contains(
            ",2026-02-01,amended,purchased 2026-01-05 -> 2026-01-04; reason: 发票核对,tester,\n"
        ),
        "{h}"
    );
    let show = env
        .run(&["asset", "show", "PC-1", "--format", "json"])
        .success()
        .json();
    assert_eq!(show[0]["model"], "M437");
    assert_eq!(show[0]["purchased"], "2026-01-04");
    // An empty value clears an optional field; a required one cannot be cleared.
    env.ok(&["asset", "edit", "PC-1", "--model", "", "--reason", "不详"]);
    let before = trail(&env);
    env.run(&["asset", "edit", "PC-1", "--name", "", "--reason", "x"])
        .error(&["--name: must not be empty"]);
    env.run(&[
        "asset",
        "edit",
        "PC-1",
        "--purchased",
        "2030-01-01",
        "--reason",
        "x",
    ])
    .error(&["--purchased: 2030-01-01 is after today (2026-11-28)"]);
    env.run(&[
        "asset",
        "edit",
        "PC-1",
        "--network",
        "wifi",
        "--reason",
        "x",
    ])
    .error(&["--network: \"wifi\" is not one of internal, external, none"]);
    env.run(&[
        "asset",
        "edit",
        "PC-1",
        "--name",
        "联想启天",
        "--reason",
        "x",
    ])
    .error(&["the edit changes nothing"]);
    env.run(&["asset", "edit", "PC-1", "--reason", "x"])
        .error(&["nothing to change; give one or more of --kind, --name"]);
    env.run(&["asset", "edit", "PC-1", "--model", "X", "--reason", " "])
        .error(&["--reason: must not be empty"]);
    assert_eq!(trail(&env), before, "a refused edit wrote nothing");
    env.run(&["audit", "verify"]).success();
}

#[test]
fn a_serial_already_registered_is_refused_naming_the_asset() {
    let env = with_pc();
    env.run(&[
        "asset", "register", "--kind", "desktop", "--name", "PC", "--serial", "SN-1",
    ])
    .error(&["--serial: \"SN-1\" is already registered as PC-1"]);
    env.ok(&[
        "asset", "register", "--tag", "PC-2", "--kind", "desktop", "--name", "PC", "--serial",
        "SN-2",
    ]);
    env.run(&["asset", "edit", "PC-2", "--serial", "SN-1", "--reason", "x"])
        .error(&["--serial: \"SN-1\" is already registered as PC-1"]);
    // Its own serial again is no duplicate, just no change.
    env.run(&["asset", "edit", "PC-2", "--serial", "SN-2", "--reason", "x"])
        .error(&["changes nothing"]);
}

#[test]
fn a_disposed_asset_is_not_amended() {
    let env = with_pc();
    let step = |actor: &str, date: &str, args: &[&str]| {
        let mut v = vec!["--actor", actor, "--as-of", date];
        v.extend_from_slice(args);
        env.run(&v).success();
    };
    step(
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
            "PC-1",
        ],
    );
    step("王伟", "2026-03-02", &["request", "submit", "1"]);
    step(
        "李娜",
        "2026-03-03",
        &["request", "review", "1", "--accept", "--comment", "ok"],
    );
    step(
        "张院长",
        "2026-03-04",
        &["request", "approve", "1", "--comment", "同意"],
    );
    step("李娜", "2026-03-05", &["request", "fulfil", "1"]);
    step(
        "李娜",
        "2026-03-06",
        &[
            "asset",
            "dispose",
            "PC-1",
            "--method",
            "scrap",
            "--note",
            "回收站",
        ],
    );
    env.run(&["asset", "edit", "PC-1", "--model", "X", "--reason", "x"])
        .error(&["TAG: PC-1 is disposed; its registration is closed"]);
}

#[test]
fn departments_people_and_systems_are_amended_and_verify_stays_clean() {
    let env = Env::with_org();
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env.run(&[
        "dept",
        "edit",
        "内科",
        "--name",
        "心内科",
        "--code",
        "XNK",
        "--reason",
        "院内更名",
    ])
    .success()
    .stdout_is("Amended 内科: name 内科 -> 心内科; code NK -> XNK\n");
    env.run(&["dept", "list", "--format", "csv"])
        .success()
        .stdout_has("心内科")
        .stdout_lacks("\n内科,");
    env.run(&[
        "person",
        "edit",
        "王伟@心内科",
        "--name",
        "王玮",
        "--reason",
        "错字",
    ])
    .success()
    .stdout_is("Amended 王伟@心内科: name 王伟 -> 王玮\n");
    env.run(&[
        "system",
        "edit",
        "HIS",
        "--owner-dept",
        "心内科",
        "--description",
        "医院信息系统",
        "--reason",
        "归属更正",
    ])
    .success()
    .stdout_is("Amended HIS: owner-dept 信息科 -> 心内科; description - -> 医院信息系统\n");
    env.run(&[
        "dept",
        "edit",
        "心内科",
        "--name",
        "信息科",
        "--reason",
        "x",
    ])
    .error(&["--name: \"信息科\" is already taken by another record"]);
    // A rename keeps the trail whole: verify follows the row to its new name.
    env.run(&["audit", "verify"])
        .success()
        .stdout_is("AUDIT OK - no findings\n");
    let report = env.ok(&["audit", "report", "--format", "csv"]);
    assert!(
        report.contains("corrections,amended,,,5,,SEC-4,\n"),
        "{report}"
    );
    assert!(
        report.contains("corrections,amended,department 心内科,2026-11-28,1,,SEC-4,name 内科 -> 心内科; 院内更名 (by tester)\n"),
        "{report}"
    );
}

// ---------------------------------------------------------------- void

#[test]
fn a_voided_backup_run_stays_listed_and_no_longer_counts() {
    let env = Env::with_org();
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env.ok(&["backup", "policy", "HIS", "--full", "7d"]);
    env.ok(&[
        "backup",
        "record",
        "HIS",
        "--kind",
        "full",
        "--finished",
        "2026-11-27T01:00:00Z",
        "--tool",
        "manual",
    ]);
    env.run(&["backup", "check"]).success();
    env.run(&[
        "backup",
        "void",
        "1",
        "--reason",
        "ran against the test database",
    ])
    .success()
    .stdout_is("Voided backup run 1: ran against the test database\n");
    let runs = env.ok(&["backup", "runs", "--format", "csv"]);
    assert!(
        runs.starts_with("id,system,kind,")
            && runs.contains(",void: ran against the test database (by tester)\n"),
        "{runs}"
    );
    // The check no longer sees a full backup.
    env.run(&["backup", "check"])
        .code(2)
        .stdout_has("no successful full backup");
    env.run(&["backup", "void", "1", "--reason", "again"])
        .error(&["ID: backup run 1 is already void (ran against the test database, by tester)"]);
    env.run(&["backup", "void", "9", "--reason", "x"])
        .error(&["ID: there is no backup run 9"]);
    env.run(&["backup", "void", "M1", "--reason", "x"])
        .error(&["ID: \"M1\" is not an ID"]);
    // Drills: listed with their IDs, voided like runs.
    env.ok(&[
        "backup",
        "drill",
        "HIS",
        "--at",
        "2026-11-20T10:00:00Z",
        "--result",
        "pass",
        "--note",
        "恢复演练",
    ]);
    env.ok(&["backup", "void", "--drill", "1", "--reason", "记录错系统"]);
    env.run(&["backup", "drills", "--format", "csv"])
        .success()
        .stdout_is("id,system,at,result,restored_to,note,void\n1,HIS,2026-11-20T10:00:00Z,pass,,恢复演练,void: 记录错系统 (by tester)\n");
    let report = env.ok(&["audit", "report", "--format", "csv"]);
    assert!(
        report.contains("backups,backed-up,,,0,,BAK-3,\n"),
        "{report}"
    );
    assert!(report.contains("backups,drilled,,,0,,BAK-2,\n"), "{report}");
    assert!(
        report.contains("corrections,voided,,,2,,SEC-4,\n"),
        "{report}"
    );
    assert!(
        report.contains("corrections,voided,backup run 1,"),
        "{report}"
    );
    env.run(&["audit", "verify"]).success();
}

#[test]
fn a_voided_movement_is_reversed_and_stock_follows() {
    let env = Env::with_org();
    env.ok(&[
        "consumable",
        "item",
        "add",
        "TON-88A",
        "--name",
        "硒鼓",
        "--category",
        "toner",
        "--unit",
        "box",
    ]);
    on(
        &env,
        "2026-10-02",
        &[
            "consumable",
            "receive",
            "TON-88A",
            "10",
            "--unit-cost",
            "450",
            "--unplanned",
            "--reason",
            "期初库存",
        ],
    )
    .success();
    on(
        &env,
        "2026-10-03",
        &["consumable", "issue", "TON-88A", "3", "--dept", "内科"],
    )
    .success();
    on(
        &env,
        "2026-10-04",
        &["consumable", "void", "2", "--reason", "发错科室"],
    )
    .success()
    .stdout_is("Voided consumable movement 2: 发错科室; reversed by movement 3 (+3 box of TON-88A; stock on 2026-10-03 now 10)\n");
    let ledger = env.ok(&["consumable", "ledger", "--format", "csv"]);
    assert!(
        ledger.contains("\n2,2026-10-03,issue,TON-88A,硒鼓,toner,box,-3,7,内科,,,450.00,no,,,,void: 发错科室 (by tester)\n"),
        "{ledger}"
    );
    assert!(
        ledger.contains("\n3,2026-10-03,adjust,TON-88A,硒鼓,toner,box,3,10,,,,,no,,,reverses 2: 发错科室,reverses 2: 发错科室 (by tester)\n"),
        "{ledger}"
    );
    env.run(&["consumable", "stock", "--format", "csv"])
        .success()
        .stdout_has("TON-88A,硒鼓,toner,box,10,");
    // The reversal is not voided itself, and a receipt whose stock is gone
    // cannot be voided.
    env.run(&["consumable", "void", "3", "--reason", "x"])
        .error(&["ID: 3 is the reversal of the voided movement 2"]);
    on(
        &env,
        "2026-10-05",
        &["consumable", "issue", "TON-88A", "8", "--dept", "内科"],
    )
    .success();
    env.run(&["consumable", "void", "1", "--reason", "x"])
        .error(&["ID: movement 1 (receive of 10 box of TON-88A) cannot be voided: its reversal takes 10 out of stock on 2026-10-02, and only 2 can leave then"]);
    // The report counts the real issue only; the void is in corrections.
    let report = env.ok(&[
        "--as-of",
        "2026-10-31",
        "audit",
        "report",
        "--format",
        "csv",
    ]);
    assert!(report.contains("consumables,issued,,,8,"), "{report}");
    assert!(
        report.contains("consumables,adjusted,,,0,,CON-4,\n"),
        "{report}"
    );
    env.run(&["audit", "verify"]).success();
}

#[test]
fn voided_maintenance_damage_and_duty_records_no_longer_count() {
    let env = with_pc();
    env.ok(&["duty", "seed"]);
    on(
        &env,
        "2026-11-01",
        &[
            "asset",
            "maintain",
            "PC-1",
            "--kind",
            "upgrade",
            "--specs",
            "i5/32G",
            "--note",
            "加内存",
        ],
    )
    .success();
    on(
        &env,
        "2026-11-02",
        &[
            "asset", "damage", "PC-1", "--cause", "摔落", "--liable", "person", "--amount", "200",
        ],
    )
    .success();
    env.run(&["asset", "void", "M1", "--reason", "记错资产"])
        .success()
        .stdout_is("Voided maintenance record M1: 记错资产; specs back to (none)\n");
    env.ok(&["asset", "void", "D1", "--reason", "未发生"]);
    let h = env.ok(&["asset", "history", "PC-1", "--format", "csv"]);
    assert!(
        h.contains(
            "M1,2026-11-01,upgrade,加内存; specs - -> i5/32G,tester,void: 记错资产 (by tester)\n"
        ),
        "{h}"
    );
    assert!(h.contains(",void: 未发生 (by tester)\n"), "{h}");
    env.run(&["asset", "void", "1", "--reason", "x"])
        .error(&["ID: \"1\" is not an ID; expected MN (maintenance record), DN (damage record)"]);

    // A password change recorded by mistake: voided, it no longer counts.
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env.ok(&["duty", "seed"]);
    on(&env, "2026-11-20", &["system", "password-changed", "HIS"]).success();
    let before = env.ok(&["duty", "show", "password:HIS", "--format", "json"]);
    assert!(before.contains("2026-11-20"), "{before}");
    let hist = env.ok(&["duty", "history", "password:HIS", "--format", "csv"]);
    let id = hist
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_string();
    env.ok(&["duty", "void", &id, "--reason", "改的是测试库"]);
    let after = env.ok(&["duty", "show", "password:HIS", "--format", "json"]);
    assert!(!after.contains("2026-11-20"), "{after}");
    env.run(&["duty", "history", "password:HIS", "--format", "csv"])
        .success()
        .stdout_has(",void: 改的是测试库 (by tester)\n");
    on(&env, "2026-11-20", &["system", "password-changed", "HIS"])
        .error(&["has a voided completion on 2026-11-20"]);
    env.run(&["duty", "void", "M1", "--reason", "x"])
        .error(&["M1 is a maintenance record that counts towards the duty; void it with `infogov asset void M1`"]);
    env.run(&["audit", "verify"]).success();
}

// ---------------------------------------------------------------- refusals

#[test]
fn impossible_values_are_refused_naming_the_field() {
    let env = with_pc();
    let before = trail(&env);
    // Lengths: names at most 200 characters, free text 4,000.
    let long = "科".repeat(201);
    env.run(&["dept", "add", &long]).error(&[
        "department name: 201 characters, more than the limit of 200 (limits.name in the config)",
    ]);
    let specs = "x".repeat(4001);
    env.run(&[
        "asset", "register", "--kind", "desktop", "--name", "PC", "--specs", &specs,
    ])
    .error(&[
        "asset specs: 4001 characters, more than the limit of 4000 (limits.text in the config)",
    ]);
    let csv = format!("kind,name,specs\ndesktop,PC,{specs}\n");
    env.write("big.csv", &csv);
    env.run(&["asset", "import", "big.csv", "--dry-run"])
        .code(1)
        .stderr_has("asset specs: 4001 characters");
    // The limits are the config's.
    env.write("c.toml", "[limits]\nname = 10\n");
    env.run(&[
        "--config",
        "c.toml",
        "dept",
        "add",
        "一二三四五六七八九十一",
    ])
    .error(&["department name: 11 characters, more than the limit of 10"]);
    // Dates after --as-of.
    env.run(&[
        "asset",
        "register",
        "--kind",
        "desktop",
        "--name",
        "PC",
        "--purchased",
        "2030-01-01",
    ])
    .error(&["--purchased: 2030-01-01 is after today (2026-11-28)"]);
    env.run(&[
        "asset",
        "maintain",
        "PC-1",
        "--kind",
        "repair",
        "--note",
        "x",
        "--date",
        "2026-12-01",
    ])
    .error(&["--date: 2026-12-01 is after today (2026-11-28)"]);
    // A negative number reaches the tool's own check, not clap's.
    env.run(&[
        "asset", "maintain", "PC-1", "--kind", "repair", "--note", "x", "--cost", "-50",
    ])
    .error(&["--cost: \"-50\" is negative"]);
    assert_eq!(trail(&env), before, "nothing was written");
}

// ---------------------------------------------------------------- findings

#[test]
fn a_transfer_to_another_department_names_a_custodian_of_it() {
    let env = with_pc();
    let before = trail(&env);
    env.run(&[
        "asset", "transfer", "PC-1", "--dept", "信息科", "--reason", "调剂",
    ])
    .error(&["--custodian: PC-1 moves to 信息科 but its custodian 王伟 is of 内科; name a custodian of 信息科 with --custodian, or keep 王伟 with --keep-custodian"]);
    assert_eq!(trail(&env), before);
    // Kept on purpose: allowed, and a finding until someone of 信息科 holds it.
    env.ok(&[
        "asset",
        "transfer",
        "PC-1",
        "--dept",
        "信息科",
        "--keep-custodian",
        "--reason",
        "调剂",
    ]);
    env.run(&["asset", "check", "--format", "csv"])
        .code(1)
        .stdout_is("severity,area,subject,message,requirement\nWARNING,asset,PC-1 联想启天,\"is held by 王伟 of 内科, not of its department 信息科; name a custodian of 信息科 with `asset transfer --custodian`\",AST-2\n");
    // On a terminal the custodian is asked for.
    let keys = r"(sleep 1; printf '王伟\r'; sleep 1)";
    let out = env
        .shell(&format!(
            "{keys} | script -qfec \"$INFOGOV asset transfer PC-1 --dept 内科 --reason 退回\" /dev/null"
        ))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    env.run(&["asset", "check"]).success();
}

#[test]
fn assets_in_use_with_no_location_and_central_equipment_outside_the_office_are_findings() {
    let env = Env::with_org();
    env.ok(&[
        "asset",
        "register",
        "--tag",
        "SRV-1",
        "--kind",
        "server",
        "--name",
        "HIS 数据库",
        "--dept",
        "内科",
        "--custodian",
        "王伟",
        "--location",
        "机房",
    ]);
    env.ok(&[
        "asset",
        "register",
        "--tag",
        "PC-9",
        "--kind",
        "desktop",
        "--name",
        "护士站",
        "--dept",
        "内科",
        "--custodian",
        "王伟",
    ]);
    env.ok(&[
        "asset",
        "register",
        "--tag",
        "SW-1",
        "--kind",
        "software",
        "--name",
        "Office",
        "--dept",
        "内科",
        "--custodian",
        "王伟",
    ]);
    // The IT office is the department of the people with the office role (信息科).
    env.run(&["asset", "check", "--format", "csv"])
        .code(1)
        .stdout_is("severity,area,subject,message,requirement\n\
            WARNING,asset,PC-9 护士站,is in use with no location; record where it is with `asset transfer --location`,AST-1\n\
            WARNING,asset,SRV-1 HIS 数据库,is a server registered to 内科; servers are allocated centrally by the IT office (信息科),AST-7\n");
    // Or the one the config names.
    env.write("c.toml", "[asset]\noffice_dept = \"内科\"\n");
    env.run(&["--config", "c.toml", "asset", "check", "--format", "csv"])
        .code(1)
        .stdout_lacks("AST-7");
    env.write("d.toml", "[asset]\noffice_dept = \"药剂科\"\n");
    env.run(&["--config", "d.toml", "asset", "check"])
        .code(3)
        .stderr_has("asset.office_dept");
    env.ok(&[
        "asset",
        "transfer",
        "SRV-1",
        "--dept",
        "信息科",
        "--custodian",
        "李娜",
        "--reason",
        "统一管理",
    ]);
    env.ok(&[
        "asset",
        "transfer",
        "PC-9",
        "--location",
        "住院楼3层",
        "--reason",
        "补登",
    ]);
    env.run(&["audit", "check", "--only", "asset"]).success();
}

#[test]
fn a_voided_grading_record_leaves_the_grade_and_the_check() {
    let env = Env::with_org();
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    on(
        &env,
        "2026-01-10",
        &[
            "grade",
            "assess",
            "HIS",
            "--info-object",
            "society",
            "--info-harm",
            "serious",
            "--service-object",
            "citizen",
            "--service-harm",
            "general",
        ],
    )
    .success();
    on(
        &env,
        "2026-01-20",
        &[
            "grade",
            "file",
            "HIS",
            "--date",
            "2026-01-20",
            "--authority",
            "市公安局",
            "--number",
            "N1",
        ],
    )
    .success();
    let check = |day: &str| on(&env, day, &["grade", "check", "--format", "csv"]).stdout;
    assert!(!check("2026-03-01").contains("is not filed"));
    // A grading that a filing rests on is not voided before it.
    env.run(&["grade", "void", "A1", "--reason", "x"])
        .error(&["ID: grading A1 is named by F1; void those first"]);
    env.run(&["grade", "void", "F1", "--reason", "备案号录错"])
        .success()
        .stdout_is("Voided filing F1: 备案号录错\n");
    assert!(
        check("2026-03-01").contains("is not filed"),
        "the filing no longer counts"
    );
    let show = on(
        &env,
        "2026-03-01",
        &["grade", "show", "HIS", "--format", "csv"],
    )
    .stdout;
    assert!(
        show.contains("2026-01-20,filed,F1,\"grade 3 with 市公安局, number N1\",tester,void: 备案号录错 (by tester)\n"),
        "{show}"
    );
    env.ok(&["grade", "void", "A1", "--reason", "定级对象错误"]);
    env.run(&["grade", "list", "--format", "csv"])
        .success()
        .stdout_has("\nHIS,in-service,,,,,,,,,,,,,0\n");
    env.run(&["grade", "void", "X1", "--reason", "x"])
        .error(&["ID: \"X1\" is not an ID; expected AN (grading), FN (filing)"]);
    env.run(&["audit", "verify"]).success();
}
