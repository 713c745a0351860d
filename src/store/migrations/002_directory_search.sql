-- Step 2: the directory's search indexes and the postcode-district rules for neighbourhoods.
--
-- group_search: the short fields (name, other names, contact's name, postcode, identifiers)
-- under the trigram tokenizer, so any part of a word matches and accents are ignored ("siobhan"
-- finds "Siobhán"). group_text: the long fields (description, the contact's role, email addresses
-- and phone numbers), by word (unicode61, accents removed), searched by word prefix; trigrams over
-- long text would more than double the file's size. Both are contentless
-- (they keep no second copy of the text). Triggers keep them in step with every change to
-- community_group, including undo, redo and imports.

CREATE VIRTUAL TABLE group_search USING fts5(
    name, other_names, contact_name, postcode, identifiers,
    content = '', contentless_delete = 1,
    tokenize = 'trigram remove_diacritics 1'
);

CREATE VIRTUAL TABLE group_text USING fts5(
    description, contact,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO group_search (rowid, name, other_names, contact_name, postcode, identifiers)
SELECT id, name, other_names, contact_name,
       postcode,
       charity_number || ' ' || company_number || ' ' || other_identifier
FROM community_group;

INSERT INTO group_text (rowid, description, contact)
SELECT id, description, contact_role || ' ' || contact_email || ' ' || contact_phone || ' ' || phone || ' ' || email
FROM community_group;

CREATE TRIGGER community_group_search_insert AFTER INSERT ON community_group BEGIN
    INSERT INTO group_search (rowid, name, other_names, contact_name, postcode, identifiers)
    VALUES (new.id, new.name, new.other_names, new.contact_name,
            new.postcode,
            new.charity_number || ' ' || new.company_number || ' ' || new.other_identifier);
    INSERT INTO group_text (rowid, description, contact)
    VALUES (new.id, new.description, new.contact_role || ' ' || new.contact_email || ' ' || new.contact_phone || ' ' || new.phone || ' ' || new.email);
END;

CREATE TRIGGER community_group_search_update AFTER UPDATE ON community_group BEGIN
    DELETE FROM group_search WHERE rowid = old.id;
    DELETE FROM group_text WHERE rowid = old.id;
    INSERT INTO group_search (rowid, name, other_names, contact_name, postcode, identifiers)
    VALUES (new.id, new.name, new.other_names, new.contact_name,
            new.postcode,
            new.charity_number || ' ' || new.company_number || ' ' || new.other_identifier);
    INSERT INTO group_text (rowid, description, contact)
    VALUES (new.id, new.description, new.contact_role || ' ' || new.contact_email || ' ' || new.contact_phone || ' ' || new.phone || ' ' || new.email);
END;

CREATE TRIGGER community_group_search_delete AFTER DELETE ON community_group BEGIN
    DELETE FROM group_search WHERE rowid = old.id;
    DELETE FROM group_text WHERE rowid = old.id;
END;

CREATE TABLE postcode_rule (
    id               INTEGER PRIMARY KEY,
    district         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhood(id)
);
