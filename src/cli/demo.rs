//! `infogov demo`: builds a realistic register for a small hospital, a year
//! of records, by running the same commands an officer would type (each one
//! parsed by the same parser and run by the same code, in its own
//! transaction), then prints the compliance check.

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use chrono::{Datelike, Days, NaiveDate};
use clap::Args;

use super::output::Output;
use super::{Ctx, dispatch};

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Replace the file if it exists (only a register, and never the
    /// configured one: the demo's invented records must not mix with real ones)
    #[arg(long)]
    pub force: bool,
}

/// The register the demo builds: `--db` if given, else `infogov-demo.db` in
/// the current directory; never the configured register, and never a file
/// that exists, so the demo cannot mix invented records into real ones.
fn demo_path(ctx: &Ctx) -> PathBuf {
    ctx.global
        .db
        .clone()
        .unwrap_or_else(|| PathBuf::from("infogov-demo.db"))
}

pub struct Demo {
    db: PathBuf,
    pub today: NaiveDate,
    pub steps: u64,
    work: tempfile_dir::Dir,
}

/// A scratch directory for the files the demo imports, removed afterwards.
mod tempfile_dir {
    use std::path::{Path, PathBuf};

    pub struct Dir(PathBuf);

    impl Dir {
        pub fn new() -> std::io::Result<Dir> {
            let p = std::env::temp_dir().join(format!("infogov-demo-{}", std::process::id()));
            std::fs::create_dir_all(&p)?;
            Ok(Dir(p))
        }

        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

impl Demo {
    /// Runs one command as `actor` on `date`, as if typed.
    pub fn run(&mut self, date: NaiveDate, actor: &str, args: &[&str]) -> Result<u8> {
        let db = self.db.display().to_string();
        let day = date.to_string();
        let mut argv = vec![
            "infogov",
            "--db",
            &db,
            "--no-input",
            "--as-of",
            &day,
            "--actor",
            actor,
        ];
        argv.extend_from_slice(args);
        let cli = super::try_parse_from(&argv)
            .map_err(|e| anyhow!("demo step `infogov {}`: {e}", args.join(" ")))?;
        let mut ctx = Ctx::new(cli.global)?;
        ctx.out = Output::sink();
        // The demo's register is scratch: its heads are not witnessed.
        ctx.witness_file = None;
        self.steps += 1;
        dispatch(cli.command, &mut ctx)
            .with_context(|| format!("demo step `infogov {}`", args.join(" ")))
    }

    /// Writes a file for a step to import.
    pub fn file(&self, name: &str, content: &str) -> Result<String> {
        let p = self.work.path().join(name);
        std::fs::write(&p, content).with_context(|| format!("writing {}", p.display()))?;
        Ok(p.display().to_string())
    }

