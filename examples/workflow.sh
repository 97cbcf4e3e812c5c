#!/bin/sh
# A walk through infogov's main workflows, on a NEW register, for a small
# hospital: set-up, assets, a purchase request from application to the
# registered asset, a retirement and disposal, consumables to the quarterly
# plan, backups, security grading, duties, approved software, then the
# period report and the compliance check.
#
#   examples/workflow.sh REGISTER        e.g. examples/workflow.sh /tmp/walk.db
#
# REGISTER must not exist: the script makes it and touches nothing else (not
# the register of INFOGOV_DB or of your config). It runs `infogov` from PATH,
# or the program named by the INFOGOV variable:
#
#   INFOGOV=target/release/infogov examples/workflow.sh /tmp/walk.db
#
# The story is dated: it runs from 1 September to 9 October 2026, and every
# command is given its day with --as-of, so the script does the same thing
# (and the check finds the same things) whatever day you run it. The audit
# trail still records the real time of each change. Times of day are China
# Standard Time (TZ=CST-8) whatever your time zone, so the backup ages are
# the same everywhere. The steps go area by area, each area in date order, so
# the date in the headings starts again at each area. Copy any command below
# and drop --as-of to use it today.
set -eu

IG=${INFOGOV:-infogov}
HERE=$(cd "$(dirname "$0")" && pwd)

