"""The class overview, ``index.html``: the TA's page (every student, the score histogram, the pass rate of
each check by concept, the most frequent mistakes, what was not graded)."""
from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from typing import Any, Sequence
from urllib.parse import quote

from ..results import STATUSES, Fault, Status, SubmissionResult, Text
from .render import render
from .student import fault_label
from .svg import histogram
from .words import UI, points, students, when


def _level(rate: float) -> str:
    return "low" if rate < 0.5 else "mid" if rate < 0.8 else "high"


def class_summary(results: list[SubmissionResult], lang: str) -> dict[str, Any]:
    ui = UI[lang]
    first = results[0] if results else None
    check_ids = [c.id for c in first.checks] if first else []
    names = {c.id: c.name.get(lang) for r in results for c in r.checks}
    concept_of = {c.id: c.concept for r in results for c in r.checks}
    concepts = dict(first.concepts) if first else {}
    total = len(results)

    def passed(r: SubmissionResult, cid: str) -> bool:
        return any(c.id == cid and c.status == Status.PASSED for c in r.checks)

    rates = []
    for cid in check_ids:
        n = sum(passed(r, cid) for r in results)
        rate = n / total if total else 0.0
        rates.append({"id": cid, "name": names[cid], "passed": n, "total": total, "rate": rate,
                      "pct": f"{100 * rate:.0f}%", "level": _level(rate), "concept": concept_of[cid]})
    groups = []
    for cid, cname in concepts.items():
        members = [x for x in rates if x["concept"] == cid]
        if not members:
            continue
        all_ok = sum(all(passed(r, m["id"]) for m in members) for r in results)
        rate = all_ok / total if total else 0.0
        groups.append({"id": cid, "name": cname.get(lang), "checks": members, "passed": all_ok, "total": total,
                       "pct": f"{100 * rate:.0f}%", "level": _level(rate),
                       "lecture": first.lecture[cid].get(lang) if first and cid in first.lecture else ""})

    diag: dict[str, dict[str, Any]] = {}
    errors: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in results:
        for c in r.checks:
            for comp in c.details.get("comparisons", []) if c.status == Status.FAILED else []:
                d = comp.get("diagnosis") if isinstance(comp, dict) else None
                if isinstance(d, dict) and d.get(lang):
                    entry = diag.setdefault(d[lang], {"text": d[lang], "students": [], "concept": d.get("concept")
                                                      or c.concept, "checks": []})
                    if r.student not in entry["students"]:
                        entry["students"].append(r.student)
                    if names[c.id] not in entry["checks"]:
                        entry["checks"].append(names[c.id])
            exc = c.details.get("exception") if c.fault == Fault.ERROR else None
            if isinstance(exc, dict):
                tb = c.details.get("traceback") or [{}]
                errors[(str(exc.get("type", "?")), str(tb[-1].get("name", "?")))].add(r.student)
    diagnoses = []
    for d in sorted(diag.values(), key=lambda d: (-len(d["students"]), d["text"])):
        n = len(d["students"])
        cname = concepts[d["concept"]].get(lang) if d["concept"] in concepts else ""
        diagnoses.append({"count": n, "who": students(n, ui), "text": d["text"],
                          "sentence": f"{students(n, ui)}: {d['text']}", "concept": cname,
                          "lecture": first.lecture[d["concept"]].get(lang) if first and d["concept"] in first.lecture
                          else "", "checks": d["checks"],
                          "students": [{"name": s, "href": _href(s)} for s in sorted(d["students"])]})
    error_list = [{"count": len(who), "who": students(len(who), ui),
                   "text": ui["error_in"].format(type=t, function=f),
                   "students": [{"name": s, "href": _href(s)} for s in sorted(who)]}
                  for (t, f), who in sorted(errors.items(), key=lambda kv: (-len(kv[1]), kv[0]))]

    scores = [r.score for r in results]
    max_score = first.max_score if first else 0
    statuses = Counter(r.status for r in results)
    return {
        "n": total, "n_text": students(total, ui), "max_score": max_score,
        "mean": statistics.fmean(scores) if scores else 0.0,
        "median": statistics.median(scores) if scores else 0.0,
        "full": sum(1 for r in results if r.max_score and r.score >= r.max_score),
        "statuses": [{"key": s, "label": ui["status_" + s], "count": statuses[s]} for s in STATUSES if statuses[s]],
        "rates": rates, "groups": groups, "diagnoses": diagnoses, "errors": error_list,
        "histogram": histogram(scores, max_score, lang),
    }


def _href(student: str) -> str:
    return quote(student, safe="") + ".html"


def class_rows(results: list[SubmissionResult], lang: str) -> list[dict[str, Any]]:
    ui = UI[lang]
    rows = []
    for r in results:
        st = r.status
        cells = []
        for c in r.checks:
            ok = c.status == Status.PASSED
            fault = fault_label(c, ui)
            cells.append({"id": c.id, "passed": ok, "score": c.score, "max_score": c.max_score,
                          "mark": "✓" if ok else "✗", "fault": str(c.fault) if c.fault and not ok else "",
                          "title": f"{c.name.get(lang)}: {points(c.score)}/{points(c.max_score)}"
                                   + (f" ({fault})" if fault else "")})
        rows.append({"student": r.student, "href": _href(r.student), "score": r.score, "max_score": r.max_score,
                     "status": st, "status_label": ui["status_" + st], "status_rank": STATUSES.index(st),
                     "checks": cells})
    return rows


def index_view(results: list[SubmissionResult], lang: str, title: Text,
               skipped: Sequence[Text] = ()) -> dict[str, Any]:
    ui = UI[lang]
    first = results[0] if results else None
    return {"lang": lang, "ui": ui, "title": title.get(lang), "s": class_summary(results, lang),
            "skipped": [note.get(lang) for note in skipped],
            "rows": class_rows(results, lang),
            "columns": [{"id": c.id, "name": c.name.get(lang),
                         "short": c.id.split(".", 1)[-1].replace("_", " ")} for c in (first.checks if first else ())],
            "graded_at": max((when(r.graded_at) for r in results if r.graded_at), default="")}


def index_html(results: list[SubmissionResult], lang: str, title: Text, skipped: Sequence[Text] = ()) -> str:
    """The TA's page; ``skipped`` names what in the submissions folder was not graded, and why."""
    return render("index.html.j2", index_view(results, lang, title, skipped))
