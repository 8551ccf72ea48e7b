"""`konkurs application …` against the running demo service: list with filters, decisions, export."""
import subprocess

import openpyxl
import pytest

from konkurs_process import BINARY


def konkurs(service, *arguments):
    return subprocess.run([BINARY, *arguments, "--data-dir", service.data_dir], capture_output=True, text=True, timeout=120)


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
