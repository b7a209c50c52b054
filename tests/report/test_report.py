"""The reports: what a student and a TA see, rendered from result records alone.

Results come from grading real files (the demo class, the submissions in tests/data/results/submissions/)
and from hostile records stored in tests/data/results/; the tests read the HTML the way a browser would
(a parsed tree, the text a reader sees), not by matching the template's markup.
"""
from __future__ import annotations

import csv
import dataclasses
from datetime import datetime
import io
import json
import re
import string
from concurrent.futures import ProcessPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import ROOT
from grader import assignment as assignment_mod
from grader import report
from grader.report.overview import class_summary
from grader.report.words import UI
from grader.discover import Submission
from grader.pipeline import grade
from grader.results import Fault, Status, SubmissionResult, Text, from_dict

DATA = ROOT / "tests" / "data" / "results"
NN = ROOT / "assignments" / "neural_network"
DEMO = ROOT / "solutions" / "neural_network" / "demo_class"
PAYLOAD = "<script>alert(1)</script>"
ATTRIBUTE_PAYLOAD = '"><img src=x onerror=alert(1)>'
LANGS = ("en", "ko")


# -- reading HTML ------------------------------------------------------------------------------------
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "line", "polyline", "rect", "path", "circle"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: "Node | None") -> None:
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def words(self) -> str:
        return re.sub(r"\s+", " ", self.text()).strip()

    def all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list["Node"]:
        out = []
        for c in self.children:
            if isinstance(c, Node):
                if ((tag is None or c.tag == tag) and (cls is None or cls in c.classes)
                        and all(c.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())):
                    out.append(c)
                out.extend(c.all(tag, cls, **attrs))
        return out

    def one(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> "Node":
        found = self.all(tag, cls, **attrs)
        assert len(found) == 1, f"expected one <{tag} class={cls} {attrs}>, found {len(found)}"
        return found[0]


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.node = Node("#document", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.node)
        self.node.children.append(node)
        if tag not in VOID:
            self.node = node

    def handle_startendtag(self, tag, attrs):
        self.node.children.append(Node(tag, dict(attrs), self.node))

    def handle_endtag(self, tag):
        n = self.node
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.node = n.parent

    def handle_data(self, data):
        self.node.children.append(data)


def parse(html: str) -> Node:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


def check_card(page: Node, check_id: str) -> Node:
    return page.one("article", data_check=check_id)


# -- results -----------------------------------------------------------------------------------------
def _grade(path: str) -> SubmissionResult:
    a = assignment_mod.load(NN)
    return grade(a, Submission(Path(path).stem, Path(path)))


@pytest.fixture(scope="module")
def results_by_student() -> dict[str, SubmissionResult]:
    """The demo class and this file's own submissions, graded for real (a few seconds, two at a time)."""
    paths = sorted(p for p in DEMO.iterdir() if p.suffix in (".py", ".ipynb"))
    paths += sorted((DATA / "submissions").iterdir())
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_grade, [str(p) for p in paths]))
    return {r.student: r for r in results}


@pytest.fixture(scope="module")
def demo(results_by_student) -> list[SubmissionResult]:
    names = {p.stem for p in DEMO.iterdir() if p.suffix in (".py", ".ipynb")}
    return [r for s, r in sorted(results_by_student.items()) if s in names]


def stored(name: str) -> SubmissionResult:
    return from_dict(json.loads((DATA / name).read_text("utf-8")))


def failed_comparisons(r: SubmissionResult):
    for c in r.checks:
        if c.status == Status.FAILED:
            for comp in c.details.get("comparisons", []):
                yield c, comp


def count_true(mask) -> int:
    return sum(count_true(m) for m in mask) if isinstance(mask, list) else int(bool(mask))


# -- the words ---------------------------------------------------------------------------------------
def test_every_word_of_the_reports_exists_in_both_languages():
    fields = {lang: {k: {f for _, f, _, _ in string.Formatter().parse(v) if f} for k, v in UI[lang].items()}
              for lang in LANGS}
    assert fields["en"].keys() == fields["ko"].keys()
    for key in fields["en"]:
        assert fields["en"][key] == fields["ko"][key], key


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_of_the_checks_is_shown_in_the_chosen_language(results_by_student, lang):
    for r in results_by_student.values():
        page = parse(report.student_html(r, lang)).words()
        assert f'lang="{lang}"' in report.student_html(r, lang)
        for c in r.checks:
            assert c.message.en and c.message.ko and c.name.en and c.name.ko, c.id
            if c.status == Status.FAILED and c.fault != Fault.NOT_GRADABLE:
                for line in c.message.get(lang).split("\n"):
                    if not line.startswith(("Likely mistake: ", "추정되는 실수: ")):
                        assert re.sub(r"\s+", " ", line).strip() in page, (r.student, c.id, line)


