-- infogov register schema, version 1.
--
-- This file is the whole current schema, readable on its own. A new register is
-- created by running it; an older register is brought up to date by the
-- migrations in src/store/migrate.rs, and a test proves both paths end with the
-- same schema. Every table is STRICT and carries CHECK constraints so that the
-- register itself refuses impossible rows, whoever writes to it.
--
-- Conventions:
--   dates      TEXT 'YYYY-MM-DD'
--   instants   TEXT RFC 3339 in UTC, 'YYYY-MM-DDTHH:MM:SSZ'
--   money      INTEGER, in fen (1/100 of a yuan), so sums are exact
--   enumerations are CHECKed as `x = 'a' OR x = 'b' ...` rather than
--              `x IN ('a', 'b', ...)`: SQLite builds an ephemeral table for an IN
--              list of three or more on every row written, which slowed bulk
--              imports measurably (docs/performance.md)

-- Organisation (ORG-1) -------------------------------------------------------

CREATE TABLE department (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    code        TEXT UNIQUE CHECK (code IS NULL OR length(trim(code)) > 0),
    -- the department's IT liaison (信息员); a person of any department
    liaison_id  INTEGER REFERENCES person(id),
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE person (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    dept_id     INTEGER NOT NULL REFERENCES department(id),
    -- office: the IT office (reviews, fulfils); approver: a leader who approves
    role        TEXT NOT NULL DEFAULT 'staff' CHECK (role = 'staff' OR role = 'office' OR role = 'approver'),
    created_at  TEXT NOT NULL,
    UNIQUE (name, dept_id)
) STRICT;

-- The OS logins of people (issue #16): the login is the human. One human
-- registered in several departments carries the same login on each record, so
-- separation of duties holds per human, not per record.
CREATE TABLE person_login (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL UNIQUE REFERENCES person(id),
    login      TEXT NOT NULL CHECK (length(trim(login)) > 0),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX person_login_login ON person_login(login);

-- Steps an administrator recorded on behalf of another person, with the
-- fingerprint of the evidence (the signed paper form or its scan).
CREATE TABLE on_behalf (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    recorded_by     INTEGER NOT NULL REFERENCES person(id),
    on_behalf_of    INTEGER NOT NULL REFERENCES person(id),
    evidence_file   TEXT NOT NULL,
    evidence_sha256 TEXT NOT NULL CHECK (length(evidence_sha256) = 64),
    command         TEXT NOT NULL
) STRICT;

-- Information systems that backup policies and security grading refer to.
CREATE TABLE system (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    owner_dept_id INTEGER NOT NULL REFERENCES department(id),
    description   TEXT,
    stage         TEXT NOT NULL DEFAULT 'in-service'
                  CHECK (stage = 'design' OR stage = 'in-service' OR stage = 'retired'),
    created_at    TEXT NOT NULL
) STRICT;

-- Assets (AST-1..AST-5, AST-7, AST-9) ----------------------------------------

CREATE TABLE asset (
    id            INTEGER PRIMARY KEY,
    tag           TEXT NOT NULL UNIQUE CHECK (length(trim(tag)) > 0),
    kind          TEXT NOT NULL CHECK (length(trim(kind)) > 0),
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    model         TEXT,
    manufacturer  TEXT,
    supplier      TEXT,
    purchased     TEXT CHECK (purchased IS NULL OR date(purchased) = purchased),
    price         INTEGER CHECK (price IS NULL OR price >= 0),
    dept_id       INTEGER REFERENCES department(id),
    custodian_id  INTEGER REFERENCES person(id),
    location      TEXT,
    serial        TEXT,
    specs         TEXT,
    classified    INTEGER NOT NULL DEFAULT 0 CHECK (classified IN (0, 1)),
    network       TEXT NOT NULL DEFAULT 'internal'
                  CHECK (network = 'internal' OR network = 'external' OR network = 'none'),
    status        TEXT NOT NULL DEFAULT 'in-use'
                  CHECK (status = 'in-use' OR status = 'in-stock' OR status = 'under-repair' OR status = 'retired' OR status = 'disposed'
                         OR status = 'missing'),
    registered    TEXT NOT NULL CHECK (date(registered) = registered),
    -- the approved request whose fulfilment registered it (REQ-5)
    request_id    INTEGER REFERENCES request(id)
) STRICT;
CREATE INDEX asset_dept ON asset(dept_id);
CREATE INDEX asset_custodian ON asset(custodian_id);

-- A change of department, custodian or location (AST-3).
CREATE TABLE asset_transfer (
    id                INTEGER PRIMARY KEY,
    asset_id          INTEGER NOT NULL REFERENCES asset(id),
    date              TEXT NOT NULL CHECK (date(date) = date),
    from_dept_id      INTEGER REFERENCES department(id),
    to_dept_id        INTEGER REFERENCES department(id),
    from_custodian_id INTEGER REFERENCES person(id),
    to_custodian_id   INTEGER REFERENCES person(id),
    from_location     TEXT,
    to_location       TEXT,
    reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0)
) STRICT;
CREATE INDEX asset_transfer_asset ON asset_transfer(asset_id);

-- Repairs, inspections, virus scans, upgrades (AST-4, OPS-1).
CREATE TABLE maintenance (
    id             INTEGER PRIMARY KEY,
    asset_id       INTEGER NOT NULL REFERENCES asset(id),
    date           TEXT NOT NULL CHECK (date(date) = date),
    kind           TEXT NOT NULL CHECK (kind = 'repair' OR kind = 'inspection' OR kind = 'virus-scan' OR kind = 'upgrade'),
    cost           INTEGER NOT NULL DEFAULT 0 CHECK (cost >= 0),
    charge_dept_id INTEGER REFERENCES department(id),
    vendor         TEXT,
    note           TEXT NOT NULL CHECK (length(trim(note)) > 0),
    -- an upgrade that changes the specs records both (a configuration change, AST-3)
    specs_from     TEXT,
    specs_to       TEXT CHECK (specs_to IS NULL OR kind = 'upgrade'),
    -- a cost is always charged to someone (AST-4)
    CHECK (cost = 0 OR charge_dept_id IS NOT NULL)
) STRICT;
CREATE INDEX maintenance_asset ON maintenance(asset_id);

-- Damage by human cause and who pays for it (AST-5).
CREATE TABLE damage (
    id               INTEGER PRIMARY KEY,
    asset_id         INTEGER NOT NULL REFERENCES asset(id),
    date             TEXT NOT NULL CHECK (date(date) = date),
    cause            TEXT NOT NULL CHECK (length(trim(cause)) > 0),
    liable           TEXT NOT NULL CHECK (liable = 'department' OR liable = 'person'),
    liable_dept_id   INTEGER REFERENCES department(id),
    liable_person_id INTEGER REFERENCES person(id),
    amount           INTEGER NOT NULL CHECK (amount >= 0),
    CHECK ((liable = 'department' AND liable_dept_id IS NOT NULL AND liable_person_id IS NULL)
        OR (liable = 'person' AND liable_person_id IS NOT NULL))
) STRICT;
CREATE INDEX damage_asset ON damage(asset_id);

-- A status change that is not a transfer (e.g. sent for repair, back in stock).
CREATE TABLE asset_status_change (
    id          INTEGER PRIMARY KEY,
    asset_id    INTEGER NOT NULL REFERENCES asset(id),
    date        TEXT NOT NULL CHECK (date(date) = date),
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0)
) STRICT;
CREATE INDEX asset_status_change_asset ON asset_status_change(asset_id);
-- Serial numbers are looked up by every import row (one serial, one asset).
CREATE INDEX asset_serial ON asset(serial);

-- The audit trail (SEC-4) ------------------------------------------------------
--
-- One entry per change to an audited row, appended in the same transaction as
-- the change. Each entry holds the full row after the change (NULL after a
-- delete) and a SHA-256 over its fields and the previous entry's hash, so a
-- rewritten or truncated trail, and any audited row changed without an entry,
-- are found by `audit verify`.
--
-- Stored lean (schema 11, docs/design.md "The audit trail"): who, when and the
-- command line once per command (audit_command); the row as a JSON array of
-- its values (audit_entry.row) under the sorted column names of its table
-- (audit_shape), or, for an entry the migration could not split byte for
-- byte, the JSON object it held; the hash as 32 bytes. The hash is still over
-- the whole entry as audit_log shows it: the row as a JSON object, the hashes
-- as hex. audit_log is that view, for reading.
CREATE TABLE audit_command (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    os_user    TEXT NOT NULL,
    line       TEXT NOT NULL
) STRICT;
CREATE TABLE audit_shape (
    id         INTEGER PRIMARY KEY,
    entity     TEXT NOT NULL,
    columns    TEXT NOT NULL,
    UNIQUE (entity, columns)
) STRICT;
CREATE TABLE audit_entry (
    seq        INTEGER PRIMARY KEY,
    command    INTEGER NOT NULL,
    entity     TEXT NOT NULL,
    key        TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action = 'insert' OR action = 'update' OR action = 'delete'),
    shape      INTEGER,
    row        TEXT,
    hash       BLOB NOT NULL
) STRICT;
CREATE INDEX audit_entry_entity_key ON audit_entry(entity, key);
-- The few deletes (a record renamed leaves one under its old key), for the
-- full comparison, which must not take such a key for a row deleted behind the
-- tool's back.
CREATE INDEX audit_entry_delete ON audit_entry(entity, key) WHERE action = 'delete';
CREATE VIEW audit_log AS
SELECT e.seq, c.at, c.actor, c.os_user, c.line AS command, e.entity, e.key, e.action,
       CASE WHEN e.row IS NULL OR substr(e.row, 1, 1) = '{' THEN e.row
            ELSE (SELECT json_group_object(n.value, v.value)
                    FROM audit_shape s, json_each(s.columns) n, json_each(e.row) v
                   WHERE s.id = e.shape AND v.key = n.key) END AS row,
       coalesce((SELECT lower(hex(p.hash)) FROM audit_entry p WHERE p.seq < e.seq ORDER BY p.seq DESC LIMIT 1),
                '0000000000000000000000000000000000000000000000000000000000000000') AS prev_hash,
       lower(hex(e.hash)) AS hash, e.command AS command_id
