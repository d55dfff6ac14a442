#!/usr/bin/env bash
# Runs the "Outbound path at scale" load scenarios against the example runner (or a peer) on
# loopback and writes a Markdown results table. See docs/performance.md.
#
#   hydrogen-ws-benchmark/run-scenarios.sh                 # all scenarios, full size (a few minutes)
#   hydrogen-ws-benchmark/run-scenarios.sh S1 S3           # a subset
#   hydrogen-ws-benchmark/run-scenarios.sh --quick S1      # smoke test: 10x fewer clients, 5 s
#   hydrogen-ws-benchmark/run-scenarios.sh --server lws S1 # against the libwebsockets peer
#   hydrogen-ws-benchmark/run-scenarios.sh --server nio S2 # against the plain-JDK peer (the JVM's floor)
#   hydrogen-ws-benchmark/run-scenarios.sh --baseline 6b35a69 S1 S2 S3 S4   # before and after, one table
#
# Options: --quick, --no-build (reuse the jars and peers), --server hydrogen|lws|ws|nio (default
# hydrogen: the example runner, and for S6 the topic bench server; lws and ws: the C and Node peers
# in hydrogen-ws-benchmark/peers; nio: the plain-JDK peer NioPeer, from benchmarks.jar, run with
# SERVER_JAVA and SERVER_JVM_FLAGS as Hydrogen is), --baseline REV (hydrogen only: also run each scenario against the
# example runner of git revision REV, built once in a temporary git worktree), --out FILE (default
# hydrogen-ws-benchmark/target/results.md, results-lws.md, results-ws.md, results-nio.md), --help.
# Environment: MVN_ARGS (extra Maven flags, e.g. -o), SERVER_JAVA (default java), SERVER_JVM_FLAGS, LOADGEN_JVM_FLAGS,
# S4_READ_INTERVAL_MS (S4's paced reader; 0 turns it off), H_WARMUP_RAMPS (H's unmeasured ramps, 0-20; default 12).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/hydrogen-ws-benchmark"
RUNNER_JAR="$ROOT/hydrogen-ws-examples/target/hydrogen-ws-runner.jar"
LOADGEN_JAR="$BENCH/target/hydrogen-ws-loadgen.jar"
BENCH_JAR="$BENCH/target/benchmarks.jar"     # JMH uber jar; also holds S6's TopicBenchServer
LWS_BIN="$BENCH/target/peers/hydrogen-lws"   # built by peers/build.sh
WS_SCRIPT="$BENCH/peers/hydrogen-ws.js"
KEY="bench-${RANDOM}${RANDOM}${RANDOM}"   # throwaway key for a loopback-only server

# Server JVM flags, chosen for a small and readable footprint per idle connection:
#  -XX:+UseSerialGC  the server is pinned to one core, where the JVM would pick Serial anyway; it has
#                    the smallest GC bookkeeping (no G1 remembered sets, no concurrent GC threads).
#  -Xms64m           start small, so RSS grows with what the connections really keep alive instead
#                    of with an oversized initial heap.
#  -Xmx1g            a cap well above what 10,000 connections need; an OutOfMemoryError would say so.
#  (default -Xss)    Jetty does not give a connection a thread: the stack size scales with the
#                    ~20-30 pool threads, not with connections (see server.threads in the results),
#                    so -Xss256k would not change RSS per connection. Override via SERVER_JVM_FLAGS
#                    to measure it.
SERVER_JVM_FLAGS="${SERVER_JVM_FLAGS:--XX:+UseSerialGC -Xms64m -Xmx1g}"
# The server's java (the generator's is the one on PATH): e.g. a newer JDK to compare with.
SERVER_JAVA="${SERVER_JAVA:-java}"
# The generator allocates a String per message: a larger young generation keeps GC cheap.
LOADGEN_JVM_FLAGS="${LOADGEN_JVM_FLAGS:--XX:+UseSerialGC -Xms512m -Xmn256m -Xmx2g}"
CONNECT_RATE=1000   # connections per second
# S4 measures throughput at saturation: there the generator's reader waits this long between rounds,
# so each read() takes the several frames a connection received meanwhile (far less generator CPU per
# message; S4's latency reads up to this much higher). Every other scenario reads as data arrives.
S4_READ_INTERVAL_MS="${S4_READ_INTERVAL_MS:-20}"
# S6: the topic bench server publishes temperature at this rate; half the readers subscribe with these options.
S6_PUBLISH_HZ=50
S6_OPTIONS='{"min_interval_ms":200,"deadband":0.5}'
S6_OPTIONS_FRACTION=0.5

