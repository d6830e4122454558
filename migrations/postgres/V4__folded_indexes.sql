-- A citext comparison lowercases both sides every time: an index on a citext
-- column does that at each step of every insert and of every sort that
-- builds it (3.9 s of a 1M-user first import for `users_department`, 1.1 s
-- of archiving 100,000 users for `audit_target_name`). These indexes hold
-- the lowercased text once and compare it bytewise; roster's statements
-- name the same expression (`Db::folded`). Equality is citext's own (it
-- lowercases alike); an order by name is by the lowercased text's bytes, as
-- SQLite's NOCASE orders ASCII. The planner has no statistics on an
-- expression until its table is analyzed: without them it guesses, and has
-- guessed a walk of the whole trail for `audit list --target` before.
DROP INDEX users_name;
DROP INDEX users_surname;
DROP INDEX users_department;
DROP INDEX users_branch;
DROP INDEX audit_target_name;
CREATE INDEX users_name ON users ((lower(name::text) COLLATE "C"));
CREATE INDEX users_surname ON users ((lower(surname::text) COLLATE "C"));
CREATE INDEX users_department ON users ((lower(department::text) COLLATE "C"), email_key);
CREATE INDEX users_branch ON users ((lower(branch::text) COLLATE "C"), email_key) WHERE branch IS NOT NULL;
CREATE INDEX audit_target_name ON audit ((lower(target::text) COLLATE "C"));
ANALYZE users;
ANALYZE audit;
