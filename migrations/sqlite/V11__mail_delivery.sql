-- How each sent mail went out ('smtp', or the outbox folder it was written
-- to when no SMTP server is set), and each invite's latest mail, for
-- `invite list`'s delivery column. Invites from before take the latest
-- invite mail to their address.
ALTER TABLE mail ADD COLUMN sent_via TEXT;
ALTER TABLE invites ADD COLUMN mail_id INTEGER REFERENCES mail (id) ON DELETE SET NULL;
UPDATE invites SET mail_id = (
    SELECT max(m.id) FROM mail m WHERE m.kind = 'invite' AND m.to_addr = invites.email COLLATE NOCASE
);
