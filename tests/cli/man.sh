#!/bin/sh
# man.sh - both man pages render without a warning, and artrack(1) lists
# every key the help screen lists (both come from the one action table).
. "$top_srcdir/tests/cli/tap.sh"

for page in "$top_builddir/man/artrack.1" "$top_srcdir/man/artrack.5"; do
	name=$(basename "$page")
	if ! command -v groff >/dev/null 2>&1; then
		ok "# SKIP groff not installed ($name)"
		continue
	fi
	# Line-filling warnings ("cannot adjust line") depend on the install
	# prefix substituted into the page, not on the page: -Wbreak leaves them out.
	warnings=$(groff -man -ww -Wbreak -Tutf8 -z "$page" 2>&1)
	expect_eq "$name renders without warnings" "" "$warnings"
	text=$(groff -man -Tutf8 "$page" 2>/dev/null | sed 's/.\x08//g')
	case $text in *"EXIT STATUS"*|*"CANONICAL FORM"*) ok "$name has its sections" ;; *) not_ok "$name has its sections" ;; esac
	case $text in *@*@*) not_ok "$name has no unreplaced @PLACEHOLDER@" ;; *) ok "$name has no unreplaced @PLACEHOLDER@" ;; esac
done

# artrack(1) lists every export format the program takes (both from format.h's table).
if command -v groff >/dev/null 2>&1; then
	text=$(groff -man -Tutf8 "$top_builddir/man/artrack.1" 2>/dev/null | sed 's/.\x08//g')
	formats=$("$ARTRACK" --help | sed -n 's/.*artrack export --format \([^ ]*\) .*/\1/p')
	case $text in *"--format $formats"*) ok "artrack(1)'s synopsis names the export formats" ;;
		*) not_ok "artrack(1)'s synopsis names the export formats ($formats)" ;; esac
	for f in $(echo "$formats" | tr '|' ' '); do
		if echo "$text" | grep -q "^ *$f  *[a-z]\|^ *$f\$"; then ok "artrack(1) describes export format $f"
		else not_ok "artrack(1) describes export format $f"; fi
	done
else
	ok "# SKIP groff not installed (export formats)"
fi

# artrack(1) documents every option the command line takes, long and short
# (read from src/cli*.c's getopt tables, so a new option cannot go unnoticed).
if command -v groff >/dev/null 2>&1; then
	for o in $(sed -n 's/.*{"\([a-z][a-z-]*\)", *[a-z_]*argument.*/--\1/p' "$top_srcdir"/src/cli*.c | sort -u) \
	         $(grep -ho '"+:*[a-z][a-z:]*"' "$top_srcdir"/src/cli*.c | sed 's/[":+]//g; s/./-& /g' | tr ' ' '\n' | sort -u); do
		if echo "$text" | grep -q -- "$o\b"; then ok "artrack(1) documents $o"; else not_ok "artrack(1) documents $o"; fi
	done
fi

tap_done
