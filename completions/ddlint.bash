# bash completion for ddlint. Installed by `make install` into
# $(PREFIX)/share/bash-completion/completions/ddlint.
_ddlint()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
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
	--migrations)
		COMPREPLY=($(compgen -d -- "$cur")); return ;;
	-o|--output|--stdin-filename|--config|--schema|--baseline|--write-baseline)
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
		COMPREPLY=($(compgen -W "explain init lsp plan" -- "$cur"))
	fi
	COMPREPLY+=($(compgen -f -X '!*.sql' -- "$cur") $(compgen -d -- "$cur"))
}
complete -F _ddlint ddlint
