# Set-up and everyday commands. Only python3 (>= 3.11), make and git are needed on the machine; `make test`
# installs the Debian packages the tests need (or, when not run as root, prints the one command that does).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-lock
ENGINE := $(BIN)/properdocs
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: venv node serve build build-steps test test-fast test-deps check check-facts new schema lock clean bench bench-tools canary

# The environment is rebuilt from scratch whenever the lock file changes, so it holds exactly the lock. uv installs it
# (hashes checked, bytecode compiled as pip would) in a fifth of pip's time; it is kept apart, under $(VENV)/installer.
UV_VERSION := 0.13.8
$(STAMP): requirements.lock pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --target $(VENV)/installer uv==$(UV_VERSION)
	$(VENV)/installer/bin/uv pip install --quiet --python $(BIN)/python --require-hashes --no-deps --compile-bytecode \
		-r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

venv: $(STAMP)

# npm packages, exactly as package-lock.json pins them: the CMS the site serves under /admin/ and the
# checkers the test suite runs (axe-core, the Nu HTML checker). Install scripts stay off: vnu-jar's would
# download a Java runtime; the system's java runs the checker.
NODE_STAMP := node_modules/.installed-from-lock
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

node: $(NODE_STAMP)

# Swedish at http://127.0.0.1:8000/, English at http://127.0.0.1:8001/, both with live reload.
# A save rewrites only the pages made from it and the generated ones (lce_platform/mkdocs_adapter/preview_server.py).
SERVE_PORT ?= 8000
SERVE_PORT_EN ?= 8001
serve: venv node
	@export SITE_URL=http://127.0.0.1:$(SERVE_PORT)/ SITE_URL_EN=http://127.0.0.1:$(SERVE_PORT_EN)/; \
	$(BIN)/python -m lce_platform.mkdocs_adapter.preview_server mkdocs.en.yml 127.0.0.1:$(SERVE_PORT_EN) & english=$$!; \
	trap "kill $$english 2>/dev/null" EXIT INT TERM; \
	$(BIN)/python -m lce_platform.mkdocs_adapter.preview_server mkdocs.yml 127.0.0.1:$(SERVE_PORT)

# Both languages build at once (one per core), each converting about half of the Markdown for both
# (lce_platform/mkdocs_adapter/conversions.py); English lands in site/en/. Then the search index and compressed
# assets of each, one at a time (Pagefind needs more memory than a language's build: lce_platform/plan.py).
# Share images and impact charts are kept in .cache/ by what they show (an unchanged one is copied, not drawn again),
# the theme's templates as compiled (Jinja compiles one anew when its source changes).
# BUILD_CACHE=folder (e.g. .build-cache, which CI restores and saves): start from the build kept there and render
# only the pages whose inputs changed (lce_platform/build_cache.py), then keep this build there (hard links). A second
# build on the same cache folder (another checkout's) waits for the first: taking the site from it and putting this one
# back are not two builds' steps interleaved.
BUILD_CACHE ?=
build: venv node
	@if [ -n "$(BUILD_CACHE)" ]; then \
	  mkdir -p "$(BUILD_CACHE)" && flock "$(BUILD_CACHE)/build.lock" $(MAKE) --no-print-directory build-steps; \
	else $(MAKE) --no-print-directory build-steps; fi

build-steps:
	rm -rf site build
	@if [ -n "$(BUILD_CACHE)" ] && [ -d "$(BUILD_CACHE)/site" ]; then \
	  mv "$(BUILD_CACHE)/site" site && mkdir -p build && if [ -d site/en ]; then mv site/en build/en; fi; fi
	export LCE_SHARED_CONVERSIONS=build/conversions.sqlite LCE_BUILD_CACHE=$(abspath $(BUILD_CACHE)) \
	  LCE_SHARE_CARD_CACHE=.cache/share-cards LCE_CHART_CACHE=.cache/charts LCE_TEMPLATE_CACHE=.cache/templates; \
	$(ENGINE) build --strict $(if $(BUILD_CACHE),--dirty) -f mkdocs.en.yml & english=$$!; \
	$(ENGINE) build --strict $(if $(BUILD_CACHE),--dirty) -f mkdocs.yml; swedish=$$?; \
	wait $$english && test $$swedish -eq 0
	rm -f build/conversions.sqlite*
	$(BIN)/lce search-index site build/en $(if $(BUILD_CACHE),--cache "$(BUILD_CACHE)")
	mv build/en site/en
	@if [ -n "$(BUILD_CACHE)" ]; then rm -rf "$(BUILD_CACHE)/site" && cp -al site "$(BUILD_CACHE)/site"; fi

