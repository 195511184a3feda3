#!/usr/bin/env bash
# Walks the desktop's journeys as a person would: the real application on a fresh demo
# store, in a real window under Xvfb, driven from the keyboard with xdotool, with a
# screenshot after each step. Look at every screenshot: tests prove what was thought of,
# this finds what was not.
#
#   scripts/walkthrough.sh [BUILD_DIR] [OUT_DIR]
#
# BUILD_DIR defaults to build/app (built here if missing); OUT_DIR to build/walkthrough.
# With NMDT_README_IMAGES=1 it also replaces the README's screenshots of the record and the
# meeting in docs/images with this run's.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=lib/walk-prepare.sh
. scripts/lib/walk-prepare.sh
prepare_walk "${1:-build/app}" "${2:-build/walkthrough}"
# Each demo person has their own passphrase (the Windows walkthrough meets the older
# one-passphrase demo store and its move onto key slots).
passphrase="amina demo passphrase"
store="$work/demo.nmdt"
"$build/apps/nmdt-cli" demo "$store" --size small --passphrase-per-person >/dev/null 2>&1

settle=0.7
start_walk "$store"

echo "Walkthrough screenshots in $out:"
window "Neighbourhood MDT"
unlock_as_chair "$passphrase"
shot residents

# Practice staff: find by NHS number, Enter opens; a second search that no longer lists
# that person must leave no record on screen (wrong-patient hazard H1).
keys ctrl+f
typed "999 000 0492"
keys Return
shot first-search-enter
keys ctrl+f
typed "999 000 0115"
shot second-search-no-stale-record
keys Return
shot second-search-enter

# The resident's own copy of their plan: plain words, large print offered (Alt+L).
keys ctrl+shift+y
window "My care and support plan"
keys alt+l
shot resident-copy-dialog
keys Escape
window "Neighbourhood MDT"
keys ctrl+f
typed "Nas"
shot arabic-name-in-list

# Navigator: the work lists with whose overdue each count is.
keys ctrl+2
shot actions
# The organisation's list (its rows are read from the store as they are drawn).
keys alt+o  # Show: (Alt+S is the Sync menu's)
keys Down
keys Escape
shot actions-organisation

# Chair: the next meeting (a working day, the same invitees), its agenda, the clock, and
# the warning when closing with most residents not discussed.
keys ctrl+3
shot meetings
keys alt+n
window "New meeting"
shot new-meeting
keys Return
window "Neighbourhood MDT"
keys alt+b
window "Build agenda"
shot agenda-built
keys Return
window "Neighbourhood MDT"
shot agenda
# Dragging a resident down the agenda (the first row onto the third), as a chair would.
xdotool mousemove 450 303
sleep 0.3
xdotool mousedown 1
for y in 308 314 320 326 332 338 344 349; do
  sleep 0.2
  xdotool mousemove 450 "$y"
done
sleep 0.3
xdotool mouseup 1
sleep 0.5
shot agenda-dragged
keys alt+t
# The first resident on the agenda, then the discussion box (the mouse, as a chair would).
xdotool mousemove 450 303 click 1
sleep 0.5
xdotool mousemove 1136 345 click 1
typed "Daughter worried about falls at night; lives alone since March."
sleep 2
shot meeting-running
keys alt+c
window "Close meeting"
shot close-warning
keys Escape
window "Neighbourhood MDT"

# Lock: nothing about anyone, not even in the status bar.
keys ctrl+l
shot locked
typed "$passphrase"
keys Return
shot unlocked

# Anyone referring: the known person shows up as their NHS number is typed; the referral
# is refused for it; a new number refers and opens the new record.
keys ctrl+1
keys ctrl+shift+n
window "Refer a Resident"
typed "999 000 0492"
shot referral-already-known
keys alt+g
typed "Bronwen"
keys alt+f
typed "Ellis-Okoro"
keys Tab
keys ctrl+a
typed "14-Mar-1941"
keys alt+p
typed "LS6 2AB"
keys alt+o
typed "Lives alone, two falls this month, not eating well"
keys alt+r
shot referral-refused-duplicate
keys alt+n
keys ctrl+a
typed "999 880 0102"
keys alt+r
window "Neighbourhood MDT"
shot referral-opened

