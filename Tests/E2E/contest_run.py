"""Running a ready regulation (`Database/regulations`) end to end on a demo district: a new edition of
it, applications of its real kind (one filed through the pages as a coordinator would, the others by
the department through the API), admission, scoring by the demo jury, the protocol, signatures, the
approving order, publication by two people, and the diplomas. Each `test_contest_<file>.py` uses it."""
import datetime
import glob
import os
import re
import subprocess

import pytest
import requests
import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser_support import click_and_wait, sign_in
from conftest import bearer
from konkurs_process import Service

REGULATIONS = os.path.join(os.path.dirname(__file__), "..", "..", "Database", "regulations")
JURORS = ("demo-chair", "demo-juror")
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(scope="session")
def district():
    """A demo district of its own for the contest runs (the editions they create stay out of the others' way)."""
    running = Service().start()
    running.wait_ready()
    yield running
    assert running.interrupt() == 0


def call(service, method, path, who, expect=200, **kwargs):
    answer = requests.request(method, service.url + path, headers=who, timeout=60, **kwargs)
    assert answer.status_code == expect, f"{method} {path}: {answer.status_code} {answer.text}"
    return answer.json() if answer.content and answer.headers.get("content-type", "").startswith("application/json") else answer


def regulation_text(file: str) -> str:
    return open(os.path.join(REGULATIONS, f"{file}.yaml"), encoding="utf-8").read()


