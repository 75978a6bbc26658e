#!/bin/sh
# check.sh - bad tracker files: each gets exit status 1 and a
# FILE:LINE:COLUMN: error: line naming the problem; nothing crashes.
. "$top_srcdir/tests/cli/tap.sh"

D="$TMPDIR_TEST"
HEAD='artrack: 1
meetings:
  - date: 2022-11-24
items:'

# bad NAME LINE WORD CONTENT: `check` of CONTENT exits 1 and reports an
# error at LINE (any column) whose message holds WORD.
bad() {
	name=$1 line=$2 word=$3 content=$4
	f="$D/$name.yaml"
	printf '%s\n' "$content" >"$f"
	"$ARTRACK" check "$f" >"$D/out" 2>"$D/err"
	status=$?
	if [ "$status" = 1 ] && grep -q "^$f:$line:[0-9][0-9]*: error: .*$word" "$D/err"; then
		ok "$name: exit 1 and $f:$line:COL: error: ...$word..."
	else
		not_ok "$name (exit $status)"
		sed 's/^/# /' "$D/err" | head -5
	fi
}

bad empty 1 "empty" ""
bad not-a-mapping 1 "mapping" "- just
- a list"
bad version 1 "version" "artrack: 2
items: []"
bad no-items 1 "items" "artrack: 1"
bad alias 5 "alias" "$HEAD
  - &a
    id: 1
    topic: x
    kind: action
    status: open
  - *a"
bad duplicate-key 9 "duplicate" "$HEAD
  - id: 1
    topic: x
    kind: action
    status: open
    topic: y"
bad duplicate-id 9 "duplicate id" "$HEAD
  - id: 1
    topic: x
    kind: action
    status: open
  - id: 1
    topic: y
    kind: action
    status: open"
bad unknown-meeting 6 "2022-11-25" "$HEAD
  - id: 1
    meeting: 2022-11-25
    topic: x
    kind: action
    status: open"
bad impossible-date 9 "2023-02-30" "$HEAD
  - id: 1
    topic: x
    kind: action
    status: open
    due: 2023-02-30"
bad bad-status 8 "bogus" "$HEAD
  - id: 1
    topic: x
    kind: action
    status: bogus"
bad bad-kind 7 "motion" "$HEAD
  - id: 1
    topic: x
    kind: motion
    status: open"
bad action-response 9 "response" "$HEAD
  - id: 1
    topic: x
    kind: action
    status: open
    response: accepted"
bad missing-kind 5 "kind" "$HEAD
  - id: 1
    topic: x
    status: open"
bad bad-id 5 "id" "$HEAD
  - id: -3
    topic: x
    kind: action
    status: open"
bad update-without-text 10 "text" "$HEAD
  - id: 1
    topic: x
    kind: action
    status: open
    updates:
      - date: 2023-01-01"
bad syntax "[0-9]*" "" "$HEAD
  - id: 1
    topic: [unclosed
    kind: action"

# Invalid UTF-8 on line 6: the reader's error carries only a byte offset.
printf 'artrack: 1\nmeetings: []\nitems:\n  - id: 1\n    kind: action\n    topic: caf\377\n    status: open\n' >"$D/utf8.yaml"
"$ARTRACK" check "$D/utf8.yaml" >/dev/null 2>"$D/err"
status=$?
if [ "$status" = 1 ] && grep -q "^$D/utf8.yaml:6:[0-9]*: error: " "$D/err"; then ok "invalid UTF-8: line 6"; else
	not_ok "invalid UTF-8 (exit $status)"; sed 's/^/# /' "$D/err"; fi

# Every problem is reported, not just the first.
printf '%s\n' "$HEAD
  - id: 1
    topic: x
    kind: motion
    status: bogus
  - id: 1
    topic: y
    kind: action
    status: open" >"$D/many.yaml"
"$ARTRACK" check "$D/many.yaml" >/dev/null 2>"$D/err"
expect_eq "three problems, three lines" "3" "$(grep -c ': error: ' "$D/err")"

# Several files: the status is 1 if any is bad; the good one says nothing.
expect_status "check of a good and a bad file exits 1" 1 "$ARTRACK" check "$top_srcdir/data/hosc-2023-09-21.yaml" "$D/bad-kind.yaml"
case $err in *hosc-2023*) not_ok "the good file is not mentioned" ;; *) ok "the good file is not mentioned" ;; esac

# Deep nesting and a huge document do not crash or hang.
python_deep() { i=0; while [ $i -lt 20000 ]; do printf '['; i=$((i + 1)); done; }
{ printf 'artrack: 1\nitems: '; python_deep; } >"$D/deep.yaml"
expect_status "deep nesting is refused" 1 "$ARTRACK" check "$D/deep.yaml"
head -c 100000 /dev/urandom >"$D/random.yaml"
expect_status "random bytes are refused" 1 "$ARTRACK" check "$D/random.yaml"

tap_done
