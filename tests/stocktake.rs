//! Stock-taking (盘点): a count of a department from a scanner's file, the
//! report, statuses after close, the write-off of what is missing through a
//! retirement request, the stock-take duty, and refusals that write nothing.

use crate::support::{Env, Run};

pub(crate) fn as_(env: &Env, actor: &str, date: &str, args: &[&str]) -> Run {
    let mut v = vec!["--actor", actor, "--as-of", date];
    v.extend_from_slice(args);
    env.run(&v)
}

pub(crate) fn ok(env: &Env, actor: &str, date: &str, args: &[&str]) -> String {
    as_(env, actor, date, args).success().stdout
}

/// An asset of 内科 at 门诊101 held by 王伟, registered in January.
fn pc(env: &Env, tag: &str, extra: &[&str]) {
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
        "门诊电脑",
        "--dept",
        "内科",
        "--custodian",
        "王伟",
        "--location",
        "门诊101",
    ];
    v.extend_from_slice(extra);
    env.ok(&v);
}

/// 内科 with five PCs (one classified) and a second person; 信息科 with a server.
pub(crate) fn clinic() -> Env {
    let env = Env::with_org();
    env.ok(&["person", "add", "赵敏", "--dept", "内科"]);
    for t in ["NK-1", "NK-2", "NK-3", "NK-4"] {
        pc(&env, t, &[]);
    }
    pc(&env, "NK-5", &["--classified", "--network", "none"]);
    env.ok(&[
        "--as-of",
        "2026-01-10",
        "asset",
        "register",
        "--tag",
        "IT-1",
        "--kind",
        "server",
        "--name",
        "HIS服务器",
        "--dept",
        "信息科",
        "--location",
        "机房",
    ]);
    env
}

fn audit_entries(env: &Env) -> String {
    env.sql("SELECT count(*) FROM audit_log;")
}