# name | readers | status interval ms | non-readers | RSS checkpoint (readers) | what it shows
SCENARIOS=(
  "S1|1000|100|0|0|1,000 clients at 10 Hz"
  "S2|5000|100|0|0|5,000 clients at 10 Hz"
  "S3|10000|1000|0|500|10,000 clients at 1 Hz; RSS per additional idle connection"
  "S4|2000|10|0|0|2,000 clients at 100 Hz (saturation: deliveries/s)"
  "S5|5000|100|50|0|S2 plus 50 non-reading clients (backpressure)"
  "H|5000|1000|0|0|handshakes: 5,000 key-authenticated clients connecting as fast as the server accepts"
  "S6|1000|0|0|0|1,000 subscribers to temperature published at 50 Hz, half with min_interval_ms 200 and deadband 0.5"
)

usage() {
  sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  echo "Scenarios:"
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r name _ _ _ _ what <<<"$s"
    echo "  $name  $what"
  done
}

QUICK=0
BUILD=1
SERVER=hydrogen
OUT=""
BASELINE=""
SELECTED=()
while (($#)); do
  case "$1" in
    --quick) QUICK=1 ;;
    --no-build) BUILD=0 ;;
    --server) SERVER="${2:-}"; shift ;;
    --server=*) SERVER="${1#--server=}" ;;
    --baseline) BASELINE="${2:-}"; shift ;;
    --baseline=*) BASELINE="${1#--baseline=}" ;;
    --out) OUT="$2"; shift ;;
    --out=*) OUT="${1#--out=}" ;;
    -h|--help) usage; exit 0 ;;
    S[0-9]*|H) SELECTED+=("$1") ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$SERVER" in
  hydrogen) WORK="$BENCH/target/scenarios"; OUT="${OUT:-$BENCH/target/results.md}" ;;
  lws|ws|nio) WORK="$BENCH/target/scenarios/$SERVER"; OUT="${OUT:-$BENCH/target/results-$SERVER.md}" ;;
  *) echo "unknown server: $SERVER (hydrogen, lws, ws or nio)" >&2; exit 2 ;;
