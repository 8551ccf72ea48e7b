import os

import pytest

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
