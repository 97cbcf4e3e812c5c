//! The asset register: registration, import, changes, reports and findings.

use crate::support::Env;

fn register_pc(env: &Env) -> String {
    register_pc_on(env, crate::support::TODAY)
}

/// The same PC, registered on `day`.
fn register_pc_on(env: &Env, day: &str) -> String {
    env.ok(&[
        "--as-of",
        day,
        "asset",
        "register",
        "--kind",
        "desktop",
        "--name",
        "联想启天M437",
        "--model",
        "M437",
        "--manufacturer",
        "联想",
        "--supplier",
        "某某科技",
        "--purchased",
        "2026-03-15",
        "--price",
        "4999.00",
        "--dept",
        "内科",
        "--custodian",
        "王伟",
        "--location",
        "门诊楼2层",
        "--serial",
        "SN123",
        "--specs",
        "i5/16G/512G",
    ])
}

#[test]
fn register_and_show_every_field() {
    let env = Env::with_org();
    let out = env.run(&[
        "--as-of",
        "2026-04-01",
        "asset",
        "register",
        "--kind",
        "desktop",
        "--name",
        "PC",
        "--dept",
        "内科",
        "--custodian",
        "王伟",
    ]);
    out.success().stdout_is("Registered IT-2026-0001\n");
    register_pc(&env);
    let show = env
        .run(&["asset", "show", "IT-2026-0002", "--format", "json"])
        .success()
        .json();
    // Every field as given, in the documented order, and nothing else.
    assert_eq!(
        show,
        serde_json::json!([{
            "tag": "IT-2026-0002",
            "kind": "desktop",
            "name": "联想启天M437",
            "model": "M437",
            "manufacturer": "联想",
            "supplier": "某某科技",
            "purchased": "2026-03-15",
            "price": 4999.0,
            "dept": "内科",
            "custodian": "王伟",
            "location": "门诊楼2层",
            "serial": "SN123",
            "specs": "i5/16G/512G",
            "classified": false,
            "network": "internal",
            "status": "in-use",
            "registered": "2026-11-28",
            "request": null,
            "service_life": null,
            "warranty_until": null,
            "isolated_by": null,
            "isolated_since": null
        }])
    );
    let keys: Vec<&String> = show[0].as_object().unwrap().keys().collect();
    assert_eq!(keys[..4], ["tag", "kind", "name", "model"]);
    // The one registered --as-of 2026-04-01 with only what is required.
    let first = env
        .run(&["asset", "show", "IT-2026-0001", "--format", "json"])
        .success()
        .json();
    assert_eq!(first[0]["registered"], "2026-04-01");
    assert_eq!(first[0]["manufacturer"], serde_json::Value::Null);
    // The table form is vertical and names every field, each beside its value.
    env.run(&["asset", "show", "IT-2026-0002"])
        .success()
        .stdout_is(
            "┌────────────────┬──────────────┐
│ Tag            ┆ IT-2026-0002 │
│ Kind           ┆ desktop      │
│ Name           ┆ 联想启天M437 │
│ Model          ┆ M437         │
│ Manufacturer   ┆ 联想         │
│ Supplier       ┆ 某某科技     │
│ Purchased      ┆ 2026-03-15   │
│ Price          ┆ 4999.00      │
│ Dept           ┆ 内科         │
│ Custodian      ┆ 王伟         │
│ Location       ┆ 门诊楼2层    │
│ Serial         ┆ SN123        │
│ Specs          ┆ i5/16G/512G  │
│ Classified     ┆ no           │
│ Network        ┆ internal     │
│ Status         ┆ in-use       │
│ Registered     ┆ 2026-11-28   │
│ Request        ┆              │
│ Service life   ┆              │
│ Warranty until ┆              │
│ Isolated by    ┆              │
│ Isolated since ┆              │
└────────────────┴──────────────┘
",
        );
}

