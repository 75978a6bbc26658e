#!/bin/sh
# commands.sh - the command line of spec section 3 against the bundled tracker:
# outputs, formats, queries and exit statuses.
. "$top_srcdir/tests/cli/tap.sh"

T="$top_srcdir/data/hosc-2023-09-21.yaml"
ids() { "$ARTRACK" list --format tsv --today 2023-10-01 "$T" "$@" | tail -n +2 | cut -f1 | tr '\n' ' ' | sed 's/ $//'; }

# ---- help, version, usage errors ----
expect_status "--version exits 0" 0 "$ARTRACK" --version
expect_eq "--version names the program" "artrack" "${out%% *}"
expect_status "--help exits 0" 0 "$ARTRACK" --help
case $out in *"artrack list"*) ok "--help lists the commands" ;; *) not_ok "--help lists the commands" ;; esac
expect_status "list --help exits 0" 0 "$ARTRACK" list --help
wide=$("$ARTRACK" --help | awk 'length > 80')
expect_eq "--help fits 80 columns" "" "$wide"
expect_status "unknown option exits 2" 2 "$ARTRACK" --frobnicate
case $err in *frobnicate*) ok "unknown option is named" ;; *) not_ok "unknown option is named" ;; esac
expect_status "unknown list option exits 2" 2 "$ARTRACK" list --colour "$T"
expect_status "bad --format exits 2" 2 "$ARTRACK" list --format xml "$T"
expect_status "list without FILE exits 2" 2 "$ARTRACK" list
expect_status "check without FILE exits 2" 2 "$ARTRACK" check
expect_status "bad --today exits 2" 2 "$ARTRACK" list --today 2023-02-30 "$T"
expect_status "bad --sort exits 2" 2 "$ARTRACK" list --sort colour "$T"
expect_status "--sort - exits 2" 2 "$ARTRACK" list --sort - "$T"
case $err in *"'-' needs a sort key after it"*) ok "and says a key is missing" ;; *) not_ok "and says a key is missing: $err" ;; esac
expect_status "export without --format exits 2" 2 "$ARTRACK" export "$T"
expect_status "two files for the UI exit 2" 2 "$ARTRACK" "$T" "$T"
expect_eq "-- after FILE only ends the options" "$(ids -status:open)" "$(ids -- -status:open)"
expect_status "an option after FILE exits 2, not an empty list" 2 "$ARTRACK" list "$T" --format tsv id:1
case $err in *"'--format' after FILE is an option"*) ok "the misplaced option is named" ;; *) not_ok "the misplaced option is named: $err" ;; esac
expect_status "export FILE -o OUT exits 2, not a query writing to stdout" 2 "$ARTRACK" export --format csv "$T" -o "$TMPDIR_TEST/late.csv" id:1
case $err in *"'-o' after FILE"*) ok "the misplaced -o is named" ;; *) not_ok "the misplaced -o is named: $err" ;; esac
check "and writes no file" test ! -e "$TMPDIR_TEST/late.csv"
expect_status "a mistyped command alone exits 2, not a tracker to create" 2 "$ARTRACK" lsit
case $err in *"unknown command 'lsit'"*"list"*) ok "the nearest command is suggested" ;; *) not_ok "the nearest command is suggested: $err" ;; esac
cp "$T" "$TMPDIR_TEST/self.yaml" && cp "$T" "$TMPDIR_TEST/self.kept"
expect_status "export -o onto the tracker it reads exits 2" 2 "$ARTRACK" export --format csv -o "$TMPDIR_TEST/self.yaml" "$TMPDIR_TEST/self.yaml"
check "and leaves the tracker as it was" cmp -s "$TMPDIR_TEST/self.yaml" "$TMPDIR_TEST/self.kept"
expect_status "an option before the command exits 2" 2 "$ARTRACK" --today 2023-12-01 list "$T"
case $err in *"did you mean"*) not_ok "says to put the command first: $err" ;; *"'list' is a command"*) ok "says to put the command first" ;; *) not_ok "says to put the command first: $err" ;; esac
expect_status "--read-only with --take-lock exits 2" 2 "$ARTRACK" --read-only --take-lock "$T"
case $err in *"--read-only"*"--take-lock"*) ok "the clash is named" ;; *) not_ok "the clash is named: $err" ;; esac
expect_status "show with a non-number id exits 2" 2 "$ARTRACK" show "$T" abc
expect_status "show of a missing item exits 1" 1 "$ARTRACK" show "$T" 999
case $err in *"no item 999"*) ok "missing item is named" ;; *) not_ok "missing item is named: $err" ;; esac
expect_status "a missing file exits 1" 1 "$ARTRACK" list "$TMPDIR_TEST/nope.yaml"
case $err in *nope.yaml*) ok "missing file is named" ;; *) not_ok "missing file is named" ;; esac

