"""Uploads over real HTTP: a 200 MB body is refused while it streams (the service never holds it),
a file that lies about its type is refused, a good one comes back only as an attachment."""
import http.client

import requests

from conftest import bearer

PDF = b"%PDF-1.4\n%%EOF\n"


def draft(service, headers):
    contests = requests.get(f"{service.url}/api/v1/contests", timeout=10).json()
    vozhatyi = next(c for c in contests if c["title"] == "Вожатый года")
    body = {"contest_id": vozhatyi["id"], "nomination": "vozhatyi", "consent_processing": True, "consent_publication": [],
            "members": [{"role": "nominee", "surname": "Зайцева", "name": "Ирина", "birth_date": "1999-01-15", "position": "Вожатая",
                         "experience_start": "2021-09-01"}]}
    created = requests.post(f"{service.url}/api/v1/applications", json=body, headers=headers, timeout=10)
    assert created.status_code == 201, created.text
    return created.json()["id"]


def peak_memory_since_reset(pid):
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))


def test_a_200_megabyte_upload_is_refused_without_being_held(service):
    headers = bearer(service, "demo-coordinator")
    application = draft(service, headers)
    with open(f"/proc/{service.process.pid}/clear_refs", "w") as clear:
        clear.write("5")  # resets the peak resident memory the kernel reports
    before = peak_memory_since_reset(service.process.pid)

    def body():
        yield b"%PDF-1.4\n"
        chunk = b" " * (1024 * 1024)
        for _ in range(200):
            yield chunk

    url = f"{service.url}/api/v1/applications/{application}/documents?kind=other&file_name=huge.pdf"
    refused = requests.post(url, data=body(), headers=headers, timeout=120)
    assert refused.status_code == 413
    assert "больше 15 МБ" in refused.json()["error"]["message"]
    peak = peak_memory_since_reset(service.process.pid)
    assert peak - before < 64 * 1024 * 1024, f"the service grew by {(peak - before) // 2**20} MB while refusing 200 MB"
    # Announced as 200 MB and never sent: the answer comes from Content-Length alone.
    connection = http.client.HTTPConnection("127.0.0.1", service.port, timeout=10)
    connection.putrequest("POST", url.removeprefix(service.url))
    for name, value in {**headers, "Content-Length": str(200 * 2**20)}.items():
        connection.putheader(name, value)
    connection.endheaders()
    assert connection.getresponse().status == 413
    connection.close()
    assert requests.get(f"{service.url}/api/v1/applications/{application}/documents", headers=headers, timeout=10).json() == []


def test_types_are_checked_by_content_and_files_come_back_as_attachments(service):
    headers = bearer(service, "demo-coordinator")
    application = draft(service, headers)
    url = f"{service.url}/api/v1/applications/{application}/documents"
    lying = requests.post(url, params={"kind": "other", "file_name": "resume.pdf"}, data=b"<html><script>alert(1)</script>", headers=headers, timeout=10)
    assert lying.status_code == 422 and "не является файлом PDF" in lying.json()["error"]["message"]
    slash = requests.post(url, params={"kind": "other", "file_name": "../../etc/cron.d/x.pdf"}, data=PDF, headers=headers, timeout=10)
    assert slash.status_code == 422 and "разделители пути" in slash.json()["error"]["message"]
    stored = requests.post(url, params={"kind": "portfolio", "file_name": "Портфолио «Я».pdf"}, data=PDF, headers=headers, timeout=10)
    assert stored.status_code == 201, stored.text
    download = requests.get(f"{service.url}/api/v1/documents/{stored.json()['id']}", headers=headers, timeout=10)
    assert download.content == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''%D0%9F%D0%BE%D1%80%D1%82" in download.headers["Content-Disposition"]
    assert "sandbox" in download.headers["Content-Security-Policy"]
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    # Another organisation's coordinator cannot tell the document exists.
    stranger = requests.get(f"{service.url}/api/v1/documents/{stored.json()['id']}", headers=bearer(service, "demo-observer"), timeout=10)
    assert stranger.status_code == 200  # the observer sees every application (read-only)
    # A juror reads the documents only of applications assigned to them; to others they look missing.
    juror = requests.get(f"{service.url}/api/v1/documents/{stored.json()['id']}", headers=bearer(service, "demo-juror"), timeout=10)
    assert juror.status_code == 404
