//! Security operations (issue 15): antivirus per device from an antivirus
//! console's real export (OPS-1, S3), a log review per server and the
//! servers' log retention (OPS-2), the perimeter review per firewall
//! (OPS-3); and the bad exports that must write nothing.

use crate::support::{Env, Run};

/// A fixture from tests/fixtures/secops, copied into the test's folder
/// under the same name (the name is part of what the user sees).
fn fixture(env: &Env, name: &str) -> String {
    let from = format!(
        "{}/tests/fixtures/secops/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::copy(&from, env.path(name)).unwrap_or_else(|e| panic!("{from}: {e}"));
    name.to_string()
}

fn at(env: &Env, day: &str, args: &[&str]) -> Run {
    let mut argv = vec!["--as-of", day];
    argv.extend_from_slice(args);
    env.run(&argv)
}

/// A ward's computers, two servers, a firewall and a printer, registered
/// on 1 August.
fn hospital() -> Env {
    let env = Env::with_org();
    for (tag, kind, name, dept) in [
        ("PC-01", "desktop", "门诊电脑", "内科"),
        ("PC-02", "desktop", "收费电脑", "内科"),
        ("PC-03", "desktop", "护士站电脑", "内科"),
        ("PC-04", "desktop", "医生办公室电脑", "内科"),
        ("NB-01", "laptop", "笔记本", "信息科"),
        ("SRV-01", "server", "HIS服务器", "信息科"),
        ("SRV-02", "server", "PACS服务器", "信息科"),
        ("FW-01", "firewall", "边界防火墙", "信息科"),
        ("PR-01", "printer", "打印机", "内科"),
    ] {
        at(
            &env,
            "2026-08-01",
            &[
                "asset", "register", "--tag", tag, "--kind", kind, "--name", name, "--dept", dept,
            ],
        )
        .success();
    }
    env
}

const XLSX: &str = "终端病毒查杀报表.xlsx";
const GBK: &str = "火绒终端导出-gbk.csv";

/// The 360 console's export (xlsx, made by LibreOffice) knows PC-02 by its
/// computer name NK-SFC-02, which the officer recorded once by hand.
fn imported(env: &Env) {
    at(
        env,
        "2026-11-28",
        &[
            "asset",
            "antivirus",
            "record",
            "PC-02",
            "--product",
            "360天擎",
            "--definitions",
            "2026-10-01",
            "--hostname",
            "NK-SFC-02",
        ],
    )
    .success()
    .stdout_is("Recorded the antivirus of PC-02: 360天擎, definitions 2026-10-01\n");
    let xlsx = fixture(env, XLSX);
    let args = [
        "asset",
        "antivirus",
        "import",
        xlsx.as_str(),
        "--product",
        "360天擎",
        "--ignore",
        "分组",
        "--ignore",
        "操作系统",
    ];
    at(env, "2026-11-28", &args)
        .success()
        .stdout_is("终端病毒查杀报表.xlsx: loaded 4 devices: 4 recorded, 0 unchanged\n");
    // The same export again adds nothing, not even an audit entry.
    let before = env.sql("SELECT count(*) FROM audit_log;");
    at(env, "2026-11-28", &args)
        .success()
        .stdout_is("终端病毒查杀报表.xlsx: loaded 4 devices: 0 recorded, 4 unchanged\n");
    assert_eq!(env.sql("SELECT count(*) FROM audit_log;"), before);
    // Another console's CSV in GBK (iconv), with a product and a tag column.
    let gbk = fixture(env, GBK);
    at(env, "2026-11-28", &["asset", "antivirus", "import", &gbk])
        .success()
        .stdout_is("火绒终端导出-gbk.csv: loaded 2 devices: 2 recorded, 0 unchanged\n");
}

#[test]
fn antivirus_findings_from_an_imported_console_export() {
    let env = hospital();
    // Nothing is judged device by device before the first report.
    at(
        &env,
        "2026-11-28",
        &["audit", "check", "--only", "security"],
    )
    .success()
    .stdout_is("COMPLIANCE OK - no findings\n");
    imported(&env);
    at(
        &env,
        "2026-11-28",
        &["asset", "antivirus", "list", "--format", "csv"],
    )
    .success()
    .stdout_is(
        "tag,name,kind,dept,custodian,product,version,definitions,last_full_scan,hostname,reported,antivirus_state\n\
         NB-01,笔记本,laptop,信息科,,360天擎,10.0.0.2001,2026-11-26,2026-10-01T09:30:00Z,NB-01,2026-11-28,not-scanned\n\
         PC-01,门诊电脑,desktop,内科,,360天擎,10.0.0.2001,2026-11-27,2026-11-20T22:10:05Z,PC-01,2026-11-28,ok\n\
         PC-02,收费电脑,desktop,内科,,360天擎,10.0.0.2001,2026-11-12,2026-11-02T21:00:00Z,NK-SFC-02,2026-11-28,stale-definitions\n\
         PC-03,护士站电脑,desktop,内科,,火绒安全,5.0.75.3,2026-11-27,2026-11-25T12:30:00Z,HSZ-03,2026-11-28,ok\n\
         PC-04,医生办公室电脑,desktop,内科,,,,,,,,none\n\
         SRV-01,HIS服务器,server,信息科,,360天擎,10.0.0.2001,2026-11-27,,SRV-01,2026-11-28,not-scanned\n\
         SRV-02,PACS服务器,server,信息科,,火绒安全,5.0.75.3,2026-11-26,2026-11-20T02:00:00Z,PACS,2026-11-28,ok\n",
    );
    let check = ["audit", "check", "--only", "security", "--format", "csv"];
    at(&env, "2026-11-28", &check).code(1).stdout_is(
        "severity,area,subject,message,requirement\n\
         WARNING,security,NB-01 笔记本,\"no full virus scan within 1mo (last 2026-10-01; 360天擎 10.0.0.2001; no custodian, 信息科)\",OPS-1\n\
         WARNING,security,PC-02 收费电脑,\"virus definitions of 2026-11-12 are 16 days old, older than 1w (360天擎 10.0.0.2001; no custodian, 内科)\",OPS-1\n\
         WARNING,security,PC-04 医生办公室电脑,\"has no antivirus recorded (desktop in use; no custodian, 内科)\",OPS-1\n\
         WARNING,security,SRV-01 HIS服务器,\"no full virus scan recorded (360天擎 10.0.0.2001; no custodian, 信息科)\",OPS-1\n",
    );
    at(
        &env,
        "2026-11-28",
        &["--lang", "zh", "audit", "check", "--only", "security"],
    )
    .code(1)
    .stdout_has("病毒库为 2026-11-12，已 16 天未更新，超过 1 周");
    // Definitions a week old are not late; the limit is in the config.
    let config = env.write("strict.toml", "[security]\ndefinitions_max_age = \"20d\"\n");
    at(
        &env,
        "2026-11-28",
        &[
            "--config",
            config.to_str().unwrap(),
            "audit",
            "check",
            "--only",
            "security",
            "--format",
            "csv",
        ],
    )
    .code(1)
    .stdout_lacks("PC-02");
    // The report of the quarter lists what each device reported.
    at(
        &env,
        "2026-11-28",
        &["audit", "report", "--only", "security", "--format", "csv"],
    )
    .success()
    .stdout_has("security,antivirus,,,6,,,\n")
    .stdout_has("security,antivirus,PC-02,2026-11-28,1,,OPS-1,\"360天擎 10.0.0.2001, definitions 2026-11-12, last full scan 2026-11-02 21:00\"\n");
    env.run(&["audit", "verify"]).success();
}

#[test]
fn the_virus_scan_duty_counts_devices() {
    let env = hospital();
    at(
        &env,
        "2026-09-01",
        &[
            "duty",
            "add",
            "virus-scan",
            "--every",
            "1mo",
            "--ref",
            "OPS-1",
            "--counts",
            "maintenance:virus-scan",
        ],
    )
    .success();
    imported(&env);
    at(&env, "2026-11-28", &["duty", "check", "--format", "csv"])
        .code(2)
        .stdout_is(
            "severity,area,subject,message,requirement\n\
             CRITICAL,duty,virus-scan,\"was due 2026-10-01, 58 days overdue (more than a whole interval); every 1mo, not every device has been scanned; 4 of 7 devices scanned within 1mo; not scanned: NB-01 (last 2026-10-01), PC-04 (never), SRV-01 (never)\",OPS-1\n",
        );
    // One tick for all of them is refused; each device's scan counts.
    at(
        &env,
        "2026-11-28",
        &["duty", "done", "virus-scan", "--note", "全院查杀"],
    )
    .error(&["virus-scan counts the full scans of 7 devices"]);
    for tag in ["NB-01", "PC-04", "SRV-01"] {
        at(
            &env,
            "2026-11-28",
            &[
                "asset",
                "maintain",
                tag,
                "--kind",
                "virus-scan",
                "--note",
                "全盘查杀",
            ],
        )
        .success();
    }
    // Done on the oldest of the newest scans: PC-02's of 2 November.
    at(&env, "2026-11-28", &["duty", "list", "--format", "csv"])
        .success()
        .stdout_has("virus-scan,1mo,OPS-1,,,2026-11-02,2026-12-02,,ok\n");
    at(&env, "2026-11-28", &["duty", "check"]).success();
    // Its history is every device's scans: the consoles' and the recorded ones.
    at(
        &env,
        "2026-11-28",
        &["duty", "history", "virus-scan", "--format", "csv"],
    )
    .success()
    .stdout_has(
        ",2026-11-02,antivirus,full scan of PC-02: 360天擎 (终端病毒查杀报表.xlsx),,tester,\n",
    )
    .stdout_has(
        ",2026-11-25,antivirus,full scan of PC-03: 火绒安全 (火绒终端导出-gbk.csv),,tester,\n",
    )
    .stdout_has(",2026-11-28,maintenance,virus-scan of SRV-01: 全盘查杀,,tester,\n")
    .stdout_lacks("full scan of SRV-01");
}

#[test]
fn a_log_review_per_server_and_its_retention() {
    let env = hospital();
    at(&env, "2026-09-01", &["duty", "seed"])
        .success()
        .stdout_has("log-review:SRV-01, log-review:SRV-02, perimeter-review:FW-01");
    at(
        &env,
        "2026-11-18",
        &[
            "duty",
            "done",
            "log-review:SRV-02",
            "--note",
            "PACS 日志检查",
        ],
    )
    .success();
    at(
        &env,
        "2026-11-28",
        &[
            "duty",
            "done",
            "log-review:SRV-01",
            "--date",
            "2026-11-25",
            "--note",
            "HIS 日志检查",
        ],
    )
    .success()
    .stdout_is("Recorded log-review:SRV-01 done on 2026-11-25; next due 2026-12-02\n");
    // Overdue on one server only.
    at(&env, "2026-11-28", &["duty", "check", "--format", "csv"])
        .code(2)
        .stdout_has(
            "WARNING,duty,log-review:SRV-02,\"was due 2026-11-25, 3 days overdue; every 1w, last done 2026-11-18; owner 信息科\",OPS-2\n",
        )
        .stdout_lacks("log-review:SRV-01");
    let security = ["audit", "check", "--only", "security", "--format", "csv"];
    at(&env, "2026-11-28", &security)
        .code(1)
        .stdout_is(
            "severity,area,subject,message,requirement\n\
             WARNING,security,SRV-01 HIS服务器,the retention of its operation logs is not recorded; at least 6mo is required (网络安全法 art. 21); record it with `infogov asset logs set SRV-01 --retention 6mo`,OPS-2\n\
             WARNING,security,SRV-02 PACS服务器,the retention of its operation logs is not recorded; at least 6mo is required (网络安全法 art. 21); record it with `infogov asset logs set SRV-02 --retention 6mo`,OPS-2\n",
        );
    at(
        &env,
        "2026-11-28",
        &[
            "asset",
            "logs",
            "set",
            "SRV-01",
            "--retention",
            "1y",
            "--kept-at",
            "日志服务器 10.1.9.20",
        ],
    )
    .success()
    .stdout_is("Recorded that SRV-01 keeps its operation logs 1y\n");
    // 180 days is less than six months.
    at(
        &env,
        "2026-11-28",
        &["asset", "logs", "set", "SRV-02", "--retention", "180d"],
    )
    .success()
    .stdout_is("Recorded that SRV-02 keeps its operation logs 180d (shorter than 6mo: a finding of `audit check --only security`)\n");
    at(&env, "2026-11-28", &security).code(1).stdout_is(
        "severity,area,subject,message,requirement\n\
         WARNING,security,SRV-02 PACS服务器,\"keeps its operation logs 180d, shorter than 6mo (网络安全法 art. 21; recorded 2026-11-28)\",OPS-2\n",
    );
    at(
        &env,
        "2026-11-28",
        &["asset", "logs", "list", "--format", "csv"],
    )
    .success()
    .stdout_is(
        "tag,name,dept,retention,kept_at,recorded,retention_ok,log_review\n\
             SRV-01,HIS服务器,信息科,1y,日志服务器 10.1.9.20,2026-11-28,yes,log-review:SRV-01\n\
             SRV-02,PACS服务器,信息科,180d,,2026-11-28,no,log-review:SRV-02\n",
    );
    at(
        &env,
        "2026-11-29",
        &[
            "asset",
            "logs",
            "set",
            "SRV-02",
            "--retention",
            "6mo",
            "--note",
            "已调整 rsyslog 轮转",
        ],
    )
    .success();
    at(&env, "2026-11-29", &security).success();
    // A server added later has no review of its own until seeded.
    at(
        &env,
        "2026-11-29",
        &[
            "asset",
            "register",
            "--tag",
            "SRV-03",
            "--kind",
            "server",
            "--name",
            "OA服务器",
            "--dept",
            "信息科",
        ],
    )
    .success();
    at(&env, "2026-11-29", &security)
        .code(1)
        .stdout_has("SRV-03 OA服务器,has no log-review duty of its own; run `infogov duty seed` (adds log-review:SRV-03),OPS-2\n");
    at(&env, "2026-11-29", &["duty", "seed"])
        .success()
        .stdout_is("Added 1 duties: log-review:SRV-03\n");
    // Bad input: one line, nothing written.
    let before = env.sql("SELECT count(*) FROM audit_log;");
    at(
        &env,
        "2026-11-29",
        &["asset", "logs", "set", "PC-01", "--retention", "1y"],
    )
    .error(&["TAG: PC-01 is a desktop, not a server"]);
    at(
        &env,
        "2026-11-29",
        &[
            "asset",
            "logs",
            "set",
            "SRV-01",
            "--retention",
            "six months",
        ],
    )
    .error(&["--retention: \"six months\" is not an interval"]);
    at(
        &env,
        "2026-11-29",
        &["asset", "logs", "set", "SRV-09", "--retention", "1y"],
    )
    .error(&["no asset \"SRV-09\""]);
    assert_eq!(env.sql("SELECT count(*) FROM audit_log;"), before);
    env.run(&["audit", "verify"]).success();
}

#[test]
fn the_perimeter_review_is_a_duty_per_device() {
    let env = hospital();
    at(&env, "2026-09-01", &["duty", "seed"]).success();
    let list = at(
        &env,
        "2026-10-05",
        &["duty", "show", "perimeter-review:FW-01", "--format", "json"],
    )
    .success()
    .json();
    assert_eq!(list[0]["requirement"], "OPS-3");
    assert_eq!(list[0]["scope"], "asset:FW-01");
    assert_eq!(list[0]["status"], "overdue");
    at(&env, "2026-10-05", &["duty", "check", "--format", "csv"])
        .code(2)
        .stdout_has(
            "WARNING,duty,perimeter-review:FW-01,\"was due 2026-10-01, 4 days overdue; every 1mo, never done since added 2026-09-01; owner 信息科\",OPS-3\n",
        );
    at(
        &env,
        "2026-10-06",
        &[
            "duty",
            "done",
            "perimeter-review:FW-01",
            "--note",
            "防火墙策略与入侵检测告警检查",
        ],
    )
    .success()
    .stdout_is("Recorded perimeter-review:FW-01 done on 2026-10-06; next due 2026-11-06\n");
    // A second firewall: a finding until it has a review of its own.
    at(
        &env,
        "2026-10-06",
        &[
            "asset",
            "register",
            "--tag",
            "FW-02",
            "--kind",
            "firewall",
            "--name",
            "内网防火墙",
            "--dept",
            "信息科",
        ],
    )
    .success();
    let security = ["audit", "check", "--only", "security", "--format", "csv"];
    at(&env, "2026-10-06", &security)
        .code(1)
        .stdout_has("FW-02 内网防火墙,firewall in use with no review duty of its own; run `infogov duty seed` (adds perimeter-review:FW-02),OPS-3\n")
        .stdout_lacks("FW-01");
    at(
        &env,
        "2026-10-06",
        &[
            "duty",
            "add",
            "perimeter-review:FW-02",
            "--every",
            "1mo",
            "--ref",
            "OPS-3",
            "--scope",
            "asset:FW-02",
            "--owner",
            "信息科",
        ],
    )
    .success();
    at(&env, "2026-10-06", &security).stdout_lacks("FW-02");
    // A device's duty stays that device's.
    at(
        &env,
        "2026-10-06",
        &[
            "duty",
            "edit",
            "perimeter-review:FW-02",
            "--scope",
            "kind:firewall",
        ],
    )
    .error(&["perimeter-review:FW-02 keeps its scope"]);
    at(
        &env,
        "2026-10-06",
        &[
            "duty",
            "add",
            "x",
            "--every",
            "1mo",
            "--scope",
            "asset:NOPE",
        ],
    )
    .error(&["--scope", "no asset \"NOPE\""]);
    env.run(&["audit", "verify"]).success();
}

/// A bad export: exit 1, each bad row named by line and column, and nothing written.
fn refused(env: &Env, name: &str, content: &str, says: &str) {
    env.write(name, content);
    let run = at(
        env,
        "2026-11-28",
        &["asset", "antivirus", "import", name, "--product", "360天擎"],
    )
    .code(1);
    assert!(run.stderr.contains(says), "{says:?} not in\n{}", run.stderr);
    assert!(
        run.stderr.ends_with("1 bad rows; nothing was imported\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_console_exports_write_nothing() {
    let env = hospital();
    let before = env.sql("SELECT count(*) FROM audit_log;");
    const HEAD: &str = "计算机名,病毒库版本,最后全盘扫描时间\n";
    refused(
        &env,
        "unknown.csv",
        &format!(
            "{HEAD}PC-01,2026.11.27.03,2026-11-20 22:10\nPC-09,2026.11.27.03,2026-11-20 22:10\n"
        ),
        "unknown.csv: line 3, column 计算机名: no asset is tagged or known by the computer name \"PC-09\"",
    );
    refused(
        &env,
        "definitions.csv",
        &format!("{HEAD}PC-01,2026.11.27.03,2026-11-20 22:10\nPC-02,昨天,2026-11-20 22:10\n"),
        "definitions.csv: line 3, column 病毒库版本: \"昨天\" is not a definitions date",
    );
    refused(
        &env,
        "scan.csv",
        &format!("{HEAD}PC-01,2026.11.27.03,2026-13-01 10:00\n"),
        "scan.csv: line 2, column 最后全盘扫描时间: \"2026-13-01 10:00\" is not a time of a scan",
    );
    refused(
        &env,
        "twice.csv",
        &format!(
            "{HEAD}PC-01,2026.11.27.03,2026-11-20 22:10\nPC-01,2026.11.28.01,2026-11-21 22:10\n"
        ),
        "twice.csv: line 3: the same device as line 2",
    );
    refused(
        &env,
        "serial.csv",
        "序列号,病毒库版本\nSN-404,2026-11-27\n",
        "serial.csv: line 2, column 序列号: no asset with serial number \"SN-404\"",
    );
    // No product column and no --product.
    env.write(
        "noproduct.csv",
        &format!("{HEAD}PC-01,2026.11.27.03,2026-11-20 22:10\n"),
    );
    let run = at(
        &env,
        "2026-11-28",
        &["asset", "antivirus", "import", "noproduct.csv"],
    )
    .code(1);
    assert!(
        run.stderr
            .contains("noproduct.csv: line 2: the antivirus product is not given; add a product column or --product"),
        "{}",
        run.stderr
    );
    // A column it does not know refuses the file, naming it.
    env.write(
        "extra.csv",
        "计算机名,病毒库版本,分组\nPC-01,2026-11-27,门诊\n",
    );
    at(
        &env,
        "2026-11-28",
        &[
            "asset",
            "antivirus",
            "import",
            "extra.csv",
            "--product",
            "x",
        ],
    )
    .error(&["extra.csv: line 1: unknown column \"分组\" (column 3)"]);
    // By hand: the same rules, one line each.
    let record = |extra: &[&str]| {
        let mut args = vec!["asset", "antivirus", "record"];
        args.extend_from_slice(extra);
        at(&env, "2026-11-28", &args)
    };
    record(&[
        "PC-01",
        "--product",
        "360天擎",
        "--definitions",
        "2026-02-30",
    ])
    .error(&["--definitions: \"2026-02-30\""]);
    record(&[
        "PC-01",
        "--product",
        "360天擎",
        "--definitions",
        "2026-11-27",
        "--last-scan",
        "2026-12-05 10:00",
    ])
    .error(&["--last-scan: 2026-12-05 10:00 is in the future"]);
    record(&[
        "PC-99",
        "--product",
        "360天擎",
        "--definitions",
        "2026-11-27",
    ])
    .error(&["no asset \"PC-99\""]);
    assert_eq!(env.sql("SELECT count(*) FROM audit_log;"), before);
    assert_eq!(
        env.sql("SELECT count(*) FROM antivirus_report;").trim(),
        "0"
    );
    env.run(&["audit", "verify"]).success();
}
