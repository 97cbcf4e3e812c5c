//! Asset labels: printable sheets whose QR codes scan back to the tags.

use crate::stocktake::{clinic, ok};
use crate::support::Env;

/// An outside program the test needs: present, or (outside CI only) a
/// printed reason to skip. Under CI=true a missing program fails the test.
fn program(name: &str, package: &str) -> bool {
    let found = std::process::Command::new(name)
        .arg("--version")
        .output()
        .is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is missing: apt-get install {package}"
        );
        eprintln!("skipped: {name} is missing (apt-get install {package})");
    }
    found
}

/// Renders an SVG to PNG with rsvg-convert and decodes every QR code in it
/// with zbarimg; returns the decoded texts, sorted.
fn decode(env: &Env, svg: &str) -> Vec<String> {
    let png = env.path("labels.png");
    let out = std::process::Command::new("rsvg-convert")
        .args(["--dpi-x", "300", "--dpi-y", "300", "-o"])
        .arg(&png)
        .arg(env.path(svg))
        .output()
        .expect("rsvg-convert");
    assert!(
        out.status.success(),
        "rsvg-convert: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = std::process::Command::new("zbarimg")
        .args(["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"])
        .arg(&png)
        .output()
        .expect("zbarimg");
    assert!(
        out.status.success(),
        "zbarimg found no code: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut tags: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    tags.sort();
    tags
}

#[test]
fn labels_carry_a_qr_code_that_scans_back_to_the_tag() {
    if !program("rsvg-convert", "librsvg2-bin") || !program("zbarimg", "zbar-tools") {
        return;
    }
    let env = clinic();
    // An A4 sheet of a department's labels.
    env.run(&[
        "asset",
        "label",
        "--dept",
        "内科",
        "--org",
        "某某市人民医院",
        "-o",
        "a4.svg",
    ])
    .success()
    .stdout_is("");
    let svg = std::fs::read_to_string(env.path("a4.svg")).unwrap();
    assert!(
        svg.contains(r#"width="210mm" height="297mm""#),
        "an A4 page"
    );
    assert!(svg.contains("某某市人民医院") && svg.contains("门诊电脑") && svg.contains("内科"));
    assert!(!svg.contains("href"), "self-contained: nothing fetched");
    assert_eq!(
        decode(&env, "a4.svg"),
        ["NK-1", "NK-2", "NK-3", "NK-4", "NK-5"]
    );

    // Named tags on 50×30 mm label stock, one label per page.
    env.run(&[
        "asset", "label", "IT-1", "NK-2", "--layout", "50x30", "-o", "two.svg",
    ])
    .success()
    .stdout_is("");
    let svg = std::fs::read_to_string(env.path("two.svg")).unwrap();
    assert!(
        svg.contains(r#"width="50mm" height="60mm""#),
        "two 50x30 labels"
    );
    assert_eq!(decode(&env, "two.svg"), ["IT-1", "NK-2"]);

    // A stock-take's labels, as HTML with one inline SVG per printed page.
    ok(
        &env,
        "李娜",
        "2026-11-20",
        &["asset", "stocktake", "start", "--kind", "server"],
    );
    env.run(&["asset", "label", "--stocktake", "1", "-o", "st.html"])
        .success()
        .stdout_is("");
    let html = std::fs::read_to_string(env.path("st.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg") && html.contains("IT-1"));
    assert!(html.contains("@page { size: 210mm 297mm; margin: 0; }"));
    // Its page's inline SVG scans back to the stock-take's tags too, at
    // the size the page's CSS gives it (the SVG has only a viewBox in mm).
    let start = html.find("<svg").unwrap();
    let end = html.rfind("</svg>").unwrap() + "</svg>".len();
    let page = html[start..end].replacen("<svg ", r#"<svg width="210mm" height="297mm" "#, 1);
    env.write("page.svg", &page);
    assert_eq!(decode(&env, "page.svg"), ["IT-1"]);
    // Standard output is SVG.
    env.run(&["asset", "label", "NK-1", "--layout", "50x30"])
        .success()
        .stdout_has("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"50mm\" height=\"30mm\"");

    env.run(&["asset", "label", "NO-SUCH"])
        .error(&["TAG: no asset \"NO-SUCH\" in the register"]);
    env.run(&["asset", "label"]).code(2);
    env.run(&["asset", "label", "NK-1", "--layout", "62x29"])
        .code(2);
}
