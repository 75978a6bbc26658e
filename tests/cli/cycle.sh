#!/bin/sh
# cycle.sh - issue 10's committee cycle with the write commands alone, on a
# copy of the bundled tracker: add the meeting of 30 November 2023 and three
# recommendations, reject one, accept two, add dated updates by a named
# officer, delete a mistaken item, close a batch of six with one decision.
. "$top_srcdir/tests/cli/tap.sh"

T="$TMPDIR_TEST/tracker.yaml"
cp "$top_srcdir/data/hosc-2023-09-21.yaml" "$T" && chmod u+w "$T" # distcheck: the sources are read-only
export ARTRACK_NAME="Jo Officer"
tsv() { "$ARTRACK" list --format tsv --today 2023-12-15 "$T" "$@" | tail -n +2; }

expect_status "add the meeting" 0 "$ARTRACK" add-meeting "$T" 2023-11-30 "30 November 2023 Meeting"
ids=""
for topic in "Dental access" "GP appointments" "Pharmacy closures" "Typo item"; do
	expect_status "add a recommendation: $topic" 0 "$ARTRACK" add-item "$T" --meeting 2023-11-30 --kind rec \
		--topic "$topic" --text "That the ICB reports on ${topic}." --lead "Dan Leveson"
	ids="$ids $out"
done
expect_eq "the new ids follow the largest" " 37 38 39 40" "$ids"
expect_status "delete the mistaken one" 0 "$ARTRACK" rm "$T" 40
expect_eq "the meeting's three recommendations, pending" "37 pending
38 pending
39 pending" "$(tsv meeting:2023-11-30 | cut -f1,5 | tr '\t' ' ')"
expect_status "reject one" 0 "$ARTRACK" set "$T" id:39 response=rej
expect_status "accept two with a response date, due in March" 0 "$ARTRACK" set "$T" id:37-38 response=acc responded=2023-12-14 due=2024-03
expect_eq "accepting printed a line per change" "37: response pending -> accepted
37: due (none) -> 2024-03
37: responded (none) -> 2023-12-14
38: response pending -> accepted
38: due (none) -> 2024-03
38: responded (none) -> 2023-12-14" "$out"
expect_eq "the two have responded" "37 38" "$(tsv responded:2023-12-14 | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
expect_status "a dated update by the officer" 0 "$ARTRACK" add-update --date 2023-12-14 --label Response "$T" 37 "The ICB accepts and will report in March."
expect_status "another, from standard input" 0 sh -c 'echo "Accepted in part of the paper." | "$1" add-update --today 2023-12-15 "$2" 38 -' sh "$ARTRACK" "$T"
case $("$ARTRACK" show "$T" 37) in *2023-12-14*Response*"Jo Officer"*"will report in March"*) ok "the update reads back" ;;
	*) not_ok "the update reads back" ;; esac
case $("$ARTRACK" show "$T" 38) in *2023-12-15*"Jo Officer"*"in part"*) ok "the update from stdin reads back" ;;
	*) not_ok "the update from stdin reads back" ;; esac
expect_eq "six open items of the Pragnell/Chandler batch" "6" "$(tsv meeting:2023-09-21 id:25-30 is:open | wc -l | tr -d ' ')"
expect_status "close the batch with one decision" 0 "$ARTRACK" set "$T" "meeting:2023-09-21 id:25-30" status=closed
expect_eq "six lines, one per item" "6" "$(printf '%s\n' "$out" | grep -c 'status open -> closed')"
expect_eq "all six closed" "closed closed closed closed closed closed" "$(tsv id:25-30 | cut -f4 | tr '\n' ' ' | sed 's/ $//')"
check "the tracker checks clean" "$ARTRACK" check "$T"
expect_status "and is canonical" 0 "$ARTRACK" fmt --check "$T"
expect_eq "36 + 3 items" "39" "$(tsv | wc -l | tr -d ' ')"
if [ -n "$PYTHON3" ] && "$PYTHON3" -c 'import yaml' 2>/dev/null; then
	expect_eq "PyYAML reads the result" "2023-11-30 30 November 2023 Meeting; 37 accepted Jo Officer; 39 rejected" "$("$PYTHON3" -c '
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
m = [x for x in d["meetings"] if str(x["date"]) == "2023-11-30"][0]
i = {x["id"]: x for x in d["items"]}
print(m["date"], m["title"] + ";", 37, i[37]["response"], i[37]["updates"][0]["by"] + ";", 39, i[39]["response"])' "$T")"
else
	ok "# SKIP PyYAML is not installed"
fi
tap_done
