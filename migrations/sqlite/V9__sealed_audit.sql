-- Seals: each entry's hash under the key file's key of its epoch
-- (HMAC-SHA256, 32 bytes). NULL on entries from before sealing began.
ALTER TABLE audit ADD COLUMN epoch INTEGER;
ALTER TABLE audit ADD COLUMN seal BLOB;

-- INSERT OR REPLACE removes the old row without firing the delete trigger;
-- an insert onto a taken seq is refused before that can happen.
CREATE TRIGGER audit_is_never_replaced BEFORE INSERT ON audit
WHEN EXISTS (SELECT 1 FROM audit WHERE seq = NEW.seq) BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
