//! Requests and approvals as the regulation sees them (REQ-1..REQ-6, AST-6,
//! CON-2): the kinds of form, the workflow as a state machine, who may take
//! each step, and what a form must say. No SQL, no terminal.
//!
//! ```text
//!          submit              review --accept             approve               fulfil
//!  draft -----------> submitted ---------------> reviewed ----------> approved ---------> fulfilled
//!    |   (requester)     |  |       (office)        |  |   (approver)           (office)
//!    |                   |  | review --reject       |  | reject
//!    |                   |  |    (office)           |  | (approver)
//!    |                   |  +------> rejected <-----|--+
//!    |                   |                          |
//!    | withdraw          | withdraw                 | withdraw        (the requester, before approval)
//!    +-------------------+------> withdrawn <-------+
//! ```
//!
//! A `consumable-plan` is drafted by the office itself (CON-2), so it has no
//! review step: from `submitted` an approver approves or rejects it.

use std::fmt;

use anyhow::{Result, bail};
use chrono::{DateTime, Utc};

use super::money::parse_money;

/// The kinds of request and the form each one is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 《信息化配置需求计划》: a configuration needs plan (REQ-1).
    ConfigPlan,
    /// 《信息化配置申请》: an application to add or replace equipment (REQ-2).
    ConfigChange,
    /// Retirement or scrapping of named assets (AST-6, REQ-3).
    Retirement,
    /// An IT project for approval, 立项 (REQ-4).
    Project,
    /// The quarterly consumables purchase plan (CON-2).
    ConsumablePlan,
}

pub const KINDS: &[&str] = &[
    "config-plan",
    "config-change",
    "retirement",
    "project",
    "consumable-plan",
];

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::ConfigPlan,
        Kind::ConfigChange,
        Kind::Retirement,
        Kind::Project,
        Kind::ConsumablePlan,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ConfigPlan => "config-plan",
            Kind::ConfigChange => "config-change",
            Kind::Retirement => "retirement",
            Kind::Project => "project",
            Kind::ConsumablePlan => "consumable-plan",
        }
    }

    pub fn parse(field: &str, value: &str) -> Result<Kind> {
        let v = value.trim();
        match Kind::ALL.iter().find(|k| k.as_str() == v) {
            Some(k) => Ok(*k),
            None => bail!("{field}: {value:?} is not one of {}", KINDS.join(", ")),
        }
    }

    /// The form's title as printed on paper.
    pub fn form_zh(self) -> &'static str {
        match self {
            Kind::ConfigPlan => "《信息化配置需求计划》",
            Kind::ConfigChange => "《信息化配置申请》",
            Kind::Retirement => "《信息设备淘汰报废申请》",
            Kind::Project => "《信息化建设项目立项申请》",
            Kind::ConsumablePlan => "《耗材采购季度计划》",
        }
    }

    pub fn form_en(self) -> &'static str {
        match self {
            Kind::ConfigPlan => "Configuration needs plan",
            Kind::ConfigChange => "Configuration application",
            Kind::Retirement => "Retirement application",
            Kind::Project => "IT project application",
            Kind::ConsumablePlan => "Quarterly consumables purchase plan",
        }
    }

    /// Whether the office reviews it before an approver decides. The office
    /// drafts the consumables plan itself, so reviewing it would be the
    /// office checking its own work (CON-2 asks only for approval).
    pub fn reviewed(self) -> bool {
        self != Kind::ConsumablePlan
    }

    /// Whether its fulfilment brings assets (registers or reallocates them).
    pub fn brings_assets(self) -> bool {
        matches!(self, Kind::ConfigPlan | Kind::ConfigChange)
    }

    /// The link a `--asset` of this kind of request makes, if it names assets.
    pub fn asset_link(self) -> Option<&'static str> {
        match self {
            Kind::ConfigChange => Some("replace"),
            Kind::Retirement => Some("retire"),
            _ => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    Submitted,
    Reviewed,
    Approved,
    Fulfilled,
    Rejected,
    Withdrawn,
}

