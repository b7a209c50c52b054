"""The similarity check (grader/similarity, grader/report/similarity.py): tokens, winnowing's guarantee,
what is discounted, flagging against the class, clusters, the files it writes, notebooks, the cache and
the archive. The data is in tests/data/similarity/ (README.md there says where each file comes from)."""
from __future__ import annotations

import csv
import io
import random
import shutil
from pathlib import Path

import pytest

from grader import assignment as assignment_mod
from grader.discover import discover
from grader.report.similarity import similarity_csv, write_similarity
from grader.results import SimilarPair, Text
from grader.similarity import run, sources
from grader.similarity.compare import Document, Settings, clusters, compare
from grader.similarity.tokens import normalise, spec_names
from grader.similarity.winnow import K, W, fingerprints, kgram_hashes, winnow
from helpers import DATA, NN

SIM = DATA / "similarity"
STUB = (NN / "neural_network.py").read_text("utf-8")
KEEP = spec_names(STUB)


@pytest.fixture(scope="module")
def nn():
    return assignment_mod.load(NN)


def a_class(tmp_path: Path, *extra: Path) -> Path:
    folder = tmp_path / "class"
    shutil.copytree(SIM / "class", folder)
    for f in extra:
        shutil.copy(f, folder / f.name)
    return folder


# -- tokens ---------------------------------------------------------------------------------------------
def test_renaming_comments_and_layout_change_no_token():
    a = "def f(self, x):\n    total = x + 1  # add\n    return np.exp(total)\n"
    b = "def g(self, value):\n\n    # 합계\n    s = value + \\\n         2\n    return numpy.exp(s)\n"
    assert normalise(a).words == normalise(b).words


def test_what_keeps_its_meaning():
    t = normalise('"""doc"""\nself.w1 = np.random.randn(3, 2).sum(axis=1)\nself.helper = len("x")\n', KEEP)
    assert t.words == ("self", ".", "w1", "=", "np", ".", "random", ".", "randn", "(", "N", ",", "N", ")", ".",
                       "sum", "(", "axis", "=", "N", ")", ";", "self", ".", "A", "=", "len", "(", "S", ")", ";")
    assert t.lines[0] == 2  # the docstring is gone, the lines are the file's


def test_a_file_that_does_not_tokenize_is_still_compared():
    text = "x = 1\ny = (2,\n  3\n" + "z = w @ v + b\n" * 3
    t = normalise(text)
    assert t.words[:4] == ("V", "=", "N", ";")
    bad = normalise("def f(self):\n        a = 1\n    b = 2\nc = d @ e\n")   # an IndentationError
    assert not bad.complete and bad.stopped_at == 3
    assert "@" in bad.words                     # the lines after the error are still there


