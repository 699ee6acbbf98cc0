# RSP-kartan. Two commands on a fresh clone:  make run  |  make test
SHELL := /bin/bash
UV_VERSION := 0.13.9
PYTHON ?= python3
UV := $(PYTHON) -m uv
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
# `make run` listens on loopback only; `make run ADDRESS=0.0.0.0` opens it to the network (README).
ADDRESS ?= 127.0.0.1

.PHONY: run serve test test-fast lint setup data bench chromium caddy check-links

# Installs exactly what uv.lock pins (app and test dependencies); uv itself is pinned here.
$(VENV)/.synced: uv.lock pyproject.toml
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet "uv==$(UV_VERSION)"
	$(UV) sync --frozen --python "$$($(PYTHON) -c 'import sys; print(sys.executable)')"
	touch $@

setup: $(VENV)/.synced

# data/link-check.csv (written by `python -m geo check-links`, monthly) is read when it is there.
# The builder's own code is a prerequisite too: a checkout with a GeoPackage from older code rebuilds it.
data/rsp.gpkg: data/contacts.csv data/today.csv $(wildcard data/link-check.csv) $(wildcard data/changelog.csv) $(VENV)/.synced $(wildcard geo/data/*.py)
	$(PY) -m geo build --contacts data/contacts.csv --out data/rsp.gpkg

data: data/rsp.gpkg

run: data/rsp.gpkg
	$(PY) -m streamlit run serve.py --server.port $(PORT) --server.address $(ADDRESS)

# Monthly, on a machine with internet: check every address in data/*.csv, then rebuild (see README).
check-links: $(VENV)/.synced
	$(PY) -m geo check-links

# Production-like: WORKERS app processes behind Caddy (deploy/), https://localhost:8443/; Ctrl-C stops all.
WORKERS ?= 2
serve: data/rsp.gpkg caddy
	$(PY) -m deploy.cluster --workers $(WORKERS)

# The browser tests drive Debian's Chromium; as root it is installed here when missing.
chromium:
	@command -v $${RSP_CHROMIUM:-/usr/bin/chromium} >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core; \
	  else echo "The browser tests need Chromium at /usr/bin/chromium: sudo apt-get install chromium (or set RSP_CHROMIUM)"; exit 1; fi; }

# The reverse proxy (Debian's Caddy) for `make serve` and the proxy tests, systemd-analyze (package systemd),
# which the tests use to check the units in deploy/, and openssl (the certificate of the tests' mirror of the
# regions' sites); as root they are installed here.
caddy:
	@{ command -v caddy && command -v systemd-analyze && command -v openssl; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends caddy systemd openssl; \
	  else echo "make serve and the deploy tests need Caddy, systemd-analyze and openssl: sudo apt-get install caddy systemd openssl"; exit 1; fi; }

# ruff lints and checks the formatting of the whole tree; then every tier (tests/conftest.py)
lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: data/rsp.gpkg chromium caddy lint
	$(PY) -m pytest --durations=10

# the fast tiers only (unit and AppTest: no browser, no server), for the edit-test loop
test-fast: data/rsp.gpkg lint
	$(PY) -m pytest -m "unit or app"

bench: data/rsp.gpkg caddy
	$(PY) -m bench.run
	$(PY) -m bench.proxy
	$(PY) -m bench.firstview
	$(PY) -m bench.answer
	$(PY) -m bench.regiontyp
	$(PY) -m bench.faults