# Keeping the record right: an action raised outside a meeting, then the case closed.
keys ctrl+shift+r
window "Raise an action"
typed "Arrange a befriending visit"
keys alt+n
keys space
keys Down Return
shot raise-action
keys alt+o
window "Neighbourhood MDT"
shot action-raised
keys alt+r
keys l
window "Close case"
typed "Moved to live with her daughter in Leeds"
shot close-case
keys alt+o
window "Neighbourhood MDT"
shot case-closed

# Referring someone with no NHS number (newly arrived, homeless): a provisional identity,
# said so on the banner; when the trace comes back with a number another record holds,
# both people are shown before anything is merged.
keys ctrl+shift+n
window "Refer a Resident"
keys alt+w
keys alt+g
typed "Mirela"
keys alt+f
typed "Dumitrescu"
keys Tab
keys ctrl+a
typed "02-Feb-1958"
keys alt+p
typed "LS7 1AA"
keys alt+o
typed "Newly arrived, not registered with a GP, chest pain at night"
shot referral-provisional
keys alt+r
window "Neighbourhood MDT"
shot provisional-record
keys alt+r
keys n
window "Record NHS Number"
typed "999 000 0492"
shot record-nhs-number
keys Return
sleep 1
shot merge-confirm
keys Escape
window "Neighbourhood MDT"
shot merge-declined

# The MDTs a neighbourhood runs (View > MDT Series, Ctrl+5): a second, weekly one.
# (A different date of birth is called out above the merge question.)
keys ctrl+5
window "MDT series"
shot series-list
keys Return
window "New MDT Series"
typed "Mental Health MDT"
keys alt+h
keys Home  # weekly
keys alt+s
keys ctrl+a
typed "10:00"
shot series-new
keys Return
window "Neighbourhood MDT"
keys ctrl+5
window "MDT series"
shot series-listed
keys Escape
window "Neighbourhood MDT"

# Case finding (Resident > Case Finding, Ctrl+Shift+F): the practice's frailty search, as
# EMIS Web exports it. A file with a wrong NHS number is refused by line and nothing kept;
# the right one shows who is known already (one with another date of birth in the record),
# and a person referred from it opens the referral form filled in.
cat > "$work/frailty-bad.csv" <<'CSV'
NHS Number,Date of Birth,Surname,Forename,Postcode,Practice Code,eFI Category,eFI Score
999 000 0492,20-Dec-1945,AL-SAYED,Khalid,LS6 1AA,Y90001,Severe,0.41
943 476 5918,02-Feb-1939,JONES,Ann,LS6 2AB,Y90001,Moderate,0.27
CSV
cat > "$work/frailty-december.csv" <<'CSV'
NHS Number,Date of Birth,Surname,Forename,Postcode,Practice Code,eFI Category,eFI Score
999 000 0492,20-Dec-1945,AL-SAYED,Khalid,LS6 1AA,Y90001,Severe,0.41
999 000 1308,02-Feb-1939,JONES,Ann,LS6 2AB,Y90001,Moderate,0.27
999 000 1316,14-Mar-1941,ELLIS,Bronwen,LS6 3CD,Y90001,Severe,0.38
999 000 1324,30-Jul-1936,OKAFOR,Ifeoma,LS6 4EF,Y90001,Moderate,0.25
CSV
keys ctrl+shift+f
window "Case Finding"
shot case-finding-empty
keys alt+i
window "Import Search Export"
keys ctrl+l
typed "$work/frailty-bad.csv"
keys Return
window "Import Search Export"
shot case-finding-mapping
keys Return
sleep 1
shot case-finding-bad-file-refused
keys Return
window "Case Finding"
keys alt+i
window "Import Search Export"
keys ctrl+l
typed "$work/frailty-december.csv"
keys Return
window "Import Search Export"
keys Return
sleep 1
shot case-finding-imported
keys Return
window "Case Finding"
keys Down  # the list of people has the keyboard after an import
keys Down
shot case-finding-selected
keys alt+n
window "Not Suitable"
typed "Moved into a nursing home in November"
keys Return
window "Case Finding"
keys Down
keys alt+r
window "Refer a Resident"
shot case-finding-refer-prefilled
keys Escape
window "Case Finding"
shot case-finding-screened
# Ifeoma Okafor objects to sharing. January's search finds her again: her objection is on
# the new list from the start, and lifting it asks whether she withdrew it.
keys Down
keys alt+o
window "Objects to Sharing"
typed "Asked the practice not to share her details"
keys Return
window "Case Finding"
cat > "$work/frailty-january.csv" <<'CSV'
NHS Number,Date of Birth,Surname,Forename,Postcode,Practice Code,eFI Category,eFI Score
999 000 1324,30-Jul-1936,OKAFOR,Ifeoma,LS6 4EF,Y90001,Moderate,0.25
999 000 0492,20-Dec-1945,AL-SAYED,Khalid,LS6 1AA,Y90001,Severe,0.41
CSV
keys alt+i
window "Import Search Export"
keys ctrl+l
typed "$work/frailty-january.csv"
keys Return
window "Import Search Export"
keys Return
sleep 1
keys Return
window "Case Finding"
keys Home  # Ifeoma Okafor, first on January's list
shot case-finding-objection-carried
keys alt+d  # Clear Decision (Alt+C is the Close button's, as GTK labels it)
window "Withdraw Objection"
shot case-finding-withdraw-asks
keys Return  # No is the default: the objection stays
window "Case Finding"
shot case-finding-objection-kept
keys Escape
window "Neighbourhood MDT"

