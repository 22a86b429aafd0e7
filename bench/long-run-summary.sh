#!/usr/bin/env bash
# Résume bench/long-run/*.tsv (écrits par bench/long-run.sh) dans bench/results.md, section « Long run »
# (remplacée si elle y est). Arguments : début, charge au début, MALLOC_ARENA_MAX, options JVM ;
# LONG_RUN_SIGNALS remplace le nombre de signaux de la dernière ligne (un résumé fait pendant la course).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - "$@" <<'PY'
import csv, sys, re, pathlib
started, load, arenas, flags = (sys.argv[1:] + ["?"] * 4)[:4]
rows = list(csv.DictReader(open("bench/long-run/rss.tsv"), delimiter="\t"))
nmt = list(csv.DictReader(open("bench/long-run/nmt.tsv"), delimiter="\t"))
mib = lambda k: int(k) / 1024
def at(minute):
    best = min(rows, key=lambda r: abs(int(r["minutes"]) - minute))
    return best
last = rows[-1]
end = int(last["minutes"])
marks = [m for m in (10, 30, 60, 120, 180, 240, 300, 360) if m < end] + [end]
def slope(first, second):
    a, b = at(first), at(second)
    span = (int(b["minutes"]) - int(a["minutes"])) / 60
    return (mib(b["rss_kib"]) - mib(a["rss_kib"])) / span if span else 0
cats = {}
for r in nmt:
    cats.setdefault(r["category"], {})[int(r["minutes"])] = int(r["committed_kib"])
times = sorted({int(r["minutes"]) for r in nmt})
first_t, last_t = (times[1] if len(times) > 1 else times[0]), times[-1]
lines = []
lines.append("## Long run")
lines.append("")
lines.append(f"Run from {started} by `bench/long-run.sh` ({end} minutes; `bench/long-run/*.tsv` has every sample): the demo")
lines.append(f"(`DEMO=true`, a poll and a snapshot every 5 s, a signal every few minutes) as the image starts it,")
lines.append(f"`MALLOC_ARENA_MAX={arenas}` and `{flags}`, CDS archive, a dashboard tab's calls every 30 s.")
lines.append(f"Load average at the start: {load}. The machine (2 cores) was shared with other sessions' builds and tests")
lines.append("the whole time: the figures are this process's memory, which the load moves little, but not its speed.")
import os
lines.append(f"Signals executed by the end: {os.environ.get('LONG_RUN_SIGNALS') or last['signals']}.")
lines.append("")
lines.append("| minutes | " + " | ".join(str(m) for m in marks) + " |")
lines.append("| --- |" + " --- |" * len(marks))
lines.append("| RSS (MiB) | " + " | ".join(f"{mib(at(m)['rss_kib']):.0f}" for m in marks) + " |")
lines.append("| peak so far (MiB) | " + " | ".join(f"{mib(at(m)['peak_kib']):.0f}" for m in marks) + " |")
lines.append("")
half = end // 2
lines.append(f"Growth: {slope(10, half):+.1f} MiB/h from minute 10 to {half}, {slope(half, end):+.1f} MiB/h from {half} to {end}; "
             f"highest RSS {max(mib(r['rss_kib']) for r in rows):.0f} MiB (goal: levels off under 150 MiB).")
lines.append("")
lines.append(f"What grows, by Native Memory Tracking (the twin demo with `-XX:NativeMemoryTracking=summary`, committed KiB,")
lines.append(f"minute {first_t} → {last_t}; \"outside NMT\" is that twin's RSS less NMT's total: glibc's heap for SQLite and")
lines.append("the other native libraries, the CDS archive and the jar's mapped pages):")
lines.append("")
lines.append("| category | minute %d | minute %d | change |" % (first_t, last_t))
lines.append("| --- | --- | --- | --- |")
def rss_at(t):
    return int(at(t)["nmt_rss_kib"])
outside = {t: rss_at(t) - cats.get("Total", {}).get(t, 0) for t in times}
cats["outside NMT"] = outside
order = sorted(cats, key=lambda c: -abs(cats[c].get(last_t, 0) - cats[c].get(first_t, 0)))
for c in order:
    a, b = cats[c].get(first_t, 0), cats[c].get(last_t, 0)
    if c != "Total" and abs(b - a) < 256 and b < 1024:
        continue
    lines.append(f"| {c} | {a:,} | {b:,} | {b - a:+,} |")
section = "\n".join(lines) + "\n"
path = pathlib.Path("bench/results.md")
text = path.read_text() if path.exists() else ""
text = re.sub(r"\n## Long run\n.*?(?=\n## |\Z)", "\n", text, flags=re.S).rstrip("\n") + "\n\n" + section
path.write_text(text)
print(section)
PY
