-- One mailbox, one account, kept by a named unique index (`users_email_key`)
-- instead of the column's UNIQUE constraint, which SQLite cannot drop: a
-- first import drops the index and builds it again after the load, one
-- sort, as it does the other indexes. A file in any order then loads as
-- fast as one sorted by address (a million rows in random order paid 3.8 s
-- for the scattered inserts into the constraint's index). The reader
-- refuses an address seen on an earlier line, so the rebuild finds none
-- twice.
--
-- `users` is rebuilt, every row and id kept (foreign keys off, as for V6);
-- the sequence keeps its place past every id ever given.
CREATE TEMP TABLE kept_sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'users';
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
    password_hash  TEXT,
    password_changed_at TEXT,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    totp_secret    TEXT,
    totp_pending   TEXT,
    totp_last_step INTEGER,
    activated_at   TEXT,
    email_key      TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL,
    kind           TEXT NOT NULL DEFAULT 'employee'
                   CHECK (kind = 'employee' OR kind = 'external' OR kind = 'app-only'),
    restrict_to_brand TEXT,
    auto_filter_brands TEXT NOT NULL DEFAULT 'false'
                   CHECK (auto_filter_brands = 'true' OR auto_filter_brands = 'false'),
    CHECK ((status = 'blocked') = (block_reason IS NOT NULL))
);
INSERT INTO users_new (id, email, name, surname, phone, mobile, language, timezone, country, department, branch,
                       salesman_id, quote_reply_to, status, block_reason, block_note, expires_on, created_at,
                       updated_at, last_login_at, failed_logins, password_hash, password_changed_at,
                       must_change_password, totp_secret, totp_pending, totp_last_step, activated_at, email_key,
                       last_seen_at, kind, restrict_to_brand, auto_filter_brands)
    SELECT id, email, name, surname, phone, mobile, language, timezone, country, department, branch,
           salesman_id, quote_reply_to, status, block_reason, block_note, expires_on, created_at,
           updated_at, last_login_at, failed_logins, password_hash, password_changed_at,
           must_change_password, totp_secret, totp_pending, totp_last_step, activated_at, email_key,
           last_seen_at, kind, restrict_to_brand, auto_filter_brands
    FROM users ORDER BY id;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
DELETE FROM sqlite_sequence WHERE name = 'users';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'users', max(seq) FROM (SELECT seq FROM temp.kept_sequence UNION ALL SELECT COALESCE(max(id), 0) FROM users);
DROP TABLE temp.kept_sequence;

CREATE UNIQUE INDEX users_email_key ON users (email_key);
CREATE INDEX users_name ON users (name);
CREATE INDEX users_surname ON users (surname);
CREATE INDEX users_last_seen ON users (last_seen_at) WHERE status = 'active';
CREATE INDEX users_status ON users (status, email_key);
CREATE INDEX users_department ON users (department, email_key);
CREATE INDEX users_branch ON users (branch, email_key) WHERE branch IS NOT NULL;
CREATE INDEX users_kind ON users (kind, email_key) WHERE kind <> 'employee';
CREATE INDEX users_expiring ON users (expires_on) WHERE expires_on IS NOT NULL;

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
CREATE TRIGGER users_searched_on_insert AFTER INSERT ON users BEGIN
    INSERT INTO user_search (rowid, text) VALUES (NEW.id, user_search_text(NEW.name, NEW.surname, NEW.email));
END;
CREATE TRIGGER users_searched_on_change AFTER UPDATE OF name, surname, email ON users
WHEN OLD.name IS NOT NEW.name OR OLD.surname IS NOT NEW.surname OR OLD.email IS NOT NEW.email BEGIN
    INSERT INTO user_search (user_search, rowid, text)
        VALUES ('delete', OLD.id, user_search_text(OLD.name, OLD.surname, OLD.email));
    INSERT INTO user_search (rowid, text) VALUES (NEW.id, user_search_text(NEW.name, NEW.surname, NEW.email));
END;
CREATE TRIGGER users_searched_on_delete AFTER DELETE ON users BEGIN
    INSERT INTO user_search (user_search, rowid, text)
        VALUES ('delete', OLD.id, user_search_text(OLD.name, OLD.surname, OLD.email));
END;
