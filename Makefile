# One entry point. `make e2e` runs the suite against the emulator and builds the Allure report;
# `make test` runs the project's own tests and the suite. Both set themselves up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
ALLURE := node_modules/.bin/allure
RESULTS := reports/allure-results
REPORT := reports/allure-report
# Extra pytest arguments, e.g. make e2e PYTEST_ARGS="-k onboarding"
PYTEST_ARGS ?=
# The scenarios make e2e runs: the whole suite, or folders and .feature files (make e2e FEATURES=features/managed_cards).
# A run of part of the suite writes its coverage to reports/coverage/partial/, leaving the last full run's.
FEATURES ?= features
# Each run's Allure results start empty; MERGE=1 adds this run's to the last run's (one report of both).
MERGE ?=
WORKERS ?= auto

.PHONY: setup e2e test lint unit report emulator spec-check spec-sync spec-extract steps-doc baseline bench strength parity rehearse-varied clean

setup: $(VENV)/.installed $(ALLURE)

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(ALLURE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

e2e: setup
	@scripts/fresh-results.sh $(RESULTS) $(REPORT) $(MERGE)
	@status=0; $(PY) -m pytest $(FEATURES) -n $(WORKERS) $(PYTEST_ARGS) || status=$$?; \
	  scripts/build-report.sh $(RESULTS) $(REPORT); exit $$status

test: $(VENV)/.installed lint
	@scripts/fresh-results.sh $(RESULTS) $(REPORT) $(MERGE)
	$(PY) -m pytest tests features -n $(WORKERS) $(PYTEST_ARGS)

# The guards: lint, types, and the import contract (.importlinter: the suite and the emulator never import each other).
lint: $(VENV)/.installed
	$(PY) -m ruff check --quiet .
	$(PY) -m mypy
	$(VENV)/bin/lint-imports --no-cache

unit: $(VENV)/.installed
	$(PY) -m pytest tests $(PYTEST_ARGS)

report: setup
	scripts/build-report.sh $(RESULTS) $(REPORT)

emulator: $(VENV)/.installed
	$(PY) -m emulator --port $${PORT:-8080}

spec-check: $(VENV)/.installed
	@test -n "$(SPEC)" || { echo "usage: make spec-check SPEC=path-or-url-of-the-new-description"; exit 2; }
	$(PY) -m support.spec check $(SPEC) $(CHECK_ARGS)

spec-sync: $(VENV)/.installed
	@test -n "$(SPEC)" || { echo "usage: make spec-sync SPEC=path-or-url-of-the-new-description"; exit 2; }
	$(PY) -m support.spec sync $(SPEC) $(SYNC_ARGS)

# Re-extract every namespace from the published files beside the repository.
SPECS ?= ../shared/specs
spec-extract: $(VENV)/.installed
	$(PY) -m support.spec extract $(SPECS)/multi-openapi-v3.yaml --docs $(SPECS)/multi-api-docs-index-3.63.5.md
	$(PY) -m support.spec extract $(SPECS)/simulator-openapi-v2.yaml --namespace simulator
	$(PY) -m support.spec extract $(SPECS)/webhooks-openapi-v2.yaml --namespace webhooks

steps-doc: $(VENV)/.installed
	$(PY) -m support.step_catalogue > docs/steps.md

# The per-operation baseline (no token 401, unknown id 404, a missing required field 400), from schemas/multi.
baseline: $(VENV)/.installed
	$(PY) -m support.baseline

# Planted faults, and whether a scenario notices (reports/strength/). A seeded sample of faults, a limit on
# the whole run's wall time (baseline included) and on the scenarios re-run per fault keep it within 10 min
# on two cores; STRENGTH_MAX_FAULTS=0 STRENGTH_SECONDS=0 STRENGTH_SCENARIOS=0 runs every fault in full.
STRENGTH_MAX_FAULTS ?= 300
STRENGTH_SECONDS ?= 540
STRENGTH_SCENARIOS ?= 20
STRENGTH_SEED ?= 1
STRENGTH_WORKERS ?= 2
strength: $(VENV)/.installed
	STRENGTH_MAX_FAULTS=$(STRENGTH_MAX_FAULTS) STRENGTH_SECONDS=$(STRENGTH_SECONDS) STRENGTH_SEED=$(STRENGTH_SEED) \
	  STRENGTH_SCENARIOS=$(STRENGTH_SCENARIOS) \
	  STRENGTH_WORKERS=$(STRENGTH_WORKERS) $(PY) -m support.strength $(STRENGTH_ARGS)

# Parity from the field: replay a recorded sandbox run's scenarios against the embedded emulator and write
# $(RECORDED)/divergences.md, each field the emulator answered otherwise linked to its choice (support/parity).
RECORDED ?= reports/parity
PARITY_WORKERS ?= 2
parity: $(VENV)/.installed
	$(PY) -m support.parity $(RECORDED) --workers $(PARITY_WORKERS)

# The nightly run rehearsed against emulators that answer otherwise where the description is silent.
SEEDS ?= 1 2 3
rehearse-varied: $(VENV)/.installed
	@for seed in $(SEEDS); do WEAVR_REHEARSAL_VARY=$$seed $(PY) -m pytest tests/nightly/test_varied_rehearsal.py \
	  -q -s -p no:randomly -p no:cacheprovider || exit 1; done

bench: $(VENV)/.installed
	$(PY) -m benchmarks.run $(BENCH_ARGS)

clean:
	rm -rf reports
