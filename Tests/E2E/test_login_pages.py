"""Signing in through the pages as each demo role, a wrong password, and logging out."""
import os

import pytest
import requests
from selenium.webdriver.common.by import By

from browser_support import click_and_wait, sign_in

START_PAGES = {
    "admin": ("/admin/organisations", "Организации"),
    "secretary": ("/applications", "Заявки"),
    "counting": ("/admin/audit", "Журнал аудита"),
    "coordinator": ("/applications", "Заявки"),
    "juror": ("/jury", "Оценивание"),
    "chair": ("/jury", "Оценивание"),
    "observer": ("/admin/audit", "Журнал аудита"),
}


@pytest.mark.parametrize("role", list(START_PAGES))
def test_each_demo_role_lands_on_its_start_page(service, browser, artifacts, role):
    sign_in(browser, service, f"demo-{role}", f"konkurs-demo-{role}")
    path, heading = START_PAGES[role]
    assert browser.current_url == service.url + path
    assert browser.find_element(By.TAG_NAME, "h1").text == heading
    assert f"Выйти (demo-{role})" in browser.find_element(By.CLASS_NAME, "menu").text
    browser.save_screenshot(os.path.join(artifacts, f"start-{role}.png"))


def test_a_coordinator_sees_only_their_organisation(service, browser):
    sign_in(browser, service, "demo-coordinator", "konkurs-demo-coordinator")
    browser.get(service.url + "/admin/organisations")
    rows = browser.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert [row.find_element(By.TAG_NAME, "td").text for row in rows] == ["СОШ № 1"]


def test_a_wrong_password_shows_the_russian_error(service, browser, artifacts):
    sign_in(browser, service, "demo-observer", "не тот пароль")
    assert browser.find_element(By.CSS_SELECTOR, "p.error").text == "Неверный логин или пароль."
    assert browser.current_url == service.url + "/login"
    browser.save_screenshot(os.path.join(artifacts, "login-error.png"))


def test_logout_ends_the_session(service, browser):
    sign_in(browser, service, "demo-secretary", "konkurs-demo-secretary")
    cookie = browser.get_cookie("konkurs_session")["value"]
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".menu button"))
    assert browser.current_url == service.url + "/login"
    # The old cookie no longer opens anything.
    response = requests.get(service.url + "/admin/organisations", cookies={"konkurs_session": cookie}, allow_redirects=False, timeout=5)
    assert response.status_code == 303 and response.headers["location"] == "/login"


def test_api_login_and_logout(service):
    login = requests.post(f"{service.url}/api/v1/auth/login", json={"login": "demo-juror", "password": "konkurs-demo-juror"}, timeout=10)
    assert login.status_code == 200
    token = login.json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert requests.get(f"{service.url}/api/v1/me", headers=headers, timeout=5).json()["roles"] == ["juror"]
    assert requests.post(f"{service.url}/api/v1/auth/logout", headers=headers, timeout=5).status_code == 204
    assert requests.get(f"{service.url}/api/v1/me", headers=headers, timeout=5).status_code == 401
