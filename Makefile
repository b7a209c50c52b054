# Two commands on a fresh machine: `make grade` grades the demo class, `make test` runs the tests.
# Each creates the project's virtual environment (.venv) first if it is missing or out of date.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

ASSIGNMENT ?= neural_network
SUBMISSIONS ?= solutions/$(ASSIGNMENT)/demo_class
REPORTS ?= reports/$(ASSIGNMENT)
FEEDBACK_LANG ?=
JOBS ?=
FORCE ?=

ROSTER ?=
WORKSHEET ?=
TIMES ?=
DUE ?=
LMS_GRADES ?=
MAX_ARCHIVE_MB ?=
ARCHIVE ?=
GRADEBOOK ?=

# The gradebook's commands (make override, changes, history, export, feedback, book)
STUDENT ?=
POINTS ?=
REASON ?=
CHECK ?=
REVOKE ?=
SINCE ?=
FORMAT ?=
OUT ?=
COLUMN ?=

# Every path is quoted: LMS downloads have spaces and Korean in their names ("NN101-Week9 NeuralNetwork-1234.zip").
GRADE_ARGS := --assignment "assignments/$(ASSIGNMENT)" --submissions "$(SUBMISSIONS)" --reports "$(REPORTS)"
ifneq ($(ROSTER),)
GRADE_ARGS += --roster "$(ROSTER)"
endif
ifneq ($(WORKSHEET),)
GRADE_ARGS += --worksheet "$(WORKSHEET)"
endif
ifneq ($(TIMES),)
GRADE_ARGS += --times "$(TIMES)"
endif
ifneq ($(DUE),)
GRADE_ARGS += --due "$(DUE)"
endif
ifneq ($(LMS_GRADES),)
GRADE_ARGS += $(foreach g,$(LMS_GRADES),--lms-grades $(g))
endif
ifneq ($(GRADEBOOK),)
GRADE_ARGS += --gradebook "$(GRADEBOOK)"
endif
ifneq ($(MAX_ARCHIVE_MB),)
GRADE_ARGS += --max-archive-mb $(MAX_ARCHIVE_MB)
endif
ifneq ($(ARCHIVE),)
GRADE_ARGS += --archive "$(ARCHIVE)"
endif
ifneq ($(FEEDBACK_LANG),)
GRADE_ARGS += --lang $(FEEDBACK_LANG)
endif
ifneq ($(JOBS),)
GRADE_ARGS += --jobs $(JOBS)
endif
ifneq ($(FORCE),)
GRADE_ARGS += --force
endif
DASK ?=
ifneq ($(DASK),)
GRADE_ARGS += --dask "$(DASK)"
endif

.PHONY: grade test bench bench-hints bench-similarity venv clean help handout check public-data override changes history export feedback book gradescope

help:
	@echo "make grade                 grade the demo class into reports/$(ASSIGNMENT)/"
	@echo "make grade ASSIGNMENT=neural_network SUBMISSIONS=DIR_OR_ZIP REPORTS=DIR [FEEDBACK_LANG=ko|en] [JOBS=N] [FORCE=1]"
	@echo "           [ROSTER=roster.csv] [WORKSHEET=moodle_worksheet.csv] [TIMES=times.csv] [DUE=2026-12-07T23:59+09:00]"
	@echo "           [LMS_GRADES=canvas|moodle|blackboard] [MAX_ARCHIVE_MB=500] [GRADEBOOK=course.db]   (paths with spaces: SUBMISSIONS=\"NN101-Week9 NeuralNetwork-1234.zip\")"
	@echo "make override STUDENT=name POINTS=+1|-1|=7 REASON=\"...\" [CHECK=id]   a hand adjustment (REVOKE=1 takes it back)"
	@echo "make changes [SINCE=run id]       what the last run changed;   make history STUDENT=name   every run's score"
	@echo "make export FORMAT=moodle WORKSHEET=downloaded.csv OUT=file.csv   (or FORMAT=canvas|csv, blackboard COLUMN=\"...|id\")"
	@echo "make feedback FORMAT=moodle|dir OUT=feedback.zip|folder   the reports for the LMS;   make book   the course page"
	@echo "make test                  run the project's tests"
	@echo "make bench [BENCH_ARGS=...] time the grader on a synthetic class of 300 beside nbgrader (minutes; see bench/RESULTS.md)"
	@echo "make bench-similarity      disguised copies found and honest pairs left alone, beside copydetect (ARCHIVE=dir: grade against earlier semesters)"
	@echo "make bench-hints           grade the held-out corpus and count right, missing and wrong likely-mistake hints"
	@echo "make handout [ASSIGNMENT=neural_network]   write dist/ASSIGNMENT/ and dist/ASSIGNMENT.zip for students"
	@echo "make check FILE=path [ASSIGNMENT=...] [FEEDBACK_LANG=ko|en]   the public checks on one file (sandboxed)"
	@echo "make public-data [ASSIGNMENT=neural_network]   rewrite public/expected.json from the hidden reference"
	@echo "make grade ... DASK=tcp://host:8786 | DASK=local:N   grade on a Dask cluster (README: A Dask cluster)"
	@echo "make gradescope [ASSIGNMENT=neural_network] [FEEDBACK_LANG=ko|en]   write dist/ASSIGNMENT-gradescope.zip (README: Gradescope)"

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

