"""docker-compose.yml must be a valid Compose file wired to DATABASE_URL."""
import os
import shutil
import subprocess

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")


def compose_command() -> list[str]:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return ["docker", "compose"]


def test_compose_file_is_accepted_and_points_the_service_at_postgres():
    result = subprocess.run(compose_command() + ["config"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "image: postgres:15" in result.stdout
    assert "DATABASE_URL: postgres://konkurs:" in result.stdout
    assert "konkurs-db:" in result.stdout
