//! Who may act (issue #16): logins, roles, steps on behalf of another, and
//! separation of duties per human.

use crate::support::Env;
use crate::trust::sha256;

/// The OS user the tests run as.
fn me() -> String {
    whoami::username().unwrap()
}

/// Runs as the logged-in OS user: no `INFOGOV_ACTOR`.
fn logged_in(env: &Env, args: &[&str]) -> crate::support::Run {
    env.run_env(args, &[("INFOGOV_ACTOR", "")])
}

fn file_request(env: &Env) {
    env.ok(&[
        "--actor",
        "王伟",
        "--as-of",
        "2026-03-01",
        "request",
        "new",
        "--kind",
        "config-change",
        "--dept",
        "内科",
        "--title",
        "门诊电脑更新",
        "--purpose",
        "门诊挂号",
        "--item",
        "台式机;2;i5/16G/512G;4999",
    ]);
    env.ok(&[
        "--actor",
        "王伟",
        "--as-of",
        "2026-03-02",
        "request",
        "submit",
        "1",
    ]);
}

#[test]
fn the_logged_in_person_is_the_actor_and_may_not_pose_as_another() {
    let env = Env::with_org();
    // No logins yet: the actor is a name, as it always was.
    env.ok(&["person", "login", "李娜", &me()]);
    logged_in(&env, &["dept", "add", "外科"]).success();
    // (`audit log --actor` filters; INFOGOV_ACTOR does not set it.)
    let log = logged_in(
        &env,
        &[
            "audit",
            "log",
            "--entity",
            "department",
            "--key",
            "外科",
            "--format",
            "json",
        ],
    )
    .success()
    .json();
    assert_eq!(log[0]["actor"], "李娜");
    assert_eq!(log[0]["os_user"], me());
    logged_in(&env, &["--actor", "张院长", "dept", "add", "骨科"]).error(&[
        "--actor",
        "is 李娜",
        "may not act as \"张院长\"",
        "--on-behalf-of",
    ]);
    // The variable a script sets is --actor too.
    env.run(&["dept", "add", "骨科"])
        .error(&["--actor", "may not act as \"tester\""]);
    logged_in(&env, &["--actor", "李娜", "dept", "add", "骨科"]).success();
    env.run(&["person", "list", "--format", "csv"])
        .success()
        .stdout_has(&format!("李娜,信息科,office,0,{}", me()));
}

#[test]
fn roles_are_granted_by_an_administrator_and_never_to_oneself() {
    let env = Env::with_org();
    // With nobody logged in, anyone may still name roles (as before); but
    // not for themselves.
    env.run(&[
        "--actor", "李娜", "person", "role", "李娜", "--grant", "approver",
    ])
    .error(&["may not grant a role to themselves"]);
    env.ok(&["person", "login", "李娜", &me()]);
    // Now only an administrator: "tester" is nobody.
    env.run(&[
        "--actor", "tester", "person", "role", "王伟", "--grant", "approver",
    ])
    .error(&["--actor"]);
    logged_in(&env, &["person", "role", "王伟", "--grant", "approver"])
        .success()
        .stdout_has("王伟 is now approver (was staff)");
    logged_in(&env, &["person", "role", "王伟", "--revoke", "approver"])
        .success()
        .stdout_has("王伟 is now staff (was approver)");
    logged_in(&env, &["person", "role", "王伟", "--revoke", "office"])
        .error(&["--revoke", "is staff, not office"]);
    logged_in(&env, &["person", "role", "李娜", "--grant", "approver"])
        .error(&["may not grant a role to themselves"]);
    logged_in(
        &env,
        &[
            "person",
            "add",
            "假院长",
            "--dept",
            "信息科",
            "--role",
            "approver",
        ],
    )
    .success();
    // A staff member with the same login (one human, two records) is no
    // administrator when acting as the staff record.
    logged_in(
        &env,
        &["person", "add", "李娜", "--dept", "内科", "--login", &me()],
    )
    .success();
    logged_in(
        &env,
        &[
            "--actor",
            "李娜@内科",
            "person",
            "role",
            "王伟",
            "--grant",
            "office",
        ],
    )
    .error(&["李娜@内科 is staff", "only an administrator"]);
    // The change is audited.
    let log = logged_in(
        &env,
        &["audit", "log", "--entity", "person", "--format", "json"],
    )
    .success()
    .json();
    assert!(log.as_array().unwrap().iter().any(|e| {
        e["command"]
            .as_str()
            .unwrap()
            .contains("person role 王伟 --grant approver")
    }));
}

