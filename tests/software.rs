//! Software allowed on the LAN (AST-8): the approved list, inventory
//! imports, and a finding for every unapproved package.

use crate::support::Env;

fn with_devices() -> Env {
    let env = Env::with_org();
    env.ok(&[
        "asset",
        "register",
        "--tag",
        "A1",
        "--kind",
        "desktop",
        "--name",
        "门诊电脑",
        "--dept",
        "内科",
        "--custodian",
        "王伟",
    ]);
    env.ok(&[
        "asset",
        "register",
        "--tag",
        "A2",
        "--kind",
        "laptop",
        "--name",
        "笔记本",
        "--dept",
        "信息科",
        "--custodian",
        "李娜",
    ]);
    env.ok(&[
        "asset",
        "register",
        "--tag",
        "A3",
        "--kind",
        "desktop",
        "--name",
        "备用机",
        "--dept",
        "内科",
        "--status",
        "in-stock",
    ]);
    env
}

const INVENTORY: &str = "\u{feff}tag,software,version\n\
A1,WPS Office,11.1.0\n\
A1,QQ音乐,19.0\n\
A2,wps office,12.0\n\
A2,微信,3.9\n\
A2,微信,3.9\n\
\n\
A3,Notepad++,\n";

#[test]
fn allow_list_and_revoke() {
    let env = with_devices();
    env.run(&[
        "--as-of",
        "2026-04-01",
        "asset",
        "software",
        "allow",
        "WPS Office",
        "--version-pattern",
        "11.*",
        "--note",
        "办公套件",
    ])
    .success()
    .stdout_is("Approved WPS Office (versions 11.*)\n");
    env.run(&[
        "--as-of",
        "2026-04-01",
        "asset",
        "software",
        "allow",
        "微信",
    ])
    .success()
    .stdout_is("Approved 微信 (versions *)\n");
    env.run(&[
        "asset",
        "software",
        "allow",
        "wps office",
        "--version-pattern",
        "11.*",
    ])
    .error(&["NAME", "WPS Office 11.* is already on the approved list"]);
    env.run(&["asset", "software", "allow", " "])
        .error(&["NAME", "needs a name"]);
    env.run(&["asset", "software", "list", "--format", "csv"])
        .success()
        .stdout_is(
            "name,version_pattern,note,added,devices\n\
             WPS Office,11.*,办公套件,2026-04-01,0\n\
             微信,*,,2026-04-01,0\n",
        );
    env.run(&["asset", "software", "revoke", "QQ"])
        .error(&["NAME", "\"QQ\" is not on the approved list"]);
    env.run(&[
        "asset",
        "software",
        "revoke",
        "微信",
        "--version-pattern",
        "3.*",
    ])
    .error(&["version pattern \"3.*\""]);
    env.run(&["asset", "software", "revoke", "微信"])
        .success()
        .stdout_is("Took 微信 off the approved list (1 entry)\n");
    env.run(&["asset", "software", "list", "--format", "csv"])
        .success()
        .stdout_lacks("微信");
    env.run(&["audit", "verify"]).success();
}

