#!/bin/sh
# yaml-readers.sh - what artrack saves, other YAML readers read back exactly.
#
# The tricky strings of tests/data/yaml/tricky.yaml (topics, texts, leads,
# update fields, meeting titles and unknown keys all hold them) are saved in
# canonical form by tests/unit/yaml-dump, then read by PyYAML (YAML 1.1) and
# js-yaml (YAML 1.2); every string must come back identical.  A reader that
# is not installed is skipped.
. "$top_srcdir/tests/cli/tap.sh"

DUMP="$top_builddir/tests/unit/yaml-dump"
FIXTURE="$top_srcdir/tests/data/yaml/tricky.yaml"
T="$TMPDIR_TEST"
PY=${PYTHON3:-python3}
NODE=${NODEJS:-node}

if [ ! -x "$DUMP" ]; then
	echo "1..0 # SKIP tests/unit/yaml-dump was not built"
	exit 0
fi

# The expected strings, in the fixture's order (kept in step with
# tricky[] in tests/unit/test-yaml.c).
cat >"$T/want.json" <<'EOF'
["yes", "No", "on", "OFF", "y", "n", "Y", "~", "null", "Null", "NULL", "true", "False", "",
 "0123", "0o17", "0x1f", "0b101", "1_000", "1e3", "1e+3", "3.14", "1.0", "0", "123", ".inf", "-.inf", ".nan",
 "NaN", "+1", "-1", "+.5",
 "12:30", "1:2:3", "2023-09-21", "2023-09", "2023-09-21T10:00:00", "2023-09-21 10:00:00", "=", "<<",
 " leading space", "trailing space ", "  both  ", "- x", "-", "? x", "?", ": x", ", x", "[x]", "]x", "{x}", "}x",
 "#x", "&x", "*x", "!x",
 "|x", ">x", "'x", "\"x", "%x", "@x", "`x", "---", "...", "'", "\"", "a ' b", "a: b", "a #b", "note:", "a:b",
 "a#b", "50% done", "~/path", "a\\b",
 "tab\there", "\tleading tab", "trailing tab\t", "ctl\u0001char", "esc\u001b[31mred", "del\u007fx",
 "nel\u0085x", "ls\u2028x", "ps\u2029x",
 "nbsp\u00a0", "\u00a0lead nbsp", "bom\ufeffx", "it\u2019s \u2013 fine\u2026",
 "\u2018quoted\u2019 \u201cdouble\u201d", "emoji \ud83d\ude00 here", "\ud83c\udff4\udb40\udc67\udb40\udc62",
 "Recommendation: text", "10 Downing Street", "4 + 4", "1,000", "Yes please", "n/a", "3rd", "1st of May",
 "multi\nline", "multi\nline\n", "ends with newlines\n\n\n", "\n\nleading blank lines", "\n",
 "  indented first\nline",
 "trailing spaces  \nin a line", "line\n  \nwith a blank of spaces",
 "first\n# not a comment\n- not a list\nkey: not a map",
 "tab\tin\nmulti line", "crlf\r\nline", "last line spaces\nxyz  ", "para one\n\npara two\n", "a\u2028b\nc",
 "A long line that must not be folded, that must not be folded, that must not be folded, that must not be folded, that must not be folded, that must not be folded, that must not be folded, that must not be folded, that must not be folded, that must not be folded, that must not be folded, that must not be folded, that must not be folded, that must not be folded, that must not be folded, that must not be folded, that must not be folded, that must not be folded, that must not be folded, that must not be folded, end."]
EOF

# Every place a string goes: tracker x-strings, meeting title and x-note,
# item topic/text/lead/x-note, update by/label/text/x-note.
cat >"$T/check.py" <<'EOF'
import json, sys, yaml
want = json.load(open(sys.argv[1], encoding='utf-8'))
doc = yaml.safe_load(open(sys.argv[2], encoding='utf-8'))
bad = 0
def cmp(where, got, exp):
    global bad
    if got != exp:
        bad += 1
        if bad <= 20:
            print('# %s: got %r, wanted %r' % (where, got, exp))
cmp('x-strings', doc.get('x-strings'), want)
cmp('meeting count', len(doc['meetings']), len(want))
cmp('item count', len(doc['items']), len(want))
for i, w in enumerate(want):
    m, it = doc['meetings'][i], doc['items'][i]
    cmp('meeting %d title' % i, m.get('title'), w)
    cmp('meeting %d x-note' % i, m.get('x-note'), w)
    for k in ('topic', 'text', 'x-note'):
        cmp('item %d %s' % (it['id'], k), it.get(k), w)
    cmp('item %d leads' % it['id'], it.get('leads'), [w])
    u = it['updates'][0]
    for k in ('by', 'label', 'text', 'x-note'):
        cmp('item %d update %s' % (it['id'], k), u.get(k), w)
sys.exit(1 if bad else 0)
EOF

