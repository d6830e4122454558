#!/usr/bin/env bash
# The README's demo on the default ./roster.db: build roster, name the
# organization (once), import examples/users.csv, then list the users.
# Safe to run again: the second import finds every row unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
# The first build takes some minutes: cargo shows its progress.
cargo build --release
roster="${CARGO_TARGET_DIR:-target}/release/roster"

"$roster" -q init --org "Acme Parts" --seats 500 2>/dev/null || true
"$roster" user import examples/users.csv
"$roster" user list --limit 25
"$roster" seats
