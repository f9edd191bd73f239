-- A private room's name is unique only among its owner's private rooms: its key carries the owner
-- (U+0001 never occurs in a name), so no one learns a private name by trying to take it.
UPDATE rooms SET name_key = name_key || chr(1) || owner_id WHERE kind = 'channel' AND is_private AND owner_id IS NOT NULL;
