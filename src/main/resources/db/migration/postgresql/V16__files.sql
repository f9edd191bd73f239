-- Uploaded files. A file is stored first (message_id NULL) and attached to one message when
-- the message is sent; unattached uploads are swept after a day. The bytes live in file_blobs, shared by
-- every instance, keyed by their SHA-256 (content and thumbnail): equal uploads share them.
CREATE TABLE files (
    id           TEXT    PRIMARY KEY,
    user_id      BIGINT  NOT NULL REFERENCES users (id),
    client_id    TEXT,
    name         TEXT    NOT NULL,
    size         BIGINT  NOT NULL,
    type         TEXT    NOT NULL,
    sha256       TEXT    NOT NULL,
    width        INTEGER,
    height       INTEGER,
    thumb_sha256 TEXT,
    thumb_type   TEXT,
    thumb_width  INTEGER,
    thumb_height INTEGER,
    created_at   BIGINT  NOT NULL,
    message_id   BIGINT,
    room_id      BIGINT,
    position     INTEGER,
    UNIQUE (user_id, client_id)
);
CREATE INDEX files_by_message ON files (message_id);
CREATE INDEX files_unattached ON files (created_at) WHERE message_id IS NULL;
CREATE INDEX files_by_sha256 ON files (sha256);
CREATE INDEX files_by_thumb ON files (thumb_sha256);

CREATE TABLE file_blobs (
    sha256 TEXT  PRIMARY KEY,
    bytes  BYTEA NOT NULL
);
-- Uncompressed out-of-line storage: a range request reads only the pages it needs (substring).
ALTER TABLE file_blobs ALTER COLUMN bytes SET STORAGE EXTERNAL;
