-- Step 1: the placement programme's core records.
-- Every table has an integer `id` primary key: the undo log records rows by table and id.
-- No ON DELETE CASCADE: the store deletes children itself, so that undo sees every row it removes.

CREATE TABLE neighbourhood (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE category (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE community_group (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL CHECK (length(trim(name)) > 0),
    other_names        TEXT NOT NULL DEFAULT '',
    description        TEXT NOT NULL DEFAULT '',
    neighbourhood_id   INTEGER REFERENCES neighbourhood(id),
    address_line1      TEXT NOT NULL DEFAULT '',
    address_line2      TEXT NOT NULL DEFAULT '',
    town               TEXT NOT NULL DEFAULT '',
    postcode           TEXT NOT NULL DEFAULT '',
    phone              TEXT NOT NULL DEFAULT '',
    email              TEXT NOT NULL DEFAULT '',
    website            TEXT NOT NULL DEFAULT '',
    contact_name       TEXT NOT NULL DEFAULT '',
    contact_role       TEXT NOT NULL DEFAULT '',
    contact_phone      TEXT NOT NULL DEFAULT '',
    contact_email      TEXT NOT NULL DEFAULT '',
    charity_number     TEXT NOT NULL DEFAULT '',
    company_number     TEXT NOT NULL DEFAULT '',
    other_identifier   TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dormant', 'closed')),
    accessibility      TEXT NOT NULL DEFAULT '',
    safeguarding_notes TEXT NOT NULL DEFAULT '',
    consent_to_contact INTEGER NOT NULL DEFAULT 0,
    consent_date       TEXT,
    last_verified      TEXT,
    notes              TEXT NOT NULL DEFAULT '',
    archived           INTEGER NOT NULL DEFAULT 0,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX community_group_name ON community_group (name COLLATE NOCASE);
CREATE INDEX community_group_neighbourhood ON community_group (neighbourhood_id);

CREATE TABLE group_category (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES community_group(id),
    category_id INTEGER NOT NULL REFERENCES category(id),
    UNIQUE (group_id, category_id)
);
CREATE INDEX group_category_category ON group_category (category_id);

CREATE TABLE offer (
    id                INTEGER PRIMARY KEY,
    group_id          INTEGER NOT NULL REFERENCES community_group(id),
    title             TEXT NOT NULL CHECK (length(trim(title)) > 0),
    activity          TEXT NOT NULL DEFAULT '',
    group_gains       TEXT NOT NULL DEFAULT '',
    neighbourhood_id  INTEGER REFERENCES neighbourhood(id),
    address           TEXT NOT NULL DEFAULT '',
    first_date        TEXT NOT NULL,
    last_date         TEXT NOT NULL CHECK (last_date >= first_date),
    weekdays          INTEGER NOT NULL DEFAULT 31 CHECK (weekdays BETWEEN 1 AND 127),
    start_time        TEXT NOT NULL DEFAULT '09:30',
    finish_time       TEXT NOT NULL DEFAULT '16:00' CHECK (finish_time > start_time),
    team_size_min     INTEGER NOT NULL DEFAULT 3 CHECK (team_size_min >= 1),
    team_size_max     INTEGER NOT NULL DEFAULT 6 CHECK (team_size_max >= team_size_min),
    capacity          INTEGER NOT NULL DEFAULT 1 CHECK (capacity >= 1),
    requirements      TEXT NOT NULL DEFAULT '',
    day_contact_name  TEXT NOT NULL DEFAULT '',
    day_contact_phone TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'offered'
                      CHECK (status IN ('draft', 'offered', 'confirmed', 'withdrawn', 'completed')),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX offer_group ON offer (group_id);

CREATE TABLE organisation (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE profession (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE cohort (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    programme_type    TEXT NOT NULL DEFAULT '',
    first_day         TEXT,
    last_day          TEXT,
    default_team_size INTEGER NOT NULL DEFAULT 5 CHECK (default_team_size >= 1),
    coordinator_name  TEXT NOT NULL DEFAULT '',
    coordinator_phone TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

CREATE TABLE team (
    id         INTEGER PRIMARY KEY,
    cohort_id  INTEGER NOT NULL REFERENCES cohort(id),
    name       TEXT NOT NULL,
    locked     INTEGER NOT NULL DEFAULT 0,
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX team_cohort ON team (cohort_id);

CREATE TABLE participant (
    id                      INTEGER PRIMARY KEY,
    cohort_id               INTEGER NOT NULL REFERENCES cohort(id),
    team_id                 INTEGER REFERENCES team(id),
    name                    TEXT NOT NULL,
    preferred_name          TEXT NOT NULL DEFAULT '',
    profession_id           INTEGER REFERENCES profession(id),
    organisation_id         INTEGER REFERENCES organisation(id),
    email                   TEXT NOT NULL DEFAULT '',
    mobile                  TEXT NOT NULL DEFAULT '',
    access_needs            TEXT NOT NULL DEFAULT '',
    emergency_contact_name  TEXT NOT NULL DEFAULT '',
    emergency_contact_phone TEXT NOT NULL DEFAULT '',
    notes                   TEXT NOT NULL DEFAULT '',
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
);
CREATE INDEX participant_cohort ON participant (cohort_id);
CREATE INDEX participant_team ON participant (team_id);

CREATE TABLE placement (
    id         INTEGER PRIMARY KEY,
    team_id    INTEGER NOT NULL REFERENCES team(id),
    offer_id   INTEGER NOT NULL REFERENCES offer(id),
    day        TEXT NOT NULL,
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX placement_team ON placement (team_id);
CREATE INDEX placement_offer ON placement (offer_id, day);