# -- the top of the student's report -----------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_the_top_says_who_what_how_much_when_and_which_file(results_by_student, lang):
    r = results_by_student["no_mean"]
    page = parse(report.student_html(r, lang))
    assert page.one("h1").words() == "no_mean"
    top = page.one("header", cls="top").words()
    assert r.assignment_title.get(lang) in top
    assert f"{r.score:g} / {r.max_score:g}" in top and r.score < r.max_score
    assert r.sha256[:12] in top and r.sha256 not in top
    assert r.graded_at[:7] in top and (datetime.now().astimezone().tzname() or "") in top
    concepts = page.one("ul", cls="concepts").all("li")
    assert [li.one("span", cls="cname").words() for li in concepts] == [n.get(lang) for n in r.concepts.values()]
    verdicts = {li.attrs["id"]: li for li in concepts}
    assert "ok" in verdicts["concept-forward"].classes
    update = verdicts["concept-update"]
    assert "bad" in update.classes
    diag = next(comp["diagnosis"][lang] for c, comp in failed_comparisons(r) if c.concept == "update")
    assert diag in update.words()  # the likely mistake, on the concept's own line
    assert {a.attrs["href"] for a in update.all("a")} == {
        f"#check-{c.id}" for c in r.checks if c.concept == "update" and c.status == Status.FAILED}


# -- a failed comparison -----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_a_wrong_answer_shows_expected_and_got_with_the_wrong_entries_marked(results_by_student, lang):
    r = results_by_student["no_mean"]
    page = parse(report.student_html(r, lang))
    c, comp = next((c, comp) for c, comp in failed_comparisons(r) if c.id == "update.output_delta")
    card = check_card(page, c.id)
    expected = card.one("table", data_role="expected")
    actual = card.one("table", data_role="actual")
    shape = "(" + ", ".join(str(s) for s in comp["expected_shape"]) + ")"
    assert shape in card.one("div", cls="expected").words() and shape in card.one("div", cls="actual").words()
    rows = [row for row in comp["expected"]]
    assert [td.words() for td in expected.all("td")] == [f"{v:.4g}" for row in rows for v in row]
    assert [td.words() for td in actual.all("td")] == [f"{v:.4g}" for row in comp["actual"] for v in row]
    marked = actual.all("td", cls="wrong")
    assert len(marked) == comp["n_wrong"] == count_true(comp["wrong"]) > 0
    assert expected.all("td", cls="wrong") == []
    errors = card.one("p", cls="errors").words()
    assert f"{comp['max_abs_error']:.3g}" in errors and f"{comp['max_rel_error']:.3g}" in errors
    assert str(comp["n_wrong"]) in errors


@pytest.mark.parametrize("lang", LANGS)
def test_the_likely_mistake_is_said_once_with_a_pointer_to_the_lecture(results_by_student, lang):
    r = results_by_student["no_mean"]
    page = parse(report.student_html(r, lang))
    for c, comp in failed_comparisons(r):
        card = check_card(page, c.id)
        box = card.one("div", cls="diag")
        assert comp["diagnosis"][lang] in box.words()
        concept = comp["diagnosis"]["concept"] or c.concept
        assert r.lecture[concept].get(lang) in box.one("div", cls="lecture").words()
        assert card.words().count(comp["diagnosis"][lang]) == 1, c.id  # not repeated by the message
        assert card.words().count(r.lecture[concept].get(lang)) == 1, c.id


def test_shapes_that_differ_are_drawn_side_by_side(demo):
    found = 0
    for r in demo:
        page = parse(report.student_html(r, "en"))
        for c, comp in failed_comparisons(r):
            got, want = comp.get("actual_shape"), comp.get("expected_shape")
            if got is None or got == want or len(got) > 2 or len(want) > 2:
                continue
            card = check_card(page, c.id)
            pictures = card.all("table", cls="shape-picture")
            assert len(pictures) == 2
            assert [len(p.all("tr")) for p in pictures] == [want[0] if len(want) == 2 else 1,
                                                            got[0] if len(got) == 2 else 1]
            found += 1
    assert found > 0


