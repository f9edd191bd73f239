-- Timestamps are epoch milliseconds (UTC). Booleans are 0/1.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT    NOT NULL,
    username_key  TEXT    NOT NULL UNIQUE,  -- lower-cased username: names are unique regardless of case
    password_hash TEXT    NOT NULL,
    is_admin      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT  NOT NULL
);

CREATE TABLE rooms (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT    NOT NULL CHECK (kind IN ('channel', 'direct')),
    name        TEXT,
    name_key    TEXT    UNIQUE,
    is_private  BOOLEAN NOT NULL,
    owner_id    BIGINT  REFERENCES users (id),
    direct_low  BIGINT  REFERENCES users (id),
    direct_high BIGINT  REFERENCES users (id),
    last_seq    BIGINT  NOT NULL DEFAULT 0,
    created_at  BIGINT  NOT NULL,
    UNIQUE (direct_low, direct_high),
    CHECK ((kind = 'channel' AND name_key IS NOT NULL AND direct_low IS NULL AND direct_high IS NULL)
        OR (kind = 'direct' AND name_key IS NULL AND direct_low < direct_high))
);

CREATE TABLE memberships (
    room_id   BIGINT NOT NULL REFERENCES rooms (id),
    user_id   BIGINT NOT NULL REFERENCES users (id),
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (room_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);

CREATE TABLE messages (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id    BIGINT NOT NULL REFERENCES rooms (id),
    seq        BIGINT NOT NULL,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    content    TEXT   NOT NULL,
    html       TEXT   NOT NULL,
    client_id  TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (room_id, seq),
    UNIQUE (user_id, client_id)
);

CREATE TABLE read_marks (
    user_id BIGINT NOT NULL REFERENCES users (id),
    room_id BIGINT NOT NULL REFERENCES rooms (id),
    seq     BIGINT NOT NULL,
    PRIMARY KEY (user_id, room_id)
);

CREATE TABLE sessions (
    id         TEXT   PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE refresh_tokens (
    token_hash TEXT   PRIMARY KEY,
    session_id TEXT   NOT NULL REFERENCES sessions (id),
    expires_at BIGINT NOT NULL,
    spent_at   BIGINT
);
CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id);