#[test]
fn register_refuses_bad_input_naming_field_and_value() {
    let env = Env::with_org();
    let base = [
        "asset",
        "register",
        "--no-input",
        "--name",
        "PC",
        "--dept",
        "内科",
    ];
    env.run(&base).error(&["--kind: is required"]);
    let with = |extra: &[&str]| {
        let mut v: Vec<&str> = base.to_vec();
        v.extend_from_slice(&["--kind", "desktop"]);
        v.extend_from_slice(extra);
        env.run(&v)
    };
    with(&["--purchased", "2026-02-30"]).error(&["--purchased", "\"2026-02-30\"", "YYYY-MM-DD"]);
    with(&["--price", "12.345"]).error(&["--price", "\"12.345\""]);
    with(&["--price", "-5"]).error(&["--price", "negative"]);
    with(&["--custodian", "无名氏"]).error(&["--custodian", "no person \"无名氏\"", "person add"]);
    env.run(&[
        "asset", "register", "--kind", "desktop", "--name", "PC", "--dept", "骨科",
    ])
    .error(&["--dept", "no department \"骨科\""]);
    with(&["--tag", "A 1"]).error(&["--tag", "white space"]);
    env.run(&["asset", "register", "--kind", "deskop", "--name", "PC"])
        .error(&["--kind", "\"deskop\" is not one of desktop, laptop"]);
    with(&["--tag", "T1"]).success();
    with(&["--tag", "T1"]).error(&["--tag", "\"T1\" is already in the register"]);
    // Nothing half-written: only T1 is there, and the trail has one asset entry.
    assert_eq!(env.sql("SELECT count(*) FROM asset;").trim(), "1");
    assert_eq!(
        env.sql("SELECT count(*) FROM audit_log WHERE entity='asset';")
            .trim(),
        "1"
    );
}

#[test]
fn tags_are_generated_per_year_from_the_configured_prefix() {
    let env = Env::with_org();
    let cfg = env.write("c.toml", "[asset]\ntag_prefix = \"YY\"\n");
    let c = cfg.to_str().unwrap();
    for (date, tag) in [
        ("2026-01-01", "YY-2026-0001"),
        ("2026-05-01", "YY-2026-0002"),
        ("2027-01-01", "YY-2027-0001"),
    ] {
        env.run(&[
            "--config", c, "--as-of", date, "asset", "register", "--kind", "printer", "--name",
            "P", "--dept", "IT",
        ])
        .success()
        .stdout_is(&format!("Registered {tag}\n"));
    }
}

#[test]
fn custodian_implies_department() {
    let env = Env::with_org();
    env.ok(&[
        "asset",
        "register",
        "--kind",
        "laptop",
        "--name",
        "L",
        "--custodian",
        "李娜",
    ]);
    env.run(&["asset", "list", "--format", "csv"])
        .success()
        .stdout_has("IT-2026-0001,laptop,L,,信息科,李娜,");
}

const CSV: &str = "\u{feff}name,kind,dept,custodian,price,purchased,location,tag,classified,network\n\
联想台式机,desktop,内科,王伟,4999,2026-01-10,门诊楼,,否,internal\n\
惠普打印机,printer,内科,新同事,1200.5,2026-02-01,门诊楼,,,\n\
涉密笔记本,laptop,信息科,李娜,8000,,机房,SEC-1,是,none\n";

#[test]
fn import_a_file_with_new_custodians() {
    let env = Env::with_org();
    let f = env.write("assets.csv", CSV);
    env.run(&["asset", "import", f.to_str().unwrap()])
        .success()
        .stdout_has("imported 3 assets, added 1 people");
    env.run(&["asset", "list", "--format", "csv"])
        .success()
        .stdout_without(
            &["isolated_by"],
            "tag,kind,name,model,dept,custodian,location,status,purchased,price\n\
             IT-2026-0001,desktop,联想台式机,,内科,王伟,门诊楼,in-use,2026-01-10,4999.00\n\
             IT-2026-0002,printer,惠普打印机,,内科,新同事,门诊楼,in-use,2026-02-01,1200.50\n\
             SEC-1,laptop,涉密笔记本,,信息科,李娜,机房,in-use,,8000.00\n",
        );
    env.run(&["person", "list", "--dept", "内科", "--format", "csv"])
        .success()
        .stdout_has("新同事,内科,staff,1");
}

