-- The search index again, without what no query reads: no column sizes
-- (nothing ranks by them) and no per-user record of what to delete
-- (`contentless_delete`). A change or a delete removes a user's entry with
-- FTS5's `delete` command and the text the entry was made of, which the
-- trigger recomputes from the old row: `user_search_text` is the only writer
-- of the index, so a change to what it folds must come with a migration
-- that rebuilds the index (as this one does). A first import writes a
-- million users' entries with one row fewer each (measured in
-- docs/PERFORMANCE.md).
DROP TRIGGER users_searched_on_insert;
DROP TRIGGER users_searched_on_change;
DROP TRIGGER users_searched_on_delete;
DROP TABLE user_search;

CREATE VIRTUAL TABLE user_search USING fts5 (
    text,
    tokenize = 'trigram case_sensitive 1',
    content = '',
    columnsize = 0
);

-- Filling in memory 16 MB at a time rather than FTS5's 1 MB: fewer segments
-- to merge (V10).
INSERT INTO user_search (user_search, rank) VALUES ('hashsize', 16777216);

CREATE TRIGGER users_searched_on_insert AFTER INSERT ON users BEGIN
    INSERT INTO user_search (rowid, text) VALUES (NEW.id, user_search_text(NEW.name, NEW.surname, NEW.email));
END;

CREATE TRIGGER users_searched_on_change AFTER UPDATE OF name, surname, email ON users
WHEN OLD.name IS NOT NEW.name OR OLD.surname IS NOT NEW.surname OR OLD.email IS NOT NEW.email BEGIN
    INSERT INTO user_search (user_search, rowid, text)
        VALUES ('delete', OLD.id, user_search_text(OLD.name, OLD.surname, OLD.email));
    INSERT INTO user_search (rowid, text) VALUES (NEW.id, user_search_text(NEW.name, NEW.surname, NEW.email));
END;

CREATE TRIGGER users_searched_on_delete AFTER DELETE ON users BEGIN
    INSERT INTO user_search (user_search, rowid, text)
        VALUES ('delete', OLD.id, user_search_text(OLD.name, OLD.surname, OLD.email));
END;

INSERT INTO user_search (rowid, text) SELECT id, user_search_text(name, surname, email) FROM users;
