# Sourced by the HTTP benchmarks: builds the release binary and starts `konkurs serve` on a fresh
# embedded cluster with the demo, on a free port; stops it and removes its folder on exit.
# Sets: work (temporary folder), port, server (pid).
work=$(mktemp -d /tmp/konkurs-bench.XXXXXX)
chmod 755 "$work"
swift build -c release --product konkurs 2>&1 | grep -E "error" || true
bin="$(swift build -c release --show-bin-path)/konkurs"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
LOG_LEVEL=warning "$bin" serve --port "$port" --data-dir "$work/pgdata" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill -INT $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work" 2>/dev/null || { sleep 2; rm -rf "$work"; }' EXIT
until curl -sf "http://127.0.0.1:$port/ready" >/dev/null; do sleep 0.5; done

# CPU seconds used so far by the service and by its PostgreSQL (the postmaster and every backend),
# from /proc: "SERVICE POSTGRES". Two readings around a load give each side's cost per request.
cpu_seconds() {
  local postmaster ticks_service ticks_postgres=0 pid
  postmaster=$(head -1 "$work/pgdata/postmaster.pid")
  ticks_service=$(awk '{print $14 + $15}' "/proc/$server/stat")
  # A backend that has exited is counted in the postmaster's children's time (fields 16 and 17).
  ticks_postgres=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat")
  for pid in $(pgrep -P "$postmaster"); do
    ticks_postgres=$((ticks_postgres + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$ticks_service $ticks_postgres" | awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f %.2f", $1 / hz, $2 / hz}'
}

# Runs a load command (one that prints "N requests in", or pgbench) and adds what each request
# cost in CPU on either side:   with_cpu python3 Benchmarks/get_load.py ...
with_cpu() {
  local before after output
  before=$(cpu_seconds)
  output=$("$@")
  after=$(cpu_seconds)
  echo "$output"
  python3 - "$before" "$after" "$output" <<'PY'
import re, sys
before, after, output = (list(map(float, sys.argv[1].split())), list(map(float, sys.argv[2].split())), sys.argv[3])
requests = int(next(g for g in re.search(r"(\d+) requests in|actually processed: (\d+)", output).groups() if g))
service, postgres = ((a - b) / requests * 1e6 for a, b in zip(after, before))
print(f"  CPU per request: service {service:.0f} µs, PostgreSQL {postgres:.0f} µs")
PY
}
