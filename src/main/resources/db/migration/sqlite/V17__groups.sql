-- Group conversations: direct conversations of three to eight people. member_key is the sorted
-- ids of the people, joined by commas: one conversation per set of people, held by the unique
-- constraint. SQLite cannot change a CHECK constraint, so the rooms table is rebuilt with the
-- same rows and ids, as SQLite's own guide to schema changes does it: with foreign keys off, which
-- only works outside a transaction (V17__groups.sql.conf), around a transaction of its own, so
-- that the tables referring to rooms (memberships, messages, ...) are neither rewritten nor
-- emptied, and still name "rooms" at the end. (A SAVEPOINT outside a transaction begins one, and
-- its RELEASE commits it; Flyway's parser would take a BEGIN for the start of a trigger's body.)
PRAGMA foreign_keys = OFF;
SAVEPOINT rebuild_rooms;

CREATE TABLE rooms_rebuilt (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT    NOT NULL CHECK (kind IN ('channel', 'direct', 'group')),
    name        TEXT,
    name_key    TEXT    UNIQUE,
    is_private  BOOLEAN NOT NULL,
    owner_id    BIGINT  REFERENCES users (id),
    direct_low  BIGINT  REFERENCES users (id),
    direct_high BIGINT  REFERENCES users (id),
    last_seq    BIGINT  NOT NULL DEFAULT 0,
    created_at  BIGINT  NOT NULL,
    member_key  TEXT    UNIQUE,
    UNIQUE (direct_low, direct_high),
    CHECK ((kind = 'channel' AND name_key IS NOT NULL AND direct_low IS NULL AND direct_high IS NULL AND member_key IS NULL)
        OR (kind = 'direct' AND name_key IS NULL AND direct_low < direct_high AND member_key IS NULL)
        OR (kind = 'group' AND name_key IS NULL AND direct_low IS NULL AND direct_high IS NULL AND member_key IS NOT NULL))
);

INSERT INTO rooms_rebuilt (id, kind, name, name_key, is_private, owner_id, direct_low, direct_high, last_seq, created_at)
    SELECT id, kind, name, name_key, is_private, owner_id, direct_low, direct_high, last_seq, created_at FROM rooms;

DROP TABLE rooms;
ALTER TABLE rooms_rebuilt RENAME TO rooms;

-- What a person chooses to be called, beside their username (which mentions keep using).
ALTER TABLE users ADD COLUMN display_name TEXT;

RELEASE rebuild_rooms;
PRAGMA foreign_keys = ON;
