# Anvil: `make demo` runs the demo forge, `make test` runs every test.
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
# The release binary carries the Swift runtime and Foundation (static), so it runs without the
# toolchain; see the README for the run-time packages.
RELEASE_FLAGS = -c release --static-swift-stdlib --disable-local-rpath
RELEASE_BIN = .build/release/anvil
export PREFIX DESTDIR

.PHONY: deps build demo test lint format man bench fuzz release install uninstall deb test-install clean

deps:
	@sh scripts/install-deps.sh

build: deps
	$(SWIFT) build

demo: build
	$(SWIFT) run anvil --demo

test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(SWIFT) build $(RELEASE_FLAGS) --product anvil
	sh scripts/test-install.sh $(RELEASE_BIN)

lint:
	$(SWIFT) format lint --strict --recursive --parallel Package.swift Sources Tests Plugins

format:
	$(SWIFT) format --in-place --recursive --parallel Package.swift Sources Tests Plugins

# Rewrites the generated keys part of doc/anvil.1 from the action table.
man:
	ANVIL_UPDATE_MAN=1 $(SWIFT) test --filter ManualPageTests

release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product anvil

install: release
	sh scripts/install.sh install $(RELEASE_BIN)

uninstall:
	sh scripts/install.sh uninstall

deb: release
	sh scripts/deb.sh $(RELEASE_BIN)

# Installs into a temporary folder and checks the installed binary, man page and completions.
test-install: release
	sh scripts/test-install.sh $(RELEASE_BIN)

# Fuzzing: libFuzzer when the toolchain has it, else the seeded mutation fuzzer, each target for
# FUZZ_SECONDS, seeded from the recorded Allura and Tuleap responses.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = sanitizer markdown allura-decoders post-tree router tuleap-decoders tuleap-router
FUZZ_SEEDS = $(wildcard Tests/Fixtures/allura ../shared/fixtures/allura Tests/Fixtures/tuleap ../shared/fixtures/tuleap)

fuzz: deps
	@if $(SWIFT) build --product anvil-fuzz --scratch-path .build/libfuzzer -Xswiftc -sanitize=fuzzer \
		-Xswiftc -DANVIL_LIBFUZZER; then \
		for t in $(FUZZ_TARGETS); do \
			mkdir -p .build/fuzz-corpus/$$t; \
			ANVIL_FUZZ_TARGET=$$t .build/libfuzzer/debug/anvil-fuzz -max_total_time=$(FUZZ_SECONDS) \
				-max_len=65536 -artifact_prefix=.build/fuzz-corpus/$$t- .build/fuzz-corpus/$$t $(FUZZ_SEEDS) \
				|| exit 1; \
		done; \
	else \
		echo "libFuzzer is not usable here: running the seeded fuzzer"; \
		$(SWIFT) build --product anvil-fuzz && for t in $(FUZZ_TARGETS); do \
			.build/debug/anvil-fuzz $$t $(FUZZ_SECONDS) $$(date +%s) $(FUZZ_SEEDS) || exit 1; \
		done; \
	fi

# Builds both products by name: the static release build of every product fails to link GRDB's
# dynamic library.
bench: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product anvil
	$(SWIFT) build $(RELEASE_FLAGS) --product anvil-bench
	sh scripts/bench.sh

clean:
	rm -rf .build
