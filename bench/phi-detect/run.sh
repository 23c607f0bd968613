#!/usr/bin/env bash
# PHI detection benchmark: quality (precision / recall / F2 per type) and throughput (MB/s per core) of the content
# detectors of sluice-core on a seeded synthetic corpus (dev.sluice.bench.phi, module sluice-bench).
#
#   bench/phi-detect/run.sh SEED [SCALE] [--false-positives]
#
# Builds sluice-core and sluice-bench first when their jars are missing or older than a source file. SCALE multiplies
# the corpus size (1 = 2,500 notes + 1,200 records + 1,200 JSON documents, about 43,000 PHI instances).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
if [ $# -lt 1 ]; then
    echo "usage: $0 SEED [SCALE] [--false-positives]" >&2
    exit 2
fi
version=0.1.0-SNAPSHOT
core_jar="$repo/sluice-core/target/sluice-core-$version.jar"
bench_jar="$repo/sluice-bench/target/sluice-bench-$version.jar"
cp_file="$repo/sluice-bench/target/phi-detect.classpath"
stale=0
for jar in "$core_jar" "$bench_jar" "$cp_file"; do
    [ -f "$jar" ] || stale=1
done
if [ "$stale" = 0 ] && [ -n "$(find "$repo/sluice-core/src/main" "$repo/sluice-bench/src/main" "$repo/pom.xml" \
        "$repo/sluice-core/pom.xml" "$repo/sluice-bench/pom.xml" -newer "$bench_jar" -type f -print -quit)" ]; then
    stale=1
fi
if [ "$stale" = 1 ]; then
    echo "building sluice-core and sluice-bench…" >&2
    (cd "$repo" && ./mvnw -B -q -pl sluice-bench -am package -DskipTests \
        dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp_file" >&2)
fi
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -cp "$bench_jar:$core_jar:$(cat "$cp_file")" \
    dev.sluice.bench.phi.PhiDetectBench "$@"