pub const STATUSES: &[&str] = &[
    "draft",
    "submitted",
    "reviewed",
    "approved",
    "fulfilled",
    "rejected",
    "withdrawn",
];

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Draft,
        Status::Submitted,
        Status::Reviewed,
        Status::Approved,
        Status::Fulfilled,
        Status::Rejected,
        Status::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Reviewed => "reviewed",
            Status::Approved => "approved",
            Status::Fulfilled => "fulfilled",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(field: &str, value: &str) -> Result<Status> {
        let v = value.trim();
        match Status::ALL.iter().find(|s| s.as_str() == v) {
            Some(s) => Ok(*s),
            None => bail!("{field}: {value:?} is not one of {}", STATUSES.join(", ")),
        }
    }

    /// Nothing follows a final state.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::Fulfilled | Status::Rejected | Status::Withdrawn
        )
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A step of the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Submit,
    ReviewAccept,
    ReviewReject,
    Approve,
    /// Rejection at approval, by an approver.
    Reject,
    Fulfil,
    Withdraw,
}

impl Action {
    /// As stored in `request_step.action`.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::ReviewAccept => "review-accept",
            Action::ReviewReject => "review-reject",
            Action::Approve => "approve",
            Action::Reject => "reject",
            Action::Fulfil => "fulfil",
            Action::Withdraw => "withdraw",
        }
    }

    /// As typed: the `infogov request` subcommand that takes the step.
    pub fn command(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::ReviewAccept => "review --accept",
            Action::ReviewReject => "review --reject",
            Action::Approve => "approve",
            Action::Reject => "reject",
            Action::Fulfil => "fulfil",
            Action::Withdraw => "withdraw",
        }
    }

    /// A rejection must say why.
    pub fn needs_comment(self) -> bool {
        matches!(self, Action::ReviewReject | Action::Reject)
    }
}

/// A person's role in the register (`person.role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Staff,
    Office,
    Approver,
}

impl Role {
    pub fn parse(value: &str) -> Result<Role> {
        match value {
            "staff" => Ok(Role::Staff),
            "office" => Ok(Role::Office),
            "approver" => Ok(Role::Approver),
            other => bail!("the register holds an unknown role {other:?}"),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Office => "office",
            Role::Approver => "approver",
        }
    }
}

/// Who may take a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// The person who filed the request.
    Requester,
    /// Anyone with role `office`, except the requester where the step is a
    /// review.
    Office,
    /// Anyone with role `approver` other than the requester.
    Approver,
}

impl Party {
    pub fn describe(self) -> &'static str {
        match self {
            Party::Requester => "the requester",
            Party::Office => "the office",
            Party::Approver => "an approver",
        }
    }
}

/// A step that may follow a state: the action, who takes it, where it leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub action: Action,
    pub party: Party,
    pub to: Status,
}

const fn step(action: Action, party: Party, to: Status) -> Step {
    Step { action, party, to }
}

/// The steps that may follow `status` for a request of `kind`: the whole
/// state machine.
pub fn steps(kind: Kind, status: Status) -> Vec<Step> {
    use Action::*;
    let withdraw = step(Withdraw, Party::Requester, Status::Withdrawn);
    match status {
        Status::Draft => vec![step(Submit, Party::Requester, Status::Submitted), withdraw],
        Status::Submitted if kind.reviewed() => vec![
            step(ReviewAccept, Party::Office, Status::Reviewed),
            step(ReviewReject, Party::Office, Status::Rejected),
            withdraw,
        ],
        Status::Submitted | Status::Reviewed => vec![
            step(Approve, Party::Approver, Status::Approved),
            step(Reject, Party::Approver, Status::Rejected),
            withdraw,
        ],
        Status::Approved => vec![step(Fulfil, Party::Office, Status::Fulfilled)],
        Status::Fulfilled | Status::Rejected | Status::Withdrawn => vec![],
    }
}

