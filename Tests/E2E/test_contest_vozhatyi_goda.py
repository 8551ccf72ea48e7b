"""«Вожатый года» (Database/regulations/vozhatyi-goda.yaml) end to end in two stages: a school files its
counsellor through the pages with the portfolio and the video link; with two more it is admitted and
scored in the correspondence and the in-person stage; the final protocol names the person. The
regulation gives three days for appeals after signing: approval is refused until they have passed,
then the results are approved and published, and the public page and the diploma name the person."""
from selenium.webdriver.common.by import By

from conftest import bearer
from contest_run import (admit_all, call, days_pass_since_signing, diploma_numbers, diplomas, district, file_by_department,
                         file_through_the_pages, open_edition, organisations, publish, score_and_sign)

__all__ = ["district"]


def counsellor(surname, born="1998-05-14"):
    return {"role": "nominee", "surname": surname, "name": "Дарья", "patronymic": "Андреевна", "birth_date": born,
            "position": "Старшая вожатая", "experience_start": "2020-09-01"}


def test_a_counsellor_through_both_stages_to_the_diploma(district, browser):
    contest = open_edition(district, "vozhatyi-goda")
    ours = file_through_the_pages(browser, district, contest, "vozhatyi", [counsellor("Ковалёва")], ["portfolio"],
                                  video="https://rutube.ru/video/vozhatyi")
    assert "https://rutube.ru/video/vozhatyi" in browser.find_element(By.TAG_NAME, "main").text

    schools = organisations(district)
    others = [file_by_department(district, contest, "vozhatyi", schools[school]["id"],
                                 {"members": [counsellor(surname)], "video_links": ["https://rutube.ru/video/1"]}, ["portfolio"])
              for school, surname in (("СОШ № 2", "Литвинов"), ("СОШ № 3", "Гаврилова"))]
    admit_all(district, contest, [ours, *others])
    final = score_and_sign(district, contest, [ours, *others])

    secretary = bearer(district, "demo-secretary")
    refused = call(district, "PUT", f"/api/v1/contests/{contest}/approval", secretary, expect=409, json={"order": "7-од", "date": "2026-12-01"})
    assert "идёт срок подачи апелляций" in refused["error"]["message"], refused
    protocol = call(district, "GET", f"/api/v1/protocols/{final['id']}/document", secretary, params={"format": "csv"}).text
    winner = next(line for line in protocol.splitlines() if "Ковалёва" in line)
    assert "Ковалёва Дарья Андреевна" in winner and ",1," in winner, protocol

    days_pass_since_signing(district, contest, 4)
    public = publish(district, contest)
    rows = public["nominations"][0]["results"]
    assert (rows[0]["place"], rows[0]["name"], rows[0]["organisation"]) == ("1", "Ковалёва Дарья Андреевна", "СОШ № 1"), rows
    printed = diplomas(district, contest, ours)
    assert len(diploma_numbers(printed)) == 1 and "Ковалёва Дарья Андреевна" in printed
