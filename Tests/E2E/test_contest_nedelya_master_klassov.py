"""«Неделя мастер-классов» (Database/regulations/nedelya-master-klassov.yaml) end to end, as an event: a
school's teacher applies through the pages with the topic and the audience of her master class; with
another presenter both are admitted; the department builds the programme (day, time, place) shown on a
public page; the school registers two attendees, the department registers one at the door and marks who
came; by the approving order (no jury, protocol or signatures) presenters and attendees present get
numbered certificates, and nobody absent gets one."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser_support import click_and_wait, sign_in
from conftest import bearer, konkurs

from contest_run import (admit_all, call, diploma_numbers, fits_the_phone, district, file_by_department, file_through_the_pages, open_edition, organisations)

__all__ = ["district"]


def presenter(surname):
    return {"role": "nominee", "surname": surname, "name": "Светлана", "birth_date": "1985-10-10", "position": "Учитель биологии",
            "experience_start": "2008-09-01"}


def test_a_week_of_master_classes_from_the_programme_to_certificates(district, browser, tmp_path):
    contest = open_edition(district, "nedelya-master-klassov")
    ours = file_through_the_pages(browser, district, contest, "master_klass", [presenter("Егорова")], [],
                                  fields={"tema": "Живая клетка", "auditoriya": "учителя-предметники", "den": "вторник"})
    other = file_by_department(district, contest, "master_klass", organisations(district)["СОШ № 9"]["id"],
                               {"members": [presenter("Лаврова")], "fields": {"tema": "Сказка на ладони", "auditoriya": "педагоги ДОУ"}}, [])
    admit_all(district, contest, [ours, other])
    admin = bearer(district, "demo-admin")
    assert call(district, "GET", f"/api/v1/contests/{contest}", admin)["next_phases"][0] == "approved", "no jury chain for an event"

    # The department builds the programme on the event page.
    sign_in(browser, district, "demo-admin", "konkurs-demo-admin")
    browser.get(f"{district.url}/events/{contest}")
    for (day, time, place) in (("2026-03-17", "14:30", "Актовый зал СОШ № 1"), ("2026-03-18", "10:00", "Кабинет 12")):
        form = browser.find_element(By.CSS_SELECTOR, "form[action*='/sessions/']")
        browser.execute_script("arguments[0].value = arguments[1]", form.find_element(By.NAME, "day"), day)
        browser.execute_script("arguments[0].value = arguments[1]", form.find_element(By.NAME, "starts"), time)
        form.find_element(By.NAME, "place").send_keys(place)
        click_and_wait(browser, form.find_element(By.TAG_NAME, "button"))
    programme = call(district, "GET", f"/api/v1/public/contests/{contest}/programme", {})
    assert [(p["day"], p["starts"], p["title"]) for p in programme] == [
        ("2026-03-17", "14:30", "Живая клетка"), ("2026-03-18", "10:00", "Сказка на ладони")], programme
    browser.delete_all_cookies()
    browser.get(f"{district.url}/contests/{contest}/programme")
    public = browser.find_element(By.TAG_NAME, "main").text
    assert "17.03.2026" in public and "Живая клетка" in public and "Егорова Светлана" in public, public
    assert fits_the_phone(browser), "the programme fits a phone"

    # The school registers two of its teachers; one without consent is refused and nothing is written.
    sign_in(browser, district, "demo-coordinator", "konkurs-demo-coordinator")
    for surname, consent in (("Панова", False), ("Панова", True), ("Рыбин", True)):
        browser.get(f"{district.url}/events/{contest}")
        Select(browser.find_element(By.NAME, "session")).select_by_value(str(ours))
        browser.find_element(By.NAME, "surname").send_keys(surname)
        browser.find_element(By.NAME, "name").send_keys("Ирина")
        if consent:
            browser.find_element(By.NAME, "consent_processing").click()
        click_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Зарегистрировать']"))
        if not consent:
            assert "Без согласия на обработку персональных данных" in browser.find_element(By.CSS_SELECTOR, "[role=alert]").text
    assert fits_the_phone(browser), "the event page fits a phone"
    school = bearer(district, "demo-coordinator")
    registered = call(district, "GET", f"/api/v1/contests/{contest}/attendees", school)
    assert sorted(a["full_name"] for a in registered) == ["Панова Ирина", "Рыбин Ирина"] and not any(a["present"] for a in registered)

    # At the event: one walk-in registered at the door (present at once); Панова came, Рыбин did not.
    walk_in = call(district, "POST", f"/api/v1/contests/{contest}/attendees", admin, expect=201, json={
        "application_id": other, "surname": "Гость", "name": "Павел", "consent_processing": True, "at_the_door": True})
    assert walk_in["present"]
    panova = next(a for a in registered if a["full_name"] == "Панова Ирина")
    rybin = next(a for a in registered if a["full_name"] == "Рыбин Ирина")
    call(district, "POST", f"/api/v1/attendees/{panova['id']}/presence", admin, json={"present": True})

    # The approving order: certificates for the two presenters and the two attendees present.
    secretary = bearer(district, "demo-secretary")
    issued = call(district, "POST", f"/api/v1/contests/{contest}/certificates", secretary, json={"order": "45-од", "date": "2026-03-20"})
    assert issued == {"issued": 4}
    assert call(district, "GET", f"/api/v1/contests/{contest}", admin)["phase"] == "published"
    printed = call(district, "GET", f"/api/v1/contests/{contest}/certificates", admin).text
    assert len(diploma_numbers(printed)) == 4
    assert "провёл(а) мастер-класс «Живая клетка» 17.03.2026" in printed and "Егорова Светлана" in printed
    assert "Панова Ирина" in printed and "Гость Павел" in printed and "Рыбин" not in printed
    absent = call(district, "GET", f"/api/v1/contests/{contest}/certificates", admin, expect=409, params={"attendee": rybin["id"]})
    assert "не отмечен(а) присутствовавшим(ей)" in absent["error"]["message"]
    listed = konkurs(district, "event", "programme", "--contest", str(contest))
    assert listed.returncode == 0 and "17.03.2026\t14:30\tАктовый зал СОШ № 1\tЖивая клетка" in listed.stdout, listed.stderr
    printed_file = tmp_path / "certificates.html"
    made = konkurs(district, "event", "print", "--contest", str(contest), "-o", str(printed_file))
    assert made.returncode == 0 and "Гость Павел" in printed_file.read_text(encoding="utf-8"), made.stderr
    mine = call(district, "GET", f"/api/v1/contests/{contest}/certificates", school).text
    assert "Егорова" in mine and "Панова" in mine and "Лаврова" not in mine and "Гость" not in mine, "a school prints its own people's"
