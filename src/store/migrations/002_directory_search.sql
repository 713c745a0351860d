-- Step 2: the directory's search index and the postcode-district rules for neighbourhoods.
--
-- group_search is an FTS5 index with the trigram tokenizer (substring matches, diacritics
-- removed, so "siobhan" finds "Siobhán"). Triggers keep it in step with every change to
-- community_group, including undo, redo and imports.

CREATE VIRTUAL TABLE group_search USING fts5(
    name, other_names, description, contact, postcode, identifiers,
    tokenize = 'trigram remove_diacritics 1'
);

INSERT INTO group_search (rowid, name, other_names, description, contact, postcode, identifiers)
SELECT id, name, other_names, description,
       contact_name || ' ' || contact_role || ' ' || contact_email || ' ' || contact_phone || ' ' || phone || ' ' || email,
       postcode,
       charity_number || ' ' || company_number || ' ' || other_identifier
FROM community_group;

CREATE TRIGGER community_group_search_insert AFTER INSERT ON community_group BEGIN
    INSERT INTO group_search (rowid, name, other_names, description, contact, postcode, identifiers)
    VALUES (new.id, new.name, new.other_names, new.description,
            new.contact_name || ' ' || new.contact_role || ' ' || new.contact_email || ' ' || new.contact_phone || ' ' || new.phone || ' ' || new.email,
            new.postcode,
            new.charity_number || ' ' || new.company_number || ' ' || new.other_identifier);
END;

CREATE TRIGGER community_group_search_update AFTER UPDATE ON community_group BEGIN
    DELETE FROM group_search WHERE rowid = old.id;
    INSERT INTO group_search (rowid, name, other_names, description, contact, postcode, identifiers)
    VALUES (new.id, new.name, new.other_names, new.description,
            new.contact_name || ' ' || new.contact_role || ' ' || new.contact_email || ' ' || new.contact_phone || ' ' || new.phone || ' ' || new.email,
            new.postcode,
            new.charity_number || ' ' || new.company_number || ' ' || new.other_identifier);
END;

CREATE TRIGGER community_group_search_delete AFTER DELETE ON community_group BEGIN
    DELETE FROM group_search WHERE rowid = old.id;
END;

CREATE TABLE postcode_rule (
    id               INTEGER PRIMARY KEY,
    district         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhood(id)
);
