"""The late policy: days counted from due + grace, a started day in full, the penalty taken from the
earned score and rounded as a gradebook shows it; extensions; times without a zone; the config."""
from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from grader.assignment import ConfigError, load
from grader.late import LatePolicy, Lateness, PolicyError, apply, due_for, lateness, parse_policy

KST = timezone(timedelta(hours=9))
DUE = datetime(2026, 12, 7, 23, 59, tzinfo=KST)
POLICY = LatePolicy(DUE, grace_minutes=10, percent_per_day=10, max_days=3)
GRACE = timedelta(minutes=10)
DAY, SECOND = timedelta(days=1), timedelta(seconds=1)


@pytest.mark.parametrize("after_due, days, percent", [
    (-timedelta(hours=1), 0, 0.0),                   # on time
    (timedelta(0), 0, 0.0),                          # at the due
    (timedelta(minutes=4), 0, 0.0),                  # within the grace
    (GRACE, 0, 0.0),                                 # the grace's last moment
    (GRACE + timedelta(minutes=1), 1, 10.0),         # 1 minute past the grace: a started day
    (GRACE + DAY, 1, 10.0),                          # exactly 24 h past the grace: still 1 day
    (GRACE + DAY + SECOND, 2, 20.0),                 # 24 h + grace + 1 s: 2 days
    (GRACE + 3 * DAY, 3, 30.0),                      # max_days late: still scored
    (GRACE + 3 * DAY + SECOND, 4, 100.0),            # past max_days: 0
])
def test_days_late_count_started_days_after_the_grace(after_due, days, percent):
    late = lateness(POLICY, DUE, DUE + after_due, False, "times")
    assert late == Lateness(True, "times", DUE + after_due, DUE, days, percent)


@pytest.mark.parametrize("days, raw, penalty, score", [
    (0, 8.5, 0.0, 8.5),
    (1, 8.5, 0.85, 7.65),       # 10% of the earned 8.5, not of the 13 possible
    (2, 13.0, 2.6, 10.4),
    (3, 1.5, 0.45, 1.05),
    (4, 8.5, 8.5, 0.0),         # past max_days
    (1, 0.0, 0.0, 0.0),
])
def test_the_penalty_is_a_percent_of_the_earned_score(days, raw, penalty, score):
    late = lateness(POLICY, DUE, DUE + GRACE + (days - 1) * DAY + SECOND if days else DUE, False, "worksheet")
    assert late.days == days
    assert apply(raw, late, POLICY) == (penalty, score)


def test_the_penalty_is_rounded_half_up_to_two_decimals_as_a_gradebook_shows_it():
    policy = replace(POLICY, percent_per_day=15)
    late = lateness(policy, DUE, DUE + timedelta(hours=1), False, "times")
    assert late.percent == 15.0
    assert apply(8.5, late, policy) == (1.28, 7.22)     # 1.275 -> 1.28 (a binary round() gives 1.27)


def test_max_days_zero_is_a_hard_deadline():
    policy = LatePolicy(DUE, max_days=0)
    late = lateness(policy, DUE, DUE + timedelta(minutes=1), False, "blackboard")
    assert (late.days, late.percent, apply(11.5, late, policy)) == (1, 100.0, (11.5, 0.0))


def test_percent_never_exceeds_100():
    policy = LatePolicy(DUE, percent_per_day=40)
    assert lateness(policy, DUE, DUE + 3 * DAY + SECOND, False, "times").percent == 100.0


@pytest.mark.parametrize("extension, due", [
    ("", DUE),
    ("2", DUE + 2 * DAY),
    ("1.5", DUE + timedelta(hours=36)),
    (" 2일 ", DUE + 2 * DAY),
    ("2026-12-09T23:59", datetime(2026, 12, 9, 23, 59, tzinfo=KST)),                     # naive: the due's zone
    ("2026-12-09 12:00", datetime(2026, 12, 9, 12, 0, tzinfo=KST)),
    ("2026-12-09T15:00Z", datetime(2026, 12, 9, 15, 0, tzinfo=timezone.utc)),            # its own zone
    ("2026-12-10T12:00+09:00", datetime(2026, 12, 10, 12, 0, tzinfo=KST)),
])
def test_an_extension_is_days_or_a_time(extension, due):
    assert due_for(POLICY, extension) == due


