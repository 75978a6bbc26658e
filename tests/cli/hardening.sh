#!/bin/sh
# hardening.sh - hostile files and careless use (issue 16): lock files that
# cannot be read, files the user may not replace, terminal codes in the
# data, spreadsheet formulas, unbounded input.  The parts about another
# user run as nobody when the suite runs as root, and are skipped otherwise.
. "$top_srcdir/tests/cli/tap.sh"

skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1 # SKIP $2"; }
has() { case $1 in *"$2"*) return 0 ;; *) return 1 ;; esac; }
# expect_has NAME NEEDLE HAYSTACK / expect_lacks NAME NEEDLE HAYSTACK
expect_has() { if has "$3" "$2"; then ok "$1"; else not_ok "$1"; printf '# wanted: %s\n# in: %s\n' "$2" "$3" | head -20; fi; }
expect_lacks() { if has "$3" "$2"; then not_ok "$1"; printf '# unwanted: %s\n# in: %s\n' "$2" "$3" | head -20; else ok "$1"; fi; }

T="$top_srcdir/data/hosc-2023-09-21.yaml"
W="$TMPDIR_TEST/work"
mkdir -p "$W"

# Another user: nobody, through setpriv, when we are root and nobody can
# reach the program (a build folder only we may enter cannot be tested so).
other_user=
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	chmod 711 "$TMPDIR_TEST"
	if setpriv --reuid=65534 --regid=65534 --clear-groups "$ARTRACK" --version >/dev/null 2>&1; then
		other_user=nobody
	fi
