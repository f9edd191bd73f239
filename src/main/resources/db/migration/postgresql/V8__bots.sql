-- Bots: long-lived API tokens, and incoming webhooks that post into one room as a bot.
-- Only SHA-256 hashes of the tokens are kept: each is shown once, when it is made.

CREATE TABLE bot_tokens (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bot_id       BIGINT NOT NULL REFERENCES users (id),
    token_hash   TEXT   NOT NULL UNIQUE,
    label        TEXT   NOT NULL,
    created_by   BIGINT NOT NULL REFERENCES users (id),
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
CREATE INDEX bot_tokens_by_bot ON bot_tokens (bot_id);

CREATE TABLE webhooks (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id      BIGINT NOT NULL REFERENCES rooms (id),
    bot_id       BIGINT NOT NULL REFERENCES users (id),
    token_hash   TEXT   NOT NULL UNIQUE,
    created_by   BIGINT NOT NULL REFERENCES users (id),
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
