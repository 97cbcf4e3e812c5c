//! The examples at the end of the main commands' help (`after_help`): two
//! or three lines each, taken word for word from the user guide and the area
//! pages (a test holds them to that, and parses each one), so `--help` shows
//! what the documentation explains. They are kept here in one table rather
//! than on each command, so that a new example is one line.

use clap::Command;

/// (command path, example lines). A parent's examples cover its subcommands.
pub const EXAMPLES: &[(&str, &[&str])] = &[
    (
        "init",
        &[
            "infogov init                      # creates the register (mode 0600) or upgrades it",
            "infogov init --write-config       # also writes a commented config file",
        ],
    ),
    (
        "dept",
        &[
            "infogov dept add 内科 --code NK",
            "infogov dept liaison 内科 王伟",
            "infogov dept list",
        ],
    ),
    (
        "person add",
        &[
            "infogov person add 王伟 --dept 内科                 # role staff",
            "infogov person add 李娜 --dept 信息科 --role office  # the IT office: reviews, fulfils",
            "infogov person add 张院长 --dept 院办 --role approver",
        ],
    ),
    (
        "system",
        &[
            "infogov system list",
            "infogov system stage PACS in-service",
            "infogov system password-changed HIS     # SEC-1: the date only, never the password",
        ],
    ),
    (
        "asset register",
        &[
            "infogov asset register --kind desktop --name 门诊医生工作站 --dept 内科 --custodian 王伟 --purchased 2025-03-12 --price 4999",
        ],
    ),
    (
        "asset list",
        &[
            "infogov asset list --dept 内科",
            "infogov asset list --dept 内科 --format csv --bom > 内科资产.csv   # for Excel or WPS",
        ],
    ),
    ("asset report", &["infogov asset report --by dept"]),
    (
        "asset software",
        &[
            "infogov asset software allow 微信                      # every version",
            "infogov asset software import inventory.csv            # installed software per device",
            "infogov asset software check                           # a WARNING per unapproved package",
        ],
    ),
    (
        "request review",
        &["infogov --actor 李娜 request review 1 --accept --comment 符合配置标准"],
    ),
    (
        "request approve",
        &["infogov --actor 张院长 request approve 1 --comment 同意"],
    ),
    (
        "request show",
        &["infogov request show 1                       # the form, lines, assets and every step"],
    ),
    (
        "consumable",
        &[
            "infogov consumable receive TON-88A 10 --unit-cost 450 --supplier 某某办公 --ref PO-2026-031",
            "infogov consumable issue TON-88A 2 --dept 内科 --to 王伟 --for-asset IT-2026-0007",
            "infogov consumable ledger --by dept,category",
        ],
    ),
    (
        "consumable quota",
        &[
            "infogov consumable quota set --dept 内科 --category toner --from-quarter 2026Q3 --qty 5",
        ],
    ),
    (
        "backup policy",
        &[
            "infogov backup policy HIS --full 7d --diff 1d --log 1h --offsite 7d --drill 90d --retain-full 30d --grace 2h",
            "infogov backup policy list",
        ],
    ),
    ("backup check", &["infogov backup check --nagios"]),
    (
        "backup self",
        &["infogov backup self --to /srv/backup/infogov"],
    ),
    (
        "grade rectify",
        &[
            "infogov grade rectify add HIS --item \"部署日志审计\" --due 2026-12-31 --from-evaluation 1",
            "infogov grade rectify done 1 --note \"已部署，日志保存180天\"",
            "infogov grade rectify list --open",
        ],
    ),
    ("grade show", &["infogov grade show HIS"]),
    (
        "duty",
        &[
            "infogov duty seed                       # the duties the regulation names, once",
            "infogov duty list                       # what is next due, what is overdue",
            "infogov duty check                      # exit 0 OK, 1 WARNING, 2 CRITICAL",
        ],
    ),
    (
        "incident",
        &[
            "infogov incident add --kind virus --asset IT-2026-0007 --detected \"2026-11-28 09:10\"",
            "infogov incident close 1 --cleaned --remedy \"全盘查杀\"",
            "infogov incident list --open",
        ],
    ),
    (
        "audit check",
        &["infogov audit check            # every finding, one exit code"],
    ),
    (
        "audit report",
        &[
            "infogov audit report --quarter 2026Q4",
            "infogov audit report --from 2026-07-01 --to 2026-12-31",
            "infogov audit report --quarter 2026Q4 --format csv --bom > 2026Q4-report.csv   # for Excel/WPS",
        ],
    ),
    (
        "demo",
        &[
            "infogov demo                           # builds infogov-demo.db here, prints the check and the report",
            "infogov demo --db /tmp/infogov-demo.db --force",
        ],
    ),
];

/// The command tree with each listed command's examples after its help.
pub fn attach(mut cmd: Command) -> Command {
    for (path, lines) in EXAMPLES {
        let text = format!("Examples:\n  {}", lines.join("\n  "));
        cmd = at(cmd, &path.split(' ').collect::<Vec<_>>(), text);
    }
    cmd
}

fn at(cmd: Command, path: &[&str], text: String) -> Command {
    match path {
        [] => cmd.after_help(text),
        [first, rest @ ..] => cmd.mut_subcommand(*first, |sub| at(sub, rest, text)),
    }
}
