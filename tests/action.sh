#!/bin/sh
# action.sh: the GitHub Action (action.yml, scripts/action-setup.sh, scripts/action-lint.sh)
# outside GitHub: scripts/action-lint.sh against throwaway git repositories laid out like a
# pull request (also a shallow checkout of a pull request's merge commit, as actions/checkout
# makes), with a fake $GITHUB_OUTPUT; scripts/action-setup.sh with a fake docker; and
# action.yml and .github/workflows/ci.yml checked for consistency (with python3's yaml module,
# Debian package python3-yaml; skipped without it).
#   usage: sh tests/action.sh build/ddlint
set -u
DDLINT=${1:-build/ddlint}
case $DDLINT in /*) ;; *) DDLINT=$(pwd)/$DDLINT ;; esac
root=$(pwd)
LINT=$root/scripts/action-lint.sh
SETUP=$root/scripts/action-setup.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; sed 's/^/  | /' "$work/out" | tail -12; }

for tool in git bash python3; do
	if ! command -v "$tool" > /dev/null; then echo "action: $tool not found, skipped"; exit 0; fi
done

# The sanitizers' settings (make check-asan) reach ddlint; nothing else of this environment
# does. (The values have no spaces: they are word-split here.)
SAN=
for var in ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS; do
	eval "val=\${$var:-}"
	if [ -n "$val" ]; then SAN="$SAN $var=$val"; fi
done

# lint NAME EXPECTED_EXIT DIR [VAR=VALUE]...: runs scripts/action-lint.sh in DIR with only these
# variables (and PATH, HOME) set, as a GitHub runner would (no GITHUB_ACTIONS: no colour);
# output in $work/out, the outputs it wrote in $work/ghout.
lint() {
	l_name=$1 l_want=$2 l_dir=$3
	shift 3
	: > "$work/ghout"
	# shellcheck disable=SC2086
	(cd "$l_dir" && env -i PATH="$PATH" HOME="$work/home" TMPDIR="$work/tmp" $SAN \
		GITHUB_OUTPUT="$work/ghout" DDLINT="$DDLINT" "$@" bash "$LINT") > "$work/out" 2>&1
	l_got=$?
	if [ "$l_got" = "$l_want" ]; then ok; else fail "$l_name: exit $l_got, expected $l_want"; fi
}
has() { # NAME PATTERN: PATTERN (grep -E) is in the output
	if grep -Eq -- "$2" "$work/out"; then ok; else fail "$1: '$2' not in the output"; fi
}
hasnt() { # NAME PATTERN
	if grep -Eq -- "$2" "$work/out"; then fail "$1: unexpected '$2' in the output"; else ok; fi
}
gh_output() { # NAME: the value of output NAME in $work/ghout
	sed -n "s/^$1=//p" "$work/ghout" | tail -1
}
output_is() { # NAME OUTPUT VALUE
	o_val=$(gh_output "$2")
	if [ "$o_val" = "$3" ]; then ok; else fail "$1: output $2 is '$o_val', expected '$3'"; cat "$work/ghout"; fi
}
findings_positive() { # NAME
	f_val=$(gh_output findings)
	if [ -n "$f_val" ] && [ "$f_val" -gt 0 ] 2> /dev/null; then ok; else fail "$1: findings output is '$f_val'"; fi
}

mkdir -p "$work/home" "$work/tmp"
export HOME="$work/home"
git config --global user.email test@example.invalid
git config --global user.name test
git config --global init.defaultBranch main
git config --global advice.detachedHead false

# --- the repository: main has the old migrations, feature adds three (one dangerous) ---
O=$work/origin
mkdir -p "$O/db" "$O/other" && cd "$O" || exit 2
git init -q .
printf 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n' > db/V1__create_users.sql
# already merged and dangerous: must not be reported when only the changes are linted
printf "SET lock_timeout = '2s';\nALTER TABLE users DROP COLUMN email;\n" > db/V0__old_drop.sql
git add . && git commit -q -m base
git checkout -q -b feature
printf "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN age bigint NOT NULL;\n" > db/V2__add_age.sql
printf 'CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL);\n' > "db/V3 cuentas añadidas.sql"
printf "SET lock_timeout = '2s';\nALTER TABLE users DROP COLUMN legacy;\n" > other/V9__drop_legacy.sql
printf 'not sql\n' > notes.txt
git add . && git commit -q -m feature
git checkout -q -b safe-only main
printf 'CREATE TABLE teams (id bigint PRIMARY KEY, name text NOT NULL);\n' > db/V4__create_teams.sql
git add . && git commit -q -m safe
git checkout -q -b no-sql main
printf 'docs\n' > README.md
git add . && git commit -q -m docs
# GitHub's pull request merge commit (refs/pull/1/merge), then main moves on.
git checkout -q --detach main
git merge -q --no-ff -m "Merge feature into main" feature
git update-ref refs/pull/1/merge HEAD
git checkout -q main
printf "SET lock_timeout = '2s';\nALTER TABLE users DROP COLUMN name;\n" > db/V5__main_only.sql
printf -- '-- reviewed\n' >> db/V0__old_drop.sql # a change on main only: not the pull request's
git add . && git commit -q -m "main moves on"
cd "$root" || exit 2

C=$work/clone
git clone -q "$O" "$C"
git -C "$C" checkout -q feature

# --- the changed files of a pull request ---
lint "pull request" 1 "$C" GITHUB_BASE_REF=main
has "pull request: the dangerous migration is annotated" '^::error file=db/V2__add_age\.sql,line=2,col=19,.*title=add-column-not-null-without-default::'
has "pull request: a changed file outside db/" '^::warning file=other/V9__drop_legacy\.sql,line=2,'
has "pull request: the file with a space and an accent is linted" 'in 3 files'
hasnt "pull request: the migrations already on main are not linted" 'V0__old_drop|V1__create_users'
hasnt "pull request: main's later migration is not linted" 'V5__main_only'
has "pull request: the report is printed" '^db/V2__add_age\.sql:2:19: error\[add-column-not-null-without-default\]'
findings_positive "pull request"
output_is "pull request" exit-code 1
output_is "pull request" sarif-file ""
lint "migrations limits the changed files" 1 "$C" GITHUB_BASE_REF=main INPUT_MIGRATIONS="db/"
has "migrations limits the changed files" 'in 2 files'
hasnt "migrations limits the changed files" 'V9__drop_legacy'
lint "base-ref" 1 "$C" INPUT_BASE_REF=origin/main INPUT_MIGRATIONS="db"
has "base-ref" 'in 2 files'
lint "fail-level error" 0 "$C" GITHUB_BASE_REF=main INPUT_MIGRATIONS=other INPUT_FAIL_LEVEL=error
has "fail-level error: warnings are still annotated" '^::warning file=other/V9__drop_legacy\.sql'
output_is "fail-level error" findings 1
output_is "fail-level error" exit-code 0

git -C "$C" checkout -q safe-only
lint "only safe migrations" 0 "$C" GITHUB_BASE_REF=main
has "only safe migrations" 'No problems found in 1 file'
hasnt "only safe migrations" '^::(error|warning)'
output_is "only safe migrations" findings 0
output_is "only safe migrations" exit-code 0

git -C "$C" checkout -q no-sql
lint "no .sql changed" 0 "$C" GITHUB_BASE_REF=main
has "no .sql changed: a notice" '^::notice title=ddlint::no \.sql file was added or changed against origin/main'
hasnt "no .sql changed: ddlint is not run" '^ddlint: .*--fail-level'
output_is "no .sql changed" findings 0
output_is "no .sql changed" exit-code 0

# --- SARIF ---
git -C "$C" checkout -q feature
lint "sarif" 1 "$C" GITHUB_BASE_REF=main INPUT_SARIF=true
output_is "sarif" sarif-file ddlint.sarif
if python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
results = doc["runs"][0]["results"]
assert doc["version"] == "2.1.0", doc["version"]
assert len(results) == int(sys.argv[2]), (len(results), sys.argv[2])
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
assert "db/V2__add_age.sql" in uris, uris
' "$C/ddlint.sarif" "$(gh_output findings)" > "$work/out" 2>&1; then ok; else fail "sarif: the report"; fi
rm -f "$C/ddlint.sarif"
lint "sarif-file" 1 "$C" GITHUB_BASE_REF=main INPUT_SARIF=true INPUT_SARIF_FILE="reports/dd lint.sarif"
output_is "sarif-file" sarif-file "reports/dd lint.sarif"
if python3 -m json.tool "$C/reports/dd lint.sarif" > /dev/null 2>&1; then ok; else fail "sarif-file does not parse"; fi
lint "sarif: bad value" 2 "$C" INPUT_PATHS=db INPUT_SARIF=yes

# --- a shallow checkout of the pull request's merge commit, as actions/checkout makes ---
S=$work/shallow
git init -q "$S"
git -C "$S" remote add origin "file://$O"
git -C "$S" fetch -q --no-tags --depth=1 origin +refs/pull/1/merge:refs/remotes/pull/1/merge
git -C "$S" checkout -q --detach refs/remotes/pull/1/merge
lint "shallow merge commit" 1 "$S" GITHUB_BASE_REF=main
has "shallow merge commit: fetches the base" 'fetching main from origin'
has "shallow merge commit: fetches the history" 'fetching the history of this shallow clone'
has "shallow merge commit" '^::error file=db/V2__add_age\.sql,line=2,col=19,'
has "shallow merge commit" 'in 3 files'
hasnt "shallow merge commit: main's later migration is not linted" 'V5__main_only'
lint "shallow merge commit, second run" 1 "$S" GITHUB_BASE_REF=main
hasnt "second run: nothing more to fetch" 'fetching'

# --- a checkout that belongs to another user (a job's container runs as root) ---
if [ "$(id -u)" = 0 ] && id nobody > /dev/null 2>&1; then
	F=$work/foreign
	cp -R "$C" "$F"
	git -C "$F" checkout -q feature
	chown -R nobody "$F"
	lint "another user's checkout on GitHub" 1 "$F" GITHUB_BASE_REF=main GITHUB_ACTIONS=true
	has "another user's checkout on GitHub" 'trusting the checkout'
	has "another user's checkout on GitHub" '^::error file=db/V2__add_age\.sql,line=2,col=19,'
	if git -C "$F" rev-parse HEAD > /dev/null 2>&1; then
		fail "another user's checkout: trusted outside the script"
	else
		ok
	fi
	lint "another user's checkout elsewhere" 2 "$F" GITHUB_BASE_REF=main
	has "another user's checkout elsewhere: git's reason" 'dubious ownership'
	hasnt "another user's checkout elsewhere: not trusted" 'trusting the checkout'
	rm -rf "$F"
else
	echo "action: not root, the test of a checkout that belongs to another user is skipped"
fi

# --- no base to compare with ---
lint "push: the whole migrations directory" 1 "$C" INPUT_MIGRATIONS=db
has "push: the whole migrations directory" 'no pull request base'
has "push: the whole migrations directory" 'in 4 files'
has "push: the whole migrations directory" '^::warning file=db/V0__old_drop\.sql'
lint "nothing to lint" 2 "$C"
has "nothing to lint: an error" '^::error title=ddlint::nothing to lint'
output_is "nothing to lint" exit-code 2
lint "unknown base-ref, no migrations" 2 "$C" INPUT_BASE_REF=no-such-branch
has "unknown base-ref" "no-such-branch"
lint "unknown base-ref, migrations" 1 "$C" INPUT_BASE_REF=no-such-branch INPUT_MIGRATIONS=db
has "unknown base-ref, migrations: all of them" 'in 4 files'
mkdir "$work/notgit"
cp "$O/db/V1__create_users.sql" "$work/notgit/"
lint "not a git work tree" 0 "$work/notgit" GITHUB_BASE_REF=main INPUT_MIGRATIONS=.
has "not a git work tree: a warning" '^::warning title=ddlint::cannot tell which migrations changed: git: fatal: not a git repository'

# --- paths, args, pg-version, format ---
lint "paths with spaces" 1 "$C" INPUT_PATHS="db/V3 cuentas añadidas.sql
   db/V2__add_age.sql  

"
has "paths with spaces" 'in 2 files'
lint "a missing path" 2 "$C" INPUT_PATHS="db/nope.sql
db/V2__add_age.sql"
has "a missing path: still lints the others" '^::error file=db/V2__add_age\.sql'
output_is "a missing path" exit-code 2
lint "args" 0 "$C" INPUT_PATHS=other INPUT_ARGS="--disable 'drop-column'  --fail-level info"
has "args" 'No problems found'
lint "args: an unmatched quote" 2 "$C" INPUT_PATHS=other INPUT_ARGS="--disable 'drop-column"
has "args: an unmatched quote" '^::error title=ddlint::args:'
printf "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN c bigint DEFAULT 1;\n" > "$C/default.sql"
lint "pg-version default" 0 "$C" INPUT_PATHS=default.sql
lint "pg-version 10" 1 "$C" INPUT_PATHS=default.sql INPUT_PG_VERSION=10
lint "pg-version default in json" 0 "$C" INPUT_PATHS=default.sql INPUT_FORMAT=json
has "pg-version default in json" '"pg_version":"18"'
for v in 18 19; do
	lint "pg-version $v" 0 "$C" INPUT_PATHS=default.sql INPUT_PG_VERSION=$v INPUT_FORMAT=json
	has "pg-version $v in json" "\"pg_version\":\"$v\""
done
for v in 20 16.1 banana; do
	lint "pg-version $v" 2 "$C" INPUT_PATHS=default.sql INPUT_PG_VERSION=$v
	has "pg-version $v: the message" "unsupported PostgreSQL version '$v' \(9\.6 or 10 to 19\)"
	output_is "pg-version $v" exit-code 2
done
lint "format json" 1 "$C" INPUT_PATHS=db/V2__add_age.sql INPUT_FORMAT=json
has "format json" '"diagnostics"'
has "format json: the annotations too" '^::error file=db/V2__add_age\.sql'
lint "format github" 1 "$C" INPUT_PATHS=db/V2__add_age.sql INPUT_FORMAT=github
n=$(grep -c '^::error file=db/V2__add_age.sql' "$work/out")
if [ "$n" = 1 ]; then ok; else fail "format github: $n annotations for one finding"; fi
: > "$work/summary"
lint "step summary" 1 "$C" INPUT_PATHS=db/V2__add_age.sql GITHUB_STEP_SUMMARY="$work/summary"
if grep -q '1 finding(s) in 1 path(s)' "$work/summary" && grep -q '^db/V2__add_age.sql:2:19: error:' "$work/summary"; then
	ok
else
	fail "step summary"; sed 's/^/  | /' "$work/summary"
fi
lint "colour in GitHub Actions" 1 "$C" INPUT_PATHS=db/V2__add_age.sql GITHUB_ACTIONS=true
if grep -q "$(printf '\033')\[" "$work/out"; then ok; else fail "no colour in GitHub Actions"; fi
if grep -q "^::error file=db/V2__add_age.sql.*$(printf '\033')" "$work/out"; then
	fail "colour codes in the annotations"
else
	ok
fi

# --- scripts/action-setup.sh: install none, and docker with a fake docker ---
setup() { # NAME EXPECTED_EXIT [VAR=VALUE]...
	s_name=$1 s_want=$2
	shift 2
	: > "$work/ghout"
	# shellcheck disable=SC2086
	(cd "$C" && env -i PATH="$work/fakebin:$PATH" HOME="$work/home" GITHUB_OUTPUT="$work/ghout" $SAN \
		GITHUB_ACTION_PATH="$root" "$@" bash "$SETUP") > "$work/out" 2>&1
	s_got=$?
	if [ "$s_got" = "$s_want" ]; then ok; else fail "$s_name: exit $s_got, expected $s_want"; fi
}
mkdir -p "$work/fakebin" "$work/runner-temp"
ln -s "$DDLINT" "$work/fakebin/ddlint"
setup "install none" 0 INPUT_INSTALL=none
output_is "install none" ddlint "$work/fakebin/ddlint"
setup "install bogus" 2 INPUT_INSTALL=bogus
# The fake docker logs its calls, and runs `docker run --rm ... IMAGE ddlint ARGS` as the real
# ddlint in the -w directory: the wrapper must pass every argument through unchanged.
cat > "$work/fakebin/docker" << 'EOF'
#!/bin/sh
printf '%s\n' "$*" >> "$FAKE_DOCKER_LOG"
case $1 in
image) exit 1 ;;
commit | rm) exit 0 ;;
run) ;;
*) exit 3 ;;
esac
shift
wd=. once=false
while [ $# -gt 0 ]; do
	case $1 in
	--rm) once=true; shift ;;
	-i) shift ;;
	-u | -e | -v | --name) shift 2 ;;
	-w) wd=$2; shift 2 ;;
	*) break ;;
	esac
done
shift # the image
if $once && [ "$1" = ddlint ]; then shift; cd "$wd" && exec "$FAKE_DDLINT" "$@"; fi
exit 0
EOF
chmod +x "$work/fakebin/docker"
setup "install docker" 0 INPUT_INSTALL=docker RUNNER_TEMP="$work/runner-temp" GITHUB_WORKSPACE="$C" \
	FAKE_DOCKER_LOG="$work/docker.log" FAKE_DDLINT="$DDLINT"
wrapper=$(gh_output ddlint)
case $wrapper in "$work/runner-temp/"*/ddlint) ok ;; *) fail "install docker: ddlint is '$wrapper'" ;; esac
if grep -q '^run --name ddlint-build-.* -v .*:/src:ro debian:bookworm sh -ec' "$work/docker.log" \
	&& grep -q '^commit ddlint-build-' "$work/docker.log"; then ok; else
	fail "install docker: the image build"; sed 's/^/  | /' "$work/docker.log"
