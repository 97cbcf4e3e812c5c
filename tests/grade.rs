//! Security grading (等级保护): the matrix, the design-stage rule, filing,
//! evaluation, self-inspection, rectification and the check at its boundaries.

use crate::support::Env;

/// A register with one system, HIS, in the given stage.
fn with_system(stage: &str) -> Env {
    let env = Env::with_org();
    env.ok(&[
        "system",
        "add",
        "HIS",
        "--owner-dept",
        "信息科",
        "--stage",
        stage,
    ]);
    env
}

fn assess(env: &Env, system: &str, date: &str, info: (&str, &str), service: (&str, &str)) {
    env.ok(&[
        "--as-of",
        date,
        "grade",
        "assess",
        system,
        "--info-object",
        info.0,
        "--info-harm",
        info.1,
        "--service-object",
        service.0,
        "--service-harm",
        service.1,
    ]);
}

/// Grades HIS at grade 1, 2, 3, 4 or 5 on `date`.
fn grade_at(env: &Env, date: &str, grade: u8) {
    let info = match grade {
        1 => ("citizen", "general"),
        2 => ("citizen", "serious"),
        3 => ("society", "serious"),
        4 => ("society", "severe"),
        _ => ("nation", "severe"),
    };
    assess(env, "HIS", date, info, ("citizen", "general"));
}

/// Records HIS's grading report and expert review on `date`, the materials
/// a grade 2+ filing is made with.
fn materials(env: &Env, date: &str) {
    let report = env.write("定级报告.pdf", "%PDF-1.4 grading report of HIS\n");
    env.ok(&[
        "--as-of",
        LATER,
        "grade",
        "report",
        "HIS",
        report.to_str().unwrap(),
        "--date",
        date,
    ]);
    env.ok(&[
        "--as-of",
        LATER,
        "grade",
        "review",
        "HIS",
        "--date",
        date,
        "--experts",
        "张三,李四",
    ]);
}

/// `grade check` on a date: its exit code and CSV.
fn check(env: &Env, as_of: &str) -> (i32, String) {
    let run = env.run(&["--as-of", as_of, "grade", "check", "--format", "csv"]);
    (run.code, run.stdout)
}

/// A day after every date the tests record, for commands that give `--date`.
const LATER: &str = "2030-01-01";

const HEADER: &str = "severity,area,subject,message,requirement\n";

#[test]
fn assess_records_each_grading_and_keeps_the_history() {
    // The matrix itself is src/domain/grading.rs's unit test; here the binary
    // records what it gives, one cell of each row, and keeps every grading.
    let env = with_system("in-service");
    let cells = [
        (
            "2026-01-10",
            ("citizen", "serious"),
            ("citizen", "general"),
            2,
            1,
            2,
        ),
        (
            "2026-01-11",
            ("society", "general"),
            ("society", "severe"),
            2,
            4,
            4,
        ),
        (
            "2026-01-12",
            ("nation", "general"),
            ("citizen", "serious"),
            3,
            2,
            3,
        ),
    ];
    for (date, info, service, i, a, grade) in cells {
        let out = env
            .run(&[
                "--as-of",
                date,
                "grade",
                "assess",
                "HIS",
                "--info-object",
                info.0,
                "--info-harm",
                info.1,
                "--service-object",
                service.0,
                "--service-harm",
                service.1,
                "--format",
                "json",
            ])
            .success()
            .json();
        let g = &out[0];
        assert_eq!(
            (&g["info_grade"], &g["service_grade"], &g["grade"]),
            (&i.into(), &a.into(), &grade.into()),
            "{date}: {g}"
        );
        assert_eq!(g["sub_grades"], format!("S{i}A{a}"));
        assert_eq!(g["date"], date);
    }
    // Re-grading keeps the history: every grading, on its day, in order.
    let show = env
        .run(&["grade", "show", "HIS", "--format", "json"])
        .success()
        .json();
    let graded: Vec<String> = show
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "graded")
        .map(|e| {
            format!(
                "{} {}",
                e["date"].as_str().unwrap(),
                &e["detail"].as_str().unwrap()[..4]
            )
        })
        .collect();
    assert_eq!(
        graded,
        ["2026-01-10 S2A1", "2026-01-11 S2A4", "2026-01-12 S3A2"]
    );
}

#[test]
fn the_grade_is_the_higher_of_the_two() {
    let env = with_system("in-service");
    env.run(&[
        "--as-of",
        "2026-01-10",
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
        "severe",
        "--rationale",
        "患者隐私数据",
    ])
    .success()
    .stdout_is("Graded HIS: S3A2 -> grade 3 监督保护级 (supervised protection); file it (备案) by 2026-02-09\n");
    env.run(&[
        "--as-of",
        "2026-01-11",
        "grade",
        "assess",
        "HIS",
        "--info-object",
        "citizen",
        "--info-harm",
        "general",
        "--service-object",
        "nation",
        "--service-harm",
        "severe",
        "--format",
        "csv",
    ])
    .success()
    .stdout_is(
        "id,system,date,info_object,info_harm,info_grade,service_object,service_harm,service_grade,grade,sub_grades,grade_name,rationale,ruleset,review_date,review_experts,review_opinion,approval_date,approval_authority,approval_reference\n\
         2,HIS,2026-01-11,citizen,general,1,nation,severe,5,5,S1A5,专控保护级,,infogov-mlps-2026.2,,,,,,\n",
    );
    // The change of grade is said; grade 1 needs no filing.
    env.run(&[
        "--as-of",
        "2026-01-12",
        "grade",
        "assess",
        "HIS",
        "--info-object",
        "citizen",
        "--info-harm",
        "general",
        "--service-object",
        "citizen",
        "--service-harm",
        "general",
    ])
    .success()
    .stdout_is("Graded HIS: S1A1 -> grade 1 自主保护级 (user protection) (was grade 5)\n");
}

