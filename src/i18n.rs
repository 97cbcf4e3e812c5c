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
    // security grading
    ("id", "编号"),
    ("system", "信息系统"),
    ("grade", "安全保护等级"),
    ("sub_grades", "定级结果"),
    ("grade_name", "等级名称"),
    ("graded", "定级日期"),
    ("filed", "备案日期"),
    ("filing_due", "备案期限"),
    ("evaluated", "测评日期"),
    ("result", "测评结论"),
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
    ("item", "整改事项"),
    ("source", "来源"),
    ("opened", "提出日期"),
    ("due", "整改期限"),
    ("done", "完成日期"),
    ("note", "整改情况"),
    ("recorded_by", "记录人"),
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
