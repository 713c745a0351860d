-- Step 9: two coordinators, one programme (issue 27). See store/sharing.rs.
--
-- A file that shares its programme with copies knows the programme, its own copy number (the
-- first file is 0) and its name as its colleagues know it. New rows take ids in the copy's own
-- block (a billion from copy × 1,000,000,000), so two copies never make the same id.
--
-- For each copy it exchanges changes with: that copy's name, the shared tables as the two last
-- agreed (an image: a whole SQLite database, as bytes) and the file format it was made in, the
-- newest of its changes files taken in here, and the newest made here for it. A changes file
-- made here is kept until the colleague says it was taken in.

CREATE TABLE share_copy (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    programme TEXT NOT NULL,
    copy      INTEGER NOT NULL CHECK (copy >= 0 AND copy < 100000),
    name      TEXT NOT NULL
);

CREATE TABLE share_partner (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    base     BLOB NOT NULL,
    version  INTEGER NOT NULL,
    taken    INTEGER NOT NULL DEFAULT 0,
    sent     INTEGER NOT NULL DEFAULT 0,
    made_at  TEXT NOT NULL
);

CREATE TABLE share_sent (
    partner INTEGER NOT NULL REFERENCES share_partner(id),
    number  INTEGER NOT NULL,
    patch   BLOB NOT NULL,
    PRIMARY KEY (partner, number)
);

-- The highest id this copy has given each table's rows, so that an id is never given twice (a
-- row removed here may still be in a colleague's copy, waiting to hear that it was removed).
CREATE TABLE share_ids (
    tbl  TEXT PRIMARY KEY,
    high INTEGER NOT NULL
);
