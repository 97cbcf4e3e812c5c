//! English and Chinese output: headers, the tool's own values, finding
//! messages. Data is never translated, and CSV/JSON keys never change.

use crate::support::Env;

fn sample() -> Env {
    let env = Env::with_org();
    env.ok(&[
        "asset",
        "register",
        "--kind",
        "laptop",
        "--name",
        "外网涉密本",
        "--custodian",
        "王伟",
        "--classified",
        "--network",
        "external",
        "--tag",
        "A1",
    ]);
    env
}

#[test]
fn chinese_tables_translate_headers_and_values_but_not_data() {
    let env = sample();
    let out = env.run(&["--lang", "zh", "asset", "list"]).success().stdout;
    assert!(
        out.contains("资产编号") && out.contains("第一责任人") && out.contains("状态"),
        "{out}"
    );
    assert!(out.contains("笔记本电脑") && out.contains("在用"), "{out}");
    assert!(out.contains("外网涉密本"), "{out}");
    // Every line is as wide on screen.
    let width = |l: &str| -> usize {
        l.chars()
            .map(|c| {
                if ('\u{2e80}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c)
                {
                    2
                } else {
                    1
                }
            })
            .sum()
    };
    let widths: Vec<usize> = out.lines().map(width).collect();
    assert!(widths.iter().all(|w| *w == widths[0]), "{out}");
    let en = env.run(&["--lang", "en", "asset", "list"]).success().stdout;
    assert!(
        en.contains("Custodian") && en.contains("laptop") && en.contains("in-use"),
        "{en}"
    );
}

#[test]
fn csv_and_json_keep_stable_keys_in_every_language() {
    let env = sample();
    let zh = env
        .run(&["--lang", "zh", "asset", "list", "--format", "csv"])
        .success()
        .stdout;
    let en = env
        .run(&["--lang", "en", "asset", "list", "--format", "csv"])
        .success()
        .stdout;
    assert_eq!(zh, en);
    assert!(zh.starts_with("tag,kind,name"));
}

#[test]
fn finding_messages_in_chinese() {
    let env = sample();
    env.ok(&["dept", "add", "外科"]);
    let out = env.run(&["--lang", "zh", "audit", "check"]).code(2).stdout;
    assert!(out.contains("涉密设备接入外网（责任人 王伟）"), "{out}");
    assert!(out.contains("部门未指定信息员"), "{out}");
    assert!(out.contains("在用但未登记存放地点"), "{out}");
    assert!(out.contains("严重") && out.contains("警告"), "{out}");
    let nagios = env
        .run(&["--lang", "zh", "audit", "check", "--nagios"])
        .code(2)
        .stdout;
    assert!(
        nagios.starts_with("COMPLIANCE CRITICAL - 1 critical, 2 warning"),
        "{nagios}"
    );
    assert!(nagios.contains("涉密设备接入外网"), "{nagios}");
    let en = env.run(&["--lang", "en", "audit", "check"]).code(2).stdout;
    assert!(
        en.contains("is classified (涉密) and connected to an external network (custodian 王伟)"),
        "{en}"
    );
}

#[test]
fn language_comes_from_the_flag_the_config_or_the_locale() {
    let env = sample();
    let header = |run: crate::support::Run| {
        run.success()
            .stdout
            .lines()
            .nth(1)
            .unwrap_or("")
            .to_string()
    };
    assert!(
        header(env.run_env(&["asset", "list"], &[("LANG", "zh_CN.UTF-8")])).contains("资产编号")
    );
    assert!(header(env.run_env(&["asset", "list"], &[("LANG", "en_US.UTF-8")])).contains("Tag"));
    let cfg = env.write("zh.toml", "lang = \"zh\"\n");
    assert!(
        header(env.run(&["--config", cfg.to_str().unwrap(), "asset", "list"])).contains("资产编号")
    );
    assert!(
        header(env.run(&[
            "--config",
            cfg.to_str().unwrap(),
            "--lang",
            "en",
            "asset",
            "list"
        ]))
        .contains("Tag")
    );
    assert!(
        header(env.run_env(&["asset", "list"], &[("INFOGOV_LANG", "zh")])).contains("资产编号")
    );
}

// Every area, in both languages: a check's messages in Chinese, a table's
// headers and the tool's own values in Chinese with the data untouched, and
// CSV/JSON byte-identical whatever the language.

fn at(env: &Env, date: &str, args: &[&str]) -> crate::support::Run {
    let mut v = vec!["--as-of", date];
    v.extend_from_slice(args);
    env.run(&v)
}

fn zh(env: &Env, date: &str, args: &[&str]) -> crate::support::Run {
    let mut v = vec!["--lang", "zh"];
    v.extend_from_slice(args);
    at(env, date, &v)
}

/// CSV and JSON of a listing are the same bytes in both languages.
fn same_in_both_languages(env: &Env, date: &str, args: &[&str]) -> String {
    let out = |lang: &str, format: &str| {
        let mut v = vec!["--lang", lang, "--format", format];
        v.extend_from_slice(args);
        at(env, date, &v).success().stdout
    };
    let csv = out("zh", "csv");
    assert_eq!(csv, out("en", "csv"), "{args:?}");
    assert_eq!(out("zh", "json"), out("en", "json"), "{args:?}");
    assert!(csv.lines().count() > 1, "{args:?} listed nothing:\n{csv}");
    csv
}

#[test]
fn org_in_chinese() {
    let env = Env::with_org();
    env.ok(&["dept", "add", "外科"]);
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    zh(&env, "2026-03-01", &["audit", "check", "--only", "org"])
        .code(1)
        .stdout_has("部门未指定信息员；请用 `infogov dept liaison` 指定")
        .stdout_has("组织");
    zh(&env, "2026-03-01", &["person", "list"])
        .success()
        .stdout_has("角色")
        .stdout_has("审批人")
        .stdout_has("张院长");
    zh(&env, "2026-03-01", &["system", "list"])
        .success()
        .stdout_has("主管部门")
        .stdout_has("运行");
    same_in_both_languages(&env, "2026-03-01", &["dept", "list"]);
    same_in_both_languages(&env, "2026-03-01", &["person", "list"]);
    let csv = same_in_both_languages(&env, "2026-03-01", &["system", "list"]);
    assert!(csv.contains("in-service"), "{csv}");
    // A check with nothing to report says so in the chosen language.
    zh(&env, "2026-03-01", &["audit", "check", "--only", "grade"])
        .code(2)
        .stdout_has("已投入运行但未定级");
    zh(&env, "2026-03-01", &["asset", "check"])
        .success()
        .stdout_is("ASSET OK - 未发现问题\n");
}

#[test]
fn assets_in_chinese() {
    let env = sample();
    zh(&env, "2026-03-01", &["asset", "check"])
        .code(2)
        .stdout_has("涉密设备接入外网（责任人 王伟）");
    zh(&env, "2026-03-01", &["asset", "report", "--by", "status"])
        .success()
        .stdout_has("未计价")
        .stdout_has("在用")
        .stdout_has("合计");
    zh(&env, "2026-03-01", &["asset", "history", "A1"])
        .success()
        .stdout_has("事项")
        .stdout_has("登记");
    let csv = same_in_both_languages(&env, "2026-03-01", &["asset", "report", "--by", "status"]);
    assert!(csv.contains("TOTAL") && csv.contains("in-use"), "{csv}");
    same_in_both_languages(&env, "2026-03-01", &["asset", "history", "A1"]);
    same_in_both_languages(&env, "2026-03-01", &["asset", "show", "A1"]);
}

#[test]
fn software_in_chinese() {
    let env = sample();
    env.ok(&[
        "asset",
        "software",
        "allow",
        "WPS Office",
        "--version-pattern",
        "11.*",
    ]);
    env.write(
        "inv.csv",
        "tag,software,version\nA1,WPS Office,11.1\nA1,迅雷,9.0\n",
    );
    at(
        &env,
        "2026-03-01",
        &["asset", "software", "import", "inv.csv"],
    )
    .success();
    zh(&env, "2026-03-02", &["asset", "software", "check"])
        .code(1)
        .stdout_has(
            "安装了未列入准许清单的软件 迅雷 9.0（责任人 王伟，内科；清单导入于 2026-03-01）",
        )
        .stdout_has("软件");
    let table = zh(&env, "2026-03-02", &["asset", "software", "inventory"])
        .success()
        .stdout;
    assert!(
        table.contains("已批准") && table.contains("导入日期"),
        "{table}"
    );
    assert!(table.contains("是") && table.contains("否"), "{table}");
    assert!(
        table.contains("WPS Office") && !table.contains("yes"),
        "{table}"
    );
    zh(&env, "2026-03-02", &["asset", "software", "list"])
        .success()
        .stdout_has("版本范围")
        .stdout_has("设备数");
    let csv = same_in_both_languages(&env, "2026-03-02", &["asset", "software", "inventory"]);
    assert!(csv.contains("A1,内科,王伟,迅雷,9.0,no,2026-03-01"), "{csv}");
    same_in_both_languages(&env, "2026-03-02", &["asset", "software", "list"]);
}

#[test]
fn requests_in_chinese() {
    let env = Env::with_org();
    let new = [
        "--actor",
        "王伟",
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
        "台式机;2",
    ];
    at(&env, "2026-03-01", &new).success();
    at(
        &env,
        "2026-03-02",
        &["--actor", "王伟", "request", "submit", "1"],
    )
    .success();
    zh(&env, "2026-03-20", &["request", "check"])
        .code(1)
        .stdout_has(
            "《信息化配置申请》（内科）自 2026-03-02 起等待信息科审核已 18 天，超过 14 天的时限",
        );
    zh(&env, "2026-03-20", &["request", "list"])
        .success()
        .stdout_has("下一步")
        .stdout_has("配置申请")
        .stdout_has("已提交")
        .stdout_has("信息科：审核通过或驳回；申请人：撤回")
        .stdout_has("门诊电脑更新");
    let csv = same_in_both_languages(&env, "2026-03-20", &["request", "list"]);
    assert!(
        csv.contains("config-change") && csv.contains("submitted"),
        "{csv}"
    );
}

fn consumables(env: &Env) {
    let run = |date: &str, args: &[&str]| at(env, date, args).success();
    run(
        "2026-01-02",
        &[
            "consumable",
            "item",
            "add",
            "TON-88A",
            "--name",
            "HP 88A 硒鼓",
            "--category",
            "toner",
            "--unit",
            "盒",
            "--reorder-level",
            "5",
        ],
    );
    run(
        "2026-01-02",
        &[
            "consumable",
            "receive",
            "TON-88A",
            "6",
            "--unit-cost",
            "450",
            "--unplanned",
            "--reason",
            "期初库存",
        ],
    );
    run(
        "2026-01-02",
        &[
            "consumable",
            "quota",
            "set",
            "--dept",
            "内科",
            "--category",
            "toner",
            "--from-quarter",
            "2026Q1",
            "--qty",
            "1",
        ],
    );
    run(
        "2026-01-03",
        &[
            "consumable",
            "issue",
            "TON-88A",
            "1",
            "--dept",
            "内科",
            "--to",
            "王伟",
        ],
    );
    run(
        "2026-01-04",
        &[
            "consumable",
            "issue",
            "TON-88A",
            "1",
            "--dept",
            "内科",
            "--over-quota",
            "--reason",
            "急用",
        ],
    );
    run(
        "2026-01-05",
        &["consumable", "adjust", "TON-88A", "-1", "--reason", "损坏"],
    );
}

#[test]
fn consumables_in_chinese() {
    let env = Env::with_org();
    consumables(&env);
    zh(&env, "2026-01-10", &["consumable", "check"])
        .code(1)
        .stdout_has("库存 3 盒，低于最低库存 5；请及时采购")
        .stdout_has("2026Q1 领用 2，超过定额 1（200.0%）")
        .stdout_has("耗材");
    let ledger = zh(&env, "2026-01-10", &["consumable", "ledger"])
        .success()
        .stdout;
    for part in [
        "结存",
        "超定额",
        "入库",
        "领用",
        "盘点调整",
        "急用",
        "HP 88A 硒鼓",
    ] {
        assert!(ledger.contains(part), "{part}: {ledger}");
    }
    zh(&env, "2026-01-10", &["consumable", "stock"])
        .success()
        .stdout_has("低于最低库存")
        .stdout_has("是")
        .stdout_has("合计");
    zh(&env, "2026-01-10", &["consumable", "quota", "list"])
        .success()
        .stdout_has("适用范围")
        .stdout_has("自该季度起");
    zh(&env, "2026-01-10", &["consumable", "assess"])
        .success()
        .stdout_has("超额")
        .stdout_has("是");
    let csv = same_in_both_languages(&env, "2026-01-10", &["consumable", "ledger"]);
    assert!(csv.contains(",adjust,") && csv.contains(",issue,"), "{csv}");
    same_in_both_languages(&env, "2026-01-10", &["consumable", "stock"]);
    same_in_both_languages(&env, "2026-01-10", &["consumable", "quota", "list"]);
    same_in_both_languages(
        &env,
        "2026-01-10",
        &["consumable", "ledger", "--by", "dept"],
    );
}

#[test]
fn grading_in_chinese() {
    let env = Env::with_org();
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env.ok(&["system", "add", "PACS", "--owner-dept", "信息科"]);
    at(
        &env,
        "2026-01-01",
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
    at(
        &env,
        "2026-02-02",
        &[
            "grade",
            "evaluate",
            "HIS",
            "--date",
            "2026-02-02",
            "--agency",
            "某某测评中心",
            "--result",
            "nonconform",
        ],
    )
    .success();
    at(
        &env,
        "2026-02-10",
        &[
            "grade",
            "rectify",
            "add",
            "HIS",
            "--item",
            "部署日志审计",
            "--due",
            "2026-03-31",
        ],
    )
    .success();
    let check = zh(&env, "2026-06-30", &["grade", "check"]).code(2).stdout;
    for part in [
        "定为第三级（2026-01-01 起）尚未备案；备案期限 2026-01-31 已过",
        "2026-02-02 的第 1 号等级测评结论为不符合，但未登记整改事项",
        "整改事项“部署日志审计”应于 2026-03-31 前完成，已逾期 91 天",
        "已投入运行但未定级",
        "等级保护",
    ] {
        assert!(check.contains(part), "{part}: {check}");
    }
    zh(&env, "2026-06-30", &["grade", "list"])
        .success()
        .stdout_has("结论")
        .stdout_has("不符合")
        .stdout_has("监督保护级");
    zh(&env, "2026-06-30", &["grade", "show", "HIS"])
        .success()
        .stdout_has("定级")
        .stdout_has("等级测评")
        .stdout_has("备案期限");
    zh(&env, "2026-06-30", &["grade", "rectify", "list"])
        .success()
        .stdout_has("事项")
        .stdout_has("逾期");
    let csv = same_in_both_languages(&env, "2026-06-30", &["grade", "list"]);
    assert!(csv.contains("nonconform"), "{csv}");
    same_in_both_languages(&env, "2026-06-30", &["grade", "show", "HIS"]);
    same_in_both_languages(&env, "2026-06-30", &["grade", "rectify", "list"]);
}

#[test]
fn duties_in_chinese() {
    let env = Env::with_org();
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    let ok = |date: &str, args: &[&str]| at(&env, date, args).success();
    ok(
        "2026-01-01",
        &[
            "duty",
            "add",
            "例会",
            "--every",
            "2w",
            "--owner",
            "信息科",
            "--ref",
            "DUT-1",
        ],
    );
    ok(
        "2026-01-01",
        &["duty", "add", "培训", "--every", "1y", "--ref", "DUT-4"],
    );
    ok(
        "2026-01-01",
        &[
            "duty",
            "add",
            "查杀",
            "--every",
            "1mo",
            "--counts",
            "virus-scan",
        ],
    );
    ok("2026-01-01", &["duty", "add", "旧事项", "--every", "1q"]);
    ok(
        "2026-01-01",
        &[
            "duty",
            "add",
            "password:HIS",
            "--every",
            "90d",
            "--ref",
            "SEC-1",
            "--scope",
            "system:HIS",
        ],
    );
    ok(
        "2026-02-01",
        &["duty", "retire", "旧事项", "--reason", "合并"],
    );
    ok(
        "2026-02-20",
        &["duty", "done", "查杀", "--note", "全院查杀"],
    );
    let check = zh(&env, "2026-04-10", &["duty", "check"]).code(2).stdout;
    for part in [
        "应于 2026-01-15 完成，已逾期 85 天（超过一个完整周期）；周期 2 周，自 2026-01-01 添加以来从未完成；负责人 信息科",
        "应于 2026-03-20 完成，已逾期 21 天；周期 1 个月，上次完成 2026-02-20",
        "HIS 的口令已超过 90 天未更换（自 2026-01-01 开始登记以来无更换记录）；应于 2026-04-01 更换，已逾期 9 天",
        "职责",
    ] {
        assert!(check.contains(part), "{part}: {check}");
    }
    let list = zh(&env, "2026-04-10", &["duty", "list", "--all"])
        .success()
        .stdout;
    for part in ["下次到期", "严重逾期", "逾期", "正常", "已停用", "例会"] {
        assert!(list.contains(part), "{part}: {list}");
    }
    zh(&env, "2026-04-10", &["duty", "show", "查杀"])
        .success()
        .stdout_has("计入")
        .stdout_has("维护记录：病毒查杀");
    zh(&env, "2026-04-10", &["duty", "history", "查杀"])
        .success()
        .stdout_has("来源")
        .stdout_has("完成登记");
    let csv = same_in_both_languages(&env, "2026-04-10", &["duty", "list", "--all"]);
    assert!(csv.contains(",missed") && csv.contains(",retired"), "{csv}");
    same_in_both_languages(&env, "2026-04-10", &["duty", "history", "查杀"]);
}

#[test]
fn the_audit_trail_in_chinese() {
    let env = sample();
    env.sql("UPDATE asset SET name = '改名' WHERE tag = 'A1'");
    zh(&env, "2026-03-01", &["audit", "verify"])
        .code(2)
        .stdout_has("与最后一次审计记录不符（绕过本工具修改）")
        .stdout_has("审计");
    zh(&env, "2026-03-01", &["audit", "log"])
        .success()
        .stdout_has("操作人")
        .stdout_has("新增");
    let csv = same_in_both_languages(&env, "2026-03-01", &["audit", "log"]);
    assert!(csv.contains(",insert,"), "{csv}");
}

#[test]
fn backups_in_chinese() {
    let env = Env::with_org();
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env.ok(&["system", "add", "OA", "--owner-dept", "信息科"]);
    env.ok(&[
        "--as-of",
        "2026-11-01",
        "backup",
        "policy",
        "HIS",
        "--full",
        "7d",
        "--offsite",
        "7d",
    ]);
    env.ok(&[
        "--as-of",
        "2026-11-10",
        "backup",
        "record",
        "HIS",
        "--kind",
        "full",
        "--finished",
        "2026-11-10 02:00",
    ]);
    let out = env
        .run(&["--as-of", "2026-11-20", "--lang", "zh", "backup", "check"])
        .code(2)
        .stdout;
    for part in [
        "最近一次成功的全量备份完成于",
        "已超过限值",
        "没有成功的异地备份记录",
        "未设定备份策略",
        "数据备份",
    ] {
        assert!(out.contains(part), "{part}: {out}");
    }
    let zh = env
        .run(&["--lang", "zh", "backup", "runs", "--format", "csv"])
        .success()
        .stdout;
    let en = env
        .run(&["--lang", "en", "backup", "runs", "--format", "csv"])
        .success()
        .stdout;
    assert_eq!(zh, en);
}
