"""The real binary's start, stop, crash and bad-input behaviour (issue: foundation)."""
import socket
import subprocess
import time

import requests

from konkurs_process import BINARY, Service, postgres_processes


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def test_ctrl_c_stops_the_service_and_its_postgres_within_15_seconds():
    service = Service().start()
    service.wait_ready()
    assert postgres_processes(service.data_dir), "the embedded PostgreSQL should be running"
    started = time.monotonic()
    assert service.interrupt(timeout=15) == 0
    assert wait_until(lambda: not postgres_processes(service.data_dir), 15 - (time.monotonic() - started))
    try:
        requests.get(service.url + "/health", timeout=2)
        raise AssertionError("the HTTP port still answers after Ctrl-C")
    except requests.ConnectionError:
        pass


def test_a_second_service_on_the_same_data_folder_says_it_is_in_use():
    first = Service().start()
    first.wait_ready()
    second = Service(data_dir=first.data_dir).start()
    code, _, err = second.run_to_exit()
    assert code != 0
    assert "уже используется" in err
    assert len(err.strip().splitlines()) == 1, err
    assert first.interrupt() == 0


def test_after_a_crash_postgres_is_stopped_and_the_next_start_works():
    crashed = Service().start()
    crashed.wait_ready()
    crashed.kill()
    assert wait_until(lambda: not postgres_processes(crashed.data_dir), 20), "the watchdog did not stop PostgreSQL"
    again = Service(data_dir=crashed.data_dir).start()
    again.wait_ready()
    assert again.interrupt() == 0


def test_a_taken_port_is_reported_in_one_line():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        service = Service(port=taken.getsockname()[1]).start()
        code, _, err = service.run_to_exit()
    assert code != 0
    assert "порт" in err and "занят" in err, err
    assert len(err.strip().splitlines()) == 1, err
    assert wait_until(lambda: not postgres_processes(service.data_dir), 15)


def test_bad_database_urls_are_reported_in_one_line():
    for url, words in [("mysql://u@h/d", "DATABASE_URL не распознан"),
                       ("postgres://konkurs@127.0.0.1:1/konkurs?sslmode=disable", "не удаётся подключиться")]:
        service = Service(env={"DATABASE_URL": url}).start()
        code, _, err = service.run_to_exit()
        assert code != 0, url
        assert words in err, err
        assert len(err.strip().splitlines()) == 1, err


def test_an_unwritable_data_folder_is_reported_in_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    service = Service(data_dir=str(blocker / "pgdata")).start()
    code, _, err = service.run_to_exit()
    assert code != 0
    assert "недоступна для записи" in err, err
    assert len(err.strip().splitlines()) == 1, err


def test_migrate_status_lists_the_applied_migrations():
    data_dir = Service().data_dir
    applied = subprocess.run([BINARY, "migrate", "--data-dir", data_dir], capture_output=True, text=True, timeout=120)
    assert applied.returncode == 0, applied.stderr
    assert "0001_installation.sql" in applied.stdout
    status = subprocess.run([BINARY, "migrate", "--status", "--data-dir", data_dir], capture_output=True, text=True, timeout=120)
    assert status.returncode == 0, status.stderr
    assert "0001_installation.sql\tприменена" in status.stdout
    assert not postgres_processes(data_dir)
