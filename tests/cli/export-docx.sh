#!/bin/sh
# export-docx.sh - `artrack export --format docx`: the paper's Word table,
# checked by an independent reader (python-docx: one table, the repeated
# header row, a shaded merged row per meeting, bold labels, landscape A4),
# read back by `artrack import` to the same items, the same bytes every
# time, and converted by LibreOffice where it is installed.
. "$top_srcdir/tests/cli/tap.sh"

BUNDLED="$top_srcdir/data/hosc-2023-09-21.yaml"
D="$TMPDIR_TEST"

# a python with python-docx and PyYAML (Debian: python3-docx, python3-yaml)
PY=
for p in "$PYTHON3" /usr/bin/python3 python3; do
	if [ -n "$p" ] && "$p" -c 'import docx, yaml' 2>/dev/null; then PY=$p; break; fi
done

# same_items A B: the trackers A and B (YAML) hold the same items, field by
# field, and the same meetings, committee, title and edition date
same_items() {
	"$PY" - "$1" "$2" <<'EOF'
import sys, yaml
a, b = (yaml.safe_load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
ia = {i["id"]: i for i in a["items"]}
ib = {i["id"]: i for i in b["items"]}
bad = [k for k in sorted(set(ia) | set(ib)) if ia.get(k) != ib.get(k)]
for k in bad[:5]:
    x, y = ia.get(k) or {}, ib.get(k) or {}
    for f in sorted(set(x) | set(y)):
        if x.get(f) != y.get(f):
            print("# item %s %s: %r -> %r" % (k, f, x.get(f), y.get(f)))
for f in ("committee", "title", "as_of"):
    if a.get(f) != b.get(f):
        print("# %s: %r -> %r" % (f, a.get(f), b.get(f)))
        bad.append(f)
meetings = lambda t: {m["date"]: m.get("title") for m in t.get("meetings") or []}
if meetings(a) != meetings(b):
    print("# meetings: %r -> %r" % (meetings(a), meetings(b)))
    bad.append("meetings")
sys.exit(1 if bad else 0)
EOF
}

expect_status "export --format docx -o exits 0" 0 "$ARTRACK" export --format docx -o "$D/paper.docx" "$BUNDLED"
expect_eq "nothing on standard output" "" "$out"
check "it is a zip package" sh -c 'head -c 4 "$1" | od -An -c | grep -q "P   K 003 004"' sh "$D/paper.docx"
"$ARTRACK" export --format docx "$BUNDLED" >"$D/stdout.docx"
check "standard output gets the same bytes (redirected)" cmp -s "$D/paper.docx" "$D/stdout.docx"
"$ARTRACK" export --format docx -o "$D/again.docx" "$BUNDLED"
check "the same tracker gives the same bytes every time" cmp -s "$D/paper.docx" "$D/again.docx"
if command -v script >/dev/null 2>&1; then
	script -qc "\"$ARTRACK\" export --format docx \"$BUNDLED\"; echo \"exit \$?\"" /dev/null >"$D/tty.out" 2>&1
	case $(cat "$D/tty.out") in *"give -o FILE.docx"*"exit 2"*) ok "a Word document is not written to a terminal (exit 2)" ;;
		*) not_ok "a Word document is not written to a terminal: $(head -c 300 "$D/tty.out")" ;; esac
else
	ok "# SKIP no script(1) to make a terminal"
fi

# ---- read back by import ----
expect_status "the export imports" 0 "$ARTRACK" import -o "$D/back.yaml" "$D/paper.docx"
expect_eq "without a warning" "" "$err"
expect_status "and passes check" 0 "$ARTRACK" check "$D/back.yaml"
if [ -n "$PY" ]; then
	check "bundled -> docx -> import: the same items, item by item" same_items "$BUNDLED" "$D/back.yaml"
else
	ok "# SKIP no python3 with PyYAML"
fi
expect_eq "the same number of items" "$("$ARTRACK" list --format tsv "$BUNDLED" | wc -l)" \
	"$("$ARTRACK" list --format tsv "$D/back.yaml" | wc -l)"

# a tracker with what the bundled one lacks: dates and authors of updates,
# completed and closed items, due days, no meeting, XML's special characters,
# a response's date, RAG ratings and a sign-off
cat >"$D/rich.yaml" <<'EOF'
artrack: 1
committee: People & Places <Scrutiny> "Panel"
title: Action Tracker
as_of: 2024-03-07
meetings:
  - date: 2024-01-18
    title: Budget session
  - date: 2024-02-29
    title: 29 February 2024 Meeting