FROM audit_entry e LEFT JOIN audit_command c ON c.id = e.command;

-- Signed checkpoints of the trail (audit checkpoint): part of the trail, like
-- audit_entry, and not audited; each row proves itself by its signature.
CREATE TABLE audit_checkpoint (
    seq        INTEGER PRIMARY KEY,
    hash       TEXT NOT NULL,
    at         TEXT NOT NULL,
    signature  TEXT NOT NULL,
    public_key TEXT NOT NULL
) STRICT;

-- Security grading (GRD-1..GRD-6) ---------------------------------------------
--
-- A system's grade is that of its newest assessment (by date, then id);
-- re-grading adds an assessment and keeps the history. Filings, evaluations
-- and inspections name the assessment in force on their date.

-- A grading (定级) by harmed object and degree of harm, for business
-- information security (info_*, "S") and system service security (service_*,
-- "A"); the grade is the higher of the two (GB/T 22240-2020). The expert review
-- (专家评审) and the competent authority's approval (主管部门) are recorded
-- on the assessment they are about, when they happen.
CREATE TABLE grade_assessment (
    id                 INTEGER PRIMARY KEY,
    system_id          INTEGER NOT NULL REFERENCES system(id),
    date               TEXT NOT NULL CHECK (date(date) = date),
    info_object        TEXT NOT NULL CHECK (info_object = 'citizen' OR info_object = 'society' OR info_object = 'nation'),
    info_harm          TEXT NOT NULL CHECK (info_harm = 'general' OR info_harm = 'serious' OR info_harm = 'severe'),
    info_grade         INTEGER NOT NULL CHECK (info_grade BETWEEN 1 AND 5),
    service_object     TEXT NOT NULL CHECK (service_object = 'citizen' OR service_object = 'society' OR service_object = 'nation'),
    service_harm       TEXT NOT NULL CHECK (service_harm = 'general' OR service_harm = 'serious' OR service_harm = 'severe'),
    service_grade      INTEGER NOT NULL CHECK (service_grade BETWEEN 1 AND 5),
    grade              INTEGER NOT NULL CHECK (grade = max(info_grade, service_grade)),
    rationale          TEXT,
    -- the name of the ruleset (deadlines and intervals) in force when graded
    ruleset            TEXT NOT NULL CHECK (length(trim(ruleset)) > 0),
    review_date        TEXT CHECK (review_date IS NULL OR (date(review_date) = review_date AND review_date >= date)),
    review_experts     TEXT CHECK (review_experts IS NULL OR length(trim(review_experts)) > 0),
    review_opinion     TEXT,
    approval_date      TEXT CHECK (approval_date IS NULL OR (date(approval_date) = approval_date AND approval_date >= date)),
    approval_authority TEXT CHECK (approval_authority IS NULL OR length(trim(approval_authority)) > 0),
    approval_reference TEXT,
    CHECK ((review_date IS NULL) = (review_experts IS NULL)),
    CHECK ((approval_date IS NULL) = (approval_authority IS NULL))
) STRICT;
CREATE INDEX grade_assessment_system ON grade_assessment(system_id, date);

