-- How each sent mail went out ('smtp', or the outbox folder it was written
-- to when no SMTP server is set), and the lookup of an invite's latest mail
-- by its address, for `invite list`'s delivery column.
ALTER TABLE mail ADD COLUMN sent_via TEXT;
CREATE INDEX mail_to ON mail (to_addr, kind);
