#!/bin/sh
# pre-commit-build.sh: the ddlint-build hook. pre-commit runs it from its clone of the ddlint
# repository with the staged .sql files as arguments; ddlint is built there once (make only
# rebuilds what changed) and run from the commit's working directory.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
make -s -C "$here" >&2
exec "$here/build/ddlint" "$@"