-- A filing (备案) with the public security bureau (GRD-3).
CREATE TABLE grade_filing (
    id            INTEGER PRIMARY KEY,
    system_id     INTEGER NOT NULL REFERENCES system(id),
    assessment_id INTEGER NOT NULL REFERENCES grade_assessment(id),
    date          TEXT NOT NULL CHECK (date(date) = date),
    authority     TEXT NOT NULL CHECK (length(trim(authority)) > 0),
    -- the filing certificate number (备案证明编号)
    number        TEXT NOT NULL CHECK (length(trim(number)) > 0)
) STRICT;
CREATE INDEX grade_filing_system ON grade_filing(system_id);

-- An evaluation (等级测评) by an accredited agency (GRD-4).
CREATE TABLE grade_evaluation (
    id            INTEGER PRIMARY KEY,
    system_id     INTEGER NOT NULL REFERENCES system(id),
    assessment_id INTEGER NOT NULL REFERENCES grade_assessment(id),
    date          TEXT NOT NULL CHECK (date(date) = date),
    agency        TEXT NOT NULL CHECK (length(trim(agency)) > 0),
    result        TEXT NOT NULL CHECK (result = 'conform' OR result = 'basic' OR result = 'nonconform'),
    score         REAL CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
    report        TEXT
) STRICT;
CREATE INDEX grade_evaluation_system ON grade_evaluation(system_id);

-- A self-inspection (自查) (GRD-5).
CREATE TABLE grade_inspection (
    id            INTEGER PRIMARY KEY,
    system_id     INTEGER NOT NULL REFERENCES system(id),
    assessment_id INTEGER NOT NULL REFERENCES grade_assessment(id),
    date          TEXT NOT NULL CHECK (date(date) = date),
    findings      TEXT NOT NULL CHECK (length(trim(findings)) > 0)
) STRICT;
CREATE INDEX grade_inspection_system ON grade_inspection(system_id);

-- A rectification item (整改), from an evaluation, a self-inspection, or
-- neither (GRD-5). Closed with the date and a note on what was done.
CREATE TABLE grade_rectification (
    id            INTEGER PRIMARY KEY,
    system_id     INTEGER NOT NULL REFERENCES system(id),
    item          TEXT NOT NULL CHECK (length(trim(item)) > 0),
    opened        TEXT NOT NULL CHECK (date(opened) = opened),
    due           TEXT NOT NULL CHECK (date(due) = due AND due >= opened),
    evaluation_id INTEGER REFERENCES grade_evaluation(id),
    inspection_id INTEGER REFERENCES grade_inspection(id),
    done          TEXT CHECK (done IS NULL OR (date(done) = done AND done >= opened)),
    note          TEXT CHECK (note IS NULL OR length(trim(note)) > 0),
    CHECK (evaluation_id IS NULL OR inspection_id IS NULL),
    CHECK ((done IS NULL) = (note IS NULL))
) STRICT;
CREATE INDEX grade_rectification_system ON grade_rectification(system_id);

-- Requests and approvals (REQ-1..REQ-6, AST-6, ORG-2) -------------------------
--
-- A request is a form (《信息化配置申请》 and its kin) that moves through
-- draft -> submitted -> reviewed -> approved -> fulfilled, or ends rejected or
-- withdrawn; the rules are in src/domain/request.rs. Every step is a row of
-- request_step with who took it, when, in which role and why (REQ-6).

CREATE TABLE request (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind = 'config-plan' OR kind = 'config-change' OR
                                       kind = 'retirement' OR kind = 'project' OR
                                       kind = 'consumable-plan'),
    -- the applying department
    dept_id       INTEGER NOT NULL REFERENCES department(id),
    title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
    -- purpose, reason for retirement, or project description
    purpose       TEXT,
    -- the software the equipment is for (REQ-1)
    software      TEXT,
    budget        INTEGER CHECK (budget IS NULL OR budget >= 0),
    requester_id  INTEGER NOT NULL REFERENCES person(id),
    status        TEXT NOT NULL DEFAULT 'draft'
                  CHECK (status = 'draft' OR status = 'submitted' OR status = 'reviewed' OR
                         status = 'approved' OR status = 'fulfilled' OR status = 'rejected' OR
                         status = 'withdrawn'),
    filed_at      TEXT NOT NULL
) STRICT;
CREATE INDEX request_status ON request(status);

-- The items a plan or application asks for.
CREATE TABLE request_line (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES request(id),
    line_no      INTEGER NOT NULL CHECK (line_no >= 1),
    description  TEXT NOT NULL CHECK (length(trim(description)) > 0),
    quantity     INTEGER NOT NULL CHECK (quantity > 0),
    -- the configuration standard (配置标准), e.g. i5/16G/512G
    standard     TEXT,
    unit_price   INTEGER CHECK (unit_price IS NULL OR unit_price >= 0),
    UNIQUE (request_id, line_no)
) STRICT;

