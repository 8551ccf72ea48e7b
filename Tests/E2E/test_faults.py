"""Fault injection (issue 8): 16 jurors keep saving marks through HTTP while the service is killed
with SIGKILL and started again, and then PostgreSQL is stopped with an immediate shutdown and started
again. Afterwards every acknowledged save is in the database exactly once (each one wrote its audit
entry in its own transaction), the sheets show the last of them, the audit chain verifies, and the
service answered again without anybody touching it."""
import glob
import json
import os
import subprocess
import sys
import threading
import time

import requests

from konkurs_process import BINARY, Service

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "Benchmarks"))
from marks_setup import prepare  # noqa: E402  (the benchmark's own preparation: one edition, N jurors)

JURORS = 16


def pg_ctl(*arguments):
    binary = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))[-1]
    prefix = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    return subprocess.run(prefix + [binary, *arguments], capture_output=True, text=True, timeout=120)


class Juror(threading.Thread):
    """Saves its sheet again and again on the version it last saw; remembers what was acknowledged."""

    def __init__(self, service, target, stop):
        super().__init__(daemon=True)
        self.service, self.target, self.stop = service, target, stop
        self.acknowledged = []  # (sheet id, version, mark)
        self.failures = 0

    def run(self):
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {self.target['token']}"
        url = self.service.url + self.target["path"]
        version, mark = 0, 0
        while not self.stop.is_set():
            mark = (mark + 1) % 11
            try:
                answer = session.put(url, json={"marks": {"c": str(mark)}, "version": version}, timeout=5)
            except requests.RequestException:
                self.failures += 1
                time.sleep(0.1)
                version = self.resync(session, url, version)
                continue
            if answer.status_code == 200:
                body = answer.json()
                self.acknowledged.append((body["id"], body["version"], body["marks"]["c"]))
                version = body["version"]
            elif answer.status_code == 409:
                version = answer.json()["sheet"]["version"]  # a save that committed but whose answer was lost
            else:
                self.failures += 1
                time.sleep(0.1)
                version = self.resync(session, url, version)

    @staticmethod
    def resync(session, url, version):
        try:
            answer = session.get(url, timeout=5)
            return answer.json()["version"] if answer.status_code == 200 else version
        except (requests.RequestException, ValueError):
            return version


def test_acknowledged_marks_survive_killing_the_service_and_postgres():
    service = Service().start()
    service.wait_ready()
    targets = prepare(service.url, JURORS)
    stop = threading.Event()
    jurors = [Juror(service, target, stop) for target in targets]
    for juror in jurors:
        juror.start()
    try:
        time.sleep(3)
        acknowledged_before = sum(len(j.acknowledged) for j in jurors)
        service.process.kill()  # SIGKILL: no shutdown at all
        service.process.wait()
        restarted = Service(data_dir=service.data_dir, port=service.port).start()
        restarted.wait_ready()
        service = restarted
        time.sleep(3)
        # Immediate shutdown (like a crash: no checkpoint), then started with the same options as before.
        down = pg_ctl("-D", service.data_dir, "-l", os.path.join(service.data_dir, "restart.log"), "-m", "immediate", "-w", "restart")
        assert down.returncode == 0, down.stdout + down.stderr
        time.sleep(4)
    finally:
        stop.set()
        for juror in jurors:
            juror.join(timeout=30)

    acknowledged = [entry for juror in jurors for entry in juror.acknowledged]
    assert acknowledged_before > 0 and len(acknowledged) > acknowledged_before, "saves went on after each fault"
    assert sum(j.failures for j in jurors) > 0, "the faults were felt by the clients"
    last_after_faults = {}
    for sheet, version, mark in acknowledged:
        last_after_faults[sheet] = max(last_after_faults.get(sheet, 0), version)

    # The service recovered by itself: it answers, and a save after PostgreSQL's restart is acknowledged.
    assert requests.get(service.url + "/ready", timeout=10).status_code == 200
    assert any(version > 0 for version in last_after_faults.values())

    audit = subprocess.run([BINARY, "audit", "show", "--limit", "1000000", "--data-dir", service.data_dir],
                           capture_output=True, text=True, timeout=120)
    assert audit.returncode == 0, audit.stderr
    ours = {sheet for sheet, _, _ in acknowledged}
    saves = {}
    for line in audit.stdout.splitlines():
        fields = line.split("\t")
        if len(fields) == 6 and fields[3] == "score.save" and int(fields[4].split(":")[1]) in ours:  # not the demo's own sheets
            details = json.loads(fields[5])
            key = (int(fields[4].split(":")[1]), int(details["version"]))
            assert key not in saves, f"a save applied twice: {key}"
            saves[key] = details["c"]
    for sheet, version, mark in acknowledged:
        assert saves.get((sheet, version)) == mark, f"acknowledged save missing: sheet {sheet} version {version}"

    for target in targets:
        sheet = requests.get(service.url + target["path"], headers={"Authorization": f"Bearer {target['token']}"}, timeout=10).json()
        assert sheet["version"] >= last_after_faults.get(sheet["id"], 0)
        assert sheet["marks"]["c"] == saves[(sheet["id"], sheet["version"])], "the sheet shows its last save"

    verified = subprocess.run([BINARY, "audit", "verify", "--data-dir", service.data_dir], capture_output=True, text=True, timeout=120)
    assert verified.returncode == 0, verified.stderr + verified.stdout
    # A transaction caught by the crash can wait on its dead connection; after the service's limit
    # (60 s) it is answered with 503 and abandoned, so a graceful stop always completes.
    assert service.interrupt(timeout=90) == 0
