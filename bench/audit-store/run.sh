#!/usr/bin/env bash
# Audit store write-path benchmark: events/s and CPU µs per event through JdbcAuditLog on SQLite and PostgreSQL.
#
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -o -q install -DskipTests -pl sluice-core,sluice-store -am
#   bench/audit-store/run.sh [rounds=3] [scale=1.0] [only, e.g. "sqlite serial"]
#
# STORE_JAR overrides the sluice-store jar (e.g. a copy of an older build, to compare before/after in one session).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
store_jar="${STORE_JAR:-$repo/sluice-store/target/sluice-store-0.1.0-SNAPSHOT.jar}"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
(cd "$repo" && JAVA_HOME="$JAVA_HOME" ./mvnw -B -o -q dependency:build-classpath -pl sluice-store \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null)
# No logback: the bench prints its own lines (it fails on any lost event instead of logging it).
deps="$(tr ':' '\n' < "$cp_file" | grep -v -e logback -e junit -e assertj -e byte-buddy -e opentest4j | paste -sd: -)"
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -cp "$store_jar:$deps" "$here/AuditStoreBench.java" "${1:-3}" "${2:-1.0}" "${3:-}"
