"""Two `konkurs serve` instances on one PostgreSQL (issue 8): migrations applied once when both start
together, sessions and API tokens valid on either, failed sign-ins counted across both, a retried
submit with the same idempotency key on the other instance changes nothing, and a scheduled
transition happens once when both schedulers see it due; nginx (deploy/nginx/konkurs.conf) in front of
two instances passes the client's address and fails over when one dies."""
import glob
import os
import re
import shutil
import subprocess
import tempfile
import time

import pytest
import requests

from konkurs_process import BINARY, Service, free_port

PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[4]))[-1]
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []


@pytest.fixture(scope="module")
def database_url():
    """A PostgreSQL on a TCP port of its own, as a shared server would be."""
    folder = tempfile.mkdtemp(prefix="konkurs-shared-pg-")
    os.chmod(folder, 0o777)
    data, port = os.path.join(folder, "data"), free_port()
    subprocess.run(AS_POSTGRES + [f"{PG_BIN}/initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync"], check=True, capture_output=True)
    subprocess.run(AS_POSTGRES + [f"{PG_BIN}/pg_ctl", "-D", data, "-l", os.path.join(folder, "log"), "-w", "-o",
                                  f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start"], check=True, capture_output=True)
    subprocess.run(AS_POSTGRES + [f"{PG_BIN}/psql", "-h", folder, "-p", str(port), "-U", "postgres", "-c", "CREATE DATABASE konkurs"],
                   check=True, capture_output=True)
    yield f"postgres://postgres@127.0.0.1:{port}/konkurs?sslmode=disable", (folder, port)
    subprocess.run(AS_POSTGRES + [f"{PG_BIN}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop"], capture_output=True)


def psql(where, sql):
    folder, port = where
    return subprocess.run(AS_POSTGRES + [f"{PG_BIN}/psql", "-h", folder, "-p", str(port), "-U", "postgres", "-d", "konkurs", "-Atc", sql],
                          capture_output=True, text=True, check=True).stdout.strip()


def start(service, *extra):
    folder = tempfile.mkdtemp(prefix="konkurs-log-")
    service.out_path, service.err_path = os.path.join(folder, "out"), os.path.join(folder, "err")
    with open(service.out_path, "w") as out, open(service.err_path, "w") as err:
        service.process = subprocess.Popen([BINARY, "serve", "--port", str(service.port), *extra], env=service.env, stdout=out, stderr=err)
    return service


def test_two_instances_behave_as_one(database_url):
    url, where = database_url
    first, second = Service(env={"DATABASE_URL": url}), Service(env={"DATABASE_URL": url})
    start(first), start(second)  # both migrate an empty database at once
    first.wait_ready(), second.wait_ready()
    migrations = psql(where, "SELECT count(*), count(DISTINCT version) FROM schema_migrations")
    assert migrations.split("|")[0] == migrations.split("|")[1] and int(migrations.split("|")[0]) >= 8, migrations
    assert first.interrupt() == 0
    start(first, "--demo")  # one instance loads the demo; the other keeps serving
    first.wait_ready()

    # Sessions and API tokens are in the database: one instance's login works on the other.
    token = requests.post(f"{first.url}/api/v1/auth/login", json={"login": "demo-secretary", "password": "konkurs-demo-secretary"}, timeout=10).json()["token"]
    assert requests.get(f"{second.url}/api/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=10).status_code == 200
    browser = requests.Session()
    form = browser.get(f"{first.url}/login", timeout=10).text
    csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    page = browser.post(f"{first.url}/login", data={"login": "demo-admin", "password": "konkurs-demo-admin", "csrf": csrf},
                        timeout=10, allow_redirects=False)
    assert page.status_code in (302, 303)
    assert browser.get(f"{second.url}/account", timeout=10).status_code == 200

    # Failed sign-ins are counted in the database: five on one instance lock the account on the other.
    for _ in range(5):
        requests.post(f"{first.url}/api/v1/auth/login", json={"login": "demo-observer", "password": "wrong-password"}, timeout=10)
    locked = requests.post(f"{second.url}/api/v1/auth/login", json={"login": "demo-observer", "password": "konkurs-demo-observer"}, timeout=10)
    assert locked.status_code == 429

    # A submit retried on the other instance with the same idempotency key changes nothing.
    juror = {"Authorization": "Bearer " + requests.post(f"{second.url}/api/v1/auth/login",
             json={"login": "demo-juror", "password": "konkurs-demo-juror"}, timeout=10).json()["token"]}
    work = requests.get(f"{first.url}/api/v1/jury/work", headers=juror, timeout=10).json()
    item = next(i for i in work if i["trials"][0]["status"] == "empty")
    requests.post(f"{first.url}/api/v1/jury/contests/{item['contest_id']}/no-conflict", headers=juror, timeout=10).raise_for_status()
    path = f"/api/v1/sheets/{item['application_id']}/{item['trials'][0]['trial']}"
    marks = {"rezultativnost": "15", "tirazhiruemost": "14", "masshtabiruemost": "13", "unikalnost": "12", "dostizheniya": "3", "rasprostranenie": "1"}
    requests.put(first.url + path, json={"marks": marks, "version": 0}, headers=juror, timeout=10).raise_for_status()
    once = requests.post(first.url + path + "/submit", headers={**juror, "Idempotency-Key": "two-instances-1"}, timeout=10)
    again = requests.post(second.url + path + "/submit", headers={**juror, "Idempotency-Key": "two-instances-1"}, timeout=10)
    assert once.status_code == again.status_code == 200 and once.json() == again.json()
    sheet = once.json()["id"]
    assert psql(where, f"SELECT count(*) FROM audit_log WHERE action = 'score.submit' AND target = 'sheet:{sheet}'") == "1"

    # A scheduled opening seen by both schedulers at once happens once.
    contest = requests.post(f"{first.url}/api/v1/contests", headers={"Authorization": f"Bearer {token}"}, timeout=10, json={"regulation": (
        'format: konkurs/1\ncontest: Конкурс двух экземпляров\nedition: "2026"\nnominations:\n  - {id: main, title: Основная}\n'
        'stages:\n  - id: s1\n    title: Этап\n    trials:\n      - {id: t1, title: Испытание, criteria: [{id: c, title: Критерий, min: 0, max: 10}]}\n')})
    assert contest.status_code == 201, contest.text
    contest = contest.json()["id"]
    requests.put(f"{first.url}/api/v1/contests/{contest}/schedule", headers={"Authorization": f"Bearer {token}"}, timeout=10,
                 json={"applications_open_at": "2026-01-01 09:00", "applications_close_at": "2099-01-01 09:00"}).raise_for_status()
    assert first.interrupt() == 0 and second.interrupt() == 0
    announced = subprocess.run([BINARY, "contest", "transition", str(contest), "announced"], env={**os.environ, "DATABASE_URL": url},
                               capture_output=True, text=True, timeout=60)
    assert announced.returncode == 0, announced.stderr
    start(first), start(second)  # both schedulers run at start-up and find the opening due
    first.wait_ready(), second.wait_ready()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and psql(where, f"SELECT phase FROM contests WHERE id = {contest}") != "applications_open":
        time.sleep(0.5)
    time.sleep(2)
    assert psql(where, f"SELECT phase FROM contests WHERE id = {contest}") == "applications_open"
    transitions = psql(where, f"SELECT count(*) FROM audit_log WHERE action = 'contest.transition' AND target = 'contest:{contest}' "
                              "AND details->>'to' = 'applications_open'")
    assert transitions == "1"
    assert first.interrupt() == 0 and second.interrupt() == 0


ROOT = os.path.join(os.path.dirname(__file__), "..", "..")


@pytest.fixture
def nginx_in_front(database_url):
    """deploy/nginx/konkurs.conf (as docker-compose.yml uses it) in front of two instances; only the
    listening address and the upstream list differ from the compose set-up."""
    url, _ = database_url
    instances = [start(Service(env={"DATABASE_URL": url, "KONKURS_TRUSTED_PROXIES": "127.0.0.1"})) for _ in range(2)]
    for instance in instances:
        instance.wait_ready()
    folder = tempfile.mkdtemp(prefix="konkurs-nginx-")
    os.chmod(folder, 0o777)
    os.makedirs(os.path.join(folder, "conf.d"))
    port = free_port()
    with open(os.path.join(ROOT, "deploy/nginx/konkurs.conf")) as f:
        server = f.read()
    assert "listen 80;" in server
    with open(os.path.join(folder, "conf.d/konkurs.conf"), "w") as f:
        f.write(server.replace("listen 80;", f"listen 127.0.0.1:{port};"))
    with open(os.path.join(folder, "conf.d/konkurs.upstream"), "w") as f:
        f.write("".join(f"server 127.0.0.1:{instance.port};\n" for instance in instances))
    temp = " ".join(f"{kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    with open(os.path.join(folder, "nginx.conf"), "w") as f:
        f.write(f"worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{ worker_connections 256; }}\n"
                f"http {{ access_log {folder}/access.log; {temp} include conf.d/konkurs.conf; }}\n")
    nginx = subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-p", folder, "-c", os.path.join(folder, "nginx.conf"), "-g", "daemon off;"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 10
    while True:
        try:
            requests.get(f"http://127.0.0.1:{port}/health", timeout=2)
            break
        except requests.ConnectionError:
            assert nginx.poll() is None, nginx.stderr.read()
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}", instances
    nginx.terminate()
    nginx.wait(timeout=10)
    for instance in instances:
        if instance.process.poll() is None:
            assert instance.interrupt() == 0


def test_nginx_in_front_of_two_instances(nginx_in_front):
    proxy, (first, second) = nginx_in_front
    token = requests.post(f"{proxy}/api/v1/auth/login", json={"login": "demo-secretary", "password": "konkurs-demo-secretary"}, timeout=10).json()["token"]
    me = {"Authorization": f"Bearer {token}"}
    assert all(requests.get(f"{proxy}/api/v1/me", headers=me, timeout=10).status_code == 200 for _ in range(6))

    # The client is who nginx saw, not nginx: thirty wrong passwords from one address lock that
    # address only; a colleague behind another address still signs in.
    for attempt in range(30):
        requests.post(f"{proxy}/api/v1/auth/login", json={"login": f"nobody-{attempt}", "password": "wrong-password"},
                      headers={"X-Forwarded-For": "198.51.100.1"}, timeout=10)
    blocked = requests.post(f"{proxy}/api/v1/auth/login", json={"login": "demo-counting", "password": "konkurs-demo-counting"},
                            headers={"X-Forwarded-For": "198.51.100.1"}, timeout=10)
    assert blocked.status_code == 429
    colleague = requests.post(f"{proxy}/api/v1/auth/login", json={"login": "demo-counting", "password": "konkurs-demo-counting"},
                              headers={"X-Forwarded-For": "198.51.100.2"}, timeout=10)
    assert colleague.status_code == 200, colleague.text

    # An instance lost: nginx sends the requests to the other one, the session goes on.
    first.kill()
    assert all(requests.get(f"{proxy}/api/v1/me", headers=me, timeout=10).status_code == 200 for _ in range(6))