#[test]
fn a_department_is_counted_from_a_scanner_file_and_closed_into_its_report() {
    let env = clinic();
    ok(
        &env,
        "李娜",
        "2026-11-20",
        &["asset", "stocktake", "start", "--dept", "内科"],
    );
    // The scope was fixed at the start: a PC registered later is not expected.
    pc(&env, "NK-9", &[]);
    env.run(&["asset", "stocktake", "sheet", "1", "--format", "csv"])
        .success()
        .stdout_is(
            "资产盘点表,Stock-take count sheet\n\
             \n\
             Stock-take,1 2026-11-20 内科 资产盘点\n\
             Scope,dept 内科\n\
             Started,2026-11-20\n\
             \n\
             Location,门诊101\n\
             Tag,Name,Kind,Model,Serial,Custodian,Found,Note\n\
             NK-1,门诊电脑,desktop,,,王伟,,\n\
             NK-2,门诊电脑,desktop,,,王伟,,\n\
             NK-3,门诊电脑,desktop,,,王伟,,\n\
             NK-4,门诊电脑,desktop,,,王伟,,\n\
             NK-5,门诊电脑,desktop,,,王伟,,\n\
             \n\
             Expected,5\n\
             Found,\n\
             \n\
             盘点人 Counted by,,日期 Date,\n\
             监盘人 Supervised by,,日期 Date,\n",
        );
    // What a phone scanner app exports: extra columns, a tag scanned twice,
    // a server of another department, a tag the register does not know.
    env.write(
        "scan.csv",
        "时间,资产编号,操作员\n\
         2026-11-21 09:00,NK-1,李娜\n\
         2026-11-21 09:01,NK-2,李娜\n\
         2026-11-21 09:02,NK-1,李娜\n\
         2026-11-21 09:03,IT-1,李娜\n\
         2026-11-21 09:04,ZZ-404,李娜\n",
    );
    as_(
        &env,
        "李娜",
        "2026-11-21",
        &[
            "asset", "stocktake", "scan", "1", "--file", "scan.csv", "--format", "csv",
        ],
    )
    .success()
    .stdout_is(
        "tag,result\nNK-1,found\nNK-2,found\nNK-1,already counted\nIT-1,unexpected\nZZ-404,unknown tag\n",
    );
    // Counted on paper: NK-3 is in another room with another person.
    as_(
        &env,
        "李娜",
        "2026-11-21",
        &[
            "asset",
            "stocktake",
            "mark",
            "1",
            "NK-3",
            "--found",
            "--location",
            "门诊102",
            "--custodian",
            "赵敏",
        ],
    )
    .success()
    .stdout_is("Stock-take 1: NK-3 is found elsewhere\n");
    // NK-4 and NK-5 are not counted: closing makes them missing.
    as_(
        &env,
        "李娜",
        "2026-11-22",
        &["asset", "stocktake", "close", "1", "--apply-transfers"],
    )
    .success()
    .stdout_has("Closed stock-take 1; now missing: NK-4, NK-5; transferred: NK-3\n");
    env.run(&["asset", "stocktake", "report", "1", "--format", "csv"])
        .success()
        .stdout_is(
            "outcome,tag,name,dept,location,custodian,found_location,found_custodian,status,action,note\n\
             in-place,NK-1,门诊电脑,内科,门诊101,王伟,,,in-use,,\n\
             in-place,NK-2,门诊电脑,内科,门诊101,王伟,,,in-use,,\n\
             elsewhere,NK-3,门诊电脑,内科,门诊101,王伟,门诊102,赵敏,in-use,transferred (transfer 1),\n\
             missing,NK-4,门诊电脑,内科,门诊101,王伟,,,missing,\"find it, or write it off by a retirement request (AST-6)\",\n\
             missing,NK-5,门诊电脑,内科,门诊101,王伟,,,missing,\"find it, or write it off by a retirement request (AST-6)\",\n\
             unexpected,IT-1,HIS服务器,信息科,机房,,,,in-use,registered elsewhere: check its record,\n\
             unknown-tag,ZZ-404,,,,,,,,not in the register: register it,\n",
        );
    // Statuses and the transfer, with the stock-take as its reason.
    env.run(&["asset", "list", "--format", "csv"])
        .success()
        .stdout_has("NK-3,desktop,门诊电脑,,内科,赵敏,门诊102,in-use")
        .stdout_has("NK-4,desktop,门诊电脑,,内科,王伟,门诊101,missing")
        .stdout_has("NK-5,desktop,门诊电脑,,内科,王伟,门诊101,missing")
        .stdout_has("NK-9,desktop,门诊电脑,,内科,王伟,门诊101,in-use")
        .stdout_has("IT-1,server,HIS服务器,,信息科,,机房,in-use");
    env.run(&["asset", "history", "NK-3", "--format", "csv"])
        .success()
        .stdout_has("2026-11-22,transfer,custodian 王伟 -> 赵敏; location 门诊101 -> 门诊102; reason: stock-take 1 (2026-11-20 内科 资产盘点): found at 门诊102 with 赵敏,李娜");
    env.run(&["asset", "history", "NK-4", "--format", "csv"])
        .success()
        .stdout_has("2026-11-22,status,in-use -> missing; reason: stock-take 1 (2026-11-20 内科 资产盘点): not found,李娜");
    // The findings: a classified device missing is CRITICAL.
    env.run(&["audit", "check", "--only", "asset", "--format", "csv"])
        .code(2)
        .stdout_has("CRITICAL,asset,NK-5 门诊电脑,\"a classified (涉密) device is missing since the stock-take of 2026-11-22; find it, or write it off by a retirement request (AST-6)\",AST-1")
        .stdout_has("WARNING,asset,NK-4 门诊电脑,\"is missing since the stock-take of 2026-11-22; find it, or write it off by a retirement request (AST-6)\",AST-1");
    env.run(&["asset", "check"]).code(2);
    env.run(&["audit", "verify"]).success();
}

