#!/bin/sh
# reading.sh - what the officer reads from the command line: stats aligned
# by display width with meetings by date (whatever the locale), the list
# table whole to a pipe, and the HTML export's picture (inline SVG that any
# XML reader takes, nothing fetched or run).
. "$top_srcdir/tests/cli/tap.sh"

T="$top_srcdir/data/hosc-2023-09-21.yaml"

# ---- stats ----
"$ARTRACK" stats "$T" >"$TMPDIR_TEST/stats" 2>&1
expect_eq "stats: meetings in date order (the file starts with 2022-11-24)" \
	"2022-03-10 2022-07-14 2022-09-22 2022-11-24 2023-02-09 2023-05-11 2023-09-21" \
	"$(sed -n '/^By meeting:/,/^$/p' "$TMPDIR_TEST/stats" | grep -o '^  20[0-9-]*' | tr -d ' ' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "stats: a section's counts end in one column" "1" \
	"$(sed -n '/^By meeting:/,/^$/p' "$TMPDIR_TEST/stats" | grep '^  ' | awk '{ print length($0) }' | sort -u | wc -l | tr -d ' ')"

f="$TMPDIR_TEST/wide.yaml"
cat >"$f" <<'YAML'
artrack: 1
meetings:
- date: 2023-09-21
  title: 会議
- date: 2022-03-10
  title: Café ☕ morning
items:
- id: 1
  meeting: 2023-09-21
  topic: 東京
  kind: action
  leads:
  - 山田太郎
  status: open
- id: 2
  meeting: 2022-03-10
  topic: Plain
  kind: action
  leads:
  - Ann Lee
  status: completed
YAML
# Display columns of each line, counted by Python (wide characters two).
widths() {
	"$PYTHON3" -c '
import sys, unicodedata
def w(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(" ".join(str(w(l.rstrip("\n"))) for l in sys.stdin.buffer.read().decode("utf-8").splitlines()))'
}
if [ -n "$PYTHON3" ]; then
	for loc in C.UTF-8 C; do
		got=$(LC_ALL=$loc LANG=$loc "$ARTRACK" stats "$f" | sed -n '/^By meeting:/,/^$/p' | grep '^  ' | widths)
		expect_eq "stats under LC_ALL=$loc: wide meeting titles line up" "31 31" "$got"
		got=$(LC_ALL=$loc LANG=$loc "$ARTRACK" stats "$f" | sed -n '/^By lead:/,/^$/p' | grep '^  ' | widths)
		expect_eq "stats under LC_ALL=$loc: wide lead names line up" "13 13" "$got"
	done
else
	ok "# SKIP no python3"
fi

# ---- list's table to a pipe: whole ----
long=$("$ARTRACK" list "$T" id:16 | tail -1)
case $long in *"…"*) not_ok "list to a pipe cuts nothing" ;; *) ok "list to a pipe cuts nothing" ;; esac
expect_eq "list to a pipe keeps every lead" "yes" \
	"$("$ARTRACK" list "$T" | grep -q 'Cllrs Hanna, Edosomwan, Barrow and Barbara Shaw' && echo yes)"

# ---- export html: the picture ----
"$ARTRACK" export --format html "$T" >"$TMPDIR_TEST/paper.html"
expect_eq "export html: a status chart and a response chart" "2" "$(grep -c '<figure><svg' "$TMPDIR_TEST/paper.html")"
expect_eq "export html: no scripts, nothing fetched" "0" "$(grep -ciE '<script|src=|href=|url\(' "$TMPDIR_TEST/paper.html")"
expect_eq "export html: the status cell keeps 'due 2024-04' on one line" "1" \
	"$(grep -c 'td.status { white-space: nowrap; }' "$TMPDIR_TEST/paper.html")"
if [ -n "$PYTHON3" ]; then
	expect_eq "export html: each chart is well-formed SVG with a bar per count" "By status open=24 in-progress=12|By response (recommendations) pending=15 accepted=4 rejected=1 noted=1" \
		"$("$PYTHON3" -c '
import re, sys
import xml.etree.ElementTree as ET
page = open(sys.argv[1], encoding="utf-8").read()
ns = "{http://www.w3.org/2000/svg}"
out = []
for svg in re.findall(r"<svg.*?</svg>", page, re.S):
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter(ns + "text")]
    bars = len(root.findall(ns + "rect"))
    rows = [(texts[i], texts[i + 1]) for i in range(1, len(texts), 2)]
    shown = [f"{l}={c}" for l, c in rows if c != "0"]
    assert bars == len(shown), (bars, shown)
    out.append(root.find(ns + "title").text + " " + " ".join(shown))
print("|".join(out))' "$TMPDIR_TEST/paper.html")"
fi
"$ARTRACK" export --format html "$T" kind:action >"$TMPDIR_TEST/actions.html"
expect_eq "export html of actions only: no response chart" "0" "$(grep -c 'chart-response' "$TMPDIR_TEST/actions.html")"

tap_done