/// What may follow a state, for a person to read: `review --accept or
/// review --reject (the office); withdraw (the requester)`.
pub fn describe_next(kind: Kind, status: Status) -> String {
    let all = steps(kind, status);
    if all.is_empty() {
        return "nothing (final)".to_string();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut parties: Vec<Party> = Vec::new();
    for s in &all {
        if !parties.contains(&s.party) {
            parties.push(s.party);
        }
    }
    for p in parties {
        let actions: Vec<&str> = all
            .iter()
            .filter(|s| s.party == p)
            .map(|s| s.action.command())
            .collect();
        parts.push(format!("{} ({})", actions.join(" or "), p.describe()));
    }
    parts.join("; ")
}

/// The state a step leads to, or why it may not be taken from here.
pub fn next(kind: Kind, status: Status, action: Action) -> Result<Status> {
    match steps(kind, status).iter().find(|s| s.action == action) {
        Some(s) => Ok(s.to),
        None if status.is_final() => bail!(
            "it is {status}, a final state: no `{}` or any other step may follow",
            action.command()
        ),
        None => bail!(
            "it is {status}, and `{}` is not allowed from {status}; allowed: {}",
            action.command(),
            describe_next(kind, status)
        ),
    }
}

/// Why a person may not take a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Only the requester submits or withdraws.
    NotRequester,
    /// The step needs this role.
    NeedsRole(Role),
    /// Nobody reviews or approves their own request (REQ-6).
    OwnRequest,
}

/// Whether a person with `role` (who is or is not the requester) may take
/// `action` on a request of `kind` in `status`. Call after [`next`].
pub fn authorise(
    kind: Kind,
    status: Status,
    action: Action,
    role: Role,
    is_requester: bool,
) -> std::result::Result<(), Refusal> {
    let Some(s) = steps(kind, status).into_iter().find(|s| s.action == action) else {
        return Ok(());
    };
    match s.party {
        Party::Requester if !is_requester => Err(Refusal::NotRequester),
        Party::Requester => Ok(()),
        Party::Office if role != Role::Office => Err(Refusal::NeedsRole(Role::Office)),
        Party::Approver if role != Role::Approver => Err(Refusal::NeedsRole(Role::Approver)),
        // Fulfilment is the office carrying out a decision others took; the
        // office may fulfil a plan it drafted itself.
        Party::Office if action == Action::Fulfil => Ok(()),
        _ if is_requester => Err(Refusal::OwnRequest),
        _ => Ok(()),
    }
}

/// Whether a request waits on this person: some step that may follow is one
/// they may take (`request list --pending-for`).
pub fn waiting_on(kind: Kind, status: Status, role: Role, is_requester: bool) -> bool {
    steps(kind, status).iter().any(|s| {
        // Withdrawing is open to the requester all along; it is not work
        // waiting on them.
        s.action != Action::Withdraw
            && authorise(kind, status, s.action, role, is_requester).is_ok()
    })
}

/// Whether the request waits on someone other than its requester: the
/// states a stale request can be found in.
pub fn waiting_on_others(status: Status) -> bool {
    matches!(
        status,
        Status::Submitted | Status::Reviewed | Status::Approved
    )
}

/// What a waiting request waits for, for a finding.
pub fn waiting_for(kind: Kind, status: Status) -> &'static str {
    match status {
        Status::Submitted if kind.reviewed() => "review by the office",
        Status::Submitted | Status::Reviewed => "approval by an approver",
        Status::Approved => "fulfilment by the office",
        _ => "its requester",
    }
}

/// [`waiting_for`] in Chinese, as a finding says it.
pub fn waiting_for_zh(kind: Kind, status: Status) -> &'static str {
    match status {
        Status::Submitted if kind.reviewed() => "等待信息科审核",
        Status::Submitted | Status::Reviewed => "等待领导审批",
        Status::Approved => "已批准，等待信息科办理",
        _ => "等待申请人",
    }
}