#[test]
fn grading_refuses_bad_input() {
    let env = with_system("in-service");
    let base = ["--as-of", "2026-01-10", "grade", "assess", "HIS"];
    let with = |extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        env.run(&args)
    };
    let full = [
        "--info-object",
        "society",
        "--info-harm",
        "serious",
        "--service-object",
        "citizen",
        "--service-harm",
        "general",
    ];
    // Not on a terminal: every answer is an option, and the missing one is named.
    with(&full[..6]).error(&["--service-harm: required", "general, serious or severe"]);
    with(&[]).error(&["--info-object: required", "citizen, society or nation"]);
    let mut bad = full;
    bad[1] = "people";
    with(&bad).error(&[
        "--info-object",
        "\"people\" is not a harmed object",
        "citizen, society or nation",
    ]);
    let mut bad = full;
    bad[7] = "catastrophic";
    with(&bad).error(&["--service-harm", "\"catastrophic\" is not a degree of harm"]);
    let mut future = full.to_vec();
    future.extend(["--date", "2026-01-11"]);
    with(&future).error(&["--date", "2026-01-11 is in the future", "2026-01-10"]);
    let mut malformed = full.to_vec();
    malformed.extend(["--date", "2026-1-9"]);
    with(&malformed).error(&["--date", "\"2026-1-9\" is not a date"]);
    let mut args = vec!["grade", "assess", "OA"];
    args.extend_from_slice(&full);
    env.run(&args)
        .error(&["SYSTEM", "no information system \"OA\""]);
    // Nothing was written by any refusal.
    assert_eq!(env.sql("SELECT count(*) FROM grade_assessment;"), "0\n");
}

#[test]
fn a_design_stage_system_is_graded_before_it_goes_into_service() {
    let env = with_system("design");
    env.run(&["system", "stage", "HIS", "in-service"]).error(&[
        "STAGE",
        "HIS has no grade",
        "GRD-6",
        "infogov grade assess HIS",
    ]);
    // Not graded and in design: no finding yet.
    assert_eq!(check(&env, "2026-01-10"), (0, HEADER.to_string()));
    grade_at(&env, "2026-01-10", 3);
    env.run(&["system", "stage", "HIS", "in-service"])
        .success()
        .stdout_is("HIS is now in-service\n");
    env.run(&["system", "stage", "HIS", "in-service"])
        .error(&["STAGE", "HIS is already in-service"]);
    env.run(&["system", "stage", "HIS", "retired", "--format", "csv"])
        .success()
        .stdout_is("name,owner_dept,stage,description\nHIS,信息科,retired,\n");
    // The stage changes are in the audit trail.
    env.run(&[
        "audit", "log", "--entity", "system", "--key", "HIS", "--format", "csv",
    ])
    .success()
    .stdout_has("\"{\"\"created_at\"\"")
    .stdout_has("\"\"stage\"\":\"\"in-service\"\"")
    .stdout_has("\"\"stage\"\":\"\"retired\"\"");
    // A retired system has no duties.
    assert_eq!(check(&env, "2030-01-01"), (0, HEADER.to_string()));
    env.run(&["system", "stage", "HIS", "bogus"]).code(2);
}

#[test]
fn an_ungraded_system_in_service_is_critical() {
    let env = with_system("in-service");
    assert_eq!(
        check(&env, "2026-01-10"),
        (
            2,
            format!(
                "{HEADER}CRITICAL,grade,HIS,is in service with no grade (定级); grade it with `infogov grade assess`,GRD-1\n"
            )
        )
    );
    env.run(&["--as-of", "2026-01-10", "grade", "check", "--nagios"])
        .code(2)
        .stdout_is("GRADE CRITICAL - 1 critical | critical=1;;;0 warning=0;;;0 unknown=0;;;0\nCRITICAL [grade] HIS: is in service with no grade (定级); grade it with `infogov grade assess` (GRD-1)\n");
    // The regime-wide check has the grade area.
    env.run(&["audit", "check", "--only", "grade", "--format", "csv"])
        .code(2)
        .stdout_has("CRITICAL,grade,HIS");
}

