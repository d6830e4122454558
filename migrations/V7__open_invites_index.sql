-- Only open invites are looked up by expiry, and only they have a user: the
-- closed ones need no entry in either index. Ending an invite (expire,
-- revoke, accept) then deletes its entries instead of moving them, and
-- `invite expire` writes two b-trees fewer an invite. Queries must spell the
-- condition as below, `(status = 'sent' OR status = 'resent')`, for SQLite
-- to see that the index covers them; an OR-chain, not an IN list, as in V6.

DROP INDEX invites_open;
CREATE INDEX invites_open ON invites (expires_at) WHERE status = 'sent' OR status = 'resent';
DROP INDEX invites_user;
CREATE INDEX invites_user ON invites (user_id) WHERE user_id IS NOT NULL;