/// Whole days from `since` to `now` (0 if `now` is earlier).
pub fn days_between(since: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (now - since).num_days().max(0)
}

/// Whether a request in its state since `since` has waited longer than
/// `stale_days` at `now`.
pub fn is_stale(since: DateTime<Utc>, now: DateTime<Utc>, stale_days: u32) -> bool {
    now - since > chrono::Duration::days(i64::from(stale_days))
}

/// One line of a plan or application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub description: String,
    pub quantity: i64,
    /// The configuration standard (配置标准).
    pub standard: Option<String>,
    /// Estimated unit price in fen.
    pub unit_price: Option<i64>,
}

pub const ITEM_FORM: &str = "DESCRIPTION;QUANTITY[;STANDARD[;UNIT PRICE]]";

/// Parses `--item "description;quantity;standard;unit price"`. A full-width
/// `；`, as Chinese input methods type it, separates fields too.
pub fn parse_item(field: &str, value: &str) -> Result<Line> {
    let normalised = value.replace('；', ";");
    let mut parts = normalised.splitn(4, ';').map(str::trim);
    let description = parts.next().unwrap_or_default();
    let quantity = parts.next();
    let standard = parts.next().filter(|s| !s.is_empty());
    let price = parts.next().filter(|s| !s.is_empty());
    if description.is_empty() {
        bail!("{field}: {value:?} has no description; expected {ITEM_FORM}");
    }
    let quantity = match quantity {
        None => bail!("{field}: {value:?} has no quantity; expected {ITEM_FORM}"),
        Some(q) => match q.parse::<i64>() {
            Ok(n) if n > 0 && n <= 1_000_000 => n,
            _ => bail!(
                "{field}: {value:?}: the quantity {q:?} is not a whole number from 1 to 1000000"
            ),
        },
    };
    let unit_price = price.map(|p| parse_money(field, p)).transpose()?;
    Ok(Line {
        description: description.to_string(),
        quantity,
        standard: standard.map(str::to_string),
        unit_price,
    })
}

/// What a new form says, as far as its kind's rules are concerned.
#[derive(Debug, Clone, Copy)]
pub struct Contents {
    pub kind: Kind,
    pub has_purpose: bool,
    pub items: usize,
    pub assets: usize,
    pub has_budget: bool,
}

/// The rules on a form's contents, by kind.
pub fn check_contents(c: Contents) -> Result<()> {
    let kind = c.kind;
    let needs_purpose = match kind {
        Kind::ConfigPlan => Some("states the purpose of the equipment (REQ-1)"),
        Kind::Retirement => Some("states why the assets are to be retired (AST-6)"),
        Kind::Project => Some("describes the project (REQ-4)"),
        Kind::ConfigChange | Kind::ConsumablePlan => None,
    };
    if let Some(why) = needs_purpose
        && !c.has_purpose
    {
        bail!("--purpose: a {kind} request {why}");
    }
    if kind == Kind::Retirement {
        if c.items > 0 {
            bail!("--item: a retirement request names assets (--asset TAG), not items");
        }
        if c.assets == 0 {
            bail!("--asset: a retirement request names the assets to retire (--asset TAG)");
        }
    } else if c.assets > 0 && kind.asset_link().is_none() {
        bail!(
            "--asset: a {kind} request names no assets; only a config-change (assets to replace) or a retirement does"
        );
    }
    if matches!(
        kind,
        Kind::ConfigPlan | Kind::ConfigChange | Kind::ConsumablePlan
    ) && c.items == 0
    {
        bail!("--item: a {kind} request lists what it asks for, as --item \"{ITEM_FORM}\"");
    }
    if kind == Kind::Project && !c.has_budget {
        bail!("--budget: a project request states its budget in yuan (REQ-4)");
    }
    Ok(())
}

