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
                  CHECK (status = 'in-use' OR status = 'in-stock' OR status = 'under-repair' OR status = 'retired' OR status = 'disposed'),
    registered    TEXT NOT NULL CHECK (date(registered) = registered)
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

-- The audit trail (SEC-4) ------------------------------------------------------
--
-- One entry per change to an audited row, appended in the same transaction as
-- the change. Each entry stores the full row after the change (NULL after a
-- delete) and the SHA-256 of the previous entry, so a rewritten or truncated
-- log, and any audited row changed without an entry, are found by `audit verify`.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    os_user    TEXT NOT NULL,
    command    TEXT NOT NULL,
    entity     TEXT NOT NULL,
    key        TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action = 'insert' OR action = 'update' OR action = 'delete'),
    row        TEXT,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_entity_key ON audit_log(entity, key);

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
                                OR counts = 'maintenance:repair' OR counts = 'maintenance:upgrade'),
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
