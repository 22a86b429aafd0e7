#!/usr/bin/env bash
# Banc mémoire et démarrage : le jar livré, avec les options JVM du conteneur (Dockerfile), en mode
# démo (le cycle complet tourne : poll signé, trading simulé, instantanés), sous une charge HTTP
# bornée sur 127.0.0.1. Mesure : premier /health, RSS au repos, pic de RSS (VmHWM) sous charge.
#
#   bash bench/memory.sh [seconds-of-load] [concurrency]
#
# Prérequis : target/calv-a-lot.jar (mvn -B -q package -DskipTests), python3, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
LOAD_SECONDS=${1:-60}
CONCURRENCY=${2:-8}
PORT=${BENCH_PORT:-18765}
WORK=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

FLAGS="-XX:+UseSerialGC -Xmx64m -Xss512k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -XX:MaxDirectMemorySize=32m"

# archive CDS comme au build de l'image
DB_PATH="$WORK/cds/c.db" PORT=$PORT java $FLAGS -XX:ArchiveClassesAtExit="$WORK/app.jsa" -Xlog:cds=off \
    -jar target/calv-a-lot.jar >/dev/null 2>&1 &
PID=$!
until curl -fs "http://127.0.0.1:$PORT/health" >/dev/null; do sleep 0.05; done
kill "$PID"; wait "$PID" || true

START=$(date +%s%N)
DEMO=true POLL_INTERVAL_SECONDS=2 DB_PATH="$WORK/data/calvalot.db" PORT=$PORT \
    java $FLAGS -XX:SharedArchiveFile="$WORK/app.jsa" -Xlog:cds=off -jar target/calv-a-lot.jar >"$WORK/app.log" 2>&1 &
PID=$!
until curl -fs "http://127.0.0.1:$PORT/health" >/dev/null; do sleep 0.02; done
FIRST_MS=$(( ($(date +%s%N) - START) / 1000000 ))
sleep 5
IDLE_KB=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)

python3 - "$PORT" "$LOAD_SECONDS" "$CONCURRENCY" <<'PY'
import sys, threading, time, urllib.request
port, seconds, workers = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
paths = ["/health", "/api/budget", "/api/trades?limit=100", "/api/positions", "/api/signals?limit=100",
         "/api/budget/history?period=1m", "/api/agent/status", "/", "/api/prices"]
deadline = time.time() + seconds
counts = [0] * workers
errors = [0] * workers
def work(i):
    n = 0
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{paths[n % len(paths)]}", timeout=10) as r:
                r.read()
            counts[i] += 1
        except Exception:
            errors[i] += 1
        n += 1
threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
[t.start() for t in threads]; [t.join() for t in threads]
print(f"requests: {sum(counts)} ok, {sum(errors)} failed, {sum(counts)/seconds:.0f}/s over {seconds:.0f} s with {workers} clients")
PY
LOADED_KB=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
PEAK_KB=$(awk '/VmHWM/ {print $2}' /proc/$PID/status)
SIGNALS=$(curl -fs "http://127.0.0.1:$PORT/api/signals?limit=100" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' || echo "?")
echo "first /health 200 after start: ${FIRST_MS} ms (with the CDS archive)"
echo "RSS idle (demo running): $((IDLE_KB / 1024)) MiB; after load: $((LOADED_KB / 1024)) MiB; peak (VmHWM): $((PEAK_KB / 1024)) MiB"
echo "signals seen during the run: $SIGNALS"
