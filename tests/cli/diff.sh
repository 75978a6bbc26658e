#!/bin/sh
# diff.sh - `artrack diff OLD NEW` (spec section 3): item by item, three
# formats, --quiet's exit status, pipes and git.
. "$top_srcdir/tests/cli/tap.sh"

T="$top_srcdir/data/hosc-2023-09-21.yaml"
D=$TMPDIR_TEST
cp "$T" "$D/old.yaml"

# new.yaml: item 2's topic, status and response changed, an update added to
# item 3 in the middle of its history, an unknown key on 3, item 9 removed,
# item 37 and a meeting added.
"${PYTHON3:-python3}" - "$D/old.yaml" "$D/new.yaml" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
def sub(a, b):
    global s
    assert a in s, a
    s = s.replace(a, b, 1)
sub("- id: 2\n  meeting: 2022-11-24\n  topic: Primary Care\n", "- id: 2\n  meeting: 2022-11-24\n  topic: Primary Care Estates\n")
sub("  status: open\n  response: pending\n  updates:\n  - label: Progress/update response",
    "  status: completed\n  response: accepted\n  rag: green\n  updates:\n  - label: Progress/update response")
sub("- id: 3\n", "- id: 3\n  x-ref: abc\n")
sub("  - label: Update\n    text: Subsequent Care Home Visits",
    "  - date: 2026-11-22\n    by: Omid Nouri\n    text: Visits booked | see <note>.\n  - label: Update\n    text: Subsequent Care Home Visits")
sub("- date: 2023-09-21\n  title: 21 September 2023 Meeting\n",
    "- date: 2023-09-21\n  title: 21 September 2023 Meeting\n- date: 2023-11-30\n  title: 30 November 2023 Meeting\n")
i = s.index("- id: 9\n"); j = s.index("- id: 10\n")
s = s[:i] + s[j:]
s += "- id: 37\n  meeting: 2023-11-30\n  topic: Dentistry\n  kind: action\n  text: Invite the ICB\n  status: open\n"
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
expect_status "the edited copy is valid" 0 "$ARTRACK" check "$D/new.yaml"

changes='meeting 2023-11-30 added
2: topic Primary Care -> Primary Care Estates
2: status open -> completed
2: response pending -> accepted
2: rag (none) -> green
3: update added (2026-11-22)
3: x-ref added
9: removed
37: added'
expect_status "diff of two versions exits 0" 0 "$ARTRACK" diff "$D/old.yaml" "$D/new.yaml"
expect_eq "one line a change, grouped by item" "$changes" "$out"
expect_status "diff of equal files exits 0" 0 "$ARTRACK" diff "$D/old.yaml" "$D/old.yaml"
expect_eq "equal files: no output" "" "$out"
expect_status "--quiet exits 1 when they differ" 1 "$ARTRACK" diff --quiet "$D/old.yaml" "$D/new.yaml"
expect_eq "--quiet prints nothing" "" "$out$err"
expect_status "--quiet exits 0 when they do not" 0 "$ARTRACK" diff --quiet "$D/old.yaml" "$D/old.yaml"
expect_status "-q after the files" 1 "$ARTRACK" diff "$D/old.yaml" "$D/new.yaml" -q
expect_status "reversed: the other way round" 0 "$ARTRACK" diff "$D/new.yaml" "$D/old.yaml"
case $out in *"2: status completed -> open"*"3: update removed (2026-11-22)"*"9: added"*"37: removed"*) ok "reversed diff" ;;
	*) not_ok "reversed diff: $out" ;; esac

# Layout alone is no change: the same tracker written another way.
sed -e 's/^  topic: Primary Care$/  topic: "Primary Care"/' "$D/old.yaml" >"$D/quoted.yaml"
expect_status "quoting is not a change" 0 "$ARTRACK" diff --quiet "$D/old.yaml" "$D/quoted.yaml"

# An update edited in place is "changed", not removed and added.
sed -e 's/^    text: Subsequent Care Home Visits to be arranged/    text: Care Home Visits are arranged/' "$D/old.yaml" >"$D/edited.yaml"
expect_status "an edited update" 0 "$ARTRACK" diff "$D/old.yaml" "$D/edited.yaml"
expect_eq "an edited update is one change" "3: update changed" "$out"