#[test]
fn filing_is_due_30_days_after_grading_with_a_7_day_warning() {
    // In design, so that evaluation and inspection are not yet due.
    let env = with_system("design");
    grade_at(&env, "2026-01-10", 2);
    // The days either side of each limit are src/domain/grading.rs's
    // filing_boundaries; here, what the binary says on each side.
    assert_eq!(
        check(&env, "2026-02-02"),
        (
            1,
            format!(
                "{HEADER}WARNING,grade,HIS,grade 2 (since 2026-01-10) is not filed (备案); the filing is due by 2026-02-09 (in 7 days),GRD-3\n"
            )
        )
    );
    assert_eq!(
        check(&env, "2026-02-10"),
        (
            2,
            format!(
                "{HEADER}CRITICAL,grade,HIS,grade 2 (since 2026-01-10) is not filed (备案); the filing was due by 2026-02-09,GRD-3\n"
            )
        )
    );
    materials(&env, "2026-02-11");
    env.run(&[
        "--as-of",
        "2026-02-12",
        "grade",
        "file",
        "HIS",
        "--date",
        "2026-02-11",
        "--authority",
        "市公安局网安支队",
        "--number",
        "44010013001-26001",
    ])
    .success()
    .stdout_is("Filed grade 2 of HIS with 市公安局网安支队, number 44010013001-26001\n");
    assert_eq!(check(&env, "2026-02-12"), (0, HEADER.to_string()));
    // Re-grading at the same grade keeps the filing; a new grade must be filed afresh.
    grade_at(&env, "2026-03-01", 2);
    assert_eq!(check(&env, "2026-04-01").0, 0);
    grade_at(&env, "2026-04-01", 3);
    assert_eq!(check(&env, "2026-05-01").0, 1);
    assert_eq!(check(&env, "2026-05-02").0, 2);
}

#[test]
fn filing_refusals_and_grade_one() {
    let env = with_system("in-service");
    let file = |as_of: &str, date: &str| {
        env.run(&[
            "--as-of",
            as_of,
            "grade",
            "file",
            "HIS",
            "--date",
            date,
            "--authority",
            "市公安局",
            "--number",
            "N1",
        ])
    };
    file("2026-01-10", "2026-01-10").error(&["SYSTEM", "HIS has no grade", "grade assess HIS"]);
    grade_at(&env, "2026-01-10", 1);
    file("2026-01-20", "2026-01-09").error(&[
        "--date",
        "HIS was not graded on 2026-01-09",
        "2026-01-10",
    ]);
    file("2026-01-20", "2026-01-21").error(&["--date", "2026-01-21 is in the future"]);
    // Grade 1: not required, and allowed.
    file("2026-01-20", "2026-01-20")
        .success()
        .stdout_is("Filed grade 1 of HIS with 市公安局, number N1 (not required below grade 2, recorded all the same)\n");
    env.run(&[
        "--as-of",
        LATER,
        "grade",
        "file",
        "HIS",
        "--date",
        "2026-01-20",
        "--authority",
        " ",
        "--number",
        "N2",
    ])
    .error(&["--authority: must not be empty"]);
    env.run(&[
        "--as-of",
        LATER,
        "grade",
        "file",
        "HIS",
        "--authority",
        "x",
        "--number",
        "N2",
    ])
    .code(2);
}

#[test]
fn evaluation_is_due_yearly_from_grade_3_with_a_30_day_warning() {
    let env = with_system("in-service");
    grade_at(&env, "2025-01-10", 3);
    materials(&env, "2025-01-20");
    env.run(&[
        "--as-of",
        LATER,
        "grade",
        "file",
        "HIS",
        "--date",
        "2025-01-20",
        "--authority",
        "市公安局",
        "--number",
        "N1",
    ])
    .success()
    .stdout_is("Filed grade 3 of HIS with 市公安局, number N1\n");
    env.ok(&[
        "--as-of",
        LATER,
        "grade",
        "inspect",
        "HIS",
        "--date",
        "2025-12-01",
        "--findings",
        "none",
    ]);
    // First evaluation due a year after grading: 2026-01-10 (the days either
    // side are src/domain/grading.rs's evaluation_and_inspection_boundaries).
    assert_eq!(
        check(&env, "2025-12-11"),
        (
            1,
            format!(
                "{HEADER}WARNING,grade,HIS,\"evaluation (等级测评) is due by 2026-01-10, in 30 days (none since grade 3 was set on 2025-01-10)\",GRD-4\n"
            )
        )
    );
    assert_eq!(
        check(&env, "2026-01-11"),
        (
            2,
            format!(
                "{HEADER}CRITICAL,grade,HIS,evaluation (等级测评) is overdue: it was due by 2026-01-10 (none since grade 3 was set on 2025-01-10),GRD-4\n"
            )
        )
    );
    env.run(&[
        "--as-of",
        "2026-01-11",
        "grade",
        "evaluate",
        "HIS",
        "--date",
        "2026-01-11",
        "--agency",
        "某某测评中心",
        "--result",
        "basic",
        "--score",
        "82.5",
        "--report",
        "R-2026-01",
    ])
    .success()
    .stdout_is("Recorded evaluation 1 of HIS against grade 3: basic\n");
    assert_eq!(check(&env, "2026-01-11"), (0, HEADER.to_string()));
    // The next is due a year after the last: 2027-01-11.
    env.run(&["--as-of", "2026-02-01", "grade", "list", "--format", "csv"])
        .success()
        .stdout_is(
            "system,stage,grade,sub_grades,grade_name,graded,filed,filing_due,filed_late,evaluated,result,evaluation_due,inspected,inspection_due,open_rectifications\n\
             HIS,in-service,3,S3A1,监督保护级,2025-01-10,2025-01-20,,,2026-01-11,basic,2027-01-11,2025-12-01,2026-12-01,0\n",
        );
    // With this year's self-inspection done, the next evaluation alone is
    // named, thirty days before it is due.
    env.ok(&[
        "--as-of",
        LATER,
        "grade",
        "inspect",
        "HIS",
        "--date",
        "2026-11-30",
        "--findings",
        "none",
    ]);
    assert_eq!(check(&env, "2026-12-11"), (0, HEADER.to_string()));
    assert_eq!(
        check(&env, "2026-12-12"),
        (
            1,
            format!(
                "{HEADER}WARNING,grade,HIS,\"evaluation (等级测评) is due by 2027-01-11, in 30 days (last 2026-01-11, basic)\",GRD-4\n"
            )
        )
    );
}