# Outcomes: a resident's wellbeing (Resident > Record Wellbeing, Ctrl+Shift+W), typed
# question by question; then View > Outcomes (Ctrl+7): attainment over time, and the
# breakdown changed from the keyboard.
keys ctrl+f
typed "999 000 0492"
keys Return
keys ctrl+shift+w
window "Wellbeing"
typed "6"
keys Tab
typed "7"
keys Tab
typed "5"
keys Tab
typed "4"
shot wellbeing-typed
keys Return
window "Neighbourhood MDT"
shot wellbeing-recorded
keys ctrl+7
window "Outcomes"
shot outcomes-attainment
keys alt+b
keys Down
keys Down
shot outcomes-by-sex  # the By group page, which the choice changes
keys Escape
window "Neighbourhood MDT"

# A shared desktop: Switch User (Ctrl+Shift+L) locks the chair's window first, then the
# administrator signs in as themselves and adds a colleague who will sign in here.
keys ctrl+shift+l
window "Sign in to Neighbourhood MDT"
typed "Admin Office"
keys Tab
typed "$passphrase"  # the chair's passphrase is not the administrator's
keys Return
shot switch-user-wrong-person  # refused in the window, the passphrase selected to retype
typed "admin demo passphrase"
shot switch-user-sign-in
keys Return
window "Neighbourhood MDT"
keys ctrl+6
window "People"
shot people
keys alt+a
window "Add Person"
typed "Tom Baker"
keys Tab
typed "tom.baker"
shot add-person
keys Return
window "People"
keys alt+p
window "Passphrase for Tom Baker"
typed "qwerty123456"
keys Tab
typed "qwerty123456"
keys Return
window "Passphrase for"
shot passphrase-refused  # on the NCSC deny-list
keys Return
window "Passphrase for Tom Baker"
keys alt+p
typed "toms first week on the team"
keys alt+f  # Confirm (Alt+C is Cancel's)
typed "toms first week on the team"
keys Return
window "People"
shot people-signs-in
keys Escape
window "Neighbourhood MDT"
if [ "${NMDT_README_IMAGES:-}" = "1" ]; then
  # The window sits at the top left of the black screen: trim the black away.
  convert "$out"/*-first-search-enter.png -trim +repage docs/images/case-record.png
  convert "$out"/*-meeting-running.png -trim +repage docs/images/meeting.png
  echo "README images updated: docs/images/case-record.png, docs/images/meeting.png"
fi
echo "Done: look at each screenshot."
