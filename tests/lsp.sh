#!/bin/sh
# lsp.sh: tests `ddlint lsp` with the scripted client tests/lsp_client.py (Python 3 standard
# library only; skipped without python3). Usage: sh tests/lsp.sh build/ddlint
# LSP_VALGRIND=1 runs the server under valgrind (memory errors and leaks fail the test).
set -u
DDLINT=${1:-build/ddlint}
if ! command -v python3 > /dev/null; then
	echo "lsp: python3 not found, skipped"
	exit 0
fi
if [ "${LSP_VALGRIND:-}" = 1 ]; then
	DDLINT_LSP_WRAPPER="valgrind -q --soname-synonyms=somalloc=libmimalloc.so* --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --suppressions=$(pwd)/tests/suppressions/valgrind.supp --error-exitcode=9"
	DDLINT_LSP_TIMEOUT=${DDLINT_LSP_TIMEOUT:-300}
	export DDLINT_LSP_WRAPPER DDLINT_LSP_TIMEOUT
fi
exec python3 tests/lsp_client.py "$DDLINT"