esac
[[ "$S4_READ_INTERVAL_MS" =~ ^[0-9]+$ ]] || { echo "S4_READ_INTERVAL_MS must be a whole number of ms, was $S4_READ_INTERVAL_MS" >&2; exit 2; }
if ((${#SELECTED[@]} == 0)); then
  for s in "${SCENARIOS[@]}"; do SELECTED+=("${s%%|*}"); done
fi
for want in "${SELECTED[@]}"; do
  printf '%s\n' "${SCENARIOS[@]}" | grep -q "^$want|" || { echo "unknown scenario: $want" >&2; exit 2; }
done
BASELINE_COMMIT=""
if [[ -n "$BASELINE" ]]; then
  [[ "$SERVER" == hydrogen ]] || { echo "--baseline compares Hydrogen revisions: use it without --server $SERVER" >&2; exit 2; }
  BASELINE_COMMIT="$(git -C "$ROOT" rev-parse --verify --quiet "$BASELINE^{commit}")" \
    || { echo "--baseline: no commit $BASELINE in $ROOT" >&2; exit 2; }
  BASELINE_SHORT="$(git -C "$ROOT" rev-parse --short "$BASELINE_COMMIT")"
  BASELINE_JAR="$BENCH/target/baseline/hydrogen-ws-runner-$BASELINE_COMMIT.jar"
  CURRENT_REV="$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . 2>/dev/null || echo '+changes')"
fi

if ((QUICK)); then
  SCALE=10; WARMUP_S=2; DURATION_S=5; SETTLE_S=2
else
  SCALE=1; WARMUP_S=10; DURATION_S=30; SETTLE_S=5
fi

# 10,000 clients need ~10,100 descriptors in each process; raise the soft limit as far as allowed.
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
FD_LIMIT="$(ulimit -n)"

# Pin server and generator to different cores, so each one's CPU time is its own.
if command -v taskset >/dev/null && (($(nproc) >= 2)); then
  PIN_SERVER=(taskset -c 0); PIN_LOADGEN=(taskset -c 1)
else
  echo "warning: taskset or a second core is missing: server and generator share the CPU" >&2
  PIN_SERVER=(); PIN_LOADGEN=()
fi

# Builds the example runner of $BASELINE_COMMIT once (kept per commit in target/baseline/) in a
# temporary git worktree, which is removed again.
build_baseline() {
  [[ -f "$BASELINE_JAR" ]] && { echo "baseline runner of $BASELINE_SHORT: $BASELINE_JAR (built before)"; return 0; }
  local tree log="$BENCH/target/baseline/build-$BASELINE_SHORT.log"
  mkdir -p "$BENCH/target/baseline"
  tree="$(mktemp -d "${TMPDIR:-/tmp}/hydrogen-baseline-XXXXXX")"
  echo "building the example runner of $BASELINE_SHORT in the temporary worktree $tree (log: $log)"
  git -C "$ROOT" worktree add --detach "$tree" "$BASELINE_COMMIT" >"$log" 2>&1
  local status=0
  (cd "$tree" && ./mvnw -B -DskipTests ${MVN_ARGS:-} package -pl hydrogen-ws-examples -am) >>"$log" 2>&1 || status=$?
  if ((status == 0)); then
    cp "$tree/hydrogen-ws-examples/target/hydrogen-ws-runner.jar" "$BASELINE_JAR" || status=$?
  fi
  git -C "$ROOT" worktree remove --force "$tree" >>"$log" 2>&1 || rm -rf "$tree"
  if ((status != 0)); then
    tail -20 "$log" >&2
    echo "could not build the runner of $BASELINE_SHORT (exit code $status); see $log" >&2
    exit 1
  fi
}

if ((BUILD)); then
  if [[ "$SERVER" == hydrogen ]]; then
    (cd "$ROOT" && ./mvnw -B -Pbench -DskipTests ${MVN_ARGS:-} package)
  else   # a peer needs only the generator
    (cd "$ROOT" && ./mvnw -B -Pbench -DskipTests ${MVN_ARGS:-} -pl hydrogen-ws-benchmark -am package)
    [[ "$SERVER" == nio ]] || "$BENCH/peers/build.sh" "$SERVER"   # nio is in benchmarks.jar
  fi
fi
if [[ -n "$BASELINE" ]]; then
  build_baseline
fi
case "$SERVER" in
  hydrogen) NEEDED=("$RUNNER_JAR" "$BENCH_JAR"); SERVER_CMD="$SERVER_JAVA $SERVER_JVM_FLAGS -jar hydrogen-ws-runner.jar" ;;
  nio) NEEDED=("$BENCH_JAR"); SERVER_CMD="$SERVER_JAVA $SERVER_JVM_FLAGS -cp benchmarks.jar io.hydrogen.ws.benchmark.server.NioPeer" ;;
  lws) NEEDED=("$LWS_BIN"); SERVER_CMD="hydrogen-lws (libwebsockets $(pkg-config --modversion libwebsockets 2>/dev/null || echo '?'))" ;;
  ws) NEEDED=("$WS_SCRIPT" "$BENCH/peers/node_modules/ws/package.json")
      SERVER_CMD="node $(node --version 2>/dev/null || echo '?') hydrogen-ws.js (ws $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$BENCH/peers/node_modules/ws/package.json" 2>/dev/null))" ;;
esac
for file in "$LOADGEN_JAR" "${NEEDED[@]}"; do
  [[ -f "$file" ]] || { echo "missing $file: build with ./mvnw -B -Pbench -DskipTests package and hydrogen-ws-benchmark/peers/build.sh" >&2; exit 1; }
