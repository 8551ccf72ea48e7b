"""Issue 7 end to end, on a demo service of its own: a two-stage edition through admission, scoring,
advancement, a tie for first place decided by the chair, signing, approval, publication by two people,
an appeal that changes the place and a corrected republication; the public page shows exactly the
consented fields. Then the printed protocol and diplomas, in the browser and from the CLI."""
import os
import datetime
import subprocess

import pytest
import requests
from selenium.webdriver.common.by import By

from browser_support import sign_in
from konkurs_process import BINARY, Service
from conftest import bearer, konkurs

REGULATION = open(os.path.join(os.path.dirname(__file__), "..", "Fixtures", "regulations", "two-stage-results.yaml"), encoding="utf-8").read()

PEOPLE = {  # organisation → (surname, consent to publish)
    "СОШ № 1": ("Алексеева", ["full_name", "organisation"]),
    "СОШ № 2": ("Борисов", []),
    "СОШ № 3": ("Васильева", ["full_name"]),
}


@pytest.fixture(scope="module")
def demo():
    running = Service().start()
    running.wait_ready()
    yield running
    assert running.interrupt() == 0


def call(demo, method, path, who, expect=200, **kwargs):
    answer = requests.request(method, demo.url + path, headers=who, timeout=30, **kwargs)
    assert answer.status_code == expect, f"{method} {path}: {answer.status_code} {answer.text}"
    return answer.json() if answer.content and answer.headers.get("content-type", "").startswith("application/json") else answer


def score(demo, contest, marks, trial, criterion):
    """Every juror scores what they were assigned in the stage: `marks` by application id."""
    jurors = {}
    for login in ("demo-chair", "demo-juror"):
        who = bearer(demo, login)
        work = [item for item in call(demo, "GET", "/api/v1/jury/work", who) if item["contest_id"] == contest]
        if not work:
            continue
        call(demo, "POST", f"/api/v1/jury/contests/{contest}/no-conflict", who, expect=204)
        for item in work:
            application = item["application_id"]
            call(demo, "PUT", f"/api/v1/sheets/{application}/{trial}", who, json={"marks": {criterion: marks[application]}, "version": 0})
            call(demo, "POST", f"/api/v1/sheets/{application}/{trial}/submit", who)
            jurors[application] = login
    assert set(jurors) == set(marks), "every entry was scored"
    return jurors


def sign(demo, protocol):
    for login in ("demo-chair", "demo-juror"):
        signed = call(demo, "POST", f"/api/v1/protocols/{protocol}/sign", bearer(demo, login))
    assert signed["status"] == "signed"
    return signed


