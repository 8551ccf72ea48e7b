"""The README's first command on a clone in a private folder, as an administrator installs it (issue 14).

As root, the embedded PostgreSQL runs as the `postgres` system user, who could not reach a data folder
under a 0700 parent (a clone in /root) and initdb failed. The test clones the committed tree into a
0700 folder and runs `make run` there; KONKURS_BIN hands it the binary this suite already built, since
building a fresh clone would take most of CI's budget and the build is not what is tested.
"""
import os
import signal
import subprocess
import tempfile
import time

import pytest
import requests

from konkurs_process import BINARY, free_port

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="the postgres system user takes over only when Konkurs runs as root")


def private_folder(prefix: str) -> str:
    folder = tempfile.mkdtemp(prefix=prefix)
    assert os.stat(folder).st_mode & 0o777 == 0o700
    return folder


@as_root
def test_make_run_works_from_a_clone_in_a_folder_only_root_can_enter():
    folder = private_folder("konkurs-home-")
    clone = os.path.join(folder, "konkurs")
    subprocess.run(["git", "clone", "--quiet", ROOT, clone], check=True)
    port = free_port()
    log = open(os.path.join(folder, "make-run.out"), "w+")
    env = {**os.environ, "KONKURS_BIN": os.path.abspath(BINARY), "KONKURS_PORT": str(port), "LOG_LEVEL": "notice"}
    process = subprocess.Popen(["make", "run"], cwd=clone, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert process.poll() is None, open(log.name).read()
            try:
                if requests.get(f"http://127.0.0.1:{port}/ready", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        else:
            raise AssertionError("make run did not come up: " + open(log.name).read())
        output = open(log.name).read()
        assert f"Konkurs работает: http://127.0.0.1:{port}/" in output
        assert "право прохода" in output and folder in output, "the log says which folder was opened, and how"
        assert os.path.exists(os.path.join(clone, ".konkurs", "pgdata", "PG_VERSION"))
        # Passage for postgres only: the group bits now show the ACL's mask (--x), the group and others get nothing.
        acl = subprocess.run(["getfacl", "--omit-header", folder], capture_output=True, text=True, check=True).stdout
        assert "user:postgres:--x" in acl and "group::---" in acl and "other::---" in acl, acl
        assert os.stat(folder).st_mode & 0o007 == 0
    finally:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C in the terminal: make and the service it runs
        process.wait(timeout=30)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/health", timeout=2)


@as_root
def test_where_passage_cannot_be_granted_it_stops_before_initdb_with_one_sentence():
    data = os.path.join(private_folder("konkurs-closed-"), "pgdata")
    # No setfacl on this PATH: the grant cannot be made.
    env = {**os.environ, "PATH": "/nonexistent", "LOG_LEVEL": "warning"}
    run = subprocess.run([os.path.abspath(BINARY), "serve", "--port", "0", "--data-dir", data], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("konkurs: ошибка: системный пользователь postgres не может пройти в папку"), run.stderr
    assert os.path.dirname(data) in lines[0] and "setfacl -m u:postgres:x" in lines[0] and "--data-dir" in lines[0]
    assert not os.path.exists(os.path.join(data, "PG_VERSION")), "nothing was created"
