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
    ("quarter", "季度"),
    ("scope", "适用"),
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
