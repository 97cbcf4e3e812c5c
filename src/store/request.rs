//! Requests and approvals (REQ-1..REQ-6, AST-6): filing a form, the audited
//! steps of its workflow, fulfilment (registering, reallocating or retiring
//! assets), disposal, listings and findings. The rules themselves (states,
//! roles, contents) are in `domain::request`; this module applies them to
//! the register.
//!
//! Another area files its own form with [`file`] and moves it on with
//! [`act`], in its own transaction:
//!
//! ```ignore
//! let who = request::actor(tx.conn(), &ctx.who)?;
//! let id = request::file(&mut tx, &NewRequest { kind: Kind::ConsumablePlan, .. }, &who, now)?;
//! request::act(&mut tx, id, Action::Submit, &who, None, now)?;
//! ```

use std::collections::HashSet;
use std::io::Read;

use anyhow::{Context, Result, anyhow, bail};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::asset::{self, Current};
use super::audit::{ASSET, ASSET_DISPOSAL, REQUEST, REQUEST_ASSET, REQUEST_LINE, REQUEST_STEP};
use super::{Actor, Tx, opt_text, registry};
use crate::domain::findings::{Finding, Severity};
use crate::domain::request::{
    self as rules, Action, Contents, DISPOSAL_METHODS, Kind, Line, Refusal, Role, Status,
};
use crate::domain::time::{format_instant, read_instant};
use crate::rows::{Rows, Value};

/// A registered person, as the workflow needs them.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub dept_id: i64,
    pub role: Role,
}

/// Finds a person by `NAME` or `NAME@DEPT`.
pub fn person(conn: &Connection, field: &str, value: &str) -> Result<Person> {
    let id = registry::person_id(conn, field, value, None)?;
    person_by_id(conn, id)
}

fn person_by_id(conn: &Connection, id: i64) -> Result<Person> {
    let (name, dept_id, role): (String, i64, String) = conn
        .query_row(
            "SELECT name, dept_id, role FROM person WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .context("looking up a person")?;
    Ok(Person {
        id,
        name,
        dept_id,
        role: Role::parse(&role)?,
    })
}

/// The person acting (`--actor`, `INFOGOV_ACTOR` or the OS login). Every
/// step of a request is taken by a registered person, since their role
/// decides which steps they may take.
pub fn actor(conn: &Connection, who: &Actor) -> Result<Person> {
    person(conn, "--actor", &who.actor)
}

/// A request's header, as the workflow needs it.
#[derive(Debug, Clone)]
pub struct Request {
    pub id: i64,
    pub kind: Kind,
    pub dept_id: i64,
    pub dept: String,
    pub title: String,
    pub requester_id: i64,
    pub requester: String,
    pub status: Status,
    /// When it entered its current state: the time of its newest step.
    pub since: DateTime<Utc>,
}

const REQUEST_SELECT: &str =
    "SELECT r.id, r.kind, r.dept_id, d.name, r.title, r.requester_id, p.name, r.status,
            coalesce((SELECT max(s.at) FROM request_step s WHERE s.request_id = r.id), r.filed_at)
     FROM request r
     JOIN department d ON d.id = r.dept_id
     JOIN person p ON p.id = r.requester_id";

fn read_request(r: &rusqlite::Row<'_>) -> Result<Request> {
    let kind: String = r.get(1)?;
    let status: String = r.get(7)?;
    let since: String = r.get(8)?;
    Ok(Request {
        id: r.get(0)?,
        kind: Kind::parse("request.kind", &kind)?,
        dept_id: r.get(2)?,
        dept: r.get(3)?,
        title: r.get(4)?,
        requester_id: r.get(5)?,
        requester: r.get(6)?,
        status: Status::parse("request.status", &status)?,
        since: read_instant(&since)?,
    })
}

/// Reads one request.
pub fn get(conn: &Connection, id: i64) -> Result<Request> {
    let mut stmt = conn
        .prepare_cached(&format!("{REQUEST_SELECT} WHERE r.id = ?1"))
        .context("looking up a request")?;
    let mut q = stmt.query([id])?;
    match q.next().context("looking up a request")? {
        Some(r) => read_request(r),
        None => bail!("ID: no request {id}; see `infogov request list`"),
    }
}

/// A new form, before it is filed.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub kind: Kind,
    /// The applying department.
    pub dept_id: i64,
    pub title: String,
    /// The purpose; for a retirement, the reason; for a project, its description.
    pub purpose: Option<String>,
    pub software: Option<String>,
    /// In fen.
    pub budget: Option<i64>,
    pub lines: Vec<Line>,
    /// Tags of existing assets: to replace (config-change) or to retire (retirement).
    pub assets: Vec<String>,
}

