//! The incident register (SEC-4, OPS-1, OPS-3, OPS-4): an incident from
//! detection to close, deadlines in `audit check`, a violation traced to a
//! person (C33), an infected device isolated until cleaned (C32), bad input
//! refused whole, and void.

use crate::support::Env;

/// A register with a system, a device and people (with_org: 王伟@内科, 李娜@信息科).
fn env() -> Env {
    let env = Env::with_org();
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env.ok(&["system", "add", "远程访问平台", "--owner-dept", "信息科"]);
    env.ok(&[
        "asset",
        "register",
        "--kind",
        "desktop",
        "--name",
        "门诊医生工作站",
        "--dept",
        "内科",
        "--custodian",
        "王伟",
    ]);
    env
}

const PC: &str = "IT-2026-0001";

/// The number of audit entries: a refused command adds none.
fn entries(env: &Env) -> String {
    env.sql("SELECT count(*) FROM audit_log")
}

fn csv(env: &Env, args: &[&str]) -> String {
    let mut a = args.to_vec();
    a.extend(["--format", "csv"]);
    env.ok(&a)
}

#[test]
fn an_incident_from_detection_to_close() {
    let env = env();
    env.run(&[
        "incident",
        "add",
        "--kind",
        "outage",
        "--system",
        "远程访问平台",
        "--detected",
        "2026-11-28 08:05",
        "--note",
        "VPN 网关宕机",
    ])
    .success()
    .stdout_is("Recorded incident 1: outage on 远程访问平台, detected 2026-11-28 08:05\n");
    env.run(&["incident", "list", "--open", "--format", "csv"])
        .success()
        .stdout_is(
            "id,kind,system,device,detected,contained,resolved,status,traced_to,note,remedy,cleaned,void\n\
             1,outage,远程访问平台,,2026-11-28T08:05:00Z,,,open,,VPN 网关宕机,,,\n",
        );
    env.run(&[
        "incident",
        "update",
        "1",
        "--contained",
        "2026-11-28 08:40",
        "--note",
        "VPN 网关宕机，已切换备用线路",
    ])
    .success()
    .stdout_is("Updated incident 1 (outage on 远程访问平台)\n");
    env.run(&[
        "incident",
        "close",
        "1",
        "--resolved",
        "2026-11-28 10:15",
        "--remedy",
        "更换电源模块；增加网关监控告警",
    ])
    .success()
    .stdout_is("Closed incident 1 (outage on 远程访问平台), resolved 2026-11-28 10:15\n");
    // Closed: no longer open, and closing twice is refused.
    env.run(&["incident", "list", "--open", "--format", "csv"])
        .success()
        .stdout_is(
            "id,kind,system,device,detected,contained,resolved,status,traced_to,note,remedy,cleaned,void\n",
        );
    env.run(&["incident", "close", "1"])
        .error(&["ID: incident 1 is already closed (resolved 2026-11-28 10:15)"]);
    let shown = env
        .run(&["incident", "show", "1", "--format", "json"])
        .json();
    let i = &shown[0];
    assert_eq!(i["status"], "closed");
    assert_eq!(i["detected"], "2026-11-28T08:05:00Z");
    assert_eq!(i["contained"], "2026-11-28T08:40:00Z");
    assert_eq!(i["resolved"], "2026-11-28T10:15:00Z");
    assert_eq!(i["remedy"], "更换电源模块；增加网关监控告警");
    assert_eq!(i["recorded_by"], "tester");
    // Every output format of the listing: a workbook and a page too.
    let book = env.path("incidents.xlsx");
    env.ok(&[
        "incident",
        "list",
        "--format",
        "xlsx",
        "-o",
        book.to_str().unwrap(),
    ]);
    assert!(
        std::fs::read(&book).unwrap().starts_with(b"PK"),
        "an xlsx is a zip"
    );
    let page = env.ok(&["incident", "list", "--format", "html"]);
    assert!(
        page.contains("远程访问平台") && page.contains("<table"),
        "{page}"
    );
    // A person reads local minutes.
    env.run(&["incident", "show", "1"])
        .success()
        .stdout_has("2026-11-28 08:40")
        .stdout_has("closed");
    // Each step is in the trail, and the trail verifies.
    let log = csv(
        &env,
        &["audit", "log", "--entity", "incident", "--key", "1"],
    );
    assert_eq!(log.lines().count(), 4, "{log}");
    env.run(&["audit", "verify"]).success();
    // No deadline passed while it was open, and the report has it.
    env.run(&["audit", "check", "--only", "incident"])
        .success()
        .stdout_has("COMPLIANCE OK");
    let report = csv(&env, &["audit", "report", "--only", "incidents"]);
    assert!(report.contains("incidents,detected,,,1,,,"), "{report}");
    assert!(
        report.contains(
            "incidents,resolved,远程访问平台,2026-11-28,1,,OPS-3,\"incident 1, outage: detected 2026-11-28 08:05, contained 2026-11-28 08:40, resolved 2026-11-28 10:15; VPN 网关宕机，已切换备用线路; remedy: 更换电源模块；增加网关监控告警\""
        ),
        "{report}"
    );
    assert!(report.contains("incidents,still-open,,,0,,,"), "{report}");
    // The HTML and JSON report carry it too.
    let page = env.ok(&["audit", "report", "--format", "html"]);
    assert!(page.contains("VPN 网关宕机"), "the HTML report lacks it");
    let json = env.run(&["audit", "report", "--format", "json"]).json();
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .any(|l| l["section"] == "incidents"
                && l["metric"] == "resolved"
                && l["subject"] == "远程访问平台"),
        "{json}"
    );
}

