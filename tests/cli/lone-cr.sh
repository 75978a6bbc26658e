#!/bin/sh
# lone-cr.sh - a tracker whose line breaks are lone CRs (old Mac files;
# YAML reads a lone CR as a line break) keeps every comment and its CRs
# through the write commands and fmt: an edit changes only its lines.
# Mixed with LFs, they keep every comment too.
. "$top_srcdir/tests/cli/tap.sh"

F="$TMPDIR_TEST/mac.yaml"
printf '%s\r' '# Health scrutiny tracker, saved on an old Mac' 'artrack: 1  # format' 'committee: Health' \
	'items:  # every item' '# the first one' '- id: 1  # from the minutes' '  topic: Training' '  kind: action' \
	'  status: open  # waiting for dates' '- id: 2' '  topic: Estates' '  kind: action' '  status: open' \
	'# end of the tracker' >"$F"
cp "$F" "$TMPDIR_TEST/before.yaml"

# the file with its CRs as LFs (to compare line by line)
lf() { tr '\r' '\n' <"$1"; }
no_lf() { [ "$(tr -cd '\n' <"$1" | wc -c)" -eq 0 ] && [ "$(tr -cd '\r' <"$1" | wc -c)" -gt 0 ]; }

expect_status "set on a lone-CR file" 0 "$ARTRACK" set "$F" id:1 status=completed
lf "$TMPDIR_TEST/before.yaml" | sed "s/^  status: open  # waiting/  status: completed # waiting/" >"$TMPDIR_TEST/want"
lf "$F" >"$TMPDIR_TEST/got"
check "set changes only the status line, every comment kept" cmp -s "$TMPDIR_TEST/want" "$TMPDIR_TEST/got"
check "set keeps the CRs (no LF written)" no_lf "$F"
expect_status "check passes" 0 "$ARTRACK" check "$F"

cp "$TMPDIR_TEST/before.yaml" "$F"
expect_status "add-update on a lone-CR file" 0 "$ARTRACK" add-update --date 2023-10-05 --by Clerk "$F" 2 "Chased"
check "add-update keeps the CRs" no_lf "$F"
check "add-update keeps every comment" test "$(lf "$F" | grep -c '#')" -eq "$(lf "$TMPDIR_TEST/before.yaml" | grep -c '#')"
case $(lf "$F") in *"  updates:
  - date: 2023-10-05
    by: Clerk
    text: Chased
# end of the tracker"*) ok "the update is written in CR lines before the tail comment" ;;
*) not_ok "the update is written in CR lines before the tail comment"; lf "$F" | sed 's/^/# /' ;; esac

cp "$TMPDIR_TEST/before.yaml" "$F"
expect_status "fmt --check: two spaces before a comment are not canonical" 1 "$ARTRACK" fmt --check "$F"
expect_status "fmt a lone-CR file" 0 "$ARTRACK" fmt "$F"
lf "$TMPDIR_TEST/before.yaml" | sed 's/  #/ #/' >"$TMPDIR_TEST/want"
lf "$F" >"$TMPDIR_TEST/got"
check "fmt keeps every comment and changes only their spacing" cmp -s "$TMPDIR_TEST/want" "$TMPDIR_TEST/got"
check "fmt keeps the CRs" no_lf "$F"
expect_status "fmt --check passes after fmt" 0 "$ARTRACK" fmt --check "$F"

# merge (the git driver): theirs' new comment comes in, the CRs stay; a
# conflict is marked on its own lines (in LF lines, as markers are read)
for side in base ours theirs; do cp "$TMPDIR_TEST/before.yaml" "$TMPDIR_TEST/$side.yaml"; done
"$ARTRACK" set "$TMPDIR_TEST/ours.yaml" id:1 status=completed >/dev/null
"$ARTRACK" set "$TMPDIR_TEST/theirs.yaml" id:2 status=completed >/dev/null
lf "$TMPDIR_TEST/theirs.yaml" | sed 's/^- id: 2$/# theirs note\n- id: 2/' | tr '\n' '\r' >"$TMPDIR_TEST/t"
mv "$TMPDIR_TEST/t" "$TMPDIR_TEST/theirs.yaml"
expect_status "merge of two lone-CR edits" 0 "$ARTRACK" merge "$TMPDIR_TEST/base.yaml" "$TMPDIR_TEST/ours.yaml" "$TMPDIR_TEST/theirs.yaml"
check "merge keeps the CRs" no_lf "$TMPDIR_TEST/ours.yaml"
case $(lf "$TMPDIR_TEST/ours.yaml") in *"status: completed # waiting"*"# theirs note
- id: 2"*"status: completed"*) ok "merge keeps both edits and theirs' comment" ;;
*) not_ok "merge keeps both edits and theirs' comment"; lf "$TMPDIR_TEST/ours.yaml" | sed 's/^/# /' ;; esac
for side in base ours theirs; do cp "$TMPDIR_TEST/before.yaml" "$TMPDIR_TEST/$side.yaml"; done
"$ARTRACK" set "$TMPDIR_TEST/ours.yaml" id:2 status=completed >/dev/null
"$ARTRACK" set "$TMPDIR_TEST/theirs.yaml" id:2 status=in-progress >/dev/null
expect_status "a conflicting merge" 1 "$ARTRACK" merge "$TMPDIR_TEST/base.yaml" "$TMPDIR_TEST/ours.yaml" "$TMPDIR_TEST/theirs.yaml"
case $(cat "$TMPDIR_TEST/ours.yaml") in *"
<<<<<<< "*"
  status: completed
=======
  status: in-progress
>>>>>>> "*) ok "the conflict is marked on the status line alone" ;;
*) not_ok "the conflict is marked on the status line alone"; sed 's/^/# /' "$TMPDIR_TEST/ours.yaml" ;; esac
check "the marked file keeps every comment" test "$(lf "$TMPDIR_TEST/ours.yaml" | grep -c '#')" -eq "$(lf "$TMPDIR_TEST/before.yaml" | grep -c '#')"

# lone CRs mixed with LFs: every comment kept (one after a lone CR on an
# LF line too), the lone CRs then written as LF
M="$TMPDIR_TEST/mixed.yaml"
printf 'artrack: 1  # format\ritems:\n# the first one\r- id: 1\r  topic: Training\n  kind: action\r  status: open  # waiting\r# end\n' >"$M"
expect_status "set on a file mixing lone CRs and LFs" 0 "$ARTRACK" set "$M" id:1 status=completed
printf 'artrack: 1  # format\nitems:\n# the first one\n- id: 1\n  topic: Training\n  kind: action\n  status: completed # waiting\n# end\n' >"$TMPDIR_TEST/want"
check "set keeps every comment of a mixed file, lone CRs as LF" cmp -s "$TMPDIR_TEST/want" "$M"

# a problem is reported at its line, lone CRs counted as line breaks
printf 'artrack: 1\ritems:\r- id: x\r  topic: A\r  kind: action\r  status: open\r' >"$TMPDIR_TEST/bad.yaml"
"$ARTRACK" check "$TMPDIR_TEST/bad.yaml" >"$TMPDIR_TEST/out" 2>&1
check "check names the line of a lone-CR file" grep -q 'bad.yaml:3:7: error: id must be a positive integer' "$TMPDIR_TEST/out"

tap_done
