-- Messages that change (issue 15). An edit, a delete and a reaction added or removed is each a
-- row of message_changes that takes its room's next seq, in the same transaction that updates the
-- message's current state (messages, reactions): the room's order holds messages and changes
-- alike, so sync replays and heals both. Unread counts and read receipts count messages only.
-- A deleted message keeps its row (replies and changes point at it) with its text and markup
-- blanked, and so do its earlier edits; the search triggers of V9 follow the content column.
ALTER TABLE messages ADD COLUMN edited_at BIGINT;
ALTER TABLE messages ADD COLUMN deleted_at BIGINT;
ALTER TABLE messages ADD COLUMN reply_to BIGINT REFERENCES messages (id);

CREATE TABLE message_changes (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id    BIGINT NOT NULL REFERENCES rooms (id),
    seq        BIGINT NOT NULL,
    message_id BIGINT NOT NULL REFERENCES messages (id),
    user_id    BIGINT NOT NULL REFERENCES users (id),
    kind       TEXT   NOT NULL CHECK (kind IN ('edit', 'delete', 'react', 'unreact')),
    emoji      TEXT,
    content    TEXT,
    html       TEXT,
    client_id  TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (room_id, seq),
    UNIQUE (user_id, client_id)
);
CREATE INDEX message_changes_by_message ON message_changes (message_id);

-- Who reacted with what, now; seq is the change that added it, so reactions list in the order given.
CREATE TABLE reactions (
    message_id BIGINT NOT NULL REFERENCES messages (id),
    emoji      TEXT   NOT NULL,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    seq        BIGINT NOT NULL,
    PRIMARY KEY (message_id, emoji, user_id)
);
