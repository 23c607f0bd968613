-- Audit log: one row per event, hash-chained (see dev.sluice.core.audit.AuditChain).
-- seq is assigned by the writer from audit_chain_head, never by a sequence: replicas share one chain.
CREATE TABLE audit_events (
    seq        BIGINT      PRIMARY KEY,
    at         TIMESTAMPTZ NOT NULL,
    session_id TEXT        NOT NULL,
    type       TEXT        NOT NULL,
    payload    JSON        NOT NULL,   -- json, not jsonb: the text is kept exactly as hashed
    prev_hash  TEXT        NOT NULL,
    hash       TEXT        NOT NULL
);

CREATE INDEX audit_events_session ON audit_events (session_id, seq);

-- Append-only: an accident cannot rewrite history (and a deliberate rewrite is caught by the chain).
CREATE FUNCTION audit_events_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END;
$$;

CREATE TRIGGER audit_events_no_change
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- The last event of the chain. Every writer of every replica locks this row (SELECT ... FOR UPDATE) for the
-- length of its transaction, so the chain stays linear.
CREATE TABLE audit_chain_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT  NOT NULL,
    hash TEXT    NOT NULL
);

INSERT INTO audit_chain_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- One row per session, maintained from its events in the events' own transaction.
CREATE TABLE sessions (
    session_id       TEXT        PRIMARY KEY,
    protocol         TEXT        NOT NULL,
    connection_name  TEXT        NOT NULL,
    subject          TEXT        NOT NULL,
    client_address   TEXT        NOT NULL,
    application_name TEXT        NOT NULL,
    started_at       TIMESTAMPTZ NOT NULL,
    ended_at         TIMESTAMPTZ,
    end_reason       TEXT        NOT NULL,
    commands         BIGINT      NOT NULL,
    refused          BOOLEAN     NOT NULL,
    first_seq        BIGINT      NOT NULL
);

CREATE INDEX sessions_newest_first ON sessions (started_at DESC, first_seq DESC);

CREATE TABLE api_keys (
    key_id      TEXT        PRIMARY KEY,
    subject     TEXT        NOT NULL,
    groups_json TEXT        NOT NULL,
    secret_hash TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ,
    revoked     BOOLEAN     NOT NULL
);