-- Existing assets a request names: to be replaced (config-change), to be
-- retired (retirement), or reallocated to the department at fulfilment (调剂).
-- Purchased assets point back with asset.request_id instead.
CREATE TABLE request_asset (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES request(id),
    asset_id    INTEGER NOT NULL REFERENCES asset(id),
    link        TEXT NOT NULL CHECK (link = 'replace' OR link = 'retire' OR link = 'reallocate'),
    UNIQUE (request_id, asset_id, link)
) STRICT;
CREATE INDEX request_asset_asset ON request_asset(asset_id);
-- Partial: a bulk import (request_id NULL) pays nothing for it.
CREATE INDEX asset_request ON asset(request_id) WHERE request_id IS NOT NULL;

CREATE TABLE request_step (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES request(id),
    at           TEXT NOT NULL,
    action       TEXT NOT NULL CHECK (action = 'file' OR action = 'submit' OR
                                      action = 'review-accept' OR action = 'review-reject' OR
                                      action = 'approve' OR action = 'reject' OR
                                      action = 'fulfil' OR action = 'withdraw'),
    person_id    INTEGER NOT NULL REFERENCES person(id),
    -- the person's role when they acted; roles change, the record does not
    role         TEXT NOT NULL CHECK (role = 'staff' OR role = 'office' OR role = 'approver'),
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    comment      TEXT
) STRICT;
CREATE INDEX request_step_request ON request_step(request_id);

-- The disposal of a retired asset (AST-6): only of one retired by a fulfilled
-- retirement request, which it names.
CREATE TABLE asset_disposal (
    id          INTEGER PRIMARY KEY,
    asset_id    INTEGER NOT NULL UNIQUE REFERENCES asset(id),
    request_id  INTEGER NOT NULL REFERENCES request(id),
    date        TEXT NOT NULL CHECK (date(date) = date),
    method      TEXT NOT NULL CHECK (method = 'scrap' OR method = 'recycle' OR method = 'sell' OR
                                     method = 'donate' OR method = 'destroy'),
    note        TEXT NOT NULL CHECK (length(trim(note)) > 0)
) STRICT;

-- Consumables (CON-1..CON-6) ---------------------------------------------------
--
-- Quantities are whole numbers in the item's unit. Stock is never stored: it
-- is the sum of an item's movements, so it cannot drift from the ledger (台账).

CREATE TABLE consumable_item (
    id            INTEGER PRIMARY KEY,
    sku           TEXT NOT NULL UNIQUE
                  CHECK (length(trim(sku)) > 0 AND sku NOT GLOB '*[ 	]*'),
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    -- free text (toner, ink, paper, media, cables ...); quotas are per category
    category      TEXT NOT NULL CHECK (length(trim(category)) > 0),
    unit          TEXT NOT NULL CHECK (length(trim(unit)) > 0),
    -- stock below this is flagged (CON-6) and the plan buys back up to it
    reorder_level INTEGER NOT NULL DEFAULT 0 CHECK (reorder_level >= 0),
    created_at    TEXT NOT NULL CHECK (date(created_at) = created_at)
) STRICT;
CREATE INDEX consumable_item_category ON consumable_item(category);

-- Every stock movement: in (receive), out to a department (issue), or a
-- stock-taking correction (adjust). qty is signed: + into stock, - out of it.
CREATE TABLE consumable_movement (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES consumable_item(id),
    kind        TEXT NOT NULL CHECK (kind = 'receive' OR kind = 'issue' OR kind = 'adjust'),
    date        TEXT NOT NULL CHECK (date(date) = date),
    qty         INTEGER NOT NULL,
    -- receive: the purchase price; issue: the last purchase price on that date
    unit_cost   INTEGER CHECK (unit_cost IS NULL OR unit_cost >= 0),
    supplier    TEXT,
    ref         TEXT,
    dept_id     INTEGER REFERENCES department(id),
    person_id   INTEGER REFERENCES person(id),
    asset_id    INTEGER REFERENCES asset(id),
    -- issued beyond the department's quota for the category and quarter
    over_quota  INTEGER NOT NULL DEFAULT 0 CHECK (over_quota IN (0, 1)),
    reason      TEXT CHECK (reason IS NULL OR length(trim(reason)) > 0),
    CHECK ((kind = 'receive' AND qty > 0) OR (kind = 'issue' AND qty < 0)
        OR (kind = 'adjust' AND qty <> 0)),
    -- an issue goes to a department; nothing else does
    CHECK ((kind = 'issue') = (dept_id IS NOT NULL)),
    CHECK (kind = 'issue' OR (person_id IS NULL AND asset_id IS NULL AND over_quota = 0)),
    CHECK (kind = 'receive' OR (supplier IS NULL AND ref IS NULL)),
    CHECK (kind <> 'adjust' OR reason IS NOT NULL),
    CHECK (over_quota = 0 OR reason IS NOT NULL)
) STRICT;
-- the ledger reads in (date, id) order; stock and the stock check per item
CREATE INDEX consumable_movement_date ON consumable_movement(date);
CREATE INDEX consumable_movement_item ON consumable_movement(item_id, date, qty);

-- A department's quota (定额) for a category, in the category's unit, per
-- quarter (CON-3). A row applies to its quarter only (standing = 0) or from
-- its quarter on until a later standing row (standing = 1). The quota in force
-- for a quarter Q: the row for Q only if there is one, else the standing row
-- with the latest quarter <= Q.
CREATE TABLE consumable_quota (
    id        INTEGER PRIMARY KEY,
    dept_id   INTEGER NOT NULL REFERENCES department(id),
    category  TEXT NOT NULL CHECK (length(trim(category)) > 0),
    quarter   TEXT NOT NULL CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]Q[1-4]'),
    standing  INTEGER NOT NULL CHECK (standing IN (0, 1)),
    qty       INTEGER NOT NULL CHECK (qty >= 0),
    UNIQUE (dept_id, category, quarter, standing)
) STRICT;
-- Recurring duties (DUT-1..DUT-5, OPS-1, OPS-2, OPS-4, SEC-1, BAK-4) and software (AST-8) ----

