#!/usr/bin/env bash
# Runs the scenarios that issue 12's targets name (S2 S3 S4 H) several times against Hydrogen and the
# peers, then writes the medians and Hydrogen's ratios to each peer. See docs/performance.md.
#
#   hydrogen-ws-benchmark/compare-peers.sh                    # 3 runs each of hydrogen, lws, ws (about an hour)
#   RUNS=1 hydrogen-ws-benchmark/compare-peers.sh hydrogen lws
#   hydrogen-ws-benchmark/compare-peers.sh hydrogen nio lws   # with the plain-JDK peer (the JVM's floor)
#
# Needs a quiet machine: check that `uptime` shows a load average below ~1.5 first.
# Environment: RUNS (default 3), SCENARIOS (default "S2 S3 S4 H"), OUT_DIR (default
# hydrogen-ws-benchmark/target/compare; emptied first), MVN_ARGS, SERVER_JVM_FLAGS (as for run-scenarios.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/hydrogen-ws-benchmark"
RUNS="${RUNS:-3}"
read -r -a SCENARIO_LIST <<<"${SCENARIOS:-S2 S3 S4 H}"
SERVERS=("$@")
((${#SERVERS[@]})) || SERVERS=(hydrogen lws ws)
OUT_DIR="${OUT_DIR:-$BENCH/target/compare}"

rm -rf "$OUT_DIR"
mkdir -p "$OUT_DIR"
for server in "${SERVERS[@]}"; do
  case "$server" in
    hydrogen|lws|ws|nio) ;;
    *) echo "unknown server: $server (hydrogen, lws, ws or nio)" >&2; exit 2 ;;
  esac
done
# Runs outer, servers inner: each run measures every server within a few minutes, so that the
# shared machine's drift over the hour falls on all of them alike, not on whichever ran last. Each
# run starts one server further down the list, so that none is always the first to meet a slow
# phase of the machine (or always the one to follow a peer's run).
for run in $(seq 1 "$RUNS"); do
  for ((i = 0; i < ${#SERVERS[@]}; i++)); do
    server="${SERVERS[$(((run - 1 + i) % ${#SERVERS[@]}))]}"
    case "$server" in
      hydrogen) work="$BENCH/target/scenarios" ;;
      *) work="$BENCH/target/scenarios/$server" ;;
    esac
    echo "=== $server, run $run of $RUNS: ${SCENARIO_LIST[*]} (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
    build_flag=()
    ((run == 1)) || build_flag=(--no-build)   # each server's first run builds what it needs
    "$BENCH/run-scenarios.sh" "${build_flag[@]}" --server "$server" --out "$OUT_DIR/$server-run$run.md" \
      "${SCENARIO_LIST[@]}"
    mkdir -p "$OUT_DIR/$server/run$run"
    for s in "${SCENARIO_LIST[@]}"; do
      [[ -f "$work/$s.properties" ]] && cp "$work/$s.properties" "$OUT_DIR/$server/run$run/"
    done
  done
done
java -cp "$BENCH/target/hydrogen-ws-loadgen.jar" io.hydrogen.ws.benchmark.report.PeerComparison \
  "$OUT_DIR/comparison.md" "$OUT_DIR"
echo "Written to $OUT_DIR/comparison.md (each run's tables: $OUT_DIR/SERVER-runN.md)"
