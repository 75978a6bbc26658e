#!/bin/sh
# write.sh - the write commands of spec section 3 (new, add-meeting,
# add-item, set, add-update, rm): their output, their refusals (exit 2 for
# the command line, 1 for the data, nothing changed on disk), the lock, FILE~.
. "$top_srcdir/tests/cli/tap.sh"

D="$TMPDIR_TEST"
T="$D/hosc.yaml"
cp "$top_srcdir/data/hosc-2023-09-21.yaml" "$T" && chmod u+w "$T" # distcheck: the sources are read-only
unset ARTRACK_NAME
export GIT_CONFIG_NOSYSTEM=1
tsv() { "$ARTRACK" list --format tsv --today 2023-12-01 "$T" "$@" | tail -n +2; }
field() { tsv "id:$1" | cut -f"$2"; }

# unchanged NAME: the file is byte for byte what it was at the last `keep`.
keep() { cp "$T" "$D/kept"; }
unchanged() { check "$1 changes nothing on disk" cmp -s "$T" "$D/kept"; }

# ---- new ----
expect_status "new creates a tracker" 0 "$ARTRACK" new --committee "Health Overview and Scrutiny Committee" --title "Tracker" "$D/new.yaml"
expect_eq "new says so, one line" "$D/new.yaml: created" "$out"
expect_status "the new tracker checks clean" 0 "$ARTRACK" check "$D/new.yaml"
expect_eq "it is canonical and holds what was given" "artrack: 1
committee: Health Overview and Scrutiny Committee
title: Tracker
items: []" "$(cat "$D/new.yaml")"
cp "$D/new.yaml" "$D/new.before"
expect_status "new over an existing file exits 1" 1 "$ARTRACK" new "$D/new.yaml"
case $err in *"new.yaml already exists"*) ok "the refusal names the file" ;; *) not_ok "the refusal names the file: $err" ;; esac
check "the existing file is untouched" cmp -s "$D/new.yaml" "$D/new.before"
expect_status "new without FILE exits 2" 2 "$ARTRACK" new
expect_status "new with an unknown option exits 2" 2 "$ARTRACK" new --colour red "$D/x.yaml"
check "and makes no file" test ! -e "$D/x.yaml"
expect_status "new in a missing folder exits 1" 1 "$ARTRACK" new "$D/no/such/t.yaml"

# ---- add-meeting ----
keep
expect_status "add-meeting exits 0" 0 "$ARTRACK" add-meeting "$T" 2023-11-30 "30 November 2023 Meeting"
expect_eq "add-meeting prints one line" "meeting 2023-11-30 added" "$out"
check "the old file is kept as FILE~" cmp -s "$T~" "$D/kept"
expect_eq "the meeting is in the file, in date order, with its title" "- date: 2023-11-30
  title: 30 November 2023 Meeting
items:" "$(grep -A2 '^- date: 2023-11-30' "$T")"
keep
expect_status "an existing meeting is refused (exit 2)" 2 "$ARTRACK" add-meeting "$T" 2023-11-30
case $err in *"already a meeting on 2023-11-30"*) ok "the refusal names the date" ;; *) not_ok "the refusal names the date: $err" ;; esac
expect_status "a bad date is refused (exit 2)" 2 "$ARTRACK" add-meeting "$T" 2023-11-31
case $err in *"'2023-11-31' is not a date"*) ok "the bad date is named" ;; *) not_ok "the bad date is named: $err" ;; esac
unchanged "a refused add-meeting"

# ---- add-item ----
keep
expect_status "add-item exits 0" 0 "$ARTRACK" add-item "$T" --topic "Dental access" --text "That the ICB publishes a dental plan." \
	--meeting 2023-11-30 --kind rec --lead "Dan Leveson" --lead "Ansaf Azhar" --due 2024-03
