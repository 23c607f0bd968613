#!/usr/bin/env bash
# PostgreSQL masking throughput: what does masking cost while a large result streams through Sluice, and does the
# gateway's memory stay flat as the result grows? In ONE run, on the same machine and the same data:
#   (a) direct PostgreSQL, (b) Sluice with no masking, (c) Sluice with `masking: {preset: phi-strict}`.
#
#   bench/pg-masking/run.sh                      # builds sluice-app/target/sluice.jar first if it is missing
#   ROWS=1000000 REPEATS=3 bench/pg-masking/run.sh
#
# What it does (everything on 127.0.0.1, every process stopped by PID on exit, temp dirs removed):
#   1. a throwaway PostgreSQL 15 with table patients_bench: $ROWS rows x 8 PHI columns (ssn, first_name, last_name,
#      dob, email, phone, street_address, zip) plus an id, made with generate_series; every column is one the
#      phi-strict preset masks (partial, pseudonym, year, hmac token, redact, zip3), and the preset's content
#      detectors run over every text value that leaves.
#   2. one gateway (the jar as shipped: sluice.jvm.options, audit on, default SQLite store) with two connections to
#      that database: bench_plain (no policy) and bench_masked (policy phi: preset phi-strict, key from a file).
#      Its GC log (-Xlog:gc, epoch-millisecond stamps) is kept for the heap figures.
#   3. checks that bench_masked really masks (the SSN comes back as ***-**-NNNN) before measuring anything.
#   4. the DataRow path: StreamRows.java (pgjdbc, autocommit off, setFetchSize($FETCH_SIZE): a portal read in
#      batches; every value decoded with getString), `select * from patients_bench limit N`; a warm-up of
#      $WARMUP_ROWS rows per target, then $REPEATS x $ROWS rows per target, round-robin (direct, plain, masked, direct,
#      ...), so load from elsewhere hits all three alike. rows/s is the median of the repeats.
#   5. the CopyData path: `psql -c "copy patients_bench to stdout" > /dev/null`, $REPEATS times per target.
#   6. the gateway's heap while 100k, 300k and 1M rows stream (StreamRows, both Sluice targets): from the GC log,
#      the highest heap occupancy before a collection (peak) and after one (live) within each run's time window.
#      Flat = the 1M-row figure is within 25% + 8 MiB of the 100k-row one.
#   7. a summary table (plain and Markdown) with rows/s, the ratios masked/direct and unmasked/direct, and the heap.
#
# Environment knobs:
#   ROWS (1000000)  REPEATS (3)  FETCH_SIZE (1000)  WARMUP_ROWS (200000)  HEAP_ROWS ("100000 300000 1000000")
#   METHODS ("datarow copy")   which paths to measure
#   TARGETS ("direct plain masked")   "masked" is reported as not measured when masking is not in effect
#   SLUICE_JAR (<repo>/sluice-app/target/sluice.jar; built with ./mvnw when missing)   JAVA_HOME (temurin 25)
#   SLUICE_JAVA_OPTS   extra JVM flags for the gateway
#   PROFILE=1          after the measurements, stream $ROWS rows once more through bench_masked with JFR recording
#                      the gateway (settings=profile) and print its hot methods and allocations; kept in PROFILE_DIR
#                      (./pg-masking-profile)
#   KEEP_RESULTS       a directory to copy the raw results (results TSV, StreamRows output, GC log, gateway log) into
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
ROWS="${ROWS:-1000000}"
REPEATS="${REPEATS:-3}"
FETCH_SIZE="${FETCH_SIZE:-1000}"
WARMUP_ROWS="${WARMUP_ROWS:-200000}"
HEAP_ROWS="${HEAP_ROWS:-100000 300000 1000000}"
METHODS="${METHODS:-datarow copy}"
TARGETS="${TARGETS:-direct plain masked}"
SLUICE_JAR="${SLUICE_JAR:-$REPO/sluice-app/target/sluice.jar}"
KEEP_RESULTS="${KEEP_RESULTS:-}"
PROFILE="${PROFILE:-0}"
PROFILE_DIR="${PROFILE_DIR:-$PWD/pg-masking-profile}"
PG_BIN=/usr/lib/postgresql/15/bin
PGJDBC="${PGJDBC:-$HOME/.m2/repository/org/postgresql/postgresql/42.7.8/postgresql-42.7.8.jar}"

