-- Running Parley for a team: who may join, who has left, and what admins did.

-- Deactivated people keep their account (their messages stay theirs) but cannot sign in.
ALTER TABLE users ADD COLUMN deactivated_at BIGINT;
-- Bots are accounts without a password that programs drive with API tokens.
ALTER TABLE users ADD COLUMN is_bot BOOLEAN NOT NULL DEFAULT FALSE;

-- Instance-wide choices an admin makes in /admin; they win over the defaults of the environment.
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Invite links. Only a hash of the token is kept: the link is shown once, when it is made.
CREATE TABLE invites (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT    NOT NULL UNIQUE,
    created_by BIGINT  NOT NULL REFERENCES users (id),
    created_at BIGINT  NOT NULL,
    expires_at BIGINT,              -- NULL: never by time
    max_uses   INTEGER,             -- NULL: never by count
    uses       INTEGER NOT NULL DEFAULT 0,
    revoked_at BIGINT,
    CHECK (max_uses IS NULL OR max_uses > 0),
    CHECK (max_uses IS NULL OR uses <= max_uses)
);

-- Rooms a newcomer is put in when they sign up.
CREATE TABLE default_rooms (
    room_id BIGINT PRIMARY KEY REFERENCES rooms (id)
);

-- Every admin action: who, what, on whom, when.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_id   BIGINT NOT NULL REFERENCES users (id),
    action     TEXT   NOT NULL,
    target     TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (created_at);
