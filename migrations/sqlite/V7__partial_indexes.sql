-- Indexes that only ever serve a subset of the rows now hold only that
-- subset: writes outside it skip them, and `invite expire` writes three
-- b-trees fewer an invite.
--
-- Only open invites are looked up by expiry, and only they have a user.
-- Ending one (expire, revoke, accept) then deletes its entries instead of
-- moving them. Queries spell the condition `(status = 'sent' OR status =
-- 'resent')`, exactly as here, for SQLite to see that the index covers them
-- (an OR-chain, not an IN list, as in V6).
DROP INDEX invites_open;
CREATE INDEX invites_open ON invites (expires_at) WHERE status = 'sent' OR status = 'resent';
DROP INDEX invites_user;
CREATE INDEX invites_user ON invites (user_id) WHERE user_id IS NOT NULL;

-- `lock-dormant` reads active users only; invited, blocked and archived
-- users need no entry. The query names the index (`INDEXED BY`): without
-- statistics SQLite would pick `users_status` and read every active user.
DROP INDEX users_last_seen;
CREATE INDEX users_last_seen ON users (COALESCE(last_login_at, activated_at, created_at)) WHERE status = 'active';
