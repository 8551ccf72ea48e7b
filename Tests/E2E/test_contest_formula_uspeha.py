"""«Формула успеха» (Database/regulations/formula-uspeha.yaml) end to end: only preschools may apply; a
kindergarten files a group number (a leader and three performers) through the pages with its genre;
a school is refused; with two solo numbers the nomination is held, scored, the audience prize given by
the audience's tally on the results page, published, the public page names the number and every
performer gets their own diploma."""
from selenium.webdriver.common.by import By

from browser_support import click_and_wait, sign_in
from conftest import bearer, konkurs

from contest_run import (admit_all, call, coordinator_of, diploma_numbers, diplomas, district, file_by_department, file_through_the_pages,
                         open_edition, organisations, score_and_publish)

__all__ = ["district"]


def performer(role, surname):
    return {"role": role, "surname": surname, "name": "Ольга", "birth_date": "1988-04-04", "position": "Музыкальный руководитель",
            "experience_start": "2010-09-01", "name_published": True}


def test_a_kindergarten_group_number_from_the_form_to_each_performers_diploma(district, browser):
    # Next year's edition from the command line, by the pattern of the demo's: same regulation, no dates.
    demo_edition = next(c for c in call(district, "GET", "/api/v1/contests", bearer(district, "demo-admin")) if c["title"] == "Фестиваль «Формула успеха»")
    copied = konkurs(district, "contest", "create", "--from", str(demo_edition["id"]), "--edition", "2027")
    assert copied.returncode == 0 and "Фестиваль «Формула успеха», 2027 — черновик" in copied.stdout, copied.stderr
    refused = konkurs(district, "contest", "create", "--from", str(demo_edition["id"]))
    assert refused.returncode != 0 and "С --from укажите --edition" in refused.stderr

    contest = open_edition(district, "formula-uspeha")
    group = [performer("captain", "Соколова"), performer("member", "Белова"), performer("member", "Журавлёва"), performer("member", "Лебедева")]

    # A school's coordinator cannot apply: the festival is for preschools.
    school = bearer(district, "demo-coordinator")
    draft = call(district, "POST", "/api/v1/applications", school, expect=201, json={
        "contest_id": contest, "nomination": "tvorchestvo", "members": group[:1], "entry_name": "Соло", "consent_processing": True,
        "consent_publication": [], "fields": {"zhanr": "вокал"}})
    refused = call(district, "POST", f"/api/v1/applications/{draft['id']}/submit", school, expect=422)
    assert "только от организаций типа ДОУ" in str(refused), refused

    ours = file_through_the_pages(browser, district, contest, "tvorchestvo", group, [], entry_name="Весенний хоровод",
                                  fields={"zhanr": "хореография", "dlitelnost": "4,5"}, account=coordinator_of(district, "ДОУ № 7"))
    assert "хореография" in browser.find_element(By.TAG_NAME, "main").text

    kindergartens = organisations(district)
    solos = [file_by_department(district, contest, "tvorchestvo", kindergartens[name]["id"],
                                {"members": [performer("captain", surname)], "entry_name": title, "fields": {"zhanr": "вокал"}}, [])
             for name, surname, title in (("ДОУ № 12", "Орлова", "Колыбельная"), ("ДОУ № 3 Эльбан", "Фролова", "Песня о маме"))]
    admit_all(district, contest, [ours, *solos])

    def audience_vote():
        sign_in(browser, district, "demo-secretary", "konkurs-demo-secretary")
        browser.get(f"{district.url}/admin/results?contest={contest}")
        form = next(f for f in browser.find_elements(By.CSS_SELECTOR, "#decisions form[action$='/prizes']")
                    if f.find_element(By.NAME, "nomination").get_attribute("value") == "tvorchestvo")
        form.find_element(By.CSS_SELECTOR, "input[name=way][value=audience]").click()
        for entry, votes in ((ours, "31"), (solos[0], "57"), (solos[1], "12")):
            form.find_element(By.NAME, f"votes_{entry}").send_keys(votes)
        click_and_wait(browser, form.find_element(By.TAG_NAME, "button"))
        recorded = browser.find_element(By.ID, "decisions").text
        assert f"«Приз зрительских симпатий» — №{solos[0]}; зрительское голосование: {solos[0]} — 57, {ours} — 31, {solos[1]} — 12" in recorded, recorded

    public = score_and_publish(district, contest, [ours, *solos], before_protocol=audience_vote)
    protocol = call(district, "GET", f"/api/v1/contests/{contest}/results", bearer(district, "demo-secretary"))
    prized = [e for n in protocol["nominations"] for e in n["entries"] if e["special_prizes"]]
    assert [(e["entry"], e["special_prizes"]) for e in prized] == [(str(solos[0]), ["Приз зрительских симпатий"])], prized

    held = [n for n in public["nominations"] if n["results"]]
    assert len(held) == 1, "the other nominations had no entrants"
    rows = held[0]["results"]
    assert rows[0]["name"] == "Весенний хоровод (Соколова Ольга, Белова Ольга, Журавлёва Ольга, Лебедева Ольга)", rows
    assert [r["name"] for r in rows[1:]] == ["Колыбельная (Орлова Ольга)", "Песня о маме (Фролова Ольга)"]
    printed = diplomas(district, contest, ours)
    assert len(diploma_numbers(printed)) == 4 and "Журавлёва Ольга — «Весенний хоровод»" in printed
