"""Similar submissions into files: ``similarity.csv`` (every pair that shares code of its own), one page per
flagged pair (``similarity/A__B.html``: both files side by side, the matching passages highlighted) and the
"Similar submissions" section of ``index.html``.

Reads a ``SimilarityReport`` (grader/results.py) and nothing else. Every word a student wrote reaches the
pages through jinja2's autoescape; a flagged pair is said, on every page, to be a reason to look and not a
verdict.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..results import SimilarFile, SimilarityReport, SimilarPair
from .files import write_atomic
from .render import render
from .words import UI

FOLDER = "similarity"
MARK = "<!--similarity-->"      # where index.html.j2 leaves room for the section


def ranges_text(ranges: tuple[tuple[int, int], ...]) -> str:
    """(10, 24), (31, 31) -> '10-24 31'."""
    return " ".join(f"{a}-{b}" if b != a else str(a) for a, b in ranges)


def similarity_csv(r: SimilarityReport) -> str:
    """One row per pair that shares code of its own (at least 10% of it: a pair not listed shares a statement or
    two at most), highest first."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["student_a", "student_b", "similarity", "flagged", "lines_a", "lines_b", "shared_tokens",
                "longest_tokens", "b_from_archive", "reason"])
    for p in r.pairs:
        w.writerow([p.a, p.b, f"{p.similarity:.3f}", "yes" if p.flagged else "no", ranges_text(p.lines_a),
                    ranges_text(p.lines_b), p.shared_tokens, p.longest, "yes" if p.archived else "no",
                    p.reason.en if p.reason else ""])
    return out.getvalue()


def _code(f: SimilarFile, ranges: tuple[tuple[int, int], ...], side: str) -> list[dict[str, Any]]:
    """The file's lines, each with its margin label and whether it is in a matching passage."""
    hit = {n for a, b in ranges for n in range(a, b + 1)}
    lines = f.text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [{"no": n, "label": f.gutter[n - 1] if n - 1 < len(f.gutter) else str(n), "text": line,
             "hit": n in hit, "anchor": f"{side}L{n}"} for n, line in enumerate(lines, start=1)]


def _lines(ui: dict[str, str], first: int, last: int) -> str:
    return ui["sim_line"].format(line=first) if first == last else ui["sim_lines"].format(first=first, last=last)


def pair_view(r: SimilarityReport, p: SimilarPair, lang: str) -> dict[str, Any]:
    ui = UI[lang]
    fa, fb = r.files[p.a], r.files[p.b]
    return {"lang": lang, "ui": ui, "a": p.a, "b": p.b, "file_a": fa.file, "file_b": fb.file,
            "archived": p.archived, "notebook_a": bool(fa.gutter), "notebook_b": bool(fb.gutter),
            "similarity": p.similarity, "reason": p.reason.get(lang) if p.reason else "",
            "title": ui["sim_page_title"].format(a=p.a, b=p.b),
            "passages_a": [{"href": f"#aL{x}", "text": _lines(ui, x, y)} for x, y in p.lines_a],
            "passages_b": [{"href": f"#bL{x}", "text": _lines(ui, x, y)} for x, y in p.lines_b],
            "links": [{"a_href": f"#aL{a1}", "a": _lines(ui, a1, a2), "b_href": f"#bL{b1}", "b": _lines(ui, b1, b2)}
                      for a1, a2, b1, b2 in p.links],
            "code_a": _code(fa, p.lines_a, "a"), "code_b": _code(fb, p.lines_b, "b")}


def pair_html(r: SimilarityReport, p: SimilarPair, lang: str) -> str:
    return render("similarity_pair.html.j2", pair_view(r, p, lang))


def section_view(r: SimilarityReport, lang: str) -> dict[str, Any]:
    ui = UI[lang]
    flagged = r.flagged
    return {"lang": lang, "ui": ui,
            "stats": ui["sim_stats"].format(students=r.students, pairs=r.compared, flagged=len(flagged),
                                            archived=ui["sim_archived_1"] if r.archived == 1 else
                                            ui["sim_archived_n"].format(n=r.archived) if r.archived else ""),
            "how": ui["sim_how"].format(common=r.common_students, median=f"{100 * r.median:.0f}%",
                                        threshold=f"{100 * r.threshold:.0f}%"),
            "pairs": [{"a": p.a, "b": p.b, "similarity": p.similarity, "archived": p.archived,
                       "href": f"{FOLDER}/{quote(p.page)}", "reason": p.reason.get(lang) if p.reason else ""}
                      for p in flagged],
            "clusters": [list(c) for c in r.clusters],
            "notes": [n.get(lang) for n in r.notes]}


def section_html(r: SimilarityReport, lang: str) -> str:
    return render("_similarity.html.j2", section_view(r, lang))


def write_similarity(r: SimilarityReport, folder: Path, lang: str) -> None:
    """similarity.csv, a page per flagged pair (pages of pairs no longer flagged are removed), and the
    section in index.html (written where index.html.j2 left room for it, else before its footer)."""
    write_atomic(folder / "similarity.csv", "\ufeff" + similarity_csv(r))
    pages = folder / FOLDER
    wanted = {p.page for p in r.flagged}
    for p in r.flagged:
        write_atomic(pages / p.page, pair_html(r, p, lang))
    if pages.is_dir():
        for old in pages.glob("*.html"):
            if old.name not in wanted:
                old.unlink()
    index = folder / "index.html"
    if index.is_file():
        page = index.read_text("utf-8")
        section = section_html(r, lang)
        if MARK in page:
            page = page.replace(MARK, section, 1)
        elif "<footer" in page:
            page = page.replace("<footer", section + "\n<footer", 1)
        else:
            page = page.replace("</body>", section + "\n</body>", 1)
        write_atomic(index, page)
