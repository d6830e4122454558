-- A role grant may reach only a part of the organization: one
-- `field=value` a line (department, branch or brand); NULL reaches everyone.
ALTER TABLE user_roles ADD COLUMN scope TEXT;

-- A department's or branch's users in email order straight from the index:
-- a scoped admin's `user list` (and `--department`) reads one page, not a
-- sort of the whole department. Few users have a branch: its index holds
-- only those who do.
DROP INDEX users_department;
CREATE INDEX users_department ON users (department, email);
DROP INDEX users_branch;
CREATE INDEX users_branch ON users (branch, email) WHERE branch IS NOT NULL;
