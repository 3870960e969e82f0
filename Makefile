# Convivio — the commands a user and CI run.  See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Django 6 needs Python 3.12+.  Look for python3.13 / python3.12 on PATH, then in
# pyenv's versions folder; `make PYTHON=/path/to/python3.12 …` overrides.
PYENV_ROOT ?= $(HOME)/.pyenv
PYTHON ?= $(shell for p in python3.13 python3.12 \
	$$(ls -d $(PYENV_ROOT)/versions/3.1[3-9]*/bin/python3 $(PYENV_ROOT)/versions/3.12*/bin/python3 2>/dev/null | sort -rV) \
	python3; do \
	  if command -v $$p >/dev/null 2>&1 && \
	     $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	    command -v $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) -m convivio
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help demo test test-fast test-browser lint format bench messages check-python system-packages serve clean

help:
	@echo "make demo    run Convivio with demo content on http://$(HOST):$(PORT)"
	@echo "make test    run the whole test suite (SQLite; DATABASE_URL=postgres://… for PostgreSQL)"
	@echo "make lint    ruff check and format check, template lint (djlint), types (mypy), app boundaries (lint-imports), missing migrations"
	@echo "make bench   benchmarks at scale (100,000 practices), printed as ratios"
	@echo "make messages  refresh and compile the interface catalogues (src/convivio/locale)"

check-python:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "Convivio needs Python 3.12 or newer (Django 6)."; \
	  echo "Install python3.12 or python3.13 (e.g. 'apt install python3.12 python3.12-venv'"; \
	  echo "or 'pyenv install 3.12'), or run: make PYTHON=/path/to/python3.12 $(MAKECMDGOALS)"; \
	  exit 1; fi

# WeasyPrint (PDF reports) needs Pango and fonts from Debian (DejaVu covers Latin,
# Greek and Cyrillic; Noto Naskh/Sans Arabic the booklets and reports in Arabic);
# `make messages` needs GNU gettext's msgfmt; machine translation with Apertium
# (CONVIVIO_MACHINE_TRANSLATION=apertium, and its tests) needs the engine and the
# pairs Debian 12 has among Convivio's languages (cg3 runs the it→es pair's
# grammar).  Install them when missing (as root), or say which to install.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-noto-core \
	gettext \
	apertium cg3 apertium-eng-spa apertium-es-pt apertium-es-ro apertium-fr-es \
	apertium-spa-ita \
	tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa tesseract-ocr-ita tesseract-ocr-por \
	tesseract-ocr-ron tesseract-ocr-ell tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-ara \
	tesseract-ocr-ukr tesseract-ocr-fas tesseract-ocr-nld tesseract-ocr-pol tesseract-ocr-slv \
	tesseract-ocr-hrv tesseract-ocr-swe
system-packages:
	@missing=""; for pkg in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get -q -o DPkg::Lock::Timeout=600 update && \
	    DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600 install -y $$missing; \
	  elif command -v dpkg-query >/dev/null; then \
	    echo "PDF reports, machine translation and OCR need these Debian packages:$$missing — run: sudo apt-get install$$missing"; exit 1; \
	  fi; fi

$(VENV)/.installed: pyproject.toml | check-python system-packages
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

# The demo runs as production does (DEBUG off, gunicorn, collected static files
# served by WhiteNoise from their manifest, our own error pages, uploaded files
# only through the permission-checking view), relaxing only what plain http on
# this machine needs: no HTTPS redirect or secure cookies, these host names, and
# mail printed in the terminal.  The secret key is made once into var/secret_key
# (mode 600) and read from there by every later command (the worker, the ingest
# CLI), so nothing needs SECRET_KEY in the environment.
DEMO_WORKERS ?= 2
DEMO_URL = http://$(HOST):$(PORT)
DEMO_ENV = DJANGO_DEBUG=0 DJANGO_HTTPS=0 CONVIVIO_CREATE_SECRET_KEY=1 \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost,$(HOST)} \
	EMAIL_URL=$${EMAIL_URL:-consolemail://}

demo: $(VENV)/.installed
	@mkdir -p var
	$(DEMO_ENV) $(MANAGE) migrate --no-input -v 0
	$(DEMO_ENV) $(MANAGE) collectstatic --no-input -v 0
	$(DEMO_ENV) $(MANAGE) load_demo --url $(DEMO_URL)
	@# The task worker (ingestion of uploaded files, link checks) runs in the
	@# background beside the web server, and stops when the web server stops.
	@$(DEMO_ENV) $(MANAGE) db_worker --no-reload --queue-name '*' -v 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	echo "Convivio runs at $(DEMO_URL)/ (gunicorn, $(DEMO_WORKERS) workers, DEBUG off); Ctrl-C stops it."; \
	$(DEMO_ENV) $(BIN)/gunicorn convivio.wsgi --bind $(HOST):$(PORT) \
	  --workers $(DEMO_WORKERS) --log-level warning

# Tests run in parallel (pytest-xdist), one worker per CPU; a test file stays on
# one worker (--dist loadfile) so its module fixtures (collectstatic, extracted
# catalogues, parsed seeds) are made once.  `make test TEST_WORKERS=0` runs them in
# this process (for --pdb); PYTEST_ARGS adds any pytest option.
TEST_WORKERS ?= auto
PYTEST_PARALLEL = -n $(TEST_WORKERS) $(if $(filter 0,$(TEST_WORKERS)),,--dist loadfile)

test: $(VENV)/.installed
	$(BIN)/pytest -m "not browser" -q $(PYTEST_PARALLEL) $(PYTEST_ARGS)

test-browser: $(VENV)/.installed
	$(BIN)/pytest -m browser -q $(PYTEST_PARALLEL) $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/ruff format --check src tests $(wildcard bench)
	$(BIN)/djlint src/convivio --lint
	$(BIN)/mypy
	$(BIN)/lint-imports
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run

format: $(VENV)/.installed
	$(BIN)/ruff check --fix src tests $(wildcard bench)
	$(BIN)/ruff format src tests $(wildcard bench)

# The interface catalogues of the languages Convivio is translated into, brought
# up to date with the code (needs GNU gettext: Debian package gettext).  New or
# changed strings come out empty or fuzzy for the translators.  Each catalogue is
# then compiled to its .mo, which is committed (as Django does) so that the wheel
# and a checkout work without gettext installed.
CATALOGUE_LANGUAGES := es it pt ro el de fr uk ar
messages: $(VENV)/.installed
	cd src/convivio && for lang in $(CATALOGUE_LANGUAGES); do \
	  DJANGO_DEBUG=1 ../../$(PY) -m convivio makemessages -l $$lang \
	    --add-location file --no-obsolete -v 0 || exit 1; done
	@for po in src/convivio/locale/*/LC_MESSAGES/django.po; do \
	  printf '%s: ' "$$po"; \
	  msgfmt --check --statistics -o "$${po%.po}.mo" "$$po" || exit 1; done

bench: $(VENV)/.installed
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/demo.sqlite3* test-artifacts