-- A duty that recurs: a meeting, a report, a scan, a password change.
-- `every` is an interval as infogov writes it (2w, 90d, 1q, 6mo, 1y); months,
-- quarters and years are calendar units. Next due = last done + every; before
-- the first completion, first_due, else created + every (docs/duties.md).
CREATE TABLE duty (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    description     TEXT,
    every           TEXT NOT NULL CHECK (length(every) >= 2),
    -- the requirement ID of the regulation it carries, e.g. DUT-1
    requirement     TEXT,
    owner_dept_id   INTEGER REFERENCES department(id),
    owner_person_id INTEGER REFERENCES person(id),
    -- what it covers: an asset kind, a department or an information system
    scope_kind      TEXT CHECK (scope_kind IS NULL OR length(trim(scope_kind)) > 0),
    scope_dept_id   INTEGER REFERENCES department(id),
    scope_system_id INTEGER REFERENCES system(id),
    -- maintenance records of this kind (asset maintain) count as the duty done
    counts          TEXT CHECK (counts IS NULL OR counts = 'maintenance:virus-scan' OR counts = 'maintenance:inspection'
                                OR counts = 'maintenance:repair' OR counts = 'maintenance:upgrade'
                                OR counts = 'drill:pass' OR counts = 'request:consumable-plan'),
    first_due       TEXT CHECK (first_due IS NULL OR date(first_due) = first_due),
    created         TEXT NOT NULL CHECK (date(created) = created),
    -- a retired duty keeps its history but is no longer listed or checked
    retired         TEXT CHECK (retired IS NULL OR date(retired) = retired),
    retired_reason  TEXT,
    CHECK (owner_dept_id IS NULL OR owner_person_id IS NULL),
    CHECK ((scope_kind IS NOT NULL) + (scope_dept_id IS NOT NULL) + (scope_system_id IS NOT NULL) <= 1),
    CHECK ((retired IS NULL) = (retired_reason IS NULL)),
    CHECK (counts IS NULL OR scope_system_id IS NULL)
) STRICT;