# ---- bad queries name the term, exit 2 ----
expect_status "unknown field exits 2" 2 "$ARTRACK" list "$T" frobnicate:x
case $err in *frobnicate*) ok "unknown field is named" ;; *) not_ok "unknown field is named: $err" ;; esac
expect_status "bad status value exits 2" 2 "$ARTRACK" list "$T" status:bogus
case $err in *bogus*) ok "bad value is named" ;; *) not_ok "bad value is named: $err" ;; esac
expect_status "bad query in stats exits 2" 2 "$ARTRACK" stats "$T" 'due:<2023-13'
expect_status "bad query in export exits 2" 2 "$ARTRACK" export --format csv "$T" 'id:x'

# ---- the bundled tracker ----
expect_status "check accepts the bundled tracker" 0 "$ARTRACK" check "$T"
expect_eq "check prints nothing for a good file" "" "$out$err"
expect_status "the bundled tracker is canonical" 0 "$ARTRACK" fmt --check "$T"

# ---- list and its queries (issue 3's expectations) ----
expect_eq "all 36 items" "36" "$("$ARTRACK" list --format tsv "$T" | tail -n +2 | wc -l | tr -d ' ')"
expect_eq "tsv header" "id	meeting	kind	status	response	due	leads	topic" "$("$ARTRACK" list --format tsv "$T" | head -1)"
expect_eq "response:rej" "21" "$(ids response:rej)"
expect_eq "lead:pragnell" "17 18 19 20 21 23" "$(ids lead:pragnell)"
expect_eq "meeting:2022" "2 3 4 5 6 7 8 9 10 11 12" "$(ids meeting:2022)"
expect_eq "phrase and negation" "20 21 22 23" "$(ids '"healthy weight"' -response:accepted)"
expect_eq "a shell-quoted phrase is one phrase" "20 21 22 23" "$(ids 'healthy weight' -response:accepted)"
expect_eq "meeting:none" "1" "$(ids meeting:none)"
expect_eq "response:accepted|noted" "17 18 19 20 24" "$(ids 'response:accepted|noted')"
expect_eq "id range" "3 4 5" "$(ids id:3-5)"
expect_eq "sort descending by id" "36 35 34" "$("$ARTRACK" list --format tsv --sort -id "$T" | sed -n '2,4p' | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
expect_eq "tsv line of item 21 (no due: the paper gives none)" "21	2023-09-21	recommendation	open	rejected		Derys Pragnell	Oxfordshire Healthy Weight" \
	"$("$ARTRACK" list --format tsv "$T" id:21 | tail -1)"

# ---- issue 15: which recommendations await a response, and which are overdue ----
expect_eq "is:awaiting-response (2023-10-01)" "2 22 23 25 26 27 28 29 30 31 32 33 34 35 36" "$(ids is:awaiting-response)"
expect_eq "is:response-overdue (2023-10-01)" "2" "$(ids is:response-overdue)"
expect_eq "is:response-overdue (2023-11-20)" "2 22 23 25 26 27 28 29 30 31 32 33 34 35 36" \
	"$("$ARTRACK" list --format tsv --today 2023-11-20 "$T" is:response-overdue | tail -n +2 | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
expect_eq "is:response-overdue on the deadline (2023-11-16)" "2" \
	"$("$ARTRACK" list --format tsv --today 2023-11-16 "$T" is:response-overdue | tail -n +2 | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
# response_days: 28 moves the deadline to 2023-10-19.
sed 's/^as_of: 2023-09-21$/&\nresponse_days: 28/' "$T" > "$TMPDIR_TEST/days28.yaml"
expect_status "response_days: 28 loads" 0 "$ARTRACK" check "$TMPDIR_TEST/days28.yaml"
expect_eq "response_days: 28, on 2023-10-19" "2" \
	"$("$ARTRACK" list --format tsv --today 2023-10-19 "$TMPDIR_TEST/days28.yaml" is:response-overdue | tail -n +2 | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