fi
if [ -x "$wrapper" ]; then
	lint "through the docker wrapper" 1 "$C" DDLINT="$wrapper" PATH="$work/fakebin:$PATH" RUNNER_TEMP="$work/runner-temp" \
		FAKE_DOCKER_LOG="$work/docker.log" FAKE_DDLINT="$DDLINT" INPUT_SARIF=true \
		INPUT_PATHS="db/V3 cuentas añadidas.sql
db/V2__add_age.sql"
	has "through the docker wrapper" 'in 2 files'
	has "through the docker wrapper" '^::error file=db/V2__add_age\.sql,line=2,col=19,'
	output_is "through the docker wrapper" sarif-file ddlint.sarif
	# the reports go to the runner's temporary directory, which the container sees
	if grep -q "^run --rm -i -u [0-9]*:[0-9]* -e NO_COLOR -v $C:$C -v $work/runner-temp:$work/runner-temp -w $C ddlint-action:[0-9a-f]* ddlint .* --output $work/runner-temp/ddlint\\." "$work/docker.log"; then
		ok
	else
		fail "through the docker wrapper: the docker run"; sed 's/^/  | /' "$work/docker.log"
	fi
else
	fail "install docker: no wrapper"
fi

# --- action.yml and the workflow: they parse and agree with the scripts ---
YAML_PY=
for py in python3 /usr/bin/python3; do
	if command -v "$py" > /dev/null && "$py" -c 'import yaml' 2> /dev/null; then YAML_PY=$py; break; fi
