#!/bin/sh
# conflict-open.sh - opening a file with merge conflicts whose one side is
# not a valid tracker: the program cannot offer that side, so it says why,
# at the line of the file the officer sees (issue 13: "bad input gets a
# clear message naming the file, line and column").
. "$top_srcdir/tests/cli/tap.sh"

F="$TMPDIR_TEST/conflicted.yaml"
cat >"$F" <<'YAML'
artrack: 1
committee: Health
meetings:
  - date: 2023-09-21
items:
  - id: 1
    meeting: 2023-09-21
    topic: Training
    kind: action
<<<<<<< ours
    status: in-progress
=======
    status: finishd
>>>>>>> theirs
YAML
cp "$F" "$TMPDIR_TEST/before.yaml"

# No terminal is needed: the file is read before the screen is set up.
"$ARTRACK" "$F" </dev/null >"$TMPDIR_TEST/out" 2>"$TMPDIR_TEST/err"
expect_eq "the UI refuses a conflict it cannot offer (exit 1)" 1 "$?"
case $(cat "$TMPDIR_TEST/err") in
*"conflicted.yaml:10:1: error: merge conflict in item 1 status"*) ok "the conflict is named with its line" ;;
*) not_ok "the conflict is named with its line"; sed 's/^/# /' "$TMPDIR_TEST/err" ;; esac
case $(cat "$TMPDIR_TEST/err") in
*"conflicted.yaml:13:13: error: theirs' side of the conflicts: status 'finishd' is not one of"*)
	ok "theirs' bad value is told at its line in the file, not in theirs' side alone" ;;
*) not_ok "theirs' bad value is told at its line in the file, not in theirs' side alone"
   sed 's/^/# /' "$TMPDIR_TEST/err" ;; esac
check "the file is untouched" cmp -s "$F" "$TMPDIR_TEST/before.yaml"

tap_done
