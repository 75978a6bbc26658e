#!/bin/sh
# merge.sh - `artrack merge` as git's merge driver (spec section 3): two
# officers' clones of one tracker merged by `git merge` with the driver
# configured as the README says; conflicts marked and reported by check;
# a side that does not load leaves OURS alone.
. "$top_srcdir/tests/cli/tap.sh"

T="$top_srcdir/data/hosc-2023-09-21.yaml"
D=$TMPDIR_TEST
PY=${PYTHON3:-python3}

# edit FILE OLD NEW: replace the first OLD by NEW (both with \n escapes).
edit() {
	"$PY" - "$@" <<'PY'
import sys
path, old, new = sys.argv[1], sys.argv[2].encode().decode("unicode_escape"), sys.argv[3].encode().decode("unicode_escape")
s = open(path, encoding="utf-8").read()
assert old in s, old
open(path, "w", encoding="utf-8").write(s.replace(old, new, 1))
PY
}

# ---- the command itself ----
cp "$T" "$D/base.yaml"; cp "$T" "$D/ours.yaml"; cp "$T" "$D/theirs.yaml"
chmod u+w "$D/base.yaml" "$D/ours.yaml" "$D/theirs.yaml" # distcheck: the sources are read-only
edit "$D/ours.yaml" '  status: open\n  response: pending\n  updates:\n  - label: Progress/update response' \
	'  status: completed\n  response: pending\n  updates:\n  - label: Progress/update response'
edit "$D/ours.yaml" '    text: Subsequent Care Home Visits to be arranged in conjunction with the Director for Adult Social Care.\n' \
	'    text: Subsequent Care Home Visits to be arranged in conjunction with the Director for Adult Social Care.\n  - date: 2023-10-05\n    by: Officer A\n    text: Ours.\n'
printf -- '- id: 37\n  topic: Ours new\n  kind: action\n  status: open\n' >>"$D/ours.yaml"
edit "$D/theirs.yaml" '- id: 2\n  meeting: 2022-11-24\n  topic: Primary Care\n' '- id: 2\n  meeting: 2022-11-24\n  topic: Primary Care Estates\n'
edit "$D/theirs.yaml" '    text: Subsequent Care Home Visits to be arranged in conjunction with the Director for Adult Social Care.\n' \
	'    text: Subsequent Care Home Visits to be arranged in conjunction with the Director for Adult Social Care.\n  - date: 2023-10-01\n    by: Officer B\n    text: Theirs.\n'
printf -- '# Theirs: from the minutes\n- id: 37\n  topic: Theirs new\n  kind: action\n  status: open\n' >>"$D/theirs.yaml"
cp "$D/ours.yaml" "$D/ours.orig"

expect_status "a clean merge exits 0" 0 "$ARTRACK" merge "$D/base.yaml" "$D/ours.yaml" "$D/theirs.yaml"
case $err in *"item 37 was added on both sides: ours keeps 37, theirs is now 38"*) ok "the renumbered item is told" ;;
	*) not_ok "the renumbered item is told: $err" ;; esac
expect_status "the result is valid" 0 "$ARTRACK" check "$D/ours.yaml"
expect_status "diff base..result" 0 "$ARTRACK" diff "$D/base.yaml" "$D/ours.yaml"
expect_eq "both sides' changes, field by field, in OURS" "2: topic Primary Care -> Primary Care Estates
2: status open -> completed
3: update added (2023-10-01)
3: update added (2023-10-05)
37: added
38: added" "$out"
expect_eq "updates both added, by date" "Theirs.|Ours." \
	"$("$ARTRACK" list --format json "$D/ours.yaml" id:3 | "$PY" -c 'import json,sys; print("|".join(u["text"] for u in json.load(sys.stdin)[0]["updates"][-2:]))')"
expect_eq "theirs' item 37 is 38" "Theirs new" "$("$ARTRACK" list --format tsv "$D/ours.yaml" id:38 | tail -1 | cut -f8)"
expect_status "the merge is canonical" 0 "$ARTRACK" fmt --check "$D/ours.yaml"
expect_eq "theirs' renumbered item keeps its comment" "# Theirs: from the minutes
- id: 38" "$(grep -A1 '^# Theirs: from the minutes$' "$D/ours.yaml")"
if [ -e "$D/ours.yaml~" ]; then not_ok "no OURS~ is left"; else ok "no OURS~ is left"; fi

