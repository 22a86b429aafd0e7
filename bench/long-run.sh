#!/usr/bin/env bash
# La mémoire sur la durée : la démo (DEMO=true : un signal toutes les quelques minutes, un poll et un
# instantané toutes les 5 s, un mois de signaux en quelques heures) lancée comme l'image la lance
# (ses options JVM, MALLOC_ARENA_MAX, l'archive CDS), avec un onglet du tableau de bord ouvert (les
# appels de la page toutes les 30 s). Une seconde démo identique tourne avec Native Memory Tracking
# (NMT coûte quelques Mo : son RSS n'est pas celui qu'on juge) pour dire ce qui grandit.
#
#   LONG_RUN_MINUTES=180 nice -n 10 bash bench/long-run.sh
#
# Écrit, au fil de l'eau, bench/long-run/rss.tsv (une ligne par minute : minutes, RSS et pic de la
# démo jugée, RSS de celle sous NMT) et bench/long-run/nmt.tsv (toutes les 10 minutes : ce que NMT
# compte par catégorie, en KiB), puis un résumé daté dans bench/results.md (« Long run »).
# Prérequis : Java 17 (jcmd), Maven, curl, unzip. BENCH_SKIP_BUILD=1 garde target/. Le résumé se
# refait à tout moment, même pendant la course : bash bench/long-run-summary.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MINUTES=${LONG_RUN_MINUTES:-180}
JAVA=${JAVA:-java}
JCMD=${JCMD:-$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd}
PORT_PLAIN=18921
PORT_NMT=18922
for tool in curl unzip awk; do command -v "$tool" >/dev/null || { echo "long run: $tool is missing" >&2; exit 2; }; done
[ -x "$JCMD" ] || { echo "long run: jcmd not found next to java ($JCMD)" >&2; exit 2; }
[ "${BENCH_SKIP_BUILD:-0}" = 1 ] || mvn -B -q package -DskipTests
IMAGE_FLAGS=$(sed -n 's/^ *JAVA_FLAGS="\(.*\)"$/\1/p' Dockerfile)
IMAGE_ARENAS=$(sed -n 's/^ *MALLOC_ARENA_MAX=\([0-9]*\).*/\1/p' Dockerfile)
[ -n "$IMAGE_FLAGS" ] || { echo "long run: JAVA_FLAGS not found in the Dockerfile" >&2; exit 2; }

OUT="$ROOT/bench/long-run"
mkdir -p "$OUT"
WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD_AT_START=$(cut -d" " -f1-3 /proc/loadavg)

mkdir -p "$WORK/native"
(cd "$WORK/native" && unzip -q -j -o "$ROOT/target/calv-a-lot.jar" "org/sqlite/native/Linux/$(uname -m | sed 's/arm64/aarch64/')/libsqlitejdbc.so")
NATIVE="-Dorg.sqlite.lib.path=$WORK/native -Dorg.sqlite.lib.name=libsqlitejdbc.so"
DB_PATH="$WORK/cds/c.db" PORT=$PORT_PLAIN ROUTES_DIR="$ROOT/routes" "$JAVA" $IMAGE_FLAGS $NATIVE \
    -XX:ArchiveClassesAtExit="$WORK/app.jsa" -Xlog:cds=off -jar target/calv-a-lot.jar >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 1200); do curl -fs "http://127.0.0.1:$PORT_PLAIN/health" >/dev/null && break; sleep 0.05; done
kill "$pid"; wait "$pid" || true

# start_demo <name> <port> [extra JVM flags] : la démo telle que l'image la démarre
start_demo() {
    mkdir -p "$WORK/$1"
    env -i PATH="$PATH" ${IMAGE_ARENAS:+MALLOC_ARENA_MAX=$IMAGE_ARENAS} DEMO=true DB_PATH="$WORK/$1/calvalot.db" \
        PORT="$2" ROUTES_DIR="$ROOT/routes" TZ=UTC \
        "$JAVA" $IMAGE_FLAGS "${@:3}" $NATIVE -XX:SharedArchiveFile="$WORK/app.jsa" -Xlog:cds=off \
        -jar target/calv-a-lot.jar >"$WORK/$1.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 1200); do curl -fs "http://127.0.0.1:$2/health" >/dev/null 2>&1 && return 0; sleep 0.05; done
    echo "long run: the $1 demo did not start" >&2; tail -5 "$WORK/$1.log" >&2; exit 1
}
start_demo plain $PORT_PLAIN
PLAIN=${PIDS[-1]}
start_demo nmt $PORT_NMT -XX:NativeMemoryTracking=summary
NMT=${PIDS[-1]}

# un onglet ouvert : les appels de la page (app.js) toutes les 30 s, sur les deux
( while :; do
    for port in $PORT_PLAIN $PORT_NMT; do
        for path in /api/agent/status /api/budget "/api/budget/history?period=1d" /api/positions "/api/trades?limit=15" \
                "/api/signals?limit=10" "/api/budget/withdrawals?limit=20" "/api/copy/tracking?period=1d"; do
            curl -fs -o /dev/null "http://127.0.0.1:$port$path" || true
        done
    done
    sleep 30
  done ) &
PIDS+=($!)

kib() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"; }
printf 'minutes\trss_kib\tpeak_kib\tnmt_rss_kib\tsignals\n' >"$OUT/rss.tsv"
printf 'minutes\tcategory\tcommitted_kib\n' >"$OUT/nmt.tsv"
end=$(( $(date +%s) + MINUTES * 60 ))
t0=$(date +%s)
while [ "$(date +%s)" -lt "$end" ]; do
    minutes=$(( ($(date +%s) - t0) / 60 ))
    kill -0 "$PLAIN" 2>/dev/null || { echo "long run: the demo died" >&2; tail -20 "$WORK/plain.log" >&2; exit 1; }
    # les signaux exécutés depuis le départ (le compteur de /metrics : /api/signals s'arrête à 100)
    signals=$(curl -fs "http://127.0.0.1:$PORT_PLAIN/metrics" | awk '/^calvalot_signals_total\{.*status="executed"/ {n += $2} END {printf "%d", n}' || true)
    printf '%s\t%s\t%s\t%s\t%s\n' "$minutes" "$(kib "$PLAIN" VmRSS)" "$(kib "$PLAIN" VmHWM)" "$(kib "$NMT" VmRSS)" "$signals" >>"$OUT/rss.tsv"
    if [ $((minutes % 10)) = 0 ] && ! grep -q "^$minutes	" "$OUT/nmt.tsv"; then
        "$JCMD" "$NMT" VM.native_memory summary 2>/dev/null \
            | sed -n 's/^-\s*\([A-Za-z ]*[A-Za-z]\)\s*(reserved=[0-9]*KB, committed=\([0-9]*\)KB).*/\1\t\2/p' \
            | sed "s/^/$minutes\t/" >>"$OUT/nmt.tsv"
        "$JCMD" "$NMT" VM.native_memory summary 2>/dev/null | sed -n 's/^Total: reserved=[0-9]*KB, committed=\([0-9]*\)KB.*/Total\t\1/p' \
            | sed "s/^/$minutes\t/" >>"$OUT/nmt.tsv"
    fi
    sleep 60
done
bash "$ROOT/bench/long-run-summary.sh" "$STARTED" "$LOAD_AT_START" "$IMAGE_ARENAS" "$IMAGE_FLAGS"
