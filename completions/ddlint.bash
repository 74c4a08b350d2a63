# bash completion for ddlint. Installed by `make install` into
# $(PREFIX)/share/bash-completion/completions/ddlint.
# `ddlint plan`: its options (from `ddlint plan --help`), then a change (the subcommands its
# help lists) or a migration FILE; nothing after the change (table and column names).
_ddlint_plan()
{
	local cur=$1 prev=$2 i word
	case $prev in
	--migrations)
		COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--tool)
		COMPREPLY=($(compgen -W "auto plain flyway prisma golang-migrate goose sql-migrate dbmate diesel sqlx liquibase sqitch" -- "$cur"))
		return ;;
	--pg-version|--key|--batch-size|--type|--using|--name|--lock-timeout)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(ddlint plan --help 2>/dev/null | grep -o -- '--[a-z-]*' | sort -u)" -- "$cur"))
		return
	fi
	# a change or FILE already given (the words after "plan" that are not options or their
	# values): nothing more to offer
	for ((i = 2; i < COMP_CWORD; i++)); do
		word=${COMP_WORDS[i]}
		case $word in
		--write|--no-config|--help|-h) ;;
		-*) [[ $word == *=* ]] || ((i++)) ;;
		*) return ;;
		esac
	done
	COMPREPLY=($(compgen -W "$(ddlint plan --help 2>/dev/null | sed -n 's/^  \([a-z][a-z-]*\) [A-Z].*/\1/p')" -- "$cur"))
	COMPREPLY+=($(compgen -f -X '!*.sql' -- "$cur"))
	[[ $cur == */* ]] && COMPREPLY+=($(compgen -d -- "$cur"))
}

_ddlint()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	if [[ $COMP_CWORD -gt 1 && ${COMP_WORDS[1]} == plan ]]; then
		_ddlint_plan "$cur" "$prev"
		return
	fi
	case $prev in
	-f|--format)
		COMPREPLY=($(compgen -W "$(ddlint --help 2>/dev/null | sed -n 's/.*--format FORMAT *//p' | tr -d ',' | sed 's/(default)//; s/ or / /')" -- "$cur"))
		return ;;
	--color|--colour)
		COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
	--fail-level)
		COMPREPLY=($(compgen -W "error warning info" -- "$cur")); return ;;
	--pg-version)
		# 9.6 and 10 up to the newest version ddlint --help names ("9.6, 10 ... 19")
		local max
		max=$(ddlint --help 2>/dev/null | sed -n 's/.*--pg-version N .*\.\.\. \([0-9][0-9]*\).*/\1/p')
		COMPREPLY=($(compgen -W "9.6 $(seq 10 "${max:-19}")" -- "$cur")); return ;;
	--enable|--disable|--explain)
		COMPREPLY=($(compgen -W "$(ddlint --list-rules 2>/dev/null | awk 'NR > 1 {print $1}')" -- "$cur"))
		return ;;
	--tool)
		COMPREPLY=($(compgen -W "auto plain flyway prisma golang-migrate goose sql-migrate dbmate diesel sqlx liquibase sqitch tern" -- "$cur"))
		return ;;
	--migrations|--pg-bin)
		COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--rows|--timeout|--run-as|--database-url)
		return ;;
	-o|--output|--stdin-filename|--config|--schema|--stats|--baseline|--write-baseline)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--changed-since)
		COMPREPLY=($(compgen -W "$(git for-each-ref --format='%(refname:short)' 2>/dev/null)" -- "$cur"))
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(ddlint --help 2>/dev/null | grep -o -- '--[a-z-]*' | sort -u)" -- "$cur"))
		return
	fi
	if [[ $COMP_CWORD == 1 ]]; then
		COMPREPLY=($(compgen -W "explain init lsp plan stats trace" -- "$cur"))
	fi
	COMPREPLY+=($(compgen -f -X '!*.sql' -- "$cur") $(compgen -d -- "$cur"))
}
complete -F _ddlint ddlint
