"""«Лучший педагог-наставник» (Database/regulations/luchshii-pedagog-nastavnik.yaml) end to end: a school
files a mentor–mentee pair through the pages; a pair not yet a year together is refused at submit with
the rule named, corrected on the same form and submitted; with another pair it is admitted, scored and
published, the public page names both people, and each of them gets their own diploma."""
import re

from selenium.webdriver.common.by import By

from browser_support import click_and_wait, sign_in
from conftest import bearer
from contest_run import (admit_all, attach_required, call, diploma_numbers, diplomas, district, file_by_department, fill_form, open_edition,
                         organisations, score_and_publish)

__all__ = ["district"]

PAIR = [
    {"role": "mentor", "surname": "Миронова", "name": "Елена", "patronymic": "Викторовна", "birth_date": "1975-02-14",
     "position": "Учитель математики", "experience_start": "1998-09-01"},
    {"role": "mentee", "surname": "Фомин", "name": "Кирилл", "birth_date": "2000-06-03", "position": "Учитель математики",
     "experience_start": "2025-09-01"},
]


def test_a_pair_is_refused_until_a_year_together_then_each_gets_a_diploma(district, browser):
    contest = open_edition(district, "luchshii-pedagog-nastavnik")
    sign_in(browser, district, "demo-coordinator", "konkurs-demo-coordinator")
    browser.get(f"{district.url}/applications/new?contest={contest}&nomination=nastavnik")
    fill_form(browser, PAIR, fields={"vmeste_s": "2026-06-01", "praktika": "Математика без страха", "forma": "педагог — педагог"})
    ours = int(re.search(r"/applications/(\d+)", browser.current_url).group(1))
    attach_required(district, ours, ["predstavlenie"], bearer(district, "demo-coordinator"))
    browser.get(f"{district.url}/applications/{ours}")
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Подать заявку']"))
    alert = browser.find_element(By.CSS_SELECTOR, "[role=alert]").text
    assert "«Дата приказа о закреплении наставника»: на 01.09.2026 пара работает вместе 0 лет, положение требует минимум 1 год" in alert, alert

    date = browser.find_element(By.NAME, "f_vmeste_s")
    assert date.get_attribute("value") == "2026-06-01", "what was typed is on the form"
    browser.execute_script("arguments[0].value = '2024-09-01'", date)
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Сохранить черновик']"))
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Подать заявку']"))
    assert browser.find_element(By.ID, "application-status").text == "подана"

    schools = organisations(district)
    other_pair = [{**PAIR[0], "surname": "Ершова"}, {**PAIR[1], "surname": "Лаптева"}]
    other = file_by_department(district, contest, "nastavnik", schools["СОШ № 5"]["id"],
                               {"members": other_pair, "fields": {"vmeste_s": "2023-09-01", "praktika": "Первые шаги", "forma": "педагог — педагог"}},
                               ["predstavlenie"])
    admit_all(district, contest, [ours, other])

    def the_juror_reads_what_the_jury_may():
        """A juror reads the own fields the regulation shows the jury, never the department's."""
        sign_in(browser, district, "demo-juror", "konkurs-demo-juror")
        call(district, "POST", f"/api/v1/jury/contests/{contest}/no-conflict", bearer(district, "demo-juror"), expect=204)
        browser.get(f"{district.url}/jury/sheets/{ours}/portfolio")
        sheet = browser.find_element(By.TAG_NAME, "main").text
        assert "Математика без страха" in sheet and "Название наставнической практики" in sheet, sheet
        assert "Дата приказа о закреплении наставника" not in sheet and "2024-09-01" not in sheet

    public = score_and_publish(district, contest, [ours, other], while_open=the_juror_reads_what_the_jury_may)

    rows = public["nominations"][0]["results"]
    assert rows[0]["name"] == "Миронова Елена Викторовна — Фомин Кирилл" and rows[0]["place"] == "1", rows
    printed = diplomas(district, contest, ours)
    assert len(diploma_numbers(printed)) == 2, "both people of the pair get their own diploma"

    assert "Миронова Елена Викторовна" in printed and "Фомин Кирилл" in printed
