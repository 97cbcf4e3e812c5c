//! What the tool says in sentences, in both languages (issue 11): errors,
//! prompts on a terminal, what a command did, ages and periods. With
//! `--lang zh` (or `lang = "zh"` in the config) all of it is Chinese; in
//! English it stays as it was, word for word.

use crate::support::Env;

fn zh(env: &Env, args: &[&str]) -> crate::support::Run {
    let mut v = vec!["--lang", "zh"];
    v.extend_from_slice(args);
    env.run(&v)
}

#[test]
fn errors_in_chinese_and_in_english() {
    let env = Env::with_org();
    let run = zh(&env, &["asset", "show", "NOPE"]).code(1);
    assert_eq!(run.stderr, "错误：TAG：登记簿中没有资产 \"NOPE\"\n");
    let run = env.run(&["asset", "show", "NOPE"]).code(1);
    assert_eq!(
        run.stderr,
        "error: TAG: no asset \"NOPE\" in the register\n"
    );
    let run = env.run(&["--lang", "en", "asset", "show", "NOPE"]).code(1);
    assert_eq!(
        run.stderr,
        "error: TAG: no asset \"NOPE\" in the register\n"
    );

    // The language of the config file, when no flag is given.
    let cfg = env.write("zh.toml", "lang = \"zh\"\n");
    let cfg = cfg.to_str().unwrap();
    let run = env
        .run(&[
            "--config", cfg, "asset", "register", "--kind", "laptop", "--name", "X", "--dept",
            "外科",
        ])
        .code(1);
    assert_eq!(
        run.stderr,
        "错误：--dept：没有部门 \"外科\"；请用 `infogov dept add` 新增\n"
    );
    env.run(&["--config", cfg, "--lang", "en", "asset", "show", "NOPE"])
        .code(1)
        .stderr_has("error: TAG: no asset");

    // The accepted forms an error quotes are translated with it.
    zh(&env, &["--as-of", "明天", "audit", "check"])
        .code(3)
        .stderr_has("错误：--as-of：\"明天\" 不是日期时间；应为 RFC 3339（2026-11-28T02:00:00+08:00）、登记簿时区的");

    // A time in the future names the zone, in Chinese.
    zh(&env, &["system", "add", "HIS", "--owner-dept", "信息科"]).success();
    zh(
        &env,
        &[
            "backup",
            "record",
            "HIS",
            "--kind",
            "full",
            "--finished",
            "2099-01-01 00:00",
        ],
    )
    .code(1)
    .stderr_has("错误：--finished：2099-01-01 00:00 晚于当前时间");

    // Each bad row of an import is its own line, each in Chinese.
    let f = env.write(
        "bad.csv",
        "kind,name,custodian\ndesktop,PC,无名氏\nlaptop,L,无名氏\n",
    );
    let run = zh(&env, &["asset", "import", f.to_str().unwrap()]).code(1);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    assert!(
        lines.iter().all(|l| l.starts_with("错误：")),
        "{}",
        run.stderr
    );
    assert!(
        lines[0].contains("第 2 行 custodian 列")
            && lines[0].contains("未登记，且该行没有可将其加入的部门"),
        "{}",
        run.stderr
    );
    assert!(
        lines[2].ends_with("2 行有误；未导入任何内容"),
        "{}",
        run.stderr
    );
    // In English the same lines are as they were.
    env.run(&["asset", "import", f.to_str().unwrap()])
        .code(1)
        .stderr_has("error: ")
        .stderr_has("is not registered, and the row has no dept to add them to");
}

#[test]
fn what_a_command_did_in_chinese() {
    let env = Env::with_org();
    zh(&env, &["dept", "add", "外科"])
        .success()
        .stdout_is("已新增部门 外科\n");
    env.run(&["dept", "add", "儿科"])
        .success()
        .stdout_is("Added department 儿科\n");
    zh(
        &env,
        &[
            "asset", "register", "--kind", "laptop", "--name", "本", "--dept", "内科", "--tag",
            "A1",
        ],
    )
    .success()
    .stdout_is("已登记 A1\n");
    // The tool's own words in a sentence are Chinese too.
    zh(
        &env,
        &[
            "asset", "maintain", "A1", "--kind", "repair", "--note", "换屏",
        ],
    )
    .success()
    .stdout_is("已登记 A1 的维修记录\n");
    env.run(&[
        "asset",
        "maintain",
        "A1",
        "--kind",
        "repair",
        "--note",
        "换键盘",
    ])
    .success()
    .stdout_is("Recorded repair of A1\n");
    // A message of several lines, each translated.
    let init = zh(&env, &["init"]).success().stdout;
    assert!(
        init.starts_with("登记簿 ")
            && init.contains("已是最新（结构版本")
            && init.contains("\n时区：UTC"),
        "{init}"
    );
}

