"""«Лидеры образования» (Database/regulations/lidery-obrazovaniya.yaml) end to end: a school files a team
of six (a captain, two young teachers, a mentor and two pupils whose guardians give their consents)
through the pages; with two more teams it is admitted and scored online — both attempts of the quest,
the speed bonus entered by the secretary on the attempts page, a tie at the first place decided by the
jury's vote on the results page — published, and every member gets their own diploma; the public page
names the team and lists the members who allowed it; the database's marks exported and computed
offline give the same bytes."""
import os
import subprocess

import requests

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser_support import click_and_wait, sign_in
from conftest import bearer, konkurs
from contest_run import (admit_all, call, diploma_numbers, diplomas, district, file_by_department, file_through_the_pages, fits_the_phone,
                         open_edition, organisations, score_and_publish)
from konkurs_process import BINARY

__all__ = ["district"]


def teacher(role, surname, born="1996-03-01", **more):
    return {"role": role, "surname": surname, "name": "Анна", "birth_date": born, "position": "Учитель", "experience_start": "2020-09-01", **more}


def pupil(surname, guardian, listed):
    return {"role": "uchenik", "surname": surname, "name": "Миша", "position": "8 класс", "guardian": guardian, "name_published": listed}


def test_a_team_with_pupils_from_the_form_to_its_diplomas(district, browser):
    contest = open_edition(district, "lidery-obrazovaniya")
    people = [teacher("captain", "Ким", name_published=True), teacher("molodoi", "Ли"), teacher("molodoi", "Пак"),
              teacher("nastavnik", "Орлова", born="1972-05-05"), pupil("Иванов", "Иванова Ольга Петровна", True),
              pupil("Петров", "Петров Олег Иванович", False)]

    # The form offers the nomination's roles only, and the roster's rules before anything is typed.
    sign_in(browser, district, "demo-coordinator", "konkurs-demo-coordinator")
    browser.get(f"{district.url}/applications/new?contest={contest}&nomination=komandy")
    text = browser.find_element(By.TAG_NAME, "main").text
    assert "Состав: от 4 до 8 человек" in text and "обучающийся" in text
    assert fits_the_phone(browser), "the roster form fits a phone"

    ours = file_through_the_pages(browser, district, contest, "komandy", people, [], entry_name="Звёзды",
                                  fields={"proekt": "Школа радости", "deviz": "Вместе — к вершинам"})
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "Звёзды" in page and "согласия дал(а) Иванова Ольга Петровна" in page, page


    schools = organisations(district)
    others = []
    for school, team in (("СОШ № 2", "Прорыв"), ("СОШ № 3", "Горизонт")):
        roster = [{**teacher("captain", f"Капитан{team}")}, teacher("molodoi", f"Молодой{team}"), teacher("nastavnik", f"Наставник{team}", born="1970-01-01"),
                  {"role": "uchenik", "surname": f"Ученик{team}", "name": "Петя", "guardian": "Родитель"}]
        others.append(file_by_department(district, contest, "komandy", schools[school]["id"],
                                         {"members": roster, "entry_name": team, "fields": {"proekt": "Проект"}}, []))
    admit_all(district, contest, [ours, *others])

    def speed_bonus():
        # The secretary types the timekeeper's bonuses in: «Звёзды» and «Прорыв» equally fast.
        sign_in(browser, district, "demo-secretary", "konkurs-demo-secretary")
        browser.get(f"{district.url}/scoring/{contest}/attempts")
        page = browser.find_element(By.TAG_NAME, "main").text
        assert "Педагогический квест, попытка 2 из 2" in page and "Бонус за скорость (от 0 до 3)" in page, page
        assert fits_the_phone(browser), "the attempts page fits a phone"
        for team, bonus in ((ours, "4"), (ours, "2"), (others[0], "2"), (others[1], "1")):
            form = browser.find_element(By.ID, f"a{team}-kvest-1")
            field = form.find_element(By.NAME, "value_extra:skorost")
            field.clear()
            field.send_keys(bonus)
            click_and_wait(browser, form.find_element(By.TAG_NAME, "button"))
            if bonus == "4":
                assert "4 больше допустимого 3" in browser.find_element(By.ID, f"a{team}-kvest-1").text, "the error is beside its form"
        browser.get(f"{district.url}/scoring/{contest}/attempts")
        assert browser.find_element(By.ID, f"a{ours}-kvest-1").find_element(By.NAME, "value_extra:skorost").get_attribute("value") == "2"
        juror = bearer(district, "demo-juror")
        # The juror's phone sheet has a section per attempt of the quest.
        call(district, "POST", f"/api/v1/jury/contests/{contest}/no-conflict", juror, expect=204)
        sign_in(browser, district, "demo-juror", "konkurs-demo-juror")
        browser.get(f"{district.url}/jury/sheets/{ours}/kvest")
        sheet = browser.find_element(By.TAG_NAME, "main").text
        assert "Попытка 1 из 2" in sheet and "Попытка 2 из 2" in sheet, sheet
        assert browser.find_element(By.NAME, "mark_zadaniya@2"), "the second attempt's marks have their own fields"
        assert fits_the_phone(browser), "the sheet with two attempts fits a phone"
        # A juror does not enter the attempt's bonus.
        call(district, "PUT", f"/api/v1/attempt-values/{ours}/kvest/1", juror, expect=403, json={"values": {"extra:skorost": "3"}})

    def jury_vote():
        # Equal totals, equal projects, equal bonuses: the regulation leaves the first place to the jury's vote.
        sign_in(browser, district, "demo-secretary", "konkurs-demo-secretary")
        browser.get(f"{district.url}/admin/results?contest={contest}")
        decisions = browser.find_element(By.ID, "decisions")
        assert "«Командный зачёт»: равенство баллов" in decisions.text and "Голосов членов жюри за участника" in decisions.text
        tie = decisions.find_element(By.CSS_SELECTOR, "form[action$='/ties']")
        tie.find_element(By.NAME, f"value_{ours}").send_keys("2")
        tie.find_element(By.NAME, f"value_{others[0]}").send_keys("1")
        click_and_wait(browser, tie.find_element(By.TAG_NAME, "button"))
        recorded = browser.find_element(By.ID, "decisions").text
        assert f"голосование жюри: {ours} — 2, {others[0]} — 1" in recorded, recorded
        # «Лучший капитан» by the jury's decision, to the third team.
        prizes = browser.find_element(By.CSS_SELECTOR, "#decisions form[action$='/prizes']")
        Select(prizes.find_element(By.NAME, "prize")).select_by_visible_text("Лучший капитан")
        Select(prizes.find_element(By.NAME, "entry")).select_by_value(str(others[1]))
        click_and_wait(browser, prizes.find_element(By.TAG_NAME, "button"))
        assert f"«Лучший капитан» — №{others[1]}; решение жюри" in browser.find_element(By.ID, "decisions").text

    public = score_and_publish(district, contest, [ours, *others], while_open=speed_bonus, ranks={ours: 0, others[0]: 0, others[1]: 2},
                               before_protocol=jury_vote)
    sheet = call(district, "GET", f"/api/v1/contests/{contest}/results", bearer(district, "demo-secretary"))
    kvest = next(trial for trial in sheet["nominations"][0]["entries"][0]["stages"][0]["trials"] if trial["trial"] == "kvest")
    assert float(kvest["components"]["skorost"]) == 2, kvest

    rows = public["nominations"][0]["results"]
    assert rows[0]["name"] == "Звёзды (Ким Анна, Иванов Миша)", rows  # only those who allowed it are listed
    assert rows[0]["place"] == "1" and rows[1]["name"] == "Прорыв" and rows[2]["name"] == "Горизонт"
    browser.get(f"{district.url}/contests/{contest}/results")
    assert "Звёзды (Ким Анна, Иванов Миша)" in browser.find_element(By.TAG_NAME, "main").text

    printed = diplomas(district, contest, ours)
    assert len(diploma_numbers(printed)) == 6, "each of the six gets their own numbered diploma"
    for person in ("Ким Анна", "Петров Миша", "Орлова Анна"):
        assert f"{person} — «Звёзды»" in printed

    # The marks in the database, exported for the counting commission, compute to the same bytes.
    folder = district.data_dir + f"-export-{contest}"
    os.makedirs(folder, exist_ok=True)
    exported = konkurs(district, "results", "export", "--contest", str(contest), "--dir", folder)
    assert exported.returncode == 0, exported.stderr
    scores = open(f"{folder}/scores.csv").read()
    assert scores.startswith("entry,juror,trial,criterion,attempt,score,extra:skorost") and ",kvest,zadaniya,2," in scores
    offline = subprocess.run(
        [BINARY, "results", "compute", "--regulation", f"{folder}/regulation.yaml", "--scores", f"{folder}/scores.csv",
         "--entries", f"{folder}/entries.csv", "--decisions", f"{folder}/decisions.yaml"], capture_output=True, timeout=60)
    assert offline.returncode == 0, offline.stderr
    online = requests.get(f"{district.url}/api/v1/contests/{contest}/results", headers=bearer(district, "demo-secretary"), timeout=60)
    assert online.status_code == 200 and online.content == offline.stdout
