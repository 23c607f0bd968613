#!/usr/bin/env bash
# Before/after comparison of two sluice-store jars on the same machine in the same session: runs
# bench/audit-store/run.sh alternately with each jar (one round per JVM, PAIRS times), so outside load hits both
# alike, then prints one table per jar: median (min–max) over the runs.
#
#   bench/audit-store/compare.sh BEFORE.jar AFTER.jar [pairs=3] [scale=1.0] [only, e.g. "durable"]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
before="$1" after="$2" pairs="${3:-3}" scale="${4:-1.0}" only="${5:-}"
out="$(mktemp -d)"
for pair in $(seq 1 "$pairs"); do
    for jar in before after; do
        file="$before"; [ "$jar" = after ] && file="$after"
        echo "pair $pair: $jar ($file), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
        STORE_JAR="$file" "$here/run.sh" 1 "$scale" "$only" 2>/dev/null | grep '^round' >> "$out/$jar.txt"
    done
done
python3 - "$out" <<'PY'
import re, sys, statistics, collections
for jar in ("before", "after"):
    cells = collections.OrderedDict()
    for line in open(f"{sys.argv[1]}/{jar}.txt"):
        m = re.match(r"round \d+\s+(.*?)\s{2,}(\d+) events/s\s+process\s+([\d.]+) µs/event\s+writer\s+([\d.]+) µs/event\s+server\s+([\d.]+)", line)
        name = re.sub(r"\s+", " ", m.group(1)).strip()
        cells.setdefault(name, []).append([float(x) for x in m.groups()[1:]])
    print(f"\n{jar}\n| cell | events/s | process CPU µs/event | writer thread CPU µs/event | PostgreSQL server CPU µs/event |")
    print("|---|---:|---:|---:|---:|")
    for name, runs in cells.items():
        cols = []
        for i, fmt in enumerate(("%.0f", "%.1f", "%.1f", "%.1f")):
            v = sorted(r[i] for r in runs)
            cols.append(f"{fmt % statistics.median(v)} ({fmt % v[0]}–{fmt % v[-1]})")
        if "postgresql" not in name:
            cols[3] = "-"
        print(f"| {name} | " + " | ".join(cols) + " |")
PY
