# seoulkg: `make demo` sets up, builds, validates and queries; `make test` runs lint, types and every test tier;
# `make check` runs lint, types and the fast tier (no slow, browser, remote-store, Java or load tests).
# All create the virtual environment .venv and install the project on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-16)

.PHONY: setup java browser virtuoso demo lint types check test clean

setup: $(STAMP) java browser virtuoso

# The OWL reasoner (HermiT, run by `seoulkg reason`) needs Java: Debian's headless JRE where none is present.
java:
	@command -v java >/dev/null || { \
	  echo "installing default-jre-headless for the OWL reasoner"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends default-jre-headless; }

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "seoulkg needs Python 3.11 (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

# The browser test drives Debian's headless Chromium (with chromedriver, and CJK fonts for Korean pages).
browser:
	@{ command -v chromium && command -v chromedriver && fc-list | grep -q "Noto Sans CJK"; } >/dev/null 2>&1 || { \
	  echo "installing chromium, chromium-driver and fonts-noto-cjk for the browser test"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends \
	    chromium chromium-driver fonts-noto-cjk; }

# The remote-store tests run Debian's Virtuoso 7 (the Oxigraph server comes from PyPI with the dev extras).
virtuoso:
	@command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null || { \
	  echo "installing virtuoso-opensource-7-bin for the remote-store tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends virtuoso-opensource-7-bin; }

demo: setup
	$(BIN)/seoulkg build
	$(BIN)/seoulkg validate
	$(BIN)/seoulkg reason
	$(BIN)/seoulkg query budget-execution

lint: $(STAMP)
	$(BIN)/ruff check

types: $(STAMP)
	$(BIN)/mypy

# The tiers are pytest marks registered in pyproject.toml; a missing tool skips its tests with the reason,
# except under CI=true, where it fails them.
FAST_TIER := not slow and not browser and not remote_store and not java and not load

check: lint types
	$(BIN)/python -m pytest -m "$(FAST_TIER)"

test: setup lint types
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