cp "$D/ours.orig" "$D/ours.yaml"
expect_status "-o OUT" 0 "$ARTRACK" merge -o "$D/out.yaml" "$D/base.yaml" "$D/ours.yaml" "$D/theirs.yaml"
check "-o leaves OURS as it was" cmp -s "$D/ours.yaml" "$D/ours.orig"
expect_status "-o OUT holds the merge, not OURS" 1 "$ARTRACK" diff --quiet "$D/out.yaml" "$D/ours.yaml"

# A true conflict: the same field changed both ways.
cp "$T" "$D/theirs2.yaml" && chmod u+w "$D/theirs2.yaml"
edit "$D/theirs2.yaml" '  status: open\n  response: pending\n  updates:\n  - label: Progress/update response' \
	'  status: closed\n  response: pending\n  updates:\n  - label: Progress/update response'
expect_status "a conflict exits 1" 1 "$ARTRACK" merge "$D/base.yaml" "$D/ours.yaml" "$D/theirs2.yaml"
case $err in *"conflict: item 2: status changed on both sides (ours completed, theirs closed)"*) ok "the conflict is named" ;;
	*) not_ok "the conflict is named: $err" ;; esac
line=$(grep -n '^<<<<<<< ours$' "$D/ours.yaml" | cut -d: -f1)
expect_eq "markers around the smallest whole lines" "<<<<<<< ours
  status: completed
=======
  status: closed
>>>>>>> theirs" "$(sed -n "${line},$((line + 4))p" "$D/ours.yaml")"
expect_status "check refuses the conflicted file" 1 "$ARTRACK" check "$D/ours.yaml"
expect_eq "check reports the conflict with its line" \
	"$D/ours.yaml:$line:1: error: merge conflict in item 2 status: ours \"completed\" (line $((line + 1))), theirs \"closed\" (line $((line + 3))); keep one and delete the marker lines" "$err"
expect_status "list refuses it too" 1 "$ARTRACK" list "$D/ours.yaml"

# Deleted on one side, changed on the other.
cp "$T" "$D/del.yaml" && chmod u+w "$D/del.yaml"
"$PY" - "$D/del.yaml" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
i = s.index("- id: 9\n"); j = s.index("- id: 10\n")
open(sys.argv[1], "w", encoding="utf-8").write(s[:i] + s[j:])
PY
cp "$T" "$D/chg.yaml" && chmod u+w "$D/chg.yaml"
edit "$D/chg.yaml" '- id: 9\n' '- id: 9\n  due: 2024-01\n'
edit "$D/chg.yaml" '  status: open\n' '  status: in-progress\n'
expect_status "deleted by ours, changed by theirs: a conflict" 1 "$ARTRACK" merge -o "$D/dc.yaml" "$D/base.yaml" "$D/del.yaml" "$D/chg.yaml"
case $err in *"item 9: ours deleted it, theirs changed it"*) ok "delete/change is named" ;; *) not_ok "delete/change is named: $err" ;; esac
expect_status "check refuses it" 1 "$ARTRACK" check "$D/dc.yaml"
case $err in "$D/dc.yaml:"*":1: error: merge conflict in item 9: ours has no lines, theirs lines "*"; keep one and delete the marker lines") ok "  naming the item" ;;
	*) not_ok "  naming the item: $err" ;; esac
expect_status "deleted by ours, unchanged by theirs: deleted" 0 "$ARTRACK" merge -o "$D/dd.yaml" "$D/base.yaml" "$D/del.yaml" "$D/base.yaml"
expect_eq "item 9 is gone" "" "$("$ARTRACK" list --format tsv "$D/dd.yaml" id:9 | tail -n +2)"

# A side that does not load is not merged.
printf 'artrack: 1\nitems:\n- id: 1\n  kind: action\n  status: bogus\n  topic: x\n' >"$D/bad.yaml"
cp "$D/ours.orig" "$D/ours.yaml"
expect_status "a side that does not load exits 1" 1 "$ARTRACK" merge "$D/base.yaml" "$D/ours.yaml" "$D/bad.yaml"
case $err in *"bad.yaml:5:11: error:"*) ok "the loader's errors are printed" ;; *) not_ok "the loader's errors: $err" ;; esac
case $err in *"artrack: $D/ours.yaml: theirs ($D/bad.yaml) does not load"*) ok "  and which side it is" ;; *) not_ok "  and which side it is: $err" ;; esac
expect_status "--path names the file, not git's temporary OURS" 1 "$ARTRACK" merge --path tracker.yaml "$D/bad.yaml" "$D/ours.yaml" "$D/base.yaml"
case $err in *"artrack: tracker.yaml: the base ($D/bad.yaml) does not load"*"artrack: not merged: tracker.yaml is unchanged"*) ok "  in both lines" ;;
	*) not_ok "  in both lines: $err" ;; esac
