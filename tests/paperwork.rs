//! Paperwork for people: tables that fit a terminal, workbooks, the printable
//! forms, `--output` written whole or not at all.

use calamine::{Data, Reader, Xlsx, open_workbook};
use unicode_width::UnicodeWidthStr;

use crate::support::Env;

/// A register with long asset names, a backup history and requests: wide
/// enough that no listing fits 80 columns by itself.
fn office() -> Env {
    let env = Env::with_org();
    env.ok(&["init", "--timezone", "Asia/Shanghai"]);
    for (i, dept) in ["内科", "内科", "信息科"].iter().enumerate() {
        env.ok(&[
            "--no-input",
            "asset",
            "register",
            "--tag",
            &format!("IT-2026-000{}", i + 1),
            "--kind",
            "desktop",
            "--name",
            &format!("联想启天M437 第{}台 门诊挂号收费用台式计算机", i + 1),
            "--model",
            "M437-i5-16G-512G",
            "--purchased",
            "2026-03-15",
            "--price",
            "4999.50",
            "--dept",
            dept,
            "--location",
            "门诊楼2层挂号收费处",
        ]);
    }
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env.ok(&["backup", "policy", "HIS", "--full", "1d"]);
    env.ok(&[
        "backup",
        "record",
        "HIS",
        "--kind",
        "full",
        "--finished",
        "2026-11-27 01:42",
        "--tool",
        "pg_dump",
        "--id",
        "his-20261127-full-0142-with-a-long-identifier",
        "--checksum",
        "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "--note",
        "nightly full dump of the HIS database to the backup server in the machine room",
    ]);
    env
}

/// 50 reams of paper received, a quota of 20 for 内科 in 2026Q4, and 25
/// issued to 内科 over it: the consumables the forms and the report show.
pub(crate) fn paper_used_over_quota(env: &Env) {
    env.ok(&[
        "--as-of",
        "2026-10-02",
        "consumable",
        "receive",
        "PAP-A4",
        "50",
        "--unplanned",
        "--reason",
        "期初库存",
    ]);
    env.ok(&[
        "consumable",
        "quota",
        "set",
        "--dept",
        "内科",
        "--category",
        "paper",
        "--from-quarter",
        "2026Q4",
        "--qty",
        "20",
    ]);
    env.ok(&[
        "--as-of",
        "2026-11-20",
        "consumable",
        "issue",
        "PAP-A4",
        "25",
        "--dept",
        "内科",
        "--over-quota",
        "--reason",
        "年底病历打印",
    ]);
}

/// Runs infogov in a real terminal of 80 columns; returns what it printed.
fn on_terminal(env: &Env, args: &str) -> (i32, String) {
    let out = env
        .shell(&format!(
            "script -qec \"stty cols 80 rows 50; $INFOGOV {args}\" /dev/null"
        ))
        .output()
        .expect("script (util-linux)");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).replace('\r', ""),
    )
}

#[test]
fn tables_fit_an_80_column_terminal() {
    let env = office();
    for args in [
        "audit log",
        "backup runs",
        "asset list",
        "--lang zh asset list",
        "asset list --wide",
        "--as-of 2026-11-28 audit report",
        "--as-of 2026-11-28 audit check",
        "--lang zh --as-of 2026-11-28 audit check",
        "asset show IT-2026-0001",
    ] {
        let (_, shown) = on_terminal(&env, args);
        assert!(shown.contains('┌'), "{args}: no table\n{shown}");
        for line in shown.lines() {
            assert!(
                line.width() <= 80,
                "{args}: a line of {} columns\n{line}\n{shown}",
                line.width()
            );
        }
    }
    // A readable default set on a terminal; every column with --wide or piped.
    let (_, log) = on_terminal(&env, "audit log");
    assert!(log.contains("Action") && !log.contains("Os User"), "{log}");
    let (_, wide) = on_terminal(&env, "audit log --wide");
    assert!(wide.contains("Row"), "{wide}");
    let piped = env.ok(&["backup", "runs"]);
    assert!(piped.contains("his-20261127-full-0142-with-a-long-identifier"));
    assert!(
        piped.lines().next().unwrap().width() > 80,
        "piped keeps every column"
    );
}