#[test]
fn evaluation_intervals_per_grade_are_configured() {
    let env = with_system("in-service");
    grade_at(&env, "2026-01-10", 2);
    materials(&env, "2026-01-20");
    env.ok(&[
        "--as-of",
        LATER,
        "grade",
        "file",
        "HIS",
        "--date",
        "2026-01-20",
        "--authority",
        "市公安局",
        "--number",
        "N1",
    ]);
    env.ok(&[
        "--as-of",
        LATER,
        "grade",
        "inspect",
        "HIS",
        "--date",
        "2027-12-01",
        "--findings",
        "none",
    ]);
    // Grade 2: every two years by default.
    assert_eq!(check(&env, "2027-12-10").0, 0);
    assert_eq!(check(&env, "2027-12-11").0, 1);
    assert_eq!(check(&env, "2028-01-11").0, 2);
    // Grade 4 half-yearly by default (公通字[2007]43号 art. 14), evaluation and
    // self-inspection alike: graded 2026-01-10, both due 2026-07-10.
    grade_at(&env, "2026-01-10", 4);
    let list = env
        .run(&["--as-of", "2026-01-10", "grade", "list", "--format", "json"])
        .json();
    assert_eq!(list[0]["evaluation_due"], "2026-07-10");
    assert_eq!(list[0]["inspection_due"], "2026-07-10");
    env.run(&["--as-of", "2026-07-10", "grade", "check", "--format", "csv"])
        .stdout_lacks("overdue");
    env.run(&["--as-of", "2026-07-11", "grade", "check", "--format", "csv"])
        .code(2)
        .stdout_has("evaluation (等级测评) is overdue: it was due by 2026-07-10")
        .stdout_has("self-inspection (自查) is overdue: it was due by 2026-07-10");
    // A laxer local rule is configured under its own ruleset name.
    let cfg = env.write(
        "strict.toml",
        "[grading]\nruleset = \"local-2026\"\n[grading.evaluation_interval]\ngrade4 = \"1y\"\n",
    );
    let c = cfg.to_str().unwrap();
    let out = env.run(&[
        "--config",
        c,
        "--as-of",
        "2026-01-10",
        "grade",
        "assess",
        "HIS",
        "--info-object",
        "society",
        "--info-harm",
        "severe",
        "--service-object",
        "citizen",
        "--service-harm",
        "general",
        "--format",
        "json",
    ]);
    assert_eq!(out.success().json()[0]["ruleset"], "local-2026");
    let list = env
        .run(&["--config", c, "grade", "list", "--format", "json"])
        .json();
    assert_eq!(list[0]["evaluation_due"], "2027-01-10");
    // Changed rules under the built-in name are refused.
    let bad = env.write(
        "bad.toml",
        "[grading.evaluation_interval]\ngrade4 = \"1y\"\n",
    );
    env.run(&["--config", bad.to_str().unwrap(), "grade", "list"])
        .error(&["--config", "grading.ruleset", "name of their own"]);
    let bad = env.write("bad2.toml", "[grading]\nfiling_deadline = \"soon\"\n");
    env.run(&["--config", bad.to_str().unwrap(), "grade", "list"])
        .error(&[
            "grading.filing_deadline",
            "\"soon\" is not a period",
            "10wd",
        ]);
}

#[test]
fn a_filing_deadline_in_working_days() {
    let env = with_system("design");
    let cfg = env.write(
        "wd.toml",
        "[grading]\nruleset = \"mlps-2018-draft\"\nfiling_deadline = \"10wd\"\nfiling_warning = \"2wd\"\n",
    );
    let c = cfg.to_str().unwrap();
    // Friday 2026-01-09 + 10 working days = Friday 2026-01-23.
    grade_at(&env, "2026-01-09", 2);
    let run = |as_of: &str| {
        env.run(&["--config", c, "--as-of", as_of, "grade", "check"])
            .code
    };
    // The config reaches the check: a default 30-day deadline would give
    // nothing on these days. (The days either side are
    // src/domain/grading.rs's working_day_filing_deadline.)
    assert_eq!(run("2026-01-21"), 1);
    assert_eq!(run("2026-01-24"), 2);
    env.run(&[
        "--config",
        c,
        "--as-of",
        "2026-01-21",
        "grade",
        "check",
        "--format",
        "csv",
    ])
    .code(1)
    .stdout_has("the filing is due by 2026-01-23");
}