check "OURS is untouched" cmp -s "$D/ours.yaml" "$D/ours.orig"
expect_status "a conflicted side does not load either" 1 "$ARTRACK" merge "$D/base.yaml" "$D/ours.yaml" "$D/dc.yaml"
check "OURS is still untouched" cmp -s "$D/ours.yaml" "$D/ours.orig"
expect_status "two files are a usage error" 2 "$ARTRACK" merge "$D/base.yaml" "$D/ours.yaml"
expect_status "an unknown option is a usage error" 2 "$ARTRACK" merge --frob "$D/base.yaml" "$D/ours.yaml" "$D/theirs.yaml"
for size in 0 6 abc 12x -7 1000 ''; do
	expect_status "--marker-size '$size' is a usage error" 2 "$ARTRACK" merge --marker-size "$size" "$D/base.yaml" "$D/ours.yaml" "$D/theirs.yaml"
	case $err in *"merge: --marker-size must be a whole number from 7 to 999 (git's %L), not '$size'"*) ok "  naming the argument" ;;
		*) not_ok "  naming the argument: $err" ;; esac
done
expect_status "--marker-size without a value is a usage error" 2 "$ARTRACK" merge "$D/base.yaml" "$D/ours.yaml" "$D/theirs.yaml" --marker-size
case $err in *"option '--marker-size' needs a value"*) ok "  naming the option" ;; *) not_ok "  naming the option: $err" ;; esac
expect_status "--path '' is a usage error" 2 "$ARTRACK" merge --path '' "$D/base.yaml" "$D/ours.yaml" "$D/theirs.yaml"
expect_status "a fourth -L is a usage error" 2 "$ARTRACK" merge -L a -L b -L c -L d "$D/base.yaml" "$D/ours.yaml" "$D/theirs.yaml"
check "OURS is untouched by bad arguments" cmp -s "$D/ours.yaml" "$D/ours.orig"

# git's %L and %P as options: markers of that size, the labels -L gives,
# the file named by its path in messages.
cp "$D/ours.orig" "$D/ours.yaml"
expect_status "--marker-size 12 --path P -L A -L O -L B: a conflict" 1 "$ARTRACK" merge --marker-size 12 --path 'my tracker.yaml' \
	-L mine -L base -L yours "$D/base.yaml" "$D/ours.yaml" "$D/theirs2.yaml"
case $err in *"artrack: my tracker.yaml: conflict: item 2: status changed on both sides"*) ok "messages name the file by its path" ;;
	*) not_ok "messages name the file by its path: $err" ;; esac
case $err in *"resolve them (artrack 'my tracker.yaml', or by hand)"*) ok "  quoted where it is a command" ;;
	*) not_ok "  quoted where it is a command: $err" ;; esac
# The spec's driver line gives no %P: OURS is git's temporary file, which
# git renames over the tracker once the driver exits, so the hint must not
# send the officer to open it.
cp "$D/ours.orig" "$D/.merge_file_AbC123"
expect_status "merge into git's temporary file: a conflict" 1 "$ARTRACK" merge "$D/base.yaml" "$D/.merge_file_AbC123" "$D/theirs2.yaml"
case $err in *"resolve them (artrack "*".merge_file_"*) not_ok "the hint does not name git's temporary file: $err" ;;
	*"resolve them (open the tracker in artrack, or by hand) and commit; give the driver --path %P"*)
	ok "the hint does not name git's temporary file" ;;
	*) not_ok "the hint does not name git's temporary file: $err" ;; esac
line=$(grep -n '^<<<<<<<<<<<< mine$' "$D/ours.yaml" | cut -d: -f1)
expect_eq "markers of 12 characters with the labels" "<<<<<<<<<<<< mine
  status: completed
============
  status: closed
>>>>>>>>>>>> yours" "$(sed -n "${line:-1},$((${line:-1} + 4))p" "$D/ours.yaml")"
expect_status "check reads them back" 1 "$ARTRACK" check "$D/ours.yaml"
case $err in "$D/ours.yaml:$line:1: error: merge conflict"*) ok "  as a conflict at its line" ;; *) not_ok "  as a conflict at its line: $err" ;; esac
cp "$D/ours.orig" "$D/ours.yaml"