done
if [ -z "$YAML_PY" ]; then
	echo "action: python3's yaml module not found (Debian package python3-yaml), YAML checks skipped"
elif "$YAML_PY" - "$root" > "$work/out" 2>&1 << 'EOF'; then ok; else fail "action.yml and ci.yml"; fi
import os, re, sys, yaml
root = sys.argv[1]
errors = []
def check(cond, what):
    if not cond:
        errors.append(what)

action = yaml.safe_load(open(os.path.join(root, "action.yml")))
inputs = action["inputs"]
check(action["runs"]["using"] == "composite", "a composite action")
check(set(inputs) >= {"paths", "migrations", "pg-version", "fail-level", "format", "sarif", "args"},
      "inputs: " + ", ".join(inputs))
check(inputs["fail-level"]["default"] == "warning", "fail-level defaults to warning")
for name, spec in inputs.items():
    check(isinstance(spec.get("description"), str) and "default" in spec, name + ": description and default")
steps = action["runs"]["steps"]
ids = {s.get("id") for s in steps}
text = open(os.path.join(root, "action.yml")).read()
for used in re.findall(r"inputs\.([a-z-]+)", text):
    check(used in inputs, "inputs." + used + " is used but not declared")
for name, out in action["outputs"].items():
    m = re.fullmatch(r"\$\{\{ steps\.([a-z]+)\.outputs\.([a-z-]+) \}\}", out["value"])
    check(m and m.group(1) in ids, "output " + name + ": " + out["value"])
