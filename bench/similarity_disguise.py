"""The disguises a copier uses, as functions of source text (bench/similarity.py applies them alone and
combined): shuffle independent statements, rename variables and helpers, reorder methods, change comments
and blank lines, insert dead code, rewrite expressions (a call into an operator, a sum as a method), add a
test block. Each is seeded, and each keeps the file valid Python that does what it did (the order of random
draws aside)."""
from __future__ import annotations

import ast
import builtins
import io
import keyword
import random
import re
import tokenize

SPEC = {"NeuralNetwork", "sigmoid", "forward", "update", "self", "np", "numpy", "cf", "X", "y", "lr",
        "__init__", "__name__", "__main__", "matplotlib", "plt", "math", "functools", "reduce", "annotations",
        "__future__", "typing", "NDArray"}
FIXED = set(keyword.kwlist) | set(dir(builtins)) | SPEC
NEW_NAMES = ["tmp", "val", "res", "acc", "cur", "buf", "q", "h", "g", "p", "u", "t", "k_", "r", "s_", "aux",
             "xx", "v1", "v2", "v3", "n_", "mm", "err", "sig", "gr", "dd", "ee", "ff", "ll", "oo"]


def rename(text: str, rng: random.Random) -> str:
    """Every local name, parameter (but the ones the grader passes by position) and helper renamed
    consistently; attributes, keyword arguments and the specification's names stay."""
    toks = list(tokenize.generate_tokens(io.StringIO(text).readline))
    try:   # the class's own helper methods: renamed where defined and where called (self._helper)
        methods = {n.name for c in ast.walk(ast.parse(text)) if isinstance(c, ast.ClassDef) for n in c.body
                   if isinstance(n, ast.FunctionDef)} - FIXED
    except SyntaxError:
        methods = set()
    names = [m for m in sorted(methods)]
    for i, t in enumerate(toks):
        prev = toks[i - 1].string if i else ""
        nxt = toks[i + 1].string if i + 1 < len(toks) else ""
        if t.type == tokenize.NAME and t.string not in FIXED and prev != "." and nxt != "=" or \
                (t.type == tokenize.NAME and nxt == "=" and prev in ("", "\n") and t.string not in FIXED):
            names.append(t.string)
    pool = NEW_NAMES[:]
    rng.shuffle(pool)
    mapping = {}
    for n in dict.fromkeys(names):
        mapping[n] = pool.pop() + str(rng.randint(0, 9)) if pool else n + "_x"
    out = []
    depth = 0
    for i, t in enumerate(toks):
        s = t.string
        prev = toks[i - 1].string if i else ""
        nxt = toks[i + 1].string if i + 1 < len(toks) else ""
        if t.type == tokenize.OP:
            depth += s in "([{"
            depth -= s in ")]}"
        owner = toks[i - 2].string if i >= 2 else ""
        if t.type == tokenize.NAME and s in mapping and (prev != "." or s in methods and owner in ("self", "NeuralNetwork")) \
                and not (depth and nxt == "=" and prev in "(,"):
            s = mapping[s]
        out.append((t.type, s, t.start, t.end, t.line))
    return tokenize.untokenize(out)


def reorder(text: str, rng: random.Random) -> str:
    """The class's methods (and top-level functions) in another order, moved as whole blocks of lines."""
    tree = ast.parse(text)
    lines = text.split("\n")
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            methods = [n for n in node.body if isinstance(n, ast.FunctionDef)]
            if len(methods) < 2:
                continue
            spans = [((m.decorator_list[0].lineno if m.decorator_list else m.lineno) - 1, m.end_lineno) for m in methods]
            blocks = [lines[a:b] for a, b in spans]
            order = list(range(len(blocks)))
            while order == sorted(order):
                rng.shuffle(order)
            first, last = spans[0][0], spans[-1][1]
            between = [lines[spans[k][1]:spans[k + 1][0]] for k in range(len(spans) - 1)] + [[]]
            new = []
            for k, j in enumerate(order):
                new += blocks[j] + (between[k] or [""])
            return "\n".join(lines[:first] + new + lines[last:])
    return text


COMMENTS = ["# compute this step", "# 여기서 계산", "# update the parameters", "# 순전파", "# backprop",
            "# helper", "# NOTE: shapes are (n, m)", "# 기울기 계산", "# layer by layer", "# check later"]


def comments(text: str, rng: random.Random) -> str:
    """Comments removed, others added, blank lines added and removed."""
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("#") and not stripped.startswith("# %%"):
            continue
        if "  #" in line and line.count('"') % 2 == 0 and line.count("'") % 2 == 0:
            line = line.split("  #", 1)[0]
        if not stripped and rng.random() < 0.5:
            continue
        indent = line[: len(line) - len(line.lstrip())]
        if stripped and rng.random() < 0.25 and not stripped.startswith((")", "]", "}", "else", "elif", "except")):
            out.append(indent + rng.choice(COMMENTS))
        out.append(line)
        if stripped and rng.random() < 0.15:
            out.append("")
    return "\n".join(out)


DEAD = ["_unused = 0", "debug = False", "if False:\n{i}    print('debug')", "_ = None", "tmp_shape = None",
        "for _k in range(0):\n{i}    pass", "counter = 0\n{i}counter += 1", "assert True"]


def dead_code(text: str, rng: random.Random, n: int = 4) -> str:
    """Statements that do nothing, inserted before some statements (same indentation)."""
    starts = _statement_starts(text)
    lines = text.split("\n")
    chosen = sorted(rng.sample(starts, min(n, len(starts))), reverse=True)
    for ln in chosen:
        line = lines[ln - 1]
        indent = line[: len(line) - len(line.lstrip())]
        stmt = rng.choice(DEAD).format(i=indent)
        lines.insert(ln - 1, indent + stmt)
    return "\n".join(lines)