if [ $# -ne 1 ]; then
  echo "usage: $0 REGISTER   (a new file, e.g. /tmp/walk.db)" >&2
  exit 2
fi
DB=$1
if [ -e "$DB" ]; then
  echo "error: $DB exists; name a new file (this script builds its own register)" >&2
  exit 1
fi
if ! command -v "$IG" >/dev/null 2>&1; then
  echo "error: cannot run $IG; put infogov on PATH or set INFOGOV=/path/to/infogov" >&2
  exit 1
fi

# Nothing in the environment may redirect the run or change what it records:
# the register and the actor are named on every command, the config is the
# documented defaults (examples/config.toml), and the time zone is fixed.
# Only the language of the output follows yours (INFOGOV_LANG, or the locale).
unset INFOGOV_DB INFOGOV_ACTOR INFOGOV_CONFIG
export TZ=CST-8

DAY=2026-09-01
# by PERSON ARGS...: PERSON runs `infogov ARGS...` on $DAY.
by() { who=$1; shift; "$IG" --db "$DB" --config "$HERE/config.toml" --no-input --as-of "$DAY" --actor "$who" "$@"; }
# ig ARGS...: the IT office (李娜) does.
ig() { by 李娜 "$@"; }
# csv_field COLUMN: the COLUMN of the first record of CSV on standard input.
csv_field() { awk -F, -v col="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next } NR == 2 { print $c; exit }'; }
# grade_event SYSTEM EVENT: the id of the system's newest EVENT in `grade show`.
grade_event() { ig --format csv grade show "$1" | awk -F, -v e="$2" '$2 == e { id = $3 } END { print id }'; }
step() { printf '\n== %s: %s\n' "$DAY" "$*"; }

# ---------------------------------------------------------------------------
step "Set-up: the register, with the recurring duties the regulation names"
ig init --with-defaults

step "Departments, people with their roles, and each department's IT liaison (ORG-1)"
for d in "院办 YB" "信息科 XXK" "内科 NK" "外科 WK" "财务科 CWK"; do
  # shellcheck disable=SC2086
  set -- $d
  ig dept add "$1" --code "$2" >/dev/null
done
ig person add 张院长 --dept 院办 --role approver   # approves requests
ig person add 孙丽 --dept 院办
ig person add 李娜 --dept 信息科 --role office     # the IT office: registers, reviews, fulfils
ig person add 黄磊 --dept 信息科 --role office
ig person add 王伟 --dept 内科
ig person add 刘芳 --dept 内科
ig person add 陈明 --dept 外科
ig person add 赵敏 --dept 外科
ig person add 周强 --dept 财务科
for pair in "院办 孙丽" "信息科 李娜" "内科 王伟" "外科 陈明" "财务科 周强"; do
  # shellcheck disable=SC2086
  set -- $pair
  ig dept liaison "$1" "$2" >/dev/null
done
ig dept list

step "Information systems; OA is still being built, so it is graded before it goes into service (GRD-6)"
ig system add HIS --owner-dept 信息科 --description "医院信息系统（SQL Server）"
ig system add PACS --owner-dept 信息科 --description "影像归档和通信系统（PostgreSQL）"
ig system add OA --owner-dept 院办 --description "协同办公系统" --stage design

step "Security grading (定级, GRD-1, GRD-2): HIS grade 3, PACS grade 2, OA grade 1"
ig grade assess HIS --info-object society --info-harm serious \
  --service-object society --service-harm serious \
  --rationale "门诊、住院业务全部依赖，泄露或中断损害社会秩序和公共利益"
ig grade assess PACS --info-object citizen --info-harm severe \
  --service-object citizen --service-harm serious \
  --rationale "影像数据关系患者合法权益"
ig grade assess OA --info-object citizen --info-harm general \
  --service-object citizen --service-harm general --rationale "内部办公，影响有限"
ig system stage OA in-service
# Seeding again adds the duties of the departments and systems added since
# init: a monthly data submission per department (BAK-4), password changes
# and a yearly self-inspection per system in service (SEC-1, GRD-5).
ig duty seed
ig duty list

step "The asset inventory (AST-1, AST-2): check the file first, then import it"
ig asset import "$HERE/assets.csv" --dry-run
ig asset import "$HERE/assets.csv"
ig asset report --by dept
# Now that the devices are registered: a log review per server (OPS-2) and a
# review per firewall (OPS-3), each its own duty.
ig duty seed

# ---------------------------------------------------------------------------
DAY=2026-09-02
step "A transfer (AST-3): the nurses' station PC moves with the ward"
ig asset transfer IT-2026-0002 --location 住院部6层护士站 --reason 病区调整

DAY=2026-09-07
step "内科 applies for two workstations, replacing the old one (REQ-2)"
req=$(by 王伟 --format csv request new --kind config-change --dept 内科 \
  --title 门诊诊室电脑更新 --purpose "新开诊室，并替换使用八年的旧电脑" \
  --item "台式机;2;i5/16G/512G SSD;4999" --asset IT-2026-0014 --submit | csv_field id)
echo "Filed and submitted request $req"
ig request list

DAY=2026-09-08
step "The office reviews it, the dean approves it (REQ-6: nobody passes their own request)"
by 李娜 request review "$req" --accept --comment 符合配置标准
DAY=2026-09-09
by 张院长 request approve "$req" --comment 同意

DAY=2026-09-10
step "A repair (AST-4): the printer goes to the repairer and comes back"
ig asset status IT-2026-0003 under-repair --reason "卡纸，送修"
DAY=2026-09-12
ig asset maintain IT-2026-0003 --kind repair --cost 280 --vendor 惠普授权维修站 \
  --note "更换定影组件"
ig asset status IT-2026-0003 in-use --reason 修复
ig asset history IT-2026-0003

DAY=2026-09-21
step "The purchase arrives: fulfil the request by registering what was bought (REQ-5)"
by 李娜 request fulfil "$req" --register "$HERE/purchase.csv" --comment "已采购并登记"
ig asset list --dept 内科
ig request show "$req"

DAY=2026-09-22
step "The replaced PC is retired by its own request (AST-6, REQ-3)"
ret=$(by 王伟 --format csv request new --kind retirement --dept 内科 --title 旧电脑报废 \
  --purpose "使用八年，主板老化，已由新电脑替换" --asset IT-2026-0014 --submit | csv_field id)
DAY=2026-09-23
by 李娜 request review "$ret" --accept
DAY=2026-09-24
by 张院长 request approve "$ret"
DAY=2026-09-25
by 李娜 request fulfil "$ret" --comment 已下架
DAY=2026-09-28
step "Disposal: the retired PC leaves the register's inventory, its disk destroyed"
ig asset dispose IT-2026-0014 --method destroy --note "硬盘消磁后整机交再生资源公司，回收单 HS-2026-031"
ig asset history IT-2026-0014

# ---------------------------------------------------------------------------
DAY=2026-09-01
step "Consumables (CON-1..CON-6): the catalogue, the departments' needs, the quarter's plan, the first delivery, the quotas"
ig consumable item add TON-88A --name "HP 88A 硒鼓" --category toner --unit box --reorder-level 4
ig consumable item add PAP-A4 --name "A4 复印纸" --category paper --unit ream --reorder-level 40
ig consumable item add RIB-LQ --name "针式打印机色带" --category ribbon --unit piece --reorder-level 3
# Nothing is bought before the quarter's plan is approved (CON-2); with no
# history yet, the plan drafts from what the departments say they need.
ig consumable need 内科 TON-88A 4 --quarter 2026Q3 --note "门诊打印机"
ig consumable need 外科 TON-88A 4 --quarter 2026Q3
ig consumable need 内科 PAP-A4 30 --quarter 2026Q3
ig consumable need 外科 PAP-A4 30 --quarter 2026Q3
ig consumable need 财务科 RIB-LQ 7 --quarter 2026Q3 --note "票据打印"
ig consumable plan --quarter 2026Q3 --submit
q3plan=$(ig --format csv request list --kind consumable-plan --status submitted | csv_field id)
by 张院长 request approve "$q3plan" --comment 同意采购
ig consumable receive TON-88A 12 --unit-cost 450 --supplier 某某办公用品公司 --ref PO-2026-061
ig consumable receive PAP-A4 100 --unit-cost 25.50 --supplier 某某办公用品公司 --ref PO-2026-061
ig consumable receive RIB-LQ 10 --unit-cost 18 --supplier 某某办公用品公司 --ref PO-2026-061
by 李娜 request fulfil "$q3plan" --comment "已按计划采购入库"
for dept in 内科 外科; do
  ig consumable quota set --dept "$dept" --category toner --from-quarter 2026Q3 --qty 3 >/dev/null
  ig consumable quota set --dept "$dept" --category paper --from-quarter 2026Q3 --qty 60 >/dev/null
done
ig consumable quota set --dept 财务科 --category paper --from-quarter 2026Q3 --qty 40 >/dev/null
ig consumable quota list

DAY=2026-09-08
step "Issues through September, to a person and for a device"
ig consumable issue TON-88A 1 --dept 内科 --to 刘芳 --for-asset IT-2026-0003
ig consumable issue PAP-A4 20 --dept 内科 --to 刘芳
DAY=2026-09-15
ig consumable issue TON-88A 1 --dept 外科 --to 赵敏
ig consumable issue PAP-A4 25 --dept 外科 --to 赵敏
ig consumable issue PAP-A4 15 --dept 财务科 --to 周强
ig consumable issue RIB-LQ 2 --dept 财务科 --to 周强
DAY=2026-09-22
ig consumable issue TON-88A 1 --dept 内科 --to 刘芳 --for-asset IT-2026-0003
ig consumable issue PAP-A4 20 --dept 内科 --to 刘芳
DAY=2026-09-29
step "Beyond the quota only with a reason, and flagged (CON-3)"
echo "Two more toners for 内科 would pass its quota of 3 this quarter; without a reason it is refused:"
if ig consumable issue TON-88A 2 --dept 内科 --to 刘芳; then
  echo "unexpected: an issue beyond the quota was accepted" >&2
  exit 1
fi
ig consumable issue TON-88A 2 --dept 内科 --to 刘芳 --over-quota --reason "流感季门诊量增加"
DAY=2026-09-30
step "The ledger (台账, CON-4) and the assessment against quota (CON-5)"
ig consumable ledger --quarter 2026Q3 --dept 内科
ig consumable ledger --quarter 2026Q3 --by dept,category
ig consumable assess --quarter 2026Q3

DAY=2026-10-01
step "The quarterly plan 《耗材采购季度计划》 (CON-2), drawn up on the quarter's first day"
ig consumable plan --quarter 2026Q4 --submit
plan=$(ig --format csv request list --kind consumable-plan --status submitted | csv_field id)
by 张院长 request approve "$plan" --comment 同意采购
# Receive what the approved plan buys, line by line, from the plan's own CSV.
ig --format csv consumable plan --quarter 2026Q4 |
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
           $c["sku"] != "TOTAL" && $c["buy"] > 0 { print $c["sku"], $c["buy"], $c["unit_cost"] }' |
  while read -r sku buy price; do
    ig consumable receive "$sku" "$buy" --unit-cost "$price" --supplier 某某办公用品公司 --ref "REQ-$plan"
  done
by 李娜 request fulfil "$plan" --comment "已按计划采购入库"
ig duty done consumables-plan --note "2026Q4 计划已审批并采购" --evidence "REQ-$plan"
ig consumable stock

# ---------------------------------------------------------------------------
DAY=2026-09-01
step "Backup policies (BAK-1..BAK-3): how old each kind of backup may get"
ig backup policy HIS --full 7d --diff 1d --log 1h --offsite 7d --drill 90d --retain-full 14d --grace 2h
ig backup policy PACS --full 7d --diff 1d --offsite 7d --drill 90d --grace 2h
ig backup policy OA --full 1d --offsite 7d --drill 90d --grace 2h
ig backup policy list

DAY=2026-09-18
step "Restore drills (BAK-2): a backup restored and checked"
ig backup drill HIS --at "2026-09-18 15:00" --result pass --restored-to his-test01 \
  --note "恢复上周日全量和次日差异备份到测试库，抽查 200 份病历一致"
DAY=2026-09-22
ig backup drill PACS --at "2026-09-22 15:30" --result pass --restored-to pacs-test01 \
  --note "恢复全量备份，随机调阅 50 个检查影像正常"
DAY=2026-09-29
ig backup drill OA --at "2026-09-29 16:00" --result pass --restored-to /srv/restore-test \
  --note "restic restore 最新快照，公文附件可打开"
ig duty done restore-drill --note "HIS、PACS、OA 季度恢复演练均通过"

DAY="2026-10-09 10:00"
step "Importing the runs: SQL Server's msdb export (D/I/L), pgBackRest, restic, the off-site copy log"
ig backup import --from csv "$HERE/backups-his-sqlserver.csv" --system HIS --dry-run
ig backup import --from csv "$HERE/backups-his-sqlserver.csv" --system HIS
ig backup import --from pgbackrest "$HERE/pgbackrest-pacs.json" --system PACS
# restic reads from standard input too, as in the cron line:
#   restic snapshots --json --host oa-app01 | infogov backup import --from restic - --system OA
ig backup import --from restic - --system OA <"$HERE/restic-oa.json"
ig backup import --from csv "$HERE/backups-offsite.csv"
echo "Importing the same output again adds nothing:"
ig backup import --from csv "$HERE/backups-offsite.csv"
ig backup status
ig backup check

# ---------------------------------------------------------------------------
DAY=2026-09-02
step "Grading reports (定级报告): each grading's report is recorded with its file's fingerprint"
ig grade report HIS "$HERE/grading-report-HIS.txt" --date "$DAY"
ig grade report PACS "$HERE/grading-report-PACS.txt" --date "$DAY"
DAY=2026-09-03
step "Grading (GRD-2): the experts review both gradings; the authority approves HIS's grade 3"
ig grade review HIS --date "$DAY" --experts 张三,李四,王五 --opinion 同意定为第三级
ig grade review PACS --date "$DAY" --experts 张三,李四,王五 --opinion 同意定为第二级
DAY=2026-09-08
ig grade approve HIS --date "$DAY" --authority 市卫生健康委员会 --reference "卫信〔2026〕31号"
DAY=2026-09-15
step "Filing (备案, GRD-3) with the public security bureau, within 30 days of grading"
ig grade file HIS --date "$DAY" --authority 市公安局网安支队 --number 44010013001-26031
ig grade file PACS --date "$DAY" --authority 市公安局网安支队 --number 44010013001-26032
DAY=2026-09-25
step "Evaluation (等级测评, GRD-4) of HIS, and what it asks to put right (整改, GRD-5)"
ig grade evaluate HIS --date "$DAY" --agency 某某信息安全测评中心 --result basic --score 82.5 \
  --report GDCP-2026-0917
ev=$(grade_event HIS evaluated)
ig grade rectify add HIS --item "数据库审计日志保存不足六个月" --due 2026-11-30 --from-evaluation "$ev"
DAY=2026-09-28
step "Self-inspection (自查, GRD-5) of PACS; what it found is put right"
ig grade inspect PACS --date "$DAY" --findings "2 个运维账户使用弱口令"
insp=$(grade_event PACS self-inspected)
item=$(ig --format csv grade rectify add PACS --item "弱口令账户改用强口令并启用双因素认证" \
  --due 2026-10-15 --from-inspection "$insp" | csv_field id)
DAY=2026-10-08
ig grade rectify done "$item" --note "已整改，复查通过"
ig grade show PACS
ig grade list

# ---------------------------------------------------------------------------
DAY=2026-09-07
step "Duties (DUT-1..DUT-5, OPS, SEC-1): what was done, as it was done"
for DAY in 2026-09-14 2026-09-28; do
  ig duty done leading-group-meeting --note "信息化领导小组例会" --evidence "会议纪要 $DAY" >/dev/null
done
for DAY in 2026-09-07 2026-09-14 2026-09-21 2026-09-28 2026-10-05; do
  for srv in IT-2026-0006 IT-2026-0007; do
    ig duty done "log-review:$srv" --note "服务器运行日志检查，未见异常" >/dev/null
  done
done
DAY=2026-09-25
# Virus scans and inspections recorded on assets count towards their duties (OPS-1).
ig asset maintain IT-2026-0001 --kind virus-scan --note "全院终端病毒查杀，未发现感染"
DAY=2026-09-28
ig duty done perimeter-review:IT-2026-0009 --note "防火墙策略与入侵检测告警日志检查，未见异常"
# How long each server keeps its operation logs (OPS-2; at least six months).
ig asset logs set IT-2026-0006 --retention 1y --kept-at "日志服务器 10.0.9.20"
ig asset logs set IT-2026-0007 --retention 6mo --kept-at "日志服务器 10.0.9.20"
DAY=2026-09-30
for dept in 院办 信息科 内科 外科 财务科; do
  ig duty done "data-submission:$dept" --note "本月业务数据已报送信息科备份" >/dev/null
done
ig duty done fault-review --note "9 月故障记录 3 条，均已处理"
DAY=2026-10-08
# SEC-1: the date of a password change, never the password.
ig system password-changed HIS --note "数据库管理员口令，李娜、黄磊双人变更"
ig duty history leading-group-meeting
ig duty list

# ---------------------------------------------------------------------------
DAY=2026-10-08
step "Software allowed on the LAN (AST-8), and the devices' inventories"
ig asset software allow "Microsoft Windows 10 企业版 LTSC" --version-pattern "10.0.*" --note 正版授权
ig asset software allow "WPS Office" --version-pattern "12.*" --note 正版授权
ig asset software allow 360终端安全防护系统 --note 院统一部署
ig asset software allow "HIS 医生工作站" --version-pattern "5.*"
ig asset software allow "HIS 护士工作站" --version-pattern "5.*"
ig asset software allow "PACS 影像浏览器"
ig asset software allow "Google Chrome"
ig asset software allow 用友U8 --version-pattern "13.*" --note 财务专用
ig asset software import "$HERE/software.csv" --dry-run
ig asset software import "$HERE/software.csv"
ig asset software inventory --unapproved

# ---------------------------------------------------------------------------
DAY=2026-10-08
step "Antivirus on every device (OPS-1): the antivirus console's export"
# The virus-scan duty counts devices: it is done when every device that
# needs antivirus has had a full scan within the month.
ig asset antivirus import "$HERE/antivirus-console.csv" --product 360终端安全防护系统
ig asset antivirus list
ig asset logs list

# ---------------------------------------------------------------------------
DAY="2026-10-09 10:00"
step "The period report an inspector asks for (from 1 September)"
ig audit report --from 2026-09-01 --to 2026-10-09

step "The compliance check: every area, one table, one exit code"
# The check exits 1 (WARNING) here: the software inventory found WeChat (微信)
# on a laptop, which is not on the approved list. That is its answer, not a
# failure of this script.
status=0
ig audit check || status=$?
echo "audit check exited $status (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)"

step "The audit trail is unbroken"
# --full: the whole chain, and every record compared with the trail (the
# daily check above verified only what changed since the last verified point).
ig audit verify --full
echo
echo "Done: $DB. Look around with, e.g.:"
echo "  $IG --db $DB --as-of 2026-10-09 asset list"
