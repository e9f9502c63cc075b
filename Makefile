# Targets document themselves: `make help`.
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null)
ifeq ($(UV),)
UV := $(PYTHON) -m uv
endif
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help uv install run serve test test-browser lint format check ci messages \
	bench bench-pages bench-certificates bench-load wrk

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-20s %s\n", $$1, $$2}'

uv: ## install uv with pip when it is missing
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv

install: uv node_modules/.package-lock.json ## install the locked dependencies into .venv, and axe-core for the browser tests
	$(UV) sync --frozen

# npm ci only when package.json or its lock changed since the last one (npm writes
# node_modules/.package-lock.json): on an installed tree, like uv sync, it needs no network.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility scans will skip (they inject axe-core from npm)"; fi

run: install ## migrate, load the demo, create an admin if none, serve http://127.0.0.1:8000
	$(UV) run python manage.py migrate --noinput
	$(UV) run python manage.py load_demo_content
	$(UV) run python manage.py ensure_admin
	@echo "Serving the course at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(UV) run python manage.py runserver $(HOST):$(PORT)

test: install ## run the whole test suite (browser tests skip with a reason without Chromium)
	$(UV) run pytest

lint: install ## ruff check, ruff format --check, djhtml --check, import-linter contracts
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run djhtml --check templates
	$(UV) run lint-imports --no-cache

format: install ## format Python and templates
	$(UV) run ruff check --fix .
	$(UV) run ruff format .
	$(UV) run djhtml templates

check: install ## Django system checks and missing migrations
	$(UV) run python manage.py check
	$(UV) run python manage.py makemigrations --check --dry-run

messages: install ## update and compile the fi/sv translations
	$(UV) run python manage.py makemessages -l fi -l sv -l en --ignore '.venv/*' --ignore 'tests/*'
	$(UV) run python manage.py compilemessages --ignore '.venv/*'

ci: ## what CI runs
	bash .ci/run

bench: bench-pages bench-certificates ## run the benchmarks (README, "Performance"); not part of `make test`

bench-pages: install wrk ## pages under gunicorn against a bare Django view (BENCH_SECONDS, BENCH_ROUNDS, DATABASE_URL, REDIS_URL)
	$(UV) run python -m bench.pages

# The worker part needs PostgreSQL and Redis: only when DATABASE_URL and REDIS_URL are set.
bench-certificates: install ## the certificate renderer against bare reportlab (and 1,000 through a Celery worker); bench/results/certificates.md
	$(UV) run python bench/certificates.py $(if $(and $(DATABASE_URL),$(REDIS_URL)),,--skip-worker)

# Locust from the `bench` dependency group; PostgreSQL and Redis (defaults in the module).
bench-load: uv ## load test: learners read, sign up, complete, answer (BENCH_LOAD_USERS, BENCH_LOAD_SECONDS, DATABASE_URL, REDIS_URL)
	$(UV) run --frozen --group bench python -m bench.loadtest

# wrk, the load generator, from Debian, like .ci/run installs Chromium.
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
		else echo "wrk is missing: install it (apt-get install wrk, brew install wrk)" >&2; exit 1; fi; }
