//! Importing the files offices really keep (issue 10): one register saved by
//! LibreOffice as CSV (UTF-8, CR LF, a quoted cell spanning two lines), GBK
//! CSV (iconv), .xlsx, .xls and .ods, with Chinese headers and values; and
//! the faulty files offices also have.

use crate::support::Env;

/// A fixture from tests/fixtures/import, copied into the test's folder
/// under the same name (the name is part of what the user sees).
fn fixture(env: &Env, name: &str) -> String {
    let from = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let to = env.path(name);
    std::fs::copy(&from, &to).unwrap_or_else(|e| panic!("{from}: {e}"));
    name.to_string()
}

/// A register with the register's three departments and nobody in them.
fn hospital() -> Env {
    let env = Env::new();
    for d in ["放射科", "药剂科", "信息科"] {
        env.ok(&["dept", "add", d]);
    }
    env
}

const REGISTER: &str = "固定资产登记表";

fn import(env: &Env, file: &str, extra: &[&str]) -> crate::support::Run {
    let mut args = vec!["asset", "import", file, "--ignore", "备注"];
    args.extend_from_slice(extra);
    env.run(&args)
}

#[test]
fn every_format_gives_the_same_register() {
    let mut lists = Vec::new();
    for file in [
        format!("{REGISTER}.csv"),
        "register-gbk.csv".to_string(),
        format!("{REGISTER}.xlsx"),
        format!("{REGISTER}.xls"),
        format!("{REGISTER}.ods"),
    ] {
        let env = hospital();
        let f = fixture(&env, &file);
        import(&env, &f, &[]).success().stdout_is(&format!(
            "{f}: imported 5 assets, added 3 people\n\
             added people: 张伟@放射科, 李娜@药剂科, 王强@信息科\n"
        ));
        let list = env.ok(&["asset", "list", "--format", "csv"]);
        let list = crate::support::without_columns(&list, &["isolated_by"]);
        lists.push((file, list));
    }
    assert_eq!(
        lists[0].1,
        "tag,kind,name,model,dept,custodian,location,status,purchased,price\n\
         IT-2026-0001,monitor,戴尔显示器,P2422H,放射科,张伟,门诊楼3楼,in-use,2020-12-01,1200.00\n\
         ZY-0001,desktop,联想台式机,启天M428,放射科,张伟,门诊楼3楼,in-use,2021-03-15,5600.00\n\
         ZY-0002,printer,惠普激光打印机,LaserJet M405,药剂科,李娜,药房,in-stock,2021-03-15,2300.00\n\
         ZY-0003,laptop,ThinkPad笔记本,ThinkPad E14,信息科,王强,\"信息科\n办公室\",under-repair,2022-07-01,8999.00\n\
         ZY-0005,switch,核心交换机,S5735,信息科,王强,机房,in-use,2021-03-15,15000.00\n"
    );
    for (file, list) in &lists[1..] {
        assert_eq!(list, &lists[0].1, "{file}");
    }
}

#[test]
fn every_field_of_a_row_arrives() {
    let env = hospital();
    let f = fixture(&env, &format!("{REGISTER}.xlsx"));
    import(&env, &f, &[]).success();
    let a = env
        .run(&["asset", "show", "ZY-0001", "--format", "json"])
        .success()
        .json();
    let a = &a[0];
    assert_eq!(a["manufacturer"], "联想");
    assert_eq!(a["supplier"], "华信科技有限公司");
    assert_eq!(a["serial"], "PC0A1B2C");
    assert_eq!(a["price"], 5600.0);
    assert_eq!(a["purchased"], "2021-03-15");
    assert_eq!(a["custodian"], "张伟");
}

#[test]
fn unknown_columns_are_listed_with_the_hint() {
    let env = hospital();
    let f = fixture(&env, &format!("{REGISTER}.csv"));
    env.run(&["asset", "import", &f]).error(&[&format!(
        "{f}: line 1: unknown column \"备注\" (column 15); name the field of each with --map 'HEADER=FIELD' (fields: tag, kind, name, model, manufacturer, supplier, purchased, price, dept, custodian, location, serial, specs, classified, network, status, service_life, warranty_until), or leave it out with --ignore 'HEADER'"
    )]);
    // --map names a field for it instead; a field that does not exist is refused.
    env.run(&["asset", "import", &f, "--map", "备注=note", "--dry-run"])
        .error(&["--map: \"备注=note\": \"note\" is not a field; expected one of tag, kind"]);
    env.run(&["asset", "import", &f, "--map", "备注=specs", "--dry-run"])
        .success()
        .stdout_has("would import 5 assets");
    env.run(&["asset", "import", &f, "--ignore", "备考"])
        .error(&["--ignore: 固定资产登记表.csv has no column \"备考\"; its headers are \"序号\", \"资产编号\""]);
    assert_eq!(env.sql("SELECT count(*) FROM asset;").trim(), "0");
}

