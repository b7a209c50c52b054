"""Source text -> the tokens similarity is judged on: Python's own tokenizer, with what a copier changes
for free taken out.

A disguise costs a copier nothing when it only renames, re-comments or re-spaces, so none of that may
count: every local name, parameter, function and helper becomes ``V``, every number ``N``, every string
``S``; comments, docstrings, blank lines and line breaks inside brackets are dropped. What stays is the
shape of the code: keywords, operators, statement ends (``;``), blocks (``{`` ``}``), the builtins and
numpy functions called (``np . dot`` keeps its meaning), and the attribute names the specification
fixes (``self . w1``: the grader reads them, so a copier cannot rename them).

Student code is never run here: it is only tokenized. A file that does not tokenize (an unclosed
bracket, bad indentation) is still compared: the part after the error is split by a plain regular
expression, so one broken line does not hide the rest of the file.
"""
from __future__ import annotations

import builtins
import io
import keyword
import re
import token as tk
import tokenize
from dataclasses import dataclass

from .canon import NUMPY, canonical

# Names that keep their meaning whatever a student calls things: Python's keywords and builtins.
FIXED = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | frozenset(dir(builtins)) | {"self"}

_SKIP = {tk.COMMENT, tk.NL, tk.ENCODING, tk.ENDMARKER}
_FALLBACK = re.compile(r"[A-Za-z_]\w*|\d[\w.]*|'[^'\n]*'?|\"[^\"\n]*\"?|\*\*|//|==|!=|<=|>=|->|[^\s\w]")
_IDENT = re.compile(r"[A-Za-z_]\w*")


@dataclass(frozen=True)
class Tokens:
    """A file as normalised tokens, each with the source line it starts on (for highlighting)."""

    words: tuple[str, ...]
    lines: tuple[int, ...]
    complete: bool = True        # False: Python's tokenizer stopped at ``stopped_at`` and a regex did the rest
    stopped_at: int = 0


def spec_names(text: str) -> frozenset[str]:
    """The identifiers a handed-out file (the stub) mentions, docstrings included: the attribute names the
    specification fixes (``w1``, ``z2``, ``forward``). Only attribute names are kept by this list; a bare
    name is always ``V`` (a parameter or a local can be renamed)."""
    return frozenset(_IDENT.findall(text)) - FIXED


def normalise(text: str, keep: frozenset[str] = frozenset()) -> Tokens:
    """``text`` as normalised tokens; ``keep``: attribute names that stay as written (see ``spec_names``).
    A file that parses is read without its dead code (canon.py); each token keeps the line of the original
    it came from."""
    form = canonical(text)
    if form is not None:
        raw = []
        for t in tokenize.generate_tokens(io.StringIO(form.text).readline):
            if t.type not in _SKIP:
                first, last = form.origin[min(t.start[0], len(form.origin)) - 1]
                raw.append((t.type, t.string, last if t.type == tk.NEWLINE else first))
        return _words(raw, keep, True, 0)
    raw = []                                  # (token type, string, line)
    complete, stopped = True, 0
    try:
        for t in tokenize.generate_tokens(io.StringIO(text).readline):
            if t.type not in _SKIP and (t.type != tk.ERRORTOKEN or t.string.strip()):
                raw.append((t.type, t.string, t.start[0]))
    except (tokenize.TokenError, SyntaxError, ValueError) as exc:   # IndentationError is a SyntaxError
        complete = False
        stopped = (getattr(exc, "lineno", None) or (exc.args[1][0] if len(exc.args) > 1 else 0) or 1)
        raw = [r for r in raw if r[2] < stopped]
        for number, line in enumerate(text.split("\n")[stopped - 1:], start=stopped):
            code = line.split("#", 1)[0]
            for m in _FALLBACK.finditer(code):
                s = m.group()
                kind = tk.NAME if _IDENT.fullmatch(s) else tk.NUMBER if s[0].isdigit() else \
                    tk.STRING if s[0] in "'\"" else tk.OP
                raw.append((kind, s, number))
            if code.strip():
                raw.append((tk.NEWLINE, "\n", number))
    return _words(raw, keep, complete, stopped)


def _words(raw: list[tuple[int, str, int]], keep: frozenset[str], complete: bool, stopped: int) -> Tokens:
    words: list[str] = []
    lines: list[int] = []
    depth = 0
    for i, (kind, s, line) in enumerate(raw):
        word = _word(raw, i, kind, s, keep, depth)
        if kind == tk.OP:
            depth += s in "([{"
            depth -= depth > 0 and s in ")]}"
        if word == ";" and (not words or words[-1] in ";{}"):
            continue                                            # a statement end after nothing said
        if word is not None:
            words.append(word)
            lines.append(line)
    return Tokens(tuple(words), tuple(lines), complete, stopped)


def _word(raw: list[tuple[int, str, int]], i: int, kind: int, s: str, keep: frozenset[str],
          depth: int) -> str | None:
    """One token's normal form, or None to drop it. ``depth``: how many brackets are open."""
    before = raw[i - 1] if i else (tk.NEWLINE, "", 0)
    after = raw[i + 1][1] if i + 1 < len(raw) else ""
    if kind == tk.NAME:
        if before[1] == ".":
            owner = raw[i - 2][1] if i >= 2 else ""
            # self.helper is the student's own name (renamable) unless the specification fixes it; any other
            # attribute is an API's (x.sum, w.T, np.random.randn) and keeps its meaning
            return "A" if owner == "self" and s not in keep else s
        if s in NUMPY:
            return "np"
        if depth and after == "=" and before[1] in ("(", ","):
            return s                                           # a keyword argument: axis=, keepdims=
        return s if s in FIXED else "V"
    if kind == tk.NUMBER:
        return "N"
    if kind == tk.STRING or kind in _FSTRING:
        if kind == tk.STRING and _statement_alone(raw, i):
            return None                                        # a docstring or a bare string: a comment
        return None if kind in _FSTRING and kind != _FSTRING_START else "S"
    if kind == tk.NEWLINE:
        return ";"
    if kind == tk.INDENT:
        return "{"
    if kind == tk.DEDENT:
        return "}"
    return s


_FSTRING_START = getattr(tk, "FSTRING_START", -1)
_FSTRING = {getattr(tk, n) for n in ("FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END") if hasattr(tk, n)}


def _statement_alone(raw: list[tuple[int, str, int]], i: int) -> bool:
    """Whether the string at ``i`` is a whole statement (a docstring, or a string used as a comment)."""
    before = raw[i - 1][0] if i else tk.NEWLINE
    after = raw[i + 1][0] if i + 1 < len(raw) else tk.NEWLINE
    return before in (tk.NEWLINE, tk.INDENT, tk.DEDENT) and after in (tk.NEWLINE, tk.ENDMARKER)
