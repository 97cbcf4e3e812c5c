-- asset import --update revises fields with a record of each (issue 10).
CREATE TABLE asset_revision (
    id         INTEGER PRIMARY KEY,
    asset_id   INTEGER NOT NULL REFERENCES asset(id),
    date       TEXT NOT NULL CHECK (date(date) = date),
    field      TEXT NOT NULL,
    from_value TEXT,
    to_value   TEXT,
    source     TEXT NOT NULL CHECK (length(trim(source)) > 0)
) STRICT;
CREATE INDEX asset_revision_asset ON asset_revision(asset_id);
CREATE INDEX asset_serial ON asset(serial);