#[test]
fn a_missing_asset_is_found_again_or_written_off_by_a_retirement_request() {
    let env = clinic();
    ok(
        &env,
        "李娜",
        "2026-06-01",
        &["asset", "stocktake", "start", "--dept", "内科"],
    );
    ok(
        &env,
        "李娜",
        "2026-06-02",
        &["asset", "stocktake", "scan", "1", "NK-1", "NK-2", "NK-5"],
    );
    ok(
        &env,
        "李娜",
        "2026-06-02",
        &[
            "asset",
            "stocktake",
            "mark",
            "1",
            "NK-3",
            "--missing",
            "--note",
            "借出未还",
        ],
    );
    ok(
        &env,
        "李娜",
        "2026-06-03",
        &["asset", "stocktake", "close", "1"],
    );
    env.run(&["asset", "list", "--status", "missing", "--format", "csv"])
        .success()
        .stdout_has("NK-3,")
        .stdout_has("NK-4,")
        .stdout_lacks("NK-1,");
    // The next stock-take finds NK-3: it is back in service, as it was.
    ok(
        &env,
        "李娜",
        "2026-07-01",
        &[
            "asset",
            "stocktake",
            "start",
            "--dept",
            "内科",
            "--name",
            "复盘",
        ],
    );
    ok(
        &env,
        "李娜",
        "2026-07-01",
        &[
            "asset",
            "stocktake",
            "scan",
            "2",
            "NK-1",
            "NK-2",
            "NK-3",
            "NK-5",
        ],
    );
    as_(
        &env,
        "李娜",
        "2026-07-02",
        &["asset", "stocktake", "close", "2"],
    )
    .success()
    .stdout_has("Closed stock-take 2; found again: NK-3\n");
    assert_eq!(
        env.sql("SELECT status FROM asset WHERE tag = 'NK-3';")
            .trim(),
        "in-use"
    );
    // NK-4 is still missing: the department applies to write it off (AST-6).
    ok(
        &env,
        "王伟",
        "2026-07-03",
        &[
            "request",
            "new",
            "--kind",
            "retirement",
            "--dept",
            "内科",
            "--title",
            "盘亏核销",
            "--purpose",
            "两次盘点未找到，申请核销",
            "--asset",
            "NK-4",
        ],
    );
    ok(&env, "王伟", "2026-07-03", &["request", "submit", "1"]);
    ok(
        &env,
        "李娜",
        "2026-07-04",
        &["request", "review", "1", "--accept", "--comment", "属实"],
    );
    // Until approved and fulfilled, it is still missing.
    env.run(&["audit", "check", "--only", "asset", "--format", "csv"])
        .code(1)
        .stdout_has("WARNING,asset,NK-4 门诊电脑,\"is missing");
    ok(
        &env,
        "张院长",
        "2026-07-05",
        &["request", "approve", "1", "--comment", "同意核销"],
    );
    ok(&env, "李娜", "2026-07-06", &["request", "fulfil", "1"]);
    assert_eq!(
        env.sql("SELECT status FROM asset WHERE tag = 'NK-4';")
            .trim(),
        "retired"
    );
    env.run(&[
        "--as-of",
        "2026-07-06",
        "audit",
        "check",
        "--only",
        "asset",
        "--format",
        "csv",
    ])
    .stdout_lacks("NK-4");
    env.run(&["asset", "history", "NK-4", "--format", "csv"])
        .success()
        .stdout_has(
            "2026-07-06,status,missing -> retired; reason: retired by request 1: 盘亏核销,李娜",
        );
    env.run(&["audit", "verify"]).success();
}

