#!/usr/bin/env bash
# Mark-submission benchmark (issue 6): 64 jurors saving marks over HTTP with authentication, the
# scoring gate and the audit entry, for 30 s on loopback, against pgbench doing the bare single-row
# upsert on the same PostgreSQL with 64 clients in the same run; between them, the floor any save
# stands on (`/ready`: HTTP and one round trip; `/health`: HTTP alone). Results go to Docs/performance.md.
#   Benchmarks/marks.sh [CLIENTS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-64}
seconds=${2:-30}
source Benchmarks/serve.sh
python3 Benchmarks/marks_setup.py "http://127.0.0.1:$port" "$clients" > "$work/targets.json"
echo "== konkurs over HTTP ($clients clients, ${seconds}s)"
with_cpu python3 Benchmarks/marks_load.py 127.0.0.1 "$port" "$work/targets.json" "$seconds"
# The floor under any save: an HTTP request with one database round trip and nothing else (`/ready`
# runs `SELECT 1`), and one with none (`/health`), with the same kind of client.
echo "== the floor: /ready (HTTP + one SELECT 1) and /health (HTTP alone), $clients clients, ${seconds}s each"
with_cpu python3 Benchmarks/get_load.py 127.0.0.1 "$port" /ready "$clients" "$seconds"
with_cpu python3 Benchmarks/get_load.py 127.0.0.1 "$port" /health "$clients" "$seconds"

echo "== pgbench: the bare upsert on the same cluster ($clients clients, ${seconds}s)"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_postgres=()
[ "$(id -u)" = 0 ] && as_postgres=(runuser -u postgres --)
socket="$work/pgdata"
"${as_postgres[@]}" "$pgbin/psql" -h "$socket" -U postgres -d postgres -qc "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench"
"${as_postgres[@]}" "$pgbin/psql" -h "$socket" -U postgres -d bench -qc \
  "CREATE TABLE marks (user_id int, application_id int, trial text, marks jsonb NOT NULL, version int NOT NULL, PRIMARY KEY (user_id, application_id, trial))"
cat > "$work/upsert.sql" <<'SQL'
\set juror :client_id + 1
INSERT INTO marks VALUES (:juror, :juror, 't1', '{"c": "5"}', 1)
ON CONFLICT (user_id, application_id, trial) DO UPDATE SET marks = marks.marks || EXCLUDED.marks, version = marks.version + 1;
SQL
chmod 644 "$work/upsert.sql"
bare_upsert() {
  "${as_postgres[@]}" "$pgbin/pgbench" -h "$socket" -U postgres -n -c "$clients" -j 2 -T "$seconds" -f "$work/upsert.sql" bench \
    | grep -E "tps|latency average|number of transactions actually"
}
with_cpu bare_upsert
