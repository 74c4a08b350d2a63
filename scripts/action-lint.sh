#!/usr/bin/env bash
# action-lint.sh: the logic of the GitHub Action (action.yml), kept here so that it can be run
# and tested outside GitHub (tests/action.sh). Lints migrations with ddlint and prints the
# findings as GitHub workflow commands (annotations on the pull request) and as a report.
#
# Inputs, from the environment (action.yml passes them explicitly):
#   INPUT_PATHS       files or directories to lint, one per line (a line is one path, spaces and
#                     all). Empty: the .sql files the pull request adds, copies, modifies or
#                     renames, against its base (see INPUT_BASE_REF), in migration order.
#   INPUT_MIGRATIONS  migration directories, one per line: limits the changed files to these
#                     directories, and is what is linted (whole) when there is no base to
#                     compare with (a push, a scheduled run).
#   INPUT_BASE_REF    the git revision to compare with; default origin/$GITHUB_BASE_REF (set by
#                     GitHub on pull_request events), fetched when missing.
#   INPUT_PG_VERSION  --pg-version: 9.6 or 10 to 19 (empty: the .ddlint.yaml's pg-version, else
#                     ddlint's default, 18); ddlint checks it (exit 2 when unsupported)
#   INPUT_FAIL_LEVEL  --fail-level: error, warning (default) or info
#   INPUT_FORMAT      the report printed after the annotations: text (default), gcc, json ...
#   INPUT_SARIF       true: also write a SARIF report to INPUT_SARIF_FILE (default ddlint.sarif)
#   INPUT_ARGS        more ddlint options, split into words like a shell does (quotes and
#                     backslashes work; no variables, globs or command substitution)
#   DDLINT            the ddlint command (default: build/ddlint beside this script, else ddlint)
#   GITHUB_OUTPUT     when set, the outputs are appended to it: findings (the number of
#                     findings, all severities), sarif-file (empty when no SARIF was written)
#                     and exit-code
#   GITHUB_STEP_SUMMARY  when set, a short summary is appended to it
#
# Exit status: ddlint's (0 nothing at or above the fail level, 1 findings, 2 an error), and 0
# with a notice when no .sql file changed. Needs bash, git (for the changed files), GNU sort.
set -u
set -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ -z "${DDLINT:-}" ]; then
	if [ -x "$here/../build/ddlint" ]; then DDLINT=$here/../build/ddlint; else DDLINT=ddlint; fi
fi
fail_level=${INPUT_FAIL_LEVEL:-warning}
format=${INPUT_FORMAT:-text}
sarif=${INPUT_SARIF:-false}
sarif_file=${INPUT_SARIF_FILE:-ddlint.sarif}

# GitHub workflow commands: the message is escaped as GitHub requires.
gh_escape() { local s=${1//'%'/%25}; s=${s//$'\r'/%0D}; printf '%s' "${s//$'\n'/%0A}"; }
notice() { echo "::notice title=ddlint::$(gh_escape "$*")"; }
warn() { echo "::warning title=ddlint::$(gh_escape "$*")"; }
error() { echo "::error title=ddlint::$(gh_escape "$*")"; }
output() { # NAME VALUE
	if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s=%s\n' "$1" "$2" >> "$GITHUB_OUTPUT"; fi
}
summary() {
	if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then printf '%s\n' "$@" >> "$GITHUB_STEP_SUMMARY"; fi
}
finish() { # EXIT_CODE FINDINGS SARIF_FILE
	output findings "$2"
	output sarif-file "$3"
	output exit-code "$1"
	exit "$1"
}

case $sarif in
true | false) ;;
*) error "sarif must be true or false, not '$sarif'"; finish 2 0 "" ;;
esac