venv: $(STAMP)

grade: $(STAMP)
	$(PY) -m grader $(GRADE_ARGS)

# The gradebook's commands read course.db beside REPORTS (or GRADEBOOK=...).
GB_ARGS := --reports "$(REPORTS)"
ifneq ($(GRADEBOOK),)
GB_ARGS += --gradebook "$(GRADEBOOK)"
endif

override: $(STAMP)
	$(PY) -m grader override $(GB_ARGS) --assignment "$(ASSIGNMENT)" --student "$(STUDENT)" --points "$(POINTS)" \
		--reason "$(REASON)" --check "$(CHECK)" $(if $(REVOKE),--revoke)

changes: $(STAMP)
	$(PY) -m grader changes $(GB_ARGS) --assignment "$(ASSIGNMENT)" $(if $(SINCE),--since $(SINCE))

history: $(STAMP)
	$(PY) -m grader history $(GB_ARGS) --assignment "$(ASSIGNMENT)" --student "$(STUDENT)"

export: $(STAMP)
	$(PY) -m grader export $(GB_ARGS) --assignment "$(ASSIGNMENT)" --format "$(FORMAT)" --out "$(OUT)" \
		$(if $(WORKSHEET),--worksheet "$(WORKSHEET)") $(if $(COLUMN),--column "$(COLUMN)")

feedback: $(STAMP)
	$(PY) -m grader feedback $(GB_ARGS) --assignment "$(ASSIGNMENT)" --format "$(FORMAT)" --out "$(OUT)"

book: $(STAMP)
	$(PY) -m grader book $(GB_ARGS) $(if $(OUT),--out "$(OUT)") $(if $(FEEDBACK_LANG),--lang $(FEEDBACK_LANG))

test: $(STAMP)
	$(PY) -m pytest tests -q --durations=15

BENCH_ARGS ?=
bench: $(STAMP)
	$(PY) bench/bench.py --python $(PYTHON) $(BENCH_ARGS)

bench-similarity: $(STAMP)
	$(PY) bench/similarity.py --python $(PYTHON)

bench-hints: $(STAMP)
	$(PY) bench/hints.py

handout: $(STAMP)
	$(PY) -m grader.handout build --assignment assignments/$(ASSIGNMENT) --out dist

check: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make check FILE=path [ASSIGNMENT=name] [FEEDBACK_LANG=ko|en]" >&2; exit 2; }
	$(PY) -m grader.handout check --assignment assignments/$(ASSIGNMENT) "$(FILE)"$(if $(FEEDBACK_LANG), --lang $(FEEDBACK_LANG))

public-data: $(STAMP)
	$(PY) assignments/$(ASSIGNMENT)/hidden/public_data.py

# Where the course runs: Gradescope's autograder zip (make grade DASK=... is above, with the other variables).
gradescope: $(STAMP)
	$(PY) -m grader.gradescope build --assignment assignments/$(ASSIGNMENT) --out dist$(if $(FEEDBACK_LANG), --lang $(FEEDBACK_LANG))

clean:
	rm -rf $(VENV) reports/*/ dist/