# -- a crash -----------------------------------------------------------------------------------------
def _notebook_bug() -> tuple[str, int, str]:
    """(the cell's first line, line in cell, text) of the line of tests/data/results/submissions/
    notebook_error.ipynb that raises, read from the notebook itself."""
    nb = json.loads((DATA / "submissions" / "notebook_error.ipynb").read_text("utf-8"))
    for cell in nb["cells"]:
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        for i, line in enumerate(source.split("\n"), start=1):
            if "self.w3 @ d3" in line:
                return next(s.strip() for s in source.split("\n") if s.strip()), i, line
    raise AssertionError("the notebook lost its bug")


@pytest.mark.parametrize("lang", LANGS)
def test_a_notebook_crash_names_the_cell_and_the_line_and_shows_the_code(results_by_student, lang):
    r = results_by_student["notebook_error"]
    head, line, text = _notebook_bug()
    html = report.student_html(r, lang)
    page = parse(html)
    # Jupyter numbers no cell, so the report names it by its first line
    cell = f"cell that starts with `{head}`" if lang == "en" else f"`{head}`(으)로 시작하는 셀"
    where = f"line {line} of the {cell}" if lang == "en" else f"{cell}의 {line}번째 줄"
    failed = [c for c in r.checks if c.fault == Fault.ERROR]
    assert failed
    for c in failed:
        card = check_card(page, c.id)
        frame = card.one("div", cls="frame")
        assert where in frame.one("div", cls="where").words()
        code = frame.one("pre", cls="code")
        highlighted = code.one("span", cls="hl")
        assert highlighted.one("span", cls="no").words() == str(line)
        assert highlighted.text() == f"{line}{text}"
        assert cell in code.one("span", cls="cellbreak").words()
        assert len(code.all("span", cls="ln")) >= 3  # the lines around it too
        assert c.details["exception"]["type"] in card.one("p", cls="exc").words()
    for internal in ("Traceback (most recent call last)", "_child.py", "grader/", "site-packages", "pytest"):
        assert internal not in html


def test_a_python_crash_uses_the_line_numbers_of_the_file(demo):
    found = 0
    for r in demo:
        if not r.file.endswith(".py"):
            continue
        page = parse(report.student_html(r, "en"))
        for c in r.checks:
            if c.fault != Fault.ERROR or not c.details.get("traceback"):
                continue
            last = c.details["traceback"][-1]
            frame = check_card(page, c.id).all("div", cls="frame")[-1]
            assert f"line {last['line']}" in frame.one("div", cls="where").words()
            assert frame.one("pre").one("span", cls="hl").one("span", cls="no").words() == str(last["line"])
            found += 1
    assert found > 0


# -- the convergence check ---------------------------------------------------------------------------
@pytest.mark.parametrize("student", ["no_mean", "kim_minji"])
def test_the_loss_curves_are_an_inline_svg_beside_the_final_accuracy(results_by_student, student):
    r = results_by_student[student]
    c = next(c for c in r.checks if c.id == "train.convergence")
    card = check_card(parse(report.student_html(r, "en")), c.id)
    svg = card.one("svg")
    lines = svg.all("polyline")
    assert {tuple(sorted(p.classes)) for p in lines} == {("reference", "series"), ("series", "student")}
    n_points = sum(len(p.attrs["points"].split()) for p in lines if "student" in p.classes)
    assert n_points == sum(1 for v in c.details["curve"]["student"] if v is not None)
    assert f"{100 * c.details['accuracy']:.1f}%" in card.one("figcaption").words()
    assert "your network" in card.words() and "reference" in card.words()


# -- the printed output ------------------------------------------------------------------------------
def test_the_printed_output_is_folded_away_and_escaped():
    r = stored("hostile.json")
    html = report.student_html(r, "en")
    section = parse(html).one("section", id="output")
    details = section.one("details")
    assert "open" not in details.attrs
    assert details.one("pre").text() == r.output  # the exact text, shown as text
    assert "&lt;/pre&gt;&lt;/details&gt;&lt;script&gt;" in html