#[test]
fn an_open_incident_past_its_deadline_is_a_finding() {
    let env = env();
    env.ok(&[
        "incident",
        "add",
        "--kind",
        "fault",
        "--system",
        "HIS",
        "--detected",
        "2026-11-18 09:00",
    ]);
    env.ok(&[
        "incident",
        "add",
        "--kind",
        "outage",
        "--system",
        "远程访问平台",
        "--detected",
        "2026-11-28 21:00",
    ]);
    // --as-of is the end of 2026-11-28: the fault is ten days open (7d
    // allowed), the outage three hours (4h allowed).
    let r = env
        .run(&["audit", "check", "--only", "incident", "--format", "csv"])
        .code(1);
    assert_eq!(
        r.stdout,
        "severity,area,subject,message,requirement\n\
         WARNING,incident,HIS,\"incident 1 (fault, detected 2026-11-18 09:00) is still open after 1w; close it with `infogov incident close 1` once resolved\",OPS-4\n",
    );
    env.run(&["audit", "check", "--only", "incident", "--nagios"])
        .code(1)
        .stdout_has("COMPLIANCE WARNING");
    // The whole check carries it too, and the Chinese wording names the deadline.
    env.run(&["audit", "check", "--lang", "zh"])
        .stdout_has("事件 1（故障，发现于 2026-11-18 09:00）超过 1 周 仍未处理完毕");
    // Two hours later the outage is late as well.
    env.run(&[
        "--as-of",
        "2026-11-29 01:30",
        "audit",
        "check",
        "--only",
        "incident",
    ])
    .code(1)
    .stdout_has("incident 2 (outage, detected 2026-11-28 21:00) is still open after 4h");
    // The deadlines are configured per kind.
    let config = env.write("c.toml", "[incident.deadline]\nfault = \"14d\"\n");
    env.run(&[
        "--config",
        config.to_str().unwrap(),
        "audit",
        "check",
        "--only",
        "incident",
    ])
    .success();
    let bad = env.write("bad.toml", "[incident.deadline]\nworm = \"1d\"\n");
    let r = env
        .run(&[
            "--config",
            bad.to_str().unwrap(),
            "audit",
            "check",
            "--only",
            "incident",
        ])
        .code(3);
    assert!(
        r.stderr
            .contains("incident.deadline.worm: \"worm\" is not a kind of incident"),
        "{}",
        r.stderr
    );
    // Closed, it is no longer a finding.
    env.ok(&["incident", "close", "1", "--remedy", "更换硬盘"]);
    env.run(&["audit", "check", "--only", "incident"]).success();
}

