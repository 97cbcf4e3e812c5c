//! Words the tool itself shows a person: table headers for now. Data is never
//! translated; CSV headers and JSON field names are the stable keys in every
//! language, so scripts do not break when an officer switches language.

use clap::ValueEnum;

mod catalogue;
mod cells;
#[cfg(test)]
mod scan;
pub mod translate;
pub use translate::tr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The header shown in a table for a column key.
    pub fn header(self, key: &str) -> String {
        if self == Lang::Zh
            && let Some((_, zh)) = ZH_HEADERS.iter().find(|(k, _)| *k == key)
        {
            return (*zh).to_string();
        }
        english_header(key)
    }
}

impl Lang {
    /// A cell as shown in a table: the tool's own enumerations (statuses,
    /// kinds, severities ...) are translated; data typed by people never is.
    pub fn cell<'a>(self, key: &str, text: &'a str) -> &'a str {
        self.cell_in(&[], key, text)
    }

    /// As [`Lang::cell`], for a cell of a table with these `columns`. An entry
    /// of [`ZH_VALUES`] written `status&next_due` applies to the column
    /// `status` only in a table that also has a `next_due` column, and wins
    /// over a plain `status` entry: a retired duty is 已停用 where a retired
    /// asset is 已报废.
    pub fn cell_in<'a>(self, columns: &[&str], key: &str, text: &'a str) -> &'a str {
        if self != Lang::Zh {
            return text;
        }
        let mut plain = None;
        for (keys, value, zh) in ZH_VALUES {
            if *value != text {
                continue;
            }
            for spec in *keys {
                match spec.split_once('&') {
                    Some((k, with)) if k == key && columns.contains(&with) => return zh,
                    None if *spec == key && plain.is_none() => plain = Some(*zh),
                    _ => {}
                }
            }
        }
        plain.unwrap_or(text)
    }

    /// A yes/no cell (a boolean the tool computed, never text typed by people).
    pub fn yes_no(self, b: bool) -> &'static str {
        match (self, b) {
            (Lang::En, true) => "yes",
            (Lang::En, false) => "no",
            (Lang::Zh, true) => "是",
            (Lang::Zh, false) => "否",
        }
    }
}

/// `custodian_dept` -> `Custodian dept`.
fn english_header(key: &str) -> String {
    let mut s = key.replace('_', " ");
    if let Some(first) = s.get(0..1) {
        let upper = first.to_ascii_uppercase();
        s.replace_range(0..1, &upper);
    }
    s
}

