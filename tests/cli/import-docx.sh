#!/bin/sh
# import-docx.sh - `artrack import paper.docx`: the Word copy of the reference
# paper gives the same tracker as its text; Word-isms (split runs, merged
# cells, header rows, fields, tracked changes...) read as their text; bad
# packages are refused with a clear message, exit 1 and nothing written.
# The packages are made by tests/docx/mkdocx.py (zipfile, not artrack).
. "$top_srcdir/tests/cli/tap.sh"

REF="$top_srcdir/tests/data/hosc-tracker-2023-09-21.txt"
BUNDLED="$top_srcdir/data/hosc-2023-09-21.yaml"
MKDOCX="$top_srcdir/tests/docx/mkdocx.py"
D="$TMPDIR_TEST"
PY=${PYTHON3:-python3}
if ! "$PY" -c 'import zipfile, json' 2>/dev/null; then
	echo "1..0 # SKIP no python3 to write the .docx fixtures"
	exit 0
fi
mkdocx() { "$PY" "$MKDOCX" "$@"; }
# field ID KEY: one field of item ID of the tracker in $D/t.yaml, as JSON
field() {
	"$ARTRACK" list --format json "$D/t.yaml" "id:$1" | "$PY" -c '
import json, sys
items = json.load(sys.stdin)
print(json.dumps(items[0][sys.argv[1]], ensure_ascii=False) if items else "no item")' "$2"
}

# ---- the reference paper as a Word document ----
for seed in 1 2 3; do
	mkdocx paper "$D/ref-$seed.docx" "$REF" --seed "$seed"
	expect_status "the Word copy of the reference imports (split runs, seed $seed)" 0 \
		"$ARTRACK" import -o "$D/ref-$seed.yaml" "$D/ref-$seed.docx"
	check "to the bundled tracker byte for byte (seed $seed)" cmp -s "$D/ref-$seed.yaml" "$BUNDLED"
done
"$ARTRACK" import "$D/ref-1.docx" 2>"$D/warnings" >/dev/null
expect_eq "the same twelve warnings as the text" 12 "$(wc -l <"$D/warnings" | tr -d ' ')"
expect_eq "a warning names the table and row" \
	"$D/ref-1.docx: warning: table 1, row 34: row without an item number: given id 25" "$(head -n 1 "$D/warnings")"
expect_status "chosen by content, not by name" 0 sh -c 'cp "$1" "$2/paper.bin" && "$3" import "$2/paper.bin" | cmp -s - "$4"' \
	sh "$D/ref-1.docx" "$D" "$ARTRACK" "$BUNDLED"
expect_status "from standard input too" 0 sh -c '"$1" import <"$2" | cmp -s - "$3"' sh "$ARTRACK" "$D/ref-2.docx" "$BUNDLED"

# ---- Word-isms, one row each ----
cat >"$D/isms.xml" <<'EOF'
<w:p><w:r><w:t>Agenda Item 7</w:t></w:r></w:p>
<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>Topic</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>What</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Who</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>News</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:gridSpan w:val="5"/><w:shd w:fill="D9D9D9"/></w:tcPr><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>9</w:t></w:r><w:r><w:rPr><w:b/><w:vertAlign w:val="superscript"/></w:rPr><w:t>th</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> February 2023 Meeting</w:t></w:r></w:p></w:tc></w:tr>
<w:tr>
 <w:tc><w:p><w:r><w:t>4</w:t></w:r></w:p></w:tc>
 <w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Acc</w:t></w:r><w:proofErr w:type="spellStart"/><w:r w:rsidR="00AB12CD"><w:t>ess</w:t></w:r><w:proofErr w:type="spellEnd"/><w:bookmarkStart w:id="1" w:name="x"/><w:r><w:t xml:space="preserve"> and Wai</w:t></w:r><w:bookmarkEnd w:id="1"/><w:r><w:lastRenderedPageBreak/><w:t>ting Times</w:t></w:r></w:p></w:tc>
 <w:tc><w:p><w:r><w:t xml:space="preserve">Information on the </w:t></w:r><w:r><w:t>“offer”</w:t></w:r><w:r><w:tab/><w:t>across</w:t></w:r><w:r><w:t xml:space="preserve"> the BOB&#xA0;footprint </w:t></w:r><w:ins w:id="2" w:author="A"><w:r><w:t>(kept)</w:t></w:r></w:ins><w:del w:id="3" w:author="A"><w:r><w:delText>(dropped)</w:delText></w:r></w:del><w:moveFrom w:id="4" w:author="A"><w:r><w:t>(moved away)</w:t></w:r></w:moveFrom></w:p></w:tc>
 <w:tc><w:p><w:r><w:t>Omid Nouri</w:t></w:r><w:r><w:br/><w:t>Titus Burwell</w:t></w:r></w:p></w:tc>
 <w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>In progress</w:t></w:r></w:p><w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Update – </w:t></w:r><w:r><w:t xml:space="preserve">see </w:t></w:r><w:hyperlink r:id="rId9"><w:r><w:t>the plan</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> on page </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve">, dated </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \@ "d MMMM" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1 March</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t xml:space="preserve"> (in a content control)</w:t></w:r></w:sdtContent></w:sdt><mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t xml:space="preserve"> once</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t xml:space="preserve"> twice</w:t></w:r></mc:Fallback></mc:AlternateContent><w:r><w:t>.</w:t></w:r></w:p></w:tc>
