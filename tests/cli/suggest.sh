#!/bin/sh
# suggest.sh - a word that names nothing gets the list and the nearest valid
# word ("did you mean completed?"), from queries, the file, --sort, --format
# and the command name alike; exit 2 on the command line, 1 for the file.
. "$top_srcdir/tests/cli/tap.sh"

T="$top_srcdir/data/hosc-2023-09-21.yaml"

# says NAME WANT_STATUS TEXT COMMAND...: exits WANT_STATUS and stderr holds TEXT.
says() {
	name=$1 want=$2 text=$3; shift 3
	expect_status "$name exits $want" "$want" "$@"
	case $err in *"$text"*) ok "$name: $text" ;; *) not_ok "$name: $text"; printf '# got: %s\n' "$err" ;; esac
}

says "a query value" 2 "status: 'compelted': did you mean completed? (not one of open, in-progress, completed, closed)" \
	"$ARTRACK" list "$T" status:compelted
says "a query field" 2 "unknown field 'stauts' at column 1; did you mean status?" "$ARTRACK" list "$T" stauts:open
says "is: value" 2 "did you mean overdue?" "$ARTRACK" list "$T" is:ovedrue
says "stats query" 2 "did you mean rejected?" "$ARTRACK" stats "$T" response:rejcted
says "a sort key" 2 "did you mean topic?" "$ARTRACK" list --sort tpoic "$T"
says "list format" 2 "list: --format: 'jsno': did you mean json? (not one of table, tsv, csv, json)" \
	"$ARTRACK" list --format jsno "$T"
says "export format" 2 "did you mean markdown?" "$ARTRACK" export --format makrdown "$T"
says "a command" 2 "unknown command 'lsit'; did you mean list?" "$ARTRACK" lsit "$T"
says "an ambiguous value" 2 "status: 'c' is ambiguous (completed, closed)" "$ARTRACK" list "$T" status:c

# Nothing near: the list, and no guess.
expect_status "far from every value exits 2" 2 "$ARTRACK" list "$T" status:xyzzy
case $err in *"did you mean"*) not_ok "no guess when nothing is near" ;; *) ok "no guess when nothing is near" ;; esac

# The file takes whole words only; a prefix there is suggested in full.
f="$TMPDIR_TEST/prefix.yaml"
printf 'artrack: 1\nitems:\n- id: 1\n  topic: x\n  kind: recommendation\n  status: compelted\n  response: partial\n' >"$f"
expect_status "bad values in the file exit 1" 1 "$ARTRACK" check "$f"
case $err in *"$f:6:11: error: status 'compelted': did you mean completed? (not one of open, in-progress, completed, closed)"*)
	ok "the loader suggests the nearest status" ;; *) not_ok "the loader suggests the nearest status"; printf '# %s\n' "$err" ;; esac
case $err in *"$f:7:13: error: response 'partial': did you mean partially-accepted? (not one of pending, accepted, partially-accepted, rejected, noted)"*)
	ok "the loader suggests the word a prefix starts" ;; *) not_ok "the loader suggests the word a prefix starts" ;; esac

tap_done
