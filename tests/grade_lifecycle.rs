//! Grading as an inspector reads it: the order of report -> review ->
//! approval -> filing, the materials of a filing, the filing lifecycle
//! (late, rejected, cancelled), material changes, and the one clock of the
//! self-inspection duty.

use crate::support::Env;

const LATER: &str = "2030-01-01";

/// A register with HIS in service, graded at `grade` on `date`.
fn graded(date: &str, grade: u8) -> Env {
    let env = Env::with_org();
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    regrade(&env, date, grade);
    env
}

fn regrade(env: &Env, date: &str, grade: u8) {
    let info = match grade {
        1 => ("citizen", "general"),
        2 => ("citizen", "serious"),
        3 => ("society", "serious"),
        _ => ("society", "severe"),
    };
    env.ok(&[
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
        "citizen",
        "--service-harm",
        "general",
    ]);
}

fn report(env: &Env, date: &str) {
    let f = env.write("定级报告.pdf", "%PDF-1.4 HIS grading report\n");
    env.ok(&[
        "--as-of",
        LATER,
        "grade",
        "report",
        "HIS",
        f.to_str().unwrap(),
        "--date",
        date,
    ]);
}

fn review(env: &Env, date: &str) {
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

fn file_args(date: &str) -> Vec<&str> {
    vec![
        "--as-of",
        LATER,
        "grade",
        "file",
        "HIS",
        "--date",
        date,
        "--authority",
        "市公安局网安支队",
        "--number",
        "44010013001-26001",
    ]
}

fn check(env: &Env, as_of: &str) -> (i32, String) {
    let run = env.run(&["--as-of", as_of, "grade", "check", "--format", "csv"]);
    (run.code, run.stdout)
}

#[test]
fn the_procedure_runs_report_review_approval_filing_in_order() {
    let env = graded("2026-01-10", 3);
    let cfg = env.write("sup.toml", "[grading]\nsupervisor = \"市卫生健康委员会\"\n");
    let c = cfg.to_str().unwrap();
    // Approval before any review: refused.
    env.run(&[
        "--as-of",
        LATER,
        "grade",
        "approve",
        "HIS",
        "--date",
        "2026-01-12",
        "--authority",
        "市卫生健康委员会",
    ])
    .error(&["--date", "no expert review yet", "the approval follows it"]);
    report(&env, "2026-01-11");
    // A review dated before the report: refused.
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
    .error(&[
        "--date: 2026-01-10: the expert review comes after the grading report (dated 2026-01-11)",
    ]);
    review(&env, "2026-01-13");
    // An approval dated before the review: refused.
    env.run(&[
        "--as-of",
        LATER,
        "grade",
        "approve",
        "HIS",
        "--date",
        "2026-01-12",
        "--authority",
        "市卫生健康委员会",
    ])
    .error(&["the approval comes after the expert review (dated 2026-01-13)"]);
    // A filing dated before the review: refused; nothing was written.
    env.run(&file_args("2026-01-12"))
        .error(&["the filing comes after the expert review (dated 2026-01-13)"]);
    assert_eq!(env.sql("SELECT count(*) FROM grade_filing").trim(), "0");
    // Filed without the approval the config asks for: a finding naming it.
    env.ok(&file_args("2026-01-14"));
    env.run(&["--config", c, "--as-of", "2026-01-20", "grade", "check", "--format", "csv"])
        .code(1)
        .stdout_is("severity,area,subject,message,requirement\nWARNING,grade,HIS,the filing of 2026-01-14 (grade 3) was made without the supervising department's approval (主管部门审核),GRD-3\n");
    // Without a supervisor configured, the approval is not asked for.
    assert_eq!(check(&env, "2026-01-20").0, 0);
}

#[test]
fn a_review_dated_after_the_filing_is_refused_and_missing_materials_are_named() {
    let env = graded("2026-01-10", 3);
    env.ok(&file_args("2026-01-20"));
    assert_eq!(
        check(&env, "2026-01-21"),
        (
            1,
            "severity,area,subject,message,requirement\nWARNING,grade,HIS,\"the filing of 2026-01-20 (grade 3) was made without the grading report (定级报告), the expert review (专家评审)\",GRD-3\n".to_string()
        )
    );
    env.run(&[
        "--as-of",
        LATER,
        "grade",
        "review",
        "HIS",
        "--date",
        "2026-01-25",
        "--experts",
        "张三",
    ])
    .error(&["--date: 2026-01-25: the expert review comes before the filing (dated 2026-01-20)"]);
    // The report must exist as a file: it is fingerprinted.
    env.run(&[
        "--as-of",
        LATER,
        "grade",
        "report",
        "HIS",
        "no-such.pdf",
        "--date",
        "2026-01-11",
    ])
    .error(&["FILE: \"no-such.pdf\" is not a file"]);
    // A review on the filing day itself is in order.
    report(&env, "2026-01-11");
    review(&env, "2026-01-20");
    assert_eq!(check(&env, "2026-01-21").0, 0);
    let show = env.run(&["grade", "show", "HIS", "--format", "csv"]).stdout;
    assert!(show.contains("grading report,,grade 3: "), "{show}");
    assert!(
        show.contains("sha256 ") && show.contains("expert review"),
        "{show}"
    );
}

#[test]
fn a_filing_on_day_31_stays_marked_late() {
    // Graded 2026-01-10: day 30 is 2026-02-09.
    let env = graded("2026-01-10", 2);
    report(&env, "2026-01-10");
    review(&env, "2026-01-10");
    env.ok(&file_args("2026-02-09"));
    let list = env
        .run(&["--as-of", "2026-03-01", "grade", "list", "--format", "json"])
        .json();
    assert_eq!(list[0]["filed"], "2026-02-09");
    assert_eq!(list[0]["filed_late"], serde_json::Value::Null);

    let env = graded("2026-01-10", 2);
    report(&env, "2026-01-10");
    review(&env, "2026-01-10");
    env.ok(&file_args("2026-02-10"));
    // Late now, and still late a year on, after a re-grading at the same grade.
    regrade(&env, "2026-06-01", 2);
    let list = env
        .run(&["--as-of", "2027-01-05", "grade", "list", "--format", "json"])
        .json();
    assert_eq!(list[0]["filed"], "2026-02-10");
    assert_eq!(list[0]["filed_late"], "2026-02-09");
    env.run(&["--as-of", "2027-01-05", "grade", "show", "HIS", "--format", "csv"])
        .stdout_has("2026-02-10,filed,F1,\"grade 2 with 市公安局网安支队, number 44010013001-26001; late: it was due by 2026-02-09\"");
}

#[test]
fn a_rejected_filing_asks_for_regrading_then_a_new_filing() {
    let env = graded("2026-01-10", 3);
    report(&env, "2026-01-10");
    review(&env, "2026-01-11");
    env.run(&[
        "--as-of",
        "2026-01-25",
        "grade",
        "reject",
        "HIS",
        "--date",
        "2026-01-25",
        "--authority",
        "市公安局网安支队",
        "--reason",
        "定级不准",
    ])
    .success()
    .stdout_has("rejected the filing of HIS's grade 3 (定级不准); re-grade it");
    // The rejected grading cannot be filed.
    env.run(&file_args("2026-01-26"))
        .error(&["SYSTEM: the filing of HIS's grading dated 2026-01-10 was rejected on 2026-01-25; re-grade it"]);
    env.run(&["--as-of", "2026-01-26", "grade", "check", "--format", "csv"])
        .code(2)
        .stdout_is("severity,area,subject,message,requirement\nCRITICAL,grade,HIS,\"its filing was rejected on 2026-01-25 (定级不准); re-grade it (重新定级) with `infogov grade assess HIS`, then file again\",GRD-3\n");
    // Re-graded: the new grading has 30 days of its own to be filed.
    regrade(&env, "2026-02-01", 4);
    env.run(&["--as-of", "2026-03-03", "grade", "check", "--format", "csv"])
        .code(1)
        .stdout_has("grade 4 (since 2026-02-01) is not filed (备案); the filing is due by 2026-03-03 (today)")
        .stdout_lacks("rejected");
    report(&env, "2026-02-01");
    review(&env, "2026-02-02");
    env.ok(&file_args("2026-02-03"));
    assert_eq!(check(&env, "2026-02-04").0, 0);
    env.run(&["grade", "show", "HIS", "--format", "csv"])
        .stdout_has("2026-01-25,filing rejected,,grade 3 by 市公安局网安支队: 定级不准; re-grade and file again,tester");
    env.run(&[
        "--as-of",
        "2026-04-05",
        "audit",
        "report",
        "--quarter",
        "2026Q1",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has(
        "grading,filing-rejected,HIS,2026-01-25,1,,GRD-3,grade 3 by 市公安局网安支队: 定级不准\n",
    )
    .stdout_has("grading,reported,,,2,,GRD-3,\n");
}

#[test]
fn lowering_to_grade_1_asks_for_the_filing_to_be_cancelled() {
    let env = graded("2025-01-10", 2);
    report(&env, "2025-01-10");
    review(&env, "2025-01-10");
    env.ok(&file_args("2025-01-20"));
    env.run(&[
        "--as-of",
        "2026-03-01",
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
    .stdout_is("Graded HIS: S1A1 -> grade 1 自主保护级 (user protection) (was grade 2); cancel its filing (撤销备案) by 2026-03-31 with `infogov grade cancel HIS`\n");
    env.run(&["--as-of", "2026-03-31", "grade", "check", "--format", "csv"])
        .code(1)
        .stdout_has("WARNING,grade,HIS,fell below grade 2 on 2026-03-01 and its filing is not cancelled (撤销备案); the cancellation is due by 2026-03-31; record it with `infogov grade cancel HIS`,GRD-3");
    env.run(&["--as-of", "2026-04-01", "grade", "check", "--format", "csv"])
        .code(2)
        .stdout_has("CRITICAL,grade,HIS,fell below grade 2");
    let cancel = |date: &str| {
        env.run(&[
            "--as-of",
            LATER,
            "grade",
            "cancel",
            "HIS",
            "--date",
            date,
            "--authority",
            "市公安局网安支队",
            "--reference",
            "撤-2026-7",
        ])
    };
    cancel("2025-01-01").error(&["--date: 2025-01-01 is before the filing of HIS on 2025-01-20"]);
    cancel("2026-04-02")
        .success()
        .stdout_has("Recorded the cancellation of HIS's filing (撤销备案)");
    cancel("2026-04-03").error(&["SYSTEM: the filing of HIS was already cancelled on 2026-04-02"]);
    assert_eq!(check(&env, "2026-04-03").0, 0);
    // Retiring a filed system asks for the cancellation too.
    let env = graded("2025-01-10", 3);
    report(&env, "2025-01-10");
    review(&env, "2025-01-10");
    env.ok(&file_args("2025-01-20"));
    env.run(&["system", "stage", "HIS", "retired"])
        .success()
        .stdout_is("HIS is now retired; its filing is to be cancelled (撤销备案): `infogov grade cancel HIS`\n");
    env.run(&["--as-of", "2026-01-01", "grade", "check", "--format", "csv"])
        .code(1)
        .stdout_has("HIS,is retired and its filing is not cancelled (撤销备案)");
}

#[test]
fn a_material_change_raises_reassessment_until_a_grading_decision() {
    let env = graded("2026-01-10", 3);
    report(&env, "2026-01-10");
    review(&env, "2026-01-10");
    env.ok(&file_args("2026-01-20"));
    env.ok(&[
        "--as-of",
        "2026-01-20",
        "grade",
        "inspect",
        "HIS",
        "--date",
        "2026-01-20",
        "--findings",
        "none",
    ]);
    env.run(&[
        "--as-of",
        "2026-05-01",
        "grade",
        "change",
        "HIS",
        "--date",
        "2026-05-01",
        "--kind",
        "interconnection",
        "--detail",
        "接入医保专线",
    ])
    .success()
    .stdout_has("Recorded change 1 of HIS (interconnection); re-assess its grading");
    env.run(&["--as-of", "2026-05-02", "grade", "check", "--format", "csv"])
        .code(1)
        .stdout_is("severity,area,subject,message,requirement\nWARNING,grade,HIS,changed materially on 2026-05-01 (interconnection: 接入医保专线); re-assess the grading with `infogov grade assess HIS`,GRD-1\n");
    env.run(&[
        "--as-of",
        LATER,
        "grade",
        "change",
        "HIS",
        "--date",
        "2026-05-01",
        "--kind",
        "rebrand",
        "--detail",
        "x",
    ])
    .code(2);
    // The decision (here: the same grade) clears it and asks for a change filing.
    regrade(&env, "2026-05-10", 3);
    env.run(&["--as-of", "2026-06-10", "grade", "check", "--format", "csv"])
        .code(2)
        .stdout_has("grade 3 (re-graded 2026-05-10; a change filing, 变更备案) is not filed (备案); the filing was due by 2026-06-09")
        .stdout_lacks("re-assess");
    report(&env, "2026-05-10");
    review(&env, "2026-05-10");
    env.ok(&file_args("2026-05-20"));
    assert_eq!(check(&env, "2026-06-10").0, 0);
}

#[test]
fn the_self_inspection_duty_is_the_grading_clock() {
    let env = graded("2026-01-10", 4);
    env.ok(&["--as-of", "2026-01-10", "duty", "seed"]);
    let duty = |as_of: &str| {
        let all = env
            .run(&["--as-of", as_of, "duty", "list", "--format", "json"])
            .json();
        all.as_array()
            .unwrap()
            .iter()
            .find(|d| d["name"] == "self-inspection:HIS")
            .cloned()
            .unwrap()
    };
    let grade = |as_of: &str| {
        env.run(&["--as-of", as_of, "grade", "list", "--format", "json"])
            .json()[0]
            .clone()
    };
    // Grade 4: every half year, from the grading (43号 art. 14).
    let d = duty("2026-02-01");
    assert_eq!(d["every"], "6mo");
    assert_eq!(d["next_due"], "2026-07-10");
    assert_eq!(grade("2026-02-01")["inspection_due"], "2026-07-10");
    env.ok(&[
        "--as-of",
        "2026-03-15",
        "grade",
        "inspect",
        "HIS",
        "--date",
        "2026-03-15",
        "--findings",
        "弱口令1处",
    ]);
    let d = duty("2026-03-15");
    assert_eq!(d["last_done"], "2026-03-15");
    assert_eq!(d["next_due"], "2026-09-15");
    assert_eq!(grade("2026-03-15")["inspection_due"], "2026-09-15");
    // Overdue on the same day by both.
    env.run(&["--as-of", "2026-09-16", "duty", "check", "--format", "csv"])
        .stdout_has("self-inspection:HIS");
    env.run(&["--as-of", "2026-09-15", "duty", "check", "--format", "csv"])
        .stdout_lacks("self-inspection:HIS");
    env.run(&["duty", "history", "self-inspection:HIS", "--format", "csv"])
        .success()
        .stdout_is("id,date,source,detail,evidence,recorded_by,void\nI1,2026-03-15,self-inspection,grade 4: 弱口令1处,,tester,\n");
    // One record, not two: the duty points to `grade inspect`.
    env.run(&[
        "--as-of",
        "2026-04-01",
        "duty",
        "done",
        "self-inspection:HIS",
        "--date",
        "2026-04-01",
        "--note",
        "自查",
    ])
    .error(&[
        "NAME: self-inspection:HIS is the self-inspection of graded system HIS; record it with `infogov grade inspect HIS --date 2026-04-01 --findings TEXT`",
    ]);
}

#[test]
fn a_core_system_graded_below_the_sector_minimum_is_a_finding() {
    let env = Env::with_org();
    env.ok(&[
        "system",
        "add",
        "HIS",
        "--owner-dept",
        "信息科",
        "--stage",
        "design",
    ]);
    regrade(&env, "2026-01-10", 2);
    let cfg = env.write(
        "hospital.toml",
        "[grading.minimum]\ngrade = 3\nsystems = [\"HIS\", \"EMR\"]\nsource = \"卫办发〔2011〕85号\"\n",
    );
    let c = cfg.to_str().unwrap();
    env.run(&["--config", c, "--as-of", "2026-01-11", "grade", "check", "--format", "csv"])
        .code(1)
        .stdout_is("severity,area,subject,message,requirement\nWARNING,grade,HIS,\"is graded 2, below the sector minimum of grade 3 for its core systems (卫办发〔2011〕85号); re-assess it\",GRD-1\n");
    // Without the sector rule configured, grade 2 is the owner's choice.
    assert_eq!(check(&env, "2026-01-11").0, 0);
    regrade(&env, "2026-01-12", 3);
    env.run(&[
        "--config",
        c,
        "--as-of",
        "2026-01-13",
        "grade",
        "check",
        "--format",
        "csv",
    ])
    .stdout_lacks("sector minimum");
    let bad = env.write(
        "bad.toml",
        "[grading.minimum]\ngrade = 3\nsystems = []\nsource = \"x\"\n",
    );
    env.run(&["--config", bad.to_str().unwrap(), "grade", "list"])
        .error(&["grading.minimum.systems: name at least one system"]);
}