const ZH_HEADERS: &[(&str, &str)] = &[
    ("tag", "资产编号"),
    ("kind", "类别"),
    ("name", "名称"),
    ("model", "型号"),
    ("manufacturer", "生产厂家"),
    ("supplier", "供应商"),
    ("purchased", "购置日期"),
    ("price", "价格"),
    ("dept", "部门"),
    ("custodian", "第一责任人"),
    ("location", "存放地点"),
    ("serial", "序列号"),
    ("specs", "性能参数"),
    ("classified", "涉密"),
    ("network", "网络"),
    ("status", "状态"),
    ("registered", "登记日期"),
    ("code", "代码"),
    ("liaison", "信息员"),
    ("role", "角色"),
    ("owner_dept", "主管部门"),
    ("description", "说明"),
    ("stage", "阶段"),
    ("severity", "级别"),
    ("area", "领域"),
    ("subject", "对象"),
    ("message", "说明"),
    ("requirement", "条款"),
    ("date", "日期"),
    ("event", "事项"),
    ("detail", "详情"),
    ("count", "数量"),
    ("value", "金额"),
    ("seq", "序号"),
    ("at", "时间"),
    ("actor", "操作人"),
    ("os_user", "系统用户"),
    ("command", "命令"),
    ("entity", "对象类型"),
    ("key", "键"),
    ("action", "操作"),
    ("hash", "哈希"),
    // security grading
    ("id", "编号"),
    ("system", "信息系统"),
    ("grade", "安全保护等级"),
    ("sub_grades", "定级结果"),
    ("grade_name", "等级名称"),
    ("graded", "定级日期"),
    ("filed", "备案日期"),
    ("filing_due", "备案期限"),
    ("filed_late", "逾期备案（原期限）"),
    ("stated", "提出日期"),
    ("evaluated", "测评日期"),
    ("result", "结论"),
    ("evaluation_due", "下次测评期限"),
    ("inspected", "自查日期"),
    ("inspection_due", "下次自查期限"),
    ("open_rectifications", "未完成整改"),
    ("info_object", "业务信息受侵害客体"),
    ("info_harm", "业务信息侵害程度"),
    ("info_grade", "业务信息安全等级"),
    ("service_object", "系统服务受侵害客体"),
    ("service_harm", "系统服务侵害程度"),
    ("service_grade", "系统服务安全等级"),
    ("rationale", "定级理由"),
    ("ruleset", "规则版本"),
    ("review_date", "专家评审日期"),
    ("review_experts", "评审专家"),
    ("review_opinion", "评审意见"),
    ("approval_date", "主管部门审核日期"),
    ("approval_authority", "主管部门"),
    ("approval_reference", "审核文号"),
    ("item", "事项"),
    ("source", "来源"),
    ("opened", "提出日期"),
    ("due", "整改期限"),
    ("done", "完成日期"),
    ("note", "备注"),
    ("recorded_by", "记录人"),
    // requests and approvals
    ("form", "表单名称"),
    ("title", "标题"),
    ("purpose", "用途"),
    ("software", "软件"),
    ("budget", "预算"),
    ("estimate", "估算金额"),
    ("requester", "申请人"),
    ("filed_at", "填报时间"),
    ("since", "状态日期"),
    ("next", "下一步"),
    ("line", "序号"),
    ("quantity", "数量"),
    ("standard", "配置标准"),
    ("unit_price", "单价"),
    ("link", "关联"),
    ("by", "经办人"),
    ("comment", "意见"),
    ("request", "申请单"),
    // consumables
    ("sku", "物品编码"),
    ("category", "品类"),
    ("unit", "单位"),
    ("reorder_level", "最低库存"),
    ("on_hand", "库存"),
    ("below", "低于最低库存"),
    ("unit_cost", "单价"),
    ("qty", "数量"),
    ("balance", "结存"),
    ("person", "领用人"),
    ("asset", "用于设备"),
    ("over_quota", "超定额"),
    ("ref", "单据号"),
    ("reason", "原因"),
    ("void", "作废"),
    ("voided_by", "作废人"),
    ("reversal", "冲销记录"),
    ("quarter", "季度"),
    ("scope", "适用范围"),
    ("quota", "定额"),
    ("used", "已用"),
    ("percent", "百分比"),
    ("over", "超额"),
    ("over_quota_issues", "超定额领用"),
    ("issues", "领用次数"),
    ("month", "月份"),
    ("last_year", "上年同期"),
    ("last_4q", "近四季度"),
    ("need", "预计需求"),
    ("buy", "采购数量"),
    ("cost", "预计金额"),
    ("average", "季均用量"),
    ("current", "现行定额"),
    ("suggested", "建议定额"),
    ("items", "物品数"),
    ("configured", "已配置"),
    // duties and software
    ("every", "周期"),
    ("owner", "负责人"),
    ("counts", "计入"),
    ("first_due", "首次到期"),
    ("created", "创建日期"),
    ("last_done", "上次完成"),
    ("next_due", "下次到期"),
    ("overdue_days", "逾期天数"),
    ("retired", "停用日期"),
    ("retired_reason", "停用原因"),
    ("evidence", "佐证"),
    ("duty", "职责"),
    ("version", "版本"),
    ("version_pattern", "版本范围"),
    ("approved", "已批准"),
    ("imported", "导入日期"),
    ("added", "新增"),
    ("devices", "设备数"),
    ("packages", "软件数"),
    ("removed", "移除"),
    ("unchanged", "未变"),
    ("file", "文件"),
    ("dry_run", "试运行"),
    // backup
    ("newest", "最近一次"),
    ("age", "距今"),
    ("limit", "限值"),
    ("state", "状态"),
    ("full", "全量备份"),
    ("diff", "差异备份"),
    ("log", "日志备份"),
    ("offsite", "异地备份"),
    ("drill", "恢复演练"),
    ("retain_full", "全量保留期"),
    ("grace", "宽限"),
    ("rpo", "恢复点目标"),
    ("copied_bytes", "本次复制字节"),
    ("repo_bytes", "仓库占用字节"),
    ("first_lsn", "起始LSN"),
    ("last_lsn", "结束LSN"),
    ("checkpoint_lsn", "检查点LSN"),
    ("base_lsn", "差异基准LSN"),
    ("copy_only", "仅复制"),
    ("prior", "前一备份"),
    ("wal_start", "起始WAL"),
    ("wal_stop", "结束WAL"),
    ("updated", "更新时间"),
    ("started", "开始时间"),
    ("finished", "完成时间"),
    ("bytes", "字节数"),
    ("checksum", "校验和"),
    ("tool", "工具"),
    ("backup_id", "备份标识"),
    ("restored_to", "恢复到"),
    ("read", "读取"),
    ("failed", "失败"),
    ("already_recorded", "已有记录"),
    ("sha256", "SHA-256"),
    ("checksum_file", "校验文件"),
    ("integrity", "完整性"),
    ("audit_trail", "审计日志"),
    ("audit_entries", "审计条目"),
    ("newest_change", "最近变更"),
    ("schema_version", "结构版本"),
    ("systems", "系统数"),
    ("assets", "资产数"),
    // trust (issue #16)
    ("login", "登录名"),
    ("signature", "签名"),
    ("public_key", "公钥"),
    ("secret_key_file", "私钥文件"),
    // register, people and reports
    ("register", "登记簿"),
    ("people", "人数"),
    ("people_added", "新增人员"),
    ("people_added_names", "新增人员名单"),
    ("assets_updated", "更新资产"),
    ("unpriced", "未计价"),
    ("stock", "现有库存"),
    ("row", "记录内容"),
    ("anchor", "锚点"),
    // the period report (audit report)
    ("section", "栏目"),
    ("metric", "项目"),
    // stock-taking, labels, service life and depreciation
    ("outcome", "盘点结果"),
    ("found_location", "实际存放地点"),
    ("found_custodian", "实际责任人"),
    ("expected", "应盘"),
    ("counted", "已盘"),
    ("found", "实盘"),
    ("missing", "盘亏"),
    ("unexpected", "盘盈"),
    ("closed", "结束日期"),
    ("service_life", "使用年限"),
    ("warranty_until", "保修期至"),
    ("original", "原值"),
    ("residual", "残值"),
    ("monthly", "本月折旧"),
    ("accumulated", "累计折旧"),
    ("net", "净值"),
    ("group", "分组"),
    ("labels", "标签数"),
    ("pages", "页数"),
    // security operations: antivirus per device, servers' logs (OPS-1, OPS-2)
    ("product", "防病毒软件"),
    ("definitions", "病毒库日期"),
    ("last_full_scan", "最后全盘扫描时间"),
    ("hostname", "计算机名"),
    ("ip", "IP地址"),
    ("reported", "上报日期"),
    ("antivirus_state", "防病毒状态"),
    ("retention", "日志保存期限"),
    ("kept_at", "日志存放位置"),
    ("recorded", "登记于"),
    ("retention_ok", "保存期限达标"),
    ("log_review", "日志检查事项"),
    // incidents (SEC-4, OPS-1, OPS-3, OPS-4)
    ("device", "设备"),
    ("detected", "发现时间"),
    ("contained", "控制时间"),
    ("resolved", "解决时间"),
    ("traced_to", "责任人"),
    ("remedy", "处理措施"),
    ("cleaned", "已杀毒"),
    ("recorded_at", "记录时间"),
    ("isolated_by", "隔离事件"),
    ("isolated_since", "隔离起始"),
];

