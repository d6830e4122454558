-- A user's id is its place in creation order (ids are AUTOINCREMENT, and a
-- new user's `created_at` is never earlier than the newest user's), so
-- `--created-since` finds its first user by a search over ids and `--sort
-- created` reads the table in id order: `users_created` served only those
-- two and cost every import and every new user an index entry.
DROP INDEX users_created;
