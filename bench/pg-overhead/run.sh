#!/usr/bin/env bash
# PostgreSQL overhead benchmark: what does Sluice cost in the data path, next to a direct connection,
# pgbouncer (session mode) and a dumb TCP relay, all measured in the same run on the same machine?
#
#   bench/pg-overhead/run.sh                       # builds nothing; uses sluice-app/target/sluice.jar
#   DURATION=20 WARMUP=5 bench/pg-overhead/run.sh  # seconds per measured run / per warm-up run (defaults)
#
# What it does (everything on 127.0.0.1, every process stopped by PID on exit, temp dirs removed):
#   1. a throwaway PostgreSQL 15 (scram-sha-256 over TCP for role 'bench'), pgbench -i -s $SCALE;
#      pgbouncer in session mode; TcpRelay.java (virtual threads, two copy loops per connection);
#      Sluice (default SQLite store with audit on, the default allow-all policy).
#   2. pgbench -S and -S -M prepared, at -c 1 -j 1 and -c 16 -j 2, $DURATION s each, against every target,
#      after a warm-up of $WARMUP s per mode per target (the JVMs need it to compile the hot path).
#   3. 1,000 idle authenticated sessions through the freshly started Sluice (IdleSessions.java, pgjdbc), before
#      the throughput runs; gateway VmRSS before/with them, and again after all pgbench runs.
#   4. a table (plain and Markdown) of TPS, ratios vs direct and vs pgbouncer, p50/p99, added p50 vs direct.
#
# Latency: every run uses `pgbench -l` (one log line per transaction; field 3 is the transaction's latency in
# microseconds). The logs of all pgbench threads of a run are counted into a histogram of exact microsecond
# values, and the nearest-rank percentile is taken: pXX = the value at position ceil(XX/100 * N) in sorted order. TPS is pgbench's own
# "tps = ... (without initial connection time)". Every run uses -n (no vacuum between runs; pgbench -i vacuumed
# the tables once after loading) so the only traffic is the measured workload.
#
# Two more columns help read a run on a shared machine: "proxy CPU µs/txn" is the CPU time (user + system, from
# /proc/PID/stat) the proxy process (pgbouncer, relay or gateway) spent per transaction, the cost the proxy puts
# on a 2-core box; "other CPU" is how many cores processes outside this benchmark kept busy during the run
# (anything well above 0 means that row was measured on a loaded machine).
#
# Environment knobs:
#   DURATION (20)  WARMUP (5)  SCALE (10)  IDLE_SESSIONS (1000)
#   TARGETS ("direct pgbouncer relay sluice")   subset to run; sluice is skipped (row "pending") if the jar is missing
#   SLUICE_JAR (<repo>/sluice-app/target/sluice.jar)   JAVA_HOME (temurin 25)
#   SLUICE_JAVA_OPTS   extra JVM flags for the gateway (e.g. -Xmx512m)
#   PROFILE=1      record the gateway with JFR (settings=profile) during its measured runs and print the hot
#                  methods; the recording and summaries are kept in PROFILE_DIR (./pg-overhead-profile)
#   KEEP_RESULTS   a directory to copy the raw results (TSV, pgbench outputs, gateway log) into
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-5}"
SCALE="${SCALE:-10}"
IDLE_SESSIONS="${IDLE_SESSIONS:-1000}"
TARGETS="${TARGETS:-direct pgbouncer relay sluice}"
SLUICE_JAR="${SLUICE_JAR:-$REPO/sluice-app/target/sluice.jar}"
PROFILE="${PROFILE:-0}"
PROFILE_DIR="${PROFILE_DIR:-$PWD/pg-overhead-profile}"
KEEP_RESULTS="${KEEP_RESULTS:-}"
PG_BIN=/usr/lib/postgresql/15/bin
PGJDBC="${PGJDBC:-$HOME/.m2/repository/org/postgresql/postgresql/42.7.8/postgresql-42.7.8.jar}"