def _statement_starts(text: str) -> list[int]:
    """Lines where a statement inside a function starts (where another statement may go before it)."""
    out = []
    after = True
    depth = 0
    for t in tokenize.generate_tokens(io.StringIO(text).readline):
        if t.type in (tokenize.NEWLINE,):
            after = True
            continue
        if t.type in (tokenize.INDENT, tokenize.DEDENT, tokenize.NL, tokenize.COMMENT):
            if t.type == tokenize.INDENT:
                depth += 1
            if t.type == tokenize.DEDENT:
                depth -= 1
            continue
        if after and depth >= 2 and t.string not in ("else", "elif", "except", "finally"):
            out.append(t.start[0])
        after = False
    return out


REWRITES = [
    (re.compile(r"np\.dot\(([\w.\[\]]+), ([\w.\[\]]+)\)"), r"(\1 @ \2)"),
    (re.compile(r"([\w.]+) @ ([\w.]+)"), r"np.dot(\1, \2)"),
    (re.compile(r"np\.sum\((\w+), axis=1, keepdims=True\)"), r"\1.sum(axis=1, keepdims=True)"),
    (re.compile(r"(\w+)\.sum\(axis=1, keepdims=True\)"), r"np.sum(\1, axis=1, keepdims=True)"),
    (re.compile(r"(\w+)\.shape\[1\]"), r"np.size(\1, 1)"),
    (re.compile(r"1 - self\.a(\d)"), r"1.0 - self.a\1"),
    (re.compile(r"\* self\.a(\d) \* \(1 - self\.a\d\)"), r"* (self.a\1 - self.a\1 ** 2)"),
]


def rewrite(text: str, rng: random.Random) -> str:
    """Here and there an expression in another form: ``np.dot(a, b)`` as ``a @ b`` (or back), a sum as a
    method or a function, ``a * (1 - a)`` as ``a - a ** 2``, ``X.shape[1]`` as ``np.size(X, 1)``."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip().startswith("#"):
            continue
        for pattern, repl in REWRITES:
            if pattern.search(line) and rng.random() < 0.5:
                line = pattern.sub(repl, line, count=1)
        lines[i] = line
    return "\n".join(lines)


def _names(node: ast.AST, ctx: type) -> set[str]:
    """Names (``x``, ``self.w1``) the node reads (ctx ast.Load) or writes (ast.Store)."""
    out = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and isinstance(n.ctx, ctx):
            out.add(n.id)
        elif isinstance(n, ast.Attribute) and isinstance(n.ctx, ctx):
            out.add(ast.unparse(n))
        elif isinstance(n, ast.Subscript) and isinstance(n.ctx, ctx):
            out.add(ast.unparse(n.value))
    return out


def shuffle(text: str, rng: random.Random) -> str:
    """Statements inside a function moved past each other where nothing depends on the order (one reads or
    writes nothing the other writes): ``self.w3 -= ...`` before ``self.b3 -= ...`` or after it."""
    tree = ast.parse(text)
    lines = text.split("\n")
    moves = []
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef):
            continue
        run: list[ast.stmt] = []
        per_line: dict[int, int] = {}
        for st in fn.body:
            per_line[st.lineno] = per_line.get(st.lineno, 0) + 1
        for stmt in fn.body + [None]:
            movable = isinstance(stmt, (ast.Assign, ast.AugAssign)) and stmt.lineno == stmt.end_lineno \
                and per_line[stmt.lineno] == 1
            if movable and (not run or stmt.lineno == run[-1].end_lineno + 1):
                run.append(stmt)
                continue
            if len(run) > 1:
                moves.append(run)
            run = [stmt] if movable else []
    for run in moves:
        info = []
        for st in run:
            writes = _names(st, ast.Store) | ({ast.unparse(st.target)} if isinstance(st, ast.AugAssign) else set())
            info.append((writes, _names(st, ast.Load)))
        order, left = [], list(range(len(run)))
        while left:   # a random topological order: i may go once every earlier statement it depends on went
            ready = [i for i in left if all(not (info[j][0] & (info[i][1] | info[i][0]) or info[i][0] & info[j][1])
                                            for j in left if j < i)]
            pick = rng.choice(ready)
            order.append(pick)
            left.remove(pick)
        first = run[0].lineno - 1
        block = [lines[st.lineno - 1] for st in run]
        lines[first:first + len(run)] = [block[i] for i in order]
    return "\n".join(lines)


MAINS = ['''

if __name__ == "__main__":
    np.random.seed(1)
    data = np.random.randn(4, 200)
    labels = (data[0:1] + data[1:2] > 0).astype(float)
    model = NeuralNetwork([4, 6, 4, 1])
    for epoch in range(500):
        model.forward(data)
        model.update(1.0, labels, data)
        if epoch % 100 == 0:
            print(epoch, np.mean((model.a3 > 0.5) == labels))
''', '''

# quick test
net = NeuralNetwork([3, 5, 4, 2])
inputs = np.ones((3, 7))
print("output shape:", net.forward(inputs).shape)
print("sigmoid(0) =", net.sigmoid(0))
''']


def extend(text: str, rng: random.Random) -> str:
    """The copier's own test code added at the end (a training loop, a few prints)."""
    return text.rstrip("\n") + "\n" + rng.choice(MAINS)


TRANSFORMS = {"shuffle": shuffle, "rename": rename, "reorder": reorder, "comments": comments,
              "dead_code": dead_code, "rewrite": rewrite, "extend": extend}