#[test]
fn a_nonconforming_evaluation_needs_a_rectification_item() {
    let env = with_system("in-service");
    grade_at(&env, "2026-01-10", 3);
    materials(&env, "2026-01-20");
    env.ok(&[
        "--as-of",
        LATER,
        "grade",
        "file",
        "HIS",
        "--date",
        "2026-01-20",
        "--authority",
        "市公安局",
        "--number",
        "N1",
    ]);
    env.ok(&[
        "--as-of",
        LATER,
        "grade",
        "inspect",
        "HIS",
        "--date",
        "2026-01-25",
        "--findings",
        "弱口令2处",
    ]);
    env.run(&[
        "--as-of",
        "2026-02-01",
        "grade",
        "evaluate",
        "HIS",
        "--date",
        "2026-02-01",
        "--agency",
        "某某测评中心",
        "--result",
        "nonconform",
    ])
    .success()
    .stdout_is("Recorded evaluation 1 of HIS against grade 3: nonconform; open rectification items with `infogov grade rectify add HIS --from-evaluation 1`\n");
    assert_eq!(
        check(&env, "2026-02-01"),
        (
            2,
            format!(
                "{HEADER}CRITICAL,grade,HIS,evaluation 1 of 2026-02-01 found it nonconforming and has no rectification item (整改); add one with `infogov grade rectify add HIS --from-evaluation 1`,GRD-5\n"
            )
        )
    );
    // An item from the self-inspection does not answer the evaluation.
    env.ok(&[
        "--as-of",
        "2026-02-02",
        "grade",
        "rectify",
        "add",
        "HIS",
        "--item",
        "修改弱口令",
        "--due",
        "2026-02-28",
        "--from-inspection",
        "1",
    ]);
    assert_eq!(check(&env, "2026-02-02").0, 2);
    env.run(&[
        "--as-of",
        "2026-02-02",
        "grade",
        "rectify",
        "add",
        "HIS",
        "--item",
        "部署日志审计",
        "--due",
        "2026-03-31",
        "--from-evaluation",
        "1",
    ])
    .success()
    .stdout_is("Opened rectification item 2 of HIS, due by 2026-03-31\n");
    assert_eq!(check(&env, "2026-02-02"), (0, HEADER.to_string()));
    // A closed item still answers it.
    env.ok(&[
        "--as-of",
        "2026-02-20",
        "grade",
        "rectify",
        "done",
        "2",
        "--note",
        "已部署",
    ]);
    env.ok(&[
        "--as-of",
        "2026-02-20",
        "grade",
        "rectify",
        "done",
        "1",
        "--note",
        "已修改",
    ]);
    assert_eq!(check(&env, "2026-02-20"), (0, HEADER.to_string()));
}

#[test]
fn self_inspection_is_due_yearly() {
    let env = with_system("in-service");
    grade_at(&env, "2026-01-10", 1);
    // Grade 1: no filing or evaluation, but a yearly self-inspection.
    assert_eq!(
        check(&env, "2027-01-11"),
        (
            1,
            format!(
                "{HEADER}WARNING,grade,HIS,self-inspection (自查) is overdue: it was due by 2027-01-10 (none since grade 1 was set on 2026-01-10),GRD-5\n"
            )
        )
    );
    env.run(&[
        "--as-of",
        "2027-01-11",
        "grade",
        "inspect",
        "HIS",
        "--date",
        "2027-01-11",
        "--findings",
        "none",
    ])
    .success()
    .stdout_is("Recorded self-inspection 1 of HIS against grade 1\n");
    // The next a year after it (the days either side are
    // src/domain/grading.rs's self_inspection_boundaries).
    assert_eq!(check(&env, "2027-01-11"), (0, HEADER.to_string()));
    assert_eq!(check(&env, "2028-01-12").0, 1);
    env.run(&[
        "--as-of",
        "2027-01-11",
        "grade",
        "inspect",
        "HIS",
        "--date",
        "2027-01-12",
        "--findings",
        "x",
    ])
    .error(&["--date", "2027-01-12 is in the future"]);
    env.run(&[
        "--as-of",
        LATER,
        "grade",
        "inspect",
        "HIS",
        "--date",
        "2027-01-11",
        "--findings",
        "  ",
    ])
    .error(&["--findings: must not be empty"]);
}

