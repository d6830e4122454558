#!/usr/bin/env bash
# The README's tour, as it is printed there (a test checks that the two are
# the same text and that every step succeeds). Run it from an empty folder:
#     cd "$(mktemp -d)" && /path/to/roster/examples/tour.sh
# with `roster` on PATH, or ROSTER_BIN=/path/to/roster. It stops at the
# first step that fails, with that step's exit code.
set -euo pipefail
roster() { "${ROSTER_BIN:-roster}" "$@"; }
examples="$(cd "$(dirname "$0")" && pwd)"
# --- tour ---
roster init --org "Acme Parts" --seats 400        # ./roster.db and its key file; shows the audit verification key once
roster user add ana@acme.test --name Ana --surname Silva --role admin \
    --country PT --language pt-PT --timezone Europe/Lisbon
roster user list --search "ana sil"               # every word begins a word; 3+ letters match anywhere
roster user edit ana@acme.test --phone "+351 21 000 0000" --department ""   # "" clears
roster --format json user show ana@acme.test      # stable snake_case fields
roster --as ana@acme.test user add bo@acme.test --name Bo --surname Chen --department Sales
roster role import "$examples/roles-wholesale.csv"   # a role pack for a parts wholesaler
roster user edit bo@acme.test --salesman-id S-042    # sales-rep requires a salesman id
roster role grant bo@acme.test sales-rep
roster user perms bo@acme.test                    # each ability and where it comes from
roster user can bo@acme.test crm.view && echo "bo may view the CRM"   # exit 0 yes, 1 no
roster role grant bo@acme.test user-admin --scope department=Sales   # bo manages Sales users only
roster user can bo@acme.test users.manage --on ana@acme.test || echo "not ana: she is not in Sales"
roster group create ops && roster group add ops bo@acme.test
roster policy show && roster policy set invite_ttl_days 14
roster user import "$examples/users.csv" --dry-run   # the plan: would create …, nothing written
roster user import "$examples/users.csv"
roster seats && roster seats set 450
echo "Correct horse battery staple" | roster user passwd bo@acme.test --password-stdin
echo "Correct horse battery staple" | roster auth login bo@acme.test --password-stdin   # ok
roster user block bo@acme.test --reason "on leave"   # keeps the seat; unblock restores
echo "Correct horse battery staple" | roster auth login bo@acme.test --password-stdin \
    || echo "refused with exit $? (7: a login refused, with its reason)"
roster user archive --department Sales --status blocked --yes   # by a filter, confirmed
roster user export --all > everyone.csv           # the import format; re-importing changes nothing
roster invite send new@acme.test --role member    # mailed token (no SMTP set: written to roster.db.outbox)
roster invite list                                # open invites and their delivery
roster audit list --user bo@acme.test             # who did what, old → new
roster audit verify                               # the trail is whole
roster maintain                                   # every due cron job (what cron runs)
