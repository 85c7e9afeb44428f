# nmmfit — two commands for a fresh Debian machine with Swift:
#   make fit    the main job: refit the XENON1T SR1 excess with a neutrino magnetic moment
#   make test   the test suite
# Both install libgsl-dev (and pkg-config) first when they are missing; make test also the Python
# modules its tests call (jsonschema, pandas).

SWIFT ?= swift
CONFIG ?= release

.PHONY: deps build fit test bench clean

deps:
	@bash scripts/ensure-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG)

fit: build
	$(SWIFT) run -c $(CONFIG) nmmfit fit --report report --force

test: deps
	@bash scripts/ensure-deps.sh --tests
	$(SWIFT) test

bench: deps
	$(SWIFT) run -c release nmmfit bench

clean:
	rm -rf .build