/// The rules on how a request of `kind` is fulfilled: a config-plan or
/// config-change brings assets, registered or reallocated, so that they
/// record the request (REQ-5); the other kinds bring none.
pub fn check_fulfilment(kind: Kind, registers: bool, reallocates: bool) -> Result<()> {
    if kind.brings_assets() {
        if !registers && !reallocates {
            bail!(
                "--register: a {kind} request is fulfilled by registering the purchased assets (--register FILE.csv) or reallocating existing ones (--reallocate TAG), so that they record it (REQ-5)"
            );
        }
    } else if registers {
        bail!(
            "--register: a {kind} request registers no assets; only a config-plan or config-change does"
        );
    } else if reallocates {
        bail!(
            "--reallocate: a {kind} request reallocates no assets; only a config-plan or config-change does"
        );
    }
    Ok(())
}

/// How a retired asset leaves the organisation (AST-6).
pub const DISPOSAL_METHODS: &[&str] = &["scrap", "recycle", "sell", "donate", "destroy"];

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;
    use Status::*;

    #[test]
    fn the_happy_path() {
        let k = Kind::ConfigChange;
        let mut s = Draft;
        for (a, want) in [
            (Submit, Submitted),
            (ReviewAccept, Reviewed),
            (Approve, Approved),
            (Fulfil, Fulfilled),
        ] {
            s = next(k, s, a).unwrap();
            assert_eq!(s, want);
        }
        assert!(s.is_final());
    }

    #[test]
    fn rejections_and_withdrawal() {
        let k = Kind::Retirement;
        assert_eq!(next(k, Submitted, ReviewReject).unwrap(), Rejected);
        assert_eq!(next(k, Reviewed, Reject).unwrap(), Rejected);
        for s in [Draft, Submitted, Reviewed] {
            assert_eq!(next(k, s, Withdraw).unwrap(), Withdrawn);
        }
        assert!(next(k, Approved, Withdraw).is_err());
    }

    #[test]
    fn illegal_steps_name_the_state_and_what_is_allowed() {
        let e = next(Kind::ConfigPlan, Draft, Approve)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "it is draft, and `approve` is not allowed from draft; allowed: submit or withdraw (the requester)"
        );
        let e = next(Kind::ConfigPlan, Submitted, Reject)
            .unwrap_err()
            .to_string();
        assert!(
            e.ends_with(
                "allowed: review --accept or review --reject (the office); withdraw (the requester)"
            ),
            "{e}"
        );
        let e = next(Kind::Project, Fulfilled, Submit)
            .unwrap_err()
            .to_string();
        assert!(e.contains("final state"), "{e}");
        // Every state has an answer, and only final states have no way on.
        for k in Kind::ALL {
            for s in Status::ALL {
                assert_eq!(steps(k, s).is_empty(), s.is_final(), "{k} {s}");
            }
        }
    }

    #[test]
    fn the_consumables_plan_skips_review() {
        let k = Kind::ConsumablePlan;
        assert_eq!(next(k, Submitted, Approve).unwrap(), Approved);
        assert!(next(k, Submitted, ReviewAccept).is_err());
    }

    #[test]
    fn roles_and_self_approval() {
        let k = Kind::ConfigChange;
        assert_eq!(
            authorise(k, Submitted, ReviewAccept, Role::Staff, false),
            Err(Refusal::NeedsRole(Role::Office))
        );
        assert_eq!(
            authorise(k, Submitted, ReviewAccept, Role::Office, true),
            Err(Refusal::OwnRequest)
        );
        assert_eq!(
            authorise(k, Submitted, ReviewAccept, Role::Office, false),
            Ok(())
        );
        assert_eq!(
            authorise(k, Reviewed, Approve, Role::Office, false),
            Err(Refusal::NeedsRole(Role::Approver))
        );
        assert_eq!(
            authorise(k, Reviewed, Approve, Role::Approver, true),
            Err(Refusal::OwnRequest)
        );
        assert_eq!(
            authorise(k, Reviewed, Reject, Role::Approver, true),
            Err(Refusal::OwnRequest)
        );
        assert_eq!(
            authorise(k, Draft, Submit, Role::Office, false),
            Err(Refusal::NotRequester)
        );
        assert_eq!(authorise(k, Approved, Fulfil, Role::Office, true), Ok(()));
        assert_eq!(
            authorise(k, Approved, Fulfil, Role::Approver, false),
            Err(Refusal::NeedsRole(Role::Office))
        );
    }

    #[test]
    fn who_a_request_waits_on() {
        let k = Kind::ConfigChange;
        assert!(waiting_on(k, Draft, Role::Staff, true));
        assert!(!waiting_on(k, Submitted, Role::Staff, true));
        assert!(waiting_on(k, Submitted, Role::Office, false));
        assert!(!waiting_on(k, Submitted, Role::Office, true));
        assert!(waiting_on(k, Reviewed, Role::Approver, false));
        assert!(waiting_on(k, Approved, Role::Office, true));
        assert!(!waiting_on(k, Fulfilled, Role::Office, false));
    }

    #[test]
    fn staleness() {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let since = t("2026-01-01T00:00:00Z");
        assert!(!is_stale(since, t("2026-01-15T00:00:00Z"), 14));
        assert!(is_stale(since, t("2026-01-15T00:00:01Z"), 14));
        assert_eq!(days_between(since, t("2026-01-20T12:00:00Z")), 19);
    }

    #[test]
    fn items() {
        let l = parse_item("--item", "台式机；2；i5/16G/512G；4999").unwrap();
        assert_eq!(l.description, "台式机");
        assert_eq!(l.quantity, 2);
        assert_eq!(l.standard.as_deref(), Some("i5/16G/512G"));
        assert_eq!(l.unit_price, Some(499_900));
        let l = parse_item("--item", "打印机;1").unwrap();
        assert_eq!((l.standard, l.unit_price), (None, None));
        assert!(parse_item("--item", "打印机").is_err());
        assert!(parse_item("--item", "打印机;0").is_err());
        assert!(parse_item("--item", ";1").is_err());
        assert!(parse_item("--item", "x;1;;12.345").is_err());
    }

    #[test]
    fn contents_by_kind() {
        let c = |kind, has_purpose, items, assets, has_budget| {
            check_contents(Contents {
                kind,
                has_purpose,
                items,
                assets,
                has_budget,
            })
        };
        assert!(c(Kind::ConfigPlan, true, 1, 0, false).is_ok());
        assert!(c(Kind::ConfigPlan, false, 1, 0, false).is_err());
        assert!(c(Kind::ConfigPlan, true, 0, 0, false).is_err());
        assert!(c(Kind::ConfigPlan, true, 1, 1, false).is_err());
        assert!(c(Kind::ConfigChange, false, 1, 2, false).is_ok());
        assert!(c(Kind::Retirement, true, 0, 1, false).is_ok());
        assert!(c(Kind::Retirement, true, 1, 1, false).is_err());
        assert!(c(Kind::Retirement, true, 0, 0, false).is_err());
        assert!(c(Kind::Project, true, 0, 0, false).is_err());
        assert!(c(Kind::Project, true, 0, 0, true).is_ok());
        assert!(c(Kind::ConsumablePlan, false, 3, 0, false).is_ok());
    }

    #[test]
    fn fulfilment_by_kind() {
        assert!(check_fulfilment(Kind::ConfigPlan, false, false).is_err());
        assert!(check_fulfilment(Kind::ConfigChange, true, false).is_ok());
        assert!(check_fulfilment(Kind::ConfigChange, false, true).is_ok());
        assert!(check_fulfilment(Kind::Retirement, false, false).is_ok());
        assert!(check_fulfilment(Kind::Retirement, true, false).is_err());
        assert!(check_fulfilment(Kind::Project, false, true).is_err());
    }
}
