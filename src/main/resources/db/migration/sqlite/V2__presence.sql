-- What others see of a person besides online/offline: a chosen status, a short text, and when
-- their last connection closed. Whether they are online lives in the presence state, not here.
CREATE TABLE presence (
    user_id      BIGINT  PRIMARY KEY REFERENCES users (id),
    status       TEXT    NOT NULL DEFAULT 'online' CHECK (status IN ('online', 'away', 'busy')),
    status_text  TEXT,
    last_seen_at BIGINT
);
