# Anvil: `make demo` runs the demo forge, `make test` runs every test.
SWIFT ?= swift

.PHONY: deps build demo test lint format bench clean

deps:
	@sh scripts/install-deps.sh

build: deps
	$(SWIFT) build

demo: build
	$(SWIFT) run anvil --demo

test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

lint:
	$(SWIFT) format lint --strict --recursive --parallel Package.swift Sources Tests

format:
	$(SWIFT) format --in-place --recursive --parallel Package.swift Sources Tests

bench: deps
	$(SWIFT) build -c release
	sh scripts/bench.sh

clean:
	rm -rf .build