/// An asset named by a form, by tag; `field` names the option it came from.
fn named_asset(conn: &Connection, field: &str, tag: &str) -> Result<Current> {
    let exists = conn
        .prepare_cached("SELECT 1 FROM asset WHERE tag = ?1")?
        .query_row([tag.trim()], |_| Ok(()))
        .optional()
        .context("looking up an asset")?;
    if exists.is_none() {
        bail!("{field}: no asset {tag:?} in the register");
    }
    asset::current(conn, tag)
}

/// Files a form as a draft with its lines and named assets, and records the
/// filing as the first step. `requester` is the person filing it. Returns the
/// request's id. The caller commits.
pub fn file(tx: &mut Tx<'_>, r: &NewRequest, requester: &Person, at: DateTime<Utc>) -> Result<i64> {
    let title = r.title.trim();
    if title.is_empty() {
        bail!("--title: must not be empty");
    }
    rules::check_contents(Contents {
        kind: r.kind,
        has_purpose: r.purpose.as_deref().is_some_and(|p| !p.trim().is_empty()),
        items: r.lines.len(),
        assets: r.assets.len(),
        has_budget: r.budget.is_some(),
    })?;
    if r.kind == Kind::ConsumablePlan && requester.role != Role::Office {
        bail!(
            "--actor: {} is {}; the quarterly consumables plan is drafted by the office (CON-2)",
            requester.name,
            requester.role.as_str()
        );
    }
    let mut seen = HashSet::new();
    let mut named = Vec::with_capacity(r.assets.len());
    for tag in &r.assets {
        let a = named_asset(tx.conn(), "--asset", tag)?;
        if !seen.insert(a.id) {
            bail!("--asset: {} is named twice", a.tag);
        }
        if matches!(a.status.as_str(), "retired" | "disposed") {
            bail!("--asset: {} is already {}", a.tag, a.status);
        }
        if r.kind == Kind::Retirement {
            if let Some(d) = a.dept_id
                && d != r.dept_id
            {
                bail!(
                    "--asset: {} belongs to {}, not {}; a department applies to retire its own assets (AST-6)",
                    a.tag,
                    registry::dept_name(tx.conn(), d)?,
                    registry::dept_name(tx.conn(), r.dept_id)?
                );
            }
            if let Some((other, status)) = open_retirement(tx.conn(), a.id)? {
                bail!(
                    "--asset: {} is already named by retirement request {other} ({status})",
                    a.tag
                );
            }
        }
        named.push(a);
    }
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let id = tx.insert(
        REQUEST,
        "INSERT INTO request (kind, dept_id, title, purpose, software, budget, requester_id, status, filed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'draft', ?8)",
        params![
            r.kind.as_str(),
            r.dept_id,
            title,
            clean(&r.purpose),
            clean(&r.software),
            r.budget,
            requester.id,
            format_instant(at)
        ],
    )?;
    for (i, l) in r.lines.iter().enumerate() {
        tx.insert(
            REQUEST_LINE,
            "INSERT INTO request_line (request_id, line_no, description, quantity, standard, unit_price)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id,
                i as i64 + 1,
                l.description,
                l.quantity,
                l.standard,
                l.unit_price
            ],
        )?;
    }
    if let Some(link) = r.kind.asset_link() {
        for a in &named {
            link_asset(tx, id, a.id, link)?;
        }
    }
    record_step(tx, id, "file", requester, None, Status::Draft, None, at)?;
    Ok(id)
}

/// An unfinished retirement request that names the asset, if any.
fn open_retirement(conn: &Connection, asset_id: i64) -> Result<Option<(i64, String)>> {
    conn.prepare_cached(
        "SELECT r.id, r.status FROM request_asset ra JOIN request r ON r.id = ra.request_id
         WHERE ra.asset_id = ?1 AND ra.link = 'retire'
           AND r.status NOT IN ('fulfilled', 'rejected', 'withdrawn')",
    )?
    .query_row([asset_id], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()
    .context("looking for an open retirement request")
}

fn link_asset(tx: &mut Tx<'_>, request: i64, asset: i64, link: &str) -> Result<i64> {
    tx.insert(
        REQUEST_ASSET,
        "INSERT INTO request_asset (request_id, asset_id, link) VALUES (?1, ?2, ?3)",
        params![request, asset, link],
    )
}

#[allow(clippy::too_many_arguments)]
fn record_step(
    tx: &mut Tx<'_>,
    request: i64,
    action: &str,
    who: &Person,
    from: Option<Status>,
    to: Status,
    comment: Option<&str>,
    at: DateTime<Utc>,
) -> Result<()> {
    tx.insert(
        REQUEST_STEP,
        "INSERT INTO request_step (request_id, at, action, person_id, role, from_status, to_status, comment)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            request,
            format_instant(at),
            action,
            who.id,
            who.role.as_str(),
            from.map(Status::as_str),
            to.as_str(),
            comment
        ],
    )?;
    if from.is_some_and(|f| f != to) {
        tx.update(
            REQUEST,
            "UPDATE request SET status = ?2 WHERE id = ?1 RETURNING *",
            params![request, to.as_str()],
        )?;
    }
    Ok(())
}