def test_a_report_without_output_says_so(results_by_student):
    r = dataclasses.replace(results_by_student["no_mean"], output="")
    assert "(nothing printed)" in parse(report.student_html(r, "en")).one("section", id="output").words()


# -- escaping ----------------------------------------------------------------------------------------
def _own_scripts(html: str) -> int:
    return html.count("<script>\n")  # the report's own inline scripts start a line; nothing else may open one


@pytest.mark.parametrize("fixture", ["hostile.json", "hostile_not_gradable.json"])
@pytest.mark.parametrize("lang", LANGS)
def test_hostile_text_in_every_student_field_is_escaped(fixture, lang, demo):
    r = stored(fixture)
    student = report.student_html(r, lang)
    for html in (student, report.index_html([r] + demo, lang, r.assignment_title)):
        assert PAYLOAD not in html and ATTRIBUTE_PAYLOAD not in html and "<img" not in html
        assert html.count("<script") == _own_scripts(html) == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in student
    page = parse(student)
    assert page.one("h1").words() == r.student  # shown as the text it is
    assert page.one("header", cls="top").all("code")[0].words() == r.file


def _poison(value, key=""):
    """Every string of a record's plain-data form replaced by hostile text (enums and keys kept)."""
    if isinstance(value, dict):
        return {k: _poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key) for v in value]
    if isinstance(value, str) and key not in ("status", "fault"):
        return value + PAYLOAD + ATTRIBUTE_PAYLOAD
    return value


@pytest.mark.parametrize("lang", LANGS)
def test_no_string_of_any_record_can_inject_markup(demo, results_by_student, lang):
    poisoned = [from_dict(_poison(json.loads(report.student_json(r, lang)))) for r in results_by_student.values()]
    for r in poisoned:
        html = report.student_html(r, lang)
        assert PAYLOAD not in html and ATTRIBUTE_PAYLOAD not in html and "<img" not in html, r.student
        assert html.count("<script") == 1
    index = report.index_html(poisoned, lang, Text(PAYLOAD, PAYLOAD))
    assert PAYLOAD not in index and ATTRIBUTE_PAYLOAD not in index and index.count("<script") == 1


# -- not gradable, timed out -------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_a_file_that_cannot_be_graded_says_why_and_where_once(demo, lang):
    r = next(r for r in demo if not r.gradable)
    page = parse(report.student_html(r, lang))
    banner = page.one("div", id="not-gradable")
    reason = r.problem.get(lang).removeprefix("Not gradable: ").removeprefix("채점 불가: ")
    assert banner.words().startswith(UI[lang]["not_gradable"]) and reason in banner.words()
    line = int(next(iter(r.source_excerpts)))
    assert banner.one("span", cls="hl").one("span", cls="no").words() == str(line)
    assert page.words().count(reason) == 1  # not once more for each of the checks
    assert len(page.all("article", cls="notgraded")) == len(r.checks)


def test_a_time_out_is_said_in_the_check_and_in_the_overview(demo):
    r = next(r for r in demo if r.status == "timeout")
    c = next(c for c in r.checks if c.fault == Fault.TIMEOUT)
    card = check_card(parse(report.student_html(r, "en")), c.id)
    assert "timed out" in card.one("header").words()
    assert c.details["call"] in card.words()
    index = parse(report.index_html(demo, "en", r.assignment_title))
    row = next(tr for tr in index.one("table", id="grades").all("tr") if tr.all("a") and tr.all("a")[0].words() == r.student)
    assert "timeout" in row.words()


# -- the class overview ------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_lists_every_student_with_marks_status_and_a_link(demo, lang):
    page = parse(report.index_html(demo, lang, demo[0].assignment_title))
    table = page.one("table", id="grades")
    assert "sortable" in table.classes
    heads = [th.words() for th in table.one("thead").all("th")]
    assert heads[3:] == [c.id for c in demo[0].checks]
    rows = table.one("tbody").all("tr")
    assert len(rows) == len(demo)
    for r, tr in zip(demo, rows):
        link = tr.one("a")
        assert link.words() == r.student and link.attrs["href"] == f"{r.student}.html"
        cells = tr.all("td")
        assert cells[0].words() == f"{r.score:g}/{r.max_score:g}"
        assert cells[1].words() == UI[lang]["status_" + r.status]
        for c, td in zip(r.checks, cells[2:]):
            assert ("pass" if c.status == Status.PASSED else "fail") in td.classes
            assert td.attrs["data-sort"] == str(c.score)
    statuses = {r.status for r in demo}
    assert {"ok", "load_error", "timeout"} <= statuses  # the demo class shows them all