expect_eq "response_days: 28, on 2023-10-20" "2 22 23 25 26 27 28 29 30 31 32 33 34 35 36" \
	"$("$ARTRACK" list --format tsv --today 2023-10-20 "$TMPDIR_TEST/days28.yaml" is:response-overdue | tail -n +2 | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
expect_eq "the bundled tracker has no ratings yet" "36" "$("$ARTRACK" list --format tsv "$T" rag:none | tail -n +2 | wc -l | tr -d ' ')"
expect_status "bad rag: value exits 2" 2 "$ARTRACK" list "$T" rag:purple
case $err in *"rag: 'purple' is not one of none, red, amber, green"*) ok "bad rag: value is explained" ;; *) not_ok "bad rag: value is explained: $err" ;; esac
expect_status "bad responded: date exits 2" 2 "$ARTRACK" list "$T" 'responded:<2023-13'
sed 's/^response_days: 28$/response_days: eight weeks/' "$TMPDIR_TEST/days28.yaml" > "$TMPDIR_TEST/days-bad.yaml"
expect_status "a bad response_days is refused" 1 "$ARTRACK" check "$TMPDIR_TEST/days-bad.yaml"
expect_eq "a bad response_days is reported with its line and column" \
	"$TMPDIR_TEST/days-bad.yaml:5:16: error: 'response_days' must be a positive integer, not 'eight weeks'" "$err"

# A rating, a response date and a sign-off, as an officer would add them to item 21.
sed 's/^  response: rejected$/&\n  responded: 2023-10-30\n  rag: red\n  closed_on: 2024-06-13/' "$T" > "$TMPDIR_TEST/rated.yaml"
R="$TMPDIR_TEST/rated.yaml"
expect_status "the rated copy is canonical (the fields' fixed place)" 0 "$ARTRACK" fmt --check "$R"
expect_eq "rag:r" "21" "$("$ARTRACK" list --format tsv "$R" rag:r | tail -n +2 | cut -f1)"
expect_eq "responded:2023-10 and closed:>=2024" "21" "$("$ARTRACK" list --format tsv "$R" responded:2023-10 'closed:>=2024' | tail -n +2 | cut -f1)"
expect_eq "list tsv keeps spec's columns" "21	2023-09-21	recommendation	open	rejected		Derys Pragnell	Oxfordshire Healthy Weight" \
	"$("$ARTRACK" list --format tsv "$R" id:21 | tail -1)"
expect_eq "list csv adds responded, rag, closed_on" "id,meeting,kind,status,response,due,leads,topic,responded,rag,closed_on|21,2023-09-21,recommendation,open,rejected,,Derys Pragnell,Oxfordshire Healthy Weight,2023-10-30,red,2024-06-13" \
	"$("$ARTRACK" list --format csv "$R" id:21 | tr -d '\r' | tr '\n' '|' | sed 's/|$//')"
case $("$ARTRACK" show "$R" 21) in *"responded: 2023-10-30"*"rag:       red"*"closed on: 2024-06-13"*) ok "show gives the three" ;; *) not_ok "show gives the three" ;; esac
case $("$ARTRACK" export --format markdown "$R" id:21) in *"| open, rejected; responded 2023-10-30; RAG red; signed off 2024-06-13 |"*) ok "export markdown's Status column gives them" ;; *) not_ok "export markdown's Status column gives them" ;; esac
case $("$ARTRACK" export --format html "$R" id:21) in *'<span class="rag rag-red">RAG red</span>'*) ok "export html marks the rating" ;; *) not_ok "export html marks the rating" ;; esac
stats=$("$ARTRACK" stats --today 2023-10-01 "$R")
case $stats in *"awaiting a response  15"*"response overdue      1"*"red     1"*"none   35"*) ok "stats counts responses awaited, overdue and RAG" ;;
	*) not_ok "stats counts responses awaited, overdue and RAG"; echo "$stats" | sed 's/^/# /' ;; esac
case $("$ARTRACK" stats --today 2023-11-20 "$R") in *"response overdue     15"*) ok "stats: all overdue on 2023-11-20" ;; *) not_ok "stats: all overdue on 2023-11-20" ;; esac
if [ -n "$PYTHON3" ]; then
	expect_eq "json carries responded, response_due, rag, closed_on" "2023-10-30 None red 2024-06-13 2023-01-19" \
		"$("$ARTRACK" list --format json "$R" | "$PYTHON3" -c '
