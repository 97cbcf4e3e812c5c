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
    ("every", "周期"),
    ("owner", "负责人"),
    ("scope", "范围"),
    ("counts", "计入"),
    ("first_due", "首次到期"),
    ("created", "创建日期"),
    ("last_done", "上次完成"),
    ("next_due", "下次到期"),
    ("overdue_days", "逾期天数"),
    ("retired", "停用日期"),
    ("retired_reason", "停用原因"),
    ("source", "来源"),
    ("evidence", "佐证"),
    ("recorded_by", "记录人"),
    ("duty", "职责"),
    ("note", "备注"),
    ("software", "软件"),
    ("version", "版本"),
    ("version_pattern", "版本范围"),
    ("approved", "已批准"),
    ("imported", "导入日期"),
    ("added", "添加日期"),
    ("devices", "设备数"),
    ("packages", "软件数"),
    ("removed", "移除"),
    ("unchanged", "未变"),
    ("file", "文件"),
    ("dry_run", "试运行"),
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
