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
    assert!(out.contains("严重") && out.contains("警告"), "{out}");
    let nagios = env
        .run(&["--lang", "zh", "audit", "check", "--nagios"])
        .code(2)
        .stdout;
    assert!(
        nagios.starts_with("COMPLIANCE CRITICAL - 1 critical, 1 warning"),
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
