"""«Лучшая организация наставничества» (Database/regulations/luchshaya-organizaciya-nastavnichestva.yaml)
end to end: a school nominates itself through the pages, with a contact person (no birth dates asked of
anyone) and the practice's own fields; with another school it is admitted, scored and published; the
public page and the diploma name the organisation."""
from selenium.webdriver.common.by import By

from browser_support import sign_in
from contest_run import (admit_all, diploma_numbers, diplomas, district, file_by_department, file_through_the_pages, open_edition,
                         organisations, score_and_publish)

__all__ = ["district"]

CONTACT = {"role": "contact", "surname": "Белова", "name": "Ирина", "position": "Заместитель директора", "contacts": "+7 900 000-00-00"}


def test_an_organisation_nominates_itself_and_its_diploma_names_it(district, browser):
    contest = open_edition(district, "luchshaya-organizaciya-nastavnichestva")
    sign_in(browser, district, "demo-coordinator", "konkurs-demo-coordinator")
    browser.get(f"{district.url}/applications/new?contest={contest}&nomination=organizaciya")
    assert not browser.find_elements(By.NAME, "m0_birth_date"), "a contact person is not asked for a birth date"
    assert browser.find_element(By.NAME, "f_ssylka").get_attribute("type") == "url"

    ours = file_through_the_pages(browser, district, contest, "organizaciya", [CONTACT], ["programma"],
                                  fields={"praktika": "Наставник рядом", "nastavnikov": "12", "ssylka": "https://school1.example/nastavnik"})
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "Наставник рядом" in page and "Число пар «наставник — наставляемый» в организации" in page, page

    schools = organisations(district)
    other = file_by_department(district, contest, "organizaciya", schools["СОШ № 2"]["id"],
                               {"members": [{**CONTACT, "surname": "Зотова"}], "fields": {"praktika": "Школа молодого педагога", "nastavnikov": "5"}},
                               ["programma"])
    admit_all(district, contest, [ours, other])
    public = score_and_publish(district, contest, [ours, other])

    rows = public["nominations"][0]["results"]
    assert [(r["place"], r["name"]) for r in rows] == [("1", "СОШ № 1"), ("2", "СОШ № 2")], rows
    assert "Белова" not in str(public), "the contact person is not the nominee"
    printed = diplomas(district, contest, ours)
    assert len(diploma_numbers(printed)) == 1 and "МБОУ СОШ № 1 г. Амурска" in printed
