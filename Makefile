# The portal's two commands: `make run` and `make test`. Everything they need is installed here.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
# uv from PATH, or a private copy installed from PyPI into .tools/ on first use.
UV := $(or $(shell uv --version >/dev/null 2>&1 && command -v uv),$(CURDIR)/.tools/bin/uv)
VENV := $(CURDIR)/.venv
MANAGE := $(VENV)/bin/python manage.py
CELERY := $(VENV)/bin/celery
HOST ?= 127.0.0.1
PORT ?= 8000

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

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@echo "Najiz: http://$(HOST):$(PORT)/  (Ctrl-C stops the web server, the worker and beat)"
	@trap 'kill $$(jobs -p) 2>/dev/null; wait' INT TERM EXIT; \
	$(CELERY) -A najiz worker --loglevel INFO --concurrency 2 & \
	$(CELERY) -A najiz beat --loglevel INFO --schedule var/celerybeat-schedule & \
	$(MANAGE) runserver $(HOST):$(PORT)

test: install
	@if [ -z "$$CHROMIUM_EXECUTABLE" ] && ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then \
		echo "No system Chromium: installing Playwright's own."; $(VENV)/bin/playwright install chromium; \
	fi
	$(VENV)/bin/pytest $(PYTEST_ARGS)

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
