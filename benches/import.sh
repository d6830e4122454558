#!/usr/bin/env bash
# The import/export benchmark of docs/PERFORMANCE.md (issue 7):
#
#     benches/import.sh [ROWS]            # default 1,000,000
#     benches/import.sh postgres [ROWS]   # the same on a PostgreSQL server
#
# Generates a ROWS-row user CSV, then times on that same file:
#   1. the baseline: the sqlite3 shell's `.import --csv --skip 1` into a table
#      with the same columns and a UNIQUE COLLATE NOCASE email index
#      (synchronous=FULL, cache_size=-65536);
#   2. `roster user import` into a new database;
#   3. the same import again (every row unchanged);
#   4. `roster user export` of all rows;
# then the database's size per user, and two lookups on it (`audit list
# --user`, `user list --created-since`).
# Peak RSS comes from GNU time. Needs sqlite3 and GNU time (apt-get install
# sqlite3 time) and python3 for the generator.
#
# With `postgres`, on the server ROSTER_BENCH_PG names (a database there to
# connect to, such as postgres://postgres@127.0.0.1:5432/postgres; two more,
# bench_base and bench_roster, are made and dropped), over its connection:
# the baseline is psql's `\copy` of the file into one table with a unique
# email index; then the same roster steps, the database's size, and `user
# show` of one user.
set -euo pipefail
SERVER=""
if [ "${1:-}" = postgres ]; then
    SERVER="${ROSTER_BENCH_PG:?set ROSTER_BENCH_PG=postgres://user@host:port/dbname}"
    shift
fi
ROWS="${1:-1000000}"
cd "$(dirname "$0")/.."
cargo build --quiet --release
ROSTER="$PWD/target/release/roster"
WORK="$(mktemp -d)"
export XDG_CONFIG_HOME="$WORK/config"
on_server() { psql -q -X -v ON_ERROR_STOP=1 "$SERVER" "$@" > /dev/null; }
at_server() { echo "${SERVER%/*}/$1"; }
cleanup() {
    rm -rf "$WORK"
    if [ -n "$SERVER" ]; then
        on_server -c "DROP DATABASE IF EXISTS bench_base" -c "DROP DATABASE IF EXISTS bench_roster"
    fi
}
trap cleanup EXIT
CSV="$WORK/users.csv"

python3 - "$ROWS" "$CSV" <<'PY'
import sys, random
rows, path = int(sys.argv[1]), sys.argv[2]
random.seed(1)
syl = ["ba", "co", "da", "fe", "gi", "ho", "ka", "li", "mo", "nu", "pa", "qui", "ro", "sa", "tu", "vi", "wa", "xe", "yo", "zha"]
names = ["Ana", "Rui", "Inês", "João", "Marta", "Pedro", "Li", "Sofia", "Zoë", "Ωmega"]
places = [("pt-PT", "Europe/Lisbon", "PT"), ("de", "Europe/Berlin", "DE"), ("en", "UTC", "IE"), ("zh-CN", "Asia/Shanghai", "CN")]
depts = ["Sales", "Warehouse", "Finance", "\"Sales, Export\"", "IT"]
with open(path, "w") as f:
    f.write("email,name,surname,phone,language,timezone,country,department,roles\n")
    for i in range(rows):
        s = (syl[i % 20] + syl[(i // 20) % 20] + syl[(i // 400) % 20]).capitalize()
        lang, tz, country = places[i % 4]
        f.write(f"user{i:07}@example.test,{names[i % 10]},{s},+351 21 {i % 1000:03} {i % 10000:04},{lang},{tz},{country},{depts[i % 5]},member\n")
PY

time_of() { # label, then the command; prints seconds and peak RSS
    local label="$1"; shift
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > /dev/null
    read -r secs kib < "$WORK/time"
    printf '%-34s %8.2f s  %8.0f rows/s  peak RSS %6.0f MiB\n' "$label" "$secs" "$(echo "$ROWS / $secs" | bc -l)" "$(echo "$kib / 1024" | bc -l)"
    echo "$secs" > "$WORK/last"
}

echo "rows: $ROWS"
DB="$WORK/r.db"
COLUMNS_SQL="name TEXT, surname TEXT, phone TEXT, language TEXT, timezone TEXT, country TEXT, department TEXT, roles TEXT"
if [ -n "$SERVER" ]; then
    on_server -c "DROP DATABASE IF EXISTS bench_base" -c "DROP DATABASE IF EXISTS bench_roster" \
        -c "CREATE DATABASE bench_base" -c "CREATE DATABASE bench_roster"
    psql -q -X "$(at_server bench_base)" -c "CREATE TABLE users (email TEXT NOT NULL, $COLUMNS_SQL)" \
        -c "CREATE UNIQUE INDEX users_email ON users (lower(email))"
    time_of "baseline: psql \\copy" psql -q -X "$(at_server bench_base)" -c "\\copy users FROM '$CSV' WITH (FORMAT csv, HEADER)"
    DB="$(at_server bench_roster)"
else
    time_of "baseline: sqlite3 .import" sqlite3 "$WORK/base.db" \
        "PRAGMA journal_mode=WAL;" "PRAGMA synchronous=FULL;" "PRAGMA cache_size=-65536;" \
        "CREATE TABLE users (email TEXT NOT NULL UNIQUE COLLATE NOCASE, $COLUMNS_SQL);" \
        ".import --csv --skip 1 $CSV users"
fi
base=$(cat "$WORK/last")
"$ROSTER" -q --db "$DB" init --org Bench > /dev/null
time_of "roster user import (new db)" "$ROSTER" -q --db "$DB" user import "$CSV"
first=$(cat "$WORK/last")
time_of "roster user import (unchanged)" "$ROSTER" -q --db "$DB" user import "$CSV"
again=$(cat "$WORK/last")
time_of "roster user export" "$ROSTER" -q --db "$DB" user export "$WORK/out.csv"
printf 'first import / baseline: %.2f×   re-import / baseline: %.2f×\n' \
    "$(echo "$first / $base" | bc -l)" "$(echo "$again / $base" | bc -l)"
# What the imported database costs and how two lookups on it fare.
if [ -n "$SERVER" ]; then
    bytes=$(psql -X -At "$DB" -c "SELECT pg_database_size(current_database())")
else
    bytes=$(stat -c %s "$DB")
    [ -e "$DB-wal" ] && bytes=$((bytes + $(stat -c %s "$DB-wal")))
fi
printf 'database: %.0f MB, %.0f bytes a user\n' "$(echo "$bytes / 1000000" | bc -l)" "$(echo "$bytes / $ROWS" | bc -l)"
probe="user$(printf '%07d' $((ROWS / 2)))@example.test"
lookup() { # label, then the command; prints wall seconds of the whole process
    local label="$1"; shift
    /usr/bin/time -f "%e" -o "$WORK/time" "$@" > /dev/null
    printf '%-34s %8.3f s\n' "$label" "$(cat "$WORK/time")"
}
lookup "audit list --user (one user)" "$ROSTER" -q --db "$DB" audit list --user "$probe"
lookup "user list --created-since today" "$ROSTER" -q --db "$DB" user list --created-since "$(date -u +%F)" --limit 50
lookup "user show (one user)" "$ROSTER" -q --db "$DB" user show "$probe"
