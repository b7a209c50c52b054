"""The class overview, ``index.html``: the TA's page (every student, the score histogram, the pass rate of
each check by concept, the most frequent mistakes, what was not graded)."""
from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from typing import Any, Sequence
from urllib.parse import quote

from ..results import STATUSES, Fault, Status, SubmissionResult, Text, rows_of
from .render import render
from .student import at, days_text, fault_label
from .svg import histogram
from .words import UI, points, students, when


def _level(rate: float) -> str:
    return "low" if rate < 0.5 else "mid" if rate < 0.8 else "high"


def class_summary(items: list, lang: str) -> dict[str, Any]:
    """The class's figures: checks and mistakes over the submissions; scores (after any late deduction) and
    statuses over every row, a roster student with nothing submitted included."""
    ui = UI[lang]
    class_rows_ = rows_of(items)
    results = [r.result for r in class_rows_ if r.result is not None]
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

    scores = [r.score for r in class_rows_]
    max_score = first.max_score if first else (class_rows_[0].max_score if class_rows_ else 0)
    statuses = Counter(r.status for r in class_rows_)
    return {
        "n": len(class_rows_), "n_text": students(len(class_rows_), ui), "max_score": max_score,
        "mean": statistics.fmean(scores) if scores else 0.0,
        "median": statistics.median(scores) if scores else 0.0,
        "full": sum(1 for r in class_rows_ if r.max_score and r.score >= r.max_score),
        "off_roster": sum(1 for r in class_rows_ if r.on_roster is False),
        "late": sum(1 for r in class_rows_ if r.late is not None and r.late.days > 0),
        "statuses": [{"key": s, "label": ui["status_" + s], "count": statuses[s]} for s in STATUSES if statuses[s]],
        "rates": rates, "groups": groups, "diagnoses": diagnoses, "errors": error_list,
        "histogram": histogram(scores, max_score, lang),
    }


def _href(student: str) -> str:
    return quote(student, safe="") + ".html"


def class_rows(items: list, lang: str) -> list[dict[str, Any]]:
    ui = UI[lang]
    rows = []
    for row in rows_of(items):
        r, st = row.result, row.status
        cells = []
        for c in (r.checks if r is not None else ()):
            ok = c.status == Status.PASSED
            fault = fault_label(c, ui)
            cells.append({"id": c.id, "passed": ok, "score": c.score, "max_score": c.max_score,
                          "mark": "✓" if ok else "✗", "fault": str(c.fault) if c.fault and not ok else "",
                          "title": f"{c.name.get(lang)}: {points(c.score)}/{points(c.max_score)}"
                                   + (f" ({fault})" if fault else "")})
        late = row.late
        late_text = late_title = ""
        if late is not None and late.days > 0:
            late_text = ui["late_short"].format(days=late.days, penalty=points(round(late.penalty, 2)))
            late_title = f"{at(late.submitted_at) if late.submitted_at else late.source} > {at(late.due)}: " \
                         f"{days_text(late.days, ui)}, −{points(round(late.percent, 2))}%"
        label = row.student if r is not None else (row.name or row.student)  # nothing submitted: the roster's name
        how = ui["matched_" + row.matched_by] if row.matched_by and row.on_roster else ""  # how the roster was matched
        sub = " · ".join(x for x in (row.name if row.name != label else "", row.student_id, how) if x and x != label)
        adjust_text = " ".join(a.label for a in row.adjustments)
        adjust_title = "; ".join(f"{a.label} {a.check or ui['adjust_whole']}: {a.reason}"
                                 + (f" ({ui['adjust_needs_look']})" if a.stale else "") for a in row.adjustments)
        change = row.change
        change_text = "" if change is None else ui["changed_new"] if change.before is None else \
            f"{points(change.before)} → {points(change.after)}" if change.after is not None else ""
        rows.append({"student": row.student, "label": label, "sub": sub,
                     "adjust_text": adjust_text, "adjust_title": adjust_title, "needs_look": row.needs_look,
                     "change_text": change_text,
                     "href": _href(row.student) if r is not None else "",
                     "name": row.name, "student_id": row.student_id, "off_roster": row.on_roster is False,
                     "score": row.score, "raw_score": row.raw_score, "max_score": row.max_score,
                     "late_days": late.days if late is not None else 0, "late_text": late_text,
                     "late_title": late_title,
                     "status": st, "status_label": ui["status_" + st], "status_rank": STATUSES.index(st),
                     "checks": cells, "n_checks": len(cells)})
    return rows


def index_view(items: list, lang: str, title: Text, skipped: Sequence[Text] = (),
               attention: Sequence[Text] = (), gradebooks: Sequence[str] = ("grades.csv",)) -> dict[str, Any]:
    ui = UI[lang]
    class_rows_ = rows_of(items)
    results = [r.result for r in class_rows_ if r.result is not None]
    first = results[0] if results else None
    labels = {"grades.csv": ui["grades_csv"], "grades_canvas.csv": ui["canvas_csv"],
              "grades_moodle.csv": ui["moodle_csv"], "grades_blackboard.csv": ui["blackboard_csv"],
              "changes.csv": ui["changes_csv"]}
    return {"lang": lang, "ui": ui, "title": title.get(lang), "s": class_summary(class_rows_, lang),
            "skipped": [note.get(lang) for note in skipped],
            "attention": [note.get(lang) for note in attention],
            "rows": class_rows(class_rows_, lang),
            "roster": any(r.on_roster is not None for r in class_rows_),
            "late": any(r.late is not None for r in class_rows_),
            "gradebooks": [{"file": g, "label": labels.get(g, g)} for g in gradebooks],
            "columns": [{"id": c.id, "name": c.name.get(lang),
                         "short": c.id.split(".", 1)[-1].replace("_", " ")} for c in (first.checks if first else ())],
            "graded_at": max((when(r.graded_at) for r in results if r.graded_at), default="")}


def index_html(items: list, lang: str, title: Text, skipped: Sequence[Text] = (), attention: Sequence[Text] = (),
               gradebooks: Sequence[str] = ("grades.csv",)) -> str:
    """The TA's page: ``items`` are the class's rows (or bare results); ``skipped`` names what in the
    submissions folder was not graded, and why; ``attention`` what the TA must look at first (submissions
    that match nobody on the roster, refused archive entries, reports moved aside)."""
    return render("index.html.j2", index_view(items, lang, title, skipped, attention, gradebooks))
