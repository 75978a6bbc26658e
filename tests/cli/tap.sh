# tap.sh - a tiny TAP producer for the shell tests; source it.
# Each check prints "ok N - name" or "not ok N - name"; finish with tap_done.
tap_n=0
tap_failed=0
ARTRACK=${ARTRACK:-$top_builddir/src/artrack}
TMPDIR_TEST=$(mktemp -d "${TMPDIR:-/tmp}/artrack-test.XXXXXX")
trap 'rm -rf "$TMPDIR_TEST"' EXIT
export HOME="$TMPDIR_TEST/home" XDG_STATE_HOME="$TMPDIR_TEST/state"
mkdir -p "$HOME"

ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
not_ok() { tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1)); echo "not ok $tap_n - $*"; }

# check NAME COMMAND...: passes when COMMAND exits 0.
check() { name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }

# expect_status NAME WANT COMMAND...: passes when COMMAND exits WANT (output kept in $out, $err).
expect_status() {
	name=$1 want=$2; shift 2
	"$@" >"$TMPDIR_TEST/out" 2>"$TMPDIR_TEST/err"; got=$?
	out=$(cat "$TMPDIR_TEST/out"); err=$(cat "$TMPDIR_TEST/err")
	if [ "$got" = "$want" ]; then ok "$name"; else
		not_ok "$name (exit $got, wanted $want)"; sed 's/^/# /' "$TMPDIR_TEST/err" | head -20; fi
}

# expect_eq NAME WANT GOT
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1"; printf '# wanted: %s\n# got:    %s\n' "$2" "$3" | head -40; fi
}

tap_done() { echo "1..$tap_n"; [ "$tap_failed" -eq 0 ]; }
