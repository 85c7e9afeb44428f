# nmmfit — two commands for a fresh Debian machine with Swift:
#   make fit    the main job: refit the XENON1T SR1 excess with a neutrino magnetic moment
#   make test   the test suite
#   make python the Python package (python/, importable as nmmfit), installed with pip
# Both install libgsl-dev (and pkg-config) first when they are missing; make test also the Python
# modules its tests call (jsonschema, pandas).

SWIFT ?= swift
CONFIG ?= release
# make test compiles optimised (release, with -enable-testing so that the tests' @testable imports
# work): the statistical suites throw tens of thousands of toy fits, several times faster than in
# debug. Its own build folder, so that make fit's release tree is not rebuilt with other flags.
TEST_SCRATCH ?= .build-tests
TEST_BUILD = -c release -Xswiftc -enable-testing --scratch-path $(TEST_SCRATCH)
# The engine library of that build (the Python package's tests load it) and the Python tests.
TEST_LIB = $$(ls "$$($(SWIFT) build $(TEST_BUILD) --show-bin-path)"/libnmmfit_c.* | head -1)
PYTEST = python3 -m pytest -q python/tests

.PHONY: deps build fit test python python-test bench clean

deps:
	@bash scripts/ensure-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG)

fit: build
	$(SWIFT) run -c $(CONFIG) nmmfit fit --report report --force

# The Swift tests and the Python package's tests run side by side on one build (pytest runs on
# one core, the Swift tests on all): pytest's output is printed when both have finished, and
# make test fails when either fails.
test: deps
	@bash scripts/ensure-deps.sh --tests
	$(SWIFT) build $(TEST_BUILD) --build-tests
	@lib="$(TEST_LIB)"; \
	log="$(TEST_SCRATCH)/pytest.log"; \
	NMMFIT_LIB="$$lib" $(PYTEST) > "$$log" 2>&1 & pytest=$$!; \
	$(SWIFT) test $(TEST_BUILD) --skip-build; swift=$$?; \
	wait $$pytest; python=$$?; \
	echo "$(PYTEST) (NMMFIT_LIB=$$lib):"; cat "$$log"; \
	test $$swift -eq 0 && test $$python -eq 0

# The Python package (python/): the engine library in release, then pip install.
python: deps
	$(SWIFT) build -c release --product nmmfit_c
	NMMFIT_SKIP_SWIFT_BUILD=1 python3 -m pip install ./python

# Its tests (pytest), on the library built beside make test's tests (same folder and flags).
python-test:
	$(SWIFT) build $(TEST_BUILD) --build-tests
	NMMFIT_LIB="$(TEST_LIB)" $(PYTEST)

bench: deps
	$(SWIFT) run -c release nmmfit bench

clean:
	rm -rf .build $(TEST_SCRATCH)