</w:tr>
<w:tr>
 <w:tc><w:p><w:r><w:t>5</w:t></w:r></w:p></w:tc>
 <w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
 <w:tc><w:p><w:r><w:t xml:space="preserve">Recommendation: </w:t></w:r></w:p><w:p><w:r><w:t>Members meet separately.</w:t></w:r></w:p></w:tc>
 <w:tc><w:p><w:r><w:t>BOB HOSC/ BOB ICS</w:t></w:r></w:p></w:tc>
 <w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Recommendation </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Accep</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ted:</w:t></w:r></w:p><w:p><w:r><w:t>A first reply; update in April 2024.</w:t></w:r></w:p></w:tc>
</w:tr>
<w:tr>
 <w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
 <w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
 <w:tc><w:p><w:r><w:t>They report back.</w:t></w:r></w:p></w:tc>
 <w:tc><w:p/></w:tc>
 <w:tc><w:p><w:r><w:t>More to follow.</w:t></w:r></w:p></w:tc>
</w:tr>
<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>
 <w:tc><w:p><w:r><w:t>Unnumbered</w:t></w:r></w:p></w:tc>
 <w:tc><w:p><w:r><w:t>Nested:</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>inner cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc>
 <w:tc><w:p><w:r><w:t>Someone</w:t></w:r></w:p></w:tc>
 <w:tc><w:p/></w:tc>
</w:tr>
</w:tbl>
EOF
mkdocx body "$D/isms.docx" --header '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Action Tracker – Health Scrutiny </w:t></w:r><w:r><w:t>21 September 2023</w:t></w:r></w:p>' <"$D/isms.xml"
expect_status "a package full of Word-isms imports" 0 "$ARTRACK" import -o "$D/t.yaml" "$D/isms.docx"
isms_err=$err
expect_status "and passes check" 0 "$ARTRACK" check "$D/t.yaml"
expect_eq "the page header gives the title and committee" "committee: Health Scrutiny
title: Action Tracker" "$(grep -E '^(title|committee):' "$D/t.yaml")"
expect_eq "a merged, shaded row with 9<sup>th</sup> is the meeting" '"2023-02-09"' "$(field 4 meeting)"
expect_eq "a topic split over runs, proofing marks and bookmarks" '"Access and Waiting Times"' "$(field 4 topic)"
expect_eq "tab, no-break space, smart quotes, w:ins kept, w:del and w:moveFrom dropped" \
	'"Information on the “offer” across the BOB footprint (kept)"' "$(field 4 text)"
expect_eq "w:br splits the leads" '["Omid Nouri", "Titus Burwell"]' "$(field 4 leads)"
expect_eq "a bold 'In progress' paragraph is the status" '"in-progress"' "$(field 4 status)"
expect_eq "hyperlink, simple and complex fields, content control as their text; mc:Fallback once" \
	'[{"date": null, "by": null, "label": "Update", "text": "see the plan on page 3, dated 1 March (in a content control) once."}]' \
	"$(field 4 updates)"
