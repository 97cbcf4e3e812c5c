//! The Chinese of the sentences the code writes in English (errors,
//! prompts): (the English format string exactly as in the code, 中文).
//! Placeholders are written as in the English: `{field}` for `{field}`, and
//! the n-th `{}` takes the n-th `{}`'s value. A unit test fails for any
//! sentence of src/ missing here; `scripts/missing-zh` prints the missing
//! ones in this syntax, ready to be translated and pasted in.

pub(super) const ZH: &[(&str, &str)] = &[
    // Messages of the operating system and of SQLite that reach a person.
    ("No such file or directory (os error 2)", "文件或目录不存在"),
    ("Permission denied (os error 13)", "权限不足"),
    ("Is a directory (os error 21)", "是一个目录"),
    // Errors, prompts and what a command did, in the order of src/.
    ("{field}: must not be empty", "{field}：不能为空"),
    (
        "Custodian in {to_name} ({held_by} is of {of})",
        "{to_name} 的责任人（{held_by} 属于 {of}）",
    ),
    ("--custodian: prompt", "--custodian：提示输入"),
    (
        "--custodian: {} moves to {to_name} but its custodian {held_by} is of {of}; name a custodian of {to_name} with --custodian, or keep {held_by} with --keep-custodian",
        "--custodian：{} 调往 {to_name}，但其责任人 {held_by} 属于 {of}；请用 --custodian 指定 {to_name} 的责任人，或用 --keep-custodian 保留 {held_by}",
    ),
    ("Transferred {}", "已变更 {}"),
    (
        "--specs: only an upgrade changes the specs (use --kind upgrade)",
        "--specs：只有升级才会改变性能参数（请用 --kind upgrade）",
    ),
    ("Recorded {kind} of {}", "已登记 {} 的{kind}记录"),
    (
        "--person: the liable party is the department; use --liable person",
        "--person：责任方是部门；请用 --liable person",
    ),
    (
        "--dept: the liable party is a person; use --liable department",
        "--dept：责任方是个人；请用 --liable department",
    ),
    ("Recorded damage to {}", "已登记 {} 的损坏"),
    (
        "STATUS: {status} is not set by hand; an asset is retired by a fulfilled retirement request (`request new --kind retirement`) and disposed of with `asset dispose`",
        "STATUS：{status} 不能手工设置；资产经已办结的报废申请（`request new --kind retirement`）报废，并用 `asset dispose` 处置",
    ),
    ("{} is now {status}", "{} 现为 {status}"),
    (
        "Disposed of {} ({method}), retired by request {request}",
        "已处置 {}（{method}），依据报废申请 {request}",
    ),
    (
        "TAG: {} is disposed; its registration is closed and can no longer be amended",
        "TAG：{} 已处置；其登记已关闭，不能再修订",
    ),
    ("reading the custodian", "读取责任人"),
    (
        "--serial: {serial:?} is already registered as {tag}; an asset is registered once",
        "--serial：{serial:?} 已登记为 {tag}；一台资产只登记一次",
    ),
    ("Registered {tag}", "已登记 {tag}"),
    ("Kind", "类别"),
    ("--kind: prompt", "--kind：提示输入"),
    ("Name", "名称"),
    ("--name: prompt", "--name：提示输入"),
    ("(none: not yet allocated)", "（无：尚未分配）"),
    ("Department", "部门"),
    ("--dept: prompt", "--dept：提示输入"),
    (
        "Custodian (first responsible person; empty for none)",
        "第一责任人（没有则留空）",
    ),
    (
        "starting a read transaction for the check",
        "开始检查用的读事务",
    ),
    ("reading the audit trail", "读取审计日志"),
    (
        "Wrote the secret checkpoint key to {} (keep it off this machine's register disk; see the user guide)\nPut the public half in the config:\n\n[audit]\npublic_key = \"{hex}\"",
        "已将检查点私钥写入 {}（请勿与登记簿存放在同一台机器的磁盘上；见用户手册）\n请将公钥写入配置文件：\n\n[audit]\npublic_key = \"{hex}\"",
    ),
    ("--anchor: cannot read {v}", "--anchor：无法读取 {v}"),
    (
        "--anchor: {v}: line {}: {line:?} holds no SEQ:HASH anchor",
        "--anchor：{v}：第 {} 行：{line:?} 不是 SEQ:HASH 锚点",
    ),
    (
        "--anchor: {v} holds no SEQ:HASH anchor",
        "--anchor：{v} 中没有 SEQ:HASH 锚点",
    ),
    (
        "--key: no audit.public_key in the config, so no checkpoint could be verified; add\n[audit]\npublic_key = \"{public}\"",
        "--key：配置文件中没有 audit.public_key，无法验证检查点；请添加\n[audit]\npublic_key = \"{public}\"",
    ),
    (
        "--key: {} is not the key whose public half is audit.public_key (its public half is {public})",
        "--key：{} 不是公钥为 audit.public_key 的那把密钥（其公钥为 {public}）",
    ),
    (
        "the audit trail is empty: there is no head to sign yet",
        "审计日志为空：还没有可签名的最新记录",
    ),
    (
        "the checkpoint was stored, but could not be witnessed",
        "检查点已保存，但未能写入见证文件",
    ),
    (
        "Signed checkpoint of entry {seq} ({hash}) at {at}{note}",
        "已签名第 {seq} 条记录（{hash}）的检查点，时间 {at}{note}",
    ),
    (
        "--note: must not be empty; say what was restored and checked",
        "--note：不能为空；请说明恢复并核对了什么",
    ),
    (
        "Recorded a restore drill of {} at {}: {result}",
        "已登记 {} 于 {} 的恢复演练：{result}",
    ),
    (
        "SYSTEM: name the information system",
        "SYSTEM：请指定信息系统",
    ),
    (
        "SYSTEM: {} has no backup policy; set one, e.g. `infogov backup policy {} --full 7d --offsite 7d`",
        "SYSTEM：{} 没有备份策略；请先设定，例如 `infogov backup policy {} --full 7d --offsite 7d`",
    ),
    ("Set the backup policy of {}", "已设定 {} 的备份策略"),
    (
        "--started: {} is after --finished {}",
        "--started：{} 晚于 --finished {}",
    ),
    ("--tool: must not be empty", "--tool：不能为空"),
    ("--bytes: too large", "--bytes：数值过大"),
    (
        "--id: {tool} backup {id:?} is already recorded (for system {other})",
        "--id：{tool} 备份 {id:?} 已有记录（属于系统 {other}）",
    ),
    (
        "Recorded a {}{} backup of {} finished {}",
        "已登记{}{}一次（系统 {}，完成于 {}）",
    ),
    (
        "--system: name the information system the {} backups belong to",
        "--system：请指定这些 {} 备份所属的信息系统",
    ),
    (
        "--stanza, --repo: only for --from pgbackrest",
        "--stanza、--repo：仅用于 --from pgbackrest",
    ),
    (
        "--host: only for --from restic or borg",
        "--host：仅用于 --from restic 或 borg",
    ),
    (
        "--kind: only for --from restic or borg; the other formats say the kind of each run",
        "--kind：仅用于 --from restic 或 borg；其他格式会给出每次备份的类型",
    ),
    (
        "--sheet, --encoding, --map, --ignore: only for --from csv",
        "--sheet、--encoding、--map、--ignore：仅用于 --from csv",
    ),
    ("FILE: cannot read standard input", "FILE：无法读取标准输入"),
    (
        "FILE: cannot read standard input as UTF-8 text",
        "FILE：无法将标准输入读作 UTF-8 文本",
    ),
    ("FILE: cannot read {file}", "FILE：无法读取 {file}"),
    (
        "--to: name the folder for the copy (or set backup.self_dir in the config)",
        "--to：请指定副本存放的文件夹（或在配置文件中设置 backup.self_dir）",
    ),
    ("--to: cannot create {}", "--to：无法创建 {}"),
    ("{field}: cannot create {}", "{field}：无法创建 {}"),
    ("--to: cannot resolve {}", "--to：无法解析路径 {}"),
    ("--to: cannot write {}", "--to：无法写入 {}"),
    (
        "--to: cannot copy the witness file to {}",
        "--to：无法将见证文件复制到 {}",
    ),
    ("FILE: cannot read {}", "FILE：无法读取 {}"),
    ("FILE: {e}", "FILE：{e}"),
    (
        "FILE: {} does not match its checksum file {} (sha256 {actual}, expected {expected:?})",
        "FILE：{} 与其校验文件 {} 不符（sha256 为 {actual}，应为 {expected:?}）",
    ),
    ("--dir: cannot create {}", "--dir：无法创建 {}"),
    ("--dir: cannot write {}", "--dir：无法写入 {}"),
    (
        "--date: {d} is after today ({}); record a movement when it happens",
        "--date：{d} 晚于今天（{}）；出入库发生时再登记",
    ),
    ("--reason: must not be empty", "--reason：不能为空"),
    (
        "--date: {q} has no approved consumables plan (耗材采购季度计划) on {date}; approve one first (`infogov consumable plan --quarter {q} --submit`), or for an emergency purchase give --unplanned --reason TEXT, which stays a finding of {q} (CON-2)",
        "--date：{q} 在 {date} 没有已批准的耗材采购季度计划；请先批准计划（`infogov consumable plan --quarter {q} --submit`），紧急采购可加 --unplanned --reason 原因，该次采购将作为 {q} 的问题保留（CON-2）",
    ),
    (
        "--unplanned: {q} has an approved plan on {date}; receive without --unplanned",
        "--unplanned：{q} 在 {date} 已有批准的计划；入库时不要加 --unplanned",
    ),
    (
        "Received {qty} {} of {}; {now} in stock",
        "已入库 {qty} {}：{}；现有库存 {now}",
    ),
    (
        "--reason: an issue with --over-quota needs a reason",
        "--reason：超定额领用（--over-quota）须说明原因",
    ),
    (
        "--to: {} is in {}, not {dept_name}; issue to their department or name the right person",
        "--to：{} 属于 {}，不属于 {dept_name}；请领用到其所在部门，或指定正确的人",
    ),
    ("--for-asset: {} is {}", "--for-asset：{} 为 {}"),
    (
        "Issued {qty} {} of {} to {dept_name}{flag}; {now} in stock",
        "已向 {dept_name} 发放 {qty} {}：{}{flag}；现有库存 {now}",
    ),
    (
        "Adjusted {} by {qty:+} {}; {now} in stock",
        "已调整 {}，数量 {qty:+} {}；现有库存 {now}",
    ),
    (
        "{dept_name} needs {qty} {} of {} in {q}{was}",
        "{dept_name} 在 {q} 需要 {qty} {}：{}{was}",
    ),
    ("looking for the quarter's plan", "查找本季度的计划"),
    (
        "--submit: the plan for {q} is already request {id} ({status}); withdraw or reject it first",
        "--submit：{q} 的计划已是申请单 {id}（{status}）；请先撤回或驳回",
    ),
    (
        "--submit: the plan for {q} buys nothing; there is nothing to approve",
        "--submit：{q} 的计划不采购任何物品；没有需要审批的内容",
    ),
    (
        "{field}: {d} is not in {q} ({} to {})",
        "{field}：{d} 不在 {q} 内（{} 至 {}）",
    ),
    (
        "--to: {t} is before --from {f}",
        "--to：{t} 早于 --from {f}",
    ),
    (
        "Added {} ({}, {}, counted in {})",
        "已新增 {}（{}，{}，计量单位 {}）",
    ),
    ("Changed {}", "已修改 {}"),
    (
        "--quarter: give --quarter Q or --from-quarter Q",
        "--quarter：请给出 --quarter 季度 或 --from-quarter 季度",
    ),
    (
        "--apply: nothing was issued in the four quarters before {q}; there is nothing to apply",
        "--apply：{q} 之前的四个季度没有任何领用；没有可应用的定额",
    ),
    (
        "Applied {} suggested quotas for {q} ({changed} new or changed)",
        "已为 {q} 应用 {} 项建议定额（{changed} 项为新增或修改）",
    ),
    ("{opt}: must not be empty", "{opt}：不能为空"),
    (
        "{field}: {d} is after today ({}); give the date it actually happened",
        "{field}：{d} 晚于今天（{}）；请填写实际发生的日期",
    ),
    (
        "nothing to change; give one or more of {}",
        "没有要修改的内容；请给出以下一项或多项：{}",
    ),
    ("demo step `infogov {}`: {e}", "演示步骤 `infogov {}`：{e}"),
    ("demo step `infogov {}`", "演示步骤 `infogov {}`"),
    ("writing {}", "写入 {}"),
    (
        "the demo register has too few old desktops in 内科 to retire",
        "演示登记簿中内科的旧台式机太少，无法报废",
    ),
    ("reading the SKU of a plan line", "读取计划明细的物品编码"),
    ("finding the plan's request", "查找计划的申请单"),
    (
        "--db: {} exists; the demo builds a new register only (name another file, or add --force to replace it)",
        "--db：{} 已存在；演示只新建登记簿（请换一个文件名，或加 --force 替换它）",
    ),
    ("--force: cannot remove {}", "--force：无法删除 {}"),
    (
        "creating a scratch directory for the demo",
        "为演示创建临时目录",
    ),
    (
        "--force: {} is the configured register; the demo never replaces it",
        "--force：{} 是配置的登记簿；演示绝不替换它",
    ),
    (
        "--force: {} is not a register the demo may replace",
        "--force：{} 不是演示可以替换的登记簿",
    ),
    ("--evidence: cannot read {}", "--evidence：无法读取 {}"),
    (
        "Added duty {} (every {every}), first due {next}",
        "已新增职责 {}（周期：{every}），首次到期 {next}",
    ),
    ("--note: must not be empty", "--note：不能为空"),
    (
        "Recorded {} done on {date}; next due {next}",
        "已登记 {} 于 {date} 完成；下次到期 {next}",
    ),
    (
        "Changed duty {}; next due {next}",
        "已修改职责 {}；下次到期 {next}",
    ),
    (
        "ID: {id} is a maintenance record that counts towards the duty; void it with `infogov asset void {id}`",
        "ID：{id} 是计入该职责的维护记录；请用 `infogov asset void {id}` 作废",
    ),
    (
        "--date: {date} is after {}; a duty is retired when it stops, not in advance",
        "--date：{date} 晚于 {}；职责在停止时才停用，不能提前",
    ),
    ("Retired duty {} on {date}", "已于 {date} 停用职责 {}"),
    (
        "FILE: {path:?} is not a file; give the grading report's file",
        "FILE：{path:?} 不是文件；请给出定级报告文件",
    ),
    ("FILE: cannot read {path:?}", "FILE：无法读取 {path:?}"),
    (
        "--score: {value:?} is not a score; expected a number from 0 to 100",
        "--score：{value:?} 不是分数；应为 0 到 100 的数",
    ),
    (
        "Recorded the grading report of {} (grade {}, graded {}): {file}, sha256 {sha256}",
        "已登记 {} 的定级报告（{} 级，定级日期 {}）：{file}，sha256 {sha256}",
    ),
    (
        "Recorded that {authority} rejected the filing of {}'s grade {} ({reason}); re-grade it with `infogov grade assess {}` and file again",
        "已登记 {authority} 未通过 {} 的 {} 级备案（{reason}）；请用 `infogov grade assess {}` 重新定级后再备案",
    ),
    (
        "Recorded the cancellation of {}'s filing (撤销备案) with {authority}",
        "已登记 {} 向 {authority} 撤销备案",
    ),
    (
        "Recorded change {id} of {} ({kind}); re-assess its grading with `infogov grade assess {}`",
        "已登记 {} 的第 {id} 次变更（{kind}）；请用 `infogov grade assess {}` 重新评估定级",
    ),
    (
        "--experts: name at least one expert",
        "--experts：至少指定一名专家",
    ),
    (
        "Recorded the expert review of {}'s grading",
        "已登记 {} 定级的专家评审",
    ),
    (
        "Recorded the approval of {}'s grading by {authority}",
        "已登记 {authority} 对 {} 定级的审核",
    ),
    (
        "Filed grade {grade} of {} with {authority}, number {number}{note}",
        "已将 {} 的 {grade} 级向 {authority} 备案，备案编号 {number}{note}",
    ),
    (
        "Recorded evaluation {id} of {} against grade {grade}: {result}{hint}",
        "已登记 {} 的测评 {id}（对照 {grade} 级）：{result}{hint}",
    ),
    (
        "Recorded self-inspection {id} of {} against grade {grade}",
        "已登记 {} 的自查 {id}（对照 {grade} 级）",
    ),
    (
        "ID: {} {} is named by {}; void those first",
        "ID：{} {} 被 {} 引用；请先作废它们",
    ),
    (
        "Opened rectification item {id} of {}, due by {due}",
        "已提出 {} 的整改项 {id}，期限 {due}",
    ),
    (
        "Closed rectification item {id} of {system}",
        "已完成 {system} 的整改项 {id}",
    ),
    (
        "{field}: required ({forms}); on a terminal, `infogov grade assess` asks for it instead",
        "{field}：必填（{forms}）；在终端上 `infogov grade assess` 会提示输入",
    ),
    ("{}: {}. Record it?", "{}：{}。是否登记？"),
    ("confirmation prompt", "确认提示"),
    ("cancelled; nothing was recorded", "已取消；未登记任何内容"),
    ("{field}: prompt", "{field}：提示输入"),
    (
        "Business information (业务信息安全): if {system}'s information were leaked, altered or destroyed, whom would it harm most?",
        "业务信息安全：如果 {system} 的信息被泄露、篡改或破坏，受侵害最重的客体是谁？",
    ),
    ("How badly would they be harmed?", "受侵害的程度如何？"),
    (
        "System service (系统服务安全): if {system} stopped or could not be relied on, whom would it harm most?",
        "系统服务安全：如果 {system} 停止运行或不可依赖，受侵害最重的客体是谁？",
    ),
    (
        "Why? (the rationale for the grading report; empty for none)",
        "理由（定级报告中的定级理由；没有则留空）",
    ),
    ("--rationale: prompt", "--rationale：提示输入"),
    (
        "expected {letter}N as `grade show` lists it, or N",
        "应为 `grade show` 所列的 {letter}N，或 N",
    ),
    ("--actor: must not be empty", "--actor：不能为空"),
    (
        "--on-behalf-of: the OS user {os_user:?} is no registered person's login; only an administrator with a login (`person add ... --login`) records a step on behalf of another",
        "--on-behalf-of：系统用户 {os_user:?} 不是任何已登记人员的登录名；只有有登录名的管理员（`person add ... --login`）才能代他人登记步骤",
    ),
    (
        "--actor: the OS user {os_user:?} is {}; they may not act as {:?} (an administrator records a step for another person with --on-behalf-of PERSON --on-behalf-evidence FILE)",
        "--actor：系统用户 {os_user:?} 是 {}；不能以 {:?} 的身份操作（管理员代他人登记步骤请用 --on-behalf-of 人员 --on-behalf-evidence 文件）",
    ),
    (
        "--actor: the OS user {os_user:?} is the login of {} registrations ({}); name the one acting with --actor",
        "--actor：系统用户 {os_user:?} 是 {} 条登记记录的登录名（{}）；请用 --actor 指定操作人",
    ),
    (
        "--on-behalf-evidence: only with --on-behalf-of",
        "--on-behalf-evidence：只能与 --on-behalf-of 一起使用",
    ),
    (
        "--on-behalf-of: the config sets identity = \"strict\": every step is taken by the person logged in",
        "--on-behalf-of：配置文件设定 identity = \"strict\"：每一步都由登录的本人操作",
    ),
    (
        "--on-behalf-of: {} is {}; only an administrator (the office role) records a step on behalf of another",
        "--on-behalf-of：{} 是 {}；只有管理员（信息科角色）才能代他人登记步骤",
    ),
    (
        "--on-behalf-evidence: a step recorded on behalf of {other} needs its evidence (the signed form or its scan)",
        "--on-behalf-evidence：代 {other} 登记的步骤需要佐证（签字的表单或其扫描件）",
    ),
    (
        "--on-behalf-of: the register cannot be read",
        "--on-behalf-of：无法读取登记簿",
    ),
    (
        "--on-behalf-of: {other} is {} themselves",
        "--on-behalf-of：{other} 就是 {} 本人",
    ),
    ("--on-behalf-evidence: {e}", "--on-behalf-evidence：{e}"),
    (
        "--actor: {} may not {what} themselves; another administrator does",
        "--actor：{} 不能为自己{what}；须由另一名管理员操作",
    ),
    (
        "--on-behalf-of: {what} is never recorded on behalf of another",
        "--on-behalf-of：{what}从不代他人登记",
    ),
    (
        "--actor: {:?} is no registered person; only an administrator (the office role) may {what}",
        "--actor：{:?} 不是已登记人员；只有管理员（信息科角色）才能{what}",
    ),
    (
        "--actor: {} is {}; only an administrator (the office role) may {what}",
        "--actor：{} 是 {}；只有管理员（信息科角色）才能{what}",
    ),
    (
        "--write-config: no config directory; name a file",
        "--write-config：没有配置目录；请指定一个文件",
    ),
    (
        "--write-config: {} already exists; not overwritten",
        "--write-config：{} 已存在；未覆盖",
    ),
    (
        "--admin: {admin:?} is not NAME@DEPT",
        "--admin：{admin:?} 不是 姓名@部门 的形式",
    ),
    ("reading the administrators", "读取管理员"),
    (
        "--admin: the register already has administrators ({who}); grant the role with `infogov person role`",
        "--admin：登记簿已有管理员（{who}）；请用 `infogov person role` 授予角色",
    ),
    (
        "--write-config: cannot create {}",
        "--write-config：无法创建 {}",
    ),
    (
        "--write-config: cannot write {}",
        "--write-config：无法写入 {}",
    ),
    ("no assets to label", "没有要打印标签的资产"),
    (
        "TAG: {tag:?} is too long for a QR code",
        "TAG：{tag:?} 太长，无法生成二维码",
    ),
    ("--output: cannot write in {}", "--output：无法在 {} 中写入"),
    ("--output: cannot write {}", "--output：无法写入 {}"),
    (
        "--format xlsx: more than {MAX_ROWS} rows, the most a worksheet holds; filter the listing or use --format csv",
        "--format xlsx：超过 {MAX_ROWS} 行，即一个工作表的上限；请筛选列表或使用 --format csv",
    ),
    ("--format xlsx: {e}", "--format xlsx：{e}"),
    ("Added department {}", "已新增部门 {}"),
    (
        "{} is now the IT liaison of {dept}",
        "{} 现为 {dept} 的信息员",
    ),
    ("Added {} to {dept} as {}", "已将 {} 添加到 {dept}，角色 {}"),
    ("{} now logs in as {}", "{} 现在以 {} 登录"),
    (
        "--revoke: {} is {current}, not {}",
        "--revoke：{} 是 {current}，不是 {}",
    ),
    (
        "--grant or --revoke: name the role",
        "--grant 或 --revoke：请指定角色",
    ),
    ("--grant: {} is already {new}", "--grant：{} 已经是 {new}"),
    (
        "{} is now {new} (was {current})",
        "{} 现为 {new}（原为 {current}）",
    ),
    ("Added information system {}", "已新增信息系统 {}"),
    ("{} is now {}{note}", "{} 现为 {}{note}"),
    ("{field}: is required", "{field}：必填"),
    (
        "--kind: is required (one of {})",
        "--kind：必填（以下之一：{}）",
    ),
    ("Applying department", "申请部门"),
    ("{prompt}: prompt", "{prompt}：提示输入"),
    ("Title", "标题"),
    ("Why retire them", "报废理由"),
    ("Project description", "项目说明"),
    ("Purpose (empty for none)", "用途（没有则留空）"),
    (
        "Software it is for (empty for none)",
        "用于哪个软件（没有则留空）",
    ),
    (
        "Item ({ITEM_FORM}); empty to finish",
        "明细（{ITEM_FORM}）；留空结束",
    ),
    (
        "Asset tag to retire; empty to finish",
        "要报废的资产编号；留空结束",
    ),
    (
        "Asset tag to replace; empty to finish",
        "要更换的资产编号；留空结束",
    ),
    ("Budget (yuan)", "预算（元）"),
    ("--register: cannot open {}", "--register：无法打开 {}"),
    ("Fulfil with", "办结方式"),
    ("a purchased asset to register", "登记一台新购资产"),
    ("an existing asset to reallocate (调剂)", "调剂一台现有资产"),
    ("done", "完成"),
    ("fulfil: prompt", "办结：提示输入"),
    ("kind: prompt", "类别：提示输入"),
    ("Model (empty for none)", "型号（没有则留空）"),
    ("Serial (empty for none)", "序列号（没有则留空）"),
    ("Price in yuan (empty for none)", "价格（元，没有则留空）"),
    ("Custodian (empty for none)", "责任人（没有则留空）"),
    ("Location (empty for none)", "存放地点（没有则留空）"),
    ("Tag", "资产编号"),
    ("Approved {} (versions {})", "已批准 {}（版本 {}）"),
    (
        "Took {} off the approved list ({what})",
        "已将 {} 移出批准清单（{what}）",
    ),
    ("--name: must not be empty", "--name：不能为空"),
    (
        "Started stock-take {id} ({name}): {expected} assets expected; print the sheet with `infogov asset stocktake sheet {id}`",
        "已开始盘点 {id}（{name}）：应盘资产 {expected} 台；用 `infogov asset stocktake sheet {id}` 打印盘点表",
    ),
    ("TAG: must not be empty", "TAG：不能为空"),
    ("Stock-take {id}: {} is {what}", "盘点 {id}：{} {what}"),
    (
        "ID: stock-take {id} is already closed (on {c})",
        "ID：盘点 {id} 已结束（{c}）",
    ),
    (
        "--date: {date} is before stock-take {id} started ({})",
        "--date：{date} 早于盘点 {id} 的开始日期（{}）",
    ),
    ("--file: cannot read {}", "--file：无法读取 {}"),
    (
        "{}: {}: {tag:?} is not a tag (it contains white space)",
        "{}：{}：{tag:?} 不是资产编号（含有空白字符）",
    ),
    ("{}: the file holds no tags", "{}：文件中没有资产编号"),
    (
        "grading.filing_from_grade: {g} is not a grade; expected 1 to 5",
        "grading.filing_from_grade：{g} 不是等级；应为 1 到 5",
    ),
    (
        "{e}, or \"none\" (not required)",
        "{e}，或 \"none\"（不要求）",
    ),
    (
        "grading.minimum.grade: {} is not a grade a sector rule can set; expected 2 to 5",
        "grading.minimum.grade：{} 不是行业规定可以设定的等级；应为 2 到 5",
    ),
    (
        "grading.minimum.systems: name at least one system",
        "grading.minimum.systems：至少指定一个系统",
    ),
    (
        "grading.minimum.source: must not be empty; name the rule, e.g. 卫办发〔2011〕85号",
        "grading.minimum.source：不能为空；请写明依据，例如 卫办发〔2011〕85号",
    ),
    (
        "grading.supervisor: must not be empty",
        "grading.supervisor：不能为空",
    ),
    (
        "grading.ruleset: must not be empty",
        "grading.ruleset：不能为空",
    ),
    (
        "grading.ruleset: the rules differ from the built-in ruleset {DEFAULT_RULESET:?}; give them a name of their own (it is recorded with every assessment)",
        "grading.ruleset：这些规则与内置规则版本 {DEFAULT_RULESET:?} 不同；请另起一个名称（每次定级都会记录它）",
    ),
    (
        "--db: no home directory to keep the register in; name a file with --db or INFOGOV_DB",
        "--db：没有主目录可存放登记簿；请用 --db 或 INFOGOV_DB 指定文件",
    ),
    ("--config: cannot read {}", "--config：无法读取 {}"),
    ("--config: {}", "--config：{}"),
    ("line {l}: {msg}", "第 {l} 行：{msg}"),
    (
        "asset.tag_prefix: must not be empty",
        "asset.tag_prefix：不能为空",
    ),
    (
        "consumable.quota_headroom_percent: must be 0 to 1000",
        "consumable.quota_headroom_percent：应为 0 到 1000",
    ),
    (
        "limits: name and text must be at least 1 character",
        "limits：名称和文本的长度上限至少为 1 个字符",
    ),
    (
        "asset.kinds: must list at least one kind",
        "asset.kinds：至少列出一种类别",
    ),
    (
        "request.stale_days: must be at least 1",
        "request.stale_days：至少为 1",
    ),
    (
        "identity: {v:?} is not a mode; expected \"strict\" or \"on-behalf\"",
        "identity：{v:?} 不是有效模式；应为 \"strict\" 或 \"on-behalf\"",
    ),
    (
        "money.max_amount: {} is out of range; expected 1 to {}",
        "money.max_amount：{} 超出范围；应为 1 到 {}",
    ),
    (
        "{field}: {value:?} is not one of {}",
        "{field}：{value:?} 不是以下之一：{}",
    ),
    (
        "{field}: {value:?} is not yes or no",
        "{field}：{value:?} 不是 yes 或 no",
    ),
    ("{}: is required", "{}：必填"),
    (
        "{}: {tag:?} contains white space",
        "{}：{tag:?} 含有空白字符",
    ),
    (
        "run {} cannot be restored: {why}",
        "备份 {} 无法恢复：{why}",
    ),
    (
        "run {} is taken against the copy-only run {}",
        "备份 {} 基于仅复制备份 {}",
    ),
    (
        "run {} is taken against backup {prior}, which is not recorded here",
        "备份 {} 基于备份 {prior}，而该备份在此没有记录",
    ),
    (
        "differential run {} is based on a full backup with checkpoint LSN {base} that is not recorded here; the newest full here is run {} (checkpoint LSN {}, finished {})",
        "差异备份 {} 所基于的全量备份（检查点 LSN {base}）在此没有记录；此处最新的全量备份是 {}（检查点 LSN {}，完成于 {}）",
    ),
    (
        "{} run {} (finished {}) has no full backup before it to restore onto here",
        "{}备份 {}（完成于 {}）之前在此没有可据以恢复的全量备份",
    ),
    (
        "{field}: {value:?} is not an LSN; expected a decimal number as msdb gives it",
        "{field}：{value:?} 不是 LSN；应为 msdb 给出的十进制数",
    ),
    (
        "{field}: {value:?} is not an LSN",
        "{field}：{value:?} 不是 LSN",
    ),
    (
        "{file}: the input is empty; expected the JSON output of {}",
        "{file}：输入为空；应为 {} 的 JSON 输出",
    ),
    (
        "{file}: not JSON (line {}, column {}: {}); expected the output of {}",
        "{file}：不是 JSON（第 {} 行第 {} 列：{}）；应为 {} 的输出",
    ),
    (
        "{}: {}: missing (expected a field {name:?})",
        "{}：{}：缺少字段（应有字段 {name:?}）",
    ),
    (
        "{file}: the snapshots come from {} hosts ({}); choose the system's host with --host",
        "{file}：这些快照来自 {} 台主机（{}）；请用 --host 选择该系统的主机",
    ),
    (
        "{}: --host: `borg list --json` does not name the host of an archive; leave out --host or import `borg info --json`",
        "{}：--host：`borg list --json` 不给出归档的主机；请去掉 --host，或导入 `borg info --json`",
    ),
    (
        "--stanza: {want:?} is not in {}; it holds {}",
        "--stanza：{want:?} 不在 {} 中；其中有 {}",
    ),
    (
        "{}: the file holds {} stanzas ({}); choose the system's stanza with --stanza",
        "{}：文件中有 {} 个 stanza（{}）；请用 --stanza 选择该系统的 stanza",
    ),
    (
        "{}: the backups are in {} repositories ({}); import each with --repo N and its --location",
        "{}：备份分布在 {} 个仓库中（{}）；请分别用 --repo N 及其 --location 导入",
    ),
    (
        "{field}: {value:?} is not a date and time; expected {INSTANT_FORMS}",
        "{field}：{value:?} 不是日期时间；应为 {INSTANT_FORMS}",
    ),
    (
        "{}: is empty; expected full, diff, incr, log, or D, I, L",
        "{}：为空；应为 full、diff、incr、log，或 D、I、L",
    ),
    (
        "{}: {k:?} is not a kind of backup; expected full, diff, incr, log, or SQL Server's D, I, L",
        "{}：{k:?} 不是备份类型；应为 full、diff、incr、log，或 SQL Server 的 D、I、L",
    ),
    (
        "{}: is empty; a run needs the time it finished",
        "{}：为空；备份记录需要完成时间",
    ),
    (
        "{}: the run starts after it finishes",
        "{}：备份的开始时间晚于完成时间",
    ),
    (
        "{}: {v:?} is not a size in bytes (a whole number)",
        "{}：{v:?} 不是字节数（应为整数）",
    ),
    (
        "{}: {v:?} is not a status; expected success or failed (成功, 失败)",
        "{}：{v:?} 不是状态；应为 success 或 failed（成功、失败）",
    ),
    (
        "{}: {:?} is not 0 or 1 (true or false)",
        "{}：{:?} 不是 0 或 1（true 或 false）",
    ),
    ("{}: {f} is after last_lsn {l}", "{}：{f} 大于 last_lsn {l}"),
    (
        "{field}: {value:?} is not a kind of backup; expected full, diff, incr or log",
        "{field}：{value:?} 不是备份类型；应为 full、diff、incr 或 log",
    ),
    (
        "{field}: {value:?} is not a location; expected local or offsite",
        "{field}：{value:?} 不是存放位置；应为 local 或 offsite",
    ),
    (
        "{e}, or none to clear the limit",
        "{e}，或用 none 取消该限值",
    ),
    (
        "{field}: {value:?} is not a quantity; expected a whole number above zero",
        "{field}：{value:?} 不是数量；应为大于零的整数",
    ),
    (
        "{field}: {value:?} is more than 1000000 yuan a unit",
        "{field}：{value:?} 单价超过 1000000 元",
    ),
    (
        "{field}: {value:?} is not a correction; expected a whole number other than zero, e.g. +3 or -2",
        "{field}：{value:?} 不是调整数；应为非零整数，例如 +3 或 -2",
    ),
    (
        "{field}: {value:?} is not a quantity; expected a whole number, zero or more",
        "{field}：{value:?} 不是数量；应为零或正整数",
    ),
    (
        "{field}: {value:?} is not an ID; expected {} as the listing shows it",
        "{field}：{value:?} 不是编号；应为列表中所示的 {}",
    ),
    (
        "--reason: must not be empty; say why the record is corrected",
        "--reason：不能为空；请说明更正记录的原因",
    ),
    (
        "{table} {column}: {n} characters, more than the limit of {limit} ({key} in the config)",
        "{table} {column}：{n} 个字符，超过上限 {limit}（配置项 {key}）",
    ),
    (
        "{file}: line 1, column {}: unknown header {h:?}; expected some of {}",
        "{file}：第 1 行第 {} 列：未知表头 {h:?}；可选：{}",
    ),
    (
        "{file}: line 1, column {}: header {h:?} appears twice",
        "{file}：第 1 行第 {} 列：表头 {h:?} 出现两次",
    ),
    (
        "{file}: line 1: the header has no {name:?} column",
        "{file}：第 1 行：表头中没有 {name:?} 列",
    ),
    (
        "{field}: {value:?} is not a requirement ID of the regulation; expected e.g. DUT-1, OPS-2 or SEC-1",
        "{field}：{value:?} 不是本制度的条款编号；应如 DUT-1、OPS-2 或 SEC-1",
    ),
    (
        "{field}: {value:?} is not something a duty can count; expected {COUNTS_FORMS}",
        "{field}：{value:?} 不是职责可以计入的记录；应为 {COUNTS_FORMS}",
    ),
    (
        "{field}: {value:?} is shorter than a day or not whole days; a duty recurs in d, w, mo, q or y ({INTERVAL_FORMS})",
        "{field}：{value:?} 短于一天或不是整天数；职责周期以 d、w、mo、q 或 y 计（{INTERVAL_FORMS}）",
    ),
    (
        "{} comes after {} (dated {when}); the procedure is grading report -> expert review -> approval -> filing",
        "{} 晚于 {}（日期 {when}）；程序是 定级报告 -> 专家评审 -> 主管部门审核 -> 备案",
    ),
    (
        "{} comes before {} (dated {when}); the procedure is grading report -> expert review -> approval -> filing",
        "{} 早于 {}（日期 {when}）；程序是 定级报告 -> 专家评审 -> 主管部门审核 -> 备案",
    ),
    (
        "{field}: {value:?} is not a harmed object; expected {OBJECT_FORMS}",
        "{field}：{value:?} 不是受侵害客体；应为 {OBJECT_FORMS}",
    ),
    (
        "{field}: {value:?} is not a degree of harm; expected {HARM_FORMS}",
        "{field}：{value:?} 不是侵害程度；应为 {HARM_FORMS}",
    ),
    (
        "{field}: {date} is in the future (today is {as_of}); record it when it has happened",
        "{field}：{date} 晚于今天（今天是 {as_of}）；请在发生后再登记",
    ),
    (
        "{field}: {value:?} is not a period; expected {PERIOD_FORMS}",
        "{field}：{value:?} 不是期间；应为 {PERIOD_FORMS}",
    ),
    (
        "{field}: {value:?} is not a service life; expected {LIFE_FORMS}",
        "{field}：{value:?} 不是使用年限；应为 {LIFE_FORMS}",
    ),
    (
        "{field}: {value:?} is not a rate; expected a percentage from 0% to 100% such as 5% or 0.05",
        "{field}：{value:?} 不是比率；应为 0% 到 100% 的百分比，如 5% 或 0.05",
    ),
    (
        "{field}: {value:?} is finer than 0.01%",
        "{field}：{value:?} 精度超过 0.01%",
    ),
    (
        "{field}: {value:?} is more than the largest amount accepted, {} yuan (money.max_amount in the config)",
        "{field}：{value:?} 超过允许的最大金额 {} 元（配置项 money.max_amount）",
    ),
    (
        "{field}: {value:?} is not an amount; expected e.g. 4999 or 4999.50",
        "{field}：{value:?} 不是金额；应如 4999 或 4999.50",
    ),
    (
        "{field}: {value:?} is negative; amounts are zero or more",
        "{field}：{value:?} 为负数；金额应为零或正数",
    ),
    (
        "--from: {from_date} is after --to {to_date}",
        "--from：{from_date} 晚于 --to {to_date}",
    ),
    (
        "--from: {from_date} is after --as-of {as_of}; give --to for a period that ends later",
        "--from：{from_date} 晚于 --as-of {as_of}；期间结束得更晚时请给出 --to",
    ),
    (
        "the register holds an unknown role {other:?}",
        "登记簿中有未知角色 {other:?}",
    ),
    (
        "it is {status}, a final state: no `{}` or any other step may follow",
        "其状态为 {status}，已终结：不能再进行 `{}` 或任何其他步骤",
    ),
    (
        "it is {status}, and `{}` is not allowed from {status}; allowed: {}",
        "其状态为 {status}，状态 {status} 下不允许 `{}`；允许：{}",
    ),
    (
        "{field}: {value:?} has no description; expected {ITEM_FORM}",
        "{field}：{value:?} 没有品名；应为 {ITEM_FORM}",
    ),
    (
        "{field}: {value:?} has no quantity; expected {ITEM_FORM}",
        "{field}：{value:?} 没有数量；应为 {ITEM_FORM}",
    ),
    (
        "{field}: {value:?}: the quantity {q:?} is not a whole number from 1 to 1000000",
        "{field}：{value:?}：数量 {q:?} 不是 1 到 1000000 的整数",
    ),
    (
        "--purpose: a {kind} request {why}",
        "--purpose：{kind}申请{why}",
    ),
    (
        "--item: a retirement request names assets (--asset TAG), not items",
        "--item：报废申请列出资产（--asset 资产编号），不列明细",
    ),
    (
        "--asset: a retirement request names the assets to retire (--asset TAG)",
        "--asset：报废申请须列出要报废的资产（--asset 资产编号）",
    ),
    (
        "--asset: a {kind} request names no assets; only a config-change (assets to replace) or a retirement does",
        "--asset：{kind}申请不列资产；只有配置申请（要更换的资产）或报废申请才列",
    ),
    (
        "--item: a {kind} request lists what it asks for, as --item \"{ITEM_FORM}\"",
        "--item：{kind}申请须列出所申请的物品，形如 --item \"{ITEM_FORM}\"",
    ),
    (
        "--budget: a project request states its budget in yuan (REQ-4)",
        "--budget：项目立项申请须写明预算（元）（REQ-4）",
    ),
    (
        "--register: a {kind} request is fulfilled by registering the purchased assets (--register FILE.csv) or reallocating existing ones (--reallocate TAG), so that they record it (REQ-5)",
        "--register：{kind}申请的办结方式是登记新购资产（--register 文件.csv）或调剂现有资产（--reallocate 资产编号），以便资产记录该申请（REQ-5）",
    ),
    (
        "--register: a {kind} request registers no assets; only a config-plan or config-change does",
        "--register：{kind}申请不登记资产；只有配置需求计划或配置申请才登记",
    ),
    (
        "--reallocate: a {kind} request reallocates no assets; only a config-plan or config-change does",
        "--reallocate：{kind}申请不调剂资产；只有配置需求计划或配置申请才调剂",
    ),
    ("--file: cannot read {file}", "--file：无法读取 {file}"),
    (
        "{file}: the file is not valid UTF-8 (save it as UTF-8)",
        "{file}：文件不是有效的 UTF-8（请另存为 UTF-8）",
    ),
    (
        "{file}: the file holds no tags",
        "{file}：文件中没有资产编号",
    ),
    (
        "{file}: line {line}: {tag:?} is not a tag (it contains white space)",
        "{file}：第 {line} 行：{tag:?} 不是资产编号（含有空白字符）",
    ),
    ("{file}: line 1: {}", "{file}：第 1 行：{}"),
    (
        "{file}: line 1: the header has no tag column; name it one of {}",
        "{file}：第 1 行：表头中没有资产编号列；请将其命名为以下之一：{}",
    ),
    ("{file}: line {line}: {}", "{file}：第 {line} 行：{}"),
    (
        "{field}: {value:?} is not a date; expected {DATE_FORMS}",
        "{field}：{value:?} 不是日期；应为 {DATE_FORMS}",
    ),
    (
        "{field}: {value:?} does not exist in the time zone {tz}",
        "{field}：{value:?} 在时区 {tz} 中不存在",
    ),
    (
        "the register holds a malformed time {stored:?}",
        "登记簿中有格式错误的时间 {stored:?}",
    ),
    (
        "{field}: {value:?} is not an interval; expected {INTERVAL_FORMS}",
        "{field}：{value:?} 不是时间间隔；应为 {INTERVAL_FORMS}",
    ),
    (
        "{field}: {value:?} is longer than a century; intervals are at most 100 years",
        "{field}：{value:?} 超过一个世纪；时间间隔最长 100 年",
    ),
    (
        "{field}: {value:?} is not a quarter; expected YYYYQn, e.g. 2026Q4",
        "{field}：{value:?} 不是季度；应为 YYYYQn，例如 2026Q4",
    ),
    ("looking up an asset", "查找资产"),
    (
        "TAG: no asset {tag:?} in the register",
        "TAG：登记簿中没有资产 {tag:?}",
    ),
    (
        "--tag: the tags {stem}NNNN are used up; give one with --tag",
        "--tag：编号 {stem}NNNN 已用完；请用 --tag 指定一个",
    ),
    (
        "{}: {name:?} is not registered, and the row has no dept to add them to",
        "{}：{name:?} 未登记，且该行没有可将其加入的部门（dept）",
    ),
    (
        "{}: a custodian needs the row's dept",
        "{}：责任人需要该行的部门（dept）",
    ),
    (
        "{}: {tag:?} is already in the register",
        "{}：{tag:?} 已在登记簿中",
    ),
    ("listing assets", "列出资产"),
    (
        "TAG: {} is {} and cannot be transferred",
        "TAG：{} 为 {}，不能变更",
    ),
    (
        "{}: the transfer changes nothing; give a new --dept, --custodian or --location",
        "{}：这次变更没有改变任何内容；请给出新的 --dept、--custodian 或 --location",
    ),
    (
        "TAG: {} is disposed; it can no longer be maintained",
        "TAG：{} 已处置；不能再登记维护",
    ),
    (
        "--charge-to: {} has no department to charge the cost to; name one",
        "--charge-to：{} 没有可以计费的部门；请指定一个",
    ),
    ("looking up a serial number", "查找序列号"),
    ("reading a maintenance record", "读取维护记录"),
    (
        "--dept: {} has no department; name the liable department",
        "--dept：{} 没有所属部门；请指定责任部门",
    ),
    (
        "--person: {} has no custodian; name the liable person",
        "--person：{} 没有责任人；请指定责任人",
    ),
    (
        "TAG: {} is {}; only an approved request changes that",
        "TAG：{} 为 {}；只有经批准的申请才能改变它",
    ),
    ("STATUS: {} is already {to}", "STATUS：{} 已经是 {to}"),
    (
        "TAG: {} is {}; it cannot become {to}",
        "TAG：{} 为 {}；不能变为 {to}",
    ),
    (
        "--by: {other:?} is not one of dept, location, kind, status",
        "--by：{other:?} 不是 dept、location、kind、status 之一",
    ),
    (
        "finding serial numbers registered twice",
        "查找重复登记的序列号",
    ),
    (
        "--config: import.asset.values.{other}: only kind, status and network have words",
        "--config：import.asset.values.{other}：只有 kind、status 和 network 可以配置对应词",
    ),
    (
        "--config: import.asset.values.{field}: {word:?} = {value:?}: {value:?} is not one of {}",
        "--config：import.asset.values.{field}：{word:?} = {value:?}：{value:?} 不是以下之一：{}",
    ),
    (
        "{}: {v:?}: an asset leaves service only through an approved retirement request (AST-6); import it with its last status and file a retirement request, or leave the row out",
        "{}：{v:?}：资产只能经批准的报废申请退出使用（AST-6）；请按其最后状态导入并提交报废申请，或去掉该行",
    ),
    (
        "{}: {:?} is also the tag of {first}",
        "{}：{:?} 也是 {first} 的资产编号",
    ),
    (
        "{}: serial number {:?} is also on {first}",
        "{}：序列号 {:?} 也在 {first} 上",
    ),
    (
        "{}: {t:?} is already in the register; to update registered assets from the file, import it with --update",
        "{}：{t:?} 已在登记簿中；要用文件更新已登记的资产，请加 --update 导入",
    ),
    (
        "{}: serial number {:?} is already registered, as {tag}{}",
        "{}：序列号 {:?} 已登记，为 {tag}{}",
    ),
    (
        "{}: {tag} is {}; an import does not change an asset out of service",
        "{}：{tag} 为 {}；导入不改变已退出使用的资产",
    ),
    (
        "the audited key column {table}.{key} is missing",
        "缺少受审计表的键列 {table}.{key}",
    ),
    (
        "reading the head of the audit trail",
        "读取审计日志的最新记录",
    ),
    (
        "--anchor: {value:?} is not an anchor; expected SEQ:HASH as printed by `infogov audit head`",
        "--anchor：{value:?} 不是锚点；应为 `infogov audit head` 打印的 SEQ:HASH",
    ),
    (
        "{field}: not {len} bytes of hex",
        "{field}：不是 {len} 字节的十六进制数",
    ),
    ("{field}: not 32 bytes", "{field}：不是 32 字节"),
    (
        "{field}: {:?} is not an Ed25519 public key",
        "{field}：{:?} 不是 Ed25519 公钥",
    ),
    ("no random numbers: {e}", "无法取得随机数：{e}"),
    (
        "--out: cannot create {} (an existing key is never overwritten)",
        "--out：无法创建 {}（已有的密钥绝不覆盖）",
    ),
    ("--out: cannot write {}", "--out：无法写入 {}"),
    ("--key: cannot read {}", "--key：无法读取 {}"),
    (
        "--key: {} is not a key made by `infogov audit keygen`",
        "--key：{} 不是 `infogov audit keygen` 生成的密钥",
    ),
    ("--key: not 32 bytes", "--key：不是 32 字节"),
    ("storing the checkpoint", "保存检查点"),
    (
        "entry {} is already checkpointed; nothing was signed",
        "第 {} 条记录已有检查点；未签名任何内容",
    ),
    ("reading the checkpoints", "读取检查点"),
    ("preparing an insert into {}", "准备插入 {}"),
    ("inserting into {}", "插入 {}"),
    (
        "an insert meant for one {} row inserted {n}",
        "本应向 {} 插入一行，却插入了 {n} 行",
    ),
    ("reading back the new {} row", "读回新插入的 {} 行"),
    ("preparing a change to {}", "准备修改 {}"),
    ("changing {}", "修改 {}"),
    ("no {} row matched the change", "没有与修改相符的 {} 行"),
    (
        "a change meant for one {} row matched several",
        "本应修改一行 {}，却匹配了多行",
    ),
    ("preparing an audit entry", "准备审计记录"),
    ("appending an audit entry", "追加审计记录"),
    ("committing the change to the register", "向登记簿提交修改"),
    (
        "the change was committed, but its head could not be witnessed",
        "修改已提交，但其最新记录未能写入见证文件",
    ),
    ("reading the register's schema", "读取登记簿的结构"),
    ("opening a scratch database", "打开临时数据库"),
    (
        "starting a read transaction to verify in",
        "开始用于校验的读事务",
    ),
    ("reading {} to verify it", "读取 {} 以校验"),
    (
        "reading the actors of the newest entries",
        "读取最新记录的操作人",
    ),
    ("reading the newest entries", "读取最新记录"),
    (
        "creating the folder of the witness file {}",
        "创建见证文件 {} 所在的文件夹",
    ),
    ("opening the witness file {}", "打开见证文件 {}"),
    ("writing the witness file {}", "写入见证文件 {}"),
    ("reading the witness file {}", "读取见证文件 {}"),
    (
        "the register holds a malformed backup limit {s:?}",
        "登记簿中有格式错误的备份限值 {s:?}",
    ),
    ("reading a backup policy", "读取备份策略"),
    ("reading a recovery point objective", "读取恢复点目标"),
    ("looking up a backup run", "查找备份记录"),
    (
        "{file}: {}: the row names no system; add a system column or pass --system",
        "{file}：{}：该行未指明系统；请添加 system 列或使用 --system",
    ),
    (
        "{file}: {}: {} backup {} is already recorded for system {other}, not {this}",
        "{file}：{}：{} 备份 {} 已登记在系统 {other} 下，而不是 {this}",
    ),
    ("looking up an information system", "查找信息系统"),
    ("reading restore drills", "读取恢复演练"),
    ("reading backup runs", "读取备份记录"),
    ("preparing the backup check", "准备备份检查"),
    ("running the backup check", "运行备份检查"),
    (
        "the register holds a malformed LSN {s:?}",
        "登记簿中有格式错误的 LSN {s:?}",
    ),
    (
        "looking up the base of a restore chain",
        "查找恢复链的基础备份",
    ),
    (
        "looking up the oldest restorable backup",
        "查找最早的可恢复备份",
    ),
    ("reading the restore chains", "读取恢复链"),
    (
        "{field}: {name:?} is not a recorded run of this system; give its backup id as `backup runs` shows it",
        "{field}：{name:?} 不是该系统已登记的备份；请给出 `backup runs` 所示的备份标识",
    ),
    ("looking for the IT office", "查找信息科"),
    (
        "--owner-dept: the built-in system {} does not exist yet and the IT office's department cannot be told (people with the office role are in {} departments); name the department that owns the register, e.g. --owner-dept 信息科, or set backup.register_owner_dept in the config",
        "--owner-dept：内置系统 {} 尚不存在，且无法确定信息科所在部门（具有信息科角色的人员分属 {} 个部门）；请指定登记簿的主管部门，例如 --owner-dept 信息科，或在配置文件中设置 backup.register_owner_dept",
    ),
    ("looking up the built-in system", "查找内置系统"),
    (
        "--owner-dept: name the department that owns the built-in system {}",
        "--owner-dept：请指定内置系统 {} 的主管部门",
    ),
    (
        "starting the online backup of the register",
        "开始登记簿的在线备份",
    ),
    ("copying the register", "复制登记簿"),
    (
        "copying the register: it stayed locked for 30 seconds",
        "复制登记簿：登记簿被锁定达 30 秒",
    ),
    ("making the copy self-contained", "使副本自成一体"),
    (
        "making the copy self-contained: journal mode stayed {mode}",
        "使副本自成一体：日志模式仍为 {mode}",
    ),
    ("closing the copy", "关闭副本"),
    ("cannot read {}", "无法读取 {}"),
    ("{field}: cannot read {shown}", "{field}：无法读取 {shown}"),
    (
        "{field}: {shown} is not a file",
        "{field}：{shown} 不是文件",
    ),
    ("{field}: cannot open {shown}", "{field}：无法打开 {shown}"),
    (
        "{field}: {shown} has schema version {version}, newer than this infogov understands ({SCHEMA_VERSION})",
        "{field}：{shown} 的结构版本为 {version}，比本 infogov 能识别的（{SCHEMA_VERSION}）更新",
    ),
    (
        "{field}: {shown}: integrity_check could not run",
        "{field}：{shown}：无法运行 integrity_check",
    ),
    (
        "{field}: {shown} is damaged: integrity_check found {} problem(s), first: {}",
        "{field}：{shown} 已损坏：integrity_check 发现 {} 个问题，第一个：{}",
    ),
    (
        "{field}: {shown}: the audit trail could not be read",
        "{field}：{shown}：无法读取审计日志",
    ),
    (
        "{field}: {shown}: the audit trail does not verify ({} problem(s)); first: {} {}",
        "{field}：{shown}：审计日志校验未通过（{} 个问题）；第一个：{} {}",
    ),
    (
        "looking for the quarter's approved plan",
        "查找本季度已批准的计划",
    ),
    (
        "looking up the department's stated need",
        "查找部门申报的需求",
    ),
    ("looking up a consumable item", "查找耗材品目"),
    (
        "SKU: no consumable item {sku:?}; add it with `infogov consumable item add`",
        "SKU：没有耗材品目 {sku:?}；请用 `infogov consumable item add` 新增",
    ),
    ("listing consumable categories", "列出耗材品类"),
    (
        "{field}: {category:?} is not a known category ({}); check the spelling{hint}",
        "{field}：{category:?} 不是已知品类（{}）；请检查拼写{hint}",
    ),
    (
        "SKU: {:?} must not contain white space",
        "SKU：{:?} 不能含有空白字符",
    ),
    (
        "SKU: {:?} is already in the catalogue",
        "SKU：{:?} 已在品目中",
    ),
    (
        "{}: nothing to change; give a new --name, --category or --reorder-level",
        "{}：没有要修改的内容；请给出新的 --name、--category 或 --reorder-level",
    ),
    ("reading the stock of an item", "读取品目的库存"),
    (
        "reading the later balances of an item",
        "读取品目之后的结存",
    ),
    (
        "QTY: cannot {what} {qty} {} of {}: only {on_date} in stock on {date}",
        "QTY：无法{what} {qty} {}：{}：{date} 库存只有 {on_date}",
    ),
    (
        "QTY: cannot {what} {qty} {} of {} on {date}: {on_date} in stock then, but later movements need all but {}",
        "QTY：无法在 {date} {what} {qty} {}：{}：当时库存 {on_date}，但之后的出入库只允许减少 {}",
    ),
    (
        "reading the last purchase price of an item",
        "读取品目最近一次的采购单价",
    ),
    ("reading the quota in force", "读取现行定额"),
    (
        "reading a department's use in a quarter",
        "读取部门一个季度的用量",
    ),
    (
        "QTY: issuing {} brings {dept_name}'s {} use in {q} to {after}, over its quota of {quota} ({before} used); to issue anyway add --over-quota --reason TEXT",
        "QTY：领用 {} 将使 {dept_name} 在 {q} 的 {} 用量达到 {after}，超过其定额 {quota}（已用 {before}）；如仍要领用，请加 --over-quota --reason 原因",
    ),
    (
        "--reason: an issue over quota needs a reason",
        "--reason：超定额领用须说明原因",
    ),
    ("reading a quota", "读取定额"),
    ("listing quotas", "列出定额"),
    ("reading the quotas in force", "读取现行定额"),
    (
        "reading the use of the last four quarters",
        "读取近四个季度的用量",
    ),
    ("reading opening balances", "读取期初结存"),
    ("reading the ledger", "读取台账"),
    ("a movement of an unknown item", "未知品目的出入库记录"),
    (
        "--by: {other:?} is not one of {}",
        "--by：{other:?} 不是以下之一：{}",
    ),
    ("--by: {key} is named twice", "--by：{key} 指定了两次"),
    ("totalling the ledger", "汇总台账"),
    ("assessing use against quota", "对照定额评估用量"),
    ("looking for consumable items", "查找耗材品目"),
    (
        "ID: {movement} is the reversal of the voided movement {of}; it is not voided itself",
        "ID：{movement} 是已作废记录 {of} 的冲销记录；它本身不能作废",
    ),
    ("reading a movement", "读取出入库记录"),
    ("reading a movement's item", "读取出入库记录的品目"),
    (
        "ID: movement {movement} ({kind} of {qty} {} of {}) cannot be voided: its reversal takes {qty} out of stock on {date}, and only {} can leave then without a later movement going short",
        "ID：记录 {movement}（{kind} {qty} {}：{}）不能作废：其冲销将在 {date} 从库存中减去 {qty}，而当时最多只能减少 {}，否则之后的出入库会出现负库存",
    ),
    ("looking up a void", "查找作废记录"),
    ("looking up a reversal", "查找冲销记录"),
    ("looking up {} {id}", "查找 {} {id}"),
    ("ID: there is no {} {}", "ID：没有 {} {}"),
    (
        "ID: {} {} is already void ({reason}, by {by}); nothing is voided twice",
        "ID：{} {} 已作废（{reason}，操作人 {by}）；同一记录不能作废两次",
    ),
    ("reading {table}.{column}", "读取 {table}.{column}"),
    (
        "the edit changes nothing; every value given is the one recorded",
        "这次修改没有改变任何内容；给出的每个值都与登记的相同",
    ),
    (
        "--{option}: {:?} is already taken by another record",
        "--{option}：{:?} 已被另一条记录使用",
    ),
    ("looking up a department", "查找部门"),
    ("looking up a person", "查找人员"),
    (
        "{field}: {value:?} is both a department and a person; write NAME@DEPT for the person",
        "{field}：{value:?} 既是部门也是人员；指人员时请写 姓名@部门",
    ),
    (
        "{field}: no department or person {value:?}",
        "{field}：没有部门或人员 {value:?}",
    ),
    (
        "{field}: {k:?} is not an asset kind; expected one of {}",
        "{field}：{k:?} 不是资产类别；应为以下之一：{}",
    ),
    (
        "{field}: {value:?} is not an asset kind, department or information system; expected {SCOPE_FORMS}",
        "{field}：{value:?} 不是资产类别、部门或信息系统；应为 {SCOPE_FORMS}",
    ),
    (
        "{field}: {value:?} names more than one of an asset kind, a department and a system; write {SCOPE_FORMS}",
        "{field}：{value:?} 同时是资产类别、部门和系统中的多个；请写 {SCOPE_FORMS}",
    ),
    (
        "the register holds a malformed date",
        "登记簿中有格式错误的日期",
    ),
    (
        "the register holds a malformed interval",
        "登记簿中有格式错误的时间间隔",
    ),
    ("reading the duties", "读取职责"),
    ("looking up a duty", "查找职责"),
    (
        "NAME: no duty {name:?}; see `infogov duty list --all`",
        "NAME：没有职责 {name:?}；见 `infogov duty list --all`",
    ),
    (
        "--counts: a duty scoped to an information system cannot count asset maintenance; scope it to an asset kind or a department",
        "--counts：限于信息系统的职责不能计入资产维护；请将其范围设为资产类别或部门",
    ),
    ("NAME: a duty needs a name", "NAME：职责需要一个名称"),
    (
        "NAME: a duty {name:?} already exists",
        "NAME：职责 {name:?} 已存在",
    ),
    ("NAME: the duty {} is retired", "NAME：职责 {} 已停用"),
    (
        "{}: the edit changes nothing",
        "{}：这次修改没有改变任何内容",
    ),
    (
        "NAME: the duty {} was already retired on {r}",
        "NAME：职责 {} 已于 {r} 停用",
    ),
    (
        "NAME: the duty {} was retired on {r} and is no longer tracked",
        "NAME：职责 {} 已于 {r} 停用，不再跟踪",
    ),
    ("looking up the duty's system", "查找职责所属的系统"),
    (
        "NAME: {} is the self-inspection of graded system {name}; record it with `infogov grade inspect {name} --date {} --findings TEXT`, which this duty counts",
        "NAME：{} 是已定级系统 {name} 的自查；请用 `infogov grade inspect {name} --date {} --findings 内容` 登记，该职责会计入它",
    ),
    (
        "--date: {} is after today ({today}); record a duty when it has been done",
        "--date：{} 晚于今天（{today}）；职责完成后再登记",
    ),
    (
        "--date: {} has a voided completion on {} ({reason}); the register keeps one completion a day, so that day cannot be recorded again",
        "--date：{} 在 {} 有一条已作废的完成记录（{reason}）；登记簿每天只保留一条完成记录，因此这一天不能再登记",
    ),
    (
        "--date: {} is already recorded done on {}",
        "--date：{} 已登记在 {} 完成",
    ),
    ("reading a duty's completions", "读取职责的完成记录"),
    (
        "reading the maintenance that counts towards a duty",
        "读取计入职责的维护记录",
    ),
    (
        "reading the drills that count towards a duty",
        "读取计入职责的恢复演练",
    ),
    (
        "reading the plan approvals that count towards a duty",
        "读取计入职责的计划批准",
    ),
    ("reading a duty's history", "读取职责的历史"),
    (
        "reading the duties done in a period",
        "读取期间内完成的职责",
    ),
    ("reading the information systems", "读取信息系统"),
    ("reading the departments", "读取部门"),
    (
        "looking up the system's password duty",
        "查找系统的口令更换职责",
    ),
    (
        "SYSTEM: the duty {name} exists but does not track the password of {sys_name} (retired, or another scope); see `infogov duty show {name}`",
        "SYSTEM：职责 {name} 存在，但不跟踪 {sys_name} 的口令（已停用，或范围不同）；见 `infogov duty show {name}`",
    ),
    ("reading the steps of a grading", "读取定级的各步骤"),
    (
        "--date: the grading of {} dated {} has no expert review yet; the approval follows it (`infogov grade review {}`)",
        "--date：{} 在 {} 的定级尚无专家评审；主管部门审核在其后（`infogov grade review {}`）",
    ),
    ("--date: {date}: {e}", "--date：{date}：{e}"),
    ("looking up the grading's filing", "查找定级的备案"),
    (
        "SYSTEM: the grading of {} dated {} was filed and accepted on {f}; a rejected filing is one the bureau did not accept",
        "SYSTEM：{} 在 {} 的定级已于 {f} 备案并获受理；未通过的备案是公安机关未受理的备案",
    ),
    ("looking up the system's filing", "查找系统的备案"),
    (
        "SYSTEM: {} has no filing to cancel",
        "SYSTEM：{} 没有可撤销的备案",
    ),
    (
        "SYSTEM: the filing of {} was already cancelled on {c}",
        "SYSTEM：{} 的备案已于 {c} 撤销",
    ),
    (
        "--date: {date} is before the filing of {} on {f} it cancels",
        "--date：{date} 早于其所撤销的 {} 于 {f} 的备案",
    ),
    (
        "{field}: no information system {name:?}; add it with `infogov system add`",
        "{field}：没有信息系统 {name:?}；请用 `infogov system add` 新增",
    ),
    (
        "the register holds a malformed date {s:?}",
        "登记簿中有格式错误的日期 {s:?}",
    ),
    ("finding the system's grade", "查找系统的等级"),
    (
        "--date: {} was not graded on {date} (its first grading is dated {}); {what} is made against a grade",
        "--date：{} 在 {date} 尚未定级（其首次定级日期为 {}）；{what}须对照等级进行",
    ),
    (
        "SYSTEM: {} has no grade; grade it first with `infogov grade assess {}` ({what} is made against a grade)",
        "SYSTEM：{} 没有等级；请先用 `infogov grade assess {}` 定级（{what}须对照等级进行）",
    ),
    ("finding the first grading", "查找首次定级"),
    ("reading an assessment", "读取定级评估"),
    (
        "SYSTEM: the grading of {} dated {} was already reviewed by experts on {d}; a new review follows a new grading",
        "SYSTEM：{} 在 {} 的定级已于 {d} 经专家评审；新的评审须在新的定级之后",
    ),
    (
        "SYSTEM: the grading of {} dated {} was already approved on {d}; a new approval follows a new grading",
        "SYSTEM：{} 在 {} 的定级已于 {d} 经主管部门审核；新的审核须在新的定级之后",
    ),
    (
        "looking up rejections of the grading's filing",
        "查找该定级备案未通过的记录",
    ),
    (
        "SYSTEM: the filing of {}'s grading dated {} was rejected on {r}; re-grade it with `infogov grade assess {}` and file the new grading",
        "SYSTEM：{} 在 {} 的定级备案已于 {r} 未获通过；请用 `infogov grade assess {}` 重新定级，并为新的定级备案",
    ),
    (
        "--due: {due} is before the item is opened ({opened})",
        "--due：{due} 早于该项的提出日期（{opened}）",
    ),
    ("looking up {what} {id}", "查找{what} {id}"),
    (
        "{field}: there is no {what} {id}; `infogov grade show {}` lists them",
        "{field}：没有{what} {id}；`infogov grade show {}` 会列出它们",
    ),
    (
        "{field}: {what} {id} is not of {}",
        "{field}：{what} {id} 不属于 {}",
    ),
    (
        "--date: the item opens on {opened}, before {what} {id} of {d} it comes from",
        "--date：该项提出于 {opened}，早于其来源{what} {id}（{d}）",
    ),
    ("looking up a rectification item", "查找整改项"),
    (
        "ID: there is no rectification item {id}; `infogov grade rectify list` lists them",
        "ID：没有整改项 {id}；`infogov grade rectify list` 会列出它们",
    ),
    (
        "ID: rectification item {id} of {system} was already done on {d}",
        "ID：{system} 的整改项 {id} 已于 {d} 完成",
    ),
    (
        "ID: rectification item {id} of {system} is void ({reason})",
        "ID：{system} 的整改项 {id} 已作废（{reason}）",
    ),
    (
        "--date: {date} is before rectification item {id} was opened ({opened})",
        "--date：{date} 早于整改项 {id} 的提出日期（{opened}）",
    ),
    ("STAGE: {} is already {to}", "STAGE：{} 已经是 {to}"),
    (
        "STAGE: {} has no grade; a system is graded before it goes into service (GRD-6): `infogov grade assess {}`",
        "STAGE：{} 没有等级；系统在投入运行前须定级（GRD-6）：`infogov grade assess {}`",
    ),
    ("reading grading records", "读取定级记录"),
    ("reading who recorded it", "读取登记人"),
    (
        "reading the records that name a grading record",
        "读取引用定级记录的记录",
    ),
    ("reading people's logins", "读取人员的登录名"),
    ("reading a person's login", "读取人员的登录名"),
    (
        "--login: {login:?} is not an OS login name",
        "--login：{login:?} 不是操作系统登录名",
    ),
    ("checking people's roles", "检查人员的角色"),
    ("looking up an asset's service life", "查找资产的使用年限"),
    ("reading an asset's service life", "读取资产的使用年限"),
    (
        "--by: {other:?} is not one of dept, kind",
        "--by：{other:?} 不是 dept、kind 之一",
    ),
    (
        "--db: {} is empty, not an infogov register; create a register with `infogov init`",
        "--db：{} 是空文件，不是 infogov 登记簿；请用 `infogov init` 创建登记簿",
    ),
    (
        "--db: {} is a SQLite database of another program, not an infogov register",
        "--db：{} 是其他程序的 SQLite 数据库，不是 infogov 登记簿",
    ),
    (
        "--db: the register {} has schema version {version}, newer than this infogov understands ({SCHEMA_VERSION}); upgrade infogov",
        "--db：登记簿 {} 的结构版本为 {version}，比本 infogov 能识别的（{SCHEMA_VERSION}）更新；请升级 infogov",
    ),
    (
        "--db: {} is not an infogov register",
        "--db：{} 不是 infogov 登记簿",
    ),
    (
        "reading the register's application id",
        "读取登记簿的应用标识",
    ),
    ("starting the schema creation", "开始创建结构"),
    ("inspecting a new register", "检查新登记簿"),
    ("ending the schema inspection", "结束结构检查"),
    ("creating the register schema", "创建登记簿结构"),
    ("stamping the schema version", "写入结构版本"),
    ("committing the new schema", "提交新结构"),
    ("starting a schema migration", "开始结构迁移"),
    (
        "migrating the register to schema version {to}",
        "将登记簿迁移到结构版本 {to}",
    ),
    ("committing a schema migration", "提交结构迁移"),
    (
        "--db: {} holds a {object} that infogov did not create (planted behind the tool's back); refusing to use it; `infogov audit verify` names every such change",
        "--db：{} 含有不是 infogov 创建的 {object}（绕过本工具添加）；拒绝使用；`infogov audit verify` 会列出每一处此类修改",
    ),
    (
        "--db: the register {} does not exist; create it with `infogov init`",
        "--db：登记簿 {} 不存在；请用 `infogov init` 创建",
    ),
    (
        "--db: the register {} has schema version {version} and this infogov needs {}; it cannot be upgraded because {why}",
        "--db：登记簿 {} 的结构版本为 {version}，本 infogov 需要 {}；无法升级，因为 {why}",
    ),
    ("setting connection pragmas", "设置连接参数"),
    (
        "--db: {} is not a regular file; a register is a file of its own",
        "--db：{} 不是普通文件；登记簿应是一个独立的文件",
    ),
    (
        "--db: the folder {} does not exist; create it first (only the default data folder is created)",
        "--db：文件夹 {} 不存在；请先创建（只有默认数据文件夹会自动创建）",
    ),
    (
        "--db: cannot create the directory {}",
        "--db：无法创建目录 {}",
    ),
    (
        "--db: the register {} is read-only ({why}); this command changes it",
        "--db：登记簿 {} 是只读的（{why}）；此命令需要修改它",
    ),
    ("--db: cannot open {}", "--db：无法打开 {}"),
    ("setting the busy timeout", "设置忙等待超时"),
    (
        "--db: the register {} is read-only; this command changes it",
        "--db：登记簿 {} 是只读的；此命令需要修改它",
    ),
    (
        "--db: {} cannot use write-ahead logging (journal mode {mode})",
        "--db：{} 无法使用预写日志（日志模式 {mode}）",
    ),
    (
        "--db: {} holds a {object} that infogov did not create (planted behind the tool's back); refusing to write",
        "--db：{} 含有不是 infogov 创建的 {object}（绕过本工具添加）；拒绝写入",
    ),
    (
        "starting a write transaction on the register",
        "开始登记簿的写事务",
    ),
    (
        "the register {} is read-only (or its folder is); this command changes it",
        "登记簿 {} 是只读的（或其所在文件夹是只读的）；此命令需要修改它",
    ),
    ("--db: cannot create {}", "--db：无法创建 {}"),
    (
        "--db: cannot make {} private",
        "--db：无法将 {} 设为仅本人可访问",
    ),
    ("registering the pinyin collation", "注册拼音排序规则"),
    (
        "registering the register's SQL functions",
        "注册登记簿的 SQL 函数",
    ),
    (
        "{field}: no department {name:?}; add it with `infogov dept add`",
        "{field}：没有部门 {name:?}；请用 `infogov dept add` 新增",
    ),
    (
        "{field}: no person {value:?}; add them with `infogov person add`",
        "{field}：没有人员 {value:?}；请用 `infogov person add` 新增",
    ),
    (
        "{field}: {value:?} names {} people (in {}); write NAME@DEPT",
        "{field}：{value:?} 对应 {} 人（分属 {}）；请写 姓名@部门",
    ),
    ("--code: must not be empty", "--code：不能为空"),
    ("NAME: a department needs a name", "NAME：部门需要一个名称"),
    (
        "NAME: a department {name:?} already exists",
        "NAME：部门 {name:?} 已存在",
    ),
    (
        "--code: {c:?} is already used by another department",
        "--code：{c:?} 已被另一个部门使用",
    ),
    ("NAME: a person needs a name", "NAME：人员需要一个姓名"),
    (
        "NAME: {name:?} is already registered in {}",
        "NAME：{name:?} 已登记在 {}",
    ),
    (
        "NAME: an information system needs a name",
        "NAME：信息系统需要一个名称",
    ),
    (
        "NAME: an information system {name:?} already exists",
        "NAME：信息系统 {name:?} 已存在",
    ),
    ("checking departments", "检查部门"),
    (
        "reading the steps recorded on behalf",
        "读取代他人登记的步骤",
    ),
    (
        "reading the report's {section} {metric}",
        "读取报告的 {section} {metric}",
    ),
    ("reading the report's backups", "读取报告的备份"),
    ("reading the report's drills", "读取报告的恢复演练"),
    ("reading the report's requests", "读取报告的申请"),
    (
        "reading the report's consumables issued",
        "读取报告的耗材领用",
    ),
    (
        "reading the report's over-quota issues and adjustments",
        "读取报告的超定额领用和盘点调整",
    ),
    (
        "reading the report's unplanned receipts",
        "读取报告的计划外入库",
    ),
    (
        "reading the report's grading {metric}",
        "读取报告的等级保护 {metric}",
    ),
    (
        "reading the days each duty was done",
        "读取各职责的完成日期",
    ),
    ("reading the report's voids", "读取报告的作废记录"),
    ("reading the report's amendments", "读取报告的修订记录"),
    ("looking up a request", "查找申请单"),
    (
        "ID: no request {id}; see `infogov request list`",
        "ID：没有申请单 {id}；见 `infogov request list`",
    ),
    (
        "{field}: no asset {tag:?} in the register",
        "{field}：登记簿中没有资产 {tag:?}",
    ),
    ("--title: must not be empty", "--title：不能为空"),
    (
        "--actor: {} is {}; the quarterly consumables plan is drafted by the office (CON-2)",
        "--actor：{} 是 {}；耗材采购季度计划由信息科编制（CON-2）",
    ),
    ("--asset: {} is named twice", "--asset：{} 指定了两次"),
    ("--asset: {} is already {}", "--asset：{} 已经是 {}"),
    (
        "--asset: {} belongs to {}, not {}; a department applies to retire its own assets (AST-6)",
        "--asset：{} 属于 {}，不属于 {}；部门只能申请报废本部门的资产（AST-6）",
    ),
    (
        "--asset: {} is already named by retirement request {other} ({status})",
        "--asset：{} 已列在报废申请 {other}（{status}）中",
    ),
    (
        "looking for an open retirement request",
        "查找未办结的报废申请",
    ),
    ("ID: request {}: {e}", "ID：申请单 {}：{e}"),
    (
        "--actor: {} is not the requester of request {} ({}); only the requester may {command} it",
        "--actor：{} 不是申请单 {}（{}）的申请人；只有申请人可以{command}",
    ),
    (
        "--actor: {} is {}; `{command}` needs the {} role",
        "--actor：{} 是 {}；`{command}` 需要 {} 角色",
    ),
    (
        "--actor: {} filed request {} and may not {command} it; nobody reviews or approves their own request (REQ-6)",
        "--actor：{} 填报了申请单 {}，不能{command}；任何人都不能审核或批准自己的申请（REQ-6）",
    ),
    (
        "--comment: a rejection states why",
        "--comment：驳回须说明理由",
    ),
    (
        "--as-of: {} is before the day of the request's last step ({}); steps are recorded in order",
        "--as-of：{} 早于该申请最后一步的日期（{}）；步骤须按顺序登记",
    ),
    (
        "a request is fulfilled with `infogov request fulfil`",
        "申请的办结用 `infogov request fulfil`",
    ),
    (
        "--to-dept: goes with --reallocate TAG",
        "--to-dept：须与 --reallocate 资产编号 一起使用",
    ),
    (
        "--custodian: goes with --reallocate TAG",
        "--custodian：须与 --reallocate 资产编号 一起使用",
    ),
    (
        "--register: request {id} was approved for {approved} items in all, but its fulfilment would bring {brought} assets; file a new request for the rest",
        "--register：申请单 {id} 共批准 {approved} 件，但办结将登记 {brought} 台资产；其余的请另行申请",
    ),
    (
        "ID: {} has moved to {now} since request {id} of {} asked to retire it; withdraw or reject the request",
        "ID：自申请单 {id}（{}）申请报废以来，{} 已变为 {now}；请撤回或驳回该申请",
    ),
    ("reading a request's assets", "读取申请单的资产"),
    (
        "--register: {} lists no assets",
        "--register：{} 中没有资产",
    ),
    ("{file}: cannot read the file", "{file}：无法读取该文件"),
    (
        "--custodian: {} is in {}, not {dept_name}",
        "--custodian：{} 属于 {}，不属于 {dept_name}",
    ),
    (
        "--reallocate: {} is named twice",
        "--reallocate：{} 指定了两次",
    ),
    (
        "--reallocate: {} is already in {dept_name}",
        "--reallocate：{} 已在 {dept_name}",
    ),
    (
        "--reallocate: {} is named by retirement request {other} ({status}); settle that first",
        "--reallocate：{} 已列在报废申请 {other}（{status}）中；请先处理该申请",
    ),
    (
        "--custodian: {} is held by {} of {}; name its new custodian in {dept_name}",
        "--custodian：{} 由 {}（{}）保管；请指定其在 {dept_name} 的新责任人",
    ),
    ("--reallocate: {e:#}", "--reallocate：{e:#}"),
    (
        "--actor: {} is {}; the office disposes of retired assets (AST-6)",
        "--actor：{} 是 {}；已报废资产由信息科处置（AST-6）",
    ),
    ("TAG: {} is already disposed of", "TAG：{} 已处置"),
    (
        "TAG: {} is {other}; only an asset retired by an approved, fulfilled retirement request can be disposed of (AST-6)",
        "TAG：{} 为 {other}；只有经批准并办结的报废申请报废的资产才能处置（AST-6）",
    ),
    (
        "looking for the asset's retirement request",
        "查找资产的报废申请",
    ),
    (
        "TAG: {} is retired, but not by a fulfilled retirement request; it cannot be disposed of (AST-6)",
        "TAG：{} 已报废，但不是经已办结的报废申请报废的；不能处置（AST-6）",
    ),
    (
        "--date: {} is before {} was retired ({retired_on})",
        "--date：{} 早于 {} 的报废日期（{retired_on}）",
    ),
    ("listing requests", "列出申请单"),
    ("checking requests", "检查申请单"),
    (
        "looking for the quarter's plan request",
        "查找本季度的计划申请单",
    ),
    ("reading the register's time zone", "读取登记簿的时区"),
    ("NAME: the software needs a name", "NAME：软件需要一个名称"),
    (
        "--version-pattern: must not be empty; use '*' for every version",
        "--version-pattern：不能为空；所有版本请用 '*'",
    ),
    (
        "NAME: {existing} {pattern} is already on the approved list",
        "NAME：{existing} {pattern} 已在批准清单中",
    ),
    (
        "NAME: {name:?} with version pattern {p:?} is not on the approved list",
        "NAME：{name:?} 版本范围 {p:?} 不在批准清单中",
    ),
    (
        "NAME: {name:?} is not on the approved list",
        "NAME：{name:?} 不在批准清单中",
    ),
    ("reading the approved software list", "读取软件批准清单"),
    ("reading the software inventories", "读取软件清单"),
    ("reading the assets to label", "读取要打印标签的资产"),
    ("reading an asset to label", "读取要打印标签的资产"),
    (
        "TAG: no asset {t:?} in the register",
        "TAG：登记簿中没有资产 {t:?}",
    ),
    ("looking up a stock-take", "查找盘点"),
    (
        "ID: no stock-take {id}; `infogov asset stocktake list` shows them",
        "ID：没有盘点 {id}；`infogov asset stocktake list` 会列出它们",
    ),
    (
        "ID: stock-take {id} was closed on {c}; nothing more is counted in it (start a new one)",
        "ID：盘点 {id} 已于 {c} 结束；不能再计入（请开始新的盘点）",
    ),
    (
        "listing the assets a stock-take expects",
        "列出盘点应盘的资产",
    ),
    (
        "the scope holds no asset in service; there is nothing to count",
        "该范围内没有在用资产；没有可盘点的",
    ),
    ("looking up a stock-take line", "查找盘点明细"),
    ("looking up a scanned tag", "查找扫描到的资产编号"),
    (
        "TAG: {tag:?} is not expected in stock-take {}; only an expected asset can be missing",
        "TAG：{tag:?} 不在盘点 {} 的应盘范围内；只有应盘资产才会盘亏",
    ),
    ("reading the lines of a stock-take", "读取盘点明细"),
    (
        "reading the status before an asset went missing",
        "读取资产盘亏前的状态",
    ),
    ("reading the count sheet", "读取盘点表"),
    ("reading the stock-takes of the period", "读取期间内的盘点"),
    (
        "{file}: cannot read the file: {e}",
        "{file}：无法读取该文件：{e}",
    ),
    (
        "{file}: is UTF-16 text (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" or as .xlsx",
        "{file}：是 UTF-16 文本（Excel 的\"Unicode 文本\"）；请另存为\"CSV UTF-8\"或 .xlsx",
    ),
    (
        "{file}: line {line}: the text is neither UTF-8 nor GB18030 (GBK); save the file as \"CSV UTF-8\", or name its encoding with --encoding",
        "{file}：第 {line} 行：文本既不是 UTF-8 也不是 GB18030（GBK）；请将文件另存为\"CSV UTF-8\"，或用 --encoding 指定其编码",
    ),
    (
        "--map: {m:?} is not HEADER=FIELD, e.g. --map '使用科室=dept'",
        "--map：{m:?} 不是 表头=字段 的形式，例如 --map '使用科室=dept'",
    ),
    (
        "--map: {m:?}: {name:?} is not a field; expected one of {fields}",
        "--map：{m:?}：{name:?} 不是字段；应为以下之一：{fields}",
    ),
    (
        "--map: {file} has no column {h:?}; its headers are {}",
        "--map：{file} 没有列 {h:?}；其表头为 {}",
    ),
    (
        "--ignore: {file} has no column {h:?}; its headers are {}",
        "--ignore：{file} 没有列 {h:?}；其表头为 {}",
    ),
    (
        "{file}: {at}: columns {:?} ({}) and {:?} ({}) both give {f}; leave one out with --ignore",
        "{file}：{at}：列 {:?}（{}）和列 {:?}（{}）都给出 {f}；请用 --ignore 去掉其中一列",
    ),
    (
        "{file}: {at}: unknown {} {}; name the field of each with --map 'HEADER=FIELD' (fields: {fields}), or leave it out with --ignore 'HEADER'",
        "{file}：{at}：未知的{} {}；请用 --map '表头=字段' 指定每一列的字段（字段：{fields}），或用 --ignore '表头' 忽略",
    ),
    (
        "{file}: {at}: no column gives {r} (its header may be {}); or name it with --map 'HEADER={r}'",
        "{file}：{at}：没有给出 {r} 的列（其表头可能是 {}）；或用 --map '表头={r}' 指定",
    ),
    (
        "{field}: {value:?} is not an encoding; expected utf-8 or gb18030 (gbk)",
        "{field}：{value:?} 不是编码；应为 utf-8 或 gb18030（gbk）",
    ),
    ("FILE: cannot open {name}", "FILE：无法打开 {name}"),
    ("{name}: cannot read the file", "{name}：无法读取该文件"),
    (
        "--encoding: {name} is a workbook, which says its own encoding; --encoding is for CSV files",
        "--encoding：{name} 是工作簿，自带编码；--encoding 用于 CSV 文件",
    ),
    (
        "{file}: has no header row (the file holds only blank rows)",
        "{file}：没有表头行（文件中只有空行）",
    ),
    (
        "{file}: {}: cannot read the header row: {}",
        "{file}：{}：无法读取表头行：{}",
    ),
    (
        "{name}: is named .{ext} but is not a workbook ({looks}); open it in Excel or WPS and save it as .xlsx, or if it is CSV, rename it .csv",
        "{name}：扩展名为 .{ext}，但不是工作簿（{looks}）；请在 Excel 或 WPS 中打开并另存为 .xlsx，如果是 CSV 请改名为 .csv",
    ),
    (
        "{field}: {value:?} is not a day of the calendar",
        "{field}：{value:?} 不是日历上的日期",
    ),
    (
        "{field}: {value:?} is not an amount; expected e.g. 5600, 5600.50, ¥5,600.00 or 5600元",
        "{field}：{value:?} 不是金额；应如 5600、5600.50、¥5,600.00 或 5600元",
    ),
    (
        "{field}: {word:?} is not one of {}",
        "{field}：{word:?} 不是以下之一：{}",
    ),
    (
        "{file}: is not a readable {kind} workbook (damaged or incomplete)",
        "{file}：不是可读的 {kind} 工作簿（已损坏或不完整）",
    ),
    (
        "{file}: is not a readable {} workbook (damaged or incomplete): {e}",
        "{file}：不是可读的 {} 工作簿（已损坏或不完整）：{e}",
    ),
    (
        "--sheet: {file} has no sheet {want:?}; its sheets are {}",
        "--sheet：{file} 没有工作表 {want:?}；其工作表为 {}",
    ),
    (
        "{file}: sheet {name} is empty",
        "{file}：工作表 {name} 为空",
    ),
    (
        "{file}: the workbook has no sheet",
        "{file}：工作簿中没有工作表",
    ),
    (
        "{file}: every sheet is empty ({}); nothing to import",
        "{file}：每个工作表都为空（{}）；没有可导入的内容",
    ),
    (
        "the cell holds the spreadsheet error {:?}; fix the formula or type the value",
        "该单元格中是电子表格错误 {:?}；请修正公式或直接填写数值",
    ),
    // The accepted forms errors quote.
    (
        "maintenance:virus-scan, maintenance:inspection, maintenance:repair, maintenance:upgrade, drill:pass or request:consumable-plan",
        "maintenance:virus-scan、maintenance:inspection、maintenance:repair、maintenance:upgrade、drill:pass 或 request:consumable-plan",
    ),
    (
        "citizen, society or nation",
        "citizen（公民、法人和其他组织）、society（社会秩序和公共利益）或 nation（国家安全）",
    ),
    (
        "general, serious or severe",
        "general（一般损害）、serious（严重损害）或 severe（特别严重损害）",
    ),
    (
        "30d, 2w, 6mo, 1q, 1y, or 10wd (working days, Monday to Friday)",
        "30d、2w、6mo、1q、1y 或 10wd（工作日，周一至周五）",
    ),
    (
        "years such as 6y, 6 or 6年, or months such as 18mo or 18个月 (at most 100 years)",
        "年数如 6y、6 或 6年，或月数如 18mo 或 18个月（最长 100 年）",
    ),
    (
        "DESCRIPTION;QUANTITY[;STANDARD[;UNIT PRICE]]",
        "品名;数量[;配置标准[;单价]]",
    ),
    ("YYYY-MM-DD", "YYYY-MM-DD（年-月-日）"),
    (
        "RFC 3339 (2026-11-28T02:00:00+08:00), 'YYYY-MM-DD HH:MM[:SS]' in the register's time zone, YYYY-MM-DD, or epoch seconds",
        "RFC 3339（2026-11-28T02:00:00+08:00）、登记簿时区的 'YYYY-MM-DD HH:MM[:SS]'、YYYY-MM-DD，或 Unix 秒数",
    ),
    (
        "a number and a unit: 30m, 2h, 7d, 2w, 6mo, 1q or 1y (m=minutes, h=hours, d=days, w=weeks, mo=months, q=quarters, y=years)",
        "数字加单位：30m、2h、7d、2w、6mo、1q 或 1y（m=分钟，h=小时，d=天，w=周，mo=月，q=季度，y=年）",
    ),
    (
        "kind:KIND (an asset kind), dept:DEPT or system:SYSTEM",
        "kind:类别（资产类别）、dept:部门 或 system:系统",
    ),
    (
        "2021-03-15, 2021-3-15, 2021/3/15, 2021.3.15, 2021年3月15日, or an Excel date number",
        "2021-03-15、2021-3-15、2021/3/15、2021.3.15、2021年3月15日，或 Excel 日期序号",
    ),
    // Where in a file, as errors quote it (made with format!, not a sentence
    // of its own).
    ("line {n}", "第 {n} 行"),
    ("row {n}", "第 {n} 行"),
    ("sheet {sheet}, row {row}", "工作表 {sheet} 第 {row} 行"),
    ("line {n}, column {c}", "第 {n} 行 {c} 列"),
    ("row {n}, column {c}", "第 {n} 行 {c} 列"),
    (
        "sheet {sheet}, row {row}, column {c}",
        "工作表 {sheet} 第 {row} 行 {c} 列",
    ),
    ("{h} (column {n})", "{h}（第 {n} 列）"),
    ("column", "列"),
    ("columns", "列"),
    // Details of `audit report` lines, made with format! in
    // src/store/report.rs and src/domain/report.rs (a placeholder holding one
    // of the tool's words, such as a request's kind, is translated too).
    (
        "full {full}, diff/incr {diff}, log {log}; failed {failed}",
        "全量 {full}，差异/增量 {diff}，日志 {log}；失败 {failed}",
    ),
    ("{q} quota {n} ({p}%)", "{q} 定额 {n}（已用 {p}%）"),
    (
        "{q} quota {n} ({p}%), over quota",
        "{q} 定额 {n}（已用 {p}%），超定额",
    ),
    ("{q} quota {n}", "{q} 定额 {n}"),
    ("{q} no quota", "{q} 无定额"),
    (
        "{kind}, {dept}; {who} ({role})",
        "{kind}，{dept}；{who}（{role}）",
    ),
    (
        "{kind}, {dept}; {who} ({role}): {comment}",
        "{kind}，{dept}；{who}（{role}）：{comment}",
    ),
    ("{result} to {to}: {note}", "{result}，恢复到 {to}：{note}"),
    ("no approved plan: {reason}", "无批准的计划：{reason}"),
    (
        "grade {grade}: {file} (sha256 {sha})",
        "{grade} 级：{file}（sha256 {sha}）",
    ),
    ("experts {experts}: {o}", "评审专家 {experts}：{o}"),
    ("experts {experts}", "评审专家 {experts}"),
    (
        "grade {grade} by {authority}, {x}",
        "{grade} 级，{authority} 审核，{x}",
    ),
    (
        "grade {grade} by {authority}",
        "{grade} 级，{authority} 审核",
    ),
    (
        "grade {grade} with {authority}, number {number}",
        "{grade} 级，向 {authority} 备案，备案编号 {number}",
    ),
    (
        "grade {grade} by {authority}: {reason}",
        "{grade} 级，{authority}：{reason}",
    ),
    ("with {authority}, {x}", "向 {authority}，{x}"),
    ("with {authority}", "向 {authority}"),
    (
        "grade {grade} by {agency}: {result}, score {score}",
        "{grade} 级，测评机构 {agency}：{result}，得分 {score}",
    ),
    (
        "grade {grade} by {agency}: {result}",
        "{grade} 级，测评机构 {agency}：{result}",
    ),
    ("#{id} {item}; due {due}", "#{id} {item}；期限 {due}"),
    ("#{id} {item}: {note}", "#{id} {item}：{note}"),
    ("{reason} (by {by})", "{reason}（操作人 {by}）"),
    (
        "{reason} (by {by}); reversed by movement {r}",
        "{reason}（操作人 {by}）；冲销记录 {r}",
    ),
    ("every {every}", "周期：{every}"),
    ("every {every}, owner {o}", "周期：{every}，负责人 {o}"),
    ("every {every}, counting {c}", "周期：{every}，计入 {c}"),
    (
        "every {every}, owner {o}, counting {c}",
        "周期：{every}，负责人 {o}，计入 {c}",
    ),
    // What a command says besides its rows.
    (
        "Wrote {written} man pages to {} (read one with `man -l {}`)\n",
        "已将 {written} 个手册页写入 {}（阅读其中一页：`man -l {}`）\n",
    ),
    (
        "Filed the plan for {q} as request {id} and submitted it for approval (`infogov request approve {id}`)\n",
        "已将 {q} 的计划填报为申请单 {id} 并提交审批（`infogov request approve {id}`）\n",
    ),
    (
        "Built a demo register for a small hospital in {} ({} commands, as of {}).\nTry: infogov --db {} asset report --by dept\n\n",
        "已在 {} 建立一家小医院的演示登记簿（{} 条命令，截至 {}）。\n试试：infogov --db {} asset report --by dept\n\n",
    ),
    (
        "\nThe period report for {}, its totals (the whole report: infogov --db {} audit report):\n",
        "\n{} 的期间报告（合计；完整报告：infogov --db {} audit report）：\n",
    ),
    (
        "Stock-take {id}: {} of {} expected counted, {} not expected\n",
        "盘点 {id}：已盘 {} 台（应盘 {} 台），另有 {} 台不在应盘范围\n",
    ),
    // A report of bad rows (src/domain/csvfile.rs, written by Display).
    (
        "{file}: {n} bad rows; nothing was imported",
        "{file}：{n} 行有误；未导入任何内容",
    ),
    (
        "{file}: {n} more bad rows not shown",
        "{file}：另有 {n} 行有误，未显示",
    ),
    // What `init` says, line by line (src/cli/init.rs).
    (
        "Created register {p} (schema version {v})",
        "已创建登记簿 {p}（结构版本 {v}）",
    ),
    (
        "Up to date: register {p} (schema version {v})",
        "登记簿 {p} 已是最新（结构版本 {v}）",
    ),
    ("Time zone: {z}", "时区：{z}"),
    (
        "(the config's timezone = {z:?} overrides it)",
        "（以配置文件中的 timezone = {z:?} 为准）",
    ),
    (
        "Recorded a failed {} backup of {} finished {}",
        "已登记一次失败的{}（系统 {}，完成于 {}）",
    ),
    // Fragments appended to a sentence (hints and notes made with format!).
    (
        ", or pass --new-category to start it",
        "，或加 --new-category 新建该品类",
    ),
    (
        "; the file's start is UTF-8, but if it is GBK (as Excel saves CSV on Chinese Windows) use --encoding gb18030",
        "；文件开头是 UTF-8，但如果是 GBK（中文 Windows 上 Excel 保存的 CSV）请用 --encoding gb18030",
    ),
    (
        "; open rectification items with `infogov grade rectify add {s} --from-evaluation {id}`",
        "；请用 `infogov grade rectify add {s} --from-evaluation {id}` 提出整改项",
    ),
    (
        " (not required below grade {g}, recorded all the same)",
        "（{g} 级以下不要求备案，仍予登记）",
    ),
    (
        "; its filing is to be cancelled (撤销备案): `infogov grade cancel {s}`",
        "；其备案应撤销：`infogov grade cancel {s}`",
    ),
    (
        "column {} is not valid UTF-8 (near {:?}){hint}",
        "第 {} 列不是有效的 UTF-8（在 {:?} 附近）{hint}",
    ),
    (
        "column {} holds {} bytes; a cell may hold at most {max}",
        "第 {} 列有 {} 字节；一个单元格最多 {max} 字节",
    ),
    (
        "column {} has no header but holds {:?}; give it a header or clear the cell",
        "第 {} 列没有表头，却有内容 {:?}；请添加表头或清空该单元格",
    ),
    ("column {n}: {fault}", "第 {n} 列：{fault}"),
    // security operations and incidents (#15)
    (
        "NAME: {} counts the full scans of {} devices, not completions; record each scan with `infogov asset maintain TAG --kind virus-scan` or import the antivirus console's export with `infogov asset antivirus import FILE`",
        "NAME：{} 按 {} 台设备的全盘扫描计数，不按完成记录计数；请用 `infogov asset maintain TAG --kind virus-scan` 登记每次扫描，或用 `infogov asset antivirus import FILE` 导入防病毒控制台的导出文件",
    ),
    (
        "nothing to change; give one or more of --kind, --system, --asset, --detected, --contained, --resolved, --person, --note, --remedy, --cleaned",
        "没有要更改的内容；请给出 --kind、--system、--asset、--detected、--contained、--resolved、--person、--note、--remedy、--cleaned 中的一项或多项",
    ),
    (
        "ID: incident {id} is already closed (resolved {}); change it with `infogov incident update {id}`",
        "ID：安全事件 {id} 已结案（解决于 {}）；如需更改请用 `infogov incident update {id}`",
    ),
    ("--product: must not be empty", "--product：不能为空"),
    (
        "--last-scan: {} is in the future",
        "--last-scan：{} 是将来的时间",
    ),
    (
        "--retention: {retention:?} is not whole days; logs are kept for d, w, mo or y",
        "--retention：{retention:?} 不是整天数；日志保存期限以 d（天）、w（周）、mo（月）或 y（年）计",
    ),
    (
        "{field}: {value:?} is not a kind of incident; expected one of {}",
        "{field}：{value:?} 不是安全事件类别；应为以下之一：{}",
    ),
    (
        "--contained: {} is before --detected {}; an incident is contained after it is detected",
        "--contained：{} 早于 --detected {}；安全事件应在发现之后才被控制",
    ),
    (
        "--resolved: {} is before --detected {}; an incident is resolved after it is detected",
        "--resolved：{} 早于 --detected {}；安全事件应在发现之后才被解决",
    ),
    (
        "--resolved: {} is before --contained {}; an incident is resolved after it is contained",
        "--resolved：{} 早于 --contained {}；安全事件应在控制之后才被解决",
    ),
    (
        "--person: a violation must name the person it was traced to (C33, 追究责任人责任); give --person NAME",
        "--person：违规事件必须写明追查到的责任人（C33，追究责任人责任）；请给出 --person 姓名",
    ),
    (
        "--cleaned: only a virus incident on a device (--asset) is cleaned",
        "--cleaned：只有设备（--asset）上的病毒事件才有杀毒完成一说",
    ),
    (
        "--cleaned: a virus incident on a device is closed only once the device is cleaned (C32, 尽快杀毒); give --cleaned when it is, until then the device stays isolated",
        "--cleaned：设备上的病毒事件须在设备杀毒完成后才能结案（C32，尽快杀毒）；杀毒完成后请给出 --cleaned，在此之前设备保持隔离",
    ),
    (
        "a date (2026-11-27, 2026/11/27, 2026.11.27, 20261127) or a definitions version that starts with one (2026.11.27.03, 20261127.001)",
        "日期（2026-11-27、2026/11/27、2026.11.27、20261127）或以日期开头的病毒库版本号（2026.11.27.03、20261127.001）",
    ),
    (
        "{field}: {value:?} is not a definitions date; expected {DEFINITIONS_FORMS}",
        "{field}：{value:?} 不是病毒库日期；应为{DEFINITIONS_FORMS}",
    ),
    (
        "a date and time (2026-11-27 22:10, 2026/11/27 22:10:05), a date, or empty / 从未 for never",
        "日期和时间（2026-11-27 22:10、2026/11/27 22:10:05）、日期，或留空 / 从未 表示从未扫描",
    ),
    (
        "{field}: {value:?} is not a time of a scan; expected {SCAN_FORMS}",
        "{field}：{value:?} 不是扫描时间；应为{SCAN_FORMS}",
    ),
    (
        "kind:KIND (an asset kind), dept:DEPT, system:SYSTEM or asset:TAG (one device)",
        "kind:类别（资产类别）、dept:部门、system:系统 或 asset:编号（一台设备）",
    ),
    (
        "--scope: {} keeps its scope: a duty of one device stays that device's (retire it and add another)",
        "--scope：{} 的范围不能更改：单台设备的事项始终属于该设备（请停用它并另行新增）",
    ),
    (
        "reading the devices that get a duty each",
        "读取各自需要一项事项的设备",
    ),
    (
        "--asset: no asset {tag:?} in the register; register it with `infogov asset register`",
        "--asset：登记簿中没有资产 {tag:?}；请用 `infogov asset register` 登记",
    ),
    ("looking up an incident", "查找安全事件"),
    ("ID: there is no incident {id}", "ID：没有安全事件 {id}"),
    (
        "ID: incident {id} is void ({reason}, by {by}); record a new one instead",
        "ID：安全事件 {id} 已作废（{reason}，由 {by} 作废）；请另行登记一条",
    ),
    ("listing incidents", "列出安全事件"),
    ("reading who recorded an incident", "读取安全事件的登记人"),
    ("reading a device's isolation", "读取设备的隔离状态"),
    ("reading the open incidents", "读取未结案的安全事件"),
    ("reading the report's incidents", "读取报告中的安全事件"),
    ("reading a device's antivirus", "读取设备的防病毒记录"),
    (
        "{}: no asset with serial number {serial:?} in the register",
        "{}：登记簿中没有序列号为 {serial:?} 的资产",
    ),
    (
        "{}: {} assets have the serial number {serial:?}; give the tag",
        "{}：有 {} 项资产的序列号为 {serial:?}；请给出资产编号",
    ),
    ("looking up a computer name", "查找计算机名"),
    (
        "{}: no asset is tagged or known by the computer name {host:?}; record it once with `infogov asset antivirus record TAG --hostname {host} ...`, or add a 资产编号 column",
        "{}：没有资产的编号或已知计算机名为 {host:?}；请先用 `infogov asset antivirus record TAG --hostname {host} ...` 登记一次，或增加“资产编号”列",
    ),
    (
        "{}: {} devices were last reported as {host:?}; add a 资产编号 column",
        "{}：有 {} 台设备最近一次上报的计算机名为 {host:?}；请增加“资产编号”列",
    ),
    (
        "{}: the row names no device; it needs a tag, serial or computer name",
        "{}：该行没有指明设备；需要资产编号、序列号或计算机名",
    ),
    (
        "{}: the antivirus product is not given; add a product column or --product",
        "{}：未给出防病毒软件；请增加防病毒软件列或使用 --product",
    ),
    ("{}: must not be empty", "{}：不能为空"),
    ("reading the devices", "读取设备"),
    ("reading a device's virus scans", "读取设备的病毒扫描记录"),
    (
        "reading the devices a virus-scan duty covers",
        "读取病毒查杀事项覆盖的设备",
    ),
    (
        "reading the full scans antivirus reports give",
        "读取防病毒上报中的全盘扫描",
    ),
    ("reading the asset's kind", "读取资产类别"),
    (
        "TAG: {} is a {kind}, not a server ([security] server_kinds: {})",
        "TAG：{} 是{kind}，不是服务器（[security] server_kinds：{}）",
    ),
    (
        "reading the server's log retention",
        "读取服务器的日志保存期限",
    ),
    ("reading a device's duties", "读取设备的事项"),
    (
        "reading a server's log retention",
        "读取服务器的日志保存期限",
    ),
    (
        "reading what security records the register keeps",
        "读取登记簿中的安全运维记录",
    ),
    (
        "reading the antivirus reports of the period",
        "读取本期的防病毒上报",
    ),
    (
        "reading the servers' log retention",
        "读取各服务器的日志保存期限",
    ),
    // the audit trail at scale (#17)
    (
        "counting the trail's records of {}",
        "统计审计记录中 {} 的记录数",
    ),
    (
        "reading a deleted record's newest entry",
        "读取已删除记录的最新审计条目",
    ),
    (
        "reading the trail of {} to verify it",
        "读取 {} 的审计记录以作核验",
    ),
    (
        "reading the newest entries to verify their rows",
        "读取最新的审计条目以核验其行",
    ),
    ("reading the newest row of {}", "读取 {} 的最新一行"),
    ("reading the verified point {}", "读取已核验位置 {}"),
    ("creating the folder {}", "创建文件夹 {}"),
    ("writing the verified point {}", "写入已核验位置 {}"),
    (
        "reading an entry of the audit trail",
        "读取审计记录的一个条目",
    ),
    // The lean audit trail (schema 11, #17).
    (
        "reading the shapes of the audit trail",
        "读取审计日志的表结构记录",
    ),
    ("setting the old audit trail aside", "暂存旧审计日志"),
    ("creating the lean audit trail", "创建精简审计日志"),
    ("removing the old audit trail", "移除旧审计日志"),
    ("reading the old audit trail", "读取旧审计日志"),
    (
        "migrating the audit trail: entry {seq} verified as it was stored but would not as it is stored now; nothing was changed",
        "迁移审计日志：第 {seq} 条按原存储可通过验证，按新存储则不能；未做任何更改",
    ),
    (
        "recording the command in the audit trail",
        "在审计日志中记录命令",
    ),
    (
        "recording a table's columns in the audit trail",
        "在审计日志中记录表的列",
    ),
    (
        "reading a table's columns in the audit trail",
        "读取审计日志中表的列",
    ),
    (
        "reading the commands of the audit trail",
        "读取审计日志的命令记录",
    ),
    ("reading the schema version", "读取结构版本"),
    (
        "{field}: cannot copy {} to {} to upgrade it",
        "{field}：无法将 {} 复制到 {} 以升级",
    ),
    (
        "{field}: cannot open a copy of {shown} to upgrade it",
        "{field}：无法打开 {shown} 的副本以升级",
    ),
    (
        "{field}: {shown} has schema version {version} and could not be upgraded to {SCHEMA_VERSION}",
        "{field}：{shown} 的结构版本为 {version}，无法升级到 {SCHEMA_VERSION}",
    ),
    (
        "reading the deletes of the audit trail",
        "读取审计日志中的删除记录",
    ),
];
