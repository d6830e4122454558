-- An item is owned by a user or by a group (a team's queue), never both;
-- routing gives a group's item to one member (`assignment add --route`).
CREATE TABLE assignments_new (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER REFERENCES users (id) ON DELETE CASCADE,
    group_id   INTEGER REFERENCES groups (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    ref        TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'closed'),
    created_at TEXT NOT NULL,
    closed_at  TEXT,
    CHECK ((user_id IS NULL) <> (group_id IS NULL))
);
INSERT INTO assignments_new (id, user_id, kind, ref, status, created_at, closed_at)
SELECT id, user_id, kind, ref, status, created_at, closed_at FROM assignments;
DROP TABLE assignments;
ALTER TABLE assignments_new RENAME TO assignments;
CREATE INDEX assignments_user ON assignments (user_id, status);
CREATE INDEX assignments_group ON assignments (group_id, status) WHERE group_id IS NOT NULL;
CREATE UNIQUE INDEX assignments_open_item ON assignments (kind, ref) WHERE status = 'open';