done
mkdir -p "$WORK" "$(dirname "$OUT")"

SERVER_PID=""
stop_server() {   # SIGTERM (graceful), then SIGKILL after 20 s; sets SERVER_EXIT
  SERVER_EXIT="n/a"
  [[ -n "$SERVER_PID" ]] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 200); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "server $SERVER_PID did not stop within 20 s of SIGTERM; killing it" >&2
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_EXIT=0
  wait "$SERVER_PID" || SERVER_EXIT=$?
  SERVER_PID=""
}
trap 'stop_server' EXIT
trap 'exit 130' INT TERM

# A runner that has a simulator (v0.2) gets --no-simulator: S1-S5 and H measure status pushes only,
# as in v0.1, which had none. Asked once per jar; sets RUNNER_FLAGS (not in a subshell, so the answer is kept).
declare -A RUNNER_EXTRA=()
runner_flags() {   # $1 runner jar
  if [[ -z "${RUNNER_EXTRA[$1]+set}" ]]; then
    RUNNER_EXTRA[$1]=""
    if java -jar "$1" --help 2>&1 | grep -q -- '--no-simulator'; then RUNNER_EXTRA[$1]="--no-simulator"; fi
  fi
  RUNNER_FLAGS="${RUNNER_EXTRA[$1]}"
}

start_server() {   # $1 name (S1, S6, ...), $2 status interval ms, $3 runner jar, $4 log prefix; sets SERVER_PID, SERVER_URI
  local out="$WORK/$4-server.out"
  rm -f "$out"
  RUNNER_FLAGS=""
  [[ "$SERVER" == hydrogen && "$1" != S6 ]] && runner_flags "$3"
  if [[ "$1" == S6 ]]; then   # the topic bench server: publishes temperature, no status pushes
    "${PIN_SERVER[@]}" $SERVER_JAVA $SERVER_JVM_FLAGS -cp "$BENCH_JAR" io.hydrogen.ws.benchmark.server.TopicBenchServer \
      --port 0 --key "$KEY" --publish-hz "$S6_PUBLISH_HZ" --status-interval-ms "$2" >"$out" 2>"$WORK/$4-server.err" &
  else
    case "$SERVER" in   # every server prints its ws://HOST:PORT/ on stdout once it listens
      hydrogen) "${PIN_SERVER[@]}" $SERVER_JAVA $SERVER_JVM_FLAGS -jar "$3" --host 127.0.0.1 --port 0 --key "$KEY" \
                  --status-interval-ms "$2" $RUNNER_FLAGS >"$out" 2>"$WORK/$4-server.err" & ;;
      lws) "${PIN_SERVER[@]}" "$LWS_BIN" 0 "$2" "$KEY" >"$out" 2>"$WORK/$4-server.err" & ;;
      nio) "${PIN_SERVER[@]}" $SERVER_JAVA $SERVER_JVM_FLAGS -cp "$BENCH_JAR" io.hydrogen.ws.benchmark.server.NioPeer \
             0 "$2" "$KEY" >"$out" 2>"$WORK/$4-server.err" & ;;
      ws) "${PIN_SERVER[@]}" node "$WS_SCRIPT" 0 "$2" "$KEY" >"$out" 2>"$WORK/$4-server.err" & ;;
    esac
  fi
  SERVER_PID=$!   # taskset execs the server: this is its own pid
  SERVER_URI=""
  for _ in $(seq 1 300); do
    SERVER_URI="$(grep -m1 -o 'ws://[^ ,]*/' "$out" 2>/dev/null || true)"
    [[ -n "$SERVER_URI" ]] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "server did not report its address; see $WORK/$4-server.err" >&2
  return 1
}

