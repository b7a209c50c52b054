"""``make bench-similarity``: does the similarity check find disguised copies and leave honest students alone?

The corpus: ``bench/similarity_corpus/independent/``, 64 solutions to the NeuralNetwork assignment written
independently of each other and of the project's solutions/ by four authors who never saw each other's
files (``s*``: 28 in many styles; ``a*``: 12 by one group of students; ``b*``: 12 that stay as close to the
lecture and the README as they can, the hardest honest case; ``c*``: 12 in unusual styles), correct and
wrong, loops and vectorised, helpers or none, notebooks (a ``.nb.py`` file is a notebook whose cells start
at ``# %%``); and disguised
copies of some of them made here by bench/similarity_disguise.py: each disguise alone, and all of them
combined (shuffle + rename + reorder + comments + dead code + rewrite + extend), from seeded random
choices; and
``bench/similarity_corpus/manual/``, copies in which a loop was turned into vectorised lines by hand (or the
other way round), disguised further here.

Each disguise is graded as its own class (every independent file plus the copies made with that disguise),
as ``make grade`` would see it, so the frequency cut counts the class it would really count. Printed: the
share of copy pairs flagged (recall) and of independent pairs flagged (false-positive rate), for our check
and for copydetect (PyPI, installed once into bench/.venv-copydetect, defaults, with the handed-out code
ours discounts as its boilerplate: the stub, the lecture, the README's formulas) on
the same files, and copydetect's own scores cut three ways: at its best cut (at most 2% of the independent
pairs), at our false-positive rate (``=``: who finds more copies) and at our recall (``r``: who flags fewer
honest pairs); then
ours again with other hash functions (``--salts``: which k-grams winnowing keeps depends on the hash, so a
pair near a threshold can go either way; the spread says how much the figures move); the closest calls (the
independent pairs flagged, the highest left alone, the lowest copy found); then the
time the check adds for a class of 300, from no cache and from its cache. Everything is written to
bench/out-similarity/ (the classes, results.json).

    .venv/bin/python bench/similarity.py [--python python3] [--no-copydetect] [--students 300] [--salts 3]
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from grader import assignment as assignment_mod  # noqa: E402
from grader.discover import discover  # noqa: E402
from grader.feedback.source import extract  # noqa: E402
from grader.similarity import run, winnow  # noqa: E402
from grader.similarity.canon import spellings  # noqa: E402
from grader.similarity.sources import base_texts  # noqa: E402
from similarity_disguise import TRANSFORMS  # noqa: E402

CORPUS = HERE / "similarity_corpus" / "independent"
SOURCES = 14            # how many independent files get disguised copies in each class
SEEDS = 3               # each disguise made with this many seeds (other random choices each time)


def notebook(text: str) -> str:
    """A ``# %%`` file as a Jupyter notebook (nbformat 4)."""
    import nbformat
    cells = [c.strip("\n") for c in text.split("# %%") if c.strip()]
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    return nbformat.writes(nb)


def independents() -> dict[str, str]:
    return {p.name.split(".")[0]: p.read_text("utf-8") for p in sorted(CORPUS.glob("*.py"))}


def write(folder: Path, name: str, text: str, nb: bool) -> None:
    if nb:
        (folder / f"{name}.ipynb").write_text(notebook(text), "utf-8")
    else:
        (folder / f"{name}.py").write_text(text, "utf-8")


def disguise(text: str, names: list[str], rng: random.Random) -> str:
    for n in names:
        try:
            text = TRANSFORMS[n](text, rng)
        except (SyntaxError, ValueError, IndexError):   # a notebook's magics: that disguise is skipped
            continue
    return text


MANUAL = HERE / "similarity_corpus" / "manual"