/// Types `keys` into `args` on a real terminal (`script`), as a person would.
fn on_a_terminal(env: &Env, keys: &str, args: &str) -> (bool, String) {
    let out = env
        .shell(&format!(
            "{keys} | script -qfec \"$INFOGOV {args}\" /dev/null"
        ))
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn prompts_in_chinese_on_a_terminal() {
    let env = Env::with_org();
    let keys = r"(sleep 1; printf '\r'; sleep 0.5; printf 'PC-A\r'; sleep 0.5; printf '\r'; sleep 0.5; printf '王伟\r'; sleep 1)";
    let (ok, screen) = on_a_terminal(&env, keys, "--lang zh asset register");
    assert!(ok, "{screen}");
    for part in [
        "类别",
        "台式机",
        "名称",
        "部门",
        "第一责任人（没有则留空）",
        "已登记 IT-2026-0001",
    ] {
        assert!(screen.contains(part), "{part}: {screen}");
    }
    assert!(!screen.contains("Custodian"), "{screen}");
    env.run(&["asset", "list", "--format", "csv"])
        .success()
        .stdout_has("IT-2026-0001,desktop,PC-A,,内科,王伟,");
    // The same questions in English.
    let (ok, screen) = on_a_terminal(&env, keys, "--lang en asset register");
    assert!(ok, "{screen}");
    for part in [
        "Kind",
        "desktop",
        "Name",
        "Department",
        "Custodian (first responsible person; empty for none)",
    ] {
        assert!(screen.contains(part), "{part}: {screen}");
    }
    assert!(!screen.contains("第一责任人"), "{screen}");
}

#[test]
fn ages_and_periods_in_chinese() {
    let env = Env::with_org();
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    let at = "2026-11-28 10:00";
    env.ok(&[
        "--as-of",
        at,
        "backup",
        "policy",
        "HIS",
        "--full",
        "12h",
        "--offsite",
        "1w",
    ]);
    env.ok(&[
        "--as-of",
        at,
        "backup",
        "record",
        "HIS",
        "--kind",
        "full",
        "--finished",
        "2026-11-27 20:34",
    ]);
    let check = zh(&env, &["--as-of", at, "backup", "check"]).code(2).stdout;
    assert!(
        check.contains("2026-11-27 20:34（13小时26分钟前）"),
        "{check}"
    );
    let check = env.run(&["--as-of", at, "backup", "check"]).code(2).stdout;
    assert!(check.contains("2026-11-27 20:34 (13h 26m ago)"), "{check}");

    let status = zh(&env, &["--as-of", at, "backup", "status", "--wide"])
        .success()
        .stdout;
    for part in ["13小时26分钟", "12 小时", "1 周", "从未"] {
        assert!(status.contains(part), "{part}: {status}");
    }
    let status = env
        .run(&["--as-of", at, "backup", "status", "--wide"])
        .success()
        .stdout;
    for part in ["13h 26m", "12h", "1w", "never"] {
        assert!(status.contains(part), "{part}: {status}");
    }
    // Scripts read the same English forms in both languages.
    let csv = |lang| {
        env.run(&[
            "--lang", lang, "--as-of", at, "backup", "status", "--format", "csv",
        ])
        .success()
        .stdout
    };
    assert_eq!(csv("zh"), csv("en"));
    assert!(csv("zh").contains("13h 26m"));

    env.ok(&["duty", "add", "巡查", "--every", "1d"]);
    env.ok(&["duty", "add", "口令检查", "--every", "90d"]);
    let list = zh(&env, &["duty", "list"]).success().stdout;
    assert!(list.contains("每天") && list.contains("每 90 天"), "{list}");
    let list = env.run(&["duty", "list"]).success().stdout;
    assert!(
        list.contains("1d") && list.contains("90d") && !list.contains("每"),
        "{list}"
    );
    zh(&env, &["duty", "add", "周报", "--every", "1w"])
        .success()
        .stdout_has("已新增职责 周报");
}

#[test]
fn the_plan_names_categories_units_and_sources_in_chinese() {
    let env = Env::with_org();
    let run = |args: &[&str]| {
        let mut v = vec!["--as-of", "2026-01-02"];
        v.extend_from_slice(args);
        env.run(&v).success()
    };
    run(&[
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
        "10",
    ]);
    run(&[
        "consumable",
        "receive",
        "PAP-A4",
        "4",
        "--unit-cost",
        "25",
        "--unplanned",
        "--reason",
        "期初库存",
    ]);
    let plan = zh(
        &env,
        &[
            "--as-of",
            "2026-01-02",
            "consumable",
            "plan",
            "--quarter",
            "2026Q1",
        ],
    )
    .success()
    .stdout;
    for part in ["纸张", "令", "无领用，也无申报需求；库存 4，最低库存 10"] {
        assert!(plan.contains(part), "{part}: {plan}");
    }
    let plan = env
        .run(&[
            "--as-of",
            "2026-01-02",
            "consumable",
            "plan",
            "--quarter",
            "2026Q1",
        ])
        .success()
        .stdout;
    assert!(
        plan.contains("no use or stated need; stock 4, reorder level 10"),
        "{plan}"
    );
}