if [[ -z "${JAVA_HOME:-}" || ! -x "${JAVA_HOME}/bin/java" ]] || ! "${JAVA_HOME}/bin/java" -version 2>&1 | grep -q 'version "25'; then
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="$JAVA_HOME/bin/java"
JCMD="$JAVA_HOME/bin/jcmd"
JFR="$JAVA_HOME/bin/jfr"

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $EUID -eq 0 ]] || die "run as root (PostgreSQL and pgbouncer are started as the 'postgres' user via runuser/setpriv)"
[[ -x "$PG_BIN/postgres" ]] || die "PostgreSQL 15 not found in $PG_BIN"
[[ -x "$JAVA" ]] || die "JDK 25 not found (set JAVA_HOME)"
for tool in pgbench curl ss setpriv runuser; do command -v "$tool" >/dev/null || die "$tool not found"; done
if [[ " $TARGETS " == *" pgbouncer "* ]] && ! command -v pgbouncer >/dev/null; then
  log "pgbouncer missing: apt-get install -y pgbouncer"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q pgbouncer >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q pgbouncer >/dev/null; } \
    || die "could not install pgbouncer"
fi
SLUICE_AVAILABLE=1
if [[ " $TARGETS " == *" sluice "* ]]; then
  if [[ ! -f "$SLUICE_JAR" ]]; then
    log "sluice.jar not found at $SLUICE_JAR: the Sluice rows will be reported as pending"
    SLUICE_AVAILABLE=0
  fi
  [[ -f "$PGJDBC" ]] || die "pgjdbc jar not found at $PGJDBC (set PGJDBC)"
fi

# ---------------------------------------------------------------- process bookkeeping and cleanup
WORK="$(mktemp -d /tmp/pg-overhead.XXXXXX)"
chmod 711 "$WORK"
declare -A PIDS=()       # name -> pid of every process this script started
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
  for name in idle-sessions sluice relay pgbouncer; do
    [[ -n "${PIDS[$name]:-}" ]] && stop_pid "$name" "${PIDS[$name]}"
  done
  if [[ -n "${PIDS[postgres]:-}" ]]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null 2>&1
    stop_pid postgres "${PIDS[postgres]}"
  fi
  if [[ -n "$KEEP_RESULTS" && -d "$WORK/results" ]]; then
    mkdir -p "$KEEP_RESULTS" && cp -r "$WORK/results/." "$KEEP_RESULTS/" && log "raw results kept in $KEEP_RESULTS"
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- helpers
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

wait_for_line() {  # file pattern seconds name pid
  local file="$1" pattern="$2" deadline=$((SECONDS + $3)) name="$4" pid="$5"
  until grep -q "$pattern" "$file" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$file" >&2; die "$name exited before it was ready"; }
    ((SECONDS < deadline)) || { cat "$file" >&2; die "$name not ready within $3 s"; }
    sleep 0.1
  done
}

# CPU used by processes outside this benchmark while a run was measured, in cores (2 = the whole machine busy
# elsewhere). Ours = the script and its reaped children (pgbench), the postmaster with its reaped and live
# backends, pgbouncer, the relay and the gateway. Jiffies from /proc/stat and /proc/PID/stat.
proc_cpu() {  # pid -> utime+stime+cutime+cstime
  if [[ -r "/proc/$1/stat" ]]; then sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 + $14 + $15 }'; else echo 0; fi
}
cpu_snapshot() {  # -> "total_busy ours"
  local ours=0 pid child
  ours=$((ours + $(proc_cpu $$)))
  for pid in "${PIDS[@]}"; do ours=$((ours + $(proc_cpu "$pid"))); done
  if [[ -n "${PIDS[postgres]:-}" ]]; then
    for child in $(pgrep -P "${PIDS[postgres]}"); do ours=$((ours + $(proc_cpu "$child"))); done
  fi
  echo "$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat) $ours"
}
proxy_cpu() {  # target -> CPU jiffies the proxy process has used so far (empty for direct)
  case "$1" in
    pgbouncer | relay | sluice) proc_cpu "${PIDS[$1]}" ;;
    *) echo "" ;;
  esac
}
other_cores() {  # "busy0 ours0" "busy1 ours1" wall_seconds
  local b0 o0 b1 o1
  read -r b0 o0 <<<"$1"; read -r b1 o1 <<<"$2"
  awk -v b=$((b1 - b0)) -v o=$((o1 - o0)) -v s="$3" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { v = (b - o) / (hz * s); if (v < 0) v = 0; printf "%.2f", v }'
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }
mib() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }

mkdir -p "$WORK/results" "$WORK/pgbench"
RESULTS="$WORK/results/runs.tsv"
printf 'target\tmode\tclients\ttps\tp50_us\tp99_us\tother_cores\tproxy_cpu_us_per_txn\n' > "$RESULTS"

