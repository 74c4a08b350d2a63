#!/bin/sh
# lsp.sh: tests `ddlint lsp` with the scripted client tests/lsp_client.py (Python 3 standard
# library only; skipped without python3). Usage: sh tests/lsp.sh build/ddlint
# LSP_VALGRIND=1 runs the server under valgrind (memory errors and leaks fail the test).
set -u
DDLINT=${1:-build/ddlint}
# the documentation of the server agrees with it
docs_ok=0
if grep -n 'language server.*is planned' "$(dirname "$0")/../docs/integrations.md"; then
	echo "FAIL: docs/integrations.md calls the language server planned"
	docs_ok=1
fi
if grep -n 'created by earlier migration files are not read' "$(dirname "$0")/../docs/editors.md"; then
	echo "FAIL: docs/editors.md says earlier migrations are not read (they are, in the config's migrations directory)"
	docs_ok=1
fi
if ! grep -q 'maxDiagnostics' "$(dirname "$0")/../docs/editors.md"; then
	echo "FAIL: docs/editors.md does not describe the diagnostics limit"
	docs_ok=1
fi
[ $docs_ok = 0 ] || exit 1
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
