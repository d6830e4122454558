-- Identity that does not drift, and invites that follow their user.
--
-- `users` is rebuilt (keeping every row and id, foreign keys off as for V6):
-- - `id ... AUTOINCREMENT`: a deleted user's id is never given to another,
--   so the audit trail's `target_id` names one person for good. The sequence
--   starts past every id the trail has seen, so ids reused before V8 end too.
-- - `email_key`: one mailbox, one account. The key is computed by roster
--   (`types::mailbox_key`, registered as the SQL function `email_key`) and
--   unique; `email` keeps the address as typed. Prefix search on emails
--   reads a range of the key's index, so `email` needs none of its own.
--   Two accounts that only now share a key keep theirs apart (the later one
--   gets `#id` appended) and `roster db check` names them.
-- - `last_seen_at`: the dormancy clock, which roster restarts when a user
--   logs in or becomes active again (unblock, reactivate, accept), so an
--   unblocked dormant user is not locked again the next minute.
--
-- `invites` is rebuilt for one more end state, `confirmed` (an admin made an
-- invited user active). What imports before V8 left behind is set right: an
-- open invite whose user is no longer invited is closed (its queued mail
-- cancelled), and an invited user without an open invite gets one, with no
-- token yet (`invite resend` mails one) and 30 days before it expires.

CREATE TABLE users_new (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    email          TEXT NOT NULL COLLATE NOCASE,
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
    email_key      TEXT NOT NULL UNIQUE,
    last_seen_at   TEXT NOT NULL,
    CHECK ((status = 'blocked') = (block_reason IS NOT NULL))
);
INSERT INTO users_new
    SELECT *, email_key(email) || '#' || id, COALESCE(last_login_at, activated_at, created_at) FROM users;
-- In id order: the first account of a mailbox takes the plain key.
UPDATE OR IGNORE users_new SET email_key = email_key(email);
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'users', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'users');
UPDATE sqlite_sequence
    SET seq = max(seq, (SELECT COALESCE(max(target_id), 0) FROM audit), (SELECT COALESCE(max(id), 0) FROM users))
    WHERE name = 'users';
CREATE INDEX users_name ON users (name);
CREATE INDEX users_surname ON users (surname);
CREATE INDEX users_status ON users (status, email);
CREATE INDEX users_created ON users (created_at);
CREATE INDEX users_department ON users (department);
CREATE INDEX users_branch ON users (branch);
CREATE INDEX users_last_seen ON users (last_seen_at) WHERE status = 'active';
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
    -- The invited user while the invite is open, and who accepted it after.
    user_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    email        TEXT NOT NULL COLLATE NOCASE,
    roles        TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status = 'sent' OR status = 'resent' OR status = 'accepted'
                                      OR status = 'confirmed' OR status = 'revoked' OR status = 'expired'),
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
CREATE INDEX invites_open ON invites (expires_at) WHERE status = 'sent' OR status = 'resent';
CREATE INDEX invites_user ON invites (user_id) WHERE user_id IS NOT NULL;

UPDATE invites SET status = 'confirmed', token_hash = NULL
    WHERE (status = 'sent' OR status = 'resent')
      AND user_id IN (SELECT id FROM users WHERE status <> 'invited');
UPDATE invites SET status = 'revoked', token_hash = NULL
    WHERE (status = 'sent' OR status = 'resent') AND user_id IS NULL;
UPDATE mail SET status = 'failed', last_error = 'the invite ended', body_text = NULL, body_html = NULL
    WHERE status = 'queued' AND kind = 'invite'
      AND to_addr NOT IN (SELECT email FROM invites WHERE status = 'sent' OR status = 'resent');
INSERT INTO invites (user_id, email, roles, status, token_hash, send_count, created_by, created_at, last_sent_at,
                     expires_at)
    SELECT u.id, u.email,
           COALESCE((SELECT group_concat(r.name, ';') FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                     WHERE ur.user_id = u.id), ''),
           'sent', NULL, 0, 'roster V8', u.created_at, u.created_at,
           strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+30 days')
    FROM users u
    WHERE u.status = 'invited'
      AND NOT EXISTS (SELECT 1 FROM invites i WHERE i.user_id = u.id AND (i.status = 'sent' OR i.status = 'resent'));
