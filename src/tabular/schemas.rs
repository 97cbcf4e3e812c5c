//! Each importer's columns and the names offices give them, and the words
//! offices write for the tool's enumerations. Adding a name here is how an
//! office's own spelling becomes built in; a user adds theirs with `--map`
//! or the config's `[import.*]` tables.

use super::Schema;

/// `asset import`: the long option names of `asset register`.
/// A stock-take's scan file with a header row (a scanner app's CSV or
/// workbook, or the asset register itself): the tag column is what counts;
/// the register's other columns are known, so an exported register can be
/// scanned back as it is.
pub const SCAN: Schema = Schema {
    fields: crate::domain::asset::FIELDS,
    required: &["tag"],
    synonyms: SCAN_SYNONYMS,
    lenient: true,
};

/// Only the tag of a scan file is read, and scanner apps name its column
/// as they like (barcode, 条码): the asset import's tag headers and theirs.
/// The other columns (time, operator, device) are left out.
const SCAN_SYNONYMS: &[(&str, &str)] = &[
    ("资产编号", "tag"),
    ("资产编码", "tag"),
    ("编号", "tag"),
    ("设备编号", "tag"),
    ("资产标签", "tag"),
    ("asset_tag", "tag"),
    ("barcode", "tag"),
    ("条码", "tag"),
    ("条形码", "tag"),
];

pub const ASSET: Schema = Schema {
    fields: crate::domain::asset::FIELDS,
    required: &["kind", "name"],
    synonyms: &[
        ("资产编号", "tag"),
        ("资产编码", "tag"),
        ("编号", "tag"),
        ("设备编号", "tag"),
        ("资产标签", "tag"),
        ("使用年限", "service_life"),
        ("保修期至", "warranty_until"),
        ("保修截止日期", "warranty_until"),
        ("资产名称", "name"),
        ("设备名称", "name"),
        ("名称", "name"),
        ("资产类别", "kind"),
        ("类别", "kind"),
        ("设备类型", "kind"),
        ("资产类型", "kind"),
        ("类型", "kind"),
        ("规格型号", "model"),
        ("型号", "model"),
        ("规格", "model"),
        ("品牌", "manufacturer"),
        ("生产厂家", "manufacturer"),
        ("厂商", "manufacturer"),
        ("厂家", "manufacturer"),
        ("制造商", "manufacturer"),
        ("供应商", "supplier"),
        ("供货单位", "supplier"),
        ("购置日期", "purchased"),
        ("购买日期", "purchased"),
        ("购入日期", "purchased"),
        ("采购日期", "purchased"),
        ("原值", "price"),
        ("原值(元)", "price"),
        ("金额", "price"),
        ("金额(元)", "price"),
        ("价格", "price"),
        ("价格(元)", "price"),
        ("单价", "price"),
        ("单价(元)", "price"),
        ("使用部门", "dept"),
        ("使用科室", "dept"),
        ("部门", "dept"),
        ("科室", "dept"),
        ("所属部门", "dept"),
        ("责任人", "custodian"),
        ("使用人", "custodian"),
        ("保管人", "custodian"),
        ("第一责任人", "custodian"),
        ("存放地点", "location"),
        ("位置", "location"),
        ("存放位置", "location"),
        ("安装地点", "location"),
        ("出厂编号", "serial"),
        ("序列号", "serial"),
        ("sn", "serial"),
        ("配置", "specs"),
        ("配置说明", "specs"),
        ("主要配置", "specs"),
        ("是否涉密", "classified"),
        ("涉密", "classified"),
        ("网络", "network"),
        ("联网类型", "network"),
        ("接入网络", "network"),
        ("使用状态", "status"),
        ("状态", "status"),
        ("资产状态", "status"),
    ],
    lenient: false,
};

/// Kinds as offices write them (the tool's own 中文 come from `i18n`).
pub const KIND_WORDS: &[(&str, &str)] = &[
    ("台式电脑", "desktop"),
    ("台式", "desktop"),
    ("电脑", "desktop"),
    ("计算机", "desktop"),
    ("台式计算机", "desktop"),
    ("一体机", "desktop"),
    ("pc", "desktop"),
    ("笔记本", "laptop"),
    ("笔记本电脑", "laptop"),
    ("便携式计算机", "laptop"),
    ("手提电脑", "laptop"),
    ("服务器", "server"),
    ("打印机", "printer"),
    ("激光打印机", "printer"),
    ("交换机", "switch"),
    ("路由器", "router"),
    ("防火墙", "firewall"),
    ("存储", "storage"),
    ("磁盘阵列", "storage"),
    ("显示器", "monitor"),
    ("扫描仪", "peripheral"),
    ("投影仪", "peripheral"),
    ("平板电脑", "mobile"),
    ("手机", "mobile"),
];