# -- winnowing ----------------------------------------------------------------------------------------------
def test_a_shared_passage_as_long_as_the_guarantee_is_always_found():
    rng = random.Random(0)
    for _ in range(300):
        shared = [rng.choice("abcdefgh") for _ in range(K + W - 1)]
        a = [rng.choice("ijklmn") for _ in range(rng.randint(0, 60))]
        b = [rng.choice("opqrst") for _ in range(rng.randint(0, 60))]
        x = a[:len(a) // 2] + shared + a[len(a) // 2:]
        y = b[:len(b) // 3] + shared + b[len(b) // 3:]
        assert {f.hash for f in fingerprints(x)} & {f.hash for f in fingerprints(y)}


def test_winnowing_keeps_the_rightmost_minimum_of_each_window_once():
    assert [(f.hash, f.start) for f in winnow([5, 3, 3, 7, 9, 1, 8], 3)] == [(3, 2), (1, 5)]
    hashes = kgram_hashes([str(i % 17) for i in range(400)])
    kept = winnow(hashes)
    assert 0.15 < len(kept) / len(hashes) < 0.5          # about 2 / (w + 1)
    assert len({f.start for f in kept}) == len(kept)


# -- what is discounted -----------------------------------------------------------------------------------
def doc(name: str, words: list[str]) -> Document:
    return Document(name, tuple((f.hash, f.start) for f in fingerprints(words)), tuple(range(1, len(words) + 1)))


def test_the_stub_is_not_evidence():
    stub = [f"s{i}" for i in range(80)]
    a, b = doc("a", stub + ["x"] * 3), doc("b", stub + ["y"] * 3)
    assert compare([a, b]).pairs[0].similarity > 0.9
    assert compare([a, b], set(kgram_hashes(stub))).pairs == ()


def test_a_passage_most_of_the_class_has_is_not_evidence():
    common = [f"c{i}" for i in range(60)]
    rare = [f"r{i}" for i in range(60)]
    docs = [doc(f"s{i}", [f"o{i}_{j}" for j in range(40)] + common) for i in range(8)]
    docs += [doc("p", rare + ["p"] * 5), doc("q", ["q"] * 5 + rare)]
    out = compare(docs, (), Settings(common_min=3, common_fraction=0.25))
    assert [(p.a, p.b) for p in out.pairs if p.flagged] == [("p", "q")]
    # a k-gram at the passage's edge that winnowing picked in only two files may remain, never the passage
    assert all(p.shared_tokens <= K for p in out.pairs if p.a != "p")
    kept = compare(docs, (), Settings(common_min=20))      # the cut turned off: the common passage counts
    assert len(kept.pairs) == 28 + 1 and min(p.shared_tokens for p in kept.pairs) > 40


# -- flagging against the class -------------------------------------------------------------------------------
def test_an_honest_class_flags_nobody(nn, tmp_path):
    r = run(nn, discover(a_class(tmp_path), nn.entry), tmp_path / "reports")
    assert r.students == 8 and r.compared == 28
    assert r.flagged == ()


def test_a_disguised_copy_is_flagged_and_only_it(nn, tmp_path):
    r = run(nn, discover(a_class(tmp_path, SIM / "copycat.py"), nn.entry), tmp_path / "reports")
    assert [(p.a, p.b) for p in r.flagged] == [("copycat", "jang")]
    p = r.flagged[0]
    assert p.similarity >= r.threshold >= Settings().min_similarity
    assert p.reason is not None and "robust z" in p.reason.en and "토큰" in p.reason.ko
    assert p.lines_a and p.lines_b


def test_clusters_are_three_or_more_joined_by_flagged_pairs():
    pair = lambda a, b: SimilarPair(a, b, 0.9, True, (), (), 50, 20)  # noqa: E731
    assert clusters([pair("a", "b"), pair("b", "c"), pair("x", "y")]) == (("a", "b", "c"),)
    assert clusters([pair("a", "b"), pair("x", "y")]) == ()


def test_three_copies_of_one_source_are_one_cluster(nn, tmp_path):
    folder = a_class(tmp_path, SIM / "copycat.py")
    shutil.copy(SIM / "copycat.py", folder / "copycat2.py")
    r = run(nn, discover(folder, nn.entry), tmp_path / "reports")
    assert r.clusters == (("copycat", "copycat2", "jang"),)
    out = tmp_path / "reports"
    (out / "index.html").write_text("<html><body><!--similarity--></body></html>")
    write_similarity(r, out, "en")
    section = (out / "index.html").read_text("utf-8")
    assert "Groups that share one source" in section
    assert "<li><strong>copycat</strong>, <strong>copycat2</strong>, <strong>jang</strong></li>" in section


# -- files written --------------------------------------------------------------------------------------------
def test_the_csv_and_the_pages(nn, tmp_path):
    r = run(nn, discover(a_class(tmp_path, SIM / "copycat.py"), nn.entry), tmp_path / "reports")
    rows = list(csv.DictReader(io.StringIO(similarity_csv(r))))
    assert list(rows[0]) == ["student_a", "student_b", "similarity", "flagged", "lines_a", "lines_b",
                             "shared_tokens", "longest_tokens", "b_from_archive", "reason"]
    assert (rows[0]["student_a"], rows[0]["student_b"], rows[0]["flagged"]) == ("copycat", "jang", "yes")
    assert [x["flagged"] for x in rows[1:]] == ["no"] * (len(rows) - 1)
    assert all(0 <= float(x["similarity"]) <= 1 for x in rows)
    assert rows[0]["lines_a"].split()[0][0].isdigit()
    out = tmp_path / "reports"
    (out / "index.html").write_text("<html><body><!--similarity--><footer></footer></body></html>")
    (out / "similarity").mkdir(exist_ok=True)
    (out / "similarity" / "old__pair.html").write_text("stale")
    write_similarity(r, out, "ko")
    page = (out / "similarity" / "copycat__jang.html").read_text("utf-8")
    assert "<script>alert(1)" not in page and "&lt;/script&gt;&lt;script&gt;alert(1)" in page
    assert "판정이 아닙니다" in page and 'class="ln hl"' in page
    index = (out / "index.html").read_text("utf-8")
    assert 'id="similarity"' in index and "similarity/copycat__jang.html" in index and "판정이 아닙니다" in index
    assert not (out / "similarity" / "old__pair.html").exists()
    assert (out / "similarity.csv").read_text("utf-8").startswith("\ufeffstudent_a")


def test_notebooks_are_compared_on_their_code_cells(nn, tmp_path):
    folder = a_class(tmp_path, SIM / "nb_source.ipynb", SIM / "nb_copy.ipynb")
    r = run(nn, discover(folder, nn.entry), tmp_path / "reports")
    assert [(p.a, p.b) for p in r.flagged] == [("nb_copy", "nb_source")]
    shown = r.files["nb_source"]
    assert shown.file == "nb_source.ipynb" and shown.gutter[0] == "1·1"
    assert "class NeuralNetwork" in shown.text and '"cell_type"' not in shown.text
    write_similarity(r, tmp_path / "reports", "ko")
    page = (tmp_path / "reports" / "similarity" / "nb_copy__nb_source.html").read_text("utf-8")
    assert '<span class="no">2·1</span>' in page and "왼쪽 여백은 셀 · 줄 번호" in page


# -- the cache and the archive ----------------------------------------------------------------------------------
def test_fingerprints_are_reused_while_the_file_is_unchanged(nn, tmp_path, monkeypatch):
    folder = a_class(tmp_path)
    reports = tmp_path / "reports"
    first = run(nn, discover(folder, nn.entry), reports)
    made = []
    real = sources.entry_of
    monkeypatch.setattr(sources, "entry_of", lambda *a: made.append(a[0].filename) or real(*a))
    again = run(nn, discover(folder, nn.entry), reports)
    assert made == [] and again.pairs == first.pairs
    (folder / "ahn.py").write_text((folder / "ahn.py").read_text() + "\nEXTRA = 1\n")
    run(nn, discover(folder, nn.entry), reports)
    assert made == ["ahn.py"]


def test_an_unreadable_file_does_not_stop_the_batch(nn, tmp_path):
    folder = a_class(tmp_path, SIM / "copycat.py")
    (folder / "broken.py").write_bytes(b"%PDF-1.4 not code")
    r = run(nn, discover(folder, nn.entry), tmp_path / "reports")
    assert [p.a for p in r.flagged] == ["copycat"]
    assert any(n.en.startswith("broken: not compared") for n in r.notes)


def test_the_archive_is_a_source_never_a_student(nn, tmp_path):
    folder = a_class(tmp_path, SIM / "from_archive.py")
    r = run(nn, discover(folder, nn.entry), tmp_path / "reports", SIM / "archive")
    assert [(p.a, p.b, p.archived) for p in r.flagged] == [("from_archive", "archive/2025-fall/old_kim", True)]
    assert r.students == 9 and r.archived == 1 and r.compared == 36 + 9
    # an earlier run's reports folder is an archive too: its store holds the code it compared
    earlier = tmp_path / "earlier-reports"
    old = tmp_path / "old-class"
    old.mkdir()
    shutil.copy(SIM / "archive" / "2025-fall" / "old_kim.py", old / "kim.py")
    run(nn, discover(old, nn.entry), earlier)
    r2 = run(nn, discover(folder, nn.entry), tmp_path / "reports", earlier)
    assert [(p.a, p.b) for p in r2.flagged] == [("from_archive", "earlier-reports/kim")]


def test_reason_text_is_bilingual():
    from grader.similarity.compare import _reason
    t = _reason(0.8, 0.65, 120, 60, 3, 0.05, 0.6, 9.9, True)
    assert isinstance(t, Text) and "earlier semester" in t.en and "이전 학기" in t.ko
    assert "80% of the first file's own code" in t.en and "65% of the second's" in t.en
    assert "80%가 두 번째" in t.ko and "60% 이상이면" in t.ko


def test_the_pair_page_says_which_passage_matches_which(nn, tmp_path):
    r = run(nn, discover(a_class(tmp_path, SIM / "copycat.py"), nn.entry), tmp_path / "reports")
    p = r.flagged[0]
    mine = (SIM / "copycat.py").read_text("utf-8").split("\n")
    theirs = (SIM / "class" / "jang.py").read_text("utf-8").split("\n")
    # the helper that computes one layer, renamed and moved in the copy
    a_line = next(n for n, t in enumerate(mine, 1) if "= np.matmul(" in t and "@" not in t and ".T" not in t)
    b_line = next(n for n, t in enumerate(theirs, 1) if t.strip() == "z = np.matmul(w, a_prev) + b")
    link = next(x for x in p.links if x[0] <= a_line <= x[1])
    assert link[2] <= b_line <= link[3] and link[3] - link[2] < 8


def test_a_file_the_tokenizer_fails_on_is_named_and_the_rest_compared(nn, tmp_path, monkeypatch):
    folder = a_class(tmp_path, SIM / "copycat.py")
    real = sources.normalise
    monkeypatch.setattr(sources, "normalise",
                        lambda text, keep: (_ for _ in ()).throw(RecursionError("deep")) if "sizes = list(zip" in text
                        else real(text, keep))
    r = run(nn, discover(folder, nn.entry), tmp_path / "reports")
    assert r.flagged == ()                                   # jang (the source) could not be compared
    assert [n.en for n in r.notes] == ["jang: not compared: the file could not be tokenized (RecursionError)"]
    assert r.students == 8


def test_archived_fingerprints_are_kept_with_the_class(nn, tmp_path, monkeypatch):
    folder = a_class(tmp_path, SIM / "from_archive.py")
    reports = tmp_path / "reports"
    run(nn, discover(folder, nn.entry), reports, SIM / "archive")
    made = []
    real = sources.entry_of
    monkeypatch.setattr(sources, "entry_of", lambda *a: made.append(a[0].filename) or real(*a))
    again = run(nn, discover(folder, nn.entry), reports, SIM / "archive")
    assert made == [] and [p.b for p in again.flagged] == ["archive/2025-fall/old_kim"]


def test_many_copies_of_one_source_are_not_common_knowledge(nn, tmp_path):
    """Five files holding one source's passages in a class of twelve: more than the cut's 3, yet copies of
    each other are one holder, so the passages stay evidence."""
    folder = a_class(tmp_path, SIM / "copycat.py")
    for n in (2, 3, 4):
        shutil.copy(SIM / "copycat.py", folder / f"copycat{n}.py")
    r = run(nn, discover(folder, nn.entry), tmp_path / "reports")
    assert r.clusters == (("copycat", "copycat2", "copycat3", "copycat4", "jang"),)
    assert {frozenset((p.a, p.b)) for p in r.flagged} >= {frozenset(("copycat", "jang")), frozenset(("copycat4", "jang"))}
    plain = compare  # the same documents counted file by file: the copies' passages would all be "common"
    docs = [Document(s.student, *(lambda e: (e.fingerprints, e.lines))(sources.fingerprint_file(s.path, KEEP, {})[1]))
            for s in discover(folder, nn.entry)]
    bare = plain(docs, sources.base_hashes([STUB], KEEP), Settings(duplicate=2.0))
    assert not [p for p in bare.pairs if p.flagged]


def test_what_the_stub_hands_out_is_not_shared_code(nn, tmp_path):
    """Two students who filled in only sigmoid, each their own way, keep the whole stub (signatures, the
    __main__ block): with the stub discounted they share nothing; counted, 80% of their code would match."""
    folder = tmp_path / "class"
    folder.mkdir()
    todo = 'raise NotImplementedError("sigmoid is not implemented yet / 아직 구현하지 않았습니다")'
    (folder / "a.py").write_text(STUB.replace(todo, "return 1 / (1 + np.exp(-z))"), "utf-8")
    (folder / "b.py").write_text(STUB.replace(todo, "return np.exp(z) / (np.exp(z) + 1.0)"), "utf-8")
    assert run(nn, discover(folder, nn.entry), tmp_path / "reports").pairs == ()
    docs = [doc_of(folder / "a.py"), doc_of(folder / "b.py")]
    assert compare(docs).pairs[0].similarity > 0.8


def doc_of(path: Path) -> Document:
    entry = sources.fingerprint_file(path, KEEP, {})[1]
    return Document(path.stem, entry.fingerprints, entry.lines)


def test_the_assignment_config_tunes_the_check(nn, tmp_path):
    from dataclasses import replace
    from grader.similarity import settings_of
    config = nn.config_bytes + b'\n[similarity]\ncommon_fraction = 0.5\nmin_similarity = 0.7\nmin_tokens = "many"\n'
    tuned, notes = settings_of(replace(nn, config_bytes=config))
    assert (tuned.common_fraction, tuned.min_similarity, tuned.min_tokens) == (0.5, 0.7, Settings().min_tokens)
    assert [n.en.split(" is not used")[0] for n in notes] == ["assignment.toml [similarity] min_tokens = 'many'"]
    strict = replace(nn, config_bytes=nn.config_bytes + b"\n[similarity]\nmin_similarity = 0.99\nlong_run = 10000\n")
    r = run(strict, discover(a_class(tmp_path, SIM / "copycat.py"), nn.entry), tmp_path / "reports")
    assert r.flagged == () and r.threshold == 0.99 and r.pairs[0].similarity < 0.99
    assert settings_of(nn) == (Settings(), [])


def test_a_class_copied_from_one_source_cannot_hide_behind_its_own_median(nn, tmp_path):
    """When most of the class are copies of one file, the typical pair shares almost everything and no pair
    stands out of the class: a pair that shares 90 % of its own code is flagged all the same."""
    folder = tmp_path / "class"
    folder.mkdir()
    source = (SIM / "copycat.py").read_text("utf-8")
    for n in range(8):   # eight renamed copies: each pair is as alike as any other
        (folder / f"copy{n}.py").write_text(source.replace("self.", f"self.v{n}_") + f"\n# {n}\n", "utf-8")
    r = run(nn, discover(folder, nn.entry), tmp_path / "reports")
    assert r.median >= 0.9 and r.threshold <= Settings().max_threshold
    assert len(r.flagged) == 28 and r.clusters == (tuple(f"copy{n}" for n in range(8)),)
    assert "flagged whatever the class" in r.flagged[0].reason.en and "반과 상관없이" in r.flagged[0].reason.ko


def test_a_copy_below_the_floor_that_keeps_a_long_passage_is_flagged(nn, tmp_path):
    """A copy whose loops were rewritten and that was padded falls under the 60% floor, but keeps passages
    of many tokens in a row; honest pairs that share that much share only short ones."""
    from dataclasses import replace
    copy = next(p for p in run(nn, discover(a_class(tmp_path / "b", SIM / "copycat.py"), nn.entry),
                               tmp_path / "r1").pairs if {p.a, p.b} == {"copycat", "jang"})
    above = replace(Settings(), min_similarity=copy.similarity + 0.01)   # as if the copy fell under the floor
    r = run(nn, discover(a_class(tmp_path / "c", SIM / "copycat.py"), nn.entry), tmp_path / "r2", settings=above)
    assert [(p.a, p.b) for p in r.flagged] == [("copycat", "jang")]
    assert r.flagged[0].longest >= Settings().long_run and "in a row" in r.flagged[0].reason.en
    assert "끊기지 않고" in r.flagged[0].reason.ko
    no_runs = replace(above, long_run=10_000)
    assert run(nn, discover(a_class(tmp_path / "d", SIM / "copycat.py"), nn.entry), tmp_path / "r3",
               settings=no_runs).flagged == ()
