//! Words the tool itself shows a person: table headers for now. Data is never
//! translated; CSV headers and JSON field names are the stable keys in every
//! language, so scripts do not break when an officer switches language.

use clap::ValueEnum;

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
    // backup
    ("system", "系统"),
    ("item", "项目"),
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
    ("updated", "更新时间"),
    ("started", "开始时间"),
    ("finished", "完成时间"),
    ("bytes", "字节数"),
    ("checksum", "校验和"),
    ("tool", "工具"),
    ("backup_id", "备份标识"),
    ("note", "备注"),
    ("result", "结果"),
    ("restored_to", "恢复到"),
    ("file", "文件"),
    ("read", "读取"),
    ("added", "新增"),
    ("failed", "失败"),
    ("already_recorded", "已有记录"),
    ("dry_run", "试运行"),
    ("sha256", "SHA-256"),
    ("checksum_file", "校验文件"),
    ("integrity", "完整性"),
    ("audit_trail", "审计日志"),
    ("audit_entries", "审计条目"),
    ("newest_change", "最近变更"),
    ("schema_version", "结构版本"),
    ("systems", "系统数"),
    ("assets", "资产数"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(Lang::En.header("owner_dept"), "Owner dept");
        assert_eq!(Lang::Zh.header("custodian"), "第一责任人");
        assert_eq!(Lang::Zh.header("unknown_key"), "Unknown key");
    }
}
