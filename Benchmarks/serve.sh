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
