//! The README's commands, run as written, in the order a new user meets
//! them: the install block's `infogov init`, the quick start, the demo, the
//! completion and man page lines; and the commands around them: the install
//! line's `--locked` holds for this lock file, and the test command is the
//! script `.ci/run` calls.

use std::path::Path;
use std::process::Command;

use crate::support::{BIN, Env};

/// The shell lines of the README's code blocks, with `\` continuations joined.
fn readme_lines() -> Vec<String> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut out = Vec::new();
    let mut in_block = false;
    let mut pending = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        let l = line.trim();
        if let Some(start) = l.strip_suffix('\\') {
            pending.push_str(start);
            continue;
        }
        pending.push_str(l);
        if !pending.is_empty() {
            out.push(std::mem::take(&mut pending));
        }
    }
    out
}

/// Runs one README line with sh, `infogov` on PATH, in `env`'s folder, with
/// no INFOGOV_DB: the register is wherever the line (or the default) says.
/// Paths under /etc and /usr/local are written under the folder's `root/`
/// instead of the machine's.
fn sh(env: &Env, line: &str) -> (i32, String, String) {
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let root = env.path("root");
    let line = line
        .replace(" /etc/", &format!(" {}/etc/", root.display()))
        .replace(" /usr/local/", &format!(" {}/usr/local/", root.display()));
    for dir in ["etc/bash_completion.d", "usr/local/share/man/man1"] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
    }
    let out = env
        .shell(&line)
        .env("PATH", path)
        .env_remove("INFOGOV_DB")
        .output()
        .expect("run sh");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_readmes_commands_work_as_written() {
    let lines = readme_lines();
    let env = Env::bare();
    // Run where a clone is: the README imports one of the example files.
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    std::fs::create_dir_all(env.path("examples")).unwrap();
    for f in std::fs::read_dir(&examples).unwrap() {
        let f = f.unwrap();
        if f.file_type().unwrap().is_file() {
            std::fs::copy(f.path(), env.path("examples").join(f.file_name())).unwrap();
        }
    }
    let mut ran = 0;
    for line in &lines {
        if !line.starts_with("infogov ") {
            continue;
        }
        ran += 1;
        let (code, stdout, stderr) = sh(&env, line);
        let check = line.starts_with("infogov audit check") || line.starts_with("infogov demo");
        let ok = if check {
            (0..=2).contains(&code)
        } else {
            code == 0
        };
        assert!(
            ok,
            "README: {line}\nexit {code}\n{stdout}\n--- stderr\n{stderr}"
        );
        // Nothing a user runs from the README prints an error.
        assert!(!stderr.contains("error"), "README: {line}\n{stderr}");
        if line.starts_with("infogov demo") {
            // As the README says: exit 2, and the check and the report's totals.
            assert_eq!(code, 2, "{stdout}");
            assert!(stdout.contains("The period report for 2026Q4"), "{stdout}");
        }
    }
    assert!(ran >= 13, "only {ran} infogov lines in README.md");
    // What they made: the register where the README says, private; the CSV
    // for Excel with its BOM; the demo beside it; completion and man pages.
    let register = env.path(".local/share/infogov/register.db");
    assert!(
        register.exists(),
        "no register at ~/.local/share/infogov/register.db"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&register).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let csv = std::fs::read(env.path("内科资产.csv")).unwrap();
    assert!(
        csv.starts_with("\u{feff}tag,".as_bytes()),
        "{}",
        String::from_utf8_lossy(&csv)
    );
    assert!(String::from_utf8_lossy(&csv).contains("门诊医生工作站"));
    assert!(env.path("infogov-demo.db").exists());
    let completion =
        std::fs::read_to_string(env.path("root/etc/bash_completion.d/infogov")).unwrap();
    assert!(
        completion.contains("_clap_complete_infogov"),
        "{completion}"
    );
    assert!(
        env.path("root/usr/local/share/man/man1/infogov-asset-import.1")
            .exists()
    );
    // The demo refuses to run twice over its file, as the README says.
    let (code, _, stderr) = sh(&env, "infogov demo");
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
}

#[test]
fn the_install_and_test_commands_are_the_ones_that_work() {
    let lines = readme_lines();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("cargo install --locked --path .")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l == "scripts/test"), "{lines:?}");
    // `--locked` builds only if Cargo.lock already satisfies Cargo.toml.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let meta = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--locked",
            "--offline",
            "--format-version",
            "1",
            "--no-deps",
        ])
        .current_dir(root)
        .output()
        .expect("cargo metadata");
    assert!(
        meta.status.success(),
        "{}",
        String::from_utf8_lossy(&meta.stderr)
    );
    // The README's test command is what CI runs, and it runs the test suite.
    let ci = std::fs::read_to_string(root.join(".ci/run")).unwrap();
    assert!(ci.contains("bash scripts/test\n"), "{ci}");
    let script = std::fs::read_to_string(root.join("scripts/test")).unwrap();
    assert!(script.contains("cargo test --locked"), "{script}");
    for needed in ["sqlite3", "script", "bash"] {
        assert!(
            script
                .lines()
                .any(|l| l.split_whitespace().next() == Some(needed)),
            "scripts/test does not install {needed}"
        );
    }
}