if [[ -z "${JAVA_HOME:-}" || ! -x "${JAVA_HOME}/bin/java" ]] || ! "${JAVA_HOME}/bin/java" -version 2>&1 | grep -q 'version "25'; then
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $EUID -eq 0 ]] || die "run as root (PostgreSQL is started as the 'postgres' user via runuser)"
[[ -x "$PG_BIN/postgres" ]] || die "PostgreSQL 15 not found in $PG_BIN"
[[ -x "$JAVA" ]] || die "JDK 25 not found (set JAVA_HOME)"
for tool in psql curl ss runuser awk sort; do command -v "$tool" >/dev/null || die "$tool not found"; done
[[ -f "$PGJDBC" ]] || die "pgjdbc jar not found at $PGJDBC (set PGJDBC)"
max_rows=$ROWS
for n in $HEAP_ROWS $WARMUP_ROWS; do ((n > max_rows)) && max_rows=$n; done

if [[ ! -f "$SLUICE_JAR" ]]; then
  log "sluice.jar not found at $SLUICE_JAR: building it (./mvnw package -pl sluice-app -am, tests skipped)"
  (cd "$REPO" && ./mvnw -B -q -DskipTests -Dmaven.test.skip=true package -pl sluice-app -am) >&2 \
    || die "could not build sluice.jar"
  [[ -f "$SLUICE_JAR" ]] || die "the build did not produce $SLUICE_JAR"
fi

# ---------------------------------------------------------------- process bookkeeping and cleanup
WORK="$(mktemp -d /tmp/pg-masking.XXXXXX)"
chmod 711 "$WORK"
declare -A PIDS=()
PGDATA="$WORK/pg"