import json, sys
items = {x["id"]: x for x in json.load(sys.stdin)}
i = items[21]
print(i["responded"], i["response_due"], i["rag"], i["closed_on"], items[2]["response_due"])')"
fi

# Pipes get no terminal codes.
if "$ARTRACK" list "$T" | grep -q "$(printf '\033')"; then not_ok "table to a pipe has no escapes"; else ok "table to a pipe has no escapes"; fi
expect_eq "table has a header and 36 rows" "37" "$("$ARTRACK" list "$T" | wc -l | tr -d ' ')"

if [ -n "$PYTHON3" ]; then
	expect_eq "csv parses back (RFC 4180)" "37 11 21 rejected" \
		"$("$ARTRACK" list --format csv "$T" | "$PYTHON3" -c '
import csv, sys
rows = list(csv.reader(sys.stdin.buffer.read().decode("utf-8").splitlines(True)))
r21 = [r for r in rows if r[0] == "21"][0]
print(len(rows), len(rows[0]), r21[0], r21[4])')"
	expect_eq "json parses back with all fields" "36 rejected Derys Pragnell 1 2023-09-21" \
		"$("$ARTRACK" list --format json "$T" | "$PYTHON3" -c '
import json, sys
items = json.load(sys.stdin)
i = [x for x in items if x["id"] == 21][0]
print(len(items), i["response"], i["leads"][0], len(i["updates"]), i["meeting"])')"
	expect_eq "export csv parses back with text and updates" "37 15 True" \
		"$("$ARTRACK" export --format csv "$T" | "$PYTHON3" -c '
import csv, sys
rows = list(csv.reader(sys.stdin.buffer.read().decode("utf-8").splitlines(True)))
r21 = [r for r in rows if r[0] == "21"][0]
print(len(rows), len(rows[0]), "underweight" in r21[rows[0].index("updates")])')"
else
	for n in 1 2 3; do ok "# SKIP python3 not found"; done
fi

# ---- show, stats, export ----
expect_status "show exits 0" 0 "$ARTRACK" show "$T" 21
case $out in *"Item 21: Oxfordshire Healthy Weight"*"rejected"*"wasn’t part of the discussion"*) ok "show prints the item and its history with ’ intact" ;;
	*) not_ok "show prints the item and its history" ;; esac
expect_status "stats exits 0" 0 "$ARTRACK" stats "$T"
case $out in *"Items: 36 of 36"*) ok "stats counts all items" ;; *) not_ok "stats counts all items" ;; esac
expect_eq "stats of rejected recommendations" "1" "$("$ARTRACK" stats "$T" response:rej | sed -n 's/^Items: \([0-9]*\) of 36$/\1/p')"
expect_status "export html exits 0" 0 "$ARTRACK" export --format html "$T" response:rej
case $out in *'<tr id="item-21">'*"wasn’t"*'</html>'*) ok "export html holds item 21" ;; *) not_ok "export html holds item 21" ;; esac
case $out in *'<tr id="item-20">'*) not_ok "export html is filtered" ;; *) ok "export html is filtered" ;; esac
expect_status "export markdown exits 0" 0 "$ARTRACK" export --format markdown "$T" meeting:2023-09
case $out in *"## 21 September 2023 Meeting"*"| 17 |"*) ok "export markdown groups by meeting" ;; *) not_ok "export markdown groups by meeting" ;; esac
# One heading per meeting however sorted (7 meetings with items, and item 1 with none).
expect_eq "export markdown --sort topic: a heading per meeting" "8" \
	"$("$ARTRACK" export --format markdown --sort topic "$T" | grep -c '^## ')"
expect_eq "export html --sort topic: a heading per meeting" "8" \
	"$("$ARTRACK" export --format html --sort topic "$T" | grep -c '^<h2>')"
expect_eq "export markdown: no meeting's items last" "## No meeting" \
	"$("$ARTRACK" export --format markdown --sort -due "$T" | grep '^## ' | tail -1)"
# The export formats come from one table: --help, the messages and artrack(1) name the same.
formats=$("$ARTRACK" --help | sed -n 's/.*artrack export --format \([^ ]*\) .*/\1/p')
expect_eq "--help names the export formats" "csv|markdown|html|docx" "$formats"
expect_status "bad export --format exits 2" 2 "$ARTRACK" export --format xml "$T"
expect_eq "bad export --format lists the formats" "artrack: export: --format: 'xml' is not one of $(echo "$formats" | sed 's/|/, /g')" \
	"$(echo "$err" | head -1)"
