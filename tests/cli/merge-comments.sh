#!/bin/sh
# merge-comments.sh - `artrack merge` keeps every comment, checked on many
# generated merges of the bundled tracker: two officers each add comments
# (whole-line and at line ends, on items, keys, updates, meetings, new
# items), delete some, change fields and add updates and items, and theirs
# is sometimes indented differently.  For every clean merge: the result
# holds exactly the comments of both sides less those one side deleted, and
# means the same as the merge of the three files with their comments taken
# out (so carrying comments never changes a value).  Seeded: the same cases
# every run.
. "$top_srcdir/tests/cli/tap.sh"

PY=${PYTHON3:-python3}
out=$("$PY" - "$ARTRACK" "$top_srcdir/data/hosc-2023-09-21.yaml" "$TMPDIR_TEST" <<'PY'
import random, re, subprocess, sys
artrack, source, tmp = sys.argv[1], sys.argv[2], sys.argv[3]
base = open(source, encoding="utf-8").read()

def block_lines(lines):
    """Which lines are inside a block scalar (never touched)."""
    inside, indent = [False] * len(lines), None
    for i, l in enumerate(lines):
        if indent is not None:
            if not l.strip() or len(l) - len(l.lstrip()) > indent:
                inside[i] = True
                continue
            indent = None
        if re.search(r": [|>][-+0-9]*$", l):
            indent = len(l) - len(l.lstrip()) + (2 if l.lstrip().startswith("- ") else 0)
    return inside

def mutate(s, tag, rnd):
    L = s.split("\n")
    for _ in range(rnd.randint(1, 6)):
        inside = block_lines(L)
        cand = [i for i in range(1, len(L)) if L[i].strip() and not inside[i] and not L[i].lstrip().startswith("#")]
        i = rnd.choice(cand)
        l, k = L[i], rnd.randrange(8)
        if k == 0:
            L.insert(i, " " * (len(l) - len(l.lstrip())) + "# %s note %d" % (tag, rnd.randrange(1000)))
        elif k == 1 and "#" not in l and not l.rstrip().endswith(":") and re.match(r"^\s*(- )?[a-z_]+: [^|>\"']", l):
            L[i] = l + "  # %s eol %d" % (tag, rnd.randrange(1000))
        elif k == 2:
            j = rnd.choice([j for j in range(len(L)) if L[j].startswith("  status: ")])
            L[j] = "  status: " + rnd.choice(["open", "in-progress", "completed", "closed"])
        elif k == 3:
            nid = 100 + rnd.randrange(60)
            if "- id: %d\n" % nid not in "\n".join(L) + "\n":
                L[-1:-1] = ["# %s new item %d" % (tag, nid), "- id: %d" % nid,
                            "  topic:  New %s  # %s topic" % (tag, tag), "  kind: action", "  status: open"]
        elif k == 4:
            c = [j for j in range(len(L)) if L[j].lstrip().startswith("#")]
            if c:
                del L[rnd.choice(c)]
        elif k == 5:
            j = rnd.choice([j for j in range(len(L)) if L[j].startswith("  kind: ")])
            if not any(L[x].startswith("  due:") for x in range(j + 1, min(j + 12, len(L)))):
                L.insert(j + 1, "  due: 2024-0%d" % rnd.randint(1, 9))
        else:
            j = rnd.choice([j for j in range(len(L)) if L[j] == "  updates:"]) + 1
            while j < len(L) and (L[j].startswith("  - ") or L[j].startswith("    ") or L[j].lstrip().startswith("#") or inside[j]):
                j += 1
            new = ["  - date: 2023-1%d-%02d" % (rnd.randint(0, 2), rnd.randint(1, 28)), "    text: %s said %d" % (tag, rnd.randrange(1000))]
            if rnd.random() < 0.5:
                new.insert(0, "  # %s about the update %d" % (tag, rnd.randrange(99)))
            L[j:j] = new
    return "\n".join(L)

def comments(s):
    return set(re.findall(r"#.*", s))

def strip(s):
    s = re.sub(r"(?m)^[ \t]*#.*\n", "", s)
    return re.sub(r"(?m)  # .*$", "", s)

def run(*args):
    return subprocess.run([artrack, *args], capture_output=True, text=True)

def write(name, text):
    path = "%s/%s.yaml" % (tmp, name)
    open(path, "w", encoding="utf-8").write(text)
    return path

clean = bad = 0
for seed in range(60):
    rnd = random.Random(seed)
    b = mutate(base, "Z", rnd) if rnd.random() < 0.5 else base
    o, t = mutate(b, "O", rnd), mutate(b, "T", rnd)
    if rnd.random() < 0.3:
        t = "\n".join(l if not l or re.match(r"^[a-z_]+:", l) else "  " + l for l in t.split("\n"))
    paths = [write(n, x) for n, x in (("b", b), ("o", o), ("t", t))]
    if any(run("check", p).returncode for p in paths):
        continue  # a generated file that is no tracker (a key twice, say)
    r = run("merge", "-o", tmp + "/res.yaml", *paths)
    if r.returncode:
        continue  # a true conflict
    clean += 1
    res = open(tmp + "/res.yaml", encoding="utf-8").read()
    want = (comments(o) | comments(t)) - (comments(b) - comments(o)) - (comments(b) - comments(t))
    if comments(res) != want:
        bad += 1
        print("seed %d: lost %s, extra %s" % (seed, sorted(want - comments(res))[:3], sorted(comments(res) - want)[:3]))
    plain = [write(n + "-plain", strip(x)) for n, x in (("b", b), ("o", o), ("t", t))]
    if run("merge", "-o", tmp + "/plain.yaml", *plain).returncode or run("diff", "--quiet", tmp + "/res.yaml", tmp + "/plain.yaml").returncode:
        bad += 1
        print("seed %d: the values differ from the merge without comments" % seed)
print("clean %d bad %d" % (clean, bad))
PY
)
printf '%s\n' "$out" | sed 's/^/# /'
case $out in *"clean "*) n=${out##*clean }; n=${n%% *} ;; *) n=0 ;; esac
if [ "$n" -ge 30 ]; then ok "enough clean merges to judge ($n)"; else not_ok "enough clean merges to judge ($n)"; fi
expect_eq "every comment of both sides kept, the values as without comments" "clean $n bad 0" "$(printf '%s\n' "$out" | tail -1)"
tap_done