items:
  - id: 3
    meeting: 2024-01-18
    topic: Fees & charges
    kind: action
    text: |-
      Report <back> on "fees" – with figures…

      Second paragraph 😀.
    leads:
      - Ann Bee
      - Finance Team
    status: completed
    due: 2024-04-15
    updates:
      - date: 2024-02-01
        by: Ann Bee
        label: Update
        text: Figures sent.
      - label: Further update
        text: |-
          Closed off.

          With a second paragraph.
      - date: 2024-02-20
        text: A dated update with no label.
      - text: An update with neither date nor label, after others.
      - by: Cara Dee
        text: Only an author.
      - label: Further response
        by: Dan Eve
        text: A label and an author.
  - id: 7
    meeting: 2024-02-29
    topic: Libraries
    kind: recommendation
    text: Keep branch libraries open.
    leads:
      - Cabinet Member
    status: closed
    response: partially-accepted
    responded: 2024-03-01
    rag: amber
    closed_on: 2024-03-05
    updates:
      - date: 2024-03-01
        label: Response
        text: Two of three stay open.
  - id: 9
    topic: Unplaced
    kind: recommendation
    text: An item with no meeting.
    status: open
    response: rejected
    due: 2024-09
    rag: red
EOF
expect_status "a tracker with dated updates, all statuses and no-meeting items exports" 0 \
	"$ARTRACK" export --format docx -o "$D/rich.docx" "$D/rich.yaml"
expect_status "and imports" 0 "$ARTRACK" import -o "$D/rich-back.yaml" "$D/rich.docx"
if [ -n "$PY" ]; then
	check "to the same items (dates, authors, statuses, due days, responded, rag, closed_on, & < > \")" same_items "$D/rich.yaml" "$D/rich-back.yaml"
else
	ok "# SKIP no python3 with PyYAML"
fi
expect_status "a query exports only what it matches" 0 "$ARTRACK" export --format docx -o "$D/q.docx" "$BUNDLED" meeting:2023-09-21
"$ARTRACK" import -o "$D/q.yaml" "$D/q.docx" 2>/dev/null
expect_eq "the query's items come back, and only they" \
	"$("$ARTRACK" list --format tsv "$BUNDLED" meeting:2023-09-21 | tail -n +2 | cut -f1 | tr '\n' ' ')" \
	"$("$ARTRACK" list --format tsv "$D/q.yaml" | tail -n +2 | cut -f1 | tr '\n' ' ')"

# ---- an independent reader: python-docx ----
if [ -n "$PY" ]; then
	"$PY" - "$D/paper.docx" "$BUNDLED" >"$D/docx.out" 2>&1 <<'EOF'
import sys, yaml, docx
from docx.shared import Mm
from docx.enum.section import WD_ORIENT
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
d = docx.Document(sys.argv[1])
t = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
def check(what, cond):
    print(("ok" if cond else "FAIL") + " " + what)
check("the heading paragraph is the paper's", d.paragraphs[0].text ==
      "Consolidated Action and Recommendation Tracker – Health Overview and Scrutiny Committee 21 September 2023")