# Runs one scenario against one server and appends its result file to RESULT_FILES.
# $1 scenario spec line, $2 runner jar (hydrogen), $3 server label, $4 role (""; baseline or current with --baseline),
# $5 revision ("" without --baseline)
run_scenario() {
  local name readers interval non_readers checkpoint what
  IFS='|' read -r name readers interval non_readers checkpoint what <<<"$1"
  local runner="$2" label="$3" role="$4" revision="$5"
  local tag="$name${role:+-$role}"   # file name prefix: S1, or S1-baseline / S1-current
  readers=$((readers / SCALE)); non_readers=$(((non_readers + SCALE - 1) / SCALE)); checkpoint=$((checkpoint / SCALE))
  local duration="$DURATION_S" rate="$CONNECT_RATE" server_cmd="$SERVER_CMD"
  local extra=()
  if [[ "$name" == H ]]; then
    rate=10000 # as fast as the generator starts them: the server's accept and upgrade path is what is measured
    # A running host accepts reconnect storms with warm code: unmeasured ramps in the measuring
    # generator's own JVM take both sides' JIT warm-up (about 1 ms per handshake on one core) out of
    # the number. Twelve: on the one pinned core, C2 reaches the handshake path's methods only after
    # some 25,000-30,000 handshakes (the compile queue it works through raises the thresholds), and
    # went on compiling it (30-45 % of the core) through ramp 10 (-XX:+LogCompilation, per-thread CPU).
    # With five ramps the rate came out at 3,300-5,600 a second; with twelve, 6,200-8,300 (three
    # runs; libwebsockets 6,600-9,100 in the same rounds); with fifteen, 8,936 (one run).
    # H_WARMUP_RAMPS overrides it (5 gives the half-warm figure of earlier sessions).
    extra=(--warmup-ramps "${H_WARMUP_RAMPS:-12}")
  fi
  if [[ "$name" == S4 ]]; then
    extra=(--read-interval-ms "$S4_READ_INTERVAL_MS")
  fi
  if [[ "$name" == S6 ]]; then
    if [[ "$SERVER" != hydrogen ]]; then
      echo "$name: needs the topic protocol, which the $SERVER peer does not speak; skipped" >&2
      return 0
    fi
    extra=(--subscribe temperature --subscribe-options "$S6_OPTIONS" --options-fraction "$S6_OPTIONS_FRACTION")
    server_cmd="$SERVER_JAVA $SERVER_JVM_FLAGS -cp benchmarks.jar io.hydrogen.ws.benchmark.server.TopicBenchServer --publish-hz $S6_PUBLISH_HZ"
  elif [[ "$SERVER" == hydrogen ]]; then
    runner_flags "$runner"
    server_cmd="$SERVER_JAVA $SERVER_JVM_FLAGS -jar hydrogen-ws-runner.jar${RUNNER_FLAGS:+ $RUNNER_FLAGS}"
  fi
  if ((non_readers > 0 && !QUICK)); then
    # A non-reader's socket buffers (~200 KB) take ~50 s to fill at 10 Hz; only then can the server's
    # age limit (10 s) close it. Measure long enough to see that happen.
    duration=80
  fi
  if ((FD_LIMIT < readers + non_readers + 200)); then
    echo "$name: needs ~$((readers + non_readers + 200)) file descriptors, the limit is $FD_LIMIT; skipped" >&2
    return 0
  fi
  echo
  echo "=== $name ($label): $what: $readers readers + $non_readers non-readers, interval $interval ms"
  local result="$WORK/$tag.properties"
  rm -f "$result"
  start_server "$name" "$interval" "$runner" "$tag"
  echo "server pid $SERVER_PID at $SERVER_URI ($server_cmd)"
  local loadgen_exit=0
  "${PIN_LOADGEN[@]}" java $LOADGEN_JVM_FLAGS -jar "$LOADGEN_JAR" --uri "$SERVER_URI" --key "$KEY" \
    --connections "$readers" --rate "$rate" --non-readers "$non_readers" --rss-checkpoint "$checkpoint" \
    --settle-s "$SETTLE_S" --warmup-s "$WARMUP_S" --duration-s "$duration" --server-pid "$SERVER_PID" \
    "${extra[@]}" --out "$result" 2>"$WORK/$tag-loadgen.err" | tee "$WORK/$tag-loadgen.out" || loadgen_exit=$?
  stop_server
  echo "server exit code $SERVER_EXIT; generator exit code $loadgen_exit"
  if [[ -f "$result" ]]; then
    {
      echo "scenario.name=$name"
      echo "scenario.server=$label"
      echo "scenario.description=$what"
      echo "scenario.interval_ms=$interval"
      echo "scenario.quick=$QUICK"
      [[ -n "$role" ]] && echo "scenario.role=$role"
      [[ -n "$revision" ]] && echo "scenario.revision=$revision"
      [[ "$name" == S6 ]] && echo "scenario.publish_hz=$S6_PUBLISH_HZ"
      echo "server.exit_code=$SERVER_EXIT"
      echo "server.command=$server_cmd"
    } >>"$result"
    RESULT_FILES+=("$result")
  else
    echo "$name: no result (generator exit code $loadgen_exit; see $WORK/$tag-loadgen.err)" >&2
  fi
}

