"""`konkurs application …` against the running demo service: list with filters, decisions, export."""
import datetime
import subprocess
import zoneinfo

import openpyxl
import requests
import pytest

from konkurs_process import BINARY
from conftest import konkurs


def test_the_department_decides_and_exports_from_the_command_line(service, tmp_path):
    waiting = konkurs(service, "application", "list", "--status", "submitted", "--nomination", "molodoi")
    assert waiting.returncode == 0, waiting.stderr
    rows = [line.split("\t") for line in waiting.stdout.splitlines()]
    assert [row[5] for row in rows] == ["Орлов Илья Романович"]
    application = rows[0][0]

    refused = konkurs(service, "application", "reject", application)
    assert refused.returncode != 0 and "--reason" in refused.stderr
    admitted = konkurs(service, "application", "admit", application)
    assert admitted.returncode == 0, admitted.stderr
    assert admitted.stdout.strip() == f"Заявка №{application}: допущена."
    again = konkurs(service, "application", "admit", application)
    assert again.returncode != 0 and "konkurs: ошибка: решение принимается по поданной заявке; эта — «допущена»" in again.stderr

    shown = konkurs(service, "application", "show", application)
    assert "Состояние: допущена" in shown.stdout and "документ №" in shown.stdout

    workbook_path = tmp_path / "заявки.xlsx"
    exported = konkurs(service, "application", "export", "--nomination", "molodoi", "--format", "xlsx", "--output", str(workbook_path))
    assert exported.returncode == 0, exported.stderr
    sheet = openpyxl.load_workbook(workbook_path).active
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert table[0][:5] == ["№", "Конкурс", "Номинация", "Организация", "Статус"]
    orlov = next(row for row in table if row[5] == "Орлов Илья Романович")
    assert orlov[2] == "Лучший молодой специалист" and orlov[4] == "допущена" and orlov[3] == "ЦВР"
    assert len(table) == 1 + 5

    csv = konkurs(service, "application", "export", "--status", "not_admitted")
    assert csv.returncode == 0
    assert "Гусева Марина Николаевна" in csv.stdout and "Представление не подписано" in csv.stdout


@pytest.mark.parametrize("arguments, message", [
    (["application", "list", "--status", "lost"], "состояние «lost»"),
    (["application", "export", "--format", "pdf"], "формат «pdf»"),
    (["application", "show", "999999"], "запись не найдена"),
])
def test_bad_arguments_get_one_clear_line(service, arguments, message):
    result = konkurs(service, *arguments)
    assert result.returncode != 0
    assert message in result.stderr


HEADER = "application,nomination,organisation,surname,name,birth_date,position,experience_start,consent_processing\n"


def test_applications_collected_on_paper_are_imported_once_as_drafts(service, tmp_path):
    contest = next(c for c in requests.get(f"{service.url}/api/v1/contests", timeout=10).json() if c["phase"] == "applications_open" and c["title"] == "Вожатый года")["id"]
    paper = tmp_path / "бумажные.csv"
    paper.write_text(HEADER + "1,vozhatyi,«Натуралист»,Лесная,Вера,1997-05-01,Вожатая,2020-09-01,да\n", encoding="utf-8")

    imported = konkurs(service, "application", "import", "--contest", str(contest), str(paper))
    assert imported.returncode == 0, imported.stderr
    assert "записано заявок: 1 из 1" in imported.stderr and "заявок 1, участников 1" in imported.stdout
    again = konkurs(service, "application", "import", "--contest", str(contest), str(paper))
    assert again.returncode != 0 and "этот файл уже загружен" in again.stderr
    drafts = konkurs(service, "application", "list", "--contest", str(contest), "--status", "draft")
    assert drafts.stdout.count("Лесная Вера") == 1

    bad = tmp_path / "с-ошибками.csv"
    bad.write_text(HEADER + "1,vozhatyi,Нет такой,Ким,Ли,1997-05-01,Вожатая,2020-09-01,может быть\n", encoding="utf-8")
    refused = konkurs(service, "application", "import", "--contest", str(contest), str(bad))
    assert refused.returncode != 0 and "с-ошибками.csv:2: согласие на обработку" in refused.stderr

    # The same through the API, for the department only.
    secretary = requests.post(f"{service.url}/api/v1/auth/login", json={"login": "demo-secretary", "password": "konkurs-demo-secretary"}, timeout=10).json()["token"]
    body = (HEADER + "1,vozhatyi,«Натуралист»,Полевая,Ирина,1996-02-03,Вожатая,2019-09-01,нет\n").encode()
    url = f"{service.url}/api/v1/contests/{contest}/applications/import"
    created = requests.post(url, data=body, headers={"Authorization": f"Bearer {secretary}", "Content-Type": "text/csv"}, timeout=30)
    assert created.status_code == 201, created.text
    assert created.json()["applications"] == 1
    assert requests.post(url, data=body, headers={"Authorization": f"Bearer {secretary}"}, timeout=30).status_code == 409
    coordinator = requests.post(f"{service.url}/api/v1/auth/login", json={"login": "demo-coordinator", "password": "konkurs-demo-coordinator"}, timeout=10).json()["token"]
    assert requests.post(url, data=body + b" ", headers={"Authorization": f"Bearer {coordinator}"}, timeout=30).status_code == 403


def test_the_department_extends_the_application_deadline_while_applications_are_open(service):
    """«Срок приёма продлён»: while applications are open only the closing instant moves, and not into
    the past — from the command line (no --opens) and through the API (no applications_open_at)."""
    contest = next(c for c in requests.get(f"{service.url}/api/v1/contests", timeout=10).json() if c["phase"] == "applications_open" and c["title"] == "Вожатый года")
    zone = zoneinfo.ZoneInfo(contest["time_zone"])
    local = lambda iso: datetime.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(zone).strftime("%Y-%m-%d %H:%M")
    original = local(contest["applications_close_at"])

    extended = konkurs(service, "contest", "schedule", str(contest["id"]), "--closes", "2099-01-01 18:00")
    assert extended.returncode == 0, extended.stderr
    now = requests.get(f"{service.url}/api/v1/contests", timeout=10).json()
    after = next(c for c in now if c["id"] == contest["id"])
    assert local(after["applications_close_at"]) == "2099-01-01 18:00" and after["applications_open_at"] == contest["applications_open_at"]

    past = konkurs(service, "contest", "schedule", str(contest["id"]), "--closes", "2020-01-01 18:00")
    assert past.returncode != 0 and "Окончание приёма должно быть позже текущего времени" in past.stderr
    moved_opening = konkurs(service, "contest", "schedule", str(contest["id"]), "--opens", "2098-01-01 09:00", "--closes", "2099-02-01 18:00")
    assert moved_opening.returncode != 0 and "начало не меняется" in moved_opening.stderr

    token = requests.post(f"{service.url}/api/v1/auth/login", json={"login": "demo-admin", "password": "konkurs-demo-admin"}, timeout=10).json()["token"]
    restored = requests.put(f"{service.url}/api/v1/contests/{contest['id']}/schedule", headers={"Authorization": f"Bearer {token}"},
                            json={"applications_close_at": original}, timeout=10)
    assert restored.status_code == 200, restored.text
    assert local(restored.json()["applications_close_at"]) == original
