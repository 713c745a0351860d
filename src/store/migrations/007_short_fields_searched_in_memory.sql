-- Step 7: the short fields (name, other names, contact's name, postcode, identifiers) are no
-- longer indexed in the file. The directory holds them, folded, in its list of every group and
-- finds any part of them there (100,000 groups: a few milliseconds a word). Their trigram index
-- was the largest part of every import (a third of a 100,000-row import's time) and of the
-- file's size. group_text (the long fields, by word) stays, kept in step by the same triggers.

DROP TRIGGER community_group_search_insert;
DROP TRIGGER community_group_search_update;
DROP TRIGGER community_group_search_delete;
DROP TABLE group_search;

CREATE TRIGGER community_group_search_insert AFTER INSERT ON community_group BEGIN
    INSERT INTO group_text (rowid, description, contact)
    VALUES (new.id, new.description, new.contact_role || ' ' || new.contact_email || ' ' || new.contact_phone || ' ' || new.phone || ' ' || new.email);
END;

CREATE TRIGGER community_group_search_update AFTER UPDATE ON community_group BEGIN
    DELETE FROM group_text WHERE rowid = old.id;
    INSERT INTO group_text (rowid, description, contact)
    VALUES (new.id, new.description, new.contact_role || ' ' || new.contact_email || ' ' || new.contact_phone || ' ' || new.phone || ' ' || new.email);
END;

CREATE TRIGGER community_group_search_delete AFTER DELETE ON community_group BEGIN
    DELETE FROM group_text WHERE rowid = old.id;
END;
