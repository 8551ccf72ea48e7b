#!/usr/bin/env bash
# Scoring benchmark (issue 3): 10,000 entries × 50 jurors × 10 criteria = 5,000,000 marks, from CSV to
# a JSON protocol with a trimmed mean, against pandas doing read + group + trimmed mean on the same file.
# Prints wall time and peak memory (GNU time) for each. Results are recorded in Docs/performance.md.
#   Benchmarks/run.sh [ENTRIES JURORS CRITERIA]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${BENCH_DIR:-/tmp/konkurs-bench}
python3 Benchmarks/generate_marks.py "$data" "$@"
venv=Benchmarks/.venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check pandas==3.1.1
fi
command -v /usr/bin/time >/dev/null || { echo "Нужен GNU time: apt-get install time" >&2; exit 1; }
swift build -c release --product konkurs 2>&1 | grep -E "error|Compiling konkurs" || true
bin="$(swift build -c release --show-bin-path)/konkurs"
ls -l "$data/scores.csv"
measure() { /usr/bin/time -f "    %e s wall, %M KiB peak" "$@"; }
echo "konkurs results compute (JSON protocol):"
measure "$bin" results compute --regulation "$data/regulation.yaml" --scores "$data/scores.csv" --out "$data/protocol.json"
for mode in vectorised apply; do
  echo "pandas ($mode):"
  measure "$venv/bin/python" Benchmarks/pandas_trimmed_mean.py "$data/scores.csv" "$mode"
done
python3 - "$data/protocol.json" <<'PY'
import json, sys
entries = json.load(open(sys.argv[1]))["nominations"][0]["entries"]
print(f"konkurs: {len(entries)} entries, winner {entries[0]['entry']} {entries[0]['total']}")
PY