-- A duty done on a day, with what shows it (minutes, a report's file or number).
CREATE TABLE duty_done (
    id              INTEGER PRIMARY KEY,
    duty_id         INTEGER NOT NULL REFERENCES duty(id),
    date            TEXT NOT NULL CHECK (date(date) = date),
    note            TEXT NOT NULL CHECK (length(trim(note)) > 0),
    evidence        TEXT CHECK (evidence IS NULL OR length(trim(evidence)) > 0),
    -- the SHA-256 of the evidence file when it named one that existed
    evidence_sha256 TEXT CHECK (evidence_sha256 IS NULL OR length(evidence_sha256) = 64),
    UNIQUE (duty_id, date)
) STRICT;

-- The software approved for LAN devices (AST-8): a name (any case) and a glob
-- over versions ('*' is every version).
CREATE TABLE software_allowed (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    version_pattern TEXT NOT NULL DEFAULT '*' CHECK (length(trim(version_pattern)) > 0),
    note            TEXT,
    created         TEXT NOT NULL CHECK (date(created) = created),
    UNIQUE (name COLLATE NOCASE, version_pattern)
) STRICT;

-- What is installed on each device, as last imported from an inventory.
CREATE TABLE software_installed (
    id        INTEGER PRIMARY KEY,
    asset_id  INTEGER NOT NULL REFERENCES asset(id),
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    version   TEXT NOT NULL DEFAULT '',
    imported  TEXT NOT NULL CHECK (date(imported) = imported),
    UNIQUE (asset_id, name, version)
) STRICT;

-- Backups (BAK-1, BAK-2, BAK-3) ----------------------------------------------
--
-- A policy per information system: the maximum age of the newest successful
-- backup of each kind (BAK-3), of the newest off-site copy (BAK-1) and of the
-- newest passed restore drill (BAK-2), and how far back the oldest full must
-- reach. Limits are intervals as typed ('7d', '1h', '1q'); NULL is not checked.
CREATE TABLE backup_policy (
    id          INTEGER PRIMARY KEY,
    system_id   INTEGER NOT NULL UNIQUE REFERENCES system(id),
    full        TEXT CHECK (full IS NULL OR full GLOB '[1-9]*[a-z]'),
    diff        TEXT CHECK (diff IS NULL OR diff GLOB '[1-9]*[a-z]'),
    log         TEXT CHECK (log IS NULL OR log GLOB '[1-9]*[a-z]'),
    offsite     TEXT CHECK (offsite IS NULL OR offsite GLOB '[1-9]*[a-z]'),
    drill       TEXT CHECK (drill IS NULL OR drill GLOB '[1-9]*[a-z]'),
    retain_full TEXT CHECK (retain_full IS NULL OR retain_full GLOB '[1-9]*[a-z]'),
    -- added to every age limit, for jobs that start late or run long
    grace       TEXT CHECK (grace IS NULL OR grace GLOB '[1-9]*[a-z]'),
    updated_at  TEXT NOT NULL
) STRICT;

-- One backup run, recorded by hand, imported from a backup tool's own output,
-- or made by `backup self`. A failed run is kept as evidence but never counts
-- as a backup. (tool, backup_id) is the natural key that makes a re-import
-- add nothing; runs recorded by hand may have no backup_id.
CREATE TABLE backup_run (
    id          INTEGER PRIMARY KEY,
    system_id   INTEGER NOT NULL REFERENCES system(id),
    kind        TEXT NOT NULL CHECK (kind = 'full' OR kind = 'diff' OR kind = 'incr' OR kind = 'log'),
    started     TEXT CHECK (started IS NULL OR started GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    finished    TEXT NOT NULL CHECK (finished GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    location    TEXT NOT NULL CHECK (location = 'local' OR location = 'offsite'),
    bytes       INTEGER CHECK (bytes IS NULL OR bytes >= 0),
    checksum    TEXT,
    tool        TEXT NOT NULL CHECK (length(trim(tool)) > 0),
    backup_id   TEXT CHECK (backup_id IS NULL OR length(trim(backup_id)) > 0),
    status      TEXT NOT NULL CHECK (status = 'success' OR status = 'failed'),
    note        TEXT,
    recorded_at TEXT NOT NULL,
    CHECK (started IS NULL OR started <= finished),
    UNIQUE (tool, backup_id)
) STRICT;
-- The check asks, per system, for the newest (and oldest) successful run of
-- each kind and the newest off-site one: each is one seek in these partial
-- indexes, however many runs the register holds. They carry `started` and
-- `status` so that SQLite answers from the index alone (covering), without
-- reading the run itself.
CREATE INDEX backup_run_kind ON backup_run(system_id, kind, finished, started, status) WHERE status = 'success';
CREATE INDEX backup_run_offsite ON backup_run(system_id, location, finished, status) WHERE status = 'success';
CREATE INDEX backup_run_system ON backup_run(system_id, finished);

-- A restore drill (BAK-2): a backup restored somewhere and checked.
CREATE TABLE backup_drill (
    id          INTEGER PRIMARY KEY,
    system_id   INTEGER NOT NULL REFERENCES system(id),
    at          TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    result      TEXT NOT NULL CHECK (result = 'pass' OR result = 'fail'),
    restored_to TEXT,
    note        TEXT NOT NULL CHECK (length(trim(note)) > 0),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX backup_drill_system ON backup_drill(system_id, result, at);

-- Grading as inspectors read it (issue 14) -------------------------------------

-- The grading report (定级报告) of an assessment: the file and its SHA-256,
-- so that the report shown to an inspector is the one that was recorded.
CREATE TABLE grade_report (
    id            INTEGER PRIMARY KEY,
    system_id     INTEGER NOT NULL REFERENCES system(id),
    assessment_id INTEGER NOT NULL REFERENCES grade_assessment(id),
    date          TEXT NOT NULL CHECK (date(date) = date),
    file          TEXT NOT NULL CHECK (length(trim(file)) > 0),
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64)
) STRICT;
CREATE INDEX grade_report_system ON grade_report(system_id);

-- A filing the public security bureau turned back (公通字[2007]43号 art. 17):
-- the system is re-graded and filed again.
CREATE TABLE grade_filing_rejection (
    id            INTEGER PRIMARY KEY,
    system_id     INTEGER NOT NULL REFERENCES system(id),
    assessment_id INTEGER NOT NULL REFERENCES grade_assessment(id),
    date          TEXT NOT NULL CHECK (date(date) = date),
    authority     TEXT NOT NULL CHECK (length(trim(authority)) > 0),
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0)
) STRICT;
CREATE INDEX grade_filing_rejection_system ON grade_filing_rejection(system_id);

-- The cancellation of a system's filing (撤销备案): retired, or below grade 2.
CREATE TABLE grade_filing_cancellation (
    id            INTEGER PRIMARY KEY,
    system_id     INTEGER NOT NULL REFERENCES system(id),
    date          TEXT NOT NULL CHECK (date(date) = date),
    authority     TEXT NOT NULL CHECK (length(trim(authority)) > 0),
    reference     TEXT
) STRICT;
CREATE INDEX grade_filing_cancellation_system ON grade_filing_cancellation(system_id);

-- A material change of a system; its grading is re-assessed after it.
CREATE TABLE system_change (
    id            INTEGER PRIMARY KEY,
    system_id     INTEGER NOT NULL REFERENCES system(id),
    date          TEXT NOT NULL CHECK (date(date) = date),
    kind          TEXT NOT NULL CHECK (kind = 'business-scope' OR kind = 'interconnection'
                                       OR kind = 'upgrade' OR kind = 'move' OR kind = 'other'),
    detail        TEXT NOT NULL CHECK (length(trim(detail)) > 0)
) STRICT;
CREATE INDEX system_change_system ON system_change(system_id);

-- A receipt made outside an approved quarterly plan (CON-2): an emergency
-- purchase, with why. It stays a finding of its quarter.
CREATE TABLE consumable_unplanned (
    movement_id INTEGER PRIMARY KEY REFERENCES consumable_movement(id),
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0)
) STRICT;

-- A department's stated need of an item for a quarter (CON-2), from which
-- the quarter's plan is drafted; restating it updates the row.
CREATE TABLE consumable_need (
    id       INTEGER PRIMARY KEY,
    dept_id  INTEGER NOT NULL REFERENCES department(id),
    item_id  INTEGER NOT NULL REFERENCES consumable_item(id),
    quarter  TEXT NOT NULL CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]Q[1-4]'),
    qty      INTEGER NOT NULL CHECK (qty >= 0),
    note     TEXT CHECK (note IS NULL OR length(trim(note)) > 0),
    stated   TEXT NOT NULL CHECK (date(stated) = stated),
    UNIQUE (dept_id, item_id, quarter)
) STRICT;

-- Corrections (nothing is deleted) -------------------------------------------
--
-- A record entered by mistake is voided, not deleted: it stays in every
-- listing, history, ledger and report, marked void with the reason and who
-- voided it, and every check and total ignores it (docs/design.md,
-- "Corrections"). A consumable movement is voided by a reversing movement,
-- the way a ledger corrects itself, so stock follows from the sum as ever.
CREATE TABLE record_void (
    id          INTEGER PRIMARY KEY,
    entity      TEXT NOT NULL CHECK (entity = 'backup_run' OR entity = 'backup_drill' OR
                                     entity = 'consumable_movement' OR entity = 'maintenance' OR
                                     entity = 'damage' OR entity = 'duty_done' OR
                                     entity = 'grade_assessment' OR entity = 'grade_filing' OR
                                     entity = 'grade_evaluation' OR entity = 'grade_inspection' OR
                                     entity = 'grade_rectification' OR entity = 'incident'),
    record_id   INTEGER NOT NULL,
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    voided_by   TEXT NOT NULL CHECK (length(trim(voided_by)) > 0),
    -- the real time of the void (RFC 3339, UTC), as the audit trail has it
    voided_at   TEXT NOT NULL,
    reversal_id INTEGER REFERENCES consumable_movement(id),
    CHECK (reversal_id IS NULL OR entity = 'consumable_movement'),
    UNIQUE (entity, record_id)
) STRICT;
CREATE INDEX record_void_reversal ON record_void(reversal_id) WHERE reversal_id IS NOT NULL;

