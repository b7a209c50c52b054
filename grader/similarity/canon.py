"""A parsed file with the code that does nothing taken out, before anything is tokenized; and the
handed-out code in every spelling a student may type it.

Inserting code that does nothing is free for a copier and cuts every copied passage it lands in two, too
short to count. It is undone here, on the syntax tree, for the copy and the original alike:

- docstrings and bare constants, ``pass``, ``assert`` of a constant;
- ``if False:`` (and the branch ``if True:`` never takes), ``while False:``, ``for _ in range(0):`` and
  loops over ``[]``;
- statements after a ``return``, ``raise``, ``break`` or ``continue`` in the same block;
- a literal assigned to a name the file never reads (``debug = False``, ``counter = 0`` and
  ``counter += 1``).

What a student computes stays, even when nothing reads it: an unused ``m = X.shape[1]``, a ``print``
of their own, an ``np.dot`` where another student writes ``@`` are how one student writes and another
does not. bench/similarity.py measured it (bench/RESULTS.md): taking out prints and every unused name
flagged 382 more independent pairs of 61,327 and found 2 fewer copies; one spelling for every numpy
operation, or statements sorted where their order is free, made honest students who follow one lecture
converge as much as copies (on the first corpus, 96 and 56 more independent pairs of 12,187).

The statements that are left are written back with ``ast.unparse`` (one line each, redundant brackets
gone), with a map from each line back to the lines of the file it came from, for the pair pages.

Handed-out code (the stub, the lecture, the README's formulas) is the other way round: ``spellings`` gives
it with its matrix products and sums in each spelling (``d3 @ a2.T``, ``np.dot(d3, a2.T)``,
``np.matmul``, ``d3.dot``; ``d.sum(axis=1)``, ``np.sum(d, axis=1)``), so that a student who types the
README's formula their own way has still copied nobody.

Student code is only parsed, never run. A file that does not parse (or is too big to parse safely) gets
None, and the tokenizer reads it as written.
"""
from __future__ import annotations

import ast
import re
from collections import Counter
from dataclasses import dataclass

MAX_CHARS = 1_000_000        # a file longer than this is read as written (parsing it costs memory)
NUMPY = frozenset({"np", "numpy"})   # how students name numpy: ``numpy.exp`` and ``np.exp`` are one call
_END = (ast.Return, ast.Raise, ast.Continue, ast.Break)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_METHODS = {"sum", "mean", "max", "min", "prod", "std", "var", "argmax", "argmin", "clip", "reshape"}
_SPELLED = re.compile(r"@|\b(?:dot|matmul|" + "|".join(sorted(_METHODS)) + r")\s*\(")   # what spellings() respells


@dataclass(frozen=True)
class Canonical:
    """The canonical text, and for each of its lines (0-based) the (first, last) line of the original."""

    text: str
    origin: tuple[tuple[int, int], ...]


def canonical(text: str) -> Canonical | None:
    """``text`` without its dead code, or None when it cannot be parsed safely (then it is read as written)."""
    if len(text) > MAX_CHARS:
        return None
    try:
        tree = ast.parse(text)
        out = _Printer(_dead_stores(tree, text))
        out.body(tree.body, 0)
        return Canonical("\n".join(out.lines) + "\n", tuple(out.origin))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


class _Printer:
    """Writes the live statements one per line, blocks indented, each with the lines it came from."""

    def __init__(self, dead: set[int]) -> None:
        self.lines: list[str] = []
        self.origin: list[tuple[int, int]] = []
        self.dead = dead            # id() of the assignments of a literal that nobody reads

    def put(self, depth: int, text: str, first: int, last: int) -> None:
        for piece in text.split("\n"):     # unparse writes one line per statement; a multi-line one keeps its span
            self.lines.append("    " * depth + piece)
            self.origin.append((first, last))

    def body(self, stmts: list[ast.stmt], depth: int) -> None:
        for st in _live(stmts):
            if id(st) not in self.dead:
                self.statement(st, depth)

    def statement(self, st: ast.stmt, depth: int) -> None:
        line = st.lineno
        head = _header(st)
        if head is None:        # simple statements, and the rare compound ones (match) as they are
            self.put(depth, ast.unparse(st), line, st.end_lineno or line)
            return
        for d in getattr(st, "decorator_list", ()):
            self.put(depth, "@" + ast.unparse(d), d.lineno, d.lineno)
        self.put(depth, head, line, line)
        self.body(st.body, depth + 1)
        for h in getattr(st, "handlers", ()):
            what = (" " + ast.unparse(h.type) if h.type else "") + (f" as {h.name}" if h.name else "")
            self.put(depth, f"except{what}:", h.lineno, h.lineno)
            self.body(h.body, depth + 1)
        self.part(depth, "else:", getattr(st, "orelse", []))
        self.part(depth, "finally:", getattr(st, "finalbody", []))

    def part(self, depth: int, label: str, stmts: list[ast.stmt]) -> None:
        if stmts:
            self.put(depth, label, stmts[0].lineno, stmts[0].lineno)
            self.body(stmts, depth + 1)