# ---- OURS in place or -o OUT: not over a file in use or with unsaved edits ----
# journal FILE: FILE.journal as a stopped artrack leaves it (one whole step).
journal() {
	"$PY" - "$1" <<'PY'
import struct, sys
M, P1, P2 = (1 << 64) - 1, 0x9e3779b97f4a7c15, 0xc2b2ae3d27d4eb4f
def mix(h, v):
    h ^= (v * P2) & M
    h = ((h << 31) | (h >> 33)) & M
    return (h * P1) & M
def hash64(b):  # ar_hash64 from AR_HASH_INIT (hash.c)
    h = 0x6a09e667f3bcc908
    while len(b) >= 8:
        h, b = mix(h, struct.unpack("<Q", b[:8])[0]), b[8:]
    if b:
        h = mix(h, int.from_bytes(b, "little") ^ (len(b) << 56))
    return h
record = b"step 1696154400\ngone 999\n"
open(sys.argv[1] + ".journal", "wb").write(b"artrack journal 1\nbase 0 0\n" + record + b"end %016x\n" % hash64(record))
PY
}
journal "$D/ours.yaml"
expect_status "merge over OURS with a journal of unsaved edits exits 1" 1 \
	"$ARTRACK" merge "$D/base.yaml" "$D/ours.yaml" "$D/theirs.yaml"
case $err in *"ours.yaml has 1 unsaved change from "*"in $D/ours.yaml.journal"*"nothing written"*) ok "  naming the journal" ;;
	*) not_ok "  naming the journal: $err" ;; esac
check "  OURS is untouched" cmp -s "$D/ours.yaml" "$D/ours.orig"
cp "$D/ours.orig" "$D/out.yaml"
mv "$D/ours.yaml.journal" "$D/out.yaml.journal"
expect_status "merge -o OUT with a journal exits 1" 1 \
	"$ARTRACK" merge -o "$D/out.yaml" "$D/base.yaml" "$D/ours.yaml" "$D/theirs.yaml"
case $err in *"in $D/out.yaml.journal"*) ok "  naming OUT's journal" ;; *) not_ok "  naming OUT's journal: $err" ;; esac
check "  OUT is untouched" cmp -s "$D/out.yaml" "$D/ours.orig"
rm -f "$D/out.yaml.journal"
sleep 60 & holder=$!
for target in ours out; do
	printf 'pid: %s\nhost: %s\nuser: someone-else\nsince: 2023-09-21T10:15:00Z\ntoken: t.1\n' "$holder" "$(uname -n)" \
		>"$D/$target.yaml.lock"
done
expect_status "merge over OURS open in artrack exits 1" 1 "$ARTRACK" merge "$D/base.yaml" "$D/ours.yaml" "$D/theirs.yaml"
case $err in *"ours.yaml is in use by someone-else"*"pid $holder"*"not merged"*) ok "  naming who has it" ;;
	*) not_ok "  naming who has it: $err" ;; esac
check "  OURS is untouched" cmp -s "$D/ours.yaml" "$D/ours.orig"
expect_status "merge -o OUT open in artrack exits 1" 1 \
	"$ARTRACK" merge -o "$D/out.yaml" "$D/base.yaml" "$D/ours.yaml" "$D/theirs.yaml"
case $err in *"out.yaml is in use by someone-else"*) ok "  naming who has OUT" ;; *) not_ok "  naming who has OUT: $err" ;; esac
check "  OUT is untouched" cmp -s "$D/out.yaml" "$D/ours.orig"
expect_status "merge to stdout needs no lock" 0 "$ARTRACK" merge -o - "$D/base.yaml" "$D/ours.yaml" "$D/theirs.yaml"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
rm -f "$D/ours.yaml.lock" "$D/out.yaml.lock"
expect_status "merge -o OUT writes once nothing holds it" 0 \
	"$ARTRACK" merge -o "$D/out.yaml" "$D/base.yaml" "$D/ours.yaml" "$D/theirs.yaml"
check "  and leaves no lock behind" test ! -e "$D/out.yaml.lock"

# ---- git: two officers, two clones, the driver as README configures it ----
if ! command -v git >/dev/null 2>&1; then
	ok "# SKIP git not installed"
	tap_done
	exit
