#!/usr/bin/env python3
"""ui-calls.py DIR - the calls between the C files of DIR (src/ui), as
"file -> files it calls"; exits 1 when they form a circle, naming it.

A file calls another when it names a function or table the other defines
(not static).  Reached through a pointer (pane ops, callbacks) is no call:
that is how a lower layer serves a higher one (state.h)."""
import os
import re
import sys


def strip(text):
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    text = re.sub(r'//[^\n]*', ' ', text)
    return re.sub(r'"(\\.|[^"\\])*"', '""', text)


def main(folder):
    files = sorted(f for f in os.listdir(folder) if f.endswith('.c'))
    text = {f: strip(open(os.path.join(folder, f), encoding='utf-8').read()) for f in files}
    defined = {}
    for f in files:
        for m in re.finditer(r'^(?!static\b)[A-Za-z_][\w \*]*?\b(\w+)\s*\([^;{)]*\)\s*\{', text[f], re.M):
            defined[m.group(1)] = f
        for m in re.finditer(r'^(?!static\b)(?:const )?(?:struct|enum) \w+\s*\**\s*(?:const\s+)?(\w+)(?:\[\])?\s*=',
                             text[f], re.M):
            defined[m.group(1)] = f
    calls = {f: set() for f in files}
    for f in files:
        for name in set(re.findall(r'\b\w+\b', text[f])):
            g = defined.get(name)
            if g and g != f:
                calls[f].add(g)
    for f in files:
        print('# %s -> %s' % (f, ' '.join(sorted(calls[f])) or '(core only)'))
    # a circle: a path from f back to f
    for start in files:
        stack = [(start, [start])]
        seen = set()
        while stack:
            node, path = stack.pop()
            for nxt in sorted(calls[node]):
                if nxt == start:
                    print('circle: ' + ' -> '.join(path + [start]))
                    return 1
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, path + [nxt]))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