/// Checks that `who` may take `action` on `req` now; returns the new state.
fn check_step(
    conn: &Connection,
    req: &Request,
    action: Action,
    who: &Person,
    comment: Option<&str>,
    at: DateTime<Utc>,
) -> Result<Status> {
    let to = rules::next(req.kind, req.status, action)
        .map_err(|e| anyhow!("ID: request {}: {e}", req.id))?;
    let command = action.command();
    match rules::authorise(
        req.kind,
        req.status,
        action,
        who.role,
        // Per human, not per record: the requester registered again in
        // another department, with the same login, is still the requester.
        super::identity::same_human(conn, who.id, req.requester_id)?,
    ) {
        Ok(()) => {}
        Err(Refusal::NotRequester) => bail!(
            "--actor: {} is not the requester of request {} ({}); only the requester may {command} it",
            who.name,
            req.id,
            req.requester
        ),
        Err(Refusal::NeedsRole(role)) => bail!(
            "--actor: {} is {}; `{command}` needs the {} role",
            who.name,
            who.role.as_str(),
            role.as_str()
        ),
        Err(Refusal::OwnRequest) => bail!(
            "--actor: {} filed request {} and may not {command} it; nobody reviews or approves their own request (REQ-6)",
            who.name,
            req.id
        ),
    }
    if action.needs_comment() && comment.is_none_or(|c| c.trim().is_empty()) {
        bail!("--comment: a rejection states why");
    }
    // Steps are dated by day: `--as-of DATE` stands for the end of that day,
    // so a step taken later the same day without `--as-of` is not "before"
    // it. Only a step on an earlier day is out of order.
    let day = |t: DateTime<Utc>| t.with_timezone(&crate::domain::time::zone()).date_naive();
    if day(at) < day(req.since) {
        bail!(
            "--as-of: {} is before the day of the request's last step ({}); steps are recorded in order",
            day(at),
            day(req.since)
        );
    }
    Ok(to)
}

/// Takes a step other than fulfilment (which is [`fulfil`]): submit, review,
/// approve, reject or withdraw. Refuses an illegal step naming the current
/// state and what may follow it, a person without the role the step needs,
/// and anyone reviewing or approving their own request (REQ-6).
pub fn act(
    tx: &mut Tx<'_>,
    id: i64,
    action: Action,
    who: &Person,
    comment: Option<&str>,
    at: DateTime<Utc>,
) -> Result<Request> {
    if action == Action::Fulfil {
        bail!("a request is fulfilled with `infogov request fulfil`");
    }
    let req = get(tx.conn(), id)?;
    let to = check_step(tx.conn(), &req, action, who, comment, at)?;
    let comment = comment.map(str::trim).filter(|c| !c.is_empty());
    record_step(
        tx,
        id,
        action.as_str(),
        who,
        Some(req.status),
        to,
        comment,
        at,
    )?;
    get(tx.conn(), id)
}

/// Purchased assets to register at fulfilment, as an asset-import CSV.
pub struct Registration<'a> {
    pub input: &'a mut dyn Read,
    /// The file's name, for error messages.
    pub file: String,
    pub kinds: &'a [String],
    pub prefix: &'a str,
}

/// How an approved request was carried out.
pub struct Fulfilment<'a> {
    pub register: Option<Registration<'a>>,
    /// Tags of existing assets to move to the department (调剂).
    pub reallocate: Vec<String>,
    /// Where reallocated assets go [default: the applying department].
    pub to_dept: Option<i64>,
    /// Their new custodian [default: unchanged, if already in that department].
    pub custodian: Option<i64>,
    /// The date of the asset changes.
    pub date: NaiveDate,
}

/// What a fulfilment did, by asset tag.
#[derive(Debug, Default)]
pub struct Fulfilled {
    pub registered: Vec<String>,
    pub reallocated: Vec<String>,
    pub retired: Vec<String>,
    pub people_added: u64,
    /// Assets the request named for replacement that are still in service.
    pub replaced_in_service: Vec<String>,
}