#[test]
fn refusals_name_the_problem_and_write_nothing() {
    let env = clinic();
    ok(
        &env,
        "李娜",
        "2026-11-20",
        &["asset", "stocktake", "start", "--dept", "内科"],
    );
    let before = audit_entries(&env);
    // A file with no tag column.
    env.write("bad.csv", "time,operator\n09:00,李娜\n");
    env.run(&["asset", "stocktake", "scan", "1", "--file", "bad.csv"])
        .error(&["bad.csv: line 1: no column gives tag", "资产编号"]);
    // A bad line after good ones: nothing of the file is recorded.
    env.write("bad.txt", "NK-1\nNK 2\n");
    env.run(&["asset", "stocktake", "scan", "1", "--file", "bad.txt"])
        .error(&["bad.txt: line 2: \"NK 2\" is not a tag"]);
    env.run(&["asset", "stocktake", "scan", "9", "NK-1"])
        .error(&["ID: no stock-take 9"]);
    env.run(&["asset", "stocktake", "mark", "1", "IT-1", "--missing"])
        .error(&["TAG: \"IT-1\" is not expected in stock-take 1"]);
    env.run(&["asset", "stocktake", "scan", "1"]).code(2);
    env.run(&["asset", "stocktake", "mark", "1", "NK-1"])
        .code(2);
    env.run(&[
        "asset",
        "stocktake",
        "start",
        "--dept",
        "内科",
        "--location",
        "无此地",
    ])
    .error(&["the scope holds no asset in service"]);
    env.run(&["asset", "stocktake", "start", "--kind", "desk"])
        .error(&["--kind: \"desk\" is not one of"]);
    env.run(&["--as-of", "2026-11-19", "asset", "stocktake", "close", "1"])
        .error(&["--date: 2026-11-19 is before stock-take 1 started (2026-11-20)"]);
    assert_eq!(audit_entries(&env), before, "nothing was written");
    assert_eq!(
        env.sql("SELECT count(*) FROM stocktake_item WHERE result IS NOT NULL;")
            .trim(),
        "0"
    );

    ok(
        &env,
        "李娜",
        "2026-11-22",
        &["asset", "stocktake", "close", "1"],
    );
    let before = audit_entries(&env);
    env.run(&["asset", "stocktake", "close", "1"])
        .error(&["ID: stock-take 1 is already closed (on 2026-11-22)"]);
    env.run(&["asset", "stocktake", "scan", "1", "NK-1"])
        .error(&["ID: stock-take 1 was closed on 2026-11-22"]);
    env.run(&["asset", "stocktake", "mark", "1", "NK-1", "--found"])
        .error(&["ID: stock-take 1 was closed on 2026-11-22"]);
    // A service life of 0 or -1.
    for bad in ["0", "-1", "0y", "six"] {
        env.run(&[
            "asset",
            "register",
            "--no-input",
            "--kind",
            "desktop",
            "--name",
            "PC",
            "--dept",
            "内科",
            "--service-life",
            bad,
        ])
        .error(&["--service-life:", "is not a service life"]);
    }
    env.run(&[
        "asset",
        "register",
        "--no-input",
        "--kind",
        "desktop",
        "--name",
        "PC",
        "--warranty-until",
        "2026-02-30",
    ])
    .error(&["--warranty-until", "2026-02-30"]);
    assert_eq!(audit_entries(&env), before, "nothing was written");
}

#[test]
fn each_department_is_due_a_stock_take_every_year() {
    let env = clinic();
    // Registered 2026-01-10: due 2027-01-10.
    env.run(&[
        "--as-of",
        "2027-01-10",
        "audit",
        "check",
        "--only",
        "asset",
        "--format",
        "csv",
    ])
    .stdout_lacks("stock-taken");
    env.run(&["--as-of", "2027-01-11", "audit", "check", "--only", "asset", "--format", "csv"])
        .code(1)
        .stdout_has("WARNING,asset,内科,\"has never been stock-taken; a count is due every 1y (due 2027-01-10, after its first asset was registered)\",AST-1")
        .stdout_has("WARNING,asset,信息科,\"has never been stock-taken");
    // A count of one location of 内科 is not a count of the department.
    ok(
        &env,
        "李娜",
        "2026-12-01",
        &[
            "asset",
            "stocktake",
            "start",
            "--dept",
            "内科",
            "--location",
            "门诊101",
        ],
    );
    ok(
        &env,
        "李娜",
        "2026-12-02",
        &["asset", "stocktake", "close", "1"],
    );
    env.run(&[
        "--as-of",
        "2027-01-11",
        "audit",
        "check",
        "--only",
        "asset",
        "--format",
        "csv",
    ])
    .stdout_has("WARNING,asset,内科,\"has never been stock-taken");
    // A count of the whole register covers every department.
    ok(&env, "李娜", "2026-12-03", &["asset", "stocktake", "start"]);
    ok(
        &env,
        "李娜",
        "2026-12-04",
        &["asset", "stocktake", "close", "2"],
    );
    env.run(&[
        "--as-of",
        "2027-01-11",
        "audit",
        "check",
        "--only",
        "asset",
        "--format",
        "csv",
    ])
    .stdout_lacks("stock-taken");
    env.run(&["--as-of", "2027-12-05", "audit", "check", "--only", "asset", "--format", "csv"])
        .stdout_has("WARNING,asset,内科,was last stock-taken on 2026-12-04; a count is due every 1y (due 2027-12-04),AST-1");
    // The interval is configurable.
    env.write("c.toml", "[stocktake]\nevery = \"6mo\"\n");
    env.run(&[
        "--config",
        "c.toml",
        "--as-of",
        "2027-06-05",
        "audit",
        "check",
        "--only",
        "asset",
        "--format",
        "csv",
    ])
    .stdout_has("was last stock-taken on 2026-12-04; a count is due every 6mo (due 2027-06-04)");
    env.write("bad.toml", "[stocktake]\nevery = \"0d\"\n");
    env.run(&["--config", "bad.toml", "asset", "stocktake", "list"])
        .error(&["stocktake.every", "\"0d\""]);
}