PG_PORT="$(free_port)"; BOUNCER_PORT="$(free_port)"; RELAY_PORT="$(free_port)"
SLUICE_PORT="$(free_port)"; ADMIN_PORT="$(free_port)"
BENCH_PASSWORD="bench-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"

# ---------------------------------------------------------------- 1. PostgreSQL 15
log "PostgreSQL 15 on 127.0.0.1:$PG_PORT (initdb, scale $SCALE)"
mkdir -p "$PGDATA" && chown postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  --no-sync -E UTF8 --locale=C >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
# max_connections covers the 1,000 idle gateway sessions (each holds one upstream backend) plus the pgbench runs.
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
  -o "-p $PG_PORT -k $PGDATA -c listen_addresses=127.0.0.1 -c max_connections=$((IDLE_SESSIONS + 200)) \
      -c shared_buffers=256MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
  || { cat "$PGDATA/server.log" >&2; die "PostgreSQL did not start"; }
PIDS[postgres]="$(head -1 "$PGDATA/postmaster.pid")"
runuser -u postgres -- "$PG_BIN/psql" -h "$PGDATA" -p "$PG_PORT" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 \
  -v pw="$BENCH_PASSWORD" >/dev/null <<'SQL'
SET password_encryption = 'scram-sha-256';
CREATE ROLE bench LOGIN PASSWORD :'pw';
CREATE DATABASE bench OWNER bench;
SQL
export PGPASSWORD="$BENCH_PASSWORD"
pgbench -i -q -s "$SCALE" -h 127.0.0.1 -p "$PG_PORT" -U bench bench >"$WORK/pgbench-init.log" 2>&1 \
  || { cat "$WORK/pgbench-init.log" >&2; die "pgbench -i failed"; }

# ---------------------------------------------------------------- pgbouncer (session mode)
if [[ " $TARGETS " == *" pgbouncer "* ]]; then
  log "pgbouncer (session mode) on 127.0.0.1:$BOUNCER_PORT"
  mkdir -p "$WORK/pgbouncer"
  printf '"bench" "%s"\n' "$BENCH_PASSWORD" > "$WORK/pgbouncer/userlist.txt"
  cat > "$WORK/pgbouncer/pgbouncer.ini" <<EOF
[databases]
bench = host=127.0.0.1 port=$PG_PORT dbname=bench
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $WORK/pgbouncer/userlist.txt
pool_mode = session
default_pool_size = 40
max_client_conn = 200
ignore_startup_parameters = extra_float_digits
logfile = $WORK/pgbouncer/pgbouncer.log
log_connections = 0
log_disconnections = 0
EOF
  chown -R postgres:postgres "$WORK/pgbouncer" && chmod 600 "$WORK/pgbouncer/userlist.txt"
  # setpriv execs pgbouncer in place, so $! is pgbouncer's own PID (it refuses to run as root).
  setpriv --reuid=postgres --regid=postgres --init-groups pgbouncer "$WORK/pgbouncer/pgbouncer.ini" \
    >"$WORK/pgbouncer/stdout.log" 2>&1 &
  PIDS[pgbouncer]=$!
  wait_for_port "$BOUNCER_PORT" 20 pgbouncer
fi

# ---------------------------------------------------------------- the dumb relay
if [[ " $TARGETS " == *" relay "* ]]; then
  log "TcpRelay on 127.0.0.1:$RELAY_PORT"
  "$JAVA" "$HERE/TcpRelay.java" "$RELAY_PORT" 127.0.0.1 "$PG_PORT" >"$WORK/relay.log" 2>&1 &
  PIDS[relay]=$!
  wait_for_line "$WORK/relay.log" READY 60 TcpRelay "${PIDS[relay]}"
fi

# ---------------------------------------------------------------- Sluice
SLUICE_TOKEN=""
if [[ " $TARGETS " == *" sluice "* && $SLUICE_AVAILABLE -eq 1 ]]; then
  log "Sluice on 127.0.0.1:$SLUICE_PORT (admin $ADMIN_PORT)"
  mkdir -p "$WORK/sluice"
  printf '%s' "$BENCH_PASSWORD" > "$WORK/sluice/upstream-password"
  chmod 600 "$WORK/sluice/upstream-password"
  cat > "$WORK/sluice/sluice.yaml" <<EOF