#[test]
fn rectification_past_due_warns_then_is_critical_30_days_late() {
    let env = with_system("in-service");
    grade_at(&env, "2026-01-10", 1);
    env.ok(&[
        "--as-of",
        LATER,
        "grade",
        "inspect",
        "HIS",
        "--date",
        "2026-01-10",
        "--findings",
        "备份未加密",
    ]);
    env.run(&[
        "--as-of",
        "2026-01-10",
        "grade",
        "rectify",
        "add",
        "HIS",
        "--item",
        "备份加密",
        "--due",
        "2026-03-01",
        "--from-inspection",
        "1",
        "--format",
        "csv",
    ])
    .success()
    .stdout_without(&["void"], "id,system,item,source,opened,due,status,done,note\n1,HIS,备份加密,inspection 1,2026-01-10,2026-03-01,open,,\n");
    // The days either side are src/domain/grading.rs's rectification_boundaries.
    assert_eq!(
        check(&env, "2026-03-02"),
        (
            1,
            format!(
                "{HEADER}WARNING,grade,HIS rectification 1,\"\"\"备份加密\"\" was due by 2026-03-01 and is 1 day past due (整改)\",GRD-5\n"
            )
        )
    );
    assert_eq!(
        check(&env, "2026-03-31"),
        (
            2,
            format!(
                "{HEADER}CRITICAL,grade,HIS rectification 1,\"\"\"备份加密\"\" was due by 2026-03-01 and is 30 days past due (整改)\",GRD-5\n"
            )
        )
    );
    env.run(&[
        "--as-of",
        "2026-03-31",
        "grade",
        "rectify",
        "list",
        "--open",
        "--format",
        "csv",
    ])
    .success()
    .stdout_without(&["void"], "id,system,item,source,opened,due,status,done,note\n1,HIS,备份加密,inspection 1,2026-01-10,2026-03-01,overdue,,\n");
    env.run(&[
        "--as-of",
        "2026-04-02",
        "grade",
        "rectify",
        "done",
        "1",
        "--note",
        "已启用加密",
        "--date",
        "2026-04-01",
    ])
    .success()
    .stdout_is("Closed rectification item 1 of HIS\n");
    assert_eq!(check(&env, "2026-04-02"), (0, HEADER.to_string()));
    env.run(&[
        "--as-of",
        "2026-04-02",
        "grade",
        "rectify",
        "list",
        "--open",
        "--format",
        "csv",
    ])
    .success()
    .stdout_without(
        &["void"],
        "id,system,item,source,opened,due,status,done,note\n",
    );
    env.run(&["grade", "rectify", "done", "1", "--note", "again"])
        .error(&["ID", "item 1 of HIS was already done on 2026-04-01"]);
}

#[test]
fn rectification_refusals() {
    let env = with_system("in-service");
    env.ok(&["system", "add", "OA", "--owner-dept", "内科"]);
    grade_at(&env, "2026-01-10", 2);
    assess(
        &env,
        "OA",
        "2026-01-10",
        ("citizen", "general"),
        ("citizen", "general"),
    );
    env.ok(&[
        "--as-of",
        "2026-01-15",
        "grade",
        "evaluate",
        "OA",
        "--date",
        "2026-01-15",
        "--agency",
        "A",
        "--result",
        "nonconform",
    ]);
    let add = |extra: &[&str]| {
        let mut args = vec![
            "--as-of",
            "2026-01-20",
            "grade",
            "rectify",
            "add",
            "HIS",
            "--item",
            "x",
            "--due",
            "2026-02-01",
        ];
        args.extend_from_slice(extra);
        env.run(&args)
    };
    add(&["--from-evaluation", "1"]).error(&["--from-evaluation", "evaluation 1 is not of HIS"]);
    add(&["--from-evaluation", "9"]).error(&["--from-evaluation", "there is no evaluation 9"]);
    add(&["--from-inspection", "1"]).error(&["--from-inspection", "no self-inspection 1"]);
    add(&["--from-evaluation", "1", "--from-inspection", "1"]).code(2);
    add(&["--date", "2026-02-02"]).error(&["--date", "2026-02-02 is in the future"]);
    env.run(&[
        "--as-of",
        "2026-01-20",
        "grade",
        "rectify",
        "add",
        "HIS",
        "--item",
        "x",
        "--due",
        "2026-01-19",
    ])
    .error(&[
        "--due",
        "2026-01-19 is before the item is opened (2026-01-20)",
    ]);
    env.run(&[
        "--as-of",
        "2026-01-20",
        "grade",
        "rectify",
        "add",
        "OA",
        "--item",
        "x",
        "--due",
        "2026-02-01",
        "--from-evaluation",
        "1",
        "--date",
        "2026-01-14",
    ])
    .error(&["--date", "before evaluation 1 of 2026-01-15"]);
    env.run(&["grade", "rectify", "done", "7", "--note", "x"])
        .error(&["ID", "no rectification item 7"]);
    env.run(&["grade", "rectify", "list", "--system", "ERP"])
        .error(&["--system", "no information system \"ERP\""]);
    assert_eq!(env.sql("SELECT count(*) FROM grade_rectification;"), "0\n");
}

