# seoulkg: `make demo` sets up, builds, validates and queries; `make test` runs lint, types and every test tier;
# `make check` runs lint, types and the fast tier (no slow, browser, remote-store, Java or load tests).
# All create the virtual environment .venv and install the project on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-16)

.PHONY: setup java browser virtuoso yasgui demo lint types check test clean

setup: $(STAMP) java browser virtuoso yasgui

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

# The query page's editor: YASGUI (@zazuko/yasgui, MIT) from npm, its two built files copied into the
# package's static files, so the site never loads a script from elsewhere. Pinned version, checked hash.
YASGUI_VERSION := 4.6.2
YASGUI_SHA512 := Zw45KdPoAE1KRaAoxIHdQqeJxvaVG1oQdntw0hy0ktX35Zu8ZccuOLrXCLwR+GU+0xMzLw8Mjw6BkSZV2vUuQw==
YASGUI_DIR := src/seoulkg/web/static/yasgui
yasgui: $(YASGUI_DIR)/yasgui.min.js

$(YASGUI_DIR)/yasgui.min.js:
	@command -v npm >/dev/null || { \
	  echo "installing npm for the query page's YASGUI"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends npm; }
	rm -rf build/npm && mkdir -p build/npm $(YASGUI_DIR)
	cd build/npm && npm pack --silent @zazuko/yasgui@$(YASGUI_VERSION) >/dev/null
	@test "$$(openssl dgst -sha512 -binary build/npm/zazuko-yasgui-$(YASGUI_VERSION).tgz | base64 -w0)" = "$(YASGUI_SHA512)" \
	  || { echo "@zazuko/yasgui $(YASGUI_VERSION): unexpected sha512" >&2; exit 1; }
	tar -xzf build/npm/zazuko-yasgui-$(YASGUI_VERSION).tgz -C build/npm
	cp build/npm/package/build/yasgui.min.css $(YASGUI_DIR)/
	cp build/npm/package/build/yasgui.min.js $(YASGUI_DIR)/

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
# Two pytest-xdist workers; each test module runs whole on one of them (--dist loadscope), so a module's
# fixtures (a server, a wheel) are made once; the pySHACL cross-check's and the fuzz test's parameters are
# shared out one by one (SPREAD), and test_variants' tests by variant (BY_PARAMETER). The modules with a test
# marked runs_long start first, in the order collected (tests/conftest.py).
PARALLEL := -n 2 --dist loadscope

# mypy runs beside the fast tier: its 20 s on a fresh clone fill the time one worker waits for the other.
check: lint
	$(BIN)/mypy & types=$$!; $(BIN)/python -m pytest $(PARALLEL) -m "$(FAST_TIER)"; tests=$$?; \
	  wait $$types && exit $$tests

test: setup lint types
	$(BIN)/python -m pytest $(PARALLEL)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
