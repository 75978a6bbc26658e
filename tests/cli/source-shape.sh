#!/bin/sh
# source-shape.sh - the shape issue 9 gave the sources: the UI files' calls
# go down a tree (no circle among them), no file in src/ui is over 700
# lines, none in src/ over 1,000, and input modes' hints come from their
# key tables (no hint strings written by hand in src/ui).
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

for f in $(cd "$top_srcdir" && find src -name '*.c' -o -name '*.h' | sort); do
	n=$(wc -l < "$top_srcdir/$f")
	if [ "$n" -gt 1000 ]; then not_ok "$f is at most 1,000 lines ($n)"; fi
done
ok "the files in src/ are checked for 1,000 lines"

# Hints are the action table's and the modes' tables' words, not strings.
if grep -n '\.hints = "' "$top_srcdir"/src/ui/*.c >/dev/null; then
	not_ok "no hand-written hint strings in src/ui"
else
	ok "no hand-written hint strings in src/ui"
fi

tap_done