expect_status "export without --format names the formats" 2 "$ARTRACK" export "$T"
case $err in *"--format $formats is required"*) ok "the missing --format message lists them" ;; *) not_ok "the missing --format message lists them: $err" ;; esac
expect_status "bad list --format exits 2" 2 "$ARTRACK" list --format xml "$T"
expect_eq "bad list --format lists the formats" "artrack: list: --format: 'xml' is not one of table, tsv, csv, json" \
	"$(echo "$err" | head -1)"
expect_status "export -o writes a file" 0 "$ARTRACK" export --format html -o "$TMPDIR_TEST/out.html" "$T"
expect_eq "export -o prints nothing" "" "$out"
check "export -o file is complete" grep -q '</html>' "$TMPDIR_TEST/out.html"

# ---- fmt ----
cp "$T" "$TMPDIR_TEST/t.yaml"
expect_status "fmt of a canonical file exits 0" 0 "$ARTRACK" fmt "$TMPDIR_TEST/t.yaml"
check "fmt of a canonical file changes nothing" cmp -s "$T" "$TMPDIR_TEST/t.yaml"
cat >"$TMPDIR_TEST/messy.yaml" <<'EOF'
# a comment
items:
- {status: open, kind: action, id: 3, topic: "Plain"}
- id: 1
  topic: 'yes'
  kind: recommendation
  status: in-progress
  colour: blue
artrack: 1
EOF
expect_status "fmt --check reports a non-canonical file" 1 "$ARTRACK" fmt --check "$TMPDIR_TEST/messy.yaml"
case $err in *messy.yaml*) ok "fmt --check names the file" ;; *) not_ok "fmt --check names the file" ;; esac
chmod 640 "$TMPDIR_TEST/messy.yaml"
cp "$TMPDIR_TEST/messy.yaml" "$TMPDIR_TEST/messy.orig"
expect_status "fmt rewrites it" 0 "$ARTRACK" fmt "$TMPDIR_TEST/messy.yaml"
expect_status "then it is canonical" 0 "$ARTRACK" fmt --check "$TMPDIR_TEST/messy.yaml"
check "fmt keeps the previous version as FILE~" cmp -s "$TMPDIR_TEST/messy.orig" "$TMPDIR_TEST/messy.yaml~"
expect_eq "fmt keeps the mode" "640" "$(stat -c %a "$TMPDIR_TEST/messy.yaml")"
cp "$TMPDIR_TEST/messy.yaml" "$TMPDIR_TEST/once.yaml"
"$ARTRACK" fmt "$TMPDIR_TEST/messy.yaml"
check "fmt is idempotent" cmp -s "$TMPDIR_TEST/once.yaml" "$TMPDIR_TEST/messy.yaml"
expect_eq "fmt keeps unknown keys and order of items" "1" "$(grep -c 'colour: blue' "$TMPDIR_TEST/messy.yaml")"
expect_eq "fmt quotes yes" "1" "$(grep -c "topic: 'yes'\|topic: \"yes\"" "$TMPDIR_TEST/messy.yaml")"

# ---- import ----
REF="$top_srcdir/tests/data/hosc-tracker-2023-09-21.txt"
expect_status "import of the reference exits 0" 0 "$ARTRACK" import -o "$TMPDIR_TEST/imported.yaml" "$REF"
check "import of the reference is the bundled tracker" cmp -s "$T" "$TMPDIR_TEST/imported.yaml"
"$ARTRACK" import <"$REF" >"$TMPDIR_TEST/stdin.yaml" 2>/dev/null
check "import from stdin gives the same bytes" cmp -s "$T" "$TMPDIR_TEST/stdin.yaml"
"$ARTRACK" import - <"$REF" >"$TMPDIR_TEST/dash.yaml" 2>/dev/null
check "import of - gives the same bytes" cmp -s "$T" "$TMPDIR_TEST/dash.yaml"
printf 'nothing to see here\n\tjust junk\n' >"$TMPDIR_TEST/junk.txt"
expect_status "import of junk exits 1" 1 "$ARTRACK" import -o "$TMPDIR_TEST/junk.yaml" "$TMPDIR_TEST/junk.txt"
check "import of junk writes nothing" test ! -e "$TMPDIR_TEST/junk.yaml"
expect_status "import of an empty input exits 1" 1 "$ARTRACK" import /dev/null

tap_done