stop_pid() {  # name pid: TERM, wait up to 15 s, then KILL
  local name="$1" pid="$2" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  log "$name (pid $pid) did not stop on TERM; killing"
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  set +e
  trap - EXIT INT TERM
  [[ -n "${PIDS[sluice]:-}" ]] && stop_pid sluice "${PIDS[sluice]}"
  if [[ -n "${PIDS[postgres]:-}" ]]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null 2>&1
    stop_pid postgres "${PIDS[postgres]}"
  fi
  if [[ -n "$KEEP_RESULTS" && -d "$WORK/results" ]]; then
    cp "$WORK/sluice/gateway.log" "$WORK/sluice/gc.log" "$WORK/results/" 2>/dev/null
    mkdir -p "$KEEP_RESULTS" && cp -r "$WORK/results/." "$KEEP_RESULTS/" && log "raw results kept in $KEEP_RESULTS"
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

declare -A USED_PORTS=()
free_port() {  # a TCP port below the ephemeral range that no socket uses (and that we have not handed out yet)
  local p low
  low="$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  while :; do
    p=$((15000 + RANDOM % (low - 15000)))
    [[ -n "${USED_PORTS[$p]:-}" ]] && continue
    if ! ss -Hatn "( sport = :$p or dport = :$p )" 2>/dev/null | grep -q .; then
      USED_PORTS[$p]=1
      echo "$p"
      return
    fi
  done
}

wait_for_port() {  # port seconds name
  local port="$1" deadline=$((SECONDS + $2)) name="$3"
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    ((SECONDS < deadline)) || die "$name did not open 127.0.0.1:$port within $2 s"
    sleep 0.1
  done
}

LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$WORK/results"
RESULTS="$WORK/results/runs.tsv"     # method target rows seconds rows_per_s start_ms end_ms
printf 'method\ttarget\trows\tseconds\trows_per_s\tstart_ms\tend_ms\n' > "$RESULTS"

PG_PORT="$(free_port)"; SLUICE_PORT="$(free_port)"; ADMIN_PORT="$(free_port)"
BENCH_PASSWORD="bench-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"

# ---------------------------------------------------------------- 1. PostgreSQL 15 and the table
log "PostgreSQL 15 on 127.0.0.1:$PG_PORT; patients_bench with $max_rows rows"
mkdir -p "$PGDATA" && chown postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  --no-sync -E UTF8 --locale=C >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
  -o "-p $PG_PORT -k $PGDATA -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c fsync=off \
      -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
  || { cat "$PGDATA/server.log" >&2; die "PostgreSQL did not start"; }
PIDS[postgres]="$(head -1 "$PGDATA/postmaster.pid")"
runuser -u postgres -- "$PG_BIN/psql" -h "$PGDATA" -p "$PG_PORT" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 \
  -v pw="$BENCH_PASSWORD" >/dev/null <<'SQL'
SET password_encryption = 'scram-sha-256';
CREATE ROLE bench LOGIN PASSWORD :'pw';
CREATE DATABASE bench OWNER bench;
SQL
export PGPASSWORD="$BENCH_PASSWORD"
# Values look like the real thing (valid SSN areas, names from the detectors' lists, street addresses) so that the
# content detectors do the work they would do on production data.
psql -h 127.0.0.1 -p "$PG_PORT" -U bench -d bench -qAt -v ON_ERROR_STOP=1 -v rows="$max_rows" >/dev/null <<'SQL'
CREATE TABLE patients_bench AS
SELECT g AS id,
       lpad((1 + g % 665)::text, 3, '0') || '-' || lpad((1 + g % 99)::text, 2, '0') || '-'
         || lpad((1 + g % 9999)::text, 4, '0') AS ssn,
       (ARRAY['James','Mary','Robert','Patricia','John','Jennifer','Michael','Linda','David','Elizabeth'])[1 + g % 10]
         AS first_name,
       (ARRAY['Smith','Johnson','Williams','Brown','Jones','Garcia','Miller','Davis','Rodriguez','Martinez'])[1 + (g / 10) % 10]
         AS last_name,
       date '1930-01-01' + (g % 30000) AS dob,
       'patient' || g || '@example.org' AS email,
       '(' || (200 + g % 700) || ') 555-' || lpad((g % 10000)::text, 4, '0') AS phone,
       (1 + g % 9999) || ' ' || (ARRAY['Maple','Oak','Cedar','Elm','Pine'])[1 + g % 5] || ' St Apt ' || (1 + g % 40)
         AS street_address,
       lpad((10000 + g % 89999)::text, 5, '0') AS zip
FROM generate_series(1, :rows) g;
ALTER TABLE patients_bench ADD PRIMARY KEY (id);
VACUUM ANALYZE patients_bench;
SELECT count(*) FROM patients_bench;
SQL

# ---------------------------------------------------------------- 2. Sluice: plain and masked connections
log "Sluice on 127.0.0.1:$SLUICE_PORT (admin $ADMIN_PORT)"
mkdir -p "$WORK/sluice"
printf '%s' "$BENCH_PASSWORD" > "$WORK/sluice/upstream-password"
od -An -tx1 -N32 /dev/urandom | tr -d ' \n' > "$WORK/sluice/masking-key"
chmod 600 "$WORK/sluice/upstream-password" "$WORK/sluice/masking-key"
cat > "$WORK/sluice/sluice.yaml" <<EOF
gateway:
  data_dir: ./data
admin:
  listen: 127.0.0.1:$ADMIN_PORT
listeners:
  - name: pg
    protocol: postgresql
    listen: 127.0.0.1:$SLUICE_PORT
connections:
  - name: bench_plain
    type: postgresql
    listener: pg
    target: { host: 127.0.0.1, port: $PG_PORT, database: bench, tls: disable }
    credentials: { username: bench, password: "\${file:upstream-password}" }
    access: { groups: [bench] }
  - name: bench_masked
    type: postgresql
    listener: pg
    target: { host: 127.0.0.1, port: $PG_PORT, database: bench, tls: disable }
    credentials: { username: bench, password: "\${file:upstream-password}" }
    access: { groups: [bench] }
    policy: phi
policies:
  - name: phi
    masking:
      preset: phi-strict
      key: \${file:masking-key}
audit:
  fail_closed: false
EOF
JVM_FLAGS=(@"$REPO/sluice.jvm.options" "-Xlog:gc:file=$WORK/sluice/gc.log:timemillis")
# shellcheck disable=SC2206 # SLUICE_JAVA_OPTS is a list of flags on purpose
JVM_FLAGS+=(${SLUICE_JAVA_OPTS:-})
"$JAVA" "${JVM_FLAGS[@]}" -jar "$SLUICE_JAR" gateway --config "$WORK/sluice/sluice.yaml" \
  >"$WORK/sluice/gateway.log" 2>&1 &
PIDS[sluice]=$!
deadline=$((SECONDS + 90))
until curl -sf "http://127.0.0.1:$ADMIN_PORT/readyz" >/dev/null 2>&1; do
  kill -0 "${PIDS[sluice]}" 2>/dev/null || { tail -50 "$WORK/sluice/gateway.log" >&2; die "gateway exited"; }
  ((SECONDS < deadline)) || { tail -50 "$WORK/sluice/gateway.log" >&2; die "gateway not ready within 90 s"; }
  sleep 0.2
done
wait_for_port "$SLUICE_PORT" 30 sluice
SLUICE_TOKEN="$("$JAVA" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -jar "$SLUICE_JAR" \
  token issue --config "$WORK/sluice/sluice.yaml" --user bench --groups bench --ttl 4h 2>"$WORK/sluice/token.err" | tail -1)"
[[ -n "$SLUICE_TOKEN" ]] || { cat "$WORK/sluice/token.err" >&2; die "could not mint a token"; }
export PW_DIRECT="$BENCH_PASSWORD" PW_SLUICE="$SLUICE_TOKEN"

port_of() { if [[ "$1" == direct ]]; then echo "$PG_PORT"; else echo "$SLUICE_PORT"; fi; }
db_of() { case "$1" in direct) echo bench ;; plain) echo bench_plain ;; masked) echo bench_masked ;; esac; }
pw_of() { if [[ "$1" == direct ]]; then echo "$BENCH_PASSWORD"; else echo "$SLUICE_TOKEN"; fi; }
psql_to() {  # target, psql args...
  local target="$1"; shift
  PGPASSWORD="$(pw_of "$target")" psql "host=127.0.0.1 port=$(port_of "$target") dbname=$(db_of "$target") user=bench sslmode=disable gssencmode=disable" -X -q "$@"
}

