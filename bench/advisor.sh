#!/usr/bin/env bash
# Banc du conseiller de budget (GET /api/copy/advisor) : un mois de signaux (300) copiés par la vraie route
# de trading en dry run, puis leur rejeu à 7 budgets, avec les drapeaux JVM du conteneur. Met à jour la
# section « Budget advisor » de bench/results.md (datée, avec la machine et sa charge) ; run.sh la garde.
#
#   bash bench/advisor.sh            (BENCH_SKIP_BUILD=1 : garder target/ tel quel)
#
# Prérequis : Java 17, Maven. Tout reste sur 127.0.0.1, une minute environ.
set -euo pipefail
cd "$(dirname "$0")/.."
LOAD_AT_START=$(cut -d" " -f1-3 /proc/loadavg)
JAVA=${JAVA:-java}
FLAGS="-XX:+UseSerialGC -Xms16m -Xmx64m -Xss512k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -XX:MaxDirectMemorySize=32m"
[ "${BENCH_SKIP_BUILD:-0}" = 1 ] || mvn -B -q test-compile
[ -f target/test-classpath.txt ] || mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# shellcheck disable=SC2086
"$JAVA" $FLAGS -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" com.calvalot.advisor.AdvisorBench \
    "$WORK/rows.md" >"$WORK/log" 2>&1 || { tail -40 "$WORK/log" >&2; exit 1; }
CPU=$(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ *//')
{
    echo "## Budget advisor"
    echo
    echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') by \`bench/advisor.sh\` on $(nproc) cores ($CPU), $("$JAVA" -version 2>&1 | head -1),"
    echo "the container's JVM flags (\`$FLAGS\`), app and replay in one JVM."
    echo "Load average when the run started: $LOAD_AT_START (other jobs share the machine)."
    echo "A month of signals (300, v1 and v2 in turn, prices on a seeded random walk, a deposit every 100) copied by the"
    echo "real trading route in dry run, then replayed by \`BudgetReplay\` (goal: under 200 ms and a few MiB)."
    echo
    echo "| figure | measured |"
    echo "| --- | --- |"
    cat "$WORK/rows.md"
} >"$WORK/section.md"
# la section remplace la précédente, le reste du fichier reste tel quel
[ -f bench/results.md ] || : >bench/results.md
awk '/^## Budget advisor$/ {skip = 1; next} skip && /^## / {skip = 0} !skip' bench/results.md >"$WORK/results.md"
sed -i -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$WORK/results.md"
{ cat "$WORK/results.md"; echo; cat "$WORK/section.md"; } >bench/results.md
cat "$WORK/section.md"