/// The (中文, value) pairs of a column's plain entries in [`ZH_VALUES`]: the
/// words an import accepts for the tool's own values, since the tool itself
/// prints them.
pub fn zh_values(column: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    ZH_VALUES
        .iter()
        .filter(move |(keys, _, _)| keys.contains(&column))
        .map(|(_, value, zh)| (*zh, *value))
}

/// The tool's own enumerations in Chinese: (columns they appear in, value, 中文).
const ZH_VALUES: &[(&[&str], &str, &str)] = &[
    // the antivirus state of a device (asset antivirus list)
    (&["antivirus_state"], "ok", "正常"),
    (&["antivirus_state"], "none", "未安装"),
    (&["antivirus_state"], "stale-definitions", "病毒库过期"),
    (&["antivirus_state"], "not-scanned", "未按期查杀"),
    (&["antivirus_state"], "not-checked", "不检查"),
    (
        &["antivirus_state"],
        "stale-definitions not-scanned",
        "病毒库过期且未按期查杀",
    ),
    (&["section"], "security", "安全运维"),
    (&["metric"], "antivirus", "防病毒"),
    (&["metric"], "log-retention", "日志保存期限"),
    // assets: status, network, kinds, maintenance kinds and history events
    (&["status"], "in-use", "在用"),
    (&["status"], "in-stock", "库存"),
    (&["status"], "under-repair", "维修中"),
    (&["status"], "retired", "已报废"),
    (&["status"], "disposed", "已处置"),
    (&["network"], "internal", "内网"),
    (&["network"], "external", "外网"),
    (&["network"], "none", "不联网"),
    (&["kind", "event"], "desktop", "台式机"),
    (&["kind", "event"], "laptop", "笔记本电脑"),
    (&["kind", "event"], "server", "服务器"),
    (&["kind", "event"], "printer", "打印机"),
    (&["kind", "event"], "switch", "交换机"),
    (&["kind", "event"], "router", "路由器"),
    (&["kind", "event"], "firewall", "防火墙"),
    (&["kind", "event"], "storage", "存储设备"),
    (&["kind", "event"], "monitor", "显示器"),
    (&["kind", "event"], "peripheral", "外设"),
    (&["kind", "event"], "mobile", "移动设备"),
    (&["kind", "event"], "software", "软件"),
    (&["kind", "event"], "other", "其他"),
    (&["kind", "event"], "repair", "维修"),
    (&["kind", "event"], "inspection", "巡检"),
    (&["kind", "event"], "virus-scan", "病毒查杀"),
    (&["kind", "event"], "upgrade", "升级"),
    (&["event"], "registered", "登记"),
    (&["event"], "transfer", "变更"),
    (&["event"], "damage", "损坏"),
    (&["event"], "status", "状态变更"),
    (&["event"], "revised", "修订"),
    // findings
    (&["severity", "state"], "OK", "正常"),
    (&["severity", "state"], "WARNING", "警告"),
    (&["severity", "state"], "CRITICAL", "严重"),
    (&["severity", "state"], "UNKNOWN", "未知"),
    // backups: the aspects `backup status` reports, and run fields
    (&["item"], "policy", "备份策略"),
    (&["item", "kind"], "full", "全量备份"),
    (&["item", "kind"], "diff", "差异备份"),
    (&["kind"], "incr", "增量备份"),
    (&["item", "kind"], "log", "日志备份"),
    (&["item"], "offsite", "异地备份"),
    (&["item"], "drill", "恢复演练"),
    (&["item"], "retention", "保留期"),
    (&["item"], "restorable", "可恢复点"),
    (&["location"], "local", "本地"),
    (&["location"], "offsite", "异地"),
    (&["status"], "success", "成功"),
    (&["status"], "failed", "失败"),
    (&["result"], "pass", "通过"),
    (&["result"], "fail", "未通过"),
    (&["area"], "org", "组织"),
    (&["area"], "asset", "资产"),
    (&["area"], "audit", "审计"),
    // people and systems
    (&["role"], "staff", "职工"),
    (&["role"], "office", "信息科"),
    (&["role"], "approver", "审批人"),
    (&["stage"], "design", "设计"),
    (&["stage"], "in-service", "运行"),
    (&["stage"], "retired", "停用"),
    // the audit trail
    (&["action"], "insert", "新增"),
    (&["action"], "update", "修改"),
    (&["action"], "delete", "删除"),
    // `asset show` gives classified as text; computed yes/no cells are
    // booleans, translated by `Lang::yes_no` whatever their column.
    (&["classified"], "yes", "是"),
    (&["classified"], "no", "否"),
    // requests and approvals
    (&["status"], "draft", "草稿"),
    (&["status"], "submitted", "已提交"),
    (&["status"], "reviewed", "已审核"),
    (&["status"], "approved", "已批准"),
    (&["status"], "fulfilled", "已办结"),
    (&["status"], "rejected", "已驳回"),
    (&["status"], "withdrawn", "已撤回"),
    (&["kind"], "config-plan", "配置需求计划"),
    (&["kind"], "config-change", "配置申请"),
    (&["kind"], "retirement", "淘汰报废"),
    (&["kind"], "project", "项目立项"),
    (&["kind"], "consumable-plan", "耗材季度计划"),
    (&["action"], "file", "填报"),
    (&["action"], "submit", "提交"),
    (&["action"], "review-accept", "审核通过"),
    (&["action"], "review-reject", "审核驳回"),
    (&["action"], "approve", "批准"),
    (&["action"], "reject", "驳回"),
    (&["action"], "fulfil", "办结"),
    (&["action"], "withdraw", "撤回"),
    (&["link"], "replace", "拟更换"),
    (&["link"], "retire", "报废"),
    (&["link"], "reallocate", "调剂"),
    (&["link"], "registered", "新购登记"),
    (&["area"], "request", "申请审批"),
    (&["next"], "nothing (final)", "无（已终结）"),
    (
        &["next"],
        "submit or withdraw (the requester)",
        "申请人：提交或撤回",
    ),
    (
        &["next"],
        "review --accept or review --reject (the office); withdraw (the requester)",
        "信息科：审核通过或驳回；申请人：撤回",
    ),
    (
        &["next"],
        "approve or reject (an approver); withdraw (the requester)",
        "审批人：批准或驳回；申请人：撤回",
    ),
    (&["next"], "fulfil (the office)", "信息科：办结"),
    // findings of the other areas
    (&["area"], "software", "软件"),
    (&["area"], "consumable", "耗材"),
    (&["area"], "grade", "等级保护"),
    (&["area"], "duty", "职责"),
    (&["area"], "backup", "数据备份"),
    (&["area"], "security", "安全运维"),
    // reports: the totals row and the group of records with no value
    (
        &[
            "dept",
            "location",
            "kind",
            "status",
            "sku",
            "category",
            "quarter",
            "month",
            // depreciation: by group, and per asset (a table with accumulated)
            "group",
            "tag&accumulated",
        ],
        "TOTAL",
        "合计",
    ),
    (&["dept", "location"], "(none)", "（无）"),
    // consumables
    (&["kind"], "receive", "入库"),
    (&["kind"], "issue", "领用"),
    (&["kind"], "adjust", "盘点调整"),
    (&["scope"], "from", "自该季度起"),
    (&["scope"], "only", "仅该季度"),
    // security grading
    (
        &["info_object", "service_object"],
        "citizen",
        "公民、法人和其他组织的合法权益",
    ),
    (
        &["info_object", "service_object"],
        "society",
        "社会秩序和公共利益",
    ),
    (&["info_object", "service_object"], "nation", "国家安全"),
    (&["info_harm", "service_harm"], "general", "一般损害"),
    (&["info_harm", "service_harm"], "serious", "严重损害"),
    (&["info_harm", "service_harm"], "severe", "特别严重损害"),
    (&["result"], "conform", "符合"),
    (&["result"], "basic", "基本符合"),
    (&["result"], "nonconform", "不符合"),
    (&["status"], "open", "未完成"),
    (&["status"], "overdue", "逾期"),
    (&["status"], "done", "已完成"),
    (&["event"], "graded", "定级"),
    (&["event"], "expert review", "专家评审"),
    (&["event"], "approved", "主管部门审核"),
    (&["event"], "filed", "备案"),
    (&["event"], "evaluated", "等级测评"),
    (&["event"], "self-inspected", "自查"),
    (&["event"], "rectification opened", "提出整改"),
    (&["event"], "rectification done", "整改完成"),
    (&["event"], "rectification due", "整改期限"),
    (&["event"], "filing due", "备案期限"),
    (&["event"], "grading report", "定级报告"),
    (&["event"], "filing rejected", "备案未通过"),
    (&["event"], "filing cancelled", "撤销备案"),
    (&["event"], "system changed", "系统重大变更"),
    (&["event"], "evaluation due", "测评期限"),
    (&["event"], "self-inspection due", "自查期限"),
    // duties ("overdue" as for rectification items above)
    (&["status"], "ok", "正常"),
    (&["status"], "due", "今日到期"),
    (&["status"], "missed", "严重逾期"),
    (&["status&next_due"], "retired", "已停用"),
    (&["requirement"], "local", "本单位自定"),
    (&["source"], "done", "完成登记"),
    (&["source"], "maintenance", "维护记录"),
    (&["source"], "self-inspection", "等级保护自查"),
    (&["counts"], "maintenance:virus-scan", "维护记录：病毒查杀"),
    (&["counts"], "maintenance:inspection", "维护记录：巡检"),
    (&["counts"], "maintenance:repair", "维护记录：维修"),
    (&["counts"], "maintenance:upgrade", "维护记录：升级"),
    // the period report (audit report)
    (&["section"], "period", "报告期"),
    (&["section"], "assets", "资产"),
    (&["section"], "requests", "申请审批"),
    (&["section"], "consumables", "耗材"),
    (&["section"], "backups", "数据备份"),
    (&["section"], "grading", "等级保护"),
    (&["section"], "duties", "日常职责"),
    (&["section"], "findings", "待整改问题"),
    (&["metric"], "from", "起始日期"),
    (&["metric"], "to", "截止日期"),
    (&["metric"], "as-of", "问题统计日"),
    (&["metric"], "registered", "登记"),
    (&["metric"], "transferred", "变更"),
    (&["metric"], "status-changed", "状态变更"),
    (&["metric"], "repaired", "维修"),
    (&["metric"], "inspected", "巡检"),
    (&["metric"], "self-inspected", "自查"),
    (&["metric"], "virus-scanned", "病毒查杀"),
    (&["metric"], "upgraded", "升级"),
    (&["metric"], "damaged", "人为损坏"),
    (&["metric"], "disposed", "处置"),
    (&["metric"], "submitted", "提交"),
    (&["metric"], "approved", "批准"),
    (&["metric"], "rejected", "驳回"),
    (&["metric"], "withdrawn", "撤回"),
    (&["metric"], "fulfilled", "办结"),
    (&["metric"], "received", "入库"),
    (&["metric"], "issued", "领用(对照定额)"),
    (&["metric"], "issued-over-quota", "超定额领用"),
    (&["metric"], "adjusted", "盘点调整"),
    (&["metric"], "received-unplanned", "计划外入库"),
    (&["metric"], "graded", "定级"),
    (&["metric"], "reported", "定级报告"),
    (&["metric"], "reviewed", "专家评审"),
    (&["metric"], "filed", "备案"),
    (&["metric"], "filing-rejected", "备案未通过"),
    (&["metric"], "filing-cancelled", "撤销备案"),
    (&["metric"], "changed", "系统重大变更"),
    (&["metric"], "evaluated", "等级测评"),
    (&["metric"], "rectification-opened", "整改提出"),
    (&["metric"], "rectified", "整改完成"),
    (&["metric"], "done", "完成次数"),
    (&["metric"], "completion", "完成记录"),
    (&["metric"], "critical", "严重"),
    (&["metric"], "warning", "警告"),
    (&["metric"], "unknown", "未知"),
    (&["metric"], "ok", "正常"),
    (&["status"], "missing", "盘亏"),
    (&["outcome"], "in-place", "账实相符"),
    (&["outcome"], "elsewhere", "位置或责任人不符"),
    (&["outcome"], "missing", "盘亏"),
    (&["outcome"], "unexpected", "盘盈（其他范围）"),
    (&["outcome"], "unknown-tag", "盘盈（未登记）"),
    (&["outcome"], "uncounted", "未盘"),
    (&["result&tag"], "found", "已盘到"),
    (&["result&tag"], "found elsewhere", "位置或责任人不符"),
    (&["result&tag"], "already counted", "重复扫描"),
    (&["result&tag"], "unexpected", "盘盈（其他范围）"),
    (&["result&tag"], "unknown tag", "盘盈（未登记）"),
    (&["result&tag"], "missing", "盘亏"),
    (&["section"], "stocktakes", "资产盘点"),
    (
        &["action&outcome"],
        "find it, or write it off by a retirement request (AST-6)",
        "请查找，或经报废申请核销（AST-6）",
    ),
    (
        &["action&outcome"],
        "registered elsewhere: check its record",
        "登记在其他范围：请核对其记录",
    ),
    (
        &["action&outcome"],
        "not in the register: register it",
        "未登记：请登记入账",
    ),
    (&["action&outcome"], "not counted yet", "尚未盘点"),
    (
        &["action&outcome"],
        "transfer proposed (close with --apply-transfers)",
        "拟调拨（结束时加 --apply-transfers 执行）",
    ),
    (
        &["action&outcome"],
        "transfer proposed: record it with `asset transfer`",
        "拟调拨：请用 `asset transfer` 登记",
    ),
    (&["metric"], "closed", "已完成盘点"),
    (&["metric"], "open", "进行中盘点"),
    // consumable categories and common units (issue 11: the plan and its
    // findings in Chinese)
    (&["category"], "toner", "硒鼓/墨粉"),
    (&["category"], "ink", "墨盒"),
    (&["category"], "ribbon", "色带"),
    (&["category"], "paper", "纸张"),
    (&["category"], "media", "存储介质"),
    (&["category"], "cables", "线缆"),
    (&["category"], "batteries", "电池"),
    (&["category"], "other", "其他"),
    (&["unit"], "box", "盒"),
    (&["unit"], "ream", "令"),
    (&["unit"], "piece", "个"),
    (&["unit"], "pack", "包"),
    (&["unit"], "roll", "卷"),
    (&["unit"], "bottle", "瓶"),
    (&["unit"], "cartridge", "支"),
    // duties: the regulation's duty names and how often (a duty's table has next_due)
    (
        &["name&next_due", "duty"],
        "leading-group-meeting",
        "信息化领导小组例会",
    ),
    (
        &["name&next_due", "duty"],
        "inspection-report",
        "信息化工作检查报告",
    ),
    (&["name&next_due", "duty"], "semester-exchange", "学期交流"),
    (&["name&next_due", "duty"], "annual-summary", "年度总结"),
    (
        &["name&next_due", "duty"],
        "coordination-meeting",
        "信息化建设沟通协调会",
    ),
    (
        &["name&next_due", "duty"],
        "it-training",
        "信息化业务技能培训",
    ),
    (
        &["name&next_due", "duty"],
        "department-evaluation",
        "部门信息化工作考核",
    ),
    (
        &["name&next_due", "duty"],
        "consumables-plan",
        "耗材采购季度计划",
    ),
    (&["name&next_due", "duty"], "virus-scan", "病毒查杀"),
    (
        &["name&next_due", "duty"],
        "computer-check",
        "计算机设备检查",
    ),
    (
        &["name&next_due", "duty"],
        "server-log-review",
        "服务器日志检查",
    ),
    (&["name&next_due", "duty"], "fault-review", "故障记录检查"),
    (&["name&next_due", "duty"], "restore-drill", "备份恢复演练"),
    (&["every"], "1d", "每天"),
    (&["every"], "1w", "每周"),
    (&["every"], "2w", "每两周"),
    (&["every"], "1mo", "每月"),
    (&["every"], "1q", "每季度"),
    (&["every"], "6mo", "每半年"),
    (&["every"], "1y", "每年"),
    // incidents: kinds and states (a table with traced_to is an incident's)
    (&["kind&traced_to"], "virus", "病毒"),
    (&["kind&traced_to"], "intrusion", "入侵"),
    (&["kind&traced_to"], "outage", "服务中断"),
    (&["kind&traced_to"], "fault", "故障"),
    (&["kind&traced_to"], "violation", "违规"),
    (&["kind&traced_to"], "data-loss", "数据丢失"),
    (&["status&traced_to"], "open", "处理中"),
    (&["status&traced_to"], "isolated", "已隔离"),
    (&["status&traced_to"], "closed", "已结案"),
    (&["area"], "incident", "安全事件"),
    (&["section"], "incidents", "安全事件"),
    (&["metric"], "detected", "发现"),
    (&["metric"], "resolved", "结案"),
    (&["metric"], "still-open", "期末未结案"),
    // issue 11: what was left in English with --lang zh
    (&["newest"], "never", "从未"),
    (&["section"], "corrections", "更正记录"),
    (&["section"], "on-behalf", "代为登记"),
    (&["metric"], "backed-up", "备份"),
    (&["metric"], "offsite", "异地备份"),
    (&["metric"], "drilled", "恢复演练"),
    (&["metric"], "voided", "作废"),
    (&["metric"], "amended", "修订"),
    (&["metric"], "recorded", "代为登记"),
    (&["counts"], "drill:pass", "恢复演练：通过"),
    (&["counts"], "request:consumable-plan", "申请：耗材季度计划"),
];