gateway:
  data_dir: ./data
  limits:
    max_sessions: $((IDLE_SESSIONS + 1000))
    max_sessions_per_identity: $((IDLE_SESSIONS + 1000))
admin:
  listen: 127.0.0.1:$ADMIN_PORT
listeners:
  - name: pg
    protocol: postgresql
    listen: 127.0.0.1:$SLUICE_PORT
connections:
  - name: bench
    type: postgresql
    listener: pg
    target: { host: 127.0.0.1, port: $PG_PORT, database: bench, tls: disable }
    credentials: { username: bench, password: "\${file:upstream-password}" }
    access: { groups: [bench] }
audit:
  fail_closed: false
EOF
  JVM_FLAGS=(@"$REPO/sluice.jvm.options")   # the flags ./sluice runs with: the gateway as shipped
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
    token issue --config "$WORK/sluice/sluice.yaml" --user bench --groups bench --ttl 2h 2>"$WORK/sluice/token.err" | tail -1)"
  [[ -n "$SLUICE_TOKEN" ]] || { cat "$WORK/sluice/token.err" >&2; die "could not mint a token"; }
  sleep 2   # let the gateway settle before its memory is read
fi

# ---------------------------------------------------------------- 3. idle sessions through Sluice
# Measured on the freshly started gateway, before the throughput runs: what 1,000 parked sessions cost, not how
# far the heap grew under pgbench load (that is reported separately, as the RSS after the runs).
RSS_FRESH_KB=""; RSS_BEFORE_KB=""; RSS_WITH_KB=""; RSS_WITH_GC_KB=""; HEAP_AFTER_GC=""; HWM_KB=""; RSS_AFTER_LOAD_KB=""; IDLE_REPORT="not run"
if [[ -n "${PIDS[sluice]:-}" ]]; then
  RSS_FRESH_KB="$(rss_kb "${PIDS[sluice]}")"
  # A first round of 50 sessions, opened and closed, loads and compiles the login path (JWT, SCRAM, audit), so the
  # per-session figure below is the cost of holding sessions, not of running the code the first time.
  log "warm-up: 50 sessions opened and closed through Sluice"
  PGPASSWORD="$SLUICE_TOKEN" "$JAVA" -cp "$PGJDBC" "$HERE/IdleSessions.java" 127.0.0.1 "$SLUICE_PORT" bench bench \
    50 "$WORK/idle.stop" 0 >"$WORK/idle-warmup.log" 2>&1 || log "session warm-up failed: $(tail -2 "$WORK/idle-warmup.log")"
  sleep 3
  log "opening $IDLE_SESSIONS idle sessions through Sluice"
  RSS_BEFORE_KB="$(rss_kb "${PIDS[sluice]}")"
  PGPASSWORD="$SLUICE_TOKEN" "$JAVA" -cp "$PGJDBC" "$HERE/IdleSessions.java" 127.0.0.1 "$SLUICE_PORT" bench bench \
    "$IDLE_SESSIONS" "$WORK/idle.stop" 300 >"$WORK/idle.log" 2>&1 &
  PIDS[idle-sessions]=$!
  wait_for_line "$WORK/idle.log" '^READY' 240 IdleSessions "${PIDS[idle-sessions]}"
  sleep 3   # let the sessions settle (virtual threads parked, buffers allocated)
  RSS_WITH_KB="$(rss_kb "${PIDS[sluice]}")"
  HWM_KB="$(hwm_kb "${PIDS[sluice]}")"
  # What the sessions hold alive, apart from garbage the heap has not collected yet: a full GC, then the live
  # heap and the RSS again (G1 may give memory back after a full GC).
  "$JCMD" "${PIDS[sluice]}" GC.run >/dev/null 2>&1 || true
  sleep 1
  RSS_WITH_GC_KB="$(rss_kb "${PIDS[sluice]}")"
  HEAP_AFTER_GC="$("$JCMD" "${PIDS[sluice]}" GC.heap_info 2>/dev/null \
    | sed -n 's/.*heap *total[^,]*, committed \([0-9]*\)K, used \([0-9]*\)K.*/\2 \1/p' | head -1)"
  IDLE_REPORT="$(grep -E '^(READY|FIRST_FAILURE)' "$WORK/idle.log" | tr '\n' ' ')"
  touch "$WORK/idle.stop"
  for ((i = 0; i < 300; i++)); do kill -0 "${PIDS[idle-sessions]}" 2>/dev/null || break; sleep 0.1; done
  stop_pid idle-sessions "${PIDS[idle-sessions]}"
  unset 'PIDS[idle-sessions]'
  log "idle sessions: $IDLE_REPORT; gateway RSS $(mib "$RSS_BEFORE_KB") -> $(mib "$RSS_WITH_KB") MiB"
  # wait for the upstream backends of those sessions to go away before measuring throughput
  for ((i = 0; i < 300; i++)); do (($(pgrep -c -P "${PIDS[postgres]}") < 50)) && break; sleep 0.1; done