/// Fulfils an approved request, by the office. A config-plan or config-change
/// registers the purchased assets and/or reallocates existing ones, each
/// linked to the request (REQ-5); a retirement sets its assets `retired`
/// (AST-6); a project or consumables plan is marked fulfilled.
pub fn fulfil(
    tx: &mut Tx<'_>,
    id: i64,
    f: Fulfilment<'_>,
    who: &Person,
    comment: Option<&str>,
    at: DateTime<Utc>,
) -> Result<Fulfilled> {
    let req = get(tx.conn(), id)?;
    let to = check_step(tx.conn(), &req, Action::Fulfil, who, comment, at)?;
    if f.reallocate.is_empty() {
        if f.to_dept.is_some() {
            bail!("--to-dept: goes with --reallocate TAG");
        }
        if f.custodian.is_some() {
            bail!("--custodian: goes with --reallocate TAG");
        }
    }
    rules::check_fulfilment(req.kind, f.register.is_some(), !f.reallocate.is_empty())?;
    let mut done = Fulfilled::default();
    if let Some(reg) = f.register {
        register(tx, &req, reg, f.date, &mut done)?;
    }
    done.reallocated = reallocate(tx, &req, &f.reallocate, f.to_dept, f.custodian, f.date)?;
    if req.kind.brings_assets() {
        let approved: i64 = tx.conn().query_row(
            "SELECT coalesce(sum(quantity), 0) FROM request_line WHERE request_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        let brought = (done.registered.len() + done.reallocated.len()) as i64;
        if brought > approved {
            bail!(
                "--register: request {id} was approved for {approved} items in all, but its fulfilment would bring {brought} assets; file a new request for the rest"
            );
        }
        done.replaced_in_service = linked(tx.conn(), id, "replace")?
            .into_iter()
            .filter(|a| !matches!(a.status.as_str(), "retired" | "disposed"))
            .map(|a| a.tag)
            .collect();
    }
    if req.kind == Kind::Retirement {
        let reason = format!("retired by request {id}: {}", req.title);
        for a in linked(tx.conn(), id, "retire")? {
            // It may have moved since the request was filed (AST-6): only the
            // department that holds it retires it.
            if a.dept_id != Some(req.dept_id) {
                let now = match a.dept_id {
                    Some(d) => registry::dept_name(tx.conn(), d)?,
                    None => "no department".to_string(),
                };
                bail!(
                    "ID: {} has moved to {now} since request {id} of {} asked to retire it; withdraw or reject the request",
                    a.tag,
                    req.dept
                );
            }
            asset::end_service(tx, &a, "retired", &reason, f.date)?;
            done.retired.push(a.tag);
        }
    }
    let comment = comment.map(str::trim).filter(|c| !c.is_empty());
    record_step(
        tx,
        id,
        Action::Fulfil.as_str(),
        who,
        Some(req.status),
        to,
        comment,
        at,
    )?;
    Ok(done)
}

/// The assets a request names with `link`.
fn linked(conn: &Connection, request: i64, link: &str) -> Result<Vec<Current>> {
    let tags: Vec<String> = conn
        .prepare_cached(
            "SELECT a.tag FROM request_asset ra JOIN asset a ON a.id = ra.asset_id
             WHERE ra.request_id = ?1 AND ra.link = ?2 ORDER BY a.tag",
        )?
        .query_map(params![request, link], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()
        .context("reading a request's assets")?;
    tags.iter().map(|t| asset::current(conn, t)).collect()
}

/// Registers purchased assets from an asset-import CSV (the `asset import`
/// format and rules), with the applying department where a row names none,
/// and links each to the request (REQ-5).
fn register(
    tx: &mut Tx<'_>,
    req: &Request,
    reg: Registration<'_>,
    date: NaiveDate,
    done: &mut Fulfilled,
) -> Result<()> {
    let csv = fill_dept(reg.input, &reg.file, &req.dept)?;
    // The write lock is held, so every asset above the highest id now is one
    // this import adds.
    let before: i64 = tx
        .conn()
        .query_row("SELECT coalesce(max(id), 0) FROM asset", [], |r| r.get(0))?;
    let mut table = crate::tabular::Table::from_bytes(
        &reg.file,
        csv,
        &Default::default(),
        &crate::tabular::schemas::ASSET,
        &Default::default(),
    )?;
    let words = super::asset_import::AssetWords::new(reg.kinds, &Default::default())?;
    let summary = super::asset_import::import(
        tx,
        &mut table,
        &super::asset_import::Import {
            words: &words,
            kinds: reg.kinds,
            registered: date,
            prefix: reg.prefix,
            mode: super::asset_import::Mode::New,
        },
        &mut |_, _| {},
    )?;
    if summary.assets == 0 {
        bail!("--register: {} lists no assets", reg.file);
    }
    let added: Vec<(i64, String)> = tx
        .conn()
        .prepare("SELECT id, tag FROM asset WHERE id > ?1 ORDER BY id")?
        .query_map([before], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (asset_id, tag) in added {
        tx.update(
            ASSET,
            "UPDATE asset SET request_id = ?2 WHERE id = ?1 RETURNING *",
            params![asset_id, req.id],
        )?;
        done.registered.push(tag);
    }
    done.people_added = summary.people_added.len() as u64;
    Ok(())
}

/// The CSV with a `dept` column whose empty cells hold `dept`: purchased
/// equipment goes to the applying department unless a row says otherwise.
/// Rows keep their line numbers, so the import's errors point at the file.
fn fill_dept(input: &mut dyn Read, file: &str, dept: &str) -> Result<Vec<u8>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let mut buf: Vec<u8> = Vec::new();
    let mut lines_written = 0u64;
    let mut record = csv::ByteRecord::new();
    let mut column: Option<usize> = None;
    let mut width = 0;
    let mut first = true;
    while reader
        .read_byte_record(&mut record)
        .with_context(|| format!("{file}: cannot read the file"))?
    {
        // The reader skips blank lines: put them back.
        let line = record.position().map_or(1, |p| p.line());
        while lines_written + 1 < line {
            buf.push(b'\n');
            lines_written += 1;
        }
        let mut out = csv::ByteRecord::new();
        if first {
            first = false;
            width = record.len();
            for (i, h) in record.iter().enumerate() {
                let text = String::from_utf8_lossy(h);
                if text
                    .trim_start_matches('\u{feff}')
                    .trim()
                    .eq_ignore_ascii_case("dept")
                {
                    column = Some(i);
                }
                out.push_field(h);
            }
            if column.is_none() {
                out.push_field(b"dept");
            }
        } else {
            for (i, cell) in record.iter().enumerate() {
                if Some(i) == column && String::from_utf8_lossy(cell).trim().is_empty() {
                    out.push_field(dept.as_bytes());
                } else {
                    out.push_field(cell);
                }
            }
            // A row of the wrong width is left for the import to report.
            if column.is_none() && record.len() == width {
                out.push_field(dept.as_bytes());
            }
        }
        let start = buf.len();
        {
            let mut w = csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(&mut buf);
            w.write_byte_record(&out)?;
            w.flush()?;
        }
        lines_written += buf[start..].iter().filter(|b| **b == b'\n').count() as u64;
    }
    Ok(buf)
}

/// Moves existing assets to the department (调剂) and links them to the request.
fn reallocate(
    tx: &mut Tx<'_>,
    req: &Request,
    tags: &[String],
    to_dept: Option<i64>,
    custodian: Option<i64>,
    date: NaiveDate,
) -> Result<Vec<String>> {
    let dept = to_dept.unwrap_or(req.dept_id);
    let dept_name = registry::dept_name(tx.conn(), dept)?;
    if let Some(c) = custodian {
        let p = person_by_id(tx.conn(), c)?;
        if p.dept_id != dept {
            bail!(
                "--custodian: {} is in {}, not {dept_name}",
                p.name,
                registry::dept_name(tx.conn(), p.dept_id)?
            );
        }
    }
    let mut seen = HashSet::new();
    let mut moved = Vec::with_capacity(tags.len());
    for tag in tags {
        let a = named_asset(tx.conn(), "--reallocate", tag)?;
        if !seen.insert(a.id) {
            bail!("--reallocate: {} is named twice", a.tag);
        }
        if a.dept_id == Some(dept) {
            bail!("--reallocate: {} is already in {dept_name}", a.tag);
        }
        // An asset on its way out is not handed on: the retirement decides it.
        if let Some((other, status)) = open_retirement(tx.conn(), a.id)? {
            bail!(
                "--reallocate: {} is named by retirement request {other} ({status}); settle that first",
                a.tag
            );
        }
        if custodian.is_none()
            && let Some(c) = a.custodian_id
        {
            let p = person_by_id(tx.conn(), c)?;
            if p.dept_id != dept {
                bail!(
                    "--custodian: {} is held by {} of {}; name its new custodian in {dept_name}",
                    a.tag,
                    p.name,
                    registry::dept_name(tx.conn(), p.dept_id)?
                );
            }
        }
        let t = asset::Transfer {
            dept: Some(dept),
            custodian,
            location: None,
            reason: format!("调剂 (reallocated) by request {}: {}", req.id, req.title),
            date,
        };
        asset::transfer(tx, &a, &t).map_err(|e| anyhow!("--reallocate: {e:#}"))?;
        link_asset(tx, req.id, a.id, "reallocate")?;
        moved.push(a.tag);
    }
    Ok(moved)
}

/// A disposal of a retired asset (AST-6).
pub struct Disposal {
    pub method: String,
    pub note: String,
    pub date: NaiveDate,
}

/// Records the disposal of an asset retired by a fulfilled retirement request,
/// by the office; anything else is refused. Returns the request's id.
pub fn dispose(tx: &mut Tx<'_>, tag: &str, d: &Disposal, who: &Person) -> Result<i64> {
    if who.role != Role::Office {
        bail!(
            "--actor: {} is {}; the office disposes of retired assets (AST-6)",
            who.name,
            who.role.as_str()
        );
    }
    let method = crate::domain::asset::one_of("--method", &d.method, DISPOSAL_METHODS)?;
    let note = d.note.trim();
    if note.is_empty() {
        bail!("--note: must not be empty");
    }
    let a = asset::current(tx.conn(), tag)?;
    match a.status.as_str() {
        "retired" => {}
        "disposed" => bail!("TAG: {} is already disposed of", a.tag),
        other => bail!(
            "TAG: {} is {other}; only an asset retired by an approved, fulfilled retirement request can be disposed of (AST-6)",
            a.tag
        ),
    }
    let request: Option<(i64, String)> = tx
        .conn()
        .query_row(
            "SELECT r.id, (SELECT max(s.at) FROM request_step s WHERE s.request_id = r.id)
             FROM request_asset ra JOIN request r ON r.id = ra.request_id
             WHERE ra.asset_id = ?1 AND ra.link = 'retire' AND r.status = 'fulfilled'
             ORDER BY r.id DESC LIMIT 1",
            [a.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .context("looking for the asset's retirement request")?;
    let Some((request, fulfilled_at)) = request else {
        bail!(
            "TAG: {} is retired, but not by a fulfilled retirement request; it cannot be disposed of (AST-6)",
            a.tag
        );
    };
    let retired_on = local_date(&fulfilled_at)?;
    if d.date < retired_on {
        bail!(
            "--date: {} is before {} was retired ({retired_on})",
            d.date,
            a.tag
        );
    }
    tx.insert(
        ASSET_DISPOSAL,
        "INSERT INTO asset_disposal (asset_id, request_id, date, method, note)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![a.id, request, d.date.to_string(), method, note],
    )?;
    let reason = format!("disposed of ({method}): {note}; retirement request {request}");
    asset::end_service(tx, &a, "disposed", &reason, d.date)?;
    Ok(request)
}

fn local_date(instant: &str) -> Result<NaiveDate> {
    Ok(read_instant(instant)?
        .with_timezone(&crate::domain::time::zone())
        .date_naive())
}

/// Filters of `request list`.
#[derive(Debug, Default)]
pub struct Filter {
    pub status: Option<Status>,
    pub kind: Option<Kind>,
    pub dept: Option<i64>,
    /// Only requests waiting on this person to act.
    pub pending_for: Option<Person>,
}

pub const LIST_COLUMNS: &[&str] = &[
    "id",
    "kind",
    "dept",
    "title",
    "requester",
    "status",
    "since",
    "next",
];

fn list_row(r: &Request) -> Vec<Value> {
    vec![
        Value::Int(r.id),
        r.kind.as_str().into(),
        r.dept.clone().into(),
        r.title.clone().into(),
        r.requester.clone().into(),
        r.status.as_str().into(),
        r.since
            .with_timezone(&crate::domain::time::zone())
            .date_naive()
            .to_string()
            .into(),
        rules::describe_next(r.kind, r.status).into(),
    ]
}

/// The requests that match, oldest first.
pub fn list(conn: &Connection, f: &Filter) -> Result<Rows> {
    let mut stmt = conn
        .prepare(&format!(
            "{REQUEST_SELECT}
             WHERE (?1 IS NULL OR r.status = ?1) AND (?2 IS NULL OR r.kind = ?2)
               AND (?3 IS NULL OR r.dept_id = ?3)
             ORDER BY r.id"
        ))
        .context("listing requests")?;
    let mut q = stmt.query(params![
        f.status.map(Status::as_str),
        f.kind.map(Kind::as_str),
        f.dept
    ])?;
    let mut rows = Rows::new(LIST_COLUMNS);
    while let Some(r) = q.next()? {
        let req = read_request(r)?;
        if let Some(p) = &f.pending_for
            && !rules::waiting_on(req.kind, req.status, p.role, p.id == req.requester_id)
        {
            continue;
        }
        rows.push(list_row(&req));
    }
    Ok(rows)
}

/// One request as a list row, to confirm a change.
pub fn summary(conn: &Connection, id: i64) -> Result<Rows> {
    let mut rows = Rows::new(LIST_COLUMNS);
    rows.push(list_row(&get(conn, id)?));
    Ok(rows)
}

/// A whole request: the form, its lines, its assets and its steps.
pub struct Form {
    pub request: Request,
    pub fields: Rows,
    pub lines: Rows,
    pub assets: Rows,
    pub steps: Rows,
}

pub fn show(conn: &Connection, id: i64) -> Result<Form> {
    let request = get(conn, id)?;
    let mut fields = Rows::new(&[
        "id",
        "form",
        "kind",
        "dept",
        "title",
        "purpose",
        "software",
        "budget",
        "estimate",
        "requester",
        "filed_at",
        "status",
        "next",
    ]);
    let row = conn.query_row(
        "SELECT r.purpose, r.software, r.budget, r.filed_at,
                (SELECT sum(l.quantity * l.unit_price) FROM request_line l WHERE l.request_id = r.id)
         FROM request r WHERE r.id = ?1",
        [id],
        |r| {
            Ok((
                opt_text(r, 0)?,
                opt_text(r, 1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<i64>>(4)?,
            ))
        },
    )?;
    let (purpose, software, budget, filed, estimate) = row;
    let k = request.kind;
    fields.push(vec![
        Value::Int(id),
        format!("{} {}", k.form_zh(), k.form_en()).into(),
        k.as_str().into(),
        request.dept.clone().into(),
        request.title.clone().into(),
        purpose.into(),
        software.into(),
        budget.map_or(Value::Null, Value::Money),
        estimate.map_or(Value::Null, Value::Money),
        request.requester.clone().into(),
        filed.into(),
        request.status.as_str().into(),
        rules::describe_next(k, request.status).into(),
    ]);

    let mut lines = Rows::new(&[
        "line",
        "description",
        "quantity",
        "standard",
        "unit_price",
        "estimate",
    ]);
    let mut stmt = conn.prepare(
        "SELECT line_no, description, quantity, standard, unit_price, quantity * unit_price
         FROM request_line WHERE request_id = ?1 ORDER BY line_no",
    )?;
    let mut q = stmt.query([id])?;
    while let Some(r) = q.next()? {
        lines.push(vec![
            Value::Int(r.get(0)?),
            Value::Text(r.get(1)?),
            Value::Int(r.get(2)?),
            opt_text(r, 3)?.into(),
            r.get::<_, Option<i64>>(4)?
                .map_or(Value::Null, Value::Money),
            r.get::<_, Option<i64>>(5)?
                .map_or(Value::Null, Value::Money),
        ]);
    }

    Ok(Form {
        fields,
        lines,
        assets: assets(conn, id)?,
        steps: steps(conn, id)?,
        request,
    })
}

/// The assets a request names or brought: to replace, to retire, registered
/// by its fulfilment, reallocated by it.
pub fn assets(conn: &Connection, id: i64) -> Result<Rows> {
    let mut rows = Rows::new(&["tag", "name", "link", "dept", "custodian", "status"]);
    let mut stmt = conn.prepare(
        "SELECT a.tag, a.name, x.link, d.name, p.name, a.status
         FROM (SELECT asset_id, link, id AS ord FROM request_asset WHERE request_id = ?1
               UNION ALL
               SELECT id, 'registered', 0 FROM asset WHERE request_id = ?1) x
         JOIN asset a ON a.id = x.asset_id
         LEFT JOIN department d ON d.id = a.dept_id
         LEFT JOIN person p ON p.id = a.custodian_id
         ORDER BY CASE x.link WHEN 'replace' THEN 0 WHEN 'retire' THEN 1
                  WHEN 'registered' THEN 2 ELSE 3 END, a.tag",
    )?;
    let mut q = stmt.query([id])?;
    while let Some(r) = q.next()? {
        rows.push(vec![
            Value::Text(r.get(0)?),
            Value::Text(r.get(1)?),
            Value::Text(r.get(2)?),
            opt_text(r, 3)?.into(),
            opt_text(r, 4)?.into(),
            Value::Text(r.get(5)?),
        ]);
    }
    Ok(rows)
}

/// Every step, oldest first, with who took it, in which role, when and why (REQ-6).
pub fn steps(conn: &Connection, id: i64) -> Result<Rows> {
    let mut rows = Rows::new(&["at", "action", "by", "role", "status", "comment"]);
    let mut stmt = conn.prepare(
        // A step an administrator recorded on behalf of its taker says so:
        // the on_behalf entry its command wrote first.
        "SELECT s.at, s.action,
                p.name || '@' || d.name || coalesce(' (recorded on behalf by ' ||
                  (SELECT b.name || '@' || bd.name FROM audit_entry e
                     JOIN audit_entry o ON o.entity = 'on_behalf' AND o.command = e.command
                     JOIN on_behalf ob ON ob.id = CAST(o.key AS INTEGER)
                     JOIN person b ON b.id = ob.recorded_by
                     JOIN department bd ON bd.id = b.dept_id
                    WHERE e.entity = 'request_step' AND e.key = CAST(s.id AS TEXT) LIMIT 1) || ')', ''),
                s.role, s.to_status, s.comment
         FROM request_step s JOIN person p ON p.id = s.person_id
         JOIN department d ON d.id = p.dept_id
         WHERE s.request_id = ?1 ORDER BY s.id",
    )?;
    let mut q = stmt.query([id])?;
    while let Some(r) = q.next()? {
        rows.push(vec![
            Value::Text(r.get(0)?),
            Value::Text(r.get(1)?),
            Value::Text(r.get(2)?),
            Value::Text(r.get(3)?),
            Value::Text(r.get(4)?),
            opt_text(r, 5)?.into(),
        ]);
    }
    Ok(rows)
}

/// Requests waiting on someone other than their requester for longer than
/// `stale_days` (ORG-2: plans are reviewed and approved; REQ-5: approved
/// purchases are registered).
pub fn check(conn: &Connection, now: DateTime<Utc>, stale_days: u32) -> Result<Vec<Finding>> {
    // Each request as it stood at `now`, from its steps up to then, so a
    // check with a past --as-of answers for that day.
    let mut stmt = conn
        .prepare(
            "SELECT r.id, r.kind, r.dept_id, d.name, r.title, r.requester_id, p.name, s.to_status, s.at
             FROM request r
             JOIN department d ON d.id = r.dept_id
             JOIN person p ON p.id = r.requester_id
             JOIN request_step s ON s.id = (
                 SELECT s2.id FROM request_step s2
                 WHERE s2.request_id = r.id AND s2.at <= ?1
                 ORDER BY s2.at DESC, s2.id DESC LIMIT 1)
             WHERE s.to_status IN ('submitted', 'reviewed', 'approved')
             ORDER BY r.id",
        )
        .context("checking requests")?;
    let mut q = stmt.query([format_instant(now)])?;
    let mut out = Vec::new();
    while let Some(r) = q.next()? {
        let req = read_request(r)?;
        if !rules::waiting_on_others(req.status) || !rules::is_stale(req.since, now, stale_days) {
            continue;
        }
        let days = rules::days_between(req.since, now);
        let since = req
            .since
            .with_timezone(&crate::domain::time::zone())
            .date_naive();
        out.push(Finding::new(
            "request",
            Severity::Warning,
            format!("request {} {}", req.id, req.title),
            format!(
                "{} of {} has been {} for {days} days (since {}), waiting for {}; the limit is {stale_days} days",
                req.kind,
                req.dept,
                req.status,
                since,
                rules::waiting_for(req.kind, req.status)
            ),
            if req.status == Status::Approved {
                "REQ-5"
            } else {
                "ORG-2"
            },
        )
        .zh(format!(
            "{}（{}）自 {since} 起{}已 {days} 天，超过 {stale_days} 天的时限",
            req.kind.form_zh(),
            req.dept,
            rules::waiting_for_zh(req.kind, req.status)
        ))
        .subject_zh(format!("申请单 {} {}", req.id, req.title)));
    }
    Ok(out)
}

/// The newest consumables plan request of this title that is not rejected
/// or withdrawn: whose steps sign the printed plan.
pub fn plan_request(conn: &Connection, title: &str) -> Result<Option<i64>> {
    use rusqlite::OptionalExtension;
    conn.query_row(
        "SELECT id FROM request WHERE kind = 'consumable-plan' AND title = ?1
           AND status NOT IN ('rejected', 'withdrawn') ORDER BY id DESC LIMIT 1",
        [title],
        |r| r.get(0),
    )
    .optional()
    .context("looking for the quarter's plan request")
}