expect_eq "a vMerge continuation repeats the topic above" '"Access and Waiting Times"' "$(field 5 topic)"
expect_eq "Recommendation: makes the kind" '"recommendation"' "$(field 5 kind)"
expect_eq "a row whose item number is merged continues the item" \
	'"Members meet separately.\n\nThey report back."' "$(field 5 text)"
expect_eq "bold split mid-word still reads as the response" '"accepted"' "$(field 5 response)"
expect_eq "due in words" '"2024-04"' "$(field 5 due)"
expect_eq "the continued progress cell joins the update" \
	'[{"date": null, "by": null, "label": null, "text": "A first reply; update in April 2024.\n\nMore to follow."}]' "$(field 5 updates)"
expect_eq "gridBefore puts cells in their columns; a nested table is the cell's text" \
	'"Nested:\n\ninner cell"' "$(field 6 text)"
expect_eq "the unnumbered row's topic" '"Unnumbered"' "$(field 6 topic)"
case $isms_err in *"isms.docx: warning: table 1, row 6: row without an item number: given id 6"*) ok "the unnumbered row is warned about by table and row" ;;
	*) not_ok "the unnumbered row is warned about by table and row: $isms_err" ;; esac
case $isms_err in *"paragraph 1: text outside the table left out: \"Agenda Item 7\""*) ok "text outside the table is named, not dropped silently" ;;
	*) not_ok "text outside the table is named, not dropped silently: $isms_err" ;; esac

# ---- bad input: a clear message, exit 1, nothing written ----
# bad NAME FILE PATTERN: import -o of FILE exits 1, says PATTERN, writes nothing
bad() {
	rm -f "$D/bad.yaml"
	expect_status "$1: exit 1" 1 "$ARTRACK" import -o "$D/bad.yaml" "$2"
	case $err in *"$3"*) ok "$1: explained" ;; *) not_ok "$1: explained: $err" ;; esac
	check "$1: nothing written" test ! -e "$D/bad.yaml"
}
printf 'Dear all,\nthe tracker is attached.\n' >"$D/letter.docx"
bad "a text file named .docx" "$D/letter.docx" "letter.docx: error: not a Word document"
mkdocx nodocument "$D/nodoc.docx"
bad "a zip without word/document.xml" "$D/nodoc.docx" "nodoc.docx: error: not a Word document: the zip package has no word/document.xml"
echo '<w:p><w:r><w:t>Only a letter, no table.</w:t></w:r></w:p>' | mkdocx body "$D/notable.docx"
bad "a document with no table" "$D/notable.docx" "notable.docx: error: no table in the document"
echo '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>' | mkdocx body "$D/othertable.docx"
bad "a table that is no tracker" "$D/othertable.docx" "othertable.docx: error: no tracker table found"
echo '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1 & 2</w:t></w:r></w:p></w:tc></w:tr>' | mkdocx body "$D/malformed.docx"
bad "malformed XML" "$D/malformed.docx" "malformed.docx: error: not a Word document: word/document.xml is not well-formed XML (line 2"
mkdocx bomb "$D/bomb.docx" 65
bad "a zip bomb" "$D/bomb.docx" "bomb.docx: error: not read: word/document.xml would expand to"
check "the bomb is small on disk" test "$(wc -c <"$D/bomb.docx")" -lt 1000000
"$PY" - "$D/dtd.docx" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
               '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>')
EOF
bad "a DTD with entities" "$D/dtd.docx" "dtd.docx: error: not a Word document: word/document.xml declares a DTD"
printf 'PK\003\004 broken' >"$D/broken.docx"
bad "a damaged zip" "$D/broken.docx" "broken.docx: error: not a Word document: the zip package is damaged"
printf '\320\317\021\340\241\261\032\341rest of an old .doc' >"$D/old.doc"
bad "a Word 97-2003 .doc" "$D/old.doc" "old.doc: error: a Word 97-2003 document (.doc)"
echo '<w:p/>' | mkdocx body "$D/sheet.docx"
"$PY" - "$D/sheet.docx" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("word/document.xml", '<worksheet xmlns="urn:x"><row/></worksheet>')
EOF
bad "XML that is not WordprocessingML" "$D/sheet.docx" "sheet.docx: error: not a Word document: word/document.xml holds <worksheet>"

tap_done
