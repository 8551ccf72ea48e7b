"""«Лучший молодой специалист» (Database/regulations/luchshii-molodoi-specialist.yaml) end to end: a
school files its young teacher through the pages; one over the age limit is refused at submit naming the
rule; with two more the nomination is admitted, scored, published; the public page and the diploma name
the person."""


from conftest import bearer
from contest_run import (admit_all, attach_required, call, diploma_numbers, diplomas, district, file_by_department, file_through_the_pages,
                         open_edition, organisations, score_and_publish)


__all__ = ["district"]


def teacher(surname, born="1999-03-03", started="2024-09-01"):
    return {"role": "nominee", "surname": surname, "name": "Мария", "patronymic": "Олеговна", "birth_date": born,
            "position": "Учитель начальных классов", "experience_start": started}


def test_a_young_teacher_through_the_award_and_an_older_one_refused(district, browser):
    contest = open_edition(district, "luchshii-molodoi-specialist")
    ours = file_through_the_pages(browser, district, contest, "molodoi", [teacher("Соколова")], ["predstavlenie"])
    schools = organisations(district)
    admin = bearer(district, "demo-admin")
    older = call(district, "POST", "/api/v1/applications", admin, expect=201, json={
        "contest_id": contest, "nomination": "molodoi", "organisation_id": schools["СОШ № 5"]["id"], "consent_processing": True,
        "consent_publication": [], "members": [teacher("Старова", born="1985-01-01", started="2008-09-01")]})
    attach_required(district, older["id"], ["predstavlenie"], admin)
    refused = call(district, "POST", f"/api/v1/applications/{older['id']}/submit", admin, expect=422)
    assert "на 01.09.2026 возраст 41 год, положение допускает не старше 35" in str(refused), refused
    assert "педагогический стаж 18 лет, положение допускает не более 3" in str(refused), refused
    others = [file_by_department(district, contest, "molodoi", schools[school]["id"], {"members": [teacher(surname)]}, ["predstavlenie"])
              for school, surname in (("СОШ № 2", "Ершова"), ("СОШ № 3", "Малахова"))]
    admit_all(district, contest, [ours, *others])
    public = score_and_publish(district, contest, [ours, *others])
    rows = public["nominations"][0]["results"]
    assert (rows[0]["place"], rows[0]["name"]) == ("1", "Соколова Мария Олеговна"), rows
    printed = diplomas(district, contest, ours)
    assert len(diploma_numbers(printed)) == 1 and "Соколова Мария Олеговна" in printed
