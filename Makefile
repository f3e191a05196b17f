# The two commands a newcomer needs: `make demo` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint system-deps bench bench-load clean

# uv installs where it can (seconds rather than pip's minute), pip where it cannot; the same pins
$(STAMP): pyproject.toml constraints.txt scripts/install_venv.py
	$(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) scripts/install_venv.py $(VENV) '.[dev]' constraints.txt
	touch $(STAMP)

system-deps:
	@scripts/system-deps

# uv installs without compiling (scripts/install_venv.py): what runs compiles a module when it
# first imports it, and writes its bytecode for the next process, even where
# PYTHONDONTWRITEBYTECODE is set (as on this machine), which would have every process compile
# the same modules again.
COMPILING := PYTHONDONTWRITEBYTECODE=

demo: $(STAMP)
	@$(COMPILING) scripts/demo.sh

# In parallel, one worker per core (TEST_WORKERS=n to change; `$(BIN)/pytest` alone runs the
# suite in one process): workers beyond the cores cost more CPU for the same tests, since they
# take the cores from one another (a fresh clone of a9f3dca here, quiet, 7 December: 2 workers
# 368 s of tests and 490 s of their CPU, 3 workers 375 s and 548 s, 4 workers 431 s and 638 s);
# tests that share a costly fixture stay on one worker (tests/conftest.py).
# Each worker initialises a database once and copies it for each test (tests/databases.py);
# LibreOffice runs only in the tests about PDFs. The 25 slowest tests are listed at the end, so
# a CI log says where the suite's time goes; AVTALEFLYT_TEST_TIMES=FILE records each test's
# wall and CPU time too (`$(BIN)/python -m tests.timing FILE` sums them up).
TEST_WORKERS ?= $(shell nproc)

# Our sources are compiled first (about a second), rather than by each worker as it collects.
test: $(STAMP) system-deps
	$(BIN)/python -m compileall -q -j 0 agreements cli flows portal tests bench scripts
	$(COMPILING) $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup --durations=25

lint: $(STAMP)
	$(BIN)/ruff check agreements cli flows portal tests bench scripts
	$(BIN)/mypy agreements cli flows portal

# The figures of issue 12's table, each against its baseline (about 20 minutes; not part of
# `make test`). BENCH_ROUNDS=n changes the rounds; `$(BIN)/python -m bench --quick` is shorter.
bench: $(STAMP)
	$(BIN)/python -m bench
	$(BIN)/python bench/portal.py

# The portal under load (issue 20): 100 people for 5 minutes beside a follow-up and an
# onboarding, on SQLite and PostgreSQL (BENCH_POSTGRES_URL, else a throwaway server);
# BENCH_LOAD_SECONDS shortens it; then 1,500 avtalespesialister. Prints each figure, p95
# included, beside its goal; exits non-zero on a miss.
bench-load: $(STAMP)
	$(BIN)/python -m bench.load
	$(BIN)/python -m bench.specialists

clean:
	rm -rf $(VENV) var report
