"""The issue's browser proof for the jury: a juror on a phone declares no conflict, fills a sheet
and sees «Сохранено» after each mark, submits and can no longer edit; the chair reopens it."""
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import click_and_wait, sign_in


def saved(browser):
    WebDriverWait(browser, 10).until(lambda driver: driver.find_element(By.ID, "save-status").text.startswith("Сохранено"))


def test_a_juror_scores_submits_and_the_chair_reopens(service, browser, artifacts):
    sign_in(browser, service, "demo-juror", "konkurs-demo-juror")
    assert browser.current_url == service.url + "/jury"
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[text()='Конфликта интересов нет']"))
    assert "подтверждено" in browser.find_element(By.CSS_SELECTOR, "[role=status]").text
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Портфолио наставнической практики"))
    sheet_url = browser.current_url

    marks = browser.find_elements(By.CSS_SELECTOR, "input[data-kind=mark]")
    assert len(marks) == 6
    values = ["15", "12", "18", "10", "2,5", "1"]
    for field, value in zip(marks, values):
        field.send_keys(value)
        browser.find_element(By.TAG_NAME, "h1").click()  # leaving the field is when a phone user expects it kept
        saved(browser)
    browser.find_element(By.NAME, "mark_rezultativnost").clear()
    browser.find_element(By.NAME, "mark_rezultativnost").send_keys("25")
    browser.find_element(By.TAG_NAME, "h1").click()
    WebDriverWait(browser, 10).until(lambda driver: "вне шкалы" in driver.find_element(By.ID, "save-status").text)
    browser.find_element(By.NAME, "mark_rezultativnost").clear()
    browser.find_element(By.NAME, "mark_rezultativnost").send_keys("16")
    browser.find_element(By.TAG_NAME, "h1").click()
    saved(browser)
    browser.save_screenshot(os.path.join(artifacts, "jury-sheet-saved.png"))

    browser.get(sheet_url)  # what the server kept, not what the page shows
    assert [field.get_attribute("value") for field in browser.find_elements(By.CSS_SELECTOR, "input[data-kind=mark]")] == \
        ["16", "12", "18", "10", "2.5", "1"]
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[text()='Сдать лист']"))
    assert "Лист сдан" in browser.find_element(By.CSS_SELECTOR, "p.notice").text
    assert all(not field.is_enabled() for field in browser.find_elements(By.CSS_SELECTOR, "input[data-kind=mark]"))
    assert not browser.find_elements(By.XPATH, "//button[text()='Сдать лист']")

    sign_in(browser, service, "demo-chair", "konkurs-demo-chair")
    application = sheet_url.split("/jury/sheets/")[1].split("/")[0]
    reopen = browser.find_element(
        By.XPATH, f"//li[starts-with(normalize-space(.), '№{application} ·') and contains(., 'Демо: член жюри')]//summary[text()='Открыть заново']")
    reopen.click()
    form = reopen.find_element(By.XPATH, "./following-sibling::form")
    form.find_element(By.NAME, "reason").send_keys("Перепутаны критерии 3 и 4")
    click_and_wait(browser, form.find_element(By.TAG_NAME, "button"))
    assert "Лист открыт заново" in browser.find_element(By.CSS_SELECTOR, "[role=status]").text

    sign_in(browser, service, "demo-juror", "konkurs-demo-juror")
    browser.get(sheet_url)
    assert browser.find_element(By.NAME, "mark_rezultativnost").is_enabled()
    browser.save_screenshot(os.path.join(artifacts, "jury-sheet-reopened.png"))