fi
why_no_other="needs root and setpriv to run as another user"
# as_other COMMAND...: COMMAND as nobody, in a folder nobody may write.
as_other() { HOME="$S" setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
S="$TMPDIR_TEST/shared"
mkdir -p "$S" && chmod 1777 "$S"

# ---- lock files that cannot be read or understood (item 7) ----
cp "$T" "$W/t.yaml" && chmod u+w "$W/t.yaml" # distcheck: the sources are read-only
sed 's/^committee: /committee:  /' "$T" > "$W/t.yaml"   # not canonical: fmt would rewrite it
: > "$W/t.yaml.lock"
expect_status "fmt refuses a file whose lock cannot be understood" 1 "$ARTRACK" fmt "$W/t.yaml"
expect_lacks "... without a made-up pid" "pid 0" "$err"
expect_has "... and says what to do" "t.yaml.lock cannot be understood: if no artrack is using the file, remove the lock file; not rewritten" "$err"
rm -f "$W/t.yaml.lock"
if [ -n "$other_user" ]; then
	as_other sh -c "sed 's/^committee: /committee:  /' '$T' > '$S/t.yaml'"
	printf 'pid: 1\nhost: elsewhere\nuser: root\n' > "$S/t.yaml.lock" && chmod 600 "$S/t.yaml.lock"
	expect_status "fmt as another user refuses a lock it may not read" 1 as_other "$ARTRACK" fmt "$S/t.yaml"
	expect_lacks "... without a made-up pid" "pid 0" "$err"
	expect_has "... naming why" "t.yaml.lock cannot be read (Permission denied)" "$err"
	rm -f "$S/t.yaml.lock" "$S/t.yaml"
else
	skip "fmt as another user refuses a lock it may not read" "$why_no_other"
fi

# ---- tags outside the YAML core schema (item 4) ----
printf 'artrack: 1\nitems: []\nx: !!python/object/apply:os.system ["echo owned"]\n' > "$W/tag.yaml"
expect_status "check refuses a !!python tag" 1 "$ARTRACK" check "$W/tag.yaml"
expect_has "... naming it, at its line and column" "tag.yaml:3:4: error: tag '!!python/object/apply:os.system' is not allowed" "$err"

# ---- files that are not UTF-8, keys past YAML's limit (item 10) ----
printf 'artrack: 1\nitems:\n- id: 1\n  topic: Caf\351 Nero\n  kind: action\n  status: open\n' > "$W/latin1.yaml"
expect_status "check refuses a Latin-1 file" 1 "$ARTRACK" check "$W/latin1.yaml"
expect_has "... saying what it looks like and how to convert it" \
	"latin1.yaml:4:13: error: this file is not UTF-8 text (byte 0xE9; it looks like Latin-1 or Windows-1252): convert it with iconv -f WINDOWS-1252 -t UTF-8" "$err"
expect_lacks "... not libyaml's words" "octet" "$err"
if command -v iconv >/dev/null 2>&1; then
	iconv -f UTF-8 -t UTF-16LE "$T" > "$W/utf16.yaml"
	expect_status "check refuses UTF-16 without a byte-order mark" 1 "$ARTRACK" check "$W/utf16.yaml"
	expect_has "... naming it" "this file is not UTF-8 text (it looks like UTF-16 (little-endian) without a byte-order mark): convert it with iconv -f UTF-16LE -t UTF-8" "$err"
	expect_lacks "... not libyaml's words" "control characters" "$err"
	iconv -f UTF-8 -t UTF-16BE "$top_srcdir/tests/data/hosc-tracker-2023-09-21.txt" > "$W/paper16.txt"
	expect_status "import refuses UTF-16 without a byte-order mark" 1 "$ARTRACK" import "$W/paper16.txt"
	expect_has "... naming it" "it looks like UTF-16 (big-endian) without a byte-order mark): convert it with iconv -f UTF-16BE -t UTF-8" "$err"
else
	skip "check refuses UTF-16 without a byte-order mark" "no iconv"
fi
printf 'Item\tAction/Recommendation\tLead\tProgress update\n1\tCaf\351\tAnn\tNone\n' > "$W/paper1.txt"
expect_status "import refuses Latin-1" 1 "$ARTRACK" import "$W/paper1.txt"
expect_has "... saying how to convert it" "paper1.txt:2: error: the input is not UTF-8 text (byte 0xE9; it looks like Latin-1 or Windows-1252): convert it with iconv" "$err"
{ printf 'artrack: 1\nitems: []\n'; head -c 1100 /dev/zero | tr '\0' k; printf ': value\n'; } > "$W/longkey.yaml"
expect_status "check refuses a key over 1024 characters" 1 "$ARTRACK" check "$W/longkey.yaml"
expect_has "... saying so, at the key" "longkey.yaml:3:1: error: no ':' within 1024 characters of the start of this key" "$err"

# ---- terminal codes from the file never reach the terminal (item 1) ----
H="$top_srcdir/tests/data/hostile.yaml"
ESC=$(printf '\033') BEL=$(printf '\007') CR=$(printf '\r')
# codes FILE: the lines of FILE holding a byte that acts on a terminal (ESC,
# BEL, CR, DEL, a C1 control or a bidirectional override in UTF-8); a CR
# that ends a line (CSV's CRLF) is not one.
codes() { sed "s/$CR\$//" "$1" | LC_ALL=C grep -n "[$ESC$BEL$CR$(printf '\177')]\|$(printf '\302[\200-\237]')\|$(printf '\342\200[\252-\256]')\|$(printf '\342\201[\246-\251]')"; }
# inert NAME ARGS...: the command's output to a pipe has no terminal codes
inert() {
	name=$1; shift
	"$ARTRACK" "$@" > "$W/out" 2> "$W/err"; st=$?
	if [ $st -ne 0 ]; then not_ok "$name (exit $st)"; sed 's/^/# /' "$W/err"; return; fi
	found=$(codes "$W/out")
	if [ -z "$found" ]; then ok "$name"; else not_ok "$name"; printf '%s\n' "$found" | cat -v | head -5 | sed 's/^/# /'; fi
}
inert "show to a pipe has no terminal codes" show "$H" 1
inert "list (table) to a pipe has no terminal codes" list "$H"
inert "list --format tsv has no terminal codes" list --format tsv "$H"
inert "list --format csv has no terminal codes" list --format csv "$H"
inert "list --format json has no terminal codes" list --format json "$H"
inert "stats has no terminal codes" stats "$H"
inert "export --format csv has no terminal codes" export --format csv "$H"
inert "export --format markdown has no terminal codes" export --format markdown "$H"
inert "export --format html has no terminal codes" export --format html "$H"
sed 's/CLEAR/CLEAN/; s/status: open/status: closed/' "$H" > "$W/hostile2.yaml"
inert "diff has no terminal codes" diff "$H" "$W/hostile2.yaml"
inert "diff --format markdown has no terminal codes" diff --format markdown "$H" "$W/hostile2.yaml"
inert "diff --format json has no terminal codes" diff --format json "$H" "$W/hostile2.yaml"
"$ARTRACK" show "$H" 1 > "$W/show"
expect_has "show shows an escape inert, as the UI does" "Item 1: CLEAR^[[2J^[[HTOPIC" "$(cat "$W/show")"
expect_has "... and a BEL" "leads:     Lead^[]0;TITLE^G" "$(cat "$W/show")"
expect_has "... and keeps the text's line breaks" "  and $(printf '\357\277\275')right-to-left" "$(cat "$W/show")"
expect_has "json escapes controls as JSON does" '"topic": "CLEAR\u001b[2J\u001b[HTOPIC"' "$("$ARTRACK" list --format json "$H")"
expect_has "... C1 and bidirectional ones too" '"meeting_title": "Meeting\u001b[31m red\u009b2J"' "$("$ARTRACK" list --format json "$H")"
expect_has "html writes controls as character references" "<td>CLEAR&#x241B;[2J&#x241B;[HTOPIC</td>" "$("$ARTRACK" export --format html "$H")"
if [ -n "$PYTHON3" ]; then
	expect_eq "json still reads back as the very strings" "CLEAR${ESC}[2J${ESC}[HTOPIC" \
		"$("$ARTRACK" list --format json "$H" | "$PYTHON3" -c 'import json, sys; sys.stdout.write(json.load(sys.stdin)[0]["topic"])')"
fi
# To a terminal: script(1) gives the command a pty.
if command -v script >/dev/null 2>&1; then
	for args in "show $H 1" "list $H" "list --format tsv $H" "export --format markdown $H"; do
		script -qec "'$ARTRACK' $args" /dev/null < /dev/null | sed "s/$CR\$//" > "$W/tty"
		found=$(codes "$W/tty")
		if [ -s "$W/tty" ] && [ -z "$found" ]; then ok "to a terminal: artrack $(echo "$args" | sed "s|$H|FILE|") has no terminal codes"
		else not_ok "to a terminal: $args has no terminal codes"; printf '%s\n' "$found" | cat -v | head -5 | sed 's/^/# /'; fi
	done
else
	skip "to a terminal: show has no terminal codes" "no script(1)"
fi
# Names and queries echoed in messages.
q="status:${ESC}]0;T${BEL}"
"$ARTRACK" list "$H" "$q" 2> "$W/err"
found=$(codes "$W/err")
if [ -z "$found" ] && grep -q 'status:^\[\]0;T^G' "$W/err"; then ok "a query echoed in a message is inert"; else not_ok "a query echoed in a message is inert"; cat -v "$W/err" | sed 's/^/# /'; fi
"$ARTRACK" check "$W/x${ESC}]0;T${BEL}.yaml" 2> "$W/err"
found=$(codes "$W/err")
if [ -z "$found" ] && grep -q 'x^\[\]0;T^G.yaml' "$W/err"; then ok "a file name echoed in a message is inert"; else not_ok "a file name echoed in a message is inert"; cat -v "$W/err" | sed 's/^/# /'; fi
printf 'artrack: 1\nitems:\n- id: 1\n  topic: x\n  kind: action\n  status: "open\\e[2J"\n' > "$W/badvalue.yaml"
"$ARTRACK" check "$W/badvalue.yaml" 2> "$W/err"
found=$(codes "$W/err")
if [ -z "$found" ] && [ -s "$W/err" ]; then ok "a value echoed in a message is inert"; else not_ok "a value echoed in a message is inert"; cat -v "$W/err" | sed 's/^/# /'; fi

# ---- spreadsheet formulas neutralised in CSV (item 5) ----
"$ARTRACK" list --format csv "$H" > "$W/list.csv"
"$ARTRACK" export --format csv "$H" > "$W/export.csv"
expect_has "list csv: a topic starting with = is text" "\"'=HYPERLINK(\"\"http://example.invalid/?leak\"\",\"\"click me\"\")\"" "$(cat "$W/list.csv")"
expect_has "list csv: leads starting with @ are text" "\"'@SUM(1+1)*cmd|' /C calc'!A0; -2+3\"" "$(cat "$W/list.csv")"
expect_has "list csv: a topic starting with a tab is text" "\"'	Tab first\"" "$(cat "$W/list.csv")"
expect_has "export csv: a text starting with + is text" "\"'+1+cmd|' /C calc'!A0\"" "$(cat "$W/export.csv")"
if [ -n "$PYTHON3" ]; then
	expect_eq "no csv cell starts like a formula" "" "$("$PYTHON3" -c '
import csv, sys
for name in sys.argv[1:]:
    rows = list(csv.reader(open(name, newline="", encoding="utf-8")))
    for r in rows[1:]:
        for c in r:
            if c[:1] in ("=", "+", "-", "@", "\t", "\r"):
                print(name, repr(c))' "$W/list.csv" "$W/export.csv")"
fi

# ---- the markdown title is escaped like the rest (item 6) ----
"$ARTRACK" export --format markdown "$H" > "$W/md"
expect_eq "markdown title escaped" "# &lt;/title>&lt;script>alert(1)&lt;/script>^[[2J" "$(head -1 "$W/md")"

# ---- bounded input, and out of memory ends with a message (item 3) ----
if [ -e /dev/zero ]; then
	expect_status "import /dev/zero stops at the size limit" 1 "$ARTRACK" import /dev/zero
	expect_has "... saying why" "/dev/zero: more than 64 MB, too big to be a committee paper; nothing imported" "$err"
	head -c 70000000 /dev/zero | "$ARTRACK" import -o "$W/zero.yaml" > /dev/null 2> "$W/err"; st=$?
	expect_eq "import from a pipe stops at the limit too" "1 no output" "$st $([ -e "$W/zero.yaml" ] && echo output || echo no output)"
	cp "$T" "$W/upd.yaml" && chmod u+w "$W/upd.yaml"
	head -c 20000000 /dev/zero | "$ARTRACK" add-update "$W/upd.yaml" 21 - > /dev/null 2> "$W/err"; st=$?
	expect_eq "add-update - stops at its limit too, adding nothing" "1 same" "$st $(cmp -s "$T" "$W/upd.yaml" && echo same)"
	expect_has "... saying why" "standard input: more than 16 MB, too long for an update; nothing added" "$(cat "$W/err")"
fi
# Under a memory limit (not with AddressSanitizer, which needs terabytes of
# address space): find what the program needs to start, allow 40 MB more,
# and give it 60 MB to import.
base=
for v in 50000 100000 200000 400000; do
	if (ulimit -v $v && "$ARTRACK" --version) >/dev/null 2>&1; then base=$v; break; fi
done
if [ -n "$base" ]; then
	(ulimit -v $((base + 40000)) && head -c 60000000 /dev/zero | tr '\0' a | "$ARTRACK" import) > "$W/out" 2> "$W/err"; st=$?
	expect_eq "out of memory in import exits 1" 1 "$st"
	expect_has "... with a message, not a bare abort" "artrack: out of memory (asked for " "$(cat "$W/err")"
else
	skip "out of memory in import exits 1" "cannot run under ulimit -v (a sanitizer build?)"
fi

# ---- tests do not depend on the caller's signal dispositions (item 8) ----
if [ -x "$top_builddir/tests/unit/test-extedit" ] && command -v bash >/dev/null 2>&1; then
	expect_status "test-extedit passes when started with SIGINT and SIGQUIT ignored" 0 \
		bash -c "trap '' INT QUIT; cd '$W' && CMOCKA_MESSAGE_OUTPUT=stdout exec '$top_builddir/tests/unit/test-extedit'"
else
	skip "test-extedit passes when started with SIGINT and SIGQUIT ignored" "no cmocka tests built"
fi

# ---- files the user may not replace are never replaced (item 2) ----
messy() { sed 's/^committee: /committee:  /' "$T" > "$1"; }   # valid, not canonical: fmt would rewrite it
messy "$W/ro.yaml"; chmod 444 "$W/ro.yaml"; cp "$W/ro.yaml" "$W/ro.orig"
expect_status "fmt refuses a file with no write permission" 1 "$ARTRACK" fmt "$W/ro.yaml"
expect_has "... saying so" "ro.yaml is read-only (mode 0444: no write permission for you); not rewritten" "$err"
expect_eq "... leaving it as it was, with no FILE~" "same 444 no-backup" \
	"$(cmp -s "$W/ro.yaml" "$W/ro.orig" && echo same) $(stat -c %a "$W/ro.yaml") $([ -e "$W/ro.yaml~" ] && echo backup || echo no-backup)"
expect_status "add-meeting refuses it too" 1 "$ARTRACK" add-meeting "$W/ro.yaml" 2024-01-01
if [ -n "$other_user" ]; then
	# In a folder anyone may write, as in the issue: a root-owned 0444
	# file, and a root-owned 0666 one whose owner a replacement would lose.
	messy "$S/root444.yaml"; chmod 444 "$S/root444.yaml"; cp "$S/root444.yaml" "$W/root444.orig"
	expect_status "fmt as another user refuses a root-owned 0444 file" 1 as_other "$ARTRACK" fmt "$S/root444.yaml"
	expect_has "... saying it is read-only" "root444.yaml is read-only (mode 0444: no write permission for you); not rewritten" "$err"
	expect_eq "... which stays root's, unchanged, with no FILE~ and no temporary file" "root same root444.yaml" \
		"$(stat -c %U "$S/root444.yaml") $(cmp -s "$S/root444.yaml" "$W/root444.orig" && echo same) $(cd "$S" && ls -A | grep root444 | tr '\n' ' ' | sed 's/ $//')"
	messy "$S/root666.yaml"; chmod 666 "$S/root666.yaml"
	expect_status "fmt as another user refuses a root-owned 0666 file (its owner would be lost)" 1 as_other "$ARTRACK" fmt "$S/root666.yaml"
	expect_has "... saying whose it is" "root666.yaml belongs to root: saving it would make it yours; not rewritten" "$err"
	expect_eq "... which stays root's" "root" "$(stat -c %U "$S/root666.yaml")"
	expect_status "set as another user refuses it too" 1 as_other "$ARTRACK" set "$S/root666.yaml" id:1 status=closed
	expect_eq "... and it is not changed" "in-progress" "$("$ARTRACK" list --format tsv "$S/root666.yaml" id:1 | tail -1 | cut -f4)"
	# The same user's own file is rewritten as before.
	as_other sh -c "sed 's/^committee: /committee:  /' '$T' > '$S/mine.yaml'"
	expect_status "fmt as another user rewrites a file of their own" 0 as_other "$ARTRACK" fmt "$S/mine.yaml"
	expect_eq "... keeping it theirs, with the old version as FILE~" "nobody nobody" "$(stat -c %U "$S/mine.yaml") $(stat -c %U "$S/mine.yaml~")"
	rm -f "$S"/root444.yaml "$S"/root666.yaml "$S"/mine.yaml "$S"/mine.yaml~
else
	skip "fmt as another user refuses a root-owned 0444 file" "$why_no_other"
fi

tap_done
