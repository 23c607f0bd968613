-- Audit log: one row per event, hash-chained (see dev.sluice.core.audit.AuditChain).
-- seq is assigned by the writer from audit_chain_head, never by the database.
CREATE TABLE audit_events (
    seq        INTEGER PRIMARY KEY,
    at         TEXT    NOT NULL,   -- canonical UTC, six fraction digits: 2025-01-31T09:05:00.120000Z
    session_id TEXT    NOT NULL,
    type       TEXT    NOT NULL,
    payload    TEXT    NOT NULL,   -- JSON, exactly as hashed
    prev_hash  TEXT    NOT NULL,
    hash       TEXT    NOT NULL
);

CREATE INDEX audit_events_session ON audit_events (session_id, seq);

-- Append-only: an accident cannot rewrite history (and a deliberate rewrite is caught by the chain).
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;

-- The last event of the chain; updated in the same transaction as the events it covers.
CREATE TABLE audit_chain_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT    NOT NULL
);

INSERT INTO audit_chain_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- One row per session, maintained from its events in the events' own transaction.
CREATE TABLE sessions (
    session_id       TEXT    PRIMARY KEY,
    protocol         TEXT    NOT NULL,
    connection_name  TEXT    NOT NULL,
    subject          TEXT    NOT NULL,
    client_address   TEXT    NOT NULL,
    application_name TEXT    NOT NULL,
    started_at       TEXT    NOT NULL,
    ended_at         TEXT,
    end_reason       TEXT    NOT NULL,
    commands         INTEGER NOT NULL,
    refused          INTEGER NOT NULL,
    first_seq        INTEGER NOT NULL
);

CREATE INDEX sessions_newest_first ON sessions (started_at DESC, first_seq DESC);

CREATE TABLE api_keys (
    key_id      TEXT    PRIMARY KEY,
    subject     TEXT    NOT NULL,
    groups_json TEXT    NOT NULL,
    secret_hash TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    expires_at  TEXT,
    revoked     INTEGER NOT NULL
);
