-- Times are canonical UTC text (2025-01-31T09:05:00.120000Z), as in V1: fixed width, so they sort and compare.
-- Just-in-time approvals: held statements and access requests, their votes, and the access grants approvals issue.
-- Shared by every gateway replica: a vote cast through one releases a statement held on another.

CREATE TABLE approval_requests (
    id                    TEXT        PRIMARY KEY,
    kind                  TEXT        NOT NULL,   -- statement | access
    status                TEXT        NOT NULL,   -- pending | approved | rejected | expired | withdrawn | abandoned
    connection_name       TEXT        NOT NULL,
    session_id            TEXT        NOT NULL,   -- empty for access requests
    command_id            TEXT        NOT NULL,   -- empty for access requests
    requester             TEXT        NOT NULL,
    requester_name        TEXT        NOT NULL,
    requester_groups_json TEXT        NOT NULL,   -- JSON array, sorted
    rule                  TEXT        NOT NULL,
    statement             TEXT        NOT NULL,   -- scrubbed of PHI before it is stored
    justification         TEXT        NOT NULL,   -- scrubbed
    approver_groups_json  TEXT        NOT NULL,   -- JSON array, in configured order
    min_approvals         INTEGER     NOT NULL CHECK (min_approvals >= 1),
    access_window_seconds INTEGER     NOT NULL,   -- 0 for statements
    channels_json         TEXT        NOT NULL,   -- notification channels of the rule, JSON array
    created_at            TEXT        NOT NULL,
    expires_at            TEXT        NOT NULL,
    resolved_at           TEXT,
    resolution            TEXT        NOT NULL,
    holder                TEXT        NOT NULL    -- the replica holding the statement; empty for access requests
);

CREATE INDEX approval_requests_newest ON approval_requests (created_at DESC, id DESC);
CREATE INDEX approval_requests_by_status ON approval_requests (status, created_at DESC);

-- One row per vote. The primary key is the last line of defence of "one vote per reviewer": the vote rules refuse a
-- second vote under the request's row lock, and the database would refuse it anyway.
CREATE TABLE approval_votes (
    approval_id   TEXT        NOT NULL REFERENCES approval_requests (id),
    reviewer      TEXT        NOT NULL,
    position      INTEGER     NOT NULL,   -- 1, 2, … in the order the votes were cast
    reviewer_name TEXT        NOT NULL,
    approve       INTEGER     NOT NULL,
    comment       TEXT        NOT NULL,   -- scrubbed
    cast_at       TEXT        NOT NULL,
    PRIMARY KEY (approval_id, reviewer),
    UNIQUE (approval_id, position)
);

CREATE TABLE access_grants (
    id              TEXT        PRIMARY KEY,
    approval_id     TEXT        NOT NULL,   -- the approved access request; empty for a grant made otherwise
    subject         TEXT        NOT NULL,
    connection_name TEXT        NOT NULL,
    reason          TEXT        NOT NULL,   -- scrubbed
    starts_at       TEXT        NOT NULL,
    ends_at         TEXT        NOT NULL,
    revoked_at      TEXT,
    revoked_by      TEXT        NOT NULL
);

-- Admission asks "does this subject hold a grant on this connection now?" for every new session of an identity the
-- static access list does not admit.
CREATE INDEX access_grants_admission ON access_grants (subject, connection_name, ends_at);
CREATE INDEX access_grants_newest ON access_grants (starts_at DESC, id DESC);