#[test]
fn import_inventories_and_find_unapproved_software() {
    let env = with_devices();
    env.ok(&[
        "--as-of",
        "2026-04-01",
        "asset",
        "software",
        "allow",
        "WPS Office",
        "--version-pattern",
        "11.*",
    ]);
    env.ok(&[
        "--as-of",
        "2026-04-01",
        "asset",
        "software",
        "allow",
        "微信",
    ]);
    env.write("inv.csv", INVENTORY);
    env.run(&[
        "--as-of",
        "2026-04-01",
        "asset",
        "software",
        "import",
        "inv.csv",
    ])
    .success()
    .stdout_is("inv.csv: loaded 3 devices, 5 packages: 5 added, 0 removed, 0 unchanged\n");
    env.run(&["asset", "software", "inventory", "--format", "csv"])
        .success()
        .stdout_is(
            "tag,dept,custodian,software,version,approved,imported\n\
             A1,内科,王伟,QQ音乐,19.0,no,2026-04-01\n\
             A1,内科,王伟,WPS Office,11.1.0,yes,2026-04-01\n\
             A2,信息科,李娜,wps office,12.0,no,2026-04-01\n\
             A2,信息科,李娜,微信,3.9,yes,2026-04-01\n\
             A3,内科,,Notepad++,,no,2026-04-01\n",
        );
    env.run(&[
        "asset",
        "software",
        "inventory",
        "A2",
        "--unapproved",
        "--format",
        "csv",
    ])
    .success()
    .stdout_is(
        "tag,dept,custodian,software,version,approved,imported\n\
             A2,信息科,李娜,wps office,12.0,no,2026-04-01\n",
    );
    env.run(&["asset", "software", "inventory", "A9"])
        .error(&["no asset \"A9\""]);
    env.run(&["asset", "software", "check", "--format", "csv"])
        .code(1)
        .stdout_is(
            "severity,area,subject,message,requirement\n\
             WARNING,software,A1 门诊电脑,\"QQ音乐 19.0 is installed but not on the approved list (custodian 王伟, 内科; inventory of 2026-04-01)\",AST-8\n\
             WARNING,software,A2 笔记本,\"wps office 12.0 is installed but not on the approved list (custodian 李娜, 信息科; inventory of 2026-04-01)\",AST-8\n\
             WARNING,software,A3 备用机,\"Notepad++ is installed but not on the approved list (no custodian, 内科; inventory of 2026-04-01)\",AST-8\n",
        );
    env.run(&["asset", "software", "list", "--format", "csv"])
        .success()
        .stdout_is(
            "name,version_pattern,note,added,devices\n\
             WPS Office,11.*,,2026-04-01,1\n\
             微信,*,,2026-04-01,1\n",
        );
    // Re-importing a device replaces its inventory; devices not in the file keep theirs.
    let f2 = env.write(
        "a1.csv",
        "software,tag,version\nWPS Office,A1,11.1.0\n钉钉,A1,7.0\n",
    );
    env.run(&[
        "--as-of",
        "2026-05-01",
        "asset",
        "software",
        "import",
        f2.to_str().unwrap(),
    ])
    .success()
    .stdout_has("loaded 1 devices, 2 packages: 1 added, 1 removed, 1 unchanged");
    let out = env
        .run(&["asset", "software", "check", "--format", "csv"])
        .code(1)
        .stdout;
    assert!(out.contains("A1 门诊电脑,\"钉钉 7.0 is installed"), "{out}");
    assert!(!out.contains("QQ音乐"), "{out}");
    assert!(out.contains("A2 笔记本"), "{out}");
    // Approving it clears the finding; the compliance check carries the area.
    env.ok(&["asset", "software", "allow", "钉钉"]);
    env.ok(&[
        "asset",
        "software",
        "allow",
        "WPS Office",
        "--version-pattern",
        "12.*",
    ]);
    env.ok(&["asset", "software", "allow", "notepad++"]);
    env.run(&["asset", "software", "check"])
        .success()
        .stdout_is("SOFTWARE OK - no findings\n");
    env.ok(&[
        "asset",
        "software",
        "revoke",
        "wps office",
        "--version-pattern",
        "12.*",
    ]);
    env.run(&["audit", "check", "--only", "software", "--nagios"])
        .code(1)
        .stdout_has("COMPLIANCE WARNING - 1 warning")
        .stdout_has("WARNING [software] A2 笔记本: wps office 12.0 is installed");
    env.run(&["audit", "verify"]).success();
}

#[test]
fn a_bad_inventory_is_reported_by_line_and_column_and_nothing_is_written() {
    let env = with_devices();
    env.write("ok.csv", "tag,software,version\nA1,WPS Office,11\n");
    env.ok(&["asset", "software", "import", "ok.csv"]);
    let before = env.sql("SELECT count(*) FROM audit_log;");
    env.write(
        "bad.csv",
        "tag,software,version\n\
         A1,钉钉,7.0\n\
         X9,QQ,1\n\
         A1,,2\n\
         A2,QQ\n\
         ,QQ,1\n",
    );
    let run = env.run(&["asset", "software", "import", "bad.csv"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "error: bad.csv: line 3, column tag: no asset \"X9\" in the register",
            "error: bad.csv: line 4, column software: must not be empty",
            "error: bad.csv: line 5: the row has 2 fields but the header has 3",
            "error: bad.csv: line 6, column tag: must not be empty",
            "error: bad.csv: 4 bad rows; nothing was imported",
        ],
        "{}",
        run.stderr
    );
    assert_eq!(env.sql("SELECT count(*) FROM audit_log;"), before);
    assert_eq!(
        env.sql("SELECT name FROM software_installed;").trim(),
        "WPS Office"
    );
    env.write("h.csv", "tag,name,version\nA1,QQ,1\n");
    env.run(&["asset", "software", "import", "h.csv"]).error(&[
        "h.csv: line 1: unknown column \"name\" (column 2); name the field of each with --map 'HEADER=FIELD' (fields: tag, software, version), or leave it out with --ignore 'HEADER'",
    ]);
    env.write("n.csv", "tag,version\nA1,1\n");
    env.run(&["asset", "software", "import", "n.csv"])
        .error(&["n.csv: line 1: no column gives software (its header may be software, 软件, 软件名称, 名称)"]);
    env.run(&["asset", "software", "import", "missing.csv"])
        .error(&["FILE", "missing.csv"]);
}

#[test]
fn a_dry_run_writes_nothing() {
    let env = with_devices();
    env.write("inv.csv", INVENTORY);
    env.run(&["asset", "software", "import", "--dry-run", "inv.csv"])
        .success()
        .stdout_is("inv.csv: all rows are valid; would load 3 devices, 5 packages: 5 added, 0 removed, 0 unchanged (dry run, nothing written)\n");
    assert_eq!(
        env.sql("SELECT count(*) FROM software_installed;").trim(),
        "0"
    );
    let json = env
        .run(&["asset", "software", "import", "inv.csv", "--format", "json"])
        .success()
        .json();
    assert_eq!(json[0]["added"], 5);
    assert_eq!(json[0]["dry_run"], false);
}
