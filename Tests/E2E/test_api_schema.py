"""schemathesis against the live server's own OpenAPI document, with every check, signed in."""
import os
import subprocess
import sys

import requests


def test_every_documented_route_conforms_to_the_document(service, artifacts):
    token = requests.post(f"{service.url}/api/v1/auth/login",
                          json={"login": "demo-admin", "password": "konkurs-demo-admin"}, timeout=10).json()["token"]
    schemathesis = os.path.join(os.path.dirname(sys.executable), "schemathesis")
    report = os.path.join(artifacts, "schemathesis.txt")
    # Logout is left out of fuzzing only because it would revoke the token every other call uses;
    # test_auth_api.py covers it.
    result = subprocess.run(
        [schemathesis, "--config-file", os.path.join(os.path.dirname(__file__), "schemathesis.toml"), "run", f"{service.url}/api/openapi.yaml", "--url", service.url,
         "--checks", "all", "--max-examples", "30", "--no-color",
         "--header", f"Authorization: Bearer {token}", "--exclude-path", "/api/v1/auth/logout"],
        capture_output=True, text=True, timeout=900)
    with open(report, "w") as f:
        f.write(result.stdout + result.stderr)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