def build_classes(out: Path) -> list[dict]:
    """One class per (disguise, seed): every independent file, and copies of SOURCES of them. Then: the
    copies in manual/ (a loop turned into vectorised lines by hand, or back) further disguised; mixed
    classes (each copy with its own random disguises, one source copied twice: a group of three); and
    small classes (6 to 10 students, one copy), where the frequency cut has little to count on."""
    ind = independents()
    nbs = {p.name.split(".")[0] for p in CORPUS.glob("*.nb.py")}
    kinds = [[k] for k in TRANSFORMS] + [list(TRANSFORMS)]
    classes = []
    names = list(TRANSFORMS)
    for seed in range(SEEDS):
        rng = random.Random(f"manual/{seed}")
        folder = out / f"manual-{seed}"
        folder.mkdir(parents=True)
        for name, text in ind.items():
            write(folder, name, text, name in nbs)
        copies = []
        for f in sorted(MANUAL.glob("copy_of_*.py")):
            src = f.stem[len("copy_of_"):]
            write(folder, f.stem, disguise(f.read_text("utf-8"), ["rename", "comments", "dead_code"], rng), False)
            copies.append((src, f.stem))
        classes.append({"folder": folder, "kind": "manual (loop <-> vectorised) + rename/comments/dead_code",
                        "copies": copies, "independent": sorted(ind)})
    for seed in range(SEEDS):
        rng = random.Random(f"mixed/{seed}")
        folder = out / f"mixed-{seed}"
        folder.mkdir(parents=True)
        for name, text in ind.items():
            write(folder, name, text, name in nbs)
        copies = []
        chosen = rng.sample(sorted(ind), 10)
        for n, src in enumerate(chosen + chosen[:1]):
            name = f"copy{n}_of_{src}"
            write(folder, name, disguise(ind[src], rng.sample(names, rng.randint(2, len(names))), rng), src in nbs)
            copies.append((src, name))
        twins = [c for s, c in copies if s == chosen[0]]
        copies.append((twins[0], twins[1]))      # two copies of one source are a copy pair too
        classes.append({"folder": folder, "kind": "mixed (random disguises, a group of 3)", "copies": copies,
                        "independent": sorted(ind)})
    for seed in range(SEEDS):
        rng = random.Random(f"many/{seed}")
        folder = out / f"many-{seed}"
        folder.mkdir(parents=True)
        members = rng.sample(sorted(ind), 14 + 4 * seed)
        for name in members:
            write(folder, name, ind[name], name in nbs)
        copies = []
        for src in rng.sample(members, 2):
            for k, kind in enumerate(kinds):
                name = f"c{k}_of_{src}"
                write(folder, name, disguise(ind[src], kind, rng), src in nbs)
                copies.append((src, name))
        classes.append({"folder": folder, "kind": "many copies of one source (7 each of 2 sources, 14-22 students)",
                        "copies": copies, "independent": sorted(members)})
    for seed in range(10):
        rng = random.Random(f"small/{seed}")
        folder = out / f"small-{seed}"
        folder.mkdir(parents=True)
        members = rng.sample(sorted(ind), rng.randint(6, 10))
        for name in members:
            write(folder, name, ind[name], name in nbs)
        src = rng.choice(members)
        write(folder, f"copy_of_{src}", disguise(ind[src], names, rng), src in nbs)
        classes.append({"folder": folder, "kind": "small class (6-10) + one copy, every disguise",
                        "copies": [(src, f"copy_of_{src}")], "independent": sorted(members)})
    for kind, seed in itertools.product(kinds, range(SEEDS)):
        rng = random.Random(f"{'+'.join(kind)}/{seed}")
        folder = out / f"{'+'.join(kind)}-{seed}"
        folder.mkdir(parents=True)
        for name, text in ind.items():
            write(folder, name, text, name in nbs)
        copies = []
        for src in rng.sample(sorted(ind), SOURCES):
            name = f"copy_of_{src}"
            write(folder, name, disguise(ind[src], kind, rng), src in nbs)
            copies.append((src, name))
        classes.append({"folder": folder, "kind": "+".join(kind), "copies": copies, "independent": sorted(ind)})
    return classes


def ours(a, folder: Path) -> tuple[set[frozenset[str]], dict[frozenset[str], float]]:
    """The flagged pairs, and every listed pair's similarity (for the closest calls)."""
    reports = Path(tempfile.mkdtemp(prefix="sim-bench-"))
    try:
        r = run(a, discover(folder, a.entry), reports)
    finally:
        shutil.rmtree(reports, ignore_errors=True)
    return {frozenset((p.a, p.b)) for p in r.flagged}, {frozenset((p.a, p.b)): p.similarity for p in r.pairs}


