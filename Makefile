# RSP-kartan. Two commands on a fresh clone:  make run  |  make test
SHELL := /bin/bash
UV_VERSION := 0.13.9
PYTHON ?= python3
UV := $(PYTHON) -m uv
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test setup data bench

# Installs exactly what uv.lock pins (app and test dependencies); uv itself is pinned here.
$(VENV)/.synced: uv.lock pyproject.toml
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet "uv==$(UV_VERSION)"
	$(UV) sync --frozen --python "$$($(PYTHON) -c 'import sys; print(sys.executable)')"
	touch $@

setup: $(VENV)/.synced

data/rsp.gpkg: data/contacts.csv $(VENV)/.synced
	$(PY) -m geo build --contacts data/contacts.csv --out data/rsp.gpkg

data: data/rsp.gpkg

run: data/rsp.gpkg
	$(PY) serve.py --server.port $(PORT)

test: data/rsp.gpkg
	$(PY) -m pytest

bench: data/rsp.gpkg
	$(PY) bench/run.py