#[test]
fn a_violation_is_traced_to_a_person() {
    let env = env();
    let before = entries(&env);
    env.run(&[
        "incident",
        "add",
        "--kind",
        "violation",
        "--system",
        "HIS",
        "--detected",
        "2026-11-20 14:00",
        "--note",
        "擅自修改处方数据",
    ])
    .error(&["--person: a violation must name the person it was traced to (C33"]);
    assert_eq!(entries(&env), before, "nothing written");
    env.run(&[
        "incident",
        "add",
        "--kind",
        "violation",
        "--system",
        "HIS",
        "--detected",
        "2026-11-20 14:00",
        "--person",
        "张三",
    ])
    .error(&["--person: no person \"张三\""]);
    env.ok(&[
        "incident",
        "add",
        "--kind",
        "violation",
        "--system",
        "HIS",
        "--detected",
        "2026-11-20 14:00",
        "--person",
        "王伟",
        "--note",
        "擅自修改处方数据",
    ]);
    let list = env.run(&["incident", "list", "--format", "json"]).json();
    assert_eq!(list[0]["traced_to"], "王伟@内科");
    // The person cannot be taken off a violation afterwards.
    env.run(&["incident", "update", "1", "--person", ""])
        .error(&["--person: a violation must name the person"]);
    env.run(&["--lang", "zh", "incident", "list"])
        .success()
        .stdout_has("责任人")
        .stdout_has("违规")
        .stdout_has("处理中");
}

#[test]
fn a_virus_isolates_the_device_until_it_is_cleaned() {
    let env = env();
    env.run(&[
        "incident",
        "add",
        "--kind",
        "virus",
        "--asset",
        PC,
        "--detected",
        "2026-11-28 09:10",
        "--note",
        "U 盘带入勒索病毒",
    ])
    .success()
    .stdout_is(&format!(
        "Recorded incident 1: virus on {PC}, detected 2026-11-28 09:10; {PC} is isolated until the incident is closed as cleaned (C32)\n"
    ));
    // The asset register shows the device isolated.
    let list = env.run(&["asset", "list", "--format", "json"]).json();
    assert_eq!(list[0]["isolated_by"], 1);
    let show = env.run(&["asset", "show", PC, "--format", "json"]).json();
    assert_eq!(show[0]["isolated_by"], 1);
    assert_eq!(show[0]["isolated_since"], "2026-11-28T09:10:00Z");
    env.run(&["asset", "show", PC])
        .success()
        .stdout_has("Isolated since ┆ 2026-11-28 09:10");
    env.run(&["incident", "list", "--format", "csv"])
        .success()
        .stdout_has(",isolated,");
    // Marked isolated, but nothing says it was taken off the network.
    env.run(&["audit", "check", "--only", "incident"])
        .code(2)
        .stdout_has("isolated device still in use: infected (incident 1, detected 2026-11-28 09:10) and no isolation recorded within 1h");
    // Within the hour it was not yet late.
    env.run(&[
        "--as-of",
        "2026-11-28 09:50",
        "audit",
        "check",
        "--only",
        "incident",
    ])
    .success();
    env.ok(&["incident", "update", "1", "--contained", "2026-11-28 09:25"]);
    env.run(&["audit", "check", "--only", "incident"]).success();
    // Closed only once cleaned; until then it stays isolated.
    let before = entries(&env);
    env.run(&["incident", "close", "1", "--remedy", "重装系统"])
        .error(&["--cleaned: a virus incident on a device is closed only once the device is cleaned (C32"]);
    assert_eq!(entries(&env), before);
    env.run(&["incident", "close", "1", "--resolved", "2026-11-28 16:00", "--cleaned", "--remedy", "全盘查杀，重装系统"])
        .success()
        .stdout_is(&format!(
            "Closed incident 1 (virus on {PC}), resolved 2026-11-28 16:00; {PC} is cleaned and released from isolation\n"
        ));
    let list = env.run(&["asset", "list", "--format", "json"]).json();
    assert_eq!(list[0]["isolated_by"], serde_json::Value::Null);
    let show = env.run(&["asset", "show", PC, "--format", "json"]).json();
    assert_eq!(show[0]["isolated_since"], serde_json::Value::Null);
    let i = env
        .run(&["incident", "show", "1", "--format", "json"])
        .json();
    assert_eq!(i[0]["cleaned"], true);
    assert_eq!(i[0]["status"], "closed");
    // Reopened (resolved cleared), the device is isolated again.
    env.run(&["incident", "update", "1", "--resolved", ""])
        .success()
        .stdout_has("is isolated until the incident is closed as cleaned");
    let list = env.run(&["asset", "list", "--format", "json"]).json();
    assert_eq!(list[0]["isolated_by"], 1);
    // Only a virus on a device is cleaned.
    env.run(&[
        "incident",
        "add",
        "--kind",
        "fault",
        "--system",
        "HIS",
        "--detected",
        "2026-11-28 10:00",
        "--cleaned",
    ])
    .error(&["--cleaned: only a virus incident on a device (--asset) is cleaned"]);
}

