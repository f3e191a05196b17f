# The two commands a newcomer needs: `make demo` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint system-deps bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

system-deps:
	@scripts/system-deps

demo: $(STAMP)
	@scripts/demo.sh

test: $(STAMP) system-deps
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check agreements cli flows portal tests bench scripts
	$(BIN)/mypy agreements cli flows portal

bench: $(STAMP)
	$(BIN)/python bench/render.py
	$(BIN)/python bench/cli.py
	$(BIN)/python bench/portal.py

clean:
	rm -rf $(VENV) var report