# ---------------------------------------------------------------- 3. is masking in effect?
MASKING_STATE="in effect"
masked_ssn="$(psql_to masked -At -c "select ssn from patients_bench where id = 1" 2>"$WORK/masked-check.err" || true)"
direct_ssn="$(psql_to direct -At -c "select ssn from patients_bench where id = 1")"
if [[ -z "$masked_ssn" ]]; then
  MASKING_STATE="refused: $(head -c 300 "$WORK/masked-check.err" | tr '\n' ' ')"
elif [[ "$masked_ssn" == "$direct_ssn" || "$masked_ssn" != \*\*\** ]]; then
  MASKING_STATE="NOT in effect (bench_masked returned the SSN as '$masked_ssn')"
fi
log "masking on bench_masked: $MASKING_STATE (direct SSN $direct_ssn, through bench_masked '$masked_ssn')"
RUN_TARGETS=""
for t in $TARGETS; do
  if [[ "$t" == masked && "$MASKING_STATE" != "in effect" ]]; then
    log "masked target not measured: masking is $MASKING_STATE"
    continue
  fi
  RUN_TARGETS+="$t "
done

stream_targets() {  # targets... -> StreamRows TARGET arguments
  local t
  for t in "$@"; do
    if [[ "$t" == direct ]]; then echo "direct=127.0.0.1:$PG_PORT:bench:bench:PW_DIRECT"
    else echo "$t=127.0.0.1:$SLUICE_PORT:$(db_of "$t"):bench:PW_SLUICE"; fi
  done
}
SQL_TEMPLATE="select id, ssn, first_name, last_name, dob, email, phone, street_address, zip from patients_bench limit %d"

