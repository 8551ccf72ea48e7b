#!/usr/bin/env bash
# Every benchmark in one run, written into Docs/performance.md between the "all.sh" markers (the
# narrative around them stays): the machine, the date, each command and what it printed.
#   Benchmarks/all.sh          (takes about 10 minutes on 2 cores; not part of `make test`)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
{
  echo "Run of \`Benchmarks/all.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr):"
  echo
  for command in "Benchmarks/run.sh" "Benchmarks/marks.sh 64 30" "Benchmarks/results_page.sh 64 30" "Benchmarks/database.sh"; do
    echo "\`$command\`"
    echo '```'
    $command 2>&1 | grep -vE "^\s*$|Compiling|Building|Write " || echo "(failed)"
    echo '```'
  done
} > "$out"
python3 - "$out" <<'PY'
import re, sys
block = open(sys.argv[1]).read()
path = "Docs/performance.md"
text = open(path).read()
start, end = "<!-- all.sh: start -->", "<!-- all.sh: end -->"
section = f"{start}\n{block}{end}"
text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: section, text, flags=re.S) if start in text else text + "\n## Latest full run\n\n" + section + "\n"
open(path, "w").write(text)
PY
echo "Docs/performance.md updated."
