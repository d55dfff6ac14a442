#!/usr/bin/env bash
# Builds the benchmark peers that run-scenarios.sh --server lws|ws runs (docs/performance.md, "Peers"):
#   lws  hydrogen-ws-benchmark/target/peers/hydrogen-lws, from hydrogen-lws.c with gcc against
#        libwebsockets found by pkg-config (Debian: apt-get install -y libwebsockets-dev)
#   ws   hydrogen-ws-benchmark/peers/node_modules, the pinned ws from package-lock.json (npm ci)
#
#   hydrogen-ws-benchmark/peers/build.sh            # both
#   hydrogen-ws-benchmark/peers/build.sh lws        # one
set -euo pipefail

PEERS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$(dirname "$PEERS")/target/peers"

need() {   # $1 command, $2 what to install
  command -v "$1" >/dev/null || { echo "$1 not found: install $2" >&2; exit 1; }
}

build_lws() {
  need gcc gcc
  need pkg-config pkg-config
  pkg-config --exists libwebsockets \
    || { echo "pkg-config does not find libwebsockets: apt-get install -y libwebsockets-dev" >&2; exit 1; }
  mkdir -p "$OUT"
  # shellcheck disable=SC2046 # pkg-config prints several flags on purpose
  gcc -O2 -Wall -Wextra -Werror -o "$OUT/hydrogen-lws" "$PEERS/hydrogen-lws.c" $(pkg-config --cflags --libs libwebsockets)
  echo "built $OUT/hydrogen-lws (libwebsockets $(pkg-config --modversion libwebsockets))"
}

build_ws() {
  need node nodejs
  need npm npm
  (cd "$PEERS" && npm ci --no-audit --no-fund)
  echo "installed ws for $PEERS/hydrogen-ws.js (node $(node --version))"
}

(($#)) || set -- lws ws
for peer in "$@"; do
  case "$peer" in
    lws) build_lws ;;
    ws) build_ws ;;
    *) echo "unknown peer: $peer (lws or ws)" >&2; exit 2 ;;
  esac
done