fi

# ---------------------------------------------------------------- 2. pgbench runs
port_of() {
  case "$1" in
    direct) echo "$PG_PORT" ;; pgbouncer) echo "$BOUNCER_PORT" ;; relay) echo "$RELAY_PORT" ;; sluice) echo "$SLUICE_PORT" ;;
  esac
}
password_of() { if [[ "$1" == sluice ]]; then echo "$SLUICE_TOKEN"; else echo "$BENCH_PASSWORD"; fi; }

mode_flags() { if [[ "$1" == prepared ]]; then echo "-M prepared"; else echo "-M simple"; fi; }
threads_for() { if (($1 == 1)); then echo 1; else echo 2; fi; }

latency_percentiles() {  # pgbench -l files... -> "p50 p99" (nearest rank: the value at position ceil(p * N))
  awk '$3 ~ /^[0-9]+$/ { c[$3]++ } END { for (v in c) print v, c[v] }' "$@" | sort -n -k1,1 | awk '
    { v[NR] = $1; c[NR] = $2; n += $2 }
    END {
      if (n == 0) { print "NA NA"; exit }
      r50 = int(0.50 * n); if (r50 < 0.50 * n) r50++
      r99 = int(0.99 * n); if (r99 < 0.99 * n) r99++
      for (i = 1; i <= NR; i++) { seen += c[i]; if (p50 == "" && seen >= r50) p50 = v[i]; if (seen >= r99) { p99 = v[i]; break } }
      print p50, p99
    }'
}

run_pgbench() {  # target mode clients
  local target="$1" mode="$2" clients="$3" port out prefix tps cpu0 cpu1 t0 other proxy0 proxy1 txns per_txn="-"
  port="$(port_of "$target")"
  proxy0="$(proxy_cpu "$target")"
  cpu0="$(cpu_snapshot)"; t0=$EPOCHREALTIME
  out="$WORK/pgbench/$target-$mode-c$clients"
  prefix="$out.log"
  # shellcheck disable=SC2046
  if ! PGPASSWORD="$(password_of "$target")" PGSSLMODE=disable pgbench -n -S $(mode_flags "$mode") \
      -c "$clients" -j "$(threads_for "$clients")" -T "$DURATION" -l --log-prefix="$prefix" \
      -h 127.0.0.1 -p "$port" -U bench bench >"$out.out" 2>&1; then
    log "  $target $mode c$clients FAILED: $(tail -3 "$out.out" | tr '\n' ' ')"
    printf '%s\t%s\t%s\tNA\tNA\tNA\t-\t-\n' "$target" "$mode" "$clients" >> "$RESULTS"
    rm -f "$prefix".*
    return
  fi
  sleep 0.3   # let the postmaster reap the run's backends, so their CPU counts as ours
  cpu1="$(cpu_snapshot)"
  other="$(other_cores "$cpu0" "$cpu1" "$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')")"
  proxy1="$(proxy_cpu "$target")"
  txns="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out.out")"
  if [[ -n "$proxy0" && -n "$txns" && "$txns" -gt 0 ]]; then
    per_txn="$(awk -v d=$((proxy1 - proxy0)) -v n="$txns" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", d / hz * 1e6 / n }')"
  fi
  tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time).*/\1/p' "$out.out")"
  local p50 p99
  read -r p50 p99 < <(latency_percentiles "$prefix".*)
  rm -f "$prefix".*
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$mode" "$clients" "${tps:-NA}" "$p50" "$p99" "$other" "$per_txn" >> "$RESULTS"
  log "  $target $mode c$clients: tps=${tps:-NA} p50=${p50}us p99=${p99}us proxy-cpu=${per_txn}us/txn other-cpu=${other} cores"
}

