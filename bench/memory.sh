#!/usr/bin/env bash
# Ce que chaque réglage mémoire du conteneur épargne : le pic de RSS (VmHWM) avec un mois de
# données sous 16 clients, le mois éclairci au démarrage (≈ 2 500 instantanés) et le mois brut
# (21 600 instantanés ajoutés pendant que le suiveur tourne), pour chaque variante, chacune dans
# une JVM neuve aux options du conteneur avec l'archive CDS. Écrit bench/memory-results.md.
#
#   bash bench/memory.sh
#
# Prérequis : Java 17, Maven, wrk, curl, unzip. Réglages : BENCH_SECONDS (charge, 20),
# BENCH_CLIENTS (16), BENCH_RUNS (départs par variante, 2 ; le pic le plus haut est gardé),
# BENCH_SKIP_BUILD=1 (garder target/). Tout reste sur 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECONDS_LOAD=${BENCH_SECONDS:-20}
CLIENTS=${BENCH_CLIENTS:-16}
RUNS=${BENCH_RUNS:-2}
JAVA=${JAVA:-java}
PORT=18913
for tool in wrk curl unzip; do command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 2; }; done
LOAD_AT_START=$(cut -d" " -f1-3 /proc/loadavg)

[ "${BENCH_SKIP_BUILD:-0}" = 1 ] || mvn -B -q package -DskipTests
[ "${BENCH_SKIP_BUILD:-0}" = 1 ] || mvn -B -q test-compile
[ -f target/test-classpath.txt ] || mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
TEST_CP="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
# les options du conteneur, lues dans le Dockerfile (une seule source)
IMAGE_FLAGS=$(sed -n 's/^ *JAVA_FLAGS="\(.*\)"$/\1/p' Dockerfile)
IMAGE_ARENAS=$(sed -n 's/^ *MALLOC_ARENA_MAX=\([0-9]*\).*/\1/p' Dockerfile)
[ -n "$IMAGE_FLAGS" ] || { echo "bench: JAVA_FLAGS not found in the Dockerfile" >&2; exit 2; }

