//! The report and a printed form in a real browser: headless Chromium renders
//! them, the screenshot is not blank, and the page asks the network for
//! nothing (every request the page starts is in Chromium's net log).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::Env;

/// Chromium, or `None` (with the reason printed) where it is missing and
/// this is not CI; under CI a missing browser fails the test.
fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser"] {
        let found = Command::new("sh")
            .arg("-c")
            .arg(format!("command -v {name}"))
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
        if found.is_some() {
            return found;
        }
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "chromium is not installed (apt-get install chromium); CI must run this test"
    );
    eprintln!("skipped: chromium is not installed (apt-get install chromium)");
    None
}

/// Renders `page` headless; returns the screenshot and the URLs the page
/// itself asked for (the browser's own background requests are told apart
/// by their initiator, "not an origin"). Every host name resolves to
/// nothing, so a request could not succeed even if it were made.
fn render(browser: &Path, env: &Env, page: &Path, name: &str) -> (Vec<u8>, Vec<String>) {
    let profile = env.path(&format!("chromium-{name}"));
    let shot = env.path(&format!("{name}.png"));
    let netlog = env.path(&format!("{name}-net.json"));
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--window-size=900,1300",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--log-net-log={}", netlog.display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .env("HOME", env.dir.path())
        .output()
        .expect("run chromium");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&netlog).expect("the net log"))
            .expect("JSON");
    let start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].clone();
    let from_page = log["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["type"] == start)
        .filter(|e| e["params"]["initiator"] != "not an origin")
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_string))
        .collect();
    (std::fs::read(&shot).expect("the screenshot"), from_page)
}

/// The share of pixels that are not white, and of those in a chart colour
/// (the severity reds and oranges, the bars' blue and green).
fn ink(shot: Vec<u8>) -> (f64, f64) {
    let decoder = png::Decoder::new(std::io::Cursor::new(shot));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    let pixels = buf[..info.buffer_size()].chunks(channels);
    let (mut total, mut inked, mut coloured) = (0usize, 0usize, 0usize);
    for p in pixels {
        let (r, g, b) = (p[0] as i32, p[1] as i32, p[2] as i32);
        total += 1;
        if r < 235 || g < 235 || b < 235 {
            inked += 1;
        }
        if (r - g).abs() > 60 || (g - b).abs() > 60 || (r - b).abs() > 60 {
            coloured += 1;
        }
    }
    (inked as f64 / total as f64, coloured as f64 / total as f64)
}

/// A register with something in every section of the report.
fn hospital() -> Env {
    let env = Env::with_org();
    env.ok(&["init", "--timezone", "Asia/Shanghai"]);
    for (tag, dept, price) in [("IT-1", "内科", "4999"), ("IT-2", "信息科", "38000")] {
        env.ok(&[
            "--no-input",
            "asset",
            "register",
            "--tag",
            tag,
            "--kind",
            "desktop",
            "--name",
            "台式计算机",
            "--purchased",
            "2026-03-15",
            "--price",
            price,
            "--dept",
            dept,
        ]);
    }
    env.ok(&["system", "add", "HIS", "--owner-dept", "信息科"]);
    env.ok(&["backup", "policy", "HIS", "--full", "1d", "--offsite", "1w"]);
    env.ok(&[
        "backup",
        "record",
        "HIS",
        "--kind",
        "full",
        "--finished",
        "2026-11-26 01:42",
    ]);
    env.ok(&[
        "--as-of",
        "2026-10-01",
        "consumable",
        "item",
        "add",
        "PAP-A4",
        "--name",
        "A4 复印纸",
        "--category",
        "paper",
        "--unit",
        "ream",
    ]);
    crate::paperwork::paper_used_over_quota(&env);
    env
}

#[test]
fn the_report_renders_in_chromium_and_asks_the_network_for_nothing() {
    let env = hospital();
    let config = env.write("config.toml", "organisation = \"某某市人民医院\"\n");
    let page = env.path("report.html");
    env.run(&[
        "--config",
        config.to_str().unwrap(),
        "--lang",
        "zh",
        "--as-of",
        "2026-11-28",
        "audit",
        "report",
        "--format",
        "html",
        "--output",
        page.to_str().unwrap(),
    ])
    .success();
    let html = std::fs::read_to_string(&page).unwrap();
    for part in [
        "某某市人民医院",
        "信息化工作报告",
        "各领域问题（按级别）",
        "数据备份时效（对照限值）",
        "耗材领用（对照定额）",
        "各部门资产（数量与价值）",
        "等级保护定级与备案",
        "逾期职责",
        "<svg",
        "HIS",
        "内科",
    ] {
        assert!(html.contains(part), "lacks {part:?}");
    }
    // Self-contained: nothing that would fetch.
    for bad in ["http:", "https:", "<script", " src=", "@import", "url("] {
        assert!(!html.contains(bad), "has {bad:?}");
    }
    let Some(browser) = chromium() else { return };
    let (shot, requests) = render(&browser, &env, &page, "report");
    assert!(requests.is_empty(), "the page asked for {requests:?}");
    let (inked, coloured) = ink(shot);
    assert!(
        inked > 0.03,
        "the screenshot is nearly blank ({inked:.3} inked)"
    );
    assert!(coloured > 0.002, "no chart colours ({coloured:.4})");

    // The detector itself: a page that fetches is caught.
    let bad = env.write(
        "fetches.html",
        "<html><body><img src=\"http://example.invalid/x.png\"></body></html>",
    );
    let (_, requests) = render(&browser, &env, &bad, "fetches");
    assert_eq!(requests, ["http://example.invalid/x.png"]);
}

#[test]
fn a_printed_form_renders_in_chromium() {
    let env = hospital();
    env.ok(&[
        "--actor",
        "王伟",
        "--as-of",
        "2026-11-20",
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
    let page = env.path("form.html");
    env.run(&[
        "--lang",
        "zh",
        "request",
        "export",
        "1",
        "--format",
        "html",
        "--output",
        page.to_str().unwrap(),
    ])
    .success();
    let Some(browser) = chromium() else { return };
    let (shot, requests) = render(&browser, &env, &page, "form");
    assert!(requests.is_empty(), "the page asked for {requests:?}");
    let (inked, _) = ink(shot);
    assert!(
        inked > 0.01,
        "the screenshot is nearly blank ({inked:.3} inked)"
    );
}