def closest_calls(classes: list[dict], flagged: list[set], sims: list[dict]) -> list[str]:
    """The pairs a threshold decides: the independent pairs flagged, the highest-scoring independent pair
    left alone and the lowest-scoring copy pair found, and the copies missed."""
    honest, copies = [], []
    for c, fl, sm in zip(classes, flagged, sims):
        for x, y in itertools.combinations(c["independent"], 2):
            k = frozenset((x, y))
            honest.append((sm.get(k, 0.0), k in fl, f"{x} ~ {y}"))
        for src, cp in c["copies"]:
            k = frozenset((src, cp))
            copies.append((sm.get(k, 0.0), k in fl, f"{cp} ({c['kind'][:40]})"))
    out = []
    fps: dict[str, list[float]] = {}
    for v, f, n in honest:
        if f:
            fps.setdefault(n, []).append(v)
    for n, vs in sorted(fps.items(), key=lambda kv: -max(kv[1])):
        out.append(f"  independent pair flagged: {n} {min(vs):.3f}-{max(vs):.3f}, in {len(vs)} classes")
    left = max(((v, n) for v, f, n in honest if not f), default=(0.0, "-"))
    found = min(((v, n) for v, f, n in copies if f), default=(0.0, "-"))
    out.append(f"  highest independent pair left alone: {left[1]} {left[0]:.3f}")
    out.append(f"  lowest copy pair flagged: {found[1]} {found[0]:.3f}")
    out += [f"  copy missed: {n} {v:.3f}" for v, n in sorted({(v, n) for v, f, n in copies if not f})[:12]]
    return out


COPYDETECT = r'''
import json, sys
from copydetect import CopyDetector
d = CopyDetector(test_dirs=[sys.argv[1]], boilerplate_dirs=[sys.argv[2]], extensions=["py"], autoopen=False,
                 silent=True)
d.run()
names = [str(f) for f in d.test_files]
sims = {}
for i in range(len(names)):
    for j in range(i + 1, len(names)):
        sims[names[i] + "|" + names[j]] = float(max(d.similarity_matrix[i, j, 0], d.similarity_matrix[i, j, 1],
                                                    d.similarity_matrix[j, i, 0], d.similarity_matrix[j, i, 1]))
print(json.dumps({"flagged": [[c[2], c[3]] for c in d.get_copied_code_list()], "sims": sims}))
'''


def ensure_copydetect(venv: Path, python: str) -> Path:
    """bench/.venv-copydetect with copydetect from PyPI (once), as bench.py installs nbgrader."""
    py = venv / "bin" / "python"
    stamp = venv / ".bench-installed"
    if not stamp.is_file():
        print(f"bench: installing copydetect into {venv} (once) ...", flush=True)
        if not py.exists():
            subprocess.run([python, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "copydetect"],
                       check=True)
        stamp.write_text("copydetect\n")
    return py


def theirs(py: Path, a, folder: Path, scratch: Path) -> tuple[set[frozenset[str]], dict[frozenset[str], float]]:
    """copydetect on the same class: notebooks given as the code our extraction reads (copydetect reads
    .py only), the handed-out code ours discounts as boilerplate."""
    plain, stub = scratch / "class", scratch / "stub"
    shutil.rmtree(scratch, ignore_errors=True)
    plain.mkdir(parents=True)
    stub.mkdir()
    # the same handed-out code ours discounts: the stub, the lecture, the README's formulas in every spelling
    for n, text in enumerate(t for base in base_texts(a) for t in [base, *spellings(base)]):
        (stub / f"handed_out_{n:03d}.py").write_text(text, "utf-8")
    for f in sorted(folder.iterdir()):
        (plain / f"{f.stem}.py").write_text(extract(f).text, "utf-8")
    got = subprocess.run([str(py), "-c", COPYDETECT, str(plain), str(stub)], capture_output=True, text=True,
                         check=True)
    data = json.loads(got.stdout)
    return ({frozenset(Path(x).stem for x in pair) for pair in data["flagged"]},
            {frozenset(Path(x).stem for x in k.split("|")): v for k, v in data["sims"].items()})