warm_up() {  # target
  local target="$1" port mode
  port="$(port_of "$target")"
  for mode in simple prepared; do
    # shellcheck disable=SC2046
    PGPASSWORD="$(password_of "$target")" PGSSLMODE=disable pgbench -n -S $(mode_flags "$mode") -c 16 -j 2 \
      -T "$WARMUP" -h 127.0.0.1 -p "$port" -U bench bench >"$WORK/pgbench/$target-warmup-$mode.out" 2>&1 \
      || log "  warm-up $target $mode failed: $(tail -2 "$WORK/pgbench/$target-warmup-$mode.out" | tr '\n' ' ')"
  done
}

# Warm every target up first, then measure round-robin: for each (mode, clients) every target runs back to back,
# so a burst of load from elsewhere on the machine hits neighbouring rows alike and the ratios stay comparable.
RUN_TARGETS=""
for target in $TARGETS; do
  if [[ "$target" == sluice && $SLUICE_AVAILABLE -eq 0 ]]; then continue; fi
  RUN_TARGETS+="$target "
  log "warm-up $target: ${WARMUP}s x 2 modes at 16 clients"
  warm_up "$target"
done
if [[ -n "${PIDS[sluice]:-}" && "$PROFILE" == 1 ]]; then
  mkdir -p "$PROFILE_DIR"
  # jdk.CPUTimeSample (JDK 25, JEP 509) samples by CPU time, native code and syscalls included, every 1 ms of CPU.
  "$JCMD" "${PIDS[sluice]}" JFR.start name=bench settings=profile 'jdk.CPUTimeSample#enabled=true' \
    'jdk.CPUTimeSample#throttle=1ms' filename="$PROFILE_DIR/gateway.jfr" >/dev/null
fi
for mode in simple prepared; do
  for clients in 1 16; do
    log "pgbench -S $mode, $clients client(s), ${DURATION}s per target"
    for target in $RUN_TARGETS; do
      run_pgbench "$target" "$mode" "$clients"
    done
  done
done
if [[ -n "${PIDS[sluice]:-}" && "$PROFILE" == 1 ]]; then
  "$JCMD" "${PIDS[sluice]}" JFR.stop name=bench >/dev/null
fi
if [[ " $TARGETS " == *" sluice "* && $SLUICE_AVAILABLE -eq 0 ]]; then
  for mode in simple prepared; do for clients in 1 16; do
    printf 'sluice\t%s\t%s\tpending\tpending\tpending\t-\t-\n' "$mode" "$clients" >> "$RESULTS"
  done; done
fi

# Reads `jfr print --stack-depth 64 --events EVENT` output (jdk.CPUTimeSample: JDK 25's CPU-time sampler, which
# also sees time spent in native code and syscalls; or jdk.ExecutionSample). Prints, as shares of all samples:
# (a) self: the top frame; (b) inclusive dev.sluice methods (counted once per sample); (c) the top frame paired
# with the nearest dev.sluice frame below it (who caused the syscall or library time); (d) samples per thread.
jfr_hot_spots() {
  awk '
    function clean(f) { sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*$/, "", f); sub(/\(.*$/, "", f); return f }
    function flush() { if (top != "") pair[top "  <-  " (owner == "" ? "(no sluice frame)" : owner)]++; top = "" }
    /^jdk\.(CPUTime|Execution)Sample / { flush(); inStack = 0; depth = 0; owner = ""; split("", seen); next }
    /(sampledThread|eventThread) = / {
      t = $0; sub(/.*Thread = "/, "", t); sub(/".*/, "", t)
      gsub(/[0-9a-f]+-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+/, "*", t); gsub(/[0-9]+/, "N", t)
      if (t == "") t = "(unnamed virtual)"; thread[t]++; next }
    /stackTrace = \[/ { inStack = 1; total++; next }
    inStack && /^[ \t]*\]/ { inStack = 0; next }
    inStack {
      f = clean($0); if (f == "" || f == "...") next
      if (depth++ == 0) { self[f]++; top = f }
      if (f ~ /^dev\.sluice\./) {
        if (owner == "") owner = f
        if (!(f in seen)) { seen[f] = 1; incl[f]++ }
      }
    }
    END {
      flush()
      if (total == 0) { print "no samples"; exit }
      printf "samples: %d\n\n-- self (top frame) --\n", total
      for (f in self) printf "%6d %5.1f%%  %s\n", self[f], 100 * self[f] / total, f | "sort -rn | head -25"
      close("sort -rn | head -25")
      printf "\n-- inclusive, dev.sluice methods --\n"
      for (f in incl) printf "%6d %5.1f%%  %s\n", incl[f], 100 * incl[f] / total, f | "sort -rn | head -40"
      close("sort -rn | head -40")
      printf "\n-- top frame  <-  nearest dev.sluice frame --\n"
      for (f in pair) printf "%6d %5.1f%%  %s\n", pair[f], 100 * pair[f] / total, f | "sort -rn | head -25"
      close("sort -rn | head -25")
      printf "\n-- by thread --\n"
      for (t in thread) printf "%6d %5.1f%%  %s\n", thread[t], 100 * thread[t] / total, t | "sort -rn | head -10"
      close("sort -rn | head -10")
    }' "$1"
}

