//! Stock-taking (盘点): a count of a department from a scanner's file, the
//! report, statuses after close, the write-off of what is missing through a
//! retirement request, the stock-take duty, and refusals that write nothing.

use crate::support::{Env, Run};

fn as_(env: &Env, actor: &str, date: &str, args: &[&str]) -> Run {
    let mut v = vec!["--actor", actor, "--as-of", date];
    v.extend_from_slice(args);
    env.run(&v)
}

fn ok(env: &Env, actor: &str, date: &str, args: &[&str]) -> String {
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
fn clinic() -> Env {
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
        .error(&["bad.csv: line 1: the header has no tag column", "资产编号"]);
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

/// An outside program the test needs: present, or (outside CI only) a
/// printed reason to skip. Under CI=true a missing program fails the test.
fn program(name: &str, package: &str) -> bool {
    let found = std::process::Command::new(name)
        .arg("--version")
        .output()
        .is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is missing: apt-get install {package}"
        );
        eprintln!("skipped: {name} is missing (apt-get install {package})");
    }
    found
}

/// Renders an SVG to PNG with rsvg-convert and decodes every QR code in it
/// with zbarimg; returns the decoded texts, sorted.
fn decode(env: &Env, svg: &str) -> Vec<String> {
    let png = env.path("labels.png");
    let out = std::process::Command::new("rsvg-convert")
        .args(["--dpi-x", "300", "--dpi-y", "300", "-o"])
        .arg(&png)
        .arg(env.path(svg))
        .output()
        .expect("rsvg-convert");
    assert!(
        out.status.success(),
        "rsvg-convert: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = std::process::Command::new("zbarimg")
        .args(["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"])
        .arg(&png)
        .output()
        .expect("zbarimg");
    assert!(
        out.status.success(),
        "zbarimg found no code: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut tags: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    tags.sort();
    tags
}

#[test]
fn labels_carry_a_qr_code_that_scans_back_to_the_tag() {
    if !program("rsvg-convert", "librsvg2-bin") || !program("zbarimg", "zbar-tools") {
        return;
    }
    let env = clinic();
    // An A4 sheet of a department's labels.
    env.run(&[
        "asset",
        "label",
        "--dept",
        "内科",
        "--org",
        "某某市人民医院",
        "-o",
        "a4.svg",
    ])
    .success()
    .stdout_is("Wrote 5 labels on 1 pages to a4.svg\n");
    let svg = std::fs::read_to_string(env.path("a4.svg")).unwrap();
    assert!(
        svg.contains(r#"width="210mm" height="297mm""#),
        "an A4 page"
    );
    assert!(svg.contains("某某市人民医院") && svg.contains("门诊电脑") && svg.contains("内科"));
    assert!(!svg.contains("href"), "self-contained: nothing fetched");
    assert_eq!(
        decode(&env, "a4.svg"),
        ["NK-1", "NK-2", "NK-3", "NK-4", "NK-5"]
    );

    // Named tags on 50×30 mm label stock, one label per page.
    env.run(&[
        "asset", "label", "IT-1", "NK-2", "--layout", "50x30", "-o", "two.svg",
    ])
    .success()
    .stdout_is("Wrote 2 labels on 2 pages to two.svg\n");
    let svg = std::fs::read_to_string(env.path("two.svg")).unwrap();
    assert!(
        svg.contains(r#"width="50mm" height="60mm""#),
        "two 50x30 labels"
    );
    assert_eq!(decode(&env, "two.svg"), ["IT-1", "NK-2"]);

    // A stock-take's labels, as HTML with one inline SVG per printed page.
    ok(
        &env,
        "李娜",
        "2026-11-20",
        &["asset", "stocktake", "start", "--kind", "server"],
    );
    env.run(&["asset", "label", "--stocktake", "1", "-o", "st.html"])
        .success()
        .stdout_is("Wrote 1 labels on 1 pages to st.html\n");
    let html = std::fs::read_to_string(env.path("st.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg") && html.contains("IT-1"));
    assert!(html.contains("@page { size: 210mm 297mm; margin: 0; }"));
    // Standard output is SVG.
    env.run(&["asset", "label", "NK-1", "--layout", "50x30"])
        .success()
        .stdout_has("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"50mm\" height=\"30mm\"");

    env.run(&["asset", "label", "NO-SUCH"])
        .error(&["TAG: no asset \"NO-SUCH\" in the register"]);
    env.run(&["asset", "label"]).code(2);
    env.run(&["asset", "label", "NK-1", "--layout", "62x29"])
        .code(2);
}

#[test]
fn service_life_and_warranty_give_findings_and_come_from_an_import() {
    let env = Env::with_org();
    env.write(
        "assets.csv",
        "tag,kind,name,dept,custodian,purchased,price,使用年限,保修期至\n\
         OLD-1,desktop,旧电脑,内科,王伟,2019-06-10,5999.00,,\n\
         NEW-1,laptop,新笔记本,内科,王伟,2025-12-01,8000.00,3,2026-12-20\n\
         SW-1,software,杀毒软件,内科,王伟,2020-01-01,1000.00,,\n",
    );
    env.ok(&["--as-of", "2026-01-05", "asset", "import", "assets.csv"]);
    env.run(&["asset", "show", "NEW-1", "--format", "json"])
        .success()
        .stdout_has("\"service_life\":\"3y\"")
        .stdout_has("\"warranty_until\":\"2026-12-20\"");
    // OLD-1 takes the 6 years of its kind; software has no default life.
    env.run(&["audit", "check", "--only", "asset", "--format", "csv"])
        .code(1)
        .stdout_has("WARNING,asset,OLD-1 旧电脑,\"is past its service life of 6y (bought 2019-06-10, ended 2025-06-10): a candidate for retirement\",AST-6")
        .stdout_has("WARNING,asset,NEW-1 新笔记本,\"its warranty ends on 2026-12-20, within 30 days\",AST-4")
        .stdout_lacks("SW-1");
    env.run(&["--as-of", "2026-11-19", "asset", "check", "--format", "csv"])
        .stdout_lacks("warranty");
    // A life set in the config wins over the built-in one.
    env.write("c.toml", "[asset.service_life]\ndesktop = \"8y\"\n");
    env.run(&["--config", "c.toml", "asset", "check", "--format", "csv"])
        .stdout_lacks("OLD-1");
    env.write("bad.toml", "[asset.service_life]\ndesktop = \"0\"\n");
    env.run(&["--config", "bad.toml", "asset", "list"])
        .error(&["asset.service_life.desktop: \"0\" is not a service life"]);
    // A bad life in a file names its line and column; nothing is imported.
    env.write(
        "bad.csv",
        "tag,kind,name,使用年限\nB-1,desktop,PC,6\nB-2,desktop,PC,-1\n",
    );
    env.run(&["asset", "import", "bad.csv"])
        .code(1)
        .stderr_has("bad.csv: line 3, column service_life: \"-1\" is not a service life");
    assert_eq!(
        env.sql("SELECT count(*) FROM asset WHERE tag LIKE 'B-%';")
            .trim(),
        "0"
    );
    env.run(&["audit", "verify"]).success();
}

#[test]
fn depreciation_is_straight_line_from_the_month_after_purchase() {
    let env = Env::with_org();
    let reg = |tag: &str, purchased: &str, price: &str, life: &str| {
        env.ok(&[
            "--as-of",
            "2026-01-02",
            "asset",
            "register",
            "--tag",
            tag,
            "--kind",
            "desktop",
            "--name",
            "PC",
            "--dept",
            "内科",
            "--purchased",
            purchased,
            "--price",
            price,
            "--service-life",
            life,
        ]);
    };
    // Bought on the 1st and on the 31st of the same month: both start in February.
    reg("D-01", "2026-01-01", "7200.00", "6y");
    reg("D-31", "2026-01-31", "7200.00", "6y");
    // Fully depreciated by June 2025 (72 months from July 2019).
    reg("D-OLD", "2019-06-10", "5999.00", "6y");
    // 1,000.00 over 36 months: 27.78 or 27.77 a month.
    reg("D-ODD", "2025-12-20", "1000.00", "36mo");
    // Written off mid-March through a retirement request: March is charged.
    reg("D-GONE", "2025-12-15", "7200.00", "6y");
    ok(
        &env,
        "王伟",
        "2026-03-10",
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
            "损坏",
            "--asset",
            "D-GONE",
        ],
    );
    ok(&env, "王伟", "2026-03-10", &["request", "submit", "1"]);
    ok(
        &env,
        "李娜",
        "2026-03-11",
        &["request", "review", "1", "--accept", "--comment", "ok"],
    );
    ok(
        &env,
        "张院长",
        "2026-03-12",
        &["request", "approve", "1", "--comment", "同意"],
    );
    ok(&env, "李娜", "2026-03-15", &["request", "fulfil", "1"]);

    let csv = |as_of: &str, by: Option<&str>| {
        let mut v = vec!["--as-of", as_of, "asset", "depreciation", "--format", "csv"];
        if let Some(b) = by {
            v.extend_from_slice(&["--by", b]);
        }
        env.ok(&v)
    };
    assert_eq!(
        csv("2026-01-31", None),
        "tag,name,kind,dept,purchased,service_life,original,residual,monthly,accumulated,net,note\n\
         D-01,PC,desktop,内科,2026-01-01,6y,7200.00,0.00,0.00,0.00,7200.00,\n\
         D-31,PC,desktop,内科,2026-01-31,6y,7200.00,0.00,0.00,0.00,7200.00,\n\
         D-GONE,PC,desktop,内科,2025-12-15,6y,7200.00,0.00,100.00,100.00,7100.00,\n\
         D-ODD,PC,desktop,内科,2025-12-20,3y,1000.00,0.00,27.78,27.78,972.22,\n\
         D-OLD,PC,desktop,内科,2019-06-10,6y,5999.00,0.00,0.00,5999.00,0.00,\n\
         TOTAL,,,,,,28599.00,0.00,127.78,6126.78,22472.22,\n"
    );
    assert_eq!(
        csv("2026-03-31", None),
        "tag,name,kind,dept,purchased,service_life,original,residual,monthly,accumulated,net,note\n\
         D-01,PC,desktop,内科,2026-01-01,6y,7200.00,0.00,100.00,200.00,7000.00,\n\
         D-31,PC,desktop,内科,2026-01-31,6y,7200.00,0.00,100.00,200.00,7000.00,\n\
         D-GONE,PC,desktop,内科,2025-12-15,6y,7200.00,0.00,100.00,300.00,6900.00,written off 2026-03-15\n\
         D-ODD,PC,desktop,内科,2025-12-20,3y,1000.00,0.00,27.77,83.33,916.67,\n\
         D-OLD,PC,desktop,内科,2019-06-10,6y,5999.00,0.00,0.00,5999.00,0.00,\n\
         TOTAL,,,,,,28599.00,0.00,327.77,6782.33,21816.67,\n"
    );
    // From April the written-off PC is off the books.
    let april = csv("2026-04-30", None);
    assert!(!april.contains("D-GONE"), "{april}");
    assert!(
        april.ends_with("TOTAL,,,,,,21399.00,0.00,227.78,6710.11,14688.89,\n"),
        "{april}"
    );
    // Totals by department equal the rows to the fen.
    assert_eq!(
        csv("2026-03-31", Some("dept")),
        "group,count,original,residual,monthly,accumulated,net\n\
         内科,5,28599.00,0.00,327.77,6782.33,21816.67\n\
         TOTAL,5,28599.00,0.00,327.77,6782.33,21816.67\n"
    );
    // An enterprise's 5% residual rate.
    env.write("c.toml", "[asset]\nresidual_rate = \"5%\"\n");
    let v = env.ok(&[
        "--config",
        "c.toml",
        "--as-of",
        "2026-11-28",
        "asset",
        "depreciation",
        "--format",
        "csv",
    ]);
    assert!(
        v.contains("D-OLD,PC,desktop,内科,2019-06-10,6y,5999.00,299.95,0.00,5699.05,299.95,\n"),
        "{v}"
    );
    env.run(&["asset", "depreciation", "--by", "location"])
        .code(2);
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