def best_threshold(classes: list[dict], sims: list[dict], fpr: float) -> float:
    """The lowest similarity cut at which at most ``fpr`` of the independent pairs are at or above it."""
    values = sorted((s.get(frozenset((x, y)), 0.0) for c, s in zip(classes, sims)
                     for x, y in itertools.combinations(c["independent"], 2)), reverse=True)
    allowed = int(fpr * len(values))
    return values[allowed] + 1e-9 if allowed < len(values) else 0.0


def recall_threshold(classes: list[dict], sims: list[dict], found: int) -> float:
    """The highest similarity cut at which at least ``found`` copy pairs are at or above it."""
    values = sorted((s.get(frozenset(pair), 0.0) for c, s in zip(classes, sims) for pair in c["copies"]),
                    reverse=True)
    return values[found - 1] if 0 < found <= len(values) else 0.0


def score(classes: list[dict], flagged_by: dict[str, list[set]]) -> dict[str, dict]:
    out = {}
    for who, flagged in flagged_by.items():
        copy_hit = copy_n = ind_hit = ind_n = 0
        per_kind: dict[str, list[int]] = {}
        missed = []
        for c, fl in zip(classes, flagged):
            for src, cp in c["copies"]:
                hit = frozenset((src, cp)) in fl
                copy_hit += hit
                copy_n += 1
                per_kind.setdefault(c["kind"], [0, 0])
                per_kind[c["kind"]][0] += hit
                per_kind[c["kind"]][1] += 1
                if not hit:
                    missed.append(f"{c['kind']}:{cp}")
            for x, y in itertools.combinations(c["independent"], 2):
                ind_hit += frozenset((x, y)) in fl
                ind_n += 1
        out[who] = {"recall": copy_hit / copy_n, "copies": (copy_hit, copy_n), "fpr": ind_hit / ind_n,
                    "independent": (ind_hit, ind_n), "per_kind": per_kind, "missed": missed}
    return out


