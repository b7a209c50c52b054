"""The late policy: how late a submission is, and what that costs.

Pure arithmetic, no I/O: the penalty is recomputed on every run from the submission times, never stored
as a changed score, so a corrected deadline or a new extension changes every grade it should and nothing
else. The raw score is kept beside the penalty, as nbgrader and Canvas keep theirs.

The rule (``assignment.toml``)::

    [late]
    due = 2026-12-07T23:59:00+09:00   # with a time zone: an LMS shows local times, a grader runs anywhere
    grace_minutes = 10                # lateness is counted from due + grace
    percent_per_day = 10              # of the EARNED score, per started day after the grace
    max_days = 3                      # later than this many days: 0

A started day counts in full (Canvas's ``ceil(seconds_late / interval)``): 1 minute past the grace is
1 day, 24 h past it is still 1 day, 24 h and 1 s is 2 days. Unlike Canvas, the percent is of the score
earned, not of the points possible, so a late half-right submission loses half as much as a late
right one.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from .feedback.text import Text
from .intake import IntakeError
from .results import Late, late_deduction

DAY = timedelta(days=1)
DUE_EXAMPLE = "2026-12-07T23:59:00+09:00"


class PolicyError(IntakeError):
    """The late policy, a DUE= override or an extension cannot be read."""


@dataclass(frozen=True)
class LatePolicy:
    due: datetime                 # aware
    grace_minutes: float = 0
    percent_per_day: float = 0    # deducted from the earned score per started day late (after the grace)
    max_days: int | None = None   # after this many days late the score is 0

    @property
    def deducts(self) -> bool:
        """Whether lateness costs anything: a DUE= alone only marks who was late."""
        return self.percent_per_day > 0 or self.max_days is not None


@dataclass(frozen=True)
class Lateness:
    known: bool                   # whether a submission time (or a late flag) was known
    source: str                   # "worksheet" | "blackboard" | "times" | "canvas_flag" | "none"
    submitted_at: datetime | None  # as given (naive when the LMS gave a local time)
    due: datetime                 # this student's due (extension included)
    days: int                     # started days late after the grace (0 = on time)
    percent: float                # percent of the earned score deducted (0..100)


def parse_due(value: object, what: str = "due") -> datetime:
    """An aware due time from TOML (an offset date-time, or a string) or from DUE=. A time without a zone
    is refused rather than read in the grader machine's zone: the same config would grade differently on
    a TA's laptop abroad and on the course server."""
    if isinstance(value, str):
        text = value.strip()
        try:
            parsed: object = datetime.fromisoformat(text)
        except ValueError:
            raise PolicyError(Text(
                f"{what}: cannot read {text!r} as a time; write ISO 8601 with a time zone, e.g. {DUE_EXAMPLE}",
                f"{what}: 시각으로 읽을 수 없습니다: '{text}'. {DUE_EXAMPLE}처럼 시간대를 붙인 ISO 8601로 써 주세요"
            )) from None
        if ":" not in text:
            parsed = text   # a date alone: no time, said below
    else:
        parsed = value
    if isinstance(parsed, datetime):
        if parsed.tzinfo is None or parsed.utcoffset() is None:
            shown = parsed.isoformat()
            raise PolicyError(Text(
                f"{what}: {shown} has no time zone; add a time zone, e.g. +09:00 ({shown}+09:00)",
                f"{what}: {shown}에 시간대가 없습니다. +09:00처럼 시간대를 붙여 주세요 ({shown}+09:00)"))
        return parsed
    if isinstance(parsed, (date, str)):
        shown = parsed.isoformat() if isinstance(parsed, date) else parsed
        raise PolicyError(Text(
            f"{what}: {shown} has no time of day; write the time and its zone, e.g. {DUE_EXAMPLE}",
            f"{what}: {shown}에 시각이 없습니다. {DUE_EXAMPLE}처럼 시각과 시간대를 써 주세요"))
    raise PolicyError(Text(f"{what}: {value!r} is not a time; write e.g. {DUE_EXAMPLE}",
                           f"{what}: 시각이 아닙니다: {value!r}. {DUE_EXAMPLE}처럼 써 주세요"))


def _number(table: dict, key: str, low: float, high: float | None, whole: bool = False) -> float | int | None:
    if key not in table:
        return None
    value = table[key]
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    ok = ok and value >= low and (high is None or value <= high) and (not whole or float(value).is_integer())
    if not ok:
        kind_en = "a whole number" if whole else "a number"
        kind_ko = "정수" if whole else "수"
        bound_en = f" from {low:g} to {high:g}" if high is not None else f" of at least {low:g}"
        bound_ko = f"{low:g}에서 {high:g} 사이의 " if high is not None else f"{low:g} 이상의 "
        raise PolicyError(Text(f"{key} must be {kind_en}{bound_en}, not {value!r}",
                               f"{key}에는 {bound_ko}{kind_ko}를 써야 합니다 (지금 값: {value!r})"))
    return int(value) if whole else float(value)


KEYS = ("due", "grace_minutes", "percent_per_day", "max_days")


