#!/bin/sh
# hardening.sh - hostile files and careless use (issue 16): lock files that
# cannot be read, files the user may not replace, terminal codes in the
# data, spreadsheet formulas, unbounded input.  The parts about another
# user run as nobody when the suite runs as root, and are skipped otherwise.
. "$top_srcdir/tests/cli/tap.sh"

skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1 # SKIP $2"; }
has() { case $1 in *"$2"*) return 0 ;; *) return 1 ;; esac; }
# expect_has NAME NEEDLE HAYSTACK / expect_lacks NAME NEEDLE HAYSTACK
expect_has() { if has "$3" "$2"; then ok "$1"; else not_ok "$1"; printf '# wanted: %s\n# in: %s\n' "$2" "$3" | head -20; fi; }
expect_lacks() { if has "$3" "$2"; then not_ok "$1"; printf '# unwanted: %s\n# in: %s\n' "$2" "$3" | head -20; else ok "$1"; fi; }

T="$top_srcdir/data/hosc-2023-09-21.yaml"
W="$TMPDIR_TEST/work"
mkdir -p "$W"

# Another user: nobody, through setpriv, when we are root and nobody can
# reach the program (a build folder only we may enter cannot be tested so).
other_user=
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	chmod 711 "$TMPDIR_TEST"
	if setpriv --reuid=65534 --regid=65534 --clear-groups "$ARTRACK" --version >/dev/null 2>&1; then
		other_user=nobody
	fi
fi
why_no_other="needs root and setpriv to run as another user"
# as_other COMMAND...: COMMAND as nobody, in a folder nobody may write.
as_other() { HOME="$S" setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
S="$TMPDIR_TEST/shared"
mkdir -p "$S" && chmod 1777 "$S"

# ---- lock files that cannot be read or understood (item 7) ----
cp "$T" "$W/t.yaml"
sed 's/^committee: /committee:  /' "$T" > "$W/t.yaml"   # not canonical: fmt would rewrite it
: > "$W/t.yaml.lock"
expect_status "fmt refuses a file whose lock cannot be understood" 1 "$ARTRACK" fmt "$W/t.yaml"
expect_lacks "... without a made-up pid" "pid 0" "$err"
expect_has "... and says what to do" "t.yaml.lock cannot be understood: if no artrack is using the file, remove the lock file; not rewritten" "$err"
rm -f "$W/t.yaml.lock"
if [ -n "$other_user" ]; then
	sed 's/^committee: /committee:  /' "$T" > "$S/t.yaml" && chmod 666 "$S/t.yaml"
	printf 'pid: 1\nhost: elsewhere\nuser: root\n' > "$S/t.yaml.lock" && chmod 600 "$S/t.yaml.lock"
	expect_status "fmt as another user refuses a lock it may not read" 1 as_other "$ARTRACK" fmt "$S/t.yaml"
	expect_lacks "... without a made-up pid" "pid 0" "$err"
	expect_has "... naming why" "t.yaml.lock cannot be read (Permission denied)" "$err"
	rm -f "$S/t.yaml.lock" "$S/t.yaml"
else
	skip "fmt as another user refuses a lock it may not read" "$why_no_other"
fi

tap_done
