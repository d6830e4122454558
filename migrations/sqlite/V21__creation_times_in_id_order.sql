-- Id order is creation order (V19): a user whose `created_at` is earlier
-- than an older user's (written after the clock stepped back, or under an
-- earlier ROSTER_NOW) takes that older user's time, as a user created
-- today would. Nothing else changes.
UPDATE users SET created_at = ordered.at
FROM (SELECT id, max(created_at) OVER (ORDER BY id) AS at FROM users) AS ordered
WHERE ordered.id = users.id AND users.created_at <> ordered.at;
