# kehoach — every target installs what it needs first, idempotently.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= data/kehoach.db
CORPUS ?= corpus
# a real headless browser for the web front end's test (selenium drives it through chromedriver)
BROWSER_APT := chromium chromium-driver
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie fonts-dejavu-core $(BROWSER_APT)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install system-deps ingest test bench score clean corpus help area-model area-eval worker coverage

help:
	@echo "make ingest   read corpus/ into $(DB)"
	@echo "make test     run the test suite"
	@echo "make bench    print speed figures"
	@echo "make score    score the seed plans against ../shared/gold and the real-plan gold of tests/real"
	@echo "make coverage what the extractors find in ../shared/real (make ingest CORPUS=../shared/real DB=data/real.db stores it)"
	@echo "make worker SCHEDULER=tcp://host:8786   serve a Dask cluster's ingests from this machine"
	@echo "make area-model / area-eval   retrain / evaluate the programme-area classifier"

# Debian packages: installed only when missing (tesseract with its Vietnamese model)
system-deps:
	@missing=""; for p in $(APT_PACKAGES) $(EXTRA_APT); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip >/dev/null
	$(BIN)/pip install -q -e '.[test]'
	@touch $(STAMP)

install: system-deps $(STAMP)

ingest: install
	$(BIN)/kehoach ingest $(CORPUS) --db $(DB)

test: install
	EXTRA_APT="" $(BIN)/python -m pytest

# a Dask worker for `kehoach ingest --cluster tcp://host:8786` run elsewhere: Tesseract and the
# package with its cluster extra, then one single-threaded worker process per core
SCHEDULER ?=
worker: install
	@test -n "$(SCHEDULER)" || { echo "usage: make worker SCHEDULER=tcp://host:8786"; exit 2; }
	$(BIN)/pip install -q -e '.[cluster]'
	$(BIN)/dask worker $(SCHEDULER) --nworkers auto --nthreads 1

bench: install
	$(BIN)/python bench/run.py

# what the extractors find in every real document of ../shared/real (no answers involved)
coverage: install
	$(BIN)/python scripts/real_coverage.py

score: install
	$(BIN)/python scripts/score_seeds.py
	$(BIN)/python scripts/score_real.py dev
	$(BIN)/python scripts/score_real.py heldout
	$(BIN)/python scripts/measure_agencies.py

# the programme-area model ships in models/area_textcat; these rebuild and evaluate it
area-model: install
	$(BIN)/python scripts/train_area.py

area-eval: install
	$(BIN)/python scripts/eval_area.py --no-seeds

clean:
	rm -rf data bench/out
