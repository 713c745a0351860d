-- Step 4: the whole participant record and the cohort's care of personal data (issue 5).
--
-- The days a participant cannot go out (leave, on call, rota) are rows of
-- participant_unavailable, single days being ranges of one day. The professions list starts
-- with the programme's usual ones (kept if the file already has them). A cohort remembers when
-- its participants' personal details were removed.

CREATE TABLE participant_unavailable (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participant(id),
    first_day      TEXT NOT NULL,
    last_day       TEXT NOT NULL CHECK (last_day >= first_day),
    reason         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX participant_unavailable_participant ON participant_unavailable (participant_id);

INSERT OR IGNORE INTO profession (name) VALUES
    ('consultant'), ('junior doctor'), ('GP'), ('nurse'), ('paramedic'), ('social worker'),
    ('mental health'), ('public health'), ('manager'), ('other');

ALTER TABLE cohort ADD COLUMN personal_data_removed_on TEXT;
