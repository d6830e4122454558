-- Account lifecycle: failed-login count (reset by unblock), assignments that
-- make archive and delete ask first, and absences.

ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;

-- An open item a user owns (`task T-12`, `client C-7`), written by apps.
CREATE TABLE assignments (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    ref        TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at TEXT NOT NULL,
    closed_at  TEXT
);
CREATE INDEX assignments_user ON assignments (user_id, status);
-- An item has one open owner at a time.
CREATE UNIQUE INDEX assignments_open_item ON assignments (kind, ref) WHERE status = 'open';

-- Days a user is unavailable, both ends included.
CREATE TABLE absences (
    id        INTEGER PRIMARY KEY,
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    starts_on TEXT NOT NULL,
    ends_on   TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX absences_user ON absences (user_id, starts_on);
