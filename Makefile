# Two commands do everything on a fresh machine:
#   make run   - virtualenv, install, migrate, load the content, serve on http://127.0.0.1:8000 (SQLite)
#   make test  - virtualenv, install, lint and the whole test suite (SQLite)
# `make test-postgres` runs the same suite on a throwaway PostgreSQL server (needs Debian's postgresql).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Two workers: the suite runs in parallel on both cores (pytest-xdist).
PYTEST_ARGS ?= -n auto

.PHONY: install run serve migrate content test test-postgres lint format check editor clean assets messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	DEBUG=true $(BIN)/python manage.py migrate --noinput

content: migrate
	DEBUG=true $(BIN)/python manage.py load_content

# The task worker (mail) and the scheduler (planned working copies, "depubliceren op")
# run beside the server and stop with it; in production they are a systemd service and
# a cron line (docs/operations.md).
run: content
	@DEBUG=true $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	DEBUG=true $(BIN)/python manage.py publish_scheduled --every 60 & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	DEBUG=true $(BIN)/python manage.py check
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: install
	bash .ci/with-postgres.sh $(BIN)/python -m pytest $(PYTEST_ARGS)

editor: migrate
	DEBUG=true $(BIN)/python manage.py create_editor

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# `make bench`: the performance benchmark on a throwaway PostgreSQL server (about 10 min;
# not part of `make test`). Figures and how to read them: README, "Performance".
.PHONY: bench
bench: install
	bash .ci/bench.sh $(BENCH_ARGS)

# `make faults`: restart PostgreSQL under traffic (503s, then recovery); `make backup-check`:
# pg_dump, restore into a fresh database, compare. Both on a throwaway server; CI runs them.
.PHONY: faults backup-check
faults: install
	bash .ci/db-restart-check.sh

backup-check: install
	bash .ci/backup-roundtrip.sh

# `make assets`: rebuild static/css/portal.css and static/js/portal.js from their parts in
# static/css/src/ and static/js/src/ (plain concatenation; the bundles are committed).
assets:
	$(PYTHON) .ci/build_assets.py

# `make vendor-css`: refresh NL Design System's Utrecht CSS components from npm (needs npm;
# `make run` and `make test` do not). Packs the pinned version, keeps the components the
# portal uses (static/vendor/utrecht/subset.py), copies the licence and rebuilds the bundle.
UTRECHT_VERSION ?= 9.0.4
.PHONY: vendor-css
vendor-css:
	rm -rf .vendor-tmp && mkdir -p .vendor-tmp
	cd .vendor-tmp && npm pack --silent @utrecht/component-library-css@$(UTRECHT_VERSION) >/dev/null
	tar -xzf .vendor-tmp/utrecht-component-library-css-$(UTRECHT_VERSION).tgz -C .vendor-tmp
	$(PYTHON) static/vendor/utrecht/subset.py .vendor-tmp/package/dist/index.css > static/css/src/00-utrecht.css
	cp .vendor-tmp/package/LICENSE.md static/vendor/utrecht/LICENSE.md
	rm -rf .vendor-tmp
	$(PYTHON) .ci/build_assets.py

# `make messages`: compile locale/nl/LC_MESSAGES/django.po (our Dutch for strings the admin's
# packages leave in English); the .mo is committed, so installing needs no gettext.
messages:
	msgfmt --check -o locale/nl/LC_MESSAGES/django.mo locale/nl/LC_MESSAGES/django.po
