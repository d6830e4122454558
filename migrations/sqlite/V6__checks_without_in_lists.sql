-- The same rules, written as OR-chains: SQLite checks `CHECK (x IN (…))` by
-- building a temporary index of the list for every row written, 1.7 µs a row
-- (a sixth of a million-user import; a tenth of `invite expire`). SQLite
-- cannot change a CHECK in place, so each table is rebuilt, keeping its rows
-- and ids (https://sqlite.org/lang_altertable.html#otheralter). roster runs
-- migrations before it turns foreign keys on: dropping the old `users` does
-- not cascade, and the other tables' references find the new one by name.

CREATE TABLE users_new (
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
                   CHECK (status = 'invited' OR status = 'active' OR status = 'blocked' OR status = 'archived'),
    block_reason   TEXT CHECK (block_reason = 'manual' OR block_reason = 'failed_logins'
                               OR block_reason = 'dormant' OR block_reason = 'expired'),
    block_note     TEXT,
    expires_on     TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    last_login_at  TEXT,
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    restrict_to_brand INTEGER NOT NULL DEFAULT 0,
    password_hash  TEXT,
    password_changed_at TEXT,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    totp_secret    TEXT,
    totp_pending   TEXT,
    totp_last_step INTEGER,
    activated_at   TEXT,
    CHECK ((status = 'blocked') = (block_reason IS NOT NULL))
);
INSERT INTO users_new SELECT * FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX users_name ON users (name);
CREATE INDEX users_surname ON users (surname);
CREATE INDEX users_status ON users (status, email);
CREATE INDEX users_created ON users (created_at);
CREATE INDEX users_department ON users (department);
CREATE INDEX users_branch ON users (branch);
CREATE INDEX users_last_seen ON users (status, COALESCE(last_login_at, activated_at, created_at));
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

CREATE TABLE invites_new (
    id           INTEGER PRIMARY KEY,
    -- The invited user while the invite is open; NULL once revoked or expired.
    user_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    email        TEXT NOT NULL COLLATE NOCASE,
    roles        TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status = 'sent' OR status = 'resent' OR status = 'accepted'
                                      OR status = 'revoked' OR status = 'expired'),
    token_hash   TEXT UNIQUE,
    send_count   INTEGER NOT NULL DEFAULT 1,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_sent_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    accepted_at  TEXT
);
INSERT INTO invites_new SELECT * FROM invites;
DROP TABLE invites;
ALTER TABLE invites_new RENAME TO invites;
CREATE INDEX invites_email ON invites (email);
CREATE INDEX invites_open ON invites (status, expires_at);
CREATE INDEX invites_user ON invites (user_id);

CREATE TABLE mail_new (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    to_addr         TEXT NOT NULL,
    to_name         TEXT,
    subject         TEXT NOT NULL,
    body_text       TEXT,
    body_html       TEXT,
    status          TEXT NOT NULL DEFAULT 'queued' CHECK (status = 'queued' OR status = 'sent' OR status = 'failed'),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
INSERT INTO mail_new SELECT * FROM mail;
DROP TABLE mail;
ALTER TABLE mail_new RENAME TO mail;
CREATE INDEX mail_due ON mail (status, next_attempt_at);
