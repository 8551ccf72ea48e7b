"""The public contest pages after `make run`: the demo district's editions in their phases."""
import requests


def test_the_public_sees_announced_contests_but_not_drafts(service):
    page = requests.get(service.url + "/contests", timeout=10)
    assert page.status_code == 200
    text = page.text
    assert "Вожатый года" in text and "приём заявок" in text
    assert "проверка заявок" in text  # «Лучший молодой специалист»
    assert "<td>2027</td>" not in text  # next year's «Вожатый года» is still a draft
    assert "Лидеры образования" in text and "Неделя мастер-классов" in text

    contests = requests.get(service.url + "/api/v1/contests", timeout=10).json()
    assert {c["phase"] for c in contests} == {"applications_open", "admission_review", "announced", "stage_active", "published"}


def test_a_contest_page_shows_nominations_stages_and_the_regulation(service):
    contests = requests.get(service.url + "/api/v1/contests", timeout=10).json()
    vozhatyi = next(c for c in contests if c["title"] == "Вожатый года")
    page = requests.get(f"{service.url}/contests/{vozhatyi['id']}", timeout=10).text
    assert "<h1>Вожатый года, 2026</h1>" in page
    assert "не менее 3 участников; квота на организацию: 1" in page
    assert "Отрядное дело с детьми" in page
    assert "format: konkurs/1" in page
    assert vozhatyi["regulation_sha256"] in page


def test_the_department_moves_a_contest_and_the_lifecycle_refuses_a_skip(service):
    token = requests.post(f"{service.url}/api/v1/auth/login",
                          json={"login": "demo-secretary", "password": "konkurs-demo-secretary"}, timeout=10).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    contests = requests.get(service.url + "/api/v1/contests", headers=headers, timeout=10).json()
    draft = next(c for c in contests if c["phase"] == "draft")
    skipped = requests.post(f"{service.url}/api/v1/contests/{draft['id']}/transition", json={"to": "stage_active"}, headers=headers, timeout=10)
    assert skipped.status_code == 409
    assert "из состояния «черновик» нельзя перейти в «идёт этап»" in skipped.json()["error"]["message"]
    # The draft was made by the pattern of this year's edition: its dates are not copied.
    undated = requests.post(f"{service.url}/api/v1/contests/{draft['id']}/transition", json={"to": "announced"}, headers=headers, timeout=10)
    assert undated.status_code == 409 and "задайте сроки приёма заявок" in undated.json()["error"]["message"]
    window = {"applications_open_at": "2027-03-01 09:00", "applications_close_at": "2027-03-20 18:00"}
    assert requests.put(f"{service.url}/api/v1/contests/{draft['id']}/schedule", json=window, headers=headers, timeout=10).status_code == 200
    announced = requests.post(f"{service.url}/api/v1/contests/{draft['id']}/transition", json={"to": "announced"}, headers=headers, timeout=10)
    assert announced.status_code == 200 and announced.json()["phase"] == "announced"

    coordinator = requests.post(f"{service.url}/api/v1/auth/login",
                                json={"login": "demo-coordinator", "password": "konkurs-demo-coordinator"}, timeout=10).json()["token"]
    refused = requests.post(f"{service.url}/api/v1/contests/{draft['id']}/transition", json={"to": "cancelled"},
                            headers={"Authorization": f"Bearer {coordinator}"}, timeout=10)
    assert refused.status_code == 403
