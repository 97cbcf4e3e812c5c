-- Version 8 (issue 16): signed checkpoints of the audit trail; people's logins
-- and the steps recorded on behalf of others.
CREATE TABLE audit_checkpoint (
    seq        INTEGER PRIMARY KEY,
    hash       TEXT NOT NULL,
    at         TEXT NOT NULL,
    signature  TEXT NOT NULL,
    public_key TEXT NOT NULL
) STRICT;
CREATE TABLE person_login (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL UNIQUE REFERENCES person(id),
    login      TEXT NOT NULL CHECK (length(trim(login)) > 0),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX person_login_login ON person_login(login);
CREATE TABLE on_behalf (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    recorded_by     INTEGER NOT NULL REFERENCES person(id),
    on_behalf_of    INTEGER NOT NULL REFERENCES person(id),
    evidence_file   TEXT NOT NULL,
    evidence_sha256 TEXT NOT NULL CHECK (length(evidence_sha256) = 64),
    command         TEXT NOT NULL
) STRICT;