def parse_policy(table: dict, due_override: str | None = None) -> LatePolicy:
    """``[late]`` of assignment.toml as a LatePolicy; ``due_override`` (the CLI's DUE=...) replaces its
    due. Unknown keys are an error (a misspelt ``grace_minute`` would otherwise grant no grace)."""
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise PolicyError(Text(f"unknown keys {', '.join(unknown)} (known: {', '.join(KEYS)})",
                               f"알 수 없는 키 {', '.join(unknown)} (쓸 수 있는 키: {', '.join(KEYS)})"))
    if due_override is not None:
        due = parse_due(due_override, "DUE")
    elif "due" in table:
        due = parse_due(table["due"])
    else:
        raise PolicyError(Text(f"no due time: add e.g. due = {DUE_EXAMPLE}",
                               f"마감 시각(due)이 없습니다. due = {DUE_EXAMPLE}처럼 써 주세요"))
    grace = _number(table, "grace_minutes", 0, None)
    percent = _number(table, "percent_per_day", 0, 100)
    max_days = _number(table, "max_days", 0, None, whole=True)
    return LatePolicy(due, grace or 0.0, percent or 0.0, None if max_days is None else int(max_days))


_DAYS = re.compile(r"^\+?(\d+(?:\.\d+)?)\s*(?:일|d|days?)?$", re.IGNORECASE)


def due_for(policy: LatePolicy, extension: str) -> datetime:
    """One student's due from the roster's "extension": "" -> the policy's; a number of days ("2", "1.5",
    "2일") -> due + days; an ISO time -> that time (a time without a zone is in the due's zone). Anything
    else is a PolicyError naming the value: a typo must not silently cancel an extension."""
    text = extension.strip()
    if not text:
        return policy.due
    m = _DAYS.match(text)
    if m:
        return policy.due + timedelta(days=float(m[1]))
    if ":" in text:
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            moment = None
        if moment is not None:
            return moment.replace(tzinfo=policy.due.tzinfo) if moment.tzinfo is None else moment
    raise PolicyError(Text(
        f"cannot read the extension {text!r}: write a number of days (2, 1.5) or a time "
        "(2026-12-09T23:59, or with its zone 2026-12-09T23:59+09:00)",
        f"연장 기한을 읽을 수 없습니다: '{text}'. 일수(2, 1.5)나 시각(2026-12-09T23:59, 시간대까지 쓰면 "
        "2026-12-09T23:59+09:00)으로 써 주세요"))


def lateness(policy: LatePolicy, due: datetime, submitted_at: datetime | None, late_flag: bool,
             source: str) -> Lateness:
    """How late one submission is against ``due`` (from due_for).

    A naive ``submitted_at`` is read in the due's time zone: LMS servers give local times without a zone
    (Blackboard's file names, Moodle's worksheet), so write the due in the zone the LMS shows times in.
    A known time decides, whatever the flag says. A Canvas late flag alone (Canvas's download has no times)
    counts as one day late, source "canvas_flag". Neither: ``known`` is False and nothing is deducted."""
    if submitted_at is not None:
        moment = submitted_at if submitted_at.tzinfo is not None else submitted_at.replace(tzinfo=due.tzinfo)
        late = moment - due - timedelta(minutes=policy.grace_minutes)
        days = -((-late) // DAY) if late > timedelta(0) else 0   # a started day counts in full
        return Lateness(True, source, submitted_at, due, days, _percent(policy, days))
    if late_flag:
        return Lateness(True, "canvas_flag", None, due, 1, _percent(policy, 1))
    return Lateness(False, "none", None, due, 0, 0.0)


def _percent(policy: LatePolicy, days: int) -> float:
    if days <= 0:
        return 0.0
    if policy.max_days is not None and days > policy.max_days:
        return 100.0
    return min(100.0, days * policy.percent_per_day)




def apply(raw_score: float, late: Lateness, policy: LatePolicy) -> tuple[float, float]:
    """(penalty points, score after it). The penalty is ``raw_score * percent / 100`` rounded half up to
    2 decimals, as a gradebook shows it (in decimal, so 15% of 8.5 is 1.28, not a binary 1.27); more
    than ``max_days`` late, the whole score."""
    if late.days <= 0 or raw_score <= 0:
        return 0.0, raw_score
    if policy.max_days is not None and late.days > policy.max_days:
        return raw_score, 0.0
    penalty = late_deduction(raw_score, late.percent)
    return penalty, float(Decimal(repr(raw_score)) - Decimal(repr(penalty)))


def record(found: Lateness, policy: LatePolicy, earned: float) -> Late:
    """The lateness as the results keep it, with what it costs ``earned`` (the score before the deduction);
    a time without a zone (an LMS's local time) written in the due time's zone, as it was read."""
    when = found.submitted_at
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=found.due.tzinfo)
    penalty, _ = apply(earned, found, policy)
    return Late(known=found.known, source=found.source, submitted_at=when.isoformat() if when is not None else "",
                due=found.due.isoformat(), days=found.days, percent=found.percent, penalty=penalty)
