-- The status counts change once a statement, not once a row: a row of
-- status_counts updated again and again in one transaction grows a chain of
-- versions that every later update walks (a 100,000-user import spent most of
-- its 190 s there). An import, which writes row by row, sets
-- `roster.uncounted` for its transaction and recounts once at the end.
DROP TRIGGER users_counted_on_insert ON users;
DROP TRIGGER users_counted_on_delete ON users;
DROP TRIGGER users_counted_on_status ON users;
DROP FUNCTION users_counted();

CREATE FUNCTION users_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('roster.uncounted', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        UPDATE status_counts s SET users = s.users + d.n
        FROM (SELECT status, count(*) AS n FROM added GROUP BY status) d WHERE s.status = d.status;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE status_counts s SET users = s.users - d.n
        FROM (SELECT status, count(*) AS n FROM removed GROUP BY status) d WHERE s.status = d.status;
    ELSE
        UPDATE status_counts s SET users = s.users + d.n
        FROM (SELECT status, sum(n) AS n FROM (
                  SELECT a.status, 1 AS n FROM added a JOIN removed r ON r.id = a.id WHERE a.status <> r.status
                  UNION ALL
                  SELECT r.status, -1 FROM added a JOIN removed r ON r.id = a.id WHERE a.status <> r.status) moves
              GROUP BY status HAVING sum(n) <> 0) d
        WHERE s.status = d.status;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER users_counted_on_insert AFTER INSERT ON users
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION users_counted();
CREATE TRIGGER users_counted_on_delete AFTER DELETE ON users
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION users_counted();
CREATE TRIGGER users_counted_on_status AFTER UPDATE ON users
    REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION users_counted();
