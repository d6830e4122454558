#!/usr/bin/env bash
# The README's demo: builds roster, then on the default ./roster.db names the
# organization, adds a few users (skipping any that exist) and lists them.
# Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release
roster=./target/release/roster

"$roster" -q init --org "Acme Parts" --seats 50 2>/dev/null || true
add() {
    # Exit 4 means the user is already there: fine for a demo run twice.
    "$roster" -q --format json user add "$@" >/dev/null || [ $? -eq 4 ]
}
add ana.silva@acme.test --name Ana --surname Silva --role admin --country PT --language pt-PT --timezone Europe/Lisbon
add rui.costa@acme.test --name Rui --surname Costa --role user-admin --department Sales --branch Porto
add mei.zhang@acme.test --name Mei --surname Zhang --department Sales --branch Lisbon --timezone Asia/Shanghai
add jonas.muller@acme.test --name Jonas --surname Müller --department Ops --country DE --language de
"$roster" user list
"$roster" seats
