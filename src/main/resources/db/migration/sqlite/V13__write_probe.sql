-- One row that every instance rewrites each second, so that /readyz knows whether writes go
-- through even when nobody is posting (a full disk or a held lock fails this write like any other).
CREATE TABLE write_probe (
    id         INTEGER PRIMARY KEY,
    written_at BIGINT  NOT NULL
);
INSERT INTO write_probe (id, written_at) VALUES (1, 0);