def open_edition(service, file: str) -> int:
    """A new edition of the ready regulation, open for applications now: by the pattern of the demo's
    edition where the demo has one («Создать по образцу»), else from the file."""
    admin = bearer(service, "demo-admin")
    title = re.search(r"^contest: (.+)$", regulation_text(file), re.M).group(1).strip()
    earlier = [c for c in call(service, "GET", "/api/v1/contests", admin) if c["title"] == title]
    if earlier:
        contest = call(service, "POST", f"/api/v1/contests/{earlier[0]['id']}/copy", admin, expect=201, json={"edition": "E2E"})
        assert contest["edition"] == "E2E" and contest.get("applications_open_at") is None
    else:
        text = regulation_text(file).replace('edition: "2026"', 'edition: "E2E"')
        contest = call(service, "POST", "/api/v1/contests", admin, expect=201, json={"regulation": text})
    now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=10)))
    call(service, "PUT", f"/api/v1/contests/{contest['id']}/schedule", admin, json={
        "applications_open_at": (now - datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
        "applications_close_at": (now + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")})
    for phase in ("announced", "applications_open"):
        call(service, "POST", f"/api/v1/contests/{contest['id']}/transition", admin, json={"to": phase})
    return contest["id"]


def organisations(service) -> dict:
    return {o["short_name"]: o for o in call(service, "GET", "/api/v1/organisations", bearer(service, "demo-admin"))}


def attach_required(service, application: int, kinds: list[str], who: dict):
    for kind in kinds:
        call(service, "POST", f"/api/v1/applications/{application}/documents", who, expect=201,
             params={"kind": kind, "file_name": f"{kind}.pdf"}, data=PDF)


def file_by_department(service, contest: int, nomination: str, organisation: int, body: dict, documents: list[str]) -> int:
    """An application the department enters for an organisation, submitted and admitted."""
    admin = bearer(service, "demo-admin")
    created = call(service, "POST", "/api/v1/applications", admin, expect=201, json={
        "contest_id": contest, "nomination": nomination, "organisation_id": organisation, "consent_processing": True,
        "consent_publication": ["full_name", "organisation"], **body})
    attach_required(service, created["id"], documents, admin)
    call(service, "POST", f"/api/v1/applications/{created['id']}/submit", admin)
    return created["id"]


def fill_form(browser, people: list[dict], entry_name: str | None = None, fields: dict | None = None, video: str | None = None,
              publish=("full_name", "organisation")):
    """Types an application into the form on the page: rows of people, the team's name, the own fields, consents."""
    if video is not None:
        browser.find_element(By.NAME, "video_links").send_keys(video)
    if entry_name is not None:
        browser.find_element(By.NAME, "entry_name").send_keys(entry_name)
    for index, person in enumerate(people):
        Select(browser.find_element(By.NAME, f"m{index}_role")).select_by_value(person["role"])
        for name, value in person.items():
            if name == "role":
                continue
            if name == "name_published":
                if value:
                    browser.find_element(By.NAME, f"m{index}_name_published").click()
                continue
            element = browser.find_element(By.NAME, f"m{index}_{name}")
            if element.get_attribute("type") == "date":  # a date input takes the digits in the locale's order
                browser.execute_script("arguments[0].value = arguments[1]", element, value)
            else:
                element.send_keys(value)
    for name, value in (fields or {}).items():
        element = browser.find_element(By.NAME, f"f_{name}")
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        elif element.get_attribute("type") == "date":
            browser.execute_script("arguments[0].value = arguments[1]", element, value)
        else:
            element.send_keys(value)
    browser.find_element(By.NAME, "consent_processing").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=publication][value=fields]").click()
    for code in publish:
        box = browser.find_element(By.CSS_SELECTOR, f"input[name=publish][value={code}]")
        if not box.is_selected():
            box.click()
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Сохранить черновик']"))


def coordinator_of(service, organisation: str) -> tuple[str, str]:
    """A coordinator account of the organisation, its password set through the invitation."""
    login, password = f"coord-{organisations(service)[organisation]['id']}", "koordinator-parol-1"
    created = call(service, "POST", "/api/v1/users", bearer(service, "demo-admin"), expect=201, json={
        "login": login, "full_name": f"Координатор {organisation}", "organisation_id": organisations(service)[organisation]["id"],
        "roles": ["coordinator"]})
    token = created["invitation_path"].rsplit("/", 1)[1]
    call(service, "POST", "/api/v1/auth/invitation", {}, json={"token": token, "password": password})
    return login, password


def file_through_the_pages(browser, service, contest: int, nomination: str, people: list[dict], documents: list[str],
                           entry_name: str | None = None, fields: dict | None = None, video: str | None = None,
                           account=("demo-coordinator", "konkurs-demo-coordinator")) -> int:
    """A coordinator (the demo's is of СОШ № 1) files and submits an application through the pages."""
    sign_in(browser, service, *account)
    browser.get(f"{service.url}/applications/new?contest={contest}&nomination={nomination}")
    fill_form(browser, people, entry_name, fields, video)
    match = re.search(r"/applications/(\d+)", browser.current_url)
    assert match, browser.find_element(By.TAG_NAME, "main").text
    application = int(match.group(1))
    coordinator = bearer(service, *account)

    attach_required(service, application, documents, coordinator)
    browser.get(f"{service.url}/applications/{application}")
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Подать заявку']"))
    assert browser.find_element(By.ID, "application-status").text == "подана", browser.find_element(By.TAG_NAME, "main").text
    return application


def admit_all(service, contest: int, ids: list[int]):
    admin = bearer(service, "demo-admin")
    for application in ids:
        call(service, "POST", f"/api/v1/applications/{application}/decision", admin, json={"decision": "admit"})
    for phase in ("applications_closed", "admission_review"):
        call(service, "POST", f"/api/v1/contests/{contest}/transition", admin, json={"to": phase})


def criteria(service, contest: int) -> dict:
    """Each trial's criteria as the edition's regulation declares them, and its number of attempts."""
    text = call(service, "GET", f"/api/v1/contests/{contest}/regulation", bearer(service, "demo-admin")).text
    trials = [trial for stage in yaml.safe_load(text)["stages"] for trial in stage["trials"]]
    return {trial["id"]: (trial["criteria"], trial.get("attempts", 1)) for trial in trials}


def mark(criterion: dict, rank: int) -> str:
    """A mark on the criterion's scale: the best for rank 0, a step lower for each next rank."""
    low, high, step = float(criterion["min"]), float(criterion["max"]), float(criterion.get("step", 1))
    return f"{max(low, high - rank * step):g}"


def score_stage(service, contest: int, ranking: list[int], declared: dict, while_open=None, ranks=None) -> set:
    """The demo jury scores every sheet assigned in the active stage (the first of `ranking` best, or
    by `ranks`, where entries may share a rank), each later attempt of a trial a rank lower than the
    first; `while_open()` runs once the sheets are assigned, before any is scored."""
    admin = bearer(service, "demo-admin")
    call(service, "POST", f"/api/v1/contests/{contest}/transition", admin, json={"to": "stage_active"})
    call(service, "POST", f"/api/v1/contests/{contest}/assignments", admin)
    if while_open:
        while_open()
    scored = set()
    for login in JURORS:
        who = bearer(service, login)
        work = [item for item in call(service, "GET", "/api/v1/jury/work", who) if item["contest_id"] == contest]
        if work:
            call(service, "POST", f"/api/v1/jury/contests/{contest}/no-conflict", who, expect=204)
        for item in work:
            application = item["application_id"]
            for trial in item["trials"]:
                rank = ranks[application] if ranks else ranking.index(application)
                listed, attempts = declared[trial["trial"]]
                marks = {c["id"] + ("" if attempt == 1 else f"@{attempt}"): mark(c, rank + attempt - 1)
                         for attempt in range(1, attempts + 1) for c in listed}
                path = f"/api/v1/sheets/{application}/{trial['trial']}"
                call(service, "PUT", path, who, json={"marks": marks, "version": trial["version"]})
                call(service, "POST", f"{path}/submit", who)
            scored.add(application)
    call(service, "POST", f"/api/v1/contests/{contest}/transition", admin, json={"to": "stage_scored"})
    return scored


def score_and_sign(service, contest: int, ranking: list[int], while_open=None, ranks=None, before_protocol=None) -> dict:
    """Stage by stage the demo jury scores, the secretary draws the protocol (after
    `before_protocol()`: the decisions it needs) and the jury signs it, up to the final protocol,
    which is returned."""
    admin, secretary = bearer(service, "demo-admin"), bearer(service, "demo-secretary")
    panel = call(service, "POST", "/api/v1/panels", admin, expect=201, json={"contest_id": contest, "title": "Жюри", "order_number": "№ 1-ж"})
    for login, role in zip(JURORS, ("chair", "member")):
        call(service, "PUT", f"/api/v1/panels/{panel['id']}/members", admin, json={"login": login, "role": role})
    declared = criteria(service, contest)
    scored = set()
    while True:
        scored |= score_stage(service, contest, ranking, declared, while_open, ranks)
        if before_protocol:
            before_protocol()
        protocol = call(service, "POST", f"/api/v1/contests/{contest}/protocols", secretary, expect=201, json={})
        for login in JURORS:
            call(service, "POST", f"/api/v1/protocols/{protocol['id']}/sign", bearer(service, login))
        if protocol["final"]:
            assert scored == set(ranking), "every admitted entry was scored"
            return protocol


def days_pass_since_signing(service, contest: int, days: int):
    """Lets `days` pass after the final protocol was signed (an appeal window closing): the service
    keeps no clock to move, so the recorded signing instants move back instead."""
    pg_bin = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(path.split("/")[4]))[-1]
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    sql = (f"UPDATE protocols SET signed_at = signed_at - interval '{days} days' WHERE contest_id = {contest} AND signed_at IS NOT NULL;"
           f"UPDATE protocol_signatures SET signed_at = signed_at - interval '{days} days' WHERE protocol_id IN "
           f"(SELECT id FROM protocols WHERE contest_id = {contest})")
    subprocess.run(as_postgres + [f"{pg_bin}/psql", "-h", service.data_dir, "-U", "postgres", "-d", "konkurs", "-Atc", sql],
                   check=True, capture_output=True, text=True)


def publish(service, contest: int) -> dict:
    """The approving order and the publication by two people; returns the public results."""
    admin, secretary = bearer(service, "demo-admin"), bearer(service, "demo-secretary")
    call(service, "PUT", f"/api/v1/contests/{contest}/approval", secretary, expect=204, json={"order": "7-од", "date": "2026-12-01"})
    call(service, "POST", f"/api/v1/contests/{contest}/publications", secretary, expect=201, json={})
    call(service, "POST", f"/api/v1/contests/{contest}/publications/confirm", admin)
    return requests.get(f"{service.url}/api/v1/public/contests/{contest}/results", timeout=10).json()


def score_and_publish(service, contest: int, ranking: list[int], while_open=None, **scoring) -> dict:
    score_and_sign(service, contest, ranking, while_open, **scoring)
    return publish(service, contest)


def fits_the_phone(browser) -> bool:
    """The page needs no sideways scrolling in the phone-sized window the browser fixture opens."""
    return browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def diplomas(service, contest: int, application: int | None = None) -> str:
    params = {"application": application} if application else {}
    return call(service, "GET", f"/api/v1/contests/{contest}/diplomas", bearer(service, "demo-admin"), params=params).text


def diploma_numbers(html: str) -> list[str]:
    return re.findall(r"№\s*(E2E-\d{3})", html)