# Every input reaches the scripts under the name they read, and nothing else is passed.
env = {}
for s in steps:
    env.update(s.get("env", {}))
    if "uses" in s:
        check(s["uses"] == "github/codeql-action/upload-sarif@v3", "uses " + s["uses"])
    else:
        check(s.get("shell") == "bash", "step " + s.get("name", "?") + " has shell: bash")
        check("${{" not in s["run"], "step " + s.get("name", "?") + ": no expression in the script text")
read = set()
for script in ("scripts/action-lint.sh", "scripts/action-setup.sh"):
    read |= set(re.findall(r"\bINPUT_[A-Z_]+", open(os.path.join(root, script)).read()))
passed = {k for k in env if k.startswith("INPUT_")}
check(passed == read, "INPUT_ variables passed %s, read %s" % (sorted(passed), sorted(read)))
for k, v in env.items():
    m = re.fullmatch(r"\$\{\{ inputs\.([a-z-]+) \}\}", v)
    if m:
        check(k == "INPUT_" + m.group(1).upper().replace("-", "_"), k + " carries inputs." + m.group(1))
check(set(inputs) == {m for m in re.findall(r"inputs\.([a-z-]+) \}\}", text)} | {"upload-sarif"},
      "every input is passed on")
lint = open(os.path.join(root, "scripts/action-lint.sh")).read()
for name in action["outputs"]:
    check(re.search(r"output %s " % re.escape(name), lint), "action-lint.sh writes output " + name)

# The workflow: parses, and every step that uses this action passes inputs it declares.
wf = yaml.safe_load(open(os.path.join(root, ".github/workflows/ci.yml")))
on = wf.get("on", wf.get(True))
check(on and "pull_request" in on and "push" in on, "runs on push and pull_request")
uses_self = 0
for job_name, job in wf["jobs"].items():
    check("runs-on" in job and job.get("steps"), job_name + ": runs-on and steps")
    for s in job["steps"]:
        if s.get("uses") == "./":
            uses_self += 1
            for k in s.get("with", {}):
                check(k in inputs, job_name + ": with " + k + " is not an input")
        if "run" in s:
            for path in re.findall(r"(?:bash|sh) (\.ci/run|scripts/\S+|tests/\S+)", s["run"]):
                check(os.path.exists(os.path.join(root, path)), job_name + ": " + path + " exists")
check(uses_self >= 2, "the workflow uses the action")
check(any(j.get("container") == "debian:bookworm" for j in wf["jobs"].values()), "a debian:bookworm job")
check(any("bash .ci/run" in s.get("run", "") for j in wf["jobs"].values() for s in j["steps"]),
      "a job runs .ci/run")
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
EOF

echo "action: $passed passed, $failed failed"
[ "$failed" = 0 ]
