-- Group conversations: direct conversations of three to eight people. member_key is the sorted
-- ids of the people, joined by commas: one conversation per set of people, held by the unique
-- constraint (two racing creations of the same group insert one row; the other finds it).
ALTER TABLE rooms DROP CONSTRAINT rooms_kind_check;
ALTER TABLE rooms DROP CONSTRAINT rooms_check;
ALTER TABLE rooms ADD COLUMN member_key TEXT UNIQUE;
ALTER TABLE rooms ADD CONSTRAINT rooms_kind_check CHECK (kind IN ('channel', 'direct', 'group'));
ALTER TABLE rooms ADD CONSTRAINT rooms_check CHECK (
       (kind = 'channel' AND name_key IS NOT NULL AND direct_low IS NULL AND direct_high IS NULL AND member_key IS NULL)
    OR (kind = 'direct' AND name_key IS NULL AND direct_low < direct_high AND member_key IS NULL)
    OR (kind = 'group' AND name_key IS NULL AND direct_low IS NULL AND direct_high IS NULL AND member_key IS NOT NULL));

-- What a person chooses to be called, beside their username (which mentions keep using).
ALTER TABLE users ADD COLUMN display_name TEXT;