def test_the_overview_charts_count_every_student(demo):
    page = parse(report.index_html(demo, "en", demo[0].assignment_title))
    svg = page.one("section", id="histogram").one("svg")
    counts = [int(t.words()) for t in svg.all("text", cls="count")]
    assert sum(counts) == len(demo)
    rates = {div.attrs["data-check"]: div.one("span", cls="num").words()
             for div in page.one("section", id="pass-rates").all("div", cls="rate") if "data-check" in div.attrs}
    for c in demo[0].checks:
        n = sum(1 for r in demo for x in r.checks if x.id == c.id and x.status == Status.PASSED)
        assert rates[c.id] == f"{100 * n / len(demo):.0f}%"


@pytest.mark.parametrize("lang,who", [("en", "17 students"), ("ko", "17명")])
def test_the_most_frequent_mistakes_read_as_sentences(results_by_student, demo, lang, who):
    r = results_by_student["no_mean"]
    text = next(comp["diagnosis"][lang] for _, comp in failed_comparisons(r))
    others = [d for d in demo if all(comp.get("diagnosis", {}).get(lang) != text for _, comp in failed_comparisons(d))]
    klass = [dataclasses.replace(r, student=f"s{i:02}") for i in range(17)] + others
    page = parse(report.index_html(klass, lang, r.assignment_title))
    lists = page.one("section", id="diagnoses").all("ol", cls="diagnoses")
    items = [li for li in lists[0].children if isinstance(li, Node) and li.tag == "li"]
    first = items[0].words()
    assert first.startswith(f"{who}: {text}"), first
    assert len(items[0].one("details").all("a")) >= 17


def test_a_student_is_counted_once_per_mistake(results_by_student):
    r = results_by_student["no_mean"]
    summary = class_summary([r], "en")
    assert all(d["count"] == 1 for d in summary["diagnoses"])
    assert summary["diagnoses"][0]["sentence"].startswith("1 student: ")


# -- the gradebook -----------------------------------------------------------------------------------
def test_grades_csv_has_id_score_maximum_and_points_per_check(demo):
    rows = list(csv.DictReader(io.StringIO(report.grades_csv(demo))))
    ids = [c.id for c in demo[0].checks]
    assert list(rows[0]) == ["student_id", "name", "student", "score", "max_score", "raw_score", "adjustment",
                             "late_days", "penalty", "status", "on_roster"] + ids
    for r, row in zip(demo, rows):
        assert row["student"] == r.student and float(row["score"]) == float(row["raw_score"]) == r.score
        assert float(row["max_score"]) == r.max_score and row["status"] == r.status
        assert row["adjustment"] == row["late_days"] == row["penalty"] == row["on_roster"] == ""  # none of them
        assert sum(float(row[i]) for i in ids) == pytest.approx(r.score)


def test_the_canvas_variant_follows_the_gradebook_import_format(demo):
    title = demo[0].assignment_title
    rows = list(csv.reader(io.StringIO(report.grades_csv(demo, canvas=True, title=title, lang="ko"))))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", title.ko]
    assert rows[1][0] == "Points Possible" and float(rows[1][5]) == demo[0].max_score
    assert [(row[0], row[2], float(row[5])) for row in rows[2:]] == [(r.student, r.student, r.score) for r in demo]
    from_canvas = [dataclasses.replace(r, lms_id=str(1000 + i)) for i, r in enumerate(demo)]
    rows = list(csv.reader(io.StringIO(report.grades_csv(from_canvas, canvas=True, title=title, lang="ko"))))
    assert [(row[0], row[1], row[2], row[3]) for row in rows[2:]] == [(r.student, r.lms_id, "", "") for r in from_canvas]


# -- one file, no network, no script needed ----------------------------------------------------------
def test_the_pages_are_self_contained(demo, results_by_student):
    pages = [report.student_html(r, lang) for r in results_by_student.values() for lang in LANGS]
    pages.append(report.index_html(demo, "ko", demo[0].assignment_title))
    for html in pages:
        assert "<style>" in html and "<link" not in html and " src=" not in html and "@import" not in html
        assert "url(" not in html
        urls = re.findall(r'(?:href|xmlns)="([^"]+)"', html)
        assert all(u.startswith(("#", "http://www.w3.org/2000/svg")) or re.fullmatch(r"[^/:]+\.(html|csv)", u)
                   for u in urls), urls
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
        assert "@media print" in html and "@media (max-width: 600px)" in html


