# The portal's two commands: `make run` and `make test`. Everything they need is installed here.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
# uv from PATH, or a private copy installed from PyPI into .tools/ on first use.
UV := $(or $(shell uv --version >/dev/null 2>&1 && command -v uv),$(CURDIR)/.tools/bin/uv)
VENV := $(CURDIR)/.venv
MANAGE := $(VENV)/bin/python manage.py
CELERY := $(VENV)/bin/celery
# The suite runs on this many processes (pytest-xdist), each with a database of its own; the tests
# that start Celery workers and stop Redis run after them, alone.
TEST_WORKERS ?= 2
HOST ?= 127.0.0.1
PORT ?= 8000
# axe-core, the accessibility checker the browser tests inject into each page: one pinned release
# from the npm registry, checked against its SHA-256 before it is unpacked into .tools/.
AXE_CORE_VERSION := 4.10.3
AXE_CORE_SHA256 := 0f2b4d7dcdf7d1219df8d1959ad68e565f51d14c3f0d88bb71cd59abeb956292
AXE_CORE_JS := $(CURDIR)/.tools/axe-core-$(AXE_CORE_VERSION)/axe.min.js

.PHONY: help install run test lint bench messages

help:
	@echo "make run    serve the portal at http://$(HOST):$(PORT) with a Celery worker and beat"
	@echo "make test   run the whole test suite"
	@echo "make lint   ruff and the migrations check"
	@echo "make bench  the deadline sweep, the outbox and the pages under load, on PostgreSQL and Redis"

$(CURDIR)/.tools/bin/uv:
	$(PYTHON) -m venv $(CURDIR)/.tools
	$(CURDIR)/.tools/bin/python -m pip install --quiet uv

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

install: $(VENV)/.synced

# QR codes and links on issued documents point at the address the portal is served on.
run: export PUBLIC_BASE_URL ?= http://$(HOST):$(PORT)
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@echo "Najiz: http://$(HOST):$(PORT)/  (Ctrl-C stops the web server, the worker and beat)"
	@trap 'kill $$(jobs -p) 2>/dev/null; wait' INT TERM EXIT; \
	$(CELERY) -A najiz worker --loglevel INFO --concurrency 2 & \
	$(CELERY) -A najiz beat --loglevel INFO --schedule var/celerybeat-schedule & \
	$(MANAGE) runserver $(HOST):$(PORT)

$(AXE_CORE_JS):
	@mkdir -p $(@D)
	$(PYTHON) -c "import sys, urllib.request; urllib.request.urlretrieve(*sys.argv[1:])" \
		https://registry.npmjs.org/axe-core/-/axe-core-$(AXE_CORE_VERSION).tgz $(@D)/axe-core.tgz
	echo "$(AXE_CORE_SHA256)  $(@D)/axe-core.tgz" | sha256sum --check --quiet
	tar --extract --gzip --file $(@D)/axe-core.tgz --directory $(@D) --strip-components 1 package/axe.min.js
	rm $(@D)/axe-core.tgz

test: install $(AXE_CORE_JS)
	@if [ -z "$$CHROMIUM_EXECUTABLE" ] && ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then \
		echo "No system Chromium: installing Playwright's own."; $(VENV)/bin/playwright install chromium; \
	fi
	AXE_CORE_JS=$(AXE_CORE_JS) $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile --ignore tests/integration $(PYTEST_ARGS)
	$(VENV)/bin/pytest tests/integration $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_ENV=test DATABASE_URL= $(MANAGE) makemigrations --check --dry-run

bench: install
	@command -v wrk >/dev/null || { echo "Installing wrk (Debian) for the web benchmark"; \
		apt-get install -y -qq wrk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null); }
	$(VENV)/bin/python tests/benchmarks/bench_timers.py
	$(VENV)/bin/python tests/benchmarks/bench_web.py

messages: install
	$(MANAGE) makemessages --locale ar --locale en --ignore ".venv/*" --ignore ".tools/*" --no-obsolete
	$(MANAGE) compilemessages --ignore ".venv/*" --ignore ".tools/*"