    pub fn days_ago(&self, n: u64) -> NaiveDate {
        self.today - Days::new(n)
    }
}

pub const OFFICER: &str = "李娜";
pub const LEADER: &str = "张院长";

const DEPTS: &[(&str, &str, &[&str])] = &[
    ("院办", "YB", &["张院长", "孙丽"]),
    ("信息科", "XXK", &["李娜", "黄磊", "吴涛"]),
    ("财务科", "CWK", &["周强", "郑洁"]),
    ("医务科", "YWK", &["钱敏", "冯军"]),
    ("内科", "NK", &["王伟", "刘芳", "何静"]),
    ("外科", "WK", &["陈明", "赵敏", "许晨"]),
    ("儿科", "EK", &["林霞", "高阳"]),
    ("急诊科", "JZK", &["马超", "罗丹"]),
    ("检验科", "JYK", &["宋佳", "唐亮"]),
    ("放射科", "FSK", &["韩雪", "曹宇"]),
    ("药剂科", "YJK", &["邓丽", "彭飞"]),
];

/// Builds the organisation and the asset register.
fn organisation(d: &mut Demo) -> Result<()> {
    let start = d.days_ago(365);
    d.run(start, OFFICER, &["init"])?;
    for (name, code, _) in DEPTS {
        d.run(start, OFFICER, &["dept", "add", name, "--code", code])?;
    }
    for (dept, _, people) in DEPTS {
        for (i, p) in people.iter().enumerate() {
            let role = match *p {
                "张院长" => "approver",
                _ if *dept == "信息科" => "office",
                _ => "staff",
            };
            d.run(
                start,
                OFFICER,
                &["person", "add", p, "--dept", dept, "--role", role],
            )?;
            // The first person of each clinical department is its IT liaison;
            // 药剂科 has not named one yet, which the check will show.
            if i == 0 && *dept != "药剂科" {
                d.run(start, OFFICER, &["dept", "liaison", dept, p])?;
            }
        }
    }
    for (name, owner, desc) in [
        ("HIS", "信息科", "医院信息系统"),
        ("EMR", "医务科", "电子病历系统"),
        ("LIS", "检验科", "实验室信息系统"),
        ("PACS", "放射科", "影像归档和通信系统"),
        ("OA", "院办", "协同办公系统"),
    ] {
        d.run(
            start,
            OFFICER,
            &[
                "system",
                "add",
                name,
                "--owner-dept",
                owner,
                "--description",
                desc,
            ],
        )?;
    }
    Ok(())
}

/// A few hundred assets, imported as a first inventory would be, then a
/// year of transfers, repairs, inspections and virus scans.
fn assets(d: &mut Demo) -> Result<()> {
    let start = d.days_ago(365);
    let mut csv = String::from(
        "tag,kind,name,model,manufacturer,supplier,purchased,price,dept,custodian,location,serial,specs,classified,network,status\n",
    );
    let kinds: &[(&str, &str, &str, &str, &str)] = &[
        ("desktop", "医生工作站", "启天M437", "联想", "4999.00"),
        ("desktop", "护士站电脑", "OptiPlex 7010", "戴尔", "5600.00"),
        (
            "printer",
            "激光打印机",
            "LaserJet M404dn",
            "惠普",
            "2180.00",
        ),
        ("laptop", "笔记本电脑", "ThinkPad T14", "联想", "7599.00"),
        ("monitor", "显示器", "P2422H", "戴尔", "1299.00"),
        ("peripheral", "扫码枪", "1950g", "霍尼韦尔", "860.00"),
    ];
    let mut n = 0;
    for (di, (dept, _, people)) in DEPTS.iter().enumerate() {
        let per_dept = if *dept == "信息科" { 12 } else { 26 };
        for i in 0..per_dept {
            let (kind, name, model, maker, price) = kinds[(i + di) % kinds.len()];
            let holder = people[i % people.len()];
            let purchased = start - Days::new(30 + ((i * 37 + di * 11) % 900) as u64);
            n += 1;
            csv.push_str(&format!(
                ",{kind},{name},{model},{maker},华信科技有限公司,{purchased},{price},{dept},{holder},{dept}{}号房间,SN{:06},,否,internal,in-use\n",
                i % 8 + 1,
                n
            ));
        }
    }
    // Central equipment of the IT office (AST-7), and a classified laptop kept
    // off every network.
    for (kind, name, model, maker, price, location) in [
        (
            "server",
            "HIS 数据库服务器",
            "PowerEdge R750",
            "戴尔",
            "86000.00",
            "中心机房A排3柜",
        ),
        (
            "server",
            "PACS 存储服务器",
            "FusionServer 2288H",
            "华为",
            "72000.00",
            "中心机房A排4柜",
        ),
        (
            "storage",
            "备份存储",
            "OceanStor 5310",
            "华为",
            "96000.00",
            "中心机房A排5柜",
        ),
        (
            "switch",
            "核心交换机",
            "S5735-L48T4X",
            "华为",
            "15800.00",
            "中心机房B排1柜",
        ),
        (
            "firewall",
            "边界防火墙",
            "USG6510E",
            "华为",
            "23000.00",
            "中心机房B排1柜",
        ),
    ] {
        let network = if kind == "firewall" {
            "external"
        } else {
            "internal"
        };
        csv.push_str(&format!(
            ",{kind},{name},{model},{maker},远通电子,{},{price},信息科,李娜,{location},,,否,{network},in-use\n",
            start - Days::new(200)
        ));
    }
    csv.push_str(&format!(
        "SM-001,laptop,涉密笔记本,昭阳K4,联想,指定供应商,{},9800.00,院办,孙丽,院办机要室,ZYK4S001,,是,none,in-use\n",
        start - Days::new(100)
    ));
    csv.push_str(&format!(
        ",desktop,备用电脑,启天M437,联想,华信科技有限公司,{},4999.00,信息科,,信息科库房,,,否,internal,in-stock\n",
        start - Days::new(60)
    ));
    let file = d.file("inventory.csv", &csv)?;
    d.run(start, OFFICER, &["asset", "import", &file])?;

    let year = start.year();
    let tag = |n: u32| format!("IT-{year}-{n:04}");
    for i in 0..40u32 {
        let date = start + Days::new(u64::from(5 + i * 9));
        let t = tag(1 + i * 7);
        match i % 4 {
            0 => d.run(
                date,
                OFFICER,
                &[
                    "asset",
                    "maintain",
                    &t,
                    "--kind",
                    "virus-scan",
                    "--note",
                    "季度病毒查杀，未发现感染",
                ],
            )?,
            1 => d.run(
                date,
                OFFICER,
                &[
                    "asset",
                    "maintain",
                    &t,
                    "--kind",
                    "inspection",
                    "--note",
                    "硬件巡检正常",
                ],
            )?,
            2 => d.run(
                date,
                OFFICER,
                &[
                    "asset",
                    "maintain",
                    &t,
                    "--kind",
                    "repair",
                    "--cost",
                    "350",
                    "--vendor",
                    "联想服务站",
                    "--note",
                    "更换电源",
                ],
            )?,
            _ => d.run(
                date,
                OFFICER,
                &[
                    "asset",
                    "transfer",
                    &t,
                    "--location",
                    "住院部新病区",
                    "--reason",
                    "病区调整",
                ],
            )?,
        };
    }
    d.run(
        d.days_ago(20),
        OFFICER,
        &[
            "asset",
            "damage",
            &tag(9),
            "--cause",
            "跌落摔坏屏幕",
            "--liable",
            "person",
            "--amount",
            "600",
        ],
    )?;
    d.run(
        d.days_ago(10),
        OFFICER,
        &[
            "asset",
            "status",
            &tag(16),
            "under-repair",
            "--reason",
            "主板故障送修",
        ],
    )?;
    Ok(())
}

/// Security grading: every system graded and filed; EMR's last evaluation
/// found it short of its grade and the rectification is under way.
fn grading(d: &mut Demo) -> Result<()> {
    let day = |d: &Demo, n: u64| d.days_ago(n).to_string();
    for (system, obj, harm, why) in [
        (
            "HIS",
            "society",
            "serious",
            "门诊住院业务全部依赖，中断影响公共利益",
        ),
        ("EMR", "society", "serious", "病历数据泄露严重损害公共利益"),
        ("LIS", "citizen", "serious", "检验数据关系患者权益"),
        ("PACS", "citizen", "serious", "影像数据关系患者权益"),
        ("OA", "citizen", "general", "内部办公，影响有限"),
    ] {
        let graded = d.days_ago(330);
        d.run(
            graded,
            OFFICER,
            &[
                "grade",
                "assess",
                system,
                "--info-object",
                obj,
                "--info-harm",
                harm,
                "--service-object",
                obj,
                "--service-harm",
                harm,
                "--rationale",
                why,
            ],
        )?;
        if system != "OA" {
            // The materials of a grade 2+ filing, in the procedure's order:
            // the grading report, then the expert review (HIS's is below).
            let report = d.file(
                &format!("定级报告-{system}.txt"),
                &format!("{system} 信息系统安全等级保护定级报告\n定级理由：{why}\n"),
            )?;
            let reported = day(d, 328);
            d.run(
                d.days_ago(328),
                OFFICER,
                &["grade", "report", system, &report, "--date", &reported],
            )?;
            if system != "HIS" {
                let reviewed = day(d, 326);
                d.run(
                    d.days_ago(326),
                    OFFICER,
                    &[
                        "grade",
                        "review",
                        system,
                        "--date",
                        &reviewed,
                        "--experts",
                        "张三,李四,王五",
                    ],
                )?;
            }
            let filed = day(d, 310);
            d.run(
                d.days_ago(310),
                OFFICER,
                &[
                    "grade",
                    "file",
                    system,
                    "--date",
                    &filed,
                    "--authority",
                    "市公安局网安支队",
                    "--number",
                    &format!("4401-{system}-26"),
                ],
            )?;
        }
    }
    let (review, approve) = (day(d, 325), day(d, 320));
    d.run(
        d.days_ago(325),
        OFFICER,
        &[
            "grade",
            "review",
            "HIS",
            "--date",
            &review,
            "--experts",
            "张三,李四,王五",
            "--opinion",
            "同意定为第三级",
        ],
    )?;
    d.run(
        d.days_ago(320),
        OFFICER,
        &[
            "grade",
            "approve",
            "HIS",
            "--date",
            &approve,
            "--authority",
            "市卫生健康委员会",
        ],
    )?;
    let eval = day(d, 90);
    d.run(
        d.days_ago(90),
        OFFICER,
        &[
            "grade",
            "evaluate",
            "HIS",
            "--date",
            &eval,
            "--agency",
            "某某测评中心",
            "--result",
            "basic",
            "--score",
            "82.5",
        ],
    )?;
    let eval = day(d, 40);
    d.run(
        d.days_ago(40),
        OFFICER,
        &[
            "grade",
            "evaluate",
            "EMR",
            "--date",
            &eval,
            "--agency",
            "某某测评中心",
            "--result",
            "nonconform",
            "--score",
            "68",
        ],
    )?;
    let due = (d.today + Days::new(45)).to_string();
    d.run(
        d.days_ago(38),
        OFFICER,
        &[
            "grade",
            "rectify",
            "add",
            "EMR",
            "--item",
            "部署日志审计，日志保存六个月以上",
            "--due",
            &due,
            "--from-evaluation",
            "2",
        ],
    )?;
    for system in ["HIS", "EMR", "LIS", "PACS", "OA"] {
        let date = day(d, 60);
        d.run(
            d.days_ago(60),
            OFFICER,
            &[
                "grade",
                "inspect",
                system,
                "--date",
                &date,
                "--findings",
                "弱口令已整改，补丁已更新",
            ],
        )?;
    }
    for system in ["LIS", "PACS"] {
        let date = day(d, 120);
        d.run(
            d.days_ago(120),
            OFFICER,
            &[
                "grade",
                "evaluate",
                system,
                "--date",
                &date,
                "--agency",
                "某某测评中心",
                "--result",
                "conform",
            ],
        )?;
    }
    Ok(())
}

/// A year of requests (REQ-1..REQ-6, AST-6): a purchase registered against
/// its application, a reallocation (调剂) from stock, an approved project, a
/// retirement with one disposal done and one pending, a rejection, a draft,
/// and an application left unreviewed for a month (a finding).
fn requests(d: &mut Demo) -> Result<()> {
    const REVIEWER: &str = OFFICER;
    // Tags come from the register the demo built, not from guesses.
    let (oldest, spare) = {
        let store = crate::store::Store::open(&d.db)?;
        let conn = store.conn();
        let oldest: Vec<String> = conn
            .prepare(
                "SELECT a.tag FROM asset a JOIN department d ON d.id = a.dept_id
                 WHERE d.name = '内科' AND a.kind = 'desktop' AND a.status = 'in-use'
                 ORDER BY a.purchased, a.tag LIMIT 2",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let spare: String = conn.query_row(
            "SELECT tag FROM asset WHERE status = 'in-stock' AND name = '备用电脑' LIMIT 1",
            [],
            |r| r.get(0),
        )?;
        (oldest, spare)
    };
    let [old1, old2] = oldest.as_slice() else {
        bail!("the demo register has too few old desktops in 内科 to retire");
    };
    let approve = |d: &mut Demo, id: &str, requester: &str, from: u64| -> Result<()> {
        d.run(d.days_ago(from), requester, &["request", "submit", id])?;
        d.run(
            d.days_ago(from - 2),
            REVIEWER,
            &[
                "request",
                "review",
                id,
                "--accept",
                "--comment",
                "符合配置标准，同意上报",
            ],
        )?;
        d.run(
            d.days_ago(from - 4),
            LEADER,
            &["request", "approve", id, "--comment", "同意"],
        )?;
        Ok(())
    };

    // 1. 外科 applies for two workstations; they are bought and registered.
    d.run(
        d.days_ago(300),
        "陈明",
        &[
            "request",
            "new",
            "--kind",
            "config-change",
            "--dept",
            "外科",
            "--title",
            "外科门诊电脑增配",
            "--purpose",
            "新开两间诊室",
            "--item",
            "台式机;2;i5/16G/512G SSD;4999",
        ],
    )?;
    approve(d, "1", "陈明", 299)?;
    let bought = d.file(
        "bought.csv",
        &format!(
            "kind,name,model,manufacturer,supplier,purchased,price,custodian,location,serial
             desktop,医生工作站,启天M437,联想,华信科技有限公司,{p},4999.00,陈明,外科9号房间,SN900001
             desktop,医生工作站,启天M437,联想,华信科技有限公司,{p},4999.00,赵敏,外科10号房间,SN900002
",
            p = d.days_ago(285)
        ),
    )?;
    d.run(
        d.days_ago(280),
        "黄磊",
        &["request", "fulfil", "1", "--register", &bought],
    )?;

    // 2. 医务科's project is approved and goes ahead (立项).
    d.run(
        d.days_ago(200),
        "钱敏",
        &[
            "request",
            "new",
            "--kind",
            "project",
            "--dept",
            "医务科",
            "--title",
            "电子病历互联互通改造",
            "--purpose",
            "按互联互通标准化成熟度测评要求改造 EMR 接口",
            "--budget",
            "380000",
        ],
    )?;
    approve(d, "2", "钱敏", 199)?;
    d.run(
        d.days_ago(180),
        OFFICER,
        &["request", "fulfil", "2", "--comment", "已立项，按方案实施"],
    )?;

    // 3. 儿科 needs a computer: the office reallocates the spare from stock.
    d.run(
        d.days_ago(150),
        "林霞",
        &[
            "request",
            "new",
            "--kind",
            "config-change",
            "--dept",
            "儿科",
            "--title",
            "儿科护士站增配电脑",
            "--item",
            "台式机;1",
            "--submit",
        ],
    )?;
    d.run(
        d.days_ago(148),
        REVIEWER,
        &["request", "review", "3", "--accept"],
    )?;
    d.run(d.days_ago(147), LEADER, &["request", "approve", "3"])?;
    d.run(
        d.days_ago(145),
        OFFICER,
        &[
            "request",
            "fulfil",
            "3",
            "--reallocate",
            &spare,
            "--custodian",
            "林霞",
            "--comment",
            "库房备用机调剂",
        ],
    )?;

    // 4. 内科 retires its two oldest desktops; one is disposed of so far.
    d.run(
        d.days_ago(120),
        "王伟",
        &[
            "request",
            "new",
            "--kind",
            "retirement",
            "--dept",
            "内科",
            "--title",
            "旧电脑报废",
            "--purpose",
            "超过使用年限，主板老化",
            "--asset",
            old1,
            "--asset",
            old2,
        ],
    )?;
    approve(d, "4", "王伟", 119)?;
    d.run(d.days_ago(100), OFFICER, &["request", "fulfil", "4"])?;
    d.run(
        d.days_ago(90),
        OFFICER,
        &[
            "asset",
            "dispose",
            old1,
            "--method",
            "recycle",
            "--note",
            "交再生资源公司回收，回收单 HS-031，硬盘已消磁",
        ],
    )?;

    // 5. A rejection, with the reason on record.
    d.run(
        d.days_ago(60),
        "宋佳",
        &[
            "request",
            "new",
            "--kind",
            "config-change",
            "--dept",
            "检验科",
            "--title",
            "检验科更换显示器",
            "--item",
            "显示器;4;27英寸",
            "--submit",
        ],
    )?;
    d.run(
        d.days_ago(58),
        REVIEWER,
        &[
            "request",
            "review",
            "5",
            "--reject",
            "--comment",
            "现有显示器在用且无故障，不予更换",
        ],
    )?;

    // 6. 急诊科's application has waited a month for review (a finding), and
    // 放射科 has a plan still in draft.
    d.run(
        d.days_ago(30),
        "马超",
        &[
            "request",
            "new",
            "--kind",
            "config-change",
            "--dept",
            "急诊科",
            "--title",
            "急诊分诊台电脑",
            "--item",
            "台式机;1;i5/16G",
            "--submit",
        ],
    )?;
    d.run(
        d.days_ago(5),
        "韩雪",
        &[
            "request",
            "new",
            "--kind",
            "config-plan",
            "--dept",
            "放射科",
            "--title",
            "明年影像工作站需求",
            "--purpose",
            "阅片",
            "--software",
            "PACS",
            "--item",
            "影像工作站;3;双屏 5MP",
        ],
    )?;
    Ok(())
}

/// A year of consumables: a catalogue, quotas, quarterly receipts, issues to
/// the wards, one over-quota issue with its reason, and this quarter's plan
/// filed and approved.
fn consumables(d: &mut Demo) -> Result<()> {
    let start = d.days_ago(365);
    for (sku, name, cat, unit, level) in [
        ("TON-88A", "HP 88A 硒鼓", "toner", "box", "18"),
        ("TON-12A", "HP 12A 硒鼓", "toner", "box", "9"),
        ("PAP-A4", "A4 复印纸", "paper", "ream", "320"),
        ("INK-BK", "黑色墨水", "ink", "bottle", "2"),
        ("RIB-LQ", "针式打印机色带", "ribbon", "piece", "5"),
        ("CAB-5M", "网线 5m", "cables", "piece", "10"),
    ] {
        d.run(
            start,
            OFFICER,
            &[
                "consumable",
                "item",
                "add",
                sku,
                "--name",
                name,
                "--category",
                cat,
                "--unit",
                unit,
                "--reorder-level",
                level,
            ],
        )?;
    }
    let first_q = crate::domain::time::Quarter::containing(start).to_string();
    let wards = [
        "内科",
        "外科",
        "儿科",
        "急诊科",
        "检验科",
        "放射科",
        "药剂科",
        "财务科",
    ];
    for dept in wards {
        d.run(
            start,
            OFFICER,
            &[
                "consumable",
                "quota",
                "set",
                "--dept",
                dept,
                "--category",
                "toner",
                "--from-quarter",
                &first_q,
                "--qty",
                "6",
            ],
        )?;
        d.run(
            start,
            OFFICER,
            &[
                "consumable",
                "quota",
                "set",
                "--dept",
                dept,
                "--category",
                "paper",
                "--from-quarter",
                &first_q,
                "--qty",
                "60",
            ],
        )?;
    }
    // Opening stock from the first stock-take (unplanned: it predates the
    // regime); after that, at the start of every quarter the office files
    // the plan, the leader approves it, and what it buys is received (CON-2). Issues every two weeks, in date order.
    for (sku, qty, cost) in [
        ("TON-88A", "40", "450"),
        ("TON-12A", "20", "380"),
        ("PAP-A4", "700", "25.50"),
        ("INK-BK", "6", "60"),
        ("RIB-LQ", "10", "18"),
        ("CAB-5M", "20", "12"),
    ] {
        d.run(
            start,
            OFFICER,
            &[
                "consumable",
                "receive",
                sku,
                qty,
                "--unit-cost",
                cost,
                "--supplier",
                "某某办公用品公司",
                "--ref",
                "期初盘点",
                // Stock the office held before it took up the regime was
                // bought under no plan of the register's: CON-2 counts it
                // as unplanned, a finding of that first quarter only.
                "--unplanned",
                "--reason",
                "启用登记前的期初库存",
            ],
        )?;
    }
    let mut day = start + Days::new(1);
    let mut fortnight = 0usize;
    while day <= d.today {
        let q = crate::domain::time::Quarter::containing(day);
        if q.first_day() == day {
            quarterly_plan(d, day, q)?;
        }
        if (day - start).num_days() % 14 == 7 {
            for (i, dept) in wards.iter().enumerate() {
                let toner = if (fortnight + i).is_multiple_of(3) {
                    "TON-12A"
                } else {
                    "TON-88A"
                };
                if (fortnight + i).is_multiple_of(2) {
                    d.run(
                        day,
                        OFFICER,
                        &["consumable", "issue", toner, "1", "--dept", dept],
                    )?;
                }
                d.run(
                    day,
                    OFFICER,
                    &["consumable", "issue", "PAP-A4", "6", "--dept", dept],
                )?;
            }
            fortnight += 1;
        }
        if day == d.days_ago(12) {
            d.run(
                day,
                OFFICER,
                &[
                    "consumable",
                    "issue",
                    "TON-88A",
                    "3",
                    "--dept",
                    "急诊科",
                    "--over-quota",
                    "--reason",
                    "急诊新开分诊台",
                ],
            )?;
        }
        day = day + Days::new(1);
    }
    Ok(())
}

/// The plan for quarter `q`, filed on its first day, approved, and what it
/// buys received.
fn quarterly_plan(d: &mut Demo, day: NaiveDate, q: crate::domain::time::Quarter) -> Result<()> {
    let buys = {
        let store = crate::store::Store::open(&d.db)?;
        super::consumable::draw_up_plan(store.conn(), q, day)?
            .iter()
            .any(|l| l.buy > 0)
    };
    if !buys {
        // Stock covers the quarter: there is nothing to put forward.
        return Ok(());
    }
    d.run(
        day,
        OFFICER,
        &[
            "consumable",
            "plan",
            "--quarter",
            &q.to_string(),
            "--submit",
        ],
    )?;
    let id = last_request_id(d)?;
    d.run(
        day,
        LEADER,
        &[
            "request",
            "approve",
            &id.to_string(),
            "--comment",
            "同意采购",
        ],
    )?;
    let lines: Vec<(String, i64, Option<i64>)> = {
        let store = crate::store::Store::open(&d.db)?;
        let mut stmt = store.conn().prepare(
            "SELECT description, quantity, unit_price FROM request_line WHERE request_id = ?1",
        )?;
        stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    for (description, qty, price) in lines {
        // "name (SKU, category)"
        let sku = description
            .rsplit_once('(')
            .and_then(|(_, rest)| rest.split(',').next())
            .context("reading the SKU of a plan line")?
            .to_string();
        let cost = crate::domain::money::format_money(price.unwrap_or(1000));
        d.run(
            day,
            OFFICER,
            &[
                "consumable",
                "receive",
                &sku,
                &qty.to_string(),
                "--unit-cost",
                &cost,
                "--supplier",
                "某某办公用品公司",
                "--ref",
                &format!("REQ-{id}"),
            ],
        )?;
    }
    d.run(
        day,
        OFFICER,
        &[
            "request",
            "fulfil",
            &id.to_string(),
            "--comment",
            "已按计划采购入库",
        ],
    )?;
    Ok(())
}

/// The id of the newest request, as `request list` would show it.
fn last_request_id(d: &Demo) -> Result<i64> {
    let store = crate::store::Store::open(&d.db)?;
    store
        .conn()
        .query_row("SELECT max(id) FROM request", [], |r| r.get(0))
        .context("finding the plan's request")
}

/// Backup policies and a year of runs, imported as the tools' CSV exports
/// would be: every system keeps up but PACS, whose full backups stopped ten
/// days ago, so the check has something to say.
fn backups(d: &mut Demo) -> Result<()> {
    let start = d.days_ago(365);
    for system in ["HIS", "EMR", "LIS", "PACS", "OA"] {
        d.run(
            start,
            OFFICER,
            &[
                "backup",
                "policy",
                system,
                "--full",
                "7d",
                "--diff",
                "1d",
                "--offsite",
                "7d",
                "--drill",
                "90d",
                "--retain-full",
                "30d",
                "--grace",
                "2h",
            ],
        )?;
    }
    d.run(start, OFFICER, &["backup", "policy", "HIS", "--log", "1h"])?;
    for system in ["HIS", "EMR", "LIS", "PACS", "OA"] {
        // Times in UTC: a local 02:10 does not exist on a spring-forward day.
        let mut csv = String::from("system,kind,started,finished,location,bytes,status\n");
        let stopped = if system == "PACS" { 10 } else { 0 };
        for days_ago in (0..=364u64).rev() {
            let day = d.days_ago(days_ago);
            let full = day.weekday() == chrono::Weekday::Sun;
            if full && days_ago < stopped {
                continue;
            }
            let (kind, size) = if full {
                ("full", 80_000_000_000u64)
            } else {
                ("diff", 4_000_000_000)
            };
            csv.push_str(&format!(
                "{system},{kind},{day}T01:00:00Z,{day}T02:10:00Z,local,{size},success\n"
            ));
            if full {
                csv.push_str(&format!(
                    "{system},full,{day}T03:00:00Z,{day}T05:30:00Z,offsite,{size},success\n"
                ));
            }
        }
        if system == "HIS" {
            // Transaction-log backups every hour of the last day (BAK-3).
            for h in 0..24 {
                // On the register's clock, so that none is in the future
                // (an import refuses those); an hour in a daylight-saving
                // gap does not exist and is left out.
                let naive = d.today.and_hms_opt(h, 5, 0).expect("valid time");
                if let Ok(t) = crate::domain::time::local_to_utc("demo", "", naive) {
                    let t = crate::domain::time::format_instant(t);
                    csv.push_str(&format!("HIS,log,{t},{t},local,200000000,success\n"));
                }
            }
        }
        let file = d.file(&format!("{system}-backups.csv"), &csv)?;
        d.run(
            d.today,
            OFFICER,
            &[
                "backup", "import", "--from", "csv", &file, "--system", system,
            ],
        )?;
        for quarter in 0..4u64 {
            let at = format!("{} 15:00", start + Days::new(60 + quarter * 90));
            d.run(
                start + Days::new(60 + quarter * 90),
                OFFICER,
                &[
                    "backup",
                    "drill",
                    system,
                    "--at",
                    &at,
                    "--result",
                    "pass",
                    "--restored-to",
                    "测试服务器",
                    "--note",
                    "抽取全量备份恢复到测试库，核对记录数一致",
                ],
            )?;
        }
    }
    Ok(())
}

/// The regulation's recurring duties, done through the year; the annual IT
/// training is late, which the check shows.
fn duties(d: &mut Demo) -> Result<()> {
    // Seeded when the office took up the regime, a little over a year ago.
    let start = d.days_ago(380);
    d.run(start, OFFICER, &["duty", "seed"])?;
    let duties: Vec<(String, String)> = {
        let store = crate::store::Store::open(&d.db)?;
        let mut stmt = store
            .conn()
            .prepare("SELECT name, every FROM duty ORDER BY name")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    for (name, every) in duties {
        if name == "it-training" || name == "virus-scan" || name == "computer-check" {
            // Training is overdue; scans and checks count from `asset maintain`.
            continue;
        }
        if name.starts_with("self-inspection:") {
            // A graded system's self-inspection is `grade inspect`, above.
            continue;
        }
        let every = crate::domain::time::Interval::parse("every", &every)?;
        let mut day = every.after_date(start) - Days::new(2);
        while day <= d.today {
            if let Some(system) = name.strip_prefix("password:") {
                d.run(
                    day,
                    OFFICER,
                    &["system", "password-changed", system, "--note", "按期更换"],
                )?;
            } else {
                d.run(day, OFFICER, &["duty", "done", &name, "--note", "按期完成"])?;
            }
            day = every.after_date(day);
        }
    }
    // Tags were generated in the year the inventory was imported.
    let year = d.days_ago(365).year();
    let first_tag = |n: u32| format!("IT-{year}-{n:04}");
    for n in 0..12u64 {
        let day = start + Days::new(20 + n * 30);
        d.run(
            day,
            OFFICER,
            &[
                "asset",
                "maintain",
                &first_tag(1),
                "--kind",
                "virus-scan",
                "--note",
                "全院终端病毒查杀",
            ],
        )?;
        if n % 3 == 0 {
            d.run(
                day,
                OFFICER,
                &[
                    "asset",
                    "maintain",
                    &first_tag(2),
                    "--kind",
                    "inspection",
                    "--note",
                    "季度计算机检查",
                ],
            )?;
        }
    }
    Ok(())
}

pub fn run(args: DemoArgs, ctx: &mut Ctx) -> Result<u8> {
    let db = demo_path(ctx);
    if db.exists() {
        if !args.force {
            bail!(
                "--db: {} exists; the demo builds a new register only (name another file, or add --force to replace it)",
                db.display()
            );
        }
        replaceable(ctx, &db)?;
        for suffix in ["", "-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", db.display()));
            if p.exists() {
                std::fs::remove_file(&p)
                    .with_context(|| format!("--force: cannot remove {}", p.display()))?;
            }
        }
    }
    let mut d = Demo {
        db: db.clone(),
        today: ctx.clock.as_of,
        steps: 0,
        work: tempfile_dir::Dir::new().context("creating a scratch directory for the demo")?,
    };
    let built = organisation(&mut d)
        .and_then(|()| assets(&mut d))
        .and_then(|()| grading(&mut d))
        .and_then(|()| requests(&mut d))
        .and_then(|()| consumables(&mut d))
        .and_then(|()| backups(&mut d))
        .and_then(|()| duties(&mut d));
    if let Err(e) = built {
        // A half-built demo is worth nothing: remove it.
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        return Err(e);
    }
    ctx.out.text(&crate::i18n::tr(&format!(
        "Built a demo register for a small hospital in {} ({} commands, as of {}).\nTry: infogov --db {} asset report --by dept\n\n",
        db.display(),
        d.steps,
        d.today,
        db.display()
    )))?;
    let mut check_ctx = Ctx::new(
        super::try_parse_from([
            "infogov",
            "--db",
            &db.display().to_string(),
            "audit",
            "check",
        ])?
        .global,
    )?;
    check_ctx.clock = ctx.clock;
    check_ctx.witness_file = None;
    std::mem::swap(&mut check_ctx.out, &mut ctx.out);
    let code = super::run_check(&mut check_ctx, "COMPLIANCE", false, |c, store| {
        super::audit::collect(c, store, &[])
    });
    let summarised = summary(&mut check_ctx, &db);
    std::mem::swap(&mut check_ctx.out, &mut ctx.out);
    let code = code?;
    summarised?;
    Ok(code)
}

/// Whether `--force` may replace this file: only an infogov register (a
/// stray file of another program is refused), and never the register the
/// config or the default path names, the one that holds real records.
fn replaceable(ctx: &Ctx, db: &std::path::Path) -> Result<()> {
    let same = |p: &std::path::Path| {
        p.canonicalize()
            .ok()
            .is_some_and(|p| Some(p) == db.canonicalize().ok())
    };
    let configured = ctx
        .config
        .db
        .clone()
        .or_else(|| crate::config::default_db_path().ok());
    if configured.as_deref().is_some_and(same) {
        bail!(
            "--force: {} is the configured register; the demo never replaces it",
            db.display()
        );
    }
    crate::store::Store::open(db).with_context(|| {
        format!(
            "--force: {} is not a register the demo may replace",
            db.display()
        )
    })?;
    Ok(())
}

/// The period report's total lines for the quarter of --as-of: what the
/// year of invented records adds up to, and where the whole report is.
fn summary(ctx: &mut Ctx, db: &std::path::Path) -> Result<()> {
    let as_of = ctx.clock.as_of;
    let period = crate::domain::report::Period::parse(None, None, None, as_of)?;
    let store = ctx.open()?;
    let lines: Vec<_> = super::audit::report_lines(ctx, &store, &period, &[])?
        .into_iter()
        .filter(|l| l.subject.is_none())
        .collect();
    ctx.out.text(&crate::i18n::tr(&format!(
        "\nThe period report for {}, its totals (the whole report: infogov --db {} audit report):\n",
        period.label(),
        db.display()
    )))?;
    ctx.out.rows(&crate::domain::report::rows(&lines))?;
    Ok(())
}
