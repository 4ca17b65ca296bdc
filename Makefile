# libtsc: the two commands of the README, and what they are made of.
#
#   make demo      build the library and run the C tour against the emulator (or $TSC_SERVER)
#   make demo-cpp  the same for the C++ binding's example (examples/cpp/)
#   make test      every test: Rust, C (plain, ASan, valgrind), header, conformance with the
#                  Python client, plus fmt and clippy
#
# Also: make (library + header check), make generate, make install PREFIX=..., make bench,
# make bench-pager, make bench-bindings, make demo-cpp, make demo-csharp (needs mono), make demo-go
# (the other languages' examples), make clean.
# Nightly only, not part of `make test` (docs/fuzzing.md): make fuzz (every cargo-fuzz target for
# FUZZ_SECONDS each, default 60), make tsan (the thread tests under ThreadSanitizer).

CARGO   ?= cargo
CC      ?= gcc
CXX     ?= g++
PREFIX  ?= /usr/local
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
MAJOR   := $(word 1,$(subst ., ,$(VERSION)))
MINOR   := $(word 2,$(subst ., ,$(VERSION)))
SONAME  := $(if $(filter 0,$(MAJOR)),libtsc.so.0.$(MINOR),libtsc.so.$(MAJOR))
REL     := target/release
CFLAGS_EXAMPLES := -std=c99 -Wall -Wextra -Wpedantic -Werror -O2 -Iinclude
CXXFLAGS_EXAMPLES := -std=c++17 -Wall -Wextra -Wpedantic -Werror -O2 -Iinclude

.PHONY: all lib emulator examples examples-cpp generate check-generated demo demo-cpp demo-csharp demo-go test lint rust-tests conformance install install-check bench bench-pager bench-bindings fuzz tsan clean

all: lib check-generated

lib:
	$(CARGO) build --release -p tsc
	ln -sf libtsc.so $(REL)/$(SONAME)

emulator:
	$(CARGO) build --release -p tsc-emulator

examples: lib
	mkdir -p $(REL)/examples
	for f in examples/c/*.c; do \
		$(CC) $(CFLAGS_EXAMPLES) $$f -o $(REL)/examples/$$(basename $$f .c) -L$(REL) -ltsc -Wl,-rpath,$(CURDIR)/$(REL) -pthread || exit 1; \
	done

examples-cpp: lib
	mkdir -p $(REL)/examples-cpp
	for f in examples/cpp/*.cpp; do \
		$(CXX) $(CXXFLAGS_EXAMPLES) $$f -o $(REL)/examples-cpp/$$(basename $$f .cpp) -L$(REL) -ltsc -Wl,-rpath,$(CURDIR)/$(REL) -pthread || exit 1; \
	done

generate:
	$(CARGO) run -q -p gen -- all

check-generated:
	$(CARGO) run -q -p gen -- all --check

demo: examples emulator
	examples/run-demo.sh

demo-cpp: examples-cpp emulator
	examples/run-demo-cpp.sh

demo-go: lib emulator
	examples/run-demo-go.sh

demo-csharp: lib emulator
	examples/run-demo-csharp.sh

test: lint rust-tests conformance install-check

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

rust-tests:
	$(CARGO) test --workspace

conformance: emulator
	tests/conformance/run.sh

install: lib emulator
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include/tsc $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(REL)/libtsc.so $(DESTDIR)$(PREFIX)/lib/libtsc.so.$(VERSION)
	ln -sf libtsc.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(PREFIX)/lib/libtsc.so
	install -m 644 $(REL)/libtsc.a $(DESTDIR)$(PREFIX)/lib/libtsc.a
	install -m 644 include/tsc.h $(DESTDIR)$(PREFIX)/include/tsc/tsc.h
	install -d $(DESTDIR)$(PREFIX)/include/tsc/tsc
	install -m 644 include/tsc.hpp $(DESTDIR)$(PREFIX)/include/tsc/tsc.hpp
	install -m 644 include/tsc/*.hpp $(DESTDIR)$(PREFIX)/include/tsc/tsc/
	install -m 755 $(REL)/tsc-emulator $(DESTDIR)$(PREFIX)/bin/tsc-emulator
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' tsc.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/tsc.pc

# Installs into target/install-check and builds the README's C program (its first ```c block) with pkg-config.
install-check:
	rm -rf $(CURDIR)/target/install-check
	$(MAKE) --no-print-directory install PREFIX=$(CURDIR)/target/install-check
	test -L target/install-check/lib/libtsc.so && test -L target/install-check/lib/$(SONAME)
	awk '/^```c$$/ { on = 1; next } on && /^```$$/ { exit } on' README.md > target/install-check/readme.c
	PKG_CONFIG_PATH=$(CURDIR)/target/install-check/lib/pkgconfig $(CC) -std=c99 -Wall -Wextra -Wpedantic -Werror \
		target/install-check/readme.c $$(PKG_CONFIG_PATH=$(CURDIR)/target/install-check/lib/pkgconfig pkg-config --cflags --libs tsc) \
		-Wl,-rpath,$(CURDIR)/target/install-check/lib -o target/install-check/readme
	readelf -d target/install-check/readme | grep -q 'NEEDED.*\[$(SONAME)\]'
	PKG_CONFIG_PATH=$(CURDIR)/target/install-check/lib/pkgconfig $(CXX) -std=c++17 -Wall -Wextra -Werror \
		examples/cpp/tour.cpp $$(PKG_CONFIG_PATH=$(CURDIR)/target/install-check/lib/pkgconfig pkg-config --cflags --libs tsc) \
		-Wl,-rpath,$(CURDIR)/target/install-check/lib -o target/install-check/tour-cpp
	@echo "install-check: installed layout and pkg-config builds (C, C++) OK"

bench:
	benches/run.sh

bench-pager:
	benches/run_pager.sh

bench-bindings:
	benches/run_bindings.sh

FUZZ_SECONDS ?= 60

fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) tools/fuzz.sh

tsan:
	tools/tsan.sh

clean:
	$(CARGO) clean
