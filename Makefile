# libtsc: the two commands of the README, and what they are made of.
#
#   make demo      build the library and run the C tour against the emulator (or $TSC_SERVER)
#   make demo-cpp  the same for the C++ binding's example (examples/cpp/)
#   make test      every test: Rust, C (plain, ASan, valgrind), header, conformance with the
#                  Python client, the reference documentation, the installed tree, plus fmt and clippy
#
# Also: make (library + header check), make generate, make docs (HTML reference of the C API in
# target/docs/c/html, doxygen), make install PREFIX=... [DESTDIR=...], make install-debug (the
# detached debug symbols of libtsc.so), make uninstall PREFIX=..., make bench, make bench-pager,
# make bench-bindings, make demo-cpp, make demo-csharp (needs mono), make demo-go (the other
# languages' examples), make clean.
# Nightly only, not part of `make test` (docs/fuzzing.md): make fuzz (every cargo-fuzz target for
# FUZZ_SECONDS each, default 60), make tsan (the thread tests under ThreadSanitizer).

CARGO   ?= cargo
CC      ?= gcc
CXX     ?= g++
PREFIX  ?= /usr/local
STRIP   ?= strip
OBJCOPY ?= objcopy
DOXYGEN ?= doxygen
LIBDIR  := $(PREFIX)/lib
INCDIR  := $(PREFIX)/include/tsc
DOCDIR  := $(PREFIX)/share/doc/tsc
MANDIR  := $(PREFIX)/share/man
DATADIR := $(PREFIX)/share/tsc
CMAKEDIR := $(LIBDIR)/cmake/tsc
# What libtsc.a needs besides libc (Rust's standard library): tsc.pc's Libs.private and
# tsc::tsc_static's link interface. The unwinder comes with gcc's own libgcc(_s/_eh).
STATIC_LIBS := -lpthread -ldl -lm -lrt -lutil
empty :=
space := $(empty) $(empty)
STATIC_LIBS_CMAKE := $(subst $(space),;,$(patsubst -l%,%,$(STATIC_LIBS)))
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
MAJOR   := $(word 1,$(subst ., ,$(VERSION)))
MINOR   := $(word 2,$(subst ., ,$(VERSION)))
SONAME  := $(if $(filter 0,$(MAJOR)),libtsc.so.0.$(MINOR),libtsc.so.$(MAJOR))
REL     := target/release
CFLAGS_EXAMPLES := -std=c99 -Wall -Wextra -Wpedantic -Werror -O2 -Iinclude
CXXFLAGS_EXAMPLES := -std=c++17 -Wall -Wextra -Wpedantic -Werror -O2 -Iinclude

.PHONY: all lib emulator examples examples-cpp generate check-generated demo demo-cpp demo-csharp demo-go test lint rust-tests conformance docs install install-debug uninstall install-check bench bench-pager bench-bindings fuzz tsan clean

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

test: lint rust-tests conformance docs install-check

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

rust-tests:
	$(CARGO) test --workspace

conformance: emulator
	tests/conformance/run.sh

# The reference documentation of the C API: HTML from the header's doc comments, one page per
# family (docs/Doxyfile; the groups are written into the header by tools/gen), and the C++
# binding's in cpp/ (docs/Doxyfile-cpp). Any doxygen warning fails the target.
docs:
	rm -rf target/docs/c
	mkdir -p target/docs/c
	TSC_VERSION=$(VERSION) $(DOXYGEN) docs/Doxyfile
	TSC_VERSION=$(VERSION) $(DOXYGEN) docs/Doxyfile-cpp
	@if [ -s target/docs/c/warnings.log ] || [ -s target/docs/c/warnings-cpp.log ]; then \
		cat target/docs/c/warnings.log target/docs/c/warnings-cpp.log; echo "docs: doxygen warned (above)"; exit 1; fi
	@echo "docs: target/docs/c/html/index.html (C), target/docs/c/html/cpp/index.html (C++)"