if [[ -n "${PIDS[sluice]:-}" ]]; then
  RSS_AFTER_LOAD_KB="$(rss_kb "${PIDS[sluice]}")"
fi

if [[ "$PROFILE" == 1 && -f "$PROFILE_DIR/gateway.jfr" ]]; then
  log "profile: summarising $PROFILE_DIR/gateway.jfr"
  "$JFR" print --stack-depth 64 --events jdk.CPUTimeSample "$PROFILE_DIR/gateway.jfr" > "$PROFILE_DIR/samples.txt"
  jfr_hot_spots "$PROFILE_DIR/samples.txt" > "$PROFILE_DIR/hot-spots.txt"
  "$JFR" view --width 200 thread-cpu-load "$PROFILE_DIR/gateway.jfr" > "$PROFILE_DIR/thread-cpu-load.txt" 2>&1 || true
  "$JFR" view --width 200 hot-methods "$PROFILE_DIR/gateway.jfr" > "$PROFILE_DIR/hot-methods.txt" 2>&1 || true
  "$JFR" view --width 200 allocation-by-class "$PROFILE_DIR/gateway.jfr" > "$PROFILE_DIR/allocation-by-class.txt" 2>&1 || true
  rm -f "$PROFILE_DIR/samples.txt"
fi

if [[ -n "${PIDS[sluice]:-}" ]]; then
  cp "$WORK/sluice/gateway.log" "$WORK/results/gateway.log" 2>/dev/null || true
