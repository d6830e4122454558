# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_roster_global_optspecs
    string join \n db= as= format= y/yes q/quiet wait= h/help V/version
end

function __fish_roster_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_roster_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_roster_using_subcommand
    set -l cmd (__fish_roster_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c roster -n "__fish_roster_needs_command" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_needs_command" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_needs_command" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_needs_command" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_needs_command" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_needs_command" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_needs_command" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_needs_command" -f -a "init" -d 'Create or migrate the database and name the organization. Needs org.manage'
complete -c roster -n "__fish_roster_needs_command" -f -a "org" -d 'Show or change the organization'
complete -c roster -n "__fish_roster_needs_command" -f -a "policy" -d 'Show or change the policies'
complete -c roster -n "__fish_roster_needs_command" -f -a "user" -d 'Add, change and look up users'
complete -c roster -n "__fish_roster_needs_command" -f -a "role" -d 'Roles: named sets of abilities'
complete -c roster -n "__fish_roster_needs_command" -f -a "ability" -d 'The ability catalog, and abilities granted directly to users'
complete -c roster -n "__fish_roster_needs_command" -f -a "group" -d 'Groups (teams) of users'
complete -c roster -n "__fish_roster_needs_command" -f -a "assignment" -d 'Open items users own (task T-12, client C-7)'
complete -c roster -n "__fish_roster_needs_command" -f -a "seats" -d 'Seats: the plan, used and free. Needs users.read (set: seats.manage)'
complete -c roster -n "__fish_roster_needs_command" -f -a "invite" -d 'Invite people by mail; accept an invite'
complete -c roster -n "__fish_roster_needs_command" -f -a "mail" -d 'The mail outbox: list, deliver, test'
complete -c roster -n "__fish_roster_needs_command" -f -a "auth" -d 'Sign-in checks, password changes and sessions'
complete -c roster -n "__fish_roster_needs_command" -f -a "audit" -d 'The audit trail'
complete -c roster -n "__fish_roster_needs_command" -f -a "maintain" -d 'Run every due cron job (lock dormant accounts, …), one line each'
complete -c roster -n "__fish_roster_needs_command" -f -a "db" -d 'Back up, check or restore the database (backups are of a SQLite file)'
complete -c roster -n "__fish_roster_needs_command" -f -a "man" -d 'Write man pages (roff) for every command into a folder'
complete -c roster -n "__fish_roster_needs_command" -f -a "completions" -d 'Print shell completions (bash, zsh, fish, …) to stdout'
complete -c roster -n "__fish_roster_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand init" -l org -d 'The organization\'s name' -r
complete -c roster -n "__fish_roster_using_subcommand init" -l seats -d 'A standard plan with this many seats' -r
complete -c roster -n "__fish_roster_using_subcommand init" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand init" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand init" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand init" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand init" -l enterprise -d 'The enterprise plan: unlimited seats (the default without --seats)'
complete -c roster -n "__fish_roster_using_subcommand init" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand init" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand init" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand org; and not __fish_seen_subcommand_from show set help" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand org; and not __fish_seen_subcommand_from show set help" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand org; and not __fish_seen_subcommand_from show set help" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand org; and not __fish_seen_subcommand_from show set help" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand org; and not __fish_seen_subcommand_from show set help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand org; and not __fish_seen_subcommand_from show set help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand org; and not __fish_seen_subcommand_from show set help" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand org; and not __fish_seen_subcommand_from show set help" -f -a "show" -d 'Show the organization and its plan'
complete -c roster -n "__fish_roster_using_subcommand org; and not __fish_seen_subcommand_from show set help" -f -a "set" -d 'Change the organization. Needs org.manage (and seats.manage for the plan)'
complete -c roster -n "__fish_roster_using_subcommand org; and not __fish_seen_subcommand_from show set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from show" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from show" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from show" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from show" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from set" -l name -r
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from set" -l plan -d 'standard (with --seats) or enterprise (unlimited)' -r -f -a "standard\t''
enterprise\t''"
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from set" -l seats -d 'Seats of the standard plan' -r
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from set" -l mail-from -d 'The sender of mail, such as "Acme Admin <admin@acme.test>"; empty clears it' -r
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from set" -l smtp-url -d 'The SMTP server: smtp://[user:password@]host[:port] (STARTTLS where offered) or smtps://…; empty clears it. A password here shows in the process list: prefer ROSTER_SMTP_URL in the environment' -r
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from set" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from set" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from set" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from set" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the organization and its plan'
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change the organization. Needs org.manage (and seats.manage for the plan)'
complete -c roster -n "__fish_roster_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand policy; and not __fish_seen_subcommand_from show set help" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand policy; and not __fish_seen_subcommand_from show set help" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand policy; and not __fish_seen_subcommand_from show set help" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand policy; and not __fish_seen_subcommand_from show set help" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand policy; and not __fish_seen_subcommand_from show set help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand policy; and not __fish_seen_subcommand_from show set help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand policy; and not __fish_seen_subcommand_from show set help" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand policy; and not __fish_seen_subcommand_from show set help" -f -a "show" -d 'Every policy with its value and default'
complete -c roster -n "__fish_roster_using_subcommand policy; and not __fish_seen_subcommand_from show set help" -f -a "set" -d 'Change a policy, and say whom the new value affects. Needs org.manage'
complete -c roster -n "__fish_roster_using_subcommand policy; and not __fish_seen_subcommand_from show set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from show" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from show" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from show" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from show" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from set" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from set" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from set" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from set" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from set" -l dry-run -d 'Only list the users the new value would affect; change nothing'
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "show" -d 'Every policy with its value and default'
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change a policy, and say whom the new value affects. Needs org.manage'
complete -c roster -n "__fish_roster_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "add" -d 'Add a user (active). Needs users.manage; a --as actor can only hand out roles whose abilities they hold'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "edit" -d 'Change profile fields; an empty value ("") clears an optional field. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "show" -d 'Show one user, by email or id. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "pick" -d 'Who `assignment add --group G --route` would give an item to: the group\'s active member not absent that day with the fewest open items (ties by email). Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "list" -d 'List users (archived ones only with --status archived or --all). Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "perms" -d 'Every effective ability of a user and where it comes from. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "can" -d 'Exit 0 and print "yes (via …)" if the user may use ABILITY now, else exit 1. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "block" -d 'Block active users (they keep seat and data). Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "unblock" -d 'Unblock blocked users and reset their failed logins. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "confirm" -d 'Make invited users active without their token (their invites end as confirmed). Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "archive" -d 'Archive users: a soft delete that frees the seat. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "reactivate" -d 'Bring archived users back (each needs a free seat). Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "delete" -d 'Delete users for good, after confirmation; the audit trail keeps them. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "import" -d 'Import users from CSV (upsert by email), atomically: any invalid row means nothing is written. Needs users.manage (and roles.manage to change the roles or abilities of existing users)'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "export" -d 'Export users as CSV, the same format import reads. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "lock-dormant" -d 'Block (reason dormant) active users with no login for DAYS (default: the dormant_after_days policy); members of dormant_exempt_group are spared, and so is the last active admin. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "lock-expired" -d 'Block (reason expired) active users whose expires-on day has come. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "passwd" -d 'Set a user\'s password (asked twice, or --password-stdin). Needs users.manage, or to be the user'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "2fa" -d 'Two-step verification (TOTP)'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "impersonate" -d 'Open a one-hour session as USER, marked as yours; refused for a user holding an ability you lack. Needs users.impersonate'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "welcome" -d 'Mail login instructions (and, to users without a password, a one-time set-password code). Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "absence" -d 'A user\'s absences'
complete -c roster -n "__fish_roster_using_subcommand user; and not __fish_seen_subcommand_from add edit show pick list perms can block unblock confirm archive reactivate delete import export lock-dormant lock-expired passwd 2fa impersonate welcome absence help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l name -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l surname -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l phone -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l mobile -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l language -d 'A BCP 47 tag such as en or pt-BR (default en)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l timezone -d 'An IANA time zone such as Europe/Lisbon (default UTC)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l country -d 'An ISO 3166 alpha-2 code such as PT' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l department -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l branch -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l salesman-id -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l quote-reply-to -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l kind -d 'employee (the default), external, or app-only (signs in only with `auth login --for`)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l restrict-to-brand -d 'The one brand the user may sell (one of their --brand; "" clears)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l auto-filter-brands -d 'Whether the apps filter the user\'s views by their brands (true or false; default false)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l brand -d 'A brand the user works with (repeatable; on edit the whole list, "" clears it)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l role -d 'A role to hold (repeatable; default member)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l like -d 'Copy the roles and extra abilities of this user' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l ability -d 'An ability to grant directly (repeatable), as `ability grant` does. Needs roles.manage' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l group -d 'A group to join (repeatable), as `group add` does' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -l invite -d 'Invite instead: the user is `invited` and gets a mail with a token. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l email -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l name -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l surname -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l phone -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l mobile -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l language -d 'A BCP 47 tag such as en or pt-BR (default en)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l timezone -d 'An IANA time zone such as Europe/Lisbon (default UTC)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l country -d 'An ISO 3166 alpha-2 code such as PT' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l department -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l branch -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l salesman-id -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l quote-reply-to -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l kind -d 'employee (the default), external, or app-only (signs in only with `auth login --for`)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l restrict-to-brand -d 'The one brand the user may sell (one of their --brand; "" clears)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l auto-filter-brands -d 'Whether the apps filter the user\'s views by their brands (true or false; default false)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l brand -d 'A brand the user works with (repeatable; on edit the whole list, "" clears it)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l expires-on -d 'The last day the account is valid (YYYY-MM-DD; "" for no end)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from show" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from show" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from show" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from show" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from pick" -l group -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from pick" -l on -d 'The day (YYYY-MM-DD) [default: today]' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from pick" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from pick" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from pick" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from pick" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from pick" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from pick" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from pick" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l search -d 'People with every word of TEXT in their name, surname or address before its @: a word of one or two characters at the start of a word there, a longer one anywhere; a word with an @ anywhere in the address. Any case, with or without accents (`ana sil`, `hen`, `ines`, `@acme.test`)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l role -d 'Only holders of this role' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l group -d 'Only members of this group' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l status -d 'invited, active, blocked or archived' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l department -d 'Only this department (any case)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l branch -d 'Only this branch (any case)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l kind -d 'Only accounts of this kind: employee, external or app-only' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l brand -d 'Only users who work with this brand' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l created-since -d 'Created on or after this date (YYYY-MM-DD)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l available-on -d 'Leave out users absent on this date (YYYY-MM-DD)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l sort -d 'email, name, surname, created, status or department' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l limit -d 'At most N users [default: all]' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l offset -d 'Skip the first N users (with --limit, to page)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l columns -d 'The columns of a table or CSV, by `user export`\'s names (any profile field, roles, groups, status) and created_at, last_login_at' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l all -d 'Include archived users'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l password-expired -d 'Only users whose password is older than password_max_age_days'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -l desc -d 'Sort in descending order'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from perms" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from perms" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from perms" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from perms" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from perms" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from perms" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from perms" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from can" -l on -d 'On this user: the ability\'s scope must reach them' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from can" -l in -d 'In this part of the organization (department=Sales, branch=…, brand=…)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from can" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from can" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from can" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from can" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from can" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from can" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from can" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l search -d 'People with every word of TEXT in their name, surname or address before its @: a word of one or two characters at the start of a word there, a longer one anywhere; a word with an @ anywhere in the address. Any case, with or without accents (`ana sil`, `hen`, `ines`, `@acme.test`)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l role -d 'Only holders of this role' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l group -d 'Only members of this group' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l status -d 'invited, active, blocked or archived' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l department -d 'Only this department (any case)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l branch -d 'Only this branch (any case)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l kind -d 'Only accounts of this kind: employee, external or app-only' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l brand -d 'Only users who work with this brand' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l created-since -d 'Created on or after this date (YYYY-MM-DD)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l available-on -d 'Leave out users absent on this date (YYYY-MM-DD)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l reason -d 'Why, for the audit trail and `user show`' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l all -d 'Include archived users'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l password-expired -d 'Only users whose password is older than password_max_age_days'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -l dry-run -d 'Say whom it would change (how many, and the first few), change nothing'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from block" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -l search -d 'People with every word of TEXT in their name, surname or address before its @: a word of one or two characters at the start of a word there, a longer one anywhere; a word with an @ anywhere in the address. Any case, with or without accents (`ana sil`, `hen`, `ines`, `@acme.test`)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -l role -d 'Only holders of this role' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -l group -d 'Only members of this group' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -l status -d 'invited, active, blocked or archived' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -l department -d 'Only this department (any case)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -l branch -d 'Only this branch (any case)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -l kind -d 'Only accounts of this kind: employee, external or app-only' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -l brand -d 'Only users who work with this brand' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -l created-since -d 'Created on or after this date (YYYY-MM-DD)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -l available-on -d 'Leave out users absent on this date (YYYY-MM-DD)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -l all -d 'Include archived users'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -l password-expired -d 'Only users whose password is older than password_max_age_days'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -l dry-run -d 'Say whom it would change (how many, and the first few), change nothing'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from unblock" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -l search -d 'People with every word of TEXT in their name, surname or address before its @: a word of one or two characters at the start of a word there, a longer one anywhere; a word with an @ anywhere in the address. Any case, with or without accents (`ana sil`, `hen`, `ines`, `@acme.test`)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -l role -d 'Only holders of this role' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -l group -d 'Only members of this group' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -l status -d 'invited, active, blocked or archived' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -l department -d 'Only this department (any case)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -l branch -d 'Only this branch (any case)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -l kind -d 'Only accounts of this kind: employee, external or app-only' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -l brand -d 'Only users who work with this brand' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -l created-since -d 'Created on or after this date (YYYY-MM-DD)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -l available-on -d 'Leave out users absent on this date (YYYY-MM-DD)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -l all -d 'Include archived users'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -l password-expired -d 'Only users whose password is older than password_max_age_days'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -l dry-run -d 'Say whom it would change (how many, and the first few), change nothing'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from confirm" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l search -d 'People with every word of TEXT in their name, surname or address before its @: a word of one or two characters at the start of a word there, a longer one anywhere; a word with an @ anywhere in the address. Any case, with or without accents (`ana sil`, `hen`, `ines`, `@acme.test`)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l role -d 'Only holders of this role' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l group -d 'Only members of this group' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l status -d 'invited, active, blocked or archived' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l department -d 'Only this department (any case)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l branch -d 'Only this branch (any case)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l kind -d 'Only accounts of this kind: employee, external or app-only' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l brand -d 'Only users who work with this brand' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l created-since -d 'Created on or after this date (YYYY-MM-DD)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l available-on -d 'Leave out users absent on this date (YYYY-MM-DD)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l reason -d 'Why, for the audit trail and `user show` (kept until reactivated)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l all -d 'Include archived users'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l password-expired -d 'Only users whose password is older than password_max_age_days'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l dry-run -d 'Say whom it would change (how many, and the first few), change nothing'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -l force -d 'Archive even users who own open assignments'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from archive" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -l search -d 'People with every word of TEXT in their name, surname or address before its @: a word of one or two characters at the start of a word there, a longer one anywhere; a word with an @ anywhere in the address. Any case, with or without accents (`ana sil`, `hen`, `ines`, `@acme.test`)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -l role -d 'Only holders of this role' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -l group -d 'Only members of this group' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -l status -d 'invited, active, blocked or archived' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -l department -d 'Only this department (any case)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -l branch -d 'Only this branch (any case)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -l kind -d 'Only accounts of this kind: employee, external or app-only' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -l brand -d 'Only users who work with this brand' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -l created-since -d 'Created on or after this date (YYYY-MM-DD)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -l available-on -d 'Leave out users absent on this date (YYYY-MM-DD)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -l all -d 'Include archived users'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -l password-expired -d 'Only users whose password is older than password_max_age_days'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -l dry-run -d 'Say whom it would change (how many, and the first few), change nothing'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from reactivate" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l search -d 'People with every word of TEXT in their name, surname or address before its @: a word of one or two characters at the start of a word there, a longer one anywhere; a word with an @ anywhere in the address. Any case, with or without accents (`ana sil`, `hen`, `ines`, `@acme.test`)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l role -d 'Only holders of this role' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l group -d 'Only members of this group' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l status -d 'invited, active, blocked or archived' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l department -d 'Only this department (any case)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l branch -d 'Only this branch (any case)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l kind -d 'Only accounts of this kind: employee, external or app-only' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l brand -d 'Only users who work with this brand' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l created-since -d 'Created on or after this date (YYYY-MM-DD)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l available-on -d 'Leave out users absent on this date (YYYY-MM-DD)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l reassign-to -d 'Move the users\' open assignments to this user' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l all -d 'Include archived users'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l password-expired -d 'Only users whose password is older than password_max_age_days'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l dry-run -d 'Say whom it would change (how many, and the first few), change nothing'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -l force -d 'Drop the users\' open assignments with them'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from import" -l mode -d 'upsert (default), create (existing emails are errors) or update (unknown ones are)' -r -f -a "upsert\t''
create\t''
update\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from import" -l delimiter -d 'The field separator, such as \';\' for spreadsheets that use it' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from import" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from import" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from import" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from import" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from import" -l dry-run -d 'Print the plan and write nothing'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from import" -l skip-invalid -d 'Apply the valid rows and report the others (default: any error writes nothing)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from import" -l ignore-unknown-columns -d 'Skip columns the format does not know instead of refusing the file'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from import" -l send-invites -d 'Invite the users the file creates (status invited, a mail each). Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l search -d 'People with every word of TEXT in their name, surname or address before its @: a word of one or two characters at the start of a word there, a longer one anywhere; a word with an @ anywhere in the address. Any case, with or without accents (`ana sil`, `hen`, `ines`, `@acme.test`)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l role -d 'Only holders of this role' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l group -d 'Only members of this group' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l status -d 'invited, active, blocked or archived' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l department -d 'Only this department (any case)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l branch -d 'Only this branch (any case)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l kind -d 'Only accounts of this kind: employee, external or app-only' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l brand -d 'Only users who work with this brand' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l created-since -d 'Created on or after this date (YYYY-MM-DD)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l available-on -d 'Leave out users absent on this date (YYYY-MM-DD)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l columns -d 'Columns to write, comma-separated (default: every column of the format)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l delimiter -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l all -d 'Include archived users'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -l password-expired -d 'Only users whose password is older than password_max_age_days'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from lock-dormant" -l days -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from lock-dormant" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from lock-dormant" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from lock-dormant" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from lock-dormant" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from lock-dormant" -l dry-run -d 'Count them; change nothing'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from lock-dormant" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from lock-dormant" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from lock-dormant" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from lock-expired" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from lock-expired" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from lock-expired" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from lock-expired" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from lock-expired" -l dry-run
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from lock-expired" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from lock-expired" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from lock-expired" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from passwd" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from passwd" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from passwd" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from passwd" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from passwd" -l must-change -d 'The next login must change it'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from passwd" -l password-stdin
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from passwd" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from passwd" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from passwd" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from 2fa" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from 2fa" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from 2fa" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from 2fa" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from 2fa" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from 2fa" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from 2fa" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from 2fa" -f -a "enroll" -d 'Start enrollment: prints the secret once, an otpauth:// URI and a QR code. Needs users.manage, or to be the user'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from 2fa" -f -a "confirm" -d 'Complete enrollment with a first code from the app'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from 2fa" -f -a "disable" -d 'Turn two-step verification off for the user'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from 2fa" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from impersonate" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from impersonate" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from impersonate" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from impersonate" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from impersonate" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from impersonate" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from impersonate" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from welcome" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from welcome" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from welcome" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from welcome" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from welcome" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from welcome" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from welcome" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from absence" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from absence" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from absence" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from absence" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from absence" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from absence" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from absence" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from absence" -f -a "add" -d 'Record an absence from FROM to TO (both included; TO defaults to FROM). Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from absence" -f -a "list" -d 'A user\'s absences. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from absence" -f -a "remove" -d 'Remove an absence by the id `absence list` shows. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from absence" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a user (active). Needs users.manage; a --as actor can only hand out roles whose abilities they hold'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change profile fields; an empty value ("") clears an optional field. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one user, by email or id. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "pick" -d 'Who `assignment add --group G --route` would give an item to: the group\'s active member not absent that day with the fewest open items (ties by email). Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "list" -d 'List users (archived ones only with --status archived or --all). Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "perms" -d 'Every effective ability of a user and where it comes from. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "can" -d 'Exit 0 and print "yes (via …)" if the user may use ABILITY now, else exit 1. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "block" -d 'Block active users (they keep seat and data). Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "unblock" -d 'Unblock blocked users and reset their failed logins. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "confirm" -d 'Make invited users active without their token (their invites end as confirmed). Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "archive" -d 'Archive users: a soft delete that frees the seat. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "reactivate" -d 'Bring archived users back (each needs a free seat). Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete users for good, after confirmation; the audit trail keeps them. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import users from CSV (upsert by email), atomically: any invalid row means nothing is written. Needs users.manage (and roles.manage to change the roles or abilities of existing users)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export users as CSV, the same format import reads. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "lock-dormant" -d 'Block (reason dormant) active users with no login for DAYS (default: the dormant_after_days policy); members of dormant_exempt_group are spared, and so is the last active admin. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "lock-expired" -d 'Block (reason expired) active users whose expires-on day has come. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "passwd" -d 'Set a user\'s password (asked twice, or --password-stdin). Needs users.manage, or to be the user'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "2fa" -d 'Two-step verification (TOTP)'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "impersonate" -d 'Open a one-hour session as USER, marked as yours; refused for a user holding an ability you lack. Needs users.impersonate'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "welcome" -d 'Mail login instructions (and, to users without a password, a one-time set-password code). Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "absence" -d 'A user\'s absences'
complete -c roster -n "__fish_roster_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand role; and not __fish_seen_subcommand_from list show create edit delete grant revoke import help" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand role; and not __fish_seen_subcommand_from list show create edit delete grant revoke import help" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand role; and not __fish_seen_subcommand_from list show create edit delete grant revoke import help" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand role; and not __fish_seen_subcommand_from list show create edit delete grant revoke import help" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand role; and not __fish_seen_subcommand_from list show create edit delete grant revoke import help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand role; and not __fish_seen_subcommand_from list show create edit delete grant revoke import help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand role; and not __fish_seen_subcommand_from list show create edit delete grant revoke import help" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand role; and not __fish_seen_subcommand_from list show create edit delete grant revoke import help" -f -a "list" -d 'Every role with its abilities and member count. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand role; and not __fish_seen_subcommand_from list show create edit delete grant revoke import help" -f -a "show" -d 'A role\'s abilities, required fields and members. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand role; and not __fish_seen_subcommand_from list show create edit delete grant revoke import help" -f -a "create" -d 'Create a role. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand role; and not __fish_seen_subcommand_from list show create edit delete grant revoke import help" -f -a "edit" -d 'Change a role. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand role; and not __fish_seen_subcommand_from list show create edit delete grant revoke import help" -f -a "delete" -d 'Delete a role; refused while users hold it unless --reassign-to. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand role; and not __fish_seen_subcommand_from list show create edit delete grant revoke import help" -f -a "grant" -d 'Grant roles to a user, for everyone or only for users in a part of the organization. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand role; and not __fish_seen_subcommand_from list show create edit delete grant revoke import help" -f -a "revoke" -d 'Revoke roles from a user (who keeps at least one). Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand role; and not __fish_seen_subcommand_from list show create edit delete grant revoke import help" -f -a "import" -d 'Load a role pack CSV (role,description,abilities,requires); idempotent. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand role; and not __fish_seen_subcommand_from list show create edit delete grant revoke import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from list" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from list" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from list" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from list" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from show" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from show" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from show" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from show" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from create" -l ability -d 'An ability the role holds (repeatable)' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from create" -l description -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from create" -l requires -d 'A user field a holder must have set, such as salesman_id (repeatable)' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from create" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from create" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from create" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from create" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from create" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from edit" -l add-ability -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from edit" -l remove-ability -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from edit" -l requires -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from edit" -l no-requires -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from edit" -l description -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from edit" -l rename -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from edit" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from edit" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from edit" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from edit" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from edit" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from delete" -l reassign-to -d 'Move the role\'s holders to this role first' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from delete" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from delete" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from delete" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from delete" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from grant" -l scope -d 'The grant\'s abilities hold only for users in this part: department=Sales, branch=Lyon or brand=Acme (repeatable: any of them)' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from grant" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from grant" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from grant" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from grant" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from grant" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from grant" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from grant" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from revoke" -l scope -d 'Take only these parts out of a scoped grant (it ends with its last part)' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from revoke" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from revoke" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from revoke" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from revoke" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from import" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from import" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from import" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from import" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every role with its abilities and member count. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "show" -d 'A role\'s abilities, required fields and members. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a role. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change a role. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a role; refused while users hold it unless --reassign-to. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "grant" -d 'Grant roles to a user, for everyone or only for users in a part of the organization. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke roles from a user (who keeps at least one). Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "import" -d 'Load a role pack CSV (role,description,abilities,requires); idempotent. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand role; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand ability; and not __fish_seen_subcommand_from list add remove grant revoke help" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand ability; and not __fish_seen_subcommand_from list add remove grant revoke help" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand ability; and not __fish_seen_subcommand_from list add remove grant revoke help" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand ability; and not __fish_seen_subcommand_from list add remove grant revoke help" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand ability; and not __fish_seen_subcommand_from list add remove grant revoke help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand ability; and not __fish_seen_subcommand_from list add remove grant revoke help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand ability; and not __fish_seen_subcommand_from list add remove grant revoke help" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand ability; and not __fish_seen_subcommand_from list add remove grant revoke help" -f -a "list" -d 'Every ability with its description. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand ability; and not __fish_seen_subcommand_from list add remove grant revoke help" -f -a "add" -d 'Register an app-defined ability such as crm.view. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand ability; and not __fish_seen_subcommand_from list add remove grant revoke help" -f -a "remove" -d 'Remove an app-defined ability; refused while held unless --force. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand ability; and not __fish_seen_subcommand_from list add remove grant revoke help" -f -a "grant" -d 'Grant abilities directly to a user. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand ability; and not __fish_seen_subcommand_from list add remove grant revoke help" -f -a "revoke" -d 'Revoke abilities granted directly to a user. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand ability; and not __fish_seen_subcommand_from list add remove grant revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from list" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from list" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from list" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from list" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from add" -l description -r
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from add" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from add" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from add" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from add" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from remove" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from remove" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from remove" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from remove" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from remove" -l force
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from grant" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from grant" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from grant" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from grant" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from grant" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from grant" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from grant" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from revoke" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from revoke" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from revoke" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from revoke" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every ability with its description. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from help" -f -a "add" -d 'Register an app-defined ability such as crm.view. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an app-defined ability; refused while held unless --force. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from help" -f -a "grant" -d 'Grant abilities directly to a user. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke abilities granted directly to a user. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand ability; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand group; and not __fish_seen_subcommand_from list show create delete add remove help" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand group; and not __fish_seen_subcommand_from list show create delete add remove help" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand group; and not __fish_seen_subcommand_from list show create delete add remove help" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand group; and not __fish_seen_subcommand_from list show create delete add remove help" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand group; and not __fish_seen_subcommand_from list show create delete add remove help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand group; and not __fish_seen_subcommand_from list show create delete add remove help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand group; and not __fish_seen_subcommand_from list show create delete add remove help" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand group; and not __fish_seen_subcommand_from list show create delete add remove help" -f -a "list" -d 'Every group with its member count. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand group; and not __fish_seen_subcommand_from list show create delete add remove help" -f -a "show" -d 'A group and its members. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand group; and not __fish_seen_subcommand_from list show create delete add remove help" -f -a "create" -d 'Create a group. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand group; and not __fish_seen_subcommand_from list show create delete add remove help" -f -a "delete" -d 'Delete a group (its members stay); the open items it owns need --reassign-to USER or --force (dropped with it). Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand group; and not __fish_seen_subcommand_from list show create delete add remove help" -f -a "add" -d 'Add users to a group. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand group; and not __fish_seen_subcommand_from list show create delete add remove help" -f -a "remove" -d 'Remove users from a group. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand group; and not __fish_seen_subcommand_from list show create delete add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from list" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from list" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from list" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from list" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from show" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from show" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from show" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from show" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from create" -l description -r
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from create" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from create" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from create" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from create" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from create" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from delete" -l reassign-to -d 'Give the group\'s open items to this user' -r
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from delete" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from delete" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from delete" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from delete" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from delete" -l force -d 'Drop the group\'s open items with it'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from add" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from add" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from add" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from add" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from remove" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from remove" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from remove" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from remove" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every group with its member count. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "show" -d 'A group and its members. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a group. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a group (its members stay); the open items it owns need --reassign-to USER or --force (dropped with it). Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add users to a group. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove users from a group. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand assignment; and not __fish_seen_subcommand_from add list close help" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand assignment; and not __fish_seen_subcommand_from add list close help" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand assignment; and not __fish_seen_subcommand_from add list close help" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand assignment; and not __fish_seen_subcommand_from add list close help" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand assignment; and not __fish_seen_subcommand_from add list close help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand assignment; and not __fish_seen_subcommand_from add list close help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand assignment; and not __fish_seen_subcommand_from add list close help" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand assignment; and not __fish_seen_subcommand_from add list close help" -f -a "add" -d 'Record an open item a user owns, or a group (its team\'s queue), or, with --route, the group\'s member who should take it. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand assignment; and not __fish_seen_subcommand_from add list close help" -f -a "list" -d 'Open assignments, of one user, one group or everyone. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand assignment; and not __fish_seen_subcommand_from add list close help" -f -a "close" -d 'Close an assignment by id. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand assignment; and not __fish_seen_subcommand_from add list close help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from add" -l group -d 'A group owns the item (with --route: one of its members does)' -r
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from add" -l kind -d 'What kind of item: task, client, …' -r
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from add" -l ref -d 'The item\'s reference, such as T-12' -r
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from add" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from add" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from add" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from add" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from add" -l route -d 'Give it to the group\'s active member who is not absent today and has the fewest open items (ties by email); `user pick` says who'
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from list" -l group -d 'Only the items this group owns' -r
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from list" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from list" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from list" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from list" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from list" -l all -d 'Closed ones too'
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from close" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from close" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from close" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from close" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from close" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from close" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from close" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from help" -f -a "add" -d 'Record an open item a user owns, or a group (its team\'s queue), or, with --route, the group\'s member who should take it. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from help" -f -a "list" -d 'Open assignments, of one user, one group or everyone. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from help" -f -a "close" -d 'Close an assignment by id. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand assignment; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand seats; and not __fish_seen_subcommand_from set help" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand seats; and not __fish_seen_subcommand_from set help" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand seats; and not __fish_seen_subcommand_from set help" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand seats; and not __fish_seen_subcommand_from set help" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand seats; and not __fish_seen_subcommand_from set help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand seats; and not __fish_seen_subcommand_from set help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand seats; and not __fish_seen_subcommand_from set help" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand seats; and not __fish_seen_subcommand_from set help" -f -a "set" -d 'A standard plan with N seats; refused below what is in use. Needs seats.manage'
complete -c roster -n "__fish_roster_using_subcommand seats; and not __fish_seen_subcommand_from set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand seats; and __fish_seen_subcommand_from set" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand seats; and __fish_seen_subcommand_from set" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand seats; and __fish_seen_subcommand_from set" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand seats; and __fish_seen_subcommand_from set" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand seats; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand seats; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand seats; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand seats; and __fish_seen_subcommand_from help" -f -a "set" -d 'A standard plan with N seats; refused below what is in use. Needs seats.manage'
complete -c roster -n "__fish_roster_using_subcommand seats; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand invite; and not __fish_seen_subcommand_from send resend revoke accept list expire help" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand invite; and not __fish_seen_subcommand_from send resend revoke accept list expire help" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and not __fish_seen_subcommand_from send resend revoke accept list expire help" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand invite; and not __fish_seen_subcommand_from send resend revoke accept list expire help" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and not __fish_seen_subcommand_from send resend revoke accept list expire help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand invite; and not __fish_seen_subcommand_from send resend revoke accept list expire help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand invite; and not __fish_seen_subcommand_from send resend revoke accept list expire help" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand invite; and not __fish_seen_subcommand_from send resend revoke accept list expire help" -f -a "send" -d 'Invite people: each becomes an invited user (taking a seat) and gets a mail with a one-time token. All or nothing. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand invite; and not __fish_seen_subcommand_from send resend revoke accept list expire help" -f -a "resend" -d 'Send again with a new token (the old one stops working) and a renewed expiry. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand invite; and not __fish_seen_subcommand_from send resend revoke accept list expire help" -f -a "revoke" -d 'End invites and remove the invited users, freeing their seats. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand invite; and not __fish_seen_subcommand_from send resend revoke accept list expire help" -f -a "accept" -d 'Accept an invite with its token and a new password (from stdin with --password-stdin; without TOKEN, the first stdin line is the token)'
complete -c roster -n "__fish_roster_using_subcommand invite; and not __fish_seen_subcommand_from send resend revoke accept list expire help" -f -a "list" -d 'Invites with their status and the delivery of their latest mail (queued, sent, written to the outbox, failed: why). Open ones unless told otherwise. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand invite; and not __fish_seen_subcommand_from send resend revoke accept list expire help" -f -a "expire" -d 'Mark every overdue invite expired and free its seat. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand invite; and not __fish_seen_subcommand_from send resend revoke accept list expire help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from send" -l role -d 'A role to hold (repeatable; default member)' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from send" -l group -d 'A group to join (repeatable)' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from send" -l ability -d 'An ability to grant directly (repeatable), as `ability grant` does. Needs roles.manage' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from send" -l message -d 'A note added to the mail' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from send" -l from-file -d 'Read addresses from a file, one a line (- for standard input)' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from send" -l name -d 'The invitee\'s name (one address only; default: made from the address)' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from send" -l surname -d 'The invitee\'s surname (one address only; default: made from the address)' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from send" -l phone -d 'The invitee\'s phone (one address only)' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from send" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from send" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from send" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from send" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from send" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from send" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from resend" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from resend" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from resend" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from resend" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from resend" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from resend" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from resend" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from revoke" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from revoke" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from revoke" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from revoke" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from accept" -l name -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from accept" -l surname -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from accept" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from accept" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from accept" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from accept" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from accept" -l password-stdin
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from accept" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from accept" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from accept" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from list" -l status -d 'open (or pending), accepted, confirmed, revoked or expired [default: open]' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from list" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from list" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from list" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from list" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from list" -l all -d 'Every invite, open or ended'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from expire" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from expire" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from expire" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from expire" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from expire" -l dry-run
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from expire" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from expire" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from expire" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from help" -f -a "send" -d 'Invite people: each becomes an invited user (taking a seat) and gets a mail with a one-time token. All or nothing. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from help" -f -a "resend" -d 'Send again with a new token (the old one stops working) and a renewed expiry. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'End invites and remove the invited users, freeing their seats. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from help" -f -a "accept" -d 'Accept an invite with its token and a new password (from stdin with --password-stdin; without TOKEN, the first stdin line is the token)'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from help" -f -a "list" -d 'Invites with their status and the delivery of their latest mail (queued, sent, written to the outbox, failed: why). Open ones unless told otherwise. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from help" -f -a "expire" -d 'Mark every overdue invite expired and free its seat. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand invite; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand mail; and not __fish_seen_subcommand_from list flush test help" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand mail; and not __fish_seen_subcommand_from list flush test help" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand mail; and not __fish_seen_subcommand_from list flush test help" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand mail; and not __fish_seen_subcommand_from list flush test help" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand mail; and not __fish_seen_subcommand_from list flush test help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand mail; and not __fish_seen_subcommand_from list flush test help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand mail; and not __fish_seen_subcommand_from list flush test help" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand mail; and not __fish_seen_subcommand_from list flush test help" -f -a "list" -d 'The outbox (never the bodies). Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand mail; and not __fish_seen_subcommand_from list flush test help" -f -a "flush" -d 'Deliver queued mail now (failed attempts back off; given up after mail_max_attempts)'
complete -c roster -n "__fish_roster_using_subcommand mail; and not __fish_seen_subcommand_from list flush test help" -f -a "test" -d 'Send a test message to ADDRESS. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand mail; and not __fish_seen_subcommand_from list flush test help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from list" -l status -d 'queued, sent or failed' -r
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from list" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from list" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from list" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from list" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from flush" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from flush" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from flush" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from flush" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from flush" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from flush" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from flush" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from test" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from test" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from test" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from test" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from test" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from help" -f -a "list" -d 'The outbox (never the bodies). Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from help" -f -a "flush" -d 'Deliver queued mail now (failed attempts back off; given up after mail_max_attempts)'
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from help" -f -a "test" -d 'Send a test message to ADDRESS. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand mail; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand auth; and not __fish_seen_subcommand_from login change-password session logout reset-password help" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand auth; and not __fish_seen_subcommand_from login change-password session logout reset-password help" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand auth; and not __fish_seen_subcommand_from login change-password session logout reset-password help" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand auth; and not __fish_seen_subcommand_from login change-password session logout reset-password help" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand auth; and not __fish_seen_subcommand_from login change-password session logout reset-password help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand auth; and not __fish_seen_subcommand_from login change-password session logout reset-password help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand auth; and not __fish_seen_subcommand_from login change-password session logout reset-password help" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand auth; and not __fish_seen_subcommand_from login change-password session logout reset-password help" -f -a "login" -d 'Check whether USER may sign in: prints ok (exit 0) or the refusal and its reason (exit 7). No ability needed: the password is the proof'
complete -c roster -n "__fish_roster_using_subcommand auth; and not __fish_seen_subcommand_from login change-password session logout reset-password help" -f -a "change-password" -d 'Change one\'s password: the old one, then the new one (two lines with --password-stdin)'
complete -c roster -n "__fish_roster_using_subcommand auth; and not __fish_seen_subcommand_from login change-password session logout reset-password help" -f -a "session" -d 'Whose session a token opens and until when (exit 7 if not valid). Give the token on standard input to keep it out of the process list'
complete -c roster -n "__fish_roster_using_subcommand auth; and not __fish_seen_subcommand_from login change-password session logout reset-password help" -f -a "logout" -d 'End a session (the token as for `session`)'
complete -c roster -n "__fish_roster_using_subcommand auth; and not __fish_seen_subcommand_from login change-password session logout reset-password help" -f -a "reset-password" -d 'Set a password with the one-time code of a welcome mail (without TOKEN, the first stdin line is the code)'
complete -c roster -n "__fish_roster_using_subcommand auth; and not __fish_seen_subcommand_from login change-password session logout reset-password help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from login" -l totp -d 'The current code of the user\'s authenticator app' -r
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from login" -l for -d 'For an app that gates on ABILITY: refused (lacks_ability) unless the user holds it; the only way an app-only account signs in' -r
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from login" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from login" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from login" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from login" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from login" -l password-stdin -d 'Read the password from the first line of standard input'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from login" -l session -d 'Also open a session and print its token (once)'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from login" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from login" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from change-password" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from change-password" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from change-password" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from change-password" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from change-password" -l password-stdin
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from change-password" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from change-password" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from change-password" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from session" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from session" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from session" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from session" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from session" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from session" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from session" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from logout" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from logout" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from logout" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from logout" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from logout" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from logout" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from reset-password" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from reset-password" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from reset-password" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from reset-password" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from reset-password" -l password-stdin
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from reset-password" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from reset-password" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from reset-password" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "login" -d 'Check whether USER may sign in: prints ok (exit 0) or the refusal and its reason (exit 7). No ability needed: the password is the proof'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "change-password" -d 'Change one\'s password: the old one, then the new one (two lines with --password-stdin)'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "session" -d 'Whose session a token opens and until when (exit 7 if not valid). Give the token on standard input to keep it out of the process list'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "logout" -d 'End a session (the token as for `session`)'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "reset-password" -d 'Set a password with the one-time code of a welcome mail (without TOKEN, the first stdin line is the code)'
complete -c roster -n "__fish_roster_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand audit; and not __fish_seen_subcommand_from list export verify head verify-key help" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand audit; and not __fish_seen_subcommand_from list export verify head verify-key help" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and not __fish_seen_subcommand_from list export verify head verify-key help" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand audit; and not __fish_seen_subcommand_from list export verify head verify-key help" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and not __fish_seen_subcommand_from list export verify head verify-key help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand audit; and not __fish_seen_subcommand_from list export verify head verify-key help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand audit; and not __fish_seen_subcommand_from list export verify head verify-key help" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand audit; and not __fish_seen_subcommand_from list export verify head verify-key help" -f -a "list" -d 'Audit entries, newest first. Needs audit.read'
complete -c roster -n "__fish_roster_using_subcommand audit; and not __fish_seen_subcommand_from list export verify head verify-key help" -f -a "export" -d 'Stream entries oldest first with their hashes (csv or json), to check a range offline. Needs audit.read'
complete -c roster -n "__fish_roster_using_subcommand audit; and not __fish_seen_subcommand_from list export verify head verify-key help" -f -a "verify" -d 'Walk the chain: exit 0 with the entry count, or 10 naming what was edited, removed, moved, renumbered, resealed or cut. Held against the head this machine recorded and today\'s seals; with --verify-key every seal. Needs audit.read (with --file, nothing: it checks an export)'
complete -c roster -n "__fish_roster_using_subcommand audit; and not __fish_seen_subcommand_from list export verify head verify-key help" -f -a "head" -d 'The last entry\'s number and hash (SEQ:HASH), for a monitor elsewhere to keep and pass back as --expect-head. Needs audit.read'
complete -c roster -n "__fish_roster_using_subcommand audit; and not __fish_seen_subcommand_from list export verify head verify-key help" -f -a "verify-key" -d 'Show the verification key once, and remove it from the key file: keep it off this machine. Needs org.manage'
complete -c roster -n "__fish_roster_using_subcommand audit; and not __fish_seen_subcommand_from list export verify head verify-key help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from list" -l user -d 'Entries about this user (email as it was, or as it is now)' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from list" -l action -d 'An action such as user.add, or a family such as user' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from list" -l actor -d 'Entries by this actor (an email, or os:LOGIN)' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from list" -l target -d 'Entries about this target as recorded (ana@x.test, role:sales-rep, org)' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from list" -l since -d 'From this date or RFC 3339 time on' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from list" -l until -d 'Before this date or RFC 3339 time' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from list" -l limit -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from list" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from list" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from list" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from list" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from export" -l user -d 'Entries about this user (email as it was, or as it is now)' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from export" -l action -d 'An action such as user.add, or a family such as user' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from export" -l actor -d 'Entries by this actor (an email, or os:LOGIN)' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from export" -l target -d 'Entries about this target as recorded (ana@x.test, role:sales-rep, org)' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from export" -l since -d 'From this date or RFC 3339 time on' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from export" -l until -d 'Before this date or RFC 3339 time' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from export" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from export" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from export" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from export" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from export" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from verify" -l file -d 'A CSV file written by `audit export`, checked on its own' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from verify" -l verify-key -d 'A file holding the verification key `init` showed (- reads it from standard input): checks every seal' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from verify" -l expect-head -d 'A head printed earlier by `audit head` (SEQ:HASH): it must still be there' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from verify" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from verify" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from verify" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from verify" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from head" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from head" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from head" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from head" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from head" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from head" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from head" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from verify-key" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from verify-key" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from verify-key" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from verify-key" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from verify-key" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from verify-key" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from verify-key" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "list" -d 'Audit entries, newest first. Needs audit.read'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "export" -d 'Stream entries oldest first with their hashes (csv or json), to check a range offline. Needs audit.read'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Walk the chain: exit 0 with the entry count, or 10 naming what was edited, removed, moved, renumbered, resealed or cut. Held against the head this machine recorded and today\'s seals; with --verify-key every seal. Needs audit.read (with --file, nothing: it checks an export)'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "head" -d 'The last entry\'s number and hash (SEQ:HASH), for a monitor elsewhere to keep and pass back as --expect-head. Needs audit.read'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify-key" -d 'Show the verification key once, and remove it from the key file: keep it off this machine. Needs org.manage'
complete -c roster -n "__fish_roster_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand maintain" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand maintain" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand maintain" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand maintain" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand maintain" -l dry-run -d 'Say what each job would do; change nothing'
complete -c roster -n "__fish_roster_using_subcommand maintain" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand maintain" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand maintain" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand db; and not __fish_seen_subcommand_from backup check restore help" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand db; and not __fish_seen_subcommand_from backup check restore help" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand db; and not __fish_seen_subcommand_from backup check restore help" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand db; and not __fish_seen_subcommand_from backup check restore help" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand db; and not __fish_seen_subcommand_from backup check restore help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand db; and not __fish_seen_subcommand_from backup check restore help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand db; and not __fish_seen_subcommand_from backup check restore help" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand db; and not __fish_seen_subcommand_from backup check restore help" -f -a "backup" -d 'Copy the live database to a new file (mode 0600) with SQLite\'s online backup API while other commands keep working, then check the copy. Needs org.manage'
complete -c roster -n "__fish_roster_using_subcommand db; and not __fish_seen_subcommand_from backup check restore help" -f -a "check" -d 'Check the database (integrity, keys, status counts, one account a mailbox) and the audit trail; exit 10 if any fails. Needs audit.read'
complete -c roster -n "__fish_roster_using_subcommand db; and not __fish_seen_subcommand_from backup check restore help" -f -a "restore" -d 'Replace this database with a backup, after checking the backup; asks first (--yes for scripts). Needs org.manage'
complete -c roster -n "__fish_roster_using_subcommand db; and not __fish_seen_subcommand_from backup check restore help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from backup" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from backup" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from backup" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from backup" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from backup" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from backup" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from backup" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from check" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from check" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from check" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from check" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from check" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from restore" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from restore" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from restore" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from restore" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from restore" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from restore" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "backup" -d 'Copy the live database to a new file (mode 0600) with SQLite\'s online backup API while other commands keep working, then check the copy. Needs org.manage'
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check the database (integrity, keys, status counts, one account a mailbox) and the audit trail; exit 10 if any fails. Needs audit.read'
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Replace this database with a backup, after checking the backup; asks first (--yes for scripts). Needs org.manage'
complete -c roster -n "__fish_roster_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand man" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand man" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand man" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand man" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand man" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand man" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand man" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand completions" -l db -d 'The roster database file (made by `roster init`), or a PostgreSQL database: postgres://user@host[:port]/dbname' -r -F
complete -c roster -n "__fish_roster_using_subcommand completions" -l as -d 'Act as this active user, with their abilities' -r
complete -c roster -n "__fish_roster_using_subcommand completions" -l format -d 'How data is printed on stdout' -r -f -a "table\t''
csv\t''
json\t''"
complete -c roster -n "__fish_roster_using_subcommand completions" -l wait -d 'How long to wait for another command\'s write to finish (seconds)' -r
complete -c roster -n "__fish_roster_using_subcommand completions" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c roster -n "__fish_roster_using_subcommand completions" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c roster -n "__fish_roster_using_subcommand completions" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "init" -d 'Create or migrate the database and name the organization. Needs org.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "org" -d 'Show or change the organization'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "policy" -d 'Show or change the policies'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "user" -d 'Add, change and look up users'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "role" -d 'Roles: named sets of abilities'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "ability" -d 'The ability catalog, and abilities granted directly to users'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "group" -d 'Groups (teams) of users'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "assignment" -d 'Open items users own (task T-12, client C-7)'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "seats" -d 'Seats: the plan, used and free. Needs users.read (set: seats.manage)'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "invite" -d 'Invite people by mail; accept an invite'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "mail" -d 'The mail outbox: list, deliver, test'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "auth" -d 'Sign-in checks, password changes and sessions'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "audit" -d 'The audit trail'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "maintain" -d 'Run every due cron job (lock dormant accounts, …), one line each'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "db" -d 'Back up, check or restore the database (backups are of a SQLite file)'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "man" -d 'Write man pages (roff) for every command into a folder'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "completions" -d 'Print shell completions (bash, zsh, fish, …) to stdout'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from init org policy user role ability group assignment seats invite mail auth audit maintain db man completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from org" -f -a "show" -d 'Show the organization and its plan'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from org" -f -a "set" -d 'Change the organization. Needs org.manage (and seats.manage for the plan)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "show" -d 'Every policy with its value and default'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "set" -d 'Change a policy, and say whom the new value affects. Needs org.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "add" -d 'Add a user (active). Needs users.manage; a --as actor can only hand out roles whose abilities they hold'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "edit" -d 'Change profile fields; an empty value ("") clears an optional field. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "show" -d 'Show one user, by email or id. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "pick" -d 'Who `assignment add --group G --route` would give an item to: the group\'s active member not absent that day with the fewest open items (ties by email). Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "list" -d 'List users (archived ones only with --status archived or --all). Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "perms" -d 'Every effective ability of a user and where it comes from. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "can" -d 'Exit 0 and print "yes (via …)" if the user may use ABILITY now, else exit 1. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "block" -d 'Block active users (they keep seat and data). Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "unblock" -d 'Unblock blocked users and reset their failed logins. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "confirm" -d 'Make invited users active without their token (their invites end as confirmed). Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "archive" -d 'Archive users: a soft delete that frees the seat. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "reactivate" -d 'Bring archived users back (each needs a free seat). Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "delete" -d 'Delete users for good, after confirmation; the audit trail keeps them. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "import" -d 'Import users from CSV (upsert by email), atomically: any invalid row means nothing is written. Needs users.manage (and roles.manage to change the roles or abilities of existing users)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "export" -d 'Export users as CSV, the same format import reads. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "lock-dormant" -d 'Block (reason dormant) active users with no login for DAYS (default: the dormant_after_days policy); members of dormant_exempt_group are spared, and so is the last active admin. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "lock-expired" -d 'Block (reason expired) active users whose expires-on day has come. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "passwd" -d 'Set a user\'s password (asked twice, or --password-stdin). Needs users.manage, or to be the user'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "2fa" -d 'Two-step verification (TOTP)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "impersonate" -d 'Open a one-hour session as USER, marked as yours; refused for a user holding an ability you lack. Needs users.impersonate'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "welcome" -d 'Mail login instructions (and, to users without a password, a one-time set-password code). Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "absence" -d 'A user\'s absences'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "list" -d 'Every role with its abilities and member count. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "show" -d 'A role\'s abilities, required fields and members. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "create" -d 'Create a role. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "edit" -d 'Change a role. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "delete" -d 'Delete a role; refused while users hold it unless --reassign-to. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "grant" -d 'Grant roles to a user, for everyone or only for users in a part of the organization. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "revoke" -d 'Revoke roles from a user (who keeps at least one). Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from role" -f -a "import" -d 'Load a role pack CSV (role,description,abilities,requires); idempotent. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from ability" -f -a "list" -d 'Every ability with its description. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from ability" -f -a "add" -d 'Register an app-defined ability such as crm.view. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from ability" -f -a "remove" -d 'Remove an app-defined ability; refused while held unless --force. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from ability" -f -a "grant" -d 'Grant abilities directly to a user. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from ability" -f -a "revoke" -d 'Revoke abilities granted directly to a user. Needs roles.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "list" -d 'Every group with its member count. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "show" -d 'A group and its members. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "create" -d 'Create a group. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "delete" -d 'Delete a group (its members stay); the open items it owns need --reassign-to USER or --force (dropped with it). Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "add" -d 'Add users to a group. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "remove" -d 'Remove users from a group. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from assignment" -f -a "add" -d 'Record an open item a user owns, or a group (its team\'s queue), or, with --route, the group\'s member who should take it. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from assignment" -f -a "list" -d 'Open assignments, of one user, one group or everyone. Needs users.read'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from assignment" -f -a "close" -d 'Close an assignment by id. Needs users.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from seats" -f -a "set" -d 'A standard plan with N seats; refused below what is in use. Needs seats.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from invite" -f -a "send" -d 'Invite people: each becomes an invited user (taking a seat) and gets a mail with a one-time token. All or nothing. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from invite" -f -a "resend" -d 'Send again with a new token (the old one stops working) and a renewed expiry. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from invite" -f -a "revoke" -d 'End invites and remove the invited users, freeing their seats. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from invite" -f -a "accept" -d 'Accept an invite with its token and a new password (from stdin with --password-stdin; without TOKEN, the first stdin line is the token)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from invite" -f -a "list" -d 'Invites with their status and the delivery of their latest mail (queued, sent, written to the outbox, failed: why). Open ones unless told otherwise. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from invite" -f -a "expire" -d 'Mark every overdue invite expired and free its seat. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from mail" -f -a "list" -d 'The outbox (never the bodies). Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from mail" -f -a "flush" -d 'Deliver queued mail now (failed attempts back off; given up after mail_max_attempts)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from mail" -f -a "test" -d 'Send a test message to ADDRESS. Needs invites.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "login" -d 'Check whether USER may sign in: prints ok (exit 0) or the refusal and its reason (exit 7). No ability needed: the password is the proof'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "change-password" -d 'Change one\'s password: the old one, then the new one (two lines with --password-stdin)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "session" -d 'Whose session a token opens and until when (exit 7 if not valid). Give the token on standard input to keep it out of the process list'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "logout" -d 'End a session (the token as for `session`)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "reset-password" -d 'Set a password with the one-time code of a welcome mail (without TOKEN, the first stdin line is the code)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "list" -d 'Audit entries, newest first. Needs audit.read'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "export" -d 'Stream entries oldest first with their hashes (csv or json), to check a range offline. Needs audit.read'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Walk the chain: exit 0 with the entry count, or 10 naming what was edited, removed, moved, renumbered, resealed or cut. Held against the head this machine recorded and today\'s seals; with --verify-key every seal. Needs audit.read (with --file, nothing: it checks an export)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "head" -d 'The last entry\'s number and hash (SEQ:HASH), for a monitor elsewhere to keep and pass back as --expect-head. Needs audit.read'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify-key" -d 'Show the verification key once, and remove it from the key file: keep it off this machine. Needs org.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "backup" -d 'Copy the live database to a new file (mode 0600) with SQLite\'s online backup API while other commands keep working, then check the copy. Needs org.manage'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "check" -d 'Check the database (integrity, keys, status counts, one account a mailbox) and the audit trail; exit 10 if any fails. Needs audit.read'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "restore" -d 'Replace this database with a backup, after checking the backup; asks first (--yes for scripts). Needs org.manage'