def timing(a, n: int, out: Path) -> dict[str, float]:
    """A class of ``n``: the independent files and disguised copies of them (every disguise, other seeds),
    timed from an empty store (the first run) and from the store (every later run)."""
    ind = independents()
    nbs = {p.name.split(".")[0] for p in CORPUS.glob("*.nb.py")}
    folder = out / f"class-{n}"
    folder.mkdir(parents=True)
    rng = random.Random(n)
    names = sorted(ind)
    for i in range(n):
        src = names[i % len(names)]
        kind = rng.sample(list(TRANSFORMS), rng.randint(1, len(TRANSFORMS)))
        write(folder, f"student{i:03d}", disguise(ind[src], kind, rng), src in nbs)
    subs = discover(folder, a.entry)
    reports = out / f"reports-{n}"
    cold, warm = [], []
    for _ in range(3):
        shutil.rmtree(reports, ignore_errors=True)
        t0 = time.perf_counter()
        first = run(a, subs, reports)
        cold.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        again = run(a, subs, reports)
        warm.append(time.perf_counter() - t0)
    return {"students": len(subs), "cold_s": min(cold), "cold_median_s": sorted(cold)[1], "warm_s": min(warm),
            "warm_median_s": sorted(warm)[1], "pairs": again.compared, "flagged": len(first.flagged),
            "listed": len(first.pairs), "load": os.getloadavg()[0], "cores": os.cpu_count()}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--python", default="python3", help="the Python that makes bench/.venv-copydetect")
    p.add_argument("--no-copydetect", action="store_true")
    p.add_argument("--students", type=int, default=300, help="class size for the timing (default 300)")
    p.add_argument("--salts", type=int, default=3,
                   help="also run ours with this many other hash functions and print the spread (default 3)")
    p.add_argument("--out", type=Path, default=HERE / "out-similarity")
    args = p.parse_args()
    a = assignment_mod.load(ROOT / "assignments" / "neural_network")
    shutil.rmtree(args.out, ignore_errors=True)
    classes = build_classes(args.out / "classes")
    n_ind = len(classes[0]["independent"])
    print(f"bench: {n_ind} independent files, {len(classes)} classes ({len(TRANSFORMS)} disguises alone and all "
          f"combined, {SEEDS} seeds each, {SOURCES} copies in each; hand-made loop/vectorised copies; mixed; small)",
          flush=True)
    mine = [ours(a, c["folder"]) for c in classes]
    flagged = {"ours": [f for f, _ in mine]}
    # which k-grams winnowing keeps depends on the hash function: a pair near a threshold can go either way
    spread = [score(classes, {"ours": flagged["ours"]})["ours"]]
    for n in range(1, args.salts + 1):
        winnow.set_salt(f"bench-{n}".encode())
        spread.append(score(classes, {"ours": [ours(a, c["folder"])[0] for c in classes]})["ours"])
    winnow.set_salt(b"")
    if not args.no_copydetect:
        py = ensure_copydetect(HERE / ".venv-copydetect", args.python)
        got = [theirs(py, a, c["folder"], args.out / "copydetect") for c in classes]
        flagged["copydetect"] = [f for f, _ in got]
        # copydetect's own scores with the best single threshold that keeps its false positives at 2% or less
        sims = [s for _, s in got]
        cut = best_threshold(classes, sims, 0.02)
        flagged[f"copydetect@{cut:.2f}"] = [{k for k, v in s.items() if v >= cut} for s in sims]
        # and at our own false-positive rate: at equal false positives, who finds more copies
        ours_fpr = score(classes, {"ours": flagged["ours"]})["ours"]["independent"]
        same = best_threshold(classes, sims, ours_fpr[0] / ours_fpr[1] if ours_fpr[1] else 0.0)
        flagged[f"copydetect@{same:.2f}="] = [{k for k, v in s.items() if v >= same} for s in sims]
        # and at our recall: at equal copies found, who flags fewer honest pairs
        ours_found = score(classes, {"ours": flagged["ours"]})["ours"]["copies"][0]
        cut = recall_threshold(classes, sims, ours_found)
        flagged[f"copydetect@{cut:.2f}r"] = [{k for k, v in s.items() if v >= cut} for s in sims]
    results = score(classes, flagged)
    kinds = list(results["ours"]["per_kind"])
    print(f"\n{'':24}" + "".join(f"{w:>18}" for w in results))
    for label, key in (("copy pairs flagged", "copies"), ("independent flagged", "independent")):
        print(f"{label:24}" + "".join(f"{r[key][0]:>8}/{r[key][1]:<5}{100 * r[key][0] / r[key][1]:4.0f}%"
                                      for r in results.values()))
    for k in kinds:
        print(f"  {k[:60]}\n{'':24}" + "".join(f"{r['per_kind'][k][0]:>8}/{r['per_kind'][k][1]:<10}"
                                                for r in results.values()))
    for who, r in results.items():
        if r["missed"]:
            print(f"{who} missed: {', '.join(r['missed'][:12])}{' ...' if len(r['missed']) > 12 else ''}")
    if len(spread) > 1:
        cs, fs = [r["copies"][0] for r in spread], [r["independent"][0] for r in spread]
        print(f"ours with {len(spread)} hash functions (the default and {len(spread) - 1} salted): copy pairs flagged "
              f"{min(cs)}-{max(cs)} of {spread[0]['copies'][1]} ({', '.join(map(str, cs))}), independent pairs "
              f"{min(fs)}-{max(fs)} of {spread[0]['independent'][1]} ({', '.join(map(str, fs))})")
        results["ours"]["salts"] = [{"copies": c, "independent": f} for c, f in zip(cs, fs)]
    print("closest calls (ours):")
    print("\n".join(closest_calls(classes, flagged["ours"], [s for _, s in mine])))
    t = timing(a, args.students, args.out)
    print(f"\ntime for a class of {t['students']} ({t['pairs']} pairs, {t['listed']} sharing 10% or more of their own "
          f"code): {t['cold_s']:.2f} s with no cache (median of 3: {t['cold_median_s']:.2f}), {t['warm_s']:.2f} s from "
          f"the cache (median {t['warm_median_s']:.2f}); {t['cores']} cores, load average {t['load']:.1f}")
    (args.out / "results.json").write_text(json.dumps({"results": results, "timing": t}, indent=1, default=list))


if __name__ == "__main__":
    main()
