-- Invites, the mail outbox, one-time set-password tokens, and where the SMTP
-- server is. Tokens are stored only as SHA-256 hashes; a mail's body (which
-- may hold a token) is scrubbed once it is sent.

CREATE TABLE invites (
    id           INTEGER PRIMARY KEY,
    -- The invited user while the invite is open; NULL once revoked or expired.
    user_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    email        TEXT NOT NULL COLLATE NOCASE,
    roles        TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('sent', 'resent', 'accepted', 'revoked', 'expired')),
    token_hash   TEXT UNIQUE,
    send_count   INTEGER NOT NULL DEFAULT 1,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_sent_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    accepted_at  TEXT
);
CREATE INDEX invites_email ON invites (email);
CREATE INDEX invites_open ON invites (status, expires_at);
CREATE INDEX invites_user ON invites (user_id);

CREATE TABLE mail (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    to_addr         TEXT NOT NULL,
    to_name         TEXT,
    subject         TEXT NOT NULL,
    body_text       TEXT,
    body_html       TEXT,
    status          TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX mail_due ON mail (status, next_attempt_at);

CREATE TABLE password_resets (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
-- Deleting a user looks here for its codes: without this index, one full scan per user.
CREATE INDEX password_resets_user ON password_resets (user_id);

ALTER TABLE users ADD COLUMN activated_at TEXT;
-- When each active user was last seen: `lock-dormant` reads a range of this
-- index instead of every row of a million.
CREATE INDEX users_last_seen ON users (status, COALESCE(last_login_at, activated_at, created_at));
ALTER TABLE org ADD COLUMN smtp_url TEXT;
