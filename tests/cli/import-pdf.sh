#!/bin/sh
# import-pdf.sh - text copied from a PDF of the paper (what pdftotext or a
# PDF viewer gives): each shape has a fixture written from the reference
# text (tests/data/import/pdf-*.txt), imports to the paper's items, and
# nothing the paper has goes missing without a warning naming its line.
. "$top_srcdir/tests/cli/tap.sh"

DATA="$top_srcdir/tests/data/import"
D="$TMPDIR_TEST"
TAB=$(printf '\t')

# imported NAME: import pdf-NAME.txt to $D/NAME.yaml, warnings in $D/NAME.err
imported() {
	"$ARTRACK" import -o "$D/$1.yaml" "$DATA/pdf-$1.txt" 2>"$D/$1.err"
}
# rows NAME: id, meeting, leads and topic of each item, one a line
rows() {
	"$ARTRACK" list --format tsv "$D/$1.yaml" | tail -n +2 | cut -f1,2,7,8 | tr '\t' '|'
}
# text NAME ID: the item's text, as JSON
text() {
	"$ARTRACK" list --format json "$D/$1.yaml" "id:$2" | sed -n 's/.*"text": \("[^"]*"\), "leads".*/\1/p'
}

# ---- a meeting heading split over two lines ("10 March 2022" / "Meeting") ----
check "split headings import" imported split-heading
expect_eq "each split heading is one meeting, in either order of the halves" \
"1||Tom Hudson; Omid Nouri|Minutes of 23 September 2022
2|2022-11-24|Julie Dandridge; Daniel Leveson|Primary Care
4|2022-03-10|Omid Nouri; Titus Burwell|Access and Waiting Times
7|2022-07-14|Cllrs Hanna, Edosomwan, Barrow|Integrated Improvement Programme" "$(rows split-heading)"
expect_eq "titled as the paper writes them" "  title: 24 November 2022 Meeting
  title: 14 July Meeting 2022
  title: 10 March 2022 Meeting" "$(grep '^  title:' "$D/split-heading.yaml")"
expect_eq "no warning: nothing was guessed" "" "$(cat "$D/split-heading.err")"

# ---- names (and topics) broken across lines ----
check "broken names import" imported broken-names
expect_eq "a name broken across lines is one lead" \
"2||Julie Dandridge; Daniel Leveson|Primary Care
4||Omid Nouri; Titus Burwell|Access and Waiting Times
13||Omid Nouri; Tom Stevenson|SCAS Improvement Programme" "$(rows broken-names)"
expect_eq "the text's wrapped lines join" '"Specified roles are filled within the ICB."' "$(text broken-names 2)"

# ---- two short rows run together on one line ----
check "rows run together import" imported rows-together
expect_eq "a number in the sixth cell starts the second row" \
"8|2022-09-22|Lisa Briggs|Action and Recommendation Tracker
9|2022-09-22|Omid Nouri; Dan Leveson|Chair's Update
10|2022-09-22|Danielle Chulan|Chair's Update
11|2022-11-24|Julie Dandridge|Primary Care
12|2022-11-24|Omid Nouri, OH|Serious Adult Mental Health" "$(rows rows-together)"
expect_eq "the second row's own text" '"Further information is sought."' "$(text rows-together 9)"
expect_eq "nothing left out, so no warning" "" "$(cat "$D/rows-together.err")"
printf '1\tA\tText.\tLee\tDone.\tnot a number\textra\n' >"$D/six.txt"
"$ARTRACK" import "$D/six.txt" 2>"$D/six.err" >/dev/null
case $(cat "$D/six.err") in *"six.txt:1: warning: could not place the cell \"not a number\" beyond the five columns"*)
	ok "cells past the fifth that start no row are warned about, by line" ;;
	*) not_ok "cells past the fifth that start no row are warned about: $(cat "$D/six.err")" ;; esac

# ---- the header row and the page title repeated, split or missing ----
check "page furniture imports" imported furniture
expect_eq "every item, whatever the furniture between them" \
"1||Tom Hudson; Omid Nouri|Minutes of 23 September 2022
2|2022-11-24|Julie Dandridge; Daniel Leveson|Primary Care
3|2022-11-24|Karen Fuller, OCC|Cllr Barrow's infection control report
4|2022-03-10|Omid Nouri; Titus Burwell|Access and Waiting Times
5|2022-03-10|BOB HOSC, BOB ICS|Access and Waiting Times" "$(rows furniture)"
expect_eq "a page title split over two lines is read as one" "committee: Health Overview and Scrutiny Committee
title: Consolidated Action and Recommendation Tracker
as_of: 2023-09-21" "$(sed -n '2,4p' "$D/furniture.yaml")"
expect_eq "a row continued after a page number joins its sentence" '"Specified roles are filled within the ICB."' \
	"$(text furniture 2)"
