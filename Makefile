# Two commands do all the set-up: `make run` starts the app, `make test` runs the tests.
# Each creates .venv on first use, installs what the project needs, and checks (and on
# Debian/Ubuntu installs) the system libraries Qt needs: tools/syslibs.py.
# `make bundle` builds the standalone app in dist/case-presenter/; `make bundle-test` proves it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BUNDLE_STAMP := $(VENV)/.bundle-installed

.PHONY: venv run test lint bench bundle bundle-test bench-bundle clean postgresql

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	$(PY) -m compileall -q desktop  # a start never compiles the project's modules
	touch $(STAMP)

run: venv
	$(PY) tools/syslibs.py window
	$(PY) -m desktop $(ARGS)

lint: venv
	$(VENV)/bin/ruff check desktop tests bench tools packaging
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
	$(PY) tools/syslibs.py tests
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: venv
	$(PY) bench/run_all.py

$(BUNDLE_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e ".[dev,bundle]"
	touch $(BUNDLE_STAMP)

# The window's libraries must be on the build machine: PyInstaller copies them in.
bundle: $(BUNDLE_STAMP)
	$(PY) tools/syslibs.py window
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/case-presenter.spec

bundle-test: bundle
	bash packaging/smoke.sh dist/case-presenter

bench-bundle: venv
	$(PY) bench/bench_bundle.py

clean:
	rm -rf $(VENV) .pytest_cache build dist
