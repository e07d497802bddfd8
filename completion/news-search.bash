# bash completion for news-index and news-query.              -*- shell-script -*-
#
# The options are read from the tool's own --help, each time, so they are
# always those of the binary being completed (a newer build, another
# helper's new option).  An option's values come from its description too:
# the list after "one of: " or "fields: " in it ("stemming language, one of:
# danish, dutch, english or ..."), or a description that is only such a list
# ("auto, always or never").  A value written FIELD=NAME,... completes its
# last comma-separated part, up to the '='.  --db completes folders (a
# database is one); news-index's arguments complete files and folders.

# _news_search_options COMMAND: one line per option of COMMAND's --help:
# NAME, SHORT, VALUE-NAME and DESCRIPTION,
# separated by the unit separator (0x1f: not white space, so an empty field
# stays a field) (Boost.Program_options' layout:
# "  -n [ --count ] N (=10)   how many results", continued on lines indented
# further).
_news_search_options() {
    "$1" --help 2>/dev/null | awk '
        function flush() { if (name != "") { gsub(/ +/, " ", desc); sub(/ $/, "", desc); print name "\037" short "\037" value "\037" desc }; name = "" }
        /^  -/ {
            flush()
            rest = substr($0, 3); short = ""
            if (rest ~ /^-[^-] \[ --/) { short = substr(rest, 2, 1); sub(/^-. \[ /, "", rest); sub(/ \]/, "", rest) }
            split(rest, columns, /  +/)
            count = split(columns[1], words, " ")
            name = substr(words[1], 3); value = (count > 1 && words[2] !~ /^\(=/) ? words[2] : ""
            desc = columns[2]
            next
        }
        /^       / && name != "" { line = $0; sub(/^ +/, "", line); desc = (desc == "" ? line : desc " " line); next }
        { flush() }
        END { flush() }'
}

# _news_search_values DESCRIPTION: the values an option's description lists.
_news_search_values() {
    local list=$1
    case $list in
        *"one of: "*) list=${list##*one of: } ;;
        *"fields: "*) list=${list##*fields: } ;;
        *,*" or "*) [[ $list =~ ^[a-z0-9_-]+(,\ [a-z0-9_-]+)*\ or\ [a-z0-9_-]+$ ]] || return 0 ;;
        *) return 0 ;;
    esac
    list=${list%%[);]*}
    list=${list//,/ }
    list=${list// or / }
    printf '%s\n' $list
}

_news_search() {
    local command=$1 cur=${COMP_WORDS[COMP_CWORD]} prev=""
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()
    # "--db=x": with '=' in COMP_WORDBREAKS bash splits it into "--db" "=" "x".
    if [[ $cur == "=" ]]; then
        cur=""
    elif [[ $prev == "=" ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    elif [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        cur=${cur#*=}
    fi

    local options name short value desc wanted=""
    options=$(_news_search_options "$command")
    if [[ $prev == -* ]]; then
        while IFS=$'\x1f' read -r name short value desc; do
            if [[ $prev == "--$name" || (-n $short && $prev == "-$short") ]]; then
                [[ -n $value ]] && wanted=$name
                break
            fi
        done <<<"$options"
    fi

    if [[ -n $wanted ]]; then
        if [[ $wanted == db ]]; then
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -d -- "$cur")
            return 0
        fi
        local head="" part=$cur suffix=""
        if [[ $value == *,* ]]; then
            [[ $cur == *,* ]] && head=${cur%,*}, && part=${cur##*,}
        fi
        [[ $value == *=* ]] && suffix="="
        local candidate
        for candidate in $(_news_search_values "$desc"); do
            [[ $candidate == "$part"* ]] && COMPREPLY+=("$head$candidate$suffix")
        done
        [[ -n $suffix ]] && compopt -o nospace 2>/dev/null
        return 0
    fi

    if [[ $cur == -* ]]; then
        local all=()
        while IFS=$'\x1f' read -r name short value desc; do
            [[ -n $name ]] && all+=("--$name")
        done <<<"$options"
        mapfile -t COMPREPLY < <(compgen -W "${all[*]}" -- "$cur")
        return 0
    fi

    # news-index takes files and folders; news-query's words are the user's.
    if [[ ${command##*/} == news-index ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
    return 0
}

complete -F _news_search news-index news-query