def test_the_overview_is_complete_without_its_script(demo):
    """The table is rendered in order by the server; the script only re-sorts it."""
    html = report.index_html(demo, "en", demo[0].assignment_title)
    without = re.sub(r"<script>.*?</script>", "", html, flags=re.S)
    names = [a.words() for a in parse(without).one("table", id="grades").one("tbody").all("a")]
    assert names == [r.student for r in demo]


# -- the project's own corpus ------------------------------------------------------------------------
def test_every_graded_report_renders_its_feedback(results_by_student):
    """Every demo student and every submission of this file: the page renders in both languages, every
    diagnosis is on it and every wrong entry of a shown array is marked."""
    for r in results_by_student.values():
        for lang in LANGS:
            page = parse(report.student_html(r, lang))
            for c, comp in failed_comparisons(r):
                card = check_card(page, c.id)
                if comp.get("diagnosis"):
                    assert comp["diagnosis"][lang] in card.one("div", cls="diag").words(), (r.student, c.id)
                if comp.get("wrong") is not None and comp.get("actual_shape") == comp.get("expected_shape"):
                    marked = sum(len(t.all("td", cls="wrong")) for t in card.all("table", data_role="actual"))
                    assert marked == count_true(comp["wrong"]), (r.student, c.id)
    index = parse(report.index_html(list(results_by_student.values()), "en", Text("t", "t")))
    assert len(index.one("table", id="grades").one("tbody").all("tr")) == len(results_by_student)


def test_a_korean_report_says_what_each_protection_is_in_korean(results_by_student):
    r = next(r for r in results_by_student.values() if r.protections.get("rlimits"))
    html = report.student_html(r, "ko")
    assert "자원 제한(rlimits)" in html and "시스템 호출 제한(seccomp)" in html
    assert "open files" not in html and "열린 파일" in html
    assert "open files" in report.student_html(r, "en")


def test_every_note_the_sandbox_gives_has_words_in_both_languages():
    """The sandbox reports each protection as note ids (``kernel.note("uid", uid=...)``); the report words them.
    A note id added or renamed inside the sandbox without words here would show as a bare id."""
    from grader.report.words import NOTES

    inside = ROOT / "grader" / "sandbox" / "_inside"
    used = {m for p in inside.glob("*.py") for m in re.findall(r'\bnote\("(\w+)"', p.read_text("utf-8"))}
    used |= set(re.findall(r'"(pid_namespace|subreaper|tree_walk)"', (inside / "isolate.py").read_text("utf-8")))
    assert used and used <= set(NOTES), sorted(used - set(NOTES))
    for words in NOTES.values():
        assert words.en and words.ko


@pytest.mark.parametrize("notes, en, ko", [
    ([{"id": "abi", "abi": 7}, {"id": "main_thread_only", "threads": 2}], "ABI 7 (main thread only: 2 other threads)",
     "ABI 7 (주 스레드만: 다른 스레드 2개)"),
    ([{"id": "uid", "uid": 65534}, {"id": "own_user_namespace"}], "uid 65534, own user namespace and process count",
     "uid 65534, 전용 사용자 네임스페이스와 프로세스 수"),
    ([{"id": "future_note"}], "future_note", "future_note"),
    (True, "", ""),
])
def test_protection_notes_are_said_from_their_ids(notes, en, ko):
    from grader.report.words import protection_note

    assert (protection_note(notes, "en"), protection_note(notes, "ko")) == (en, ko)


def test_a_nan_in_the_students_answer_is_shown_and_the_json_stays_strict(results_by_student):
    r = results_by_student["nan_sigmoid"]
    card = check_card(parse(report.student_html(r, "en")), "sigmoid.values")
    actual = card.one("table", data_role="actual")
    assert "nan" in actual.words()  # the "your result" panel shows the entry, not nothing
    text = report.student_json(r, "en")
    json.loads(text, parse_constant=lambda c: pytest.fail(f"NAME.json holds the non-JSON constant {c}"))
    assert from_dict(json.loads(text)).score == r.score