fi
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_DATE='2023-10-01T12:00:00Z' GIT_COMMITTER_DATE='2023-10-01T12:00:00Z'
git config --global user.name "Officer A"
git config --global user.email "a@example.org"
git config --global init.defaultBranch main
git config --global pull.rebase false
# shellcheck disable=SC2016 # %O %A %B are git's, not the shell's
git config --global merge.artrack.name "artrack tracker merge"
git config --global merge.artrack.driver "\"$ARTRACK\" merge %O %A %B"

git init -q --bare "$D/origin.git"
git clone -q "$D/origin.git" "$D/a" 2>/dev/null
cp "$T" "$D/a/tracker.yaml" && chmod u+w "$D/a/tracker.yaml"
# the officers' comments, which every merge keeps
edit "$D/a/tracker.yaml" '- id: 3\n' '# Care homes: ask Karen first.\n- id: 3\n'
edit "$D/a/tracker.yaml" '- id: 6\n' '- id: 6  # raised again in May\n'
echo 'tracker.yaml merge=artrack' >"$D/a/.gitattributes"
(cd "$D/a" && git add . && git commit -qm "the tracker" && git push -q origin main 2>/dev/null)
git clone -q "$D/origin.git" "$D/b" 2>/dev/null
(cd "$D/b" && git config user.name "Officer B" && git config user.email b@example.org)

# A: item 2 completed and an update on item 3; B: item 5's due date and
# another update on item 3 (neighbouring lines: git's text merge conflicts).
cd "$D/a"
"$ARTRACK" set tracker.yaml id:2 status=completed >/dev/null 2>&1 ||
	edit tracker.yaml '  status: open\n  response: pending\n  updates:\n  - label: Progress/update response' \
		'  status: completed\n  response: pending\n  updates:\n  - label: Progress/update response'
edit tracker.yaml '    text: Subsequent Care Home Visits to be arranged in conjunction with the Director for Adult Social Care.\n' \
	'    text: Subsequent Care Home Visits to be arranged in conjunction with the Director for Adult Social Care.\n  - date: 2023-10-05\n    by: Officer A\n    text: Visits booked.\n'
edit tracker.yaml '- id: 8\n' '# A: chase the ICB before the next meeting.\n- id: 8\n'
git commit -qam "A: item 2 completed, an update on 3, a note on 8" && git push -q origin main 2>/dev/null
cd "$D/b"
edit tracker.yaml '    text: Subsequent Care Home Visits to be arranged in conjunction with the Director for Adult Social Care.\n' \
	'    text: Subsequent Care Home Visits to be arranged in conjunction with the Director for Adult Social Care.\n  - date: 2023-09-30\n    by: Officer B\n    text: Homes written to.\n'
edit tracker.yaml '- id: 5\n' '- id: 5\n  due: 2024-03\n'
git commit -qam "B: due date on 5, an update on 3"
# B has the tracker open (its lock) with a journal: git's %A is a temporary
# file with neither, so the driver merges all the same
sleep 60 & holder=$!
printf 'pid: %s\nhost: %s\nuser: someone-else\nsince: 2023-09-21T10:15:00Z\ntoken: t.1\n' "$holder" "$(uname -n)" \
	>tracker.yaml.lock
journal tracker.yaml
expect_status "git pull merges the two officers' work cleanly" 0 git pull -q --no-edit origin main
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
rm -f tracker.yaml.lock tracker.yaml.journal
expect_status "the merged tracker is valid" 0 "$ARTRACK" check tracker.yaml
expect_status "what the merge brought" 0 "$ARTRACK" diff "$D/a/tracker.yaml" tracker.yaml
expect_eq "A's work is B's work plus B's" "3: update added (2023-09-30)
5: due (none) -> 2024-03" "$out"
expect_eq "both updates kept, by date" "Homes written to.|Visits booked." \
	"$("$ARTRACK" list --format json tracker.yaml id:3 | "$PY" -c 'import json,sys; print("|".join(u["text"] for u in json.load(sys.stdin)[0]["updates"][-2:]))')"
grep -q '^# Care homes: ask Karen first.$' tracker.yaml && ok "a whole-line comment is kept" || not_ok "a whole-line comment is kept"
grep -q '^# A: chase the ICB before the next meeting.$' tracker.yaml && ok "the other officer's new comment is carried over" ||
	not_ok "the other officer's new comment is carried over"
