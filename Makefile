# Two commands do all the set-up: `make run` starts the app, `make test` runs the tests.
# Each creates .venv on first use and installs what the project needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: venv run test lint bench clean postgresql

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: venv
	$(PY) -m desktop $(ARGS)

lint: venv
	$(VENV)/bin/ruff check desktop tests bench
	$(VENV)/bin/lint-imports

# The department-library tests start their own throw-away PostgreSQL server from Debian's
# package (initdb, pg_ctl); install it when missing (as root, as CI runs).
postgresql:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql; \
	  else echo "PostgreSQL is needed for the tests: sudo apt-get install postgresql" >&2; exit 1; fi; \
	fi

test: lint postgresql
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: venv
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache
