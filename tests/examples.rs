//! The examples in examples/ work as documented.

use crate::support::{BIN, Env};

#[test]
fn the_sample_register_builds_and_checks() {
    let env = Env::bare();
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let out = env
        .shell(&format!(
            "{}/setup.sh {}",
            examples.display(),
            env.db.display()
        ))
        .env("INFOGOV", BIN)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("imported 13 assets, added 5 people"),
        "{stdout}"
    );
    // The sample has one classified laptop kept off every network, and one
    // spare PC in stock: the check reports only the departments without a liaison.
    assert!(
        stdout.contains("COMPLIANCE WARNING") || stdout.contains("WARNING"),
        "{stdout}"
    );
    assert!(!stdout.contains("CRITICAL"), "{stdout}");
    env.run(&["audit", "verify"]).success();
    env.run(&["asset", "list", "--dept", "内科", "--format", "csv"])
        .success()
        .stdout_has("住院部6层护士站");
}
