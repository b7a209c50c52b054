"""The jinja2 environment the pages are rendered with: ``autoescape=True`` (every string is escaped,
whatever the template's file name: the student's name, file name, printed output, exception messages and
code all pass through it) and ``StrictUndefined`` (a template typo fails the tests, not a student's report).
Templates hold nothing but loops, conditions and these formatting filters.
"""
from __future__ import annotations

import functools

import jinja2

from .words import TEMPLATES, points


@functools.cache
def env() -> jinja2.Environment:
    """One environment per process: parsing the templates again for every student cost 30 ms each."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = points
    env.filters["pct"] = lambda x: f"{100 * x:.0f}%"
    env.filters["f1"] = lambda x: f"{x:.1f}"
    return env


def render(template: str, view: dict) -> str:
    return env().get_template(template).render(v=view)