#[test]
fn import_reports_every_bad_row_and_writes_nothing() {
    let env = Env::with_org();
    let f = env.write(
        "bad.csv",
        "kind,name,dept,price,purchased\n\
         desktop,PC1,内科,100,2026-01-01\n\
         deskop,PC2,内科,100,2026-01-01\n\
         desktop,PC3,骨科,100,2026-01-01\n\
         desktop,PC4,内科,abc,2026-01-01\n\
         desktop,PC5,内科,100\n\
         desktop,PC6,内科,100,2026-13-01\n",
    );
    let before = env.sql("SELECT count(*) FROM audit_log;");
    let run = env.run(&["asset", "import", f.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 6, "{}", run.stderr);
    assert!(
        lines.iter().all(|l| l.starts_with("error: ")),
        "{}",
        run.stderr
    );
    assert!(
        lines[0].contains("bad.csv: line 3, column kind: \"deskop\" is not one of"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("line 4, column dept: no department \"骨科\""),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains("line 5, column price: \"abc\""),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].contains("line 6: the row has 4 fields but the header has 5"),
        "{}",
        lines[3]
    );
    assert!(
        lines[4].contains("line 7, column purchased: \"2026-13-01\""),
        "{}",
        lines[4]
    );
    assert!(
        lines[5].contains("5 bad rows; nothing was imported"),
        "{}",
        lines[5]
    );
    assert_eq!(env.sql("SELECT count(*) FROM asset;").trim(), "0");
    assert_eq!(env.sql("SELECT count(*) FROM audit_log;"), before);
}

#[test]
fn import_refuses_unknown_headers_and_duplicate_tags() {
    let env = Env::with_org();
    let f = env.write("h.csv", "kind,name,colour\ndesktop,PC,red\n");
    env.run(&["asset", "import", f.to_str().unwrap()])
        .error(&[
            "h.csv: line 1: unknown column \"colour\" (column 3); name the field of each with --map 'HEADER=FIELD'",
            "or leave it out with --ignore 'HEADER'",
        ]);
    let f = env.write("n.csv", "kind,dept\ndesktop,内科\n");
    env.run(&["asset", "import", f.to_str().unwrap()])
        .error(&["no column gives name (its header may be name, 资产名称"]);
    let f = env.write("d.csv", "tag,kind,name\nA1,desktop,PC\nA1,desktop,PC\n");
    env.run(&["asset", "import", f.to_str().unwrap()])
        .code(1)
        .stderr_has("line 3, column tag: \"A1\" is also the tag of line 2");
    env.run(&["asset", "import", "missing.csv"])
        .error(&["FILE", "missing.csv"]);
}

#[test]
fn import_dry_run_writes_nothing() {
    let env = Env::with_org();
    let f = env.write("assets.csv", CSV);
    env.run(&["asset", "import", "--dry-run", f.to_str().unwrap()])
        .success()
        .stdout_has("would import 3 assets and add 1 people (dry run, nothing written)");
    assert_eq!(env.sql("SELECT count(*) FROM asset;").trim(), "0");
    assert_eq!(
        env.sql("SELECT count(*) FROM person WHERE name='新同事';")
            .trim(),
        "0"
    );
}

#[test]
fn list_filters_and_search() {
    let env = Env::with_org();
    env.ok(&["asset", "import", env.write("a.csv", CSV).to_str().unwrap()]);
    let tags = |args: &[&str]| -> Vec<String> {
        let mut v = vec!["asset", "list", "--format", "json"];
        v.extend_from_slice(args);
        env.run(&v)
            .success()
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["tag"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(tags(&["--dept", "内科"]), ["IT-2026-0001", "IT-2026-0002"]);
    assert_eq!(tags(&["--dept", "IT"]), ["SEC-1"]);
    assert_eq!(tags(&["--kind", "printer"]), ["IT-2026-0002"]);
    assert_eq!(tags(&["--custodian", "李娜"]), ["SEC-1"]);
    assert_eq!(tags(&["--location", "机房"]), ["SEC-1"]);
    assert_eq!(tags(&["--search", "打印"]), ["IT-2026-0002"]);
    assert_eq!(tags(&["--status", "in-stock"]), Vec::<String>::new());
    // An unknown value of a fixed choice is a usage error (2).
    env.run(&["asset", "list", "--status", "lost"])
        .code(2)
        .stderr_has("invalid value 'lost' for '--status <STATUS>'");
}

#[test]
fn transfer_maintain_damage_status_and_history() {
    let env = Env::with_org();
    register_pc_on(&env, "2026-04-20");
    let tag = "IT-2026-0001";
    env.run(&["asset", "transfer", tag, "--reason", "x"])
        .error(&["changes nothing"]);
    env.ok(&[
        "--as-of",
        "2026-05-01",
        "asset",
        "transfer",
        tag,
        "--dept",
        "信息科",
        "--custodian",
        "李娜",
        "--location",
        "机房",
        "--reason",
        "调剂",
    ]);
    env.run(&["asset", "transfer", tag, "--dept", "IT", "--reason", " "])
        .error(&["--reason", "must not be empty"]);
    env.ok(&[
        "--as-of",
        "2026-06-01",
        "asset",
        "maintain",
        tag,
        "--kind",
        "repair",
        "--cost",
        "350",
        "--vendor",
        "联想服务站",
        "--note",
        "更换主板",
    ]);
    env.ok(&[
        "--as-of",
        "2026-06-02",
        "asset",
        "maintain",
        tag,
        "--kind",
        "repair",
        "--cost",
        "80",
        "--charge-to",
        "内科",
        "--note",
        "换电源",
    ]);
    env.ok(&[
        "--as-of",
        "2026-06-03",
        "asset",
        "maintain",
        tag,
        "--kind",
        "upgrade",
        "--specs",
        "i5/32G/1T",
        "--note",
        "加内存",
    ]);
    env.run(&[
        "asset", "maintain", tag, "--kind", "repair", "--specs", "x", "--note", "n",
    ])
    .error(&["--specs", "only an upgrade"]);
    env.ok(&[
        "--as-of",
        "2026-06-04",
        "asset",
        "damage",
        tag,
        "--cause",
        "摔落",
        "--liable",
        "person",
        "--amount",
        "200",
    ]);
    env.run(&[
        "asset",
        "damage",
        tag,
        "--cause",
        "c",
        "--liable",
        "department",
        "--person",
        "王伟",
        "--amount",
        "1",
    ])
    .error(&["--person"]);
    env.ok(&[
        "--as-of",
        "2026-06-05",
        "asset",
        "status",
        tag,
        "under-repair",
        "--reason",
        "送修",
    ]);
    // A status that exists but is not set by hand is refused work (1), not
    // a usage error.
    env.run(&["asset", "status", tag, "retired", "--reason", "x"])
        .error(&["STATUS: retired is not set by hand"]);
    env.run(&["asset", "status", tag, "under-repair", "--reason", "x"])
        .error(&["already under-repair"]);

    let h = crate::support::without_columns(
        &env.run(&["asset", "history", tag, "--format", "csv"])
            .success()
            .stdout,
        &["id", "void"],
    );
    // Every event with its date, oldest first.
    assert_eq!(
        h,
        "date,event,detail,recorded_by\n\
        2026-04-20,registered,\"desktop 联想启天M437 to 内科, custodian 王伟, at 门诊楼2层\",tester\n\
        2026-05-01,transfer,dept 内科 -> 信息科; custodian 王伟 -> 李娜; location 门诊楼2层 -> 机房; reason: 调剂,tester\n\
        2026-06-01,repair,更换主板; cost 350.00 charged to 信息科; vendor 联想服务站,tester\n\
        2026-06-02,repair,换电源; cost 80.00 charged to 内科,tester\n\
        2026-06-03,upgrade,加内存; specs i5/16G/512G -> i5/32G/1T,tester\n\
        2026-06-04,damage,摔落; 200.00 payable by person 李娜,tester\n\
        2026-06-05,status,in-use -> under-repair; reason: 送修,tester\n"
    );
    let show = env
        .run(&["asset", "show", tag, "--format", "json"])
        .success()
        .json();
    assert_eq!(show[0]["specs"], "i5/32G/1T");
    assert_eq!(show[0]["status"], "under-repair");
    assert_eq!(show[0]["dept"], "信息科");
}

#[test]
fn history_is_in_date_order() {
    let env = Env::with_org();
    env.ok(&[
        "--as-of",
        "2026-01-01",
        "asset",
        "register",
        "--kind",
        "desktop",
        "--name",
        "PC",
        "--dept",
        "内科",
    ]);
    env.ok(&[
        "--as-of",
        "2026-03-01",
        "asset",
        "maintain",
        "IT-2026-0001",
        "--kind",
        "inspection",
        "--note",
        "巡检",
    ]);
    env.ok(&[
        "--as-of",
        "2026-02-01",
        "asset",
        "maintain",
        "IT-2026-0001",
        "--kind",
        "virus-scan",
        "--note",
        "查毒",
    ]);
    env.run(&["asset", "history", "IT-2026-0001", "--format", "csv"])
        .success()
        .stdout_without(
            &["id", "void"],
            "date,event,detail,recorded_by\n\
         2026-01-01,registered,desktop PC to 内科,tester\n\
         2026-02-01,virus-scan,查毒,tester\n\
         2026-03-01,inspection,巡检,tester\n",
        );
}

#[test]
fn a_cost_needs_a_department_to_charge() {
    let env = Env::with_org();
    env.ok(&[
        "asset", "register", "--kind", "server", "--name", "S", "--status", "in-stock",
    ]);
    env.run(&[
        "asset",
        "maintain",
        "IT-2026-0001",
        "--kind",
        "repair",
        "--cost",
        "10",
        "--note",
        "n",
    ])
    .error(&["--charge-to", "no department"]);
    env.ok(&[
        "asset",
        "maintain",
        "IT-2026-0001",
        "--kind",
        "repair",
        "--cost",
        "10",
        "--charge-to",
        "IT",
        "--note",
        "n",
    ]);
}

#[test]
fn report_by_each_dimension() {
    let env = Env::with_org();
    env.ok(&["asset", "import", env.write("a.csv", CSV).to_str().unwrap()]);
    env.run(&["asset", "report", "--by", "dept", "--format", "csv"])
        .success()
        .stdout_is(
            "dept,count,value,unpriced\n内科,2,6199.50,0\n信息科,1,8000.00,0\nTOTAL,3,14199.50,0\n",
        );
    env.run(&["asset", "report", "--by", "kind", "--format", "csv"])
        .success()
        .stdout_has("printer,1,1200.50,0");
    env.run(&["asset", "report", "--by", "location", "--format", "csv"])
        .success()
        .stdout_has("门诊楼,2,6199.50,0");
    env.run(&["asset", "report", "--by", "status", "--format", "csv"])
        .success()
        .stdout_has("in-use,3,14199.50,0");
}

#[test]
fn findings_for_custodian_department_and_classified() {
    let env = Env::with_org();
    env.ok(&[
        "asset",
        "register",
        "--kind",
        "desktop",
        "--name",
        "无人机",
        "--dept",
        "内科",
        "--tag",
        "A1",
    ]);
    env.ok(&[
        "asset",
        "register",
        "--kind",
        "desktop",
        "--name",
        "库存机",
        "--status",
        "in-stock",
        "--tag",
        "A2",
    ]);
    env.ok(&[
        "asset",
        "register",
        "--kind",
        "laptop",
        "--name",
        "涉密本",
        "--custodian",
        "李娜",
        "--classified",
        "--network",
        "internal",
        "--tag",
        "A3",
    ]);
    env.run(&["asset", "check"]).code(1);
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
        "A4",
    ]);
    env.run(&["asset", "check", "--format", "csv"]).code(2).stdout_is(
        "severity,area,subject,message,requirement\n\
         CRITICAL,asset,A4 外网涉密本,is classified (涉密) and connected to an external network (custodian 王伟),AST-9\n\
         WARNING,asset,A1 无人机,is in use with no custodian (first responsible person),AST-2\n\
         WARNING,asset,A1 无人机,is in use with no location; record where it is with `asset transfer --location`,AST-1\n\
         WARNING,asset,A2 库存机,has no department,AST-2\n\
         WARNING,asset,A3 涉密本,is in use with no location; record where it is with `asset transfer --location`,AST-1\n\
         WARNING,asset,A4 外网涉密本,is in use with no location; record where it is with `asset transfer --location`,AST-1\n",
    );
    env.run(&["asset", "check", "--nagios"]).code(2).stdout_has(
        "ASSET CRITICAL - 1 critical, 5 warning | critical=1;;;0 warning=5;;;0 unknown=0;;;0\n",
    );
}

#[test]
fn a_clean_register_checks_ok() {
    let env = Env::with_org();
    register_pc(&env);
    env.run(&["asset", "check"])
        .success()
        .stdout_is("ASSET OK - no findings\n");
    env.run(&["asset", "check", "--nagios"])
        .success()
        .stdout_has("ASSET OK - no findings |");
}

#[test]
fn a_check_on_a_missing_register_is_unknown() {
    let env = Env::bare();
    env.run(&["asset", "check", "--nagios"])
        .code(3)
        .stdout_has("ASSET UNKNOWN")
        .stderr_has("does not exist");
    env.run(&["audit", "check"]).code(3);
}

#[test]
fn a_terminal_is_asked_for_what_is_missing() {
    // `script` gives the command a real terminal; the keys are typed into it
    // with pauses, as a person would.
    let env = Env::with_org();
    let keys = r"(sleep 1; printf '\r'; sleep 0.5; printf 'PC-A\r'; sleep 0.5; printf '\r'; sleep 0.5; printf '王伟\r'; sleep 1)";
    let out = env
        .shell(&format!(
            "{keys} | script -qfec \"$INFOGOV asset register\" /dev/null"
        ))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The first kind (desktop) and the first department in pinyin order
    // (内科, nei, before 信息科, xin) were chosen with Enter.
    env.run(&["asset", "list", "--format", "csv"])
        .success()
        .stdout_has("IT-2026-0001,desktop,PC-A,,内科,王伟,");
    // With --no-input nothing is asked, and the first missing field is named.
    let out = env
        .shell(&format!(
            "{keys} | script -qfec \"$INFOGOV asset register --no-input\" /dev/null"
        ))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("error: --kind: is required"));
}

