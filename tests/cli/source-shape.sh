#!/bin/sh
# source-shape.sh - the shape issue 9 gave the sources: the UI files' calls
# go down a tree (no circle among them), no file in src/ui is over 700
# lines, and input modes' hints come from their key tables (no hint
# strings written by hand in src/ui).
. "$top_srcdir/tests/cli/tap.sh"

PY=${PYTHON3:-python3}
if command -v "$PY" >/dev/null 2>&1; then
	if graph=$("$PY" "$top_srcdir/tests/cli/ui-calls.py" "$top_srcdir/src/ui"); then
		ok "src/ui: the files' calls form no circle"
	else
		not_ok "src/ui: the files' calls form no circle"
		echo "$graph" | sed 's/^/# /'
	fi
else
	ok "# SKIP python3 not found"
fi

for f in "$top_srcdir"/src/ui/*.c "$top_srcdir"/src/ui/*.h; do
	n=$(wc -l < "$f")
	if [ "$n" -le 700 ]; then ok "$(basename "$f") is at most 700 lines ($n)"
	else not_ok "$(basename "$f") is at most 700 lines ($n)"; fi
done

# Hints are the action table's and the modes' tables' words, not strings.
if grep -n '\.hints = "' "$top_srcdir"/src/ui/*.c >/dev/null; then
	not_ok "no hand-written hint strings in src/ui"
else
	ok "no hand-written hint strings in src/ui"
fi

tap_done
