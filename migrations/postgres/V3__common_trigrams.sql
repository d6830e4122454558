-- The trigrams that a quarter of the search entries or more hold, from a
-- sample that an import takes at its end (`store::search::learn_common`).
-- A search leaves them out of what it asks the trigram index when its terms
-- have rarer ones: a common trigram narrows little, and the index spends
-- most of a search's time on it (22 ms of `%user05000%` at 1M users, 0.8 ms
-- without `use`, `ser` and `er0`). Only speed depends on it: what the index
-- leaves is checked by the rule either way.
CREATE TABLE search_common (trigram TEXT PRIMARY KEY);
