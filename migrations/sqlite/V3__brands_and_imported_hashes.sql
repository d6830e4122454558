-- Brands a user works with, and a password hash imported from another system
-- (a PHC string, verified at login once credentials exist).

CREATE TABLE user_brands (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    brand   TEXT NOT NULL,
    PRIMARY KEY (user_id, brand)
) WITHOUT ROWID;

ALTER TABLE users ADD COLUMN restrict_to_brand INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN password_changed_at TEXT;
