//! The output layer: table, CSV, JSON, and a closed pipe.

use std::io::Read;
use std::process::Stdio;

use crate::support::Env;

#[test]
fn csv_neutralises_formulas_and_can_start_with_a_bom() {
    let env = Env::with_org();
    env.ok(&[
        "asset",
        "register",
        "--kind",
        "desktop",
        "--name",
        "=HYPERLINK(\"http://x\")",
        "--dept",
        "内科",
        "--location",
        "-1F",
        "--tag",
        "T1",
    ]);
    env.ok(&[
        "asset", "register", "--kind", "desktop", "--name", "@SUM(A1)", "--dept", "内科", "--tag",
        "T2", "--model", "+86",
    ]);
    let out = env
        .run(&["asset", "list", "--format", "csv"])
        .success()
        .stdout;
    assert!(
        out.contains("T1,desktop,\"'=HYPERLINK(\"\"http://x\"\")\",,内科,,'-1F,in-use,,,\n"),
        "{out}"
    );
    assert!(out.contains("T2,desktop,'@SUM(A1),'+86,内科,"), "{out}");
    let bom = env
        .run(&["asset", "list", "--format", "csv", "--bom"])
        .success()
        .stdout;
    assert!(bom.starts_with("\u{feff}tag,kind"), "{bom}");
    // JSON is data, never neutralised.
    let json = env
        .run(&["asset", "list", "--format", "json"])
        .success()
        .json();
    assert_eq!(json[0]["name"], "=HYPERLINK(\"http://x\")");
}

#[test]
fn json_is_an_array_of_objects_even_when_empty() {
    let env = Env::with_org();
    env.run(&["asset", "list", "--format", "json"])
        .success()
        .stdout_is("[]\n");
    env.run(&["asset", "list", "--format", "csv"])
        .success()
        .stdout_is(
            "tag,kind,name,model,dept,custodian,location,status,purchased,price,isolated_by\n",
        );
}

#[test]
fn tables_align_chinese_text() {
    let env = Env::with_org();
    env.ok(&[
        "asset",
        "register",
        "--kind",
        "desktop",
        "--name",
        "联想台式机",
        "--dept",
        "内科",
        "--tag",
        "T1",
    ]);
    env.ok(&[
        "asset",
        "register",
        "--kind",
        "desktop",
        "--name",
        "PC",
        "--dept",
        "信息科",
        "--tag",
        "T2",
    ]);
    let out = env.run(&["asset", "list"]).success().stdout;
    let widths: Vec<usize> = out
        .lines()
        .map(|l| {
            l.chars()
                .map(|c| {
                    if ('\u{4e00}'..='\u{9fff}').contains(&c) {
                        2
                    } else {
                        1
                    }
                })
                .sum()
        })
        .collect();
    assert!(
        widths.iter().all(|w| *w == widths[0]),
        "every line is as wide on screen:\n{out}"
    );
    assert!(out.contains("│ T1 "), "{out}");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let env = Env::with_org();
    let mut csv = String::from("kind,name,dept\n");
    for i in 0..5000 {
        csv.push_str(&format!("desktop,PC{i},内科\n"));
    }
    env.ok(&[
        "asset",
        "import",
        env.write("a.csv", &csv).to_str().unwrap(),
    ]);
    for format in ["table", "csv", "json"] {
        let mut child = env
            .command(&["asset", "list", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 64];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{format}: {:?}", out);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(stderr.is_empty(), "{format}: {stderr}");
    }
}

/// A command that changes the register, with an output that cannot be
/// written (a missing directory, a directory, a workbook to a terminal), is
/// refused before it runs: one line, exit 1, and the register is as it was.
#[test]
fn a_change_with_an_output_it_cannot_write_is_not_made() {
    let env = Env::with_org();
    std::fs::create_dir(env.path("dir")).unwrap();
    let before = env.sql("SELECT count(*) FROM audit_log;");
    let add = |extra: &[&str]| {
        let mut v = vec!["dept", "add", "外科"];
        v.extend_from_slice(extra);
        env.run(&v)
    };
    add(&["--output", "nowhere/done.csv"]).error(&["--output", "nowhere", "does not exist"]);
    add(&["--output", "dir"]).error(&["--output", "is a directory"]);
    add(&["--format", "xlsx", "--output", "dir"]).error(&["--output", "is a directory"]);
    // A workbook to a terminal: run in a real one.
    let out = env
        .shell("script -qec \"$INFOGOV dept add 外科 --format xlsx\" /dev/null")
        .output()
        .expect("script (util-linux)");
    let shown = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    assert!(
        shown.contains("error: --format xlsx: a workbook is not for a terminal"),
        "{shown}"
    );
    assert_eq!(
        shown.lines().filter(|l| !l.is_empty()).count(),
        1,
        "one line\n{shown}"
    );
    assert_eq!(env.sql("SELECT count(*) FROM audit_log;"), before);
    assert_eq!(
        env.sql("SELECT count(*) FROM department WHERE name = '外科';")
            .trim(),
        "0"
    );
    assert!(!env.path("nowhere").exists());
    // Piped, the workbook is the command's output, and the change is made.
    let out = env
        .command(&["dept", "add", "外科", "--format", "xlsx"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"PK"), "an xlsx (zip) file");
}