stream() {  # method plan targets... : runs StreamRows, appends its RESULT lines to $RESULTS
  local method="$1" plan="$2"; shift 2
  local out="$WORK/results/stream-$method.txt"
  # shellcheck disable=SC2046
  "$JAVA" -Xmx512m -cp "$PGJDBC" "$HERE/StreamRows.java" "$SQL_TEMPLATE" "$FETCH_SIZE" "$plan" \
    $(stream_targets "$@") >"$out" 2>&1 || { tail -20 "$out" >&2; die "StreamRows ($method) failed"; }
  grep '^SAMPLE ' "$out" >&2 || true
  awk -v m="$method" '$1 == "RESULT" { printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m, $2, $3, $4, $5, $6, $7 }' "$out" >> "$RESULTS"
}

# ---------------------------------------------------------------- 4. DataRow path
# shellcheck disable=SC2086
if [[ " $METHODS " == *" datarow "* ]]; then
  log "DataRow warm-up: $WARMUP_ROWS rows per target"
  stream warmup "$WARMUP_ROWS:1" $RUN_TARGETS
  log "DataRow: $REPEATS x $ROWS rows per target, round-robin (pgjdbc, fetch size $FETCH_SIZE)"
  stream datarow "$ROWS:$REPEATS" $RUN_TARGETS
fi

# ---------------------------------------------------------------- 5. CopyData path
if [[ " $METHODS " == *" copy "* ]]; then
  table_rows="$max_rows"
  log "COPY patients_bench TO STDOUT ($table_rows rows): $REPEATS times per target, round-robin (psql > /dev/null)"
  for ((r = 0; r < REPEATS; r++)); do
    for t in $RUN_TARGETS; do
      t0=$EPOCHREALTIME; s0="$(date +%s%3N)"
      if ! psql_to "$t" -c "copy patients_bench to stdout" >/dev/null 2>"$WORK/copy-$t.err"; then
        log "  copy via $t failed: $(head -c 300 "$WORK/copy-$t.err")"; continue
      fi
      t1=$EPOCHREALTIME; s1="$(date +%s%3N)"
      awk -v t="$t" -v n="$table_rows" -v a="$t0" -v b="$t1" -v s0="$s0" -v s1="$s1" \
        'BEGIN { d = b - a; printf "copy\t%s\t%d\t%.3f\t%.0f\t%s\t%s\n", t, n, d, n / d, s0, s1 }' >> "$RESULTS"
    done
  done
fi

# ---------------------------------------------------------------- 6. heap as the result grows
HEAP_TARGETS=""
for t in $RUN_TARGETS; do [[ "$t" != direct ]] && HEAP_TARGETS+="$t "; done
if [[ -n "$HEAP_TARGETS" ]]; then
  plan=""
  for n in $HEAP_ROWS; do plan+="${plan:+,}$n:1"; done
  log "heap: $HEAP_ROWS rows through $HEAP_TARGETS"
  # shellcheck disable=SC2086
  stream heap "$plan" $HEAP_TARGETS
fi
sleep 1   # let the last GC log lines reach the file

