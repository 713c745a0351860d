-- Step 5: the board (issue 11). A placement is a team on a day, with an activity offer once one
-- is chosen (so offer_id may now be empty), a status (pencilled while drafting, confirmed when
-- the group has agreed, done, cancelled: kept for the record), notes, and, when a hard clash was
-- placed anyway, the coordinator's reason and which clashes it covers (their codes, comma
-- separated). SQLite cannot drop NOT NULL from a column, so the table is built again and its rows
-- copied, ids and all; placements made before this step are pencilled.

CREATE TABLE placement_new (
    id              INTEGER PRIMARY KEY,
    team_id         INTEGER NOT NULL REFERENCES team(id),
    offer_id        INTEGER REFERENCES offer(id),
    day             TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pencilled'
                    CHECK (status IN ('pencilled', 'confirmed', 'done', 'cancelled')),
    notes           TEXT NOT NULL DEFAULT '',
    override_reason TEXT NOT NULL DEFAULT '',
    overridden      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

INSERT INTO placement_new (id, team_id, offer_id, day, notes, created_at, updated_at)
SELECT id, team_id, offer_id, day, notes, created_at, updated_at FROM placement;

DROP TABLE placement;
ALTER TABLE placement_new RENAME TO placement;
CREATE INDEX placement_team ON placement (team_id);
CREATE INDEX placement_offer ON placement (offer_id, day);
CREATE INDEX placement_day ON placement (day);
