#!/bin/sh
# tmux-cycle.sh - issue 10's "done when" in the terminal UI, as a new user
# would go through it in a real terminal (tmux, 120x36) on a copy of the
# bundled tracker: add the meeting of 30 November 2023 and three
# recommendations (and a fourth by mistake, deleted), reject one, accept two
# with a response date, add dated updates by a named officer, close a batch
# of six with one decision, undo and redo it, save.  The saved file is then
# read with `artrack list`, `show` and `check`.  (tests/cli/cycle.sh does
# the same with the write commands alone.)
. "${top_srcdir:-.}/tests/cli/tap.sh"
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"

dir=$TMPDIR_TEST/work
mkdir -p "$dir"
file=$dir/tracker.yaml
cp "$ARTRACK_DATADIR/hosc-2023-09-21.yaml" "$file" && chmod u+w "$file" # distcheck: the sources are read-only

cat > "$dir/editor.sh" <<EOF
#!/bin/sh
f=\$1
. "$dir/editor-action"
EOF
editor_does() { printf '%s\n' "$1" > "$dir/editor-action"; }
# new_item TOPIC: what the editor does to A's template
new_item() {
	editor_does "sed \"s/^topic: ''\$/topic: $1/; s/^text: ''\$/text: That the ICB reports on $1./\" \"\$f\" > \"\$f.new\" && mv \"\$f.new\" \"\$f\""
}
ACCEPT='sed "s/^response: pending\$/response: accepted\nresponded: 2023-12-14/" "$f" > "$f.new" && mv "$f.new" "$f"'
UPDATE='sed -i "1s/^\$/The ICB will report in March./; s/^Date: .*/Date: 2023-12-15/; s/^Label: \$/Label: Response/" "$f"'

s=cycle
start_artrack $s "export VISUAL=\"sh $dir/editor.sh\" EDITOR= ARTRACK_NAME=\"Jo Officer\"" --today 2023-12-15 "$file"
check "artrack opens the copy" wait_for $s "Items 36/36"

# the meeting
keys $s M
wait_for $s "new meeting's date" || true
text $s "2023-11-30"
keys $s Enter
check "M asks for the title, offering the papers' form" wait_for $s "title: 30 November 2023 Meeting"
keys $s Enter
check "the meeting is added and selected" wait_for $s "Added the meeting of 2023-11-30"

# four recommendations for it, one by mistake
n=37
for topic in "Dental access" "GP appointments" "Pharmacy closures" "Mistaken item"; do
	new_item "$topic"
	keys $s A
	check "A adds item $n ($topic)" wait_for $s "Added item $n (u undoes)"
	n=$((n + 1))
done
check "the meeting shows its four items" wait_for $s "Items 4/40"
# D the mistaken one (the last added is selected)
keys $s D
check "D asks" wait_for $s "Delete item 40 (Mistaken item)? y deletes, n keeps it"
keys $s y
check "D deletes it" wait_for $s "Deleted item 40 (u brings it back)"

# reject 39: c r, then rejected (pending, accepted, partially-accepted, rejected)
text $s "/id:39"
keys $s Enter
wait_for $s "Items 1/39" || true
keys $s c
wait_for $s "Change item 39:" || true
keys $s r
wait_for $s "partially-accepted" || true
keys $s j j j Enter
check "c r rejects item 39" wait_for $s "Item 39: response rejected, responded 2023-12-15 (u undoes)"

# accept 37 and 38 with a response date (E, as YAML)
for id in 37 38; do
	keys $s /
	keys $s C-u
	text $s "id:$id"
	keys $s Enter
	wait_for $s "History #$id" || true
	editor_does "$ACCEPT"
	keys $s E
	check "E accepts item $id with responded" wait_for $s "Item $id changed (u undoes)"
done

# dated updates by the officer, on both tagged items at once
keys $s /
keys $s C-u
text $s "id:37-38"
keys $s Enter
wait_for $s "Items 2/39" || true
keys $s T
check "T tags the two" wait_for $s "[2 tagged]"
editor_does "$UPDATE"
keys $s a
check "a adds the dated update to both as one step" wait_for $s "Added an update to 2 items, dated 2023-12-15 by Jo Officer, as one step"
keys $s T
check "T again untags both, and says so" wait_for $s "Untagged the 2 tagged items"

# close a batch of six with one decision, undo and redo it: every
# meeting first (the Meetings pane's first row)
keys $s BTab
keys $s g
keys $s Tab
keys $s /
keys $s C-u
text $s "meeting:2023-09-21 lead:chandler id:25-30"
keys $s Enter
check "six items of the batch" wait_for $s "Items 6/39"
keys $s T
check "T tags the six" wait_for $s "[6 tagged]"
keys $s c
wait_for $s "Change 6 tagged:" || true
keys $s s
wait_for $s "in-progress" || true
keys $s G Enter
check "c s closes all six as one step" wait_for $s "6 items: status closed (one step, u undoes)"
keys $s u
check "u undoes the six at once" wait_for $s "Undid: set status of 6 items"
keys $s C-r
check "Ctrl-R redoes them" wait_for $s "Redid: set status of 6 items"
keys $s w
check "w saves" wait_for $s "Saved tracker.yaml"
keys $s q
expect_eq "q quits with status 0" "0" "$(wait_status $s)"

tsv() { "$ARTRACK" list --format tsv --today 2023-12-15 "$file" "$@" | tail -n +2 | cut -f1,2,4,5 | tr '\t' ' '; }
check "the saved tracker checks clean" "$ARTRACK" check "$file"
expect_eq "the meeting's three recommendations" "37 2023-11-30 open accepted
38 2023-11-30 open accepted
39 2023-11-30 open rejected" "$(tsv meeting:2023-11-30)"
expect_eq "accepted with a response date" "37 38" "$("$ARTRACK" list --format tsv "$file" responded:2023-12-14 | tail -n +2 | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
expect_eq "the batch closed" "closed closed closed closed closed closed" "$(tsv id:25-30 | cut -d' ' -f3 | tr '\n' ' ' | sed 's/ $//')"
expect_eq "the mistaken item is gone" "" "$(tsv id:40)"
case $("$ARTRACK" show "$file" 38) in *"2023-12-15 Response (Jo Officer)"*"will report in March"*) ok "the update is dated, labelled and by the officer" ;;
	*) not_ok "the update is dated, labelled and by the officer"; "$ARTRACK" show "$file" 38 | sed 's/^/# /' ;; esac
grep -q '^  title: 30 November 2023 Meeting$' "$file" && ok "the meeting's title is in the file" || not_ok "the meeting's title is in the file"
tap_done