RESULT_FILES=()
for want in "${SELECTED[@]}"; do
  spec="$(printf '%s\n' "${SCENARIOS[@]}" | grep "^$want|")"
  if [[ -z "$BASELINE" ]]; then
    run_scenario "$spec" "$RUNNER_JAR" "$SERVER" "" ""
  elif [[ "$want" == S6 ]]; then
    echo "S6: the baseline has no topics; S6 runs against the current code only" >&2
    run_scenario "$spec" "$RUNNER_JAR" "$SERVER" "" ""
  else   # the same scenario against both, one after the other
    run_scenario "$spec" "$BASELINE_JAR" "hydrogen@$BASELINE_SHORT" baseline "$BASELINE_SHORT"
    run_scenario "$spec" "$RUNNER_JAR" "hydrogen" current "$CURRENT_REV"
  fi
done
if ((${#RESULT_FILES[@]} == 0)); then
  echo "no scenario produced a result" >&2
  exit 1
fi
{
  echo "## Results ($(date -u +%Y-%m-%dT%H:%MZ)$( ((QUICK)) && echo ', quick mode: NOT comparable to full runs'))"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //')),"
  echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, Linux $(uname -r), $(java -version 2>&1 | head -1)$([[ "$SERVER_JAVA" == java ]] || echo "; server: $("$SERVER_JAVA" -version 2>&1 | head -1)")."
  echo "Server ($SERVER): \`${PIN_SERVER[*]} $SERVER_CMD\`; generator: \`${PIN_LOADGEN[*]} java $LOADGEN_JVM_FLAGS\`."
  if printf '%s\n' "${SELECTED[@]}" | grep -qx S6; then
    echo "S6's server: \`${PIN_SERVER[*]} $SERVER_JAVA $SERVER_JVM_FLAGS -cp benchmarks.jar io.hydrogen.ws.benchmark.server.TopicBenchServer --publish-hz $S6_PUBLISH_HZ --status-interval-ms 0\`;"
    echo "half the readers subscribe with \`$S6_OPTIONS\`."
  fi
  if [[ -n "$BASELINE" ]]; then
    echo "Before and after: \`hydrogen@$BASELINE_SHORT\` is the example runner of $BASELINE_COMMIT, \`hydrogen\` the"
    echo "current code ($CURRENT_REV); each scenario ran against both, the baseline first."
  fi
  echo "Warm-up ${WARMUP_S} s, measured ${DURATION_S} s, connect rate ${CONNECT_RATE}/s."
  if printf '%s\n' "${SELECTED[@]}" | grep -qx S4 && ((S4_READ_INTERVAL_MS > 0)); then
    echo "In S4 the generator reads each connection at most every ${S4_READ_INTERVAL_MS} ms (\`--read-interval-ms\`): its"
    echo "latency is up to ${S4_READ_INTERVAL_MS} ms higher than the server's; S4 measures throughput, S2 latency."
  fi
  echo
  java -cp "$LOADGEN_JAR" io.hydrogen.ws.benchmark.report.ResultsTable "$WORK/tables.md" "${RESULT_FILES[@]}" >/dev/null
  cat "$WORK/tables.md"
} >"$OUT"
echo
cat "$OUT"
echo
echo "Written to $OUT (raw results and logs in $WORK)"