def _header(st: ast.stmt) -> str | None:
    """The first line of a block statement (``for i in range(3):``); None for any other statement."""
    prefix = "async " if isinstance(st, (ast.AsyncFunctionDef, ast.AsyncFor, ast.AsyncWith)) else ""
    if isinstance(st, _FUNCTIONS):
        returns = f" -> {ast.unparse(st.returns)}" if st.returns else ""
        return f"{prefix}def {st.name}({ast.unparse(st.args)}){returns}:"
    if isinstance(st, ast.ClassDef):
        return f"class {st.name}({', '.join([ast.unparse(b) for b in st.bases] + [ast.unparse(k) for k in st.keywords])}):"
    if isinstance(st, (ast.If, ast.While)):
        return f"{'if' if isinstance(st, ast.If) else 'while'} {ast.unparse(st.test)}:"
    if isinstance(st, (ast.For, ast.AsyncFor)):
        return f"{prefix}for {ast.unparse(st.target)} in {ast.unparse(st.iter)}:"
    if isinstance(st, (ast.With, ast.AsyncWith)):
        return f"{prefix}with {', '.join(ast.unparse(i) for i in st.items)}:"
    if isinstance(st, ast.Try):
        return "try:"
    return None


def _constant(node: ast.expr) -> tuple[bool, object]:
    """(True, value) for a literal constant (``False``, ``0``, ``None``), else (False, None)."""
    if isinstance(node, ast.Constant):
        return True, node.value
    return False, None


def _empty_iterable(node: ast.expr) -> bool:
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)) and not node.elts:
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range" \
            and not node.keywords and node.args:
        ok, stop = _constant(node.args[-1] if len(node.args) > 1 else node.args[0])
        ok2, start = _constant(node.args[0]) if len(node.args) > 1 else (True, 0)
        return ok and ok2 and isinstance(stop, int) and isinstance(start, int) and stop <= start \
            and len(node.args) <= 2
    return False


def _live(stmts: list[ast.stmt]) -> list[ast.stmt]:
    """The statements of one block that do something, in order (see the module's docstring)."""
    out: list[ast.stmt] = []
    for st in stmts:
        if isinstance(st, ast.Pass):
            continue
        if isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant):
            continue                                     # a docstring, a bare string used as a comment, ``...``
        if isinstance(st, ast.Assert) and _constant(st.test)[0] and st.test.value:
            continue
        if isinstance(st, ast.If):
            known, value = _constant(st.test)
            if known:
                out.extend(_live(st.body if value else st.orelse))
                continue
        if isinstance(st, ast.While) and _constant(st.test)[0] and not st.test.value:
            out.extend(_live(st.orelse))
            continue
        if isinstance(st, ast.For) and _empty_iterable(st.iter):
            out.extend(_live(st.orelse))
            continue
        out.append(st)
        if isinstance(st, _END):
            break                                        # what follows in this block never runs
    return out


