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
    role        TEXT NOT NULL DEFAULT 'staff' CHECK (role IN ('staff', 'office', 'approver')),
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
                  CHECK (stage IN ('design', 'in-service', 'retired')),
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
                  CHECK (network IN ('internal', 'external', 'none')),
    status        TEXT NOT NULL DEFAULT 'in-use'
                  CHECK (status IN ('in-use', 'in-stock', 'under-repair', 'retired', 'disposed')),
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
    kind           TEXT NOT NULL CHECK (kind IN ('repair', 'inspection', 'virus-scan', 'upgrade')),
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
    liable           TEXT NOT NULL CHECK (liable IN ('department', 'person')),
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
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    row        TEXT CHECK (row IS NULL OR json_valid(row)),
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX audit_log_entity_key ON audit_log(entity, key);

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
    kind        TEXT NOT NULL CHECK (kind IN ('receive', 'issue', 'adjust')),
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