check("one table", len(d.tables) == 1)
table = d.tables[0]
rows = table.rows
head = [c.text for c in rows[0].cells]
check("the header row: Item, Action/Recommendation, Lead, Progress update", head == ["", "Item", "Action/Recommendation", "Lead", "Progress update"])
trPr = rows[0]._tr.trPr
check("the header row repeats on every page", trPr is not None and trPr.find(W + "tblHeader") is not None)
merged = [len({id(c._tc) for c in r.cells}) == 1 for r in rows]
meeting_rows = [r for k, r in enumerate(rows) if k and merged[k]]
check("one merged row per meeting", len(meeting_rows) == len({i.get("meeting") for i in t["items"]}))
shaded = all(r.cells[0]._tc.tcPr.find(W + "shd") is not None for r in meeting_rows)
check("meeting rows are shaded", shaded)
check("meeting rows span the five columns", all(r.cells[0]._tc.tcPr.find(W + "gridSpan").get(W + "val") == "5" for r in meeting_rows))
check("meeting rows name their meeting", meeting_rows[0].cells[0].text == "10 March 2022 Meeting")
items = [r for k, r in enumerate(rows) if k and not merged[k]]
check("one row per item", len(items) == len(t["items"]))
by_id = {int(r.cells[0].text): r for r in items}
check("every item's number", sorted(by_id) == sorted(i["id"] for i in t["items"]))
r2 = by_id[2]
check("the topic in bold", r2.cells[1].paragraphs[0].runs[0].bold is True and r2.cells[1].text == "Primary Care")
check("a recommendation says so first", r2.cells[2].paragraphs[0].text == "Recommendation:")
check("one lead a line", [p.text for p in r2.cells[3].paragraphs] == ["Julie Dandridge", "Daniel Leveson"])
prog = r2.cells[4].paragraphs
check("an update's label in bold", prog[0].text == "Progress/update response:" and prog[0].runs[0].bold is True)
check("its text a plain paragraph", prog[1].text.startswith("The ICB have managed") and not prog[1].runs[0].bold)
r17 = by_id[17].cells[4].paragraphs
check("the response in bold as the paper writes it", r17[0].text == "Recommendation Accepted:" and r17[0].runs[0].bold)
check("status in progress in bold", any(p.text == "In progress" and p.runs[0].bold for p in by_id[1].cells[4].paragraphs))
check("the due month", any(p.text == "Due: April 2024" for p in r17))
s = d.sections[0]
check("landscape A4", s.orientation == WD_ORIENT.LANDSCAPE and abs(s.page_width - Mm(297)) < Mm(1) and abs(s.page_height - Mm(210)) < Mm(1))
check("every cell holds a paragraph", all(len(c._tc.findall(W + "p")) > 0 for r in rows for c in r.cells))
EOF
	py_status=$?
	while read -r verdict what; do
		if [ "$verdict" = ok ]; then ok "python-docx: $what"; else not_ok "python-docx: $verdict $what"; fi
	done <"$D/docx.out"
	[ "$py_status" = 0 ] || not_ok "python-docx read the package (exit $py_status)"
else
	ok "# SKIP python-docx (Debian: python3-docx) is not installed"
fi

# ---- LibreOffice, where installed (never required) ----
SOFFICE=$(command -v soffice || command -v libreoffice || true)
if [ -n "$SOFFICE" ]; then
	mkdir -p "$D/lo" "$D/lo-home"
	HOME="$D/lo-home" "$SOFFICE" --headless --norestore --convert-to pdf --outdir "$D/lo" "$D/paper.docx" >"$D/lo.log" 2>&1
	check "LibreOffice converts the export to PDF" test -s "$D/lo/paper.pdf"
	# the paper's PDF, copied as text by pdftotext -layout, imports to the same items
	if command -v pdftotext >/dev/null 2>&1 && [ -n "$PY" ] && [ -s "$D/lo/paper.pdf" ]; then
		pdftotext -layout "$D/lo/paper.pdf" "$D/lo/paper.txt"
		expect_status "its pdftotext -layout copy imports" 0 "$ARTRACK" import -o "$D/lo/back.yaml" "$D/lo/paper.txt"
		"$PY" - "$BUNDLED" "$D/lo/back.yaml" >"$D/lo/cmp.out" 2>&1 <<'PYEOF'
import sys, yaml
a, b = (yaml.safe_load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
ia = {i["id"]: i for i in a["items"]}
ib = {i["id"]: i for i in b["items"]}
flat = lambda s: (s or "").replace("\n\n", " ")
def same(x, y):
    if x.keys() != y.keys():
        return False
    for f in x:
        if f == "updates":
            if [(u.get("label"), flat(u["text"])) for u in x[f]] != [(u.get("label"), flat(u["text"])) for u in y[f]]:
                return False
        elif f == "text":
            if flat(x[f]) != flat(y[f]):
                return False
        elif x[f] != y[f]:
            return False
    return True
bad = [k for k in ia if k not in ib or not same(ia[k], ib[k])]
print("items %d of %d differ: %s" % (len(bad), len(ia), bad[:10]))
sys.exit(1 if bad or set(ia) != set(ib) else 0)
PYEOF
		if [ $? = 0 ]; then ok "the same items, field by field (a PDF keeps no paragraph breaks)"; else
			not_ok "the same items, field by field: $(cat "$D/lo/cmp.out")"; fi
		pdftotext "$D/lo/paper.pdf" "$D/lo/flow.txt"
		expect_status "plain pdftotext output (no columns) is refused" 1 "$ARTRACK" import -o "$D/lo/flow.yaml" "$D/lo/flow.txt"
		case $err in *"use pdftotext -layout"*) ok "saying to use pdftotext -layout" ;;
			*) not_ok "saying to use pdftotext -layout: $err" ;; esac
	else
		ok "# SKIP pdftotext (poppler-utils) is not installed"
	fi
else
	ok "# SKIP LibreOffice (soffice) is not installed"
fi

tap_done
