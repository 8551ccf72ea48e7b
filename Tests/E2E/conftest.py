import os

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service as DriverService

from konkurs_process import Service

ARTIFACTS = os.path.join(os.path.dirname(__file__), "artifacts")


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