expect_eq "add-item prints the new item's id (the next free one)" "37" "$out"
expect_eq "the item as given: open, pending, both leads" "37	2023-11-30	recommendation	open	pending	2024-03	Dan Leveson; Ansaf Azhar	Dental access" "$(tsv id:37)"
expect_status "add-item with --id and options after FILE" 0 "$ARTRACK" add-item "$T" --id 40 --topic "GP access" --meeting 2023-11-30 --response pending
expect_eq "a response without --kind makes a recommendation" "40 recommendation" "$out $(field 40 3)"
keep
expect_status "a meeting that is not in meetings is refused (exit 2)" 2 "$ARTRACK" add-item "$T" --topic X --meeting 2023-12-01
case $err in *"meeting 2023-12-01 is not in meetings"*) ok "and named; no meeting is made" ;; *) not_ok "and named: $err" ;; esac
expect_status "a bad status is refused" 2 "$ARTRACK" add-item "$T" --topic X --status bogus
case $err in *"'bogus' is not one of open, in-progress, completed, closed"*) ok "the bad status is named" ;; *) not_ok "the bad status is named: $err" ;; esac
expect_status "an action with a response is refused" 2 "$ARTRACK" add-item "$T" --topic X --kind action --response acc
expect_status "an id in use is refused" 2 "$ARTRACK" add-item "$T" --topic X --id 5
case $err in *"duplicate id 5"*) ok "the id is named" ;; *) not_ok "the id is named: $err" ;; esac
expect_status "a bad --id is refused" 2 "$ARTRACK" add-item "$T" --topic X --id 0
expect_status "a bad due date is refused" 2 "$ARTRACK" add-item "$T" --topic X --due 2024-13
expect_status "an item needs a topic or a text" 2 "$ARTRACK" add-item "$T" --lead X
expect_status "an empty --lead is refused" 2 "$ARTRACK" add-item "$T" --topic X --lead ""
unchanged "a refused add-item"
check "the file still checks clean" "$ARTRACK" check "$T"

# ---- set ----
keep
expect_status "set --dry-run exits 0" 0 "$ARTRACK" set --dry-run --today 2023-12-01 "$T" "id:37 kind:rec" response=rej status=closed
# A decision dates itself (issue 15): responded and closed_on become today.
expect_eq "--dry-run prints the changes" "37: status open -> closed
37: response pending -> rejected
37: responded (none) -> 2023-12-01
37: closed_on (none) -> 2023-12-01" "$out"
unchanged "set --dry-run"
expect_status "set exits 0" 0 "$ARTRACK" set --today 2023-12-01 "$T" "id:37 kind:rec" response=rej status=closed
expect_eq "set prints one line per change" "37: status open -> closed
37: response pending -> rejected
37: responded (none) -> 2023-12-01
37: closed_on (none) -> 2023-12-01" "$out"
expect_eq "a date given beside the decision is the one kept" "40: response pending -> accepted
40: responded (none) -> 2023-11-30" \
	"$("$ARTRACK" set --dry-run --today 2023-12-01 "$T" id:40 response=acc responded=2023-11-30 2>/dev/null)"
