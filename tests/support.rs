//! A small fluent driver for the binary, after casey/just's `Test`:
//! `env.run(&["asset", "list"]).success().stdout_has("IT-2026-0001")`.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_infogov");

/// The day the tests run on, whatever the calendar says.
pub const TODAY: &str = "2026-11-28";

/// A fresh folder with an initialised register, and a clean environment:
/// no test sees the machine's config, locale, time zone or login name.
pub struct Env {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Env {
    /// A folder with an initialised register.
    pub fn new() -> Env {
        let env = Env::bare();
        env.run(&["init"]).success();
        env
    }

    /// A folder with no register yet.
    pub fn bare() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("register.db");
        Env { dir, db }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, content: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, content).expect("write file");
        p
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = self.program(BIN);
        c.args(args);
        c
    }

    /// A shell script, with `$INFOGOV` naming the binary, in this environment.
    pub fn shell(&self, script: &str) -> Command {
        let mut c = self.program("sh");
        c.arg("-c").arg(script).env("INFOGOV", BIN);
        c
    }

    /// A bash script (for `PIPESTATUS`), with `$INFOGOV` naming the binary.
    pub fn program_bash(&self, script: &str) -> Command {
        let mut c = self.program("bash");
        c.arg("-c").arg(script).env("INFOGOV", BIN);
        c
    }

    fn program(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join(".config"))
            .env("XDG_DATA_HOME", self.dir.path().join(".local/share"))
            .env("TZ", "UTC")
            .env("LANG", "C.UTF-8")
            .env("INFOGOV_DB", &self.db)
            .env("INFOGOV_ACTOR", "tester")
            // No test depends on the real date: "today" is fixed unless a
            // test passes its own --as-of. The audit trail still stores the
            // real time, as it always does.
            .env("INFOGOV_AS_OF", TODAY);
        // libfaketime's variables pass through, so the whole suite can be run
        // on another date (`faketime '2027-03-15' cargo test`) to prove that
        // no test depends on the real calendar.
        for var in [
            "LD_PRELOAD",
            "FAKETIME",
            "FAKETIME_NO_CACHE",
            "DONT_FAKE_MONOTONIC",
        ] {
            if let Some(v) = std::env::var_os(var) {
                c.env(var, v);
            }
        }
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, None, &[])
    }

    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Run {
        self.run_with(args, Some(stdin), &[])
    }

    pub fn run_env(&self, args: &[&str], vars: &[(&str, &str)]) -> Run {
        self.run_with(args, None, vars)
    }

    fn run_with(&self, args: &[&str], stdin: Option<&str>, vars: &[(&str, &str)]) -> Run {
        let mut c = self.command(args);
        // An empty value removes the variable.
        for (k, v) in vars {
            if v.is_empty() {
                c.env_remove(k);
            } else {
                c.env(k, v);
            }
        }
        c.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().expect("run infogov");
        {
            let mut input = child.stdin.take().expect("stdin");
            if let Some(s) = stdin {
                input.write_all(s.as_bytes()).expect("write stdin");
            }
        }
        let out = child.wait_with_output().expect("wait for infogov");
        Run {
            args: args.iter().map(|s| s.to_string()).collect(),
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Runs SQL with the sqlite3 CLI, as someone going behind the tool's back would.
    pub fn sql(&self, sql: &str) -> String {
        let out = Command::new("sqlite3")
            .arg(&self.db)
            .arg(sql)
            .output()
            .expect("sqlite3 CLI (apt-get install sqlite3)");
        assert!(
            out.status.success(),
            "sqlite3 failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// A register with two departments, people in them, and a liaison each.
    pub fn with_org() -> Env {
        let env = Env::new();
        env.ok(&["dept", "add", "内科", "--code", "NK"]);
        env.ok(&["dept", "add", "信息科", "--code", "IT"]);
        env.ok(&["person", "add", "王伟", "--dept", "内科"]);
        env.ok(&[
            "person",
            "add",
            "李娜",
            "--dept",
            "信息科",
            "--role",
            "office",
        ]);
        env.ok(&[
            "person",
            "add",
            "张院长",
            "--dept",
            "信息科",
            "--role",
            "approver",
        ]);
        env.ok(&["dept", "liaison", "内科", "王伟"]);
        env.ok(&["dept", "liaison", "信息科", "李娜"]);
        env
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        self.run(args).success().stdout
    }
}

pub struct Run {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn context(&self) -> String {
        format!(
            "infogov {}\n--- exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr
        )
    }

    pub fn code(self, code: i32) -> Run {
        assert_eq!(self.code, code, "unexpected exit code\n{}", self.context());
        self
    }

    pub fn success(self) -> Run {
        self.code(0)
    }

    /// A failure with one `error:` line (`错误：` with `--lang zh`) on
    /// stderr that contains every part.
    pub fn error(self, parts: &[&str]) -> Run {
        assert_eq!(self.code, 1, "expected exit 1\n{}", self.context());
        assert!(
            self.stderr.starts_with("error: ") || self.stderr.starts_with("错误："),
            "stderr starts with error:\n{}",
            self.context()
        );
        assert_eq!(
            self.stderr.lines().count(),
            1,
            "one error line\n{}",
            self.context()
        );
        for p in parts {
            assert!(
                self.stderr.contains(p),
                "stderr lacks {p:?}\n{}",
                self.context()
            );
        }
        self
    }

    pub fn stdout_has(self, part: &str) -> Run {
        assert!(
            self.stdout.contains(part),
            "stdout lacks {part:?}\n{}",
            self.context()
        );
        self
    }

    pub fn stdout_lacks(self, part: &str) -> Run {
        assert!(
            !self.stdout.contains(part),
            "stdout has {part:?}\n{}",
            self.context()
        );
        self
    }

    pub fn stderr_has(self, part: &str) -> Run {
        assert!(
            self.stderr.contains(part),
            "stderr lacks {part:?}\n{}",
            self.context()
        );
        self
    }

    pub fn stdout_is(self, expected: &str) -> Run {
        assert_eq!(self.stdout, expected, "\n{}", self.context());
        self
    }

    /// Asserts stdout (CSV) without the named columns: for tests about
    /// other columns of a listing that has since grown (the `id` and `void`
    /// of corrections).
    pub fn stdout_without(self, columns: &[&str], expected: &str) -> Run {
        assert_eq!(
            without_columns(&self.stdout, columns),
            expected,
            "\n{}",
            self.context()
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON: {e}\n{}", self.context()))
    }
}

/// A CSV text without the named columns, re-written as infogov writes CSV.
pub fn without_columns(text: &str, columns: &[&str]) -> String {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut keep: Vec<bool> = Vec::new();
    for (n, rec) in r.records().enumerate() {
        let rec = rec.expect("CSV output");
        if n == 0 {
            keep = rec.iter().map(|h| !columns.contains(&h)).collect();
        }
        let fields: Vec<&str> = rec
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(f, _)| f)
            .collect();
        out.write_record(&fields).expect("CSV");
    }
    String::from_utf8(out.into_inner().expect("CSV")).expect("UTF-8")
}