# The installed library, static library and emulator are stripped of debug information; the
# shared library's is kept in $(REL)/libtsc.so.$(VERSION).debug (linked by .gnu_debuglink) for
# `make install-debug`. The HTML reference is installed when `make docs` has built it.
install: lib emulator
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(CMAKEDIR) $(DESTDIR)$(INCDIR)/tsc $(DESTDIR)$(PREFIX)/bin \
		$(DESTDIR)$(DOCDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/examples/c $(DESTDIR)$(DATADIR)/examples/cpp \
		$(DESTDIR)$(DATADIR)/examples/cmake
	$(OBJCOPY) --only-keep-debug $(REL)/libtsc.so $(REL)/libtsc.so.$(VERSION).debug
	$(OBJCOPY) --strip-unneeded --remove-section=.comment --add-gnu-debuglink=$(REL)/libtsc.so.$(VERSION).debug \
		$(REL)/libtsc.so $(DESTDIR)$(LIBDIR)/libtsc.so.$(VERSION)
	chmod 755 $(DESTDIR)$(LIBDIR)/libtsc.so.$(VERSION)
	ln -sf libtsc.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libtsc.so
	$(STRIP) --strip-debug -o $(DESTDIR)$(LIBDIR)/libtsc.a $(REL)/libtsc.a
	chmod 644 $(DESTDIR)$(LIBDIR)/libtsc.a
	install -m 644 include/tsc.h $(DESTDIR)$(INCDIR)/tsc.h
	install -m 644 include/tsc.hpp $(DESTDIR)$(INCDIR)/tsc.hpp
	install -m 644 include/tsc/*.hpp $(DESTDIR)$(INCDIR)/tsc/
	$(STRIP) -o $(DESTDIR)$(PREFIX)/bin/tsc-emulator $(REL)/tsc-emulator
	chmod 755 $(DESTDIR)$(PREFIX)/bin/tsc-emulator
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' -e 's|@STATIC_LIBS@|$(STATIC_LIBS)|g' \
		tsc.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/tsc.pc
	for f in tscConfig tscConfigVersion; do \
		sed -e 's|@VERSION@|$(VERSION)|g' -e 's|@MAJOR@|$(MAJOR)|g' -e 's|@MINOR@|$(MINOR)|g' \
			-e 's|@SONAME@|$(SONAME)|g' -e 's|@STATIC_LIBS_CMAKE@|$(STATIC_LIBS_CMAKE)|g' \
			cmake/$$f.cmake.in > $(DESTDIR)$(CMAKEDIR)/$$f.cmake || exit 1; \
	done
	install -m 644 LICENSE README.md $(DESTDIR)$(DOCDIR)/
	install -m 644 emulator/README.md $(DESTDIR)$(DOCDIR)/tsc-emulator.md
	install -m 644 docs/tsc-emulator.1 $(DESTDIR)$(MANDIR)/man1/tsc-emulator.1
	install -m 644 examples/c/*.c $(DESTDIR)$(DATADIR)/examples/c/
	install -m 644 examples/cpp/*.cpp $(DESTDIR)$(DATADIR)/examples/cpp/
	install -m 644 examples/cmake/* $(DESTDIR)$(DATADIR)/examples/cmake/
	if [ -f target/docs/c/html/index.html ]; then \
		rm -rf $(DESTDIR)$(DOCDIR)/html && cp -R target/docs/c/html $(DESTDIR)$(DOCDIR)/html; \
	fi

# The detached debug symbols, where gdb looks for them (the library's directory's .debug/).
install-debug: install
	install -d $(DESTDIR)$(LIBDIR)/.debug
	install -m 644 $(REL)/libtsc.so.$(VERSION).debug $(DESTDIR)$(LIBDIR)/.debug/libtsc.so.$(VERSION).debug

# Removes what `make install` (and install-debug) put under PREFIX, and the directories of its own
# (include/tsc, share/doc/tsc, share/tsc, lib/cmake/tsc, lib/.debug when empty).
uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libtsc.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libtsc.so \
		$(DESTDIR)$(LIBDIR)/libtsc.a $(DESTDIR)$(LIBDIR)/.debug/libtsc.so.$(VERSION).debug \
		$(DESTDIR)$(LIBDIR)/pkgconfig/tsc.pc $(DESTDIR)$(CMAKEDIR)/tscConfig.cmake \
		$(DESTDIR)$(CMAKEDIR)/tscConfigVersion.cmake $(DESTDIR)$(PREFIX)/bin/tsc-emulator \
		$(DESTDIR)$(MANDIR)/man1/tsc-emulator.1
	rm -rf $(DESTDIR)$(INCDIR) $(DESTDIR)$(DOCDIR) $(DESTDIR)$(DATADIR)
	rmdir $(DESTDIR)$(CMAKEDIR) $(DESTDIR)$(LIBDIR)/.debug 2>/dev/null || true

# Installs under a custom prefix (target/install-check/opt/tsc) and does what README.md says a
# new user does there: builds the README's C program with pkg-config as its "Building against an
# installed libtsc" block says, statically too, the C++ tour, and the CMake example
# (examples/cmake), runs them against the installed tsc-emulator, checks what is installed
# (stripped, man page, the HTML reference), then uninstalls and checks nothing is left
# (tools/install-check.sh).
install-check: lib emulator docs
	tools/install-check.sh

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