#[test]
fn the_config_maps_columns_and_words() {
    let env = hospital();
    let cfg = env.write(
        "config.toml",
        "[import.asset]\nignore = [\"备注\"]\n[import.asset.columns]\n\"领用科室\" = \"dept\"\n\
         [import.asset.values.kind]\n\"医生工作站\" = \"desktop\"\n",
    );
    let f = env.write(
        "own.csv",
        "资产名称,资产类别,领用科室,备注\n门诊工作站,医生工作站,放射科,x\n",
    );
    env.run(&[
        "--config",
        cfg.to_str().unwrap(),
        "asset",
        "import",
        "own.csv",
    ])
    .success()
    .stdout_is("own.csv: imported 1 assets, added 0 people\n");
    let a = env
        .run(&["asset", "show", "IT-2026-0001", "--format", "json"])
        .success()
        .json();
    assert_eq!(a[0]["kind"], "desktop");
    assert_eq!(a[0]["dept"], "放射科");
    let _ = f;
    let bad = env.write(
        "bad.toml",
        "[import.asset.values.status]\n\"借出\" = \"lent\"\n",
    );
    env.run(&["--config", bad.to_str().unwrap(), "asset", "import", "own.csv"])
        .error(&["import.asset.values.status: \"借出\" = \"lent\": \"lent\" is not one of in-use, in-stock, under-repair"]);
}