grep -q '^- id: 6  # raised again in May$' tracker.yaml && ok "an end-of-line comment is kept" || not_ok "an end-of-line comment is kept"
expect_eq "the merge commit is there" "1" "$(git log --merges --oneline | wc -l | tr -d ' ')"
git push -q origin main 2>/dev/null

# Both officers comment in several places: the file's head, a top-level
# key, a meeting, an item both change, a new item, a new update.  B pulls A's
# work: every comment of both sides is in the result, and the result differs
# from B's file only in lines A's own change brought.
cd "$D/a" && git pull -q --no-edit origin main
edit tracker.yaml 'artrack: 1\n' '# HOSC tracker: kept by Officer A\nartrack: 1\n'
edit tracker.yaml 'as_of: 2023-09-21\n' '# A: as of the last meeting\nas_of: 2023-09-21\n'
edit tracker.yaml '  title: 10 March 2022 Meeting\n' '  title: 10 March 2022 Meeting  # A: check the date\n'
edit tracker.yaml "  topic: Chair's Update and Committee Sub-Group Updates\n" \
	"  topic: Chair's Update and Committee Sub-Group Updates  # A: two topics in one\n"
edit tracker.yaml '  - Danielle Chulan\n  status: in-progress\n' \
	'  - Danielle Chulan\n  status: in-progress\n  # A: agreed with the provider\n  due: 2024-06\n'
edit tracker.yaml '    text: Julie Dandridge to provide an update on a list in respect of where the funds currently sat, time restrictions and other obligations.\n' \
	'    text: Julie Dandridge to provide an update on a list in respect of where the funds currently sat, time restrictions and other obligations.\n  # A: from the ICB letter\n  - date: 2023-10-02\n    by: Officer A\n    text: List received.  # A: filed\n'
printf -- '# A: new, from the September meeting\n- id: 40\n  topic:   Dentistry   # A: working title\n  kind: action\n  status: open\n' >>tracker.yaml
expect_status "A's file is valid" 0 "$ARTRACK" check tracker.yaml
git commit -qam "A: comments, a due date on 10, an update on 11, item 40" && git push -q origin main 2>/dev/null
cd "$D/b"
edit tracker.yaml 'artrack: 1\n' '# Officer B: shared through git\nartrack: 1\n'
edit tracker.yaml '  title: 21 September 2023 Meeting\n' '  # B: the last one\n  title: 21 September 2023 Meeting\n'
edit tracker.yaml '  - Danielle Chulan\n  status: in-progress\n' '  - Danielle Chulan\n  status: completed  # B: board met\n'
git commit -qam "B: comments, item 10 completed"
cp tracker.yaml "$D/b-before.yaml"
expect_status "git pull merges two officers' comments cleanly" 0 git pull -q --no-edit origin main
expect_status "the tracker with both officers' comments is valid" 0 "$ARTRACK" check tracker.yaml
expect_eq "every comment of both sides is kept" \
	"$(cat "$D/b-before.yaml" "$D/a/tracker.yaml" | grep -o '#.*' | sort -u)" "$(grep -o '#.*' tracker.yaml | sort -u)"
expect_eq "no comment is there twice" "" "$(grep -o '#.*' tracker.yaml | sort | uniq -d)"
"$ARTRACK" diff "$D/b-before.yaml" tracker.yaml >"$D/brought.txt"
expect_eq "and both officers' values" "10: due (none) -> 2024-06
11: update added (2023-10-02)
40: added" "$(cat "$D/brought.txt")"
# the lines the merge changed in B's file are lines A's change brought or removed
git diff -U0 HEAD^1 HEAD -- tracker.yaml | grep '^[-+][^-+]' >"$D/merge-lines.txt"
git diff -U0 "$(git merge-base HEAD^1 HEAD^2)" HEAD^2 -- tracker.yaml | grep '^[-+][^-+]' >"$D/a-lines.txt"
expect_eq "only merged lines differ from B's file" "" "$(grep -vxFf "$D/a-lines.txt" "$D/merge-lines.txt")"
grep -q '^+# A: new, from the September meeting$' "$D/merge-lines.txt" && ok "A's new item as A wrote it" ||
	not_ok "A's new item as A wrote it"
grep -q '^  topic:   Dentistry   # A: working title$' tracker.yaml && ok "its layout kept" || not_ok "its layout kept"
git push -q origin main 2>/dev/null

