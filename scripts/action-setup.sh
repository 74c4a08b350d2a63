#!/usr/bin/env bash
# action-setup.sh: builds ddlint for the GitHub Action (action.yml) and appends the command to
# run it to $GITHUB_OUTPUT as `ddlint=COMMAND`.
#
# ddlint builds against Debian 12 (bookworm)'s libpg-query-dev (PostgreSQL 15's parser) and
# postgresql-server-dev-15; Ubuntu's libpg-query is another PostgreSQL major version. So:
#   INPUT_INSTALL=apt     install the build dependencies with apt-get (scripts/deps.sh; sudo
#                         when not root) and build with make: on Debian 12, such as a job with
#                         `container: debian:bookworm`
#   INPUT_INSTALL=docker  build a debian:bookworm image with ddlint in it (Docker, as on GitHub's
#                         ubuntu runners) and write a wrapper that runs it there, with the
#                         workspace and the runner's temporary directory mounted at the same paths
#   INPUT_INSTALL=none    use the ddlint found on PATH
#   INPUT_INSTALL=auto    (default) apt on Debian 12, docker elsewhere
# DDLINT_BASE_IMAGE overrides debian:bookworm.
set -euo pipefail

action_path=${GITHUB_ACTION_PATH:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
install=${INPUT_INSTALL:-auto}
base_image=${DDLINT_BASE_IMAGE:-debian:bookworm}

say() { echo "ddlint setup: $*"; }
die() { echo "::error title=ddlint::$*"; exit 2; }
result() {
	say "ddlint is $1"
	if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "ddlint=$1" >> "$GITHUB_OUTPUT"; fi
}
# shell_quote WORD: WORD quoted for sh.
shell_quote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

is_bookworm() (
	[ -r /etc/os-release ] || exit 1
	# shellcheck disable=SC1091
	. /etc/os-release
	[ "${ID:-}" = debian ] && [ "${VERSION_ID:-}" = 12 ]
)

if [ "$(uname -s)" != Linux ]; then
	die "the ddlint action runs on Linux runners (ubuntu-latest, or a debian:bookworm container), not on $(uname -s)"
fi

if [ "$install" = auto ]; then
	if is_bookworm; then
		install=apt
	elif command -v docker > /dev/null; then
		install=docker
	else
		die "ddlint needs Debian 12 (bookworm) to build, or Docker to build in a debian:bookworm container; this runner has neither (run the job in 'container: debian:bookworm', or set install: none with ddlint on PATH)"
	fi
fi

case $install in
none)
	command -v ddlint > /dev/null || die "install: none, but there is no ddlint on PATH"
	result "$(command -v ddlint)"
	;;
apt)
	is_bookworm || say "warning: this is not Debian 12 (bookworm); the build may fail or link another PostgreSQL version's parser"
	if [ "$(id -u)" = 0 ]; then
		sh "$action_path/scripts/deps.sh"
	else
		sudo -n sh "$action_path/scripts/deps.sh"
	fi
	make -C "$action_path" -j"$(nproc)"
	result "$action_path/build/ddlint"
	;;
docker)
	command -v docker > /dev/null || die "install: docker, but docker is not installed"
	# The image is tagged with a hash of the sources, so a runner that keeps images does not
	# run an older build.
	tag=$(cd "$action_path" && find Makefile include rules scripts src -type f -print0 | sort -z \
		| xargs -0 cat | sha256sum | cut -c1-16)
	image=ddlint-action:$tag
	if docker image inspect "$image" > /dev/null 2>&1; then
		say "using the image $image built earlier"
	else
		say "building ddlint in $base_image (image $image)"
		name=ddlint-build-$$-$RANDOM
		docker run --name "$name" -v "$action_path:/src:ro" "$base_image" sh -ec '
			cp -R /src /ddlint
			cd /ddlint
			rm -rf build build-*
			sh scripts/deps.sh
			make -j"$(nproc)"
			install -m 755 build/ddlint /usr/local/bin/ddlint
			cd / && rm -rf /ddlint /var/lib/apt/lists/*
			ddlint --version'
		docker commit "$name" "$image" > /dev/null
		docker rm "$name" > /dev/null
	fi
	bin=${RUNNER_TEMP:-/tmp}/ddlint-action-$tag
	mkdir -p "$bin"
	mounts=()
	for dir in "${GITHUB_WORKSPACE:-$PWD}" "${RUNNER_TEMP:-/tmp}"; do
		dir=$(cd "$dir" && pwd)
		mounts+=(-v "$(shell_quote "$dir:$dir")")
	done
	{
		echo '#!/bin/sh'
		echo "# ddlint in the Docker image $image (written by ddlint's action-setup.sh)"
		echo "exec docker run --rm -i -u \"\$(id -u):\$(id -g)\" -e NO_COLOR ${mounts[*]} -w \"\$PWD\" $(shell_quote "$image") ddlint \"\$@\""
	} > "$bin/ddlint"
	chmod +x "$bin/ddlint"
	result "$bin/ddlint"
	;;
*)
	die "install must be auto, apt, docker or none, not '$install'"
	;;
esac