#[test]
fn bad_input_is_refused_whole() {
    let env = env();
    let before = entries(&env);
    let add = |extra: &[&str]| {
        let mut a = vec!["incident", "add"];
        a.extend_from_slice(extra);
        env.run(&a)
    };
    add(&["--kind", "worm", "--system", "HIS", "--detected", "2026-11-27 09:00"]).error(&[
        "--kind: \"worm\" is not a kind of incident; expected one of virus, intrusion, outage, fault, violation, data-loss",
    ]);
    add(&[
        "--kind",
        "fault",
        "--system",
        "HIS",
        "--detected",
        "2026-11-27 09:00",
        "--resolved",
        "2026-11-27 08:30",
    ])
    .error(&["--resolved: 2026-11-27 08:30 is before --detected 2026-11-27 09:00"]);
    add(&[
        "--kind",
        "fault",
        "--system",
        "HIS",
        "--detected",
        "2026-11-27 09:00",
        "--contained",
        "2026-11-27 10:00",
        "--resolved",
        "2026-11-27 09:30",
    ])
    .error(&["--resolved: 2026-11-27 09:30 is before --contained 2026-11-27 10:00"]);
    add(&[
        "--kind",
        "fault",
        "--system",
        "HIS",
        "--detected",
        "2026-11-29 09:00",
    ])
    .error(&["--detected: 2026-11-29 09:00 is in the future"]);
    add(&[
        "--kind",
        "fault",
        "--system",
        "HIS",
        "--detected",
        "yesterday",
    ])
    .error(&["--detected: \"yesterday\" is not a date and time"]);
    add(&[
        "--kind",
        "fault",
        "--system",
        "ERP",
        "--detected",
        "2026-11-27 09:00",
    ])
    .error(&["--system: no information system \"ERP\""]);
    add(&[
        "--kind",
        "virus",
        "--asset",
        "IT-2026-9999",
        "--detected",
        "2026-11-27 09:00",
    ])
    .error(&["--asset: no asset \"IT-2026-9999\" in the register"]);
    // Both or neither of --system and --asset: a usage error.
    let r = add(&[
        "--kind",
        "fault",
        "--system",
        "HIS",
        "--asset",
        PC,
        "--detected",
        "2026-11-27 09:00",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = add(&["--kind", "fault", "--detected", "2026-11-27 09:00"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    env.run(&["incident", "show", "7"])
        .error(&["ID: there is no incident 7"]);
    env.run(&["incident", "close", "x"])
        .error(&["ID: \"x\" is not an ID"]);
    env.run(&["incident", "list", "--kind", "worm"])
        .error(&["--kind: \"worm\""]);
    assert_eq!(entries(&env), before, "nothing written");
    env.run(&["incident", "list", "--format", "csv"]).success().stdout_is(
        "id,kind,system,device,detected,contained,resolved,status,traced_to,note,remedy,cleaned,void\n",
    );
    // An update that breaks a rule leaves the incident as it was.
    env.ok(&[
        "incident",
        "add",
        "--kind",
        "fault",
        "--system",
        "HIS",
        "--detected",
        "2026-11-27 09:00",
    ]);
    let before = entries(&env);
    env.run(&["incident", "update", "1", "--contained", "2026-11-27 08:00"])
        .error(&["--contained: 2026-11-27 08:00 is before --detected 2026-11-27 09:00"]);
    env.run(&["incident", "update", "1"])
        .error(&["nothing to change"]);
    assert_eq!(entries(&env), before);
}

#[test]
fn times_without_a_zone_are_in_the_registers_zone() {
    let env = env();
    let config = env.write("c.toml", "timezone = \"Asia/Shanghai\"\n");
    let c = config.to_str().unwrap();
    env.ok(&[
        "--config",
        c,
        "incident",
        "add",
        "--kind",
        "intrusion",
        "--system",
        "HIS",
        "--detected",
        "2026-11-27 09:10",
    ]);
    let i = env
        .run(&["--config", c, "incident", "show", "1", "--format", "json"])
        .json();
    assert_eq!(i[0]["detected"], "2026-11-27T09:10:00+08:00");
    assert_eq!(
        env.sql("SELECT detected FROM incident"),
        "2026-11-27T01:10:00Z\n"
    );
    // RFC 3339 with its own offset is taken as written.
    env.ok(&[
        "--config",
        c,
        "incident",
        "update",
        "1",
        "--contained",
        "2026-11-27T02:00:00Z",
    ]);
    env.run(&["--config", c, "incident", "show", "1"])
        .success()
        .stdout_has("2026-11-27 10:00");
}

#[test]
fn a_void_incident_counts_for_nothing() {
    let env = env();
    env.ok(&[
        "incident",
        "add",
        "--kind",
        "virus",
        "--asset",
        PC,
        "--detected",
        "2026-11-20 09:10",
    ]);
    env.run(&["audit", "check", "--only", "incident"]).code(2);
    env.run(&["incident", "void", "1", "--reason", "误报：杀毒软件误判"])
        .success()
        .stdout_is(&format!(
            "Voided incident 1: 误报：杀毒软件误判; {PC} is no longer isolated by it\n"
        ));
    env.run(&["audit", "check", "--only", "incident"]).success();
    let list = env.run(&["asset", "list", "--format", "json"]).json();
    assert_eq!(list[0]["isolated_by"], serde_json::Value::Null);
    env.run(&["incident", "list", "--format", "csv"])
        .success()
        .stdout_has("void: 误报：杀毒软件误判 (by tester)");
    env.run(&["incident", "list", "--open", "--format", "csv"])
        .success()
        .stdout_lacks(PC);
    env.run(&["incident", "void", "1", "--reason", "again"])
        .error(&["ID: incident 1 is already void"]);
    env.run(&["incident", "update", "1", "--note", "x"])
        .error(&["ID: incident 1 is void (误报：杀毒软件误判, by tester)"]);
    env.run(&["incident", "close", "1", "--cleaned"])
        .error(&["ID: incident 1 is void"]);
    let report = csv(&env, &["audit", "report"]);
    assert!(report.contains("incidents,detected,,,0,,,"), "{report}");
    assert!(
        report.contains("corrections,voided,incident 1,"),
        "{report}"
    );
    env.run(&["audit", "verify"]).success();
}
