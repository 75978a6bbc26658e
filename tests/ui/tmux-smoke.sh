#!/bin/sh
# tmux-smoke.sh - artrack as a new user first meets it: the bundled tracker
# in a real tmux window of 120x36 (issue 4's "done when", end to end).
#
# The terminal is a private tmux server (tests/ui/tmux-lib.sh).
. "${top_srcdir:-.}/tests/cli/tap.sh"

. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"

# start NAME [VAR=VALUE...]: artrack on the bundled tracker in session NAME.
start() {
	name=$1
	shift
	env=
	for kv in "$@"; do env="$env export $kv;"; done
	start_artrack "$name" "$env" --today 2023-09-21
}

export ARTRACK_DATADIR
start main
check "the three panes and 36/36" wait_for main "Items 36/36"
check "Meetings pane" wait_for main " Meetings"
check "History pane" wait_for main " History #1"

text main "/response:rej"
check "narrows to 1/36 before Enter" wait_for main "Items 1/36"
check "the filter line holds the query" wait_for main "/response:rej"
check "History shows item 21's response, apostrophe intact" \
	wait_for main "This wasn’t part of the discussion"
keys main Enter

text main "/"
keys main C-u
text main "status:bogus"
check "a bad query is explained" wait_for main "'bogus' is not one of"
check "and the previous list stays" wait_for main "Items 1/36"
keys main Escape
check "Esc restores the previous filter" wait_for main "filter: response:rej"

text main "/"
keys main C-u Enter
check "an empty filter shows everything" wait_for main "Items 36/36"
keys main BTab
text main "j"
check "Shift-Tab then j: the newest meeting, 20/36" wait_for main "Items 20/36"

text main "?"
check "? shows the keys" wait_for main "Moving around"
text main "q"
check "q leaves the help" wait_for main "Items 20/36"

for size in 80x24 40x10 20x6 120x36; do
	tm resize-window -t main -x "${size%x*}" -y "${size#*x}"
	case $size in
		20x6) want="too small" ;;
		*) want="Items 20/36" ;;
	esac
	check "resized to $size" wait_for main "$want"
done

text main "q"
expect_eq "q exits 0" 0 "$(wait_status main)"

start mono NO_COLOR=1
check "NO_COLOR: the screen comes up" wait_for mono "Items 36/36"
colour_codes() { tm capture-pane -p -e -t "$1" | grep -c '\[[0-9;]*\(3[0-7]\|4[0-7]\|38;5\|48;5\)[;m]'; }
start colour
check "colour: the screen comes up" wait_for colour "Items 36/36"
expect_eq "NO_COLOR=1 shows no colour" 0 "$(colour_codes mono)"
if [ "$(colour_codes colour)" -gt 0 ]; then ok "without NO_COLOR there is colour"; else
	not_ok "without NO_COLOR there is colour"; fi
text mono "q"
text colour "q"
expect_eq "NO_COLOR run exits 0" 0 "$(wait_status mono)"
expect_eq "colour run exits 0" 0 "$(wait_status colour)"

tap_done