#[test]
fn expert_review_and_approval_are_recorded_on_the_grading() {
    let env = with_system("design");
    env.run(&[
        "--as-of",
        LATER,
        "grade",
        "review",
        "HIS",
        "--date",
        "2026-01-10",
        "--experts",
        "张三",
    ])
    .error(&["SYSTEM", "HIS has no grade"]);
    grade_at(&env, "2026-01-10", 3);
    env.run(&[
        "--as-of",
        "2026-01-15",
        "grade",
        "review",
        "HIS",
        "--date",
        "2026-01-12",
        "--experts",
        "张三,李四",
        "--experts",
        "王五",
        "--opinion",
        "同意定为第三级",
    ])
    .success()
    .stdout_is("Recorded the expert review of HIS's grading\n");
    env.run(&[
        "--as-of",
        "2026-01-15",
        "grade",
        "review",
        "HIS",
        "--date",
        "2026-01-13",
        "--experts",
        "赵六",
    ])
    .error(&["already reviewed by experts on 2026-01-12"]);
    env.run(&[
        "--as-of",
        "2026-01-15",
        "grade",
        "review",
        "HIS",
        "--date",
        "2026-01-09",
        "--experts",
        "赵六",
    ])
    .error(&["--date", "HIS was not graded on 2026-01-09"]);
    env.run(&[
        "--as-of",
        "2026-01-15",
        "grade",
        "review",
        "HIS",
        "--date",
        "2026-01-13",
        "--experts",
        " , ",
    ])
    .error(&["--experts: name at least one expert"]);
    let approved = env
        .run(&[
            "--as-of",
            "2026-01-15",
            "grade",
            "approve",
            "HIS",
            "--date",
            "2026-01-14",
            "--authority",
            "市卫生健康委员会",
            "--reference",
            "卫信〔2026〕3号",
            "--format",
            "json",
        ])
        .success()
        .json();
    assert_eq!(approved[0]["approval_authority"], "市卫生健康委员会");
    assert_eq!(approved[0]["review_experts"], "张三, 李四, 王五");
    env.run(&[
        "--as-of",
        "2026-01-15",
        "grade",
        "approve",
        "HIS",
        "--date",
        "2026-01-16",
        "--authority",
        "x",
    ])
    .error(&["--date", "2026-01-16 is in the future"]);
    env.run(&[
        "--as-of",
        "2026-01-15",
        "grade",
        "approve",
        "HIS",
        "--date",
        "2026-01-15",
        "--authority",
        "x",
    ])
    .error(&["already approved on 2026-01-14"]);
    env.ok(&[
        "--as-of",
        LATER,
        "grade",
        "file",
        "HIS",
        "--date",
        "2026-01-20",
        "--authority",
        "市公安局",
        "--number",
        "N1",
    ]);
    env.run(&["--as-of", "2026-01-20", "grade", "show", "HIS", "--format", "csv"])
        .success()
        .stdout_is(
            "date,event,id,detail,recorded_by,void\n\
             2026-01-10,graded,A1,\"S3A1 -> grade 3 监督保护级 (supervised protection); information: society/serious, service: citizen/general; ruleset infogov-mlps-2026.2\",tester,\n\
             2026-01-12,expert review,A1,\"experts: 张三, 李四, 王五; opinion: 同意定为第三级\",tester,\n\
             2026-01-14,approved,A1,\"by 市卫生健康委员会, reference 卫信〔2026〕3号\",tester,\n\
             2026-01-20,filed,F1,\"grade 3 with 市公安局, number N1\",tester,\n",
        );
}

#[test]
fn show_gives_the_whole_history_and_what_falls_due() {
    let env = with_system("design");
    grade_at(&env, "2025-01-10", 2);
    env.ok(&[
        "--as-of",
        LATER,
        "grade",
        "file",
        "HIS",
        "--date",
        "2025-01-20",
        "--authority",
        "市公安局",
        "--number",
        "N1",
    ]);
    env.ok(&["system", "stage", "HIS", "in-service"]);
    grade_at(&env, "2025-06-01", 3);
    env.ok(&[
        "--as-of",
        LATER,
        "grade",
        "file",
        "HIS",
        "--date",
        "2025-06-20",
        "--authority",
        "市公安局",
        "--number",
        "N2",
    ]);
    env.ok(&[
        "--as-of",
        LATER,
        "grade",
        "evaluate",
        "HIS",
        "--date",
        "2025-09-01",
        "--agency",
        "某测评",
        "--result",
        "nonconform",
        "--score",
        "68",
    ]);
    env.ok(&[
        "--as-of",
        "2025-09-02",
        "grade",
        "rectify",
        "add",
        "HIS",
        "--item",
        "边界防护",
        "--due",
        "2025-12-31",
        "--from-evaluation",
        "1",
    ]);
    env.run(&["--as-of", "2025-09-02", "grade", "show", "HIS", "--format", "csv"])
        .success()
        .stdout_is(
            "date,event,id,detail,recorded_by,void\n\
             2025-01-10,graded,A1,\"S2A1 -> grade 2 指导保护级 (guided protection); information: citizen/serious, service: citizen/general; ruleset infogov-mlps-2026.2\",tester,\n\
             2025-01-20,filed,F1,\"grade 2 with 市公安局, number N1\",tester,\n\
             2025-06-01,graded,A2,\"S3A1 -> grade 3 监督保护级 (supervised protection); information: society/serious, service: citizen/general; ruleset infogov-mlps-2026.2\",tester,\n\
             2025-06-20,filed,F2,\"grade 3 with 市公安局, number N2\",tester,\n\
             2025-09-01,evaluated,E1,\"grade 3 by 某测评: nonconform, score 68.0\",tester,\n\
             2025-09-02,rectification opened,R1,\"边界防护, due by 2025-12-31 (from evaluation 1)\",tester,\n\
             2025-12-31,rectification due,R1,边界防护,,\n\
             2026-06-01,self-inspection due,,grade 3 since 2025-06-01,,\n\
             2026-09-01,evaluation due,,grade 3 since 2025-06-01,,\n",
        );
    env.run(&["grade", "show", "OA"])
        .error(&["SYSTEM", "no information system \"OA\""]);
    env.run(&[
        "--as-of",
        LATER,
        "grade",
        "evaluate",
        "HIS",
        "--date",
        "2025-09-01",
        "--agency",
        "x",
        "--result",
        "pass",
    ])
    .code(2);
    env.run(&[
        "--as-of",
        LATER,
        "grade",
        "evaluate",
        "HIS",
        "--date",
        "2025-09-01",
        "--agency",
        "x",
        "--result",
        "basic",
        "--score",
        "101",
    ])
    .error(&["--score", "\"101\"", "0 to 100"]);
}