#[test]
fn an_administrator_records_a_step_on_behalf_of_another_with_evidence() {
    let env = Env::with_org();
    file_request(&env);
    env.ok(&[
        "--actor",
        "李娜",
        "--as-of",
        "2026-03-03",
        "request",
        "review",
        "1",
        "--accept",
    ]);
    env.ok(&["person", "login", "李娜", &me()]);
    // Without evidence, refused before anything is written.
    logged_in(
        &env,
        &[
            "--on-behalf-of",
            "张院长",
            "--as-of",
            "2026-03-04",
            "request",
            "approve",
            "1",
        ],
    )
    .code(2);
    let form = env.write("approval-scan.pdf", "%PDF-1.4 signed 张院长 2026-03-04");
    let form = form.to_str().unwrap();
    logged_in(
        &env,
        &[
            "--on-behalf-of",
            "张院长",
            "--on-behalf-evidence",
            form,
            "--as-of",
            "2026-03-04",
            "request",
            "approve",
            "1",
            "--comment",
            "同意（纸质签批）",
        ],
    )
    .success();
    let history = env
        .run(&["request", "show", "1", "--format", "json"])
        .success()
        .stdout;
    assert!(
        history.contains("张院长@信息科 (recorded on behalf by 李娜@信息科)"),
        "{history}"
    );
    let log = logged_in(&env, &["audit", "log", "--format", "json"])
        .success()
        .json();
    let entries = log.as_array().unwrap();
    let ob = entries
        .iter()
        .find(|e| e["entity"] == "on_behalf")
        .expect("an on_behalf entry");
    let row: serde_json::Value = serde_json::from_str(ob["row"].as_str().unwrap()).unwrap();
    assert_eq!(
        row["evidence_sha256"].as_str().unwrap(),
        sha256(std::path::Path::new(form))
    );
    let step = entries
        .iter()
        .rev()
        .find(|e| e["entity"] == "request_step")
        .unwrap();
    assert_eq!(step["actor"], "张院长");
    assert_eq!(step["recorded_by"], "李娜");
    env.run(&["audit", "verify"]).success();
    env.run(&[
        "audit",
        "report",
        "--only",
        "on-behalf",
        "--from",
        "2026-01-01",
        "--to",
        "2030-12-31",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("on-behalf,recorded,,,1,,REQ-6,")
    .stdout_has("recorded by 李娜@信息科: `infogov --on-behalf-of 张院长")
    .stdout_has(&sha256(std::path::Path::new(form)));

    // Strict identity: nobody records for another.
    let config = env.path(".config/infogov/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "identity = \"strict\"\n").unwrap();
    logged_in(
        &env,
        &[
            "--on-behalf-of",
            "张院长",
            "--on-behalf-evidence",
            form,
            "dept",
            "add",
            "外科",
        ],
    )
    .error(&["--on-behalf-of", "identity = \"strict\""]);
    std::fs::remove_file(&config).unwrap();
    // Only an administrator: 李娜 as her staff record may not.
    logged_in(
        &env,
        &["person", "add", "李娜", "--dept", "内科", "--login", &me()],
    )
    .success();
    logged_in(
        &env,
        &[
            "--actor",
            "李娜@内科",
            "--on-behalf-of",
            "张院长",
            "--on-behalf-evidence",
            form,
            "dept",
            "add",
            "外科",
        ],
    )
    .error(&["李娜@内科 is staff", "only an administrator"]);
    // Nobody logged in: no on-behalf at all.
    let fresh = Env::with_org();
    fresh
        .run(&[
            "--on-behalf-of",
            "张院长",
            "--on-behalf-evidence",
            form,
            "dept",
            "add",
            "外科",
        ])
        .error(&["is no registered person's login"]);
}

#[test]
fn separation_of_duties_holds_per_human_across_registrations() {
    let env = Env::with_org();
    // One man, three records: 王伟@内科 staff, 王伟@信息科 office, 王伟@院办 approver.
    env.ok(&["dept", "add", "院办"]);
    env.ok(&[
        "person",
        "add",
        "王伟",
        "--dept",
        "信息科",
        "--role",
        "office",
    ]);
    env.ok(&[
        "person", "add", "王伟", "--dept", "院办", "--role", "approver",
    ]);
    // The OS user running the tests is nobody's login, so --actor names
    // the administrator, as before logins existed.
    for p in ["王伟@内科", "王伟@信息科", "王伟@院办"] {
        env.ok(&["--actor", "李娜", "person", "login", p, "wangwei"]);
    }
    env.ok(&["--actor", "李娜", "dept", "liaison", "院办", "王伟@院办"]);
    env.run(&["audit", "check", "--only", "org", "--format", "csv"])
        .code(1)
        .stdout_has(
            "WARNING,org,login wangwei,\"one person holds both the office and the approver role",
        );
    env.ok(&[
        "--actor",
        "王伟@内科",
        "--as-of",
        "2026-03-01",
        "request",
        "new",
        "--kind",
        "config-change",
        "--dept",
        "内科",
        "--title",
        "自批",
        "--purpose",
        "x",
        "--item",
        "台式机;1;i5;4999",
    ]);
    env.ok(&[
        "--actor",
        "王伟@内科",
        "--as-of",
        "2026-03-02",
        "request",
        "submit",
        "1",
    ]);
    env.run(&[
        "--actor",
        "王伟@信息科",
        "--as-of",
        "2026-03-03",
        "request",
        "review",
        "1",
        "--accept",
    ])
    .error(&["王伟 filed request 1 and may not review", "REQ-6"]);
    env.ok(&[
        "--actor",
        "李娜",
        "--as-of",
        "2026-03-03",
        "request",
        "review",
        "1",
        "--accept",
    ]);
    env.run(&[
        "--actor",
        "王伟@院办",
        "--as-of",
        "2026-03-04",
        "request",
        "approve",
        "1",
    ])
    .error(&["may not approve it", "REQ-6"]);
}

#[test]
fn init_names_the_first_administrator() {
    let env = Env::bare();
    env.run(&["init", "--admin", "李娜@信息科"])
        .success()
        .stdout_has(&format!(
            "李娜 of 信息科 is the first administrator (office role), logging in as {}",
            me()
        ));
    env.run(&["person", "list", "--format", "csv"])
        .success()
        .stdout_has(&format!("李娜,信息科,office,0,{}", me()));
    logged_in(&env, &["init", "--admin", "王伟@信息科"])
        .error(&["--admin", "already has administrators (李娜)"]);
    logged_in(&env, &["dept", "add", "内科"]).success();
}