expect_eq "and made them" "closed rejected" "$(field 37 4) $(field 37 5)"
expect_status "set on many items" 0 "$ARTRACK" set "$T" "meeting:2023-09-21 lead:pragnell" 'lead+=Ansaf Azhar' 'lead-=Derys Pragnell' due=2024-06
expect_eq "one line per change per item" "17: leads Derys Pragnell -> Ansaf Azhar
17: due 2024-04 -> 2024-06" "$(printf '%s\n' "$out" | head -2)"
expect_eq "every matching item changed" "6" "$(tsv lead:azhar due:2024-06 | wc -l | tr -d ' ')"
expect_status "leads=A;B replaces the leads, meeting= to none" 0 "$ARTRACK" set "$T" id:40 'leads=Omid Nouri; Dan Leveson' meeting= topic="GP access – phones"
expect_eq "leads, meeting and topic set" "	Omid Nouri; Dan Leveson	GP access – phones" "$(field 40 2)	$(field 40 7)	$(field 40 8)"
expect_status "rag, responded and closed_on" 0 "$ARTRACK" set "$T" id:37 rag=amb responded=2023-12-14 closed_on=2024-01-10
expect_eq "each said" "37: responded 2023-12-01 -> 2023-12-14
37: rag (none) -> amber
37: closed_on 2023-12-01 -> 2024-01-10" "$out"
expect_status "and cleared" 0 "$ARTRACK" set "$T" id:37 rag=none closed_on=
expect_eq "rag:none again" "37" "$(tsv id:37 rag:none | cut -f1)"
expect_status "responded on an action is refused" 2 "$ARTRACK" set "$T" id:3 responded=2023-12-14
expect_status "a value already there is no change" 0 "$ARTRACK" set "$T" id:40 'lead+=Omid Nouri' status=open
expect_eq "and prints nothing" "" "$out"
keep
expect_status "a bad value anywhere changes nothing (exit 2)" 2 "$ARTRACK" set "$T" "meeting:2023-09-21" status=completed response=bogus
case $err in *"item 17: response: 'bogus' is not one of"*) ok "the refusal names the item and the value" ;; *) not_ok "the refusal names the item and the value: $err" ;; esac
expect_status "a value that does not fit one item changes nothing" 2 "$ARTRACK" set "$T" "id:1-40" response=accepted
case $err in *"is an action, which has no response"*) ok "the item at fault is named" ;; *) not_ok "the item at fault is named: $err" ;; esac
expect_status "an ambiguous prefix is refused" 2 "$ARTRACK" set "$T" id:37 status=c
case $err in *"ambiguous"*) ok "ambiguity is said" ;; *) not_ok "ambiguity is said: $err" ;; esac
expect_status "an unknown field is refused" 2 "$ARTRACK" set "$T" id:37 colour=red
case $err in *"unknown field: 'colour' is not one of status, response"*) ok "the field is named and the fields listed" ;; *) not_ok "the field is named: $err" ;; esac
expect_status "a misspelt field" 2 "$ARTRACK" set "$T" id:37 statsu=open
case $err in *"did you mean status?"*) ok "the nearest field is suggested" ;; *) not_ok "the nearest field is suggested: $err" ;; esac
expect_status "not an assignment" 2 "$ARTRACK" set "$T" id:37 status
expect_status "+= on a field that is not a list" 2 "$ARTRACK" set "$T" id:37 status+=open
expect_status "a meeting that is not in meetings" 2 "$ARTRACK" set "$T" id:37 meeting=2023-12-01
case $err in *"meeting 2023-12-01 is not in meetings"*) ok "no meeting made by set" ;; *) not_ok "no meeting made by set: $err" ;; esac
expect_status "a bad query exits 2" 2 "$ARTRACK" set "$T" "frobnicate:x" status=open
case $err in *frobnicate*) ok "the bad term is named" ;; *) not_ok "the bad term is named: $err" ;; esac
expect_status "set without an assignment exits 2" 2 "$ARTRACK" set "$T" id:37
# An unset "$Q" must not close the whole tracker: an empty QUERY is refused.
for q in "" "   " "	 "; do
	expect_status "set refuses the QUERY '$q'" 2 "$ARTRACK" set "$T" "$q" status=closed
	case $err in *"QUERY '$q' is empty"*"id:1-999999999999999"*) ok "the refusal names QUERY and how to mean every item" ;;
	*) not_ok "the refusal names QUERY and how to mean every item: $err" ;; esac