#[test]
fn list_filters_and_every_change_is_audited() {
    let env = with_system("in-service");
    env.ok(&[
        "system",
        "add",
        "OA",
        "--owner-dept",
        "内科",
        "--stage",
        "design",
    ]);
    grade_at(&env, "2026-01-10", 3);
    env.run(&["--as-of", "2026-01-10", "grade", "list", "--format", "csv"])
        .success()
        .stdout_is(
            "system,stage,grade,sub_grades,grade_name,graded,filed,filing_due,filed_late,evaluated,result,evaluation_due,inspected,inspection_due,open_rectifications\n\
             HIS,in-service,3,S3A1,监督保护级,2026-01-10,,2026-02-09,,,,2027-01-10,,2027-01-10,0\n\
             OA,design,,,,,,,,,,,,,0\n",
        );
    env.run(&["grade", "list", "--stage", "design", "--format", "csv"])
        .success()
        .stdout_has("OA,design")
        .stdout_lacks("HIS");
    env.run(&["grade", "list", "--grade", "3", "--format", "csv"])
        .success()
        .stdout_has("HIS,in-service,3")
        .stdout_lacks("OA");
    env.run(&["grade", "list", "--grade", "6"]).code(2);
    env.ok(&[
        "--as-of",
        LATER,
        "grade",
        "file",
        "HIS",
        "--date",
        "2026-01-20",
        "--authority",
        "市公安局",
        "--number",
        "N1",
    ]);
    env.ok(&[
        "--as-of",
        LATER,
        "grade",
        "review",
        "HIS",
        "--date",
        "2026-01-20",
        "--experts",
        "张三",
    ]);
    env.run(&["audit", "verify"]).success();
    // A grading changed behind the tool's back is found.
    env.sql("UPDATE grade_assessment SET grade = 4, info_grade = 4 WHERE id = 1;");
    env.run(&["audit", "verify", "--full", "--format", "csv"])
        .code(2)
        .stdout_has("grade_assessment 1");
}

#[test]
fn the_guided_interview_asks_in_plain_language_on_a_terminal() {
    // `script` gives the command a real terminal; the keys are typed into it
    // with pauses, as a person would: society (one down), serious (one down),
    // citizens, general, a rationale, then Enter to confirm.
    let env = crate::support::Env::with_org();
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    let down = r"\033[B";
    let keys = format!(
        r"(sleep 1; printf '{down}'; sleep 0.3; printf '\r'; sleep 0.5; printf '{down}'; sleep 0.3; printf '\r'; sleep 0.5; printf '\r'; sleep 0.5; printf '\r'; sleep 0.5; printf '门诊业务依赖\r'; sleep 0.5; printf '\r'; sleep 1)"
    );
    let out = env
        .shell(&format!(
            "{keys} | script -qfec \"$INFOGOV --as-of 2026-11-28 grade assess HIS\" /dev/null"
        ))
        .output()
        .unwrap();
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{screen}");
    assert!(screen.contains("whom would it harm most?"), "{screen}");
    let list = env
        .run(&["grade", "list", "--format", "csv"])
        .success()
        .stdout;
    assert!(
        list.contains("HIS,in-service,3,S3A1,监督保护级,2026-11-28"),
        "{list}"
    );
    let show = env
        .run(&["grade", "show", "HIS", "--format", "csv"])
        .success()
        .stdout;
    assert!(
        show.contains("门诊业务依赖"),
        "the rationale is recorded: {show}"
    );
}

#[test]
fn a_check_with_a_past_as_of_answers_for_that_day() {
    // Filed on 1 March, due by 9 February: on 15 February it was overdue,
    // whatever the register says today.
    let env = crate::support::Env::with_org();
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env.ok(&[
        "--as-of",
        "2026-01-10",
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
        "severe",
        "--rationale",
        "x",
    ]);
    materials(&env, "2026-03-01");
    env.ok(&[
        "--as-of",
        "2026-03-01",
        "grade",
        "file",
        "HIS",
        "--date",
        "2026-03-01",
        "--authority",
        "A",
        "--number",
        "N1",
    ]);
    env.run(&["--as-of", "2026-02-15", "grade", "check", "--format", "csv"])
        .code(2)
        .stdout_has("CRITICAL,grade,HIS,")
        .stdout_has("GRD-3");
    // On 2 March it is filed, and nothing else is due yet.
    env.run(&["--as-of", "2026-03-02", "grade", "check", "--format", "csv"])
        .success()
        .stdout_is(HEADER);
}