#[test]
fn an_import_without_a_dept_column_places_assets_with_their_registered_custodian() {
    let env = Env::with_org();
    let f = env.write(
        "c.csv",
        "kind,name,custodian\ndesktop,PC,李娜\nlaptop,L,无名氏\n",
    );
    env.run(&["asset", "import", f.to_str().unwrap()])
        .code(1)
        .stderr_has("line 3, column custodian: \"无名氏\" is not registered, and the row has no dept to add them to");
    let f = env.write("d.csv", "kind,name,custodian\ndesktop,PC,李娜\n");
    env.ok(&["asset", "import", f.to_str().unwrap()]);
    env.run(&["asset", "list", "--format", "csv"])
        .success()
        .stdout_has("IT-2026-0001,desktop,PC,,信息科,李娜,");
}

#[test]
fn an_import_may_mix_given_and_generated_tags() {
    let env = Env::with_org();
    let f = env.write(
        "m.csv",
        "tag,kind,name,dept\n,desktop,A,内科\nIT-2026-0002,desktop,B,内科\n,desktop,C,内科\n",
    );
    env.ok(&["asset", "import", f.to_str().unwrap()]);
    let list = env
        .run(&["asset", "list", "--format", "csv"])
        .success()
        .stdout;
    for line in [
        "IT-2026-0001,desktop,A",
        "IT-2026-0002,desktop,B",
        "IT-2026-0003,desktop,C",
    ] {
        assert!(list.contains(line), "{line}: {list}");
    }
}

#[test]
fn an_import_names_a_registered_custodian_as_name_at_dept() {
    let env = Env::with_org();
    let f = env.write(
        "n.csv",
        "kind,name,dept,custodian\ndesktop,A,内科,王伟@内科\n",
    );
    env.run(&["asset", "import", f.to_str().unwrap()])
        .success()
        .stdout_has("added 0 people");
    let f = env.write(
        "o.csv",
        "kind,name,dept,custodian\ndesktop,A,内科,无名@内科\n",
    );
    env.run(&["asset", "import", f.to_str().unwrap()])
        .code(1)
        .stderr_has("column custodian: no person \"无名@内科\"");
}

#[test]
fn generated_tags_that_run_out_are_an_error_not_a_crash() {
    let env = Env::with_org();
    env.ok(&[
        "asset",
        "register",
        "--tag",
        "IT-2026-4294967295",
        "--kind",
        "desktop",
        "--name",
        "a",
        "--dept",
        "内科",
    ]);
    env.run(&[
        "asset", "register", "--kind", "desktop", "--name", "b", "--dept", "内科",
    ])
    .error(&["--tag", "used up"]);
}