# A true conflict through git: both set item 7's status.
cd "$D/a" && git pull -q --no-edit origin main
edit tracker.yaml '- id: 7\n' '- id: 7\n  rag: red\n'
"$PY" - tracker.yaml completed <<'PY'
import sys, re
s = open(sys.argv[1], encoding="utf-8").read()
i = s.index("- id: 7\n"); j = s.index("- id: 8\n")
item = re.sub(r"\n  status: [a-z-]+\n", "\n  status: %s\n" % sys.argv[2], s[i:j], count=1)
open(sys.argv[1], "w", encoding="utf-8").write(s[:i] + item + s[j:])
PY
git commit -qam "A: 7 completed" && git push -q origin main 2>/dev/null
cd "$D/b"
"$PY" - tracker.yaml closed <<'PY'
import sys, re
s = open(sys.argv[1], encoding="utf-8").read()
i = s.index("- id: 7\n"); j = s.index("- id: 8\n")
item = re.sub(r"\n  status: [a-z-]+\n", "\n  status: %s\n" % sys.argv[2], s[i:j], count=1)
open(sys.argv[1], "w", encoding="utf-8").write(s[:i] + item + s[j:])
PY
git commit -qam "B: 7 closed"
expect_status "git pull stops on a true conflict" 1 git pull -q --no-edit origin main
case $out$err in *"conflict: item 7: status changed on both sides (ours closed, theirs completed)"*) ok "the driver names the field" ;;
	*) not_ok "the driver names the field: $out $err" ;; esac
line=$(grep -n '^<<<<<<< ours$' tracker.yaml | cut -d: -f1)
expect_eq "the conflict is marked around the status line" "<<<<<<< ours
  status: closed
=======
  status: completed
>>>>>>> theirs" "$(sed -n "${line},$((line + 4))p" tracker.yaml)"
grep -q '^  rag: red$' tracker.yaml && ok "A's other change merged beside it" || not_ok "A's other change merged beside it"
expect_status "check reports the conflict" 1 "$ARTRACK" check tracker.yaml
expect_eq "with its line ($line), naming the item and field" \
	"tracker.yaml:$line:1: error: merge conflict in item 7 status: ours \"closed\" (line $((line + 1))), theirs \"completed\" (line $((line + 3))); keep one and delete the marker lines" "$err"
git merge --abort

# The full driver line, with git's %L and %P, and a conflict-marker-size
# attribute: git passes 12, the markers have 12 characters, check reads them.
# shellcheck disable=SC2016
git config merge.artrack.driver "\"$ARTRACK\" merge --marker-size %L --path %P %O %A %B"
echo 'tracker.yaml merge=artrack conflict-marker-size=12' >.gitattributes
git commit -qam "tracker.yaml: bigger conflict markers"
expect_status "git pull stops on the conflict again" 1 git pull -q --no-edit origin main
case $out$err in *"artrack: tracker.yaml: conflict: item 7: status changed on both sides"*) ok "the driver names the file by its path (%P)" ;;
	*) not_ok "the driver names the file by its path (%P): $out $err" ;; esac
line=$(grep -n '^<<<<<<<<<<<< ours$' tracker.yaml | cut -d: -f1)
expect_eq "the markers have git's %L characters" "<<<<<<<<<<<< ours
  status: closed
============
  status: completed
>>>>>>>>>>>> theirs" "$(sed -n "${line:-1},$((${line:-1} + 4))p" tracker.yaml)"
expect_status "check reports the conflict" 1 "$ARTRACK" check tracker.yaml
case $err in "tracker.yaml:$line:1: error: merge conflict in item 7 status: "*) ok "with its line ($line), item and field" ;;
	*) not_ok "with its line, item and field: $err" ;; esac
git merge --abort

# A top-level key artrack does not know, changed by theirs alone, takes
# theirs' value (the layout saver dropped it).
printf 'artrack: 1\nclerk: A\nitems: []\n' > "$D/kb.yaml"
cp "$D/kb.yaml" "$D/ko.yaml"
printf 'artrack: 1\nclerk: B\nitems: []\n' > "$D/kt.yaml"
expect_status "an unknown top-level key changed by theirs merges" 0 "$ARTRACK" merge "$D/kb.yaml" "$D/ko.yaml" "$D/kt.yaml"
expect_eq "with theirs' value" "artrack: 1
clerk: B
items: []" "$(cat "$D/ko.yaml")"

tap_done