cat >"$T/check.js" <<'EOF'
const fs = require('fs'), yaml = require('js-yaml');
const want = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const doc = yaml.load(fs.readFileSync(process.argv[3], 'utf8'));
let bad = 0;
function cmp(where, got, exp) {
	if (JSON.stringify(got) !== JSON.stringify(exp)) {
		bad++;
		if (bad <= 20) console.log('# ' + where + ': got ' + JSON.stringify(got) + ', wanted ' + JSON.stringify(exp));
	}
}
cmp('x-strings', doc['x-strings'], want);
cmp('meeting count', doc.meetings.length, want.length);
cmp('item count', doc.items.length, want.length);
want.forEach((w, i) => {
	const m = doc.meetings[i], it = doc.items[i];
	cmp(`meeting ${i} title`, m.title, w);
	cmp(`meeting ${i} x-note`, m['x-note'], w);
	for (const k of ['topic', 'text', 'x-note']) cmp(`item ${it.id} ${k}`, it[k], w);
	cmp(`item ${it.id} leads`, it.leads, [w]);
	const u = it.updates[0];
	for (const k of ['by', 'label', 'text', 'x-note']) cmp(`item ${it.id} update ${k}`, u[k], w);
});
process.exit(bad ? 1 : 0);
EOF

expect_status "tricky.yaml saves" 0 "$DUMP" "$FIXTURE"
cp "$T/out" "$T/saved.yaml"
expect_status "the saved file loads again" 0 "$DUMP" "$T/saved.yaml"
check "saving is idempotent" cmp -s "$T/out" "$T/saved.yaml"
check "the saved file differs from the all-quoted fixture (styles were chosen)" \
	sh -c "! cmp -s '$FIXTURE' '$T/saved.yaml'"
check "quoted: 'yes' as a topic" grep -qx "  topic: 'yes'" "$T/saved.yaml"
check "plain: it's - fine... as a topic" grep -qx "  topic: it’s – fine…" "$T/saved.yaml"

# Characters beyond U+FFFF are saved as themselves, in the style the text
# would get without them: no \U escapes, a block stays a block.
case $(cat "$T/saved.yaml") in *'\U'*) not_ok "no \\U escapes in the saved file" ;; *) ok "no \\U escapes in the saved file" ;; esac
check "plain: an emoji topic as itself" grep -qx "  topic: emoji 😀 here" "$T/saved.yaml"
cat >"$T/emoji.yaml" <<'YAML'
artrack: 1
items:
- id: 1
  topic: "Thanks \U0001F44D"
  kind: action
  text: "A paragraph \U0001F600\nand a second line \U0001F3F4\U000E0067\U000E0062\U000E007F"
  status: open
YAML
expect_status "fmt of a file with escaped emoji" 0 "$ARTRACK" fmt "$T/emoji.yaml"
check "the text is a literal block with the emoji as itself" \
	grep -qx "    A paragraph 😀" "$T/emoji.yaml"
printf '%s\n' '["Thanks \ud83d\udc4d", "A paragraph \ud83d\ude00\nand a second line \ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc7f"]' >"$T/emoji-want.json"
cat >"$T/emoji.py" <<'PY'
import json, sys, yaml
want = json.load(open(sys.argv[1], encoding='utf-8'))
it = yaml.safe_load(open(sys.argv[2], encoding='utf-8'))['items'][0]
sys.exit(0 if [it['topic'], it['text']] == want else 1)
PY
cat >"$T/emoji.js" <<'JS'
const fs = require('fs'), yaml = require('js-yaml');
const want = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const it = yaml.load(fs.readFileSync(process.argv[3], 'utf8')).items[0];
process.exit(JSON.stringify([it.topic, it.text]) === JSON.stringify(want) ? 0 : 1);
JS

# The user's path: `artrack fmt` rewrites the file to exactly those bytes,
# so what the readers check below is what fmt leaves on disk.
cp "$FIXTURE" "$T/fmt.yaml" && chmod u+w "$T/fmt.yaml" # distcheck: the sources are read-only
expect_status "artrack fmt rewrites the fixture" 0 "$ARTRACK" fmt "$T/fmt.yaml"
check "artrack fmt writes what the saver writes" cmp -s "$T/saved.yaml" "$T/fmt.yaml"

if "$PY" -c 'import yaml' 2>/dev/null; then
	check "PyYAML reads the fixture as the expected strings" "$PY" "$T/check.py" "$T/want.json" "$FIXTURE"
	check "PyYAML reads every saved string back identical" "$PY" "$T/check.py" "$T/want.json" "$T/saved.yaml"
	check "PyYAML reads the emoji back identical" "$PY" "$T/emoji.py" "$T/emoji-want.json" "$T/emoji.yaml"
else
	ok "PyYAML reads the fixture # SKIP python3 with PyYAML not found"
	ok "PyYAML reads every saved string back identical # SKIP python3 with PyYAML not found"
	ok "PyYAML reads the emoji back identical # SKIP python3 with PyYAML not found"
fi

NODE_PATH=${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs
export NODE_PATH
if "$NODE" -e 'require("js-yaml")' 2>/dev/null; then
	check "js-yaml reads the fixture as the expected strings" "$NODE" "$T/check.js" "$T/want.json" "$FIXTURE"
	check "js-yaml reads every saved string back identical" "$NODE" "$T/check.js" "$T/want.json" "$T/saved.yaml"
	check "js-yaml reads the emoji back identical" "$NODE" "$T/emoji.js" "$T/emoji-want.json" "$T/emoji.yaml"
else
	ok "js-yaml reads the fixture # SKIP node with js-yaml not found (apt-get install node-js-yaml)"
	ok "js-yaml reads every saved string back identical # SKIP node with js-yaml not found (apt-get install node-js-yaml)"
	ok "js-yaml reads the emoji back identical # SKIP node with js-yaml not found (apt-get install node-js-yaml)"
fi

tap_done
