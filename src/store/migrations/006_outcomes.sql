-- Step 6: outcomes (issue 14). After a day out: what happened (completed, partly completed, not
-- done, cancelled on the day) with the reason when it was not completed, the hours the team
-- spent, how many local people took part, what the team did; and the host group's view (how
-- useful, would it host again, a comment). From each participant: what they learnt, what they
-- would do differently, when they said so, and a rating from 1 to 5 for each of the programme's
-- practices (the list the offers use). A participant's feedback keeps its ratings when their
-- personal data is removed: the row is unlinked from them and its words blanked.

CREATE TABLE placement_outcome (
    id               INTEGER PRIMARY KEY,
    placement_id     INTEGER NOT NULL UNIQUE REFERENCES placement(id),
    result           TEXT NOT NULL
                     CHECK (result IN ('completed', 'partly_completed', 'not_done', 'cancelled_on_day')),
    reason           TEXT NOT NULL DEFAULT '',
    hours            REAL CHECK (hours IS NULL OR (hours >= 0 AND hours <= 24)),
    local_people     INTEGER CHECK (local_people IS NULL OR local_people >= 0),
    summary          TEXT NOT NULL DEFAULT '',
    group_usefulness INTEGER CHECK (group_usefulness IS NULL OR group_usefulness BETWEEN 1 AND 5),
    group_host_again TEXT NOT NULL DEFAULT '' CHECK (group_host_again IN ('', 'yes', 'maybe', 'no')),
    group_comment    TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE participant_feedback (
    id             INTEGER PRIMARY KEY,
    placement_id   INTEGER NOT NULL REFERENCES placement(id),
    participant_id INTEGER REFERENCES participant(id),
    learnt         TEXT NOT NULL DEFAULT '',
    differently    TEXT NOT NULL DEFAULT '',
    given_on       TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX participant_feedback_once ON participant_feedback (placement_id, participant_id)
    WHERE participant_id IS NOT NULL;
CREATE INDEX participant_feedback_participant ON participant_feedback (participant_id);

CREATE TABLE feedback_rating (
    id          INTEGER PRIMARY KEY,
    feedback_id INTEGER NOT NULL REFERENCES participant_feedback(id),
    practice_id INTEGER NOT NULL REFERENCES practice(id),
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    UNIQUE (feedback_id, practice_id)
);
CREATE INDEX feedback_rating_practice ON feedback_rating (practice_id);