# lines VAR TEXT: the non-blank lines of TEXT, without leading and trailing blanks, into the
# array VAR.
lines() {
	local -n into=$1
	local line
	into=()
	while IFS= read -r line || [ -n "$line" ]; do
		line=${line%$'\r'}
		line=${line#"${line%%[![:space:]]*}"}
		line=${line%"${line##*[![:space:]]}"}
		[ -n "$line" ] && into+=("$line")
	done <<< "$2"
}

paths=()
migrations=()
lines paths "${INPUT_PATHS:-}"
lines migrations "${INPUT_MIGRATIONS:-}"

work=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/ddlint.XXXXXX") || finish 2 0 ""
trap 'rm -rf "$work"' EXIT

# Extra options: xargs splits them like a shell (quotes, backslashes), without evaluating them.
extra=()
if [ -n "${INPUT_ARGS:-}" ]; then
	if ! printf '%s\n' "$INPUT_ARGS" | xargs -r printf '%s\0' > "$work/args" 2> "$work/err"; then
		error "args: $(cat "$work/err")"
		finish 2 0 ""
	fi
	while IFS= read -r -d '' word; do extra+=("$word"); done < "$work/args"
fi

# git refuses a repository that belongs to another user ("dubious ownership"): in a job's
# container, git runs as root and the checkout belongs to the runner's user (actions/checkout
# trusts it for its own git commands only). On GitHub, trust the checkout for this script's
# git commands, through a global configuration of its own that includes the user's.
trust_checkout() {
	local err dir conf
	err=$(git rev-parse --is-inside-work-tree 2>&1 > /dev/null) && return 0
	[ "${GITHUB_ACTIONS:-}" = true ] || return 0
	dir=$(printf '%s\n' "$err" | sed -n "s/.*dubious ownership in repository at '\(.*\)'.*/\1/p" | head -n 1)
	[ -n "$dir" ] || return 0
	gitconfig_quote() { local v=${1//\\/\\\\}; printf '"%s"' "${v//\"/\\\"}"; }
	{
		for conf in "${GIT_CONFIG_GLOBAL:-}" "${HOME:-/nonexistent}/.gitconfig" \
			"${XDG_CONFIG_HOME:-${HOME:-/nonexistent}/.config}/git/config"; do
			if [ -n "$conf" ] && [ -f "$conf" ]; then printf '[include]\n\tpath = %s\n' "$(gitconfig_quote "$conf")"; fi
		done
		printf '[safe]\n\tdirectory = %s\n' "$(gitconfig_quote "$dir")"
	} > "$work/gitconfig"
	export GIT_CONFIG_GLOBAL=$work/gitconfig
	echo "ddlint: trusting the checkout $dir, which belongs to another user, for git"
}

# changed_files BASE [FETCH_BRANCH]: the .sql files (limited to the migration directories when
# given) added, copied, modified or renamed between the merge base of BASE and HEAD, and HEAD,
# into the array `files`. Fetches FETCH_BRANCH from origin when BASE is missing, and the rest
# of the history when the checkout is too shallow to hold the merge base. Returns 1, with a
# message, when git cannot tell.
changed_files() {
	local base=$1 branch=${2:-} merge_base f
	local -a refspec=() pathspecs=()
	files=()
	trust_checkout
	if ! f=$(git rev-parse --is-inside-work-tree 2>&1 > /dev/null); then
		warn "cannot tell which migrations changed: git: ${f%%$'\n'*} (check the repository out with actions/checkout, with git installed)"
		return 1
	fi
	if [ -n "$branch" ]; then refspec=("+refs/heads/$branch:refs/remotes/origin/$branch"); fi
	if ! git rev-parse --verify -q "$base^{commit}" > /dev/null; then
		if [ ${#refspec[@]} = 0 ]; then
			warn "base-ref '$base' is not a commit of this repository"
			return 1
		fi
		echo "ddlint: fetching $branch from origin to compare with"
		if ! git fetch --no-tags --quiet origin "${refspec[@]}"; then
			warn "could not fetch the pull request's base branch '$branch' from origin"
			return 1
		fi
	fi
	if ! merge_base=$(git merge-base "$base" HEAD 2> /dev/null); then
		if [ "$(git rev-parse --is-shallow-repository 2> /dev/null)" = true ]; then
			# The checkout's history is too short to hold the merge base (actions/checkout
			# fetches one commit by default): fetch the rest of it.
			echo "ddlint: fetching the history of this shallow clone to find the merge base with $base"
			git fetch --no-tags --quiet --unshallow origin "${refspec[@]}" || true
		fi
		if ! merge_base=$(git merge-base "$base" HEAD 2> /dev/null); then
			warn "$base and HEAD have no common history: cannot tell which migrations changed"
			return 1
		fi
	fi
	if [ ${#migrations[@]} = 0 ]; then
		pathspecs=('*.sql')
	else
		for f in "${migrations[@]}"; do
			f=${f%/}
			case $f in "" | .) pathspecs+=('*.sql') ;; *) pathspecs+=("$f/*.sql") ;; esac
		done
	fi
	# -z: names exactly as they are (no quoting of spaces or non-ASCII characters); --relative:
	# relative to the current directory, as ddlint is given them. The merge base to HEAD is
	# what `git diff BASE...HEAD` compares.
	if ! git diff -z --name-only --relative --no-renames --diff-filter=ACMR "$merge_base" HEAD -- \
		"${pathspecs[@]}" > "$work/changed"; then
		warn "git diff $merge_base HEAD failed"
		return 1
	fi
	while IFS= read -r -d '' f; do files+=("$f"); done < <(sort -z -V "$work/changed")
	echo "ddlint: comparing with $base (merge base $merge_base)"
	return 0
}

files=()
if [ ${#paths[@]} -gt 0 ]; then
	files=("${paths[@]}")
else
	base=${INPUT_BASE_REF:-}
	branch=
	if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
		base=origin/$GITHUB_BASE_REF
		branch=$GITHUB_BASE_REF
	fi
	if [ -n "$base" ] && changed_files "$base" "$branch"; then
		if [ ${#files[@]} = 0 ]; then
			where=
			if [ ${#migrations[@]} -gt 0 ]; then where=" under ${migrations[*]}"; fi
			notice "no .sql file$where was added or changed against $base: nothing to lint"
			summary "### ddlint" "" "No .sql file$where was added or changed against \`$base\`."
			finish 0 0 ""
		fi
		echo "ddlint: linting the ${#files[@]} changed migration file(s)"
	elif [ ${#migrations[@]} -gt 0 ]; then
		if [ -n "$base" ]; then
			echo "ddlint: linting every migration under ${migrations[*]} instead"
		else
			echo "ddlint: no pull request base to compare with: linting every migration under ${migrations[*]}"
		fi
		files=("${migrations[@]}")
	else
		if [ -n "$base" ]; then
			error "cannot tell which .sql files changed against $base; give paths or migrations"
		else
			error "nothing to lint: give paths or migrations (outside a pull request there is no base branch to find the changed .sql files with; base-ref sets one)"
		fi
		finish 2 0 ""
	fi
fi

color=never
if [ "${GITHUB_ACTIONS:-}" = true ] && [ -z "${NO_COLOR:-}" ]; then color=always; fi
args=(--fail-level "$fail_level" --color "$color")
if [ -n "${INPUT_PG_VERSION:-}" ]; then args+=(--pg-version "$INPUT_PG_VERSION"); fi
args+=("${extra[@]}")
# Several reports from one run: the annotations, gcc lines to count the findings with, the
# SARIF file and the report for the log.
args+=(--format github --output "$work/annotations" --format gcc --output "$work/findings")
if [ "$sarif" = true ]; then
	mkdir -p -- "$(dirname -- "$sarif_file")"
	args+=(--format sarif --output "$sarif_file")
fi
if [ "$format" != github ]; then args+=(--format "$format" --output "$work/report"); fi

echo "ddlint: $DDLINT ${args[*]} -- ${files[*]}"
"$DDLINT" "${args[@]}" -- "${files[@]}"
code=$?

if [ -f "$work/report" ]; then cat "$work/report"; fi
if [ -f "$work/annotations" ]; then cat "$work/annotations"; fi
findings=0
if [ -f "$work/findings" ]; then findings=$(grep -c '' "$work/findings"); fi
written=
if [ "$sarif" = true ] && [ -f "$sarif_file" ]; then written=$sarif_file; fi

case $code in
0) verdict="passed" ;;
1) verdict="failed: findings at or above $fail_level" ;;
*) verdict="failed with exit status $code (an error, see the log)" ;;
esac
echo "ddlint: $findings finding(s) in ${#files[@]} path(s); $verdict"
summary "### ddlint" "" "$findings finding(s) in ${#files[@]} path(s) (fail level $fail_level): $verdict." ""
if [ "$findings" -gt 0 ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
	{ echo '```'; head -n 50 "$work/findings"; echo '```'; } >> "$GITHUB_STEP_SUMMARY"
	if [ "$findings" -gt 50 ]; then summary "(first 50 of $findings)"; fi
fi
finish "$code" "$findings" "$written"