#[test]
fn open_and_closed_stock_takes_are_in_the_period_report() {
    let env = clinic();
    ok(
        &env,
        "李娜",
        "2026-10-10",
        &["asset", "stocktake", "start", "--dept", "内科"],
    );
    ok(
        &env,
        "李娜",
        "2026-10-11",
        &[
            "asset",
            "stocktake",
            "scan",
            "1",
            "NK-1",
            "NK-2",
            "NK-3",
            "NK-4",
            "ZZ-1",
        ],
    );
    ok(
        &env,
        "李娜",
        "2026-10-12",
        &["asset", "stocktake", "close", "1"],
    );
    ok(
        &env,
        "李娜",
        "2026-11-01",
        &["asset", "stocktake", "start", "--dept", "信息科"],
    );
    env.run(&[
        "audit",
        "report",
        "--quarter",
        "2026Q4",
        "--only",
        "stocktakes",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("stocktakes,closed,,,1,,AST-1,")
    .stdout_has("stocktakes,closed,1 2026-10-10 内科 资产盘点,2026-10-12,6,,AST-1,\"dept 内科; in place 4, elsewhere 0, missing 1, unexpected 0, unknown tags 1\"")
    .stdout_has("stocktakes,open,,,1,,AST-1,")
    .stdout_has("stocktakes,open,2 2026-11-01 信息科 资产盘点,2026-11-01,1,,AST-1,dept 信息科; started 2026-11-01; counted 0 of 1");
    env.run(&["asset", "stocktake", "list", "--format", "csv"])
        .success()
        .stdout_is(
            "id,name,scope,started,closed,expected,counted,found,missing,unexpected\n\
             2,2026-11-01 信息科 资产盘点,dept 信息科,2026-11-01,,1,0,0,0,0\n\
             1,2026-10-10 内科 资产盘点,dept 内科,2026-10-10,2026-10-12,5,5,4,1,1\n",
        );
}

#[test]
fn without_apply_transfers_a_move_is_only_proposed_and_the_report_reads_in_chinese() {
    let env = clinic();
    ok(
        &env,
        "李娜",
        "2026-11-20",
        &[
            "asset",
            "stocktake",
            "start",
            "--location",
            "门诊101",
            "--name",
            "门诊101 盘点",
        ],
    );
    // A round of room 门诊102 finds NK-2 there.
    as_(
        &env,
        "李娜",
        "2026-11-21",
        &[
            "asset",
            "stocktake",
            "scan",
            "1",
            "NK-1",
            "NK-3",
            "NK-4",
            "NK-5",
            "--format",
            "csv",
        ],
    )
    .success()
    .stdout_is("tag,result\nNK-1,found\nNK-3,found\nNK-4,found\nNK-5,found\n");
    as_(
        &env,
        "李娜",
        "2026-11-21",
        &[
            "asset",
            "stocktake",
            "scan",
            "1",
            "NK-2",
            "--location",
            "门诊102",
            "--format",
            "csv",
        ],
    )
    .success()
    .stdout_is("tag,result\nNK-2,found elsewhere\n");
    // At the terminal, a scan says how far the count has got.
    as_(
        &env,
        "李娜",
        "2026-11-21",
        &["asset", "stocktake", "scan", "1", "NK-1"],
    )
    .success()
    .stdout_has("Stock-take 1: 5 of 5 expected counted, 0 not expected\n")
    .stdout_has("already counted");
    // Open: the report says what is counted so far.
    env.run(&["--lang", "zh", "asset", "stocktake", "report", "1"])
        .success()
        .stdout_has("盘点结果")
        .stdout_has("位置或责任人不符")
        .stdout_has("账实相符")
        .stdout_has("拟调拨（结束时加 --apply-transfers 执行）");
    as_(
        &env,
        "李娜",
        "2026-11-22",
        &["asset", "stocktake", "close", "1"],
    )
    .success()
    .stdout_has(
        "Closed stock-take 1; transfers proposed (record them with `asset transfer`): NK-2\n",
    )
    .stdout_has("transfer proposed: record it with `asset transfer`");
    // Nothing moved, nothing missing.
    assert_eq!(
        env.sql("SELECT location || '|' || status FROM asset WHERE tag = 'NK-2';")
            .trim(),
        "门诊101|in-use"
    );
    assert_eq!(env.sql("SELECT count(*) FROM asset_transfer;").trim(), "0");
    env.run(&[
        "--lang",
        "zh",
        "asset",
        "stocktake",
        "sheet",
        "1",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("资产编号,名称,类别,型号,序列号,第一责任人,实盘,备注\n")
    .stdout_has("NK-1,门诊电脑,台式机,")
    .stdout_has("盘点人 Counted by,,日期 Date,\n");
    env.run(&["audit", "verify"]).success();
}

#[test]
fn a_scan_file_may_be_a_workbook_read_by_the_common_reader() {
    // A phone app's export saved as .xlsx by LibreOffice: a row-number
    // column, the tag under 资产编号, the scanner's time and operator columns
    // (left out: a scan file is read for its tags), a tag scanned twice and
    // one unknown to the register.
    let env = clinic();
    ok(
        &env,
        "李娜",
        "2026-11-20",
        &["asset", "stocktake", "start", "--dept", "内科"],
    );
    let file = env.path("scan.xlsx");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/stocktake/scan.xlsx"
        ),
        &file,
    )
    .unwrap();
    as_(
        &env,
        "李娜",
        "2026-11-21",
        &[
            "asset",
            "stocktake",
            "scan",
            "1",
            "--file",
            "scan.xlsx",
            "--format",
            "csv",
        ],
    )
    .success()
    .stdout_is("tag,result\nNK-1,found\nNK-2,found\nNK-1,already counted\nZZ-404,unknown tag\n");
    // A sheet that is not there is named, and nothing is recorded.
    let before = audit_entries(&env);
    env.run(&[
        "asset",
        "stocktake",
        "scan",
        "1",
        "--file",
        "scan.xlsx",
        "--sheet",
        "无此表",
    ])
    .error(&["无此表"]);
    assert_eq!(audit_entries(&env), before);
}

#[test]
fn a_scanner_app_may_call_the_tag_a_barcode_in_a_list_or_a_table() {
    let env = clinic();
    ok(
        &env,
        "李娜",
        "2026-11-20",
        &["asset", "stocktake", "start", "--dept", "内科"],
    );
    let scan = |file: &str| {
        as_(
            &env,
            "李娜",
            "2026-11-21",
            &[
                "asset",
                "stocktake",
                "scan",
                "1",
                "--file",
                file,
                "--format",
                "csv",
            ],
        )
    };
    // A plain list headed by its column name, and a tab-separated export
    // whose tag column is "Barcode" among the app's own columns.
    env.write("list.txt", "条码\nNK-1\n\nNK-2\n");
    scan("list.txt")
        .success()
        .stdout_is("tag,result\nNK-1,found\nNK-2,found\n");
    env.write(
        "app.tsv",
        "Scanned at\tBarcode\tDevice\n2026-11-21 09:00\tNK-3\tPDA-1\n2026-11-21 09:01\tNK-1\tPDA-1\n",
    );
    scan("app.tsv")
        .success()
        .stdout_is("tag,result\nNK-3,found\nNK-1,already counted\n");
    // A table with no tag column names the headers it would take.
    env.write("none.tsv", "Scanned at\tDevice\n09:00\tPDA-1\n");
    scan("none.tsv").error(&["none.tsv", "no column gives tag", "条码"]);
}

#[test]
fn the_count_sheet_and_the_report_print_as_forms_and_workbooks() {
    let env = clinic();
    env.write("c.toml", "organisation = \"某某市人民医院\"\n");
    ok(
        &env,
        "李娜",
        "2026-11-20",
        &["asset", "stocktake", "start", "--dept", "内科"],
    );
    let c = ["--config", "c.toml"];
    let sheet = |format: &str, file: &str| {
        let mut v = c.to_vec();
        v.extend([
            "asset",
            "stocktake",
            "sheet",
            "1",
            "--format",
            format,
            "-o",
            file,
        ]);
        env.run(&v).success().stdout_is("");
    };
    sheet("html", "sheet.html");
    let html = std::fs::read_to_string(env.path("sheet.html")).unwrap();
    for part in [
        "<h1>资产盘点表</h1>",
        "某某市人民医院",
        "<tr><th>范围</th><td>部门 内科</td></tr>",
        "<h2>存放地点：门诊101</h2>",
        "<th>资产编号</th><th>名称</th><th>类别</th><th>型号</th><th>序列号</th><th>第一责任人</th><th>实盘</th><th>备注</th>",
        "<tr><td>NK-1</td><td>门诊电脑</td><td>台式机</td>",
        "<td>应盘 5 件</td>",
        "<b>盘点人：</b>",
        "<b>监盘人：</b>",
        "@page { size: A4",
    ] {
        assert!(html.contains(part), "{part}\n{html}");
    }
    assert!(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"));
    // JSON: the form's rows as arrays, for a script.
    let json = env
        .run(&["asset", "stocktake", "sheet", "1", "--format", "json"])
        .success()
        .json();
    assert_eq!(
        json[0],
        serde_json::json!(["资产盘点表", "Stock-take count sheet"])
    );
    assert!(json.as_array().unwrap().iter().any(|r| r[0] == "NK-5"));
    sheet("xlsx", "sheet.xlsx");
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(env.path("sheet.xlsx")).unwrap();
    let name = book.sheet_names()[0].clone();
    let cells: Vec<String> = book
        .worksheet_range(&name)
        .unwrap()
        .rows()
        .flat_map(|r| r.to_vec())
        .filter(|d| *d != Data::Empty)
        .map(|d| d.to_string())
        .collect();
    for part in [
        "资产盘点表",
        "某某市人民医院",
        "NK-5",
        "实盘",
        "盘点人",
        "监盘人",
    ] {
        assert!(cells.iter().any(|c| c.contains(part)), "{part}: {cells:?}");
    }
    // Closed, its report (盘点报告) prints as a form too: the counts, a table
    // per outcome, and the lines to sign.
    as_(
        &env,
        "李娜",
        "2026-11-21",
        &["asset", "stocktake", "scan", "1", "NK-1", "NK-2", "ZZ-404"],
    )
    .success();
    let mut v = c.to_vec();
    v.extend([
        "--as-of",
        "2026-11-22",
        "asset",
        "stocktake",
        "close",
        "1",
        "--format",
        "html",
        "-o",
        "report.html",
    ]);
    env.run(&v).success().stdout_is("");
    let html = std::fs::read_to_string(env.path("report.html")).unwrap();
    for part in [
        "<h1>盘点报告</h1>",
        "某某市人民医院",
        "盘点期间 2026-11-20 至 2026-11-22",
        "<tr><th>账实相符</th><td class=\"num\">2</td></tr>",
        "<tr><th>盘亏</th><td class=\"num\">3</td></tr>",
        "<tr><th>盘盈（未登记）</th><td class=\"num\">1</td></tr>",
        "<h2>盘亏</h2>",
        "<td>NK-5</td>",
        "请查找，或经报废申请核销（AST-6）",
        "<td>合计 3 件</td>",
        "<b>监盘人：</b>",
        "<b>部门负责人：</b>",
    ] {
        assert!(html.contains(part), "{part}\n{html}");
    }
    let mut v = c.to_vec();
    v.extend([
        "asset",
        "stocktake",
        "report",
        "1",
        "--format",
        "xlsx",
        "-o",
        "report.xlsx",
    ]);
    env.run(&v).success();
    let mut book: Xlsx<_> = open_workbook(env.path("report.xlsx")).unwrap();
    let name = book.sheet_names()[0].clone();
    let cells: Vec<String> = book
        .worksheet_range(&name)
        .unwrap()
        .rows()
        .flat_map(|r| r.to_vec())
        .filter(|d| *d != Data::Empty)
        .map(|d| d.to_string())
        .collect();
    for part in ["盘点报告", "盘亏", "NK-5", "ZZ-404", "部门负责人"] {
        assert!(cells.iter().any(|c| c.contains(part)), "{part}: {cells:?}");
    }
    // Its labels name the same organisation when labels have none of their own.
    let mut v = c.to_vec();
    v.extend(["asset", "label", "--stocktake", "1"]);
    env.run(&v).success().stdout_has("某某市人民医院");
    env.run(&["audit", "verify"]).success();
}

/// Runs infogov in a real terminal of 80 columns (`script`, `stty cols 80`).
fn on_terminal(env: &Env, args: &str) -> String {
    let out = env
        .shell(&format!(
            "script -qec \"stty cols 80 rows 50; $INFOGOV {args}\" /dev/null"
        ))
        .output()
        .expect("script (util-linux)");
    assert!(out.status.success(), "{args}");
    String::from_utf8_lossy(&out.stdout).replace('\r', "")
}

#[test]
fn stock_take_and_depreciation_tables_fit_an_80_column_terminal() {
    use unicode_width::UnicodeWidthStr;
    let env = clinic();
    pc(
        &env,
        "NK-8",
        &[
            "--model",
            "ThinkCentre M930t 门诊楼三层第二诊室医生工作站（含双屏显示器）",
            "--purchased",
            "2020-01-01",
            "--price",
            "5999.00",
        ],
    );
    ok(
        &env,
        "李娜",
        "2026-11-20",
        &["asset", "stocktake", "start", "--dept", "内科"],
    );
    ok(
        &env,
        "李娜",
        "2026-11-21",
        &["asset", "stocktake", "scan", "1", "NK-1", "NK-8", "ZZ-404"],
    );
    ok(
        &env,
        "李娜",
        "2026-11-21",
        &[
            "asset",
            "stocktake",
            "mark",
            "1",
            "NK-2",
            "--found",
            "--location",
            "门诊102",
        ],
    );
    for args in [
        "asset stocktake sheet 1",
        "asset stocktake report 1",
        "asset stocktake report 1 --wide",
        "--lang zh asset stocktake report 1",
        "asset stocktake list",
        "asset depreciation",
        "asset depreciation --wide",
        "asset depreciation --by dept",
        "--as-of 2026-11-22 asset stocktake close 1",
    ] {
        let shown = on_terminal(&env, args);
        assert!(shown.contains('┌'), "{args}: no table\n{shown}");
        // The table's lines; a message above it is prose the terminal wraps.
        for line in shown
            .lines()
            .filter(|l| l.starts_with(['┌', '│', '╞', '├', '└']))
        {
            assert!(
                line.width() <= 80,
                "{args}: a line of {} columns\n{line}\n{shown}",
                line.width()
            );
        }
    }
    // The report shows what was found where; the register's department and
    // custodian are a --wide away, and piped output has every column.
    let report = on_terminal(&env, "asset stocktake report 1");
    assert!(
        report.contains("Found") && !report.contains("Dept"),
        "{report}"
    );
    assert!(on_terminal(&env, "asset stocktake report 1 --wide").contains("Dept"));
    let dep = on_terminal(&env, "asset depreciation");
    assert!(
        dep.contains("Accumulated") && !dep.contains("Residual"),
        "{dep}"
    );
    let piped = env.ok(&["asset", "depreciation"]);
    assert!(
        piped.contains("Residual"),
        "piped keeps every column\n{piped}"
    );
}