# Debian packages of the tests: headless Chromium for the browser tests (driven by Playwright, never a browser
# download), the DejaVu font of the share images, Java for the Nu HTML checker, Node and npm for the pinned npm
# packages, faketime for the reproducible-build test, LibreOffice's Calc to open the open data as a spreadsheet
# does. Run as root, the missing ones are installed with apt-get;
# otherwise make stops at once and prints the command to run.
TEST_PACKAGES := chromium fonts-dejavu-core default-jre-headless nodejs npm faketime libreoffice-calc-nogui
define require_debian_packages
	@missing=""; \
	for package in $(1); do \
	  case $$package in \
	    chromium) command -v chromium >/dev/null 2>&1 ;; \
	    fonts-dejavu-core) [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] ;; \
	    default-jre-headless) command -v java >/dev/null 2>&1 ;; \
	    nodejs) command -v node >/dev/null 2>&1 ;; \
	    npm) command -v npm >/dev/null 2>&1 ;; \
	    faketime) ls /usr/lib/*/faketime/libfaketime.so.1 >/dev/null 2>&1 ;; \
	    libreoffice-calc-nogui) command -v soffice >/dev/null 2>&1 ;; \
	  esac || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian packages:$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "The tests need Debian packages this machine does not have. Install them with:" >&2; \
	    echo "" >&2; \
	    echo "  sudo apt-get install -y --no-install-recommends$$missing" >&2; \
	    echo "" >&2; \
	    exit 1; \
	  fi; \
	fi
endef

test-deps:
	$(call require_debian_packages,$(TEST_PACKAGES))

# Every test, split over the cores (pytest-xdist); the tests of one built site stay on one worker (tests/conftest.py).
# Two workers more than the cores: browser checks wait for pages to settle and builds for their servers, and the
# spare workers fill the cores meanwhile. The run is bound by the CPU (three workers kept two cores 95 % busy); four
# finished the same commit in 670 s against three's 713 s.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 2 )))
# As root the Debian packages install while the environment is made (apt and uv download at once); otherwise the
# check of the packages comes first, so that a missing one stops make at once.
test:
	@if [ "$$(id -u)" -eq 0 ]; then \
	  $(MAKE) --no-print-directory venv & venv=$$!; \
	  $(MAKE) --no-print-directory test-deps; deps=$$?; wait $$venv && [ $$deps -eq 0 ]; \
	else $(MAKE) --no-print-directory test-deps venv; fi
	@$(MAKE) --no-print-directory node
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# The fast tier: no MkDocs build, no browser (the `build` and `browser` markers: `.venv/bin/pytest --markers`).
test-fast:
	$(call require_debian_packages,nodejs npm)
	@$(MAKE) --no-print-directory venv node
	$(BIN)/pytest -m "not build and not browser" $(PYTEST_ARGS)

check: venv
	@$(BIN)/lce check

# The facts staff keep about the programme's content (content/checks/facts.yml): titles, dates, funders.
check-facts: venv
	@$(BIN)/lce facts

# A new content file: `make new` asks; `make new ARGS="activity --title '…' --start 2025-05-14 …"` does not.
new: venv
	@$(BIN)/lce new $(ARGS)

# Editor JSON Schemas (schemas/) from the content model and vocabularies; commit what it changes.
schema: venv
	@$(BIN)/lce schema

# Generate archives of 1,000-10,000 items (bench/generate_archive.py, seeded) and build them with ours and stock
# Material, print one table (bench/run.py; BENCH_ARGS='--sizes 1000 --runs 1' for a quick run).
bench: venv node
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Early warning: the newest release of every dependency (not the lock) in .canary/, on this Python and any other
# named (CANARY_PYTHONS='python3.11 python3.13'): the compatibility table, the fast tier and the gates that need no
# browser; what broke and which package did it (canary/run.py). The weekly workflow runs it; the lock stays as it is.
CANARY_PYTHONS ?= $(PYTHON)
canary: test-deps node
	$(PYTHON) canary/run.py --python $(CANARY_PYTHONS) $(CANARY_ARGS)

# Lighthouse for the benchmark (exact versions in package-lock.json), run on Debian's chromium.
bench-tools:
	npm ci --no-audit --no-fund --ignore-scripts --prefix bench

# Re-resolve the lock after changing dependencies in pyproject.toml (needs network to the package index).
lock:
	$(PYTHON) -m venv .lock-venv && .lock-venv/bin/pip install --quiet uv==$(UV_VERSION)
	.lock-venv/bin/uv pip compile pyproject.toml --extra site --extra dev --generate-hashes \
		--python-version 3.11 --no-header -o requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site build $(VENV) .pytest_cache node_modules .canary