expect_eq "the only warning names the stray line" \
	"$DATA/pdf-furniture.txt:17: warning: text outside the table left out: \"Some stray text that belongs nowhere\"" \
	"$(cat "$D/furniture.err")"
grep -v -e '^Consolidated' -e '^Health Overview' -e "^${TAB}Item" -e "^${TAB}${TAB}Recommendation" "$DATA/pdf-furniture.txt" >"$D/bare.txt"
"$ARTRACK" import -o "$D/bare.yaml" "$D/bare.txt" 2>"$D/bare.err"
expect_eq "with no header row and no title at all, the same items" "$(rows furniture)" "$(rows bare)"
case $(cat "$D/bare.err") in *"warning: no page heading"*) ok "a missing page title is said" ;;
	*) not_ok "a missing page title is said: $(cat "$D/bare.err")" ;; esac

# ---- columns aligned with spaces, not tabs (pdftotext -layout) ----
check "the layout form imports" imported layout
expect_eq "columns found from the header row, cells wrapped within them" \
"1||Tom Hudson; Omid Nouri|Minutes of 23 September 2022
2|2022-11-24|Julie Dandridge; Daniel Leveson|Primary Care
3|2022-11-24|Karen Fuller, OCC|Cllr Barrow's infection control report
4|2022-03-10|Omid Nouri; Titus Burwell|Access and Waiting Times
5|2022-03-10|Stephen Chandler; Anne Coyle|Local Area Partnerships" "$(rows layout)"
expect_eq "the page title and page number are furniture, the title read" "committee: Health Overview and Scrutiny Committee
title: Consolidated Action and Recommendation Tracker
as_of: 2023-09-21" "$(sed -n '2,4p' "$D/layout.yaml")"
expect_eq "a wrapped cell joins its column" \
	'"Specified roles are filled within the ICB with the primary responsibility to work with District Councils at Place Level."' \
	"$(text layout 2)"
expect_eq "labels are found in a wrapped progress cell" "in-progress 2 Update" \
	"$("$ARTRACK" list --format json "$D/layout.yaml" id:1 | "${PYTHON3:-python3}" -c '
import json, sys
i = json.load(sys.stdin)[0]
print(i["status"], len(i["updates"]), i["updates"][1]["label"])')"
expect_eq "the only warning: the unnumbered row, by line" \
	"$DATA/pdf-layout.txt:33: warning: row without an item number: given id 5" "$(cat "$D/layout.err")"

# ---- wrapped cells: whose name is whose, hyphens, labels at a line's end ----
check "wrapped cells import" imported wrapped
expect_eq "a name on each line is a lead each; a name finished on the next line, or a body after it, is one" \
"6|2022-11-24|Omid Nouri; Cllr Nigel Champken-Woods|Chairs Update
15|2022-11-24|Director of Public Health; Daniel Leveson BOB ICB|Dentistry
33|2022-11-24|Stephen Chandler; Anne Coyle; Rachel Corser|Local Area Partnerships" "$(rows wrapped)"
expect_eq "a word hyphenated across lines is one word" \
	'"To exercise learning from how other Counties have provided well-coordinated and effective SEND provision."' \
	"$(text wrapped 33)"
expect_eq "'In progress' ending its line is the status; 'Due:' on a wrapped line is the due date, not text" \
	"in-progress 2024-04 a partial work plan has been suggested." \
	"$("$ARTRACK" list --format json "$D/wrapped.yaml" id:33 | "${PYTHON3:-python3}" -c '
import json, sys
i = json.load(sys.stdin)[0]
print(i["status"], i["due"], " / ".join(u["text"] for u in i["updates"]))')"
expect_eq "a page title whose date went onto the next line" "as_of: 2023-09-21" "$(grep '^as_of:' "$D/wrapped.yaml")"
expect_eq "and no warning" "" "$(cat "$D/wrapped.err")"

# ---- no row goes missing without a warning ----
for f in split-heading broken-names rows-together furniture layout wrapped; do
	want=$(grep -c "^[0-9]" "$DATA/pdf-$f.txt")
	got=$(rows "$f" | wc -l | tr -d ' ')
	extra=$(grep -c "^[0-9].*${TAB}[0-9][0-9]*${TAB}" "$DATA/pdf-$f.txt")
	unnumbered=$(grep -c "row without an item number" "$D/$f.err")
	expect_eq "pdf-$f.txt: every numbered row is an item (and every unnumbered one, warned)" \
		"$((want + extra + unnumbered))" "$got"
done

tap_done
