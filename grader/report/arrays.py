"""Arrays as the report shows them: small ones as tables with the wrong entries marked, shapes as
pictures of boxes (so (3,) and (3, 1) look different)."""
from __future__ import annotations

from typing import Any

from .words import UI, entry

def _depth(v: Any) -> int:
    d = 0
    while isinstance(v, list):
        d += 1
        if not v:
            break
        v = v[0]
    return d


def _rows(values: Any, mask: Any, expected: Any, ui: dict[str, str]) -> list[dict[str, Any]]:
    """A 2-D block (list of rows) as table rows of cells."""
    out = []
    for i, row in enumerate(values):
        cells = []
        for j, v in enumerate(row):
            wrong = bool(_at(mask, i, j))
            exp = _at(expected, i, j)
            cells.append({"text": entry(v), "wrong": wrong,
                          "title": f"{ui['expected']} {entry(exp)}" if wrong and exp is not None else ""})
        out.append({"index": i, "cells": cells})
    return out


def _at(nested: Any, *idx: int) -> Any:
    try:
        for i in idx:
            nested = nested[i]
        return nested
    except (IndexError, TypeError, KeyError):
        return None


def array_table(values: Any, mask: Any = None, expected: Any = None, lang: str = "en") -> dict[str, Any] | None:
    """Nested lists (0-D to 3-D) as table slices: {slices: [{title, cols, rows: [{index, cells}]}], one_d}.

    ``mask`` marks the wrong entries; ``expected`` (same shape) gives each wrong cell its expected value.
    None when the value is not a small numeric array the report can show.
    """
    ui = UI[lang]
    if values is None:
        return None
    depth = _depth(values)
    try:
        if depth == 0:
            slices = [{"title": "", "cols": [], "rows": _rows([[values]], [[mask]], [[expected]], ui)}]
        elif depth == 1:
            slices = [{"title": "", "cols": list(range(len(values))),
                       "rows": _rows([values], [mask] if mask is not None else None,
                                     [expected] if expected is not None else None, ui)}]
        elif depth == 2:
            width = max((len(r) for r in values if isinstance(r, list)), default=0)
            slices = [{"title": "", "cols": list(range(width)), "rows": _rows(values, mask, expected, ui)}]
        elif depth == 3:
            slices = []
            for k, plane in enumerate(values):
                width = max((len(r) for r in plane if isinstance(r, list)), default=0)
                slices.append({"title": f"[{k}, :, :]", "cols": list(range(width)),
                               "rows": _rows(plane, _at(mask, k), _at(expected, k), ui)})
        else:
            return None
    except TypeError:
        return None
    return {"slices": slices, "one_d": depth == 1}


def nested_shape(v: Any) -> list[int] | None:
    """The shape of nested lists, or None when they are ragged."""
    shape = []
    while isinstance(v, list):
        shape.append(len(v))
        if not v:
            break
        if any(isinstance(x, list) != isinstance(v[0], list) or (isinstance(x, list) and len(x) != len(v[0]))
               for x in v):
            return None
        v = v[0]
    return shape


def shape_picture(shape: Any, cap: int = 8) -> dict[str, Any] | None:
    """A shape as a grid of empty boxes (at most ``cap`` per side), so (3,) and (3, 1) look different."""
    if not isinstance(shape, (list, tuple)) or len(shape) > 2 or not all(isinstance(s, int) for s in shape):
        return None
    rows, cols = (1, 1) if len(shape) == 0 else (1, shape[0]) if len(shape) == 1 else (shape[0], shape[1])
    return {"rows": list(range(min(rows, cap))), "cols": list(range(min(cols, cap))),
            "more_rows": rows > cap, "more_cols": cols > cap, "one_d": len(shape) == 1}
