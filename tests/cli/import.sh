#!/bin/sh
# import.sh - `artrack import`: the reference paper gives the bundled tracker
# byte for byte by every route (-o, stdin, '-'), warnings name input lines,
# the output passes check and fmt --check, and junk writes nothing.
. "$top_srcdir/tests/cli/tap.sh"

REF="$top_srcdir/tests/data/hosc-tracker-2023-09-21.txt"
PLAIN="$top_srcdir/tests/data/import/plain.txt"
BUNDLED="$top_srcdir/data/hosc-2023-09-21.yaml"
D="$TMPDIR_TEST"

# ---- the reference paper ----
expect_status "import of the reference exits 0" 0 "$ARTRACK" import "$REF"
"$ARTRACK" import "$REF" >"$D/stdout.yaml" 2>/dev/null
check "stdout is the bundled tracker byte for byte" cmp -s "$D/stdout.yaml" "$BUNDLED"
expect_status "import -o exits 0" 0 "$ARTRACK" import -o "$D/out.yaml" "$REF"
expect_eq "import -o writes nothing to stdout" "" "$out"
check "-o gives the same bytes" cmp -s "$D/out.yaml" "$BUNDLED"
"$ARTRACK" import <"$REF" >"$D/stdin.yaml" 2>/dev/null
check "stdin gives the same bytes" cmp -s "$D/stdin.yaml" "$BUNDLED"
"$ARTRACK" import - <"$REF" >"$D/dash.yaml" 2>/dev/null
check "'-' gives the same bytes" cmp -s "$D/dash.yaml" "$BUNDLED"

"$ARTRACK" import -o "$D/w.yaml" "$REF" 2>"$D/warnings"
expect_eq "twelve warnings, one per unnumbered row" 12 "$(wc -l <"$D/warnings" | tr -d ' ')"
expect_eq "a warning names the input and its line" \
	"$REF:86: warning: row without an item number: given id 25" "$(head -n 1 "$D/warnings")"
"$ARTRACK" import <"$REF" 2>&1 >/dev/null | head -n 1 >"$D/stdin-warning"
case $(cat "$D/stdin-warning") in *":86: warning: "*) ok "stdin warnings carry line numbers" ;;
	*) not_ok "stdin warnings carry line numbers: $(cat "$D/stdin-warning")" ;; esac

expect_status "the import passes check" 0 "$ARTRACK" check "$D/out.yaml"
expect_status "the import passes fmt --check" 0 "$ARTRACK" fmt --check "$D/out.yaml"

# ---- the plain-text copy of the paper ----
expect_status "the plain-text form imports" 0 "$ARTRACK" import -o "$D/plain.yaml" "$PLAIN"
expect_status "its import passes check" 0 "$ARTRACK" check "$D/plain.yaml"
expect_eq "it has the 36 items" 36 "$("$ARTRACK" list --format tsv "$D/plain.yaml" | tail -n +2 | wc -l | tr -d ' ')"

# ---- no tracker: exit 1, nothing written ----
printf 'Dear all,\nplease find the minutes attached.\n' >"$D/junk.txt"
expect_status "junk exits 1" 1 "$ARTRACK" import -o "$D/none.yaml" "$D/junk.txt"
case $err in *"junk.txt: error: no tracker table found"*) ok "junk is explained" ;;
	*) not_ok "junk is explained: $err" ;; esac
check "junk creates no output file" test ! -e "$D/none.yaml"
expect_status "a tracker file given to import exits 1" 1 "$ARTRACK" import "$top_srcdir/data/hosc-2023-09-21.yaml"
expect_eq "with one line, no warning per line of YAML" 1 "$(printf '%s\n' "$err" | wc -l | tr -d ' ')"
case $err in *"already a tracker file"*) ok "and says it is a tracker already" ;; *) not_ok "and says it is a tracker already: $err" ;; esac
echo "keep me" >"$D/kept.yaml"
expect_status "junk over an existing -o exits 1" 1 "$ARTRACK" import -o "$D/kept.yaml" "$D/junk.txt"
expect_eq "the existing -o file is untouched" "keep me" "$(cat "$D/kept.yaml")"
: >"$D/empty.txt"
expect_status "empty input exits 1" 1 "$ARTRACK" import "$D/empty.txt"
expect_eq "empty input writes nothing to stdout" "" "$out"
printf '1\tTopic\377\tText\n' >"$D/latin1.txt"
expect_status "input that is not UTF-8 exits 1" 1 "$ARTRACK" import "$D/latin1.txt"
case $err in *"latin1.txt:1: error: the input is not UTF-8"*) ok "not UTF-8 names the line" ;;
	*) not_ok "not UTF-8 names the line: $err" ;; esac

# ---- -o never replaces a tracker by accident ----
"$ARTRACK" import -o "$D/mine.yaml" "$REF" 2>/dev/null
cp "$D/mine.yaml" "$D/mine.orig"
"$ARTRACK" add-meeting "$D/mine.yaml" 2030-01-01 >/dev/null 2>&1 || echo '# mine' >>"$D/mine.yaml"
rm -f "$D/mine.yaml~" # add-meeting keeps the file before it; the import must make none
cp "$D/mine.yaml" "$D/mine.edited"
expect_status "import -o over an existing file exits 1" 1 "$ARTRACK" import -o "$D/mine.yaml" "$PLAIN"
case $err in *"mine.yaml already exists; not replaced"*"--force"*) ok "the refusal names the file and --force" ;;
	*) not_ok "the refusal names the file and --force: $err" ;; esac
check "the existing tracker is untouched" cmp -s "$D/mine.yaml" "$D/mine.edited"
check "and no FILE~ is made" test ! -e "$D/mine.yaml~"
expect_status "refused even for a dangling symlink" 1 sh -c 'ln -s "$1/nowhere" "$1/link.yaml" && "$2" import -o "$1/link.yaml" "$3"' sh "$D" "$ARTRACK" "$REF"
expect_status "import --force -o replaces it" 0 "$ARTRACK" import --force -o "$D/mine.yaml" "$REF"
check "with the import" cmp -s "$D/mine.yaml" "$BUNDLED"
check "keeping the old one as FILE~" cmp -s "$D/mine.yaml~" "$D/mine.edited"
expect_status "-f is --force" 0 "$ARTRACK" import -f -o "$D/mine.yaml" "$PLAIN"
sleep 60 & holder=$!
printf 'pid: %s\nhost: %s\nuser: someone-else\nsince: 2023-09-21T10:15:00Z\ntoken: t.1\n' "$holder" "$(uname -n)" >"$D/mine.yaml.lock"
cp "$D/mine.yaml" "$D/mine.before"
expect_status "--force over a tracker another artrack has open exits 1" 1 "$ARTRACK" import --force -o "$D/mine.yaml" "$REF"
case $err in *"mine.yaml is in use by someone-else"*"not replaced"*) ok "the refusal names the holder" ;;
	*) not_ok "the refusal names the holder: $err" ;; esac
check "the open tracker is untouched" cmp -s "$D/mine.yaml" "$D/mine.before"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
rm -f "$D/mine.yaml.lock"
expect_status "import to stdout needs no --force" 0 "$ARTRACK" import -o - "$REF"

# ---- usage ----
expect_status "two inputs exit 2" 2 "$ARTRACK" import "$REF" "$REF"
expect_status "a missing input exits 1" 1 "$ARTRACK" import "$D/nope.txt"

tap_done