@pytest.mark.parametrize("extension", ["next week", "-1", "2026-12-09", "2 weeks", "연장"])
def test_an_unreadable_extension_is_an_error_naming_it(extension):
    with pytest.raises(PolicyError) as exc:
        due_for(POLICY, extension)
    assert f"cannot read the extension {extension!r}" in exc.value.text.en
    assert f"'{extension}'" in exc.value.text.ko


def test_lateness_is_judged_against_the_students_own_due():
    due = due_for(POLICY, "2")
    late = lateness(POLICY, due, DUE + DAY, False, "worksheet")
    assert (late.due, late.days, late.percent) == (due, 0, 0.0)


def test_a_naive_time_is_read_in_the_dues_time_zone():
    # Moodle's worksheet and Blackboard's file names give local times (KST here): 23:30 is on time.
    # Read as UTC it would be 08:30 KST the next day, a day late.
    late = lateness(POLICY, DUE, datetime(2026, 12, 7, 23, 30), False, "worksheet")
    assert (late.known, late.days, late.submitted_at) == (True, 0, datetime(2026, 12, 7, 23, 30))
    assert lateness(POLICY, DUE, datetime(2026, 12, 8, 0, 11), False, "worksheet").days == 1


def test_an_aware_time_in_another_zone_is_compared_as_the_same_instant():
    late = lateness(POLICY, DUE, datetime(2026, 12, 7, 15, 30, tzinfo=timezone.utc), False, "times")
    assert late.days == 1   # 00:30 KST: 31 minutes after the due, past the 10 minutes of grace


def test_a_canvas_late_flag_alone_counts_as_one_day():
    late = lateness(POLICY, DUE, None, True, "none")
    assert late == Lateness(True, "canvas_flag", None, DUE, 1, 10.0)
    assert apply(10.0, late, POLICY) == (1.0, 9.0)


def test_a_known_time_decides_over_the_flag():
    assert lateness(POLICY, DUE, DUE - DAY, True, "times").days == 0


def test_no_time_known_deducts_nothing_and_says_so():
    late = lateness(POLICY, DUE, None, False, "none")
    assert late == Lateness(False, "none", None, DUE, 0, 0.0)
    assert apply(9.5, late, POLICY) == (0.0, 9.5)


# ----------------------------------------------------------------------------------------- the config

def toml(text: str) -> dict:
    return tomllib.loads(text)["late"]


@pytest.mark.parametrize("text", [
    "[late]\ndue = 2026-12-07T23:59:00+09:00\ngrace_minutes = 10\npercent_per_day = 10\nmax_days = 3",
    '[late]\ndue = "2026-12-07T23:59+09:00"\ngrace_minutes = 10.0\npercent_per_day = 10\nmax_days = 3',
])
def test_a_late_table_is_read_from_toml(text):
    assert parse_policy(toml(text)) == POLICY


def test_a_due_alone_computes_lateness_and_deducts_nothing():
    policy = parse_policy(toml("[late]\ndue = 2026-12-07T23:59:00+09:00"))
    assert policy == LatePolicy(DUE)
    late = lateness(policy, DUE, DUE + 2 * DAY, False, "times")
    assert (late.days, apply(10.0, late, policy)) == (2, (0.0, 10.0))


