-- restrict_to_brand was a 0/1 flag nothing read; it names the one brand a
-- user sells now (one of their user_brands). A flag set on a user with one
-- brand becomes that brand; elsewhere it meant nothing and goes.
ALTER TABLE users ADD COLUMN sales_brand TEXT;
UPDATE users SET sales_brand = (SELECT min(b.brand) FROM user_brands b WHERE b.user_id = users.id)
WHERE restrict_to_brand = 1 AND (SELECT count(*) FROM user_brands b WHERE b.user_id = users.id) = 1;
ALTER TABLE users DROP COLUMN restrict_to_brand;
ALTER TABLE users RENAME COLUMN sales_brand TO restrict_to_brand;
-- Whether the apps that read roster filter this user's views by their brands.
ALTER TABLE users ADD COLUMN auto_filter_brands TEXT NOT NULL DEFAULT 'false'
    CHECK (auto_filter_brands = 'true' OR auto_filter_brands = 'false');
-- `user list --brand B`.
CREATE INDEX user_brands_brand ON user_brands (brand, user_id);
