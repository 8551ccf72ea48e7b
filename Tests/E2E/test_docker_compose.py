"""docker-compose.yml must be a valid Compose file wired to DATABASE_URL, with two instances behind nginx
(the nginx configuration itself runs in front of two real instances in test_two_instances.py)."""
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
    # Two instances behind nginx, which alone is published and is trusted for the client's address.
    assert "konkurs-1:" in result.stdout and "konkurs-2:" in result.stdout and "image: nginx:" in result.stdout
    assert result.stdout.count("KONKURS_TRUSTED_PROXIES:") == 2
    assert "deploy/nginx:/etc/nginx/conf.d:ro" in result.stdout
    with open(os.path.join(ROOT, "deploy/nginx/konkurs.upstream")) as f:
        assert f.read().split() == ["server", "konkurs-1:8080;", "server", "konkurs-2:8080;"]