WORK=$(mktemp -d)
APP_PID=
cleanup() { [ -z "$APP_PID" ] || kill "$APP_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

mkdir -p "$WORK/native"
(cd "$WORK/native" && unzip -q -j -o "$ROOT/target/calv-a-lot.jar" "org/sqlite/native/Linux/$(uname -m | sed 's/arm64/aarch64/')/libsqlitejdbc.so")
NATIVE="-Dorg.sqlite.lib.path=$WORK/native -Dorg.sqlite.lib.name=libsqlitejdbc.so"
"$JAVA" -cp "$TEST_CP" com.calvalot.support.MonthOfData "$WORK/month.db" >/dev/null

# l'archive CDS, comme au build de l'image
DB_PATH="$WORK/cds/c.db" PORT=$PORT ROUTES_DIR="$ROOT/routes" "$JAVA" $IMAGE_FLAGS $NATIVE \
    -XX:ArchiveClassesAtExit="$WORK/app.jsa" -Xlog:cds=off -jar target/calv-a-lot.jar >/dev/null 2>&1 &
APP_PID=$!
for _ in $(seq 1 1200); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.05; done
kill "$APP_PID"; wait "$APP_PID" || true; APP_PID=

# measure <raw|thinned> <arenas or ""> <java flags…> : le plus haut VmHWM de $RUNS départs, en MiB
measure() {
    local kind=$1 arenas=$2; shift 2
    local best=0 run data peak threads=0
    for run in $(seq 1 "$RUNS"); do
        data="$WORK/run"; rm -rf "$data"; mkdir -p "$data"; cp "$WORK/month.db" "$data/calvalot.db"
        env -i PATH="$PATH" ${arenas:+MALLOC_ARENA_MAX=$arenas} DB_PATH="$data/calvalot.db" PORT=$PORT \
            ROUTES_DIR="$ROOT/routes" LEADER_URL=http://127.0.0.1:9 SIGNAL_SECRET=bench-secret \
            BINANCE_BASE_URL=http://127.0.0.1:9 INITIAL_BUDGET_EUR=1000 \
            "$JAVA" "$@" $NATIVE -XX:SharedArchiveFile="$WORK/app.jsa" -Xlog:cds=off -jar target/calv-a-lot.jar \
            >"$WORK/app.log" 2>&1 &
        APP_PID=$!
        for _ in $(seq 1 3000); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.01; done
        if [ "$kind" = raw ]; then
            "$JAVA" -cp "$TEST_CP" com.calvalot.support.MonthOfData "$data/calvalot.db" --raw-snapshots >/dev/null
        fi
        # un instantané par seconde pendant la charge, comme un poll rapide : les réponses gardées en
        # cache sont à refaire
        "$JAVA" -cp "$TEST_CP" com.calvalot.support.MonthOfData "$data/calvalot.db" --trickle $((2 * SECONDS_LOAD + 2)) &
        local trickle=$!
        # les mêmes charges que bench/run.sh sur son mois : le mois entier (5 000 points au plus), puis la page
        wrk -t2 -c"$CLIENTS" -d"${SECONDS_LOAD}s" --timeout 10s "http://127.0.0.1:$PORT/api/budget/history?period=1m" >"$WORK/wrk.txt" 2>&1
        wrk -t2 -c"$CLIENTS" -d"${SECONDS_LOAD}s" --timeout 10s -s bench/page-calls.lua "http://127.0.0.1:$PORT" >>"$WORK/wrk.txt" 2>&1
        grep -q "Non-2xx\|Socket errors" "$WORK/wrk.txt" && { echo "bench: errors under load" >&2; cat "$WORK/wrk.txt" >&2; }
        wait "$trickle" || true
        peak=$(awk '/VmHWM:/ {print int($2 / 1024)}' /proc/$APP_PID/status)
        threads=$(awk '/Threads:/ {print $2}' /proc/$APP_PID/status)
        kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
        [ "$peak" -gt "$best" ] && best=$peak
    done
    echo "$best MiB ($threads threads)"
}

# variantes : chacune retire UN réglage de l'image (ou garde l'ancien), le reste comme l'image
OLD_FLAGS="-XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Xms16m -Xmx64m -Xss512k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -XX:MaxDirectMemorySize=32m"
declare -a NAMES ARENAS FLAGS
add() { NAMES+=("$1"); ARENAS+=("$2"); FLAGS+=("$3"); }
add "before issue 38 (glibc's arenas, SerialGC's heap ratios, 4 connections with 2 MB of page cache)" "" "$OLD_FLAGS -Dcalvalot.db.connections=4 -Dcalvalot.db.cacheKiB=2000"
add "the image's settings" "$IMAGE_ARENAS" "$IMAGE_FLAGS"
add "the image's, without MALLOC_ARENA_MAX" "" "$IMAGE_FLAGS"
add "the image's, without the heap free ratios (SerialGC's 40 % / 70 %)" "$IMAGE_ARENAS" "$(echo "$IMAGE_FLAGS" | sed 's/ -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30//')"
add "the image's, with 256 KiB thread stacks (-Xss256k)" "$IMAGE_ARENAS" "$IMAGE_FLAGS -Xss256k"
add "the image's, with 4 pooled connections" "$IMAGE_ARENAS" "$IMAGE_FLAGS -Dcalvalot.db.connections=4"
add "the image's, with SQLite's 2 MB page cache per connection" "$IMAGE_ARENAS" "$IMAGE_FLAGS -Dcalvalot.db.cacheKiB=2000"

{
    echo "# What each memory setting saves"
    echo
    echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') by \`bench/memory.sh\` on $(nproc) cores, $("$JAVA" -version 2>&1 | head -1)."
    echo "Load average at the start: $LOAD_AT_START; the machine is shared with other sessions' builds and tests,"
    echo "so figures move by a few MiB between runs: compare rows of this run, not runs."
    echo "Peak RSS (VmHWM, the highest of $RUNS starts) with a month of data, $CLIENTS connections (wrk) on the month's"
    echo "history (\`/api/budget/history?period=1m\`, up to 5,000 points) then on the page's calls, ${SECONDS_LOAD} s each, the app started as the image starts it (its JVM flags, CDS archive, SQLite's library"
    echo "outside the jar). Thinned: the month as the start-up leaves it (about 2,500 snapshots); raw: 21,600"
    echo "snapshots added after the start, as a follower polling every 8 s keeps for 2 days. Both with a new"
    echo "snapshot every second during the load (a fast poll: every cached answer is computed again)."
    echo "Image: \`MALLOC_ARENA_MAX=${IMAGE_ARENAS:-unset}\`, \`$IMAGE_FLAGS\`."
    echo
    echo "| settings | thinned month | raw month |"
    echo "| --- | --- | --- |"
} >"$WORK/out.md"
for i in "${!NAMES[@]}"; do
    thinned=$(measure thinned "${ARENAS[$i]}" ${FLAGS[$i]})
    raw=$(measure raw "${ARENAS[$i]}" ${FLAGS[$i]})
    echo "| ${NAMES[$i]} | $thinned | $raw |" | tee -a "$WORK/out.md"
done
cp "$WORK/out.md" bench/memory-results.md
cat bench/memory-results.md
