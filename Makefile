# Two set-up commands on a fresh machine with Python 3.11: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test lint bench clean

$(BIN)/zhiku: pyproject.toml setup.py src/zhiku/analyze/_keyword_kernel.pyx
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "need Python 3.11+ (set PYTHON=...)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[all,dev]'
	@touch $@

demo: $(BIN)/zhiku
	$(BIN)/zhiku demo --db zhiku-demo.db

test: $(BIN)/zhiku
	$(BIN)/ruff check src tests bench eval tools
	$(BIN)/python -m pytest -q

lint: $(BIN)/zhiku
	$(BIN)/ruff check src tests bench eval tools

bench: $(BIN)/zhiku
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) zhiku-demo.db* .pytest_cache
