//! Service life, warranty and depreciation (年限平均法): the findings, the
//! import columns, and depreciation figures worked by hand at month boundaries.

use crate::stocktake::ok;
use crate::support::Env;

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
        .stdout_lacks("OLD-1 旧电脑,\"is past its service life");
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
        .stderr_has("bad.csv: line 3, column 使用年限: \"-1\" is not a service life");
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
        // Registered on the last purchase day: a purchase after the day
        // it is recorded is refused.
        env.ok(&[
            "--as-of",
            "2026-01-31",
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
    assert_eq!(
        csv("2026-03-31", Some("kind")),
        "group,count,original,residual,monthly,accumulated,net\n\
         desktop,5,28599.00,0.00,327.77,6782.33,21816.67\n\
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
    // For finance: a workbook with the amounts as numbers, headers in Chinese.
    env.ok(&[
        "--lang",
        "zh",
        "--as-of",
        "2026-03-31",
        "asset",
        "depreciation",
        "--format",
        "xlsx",
        "-o",
        "dep.xlsx",
    ]);
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(env.path("dep.xlsx")).unwrap();
    let name = book.sheet_names()[0].clone();
    let rows: Vec<Vec<Data>> = book
        .worksheet_range(&name)
        .unwrap()
        .rows()
        .map(|r| r.to_vec())
        .collect();
    assert_eq!(rows[0][0], Data::String("资产编号".into()));
    let total = rows.last().unwrap();
    assert_eq!(total[0], Data::String("合计".into()));
    assert_eq!(total[6], Data::Float(28599.0));
    assert_eq!(total[9], Data::Float(6782.33));
    assert_eq!(total[10], Data::Float(21816.67));
}

#[test]
fn service_life_and_warranty_are_amended_by_edit_and_import_into_the_history() {
    let env = Env::with_org();
    env.ok(&[
        "--as-of",
        "2026-01-10",
        "asset",
        "register",
        "--tag",
        "PC-1",
        "--kind",
        "desktop",
        "--name",
        "门诊电脑",
        "--dept",
        "内科",
        "--purchased",
        "2019-06-10",
        "--price",
        "5999.00",
    ]);
    // The kind's 6 years are over: a retirement candidate.
    env.run(&["asset", "check", "--format", "csv"])
        .code(1)
        .stdout_has("PC-1 门诊电脑,\"is past its service life of 6y");
    let audit = || env.sql("SELECT count(*) FROM audit_log;");
    let before = audit();
    // A life of 0 or -1, a bad date, or nothing to change: one line, nothing written.
    for bad in ["0", "-1", "0y", "", "6w"] {
        env.run(&[
            "asset",
            "edit",
            "PC-1",
            "--service-life",
            bad,
            "--reason",
            "合同",
        ])
        .error(&[
            &format!("--service-life: {bad:?} is not a service life"),
            "6y",
        ]);
    }
    env.run(&[
        "asset",
        "edit",
        "PC-1",
        "--name",
        "新名",
        "--warranty-until",
        "2027-02-30",
        "--reason",
        "合同",
    ])
    .error(&["--warranty-until", "2027-02-30"]);
    env.run(&["asset", "edit", "PC-1", "--reason", "合同"])
        .error(&["nothing to change", "--service-life", "--warranty-until"]);
    env.run(&[
        "asset",
        "edit",
        "PC-1",
        "--service-life",
        "8y",
        "--reason",
        " ",
    ])
    .error(&["--reason: must not be empty"]);
    assert_eq!(audit(), before, "nothing was written");

    env.run(&[
        "--as-of",
        "2026-11-20",
        "asset",
        "edit",
        "PC-1",
        "--service-life",
        "8y",
        "--warranty-until",
        "2026-12-15",
        "--reason",
        "延保合同",
    ])
    .success()
    .stdout_has("Amended PC-1: service-life - -> 8y; warranty-until - -> 2026-12-15");
    env.run(&["asset", "show", "PC-1", "--format", "json"])
        .success()
        .stdout_has("\"service_life\":\"8y\"")
        .stdout_has("\"warranty_until\":\"2026-12-15\"");
    // The findings follow: no longer past its life, its warranty ends soon.
    env.run(&["--as-of", "2026-11-28", "asset", "check", "--format", "csv"])
        .code(1)
        .stdout_lacks("past its service life")
        .stdout_has("PC-1 门诊电脑,\"its warranty ends on 2026-12-15, within 30 days\"");
    // Amending to the recorded value changes nothing; a field of the asset
    // and its life together are one edit.
    env.run(&[
        "asset",
        "edit",
        "PC-1",
        "--service-life",
        "96mo",
        "--reason",
        "x",
    ])
    .error(&["the edit changes nothing"]);
    env.run(&[
        "--as-of",
        "2026-11-21",
        "asset",
        "edit",
        "PC-1",
        "--name",
        "门诊电脑A",
        "--service-life",
        "7y",
        "--warranty-until",
        "2026-12-15",
        "--reason",
        "复核",
    ])
    .success()
    .stdout_has("Amended PC-1: name 门诊电脑 -> 门诊电脑A; service-life 8y -> 7y");
    // An import row with 使用年限 / 保修期至 amends an existing asset the same way.
    env.write(
        "update.csv",
        "tag,kind,name,使用年限,保修期至\nPC-1,desktop,门诊电脑A,10,2027-06-30\n",
    );
    env.ok(&[
        "--as-of",
        "2026-11-22",
        "asset",
        "import",
        "update.csv",
        "--update",
    ]);
    let history = env.ok(&["asset", "history", "PC-1", "--format", "csv"]);
    for line in [
        "2026-11-20,amended,service-life - -> 8y; reason: 延保合同,tester",
        "2026-11-20,amended,warranty-until - -> 2026-12-15; reason: 延保合同,tester",
        "2026-11-21,amended,name 门诊电脑 -> 门诊电脑A; reason: 复核,tester",
        "2026-11-21,amended,service-life 8y -> 7y; reason: 复核,tester",
        "2026-11-22,amended,\"service-life 7y -> 10y; reason: from update.csv, line 2\",tester",
        "2026-11-22,amended,\"warranty-until 2026-12-15 -> 2027-06-30; reason: from update.csv, line 2\",tester",
    ] {
        assert!(history.contains(line), "{line}\n{history}");
    }
    // Depreciation takes the amended life: 5999.00 over 120 months from July 2019.
    env.run(&[
        "--as-of",
        "2026-11-30",
        "asset",
        "depreciation",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("PC-1,门诊电脑A,desktop,内科,2019-06-10,10y,5999.00,0.00,49.99,");
    env.run(&["audit", "verify"]).success();
}