-- A registration field corrected after the fact (asset, person, department,
-- system): the old and the new value as typed, and why.
CREATE TABLE amendment (
    id          INTEGER PRIMARY KEY,
    entity      TEXT NOT NULL CHECK (entity = 'asset' OR entity = 'person' OR
                                     entity = 'department' OR entity = 'system'),
    record_id   INTEGER NOT NULL,
    field       TEXT NOT NULL CHECK (length(trim(field)) > 0),
    old_value   TEXT,
    new_value   TEXT,
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    date        TEXT NOT NULL CHECK (date(date) = date),
    amended_by  TEXT NOT NULL CHECK (length(trim(amended_by)) > 0),
    amended_at  TEXT NOT NULL
) STRICT;
CREATE INDEX amendment_record ON amendment(entity, record_id);

-- Stock-taking (盘点, AST-1, C17) ---------------------------------------------
--
-- The register is "true and checkable" only if it is counted against the
-- devices themselves. A stock-take fixes, when it starts, the assets expected
-- in its scope (a department, a location, a kind, or all of them) with the
-- department, custodian and location the register then gave them; the count
-- records what was found; closing it sets the uncounted missing (盘亏), and
-- the report lists what was found elsewhere and what was not expected (盘盈).

-- Service life (使用年限, in months) and warranty end (保修期至) of an asset,
-- where given; an asset without a life here takes its kind's from the config.
CREATE TABLE asset_life (
    id              INTEGER PRIMARY KEY,
    asset_id        INTEGER NOT NULL UNIQUE REFERENCES asset(id),
    service_life    INTEGER CHECK (service_life IS NULL OR service_life > 0),
    warranty_until  TEXT CHECK (warranty_until IS NULL OR date(warranty_until) = warranty_until),
    CHECK (service_life IS NOT NULL OR warranty_until IS NOT NULL)
) STRICT;

CREATE TABLE stocktake (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    dept_id     INTEGER REFERENCES department(id),
    location    TEXT CHECK (location IS NULL OR length(trim(location)) > 0),
    kind        TEXT CHECK (kind IS NULL OR length(trim(kind)) > 0),
    started     TEXT NOT NULL CHECK (date(started) = started),
    closed      TEXT CHECK (closed IS NULL OR (date(closed) = closed AND closed >= started))
) STRICT;

-- A line of a stock-take: an asset expected (expected = 1, where the register
-- had it at the start), or a tag counted that was not expected (expected = 0:
-- an asset of another scope, or with no asset_id a tag unknown to the
-- register). The result is NULL until counted; closing sets the rest missing.
-- found_location / found_custodian_id are where and with whom it was found
-- when that differs from what was expected; transfer_id is the transfer that
-- closing with --apply-transfers recorded for it.
CREATE TABLE stocktake_item (
    id                  INTEGER PRIMARY KEY,
    stocktake_id        INTEGER NOT NULL REFERENCES stocktake(id),
    tag                 TEXT NOT NULL CHECK (length(trim(tag)) > 0),
    asset_id            INTEGER REFERENCES asset(id),
    expected            INTEGER NOT NULL CHECK (expected IN (0, 1)),
    dept_id             INTEGER REFERENCES department(id),
    custodian_id        INTEGER REFERENCES person(id),
    location            TEXT,
    result              TEXT CHECK (result IS NULL OR result = 'found' OR result = 'missing'),
    counted             TEXT CHECK (counted IS NULL OR date(counted) = counted),
    found_location      TEXT,
    found_custodian_id  INTEGER REFERENCES person(id),
    note                TEXT,
    transfer_id         INTEGER REFERENCES asset_transfer(id),
    UNIQUE (stocktake_id, tag),
    CHECK (expected = 1 OR result = 'found'),
    CHECK (asset_id IS NOT NULL OR expected = 0),
    CHECK ((result IS NULL) = (counted IS NULL))
) STRICT;
CREATE INDEX stocktake_item_asset ON stocktake_item(asset_id) WHERE asset_id IS NOT NULL;

-- Where a run sits in a restore chain, where the tool says so (BAK-2): SQL
-- Server's LSNs from msdb (decimal text: numeric(25,0) overflows an
-- integer), copy-only, pgBackRest's prior backup and WAL range, and what
-- pgBackRest says it copied. One row per run that has any of these.
CREATE TABLE backup_run_chain (
    id             INTEGER PRIMARY KEY,
    run_id         INTEGER NOT NULL UNIQUE REFERENCES backup_run(id),
    first_lsn      TEXT CHECK (first_lsn IS NULL OR (first_lsn GLOB '[0-9]*' AND NOT first_lsn GLOB '*[^0-9]*')),
    last_lsn       TEXT CHECK (last_lsn IS NULL OR (last_lsn GLOB '[0-9]*' AND NOT last_lsn GLOB '*[^0-9]*')),
    checkpoint_lsn TEXT CHECK (checkpoint_lsn IS NULL OR (checkpoint_lsn GLOB '[0-9]*' AND NOT checkpoint_lsn GLOB '*[^0-9]*')),
    -- a differential's base: the checkpoint LSN of the full it was taken against
    base_lsn       TEXT CHECK (base_lsn IS NULL OR (base_lsn GLOB '[0-9]*' AND NOT base_lsn GLOB '*[^0-9]*')),
    copy_only      INTEGER NOT NULL DEFAULT 0 CHECK (copy_only = 0 OR copy_only = 1),
    -- pgBackRest: the backup id (STANZA/repoN/LABEL) a diff or incr was taken against
    prior          TEXT CHECK (prior IS NULL OR length(trim(prior)) > 0),
    wal_start      TEXT,
    wal_stop       TEXT,
    -- why the tool's own output says the run cannot be restored
    unrestorable   TEXT,
    -- pgBackRest: bytes this backup copied (info.repository.delta) and its size in the repository
    copied_bytes   INTEGER CHECK (copied_bytes IS NULL OR copied_bytes >= 0),
    repo_bytes     INTEGER CHECK (repo_bytes IS NULL OR repo_bytes >= 0)
) STRICT;