/// Statuses as offices write them. 报废 is not among them: an asset leaves
/// service only through an approved request (AST-6).
pub const STATUS_WORDS: &[(&str, &str)] = &[
    ("在用", "in-use"),
    ("使用中", "in-use"),
    ("正常", "in-use"),
    ("正常使用", "in-use"),
    ("闲置", "in-stock"),
    ("备用", "in-stock"),
    ("库存", "in-stock"),
    ("未使用", "in-stock"),
    ("维修", "under-repair"),
    ("维修中", "under-repair"),
    ("送修", "under-repair"),
    ("待修", "under-repair"),
    ("故障", "under-repair"),
];

pub const NETWORK_WORDS: &[(&str, &str)] = &[
    ("内网", "internal"),
    ("外网", "external"),
    ("互联网", "external"),
    ("不联网", "none"),
    ("单机", "none"),
    ("无", "none"),
];

/// `software import`: one row per package per device.
pub const SOFTWARE: Schema = Schema {
    fields: &["tag", "software", "version"],
    required: &["tag", "software"],
    synonyms: &[
        ("资产编号", "tag"),
        ("设备编号", "tag"),
        ("编号", "tag"),
        ("软件", "software"),
        ("软件名称", "software"),
        ("名称", "software"),
        ("版本", "version"),
        ("版本号", "version"),
    ],
    lenient: false,
};

/// `backup import --from csv`.
pub const BACKUP: Schema = Schema {
    fields: crate::domain::backup::import::CSV_FIELDS,
    required: &["kind", "finished"],
    synonyms: &[
        ("编号", "id"),
        ("备份编号", "id"),
        ("系统", "system"),
        ("信息系统", "system"),
        ("系统名称", "system"),
        ("备份类型", "kind"),
        ("类型", "kind"),
        ("开始时间", "started"),
        ("结束时间", "finished"),
        ("完成时间", "finished"),
        ("备份时间", "finished"),
        ("存放位置", "location"),
        ("位置", "location"),
        ("大小", "bytes"),
        ("字节数", "bytes"),
        ("校验值", "checksum"),
        ("校验和", "checksum"),
        ("状态", "status"),
        ("结果", "status"),
        ("备份结果", "status"),
        ("工具", "tool"),
        ("备份工具", "tool"),
        ("备注", "note"),
        ("说明", "note"),
    ],
    lenient: false,
};

/// Backup kinds, statuses and locations as offices write them.
pub const BACKUP_KIND_WORDS: &[(&str, &str)] = &[
    ("全量", "full"),
    ("完全备份", "full"),
    ("全备", "full"),
    ("差异", "diff"),
    ("增量", "incr"),
    ("日志", "log"),
];
pub const BACKUP_STATUS_WORDS: &[(&str, &str)] = &[("成功", "success"), ("失败", "failed")];
pub const BACKUP_LOCATION_WORDS: &[(&str, &str)] =
    &[("本地", "local"), ("异地", "offsite"), ("本机", "local")];

/// `asset antivirus import`: an antivirus console's export, a row per
/// device, with the names 360天擎, 火绒, 瑞星 and Kaspersky consoles give
/// their columns.
pub const ANTIVIRUS: Schema = Schema {
    fields: &[
        "tag",
        "serial",
        "hostname",
        "ip",
        "product",
        "version",
        "definitions",
        "last_scan",
    ],
    required: &["definitions"],
    synonyms: &[
        ("资产编号", "tag"),
        ("设备编号", "tag"),
        ("资产标签", "tag"),
        ("序列号", "serial"),
        ("出厂编号", "serial"),
        ("sn", "serial"),
        ("计算机名", "hostname"),
        ("计算机名称", "hostname"),
        ("主机名", "hostname"),
        ("终端名称", "hostname"),
        ("设备名称", "hostname"),
        ("computer name", "hostname"),
        ("ip地址", "ip"),
        ("ip", "ip"),
        ("终端ip", "ip"),
        ("杀毒软件", "product"),
        ("防病毒软件", "product"),
        ("产品", "product"),
        ("产品名称", "product"),
        ("客户端版本", "version"),
        ("软件版本", "version"),
        ("版本", "version"),
        ("程序版本", "version"),
        ("病毒库版本", "definitions"),
        ("病毒库日期", "definitions"),
        ("病毒库更新时间", "definitions"),
        ("病毒库", "definitions"),
        ("病毒特征库版本", "definitions"),
        ("最后扫描时间", "last_scan"),
        ("最后全盘扫描时间", "last_scan"),
        ("上次全盘扫描", "last_scan"),
        ("上次全盘扫描时间", "last_scan"),
        ("最近全盘扫描时间", "last_scan"),
        ("最后查杀时间", "last_scan"),
    ],
    lenient: false,
};
