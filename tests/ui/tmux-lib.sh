# tmux-lib.sh - artrack in a real terminal: a private tmux server for the
# end-to-end tests.  Source it after tests/cli/tap.sh.
#
# A private server (-L) with no configuration (-f /dev/null); artrack runs
# under a small sh wrapper that writes its exit status to a file, because
# tmux 3.3a can lose the child's exit.  Waits poll the screen up to a
# deadline; nothing sleeps blindly.  Without tmux the whole test skips.

tmux_bin=${TMUX_PROG:-$(command -v tmux 2>/dev/null)}
if [ -z "$tmux_bin" ] || [ ! -x "$tmux_bin" ]; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

sock=artrack-$(basename "$0" .sh)-$$
tm() { "$tmux_bin" -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$TMPDIR_TEST"' EXIT

# start_artrack NAME ENV ARGS...: artrack ARGS in a 120x36 window of session
# NAME; ENV is a line of shell run first (exports).
start_artrack() {
	name=$1 env=$2
	shift 2
	rm -f "$TMPDIR_TEST/$name.status"
	{
		echo '#!/bin/sh'
		printf '%s\n' "$env"
		printf '"%s"' "$ARTRACK"
		for arg in "$@"; do printf ' "%s"' "$arg"; done
		printf '\necho $? > "%s/%s.status"\n' "$TMPDIR_TEST" "$name"
		printf 'sleep 600\n' # keep the pane for capture after the exit
	} > "$TMPDIR_TEST/$name.sh"
	tm new-session -d -s "$name" -x 120 -y 36 "sh $TMPDIR_TEST/$name.sh"
}

screen() { tm capture-pane -p -t "$1"; }

# wait_for SESSION TEXT: until the pane shows TEXT (30 s at most).
wait_for() {
	i=0
	while [ $i -lt 300 ]; do
		if screen "$1" | grep -qF -- "$2"; then return 0; fi
		sleep 0.1
		i=$((i + 1))
	done
	echo "# waited for: $2"
	screen "$1" | sed 's/^/# |/'
	return 1
}

# wait_status SESSION: until the wrapper wrote artrack's exit status.
wait_status() {
	i=0
	while [ $i -lt 300 ] && [ ! -s "$TMPDIR_TEST/$1.status" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	cat "$TMPDIR_TEST/$1.status" 2>/dev/null
}

keys() { s=$1; shift; tm send-keys -t "$s" "$@"; }
text() { tm send-keys -t "$1" -l "$2"; }