-- A system's recovery point objective (BAK-3): how old the newest point its
-- data can be restored to may be.
CREATE TABLE backup_objective (
    id          INTEGER PRIMARY KEY,
    system_id   INTEGER NOT NULL UNIQUE REFERENCES system(id),
    rpo         TEXT CHECK (rpo IS NULL OR rpo GLOB '[1-9]*[a-z]'),
    updated_at  TEXT NOT NULL
) STRICT;

-- The run a restore drill restored (BAK-2): a drill proves that point.
CREATE TABLE backup_drill_point (
    id          INTEGER PRIMARY KEY,
    drill_id    INTEGER NOT NULL UNIQUE REFERENCES backup_drill(id),
    run_id      INTEGER NOT NULL REFERENCES backup_run(id)
) STRICT;

-- Register settings --------------------------------------------------------

-- Settings that belong to the register rather than to one machine's config:
-- the time zone its wall-clock times are read and shown in (set at `init`),
-- so that the register reads the same wherever it is opened.
CREATE TABLE register_setting (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE CHECK (key = 'timezone'),
    value       TEXT NOT NULL CHECK (length(trim(value)) > 0),
    set_at      TEXT NOT NULL
) STRICT;

-- Security operations (OPS-1, OPS-2, OPS-3, S3) --------------------------------

-- What a device's antivirus was reported to be, by the officer or by an
-- antivirus console's export: one row per distinct report, never
-- overwritten; the newest is the device's state.
CREATE TABLE antivirus_report (
    id             INTEGER PRIMARY KEY,
    asset_id       INTEGER NOT NULL REFERENCES asset(id),
    product        TEXT NOT NULL CHECK (length(trim(product)) > 0),
    version        TEXT CHECK (version IS NULL OR length(trim(version)) > 0),
    -- the day of the virus definitions (病毒库)
    definitions    TEXT NOT NULL CHECK (date(definitions) = definitions),
    -- the last full scan, an instant (RFC 3339, UTC); NULL: never scanned
    last_full_scan TEXT CHECK (last_full_scan IS NULL OR last_full_scan GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    -- the computer name the console knows the device by (计算机名)
    hostname       TEXT CHECK (hostname IS NULL OR length(trim(hostname)) > 0),
    ip             TEXT CHECK (ip IS NULL OR length(trim(ip)) > 0),
    -- 'recorded' (asset antivirus record) or the file it was imported from
    source         TEXT NOT NULL CHECK (length(trim(source)) > 0),
    reported       TEXT NOT NULL CHECK (date(reported) = reported)
) STRICT;
CREATE INDEX antivirus_report_asset ON antivirus_report(asset_id);

-- How long a server keeps its operation logs (OPS-2; 网络安全法 art. 21:
-- at least six months), as an interval ('6mo', '180d', '1y').
CREATE TABLE log_retention (
    id         INTEGER PRIMARY KEY,
    asset_id   INTEGER NOT NULL UNIQUE REFERENCES asset(id),
    retention  TEXT NOT NULL CHECK (retention GLOB '[1-9]*[a-z]'),
    -- where the logs are kept (a log server, a path)
    kept_at    TEXT CHECK (kept_at IS NULL OR length(trim(kept_at)) > 0),
    note       TEXT,
    recorded   TEXT NOT NULL CHECK (date(recorded) = recorded)
) STRICT;

-- A duty that covers one device (scope asset:TAG): a server's log review,
-- a firewall's or intrusion detector's review. Beside `duty`, so that its
-- scope CHECK and its rows stay as they are.
CREATE TABLE duty_asset (
    id        INTEGER PRIMARY KEY,
    duty_id   INTEGER NOT NULL UNIQUE REFERENCES duty(id),
    asset_id  INTEGER NOT NULL REFERENCES asset(id)
) STRICT;
CREATE INDEX duty_asset_asset ON duty_asset(asset_id);

-- Incidents (SEC-4, OPS-1, OPS-3, OPS-4; C32, C33) ---------------------------

-- What went wrong in the organisation's systems: a virus, an intrusion, an
-- outage (of a system or the remote access platform), a fault, a violation
-- of C33, data lost. On an information system or on a device, never both.
-- Times are instants (RFC 3339, UTC); the incident is open while `resolved`
-- is NULL. A violation names the person it was traced to (C33). A virus on
-- a device marks the device isolated until it is resolved, which it is only
-- once cleaned (C32); `contained` is then when it was taken off the network.
CREATE TABLE incident (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind = 'virus' OR kind = 'intrusion' OR kind = 'outage' OR
                                     kind = 'fault' OR kind = 'violation' OR kind = 'data-loss'),
    system_id   INTEGER REFERENCES system(id),
    asset_id    INTEGER REFERENCES asset(id),
    detected    TEXT NOT NULL CHECK (detected GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    contained   TEXT CHECK (contained IS NULL OR contained >= detected),
    resolved    TEXT CHECK (resolved IS NULL OR (resolved >= detected AND
                                                 (contained IS NULL OR resolved >= contained))),
    person_id   INTEGER REFERENCES person(id),
    note        TEXT,
    remedy      TEXT,
    cleaned     INTEGER NOT NULL DEFAULT 0 CHECK (cleaned IN (0, 1)),
    CHECK ((system_id IS NULL) <> (asset_id IS NULL)),
    CHECK (kind <> 'violation' OR person_id IS NOT NULL),
    CHECK (cleaned = 0 OR (kind = 'virus' AND asset_id IS NOT NULL)),
    CHECK (resolved IS NULL OR kind <> 'virus' OR asset_id IS NULL OR cleaned = 1)
) STRICT;
CREATE INDEX incident_asset ON incident(asset_id) WHERE asset_id IS NOT NULL;
CREATE INDEX incident_system ON incident(system_id) WHERE system_id IS NOT NULL;