fi
cp "$WORK"/pgbench/*.out "$WORK/results/" 2>/dev/null || true

# ---------------------------------------------------------------- 4. the table
report() {  # format: plain | markdown
  awk -F'\t' -v fmt="$1" '
    NR == 1 { next }
    { key = $2 SUBSEP $3; tps[$1, key] = $4; p50[$1, key] = $5; p99[$1, key] = $6; oth[$1, key] = $7; pcpu[$1, key] = $8; rows[++n] = $1 SUBSEP key }
    function num(x) { return x ~ /^[0-9.]+$/ }
    function ratio(a, b) { return (num(a) && num(b) && b > 0) ? sprintf("%.2f", a / b) : "-" }
    END {
      if (fmt == "markdown") {
        print "| target | mode | clients | TPS | vs direct | vs pgbouncer | p50 µs | p99 µs | added p50 vs direct µs | proxy CPU µs/txn | other CPU (cores) |"
        print "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
      } else {
        printf "%-10s %-9s %7s %10s %9s %12s %8s %8s %10s %12s %10s\n", "target", "mode", "clients", "TPS", "vs direct", "vs pgbouncer", "p50 us", "p99 us", "+p50 us", "proxy us/txn", "other CPU"
      }
      for (i = 1; i <= n; i++) {
        split(rows[i], k, SUBSEP); t = k[1]; m = k[2]; c = k[3]; key = m SUBSEP c
        T = tps[t, key]
        tpsOut = num(T) ? sprintf("%.0f", T) : T
        vd = ratio(T, tps["direct", key]); vb = ratio(T, tps["pgbouncer", key])
        added = (num(p50[t, key]) && num(p50["direct", key])) ? sprintf("%+d", p50[t, key] - p50["direct", key]) : "-"
        if (fmt == "markdown")
          printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", t, m, c, tpsOut, vd, vb, p50[t, key], p99[t, key], added, pcpu[t, key], oth[t, key]
        else
          printf "%-10s %-9s %7s %10s %9s %12s %8s %8s %10s %12s %10s\n", t, m, c, tpsOut, vd, vb, p50[t, key], p99[t, key], added, pcpu[t, key], oth[t, key]
      }
    }' "$RESULTS"
}

targets_check() {  # the issue's targets, judged on this run
  awk -F'\t' -v rss="${RSS_WITH_KB:-}" -v sessions="$IDLE_SESSIONS" '
    NR == 1 { next }
    { tps[$1, $2, $3] = $4; p50[$1, $2, $3] = $5 }
    function num(x) { return x ~ /^[0-9.]+$/ }
    END {
      for (m = 1; m <= 2; m++) {
        mode = (m == 1) ? "simple" : "prepared"
        s = tps["sluice", mode, 16]; b = tps["pgbouncer", mode, 16]
        if (num(s) && num(b)) printf "- Sluice TPS vs pgbouncer, %s, 16 clients: %.2fx (target >= 1.00x): %s\n", mode, s / b, (s >= b) ? "MET" : "MISSED"
        else printf "- Sluice TPS vs pgbouncer, %s, 16 clients: pending\n", mode
      }
      for (m = 1; m <= 2; m++) {
        mode = (m == 1) ? "simple" : "prepared"
        s = p50["sluice", mode, 1]; d = p50["direct", mode, 1]
        if (num(s) && num(d)) printf "- Sluice added p50, %s, 1 client: %+d µs (target <= 60 µs): %s\n", mode, s - d, (s - d <= 60) ? "MET" : "MISSED"
        else printf "- Sluice added p50, %s, 1 client: pending\n", mode
      }
      if (rss != "") printf "- Gateway RSS with %d idle sessions: %.0f MiB (target <= 300 MB): %s\n", sessions, rss / 1024, (rss * 1024 <= 300 * 1000 * 1000) ? "MET" : "MISSED"
      else printf "- Gateway RSS with %d idle sessions: pending\n", sessions
    }' "$RESULTS"
}

rss_lines() {
  if [[ -n "$RSS_WITH_KB" ]]; then
    echo "- Gateway RSS, freshly started: $(mib "$RSS_FRESH_KB") MiB; idle after a 50-session warm-up round: $(mib "$RSS_BEFORE_KB") MiB"
    echo "- Gateway RSS with $IDLE_SESSIONS idle sessions: $(mib "$RSS_WITH_KB") MiB (+$(mib $((RSS_WITH_KB - RSS_BEFORE_KB))) MiB over idle, $(( (RSS_WITH_KB - RSS_BEFORE_KB) / IDLE_SESSIONS )) KiB per session; VmHWM $(mib "$HWM_KB") MiB)"
    if [[ -n "$HEAP_AFTER_GC" ]]; then
      read -r heap_used heap_committed <<<"$HEAP_AFTER_GC"
      echo "- Same, after a full GC (jcmd GC.run): RSS $(mib "$RSS_WITH_GC_KB") MiB; live heap $(mib "$heap_used") MiB of $(mib "$heap_committed") MiB committed"
    fi
    echo "- Gateway RSS after all pgbench runs, no sessions open: $(mib "$RSS_AFTER_LOAD_KB") MiB (JVM flags: sluice.jvm.options ${SLUICE_JAVA_OPTS:-})"
    echo "- Idle-session client: $IDLE_REPORT"
  else
    echo "- Gateway RSS: pending (Sluice not run)"
  fi
}

cp "$RESULTS" "$WORK/results/runs.tsv" 2>/dev/null || true
{
  echo
  echo "== PostgreSQL overhead: pgbench -S, ${DURATION}s per run, scale $SCALE, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ) =="
  report plain
  echo
  rss_lines
  echo
  echo "== Markdown (for bench/RESULTS.md) =="
  echo
  report markdown
  echo
  rss_lines
  echo
  echo "Targets from the issue:"
  echo
  targets_check
  if [[ "$PROFILE" == 1 && -f "$PROFILE_DIR/hot-spots.txt" ]]; then
    echo
    echo "== Gateway profile (JFR, measured runs only): $PROFILE_DIR =="
    head -60 "$PROFILE_DIR/hot-spots.txt"
  fi
}
