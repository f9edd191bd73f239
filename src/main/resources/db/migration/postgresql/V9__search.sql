-- Full-text search (chat.SearchIndex). A generated column is recomputed by PostgreSQL in the
-- statement that inserts or updates a message, so the index is in step inside that transaction
-- (an edit of the content re-indexes it, a deleted row leaves the index with it). Every character
-- that is not a letter or a digit becomes a space before the 'simple' configuration (lower case,
-- no stemming, no stop words) cuts words: the same words SQLite's FTS5 unicode61 tokenizer sees.
ALTER TABLE messages ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, regexp_replace(content, '[^[:alnum:]]+', ' ', 'g'))) STORED;

CREATE INDEX messages_search ON messages USING GIN (search);
