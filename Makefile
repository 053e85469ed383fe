# Pathways: run `make help` for the targets.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
CATALOGUE := $(PY) -m pathways_catalogue

.DEFAULT_GOAL := help
.PHONY: help setup assets run shell train test check lint types validate eval eval-conversations eval-everyday db bench-catalogue bench prune lock clean \
        scale-up scale-down scale-test fuzz probe

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  make %-18s %s\n", $$1, $$2}'

$(STAMP): requirements.lock.txt pyproject.toml tools/make_venv.sh
	bash tools/make_venv.sh
	@touch $(STAMP)

setup: $(STAMP) assets ## create .venv (Python 3.10) with the pinned dependencies, and the web assets

FRONTEND := web/frontend
VENDOR := web/static/vendor
$(VENDOR)/.stamp: $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --ignore-scripts --no-audit --no-fund
	mkdir -p $(VENDOR)
	cp $(FRONTEND)/node_modules/socket.io-client/dist/socket.io.min.js $(VENDOR)/
	cp $(FRONTEND)/node_modules/axe-core/axe.min.js $(VENDOR)/
	cp $(FRONTEND)/node_modules/chart.js/dist/chart.umd.min.js $(VENDOR)/
	@touch $@

assets: $(VENDOR)/.stamp ## npm ci the widget's front-end packages; copy them into web/static/vendor/ (served locally, no CDN)

db: setup ## migrate the catalogue, enquiry and insights schemas; import the demo network if it is empty; build the Ofqual index (var/cache/)
	$(CATALOGUE) bootstrap
	$(CATALOGUE) ofqual-index
	$(PY) -m enquiries upgrade
	$(PY) -m insights upgrade

run: train ## set up, load the demo network if needed, train if stale, and start the assistant
	bash tools/run.sh

train: db ## train the Rasa model if the data, config, components or catalogue changed
	$(PY) -m bot.train

shell: train ## chat with the assistant in the terminal
	bash tools/shell.sh

# pytest's temporary folders: its own per checkout, outside the repository (tests check
# that a deployment lives outside var/ and that a folder outside git has no commit);
# pytest keeps only its 3 newest folders under /tmp, so two runs would delete each other's
TEST_TMP ?= $${TMPDIR:-/tmp}/pathways-tests-$(shell printf '%s' "$(CURDIR)" | cksum | cut -d' ' -f1)

test: setup ## set up and run every test (two workers; e2e and browser tests each share their servers in one)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	@start=$$(date +%s); \
	$(PY) -m pytest -n 2 --dist loadgroup --basetemp=$(TEST_TMP) --durations=25 $(PYTEST_ARGS); status=$$?; \
	echo "pytest took $$(( $$(date +%s) - start )) s"; exit $$status

# make check's tests: the unit tests that take well under a second each. Left to make test:
# training and servers (slow, e2e, browser, scale, the toy servers of launch/test_process,
# the action server of test_the_action_server_builds_it_before_taking_calls), the fuzzers
# (*_fuzz) and the deeply nested YAML case, whole conversations through action_respond
# (test_dialogue), the everyday-words set on three networks, test_resolve (two networks
# imported per test), the route property test and the concurrent gazetteer build.
CHECK_TESTS := -m "not slow and not e2e and not scale" \
	-k "not fuzz and not nested-too-deeply and not test_route_invariants \
	    and not test_learners_arriving_together_wait_for_one_build \
	    and not test_the_action_server_builds_it_before_taking_calls" \
	--ignore=tests/e2e --ignore=tests/browser --ignore=tests/scale \
	--ignore=tests/actions/test_dialogue.py --ignore=tests/evaluation/test_everyday.py \
	--ignore=tests/pathways_catalogue/test_resolve.py --ignore=tests/launch/test_process.py
# the tests run as two pytest processes, one per core: these folders, and the rest
CHECK_HALF := tests/pathways_catalogue tests/evaluation tests/enquiries tests/storage

