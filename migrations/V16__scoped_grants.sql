-- A role grant may reach only a part of the organization: one
-- `field=value` a line (department, branch or brand); NULL reaches everyone.
ALTER TABLE user_roles ADD COLUMN scope TEXT;
