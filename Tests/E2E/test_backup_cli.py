"""`konkurs backup` next to a running service and `konkurs restore` into a new embedded cluster: the
restored service answers with the same contests and published results, and a restore never lands on
top of existing data without --replace."""
import os
import subprocess
import tempfile

import requests

from konkurs_process import BINARY, Service
from conftest import konkurs


def snapshot(service):
    contests = requests.get(f"{service.url}/api/v1/contests", timeout=10).json()
    published = next(c["id"] for c in contests if c["phase"] == "published" and c["title"] == "Вожатый года")
    results = requests.get(f"{service.url}/api/v1/public/contests/{published}/results", timeout=10).text
    return [(c["title"], c["edition"], c["phase"], c["regulation_sha256"]) for c in contests], results


def test_a_backup_taken_while_serving_restores_into_a_new_cluster(tmp_path):
    original = Service().start()
    original.wait_ready()
    try:
        file = str(tmp_path / "konkurs.dump")
        made = konkurs(original.data_dir, "backup", file)
        assert made.returncode == 0, made.stderr
        assert oct(os.stat(file).st_mode & 0o777) == "0o600"
        expected = snapshot(original)
    finally:
        assert original.interrupt() == 0

    fresh = os.path.join(tempfile.mkdtemp(prefix="konkurs-restore-"), "pgdata")
    restored = konkurs(fresh, "restore", file)
    assert restored.returncode == 0, restored.stderr
    assert "журнал аудита цел" in restored.stdout
    again = konkurs(fresh, "restore", file)
    assert again.returncode != 0 and "--replace" in again.stderr, "never on top of existing data"
    replaced = konkurs(fresh, "restore", file, "--replace")
    assert replaced.returncode == 0, replaced.stderr

    copy = Service(data_dir=fresh).start()
    copy.wait_ready()
    try:
        assert snapshot(copy) == expected
    finally:
        assert copy.interrupt() == 0