done
expect_status "set --dry-run refuses an empty QUERY too" 2 "$ARTRACK" set --dry-run "$T" "" status=closed
expect_eq "and prints no change" "" "$out"
unchanged "every refused set"
every=$("$ARTRACK" set --dry-run "$T" id:1-999999999999999 topic=Everything 2>/dev/null | grep -c ': topic')
expect_eq "the query the refusal names matches every item" "$(tsv | wc -l | tr -d ' ')" "$every"
unchanged "set --dry-run of every item"
expect_status "a query matching nothing exits 0" 0 "$ARTRACK" set "$T" id:999 status=open
case $err in *"no item matches"*) ok "and says nothing matched" ;; *) not_ok "and says nothing matched: $err" ;; esac
unchanged "a set matching nothing"
expect_status "set honours --today for is:overdue" 0 "$ARTRACK" set --dry-run --today 2030-01-01 "$T" "is:overdue id:17-19" status=closed
expect_eq "the overdue items as of that day" "17 18 19" "$(printf '%s\n' "$out" | grep ': status' | cut -d: -f1 | tr '\n' ' ' | sed 's/ $//')"
"$ARTRACK" set --dry-run --today 2023-12-01 "$T" "is:overdue id:17-19" status=closed >"$D/out" 2>/dev/null
expect_eq "and none a day when they are not" "" "$(cat "$D/out")"

# ---- add-update ----
keep
expect_status "add-update with date, author and label" 0 "$ARTRACK" add-update --date 2023-12-05 --by "Jo Officer" --label Response "$T" 37 "The ICB rejects this: it is not theirs."
expect_eq "add-update prints one line" "37: update added (2023-12-05)" "$out"
expect_eq "the update as given" "2023-12-05	Jo Officer	Response	The ICB rejects this: it is not theirs." \
	"$(sed -n '/^- id: 37$/,/^- id/p' "$T" | sed -n '/updates:/,$p' | tr -d '\n' | sed "s/  */ /g; s/'//g; s/ updates: - date: \(.*\) by: \(.*\) label: \(.*\) text: \(.*\)- id.*/\1	\2	\3	\4/")"
expect_status "add-update reads - from standard input; --today dates it" 0 sh -c 'printf "Line one\nline two\n" | ARTRACK_NAME="Sam Clerk" "$1" add-update --today 2023-12-06 "$2" 40 -' sh "$ARTRACK" "$T"
expect_eq "dated --today" "40: update added (2023-12-06)" "$out"
"$ARTRACK" show "$T" 40 >"$D/show40"
case $(cat "$D/show40") in *"Sam Clerk"*"Line one"*"line two"*) ok "by \$ARTRACK_NAME, the text whole" ;; *) not_ok "by \$ARTRACK_NAME, the text whole: $(cat "$D/show40")" ;; esac
if command -v git >/dev/null 2>&1; then
	printf '[user]\n\tname = Gita Config\n' >"$HOME/.gitconfig"
	"$ARTRACK" add-update --today 2023-12-07 "$T" 40 "via git" >/dev/null
	case $("$ARTRACK" show "$T" 40) in *"Gita Config"*) ok "by git's user.name without \$ARTRACK_NAME" ;; *) not_ok "by git's user.name" ;; esac
	rm -f "$HOME/.gitconfig"
else
	ok "# SKIP git is not installed"
fi
gecos=$(getent passwd "$(id -u)" | cut -d: -f5 | cut -d, -f1)
[ -n "$gecos" ] || gecos=$(id -un)
"$ARTRACK" add-update --today 2023-12-08 "$T" 40 "via passwd" >/dev/null
expect_eq "else by the login's full name" "$gecos" "$(sed -n '/^- id: 40$/,$p' "$T" | grep -B1 'via passwd' | sed -n 's/^ *by: //p' | tr -d "'\"")"
keep
expect_status "add-update to a missing item exits 1" 1 "$ARTRACK" add-update "$T" 999 "x"
case $err in *"no item 999"*) ok "the item is named" ;; *) not_ok "the item is named: $err" ;; esac
expect_status "an empty text is refused" 2 "$ARTRACK" add-update "$T" 37 ""
expect_status "an empty standard input is refused" 2 sh -c '"$1" add-update "$2" 37 - </dev/null' sh "$ARTRACK" "$T"
expect_status "a bad --date is refused" 2 "$ARTRACK" add-update --date 2023-02-30 "$T" 37 "x"
expect_status "a bad id is refused" 2 "$ARTRACK" add-update "$T" x37 "x"
unchanged "a refused add-update"