/// The message catalogue: sentences the tool says to a person, by key, in
/// both languages; `{}` stands for each argument in turn. Every entry has its
/// Chinese (a unit test checks), and every key the code asks for is here.
const MESSAGES: &[(&str, &str, &str)] = &[
    ("findings.none", "{} OK - no findings", "{} OK - 未发现问题"),
    (
        "output.empty",
        "--output: must name a file",
        "--output：须指定一个文件",
    ),
    (
        "output.is_dir",
        "--output: {} is a directory; name a file in it",
        "--output：{} 是一个目录；请指定其中的文件",
    ),
    (
        "output.no_dir",
        "--output: the directory {} does not exist",
        "--output：目录 {} 不存在",
    ),
    (
        "output.xlsx_terminal",
        "--format xlsx: a workbook is not for a terminal; name a file with --output FILE or redirect the output",
        "--format xlsx：工作簿不能输出到终端；请用 --output 文件 指定文件，或重定向输出",
    ),
    (
        "columns.unknown",
        "--columns: {} is not a column of this listing; expected some of {}",
        "--columns：{} 不是此列表的列；可选：{}",
    ),
    (
        "zone.unknown",
        "{}: {} is not a time zone; expected an IANA name such as Asia/Shanghai or UTC",
        "{}：{} 不是时区；应为 IANA 时区名，如 Asia/Shanghai 或 UTC",
    ),
    (
        "time.future",
        "{}: {} is in the future (now is {} {}); give the time it actually happened",
        "{}：{} 晚于当前时间（现在是 {}，{}）；请填写实际发生的时间",
    ),
    (
        "import.future",
        "{}: finished {} is in the future (now is {} {}); were its times written in another zone?",
        "{}：完成时间 {} 晚于当前时间（现在是 {}，{}）；该文件的时间是否按其他时区记录？",
    ),
];

