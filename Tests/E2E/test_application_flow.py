"""The issue's browser proof: a coordinator on a phone fills the form for «Вожатый года», uploads a
PDF and submits; the department admits it; the coordinator sees «допущена»."""
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser_support import click_and_wait, sign_in

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def fill(browser, name, value):
    field = browser.find_element(By.NAME, name)
    if field.get_attribute("type") == "date":
        browser.execute_script("arguments[0].value = arguments[1]", field, value)  # date pickers differ by locale
    else:
        field.clear()
        field.send_keys(value)


def status(browser):
    return browser.find_element(By.ID, "application-status").text


def test_a_coordinator_files_an_application_and_the_department_admits_it(service, browser, artifacts, tmp_path):
    sign_in(browser, service, "demo-coordinator", "konkurs-demo-coordinator")
    assert browser.current_url == service.url + "/applications"
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Вожатый года, 2026 — номинация"))

    fill(browser, "m0_name", "Ольга")
    fill(browser, "m0_patronymic", "Петровна")
    fill(browser, "m0_birth_date", "1998-04-20")
    fill(browser, "m0_position", "Старшая вожатая <школьного лагеря>")
    fill(browser, "m0_experience_start", "2020-09-01")
    browser.find_element(By.NAME, "consent_processing").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=publication][value=fields]").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=publish][value=full_name]").click()
    fill(browser, "video_links", "https://rutube.ru/video/demo-vizitka")
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[text()='Сохранить черновик']"))
    # The surname was forgotten: the form says so and keeps everything typed.
    assert "Фамилия: поле обязательно" in browser.find_element(By.CSS_SELECTOR, "[role=alert]").text
    assert browser.find_element(By.NAME, "m0_position").get_attribute("value") == "Старшая вожатая <школьного лагеря>"
    assert browser.find_element(By.CSS_SELECTOR, "input[name=publish][value=full_name]").is_selected()
    browser.save_screenshot(os.path.join(artifacts, "application-form-error.png"))

    fill(browser, "m0_surname", "Соколова")
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[text()='Сохранить черновик']"))
    assert "Черновик заявки сохранён" in browser.find_element(By.CSS_SELECTOR, "[role=status]").text
    application = browser.current_url.split("/applications/")[1].split("?")[0]

    portfolio = tmp_path / "Портфолио Соколовой.pdf"
    portfolio.write_bytes(PDF)
    Select(browser.find_element(By.NAME, "kind")).select_by_value("portfolio")
    browser.find_element(By.NAME, "file").send_keys(str(portfolio))
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[text()='Приложить']"))
    assert "Документ приложен" in browser.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert "Портфолио Соколовой.pdf" in browser.find_element(By.ID, "documents").text

    click_and_wait(browser, browser.find_element(By.XPATH, "//button[text()='Подать заявку']"))
    assert status(browser) == "подана"
    browser.save_screenshot(os.path.join(artifacts, "application-submitted.png"))

    sign_in(browser, service, "demo-secretary", "konkurs-demo-secretary")
    browser.get(f"{service.url}/applications/{application}")
    assert "Соколова Ольга Петровна" in browser.page_source
    browser.find_element(By.CSS_SELECTOR, "input[name=decision][value=admit]").click()
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[text()='Записать решение']"))
    assert status(browser) == "допущена"

    sign_in(browser, service, "demo-coordinator", "konkurs-demo-coordinator")
    row = browser.find_element(By.XPATH, f"//a[text()='{application}']/ancestor::tr")
    assert "допущена" in row.text
    browser.save_screenshot(os.path.join(artifacts, "application-admitted.png"))
