#!/bin/sh
# flow-style.sh - a tracker written in flow style keeps every comment
# through the write commands, fmt and merge (issue 12: "a comment the model
# cannot place is kept at the nearest item rather than dropped").
. "$top_srcdir/tests/cli/tap.sh"

F="$TMPDIR_TEST/flow.yaml"
cat >"$F" <<'YAML'
# Health scrutiny tracker, generated as flow style
artrack: 1          # format
committee: Health
meetings: [{date: 2023-09-21, title: Autumn}]   # one meeting
items: [            # every item
  # the first one
  {id: 1, meeting: 2023-09-21, topic: Training, kind: action,   # from the minutes
   status: open},   # waiting for dates
  {id: 2, topic: Recruitment, kind: recommendation, status: in-progress,
   # who leads it
   leads: [Tom Hudson], updates: [{date: 2023-09-21, text: Two posts filled}]},  # the big one
  {id: 3, topic: Estates, kind: action, status: open}   # to remove
  # after the last item
]
# end of the tracker
YAML
cp "$F" "$TMPDIR_TEST/before.yaml"

# the sorted comment texts of a file (its only '#' signs are comments)
comments() { grep -o '#.*' "$1" | sed 's/ *$//' | sort; }
comments "$F" >"$TMPDIR_TEST/want"
same_comments() { comments "$1" | cmp -s - "$TMPDIR_TEST/want"; }

expect_status "set on a flow-style file" 0 "$ARTRACK" set "$F" id:1 status=completed
check "set keeps every comment" same_comments "$F"
case $(cat "$F") in *"status: completed # waiting for dates"*) ok "an end-of-line comment stays on its item's line" ;;
*) not_ok "an end-of-line comment stays on its item's line"; sed 's/^/# /' "$F" ;; esac
case $(cat "$F") in *"# the first one
- id: 1"*) ok "a whole-line comment goes before the item that followed it" ;;
*) not_ok "a whole-line comment goes before the item that followed it" ;; esac
expect_status "check passes" 0 "$ARTRACK" check "$F"

cp "$TMPDIR_TEST/before.yaml" "$F"
expect_status "add-update on a flow-style file" 0 "$ARTRACK" add-update --date 2023-10-05 --by Clerk "$F" 2 "Chased"
check "add-update keeps every comment" same_comments "$F"
expect_status "rm on a flow-style file" 0 "$ARTRACK" rm "$F" 3
comments "$TMPDIR_TEST/before.yaml" | grep -v '# to remove' >"$TMPDIR_TEST/want"
check "rm keeps every comment but the removed item's" same_comments "$F"

cp "$TMPDIR_TEST/before.yaml" "$F"
comments "$F" >"$TMPDIR_TEST/want"
expect_status "fmt --check: flow style is not canonical" 1 "$ARTRACK" fmt --check "$F"
expect_status "fmt a flow-style file" 0 "$ARTRACK" fmt "$F"
check "fmt keeps every comment" same_comments "$F"
expect_status "fmt --check passes after fmt" 0 "$ARTRACK" fmt --check "$F"
cp "$F" "$TMPDIR_TEST/fmt-once.yaml"
expect_status "fmt again" 0 "$ARTRACK" fmt "$F"
check "fmt is idempotent" cmp -s "$F" "$TMPDIR_TEST/fmt-once.yaml"

# the whole file as one flow mapping
cat >"$F" <<'YAML'
# one flow mapping
{artrack: 1, committee: Health,   # who
 items: [{id: 1, topic: Training, kind: action, status: open},  # first
         # second
         {id: 2, topic: Estates, kind: action, status: open}]}
# end
YAML
cp "$F" "$TMPDIR_TEST/top.yaml"
comments "$F" >"$TMPDIR_TEST/want"
expect_status "set on a flow top level" 0 "$ARTRACK" set "$F" id:2 status=closed
check "set keeps every comment of a flow top level" same_comments "$F"
expect_status "fmt a flow top level" 0 "$ARTRACK" fmt "$F"
check "fmt keeps every comment of a flow top level" same_comments "$F"

# merge: both sides edit a flow-style file (the driver writes through the saver)
cp "$TMPDIR_TEST/before.yaml" "$TMPDIR_TEST/base.yaml"
cp "$TMPDIR_TEST/before.yaml" "$TMPDIR_TEST/ours.yaml"
cp "$TMPDIR_TEST/before.yaml" "$TMPDIR_TEST/theirs.yaml"
comments "$TMPDIR_TEST/before.yaml" >"$TMPDIR_TEST/want"
"$ARTRACK" set "$TMPDIR_TEST/ours.yaml" id:1 status=completed >/dev/null
"$ARTRACK" set "$TMPDIR_TEST/theirs.yaml" id:2 status=completed >/dev/null
expect_status "merge of two flow-style edits" 0 "$ARTRACK" merge "$TMPDIR_TEST/base.yaml" "$TMPDIR_TEST/ours.yaml" "$TMPDIR_TEST/theirs.yaml"
check "merge keeps every comment" same_comments "$TMPDIR_TEST/ours.yaml"
case $(cat "$TMPDIR_TEST/ours.yaml") in *"status: completed # waiting for dates"*"status: completed"*) ok "merge keeps both edits" ;;
*) not_ok "merge keeps both edits"; sed 's/^/# /' "$TMPDIR_TEST/ours.yaml" ;; esac

tap_done