#[test]
fn errors_name_the_physical_line_or_the_cell() {
    // 信息科 is not registered: rows 3 and 5 of the register are refused.
    // In the CSV, row 3 holds a cell spanning two lines, and the file ends
    // its lines with CR LF: row 5 is on line 7.
    let env = Env::new();
    env.ok(&["dept", "add", "放射科"]);
    env.ok(&["dept", "add", "药剂科"]);
    let csv = fixture(&env, &format!("{REGISTER}.csv"));
    let run = import(&env, &csv, &[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!(
            "error: {csv}: line 4, column 使用科室: no department \"信息科\"; add it with `infogov dept add`\n\
             error: {csv}: line 7, column 使用科室: no department \"信息科\"; add it with `infogov dept add`\n\
             error: {csv}: 2 bad rows; nothing was imported\n"
        )
    );
    for ext in ["xlsx", "xls", "ods"] {
        let f = fixture(&env, &format!("{REGISTER}.{ext}"));
        let run = import(&env, &f, &[]);
        assert_eq!(
            run.stderr,
            format!(
                "error: {f}: sheet {REGISTER}, row 4, column 使用科室: no department \"信息科\"; add it with `infogov dept add`\n\
                 error: {f}: sheet {REGISTER}, row 6, column 使用科室: no department \"信息科\"; add it with `infogov dept add`\n\
                 error: {f}: 2 bad rows; nothing was imported\n"
            ),
            "{ext}"
        );
    }
    assert_eq!(env.sql("SELECT count(*) FROM asset;").trim(), "0");
    assert_eq!(env.sql("SELECT count(*) FROM person;").trim(), "0");
}

#[test]
fn crlf_lines_are_not_one_too_low() {
    let env = Env::with_org();
    env.write(
        "crlf.csv",
        "kind,name,dept\r\ndesktop,PC1,内科\r\ndeskop,PC2,内科\r\n",
    );
    env.run(&["asset", "import", "crlf.csv"]).code(1).stderr_has(
        "error: crlf.csv: line 3, column kind: \"deskop\" is not one of desktop (台式机), laptop (笔记本电脑)",
    );
}

#[test]
fn values_as_offices_write_them_and_the_forms_accepted() {
    let env = Env::with_org();
    env.write(
        "v.csv",
        "资产名称,资产类别,使用部门,购置日期,原值(元),使用状态\n\
         甲,电脑,内科,2021年3月5日,\"￥1,234.50\",备用\n\
         乙,笔记本电脑,内科,２０２１/３/５,１２３４元,送修\n",
    );
    env.run(&["asset", "import", "v.csv"]).success();
    let list = env.ok(&["asset", "list", "--format", "csv"]);
    let list = crate::support::without_columns(&list, &["isolated_by"]);
    assert_eq!(
        list,
        "tag,kind,name,model,dept,custodian,location,status,purchased,price\n\
         IT-2026-0001,desktop,甲,,内科,,,in-stock,2021-03-05,1234.50\n\
         IT-2026-0002,laptop,乙,,内科,,,under-repair,2021-03-05,1234.00\n"
    );
    env.write(
        "w.csv",
        "资产名称,资产类别,使用部门,购置日期,原值(元),使用状态\n\
         丙,电脑,内科,3/5/2021,五千,坏了\n\
         丁,电脑,内科,,,报废\n",
    );
    let run = env.run(&["asset", "import", "w.csv"]);
    assert_eq!(
        run.stderr,
        "error: w.csv: line 2, column 购置日期: \"3/5/2021\" is not a date; expected 2021-03-15, 2021-3-15, 2021/3/15, 2021.3.15, 2021年3月15日, or an Excel date number\n\
         error: w.csv: line 3, column 使用状态: \"报废\": an asset leaves service only through an approved retirement request (AST-6); import it with its last status and file a retirement request, or leave the row out\n\
         error: w.csv: 2 bad rows; nothing was imported\n"
    );
    env.write(
        "x.csv",
        "资产名称,资产类别,原值(元),使用状态\n丙,电脑,五千,在用\n戊,电脑,1,坏了\n",
    );
    let run = env.run(&["asset", "import", "x.csv"]);
    assert!(
        run.stderr.contains(
            "x.csv: line 2, column 原值(元): \"五千\" is not an amount; expected e.g. 5600, 5600.50, ¥5,600.00 or 5600元"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "x.csv: line 3, column 使用状态: \"坏了\" is not one of in-use (在用), in-stock (库存), under-repair (维修中)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn encodings_detected_and_forced() {
    let env = hospital();
    let f = fixture(&env, "register-gbk.csv");
    // Forced wrong: each row names its line and the way out.
    let run = import(&env, &f, &["--encoding", "utf-8"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("error: register-gbk.csv: line 1: cannot read the header row: column 1 is not valid UTF-8"),
        "{}",
        run.stderr
    );
    import(&env, &f, &["--encoding", "gbk", "--dry-run"])
        .success()
        .stdout_has("would import 5 assets");
    import(&env, &f, &["--encoding", "latin1"])
        .error(&["--encoding: \"latin1\" is not an encoding; expected utf-8 or gb18030 (gbk)"]);
    // Neither UTF-8 nor GB18030.
    std::fs::write(
        env.path("bin.csv"),
        b"kind,name\ndesktop,PC\n\xff\xfe\xff,x\n",
    )
    .unwrap();
    env.run(&["asset", "import", "bin.csv"]).error(&[
        "bin.csv: line 3: the text is neither UTF-8 nor GB18030 (GBK); save the file as \"CSV UTF-8\", or name its encoding with --encoding",
    ]);
    // A workbook says its own encoding.
    let x = fixture(&env, &format!("{REGISTER}.xlsx"));
    import(&env, &x, &["--encoding", "gbk"])
        .error(&["--encoding: 固定资产登记表.xlsx is a workbook"]);
}

#[test]
fn sheets_are_chosen_by_name() {
    let env = hospital();
    let f = fixture(&env, &format!("{REGISTER}.xlsx"));
    import(&env, &f, &["--sheet", "固定资产登记表", "--dry-run"])
        .success()
        .stdout_has("would import 5 assets");
    import(&env, &f, &["--sheet", "Sheet2"]).error(&[
        "--sheet: 固定资产登记表.xlsx has no sheet \"Sheet2\"; its sheets are 固定资产登记表",
    ]);
}

#[test]
fn the_format_is_told_by_the_content() {
    let env = hospital();
    // An .xlsx saved under a .csv name is still read as a workbook.
    std::fs::copy(
        format!(
            "{}/tests/fixtures/import/{REGISTER}.xlsx",
            env!("CARGO_MANIFEST_DIR")
        ),
        env.path("export.csv"),
    )
    .unwrap();
    import(&env, "export.csv", &["--dry-run"])
        .success()
        .stdout_has("would import 5 assets");
}

#[test]
fn faulty_files_are_refused_in_one_line() {
    let env = hospital();
    let cases = [
        (
            "corrupt.xlsx",
            "error: corrupt.xlsx: is not a readable xlsx workbook (damaged or incomplete): ",
        ),
        (
            "web-export.xls",
            "error: web-export.xls: is named .xls but is not a workbook (it is a web page or XML); open it in Excel or WPS and save it as .xlsx, or if it is CSV, rename it .csv\n",
        ),
        (
            "blank-rows.csv",
            "error: blank-rows.csv: has no header row (the file holds only blank rows)\n",
        ),
        (
            "empty-sheet.xlsx",
            "error: empty-sheet.xlsx: every sheet is empty (Sheet1); nothing to import\n",
        ),
        (
            "password.xls",
            "error: password.xls: is protected by a password; open it in Excel or WPS, remove the password, save it, and import it again\n",
        ),
        (
            "password.xlsx",
            "error: password.xlsx: is protected by a password; open it in Excel or WPS, remove the password, save it, and import it again\n",
        ),
        (
            "password.ods",
            "error: password.ods: is protected by a password; open it in Excel or WPS, remove the password, save it, and import it again\n",
        ),
    ];
    for (name, want) in cases {
        let f = fixture(&env, name);
        let run = env.run(&["asset", "import", &f]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(run.stderr.starts_with(want), "{name}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{name}: {}", run.stderr);
    }
    assert_eq!(env.sql("SELECT count(*) FROM asset;").trim(), "0");
}

#[test]
fn a_ten_megabyte_cell_is_refused() {
    let env = Env::with_org();
    let big = "x".repeat(10 << 20);
    env.write(
        "big.csv",
        &format!("kind,name,specs\ndesktop,PC,ok\ndesktop,PC2,{big}\n"),
    );
    let run = env.run(&["asset", "import", "big.csv"]);
    assert_eq!(
        run.stderr,
        "error: big.csv: line 3: column 3 holds 10485760 bytes; a cell may hold at most 65536\n\
         error: big.csv: 1 bad rows; nothing was imported\n"
    );
    assert_eq!(env.sql("SELECT count(*) FROM asset;").trim(), "0");
}

#[test]
fn a_cell_without_a_header_is_not_dropped() {
    let env = Env::with_org();
    env.write("h.csv", "kind,name,\ndesktop,PC,\ndesktop,PC2,lost?\n");
    env.run(&["asset", "import", "h.csv"]).code(1).stderr_has(
        "error: h.csv: line 3: column 3 has no header but holds \"lost?\"; give it a header or clear the cell\n",
    );
}

#[test]
fn software_inventories_from_a_workbook() {
    let env = hospital();
    let f = fixture(&env, &format!("{REGISTER}.xlsx"));
    import(&env, &f, &[]).success();
    let inv = fixture(&env, "软件清单.xlsx");
    env.run(&["asset", "software", "import", &inv, "--dry-run"])
        .success()
        .stdout_is("软件清单.xlsx: all rows are valid; would load 2 devices, 3 packages: 3 added, 0 removed, 0 unchanged (dry run, nothing written)\n");
    assert_eq!(
        env.sql("SELECT count(*) FROM software_installed;").trim(),
        "0"
    );
    env.run(&["asset", "software", "import", &inv]).success();
    let rows = env.sql("SELECT a.tag, i.name, i.version FROM software_installed i JOIN asset a ON a.id = i.asset_id ORDER BY 1, 2;");
    assert_eq!(
        rows,
        "ZY-0001|360安全卫士|13\nZY-0001|WPS Office|12.1\nZY-0003|WPS Office|12.1\n"
    );
    env.run(&["asset", "software", "import", &inv, "--sheet", "x"])
        .error(&["--sheet: 软件清单.xlsx has no sheet \"x\"; its sheets are 软件清单"]);
}

#[test]
fn backup_runs_from_a_gbk_csv_with_chinese_headers() {
    let env = Env::new();
    env.ok(&["dept", "add", "信息科"]);
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    let f = fixture(&env, "backups-gbk.csv");
    env.run(&["--as-of", "2026-11-28T12:00:00Z", "backup", "import", "--from", "csv", &f, "--dry-run"])
        .success()
        .stdout_is("backups-gbk.csv: 2 csv run(s) read; would add 2 (1 failed), 0 already recorded; times without a zone read as UTC (dry run, nothing written)\n");
    env.run(&[
        "--as-of",
        "2026-11-28T12:00:00Z",
        "backup",
        "import",
        "--from",
        "csv",
        &f,
    ])
    .success();
    assert_eq!(
        env.sql("SELECT kind, location, status, bytes, note, started, finished FROM backup_run ORDER BY finished;"),
        "full|local|success|1048576|夜间全备|2026-11-27T01:00:00Z|2026-11-27T01:40:00Z\nlog|offsite|failed|2048|网络中断|2026-11-27T12:00:00Z|2026-11-27T12:05:00Z\n"
    );
    env.run(&[
        "backup", "import", "--from", "restic", "--system", "HIS", &f, "--sheet", "x",
    ])
    .error(&["--sheet, --encoding, --map, --ignore: only for --from csv"]);
}

#[test]
fn a_second_import_is_refused_naming_tags_and_serials() {
    let env = hospital();
    let f = fixture(&env, &format!("{REGISTER}.csv"));
    import(&env, &f, &[]).success();
    let run = import(&env, &f, &[]);
    assert_eq!(run.code, 1);
    let hint = "to update registered assets from the file, import it with --update";
    assert_eq!(
        run.stderr,
        format!(
            "error: {f}: line 2, column 资产编号: \"ZY-0001\" is already in the register; {hint}\n\
             error: {f}: line 3, column 资产编号: \"ZY-0002\" is already in the register; {hint}\n\
             error: {f}: line 4, column 资产编号: \"ZY-0003\" is already in the register; {hint}\n\
             error: {f}: line 6, column 出厂编号: serial number \"CN0ABC\" is already registered, as IT-2026-0001; {hint}\n\
             error: {f}: line 7, column 资产编号: \"ZY-0005\" is already in the register; {hint}\n\
             error: {f}: 5 bad rows; nothing was imported\n"
        )
    );
    assert_eq!(env.sql("SELECT count(*) FROM asset;").trim(), "5");
}

#[test]
fn two_rows_with_one_serial_are_refused_naming_both() {
    let env = Env::with_org();
    env.write(
        "s.csv",
        "name,kind,serial\nPC1,desktop,SN1\nPC2,desktop,SN2\nPC3,desktop,SN1\n",
    );
    env.run(&["asset", "import", "s.csv"]).code(1).stderr_has(
        "error: s.csv: line 4, column serial: serial number \"SN1\" is also on line 2\n",
    );
    env.write("t.csv", "tag,name,kind\nA1,PC1,desktop\nA1,PC2,desktop\n");
    env.run(&["asset", "import", "t.csv"])
        .code(1)
        .stderr_has("error: t.csv: line 3, column tag: \"A1\" is also the tag of line 2\n");
    assert_eq!(env.sql("SELECT count(*) FROM asset;").trim(), "0");
}

#[test]
fn update_changes_field_by_field_on_record() {
    let env = hospital();
    let f = fixture(&env, &format!("{REGISTER}.csv"));
    import(&env, &f, &[]).success();
    let audit_before = env.sql("SELECT count(*) FROM audit_log;");
    // ZY-0001 is repriced and moved to 药剂科, held by 李娜; ZY-0002 is in
    // use again; ZY-0003 is as it was (its empty cells keep their values);
    // the untagged monitor is found by its serial number; ZY-0006 is new.
    env.write(
        "v2.csv",
        "资产编号,资产名称,资产类别,规格型号,原值(元),使用科室,责任人,出厂编号,使用状态\n\
         ZY-0001,联想台式机,台式机,启天M428,\"¥5,800.00\",药剂科,李娜,PC0A1B2C,在用\n\
         ZY-0002,惠普激光打印机,打印机,LaserJet M405,2300,药剂科,李娜,CNB1234,在用\n\
         ZY-0003,ThinkPad笔记本,笔记本,,,,,PF2XYZ,\n\
         ,戴尔显示器,显示器,P2423H,1200,放射科,张伟,CN0ABC,在用\n\
         ZY-0006,新交换机,交换机,S5736,,信息科,王强,HW5736,在用\n",
    );
    env.run(&["asset", "import", "v2.csv", "--update", "--dry-run"])
        .success()
        .stdout_is("v2.csv: all rows are valid; would import 1 assets, 3 updated, 1 unchanged and add 0 people (dry run, nothing written)\n");
    assert_eq!(env.sql("SELECT count(*) FROM audit_log;"), audit_before);
    env.run(&["asset", "import", "v2.csv", "--update"])
        .success()
        .stdout_is("v2.csv: imported 1 assets, 3 updated, 1 unchanged, added 0 people\n");
    let history = crate::support::without_columns(
        &env.ok(&["asset", "history", "ZY-0001", "--format", "csv"]),
        &["id", "void"],
    );
    assert_eq!(
        history,
        "date,event,detail,recorded_by\n\
         2026-11-28,registered,\"desktop 联想台式机 to 放射科, custodian 张伟, at 门诊楼3楼\",tester\n\
         2026-11-28,amended,\"price 5600.00 -> 5800.00; reason: from v2.csv, line 2\",tester\n\
         2026-11-28,transfer,\"dept 放射科 -> 药剂科; custodian 张伟 -> 李娜; reason: imported from v2.csv, line 2\",tester\n"
    );
    let h2 = env.ok(&["asset", "history", "ZY-0002", "--format", "csv"]);
    assert!(
        h2.contains("status,\"in-stock -> in-use; reason: imported from v2.csv, line 3\""),
        "{h2}"
    );
    let h3 = env.ok(&["asset", "history", "IT-2026-0001", "--format", "csv"]);
    assert!(
        h3.contains("amended,\"model P2422H -> P2423H; reason: from v2.csv, line 5\""),
        "{h3}"
    );
    let a3 = env
        .run(&["asset", "show", "ZY-0003", "--format", "json"])
        .success()
        .json();
    assert_eq!(a3[0]["price"], 8999.0);
    assert_eq!(a3[0]["dept"], "信息科");
    assert_eq!(env.sql("SELECT count(*) FROM asset;").trim(), "6");
    env.ok(&["audit", "verify"]);
    // Unchanged rows are counted, not rewritten.
    let audit_after = env.sql("SELECT count(*) FROM audit_log;");
    env.run(&["asset", "import", "v2.csv", "--update"])
        .success()
        .stdout_is("v2.csv: imported 0 assets, 0 updated, 5 unchanged, added 0 people\n");
    assert_eq!(env.sql("SELECT count(*) FROM audit_log;"), audit_after);
}

#[test]
fn check_finds_two_assets_with_one_serial() {
    let env = Env::with_org();
    // Registration and import now refuse a serial already registered, so two
    // assets with one serial come from a register kept before that; sqlite3
    // stands in for the older data here.
    for name in ["PC1", "PC2"] {
        let tag = if name == "PC1" {
            "IT-2026-0001"
        } else {
            "IT-2026-0002"
        };
        env.ok(&[
            "asset",
            "register",
            "--tag",
            tag,
            "--kind",
            "desktop",
            "--name",
            name,
            "--dept",
            "内科",
            "--custodian",
            "王伟",
            "--serial",
            &format!("SN-{name}"),
        ]);
    }
    env.sql("UPDATE asset SET serial = 'SN-9';");
    env.run(&["asset", "check"])
        .code(1)
        .stdout_has("serial SN-9")
        .stdout_has(
            "is the serial number of 2 assets (IT-2026-0001, IT-2026-0002); one device, one entry",
        );
}

#[test]
fn the_readme_quick_start_imports_the_example_register() {
    // The first commands of README.md's quick start, as written there.
    let env = Env::new();
    let register = format!(
        "{}/examples/asset-register.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    env.ok(&["dept", "add", "内科", "--code", "NK"]);
    env.ok(&["person", "add", "王伟", "--dept", "内科"]);
    env.ok(&["dept", "add", "信息科", "--code", "XXK"]);
    env.run(&["asset", "import", &register, "--dry-run"])
        .code(1)
        .stderr_has("unknown column \"备注\" (column 15)");
    env.run(&["asset", "import", &register, "--ignore", "备注", "--dry-run"])
        .success()
        .stdout_has("would import 6 assets and add 2 people (dry run, nothing written)\nwould add people: 刘芳@内科, 李强@信息科\n");
    env.run(&["asset", "import", &register, "--ignore", "备注"])
        .success()
        .stdout_has("imported 6 assets, added 2 people\nadded people: 刘芳@内科, 李强@信息科\n");
    let csv = format!("{}/examples/asset-register.csv", env!("CARGO_MANIFEST_DIR"));
    let list = env.ok(&["asset", "list", "--format", "csv"]);
    // The CSV the workbook was made from says the same.
    let env2 = Env::new();
    env2.ok(&["dept", "add", "内科", "--code", "NK"]);
    env2.ok(&["person", "add", "王伟", "--dept", "内科"]);
    env2.ok(&["dept", "add", "信息科", "--code", "XXK"]);
    env2.ok(&["asset", "import", &csv, "--ignore", "备注"]);
    assert_eq!(env2.ok(&["asset", "list", "--format", "csv"]), list);
    assert!(list.contains("IT-2026-0001,monitor,旧显示器,E2216H,内科,王伟,门诊楼2层诊室3,under-repair,2019-06-01,899.00"), "{list}");
}
