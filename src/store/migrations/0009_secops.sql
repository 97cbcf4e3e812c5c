-- Version 9 (issue 15): security operations. Antivirus per device (OPS-1,
-- S3), the log retention of each server (OPS-2) and duties per device (a
-- server's log review, a firewall's review: OPS-2, OPS-3), in new tables so
-- that no audited row is rewritten.

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
