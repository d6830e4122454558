-- The first schema: organization, policies, users, roles, abilities, groups
-- and the audit trail. Times are UTC text in RFC 3339 ("2026-11-23T18:02:49Z")
-- so that they sort as text and read as themselves in the sqlite3 shell.

CREATE TABLE org (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    name           TEXT NOT NULL,
    -- NULL seats is the enterprise plan: unlimited.
    seats          INTEGER CHECK (seats IS NULL OR seats >= 0),
    mail_from      TEXT,
    initialized_at TEXT
);
INSERT INTO org (id, name, seats) VALUES (1, 'unnamed organization', NULL);

-- Only policies that were set are stored; the defaults live in the code.
CREATE TABLE policies (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    -- NOCASE makes uniqueness case-insensitive and lets `LIKE 'abc%'` use the index.
    email          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name           TEXT NOT NULL COLLATE NOCASE,
    surname        TEXT NOT NULL COLLATE NOCASE,
    phone          TEXT,
    mobile         TEXT,
    language       TEXT NOT NULL DEFAULT 'en',
    timezone       TEXT NOT NULL DEFAULT 'UTC',
    country        TEXT,
    department     TEXT COLLATE NOCASE,
    branch         TEXT COLLATE NOCASE,
    salesman_id    TEXT,
    quote_reply_to TEXT,
    status         TEXT NOT NULL DEFAULT 'active'
                   CHECK (status IN ('invited', 'active', 'blocked', 'archived')),
    block_reason   TEXT CHECK (block_reason IN ('manual', 'failed_logins', 'dormant', 'expired')),
    block_note     TEXT,
    expires_on     TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    last_login_at  TEXT,
    CHECK ((status = 'blocked') = (block_reason IS NOT NULL))
);
CREATE INDEX users_name ON users (name);
CREATE INDEX users_surname ON users (surname);
-- (status, email): `user list --status X` pages in email order straight off it.
CREATE INDEX users_status ON users (status, email);
CREATE INDEX users_created ON users (created_at);
CREATE INDEX users_department ON users (department);
CREATE INDEX users_branch ON users (branch);

-- Users per status, kept by triggers so that counting seats is one read, not
-- a pass over a million index entries.
CREATE TABLE status_counts (
    status TEXT PRIMARY KEY,
    users  INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO status_counts (status, users) VALUES ('invited', 0), ('active', 0), ('blocked', 0), ('archived', 0);
CREATE TRIGGER users_counted_on_insert AFTER INSERT ON users BEGIN
    UPDATE status_counts SET users = users + 1 WHERE status = NEW.status;
END;
CREATE TRIGGER users_counted_on_delete AFTER DELETE ON users BEGIN
    UPDATE status_counts SET users = users - 1 WHERE status = OLD.status;
END;
CREATE TRIGGER users_counted_on_status AFTER UPDATE OF status ON users WHEN OLD.status <> NEW.status BEGIN
    UPDATE status_counts SET users = users - 1 WHERE status = OLD.status;
    UPDATE status_counts SET users = users + 1 WHERE status = NEW.status;
END;

CREATE TABLE abilities (
    name        TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    builtin     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO abilities (name, description, builtin) VALUES
    ('users.read',        'See users, their roles and groups', 1),
    ('users.manage',      'Add, edit, block, archive and delete users', 1),
    ('invites.manage',    'Send, resend and revoke invites', 1),
    ('roles.manage',      'Create, edit and delete roles and abilities; grant and revoke them', 1),
    ('seats.manage',      'Change the number of seats and the plan', 1),
    ('audit.read',        'Read and export the audit trail', 1),
    ('users.impersonate', 'Open a session as another user', 1),
    ('org.manage',        'Change the organization and its policies', 1);

CREATE TABLE roles (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description   TEXT NOT NULL DEFAULT '',
    builtin       INTEGER NOT NULL DEFAULT 0,
    -- The admin role holds every ability, also those registered after it.
    all_abilities INTEGER NOT NULL DEFAULT 0
);
INSERT INTO roles (id, name, description, builtin, all_abilities) VALUES
    (1, 'admin',      'Every ability', 1, 1),
    (2, 'user-admin', 'Manages users and invites', 1, 0),
    (3, 'member',     'An ordinary member of the organization', 1, 0);

CREATE TABLE role_abilities (
    role_id INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    ability TEXT NOT NULL REFERENCES abilities (name) ON DELETE CASCADE,
    PRIMARY KEY (role_id, ability)
) WITHOUT ROWID;
CREATE INDEX role_abilities_ability ON role_abilities (ability);
INSERT INTO role_abilities (role_id, ability) VALUES
    (2, 'users.read'), (2, 'users.manage'), (2, 'invites.manage'), (2, 'audit.read'),
    (3, 'users.read');

-- Fields a holder of the role must have set (for example salesman_id).
CREATE TABLE role_required_fields (
    role_id INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    field   TEXT NOT NULL,
    PRIMARY KEY (role_id, field)
) WITHOUT ROWID;

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id INTEGER NOT NULL REFERENCES roles (id),
    PRIMARY KEY (user_id, role_id)
) WITHOUT ROWID;
CREATE INDEX user_roles_role ON user_roles (role_id, user_id);

CREATE TABLE user_abilities (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    ability TEXT NOT NULL REFERENCES abilities (name) ON DELETE CASCADE,
    PRIMARY KEY (user_id, ability)
) WITHOUT ROWID;
CREATE INDEX user_abilities_ability ON user_abilities (ability);

CREATE TABLE groups (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

CREATE TABLE user_groups (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, group_id)
) WITHOUT ROWID;
CREATE INDEX user_groups_group ON user_groups (group_id, user_id);

-- Append-only and hash-chained: `hash` is the SHA-256 of the previous
-- entry's hash and this entry's canonical content (see store/audit.rs), so
-- `roster audit verify` finds any edit, deletion or reordering. target_id has
-- no foreign key: a deleted user's history stays, with the email as it was.
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    target_id INTEGER,
    target    TEXT,
    details   TEXT NOT NULL DEFAULT '{}',
    hash      TEXT NOT NULL
);
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
-- Listing by action or time walks back from the newest entry and stops at
-- the limit, so only "about whom" needs an index.
CREATE INDEX audit_target ON audit (target_id);
CREATE INDEX audit_target_name ON audit (target COLLATE NOCASE);