#[test]
fn columns_are_chosen_by_key_and_checked() {
    let env = office();
    env.run(&["asset", "list", "--columns", "tag,price", "--format", "csv"])
        .success()
        .stdout_is("tag,price\nIT-2026-0001,4999.50\nIT-2026-0002,4999.50\nIT-2026-0003,4999.50\n");
    env.run(&["asset", "list", "--columns", "tag,cost"])
        .error(&["--columns", "\"cost\" is not a column", "price"]);
}

fn sheet(path: &std::path::Path) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("a workbook calamine reads");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("the first sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

fn unzip(path: &std::path::Path, member: &str) -> String {
    let out = std::process::Command::new("unzip")
        .arg("-p")
        .arg(path)
        .arg(member)
        .output()
        .expect("unzip");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn asset_list_as_a_workbook() {
    let env = office();
    let file = env.path("assets.xlsx");
    env.run(&[
        "--lang",
        "zh",
        "asset",
        "list",
        "--format",
        "xlsx",
        "--output",
        file.to_str().unwrap(),
        "--columns",
        "tag,name,dept,purchased,price",
    ])
    .success()
    .stdout_is("");
    // With --columns it is the listing; without, the register by department.
    let rows = sheet(&file);
    assert_eq!(
        rows[0],
        ["资产编号", "名称", "部门", "购置日期", "价格"].map(|s| Data::String(s.into()))
    );
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[1][0], Data::String("IT-2026-0001".into()));
    assert!(matches!(rows[1][3], Data::DateTime(_)), "{:?}", rows[1][3]);
    if let Data::DateTime(d) = &rows[1][3] {
        // 2026-03-15 as an Excel serial day.
        assert_eq!(d.as_f64(), 46096.0);
    }
    assert_eq!(rows[1][4], Data::Float(4999.5));
    let styles = unzip(&file, "xl/styles.xml");
    assert!(styles.contains("¥#,##0.00"), "{styles}");
    let sheet1 = unzip(&file, "xl/worksheets/sheet1.xml");
    assert!(sheet1.contains("ySplit=\"1\"") && sheet1.contains("state=\"frozen\""));
    assert!(sheet1.contains("<col "), "column widths are set");
}

#[test]
fn times_in_a_workbook_are_local_date_cells() {
    let env = office();
    let out = env
        .command(&["backup", "runs", "--format", "xlsx"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let file = env.path("runs.xlsx");
    std::fs::write(&file, &out.stdout).unwrap();
    let rows = sheet(&file);
    // The columns as `backup runs` has them: id, system, kind, started, finished ...
    assert_eq!(rows[0][4], Data::String("Finished".into()));
    match &rows[1][4] {
        // 2026-11-27 01:42 Beijing time, as typed (not 17:42 the day before).
        Data::DateTime(d) => {
            let serial = d.as_f64();
            let minutes = ((serial - serial.floor()) * 24.0 * 60.0).round();
            assert_eq!(serial.floor(), 46353.0, "2026-11-27");
            assert_eq!(minutes, 102.0, "01:42");
        }
        other => panic!("not a date cell: {other:?}"),
    }
}

#[test]
fn output_is_refused_where_it_cannot_go_and_nothing_is_left_behind() {
    let env = office();
    let (code, shown) = on_terminal(&env, "asset list --format xlsx");
    assert_eq!(code, 1, "{shown}");
    assert!(shown.contains("error: --format xlsx: a workbook is not for a terminal"));
    env.run(&[
        "asset",
        "list",
        "--format",
        "xlsx",
        "--output",
        "nowhere/a.xlsx",
    ])
    .error(&["--output", "nowhere", "does not exist"]);
    std::fs::create_dir(env.path("dir")).unwrap();
    env.run(&["asset", "list", "--format", "csv", "--output", "dir"])
        .error(&["--output", "is a directory"]);
    // A command that fails leaves no file, not even half of one.
    env.run(&[
        "asset", "list", "--dept", "外科", "--format", "xlsx", "--output", "x.xlsx",
    ])
    .error(&["--dept"]);
    assert!(!env.path("x.xlsx").exists());
    let names: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
    env.run(&["asset", "list", "--format", "csv", "--output", "a.csv"])
        .success()
        .stdout_is("");
    assert!(
        std::fs::read_to_string(env.path("a.csv"))
            .unwrap()
            .starts_with("tag,kind")
    );
}

/// A config-change request filed, submitted, reviewed and approved.
fn approved_request(env: &Env) {
    let run = |actor: &str, day: &str, args: &[&str]| {
        let mut v = vec!["--actor", actor, "--as-of", day];
        v.extend_from_slice(args);
        env.ok(&v);
    };
    run(
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
            "打印机;1;;1200",
        ],
    );
    run("王伟", "2026-03-02", &["request", "submit", "1"]);
    run(
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
    );
    run("张院长", "2026-03-04", &["request", "approve", "1"]);
}

#[test]
fn a_request_prints_as_its_form() {
    let env = Env::with_org();
    let config = env.write("config.toml", "organisation = \"某某市人民医院\"\n");
    approved_request(&env);
    let html = env
        .run(&[
            "--config",
            config.to_str().unwrap(),
            "--lang",
            "zh",
            "request",
            "export",
            "1",
            "--format",
            "html",
        ])
        .success()
        .stdout;
    for part in [
        "<h1>《信息化配置申请》</h1>",
        "某某市人民医院",
        "@page { size: A4",
        "门诊电脑更新",
        "台式机",
        "i5/16G/512G",
        "¥11198.00",
        "合计",
        "申请人：</b>王伟",
        "审核：</b>李娜<br><span class=\"muted\">2026-03-03",
        "审批：</b>张院长<br><span class=\"muted\">2026-03-04",
    ] {
        assert!(html.contains(part), "lacks {part:?}\n{html}");
    }
    assert!(!html.contains("http") && !html.contains("<script"));
    let file = env.path("form.xlsx");
    env.ok(&[
        "request",
        "export",
        "1",
        "--format",
        "xlsx",
        "--output",
        file.to_str().unwrap(),
    ]);
    let cells: Vec<Data> = sheet(&file).into_iter().flatten().collect();
    for s in ["《信息化配置申请》", "台式机", "Total", "张院长", "李娜"] {
        assert!(
            cells.iter().any(|c| *c == Data::String(s.into())),
            "lacks {s}: {cells:?}"
        );
    }
    assert!(cells.contains(&Data::Float(11198.0)), "{cells:?}");
}

#[test]
fn the_quarterly_plan_prints_in_chinese() {
    let env = Env::with_org();
    for (sku, name, category, unit) in [
        ("TON-88A", "HP 88A 硒鼓", "toner", "box"),
        ("PAP-A4", "A4 复印纸", "paper", "ream"),
    ] {
        env.ok(&[
            "--as-of",
            "2026-10-01",
            "consumable",
            "item",
            "add",
            sku,
            "--name",
            name,
            "--category",
            category,
            "--unit",
            unit,
            "--reorder-level",
            "5",
        ]);
        env.ok(&[
            "--as-of",
            "2026-10-02",
            "consumable",
            "receive",
            sku,
            "1",
            "--unit-cost",
            "24.50",
            "--unplanned",
            "--reason",
            "期初库存",
        ]);
    }
    let html = env
        .run(&[
            "--as-of",
            "2026-12-20",
            "consumable",
            "plan",
            "--quarter",
            "2027Q1",
            "--format",
            "html",
        ])
        .success()
        .stdout;
    for part in [
        "《耗材采购季度计划》",
        "2027Q1（2027-01-01 至 2027-03-31）",
        "<th>品类</th>",
        "<th>单位</th>",
        "<td>纸张</td>",
        "<td>硒鼓/墨粉</td>",
        "<td>令</td>",
        "合计",
        "审批：",
    ] {
        assert!(html.contains(part), "lacks {part:?}\n{html}");
    }
    assert!(!html.contains("<td>paper</td>") && !html.contains("TOTAL"));
}

#[test]
fn the_asset_register_prints_by_department() {
    let env = office();
    let html = env
        .run(&["--as-of", "2026-11-28", "asset", "list", "--format", "html"])
        .success()
        .stdout;
    for part in [
        "<h1>资产登记表</h1>",
        "截至 2026-11-28",
        "<h2>内科</h2>",
        "<h2>信息科</h2>",
        "合计 2 件",
        "¥9999.00",
        "¥14998.50",
        "登记人：</b>tester",
    ] {
        assert!(html.contains(part), "lacks {part:?}\n{html}");
    }
}

#[test]
fn chinese_throughout() {
    let env = Env::with_org();
    env.ok(&["init", "--timezone", "Asia/Shanghai"]);
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env.ok(&["system", "add", "ERP", "--owner-dept", "信息科"]);
    env.ok(&["backup", "policy", "HIS", "--full", "12h"]);
    env.ok(&["backup", "policy", "ERP", "--full", "1d"]);
    env.ok(&[
        "--as-of",
        "2026-11-28",
        "backup",
        "record",
        "HIS",
        "--kind",
        "full",
        "--finished",
        "2026-11-28 01:42",
    ]);
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
        "--reorder-level",
        "30",
    ]);
    paper_used_over_quota(&env);
    env.ok(&["duty", "seed"]);
    let check = env
        .run(&[
            "--lang",
            "zh",
            "--as-of",
            "2026-11-28T15:08:00+08:00",
            "audit",
            "check",
            "--format",
            "csv",
        ])
        .stdout;
    for part in [
        // periods in Chinese words, times local
        "完成于 2026-11-28 01:42（13小时26分钟前）：已超过限值 12 小时",
        "备份策略要求每天一次",
        // categories and units
        ",内科 纸张,",
        "库存 25 令",
    ] {
        assert!(check.contains(part), "lacks {part:?}\n{check}");
    }
    for english in ["13h 26m", "内科 paper", " ream", "every 1d"] {
        assert!(!check.contains(english), "has {english:?}\n{check}");
    }
    // Duty names and how often.
    env.run(&["--lang", "zh", "duty", "list"])
        .success()
        .stdout_has("信息化领导小组例会")
        .stdout_has("每两周")
        .stdout_lacks("leading-group-meeting");
    // Errors of this tool's own making.
    env.run(&["--lang", "zh", "asset", "list", "--output", "nowhere/a.csv"])
        .error(&["--output：目录 nowhere 不存在"]);
    env.run(&["--lang", "zh", "asset", "list", "--columns", "cost"])
        .error(&["--columns：\"cost\" 不是此列表的列"]);
    env.run(&["--lang", "zh", "init", "--timezone", "Beijing"])
        .error(&["--timezone：\"Beijing\" 不是时区"]);
    env.run(&[
        "--lang",
        "zh",
        "--as-of",
        "2026-11-28T08:00:00Z",
        "backup",
        "record",
        "HIS",
        "--kind",
        "full",
        "--finished",
        "2026-11-28 18:00",
    ])
    .error(&[
        "--finished：2026-11-28 18:00 晚于当前时间（现在是 2026-11-28 16:00，Asia/Shanghai）",
    ]);
}

#[test]
fn the_period_report_as_a_workbook() {
    let env = office();
    let file = env.path("report.xlsx");
    env.run(&[
        "--lang",
        "zh",
        "--as-of",
        "2026-11-28",
        "audit",
        "report",
        "--format",
        "xlsx",
        "--output",
        file.to_str().unwrap(),
    ])
    .success();
    let rows = sheet(&file);
    assert_eq!(rows[0][0], Data::String("栏目".into()), "{:?}", rows[0]);
    let cells: Vec<Data> = rows.into_iter().flatten().collect();
    // The assets' value as a number, the period's days as date cells.
    assert!(cells.contains(&Data::Float(14998.5)), "{cells:?}");
    assert!(cells.iter().any(|c| matches!(c, Data::DateTime(_))));
}
