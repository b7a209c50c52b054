"""``python -m grader`` grades a small class with one disguised copy and one earlier semester's file given
with ``--archive``: similarity.csv flags exactly the copies, the overview names them with the reason and says
a flag is not a verdict, each flagged pair has its page, the archive is never graded, and a second run
reuses every fingerprint."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import DATA, NN, ROOT

SIM = DATA / "similarity"


def grade(subs: Path, reports: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", "--assignment", str(NN), "--submissions", str(subs),
                           "--reports", str(reports), "--quiet", *extra], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def test_a_class_with_a_disguised_copy_end_to_end(tmp_path):
    subs = tmp_path / "subs"
    shutil.copytree(SIM / "class", subs)
    for f in ("copycat.py", "from_archive.py"):
        shutil.copy(SIM / f, subs / f)
    reports = tmp_path / "reports"
    p = grade(subs, reports, "--lang", "en", "--archive", str(SIM / "archive"))
    assert p.returncode == 0, p.stderr
    assert "similarity: 2 pairs flagged of 55 compared" in p.stderr
    rows = list(csv.DictReader((reports / "similarity.csv").open(encoding="utf-8-sig")))
    flagged = [(r["student_a"], r["student_b"], r["b_from_archive"]) for r in rows if r["flagged"] == "yes"]
    assert sorted(flagged) == [("copycat", "jang", "no"), ("from_archive", "archive/2025-fall/old_kim", "yes")]
    index = (reports / "index.html").read_text("utf-8")
    section = index[index.index('id="similarity"'):]
    assert "a reason to look, not a verdict" in section and "robust z" in section
    assert 'href="similarity/copycat__jang.html"' in section
    assert index.index('id="similarity"') < index.index('id="downloads"')
    page = (reports / "similarity" / "copycat__jang.html").read_text("utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert (reports / "similarity" / "from_archive__archive_2025-fall_old_kim.html").is_file()
    graded = sorted(x.stem for x in reports.glob("*.json"))
    assert graded == sorted([x.stem for x in (SIM / "class").iterdir()] + ["copycat", "from_archive"])
    store = json.loads((reports / "_similarity" / "fingerprints.json").read_text("utf-8"))
    assert sorted(store["class"]) == graded

    before = (reports / "_similarity" / "fingerprints.json").stat().st_mtime_ns
    again = grade(subs, reports, "--lang", "ko", "--archive", str(SIM / "archive"))
    assert again.returncode == 0, again.stderr
    assert "10 reused" in again.stdout and "55쌍을 비교해 2쌍을 표시했습니다" in again.stderr
    assert (reports / "_similarity" / "fingerprints.json").stat().st_mtime_ns == before  # nothing new to store
    assert "판정이 아닙니다" in (reports / "index.html").read_text("utf-8")


def test_an_archive_that_is_not_a_folder_stops_the_run_before_grading(tmp_path):
    subs = tmp_path / "subs"
    shutil.copytree(SIM / "class", subs)
    p = grade(subs, tmp_path / "reports", "--archive", str(tmp_path / "no-such-folder"))
    assert p.returncode == 2 and "the archive" in p.stderr and "is not a folder" in p.stderr
    assert not (tmp_path / "reports").exists()


def test_the_similarity_table_regrades_nobody():
    from dataclasses import replace

    from grader import assignment as assignment_mod
    from grader.cli import checks_fingerprint

    a = assignment_mod.load(NN)
    tuned = replace(a, config_bytes=a.config_bytes + b"\n[similarity]\nmin_similarity = 0.7\n")
    assert checks_fingerprint(tuned) == checks_fingerprint(a)
    other = replace(a, config_bytes=a.config_bytes + b"\n[params_extra]\nx = 1\n")
    assert checks_fingerprint(other) != checks_fingerprint(a)
