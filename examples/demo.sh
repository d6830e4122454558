#!/usr/bin/env bash
# The README's demo on the default ./roster.db: build roster, name the
# organization (once), import examples/users.csv, then list the users.
# Safe to run again: the second import finds every row unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
# The first build takes some minutes: cargo shows its progress.
cargo build --release
roster="${CARGO_TARGET_DIR:-target}/release/roster"

# Once: init says where the database and its key file are, and shows the
# audit verification key (keep it somewhere else than this machine).
if [ ! -e roster.db ]; then
    "$roster" init --org "Acme Parts" --seats 500
fi
"$roster" user import examples/users.csv
"$roster" user list --limit 25
"$roster" seats