def _dead_stores(tree: ast.Module, text: str) -> set[int]:
    """id() of the assignments of a literal (``0``, ``None``, ``False``, ``"x"``) to names the file never reads
    (``counter = 0`` with ``counter += 1``), outside class bodies (a class attribute is read as
    ``self.x``). Only the statements are walked, not every expression: a name is read somewhere when it
    occurs in the text more often than these statements store it (a mention in a comment or a string
    keeps the statement, which errs on the side of comparing it)."""
    stores: list[tuple[ast.stmt, set[str]]] = []

    def visit(stmts: list[ast.stmt], in_class: bool) -> None:
        for st in stmts:
            if isinstance(st, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                if not in_class and (st.value is None or isinstance(st.value, ast.Constant)):
                    names = _plain_names(st.targets if isinstance(st, ast.Assign) else [st.target])
                    if names:
                        stores.append((st, names))
                continue
            inner = isinstance(st, ast.ClassDef)
            for field in ("body", "orelse", "finalbody"):
                part = getattr(st, field, None)
                if isinstance(part, list):
                    visit(part, inner)
            for h in getattr(st, "handlers", ()):
                visit(h.body, False)
            for case in getattr(st, "cases", ()):
                visit(case.body, False)

    visit(tree.body, False)
    if not stores:
        return set()
    stored = Counter(n for _, names in stores for n in names)
    written = {n: len(re.findall(r"(?<![\w.])" + re.escape(n) + r"(?!\w)", text)) for n in stored}
    return {id(st) for st, names in stores if all(written[n] <= stored[n] for n in names)}


def _plain_names(targets: list[ast.expr]) -> set[str]:
    """The names assigned when every target is a plain name (or a tuple of them); else nothing."""
    out: set[str] = set()
    for t in targets:
        if isinstance(t, ast.Name):
            out.add(t.id)
        elif isinstance(t, (ast.Tuple, ast.List)) and all(isinstance(e, ast.Name) for e in t.elts):
            out.update(e.id for e in t.elts)
        else:
            return set()
    return out


def _numpy(node: ast.expr, names: set[str] | None = None) -> str | None:
    """``np.dot`` -> "dot" (if among ``names``); else None."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in NUMPY:
        if names is None or node.attr in names:
            return node.attr
    return None


class _Respell(ast.NodeTransformer):
    """Every matrix product as ``matmul`` ("@", "dot", "matmul", "method" for ``a.dot(b)``), every reduction
    as ``reduce`` ("method" for ``x.sum(...)``, "function" for ``np.sum(x, ...)``)."""

    def __init__(self, matmul: str, reduce: str) -> None:
        self.matmul, self.reduce = matmul, reduce

    def product(self, a: ast.expr, b: ast.expr, like: ast.AST) -> ast.expr:
        if self.matmul == "@":
            new: ast.expr = ast.BinOp(a, ast.MatMult(), b)
        elif self.matmul == "method":
            new = ast.Call(ast.Attribute(a, "dot", ast.Load()), [b], [])
        else:
            new = ast.Call(ast.Attribute(ast.Name("np", ast.Load()), self.matmul, ast.Load()), [a, b], [])
        return ast.copy_location(new, like)

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.MatMult):
            return self.product(node.left, node.right, node)
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        f, args = node.func, node.args
        if _numpy(f, {"dot", "matmul"}) and len(args) == 2 and not node.keywords:
            return self.product(args[0], args[1], node)
        if isinstance(f, ast.Attribute) and f.attr == "dot" and _numpy(f) is None and len(args) == 1:
            return self.product(f.value, args[0], node)
        if self.reduce == "function" and isinstance(f, ast.Attribute) and f.attr in _METHODS \
                and _numpy(f) is None and not (isinstance(f.value, ast.Name) and f.value.id == "self"):
            return ast.copy_location(ast.Call(ast.Attribute(ast.Name("np", ast.Load()), f.attr, ast.Load()),
                                              [f.value, *args], node.keywords), node)
        if self.reduce == "method" and _numpy(f, _METHODS) and args:
            return ast.copy_location(ast.Call(ast.Attribute(args[0], f.attr, ast.Load()), args[1:],
                                              node.keywords), node)
        return node


def spellings(text: str) -> list[str]:
    """``text`` (handed-out code) in each way a student may spell its matrix products and sums: the
    handout writes ``d3 @ a2.T`` and ``d3.sum(axis=1)``, a student ``np.dot(d3, self.a2.T)`` and
    ``np.sum(d3, axis=1)``, having copied nobody. Empty when the text does not parse."""
    if not _SPELLED.search(text):
        return []
    out = []
    for matmul in ("@", "dot", "matmul", "method"):
        for reduce in ("method", "function"):
            try:
                out.append(ast.unparse(_Respell(matmul, reduce).visit(ast.parse(text))))
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                return []
    return list(dict.fromkeys(out))
