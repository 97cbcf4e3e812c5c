-- Version 4 (issue 13, stock-taking): the asset status `missing` (盘亏),
-- service life and warranty (`asset_life`), and the stock-take tables.
--
-- A CHECK of a STRICT table cannot be altered, so `asset` is rebuilt: its
-- rows are copied aside, the table dropped and created anew with the text
-- schema.sql has, and the rows copied back unchanged (same ids, same
-- values, so every audit entry still matches its row and no entry is
-- needed). Foreign keys stay on: `defer_foreign_keys` lets the rows that
-- refer to assets wait for them until the commit, which still fails if any
-- is left without its asset. The indexes on `asset` go with the drop and
-- are made again.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE asset_v1 AS SELECT * FROM main.asset;
DROP TABLE main.asset;
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
INSERT INTO main.asset SELECT * FROM temp.asset_v1;
DROP TABLE temp.asset_v1;
CREATE INDEX asset_dept ON asset(dept_id);
CREATE INDEX asset_custodian ON asset(custodian_id);
CREATE INDEX asset_request ON asset(request_id) WHERE request_id IS NOT NULL;
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
