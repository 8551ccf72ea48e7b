#!/usr/bin/env bash
# Public results page benchmark (issue 7): 64 clients on loopback requesting the demo's published
# results page for 30 s, then the service's `/health` the same way, in the same run. Target: the
# results page at least 50 % of `/health`'s requests per second. Figures go to Docs/performance.md.
#   Benchmarks/results_page.sh [CLIENTS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-64}
seconds=${2:-30}
source Benchmarks/serve.sh
contest=$(curl -sf "http://127.0.0.1:$port/api/v1/contests" | python3 -c 'import json,sys; print(next(c["id"] for c in json.load(sys.stdin) if c["phase"] == "published"))')
curl -sf "http://127.0.0.1:$port/contests/$contest/results" | grep -q "Участник" || { echo "the results page does not answer"; exit 1; }
rss() { awk '/VmRSS/ {printf "%d MiB", $2 / 1024}' "/proc/$server/status"; }
echo "memory of konkurs serve, idle with the demo loaded: $(rss)"
echo "== public results page vs /health ($clients clients, ${seconds}s each)"
python3 Benchmarks/get_load.py 127.0.0.1 "$port" "/contests/$contest/results" "$clients" "$seconds"
python3 Benchmarks/get_load.py 127.0.0.1 "$port" "/health" "$clients" "$seconds"
echo "memory of konkurs serve after the load: $(rss) (peak $(awk '/VmHWM/ {printf "%d MiB", $2 / 1024}' "/proc/$server/status"))"
