"""Prepares the mark-submission benchmark on a running Konkurs with the demo loaded: an edition with
one criterion, N admitted applications, N jurors each assigned one application, the stage open and
every juror's "no conflict" confirmed. Writes the jurors' tokens and targets as JSON to stdout.
    python3 Benchmarks/marks_setup.py URL N > targets.json"""
import json
import sys
import urllib.parse
import urllib.request

REGULATION = """format: konkurs/1
contest: Нагрузочный конкурс
edition: "bench"
jury: {per_application: 1}
nominations:
  - {id: main, title: Основная, minimum_entrants: 1}
stages:
  - id: s1
    title: Этап
    trials:
      - {id: t1, title: Испытание, criteria: [{id: c, title: Критерий, min: 0, max: 10}]}
"""


def call(url, method="GET", body=None, token=None, form=False):
    data = None
    headers = {}
    if body is not None:
        if form:
            data = urllib.parse.urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request) as response:
        text = response.read().decode()
        return json.loads(text) if text and response.headers.get("Content-Type", "").startswith("application/json") else text


def prepare(base, count):
    """The edition, jurors and assignments; returns each juror's token, sheet path and login."""
    api = base + "/api/v1"
    admin = call(api + "/auth/login", "POST", {"login": "demo-admin", "password": "konkurs-demo-admin"})["token"]
    contest = call(api + "/contests", "POST", {"regulation": REGULATION}, admin)["id"]
    call(f"{api}/contests/{contest}/schedule", "PUT",
         {"applications_open_at": "2020-01-01 09:00", "applications_close_at": "2099-01-01 09:00"}, admin)
    for phase in ["announced", "applications_open"]:
        call(f"{api}/contests/{contest}/transition", "POST", {"to": phase}, admin)
    organisations = [o["id"] for o in call(api + "/organisations", token=admin)]
    applications = []
    for index in range(count):
        member = {"role": "nominee", "surname": f"Участник{index}", "name": "Тест", "birth_date": "1990-01-01", "position": "Учитель",
                  "experience_start": "2015-09-01"}
        created = call(api + "/applications", "POST", {
            "contest_id": contest, "nomination": "main", "organisation_id": organisations[index % len(organisations)], "members": [member],
            "consent_processing": True, "consent_publication": []}, admin)
        call(f"{api}/applications/{created['id']}/submit", "POST", {}, admin)
        call(f"{api}/applications/{created['id']}/decision", "POST", {"decision": "admit"}, admin)
        applications.append(created["id"])
    for phase in ["applications_closed", "admission_review"]:
        call(f"{api}/contests/{contest}/transition", "POST", {"to": phase}, admin)
    panel = call(api + "/panels", "POST", {"contest_id": contest, "title": "Жюри", "order_number": "№ 1"}, admin)["id"]
    jurors = []
    for index, application in enumerate(applications):
        login = f"bench-juror-{index}"
        created = call(api + "/users", "POST", {"login": login, "full_name": f"Член жюри {index}", "roles": ["juror"]}, admin)
        call(base + created["invitation_path"], "POST", {"password": "bench-пароль-123", "repeat": "bench-пароль-123"}, form=True)
        call(f"{api}/panels/{panel}/members", "PUT", {"login": login, "role": "member"}, admin)
        call(f"{api}/contests/{contest}/assignments", "PUT", {"application_id": application, "user_id": created["user"]["id"], "assigned": True}, admin)
        jurors.append((login, application))
    call(f"{api}/contests/{contest}/transition", "POST", {"to": "stage_active"}, admin)
    targets = []
    for login, application in jurors:
        token = call(api + "/auth/login", "POST", {"login": login, "password": "bench-пароль-123"})["token"]
        call(f"{api}/jury/contests/{contest}/no-conflict", "POST", {}, token)
        targets.append({"token": token, "path": f"/api/v1/sheets/{application}/t1", "login": login})
    return targets


if __name__ == "__main__":
    json.dump(prepare(sys.argv[1], int(sys.argv[2])), sys.stdout)
