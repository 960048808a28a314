# Anvil: `make demo` runs the demo forge, `make test` runs every test.
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
# The release binary carries the Swift runtime and Foundation (static), so it runs without the
# toolchain; see the README for the run-time packages. It is linked by lld with every function in
# a section of its own and those that start-up and common use run placed together, in the order
# of scripts/link-order.txt, the small helpers that order cannot place by name gathered before them by
# scripts/text-layout.ld (`make link-order` remakes both): the kernel maps a binary's code in
# blocks around each page touched, so scattered code costs memory and start-up time. It exports
# no symbols, and packs its relative relocations where the C library reads them (glibc 2.36).
LINK_ORDER = $(CURDIR)/scripts/link-order.txt
TEXT_LAYOUT = $(CURDIR)/scripts/text-layout.ld
PACKED_RELOCATIONS := $(shell getconf GNU_LIBC_VERSION 2>/dev/null | awk '{ split($$2, v, "."); \
	if (v[1] > 2 || (v[1] == 2 && v[2] >= 36)) print "-Xlinker -z -Xlinker pack-relative-relocs" }')
# Libraries go in statically when their archives are there (`scripts/static-libs.sh` writes a linker
# script `lib<name>.so` into a folder searched before the system's): libstdc++, which the Swift
# runtime and ICU use a little of, and the C libraries Anvil calls: SQLite, ncursesw and tinfo,
# cmark-gfm and its extensions, zlib. Each shared library is mapped whole, with pages of its own.
STATIC_DIR = $(CURDIR)/.build/static-libs
STATIC_FLAGS = -Xswiftc -Xclang-linker -Xswiftc -L$(STATIC_DIR)
# Generic types are made through their metadata accessors, not from mangled names: resolving a name
# looks up the conformance of each of its generic requirements, a scan of the binary's 7,500
# conformance records for every type used for the first time.
MANGLED_NAME_FLAGS = -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
# The executable is linked at a fixed address (not position-independent): the pointers in the
# Swift runtime's and Foundation's metadata are then written at link time, where a PIE has the
# loader write all 99,675 of them into private copies of 312 pages at every start
# (`anvil --version`: 526 page faults, 249 without; 0.5 to 0.7 ms less to a first screen). The
# C library, the stack and the heap keep their random addresses; `make ... PIE=1` builds a PIE.
NO_PIE_FLAGS = $(if $(PIE),,-Xswiftc -Xclang-linker -Xswiftc -no-pie)
RELEASE_FLAGS = -c release --static-swift-stdlib --disable-local-rpath $(MANGLED_NAME_FLAGS) $(NO_PIE_FLAGS) \
	-Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections -Xswiftc -use-ld=lld \
	-Xlinker --no-export-dynamic $(PACKED_RELOCATIONS) $(STATIC_FLAGS) \
	-Xlinker --symbol-ordering-file=$(LINK_ORDER) -Xlinker --no-warn-symbol-ordering \
	-Xlinker -T -Xlinker $(TEXT_LAYOUT)
RELEASE_BIN = .build/release/anvil
export PREFIX DESTDIR

.PHONY: deps build demo test lint format man bench link-order fuzz release install uninstall deb test-install clean

deps:
	@sh scripts/install-deps.sh
	@sh scripts/static-libs.sh $(STATIC_DIR)

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
FUZZ_TARGETS = sanitizer markdown allura-decoders allura-quick-reader post-tree router tuleap-decoders tuleap-router
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

# Runs the release binary under callgrind through start-up and common use, and writes the order its
# functions are linked in, and the script that places the helpers it cannot.
link-order: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product anvil
	$(SWIFT) build $(RELEASE_FLAGS) --product anvil-bench
	sh scripts/bench-setup.sh valgrind
	python3 scripts/link-order.py $(RELEASE_BIN) .build/release/anvil-bench
	rm -f $(RELEASE_BIN)
	$(SWIFT) build $(RELEASE_FLAGS) --product anvil

clean:
	rm -rf .build
