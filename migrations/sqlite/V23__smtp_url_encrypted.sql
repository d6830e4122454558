-- No change to the tables: from this version on, `org.smtp_url` holds the
-- SMTP URL encrypted with the key file (it may hold the mail server's
-- password), and an older one in clear is encrypted by the next write. The
-- version moves on so that an older roster, which would take the encrypted
-- text for a URL, refuses this database instead.
SELECT 1;