# ---------------------------------------------------------------- optional: where the masked path spends its time
if [[ "$PROFILE" == 1 && " $RUN_TARGETS " == *" masked "* ]]; then
  mkdir -p "$PROFILE_DIR"
  log "profile: $ROWS rows through bench_masked with JFR on the gateway ($PROFILE_DIR)"
  "$JAVA_HOME/bin/jcmd" "${PIDS[sluice]}" JFR.start name=masking settings=profile \
    filename="$PROFILE_DIR/gateway.jfr" >/dev/null
  "$JAVA" -Xmx512m -cp "$PGJDBC" "$HERE/StreamRows.java" "$SQL_TEMPLATE" "$FETCH_SIZE" "$ROWS:1" \
    "$(stream_targets masked)" >"$WORK/results/stream-profile.txt" 2>&1 || log "profiled run failed"
  "$JAVA_HOME/bin/jcmd" "${PIDS[sluice]}" JFR.stop name=masking >/dev/null
  for view in hot-methods allocation-by-class; do
    "$JAVA_HOME/bin/jfr" view --width 200 "$view" "$PROFILE_DIR/gateway.jfr" > "$PROFILE_DIR/$view.txt" 2>&1 || true
  done
fi

# gc.log lines: [1732615503123ms] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 45M->12M(128M) 3.456ms
heap_in_window() {  # start_ms end_ms -> "peak_mib live_mib collections"
  awk -v s="$1" -v e="$2" '
    function mib(v) { u = substr(v, length(v)); n = substr(v, 1, length(v) - 1) + 0
                      return u == "K" ? n / 1024 : (u == "G" ? n * 1024 : (u == "B" ? n / 1048576 : n)) }
    match($0, /^\[[0-9]+ms\]/) {
      t = substr($0, 2, RLENGTH - 4) + 0
      if (t < s || t > e) next
      if (match($0, /[0-9]+[BKMG]->[0-9]+[BKMG]\(/)) {
        split(substr($0, RSTART, RLENGTH - 1), p, "->")
        b = mib(p[1]); a = mib(p[2]); c++
        if (b > peak) peak = b
        if (a > live) live = a
      }
    }
    END { if (c == 0) print "- - 0"; else printf "%.0f %.0f %d\n", peak, live, c }' "$WORK/sluice/gc.log"
}
HEAP_TSV="$WORK/results/heap.tsv"
printf 'target\trows\tpeak_mib\tlive_mib\tcollections\n' > "$HEAP_TSV"
while IFS=$'\t' read -r method target rows _ _ s e; do
  [[ "$method" == heap ]] || continue
  read -r peak live count < <(heap_in_window "$s" "$e")
  printf '%s\t%s\t%s\t%s\t%s\n' "$target" "$rows" "$peak" "$live" "$count" >> "$HEAP_TSV"
done < "$RESULTS"

# ---------------------------------------------------------------- 7. the summary
summary() {  # format: plain | markdown
  awk -F'\t' -v fmt="$1" -v targets="$RUN_TARGETS" '
    NR == 1 || $1 == "warmup" || $1 == "heap" { next }
    { k = $1 SUBSEP $2; n[k]++; v[k, n[k]] = $5; rows[k] = $3; if (!($1 in seenm)) { seenm[$1] = 1; ms[++nm] = $1 } }
    function median(k,   i, j, t, a, c) {
      c = n[k]; for (i = 1; i <= c; i++) a[i] = v[k, i]
      for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return c % 2 ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2
    }
    END {
      split(targets, ts, " ")
      if (fmt == "markdown") { print "| path | target | rows | rows/s (median) | runs | vs direct |"; print "|---|---|---:|---:|---:|---:|" }
      else printf "%-8s %-8s %9s %16s %5s %10s\n", "path", "target", "rows", "rows/s (median)", "runs", "vs direct"
      for (i = 1; i <= nm; i++) {
        m = ms[i]; d = ((m SUBSEP "direct") in n) ? median(m SUBSEP "direct") : 0
        for (j = 1; j in ts; j++) {
          t = ts[j]; k = m SUBSEP t; if (!(k in n)) continue
          r = median(k); ratio = d > 0 ? sprintf("%.2f", r / d) : "-"
          if (fmt == "markdown") printf "| %s | %s | %d | %.0f | %d | %s |\n", m, t, rows[k], r, n[k], ratio
          else printf "%-8s %-8s %9d %16.0f %5d %10s\n", m, t, rows[k], r, n[k], ratio
        }
      }
    }' "$RESULTS"
}

heap_table() {  # format
  awk -F'\t' -v fmt="$1" '
    NR == 1 { if (fmt == "markdown") { print "| target | rows streamed | peak heap MiB (before GC) | max live heap MiB (after GC) | GCs in window |"; print "|---|---:|---:|---:|---:|" }
              else printf "%-8s %10s %12s %12s %6s\n", "target", "rows", "peak MiB", "live MiB", "GCs"; next }
    { if (fmt == "markdown") printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5
      else printf "%-8s %10s %12s %12s %6s\n", $1, $2, $3, $4, $5 }' "$HEAP_TSV"
}

targets_check() {
  awk -F'\t' -v state="$MASKING_STATE" -v heap="$HEAP_TSV" '
    NR == 1 || $1 != "datarow" && $1 != "copy" { next }
    { k = $1 SUBSEP $2; n[k]++; v[k, n[k]] = $5 }
    function median(k,   i, j, t, a, c) {
      c = n[k]; for (i = 1; i <= c; i++) a[i] = v[k, i]
      for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return c % 2 ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2
    }
    END {
      for (mi = 1; mi <= 2; mi++) {
        m = mi == 1 ? "datarow" : "copy"
        if (!((m SUBSEP "direct") in n)) continue
        d = median(m SUBSEP "direct")
        if ((m SUBSEP "masked") in n) { r = median(m SUBSEP "masked") / d
          printf "- %s: masked / direct = %.2fx (target >= 0.50x): %s\n", m, r, (r >= 0.5 ? "MET" : "MISSED") }
        else printf "- %s: masked / direct: not measured (masking %s)\n", m, state
        if ((m SUBSEP "plain") in n) printf "- %s: unmasked / direct = %.2fx\n", m, median(m SUBSEP "plain") / d
      }
      while ((getline line < heap) > 0) {
        split(line, f, "\t"); if (f[1] == "target" || f[3] == "-") continue
        if (!(f[1] in first)) { first[f[1]] = f[3]; firstRows[f[1]] = f[2]; firstLive[f[1]] = f[4] }
        last[f[1]] = f[3]; lastRows[f[1]] = f[2]; lastLive[f[1]] = f[4]
      }
      for (t in first) {
        flat = (last[t] <= first[t] * 1.25 + 8) && (lastLive[t] <= firstLive[t] * 1.25 + 8)
        printf "- heap, %s: peak %s MiB at %s rows -> %s MiB at %s rows (live %s -> %s MiB): %s\n", t, first[t],
          firstRows[t], last[t], lastRows[t], firstLive[t], lastLive[t], (flat ? "FLAT (MET)" : "GROWS (MISSED)")
      }
    }' "$RESULTS"
}

{
  echo
  echo "== PostgreSQL masking throughput: $max_rows-row table, 8 PHI columns, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ) =="
  echo "masking on bench_masked: $MASKING_STATE"
  echo "load average at start: $LOAD_START; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  grep -h '^SAMPLE ' "$WORK"/results/stream-datarow.txt 2>/dev/null | sed 's/^SAMPLE /first row, /' || true
  echo
  summary plain
  echo
  heap_table plain
  echo
  echo "== Markdown (for bench/RESULTS.md) =="
  echo
  summary markdown
  echo
  heap_table markdown
  echo
  echo "Targets from the issue:"
  echo
  targets_check
  if [[ "$PROFILE" == 1 && -f "$PROFILE_DIR/hot-methods.txt" ]]; then
    echo
    echo "== Gateway profile, bench_masked, $ROWS rows (JFR): $PROFILE_DIR =="
    head -40 "$PROFILE_DIR/hot-methods.txt"
    echo
    head -30 "$PROFILE_DIR/allocation-by-class.txt"
  fi
}
