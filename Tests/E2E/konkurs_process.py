"""Starting and stopping a real `konkurs serve` for the end-to-end tests."""
import os
import signal
import socket
import subprocess
import tempfile
import time

import requests

BINARY = os.environ.get("KONKURS_BIN", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "konkurs"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_processes(data_dir: str) -> list[int]:
    """PIDs of PostgreSQL server processes whose command line names `data_dir`."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                command = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "postgres" in command and data_dir in command and "pg_ctl" not in command and "/bin/sh" not in command:
            pids.append(int(entry))
    return pids


class Service:
    """One `konkurs serve` process on a free port with its own data folder."""

    def __init__(self, data_dir: str | None = None, port: int | None = None, env: dict | None = None):
        self.data_dir = data_dir or os.path.join(tempfile.mkdtemp(prefix="konkurs-e2e-"), "pgdata")
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "LOG_LEVEL": "warning", **(env or {})}
        self.process: subprocess.Popen | None = None

    def start(self) -> "Service":
        # Output goes to files, not pipes: a pipe nobody drains fills up and blocks the service's logging.
        folder = tempfile.mkdtemp(prefix="konkurs-log-")
        self.out_path, self.err_path = os.path.join(folder, f"serve-{self.port}.out"), os.path.join(folder, f"serve-{self.port}.err")
        with open(self.out_path, "a") as out, open(self.err_path, "a") as err:
            self.process = subprocess.Popen(
                [BINARY, "serve", "--port", str(self.port), "--data-dir", self.data_dir], env=self.env, stdout=out, stderr=err, text=True)
        return self

    def stderr(self) -> str:
        with open(self.err_path) as f:
            return f.read()

    def stdout(self) -> str:
        with open(self.out_path) as f:
            return f.read()

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"konkurs exited with {self.process.returncode}: {self.stderr()}")
            try:
                if requests.get(self.url + "/ready", timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        raise AssertionError("konkurs did not become ready in time")

    def interrupt(self, timeout: float = 15) -> int:
        """Ctrl-C: returns the exit code; fails when the service takes longer than `timeout`."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()

    def run_to_exit(self, timeout: float = 60) -> tuple[int, str, str]:
        self.process.wait(timeout=timeout)
        return self.process.returncode, self.stdout(), self.stderr()