# ---- rm ----
keep
expect_status "rm exits 0 (and takes --today, as every write command does)" 0 "$ARTRACK" rm --today 2023-12-01 "$T" 40 37
expect_eq "rm prints one line per item" "40: removed
37: removed" "$out"
expect_eq "they are gone" "" "$(tsv id:37-40)"
keep
expect_status "rm of a missing item exits 1" 1 "$ARTRACK" rm "$T" 36 999
case $err in *"no item 999"*) ok "the missing item is named" ;; *) not_ok "the missing item is named: $err" ;; esac
expect_eq "and item 36 was not removed either" "36" "$(field 36 1)"
expect_status "rm of a bad id exits 2" 2 "$ARTRACK" rm "$T" abc
unchanged "a refused rm"

# ---- a file that does not load, the lock ----
printf 'artrack: 1\nitems:\n- id: 1\n  kind: action\n  status: bogus\n  topic: x\n' >"$D/bad.yaml"
cp "$D/bad.yaml" "$D/bad.before"
for cmd in "add-meeting $D/bad.yaml 2023-01-01" "add-item $D/bad.yaml --topic x" "set $D/bad.yaml id:1 status=open" \
	"add-update $D/bad.yaml 1 x" "rm $D/bad.yaml 1"; do
	# shellcheck disable=SC2086
	expect_status "${cmd%% *} of an invalid file exits 1" 1 "$ARTRACK" $cmd
	case $err in *"bad.yaml:5:11: error: status 'bogus'"*) ok "${cmd%% *} reports FILE:LINE:COLUMN" ;; *) not_ok "${cmd%% *} reports FILE:LINE:COLUMN: $err" ;; esac
done
check "the invalid file is untouched" cmp -s "$D/bad.yaml" "$D/bad.before"

sleep 60 & holder=$!
printf 'pid: %s\nhost: %s\nuser: someone-else\nsince: 2023-09-21T10:15:00Z\ntoken: t.1\n' "$holder" "$(uname -n)" >"$T.lock"
keep
for cmd in "add-meeting $T 2024-01-01" "add-item $T --topic x" "set $T id:36 status=closed" "add-update $T 36 x" "rm $T 36"; do
	# shellcheck disable=SC2086
	expect_status "${cmd%% *} of a file in use exits 1" 1 "$ARTRACK" $cmd
	case $err in *"hosc.yaml is in use by someone-else"*"pid $holder"*) ok "${cmd%% *} names the holder" ;; *) not_ok "${cmd%% *} names the holder: $err" ;; esac
	expect_eq "${cmd%% *} prints no change" "" "$out"
done
unchanged "a write to a file in use"
expect_status "--dry-run needs no lock" 0 "$ARTRACK" set --dry-run "$T" id:36 status=closed
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
rm -f "$T.lock"
check "a write command leaves no lock behind" test ! -e "$T.lock"

# ---- a write keeps the file's mode; FILE~ is the file before the command ----
chmod 640 "$T"
keep
"$ARTRACK" set "$T" id:36 status=in-progress >/dev/null
expect_eq "the mode is kept" "640" "$(stat -c %a "$T")"
check "FILE~ is the file before the command" cmp -s "$T~" "$D/kept"
check "every write left a valid file" "$ARTRACK" check "$T"
expect_status "and a canonical one" 0 "$ARTRACK" fmt --check "$T"

# ---- removing the last item leaves `items: []`, not a file check refuses ----
"$ARTRACK" new "$D/one.yaml" >/dev/null
"$ARTRACK" add-item "$D/one.yaml" --topic Only >/dev/null
expect_status "rm of the only item exits 0" 0 "$ARTRACK" rm "$D/one.yaml" 1
expect_status "the emptied tracker still checks clean" 0 "$ARTRACK" check "$D/one.yaml"
expect_eq "it ends with items: []" "items: []" "$(tail -n 1 "$D/one.yaml")"

tap_done
