-- Full-text search (chat.SearchIndex). A contentless FTS5 table holds only the index; the text
-- stays in messages. Triggers keep it in step inside the statement that changes a message, so an
-- append is still two statements, and an edit or delete of a message row (by UPDATE of its
-- content, or DELETE) is reflected in the same transaction. unicode61 with diacritics kept cuts
-- words as PostgreSQL's side does (letters and digits, lower-cased), so both find the same.
-- columnsize=0: results are ordered by id, never ranked, so no per-row sizes are kept. A row
-- leaves a contentless index by the 'delete' command given the text it was indexed with, which
-- messages still holds when the triggers run (old.content).
CREATE VIRTUAL TABLE messages_fts USING fts5(
    content,
    content = '',
    columnsize = 0,
    tokenize = 'unicode61 remove_diacritics 0'
);

INSERT INTO messages_fts (rowid, content) SELECT id, content FROM messages;

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);
END;

CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
    INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);
END;

CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
