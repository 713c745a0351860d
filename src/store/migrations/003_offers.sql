-- Step 3: the whole offer record (issue 4).
--
-- Getting there and the site's accessibility; whether weekends and bank holidays may be offered;
-- the practical requirements as ticks plus what to bring; free tags (one per line). Single extra
-- days and blackout days live in offer_day; what a team will practise is chosen from the
-- programme's editable list (practice) through offer_practice. Every table has an integer id, as
-- the undo log needs.

ALTER TABLE offer ADD COLUMN travel TEXT NOT NULL DEFAULT '';
ALTER TABLE offer ADD COLUMN site_access TEXT NOT NULL DEFAULT '';
ALTER TABLE offer ADD COLUMN weekends_allowed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE offer ADD COLUMN bank_holidays_allowed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE offer ADD COLUMN dbs_required INTEGER NOT NULL DEFAULT 0;
ALTER TABLE offer ADD COLUMN outdoor_clothing INTEGER NOT NULL DEFAULT 0;
ALTER TABLE offer ADD COLUMN what_to_bring TEXT NOT NULL DEFAULT '';
ALTER TABLE offer ADD COLUMN tags TEXT NOT NULL DEFAULT '';

CREATE TABLE offer_day (
    id       INTEGER PRIMARY KEY,
    offer_id INTEGER NOT NULL REFERENCES offer(id),
    day      TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('extra', 'blackout')),
    UNIQUE (offer_id, day)
);

CREATE TABLE practice (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    sort_order INTEGER NOT NULL DEFAULT 0
);

INSERT INTO practice (name, sort_order) VALUES
    ('Working across organisational boundaries', 1),
    ('Planning time and finishing by the end of the day', 2),
    ('Building relationships with the local community', 3),
    ('Working well together as a team', 4);

CREATE TABLE offer_practice (
    id          INTEGER PRIMARY KEY,
    offer_id    INTEGER NOT NULL REFERENCES offer(id),
    practice_id INTEGER NOT NULL REFERENCES practice(id),
    UNIQUE (offer_id, practice_id)
);
CREATE INDEX offer_practice_practice ON offer_practice (practice_id);
