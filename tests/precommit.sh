#!/bin/sh
# precommit.sh: the hooks of .pre-commit-hooks.yaml, run by the real pre-commit framework in a
# throwaway git repository: a dangerous migration blocks the commit, a safe one passes.
#   usage: sh tests/precommit.sh build/ddlint
set -u
DDLINT=$1
case $DDLINT in /*) ;; *) DDLINT=$(pwd)/$DDLINT ;; esac
if ! command -v pre-commit > /dev/null; then
	echo "precommit: pre-commit is not installed (Debian package pre-commit), skipped"
	exit 0
fi
repo=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; sed 's/^/  | /' "$work/log" | tail -15; }

# pre-commit wants a git repository; try-repo uses this checkout's working tree as the hook repo.
mkdir "$work/app" && cd "$work/app" || exit 2
git init -q . && git config user.email t@example.invalid && git config user.name test
export PATH="$(dirname "$DDLINT"):$PATH" HOME="$work" PRE_COMMIT_HOME="$work/cache"
mkdir -p db
# Flyway runs a script whose only statement cannot run in a transaction without one
printf "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);\n" > db/V2__safe.sql
printf "ALTER TABLE users ADD COLUMN age integer NOT NULL;\n" > db/V3__dangerous.sql

for hook in ddlint ddlint-build; do
	if pre-commit try-repo "$repo" "$hook" --files db/V2__safe.sql > "$work/log" 2>&1; then
		ok
	else
		fail "$hook: a safe migration was blocked"
	fi
	if pre-commit try-repo "$repo" "$hook" --files db/V3__dangerous.sql > "$work/log" 2>&1; then
		fail "$hook: a dangerous migration passed"
	elif grep -q "add-column-not-null-without-default" "$work/log"; then
		ok
	else
		fail "$hook: blocked without the finding in the output"
	fi
done

# ddlint-trace (a throwaway PostgreSQL server, tests/trace.sh) is off by default: only
# pre-commit's manual stage runs it, and then users, which V3 alters, does not exist there
# (pre-commit says it has no such hook in the commit stage)
pre-commit try-repo "$repo" ddlint-trace --files db/V3__dangerous.sql > "$work/log" 2>&1
if ! grep -q "migration-fails" "$work/log"; then
	ok
else
	fail "ddlint-trace: ran outside the manual stage"
fi
if [ -x /usr/lib/postgresql/15/bin/postgres ]; then
	if pre-commit try-repo "$repo" ddlint-trace --hook-stage manual \
		--files db/V3__dangerous.sql > "$work/log" 2>&1; then
		fail "ddlint-trace: a migration the server rejects passed"
	elif grep -q "migration-fails" "$work/log"; then
		ok
	else
		fail "ddlint-trace: blocked without migration-fails in the output"
	fi
fi

# and as a real commit hook
cat > .pre-commit-config.yaml <<YAML
repos:
- repo: local
  hooks:
  - id: ddlint
    name: ddlint
    entry: ddlint
    language: system
    types: [sql]
YAML
pre-commit install > "$work/log" 2>&1 || fail "pre-commit install"
git add .pre-commit-config.yaml db/V2__safe.sql
if git commit -q -m safe > "$work/log" 2>&1; then ok; else fail "commit of a safe migration blocked"; fi
git add db/V3__dangerous.sql
if git commit -q -m dangerous > "$work/log" 2>&1; then fail "commit of a dangerous migration passed"; else ok; fi

echo "precommit: $passed passed, $failed failed"
[ "$failed" = 0 ]