# ---- markdown and json ----
expect_status "markdown exits 0" 0 "$ARTRACK" diff --format markdown "$D/old.yaml" "$D/new.yaml"
case $out in *"| Item | Topic | Changes |"*) ok "markdown: a table of items" ;; *) not_ok "markdown: a table: $out" ;; esac
case $out in *"| 2 | Primary Care Estates | Topic Primary Care → Primary Care Estates<br>Status open → completed<br>Response pending → accepted<br>RAG (none) → green |"*)
	ok "markdown: one row an item" ;; *) not_ok "markdown: one row an item: $out" ;; esac
case $out in *"Update added (2026-11-22): **Update (Omid Nouri):** Visits booked \\| see &lt;note>."*)
	ok "markdown: the new update's text, escaped" ;; *) not_ok "markdown: the new update: $out" ;; esac
case $out in *"- Meeting 2023-11-30 (30 November 2023 Meeting) added"*) ok "markdown: meetings" ;; *) not_ok "markdown: meetings: $out" ;; esac
expect_status "json exits 0" 0 "$ARTRACK" diff --format json "$D/old.yaml" "$D/new.yaml"
if printf '%s' "$out" | "${PYTHON3:-python3}" -c '
import json, sys
c = json.load(sys.stdin)
assert c[0] == {"meeting": "2023-11-30", "change": "added", "title": "30 November 2023 Meeting"}, c[0]
assert {"item": 2, "change": "changed", "field": "status", "old": "open", "new": "completed"} in c
u = [x for x in c if x.get("change") == "update added"][0]
assert u["item"] == 3 and u["update"]["date"] == "2026-11-22" and u["update"]["by"] == "Omid Nouri", u
assert {"item": 9, "change": "removed", "topic": "Chair'"'"'s Update and Committee Sub-Group Updates"} in c, c
'; then ok "json: the changes as objects"; else not_ok "json: the changes as objects"; fi
expect_status "json of no changes" 0 "$ARTRACK" diff --format json "$D/old.yaml" "$D/old.yaml"
expect_eq "json of no changes is an empty array" "[]" "$out"

# ---- pipes and git ----
expect_status "OLD from a pipe (-)" 0 sh -c 'cat "$1" | "$ARTRACK" diff - "$2"' sh "$D/old.yaml" "$D/new.yaml"
expect_eq "a pipe gives the same changes" "$changes" "$out"
mkfifo "$D/fifo"
cat "$D/old.yaml" >"$D/fifo" &
expect_status "OLD from a named pipe, as <(...) gives" 0 "$ARTRACK" diff "$D/fifo" "$D/new.yaml"
expect_eq "a named pipe gives the same changes" "$changes" "$out"
wait
if command -v git >/dev/null 2>&1; then
	R=$D/repo
	git init -q "$R" && cp "$D/old.yaml" "$R/t.yaml" &&
		git -C "$R" -c user.name=Officer -c user.email=o@example.org add t.yaml &&
		git -C "$R" -c user.name=Officer -c user.email=o@example.org commit -qm one &&
		cp "$D/new.yaml" "$R/t.yaml" &&
		git -C "$R" -c user.name=Officer -c user.email=o@example.org commit -qam two
	expect_status "diff of git's previous version" 0 sh -c 'cd "$1" && git show HEAD~1:t.yaml | "$ARTRACK" diff - t.yaml' sh "$R"
	expect_eq "git show HEAD~1 against the file" "$changes" "$out"
else
	ok "# SKIP git not installed"
fi

# ---- refusals ----
expect_status "one file is a usage error" 2 "$ARTRACK" diff "$D/old.yaml"
expect_status "bad --format is a usage error" 2 "$ARTRACK" diff --format xml "$D/old.yaml" "$D/new.yaml"
case $err in *xml*) ok "bad format is named" ;; *) not_ok "bad format is named: $err" ;; esac
printf 'artrack: 1\nitems:\n- id: 1\n  kind: action\n  status: bogus\n  topic: x\n' >"$D/bad.yaml"
expect_status "a file that does not load exits 1" 1 "$ARTRACK" diff "$D/old.yaml" "$D/bad.yaml"
case $err in *"bad.yaml:5:11: error:"*) ok "its problems are reported with line and column" ;; *) not_ok "problems reported: $err" ;; esac
expect_status "a missing file exits 1" 1 "$ARTRACK" diff "$D/old.yaml" "$D/nope.yaml"

tap_done
