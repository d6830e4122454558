-- What an account is for (`model::user::KINDS`): employee (every account
-- made before), external, or app-only (signs in only with `auth login --for`).
-- Most accounts are employees: the index holds only the others.
ALTER TABLE users ADD COLUMN kind TEXT NOT NULL DEFAULT 'employee'
    CHECK (kind = 'employee' OR kind = 'external' OR kind = 'app-only');
CREATE INDEX users_kind ON users (kind, email) WHERE kind <> 'employee';
