"""An assignment's folder and its config (``assignment.toml``), read once and frozen.

Everything the grader needs to know about an assignment lives in its folder: adding one changes no
grader code.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .late import LatePolicy, PolicyError, parse_policy
from .sandbox.wire import Limits


# Gradescope's visibility settings of a test, from the least to the most shown.
VISIBILITY = ("hidden", "after_due_date", "after_published", "visible")


class ConfigError(Exception):
    """The assignment's folder or config is wrong: a TA's mistake, reported as a usage error."""


@dataclass(frozen=True)
class CheckSpec:
    id: str
    name: str
    name_ko: str
    points: float
    concept: str
    visibility: str = ""          # Gradescope: when students see this check ("" = the default rule, grader/gradescope)
    failed_visibility: str = ""   # Gradescope: when they see it failed


@dataclass(frozen=True)
class Concept:
    id: str
    name: str
    name_ko: str
    lecture: str      # where in the lecture the concept is taught (shown beside diagnoses)
    lecture_ko: str


@dataclass(frozen=True)
class Assignment:
    name: str
    folder: Path
    title: str
    title_ko: str
    entry: str
    required: tuple[str, ...]
    language: str
    limits: Limits
    load_timeout: float
    checks: tuple[CheckSpec, ...]
    concepts: tuple[Concept, ...]
    params: dict[str, Any] = field(default_factory=dict)   # [params]: data the hidden checks read
    config_bytes: bytes = b""
    late: LatePolicy | None = None   # [late]: the due time and the penalty, applied on every run (grader/late.py)

    @property
    def hidden(self) -> Path:
        return self.folder / "hidden"

    @property
    def max_score(self) -> float:
        return sum(c.points for c in self.checks)


def _require(table: dict, key: str, where: str) -> Any:
    if key not in table:
        raise ConfigError(f"{where}: missing key {key!r}")
    return table[key]


def load(folder: Path) -> Assignment:
    """Reads ``folder/assignment.toml``; raises ConfigError with the file and key at fault."""
    path = folder / "assignment.toml"
    if not path.is_file():
        raise ConfigError(f"{folder} is not an assignment: it has no assignment.toml")
    raw = path.read_bytes()
    try:
        cfg = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    where = str(path)
    limits_cfg = cfg.get("limits", {})
    known = set(Limits.__dataclass_fields__)
    unknown = set(limits_cfg) - known - {"load_timeout"}
    if unknown:
        raise ConfigError(f"{where}: unknown [limits] keys {sorted(unknown)}")
    limits = Limits(**{k: v for k, v in limits_cfg.items() if k in known})
    concepts = tuple(
        Concept(cid, _require(c, "name", f"{where} [concepts.{cid}]"), c.get("name_ko", c["name"]),
                c.get("lecture", ""), c.get("lecture_ko", c.get("lecture", "")))
        for cid, c in cfg.get("concepts", {}).items())
    concept_ids = {c.id for c in concepts}
    checks = []
    for cid, c in _require(cfg, "checks", where).items():
        w = f"{where} [checks.\"{cid}\"]"
        concept = c.get("concept", cid.split(".")[0])
        if concept_ids and concept not in concept_ids:
            raise ConfigError(f"{w}: concept {concept!r} is not under [concepts]")
        points = _require(c, "points", w)
        if not isinstance(points, (int, float)) or points < 0:
            raise ConfigError(f"{w}: points must be a non-negative number")
        shown = {key: c.get(key, "") for key in ("visibility", "failed_visibility")}
        for key, value in shown.items():
            if value and value not in VISIBILITY:
                raise ConfigError(f"{w}: {key} must be one of {', '.join(VISIBILITY)}, not {value!r}")
        checks.append(CheckSpec(cid, _require(c, "name", w), c.get("name_ko", c["name"]), float(points), concept,
                                **shown))
    if not (folder / "hidden").is_dir():
        raise ConfigError(f"{folder}: no hidden/ folder of checks")
    late = None
    if "late" in cfg:
        if not isinstance(cfg["late"], dict):
            raise ConfigError(f"{where}: late must be a table, [late]")
        try:
            late = parse_policy(cfg["late"])
        except PolicyError as exc:
            raise ConfigError(f"{where} [late]: {exc.text.en}") from None
    return Assignment(
        name=folder.name, folder=folder, title=_require(cfg, "title", where),
        title_ko=cfg.get("title_ko", cfg["title"]), entry=_require(cfg, "entry", where),
        required=tuple(cfg.get("required", ())), language=cfg.get("language", "en"),
        limits=limits, load_timeout=float(limits_cfg.get("load_timeout", 10.0)),
        checks=tuple(checks), concepts=concepts, params=cfg.get("params", {}), config_bytes=raw, late=late)
