#!/bin/sh
# integrations.sh: the snippets of docs/integrations.md (GitHub Actions, GitLab CI, VS Code,
# Neovim, pre-commit) and the GitHub problem matcher .github/ddlint-matcher.json, against the
# real output of ddlint; see tests/integrations.py. Needs python3 (skipped without it); the
# YAML snippets need python3's yaml module (Debian package python3-yaml).
#   usage: sh tests/integrations.sh build/ddlint
set -u
DDLINT=${1:-build/ddlint}
case $DDLINT in /*) ;; *) DDLINT=$(pwd)/$DDLINT ;; esac
PY=
for py in python3 /usr/bin/python3; do
	if command -v "$py" > /dev/null && "$py" -c 'import yaml' 2> /dev/null; then PY=$py; break; fi
done
if [ -z "$PY" ]; then
	if ! command -v python3 > /dev/null; then
		echo "integrations: python3 not found, skipped"
		exit 0
	fi
	PY=python3
fi
exec "$PY" "$(dirname "$0")/integrations.py" "$DDLINT"
