import os
import subprocess

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service as DriverService

from konkurs_process import BINARY, Service

ARTIFACTS = os.path.join(os.path.dirname(__file__), "artifacts")


def konkurs(where, *arguments, timeout: float = 180) -> subprocess.CompletedProcess:
    """The `konkurs` command, on the data folder of `where` (a Service or a folder; None: none)."""
    data_dir = getattr(where, "data_dir", where)
    return subprocess.run([BINARY, *arguments, *(["--data-dir", data_dir] if data_dir else [])], capture_output=True, text=True, timeout=timeout)


def bearer(service, login: str, password: str | None = None) -> dict:
    """API headers of `login` signed in (the demo's passwords are konkurs-LOGIN)."""
    answer = requests.post(f"{service.url}/api/v1/auth/login", json={"login": login, "password": password or f"konkurs-{login}"}, timeout=10)
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


@pytest.fixture(scope="session")
def service():
    """One running Konkurs on the embedded PostgreSQL, shared by the browser and API tests."""
    running = Service().start()
    running.wait_ready()
    yield running
    assert running.interrupt() == 0


@pytest.fixture(scope="session")
def artifacts() -> str:
    os.makedirs(ARTIFACTS, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=390,844"):
        options.add_argument(argument)  # a phone-sized window: the pages must work there
    driver = webdriver.Chrome(service=DriverService("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()
