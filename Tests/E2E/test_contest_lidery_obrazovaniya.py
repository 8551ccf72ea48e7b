"""«Лидеры образования» (Database/regulations/lidery-obrazovaniya.yaml) end to end: a school files a team
of six (a captain, two young teachers, a mentor and two pupils whose guardians give their consents)
through the pages; with two more teams it is admitted, scored, published, and every member gets their
own diploma; the public page names the team and lists the members who allowed it."""
from selenium.webdriver.common.by import By

from browser_support import sign_in
from contest_run import (admit_all, diploma_numbers, diplomas, district, file_by_department, file_through_the_pages, fits_the_phone,
                         open_edition, organisations, score_and_publish)

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
    public = score_and_publish(district, contest, [ours, *others])

    rows = public["nominations"][0]["results"]
    assert rows[0]["name"] == "Звёзды (Ким Анна, Иванов Миша)", rows  # only those who allowed it are listed
    assert rows[0]["place"] == "1" and rows[1]["name"] == "Прорыв" and rows[2]["name"] == "Горизонт"
    browser.get(f"{district.url}/contests/{contest}/results")
    assert "Звёзды (Ким Анна, Иванов Миша)" in browser.find_element(By.TAG_NAME, "main").text

    printed = diplomas(district, contest, ours)
    assert len(diploma_numbers(printed)) == 6, "each of the six gets their own numbered diploma"
    for person in ("Ким Анна", "Петров Миша", "Орлова Анна"):
        assert f"{person} — «Звёзды»" in printed