/// The language of the command being run, for messages made far from the
/// output (errors of parsing, the config): set once by the command's context.
static CURRENT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn set_current(lang: Lang) {
    CURRENT.store(lang == Lang::Zh, std::sync::atomic::Ordering::Relaxed);
}

pub fn current() -> Lang {
    if CURRENT.load(std::sync::atomic::Ordering::Relaxed) {
        Lang::Zh
    } else {
        Lang::En
    }
}

impl Lang {
    /// A catalogue message with its arguments. An unknown key is a bug the
    /// unit tests catch; at run time it shows the key rather than nothing.
    pub fn msg(self, key: &str, args: &[&dyn std::fmt::Display]) -> String {
        let Some((_, en, zh)) = MESSAGES.iter().find(|(k, _, _)| *k == key) else {
            return key.to_string();
        };
        let template = match self {
            Lang::En => en,
            Lang::Zh => zh,
        };
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = *template;
        let mut args = args.iter();
        while let Some(i) = rest.find("{}") {
            out.push_str(&rest[..i]);
            if let Some(a) = args.next() {
                out.push_str(&a.to_string());
            }
            rest = &rest[i + 2..];
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_chinese_and_the_same_arguments() {
        let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for (i, (key, en, zh)) in MESSAGES.iter().enumerate() {
            assert!(!en.trim().is_empty(), "{key}: no English");
            assert!(cjk(zh), "{key}: no Chinese text in {zh:?}");
            assert_eq!(
                en.matches("{}").count(),
                zh.matches("{}").count(),
                "{key}: the languages take different arguments"
            );
            assert!(
                MESSAGES[i + 1..].iter().all(|(k, _, _)| k != key),
                "{key} twice"
            );
        }
        assert_eq!(
            Lang::Zh.msg("output.no_dir", &[&"out"]),
            "--output：目录 out 不存在"
        );
    }

    #[test]
    fn every_message_the_code_asks_for_is_in_the_catalogue() {
        // Reads the source for `msg("key"` and checks each key is an entry.
        fn walk(dir: &std::path::Path, keys: &mut Vec<String>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, keys);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let text = std::fs::read_to_string(&p).unwrap();
                    for part in text.split(".msg(").skip(1) {
                        let part = part.trim_start();
                        if let Some(rest) = part.strip_prefix('"')
                            && let Some(end) = rest.find('"')
                            && rest[..end]
                                .bytes()
                                .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_')
                        {
                            keys.push(rest[..end].to_string());
                        }
                    }
                }
            }
        }
        let mut keys = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut keys,
        );
        assert!(keys.len() >= 8, "{keys:?}");
        for k in keys {
            assert!(
                MESSAGES.iter().any(|(m, _, _)| *m == k),
                "msg({k:?}) has no catalogue entry"
            );
        }
    }

    #[test]
    fn headers() {
        assert_eq!(Lang::En.header("owner_dept"), "Owner dept");
        assert_eq!(Lang::Zh.header("custodian"), "第一责任人");
        assert_eq!(Lang::Zh.header("unknown_key"), "Unknown key");
        assert_eq!(Lang::Zh.cell("status", "in-use"), "在用");
        assert_eq!(Lang::Zh.cell("name", "in-use"), "in-use");
        assert_eq!(Lang::En.cell("status", "in-use"), "in-use");
    }

    /// A key has one header in a language: where two areas use the same key
    /// (`note`, `scope`, `software` ...), the wording fits every table.
    #[test]
    fn each_header_key_has_one_translation() {
        for (i, (key, zh)) in ZH_HEADERS.iter().enumerate() {
            for (other, zh2) in &ZH_HEADERS[i + 1..] {
                assert!(
                    key != other || zh == zh2,
                    "{key:?} is translated both {zh:?} and {zh2:?}"
                );
            }
        }
    }

    /// Every column a value is translated in has a header, so a typo in a
    /// key is caught here rather than by a user seeing English.
    #[test]
    fn translated_values_name_known_columns() {
        for (keys, value, _) in ZH_VALUES {
            for spec in *keys {
                for key in spec.split('&') {
                    assert!(
                        ZH_HEADERS.iter().any(|(k, _)| k == &key),
                        "{value:?} is translated in column {key:?}, which has no header"
                    );
                }
            }
        }
    }

    #[test]
    fn a_value_in_context() {
        // A retired asset is scrapped; a retired duty (its table has next_due) is stopped.
        assert_eq!(
            Lang::Zh.cell_in(&["tag", "status"], "status", "retired"),
            "已报废"
        );
        assert_eq!(
            Lang::Zh.cell_in(&["name", "next_due", "status"], "status", "retired"),
            "已停用"
        );
        assert_eq!(Lang::Zh.cell("status", "retired"), "已报废");
        assert_eq!(Lang::Zh.cell_in(&["status"], "status", "overdue"), "逾期");
        assert_eq!(Lang::Zh.yes_no(true), "是");
        assert_eq!(Lang::En.yes_no(false), "no");
    }

    /// What a request waits for is the tool's own sentence: every one has
    /// its Chinese wording.
    #[test]
    fn every_next_step_is_translated() {
        use crate::domain::request::{Kind, Status, describe_next};
        for k in Kind::ALL {
            for s in Status::ALL {
                let next = describe_next(k, s);
                assert_ne!(Lang::Zh.cell("next", &next), next, "{k:?} {s:?}");
            }
        }
    }

    #[test]
    fn enumerations_of_every_area() {
        let zh = |k, v| Lang::Zh.cell(k, v);
        assert_eq!(zh("kind", "issue"), "领用");
        assert_eq!(zh("scope", "from"), "自该季度起");
        assert_eq!(zh("sku", "TOTAL"), "合计");
        assert_eq!(zh("info_object", "society"), "社会秩序和公共利益");
        assert_eq!(zh("service_harm", "severe"), "特别严重损害");
        assert_eq!(zh("result", "basic"), "基本符合");
        assert_eq!(zh("event", "filed"), "备案");
        assert_eq!(zh("status", "missed"), "严重逾期");
        assert_eq!(zh("counts", "maintenance:virus-scan"), "维护记录：病毒查杀");
        assert_eq!(zh("area", "grade"), "等级保护");
        // Data is never translated, even when it reads like a tool's word.
        assert_eq!(zh("name", "TOTAL"), "TOTAL");
        assert_eq!(zh("detail", "issue"), "issue");
    }
}