check: setup ## lint, types and the fast unit tests (about 50 s of CPU; make test runs everything)
	@start=$$(date +%s); half_log=$$(mktemp); \
	$(VENV)/bin/ruff check . && $(VENV)/bin/mypy && { \
	  $(PY) -m pytest -q -p no:cacheprovider $(CHECK_TESTS) $(CHECK_HALF) > $$half_log 2>&1 & \
	  half_pid=$$!; \
	  $(PY) -m pytest -q -p no:cacheprovider $(CHECK_TESTS) $(addprefix --ignore=,$(CHECK_HALF)); \
	  rest=$$?; wait $$half_pid; half=$$?; echo "$(CHECK_HALF):"; cat $$half_log; \
	  [ $$half -eq 0 ] && [ $$rest -eq 0 ]; }; status=$$?; rm -f $$half_log; \
	echo "make check took $$(( $$(date +%s) - start )) s"; exit $$status

lint: setup ## ruff
	$(VENV)/bin/ruff check .

types: setup ## mypy
	$(VENV)/bin/mypy

validate: setup ## validate the demo network folder and the Rasa data
	$(CATALOGUE) validate pathways_catalogue/data/vale_and_wolds
	$(VENV)/bin/rasa data validate --domain bot/domain --data data --config config.yml --fail-on-warnings

eval: db ## held-out NLU metrics and course resolution, as JSON in bench/results/
	$(PY) -m tools.evaluate

eval-conversations: setup ## whole conversations over REST on unseen networks (JSON in bench/results/)
	$(PY) -m evaluation.conversations

eval-everyday: setup ## false positives on the held-out everyday-words set, per network (JSON in bench/results/)
	$(PY) -m evaluation.everyday

bench-catalogue: setup ## benchmark import and route queries on a synthetic network (JSON in bench/results/)
	$(PY) -m bench.catalogue_bench

prune: db ## delete conversations and enquiries idle for PATHWAYS_RETENTION_DAYS (180) or begun before PATHWAYS_RETENTION_MAX_DAYS (730) (docs/privacy.md)
	$(PY) -m bot privacy prune

scale-up: setup ## the scale profile on loopback: PostgreSQL, Redis, 2 Rasa, 2 actions, web, nginx (var/scale/)
	$(PY) -m deploy.scale up

scale-down: setup ## stop everything scale-up started (the data stays in var/scale/)
	$(PY) -m deploy.scale down

scale-test: setup ## install/start the scale topology and run its fault tests (tests/scale/)
	@start=$$(date +%s); \
	$(PY) -m pytest -m scale tests/scale -q -p no:cacheprovider; status=$$?; \
	echo "make scale-test took $$(( $$(date +%s) - start )) s"; exit $$status

fuzz: train ## 10,000 hostile messages through REST and socket.io: 5xx, memory, latency (JSON in bench/results/)
	$(PY) -m bench.fuzz_channels

probe: setup ## try issue 15's attacks on a running `make run` (start it in another terminal); JSON in bench/results/
	$(PY) -m bench.probe $(PROBE_ARGS)

bench: setup ## load-test the whole assistant (demo + 50k-course networks; BENCH_QUICK=1 for a short run)
	$(PY) -m bench.load $(if $(BENCH_QUICK),--quick,) $(BENCH_ARGS)

lock: ## re-pin requirements.lock.txt from requirements.in (needs the network)
	rm -rf /tmp/pathways-lock && $(shell ls -d $$(pyenv root)/versions/3.10.*/bin/python3.10 | head -1) -m venv /tmp/pathways-lock
	/tmp/pathways-lock/bin/pip install -q pip==24.0 && /tmp/pathways-lock/bin/pip install -q -r requirements.in
	( echo '# Pinned dependencies (pip freeze of requirements.in on Python 3.10). Regenerate: make lock'; \
	  /tmp/pathways-lock/bin/pip freeze | sort -f ) > requirements.lock.txt

clean: ## remove the venv, database and caches
	rm -rf $(VENV) var $(VENDOR) $(FRONTEND)/node_modules .mypy_cache .ruff_cache .pytest_cache .hypothesis
