-- The ability a session was opened for (`auth login --for ABILITY
-- --session`): an app-only account's session is good only with one.
ALTER TABLE sessions ADD COLUMN for_ability TEXT;