def test_a_two_stage_edition_from_admission_to_a_corrected_publication(demo, tmp_path, browser, artifacts):
    admin, secretary, counting = bearer(demo, "demo-admin"), bearer(demo, "demo-secretary"), bearer(demo, "demo-counting")
    coordinator = bearer(demo, "demo-coordinator")
    contest = call(demo, "POST", "/api/v1/contests", admin, expect=201, json={"regulation": REGULATION})["id"]
    now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=10)))
    call(demo, "PUT", f"/api/v1/contests/{contest}/schedule", admin, json={
        "applications_open_at": (now - datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
        "applications_close_at": (now + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")})
    for phase in ("announced", "applications_open"):
        call(demo, "POST", f"/api/v1/contests/{contest}/transition", admin, json={"to": phase})

    organisations = {o["short_name"]: o["id"] for o in call(demo, "GET", "/api/v1/organisations", admin)}
    ids = {}
    for school, (surname, consent) in PEOPLE.items():
        member = {"role": "nominee", "surname": surname, "name": "Тест", "birth_date": "1990-01-01", "position": "Учитель",
                  "experience_start": "2015-09-01"}
        created = call(demo, "POST", "/api/v1/applications", admin, expect=201, json={
            "contest_id": contest, "nomination": "main", "organisation_id": organisations[school], "members": [member],
            "consent_processing": True, "consent_publication": consent})
        call(demo, "POST", f"/api/v1/applications/{created['id']}/submit", admin)
        call(demo, "POST", f"/api/v1/applications/{created['id']}/decision", admin, json={"decision": "admit"})
        ids[school] = created["id"]
    first, second, third = ids["СОШ № 1"], ids["СОШ № 2"], ids["СОШ № 3"]
    for phase in ("applications_closed", "admission_review"):
        call(demo, "POST", f"/api/v1/contests/{contest}/transition", admin, json={"to": phase})
    panel = call(demo, "POST", "/api/v1/panels", admin, expect=201, json={"contest_id": contest, "title": "Жюри E2E", "order_number": "№ 7-од"})
    for login, role in (("demo-chair", "chair"), ("demo-juror", "member")):
        call(demo, "PUT", f"/api/v1/panels/{panel['id']}/members", admin, json={"login": login, "role": role})

    # Stage 1: the third does not advance; the first two tie, which needs no decision yet (both go on).
    call(demo, "POST", f"/api/v1/contests/{contest}/transition", admin, json={"to": "stage_active"})
    call(demo, "POST", f"/api/v1/contests/{contest}/assignments", admin)
    score(demo, contest, {first: "8", second: "8", third: "3"}, "t1", "a")
    call(demo, "POST", f"/api/v1/contests/{contest}/transition", admin, json={"to": "stage_scored"})
    stage_one = call(demo, "POST", f"/api/v1/contests/{contest}/protocols", secretary, expect=201, json={})
    assert not stage_one["final"] and stage_one["status"] == "draft"
    sign(demo, stage_one["id"])
    call(demo, "POST", f"/api/v1/protocols/{stage_one['id']}/sign", bearer(demo, "demo-chair"), expect=409)  # signing twice
    assert call(demo, "GET", f"/api/v1/contests/{contest}", admin)["phase"] == "protocol_signed"

    # Stage 2: only the two who advanced; 8 + 5 each — a tie for first place, the chair decides.
    call(demo, "POST", f"/api/v1/contests/{contest}/transition", admin, json={"to": "stage_active"})
    call(demo, "POST", f"/api/v1/contests/{contest}/assignments", admin)
    stage_two_jurors = score(demo, contest, {first: "5", second: "5"}, "t2", "b")
    call(demo, "POST", f"/api/v1/contests/{contest}/transition", admin, json={"to": "stage_scored"})
    pending = call(demo, "POST", f"/api/v1/contests/{contest}/protocols", secretary, expect=409, json={})
    assert "требует решения" in pending["error"]["message"]
    decisions = f'ties:\n  - {{nomination: main, method: chair, order: ["{second}", "{first}"], note: Решающий голос председателя}}\n'
    recorded = requests.put(f"{demo.url}/api/v1/contests/{contest}/decisions", data=decisions.encode(), headers=secretary, timeout=30)
    assert recorded.status_code == 204, recorded.text
    final = call(demo, "POST", f"/api/v1/contests/{contest}/protocols", secretary, expect=201, json={})
    assert final["final"] and final["version"] == 2
    sign(demo, final["id"])

    # Publication: refused without the approving order, and the one who asked cannot confirm.
    refused = call(demo, "POST", f"/api/v1/contests/{contest}/publications", secretary, expect=409, json={})
    assert "приказа" in refused["error"]["message"]
    call(demo, "PUT", f"/api/v1/contests/{contest}/approval", secretary, expect=204, json={"order": "101-од", "date": "2026-12-01"})
    call(demo, "POST", f"/api/v1/contests/{contest}/publications", secretary, expect=201, json={})
    call(demo, "POST", f"/api/v1/contests/{contest}/publications/confirm", secretary, expect=409)
    call(demo, "POST", f"/api/v1/contests/{contest}/publications/confirm", admin)
    public = requests.get(f"{demo.url}/api/v1/public/contests/{contest}/results", timeout=10).json()
    rows = public["nominations"][0]["results"]
    assert [(r["place"], r["name"], r["organisation"], r["award"]) for r in rows] == [
        ("1", "Участник 1", None, "Победитель"),                # the second school's nominee published nothing
        ("2", "Алексеева Тест", "СОШ № 1", "Призёр (2 место)"),  # name and organisation
        ("3", "Васильева Тест", None, "Участник"),               # the name only
    ]
    assert all(r["position"] is None for r in rows), "nobody consented to the position"

    # The first school appeals; the commission (not the jury) raises its stage 2 mark: a new protocol to sign.
    call(demo, "POST", f"/api/v1/applications/{second}/appeals", coordinator, expect=404, json={"text": "Чужая заявка"})
    appeal = call(demo, "POST", f"/api/v1/applications/{first}/appeals", coordinator, expect=201, json={"text": "Просим пересмотреть оценку занятия"})
    juror = stage_two_jurors[first]
    decided = call(demo, "POST", f"/api/v1/appeals/{appeal['id']}/decision", counting, json={
        "outcome": "changed", "decision": "Оценка занятия пересмотрена комиссией",
        "corrections": [{"juror": juror, "trial": "t2", "criterion": "b", "mark": "7"}]})
    assert decided["status"] == "changed" and decided["protocol_version"] == 3
    corrected = call(demo, "GET", f"/api/v1/contests/{contest}/protocols", secretary)[0]
    assert corrected["version"] == 3 and corrected["supersedes"] == 2
    sign(demo, corrected["id"])
    call(demo, "POST", f"/api/v1/contests/{contest}/publications", secretary, expect=422, json={})  # a correction needs a note
    call(demo, "POST", f"/api/v1/contests/{contest}/publications", secretary, expect=201, json={"note": "Апелляция удовлетворена"})
    call(demo, "POST", f"/api/v1/contests/{contest}/publications/confirm", admin)
    public = requests.get(f"{demo.url}/api/v1/public/contests/{contest}/results", timeout=10).json()
    assert public["version"] == 2 and public["note"] == "Апелляция удовлетворена"
    assert [(r["place"], r["name"]) for r in public["nominations"][0]["results"]] == [("1", "Алексеева Тест"), ("2", "Участник 2"), ("3", "Васильева Тест")]
    old = requests.get(f"{demo.url}/api/v1/protocols/{final['id']}/document?format=json", headers=secretary, timeout=10)
    assert old.status_code == 200, "the superseded protocol stays readable"

    # Printing: the protocol and the diplomas in the browser (screenshots kept), and the same from the CLI.
    sign_in(browser, demo, "demo-secretary", "konkurs-demo-secretary")
    browser.set_window_size(1024, 1400)
    browser.get(f"{demo.url}/protocols/{corrected['id']}/print")
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "ПРОТОКОЛ № 3" in page and "Алексеева Тест" in page and "Апелляции" in page and corrected["sha256"] in page
    browser.save_screenshot(f"{artifacts}/results-protocol.png")
    browser.get(f"{demo.url}/admin/results/{contest}/diplomas")
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "Алексеева Тест" in page and "Борисов Тест" in page and "победителя" in page
    browser.save_screenshot(f"{artifacts}/results-diplomas.png")
    browser.delete_all_cookies()
    browser.set_window_size(390, 844)
    browser.get(f"{demo.url}/contests/{contest}/results")
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "Алексеева Тест" in page and "Участник 2" in page and "Борисов" not in page and "Апелляция удовлетворена" in page
    browser.save_screenshot(f"{artifacts}/results-public.png")

    printed = konkurs(demo, "results", "document", "--protocol", str(corrected["id"]), "--format", "html", "-o", str(tmp_path / "p.html"))
    assert printed.returncode == 0, printed.stderr
    assert "size:A4" in (tmp_path / "p.html").read_text() and "Алексеева Тест" in (tmp_path / "p.html").read_text()
    diplomas = konkurs(demo, "diplomas", "print", "--contest", str(contest), "-o", str(tmp_path / "d.html"))
    assert diplomas.returncode == 0, diplomas.stderr
    assert "A4 landscape" in (tmp_path / "d.html").read_text()
    bad = tmp_path / "t.txt"
    bad.write_text("ДИПЛОМ\n{{name}}\n{{unknown_field}}\n")
    template = konkurs(demo, "diplomas", "template", "--contest", str(contest), "--award", "winner", str(bad))
    assert template.returncode != 0 and "{{unknown_field}}" in template.stderr

    # Withdrawing the consent takes the fields off every public page at once.
    call(demo, "POST", f"/api/v1/applications/{first}/consent/withdraw", coordinator, expect=204)
    public = requests.get(f"{demo.url}/api/v1/public/contests/{contest}/results", timeout=10).json()
    assert "Алексеева" not in str(public)
