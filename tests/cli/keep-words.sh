#!/bin/sh
# keep-words.sh - issue 12's done-when on the command line: a commented,
# hand-formatted tracker through set, add-update and fmt keeps every comment
# and changes only the edited lines; an emoji survives fmt as itself; FILE~
# is the file before the first save; PyYAML reads the same strings back.
. "$top_srcdir/tests/cli/tap.sh"

F="$TMPDIR_TEST/hand.yaml"
cat >"$F" <<'YAML'
# Health scrutiny tracker -- kept by hand.

artrack: 1            # format version
committee: "Health Overview and Scrutiny Committee"
meetings:
    - date: 2023-09-21          # the autumn meeting
      title: 21 September 2023 Meeting
items:
    # an action from the minutes
    - id: 1
      topic: 'Training'
      kind: action
      status: open              # dates not set yet
      leads: [Tom Hudson, Omid Nouri]

    # the big one
    - id: 2
      meeting: 2023-09-21
      kind: recommendation
      text: >
        Specified roles are filled
        within the ICB 🙂.
      status: in-progress       # chased in October
      updates:
        # the first response
        - date: 2023-09-21
          text: "Recruited – two posts"
# end of the tracker
YAML
cp "$F" "$TMPDIR_TEST/before.yaml"

changed() { diff "$1" "$2" | grep -c '^[<>]'; }

expect_status "set changes the file" 0 "$ARTRACK" set "$F" id:1 status=completed
expect_eq "set changes only the edited line" 2 "$(changed "$TMPDIR_TEST/before.yaml" "$F")"
case $(diff "$TMPDIR_TEST/before.yaml" "$F") in
*"status: completed # dates not set yet"*) ok "the edited line keeps its comment" ;;
*) not_ok "the edited line keeps its comment" ;;
esac
check "FILE~ is the file before the save" cmp -s "$F~" "$TMPDIR_TEST/before.yaml"
cp "$F" "$TMPDIR_TEST/after-set.yaml"

expect_status "add-update adds to the file" 0 "$ARTRACK" add-update --date 2023-10-05 --by Clerk "$F" 2 "Chased again 👍"
expect_eq "add-update only adds lines" "$(($(wc -l <"$TMPDIR_TEST/after-set.yaml") + 3))" "$(wc -l <"$F" | tr -d ' ')"
expect_eq "add-update changes nothing else" 3 "$(changed "$TMPDIR_TEST/after-set.yaml" "$F")"
case $(cat "$F") in *"Chased again 👍"*) ok "the new update's emoji is written as itself" ;; *) not_ok "emoji in a new update" ;; esac

cp "$F" "$TMPDIR_TEST/before-fmt.yaml"
expect_status "fmt --check: hand layout is not canonical" 1 "$ARTRACK" fmt --check "$F"
expect_status "fmt rewrites" 0 "$ARTRACK" fmt "$F"
missing=0
grep -o '#.*' "$TMPDIR_TEST/before-fmt.yaml" | while IFS= read -r comment; do
	grep -qF -- "$comment" "$F" || { echo "# lost: $comment"; exit 1; }
done || missing=1
expect_eq "fmt keeps every comment" 0 "$missing"
expect_eq "fmt keeps the blank lines" 2 "$(grep -c '^$' "$F")"
case $(cat "$F") in *"text: |"*"    Specified roles are filled within the ICB 🙂."*) ok "an emoji in a block survives fmt as itself" ;; *) not_ok "emoji in a block after fmt" ;; esac
case $(cat "$F") in *'\U'*) not_ok "no \\U escapes" ;; *) ok "no \\U escapes" ;; esac
expect_status "fmt --check passes after fmt" 0 "$ARTRACK" fmt --check "$F"
cp "$F" "$TMPDIR_TEST/fmt-once.yaml"
expect_status "fmt again" 0 "$ARTRACK" fmt "$F"
check "fmt is idempotent" cmp -s "$F" "$TMPDIR_TEST/fmt-once.yaml"
expect_status "check passes" 0 "$ARTRACK" check "$F"

if python3 -c 'import yaml' 2>/dev/null; then
	same=$(python3 - "$TMPDIR_TEST/before-fmt.yaml" "$F" <<'PY'
import sys, yaml
a, b = (yaml.safe_load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
# fmt writes response: pending for a recommendation without one
for it in a["items"]:
    if it["kind"] == "recommendation":
        it.setdefault("response", "pending")
print("same" if a == b else "differ: %r\n%r" % (a, b))
PY
)
	expect_eq "PyYAML reads the same tracker before and after fmt" same "$same"
else
	ok "# SKIP PyYAML not installed"
fi
tap_done