@pytest.mark.parametrize("text, said", [
    ("[late]\ndue = 2026-12-07T23:59:00", "due: 2026-12-07T23:59:00 has no time zone; add a time zone, e.g. +09:00"),
    ('[late]\ndue = "2026-12-07 23:59"', "due: 2026-12-07T23:59:00 has no time zone; add a time zone, e.g. +09:00"),
    ("[late]\ndue = 2026-12-07", "due: 2026-12-07 has no time of day"),
    ('[late]\ndue = "7 Dec 2026"', "due: cannot read '7 Dec 2026' as a time"),
    ("[late]\ngrace_minutes = 10", "no due time: add e.g. due = 2026-12-07T23:59:00+09:00"),
    ("[late]\ndue = 2026-12-07T23:59:00+09:00\ngrace_minute = 10", "unknown keys grace_minute (known: due, "),
    ("[late]\ndue = 2026-12-07T23:59:00+09:00\npercent_per_day = 150", "percent_per_day must be a number from 0 to"),
    ("[late]\ndue = 2026-12-07T23:59:00+09:00\nmax_days = 1.5", "max_days must be a whole number of at least 0"),
    ('[late]\ndue = 2026-12-07T23:59:00+09:00\ngrace_minutes = "10"', "grace_minutes must be a number of at least 0"),
    ("[late]\ndue = 2026-12-07T23:59:00+09:00\ngrace_minutes = -5", "grace_minutes must be a number of at least 0"),
])
def test_a_bad_late_table_is_one_clear_line(text, said):
    with pytest.raises(PolicyError) as exc:
        parse_policy(toml(text))
    assert said in exc.value.text.en and "\n" not in exc.value.text.en and exc.value.text.ko


def test_the_korean_line_for_a_due_without_a_zone():
    with pytest.raises(PolicyError) as exc:
        parse_policy(toml("[late]\ndue = 2026-12-07T23:59:00"))
    assert exc.value.text.ko == ("due: 2026-12-07T23:59:00에 시간대가 없습니다. +09:00처럼 시간대를 붙여 주세요 "
                                 "(2026-12-07T23:59:00+09:00)")


def test_due_override_replaces_the_configs_due():
    table = toml("[late]\ndue = 2026-12-07T23:59:00+09:00\ngrace_minutes = 10\npercent_per_day = 10\nmax_days = 3")
    assert parse_policy(table, "2026-12-14T23:59+09:00") == replace(POLICY, due=DUE + 7 * DAY)
    assert parse_policy({}, "2026-12-14T14:59Z").due == DUE + 7 * DAY
    with pytest.raises(PolicyError, match="DUE: 2026-12-14T23:59:00 has no time zone"):
        parse_policy(table, "2026-12-14T23:59")


ASSIGNMENT = """title = "Week 9"
entry = "neural_network.py"
[checks."init.shapes"]
name = "shapes"
points = 1
"""


@pytest.mark.parametrize("late_table, late", [
    ("", None),
    ("[late]\ndue = 2026-12-07T23:59:00+09:00\ngrace_minutes = 10\npercent_per_day = 10\nmax_days = 3\n", POLICY),
])
def test_an_assignment_reads_its_late_table(tmp_path, late_table, late):
    (tmp_path / "hidden").mkdir()
    (tmp_path / "assignment.toml").write_text(ASSIGNMENT + late_table, encoding="utf-8")
    assert load(tmp_path).late == late


@pytest.mark.parametrize("late_table, said", [
    ("[late]\ndue = 2026-12-07T23:59:00\n", "[late]: due: 2026-12-07T23:59:00 has no time zone; add a time zone"),
    ("[late]\ndue = 2026-12-07T23:59:00+09:00\npenalty = 10\n", "[late]: unknown keys penalty"),
    ('late = "10%"\n', "late must be a table"),
])
def test_a_bad_late_table_is_a_config_error_of_one_line(tmp_path, late_table, said):
    (tmp_path / "hidden").mkdir()
    (tmp_path / "assignment.toml").write_text(late_table + ASSIGNMENT if not late_table.startswith("[")
                                              else ASSIGNMENT + late_table, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load(tmp_path)
    assert said in str(exc.value) and "\n" not in str(exc.value) and str(tmp_path) in str(exc.value)


def test_the_shipped_assignments_still_load_with_the_late_field():
    root = Path(__file__).resolve().parents[2] / "assignments"
    for folder in sorted(p for p in root.iterdir() if (p / "assignment.toml").is_file()):
        assert load(folder).late is None or isinstance(load(folder).late, LatePolicy)
