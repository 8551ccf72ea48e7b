#!/usr/bin/env bash
# Database benchmarks (issue 8), on a fresh embedded cluster with the demo:
#  1. `konkurs application import` of APPLICATIONS applications from CSV (default 100,000);
#  2. `konkurs results compute --contest` for ENTRIES × JURORS × CRITERIA marks (default 10,000 × 50 × 10
#     = 5,000,000, the size of Benchmarks/run.sh) stored as submitted sheets: the entries are imported
#     as applications and admitted, the jurors and sheets are written by SQL (a fixture: the HTTP path
#     for marks is Benchmarks/marks.sh). Prints wall time and peak memory (GNU time) of each command.
#   Benchmarks/database.sh [APPLICATIONS] [ENTRIES JURORS CRITERIA]
set -euo pipefail
cd "$(dirname "$0")/.."
applications=${1:-100000}
entries=${2:-10000}
jurors=${3:-50}
criteria=${4:-10}
command -v /usr/bin/time >/dev/null || { echo "Нужен GNU time: apt-get install time" >&2; exit 1; }
source Benchmarks/serve.sh
measure() { /usr/bin/time -f "    %e s wall, %M KiB peak" "$@"; }
konkurs() { "$bin" "$@" --data-dir "$work/pgdata"; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_postgres=()
[ "$(id -u)" = 0 ] && as_postgres=(runuser -u postgres --)
sql() { "${as_postgres[@]}" "$pgbin/psql" -h "$work/pgdata" -U postgres -d konkurs -v ON_ERROR_STOP=1 -qAt "$@"; }
# An open edition from a regulation file; prints its number.
open_edition() {
  python3 - "http://127.0.0.1:$port" "$1" <<'PY'
import sys
sys.path.insert(0, "Benchmarks")
from marks_setup import call
base, regulation = sys.argv[1], open(sys.argv[2]).read()
api = base + "/api/v1"
admin = call(api + "/auth/login", "POST", {"login": "demo-admin", "password": "konkurs-demo-admin"})["token"]
contest = call(api + "/contests", "POST", {"regulation": regulation}, admin)["id"]
call(f"{api}/contests/{contest}/schedule", "PUT", {"applications_open_at": "2020-01-01 09:00", "applications_close_at": "2099-01-01 09:00"}, admin)
for phase in ["announced", "applications_open"]:
    call(f"{api}/contests/{contest}/transition", "POST", {"to": phase}, admin)
print(contest)
PY
}
organisations=$(sql -c "SELECT string_agg(id::text, ' ') FROM organisations WHERE active")

echo "== import of $applications applications from CSV"
python3 Benchmarks/generate_marks.py "$work/marks" 1 1 "$criteria" >/dev/null  # only its regulation is used
sed 's/edition: "bench"/edition: "bench-import"/' "$work/marks/regulation.yaml" > "$work/import.yaml"
contest=$(open_edition "$work/import.yaml")
# shellcheck disable=SC2086
python3 Benchmarks/generate_applications.py "$work/applications.csv" "$applications" main $organisations
ls -l "$work/applications.csv" | awk '{print "    file: " $5 " bytes"}'
measure "$bin" application import --contest "$contest" "$work/applications.csv" --data-dir "$work/pgdata" 2>&1 | grep -v "записано заявок"
echo "    drafts in the edition: $(sql -c "SELECT count(*) FROM applications WHERE contest_id = $contest")"

echo "== results from the database: $entries entries × $jurors jurors × $criteria criteria"
sed 's/edition: "bench"/edition: "bench-database"/' "$work/marks/regulation.yaml" > "$work/database.yaml"
contest=$(open_edition "$work/database.yaml")
# shellcheck disable=SC2086
python3 Benchmarks/generate_applications.py "$work/entries.csv" "$entries" main $organisations
konkurs application import --contest "$contest" "$work/entries.csv" >/dev/null 2>&1
sql <<SQL
UPDATE applications SET status = 'admitted', submitted_at = now() WHERE contest_id = $contest;
INSERT INTO users (login, full_name) SELECT 'bench-j' || j, 'Член жюри ' || j FROM generate_series(1, $jurors) j;
INSERT INTO score_sheets (contest_id, stage, trial, application_id, user_id, status, marks, submitted_at)
SELECT $contest, 's1', 't', a.id, u.id, 'submitted',
       (SELECT jsonb_object_agg('c' || c, (((hashint8(a.id * 1000 + u.id * 31 + c)::bigint % 21 + 21) % 21) / 2.0)::text) FROM generate_series(0, $criteria - 1) c),
       now()
FROM applications a CROSS JOIN users u WHERE a.contest_id = $contest AND u.login LIKE 'bench-j%';
ANALYZE;
SQL
echo "    marks stored: $(sql -c "SELECT sum((SELECT count(*) FROM jsonb_object_keys(marks))) FROM score_sheets WHERE contest_id = $contest")"
measure "$bin" results compute --contest "$contest" --format json --out "$work/protocol.json" --data-dir "$work/pgdata"
python3 - "$work/protocol.json" <<'PY'
import json, sys
entries = json.load(open(sys.argv[1]))["nominations"][0]["entries"]
print(f"    {len(entries)} entries ranked, first {entries[0]['entry']} {entries[0]['total']}")
PY
