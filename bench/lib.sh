# Helpers of bench/run: sourced, not run.

die() { echo "bench: $*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }

# Returns once the url answers with the expected status (the reference has no health endpoint: 404).
wait_http() { # url status what
    local deadline=$((SECONDS + 120))
    until [[ $(curl -s -o /dev/null -w '%{http_code}' "$1") == "$2" ]]; do
        ((SECONDS < deadline)) || die "$3 did not start"
        sleep 0.5
    done
}

# Starts a service jar in the background with Tally's JVM options (and its module's own, if it
# has them); its pid goes to PIDS.
start_jar() { # log jar [VAR=value ...]
    local log=$1 jar=$2 own
    local -a options=(@"$ROOT/jvm.options")
    shift 2
    own=$(dirname "$(dirname "$jar")")/jvm.options
    [[ ! -f $own ]] || options+=(@"$own")
    env "$@" "$JAVA" "${options[@]}" -jar "$jar" >"$log" 2>&1 &
    PIDS+=($!)
}

# wrk's requests per second, p50 and p99 latency in ms. Extra arguments go to wrk (e.g. -H).
wrk_run() { # url script connections duration [wrk args]
    local url=$1 script=$2 conns=$3 duration=$4
    shift 4
    local out
    out=$(wrk -t2 -c"$conns" -d"$duration"s --latency ${script:+-s "$script"} "$@" "$url")
    local non2xx
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    [[ -z $non2xx ]] || echo "  (warning: $non2xx non-2xx answers from $url)" >&2
    awk '
        function ms(v) {
            if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
            if (v ~ /ms$/) { sub(/ms$/, "", v); return v }
            if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000 }
            return v
        }
        /^Requests\/sec:/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        END { print rps, p50, p99 }' <<<"$out"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# The median of a space-separated list.
med() { tr ' ' '\n' <<<"${1% }" | grep -v '^$' | median; }
per_second() { awk -v n="$1" -v ns="$2" 'BEGIN {print n / (ns / 1e9)}'; }

# Milliseconds psql's server round trip took for one statement (psql's \timing).
psql_ms() { # sql
    "${PSQL[@]}" -c '\timing on' -c "$1" | awk '/^Time:/ {print $2}' | tail -n 1
}

# Peak resident set of a process, in MB.
peak_rss_mb() { awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$1/status"; }
